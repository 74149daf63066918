//! Nearest-k as a depth-first branch and bound over the tree's nodes: each
//! node's children are visited nearest first and skipped once farther than
//! the k-th best found so far. A fixed k needs no queue of every node and
//! leaf seen, which `rstar`'s nearest-neighbour iterator keeps.

use kizuna_domain::common::Id;

use super::{Leaf, Traits};

/// A leaf found by [`PlaceIndex::nearest_leaves`]: squared chord length
/// from the query point, the entry's slot and the place's id.
#[derive(Clone, Copy)]
pub(super) struct Near {
    pub(super) chord2: f64,
    pub(super) slot: usize,
    pub(super) id: Id,
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

    /// Whether a node at squared chord `d2` may still hold a better leaf.
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

pub(super) fn descend(
    node: &rstar::ParentNode<Leaf>,
    q: &[f64; 3],
    best: &mut Best,
    keep: &dyn Fn(&(usize, Id, Traits)) -> bool,
) {
    use rstar::{PointDistance, RTreeNode};
    let children = node.children();
    // Inner children by their envelope's distance; the tree's nodes hold at
    // most `TreeParams::MAX_SIZE` children.
    let mut order = [(0.0f64, 0u32); 64];
    let mut inner = 0;
    for (i, child) in children.iter().enumerate() {
        match child {
            RTreeNode::Leaf(l) => {
                let n = Near {
                    chord2: l.geom().distance_2(q),
                    slot: l.data.0,
                    id: l.data.1,
                };
                if best.would_keep(&n) && keep(&l.data) {
                    best.offer(n);
                }
            }
            RTreeNode::Parent(p) => {
                let d2 = p.envelope().distance_2(q);
                if inner < order.len() {
                    order[inner] = (d2, i as u32);
                    inner += 1;
                } else if best.worth(d2) {
                    // More children than a node holds: visit in tree order.
                    descend(p, q, best, keep);
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
            descend(p, q, best, keep);
        }
    }
}
