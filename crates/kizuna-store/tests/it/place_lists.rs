//! The lists' store queries on both databases (issue 17 item 2): the review
//! counts read through migration 30's indexes count what a pass over the
//! places counts; the text search finds a part of any name, chain or
//! branch in any case as Rust's `to_lowercase` and `contains` find it
//! (PostgreSQL through its trigram index, SQLite through its FTS5 trigram
//! index, migration 32, comparing the columns as they are), counted and
//! paged as a pass over the places would, after places are rewritten and
//! deleted, in a store loaded from a store file and in one upgraded to
//! migration 32; a category's places read through its index carry what the
//! same places read by id carry.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use std::collections::BTreeSet;

use chrono::{Days, NaiveDate};
use kizuna_domain::common::{DEFAULT_OFFICE, Id};
use kizuna_domain::map::place::{Place, PlaceFields};
use kizuna_store::dump::ImportOptions;
use kizuna_store::place_list::{PlaceListCounts, PlaceListFilter};
use kizuna_store::{Actor, Backend, Store};
use kizuna_testkit::fresh_url;
use sqlx::Connection as _;

const CATEGORIES: [&str; 5] = ["restaurant", "cafe", "mosque", "hotel", "halal_shop"];

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn today() -> NaiveDate {
    day("2026-11-23")
}

/// The `i`th place: names, chains and branches with cases, scripts and
/// `LIKE`'s own characters; verified around the stale day or never;
/// certificates ending around today and the expiry warning's end.
fn place(i: usize) -> PlaceFields {
    let names = [
        "Halal Grill",
        "HALAL Mart",
        "Café Nur",
        "50% Off_Shop",
        "back\\slash Kitchen",
        "Zaytun",
    ];
    let mut f = PlaceFields {
        name_en: (i % 7 != 6).then(|| format!("{} {i}", names[i % names.len()])),
        name_ja: (i.is_multiple_of(3) || i % 7 == 6).then(|| format!("ザイトゥーン{i}")),
        name_th: (i % 4 == 1).then(|| "ร้านฮาลาล".to_owned()),
        category: Some(CATEGORIES[i % CATEGORIES.len()].into()),
        chain_en: i.is_multiple_of(9).then(|| "Zam Zam Group".to_owned()),
        branch_ms: (i % 10 == 3).then(|| "Cawangan Stesen".to_owned()),
        lat: Some(43.06),
        lon: Some(141.35),
        assurance: Some(["unknown", "self_declared", "pork_free"][i % 3].into()),
        last_verified: [
            None,
            Some("2025-11-22"),
            Some("2025-11-23"),
            Some("2025-11-24"),
            Some("2026-11-01"),
        ][i % 5]
            .map(Into::into),
        source: Some("staff".into()),
        source_id: Some(format!("list-{i}")),
        ..Default::default()
    };
    if i % 4 == 2 {
        let until = [
            "2026-11-22",
            "2026-11-23",
            "2026-12-10",
            "2026-12-23",
            "2026-12-24",
            "2027-06-30",
        ][i % 6];
        f.assurance = Some("certified".into());
        f.certifier = Some("Test Board (demo)".into());
        f.certificate_number = Some(format!("T-{i}"));
        f.certificate_valid_from = Some("2024-01-01".into());
        f.certificate_valid_until = Some(until.into());
    }
    f
}

/// Every text a search looks in.
fn texts(f: &PlaceFields) -> Vec<String> {
    [
        &f.name_ja,
        &f.name_en,
        &f.name_th,
        &f.name_ms,
        &f.name_ar,
        &f.name_id,
        &f.chain_en,
        &f.chain_ja,
        &f.chain_th,
        &f.chain_ms,
        &f.branch_en,
        &f.branch_ja,
        &f.branch_th,
        &f.branch_ms,
    ]
    .into_iter()
    .flatten()
    .cloned()
    .collect()
}

async fn places(backend: Backend) -> (Store, Vec<(Id, PlaceFields)>) {
    places_at(&fresh_url(backend).await.unwrap()).await
}

/// A store at `url` holding the places [`place`] makes.
async fn places_at(url: &str) -> (Store, Vec<(Id, PlaceFields)>) {
    let store = Store::open(url)
        .await
        .unwrap()
        .acting(Actor::request(Some(3), "console", None));
    let mut out = Vec::new();
    for i in 0..90 {
        let f = place(i);
        let p = store
            .insert::<Place>(DEFAULT_OFFICE, &f.validate().unwrap())
            .await
            .unwrap();
        out.push((p.id, f));
    }
    (store, out)
}

async fn counts_as_a_pass_counts(backend: Backend) {
    let (store, places) = places(backend).await;
    let stale_by = day("2025-11-23");
    let expiring_by = today().checked_add_days(Days::new(30)).unwrap();
    let got = store.place_list_counts(today(), stale_by, expiring_by).await.unwrap();
    let mut want = PlaceListCounts {
        all: 90,
        ..Default::default()
    };
    for (_, f) in &places {
        if f.last_verified.as_deref().is_none_or(|d| day(d) <= stale_by) {
            want.stale += 1;
        }
        if let Some(until) = f.certificate_valid_until.as_deref().map(day) {
            if until < today() {
                want.expired += 1;
            } else if until <= expiring_by {
                want.expiring += 1;
            }
        }
    }
    assert_eq!(got, want);
    assert!(want.stale > 0 && want.expiring > 0 && want.expired > 0, "{want:?}");
    // The list of stale places counts the same places.
    let stale = PlaceListFilter {
        verified_by: Some(stale_by),
        ..Default::default()
    };
    assert_eq!(store.count_place_list(&stale).await.unwrap(), Some(want.stale));
}

async fn text_search_finds_what_rust_finds(backend: Backend) {
    let (store, places) = places(backend).await;
    store.build_place_sort_keys().await.unwrap();
    for needle in [
        "halal",
        "HALAL",
        " grill 1",
        "50%",
        "_",
        "%",
        "\\",
        "k\\slash",
        "ザイ",
        "トゥーン1",
        "ฮาลาล",
        "zam zam",
        "stesen",
        "nur",
        "cafe",
        "a\u{1f}b",
        "nowhere at all",
    ] {
        let want: BTreeSet<Id> = places
            .iter()
            .filter(|(_, f)| {
                let n = needle.trim().to_lowercase();
                texts(f).iter().any(|t| t.to_lowercase().contains(&n))
            })
            .map(|(id, _)| *id)
            .collect();
        for category in [None, Some("cafe")] {
            let filter = PlaceListFilter {
                text: Some(needle.to_owned()),
                category: category.map(Into::into),
                ..Default::default()
            };
            let want: BTreeSet<Id> = want
                .iter()
                .copied()
                .filter(|id| {
                    category.is_none_or(|c| places.iter().any(|(p, f)| p == id && f.category.as_deref() == Some(c)))
                })
                .collect();
            let total = store.count_place_list(&filter).await.unwrap();
            assert_eq!(total, Some(want.len() as i64), "{needle:?} in {category:?}");
            let ids = store
                .place_ids_by_key(&filter, "en", want.len() as i64, 0, 1_000)
                .await
                .unwrap()
                .unwrap();
            assert_eq!(
                ids.iter().copied().collect::<BTreeSet<Id>>(),
                want,
                "{needle:?} in {category:?}"
            );
            assert_eq!(ids.len(), want.len(), "each place once");
        }
    }
    // A needle with other cased letters is left to Rust.
    let accented = PlaceListFilter {
        text: Some("CAFÉ".into()),
        ..Default::default()
    };
    assert_eq!(store.count_place_list(&accented).await.unwrap(), None);
}

/// The places whose texts hold `needle` as Rust's `to_lowercase` and
/// `contains` find it (what the list promises), among `places`.
fn holding(places: &[(Id, PlaceFields)], needle: &str) -> BTreeSet<Id> {
    let n = needle.trim().to_lowercase();
    places
        .iter()
        .filter(|(_, f)| texts(f).iter().any(|t| t.to_lowercase().contains(&n)))
        .map(|(id, _)| *id)
        .collect()
}

/// Needles in the four languages, of one to many characters, with `LIKE`'s
/// and FTS5's own characters, for the places of [`place`] and [`rewrite`].
const NEEDLES: [&str; 28] = [
    "halal",
    "HaLaL",
    "halal grill 1",
    "grill",
    "kebab istana",
    "istana",
    "ฮาลาล",
    "ร้านอาหาร",
    "ザイトゥーン",
    "トゥーン1",
    "ケバブ",
    "kedai makan",
    "cawangan",
    "zam zam",
    "50%",
    "% off_",
    "k\\slash",
    "\"halal\"",
    "say \"",
    "nur",
    // Shorter than a trigram: every place read, as before.
    "al",
    "ザイ",
    "_",
    "%",
    "\\",
    "\"",
    "a\u{1f}b",
    "nowhere at all",
];

/// The `i`th place as a staff member rewrites it: other names in other
/// languages (a quote among them), names taken away, a chain added.
fn rewrite(i: usize, mut f: PlaceFields) -> PlaceFields {
    match i % 4 {
        0 => {
            f.name_en = Some(format!("Kebab Istana {i}"));
            f.name_ja = Some(format!("ケバブ・イスタナ{i}"));
        }
        1 => {
            f.name_th = Some("ร้านอาหารฮาลาล".to_owned());
            f.name_ms = Some(format!("Kedai Makan Say \"Halal\" {i}"));
        }
        2 => {
            f.name_ja = None;
            f.name_th = None;
            f.name_ms = Some(format!("Kedai Makan {i}"));
        }
        _ => f.chain_ms = Some("Zam Zam Kumpulan".to_owned()),
    }
    f
}

/// After places are rewritten and deleted, a text search counts, pages by
/// id and pages in the kept order exactly the places holding the text in
/// the order of every place, whatever the needle; on SQLite the trigram
/// index (migration 32) stays that of the places.
async fn text_search_follows_writes(backend: Backend) {
    let url = fresh_url(backend).await.unwrap();
    let (store, places) = written_places(&url).await;
    same_as_a_pass(&store, &places).await;
    assert_eq!(store.integrity_check().await.unwrap(), Vec::<String>::new());
    index_in_step(&url).await;
}

/// On SQLite, FTS5's own check that the trigram index holds the texts of
/// the places and nothing else (rank 1: set against the places).
async fn index_in_step(url: &str) {
    if !url.starts_with("sqlite:") {
        return;
    }
    let mut c = sqlx::SqliteConnection::connect(url).await.unwrap();
    sqlx::query("INSERT INTO places_text (places_text, rank) VALUES ('integrity-check', 1)")
        .execute(&mut c)
        .await
        .expect("the trigram index holds what the places hold");
    c.close().await.unwrap();
}

/// The places of [`places_at`], a third rewritten ([`rewrite`]) and a fifth
/// deleted, with their sort keys; what the store holds.
async fn written_places(url: &str) -> (Store, Vec<(Id, PlaceFields)>) {
    let (store, mut places) = places_at(url).await;
    for (i, (id, f)) in places.iter_mut().enumerate() {
        if i % 3 == 1 {
            let version = store.get::<Place>(*id).await.unwrap().version;
            *f = rewrite(i, f.clone());
            store
                .update::<Place>(*id, version, &f.validate().unwrap())
                .await
                .unwrap();
        }
    }
    let mut kept = Vec::new();
    for (i, (id, f)) in places.into_iter().enumerate() {
        if i % 5 == 4 {
            store.delete::<Place>(id).await.unwrap();
        } else {
            kept.push((id, f));
        }
    }
    store.build_place_sort_keys().await.unwrap();
    (store, kept)
}

/// A store file carries no trigram index (nor its shadow tables): a SQLite
/// store loaded from one, replacing other places, finds exactly the places
/// loaded, whichever database wrote the file.
async fn an_imported_store_finds_what_it_holds(source: Backend) {
    let (from, places) = written_places(&fresh_url(source).await.unwrap()).await;
    let mut file = Vec::new();
    from.export_all(&mut file, &mut |_| {}).await.unwrap();
    let text = String::from_utf8(file.clone()).unwrap();
    assert!(text.contains("{\"table\":\"places\""), "the places are in the file");
    assert!(!text.contains("places_text"), "the index is not");

    let url = fresh_url(Backend::Sqlite).await.unwrap();
    let (to, before) = places_at(&url).await;
    assert!(!holding(&before, "halal").is_empty());
    to.import_all(
        &mut std::io::BufReader::new(file.as_slice()),
        ImportOptions { replace: true },
        &mut |_| {},
    )
    .await
    .unwrap();
    same_as_a_pass(&to, &places).await;
    index_in_step(&url).await;
    // Written to after the load, the index follows (its triggers are back).
    let (id, f) = &places[0];
    let version = to.get::<Place>(*id).await.unwrap().version;
    let mut renamed = f.clone();
    renamed.name_en = Some("Rumah Makan Padang".into());
    to.update::<Place>(*id, version, &renamed.validate().unwrap())
        .await
        .unwrap();
    let padang = PlaceListFilter {
        text: Some("makan padang".into()),
        ..Default::default()
    };
    assert_eq!(to.count_place_list(&padang).await.unwrap(), Some(1));
    index_in_step(&url).await;
}

/// Migration 32 indexes the places a store already holds: a store whose
/// places were written before it ran finds them all.
#[tokio::test]
async fn migration_32_indexes_the_places_already_recorded() {
    let url = fresh_url(Backend::Sqlite).await.unwrap();
    let (store, places) = written_places(&url).await;
    store.close().await;
    let mut c = sqlx::SqliteConnection::connect(&url).await.unwrap();
    for undo in [
        "DROP TRIGGER places_text_insert",
        "DROP TRIGGER places_text_update",
        "DROP TRIGGER places_text_delete",
        "DROP TABLE places_text",
        "DELETE FROM _sqlx_migrations WHERE version = 32",
    ] {
        sqlx::query(undo).execute(&mut c).await.unwrap();
    }
    c.close().await.unwrap();
    let store = Store::open(&url).await.unwrap();
    same_as_a_pass(&store, &places).await;
    index_in_step(&url).await;
}

/// What [`text_search_follows_writes`] checks, for `store` holding `places`.
async fn same_as_a_pass(store: &Store, places: &[(Id, PlaceFields)]) {
    let all = i64::try_from(places.len()).unwrap();
    let every = PlaceListFilter::default();
    assert_eq!(store.count_place_list(&every).await.unwrap(), Some(all));
    let in_order = store
        .place_ids_by_key(&every, "en", all, 0, 1_000)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(in_order.len(), places.len());
    for needle in NEEDLES {
        let want = holding(places, needle);
        let want_in_order: Vec<Id> = in_order.iter().copied().filter(|id| want.contains(id)).collect();
        let filter = PlaceListFilter {
            text: Some(needle.to_owned()),
            ..Default::default()
        };
        let total = store.count_place_list(&filter).await.unwrap();
        assert_eq!(total, Some(want.len() as i64), "{needle:?}");
        let n = want.len();
        for (offset, limit) in [(0, 1), (0, 4), (4, 4), (n.saturating_sub(3), 4), (n / 2, 3), (0, 1_000)] {
            let page = store
                .place_ids_by_key(&filter, "en", n as i64, offset, limit)
                .await
                .unwrap()
                .unwrap();
            let end = (offset + limit).min(n);
            assert_eq!(
                page,
                want_in_order[offset.min(end)..end],
                "{needle:?}: page at {offset} of {limit}"
            );
        }
        let mut by_id = Vec::new();
        let mut after = 0;
        loop {
            let (page, next) = store.place_names_after(&filter, &["en"], after, 7).await.unwrap();
            by_id.extend(page.iter().map(|p| p.id));
            match next {
                Some(id) => after = id,
                None => break,
            }
        }
        assert_eq!(by_id, want.iter().copied().collect::<Vec<Id>>(), "{needle:?} by id");
    }
}

async fn a_category_read_through_its_index(backend: Backend) {
    let (store, places) = places(backend).await;
    store.build_place_sort_keys().await.unwrap();
    for categories in [&["mosque"][..], &["mosque", "hotel"], &["prayer_room"]] {
        let ids: Vec<Id> = places
            .iter()
            .filter(|(_, f)| categories.contains(&f.category.as_deref().unwrap()))
            .map(|(id, _)| *id)
            .collect();
        assert_eq!(
            store.count_in_categories(categories).await.unwrap(),
            ids.len() as i64,
            "{categories:?}"
        );
        for ord in ["en", "ja", "ms,id"] {
            let mut by_category = store.place_marks_keyed_in(ord, categories).await.unwrap();
            let mut by_id = store.place_marks_keyed(ord, &ids).await.unwrap();
            by_category.sort_by_key(|(_, m)| m.id);
            by_id.sort_by_key(|(_, m)| m.id);
            assert_eq!(by_category, by_id, "{categories:?} in {ord}");
            assert_eq!(by_category.len(), ids.len());
        }
    }
}

#[tokio::test]
async fn counts_as_a_pass_counts_on_sqlite() {
    counts_as_a_pass_counts(Backend::Sqlite).await;
}

#[tokio::test]
async fn counts_as_a_pass_counts_on_postgres() {
    counts_as_a_pass_counts(Backend::Postgres).await;
}

#[tokio::test]
async fn text_search_finds_what_rust_finds_on_sqlite() {
    text_search_finds_what_rust_finds(Backend::Sqlite).await;
}

#[tokio::test]
async fn text_search_finds_what_rust_finds_on_postgres() {
    text_search_finds_what_rust_finds(Backend::Postgres).await;
}

#[tokio::test]
async fn a_category_read_through_its_index_on_sqlite() {
    a_category_read_through_its_index(Backend::Sqlite).await;
}

#[tokio::test]
async fn a_category_read_through_its_index_on_postgres() {
    a_category_read_through_its_index(Backend::Postgres).await;
}

#[tokio::test]
async fn text_search_follows_writes_on_sqlite() {
    text_search_follows_writes(Backend::Sqlite).await;
}

#[tokio::test]
async fn text_search_follows_writes_on_postgres() {
    text_search_follows_writes(Backend::Postgres).await;
}

#[tokio::test]
async fn an_imported_store_finds_what_it_holds_from_sqlite() {
    an_imported_store_finds_what_it_holds(Backend::Sqlite).await;
}

#[tokio::test]
async fn an_imported_store_finds_what_it_holds_from_postgres() {
    an_imported_store_finds_what_it_holds(Backend::Postgres).await;
}
