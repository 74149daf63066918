//! Properties of small-cell suppression (`training::disclosure`): on any
//! table, no figure of 1 or 2 is shown, and no published sum has exactly
//! one withheld figure among its parts and whole, so none can be worked
//! back by subtraction; on any trainee report, the headline stays exact and
//! every figure shown to the public equals the staff's.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use chrono::NaiveDate;
use kizuna_domain::common::person::Gender;
use kizuna_domain::common::{CountryCode, FiscalYear, Region};
use kizuna_domain::training::disclosure::{Audience, PublishedReport, Sum, WITHHELD_BELOW, is_small, withhold};
use kizuna_domain::training::stats::{TraineeFact, TraineeReport};
use proptest::prelude::*;
use proptest::test_runner::RngSeed;

fn config(cases: u32, seed: u64) -> ProptestConfig {
    ProptestConfig {
        cases,
        rng_seed: RngSeed::Fixed(seed),
        ..ProptestConfig::default()
    }
}

/// A count, mostly small (where suppression has work to do).
fn count() -> impl Strategy<Value = u64> {
    prop_oneof![4 => 0u64..=3, 2 => 0u64..=8, 1 => 0u64..=60]
}

/// A two-way table with its row totals, column totals and a fixed grand
/// total, as cells and sums: interior cells first, then row totals, then
/// column totals.
fn table() -> impl Strategy<Value = (Vec<u64>, Vec<Sum>)> {
    (2usize..=6, 2usize..=6).prop_flat_map(|(rows, cols)| {
        proptest::collection::vec(count(), rows * cols).prop_map(move |interior| {
            let at = |r: usize, c: usize| r * cols + c;
            let mut cells = interior.clone();
            let row_total: Vec<usize> = (0..rows)
                .map(|r| {
                    cells.push((0..cols).map(|c| interior[at(r, c)]).sum());
                    cells.len() - 1
                })
                .collect();
            let col_total: Vec<usize> = (0..cols)
                .map(|c| {
                    cells.push((0..rows).map(|r| interior[at(r, c)]).sum());
                    cells.len() - 1
                })
                .collect();
            let mut sums: Vec<Sum> = (0..rows)
                .map(|r| Sum {
                    parts: (0..cols).map(|c| at(r, c)).collect(),
                    whole: Some(row_total[r]),
                })
                .collect();
            sums.extend((0..cols).map(|c| Sum {
                parts: (0..rows).map(|r| at(r, c)).collect(),
                whole: Some(col_total[c]),
            }));
            sums.push(Sum {
                parts: row_total.clone(),
                whole: None,
            });
            sums.push(Sum {
                parts: col_total.clone(),
                whole: None,
            });
            (cells, sums)
        })
    })
}

/// The withheld figures of one sum, parts and whole.
fn withheld_in(s: &Sum, hidden: &[bool]) -> usize {
    s.parts.iter().filter(|p| hidden[**p]).count() + usize::from(s.whole.is_some_and(|w| hidden[w]))
}

/// What a reader learns from one published sum about a withheld figure:
/// its value, when every other figure of the sum is shown.
/// (A sum without a whole adds up to a published figure: its parts' total.)
fn recovered(cells: &[u64], s: &Sum, hidden: &[bool]) -> Option<(usize, u64)> {
    let mut members: Vec<usize> = s.parts.clone();
    members.extend(s.whole);
    let unknown: Vec<usize> = members.iter().copied().filter(|i| hidden[*i]).collect();
    let [lone] = unknown.as_slice() else {
        return None;
    };
    let shown_parts: u64 = s.parts.iter().filter(|p| !hidden[**p]).map(|p| cells[*p]).sum();
    let whole = s
        .whole
        .map_or_else(|| s.parts.iter().map(|p| cells[*p]).sum(), |w| cells[w]);
    Some((
        *lone,
        if s.whole == Some(*lone) {
            shown_parts
        } else {
            whole - shown_parts
        },
    ))
}

proptest! {
    #![proptest_config(config(512, 0x5eed_d15c))]

    #[test]
    fn no_published_sum_gives_back_a_withheld_figure((cells, sums) in table()) {
        let hidden = withhold(&cells, &sums);
        for (i, n) in cells.iter().enumerate() {
            prop_assert!(hidden[i] || !is_small(*n), "cell {i} = {n} shown");
        }
        for s in &sums {
            let w = withheld_in(s, &hidden);
            prop_assert!(w != 1, "a sum with one withheld figure: {s:?}");
            prop_assert_eq!(recovered(&cells, s, &hidden), None);
        }
    }

    #[test]
    fn withholding_is_stable_and_never_touches_zero_tables(n in 2usize..8) {
        // Nothing small, nothing withheld.
        let cells: Vec<u64> = (0..n as u64).map(|i| if i % 2 == 0 { 0 } else { 3 + i }).collect();
        let sums = [Sum { parts: (0..n).collect(), whole: None }];
        prop_assert!(withhold(&cells, &sums).iter().all(|h| !h));
    }
}

fn facts() -> impl Strategy<Value = Vec<TraineeFact>> {
    let countries = ["TH", "MY", "VN", "KE", "TZ", "PE", "BR", "FJ", "TR", "DE", "US"];
    proptest::collection::vec((1usize..60, 2000i32..2006, 1i64..5), 0..120).prop_map(move |rows| {
        rows.into_iter()
            .map(|(person, y, course)| TraineeFact {
                // A person has one nationality and gender, whatever course and year.
                person_id: person as i64,
                country: CountryCode::parse(countries[(person * 7) % countries.len()]).unwrap(),
                gender: Gender::ALL[(person / 3) % Gender::ALL.len()],
                fiscal_year: FiscalYear::new(y).unwrap(),
                programme_id: course,
            })
            .collect()
    })
}

/// Every published sum of a report: (parts, whole) as shown, `None` where withheld.
fn published_sums(p: &PublishedReport) -> Vec<(Vec<Option<u64>>, Option<u64>)> {
    let mut out = vec![
        (p.by_region.iter().map(|g| g.trainees).collect(), Some(p.trainees)),
        (p.by_gender.iter().map(|g| g.trainees).collect(), Some(p.trainees)),
    ];
    for g in &p.by_region {
        out.push((
            p.by_country
                .iter()
                .filter(|c| c.region == g.region)
                .map(|c| c.trainees)
                .collect(),
            g.trainees,
        ));
    }
    for y in &p.by_fiscal_year {
        out.push((y.by_region.iter().map(|g| g.trainees).collect(), Some(y.trainees)));
    }
    out
}

proptest! {
    #![proptest_config(config(256, 0x0dd_ba11))]

    #[test]
    fn the_public_report_shows_no_small_count_and_no_lone_withheld_one(facts in facts()) {
        let as_of = NaiveDate::from_ymd_opt(2008, 3, 31).unwrap();
        let exact = TraineeReport::compute(as_of, &facts);
        let public = PublishedReport::publish(&exact, Audience::Public);
        let staff = PublishedReport::publish(&exact, Audience::Staff);
        // The headline and the per-year totals stay exact.
        prop_assert_eq!((public.trainees, public.countries), (exact.trainees, exact.countries));
        prop_assert_eq!(public.withheld_below, Some(WITHHELD_BELOW));
        for (p, e) in public.by_fiscal_year.iter().zip(&exact.by_fiscal_year) {
            prop_assert_eq!((p.trainees, p.new_trainees, p.cumulative_trainees), (e.trainees, e.new_trainees, e.cumulative_trainees));
        }
        // No figure of 1 or 2 is shown anywhere.
        let shown: Vec<u64> = public.by_country.iter().map(|c| c.trainees)
            .chain(public.by_region.iter().map(|g| g.trainees))
            .chain(public.by_gender.iter().map(|g| g.trainees))
            .chain(public.by_course.iter().map(|c| c.trainees))
            .chain(public.by_fiscal_year.iter().flat_map(|y| y.by_region.iter().map(|g| g.trainees)))
            .flatten()
            .collect();
        prop_assert!(shown.iter().all(|n| !is_small(*n)), "{shown:?}");
        // No published sum has exactly one withheld figure, so none is worked
        // back; except under a headline that is itself 1 or 2 (it stays exact).
        for (parts, whole) in published_sums(&public) {
            let withheld = parts.iter().filter(|p| p.is_none()).count() + usize::from(whole.is_none());
            prop_assert!(withheld != 1 || whole.is_some_and(is_small), "{parts:?} = {whole:?}");
        }
        // Staff see every figure, and what the public sees equals it.
        prop_assert_eq!(staff.withheld_below, None);
        prop_assert!(staff.by_country.iter().all(|c| c.trainees.is_some()));
        for c in &public.by_country {
            let s = staff.by_country.iter().find(|s| s.country == c.country).unwrap();
            prop_assert!(c.trainees.is_none() || c.trainees == s.trainees);
        }
        // Withheld countries come last, by code: their order says nothing of their size.
        let first_hidden = public.by_country.iter().position(|c| c.trainees.is_none()).unwrap_or(public.by_country.len());
        let tail: Vec<&str> = public.by_country[first_hidden..].iter().map(|c| c.country.as_str()).collect();
        prop_assert!(public.by_country[first_hidden..].iter().all(|c| c.trainees.is_none()));
        prop_assert!(tail.windows(2).all(|w| w[0] < w[1]), "{tail:?}");
        prop_assert_eq!(public.by_fiscal_year.iter().map(|y| y.by_region.len()).max().unwrap_or(Region::ALL.len()), Region::ALL.len());
    }
}
