//! The search index's catch-up of many changes written by another process
//! (more than one page of them: read from the store and handed to the
//! index's writer a page at a time, committed once), on SQLite and
//! PostgreSQL: every renamed place is found by its new name and no longer
//! by its old one, deleted places are gone, the rest kept — and the map's
//! index of the server, loaded, is brought up to date by it as well.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use kizuna_app::search::{Search, Searcher};
use kizuna_app::{App, ManualClock};
use kizuna_domain::map::place::{Place, PlaceFields, PlaceInput};
use kizuna_store::{Backend, Store};
use kizuna_testkit::fresh_url;

kizuna_testkit::on_both!(a_catch_up_of_many_changes_is_applied_whole);

/// A word of letters only, one for each `n` (the analysis keeps it whole).
fn word(mut n: usize) -> String {
    let mut w = String::from("q");
    for _ in 0..3 {
        w.push(char::from(b'a' + (n % 26) as u8));
        n /= 26;
    }
    w
}

fn place(n: usize, name: &str) -> PlaceInput {
    PlaceFields {
        name_en: Some(format!("{name} {}", word(n))),
        category: Some("restaurant".into()),
        lat: Some(43.0 + (n as f64) * 0.0001),
        lon: Some(141.3),
        assurance: Some("unknown".into()),
        source: Some("import".into()),
        source_id: Some(format!("c-{n}")),
        ..PlaceFields::default()
    }
    .validate()
    .unwrap()
}

/// The ids of places found for `q` by staff.
async fn found(s: &Search, app: &App, q: &str) -> Vec<i64> {
    s.search(app, Searcher::Staff, q, &["place".to_string()], "en", 20)
        .await
        .unwrap()
        .into_iter()
        .map(|h| h.id)
        .collect()
}

async fn a_catch_up_of_many_changes_is_applied_whole(backend: Backend) {
    const N: usize = 1_300;
    let url = fresh_url(backend).await.unwrap();
    let writer = App::new(Store::open(&url).await.unwrap());
    let first: Vec<PlaceInput> = (0..N).map(|n| place(n, "Alpha")).collect();
    let ids = writer.upsert_places(&first).await.unwrap().ids;

    // The server: its map index loaded, its search index built. Its clock
    // stands still, so its map index, once confirmed, is trusted without
    // asking the database again (as within half a second on a server).
    let noon = chrono::DateTime::parse_from_rfc3339("2026-11-23T12:30:00+09:00")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let server = App::new(Store::open(&url).await.unwrap()).with_clock(ManualClock::at(noon));
    let before = server.place_index().await.unwrap().version();
    let search = Search::in_memory(&server).await.unwrap();
    assert_eq!(search.len(), N as u64);

    // Another process renames 1,200 places (three pages of changes) and
    // deletes 50.
    let renamed: Vec<PlaceInput> = (0..1_200).map(|n| place(n, "Zephyrine")).collect();
    writer.upsert_places(&renamed).await.unwrap();
    for &id in &ids[1_250..] {
        writer.delete::<Place>(id).await.unwrap();
    }

    search.catch_up(&server).await.unwrap();
    assert_eq!(search.len(), 1_250);
    for n in (0..N)
        .step_by(37)
        .chain([0, 499, 500, 999, 1_000, 1_199, 1_200, 1_249, 1_250, 1_299])
    {
        let (id, w) = (ids[n], word(n));
        let new = found(&search, &server, &format!("zephyrine {w}")).await;
        let old = found(&search, &server, &format!("alpha {w}")).await;
        match n {
            0..1_200 => {
                assert_eq!(new.first(), Some(&id), "place {n} by its new name");
                assert!(!old.contains(&id), "place {n} no longer by its old name: {old:?}");
            }
            1_200..1_250 => {
                assert_eq!(old.first(), Some(&id), "place {n}, unchanged");
                assert!(!new.contains(&id));
            }
            _ => assert!(!new.contains(&id) && !old.contains(&id), "deleted place {n} gone"),
        }
    }

    // The catch-up brought the map's index to the places version first
    // (the index a visitor would be answered from, no request having asked).
    let now = server.store.system_version(kizuna_domain::System::Map).await.unwrap();
    assert!(now > before);
    assert_eq!(server.place_index().await.unwrap().version(), now);
}
