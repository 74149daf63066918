//! Places of the Muslim-friendly map: geo search over an in-memory spatial
//! index kept in step with the store, staff writes, and GeoJSON (RFC 7946)
//! and CSV exchange.
//!
//! # The index
//!
//! Places are held in an R*-tree ([`rstar`]) as points on the unit sphere
//! (x = cos φ cos λ, y = cos φ sin λ, z = sin φ). The straight-line (chord)
//! distance between two such points grows strictly with their great-circle
//! distance, so the tree's nearest-neighbour order *is* the order by
//! distance on the Earth — across the antimeridian and near the poles too —
//! and a radius is a chord length. Distances reported (`distance_m`) are
//! haversine distances on the mean-radius sphere
//! ([`kizuna_domain::map::place::haversine_m`]).
//!
//! Nearest-k is a depth-first branch and bound over the tree's nodes
//! (children nearest first, pruned by the k-th best so far). Each leaf also
//! carries what the filters ask (category, assurance level, certificate
//! dates, prayer space), so a filtered search reads a place only to ask
//! whether it is open now. The places themselves are held once, in the
//! block the index was built from, and search results share them
//! ([`SharedPlace`]) rather than copy them.
//!
//! The index follows the store's places version: every place write on any
//! server bumps it. The writing server sees its own writes at once; others
//! ask the database at most every [`PLACES_RECHECK`] (one request asks while
//! the rest answer from the index held). An index a few places behind is
//! brought up to date from just the changed places; a full build happens at
//! start and when over a tenth of the places changed.
//!
//! # Open now
//!
//! Opening hours are OpenStreetMap `opening_hours` expressions, evaluated
//! with the `opening-hours` crate in the place's time zone — Asia/Tokyo, as
//! every place the office maps is in Japan — with Japan's public holidays
//! (`PH`) and sunrise/sunset at the place's coordinates. Places without
//! opening hours are never "open now": nobody knows. An expression is parsed
//! once and shared, with its open state, by every place that has it, unless
//! it has sun events, which depend on the place's position.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use kizuna_domain::FieldError;
use kizuna_domain::common::Id;
use kizuna_domain::common::locality::Locality;
use kizuna_domain::map::place::{
    Assurance, CertificateStatus, EARTH_MEAN_RADIUS_M, EXPIRY_WARNING_DAYS, LatLon, OSM_ATTRIBUTION, PLACE_FIELD_NAMES,
    Place, PlaceCategory, PlaceFields, PlaceInput, SourceKind, haversine_m,
};
use kizuna_store::places::UpsertCounts;
use opening_hours::OpeningHours;
use opening_hours::localization::{Coordinates, Country, TzLocation};
use rstar::primitives::GeomWithData;
use rstar::{AABB, RTree};
use serde::Serialize;
use serde_json::{Map, Value as Json, json};

use crate::records::{Entity, Ref};
use crate::transfer::RowError;
use crate::{App, AppError, Result};

pub mod booklet;
mod csv;
mod osm;
pub mod staff;
pub mod topojson;

/// The time zone places' opening hours are read in.
pub const PLACE_TIME_ZONE: Tz = chrono_tz::Asia::Tokyo;
/// The most results one query returns.
pub const MAX_RESULTS: usize = 1000;
/// Half the Earth's circumference on the mean sphere: no two points are farther apart.
pub const MAX_RADIUS_M: f64 = std::f64::consts::PI * EARTH_MEAN_RADIUS_M;

type Located = OpeningHours<TzLocation<Tz>>;

// ---------------------------------------------------------------------------
// Filters
// ---------------------------------------------------------------------------

/// Which places a search returns. Empty lists match everything.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlaceFilter {
    /// Any of these categories.
    pub categories: Vec<PlaceCategory>,
    /// Any of these assurance levels. `certified` matches only places whose
    /// certificate is valid today.
    pub assurances: Vec<Assurance>,
    /// Only places with (true) or without (false) a prayer space.
    pub prayer_space: Option<bool>,
    /// Only places open at [`PlaceFilter::at`].
    pub open_now: bool,
    /// The moment "open now" means (default: the present).
    pub at: Option<DateTime<Utc>>,
}

fn list_of<T: std::str::FromStr<Err = kizuna_domain::Invalid>>(
    field: &str,
    raw: Option<&str>,
    errors: &mut Vec<FieldError>,
) -> Vec<T> {
    let mut out = Vec::new();
    for part in raw.unwrap_or("").split(',').map(str::trim).filter(|s| !s.is_empty()) {
        match part.parse() {
            Ok(v) => out.push(v),
            Err(e) => errors.push(kizuna_domain::Invalid::at(e, field)),
        }
    }
    out
}

fn boolean(field: &str, raw: Option<&str>, errors: &mut Vec<FieldError>) -> Option<bool> {
    match raw.map(|s| s.trim().to_ascii_lowercase()).as_deref() {
        None | Some("") => None,
        Some("true" | "yes" | "1") => Some(true),
        Some("false" | "no" | "0") => Some(false),
        Some(other) => {
            errors.push(FieldError::new(
                field,
                "not_a_boolean",
                format!("\"{other}\" is not true or false"),
            ));
            None
        }
    }
}

impl PlaceFilter {
    /// Whether the filter lets every place through.
    pub fn is_empty(&self) -> bool {
        self.categories.is_empty() && self.assurances.is_empty() && self.prayer_space.is_none() && !self.open_now
    }

    /// A filter from request parameters as people type them: comma-separated
    /// categories and assurance levels, `true`/`false`, and an RFC 3339 `at`.
    pub fn parse(
        category: Option<&str>,
        assurance: Option<&str>,
        prayer_space: Option<&str>,
        open_now: Option<&str>,
        at: Option<&str>,
    ) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let categories = list_of("category", category, &mut errors);
        let assurances = list_of("assurance", assurance, &mut errors);
        let prayer_space = boolean("prayer_space", prayer_space, &mut errors);
        let open_now = boolean("open_now", open_now, &mut errors).unwrap_or(false);
        let at = match at.map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => match DateTime::parse_from_rfc3339(s) {
                Ok(t) => Some(t.with_timezone(&Utc)),
                Err(_) => {
                    errors.push(FieldError::new(
                        "at",
                        "invalid_time",
                        format!("\"{s}\" is not an RFC 3339 time such as 2026-11-23T12:00:00+09:00"),
                    ));
                    None
                }
            },
        };
        if errors.is_empty() {
            Ok(PlaceFilter {
                categories,
                assurances,
                prayer_space,
                open_now,
                at,
            })
        } else {
            Err(errors)
        }
    }
}

/// A west, south, east, north box in degrees. `west > east` means the box
/// crosses the antimeridian (e.g. 170,-20,-170,20 spans 20° of longitude).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BBox {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
}

impl BBox {
    /// Check ranges: longitudes −180..180, latitudes −90..90, south ≤ north.
    pub fn new(west: f64, south: f64, east: f64, north: f64) -> Result<Self, Vec<FieldError>> {
        let ok_lon = |v: f64| v.is_finite() && v.abs() <= 180.0;
        let ok_lat = |v: f64| v.is_finite() && v.abs() <= 90.0;
        let bad = !(ok_lon(west) && ok_lon(east) && ok_lat(south) && ok_lat(north));
        if bad || south > north {
            return Err(vec![FieldError::new(
                "bbox",
                "invalid_bbox",
                format!(
                    "{west},{south},{east},{north} is not west,south,east,north in degrees (longitudes -180..180, latitudes -90..90, south not above north; west > east crosses the antimeridian)"
                ),
            )]);
        }
        Ok(BBox {
            west,
            south,
            east,
            north,
        })
    }

    /// Parse `west,south,east,north`.
    pub fn parse(raw: &str) -> Result<Self, Vec<FieldError>> {
        let parts: Vec<Option<f64>> = raw.split(',').map(|s| s.trim().parse::<f64>().ok()).collect();
        match parts.as_slice() {
            [Some(w), Some(s), Some(e), Some(n)] => Self::new(*w, *s, *e, *n),
            _ => Err(vec![FieldError::new(
                "bbox",
                "invalid_bbox",
                format!("\"{raw}\" is not four numbers west,south,east,north (e.g. 141.2,42.9,141.5,43.2)"),
            )]),
        }
    }

    fn crosses_antimeridian(&self) -> bool {
        self.west > self.east
    }

    /// Longitude span in degrees, 0..=360.
    fn lon_span(&self) -> f64 {
        if self.crosses_antimeridian() {
            self.east + 360.0 - self.west
        } else {
            self.east - self.west
        }
    }

    fn contains(&self, lat: f64, lon: f64) -> bool {
        if lat < self.south || lat > self.north {
            return false;
        }
        if self.crosses_antimeridian() {
            lon >= self.west || lon <= self.east
        } else {
            lon >= self.west && lon <= self.east
        }
    }

    /// The box's centre (on the right side of the antimeridian).
    pub fn centre(&self) -> (f64, f64) {
        let mut lon = self.west + self.lon_span() / 2.0;
        if lon > 180.0 {
            lon -= 360.0;
        }
        ((self.south + self.north) / 2.0, lon)
    }

    /// A box in unit-sphere space that holds every point of this one.
    fn envelope(&self) -> AABB<[f64; 3]> {
        let (s, n) = (self.south.to_radians(), self.north.to_radians());
        let (z0, z1) = (s.sin(), n.sin());
        let c_max = if s <= 0.0 && n >= 0.0 {
            1.0
        } else {
            s.cos().max(n.cos())
        };
        let c_min = s.cos().min(n.cos());
        // Extremes of cos λ and sin λ over [west, west + span].
        let span = self.lon_span();
        let mut cos_r = (f64::MAX, f64::MIN);
        let mut sin_r = (f64::MAX, f64::MIN);
        let mut see = |deg: f64| {
            let r = deg.to_radians();
            cos_r = (cos_r.0.min(r.cos()), cos_r.1.max(r.cos()));
            sin_r = (sin_r.0.min(r.sin()), sin_r.1.max(r.sin()));
        };
        see(self.west);
        see(self.west + span);
        let mut k = (self.west / 90.0).ceil() * 90.0;
        while k <= self.west + span {
            see(k);
            k += 90.0;
        }
        let range = |a: (f64, f64)| {
            let p = [c_min * a.0, c_min * a.1, c_max * a.0, c_max * a.1];
            (
                p.iter().copied().fold(f64::MAX, f64::min),
                p.iter().copied().fold(f64::MIN, f64::max),
            )
        };
        let (x, y) = (range(cos_r), range(sin_r));
        let pad = 1e-9;
        AABB::from_corners([x.0 - pad, y.0 - pad, z0 - pad], [x.1 + pad, y.1 + pad, z1 + pad])
    }
}

// ---------------------------------------------------------------------------
// The index
// ---------------------------------------------------------------------------

fn unit(lat: f64, lon: f64) -> [f64; 3] {
    let (p, l) = (lat.to_radians(), lon.to_radians());
    [p.cos() * l.cos(), p.cos() * l.sin(), p.sin()]
}

/// Chord length on the unit sphere for a great-circle distance.
fn chord(metres: f64) -> f64 {
    if metres >= MAX_RADIUS_M {
        2.0
    } else {
        2.0 * (metres / (2.0 * EARTH_MEAN_RADIUS_M)).sin()
    }
}

/// Parsed opening hours with the last open state worked out: open or not
/// from one instant until the next change (Unix seconds), so that most
/// searches need no evaluation.
struct Hours {
    located: Located,
    state: Mutex<Option<(i64, i64, bool)>>,
}

impl Hours {
    fn open_at(&self, at: DateTime<Utc>) -> bool {
        let t = at.timestamp();
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((from, until, open)) = *state
            && from <= t
            && t < until
        {
            return open;
        }
        // The interval that starts now runs until the next change of state.
        let (open, until) = match self.located.iter_from(at.with_timezone(&PLACE_TIME_ZONE)).next() {
            Some(iv) => (iv.kind == opening_hours::RuleKind::Open, iv.range.end.timestamp()),
            None => (false, t + 60),
        };
        // Never trust an interval for more than a day (holidays, odd rules).
        *state = Some((t, until.min(t + 86_400).max(t + 1), open));
        open
    }
}

/// Opening hours parsed once per distinct expression and shared by every
/// place that has it, with its open state: most places' hours are one of a
/// few common expressions, so a search rarely parses or evaluates anything.
/// Expressions with sun events (sunrise, sunset, dawn, dusk) depend on the
/// place's position and are held by the place alone.
#[derive(Default)]
pub(crate) struct HoursBook(Mutex<HashMap<Box<str>, Option<Arc<Hours>>>>);

fn has_sun_event(text: &str) -> bool {
    let t = text.to_ascii_lowercase();
    ["sunrise", "sunset", "dawn", "dusk"].iter().any(|w| t.contains(w))
}

impl HoursBook {
    fn hours(&self, text: &str, lat: f64, lon: f64) -> Option<Arc<Hours>> {
        let parse = || {
            parse_hours(text, lat, lon).ok().map(|located| {
                Arc::new(Hours {
                    located,
                    state: Mutex::new(None),
                })
            })
        };
        if has_sun_event(text) {
            return parse();
        }
        let mut book = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(h) = book.get(text) {
            return h.clone();
        }
        let h = parse();
        book.insert(text.into(), h.clone());
        h
    }
}

/// A place held by the index and handed out in search results without
/// being copied: one slot of the block of places the index was built from
/// (a block of one for a place written since). Reads as a [`Place`].
#[derive(Clone)]
pub struct SharedPlace {
    block: Arc<Vec<Place>>,
    slot: usize,
}

impl SharedPlace {
    pub fn new(place: Place) -> Self {
        SharedPlace {
            block: Arc::new(vec![place]),
            slot: 0,
        }
    }

    /// The place itself (copied unless nothing else holds its block).
    pub fn into_place(self) -> Place {
        match Arc::try_unwrap(self.block) {
            Ok(mut block) => block.swap_remove(self.slot),
            Err(block) => block[self.slot].clone(),
        }
    }
}

impl std::ops::Deref for SharedPlace {
    type Target = Place;

    fn deref(&self) -> &Place {
        &self.block[self.slot]
    }
}

impl std::fmt::Debug for SharedPlace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        Place::fmt(self, f)
    }
}

impl PartialEq for SharedPlace {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

/// Where a place's opening hours are kept once looked up in the book.
type HoursSlot = OnceLock<Option<Arc<Hours>>>;

/// A place held by the index, with its slot for opening hours.
#[derive(Clone, Copy)]
struct Entry<'a> {
    place: &'a SharedPlace,
    hours: &'a HoursSlot,
}

impl<'a> Entry<'a> {
    fn hours(self, book: &HoursBook) -> Option<&'a Hours> {
        self.hours
            .get_or_init(|| {
                let text = self.place.fields.opening_hours.as_ref()?;
                let p = self.place.fields.position;
                book.hours(text.as_str(), p.lat(), p.lon())
            })
            .as_deref()
    }

    fn open_at(self, book: &HoursBook, at: DateTime<Utc>) -> Option<bool> {
        Some(self.hours(book)?.open_at(at))
    }
}

/// Parse an `opening_hours` expression for evaluation at a position.
fn parse_hours(text: &str, lat: f64, lon: f64) -> Result<Located, String> {
    let oh: OpeningHours = text.parse().map_err(|e| format!("{e}"))?;
    let mut locale = TzLocation::new(PLACE_TIME_ZONE);
    if let Some(c) = Coordinates::new(lat, lon) {
        locale = locale.with_coords(c);
    }
    let ctx = opening_hours::Context::default()
        .with_holidays(Country::JP.holidays())
        .with_locale(locale);
    Ok(oh.with_context(ctx))
}

/// Check an `opening_hours` expression's syntax.
pub fn check_opening_hours(text: &str) -> Result<(), String> {
    parse_hours(text, 43.0, 141.0).map(|_| ())
}

/// One day of a place's opening hours, as a visitor reads them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayHours {
    pub date: NaiveDate,
    /// Open, or "unknown" (e.g. `open "by appointment"`), from one time of
    /// the day to another ("HH:MM", the end "24:00" when it runs to midnight).
    pub spans: Vec<HoursSpan>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HoursSpan {
    pub from: String,
    pub until: String,
    /// True when the hours say "unknown" for this span rather than open.
    pub unknown: bool,
    /// The rule's comment, if it has one (e.g. "by appointment").
    pub comment: Option<String>,
}

impl DayHours {
    /// Open the whole day.
    pub fn all_day(&self) -> bool {
        matches!(self.spans.as_slice(), [s] if s.from == "00:00" && s.until == "24:00" && !s.unknown)
    }
}

/// A place's opening hours day by day, `days` days from `from`, in the
/// place's time zone with Japan's public holidays; `None` if the
/// expression cannot be read.
pub fn hours_by_day(text: &str, lat: f64, lon: f64, from: NaiveDate, days: u32) -> Option<Vec<DayHours>> {
    use chrono::TimeZone;
    let located = parse_hours(text, lat, lon).ok()?;
    let midnight = |d: NaiveDate| {
        PLACE_TIME_ZONE
            .from_local_datetime(&d.and_time(chrono::NaiveTime::MIN))
            .earliest()
    };
    let mut out = Vec::new();
    for date in from.iter_days().take(days as usize) {
        let (start, end) = (midnight(date)?, midnight(date.succ_opt()?)?);
        let clock = |t: DateTime<Tz>| {
            if t >= end {
                "24:00".to_owned()
            } else {
                t.format("%H:%M").to_string()
            }
        };
        let spans = located
            .iter_range(start, end)
            .filter(|iv| iv.kind != opening_hours::RuleKind::Closed && iv.range.start < iv.range.end)
            .map(|iv| HoursSpan {
                from: clock(iv.range.start),
                until: clock(iv.range.end),
                unknown: iv.kind == opening_hours::RuleKind::Unknown,
                comment: Some(iv.comment.trim().to_owned()).filter(|c| !c.is_empty()),
            })
            .collect();
        out.push(DayHours { date, spans });
    }
    Some(out)
}

/// A leaf of the tree: the place's point on the unit sphere, its index in
/// the entries and its id (so that an unfiltered search never leaves the tree).
type Leaf = GeomWithData<[f64; 3], (usize, Id, Traits)>;

/// What the filters other than "open now" ask of a place, kept in its leaf
/// so that a filtered search rarely needs to touch the place itself.
#[derive(Clone, Copy, PartialEq)]
struct Traits {
    category: PlaceCategory,
    level: Assurance,
    prayer_space: bool,
    /// A certified place's certificate: valid from, valid until.
    certificate: Option<(NaiveDate, NaiveDate)>,
}

impl Traits {
    fn of(p: &Place) -> Self {
        let f = &p.fields;
        Traits {
            category: f.category,
            level: f.halal.level(),
            prayer_space: f.prayer.prayer_space,
            certificate: f.halal.certificate().map(|c| (c.valid_from(), c.valid_until())),
        }
    }

    fn pass(&self, f: &PlaceFilter, today: NaiveDate) -> bool {
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
    fn live(&self) -> impl Iterator<Item = Entry<'_>> {
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

    fn hit(&self, e: Entry<'_>, from: Option<(f64, f64)>, today: NaiveDate, now: DateTime<Utc>) -> PlaceHit {
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
            Area::All => {
                return self
                    .live()
                    .filter(|e| self.matches(*e, f, today, now))
                    .map(|e| (e, 0.0))
                    .collect();
            }
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

/// A leaf found by [`PlaceIndex::nearest_leaves`]: squared chord length
/// from the query point, the entry's slot and the place's id.
#[derive(Clone, Copy)]
struct Near {
    chord2: f64,
    slot: usize,
    id: Id,
}

impl Near {
    fn before(&self, other: &Near) -> bool {
        self.chord2 < other.chord2 || (self.chord2 == other.chord2 && self.id < other.id)
    }
}

/// The best `k` leaves so far, nearest first.
struct Best {
    k: usize,
    found: Vec<Near>,
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

fn descend(node: &rstar::ParentNode<Leaf>, q: &[f64; 3], best: &mut Best, keep: &dyn Fn(&(usize, Id, Traits)) -> bool) {
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

fn hit(e: Entry<'_>, book: &HoursBook, from: Option<(f64, f64)>, today: NaiveDate, now: DateTime<Utc>) -> PlaceHit {
    let pos = e.place.fields.position;
    PlaceHit {
        name: e.place.name(&[]).to_owned(),
        distance_m: from.map(|(lat, lon)| (haversine_m(lat, lon, pos.lat(), pos.lon()) * 10.0).round() / 10.0),
        certificate_status: e.place.fields.certificate_status(today),
        stale: e.place.fields.is_stale(today),
        open_now: e.open_at(book, now),
        place: e.place.clone(),
    }
}

fn sort_by_distance(hits: &mut [PlaceHit]) {
    hits.sort_by(|a, b| {
        a.distance_m
            .unwrap_or(0.0)
            .total_cmp(&b.distance_m.unwrap_or(0.0))
            .then(a.place.id.cmp(&b.place.id))
    });
}

/// How long a server trusts its index without asking the database whether
/// another server wrote places. Its own writes are seen at once.
pub const PLACES_RECHECK: std::time::Duration = std::time::Duration::from_millis(500);

/// The index an [`App`] keeps, with the places version it was built at,
/// when that was last confirmed, and a lock so that one request rebuilds it.
#[derive(Default)]
pub struct PlaceIndexCache(
    Mutex<Option<Cached>>,
    tokio::sync::Mutex<()>,
    /// A request is asking the database for the places version.
    std::sync::atomic::AtomicBool,
);

/// Clears the "asking" mark however the request asking ends.
struct Asking<'a>(&'a std::sync::atomic::AtomicBool);

impl Drop for Asking<'_> {
    fn drop(&mut self) {
        self.0.store(false, std::sync::atomic::Ordering::Release);
    }
}

struct Cached {
    ix: Arc<PlaceIndex>,
    /// When the database last confirmed the version.
    confirmed: std::time::Instant,
    /// This store's own place writes as counted before that confirmation.
    local: u64,
}

impl PlaceIndexCache {
    fn slot(&self) -> std::sync::MutexGuard<'_, Option<Cached>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The index, if nothing was written here since it was confirmed and
    /// that was less than [`PLACES_RECHECK`] ago.
    fn recent(&self, local: u64) -> Option<Arc<PlaceIndex>> {
        self.slot()
            .as_ref()
            .filter(|c| c.local == local && c.confirmed.elapsed() < PLACES_RECHECK)
            .map(|c| c.ix.clone())
    }

    /// The index if it is at `version`, now confirmed.
    fn confirm(&self, version: i64, local: u64) -> Option<Arc<PlaceIndex>> {
        let mut slot = self.slot();
        let c = slot.as_mut().filter(|c| c.ix.version == version)?;
        c.confirmed = std::time::Instant::now();
        c.local = c.local.max(local);
        Some(c.ix.clone())
    }

    /// Mark that this request asks the database for the version; `None`
    /// if another request is asking already.
    fn ask(&self) -> Option<Asking<'_>> {
        use std::sync::atomic::Ordering;
        self.2
            .compare_exchange(false, true, Ordering::Acquire, Ordering::Relaxed)
            .ok()
            .map(|_| Asking(&self.2))
    }

    /// The index held now, if this server wrote no place since it was built:
    /// what others may read while it is rebuilt after another server's write.
    fn stale_but_not_ours(&self, local: u64) -> Option<Arc<PlaceIndex>> {
        self.slot().as_ref().filter(|c| c.local == local).map(|c| c.ix.clone())
    }

    /// The index held, whatever its version.
    fn held(&self) -> Option<Arc<PlaceIndex>> {
        self.slot().as_ref().map(|c| c.ix.clone())
    }

    fn put(&self, ix: Arc<PlaceIndex>, local: u64) {
        let mut slot = self.slot();
        // Keep whichever is newer if another request rebuilt meanwhile.
        if slot.as_ref().is_none_or(|old| old.ix.version <= ix.version) {
            *slot = Some(Cached {
                ix,
                confirmed: std::time::Instant::now(),
                local,
            });
        }
    }
}

/// A place found by a search, with what a visitor needs to judge it. It
/// serializes as these fields followed by the place's (`id` and the flat
/// fields), written straight from the shared place.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlaceHit {
    /// The place's name to show (English when given, else another).
    pub name: String,
    /// Metres from the point searched from (or the box's centre), haversine.
    #[cfg_attr(feature = "openapi", serde(skip_serializing_if = "Option::is_none"))]
    pub distance_m: Option<f64>,
    /// For certified places: valid, expiring (within 30 days), expired, not_yet_valid.
    pub certificate_status: Option<CertificateStatus>,
    /// Not verified for 12 months.
    pub stale: bool,
    /// Open at the moment asked about; null when the hours are not known.
    pub open_now: Option<bool>,
    #[cfg_attr(feature = "openapi", serde(flatten), schema(value_type = Object))]
    pub place: SharedPlace,
}

impl Serialize for PlaceHit {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("name", &self.name)?;
        if let Some(d) = self.distance_m {
            map.serialize_entry("distance_m", &d)?;
        }
        map.serialize_entry("certificate_status", &self.certificate_status)?;
        map.serialize_entry("stale", &self.stale)?;
        map.serialize_entry("open_now", &self.open_now)?;
        self.place.serialize_entries(&mut map)?;
        map.end()
    }
}

/// What a place import did (or would do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlaceImportReport {
    /// Places read: GeoJSON features, CSV data rows, or the OpenStreetMap
    /// objects that are places of the map.
    pub features: usize,
    /// OpenStreetMap objects that are not places of the map (untagged
    /// nodes, streets, shops without halal or prayer tags…); 0 for the other formats.
    pub skipped: usize,
    /// Places added.
    pub inserted: usize,
    /// Places already recorded under the same source and source id, updated.
    pub updated: usize,
    /// True when the file was only checked.
    pub dry_run: bool,
}

/// A place read from a file, before the checks every format shares.
pub(crate) struct FileRecord {
    /// Where it is in the file: the feature number, the CSV line, or the
    /// OpenStreetMap object's number (each from 1).
    pub row: usize,
    pub input: PlaceInput,
    /// How messages name the record besides its number (`feature id 7`, `node/123`).
    pub label: Option<String>,
    /// The locality's key, looked up by [`App::finish_place_import`].
    pub locality: Option<String>,
}

/// What a reader made of a file: its places, every problem found so far,
/// and how many objects it skipped.
#[derive(Default)]
pub(crate) struct FileRead {
    pub records: Vec<FileRecord>,
    pub errors: Vec<RowError>,
    /// Records read (including those with problems).
    pub read: usize,
    /// Objects that are not places of the map.
    pub skipped: usize,
}

/// Places staff should look at.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlaceReview {
    /// Certificates still valid that end within 30 days, soonest first.
    pub expiring: Vec<PlaceHit>,
    /// Certified places whose certificate has ended.
    pub expired: Vec<PlaceHit>,
    /// Places not verified for 12 months (or never).
    pub stale: Vec<PlaceHit>,
}

impl Entity for Place {
    const FILTERS: &'static [(&'static str, kizuna_store::Kind)] = &[
        ("category", kizuna_store::Kind::Text),
        ("assurance", kizuna_store::Kind::Text),
        ("source", kizuna_store::Kind::Text),
        ("locality_id", kizuna_store::Kind::Int),
    ];
    fn rules(i: &PlaceInput, _: NaiveDate) -> Result<(), Vec<FieldError>> {
        match &i.opening_hours {
            Some(h) => check_opening_hours(h.as_str()).map_err(|m| vec![hours_error(&m)]),
            None => Ok(()),
        }
    }
    fn refs(i: &PlaceInput) -> Vec<(&'static str, Ref)> {
        vec![("locality_id", Ref::Locality(i.locality_id))]
    }
}

fn hours_error(message: &str) -> FieldError {
    FieldError::new(
        "opening_hours",
        "invalid_opening_hours",
        format!(
            "not OpenStreetMap opening_hours syntax (e.g. \"Mo-Sa 11:00-21:00; Su off\"): {}",
            message.lines().next().unwrap_or(message).trim()
        ),
    )
}

fn position(lat: f64, lon: f64) -> Result<LatLon> {
    LatLon::new(lat, lon).map_err(AppError::Invalid)
}

impl App {
    /// The index of every place, rebuilt if a place was written since it was built.
    pub async fn place_index(&self) -> Result<Arc<PlaceIndex>> {
        let cache = &self.place_index;
        // Counted before the version is read: a write in between makes the
        // next request look again.
        let local = self.store.local_place_writes();
        if let Some(ix) = cache.recent(local) {
            return Ok(ix);
        }
        // One request asks the database whether another server wrote; the
        // others meanwhile answer from the index held, unless it lacks this
        // server's own writes.
        let asking = cache.ask();
        if asking.is_none()
            && let Some(ix) = cache.stale_but_not_ours(local)
        {
            return Ok(ix);
        }
        let version = self.store.places_version().await?;
        if let Some(ix) = cache.confirm(version, local) {
            return Ok(ix);
        }
        let _one_builder = match cache.1.try_lock() {
            Ok(guard) => guard,
            Err(_) => {
                // Another request is rebuilding. Unless this server's own
                // writes are what it waits for, answer from the index held.
                if let Some(ix) = cache.stale_but_not_ours(local) {
                    return Ok(ix);
                }
                cache.1.lock().await
            }
        };
        let local = self.store.local_place_writes();
        let version = self.store.places_version().await?;
        if let Some(ix) = cache.confirm(version, local) {
            return Ok(ix);
        }
        // A few places changed: bring the held index up to date from them.
        if let Some(held) = cache.held()
            && held.version < version
            && let Some(ix) = self.updated_index(&held, version).await?
        {
            let ix = Arc::new(ix);
            cache.put(ix.clone(), local);
            return Ok(ix);
        }
        let places = self.store.all_places().await?;
        // About a second for a million places: off the async workers.
        let ix = match tokio::task::spawn_blocking(move || PlaceIndex::build(version, places)).await {
            Ok(ix) => Arc::new(ix),
            // Cancelled only when the runtime is shutting down.
            Err(e) => match e.try_into_panic() {
                Ok(panic) => std::panic::resume_unwind(panic),
                Err(e) => panic!("the places index build was cancelled: {e}"),
            },
        };
        cache.put(ix.clone(), local);
        Ok(ix)
    }

    /// `held` brought to `version` by the places changed since its own
    /// version; `None` when so many changed that building afresh is quicker.
    async fn updated_index(&self, held: &PlaceIndex, version: i64) -> Result<Option<PlaceIndex>> {
        let limit = (held.len() / 10).max(1000);
        let Some(changes) = self.store.place_changes_since(held.version, limit).await? else {
            return Ok(None);
        };
        let mut upserts = Vec::with_capacity(changes.changed.len());
        let mut deletes: Vec<Id> = Vec::new();
        for (id, _) in &changes.changed {
            match self.store.get::<Place>(*id).await {
                Ok(place) => upserts.push(place),
                // Deleted since it was listed: the next look sees its deletion too.
                Err(kizuna_store::StoreError::NotFound { .. }) => deletes.push(*id),
                Err(e) => return Err(e.into()),
            }
        }
        // A place that exists now is held as it is now, whatever was deleted before.
        let alive: std::collections::HashSet<Id> = upserts.iter().map(|p| p.id).collect();
        deletes.extend(
            changes
                .deleted
                .iter()
                .map(|(id, _)| *id)
                .filter(|id| !alive.contains(id)),
        );
        Ok(held.updated(version, upserts, &deletes))
    }

    fn now_for(&self, f: &PlaceFilter) -> DateTime<Utc> {
        f.at.unwrap_or_else(Utc::now)
    }

    /// The `k` (1–1000) nearest places matching `filter`, nearest first.
    pub async fn nearest_places(&self, lat: f64, lon: f64, k: usize, filter: &PlaceFilter) -> Result<Vec<PlaceHit>> {
        let mut errors = LatLon::new(lat, lon).err().unwrap_or_default();
        if !(1..=MAX_RESULTS).contains(&k) {
            errors.push(FieldError::new(
                "k",
                "out_of_range",
                format!("k must be from 1 to {MAX_RESULTS}, not {k}"),
            ));
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let at = position(lat, lon)?;
        let ix = self.place_index().await?;
        Ok(ix.nearest(at, k, filter, self.today(), self.now_for(filter)))
    }

    /// Places within `metres` of a point, nearest first.
    pub async fn places_within_radius(
        &self,
        lat: f64,
        lon: f64,
        metres: f64,
        filter: &PlaceFilter,
    ) -> Result<Vec<PlaceHit>> {
        let mut errors = LatLon::new(lat, lon).err().unwrap_or_default();
        if !(metres.is_finite() && metres > 0.0 && metres <= MAX_RADIUS_M) {
            errors.push(FieldError::new(
                "radius_m",
                "out_of_range",
                format!("radius_m must be more than 0 and at most {MAX_RADIUS_M:.0} metres, not {metres}"),
            ));
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let at = position(lat, lon)?;
        let ix = self.place_index().await?;
        Ok(ix.within_radius(at, metres, filter, self.today(), self.now_for(filter)))
    }

    /// Places inside a box (which may cross the antimeridian), nearest its centre first.
    pub async fn places_within_bbox(&self, bbox: BBox, filter: &PlaceFilter) -> Result<Vec<PlaceHit>> {
        let ix = self.place_index().await?;
        Ok(ix.within_bbox(bbox, filter, self.today(), self.now_for(filter)))
    }

    /// One page of the places in an area matching `filter`, and how many
    /// match in all; only the page's results are built, so a page of a
    /// large area costs little more than counting it.
    pub async fn search_places(
        &self,
        area: Area,
        filter: &PlaceFilter,
        offset: usize,
        limit: usize,
    ) -> Result<(usize, Vec<PlaceHit>)> {
        if let Area::Radius { metres, .. } = area
            && !(metres.is_finite() && metres > 0.0 && metres <= MAX_RADIUS_M)
        {
            return Err(AppError::Invalid(vec![FieldError::new(
                "radius_m",
                "out_of_range",
                format!("radius_m must be more than 0 and at most {MAX_RADIUS_M:.0} metres, not {metres}"),
            )]));
        }
        let ix = self.place_index().await?;
        Ok(ix.page(&area, filter, self.today(), self.now_for(filter), offset, limit))
    }

    /// Every place matching `filter`, by id.
    pub async fn all_places(&self, filter: &PlaceFilter) -> Result<Vec<PlaceHit>> {
        let ix = self.place_index().await?;
        Ok(ix.all(filter, self.today(), self.now_for(filter)))
    }

    /// One place as a search would show it.
    pub async fn place(&self, id: Id) -> Result<PlaceHit> {
        let place = self.store.get::<Place>(id).await?;
        let entry = Entry {
            place: &SharedPlace::new(place),
            hours: &OnceLock::new(),
        };
        Ok(hit(entry, &HoursBook::default(), None, self.today(), Utc::now()))
    }

    /// Certificates expiring within 30 days, expired ones, and stale places.
    pub async fn places_for_review(&self) -> Result<PlaceReview> {
        let today = self.today();
        let ix = self.place_index().await?;
        let all = ix.all(&PlaceFilter::default(), today, Utc::now());
        let until = |h: &PlaceHit| h.place.fields.halal.certificate().map(|c| c.valid_until());
        let mut expiring: Vec<PlaceHit> = all
            .iter()
            .filter(|h| h.place.fields.certificate_expires_within(today, EXPIRY_WARNING_DAYS))
            .cloned()
            .collect();
        expiring.sort_by_key(until);
        let expired = all
            .iter()
            .filter(|h| h.certificate_status == Some(CertificateStatus::Expired))
            .cloned()
            .collect();
        let stale = all.into_iter().filter(|h| h.stale).collect();
        Ok(PlaceReview {
            expiring,
            expired,
            stale,
        })
    }

    /// Create a place. Without a source it is a staff entry, given a new source id.
    pub async fn create_place(&self, mut fields: PlaceFields) -> Result<Place> {
        if fields.source.as_deref().is_none_or(|s| s.trim().is_empty()) {
            fields.source = Some(SourceKind::Staff.to_string());
        }
        if fields.source.as_deref().map(str::trim) == Some("staff")
            && fields.source_id.as_deref().is_none_or(|s| s.trim().is_empty())
        {
            fields.source_id = Some(format!("staff-{}", &crate::auth::random_token()[..16]));
        }
        let input = fields.validate().map_err(AppError::Invalid)?;
        self.create::<Place>(&input).await
    }

    /// Replace a place's fields; without a source it keeps its own.
    pub async fn update_place(&self, id: Id, mut fields: PlaceFields) -> Result<Place> {
        let old = self.store.get::<Place>(id).await?;
        if fields.source.as_deref().is_none_or(|s| s.trim().is_empty()) {
            fields.source = Some(old.fields.source.kind().to_string());
            if fields.source_id.as_deref().is_none_or(|s| s.trim().is_empty()) {
                fields.source_id = Some(old.fields.source.id().to_string());
            }
        }
        let input = fields.validate().map_err(AppError::Invalid)?;
        self.update::<Place>(id, &input).await
    }

    pub async fn delete_place(&self, id: Id) -> Result<()> {
        self.delete::<Place>(id).await
    }

    /// Write many places at once, keyed by source and source id, after
    /// checking every one; all or nothing. Errors name the place's number
    /// (from 1) as the row.
    pub async fn upsert_places(&self, places: &[PlaceInput]) -> Result<UpsertCounts> {
        let mut errors = Vec::new();
        self.check_places(places.iter().enumerate().map(|(i, p)| (i + 1, p, None)), &mut errors)
            .await?;
        if !errors.is_empty() {
            return Err(AppError::ImportRejected(errors));
        }
        Ok(self.store.upsert_places(places).await?)
    }

    /// Rules beyond one place's fields: opening-hours syntax, localities that
    /// exist, one place per source id. Each place comes with its row and
    /// the label messages name it by besides (`feature id 7`, `node/123`).
    async fn check_places<'a>(
        &self,
        places: impl Iterator<Item = (usize, &'a PlaceInput, Option<String>)>,
        errors: &mut Vec<RowError>,
    ) -> Result<()> {
        let mut seen: HashMap<(SourceKind, String), usize> = HashMap::new();
        let mut localities: HashMap<Id, bool> = HashMap::new();
        for (row, p, label) in places {
            let tag = label.map(|l| format!(" [{l}]")).unwrap_or_default();
            if let Some(h) = &p.opening_hours
                && let Err(m) = check_opening_hours(h.as_str())
            {
                let e = hours_error(&m);
                errors.push(row_error(
                    row,
                    "opening_hours",
                    h.as_str(),
                    &e.code,
                    format!("{}{tag}", e.message),
                ));
            }
            if let Some(l) = p.locality_id {
                let exists = match localities.get(&l) {
                    Some(x) => *x,
                    None => {
                        let x = self.store.exists::<Locality>(l).await?;
                        localities.insert(l, x);
                        x
                    }
                };
                if !exists {
                    errors.push(row_error(
                        row,
                        "locality_id",
                        &l.to_string(),
                        "not_found",
                        format!("locality {l} does not exist{tag}"),
                    ));
                }
            }
            let key = (p.source.kind(), p.source.id().to_string());
            if let Some(first) = seen.get(&key) {
                errors.push(row_error(
                    row,
                    "source_id",
                    p.source.id().as_str(),
                    "duplicate",
                    format!(
                        "{} {} appears twice in this file (first as number {first}){tag}",
                        key.0, key.1
                    ),
                ));
            } else {
                seen.insert(key, row);
            }
        }
        Ok(())
    }

    /// The places as a GeoJSON (RFC 7946) FeatureCollection of points, with
    /// flat properties (text, numbers, booleans, nulls) that GDAL reads.
    pub async fn export_geojson(&self) -> Result<Vec<u8>> {
        let places = self.store.all_places().await?;
        let keys = self.locality_keys().await?;
        let mut features = Vec::with_capacity(places.len());
        let mut osm = false;
        for p in &places {
            osm |= p.fields.source.kind() == SourceKind::Openstreetmap;
            features.push(feature(p, &keys));
        }
        let mut fc = Map::new();
        fc.insert("type".into(), json!("FeatureCollection"));
        fc.insert("name".into(), json!("kizuna_places"));
        if osm {
            fc.insert(
                "attribution".into(),
                json!(format!("Contains data from OpenStreetMap: {OSM_ATTRIBUTION}")),
            );
        }
        fc.insert("features".into(), Json::Array(features));
        serde_json::to_vec_pretty(&Json::Object(fc)).map_err(|e| AppError::BadFile(e.to_string()))
    }

    /// Import a file of places in any of [`PlaceFileFormat`]s: every record
    /// checked first, then all written in one transaction, or none. A place
    /// already recorded under the same source and source id is updated.
    pub async fn import_places(
        &self,
        format: PlaceFileFormat,
        bytes: &[u8],
        dry_run: bool,
    ) -> Result<PlaceImportReport> {
        let file = match format {
            PlaceFileFormat::Geojson => read_geojson(bytes)?,
            PlaceFileFormat::Csv => csv::read(bytes)?,
            PlaceFileFormat::OsmXml => osm::read(bytes, osm::Encoding::Xml)?,
            PlaceFileFormat::OsmPbf => osm::read(bytes, osm::Encoding::Pbf)?,
        };
        self.finish_place_import(file, dry_run).await
    }

    /// Import a GeoJSON FeatureCollection of points. Every feature is checked
    /// first and every problem reported with its feature number (from 1);
    /// then all are written in one transaction, or none. A feature already
    /// recorded under the same source and source id is updated.
    pub async fn import_geojson(&self, bytes: &[u8], dry_run: bool) -> Result<PlaceImportReport> {
        self.import_places(PlaceFileFormat::Geojson, bytes, dry_run).await
    }

    /// What every format shares once its records are read: localities by
    /// key, the checks across places, then the report of a dry run or one
    /// transaction that writes them all — or, if any record has a problem,
    /// every problem (by row) and nothing written.
    async fn finish_place_import(&self, file: FileRead, dry_run: bool) -> Result<PlaceImportReport> {
        let FileRead {
            mut records,
            mut errors,
            read,
            skipped,
        } = file;
        let mut by_key: Option<HashMap<String, Id>> = None;
        for r in &mut records {
            let Some(key) = r.locality.take() else { continue };
            if by_key.is_none() {
                by_key = Some(self.locality_keys().await?.into_iter().map(|(id, k)| (k, id)).collect());
            }
            let tag = r.label.as_ref().map(|l| format!(" [{l}]")).unwrap_or_default();
            match by_key.as_ref().and_then(|m| m.get(&key)) {
                Some(id) if r.input.locality_id.is_none_or(|l| l == *id) => r.input.locality_id = Some(*id),
                Some(id) => errors.push(row_error(
                    r.row,
                    "locality",
                    &key,
                    "conflicting",
                    format!(
                        "locality {key} is record {id}, but locality_id says {}{tag}",
                        r.input.locality_id.unwrap_or(0)
                    ),
                )),
                None => errors.push(row_error(
                    r.row,
                    "locality",
                    &key,
                    "not_found",
                    format!("no locality has the key {key}{tag}"),
                )),
            }
        }
        self.check_places(records.iter().map(|r| (r.row, &r.input, r.label.clone())), &mut errors)
            .await?;
        if !errors.is_empty() {
            errors.sort_by_key(|e| e.row);
            return Err(AppError::ImportRejected(errors));
        }
        let places: Vec<PlaceInput> = records.into_iter().map(|r| r.input).collect();
        let (inserted, updated) = if dry_run {
            let mut ins = 0;
            for p in &places {
                if self
                    .store
                    .place_by_source(p.source.kind().as_str(), p.source.id().as_str())
                    .await?
                    .is_none()
                {
                    ins += 1;
                }
            }
            (ins, places.len() - ins)
        } else if places.is_empty() {
            (0, 0)
        } else {
            let c = self.store.upsert_places(&places).await?;
            (c.inserted, c.updated)
        };
        Ok(PlaceImportReport {
            features: read,
            skipped,
            inserted,
            updated,
            dry_run,
        })
    }

    /// The places as CSV: `id` and then [`PLACE_FIELD_NAMES`]; text that a
    /// spreadsheet would take for a formula is prefixed with `'`.
    pub async fn export_places_csv(&self) -> Result<Vec<u8>> {
        let places = self.store.all_places().await?;
        let keys = self.locality_keys().await?;
        let mut w = ::csv::Writer::from_writer(Vec::new());
        let mut header = vec!["id"];
        header.extend(file_columns());
        let bad = |e: ::csv::Error| AppError::BadFile(e.to_string());
        w.write_record(&header).map_err(bad)?;
        for p in &places {
            let props = properties(&PlaceFields::from(&p.fields), true, &keys);
            let mut row = vec![p.id.to_string()];
            for name in file_columns() {
                row.push(match props.get(name) {
                    None | Some(Json::Null) => String::new(),
                    Some(Json::String(s)) => crate::transfer::escape_formula(s),
                    Some(v) => v.to_string(),
                });
            }
            w.write_record(&row).map_err(bad)?;
        }
        w.into_inner().map_err(|e| AppError::BadFile(e.to_string()))
    }
}

impl App {
    /// Every locality's key by id: files name localities by key, which
    /// means the same in every database.
    async fn locality_keys(&self) -> Result<HashMap<Id, String>> {
        let all = self
            .store
            .select::<Locality>(
                &[],
                kizuna_store::Page {
                    limit: u32::MAX,
                    offset: 0,
                },
            )
            .await?;
        Ok(all.into_iter().map(|l| (l.id, l.fields.key.to_string())).collect())
    }
}

/// The kinds of file places are imported from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceFileFormat {
    /// GeoJSON (RFC 7946) FeatureCollection of points.
    Geojson,
    /// CSV with the columns of [`file_columns`].
    Csv,
    /// OpenStreetMap XML (`.osm`).
    OsmXml,
    /// OpenStreetMap protocol buffers (`.osm.pbf`).
    OsmPbf,
}

impl PlaceFileFormat {
    /// The format a file name implies (`.geojson`/`.json`, `.csv`, `.osm`, `.osm.pbf`/`.pbf`).
    pub fn from_file_name(name: &str) -> Option<Self> {
        let n = name.to_ascii_lowercase();
        if n.ends_with(".osm.pbf") || n.ends_with(".pbf") {
            Some(Self::OsmPbf)
        } else if n.ends_with(".osm") {
            Some(Self::OsmXml)
        } else if n.ends_with(".csv") {
            Some(Self::Csv)
        } else if n.ends_with(".geojson") || n.ends_with(".json") {
            Some(Self::Geojson)
        } else {
            None
        }
    }

    /// A short name for messages.
    pub fn label(self) -> &'static str {
        match self {
            Self::Geojson => "GeoJSON",
            Self::Csv => "CSV",
            Self::OsmXml => "OpenStreetMap XML",
            Self::OsmPbf => "OpenStreetMap PBF",
        }
    }
}

/// The columns of a place in files (GeoJSON properties, CSV): the flat
/// fields, with the locality by key (`locality`) rather than by id.
pub fn file_columns() -> Vec<&'static str> {
    PLACE_FIELD_NAMES
        .iter()
        .map(|c| if *c == "locality_id" { "locality" } else { *c })
        .collect()
}

fn row_error(row: usize, column: &str, value: &str, code: &str, reason: String) -> RowError {
    RowError {
        row,
        column: column.to_owned(),
        value: value.to_owned(),
        code: code.to_owned(),
        reason,
    }
}

/// A place's flat fields as JSON properties, all keys present (null when
/// absent) so every feature has the same columns; the locality by key.
fn properties(f: &PlaceFields, with_position: bool, keys: &HashMap<Id, String>) -> Map<String, Json> {
    let Ok(Json::Object(mut m)) = serde_json::to_value(f) else {
        return Map::new();
    };
    m.remove("locality_id");
    m.insert("locality".into(), json!(f.locality_id.and_then(|id| keys.get(&id))));
    if !with_position {
        m.remove("lat");
        m.remove("lon");
    }
    m
}

fn feature(p: &Place, keys: &HashMap<Id, String>) -> Json {
    let pos = p.fields.position;
    let mut props = properties(&PlaceFields::from(&p.fields), false, keys);
    // Kizuna's own id, also the feature id, for people reading the table.
    props.insert("kizuna_id".into(), json!(p.id));
    json!({
        "type": "Feature",
        "id": p.id,
        "geometry": {"type": "Point", "coordinates": [pos.lon(), pos.lat()]},
        "properties": props,
    })
}

fn show(v: &Json) -> String {
    match v {
        Json::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A GeoJSON FeatureCollection (or one Feature) read into places.
fn read_geojson(bytes: &[u8]) -> Result<FileRead> {
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).map_err(|e| {
        AppError::BadFile(format!(
            "the file is not UTF-8 (byte {} is not valid)",
            e.valid_up_to() + 1
        ))
    })?;
    let doc: Json = serde_json::from_str(text).map_err(|e| AppError::BadFile(format!("the file is not JSON: {e}")))?;
    let features = match doc.get("type").and_then(Json::as_str) {
        Some("FeatureCollection") => match doc.get("features").and_then(Json::as_array) {
            Some(f) => f.clone(),
            None => {
                return Err(AppError::BadFile(
                    "the FeatureCollection has no \"features\" array".into(),
                ));
            }
        },
        Some("Feature") => vec![doc.clone()],
        _ => {
            return Err(AppError::BadFile(
                "the file is not a GeoJSON FeatureCollection (its \"type\" must be \"FeatureCollection\")".into(),
            ));
        }
    };
    let mut file = FileRead {
        read: features.len(),
        ..FileRead::default()
    };
    for (i, f) in features.iter().enumerate() {
        let row = i + 1;
        match read_feature(row, f) {
            Ok((input, fid, locality)) => file.records.push(FileRecord {
                row,
                input,
                label: fid.map(|f| format!("feature id {f}")),
                locality,
            }),
            Err(errs) => file.errors.extend(errs),
        }
    }
    Ok(file)
}

/// One feature as a place (with its feature id and locality key, if
/// any), or every reason it is not one.
fn read_feature(row: usize, f: &Json) -> Result<(PlaceInput, Option<String>, Option<String>), Vec<RowError>> {
    let fid = match f.get("id") {
        Some(Json::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Some(Json::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let tag = fid.as_ref().map(|f| format!(" [feature id {f}]")).unwrap_or_default();
    let mut errors = Vec::new();
    let mut err = |column: &str, value: String, code: &str, reason: String| {
        errors.push(row_error(row, column, &value, code, format!("{reason}{tag}")));
    };
    if f.get("type").and_then(Json::as_str) != Some("Feature") {
        err(
            "type",
            f.get("type").map(show).unwrap_or_default(),
            "not_a_feature",
            "each member of \"features\" must be a Feature".into(),
        );
        return Err(errors);
    }
    // Geometry: a Point [lon, lat] (an altitude, if any, is ignored).
    let mut fields = PlaceFields::default();
    match f.get("geometry") {
        Some(g) if g.get("type").and_then(Json::as_str) == Some("Point") => {
            match g.get("coordinates").and_then(Json::as_array).map(Vec::as_slice) {
                Some([lon, lat, ..]) if lon.is_number() && lat.is_number() => {
                    fields.lon = lon.as_f64();
                    fields.lat = lat.as_f64();
                }
                _ => err(
                    "geometry",
                    g.get("coordinates").map(show).unwrap_or_default(),
                    "invalid_geometry",
                    "a Point's coordinates must be [longitude, latitude] numbers".into(),
                ),
            }
        }
        other => err(
            "geometry",
            other
                .and_then(|g| g.get("type"))
                .map(show)
                .unwrap_or_else(|| "null".into()),
            "not_a_point",
            "a place must be a Point geometry (longitude, latitude in WGS 84)".into(),
        ),
    }
    let empty = Map::new();
    let props = match f.get("properties") {
        Some(Json::Object(m)) => m,
        None | Some(Json::Null) => &empty,
        Some(other) => {
            err(
                "properties",
                show(other),
                "invalid_properties",
                "properties must be an object".into(),
            );
            &empty
        }
    };
    let mut raw = Map::new();
    let mut locality = None;
    let columns = file_columns();
    for (k, v) in props {
        if k == "kizuna_id" {
            continue;
        }
        if k == "locality" {
            match v {
                Json::Null => {}
                Json::String(s) if !s.trim().is_empty() => locality = Some(s.trim().to_owned()),
                _ => err(
                    k,
                    show(v),
                    "not_text",
                    "locality must be a locality's key, e.g. jp/hokkaido/ishikari/sapporo".into(),
                ),
            }
            continue;
        }
        if !(columns.contains(&k.as_str()) || k == "locality_id") || k == "lat" || k == "lon" {
            err(
                k,
                show(v),
                "unknown_property",
                format!(
                    "unknown property {k}; the position comes from the geometry, and the properties are: {}",
                    columns
                        .iter()
                        .filter(|n| !matches!(**n, "lat" | "lon"))
                        .copied()
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
            continue;
        }
        // Text fields may be given as numbers (phone, source_id); flags and
        // locality ids must have their JSON types.
        let value = match (k.as_str(), v) {
            (_, Json::Null) => continue,
            ("locality_id", Json::Number(_))
            | (
                "alcohol_served" | "prayer_space" | "wudu" | "women_space" | "qibla_marked" | "prayer_mats",
                Json::Bool(_),
            ) => v.clone(),
            ("locality_id", _) => {
                err(k, show(v), "not_a_number", "locality_id must be a whole number".into());
                continue;
            }
            ("alcohol_served" | "prayer_space" | "wudu" | "women_space" | "qibla_marked" | "prayer_mats", _) => {
                err(k, show(v), "not_a_boolean", format!("{k} must be true or false"));
                continue;
            }
            (_, Json::String(_)) => v.clone(),
            (_, Json::Number(n)) => Json::String(n.to_string()),
            _ => {
                err(k, show(v), "not_text", format!("{k} must be text"));
                continue;
            }
        };
        raw.insert(k.clone(), value);
    }
    match serde_json::from_value::<PlaceFields>(Json::Object(raw)) {
        Ok(p) => {
            fields = PlaceFields {
                lat: fields.lat,
                lon: fields.lon,
                ..p
            };
        }
        Err(e) => err("properties", String::new(), "invalid", e.to_string()),
    }
    // Without a source, the file is the source and the feature id its key.
    if fields.source.as_deref().is_none_or(|s| s.trim().is_empty()) {
        fields.source = Some(SourceKind::Import.to_string());
    }
    if fields.source_id.as_deref().is_none_or(|s| s.trim().is_empty()) {
        match &fid {
            Some(id) => fields.source_id = Some(id.clone()),
            None => {
                err(
                    "source_id",
                    String::new(),
                    "required",
                    "each feature needs an \"id\" or a source_id property, so that importing it again updates it rather than adding it twice".into(),
                );
                // Reported; don't report it again below.
                fields.source_id = Some(format!("feature-{row}"));
            }
        }
    }
    if let Some(h) = fields.opening_hours.as_deref().map(str::trim).filter(|h| !h.is_empty())
        && let Err(m) = check_opening_hours(h)
    {
        let e = hours_error(&m);
        err("opening_hours", h.to_owned(), &e.code, e.message);
    }
    if fields.lat.is_none() || fields.lon.is_none() {
        // Already reported as a geometry problem; don't name lat/lon too.
        fields.lat = Some(0.0);
        fields.lon = Some(0.0);
    }
    let validated = fields.validate();
    if let Err(errs) = &validated {
        let value_of = |name: &str| -> String { props.get(name).map(show).unwrap_or_default() };
        for e in errs {
            let column = if e.field == "source_id" && fid.is_some() && props.get("source_id").is_none() {
                "id"
            } else {
                e.field.as_str()
            };
            let value = match e.field.as_str() {
                _ if column == "id" => fid.clone().unwrap_or_default(),
                "lat" => fields.lat.map(|v| v.to_string()).unwrap_or_default(),
                "lon" => fields.lon.map(|v| v.to_string()).unwrap_or_default(),
                f => value_of(f),
            };
            err(column, value, &e.code, e.message.clone());
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    match validated {
        Ok(p) => Ok((p, fid, locality)),
        Err(_) => Err(errors),
    }
}

/// The set of categories, for help texts.
pub fn category_names() -> Vec<&'static str> {
    PlaceCategory::ALL.iter().map(|c| c.as_str()).collect()
}

/// The set of assurance levels, for help texts.
pub fn assurance_names() -> Vec<&'static str> {
    Assurance::ALL.iter().map(|c| c.as_str()).collect()
}

#[cfg(test)]
mod tests {
    use rstar::Envelope;

    use super::*;

    fn brute_in_box(b: &BBox, lat: f64, lon: f64) -> bool {
        b.contains(lat, lon)
    }

    /// Places on a small grid around Sapporo, several at the very same
    /// point (a building of shops), with categories, levels and prayer
    /// spaces that vary with the id.
    fn crowded_places(n: i64) -> Vec<Place> {
        (1..=n)
            .map(|id| {
                let cell = id / 3; // three places at each point
                let fields = PlaceFields {
                    name_en: Some(format!("Place {id}")),
                    category: Some(["restaurant", "cafe", "mosque", "grocery"][(id % 4) as usize].into()),
                    lat: Some(43.0 + (cell % 40) as f64 * 0.003),
                    lon: Some(141.3 + (cell / 40) as f64 * 0.004),
                    assurance: Some(if id % 5 == 0 { "pork_free" } else { "unknown" }.into()),
                    prayer_space: Some(id % 7 == 0),
                    source: Some("import".into()),
                    source_id: Some(format!("t-{id}")),
                    ..PlaceFields::default()
                };
                Place {
                    id,
                    fields: fields.validate().unwrap(),
                }
            })
            .collect()
    }

    #[test]
    fn nearest_is_the_brute_force_order_with_ties_by_id() {
        let places = crowded_places(3000);
        let ix = PlaceIndex::build(1, places.clone());
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let now = Utc::now();
        let filters = [
            PlaceFilter::default(),
            PlaceFilter::parse(Some("mosque"), None, None, None, None).unwrap(),
            PlaceFilter::parse(Some("restaurant,cafe"), Some("pork_free"), None, None, None).unwrap(),
            PlaceFilter::parse(None, None, Some("true"), None, None).unwrap(),
            PlaceFilter::parse(Some("hotel"), None, None, None, None).unwrap(),
        ];
        for (lat, lon) in [(43.05, 141.35), (43.0, 141.3), (43.2, 141.9), (35.68, 139.77)] {
            let q = unit(lat, lon);
            for f in &filters {
                for k in [1, 3, 20, 500, 5000] {
                    let mut want: Vec<(f64, Id)> = places
                        .iter()
                        .filter(|p| Traits::of(p).pass(f, today))
                        .map(|p| {
                            let u = unit(p.fields.position.lat(), p.fields.position.lon());
                            let d2: f64 = (0..3).map(|i| (u[i] - q[i]).powi(2)).sum();
                            (d2, p.id)
                        })
                        .collect();
                    want.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                    want.truncate(k);
                    let got: Vec<Id> = ix
                        .nearest_ids(LatLon::new(lat, lon).unwrap(), k, f, today, now)
                        .iter()
                        .map(|n| n.0)
                        .collect();
                    let want: Vec<Id> = want.iter().map(|w| w.1).collect();
                    assert_eq!(got, want, "k={k} from {lat},{lon} with {f:?}");
                }
            }
        }
        // The index after deleting and moving places answers as a fresh one.
        let mut moved = places[10].clone();
        moved.fields.position = LatLon::new(43.05, 141.35).unwrap();
        let updated = ix
            .updated(2, vec![moved.clone()], &[places[0].id, places[1].id])
            .unwrap();
        let mut fresh_places: Vec<Place> = places[2..].to_vec();
        fresh_places[8] = moved;
        let fresh = PlaceIndex::build(2, fresh_places);
        let at = LatLon::new(43.05, 141.35).unwrap();
        for f in &filters {
            assert_eq!(
                updated.nearest_ids(at, 50, f, today, now),
                fresh.nearest_ids(at, 50, f, today, now),
                "{f:?}"
            );
        }
    }

    #[test]
    fn bbox_envelopes_hold_their_boxes() {
        let boxes = [
            BBox::new(141.2, 42.9, 141.5, 43.2).unwrap(),
            BBox::new(170.0, -20.0, -170.0, 20.0).unwrap(),
            BBox::new(-180.0, -90.0, 180.0, 90.0).unwrap(),
            BBox::new(-10.0, 80.0, 100.0, 90.0).unwrap(),
            BBox::new(90.0, -60.0, -90.0, -10.0).unwrap(),
        ];
        let mut seed = 7u64;
        let mut rnd = || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        for b in boxes {
            let env = b.envelope();
            for _ in 0..20_000 {
                let (lat, lon) = (rnd() * 180.0 - 90.0, rnd() * 360.0 - 180.0);
                if brute_in_box(&b, lat, lon) {
                    let p = unit(lat, lon);
                    assert!(env.contains_point(&p), "{b:?} {lat},{lon}");
                }
            }
        }
    }

    #[test]
    fn bbox_parsing_names_the_field() {
        assert_eq!(BBox::parse("1,2,3").unwrap_err()[0].field, "bbox");
        assert_eq!(BBox::parse("0,50,1,40").unwrap_err()[0].code, "invalid_bbox");
        let b = BBox::parse("170,-20,-170,20").unwrap();
        assert!(b.contains(0.0, 179.0) && b.contains(0.0, -179.0) && !b.contains(0.0, 0.0));
        assert_eq!(b.centre(), (0.0, 180.0));
    }

    #[test]
    fn opening_hours_are_checked_and_evaluated_in_japan_time() {
        assert!(check_opening_hours("Mo-Sa 11:00-21:00; Su off").is_ok());
        assert!(check_opening_hours("24/7").is_ok());
        assert!(check_opening_hours("whenever we like").is_err());
        let h = parse_hours("Mo-Fr 11:00-14:00", 43.06, 141.35).unwrap();
        // 2026-11-23 is a Monday, and Labour Thanksgiving Day (a public holiday; the rule has no PH off).
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&PLACE_TIME_ZONE);
        assert!(h.is_open(at("2026-11-24T12:00:00+09:00")));
        assert!(!h.is_open(at("2026-11-24T12:00:00+00:00")), "21:00 in Japan");
        let ph = parse_hours("Mo-Fr 11:00-14:00; PH off", 43.06, 141.35).unwrap();
        assert!(!ph.is_open(at("2026-11-23T12:00:00+09:00")), "Labour Thanksgiving Day");
        assert!(ph.is_open(at("2026-11-24T12:00:00+09:00")));
    }

    #[test]
    fn remembered_open_state_matches_evaluation_at_every_step() {
        let start = DateTime::parse_from_rfc3339("2026-11-20T00:03:00+09:00")
            .unwrap()
            .with_timezone(&Utc);
        for rule in [
            "Mo-Fr 11:00-14:00; PH off",
            "Mo-Sa 11:00-21:00; Su off",
            "24/7",
            "Tu-Su 10:00-19:00; We 12:00-13:00 off",
            "sunrise-sunset",
        ] {
            let fields = PlaceFields {
                name_en: Some("Test".into()),
                category: Some("cafe".into()),
                lat: Some(43.06),
                lon: Some(141.35),
                assurance: Some("unknown".into()),
                opening_hours: Some(rule.into()),
                source: Some("import".into()),
                source_id: Some("t-1".into()),
                ..PlaceFields::default()
            };
            let fields = fields.validate().unwrap();
            // Two places with the same hours, one far north: they share one
            // parse and open state unless the rule has sun events.
            let mut north = fields.clone();
            north.position = LatLon::new(45.4, 141.7).unwrap();
            let places = [
                SharedPlace::new(Place { id: 1, fields }),
                SharedPlace::new(Place { id: 2, fields: north }),
            ];
            let slots = [OnceLock::new(), OnceLock::new()];
            let entries = [0, 1].map(|i| Entry {
                place: &places[i],
                hours: &slots[i],
            });
            let book = HoursBook::default();
            let shared = std::ptr::eq(entries[0].hours(&book).unwrap(), entries[1].hours(&book).unwrap());
            assert_eq!(shared, !has_sun_event(rule), "{rule}");
            let evaluated = [
                parse_hours(rule, 43.06, 141.35).unwrap(),
                parse_hours(rule, 45.4, 141.7).unwrap(),
            ];
            // A week forward in 7-minute steps, then back in time once.
            let mut times: Vec<DateTime<Utc>> = (0..1440).map(|i| start + chrono::Duration::minutes(7 * i)).collect();
            times.push(start);
            for t in times {
                for (e, h) in entries.iter().zip(&evaluated) {
                    assert_eq!(
                        e.open_at(&book, t),
                        Some(h.is_open(t.with_timezone(&PLACE_TIME_ZONE))),
                        "{rule} at {t} for place {}",
                        e.place.id
                    );
                }
            }
        }
    }

    #[test]
    fn hours_by_day_read_as_a_visitor_reads_them() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let show = |days: &[DayHours]| {
            days.iter()
                .map(|day| {
                    let spans: Vec<String> = day
                        .spans
                        .iter()
                        .map(|s| format!("{}-{}{}", s.from, s.until, if s.unknown { "?" } else { "" }))
                        .collect();
                    format!("{} {}", day.date.format("%a"), spans.join(","))
                })
                .collect::<Vec<_>>()
        };
        // From Friday 2026-11-20 to Thursday: Monday 23 November is a public holiday.
        let week = hours_by_day(
            "Mo-Fr 11:00-14:00,17:00-22:00; Sa 11:00-24:00; Su off; PH off",
            43.06,
            141.35,
            d("2026-11-20"),
            7,
        )
        .unwrap();
        assert_eq!(
            show(&week),
            [
                "Fri 11:00-14:00,17:00-22:00",
                "Sat 11:00-24:00",
                "Sun ",
                "Mon ",
                "Tue 11:00-14:00,17:00-22:00",
                "Wed 11:00-14:00,17:00-22:00",
                "Thu 11:00-14:00,17:00-22:00",
            ]
        );
        let always = hours_by_day("24/7", 43.06, 141.35, d("2026-11-20"), 2).unwrap();
        assert!(always.iter().all(DayHours::all_day));
        let past_midnight = hours_by_day("Fr 20:00-02:00", 43.06, 141.35, d("2026-11-20"), 2).unwrap();
        assert_eq!(show(&past_midnight), ["Fri 20:00-24:00", "Sat 00:00-02:00"]);
        let asked = hours_by_day(
            r#"Mo-Fr 10:00-16:00 unknown "by appointment""#,
            43.06,
            141.35,
            d("2026-11-20"),
            1,
        )
        .unwrap();
        assert_eq!(show(&asked), ["Fri 10:00-16:00?"]);
        assert_eq!(asked[0].spans[0].comment.as_deref(), Some("by appointment"));
        assert!(hours_by_day("whenever", 43.06, 141.35, d("2026-11-20"), 7).is_none());
    }

    #[test]
    fn filters_parse_with_fields_named() {
        let f = PlaceFilter::parse(Some("restaurant, cafe"), Some("certified"), Some("true"), None, None).unwrap();
        assert_eq!(f.categories, [PlaceCategory::Restaurant, PlaceCategory::Cafe]);
        assert_eq!(f.prayer_space, Some(true));
        let errs = PlaceFilter::parse(Some("bar"), Some("halal"), Some("maybe"), Some("x"), Some("noon")).unwrap_err();
        let names: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(names, ["category", "assurance", "prayer_space", "open_now", "at"]);
    }
}
