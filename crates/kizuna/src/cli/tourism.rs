//! `kizuna tourism`: the tourism records (travel fairs with their leads,
//! campaigns, tourism trainings, ambassadors) listed, the visitor figures
//! listed or shown both ways by month with the stages footnoted, and a
//! flows file imported (all or nothing; a later stage replaces an
//! earlier one, an earlier one is reported and not applied). The same
//! application functions as the console's.

use std::path::PathBuf;

use anyhow::Context;
use clap::{Subcommand, ValueEnum};
use kizuna_app::tourism::flows::{Places, default_pair};
use kizuna_app::training::transfer::FileFormat;
use kizuna_domain::tourism::campaign::Campaign;
use kizuna_domain::tourism::fair::TravelFair;
use kizuna_domain::tourism::flows::Stage;
use kizuna_store::Page;

use super::open;

#[derive(Clone, Copy, ValueEnum)]
pub enum ListFormat {
    Json,
    Table,
}

#[derive(Subcommand)]
pub enum Cmd {
    /// Travel fairs with their leads, campaigns with theirs, tourism
    /// trainings and ambassadors.
    List {
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Visitor figures: every one, or those from --origin or to
    /// --destination (a country code such as TH, or a locality's key such
    /// as jp/hokkaido).
    Flows {
        #[arg(long)]
        origin: Option<String>,
        #[arg(long)]
        destination: Option<String>,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Two areas' figures both ways by month (Thailand and Hokkaido unless
    /// named), each figure's stage marked and the stages footnoted.
    TwoWay { a: Option<String>, b: Option<String> },
    /// Visitor figures from a CSV or XLSX file shaped like JNTO's monthly
    /// tables: columns origin (or nationality), destination, stage
    /// (preliminary, provisional, definitive), then one per month
    /// (2023-02). All rows or nothing, each rejected value named by row,
    /// column and reason.
    Import {
        file: PathBuf,
        /// Check the file and report what it would do without writing.
        #[arg(long)]
        dry_run: bool,
        /// A note kept with the import (where the figures come from).
        #[arg(long)]
        note: Option<String>,
    },
}

fn mark(s: Stage) -> &'static str {
    match s {
        Stage::Preliminary => "*",
        Stage::Provisional => "†",
        Stage::Definitive => "",
    }
}

pub async fn run(url: &str, what: Cmd) -> anyhow::Result<()> {
    match what {
        Cmd::List { format } => {
            let app = open(url).await?;
            let all = Page {
                limit: u32::MAX,
                offset: 0,
            };
            let none = Default::default();
            let (fairs, _) = app.list::<TravelFair>(&none, all).await?;
            let (campaigns, _) = app.list::<Campaign>(&none, all).await?;
            let trainings = app.tourism_trainings().await?;
            let ambassadors = app.tourism_ambassadors().await?;
            let leads = app.tourism_leads(None, None).await?;
            match format {
                ListFormat::Json => outln!(
                    "{}",
                    serde_json::to_string_pretty(&serde_json::json!({
                        "fairs": fairs, "campaigns": campaigns, "leads": leads,
                        "trainings": trainings, "ambassadors": ambassadors,
                    }))?
                ),
                ListFormat::Table => {
                    for f in &fairs {
                        let f_ = &f.fields;
                        outln!(
                            "fair      {:>4}  {} – {}  {}, {}  {}  {}",
                            f.id,
                            f_.starts_on,
                            f_.ends_on,
                            f_.city,
                            f_.country,
                            f_.role,
                            f_.name.best("en")
                        );
                        for l in leads.iter().filter(|l| l.fields.fair_id == Some(f.id)) {
                            outln!(
                                "  lead    {:>4}  {:<10} next {}  {}",
                                l.id,
                                l.fields.status.as_str(),
                                l.fields
                                    .next_on
                                    .as_ref()
                                    .map_or_else(|| "-".to_owned(), ToString::to_string),
                                l.fields.subject
                            );
                        }
                    }
                    for c in &campaigns {
                        let c_ = &c.fields;
                        outln!(
                            "campaign  {:>4}  {} – {}  {}  {}  {}",
                            c.id,
                            c_.starts_on,
                            c_.ends_on,
                            c_.market,
                            c_.channel,
                            c_.title.best("en")
                        );
                        for l in leads.iter().filter(|l| l.fields.campaign_id == Some(c.id)) {
                            outln!(
                                "  lead    {:>4}  {:<10} next {}  {}",
                                l.id,
                                l.fields.status.as_str(),
                                l.fields
                                    .next_on
                                    .as_ref()
                                    .map_or_else(|| "-".to_owned(), ToString::to_string),
                                l.fields.subject
                            );
                        }
                    }
                    for t in &trainings {
                        outln!(
                            "training  {:>4}  {} – {}  {} trainees  {}",
                            t.link.id,
                            t.edition.fields.starts_on,
                            t.edition.fields.ends_on,
                            t.trainees,
                            t.programme_title.best("en")
                        );
                    }
                    for a in &ambassadors {
                        outln!(
                            "ambassador {:>3}  {}  {}  {}",
                            a.outcome_id,
                            a.appointed_on,
                            a.person.as_deref().unwrap_or("-"),
                            a.title.best("en")
                        );
                    }
                    if fairs.is_empty() && campaigns.is_empty() && trainings.is_empty() && ambassadors.is_empty() {
                        outln!("no tourism records");
                    }
                }
            }
        }
        Cmd::Flows {
            origin,
            destination,
            format,
        } => {
            let app = open(url).await?;
            let rows = app.flow_list(origin.as_deref(), destination.as_deref()).await?;
            match format {
                ListFormat::Json => outln!("{}", serde_json::to_string_pretty(&rows)?),
                ListFormat::Table => {
                    if rows.is_empty() {
                        outln!("no visitor figures");
                    }
                    for r in &rows {
                        outln!(
                            "{:<14} → {:<14} {}  {:>9}  {}",
                            r.origin,
                            r.destination,
                            r.month,
                            r.visitors,
                            r.stage
                        );
                    }
                }
            }
        }
        Cmd::TwoWay { a, b } => {
            let app = open(url).await?;
            let places = Places::load(&app).await?;
            let pair = match (a, b) {
                (Some(a), Some(b)) => {
                    let side = |v: &str| places.parse(v).map_err(|(_, m)| anyhow::anyhow!(m));
                    Some((side(&a)?, side(&b)?))
                }
                (None, None) => default_pair(&places, &app.flow_pairs().await?),
                _ => anyhow::bail!("name both areas (e.g. TH jp/hokkaido), or neither"),
            };
            let Some((a, b)) = pair else {
                outln!("no visitor figures");
                return Ok(());
            };
            let two = app.two_way(a, b).await?;
            let (an, bn) = (places.name_en(a), places.name_en(b));
            outln!(
                "{:<8} {:>16} {:>16}",
                "month",
                format!("{an} → {bn}"),
                format!("{bn} → {an}")
            );
            let cell = |f: Option<kizuna_domain::tourism::flows::Figure>| match f {
                Some(f) => format!("{}{}", f.visitors, mark(f.stage)),
                None => "-".into(),
            };
            for m in &two.months {
                outln!("{:<8} {:>16} {:>16}", m.month.to_string(), cell(m.ab), cell(m.ba));
            }
            for s in two.stages.iter().rev() {
                match mark(*s) {
                    "" => outln!("Figures without a mark are {s}."),
                    m => outln!("{m} marks a {s} figure, which may still change."),
                }
            }
        }
        Cmd::Import { file, dry_run, note } => {
            let bytes = std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let format = match FileFormat::detect(&file.to_string_lossy(), &bytes) {
                FileFormat::Xlsx => FileFormat::Xlsx,
                _ => FileFormat::Csv,
            };
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let app = open(url).await?;
            let result = app.import_flows(&bytes, format, &name, note.as_deref(), dry_run).await;
            app.store.close().await;
            let r = result?;
            eprintln!(
                "{}: {} rows, {} figures: {} added, {} replaced, {} unchanged, {} kept at a later stage{}",
                file.display(),
                r.rows,
                r.figures,
                r.added,
                r.replaced,
                r.unchanged,
                r.kept.len(),
                if dry_run { "; nothing was written (dry run)" } else { "" }
            );
            for k in &r.kept {
                eprintln!(
                    "  row {}, {}: on record {} ({}); the file's {} ({}) is at an earlier stage and was not applied",
                    k.row, k.column, k.on_record_visitors, k.on_record, k.in_file_visitors, k.in_file
                );
            }
        }
    }
    Ok(())
}
