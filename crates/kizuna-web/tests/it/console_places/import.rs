//! Imports: a preview with the rejected records, then a confirmation; a
//! large file followed on its job's page, its progress polled to the end.

use std::time::{Duration, Instant};

use axum::http::StatusCode;
use kizuna_app::map::PlaceFileFormat;
use kizuna_store::Backend;
use kizuna_testkit::Browser;
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
    // The checked file is kept on the server, confirmed by its check's id.
    assert!(
        field(&page, CONFIRM, "job").is_some_and(|d| d.len() == 32),
        "{:?}",
        page.form(CONFIRM)
    );
    assert!(field(&page, CONFIRM, "data").is_none());

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

/// A GeoJSON file of `n` clean places, `bulk-1`…: over 256 KB from 1,200 on,
/// past what an import answers in the request that sends it.
fn bulk_file(n: usize) -> Vec<u8> {
    let features: Vec<String> = (1..=n)
        .map(|i| {
            let f = i as f64;
            feature(
                &format!("bulk-{i}"),
                &format!("Bulk Import Place {i} (demo)"),
                "restaurant",
                141.0 + f / 10_000.0,
                43.0 + f / 20_000.0,
            )
        })
        .collect();
    collection(&features)
}

/// Poll a job's progress until it is done: the last answer. Each answer
/// is checked: the phases come in order, bytes read never exceed the file,
/// and records read only grow.
async fn poll_to_the_end(b: &mut Browser, job: &str, size: usize) -> serde_json::Value {
    const ORDER: [&str; 5] = ["waiting", "reading", "checking", "writing", "finished"];
    let deadline = Instant::now() + Duration::from_secs(600);
    let (mut phase_at, mut places) = (0, 0);
    loop {
        let p = b.get(&format!("{job}/progress")).await.expect(StatusCode::OK).json();
        let phase = p["phase"].as_str().unwrap_or_default();
        let at = ORDER
            .iter()
            .position(|x| *x == phase)
            .unwrap_or_else(|| panic!("an unknown phase: {p}"));
        assert!(at >= phase_at, "the phases go forward: {p}");
        phase_at = at;
        assert_eq!(p["total"].as_u64(), Some(size as u64), "{p}");
        assert!(p["read"].as_u64().is_some_and(|r| r <= size as u64), "{p}");
        let now = p["places"].as_u64().expect("records read");
        assert!(now >= places, "records read only grow: {p}");
        places = now;
        assert!(!p["phase_text"].as_str().unwrap_or_default().is_empty(), "{p}");
        if p["done"] == true {
            assert_eq!(phase, "finished", "{p}");
            assert_eq!(p["percent"], 100, "{p}");
            return p;
        }
        assert!(
            Instant::now() < deadline,
            "the import did not finish in 10 minutes: {p}"
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

pub(crate) async fn a_large_import_runs_in_the_background_and_its_page_follows_it(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let before = places_total(&t.app).await;
    let file = bulk_file(1_500);
    assert!(file.len() > 300 * 1024, "{}", file.len());

    // Imports held back: the job waits its turn, and its page says so.
    let held = t.app.hold_place_imports().await;
    b.page(IMPORT).await;
    let started = b
        .submit_multipart(IMPORT, &[], Some(("bulk.geojson", &file)))
        .await
        .expect(StatusCode::SEE_OTHER);
    let job = started.location().to_owned();
    let id = job
        .strip_prefix("/console/places/import/jobs/")
        .unwrap_or_else(|| panic!("sent to the job's page: {job}"))
        .to_owned();
    assert!(id.len() == 32 && id.bytes().all(|c| c.is_ascii_hexdigit()), "{id}");
    let page = b.page(&job).await;
    assert_eq!(page.one("#import-job h2").text, "Checking bulk.geojson");
    let bar = page.one("progress#import-bar");
    assert_eq!(bar.attr("max"), Some("100"));
    assert_eq!(bar.attr("value"), None, "no value while it waits");
    assert_eq!(page.one("label[for=import-bar]").text, "How far the import has got");
    let status = page.one("#import-status");
    assert_eq!(status.attr("role"), Some("status"));
    assert_eq!(status.attr("aria-live"), Some("polite"));
    assert_eq!(status.text, "Waiting for another import to finish.");
    assert!(page.has("script[src='/assets/import-progress.js']"));
    assert!(!page.has("form.stack"), "no upload form while it runs");
    assert!(!page.has("#preview"));
    let p = b.get(&format!("{job}/progress")).await.expect(StatusCode::OK);
    assert_eq!(p.header("cache-control"), "no-store");
    let p = p.json();
    assert_eq!(p["done"], false, "{p}");
    assert_eq!(p["phase"], "waiting", "{p}");
    assert_eq!(p["places"], 0, "{p}");
    assert!(p["percent"].is_null(), "{p}");
    assert_eq!(p["total"].as_u64(), Some(file.len() as u64), "{p}");
    let kb = file.len().div_ceil(1024);
    assert_eq!(p["numbers"], format!("0 KB of {kb} KB read, 0 records so far."), "{p}");

    // Only its owner sees it: another staff member is told it is not
    // known, anonymous visitors are sent to sign in, partners refused.
    let mut admin = t.admin().await;
    let gone = admin.get(&job).await.expect(StatusCode::NOT_FOUND).page();
    assert_eq!(gone.one("h1").text, "Import not found");
    admin
        .get(&format!("{job}/progress"))
        .await
        .expect(StatusCode::NOT_FOUND);
    admin.page(IMPORT).await;
    let page = admin
        .submit_multipart(IMPORT, &[("job", &id), ("confirm", "1")], None)
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    assert!(
        page.one("#import-error").text.contains("no longer kept"),
        "someone else's check is not theirs to confirm"
    );
    let mut anonymous = t.browser();
    for path in [job.clone(), format!("{job}/progress")] {
        let a = anonymous.get(&path).await.expect(StatusCode::SEE_OTHER);
        assert!(a.location().starts_with("/sign-in?next="), "{path} → {}", a.location());
    }
    let mut partner = t.partner().await;
    partner.get(&job).await.expect(StatusCode::FORBIDDEN);
    partner
        .get(&format!("{job}/progress"))
        .await
        .expect(StatusCode::FORBIDDEN);
    b.get("/console/places/import/jobs/00000000000000000000000000000000")
        .await
        .expect(StatusCode::NOT_FOUND);

    // Let go: polled to the end, then the page shows the check's result.
    drop(held);
    let p = poll_to_the_end(&mut b, &job, file.len()).await;
    assert_eq!(p["places"], 1_500, "{p}");
    assert_eq!(p["read"].as_u64(), Some(file.len() as u64), "{p}");
    assert_eq!(places_total(&t.app).await, before, "a check writes nothing");
    let page = b.page(&job).await;
    assert!(!page.has("#import-job"), "done: no bar");
    let preview = page.texts("#preview li");
    for said in [
        "The file is clean: 1,500 records read.",
        "1,500 new places would be added.",
        "No place already recorded would change.",
    ] {
        assert!(preview.iter().any(|p| p.contains(said)), "{said}: {preview:?}");
    }
    assert_eq!(field(&page, CONFIRM, "job").as_deref(), Some(id.as_str()));

    // Confirmed: written by a job of its own, whose page says what it did.
    let confirm = page.form(CONFIRM);
    let confirm: Vec<(&str, &str)> = confirm.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let written = b
        .submit_multipart(IMPORT, &confirm, None)
        .await
        .expect(StatusCode::SEE_OTHER);
    let write_job = written.location().to_owned();
    assert!(
        write_job.starts_with("/console/places/import/jobs/") && write_job != job,
        "{write_job}"
    );
    poll_to_the_end(&mut b, &write_job, file.len()).await;
    let told = b.page(&write_job).await.one("#imported").text;
    assert!(
        told.contains("The import is done.") && told.contains("1,500 places were added."),
        "{told}"
    );
    assert_eq!(places_total(&t.app).await, before + 1_500);
    let last = place_by_source_id(&t.app, "bulk-1500").await;
    assert_eq!(last.name(&[]), "Bulk Import Place 1500 (demo)");

    // In Japanese, the running page and the result speak Japanese.
    let held = t.app.hold_place_imports().await;
    b.page(&format!("{IMPORT}?lang=ja")).await;
    let started = b
        .submit_multipart(IMPORT, &[], Some(("bulk.geojson", &file)))
        .await
        .expect(StatusCode::SEE_OTHER);
    let ja_job = started.location().to_owned();
    let page = b.page(&ja_job).await;
    assert_eq!(page.one("#import-job h2").text, "bulk.geojson を確認しています");
    assert_eq!(
        page.one("#import-status").text,
        "ほかの取り込みが終わるのを待っています。"
    );
    drop(held);
    poll_to_the_end(&mut b, &ja_job, file.len()).await;
    let page = b.page(&ja_job).await;
    assert!(
        page.texts("#preview li").iter().any(|p| p.contains("1,500")),
        "{:?}",
        page.texts("#preview li")
    );
    b.page(&format!("{IMPORT}?lang=en")).await;
}
