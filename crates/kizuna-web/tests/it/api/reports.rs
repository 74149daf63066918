//! Over the demo data: the trainee report (figures as of 31 March 2008,
//! later dates, one fiscal year written either way, drill-downs, bad
//! parameters) and a session's attendance marked and refused.

use axum::http::StatusCode;
use kizuna_store::Backend;
use kizuna_testkit::{Browser, TestApp};
use serde_json::{Value, json};

use super::{assert_invalid, create, id_of};

pub(crate) async fn reports_and_attendance(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut api = t.api().await;
    reports(&mut api).await;
    attendance(&mut api).await;
}

/// Percent-encode a query value (non-ASCII included).
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// The sum of the `trainees` of a list's rows.
fn trainees_sum(rows: &Value) -> u64 {
    rows.as_array()
        .expect("a list")
        .iter()
        .filter_map(|r| r["trainees"].as_u64())
        .sum()
}

async fn reports(api: &mut Browser) {
    let report = api
        .get("/api/v1/reports/trainees?as_of=2008-03-31")
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!(report["as_of"], "2008-03-31");
    assert_eq!(report["trainees"], 680);
    assert_eq!(report["countries"], 57);
    assert_eq!(report["first_fiscal_year"], 1992);
    assert_eq!(report["counted_statuses"], json!(["accepted", "arrived", "completed"]));
    let years = report["by_fiscal_year"].as_array().expect("by_fiscal_year");
    let first = years.first().expect("a first year");
    let last = years.last().expect("a last year");
    assert_eq!(first["fiscal_year"], 1992);
    assert_eq!(first["label_ja"], "平成4年度");
    assert_eq!(first["cumulative_trainees"], first["trainees"]);
    assert_eq!(last["fiscal_year"], 2007);
    assert_eq!(last["label_ja"], "平成19年度");
    assert_eq!(last["cumulative_trainees"], 680);
    assert_eq!(last["cumulative_countries"], 57);
    assert_eq!(years.len(), 16, "FY1992..FY2007, one row each");
    let new_sum: u64 = years.iter().filter_map(|y| y["new_trainees"].as_u64()).sum();
    assert_eq!(new_sum, 680, "each trainee is new once");
    let countries = report["by_country"].as_array().expect("by_country");
    assert_eq!(countries.len(), 57);
    assert_eq!(trainees_sum(&report["by_country"]), 680);
    assert_eq!(trainees_sum(&report["by_region"]), 680);
    assert_eq!(trainees_sum(&report["by_gender"]), 680);
    let fy2007_trainees = last["trainees"].clone();

    // Later dates count more; the default is today (2026-11-23).
    let later = api
        .get("/api/v1/reports/trainees?as_of=2026-03-31")
        .await
        .expect(StatusCode::OK)
        .json();
    assert!(
        later["trainees"].as_u64().is_some_and(|n| n > 680),
        "{}",
        later["trainees"]
    );
    let now = api.get("/api/v1/reports/trainees").await.expect(StatusCode::OK).json();
    assert_eq!(now["as_of"], "2026-11-23");
    assert!(now["trainees"].as_u64() >= later["trainees"].as_u64());

    // One fiscal year, written the Japanese way.
    let uri = format!(
        "/api/v1/reports/trainees?as_of=2008-03-31&fiscal_year={}",
        encode("平成19年度")
    );
    let fy = api.get(&uri).await.expect(StatusCode::OK).json();
    let rows = fy["by_fiscal_year"].as_array().expect("by_fiscal_year");
    assert_eq!(rows.len(), 1, "{fy:#}");
    assert_eq!(rows[0]["fiscal_year"], 2007);
    assert_eq!(fy["trainees"], fy2007_trainees);
    assert_eq!(rows[0]["trainees"], fy2007_trainees);
    let same = api
        .get("/api/v1/reports/trainees?as_of=2008-03-31&fiscal_year=FY2007")
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!(same, fy);

    // The drill-down lists the people behind a figure.
    let th = countries
        .iter()
        .find(|c| c["country"] == "TH")
        .expect("Thailand is in the demo");
    let people = api
        .get("/api/v1/reports/trainees/people?as_of=2008-03-31&country=TH")
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!(people["total"], th["trainees"]);
    let items = people["items"].as_array().expect("items");
    assert_eq!(Some(items.len() as u64), th["trainees"].as_u64().map(|n| n.min(100)));
    assert!(items.iter().all(|p| p["nationality"] == "TH"), "only Thai trainees");
    let all = api
        .get("/api/v1/reports/trainees/people?as_of=2008-03-31&limit=1")
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!(
        (all["total"].clone(), all["items"].as_array().map(Vec::len)),
        (json!(680), Some(1))
    );

    // Per office: the demo's office keeps every participation, another none.
    for (office, trainees) in [(1, 680), (999, 0)] {
        let r = api
            .get(&format!("/api/v1/reports/trainees?as_of=2008-03-31&office_id={office}"))
            .await
            .expect(StatusCode::OK)
            .json();
        assert_eq!(r["trainees"], trainees, "office {office}");
    }

    // Bad parameters name themselves.
    for (uri, field, code) in [
        ("/api/v1/reports/trainees?office_id=main", "office_id", "invalid_id"),
        ("/api/v1/reports/trainees?as_of=2008-13-01", "as_of", "invalid_date"),
        (
            "/api/v1/reports/trainees?fiscal_year=soon",
            "fiscal_year",
            "invalid_fiscal_year",
        ),
        ("/api/v1/reports/trainees?country=XX", "country", "unknown_country"),
        ("/api/v1/reports/trainees?colour=red", "colour", "unknown_parameter"),
        ("/api/v1/reports/trainees?limit=5", "limit", "unknown_parameter"),
        (
            "/api/v1/reports/trainees/people?colour=red",
            "colour",
            "unknown_parameter",
        ),
        (
            "/api/v1/reports/trainees/people?as_of=2008-02-30",
            "as_of",
            "invalid_date",
        ),
    ] {
        assert_invalid(api.get(uri).await, field, code);
    }
}

async fn attendance(api: &mut Browser) {
    let editions = api
        .get("/api/v1/editions?key=gmrdp/fy2007")
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!(editions["total"], 1, "{editions:#}");
    let edition = &editions["items"][0];
    assert_eq!(
        (edition["fiscal_year"].clone(), edition["scope"].clone()),
        (json!(2007), json!("general"))
    );
    let edition_id = id_of(edition);

    let sessions = api
        .get(&format!("/api/v1/sessions?edition_id={edition_id}"))
        .await
        .expect(StatusCode::OK)
        .json();
    let sessions = sessions["items"].as_array().expect("items").clone();
    assert_eq!(sessions.len(), 9);
    assert!(sessions.iter().all(|s| s["edition_id"] == edition_id));
    let calls: Vec<&Value> = sessions.iter().filter(|s| s["kind"] == "courtesy_call").collect();
    assert_eq!(calls.len(), 1);
    let call = calls[0];
    assert_eq!(call["title"]["en"], "Courtesy call to the Mayor of Hakodate");
    assert_eq!(call["title"]["ja"], "函館市長表敬訪問");
    assert!(call["title"]["th"].as_str().is_some_and(|t| !t.is_empty()), "{call:#}");
    assert_eq!(
        call["starts_at"], "2007-09-19T01:00:00Z",
        "10:00 in Japan, stored in UTC"
    );
    let session_id = id_of(call);
    let by_kind = api
        .get(&format!("/api/v1/sessions?edition_id={edition_id}&kind=courtesy_call"))
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!(by_kind["total"], 1);

    let trainees = api
        .get(&format!(
            "/api/v1/participations?edition_id={edition_id}&role=trainee&limit=1"
        ))
        .await
        .expect(StatusCode::OK)
        .json();
    let person_id = trainees["items"][0]["person_id"].as_i64().expect("a trainee of FY2007");

    let uri = format!("/api/v1/sessions/{session_id}/attendance");
    let before = api.get(&uri).await.expect(StatusCode::OK).json();
    let before = before.as_array().expect("a list").clone();
    assert!(!before.is_empty(), "the demo marks attendance");
    let marks = json!([{"person_id": person_id, "status": "excused", "note": "Unwell; rested at the hotel"}]);
    let after = api.json("PUT", &uri, Some(&marks)).await.expect(StatusCode::OK).json();
    let mine = |list: &Value| {
        list.as_array()
            .expect("a list")
            .iter()
            .find(|a| a["person_id"] == person_id)
            .cloned()
    };
    let want = json!({"person_id": person_id, "status": "excused", "note": "Unwell; rested at the hotel"});
    assert_eq!(mine(&after), Some(want.clone()));
    let reread = api.get(&uri).await.expect(StatusCode::OK).json();
    assert_eq!(mine(&reread), Some(want));
    assert_eq!(
        reread.as_array().map(Vec::len),
        Some(before.len()),
        "the trainee was already marked; no new rows"
    );
    let late = json!([{"person_id": person_id, "status": "late"}]);
    let after = api.json("PUT", &uri, Some(&late)).await.expect(StatusCode::OK).json();
    assert_eq!(
        mine(&after),
        Some(json!({"person_id": person_id, "status": "late", "note": null}))
    );
    // The yes or no of before is refused, naming the field.
    assert_invalid(
        api.json("PUT", &uri, Some(&json!([{"person_id": person_id, "present": true}])))
            .await,
        "[0].present",
        "unknown_field",
    );
    assert_invalid(
        api.json(
            "PUT",
            &uri,
            Some(&json!([{"person_id": person_id, "status": "asleep"}])),
        )
        .await,
        "[0].status",
        "invalid",
    );

    // Only people taking part in the edition can be marked.
    let stranger = create(
        api,
        "people",
        &json!({"family_name": "Outsider", "gender": "other", "nationality": "FJ"}),
    )
    .await;
    let marks =
        json!([{"person_id": person_id, "status": "present"}, {"person_id": id_of(&stranger), "status": "present"}]);
    assert_invalid(
        api.json("PUT", &uri, Some(&marks)).await,
        "[1].person_id",
        "not_a_participant",
    );
    let unchanged = api.get(&uri).await.expect(StatusCode::OK).json();
    assert_eq!(unchanged, after, "a refused marking writes nothing");
    assert!(mine(&unchanged).is_some());
    assert!(
        unchanged
            .as_array()
            .expect("a list")
            .iter()
            .all(|a| a["person_id"] != id_of(&stranger))
    );

    assert_invalid(
        api.json("PUT", &uri, Some(&json!({"person_id": person_id}))).await,
        "body",
        "invalid",
    );
    // Errors inside the list name the element.
    assert_invalid(
        api.json(
            "PUT",
            &uri,
            Some(&json!([{"person_id": person_id, "status": "present", "colour": "red"}])),
        )
        .await,
        "[0].colour",
        "unknown_field",
    );
    assert_invalid(
        api.json(
            "PUT",
            &uri,
            Some(&json!([{"person_id": person_id, "status": "present"}, {"status": "present"}])),
        )
        .await,
        "[1].person_id",
        "required",
    );
    let body = api
        .get("/api/v1/sessions/999999/attendance")
        .await
        .expect(StatusCode::NOT_FOUND)
        .json();
    assert_eq!(body["error"]["code"], "not_found");
}
