//! The places of the map's index kept on disk (`map::records_file`): a
//! search answers the places its index found from their records, byte for
//! byte what a server reading the store answers, for every kind of search
//! and filter, after updates, deletes and a rebuild of the index; a place
//! changed after the index was built answers as it is now; and a server
//! that cannot make its file answers from the store — on SQLite and on
//! PostgreSQL.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use chrono::{DateTime, Utc};
use kizuna_app::map::{Area, BBox, PLACES_RECHECK, PlaceFilter, PlaceHit, PlaceReads};
use kizuna_app::{App, ManualClock};
use kizuna_domain::map::place::{LatLon, PlaceFields, PlaceInput};
use kizuna_store::{Backend, Store};
use kizuna_testkit::fresh_url;

kizuna_testkit::on_both!(
    answers_from_disk_are_those_of_the_store,
    a_place_changed_after_the_build_answers_as_it_is_now,
    a_server_that_cannot_make_its_file_answers_from_the_store,
);

fn noon() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-23T12:30:00+09:00")
        .unwrap()
        .with_timezone(&Utc)
}

/// A place with many of its fields given, varying with `n` (and `tag` in
/// its texts, so that a rewrite changes them).
fn place(n: usize, tag: &str) -> PlaceInput {
    let (lat, lon) = match n % 4 {
        0 | 1 => (43.0 + (n % 97) as f64 * 0.002, 141.3 + (n % 89) as f64 * 0.003),
        2 => (35.6 + (n % 83) as f64 * 0.002, 139.6 + (n % 79) as f64 * 0.003),
        _ => (43.05, 141.35),
    };
    let certified = n.is_multiple_of(5);
    let mosque = n % 6 == 2;
    PlaceFields {
        name_en: (!n.is_multiple_of(7)).then(|| format!("Place {n} {tag}")),
        name_ja: Some(format!("場所 \"{n}\" \\ {tag}\n")),
        name_th: n.is_multiple_of(3).then(|| format!("สถานที่ {n}")),
        name_ms: n.is_multiple_of(4).then(|| format!("Tempat {n}")),
        category: Some(
            if mosque {
                "mosque"
            } else {
                ["restaurant", "cafe", "grocery"][n % 3]
            }
            .into(),
        ),
        chain_en: n.is_multiple_of(11).then(|| "Chain".into()),
        address: Some(format!("{n} Kita-ku </script> {tag}")),
        lat: Some(lat),
        lon: Some(lon),
        assurance: Some(
            if certified {
                "certified"
            } else {
                ["unknown", "pork_free", "self_declared"][n % 3]
            }
            .into(),
        ),
        certifier: certified.then(|| "Test Halal Body".into()),
        certificate_number: certified.then(|| format!("T-{n}")),
        certificate_valid_from: certified.then(|| "2026-01-01".into()),
        certificate_valid_until: certified.then(|| ["2026-12-10", "2027-12-31", "2026-06-30"][n % 3].into()),
        alcohol_served: (!n.is_multiple_of(3)).then_some(n.is_multiple_of(2)),
        prayer_space: Some(n.is_multiple_of(7) || mosque),
        wudu: mosque.then_some(true),
        jumuah_time: mosque.then(|| "12:15".into()),
        jumuah_note_en: mosque.then(|| format!("Sermon {tag}")),
        payment: n.is_multiple_of(2).then(|| "qr_code; cash".into()),
        price_range: Some(1 + (n % 4) as i64),
        opening_hours: (!n.is_multiple_of(3)).then(|| ["Mo-Su 10:00-20:00", "Mo-Fr 14:00-22:00"][n % 2].into()),
        last_verified: n.is_multiple_of(2).then(|| "2026-10-01".into()),
        description_en: n.is_multiple_of(5).then(|| format!("A place to eat, {tag}. ✓")),
        source: Some("import".into()),
        source_id: Some(format!("r-{n}")),
        ..PlaceFields::default()
    }
    .validate()
    .unwrap()
}

fn filters() -> Vec<PlaceFilter> {
    vec![
        PlaceFilter::default(),
        PlaceFilter::parse(Some("mosque,cafe"), None, None, None, None).unwrap(),
        PlaceFilter::parse(None, Some("certified"), Some("false"), Some("true"), None).unwrap(),
    ]
}

const FROM: [(f64, f64); 3] = [(43.05, 141.35), (35.7, 139.7), (10.0, 100.0)];

/// Search results as the API writes them, one line each.
fn json(hits: &[PlaceHit]) -> String {
    let mut out = Vec::new();
    for h in hits {
        kizuna_app::map::details::write_hit(&mut out, h).unwrap();
        out.push(b'\n');
    }
    let out = String::from_utf8(out).unwrap();
    let plain: String = hits
        .iter()
        .map(|h| format!("{}\n", serde_json::to_string(h).unwrap()))
        .collect();
    assert_eq!(out, plain);
    out
}

/// What every kind of search answers, as JSON.
async fn answers(app: &App) -> Vec<String> {
    let mut out = Vec::new();
    for f in filters() {
        for (lat, lon) in FROM {
            out.push(json(&app.nearest_places(lat, lon, 40, &f).await.unwrap()));
            out.push(json(&app.places_within_radius(lat, lon, 9_000.0, &f).await.unwrap()));
            let at = LatLon::new(lat, lon).unwrap();
            let (total, page) = app
                .search_places(Area::Radius { at, metres: 30_000.0 }, &f, 5, 20)
                .await
                .unwrap();
            out.push(format!("{total}\n{}", json(&page)));
        }
        let b = BBox::new(141.25, 43.0, 141.4, 43.1).unwrap();
        out.push(json(&app.places_within_bbox(b, &f).await.unwrap()));
        out.push(json(&app.all_places(&f).await.unwrap()));
    }
    out
}

/// A server on `url` at noon whose index is loaded; `disk`: whether it
/// keeps places on disk (the default) or reads them from the store.
async fn server(url: &str, disk: bool) -> App {
    let app = App::new(Store::open(url).await.unwrap()).with_clock(ManualClock::at(noon()));
    if !disk {
        app.keep_map_places_in(None);
    }
    app.place_index().await.unwrap();
    app
}

/// The answers of a server reading every place from the store, started afresh.
async fn from_the_store(url: &str) -> Vec<String> {
    let app = server(url, false).await;
    let got = answers(&app).await;
    assert_eq!(app.map_place_reads().disk, 0);
    got
}

/// Places read from disk and from the store between two counts.
fn reads_between(before: PlaceReads, after: PlaceReads) -> (u64, u64) {
    (after.disk - before.disk, after.store - before.store)
}

async fn answers_from_disk_are_those_of_the_store(backend: Backend) {
    let url = fresh_url(backend).await.unwrap();
    let seed = App::new(Store::open(&url).await.unwrap());
    let mut ids = seed
        .upsert_places(&(0..600).map(|n| place(n, "first")).collect::<Vec<_>>())
        .await
        .unwrap()
        .ids;
    let app = server(&url, true).await;
    let before = app.map_place_reads();
    let got = answers(&app).await;
    let (disk, store) = reads_between(before, app.map_place_reads());
    assert!(disk > 1000, "the places found are read from disk: {disk}");
    assert_eq!(store, 0, "and none from the store");
    assert_eq!(got, from_the_store(&url).await);

    // Updates, deletes and new places, by this server and another: the
    // index catches up, writing the new versions to its file.
    let other = App::new(Store::open(&url).await.unwrap());
    for round in 0..3 {
        let writer = if round % 2 == 0 { &app } else { &other };
        let changed: Vec<PlaceInput> = (0..600)
            .filter(|n| n % 7 == round)
            .map(|n| place(n, &format!("round {round}")))
            .collect();
        writer.upsert_places(&changed).await.unwrap();
        for id in ids.drain(..5) {
            writer.delete_place(id).await.unwrap();
        }
        let new: Vec<PlaceInput> = (0..20).map(|n| place(1000 + 20 * round + n, "new")).collect();
        writer.upsert_places(&new).await.unwrap();
        app.place_index_caught_up().await.unwrap();
        let before = app.map_place_reads();
        let got = answers(&app).await;
        let (disk, store) = reads_between(before, app.map_place_reads());
        assert!(
            disk > 1000 && store == 0,
            "round {round}: {disk} from disk, {store} from the store"
        );
        assert!(got.iter().any(|a| a.contains(&format!("round {round}"))));
        assert_eq!(got, from_the_store(&url).await, "round {round}");
    }
    let updated = app.place_index().await.unwrap();
    assert!(updated.updates_since_build() >= 3);

    // So many changes at once that the index is built afresh, in a new file.
    let many: Vec<PlaceInput> = (0..1200).map(|n| place(n, "many")).collect();
    other.upsert_places(&many).await.unwrap();
    app.place_index_caught_up().await.unwrap();
    let rebuilt = app.place_index().await.unwrap();
    assert_eq!(rebuilt.updates_since_build(), 0, "built afresh");
    let before = app.map_place_reads();
    let got = answers(&app).await;
    let (disk, store) = reads_between(before, app.map_place_reads());
    // Only more than a page of results (every place, unfiltered) is read
    // from the store.
    let everything = app.all_places(&PlaceFilter::default()).await.unwrap().len();
    assert!(everything > 1000);
    assert!(
        disk > 1000 && store == everything as u64,
        "{disk} from disk, {store} from the store"
    );
    assert!(got.iter().any(|a| a.contains("many")));
    assert_eq!(got, from_the_store(&url).await);
}

async fn a_place_changed_after_the_build_answers_as_it_is_now(backend: Backend) {
    let url = fresh_url(backend).await.unwrap();
    let clock = ManualClock::at(noon());
    let seed = App::new(Store::open(&url).await.unwrap());
    let ids = seed
        .upsert_places(&(0..200).map(|n| place(n, "first")).collect::<Vec<_>>())
        .await
        .unwrap()
        .ids;
    let app = App::new(Store::open(&url).await.unwrap()).with_clock(clock.clone());
    app.place_index().await.unwrap();
    let (lat, lon) = FROM[0];
    let all = PlaceFilter::default();
    let first = json(&app.nearest_places(lat, lon, 100, &all).await.unwrap());
    let target = ids[3];
    assert!(first.contains(&format!("\"id\":{target},")), "{first}");

    // Renamed where it stands (the same ids found: only details differ),
    // by another server, then by this one.
    let other = App::new(Store::open(&url).await.unwrap());
    for (writer, name) in [(&other, "Renamed elsewhere"), (&app, "Renamed here")] {
        let hit = writer.place(target).await.unwrap();
        let mut f = PlaceFields::from(hit.place.fields.clone());
        f.name_en = Some(name.into());
        writer.update_place(target, hit.place.version, f).await.unwrap();
        clock.advance(PLACES_RECHECK + chrono::TimeDelta::milliseconds(1));
        let before = app.map_place_reads();
        let hits = app.nearest_places(lat, lon, 100, &all).await.unwrap();
        let (disk, store) = reads_between(before, app.map_place_reads());
        assert_eq!((disk, store), (100, 0), "every place from disk");
        let now = json(&hits);
        let renamed: Vec<&PlaceHit> = hits.iter().filter(|h| h.place.id == target).collect();
        assert_eq!(renamed.len(), 1);
        assert_eq!(renamed[0].name, name);
        assert_eq!(renamed[0].place.version, hit.place.version + 1);
        assert!(!now.contains("\"name_en\":\"Place 3 first\""), "{now}");
        let fresh = server(&url, false).await.with_clock(clock.clone());
        assert_eq!(now, json(&fresh.nearest_places(lat, lon, 100, &all).await.unwrap()));
    }
}

async fn a_server_that_cannot_make_its_file_answers_from_the_store(backend: Backend) {
    let url = fresh_url(backend).await.unwrap();
    let seed = App::new(Store::open(&url).await.unwrap());
    seed.upsert_places(&(0..300).map(|n| place(n, "first")).collect::<Vec<_>>())
        .await
        .unwrap();
    // A file where the directory should be.
    let not_a_dir = std::env::current_exe().unwrap();
    let app = App::new(Store::open(&url).await.unwrap()).with_clock(ManualClock::at(noon()));
    app.keep_map_places_in(Some(not_a_dir));
    app.place_index().await.unwrap();
    let got = answers(&app).await;
    let reads = app.map_place_reads();
    assert_eq!(reads.disk, 0);
    assert!(reads.store + reads.memory > 1000, "{reads:?}");
    assert_eq!(got, from_the_store(&url).await);
    // Its searches after changes too.
    let changed: Vec<PlaceInput> = (0..300).step_by(4).map(|n| place(n, "changed")).collect();
    app.upsert_places(&changed).await.unwrap();
    let got = answers(&app).await;
    assert!(got.iter().any(|a| a.contains("changed")));
    assert_eq!(app.map_place_reads().disk, 0);
    assert_eq!(got, from_the_store(&url).await);
}
