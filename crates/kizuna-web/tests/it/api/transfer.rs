//! Trainee imports (refused whole with every bad row named, dry runs,
//! accepted whole), the template and the exports in CSV, JSON and XLSX,
//! and exports that re-import.

use axum::http::{StatusCode, header};
use kizuna_store::Backend;
use kizuna_testkit::{Browser, TestApp};
use serde_json::{Value, json};

use super::{assert_invalid, course_and_edition};

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const HEADER: &str = "family_name,given_name,gender,nationality,birth_date,edition_key,status,started_on";

fn total_of(v: &Value) -> i64 {
    v["total"].as_i64().unwrap_or_else(|| panic!("no total in {v:#}"))
}

/// How many people and participations the store holds.
async fn count(api: &mut Browser) -> (i64, i64) {
    let people = api.get("/api/v1/people").await.expect(StatusCode::OK).json();
    let parts = api.get("/api/v1/participations").await.expect(StatusCode::OK).json();
    (total_of(&people), total_of(&parts))
}

/// The body as UTF-8 text (not lossy: a file that is not UTF-8 fails).
fn utf8(body: &[u8]) -> String {
    String::from_utf8(body.to_vec()).expect("UTF-8")
}

/// Every row of an import refusal is a person who already exists.
#[track_caller]
fn all_people_exist(body: &Value) {
    assert!(
        body["error"]["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .all(|r| r["code"] == "person_exists"),
        "{body:#}"
    );
}

pub(crate) async fn import_and_export(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let mut api = t.api().await;
    course_and_edition(&mut api).await;
    assert_eq!(count(&mut api).await, (0, 0));

    let good = [
        "Srisuk,Kittisak,male,TH,1968-05-01,gmrdp/fy2007,completed,2007-09-01",
        "Nguyen,Thi Lan,female,VN,,gmrdp/fy2007,accepted,2007-09-01",
    ];
    let bad_row = "Rahman,Aziz,male,XX,1970-01-01,gmrdp/fy2007,accepted,2007-09-01";
    let fixed_row = "Rahman,Aziz,male,BD,1970-01-01,gmrdp/fy2007,accepted,2007-09-01";
    let file = |rows: &[&str]| format!("{HEADER}\n{}\n", rows.join("\n"));

    // One bad row: nothing is written, and the row, column and reason are named.
    let bad = file(&[good[0], bad_row, good[1]]);
    let body = api
        .raw("POST", "/api/v1/imports/trainees", "text/csv", bad)
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .json();
    assert_eq!(body["error"]["code"], "import_rejected", "{body:#}");
    let rows = body["error"]["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 1, "{body:#}");
    assert_eq!(rows[0]["row"], 3, "the header is row 1");
    assert_eq!(rows[0]["column"], "nationality");
    assert_eq!(rows[0]["value"], "XX");
    assert_eq!(rows[0]["code"], "unknown_country");
    assert!(rows[0]["reason"].as_str().is_some_and(|r| r.contains("XX")), "{body:#}");
    assert_eq!(count(&mut api).await, (0, 0), "nothing written");

    // Several problems are all reported, in row order.
    let worse = file(&[good[0], "Tran,,female,VN,2040-01-01,gmrdp/fy2099,done,", bad_row]);
    let body = api
        .raw("POST", "/api/v1/imports/trainees", "text/csv", worse)
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .json();
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
    assert_eq!(count(&mut api).await, (0, 0));

    // A dry run of the fixed file writes nothing.
    let fixed = file(&[good[0], fixed_row, good[1]]);
    let body = api
        .raw(
            "POST",
            "/api/v1/imports/trainees?dry_run=true",
            "text/csv",
            fixed.clone(),
        )
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!(body, json!({"rows": 3, "imported": 0, "dry_run": true}));
    assert_eq!(count(&mut api).await, (0, 0));

    // The fixed file is imported whole.
    let body = api
        .raw(
            "POST",
            "/api/v1/imports/trainees",
            "text/csv; charset=utf-8",
            fixed.clone(),
        )
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!(body, json!({"rows": 3, "imported": 3, "dry_run": false}));
    assert_eq!(count(&mut api).await, (3, 3));
    let bd = api
        .get("/api/v1/people?nationality=BD")
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!(
        (bd["total"].clone(), bd["items"][0]["family_name"].clone()),
        (json!(1), json!("Rahman"))
    );

    // Importing it again is refused: the people exist.
    let body = api
        .raw("POST", "/api/v1/imports/trainees", "text/csv", fixed.clone())
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .json();
    let rows = body["error"]["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 3, "{body:#}");
    all_people_exist(&body);
    assert_eq!(count(&mut api).await, (3, 3));

    // Wrong requests.
    let body = api
        .raw("POST", "/api/v1/imports/trainees", "application/json", "[]")
        .await
        .expect(StatusCode::UNSUPPORTED_MEDIA_TYPE)
        .json();
    assert_eq!(body["error"]["code"], "unsupported_media_type");
    let body = api
        .raw(
            "POST",
            "/api/v1/imports/trainees?dry_run=maybe",
            "text/csv",
            fixed.clone(),
        )
        .await
        .expect(StatusCode::BAD_REQUEST)
        .json();
    assert_eq!(body["error"]["fields"][0]["field"], "dry_run");
    assert_invalid(
        api.raw("POST", "/api/v1/imports/trainees?colour=red", "text/csv", fixed.clone())
            .await,
        "colour",
        "unknown_parameter",
    );
    let body = api
        .raw("POST", "/api/v1/imports/trainees", "text/csv", "")
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .json();
    assert_eq!(body["error"]["code"], "bad_file");
    let body = api
        .raw("POST", "/api/v1/imports/trainees", XLSX, "not a workbook")
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .json();
    assert_eq!(body["error"]["code"], "bad_file");
    let body = api
        .raw(
            "POST",
            "/api/v1/imports/trainees",
            "text/csv",
            "family_name,colour\nSrisuk,red\n",
        )
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .json();
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
    assert_eq!(count(&mut api).await, (3, 3));

    // Template and export: content types, and the same header line.
    let got = api.get("/api/v1/templates/trainees").await.expect(StatusCode::OK);
    assert_eq!(got.header(header::CONTENT_TYPE), "text/csv; charset=utf-8");
    assert_eq!(
        got.header(header::CONTENT_DISPOSITION),
        "attachment; filename=\"trainees-template.csv\""
    );
    let template = utf8(&got.body);
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
    let got = api.get("/api/v1/templates/trainees?format=xlsx").await;
    assert_eq!((got.status, got.header(header::CONTENT_TYPE)), (StatusCode::OK, XLSX));
    assert!(got.body.starts_with(b"PK\x03\x04"), "an XLSX (zip) file");
    assert_invalid(
        api.get("/api/v1/templates/trainees?format=json").await,
        "format",
        "unknown_value",
    );
    assert_invalid(
        api.get("/api/v1/templates/trainees?format=pdf").await,
        "format",
        "unknown_value",
    );

    // Personal data in bulk is for administrators: a staff token is refused.
    let refused = api.get("/api/v1/exports/trainees").await.expect(StatusCode::FORBIDDEN);
    assert_eq!(refused.json()["error"]["code"], "forbidden");
    let mut api = t.admin_api().await;
    let got = api.get("/api/v1/exports/trainees").await.expect(StatusCode::OK);
    assert_eq!(got.header(header::CONTENT_TYPE), "text/csv; charset=utf-8");
    assert_eq!(
        got.header(header::CONTENT_DISPOSITION),
        "attachment; filename=\"trainees.csv\""
    );
    let export = utf8(&got.body);
    let lines: Vec<&str> = export.lines().collect();
    assert_eq!(lines[0], template_header, "export and template share the header");
    assert_eq!(lines.len(), 4, "{export}");
    assert!(
        lines.iter().any(|l| l.starts_with("Rahman,Aziz,,,male,BD,1970-01-01,")),
        "{export}"
    );

    // The export re-imports (after the people are gone it would be accepted): check it parses with a dry run.
    let body = api
        .raw(
            "POST",
            "/api/v1/imports/trainees?dry_run=true",
            "text/csv",
            export.clone(),
        )
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .json();
    all_people_exist(&body);

    let got = api.get("/api/v1/exports/trainees?format=json").await;
    assert_eq!(
        (got.status, got.header(header::CONTENT_TYPE)),
        (StatusCode::OK, "application/json")
    );
    let json_export = got.json();
    let list = json_export.as_array().expect("an array");
    assert_eq!(list.len(), 3);
    assert!(
        list.iter()
            .any(|r| r["family_name"] == "Rahman" && r["nationality"] == "BD" && r["edition_key"] == "gmrdp/fy2007")
    );
    let xlsx = api.get("/api/v1/exports/trainees?format=xlsx").await;
    assert_eq!((xlsx.status, xlsx.header(header::CONTENT_TYPE)), (StatusCode::OK, XLSX));
    assert!(xlsx.body.starts_with(b"PK\x03\x04"));

    // The XLSX export round-trips through a dry-run import (the people exist, nothing else is wrong).
    let body = api
        .raw("POST", "/api/v1/imports/trainees?dry_run=true", XLSX, xlsx.body)
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .json();
    all_people_exist(&body);
    assert_invalid(
        api.get("/api/v1/exports/trainees?format=pdf").await,
        "format",
        "unknown_value",
    );
}
