//! Impact reports: what one programme, or every partnership programme,
//! produced (within one fiscal year or over all of them), counted by side,
//! kind and year, the outcomes themselves and the causal chains that led
//! to them. The same figures go to JSON (as [`Impact`]), and to CSV and
//! XLSX through the titled-tables writer the statistics downloads use,
//! with their labels in the reader's language.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use kizuna_domain::common::programme::Programme;
use kizuna_domain::common::{Id, LocalText};
use kizuna_domain::partnerships::outcome::{OutcomeKind, Side, Verdict};
use kizuna_i18n::{self as i18n, FluentValue, Lang};
use kizuna_io::report::{Cell, Report, Table};
use serde::Serialize;

use super::ripple::{NodeKind, Ripple, RippleFilter};
use crate::{App, Result};

/// The programme a report is about.
#[derive(Debug, Clone, Serialize)]
pub struct ProgrammeRef {
    pub id: Id,
    pub key: String,
    pub title: LocalText,
}

/// Outcomes on each side, and their total.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SideCounts {
    pub japan: usize,
    pub abroad: usize,
    pub both: usize,
    pub total: usize,
}

impl SideCounts {
    pub(crate) fn add(&mut self, side: Side) {
        match side {
            Side::Japan => self.japan += 1,
            Side::Abroad => self.abroad += 1,
            Side::Both => self.both += 1,
        }
        self.total += 1;
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct KindRow {
    pub kind: OutcomeKind,
    #[serde(flatten)]
    pub counts: SideCounts,
}

#[derive(Debug, Clone, Serialize)]
pub struct YearRow {
    pub fiscal_year: i32,
    #[serde(flatten)]
    pub counts: SideCounts,
}

/// One outcome as the report lists it.
#[derive(Debug, Clone, Serialize)]
pub struct ImpactOutcome {
    pub id: Id,
    pub programme_id: Id,
    pub title: LocalText,
    pub kind: OutcomeKind,
    pub side: Side,
    pub occurred_on: NaiveDate,
    pub fiscal_year: i32,
    pub verdict: Option<Verdict>,
    pub public: bool,
}

/// One step of a causal chain: the node's id in the graph and its title.
#[derive(Debug, Clone, Serialize)]
pub struct ChainStep {
    pub node: String,
    pub title: LocalText,
}

/// An impact report.
#[derive(Debug, Clone, Serialize)]
pub struct Impact {
    /// The programme, or none for every partnership programme.
    pub programme: Option<ProgrammeRef>,
    /// The fiscal year, or none for all years.
    pub fiscal_year: Option<i32>,
    pub totals: SideCounts,
    pub by_kind: Vec<KindRow>,
    pub by_year: Vec<YearRow>,
    /// In the order they happened.
    pub outcomes: Vec<ImpactOutcome>,
    pub chains: Vec<Vec<ChainStep>>,
}

impl App {
    /// The impact report of one programme or of all, in one fiscal year or
    /// over all years. Outcomes of other programmes that a chain passes
    /// through are named in the chain but not counted.
    pub async fn impact(&self, programme_id: Option<Id>, fiscal_year: Option<i32>) -> Result<Impact> {
        let filter = RippleFilter {
            fiscal_year,
            ..RippleFilter::default()
        };
        let ripple = self.ripple(programme_id, &filter).await?;
        let programme = match programme_id {
            Some(p) => {
                let p = self.store.get::<Programme>(p).await?;
                Some(ProgrammeRef {
                    id: p.id,
                    key: p.fields.key.to_string(),
                    title: p.fields.title,
                })
            }
            None => None,
        };
        Ok(impact_of(&ripple, programme, fiscal_year))
    }
}

/// The report's figures from a ripple graph.
pub fn impact_of(ripple: &Ripple, programme: Option<ProgrammeRef>, fiscal_year: Option<i32>) -> Impact {
    let mut totals = SideCounts::default();
    let mut kinds: BTreeMap<OutcomeKind, SideCounts> = BTreeMap::new();
    let mut years: BTreeMap<i32, SideCounts> = BTreeMap::new();
    let mut outcomes = Vec::new();
    for n in &ripple.nodes {
        let (NodeKind::Outcome, false, Some(side), Some(kind), Some(date), Some(fy)) =
            (n.node, n.elsewhere, n.side, n.outcome_kind, n.date, n.fiscal_year)
        else {
            continue;
        };
        totals.add(side);
        kinds.entry(kind).or_default().add(side);
        years.entry(fy).or_default().add(side);
        outcomes.push(ImpactOutcome {
            id: n.record_id,
            programme_id: n.programme_id,
            title: n.title.clone(),
            kind,
            side,
            occurred_on: date,
            fiscal_year: fy,
            verdict: n.verdict,
            public: n.public,
        });
    }
    outcomes.sort_by_key(|o| (o.occurred_on, o.id));
    let titles: BTreeMap<&str, &LocalText> = ripple.nodes.iter().map(|n| (n.id.as_str(), &n.title)).collect();
    let chains = ripple
        .chains
        .iter()
        .map(|c| {
            c.iter()
                .filter_map(|id| {
                    Some(ChainStep {
                        node: id.clone(),
                        title: (*titles.get(id.as_str())?).clone(),
                    })
                })
                .collect()
        })
        .collect();
    Impact {
        programme,
        fiscal_year,
        totals,
        by_kind: kinds
            .into_iter()
            .map(|(kind, counts)| KindRow { kind, counts })
            .collect(),
        by_year: years
            .into_iter()
            .map(|(fiscal_year, counts)| YearRow { fiscal_year, counts })
            .collect(),
        outcomes,
        chains,
    }
}

/// A side's name in a language.
pub fn side_label(lang: Lang, side: Side) -> String {
    i18n::message(lang, &format!("ripple-side-{side}"), &[])
}

/// A kind's name in a language.
pub fn kind_label(lang: Lang, kind: OutcomeKind) -> String {
    i18n::message(lang, &format!("ripple-kind-{kind}"), &[])
}

/// A verdict's name in a language ("not yet confirmed" for none).
pub fn verdict_label(lang: Lang, verdict: Option<Verdict>) -> String {
    match verdict {
        Some(v) => i18n::message(lang, &format!("ripple-verdict-{v}"), &[]),
        None => i18n::message(lang, "ripple-verdict-none", &[]),
    }
}

/// The report's title in a language: the programme's, or every
/// programme's, and the year when there is one.
pub fn impact_title(lang: Lang, impact: &Impact) -> String {
    let what = match &impact.programme {
        Some(p) => i18n::local_text(lang, &p.title),
        None => i18n::message(lang, "ripple-all-programmes", &[]),
    };
    let year = impact
        .fiscal_year
        .and_then(|y| kizuna_domain::common::FiscalYear::new(y).ok())
        .map(|fy| i18n::fiscal_year(lang, fy))
        .unwrap_or_else(|| i18n::message(lang, "ripple-all-years", &[]));
    i18n::message(
        lang,
        "ripple-impact-title",
        &[("what", FluentValue::from(what)), ("year", FluentValue::from(year))],
    )
}

fn n(v: usize) -> Cell {
    Cell::Number(v as u64)
}

fn counts_row(first: String, c: &SideCounts) -> Vec<Cell> {
    vec![Cell::text(first), n(c.japan), n(c.abroad), n(c.both), n(c.total)]
}

/// The report as titled tables (for CSV and XLSX), its labels in `lang`,
/// written on `today`.
pub fn impact_file(lang: Lang, impact: &Impact, today: NaiveDate) -> Report {
    let t = |k: &str| i18n::message(lang, k, &[]);
    let fy = |y: i32| {
        kizuna_domain::common::FiscalYear::new(y)
            .map(|f| i18n::fiscal_year(lang, f))
            .unwrap_or_else(|_| y.to_string())
    };
    let sides = |first: &str| {
        vec![
            t(first),
            side_label(lang, Side::Japan),
            side_label(lang, Side::Abroad),
            side_label(lang, Side::Both),
            t("ripple-total"),
        ]
    };
    let mut by_kind: Vec<Vec<Cell>> = impact
        .by_kind
        .iter()
        .map(|r| counts_row(kind_label(lang, r.kind), &r.counts))
        .collect();
    by_kind.push(counts_row(t("ripple-total"), &impact.totals));
    let mut by_year: Vec<Vec<Cell>> = impact
        .by_year
        .iter()
        .map(|r| counts_row(fy(r.fiscal_year), &r.counts))
        .collect();
    by_year.push(counts_row(t("ripple-total"), &impact.totals));
    let outcomes = impact
        .outcomes
        .iter()
        .map(|o| {
            vec![
                Cell::text(o.occurred_on.to_string()),
                Cell::text(fy(o.fiscal_year)),
                Cell::text(i18n::local_text(lang, &o.title)),
                Cell::text(kind_label(lang, o.kind)),
                Cell::text(side_label(lang, o.side)),
                Cell::text(verdict_label(lang, o.verdict)),
            ]
        })
        .collect();
    let chains = impact
        .chains
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let steps: Vec<String> = c.iter().map(|s| i18n::local_text(lang, &s.title)).collect();
            vec![n(i + 1), Cell::text(steps.join(" → "))]
        })
        .collect();
    let programme = match &impact.programme {
        Some(p) => Cell::text(format!("{} ({})", i18n::local_text(lang, &p.title), p.key)),
        None => Cell::text(t("ripple-all-programmes")),
    };
    Report {
        title: impact_title(lang, impact),
        about: vec![
            (t("ripple-file-programme"), programme),
            (
                t("ripple-file-year"),
                Cell::text(impact.fiscal_year.map(fy).unwrap_or_else(|| t("ripple-all-years"))),
            ),
            (t("ripple-file-written"), Cell::text(today.to_string())),
            (t("ripple-file-source"), Cell::text(t("ripple-file-source-value"))),
        ],
        about_sheet: Some(t("ripple-sheet-about")),
        tables: vec![
            Table {
                sheet: t("ripple-sheet-kinds"),
                title: t("ripple-by-kind"),
                header: sides("ripple-col-kind"),
                rows: by_kind,
            },
            Table {
                sheet: t("ripple-sheet-years"),
                title: t("ripple-by-year"),
                header: sides("ripple-col-year"),
                rows: by_year,
            },
            Table {
                sheet: t("ripple-sheet-outcomes"),
                title: t("ripple-outcomes"),
                header: vec![
                    t("ripple-col-date"),
                    t("ripple-col-year"),
                    t("ripple-col-outcome"),
                    t("ripple-col-kind"),
                    t("ripple-col-side"),
                    t("ripple-col-verdict"),
                ],
                rows: outcomes,
            },
            Table {
                sheet: t("ripple-sheet-chains"),
                title: t("ripple-chains"),
                header: vec![t("ripple-col-number"), t("ripple-col-chain")],
                rows: chains,
            },
        ],
    }
}

/// The report as CSV (see [`kizuna_io::report::csv`]).
pub fn impact_csv(lang: Lang, impact: &Impact, today: NaiveDate) -> Vec<u8> {
    kizuna_io::report::csv(&impact_file(lang, impact, today))
}

/// The report as an XLSX workbook (see [`kizuna_io::report::xlsx`]).
pub fn impact_xlsx(lang: Lang, impact: &Impact, today: NaiveDate) -> Result<Vec<u8>> {
    Ok(kizuna_io::report::xlsx(&impact_file(lang, impact, today))?)
}
