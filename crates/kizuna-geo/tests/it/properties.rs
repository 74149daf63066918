//! Property tests of the places index against brute force: for random
//! places (several at the very same point, some across the antimeridian and
//! near the poles), random query points, k and filters, nearest-k is the
//! haversine order with ties by id; and an index brought up to date by
//! random upserts and deletes answers as one built afresh.
//!
//! Seeds are fixed so that a run is reproducible; a failure is kept in
//! `proptest-regressions/` and replayed first.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use kizuna_domain::common::Id;
use kizuna_domain::map::place::{Assurance, LatLon, Place, PlaceCategory, PlaceFields, haversine_m};
use kizuna_geo::geometry::BBox;
use kizuna_geo::index::{Area, HoursShelf, PlaceFilter, PlaceHit, PlaceIndex, scan};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::RngSeed;

fn config(cases: u32, seed: u64) -> ProptestConfig {
    ProptestConfig {
        cases,
        rng_seed: RngSeed::Fixed(seed),
        ..ProptestConfig::default()
    }
}

/// Two distances this close are one distance: the index measures by chord
/// on the unit sphere, the brute force by the haversine formula.
const TOLERANCE_M: f64 = 1e-6;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

/// Tuesday 24 November 2026, 12:00 in Japan.
fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-24T12:00:00+09:00")
        .unwrap()
        .with_timezone(&Utc)
}

/// Points several places share, and the awkward corners of the sphere.
const SITES: &[(f64, f64)] = &[
    (43.0621, 141.3544),
    (43.0621, 141.3545),
    (43.0622, 141.3544),
    (42.9236, 143.1966),
    (0.0, 179.999_999_9),
    (0.0, -179.999_999_9),
    (89.999_999_9, 0.0),
    (-89.999_999_9, 45.0),
    (-33.868_819_7, 151.209_295_5),
];

fn position() -> impl Strategy<Value = (f64, f64)> {
    prop_oneof![
        prop::sample::select(SITES),
        (42.9f64..43.3, 141.1f64..141.6),
        (-90.0f64..=90.0, -180.0f64..=180.0),
    ]
}

const HOURS: &[&str] = &[
    "24/7",
    "Mo-Fr 11:00-14:00; PH off",
    "Mo-Sa 11:00-21:00; Su off",
    "Tu-Su 13:00-19:00",
    "sunrise-sunset",
];

/// What varies between places, before they get an id.
#[derive(Debug, Clone)]
struct Spec {
    at: (f64, f64),
    category: PlaceCategory,
    assurance: Assurance,
    /// Certificate valid from today + .0 days, for .1 days more.
    certificate: (i64, i64),
    prayer_space: bool,
    hours: Option<&'static str>,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        position(),
        prop::sample::select(PlaceCategory::ALL),
        prop::sample::select(Assurance::ALL),
        (-400i64..60, 0i64..500),
        any::<bool>(),
        prop::option::of(prop::sample::select(HOURS)),
    )
        .prop_map(|(at, category, assurance, certificate, prayer_space, hours)| Spec {
            at,
            category,
            assurance,
            certificate,
            prayer_space,
            hours,
        })
}

/// A place built as the store would hold it: flat fields, validated.
fn place(id: Id, s: &Spec) -> Place {
    let certified = s.assurance == Assurance::Certified;
    let from = today() + Duration::days(s.certificate.0);
    let until = from + Duration::days(s.certificate.1);
    let fields = PlaceFields {
        name_en: Some(format!("Place {id}")),
        category: Some(s.category.to_string()),
        lat: Some(s.at.0),
        lon: Some(s.at.1),
        assurance: Some(s.assurance.to_string()),
        certifier: certified.then(|| "Test Halal Body".into()),
        certificate_number: certified.then(|| format!("THB-{id}")),
        certificate_valid_from: certified.then(|| from.to_string()),
        certificate_valid_until: certified.then(|| until.to_string()),
        prayer_space: Some(s.prayer_space),
        opening_hours: s.hours.map(Into::into),
        source: Some("import".into()),
        source_id: Some(format!("p-{id}")),
        ..PlaceFields::default()
    };
    Place::new(id, fields.validate().unwrap())
}

/// Places with distinct ids, ascending with gaps (so that some ids below the
/// highest are free).
fn places(max: usize) -> impl Strategy<Value = Vec<Place>> {
    prop::collection::vec((1i64..=3, spec()), 0..=max).prop_map(|v| {
        let mut id = 0;
        v.iter()
            .map(|(gap, s)| {
                id += gap;
                place(id, s)
            })
            .collect()
    })
}

fn filter() -> impl Strategy<Value = PlaceFilter> {
    prop_oneof![
        2 => Just(PlaceFilter::default()),
        5 => (
            prop::sample::subsequence(PlaceCategory::ALL, 0..=3),
            prop::sample::subsequence(Assurance::ALL, 0..=2),
            prop::option::of(any::<bool>()),
            prop::bool::weighted(0.2),
        )
            .prop_map(|(categories, assurances, prayer_space, open_now)| PlaceFilter {
                categories,
                assurances,
                prayer_space,
                open_now,
                at: None,
            }),
    ]
}

/// What the filter promises, asked of each place directly.
fn passes(p: &Place, f: &PlaceFilter) -> bool {
    let fields = &p.fields;
    let category = f.categories.is_empty() || f.categories.contains(&fields.category);
    let level = fields.halal.level();
    let certified_today = fields
        .halal
        .certificate()
        .is_some_and(|c| c.valid_from() <= today() && today() <= c.valid_until());
    assert_eq!(certified_today, fields.certified_on(today()));
    let assurance = f.assurances.is_empty()
        || f.assurances
            .iter()
            .any(|a| *a == level && (level != Assurance::Certified || certified_today));
    let prayer = f.prayer_space.is_none_or(|want| fields.prayer.prayer_space == want);
    let open = !f.open_now || PlaceHit::of(p.clone(), today(), now()).open_now == Some(true);
    category && assurance && prayer && open
}

fn distance(p: &Place, at: LatLon) -> f64 {
    haversine_m(at.lat(), at.lon(), p.fields.position.lat(), p.fields.position.lon())
}

/// Check `got` (the index's answer) against a brute-force sort of `places`
/// by haversine distance, ties by id. Places whose distances differ by less
/// than [`TOLERANCE_M`] without standing at the very same point may come in
/// either order (and either may be the last one kept); places at the very
/// same point come by id.
fn check_nearest(
    places: &[Place],
    at: LatLon,
    k: usize,
    f: &PlaceFilter,
    got: &[(Id, f64)],
) -> Result<(), TestCaseError> {
    let by_id: BTreeMap<Id, &Place> = places.iter().map(|p| (p.id, p)).collect();
    let mut all: Vec<(f64, Id)> = places
        .iter()
        .filter(|p| passes(p, f))
        .map(|p| (distance(p, at), p.id))
        .collect();
    all.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let want = &all[..k.min(all.len())];
    prop_assert_eq!(got.len(), want.len(), "k={} from {:?} with {:?}", k, at, f);
    // Groups of places at one distance, within the tolerance.
    let mut group = vec![0usize; all.len()];
    for i in 1..all.len() {
        group[i] = group[i - 1] + usize::from(all[i].0 - all[i - 1].0 > TOLERANCE_M);
    }
    let group_of: BTreeMap<Id, usize> = all.iter().zip(&group).map(|((_, id), g)| (*id, *g)).collect();
    let mut seen = BTreeSet::new();
    for (i, ((id, d), (want_d, want_id))) in got.iter().zip(want).enumerate() {
        prop_assert!(seen.insert(*id), "{} twice", id);
        let Some(g) = group_of.get(id) else {
            return Err(TestCaseError::fail(format!("{id} does not match {f:?}")));
        };
        prop_assert_eq!(*g, group[i], "#{}: {} instead of {} (k={})", i, id, want_id, k);
        prop_assert!(
            (d - want_d).abs() <= TOLERANCE_M,
            "#{}: {} m, brute force {} m",
            i,
            d,
            want_d
        );
        let own = distance(by_id[id], at);
        prop_assert!((d - own).abs() <= TOLERANCE_M, "{}: {} m, haversine {} m", id, d, own);
    }
    // At the very same point, ids in order; and at the cut, the lowest ids.
    for (i, (id, _)) in got.iter().enumerate() {
        let pos = by_id[id].fields.position;
        for (j, (other, _)) in got.iter().enumerate() {
            if j > i && by_id[other].fields.position == pos {
                prop_assert!(id < other, "{} before {} at the same point", id, other);
            }
        }
        for (_, other) in &all {
            if !seen.contains(other) && by_id[other].fields.position == pos {
                prop_assert!(other > id, "{} left out but {} kept at the same point", other, id);
            }
        }
    }
    // With no distinct distances within the tolerance, exactly the brute force.
    let ambiguous = all
        .windows(2)
        .any(|w| w[1].0 - w[0].0 <= TOLERANCE_M && by_id[&w[0].1].fields.position != by_id[&w[1].1].fields.position);
    if !ambiguous {
        let ids: Vec<Id> = got.iter().map(|g| g.0).collect();
        let want_ids: Vec<Id> = want.iter().map(|w| w.1).collect();
        prop_assert_eq!(ids, want_ids);
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(128, 0x4b49_5a55_0101))]

    #[test]
    fn nearest_is_the_haversine_order_with_ties_by_id(
        places in places(80),
        at in prop_oneof![position(), prop::sample::select(SITES)],
        k in prop_oneof![0usize..=3, 0usize..=90],
        f in filter(),
    ) {
        let at = LatLon::new(at.0, at.1).unwrap();
        let ix = PlaceIndex::build(1, places.clone());
        prop_assert_eq!(ix.len(), places.len());
        for k in [k, 1, places.len(), places.len() + 1] {
            let got = ix.nearest_ids(at, k, &f, today(), now());
            check_nearest(&places, at, k, &f, &got)?;
            // An unfiltered search of the same index agrees with the brute force too.
            let all = ix.nearest_ids(at, k, &PlaceFilter::default(), today(), now());
            check_nearest(&places, at, k, &PlaceFilter::default(), &all)?;
        }
        // Answered from the places themselves (as while the index loads): the same.
        let shelf = HoursShelf::default();
        prop_assert_eq!(
            scan::nearest(&places, at, k, &f, &shelf, today(), now()),
            ix.nearest_ids(at, k, &f, today(), now())
        );
    }
}

// ---------------------------------------------------------------------------
// Updates
// ---------------------------------------------------------------------------

/// One change to make: which place, read against the places at the time.
#[derive(Debug, Clone)]
enum Change {
    /// Change a place still held.
    Edit(Index, Spec),
    /// Bring back a place deleted before (or edit one, if none was).
    Restore(Index, Spec),
    /// A place with an id above every id held so far.
    Add(i64, Spec),
}

#[derive(Debug, Clone)]
struct Round {
    /// Ids held at some time (true) or never held (false).
    deletes: Vec<(bool, Index)>,
    upserts: Vec<Change>,
}

fn round() -> impl Strategy<Value = Round> {
    let change = prop_oneof![
        (any::<Index>(), spec()).prop_map(|(i, s)| Change::Edit(i, s)),
        (any::<Index>(), spec()).prop_map(|(i, s)| Change::Restore(i, s)),
        (1i64..=3, spec()).prop_map(|(gap, s)| Change::Add(gap, s)),
    ];
    (
        prop::collection::vec((prop::bool::weighted(0.85), any::<Index>()), 0..8),
        prop::collection::vec(change, 0..8),
    )
        .prop_map(|(deletes, upserts)| Round { deletes, upserts })
}

proptest! {
    #![proptest_config(config(64, 0x4b49_5a55_0102))]

    #[test]
    fn an_updated_index_answers_as_a_fresh_build(
        start in places(60),
        rounds in prop::collection::vec(round(), 1..5),
        at in position(),
        f in filter(),
        k in 0usize..40,
    ) {
        let at = LatLon::new(at.0, at.1).unwrap();
        let mut live: BTreeMap<Id, Place> = start.iter().map(|p| (p.id, p.clone())).collect();
        // Every id the index has held: new ids must come above them.
        let mut held: BTreeSet<Id> = live.keys().copied().collect();
        let mut ix = PlaceIndex::build(1, start);
        for (n, r) in rounds.iter().enumerate() {
            let version = n as i64 + 2;
            let deletes: Vec<Id> = r
                .deletes
                .iter()
                .map(|(was_held, i)| match held.len() {
                    0 => 1_000_000,
                    len if *was_held => *held.iter().nth(i.index(len)).unwrap(),
                    // Ids never held: deleting them changes nothing.
                    _ if i.index(2) == 0 => -1,
                    _ => held.last().copied().unwrap_or(0) + 1_000,
                })
                .collect();
            let mut upserts = Vec::new();
            let mut next_held = held.clone();
            for c in &r.upserts {
                let live_ids: Vec<Id> = live.keys().copied().filter(|id| !deletes.contains(id)).collect();
                let gone: Vec<Id> = held.iter().copied().filter(|id| !live.contains_key(id) || deletes.contains(id)).collect();
                let above = |gap: i64| next_held.last().copied().unwrap_or(0) + gap;
                let (id, s) = match c {
                    Change::Edit(i, s) if !live_ids.is_empty() => (live_ids[i.index(live_ids.len())], s),
                    Change::Restore(i, s) if !gone.is_empty() => (gone[i.index(gone.len())], s),
                    Change::Edit(_, s) | Change::Restore(_, s) => (above(1), s),
                    Change::Add(gap, s) => (above(*gap), s),
                };
                next_held.insert(id);
                upserts.push(place(id, s));
            }
            // The model: deletes first, then upserts (the last of one id wins).
            for id in &deletes {
                live.remove(id);
            }
            for p in &upserts {
                live.insert(p.id, p.clone());
            }
            held = next_held;
            ix = ix.updated(version, upserts.clone(), &deletes);
            prop_assert_eq!(ix.version(), version);
            prop_assert_eq!(ix.updates_since_build(), n as u32 + 1);
            prop_assert_eq!(ix.len(), live.len());
            prop_assert_eq!(ix.is_empty(), live.is_empty());

            let fresh = PlaceIndex::build(version, live.values().cloned().collect());
            let everything = PlaceFilter::default();
            let all = ix.area_ids(&Area::All, &everything, today(), now());
            prop_assert_eq!(&all, &live.keys().copied().collect::<Vec<_>>());
            prop_assert_eq!(&all, &fresh.area_ids(&Area::All, &everything, today(), now()));
            prop_assert_eq!(ix.area_ids(&Area::All, &f, today(), now()), fresh.area_ids(&Area::All, &f, today(), now()));
            let live_places: Vec<Id> = ix.ids().collect();
            prop_assert_eq!(live_places, live.keys().copied().collect::<Vec<_>>());
            // Areas too, and the compacted index answers alike.
            let compact = ix.compacted();
            for area in [Area::Radius { at, metres: 300_000.0 }, Area::Box(BBox::new(140.0, 42.0, 143.0, 45.0).unwrap())] {
                prop_assert_eq!(ix.area_ids(&area, &f, today(), now()), fresh.area_ids(&area, &f, today(), now()));
                prop_assert_eq!(compact.area_ids(&area, &f, today(), now()), fresh.area_ids(&area, &f, today(), now()));
            }
            // Searches too: the same ids at the same distances.
            for k in [k, live.len()] {
                let got = ix.nearest_ids(at, k, &f, today(), now());
                prop_assert_eq!(&got, &fresh.nearest_ids(at, k, &f, today(), now()));
                let model: Vec<Place> = live.values().cloned().collect();
                check_nearest(&model, at, k, &f, &got)?;
            }
        }
        // A new id below one held is placed too.
        let max = held.last().copied().unwrap_or(0);
        if let Some(free) = (1..max).find(|id| !held.contains(id)) {
            let s = Spec {
                at: (43.0, 141.0),
                category: PlaceCategory::Cafe,
                assurance: Assurance::Unknown,
                certificate: (0, 0),
                prayer_space: false,
                hours: None,
            };
            let low = ix.updated(99, vec![place(free, &s)], &[]);
            prop_assert!(low.ids().any(|id| id == free), "{} below {}", free, max);
            prop_assert_eq!(low.len(), ix.len() + 1);
        }
    }
}
