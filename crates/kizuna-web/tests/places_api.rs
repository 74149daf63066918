//! The places API through the router: public searches, staff writes and
//! imports, and bad parameters named — on SQLite and PostgreSQL.

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use chrono::NaiveDate;
use kizuna_app::App;
use kizuna_domain::common::account::Role;
use kizuna_store::Backend;
use kizuna_testkit::fresh_store;
use serde_json::{Value, json};
use tower::ServiceExt;

macro_rules! on_both {
    ($($name:ident),+ $(,)?) => {
        mod sqlite { $(#[tokio::test] async fn $name() { super::$name(kizuna_store::Backend::Sqlite).await })+ }
        mod postgres { $(#[tokio::test] async fn $name() { super::$name(kizuna_store::Backend::Postgres).await })+ }
    };
}

on_both!(
    searches_are_public_and_name_bad_parameters,
    staff_write_and_import_places,
    csv_and_osm_imports_by_content_type_or_format
);

/// The router on a fresh database with the demo places, and a staff token.
async fn setup(backend: Backend) -> (Router, String) {
    let store = fresh_store(backend)
        .await
        .expect("a fresh database (is PostgreSQL running on 127.0.0.1:5432?)");
    let app = App::new(store).with_today(NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date"));
    app.add_user("staff@kizuna.example", Role::Staff, None, Some("a long test password"))
        .await
        .expect("staff");
    let token = app
        .create_token("staff@kizuna.example", "tests")
        .await
        .expect("a token");
    (kizuna_web::router(Arc::new(app)), token)
}

async fn call(
    app: &Router,
    method: &str,
    uri: &str,
    token: Option<&str>,
    ct: Option<&str>,
    body: String,
) -> (StatusCode, String, Value) {
    // Updates name the version they were made from (`method` "PUT 3").
    let (method, version) = method.split_once(' ').unwrap_or((method, ""));
    let mut req = Request::builder().method(method).uri(uri);
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    if let Some(ct) = ct {
        req = req.header(header::CONTENT_TYPE, ct);
    }
    if !version.is_empty() {
        req = req.header(header::IF_MATCH, format!("\"{version}\""));
    }
    let resp = app
        .clone()
        .oneshot(req.body(Body::from(body)).expect("a request"))
        .await
        .expect("an answer");
    let status = resp.status();
    let ct = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
        .await
        .expect("a body");
    assert_ne!(
        status,
        StatusCode::INTERNAL_SERVER_ERROR,
        "{method} {uri}: {}",
        String::from_utf8_lossy(&bytes)
    );
    let v = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    (status, ct, v)
}

async fn get(app: &Router, uri: &str) -> (StatusCode, Value) {
    let (s, _, v) = call(app, "GET", uri, None, None, String::new()).await;
    (s, v)
}

fn fields_of(v: &Value) -> Vec<String> {
    v["error"]["fields"]
        .as_array()
        .map(|a| a.iter().map(|f| f["field"].as_str().unwrap_or("").to_owned()).collect())
        .unwrap_or_default()
}

async fn searches_are_public_and_name_bad_parameters(backend: Backend) {
    let (app, token) = setup(backend).await;
    let place = json!({"name_en": "Cafe (test)", "category": "cafe", "lat": 43.0621, "lon": 141.3544,
                       "assurance": "pork_free", "prayer_space": true, "opening_hours": "Mo-Fr 09:00-17:00"});
    let (s, _, created) = call(
        &app,
        "POST",
        "/api/v1/places",
        Some(&token),
        Some("application/json"),
        place.to_string(),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{created:#}");
    assert_eq!(created["source"], "staff");
    let id = created["id"].as_i64().unwrap();

    // Anonymous reads.
    let (s, v) = get(
        &app,
        "/api/v1/places/nearest?lat=43.06&lon=141.35&k=3&category=cafe,restaurant&prayer_space=true",
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v:#}");
    assert_eq!(v["items"][0]["id"], id);
    assert_eq!(v["items"][0]["name"], "Cafe (test)");
    assert!(v["items"][0]["distance_m"].as_f64().unwrap() > 100.0);
    assert_eq!(v["items"][0]["assurance"], "pork_free");
    let (s, v) = get(
        &app,
        "/api/v1/places/nearest?lat=43.06&lon=141.35&open_now=true&at=2026-11-24T10:00:00%2B09:00",
    )
    .await;
    assert_eq!((s, v["total"].as_u64()), (StatusCode::OK, Some(1)));
    let (_, v) = get(
        &app,
        "/api/v1/places/nearest?lat=43.06&lon=141.35&open_now=true&at=2026-11-24T20:00:00%2B09:00",
    )
    .await;
    assert_eq!(v["total"], 0);
    let (s, v) = get(&app, "/api/v1/places?bbox=141.3,43.0,141.4,43.1").await;
    assert_eq!((s, v["total"].as_u64()), (StatusCode::OK, Some(1)));
    let (_, v) = get(&app, "/api/v1/places?bbox=170,-10,-170,10").await;
    assert_eq!(v["total"], 0, "across the antimeridian, nothing there");
    let (_, v) = get(&app, "/api/v1/places?near=43.0621,141.3544&radius_m=10").await;
    assert_eq!(v["items"][0]["distance_m"], 0.0);
    let (s, v) = get(&app, &format!("/api/v1/places/{id}")).await;
    assert_eq!((s, v["category"].as_str()), (StatusCode::OK, Some("cafe")));
    let (s, ct, v) = call(&app, "GET", "/api/v1/places.geojson", None, None, String::new()).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(ct, "application/geo+json");
    assert_eq!(v["features"][0]["geometry"]["coordinates"], json!([141.3544, 43.0621]));
    // The review lists are for staff, like their page.
    let (s, _) = get(&app, "/api/v1/places/review").await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _, v) = call(&app, "GET", "/api/v1/places/review", Some(&token), None, String::new()).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["stale"].as_array().unwrap().len(), 1, "never verified");

    // Bad parameters are 422s naming the field.
    for (uri, want) in [
        ("/api/v1/places/nearest?lon=141", vec!["lat"]),
        ("/api/v1/places/nearest?lat=abc&lon=200&k=0", vec!["lat", "k", "lon"]),
        (
            "/api/v1/places/nearest?lat=43&lon=141&category=bar&assurance=halal&prayer_space=maybe",
            vec!["category", "assurance", "prayer_space"],
        ),
        ("/api/v1/places/nearest?lat=43&lon=141&colour=red", vec!["colour"]),
        ("/api/v1/places?bbox=1,2,3", vec!["bbox"]),
        ("/api/v1/places?bbox=0,50,1,40", vec!["bbox"]),
        ("/api/v1/places?near=43,141", vec!["radius_m"]),
        ("/api/v1/places?near=43,141&radius_m=-5", vec!["radius_m"]),
        ("/api/v1/places?radius_m=5", vec!["near"]),
        ("/api/v1/places?limit=0", vec!["limit"]),
        ("/api/v1/places/abc", vec!["id"]),
        ("/api/v1/exports/places?format=pdf", vec!["format"]),
    ] {
        let (s, _, v) = call(&app, "GET", uri, Some(&token), None, String::new()).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{uri}: {v:#}");
        let mut got = fields_of(&v);
        got.sort();
        let mut want: Vec<String> = want.into_iter().map(String::from).collect();
        want.sort();
        assert_eq!(got, want, "{uri}: {v:#}");
    }
    let (s, _) = get(&app, "/api/v1/places/999999").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

async fn staff_write_and_import_places(backend: Backend) {
    let (app, token) = setup(backend).await;
    let t = Some(token.as_str());
    let place = json!({"name_ja": "礼拝室", "category": "prayer_room", "lat": 42.7752, "lon": 141.6923, "assurance": "unknown"});
    // Writes need an account.
    let (s, _, _) = call(
        &app,
        "POST",
        "/api/v1/places",
        None,
        Some("application/json"),
        place.to_string(),
    )
    .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _, _) = call(
        &app,
        "POST",
        "/api/v1/imports/places",
        None,
        Some("application/geo+json"),
        "{}".into(),
    )
    .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    // Every bad field named.
    let bad = json!({"category": "bar", "lat": 95, "lon": 141, "assurance": "certified", "opening_hours": "whenever"});
    let (s, _, v) = call(
        &app,
        "POST",
        "/api/v1/places",
        t,
        Some("application/json"),
        bad.to_string(),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let got = fields_of(&v);
    for f in ["name_en", "category", "lat", "certifier", "certificate_number"] {
        assert!(got.iter().any(|g| g == f), "{f} in {got:?}");
    }
    let (s, _, v) = call(
        &app,
        "POST",
        "/api/v1/places",
        t,
        Some("application/json"),
        json!({"halal": true}).to_string(),
    )
    .await;
    assert_eq!(
        (s, fields_of(&v)),
        (StatusCode::UNPROCESSABLE_ENTITY, vec!["halal".to_owned()])
    );
    // Create, replace, delete.
    let (s, _, created) = call(
        &app,
        "POST",
        "/api/v1/places",
        t,
        Some("application/json"),
        place.to_string(),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED);
    let uri = format!("/api/v1/places/{}", created["id"]);
    let changed = json!({"name_ja": "礼拝室", "name_en": "Prayer room", "category": "prayer_room", "lat": 42.7752, "lon": 141.6923,
                         "assurance": "unknown", "prayer_space": true, "wudu": true});
    let (s, _, v) = call(&app, "PUT", &uri, t, Some("application/json"), changed.to_string()).await;
    assert_eq!(
        (s, &v["error"]["code"]),
        (StatusCode::PRECONDITION_REQUIRED, &json!("version_required"))
    );
    let put = format!("PUT {}", created["version"]);
    let (s, _, v) = call(&app, &put, &uri, t, Some("application/json"), changed.to_string()).await;
    assert_eq!(s, StatusCode::OK, "{v:#}");
    assert_eq!(v["version"], json!(created["version"].as_i64().unwrap() + 1));
    assert_eq!(
        (v["name"].as_str(), v["wudu"].as_bool(), &v["source_id"]),
        (Some("Prayer room"), Some(true), &created["source_id"])
    );
    let (s, _, v) = call(&app, &put, &uri, t, Some("application/json"), changed.to_string()).await;
    assert_eq!(
        (s, &v["error"]["code"]),
        (StatusCode::CONFLICT, &json!("stale_version")),
        "a second edit from the same version"
    );
    let (s, _, _) = call(&app, "DELETE", &uri, t, None, String::new()).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = get(&app, &uri).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // Import: refused with feature numbers, then accepted, then updated.
    let fc = |name: &str, lat: Value| {
        json!({"type": "FeatureCollection", "features": [
            {"type": "Feature", "id": "node/1", "geometry": {"type": "Point", "coordinates": [141.35, lat]},
             "properties": {"name_en": name, "category": "mosque", "assurance": "unknown", "source": "openstreetmap", "source_id": "node/1"}}]})
        .to_string()
    };
    let (s, _, v) = call(
        &app,
        "POST",
        "/api/v1/imports/places",
        t,
        Some("application/geo+json"),
        fc("Masjid", json!("north")),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(v["error"]["code"], "import_rejected");
    assert_eq!(
        (
            v["error"]["rows"][0]["row"].as_u64(),
            v["error"]["rows"][0]["column"].as_str()
        ),
        (Some(1), Some("geometry"))
    );
    let (s, _, v) = call(
        &app,
        "POST",
        "/api/v1/imports/places",
        t,
        Some("application/geo+json"),
        fc("Masjid", json!(43.1)),
    )
    .await;
    assert_eq!((s, v["inserted"].as_u64()), (StatusCode::OK, Some(1)), "{v:#}");
    let (_, _, v) = call(
        &app,
        "POST",
        "/api/v1/imports/places",
        t,
        Some("application/geo+json"),
        fc("Masjid Two", json!(43.1)),
    )
    .await;
    assert_eq!((v["inserted"].as_u64(), v["updated"].as_u64()), (Some(0), Some(1)));
    let (_, v) = get(&app, "/api/v1/places?category=mosque").await;
    assert_eq!(v["total"], 1);
    assert_eq!(v["items"][0]["name"], "Masjid Two");
    assert!(v["items"][0]["attribution"].as_str().unwrap().contains("OpenStreetMap"));
    let (s, _, _) = call(
        &app,
        "POST",
        "/api/v1/imports/places",
        t,
        Some("application/pdf"),
        "a,b".into(),
    )
    .await;
    assert_eq!(s, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let (s, ct, _) = call(&app, "GET", "/api/v1/exports/places?format=csv", t, None, String::new()).await;
    assert_eq!((s, ct.as_str()), (StatusCode::OK, "text/csv; charset=utf-8"));
}

async fn csv_and_osm_imports_by_content_type_or_format(backend: Backend) {
    let (app, token) = setup(backend).await;
    let t = Some(token.as_str());
    let post = |uri: &'static str, ct: &'static str, body: String| {
        let app = app.clone();
        async move { call(&app, "POST", uri, t, Some(ct), body).await }
    };
    let csv = "name_en,category,lat,lon,assurance,phone,source_id\n\
               Kedai Test,restaurant,43.0621,141.3544,self_declared,'+81 11-555-0000,k1\n\
               Surau Test,prayer_room,43.0687,141.3507,unknown,,k2\n";
    // A dry run, then the import; text/csv with a charset is CSV.
    let (s, _, v) = post(
        "/api/v1/imports/places?dry_run=true",
        "text/csv; charset=utf-8",
        csv.into(),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v:#}");
    assert_eq!((v["inserted"].as_u64(), v["dry_run"].as_bool()), (Some(2), Some(true)));
    let (s, _, v) = post("/api/v1/imports/places", "text/csv", csv.into()).await;
    assert_eq!(s, StatusCode::OK, "{v:#}");
    assert_eq!(
        (
            v["features"].as_u64(),
            v["skipped"].as_u64(),
            v["inserted"].as_u64(),
            v["updated"].as_u64()
        ),
        (Some(2), Some(0), Some(2), Some(0))
    );
    let (_, v) = get(&app, "/api/v1/places/nearest?lat=43.0621&lon=141.3544&k=1").await;
    assert_eq!(v["items"][0]["name"], "Kedai Test");
    assert_eq!(
        v["items"][0]["phone"], "+81 11-555-0000",
        "the export's formula escape is undone"
    );
    assert_eq!(v["items"][0]["source"], "import");
    // The same file again updates.
    let (_, _, v) = post("/api/v1/imports/places", "text/csv", csv.into()).await;
    assert_eq!((v["inserted"].as_u64(), v["updated"].as_u64()), (Some(0), Some(2)));
    // A bad row is named by line and column; nothing is written.
    let bad = "name_en,category,lat,lon,assurance,source_id\nA,cafe,43,141,unknown,k3\nB,bar,43,141,unknown,k4\n";
    let (s, _, v) = post("/api/v1/imports/places", "text/csv", bad.into()).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v:#}");
    assert_eq!(v["error"]["code"], "import_rejected");
    assert_eq!(
        (
            v["error"]["rows"][0]["row"].as_u64(),
            v["error"]["rows"][0]["column"].as_str(),
            v["error"]["rows"][0]["value"].as_str()
        ),
        (Some(3), Some("category"), Some("bar"))
    );
    let (_, v) = get(&app, "/api/v1/places").await;
    assert_eq!(v["total"], 2);
    // OpenStreetMap XML by Content-Type; format= wins over a generic one.
    let xml = r#"<osm version="0.6"><node id="7" lat="43.05" lon="141.34"><tag k="amenity" v="place_of_worship"/><tag k="religion" v="muslim"/><tag k="name" v="Test Masjid"/></node><node id="8" lat="43.0" lon="141.0"/></osm>"#;
    let (s, _, v) = post("/api/v1/imports/places", "application/xml", xml.into()).await;
    assert_eq!(s, StatusCode::OK, "{v:#}");
    assert_eq!((v["inserted"].as_u64(), v["skipped"].as_u64()), (Some(1), Some(1)));
    let (s, _, v) = post(
        "/api/v1/imports/places?format=osm",
        "application/octet-stream",
        xml.into(),
    )
    .await;
    assert_eq!((s, v["updated"].as_u64()), (StatusCode::OK, Some(1)), "{v:#}");
    let (_, v) = get(&app, "/api/v1/places?category=mosque").await;
    assert_eq!(v["items"][0]["source_id"], "node/7");
    // PBF that is not PBF, and an unknown format, are named.
    let (s, _, v) = post(
        "/api/v1/imports/places",
        "application/x-protobuf",
        "not protobuf".into(),
    )
    .await;
    assert_eq!(
        (s, v["error"]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("bad_file"))
    );
    let (s, _, v) = post("/api/v1/imports/places?format=kml", "text/csv", csv.into()).await;
    assert_eq!(
        (s, fields_of(&v)),
        (StatusCode::UNPROCESSABLE_ENTITY, vec!["format".to_owned()])
    );
}
