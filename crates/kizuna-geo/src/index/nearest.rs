//! Walks over the tree's nodes. The tree holds each point rounded to
//! `f32` (12 bytes rather than 24); every node is widened by [`SLACK`],
//! more than that rounding can move a point, and every leaf reached is
//! measured exactly from the place's own position, so the answers are
//! those of exact arithmetic.
//!
//! Nearest-k is a depth-first branch and bound: each node's children are
//! visited nearest first and skipped once farther than the k-th best found
//! so far. A fixed k needs no queue of every node and leaf seen, which
//! `rstar`'s nearest-neighbour iterator keeps.

use kizuna_domain::common::Id;
use rstar::{AABB, RTreeNode};

use super::Leaf;

/// More than the distance between a point of the unit sphere and its
/// `f32` rounding (at most √3 · 2⁻²⁴ ≈ 1.1e-7).
pub(super) const SLACK: f64 = 1e-6;

/// A leaf found by a nearest search: squared chord length from the query
/// point, the place's id, and where its point is.
#[derive(Clone, Copy, Debug)]
pub(super) struct Near {
    pub(super) chord2: f64,
    pub(super) id: Id,
    pub(super) layer: u8,
    pub(super) slot: u32,
}

impl Near {
    fn before(&self, other: &Near) -> bool {
        self.chord2 < other.chord2 || (self.chord2 == other.chord2 && self.id < other.id)
    }
}

/// The best `k` leaves so far, nearest first.
pub(super) struct Best {
    pub(super) k: usize,
    pub(super) found: Vec<Near>,
}

impl Best {
    fn full(&self) -> bool {
        self.found.len() >= self.k
    }

    /// Whether something at squared chord `d2` or farther may still be kept.
    fn worth(&self, d2: f64) -> bool {
        !self.full() || self.found.last().is_some_and(|w| d2 <= w.chord2)
    }

    /// Whether a leaf would be kept (before its filter is asked).
    fn would_keep(&self, n: &Near) -> bool {
        !self.full() || self.found.last().is_some_and(|w| n.before(w))
    }

    fn offer(&mut self, n: Near) {
        if self.full() {
            self.found.pop();
        }
        let at = self.found.partition_point(|x| x.before(&n));
        self.found.insert(at, n);
    }
}

/// The least squared distance from `q` to anything in the envelope widened by [`SLACK`].
pub(super) fn envelope_d2(env: &AABB<[f32; 3]>, q: &[f64; 3]) -> f64 {
    let (lo, hi) = (env.lower(), env.upper());
    (0..3)
        .map(|i| {
            let below = f64::from(lo[i]) - SLACK - q[i];
            let above = q[i] - f64::from(hi[i]) - SLACK;
            below.max(above).max(0.0).powi(2)
        })
        .sum()
}

/// The least squared distance from `q` to a point the rounded `p` may stand for.
fn leaf_d2(p: &[f32; 3], q: &[f64; 3]) -> f64 {
    let d: f64 = (0..3).map(|i| (f64::from(p[i]) - q[i]).powi(2)).sum::<f64>().sqrt();
    (d - SLACK).max(0.0).powi(2)
}

/// The nearest leaves of one layer offered to `best`: `exact` measures a
/// slot (`None`: not there any more), `keep` asks the filter.
pub(super) fn descend(
    node: &rstar::ParentNode<Leaf>,
    q: &[f64; 3],
    best: &mut Best,
    exact: &dyn Fn(u32) -> Option<Near>,
    keep: &dyn Fn(&Near) -> bool,
) {
    let children = node.children();
    // Inner children by their envelope's distance; the tree's nodes hold at
    // most `TreeParams::MAX_SIZE` children.
    let mut order = [(0.0f64, 0u32); 64];
    let mut inner = 0;
    for (i, child) in children.iter().enumerate() {
        match child {
            RTreeNode::Leaf(l) => {
                if !best.worth(leaf_d2(l.geom(), q)) {
                    continue;
                }
                if let Some(n) = exact(l.data)
                    && best.would_keep(&n)
                    && keep(&n)
                {
                    best.offer(n);
                }
            }
            RTreeNode::Parent(p) => {
                let d2 = envelope_d2(&p.envelope(), q);
                if inner < order.len() {
                    order[inner] = (d2, i as u32);
                    inner += 1;
                } else if best.worth(d2) {
                    // More children than a node holds: visit in tree order.
                    descend(p, q, best, exact, keep);
                }
            }
        }
    }
    let order = &mut order[..inner];
    order.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    for &(d2, i) in order.iter() {
        if !best.worth(d2) {
            break;
        }
        if let RTreeNode::Parent(p) = &children[i as usize] {
            descend(p, q, best, exact, keep);
        }
    }
}

/// Every leaf whose point may lie within the envelope-test `near` says
/// (given a node's or a point's widened envelope), handed to `found`.
pub(super) fn visit(
    node: &rstar::ParentNode<Leaf>,
    near: &dyn Fn(&AABB<[f64; 3]>) -> bool,
    found: &mut dyn FnMut(u32),
) {
    for child in node.children() {
        match child {
            RTreeNode::Leaf(l) => {
                if near(&widened(&AABB::from_point(*l.geom()))) {
                    found(l.data);
                }
            }
            RTreeNode::Parent(p) => {
                if near(&widened(&p.envelope())) {
                    visit(p, near, found);
                }
            }
        }
    }
}

fn widened(env: &AABB<[f32; 3]>) -> AABB<[f64; 3]> {
    let (lo, hi) = (env.lower(), env.upper());
    AABB::from_corners(lo.map(|v| f64::from(v) - SLACK), hi.map(|v| f64::from(v) + SLACK))
}
