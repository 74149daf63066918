//! Over the demo data, with a staff token: the FY2007 annual report as
//! JSON (680 trainees from 57 countries cumulative), a bad fy or lang
//! named; the demo's two-day Kushiro–Akan tour planned (prayer blocks each
//! day, JSON and iCalendar); certificates issued for a demo edition whose
//! trainees completed, listed, and one revoked (422 without a reason); a
//! partner's account and anonymous callers refused.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use axum::http::StatusCode;
use kizuna_geo::index::PlaceFilter;
use kizuna_store::Backend;
use kizuna_testkit::TestApp;
use serde_json::json;

use super::assert_invalid;

pub(crate) async fn annual_itinerary_certificates(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut api = t.api().await;

    // The annual report.
    let r = api
        .get("/api/v1/reports/annual?fy=2007&lang=ja")
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!(r["fiscal_year"], 2007);
    assert_eq!(r["lang"], "ja");
    assert_eq!(r["trainees"]["as_of"], "2008-03-31");
    assert_eq!(r["trainees"]["cumulative_trainees"], 680, "{:#}", r["trainees"]);
    assert_eq!(r["trainees"]["cumulative_countries"], 57);
    let en = api
        .get("/api/v1/reports/annual?fy=FY2007")
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!(en["lang"], "en");
    assert_eq!(en["trainees"]["cumulative_trainees"], 680);
    assert_invalid(
        api.get("/api/v1/reports/annual?fy=banana").await,
        "fy",
        "invalid_fiscal_year",
    );
    assert_invalid(api.get("/api/v1/reports/annual").await, "fy", "required");
    assert_invalid(
        api.get("/api/v1/reports/annual?fy=2007&lang=fr").await,
        "lang",
        "unknown_value",
    );

    // The itinerary: the demo's Kushiro–Akan two days.
    let all = t.app.all_places(&PlaceFilter::default()).await.unwrap();
    let id = |k: &str| {
        all.iter()
            .find(|h| h.place.fields.source.id().as_str() == k)
            .unwrap()
            .place
            .id
    };
    let body = json!({"from": "2027-03-16", "days": 2, "start": id("kushiro-04").to_string(),
        "include": [id("kushiro-02"), id("kushiro-05"), id("akan-02"), id("akan-01")],
        "meal_level": "self_declared", "mode": "bus", "speed": 40.0, "method": "MuslimWorldLeague"});
    let plan = api
        .json("POST", "/api/v1/tourism/itineraries/plan", Some(&body))
        .await
        .expect(StatusCode::OK)
        .json();
    let days = plan["days"].as_array().unwrap();
    assert_eq!(days.len(), 2, "{plan:#}");
    for d in days {
        let prayers = d["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["kind"] == "prayer")
            .count();
        assert!(prayers >= 3, "prayer blocks in the day: {d:#}");
    }
    let ics = api
        .json("POST", "/api/v1/tourism/itineraries/plan?format=ics", Some(&body))
        .await
        .expect(StatusCode::OK);
    assert!(ics.header("content-type").starts_with("text/calendar"));
    assert!(ics.text().contains("CATEGORIES:itinerary,prayer,dhuhr"));
    let mut bad = body.clone();
    bad["start"] = json!("somewhere");
    assert_invalid(
        api.json("POST", "/api/v1/tourism/itineraries/plan", Some(&bad)).await,
        "start",
        "invalid",
    );

    // Certificates: a demo edition with trainees who completed.
    let parts = api
        .get("/api/v1/participations?status=completed&limit=1")
        .await
        .expect(StatusCode::OK)
        .json();
    let edition = parts["items"][0]["edition_id"]
        .as_i64()
        .expect("a completed participation");
    let list_uri = format!("/api/v1/editions/{edition}/certificates");
    let issued = api
        .json("POST", &list_uri, None)
        .await
        .expect(StatusCode::CREATED)
        .json();
    let issued = issued.as_array().unwrap().clone();
    assert!(!issued.is_empty());
    assert!(
        issued
            .iter()
            .all(|c| c["status"] == "valid" && c["edition_id"] == edition)
    );
    let again = api
        .json("POST", &list_uri, None)
        .await
        .expect(StatusCode::CREATED)
        .json();
    assert_eq!(again, json!([]), "issued once only");
    let list = api.get(&list_uri).await.expect(StatusCode::OK).json();
    assert_eq!(list.as_array().unwrap().len(), issued.len());
    let number = issued[0]["number"].as_str().unwrap();
    let revoke = format!("/api/v1/certificates/{number}/revoke");
    assert_invalid(api.json("POST", &revoke, Some(&json!({}))).await, "reason", "required");
    let revoked = api
        .json("POST", &revoke, Some(&json!({"reason": "issued in error"})))
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!(revoked["status"], "revoked");
    assert_eq!(revoked["revoke_reason"], "issued in error");
    let list = api.get(&list_uri).await.expect(StatusCode::OK).json();
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .any(|c| c["number"] == number && c["status"] == "revoked")
    );
    api.json("POST", &revoke, Some(&json!({"reason": "twice"})))
        .await
        .expect(StatusCode::NOT_FOUND);

    // Neither a partner nor an anonymous caller reaches any of it.
    let mut partner = t.partner().await;
    let mut anon = t.browser();
    for b in [&mut partner, &mut anon] {
        let a = b.get("/api/v1/reports/annual?fy=2007").await;
        assert!(
            matches!(a.status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN),
            "{:?}",
            a.status
        );
        let a = b.get(&list_uri).await;
        assert!(
            matches!(a.status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN),
            "{:?}",
            a.status
        );
    }
}
