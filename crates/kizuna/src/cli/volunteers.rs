//! `kizuna volunteers`: the volunteer placements (as a table, JSON or CSV)
//! and the documents that expire soon, as the staff dashboard warns of
//! them. Listing placements and documents shows people: the reads are
//! logged in the audit log as the console's are.

use std::path::PathBuf;

use anyhow::Context;
use clap::{Subcommand, ValueEnum};
use kizuna_app::training::transfer::FileFormat;
use kizuna_app::volunteers::placements::{PlacementFilter, PlacementRow};
use kizuna_domain::volunteers::placement::{PlacementDirection, Scheme};
use serde_json::json;

use super::{SimpleFormat, open};

#[derive(Clone, Copy, ValueEnum)]
pub enum ListFormat {
    Json,
    Csv,
    Table,
}

#[derive(Subcommand)]
pub enum Cmd {
    /// The placements, by planned start.
    List {
        /// jocv, fft, glocal or other.
        #[arg(long, value_parser = parse_scheme)]
        scheme: Option<Scheme>,
        /// outbound, inbound or local_pre_dispatch.
        #[arg(long, value_parser = parse_direction)]
        direction: Option<PlacementDirection>,
        /// Only those overlapping this fiscal year (April to March): 2022,
        /// FY2022 or 令和4年度.
        #[arg(long, value_parser = parse_fy)]
        fy: Option<i32>,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Placements from a CSV or XLSX file (columns: person, scheme,
    /// direction, host_locality_key, host_organisation_key, programme_key,
    /// planned_starts_on, planned_ends_on, actual_starts_on, actual_ends_on,
    /// area_en … area_ms, goals_en … goals_ms): every row, or nothing,
    /// each rejected value named by row, column and reason.
    Import {
        file: PathBuf,
        /// Check the file and report problems without writing anything.
        #[arg(long)]
        dry_run: bool,
    },
    /// Documents (passports, visas, residence cards, insurance) that
    /// expire within the window, and those expired while their placement
    /// runs, soonest first.
    Expiring {
        /// How far ahead: 30d, 2w or a number of days (at most 3650).
        #[arg(long, default_value = "30d", value_parser = parse_within)]
        within: i64,
        #[arg(long, value_enum, default_value_t = SimpleFormat::Table)]
        format: SimpleFormat,
    },
}

fn parse_scheme(s: &str) -> Result<Scheme, String> {
    s.parse()
        .map_err(|_| format!("\"{s}\" is not a scheme: write jocv, fft, glocal or other"))
}

fn parse_direction(s: &str) -> Result<PlacementDirection, String> {
    s.parse()
        .map_err(|_| format!("\"{s}\" is not a direction: write outbound, inbound or local_pre_dispatch"))
}

fn parse_fy(s: &str) -> Result<i32, String> {
    kizuna_domain::common::FiscalYear::parse(s)
        .map(kizuna_domain::common::FiscalYear::year)
        .map_err(|_| format!("\"{s}\" is not a fiscal year: write 2022, FY2022 or 令和4年度"))
}

/// A window in days: `30d`, `2w` or `30`; nothing else.
pub fn parse_within(s: &str) -> Result<i64, String> {
    let t = s.trim().to_ascii_lowercase();
    let (digits, factor) = if let Some(n) = t.strip_suffix('d') {
        (n, 1)
    } else if let Some(n) = t.strip_suffix('w') {
        (n, 7)
    } else {
        (t.as_str(), 1)
    };
    let refuse =
        || format!("\"{s}\" is not a window: write a number of days (30 or 30d) or of weeks (2w), at most 3650 days");
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(refuse());
    }
    let n: i64 = digits.parse().map_err(|_| refuse())?;
    let days = n.checked_mul(factor).ok_or_else(refuse)?;
    if days > 3650 { Err(refuse()) } else { Ok(days) }
}

fn csv_cell(s: &str) -> String {
    // A cell a spreadsheet would read as a formula is quoted with a '.
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn row_json(r: &PlacementRow) -> serde_json::Value {
    let p = &r.placement.fields;
    json!({
        "id": r.placement.id,
        "person_id": p.person_id,
        "person": r.person_name,
        "scheme": p.scheme,
        "direction": p.direction,
        "host_locality": r.host_locality.as_ref().map(|l| l.best("en").to_owned()),
        "host_organisation": r.host_organisation.as_ref().map(|l| l.best("en").to_owned()),
        "programme": r.programme.as_ref().map(|l| l.best("en").to_owned()),
        "planned_starts_on": p.planned_starts_on,
        "planned_ends_on": p.planned_ends_on,
        "actual_starts_on": p.actual_starts_on,
        "actual_ends_on": p.actual_ends_on,
        "area": p.area.best("en"),
        "paired_placement_id": p.paired_placement_id,
        "phase": r.phase,
    })
}

pub async fn run(url: &str, what: Cmd) -> anyhow::Result<()> {
    match what {
        Cmd::List {
            scheme,
            direction,
            fy,
            format,
        } => {
            let app = open(url).await?;
            let rows = app
                .placement_rows(&PlacementFilter {
                    scheme,
                    direction,
                    fiscal_year: fy,
                    person_id: None,
                })
                .await?;
            match format {
                ListFormat::Json => {
                    let items: Vec<_> = rows.iter().map(row_json).collect();
                    outln!("{}", serde_json::to_string_pretty(&items)?);
                }
                ListFormat::Csv => {
                    outln!(
                        "id,person,scheme,direction,host_locality,planned_starts_on,planned_ends_on,actual_starts_on,actual_ends_on,area,paired_placement_id"
                    );
                    for r in &rows {
                        let p = &r.placement.fields;
                        let cells = [
                            r.placement.id.to_string(),
                            r.person_name.clone(),
                            p.scheme.to_string(),
                            p.direction.to_string(),
                            r.host_locality
                                .as_ref()
                                .map(|l| l.best("en").to_owned())
                                .unwrap_or_default(),
                            p.planned_starts_on.to_string(),
                            p.planned_ends_on.to_string(),
                            p.actual_starts_on.map(|d| d.to_string()).unwrap_or_default(),
                            p.actual_ends_on.map(|d| d.to_string()).unwrap_or_default(),
                            p.area.best("en").to_owned(),
                            p.paired_placement_id.map(|d| d.to_string()).unwrap_or_default(),
                        ];
                        let line: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
                        outln!("{}", line.join(","));
                    }
                }
                ListFormat::Table => {
                    outln!(
                        "{:>5}  {:<24}  {:<7}  {:<19}  {:<23}  {:<10}  host",
                        "id",
                        "volunteer",
                        "scheme",
                        "direction",
                        "planned",
                        "stage"
                    );
                    for r in &rows {
                        let p = &r.placement.fields;
                        outln!(
                            "{:>5}  {:<24}  {:<7}  {:<19}  {} – {}  {:<10}  {}",
                            r.placement.id,
                            r.person_name,
                            p.scheme.as_str(),
                            p.direction.as_str(),
                            p.planned_starts_on,
                            p.planned_ends_on,
                            serde_json::to_value(r.phase)?.as_str().unwrap_or_default(),
                            r.host_locality.as_ref().map(|l| l.best("en")).unwrap_or("-")
                        );
                    }
                    eprintln!("{} placement(s)", rows.len());
                }
            }
            Ok(())
        }
        Cmd::Import { file, dry_run } => {
            let bytes = std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let format = FileFormat::detect(&file.to_string_lossy(), &bytes);
            let app = open(url).await?;
            let result = app.import_placements(&bytes, format, dry_run).await;
            app.store.close().await;
            let r = result?;
            if dry_run {
                eprintln!(
                    "{}: {} rows checked, no problems; nothing was written (dry run)",
                    file.display(),
                    r.rows
                );
            } else {
                eprintln!("{}: imported {} placements", file.display(), r.imported);
            }
            Ok(())
        }
        Cmd::Expiring { within, format } => {
            let app = open(url).await?;
            let list = app.expiring_documents(within).await?;
            match format {
                SimpleFormat::Json => outln!("{}", serde_json::to_string_pretty(&list)?),
                SimpleFormat::Table => {
                    outln!(
                        "{:>5}  {:<15}  {:<10}  {:>9}  {:<24}  placement",
                        "doc",
                        "kind",
                        "expires",
                        "days left",
                        "volunteer"
                    );
                    for e in &list {
                        outln!(
                            "{:>5}  {:<15}  {:<10}  {:>9}  {:<24}  {}{}",
                            e.document_id,
                            e.kind.as_str(),
                            e.expires_on,
                            e.days_left,
                            e.person_name,
                            e.placement_id,
                            if e.expired { "  EXPIRED" } else { "" }
                        );
                    }
                    eprintln!("{} document(s) expiring within {within} day(s) or expired", list.len());
                }
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_are_days_or_weeks() {
        assert_eq!(parse_within("30d"), Ok(30));
        assert_eq!(parse_within("2w"), Ok(14));
        assert_eq!(parse_within(" 45 "), Ok(45));
        assert_eq!(parse_within("0"), Ok(0));
        for bad in ["", "d", "30m", "-3d", "1.5w", "3 d", "99999d", "30days"] {
            let e = parse_within(bad).unwrap_err();
            assert!(e.contains("is not a window"), "{bad}: {e}");
        }
    }

    #[test]
    fn csv_cells_are_quoted_and_never_formulas() {
        assert_eq!(csv_cell("Akan, Kushiro"), "\"Akan, Kushiro\"");
        assert_eq!(csv_cell("=1+1"), "'=1+1");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
