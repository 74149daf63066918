//! The lists of places read a page at a time (issue #17: a million
//! places): the staff list and the visitor's list give, page by page, the
//! places the whole-table reads they replace gave, in the same order, and
//! a place no page shows is never read whole.

use chrono::NaiveDate;
use kizuna_app::App;
use kizuna_app::map::staff::{StaffPlaceList, StaffPlaceQuery};
use kizuna_app::map::visit::visitor_order;
use kizuna_app::map::{MAX_RESULTS, PlaceFilter};
use kizuna_domain::common::{Id, LocalText};
use kizuna_domain::map::place::{Assurance, Place, PlaceCategory, PlaceFields, haversine_m};
use kizuna_i18n::Lang;
use kizuna_store::{Backend, Store};
use kizuna_testkit::fresh_url;
use sqlx::Connection;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date")
}

/// A varied map: names in some languages only, names that collate equal
/// or differ only in case and accents, Thai and Japanese names, chains
/// and branches, every category and level, verified long ago, lately,
/// on the stale day's edge, or never.
fn fields(i: usize) -> PlaceFields {
    let stems = [
        "Zaytun", "amanah", "Amanah", "Émile", "Eve", "cafe", "Café", "Baraka", "nur", "Nur",
    ];
    let categories = PlaceCategory::ALL;
    let levels = [
        "unknown",
        "self_declared",
        "pork_free",
        "vegetarian_options",
        "certified",
    ];
    let mut f = PlaceFields {
        category: Some(categories[i % categories.len()].as_str().to_owned()),
        lat: Some(43.0 + (i % 13) as f64 * 0.01),
        lon: Some(141.3 + (i % 7) as f64 * 0.013),
        assurance: Some(levels[i % levels.len()].to_owned()),
        prayer_space: Some(i.is_multiple_of(4)),
        ..Default::default()
    };
    // Some places only have names in other languages.
    if i % 6 != 5 {
        f.name_en = Some(format!("{} {} (demo)", stems[i % stems.len()], i % 9));
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
    if i % 7 == 3 {
        f.chain_en = Some("ÉCLAIR 100%_chain".to_owned());
        f.branch_ja = Some("札幌店".to_owned());
    }
    f.last_verified = match i % 6 {
        0 => None,
        1 => Some("2024-03-01".into()),
        2 => Some("2025-11-23".into()),
        3 => Some("2025-11-24".into()),
        _ => Some("2026-10-01".into()),
    };
    if f.assurance.as_deref() == Some("certified") {
        f.certifier = Some("Test Board (demo)".into());
        f.certificate_number = Some(format!("T-{i}"));
        let (from, until) = match i % 3 {
            0 => ("2024-01-01", "2026-12-10"),
            1 => ("2024-01-01", "2026-01-31"),
            _ => ("2026-12-01", "2027-12-01"),
        };
        f.certificate_valid_from = Some(from.into());
        f.certificate_valid_until = Some(until.into());
    }
    f.source = Some("staff".into());
    f.source_id = Some(format!("list-{i}"));
    f
}

const PLACES: usize = 90;

async fn map(backend: Backend) -> (String, App) {
    let url = fresh_url(backend).await.expect("a database");
    let app = App::new(Store::open(&url).await.expect("a store")).with_today(today());
    for i in 0..PLACES {
        app.create_place(fields(i)).await.expect("created");
    }
    (url, app)
}

/// Whether a lowercased needle is in a place's names, chain or branch.
fn mentions(p: &Place, needle: &str) -> bool {
    let f = &p.fields;
    f.names
        .iter()
        .chain(f.chain.iter().flat_map(LocalText::iter))
        .chain(f.branch.iter().flat_map(LocalText::iter))
        .any(|(_, s)| s.as_str().to_lowercase().contains(needle))
}

/// The staff list as it was worked out over every place read whole.
fn staff_reference(all: &[Place], q: &StaffPlaceQuery) -> Vec<Id> {
    let needle = q
        .text
        .as_deref()
        .map(|t| t.trim().to_lowercase())
        .filter(|t| !t.is_empty());
    let prefer: Vec<&str> = q.prefer.iter().map(String::as_str).collect();
    let lang = prefer.first().and_then(|c| Lang::from_code(c)).unwrap_or(Lang::En);
    let mut found: Vec<(Vec<u8>, Id)> = all
        .iter()
        .filter(|p| {
            let f = &p.fields;
            !(q.category.is_some_and(|c| c != f.category)
                || q.assurance.is_some_and(|a| a != f.halal.level())
                || (q.stale_only && !f.is_stale(today()))
                || needle.as_deref().is_some_and(|n| !mentions(p, n)))
        })
        .map(|p| (kizuna_i18n::sort_key(lang, p.fields.names.best(&prefer).as_str()), p.id))
        .collect();
    found.sort();
    found.into_iter().map(|(_, id)| id).collect()
}

/// Every page of the staff list, `size` at a time, and the totals each said.
async fn staff_pages(app: &App, q: &StaffPlaceQuery, size: usize) -> (Vec<Id>, Vec<usize>) {
    let mut ids = Vec::new();
    let mut totals = Vec::new();
    let mut offset = 0;
    loop {
        let page: StaffPlaceList = app
            .staff_places(&StaffPlaceQuery {
                offset,
                limit: size,
                ..q.clone()
            })
            .await
            .expect("a page");
        totals.push(page.total);
        if page.places.is_empty() {
            return (ids, totals);
        }
        assert!(page.places.len() <= size);
        ids.extend(page.places.iter().map(|h| h.place.id));
        offset += size;
    }
}

async fn staff_list_pages_as_the_whole_read_did(backend: Backend) {
    let (_url, app) = map(backend).await;
    let all = app.store.all_places().await.expect("every place");
    let queries = [
        StaffPlaceQuery::default(),
        StaffPlaceQuery {
            prefer: vec!["ja".into()],
            ..Default::default()
        },
        StaffPlaceQuery {
            prefer: vec!["th".into()],
            ..Default::default()
        },
        StaffPlaceQuery {
            prefer: vec!["ms".into(), "id".into()],
            ..Default::default()
        },
        StaffPlaceQuery {
            stale_only: true,
            ..Default::default()
        },
        StaffPlaceQuery {
            category: Some(PlaceCategory::Cafe),
            assurance: None,
            ..Default::default()
        },
        StaffPlaceQuery {
            assurance: Some(Assurance::Certified),
            stale_only: true,
            ..Default::default()
        },
        // Text in any case, in a name, a chain or a branch.
        StaffPlaceQuery {
            text: Some(" AMANAH ".into()),
            ..Default::default()
        },
        StaffPlaceQuery {
            text: Some("カフェ".into()),
            prefer: vec!["ja".into()],
            ..Default::default()
        },
        StaffPlaceQuery {
            text: Some("札幌".into()),
            ..Default::default()
        },
        // `%` and `_` are letters to look for, not patterns.
        StaffPlaceQuery {
            text: Some("100%_".into()),
            ..Default::default()
        },
        StaffPlaceQuery {
            text: Some("%".into()),
            ..Default::default()
        },
        // Accented capitals, which SQLite's lower() leaves alone.
        StaffPlaceQuery {
            text: Some("émile".into()),
            ..Default::default()
        },
        StaffPlaceQuery {
            text: Some("éclair".into()),
            prefer: vec!["th".into()],
            ..Default::default()
        },
        StaffPlaceQuery {
            text: Some("no such place".into()),
            ..Default::default()
        },
        // Most places match: the first pages walk the kept order, later
        // ones find the places first (Store::place_ids_by_key).
        StaffPlaceQuery {
            text: Some("(demo)".into()),
            prefer: vec!["th".into()],
            ..Default::default()
        },
    ];
    for q in &queries {
        let want = staff_reference(&all, q);
        assert!(
            q.text.as_deref() == Some("no such place") || !want.is_empty(),
            "{q:?} should find something"
        );
        // Page sizes that end exactly, leave a short last page, and one
        // page past the middle (counted from the end).
        for size in [1, 7, 10, 50, 200] {
            let (got, totals) = staff_pages(&app, q, size).await;
            assert_eq!(got, want, "{q:?}, pages of {size}: every place once, in the same order");
            assert!(
                totals.iter().all(|t| *t == want.len()),
                "{q:?}: the total on every page"
            );
        }
    }
    let every = app.staff_places(&StaffPlaceQuery::default()).await.expect("a list");
    assert_eq!(every.counts.all, PLACES);
    assert_eq!(
        every.counts.stale,
        all.iter().filter(|p| p.fields.is_stale(today())).count(),
        "never verified, or on or before 2025-11-23"
    );
    assert_eq!(
        every.counts.expiring,
        all.iter()
            .filter(|p| p.fields.certificate_expires_within(today(), 30))
            .count()
    );
    assert!(every.counts.expiring > 0 && every.counts.expired > 0);
}

#[tokio::test]
async fn staff_list_pages_as_the_whole_read_did_on_sqlite() {
    Box::pin(staff_list_pages_as_the_whole_read_did(Backend::Sqlite)).await;
}

#[tokio::test]
async fn staff_list_pages_as_the_whole_read_did_on_postgres() {
    Box::pin(staff_list_pages_as_the_whole_read_did(Backend::Postgres)).await;
}

/// The visitor's list as it was worked out over every place read whole.
async fn visitor_reference(
    app: &App,
    filter: &PlaceFilter,
    near: Option<(f64, f64)>,
    lang: Lang,
) -> Vec<(Id, Option<f64>)> {
    let hits = app.all_places(filter).await.expect("every place");
    let mut keyed: Vec<_> = hits
        .into_iter()
        .map(|mut h| {
            if let Some((lat, lon)) = near {
                let p = h.place.fields.position;
                h.distance_m = Some((haversine_m(lat, lon, p.lat(), p.lon()) * 10.0).round() / 10.0);
            }
            let name = h.place.fields.names.best(&[lang.code()]).as_str().to_owned();
            (kizuna_i18n::sort_key(lang, &name), h)
        })
        .collect();
    visitor_order(&mut keyed);
    keyed.into_iter().map(|(_, h)| (h.place.id, h.distance_m)).collect()
}

async fn visitor_list_as_the_whole_read_did(backend: Backend) {
    let (_url, app) = map(backend).await;
    let certified = PlaceFilter {
        assurances: vec![Assurance::Certified],
        ..Default::default()
    };
    let cafes_or_prayer = PlaceFilter {
        categories: vec![PlaceCategory::Cafe, PlaceCategory::Mosque],
        prayer_space: Some(true),
        ..Default::default()
    };
    for filter in [PlaceFilter::default(), certified, cafes_or_prayer] {
        for near in [None, Some((43.05, 141.33))] {
            for lang in Lang::ALL {
                let want = visitor_reference(&app, &filter, near, lang).await;
                for limit in [5, MAX_RESULTS] {
                    let (matched, hits) = app.visitor_places(&filter, near, lang, limit).await.expect("a list");
                    assert_eq!(matched, want.len(), "{filter:?} {near:?} {lang:?}");
                    let got: Vec<(Id, Option<f64>)> = hits.iter().map(|h| (h.place.id, h.distance_m)).collect();
                    assert_eq!(
                        got,
                        want[..limit.min(want.len())],
                        "{filter:?} {near:?} {lang:?} first {limit}"
                    );
                }
            }
        }
    }
}

#[tokio::test]
async fn visitor_list_as_the_whole_read_did_on_sqlite() {
    Box::pin(visitor_list_as_the_whole_read_did(Backend::Sqlite)).await;
}

#[tokio::test]
async fn visitor_list_as_the_whole_read_did_on_postgres() {
    Box::pin(visitor_list_as_the_whole_read_did(Backend::Postgres)).await;
}

/// Damage one stored place so that reading it whole fails (a category
/// no version of Kizuna wrote), as a bad import or hand edit might.
async fn damage(backend: Backend, url: &str, id: Id) {
    let sql = format!("UPDATE places SET category = 'no-such-category' WHERE id = {id}");
    match backend {
        Backend::Sqlite => {
            let mut c = sqlx::SqliteConnection::connect(url).await.expect("a connection");
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .execute(&mut c)
                .await
                .expect("damaged");
        }
        Backend::Postgres => {
            let mut c = sqlx::PgConnection::connect(url).await.expect("a connection");
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .execute(&mut c)
                .await
                .expect("damaged");
        }
    }
}

/// The lists read whole only the places they show: one damaged place
/// that no page shows breaks the whole-table read, but not the lists.
async fn lists_read_only_what_they_show(backend: Backend) {
    let url = fresh_url(backend).await.expect("a database");
    let app = App::new(Store::open(&url).await.expect("a store")).with_today(today());
    for i in 0..30 {
        app.create_place(fields(i)).await.expect("created");
    }
    let mut last = fields(1000);
    last.name_en = Some("Zzz last of all (demo)".into());
    last.name_ja = None;
    last.name_th = None;
    last.assurance = Some("unknown".into());
    last.certifier = None;
    last.certificate_number = None;
    last.certificate_valid_from = None;
    last.certificate_valid_until = None;
    last.prayer_space = Some(false);
    last.category = Some("restaurant".into());
    let damaged = app.create_place(last).await.expect("created").id;
    damage(backend, &url, damaged).await;
    assert!(
        app.store.all_places().await.is_err(),
        "reading every place whole trips over the damaged one"
    );

    let page = app
        .staff_places(&StaffPlaceQuery {
            limit: 10,
            ..Default::default()
        })
        .await
        .expect("the first page, without the damaged place");
    assert_eq!((page.total, page.places.len()), (31, 10));
    let (matched, shown) = app
        .visitor_places(&PlaceFilter::default(), None, Lang::En, 10)
        .await
        .expect("the visitor's first places");
    assert_eq!((matched, shown.len()), (31, 10));
    assert!(shown.iter().all(|h| h.place.id != damaged));
}

#[tokio::test]
async fn lists_read_only_what_they_show_on_sqlite() {
    Box::pin(lists_read_only_what_they_show(Backend::Sqlite)).await;
}

#[tokio::test]
async fn lists_read_only_what_they_show_on_postgres() {
    Box::pin(lists_read_only_what_they_show(Backend::Postgres)).await;
}

/// One number from raw SQL, on a connection of its own.
async fn scalar(backend: Backend, url: &str, sql: &str) -> i64 {
    let sql = sqlx::AssertSqlSafe(sql.to_owned());
    match backend {
        Backend::Sqlite => {
            let mut c = sqlx::SqliteConnection::connect(url).await.expect("a connection");
            sqlx::query_scalar(sql).fetch_one(&mut c).await.expect("a number")
        }
        Backend::Postgres => {
            let mut c = sqlx::PgConnection::connect(url).await.expect("a connection");
            sqlx::query_scalar(sql).fetch_one(&mut c).await.expect("a number")
        }
    }
}

/// Raw SQL that changes what the application keeps (as a hand edit would).
async fn execute(backend: Backend, url: &str, sql: &str) {
    let sql = sqlx::AssertSqlSafe(sql.to_owned());
    match backend {
        Backend::Sqlite => {
            let mut c = sqlx::SqliteConnection::connect(url).await.expect("a connection");
            sqlx::query(sql).execute(&mut c).await.expect("done");
        }
        Backend::Postgres => {
            let mut c = sqlx::PgConnection::connect(url).await.expect("a connection");
            sqlx::query(sql).execute(&mut c).await.expect("done");
        }
    }
}

/// The database's order of some byte strings, as a BLOB (SQLite) or a
/// bytea (PostgreSQL) column sorts them.
async fn database_byte_order(backend: Backend, url: &str, values: &[Vec<u8>]) -> Vec<Vec<u8>> {
    macro_rules! sorted {
        ($conn:ty, $ty:literal) => {{
            let mut c = <$conn>::connect(url).await.expect("a connection");
            sqlx::query(concat!("CREATE TEMP TABLE bytes_order (v ", $ty, " NOT NULL)"))
                .execute(&mut c)
                .await
                .expect("a table");
            for v in values {
                sqlx::query("INSERT INTO bytes_order (v) VALUES ($1)")
                    .bind(v.as_slice())
                    .execute(&mut c)
                    .await
                    .expect("a row");
            }
            sqlx::query_scalar("SELECT v FROM bytes_order ORDER BY v")
                .fetch_all(&mut c)
                .await
                .expect("rows")
        }};
    }
    match backend {
        Backend::Sqlite => sorted!(sqlx::SqliteConnection, "BLOB"),
        Backend::Postgres => sorted!(sqlx::PgConnection, "BYTEA"),
    }
}

/// The kept keys: one per place and kept order, none of places gone, each
/// the key of the place's shown name; and the database orders them as
/// bytes compare in Rust.
async fn keys_in_step(backend: Backend, url: &str, app: &App) {
    let all = app.store.all_places().await.expect("every place");
    let orders = kizuna_store::place_sort::ORDERS;
    assert_eq!(
        scalar(backend, url, "SELECT COUNT(*) FROM place_sort_keys").await,
        (all.len() * orders.len()) as i64,
        "one key per place and order"
    );
    assert_eq!(
        scalar(
            backend,
            url,
            "SELECT COUNT(*) FROM place_sort_keys k LEFT JOIN places p ON p.id = k.place_id WHERE p.id IS NULL"
        )
        .await,
        0,
        "no key of a place gone"
    );
    for (ord, lang, prefer) in orders {
        let mut want: Vec<(Vec<u8>, Id)> = all
            .iter()
            .map(|p| (kizuna_i18n::sort_key(lang, p.fields.names.best(prefer).as_str()), p.id))
            .collect();
        want.sort();
        let keys: Vec<Vec<u8>> = want.iter().map(|(k, _)| k.clone()).collect();
        // The ids in the database's order of (key, id) are the ids in Rust's.
        let mut shuffled = keys.clone();
        shuffled.reverse();
        assert_eq!(
            database_byte_order(backend, url, &shuffled).await,
            keys,
            "{ord}: the database orders the keys as bytes compare"
        );
        let staff = StaffPlaceQuery {
            prefer: prefer.iter().map(|s| (*s).to_owned()).collect(),
            ..Default::default()
        };
        let (got, _) = staff_pages(app, &staff, 13).await;
        assert_eq!(got, want.iter().map(|(_, id)| *id).collect::<Vec<_>>(), "{ord}");
    }
}

/// The lists as the whole read gives them: staff pages and the visitor's
/// first places, a few queries in each language.
async fn lists_as_the_whole_read(app: &App) {
    let all = app.store.all_places().await.expect("every place");
    for prefer in [vec![], vec!["ja"], vec!["th"], vec!["ms", "id"]] {
        for q in [
            StaffPlaceQuery::default(),
            StaffPlaceQuery {
                category: Some(PlaceCategory::Cafe),
                ..Default::default()
            },
            StaffPlaceQuery {
                text: Some("nur".into()),
                ..Default::default()
            },
        ] {
            let q = StaffPlaceQuery {
                prefer: prefer.iter().map(|s| (*s).to_owned()).collect(),
                ..q
            };
            let want = staff_reference(&all, &q);
            for size in [4, 50] {
                let (got, totals) = staff_pages(app, &q, size).await;
                assert_eq!(got, want, "{q:?} pages of {size}");
                assert!(totals.iter().all(|t| *t == want.len()));
            }
        }
    }
    let certified = PlaceFilter {
        assurances: vec![Assurance::Certified],
        ..Default::default()
    };
    for filter in [PlaceFilter::default(), certified] {
        for lang in Lang::ALL {
            let want = visitor_reference(app, &filter, None, lang).await;
            for limit in [3, MAX_RESULTS] {
                let (matched, hits) = app.visitor_places(&filter, None, lang, limit).await.expect("a list");
                assert_eq!(matched, want.len(), "{filter:?} {lang:?}");
                let got: Vec<(Id, Option<f64>)> = hits.iter().map(|h| (h.place.id, h.distance_m)).collect();
                assert_eq!(got, want[..limit.min(want.len())], "{filter:?} {lang:?} first {limit}");
            }
        }
    }
}

/// The kept sort keys follow every write — edits, imports (one at a
/// time and streamed in batches), deletes — and are made again when the
/// collation that made them is not this build's, going on from where a
/// build stopped; meanwhile the lists sort in Rust, in the same order.
async fn sort_keys_follow_the_writes(backend: Backend) {
    let (url, app) = map(backend).await;
    assert!(
        app.store.place_sort_ready().await.expect("a state"),
        "made when the store was opened"
    );
    keys_in_step(backend, &url, &app).await;
    lists_as_the_whole_read(&app).await;

    // Edits: new names in other scripts, a name taken away, levels changed.
    let all = app.store.all_places().await.expect("every place");
    for (n, p) in all.iter().take(12).enumerate() {
        let mut f = PlaceFields::from(&p.fields);
        f.name_en = match n % 3 {
            0 => Some(format!("Aaa renamed {n} (demo)")),
            1 => None,
            _ => Some(format!("zzz renamed {n} (demo)")),
        };
        f.name_th = n.is_multiple_of(2).then(|| "กมล".to_owned());
        if f.name_en.is_none() && f.name_ja.is_none() && f.name_th.is_none() && f.name_ms.is_none() {
            f.name_ja = Some("わたなべ".into());
        }
        app.update_place(p.id, p.version, f).await.expect("edited");
    }
    keys_in_step(backend, &url, &app).await;
    lists_as_the_whole_read(&app).await;

    // An import: new places, and places already recorded renamed.
    let mut inputs = Vec::new();
    for i in (1000..1025).chain(0..6) {
        let mut f = fields(i);
        if i < 6 {
            f.name_en = Some(format!("Imported again {i} (demo)"));
        }
        inputs.push(kizuna_domain::map::place::PlaceInput::try_from(f).expect("valid"));
    }
    app.upsert_places(&inputs).await.expect("imported");
    keys_in_step(backend, &url, &app).await;
    // Streamed in batches, as the console's large uploads are written.
    let (tx, rx) = tokio::sync::mpsc::channel(2);
    let store = app.store.clone();
    let office = app.office_id();
    let writer = tokio::spawn(async move { store.upsert_place_stream(office, rx).await });
    for chunk in (2000..2040).chain(6..12).collect::<Vec<_>>().chunks(9) {
        let batch = chunk
            .iter()
            .map(|i| {
                let mut f = fields(*i);
                f.name_en = Some(format!("Streamed {i} (demo)"));
                kizuna_domain::map::place::PlaceInput::try_from(f).expect("valid")
            })
            .collect();
        tx.send(kizuna_store::places::PlaceBatch::Places(batch))
            .await
            .expect("sent");
    }
    tx.send(kizuna_store::places::PlaceBatch::Done).await.expect("sent");
    writer.await.expect("joined").expect("written").expect("committed");
    app.places_changed_elsewhere().await.expect("caught up");
    keys_in_step(backend, &url, &app).await;
    lists_as_the_whole_read(&app).await;

    // Deletes take their keys with them.
    let all = app.store.all_places().await.expect("every place");
    for p in all.iter().step_by(9) {
        app.delete_place(p.id).await.expect("deleted");
    }
    keys_in_step(backend, &url, &app).await;
    lists_as_the_whole_read(&app).await;

    // Keys made by other collation data: not used, the lists sort in Rust
    // as before, until they are made again.
    execute(
        backend,
        &url,
        "UPDATE place_sort_state SET made_by = 'icu_collator 1.0 (older data)'",
    )
    .await;
    execute(backend, &url, "UPDATE place_sort_keys SET sort_key = place_sort_keys.sort_key || place_sort_keys.sort_key WHERE place_id % 2 = 0").await;
    assert!(!app.store.place_sort_ready().await.expect("a state"));
    lists_as_the_whole_read(&app).await;
    let n = app.store.all_places().await.expect("every place").len();
    assert_eq!(
        app.store.build_place_sort_keys().await.expect("made"),
        n,
        "every place again"
    );
    assert!(app.store.place_sort_ready().await.expect("a state"));
    keys_in_step(backend, &url, &app).await;
    lists_as_the_whole_read(&app).await;

    // A build stopped half way goes on from where it stopped.
    let all = app.store.all_places().await.expect("every place");
    let mid = all[all.len() / 2].id;
    execute(
        backend,
        &url,
        &format!("UPDATE place_sort_state SET built_to = {mid}, complete = 0"),
    )
    .await;
    execute(
        backend,
        &url,
        &format!("DELETE FROM place_sort_keys WHERE place_id > {mid}"),
    )
    .await;
    assert!(!app.store.place_sort_ready().await.expect("a state"));
    let after = all.iter().filter(|p| p.id > mid).count();
    assert_eq!(
        app.store.build_place_sort_keys().await.expect("made"),
        after,
        "only the rest"
    );
    assert_eq!(app.store.build_place_sort_keys().await.expect("nothing left"), 0);
    keys_in_step(backend, &url, &app).await;
    lists_as_the_whole_read(&app).await;
}

#[tokio::test]
async fn sort_keys_follow_the_writes_on_sqlite() {
    Box::pin(sort_keys_follow_the_writes(Backend::Sqlite)).await;
}

#[tokio::test]
async fn sort_keys_follow_the_writes_on_postgres() {
    Box::pin(sort_keys_follow_the_writes(Backend::Postgres)).await;
}

/// BLOB (SQLite) and bytea (PostgreSQL) sort as memcmp, the shorter of
/// two where one begins the other first: Rust's order of byte strings.
async fn bytes_sort_as_memcmp(backend: Backend) {
    let url = fresh_url(backend).await.expect("a database");
    Store::open(&url).await.expect("a store").close().await;
    let mut values: Vec<Vec<u8>> = vec![
        vec![],
        vec![0],
        vec![0, 0],
        vec![1],
        vec![1, 2],
        vec![1, 2, 3],
        vec![1, 3],
        vec![0x7f],
        vec![0x7f, 0xff],
        vec![0x80],
        vec![0xfe, 0xff],
        vec![0xff],
        vec![0xff, 0],
    ];
    values.reverse();
    let mut want = values.clone();
    want.sort();
    assert_eq!(database_byte_order(backend, &url, &values).await, want);
}

#[tokio::test]
async fn bytes_sort_as_memcmp_on_sqlite() {
    Box::pin(bytes_sort_as_memcmp(Backend::Sqlite)).await;
}

#[tokio::test]
async fn bytes_sort_as_memcmp_on_postgres() {
    Box::pin(bytes_sort_as_memcmp(Backend::Postgres)).await;
}
