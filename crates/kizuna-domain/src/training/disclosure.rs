//! Small-cell suppression: the trainee report as published to readers who
//! are not staff (anonymous visitors, partner organisations).
//!
//! # The rule
//! A count of people by a personal attribute (nationality, region, gender,
//! course, or region within a fiscal year) of 1 or 2 is withheld: it could
//! point at one person. Counts that add up to a published total form a
//! *sum* (the countries of a region add up to the region's count; the
//! regions, the genders and the courses to the headline; the regions of a
//! fiscal year to that year's trainees). Within every sum, parts and whole
//! together, the number of withheld figures is never exactly one: if only
//! one is withheld, the smallest other part is withheld too (complementary
//! suppression), and the search repeats until no sum has a lone withheld
//! figure. So no published sum gives a withheld figure back by
//! subtraction. Withheld figures are all shown alike (a primary one of 1 or
//! 2 and a complementary one cannot be told apart, which would narrow
//! them), and withheld rows are listed after the others by code, so their
//! order says nothing about their size.
//!
//! What stays exact: the headline (distinct trainees and countries; a
//! headline of 1 or 2 is itself such a figure, and then so is what it
//! breaks down into, which no withholding can hide), and
//! per fiscal year the trainees, first-time trainees, cumulative figures
//! and the number of countries: counts that carry no personal attribute.
//! Staff read [`Audience::Staff`] reports with every figure exact.
//!
//! [`withhold`] is the rule on any set of counts and sums;
//! [`PublishedReport::publish`] applies it to a [`TraineeReport`].

use chrono::NaiveDate;
use serde::Serialize;

use crate::common::person::Gender;
use crate::common::{Id, LocalText, Region};
use crate::training::participation::ParticipationStatus;
use crate::training::stats::TraineeReport;

/// Counts below this (1 and 2) are withheld from readers who are not staff.
pub const WITHHELD_BELOW: u64 = 3;

/// A count is withheld on its own account when it is 1 or 2 (zero says
/// no one, which points at nobody).
pub fn is_small(n: u64) -> bool {
    (1..WITHHELD_BELOW).contains(&n)
}

/// Counts `parts` adding up to the count `whole` (indices into the cells
/// given to [`withhold`]). A whole that is `None` is a published total
/// that is never withheld (the headline).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sum {
    pub parts: Vec<usize>,
    pub whole: Option<usize>,
}

/// Which of `cells` to withhold: every small one, then, until no sum has a
/// lone withheld figure among its parts and whole, the smallest other
/// non-zero part of such a sum (the first of equals; a zero only when no
/// other part has anyone, since a withheld zero can be pinned by a total of
/// zero elsewhere), or its whole when every part is already withheld.
/// Deterministic; never withholds a fixed whole.
pub fn withhold(cells: &[u64], sums: &[Sum]) -> Vec<bool> {
    let mut out: Vec<bool> = cells.iter().map(|n| is_small(*n)).collect();
    loop {
        let mut changed = false;
        for s in sums {
            let whole_withheld = s.whole.is_some_and(|w| out[w]);
            let withheld = s.parts.iter().filter(|p| out[**p]).count() + usize::from(whole_withheld);
            if withheld != 1 {
                continue;
            }
            let next = s
                .parts
                .iter()
                .copied()
                .filter(|p| !out[*p])
                .min_by_key(|p| (cells[*p] == 0, cells[*p], *p))
                .or(s.whole.filter(|w| !out[*w]));
            if let Some(i) = next {
                out[i] = true;
                changed = true;
            }
        }
        if !changed {
            return out;
        }
    }
}

/// Who reads a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Staff and administrators: every figure exact.
    Staff,
    /// Anonymous visitors and partner organisations: small counts withheld.
    Public,
}

/// A fiscal year's row as published.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublishedYear {
    /// The year the fiscal year begins in (2007 = 2007-04-01..2008-03-31).
    pub fiscal_year: i32,
    /// The Japanese form, e.g. 平成19年度.
    pub label_ja: String,
    /// Distinct trainees in editions of this fiscal year (always exact).
    pub trainees: u64,
    /// Distinct countries of those trainees.
    pub countries: u64,
    /// Trainees counted for the first time this year.
    pub new_trainees: u64,
    /// Trainees this year by region, every region listed (zero included);
    /// exact figures add up to `trainees`.
    pub by_region: Vec<PublishedRegionCount>,
    /// Distinct trainees from the first year up to and including this one.
    pub cumulative_trainees: u64,
    /// Distinct countries from the first year up to and including this one.
    pub cumulative_countries: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublishedRegionCount {
    pub region: Region,
    /// Null when withheld (see `withheld_below` on the report).
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub trainees: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublishedCountry {
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub name_en: String,
    pub name_ja: String,
    pub region: Region,
    /// Null when withheld (see `withheld_below` on the report).
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub trainees: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublishedRegion {
    pub region: Region,
    /// Null when withheld (see `withheld_below` on the report).
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub trainees: Option<u64>,
    /// Countries of the region with trainees.
    pub countries: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublishedCourse {
    pub programme_id: Id,
    /// The course's title.
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub title: Option<LocalText>,
    /// Null when withheld (see `withheld_below` on the report).
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub trainees: Option<u64>,
    /// Countries of the course's trainees.
    pub countries: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublishedGender {
    pub gender: Gender,
    /// Null when withheld (see `withheld_below` on the report).
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub trainees: Option<u64>,
}

/// Cumulative trainee statistics as of a date, as a reader may see them:
/// exact for staff; for anyone else, counts of people by nationality,
/// region, gender or course under `withheld_below` are null, and as few
/// others as it takes so that no total gives them back.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublishedReport {
    pub as_of: NaiveDate,
    /// The participation statuses counted as "accepted".
    pub counted_statuses: Vec<ParticipationStatus>,
    /// Distinct trainees (always exact).
    pub trainees: u64,
    /// Distinct countries of nationality (always exact).
    pub countries: u64,
    pub first_fiscal_year: Option<i32>,
    /// Null: every figure is exact (a staff reader). 3: counts of 1 and 2
    /// people are withheld (null), and as few others as it takes so that no
    /// published total gives them back by subtraction.
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub withheld_below: Option<u64>,
    pub by_fiscal_year: Vec<PublishedYear>,
    /// Most trainees first; withheld rows last, by country code.
    pub by_country: Vec<PublishedCountry>,
    pub by_region: Vec<PublishedRegion>,
    pub by_course: Vec<PublishedCourse>,
    pub by_gender: Vec<PublishedGender>,
}

/// Collects cells and sums while a report is taken apart.
#[derive(Default)]
struct Cells {
    values: Vec<u64>,
    sums: Vec<Sum>,
}

impl Cells {
    fn add(&mut self, n: u64) -> usize {
        self.values.push(n);
        self.values.len() - 1
    }
}

impl PublishedReport {
    /// The report as `audience` may read it.
    pub fn publish(r: &TraineeReport, audience: Audience) -> Self {
        let mut c = Cells::default();
        // Regions add up to the headline; each region's countries to the region.
        let regions: Vec<usize> = r.by_region.iter().map(|g| c.add(g.trainees)).collect();
        c.sums.push(Sum {
            parts: regions.clone(),
            whole: None,
        });
        let countries: Vec<usize> = r.by_country.iter().map(|k| c.add(k.trainees)).collect();
        for (ri, g) in r.by_region.iter().enumerate() {
            let parts = r
                .by_country
                .iter()
                .zip(&countries)
                .filter(|(k, _)| k.region == g.region)
                .map(|(_, i)| *i)
                .collect();
            c.sums.push(Sum {
                parts,
                whole: Some(regions[ri]),
            });
        }
        // Genders add up to the headline; so do courses when each person took
        // one (when they do not, the sum is not a published identity, and
        // holding it costs a little extra withholding, nothing more).
        let genders: Vec<usize> = r.by_gender.iter().map(|g| c.add(g.trainees)).collect();
        c.sums.push(Sum {
            parts: genders.clone(),
            whole: None,
        });
        let courses: Vec<usize> = r.by_course.iter().map(|k| c.add(k.trainees)).collect();
        c.sums.push(Sum {
            parts: courses.clone(),
            whole: None,
        });
        // Each fiscal year: its trainees (exact) by every region, zeros included.
        let years: Vec<Vec<usize>> = r
            .by_fiscal_year
            .iter()
            .map(|y| {
                Region::ALL
                    .iter()
                    .map(|region| {
                        let n = y
                            .by_region
                            .iter()
                            .find(|g| g.region == *region)
                            .map_or(0, |g| g.trainees);
                        c.add(n)
                    })
                    .collect()
            })
            .collect();
        for parts in &years {
            c.sums.push(Sum {
                parts: parts.clone(),
                whole: None,
            });
        }
        let hidden = match audience {
            Audience::Staff => vec![false; c.values.len()],
            Audience::Public => withhold(&c.values, &c.sums),
        };
        let shown = |i: usize| (!hidden[i]).then_some(c.values[i]);

        let mut by_country: Vec<PublishedCountry> = r
            .by_country
            .iter()
            .zip(&countries)
            .map(|(k, i)| PublishedCountry {
                country: k.country.clone(),
                name_en: k.name_en.clone(),
                name_ja: k.name_ja.clone(),
                region: k.region,
                trainees: shown(*i),
            })
            .collect();
        // Exact figures most first; withheld ones after, by code.
        by_country.sort_by(|a, b| {
            b.trainees
                .is_some()
                .cmp(&a.trainees.is_some())
                .then(b.trainees.cmp(&a.trainees))
                .then_with(|| a.country.cmp(&b.country))
        });
        PublishedReport {
            as_of: r.as_of,
            counted_statuses: r.counted_statuses.clone(),
            trainees: r.trainees,
            countries: r.countries,
            first_fiscal_year: r.first_fiscal_year,
            withheld_below: (audience == Audience::Public).then_some(WITHHELD_BELOW),
            by_fiscal_year: r
                .by_fiscal_year
                .iter()
                .zip(&years)
                .map(|(y, cells)| PublishedYear {
                    fiscal_year: y.fiscal_year,
                    label_ja: y.label_ja.clone(),
                    trainees: y.trainees,
                    countries: y.countries,
                    new_trainees: y.new_trainees,
                    by_region: Region::ALL
                        .iter()
                        .zip(cells)
                        .map(|(region, i)| PublishedRegionCount {
                            region: *region,
                            trainees: shown(*i),
                        })
                        .collect(),
                    cumulative_trainees: y.cumulative_trainees,
                    cumulative_countries: y.cumulative_countries,
                })
                .collect(),
            by_country,
            by_region: r
                .by_region
                .iter()
                .zip(&regions)
                .map(|(g, i)| PublishedRegion {
                    region: g.region,
                    trainees: shown(*i),
                    countries: g.countries,
                })
                .collect(),
            by_course: r
                .by_course
                .iter()
                .zip(&courses)
                .map(|(k, i)| PublishedCourse {
                    programme_id: k.programme_id,
                    title: k.title.clone(),
                    trainees: shown(*i),
                    countries: k.countries,
                })
                .collect(),
            by_gender: r
                .by_gender
                .iter()
                .zip(&genders)
                .map(|(g, i)| PublishedGender {
                    gender: g.gender,
                    trainees: shown(*i),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::{CountryCode, FiscalYear};
    use crate::training::stats::TraineeFact;

    fn sum(parts: &[usize], whole: Option<usize>) -> Sum {
        Sum {
            parts: parts.to_vec(),
            whole,
        }
    }

    #[test]
    fn small_counts_are_withheld_with_a_complement() {
        // 1 is small; 5 is the smallest other part, so it goes too; 0 and 40 stay.
        let w = withhold(&[40, 1, 5, 9], &[sum(&[0, 1, 2, 3], None)]);
        assert_eq!(w, [false, true, true, false]);
        // Two small parts protect each other.
        let w = withhold(&[40, 1, 2, 9], &[sum(&[0, 1, 2, 3], None)]);
        assert_eq!(w, [false, true, true, false]);
        // Nothing small: nothing withheld.
        assert_eq!(withhold(&[3, 4, 0], &[sum(&[0, 1, 2], None)]), [false; 3]);
    }

    #[test]
    fn a_zero_part_is_the_complement_only_when_no_other_is_left() {
        // A year of one trainee: their region and one empty region are withheld alike.
        let w = withhold(&[0, 1, 0], &[sum(&[0, 1, 2], None)]);
        assert_eq!(w, [true, true, false]);
        // Otherwise the smallest part with people in it.
        let w = withhold(&[0, 1, 7, 5], &[sum(&[0, 1, 2, 3], None)]);
        assert_eq!(w, [false, true, false, true]);
    }

    #[test]
    fn a_withheld_whole_pulls_in_one_of_its_parts() {
        // Regions 0 (=2) and 1 (=30) with the headline; region 1's countries 2 (=10), 3 (=20).
        let cells = [2, 30, 10, 20, 2];
        let sums = [sum(&[0, 1], None), sum(&[2, 3], Some(1)), sum(&[4], Some(0))];
        let w = withhold(&cells, &sums);
        // Region 0 is small, region 1 its complement; then region 1's smallest
        // country must go (else 30 - 20 gives it back); two withheld in that sum
        // suffice. Region 0's only country is small.
        assert_eq!(w, [true, true, true, false, true]);
    }

    #[test]
    fn a_region_of_one_country_follows_its_country() {
        // Two regions of one country each: the small one, and the other as its
        // complement; then that region's only country, which equals it.
        let w = withhold(
            &[2, 50, 2, 50],
            &[sum(&[0, 1], None), sum(&[2], Some(0)), sum(&[3], Some(1))],
        );
        assert_eq!(w, [true, true, true, true]);
    }

    fn fact(person: Id, country: &str, year: i32, gender: Gender) -> TraineeFact {
        TraineeFact {
            person_id: person,
            country: CountryCode::parse(country).unwrap(),
            gender,
            fiscal_year: FiscalYear::new(year).unwrap(),
            programme_id: 1,
        }
    }

    #[test]
    fn the_public_report_hides_small_cells_and_keeps_the_headline() {
        // 20 Thai, 12 Vietnamese, 1 Kenyan, 10 Peruvian, 5 Brazilian; one person of another gender.
        let mut facts = Vec::new();
        let mut id = 0;
        for (country, n, year) in [
            ("TH", 20, 2000),
            ("VN", 12, 2001),
            ("KE", 1, 2001),
            ("PE", 10, 2000),
            ("BR", 5, 2000),
        ] {
            for _ in 0..n {
                id += 1;
                let g = if id == 7 {
                    Gender::Other
                } else if id % 2 == 0 {
                    Gender::Female
                } else {
                    Gender::Male
                };
                facts.push(fact(id, country, year, g));
            }
        }
        let r = TraineeReport::compute(NaiveDate::from_ymd_opt(2008, 3, 31).unwrap(), &facts);
        let p = PublishedReport::publish(&r, Audience::Public);
        assert_eq!((p.trainees, p.countries, p.withheld_below), (48, 5, Some(3)));
        // Africa (KE, 1) is small; Latin America (15) is the smallest other region.
        let regions: Vec<_> = p.by_region.iter().map(|g| (g.region, g.trainees)).collect();
        assert_eq!(
            regions,
            [
                (Region::Africa, None),
                (Region::Asia, Some(32)),
                (Region::LatinAmerica, None)
            ]
        );
        // Kenya is small; Latin America withheld takes the smaller of its countries (BR)
        // with it; withheld rows come last, by code.
        let countries: Vec<_> = p.by_country.iter().map(|c| (c.country.as_str(), c.trainees)).collect();
        assert_eq!(
            countries,
            [
                ("TH", Some(20)),
                ("VN", Some(12)),
                ("PE", Some(10)),
                ("BR", None),
                ("KE", None)
            ]
        );
        // One person of another gender: withheld with the smaller of the others (23 men).
        let genders: Vec<_> = p.by_gender.iter().map(|g| (g.gender, g.trainees)).collect();
        assert_eq!(
            genders,
            [(Gender::Female, Some(24)), (Gender::Male, None), (Gender::Other, None)]
        );
        // FY2001: Asia 12, Africa 1 -> both withheld (the only other region with
        // anyone); the year's total stays.
        let fy2001 = p.by_fiscal_year.iter().find(|y| y.fiscal_year == 2001).unwrap();
        assert_eq!(fy2001.trainees, 13);
        let hidden: Vec<_> = fy2001
            .by_region
            .iter()
            .filter(|g| g.trainees.is_none())
            .map(|g| g.region)
            .collect();
        assert_eq!(hidden, [Region::Africa, Region::Asia]);
        assert_eq!(fy2001.by_region.len(), Region::ALL.len());
        // Staff read every figure.
        let s = PublishedReport::publish(&r, Audience::Staff);
        assert_eq!(s.withheld_below, None);
        assert!(s.by_country.iter().all(|c| c.trainees.is_some()));
        assert_eq!(s.by_country.iter().filter_map(|c| c.trainees).sum::<u64>(), 48);
    }
}
