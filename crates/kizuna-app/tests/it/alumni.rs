//! Alumni follow-up on SQLite and PostgreSQL: a completed trainee's
//! 6-month follow-up is due, is refused when dated before the completion
//! and leaves the due list once recorded; a second one of the same
//! milestone is refused; an association takes only alumni of its country,
//! each once; a person's history shows the course and the follow-up in
//! date order and is logged; a follow-up file with one bad row writes
//! nothing and names the row, column and reason.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use chrono::NaiveDate;
use kizuna_app::training::alumni::history::EntryKind;
use kizuna_app::{App, AppError};
use kizuna_domain::common::Id;
use kizuna_domain::common::person::Person;
use kizuna_domain::common::programme::Programme;
use kizuna_domain::training::alumni::{
    AlumniAssociation, AlumniMember, AlumniMemberInput, FollowUp, FollowUpInput, Milestone, Progress,
};
use kizuna_domain::training::edition::Edition;
use kizuna_domain::training::participation::Participation;
use kizuna_io::table::FileFormat;
use kizuna_store::Backend;
use kizuna_testkit::fresh_store;
use serde_json::json;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn from<T: serde::de::DeserializeOwned>(v: serde_json::Value) -> T {
    serde_json::from_value(v).unwrap()
}

struct World {
    app: App,
    somchai: Id,
    aminah: Id,
    participation: Id,
}

/// A course whose Thai trainee completed on 2025-09-26 and whose Malaysian
/// trainee is still nominated; today is 2026-04-15.
async fn world(backend: Backend) -> World {
    let app = App::new(fresh_store(backend).await.unwrap()).with_today(d("2026-04-15"));
    let prog: Programme = app
        .create::<Programme>(&from(json!({"key": "agri-value", "kind": "training_course", "title": {"en": "Agricultural value chains", "ja": "農業バリューチェーン"}})))
        .await
        .unwrap();
    let ed: Edition = app
        .create::<Edition>(&from(json!({"programme_id": prog.id, "key": "agri-value/fy2025", "fiscal_year": 2025, "scope": "general", "starts_on": "2025-09-01", "ends_on": "2025-09-26"})))
        .await
        .unwrap();
    let somchai: Person = app
        .create::<Person>(&from(
            json!({"family_name": "Wongsakul", "given_name": "Somchai", "gender": "male", "nationality": "TH"}),
        ))
        .await
        .unwrap();
    let aminah: Person = app
        .create::<Person>(&from(
            json!({"family_name": "Binti Rahman", "given_name": "Aminah", "gender": "female", "nationality": "MY"}),
        ))
        .await
        .unwrap();
    let pa: Participation = app
        .create::<Participation>(&from(json!({"edition_id": ed.id, "person_id": somchai.id, "role": "trainee", "status": "completed",
            "nominated_on": "2025-06-01", "accepted_on": "2025-07-15", "arrived_on": "2025-09-01", "completed_on": "2025-09-26"})))
        .await
        .unwrap();
    app.create::<Participation>(&from(json!({"edition_id": ed.id, "person_id": aminah.id, "role": "trainee", "status": "nominated", "nominated_on": "2025-06-01"})))
        .await
        .unwrap();
    World {
        app,
        somchai: somchai.id,
        aminah: aminah.id,
        participation: pa.id,
    }
}

fn six_months(w: &World, done_on: &str) -> FollowUpInput {
    from(
        json!({"person_id": w.somchai, "participation_id": w.participation, "milestone": "m6",
        "due_on": "2026-03-26", "done_on": done_on, "progress": "in_progress", "channel": "video_call",
        "notes": {"en": "Pilot started in two villages", "th": "เริ่มนำร่องในสองหมู่บ้าน"}}),
    )
}

fn codes(e: AppError) -> Vec<(String, String)> {
    match e {
        AppError::Invalid(errs) => errs.into_iter().map(|e| (e.field, e.code)).collect(),
        other => panic!("expected field errors, got {other}"),
    }
}

kizuna_testkit::on_both!(
    a_follow_up_is_due_then_recorded_and_leaves_the_list,
    associations_take_alumni_of_their_country_once,
    history_shows_the_course_and_the_follow_up_in_date_order,
    a_follow_up_file_with_a_bad_row_writes_nothing,
);

async fn a_follow_up_is_due_then_recorded_and_leaves_the_list(backend: Backend) {
    let w = world(backend).await;
    let due = w.app.follow_ups_due(30).await.unwrap();
    let got: Vec<(Id, Milestone, NaiveDate, i64)> = due
        .iter()
        .map(|r| (r.due.person_id, r.due.milestone, r.due.due_on, r.due.days_overdue))
        .collect();
    // Only the completed trainee, six months after 2025-09-26: 20 days over.
    assert_eq!(got, [(w.somchai, Milestone::M6, d("2026-03-26"), 20)]);
    assert_eq!(due[0].what.best("en"), "Agricultural value chains");
    assert_eq!(due[0].last_contact, None);

    // Done before the course ended: refused, nothing written.
    let e = w
        .app
        .create::<FollowUp>(&six_months(&w, "2025-09-20"))
        .await
        .unwrap_err();
    assert_eq!(codes(e), [("done_on".to_owned(), "before_completion".to_owned())]);
    // Due on a day that is not six months after completion: refused.
    let mut wrong = six_months(&w, "2026-04-01");
    wrong.due_on = d("2026-04-01");
    assert_eq!(
        codes(w.app.create::<FollowUp>(&wrong).await.unwrap_err())[0].1,
        "wrong_due_date"
    );
    // Implemented without a link or a note: refused.
    let mut bare = six_months(&w, "2026-04-01");
    bare.progress = Progress::Implemented;
    bare.notes = None;
    assert_eq!(
        codes(w.app.create::<FollowUp>(&bare).await.unwrap_err())[0].1,
        "evidence_required"
    );
    assert_eq!(w.app.follow_ups_due(30).await.unwrap().len(), 1);

    w.app.create::<FollowUp>(&six_months(&w, "2026-04-01")).await.unwrap();
    assert!(w.app.follow_ups_due(30).await.unwrap().is_empty());
    // Looking 200 days ahead brings the 12-month one, with the last contact.
    let ahead = w.app.follow_ups_due(200).await.unwrap();
    assert_eq!(ahead.len(), 1);
    assert_eq!(
        (ahead[0].due.milestone, ahead[0].due.due_on),
        (Milestone::M12, d("2026-09-26"))
    );
    assert_eq!(ahead[0].last_contact, Some(d("2026-04-01")));
    // The same milestone twice: refused naming the first.
    let e = w
        .app
        .create::<FollowUp>(&six_months(&w, "2026-04-02"))
        .await
        .unwrap_err();
    assert_eq!(codes(e), [("milestone".to_owned(), "duplicate".to_owned())]);
    // Someone else's participation: refused.
    let mut other = six_months(&w, "2026-04-01");
    other.person_id = w.aminah;
    other.milestone = Milestone::Other;
    assert!(
        codes(w.app.create::<FollowUp>(&other).await.unwrap_err())
            .contains(&("participation_id".to_owned(), "other_person".to_owned()))
    );
}

async fn associations_take_alumni_of_their_country_once(backend: Backend) {
    let w = world(backend).await;
    let th: AlumniAssociation = w
        .app
        .create::<AlumniAssociation>(&from(json!({"country": "th", "name": {"en": "Alumni of Thailand", "th": "ศิษย์เก่าประเทศไทย"}, "founded_on": "2012-02-18"})))
        .await
        .unwrap();
    assert_eq!(th.fields.country.as_str(), "TH");
    let member = |person_id| AlumniMemberInput {
        association_id: th.id,
        person_id,
        joined_on: Some(d("2025-12-01")),
        role: kizuna_domain::training::alumni::MemberRole::Chair,
    };
    w.app.create::<AlumniMember>(&member(w.somchai)).await.unwrap();
    let e = w.app.create::<AlumniMember>(&member(w.somchai)).await.unwrap_err();
    assert_eq!(codes(e), [("person_id".to_owned(), "already_member".to_owned())]);
    let e = w.app.create::<AlumniMember>(&member(w.aminah)).await.unwrap_err();
    assert_eq!(codes(e), [("person_id".to_owned(), "other_country".to_owned())]);
    let members = w.app.association_members(th.id).await.unwrap();
    assert_eq!(members.len(), 1);
    assert_eq!(members[0].1.id, w.somchai);
    assert_eq!(w.app.associations(Some("th")).await.unwrap().len(), 1);
    assert!(w.app.associations(Some("MY")).await.unwrap().is_empty());
}

async fn history_shows_the_course_and_the_follow_up_in_date_order(backend: Backend) {
    let w = world(backend).await;
    w.app.create::<FollowUp>(&six_months(&w, "2026-04-01")).await.unwrap();
    let h = w.app.person_history(w.somchai).await.unwrap();
    let lines: Vec<(NaiveDate, EntryKind, &str)> = h.entries.iter().map(|e| (e.on, e.kind, e.label.as_str())).collect();
    assert_eq!(
        lines,
        [
            (d("2025-06-01"), EntryKind::Course, "nominated"),
            (d("2025-07-15"), EntryKind::Course, "accepted"),
            (d("2025-09-01"), EntryKind::Course, "arrived"),
            (d("2025-09-26"), EntryKind::Course, "completed"),
            (d("2026-04-01"), EntryKind::FollowUp, "m6"),
        ]
    );
    assert_eq!(h.entries[4].title.best("en"), "Agricultural value chains");
    assert_eq!(h.entries[4].note.as_ref().unwrap().best("th"), "เริ่มนำร่องในสองหมู่บ้าน");
    let (log, _) = w
        .app
        .audit_log(&Default::default(), kizuna_store::Page { limit: 50, offset: 0 })
        .await
        .unwrap();
    assert!(
        log.iter()
            .any(|e| e.record_id == Some(w.somchai) && e.detail.as_deref() == Some("history")),
        "the history read is logged"
    );
}

async fn a_follow_up_file_with_a_bad_row_writes_nothing(backend: Backend) {
    let w = world(backend).await;
    let p = w.participation;
    let bad = format!(
        "participation_id,milestone,done_on,progress,evidence_url,notes_en\n\
         {p},m6,2026-04-01,implemented,https://news.example.th/plan,Adopted\n\
         {p},m12,2026-04-02,in_progress,,Half done\n\
         {p},m6,2025-09-01,sideways,,\n"
    );
    let e = w
        .app
        .import_follow_ups(bad.as_bytes(), FileFormat::Csv, false)
        .await
        .unwrap_err();
    let AppError::ImportRejected(rows) = e else {
        panic!("expected row errors")
    };
    let got: Vec<(usize, &str, &str)> = rows
        .iter()
        .map(|r| (r.row, r.column.as_str(), r.code.as_str()))
        .collect();
    assert_eq!(got, [(4, "progress", "unknown_value")], "{rows:?}");
    assert!(w.app.follow_ups_due(30).await.unwrap().len() == 1, "nothing written");

    let good = format!(
        "participation_id,milestone,done_on,progress,evidence_url,notes_en\n\
         {p},m6,2026-04-01,implemented,https://news.example.th/plan,Adopted\n"
    );
    let dry = w
        .app
        .import_follow_ups(good.as_bytes(), FileFormat::Csv, true)
        .await
        .unwrap();
    assert_eq!((dry.rows, dry.imported), (1, 0));
    assert_eq!(w.app.follow_ups_due(30).await.unwrap().len(), 1);
    let done = w
        .app
        .import_follow_ups(good.as_bytes(), FileFormat::Csv, false)
        .await
        .unwrap();
    assert_eq!(done.imported, 1);
    assert!(w.app.follow_ups_due(30).await.unwrap().is_empty());
}
