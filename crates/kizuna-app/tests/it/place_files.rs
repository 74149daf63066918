//! Place files in every format: CSV in and out, OpenStreetMap XML and PBF
//! in (tag by tag), and round trips through GeoJSON — each scenario on
//! SQLite and on PostgreSQL.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use chrono::NaiveDate;
use kizuna_app::map::{PlaceFileFormat, PlaceImportReport};
use kizuna_app::{App, AppError};
use kizuna_domain::map::place::{
    Assurance, OSM_ATTRIBUTION, Place, PlaceCategory, PlaceFields, PlaceInput, SourceKind,
};
use kizuna_store::Backend;
use kizuna_testkit::fresh_store;

kizuna_testkit::on_both!(
    csv_export_imports_back_unchanged_and_again_updates,
    csv_problems_name_line_column_value_and_reason,
    osm_xml_tags_map_field_by_field,
    osm_pbf_gives_the_same_places_as_xml,
    osm_reimport_updates_rather_than_duplicates,
    osm_import_round_trips_through_geojson,
    a_bad_osm_object_refuses_a_strict_import_and_is_left_out_of_others,
    garbage_in_any_format_is_a_bad_file,
);

const XML: &[u8] = include_bytes!("../fixtures/osm/hokkaido.osm");
const PBF: &[u8] = include_bytes!("../fixtures/osm/hokkaido.osm.pbf");

async fn app(backend: Backend) -> App {
    App::new(
        fresh_store(backend)
            .await
            .expect("a fresh database (is PostgreSQL running on 127.0.0.1:5432?)"),
    )
    .with_today(NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date"))
}

/// Every place's fields, in source order.
async fn places(app: &App) -> Vec<PlaceInput> {
    let mut all: Vec<PlaceInput> = app
        .store
        .all_places()
        .await
        .expect("places")
        .into_iter()
        .map(|p: Place| p.fields)
        .collect();
    all.sort_by_key(|p| (p.source.kind(), p.source.id().to_string()));
    all
}

async fn by_osm_id(app: &App, id: &str) -> PlaceInput {
    app.store
        .place_by_source("openstreetmap", id)
        .await
        .expect("the store answers")
        .unwrap_or_else(|| panic!("{id} was imported"))
        .fields
}

fn counts(r: &PlaceImportReport) -> (usize, usize, usize, usize) {
    (r.features, r.skipped, r.inserted, r.updated)
}

fn rejected(r: Result<PlaceImportReport, AppError>) -> Vec<kizuna_app::training::transfer::RowError> {
    match r {
        Err(AppError::ImportRejected(rows)) => rows,
        other => panic!("expected the file to be refused, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------

fn tricky_places() -> Vec<PlaceInput> {
    let base = |n: usize| PlaceFields {
        name_en: Some(format!("CSV place {n}")),
        category: Some("restaurant".into()),
        lat: Some(43.0 + n as f64 * 0.001_234_5),
        lon: Some(141.3 + n as f64 * 0.000_678_9),
        assurance: Some("unknown".into()),
        source: Some("import".into()),
        source_id: Some(format!("csv-{n}")),
        ..Default::default()
    };
    let mut all = Vec::new();
    // Text a spreadsheet would run as a formula: the export escapes it.
    let mut f = base(1);
    f.name_en = Some("=1+1 Halal Grill".into());
    f.phone = Some("+81 11-555-0000".into());
    f.chain_en = Some("-minus chain".into());
    f.chain_ja = Some("=チェーン".into());
    f.branch_th = Some("@สาขา".into());
    f.branch_ms = Some("+Cawangan".into());
    f.address = Some("1-2-3 Kita, \"Sapporo\", Hokkaido".into());
    f.alcohol_served = Some(false);
    f.prayer_space = Some(true);
    f.wudu = Some(true);
    f.women_space = Some(true);
    f.qibla_marked = Some(true);
    f.prayer_mats = Some(true);
    f.opening_hours = Some("Mo-Sa 11:00-21:00; Su off".into());
    f.last_verified = Some("2026-06-01".into());
    all.push(f);
    // Other scripts, a certificate, a website, OpenStreetMap's attribution.
    let mut f = base(2);
    f.name_ja = Some("テスト食堂".into());
    f.name_th = Some("ร้านทดสอบ".into());
    f.name_ar = Some("مطعم الاختبار".into());
    f.name_ms = Some("Kedai Ujian".into());
    f.name_id = Some("Warung Uji".into());
    f.assurance = Some("certified".into());
    f.certifier = Some("Test Halal Body".into());
    f.certificate_number = Some("THB-0002".into());
    f.certificate_valid_from = Some("2026-01-01".into());
    f.certificate_valid_until = Some("2026-12-31".into());
    f.website = Some("https://example.org/a?b=c,d".into());
    f.alcohol_served = Some(true);
    f.source = Some("openstreetmap".into());
    f.source_id = Some("node/42".into());
    all.push(f);
    // Negative coordinates, a line break in a cell, every category and level.
    let cats = ["cafe", "grocery", "hotel", "mosque", "prayer_room", "other"];
    let levels = ["self_declared", "pork_free", "vegetarian_options", "unknown"];
    for n in 3..15 {
        let mut f = base(n);
        f.category = Some(cats[n % cats.len()].into());
        f.assurance = Some(levels[n % levels.len()].into());
        if n == 3 {
            f.lat = Some(-33.868_819_7);
            f.lon = Some(-151.209_295_5 + 0.0001);
            f.address = Some("Line one\nLine two".into());
        }
        all.push(f);
    }
    all.into_iter().map(|f| f.validate().expect("a valid place")).collect()
}

async fn csv_export_imports_back_unchanged_and_again_updates(backend: Backend) {
    let a = app(backend).await;
    let want = tricky_places();
    a.upsert_places(&want).await.unwrap();
    let csv = a.export_places_csv().await.unwrap();
    let text = String::from_utf8(csv.clone()).unwrap();
    assert!(text.contains("'=1+1 Halal Grill"), "the export escapes formulas");
    assert!(text.contains("'+81 11-555-0000"));

    // Into a fresh store: the same places, every field.
    let b = app(backend).await;
    let r = b.import_places(PlaceFileFormat::Csv, &csv, false).await.unwrap();
    assert_eq!(counts(&r), (14, 0, 14, 0));
    let mut sorted = want.clone();
    sorted.sort_by_key(|p| (p.source.kind(), p.source.id().to_string()));
    assert_eq!(places(&b).await, sorted);
    let p = b.store.place_by_source("import", "csv-1").await.unwrap().unwrap();
    assert_eq!(p.fields.names.get("en").unwrap().as_str(), "=1+1 Halal Grill");
    assert_eq!(p.fields.phone.as_ref().unwrap().as_str(), "+81 11-555-0000");

    // Again, with a byte-order mark: a dry run says all would update, then all update.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(&csv);
    let dry = b.import_places(PlaceFileFormat::Csv, &bom, true).await.unwrap();
    assert_eq!((dry.inserted, dry.updated, dry.dry_run), (0, 14, true));
    let r = b.import_places(PlaceFileFormat::Csv, &bom, false).await.unwrap();
    assert_eq!((r.inserted, r.updated), (0, 14));
    assert_eq!(places(&b).await, sorted, "updated, not duplicated");

    // Columns in any order, some left out, without the id column; a change updates.
    let small = "source_id,lon,lat,assurance,category,name_en\ncsv-1,141.301,43.001,pork_free,cafe,Renamed\n";
    let r = b
        .import_places(PlaceFileFormat::Csv, small.as_bytes(), false)
        .await
        .unwrap();
    assert_eq!((r.inserted, r.updated), (0, 1));
    let p = b.store.place_by_source("import", "csv-1").await.unwrap().unwrap();
    assert_eq!(p.fields.names.get("en").unwrap().as_str(), "Renamed");
    assert_eq!(p.fields.halal.level(), Assurance::PorkFree);
    assert_eq!(p.fields.phone, None, "a column left out is no value");
    assert_eq!(b.store.all_places().await.unwrap().len(), 14);
}

async fn csv_problems_name_line_column_value_and_reason(backend: Backend) {
    let app = app(backend).await;
    // An unknown column is named before any row is read.
    let rows = rejected(
        app.import_places(
            PlaceFileFormat::Csv,
            b"name_en,category,lat,lon,assurance,source_id,colour\nA,cafe,43,141,unknown,a,red\n",
            false,
        )
        .await,
    );
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!((rows[0].row, rows[0].column.as_str()), (1, "colour"));
    assert_eq!(rows[0].code, "unknown_column");
    assert!(rows[0].reason.contains("name_en"), "{}", rows[0].reason);

    let file = "name_en,category,lat,lon,assurance,source_id,phone,opening_hours,prayer_space\n\
                Fine,cafe,43.06,141.35,unknown,c1,,,\n\
                \n\
                Bad,bar,north,141.35,certified,c2,call me,,maybe\n\
                \"Two\nlines\",cafe,43.0,141.0,unknown,c3,,whenever we like,\n\
                No id,cafe,43,141,unknown,,,,\n\
                Again,cafe,43,141,unknown,c1,,,\n";
    let rows = rejected(app.import_places(PlaceFileFormat::Csv, file.as_bytes(), false).await);
    let seen: Vec<(usize, &str)> = rows.iter().map(|r| (r.row, r.column.as_str())).collect();
    for want in [
        (4, "category"),
        (4, "lat"),
        (4, "phone"),
        (4, "prayer_space"),
        (4, "certifier"),
        (4, "certificate_valid_until"),
        (5, "opening_hours"),
        (7, "source_id"),
        (8, "source_id"),
    ] {
        assert!(seen.contains(&want), "{want:?} not in {seen:?}");
    }
    assert!(!seen.iter().any(|(r, _)| *r == 2), "line 2 is fine: {seen:?}");
    let lat = rows.iter().find(|r| r.row == 4 && r.column == "lat").unwrap();
    assert_eq!((lat.value.as_str(), lat.code.as_str()), ("north", "not_a_number"));
    let cat = rows.iter().find(|r| r.row == 4 && r.column == "category").unwrap();
    assert_eq!(cat.value, "bar");
    let hours = rows.iter().find(|r| r.column == "opening_hours").unwrap();
    assert_eq!(hours.value, "whenever we like");
    assert!(hours.reason.contains("opening_hours syntax"), "{}", hours.reason);
    let dup = rows.iter().find(|r| r.row == 8).unwrap();
    assert!(dup.reason.contains("first as number 2"), "{}", dup.reason);
    let flag = rows.iter().find(|r| r.row == 4 && r.column == "prayer_space").unwrap();
    assert_eq!((flag.value.as_str(), flag.code.as_str()), ("maybe", "not_a_boolean"));
    assert!(app.store.all_places().await.unwrap().is_empty(), "nothing written");

    // GeoJSON flags must be JSON booleans (every field declared yes/no),
    // and other text may come as a number.
    let feature = |props: serde_json::Value| {
        serde_json::json!({"type": "FeatureCollection", "features": [{
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [141.35, 43.06]},
            "properties": props,
        }]})
        .to_string()
    };
    let base = serde_json::json!({"name_en": "Flags", "category": "cafe", "assurance": "unknown", "source_id": "g1"});
    for flag in [
        "prayer_space",
        "wudu",
        "women_space",
        "qibla_marked",
        "prayer_mats",
        "alcohol_served",
    ] {
        let mut props = base.clone();
        props[flag] = serde_json::json!("yes");
        let rows = rejected(
            app.import_places(PlaceFileFormat::Geojson, feature(props).as_bytes(), false)
                .await,
        );
        assert!(
            rows.iter().any(|r| r.column == flag && r.code == "not_a_boolean"),
            "{flag}: {rows:?}"
        );
    }
    let mut props = base.clone();
    props["wudu"] = serde_json::json!(true);
    props["phone"] = serde_json::json!(110);
    let report = app
        .import_places(PlaceFileFormat::Geojson, feature(props).as_bytes(), false)
        .await
        .expect("booleans and a numeric phone are accepted");
    assert_eq!(report.inserted, 1, "{report:?}");
}

// ---------------------------------------------------------------------------
// OpenStreetMap
// ---------------------------------------------------------------------------

fn text(t: Option<&kizuna_domain::common::Text>) -> Option<&str> {
    t.map(kizuna_domain::common::Text::as_str)
}

fn name<'a>(p: &'a PlaceInput, lang: &str) -> Option<&'a str> {
    p.names.get(lang).map(kizuna_domain::common::Text::as_str)
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

async fn osm_xml_tags_map_field_by_field(backend: Backend) {
    let app = app(backend).await;
    let r = app.import_places(PlaceFileFormat::OsmXml, XML, false).await.unwrap();
    // 21 objects: 9 places, 12 others (8 untagged nodes, a street, a way
    // outline, a non-halal and a vegetarian-only restaurant).
    assert_eq!(counts(&r), (9, 12, 9, 0));
    let all = places(&app).await;
    assert_eq!(all.len(), 9);
    for p in &all {
        assert_eq!(p.source.kind(), SourceKind::Openstreetmap);
        assert_eq!(text(p.attribution.as_ref()), Some(OSM_ATTRIBUTION));
        assert_eq!(p.locality_id, None);
    }
    for skipped in ["node/1005", "node/1006", "node/5001", "way/2000", "way/2002"] {
        assert!(
            app.store
                .place_by_source("openstreetmap", skipped)
                .await
                .unwrap()
                .is_none(),
            "{skipped}"
        );
    }

    // node/1001: certified restaurant with every mapped tag.
    let p = by_osm_id(&app, "node/1001").await;
    assert_eq!(
        name(&p, "ja"),
        Some("札幌クレセント食堂"),
        "plain name in kana/kanji is Japanese"
    );
    assert_eq!(name(&p, "en"), Some("Sapporo Crescent Kitchen"));
    assert_eq!(name(&p, "th"), Some("ครัวเครสเซนต์ซัปโปโร"));
    assert_eq!((name(&p, "ms"), name(&p, "ar"), name(&p, "id")), (None, None, None));
    assert_eq!(p.category, PlaceCategory::Restaurant);
    // Plain brand and branch in Latin letters are taken for English.
    let local = |t: &Option<kizuna_domain::common::LocalText>, lang: &str| -> Option<String> {
        t.as_ref().and_then(|t| t.get(lang)).map(ToString::to_string)
    };
    assert_eq!(local(&p.chain, "en").as_deref(), Some("Crescent Kitchen"));
    assert_eq!(local(&p.branch, "en").as_deref(), Some("Odori"));
    assert_eq!(p.chain.as_ref().map(|c| c.iter().count()), Some(1));
    assert_eq!(
        text(p.address.as_ref()),
        Some("060-0042 北海道 札幌市 中央区 大通西 9 1")
    );
    assert_eq!(
        p.phone.as_ref().map(kizuna_domain::map::place::Phone::as_str),
        Some("+81 11-555-0101")
    );
    assert_eq!(
        p.website.as_ref().map(kizuna_domain::map::place::Website::as_str),
        Some("https://crescent-kitchen.example/odori")
    );
    assert_eq!(
        p.opening_hours
            .as_ref()
            .map(kizuna_domain::map::place::OpeningHoursText::as_str),
        Some("Mo-Sa 11:00-21:00; Su off")
    );
    let c = p.halal.certificate().expect("certified");
    assert_eq!(c.certifier().as_str(), "Hokkaido Test Halal Council");
    assert_eq!(c.number().as_str(), "HTHC-2026-017");
    assert_eq!((c.valid_from(), c.valid_until()), (d("2026-01-15"), d("2027-01-14")));
    assert_eq!(p.alcohol_served, Some(false));
    assert!(!p.prayer.prayer_space);
    assert_eq!(
        p.last_verified,
        Some(d("2026-05-02")),
        "the later of check_date and survey:date"
    );
    assert_eq!((p.position.lat(), p.position.lon()), (43.0621, 141.3544));

    // node/1002: self-declared cafe with a prayer room.
    let p = by_osm_id(&app, "node/1002").await;
    assert_eq!(
        (name(&p, "ms"), name(&p, "ja")),
        (Some("Kafe Salju Utara"), Some("北の雪カフェ"))
    );
    assert_eq!(p.category, PlaceCategory::Cafe);
    assert_eq!(p.halal.level(), Assurance::SelfDeclared);
    assert_eq!(
        p.phone.as_ref().map(kizuna_domain::map::place::Phone::as_str),
        Some("011-555-0102"),
        "the first of several"
    );
    assert_eq!(
        p.website.as_ref().map(kizuna_domain::map::place::Website::as_str),
        Some("https://yuki-cafe.example")
    );
    assert!(p.prayer.prayer_space);
    assert_eq!(p.alcohol_served, Some(true));
    assert_eq!(p.last_verified, Some(d("2026-03-01")), "YYYY-MM is its first day");

    // node/1003: convenience store, diet:halal=limited.
    let p = by_osm_id(&app, "node/1003").await;
    assert_eq!(
        name(&p, "en"),
        Some("Susukino Corner Mart"),
        "plain Latin name is English"
    );
    assert_eq!(p.category, PlaceCategory::Grocery);
    assert_eq!(p.halal.level(), Assurance::SelfDeclared);
    assert_eq!((p.alcohol_served, p.last_verified), (None, None));

    // node/1004: mosque.
    let p = by_osm_id(&app, "node/1004").await;
    assert_eq!(p.category, PlaceCategory::Mosque);
    assert_eq!(name(&p, "ar"), Some("مسجد كيتا"), "plain name in Arabic script");
    assert_eq!(
        (name(&p, "en"), name(&p, "id")),
        (Some("Kita Test Masjid"), Some("Masjid Kita"))
    );
    assert_eq!(p.halal.level(), Assurance::Unknown);
    assert!(p.prayer.prayer_space && p.prayer.wudu);

    // node/1007: halal-only hotel without the whole certificate: self-declared.
    let p = by_osm_id(&app, "node/1007").await;
    assert_eq!(p.category, PlaceCategory::Hotel);
    assert_eq!(p.halal.level(), Assurance::SelfDeclared);
    assert_eq!(text(p.address.as_ref()), Some("北海道函館市テスト町1-2-3"));

    // node/1008: multi-faith prayer room; node/1009: fast food is a restaurant.
    let p = by_osm_id(&app, "node/1008").await;
    assert_eq!((p.category, p.prayer.prayer_space), (PlaceCategory::PrayerRoom, true));
    assert_eq!(
        p.opening_hours
            .as_ref()
            .map(kizuna_domain::map::place::OpeningHoursText::as_str),
        Some("24/7")
    );
    let p = by_osm_id(&app, "node/1009").await;
    assert_eq!(
        (p.category, p.halal.level()),
        (PlaceCategory::Restaurant, Assurance::SelfDeclared)
    );

    // way/2001: a prayer room at the centroid of its four corners.
    let p = by_osm_id(&app, "way/2001").await;
    assert_eq!(p.category, PlaceCategory::PrayerRoom);
    assert_eq!(name(&p, "ja"), Some("函館テスト礼拝室"));
    assert!((p.position.lat() - 41.7702).abs() < 1e-6, "{}", p.position.lat());
    assert!((p.position.lon() - 140.7302).abs() < 1e-6, "{}", p.position.lon());

    // relation/3001: a mosque at the centroid of its outer way.
    let p = by_osm_id(&app, "relation/3001").await;
    assert_eq!(
        (p.category, name(&p, "ms")),
        (PlaceCategory::Mosque, Some("Masjid Minami"))
    );
    assert!((p.position.lat() - 43.0405).abs() < 1e-6, "{}", p.position.lat());
    assert!((p.position.lon() - 141.3605).abs() < 1e-6, "{}", p.position.lon());

    // The map finds them: the certified restaurant is valid today.
    let near = app
        .nearest_places(43.0621, 141.3544, 1, &Default::default())
        .await
        .unwrap();
    assert_eq!(near[0].place.fields.source.id().as_str(), "node/1001");
    assert_eq!(
        near[0]
            .certificate_status
            .map(kizuna_domain::map::place::CertificateStatus::as_str),
        Some("valid")
    );
}

async fn osm_pbf_gives_the_same_places_as_xml(backend: Backend) {
    let x = app(backend).await;
    let p = app(backend).await;
    let rx = x.import_places(PlaceFileFormat::OsmXml, XML, false).await.unwrap();
    let rp = p.import_places(PlaceFileFormat::OsmPbf, PBF, false).await.unwrap();
    assert_eq!(counts(&rp), counts(&rx));
    let (px, pp) = (places(&x).await, places(&p).await);
    assert_eq!(px.len(), 9);
    assert_eq!(pp, px, "the same places, every field");
}

async fn osm_reimport_updates_rather_than_duplicates(backend: Backend) {
    let app = app(backend).await;
    let r = app.import_places(PlaceFileFormat::OsmPbf, PBF, false).await.unwrap();
    assert_eq!((r.inserted, r.updated), (9, 0));
    let before = app.store.all_places().await.unwrap();
    let dry = app.import_places(PlaceFileFormat::OsmXml, XML, true).await.unwrap();
    assert_eq!((dry.inserted, dry.updated, dry.dry_run), (0, 9, true));
    let r = app.import_places(PlaceFileFormat::OsmXml, XML, false).await.unwrap();
    assert_eq!(counts(&r), (9, 12, 0, 9));
    assert_eq!(app.store.all_places().await.unwrap(), before, "same ids, same fields");
    // A changed tag updates that place only.
    let changed = String::from_utf8(XML.to_vec())
        .unwrap()
        .replace("Susukino Corner Mart", "Susukino Corner Market");
    let r = app
        .import_places(PlaceFileFormat::OsmXml, changed.as_bytes(), false)
        .await
        .unwrap();
    assert_eq!((r.inserted, r.updated), (0, 9));
    assert_eq!(app.store.all_places().await.unwrap().len(), 9);
    let p = by_osm_id(&app, "node/1003").await;
    assert_eq!(name(&p, "en"), Some("Susukino Corner Market"));
}

async fn osm_import_round_trips_through_geojson(backend: Backend) {
    let a = app(backend).await;
    a.import_places(PlaceFileFormat::OsmXml, XML, false).await.unwrap();
    let geojson = a.export_geojson().await.unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&geojson).unwrap();
    assert!(doc["attribution"].as_str().unwrap().contains("OpenStreetMap"));
    let b = app(backend).await;
    let r = b
        .import_places(PlaceFileFormat::Geojson, &geojson, false)
        .await
        .unwrap();
    assert_eq!(counts(&r), (9, 0, 9, 0));
    assert_eq!(places(&b).await, places(&a).await);
    // And through CSV too.
    let csv = b.export_places_csv().await.unwrap();
    let c = app(backend).await;
    c.import_places(PlaceFileFormat::Csv, &csv, false).await.unwrap();
    assert_eq!(places(&c).await, places(&a).await);
}

fn osm(body: &str) -> Vec<u8> {
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<osm version=\"0.6\">\n{body}\n</osm>\n").into_bytes()
}

async fn a_bad_osm_object_refuses_a_strict_import_and_is_left_out_of_others(backend: Backend) {
    let app = app(backend).await;
    let file = osm(r#"
  <node id="1" lat="43.06" lon="141.35"><tag k="amenity" v="cafe"/><tag k="name" v="Fine"/><tag k="diet:halal" v="yes"/></node>
  <node id="2" lat="43.07" lon="141.36"><tag k="amenity" v="restaurant"/><tag k="name" v="Whenever"/><tag k="diet:halal" v="yes"/><tag k="opening_hours" v="when the owner feels like it"/></node>
  <node id="3" lat="43.08" lon="141.37"><tag k="amenity" v="prayer_room"/></node>
  <node id="4" lat="43.09" lon="141.38"><tag k="amenity" v="cafe"/><tag k="name" v="Call"/><tag k="diet:halal" v="yes"/><tag k="contact:phone" v="ask at the counter"/></node>
  <way id="5"><nd ref="98"/><nd ref="99"/><tag k="amenity" v="place_of_worship"/><tag k="religion" v="muslim"/><tag k="name" v="Nowhere"/></way>
  <node id="-6" lat="43.1" lon="141.39"><tag k="amenity" v="place_of_worship"/><tag k="religion" v="muslim"/><tag k="name" v="New"/></node>
  <node id="7" lat="95.0" lon="141.4"><tag k="diet:halal" v="yes"/><tag k="name" v="North"/></node>
"#);
    let rows = rejected(
        app.import_places_with(PlaceFileFormat::OsmXml, &file, false, true)
            .await,
    );
    let seen: Vec<(usize, &str, &str)> = rows
        .iter()
        .map(|r| (r.row, r.column.as_str(), r.value.as_str()))
        .collect();
    for want in [
        (2, "opening_hours", "when the owner feels like it"),
        (3, "name", ""),
        (4, "contact:phone", "ask at the counter"),
        (5, "nd", ""),
        (6, "id", "node/-6"),
        (7, "lat", "95"),
    ] {
        assert!(seen.contains(&want), "{want:?} not in {seen:?}");
    }
    assert!(!seen.iter().any(|(r, _, _)| *r == 1), "{seen:?}");
    for (row, id) in [(2, "node/2"), (3, "node/3"), (4, "node/4"), (5, "way/5"), (7, "node/7")] {
        let r = rows.iter().find(|r| r.row == row).unwrap();
        assert!(r.reason.contains(&format!("[{id}]")), "{}", r.reason);
    }
    let message = AppError::ImportRejected(rows).to_string();
    assert!(message.contains("nothing was written"), "{message}");
    assert!(message.contains("node/2"), "{message}");
    assert!(app.store.all_places().await.unwrap().is_empty(), "all or nothing");

    // Not strict (the default): the same file imports what can be places,
    // each object left out named with its tag and reason, each value
    // changed with a warning; the unreadable opening hours kept as text.
    let r = app.import_places(PlaceFileFormat::OsmXml, &file, false).await.unwrap();
    assert_eq!((r.features, r.inserted, r.updated), (7, 3, 0));
    let out: Vec<(&str, &str, &str)> = r
        .left_out
        .iter()
        .map(|n| (n.object.as_str(), n.tag.as_str(), n.code.as_str()))
        .collect();
    assert_eq!(
        out,
        [
            ("node/3", "name", "no_name"),
            ("way/5", "nd", "no_position"),
            ("node/-6", "id", "invalid_osm_id"),
            ("node/7", "lat", "out_of_range"),
        ]
    );
    assert_eq!(r.left_out_by_reason.values().sum::<usize>(), 4);
    let warned: Vec<(&str, &str, &str)> = r
        .warnings
        .iter()
        .map(|n| (n.object.as_str(), n.tag.as_str(), n.code.as_str()))
        .collect();
    assert!(
        warned.contains(&("node/2", "opening_hours", "opening_hours_unknown")),
        "{warned:?}"
    );
    assert!(warned.contains(&("node/4", "phone", "phone_dropped")), "{warned:?}");
    let whenever = app
        .store
        .place_by_source("openstreetmap", "node/2")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        whenever
            .fields
            .opening_hours
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("when the owner feels like it")
    );
    let hit = app.place(whenever.id).await.unwrap();
    assert_eq!(hit.open_now, None, "open or closed unknown");
    let call = app
        .store
        .place_by_source("openstreetmap", "node/4")
        .await
        .unwrap()
        .unwrap();
    assert!(call.fields.phone.is_none());
    assert_eq!(app.store.all_places().await.unwrap().len(), 3);
    let app = self::app(backend).await;

    // Only the opening hours wrong: refused just the same, naming node/2.
    let file = osm(r#"
  <node id="1" lat="43.06" lon="141.35"><tag k="amenity" v="cafe"/><tag k="name" v="Fine"/><tag k="diet:halal" v="yes"/></node>
  <node id="2" lat="43.07" lon="141.36"><tag k="name" v="Whenever"/><tag k="diet:halal" v="yes"/><tag k="opening_hours" v="closed on rainy days"/></node>
"#);
    let rows = rejected(
        app.import_places_with(PlaceFileFormat::OsmXml, &file, false, true)
            .await,
    );
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!((rows[0].row, rows[0].column.as_str()), (2, "opening_hours"));
    assert!(rows[0].reason.ends_with("[node/2]"), "{}", rows[0].reason);
    assert!(app.store.all_places().await.unwrap().is_empty());
}

async fn garbage_in_any_format_is_a_bad_file(backend: Backend) {
    let app = app(backend).await;
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let half_pbf = &PBF[..PBF.len() / 2];
    let mut flipped = PBF.to_vec();
    for b in flipped.iter_mut().skip(40).step_by(7) {
        *b ^= 0x5a;
    }
    for format in [
        PlaceFileFormat::Geojson,
        PlaceFileFormat::Csv,
        PlaceFileFormat::OsmXml,
        PlaceFileFormat::OsmPbf,
    ] {
        for bytes in [
            &garbage[..],
            b"",
            b"hello, world\nthis is not a place file\n",
            half_pbf,
            &flipped,
            b"<osm version=\"0.6\"><node id=\"1\" lat=\"x\" lon=\"1\"/></osm>",
            b"<osm><node id=\"1\"",
        ] {
            match app.import_places(format, bytes, false).await {
                Err(AppError::BadFile(m)) => assert!(!m.is_empty()),
                // Bytes that are no text as a CSV: refused naming the encoding they look like.
                Err(AppError::Encoding { found }) if format == PlaceFileFormat::Csv => assert!(!found.is_empty()),
                other => panic!("{format:?} of {} bytes: {other:?}", bytes.len()),
            }
        }
    }
    assert!(app.store.all_places().await.unwrap().is_empty());
}
