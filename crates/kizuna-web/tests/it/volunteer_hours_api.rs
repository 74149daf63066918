//! `/api/v1/volunteer-entries` on both databases: a staff token logs hours
//! (as a JSON number of hours, kept in minutes), reads and filters them; a
//! day over 24 hours and a rejection without a reason are refused with 422
//! naming the field, nothing written; a partner and a volunteer (signed in)
//! are refused the collection and each entry, their own included.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use axum::http::StatusCode;
use kizuna_domain::common::account::Role;
use kizuna_domain::volunteers::placement::{Placement, Scheme};
use kizuna_store::{Backend, Page};
use kizuna_testkit::{PASSWORD, TestApp};
use serde_json::json;

async fn staff_log_others_are_refused(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let fft = t
        .app
        .store
        .select::<Placement>(&[], Page::ALL)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.fields.scheme == Scheme::Fft)
        .expect("the demo's FFT placement");
    let mut api = t.api().await;
    let before = api
        .get(&format!(
            "/api/v1/volunteer-entries?placement_id={}&status=approved",
            fft.id
        ))
        .await
        .expect(StatusCode::OK)
        .json();
    let approved_before = before["total"].as_i64().unwrap();
    let all_before = api
        .get(&format!("/api/v1/volunteer-entries?placement_id={}", fft.id))
        .await
        .expect(StatusCode::OK)
        .json()["total"]
        .as_i64()
        .unwrap();
    assert!(approved_before > 0, "the demo's approved hours: {before}");

    let entry = json!({"placement_id": fft.id, "worked_on": "2022-10-20", "hours": 3.5,
        "activity": "Thai cooking class at the community centre", "source": "staff", "status": "approved",
        "reviewed_at": "2022-10-21T00:00:00Z"});
    let made = api
        .json("POST", "/api/v1/volunteer-entries", Some(&entry))
        .await
        .expect(StatusCode::CREATED)
        .json();
    assert_eq!(made["hours"], json!(3.5));
    let id = made["id"].as_i64().unwrap();
    let list = api
        .get(&format!(
            "/api/v1/volunteer-entries?placement_id={}&status=approved",
            fft.id
        ))
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!(list["total"].as_i64(), Some(approved_before + 1));

    // 21 more hours that day: over 24, refused naming the hours, nothing written.
    let over = json!({"placement_id": fft.id, "worked_on": "2022-10-20", "hours": "21",
        "activity": "All day", "source": "staff", "status": "pending"});
    let a = api
        .json("POST", "/api/v1/volunteer-entries", Some(&over))
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .json();
    assert!(a.to_string().contains("day_over_24"), "{a}");
    let rejected = json!({"placement_id": fft.id, "worked_on": "2022-10-22", "hours": 2,
        "activity": "Unclear", "source": "staff", "status": "rejected", "reviewed_at": "2022-10-23T00:00:00Z"});
    let a = api
        .json("POST", "/api/v1/volunteer-entries", Some(&rejected))
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .json();
    assert!(a.to_string().contains("review_note"), "{a}");
    let a = api
        .json(
            "POST",
            "/api/v1/volunteer-entries",
            Some(&json!({"placement_id": fft.id, "worked_on": "2022-10-24",
            "hours": 0, "activity": "Nothing", "source": "staff", "status": "pending"})),
        )
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .json();
    assert!(a.to_string().contains("hours"), "{a}");
    let after = api
        .get(&format!("/api/v1/volunteer-entries?placement_id={}", fft.id))
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!(after["total"].as_i64(), Some(all_before + 1), "only the one made");

    // A partner and the volunteer themselves: refused, even for their own entries.
    t.app
        .add_account(
            "fft@example.org",
            Role::Volunteer,
            None,
            Some(fft.fields.person_id),
            Some(PASSWORD),
        )
        .await
        .unwrap();
    let mut volunteer = t.browser();
    volunteer.sign_in("fft@example.org", PASSWORD).await;
    let mut partner = t.partner().await;
    for b in [&mut volunteer, &mut partner] {
        for uri in [
            "/api/v1/volunteer-entries".to_owned(),
            format!("/api/v1/volunteer-entries/{id}"),
        ] {
            let a = b.get(&uri).await;
            assert!(
                matches!(a.status, StatusCode::FORBIDDEN | StatusCode::UNAUTHORIZED),
                "{uri}: {}",
                a.status
            );
        }
    }
}

kizuna_testkit::on_both!(staff_log_others_are_refused);
