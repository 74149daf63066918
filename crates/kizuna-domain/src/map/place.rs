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

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::common::error::{Errors, FieldError, Invalid};
use crate::common::{Id, LocalText, Text};
use crate::fields::Fields;
use crate::string_enum;

/// The Earth's mean radius R₁ = (2a + b) / 3 of WGS 84, in metres.
pub const EARTH_MEAN_RADIUS_M: f64 = 6_371_008.8;
/// A place not verified for this many months is flagged stale.
pub const STALE_AFTER_MONTHS: u32 = 12;
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
        Hotel = "hotel",
        Mosque = "mosque",
        PrayerRoom = "prayer_room",
        Other = "other",
    }
}

string_enum! {
    /// How far a place's food can be trusted to be halal, strongest first.
    Assurance {
        /// Certified by a halal certifying body (certificate on record).
        Certified = "certified",
        /// The place itself says it is Muslim-friendly; nobody checked.
        SelfDeclared = "self_declared",
        /// No pork served (alcohol may be).
        PorkFree = "pork_free",
        /// Vegetarian dishes available.
        VegetarianOptions = "vegetarian_options",
        Unknown = "unknown",
    }
}

string_enum! {
    /// Where a place's record came from.
    SourceKind {
        /// Entered by staff.
        Staff = "staff",
        /// An import file (GeoJSON, CSV).
        Import = "import",
        /// OpenStreetMap (`source_id` is `node/…`, `way/…` or `relation/…`).
        Openstreetmap = "openstreetmap",
        /// The demo dataset.
        Demo = "demo",
    }
}

// ---------------------------------------------------------------------------
// Position and distance
// ---------------------------------------------------------------------------

/// A WGS 84 position, held to 1e-7 degree (about 1 cm, OpenStreetMap's
/// precision) so that it is stored and exchanged without drift.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LatLon {
    lat_e7: i32,
    lon_e7: i32,
}

impl LatLon {
    /// Latitude −90..90 and longitude −180..180 degrees.
    pub fn new(lat: f64, lon: f64) -> Result<Self, Vec<FieldError>> {
        let mut e = Errors::default();
        let la = e.take("lat", Self::coordinate(lat, 90.0));
        let lo = e.take("lon", Self::coordinate(lon, 180.0));
        e.finish(|| LatLon {
            lat_e7: la.unwrap_or(0),
            lon_e7: lo.unwrap_or(0),
        })
    }

    fn coordinate(v: f64, limit: f64) -> Result<i32, Invalid> {
        if !v.is_finite() || v.abs() > limit {
            return Err(Invalid::new(
                "out_of_range",
                format!("{v} is not a number from -{limit} to {limit} degrees"),
            ));
        }
        // In range, so the cast cannot overflow (|v| ≤ 1.8e9 < 2^31).
        #[allow(clippy::cast_possible_truncation)]
        Ok((v * 1e7).round() as i32)
    }

    /// From fixed-point 1e-7 degrees, as stored.
    pub fn from_e7(lat_e7: i64, lon_e7: i64) -> Result<Self, Vec<FieldError>> {
        let mut e = Errors::default();
        let la = e.take(
            "lat",
            i32::try_from(lat_e7)
                .ok()
                .filter(|v| v.abs() <= 900_000_000)
                .ok_or_else(|| Invalid::new("out_of_range", format!("{lat_e7} is outside -90..90 degrees"))),
        );
        let lo = e.take(
            "lon",
            i32::try_from(lon_e7)
                .ok()
                .filter(|v| v.abs() <= 1_800_000_000)
                .ok_or_else(|| Invalid::new("out_of_range", format!("{lon_e7} is outside -180..180 degrees"))),
        );
        e.finish(|| LatLon {
            lat_e7: la.unwrap_or(0),
            lon_e7: lo.unwrap_or(0),
        })
    }

    pub fn lat(self) -> f64 {
        f64::from(self.lat_e7) / 1e7
    }
    pub fn lon(self) -> f64 {
        f64::from(self.lon_e7) / 1e7
    }
    pub fn lat_e7(self) -> i64 {
        i64::from(self.lat_e7)
    }
    pub fn lon_e7(self) -> i64 {
        i64::from(self.lon_e7)
    }

    /// Great-circle distance in metres (see [`haversine_m`]).
    pub fn distance_m(self, other: LatLon) -> f64 {
        haversine_m(self.lat(), self.lon(), other.lat(), other.lon())
    }
}

/// Great-circle distance in metres between two positions given in degrees,
/// by the haversine formula on a sphere of radius [`EARTH_MEAN_RADIUS_M`]
/// (spherical Earth; see the module documentation for the error bound).
pub fn haversine_m(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_MEAN_RADIUS_M * h.sqrt().min(1.0).asin()
}

// ---------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------

/// The languages a place's name may be given in.
pub const NAME_LANGUAGES: [&str; 6] = ["ja", "en", "th", "ms", "ar", "id"];

/// A place's names by language (ja, en, th, ms, ar, id); at least one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PlaceNames([Option<Text>; 6]);

impl PlaceNames {
    /// Names in the order of [`NAME_LANGUAGES`].
    pub fn new(names: [Option<Text>; 6]) -> Result<Self, Invalid> {
        if names.iter().all(Option::is_none) {
            return Err(Invalid::new(
                "required",
                "a place needs a name in at least one of ja, en, th, ms, ar, id",
            ));
        }
        Ok(PlaceNames(names))
    }

    /// The name in a language (`"ja"`, `"en"`, …), if given.
    pub fn get(&self, lang: &str) -> Option<&Text> {
        let i = NAME_LANGUAGES.iter().position(|l| *l == lang)?;
        self.0[i].as_ref()
    }

    /// The name to show: the first of `prefer` that is given, else English,
    /// Japanese, Malay, Indonesian, Thai, Arabic in that order.
    pub fn best(&self, prefer: &[&str]) -> &Text {
        for lang in prefer.iter().chain(["en", "ja", "ms", "id", "th", "ar"].iter()) {
            if let Some(n) = self.get(lang) {
                return n;
            }
        }
        // `new` guarantees one name.
        self.0
            .iter()
            .flatten()
            .next()
            .unwrap_or_else(|| unreachable!("a place has a name"))
    }

    /// `(language, name)` for every name given.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &Text)> {
        NAME_LANGUAGES
            .iter()
            .zip(self.0.iter())
            .filter_map(|(l, n)| n.as_ref().map(|n| (*l, n)))
    }
}

// ---------------------------------------------------------------------------
// Halal assurance
// ---------------------------------------------------------------------------

/// A halal certificate: who issued it, its number, and when it is valid.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Certificate {
    certifier: Text,
    number: Text,
    valid_from: NaiveDate,
    valid_until: NaiveDate,
}

impl Certificate {
    pub fn new(
        certifier: Text,
        number: Text,
        valid_from: NaiveDate,
        valid_until: NaiveDate,
    ) -> Result<Self, FieldError> {
        if valid_until < valid_from {
            return Err(FieldError::new(
                "certificate_valid_until",
                "before_start",
                format!("the certificate cannot end ({valid_until}) before it starts ({valid_from})"),
            ));
        }
        Ok(Certificate {
            certifier,
            number,
            valid_from,
            valid_until,
        })
    }
    pub fn certifier(&self) -> &Text {
        &self.certifier
    }
    pub fn number(&self) -> &Text {
        &self.number
    }
    pub fn valid_from(&self) -> NaiveDate {
        self.valid_from
    }
    pub fn valid_until(&self) -> NaiveDate {
        self.valid_until
    }

    /// Where the certificate stands on a day.
    pub fn status(&self, today: NaiveDate) -> CertificateStatus {
        if today < self.valid_from {
            CertificateStatus::NotYetValid
        } else if today > self.valid_until {
            CertificateStatus::Expired
        } else if (self.valid_until - today).num_days() <= i64::from(EXPIRY_WARNING_DAYS) {
            CertificateStatus::Expiring
        } else {
            CertificateStatus::Valid
        }
    }
}

string_enum! {
    /// A certificate's standing on a given day.
    CertificateStatus {
        Valid = "valid",
        /// Valid, but ends within [`EXPIRY_WARNING_DAYS`].
        Expiring = "expiring",
        Expired = "expired",
        NotYetValid = "not_yet_valid",
    }
}

/// A place's halal assurance. Only `Certified` carries a certificate.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Halal {
    Certified(Certificate),
    SelfDeclared,
    PorkFree,
    VegetarianOptions,
    Unknown,
}

impl Halal {
    pub fn level(&self) -> Assurance {
        match self {
            Halal::Certified(_) => Assurance::Certified,
            Halal::SelfDeclared => Assurance::SelfDeclared,
            Halal::PorkFree => Assurance::PorkFree,
            Halal::VegetarianOptions => Assurance::VegetarianOptions,
            Halal::Unknown => Assurance::Unknown,
        }
    }
    pub fn certificate(&self) -> Option<&Certificate> {
        match self {
            Halal::Certified(c) => Some(c),
            _ => None,
        }
    }
}

/// Prayer facilities at a place (false: not known to be there).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct PrayerFacilities {
    /// Somewhere to pray.
    pub prayer_space: bool,
    /// Somewhere to make ablutions.
    pub wudu: bool,
    /// A separate space for women.
    pub women_space: bool,
    /// The qibla direction is marked.
    pub qibla_marked: bool,
    /// Prayer mats are provided.
    pub mats: bool,
}

// ---------------------------------------------------------------------------
// Small checked values
// ---------------------------------------------------------------------------

fn no_control(s: &str) -> Result<(), Invalid> {
    if s.chars().any(char::is_control) {
        return Err(Invalid::new("control_character", "contains a control character"));
    }
    Ok(())
}

macro_rules! checked_string {
    ($(#[$m:meta])* $name:ident, $check:expr) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            pub fn parse(s: &str) -> Result<Self, Invalid> {
                let t = s.trim();
                if t.is_empty() {
                    return Err(Invalid::new("required", "must not be empty"));
                }
                no_control(t)?;
                let check: fn(&str) -> Result<(), Invalid> = $check;
                check(t)?;
                Ok($name(t.to_owned()))
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = Invalid;
            fn from_str(s: &str) -> Result<Self, Invalid> {
                Self::parse(s)
            }
        }
    };
}

checked_string!(
    /// Opening hours in OpenStreetMap's `opening_hours` syntax (e.g.
    /// `Mo-Sa 11:00-21:00; Su off`), at most 255 characters. The syntax
    /// itself is checked by the application, which evaluates it.
    OpeningHoursText,
    |t| {
        if t.chars().count() > OPENING_HOURS_MAX_CHARS {
            return Err(Invalid::new(
                "too_long",
                format!("opening hours are longer than {OPENING_HOURS_MAX_CHARS} characters"),
            ));
        }
        Ok(())
    }
);

checked_string!(
    /// A telephone number: digits, spaces, `+ - ( ) .`; 3–40 characters.
    Phone,
    |t| {
        let ok = t.chars().count() <= 40
            && t.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c))
            && t.chars().filter(char::is_ascii_digit).count() >= 3;
        if ok {
            Ok(())
        } else {
            Err(Invalid::new(
                "invalid_phone",
                format!("\"{t}\" is not a telephone number (digits, spaces and + - ( ) only)"),
            ))
        }
    }
);

checked_string!(
    /// A web address starting with `http://` or `https://`, at most 500 characters.
    Website,
    |t| {
        let lower = t.to_ascii_lowercase();
        let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
        match rest {
            Some(host) if !host.is_empty() && !t.contains(char::is_whitespace) && t.len() <= 500 => Ok(()),
            _ => Err(Invalid::new(
                "invalid_url",
                format!("\"{t}\" is not a web address starting with https:// or http://"),
            )),
        }
    }
);

checked_string!(
    /// A place's identifier within its source: no spaces, at most 200 characters.
    SourceId,
    |t| {
        if t.chars().count() > 200 || t.contains(char::is_whitespace) {
            return Err(Invalid::new(
                "invalid_source_id",
                format!("\"{t}\" is not a source id (at most 200 characters, no spaces)"),
            ));
        }
        Ok(())
    }
);

/// Where a place's record came from, and its id there. Together they
/// identify the record, so that a re-import updates rather than duplicates.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PlaceSource {
    kind: SourceKind,
    id: SourceId,
}

impl PlaceSource {
    /// OpenStreetMap ids must be `node/N`, `way/N` or `relation/N`.
    pub fn new(kind: SourceKind, id: SourceId) -> Result<Self, Invalid> {
        if kind == SourceKind::Openstreetmap {
            let ok = id.as_str().split_once('/').is_some_and(|(t, n)| {
                matches!(t, "node" | "way" | "relation")
                    && !n.is_empty()
                    && n.bytes().all(|b| b.is_ascii_digit())
                    && !n.starts_with('0')
            });
            if !ok {
                return Err(Invalid::new(
                    "invalid_osm_id",
                    format!("\"{id}\" is not an OpenStreetMap id such as node/123, way/45 or relation/6"),
                ));
            }
        }
        Ok(PlaceSource { kind, id })
    }
    pub fn kind(&self) -> SourceKind {
        self.kind
    }
    pub fn id(&self) -> &SourceId {
        &self.id
    }
}

// ---------------------------------------------------------------------------
// Places
// ---------------------------------------------------------------------------

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
    /// The chain a branch belongs to (branches of one chain differ).
    pub chain: Option<Text>,
    pub branch: Option<Text>,
    pub address: Option<Text>,
    pub phone: Option<Phone>,
    pub website: Option<Website>,
    pub locality_id: Option<Id>,
    pub position: LatLon,
    pub halal: Halal,
    /// Whether alcohol is served; `None` when not known.
    pub alcohol_served: Option<bool>,
    pub prayer: PrayerFacilities,
    pub opening_hours: Option<OpeningHoursText>,
    pub source: PlaceSource,
    /// Licence attribution; OpenStreetMap data always carries ODbL's.
    pub attribution: Option<Text>,
    pub last_verified: Option<NaiveDate>,
    /// What a visitor should know, in Kizuna's languages.
    pub description: Option<LocalText>,
}

impl PlaceInput {
    /// Not verified for [`STALE_AFTER_MONTHS`] months (or never).
    pub fn is_stale(&self, today: NaiveDate) -> bool {
        match self.last_verified {
            None => true,
            Some(d) => d
                .checked_add_months(Months::new(STALE_AFTER_MONTHS))
                .is_none_or(|due| today >= due),
        }
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

/// A place in its flat form, as the API, GeoJSON properties, CSV columns
/// and the store's columns carry it: the one declaration of a place's
/// fields ([`Fields`] gives the store's columns and the files' columns,
/// utoipa the API's schema). Every field is optional here;
/// [`PlaceFields::validate`] says which are required and why.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, kizuna_derive::Fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default, deny_unknown_fields)]
pub struct PlaceFields {
    /// Name in Japanese. At least one name is required.
    pub name_ja: Option<String>,
    pub name_en: Option<String>,
    pub name_th: Option<String>,
    pub name_ms: Option<String>,
    pub name_ar: Option<String>,
    pub name_id: Option<String>,
    /// restaurant, cafe, grocery, hotel, mosque, prayer_room or other.
    pub category: Option<String>,
    pub chain: Option<String>,
    pub branch: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    pub locality_id: Option<i64>,
    /// WGS 84 latitude, degrees north.
    #[field(rename = "lat_e7", with = "crate::fields::with::e7")]
    pub lat: Option<f64>,
    /// WGS 84 longitude, degrees east.
    #[field(rename = "lon_e7", with = "crate::fields::with::e7")]
    pub lon: Option<f64>,
    /// certified, self_declared, pork_free, vegetarian_options or unknown.
    pub assurance: Option<String>,
    /// Required when certified, refused otherwise (as are the next three).
    pub certifier: Option<String>,
    pub certificate_number: Option<String>,
    /// YYYY-MM-DD.
    #[field(with = "crate::fields::with::date_text")]
    pub certificate_valid_from: Option<String>,
    /// YYYY-MM-DD.
    #[field(with = "crate::fields::with::date_text")]
    pub certificate_valid_until: Option<String>,
    /// Null when not known.
    pub alcohol_served: Option<bool>,
    pub prayer_space: Option<bool>,
    pub wudu: Option<bool>,
    pub women_space: Option<bool>,
    pub qibla_marked: Option<bool>,
    pub prayer_mats: Option<bool>,
    /// OpenStreetMap `opening_hours` syntax.
    pub opening_hours: Option<String>,
    /// staff, import, openstreetmap or demo.
    pub source: Option<String>,
    /// The place's id in its source (OpenStreetMap: node/123, way/4, relation/5).
    pub source_id: Option<String>,
    pub attribution: Option<String>,
    /// YYYY-MM-DD.
    #[field(with = "crate::fields::with::date_text")]
    pub last_verified: Option<String>,
    /// What a visitor should know, in English.
    pub description_en: Option<String>,
    pub description_ja: Option<String>,
    pub description_th: Option<String>,
    pub description_ms: Option<String>,
}

fn date(raw: &str) -> Result<NaiveDate, Invalid> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .map_err(|_| Invalid::new("invalid_date", format!("\"{raw}\" is not a date; write YYYY-MM-DD")))
}

impl PlaceFields {
    /// Check every field and every rule across fields, naming each problem.
    pub fn validate(&self) -> Result<PlaceInput, Vec<FieldError>> {
        let mut e = Errors::default();
        let opt_text = |e: &mut Errors, field: &str, v: &Option<String>| -> Option<Text> {
            e.take(field, Text::parse_optional(v.as_deref())).flatten()
        };
        fn opt<T>(e: &mut Errors, field: &str, v: &Option<String>, parse: fn(&str) -> Result<T, Invalid>) -> Option<T> {
            match v.as_deref().map(str::trim) {
                None | Some("") => None,
                Some(s) => e.take(field, parse(s)),
            }
        }
        let raw_names = [
            ("name_ja", &self.name_ja),
            ("name_en", &self.name_en),
            ("name_th", &self.name_th),
            ("name_ms", &self.name_ms),
            ("name_ar", &self.name_ar),
            ("name_id", &self.name_id),
        ];
        let before = e.0.len();
        let names: [Option<Text>; 6] = raw_names.map(|(f, v)| opt_text(&mut e, f, v));
        let names = if e.0.len() == before {
            PlaceNames::new(names).map_err(|err| e.push(err.at("name_en"))).ok()
        } else {
            None
        };
        let category = match self.category.as_deref().map(str::trim) {
            None | Some("") => {
                e.push(FieldError::required("category"));
                None
            }
            Some(s) => e.take("category", s.parse::<PlaceCategory>()),
        };
        let chain = opt_text(&mut e, "chain", &self.chain);
        let branch = opt_text(&mut e, "branch", &self.branch);
        let address = opt_text(&mut e, "address", &self.address);
        let phone = opt(&mut e, "phone", &self.phone, Phone::parse);
        let website = opt(&mut e, "website", &self.website, Website::parse);
        if let Some(id) = self.locality_id
            && id <= 0
        {
            e.push(FieldError::new(
                "locality_id",
                "invalid_id",
                format!("{id} is not a record id"),
            ));
        }
        let position = match (self.lat, self.lon) {
            (Some(lat), Some(lon)) => LatLon::new(lat, lon)
                .map_err(|errs| errs.into_iter().for_each(|x| e.push(x)))
                .ok(),
            (lat, lon) => {
                if lat.is_none() {
                    e.push(FieldError::required("lat"));
                }
                if lon.is_none() {
                    e.push(FieldError::required("lon"));
                }
                None
            }
        };
        let halal = self.halal(&mut e);
        let opening_hours = opt(&mut e, "opening_hours", &self.opening_hours, OpeningHoursText::parse);
        let kind = match self.source.as_deref().map(str::trim) {
            None | Some("") => {
                e.push(FieldError::required("source"));
                None
            }
            Some(s) => e.take("source", s.parse::<SourceKind>()),
        };
        let source_id = match self.source_id.as_deref().map(str::trim) {
            None | Some("") => {
                e.push(FieldError::required("source_id"));
                None
            }
            Some(s) => e.take("source_id", SourceId::parse(s)),
        };
        let source = match (kind, source_id) {
            (Some(k), Some(id)) => e.take("source_id", PlaceSource::new(k, id)),
            _ => None,
        };
        let mut attribution = opt_text(&mut e, "attribution", &self.attribution);
        if kind == Some(SourceKind::Openstreetmap) {
            match &attribution {
                None => attribution = Text::parse(OSM_ATTRIBUTION).ok(),
                Some(a) if !a.as_str().contains("OpenStreetMap") => e.push(FieldError::new(
                    "attribution",
                    "attribution_required",
                    "data from OpenStreetMap must keep its attribution (\"© OpenStreetMap contributors\", ODbL)",
                )),
                Some(_) => {}
            }
        }
        let last_verified = opt(&mut e, "last_verified", &self.last_verified, date);
        let description = {
            let before = e.0.len();
            let parts = [
                ("description_en", &self.description_en),
                ("description_ja", &self.description_ja),
                ("description_th", &self.description_th),
                ("description_ms", &self.description_ms),
            ]
            .map(|(f, v)| opt_text(&mut e, f, v));
            let [en, ja, th, ms] = parts;
            if e.0.len() > before || (en.is_none() && ja.is_none() && th.is_none() && ms.is_none()) {
                None
            } else {
                LocalText::new(en, ja, th, ms).ok()
            }
        };
        let (Some(names), Some(category), Some(position), Some(halal), Some(source)) =
            (names, category, position, halal, source)
        else {
            return Err(if e.0.is_empty() {
                vec![FieldError::required("body")]
            } else {
                e.0
            });
        };
        e.finish(|| PlaceInput {
            names,
            category,
            chain,
            branch,
            address,
            phone,
            website,
            locality_id: self.locality_id,
            position,
            halal,
            alcohol_served: self.alcohol_served,
            prayer: PrayerFacilities {
                prayer_space: self.prayer_space.unwrap_or(false),
                wudu: self.wudu.unwrap_or(false),
                women_space: self.women_space.unwrap_or(false),
                qibla_marked: self.qibla_marked.unwrap_or(false),
                mats: self.prayer_mats.unwrap_or(false),
            },
            opening_hours,
            source,
            attribution,
            last_verified,
            description,
        })
    }

    fn halal(&self, e: &mut Errors) -> Option<Halal> {
        let level = match self.assurance.as_deref().map(str::trim) {
            None | Some("") => {
                e.push(FieldError::new(
                    "assurance",
                    "required",
                    "assurance is required: certified, self_declared, pork_free, vegetarian_options or unknown",
                ));
                return None;
            }
            Some(s) => e.take("assurance", s.parse::<Assurance>())?,
        };
        let cert_fields = [
            ("certifier", &self.certifier),
            ("certificate_number", &self.certificate_number),
            ("certificate_valid_from", &self.certificate_valid_from),
            ("certificate_valid_until", &self.certificate_valid_until),
        ];
        let given = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.trim().is_empty());
        if level != Assurance::Certified {
            let mut ok = true;
            for (f, v) in cert_fields {
                if given(v) {
                    ok = false;
                    e.push(FieldError::new(
                        f,
                        "not_certified",
                        format!("{f} is only for certified places; this place's assurance is {level}"),
                    ));
                }
            }
            return ok.then_some(match level {
                Assurance::SelfDeclared => Halal::SelfDeclared,
                Assurance::PorkFree => Halal::PorkFree,
                Assurance::VegetarianOptions => Halal::VegetarianOptions,
                _ => Halal::Unknown,
            });
        }
        let before = e.0.len();
        for (f, v) in cert_fields {
            if !given(v) {
                e.push(FieldError::new(
                    f,
                    "required",
                    format!(
                        "{f} is required for a certified place (certifier, certificate number, valid from and until)"
                    ),
                ));
            }
        }
        let certifier = e.take("certifier", Text::parse(self.certifier.as_deref().unwrap_or("")));
        let number = e.take(
            "certificate_number",
            Text::parse(self.certificate_number.as_deref().unwrap_or("")),
        );
        let from = e.take(
            "certificate_valid_from",
            date(self.certificate_valid_from.as_deref().unwrap_or("")),
        );
        let until = e.take(
            "certificate_valid_until",
            date(self.certificate_valid_until.as_deref().unwrap_or("")),
        );
        // Don't repeat "required" as "must not be empty" for the same field.
        dedupe(e, before);
        let (Some(certifier), Some(number), Some(from), Some(until)) = (certifier, number, from, until) else {
            return None;
        };
        match Certificate::new(certifier, number, from, until) {
            Ok(c) => Some(Halal::Certified(c)),
            Err(err) => {
                e.push(err);
                None
            }
        }
    }
}

/// Keep only the first error per field among those pushed since `from`.
fn dedupe(e: &mut Errors, from: usize) {
    let mut seen = std::collections::HashSet::new();
    let mut i = from;
    while i < e.0.len() {
        if seen.insert(e.0[i].field.clone()) {
            i += 1;
        } else {
            e.0.remove(i);
        }
    }
}

impl From<PlaceInput> for PlaceFields {
    fn from(p: PlaceInput) -> Self {
        PlaceFields::from(&p)
    }
}

impl From<&PlaceInput> for PlaceFields {
    fn from(p: &PlaceInput) -> Self {
        let name = |l: &str| p.names.get(l).map(ToString::to_string);
        let text = |t: &Option<Text>| t.as_ref().map(ToString::to_string);
        let cert = p.halal.certificate();
        let description = |l: &str| p.description.as_ref().and_then(|d| d.get(l)).map(ToString::to_string);
        PlaceFields {
            name_ja: name("ja"),
            name_en: name("en"),
            name_th: name("th"),
            name_ms: name("ms"),
            name_ar: name("ar"),
            name_id: name("id"),
            category: Some(p.category.to_string()),
            chain: text(&p.chain),
            branch: text(&p.branch),
            address: text(&p.address),
            phone: p.phone.as_ref().map(ToString::to_string),
            website: p.website.as_ref().map(ToString::to_string),
            locality_id: p.locality_id,
            lat: Some(p.position.lat()),
            lon: Some(p.position.lon()),
            assurance: Some(p.halal.level().to_string()),
            certifier: cert.map(|c| c.certifier.to_string()),
            certificate_number: cert.map(|c| c.number.to_string()),
            certificate_valid_from: cert.map(|c| c.valid_from.to_string()),
            certificate_valid_until: cert.map(|c| c.valid_until.to_string()),
            alcohol_served: p.alcohol_served,
            prayer_space: Some(p.prayer.prayer_space),
            wudu: Some(p.prayer.wudu),
            women_space: Some(p.prayer.women_space),
            qibla_marked: Some(p.prayer.qibla_marked),
            prayer_mats: Some(p.prayer.mats),
            opening_hours: p.opening_hours.as_ref().map(ToString::to_string),
            source: Some(p.source.kind.to_string()),
            source_id: Some(p.source.id.to_string()),
            attribution: text(&p.attribution),
            last_verified: p.last_verified.map(|d| d.to_string()),
            description_en: description("en"),
            description_ja: description("ja"),
            description_th: description("th"),
            description_ms: description("ms"),
        }
    }
}

/// The reasons a place was refused, one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidPlace(pub Vec<FieldError>);

impl std::fmt::Display for InvalidPlace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self.0.iter().map(|e| format!("{}: {}", e.field, e.message)).collect();
        f.write_str(&parts.join("; "))
    }
}

/// A value written with its `Display`, or null: no string is made on the way.
struct Shown<'a, T: std::fmt::Display + ?Sized>(Option<&'a T>);

impl<T: std::fmt::Display + ?Sized> Serialize for Shown<'_, T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Some(v) => s.collect_str(v),
            None => s.serialize_none(),
        }
    }
}

impl Serialize for PlaceInput {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(PlaceFields::columns().len()))?;
        self.serialize_entries(&mut map)?;
        map.end()
    }
}

impl PlaceInput {
    /// Write the flat fields, as [`PlaceFields`] has them (every key, null
    /// when empty), into a map being serialized, straight from the place.
    pub fn serialize_entries<M: serde::ser::SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        let cert = self.halal.certificate();
        for (key, lang) in [
            ("name_ja", "ja"),
            ("name_en", "en"),
            ("name_th", "th"),
            ("name_ms", "ms"),
            ("name_ar", "ar"),
            ("name_id", "id"),
        ] {
            map.serialize_entry(key, &Shown(self.names.get(lang)))?;
        }
        map.serialize_entry("category", &Shown(Some(&self.category)))?;
        map.serialize_entry("chain", &Shown(self.chain.as_ref()))?;
        map.serialize_entry("branch", &Shown(self.branch.as_ref()))?;
        map.serialize_entry("address", &Shown(self.address.as_ref()))?;
        map.serialize_entry("phone", &Shown(self.phone.as_ref()))?;
        map.serialize_entry("website", &Shown(self.website.as_ref()))?;
        map.serialize_entry("locality_id", &self.locality_id)?;
        map.serialize_entry("lat", &self.position.lat())?;
        map.serialize_entry("lon", &self.position.lon())?;
        map.serialize_entry("assurance", &Shown(Some(&self.halal.level())))?;
        map.serialize_entry("certifier", &Shown(cert.map(|c| &c.certifier)))?;
        map.serialize_entry("certificate_number", &Shown(cert.map(|c| &c.number)))?;
        map.serialize_entry("certificate_valid_from", &Shown(cert.map(|c| &c.valid_from)))?;
        map.serialize_entry("certificate_valid_until", &Shown(cert.map(|c| &c.valid_until)))?;
        map.serialize_entry("alcohol_served", &self.alcohol_served)?;
        map.serialize_entry("prayer_space", &self.prayer.prayer_space)?;
        map.serialize_entry("wudu", &self.prayer.wudu)?;
        map.serialize_entry("women_space", &self.prayer.women_space)?;
        map.serialize_entry("qibla_marked", &self.prayer.qibla_marked)?;
        map.serialize_entry("prayer_mats", &self.prayer.mats)?;
        map.serialize_entry("opening_hours", &Shown(self.opening_hours.as_ref()))?;
        map.serialize_entry("source", &Shown(Some(&self.source.kind)))?;
        map.serialize_entry("source_id", &Shown(Some(&self.source.id)))?;
        map.serialize_entry("attribution", &Shown(self.attribution.as_ref()))?;
        map.serialize_entry("last_verified", &Shown(self.last_verified.as_ref()))?;
        for lang in crate::common::local_text::LANGUAGES {
            let key = match lang {
                "en" => "description_en",
                "ja" => "description_ja",
                "th" => "description_th",
                _ => "description_ms",
            };
            map.serialize_entry(key, &Shown(self.description.as_ref().and_then(|d| d.get(lang))))?;
        }
        Ok(())
    }
}

impl TryFrom<PlaceFields> for PlaceInput {
    type Error = InvalidPlace;
    fn try_from(f: PlaceFields) -> Result<Self, InvalidPlace> {
        f.validate().map_err(InvalidPlace)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn fields() -> PlaceFields {
        PlaceFields {
            name_en: Some("Ramen Hilal (demo)".into()),
            category: Some("restaurant".into()),
            lat: Some(43.0621),
            lon: Some(141.3544),
            assurance: Some("certified".into()),
            certifier: Some("Japan Halal Association".into()),
            certificate_number: Some("JHA-2026-001".into()),
            certificate_valid_from: Some("2026-01-01".into()),
            certificate_valid_until: Some("2026-12-10".into()),
            source: Some("staff".into()),
            source_id: Some("staff-1".into()),
            last_verified: Some("2026-02-01".into()),
            ..Default::default()
        }
    }

    fn fields_of(errs: &[FieldError]) -> Vec<&str> {
        errs.iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn a_certified_place_round_trips_through_its_flat_form() {
        let p = fields().validate().unwrap();
        assert_eq!(p.halal.level(), Assurance::Certified);
        assert_eq!(p.names.best(&["ja"]).as_str(), "Ramen Hilal (demo)");
        let flat = PlaceFields::from(&p);
        assert_eq!(flat.validate().unwrap(), p);
        let json = serde_json::to_value(&Place::new(7, p.clone())).unwrap();
        assert_eq!(json["id"], 7);
        assert_eq!(json["assurance"], "certified");
        assert_eq!(json["lat"], 43.0621);
        let back: Place = serde_json::from_value(json).unwrap();
        assert_eq!(back.fields, p);
    }

    #[test]
    fn a_place_serializes_exactly_as_its_flat_form() {
        let mut full = fields();
        full.name_ja = Some("ラーメン・ヒラル \"本店\"".into());
        full.name_th = Some("ราเมนฮิลาล".into());
        full.name_ms = Some("Ramen Hilal".into());
        full.name_ar = Some("رامن هلال".into());
        full.name_id = Some("Ramen Hilal".into());
        full.chain = Some("Hilal".into());
        full.branch = Some("Odori".into());
        full.address = Some("Kita 1 Nishi 2\tChuo-ku".into());
        full.phone = Some("011-555-0100".into());
        full.website = Some("https://example.org/hilal?a=1&b=2".into());
        full.locality_id = Some(3);
        full.alcohol_served = Some(false);
        full.prayer_space = Some(true);
        full.wudu = Some(true);
        full.opening_hours = Some(r#"Mo-Fr 11:00-21:00; PH off "ask""#.into());
        full.attribution = Some("© someone".into());
        let bare = PlaceFields {
            name_ar: Some("مطعم".into()),
            category: Some("cafe".into()),
            lat: Some(-0.5),
            lon: Some(-179.25),
            assurance: Some("unknown".into()),
            source: Some("openstreetmap".into()),
            source_id: Some("node/1".into()),
            ..Default::default()
        };
        for f in [full, bare] {
            let p = f.validate().unwrap();
            let flat = PlaceFields::from(&p);
            assert_eq!(
                serde_json::to_string(&p).unwrap(),
                serde_json::to_string(&flat).unwrap()
            );
            let place = Place::new(12, p);
            let mut want = serde_json::to_string(&flat).unwrap();
            want.insert_str(1, "\"id\":12,\"version\":1,\"office_id\":1,");
            assert_eq!(serde_json::to_string(&place).unwrap(), want);
            assert_eq!(serde_json::from_str::<Place>(&want).unwrap(), place);
        }
    }

    #[test]
    fn certification_never_blurs() {
        // Certified needs all four certificate fields.
        let mut f = fields();
        f.certifier = None;
        f.certificate_valid_until = Some("2026-13-40".into());
        let errs = f.validate().unwrap_err();
        assert_eq!(fields_of(&errs), ["certifier", "certificate_valid_until"]);
        assert_eq!(errs[0].code, "required");
        assert_eq!(errs[1].code, "invalid_date");
        // Other levels carry no certificate.
        let mut f = fields();
        f.assurance = Some("self_declared".into());
        let errs = f.validate().unwrap_err();
        assert_eq!(errs.len(), 4);
        assert!(errs.iter().all(|e| e.code == "not_certified"));
        // A certificate cannot end before it starts.
        let mut f = fields();
        f.certificate_valid_until = Some("2025-12-31".into());
        assert_eq!(f.validate().unwrap_err()[0].code, "before_start");
        // Unknown levels are refused with the accepted ones named.
        let mut f = fields();
        f.assurance = Some("halal-ish".into());
        let errs = f.validate().unwrap_err();
        assert_eq!(errs[0].field, "assurance");
        assert!(errs[0].message.contains("pork_free"));
    }

    #[test]
    fn every_bad_field_is_named() {
        let f = PlaceFields {
            name_en: Some("   ".into()),
            category: Some("bar".into()),
            lat: Some(91.0),
            lon: Some(f64::NAN),
            phone: Some("call us".into()),
            website: Some("ftp://x".into()),
            opening_hours: Some("x".repeat(300)),
            source: Some("openstreetmap".into()),
            source_id: Some("node/abc".into()),
            last_verified: Some("yesterday".into()),
            ..Default::default()
        };
        let errs = f.validate().unwrap_err();
        assert_eq!(
            fields_of(&errs),
            [
                "name_en",
                "category",
                "phone",
                "website",
                "lat",
                "lon",
                "assurance",
                "opening_hours",
                "source_id",
                "last_verified"
            ]
        );
        let none = PlaceFields::default().validate().unwrap_err();
        assert_eq!(
            fields_of(&none),
            ["name_en", "category", "lat", "lon", "assurance", "source", "source_id"]
        );
        assert!(none[0].message.contains("at least one"));
    }

    #[test]
    fn osm_data_keeps_its_odbl_attribution() {
        let mut f = fields();
        f.source = Some("openstreetmap".into());
        f.source_id = Some("node/123".into());
        let p = f.validate().unwrap();
        assert_eq!(p.attribution.as_ref().unwrap().as_str(), OSM_ATTRIBUTION);
        f.attribution = Some("mine".into());
        assert_eq!(f.validate().unwrap_err()[0].code, "attribution_required");
        for bad in ["123", "node/", "point/1", "node/01"] {
            f.source_id = Some(bad.into());
            f.attribution = None;
            assert_eq!(f.validate().unwrap_err()[0].code, "invalid_osm_id", "{bad}");
        }
    }

    #[test]
    fn positions_are_held_to_a_ten_millionth_of_a_degree() {
        let p = LatLon::new(43.062_112_345, -180.0).unwrap();
        assert_eq!(p.lat_e7(), 430_621_123);
        assert_eq!(p.lon(), -180.0);
        assert_eq!(LatLon::from_e7(p.lat_e7(), p.lon_e7()).unwrap(), p);
        assert!(LatLon::from_e7(900_000_001, 0).is_err());
        let q = LatLon::new(43.0621, 141.3544).unwrap();
        assert_eq!(q.lat(), 43.0621);
        assert_eq!(fields_of(&LatLon::new(-90.5, 181.0).unwrap_err()), ["lat", "lon"]);
    }

    #[test]
    fn haversine_distances() {
        assert_eq!(haversine_m(43.0, 141.0, 43.0, 141.0), 0.0);
        // One degree of latitude on the mean sphere: πR/180 = 111,195.08 m.
        let one = haversine_m(0.0, 0.0, 1.0, 0.0);
        assert!((one - 111_195.08).abs() < 0.01, "{one}");
        // Across the antimeridian: 0.2° of longitude at the equator.
        let across = haversine_m(0.0, 179.9, 0.0, -179.9);
        assert!((across - 2.0 * 11_119.508).abs() < 0.01, "{across}");
        // Antipodes: half the circumference (haversine loses a little
        // precision there, well under a metre).
        let half = haversine_m(10.0, 20.0, -10.0, -160.0);
        assert!(
            (half - std::f64::consts::PI * EARTH_MEAN_RADIUS_M).abs() < 0.5,
            "{half}"
        );
        // Sapporo Station to Odori Park, about 1.0 km (the ellipsoid gives ~1,004 m).
        let s = haversine_m(43.0687, 141.3508, 43.0596, 141.3500);
        assert!((s - 1013.0).abs() < 5.0, "{s}");
    }

    #[test]
    fn stale_after_twelve_months_unverified() {
        let mut p = fields().validate().unwrap();
        p.last_verified = Some(d("2025-11-23"));
        assert!(p.is_stale(d("2026-11-23")));
        assert!(!p.is_stale(d("2026-11-22")));
        p.last_verified = None;
        assert!(p.is_stale(d("2026-11-23")), "never verified is stale");
    }

    #[test]
    fn certificates_expiring_within_thirty_days() {
        let p = fields().validate().unwrap(); // valid until 2026-12-10
        assert!(p.certificate_expires_within(d("2026-11-23"), EXPIRY_WARNING_DAYS));
        assert!(!p.certificate_expires_within(d("2026-11-09"), EXPIRY_WARNING_DAYS));
        assert!(p.certificate_expires_within(d("2026-11-10"), EXPIRY_WARNING_DAYS));
        assert!(
            !p.certificate_expires_within(d("2026-12-11"), EXPIRY_WARNING_DAYS),
            "expired"
        );
        assert_eq!(p.certificate_status(d("2026-11-23")), Some(CertificateStatus::Expiring));
        assert_eq!(p.certificate_status(d("2026-06-01")), Some(CertificateStatus::Valid));
        assert_eq!(p.certificate_status(d("2026-12-11")), Some(CertificateStatus::Expired));
        assert_eq!(
            p.certificate_status(d("2025-12-31")),
            Some(CertificateStatus::NotYetValid)
        );
        assert!(p.certified_on(d("2026-12-10")));
        assert!(!p.certified_on(d("2026-12-11")));
        let mut f = fields();
        f.assurance = Some("pork_free".into());
        f.certifier = None;
        f.certificate_number = None;
        f.certificate_valid_from = None;
        f.certificate_valid_until = None;
        let q = f.validate().unwrap();
        assert!(!q.certificate_expires_within(d("2026-11-23"), 30));
        assert_eq!(q.certificate_status(d("2026-11-23")), None);
    }

    #[test]
    fn unknown_fields_are_refused() {
        let r: Result<PlaceFields, _> = serde_json::from_str(r#"{"name_en": "x", "halal": true}"#);
        assert!(r.unwrap_err().to_string().contains("halal"));
    }
}
