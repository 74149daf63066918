//! Volunteers' hours on SQLite and PostgreSQL: a volunteer logs hours on
//! their own placement only, changes them while pending, not once staff
//! reviewed them (conflict) nor another volunteer's (forbidden); a day
//! holds 24 hours; a scheme that trusts self-attestation approves on
//! creation and the audit log says so; the hours report counts approved
//! hours of the fiscal year only.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use chrono::NaiveDate;
use kizuna_app::volunteers::hours::{HoursActor, NewHours, SELF_ATTESTED};
use kizuna_app::{App, AppError};
use kizuna_domain::common::FiscalYear;
use kizuna_domain::common::account::{Role, User};
use kizuna_domain::volunteers::hours::{Decision, EntrySource, EntryStatus, Hours, Refusal, ReportBy};
use kizuna_domain::volunteers::placement::{Placement, Scheme};
use kizuna_store::{AuditFilter, Backend, Page, Value};
use kizuna_testkit::fresh_store;

const PASSWORD: &str = "a long password 123";

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

async fn demo(backend: Backend) -> App {
    let app = App::new(fresh_store(backend).await.expect("fresh database")).with_today(d("2026-12-05"));
    app.load_demo().await.expect("demo loads");
    app
}

/// The demo's FFT placement and another placement of someone else.
async fn placements(app: &App) -> (Placement, Placement) {
    let all = app.store.select::<Placement>(&[], Page::ALL).await.unwrap();
    let fft = all
        .iter()
        .filter(|p| p.fields.scheme == Scheme::Fft)
        .min_by_key(|p| p.fields.planned_starts_on)
        .cloned()
        .expect("the demo has an FFT placement");
    let other = all
        .iter()
        .find(|p| p.fields.person_id != fft.fields.person_id)
        .cloned()
        .expect("the demo has a second volunteer");
    (fft, other)
}

async fn volunteer(app: &App, email: &str, p: &Placement) -> User {
    app.add_account(email, Role::Volunteer, None, Some(p.fields.person_id), Some(PASSWORD))
        .await
        .unwrap()
        .0
}

fn new(p: &Placement, day: &str, hours: &str) -> NewHours {
    NewHours {
        placement_id: p.id,
        worked_on: d(day),
        hours: Hours::parse(hours).unwrap(),
        activity: "Visitor centre".parse().unwrap(),
        report: None,
        check_in: false,
    }
}

kizuna_testkit::on_both!(
    a_volunteer_changes_only_their_own_pending_entries,
    a_day_holds_24_hours_and_accounts_need_a_person,
    self_attestation_approves_on_creation_and_is_audited,
    the_report_counts_approved_hours_of_the_fiscal_year_only,
);

async fn a_volunteer_changes_only_their_own_pending_entries(backend: Backend) {
    let app = demo(backend).await;
    let (fft, other) = placements(&app).await;
    let me = HoursActor::of(&volunteer(&app, "fft@example.org", &fft).await).unwrap();
    let them = HoursActor::of(&volunteer(&app, "other@example.org", &other).await).unwrap();
    let staff_user = app
        .add_user("s@example.org", Role::Staff, None, Some(PASSWORD))
        .await
        .unwrap()
        .0;
    let staff = HoursActor::of(&staff_user).unwrap();

    // Not on another's placement.
    assert_eq!(
        app.log_hours(me, new(&other, "2026-11-02", "2")).await.unwrap(),
        Err(Refusal::Forbidden)
    );
    let e = app
        .log_hours(me, new(&fft, "2026-11-02", "3.5"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (e.fields.status, e.fields.source),
        (EntryStatus::Pending, EntrySource::SelfLogged)
    );
    assert_eq!(e.fields.hours.minutes(), 210);
    // Theirs, pending: changed.
    let e = app
        .edit_hours(me, e.id, e.version, new(&fft, "2026-11-02", "4"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(e.fields.hours.minutes(), 240);
    // Another volunteer: forbidden, nothing changed.
    assert_eq!(
        app.edit_hours(them, e.id, e.version, new(&fft, "2026-11-02", "1"))
            .await
            .unwrap(),
        Err(Refusal::Forbidden)
    );
    assert_eq!(app.delete_hours(them, e.id).await.unwrap(), Err(Refusal::Forbidden));
    assert_eq!(
        app.review_hours(me, e.id, e.version, Decision::Approve).await.unwrap(),
        Err(Refusal::Forbidden)
    );
    // Approved by staff: the volunteer's own entry is now a conflict.
    let e = app
        .review_hours(staff, e.id, e.version, Decision::Approve)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(e.fields.status, EntryStatus::Approved);
    assert_eq!(e.fields.reviewed_by, Some(staff_user.id));
    assert_eq!(
        app.edit_hours(me, e.id, e.version, new(&fft, "2026-11-02", "1"))
            .await
            .unwrap(),
        Err(Refusal::Reviewed(EntryStatus::Approved))
    );
    assert_eq!(
        app.delete_hours(me, e.id).await.unwrap(),
        Err(Refusal::Reviewed(EntryStatus::Approved))
    );
    // Approving twice is refused; reopening needs a reason and makes it pending.
    assert!(matches!(
        app.review_hours(staff, e.id, e.version, Decision::Approve).await,
        Err(AppError::Invalid(_))
    ));
    let e = app
        .review_hours(staff, e.id, e.version, Decision::Reopen("wrong day".parse().unwrap()))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(e.fields.status, EntryStatus::Pending);
    assert_eq!(app.delete_hours(me, e.id).await.unwrap(), Ok(()));
}

async fn a_day_holds_24_hours_and_accounts_need_a_person(backend: Backend) {
    let app = demo(backend).await;
    let (fft, _) = placements(&app).await;
    let me = HoursActor::of(&volunteer(&app, "fft@example.org", &fft).await).unwrap();
    app.log_hours(me, new(&fft, "2026-11-03", "20")).await.unwrap().unwrap();
    let Err(AppError::Invalid(errs)) = app.log_hours(me, new(&fft, "2026-11-03", "4.5")).await else {
        panic!("24.5 hours in a day accepted")
    };
    assert_eq!(
        (errs[0].field.as_str(), errs[0].code.as_str()),
        ("hours", "day_over_24")
    );
    // A future day is refused.
    let Err(AppError::Invalid(errs)) = app.log_hours(me, new(&fft, "2026-12-06", "1")).await else {
        panic!("a future day accepted")
    };
    assert_eq!(errs[0].code, "in_future");
    // A volunteer account is a person; other accounts are not.
    let Err(AppError::Invalid(errs)) = app
        .add_account("v@example.org", Role::Volunteer, None, None, Some(PASSWORD))
        .await
    else {
        panic!("a volunteer without a person accepted")
    };
    assert_eq!((errs[0].field.as_str(), errs[0].code.as_str()), ("person", "required"));
    assert!(matches!(
        app.add_account(
            "s2@example.org",
            Role::Staff,
            None,
            Some(fft.fields.person_id),
            Some(PASSWORD)
        )
        .await,
        Err(AppError::Invalid(_))
    ));
    assert!(matches!(
        app.add_account("v2@example.org", Role::Volunteer, None, Some(987_654), Some(PASSWORD))
            .await,
        Err(AppError::Invalid(_))
    ));
    // The account signs in as a volunteer of that person.
    let s = app.sign_in("fft@example.org", PASSWORD).await.unwrap().unwrap();
    assert_eq!(
        (s.user.role, s.user.person_id),
        (Role::Volunteer, Some(fft.fields.person_id))
    );
}

async fn self_attestation_approves_on_creation_and_is_audited(backend: Backend) {
    let app = demo(backend).await;
    let (fft, _) = placements(&app).await;
    let me = HoursActor::of(&volunteer(&app, "fft@example.org", &fft).await).unwrap();
    app.set_self_attestation(Scheme::Fft, true).await.unwrap();
    let e = app.log_hours(me, new(&fft, "2026-11-04", "2")).await.unwrap().unwrap();
    assert_eq!(e.fields.status, EntryStatus::Approved);
    assert!(e.fields.reviewed_at.is_some() && e.fields.reviewed_by.is_none());
    let (log, _) = app
        .audit_log(&AuditFilter::default(), Page { limit: 50, offset: 0 })
        .await
        .unwrap();
    assert!(
        log.iter()
            .any(|a| a.record_id == Some(e.id) && a.detail.as_deref() == Some(SELF_ATTESTED)),
        "no self-attestation entry in the audit log"
    );
    app.set_self_attestation(Scheme::Fft, false).await.unwrap();
    let e = app.log_hours(me, new(&fft, "2026-11-05", "2")).await.unwrap().unwrap();
    assert_eq!(e.fields.status, EntryStatus::Pending);
}

async fn the_report_counts_approved_hours_of_the_fiscal_year_only(backend: Backend) {
    let app = demo(backend).await;
    let (fft, _) = placements(&app).await;
    let demo_entries = app
        .store
        .select::<kizuna_domain::volunteers::hours::VolunteerEntry>(
            &[("placement_id", Value::Int(Some(fft.id)))],
            Page::ALL,
        )
        .await
        .unwrap();
    let approved: i64 = demo_entries
        .iter()
        .filter(|e| {
            e.fields.status == EntryStatus::Approved && FiscalYear::containing(e.fields.worked_on).year() == 2022
        })
        .map(|e| i64::from(e.fields.hours.minutes()))
        .sum();
    let pending = demo_entries
        .iter()
        .filter(|e| e.fields.status == EntryStatus::Pending)
        .count();
    assert!(approved > 0 && pending > 0, "the demo has approved and pending hours");
    let fy = FiscalYear::new(2022).unwrap();
    let r = app.hours_report(fy, &[ReportBy::Scheme], "en").await.unwrap();
    let fft_row = r.rows.iter().find(|row| row.keys == ["fft"]).expect("an FFT row");
    assert_eq!(fft_row.minutes, approved);
    // A rejected and a pending entry change nothing; an approved one adds.
    let staff = HoursActor::of(
        &app.add_user("s@example.org", Role::Staff, None, Some(PASSWORD))
            .await
            .unwrap()
            .0,
    )
    .unwrap();
    let me = HoursActor::of(&volunteer(&app, "fft@example.org", &fft).await).unwrap();
    let p = app.log_hours(me, new(&fft, "2022-12-20", "5")).await.unwrap().unwrap();
    app.review_hours(
        staff,
        p.id,
        p.version,
        Decision::Reject("not this programme".parse().unwrap()),
    )
    .await
    .unwrap()
    .unwrap();
    app.log_hours(me, new(&fft, "2022-12-21", "6")).await.unwrap().unwrap();
    app.log_hours(staff, new(&fft, "2023-03-31", "1.5"))
        .await
        .unwrap()
        .unwrap();
    app.log_hours(staff, new(&fft, "2023-04-01", "9"))
        .await
        .unwrap()
        .unwrap(); // FY2023
    let r = app
        .hours_report(fy, &[ReportBy::Scheme, ReportBy::Locality], "en")
        .await
        .unwrap();
    let sum: i64 = r
        .rows
        .iter()
        .filter(|row| row.keys[0] == "fft")
        .map(|row| row.minutes)
        .sum();
    assert_eq!(sum, approved + 90);
    assert_eq!(r.total_minutes, r.rows.iter().map(|row| row.minutes).sum::<i64>());
}
