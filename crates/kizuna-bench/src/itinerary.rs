//! `kizuna bench itinerary`: drafting a 3-day halal-aware itinerary over
//! 10,000 synthetic places (BENCHMARKS.md; target under 200 ms). The places
//! are held in memory, as the app holds them in the map's index; each run
//! plans with a fresh oracle, so no prayer time or opening hours is
//! remembered from one run to the next.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use kizuna_app::tourism::itinerary::plan_over;
use kizuna_domain::map::place::{Assurance, Place, PlaceCategory, haversine_m};
use kizuna_domain::tourism::itinerary::{ItemKind, Mode, Options, Start};
use kizuna_geo::prayer::Method;

use crate::data::synthetic_places;

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

pub fn itinerary(places: usize, days: u32, sights: usize, runs: usize) -> anyhow::Result<()> {
    // Nothing to drop: the places are made and held in memory only.
    let load = crate::LoadWatch::start();
    let all: Vec<Place> = synthetic_places(places, 15)
        .into_iter()
        .enumerate()
        .map(|(i, p)| Place::new(i as i64 + 1, p))
        .collect();
    // The tour: from the hotel nearest the first city's centre, the
    // `sights` places nearest it that are not hotels.
    let (lat, lon) = (43.0621, 141.3544); // Sapporo, the first of the synthetic cities
    let dist = |p: &Place| haversine_m(lat, lon, p.fields.position.lat(), p.fields.position.lon());
    let hotel = all
        .iter()
        .filter(|p| p.fields.category == PlaceCategory::Hotel)
        .min_by(|a, b| dist(a).total_cmp(&dist(b)))
        .ok_or_else(|| anyhow::anyhow!("no hotel among the synthetic places"))?;
    let mut near: Vec<&Place> = all
        .iter()
        .filter(|p| p.fields.category != PlaceCategory::Hotel)
        .collect();
    near.sort_by(|a, b| dist(a).total_cmp(&dist(b)));
    let mut o = Options::new(
        NaiveDate::from_ymd_opt(2027, 4, 12).expect("a date"),
        days,
        Start::Place(hotel.id),
    );
    o.include = near.iter().step_by(7).take(sights).map(|p| p.id).collect();
    o.meal_level = Assurance::SelfDeclared;
    o.mode = Mode::Bus;
    let refs: Vec<&Place> = all.iter().collect();
    let method = Method::MuslimWorldLeague;
    // Warm-up, and what the plan holds.
    let plan = plan_over(&refs, &o, method)?;
    let count = |k: ItemKind| plan.days.iter().flat_map(|d| &d.items).filter(|i| i.kind == k).count();
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        let p = plan_over(&refs, &o, method)?;
        times.push(t.elapsed());
        assert_eq!(p.days.len(), days as usize);
    }
    times.sort();
    anyhow::ensure!(!times.is_empty(), "--runs must be at least 1");
    let pick = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    for (metric, q) in [("median", 0.5), ("p95", 0.95), ("min", 0.0)] {
        crate::record::record(&crate::record::Measure::new(
            "itinerary",
            places as u64,
            "kizuna",
            metric,
            pick(q).as_secs_f64() * 1e3,
            "ms",
        ));
    }
    println!(
        "| places | days | sights asked | sights planned | prayer blocks | meals | travel legs | warnings | median ms | p95 ms | min ms |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    println!(
        "| {places} | {days} | {sights} | {} | {} | {} | {} | {} | {} | {} | {} |",
        count(ItemKind::Sight),
        count(ItemKind::Prayer) + count(ItemKind::Jumuah),
        count(ItemKind::Lunch) + count(ItemKind::Dinner) + count(ItemKind::Iftar),
        count(ItemKind::Travel),
        plan.warnings.len(),
        ms(pick(0.5)),
        ms(pick(0.95)),
        ms(times[0]),
    );
    println!("\n{}", load.line());
    Ok(())
}
