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

use chrono::{DateTime, NaiveDate, Utc};
use kizuna_domain::FieldError;
use kizuna_domain::common::Id;
use kizuna_domain::map::place::{
    Assurance, CertificateStatus, EXPIRY_WARNING_DAYS, LatLon, Place, PlaceCategory, PlaceFields, PlaceInput,
    SourceKind,
};
use serde::Serialize;

use crate::records::{Entity, Ref};
use crate::{App, AppError, Result};
pub use kizuna_io::places::{FileRead, FileRecord, ObjectNote, PlaceFileFormat, file_columns};

pub mod basemap;
pub mod booklet;
mod index_cache;
pub mod prayer;
pub mod reports;
pub mod staff;
mod transfer;
pub mod visit;

pub use index_cache::{PLACES_RECHECK, PlaceIndexCache};
pub use transfer::{PlaceImportNote, PlaceImportReport};

pub use kizuna_geo::geometry::{BBox, MAX_RADIUS_M};
pub use kizuna_geo::hours::{DayHours, HoursSpan, PLACE_TIME_ZONE, check_opening_hours, hours_by_day};
pub use kizuna_geo::index::{Area, MAX_RESULTS, PlaceFilter, PlaceHit, PlaceIndex, SharedPlace, order_first};

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

impl App {
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
}

/// The set of categories, for help texts.
pub fn category_names() -> Vec<&'static str> {
    PlaceCategory::ALL.iter().map(|c| c.as_str()).collect()
}

/// The set of assurance levels, for help texts.
pub fn assurance_names() -> Vec<&'static str> {
    Assurance::ALL.iter().map(|c| c.as_str()).collect()
}
