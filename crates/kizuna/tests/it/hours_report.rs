//! `kizuna report hours` on a demo store, as the real binary answers, on
//! both databases: approved hours of the fiscal year only (the demo's
//! pending entries and one rejected here are not counted), grouped by
//! programme and locality, as JSON and CSV with the same figures.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use crate::run;
use run::kizuna;

use std::process::Output;

use kizuna_app::App;
use kizuna_app::volunteers::hours::HoursActor;
use kizuna_domain::common::FiscalYear;
use kizuna_domain::common::account::{Role, User};
use kizuna_domain::volunteers::hours::{Decision, EntryStatus, VolunteerEntry};
use kizuna_store::{Backend, Page, Store};
use kizuna_testkit::fresh_url;
use serde_json::Value;

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Approved and pending minutes of FY2022 in the store.
async fn minutes(app: &App) -> (i64, i64) {
    let all = app.store.select::<VolunteerEntry>(&[], Page::ALL).await.unwrap();
    let fy = FiscalYear::new(2022).unwrap();
    let sum = |s: EntryStatus| {
        all.iter()
            .filter(|e| e.fields.status == s && fy.contains(e.fields.worked_on))
            .map(|e| i64::from(e.fields.hours.minutes()))
            .sum::<i64>()
    };
    (sum(EntryStatus::Approved), sum(EntryStatus::Pending))
}

async fn approved_hours_only(backend: Backend) {
    let url = fresh_url(backend).await.unwrap();
    let o = kizuna(&url, &["demo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let app = App::new(Store::open(&url).await.unwrap());
    // One more entry, rejected: it must not count either.
    let staff: User = app
        .add_user("s@example.org", Role::Staff, None, Some("a long password 123"))
        .await
        .unwrap()
        .0;
    let staff = HoursActor::of(&staff).unwrap();
    let pending = app
        .store
        .select::<VolunteerEntry>(&[], Page::ALL)
        .await
        .unwrap()
        .into_iter()
        .find(|e| e.fields.status == EntryStatus::Pending)
        .expect("the demo has pending hours");
    app.review_hours(
        staff,
        pending.id,
        pending.version,
        Decision::Reject("not volunteering".parse().unwrap()),
    )
    .await
    .unwrap()
    .unwrap();
    let (approved, still_pending) = minutes(&app).await;
    app.store.close().await;
    assert!(
        approved > 0 && still_pending > 0,
        "the demo has approved and pending hours in FY2022"
    );

    let o = kizuna(
        &url,
        &[
            "report",
            "hours",
            "--fy",
            "2022",
            "--by",
            "programme,locality",
            "--format",
            "json",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let j: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["total_minutes"].as_i64(), Some(approved), "{j}");
    assert_eq!(j["by"], serde_json::json!(["programme", "locality"]));
    let rows = j["rows"].as_array().unwrap();
    assert!(!rows.is_empty());
    assert_eq!(
        rows.iter().map(|r| r["minutes"].as_i64().unwrap()).sum::<i64>(),
        approved
    );
    assert!(rows.iter().all(|r| r["locality"]["name"].is_string()), "{j}");
    // The host locality of the FFT placement is named.
    assert!(
        rows.iter()
            .any(|r| r["locality"]["key"].as_str().unwrap_or("").contains("kushiro")),
        "{j}"
    );

    let o = kizuna(
        &url,
        &[
            "report",
            "hours",
            "--fy",
            "FY2022",
            "--by",
            "programme,locality",
            "--format",
            "csv",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = String::from_utf8(o.stdout).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("programme,programme_name,locality,locality_name,hours,entries")
    );
    let total = csv.lines().last().unwrap();
    let hours = kizuna_domain::volunteers::hours::format_minutes(approved);
    assert!(
        total.starts_with("total,") && total.contains(&format!(",{hours},")),
        "{csv}"
    );

    // Another fiscal year has none of them; a bad dimension is refused naming it.
    let o = kizuna(&url, &["report", "hours", "--fy", "2019", "--format", "json"]);
    let j: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["total_minutes"].as_i64(), Some(0));
    let o = kizuna(&url, &["report", "hours", "--fy", "2022", "--by", "country"]);
    assert!(!o.status.success() && stderr(&o).contains("--by"), "{}", stderr(&o));
}

kizuna_testkit::on_both!(approved_hours_only);
