//! The Muslim-friendly map's places: geo search against brute force,
//! filters, GeoJSON round trips and all-or-nothing imports, and an index
//! that follows every write — each scenario on SQLite and on PostgreSQL.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use kizuna_domain::System;
use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};
use kizuna_app::map::{Area, BBox, PlaceFilter, PlaceHit};
use kizuna_app::{App, AppError, ManualClock};
use kizuna_domain::map::place::{Assurance, PlaceCategory, PlaceFields, PlaceInput, haversine_m};
use kizuna_store::{Backend, Store};
use kizuna_testkit::{fresh_store, fresh_url};
use serde_json::{Value, json};

kizuna_testkit::on_both!(
    nearest_k_is_ordered_and_agrees_with_brute_force,
    radius_and_bbox_agree_with_brute_force,
    filters_narrow_every_search,
    geojson_export_imports_into_a_fresh_store_unchanged,
    reimport_updates_rather_than_duplicates,
    a_bad_feature_is_reported_and_nothing_is_written,
    the_index_follows_writes_on_every_server,
    demo_places_load_with_review_lists,
    pages_of_a_search_are_slices_of_the_whole,
    only_place_writes_move_the_map_version,
    the_index_is_updated_from_changes_like_a_fresh_build,
);

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date")
}

async fn app(backend: Backend) -> App {
    App::new(
        fresh_store(backend)
            .await
            .expect("a fresh database (is PostgreSQL running on 127.0.0.1:5432?)"),
    )
    .with_today(today())
}

/// A small deterministic generator.
struct Rng(u64);
impl Rng {
    fn f(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
    fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items[(self.f() * items.len() as f64) as usize % items.len()]
    }
}

fn place(n: usize, lat: f64, lon: f64, category: &str, assurance: &str, prayer: bool) -> PlaceFields {
    let certified = assurance == "certified";
    PlaceFields {
        name_en: Some(format!("Test place {n}")),
        category: Some(category.into()),
        lat: Some(lat),
        lon: Some(lon),
        assurance: Some(assurance.into()),
        certifier: certified.then(|| "Test Halal Body".into()),
        certificate_number: certified.then(|| format!("T-{n}")),
        certificate_valid_from: certified.then(|| "2026-01-01".into()),
        // Every fifth certificate has expired.
        certificate_valid_until: certified.then(|| {
            if n.is_multiple_of(5) {
                "2026-10-01".into()
            } else {
                "2027-12-31".into()
            }
        }),
        prayer_space: Some(prayer),
        opening_hours: Some(if n.is_multiple_of(2) {
            "Mo-Fr 09:00-17:00".into()
        } else {
            "18:00-23:00".into()
        }),
        source: Some("import".into()),
        source_id: Some(format!("test-{n}")),
        last_verified: Some("2026-06-01".into()),
        ..Default::default()
    }
}

/// 400 places: most around Hokkaido, some straddling the antimeridian and
/// some near the north pole, with every category and level.
fn random_places() -> Vec<PlaceInput> {
    let mut r = Rng(42);
    let cats = [
        "restaurant",
        "cafe",
        "grocery",
        "hotel",
        "mosque",
        "prayer_room",
        "other",
    ];
    let levels = [
        "certified",
        "self_declared",
        "pork_free",
        "vegetarian_options",
        "unknown",
    ];
    (0..400)
        .map(|n| {
            let (lat, lon) = match n % 10 {
                0 => (
                    r.f() * 10.0 - 5.0,
                    if r.f() < 0.5 {
                        175.0 + r.f() * 5.0
                    } else {
                        -180.0 + r.f() * 5.0
                    },
                ),
                1 => (85.0 + r.f() * 5.0, r.f() * 360.0 - 180.0),
                _ => (41.4 + r.f() * 4.5, 139.8 + r.f() * 5.6),
            };
            let (c, l) = (r.pick(&cats), r.pick(&levels));
            place(n, lat, lon, c, l, r.f() < 0.4).validate().expect("a valid place")
        })
        .collect()
}

fn brute(places: &[PlaceInput], lat: f64, lon: f64) -> Vec<f64> {
    let mut d: Vec<f64> = places
        .iter()
        .map(|p| haversine_m(lat, lon, p.position.lat(), p.position.lon()))
        .collect();
    d.sort_by(f64::total_cmp);
    d
}

fn distances(hits: &[PlaceHit]) -> Vec<f64> {
    hits.iter().map(|h| h.distance_m.expect("a distance")).collect()
}

fn close(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= 0.1)
}

async fn nearest_k_is_ordered_and_agrees_with_brute_force(backend: Backend) {
    let app = app(backend).await;
    let places = random_places();
    let counts = app.upsert_places(&places).await.unwrap();
    assert_eq!((counts.inserted, counts.updated), (400, 0));
    let all = PlaceFilter::default();
    let points = [
        (43.0621, 141.3544),
        (42.7752, 141.6923),
        (0.0, 180.0),
        (0.0, -179.9),
        (89.9, 0.0),
        (-33.9, 151.2),
    ];
    for (lat, lon) in points {
        for k in [1, 5, 20, 400] {
            let hits = app.nearest_places(lat, lon, k, &all).await.unwrap();
            let got = distances(&hits);
            assert!(got.windows(2).all(|w| w[0] <= w[1]), "ordered by distance");
            let want: Vec<f64> = brute(&places, lat, lon).into_iter().take(k).collect();
            assert!(close(&got, &want), "nearest {k} from {lat},{lon}: {got:?} vs {want:?}");
            let ids: HashSet<i64> = hits.iter().map(|h| h.place.id).collect();
            assert_eq!(ids.len(), hits.len(), "no place twice");
            // The index's own answer (ids and chord-derived distances) is the same.
            let ix = app.place_index().await.unwrap();
            let at = kizuna_domain::map::place::LatLon::new(lat, lon).unwrap();
            let raw = ix.nearest_ids(at, k, &all, today(), Utc::now());
            let raw_d: Vec<f64> = raw.iter().map(|(_, d)| *d).collect();
            assert!(close(&raw_d, &want), "nearest_ids {k} from {lat},{lon}");
            let cafes = PlaceFilter::parse(Some("cafe"), None, None, None, None).unwrap();
            let filtered = ix.nearest_ids(at, k, &cafes, today(), Utc::now());
            let want_ids: Vec<i64> = app
                .nearest_places(lat, lon, k, &cafes)
                .await
                .unwrap()
                .iter()
                .map(|h| h.place.id)
                .collect();
            assert_eq!(filtered.iter().map(|(id, _)| *id).collect::<Vec<_>>(), want_ids);
        }
    }
    // Bad arguments name their fields.
    let Err(AppError::Invalid(errs)) = app.nearest_places(91.0, 200.0, 0, &all).await else {
        panic!()
    };
    let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["lat", "lon", "k"]);
}

async fn radius_and_bbox_agree_with_brute_force(backend: Backend) {
    let app = app(backend).await;
    let places = random_places();
    app.upsert_places(&places).await.unwrap();
    let all = PlaceFilter::default();
    for (lat, lon, r) in [
        (43.0621, 141.3544, 50_000.0),
        (43.0, 143.0, 150_000.0),
        (0.0, 180.0, 400_000.0),
        (90.0, 0.0, 600_000.0),
    ] {
        let hits = app.places_within_radius(lat, lon, r, &all).await.unwrap();
        let want: Vec<f64> = brute(&places, lat, lon).into_iter().filter(|d| *d <= r).collect();
        assert!(!want.is_empty(), "the test needs places within {r} m of {lat},{lon}");
        assert!(close(&distances(&hits), &want), "radius {r} from {lat},{lon}");
    }
    let boxes = [
        BBox::new(141.0, 42.8, 141.8, 43.3).unwrap(),
        BBox::new(170.0, -10.0, -170.0, 10.0).unwrap(), // across the antimeridian
        BBox::new(-180.0, 84.0, 180.0, 90.0).unwrap(),
        BBox::new(139.0, 41.0, 146.0, 46.0).unwrap(),
    ];
    for b in boxes {
        let hits = app.places_within_bbox(b, &all).await.unwrap();
        let inside = |lat: f64, lon: f64| {
            lat >= b.south
                && lat <= b.north
                && if b.west <= b.east {
                    lon >= b.west && lon <= b.east
                } else {
                    lon >= b.west || lon <= b.east
                }
        };
        let want = places
            .iter()
            .filter(|p| inside(p.position.lat(), p.position.lon()))
            .count();
        assert!(want > 0, "{b:?}");
        assert_eq!(hits.len(), want, "{b:?}");
        assert!(
            hits.iter()
                .all(|h| inside(h.place.fields.position.lat(), h.place.fields.position.lon()))
        );
        let d = distances(&hits);
        assert!(d.windows(2).all(|w| w[0] <= w[1]), "nearest the centre first");
    }
    let Err(AppError::Invalid(errs)) = app.places_within_radius(43.0, 141.0, -1.0, &all).await else {
        panic!()
    };
    assert_eq!(errs[0].field, "radius_m");
}

async fn filters_narrow_every_search(backend: Backend) {
    let app = app(backend).await;
    let places = random_places();
    app.upsert_places(&places).await.unwrap();
    let (lat, lon) = (43.0621, 141.3544);
    let with = |f: PlaceFilter| f;
    let cases = [
        with(PlaceFilter {
            categories: vec![PlaceCategory::Mosque, PlaceCategory::PrayerRoom],
            ..Default::default()
        }),
        with(PlaceFilter {
            assurances: vec![Assurance::Certified],
            ..Default::default()
        }),
        with(PlaceFilter {
            assurances: vec![Assurance::PorkFree, Assurance::SelfDeclared],
            prayer_space: Some(true),
            ..Default::default()
        }),
        with(PlaceFilter {
            prayer_space: Some(false),
            ..Default::default()
        }),
    ];
    let ok = |p: &PlaceInput, f: &PlaceFilter| {
        (f.categories.is_empty() || f.categories.contains(&p.category))
            && (f.assurances.is_empty()
                || f.assurances.contains(&p.halal.level())
                    && (p.halal.level() != Assurance::Certified || p.certified_on(today())))
            && f.prayer_space.is_none_or(|w| p.prayer.prayer_space == w)
    };
    for f in &cases {
        let subset: Vec<PlaceInput> = places.iter().filter(|p| ok(p, f)).cloned().collect();
        assert!(subset.len() > 3 && subset.len() < places.len(), "{f:?}");
        let hits = app.nearest_places(lat, lon, 10, f).await.unwrap();
        let want: Vec<f64> = brute(&subset, lat, lon).into_iter().take(10).collect();
        assert!(close(&distances(&hits), &want), "{f:?}");
        let r = app.places_within_radius(lat, lon, 300_000.0, f).await.unwrap();
        assert!(r.iter().all(|h| ok(&h.place.fields, f)));
        let b = app
            .places_within_bbox(BBox::new(139.0, 41.0, 146.0, 46.0).unwrap(), f)
            .await
            .unwrap();
        let la = |p: &PlaceInput| p.position.lat();
        let lo = |p: &PlaceInput| p.position.lon();
        let in_box = subset
            .iter()
            .filter(|p| (41.0..=46.0).contains(&la(p)) && (139.0..=146.0).contains(&lo(p)))
            .count();
        assert_eq!(b.len(), in_box, "{f:?}");
    }
    // Certified means a certificate valid today: expired ones are left out
    // and say so when listed.
    let certified = app.all_places(&cases[1]).await.unwrap();
    assert!(certified.iter().all(|h| {
        h.certificate_status
            .is_some_and(|s| s.as_str() == "valid" || s.as_str() == "expiring")
    }));
    let every = app.all_places(&PlaceFilter::default()).await.unwrap();
    assert!(
        every
            .iter()
            .any(|h| h.certificate_status.is_some_and(|s| s.as_str() == "expired"))
    );
    // Open now: even places open weekdays 09-17, odd ones 18-23, Japan time.
    let at = |s: &str| Some(DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc));
    let tuesday_noon = PlaceFilter {
        open_now: true,
        at: at("2026-11-24T12:00:00+09:00"),
        ..Default::default()
    };
    let open = app.all_places(&tuesday_noon).await.unwrap();
    assert_eq!(open.len(), 200);
    assert!(open.iter().all(|h| {
        h.place
            .fields
            .source
            .id()
            .as_str()
            .trim_start_matches("test-")
            .parse::<usize>()
            .unwrap()
            % 2
            == 0
    }));
    assert!(open.iter().all(|h| h.open_now == Some(true)));
    let evening = PlaceFilter {
        open_now: true,
        at: at("2026-11-24T20:00:00+09:00"),
        ..Default::default()
    };
    assert_eq!(app.nearest_places(lat, lon, 400, &evening).await.unwrap().len(), 200);
    // 2026-11-23 is Labour Thanksgiving Day, but the weekday rule has no "PH off".
    let holiday_night = PlaceFilter {
        open_now: true,
        at: at("2026-11-23T03:00:00+09:00"),
        ..Default::default()
    };
    assert!(app.all_places(&holiday_night).await.unwrap().is_empty());
}

async fn export(app: &App) -> Value {
    serde_json::from_slice(&app.export_geojson().await.unwrap()).expect("GeoJSON is JSON")
}

async fn geojson_export_imports_into_a_fresh_store_unchanged(backend: Backend) {
    let a = app(backend).await;
    let mut places = random_places();
    // Every kind of value: other scripts, OSM attribution, unknown alcohol, links.
    let mut f = place(1000, 43.06, 141.35, "restaurant", "certified", true);
    f.name_ja = Some("テスト食堂".into());
    f.name_th = Some("ร้านทดสอบ".into());
    f.name_ar = Some("مطعم الاختبار".into());
    f.phone = Some("+81-11-000-0000".into());
    f.website = Some("https://example.org/place".into());
    f.alcohol_served = Some(false);
    f.chain_en = Some("Chain".into());
    f.chain_th = Some("เครือ".into());
    f.branch_ja = Some("大通店".into());
    f.source = Some("openstreetmap".into());
    f.source_id = Some("node/123456".into());
    places.push(f.validate().unwrap());
    a.upsert_places(&places).await.unwrap();
    let doc = export(&a).await;
    assert_eq!(doc["type"], "FeatureCollection");
    assert!(doc["attribution"].as_str().unwrap().contains("OpenStreetMap"));
    let features = doc["features"].as_array().unwrap();
    assert_eq!(features.len(), 401);
    for f in features {
        assert_eq!(f["type"], "Feature");
        assert_eq!(f["geometry"]["type"], "Point");
        let props = f["properties"].as_object().unwrap();
        assert!(
            props.values().all(|v| !v.is_object() && !v.is_array()),
            "flat properties"
        );
    }
    let osm = features
        .iter()
        .find(|f| f["properties"]["source"] == "openstreetmap")
        .unwrap();
    assert!(osm["properties"]["attribution"].as_str().unwrap().contains("ODbL"));
    let bytes = a.export_geojson().await.unwrap();
    ogrinfo_reads(&bytes);

    let b = app(backend).await;
    let report = b.import_geojson(&bytes, false).await.unwrap();
    assert_eq!((report.features, report.inserted, report.updated), (401, 401, 0));
    let key = |p: &PlaceInput| (p.source.kind(), p.source.id().to_string());
    let mut got: Vec<PlaceInput> = b
        .store
        .all_places()
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.fields)
        .collect();
    let mut want = places.clone();
    got.sort_by_key(key);
    want.sort_by_key(key);
    assert_eq!(got, want, "the same places, every field");
    // And the second export equals the first, but for Kizuna's ids.
    let strip = |mut v: Value| {
        for f in v["features"].as_array_mut().unwrap() {
            f.as_object_mut().unwrap().remove("id");
            f["properties"].as_object_mut().unwrap().remove("kizuna_id");
        }
        let mut fs = v["features"].as_array().unwrap().clone();
        fs.sort_by_key(|f| f["properties"]["source_id"].as_str().unwrap().to_owned());
        v["features"] = Value::Array(fs);
        v
    };
    assert_eq!(strip(export(&b).await), strip(doc));
}

/// GDAL's `ogrinfo` reads the export without complaint (skipped with a
/// note when GDAL is missing, except under `CI=true`, where that fails).
fn ogrinfo_reads(bytes: &[u8]) {
    if !kizuna_testkit::have_tool("ogrinfo", "gdal-bin") {
        return;
    }
    let dir = std::env::temp_dir().join(format!("kizuna-places-{}-{}", std::process::id(), rand_tag()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("places.geojson");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("ogrinfo")
        .args(["-ro", "-al", "-so"])
        .arg(&path)
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(out.status.success(), "ogrinfo failed: {stderr}");
    assert!(
        !stderr.contains("ERROR") && !stderr.contains("Warning"),
        "ogrinfo complained: {stderr}"
    );
    assert!(stdout.contains("Geometry: Point"), "{stdout}");
    assert!(stdout.contains("Feature Count: 401"), "{stdout}");
    assert!(stdout.contains("prayer_space"), "{stdout}");
    let _ = std::fs::remove_dir_all(dir);
}

fn rand_tag() -> u32 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0)
}

fn fc(features: Vec<Value>) -> Vec<u8> {
    serde_json::to_vec(&json!({"type": "FeatureCollection", "features": features})).unwrap()
}

fn feature(id: &str, lon: f64, lat: f64, props: Value) -> Value {
    json!({"type": "Feature", "id": id, "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": props})
}

async fn reimport_updates_rather_than_duplicates(backend: Backend) {
    let app = app(backend).await;
    let file = |name: &str, lat: f64| {
        fc(vec![
            feature(
                "r1",
                141.35,
                lat,
                json!({"name_en": name, "category": "restaurant", "assurance": "pork_free", "alcohol_served": true}),
            ),
            feature(
                "r2",
                141.36,
                43.07,
                json!({"name_ja": "礼拝室", "category": "prayer_room", "assurance": "unknown", "prayer_space": true}),
            ),
            // A number as the id, as many tools write it.
            json!({"type": "Feature", "id": 7, "geometry": {"type": "Point", "coordinates": [141.4, 43.1]},
                   "properties": {"name_ms": "Kedai", "category": "grocery", "assurance": "self_declared"}}),
        ])
    };
    let r = app.import_geojson(&file("Ramen", 43.06), false).await.unwrap();
    assert_eq!((r.inserted, r.updated), (3, 0));
    let dry = app.import_geojson(&file("Ramen Two", 43.05), true).await.unwrap();
    assert_eq!((dry.inserted, dry.updated, dry.dry_run), (0, 3, true));
    let r = app.import_geojson(&file("Ramen Two", 43.05), false).await.unwrap();
    assert_eq!((r.inserted, r.updated), (0, 3));
    let all = app.store.all_places().await.unwrap();
    assert_eq!(all.len(), 3);
    let r1 = app.store.place_by_source("import", "r1").await.unwrap().unwrap();
    assert_eq!(r1.fields.names.get("en").unwrap().as_str(), "Ramen Two");
    assert_eq!(r1.fields.position.lat(), 43.05);
    assert!(app.store.place_by_source("import", "7").await.unwrap().is_some());
    // Same via the store's upsert, and the exported file re-imported into
    // the same store changes nothing.
    let bytes = app.export_geojson().await.unwrap();
    let r = app.import_geojson(&bytes, false).await.unwrap();
    assert_eq!((r.inserted, r.updated), (0, 3));
    assert_eq!(app.store.all_places().await.unwrap(), all);
}

async fn a_bad_feature_is_reported_and_nothing_is_written(backend: Backend) {
    let app = app(backend).await;
    let ok = |id: &str| {
        feature(
            id,
            141.35,
            43.06,
            json!({"name_en": "Fine", "category": "cafe", "assurance": "unknown"}),
        )
    };
    let bytes = fc(vec![
        ok("a"),
        // 2: certified without a certificate, and a latitude out of range.
        feature(
            "b",
            141.35,
            95.0,
            json!({"name_en": "Claims", "category": "restaurant", "assurance": "certified"}),
        ),
        ok("c"),
        // 4: not a point, unknown category and property.
        json!({"type": "Feature", "id": "d", "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]},
               "properties": {"name_en": "Line", "category": "bar", "assurance": "unknown", "colour": "red"}}),
        // 5: bad opening hours, missing names, no id.
        json!({"type": "Feature", "geometry": {"type": "Point", "coordinates": [141.0, 43.0]},
               "properties": {"category": "cafe", "assurance": "unknown", "opening_hours": "when we feel like it"}}),
        // 6: the same id as feature 1.
        ok("a"),
        // 7: a locality that does not exist.
        feature(
            "g",
            141.35,
            43.06,
            json!({"name_en": "Where", "category": "cafe", "assurance": "unknown", "locality_id": 999}),
        ),
    ]);
    let Err(AppError::ImportRejected(rows)) = app.import_geojson(&bytes, false).await else {
        panic!("refused")
    };
    let seen: Vec<(usize, &str)> = rows.iter().map(|r| (r.row, r.column.as_str())).collect();
    for want in [
        (2, "certifier"),
        (2, "certificate_number"),
        (2, "certificate_valid_from"),
        (2, "certificate_valid_until"),
        (2, "lat"),
        (4, "geometry"),
        (4, "colour"),
        (4, "category"),
        (5, "name_en"),
        (5, "source_id"),
        (5, "opening_hours"),
        (6, "source_id"),
        (7, "locality_id"),
    ] {
        assert!(seen.contains(&want), "{want:?} not in {seen:?}");
    }
    assert!(!seen.iter().any(|(r, _)| [1, 3].contains(r)), "{seen:?}");
    let b = rows.iter().find(|r| r.row == 2 && r.column == "lat").unwrap();
    assert!(b.reason.contains("feature id b"), "{}", b.reason);
    let dup = rows.iter().find(|r| r.row == 6).unwrap();
    assert!(dup.reason.contains("first as number 1"), "{}", dup.reason);
    let message = AppError::ImportRejected(rows.clone()).to_string();
    assert!(message.contains("nothing was written"), "{message}");
    assert!(app.store.all_places().await.unwrap().is_empty(), "nothing written");
    assert_eq!(
        app.store.system_version(System::Map).await.unwrap(),
        0,
        "nothing logged"
    );
    // Not GeoJSON at all.
    assert!(matches!(
        app.import_geojson(b"{\"type\": \"Topology\"}", false).await,
        Err(AppError::BadFile(_))
    ));
    assert!(matches!(
        app.import_geojson(b"not json", false).await,
        Err(AppError::BadFile(_))
    ));
}

/// Move the servers' clock on by longer than a server trusts its index
/// without asking the database.
fn settle(clock: &ManualClock) {
    clock.advance(kizuna_app::map::PLACES_RECHECK + chrono::TimeDelta::milliseconds(100));
}

async fn the_index_follows_writes_on_every_server(backend: Backend) {
    // Two servers on one database.
    let url = fresh_url(backend).await.unwrap();
    let clock = ManualClock::on(today());
    let one = App::new(Store::open(&url).await.unwrap()).with_clock(clock.clone());
    let two = App::new(Store::open(&url).await.unwrap()).with_clock(clock.clone());
    let (lat, lon) = (43.0621, 141.3544);
    let all = PlaceFilter::default();
    assert!(two.nearest_places(lat, lon, 5, &all).await.unwrap().is_empty());
    // Until its index has loaded (in the background) a server answers from
    // the store; from here on it answers from the index it holds.
    assert_eq!(two.place_index().await.unwrap().len(), 0);
    let created = one
        .create_place(place(1, 43.0622, 141.3545, "cafe", "unknown", false))
        .await
        .unwrap();
    assert_eq!(created.fields.source.kind().as_str(), "import");
    let staff = one
        .create_place(PlaceFields {
            source: None,
            source_id: None,
            ..place(2, 43.07, 141.36, "restaurant", "pork_free", true)
        })
        .await
        .unwrap();
    assert_eq!(staff.fields.source.kind().as_str(), "staff");
    assert!(staff.fields.source.id().as_str().starts_with("staff-"));
    // The other server answers from the index it holds until it looks at
    // the database again; then it sees them.
    assert!(two.nearest_places(lat, lon, 5, &all).await.unwrap().is_empty());
    settle(&clock);
    let near = two.nearest_places(lat, lon, 5, &all).await.unwrap();
    assert_eq!(
        near.iter().map(|h| h.place.id).collect::<Vec<_>>(),
        [created.id, staff.id]
    );
    assert!(near[0].distance_m.unwrap() < 20.0);
    // Moved far away: the other server sees it.
    let moved = one
        .update_place(
            created.id,
            created.version,
            PlaceFields {
                source: None,
                source_id: None,
                ..place(1, 42.0, 140.0, "cafe", "unknown", false)
            },
        )
        .await
        .unwrap();
    assert_eq!(moved.fields.source, created.fields.source, "an update keeps the source");
    settle(&clock);
    let near = two.nearest_places(lat, lon, 1, &all).await.unwrap();
    assert_eq!(near[0].place.id, staff.id);
    assert!(
        two.places_within_radius(lat, lon, 5_000.0, &all)
            .await
            .unwrap()
            .iter()
            .all(|h| h.place.id != created.id)
    );
    // Deleted: gone from both.
    one.delete_place(staff.id).await.unwrap();
    // The writing server sees its own write at once.
    assert_eq!(one.nearest_places(lat, lon, 5, &all).await.unwrap().len(), 1);
    settle(&clock);
    assert_eq!(two.nearest_places(lat, lon, 5, &all).await.unwrap().len(), 1);
    assert_eq!(one.nearest_places(lat, lon, 5, &all).await.unwrap().len(), 1);
    // Bad writes name their fields and change nothing.
    let Err(AppError::Invalid(errs)) = one
        .create_place(PlaceFields {
            opening_hours: Some("sometimes".into()),
            locality_id: Some(12345),
            ..place(3, 43.0, 141.0, "cafe", "unknown", false)
        })
        .await
    else {
        panic!()
    };
    let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["opening_hours", "locality_id"]);
    assert!(matches!(one.place(999_999).await, Err(AppError::NotFound { .. })));
    assert_eq!(*one.place(created.id).await.unwrap().place, moved);
}

async fn demo_places_load_with_review_lists(backend: Backend) {
    let app = app(backend).await;
    app.load_demo().await.unwrap();
    let all = app.store.all_places().await.unwrap();
    assert_eq!(all.len(), 60);
    assert!(
        all.iter()
            .all(|p| p.fields.source.kind().as_str() == "demo" && p.fields.locality_id.is_some())
    );
    let review = app.places_for_review().await.unwrap();
    assert_eq!(review.expiring.len(), 4);
    assert_eq!(review.expired.len(), 1);
    assert!(review.stale.len() >= 6);
    let until = |h: &PlaceHit| h.place.fields.halal.certificate().unwrap().valid_until();
    assert!(
        review.expiring.windows(2).all(|w| until(&w[0]) <= until(&w[1])),
        "soonest first"
    );
    // Nearest to Sapporo Station: Sapporo places, and prayer rooms at the airport.
    let near = app
        .nearest_places(43.0687, 141.3508, 5, &PlaceFilter::default())
        .await
        .unwrap();
    assert!(
        near.iter()
            .all(|h| h.name.ends_with("(demo)") && h.distance_m.unwrap() < 2_000.0),
        "{near:?}"
    );
    let pray = PlaceFilter {
        categories: vec![PlaceCategory::PrayerRoom],
        ..Default::default()
    };
    let airport = app.nearest_places(42.7752, 141.6923, 2, &pray).await.unwrap();
    assert!(
        airport.iter().all(|h| h.name.contains("New Chitose Airport")),
        "{airport:?}"
    );
    // Branches of one chain differ.
    let ramen: Vec<&kizuna_domain::map::place::Place> = all
        .iter()
        .filter(|p| {
            p.fields
                .chain
                .as_ref()
                .is_some_and(|c| c.get("en").is_some_and(|c| c.as_str().starts_with("Hilal Ramen")))
        })
        .collect();
    let levels: HashSet<&str> = ramen.iter().map(|p| p.fields.halal.level().as_str()).collect();
    assert!(ramen.len() >= 3 && levels.len() >= 2, "{levels:?}");
}

async fn pages_of_a_search_are_slices_of_the_whole(backend: Backend) {
    let app = app(backend).await;
    app.upsert_places(&random_places()).await.unwrap();
    let all = PlaceFilter::default();
    let hokkaido = BBox::new(139.0, 41.0, 146.0, 46.0).unwrap();
    let at = kizuna_domain::map::place::LatLon::new(43.0621, 141.3544).unwrap();
    let cases = [
        (Area::All, app.all_places(&all).await.unwrap()),
        (
            Area::Box(hokkaido),
            app.places_within_bbox(hokkaido, &all).await.unwrap(),
        ),
        (
            Area::Radius { at, metres: 300_000.0 },
            app.places_within_radius(43.0621, 141.3544, 300_000.0, &all)
                .await
                .unwrap(),
        ),
    ];
    for (area, whole) in cases {
        assert!(whole.len() > 25, "{area:?} needs more than a page of places");
        let ids = |hits: &[PlaceHit]| hits.iter().map(|h| h.place.id).collect::<Vec<_>>();
        let mut paged = Vec::new();
        for offset in (0..whole.len() + 10).step_by(10) {
            let (total, page) = app.search_places(area, &all, offset, 10).await.unwrap();
            assert_eq!(total, whole.len(), "{area:?}: the total does not depend on the page");
            assert!(page.len() <= 10);
            paged.extend(page);
        }
        assert_eq!(ids(&paged), ids(&whole), "{area:?}: pages in order make the whole");
        let d = |hits: &[PlaceHit]| hits.iter().map(|h| h.distance_m).collect::<Vec<_>>();
        assert_eq!(d(&paged), d(&whole));
    }
    // A filter narrows the total as it narrows the whole.
    let cafes = PlaceFilter::parse(Some("cafe"), None, None, None, None).unwrap();
    let (total, _) = app.search_places(Area::All, &cafes, 0, 1).await.unwrap();
    assert_eq!(total, app.all_places(&cafes).await.unwrap().len());
    assert!(total > 0 && total < app.all_places(&all).await.unwrap().len());
    let Err(AppError::Invalid(errs)) = app.search_places(Area::Radius { at, metres: 0.0 }, &all, 0, 10).await else {
        panic!("a zero radius is refused")
    };
    assert_eq!(errs[0].field, "radius_m");
}

async fn only_place_writes_move_the_map_version(backend: Backend) {
    let app = app(backend).await;
    let v0 = app.store.system_version(System::Map).await.unwrap();
    let d0 = app.store.system_version(System::Common).await.unwrap();
    // A write to another system moves that system's version, not the map's.
    use kizuna_domain::common::locality::{Locality, LocalityInput, LocalityLevel};
    app.store
        .insert::<Locality>(
            app.office_id(),
            &LocalityInput {
                key: kizuna_domain::common::Key::parse("jp/hokkaido/otaru").unwrap(),
                country: kizuna_domain::common::CountryCode::parse("JP").unwrap(),
                level: LocalityLevel::Municipality,
                parent_id: None,
                name: kizuna_domain::common::LocalText::en(kizuna_domain::common::Text::parse("Otaru").unwrap()),
                name_local: None,
            },
        )
        .await
        .unwrap();
    assert!(app.store.system_version(System::Common).await.unwrap() > d0);
    let v1 = app.store.system_version(System::Map).await.unwrap();
    assert_eq!(v1, v0, "a locality is not a place");
    let before = app.place_index().await.unwrap();
    app.store.touch_system(System::Training).await.unwrap();
    assert!(
        std::sync::Arc::ptr_eq(&before, &app.place_index().await.unwrap()),
        "no place changed: the same index serves"
    );
    // Every kind of place write moves it, and the index follows.
    let created = app
        .create_place(place(1, 43.0622, 141.3545, "cafe", "unknown", false))
        .await
        .unwrap();
    let v2 = app.store.system_version(System::Map).await.unwrap();
    assert!(v2 > v1 && v1 >= v0);
    assert!(!std::sync::Arc::ptr_eq(&before, &app.place_index().await.unwrap()));
    app.update_place(
        created.id,
        created.version,
        place(1, 43.07, 141.36, "cafe", "unknown", false),
    )
    .await
    .unwrap();
    let v3 = app.store.system_version(System::Map).await.unwrap();
    assert!(v3 > v2);
    app.upsert_places(&random_places()[..3]).await.unwrap();
    let v4 = app.store.system_version(System::Map).await.unwrap();
    assert!(v4 > v3);
    app.delete_place(created.id).await.unwrap();
    assert!(app.store.system_version(System::Map).await.unwrap() > v4);
    assert!(
        app.place_index()
            .await
            .unwrap()
            .nearest_ids(
                kizuna_domain::map::place::LatLon::new(43.07, 141.36).unwrap(),
                5,
                &PlaceFilter::default(),
                today(),
                Utc::now()
            )
            .iter()
            .all(|(id, _)| *id != created.id)
    );
}

async fn the_index_is_updated_from_changes_like_a_fresh_build(backend: Backend) {
    let url = fresh_url(backend).await.unwrap();
    let one = App::new(Store::open(&url).await.unwrap()).with_today(today());
    let places = random_places();
    let ids = one.upsert_places(&places).await.unwrap().ids;
    let first = one.place_index().await.unwrap();
    assert_eq!((first.len(), first.updates_since_build()), (400, 0));
    let all = PlaceFilter::default();
    let mut rng = Rng(99);
    let mut gone = HashSet::new();
    let mut extra = 0;
    for round in 0..6 {
        // A few writes of every kind between two looks at the index.
        for _ in 0..5 {
            let id = ids[(rng.f() * ids.len() as f64) as usize % ids.len()];
            if gone.contains(&id) {
                continue;
            }
            let (lat, lon) = (30.0 + rng.f() * 20.0, 125.0 + rng.f() * 25.0);
            match (rng.f() * 3.0) as u32 {
                0 => {
                    one.delete_place(id).await.unwrap();
                    gone.insert(id);
                }
                1 => {
                    let now = one.place(id).await.unwrap().place;
                    let mut f = PlaceFields::from(now.fields.clone());
                    f.lat = Some(lat);
                    f.lon = Some(lon);
                    f.category = Some("mosque".into());
                    one.update_place(id, now.version, f).await.unwrap();
                }
                _ => {
                    extra += 1;
                    one.create_place(place(1000 + extra, lat, lon, "grocery", "pork_free", false))
                        .await
                        .unwrap();
                }
            }
        }
        // The same imports again (updates only) in one round.
        if round == 3 {
            let again: Vec<PlaceInput> = places[..20]
                .iter()
                .enumerate()
                .filter(|(i, _)| !gone.contains(&ids[*i]))
                .map(|(_, p)| p.clone())
                .collect();
            one.upsert_places(&again).await.unwrap();
        }
        let updated = one.place_index().await.unwrap();
        assert_eq!(
            updated.updates_since_build(),
            round + 1,
            "updated from changes, not rebuilt"
        );
        // A second server builds its index from every place: the same answers.
        let fresh = App::new(Store::open(&url).await.unwrap()).with_today(today());
        let rebuilt = fresh.place_index().await.unwrap();
        assert_eq!(rebuilt.updates_since_build(), 0);
        assert_eq!(updated.len(), rebuilt.len());
        assert_eq!(updated.version(), rebuilt.version());
        for (lat, lon) in [(43.0621, 141.3544), (35.0, 135.0), (45.0, 148.0)] {
            let at = kizuna_domain::map::place::LatLon::new(lat, lon).unwrap();
            for f in [
                all.clone(),
                PlaceFilter::parse(Some("mosque,grocery"), None, None, None, None).unwrap(),
            ] {
                let a = updated.nearest_ids(at, 50, &f, today(), Utc::now());
                let b = rebuilt.nearest_ids(at, 50, &f, today(), Utc::now());
                assert_eq!(a, b, "round {round} from {lat},{lon}");
            }
        }
        let every = |ix: &kizuna_app::map::PlaceIndex| ix.ids().collect::<Vec<_>>();
        assert_eq!(every(&updated), every(&rebuilt), "round {round}: the same places");
        assert!(every(&updated).iter().all(|id| !gone.contains(id)));
        let stored = |hits: Vec<PlaceHit>| hits.into_iter().map(|h| h.place).collect::<Vec<_>>();
        assert_eq!(
            stored(one.all_places(&all).await.unwrap()),
            stored(fresh.all_places(&all).await.unwrap()),
            "round {round}: the same places, as stored"
        );
    }
}
