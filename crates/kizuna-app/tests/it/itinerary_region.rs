//! An itinerary is drafted over the places within reach of it, not over
//! every place of the map (issue #17: a million places): the plans are
//! those drafted over every place, and a place far away is never read.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use chrono::NaiveDate;
use kizuna_app::App;
use kizuna_app::tourism::itinerary::plan_over;
use kizuna_domain::common::Id;
use kizuna_domain::map::place::{Assurance, Place, PlaceFields};
use kizuna_domain::tourism::itinerary::{Mode, Options, Start};
use kizuna_geo::prayer::Method;
use kizuna_store::{Backend, Store};
use kizuna_testkit::fresh_url;
use sqlx::Connection;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

async fn demo(backend: Backend) -> (String, App) {
    let url = fresh_url(backend).await.unwrap();
    let app = App::new(Store::open(&url).await.unwrap()).with_today(d("2026-11-23"));
    app.load_demo().await.unwrap();
    (url, app)
}

fn id_of(all: &[Place], key: &str) -> Id {
    all.iter()
        .find(|p| p.fields.source.id().as_str() == key)
        .unwrap_or_else(|| panic!("no demo place {key}"))
        .id
}

/// Tours of the demo: Kushiro to Akan over two days, Sapporo on a Friday
/// and in Ramadan, from a point, with searches short and long.
fn tours(all: &[Place]) -> Vec<Options> {
    let id = |k: &str| id_of(all, k);
    let tour = |from: &str, days: u32, start: Start, include: &[&str]| {
        let mut o = Options::new(d(from), days, start);
        o.include = include.iter().map(|k| id(k)).collect();
        o.meal_level = Assurance::SelfDeclared;
        o.mode = Mode::Bus;
        o.ramadan_periods = vec![(d("2027-02-08"), d("2027-03-09"))];
        o
    };
    let kushiro = || {
        tour(
            "2027-03-16",
            2,
            Start::Place(id("kushiro-04")),
            &["kushiro-02", "kushiro-05", "akan-02", "akan-01"],
        )
    };
    let sapporo = |from: &str| {
        tour(
            from,
            1,
            Start::Place(id("sapporo-04")),
            &["sapporo-07", "sapporo-10", "sapporo-11"],
        )
    };
    let mut near = kushiro();
    near.prayer_search_km = 1.0;
    near.meal_search_km = 2.0;
    near.jumuah_search_km = 1.0;
    let mut far = sapporo("2027-03-19");
    far.meal_search_km = 400.0;
    let mut point = sapporo("2027-03-17");
    point.start = Start::Point {
        lat: 43.0618,
        lon: 141.3545,
    };
    vec![
        kushiro(),
        sapporo("2027-03-19"),
        sapporo("2027-02-19"),
        near,
        far,
        point,
    ]
}

async fn plans_over_the_region_are_plans_over_every_place(backend: Backend) {
    let (_url, app) = demo(backend).await;
    let all = app.store.all_places().await.unwrap();
    let every: Vec<&Place> = all.iter().collect();
    for o in tours(&all) {
        let want = plan_over(&every, &o, Method::MuslimWorldLeague).unwrap();
        let got = app.plan_itinerary(o.clone(), Method::MuslimWorldLeague).await.unwrap();
        assert!(!want.days.is_empty());
        assert_eq!(got.plan, want, "{o:?}");
    }
    // An unknown place is told as before.
    let mut o = tours(&all).remove(0);
    o.include.push(999_999);
    let err = app.plan_itinerary(o, Method::MuslimWorldLeague).await.unwrap_err();
    assert!(
        err.to_string().contains("999999") || format!("{err:?}").contains("999999"),
        "{err:?}"
    );
}

#[tokio::test]
async fn plans_over_the_region_are_plans_over_every_place_on_sqlite() {
    Box::pin(plans_over_the_region_are_plans_over_every_place(Backend::Sqlite)).await;
}

#[tokio::test]
async fn plans_over_the_region_are_plans_over_every_place_on_postgres() {
    Box::pin(plans_over_the_region_are_plans_over_every_place(Backend::Postgres)).await;
}

/// A place in Okinawa, 2,000 km from the tour, stored damaged (a category
/// no Kizuna wrote): reading every place fails on it; the tour never
/// reads it.
async fn a_far_place_is_never_read(backend: Backend) {
    let (url, app) = demo(backend).await;
    let far = app
        .create_place(PlaceFields {
            name_en: Some("Far away (demo)".into()),
            category: Some("restaurant".into()),
            lat: Some(26.21),
            lon: Some(127.68),
            assurance: Some("unknown".into()),
            ..Default::default()
        })
        .await
        .unwrap()
        .id;
    let sql = format!("UPDATE places SET category = 'no-such-category' WHERE id = {far}");
    match backend {
        Backend::Sqlite => {
            let mut c = sqlx::SqliteConnection::connect(&url).await.unwrap();
            sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut c).await.unwrap();
        }
        Backend::Postgres => {
            let mut c = sqlx::PgConnection::connect(&url).await.unwrap();
            sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut c).await.unwrap();
        }
    }
    assert!(
        app.store.all_places().await.is_err(),
        "the damaged place trips a whole read"
    );
    let all: Vec<Place> = app.store.places_in_box(40.0, 46.0, None).await.unwrap();
    let o = tours(&all).remove(0);
    let it = app.plan_itinerary(o, Method::MuslimWorldLeague).await.unwrap();
    assert_eq!(it.plan.days.len(), 2);
}

#[tokio::test]
async fn a_far_place_is_never_read_on_sqlite() {
    Box::pin(a_far_place_is_never_read(Backend::Sqlite)).await;
}

#[tokio::test]
async fn a_far_place_is_never_read_on_postgres() {
    Box::pin(a_far_place_is_never_read(Backend::Postgres)).await;
}
