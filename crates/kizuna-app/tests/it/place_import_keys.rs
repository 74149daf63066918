//! The sort keys an import writes (issue 17 item 3): made before the
//! places' transaction, on every core, for batches large enough to be
//! split, and written by the import itself in place of the change feed's
//! hook. Every place written has, in every kept order, the key of the
//! name that order shows; places left as they were keep theirs; an import
//! that does not finish leaves no key behind.

use kizuna_app::App;
use kizuna_domain::map::place::{PlaceFields, PlaceInput};
use kizuna_store::places::PlaceBatch;
use kizuna_store::{Backend, Store};
use kizuna_testkit::fresh_url;
use sqlx::Connection;

/// Names in some languages only, in several scripts, some that collate
/// equal, `tag` in the English ones (to rename a place on a later import).
fn fields(i: usize, tag: &str) -> PlaceFields {
    let mut f = PlaceFields {
        category: Some("restaurant".into()),
        lat: Some(3.0 + (i % 17) as f64 * 0.01),
        lon: Some(101.6 + (i % 11) as f64 * 0.01),
        assurance: Some("unknown".into()),
        source: Some(if i.is_multiple_of(2) { "staff" } else { "import" }.into()),
        source_id: Some(format!("keys-{i}")),
        ..Default::default()
    };
    if i % 6 != 5 {
        f.name_en = Some(format!(
            "{} {tag} {}",
            ["Zaytun", "amanah", "Émile", "Café"][i % 4],
            i % 9
        ));
    }
    if i.is_multiple_of(3) {
        f.name_ja = Some(["ザイトゥーン", "あまな", "カフェ", "伊藤"][i % 4].to_owned());
    }
    if i % 4 == 1 || i % 6 == 5 {
        f.name_th = Some(["ไซตูน", "คาเฟ่", "บารากา"][i % 3].to_owned());
    }
    if i % 5 == 2 {
        f.name_ms = Some(format!("Kedai {}", i % 4));
    }
    if i % 6 == 5 && i % 4 != 1 {
        f.name_id = Some("Warung".to_owned());
    }
    if i % 10 == 7 {
        f.name_ar = Some("مطعم".to_owned());
    }
    f
}

fn input(i: usize, tag: &str) -> PlaceInput {
    PlaceInput::try_from(fields(i, tag)).expect("valid")
}

/// Stream `batches` through the store's import writer; `finish`: send the
/// word to commit.
async fn stream(app: &App, batches: Vec<Vec<PlaceInput>>, finish: bool) -> Option<(usize, usize)> {
    let (tx, rx) = tokio::sync::mpsc::channel(2);
    let store = app.store.clone();
    let office = app.office_id();
    let writer = tokio::spawn(async move { store.upsert_place_stream(office, rx).await });
    for batch in batches {
        tx.send(PlaceBatch::Places(batch)).await.expect("sent");
    }
    if finish {
        tx.send(PlaceBatch::Done).await.expect("sent");
    }
    drop(tx);
    writer
        .await
        .expect("joined")
        .expect("written")
        .map(|c| (c.inserted, c.updated))
}

/// Every stored key, `(place id, order, key)`, sorted.
async fn stored_keys(backend: Backend, url: &str) -> Vec<(i64, String, Vec<u8>)> {
    let sql = "SELECT place_id, ord, sort_key FROM place_sort_keys ORDER BY place_id, ord";
    let mut rows: Vec<(i64, String, Vec<u8>)> = match backend {
        Backend::Sqlite => {
            let mut c = sqlx::SqliteConnection::connect(url).await.expect("a connection");
            sqlx::query_as(sql).fetch_all(&mut c).await.expect("keys")
        }
        Backend::Postgres => {
            let mut c = sqlx::PgConnection::connect(url).await.expect("a connection");
            sqlx::query_as(sql).fetch_all(&mut c).await.expect("keys")
        }
    };
    rows.sort();
    rows
}

/// The keys every place should have: its shown name's key in each order.
async fn wanted_keys(app: &App) -> Vec<(i64, String, Vec<u8>)> {
    let mut want = Vec::new();
    for p in app.store.all_places().await.expect("every place") {
        for (ord, lang, prefer) in kizuna_store::place_sort::ORDERS {
            let shown = p.fields.names.best(prefer).as_str();
            want.push((p.id, ord.to_owned(), kizuna_i18n::sort_key(lang, shown)));
        }
    }
    want.sort();
    want
}

async fn imports_write_the_keys_of_the_names_shown(backend: Backend) {
    let url = fresh_url(backend).await.expect("a database");
    let app = App::new(Store::open(&url).await.expect("a store"));

    // New places, in batches large enough for their keys to be made on
    // several threads, and a small last one.
    let batches = vec![
        (0..400).map(|i| input(i, "first")).collect(),
        (400..700).map(|i| input(i, "first")).collect(),
        (700..710).map(|i| input(i, "first")).collect(),
    ];
    assert_eq!(stream(&app, batches, true).await, Some((710, 0)));
    let first = stored_keys(backend, &url).await;
    assert_eq!(first.len(), 710 * kizuna_store::place_sort::ORDERS.len());
    assert_eq!(first, wanted_keys(&app).await, "new places' keys");

    // Renamed places (in a batch with new ones), places as they were, and
    // places whose only change is not a name.
    let mut renamed: Vec<PlaceInput> = (0..300).map(|i| input(i, "again")).collect();
    renamed.extend((710..800).map(|i| input(i, "again")));
    let same: Vec<PlaceInput> = (300..600).map(|i| input(i, "first")).collect();
    let moved: Vec<PlaceInput> = (600..650)
        .map(|i| {
            let mut f = fields(i, "first");
            f.lat = Some(5.5);
            PlaceInput::try_from(f).expect("valid")
        })
        .collect();
    assert_eq!(stream(&app, vec![renamed, same, moved], true).await, Some((90, 650)));
    let second = stored_keys(backend, &url).await;
    assert_eq!(second.len(), 800 * kizuna_store::place_sort::ORDERS.len());
    assert_eq!(
        second,
        wanted_keys(&app).await,
        "renamed, unchanged and new places' keys"
    );
    assert_ne!(first[..10], second[..10], "the renamed places' keys changed");

    // An import that stops before its end writes nothing, keys included.
    let stopped = vec![
        (0..300).map(|i| input(i, "stopped")).collect(),
        (900..1200).map(|i| input(i, "stopped")).collect(),
    ];
    assert_eq!(stream(&app, stopped, false).await, None);
    assert_eq!(
        stored_keys(backend, &url).await,
        second,
        "nothing of a rolled-back import"
    );

    // Every place has its keys: the lists may read them.
    assert!(app.store.place_sort_ready().await.expect("a state"));
    app.store.close().await;
}

#[tokio::test]
async fn imports_write_the_keys_of_the_names_shown_on_sqlite() {
    Box::pin(imports_write_the_keys_of_the_names_shown(Backend::Sqlite)).await;
}

#[tokio::test]
async fn imports_write_the_keys_of_the_names_shown_on_postgres() {
    Box::pin(imports_write_the_keys_of_the_names_shown(Backend::Postgres)).await;
}
