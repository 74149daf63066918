//! Places of the Muslim-friendly map: where to eat and where to pray.
//!
//! A [`PlaceInput`] cannot hold an invalid place: it has at least one name,
//! a position on WGS 84 within range, and a halal assurance that never
//! blurs — a place is *certified* only with its certifier, certificate
//! number and validity, and the other levels carry no certificate at all.
//! Data from OpenStreetMap always keeps its ODbL attribution.
//!
//! Places cross every boundary (the API, GeoJSON properties, the store's
//! columns, CSV) in one flat form, [`PlaceFields`], whose
//! [`PlaceFields::validate`] names every bad field at once.
//!
//! Distances are great-circle distances on a sphere of the Earth's mean
//! radius ([`EARTH_MEAN_RADIUS_M`], 6,371,008.8 m, the IUGG mean radius R₁)
//! by the haversine formula. Against the WGS 84 ellipsoid the error is at
//! most about 0.5 % (typically under 0.3 % at Hokkaido's latitudes), i.e.
//! a few metres on the distances a visitor walks.

use crate::string_enum;

// Split by concern; every public item is re-exported below, so its path
// is `map::place::…` whichever file it lives in.
mod checked; // trimmed, non-empty strings checked for their shape
mod flat; // the flat form, `PlaceFields`, and conversions to and from it
mod halal; // halal assurance, certificates, prayer facilities
mod names; // a place's names by language
mod position; // `LatLon` and great-circle distances
mod record; // `Place` and `PlaceInput`: rules over time, serialization
mod source; // where a record came from: `SourceKind`, `PlaceSource`
mod validate; // `PlaceFields::validate`: every field and the rules across them
mod visitor; // the Friday prayer, ways to pay, price range

#[cfg(test)]
mod tests;

pub use checked::{OpeningHoursText, Phone, SourceId, Website};
pub use flat::{InvalidPlace, PlaceFields};
pub use halal::{Assurance, Certificate, CertificateStatus, Halal, PrayerFacilities};
pub use names::{NAME_LANGUAGES, PlaceNames};
pub use position::{LatLon, haversine_m};
#[cfg(feature = "openapi")]
pub use record::PlaceSchema;
pub use record::{Place, PlaceInput};
pub use source::{PlaceSource, SourceKind};
pub use visitor::{JUMUAH_EARLIEST, JUMUAH_LATEST, Jumuah, PaymentMethod, Payments, PriceRange, jumuah_time};

/// The Earth's mean radius R₁ = (2a + b) / 3 of WGS 84, in metres.
pub const EARTH_MEAN_RADIUS_M: f64 = 6_371_008.8;
/// A place not verified for this many months is flagged stale.
pub const STALE_AFTER_MONTHS: u32 = 12;

/// Whether a place last verified on `last_verified` (`None`: never) is
/// stale on `today`: not verified for [`STALE_AFTER_MONTHS`] months.
pub fn stale_on(last_verified: Option<chrono::NaiveDate>, today: chrono::NaiveDate) -> bool {
    match last_verified {
        None => true,
        Some(d) => d
            .checked_add_months(chrono::Months::new(STALE_AFTER_MONTHS))
            .is_none_or(|due| today >= due),
    }
}
/// Certificates expiring within this many days are listed for staff.
pub const EXPIRY_WARNING_DAYS: u32 = 30;
/// The attribution OpenStreetMap's licence (ODbL 1.0) requires.
pub const OSM_ATTRIBUTION: &str = "© OpenStreetMap contributors, ODbL 1.0 (https://www.openstreetmap.org/copyright)";
/// The longest `opening_hours` text accepted (OpenStreetMap's tag limit).
pub const OPENING_HOURS_MAX_CHARS: usize = 255;

string_enum! {
    /// What a place is.
    PlaceCategory {
        Restaurant = "restaurant",
        Cafe = "cafe",
        Grocery = "grocery",
        /// A shop selling halal food (a halal butcher, a halal grocery).
        HalalShop = "halal_shop",
        Hotel = "hotel",
        Mosque = "mosque",
        PrayerRoom = "prayer_room",
        Other = "other",
    }
}
