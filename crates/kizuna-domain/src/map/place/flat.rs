//! A place's flat form, [`PlaceFields`]: the conversions between it and a
//! [`PlaceInput`], and a place serialized straight into it.

use serde::{Deserialize, Serialize};

use crate::common::error::FieldError;
use crate::common::{LocalText, Text};
use crate::fields::Fields;

use super::PlaceInput;

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
    /// restaurant, cafe, grocery, halal_shop, hotel, mosque, prayer_room or other.
    pub category: Option<String>,
    /// The chain a branch belongs to, in English.
    pub chain_en: Option<String>,
    pub chain_ja: Option<String>,
    pub chain_th: Option<String>,
    pub chain_ms: Option<String>,
    /// Which branch of its chain the place is, in English.
    pub branch_en: Option<String>,
    pub branch_ja: Option<String>,
    pub branch_th: Option<String>,
    pub branch_ms: Option<String>,
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
    /// When the Friday prayer (jumu'ah) starts, HH:MM local time; mosques
    /// and prayer rooms only.
    pub jumuah_time: Option<String>,
    /// A second Friday congregation, HH:MM, after the first.
    pub jumuah_second_time: Option<String>,
    /// About the Friday prayer (the sermon's language...), in English.
    pub jumuah_note_en: Option<String>,
    pub jumuah_note_ja: Option<String>,
    pub jumuah_note_th: Option<String>,
    pub jumuah_note_ms: Option<String>,
    /// The ways to pay, separated by `;`: cash, credit_card, ic_card, qr_code. Empty or null when not known.
    pub payment: Option<String>,
    /// How dear the place is, 1 (cheap) to 4 (very dear); null when not known.
    pub price_range: Option<i64>,
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
        let local = |t: &Option<LocalText>, l: &str| t.as_ref().and_then(|d| d.get(l)).map(ToString::to_string);
        PlaceFields {
            name_ja: name("ja"),
            name_en: name("en"),
            name_th: name("th"),
            name_ms: name("ms"),
            name_ar: name("ar"),
            name_id: name("id"),
            category: Some(p.category.to_string()),
            chain_en: local(&p.chain, "en"),
            chain_ja: local(&p.chain, "ja"),
            chain_th: local(&p.chain, "th"),
            chain_ms: local(&p.chain, "ms"),
            branch_en: local(&p.branch, "en"),
            branch_ja: local(&p.branch, "ja"),
            branch_th: local(&p.branch, "th"),
            branch_ms: local(&p.branch, "ms"),
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
            jumuah_time: p.jumuah.as_ref().map(|j| j.time.format("%H:%M").to_string()),
            jumuah_second_time: p
                .jumuah
                .as_ref()
                .and_then(|j| j.second)
                .map(|t| t.format("%H:%M").to_string()),
            jumuah_note_en: jumuah_note(p, "en"),
            jumuah_note_ja: jumuah_note(p, "ja"),
            jumuah_note_th: jumuah_note(p, "th"),
            jumuah_note_ms: jumuah_note(p, "ms"),
            payment: (!p.payment.is_empty()).then(|| p.payment.to_string()),
            price_range: p.price_range.map(|r| i64::from(r.level())),
            opening_hours: p.opening_hours.as_ref().map(ToString::to_string),
            source: Some(p.source.kind.to_string()),
            source_id: Some(p.source.id.to_string()),
            attribution: text(&p.attribution),
            last_verified: p.last_verified.map(|d| d.to_string()),
            description_en: local(&p.description, "en"),
            description_ja: local(&p.description, "ja"),
            description_th: local(&p.description, "th"),
            description_ms: local(&p.description, "ms"),
        }
    }
}

fn jumuah_note(p: &PlaceInput, lang: &str) -> Option<String> {
    p.jumuah
        .as_ref()
        .and_then(|j| j.note.as_ref())
        .and_then(|n| n.get(lang))
        .map(ToString::to_string)
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
        local_entries(
            map,
            self.chain.as_ref(),
            ["chain_en", "chain_ja", "chain_th", "chain_ms"],
        )?;
        local_entries(
            map,
            self.branch.as_ref(),
            ["branch_en", "branch_ja", "branch_th", "branch_ms"],
        )?;
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
        let jumuah = self.jumuah.as_ref();
        map.serialize_entry("jumuah_time", &Shown(jumuah.map(|j| j.time.format("%H:%M")).as_ref()))?;
        map.serialize_entry(
            "jumuah_second_time",
            &Shown(jumuah.and_then(|j| j.second).map(|t| t.format("%H:%M")).as_ref()),
        )?;
        local_entries(
            map,
            jumuah.and_then(|j| j.note.as_ref()),
            ["jumuah_note_en", "jumuah_note_ja", "jumuah_note_th", "jumuah_note_ms"],
        )?;
        map.serialize_entry("payment", &Shown((!self.payment.is_empty()).then_some(&self.payment)))?;
        map.serialize_entry("price_range", &self.price_range.map(super::PriceRange::level))?;
        map.serialize_entry("opening_hours", &Shown(self.opening_hours.as_ref()))?;
        map.serialize_entry("source", &Shown(Some(&self.source.kind)))?;
        map.serialize_entry("source_id", &Shown(Some(&self.source.id)))?;
        map.serialize_entry("attribution", &Shown(self.attribution.as_ref()))?;
        map.serialize_entry("last_verified", &Shown(self.last_verified.as_ref()))?;
        local_entries(
            map,
            self.description.as_ref(),
            ["description_en", "description_ja", "description_th", "description_ms"],
        )
    }
}

/// A text in four languages as its four flat keys (in the order of
/// [`crate::common::local_text::LANGUAGES`]), null where not given.
fn local_entries<M: serde::ser::SerializeMap>(
    map: &mut M,
    text: Option<&LocalText>,
    keys: [&str; 4],
) -> Result<(), M::Error> {
    for (key, lang) in keys.into_iter().zip(crate::common::local_text::LANGUAGES) {
        map.serialize_entry(key, &Shown(text.and_then(|d| d.get(lang))))?;
    }
    Ok(())
}

impl TryFrom<PlaceFields> for PlaceInput {
    type Error = InvalidPlace;
    fn try_from(f: PlaceFields) -> Result<Self, InvalidPlace> {
        f.validate().map_err(InvalidPlace)
    }
}
