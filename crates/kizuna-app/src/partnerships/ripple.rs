//! The ripple graph: a programme (or every programme), its activities and
//! outcomes as nodes, the causal links as edges, filtered by side, kind
//! and fiscal year; its "mutual" summary (what it produced at home and
//! abroad, by kind and year) and its causal chains. Pages draw it,
//! reports count it, the IATI export carries it.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use kizuna_domain::common::fiscal_year::FiscalYear;
use kizuna_domain::common::person::Person;
use kizuna_domain::common::programme::Programme;
use kizuna_domain::common::{Id, LocalText};
use kizuna_domain::partnerships::activity::{Activity, ActivityKind};
use kizuna_domain::partnerships::outcome::{Cause, Outcome, OutcomeKind, OutcomeLink, Side, Verdict, causal_order};
use kizuna_domain::volunteers::placement::Placement;
use kizuna_store::Value;
use serde::Serialize;

use super::all;
use crate::{App, Result};

/// Which outcomes a ripple graph shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RippleFilter {
    pub side: Option<Side>,
    pub kind: Option<OutcomeKind>,
    /// A Japanese fiscal year (April to March) the outcome happened in.
    pub fiscal_year: Option<i32>,
    /// Only what staff marked public (the story pages).
    pub public_only: bool,
}

impl RippleFilter {
    fn keeps(&self, o: &Outcome) -> bool {
        self.side.is_none_or(|s| o.fields.side == s)
            && self.kind.is_none_or(|k| o.fields.kind == k)
            && self
                .fiscal_year
                .is_none_or(|y| FiscalYear::containing(o.fields.occurred_on).year() == y)
            && (!self.public_only || o.fields.public)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    Programme,
    Activity,
    Outcome,
    /// A volunteer placement that led to an outcome (an appointment, say).
    Placement,
}

/// A node of the graph: `p12`, `a3`, `o7` or `v5` (a placement).
#[derive(Debug, Clone, Serialize)]
pub struct RippleNode {
    pub id: String,
    pub node: NodeKind,
    pub record_id: Id,
    pub programme_id: Id,
    pub title: LocalText,
    /// What changed (an outcome's description) or what was done (an
    /// activity's summary, a programme's).
    pub summary: Option<LocalText>,
    /// An outcome's or activity's date; a programme's start (when it has
    /// partnership details).
    pub date: Option<NaiveDate>,
    pub fiscal_year: Option<i32>,
    pub side: Option<Side>,
    pub outcome_kind: Option<OutcomeKind>,
    pub activity_kind: Option<ActivityKind>,
    pub verdict: Option<Verdict>,
    pub public: bool,
    /// Belongs to another programme than the one drawn (linked to it).
    pub elsewhere: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct RippleEdge {
    pub link_id: Id,
    pub from: String,
    pub to: String,
    pub note: Option<LocalText>,
}

/// Outcomes counted by side, kind and fiscal year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MutualRow {
    pub side: Side,
    pub kind: OutcomeKind,
    pub fiscal_year: i32,
    pub outcomes: usize,
}

/// What a programme produced at home and abroad.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Mutual {
    pub japan: usize,
    pub abroad: usize,
    pub both: usize,
    pub rows: Vec<MutualRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Ripple {
    /// The programme drawn, or none for every programme.
    pub programme_id: Option<Id>,
    pub nodes: Vec<RippleNode>,
    pub edges: Vec<RippleEdge>,
    pub mutual: Mutual,
    /// Each causal chain from a cause nothing led to, to an outcome that
    /// led to nothing, as node ids.
    pub chains: Vec<Vec<String>>,
    /// The fiscal years outcomes happened in, for the filters.
    pub fiscal_years: Vec<i32>,
}

fn cause_node(c: Cause) -> String {
    match c {
        Cause::Programme(id) => format!("p{id}"),
        Cause::Activity(id) => format!("a{id}"),
        Cause::Outcome(id) => format!("o{id}"),
        Cause::Placement(id) => format!("v{id}"),
    }
}

/// Which outcomes of the ledger a list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LedgerFilter {
    pub programme_id: Option<Id>,
    pub side: Option<Side>,
    pub kind: Option<OutcomeKind>,
    /// Only those no verifier has confirmed or disputed yet.
    pub unsubstantiated: bool,
}

impl App {
    /// The outcomes of the ledger matching `filter`, oldest first (ties by
    /// id).
    pub async fn ledger(&self, filter: &LedgerFilter) -> Result<Vec<Outcome>> {
        let by: Vec<(&str, Value)> = filter
            .programme_id
            .map(|p| vec![("programme_id", Value::Int(Some(p)))])
            .unwrap_or_default();
        let mut v: Vec<Outcome> = all::<Outcome>(self, &by)
            .await?
            .into_iter()
            .filter(|o| {
                filter.side.is_none_or(|s| o.fields.side == s)
                    && filter.kind.is_none_or(|k| o.fields.kind == k)
                    && (!filter.unsubstantiated || !o.fields.is_substantiated())
            })
            .collect();
        v.sort_by_key(|o| (o.fields.occurred_on, o.id));
        Ok(v)
    }

    /// The partnership programme with this key, if there is one.
    pub async fn partnership_programme_by_key(&self, key: &str) -> Result<Option<Programme>> {
        Ok(self
            .partnership_programmes()
            .await?
            .into_iter()
            .find(|p| p.fields.key.as_str() == key))
    }
}

impl App {
    /// The ripple graph of one programme, or of every programme.
    pub async fn ripple(&self, programme_id: Option<Id>, filter: &RippleFilter) -> Result<Ripple> {
        let by_programme = |p: Id| vec![("programme_id", Value::Int(Some(p)))];
        let programmes: Vec<Programme> = match programme_id {
            Some(p) => vec![self.store.get::<Programme>(p).await?],
            None => self.partnership_programmes().await?,
        };
        let mut activities: Vec<Activity> = Vec::new();
        let mut outcomes: Vec<Outcome> = Vec::new();
        match programme_id {
            Some(p) => {
                activities = all(self, &by_programme(p)).await?;
                outcomes = all(self, &by_programme(p)).await?;
            }
            None => {
                for p in &programmes {
                    activities.extend(all::<Activity>(self, &by_programme(p.id)).await?);
                    outcomes.extend(all::<Outcome>(self, &by_programme(p.id)).await?);
                }
            }
        }
        let all_years: BTreeSet<i32> = outcomes
            .iter()
            .filter(|o| !filter.public_only || o.fields.public)
            .map(|o| FiscalYear::containing(o.fields.occurred_on).year())
            .collect();
        outcomes.retain(|o| filter.keeps(o));
        let links: Vec<OutcomeLink> = all(self, &[]).await?;
        let home: BTreeSet<Id> = outcomes.iter().map(|o| o.id).collect();
        // Outcomes of other programmes linked straight to or from these.
        let mut elsewhere: BTreeSet<Id> = BTreeSet::new();
        for l in &links {
            let f = l.fields.from_outcome_id;
            let t = l.fields.to_outcome_id;
            if let Some(f) = f {
                if home.contains(&f) && !home.contains(&t) {
                    elsewhere.insert(t);
                }
                if home.contains(&t) && !home.contains(&f) {
                    elsewhere.insert(f);
                }
            }
        }
        if programme_id.is_some() {
            let ids: Vec<Id> = elsewhere.iter().copied().collect();
            let more = self.store.get_many::<Outcome>(&ids).await?;
            outcomes.extend(more.into_iter().filter(|o| filter.keeps(o)));
        }
        let shown: BTreeSet<Id> = outcomes.iter().map(|o| o.id).collect();

        let mut nodes: Vec<RippleNode> = Vec::new();
        for p in &programmes {
            let starts = self.partnership_of(p.id).await?.map(|d| d.fields.starts_on);
            nodes.push(RippleNode {
                id: format!("p{}", p.id),
                node: NodeKind::Programme,
                record_id: p.id,
                programme_id: p.id,
                title: p.fields.title.clone(),
                summary: p.fields.summary.clone(),
                date: starts,
                fiscal_year: None,
                side: None,
                outcome_kind: None,
                activity_kind: None,
                verdict: None,
                public: true,
                elsewhere: false,
            });
        }
        for a in &activities {
            nodes.push(RippleNode {
                id: format!("a{}", a.id),
                node: NodeKind::Activity,
                record_id: a.id,
                programme_id: a.fields.programme_id,
                title: a.fields.title.clone(),
                summary: a.fields.summary.clone(),
                date: Some(a.fields.starts_on),
                fiscal_year: Some(FiscalYear::containing(a.fields.starts_on).year()),
                side: None,
                outcome_kind: None,
                activity_kind: Some(a.fields.kind),
                verdict: None,
                public: true,
                elsewhere: false,
            });
        }
        for o in &outcomes {
            nodes.push(RippleNode {
                id: format!("o{}", o.id),
                node: NodeKind::Outcome,
                record_id: o.id,
                programme_id: o.fields.programme_id,
                title: o.fields.title.clone(),
                summary: Some(o.fields.description.clone()),
                date: Some(o.fields.occurred_on),
                fiscal_year: Some(FiscalYear::containing(o.fields.occurred_on).year()),
                side: Some(o.fields.side),
                outcome_kind: Some(o.fields.kind),
                activity_kind: None,
                verdict: o.fields.verdict,
                public: o.fields.public,
                elsewhere: !home.contains(&o.id),
            });
        }
        // Placements that led to an outcome shown (never on a public story:
        // a placement names its volunteer).
        if !filter.public_only {
            let causes: Vec<(Id, Id)> = links
                .iter()
                .filter(|l| shown.contains(&l.fields.to_outcome_id))
                .filter_map(|l| Some((l.fields.from_placement_id?, l.fields.to_outcome_id)))
                .collect();
            nodes.extend(self.placement_nodes(&causes, &outcomes).await?);
        }
        let present: BTreeSet<String> = nodes.iter().map(|n| n.id.clone()).collect();
        let edges: Vec<RippleEdge> = links
            .iter()
            .filter(|l| shown.contains(&l.fields.to_outcome_id))
            .filter_map(|l| {
                let from = cause_node(l.fields.cause()?);
                let to = format!("o{}", l.fields.to_outcome_id);
                present.contains(&from).then(|| RippleEdge {
                    link_id: l.id,
                    from,
                    to,
                    note: l.fields.note.clone(),
                })
            })
            .collect();
        // Activities and programmes never drawn into a public story unless
        // something public follows from them.
        if filter.public_only {
            let used: BTreeSet<&String> = edges.iter().map(|e| &e.from).collect();
            nodes.retain(|n| n.node == NodeKind::Outcome || n.node == NodeKind::Programme || used.contains(&n.id));
        }
        let mutual = mutual(outcomes.iter().filter(|o| home.contains(&o.id)));
        let chains = chains(&nodes, &edges);
        Ok(Ripple {
            programme_id,
            nodes,
            edges,
            mutual,
            chains,
            fiscal_years: all_years.into_iter().collect(),
        })
    }
}

impl App {
    /// A node for each placement of `causes` (placement, the outcome it led
    /// to), titled by its volunteer's name and scheme.
    async fn placement_nodes(&self, causes: &[(Id, Id)], outcomes: &[Outcome]) -> Result<Vec<RippleNode>> {
        let ids: BTreeSet<Id> = causes.iter().map(|(p, _)| *p).collect();
        let ids: Vec<Id> = ids.into_iter().collect();
        let placements = self.store.get_many::<Placement>(&ids).await?;
        let people: Vec<Id> = placements.iter().map(|p| p.fields.person_id).collect();
        let people: BTreeMap<Id, Person> = self
            .store
            .get_many::<Person>(&people)
            .await?
            .into_iter()
            .map(|p| (p.id, p))
            .collect();
        let programme_of = |placement: Id| {
            causes
                .iter()
                .filter(|(p, _)| *p == placement)
                .find_map(|(_, o)| outcomes.iter().find(|x| x.id == *o))
                .map(|o| o.fields.programme_id)
        };
        Ok(placements
            .iter()
            .map(|p| {
                let name = people
                    .get(&p.fields.person_id)
                    .map(crate::volunteers::placements::display_name)
                    .unwrap_or_else(|| format!("#{}", p.fields.person_id));
                let title = crate::volunteers::placements::same_in_every_language(&format!(
                    "{name} · {}",
                    p.fields.scheme.label()
                ));
                RippleNode {
                    id: format!("v{}", p.id),
                    node: NodeKind::Placement,
                    record_id: p.id,
                    programme_id: p.fields.programme_id.or_else(|| programme_of(p.id)).unwrap_or(0),
                    title,
                    summary: Some(p.fields.area.clone()),
                    date: Some(p.fields.starts_on()),
                    fiscal_year: Some(FiscalYear::containing(p.fields.starts_on()).year()),
                    side: None,
                    outcome_kind: None,
                    activity_kind: None,
                    verdict: None,
                    public: false,
                    elsewhere: false,
                }
            })
            .collect())
    }
}

/// Outcomes counted by side, kind and fiscal year.
pub fn mutual<'a>(outcomes: impl Iterator<Item = &'a Outcome>) -> Mutual {
    let mut m = Mutual::default();
    let mut rows: BTreeMap<(i32, Side, OutcomeKind), usize> = BTreeMap::new();
    for o in outcomes {
        match o.fields.side {
            Side::Japan => m.japan += 1,
            Side::Abroad => m.abroad += 1,
            Side::Both => m.both += 1,
        }
        *rows
            .entry((
                FiscalYear::containing(o.fields.occurred_on).year(),
                o.fields.side,
                o.fields.kind,
            ))
            .or_default() += 1;
    }
    m.rows = rows
        .into_iter()
        .map(|((fiscal_year, side, kind), outcomes)| MutualRow {
            side,
            kind,
            fiscal_year,
            outcomes,
        })
        .collect();
    m
}

/// Every path from a node with no cause to an outcome that led to nothing
/// (bounded: at most 200 chains, as a report reads them).
fn chains(nodes: &[RippleNode], edges: &[RippleEdge]) -> Vec<Vec<String>> {
    let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut has_cause: BTreeSet<&str> = BTreeSet::new();
    for e in edges {
        next.entry(e.from.as_str()).or_default().push(e.to.as_str());
        has_cause.insert(e.to.as_str());
    }
    // Start from causes in time order.
    let ids: Vec<Id> = nodes
        .iter()
        .filter(|n| n.node == NodeKind::Outcome)
        .map(|n| n.record_id)
        .collect();
    let pairs: Vec<(Id, Id)> = edges
        .iter()
        .filter_map(|e| {
            Some((
                e.from.strip_prefix('o')?.parse().ok()?,
                e.to.strip_prefix('o')?.parse().ok()?,
            ))
        })
        .collect();
    let order = causal_order(&ids, &pairs);
    let rank: BTreeMap<String, usize> = order.iter().enumerate().map(|(i, o)| (format!("o{o}"), i)).collect();
    let mut out = Vec::new();
    let mut starts: Vec<&str> = nodes
        .iter()
        .map(|n| n.id.as_str())
        .filter(|id| !has_cause.contains(id) && next.contains_key(id))
        .collect();
    starts.sort_by_key(|s| (rank.get(*s).copied().unwrap_or(0), s.to_string()));
    for s in starts {
        let mut stack = vec![vec![s]];
        while let Some(path) = stack.pop() {
            if out.len() >= 200 {
                return out;
            }
            let last = *path.last().expect("non-empty");
            match next.get(last) {
                Some(ns) if !ns.is_empty() => {
                    for n in ns.iter().rev() {
                        if !path.contains(n) {
                            let mut p = path.clone();
                            p.push(n);
                            stack.push(p);
                        }
                    }
                }
                _ => out.push(path.iter().map(ToString::to_string).collect()),
            }
        }
    }
    out
}
