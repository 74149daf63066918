//! The map's index at start and after many changes: searches answered
//! from the store while the index loads are the index's answers, and an
//! index caught up from inserts, updates and deletes answers as one built
//! afresh — on SQLite and on PostgreSQL.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use chrono::{DateTime, Utc};
use kizuna_app::map::{Area, BBox, PlaceFilter, PlaceHit};
use kizuna_app::{App, ManualClock};
use kizuna_domain::map::place::{LatLon, PlaceFields, PlaceInput};
use kizuna_store::{Backend, Store};
use kizuna_testkit::fresh_url;

kizuna_testkit::on_both!(
    answers_while_loading_are_the_index_answers,
    a_caught_up_index_answers_as_a_fresh_build,
);

fn noon() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-23T12:30:00+09:00")
        .unwrap()
        .with_timezone(&Utc)
}

/// A server on the store with a clock at `noon`, its index not loaded.
async fn server(url: &str) -> App {
    App::new(Store::open(url).await.unwrap()).with_clock(ManualClock::at(noon()))
}

struct Rng(u64);
impl Rng {
    fn f(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn place(n: usize, rng: &mut Rng) -> PlaceInput {
    // Crowded around Sapporo and Tokyo, a few across the antimeridian, some
    // at the very same point.
    let (lat, lon) = match n % 10 {
        0..=4 => (43.0 + rng.f() * 0.2, 141.2 + rng.f() * 0.3),
        5..=7 => (35.6 + rng.f() * 0.2, 139.6 + rng.f() * 0.3),
        8 => (-17.0 + rng.f(), if n % 20 == 8 { 179.8 } else { -179.8 }),
        _ => (43.05, 141.35),
    };
    let certified = n.is_multiple_of(6);
    PlaceFields {
        name_en: Some(format!("Place {n}")),
        category: Some(["restaurant", "cafe", "mosque", "grocery"][n % 4].into()),
        lat: Some(lat),
        lon: Some(lon),
        assurance: Some(
            if certified {
                "certified"
            } else {
                ["unknown", "pork_free"][n % 2]
            }
            .into(),
        ),
        certifier: certified.then(|| "Test Halal Body".into()),
        certificate_number: certified.then(|| format!("T-{n}")),
        certificate_valid_from: certified.then(|| "2026-01-01".into()),
        certificate_valid_until: certified.then(|| "2027-12-31".into()),
        prayer_space: Some(n.is_multiple_of(7)),
        opening_hours: (!n.is_multiple_of(3)).then(|| ["Mo-Su 10:00-20:00", "Mo-Fr 14:00-22:00"][n % 2].into()),
        source: Some("import".into()),
        source_id: Some(format!("t-{n}")),
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

const FROM: [(f64, f64); 4] = [(43.05, 141.35), (35.7, 139.7), (-16.5, 180.0), (10.0, 100.0)];

/// Every kind of search, as ids (and distances where there are).
async fn answers(app: &App) -> Vec<Vec<(i64, Option<f64>)>> {
    let ids = |hits: Vec<PlaceHit>| hits.into_iter().map(|h| (h.place.id, h.distance_m)).collect::<Vec<_>>();
    let mut out = Vec::new();
    for f in filters() {
        for (lat, lon) in FROM {
            out.push(ids(app.nearest_places(lat, lon, 25, &f).await.unwrap()));
            out.push(ids(app.places_within_radius(lat, lon, 9_000.0, &f).await.unwrap()));
            let at = LatLon::new(lat, lon).unwrap();
            let (total, page) = app
                .search_places(Area::Radius { at, metres: 30_000.0 }, &f, 5, 10)
                .await
                .unwrap();
            out.push(ids(page));
            out.push(vec![(total as i64, None)]);
        }
        for b in [
            BBox::new(141.25, 43.0, 141.4, 43.1).unwrap(),
            BBox::new(179.0, -18.0, -179.0, -15.0).unwrap(),
        ] {
            out.push(ids(app.places_within_bbox(b, &f).await.unwrap()));
        }
        out.push(ids(app.all_places(&f).await.unwrap()));
    }
    out
}

async fn answers_while_loading_are_the_index_answers(backend: Backend) {
    let url = fresh_url(backend).await.unwrap();
    let writer = server(&url).await;
    let mut rng = Rng(5);
    let places: Vec<PlaceInput> = (0..1500).map(|n| place(n, &mut rng)).collect();
    writer.upsert_places(&places).await.unwrap();

    let loaded = server(&url).await;
    loaded.place_index().await.unwrap();
    let want = answers(&loaded).await;
    assert!(
        want.iter().filter(|a| a.len() > 1).count() > 20,
        "the searches find places"
    );

    // Each search the first of a server whose index is not loaded: read from the store.
    let mut got = Vec::new();
    let fresh = || async { server(&url).await };
    for f in filters() {
        let ids = |hits: Vec<PlaceHit>| hits.into_iter().map(|h| (h.place.id, h.distance_m)).collect::<Vec<_>>();
        for (lat, lon) in FROM {
            got.push(ids(fresh().await.nearest_places(lat, lon, 25, &f).await.unwrap()));
            got.push(ids(fresh()
                .await
                .places_within_radius(lat, lon, 9_000.0, &f)
                .await
                .unwrap()));
            let at = LatLon::new(lat, lon).unwrap();
            let (total, page) = fresh()
                .await
                .search_places(Area::Radius { at, metres: 30_000.0 }, &f, 5, 10)
                .await
                .unwrap();
            got.push(ids(page));
            got.push(vec![(total as i64, None)]);
        }
        for b in [
            BBox::new(141.25, 43.0, 141.4, 43.1).unwrap(),
            BBox::new(179.0, -18.0, -179.0, -15.0).unwrap(),
        ] {
            got.push(ids(fresh().await.places_within_bbox(b, &f).await.unwrap()));
        }
        got.push(ids(fresh().await.all_places(&f).await.unwrap()));
    }
    assert_eq!(got.len(), want.len());
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        assert_eq!(g, w, "search {i}: from the store while loading, then from the index");
    }
    // The load started by those searches finishes, and answers alike.
    let one = fresh().await;
    let _ = one
        .nearest_places(43.05, 141.35, 1, &PlaceFilter::default())
        .await
        .unwrap();
    let ix = one.place_index().await.unwrap();
    assert_eq!(ix.len(), 1500);
    assert_eq!(answers(&one).await, want);
}

async fn a_caught_up_index_answers_as_a_fresh_build(backend: Backend) {
    let url = fresh_url(backend).await.unwrap();
    let one = server(&url).await;
    let mut rng = Rng(11);
    let places: Vec<PlaceInput> = (0..2000).map(|n| place(n, &mut rng)).collect();
    let ids = one.upsert_places(&places).await.unwrap().ids;
    assert_eq!(one.place_index().await.unwrap().len(), 2000);
    for round in 0..3 {
        // Many changes between two looks: an import moving and adding
        // places, single edits and deletes.
        let mut moved: Vec<PlaceInput> = (0..600).map(|i| place(round * 7919 + i * 3, &mut rng)).collect();
        moved.extend((0..150).map(|i| place(10_000 + round * 1000 + i, &mut rng)));
        one.upsert_places(&moved).await.unwrap();
        for i in 0..40 {
            let id = ids[(round * 97 + i * 31) % ids.len()];
            if i % 2 == 0 {
                let _ = one.delete_place(id).await;
            } else if let Ok(hit) = one.place(id).await {
                let mut f = PlaceFields::from(hit.place.fields.clone());
                f.category = Some("mosque".into());
                f.lat = Some(43.06);
                f.lon = Some(141.36);
                one.update_place(id, hit.place.version, f).await.unwrap();
            }
        }
        let caught_up = one.place_index().await.unwrap();
        assert_eq!(
            caught_up.updates_since_build(),
            round as u32 + 1,
            "caught up, not rebuilt"
        );
        let fresh = server(&url).await;
        let rebuilt = fresh.place_index().await.unwrap();
        assert_eq!(rebuilt.updates_since_build(), 0);
        assert_eq!(caught_up.version(), rebuilt.version());
        assert_eq!(caught_up.ids().collect::<Vec<_>>(), rebuilt.ids().collect::<Vec<_>>());
        assert_eq!(answers(&one).await, answers(&fresh).await, "round {round}");
    }
}
