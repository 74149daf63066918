//! What a search hands out: the place, shared with the index, and what a
//! visitor needs to judge it.

use std::sync::{Arc, OnceLock};

use chrono::{DateTime, NaiveDate, Utc};
use kizuna_domain::common::Id;
use kizuna_domain::map::place::{CertificateStatus, LatLon, Place, haversine_m};
use serde::Serialize;

use super::HoursShelf;

/// A place handed out in search results, shared rather than copied by
/// whoever passes the results on (and kept so by the map's cache of
/// places). Reads as a [`Place`]; it also keeps the place's own JSON once
/// someone wrote it ([`SharedPlace::entries_json`]), so a place answered
/// again is not written again. A place may also be made from its JSON
/// alone ([`SharedPlace::from_json`]): it is read from that JSON the first
/// time someone looks at it as a [`Place`], so a search that only writes
/// its results out never reads it.
#[derive(Clone)]
pub struct SharedPlace(Arc<Shared>);

struct Shared {
    id: Id,
    place: OnceLock<Place>,
    /// The place's entries as JSON (`"id":…,"version":…,…`, no braces).
    json: OnceLock<Box<[u8]>>,
    /// How a place made from its JSON alone is read from it.
    read: fn(&[u8]) -> Place,
}

/// The reader of a place made whole: never called, the place is there.
fn already_read(_: &[u8]) -> Place {
    unreachable!("a place made whole is never read from its JSON")
}

impl SharedPlace {
    pub fn new(place: Place) -> Self {
        SharedPlace(Arc::new(Shared {
            id: place.id,
            place: OnceLock::from(place),
            json: OnceLock::new(),
            read: already_read,
        }))
    }

    /// A place with its entries as JSON already written: the bytes its
    /// [`SharedPlace::entries_json`] hands out, which must be those the
    /// writers passed there produce for it.
    pub fn with_json(place: Place, json: Box<[u8]>) -> Self {
        SharedPlace(Arc::new(Shared {
            id: place.id,
            place: OnceLock::from(place),
            json: OnceLock::from(json),
            read: already_read,
        }))
    }

    /// The place `id` from its entries as JSON alone (as
    /// [`SharedPlace::with_json`] takes them), read by `read` the first
    /// time it is looked at as a [`Place`]. `read` must succeed on these
    /// bytes: the caller made sure they read back as the place (a record
    /// checked when written and by its checksum when read).
    pub fn from_json(id: Id, json: Box<[u8]>, read: fn(&[u8]) -> Place) -> Self {
        SharedPlace(Arc::new(Shared {
            id,
            place: OnceLock::new(),
            json: OnceLock::from(json),
            read,
        }))
    }

    fn place(&self) -> &Place {
        self.0.place.get_or_init(|| {
            let json = self.0.json.get().map_or(&[][..], |j| &j[..]);
            (self.0.read)(json)
        })
    }

    /// The place's id, without reading a place made from its JSON.
    pub fn place_id(&self) -> Id {
        self.0.id
    }

    /// Whether the place has been read as a [`Place`] (always, unless it
    /// was made from its JSON and nobody looked at it).
    pub fn is_read(&self) -> bool {
        self.0.place.get().is_some()
    }

    /// The place itself (copied unless nothing else holds it).
    pub fn into_place(self) -> Place {
        self.place();
        match Arc::try_unwrap(self.0) {
            Ok(shared) => shared.place.into_inner().unwrap_or_else(|| unreachable!("read above")),
            Err(shared) => SharedPlace(shared).place().clone(),
        }
    }

    /// The place's entries as JSON, written by `write` the first time they
    /// are asked for and kept with the place from then on. Whoever asks
    /// must always pass a writer producing the same bytes for a place.
    pub fn entries_json(&self, write: impl FnOnce(&Place) -> Box<[u8]>) -> &[u8] {
        self.0.json.get_or_init(|| write(self.place()))
    }

    /// Whether its JSON was written already.
    pub fn has_json(&self) -> bool {
        self.0.json.get().is_some()
    }

    /// Bytes held for this place beyond the [`Place`] itself: its JSON.
    pub fn json_bytes(&self) -> usize {
        self.0.json.get().map_or(0, |j| j.len())
    }
}

impl std::ops::Deref for SharedPlace {
    type Target = Place;

    fn deref(&self) -> &Place {
        self.place()
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
    #[cfg_attr(feature = "openapi", serde(flatten), schema(value_type = kizuna_domain::map::place::PlaceSchema))]
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

pub(super) fn hit(
    place: SharedPlace,
    shelf: &HoursShelf,
    from: Option<(f64, f64)>,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> PlaceHit {
    let pos = place.fields.position;
    PlaceHit {
        name: place.name(&[]).to_owned(),
        distance_m: from.map(|from| distance_m(from, pos)),
        certificate_status: place.fields.certificate_status(today),
        stale: place.fields.is_stale(today),
        open_now: shelf.place_open_at(&place, now),
        place,
    }
}

/// What an index holds of a place that a search result says of it: all
/// of the result but the place's name and its own entries, as of the
/// version of the place the index holds ([`super::PlaceIndex::facts`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PointFacts {
    /// The caller's number for where it keeps that version
    /// ([`super::PlaceIndexBuilder::add_kept`]); 0: nowhere.
    pub kept: u64,
    pub at: LatLon,
    pub certificate_status: Option<CertificateStatus>,
    pub stale: bool,
    pub open_now: Option<bool>,
}

/// Metres between two points as search results give them: haversine,
/// rounded to decimetres.
fn distance_m((lat, lon): (f64, f64), at: LatLon) -> f64 {
    (haversine_m(lat, lon, at.lat(), at.lon()) * 10.0).round() / 10.0
}

/// Search results nearest first (ties by id).
pub fn sort_by_distance(hits: &mut [PlaceHit]) {
    hits.sort_by(|a, b| {
        a.distance_m
            .unwrap_or(0.0)
            .total_cmp(&b.distance_m.unwrap_or(0.0))
            .then(a.place.place_id().cmp(&b.place.place_id()))
    });
}

impl PlaceHit {
    /// One place as a search would show it, without an index (no distance).
    pub fn of(place: Place, today: NaiveDate, now: DateTime<Utc>) -> Self {
        hit(SharedPlace::new(place), &HoursShelf::default(), None, today, now)
    }

    /// One place as a search would show it, with its distance from `from`,
    /// its opening hours read through `shelf`.
    pub fn at(
        place: Place,
        shelf: &HoursShelf,
        from: Option<(f64, f64)>,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Self {
        hit(SharedPlace::new(place), shelf, from, today, now)
    }

    /// A search result from what the index holds of the place
    /// (`facts`), its name to show and the place itself, which is not
    /// looked at: the same result as [`PlaceHit::shared`] gives when
    /// `place` is the version the facts are of.
    pub fn from_facts(place: SharedPlace, name: String, facts: &PointFacts, from: Option<(f64, f64)>) -> Self {
        PlaceHit {
            name,
            distance_m: from.map(|from| distance_m(from, facts.at)),
            certificate_status: facts.certificate_status,
            stale: facts.stale,
            open_now: facts.open_now,
            place,
        }
    }

    /// [`PlaceHit::at`] of a place already shared (as the map's cache of
    /// places holds it): neither the place nor its JSON copied.
    pub fn shared(
        place: SharedPlace,
        shelf: &HoursShelf,
        from: Option<(f64, f64)>,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Self {
        hit(place, shelf, from, today, now)
    }
}
