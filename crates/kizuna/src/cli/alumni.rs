//! `kizuna alumni`: the follow-ups due (former trainees and volunteers six
//! and twelve months after they finished), the alumni associations, and
//! the follow-up import (CSV or XLSX, all or nothing).

use std::path::PathBuf;

use anyhow::Context;
use clap::Subcommand;
use kizuna_app::training::transfer::FileFormat;

use super::{SimpleFormat, open};

#[derive(Subcommand)]
pub enum Cmd {
    /// Follow-ups due or overdue (those not done), most overdue first.
    Due {
        /// Also those falling due within this many days: 30d or 30.
        #[arg(long, default_value = "0d", value_parser = parse_days)]
        within: i64,
        #[arg(long, value_enum, default_value_t = SimpleFormat::Table)]
        format: SimpleFormat,
    },
    /// Alumni associations, by country, with their member counts.
    Associations {
        /// Only this country's (ISO 3166-1 alpha-2, e.g. TH).
        #[arg(long)]
        country: Option<String>,
        #[arg(long, value_enum, default_value_t = SimpleFormat::Table)]
        format: SimpleFormat,
    },
    /// Import records from a file.
    #[command(subcommand)]
    Import(ImportCmd),
}

#[derive(Subcommand)]
pub enum ImportCmd {
    /// Follow-ups from a CSV or XLSX file (columns participation_id or
    /// placement_id, milestone, due_on, done_on, progress, channel,
    /// evidence_url, notes_en, notes_ja, notes_th, notes_ms): all or
    /// nothing, each refusal named by row, column and reason.
    FollowUps {
        file: PathBuf,
        /// Check the file and write nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

fn parse_days(s: &str) -> Result<i64, String> {
    let t = s.trim();
    let n = t.strip_suffix('d').unwrap_or(t);
    n.parse::<i64>()
        .ok()
        .filter(|n| (0..=3660).contains(n))
        .ok_or_else(|| format!("\"{s}\" is not a number of days: write e.g. 30d (0 to 3660)"))
}

pub async fn run(url: &str, what: Cmd) -> anyhow::Result<()> {
    let app = open(url).await?;
    match what {
        Cmd::Due { within, format } => {
            let rows = app.follow_ups_due(within).await?;
            match format {
                SimpleFormat::Json => outln!("{}", serde_json::to_string_pretty(&rows)?),
                SimpleFormat::Table => {
                    outln!(
                        "{:>7}  {:<30}  {:<9}  {:<10}  {:>7}  {:<12}  course or placement",
                        "person",
                        "name",
                        "milestone",
                        "due",
                        "overdue",
                        "last contact"
                    );
                    for r in &rows {
                        outln!(
                            "{:>7}  {:<30}  {:<9}  {:<10}  {:>7}  {:<12}  {}",
                            r.due.person_id,
                            r.person_name,
                            r.due.milestone.as_str(),
                            r.due.due_on.to_string(),
                            r.due.days_overdue,
                            r.last_contact.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
                            r.what.best("en")
                        );
                    }
                    eprintln!("{} follow-ups due", rows.len());
                }
            }
        }
        Cmd::Associations { country, format } => {
            let list = app.associations(country.as_deref()).await?;
            let mut out = Vec::with_capacity(list.len());
            for a in list {
                let members = app.association_members(a.id).await?.len();
                out.push((a, members));
            }
            match format {
                SimpleFormat::Json => {
                    let v: Vec<serde_json::Value> = out
                        .iter()
                        .map(|(a, n)| {
                            let mut v = serde_json::to_value(a).unwrap_or_default();
                            v["members"] = (*n).into();
                            v
                        })
                        .collect();
                    outln!("{}", serde_json::to_string_pretty(&v)?);
                }
                SimpleFormat::Table => {
                    outln!(
                        "{:>5}  {:<7}  {:<10}  {:>7}  name",
                        "id",
                        "country",
                        "founded",
                        "members"
                    );
                    for (a, n) in &out {
                        outln!(
                            "{:>5}  {:<7}  {:<10}  {:>7}  {}",
                            a.id,
                            a.fields.country.as_str(),
                            a.fields.founded_on.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
                            n,
                            a.fields.name.best("en")
                        );
                    }
                }
            }
        }
        Cmd::Import(ImportCmd::FollowUps { file, dry_run }) => {
            let name = file.to_string_lossy();
            let bytes = std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let format = FileFormat::detect(&name, &bytes);
            if format == FileFormat::Json {
                anyhow::bail!("{}: follow-ups are imported from CSV or XLSX, not JSON", file.display());
            }
            let r = app.import_follow_ups(&bytes, format, dry_run).await?;
            if dry_run {
                eprintln!(
                    "{}: {} follow-ups checked, no problems; nothing was written (dry run)",
                    file.display(),
                    r.rows
                );
            } else {
                eprintln!("{}: {} follow-ups imported", file.display(), r.imported);
            }
        }
    }
    Ok(())
}
