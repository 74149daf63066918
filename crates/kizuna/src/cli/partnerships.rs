//! `kizuna outcomes`: the ripple ledger of partnership programmes: the
//! outcomes (those still waiting for a verifier among them) and the impact
//! report of a programme or of all, as the console shows them.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Subcommand, ValueEnum};
use kizuna_app::App;
use kizuna_app::partnerships::report::{impact_csv, impact_xlsx};
use kizuna_app::partnerships::ripple::LedgerFilter;
use kizuna_domain::common::{FiscalYear, Id};
use kizuna_domain::partnerships::outcome::{OutcomeKind, Side};
use kizuna_i18n::Lang;
use serde_json::json;

use super::{SimpleFormat, open, write_out};

#[derive(Clone, Copy, ValueEnum)]
pub enum ReportFormat {
    Json,
    Csv,
    Xlsx,
}

#[derive(Subcommand)]
pub enum OutcomesCmd {
    /// Outcomes of the ledger, oldest first: with --unsubstantiated only
    /// those still waiting for a verifier.
    List {
        /// Only this programme's (its key, e.g. food-valley-tokachi-malaysia).
        #[arg(long)]
        programme: Option<String>,
        /// Only outcomes no verifier has confirmed or disputed yet.
        #[arg(long)]
        unsubstantiated: bool,
        /// japan, abroad or both.
        #[arg(long, value_parser = parse_side)]
        side: Option<Side>,
        /// joint_product, certification, award, new_business,
        /// business_suspended, proposal, appointment, agreement,
        /// media_coverage or tourism_product.
        #[arg(long, value_parser = parse_kind)]
        kind: Option<OutcomeKind>,
        #[arg(long, value_enum, default_value_t = SimpleFormat::Table)]
        format: SimpleFormat,
    },
    /// The impact report of a programme (or of every partnership
    /// programme): outcomes by side, kind and fiscal year, and the causal
    /// chains.
    Report {
        /// The programme's key; every partnership programme without it.
        #[arg(long)]
        programme: Option<String>,
        /// One fiscal year (April to March): 2018, FY2018 or 平成30年度.
        #[arg(long, value_parser = parse_fy)]
        fy: Option<i32>,
        #[arg(long, value_enum, default_value_t = ReportFormat::Json)]
        format: ReportFormat,
        /// The language of a CSV or XLSX file's labels: en, ja, th or ms.
        #[arg(long, default_value = "en", value_parser = parse_lang)]
        lang: Lang,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

fn parse_side(s: &str) -> Result<Side, String> {
    s.parse()
        .map_err(|_| format!("\"{s}\" is not a side: write japan, abroad or both"))
}

fn parse_kind(s: &str) -> Result<OutcomeKind, String> {
    s.parse().map_err(|_| {
        format!(
            "\"{s}\" is not an outcome kind: write one of joint_product, certification, award, new_business, \
             business_suspended, proposal, appointment, agreement, media_coverage, tourism_product"
        )
    })
}

fn parse_fy(s: &str) -> Result<i32, String> {
    FiscalYear::parse(s)
        .map(FiscalYear::year)
        .map_err(|_| format!("\"{s}\" is not a fiscal year: write 2018, FY2018 or 平成30年度"))
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::from_code(s).ok_or_else(|| format!("\"{s}\" is not a language of Kizuna: write en, ja, th or ms"))
}

/// The id of the partnership programme with `key`, or an error naming the
/// keys there are.
async fn programme_id(app: &App, key: Option<&str>) -> anyhow::Result<Option<Id>> {
    let Some(key) = key else { return Ok(None) };
    if let Some(p) = app.partnership_programme_by_key(key).await? {
        return Ok(Some(p.id));
    }
    let keys: Vec<String> = app
        .partnership_programmes()
        .await?
        .into_iter()
        .map(|p| p.fields.key.to_string())
        .collect();
    anyhow::bail!(
        "--programme: no partnership programme has the key \"{key}\"; there are: {}",
        if keys.is_empty() {
            "none yet".to_owned()
        } else {
            keys.join(", ")
        }
    )
}

pub async fn outcomes(url: &str, what: OutcomesCmd) -> anyhow::Result<()> {
    match what {
        OutcomesCmd::List {
            programme,
            unsubstantiated,
            side,
            kind,
            format,
        } => {
            let app = open(url).await?;
            let filter = LedgerFilter {
                programme_id: programme_id(&app, programme.as_deref()).await?,
                side,
                kind,
                unsubstantiated,
            };
            let list = app.ledger(&filter).await?;
            // Every programme's key: an outcome may belong to a programme of
            // another kind (a volunteer programme's appointment).
            let keys: BTreeMap<Id, String> = app
                .store
                .select::<kizuna_domain::common::programme::Programme>(&[], kizuna_store::Page::ALL)
                .await?
                .into_iter()
                .map(|p| (p.id, p.fields.key.to_string()))
                .collect();
            let key_of = |id: Id| keys.get(&id).cloned().unwrap_or_else(|| id.to_string());
            match format {
                SimpleFormat::Json => {
                    let items: Vec<_> = list
                        .iter()
                        .map(|o| {
                            let f = &o.fields;
                            json!({
                                "id": o.id,
                                "programme": key_of(f.programme_id),
                                "programme_id": f.programme_id,
                                "title": f.title,
                                "kind": f.kind,
                                "side": f.side,
                                "date": f.occurred_on,
                                "recorded_by": f.recorded_by,
                                "verdict": f.verdict,
                                "substantiated_by": f.substantiated_by,
                                "substantiated_on": f.substantiated_on,
                                "public": f.public,
                            })
                        })
                        .collect();
                    outln!("{}", serde_json::to_string_pretty(&items)?);
                }
                SimpleFormat::Table => {
                    outln!(
                        "{:>5}  {:<10}  {:<6}  {:<18}  {:<8}  {:<9}  {:<30}  title",
                        "id",
                        "date",
                        "side",
                        "kind",
                        "by",
                        "verdict",
                        "programme"
                    );
                    for o in &list {
                        let f = &o.fields;
                        outln!(
                            "{:>5}  {:<10}  {:<6}  {:<18}  {:<8}  {:<9}  {:<30}  {}",
                            o.id,
                            f.occurred_on,
                            f.side.as_str(),
                            f.kind.as_str(),
                            f.recorded_by.as_str(),
                            f.verdict.map_or("-", |v| v.as_str()),
                            key_of(f.programme_id),
                            f.title.best("en")
                        );
                    }
                    eprintln!(
                        "{} outcome(s){}",
                        list.len(),
                        if unsubstantiated { " waiting for a verifier" } else { "" }
                    );
                }
            }
            Ok(())
        }
        OutcomesCmd::Report {
            programme,
            fy,
            format,
            lang,
            output,
        } => {
            let app = open(url).await?;
            let id = programme_id(&app, programme.as_deref()).await?;
            let impact = app.impact(id, fy).await?;
            let bytes = match format {
                ReportFormat::Json => {
                    let mut v = serde_json::to_vec_pretty(&impact)?;
                    v.push(b'\n');
                    v
                }
                ReportFormat::Csv => impact_csv(lang, &impact, app.today()),
                ReportFormat::Xlsx => {
                    if output.is_none() {
                        anyhow::bail!("an XLSX workbook is not written to a terminal: add -o FILE.xlsx");
                    }
                    impact_xlsx(lang, &impact, app.today()).context("the workbook could not be written")?
                }
            };
            write_out(&bytes, output.as_ref())
        }
    }
}
