//! Upload limits under attack, through the API and the console's import
//! pages: zip-bomb workbooks (honest sizes, understated sizes), a cell far
//! from A1, a huge declared dimension, a CSV of too many cells and bodies
//! past 20 MB are refused with 413 and a message naming the limit, and
//! nothing is written; a places file over axum's old 2 MB default is taken.

use axum::http::StatusCode;
use kizuna_io::limits::{MAX_FILE_BYTES, MAX_INFLATED_BYTES};
use kizuna_io::samples::{BOMB_ROW, bomb, declared_dimension, far_cell, lying_sizes};
use kizuna_store::Backend;
use kizuna_testkit::{Browser, TestApp};
use serde_json::Value;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The participations the store holds, as the API counts them.
async fn participations(api: &mut Browser) -> i64 {
    let page = api
        .get("/api/v1/participations?limit=1")
        .await
        .expect(StatusCode::OK)
        .json();
    page["total"].as_i64().expect("a total")
}

/// A refusal as the API writes it: 413, JSON, `payload_too_large`.
#[track_caller]
fn assert_too_large(what: &str, status: StatusCode, body: &Value) {
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{what}: {body}");
    assert_eq!(body["error"]["code"], "payload_too_large", "{what}: {body}");
    assert!(
        body["error"]["message"].as_str().is_some_and(|m| m.len() > 20),
        "{what}: the message says why: {body}"
    );
}

pub(crate) async fn uploads_past_the_limits_are_refused(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut api = t.api().await;
    let before = participations(&mut api).await;

    // A zip bomb: hundreds of kilobytes that unpack past 50 MB.
    let rows = MAX_INFLATED_BYTES / BOMB_ROW.len() as u64 + 10_000;
    let big = bomb(rows);
    assert!(big.len() < 1024 * 1024, "the bomb is small: {} bytes", big.len());
    let attacks: [(&str, Vec<u8>); 4] = [
        ("zip bomb", big.clone()),
        ("zip bomb with understated sizes", lying_sizes(big.clone())),
        ("a cell at XFD1048576", far_cell("XFD1048576")),
        ("a declared dimension A1:XFD1048576", declared_dimension("XFD1048576")),
    ];
    for (what, bytes) in &attacks {
        for dry_run in ["true", "false"] {
            let got = api
                .raw(
                    "POST",
                    &format!("/api/v1/imports/trainees?dry_run={dry_run}"),
                    XLSX,
                    bytes.clone(),
                )
                .await;
            assert_too_large(what, got.status, &got.json());
        }
    }
    // A CSV of more than 200,000 cells (70,000 rows of three).
    let csv = "a,b,c\n".repeat(70_000);
    let got = api.raw("POST", "/api/v1/imports/trainees", "text/csv", csv).await;
    assert_too_large("a CSV of 210,000 cells", got.status, &got.json());
    let message = got.json()["error"]["message"].as_str().unwrap_or("").to_owned();
    assert!(message.contains("200000 cells"), "{message}");

    // Bodies past 20 MB: JSON errors naming the limit, not axum's plain text.
    let huge = vec![b'a'; MAX_FILE_BYTES + 1];
    for (uri, ct) in [
        ("/api/v1/imports/trainees", "text/csv"),
        ("/api/v1/imports/places?dry_run=true", "application/geo+json"),
    ] {
        let got = api.raw("POST", uri, ct, huge.clone()).await;
        assert_eq!(got.header("content-type"), "application/json", "{uri}");
        let body = got.json();
        assert_too_large(uri, got.status, &body);
        assert!(
            body["error"]["message"].as_str().unwrap_or("").contains("20 MB"),
            "{body}"
        );
    }

    // A places file of 5 MB (over axum's 2 MB default) is read.
    let mut places = api
        .get("/api/v1/places.geojson")
        .await
        .expect(StatusCode::OK)
        .text()
        .into_bytes();
    places.resize(5 * 1024 * 1024, b' ');
    let got = api
        .raw(
            "POST",
            "/api/v1/imports/places?dry_run=true",
            "application/geo+json",
            places,
        )
        .await;
    assert_eq!(got.status, StatusCode::OK, "{}", got.text());

    // The console's import page: the bomb is refused on the page, in words, with 413.
    let mut staff = t.staff().await;
    staff.page("/console/import").await;
    let got = staff
        .submit_multipart("/console/import", &[], Some(("bomb.xlsx", &big)))
        .await;
    assert_eq!(got.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", got.text());
    let page = got.page();
    let text = page.text();
    assert!(text.contains("too large to import") && text.contains("20 MB"), "{text}");
    assert!(
        page.has("form[action='/console/import'] input[type=file]"),
        "the form is there to try again"
    );
    // A file past 20 MB, and a form past its own limit, on both import pages.
    for (uri, words) in [("/console/import", "20 MB"), ("/console/places/import", "20 MB")] {
        staff.page(uri).await;
        for size in [MAX_FILE_BYTES + 1, MAX_FILE_BYTES * 2] {
            let file = vec![b'a'; size];
            let got = staff.submit_multipart(uri, &[], Some(("big.csv", &file))).await;
            assert_eq!(got.status, StatusCode::PAYLOAD_TOO_LARGE, "{uri} {size}");
            let text = got.page().text();
            assert!(
                text.contains("too large to import") && text.contains(words),
                "{uri} {size}: {text}"
            );
        }
    }

    // Nothing was written.
    assert_eq!(participations(&mut api).await, before);
}
