//! `kizuna exchanges`: the exchanges (delegations received, staff
//! dispatched, symposiums hosted, courtesy calls, awards) of a fiscal year
//! or of all years, listed as a table, JSON or CSV, or exported as CSV,
//! XLSX or JSON. The same rows as the console's overview. Delegations
//! imported from a CSV or XLSX file, all or nothing.

use std::path::PathBuf;

use anyhow::Context;
use clap::{Subcommand, ValueEnum};
use kizuna_app::exchanges::{ExchangeKind, ExchangeRow, export_exchanges};
use kizuna_app::training::transfer::FileFormat;
use kizuna_domain::common::FiscalYear;

use super::open;

#[derive(Clone, Copy, ValueEnum)]
pub enum ListFormat {
    Json,
    Csv,
    Table,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Xlsx,
    Json,
}

#[derive(Subcommand)]
pub enum Cmd {
    /// The exchanges by date.
    List {
        /// delegation, dispatch, symposium, courtesy-call or award.
        #[arg(long, value_parser = parse_kind)]
        kind: Option<ExchangeKind>,
        /// Only this fiscal year (April to March): 2007, FY2007 or 平成19年度.
        #[arg(long, value_parser = parse_fy)]
        fy: Option<FiscalYear>,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// The exchanges as a file (CSV and JSON to standard output unless --out).
    Export {
        #[arg(long, value_parser = parse_kind)]
        kind: Option<ExchangeKind>,
        #[arg(long, value_parser = parse_fy)]
        fy: Option<FiscalYear>,
        #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
        format: ExportFormat,
        /// The file to write (needed for XLSX).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Records from a CSV or XLSX file: every row, or nothing, each
    /// rejected value named by row, column and reason.
    #[command(subcommand)]
    Import(ImportCmd),
}

#[derive(Subcommand)]
pub enum ImportCmd {
    /// Delegations received, one row each (columns: country, as a code or
    /// a name; organisation_key, or organisation_name_en … _ms; arrives_on;
    /// leaves_on; purpose_en … purpose_ms; programme_key; members, names
    /// separated by ';'; public, yes or no).
    Delegations {
        file: PathBuf,
        /// Check the file and report problems without writing anything.
        #[arg(long)]
        dry_run: bool,
    },
}

fn parse_kind(s: &str) -> Result<ExchangeKind, String> {
    s.replace('-', "_").parse().map_err(|_| {
        format!("\"{s}\" is not a kind of exchange: write delegation, dispatch, symposium, courtesy-call or award")
    })
}

fn parse_fy(s: &str) -> Result<FiscalYear, String> {
    FiscalYear::parse(s).map_err(|_| format!("\"{s}\" is not a fiscal year: write 2007, FY2007 or 平成19年度"))
}

fn table(rows: &[ExchangeRow], format: FileFormat) -> anyhow::Result<Vec<u8>> {
    Ok(export_exchanges(rows, format)?)
}

pub async fn run(url: &str, what: Cmd) -> anyhow::Result<()> {
    match what {
        Cmd::List { kind, fy, format } => {
            let app = open(url).await?;
            let rows = app.exchanges(fy, kind).await?;
            match format {
                ListFormat::Json => {
                    outln!("{}", serde_json::to_string_pretty(&rows)?);
                }
                ListFormat::Csv => {
                    outln!("{}", String::from_utf8(table(&rows, FileFormat::Csv)?)?.trim_end());
                }
                ListFormat::Table => {
                    if rows.is_empty() {
                        outln!("no exchanges");
                    }
                    for r in &rows {
                        outln!(
                            "{:<14} {:>5}  FY{}  {} – {}  {:<3} {}",
                            r.kind.as_str().replace('_', "-"),
                            r.id,
                            r.fiscal_year(),
                            r.starts_on,
                            r.ends_on,
                            r.country.as_deref().unwrap_or("-"),
                            r.title.best("en")
                        );
                    }
                }
            }
        }
        Cmd::Export { kind, fy, format, out } => {
            let app = open(url).await?;
            let rows = app.exchanges(fy, kind).await?;
            let bytes = match format {
                ExportFormat::Csv => table(&rows, FileFormat::Csv)?,
                ExportFormat::Json => table(&rows, FileFormat::Json)?,
                ExportFormat::Xlsx => table(&rows, FileFormat::Xlsx)?,
            };
            match (out, format) {
                (Some(path), _) => {
                    std::fs::write(&path, &bytes)?;
                    eprintln!("{} exchanges written to {}", rows.len(), path.display());
                }
                (None, ExportFormat::Xlsx) => anyhow::bail!("an XLSX export needs --out FILE"),
                (None, _) => {
                    use std::io::Write as _;
                    std::io::stdout().lock().write_all(&bytes)?;
                }
            }
        }
        Cmd::Import(ImportCmd::Delegations { file, dry_run }) => {
            let bytes = std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let format = FileFormat::detect(&file.to_string_lossy(), &bytes);
            let app = open(url).await?;
            let result = app.import_delegations(&bytes, format, dry_run).await;
            app.store.close().await;
            let r = result?;
            if dry_run {
                eprintln!(
                    "{}: {} rows checked ({} members), no problems; nothing was written (dry run)",
                    file.display(),
                    r.rows,
                    r.members
                );
            } else {
                eprintln!(
                    "{}: imported {} delegations with {} members",
                    file.display(),
                    r.imported,
                    r.members
                );
            }
        }
    }
    Ok(())
}
