//! The map API's compact answers: `fields=` on the place searches, and
//! responses compressed for clients that accept it — on SQLite and
//! PostgreSQL.

#![allow(clippy::unwrap_used)]

use std::io::Read as _;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use kizuna_store::Backend;
use kizuna_testkit::TestApp;
use kizuna_testkit::{Answer, Browser};
use serde_json::{Value, json};

kizuna_testkit::on_both!(
    fields_keep_only_the_keys_asked_for,
    answers_are_gzipped_when_the_client_accepts_it
);

async fn two_places(t: &TestApp) {
    let mut api = t.api().await;
    for (name, lat, lon) in [
        ("Sapporo Halal Ramen", 43.0621, 141.3544),
        ("Odori Prayer Room", 43.0605, 141.3500),
    ] {
        let place = json!({"name_en": name, "category": "restaurant", "lat": lat, "lon": lon,
                           "assurance": "self_declared", "address": "Chuo-ku, Sapporo",
                           "opening_hours": "Mo-Su 11:00-22:00",
                           "description_en": "A place long enough to make the answer worth compressing. ".repeat(8)});
        api.json("POST", "/api/v1/places", Some(&place))
            .await
            .expect(StatusCode::CREATED);
    }
}

fn keys(item: &Value) -> Vec<String> {
    let mut k: Vec<String> = item.as_object().expect("an object").keys().cloned().collect();
    k.sort();
    k
}

async fn fields_keep_only_the_keys_asked_for(backend: Backend) {
    let t = TestApp::empty(backend).await;
    two_places(&t).await;
    let mut b = t.browser();
    let full = b
        .get("/api/v1/places/nearest?lat=43.06&lon=141.35&k=5")
        .await
        .expect(StatusCode::OK)
        .json();
    let compact = b
        .get("/api/v1/places/nearest?lat=43.06&lon=141.35&k=5&fields=id,name,lat,lon,category")
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!(compact["total"], 2);
    assert_eq!(
        (compact["limit"].as_u64(), compact["offset"].as_u64()),
        (Some(5), Some(0))
    );
    for (c, f) in compact["items"]
        .as_array()
        .unwrap()
        .iter()
        .zip(full["items"].as_array().unwrap())
    {
        // The distance is kept: a search from a point says how far each place is.
        assert_eq!(keys(c), ["category", "distance_m", "id", "lat", "lon", "name"]);
        for k in keys(c) {
            assert_eq!(c[&k], f[&k], "{k}");
        }
    }

    // Every key of a full answer can be asked for, and all of them give the full answer.
    let all = keys(&full["items"][0]).join(",");
    let same = b
        .get(&format!("/api/v1/places/nearest?lat=43.06&lon=141.35&k=5&fields={all}"))
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!(same, full);

    // The other searches: a box, a radius, everything.
    let v = b
        .get("/api/v1/places?bbox=141.3,43.0,141.4,43.1&fields=id,%20assurance")
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!(v["total"], 2);
    for item in v["items"].as_array().unwrap() {
        let k = keys(item);
        assert!(
            k.contains(&"id".to_owned()) && k.contains(&"assurance".to_owned()),
            "{k:?}"
        );
        assert!(
            k.iter()
                .all(|k| ["id", "assurance", "distance_m"].contains(&k.as_str())),
            "{k:?}"
        );
    }
    let v = b
        .get("/api/v1/places?near=43.0621,141.3544&radius_m=50&fields=name")
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!(v["items"], json!([{"name": "Sapporo Halal Ramen", "distance_m": 0.0}]));
    let v = b
        .get("/api/v1/places?fields=id&limit=1")
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!(keys(&v["items"][0]), ["id"]);

    // An unknown name is refused, naming it and the names there are.
    let got = b
        .get("/api/v1/places/nearest?lat=43.06&lon=141.35&fields=id,colour")
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .json();
    let e = &got["error"]["fields"][0];
    assert_eq!(
        (e["field"].as_str(), e["code"].as_str()),
        (Some("fields"), Some("unknown_field"))
    );
    let message = e["message"].as_str().unwrap();
    assert!(message.contains("\"colour\""), "{message}");
    assert!(message.contains("name_en") && message.contains("category"), "{message}");
    for bad in ["fields=", "fields=,", "fields=id,", "fields=id,,name", "fields=ID"] {
        let got = b
            .get(&format!("/api/v1/places?{bad}"))
            .await
            .expect(StatusCode::UNPROCESSABLE_ENTITY)
            .json();
        assert_eq!(got["error"]["fields"][0]["field"], "fields", "{bad}");
    }
}

async fn get_with(b: &mut Browser, uri: &str, accept_encoding: Option<&str>) -> Answer {
    let mut req = Request::get(uri);
    if let Some(e) = accept_encoding {
        req = req.header(header::ACCEPT_ENCODING, e);
    }
    b.send(req, Body::empty()).await
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .expect("valid gzip");
    out
}

async fn answers_are_gzipped_when_the_client_accepts_it(backend: Backend) {
    let t = TestApp::empty(backend).await;
    two_places(&t).await;
    let mut b = t.browser();
    let uri = "/api/v1/places/nearest?lat=43.06&lon=141.35&k=20";

    let plain = get_with(&mut b, uri, None).await.expect(StatusCode::OK);
    assert_eq!(plain.header(header::CONTENT_ENCODING), "");
    assert!(plain.header(header::VARY).contains("accept-encoding"));
    assert!(plain.body.len() > 1024, "{} bytes", plain.body.len());

    let gzipped = get_with(&mut b, uri, Some("gzip, deflate, br;q=0"))
        .await
        .expect(StatusCode::OK);
    assert_eq!(gzipped.header(header::CONTENT_ENCODING), "gzip");
    assert!(gzipped.header(header::VARY).contains("accept-encoding"));
    assert_eq!(gzipped.header(header::CONTENT_TYPE), "application/json");
    assert!(
        gzipped.body.len() < plain.body.len() / 2,
        "{} of {}",
        gzipped.body.len(),
        plain.body.len()
    );
    assert_eq!(
        gunzip(&gzipped.body),
        plain.body.to_vec(),
        "the same JSON, byte for byte"
    );

    let br = get_with(&mut b, uri, Some("br")).await.expect(StatusCode::OK);
    assert_eq!(br.header(header::CONTENT_ENCODING), "br");
    // A client that refuses every encoding it could be given gets plain JSON.
    let identity = get_with(&mut b, uri, Some("identity")).await.expect(StatusCode::OK);
    assert_eq!(identity.header(header::CONTENT_ENCODING), "");
    assert_eq!(identity.body, plain.body);

    // Small answers are left alone.
    let small = get_with(&mut b, "/api/v1/qibla?lat=43.06&lon=141.35", Some("gzip"))
        .await
        .expect(StatusCode::OK);
    assert_eq!(small.header(header::CONTENT_ENCODING), "");
    assert!(small.json()["bearing_deg"].is_number());

    // The pages and the embedded scripts too; the script's bytes unchanged.
    let page = get_with(&mut b, "/map", Some("gzip")).await.expect(StatusCode::OK);
    assert_eq!(page.header(header::CONTENT_ENCODING), "gzip");
    assert!(String::from_utf8(gunzip(&page.body)).unwrap().contains("<html"));
    let script = get_with(&mut b, "/assets/map.js", None).await.expect(StatusCode::OK);
    let zipped = get_with(&mut b, "/assets/map.js", Some("gzip"))
        .await
        .expect(StatusCode::OK);
    assert_eq!(zipped.header(header::CONTENT_ENCODING), "gzip");
    assert_eq!(
        zipped.header(header::CACHE_CONTROL),
        script.header(header::CACHE_CONTROL)
    );
    assert_eq!(gunzip(&zipped.body), script.body.to_vec());
}
