//! Every place in an R*-tree ([`rstar`]) on the unit sphere (see
//! [`crate::geometry`]), as of one places version.
//!
//! The index keeps of each place only what a search decides by: its id,
//! position and what the filters ask (category, assurance level,
//! certificate dates, prayer space, opening hours as a number into a table
//! of distinct expressions, the day it was last verified): about a hundred
//! bytes with its leaf, against a kilobyte or more for the place. A search
//! answers ids; whoever holds the index reads those places (a page, never
//! all) from the store and makes them search results ([`PlaceIndex::hit`]).
//! The caller may give each place a number of its own when it adds it
//! ([`PlaceIndexBuilder::add_kept`], [`PlaceChanges::add_kept`]), say where
//! it keeps that version of the place's details; searches hand the number
//! back with the id ([`PlaceIndex::nearest_kept`], [`PlaceIndex::facts`],
//! [`PlaceIndex::nearest_facts`]).
//! The index does nothing else with it.
//!
//! The tree holds points rounded to `f32`; the nodes are widened and the
//! leaves reached measured exactly, so answers are those of exact
//! arithmetic ([`nearest`]).
//!
//! Changes since the index was built from every place are a second, small
//! layer: the places changed, in a tree of their own, and the built
//! layer's places they replace marked gone. Bringing the index up to date
//! ([`PlaceIndex::updated`]) copies only that layer and the marks, never
//! the million places; [`PlaceIndex::compacted`] folds it into one layer
//! when it has grown.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use kizuna_domain::common::Id;
use kizuna_domain::map::place::{EARTH_MEAN_RADIUS_M, LatLon, Place, haversine_m};
use rstar::primitives::GeomWithData;
use rstar::{AABB, Envelope, RTree};

use crate::geometry::{BBox, chord, unit};

mod filter;
mod hit;
mod nearest;
mod point;

pub use filter::PlaceFilter;
pub use hit::{PlaceHit, PointFacts, SharedPlace, sort_by_distance};
use nearest::{Best, Near, descend, visit};
pub use point::HoursShelf;
use point::Point;
#[cfg(test)]
pub(crate) use point::Traits;

/// The most results one query returns.
pub const MAX_RESULTS: usize = 1000;

/// A leaf of the tree: the place's point on the unit sphere (rounded to
/// `f32`) and its slot in its layer's points.
pub(crate) type Leaf = GeomWithData<[f32; 3], u32>;

/// Nodes of up to 40 children: a shallower tree than rstar's default of 6,
/// which bulk-loads a million points faster and answers as quickly.
#[derive(Clone)]
struct TreeParams;

impl rstar::RTreeParams for TreeParams {
    const MIN_SIZE: usize = 16;
    const MAX_SIZE: usize = 40;
    const REINSERTION_COUNT: usize = 10;
    type DefaultInsertionStrategy = rstar::RStarInsertionStrategy;
}

/// Points by id and their tree.
struct Layer {
    points: Vec<Point>,
    tree: RTree<Leaf, TreeParams>,
}

impl Layer {
    /// A layer of these points (by id, each id once).
    fn new(points: Vec<Point>) -> Self {
        let leaves: Vec<Leaf> = points
            .iter()
            .enumerate()
            .map(|(i, p)| GeomWithData::new(p.unit32(), slot(i)))
            .collect();
        Layer {
            tree: RTree::bulk_load_with_params(leaves),
            points,
        }
    }

    fn slot_of(&self, id: Id) -> Option<usize> {
        self.points.binary_search_by_key(&id, |p| p.id).ok()
    }
}

fn slot(i: usize) -> u32 {
    u32::try_from(i).expect("fewer than 4 billion places")
}

fn d2(a: &[f64; 3], b: &[f64; 3]) -> f64 {
    (0..3).map(|i| (a[i] - b[i]).powi(2)).sum()
}

/// Places read one at a time (a page of the store at a time) into an index.
pub struct PlaceIndexBuilder {
    shelf: HoursShelf,
    points: Vec<Point>,
}

impl PlaceIndexBuilder {
    /// A builder whose index will share `shelf` (its opening hours).
    pub fn new(shelf: HoursShelf) -> Self {
        PlaceIndexBuilder {
            shelf,
            points: Vec::new(),
        }
    }

    /// Take what the index needs of a place.
    pub fn add(&mut self, place: &Place) {
        self.add_kept(place, 0);
    }

    /// Take what the index needs of a place, with the caller's number for
    /// where it keeps the place's details (0: nowhere).
    pub fn add_kept(&mut self, place: &Place, kept: u64) {
        self.points.push(self.shelf.point(place, kept));
    }

    pub fn len(&self) -> usize {
        self.points.len()
    }

    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// The index (CPU work: about a second for a million places).
    pub fn finish(mut self, version: i64) -> PlaceIndex {
        if !self.points.is_sorted_by_key(|p| p.id) {
            self.points.sort_by_key(|p| p.id);
        }
        // The last of one id wins.
        self.points.reverse();
        self.points.dedup_by_key(|p| p.id);
        self.points.reverse();
        self.points.shrink_to_fit();
        let live = self.points.len();
        PlaceIndex {
            version,
            gone: Arc::new(vec![0; live.div_ceil(64)]),
            gone_n: 0,
            base: Arc::new(Layer::new(self.points)),
            delta: Arc::new(Layer::new(Vec::new())),
            live,
            updates: 0,
            shelf: self.shelf,
            held: None,
        }
    }
}

/// Places re-read since an index's version, kept only as what the index
/// needs of them (and whole, for an index that holds its places).
pub struct PlaceChanges {
    shelf: HoursShelf,
    points: Vec<Point>,
    places: Option<Vec<Place>>,
}

impl PlaceChanges {
    /// Take a re-read place (a later one of the same id wins).
    pub fn add(&mut self, place: Place) {
        self.add_kept(place, 0);
    }

    /// [`PlaceChanges::add`] with the caller's number for where it keeps
    /// this version of the place's details (0: nowhere).
    pub fn add_kept(&mut self, place: Place, kept: u64) {
        self.points.push(self.shelf.point(&place, kept));
        if let Some(places) = &mut self.places {
            places.push(place);
        }
    }

    pub fn len(&self) -> usize {
        self.points.len()
    }

    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }
}

/// All places, in an R*-tree on the unit sphere, as of one places version.
pub struct PlaceIndex {
    version: i64,
    /// Every place as of the last build.
    base: Arc<Layer>,
    /// The base's slots whose place was deleted or changed since (one bit each).
    gone: Arc<Vec<u64>>,
    gone_n: usize,
    /// The places changed since the build, as they are now.
    delta: Arc<Layer>,
    live: usize,
    /// Updates applied since the index was last built from every place.
    updates: u32,
    shelf: HoursShelf,
    /// The places themselves, for an index made by [`PlaceIndex::build`].
    held: Option<Arc<BTreeMap<Id, Place>>>,
}

impl PlaceIndex {
    /// An index of these places.
    /// An index of these places that also holds them, so that
    /// [`PlaceIndex::nearest`] can make search results without a store
    /// (tests, the in-process benchmark). A server's index holds none
    /// ([`PlaceIndexBuilder`]) and reads the places it finds from the store.
    pub fn build(version: i64, places: Vec<Place>) -> Self {
        let mut b = PlaceIndexBuilder::new(HoursShelf::default());
        for p in &places {
            b.add(p);
        }
        let mut ix = b.finish(version);
        ix.held = Some(Arc::new(places.into_iter().map(|p| (p.id, p)).collect()));
        ix
    }

    /// The `k` nearest places matching the filter as search results,
    /// nearest first: only for an index that holds its places
    /// ([`PlaceIndex::build`]); one that does not answers nothing here.
    pub fn nearest(
        &self,
        at: LatLon,
        k: usize,
        f: &PlaceFilter,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Vec<PlaceHit> {
        let Some(held) = &self.held else {
            return Vec::new();
        };
        let mut hits: Vec<PlaceHit> = self
            .nearest_ids(at, k, f, today, now)
            .into_iter()
            .filter_map(|(id, _)| held.get(&id))
            .map(|p| self.hit(p.clone(), Some((at.lat(), at.lon())), today, now))
            .collect();
        sort_by_distance(&mut hits);
        hits
    }

    /// The opening hours this index shares with the indexes made from it.
    pub fn shelf(&self) -> &HoursShelf {
        &self.shelf
    }

    fn is_gone(&self, s: u32) -> bool {
        self.gone[(s / 64) as usize] & (1 << (s % 64)) != 0
    }

    fn layer(&self, n: u8) -> &Layer {
        if n == 0 { &self.base } else { &self.delta }
    }

    fn point(&self, n: &Near) -> &Point {
        &self.layer(n.layer).points[n.slot as usize]
    }

    /// This index brought to `version` by re-read places and deleted ids
    /// (a place both deleted and re-read is kept as re-read). Copies the
    /// changes made since the last build, never the places built from.
    pub fn updated(&self, version: i64, upserts: Vec<Place>, deletes: &[Id]) -> Self {
        let mut changes = self.changes();
        for place in upserts {
            changes.add(place);
        }
        self.updated_by(version, changes, deletes)
    }

    /// An empty set of re-read places for [`PlaceIndex::updated_by`], to be
    /// filled a page of the store at a time.
    pub fn changes(&self) -> PlaceChanges {
        PlaceChanges {
            shelf: self.shelf.clone(),
            points: Vec::new(),
            places: self.held.is_some().then(Vec::new),
        }
    }

    /// As [`PlaceIndex::updated`], from re-read places already taken as
    /// what the index needs of them: a server's catch-up never holds all
    /// the changed places at once.
    pub fn updated_by(&self, version: i64, changes: PlaceChanges, deletes: &[Id]) -> Self {
        let PlaceChanges { points, places, .. } = changes;
        let mut delta: BTreeMap<Id, Point> = self.delta.points.iter().map(|p| (p.id, *p)).collect();
        let mut gone = (*self.gone).clone();
        let mut gone_n = self.gone_n;
        let mut mark = |id: Id| {
            if let Some(s) = self.base.slot_of(id) {
                let (w, b) = (s / 64, 1u64 << (s % 64));
                if gone[w] & b == 0 {
                    gone[w] |= b;
                    gone_n += 1;
                }
            }
        };
        for id in deletes {
            mark(*id);
            delta.remove(id);
        }
        for point in points {
            mark(point.id);
            delta.insert(point.id, point);
        }
        let held = self.held.as_ref().map(|held| {
            let mut held = (**held).clone();
            for id in deletes {
                held.remove(id);
            }
            held.extend(places.into_iter().flatten().map(|p| (p.id, p)));
            Arc::new(held)
        });
        let delta: Vec<Point> = delta.into_values().collect();
        let live = self.base.points.len() - gone_n + delta.len();
        PlaceIndex {
            version,
            base: self.base.clone(),
            gone: Arc::new(gone),
            gone_n,
            delta: Arc::new(Layer::new(delta)),
            live,
            updates: self.updates + 1,
            shelf: self.shelf.clone(),
            held,
        }
    }

    /// How many places changed since the last build (the second layer's size).
    pub fn changed_since_build(&self) -> usize {
        self.delta.points.len() + self.gone_n
    }

    /// The same index with its changes folded into one layer (CPU work:
    /// about a second for a million places).
    pub fn compacted(&self) -> Self {
        let mut b = PlaceIndexBuilder::new(self.shelf.clone());
        b.points = self.live_points().copied().collect();
        let mut ix = b.finish(self.version);
        ix.held = self.held.clone();
        ix
    }

    /// Hand each place of the built layer to `f` in the tree's order, so
    /// that places near one another come one after another, and keep the
    /// number `f` gives back in place of the one the place was added with
    /// ([`PlaceIndexBuilder::add_kept`]): for a caller that rewrites where it
    /// keeps the places so that those a search finds together lie together.
    /// Only for an index no copy shares yet (just built); `false`, nothing
    /// asked, otherwise.
    pub fn rekeep_in_tree_order(&mut self, mut f: impl FnMut(Id, u64) -> u64) -> bool {
        let Some(Layer { points, tree }) = Arc::get_mut(&mut self.base) else {
            return false;
        };
        fn walk(node: &rstar::ParentNode<Leaf>, found: &mut dyn FnMut(u32)) {
            for child in node.children() {
                match child {
                    rstar::RTreeNode::Leaf(l) => found(l.data),
                    rstar::RTreeNode::Parent(p) => walk(p, found),
                }
            }
        }
        walk(tree.root(), &mut |s| {
            let p = &mut points[s as usize];
            p.kept = f(p.id, p.kept);
        });
        true
    }

    /// Every place held, by id.
    fn live_points(&self) -> impl Iterator<Item = &Point> {
        let mut base = self
            .base
            .points
            .iter()
            .enumerate()
            .filter(|(i, _)| !self.is_gone(slot(*i)))
            .map(|(_, p)| p)
            .peekable();
        let mut delta = self.delta.points.iter().peekable();
        std::iter::from_fn(move || match (base.peek(), delta.peek()) {
            (Some(a), Some(b)) if a.id < b.id => base.next(),
            (Some(_) | None, Some(_)) => delta.next(),
            (Some(_), None) => base.next(),
            (None, None) => None,
        })
    }

    /// The id of every place held, ascending.
    pub fn ids(&self) -> impl Iterator<Item = Id> + '_ {
        self.live_points().map(|p| p.id)
    }

    pub fn version(&self) -> i64 {
        self.version
    }

    /// How many times this index was brought up to date from changes since
    /// it was last built from every place.
    pub fn updates_since_build(&self) -> u32 {
        self.updates
    }

    pub fn len(&self) -> usize {
        self.live
    }

    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// Open now, if the filter asks for that.
    fn open_as_asked(&self, p: &Point, f: &PlaceFilter, now: DateTime<Utc>) -> bool {
        !f.open_now || self.shelf.open_at(p, now) == Some(true)
    }

    fn matches(&self, p: &Point, f: &PlaceFilter, today: NaiveDate, now: DateTime<Utc>) -> bool {
        p.traits.pass(f, today) && self.open_as_asked(p, f, now)
    }

    /// A place read from the store as a search result, with its distance
    /// from `from` (the point searched from, or the box's centre).
    pub fn hit(&self, place: Place, from: Option<(f64, f64)>, today: NaiveDate, now: DateTime<Utc>) -> PlaceHit {
        hit::hit(SharedPlace::new(place), &self.shelf, from, today, now)
    }

    /// The `k` nearest leaves whose places match the filter, nearest first
    /// (ties by id), over both layers.
    fn nearest_leaves(
        &self,
        q: [f64; 3],
        k: usize,
        f: &PlaceFilter,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Vec<Near> {
        let mut best = Best {
            k,
            found: Vec::with_capacity(k + 1),
        };
        if k == 0 {
            return best.found;
        }
        let keep = |n: &Near| f.is_empty() || self.matches(self.point(n), f, today, now);
        for layer in [0u8, 1] {
            let points = &self.layer(layer).points;
            let exact = |s: u32| {
                if layer == 0 && self.is_gone(s) {
                    return None;
                }
                let p = &points[s as usize];
                Some(Near {
                    chord2: d2(&p.unit(), &q),
                    id: p.id,
                    layer,
                    slot: s,
                })
            };
            descend(self.layer(layer).tree.root(), &q, &mut best, &exact, &keep);
        }
        best.found
    }

    /// The ids and haversine distances (metres) of the `k` nearest places
    /// matching the filter, nearest first (ties by id).
    pub fn nearest_ids(
        &self,
        at: LatLon,
        k: usize,
        f: &PlaceFilter,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Vec<(Id, f64)> {
        self.nearest_kept(at, k, f, today, now)
            .into_iter()
            .map(|(id, d, _)| (id, d))
            .collect()
    }

    /// [`PlaceIndex::nearest_ids`], each with the number the caller gave
    /// the place's version held ([`PlaceIndexBuilder::add_kept`]).
    pub fn nearest_kept(
        &self,
        at: LatLon,
        k: usize,
        f: &PlaceFilter,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Vec<(Id, f64, u64)> {
        // The chord c between two points of the unit sphere spans the
        // great-circle angle 2·asin(c/2): the haversine distance.
        self.nearest_leaves(unit(at.lat(), at.lon()), k, f, today, now)
            .into_iter()
            .map(|n| {
                (
                    n.id,
                    2.0 * EARTH_MEAN_RADIUS_M * (n.chord2.sqrt() / 2.0).min(1.0).asin(),
                    self.point(&n).kept,
                )
            })
            .collect()
    }

    /// What a search result says of each of these places, as of the
    /// version held, in the order of `ids` (`None` for a place not held).
    pub fn facts(&self, ids: &[Id], today: NaiveDate, now: DateTime<Utc>) -> Vec<Option<PointFacts>> {
        ids.iter()
            .map(|id| self.held(*id).map(|p| self.facts_of(p, today, now)))
            .collect()
    }

    /// [`PlaceIndex::nearest_ids`]' places, each with what a search result
    /// says of it ([`PlaceIndex::facts`]), read from the points the search
    /// found rather than looked up again by id.
    pub fn nearest_facts(
        &self,
        at: LatLon,
        k: usize,
        f: &PlaceFilter,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Vec<(Id, PointFacts)> {
        self.nearest_leaves(unit(at.lat(), at.lon()), k, f, today, now)
            .into_iter()
            .map(|n| (n.id, self.facts_of(self.point(&n), today, now)))
            .collect()
    }

    fn facts_of(&self, p: &Point, today: NaiveDate, now: DateTime<Utc>) -> PointFacts {
        PointFacts {
            kept: p.kept,
            at: p.at,
            certificate_status: p.traits.certificate_status(today),
            stale: kizuna_domain::map::place::stale_on(p.verified, today),
            open_now: self.shelf.open_at(p, now),
        }
    }

    /// The point held for a place.
    fn held(&self, id: Id) -> Option<&Point> {
        if let Some(s) = self.delta.slot_of(id) {
            return Some(&self.delta.points[s]);
        }
        match self.base.slot_of(id) {
            Some(s) if !self.is_gone(slot(s)) => Some(&self.base.points[s]),
            _ => None,
        }
    }

    /// The points in an area matching the filter, each with its distance
    /// from the area's centre (0 for [`Area::All`], whose points come by
    /// id); not yet in order of distance.
    fn matching(&self, area: &Area, f: &PlaceFilter, today: NaiveDate, now: DateTime<Utc>) -> Vec<(&Point, f64)> {
        let mut out = Vec::new();
        match *area {
            Area::All => {
                return self
                    .live_points()
                    .filter(|p| self.matches(p, f, today, now))
                    .map(|p| (p, 0.0))
                    .collect();
            }
            Area::Radius { at, metres } => {
                let q = unit(at.lat(), at.lon());
                let c2 = radius_chord2(metres);
                let near = |e: &AABB<[f64; 3]>| e.distance_2(&q) <= c2;
                self.each_candidate(&near, &mut |p| {
                    if let Some(d) = within_radius(p.at, &q, c2, at, metres)
                        && self.matches(p, f, today, now)
                    {
                        out.push((p, d));
                    }
                });
            }
            Area::Box(b) => {
                let env = b.envelope();
                let (clat, clon) = b.centre();
                let near = |e: &AABB<[f64; 3]>| e.intersects(&env);
                self.each_candidate(&near, &mut |p| {
                    let (lat, lon) = (p.at.lat(), p.at.lon());
                    if b.contains(lat, lon) && self.matches(p, f, today, now) {
                        out.push((p, haversine_m(clat, clon, lat, lon)));
                    }
                });
            }
        }
        out
    }

    /// Every live point of either layer whose tree envelope `near` accepts.
    fn each_candidate<'a>(&'a self, near: &dyn Fn(&AABB<[f64; 3]>) -> bool, found: &mut dyn FnMut(&'a Point)) {
        for layer in [0u8, 1] {
            let l = self.layer(layer);
            visit(l.tree.root(), near, &mut |s| {
                if !(layer == 0 && self.is_gone(s)) {
                    found(&l.points[s as usize]);
                }
            });
        }
    }

    /// One page of the ids of the places in an area matching the filter,
    /// nearest the area's centre first (ties, and [`Area::All`], by id),
    /// and how many there are in all. Only the page is put in order.
    pub fn page_ids(
        &self,
        area: &Area,
        f: &PlaceFilter,
        today: NaiveDate,
        now: DateTime<Utc>,
        offset: usize,
        limit: usize,
    ) -> (usize, Vec<Id>) {
        let mut found = self.matching(area, f, today, now);
        let total = found.len();
        let end = offset.saturating_add(limit).min(total);
        if !matches!(area, Area::All) {
            order_first(&mut found, end, |a, b| a.1.total_cmp(&b.1).then(a.0.id.cmp(&b.0.id)));
        }
        (total, found[offset.min(end)..end].iter().map(|(p, _)| p.id).collect())
    }

    /// The ids of every place in an area matching the filter, in the order of [`PlaceIndex::page_ids`].
    pub fn area_ids(&self, area: &Area, f: &PlaceFilter, today: NaiveDate, now: DateTime<Utc>) -> Vec<Id> {
        self.page_ids(area, f, today, now, 0, usize::MAX).1
    }

    /// The places staff should look at, by id: certificates valid today
    /// that end within `days` days (soonest first), certificates ended,
    /// and places not verified for
    /// [`kizuna_domain::map::place::STALE_AFTER_MONTHS`] months.
    pub fn review_ids(&self, today: NaiveDate, days: u32) -> (Vec<Id>, Vec<Id>, Vec<Id>) {
        let mut expiring: Vec<(NaiveDate, Id)> = Vec::new();
        let (mut expired, mut stale) = (Vec::new(), Vec::new());
        for p in self.live_points() {
            if let Some(until) = p.traits.valid_until() {
                if until >= today && (until - today).num_days() <= i64::from(days) {
                    expiring.push((until, p.id));
                }
                if until < today {
                    expired.push(p.id);
                }
            }
            if kizuna_domain::map::place::stale_on(p.verified, today) {
                stale.push(p.id);
            }
        }
        expiring.sort_by_key(|e| e.0);
        (expiring.into_iter().map(|e| e.1).collect(), expired, stale)
    }
}

/// The squared chord a radius search accepts: a hair wider than the
/// radius, the exact haversine distance deciding after.
fn radius_chord2(metres: f64) -> f64 {
    let c = chord(metres) * (1.0 + 1e-9) + 1e-12;
    c * c
}

/// The distance of `p` from `at` if it is within the radius, as the index
/// decides it (`q` = `at` on the unit sphere, `c2` = [`radius_chord2`]).
fn within_radius(p: LatLon, q: &[f64; 3], c2: f64, at: LatLon, metres: f64) -> Option<f64> {
    if d2(&unit(p.lat(), p.lon()), q) > c2 {
        return None;
    }
    let d = haversine_m(at.lat(), at.lon(), p.lat(), p.lon());
    (d <= metres + 0.05).then_some(d)
}

/// Searches answered from places read from the store, exactly as the
/// index would answer them: for a server whose index is still loading.
pub mod scan {
    use super::*;

    /// Whether `p` lies within `metres` of `at` as the index decides it,
    /// and how far (haversine metres).
    pub fn radius_distance(at: LatLon, metres: f64, p: LatLon) -> Option<f64> {
        within_radius(p, &unit(at.lat(), at.lon()), radius_chord2(metres), at, metres)
    }

    /// The `k` nearest of `places` matching the filter, nearest first
    /// (ties by id), with their haversine distances: the index's order.
    pub fn nearest<'a>(
        places: impl IntoIterator<Item = &'a Place>,
        at: LatLon,
        k: usize,
        f: &PlaceFilter,
        shelf: &HoursShelf,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Vec<(Id, f64)> {
        let q = unit(at.lat(), at.lon());
        let mut found: Vec<(f64, Id)> = places
            .into_iter()
            .filter(|p| shelf.passes(p, f, today, now))
            .map(|p| (d2(&unit(p.fields.position.lat(), p.fields.position.lon()), &q), p.id))
            .collect();
        found.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        found.truncate(k);
        found
            .into_iter()
            .map(|(c2, id)| (id, 2.0 * EARTH_MEAN_RADIUS_M * (c2.sqrt() / 2.0).min(1.0).asin()))
            .collect()
    }

    /// The ids of `places` in an area matching the filter, in the index's
    /// order ([`PlaceIndex::page_ids`]).
    pub fn area<'a>(
        places: impl IntoIterator<Item = &'a Place>,
        area: &Area,
        f: &PlaceFilter,
        shelf: &HoursShelf,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Vec<Id> {
        let mut found: Vec<(f64, Id)> = places
            .into_iter()
            .filter(|p| shelf.passes(p, f, today, now))
            .filter_map(|p| {
                let pos = p.fields.position;
                match *area {
                    Area::All => Some((0.0, p.id)),
                    Area::Radius { at, metres } => radius_distance(at, metres, pos).map(|d| (d, p.id)),
                    Area::Box(b) => b.contains(pos.lat(), pos.lon()).then(|| {
                        let (clat, clon) = b.centre();
                        (haversine_m(clat, clon, pos.lat(), pos.lon()), p.id)
                    }),
                }
            })
            .collect();
        found.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        found.into_iter().map(|f| f.1).collect()
    }

    /// The latitude band and longitude range (west > east: across the
    /// antimeridian) holding every point within `metres` of `at`; `None`
    /// when that is every longitude (a pole within reach).
    pub fn circle_box(at: LatLon, metres: f64) -> (f64, f64, Option<(f64, f64)>) {
        let angle = (metres / EARTH_MEAN_RADIUS_M).min(std::f64::consts::PI);
        let dlat = angle.to_degrees();
        let (south, north) = (at.lat() - dlat, at.lat() + dlat);
        let (south, north) = (south.max(-90.0), north.min(90.0));
        if south <= -90.0 || north >= 90.0 {
            return (south, north, None);
        }
        let s = angle.sin() / at.lat().to_radians().cos();
        // Also when not a number (a latitude of ±90°, handled above).
        if s.is_nan() || s >= 1.0 {
            return (south, north, None);
        }
        // A hair wider than the exact spread, for rounding.
        let dlon = s.asin().to_degrees() * (1.0 + 1e-9) + 1e-9;
        let (mut west, mut east) = (at.lon() - dlon, at.lon() + dlon);
        if west < -180.0 {
            west += 360.0;
        }
        if east > 180.0 {
            east -= 360.0;
        }
        (south, north, Some((west, east)))
    }
}

/// Put the first `n` items in order (the `n` least by `cmp`), leaving the
/// rest unordered after them: a page without sorting every match.
pub fn order_first<T>(items: &mut [T], n: usize, mut cmp: impl FnMut(&T, &T) -> std::cmp::Ordering) {
    let n = n.min(items.len());
    if n == 0 {
        return;
    }
    if n < items.len() {
        items.select_nth_unstable_by(n - 1, &mut cmp);
    }
    items[..n].sort_unstable_by(cmp);
}

/// Where a search looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Area {
    /// Everywhere (results by id, without distances).
    All,
    /// Within `metres` of a point (results nearest first).
    Radius { at: LatLon, metres: f64 },
    /// Inside a box (results nearest its centre first).
    Box(BBox),
}

impl Area {
    /// The point distances are measured from.
    pub fn centre(&self) -> Option<(f64, f64)> {
        match self {
            Area::All => None,
            Area::Radius { at, .. } => Some((at.lat(), at.lon())),
            Area::Box(b) => Some(b.centre()),
        }
    }
}

#[cfg(test)]
mod kept_tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use kizuna_domain::map::place::PlaceFields;

    fn place(id: Id, lat: f64) -> Place {
        let fields = PlaceFields {
            name_en: Some(format!("Place {id}")),
            category: Some("cafe".into()),
            lat: Some(lat),
            lon: Some(141.3),
            assurance: Some("unknown".into()),
            source: Some("import".into()),
            source_id: Some(format!("k-{id}")),
            ..PlaceFields::default()
        };
        Place::new(id, fields.validate().unwrap())
    }

    #[test]
    fn places_are_handed_back_in_the_trees_order_near_ones_together() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        let now = Utc::now();
        // Odd ids in the north, even ids far south: by id, every other
        // place is on the other side of the world.
        let lat = |id: Id| if id % 2 == 1 { 43.0 } else { -33.0 } + id as f64 * 1e-4;
        let mut b = PlaceIndexBuilder::new(HoursShelf::default());
        for id in 1..=400 {
            b.add_kept(&place(id, lat(id)), 1000 + id as u64);
        }
        let mut ix = b.finish(1);
        let mut order = Vec::new();
        assert!(ix.rekeep_in_tree_order(|id, kept| {
            assert_eq!(kept, 1000 + id as u64, "the number the place was added with");
            order.push(id);
            order.len() as u64
        }));
        let mut seen = order.clone();
        seen.sort_unstable();
        assert_eq!(seen, (1..=400).collect::<Vec<_>>(), "every place once");
        let crossings = order.windows(2).filter(|w| (w[0] % 2) != (w[1] % 2)).count();
        assert!(crossings <= 3, "north and south interleaved {crossings} times");
        // Each place now carries its place in that order.
        let at = LatLon::new(43.0, 141.3).unwrap();
        for (id, _, kept) in ix.nearest_kept(at, 10, &PlaceFilter::default(), today, now) {
            assert_eq!(order[kept as usize - 1], id);
        }
        // Once shared, the index is not changed.
        let copy = ix.updated_by(2, ix.changes(), &[]);
        assert!(!ix.rekeep_in_tree_order(|_, k| k));
        drop(copy);
    }

    #[test]
    fn the_number_given_a_place_comes_back_with_the_version_held() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        let now = Utc::now();
        let all = PlaceFilter::default();
        let mut b = PlaceIndexBuilder::new(HoursShelf::default());
        for id in 1..=100 {
            b.add_kept(&place(id, 43.0 + id as f64 * 0.001), 1000 + id as u64);
        }
        let ix = b.finish(1);
        let at = LatLon::new(43.0, 141.3).unwrap();
        let found = ix.nearest_kept(at, 3, &all, today, now);
        assert_eq!(
            found.iter().map(|f| (f.0, f.2)).collect::<Vec<_>>(),
            [(1, 1001), (2, 1002), (3, 1003)]
        );
        // Place 2 changed (a new number), place 1 deleted, place 200 added without one.
        let mut changes = ix.changes();
        changes.add_kept(place(2, 43.0), 7);
        changes.add(place(200, 43.0005));
        let ix = ix.updated_by(2, changes, &[1]);
        let kept = |ix: &PlaceIndex, ids: &[Id]| -> Vec<u64> {
            ix.facts(ids, today, now)
                .iter()
                .map(|f| f.map_or(0, |f| f.kept))
                .collect()
        };
        assert_eq!(kept(&ix, &[1, 2, 3, 200, 999]), [0, 7, 1003, 0, 0]);
        let found = ix.nearest_kept(at, 3, &all, today, now);
        assert_eq!(
            found.iter().map(|f| (f.0, f.2)).collect::<Vec<_>>(),
            [(2, 7), (200, 0), (3, 1003)]
        );
        let compact = ix.compacted();
        assert_eq!(kept(&compact, &[1, 2, 3, 200]), [0, 7, 1003, 0]);
        assert_eq!(compact.nearest_kept(at, 3, &all, today, now), found);
    }

    /// A place whose certificate, last check and hours vary with `id`.
    fn varied(id: Id, name_ja: &str) -> Place {
        let n = usize::try_from(id).unwrap();
        let certified = n.is_multiple_of(3);
        let fields = PlaceFields {
            name_ja: Some(name_ja.into()),
            category: Some("restaurant".into()),
            lat: Some(35.0 + id as f64 * 0.000_37),
            lon: Some(135.7 + id as f64 * 0.000_53),
            assurance: Some(if certified { "certified" } else { "self_declared" }.into()),
            certifier: certified.then(|| "Body".into()),
            certificate_number: certified.then(|| format!("C-{id}")),
            certificate_valid_from: certified.then(|| ["2026-01-01", "2026-12-20"][n % 2].into()),
            certificate_valid_until: certified.then(|| ["2026-12-20", "2027-06-30", "2026-11-30"][n % 3].into()),
            last_verified: (n % 4 != 0).then(|| ["2025-12-06", "2025-12-07", "2026-06-01"][n % 3].into()),
            opening_hours: (n % 5 != 0).then(|| ["Mo-Fr 11:00-14:00", "24/7", "Sa-Su 18:00-22:00"][n % 3].into()),
            source: Some("import".into()),
            source_id: Some(format!("v-{id}")),
            ..PlaceFields::default()
        };
        Place::new(id, fields.validate().unwrap())
    }

    #[test]
    fn a_result_from_the_facts_held_is_the_result_from_the_place() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        let now = DateTime::parse_from_rfc3339("2026-12-07T03:30:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let shelf = HoursShelf::default();
        let mut b = PlaceIndexBuilder::new(shelf.clone());
        let places: Vec<Place> = (1..=60).map(|id| varied(id, "店")).collect();
        for p in &places {
            b.add_kept(p, 500 + p.id as u64);
        }
        let ix = b.finish(1);
        let from = Some((35.01, 135.71));
        let ids: Vec<Id> = places.iter().map(|p| p.id).chain([999]).collect();
        let facts = ix.facts(&ids, today, now);
        assert_eq!(facts[60], None, "a place not held has none");
        let mut seen = std::collections::HashSet::new();
        for (p, f) in places.iter().zip(&facts) {
            let f = f.unwrap();
            assert_eq!(f.kept, 500 + p.id as u64);
            let whole = PlaceHit::at(p.clone(), &shelf, from, today, now);
            let held = PlaceHit::from_facts(SharedPlace::new(p.clone()), p.name(&[]).to_owned(), &f, from);
            assert_eq!(held, whole, "place {}", p.id);
            seen.insert((whole.certificate_status, whole.stale, whole.open_now));
        }
        // The places cover every case the facts decide.
        assert!(seen.len() >= 8, "{seen:?}");
        // After a change, the facts are those of the version held.
        let mut changes = ix.changes();
        let mut moved = varied(3, "移転");
        moved.fields.last_verified = None;
        changes.add_kept(moved.clone(), 42);
        let ix = ix.updated_by(2, changes, &[4]);
        let facts = ix.facts(&[3, 4], today, now);
        assert_eq!(facts[1], None, "deleted");
        let f = facts[0].unwrap();
        assert_eq!((f.kept, f.stale), (42, true));
        let held = PlaceHit::from_facts(SharedPlace::new(moved.clone()), "移転".into(), &f, from);
        assert_eq!(held, PlaceHit::at(moved, &shelf, from, today, now));
        // A nearest search gives the same facts as asking by id.
        let near = ix.nearest_facts(
            LatLon::new(35.001, 135.7015).unwrap(),
            20,
            &PlaceFilter::default(),
            today,
            now,
        );
        assert_eq!(near.len(), 20);
        let ids: Vec<Id> = near.iter().map(|n| n.0).collect();
        let by_id: Vec<PointFacts> = ix.facts(&ids, today, now).into_iter().map(Option::unwrap).collect();
        assert_eq!(near.iter().map(|n| n.1).collect::<Vec<_>>(), by_id);
        assert!(ids.contains(&3) && !ids.contains(&4), "{ids:?}");
    }
}
