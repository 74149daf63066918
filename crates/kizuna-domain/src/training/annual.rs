//! The annual report of one Japanese fiscal year (April to March) as plain
//! data: what the application assembles from the records and the HTML and
//! PDF layouts print. Every text is already in the reader's language (or
//! marked with the language it falls back to); every list may be empty,
//! and the layouts then say "none recorded" rather than leave it out.
//!
//! What is pure about assembling it lives here: which fiscal year a month
//! or a span of days belongs to, and the visitor flows of a year summed by
//! pair of areas with the stages of their figures.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::common::FiscalYear;

/// A text as a reader sees it: `text` in `lang`; `fallback` when the
/// record had none in the reader's language (the text then names its own).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Shown {
    pub text: String,
    /// BCP 47 code of the language `text` is written in.
    pub lang: String,
    pub fallback: bool,
}

/// The annual report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnnualReport {
    /// The year the fiscal year begins in (2007 = 2007-04-01..2008-03-31).
    pub fiscal_year: i32,
    /// The fiscal year as the reader writes it (e.g. 平成19年度, FY2007).
    pub fiscal_year_label: String,
    /// The reader's language (en, ja, th, ms).
    pub lang: String,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub trainees: TraineeSummary,
    /// Course editions of the year.
    pub courses: Vec<CourseLine>,
    pub delegations: Vec<EventLine>,
    pub dispatches: Vec<EventLine>,
    pub symposiums: Vec<EventLine>,
    pub courtesy_calls: Vec<EventLine>,
    pub awards: Vec<EventLine>,
    pub volunteers: VolunteerSummary,
    pub outcomes: OutcomeSummary,
    pub tourism: TourismSummary,
    pub photos: Vec<PhotoLine>,
}

/// Trainees: the year's and the cumulative figures, the same as the
/// statistics as of the fiscal year's last day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TraineeSummary {
    /// The last day of the fiscal year: cumulative figures count editions
    /// started on or before it.
    pub as_of: NaiveDate,
    /// The first fiscal year with trainees (the cumulative figures count from it).
    pub since_fiscal_year: Option<i32>,
    /// Distinct trainees in editions of the year.
    pub year_trainees: u64,
    /// Their distinct countries.
    pub year_countries: u64,
    /// Trainees counted for the first time this year.
    pub new_trainees: u64,
    /// Distinct trainees from the first year to this one.
    pub cumulative_trainees: u64,
    /// Distinct countries from the first year to this one.
    pub cumulative_countries: u64,
    /// Every fiscal year up to this one (the cumulative line).
    pub by_year: Vec<YearPoint>,
    /// This year's trainees by region (the bars).
    pub by_region: Vec<RegionBar>,
    /// This year's trainees by country, most first.
    pub by_country: Vec<CountryLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearPoint {
    pub fiscal_year: i32,
    pub trainees: u64,
    pub cumulative_trainees: u64,
    pub cumulative_countries: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegionBar {
    /// The region's key (asia, africa, …).
    pub region: String,
    pub name: String,
    pub trainees: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CountryLine {
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub name: String,
    pub trainees: u64,
}

/// A course edition of the year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CourseLine {
    pub title: Shown,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// Distinct trainees counted in the edition.
    pub trainees: u64,
}

/// A dated record of the exchanges: a delegation, a dispatch, a
/// symposium, a courtesy call or an award.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventLine {
    pub title: Shown,
    /// Who, where or what for (a delegation's organisation and country, a
    /// dispatch's country, a symposium's venue, a call's host, an award's
    /// recipient and giver), in the reader's language.
    pub detail: Option<String>,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
}

/// Volunteers: placements under way during the year and the hours
/// approved for work done in it (aggregates only: no names).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VolunteerSummary {
    pub placements: u64,
    pub volunteers: u64,
    /// Approved hours worked within the year.
    pub hours: f64,
    pub entries: u64,
}

/// Partnership outcomes of the year by side, and the causal chains that led to them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutcomeSummary {
    /// Changes on the Japanese side.
    pub japan: Vec<OutcomeLine>,
    /// Changes on the partner side (abroad).
    pub partner: Vec<OutcomeLine>,
    /// Changes on both sides.
    pub both: Vec<OutcomeLine>,
    /// Each chain from its first cause to an outcome of the year, as the
    /// titles of its steps.
    pub chains: Vec<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutcomeLine {
    pub title: Shown,
    pub occurred_on: NaiveDate,
    /// The kind of change, in the reader's language.
    pub kind: String,
}

/// Visitor flows of the year's months, summed by pair of areas.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TourismSummary {
    pub flows: Vec<FlowLine>,
    /// The notes of the imports that wrote these figures, each once (e.g.
    /// the demo's "fictional figures").
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FlowLine {
    pub origin: String,
    pub destination: String,
    pub visitors: u64,
    /// Months with a figure.
    pub months: u32,
    /// The stages of the figures summed (preliminary, provisional,
    /// definitive), each once, earliest first; footnoted by the layouts.
    pub stages: Vec<String>,
}

/// A photo of one of the year's records, with its caption.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PhotoLine {
    pub id: i64,
    pub caption: Shown,
    pub taken_on: Option<NaiveDate>,
    /// image/jpeg, image/png or image/webp.
    pub mime: String,
    pub width: u32,
    pub height: u32,
    /// The photo's bytes in base64, for the HTML's data URI (not in the JSON).
    #[serde(skip)]
    pub base64: String,
}

/// Whether a span of days touches the fiscal year.
pub fn overlaps(fy: FiscalYear, first: NaiveDate, last: NaiveDate) -> bool {
    first <= fy.last_day() && last.max(first) >= fy.first_day()
}

/// Whether a month (year, 1–12) is one of the fiscal year's.
pub fn month_in(fy: FiscalYear, year: i32, month: u32) -> bool {
    NaiveDate::from_ymd_opt(year, month, 1).is_some_and(|d| fy.contains(d))
}

/// One figure of a flow: (origin, destination, year, month, stage rank, stage key, visitors).
pub struct FlowFigure<'a> {
    pub origin: &'a str,
    pub destination: &'a str,
    pub year: i32,
    pub month: u32,
    /// Orders the stages: lower is earlier.
    pub stage_rank: u8,
    pub stage: &'a str,
    pub visitors: u64,
}

/// The year's figures summed by (origin, destination), the stages shown
/// once each (earliest first), pairs ordered by visitors (most first).
pub fn sum_flows<'a>(fy: FiscalYear, figures: impl IntoIterator<Item = FlowFigure<'a>>) -> Vec<FlowLine> {
    /// Visitors, months and the stages seen (by rank) of one pair.
    type Sum<'s> = (u64, u32, BTreeMap<u8, &'s str>);
    let mut pairs: BTreeMap<(&str, &str), Sum<'_>> = BTreeMap::new();
    for f in figures {
        if !month_in(fy, f.year, f.month) {
            continue;
        }
        let e = pairs.entry((f.origin, f.destination)).or_default();
        e.0 += f.visitors;
        e.1 += 1;
        e.2.insert(f.stage_rank, f.stage);
    }
    let mut out: Vec<FlowLine> = pairs
        .into_iter()
        .map(|((o, d), (visitors, months, stages))| FlowLine {
            origin: o.to_owned(),
            destination: d.to_owned(),
            visitors,
            months,
            stages: stages.into_values().map(str::to_owned).collect(),
        })
        .collect();
    out.sort_by_key(|l| std::cmp::Reverse(l.visitors));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fy(y: i32) -> FiscalYear {
        FiscalYear::new(y).expect("a fiscal year")
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("a date")
    }

    #[test]
    fn spans_and_months_belong_to_april_to_march() {
        assert!(overlaps(fy(2007), day("2007-03-25"), day("2007-04-02")));
        assert!(!overlaps(fy(2007), day("2007-03-01"), day("2007-03-31")));
        assert!(overlaps(fy(2007), day("2008-03-31"), day("2008-03-31")));
        assert!(!overlaps(fy(2007), day("2008-04-01"), day("2008-04-03")));
        assert!(month_in(fy(2023), 2024, 3));
        assert!(!month_in(fy(2023), 2023, 3));
    }

    #[test]
    fn flows_are_summed_by_pair_within_the_year_with_their_stages() {
        let f = |o, d, year, month, rank, stage, visitors| FlowFigure {
            origin: o,
            destination: d,
            year,
            month,
            stage_rank: rank,
            stage,
            visitors,
        };
        let lines = sum_flows(
            fy(2023),
            [
                f("TH", "jp/hokkaido", 2023, 4, 2, "definitive", 100),
                f("TH", "jp/hokkaido", 2024, 3, 0, "preliminary", 50),
                f("TH", "jp/hokkaido", 2024, 4, 0, "preliminary", 999),
                f("jp/hokkaido", "TH", 2023, 9, 1, "provisional", 400),
            ],
        );
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].origin, "jp/hokkaido");
        assert_eq!(lines[0].visitors, 400);
        assert_eq!(lines[1].visitors, 150);
        assert_eq!(lines[1].months, 2);
        assert_eq!(lines[1].stages, vec!["preliminary", "definitive"]);
    }
}
