//! The scorers: the matchmaker itself, and the baselines it is measured
//! against (popularity, Adamic–Adar, a constant).
//!
//! The matchmaker's score of a candidate `c` for a party `q` is a weighted
//! sum of five parts, each computed from recorded evidence only:
//!
//! - **complementarity**: every pair (an offer of one, a need of the other)
//!   that share a theme, in both directions, each worth its theme's weight
//!   (rare themes weigh more, see [`Graph`]); ×1.5 when it runs both ways,
//!   the "mutual" case the office looks for;
//! - **shared themes**: the themes both have among their offers, needs
//!   and links, each worth its weight;
//! - **closeness** in the link graph: Adamic–Adar over common partners
//!   (1/ln of the partner's degree each) plus paths of three links
//!   q–a–b–c (1/√(deg a · deg b) each), which is how two sides meet in a
//!   graph whose links all cross from Japan to abroad: a town abroad that
//!   a peer of `q`'s partner is linked with;
//! - **past outcomes**: the three recorded links with outcomes that most
//!   resemble the pair (no two recorded by the same programme), each worth
//!   the share of its themes the pair has in common (complementary or
//!   shared) times ln(1 + its outcomes);
//! - **activity**: ln(1 + the candidate's partners), a small prior for
//!   parties that already take part.
//!
//! The weights are set by hand ([`WEIGHTS`]), not fitted. Every part can
//! only grow with more evidence, so taking away an offer or a need that an
//! explanation cites lowers the score and never raises it.

use std::collections::BTreeSet;

use serde::Serialize;

use super::graph::Graph;
use super::network::{Ref, RefKind};

/// Which scorer ranks the candidates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scorer {
    /// The matchmaker: complementarity, themes, closeness, past outcomes.
    Matchmaker,
    /// The candidate's number of partners (preferential attachment).
    Popularity,
    /// Adamic–Adar: common partners, each weighted 1/ln(its degree).
    AdamicAdar,
    /// Every candidate scores 0: under pessimistic ties, never a hit.
    Constant,
}

impl Scorer {
    pub const ALL: [Scorer; 4] = [
        Scorer::Matchmaker,
        Scorer::Popularity,
        Scorer::AdamicAdar,
        Scorer::Constant,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Scorer::Matchmaker => "matchmaker",
            Scorer::Popularity => "popularity",
            Scorer::AdamicAdar => "adamic_adar",
            Scorer::Constant => "constant",
        }
    }

    pub fn parse(s: &str) -> Option<Scorer> {
        Scorer::ALL.into_iter().find(|x| x.as_str() == s.trim())
    }
}

/// The weights of the matchmaker's parts, and the bonus for a match that
/// runs both ways.
pub struct Weights {
    pub complementarity: f64,
    pub mutual_bonus: f64,
    pub shared_themes: f64,
    pub closeness: f64,
    pub past_outcomes: f64,
    pub activity: f64,
}

pub const WEIGHTS: Weights = Weights {
    complementarity: 1.0,
    mutual_bonus: 1.5,
    shared_themes: 0.5,
    closeness: 1.0,
    past_outcomes: 1.0,
    activity: 0.25,
};

/// How many resembling links and paths an explanation cites at most.
const CITED: usize = 3;

/// The parts of a matchmaker score, before weighting.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Parts {
    pub complementarity: f64,
    pub shared_themes: f64,
    pub closeness: f64,
    pub past_outcomes: f64,
    pub activity: f64,
}

impl Parts {
    pub fn total(&self) -> f64 {
        let w = &WEIGHTS;
        w.complementarity * self.complementarity
            + w.shared_themes * self.shared_themes
            + w.closeness * self.closeness
            + w.past_outcomes * self.past_outcomes
            + w.activity * self.activity
    }
}

/// A party named in an explanation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Named {
    pub key: String,
    pub label: String,
}

/// An offer of one party that meets a need of the other on a theme.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Meet {
    pub offer: Ref,
    pub need: Ref,
    pub theme: String,
    /// Whether the query party is the one offering (else the candidate).
    pub query_offers: bool,
}

/// A way through the link graph from the query party to the candidate:
/// one party between them (a common partner) or two (a path of three
/// links), with the evidence of each link in order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Via {
    pub through: Vec<Named>,
    pub links: Vec<Ref>,
    pub weight: f64,
}

/// A recorded link with outcomes that the suggested pair resembles.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Resemblance {
    pub link: Vec<Ref>,
    pub between: [Named; 2],
    /// The link's themes the pair has too.
    pub themes: Vec<String>,
    pub outcomes: Vec<Ref>,
    /// The share of the link's themes the pair has.
    pub similarity: f64,
}

/// Why a candidate scored what it did: every cited record by id.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Explanation {
    pub meets: Vec<Meet>,
    /// Offers meet needs in both directions.
    pub mutual: bool,
    pub shared_themes: Vec<String>,
    pub closeness: Vec<Via>,
    pub resembles: Vec<Resemblance>,
    /// How many known partners the candidate has.
    pub partners: usize,
}

/// A candidate's score under a scorer. Only the matchmaker explains.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub score: f64,
    pub parts: Option<Parts>,
    pub explanation: Option<Explanation>,
}

impl Graph<'_> {
    /// The score of candidate `c` for query party `q`.
    pub fn score(&self, scorer: Scorer, q: usize, c: usize) -> f64 {
        match scorer {
            Scorer::Matchmaker => self.matchmaker(q, c).0.total(),
            Scorer::Popularity => self.degree(c) as f64,
            Scorer::AdamicAdar => self.adamic_adar(q, c),
            Scorer::Constant => 0.0,
        }
    }

    /// The score with its parts and explanation (for the matchmaker).
    pub fn scored(&self, scorer: Scorer, q: usize, c: usize) -> Scored {
        match scorer {
            Scorer::Matchmaker => {
                let (parts, explanation) = self.matchmaker(q, c);
                Scored {
                    score: parts.total(),
                    parts: Some(parts),
                    explanation: Some(explanation),
                }
            }
            _ => Scored {
                score: self.score(scorer, q, c),
                parts: None,
                explanation: None,
            },
        }
    }

    /// Σ over common partners w of 1/ln(deg w). A common partner has at
    /// least the two links to `q` and `c`, so the logarithm is positive.
    pub fn adamic_adar(&self, q: usize, c: usize) -> f64 {
        self.common_partners(q, c)
            .map(|(w, _, _)| 1.0 / (self.degree(w) as f64).ln())
            .sum()
    }

    /// Parties linked with both, with the two links, in party order.
    fn common_partners(&self, q: usize, c: usize) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
        self.neighbours(q)
            .iter()
            .filter(move |&&(w, _)| w != c)
            .filter_map(move |&(w, lq)| self.edge(w, c).map(|lc| (w, lq, lc)))
    }

    fn named(&self, p: usize) -> Named {
        let party = &self.net.parties[p];
        Named {
            key: party.key.clone(),
            label: party.label.clone(),
        }
    }

    fn link_ref(&self, l: usize) -> Ref {
        self.net.links[l].evidence[0]
    }

    fn matchmaker(&self, q: usize, c: usize) -> (Parts, Explanation) {
        let (pq, pc) = (&self.net.parties[q], &self.net.parties[c]);
        let mut parts = Parts::default();
        let mut ex = Explanation::default();

        // Complementarity, both ways.
        let mut ways = [0.0f64; 2];
        for (way, (offering, needing)) in [(pq, pc), (pc, pq)].into_iter().enumerate() {
            for o in &offering.offers {
                for n in &needing.needs {
                    for t in o.themes.iter().filter(|t| n.themes.contains(t)) {
                        ways[way] += self.weight(t);
                        ex.meets.push(Meet {
                            offer: Ref::new(RefKind::Offer, o.id),
                            need: Ref::new(RefKind::Need, n.id),
                            theme: t.clone(),
                            query_offers: way == 0,
                        });
                    }
                }
            }
        }
        ex.mutual = ways[0] > 0.0 && ways[1] > 0.0;
        parts.complementarity = (ways[0] + ways[1]) * if ex.mutual { WEIGHTS.mutual_bonus } else { 1.0 };

        // Shared themes.
        let shared: Vec<&str> = self.interests(q).intersection(self.interests(c)).copied().collect();
        parts.shared_themes = shared.iter().map(|t| self.weight(t)).sum();
        ex.shared_themes = shared.iter().map(|t| (*t).to_owned()).collect();

        // Closeness: common partners, then paths of three links.
        let mut vias = Vec::new();
        for (w, lq, lc) in self.common_partners(q, c) {
            let weight = 1.0 / (self.degree(w) as f64).ln();
            parts.closeness += weight;
            vias.push(Via {
                through: vec![self.named(w)],
                links: vec![self.link_ref(lq), self.link_ref(lc)],
                weight,
            });
        }
        for &(a, lqa) in self.neighbours(q) {
            if a == c {
                continue;
            }
            for &(b, lab) in self.neighbours(a) {
                if b == q || b == c {
                    continue;
                }
                if let Some(lbc) = self.edge(b, c) {
                    let weight = 1.0 / ((self.degree(a) * self.degree(b)) as f64).sqrt();
                    parts.closeness += weight;
                    vias.push(Via {
                        through: vec![self.named(a), self.named(b)],
                        links: vec![self.link_ref(lqa), self.link_ref(lab), self.link_ref(lbc)],
                        weight,
                    });
                }
            }
        }
        vias.sort_by(|x, y| y.weight.total_cmp(&x.weight));
        vias.truncate(CITED);
        ex.closeness = vias;

        // Past outcomes of resembling links.
        let pair: BTreeSet<&str> = ex
            .meets
            .iter()
            .map(|m| m.theme.as_str())
            .chain(shared.iter().copied())
            .collect();
        let mut resembling = Vec::new();
        if !pair.is_empty() {
            for (i, l) in self.net.links.iter().enumerate() {
                if l.outcomes.is_empty() || l.themes.is_empty() || self.edge(l.from, l.to) != Some(i) {
                    continue;
                }
                let common: Vec<String> = l.themes.iter().filter(|t| pair.contains(t.as_str())).cloned().collect();
                if common.is_empty() {
                    continue;
                }
                let similarity = common.len() as f64 / l.themes.len() as f64;
                let value = similarity * (1.0 + l.outcomes.len() as f64).ln();
                resembling.push((
                    value,
                    Resemblance {
                        link: l.evidence.clone(),
                        between: [self.named(l.from), self.named(l.to)],
                        themes: common,
                        outcomes: l.outcomes.clone(),
                        similarity,
                    },
                ));
            }
        }
        // The best first; a link recorded by a record already cited (the
        // other pairs of one programme) is the same story, counted once.
        resembling.sort_by(|x, y| y.0.total_cmp(&x.0));
        let mut cited: Vec<(f64, Resemblance)> = Vec::new();
        for r in resembling {
            if cited.len() == CITED {
                break;
            }
            if !cited.iter().any(|c| c.1.link.iter().any(|e| r.1.link.contains(e))) {
                cited.push(r);
            }
        }
        let resembling = cited;
        parts.past_outcomes = resembling.iter().map(|r| r.0).sum();
        ex.resembles = resembling.into_iter().map(|r| r.1).collect();

        ex.partners = self.degree(c);
        parts.activity = (1.0 + ex.partners as f64).ln();
        (parts, ex)
    }
}
