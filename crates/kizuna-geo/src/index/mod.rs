//! Every place in an R*-tree ([`rstar`]) on the unit sphere (see
//! [`crate::geometry`]), as of one places version.
//!
//! Nearest-k is a depth-first branch and bound over the tree's nodes
//! (children nearest first, pruned by the k-th best so far; [`nearest`]).
//! Each leaf also carries what the filters ask (category, assurance level,
//! certificate dates, prayer space), so a filtered search reads a place only
//! to ask whether it is open now. The places themselves are held once, in
//! the block the index was built from, and search results share them
//! ([`SharedPlace`]) rather than copy them.
//!
//! An index a few places behind the store is brought up to date from just
//! the changed places ([`PlaceIndex::updated`]); whoever holds it decides
//! when to rebuild it from every place.

use std::sync::{Arc, OnceLock};

use chrono::{DateTime, NaiveDate, Utc};
use kizuna_domain::common::Id;
use kizuna_domain::map::place::{Assurance, EARTH_MEAN_RADIUS_M, LatLon, Place, PlaceCategory, haversine_m};
use rstar::RTree;
use rstar::primitives::GeomWithData;

use crate::geometry::{BBox, chord, unit};
use crate::hours::{Hours, HoursBook};

mod filter;
mod hit;
mod nearest;

pub use filter::PlaceFilter;
pub use hit::{PlaceHit, SharedPlace};
use hit::{hit, sort_by_distance};
use nearest::{Best, Near, descend};

/// The most results one query returns.
pub const MAX_RESULTS: usize = 1000;

/// Where a place's opening hours are kept once looked up in the book.
pub(crate) type HoursSlot = OnceLock<Option<Arc<Hours>>>;

/// A place held by the index, with its slot for opening hours: what
/// [`PlaceIndex::live`] lists and [`PlaceIndex::hit`] turns into a search result.
#[derive(Clone, Copy)]
pub struct Entry<'a> {
    pub(crate) place: &'a SharedPlace,
    pub(crate) hours: &'a HoursSlot,
}

impl<'a> Entry<'a> {
    /// The place.
    pub fn place(self) -> &'a SharedPlace {
        self.place
    }

    pub(crate) fn hours(self, book: &HoursBook) -> Option<&'a Hours> {
        self.hours
            .get_or_init(|| {
                let text = self.place.fields.opening_hours.as_ref()?;
                let p = self.place.fields.position;
                book.hours(text.as_str(), p.lat(), p.lon())
            })
            .as_deref()
    }

    pub(crate) fn open_at(self, book: &HoursBook, at: DateTime<Utc>) -> Option<bool> {
        self.hours(book)?.open_at(at)
    }
}
/// A leaf of the tree: the place's point on the unit sphere, its index in
/// the entries and its id (so that an unfiltered search never leaves the tree).
pub(crate) type Leaf = GeomWithData<[f64; 3], (usize, Id, Traits)>;

/// What the filters other than "open now" ask of a place, kept in its leaf
/// so that a filtered search rarely needs to touch the place itself.
#[derive(Clone, Copy, PartialEq)]
pub(crate) struct Traits {
    category: PlaceCategory,
    level: Assurance,
    prayer_space: bool,
    /// A certified place's certificate: valid from, valid until.
    certificate: Option<(NaiveDate, NaiveDate)>,
}

impl Traits {
    pub(crate) fn of(p: &Place) -> Self {
        let f = &p.fields;
        Traits {
            category: f.category,
            level: f.halal.level(),
            prayer_space: f.prayer.prayer_space,
            certificate: f.halal.certificate().map(|c| (c.valid_from(), c.valid_until())),
        }
    }

    pub(crate) fn pass(&self, f: &PlaceFilter, today: NaiveDate) -> bool {
        if !f.categories.is_empty() && !f.categories.contains(&self.category) {
            return false;
        }
        if !f.assurances.is_empty() {
            // "Certified" means certified with a certificate valid today.
            let certified_today = self
                .certificate
                .is_some_and(|(from, until)| from <= today && today <= until);
            let ok = f
                .assurances
                .iter()
                .any(|a| *a == self.level && (self.level != Assurance::Certified || certified_today));
            if !ok {
                return false;
            }
        }
        f.prayer_space.is_none_or(|want| self.prayer_space == want)
    }
}

fn leaf(i: usize, p: &Place) -> Leaf {
    GeomWithData::new(
        unit(p.fields.position.lat(), p.fields.position.lon()),
        (i, p.id, Traits::of(p)),
    )
}

/// Nodes of up to 32 children: a shallower tree than rstar's default of 6,
/// which bulk-loads a million points faster and answers as quickly.
#[derive(Clone)]
struct TreeParams;

impl rstar::RTreeParams for TreeParams {
    const MIN_SIZE: usize = 16;
    const MAX_SIZE: usize = 40;
    const REINSERTION_COUNT: usize = 10;
    type DefaultInsertionStrategy = rstar::RStarInsertionStrategy;
}

/// All places, in an R*-tree on the unit sphere, as of one places version.
pub struct PlaceIndex {
    version: i64,
    tree: RTree<Leaf, TreeParams>,
    /// Every place ever held, by id (ascending); `None` once deleted.
    /// Entries are shared with the index this one was updated from.
    places: Vec<Option<SharedPlace>>,
    /// Each slot's opening hours, once looked up (reset when its place changes).
    hours: Vec<HoursSlot>,
    /// The id of each slot of `entries`, ascending, for lookups by id.
    ids: Vec<Id>,
    live: usize,
    /// Updates applied since the index was last built from every place.
    updates: u32,
    /// Opening hours by expression, shared with the indexes updated from this one.
    book: Arc<HoursBook>,
}

impl PlaceIndex {
    /// An index of these places (in id order, as the store lists them).
    pub fn build(version: i64, mut places: Vec<Place>) -> Self {
        if !places.is_sorted_by_key(|p| p.id) {
            places.sort_by_key(|p| p.id);
        }
        let ids: Vec<Id> = places.iter().map(|p| p.id).collect();
        let live = places.len();
        // The places stay where they are, shared by the index and every
        // search result; the tree is bulk-loaded on a second thread while
        // the entries are made.
        let block = Arc::new(places);
        let (tree, entries) = std::thread::scope(|s| {
            let tree = s.spawn(|| {
                let points: Vec<Leaf> = block.iter().enumerate().map(|(i, p)| leaf(i, p)).collect();
                RTree::bulk_load_with_params(points)
            });
            let entries: Vec<Option<SharedPlace>> = (0..live)
                .map(|slot| {
                    Some(SharedPlace {
                        block: block.clone(),
                        slot,
                    })
                })
                .collect();
            let tree = tree.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
            (tree, entries)
        });
        PlaceIndex {
            version,
            tree,
            hours: std::iter::repeat_with(OnceLock::new).take(entries.len()).collect(),
            places: entries,
            ids,
            live,
            updates: 0,
            book: Arc::default(),
        }
    }

    /// This index brought to `version` by re-read places and deleted ids,
    /// sharing every unchanged entry; `None` if a new place's id is lower
    /// than one already held (then build it afresh).
    pub fn updated(&self, version: i64, upserts: Vec<Place>, deletes: &[Id]) -> Option<Self> {
        let mut next = PlaceIndex {
            version,
            tree: self.tree.clone(),
            places: self.places.clone(),
            hours: self.hours.clone(),
            ids: self.ids.clone(),
            live: self.live,
            updates: self.updates + 1,
            book: self.book.clone(),
        };
        for id in deletes {
            next.remove(*id);
        }
        for place in upserts {
            next.remove(place.id);
            let i = match next.ids.binary_search(&place.id) {
                Ok(i) => i,
                Err(i) if i == next.ids.len() => {
                    next.ids.push(place.id);
                    next.places.push(None);
                    next.hours.push(OnceLock::new());
                    i
                }
                Err(_) => return None,
            };
            next.tree.insert(leaf(i, &place));
            next.places[i] = Some(SharedPlace::new(place));
            next.hours[i] = OnceLock::new();
            next.live += 1;
        }
        Some(next)
    }

    fn remove(&mut self, id: Id) {
        if let Ok(i) = self.ids.binary_search(&id)
            && let Some(old) = self.places[i].take()
        {
            self.tree.remove(&leaf(i, &old));
            self.live -= 1;
        }
    }

    /// Every place held, by id.
    pub fn live(&self) -> impl Iterator<Item = Entry<'_>> {
        self.places
            .iter()
            .zip(&self.hours)
            .filter_map(|(p, hours)| p.as_ref().map(|place| Entry { place, hours }))
    }

    /// The entry a leaf points to (leaves point only to live entries).
    fn entry(&self, i: usize) -> Entry<'_> {
        Entry {
            place: self.places[i]
                .as_ref()
                .expect("every leaf of the tree points to a live place"),
            hours: &self.hours[i],
        }
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

    fn matches(&self, e: Entry<'_>, f: &PlaceFilter, today: NaiveDate, now: DateTime<Utc>) -> bool {
        Traits::of(e.place).pass(f, today) && self.open_as_asked(e, f, now)
    }

    /// Open now, if the filter asks for that.
    fn open_as_asked(&self, e: Entry<'_>, f: &PlaceFilter, now: DateTime<Utc>) -> bool {
        !f.open_now || e.open_at(&self.book, now) == Some(true)
    }

    /// The search result for an entry, with its distance from `from`.
    pub fn hit(&self, e: Entry<'_>, from: Option<(f64, f64)>, today: NaiveDate, now: DateTime<Utc>) -> PlaceHit {
        hit(e, &self.book, from, today, now)
    }

    /// The `k` nearest places matching the filter, nearest first.
    pub fn nearest(
        &self,
        at: LatLon,
        k: usize,
        f: &PlaceFilter,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Vec<PlaceHit> {
        let mut hits: Vec<PlaceHit> = self
            .nearest_entries(at, k, f, today, now)
            .map(|e| self.hit(e, Some((at.lat(), at.lon())), today, now))
            .collect();
        sort_by_distance(&mut hits);
        hits
    }

    fn nearest_entries<'a>(
        &'a self,
        at: LatLon,
        k: usize,
        f: &'a PlaceFilter,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> impl Iterator<Item = Entry<'a>> + 'a {
        self.nearest_leaves(unit(at.lat(), at.lon()), k, f, today, now)
            .into_iter()
            .map(|n| self.entry(n.slot))
    }

    /// The `k` nearest leaves whose places match the filter, nearest first
    /// (ties by id): a depth-first branch and bound over the tree's nodes,
    /// each node's children visited nearest first and skipped once farther
    /// than the k-th best found so far. A fixed k needs no queue of every
    /// node and leaf seen, which `rstar`'s nearest-neighbour iterator keeps.
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
        if k > 0 {
            let keep = |(slot, _, traits): &(usize, Id, Traits)| {
                f.is_empty() || (traits.pass(f, today) && self.open_as_asked(self.entry(*slot), f, now))
            };
            descend(self.tree.root(), &q, &mut best, &keep);
        }
        best.found
    }

    /// The ids and haversine distances (metres) of the `k` nearest places
    /// matching the filter, nearest first: the index's own work, without
    /// building each place's search result.
    pub fn nearest_ids(
        &self,
        at: LatLon,
        k: usize,
        f: &PlaceFilter,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Vec<(Id, f64)> {
        // The chord c between two points of the unit sphere spans the
        // great-circle angle 2·asin(c/2): the haversine distance.
        self.nearest_leaves(unit(at.lat(), at.lon()), k, f, today, now)
            .into_iter()
            .map(|n| {
                (
                    n.id,
                    2.0 * EARTH_MEAN_RADIUS_M * (n.chord2.sqrt() / 2.0).min(1.0).asin(),
                )
            })
            .collect()
    }

    /// The entries in an area matching the filter, each with its distance
    /// from the area's centre (0 for [`Area::All`], whose entries come by
    /// id); not yet in order of distance. Cheap: no search result is built.
    fn matching(&self, area: &Area, f: &PlaceFilter, today: NaiveDate, now: DateTime<Utc>) -> Vec<(Entry<'_>, f64)> {
        let dist = |e: Entry<'_>, (lat, lon): (f64, f64)| {
            let p = e.place.fields.position;
            haversine_m(lat, lon, p.lat(), p.lon())
        };
        // The leaf's traits first: most places a filter rejects are never read.
        let pass = |g: &&Leaf| g.data.2.pass(f, today);
        match *area {
            Area::All => self
                .live()
                .filter(|e| self.matches(*e, f, today, now))
                .map(|e| (e, 0.0))
                .collect(),
            Area::Radius { at, metres } => {
                // A hair wider in chord space, then exact on the haversine distance.
                let c = chord(metres) * (1.0 + 1e-9) + 1e-12;
                let from = (at.lat(), at.lon());
                self.tree
                    .locate_within_distance(unit(at.lat(), at.lon()), c * c)
                    .filter(pass)
                    .map(|g| self.entry(g.data.0))
                    .map(|e| (e, dist(e, from)))
                    .filter(|(_, d)| *d <= metres + 0.05)
                    .filter(|(e, _)| self.open_as_asked(*e, f, now))
                    .collect()
            }
            Area::Box(b) => {
                let centre = b.centre();
                self.tree
                    .locate_in_envelope_intersecting(b.envelope())
                    .filter(pass)
                    .map(|g| self.entry(g.data.0))
                    .filter(|e| b.contains(e.place.fields.position.lat(), e.place.fields.position.lon()))
                    .filter(|e| self.open_as_asked(*e, f, now))
                    .map(|e| (e, dist(e, centre)))
                    .collect()
            }
        }
    }

    /// One page of the places in an area matching the filter, nearest the
    /// area's centre first (ties, and [`Area::All`], by id), and how many
    /// there are in all. Only the page is put in order and only its search
    /// results are built, so a page of a large area costs little more than
    /// counting it.
    pub fn page(
        &self,
        area: &Area,
        f: &PlaceFilter,
        today: NaiveDate,
        now: DateTime<Utc>,
        offset: usize,
        limit: usize,
    ) -> (usize, Vec<PlaceHit>) {
        let mut found = self.matching(area, f, today, now);
        let total = found.len();
        let end = offset.saturating_add(limit).min(total);
        if !matches!(area, Area::All) {
            let order =
                |a: &(Entry<'_>, f64), b: &(Entry<'_>, f64)| a.1.total_cmp(&b.1).then(a.0.place.id.cmp(&b.0.place.id));
            order_first(&mut found, end, order);
        }
        let from = area.centre();
        let hits = found[offset.min(end)..end]
            .iter()
            .map(|(e, _)| self.hit(*e, from, today, now))
            .collect();
        (total, hits)
    }

    fn every(&self, area: &Area, f: &PlaceFilter, today: NaiveDate, now: DateTime<Utc>) -> Vec<PlaceHit> {
        self.page(area, f, today, now, 0, usize::MAX).1
    }

    /// Places within `metres` of a point, nearest first.
    pub fn within_radius(
        &self,
        at: LatLon,
        metres: f64,
        f: &PlaceFilter,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Vec<PlaceHit> {
        self.every(&Area::Radius { at, metres }, f, today, now)
    }

    /// Places inside a box, nearest its centre first (`distance_m` is from the centre).
    pub fn within_bbox(&self, b: BBox, f: &PlaceFilter, today: NaiveDate, now: DateTime<Utc>) -> Vec<PlaceHit> {
        self.every(&Area::Box(b), f, today, now)
    }

    /// Every place matching the filter, by id.
    pub fn all(&self, f: &PlaceFilter, today: NaiveDate, now: DateTime<Utc>) -> Vec<PlaceHit> {
        self.every(&Area::All, f, today, now)
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
    fn centre(&self) -> Option<(f64, f64)> {
        match self {
            Area::All => None,
            Area::Radius { at, .. } => Some((at.lat(), at.lon())),
            Area::Box(b) => Some(b.centre()),
        }
    }
}
