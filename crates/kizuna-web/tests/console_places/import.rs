//! Imports: a preview with the rejected records, then a confirmation.

use axum::http::StatusCode;
use kizuna_app::map::PlaceFileFormat;
use kizuna_store::Backend;
use kizuna_testkit::{Page, TestApp};

use super::{collection, feature, field, place_by_source_id, places_total};

const IMPORT: &str = "/console/places/import";
/// The form to upload a file.
const UPLOAD: &str = "form.stack";
/// The form that confirms a previewed file.
const CONFIRM: &str = "#preview + form";

/// The cells of the rejected records' table, row by row: row, record id, column, value, reason.
fn rejected(page: &Page) -> Vec<Vec<String>> {
    let rows = page.count("table#rejected tbody tr");
    (1..=rows)
        .map(|n| page.texts(&format!("table#rejected tbody tr:nth-child({n}) > *")))
        .collect()
}

pub(crate) async fn an_import_is_previewed_with_its_rejected_records_then_confirmed(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let page = b.page(IMPORT).await;
    let upload = page.one(UPLOAD);
    assert_eq!(upload.attr("action"), Some(IMPORT));
    assert_eq!(upload.attr("method"), Some("post"));
    assert_eq!(upload.attr("enctype"), Some("multipart/form-data"));
    assert_eq!(field(&page, UPLOAD, "format").as_deref(), Some("auto"));
    let before = places_total(&t.app).await;

    // One bad record among good ones: every problem named, nothing written.
    let bad = collection(&[
        feature("shop-1", "Import Test Cafe (demo)", "cafe", 141.35, 43.06),
        feature("shop-2", "Import Test Bar (demo)", "bar", 141.36, 95.0),
        feature("shop-3", "Import Test Grocer (demo)", "grocery", 141.37, 43.07),
    ]);
    let page = b
        .submit_multipart(IMPORT, &[], Some(("places.geojson", &bad)))
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    assert!(page.text().contains("values cannot be accepted. Nothing was written"));
    let rows = rejected(&page);
    assert_eq!(rows.len(), 2, "{rows:?}");
    let category = rows.iter().find(|r| r[2] == "category").expect("the category row");
    assert_eq!(category[3], "bar", "{category:?}");
    assert!(
        category[4].contains(
            "“bar” is not a category: write restaurant, cafe, grocery, halal_shop, hotel, mosque, prayer_room or other."
        ),
        "{category:?}"
    );
    assert_eq!(rows[0][..2], ["2", "shop-2"], "record 2, id shop-2: {:?}", rows[0]);
    let lat = rows.iter().find(|r| r[2] == "lat").expect("the lat row");
    assert!(lat[3] == "95" && lat[4].contains("is not a latitude"), "{lat:?}");
    assert!(!page.has("#preview"), "no preview of a file with errors");
    assert!(!page.has("[name=confirm]"));
    assert_eq!(places_total(&t.app).await, before, "nothing written");

    // A clean file: what it would do, still nothing written.
    let good = collection(&[
        feature("shop-1", "Import Test Cafe (demo)", "cafe", 141.35, 43.06),
        feature("shop-3", "Import Test Grocer (demo)", "grocery", 141.37, 43.07),
    ]);
    let page = b
        .submit_multipart(IMPORT, &[], Some(("places.geojson", &good)))
        .await
        .ok_page();
    let preview = page.texts("#preview li");
    for said in [
        "The file is clean: 2 records read.",
        "2 new places would be added.",
        "No place already recorded would change.",
    ] {
        assert!(preview.iter().any(|p| p.contains(said)), "{said}: {preview:?}");
    }
    assert_eq!(places_total(&t.app).await, before, "a preview writes nothing");
    assert_eq!(field(&page, CONFIRM, "format").as_deref(), Some("geojson"));
    assert_eq!(field(&page, CONFIRM, "name").as_deref(), Some("places.geojson"));
    assert_eq!(field(&page, CONFIRM, "confirm").as_deref(), Some("1"));
    assert!(field(&page, CONFIRM, "data").is_some_and(|d| !d.is_empty()));

    // Confirmed: written, and told.
    let confirm = page.form(CONFIRM);
    let confirm: Vec<(&str, &str)> = confirm.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let done = b
        .submit_multipart(IMPORT, &confirm, None)
        .await
        .expect(StatusCode::SEE_OTHER);
    assert_eq!(done.location(), "/console/places/import?added=2&updated=0");
    assert_eq!(places_total(&t.app).await, before + 2);
    let told = b.page(done.location()).await.one("#imported").text;
    assert!(
        told.contains("The import is done.") && told.contains("2 places were added."),
        "{told}"
    );
    let cafe = place_by_source_id(&t.app, "shop-1").await;
    assert_eq!(cafe.fields.source.kind().as_str(), "import");
    assert_eq!(cafe.name(&[]), "Import Test Cafe (demo)");

    // The same file again updates rather than duplicates.
    let again = b.submit_multipart(IMPORT, &confirm, None).await;
    assert_eq!(again.location(), "/console/places/import?added=0&updated=2");
    assert_eq!(places_total(&t.app).await, before + 2);

    // A name that does not tell the format: asked for, or taken from the select.
    let page = b
        .submit_multipart(IMPORT, &[], Some(("places.txt", &good)))
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    assert!(
        page.one("#import-error")
            .text
            .contains("The file name does not tell its format.")
    );
    let page = b
        .submit_multipart(IMPORT, &[("format", "geojson")], Some(("places.txt", &good)))
        .await
        .ok_page();
    assert!(
        page.texts("#preview li")
            .iter()
            .any(|p| p.contains("2 places already recorded would be updated."))
    );
    assert_eq!(field(&page, UPLOAD, "format").as_deref(), Some("geojson"));

    // Not GeoJSON at all; no file; a forged form.
    let page = b
        .submit_multipart(IMPORT, &[], Some(("x.geojson", b"not json")))
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    let error = page.one("#import-error");
    assert!(
        error.text.contains("The file could not be read as GeoJSON."),
        "{}",
        error.text
    );
    assert_eq!(page.one("#import-error details summary").text, "Technical detail");
    let page = b
        .submit_multipart(IMPORT, &[], None)
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    assert!(page.text().contains("Choose a file to check."));
    b.submit_multipart(IMPORT, &[("data", "%%%")], None)
        .await
        .expect(StatusCode::BAD_REQUEST);
    b.post_multipart(IMPORT, &[("csrf", "forged")], Some(("p.geojson", &good)))
        .await
        .expect(StatusCode::FORBIDDEN);
    assert_eq!(places_total(&t.app).await, before + 2);
}

pub(crate) async fn an_openstreetmap_preview_says_how_many_objects_are_left_out(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let osm = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../kizuna-app/tests/fixtures/osm/hokkaido.osm"
    ))
    .expect("the OpenStreetMap fixture");
    let report = t
        .app
        .import_places(PlaceFileFormat::OsmXml, &osm, true)
        .await
        .expect("the fixture imports");
    assert!(report.skipped > 1 && report.features > 0, "{report:?}");
    let told = b
        .submit_multipart(IMPORT, &[], Some(("hokkaido.osm", &osm)))
        .await
        .ok_page()
        .text();
    assert!(
        told.contains(&format!(
            "{} OpenStreetMap objects in the file are not places of the map",
            report.skipped
        )),
        "{told}"
    );
    assert!(report.inserted > 1);
    assert!(
        told.contains(&format!("{} new places would be added.", report.inserted)),
        "{told}"
    );
    // A GeoJSON preview has nothing to leave out and says nothing of it.
    let geojson = t.app.export_geojson().await.expect("export");
    let page = b
        .submit_multipart(IMPORT, &[], Some(("p.geojson", &geojson)))
        .await
        .ok_page();
    assert!(page.has("#preview"));
    assert!(!page.text().contains("OpenStreetMap objects in the file"));
}

/// The cells of a notes table (`#left-out`, `#import-warnings`), row by row: object, tag, value, reason.
fn notes(page: &Page, table: &str) -> Vec<Vec<String>> {
    let rows = page.count(&format!("table#{table} tbody tr"));
    (1..=rows)
        .map(|n| page.texts(&format!("table#{table} tbody tr:nth-child({n}) > *")))
        .collect()
}

pub(crate) async fn an_openstreetmap_preview_lists_the_objects_left_out_and_the_values_changed(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let before = places_total(&t.app).await;
    let osm = br#"<osm version="0.6">
  <node id="901" lat="43.06" lon="141.35"><tag k="amenity" v="cafe"/><tag k="diet:halal" v="yes"/></node>
  <node id="902" lat="43.07" lon="141.36"><tag k="shop" v="butcher"/><tag k="butcher" v="halal"/><tag k="brand" v="Hilal Meat (demo)"/><tag k="website" v="hilal-meat.example.jp"/></node>
  <node id="903" lat="43.08" lon="141.37"><tag k="amenity" v="restaurant"/><tag k="diet:halal" v="only"/><tag k="name" v="Whenever (demo)"/><tag k="opening_hours" v="ask the owner"/></node>
</osm>"#;
    let page = b
        .submit_multipart(IMPORT, &[], Some(("extract.osm", osm)))
        .await
        .ok_page();
    assert!(page.has("#preview"), "a file with objects left out is still imported");
    let text = page.text();
    assert!(
        text.contains("One object is a place of the map but cannot be imported"),
        "{text}"
    );
    let left_out = notes(&page, "left-out");
    assert_eq!(left_out.len(), 1, "{left_out:?}");
    assert_eq!(left_out[0][..2], ["node/901", "name"]);
    assert!(
        left_out[0][3].contains("no name, and no brand, operator or street"),
        "{left_out:?}"
    );
    let warnings = notes(&page, "import-warnings");
    let seen: Vec<(&str, &str)> = warnings.iter().map(|r| (r[0].as_str(), r[1].as_str())).collect();
    assert_eq!(
        seen,
        [
            ("node/902", "brand"),
            ("node/902", "website"),
            ("node/903", "opening_hours")
        ],
        "{warnings:?}"
    );
    assert!(
        warnings[0][3].contains("named “Hilal Meat (demo)” after its brand"),
        "{warnings:?}"
    );
    assert!(
        warnings[2][3].contains("whether the place is open is shown as unknown"),
        "{warnings:?}"
    );

    // In Thai the reasons are Thai.
    b.page(&format!("{IMPORT}?lang=th")).await;
    let th = b
        .submit_multipart(IMPORT, &[], Some(("extract.osm", osm)))
        .await
        .ok_page();
    let th_notes = notes(&th, "left-out");
    assert!(th_notes[0][3].contains("ไม่มีชื่อ"), "{th_notes:?}");
    b.page(&format!("{IMPORT}?lang=en")).await;

    // Confirmed: two places written, the butcher a halal shop with https://.
    let confirm = page.form(CONFIRM);
    let confirm: Vec<(&str, &str)> = confirm.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let done = b
        .submit_multipart(IMPORT, &confirm, None)
        .await
        .expect(StatusCode::SEE_OTHER);
    assert_eq!(done.location(), "/console/places/import?added=2&updated=0&left_out=1");
    let told = b.page(done.location()).await.one("#imported").text;
    assert!(told.contains("One object was left out."), "{told}");
    assert_eq!(places_total(&t.app).await, before + 2);
    let butcher = place_by_source_id(&t.app, "node/902").await;
    assert_eq!(butcher.fields.category.as_str(), "halal_shop");
    assert_eq!(
        butcher.fields.website.as_ref().map(ToString::to_string).as_deref(),
        Some("https://hilal-meat.example.jp")
    );
}
