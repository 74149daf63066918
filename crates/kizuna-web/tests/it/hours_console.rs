//! The hours console's check-in entries and reopening, over the demo
//! through the router on SQLite and PostgreSQL: staff log a volunteer's
//! hours from a check-in (25 hours refused beside the field, nothing
//! written; then approved as logged, marked as a check-in, and counted in
//! the hours report); staff reopen an approved entry (refused without a
//! reason), which waits for review again, with the audit log saying so;
//! the new parts of the page in Japanese, Thai and Malay.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::collections::BTreeMap;

use axum::http::StatusCode;
use kizuna_app::volunteers::hours::REOPENED;
use kizuna_domain::volunteers::hours::{EntrySource, EntryStatus, VolunteerEntry};
use kizuna_domain::volunteers::placement::Placement;
use kizuna_store::{AuditFilter, Backend, Page as Paging, Value};
use kizuna_testkit::TestApp;

kizuna_testkit::on_both!(staff_log_a_check_in_and_reopen_a_reviewed_entry);

async fn entries(t: &TestApp) -> Vec<VolunteerEntry> {
    t.app
        .list::<VolunteerEntry>(&BTreeMap::new(), Paging::ALL)
        .await
        .unwrap()
        .0
}

async fn staff_log_a_check_in_and_reopen_a_reviewed_entry(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let fy2022 = 2022.try_into().unwrap();
    let report_before = t.app.hours_report(fy2022, &[], "en").await.unwrap().total_minutes;
    let mut b = t.staff().await;
    let page = b.page("/console/hours").await;
    assert!(
        page.count("#checkin-form select[name=placement_id] option") >= 3,
        "{}",
        page.text()
    );
    let reviewed = page.count("#hours-reviewed tbody tr");
    assert!(reviewed >= 5, "the demo's approved days are listed to reopen");

    // The FFT placement in Akan, autumn 2022.
    let fft = t
        .app
        .store
        .select::<Placement>(&[("scheme", Value::Text(Some("fft".into())))], Paging::ALL)
        .await
        .unwrap()
        .into_iter()
        .min_by_key(|p| p.fields.planned_starts_on)
        .unwrap();
    let fields = page.form("#checkin-form");
    let with = |hours: &'static str| -> Vec<(String, String)> {
        let mut f = fields.clone();
        for (k, v) in &mut f {
            match k.as_str() {
                "placement_id" => *v = fft.id.to_string(),
                "worked_on" => *v = "2022-10-21".into(),
                "hours" => *v = hours.into(),
                "activity" => *v = "Check-in at the Akan visitor centre".into(),
                _ => {}
            }
        }
        f
    };
    let before = entries(&t).await.len();
    let too_many = with("25");
    let too_many: Vec<(&str, &str)> = too_many.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let refused = b
        .submit("/console/hours", &too_many)
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    assert!(refused.has("#checkin-form .field-error"), "{}", refused.text());
    assert!(refused.has("#checkin-form input[name=hours][aria-invalid=true]"));
    assert_eq!(entries(&t).await.len(), before, "nothing written");

    let good = with("2");
    let good: Vec<(&str, &str)> = good.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let saved = b.submit("/console/hours", &good).await.expect(StatusCode::SEE_OTHER);
    assert_eq!(saved.location(), "/console/hours?done=checked-in");
    let all = entries(&t).await;
    assert_eq!(all.len(), before + 1);
    let new = all.iter().max_by_key(|e| e.id).unwrap();
    assert_eq!(new.fields.source, EntrySource::CheckIn);
    assert_eq!(new.fields.status, EntryStatus::Approved);
    assert_eq!(new.fields.hours.minutes(), 120);
    let report = t.app.hours_report(fy2022, &[], "en").await.unwrap().total_minutes;
    assert_eq!(report, report_before + 120, "approved as logged, so counted");

    // Reopen a reviewed entry: a reason is required.
    let page = b.page("/console/hours?done=checked-in").await;
    assert!(page.has("#hours-done"));
    let row = page.first("#hours-reviewed tbody tr");
    let id: i64 = row.attr("id").unwrap().trim_start_matches("reviewed-").parse().unwrap();
    let action = format!("/console/hours/{id}/review");
    let current = all.iter().find(|e| e.id == id).unwrap();
    let version = current.version.to_string();
    let was = current.fields.status;
    let no_reason = b
        .submit(
            &action,
            &[("version", &version), ("decision", "reopen"), ("reason", " ")],
        )
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    assert!(no_reason.has("#hours-alert"));
    assert_eq!(
        entries(&t).await.iter().find(|e| e.id == id).unwrap().fields.status,
        was
    );
    let done = b
        .submit(
            &action,
            &[
                ("version", &version),
                ("decision", "reopen"),
                ("reason", "The day is wrong"),
            ],
        )
        .await
        .expect(StatusCode::SEE_OTHER);
    assert_eq!(done.location(), "/console/hours?done=reopened");
    let reopened = entries(&t).await.into_iter().find(|e| e.id == id).unwrap();
    assert_eq!(reopened.fields.status, EntryStatus::Pending);
    assert_eq!(reopened.fields.review_note.unwrap().as_str(), "The day is wrong");
    let queue = b.page("/console/hours").await;
    assert!(queue.has(&format!("#hours-queue #entry-{id}")), "back in the queue");
    assert!(!queue.has(&format!("#reviewed-{id}")));
    let (log, _) = t
        .app
        .audit_log(
            &AuditFilter {
                entity: Some("volunteer_entry".into()),
                record_id: Some(id),
                ..AuditFilter::default()
            },
            Paging::ALL,
        )
        .await
        .unwrap();
    assert!(
        log.iter()
            .any(|e| e.detail.as_deref().is_some_and(|d| d.starts_with(REOPENED))),
        "{log:?}"
    );

    for (lang, word) in [("ja", "差し戻す"), ("th", "เปิดใหม่"), ("ms", "Buka semula")] {
        let mut l = t.staff().await.with_accept_language(lang);
        let p = l.page("/console/hours").await;
        assert!(p.text().contains(word), "{lang}: {}", p.text());
        assert!(!p.text().contains("Log the check-in"), "{lang}");
    }
}
