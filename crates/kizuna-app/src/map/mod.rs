//! The Muslim-friendly map: places as the office keeps them: the index
//! ([`kizuna_geo::index`]) kept in step with the store, searches, staff
//! writes, and GeoJSON (RFC 7946), CSV and OpenStreetMap exchange; the
//! printable booklet ([`booklet`]); prayer times and the qibla ([`prayer`]).
//!
//! The index follows the store's places version: every place write on any
//! server bumps it. The writing server sees its own writes at once; others
//! ask the database at most every [`PLACES_RECHECK`] (one request asks while
//! the rest answer from the index held). An index a few places behind is
//! brought up to date from just the changed places; a full build happens at
//! start and when over a tenth of the places changed.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, NaiveDate, Utc};
use kizuna_domain::common::Id;
use kizuna_domain::common::locality::Locality;
use kizuna_domain::map::place::{
    Assurance, CertificateStatus, EXPIRY_WARNING_DAYS, LatLon, Place, PlaceCategory, PlaceFields, PlaceInput,
    SourceKind,
};
use kizuna_domain::{FieldError, System};
use kizuna_store::places::UpsertCounts;
use serde::Serialize;

use crate::records::{Entity, Ref};
use crate::{App, AppError, Result};
use kizuna_io::RowError;
pub use kizuna_io::places::{FileRead, FileRecord, ObjectNote, PlaceFileFormat, file_columns};

pub mod basemap;
pub mod booklet;
pub mod prayer;
pub mod reports;
pub mod staff;
pub mod visit;

pub use kizuna_geo::geometry::{BBox, MAX_RADIUS_M};
pub use kizuna_geo::hours::{DayHours, HoursSpan, PLACE_TIME_ZONE, check_opening_hours, hours_by_day};
pub use kizuna_geo::index::{Area, MAX_RESULTS, PlaceFilter, PlaceHit, PlaceIndex, SharedPlace, order_first};

/// How long a server trusts its index without asking the database whether
/// another server wrote places. Its own writes are seen at once.
pub const PLACES_RECHECK: chrono::TimeDelta = chrono::TimeDelta::milliseconds(500);

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
    confirmed: DateTime<Utc>,
    /// This store's own place writes as counted before that confirmation.
    local: u64,
}

impl PlaceIndexCache {
    fn slot(&self) -> std::sync::MutexGuard<'_, Option<Cached>> {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The index, if nothing was written here since it was confirmed and
    /// that was less than [`PLACES_RECHECK`] ago.
    fn recent(&self, local: u64, now: DateTime<Utc>) -> Option<Arc<PlaceIndex>> {
        self.slot()
            .as_ref()
            .filter(|c| c.local == local && (now - c.confirmed) < PLACES_RECHECK && c.confirmed <= now)
            .map(|c| c.ix.clone())
    }

    /// The index if it is at `version`, now confirmed.
    fn confirm(&self, version: i64, local: u64, now: DateTime<Utc>) -> Option<Arc<PlaceIndex>> {
        let mut slot = self.slot();
        let c = slot.as_mut().filter(|c| c.ix.version() == version)?;
        c.confirmed = now;
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

    fn put(&self, ix: Arc<PlaceIndex>, local: u64, now: DateTime<Utc>) {
        let mut slot = self.slot();
        // Keep whichever is newer if another request rebuilt meanwhile.
        if slot.as_ref().is_none_or(|old| old.ix.version() <= ix.version()) {
            *slot = Some(Cached {
                ix,
                confirmed: now,
                local,
            });
        }
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
    /// OpenStreetMap objects that are places of the map but could not
    /// become one, each with its tag and reason (an import that is not
    /// strict; a strict one refuses the file instead). Counted in `features`.
    pub left_out: Vec<PlaceImportNote>,
    /// How many objects were left out for each reason (its code).
    pub left_out_by_reason: BTreeMap<String, usize>,
    /// What was changed to make places of objects (a name taken from
    /// `brand`, `https://` added, opening hours kept unread…).
    pub warnings: Vec<PlaceImportNote>,
}

/// An OpenStreetMap object an import left out, or a place it changed, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlaceImportNote {
    /// `node/123`, `way/…` or `relation/…`.
    pub object: String,
    /// The tag concerned.
    pub tag: String,
    /// Its value in the file.
    pub value: String,
    /// A stable code: `no_name`, `no_position`, `name_from_brand`,
    /// `website_https_added`, `opening_hours_unknown`…
    pub code: String,
    pub reason: String,
}

impl From<ObjectNote> for PlaceImportNote {
    fn from(n: ObjectNote) -> Self {
        PlaceImportNote {
            object: n.object,
            tag: n.tag,
            value: n.value,
            code: n.code,
            reason: n.reason,
        }
    }
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
        let local = self.store.local_writes(System::Map);
        if let Some(ix) = cache.recent(local, self.now()) {
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
        let version = self.store.system_version(System::Map).await?;
        if let Some(ix) = cache.confirm(version, local, self.now()) {
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
        let local = self.store.local_writes(System::Map);
        let version = self.store.system_version(System::Map).await?;
        if let Some(ix) = cache.confirm(version, local, self.now()) {
            return Ok(ix);
        }
        // A few places changed: bring the held index up to date from them.
        if let Some(held) = cache.held()
            && held.version() < version
            && let Some(ix) = self.updated_index(&held, version).await?
        {
            let ix = Arc::new(ix);
            cache.put(ix.clone(), local, self.now());
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
        cache.put(ix.clone(), local, self.now());
        Ok(ix)
    }

    /// `held` brought to `version` by the places changed since its own
    /// version; `None` when so many changed that building afresh is quicker.
    async fn updated_index(&self, held: &PlaceIndex, version: i64) -> Result<Option<PlaceIndex>> {
        let limit = (held.len() / 10).max(1000);
        let Some(changes) = self.store.changes_since(System::Map, held.version(), limit).await? else {
            return Ok(None);
        };
        // Each place changed once, as it is now: read in batches, and those
        // no longer there are deleted (whatever the order of their changes).
        let mut ids: Vec<Id> = changes
            .iter()
            .filter(|c| c.entity == <Place as kizuna_store::Record>::ENTITY)
            .map(|c| c.record_id)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let upserts = self.store.get_many::<Place>(&ids).await?;
        let alive: std::collections::HashSet<Id> = upserts.iter().map(|p| p.id).collect();
        let deletes: Vec<Id> = ids.into_iter().filter(|id| !alive.contains(id)).collect();
        Ok(held.updated(version, upserts, &deletes))
    }

    fn now_for(&self, f: &PlaceFilter) -> DateTime<Utc> {
        f.at.unwrap_or_else(|| self.now())
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
        Ok(PlaceHit::of(place, self.today(), self.now()))
    }

    /// Certificates expiring within 30 days, expired ones, and stale places.
    pub async fn places_for_review(&self) -> Result<PlaceReview> {
        let today = self.today();
        let ix = self.place_index().await?;
        let all = ix.all(&PlaceFilter::default(), today, self.now());
        let until = |h: &PlaceHit| {
            h.place
                .fields
                .halal
                .certificate()
                .map(kizuna_domain::map::place::Certificate::valid_until)
        };
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

    /// Write many places at once, keyed by source and source id, after
    /// checking every one; all or nothing. Errors name the place's number
    /// (from 1) as the row.
    pub async fn upsert_places(&self, places: &[PlaceInput]) -> Result<UpsertCounts> {
        let mut errors = Vec::new();
        self.check_places(
            places.iter().enumerate().map(|(i, p)| (i + 1, p, None)),
            true,
            &mut errors,
        )
        .await?;
        if !errors.is_empty() {
            return Err(AppError::ImportRejected(errors));
        }
        Ok(self.store.upsert_places(self.office_id(), places).await?)
    }

    /// Rules beyond one place's fields: opening-hours syntax, localities that
    /// exist, one place per source id. Each place comes with its row and
    /// the label messages name it by besides (`feature id 7`, `node/123`).
    async fn check_places<'a>(
        &self,
        places: impl Iterator<Item = (usize, &'a PlaceInput, Option<String>)>,
        check_hours: bool,
        errors: &mut Vec<RowError>,
    ) -> Result<()> {
        let mut seen: HashMap<(SourceKind, String), usize> = HashMap::new();
        let mut localities: HashMap<Id, bool> = HashMap::new();
        for (row, p, label) in places {
            let tag = label.map(|l| format!(" [{l}]")).unwrap_or_default();
            if check_hours
                && let Some(h) = &p.opening_hours
                && let Err(m) = check_opening_hours(h.as_str())
            {
                let e = hours_error(&m);
                errors.push(RowError::new(
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
                    errors.push(RowError::new(
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
                errors.push(RowError::new(
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
        Ok(kizuna_io::places::write_geojson(&places, &keys)?)
    }

    /// Import a file of places in any of [`PlaceFileFormat`]s: every record
    /// checked first, then all written in one transaction, or none. A place
    /// already recorded under the same source and source id is updated.
    /// OpenStreetMap objects that cannot become places are left out and
    /// reported, and what can be mended is (see
    /// [`import_places_with`](Self::import_places_with)).
    pub async fn import_places(
        &self,
        format: PlaceFileFormat,
        bytes: &[u8],
        dry_run: bool,
    ) -> Result<PlaceImportReport> {
        self.import_places_with(format, bytes, dry_run, false).await
    }

    /// [`import_places`](Self::import_places), or with `strict` any
    /// problem in any object refuses the whole file, nothing mended. Not
    /// strict, an OpenStreetMap file's objects that cannot become places
    /// are left out (`left_out`, by reason), a missing name is taken from
    /// `brand`, `operator` or category and street, `https://` is added to a
    /// website without a scheme, and opening hours that cannot be read are
    /// kept as text (open "unknown"), each with a warning. The file is read
    /// on the blocking pool.
    pub async fn import_places_with(
        &self,
        format: PlaceFileFormat,
        bytes: &[u8],
        dry_run: bool,
        strict: bool,
    ) -> Result<PlaceImportReport> {
        let owned = bytes.to_vec();
        let read = tokio::task::spawn_blocking(move || {
            if strict {
                kizuna_io::places::read(format, &owned)
            } else {
                kizuna_io::places::read_lenient(format, &owned)
            }
        })
        .await;
        let file = match read {
            Ok(file) => file?,
            // Cancelled only when the runtime is shutting down.
            Err(e) => match e.try_into_panic() {
                Ok(panic) => std::panic::resume_unwind(panic),
                Err(e) => panic!("reading a places file was cancelled: {e}"),
            },
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
            left_out,
            warnings,
            lenient,
        } = file;
        let mut warnings: Vec<PlaceImportNote> = warnings.into_iter().map(Into::into).collect();
        if lenient {
            // Opening hours that cannot be read are kept, open "unknown".
            for r in &records {
                if let Some(h) = &r.input.opening_hours
                    && let Err(m) = check_opening_hours(h.as_str())
                {
                    warnings.push(PlaceImportNote {
                        object: r.label.clone().unwrap_or_else(|| r.row.to_string()),
                        tag: "opening_hours".into(),
                        value: h.to_string(),
                        code: "opening_hours_unknown".into(),
                        reason: format!(
                            "opening hours kept as text, open or closed unknown: {}",
                            hours_error(&m).message
                        ),
                    });
                }
            }
        }
        let mut left_out_by_reason: BTreeMap<String, usize> = BTreeMap::new();
        for n in &left_out {
            *left_out_by_reason.entry(n.code.clone()).or_default() += 1;
        }
        let left_out: Vec<PlaceImportNote> = left_out.into_iter().map(Into::into).collect();
        let mut by_key: Option<HashMap<String, Id>> = None;
        for r in &mut records {
            let Some(key) = r.locality.take() else { continue };
            if by_key.is_none() {
                by_key = Some(self.locality_keys().await?.into_iter().map(|(id, k)| (k, id)).collect());
            }
            let tag = r.label.as_ref().map(|l| format!(" [{l}]")).unwrap_or_default();
            match by_key.as_ref().and_then(|m| m.get(&key)) {
                Some(id) if r.input.locality_id.is_none_or(|l| l == *id) => r.input.locality_id = Some(*id),
                Some(id) => errors.push(RowError::new(
                    r.row,
                    "locality",
                    &key,
                    "conflicting",
                    format!(
                        "locality {key} is record {id}, but locality_id says {}{tag}",
                        r.input.locality_id.unwrap_or(0)
                    ),
                )),
                None => errors.push(RowError::new(
                    r.row,
                    "locality",
                    &key,
                    "not_found",
                    format!("no locality has the key {key}{tag}"),
                )),
            }
        }
        self.check_places(
            records.iter().map(|r| (r.row, &r.input, r.label.clone())),
            !lenient,
            &mut errors,
        )
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
            let c = self.store.upsert_places(self.office_id(), &places).await?;
            (c.inserted, c.updated)
        };
        Ok(PlaceImportReport {
            features: read,
            skipped,
            inserted,
            updated,
            dry_run,
            left_out,
            left_out_by_reason,
            warnings,
        })
    }

    /// The places as CSV: `id` and then the file columns; text that a
    /// spreadsheet would take for a formula is prefixed with `'`.
    pub async fn export_places_csv(&self) -> Result<Vec<u8>> {
        let places = self.store.all_places().await?;
        let keys = self.locality_keys().await?;
        Ok(kizuna_io::places::write_csv(&places, &keys)?)
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

/// The set of categories, for help texts.
pub fn category_names() -> Vec<&'static str> {
    PlaceCategory::ALL.iter().map(|c| c.as_str()).collect()
}

/// The set of assurance levels, for help texts.
pub fn assurance_names() -> Vec<&'static str> {
    Assurance::ALL.iter().map(|c| c.as_str()).collect()
}
