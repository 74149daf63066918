//! Places: a stored [`Place`] and a [`PlaceInput`] (a place as written),
//! and the rules on a place over time. Both serialize as the flat form
//! (see `flat.rs`), a stored place with its id and version first.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::common::{Id, LocalText, Text};
use crate::fields::Fields;

use super::{
    CertificateStatus, Halal, Jumuah, LatLon, OpeningHoursText, Payments, Phone, PlaceCategory, PlaceFields,
    PlaceNames, PlaceSource, PrayerFacilities, PriceRange, Website,
};

/// A stored place. It serializes as its id followed by the flat fields.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Place {
    pub id: Id,
    /// Bumped by every change: an update names the version it was made from
    /// and is refused when the place changed since.
    pub version: i64,
    /// The office that keeps the place.
    pub office_id: Id,
    #[serde(flatten)]
    pub fields: PlaceInput,
}

impl Serialize for Place {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(3 + PlaceFields::columns().len()))?;
        self.serialize_entries(&mut map)?;
        map.end()
    }
}

impl Place {
    /// Write `id` and every flat field into a map being serialized, for
    /// types that show a place with more beside it.
    pub fn serialize_entries<M: serde::ser::SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        map.serialize_entry("id", &self.id)?;
        map.serialize_entry("version", &self.version)?;
        map.serialize_entry("office_id", &self.office_id)?;
        self.fields.serialize_entries(map)
    }
}

impl Place {
    /// A place of the default office at its first version, as an index
    /// built outside a store (benchmarks, tests) holds it.
    pub fn new(id: Id, fields: PlaceInput) -> Self {
        Place {
            id,
            version: 1,
            office_id: crate::common::DEFAULT_OFFICE,
            fields,
        }
    }

    /// The name to show (see [`PlaceNames::best`]).
    pub fn name(&self, prefer: &[&str]) -> &str {
        self.fields.names.best(prefer).as_str()
    }
}

/// A stored place as JSON has it, for the OpenAPI document: `id`,
/// `version` and `office_id`, then the flat fields.
#[cfg(feature = "openapi")]
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = Place)]
pub struct PlaceSchema {
    pub id: Id,
    pub version: i64,
    pub office_id: Id,
    #[serde(flatten)]
    pub fields: PlaceFields,
}

/// A place as written: every field valid, every rule across fields kept.
/// It reads from and serializes as its flat form, [`PlaceFields`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(try_from = "PlaceFields")]
pub struct PlaceInput {
    pub names: PlaceNames,
    pub category: PlaceCategory,
    /// The chain a branch belongs to (branches of one chain differ), in
    /// Kizuna's languages.
    pub chain: Option<LocalText>,
    /// Which branch of its chain the place is, in Kizuna's languages.
    pub branch: Option<LocalText>,
    pub address: Option<Text>,
    pub phone: Option<Phone>,
    pub website: Option<Website>,
    pub locality_id: Option<Id>,
    pub position: LatLon,
    pub halal: Halal,
    /// Whether alcohol is served; `None` when not known.
    pub alcohol_served: Option<bool>,
    pub prayer: PrayerFacilities,
    /// The Friday prayer, at mosques and prayer rooms where it is known.
    pub jumuah: Option<Jumuah>,
    /// The ways to pay the place is known to take (empty: not known).
    pub payment: Payments,
    /// How dear the place is; `None` when not known.
    pub price_range: Option<PriceRange>,
    pub opening_hours: Option<OpeningHoursText>,
    pub source: PlaceSource,
    /// Licence attribution; OpenStreetMap data always carries ODbL's.
    pub attribution: Option<Text>,
    pub last_verified: Option<NaiveDate>,
    /// What a visitor should know, in Kizuna's languages.
    pub description: Option<LocalText>,
}

impl PlaceInput {
    /// Not verified for [`super::STALE_AFTER_MONTHS`] months (or never).
    pub fn is_stale(&self, today: NaiveDate) -> bool {
        super::stale_on(self.last_verified, today)
    }

    /// A certificate still valid today that ends within `days` days.
    pub fn certificate_expires_within(&self, today: NaiveDate, days: u32) -> bool {
        self.halal
            .certificate()
            .is_some_and(|c| c.valid_until >= today && (c.valid_until - today).num_days() <= i64::from(days))
    }

    /// The certificate's standing today, for certified places.
    pub fn certificate_status(&self, today: NaiveDate) -> Option<CertificateStatus> {
        self.halal.certificate().map(|c| c.status(today))
    }

    /// Certified, with a certificate valid today.
    pub fn certified_on(&self, today: NaiveDate) -> bool {
        matches!(
            self.certificate_status(today),
            Some(CertificateStatus::Valid | CertificateStatus::Expiring)
        )
    }
}
