//! `kizuna places …` as a person uses it, after `kizuna demo`, on both databases.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use crate::run;
use run::kizuna;

use std::path::PathBuf;
use std::process::Output;

use kizuna_domain::map::place::haversine_m;
use kizuna_store::Backend;
use kizuna_testkit::fresh_url;
use serde_json::Value;

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kizuna-places-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    dir.join(name)
}

#[tokio::test]
async fn nearest_after_demo_sqlite() {
    nearest_after_demo(Backend::Sqlite).await;
}

#[tokio::test]
async fn nearest_after_demo_postgres() {
    nearest_after_demo(Backend::Postgres).await;
}

async fn nearest_after_demo(backend: Backend) {
    let url = fresh_url(backend).await.expect("a database");
    let o = kizuna(&url, &["demo"]);
    assert!(o.status.success(), "{}", err(&o));

    let o = kizuna(
        &url,
        &[
            "places", "nearest", "--lat", "43.0621", "--lon", "141.3544", "--k", "5", "--format", "json",
        ],
    );
    assert!(o.status.success(), "{}", err(&o));
    let v: Value = serde_json::from_str(&out(&o)).expect("a JSON array");
    let places = v.as_array().expect("an array");
    assert_eq!(places.len(), 5);
    let mut last = 0.0;
    for p in places {
        let name = p["name"].as_str().expect("a name");
        assert!(name.ends_with("(demo)"), "{name}");
        let d = p["distance_m"].as_f64().expect("distance_m");
        assert!(d >= last && d < 3_000.0, "{d} after {last}");
        last = d;
        let (lat, lon) = (p["lat"].as_f64().unwrap(), p["lon"].as_f64().unwrap());
        assert!((haversine_m(43.0621, 141.3544, lat, lon) - d).abs() < 0.1);
        assert!(p["id"].is_i64());
        assert!(
            [
                "restaurant",
                "cafe",
                "grocery",
                "halal_shop",
                "hotel",
                "mosque",
                "prayer_room",
                "other"
            ]
            .contains(&p["category"].as_str().unwrap())
        );
        assert!(
            [
                "certified",
                "self_declared",
                "pork_free",
                "vegetarian_options",
                "unknown"
            ]
            .contains(&p["assurance"].as_str().unwrap())
        );
    }

    // Negative coordinates and filters; bad input names the field and fails.
    let o = kizuna(
        &url,
        &[
            "places",
            "nearest",
            "--lat",
            "-33.9",
            "--lon",
            "-70.6",
            "--k",
            "1",
            "--category",
            "mosque",
        ],
    );
    assert!(o.status.success(), "{}", err(&o));
    let v: Value = serde_json::from_str(&out(&o)).unwrap();
    assert_eq!(v[0]["category"], "mosque");
    let o = kizuna(
        &url,
        &["places", "nearest", "--lat", "95", "--lon", "141", "--format", "json"],
    );
    assert!(!o.status.success());
    assert!(err(&o).contains("lat"), "{}", err(&o));

    // Export; a database without the demo's localities refuses the file
    // (places name their locality by key), one with them takes it, and
    // importing the same source again updates rather than duplicates.
    let file = tmp(&format!("demo-{backend:?}.geojson"));
    let o = kizuna(
        &url,
        &["places", "export", "--format", "geojson", "-o", file.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", err(&o));
    let other = fresh_url(backend).await.unwrap();
    let o = kizuna(&other, &["places", "import", file.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(
        err(&o).contains("row 1, column locality: no locality has the key jp/hokkaido/ishikari/sapporo"),
        "{}",
        err(&o)
    );
    let o = kizuna(&url, &["places", "import", file.to_str().unwrap(), "--dry-run"]);
    assert!(err(&o).contains("0 would be added and 60 updated"), "{}", err(&o));
    let o = kizuna(&url, &["places", "import", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(err(&o).contains("0 places added, 60 updated"), "{}", err(&o));
    let csv = out(&kizuna(&url, &["places", "export", "--format", "csv"]));
    assert_eq!(csv.lines().count(), 61);
    assert!(csv.starts_with("id,name_ja,name_en,"));
    assert!(csv.contains(",jp/hokkaido/oshima/hakodate,"));

    // A bad file is refused with its feature numbers; nothing written.
    let bad = tmp(&format!("bad-{backend:?}.geojson"));
    std::fs::write(
        &bad,
        r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","id":"x1","geometry":{"type":"Point","coordinates":[141,43]},"properties":{"name_en":"A","category":"cafe","assurance":"unknown"}},
            {"type":"Feature","id":"x2","geometry":{"type":"Point","coordinates":[141,43]},"properties":{"name_en":"B","category":"cafe","assurance":"certified"}}]}"#,
    )
    .unwrap();
    let o = kizuna(&other, &["places", "import", bad.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(err(&o).contains("row 2, column certifier"), "{}", err(&o));
    assert!(err(&o).contains("nothing was written"), "{}", err(&o));
    let csv = out(&kizuna(&other, &["places", "export", "--format", "csv"]));
    assert_eq!(csv.lines().count(), 1, "only the header: nothing was written");
}

#[tokio::test]
async fn import_openstreetmap_pbf_sqlite() {
    import_openstreetmap_pbf(Backend::Sqlite).await;
}

#[tokio::test]
async fn import_openstreetmap_pbf_postgres() {
    import_openstreetmap_pbf(Backend::Postgres).await;
}

/// The OpenStreetMap fixture (made from kizuna-app's hokkaido.osm by osmium).
async fn import_openstreetmap_pbf(backend: Backend) {
    let url = fresh_url(backend).await.expect("a database");
    let pbf = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../kizuna-app/tests/fixtures/osm/hokkaido.osm.pbf");
    let pbf = pbf.to_str().expect("a UTF-8 path");
    // The format comes from the name; a dry run writes nothing.
    let o = kizuna(&url, &["places", "import", pbf, "--dry-run"]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(
        err(&o).contains("9 places checked, no problems (12 other OpenStreetMap objects skipped); 9 would be added"),
        "{}",
        err(&o)
    );
    let o = kizuna(&url, &["places", "import", pbf]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(
        err(&o).contains("(OpenStreetMap PBF): 9 places added, 0 updated"),
        "{}",
        err(&o)
    );
    // Again: updated, not duplicated.
    let o = kizuna(&url, &["places", "import", pbf, "--format", "pbf"]);
    assert!(err(&o).contains("0 places added, 9 updated"), "{}", err(&o));
    let o = kizuna(
        &url,
        &["places", "nearest", "--lat", "43.0621", "--lon", "141.3544", "--k", "9"],
    );
    let v: Value = serde_json::from_str(&out(&o)).expect("a JSON array");
    let places = v.as_array().expect("an array");
    assert_eq!(places.len(), 9);
    assert_eq!(places[0]["name"], "Sapporo Crescent Kitchen");
    assert_eq!(places[0]["source_id"], "node/1001");
    assert_eq!(places[0]["assurance"], "certified");
    assert!(places[0]["attribution"].as_str().unwrap().contains("ODbL"));
    assert!(
        places
            .iter()
            .any(|p| p["source_id"] == "relation/3001" && p["category"] == "mosque")
    );
    // The wrong format named is a clear error, and so is a name that says none.
    let o = kizuna(&url, &["places", "import", pbf, "--format", "osm"]);
    assert!(!o.status.success());
    assert!(err(&o).contains("cannot be read as OpenStreetMap XML"), "{}", err(&o));
    let txt = tmp(&format!("places-{backend:?}.txt"));
    std::fs::write(&txt, "x").unwrap();
    let o = kizuna(&url, &["places", "import", txt.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(err(&o).contains("--format geojson, csv, osm or pbf"), "{}", err(&o));
}
