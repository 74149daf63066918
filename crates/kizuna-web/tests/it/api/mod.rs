//! Integration tests of the JSON API, through the router (no sockets), on
//! both SQLite and PostgreSQL, with a staff API token (`TestApp::api`):
//!
//! - [`records`]: a record of each kind created, read, listed, updated
//!   (If-Match) and deleted;
//! - [`bad_input`]: every kind of bad request answered with a named error
//!   and nothing written;
//! - [`reports`]: the trainee report and attendance over the demo data;
//! - [`transfer`]: trainee imports, templates and exports;
//! - [`openapi`]: the document, each documented operation routed and its
//!   declared access enforced, and the whole-document snapshot;
//! - [`access`]: what anonymous callers and wrong tokens reach;
//! - [`annual_itinerary_certificates`]: the annual report, an itinerary
//!   planned, certificates issued, listed and revoked;
//! - [`limits`]: zip bombs and oversized uploads refused with 413.

use axum::http::StatusCode;
use kizuna_testkit::{Answer, Browser};
use serde_json::{Value, json};

mod access;
mod annual_itinerary_certificates;
mod bad_input;
mod limits;
mod openapi;
mod records;
mod reports;
mod transfer;

use access::anonymous_visitors_reach_only_public_data;
use annual_itinerary_certificates::annual_itinerary_certificates;
use bad_input::bad_input;
use limits::uploads_past_the_limits_are_refused;
use openapi::openapi_paths_answer;
use records::crud_story;
use reports::reports_and_attendance;
use transfer::import_and_export;

kizuna_testkit::on_both!(
    crud_story,
    bad_input,
    reports_and_attendance,
    import_and_export,
    openapi_paths_answer,
    anonymous_visitors_reach_only_public_data,
    uploads_past_the_limits_are_refused,
    annual_itinerary_certificates,
);

// ---------------------------------------------------------------- helpers

/// POST a record and return it (201 expected, every input field echoed).
async fn create(api: &mut Browser, collection: &str, input: &Value) -> Value {
    let uri = format!("/api/v1/{collection}");
    let got = api.json("POST", &uri, Some(input)).await;
    assert_eq!(got.status, StatusCode::CREATED, "POST {uri} {input}: {}", got.text());
    let body = got.json();
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
fn assert_invalid(got: Answer, field: &str, code: &str) -> Value {
    let body = got.expect(StatusCode::UNPROCESSABLE_ENTITY).json();
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

/// A training course and its FY2007 general edition (starts 2007-09-01).
async fn course_and_edition(api: &mut Browser) -> (i64, i64) {
    let programme = create(
        api,
        "programmes",
        &json!({"key": "gmrdp", "kind": "training_course", "title": {"en": "General Management of Regional Development Policy"}}),
    )
    .await;
    let edition = create(
        api,
        "editions",
        &json!({"programme_id": id_of(&programme), "key": "gmrdp/fy2007", "fiscal_year": 2007, "scope": "general",
                "starts_on": "2007-09-01", "ends_on": "2007-10-12", "capacity": 20}),
    )
    .await;
    (id_of(&programme), id_of(&edition))
}
