//! The network as the scorers see it: adjacency, degrees, each party's
//! themes and each theme's weight, with at most one link hidden (the one a
//! leave-one-out round asks about).

use std::collections::{BTreeSet, HashMap};

use super::network::Network;

/// A view of a network with one link (or none) taken out: the hidden link
/// is gone from the adjacency and the degrees, and its themes and outcomes
/// from the parties' interests, as if it had never been recorded. So is
/// every other link recorded by one of the same records (a programme
/// that joins several pairs, or both localities and organisations): hiding
/// a programme's pair of towns also hides its pair of companies, whose
/// themes and outcomes would otherwise tell the hidden link's story.
pub struct Graph<'a> {
    pub net: &'a Network,
    /// Per party: (neighbour, link index), sorted by neighbour.
    adj: Vec<Vec<(usize, usize)>>,
    edges: HashMap<(usize, usize), usize>,
    /// Per party: the themes of its offers, its needs and its visible links.
    interests: Vec<BTreeSet<&'a str>>,
    /// Per theme: 1 + ln(P / n), P the parties with any theme, n those with
    /// this one. A theme everybody has weighs 1, a rare one more.
    weights: HashMap<&'a str, f64>,
}

impl<'a> Graph<'a> {
    pub fn new(net: &'a Network, hidden: Option<usize>) -> Graph<'a> {
        let n = net.parties.len();
        let mut adj: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
        let mut edges = HashMap::new();
        let mut interests: Vec<BTreeSet<&'a str>> = net
            .parties
            .iter()
            .map(|p| {
                p.offers
                    .iter()
                    .chain(&p.needs)
                    .flat_map(|i| i.themes.iter().map(String::as_str))
                    .collect()
            })
            .collect();
        let hidden_evidence = hidden.map_or(&[][..], |h| net.links[h].evidence.as_slice());
        for (i, l) in net.links.iter().enumerate() {
            if Some(i) == hidden || l.evidence.iter().any(|e| hidden_evidence.contains(e)) {
                continue;
            }
            adj[l.from].push((l.to, i));
            adj[l.to].push((l.from, i));
            edges.insert((l.from.min(l.to), l.from.max(l.to)), i);
            for t in &l.themes {
                interests[l.from].insert(t);
                interests[l.to].insert(t);
            }
        }
        for a in &mut adj {
            a.sort_unstable();
        }
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for set in &interests {
            for t in set {
                *counts.entry(t).or_default() += 1;
            }
        }
        let with_any = interests.iter().filter(|s| !s.is_empty()).count().max(1) as f64;
        let weights = counts
            .into_iter()
            .map(|(t, c)| (t, 1.0 + (with_any / c as f64).ln()))
            .collect();
        Graph {
            net,
            adj,
            edges,
            interests,
            weights,
        }
    }

    /// The neighbours of `p` with the index of the link to each.
    pub fn neighbours(&self, p: usize) -> &[(usize, usize)] {
        &self.adj[p]
    }

    pub fn degree(&self, p: usize) -> usize {
        self.adj[p].len()
    }

    /// The visible link between two parties.
    pub fn edge(&self, a: usize, b: usize) -> Option<usize> {
        self.edges.get(&(a.min(b), a.max(b))).copied()
    }

    pub fn interests(&self, p: usize) -> &BTreeSet<&'a str> {
        &self.interests[p]
    }

    pub fn weight(&self, theme: &str) -> f64 {
        self.weights.get(theme).copied().unwrap_or(1.0)
    }

    /// The parties `q` could be offered in this view: its counterparts
    /// that it is not already linked with.
    pub fn candidates(&self, q: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.net.parties.len()).filter(move |&c| self.net.is_counterpart(q, c) && self.edge(q, c).is_none())
    }
}
