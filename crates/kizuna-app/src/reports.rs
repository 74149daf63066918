//! Trainee statistics as of any date, and the people behind each figure.

use std::fmt::Write as _;

use kizuna_domain::common::person::Person;
use kizuna_domain::common::programme::Programme;
use kizuna_domain::training::stats::{TraineeFilter, TraineeReport};
use kizuna_store::Page;

use crate::{App, Result};

impl App {
    /// Cumulative and per-fiscal-year trainee statistics (see
    /// [`kizuna_domain::training::stats`] for what counts).
    pub async fn trainee_report(&self, filter: &TraineeFilter) -> Result<TraineeReport> {
        let as_of = filter.as_of.unwrap_or_else(|| self.today());
        let facts = self.store.trainee_facts(filter, as_of).await?;
        let mut report = TraineeReport::compute(as_of, &facts);
        for row in &mut report.by_course {
            if let Ok(p) = self.store.get::<Programme>(row.programme_id).await {
                row.title_en = Some(p.fields.title_en.to_string());
            }
        }
        Ok(report)
    }

    /// The distinct trainees a figure counts, by name, and their total.
    pub async fn trainee_drilldown(&self, filter: &TraineeFilter, page: Page) -> Result<(Vec<Person>, i64)> {
        let as_of = filter.as_of.unwrap_or_else(|| self.today());
        Ok(self.store.trainee_people(filter, as_of, page).await?)
    }
}

/// The report as CSV: one section per breakdown, each with its own header
/// row, so that a spreadsheet shows every figure.
pub fn report_csv(r: &TraineeReport) -> String {
    let mut w = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
    let rows: Vec<Vec<String>> = report_rows(r);
    for row in rows {
        // Writing to a Vec cannot fail.
        let _ = w.write_record(&row);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The report as an aligned text table for a terminal.
pub fn report_table(r: &TraineeReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Trainees as of {}: {} trainees from {} countries",
        r.as_of, r.trainees, r.countries
    );
    let _ = writeln!(
        out,
        "(counted statuses: {})",
        r.counted_statuses
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let mut section = |title: &str, header: &[&str], rows: Vec<Vec<String>>| {
        let _ = writeln!(out, "\n{title}");
        let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
        for row in &rows {
            for (i, c) in row.iter().enumerate() {
                widths[i] = widths[i].max(width(c));
            }
        }
        let line = |cells: Vec<String>| {
            cells
                .iter()
                .enumerate()
                .map(|(i, c)| format!("{}{}", c, " ".repeat(widths[i] - width(c))))
                .collect::<Vec<_>>()
                .join("  ")
                .trim_end()
                .to_owned()
        };
        let _ = writeln!(out, "{}", line(header.iter().map(|s| s.to_string()).collect()));
        for row in rows {
            let _ = writeln!(out, "{}", line(row));
        }
    };
    section(
        "By fiscal year",
        &[
            "fiscal_year",
            "era",
            "trainees",
            "countries",
            "new",
            "cumulative_trainees",
            "cumulative_countries",
        ],
        r.by_fiscal_year
            .iter()
            .map(|y| {
                vec![
                    format!("FY{}", y.fiscal_year),
                    y.label_ja.clone(),
                    y.trainees.to_string(),
                    y.countries.to_string(),
                    y.new_trainees.to_string(),
                    y.cumulative_trainees.to_string(),
                    y.cumulative_countries.to_string(),
                ]
            })
            .collect(),
    );
    section(
        "By region",
        &["region", "trainees", "countries"],
        r.by_region
            .iter()
            .map(|g| {
                vec![
                    g.region.name_en().to_owned(),
                    g.trainees.to_string(),
                    g.countries.to_string(),
                ]
            })
            .collect(),
    );
    section(
        "By country",
        &["country", "name", "region", "trainees"],
        r.by_country
            .iter()
            .map(|c| {
                vec![
                    c.country.clone(),
                    c.name_en.clone(),
                    c.region.to_string(),
                    c.trainees.to_string(),
                ]
            })
            .collect(),
    );
    section(
        "By course",
        &["programme_id", "course", "trainees", "countries"],
        r.by_course
            .iter()
            .map(|c| {
                vec![
                    c.programme_id.to_string(),
                    c.title_en.clone().unwrap_or_default(),
                    c.trainees.to_string(),
                    c.countries.to_string(),
                ]
            })
            .collect(),
    );
    section(
        "By gender",
        &["gender", "trainees"],
        r.by_gender
            .iter()
            .map(|g| vec![g.gender.to_string(), g.trainees.to_string()])
            .collect(),
    );
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

fn report_rows(r: &TraineeReport) -> Vec<Vec<String>> {
    let s = |v: &str| v.to_owned();
    let mut rows = vec![
        vec![s("as_of"), s("trainees"), s("countries")],
        vec![r.as_of.to_string(), r.trainees.to_string(), r.countries.to_string()],
        vec![],
        vec![
            s("fiscal_year"),
            s("era"),
            s("trainees"),
            s("countries"),
            s("new_trainees"),
            s("cumulative_trainees"),
            s("cumulative_countries"),
        ],
    ];
    for y in &r.by_fiscal_year {
        rows.push(vec![
            y.fiscal_year.to_string(),
            y.label_ja.clone(),
            y.trainees.to_string(),
            y.countries.to_string(),
            y.new_trainees.to_string(),
            y.cumulative_trainees.to_string(),
            y.cumulative_countries.to_string(),
        ]);
    }
    rows.push(vec![]);
    rows.push(vec![
        s("country"),
        s("name_en"),
        s("name_ja"),
        s("region"),
        s("trainees"),
    ]);
    for c in &r.by_country {
        rows.push(vec![
            c.country.clone(),
            c.name_en.clone(),
            c.name_ja.clone(),
            c.region.to_string(),
            c.trainees.to_string(),
        ]);
    }
    rows.push(vec![]);
    rows.push(vec![s("region"), s("trainees"), s("countries")]);
    for g in &r.by_region {
        rows.push(vec![
            g.region.to_string(),
            g.trainees.to_string(),
            g.countries.to_string(),
        ]);
    }
    rows.push(vec![]);
    rows.push(vec![s("programme_id"), s("course"), s("trainees"), s("countries")]);
    for c in &r.by_course {
        rows.push(vec![
            c.programme_id.to_string(),
            crate::transfer::escape_formula(c.title_en.as_deref().unwrap_or("")),
            c.trainees.to_string(),
            c.countries.to_string(),
        ]);
    }
    rows.push(vec![]);
    rows.push(vec![s("gender"), s("trainees")]);
    for g in &r.by_gender {
        rows.push(vec![g.gender.to_string(), g.trainees.to_string()]);
    }
    rows
}
