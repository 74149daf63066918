//! Trainee statistics as of any date, and the people behind each figure.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Mutex;

use kizuna_domain::System;
use kizuna_domain::common::person::Person;
use kizuna_domain::common::programme::Programme;
use kizuna_domain::training::stats::{TraineeFilter, TraineeReport};
use kizuna_store::Page;

use crate::{App, Result};

/// The systems the trainee statistics are computed from: people and
/// courses (common) and editions and participations (training). A write to
/// either, on any server, makes every server compute afresh; a write to
/// another system (a place, an award) does not.
const REPORT_SYSTEMS: [System; 2] = [System::Common, System::Training];

/// Reports already computed, each with the versions of [`REPORT_SYSTEMS`]
/// it was computed at.
#[derive(Default)]
pub struct ReportCache(Mutex<HashMap<TraineeFilter, (Vec<i64>, TraineeReport)>>);

impl App {
    /// Cumulative and per-fiscal-year trainee statistics (see
    /// [`kizuna_domain::training::stats`] for what counts).
    pub async fn trainee_report(&self, filter: &TraineeFilter) -> Result<TraineeReport> {
        let as_of = filter.as_of.unwrap_or_else(|| self.today());
        let key = TraineeFilter {
            as_of: Some(as_of),
            ..filter.clone()
        };
        let version = self.store.system_versions(&REPORT_SYSTEMS).await?;
        if let Some((v, r)) = self
            .report_cache
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(&key)
            && *v == version
        {
            return Ok(r.clone());
        }
        let report = self.compute_trainee_report(&key, as_of).await?;
        let mut cache = self
            .report_cache
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if cache.len() >= 256 {
            cache.clear();
        }
        cache.insert(key, (version, report.clone()));
        Ok(report)
    }

    async fn compute_trainee_report(&self, filter: &TraineeFilter, as_of: chrono::NaiveDate) -> Result<TraineeReport> {
        let groups = self.store.trainee_aggregates(filter, as_of).await?;
        let mut report = TraineeReport::from_aggregates(as_of, &groups);
        // The courses' titles in one read per 500, not one per course.
        let ids: Vec<i64> = report.by_course.iter().map(|r| r.programme_id).collect();
        let titles: HashMap<i64, _> = self
            .store
            .get_many::<Programme>(&ids)
            .await?
            .into_iter()
            .map(|p| (p.id, p.fields.title))
            .collect();
        for row in &mut report.by_course {
            row.title = titles.get(&row.programme_id).cloned();
        }
        Ok(report)
    }

    /// The distinct trainees a figure counts, by name, and their total.
    pub async fn trainee_drilldown(&self, filter: &TraineeFilter, page: Page) -> Result<(Vec<Person>, i64)> {
        let as_of = filter.as_of.unwrap_or_else(|| self.today());
        let filter = TraineeFilter {
            as_of: Some(as_of),
            ..filter.clone()
        };
        // The total is the report's figure for the same filter (computed once per data version).
        let total = self.trainee_report(&filter).await?.trainees;
        let people = self.store.trainee_people(&filter, as_of, page).await?;
        self.note_people_viewed(&people, "report people").await?;
        Ok((people, i64::try_from(total).unwrap_or(i64::MAX)))
    }
}

/// One breakdown of a report: a title, column names and rows of cells.
struct Section {
    title: &'static str,
    header: &'static [&'static str],
    rows: Vec<Vec<String>>,
}

/// Every breakdown of a report, in the order people read them; the CSV and
/// the terminal table are two renderings of these.
fn sections(r: &TraineeReport) -> Vec<Section> {
    let n = |v: u64| v.to_string();
    vec![
        Section {
            title: "By fiscal year",
            header: &[
                "fiscal_year",
                "era",
                "trainees",
                "countries",
                "new_trainees",
                "cumulative_trainees",
                "cumulative_countries",
            ],
            rows: r
                .by_fiscal_year
                .iter()
                .map(|y| {
                    vec![
                        y.fiscal_year.to_string(),
                        y.label_ja.clone(),
                        n(y.trainees),
                        n(y.countries),
                        n(y.new_trainees),
                        n(y.cumulative_trainees),
                        n(y.cumulative_countries),
                    ]
                })
                .collect(),
        },
        Section {
            title: "By region",
            header: &["region", "trainees", "countries"],
            rows: r
                .by_region
                .iter()
                .map(|g| vec![g.region.to_string(), n(g.trainees), n(g.countries)])
                .collect(),
        },
        Section {
            title: "By country",
            header: &["country", "name_en", "name_ja", "region", "trainees"],
            rows: r
                .by_country
                .iter()
                .map(|c| {
                    vec![
                        c.country.clone(),
                        c.name_en.clone(),
                        c.name_ja.clone(),
                        c.region.to_string(),
                        n(c.trainees),
                    ]
                })
                .collect(),
        },
        Section {
            title: "By course",
            header: &["programme_id", "course", "trainees", "countries"],
            rows: r
                .by_course
                .iter()
                .map(|c| {
                    let title = kizuna_io::table::escape_formula(c.title.as_ref().map(|t| t.best("en")).unwrap_or(""));
                    vec![c.programme_id.to_string(), title, n(c.trainees), n(c.countries)]
                })
                .collect(),
        },
        Section {
            title: "By gender",
            header: &["gender", "trainees"],
            rows: r
                .by_gender
                .iter()
                .map(|g| vec![g.gender.to_string(), n(g.trainees)])
                .collect(),
        },
    ]
}

/// The report as CSV: the totals, then one block per breakdown, each with
/// its own header row and a blank line between, so a spreadsheet shows
/// every figure.
pub fn report_csv(r: &TraineeReport) -> String {
    let owned = |h: &[&str]| h.iter().map(ToString::to_string).collect::<Vec<_>>();
    let mut blocks = vec![vec![
        owned(&["as_of", "trainees", "countries"]),
        vec![r.as_of.to_string(), r.trainees.to_string(), r.countries.to_string()],
    ]];
    for s in sections(r) {
        blocks.push(std::iter::once(owned(s.header)).chain(s.rows).collect());
    }
    kizuna_io::table::csv_blocks(&blocks)
}

/// The report as aligned text tables for a terminal.
pub fn report_table(r: &TraineeReport) -> String {
    let mut out = String::new();
    let statuses: Vec<&str> = r.counted_statuses.iter().map(|s| s.as_str()).collect();
    // The plural forms come from the catalogue ("1 country", "2 countries").
    let args = [
        ("date", kizuna_i18n::FluentValue::from(r.as_of.to_string())),
        ("trainees", kizuna_i18n::FluentValue::from(r.trainees)),
        ("countries", kizuna_i18n::FluentValue::from(r.countries)),
    ];
    let _ = writeln!(
        out,
        "{}",
        kizuna_i18n::message(kizuna_i18n::Lang::En, "stats-report-headline", &args)
    );
    let _ = writeln!(out, "(counted statuses: {})", statuses.join(", "));
    for s in sections(r) {
        let mut widths: Vec<usize> = s.header.iter().map(|h| width(h)).collect();
        for row in &s.rows {
            for (i, c) in row.iter().enumerate() {
                widths[i] = widths[i].max(width(c));
            }
        }
        let line = |cells: &[String]| {
            let padded: Vec<String> = cells
                .iter()
                .enumerate()
                .map(|(i, c)| format!("{c}{}", " ".repeat(widths[i] - width(c))))
                .collect();
            padded.join("  ").trim_end().to_owned()
        };
        let _ = writeln!(out, "\n{}", s.title);
        let _ = writeln!(
            out,
            "{}",
            line(&s.header.iter().map(ToString::to_string).collect::<Vec<_>>())
        );
        for row in &s.rows {
            let _ = writeln!(out, "{}", line(row));
        }
    }
    out
}

/// Columns a string takes in a terminal: East Asian wide characters take two.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}
