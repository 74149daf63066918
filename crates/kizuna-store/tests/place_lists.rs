//! The lists' store queries on both databases (issue 17 item 2): the review
//! counts read through migration 30's indexes count what a pass over the
//! places counts; the text search finds a part of any name, chain or
//! branch in any case as Rust's `to_lowercase` and `contains` find it
//! (PostgreSQL through its trigram index, SQLite comparing the columns as
//! they are); a category's places read through its index carry what the
//! same places read by id carry.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use std::collections::BTreeSet;

use chrono::{Days, NaiveDate};
use kizuna_domain::common::{DEFAULT_OFFICE, Id};
use kizuna_domain::map::place::{Place, PlaceFields};
use kizuna_store::place_list::{PlaceListCounts, PlaceListFilter};
use kizuna_store::{Actor, Backend, Store};
use kizuna_testkit::fresh_store;

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
    let store = fresh_store(backend)
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
