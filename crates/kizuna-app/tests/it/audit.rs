//! Accountability and a person's rights through the application, on both
//! databases: who did what is logged with the actor the application acts
//! for, views and exports of personal data are logged, a person's data is
//! exported whole, erasure keeps the statistics and leaves no name behind,
//! and the purge removes exactly what its dry run listed.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use chrono::{Duration, NaiveDate};
use kizuna_app::training::transfer::FileFormat;
use kizuna_app::{Actor, App, ManualClock};
use kizuna_domain::common::Text;
use kizuna_domain::common::access::TokenScope;
use kizuna_domain::common::person::{Person, PersonInput};
use kizuna_domain::training::session::Session;
use kizuna_domain::training::stats::{TraineeFilter, TraineeReport};
use kizuna_store::{Action, AuditFilter, Backend, Page, Verification};
use kizuna_testkit::fresh_store;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

async fn demo(backend: Backend) -> (App, ManualClock) {
    let clock = ManualClock::on(d("2026-11-23"));
    let app = App::new(fresh_store(backend).await.unwrap()).with_clock(clock.clone());
    app.load_demo().await.unwrap();
    (app, clock)
}

async fn report(app: &App, as_of: &str) -> TraineeReport {
    app.trainee_report(&TraineeFilter {
        as_of: Some(d(as_of)),
        ..Default::default()
    })
    .await
    .unwrap()
}

/// A trainee of the fiscal year `fy` in the demo.
async fn trainee_of(app: &App, fy: i32) -> Person {
    let (people, _) = app
        .trainee_drilldown(
            &TraineeFilter {
                as_of: Some(d("2026-11-23")),
                fiscal_year: Some(fy.try_into().unwrap()),
                ..Default::default()
            },
            Page { limit: 1, offset: 0 },
        )
        .await
        .unwrap();
    people.into_iter().next().unwrap()
}

async fn entries(app: &App, filter: AuditFilter) -> Vec<kizuna_store::AuditEntry> {
    app.audit_log(&filter, Page::ALL).await.unwrap().0
}

kizuna_testkit::on_both!(
    the_chain_verifies_after_the_demo_and_writes_carry_their_actor,
    views_and_exports_of_personal_data_are_logged,
    a_person_export_holds_participations_attendance_and_audit,
    erasure_keeps_the_statistics_and_leaves_no_name,
    purge_removes_exactly_what_the_dry_run_listed,
);

async fn the_chain_verifies_after_the_demo_and_writes_carry_their_actor(backend: Backend) {
    let (app, _) = demo(backend).await;
    let mut input = trainee_of(&app, 2001).await;
    let before = app.audit_log(&AuditFilter::default(), Page::ALL).await.unwrap().1;
    assert!(before > 680, "the demo's writes are logged: {before}");
    let staff = app.acting(Actor::request(Some(42), "console", Some("198.51.100.7".into())));
    input.fields.position = Some(Text::parse("Engineer").unwrap());
    let changed = staff
        .update::<Person>(input.id, input.version, &input.fields)
        .await
        .unwrap();
    let mine = entries(
        &app,
        AuditFilter {
            actor_user_id: Some(42),
            ..AuditFilter::default()
        },
    )
    .await;
    assert_eq!(mine.len(), 1, "one write, one entry: {mine:#?}");
    let e = &mine[0];
    assert_eq!(
        (
            e.action.as_str(),
            e.entity.as_str(),
            e.record_id,
            e.actor_label.as_str()
        ),
        ("update", "person", Some(changed.id), "console")
    );
    assert_eq!(e.address.as_deref(), Some("198.51.100.7"));
    assert_eq!(e.at, app.now(), "the time is the application's clock");
    match app.verify_audit().await.unwrap() {
        Verification::Intact { entries, .. } => assert_eq!(entries, before + 1),
        broken => panic!("{broken:?}"),
    }
}

async fn views_and_exports_of_personal_data_are_logged(backend: Backend) {
    let (app, _) = demo(backend).await;
    let staff = app.acting(Actor::request(Some(5), "api", None));
    let p = trainee_of(&app, 2003).await;
    staff.get::<Person>(p.id).await.unwrap();
    let views = entries(
        &app,
        AuditFilter {
            actor_user_id: Some(5),
            action: Some(Action::View),
            ..AuditFilter::default()
        },
    )
    .await;
    assert_eq!(views.len(), 1);
    assert_eq!((views[0].entity.as_str(), views[0].record_id), ("person", Some(p.id)));
    staff.export_trainees(FileFormat::Csv).await.unwrap();
    let exports = entries(
        &app,
        AuditFilter {
            actor_user_id: Some(5),
            action: Some(Action::Export),
            ..AuditFilter::default()
        },
    )
    .await;
    assert_eq!(exports.len(), 1);
    assert_eq!(exports[0].entity, "trainee");
    assert!(exports[0].detail.as_deref().unwrap().contains("rows"), "{exports:?}");
    // A list of people: one view per person shown.
    let (shown, _) = staff
        .trainee_drilldown(&TraineeFilter::default(), Page { limit: 7, offset: 0 })
        .await
        .unwrap();
    let listed = entries(
        &app,
        AuditFilter {
            actor_user_id: Some(5),
            action: Some(Action::View),
            ..AuditFilter::default()
        },
    )
    .await;
    assert_eq!(listed.len(), 1 + shown.len());
}

async fn a_person_export_holds_participations_attendance_and_audit(backend: Backend) {
    let (app, _) = demo(backend).await;
    // Someone marked at a session of the demo's FY2007 course.
    let (sessions, _) = app
        .list::<Session>(&Default::default(), Page { limit: 1, offset: 0 })
        .await
        .unwrap();
    let marked = app.attendance(sessions[0].id).await.unwrap()[0].person_id;
    let p = app.store.get::<Person>(marked).await.unwrap();
    let cli = app.acting(Actor::cli());
    let x = cli.export_person(p.id).await.unwrap();
    assert_eq!(x.person.id, p.id);
    assert!(!x.participations.is_empty());
    assert!(x.participations.iter().all(|pa| pa.fields.person_id == p.id));
    assert_eq!(x.roles.len(), x.participations.len());
    assert!(!x.attendance.is_empty(), "the FY2007 course's sessions were attended");
    assert!(
        x.audit
            .iter()
            .any(|e| e.action == "create" && e.record_id == Some(p.id)),
        "the audit entries about the person: {:?}",
        x.audit
    );
    let json = serde_json::to_value(&x).unwrap();
    assert_eq!(json["person"]["family_name"], p.fields.family_name.as_str());
    let exported = entries(
        &app,
        AuditFilter {
            action: Some(Action::Export),
            entity: Some("person".into()),
            record_id: Some(p.id),
            ..AuditFilter::default()
        },
    )
    .await;
    assert_eq!(exported.len(), 1);
    assert_eq!(exported[0].actor_label, "cli");
}

async fn erasure_keeps_the_statistics_and_leaves_no_name(backend: Backend) {
    let (app, _) = demo(backend).await;
    let march_2008 = report(&app, "2008-03-31").await;
    assert_eq!((march_2008.trainees, march_2008.countries), (680, 57));
    let today = report(&app, "2026-11-23").await;
    let p = trainee_of(&app, 2000).await;
    // Give the trainee names no one else has, in every form, and a note.
    let names = [
        "Zyxwquorth",
        "Pemberleyvan",
        "ซซซทดสอบชื่อ",
        "テストメイカナ",
        "zyxw.unique@example.org",
        "Chief of Zyxw",
    ];
    let mut fields: PersonInput = p.fields.clone();
    fields.family_name = Text::parse(names[0]).unwrap();
    fields.given_name = Some(Text::parse(names[1]).unwrap());
    fields.name_native = Some(Text::parse(names[2]).unwrap());
    fields.name_kana = Some(Text::parse(names[3]).unwrap());
    fields.email = Some(Text::parse(names[4]).unwrap());
    fields.position = Some(Text::parse(names[5]).unwrap());
    fields.birth_date = Some(d("1971-02-03"));
    let p = app.update::<Person>(p.id, p.version, &fields).await.unwrap();
    assert!(!app.store.tables_containing(names[0]).await.unwrap().is_empty());

    let roles = app.roles_of(p.id).await.unwrap();
    let erased = app.acting(Actor::cli()).erase_person(p.id).await.unwrap();
    assert_eq!(erased.fields.family_name.as_str(), format!("erased person {}", p.id));
    assert_eq!(erased.fields.nationality, p.fields.nationality);
    assert_eq!(erased.fields.gender, p.fields.gender);
    assert_eq!(erased.fields.birth_date, None);
    for name in names {
        let found = app.store.tables_containing(name).await.unwrap();
        assert!(found.is_empty(), "{name} is still in {found:?}");
    }
    assert!(app.store.tables_containing("1971-02-03").await.unwrap().is_empty());
    assert_eq!(
        report(&app, "2008-03-31").await,
        march_2008,
        "the figures of March 2008 stay"
    );
    assert_eq!(report(&app, "2026-11-23").await, today, "by year, country and gender");
    assert_eq!(app.roles_of(p.id).await.unwrap(), roles, "participations stay");
    let erasures = entries(
        &app,
        AuditFilter {
            action: Some(Action::Erase),
            ..AuditFilter::default()
        },
    )
    .await;
    assert_eq!(erasures.len(), 1);
    assert_eq!(
        (erasures[0].record_id, erasures[0].actor_label.as_str()),
        (Some(p.id), "cli")
    );
    assert!(matches!(app.verify_audit().await.unwrap(), Verification::Intact { .. }));
}

async fn purge_removes_exactly_what_the_dry_run_listed(backend: Backend) {
    let (app, clock) = demo(backend).await;
    // A trainee of FY2001 with an e-mail (their course ended long ago) and
    // one of this year's sessions, and a sign-in session that expires.
    let old = trainee_of(&app, 2001).await;
    let mut f = old.fields.clone();
    f.email = Some(Text::parse("old.trainee@example.org").unwrap());
    app.update::<Person>(old.id, old.version, &f).await.unwrap();
    app.add_user(
        "someone@example.org",
        kizuna_domain::common::account::Role::Staff,
        None,
        Some("a long password 123"),
    )
    .await
    .unwrap();
    app.sign_in("someone@example.org", "a long password 123")
        .await
        .unwrap()
        .unwrap();
    // A token revoked today, one that never ends, and a password link.
    let revoked = app
        .create_scoped_token("someone@example.org", "old script", TokenScope::Write, Some(90))
        .await
        .unwrap();
    app.revoke_token(revoked.id).await.unwrap();
    let kept = app
        .create_scoped_token("someone@example.org", "nightly", TokenScope::Read, None)
        .await
        .unwrap();
    let someone = app.account_by_email("someone@example.org").await.unwrap().id;
    app.password_reset_link(someone).await.unwrap();
    // Two nomination files from a partner: one accepted today, one not yet decided.
    let org = app
        .by_key::<kizuna_domain::common::organisation::Organisation>("obihiro-cci")
        .await
        .unwrap()
        .id;
    let upload = |name: &'static str| kizuna_app::partner::Upload {
        file_name: name,
        bytes: b"family_name,given_name\nSomchai,Jaidee\n",
        edition_id: None,
        note: None,
    };
    let decided = app.submit_nomination(org, None, upload("decided.csv")).await.unwrap();
    let waiting = app.submit_nomination(org, None, upload("waiting.csv")).await.unwrap();
    app.review_nomination(
        decided.id,
        decided.version,
        kizuna_domain::training::nomination::NominationStatus::Accepted,
        None,
        None,
    )
    .await
    .unwrap();
    let listed = app.purge(true).await.unwrap();
    assert!(
        listed.iter().all(|p| p.kind != "nomination_file"),
        "a file decided today is kept: {listed:?}"
    );
    assert!(
        listed
            .iter()
            .any(|p| p.kind == "trainee_contact" && p.id == old.id.to_string()),
        "{listed:?}"
    );
    assert!(
        listed
            .iter()
            .all(|p| p.kind != "api_token" && p.kind != "password_link"),
        "a token revoked today and a fresh link are kept: {listed:?}"
    );
    assert!(
        listed.iter().all(|p| p.kind != "session"),
        "a live session is kept: {listed:?}"
    );
    // 91 days after the session's expiry, it is due too, and the link
    // (30 days after it expired); the revoked token a year after.
    clock.advance(Duration::days(120));
    let listed = app.purge(true).await.unwrap();
    assert!(listed.iter().any(|p| p.kind == "session"), "{listed:?}");
    assert!(listed.iter().any(|p| p.kind == "password_link"), "{listed:?}");
    assert!(listed.iter().all(|p| p.kind != "api_token"), "{listed:?}");
    assert!(
        listed.iter().all(|p| p.kind != "nomination_file"),
        "180 days after the decision: {listed:?}"
    );
    clock.advance(Duration::days(300));
    let listed = app.purge(true).await.unwrap();
    let files: Vec<&str> = listed
        .iter()
        .filter(|p| p.kind == "nomination_file")
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(
        files,
        [decided.id.to_string()],
        "only the decided file, never the waiting one: {listed:?}"
    );
    let tokens: Vec<&str> = listed
        .iter()
        .filter(|p| p.kind == "api_token")
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(tokens, [revoked.id.to_string()], "only the revoked token: {listed:?}");
    assert_eq!(app.purge(true).await.unwrap(), listed, "a dry run removes nothing");
    let removed = app.acting(Actor::cli()).purge(false).await.unwrap();
    assert_eq!(removed, listed);
    assert!(app.purge(true).await.unwrap().is_empty(), "nothing left due");
    let files: Vec<i64> = app
        .nominations(Default::default())
        .await
        .unwrap()
        .iter()
        .map(|n| n.id)
        .collect();
    assert_eq!(files, [waiting.id], "the decided file is gone, the waiting one stays");
    let left: Vec<i64> = app.tokens(None).await.unwrap().iter().map(|t| t.id).collect();
    assert!(left.contains(&kept.id) && !left.contains(&revoked.id), "{left:?}");
    let gone = app.store.get::<Person>(old.id).await.unwrap();
    assert_eq!(gone.fields.email, None);
    assert_eq!(gone.fields.family_name, old.fields.family_name, "only contacts go");
    let purged = entries(
        &app,
        AuditFilter {
            action: Some(Action::Purge),
            ..AuditFilter::default()
        },
    )
    .await;
    assert_eq!(purged.len(), removed.len());
}
