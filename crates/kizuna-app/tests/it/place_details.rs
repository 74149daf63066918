//! The places a server keeps for its searches (`map::details`): a place
//! changed or deleted is never answered as it was once the server's index
//! knows of the change — at once for the server's own writes; for another
//! server's, after it asks the database (`PLACES_RECHECK`) or hears the
//! change feed — on SQLite and on PostgreSQL. Every answer is compared with
//! that of a server started afresh on the same database (no places kept).

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use std::time::Duration;

use chrono::{DateTime, Utc};
use kizuna_app::map::{PLACES_RECHECK, PlaceFilter, PlaceHit};
use kizuna_app::{App, Clock as _, ManualClock};
use kizuna_domain::System;
use kizuna_domain::map::place::{PlaceFields, PlaceInput};
use kizuna_store::notify::Notice;
use kizuna_store::{Backend, Store};
use kizuna_testkit::fresh_url;

kizuna_testkit::on_both!(
    own_changes_are_answered_at_once,
    another_servers_changes_are_answered_once_the_index_knows_them,
    a_place_read_while_it_changes_is_not_kept_older,
);

fn noon() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-23T12:30:00+09:00")
        .unwrap()
        .with_timezone(&Utc)
}

fn place(n: usize) -> PlaceInput {
    PlaceFields {
        name_en: Some(format!("Place {n}")),
        category: Some(["restaurant", "cafe", "mosque"][n % 3].into()),
        assurance: Some("unknown".into()),
        lat: Some(43.0 + (n % 40) as f64 * 0.001),
        lon: Some(141.3 + (n / 40) as f64 * 0.001),
        opening_hours: n.is_multiple_of(2).then(|| "Mo-Su 10:00-20:00".into()),
        source: Some("import".into()),
        source_id: Some(format!("d-{n}")),
        ..PlaceFields::default()
    }
    .validate()
    .unwrap()
}

const AT: (f64, f64) = (43.0052, 141.3003);

/// What a search near [`AT`] answers, as JSON (the bytes the API writes).
async fn nearest(app: &App, k: usize) -> String {
    let hits = app
        .nearest_places(AT.0, AT.1, k, &PlaceFilter::default())
        .await
        .unwrap();
    json(&hits)
}

fn json(hits: &[PlaceHit]) -> String {
    let mut out = Vec::new();
    for h in hits {
        kizuna_app::map::details::write_hit(&mut out, h).unwrap();
        out.push(b'\n');
    }
    let plain: Vec<String> = hits.iter().map(|h| serde_json::to_string(h).unwrap()).collect();
    let out = String::from_utf8(out).unwrap();
    assert_eq!(out, plain.iter().map(|l| format!("{l}\n")).collect::<String>());
    out
}

/// The same search on a server that keeps no places yet (a fresh start).
async fn fresh_answer(url: &str, clock: Option<DateTime<Utc>>, k: usize) -> String {
    let app = App::new(Store::open(url).await.unwrap());
    let app = match clock {
        Some(at) => app.with_clock(ManualClock::at(at)),
        None => app,
    };
    app.place_index().await.unwrap();
    nearest(&app, k).await
}

/// A server whose index is loaded, with the places near [`AT`] kept.
async fn warm(url: &str, clock: Option<ManualClock>) -> App {
    let app = App::new(Store::open(url).await.unwrap());
    let app = match clock {
        Some(c) => app.with_clock(c),
        None => app,
    };
    app.place_index().await.unwrap();
    nearest(&app, 50).await;
    app
}

/// Rename, move next to [`AT`] and delete places, as `writer`.
async fn change(writer: &App, ids: &[i64]) -> (i64, i64) {
    let (renamed, deleted) = (ids[3], ids[5]);
    let hit = writer.place(renamed).await.unwrap();
    let mut f = PlaceFields::from(hit.place.fields.clone());
    f.name_en = Some("Renamed and moved".into());
    f.lat = Some(AT.0);
    f.lon = Some(AT.1);
    writer.update_place(renamed, hit.place.version, f).await.unwrap();
    writer.delete_place(deleted).await.unwrap();
    (renamed, deleted)
}

fn shows(answer: &str, id: i64) -> bool {
    answer.contains(&format!("\"id\":{id},"))
}

async fn own_changes_are_answered_at_once(backend: Backend) {
    let url = fresh_url(backend).await.unwrap();
    let clock = ManualClock::at(noon());
    let seed = App::new(Store::open(&url).await.unwrap()).with_clock(clock.clone());
    let ids = seed
        .upsert_places(&(0..400).map(place).collect::<Vec<_>>())
        .await
        .unwrap()
        .ids;
    let app = warm(&url, Some(clock.clone())).await;
    let before = nearest(&app, 50).await;
    assert!(shows(&before, ids[5]), "the place to delete is near: {before}");
    // The places answered are kept, with their JSON.
    assert_eq!(before, fresh_answer(&url, Some(noon()), 50).await);

    // The clock stands still: only the server's own writes can tell it.
    let (renamed, deleted) = change(&app, &ids).await;
    let after = nearest(&app, 50).await;
    assert!(after.contains("Renamed and moved"), "{after}");
    assert!(after.starts_with("{\"name\":\"Renamed and moved\",\"distance_m\":0.0,"));
    assert!(shows(&after, renamed) && !shows(&after, deleted), "{after}");
    assert_eq!(after, fresh_answer(&url, Some(noon()), 50).await);
    // A place answered alone, and the staff's review, read it as it is.
    assert_eq!(app.place(renamed).await.unwrap().name, "Renamed and moved");
    let all = app.all_places(&PlaceFilter::default()).await.unwrap();
    assert_eq!(all.len(), 399);
    assert!(!all.iter().any(|h| h.place.id == deleted));
}

async fn another_servers_changes_are_answered_once_the_index_knows_them(backend: Backend) {
    let url = fresh_url(backend).await.unwrap();
    let clock = ManualClock::at(noon());
    let seed = App::new(Store::open(&url).await.unwrap()).with_clock(clock.clone());
    let ids = seed
        .upsert_places(&(0..400).map(place).collect::<Vec<_>>())
        .await
        .unwrap()
        .ids;
    let app = warm(&url, Some(clock.clone())).await;
    let before = nearest(&app, 50).await;

    // Another server writes; this one trusts its index until it asks again.
    let other = App::new(Store::open(&url).await.unwrap()).with_clock(ManualClock::at(noon()));
    let (renamed, deleted) = change(&other, &ids).await;
    clock.advance(PLACES_RECHECK + chrono::TimeDelta::milliseconds(1));
    let after = nearest(&app, 50).await;
    assert_ne!(after, before);
    assert!(shows(&after, renamed) && !shows(&after, deleted), "{after}");
    assert_eq!(after, fresh_answer(&url, Some(clock.now()), 50).await);

    // Once more, renamed in place (same position: the index's answer is
    // the same ids, only the place kept can be stale).
    let hit = other.place(renamed).await.unwrap();
    let mut f = PlaceFields::from(hit.place.fields.clone());
    f.name_en = Some("Renamed again".into());
    other.update_place(renamed, hit.place.version, f).await.unwrap();
    clock.advance(PLACES_RECHECK + chrono::TimeDelta::milliseconds(1));
    let again = nearest(&app, 50).await;
    assert!(again.contains("\"name\":\"Renamed again\""), "{again}");
    assert!(!again.contains("Renamed and moved"), "{again}");
    assert_eq!(again, fresh_answer(&url, Some(clock.now()), 50).await);
}

async fn a_place_read_while_it_changes_is_not_kept_older(backend: Backend) {
    // Many searches while another server renames places over and over:
    // once the index knows the last change, no search answers an older name.
    let url = fresh_url(backend).await.unwrap();
    let clock = ManualClock::at(noon());
    let seed = App::new(Store::open(&url).await.unwrap()).with_clock(clock.clone());
    let ids = seed
        .upsert_places(&(0..200).map(place).collect::<Vec<_>>())
        .await
        .unwrap()
        .ids;
    let app = warm(&url, Some(clock.clone())).await;
    let other = App::new(Store::open(&url).await.unwrap()).with_clock(ManualClock::at(noon()));
    for round in 0..6 {
        // The writes and the searches take turns at every wait of either.
        let writes = async {
            for &id in &ids[..20] {
                let hit = other.place(id).await.unwrap();
                let mut f = PlaceFields::from(hit.place.fields.clone());
                f.name_en = Some(format!("Round {round} of {id}"));
                other.update_place(id, hit.place.version, f).await.unwrap();
            }
        };
        let searches = async {
            for _ in 0..8 {
                clock.advance(chrono::TimeDelta::milliseconds(100));
                nearest(&app, 100).await;
            }
        };
        tokio::join!(writes, searches);
    }
    clock.advance(PLACES_RECHECK + chrono::TimeDelta::milliseconds(1));
    let last = nearest(&app, 100).await;
    assert_eq!(last, fresh_answer(&url, Some(clock.now()), 100).await);
    let all = app.all_places(&PlaceFilter::default()).await.unwrap();
    for h in all.iter().filter(|h| ids[..20].contains(&h.place.id)) {
        assert_eq!(h.name, format!("Round 5 of {}", h.place.id));
    }
}

/// The change feed (PostgreSQL's NOTIFY, as `kizuna serve` follows it):
/// another server's write is answered once the notice is acted on, with no
/// request waiting for the recheck.
#[tokio::test]
async fn another_servers_changes_heard_on_the_feed_are_answered() {
    let url = fresh_url(Backend::Postgres).await.unwrap();
    let seed = App::new(Store::open(&url).await.unwrap());
    let ids = seed
        .upsert_places(&(0..400).map(place).collect::<Vec<_>>())
        .await
        .unwrap()
        .ids;
    let app = warm(&url, None).await;
    let mut feed = app.store.follow_changes().expect("PostgreSQL has a change feed");
    // Listening before the write.
    loop {
        match tokio::time::timeout(Duration::from_secs(10), feed.recv())
            .await
            .unwrap()
        {
            Some(Notice::Listening) => break,
            Some(_) => {}
            None => panic!("the feed ended"),
        }
    }
    let other = App::new(Store::open(&url).await.unwrap());
    let (renamed, deleted) = change(&other, &ids).await;
    let version = other.store.system_version(System::Map).await.unwrap();
    loop {
        match tokio::time::timeout(Duration::from_secs(10), feed.recv())
            .await
            .unwrap()
        {
            Some(Notice::Changed {
                system: System::Map,
                version: v,
            }) if v >= version => break,
            Some(_) => {}
            None => panic!("the feed ended"),
        }
    }
    app.places_changed_elsewhere().await.unwrap();
    let after = nearest(&app, 50).await;
    assert!(after.contains("Renamed and moved"), "{after}");
    assert!(shows(&after, renamed) && !shows(&after, deleted), "{after}");
    assert_eq!(after, fresh_answer(&url, None, 50).await);
}
