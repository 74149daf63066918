//! The places API through the router: public searches, staff writes and
//! imports, and bad parameters named — on SQLite and PostgreSQL.

use axum::http::{StatusCode, header};
use kizuna_store::Backend;
use kizuna_testkit::TestApp;
use serde_json::{Value, json};

kizuna_testkit::on_both!(
    searches_are_public_and_name_bad_parameters,
    staff_write_and_import_places,
    csv_and_osm_imports_by_content_type_or_format
);

/// The fields a 422 names, in its order.
fn fields_of(v: &Value) -> Vec<String> {
    v["error"]["fields"]
        .as_array()
        .map(|a| a.iter().map(|f| f["field"].as_str().unwrap_or("").to_owned()).collect())
        .unwrap_or_default()
}

async fn searches_are_public_and_name_bad_parameters(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let mut api = t.api().await;
    let mut anonymous = t.browser();
    let place = json!({"name_en": "Cafe (test)", "category": "cafe", "lat": 43.0621, "lon": 141.3544,
                       "assurance": "pork_free", "prayer_space": true, "opening_hours": "Mo-Fr 09:00-17:00"});
    let created = api
        .json("POST", "/api/v1/places", Some(&place))
        .await
        .expect(StatusCode::CREATED)
        .json();
    assert_eq!(created["source"], "staff");
    let id = created["id"].as_i64().expect("an id");

    // Anonymous reads.
    let v = anonymous
        .get("/api/v1/places/nearest?lat=43.06&lon=141.35&k=3&category=cafe,restaurant&prayer_space=true")
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!(v["items"][0]["id"], id);
    assert_eq!(v["items"][0]["name"], "Cafe (test)");
    assert!(v["items"][0]["distance_m"].as_f64().expect("a distance") > 100.0);
    assert_eq!(v["items"][0]["assurance"], "pork_free");
    let got = anonymous
        .get("/api/v1/places/nearest?lat=43.06&lon=141.35&open_now=true&at=2026-11-24T10:00:00%2B09:00")
        .await;
    assert_eq!((got.status, got.json()["total"].as_u64()), (StatusCode::OK, Some(1)));
    let v = anonymous
        .get("/api/v1/places/nearest?lat=43.06&lon=141.35&open_now=true&at=2026-11-24T20:00:00%2B09:00")
        .await
        .json();
    assert_eq!(v["total"], 0);
    let got = anonymous.get("/api/v1/places?bbox=141.3,43.0,141.4,43.1").await;
    assert_eq!((got.status, got.json()["total"].as_u64()), (StatusCode::OK, Some(1)));
    let v = anonymous.get("/api/v1/places?bbox=170,-10,-170,10").await.json();
    assert_eq!(v["total"], 0, "across the antimeridian, nothing there");
    let v = anonymous
        .get("/api/v1/places?near=43.0621,141.3544&radius_m=10")
        .await
        .json();
    assert_eq!(v["items"][0]["distance_m"], 0.0);
    let got = anonymous.get(&format!("/api/v1/places/{id}")).await;
    assert_eq!(
        (got.status, got.json()["category"].as_str()),
        (StatusCode::OK, Some("cafe"))
    );
    let got = anonymous.get("/api/v1/places.geojson").await.expect(StatusCode::OK);
    assert_eq!(got.header(header::CONTENT_TYPE), "application/geo+json");
    assert_eq!(
        got.json()["features"][0]["geometry"]["coordinates"],
        json!([141.3544, 43.0621])
    );
    // The review lists are for staff, like their page.
    anonymous
        .get("/api/v1/places/review")
        .await
        .expect(StatusCode::UNAUTHORIZED);
    let v = api.get("/api/v1/places/review").await.expect(StatusCode::OK).json();
    assert_eq!(v["stale"].as_array().expect("stale").len(), 1, "never verified");

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
        let got = api.get(uri).await;
        let v = got.json();
        assert_eq!(got.status, StatusCode::UNPROCESSABLE_ENTITY, "{uri}: {v:#}");
        let mut got = fields_of(&v);
        got.sort();
        let mut want: Vec<String> = want.into_iter().map(String::from).collect();
        want.sort();
        assert_eq!(got, want, "{uri}: {v:#}");
    }
    anonymous
        .get("/api/v1/places/999999")
        .await
        .expect(StatusCode::NOT_FOUND);
}

async fn staff_write_and_import_places(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let mut api = t.api().await;
    let mut anonymous = t.browser();
    let place = json!({"name_ja": "礼拝室", "category": "prayer_room", "lat": 42.7752, "lon": 141.6923, "assurance": "unknown"});
    // Writes need an account.
    anonymous
        .json("POST", "/api/v1/places", Some(&place))
        .await
        .expect(StatusCode::UNAUTHORIZED);
    anonymous
        .raw("POST", "/api/v1/imports/places", "application/geo+json", "{}")
        .await
        .expect(StatusCode::UNAUTHORIZED);
    // Every bad field named.
    let bad = json!({"category": "bar", "lat": 95, "lon": 141, "assurance": "certified", "opening_hours": "whenever"});
    let v = api
        .json("POST", "/api/v1/places", Some(&bad))
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .json();
    let got = fields_of(&v);
    for f in ["name_en", "category", "lat", "certifier", "certificate_number"] {
        assert!(got.iter().any(|g| g == f), "{f} in {got:?}");
    }
    let got = api.json("POST", "/api/v1/places", Some(&json!({"halal": true}))).await;
    assert_eq!(
        (got.status, fields_of(&got.json())),
        (StatusCode::UNPROCESSABLE_ENTITY, vec!["halal".to_owned()])
    );
    // Create, replace, delete.
    let created = api
        .json("POST", "/api/v1/places", Some(&place))
        .await
        .expect(StatusCode::CREATED)
        .json();
    let uri = format!("/api/v1/places/{}", created["id"]);
    let version = created["version"].as_i64().expect("a version");
    let changed = json!({"name_ja": "礼拝室", "name_en": "Prayer room", "category": "prayer_room", "lat": 42.7752, "lon": 141.6923,
                         "assurance": "unknown", "prayer_space": true, "wudu": true});
    let got = api.json("PUT", &uri, Some(&changed)).await;
    assert_eq!(
        (got.status, &got.json()["error"]["code"]),
        (StatusCode::PRECONDITION_REQUIRED, &json!("version_required"))
    );
    let v = api
        .put_json(&uri, version, &changed)
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!(v["version"], json!(version + 1));
    assert_eq!(
        (v["name"].as_str(), v["wudu"].as_bool(), &v["source_id"]),
        (Some("Prayer room"), Some(true), &created["source_id"])
    );
    let got = api.put_json(&uri, version, &changed).await;
    assert_eq!(
        (got.status, &got.json()["error"]["code"]),
        (StatusCode::CONFLICT, &json!("stale_version")),
        "a second edit from the same version"
    );
    api.json("DELETE", &uri, None).await.expect(StatusCode::NO_CONTENT);
    anonymous.get(&uri).await.expect(StatusCode::NOT_FOUND);
    // Import: refused with feature numbers, then accepted, then updated.
    let fc = |name: &str, lat: Value| {
        json!({"type": "FeatureCollection", "features": [
            {"type": "Feature", "id": "node/1", "geometry": {"type": "Point", "coordinates": [141.35, lat]},
             "properties": {"name_en": name, "category": "mosque", "assurance": "unknown", "source": "openstreetmap", "source_id": "node/1"}}]})
        .to_string()
    };
    let v = api
        .raw(
            "POST",
            "/api/v1/imports/places",
            "application/geo+json",
            fc("Masjid", json!("north")),
        )
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .json();
    assert_eq!(v["error"]["code"], "import_rejected");
    assert_eq!(
        (
            v["error"]["rows"][0]["row"].as_u64(),
            v["error"]["rows"][0]["column"].as_str()
        ),
        (Some(1), Some("geometry"))
    );
    let v = api
        .raw(
            "POST",
            "/api/v1/imports/places",
            "application/geo+json",
            fc("Masjid", json!(43.1)),
        )
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!(v["inserted"].as_u64(), Some(1), "{v:#}");
    let v = api
        .raw(
            "POST",
            "/api/v1/imports/places",
            "application/geo+json",
            fc("Masjid Two", json!(43.1)),
        )
        .await
        .json();
    assert_eq!((v["inserted"].as_u64(), v["updated"].as_u64()), (Some(0), Some(1)));
    let v = anonymous.get("/api/v1/places?category=mosque").await.json();
    assert_eq!(v["total"], 1);
    assert_eq!(v["items"][0]["name"], "Masjid Two");
    assert!(
        v["items"][0]["attribution"]
            .as_str()
            .expect("an attribution")
            .contains("OpenStreetMap")
    );
    api.raw("POST", "/api/v1/imports/places", "application/pdf", "a,b")
        .await
        .expect(StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let got = api
        .get("/api/v1/exports/places?format=csv")
        .await
        .expect(StatusCode::OK);
    assert_eq!(got.header(header::CONTENT_TYPE), "text/csv; charset=utf-8");
}

async fn csv_and_osm_imports_by_content_type_or_format(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let mut api = t.api().await;
    let mut anonymous = t.browser();
    let csv = "name_en,category,lat,lon,assurance,phone,source_id\n\
               Kedai Test,restaurant,43.0621,141.3544,self_declared,'+81 11-555-0000,k1\n\
               Surau Test,prayer_room,43.0687,141.3507,unknown,,k2\n";
    // A dry run, then the import; text/csv with a charset is CSV.
    let v = api
        .raw(
            "POST",
            "/api/v1/imports/places?dry_run=true",
            "text/csv; charset=utf-8",
            csv,
        )
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!((v["inserted"].as_u64(), v["dry_run"].as_bool()), (Some(2), Some(true)));
    let v = api
        .raw("POST", "/api/v1/imports/places", "text/csv", csv)
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!(
        (
            v["features"].as_u64(),
            v["skipped"].as_u64(),
            v["inserted"].as_u64(),
            v["updated"].as_u64()
        ),
        (Some(2), Some(0), Some(2), Some(0))
    );
    let v = anonymous
        .get("/api/v1/places/nearest?lat=43.0621&lon=141.3544&k=1")
        .await
        .json();
    assert_eq!(v["items"][0]["name"], "Kedai Test");
    assert_eq!(
        v["items"][0]["phone"], "+81 11-555-0000",
        "the export's formula escape is undone"
    );
    assert_eq!(v["items"][0]["source"], "import");
    // The same file again updates.
    let v = api.raw("POST", "/api/v1/imports/places", "text/csv", csv).await.json();
    assert_eq!((v["inserted"].as_u64(), v["updated"].as_u64()), (Some(0), Some(2)));
    // A bad row is named by line and column; nothing is written.
    let bad = "name_en,category,lat,lon,assurance,source_id\nA,cafe,43,141,unknown,k3\nB,bar,43,141,unknown,k4\n";
    let v = api
        .raw("POST", "/api/v1/imports/places", "text/csv", bad)
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .json();
    assert_eq!(v["error"]["code"], "import_rejected");
    assert_eq!(
        (
            v["error"]["rows"][0]["row"].as_u64(),
            v["error"]["rows"][0]["column"].as_str(),
            v["error"]["rows"][0]["value"].as_str()
        ),
        (Some(3), Some("category"), Some("bar"))
    );
    let v = anonymous.get("/api/v1/places").await.json();
    assert_eq!(v["total"], 2);
    // OpenStreetMap XML by Content-Type; format= wins over a generic one.
    let xml = r#"<osm version="0.6"><node id="7" lat="43.05" lon="141.34"><tag k="amenity" v="place_of_worship"/><tag k="religion" v="muslim"/><tag k="name" v="Test Masjid"/></node><node id="8" lat="43.0" lon="141.0"/></osm>"#;
    let v = api
        .raw("POST", "/api/v1/imports/places", "application/xml", xml)
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!((v["inserted"].as_u64(), v["skipped"].as_u64()), (Some(1), Some(1)));
    let v = api
        .raw(
            "POST",
            "/api/v1/imports/places?format=osm",
            "application/octet-stream",
            xml,
        )
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!(v["updated"].as_u64(), Some(1), "{v:#}");
    let v = anonymous.get("/api/v1/places?category=mosque").await.json();
    assert_eq!(v["items"][0]["source_id"], "node/7");
    // PBF that is not PBF, and an unknown format, are named.
    let got = api
        .raw(
            "POST",
            "/api/v1/imports/places",
            "application/x-protobuf",
            "not protobuf",
        )
        .await;
    assert_eq!(
        (got.status, got.json()["error"]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("bad_file"))
    );
    let got = api
        .raw("POST", "/api/v1/imports/places?format=kml", "text/csv", csv)
        .await;
    assert_eq!(
        (got.status, fields_of(&got.json())),
        (StatusCode::UNPROCESSABLE_ENTITY, vec!["format".to_owned()])
    );
}
