//! Place imports as streams (#17 item 3): a file longer than one batch is
//! written batch by batch in one transaction, so a problem at its end
//! leaves the store as it was; progress counts the bytes and places read;
//! a file on disk imports as one in memory does — each on SQLite and on
//! PostgreSQL.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use std::fmt::Write as _;
use std::sync::atomic::Ordering;

use kizuna_app::map::{PlaceFile, PlaceFileFormat};
use kizuna_app::{App, AppError};
use kizuna_store::Backend;
use kizuna_testkit::fresh_store;

kizuna_testkit::on_both!(
    a_bad_last_row_of_a_long_csv_leaves_the_store_unchanged,
    a_duplicate_far_apart_in_a_long_geojson_is_named,
    a_long_file_on_disk_imports_whole_with_its_progress,
    a_long_import_logs_one_change_and_one_audit_entry_per_place,
);

async fn app(backend: Backend) -> App {
    App::new(
        fresh_store(backend)
            .await
            .expect("a fresh database (is PostgreSQL running on 127.0.0.1:5432?)"),
    )
}

/// A CSV of `n` good places (lines 2 to n + 1).
fn csv(n: usize) -> String {
    let mut s = String::from("source_id,name_en,category,lat,lon,assurance\n");
    for i in 0..n {
        writeln!(s, "s-{i},Place {i},restaurant,43.{i:04},141.3,unknown").unwrap();
    }
    s
}

async fn count(app: &App) -> usize {
    app.store.all_places().await.unwrap().len()
}

async fn a_bad_last_row_of_a_long_csv_leaves_the_store_unchanged(backend: Backend) {
    let app = app(backend).await;
    // 5,000 good rows: more than two batches reach the writer before the
    // bad one is read.
    let mut file = csv(5_000);
    file.push_str("s-last,Last place,restaurant,not-a-latitude,141.3,unknown\n");
    let Err(AppError::ImportRejected(errors)) = app.import_places(PlaceFileFormat::Csv, file.as_bytes(), false).await
    else {
        panic!("the bad row refuses the file");
    };
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!((errors[0].row, errors[0].column.as_str()), (5_002, "lat"));
    assert_eq!(errors[0].value, "not-a-latitude");
    assert_eq!(count(&app).await, 0, "nothing of the file was written");
    // The same file without its bad row imports whole.
    let r = app
        .import_places(PlaceFileFormat::Csv, csv(5_000).as_bytes(), false)
        .await
        .unwrap();
    assert_eq!((r.inserted, r.updated), (5_000, 0));
    assert_eq!(count(&app).await, 5_000);
    // Again: every place is already as the file has it.
    let r = app
        .import_places(PlaceFileFormat::Csv, csv(5_000).as_bytes(), true)
        .await
        .unwrap();
    assert_eq!((r.inserted, r.updated, r.dry_run), (0, 5_000, true));
}

async fn a_duplicate_far_apart_in_a_long_geojson_is_named(backend: Backend) {
    let app = app(backend).await;
    let feature = |id: usize| {
        format!(
            r#"{{"type":"Feature","id":"f-{id}","geometry":{{"type":"Point","coordinates":[141.3,43.0]}},"properties":{{"name_en":"Place {id}","category":"cafe","assurance":"unknown"}}}}"#
        )
    };
    let mut features: Vec<String> = (0..4_500).map(feature).collect();
    // Feature 4,501 repeats feature 7's id.
    features.push(feature(6));
    let file = format!(r#"{{"features":[{}],"type":"FeatureCollection"}}"#, features.join(","));
    let Err(AppError::ImportRejected(errors)) = app
        .import_places(PlaceFileFormat::Geojson, file.as_bytes(), false)
        .await
    else {
        panic!("the duplicate refuses the file");
    };
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!((errors[0].row, errors[0].code.as_str()), (4_501, "duplicate"));
    assert!(errors[0].reason.contains("first as number 7"), "{}", errors[0].reason);
    assert_eq!(count(&app).await, 0);
}

async fn a_long_file_on_disk_imports_whole_with_its_progress(backend: Backend) {
    let app = app(backend).await;
    let dir = std::env::temp_dir().join(format!("kizuna-place-stream-{}-{backend:?}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("places.csv");
    let text = csv(4_321);
    std::fs::write(&path, &text).unwrap();
    let file = PlaceFile::path(path.clone()).unwrap();
    let progress = std::sync::Arc::clone(&file.progress);
    assert_eq!(progress.total.load(Ordering::Relaxed), text.len() as u64);
    let r = app
        .import_place_file(PlaceFileFormat::Csv, file, false, false)
        .await
        .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!((r.features, r.inserted), (4_321, 4_321));
    assert_eq!(
        progress.read.load(Ordering::Relaxed),
        text.len() as u64,
        "every byte read once"
    );
    assert_eq!(progress.places.load(Ordering::Relaxed), 4_321);
    assert_eq!(count(&app).await, 4_321);
}

/// Places are written many to a statement, and their change-feed rows and
/// audit entries too: still one of each per place written (the map's
/// index and the search index catch up from the feed, the audit pages
/// list a place's entries), in an audit chain that verifies, and a place
/// already as the file has it logs nothing.
async fn a_long_import_logs_one_change_and_one_audit_entry_per_place(backend: Backend) {
    use kizuna_domain::System;
    use kizuna_store::{Action, AuditFilter, Op, Verification};
    let app = app(backend).await;
    // More than a batch of the reader, and many statements of each kind.
    let n = 2_345;
    let r = app
        .import_places(PlaceFileFormat::Csv, csv(n).as_bytes(), false)
        .await
        .unwrap();
    assert_eq!((r.inserted, r.updated), (n, 0));
    let places = app.store.all_places().await.unwrap();
    let mut ids: Vec<i64> = places.iter().map(|p| p.id).collect();
    ids.sort_unstable();
    let changes = app
        .store
        .changes_since(System::Map, 0, 1_000_000)
        .await
        .unwrap()
        .expect("every change is kept");
    let mut logged: Vec<i64> = changes
        .iter()
        .filter(|c| c.entity == "place" && c.op == Op::Upsert)
        .map(|c| c.record_id)
        .collect();
    logged.sort_unstable();
    assert_eq!(logged, ids, "one change per place written");
    let filter = AuditFilter {
        entity: Some("place".into()),
        action: Some(Action::Create),
        ..AuditFilter::default()
    };
    let (entries, total) = app.store.audit_entries(&filter, 10_000, 0).await.unwrap();
    assert_eq!(total, n as i64);
    let mut audited: Vec<i64> = entries.iter().filter_map(|e| e.record_id).collect();
    audited.sort_unstable();
    assert_eq!(audited, ids, "one audit entry per place created");
    assert!(matches!(
        app.store.audit_verify().await.unwrap(),
        Verification::Intact { .. }
    ));

    // Again with every tenth place renamed: those are updated and logged, the others left alone.
    let version = app.store.system_version(System::Map).await.unwrap();
    let mut file = String::from("source_id,name_en,category,lat,lon,assurance\n");
    for i in 0..n {
        let name = if i % 10 == 0 {
            format!("Renamed {i}")
        } else {
            format!("Place {i}")
        };
        writeln!(file, "s-{i},{name},restaurant,43.{i:04},141.3,unknown").unwrap();
    }
    let r = app
        .import_places(PlaceFileFormat::Csv, file.as_bytes(), false)
        .await
        .unwrap();
    assert_eq!((r.inserted, r.updated), (0, n));
    let renamed = n.div_ceil(10);
    let since = app
        .store
        .changes_since(System::Map, version, 1_000_000)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(since.len(), renamed, "only the renamed places are logged again");
    let filter = AuditFilter {
        entity: Some("place".into()),
        action: Some(Action::Update),
        ..AuditFilter::default()
    };
    let (_, updates) = app.store.audit_entries(&filter, 1, 0).await.unwrap();
    assert_eq!(updates, renamed as i64);
    assert!(matches!(
        app.store.audit_verify().await.unwrap(),
        Verification::Intact { .. }
    ));
}
