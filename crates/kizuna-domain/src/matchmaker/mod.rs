//! The matchmaker: which locality or organisation abroad (or in Japan, for
//! a foreign party) a party could link with next, and why.
//!
//! It ranks a party's counterparts by what their profiles and the recorded
//! links say ([`score`]): offers that meet needs both ways, shared themes,
//! closeness in the graph of links, and the outcomes of past links that
//! resemble the pair. Each suggestion cites its evidence by record id, so
//! that staff can check it. [`evaluate`] measures the ranking by hiding
//! each recorded link in turn, against two baselines (popularity and
//! Adamic–Adar) and a constant that proves ties are counted against the
//! method. [`links_file`] reads a plain CSV of links, so that the same
//! evaluation runs on data nobody tuned the method to.
//!
//! Pure: the application builds the [`Network`] from the store.

pub mod evaluate;
pub mod graph;
pub mod links_file;
pub mod network;
pub mod score;

#[cfg(test)]
mod tests;

use serde::Serialize;

use crate::common::CountryCode;

pub use evaluate::{Evaluation, EvaluationError, Figures, Level, evaluate};
pub use graph::Graph;
pub use network::{Item, Link, LinkInput, Network, Party, PartyKind, Ref, RefKind, Side};
pub use score::{Explanation, Named, Parts, Scorer};

/// One ranked counterpart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    pub rank: usize,
    pub party: Named,
    pub country: Option<CountryCode>,
    pub score: f64,
    /// The matchmaker's parts; absent for the baselines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parts: Option<Parts>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<Explanation>,
}

/// The suggestions for one party.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestions {
    pub party: Named,
    pub scorer: Scorer,
    /// Its known partners, left out of the suggestions.
    pub partners: Vec<Named>,
    /// How many counterparts were ranked.
    pub candidates: usize,
    pub suggestions: Vec<Suggestion>,
}

/// A party that cannot be matched, and why (in the reader's language).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{party} is not matchable: {reason}")]
pub struct NotMatchable {
    pub party: String,
    pub reason: String,
}

/// The `k` best counterparts of party `q` that it is not linked with yet,
/// best first; equal scores in the order of their names.
pub fn suggest(net: &Network, q: usize, scorer: Scorer, k: usize) -> Result<Suggestions, NotMatchable> {
    let party = &net.parties[q];
    if let Some(reason) = &party.not_matchable {
        return Err(NotMatchable {
            party: party.label.clone(),
            reason: reason.clone(),
        });
    }
    let g = Graph::new(net, None);
    let mut scored: Vec<(usize, score::Scored)> = g.candidates(q).map(|c| (c, g.scored(scorer, q, c))).collect();
    let candidates = scored.len();
    scored.sort_by(|(a, x), (b, y)| {
        y.score.total_cmp(&x.score).then_with(|| {
            let (pa, pb) = (&net.parties[*a], &net.parties[*b]);
            pa.label.cmp(&pb.label).then_with(|| pa.key.cmp(&pb.key))
        })
    });
    let named = |p: usize| Named {
        key: net.parties[p].key.clone(),
        label: net.parties[p].label.clone(),
    };
    let suggestions = scored
        .into_iter()
        .take(k)
        .enumerate()
        .map(|(i, (c, s))| Suggestion {
            rank: i + 1,
            party: named(c),
            country: net.parties[c].country,
            score: s.score,
            parts: s.parts,
            explanation: s.explanation,
        })
        .collect();
    Ok(Suggestions {
        party: named(q),
        scorer,
        partners: g.neighbours(q).iter().map(|&(p, _)| named(p)).collect(),
        candidates,
        suggestions,
    })
}
