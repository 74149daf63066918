//! The Muslim-friendly map: places as the office keeps them: the index
//! ([`kizuna_geo::index`]) kept in step with the store, searches, staff
//! writes, and GeoJSON (RFC 7946), CSV and OpenStreetMap exchange; the
//! printable booklet ([`booklet`]); prayer times and the qibla ([`prayer`]).
//!
//! The index follows the store's places version: every place write on any
//! server bumps it. The writing server sees its own writes at once; others
//! ask the database at most every [`PLACES_RECHECK`] (one request asks while
//! the rest answer from the index held). An index a few places behind is
//! brought up to date from just the changed places, read in batches; a full
//! build happens at start (in the background: searches meanwhile read the
//! store) and when over a tenth of the places changed. The index keeps only
//! what searches decide by, and where the version of each place it holds
//! is kept on disk ([`records_file`]); the places found are answered from
//! memory ([`details`]), else that file, else the store.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use kizuna_domain::FieldError;
use kizuna_domain::common::Id;
use kizuna_domain::map::place::{
    Assurance, EXPIRY_WARNING_DAYS, LatLon, Place, PlaceCategory, PlaceFields, PlaceInput, SourceKind, haversine_m,
};
use serde::Serialize;

use crate::records::{Entity, Ref};
use crate::{App, AppError, Result};
pub use kizuna_io::places::{FileRead, FileRecord, ObjectNote, PlaceFileFormat, file_columns};

pub mod basemap;
pub mod booklet;
pub mod details;
pub mod import_jobs;
mod index_cache;
pub mod prayer;
pub mod records_file;
pub mod reports;
pub mod staff;
mod transfer;
pub mod visit;

pub use index_cache::{PLACES_RECHECK, PlaceIndexCache, PlaceReads};
pub use transfer::{ImportProgress, MAX_NOTES, MAX_PROBLEMS, PlaceFile, PlaceImportNote, PlaceImportReport};

pub use kizuna_geo::geometry::{BBox, MAX_RADIUS_M};
pub use kizuna_geo::hours::{DayHours, HoursSpan, PLACE_TIME_ZONE, check_opening_hours, hours_by_day};
pub use kizuna_geo::index::{
    Area, HoursShelf, MAX_RESULTS, PlaceFilter, PlaceHit, PlaceIndex, PointFacts, SharedPlace, order_first, scan,
    sort_by_distance,
};

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

pub(super) fn hours_error(message: &str) -> FieldError {
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

/// Ids a search found in an index: the index's version and, for each id,
/// what that index holds of the place ([`PointFacts`]: where its version
/// is kept on disk, and what a result says of it).
struct FromIndex {
    version: i64,
    facts: Vec<Option<PointFacts>>,
}

impl FromIndex {
    fn of(ix: &PlaceIndex, ids: &[Id], today: NaiveDate, now: DateTime<Utc>) -> Self {
        FromIndex {
            version: ix.version(),
            facts: ix.facts(ids, today, now),
        }
    }
}

/// A place a search found, as it was read.
enum Found {
    /// Whole, from memory or the store.
    Whole(SharedPlace),
    /// From the index's record of it: its name, the place read from its
    /// JSON only if looked at, and what the index holds of it.
    Record(records_file::Record, PointFacts),
}

impl App {
    fn now_for(&self, f: &PlaceFilter) -> DateTime<Utc> {
        f.at.unwrap_or_else(|| self.now())
    }

    /// The places with these ids as search results, in the order of `ids`
    /// (any deleted since the index saw them left out), with distances
    /// from `from`. `index`: the ids come from an index, so the places
    /// kept in step with it ([`details::PlaceDetails`]) and its records on
    /// disk may answer (a record's result made from what the index holds,
    /// the place itself not read); the others are read from the store (and
    /// kept in memory, for a page of results).
    async fn hits_for(
        &self,
        ids: &[Id],
        from: Option<(f64, f64)>,
        now: DateTime<Utc>,
        index: Option<FromIndex>,
    ) -> Result<Vec<PlaceHit>> {
        let index = index.filter(|_| ids.len() <= MAX_RESULTS);
        let places = self.found_places(ids, index.as_ref()).await?;
        let (today, shelf) = (self.today(), self.place_index.shelf());
        Ok(places
            .into_iter()
            .map(|p| match p {
                Found::Whole(p) => PlaceHit::shared(p, shelf, from, today, now),
                Found::Record(r, facts) => PlaceHit::from_facts(r.place, r.name, &facts, from),
            })
            .collect())
    }

    /// The places with these ids, in their order: from the places kept in
    /// memory and on disk when they come from an index, else the store.
    async fn found_places(&self, ids: &[Id], index: Option<&FromIndex>) -> Result<Vec<Found>> {
        let cached = index.is_some();
        let details = self.place_index.details();
        // Taken before anything is read: places read after a change was
        // dropped from the cache are not kept by it.
        let epoch = details.epoch();
        let mut found: Vec<Option<Found>> = if cached {
            details.get_many(ids).into_iter().map(|p| p.map(Found::Whole)).collect()
        } else {
            ids.iter().map(|_| None).collect()
        };
        let in_memory = found.iter().filter(|f| f.is_some()).count();
        // The records of the version the index holds: never older than
        // what it found, never newer. Not put in memory: the index that
        // found them may be older than the one held now.
        let mut on_disk = 0;
        if let Some(index) = index
            && found.iter().any(Option::is_none)
            && let Some(records) = self.place_index.disk().records_for(index.version)
        {
            // The places not in memory, read from the file together.
            let wanted: Vec<(usize, Id, PointFacts)> = ids
                .iter()
                .zip(&index.facts)
                .zip(&found)
                .enumerate()
                .filter_map(|(i, ((id, facts), slot))| match (slot, facts) {
                    (None, Some(f)) if f.kept != 0 => Some((i, *id, *f)),
                    _ => None,
                })
                .collect();
            let keys: Vec<(Id, u64)> = wanted.iter().map(|(_, id, f)| (*id, f.kept)).collect();
            for ((i, _, facts), record) in wanted.into_iter().zip(records.read_many(&keys)) {
                if let Some(r) = record {
                    found[i] = Some(Found::Record(r, facts));
                    on_disk += 1;
                }
            }
        }
        let missing: Vec<Id> = ids
            .iter()
            .zip(&found)
            .filter(|(_, f)| f.is_none())
            .map(|(id, _)| *id)
            .collect();
        self.place_index.disk().count(in_memory, on_disk, missing.len());
        if !missing.is_empty() {
            let read: Vec<SharedPlace> = self
                .store
                .places_by_ids(&missing)
                .await?
                .into_iter()
                .map(SharedPlace::new)
                .collect();
            if cached {
                details.put(epoch, &read);
            }
            let mut by_id: HashMap<Id, SharedPlace> = read.into_iter().map(|p| (p.id, p)).collect();
            for (id, slot) in ids.iter().zip(found.iter_mut()) {
                if slot.is_none() {
                    *slot = by_id.remove(id).map(Found::Whole);
                }
            }
        }
        Ok(found.into_iter().flatten().collect())
    }

    /// The places of the store within `metres` of `at` (and a few beyond):
    /// for searches answered while the index loads.
    async fn stored_places_near(&self, at: LatLon, metres: f64) -> Result<Vec<Place>> {
        // Widened a little: the box must hold every place within `metres`.
        let (south, north, lon) = scan::circle_box(at, metres * 1.001 + 1.0);
        Ok(self.store.places_in_box(south, north, lon).await?)
    }

    /// The places of the store an area may hold.
    async fn stored_places_in(&self, area: &Area) -> Result<Vec<Place>> {
        match *area {
            Area::All => Ok(self.store.all_places().await?),
            Area::Radius { at, metres } => self.stored_places_near(at, metres).await,
            Area::Box(b) => Ok(self
                .store
                .places_in_box(b.south, b.north, Some((b.west, b.east)))
                .await?),
        }
    }

    /// The ids of the places in an area matching `filter`, in the index's
    /// order, read from the store (while the index loads).
    async fn stored_area_ids(&self, area: &Area, filter: &PlaceFilter, now: DateTime<Utc>) -> Result<Vec<Id>> {
        let places = self.stored_places_in(area).await?;
        Ok(scan::area(
            &places,
            area,
            filter,
            self.place_index.shelf(),
            self.today(),
            now,
        ))
    }

    /// The `k` nearest places matching `filter` read from the store (while
    /// the index loads): places within a radius that grows until it holds
    /// `k` of them or the whole Earth, so the answer is the index's.
    async fn stored_nearest_ids(
        &self,
        at: LatLon,
        k: usize,
        filter: &PlaceFilter,
        now: DateTime<Utc>,
    ) -> Result<Vec<(Id, f64)>> {
        let mut metres: f64 = 1_000.0;
        loop {
            let reach = metres.min(MAX_RADIUS_M);
            let places = self.stored_places_near(at, reach).await?;
            let within = places.iter().filter(|p| {
                let pos = p.fields.position;
                reach >= MAX_RADIUS_M || haversine_m(at.lat(), at.lon(), pos.lat(), pos.lon()) <= reach
            });
            let found = scan::nearest(within, at, k, filter, self.place_index.shelf(), self.today(), now);
            if found.len() >= k || reach >= MAX_RADIUS_M {
                return Ok(found);
            }
            metres *= 8.0;
        }
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
        let now = self.now_for(filter);
        let (ids, index) = match self.ready_place_index().await? {
            Some(ix) => {
                let (ids, facts): (Vec<Id>, Vec<PointFacts>) =
                    ix.nearest_facts(at, k, filter, self.today(), now).into_iter().unzip();
                let version = ix.version();
                let facts = facts.into_iter().map(Some).collect();
                (ids, Some(FromIndex { version, facts }))
            }
            None => {
                let found = self.stored_nearest_ids(at, k, filter, now).await?;
                (found.iter().map(|f| f.0).collect(), None)
            }
        };
        let mut hits = self.hits_for(&ids, Some((lat, lon)), now, index).await?;
        sort_by_distance(&mut hits);
        Ok(hits)
    }

    /// The ids of every place in an area matching `filter`, from the index
    /// or, while it loads, the store; and whether from the index.
    async fn area_ids(&self, area: &Area, filter: &PlaceFilter, now: DateTime<Utc>) -> Result<(Vec<Id>, bool)> {
        let (ids, ix) = self.area_ids_of(area, filter, now).await?;
        Ok((ids, ix.is_some()))
    }

    /// [`App::area_ids`], with the index that found them.
    async fn area_ids_of(
        &self,
        area: &Area,
        filter: &PlaceFilter,
        now: DateTime<Utc>,
    ) -> Result<(Vec<Id>, Option<std::sync::Arc<PlaceIndex>>)> {
        match self.ready_place_index().await? {
            Some(ix) => Ok((ix.area_ids(area, filter, self.today(), now), Some(ix))),
            None => Ok((self.stored_area_ids(area, filter, now).await?, None)),
        }
    }

    /// Search results for ids an area search found.
    async fn area_hits(&self, area: &Area, filter: &PlaceFilter, now: DateTime<Utc>) -> Result<Vec<PlaceHit>> {
        let (ids, ix) = self.area_ids_of(area, filter, now).await?;
        let index = ix
            .filter(|_| ids.len() <= MAX_RESULTS)
            .map(|ix| FromIndex::of(&ix, &ids, self.today(), now));
        self.hits_for(&ids, area.centre(), now, index).await
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
        let area = Area::Radius { at, metres };
        let now = self.now_for(filter);
        self.area_hits(&area, filter, now).await
    }

    /// Places inside a box (which may cross the antimeridian), nearest its centre first.
    pub async fn places_within_bbox(&self, bbox: BBox, filter: &PlaceFilter) -> Result<Vec<PlaceHit>> {
        let area = Area::Box(bbox);
        let now = self.now_for(filter);
        self.area_hits(&area, filter, now).await
    }

    /// One page of the places in an area matching `filter`, and how many
    /// match in all; only the page's places are read, so a page of a
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
        let now = self.now_for(filter);
        let (total, ids, index) = match self.ready_place_index().await? {
            Some(ix) => {
                let (total, ids) = ix.page_ids(&area, filter, self.today(), now, offset, limit);
                let index = (ids.len() <= MAX_RESULTS).then(|| FromIndex::of(&ix, &ids, self.today(), now));
                (total, ids, index)
            }
            None => {
                let all = self.stored_area_ids(&area, filter, now).await?;
                let end = offset.saturating_add(limit).min(all.len());
                (all.len(), all[offset.min(end)..end].to_vec(), None)
            }
        };
        Ok((total, self.hits_for(&ids, area.centre(), now, index).await?))
    }

    /// Every place matching `filter`, by id.
    pub async fn all_places(&self, filter: &PlaceFilter) -> Result<Vec<PlaceHit>> {
        let now = self.now_for(filter);
        self.area_hits(&Area::All, filter, now).await
    }

    /// One place as a search would show it.
    pub async fn place(&self, id: Id) -> Result<PlaceHit> {
        let place = self.store.get::<Place>(id).await?;
        Ok(PlaceHit::at(
            place,
            self.place_index.shelf(),
            None,
            self.today(),
            self.now(),
        ))
    }

    /// Certificates expiring within 30 days, expired ones, and stale places.
    pub async fn places_for_review(&self) -> Result<PlaceReview> {
        let today = self.today();
        let now = self.now();
        let ix = self.place_index().await?;
        let (expiring, expired, stale) = ix.review_ids(today, EXPIRY_WARNING_DAYS);
        let of = |ids: &[Id]| (ids.len() <= MAX_RESULTS).then(|| FromIndex::of(&ix, ids, today, now));
        Ok(PlaceReview {
            expiring: self.hits_for(&expiring, None, now, of(&expiring)).await?,
            expired: self.hits_for(&expired, None, now, of(&expired)).await?,
            stale: self.hits_for(&stale, None, now, of(&stale)).await?,
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

    /// Replace a place's fields as they were at `version`; without a
    /// source it keeps its own.
    pub async fn update_place(&self, id: Id, version: i64, mut fields: PlaceFields) -> Result<Place> {
        let old = self.store.get::<Place>(id).await?;
        if fields.source.as_deref().is_none_or(|s| s.trim().is_empty()) {
            fields.source = Some(old.fields.source.kind().to_string());
            if fields.source_id.as_deref().is_none_or(|s| s.trim().is_empty()) {
                fields.source_id = Some(old.fields.source.id().to_string());
            }
        }
        let input = fields.validate().map_err(AppError::Invalid)?;
        self.update::<Place>(id, version, &input).await
    }

    pub async fn delete_place(&self, id: Id) -> Result<()> {
        self.delete::<Place>(id).await
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
