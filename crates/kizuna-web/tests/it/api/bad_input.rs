//! Bad requests of every kind — wrong content type, malformed or
//! ill-typed JSON, broken rules, missing references, duplicates, bad path
//! ids and list parameters, unknown endpoints and methods — each answered
//! with a named error, and nothing written.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use kizuna_store::Backend;
use kizuna_testkit::TestApp;
use serde_json::{Value, json};

use super::{assert_invalid, course_and_edition, create, id_of};

pub(crate) async fn bad_input(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let mut api = t.api().await;
    let good_person = json!({"family_name": "Srisuk", "gender": "male", "nationality": "TH"});

    // Wrong content type, or none.
    let body = api
        .raw("POST", "/api/v1/people", "text/plain", good_person.to_string())
        .await
        .expect(StatusCode::UNSUPPORTED_MEDIA_TYPE)
        .json();
    assert_eq!(body["error"]["code"], "unsupported_media_type");
    let got = api
        .send(Request::post("/api/v1/people"), Body::from(good_person.to_string()))
        .await;
    assert_eq!(
        (got.status, got.json()["error"]["code"].clone()),
        (StatusCode::UNSUPPORTED_MEDIA_TYPE, json!("unsupported_media_type"))
    );

    // Malformed JSON.
    assert_invalid(
        api.raw("POST", "/api/v1/people", "application/json", r#"{"family_name": "#)
            .await,
        "family_name",
        "malformed_json",
    );
    assert_invalid(
        api.raw("POST", "/api/v1/people", "application/json", "").await,
        "body",
        "malformed_json",
    );

    // A required field missing; an unknown field; a wrongly typed field.
    assert_invalid(
        api.json(
            "POST",
            "/api/v1/people",
            Some(&json!({"gender": "male", "nationality": "TH"})),
        )
        .await,
        "family_name",
        "required",
    );
    assert_invalid(
        api.json(
            "POST",
            "/api/v1/people",
            Some(&json!({"family_name": "Srisuk", "gender": "male", "nationality": "TH", "colour": "red"})),
        )
        .await,
        "colour",
        "unknown_field",
    );
    assert_invalid(
        api.json(
            "POST",
            "/api/v1/people",
            Some(&json!({"family_name": "Srisuk", "gender": "robot", "nationality": "TH"})),
        )
        .await,
        "gender",
        "invalid",
    );
    assert_invalid(
        api.json(
            "POST",
            "/api/v1/people",
            Some(&json!({"family_name": "   ", "gender": "male", "nationality": "TH"})),
        )
        .await,
        "family_name",
        "invalid",
    );

    // An unknown country.
    let body = assert_invalid(
        api.json(
            "POST",
            "/api/v1/people",
            Some(&json!({"family_name": "Srisuk", "gender": "male", "nationality": "XX"})),
        )
        .await,
        "nationality",
        "invalid",
    );
    assert!(
        body["error"]["fields"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("XX")),
        "names the value: {body:#}"
    );

    // Rules across fields.
    assert_invalid(
        api.json(
            "POST",
            "/api/v1/people",
            Some(&json!({"family_name": "Srisuk", "gender": "male", "nationality": "TH", "birth_date": "2030-01-01"})),
        )
        .await,
        "birth_date",
        "in_future",
    );
    let (programme_id, edition_id) = course_and_edition(&mut api).await;
    let edition = |starts_on: &str, scope: &str, targets: Value| {
        json!({"programme_id": programme_id, "key": "gmrdp/fy2008", "fiscal_year": 2008, "scope": scope,
               "target_countries": targets, "starts_on": starts_on, "ends_on": "2009-03-20"})
    };
    let body = assert_invalid(
        api.json(
            "POST",
            "/api/v1/editions",
            Some(&edition("2008-03-01", "general", json!([]))),
        )
        .await,
        "starts_on",
        "outside_fiscal_year",
    );
    assert_eq!(
        body["error"]["fields"].as_array().map(Vec::len),
        Some(1),
        "only starts_on: {body:#}"
    );
    assert_invalid(
        api.json(
            "POST",
            "/api/v1/editions",
            Some(&edition("2008-09-01", "country_specific", json!([]))),
        )
        .await,
        "target_countries",
        "required",
    );
    assert_invalid(
        api.json(
            "POST",
            "/api/v1/editions",
            Some(&edition("2008-09-01", "general", json!(["TH"]))),
        )
        .await,
        "target_countries",
        "not_allowed",
    );
    assert_invalid(
        api.json(
            "POST",
            "/api/v1/editions",
            Some(
                &json!({"programme_id": 999999, "key": "x/fy2008", "fiscal_year": 2008, "scope": "general",
                   "starts_on": "2008-09-01", "ends_on": "2008-10-01"}),
            ),
        )
        .await,
        "programme_id",
        "not_found",
    );

    // References to missing records.
    let person = create(&mut api, "people", &good_person).await;
    assert_invalid(
        api.json(
            "POST",
            "/api/v1/participations",
            Some(&json!({"edition_id": 999999, "person_id": id_of(&person), "role": "trainee", "status": "accepted"})),
        )
        .await,
        "edition_id",
        "not_found",
    );
    // A country-specific edition refuses trainees of other countries.
    let vn_only = create(
        &mut api,
        "editions",
        &edition("2008-09-01", "country_specific", json!(["VN"])),
    )
    .await;
    assert_invalid(
        api.json(
            "POST",
            "/api/v1/participations",
            Some(
                &json!({"edition_id": id_of(&vn_only), "person_id": id_of(&person), "role": "trainee", "status": "accepted"}),
            ),
        )
        .await,
        "person_id",
        "country_not_targeted",
    );

    // Duplicates.
    let duplicate_edition = json!({"programme_id": programme_id, "key": "gmrdp/fy2007", "fiscal_year": 2007, "scope": "general",
                                   "starts_on": "2007-09-01", "ends_on": "2007-10-12"});
    assert_invalid(
        api.json("POST", "/api/v1/editions", Some(&duplicate_edition)).await,
        "key",
        "duplicate",
    );
    assert_invalid(
        api.json("POST", "/api/v1/people", Some(&good_person)).await,
        "identity",
        "duplicate",
    );
    let participation =
        json!({"edition_id": edition_id, "person_id": id_of(&person), "role": "trainee", "status": "accepted"});
    create(&mut api, "participations", &participation).await;
    assert_invalid(
        api.json("POST", "/api/v1/participations", Some(&participation)).await,
        "person_id",
        "duplicate",
    );
    let mut updated = good_person.clone();
    updated["given_name"] = json!("Kittisak");
    let other = create(&mut api, "people", &updated).await;
    assert_invalid(
        api.put_json(
            &format!("/api/v1/people/{}", id_of(&other)),
            other["version"].as_i64().expect("a version"),
            &good_person,
        )
        .await,
        "identity",
        "duplicate",
    );

    // Path ids.
    for uri in [
        "/api/v1/people/abc",
        "/api/v1/people/0",
        "/api/v1/people/-3",
        "/api/v1/people/1.5",
        "/api/v1/people/abc/roles",
    ] {
        assert_invalid(api.get(uri).await, "id", "invalid_id");
    }
    assert_invalid(
        api.put_json("/api/v1/people/abc", 1, &good_person).await,
        "id",
        "invalid_id",
    );
    assert_invalid(api.json("DELETE", "/api/v1/people/abc", None).await, "id", "invalid_id");

    // List parameters.
    for (uri, field, code) in [
        ("/api/v1/people?colour=red", "colour", "unknown_filter"),
        ("/api/v1/people?limit=0", "limit", "out_of_range"),
        ("/api/v1/people?limit=1001", "limit", "out_of_range"),
        ("/api/v1/people?offset=-1", "offset", "out_of_range"),
        ("/api/v1/people?organisation_id=abc", "organisation_id", "not_a_number"),
    ] {
        assert_invalid(api.get(uri).await, field, code);
    }
    let body = api
        .get("/api/v1/people?limit=1&limit=2")
        .await
        .expect(StatusCode::BAD_REQUEST)
        .json();
    assert_eq!(
        (
            body["error"]["code"].clone(),
            body["error"]["fields"][0]["field"].clone()
        ),
        (json!("bad_request"), json!("limit"))
    );

    // Unknown endpoints and methods answer in JSON.
    for uri in ["/api/v1/nothing", "/api/v2/people"] {
        let body = api.get(uri).await.expect(StatusCode::NOT_FOUND).json();
        assert_eq!(body["error"]["code"], "not_found", "{uri}");
        assert!(
            body["error"]["message"]
                .as_str()
                .is_some_and(|m| m.starts_with("no such endpoint")),
            "{uri}: {body:#}"
        );
    }
    for (method, uri) in [
        ("DELETE", "/api/v1/people"),
        ("PATCH", "/api/v1/people/1"),
        ("POST", "/api/v1/reports/trainees"),
        ("GET", "/api/v1/imports/trainees"),
    ] {
        let body = api
            .json(method, uri, None)
            .await
            .expect(StatusCode::METHOD_NOT_ALLOWED)
            .json();
        assert_eq!(body["error"]["code"], "method_not_allowed", "{method} {uri}");
    }

    // Nothing above was written.
    let people = api.get("/api/v1/people").await.expect(StatusCode::OK).json();
    assert_eq!(people["total"], 2);
}
