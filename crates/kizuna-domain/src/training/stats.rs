//! Trainee statistics by Japanese fiscal year, country, region, course and
//! gender, as of any date.
//!
//! # What counts
//! A person counts as a trainee accepted *as of* a date when they have a
//! participation with role `trainee`, a status in
//! [`ParticipationStatus::COUNTED`] (accepted, arrived, completed), in a
//! course edition that started on or before that date. People are counted
//! once however many courses they took (distinct people); a trainee's
//! country is their nationality. The store selects the participations by
//! this rule ([`TraineeFilter`]); [`TraineeReport::compute`] does the
//! counting, so every figure can be drilled down to the same people.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::common::person::Gender;
use crate::common::{CountryCode, FiscalYear, Id, Region};
use crate::training::participation::ParticipationStatus;

/// One counted trainee participation, as the store returns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraineeFact {
    pub person_id: Id,
    pub country: CountryCode,
    pub gender: Gender,
    pub fiscal_year: FiscalYear,
    pub programme_id: Id,
}

/// The counted trainees grouped three ways, as a database can count them
/// without sending every participation: enough to build the whole report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TraineeAggregates {
    /// People by the fiscal year they were first counted, nationality and
    /// gender: (first year, country, gender, people).
    pub by_first_year: Vec<(FiscalYear, CountryCode, Gender, u64)>,
    /// Distinct people per fiscal year and nationality.
    pub by_year_country: Vec<(FiscalYear, CountryCode, u64)>,
    /// Per course: distinct people and distinct countries of them.
    pub by_course: Vec<(Id, u64, u64)>,
}

impl TraineeAggregates {
    /// The same groups, counted from facts (by sorting: fast for 100,000s).
    pub fn from_facts(facts: &[TraineeFact]) -> Self {
        // Distinct (key, person) pairs, counted per key.
        fn distinct_per<K: Ord + Copy>(mut pairs: Vec<(K, Id)>) -> Vec<(K, u64)> {
            pairs.sort_unstable();
            pairs.dedup();
            let mut out: Vec<(K, u64)> = Vec::new();
            for (k, _) in pairs {
                match out.last_mut() {
                    Some((last, n)) if *last == k => *n += 1,
                    _ => out.push((k, 1)),
                }
            }
            out
        }
        let mut people: Vec<(Id, FiscalYear, CountryCode, Gender)> = facts
            .iter()
            .map(|f| (f.person_id, f.fiscal_year, f.country, f.gender))
            .collect();
        people.sort_unstable();
        // The first row per person has their first fiscal year.
        people.dedup_by_key(|p| p.0);
        let mut by_first: Vec<((FiscalYear, CountryCode, Gender), Id)> =
            people.into_iter().map(|(id, y, c, g)| ((y, c, g), id)).collect();
        by_first.sort_unstable();
        let by_first_year = distinct_per(by_first)
            .into_iter()
            .map(|((y, c, g), n)| (y, c, g, n))
            .collect();
        let by_year_country = distinct_per(
            facts
                .iter()
                .map(|f| ((f.fiscal_year, f.country), f.person_id))
                .collect(),
        )
        .into_iter()
        .map(|((y, c), n)| (y, c, n))
        .collect();
        let mut by_course: Vec<(Id, u64, u64)> = Vec::new();
        let course_country = distinct_per(
            facts
                .iter()
                .map(|f| ((f.programme_id, f.country), f.person_id))
                .collect(),
        );
        for ((id, _), n) in course_country {
            match by_course.last_mut() {
                Some((last, people, countries)) if *last == id => {
                    *people += n;
                    *countries += 1;
                }
                _ => by_course.push((id, n, 1)),
            }
        }
        TraineeAggregates {
            by_first_year,
            by_year_country,
            by_course,
        }
    }
}

/// Which counted trainees a report or a drill-down covers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema, utoipa::IntoParams))]
pub struct TraineeFilter {
    /// Count editions started on or before this date (default: today).
    pub as_of: Option<NaiveDate>,
    pub fiscal_year: Option<FiscalYear>,
    pub country: Option<CountryCode>,
    pub region: Option<Region>,
    /// The course (programme id).
    pub programme_id: Option<Id>,
    pub gender: Option<Gender>,
    /// The office that keeps the participations counted (default: every office).
    pub office_id: Option<Id>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FiscalYearRow {
    /// The year the fiscal year begins in (2007 = 2007-04-01..2008-03-31).
    pub fiscal_year: i32,
    /// The Japanese form, e.g. 平成19年度.
    pub label_ja: String,
    /// Distinct trainees in editions of this fiscal year.
    pub trainees: u64,
    /// Distinct countries of those trainees.
    pub countries: u64,
    /// Trainees counted for the first time this year.
    pub new_trainees: u64,
    /// Distinct trainees this year by region (a person has one nationality,
    /// so these add up to `trainees`).
    pub by_region: Vec<RegionCount>,
    /// Distinct trainees from the first year up to and including this one.
    pub cumulative_trainees: u64,
    /// Distinct countries from the first year up to and including this one.
    pub cumulative_countries: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegionCount {
    pub region: Region,
    pub trainees: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CountryRow {
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub name_en: String,
    pub name_ja: String,
    pub region: Region,
    pub trainees: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegionRow {
    pub region: Region,
    pub trainees: u64,
    pub countries: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CourseRow {
    pub programme_id: Id,
    /// The course's title; filled in by the caller, who can read it.
    pub title: Option<crate::common::LocalText>,
    pub trainees: u64,
    pub countries: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GenderRow {
    pub gender: Gender,
    pub trainees: u64,
}

/// Cumulative trainee statistics as of a date.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TraineeReport {
    pub as_of: NaiveDate,
    /// The participation statuses counted as "accepted".
    pub counted_statuses: Vec<ParticipationStatus>,
    /// Distinct trainees.
    pub trainees: u64,
    /// Distinct countries of nationality.
    pub countries: u64,
    pub first_fiscal_year: Option<i32>,
    pub by_fiscal_year: Vec<FiscalYearRow>,
    /// Most trainees first.
    pub by_country: Vec<CountryRow>,
    pub by_region: Vec<RegionRow>,
    pub by_course: Vec<CourseRow>,
    pub by_gender: Vec<GenderRow>,
}

impl TraineeReport {
    /// Build the report from grouped counts. Exact because a person has one
    /// nationality and one gender: counts per country and region add up.
    pub fn from_aggregates(as_of: NaiveDate, a: &TraineeAggregates) -> Self {
        let mut per_country: BTreeMap<CountryCode, u64> = BTreeMap::new();
        let mut per_gender: BTreeMap<Gender, u64> = BTreeMap::new();
        let mut new_by_year: BTreeMap<FiscalYear, u64> = BTreeMap::new();
        let mut country_first: BTreeMap<CountryCode, FiscalYear> = BTreeMap::new();
        for (y, c, g, n) in &a.by_first_year {
            *per_country.entry(*c).or_default() += n;
            *per_gender.entry(*g).or_default() += n;
            *new_by_year.entry(*y).or_default() += n;
            country_first.entry(*c).and_modify(|f| *f = (*f).min(*y)).or_insert(*y);
        }
        let mut new_countries: BTreeMap<FiscalYear, u64> = BTreeMap::new();
        for y in country_first.values() {
            *new_countries.entry(*y).or_default() += 1;
        }
        let mut per_year: BTreeMap<FiscalYear, (u64, u64, BTreeMap<Region, u64>)> = BTreeMap::new();
        for (y, c, n) in &a.by_year_country {
            let e = per_year.entry(*y).or_default();
            e.0 += n;
            e.1 += 1;
            *e.2.entry(c.region()).or_default() += n;
        }
        let mut by_fiscal_year = Vec::new();
        let (mut cum_t, mut cum_c) = (0, 0);
        if let (Some(first), Some(last)) = (per_year.keys().next().copied(), per_year.keys().last().copied()) {
            let mut fy = first;
            loop {
                let (t, c, regions) = per_year.get(&fy).cloned().unwrap_or_default();
                let new = new_by_year.get(&fy).copied().unwrap_or(0);
                cum_t += new;
                cum_c += new_countries.get(&fy).copied().unwrap_or(0);
                by_fiscal_year.push(FiscalYearRow {
                    fiscal_year: fy.year(),
                    label_ja: fy.era_label(),
                    trainees: t,
                    countries: c,
                    new_trainees: new,
                    by_region: regions
                        .into_iter()
                        .map(|(region, trainees)| RegionCount { region, trainees })
                        .collect(),
                    cumulative_trainees: cum_t,
                    cumulative_countries: cum_c,
                });
                if fy >= last {
                    break;
                }
                fy = fy.next();
            }
        }
        let mut by_country: Vec<CountryRow> = per_country
            .iter()
            .map(|(code, n)| {
                let c = code.country();
                CountryRow {
                    country: code.to_string(),
                    name_en: c.name_en.to_owned(),
                    name_ja: c.name_ja.to_owned(),
                    region: c.region,
                    trainees: *n,
                }
            })
            .collect();
        by_country.sort_by(|a, b| b.trainees.cmp(&a.trainees).then_with(|| a.country.cmp(&b.country)));
        let mut per_region: BTreeMap<Region, (u64, u64)> = BTreeMap::new();
        for (code, n) in &per_country {
            let r = per_region.entry(code.region()).or_default();
            r.0 += n;
            r.1 += 1;
        }
        let mut per_course: BTreeMap<Id, (u64, u64)> = BTreeMap::new();
        for (id, people, countries) in &a.by_course {
            let e = per_course.entry(*id).or_default();
            e.0 += people;
            e.1 += countries;
        }
        TraineeReport {
            as_of,
            counted_statuses: ParticipationStatus::COUNTED.to_vec(),
            trainees: per_country.values().sum(),
            countries: per_country.len() as u64,
            first_fiscal_year: new_by_year.keys().next().map(|y| y.year()),
            by_fiscal_year,
            by_country,
            by_region: per_region
                .into_iter()
                .map(|(region, (trainees, countries))| RegionRow {
                    region,
                    trainees,
                    countries,
                })
                .collect(),
            by_course: per_course
                .into_iter()
                .map(|(programme_id, (trainees, countries))| CourseRow {
                    programme_id,
                    title: None,
                    trainees,
                    countries,
                })
                .collect(),
            by_gender: per_gender
                .into_iter()
                .map(|(gender, trainees)| GenderRow { gender, trainees })
                .collect(),
        }
    }

    /// Count the facts (already selected by the rule above).
    pub fn compute(as_of: NaiveDate, facts: &[TraineeFact]) -> Self {
        Self::from_aggregates(as_of, &TraineeAggregates::from_facts(facts))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(person: Id, country: &str, year: i32, course: Id) -> TraineeFact {
        TraineeFact {
            person_id: person,
            country: CountryCode::parse(country).unwrap(),
            gender: if person % 2 == 0 { Gender::Female } else { Gender::Male },
            fiscal_year: FiscalYear::new(year).unwrap(),
            programme_id: course,
        }
    }

    #[test]
    fn counts_distinct_people_and_countries() {
        // Person 1 (TH) trains twice; person 2 (TH), 3 (KE), 4 (PE) once; FY1994 is empty.
        let facts = [
            fact(1, "TH", 1992, 10),
            fact(1, "TH", 1995, 11),
            fact(2, "TH", 1993, 10),
            fact(3, "KE", 1993, 10),
            fact(4, "PE", 1995, 11),
        ];
        let as_of = NaiveDate::from_ymd_opt(1996, 3, 31).unwrap();
        let r = TraineeReport::compute(as_of, &facts);
        assert_eq!((r.trainees, r.countries), (4, 3));
        assert_eq!(r.first_fiscal_year, Some(1992));
        let years: Vec<_> = r
            .by_fiscal_year
            .iter()
            .map(|y| {
                (
                    y.fiscal_year,
                    y.trainees,
                    y.countries,
                    y.new_trainees,
                    y.cumulative_trainees,
                    y.cumulative_countries,
                )
            })
            .collect();
        assert_eq!(
            years,
            [
                (1992, 1, 1, 1, 1, 1),
                (1993, 2, 2, 2, 3, 2),
                (1994, 0, 0, 0, 3, 2),
                (1995, 2, 2, 1, 4, 3)
            ]
        );
        assert_eq!(r.by_fiscal_year[0].label_ja, "平成4年度");
        let fy1993: Vec<_> = r.by_fiscal_year[1]
            .by_region
            .iter()
            .map(|g| (g.region, g.trainees))
            .collect();
        assert_eq!(fy1993, [(Region::Africa, 1), (Region::Asia, 1)]);
        for y in &r.by_fiscal_year {
            assert_eq!(y.by_region.iter().map(|g| g.trainees).sum::<u64>(), y.trainees);
        }
        let countries: Vec<_> = r.by_country.iter().map(|c| (c.country.as_str(), c.trainees)).collect();
        assert_eq!(countries, [("TH", 2), ("KE", 1), ("PE", 1)]);
        let regions: Vec<_> = r
            .by_region
            .iter()
            .map(|g| (g.region, g.trainees, g.countries))
            .collect();
        assert_eq!(
            regions,
            [
                (Region::Africa, 1, 1),
                (Region::Asia, 2, 1),
                (Region::LatinAmerica, 1, 1)
            ]
        );
        let courses: Vec<_> = r
            .by_course
            .iter()
            .map(|c| (c.programme_id, c.trainees, c.countries))
            .collect();
        assert_eq!(courses, [(10, 3, 2), (11, 2, 2)]);
        let genders: Vec<_> = r.by_gender.iter().map(|g| (g.gender, g.trainees)).collect();
        assert_eq!(genders, [(Gender::Female, 2), (Gender::Male, 2)]);
        // Sums that must hold whatever the data.
        assert_eq!(r.by_country.iter().map(|c| c.trainees).sum::<u64>(), r.trainees);
        assert_eq!(r.by_fiscal_year.last().unwrap().cumulative_trainees, r.trainees);
        assert_eq!(r.by_fiscal_year.last().unwrap().cumulative_countries, r.countries);
    }

    #[test]
    fn empty_store_reports_zero() {
        let r = TraineeReport::compute(NaiveDate::from_ymd_opt(2008, 3, 31).unwrap(), &[]);
        assert_eq!((r.trainees, r.countries), (0, 0));
        assert!(r.by_fiscal_year.is_empty());
        assert_eq!(r.first_fiscal_year, None);
    }
}
