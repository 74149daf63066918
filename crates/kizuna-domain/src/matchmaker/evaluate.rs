//! Leave-one-out evaluation over the recorded links.
//!
//! Each link is hidden in turn: taken out of the graph with its themes and
//! outcomes, as if never recorded, and with it every link that one of its
//! records also records (the other pairs of the same programme). Its `from` party asks for suggestions;
//! the candidates are that party's counterparts (same kind, other side when
//! both sides are known) except itself and the partners it keeps; the
//! hidden partner's rank is 1 + the number of other candidates that score
//! at least as high (ties counted against the method: a scorer that ties
//! everything ranks the hidden partner last). Scores within 1e-9 (relative)
//! of each other are ties, so that the order of a floating-point sum
//! decides nothing.
//!
//! - `hit_at_5`: the share of hidden partners ranked 5 or better;
//! - `mrr`: the mean of 1/rank;
//! - `coverage_at_10`: the share of the parties that were a candidate in
//!   some round that were also in the top 10 of some round. A candidate is
//!   in a round's top 10 when fewer than 10 others score at least as high
//!   (the same pessimistic rule, so a list of ties can be shorter than 10
//!   or empty). A scorer that suggests the same few parties to everybody
//!   covers little.
//!
//! With `Level::Country` the ranked items are the candidates' countries
//! instead of the parties: a country's score is the sum of its candidates'
//! scores (for popularity, how many links land there: the popularity of
//! countries), and the hidden partner's country is the one to find.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::graph::Graph;
use super::network::Network;
use super::score::Scorer;

/// What is ranked: the exact partner, or its country.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Party,
    Country,
}

/// The three figures of one scorer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    pub hit_at_5: f64,
    pub mrr: f64,
    pub coverage_at_10: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Baselines {
    pub popularity: Figures,
    pub adamic_adar: Figures,
}

/// The evaluation's report; its JSON is what `kizuna match evaluate` prints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    pub scorer: Scorer,
    pub level: Level,
    /// Links evaluated (each one round).
    pub links: usize,
    /// Links not evaluated: their two ends are not counterparts (same side,
    /// or different kinds), so the hidden partner could never be suggested.
    pub skipped: usize,
    #[serde(flatten)]
    pub figures: Figures,
    pub baselines: Baselines,
    pub tie_breaking: &'static str,
    pub protocol: String,
}

/// Why a network cannot be evaluated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EvaluationError {
    #[error("there are no recorded links to evaluate")]
    NoLinks,
    #[error("no link joins two counterparts (each joins two parties of the same side or of different kinds)")]
    NoCounterparts,
    #[error("--level country needs every party's country; {0} has none")]
    NoCountry(String),
}

const TOP: usize = 10;
const HIT: usize = 5;

/// Whether `other` ties or beats `target` (pessimistic ties, 1e-9 relative).
fn at_least(other: f64, target: f64) -> bool {
    other >= target - 1e-9 * target.abs().max(1.0)
}

/// Evaluate `scorer` and the two baselines by leave-one-out.
pub fn evaluate(net: &Network, scorer: Scorer, level: Level) -> Result<Evaluation, EvaluationError> {
    if net.links.is_empty() {
        return Err(EvaluationError::NoLinks);
    }
    if level == Level::Country
        && let Some(p) = net.parties.iter().find(|p| p.country.is_none())
    {
        return Err(EvaluationError::NoCountry(p.label.clone()));
    }
    let rounds: Vec<usize> = (0..net.links.len())
        .filter(|&i| net.is_counterpart(net.links[i].from, net.links[i].to))
        .collect();
    if rounds.is_empty() {
        return Err(EvaluationError::NoCounterparts);
    }
    let mut acc = [scorer, Scorer::Popularity, Scorer::AdamicAdar].map(|_| Tally::default());
    for &i in &rounds {
        let g = Graph::new(net, Some(i));
        let (q, target) = (net.links[i].from, net.links[i].to);
        let candidates: Vec<usize> = g.candidates(q).collect();
        for (s, tally) in [scorer, Scorer::Popularity, Scorer::AdamicAdar]
            .into_iter()
            .zip(&mut acc)
        {
            let scores: Vec<(usize, f64)> = candidates.iter().map(|&c| (c, g.score(s, q, c))).collect();
            match level {
                Level::Party => tally.round(&scores, target),
                Level::Country => {
                    let country = |p: usize| net.parties[p].country.map_or(0, country_index);
                    let mut sums: BTreeMap<usize, f64> = BTreeMap::new();
                    for &(c, v) in &scores {
                        *sums.entry(country(c)).or_default() += v;
                    }
                    let items: Vec<(usize, f64)> = sums.into_iter().collect();
                    tally.round(&items, country(target));
                }
            }
        }
    }
    let [main, popularity, adamic_adar] = acc.map(|t| t.figures());
    Ok(Evaluation {
        scorer,
        level,
        links: rounds.len(),
        skipped: net.links.len() - rounds.len(),
        figures: main,
        baselines: Baselines {
            popularity,
            adamic_adar,
        },
        tie_breaking: "pessimistic",
        protocol: protocol(rounds.len(), level),
    })
}

/// A country as a number, to rank countries with the same code as parties.
fn country_index(c: crate::common::CountryCode) -> usize {
    let b = c.as_str().as_bytes();
    usize::from(b[0]) * 256 + usize::from(b[1])
}

fn protocol(links: usize, level: Level) -> String {
    let what = match level {
        Level::Party => "the hidden partner",
        Level::Country => "the hidden partner's country (a country scores the sum of its candidates' scores)",
    };
    format!(
        "leave-one-out over {links} recorded links: each link in turn is hidden (removed with its themes and \
         outcomes, and with the other links its records record) and asked for from its 'from' end; candidates are that party's counterparts (same kind, \
         other side when both sides are known) except itself and its other known partners; {what} is ranked \
         1 + the number of other candidates scoring at least as high (ties pessimistic); hit_at_5 = share \
         ranked 5 or better, mrr = mean of 1/rank, coverage_at_10 = share of the candidates of some round \
         (parties, or countries at the country level) that were in the top 10 of some round"
    )
}

/// Running sums over the rounds of one scorer.
#[derive(Default)]
struct Tally {
    rounds: usize,
    hits: usize,
    reciprocal: f64,
    candidates: BTreeSet<usize>,
    covered: BTreeSet<usize>,
}

impl Tally {
    /// One round: `items` are (item, score), `target` the item to find.
    fn round(&mut self, items: &[(usize, f64)], target: usize) {
        let Some(&(_, t)) = items.iter().find(|(i, _)| *i == target) else {
            return;
        };
        let rank = 1 + items.iter().filter(|&&(i, v)| i != target && at_least(v, t)).count();
        self.rounds += 1;
        if rank <= HIT {
            self.hits += 1;
        }
        self.reciprocal += 1.0 / rank as f64;
        let mut sorted: Vec<f64> = items.iter().map(|&(_, v)| v).collect();
        sorted.sort_by(|a, b| b.total_cmp(a));
        for &(i, v) in items {
            self.candidates.insert(i);
            // Items scoring at least v, this one included.
            let ahead = sorted.partition_point(|&o| at_least(o, v));
            if ahead <= TOP {
                self.covered.insert(i);
            }
        }
    }

    fn figures(&self) -> Figures {
        let n = self.rounds.max(1) as f64;
        Figures {
            hit_at_5: self.hits as f64 / n,
            mrr: self.reciprocal / n,
            coverage_at_10: self.covered.len() as f64 / self.candidates.len().max(1) as f64,
        }
    }
}
