//! Integration tests of the JSON API, through the router (no sockets), on
//! both SQLite and PostgreSQL. Each scenario is written once as
//! `async fn scenario(backend)`; [`both_backends!`] makes a `sqlite` and a
//! `postgres` test of it.

use std::sync::Arc;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Request, StatusCode, header};
use chrono::NaiveDate;
use kizuna_app::App;
use kizuna_store::Backend;
use kizuna_testkit::fresh_store;
use serde_json::{Value, json};
use tower::ServiceExt;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Make a `sqlite` and a `postgres` test of each scenario, in a module of
/// the scenario's name (`crud_story::sqlite`, `crud_story::postgres`).
macro_rules! both_backends {
    ($($scenario:ident),* $(,)?) => {$(
        mod $scenario {
            use super::*;

            #[tokio::test]
            async fn sqlite() {
                super::$scenario(Backend::Sqlite).await;
            }

            #[tokio::test]
            async fn postgres() {
                super::$scenario(Backend::Postgres).await;
            }
        }
    )*};
}

both_backends!(
    crud_story,
    bad_input,
    reports_and_attendance,
    import_and_export,
    openapi_paths_answer
);

// ---------------------------------------------------------------- helpers

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date")
}

thread_local! {
    /// The staff API token of the test running on this thread (each test
    /// runs on its own thread with its own database).
    static TOKEN: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

async fn new_app(backend: Backend) -> App {
    let store = fresh_store(backend)
        .await
        .expect("a fresh database (is PostgreSQL running on 127.0.0.1:5432?)");
    let app = App::new(store).with_today(today());
    app.add_user(
        "staff@kizuna.example",
        kizuna_domain::common::account::Role::Staff,
        None,
        Some("a long test password"),
    )
    .await
    .expect("a staff account");
    let token = app
        .create_token("staff@kizuna.example", "tests")
        .await
        .expect("a token");
    TOKEN.with(|t| *t.borrow_mut() = Some(token));
    app
}

/// The router on a fresh, empty database of the given backend.
async fn app(backend: Backend) -> Router {
    kizuna_web::router(Arc::new(new_app(backend).await))
}

/// The router on a fresh database holding the demo dataset.
async fn demo_app(backend: Backend) -> Router {
    let app = new_app(backend).await;
    app.load_demo().await.expect("the demo loads");
    kizuna_web::router(Arc::new(app))
}

/// Send one request; the raw status, headers and body.
async fn call(
    app: &Router,
    method: &str,
    uri: &str,
    content_type: Option<&str>,
    body: impl Into<Body>,
) -> (StatusCode, HeaderMap, Bytes) {
    let mut req = Request::builder().method(method).uri(uri);
    if let Some(token) = TOKEN.with(|t| t.borrow().clone()) {
        req = req.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    if let Some(ct) = content_type {
        req = req.header(header::CONTENT_TYPE, ct);
    }
    if let Some(v) = IF_MATCH.with(|m| m.borrow().clone()) {
        req = req.header(header::IF_MATCH, v);
    }
    let req = req.body(body.into()).expect("a valid request");
    let resp = app.clone().oneshot(req).await.expect("the router always answers");
    let status = resp.status();
    let headers = resp.headers().clone();
    let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
        .await
        .expect("a readable body");
    (status, headers, bytes)
}

/// Parse a response body as JSON (`null` when empty), failing loudly otherwise.
fn json_of(status: StatusCode, method: &str, uri: &str, bytes: &[u8]) -> Value {
    if bytes.is_empty() {
        return Value::Null;
    }
    serde_json::from_slice(bytes).unwrap_or_else(|e| {
        panic!(
            "{method} {uri} → {status}: body is not JSON ({e}): {}",
            String::from_utf8_lossy(bytes)
        )
    })
}

/// Send a request with an optional JSON body; the status and the JSON answer.
async fn send(app: &Router, method: &str, uri: &str, body: Option<Value>) -> (StatusCode, Value) {
    let (status, _, bytes) = match body {
        Some(b) => call(app, method, uri, Some("application/json"), b.to_string()).await,
        None => call(app, method, uri, None, Body::empty()).await,
    };
    assert_ne!(
        status,
        StatusCode::INTERNAL_SERVER_ERROR,
        "{method} {uri} → 500: {}",
        String::from_utf8_lossy(&bytes)
    );
    (status, json_of(status, method, uri, &bytes))
}

thread_local! {
    /// The `If-Match` the next requests send (see [`put`]).
    static IF_MATCH: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// PUT a record as changed from `version` (sent as `If-Match`).
async fn put(app: &Router, uri: &str, version: &Value, body: Value) -> (StatusCode, Value) {
    IF_MATCH.with(|m| *m.borrow_mut() = Some(format!("\"{version}\"")));
    let r = send(app, "PUT", uri, Some(body)).await;
    IF_MATCH.with(|m| *m.borrow_mut() = None);
    r
}

/// Send a raw body with a content type; the status and the JSON answer.
async fn send_raw(app: &Router, method: &str, uri: &str, content_type: &str, body: &str) -> (StatusCode, Value) {
    let (status, _, bytes) = call(app, method, uri, Some(content_type), body.to_owned()).await;
    assert_ne!(
        status,
        StatusCode::INTERNAL_SERVER_ERROR,
        "{method} {uri} → 500: {}",
        String::from_utf8_lossy(&bytes)
    );
    (status, json_of(status, method, uri, &bytes))
}

/// Expect the status, with the body in the failure message.
#[track_caller]
fn expect_status(got: (StatusCode, Value), want: StatusCode) -> Value {
    assert_eq!(got.0, want, "body: {:#}", got.1);
    got.1
}

/// POST a record and return it (201 expected).
async fn create(app: &Router, collection: &str, input: &Value) -> Value {
    let uri = format!("/api/v1/{collection}");
    let (status, body) = send(app, "POST", &uri, Some(input.clone())).await;
    assert_eq!(status, StatusCode::CREATED, "POST {uri} {input}: {body:#}");
    assert_has(&body, input);
    body
}

fn id_of(record: &Value) -> i64 {
    record["id"].as_i64().unwrap_or_else(|| panic!("no id in {record:#}"))
}

/// Every field of `input` comes back with the same value.
#[track_caller]
fn assert_has(record: &Value, input: &Value) {
    let fields = input.as_object().expect("input is an object");
    for (k, v) in fields {
        assert_eq!(&record[k], v, "field {k} of {record:#}");
    }
    assert!(
        record["id"].as_i64().is_some_and(|id| id > 0),
        "a positive id in {record:#}"
    );
}

/// A 422 `validation_failed` whose first field error is `field`/`code`.
#[track_caller]
fn assert_invalid(got: (StatusCode, Value), field: &str, code: &str) -> Value {
    let body = expect_status(got, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["code"], "validation_failed", "{body:#}");
    let first = &body["error"]["fields"][0];
    assert_eq!(first["field"], field, "{body:#}");
    assert_eq!(first["code"], code, "{body:#}");
    assert!(
        first["message"].as_str().is_some_and(|m| !m.is_empty()),
        "a message for people: {body:#}"
    );
    body
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

fn people_total(v: &Value) -> i64 {
    v["total"].as_i64().unwrap_or_else(|| panic!("no total in {v:#}"))
}

/// A training course and its FY2007 general edition (starts 2007-09-01).
async fn course_and_edition(app: &Router) -> (i64, i64) {
    let programme = create(
        app,
        "programmes",
        &json!({"key": "gmrdp", "kind": "training_course", "title": {"en": "General Management of Regional Development Policy"}}),
    )
    .await;
    let edition = create(
        app,
        "editions",
        &json!({"programme_id": id_of(&programme), "key": "gmrdp/fy2007", "fiscal_year": 2007, "scope": "general",
                "starts_on": "2007-09-01", "ends_on": "2007-10-12", "capacity": 20}),
    )
    .await;
    (id_of(&programme), id_of(&edition))
}

// ---------------------------------------------------------------- 1. CRUD

async fn crud_story(backend: Backend) {
    let app = app(backend).await;

    let locality = create(
        &app,
        "localities",
        &json!({"key": "jp/hokkaido/tokachi/obihiro", "country": "JP", "level": "municipality", "name": {"en": "Obihiro", "ja": "帯広市"}}),
    )
    .await;
    let organisation = create(
        &app,
        "organisations",
        &json!({"key": "obihiro-city", "name": {"en": "Obihiro City", "ja": "帯広市"}, "kind": "government", "country": "JP",
                "locality_id": id_of(&locality)}),
    )
    .await;
    let programme = create(
        &app,
        "programmes",
        &json!({"key": "gmrdp", "kind": "training_course", "title": {"en": "General Management of Regional Development Policy"},
                "organisation_id": id_of(&organisation)}),
    )
    .await;
    let edition = create(
        &app,
        "editions",
        &json!({"programme_id": id_of(&programme), "key": "gmrdp/fy2007", "fiscal_year": 2007, "scope": "general",
                "starts_on": "2007-09-01", "ends_on": "2007-10-12", "capacity": 20}),
    )
    .await;
    assert_eq!(edition["target_countries"], json!([]));
    let person_input = json!({"family_name": "Srisuk", "given_name": "Kittisak", "gender": "male", "nationality": "TH",
                              "birth_date": "1968-05-01", "email": "kittisak@example.org"});
    let person = create(&app, "people", &person_input).await;
    let participation = create(
        &app,
        "participations",
        &json!({"edition_id": id_of(&edition), "person_id": id_of(&person), "role": "trainee", "status": "completed",
                "started_on": "2007-09-01", "ended_on": "2007-10-12", "action_plan_title": "Farm roads for Khon Kaen"}),
    )
    .await;

    // Each record reads back exactly as created.
    for (collection, record) in [
        ("localities", &locality),
        ("organisations", &organisation),
        ("programmes", &programme),
        ("editions", &edition),
        ("people", &person),
        ("participations", &participation),
    ] {
        let got = expect_status(
            send(&app, "GET", &format!("/api/v1/{collection}/{}", id_of(record)), None).await,
            StatusCode::OK,
        );
        assert_eq!(&got, record, "GET {collection}");
    }
    assert_eq!(person["name_kana"], Value::Null);

    // Lists: filter by nationality (any case) and page.
    create(
        &app,
        "people",
        &json!({"family_name": "Wongsawat", "given_name": "Malee", "gender": "female", "nationality": "TH"}),
    )
    .await;
    create(
        &app,
        "people",
        &json!({"family_name": "Nguyen", "given_name": "Thi Lan", "gender": "female", "nationality": "VN"}),
    )
    .await;
    let all = expect_status(send(&app, "GET", "/api/v1/people", None).await, StatusCode::OK);
    assert_eq!(
        (all["total"].clone(), all["limit"].clone(), all["offset"].clone()),
        (json!(3), json!(100), json!(0))
    );
    let names: Vec<&str> = all["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|p| p["family_name"].as_str())
        .collect();
    assert_eq!(names, ["Nguyen", "Srisuk", "Wongsawat"], "sorted by family name");
    let thai = expect_status(
        send(&app, "GET", "/api/v1/people?nationality=th", None).await,
        StatusCode::OK,
    );
    assert_eq!(thai["total"], 2);
    let names: Vec<&str> = thai["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|p| p["family_name"].as_str())
        .collect();
    assert_eq!(names, ["Srisuk", "Wongsawat"]);
    let page = expect_status(
        send(&app, "GET", "/api/v1/people?nationality=th&limit=1&offset=1", None).await,
        StatusCode::OK,
    );
    assert_eq!(
        (page["total"].clone(), page["limit"].clone(), page["offset"].clone()),
        (json!(2), json!(1), json!(1))
    );
    let items = page["items"].as_array().expect("items");
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["family_name"], "Wongsawat");
    let beyond = expect_status(
        send(&app, "GET", "/api/v1/people?nationality=TH&offset=5", None).await,
        StatusCode::OK,
    );
    assert_eq!(
        (beyond["total"].clone(), beyond["items"].clone()),
        (json!(2), json!([]))
    );

    // Update.
    let person_id = id_of(&person);
    let mut changed = person_input.clone();
    changed["email"] = json!("k.srisuk@example.org");
    changed["position"] = json!("Director, Planning Division");
    changed["organisation_id"] = json!(id_of(&organisation));
    // Without the version it was made from, an update is refused.
    let (status, body) = send(
        &app,
        "PUT",
        &format!("/api/v1/people/{person_id}"),
        Some(changed.clone()),
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].clone()),
        (StatusCode::PRECONDITION_REQUIRED, json!("version_required"))
    );
    let updated = expect_status(
        put(
            &app,
            &format!("/api/v1/people/{person_id}"),
            &person["version"],
            changed.clone(),
        )
        .await,
        StatusCode::OK,
    );
    assert_has(&updated, &changed);
    assert_eq!(updated["id"], person_id);
    assert_eq!(updated["version"], json!(person["version"].as_i64().unwrap() + 1));
    // A second change made from the first version would overwrite this one
    // unseen: refused, and nothing is written.
    let mut stale = changed.clone();
    stale["position"] = json!("Someone else's edit");
    let (status, body) = put(&app, &format!("/api/v1/people/{person_id}"), &person["version"], stale).await;
    assert_eq!(
        (status, body["error"]["code"].clone()),
        (StatusCode::CONFLICT, json!("stale_version"))
    );
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("changed by someone else"),
        "{body:#}"
    );
    let reread = expect_status(
        send(&app, "GET", &format!("/api/v1/people/{person_id}"), None).await,
        StatusCode::OK,
    );
    assert_eq!(reread, updated);
    let (status, body) = put(&app, "/api/v1/people/999999", &json!(1), changed.clone()).await;
    assert_eq!(
        (status, body["error"]["code"].clone()),
        (StatusCode::NOT_FOUND, json!("not_found"))
    );

    // Delete: refused while a participation refers to the person.
    let refused = send(&app, "DELETE", &format!("/api/v1/people/{person_id}"), None).await;
    let body = expect_status(refused, StatusCode::CONFLICT);
    assert_eq!(body["error"]["code"], "in_use", "{body:#}");
    expect_status(
        send(&app, "GET", &format!("/api/v1/people/{person_id}"), None).await,
        StatusCode::OK,
    );
    // The edition too is in use.
    let body = expect_status(
        send(&app, "DELETE", &format!("/api/v1/editions/{}", id_of(&edition)), None).await,
        StatusCode::CONFLICT,
    );
    assert_eq!(body["error"]["code"], "in_use", "{body:#}");

    let pid = id_of(&participation);
    let (status, body) = send(&app, "DELETE", &format!("/api/v1/participations/{pid}"), None).await;
    assert_eq!((status, body), (StatusCode::NO_CONTENT, Value::Null));
    let (status, body) = send(&app, "DELETE", &format!("/api/v1/people/{person_id}"), None).await;
    assert_eq!((status, body), (StatusCode::NO_CONTENT, Value::Null));

    for uri in [
        format!("/api/v1/people/{person_id}"),
        format!("/api/v1/participations/{pid}"),
    ] {
        let body = expect_status(send(&app, "GET", &uri, None).await, StatusCode::NOT_FOUND);
        assert_eq!(body["error"]["code"], "not_found", "{uri}: {body:#}");
    }
    let body = expect_status(
        send(&app, "DELETE", &format!("/api/v1/people/{person_id}"), None).await,
        StatusCode::NOT_FOUND,
    );
    assert_eq!(body["error"]["code"], "not_found");
    let thai = expect_status(
        send(&app, "GET", "/api/v1/people?nationality=TH", None).await,
        StatusCode::OK,
    );
    assert_eq!(thai["total"], 1);
}

// ---------------------------------------------------------------- 2. Bad input

async fn bad_input(backend: Backend) {
    let app = app(backend).await;
    let good_person = json!({"family_name": "Srisuk", "gender": "male", "nationality": "TH"});

    // Wrong content type.
    let body = expect_status(
        send_raw(&app, "POST", "/api/v1/people", "text/plain", &good_person.to_string()).await,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
    );
    assert_eq!(body["error"]["code"], "unsupported_media_type");
    let (status, body) = {
        let (s, _, b) = call(&app, "POST", "/api/v1/people", None, good_person.to_string()).await;
        (s, json_of(s, "POST", "/api/v1/people", &b))
    };
    assert_eq!(
        (status, body["error"]["code"].clone()),
        (StatusCode::UNSUPPORTED_MEDIA_TYPE, json!("unsupported_media_type"))
    );

    // Malformed JSON.
    assert_invalid(
        send_raw(
            &app,
            "POST",
            "/api/v1/people",
            "application/json",
            r#"{"family_name": "#,
        )
        .await,
        "family_name",
        "malformed_json",
    );
    assert_invalid(
        send_raw(&app, "POST", "/api/v1/people", "application/json", "").await,
        "body",
        "malformed_json",
    );

    // A required field missing; an unknown field; a wrongly typed field.
    assert_invalid(
        send(
            &app,
            "POST",
            "/api/v1/people",
            Some(json!({"gender": "male", "nationality": "TH"})),
        )
        .await,
        "family_name",
        "required",
    );
    assert_invalid(
        send(
            &app,
            "POST",
            "/api/v1/people",
            Some(json!({"family_name": "Srisuk", "gender": "male", "nationality": "TH", "colour": "red"})),
        )
        .await,
        "colour",
        "unknown_field",
    );
    assert_invalid(
        send(
            &app,
            "POST",
            "/api/v1/people",
            Some(json!({"family_name": "Srisuk", "gender": "robot", "nationality": "TH"})),
        )
        .await,
        "gender",
        "invalid",
    );
    assert_invalid(
        send(
            &app,
            "POST",
            "/api/v1/people",
            Some(json!({"family_name": "   ", "gender": "male", "nationality": "TH"})),
        )
        .await,
        "family_name",
        "invalid",
    );

    // An unknown country.
    let body = send(
        &app,
        "POST",
        "/api/v1/people",
        Some(json!({"family_name": "Srisuk", "gender": "male", "nationality": "XX"})),
    )
    .await;
    let body = assert_invalid(body, "nationality", "invalid");
    assert!(
        body["error"]["fields"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("XX")),
        "names the value: {body:#}"
    );

    // Rules across fields.
    assert_invalid(
        send(
            &app,
            "POST",
            "/api/v1/people",
            Some(json!({"family_name": "Srisuk", "gender": "male", "nationality": "TH", "birth_date": "2030-01-01"})),
        )
        .await,
        "birth_date",
        "in_future",
    );
    let (programme_id, edition_id) = course_and_edition(&app).await;
    let edition = |starts_on: &str, scope: &str, targets: Value| {
        json!({"programme_id": programme_id, "key": "gmrdp/fy2008", "fiscal_year": 2008, "scope": scope,
               "target_countries": targets, "starts_on": starts_on, "ends_on": "2009-03-20"})
    };
    let body = assert_invalid(
        send(
            &app,
            "POST",
            "/api/v1/editions",
            Some(edition("2008-03-01", "general", json!([]))),
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
        send(
            &app,
            "POST",
            "/api/v1/editions",
            Some(edition("2008-09-01", "country_specific", json!([]))),
        )
        .await,
        "target_countries",
        "required",
    );
    assert_invalid(
        send(
            &app,
            "POST",
            "/api/v1/editions",
            Some(edition("2008-09-01", "general", json!(["TH"]))),
        )
        .await,
        "target_countries",
        "not_allowed",
    );
    assert_invalid(
        send(
            &app,
            "POST",
            "/api/v1/editions",
            Some(
                json!({"programme_id": 999999, "key": "x/fy2008", "fiscal_year": 2008, "scope": "general",
                                                            "starts_on": "2008-09-01", "ends_on": "2008-10-01"}),
            ),
        )
        .await,
        "programme_id",
        "not_found",
    );

    // References to missing records.
    let person = create(&app, "people", &good_person).await;
    assert_invalid(
        send(
            &app,
            "POST",
            "/api/v1/participations",
            Some(json!({"edition_id": 999999, "person_id": id_of(&person), "role": "trainee", "status": "accepted"})),
        )
        .await,
        "edition_id",
        "not_found",
    );
    // A country-specific edition refuses trainees of other countries.
    let vn_only = create(
        &app,
        "editions",
        &edition("2008-09-01", "country_specific", json!(["VN"])),
    )
    .await;
    assert_invalid(
        send(&app, "POST", "/api/v1/participations", Some(json!({"edition_id": id_of(&vn_only), "person_id": id_of(&person), "role": "trainee", "status": "accepted"})))
            .await,
        "person_id",
        "country_not_targeted",
    );

    // Duplicates.
    let duplicate_edition = json!({"programme_id": programme_id, "key": "gmrdp/fy2007", "fiscal_year": 2007, "scope": "general",
                                   "starts_on": "2007-09-01", "ends_on": "2007-10-12"});
    assert_invalid(
        send(&app, "POST", "/api/v1/editions", Some(duplicate_edition)).await,
        "key",
        "duplicate",
    );
    assert_invalid(
        send(&app, "POST", "/api/v1/people", Some(good_person.clone())).await,
        "identity",
        "duplicate",
    );
    let participation =
        json!({"edition_id": edition_id, "person_id": id_of(&person), "role": "trainee", "status": "accepted"});
    create(&app, "participations", &participation).await;
    assert_invalid(
        send(&app, "POST", "/api/v1/participations", Some(participation)).await,
        "person_id",
        "duplicate",
    );
    let mut updated = good_person.clone();
    updated["given_name"] = json!("Kittisak");
    let other = create(&app, "people", &updated).await;
    let body = put(
        &app,
        &format!("/api/v1/people/{}", id_of(&other)),
        &other["version"],
        good_person.clone(),
    )
    .await;
    assert_invalid(body, "identity", "duplicate");

    // Path ids.
    for uri in [
        "/api/v1/people/abc",
        "/api/v1/people/0",
        "/api/v1/people/-3",
        "/api/v1/people/1.5",
        "/api/v1/people/abc/roles",
    ] {
        assert_invalid(send(&app, "GET", uri, None).await, "id", "invalid_id");
    }
    assert_invalid(
        put(&app, "/api/v1/people/abc", &json!(1), good_person.clone()).await,
        "id",
        "invalid_id",
    );
    assert_invalid(
        send(&app, "DELETE", "/api/v1/people/abc", None).await,
        "id",
        "invalid_id",
    );

    // List parameters.
    assert_invalid(
        send(&app, "GET", "/api/v1/people?colour=red", None).await,
        "colour",
        "unknown_filter",
    );
    assert_invalid(
        send(&app, "GET", "/api/v1/people?limit=0", None).await,
        "limit",
        "out_of_range",
    );
    assert_invalid(
        send(&app, "GET", "/api/v1/people?limit=1001", None).await,
        "limit",
        "out_of_range",
    );
    assert_invalid(
        send(&app, "GET", "/api/v1/people?offset=-1", None).await,
        "offset",
        "out_of_range",
    );
    assert_invalid(
        send(&app, "GET", "/api/v1/people?organisation_id=abc", None).await,
        "organisation_id",
        "not_a_number",
    );
    let body = expect_status(
        send(&app, "GET", "/api/v1/people?limit=1&limit=2", None).await,
        StatusCode::BAD_REQUEST,
    );
    assert_eq!(
        (
            body["error"]["code"].clone(),
            body["error"]["fields"][0]["field"].clone()
        ),
        (json!("bad_request"), json!("limit"))
    );

    // Unknown endpoints and methods answer in JSON.
    for uri in ["/api/v1/nothing", "/api/v2/people"] {
        let body = expect_status(send(&app, "GET", uri, None).await, StatusCode::NOT_FOUND);
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
        let body = expect_status(send(&app, method, uri, None).await, StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(body["error"]["code"], "method_not_allowed", "{method} {uri}");
    }

    // Nothing above was written.
    let people = expect_status(send(&app, "GET", "/api/v1/people", None).await, StatusCode::OK);
    assert_eq!(people["total"], 2);
}

// ---------------------------------------------------------------- 3. and 4. Reports and attendance (demo data)

async fn reports_and_attendance(backend: Backend) {
    let app = demo_app(backend).await;
    reports(&app).await;
    attendance(&app).await;
}

async fn reports(app: &Router) {
    let report = expect_status(
        send(app, "GET", "/api/v1/reports/trainees?as_of=2008-03-31", None).await,
        StatusCode::OK,
    );
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
    let country_sum: u64 = countries.iter().filter_map(|c| c["trainees"].as_u64()).sum();
    assert_eq!(country_sum, 680);
    let region_sum: u64 = report["by_region"]
        .as_array()
        .expect("by_region")
        .iter()
        .filter_map(|r| r["trainees"].as_u64())
        .sum();
    assert_eq!(region_sum, 680);
    let gender_sum: u64 = report["by_gender"]
        .as_array()
        .expect("by_gender")
        .iter()
        .filter_map(|r| r["trainees"].as_u64())
        .sum();
    assert_eq!(gender_sum, 680);
    let fy2007_trainees = last["trainees"].clone();

    // Later dates count more; the default is today (2026-11-23).
    let later = expect_status(
        send(app, "GET", "/api/v1/reports/trainees?as_of=2026-03-31", None).await,
        StatusCode::OK,
    );
    assert!(
        later["trainees"].as_u64().is_some_and(|n| n > 680),
        "{}",
        later["trainees"]
    );
    let now = expect_status(send(app, "GET", "/api/v1/reports/trainees", None).await, StatusCode::OK);
    assert_eq!(now["as_of"], "2026-11-23");
    assert!(now["trainees"].as_u64() >= later["trainees"].as_u64());

    // One fiscal year, written the Japanese way.
    let uri = format!(
        "/api/v1/reports/trainees?as_of=2008-03-31&fiscal_year={}",
        encode("平成19年度")
    );
    let fy = expect_status(send(app, "GET", &uri, None).await, StatusCode::OK);
    let rows = fy["by_fiscal_year"].as_array().expect("by_fiscal_year");
    assert_eq!(rows.len(), 1, "{fy:#}");
    assert_eq!(rows[0]["fiscal_year"], 2007);
    assert_eq!(fy["trainees"], fy2007_trainees);
    assert_eq!(rows[0]["trainees"], fy2007_trainees);
    let same = expect_status(
        send(
            app,
            "GET",
            "/api/v1/reports/trainees?as_of=2008-03-31&fiscal_year=FY2007",
            None,
        )
        .await,
        StatusCode::OK,
    );
    assert_eq!(same, fy);

    // The drill-down lists the people behind a figure.
    let th = countries
        .iter()
        .find(|c| c["country"] == "TH")
        .expect("Thailand is in the demo");
    let people = expect_status(
        send(
            app,
            "GET",
            "/api/v1/reports/trainees/people?as_of=2008-03-31&country=TH",
            None,
        )
        .await,
        StatusCode::OK,
    );
    assert_eq!(people["total"], th["trainees"]);
    let items = people["items"].as_array().expect("items");
    assert_eq!(Some(items.len() as u64), th["trainees"].as_u64().map(|n| n.min(100)));
    assert!(items.iter().all(|p| p["nationality"] == "TH"), "only Thai trainees");
    let all = expect_status(
        send(
            app,
            "GET",
            "/api/v1/reports/trainees/people?as_of=2008-03-31&limit=1",
            None,
        )
        .await,
        StatusCode::OK,
    );
    assert_eq!(
        (all["total"].clone(), all["items"].as_array().map(Vec::len)),
        (json!(680), Some(1))
    );

    // Bad parameters name themselves.
    assert_invalid(
        send(app, "GET", "/api/v1/reports/trainees?as_of=2008-13-01", None).await,
        "as_of",
        "invalid_date",
    );
    assert_invalid(
        send(app, "GET", "/api/v1/reports/trainees?fiscal_year=soon", None).await,
        "fiscal_year",
        "invalid_fiscal_year",
    );
    assert_invalid(
        send(app, "GET", "/api/v1/reports/trainees?country=XX", None).await,
        "country",
        "unknown_country",
    );
    assert_invalid(
        send(app, "GET", "/api/v1/reports/trainees?colour=red", None).await,
        "colour",
        "unknown_parameter",
    );
    assert_invalid(
        send(app, "GET", "/api/v1/reports/trainees?limit=5", None).await,
        "limit",
        "unknown_parameter",
    );
    assert_invalid(
        send(app, "GET", "/api/v1/reports/trainees/people?colour=red", None).await,
        "colour",
        "unknown_parameter",
    );
    assert_invalid(
        send(app, "GET", "/api/v1/reports/trainees/people?as_of=2008-02-30", None).await,
        "as_of",
        "invalid_date",
    );
}

async fn attendance(app: &Router) {
    let editions = expect_status(
        send(app, "GET", "/api/v1/editions?key=gmrdp/fy2007", None).await,
        StatusCode::OK,
    );
    assert_eq!(editions["total"], 1, "{editions:#}");
    let edition = &editions["items"][0];
    assert_eq!(
        (edition["fiscal_year"].clone(), edition["scope"].clone()),
        (json!(2007), json!("general"))
    );
    let edition_id = id_of(edition);

    let sessions = expect_status(
        send(app, "GET", &format!("/api/v1/sessions?edition_id={edition_id}"), None).await,
        StatusCode::OK,
    );
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
    let by_kind = expect_status(
        send(
            app,
            "GET",
            &format!("/api/v1/sessions?edition_id={edition_id}&kind=courtesy_call"),
            None,
        )
        .await,
        StatusCode::OK,
    );
    assert_eq!(by_kind["total"], 1);

    let trainees = expect_status(
        send(
            app,
            "GET",
            &format!("/api/v1/participations?edition_id={edition_id}&role=trainee&limit=1"),
            None,
        )
        .await,
        StatusCode::OK,
    );
    let person_id = trainees["items"][0]["person_id"].as_i64().expect("a trainee of FY2007");

    let uri = format!("/api/v1/sessions/{session_id}/attendance");
    let before = expect_status(send(app, "GET", &uri, None).await, StatusCode::OK);
    let before = before.as_array().expect("a list").clone();
    assert!(!before.is_empty(), "the demo marks attendance");
    let marks = json!([{"person_id": person_id, "present": false, "note": "Unwell; rested at the hotel"}]);
    let after = expect_status(send(app, "PUT", &uri, Some(marks)).await, StatusCode::OK);
    let mine = |list: &Value| {
        list.as_array()
            .expect("a list")
            .iter()
            .find(|a| a["person_id"] == person_id)
            .cloned()
    };
    let want = json!({"person_id": person_id, "present": false, "note": "Unwell; rested at the hotel"});
    assert_eq!(mine(&after), Some(want.clone()));
    let reread = expect_status(send(app, "GET", &uri, None).await, StatusCode::OK);
    assert_eq!(mine(&reread), Some(want));
    assert_eq!(
        reread.as_array().map(Vec::len),
        Some(before.len()),
        "the trainee was already marked; no new rows"
    );
    let back = json!([{"person_id": person_id, "present": true}]);
    let after = expect_status(send(app, "PUT", &uri, Some(back)).await, StatusCode::OK);
    assert_eq!(
        mine(&after),
        Some(json!({"person_id": person_id, "present": true, "note": null}))
    );

    // Only people taking part in the edition can be marked.
    let stranger = create(
        app,
        "people",
        &json!({"family_name": "Outsider", "gender": "other", "nationality": "FJ"}),
    )
    .await;
    let marks = json!([{"person_id": person_id, "present": true}, {"person_id": id_of(&stranger), "present": true}]);
    assert_invalid(
        send(app, "PUT", &uri, Some(marks)).await,
        "[1].person_id",
        "not_a_participant",
    );
    let unchanged = expect_status(send(app, "GET", &uri, None).await, StatusCode::OK);
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
        send(app, "PUT", &uri, Some(json!({"person_id": person_id}))).await,
        "body",
        "invalid",
    );
    // Errors inside the list name the element.
    assert_invalid(
        send(
            app,
            "PUT",
            &uri,
            Some(json!([{"person_id": person_id, "present": true, "colour": "red"}])),
        )
        .await,
        "[0].colour",
        "unknown_field",
    );
    assert_invalid(
        send(
            app,
            "PUT",
            &uri,
            Some(json!([{"person_id": person_id, "present": true}, {"present": true}])),
        )
        .await,
        "[1].person_id",
        "required",
    );
    let body = expect_status(
        send(app, "GET", "/api/v1/sessions/999999/attendance", None).await,
        StatusCode::NOT_FOUND,
    );
    assert_eq!(body["error"]["code"], "not_found");
}

// ---------------------------------------------------------------- 5. Import and export

const HEADER: &str = "family_name,given_name,gender,nationality,birth_date,edition_key,status,started_on";

async fn import_and_export(backend: Backend) {
    let app = app(backend).await;
    course_and_edition(&app).await;
    let count = |app: Router| async move {
        let people = expect_status(send(&app, "GET", "/api/v1/people", None).await, StatusCode::OK);
        let parts = expect_status(send(&app, "GET", "/api/v1/participations", None).await, StatusCode::OK);
        (people_total(&people), people_total(&parts))
    };
    assert_eq!(count(app.clone()).await, (0, 0));

    let good = [
        "Srisuk,Kittisak,male,TH,1968-05-01,gmrdp/fy2007,completed,2007-09-01",
        "Nguyen,Thi Lan,female,VN,,gmrdp/fy2007,accepted,2007-09-01",
    ];
    let bad_row = "Rahman,Aziz,male,XX,1970-01-01,gmrdp/fy2007,accepted,2007-09-01";
    let fixed_row = "Rahman,Aziz,male,BD,1970-01-01,gmrdp/fy2007,accepted,2007-09-01";
    let file = |rows: &[&str]| format!("{HEADER}\n{}\n", rows.join("\n"));

    // One bad row: nothing is written, and the row, column and reason are named.
    let bad = file(&[good[0], bad_row, good[1]]);
    let body = expect_status(
        send_raw(&app, "POST", "/api/v1/imports/trainees", "text/csv", &bad).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    );
    assert_eq!(body["error"]["code"], "import_rejected", "{body:#}");
    let rows = body["error"]["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 1, "{body:#}");
    assert_eq!(rows[0]["row"], 3, "the header is row 1");
    assert_eq!(rows[0]["column"], "nationality");
    assert_eq!(rows[0]["value"], "XX");
    assert_eq!(rows[0]["code"], "unknown_country");
    assert!(rows[0]["reason"].as_str().is_some_and(|r| r.contains("XX")), "{body:#}");
    assert_eq!(count(app.clone()).await, (0, 0), "nothing written");

    // Several problems are all reported, in row order.
    let worse = file(&[good[0], "Tran,,female,VN,2040-01-01,gmrdp/fy2099,done,", bad_row]);
    let body = expect_status(
        send_raw(&app, "POST", "/api/v1/imports/trainees", "text/csv", &worse).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    );
    let got: Vec<(i64, &str)> = body["error"]["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(|r| Some((r["row"].as_i64()?, r["column"].as_str()?)))
        .collect();
    assert!(
        got.contains(&(3, "edition_key")) && got.contains(&(3, "status")) && got.contains(&(4, "nationality")),
        "{body:#}"
    );
    assert!(got.windows(2).all(|w| w[0].0 <= w[1].0), "sorted by row: {got:?}");
    assert_eq!(count(app.clone()).await, (0, 0));

    // A dry run of the fixed file writes nothing.
    let fixed = file(&[good[0], fixed_row, good[1]]);
    let body = expect_status(
        send_raw(
            &app,
            "POST",
            "/api/v1/imports/trainees?dry_run=true",
            "text/csv",
            &fixed,
        )
        .await,
        StatusCode::OK,
    );
    assert_eq!(body, json!({"rows": 3, "imported": 0, "dry_run": true}));
    assert_eq!(count(app.clone()).await, (0, 0));

    // The fixed file is imported whole.
    let body = expect_status(
        send_raw(
            &app,
            "POST",
            "/api/v1/imports/trainees",
            "text/csv; charset=utf-8",
            &fixed,
        )
        .await,
        StatusCode::OK,
    );
    assert_eq!(body, json!({"rows": 3, "imported": 3, "dry_run": false}));
    assert_eq!(count(app.clone()).await, (3, 3));
    let bd = expect_status(
        send(&app, "GET", "/api/v1/people?nationality=BD", None).await,
        StatusCode::OK,
    );
    assert_eq!(
        (bd["total"].clone(), bd["items"][0]["family_name"].clone()),
        (json!(1), json!("Rahman"))
    );

    // Importing it again is refused: the people exist.
    let body = expect_status(
        send_raw(&app, "POST", "/api/v1/imports/trainees", "text/csv", &fixed).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    );
    let rows = body["error"]["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 3, "{body:#}");
    assert!(rows.iter().all(|r| r["code"] == "person_exists"), "{body:#}");
    assert_eq!(count(app.clone()).await, (3, 3));

    // Wrong requests.
    let body = expect_status(
        send_raw(&app, "POST", "/api/v1/imports/trainees", "application/json", "[]").await,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
    );
    assert_eq!(body["error"]["code"], "unsupported_media_type");
    let body = expect_status(
        send_raw(
            &app,
            "POST",
            "/api/v1/imports/trainees?dry_run=maybe",
            "text/csv",
            &fixed,
        )
        .await,
        StatusCode::BAD_REQUEST,
    );
    assert_eq!(body["error"]["fields"][0]["field"], "dry_run");
    assert_invalid(
        send_raw(&app, "POST", "/api/v1/imports/trainees?colour=red", "text/csv", &fixed).await,
        "colour",
        "unknown_parameter",
    );
    let body = expect_status(
        send_raw(&app, "POST", "/api/v1/imports/trainees", "text/csv", "").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    );
    assert_eq!(body["error"]["code"], "bad_file");
    let body = expect_status(
        send_raw(&app, "POST", "/api/v1/imports/trainees", XLSX, "not a workbook").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    );
    assert_eq!(body["error"]["code"], "bad_file");
    let body = expect_status(
        send_raw(
            &app,
            "POST",
            "/api/v1/imports/trainees",
            "text/csv",
            "family_name,colour\nSrisuk,red\n",
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    );
    let codes: Vec<&str> = body["error"]["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(|r| r["code"].as_str())
        .collect();
    assert!(
        codes.contains(&"unknown_column") && codes.contains(&"missing_column"),
        "{body:#}"
    );
    assert_eq!(count(app.clone()).await, (3, 3));

    // Template and export: content types, and the same header line.
    let (status, headers, template) = call(&app, "GET", "/api/v1/templates/trainees", None, Body::empty()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "text/csv; charset=utf-8");
    assert_eq!(
        headers[header::CONTENT_DISPOSITION],
        "attachment; filename=\"trainees-template.csv\""
    );
    let template = String::from_utf8(template.to_vec()).expect("UTF-8");
    let template_header = template.lines().next().expect("a header line");
    assert!(
        template_header.starts_with("family_name,given_name,"),
        "{template_header}"
    );
    for column in HEADER.split(',') {
        assert!(
            template_header.split(',').any(|c| c == column),
            "the template has {column}"
        );
    }
    let (status, headers, xlsx) = call(
        &app,
        "GET",
        "/api/v1/templates/trainees?format=xlsx",
        None,
        Body::empty(),
    )
    .await;
    assert_eq!(
        (status, headers[header::CONTENT_TYPE].to_str().ok()),
        (StatusCode::OK, Some(XLSX))
    );
    assert!(xlsx.starts_with(b"PK\x03\x04"), "an XLSX (zip) file");
    assert_invalid(
        send(&app, "GET", "/api/v1/templates/trainees?format=json", None).await,
        "format",
        "unknown_value",
    );
    assert_invalid(
        send(&app, "GET", "/api/v1/templates/trainees?format=pdf", None).await,
        "format",
        "unknown_value",
    );

    let (status, headers, export) = call(&app, "GET", "/api/v1/exports/trainees", None, Body::empty()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "text/csv; charset=utf-8");
    assert_eq!(
        headers[header::CONTENT_DISPOSITION],
        "attachment; filename=\"trainees.csv\""
    );
    let export = String::from_utf8(export.to_vec()).expect("UTF-8");
    let lines: Vec<&str> = export.lines().collect();
    assert_eq!(lines[0], template_header, "export and template share the header");
    assert_eq!(lines.len(), 4, "{export}");
    assert!(
        lines.iter().any(|l| l.starts_with("Rahman,Aziz,,,male,BD,1970-01-01,")),
        "{export}"
    );

    // The export re-imports (after the people are gone it would be accepted): check it parses with a dry run.
    let body = expect_status(
        send_raw(
            &app,
            "POST",
            "/api/v1/imports/trainees?dry_run=true",
            "text/csv",
            &export,
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    );
    assert!(
        body["error"]["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .all(|r| r["code"] == "person_exists"),
        "{body:#}"
    );

    let (status, headers, json_export) =
        call(&app, "GET", "/api/v1/exports/trainees?format=json", None, Body::empty()).await;
    assert_eq!(
        (status, headers[header::CONTENT_TYPE].to_str().ok()),
        (StatusCode::OK, Some("application/json"))
    );
    let json_export: Value = serde_json::from_slice(&json_export).expect("JSON");
    let list = json_export.as_array().expect("an array");
    assert_eq!(list.len(), 3);
    assert!(
        list.iter()
            .any(|r| r["family_name"] == "Rahman" && r["nationality"] == "BD" && r["edition_key"] == "gmrdp/fy2007")
    );
    let (status, headers, xlsx) = call(&app, "GET", "/api/v1/exports/trainees?format=xlsx", None, Body::empty()).await;
    assert_eq!(
        (status, headers[header::CONTENT_TYPE].to_str().ok()),
        (StatusCode::OK, Some(XLSX))
    );
    assert!(xlsx.starts_with(b"PK\x03\x04"));

    // The XLSX export round-trips through a dry-run import (the people exist, nothing else is wrong).
    let (status, _, bytes) = call(&app, "POST", "/api/v1/imports/trainees?dry_run=true", Some(XLSX), xlsx).await;
    let body = json_of(status, "POST", "/api/v1/imports/trainees", &bytes);
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body:#}");
    assert!(
        body["error"]["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .all(|r| r["code"] == "person_exists"),
        "{body:#}"
    );
    assert_invalid(
        send(&app, "GET", "/api/v1/exports/trainees?format=pdf", None).await,
        "format",
        "unknown_value",
    );
}

// ---------------------------------------------------------------- 6. OpenAPI

async fn openapi_paths_answer(backend: Backend) {
    let app = app(backend).await;
    let doc = expect_status(send(&app, "GET", "/api/openapi.json", None).await, StatusCode::OK);
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["info"]["title"], "Kizuna API");
    // Every operation declares its access: a staff operation refuses
    // anonymous callers, a public one answers them.
    for (method, route, access) in kizuna_web::api::build().1.access.iter() {
        let uri = route.replace("{id}", "1");
        let (status, _, _) = {
            let saved = TOKEN.with(|t| t.borrow_mut().take());
            let r = call(&app, method, &uri, Some("application/json"), "{}").await;
            TOKEN.with(|t| *t.borrow_mut() = saved);
            r
        };
        match access {
            kizuna_web::api::Access::Staff => assert_eq!(status, StatusCode::UNAUTHORIZED, "{method} {route}"),
            kizuna_web::api::Access::Public => assert_ne!(status, StatusCode::UNAUTHORIZED, "{method} {route}"),
        }
    }
    let paths = doc["paths"].as_object().expect("paths");

    let mut operations = Vec::new();
    for (path, item) in paths {
        let item = item.as_object().expect("a path item");
        for method in ["get", "post", "put", "patch", "delete"] {
            let Some(op) = item.get(method) else { continue };
            assert!(
                op["responses"].as_object().is_some_and(|r| !r.is_empty()),
                "{method} {path} documents its responses"
            );
            // Every $ref points at a schema the document defines.
            for r in refs(op) {
                let name = r
                    .strip_prefix("#/components/schemas/")
                    .unwrap_or_else(|| panic!("{method} {path}: odd $ref {r}"));
                assert!(
                    doc["components"]["schemas"].get(name).is_some(),
                    "{method} {path}: {r} is not defined"
                );
            }
            let upper = method.to_uppercase();
            let uri = path.replace("{id}", "1");
            // Bodies with a JSON content type: an empty object, which no
            // endpoint accepts but every routed one answers with a JSON error.
            let (status, headers, bytes) = if method == "post" || method == "put" {
                call(&app, &upper, &uri, Some("application/json"), "{}").await
            } else {
                call(&app, &upper, &uri, None, Body::empty()).await
            };
            assert_ne!(status, StatusCode::INTERNAL_SERVER_ERROR, "{upper} {uri}");
            let is_json = headers
                .get(header::CONTENT_TYPE)
                .is_some_and(|ct| ct.as_bytes().starts_with(b"application/json"));
            let answer = if is_json {
                json_of(status, &upper, &uri, &bytes)
            } else {
                Value::Null
            };
            assert!(
                is_json || status.is_success(),
                "{upper} {uri} → {status} without a JSON error"
            );
            let fallback = status == StatusCode::NOT_FOUND
                && answer["error"]["message"]
                    .as_str()
                    .is_some_and(|m| m.starts_with("no such endpoint"));
            assert!(!fallback, "{upper} {path} is documented but not routed: {answer:#}");
            assert_ne!(
                status,
                StatusCode::METHOD_NOT_ALLOWED,
                "{upper} {path} is documented but refuses the method"
            );
            operations.push(format!("{upper} {path}"));
        }
    }
    operations.sort();
    assert!(operations.len() > 40, "{operations:?}");
    if backend == Backend::Sqlite {
        // The whole document: any change to an operation, a parameter or a
        // schema shows in review.
        insta::assert_json_snapshot!("openapi", doc);
    }
}

/// Every `$ref` string inside a JSON value.
fn refs(v: &Value) -> Vec<String> {
    match v {
        Value::Object(m) => m
            .iter()
            .flat_map(|(k, v)| {
                if k == "$ref" {
                    v.as_str().map(|s| vec![s.to_owned()]).unwrap_or_default()
                } else {
                    refs(v)
                }
            })
            .collect(),
        Value::Array(a) => a.iter().flat_map(refs).collect(),
        _ => Vec::new(),
    }
}

/// Without a token or session only the public reads answer; the rest is 401.
async fn anonymous_visitors_reach_only_public_data(backend: Backend) {
    let app = demo_app(backend).await;
    TOKEN.with(|t| *t.borrow_mut() = None);
    let (status, body) = send(&app, "GET", "/api/v1/reports/trainees?as_of=2008-03-31", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["trainees"], 680);
    for (method, uri) in [
        ("GET", "/api/v1/people"),
        ("GET", "/api/v1/people/1"),
        ("GET", "/api/v1/reports/trainees/people?as_of=2008-03-31"),
        ("GET", "/api/v1/exports/trainees?format=csv"),
        ("DELETE", "/api/v1/people/1"),
    ] {
        let (status, body) = send(&app, method, uri, None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{method} {uri}");
        assert_eq!(body["error"]["code"], "unauthenticated");
    }
    let (status, _) = send(&app, "POST", "/api/v1/organisations", Some(serde_json::json!({}))).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // A wrong token is no better than none.
    TOKEN.with(|t| *t.borrow_mut() = Some("0".repeat(64)));
    let (status, _) = send(&app, "GET", "/api/v1/people", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

both_backends!(anonymous_visitors_reach_only_public_data);
