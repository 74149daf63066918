//! What the index keeps of a place: its id, its position, what the
//! filters ask and the caller's number for where it keeps the place's
//! details — 48 bytes, where the place itself takes a kilobyte or more.
//! Opening hours are kept as a number into a table of the distinct
//! expressions, shared by every index made from one build.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use chrono::{DateTime, NaiveDate, Utc};
use kizuna_domain::common::Id;
use kizuna_domain::map::place::{Assurance, CertificateStatus, LatLon, Place, PlaceCategory};

use super::PlaceFilter;
use crate::geometry::unit;
use crate::hours::HoursBook;

/// What the filters other than "open now" ask of a place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

    /// Where the certificate stands on `today`, for places with one.
    pub(crate) fn certificate_status(&self, today: NaiveDate) -> Option<CertificateStatus> {
        self.certificate
            .map(|(from, until)| CertificateStatus::on(from, until, today))
    }

    /// The certificate's last day, for certified places.
    pub(crate) fn valid_until(&self) -> Option<NaiveDate> {
        self.certificate.map(|c| c.1)
    }
}

/// A place as the index keeps it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Point {
    pub(crate) id: Id,
    pub(crate) at: LatLon,
    pub(crate) traits: Traits,
    /// When the place was last verified (for the review of stale places).
    pub(crate) verified: Option<NaiveDate>,
    /// Its opening hours: 0 for none, else 1 + its number in [`HoursTexts`].
    pub(crate) hours: u32,
    /// The caller's number for where it keeps this version of the place
    /// (0: nowhere); the index only carries it.
    pub(crate) kept: u64,
}

const _: () = assert!(std::mem::size_of::<Point>() <= 48);

impl Point {
    /// Its position on the unit sphere, exactly as the brute force computes it.
    pub(crate) fn unit(&self) -> [f64; 3] {
        unit(self.at.lat(), self.at.lon())
    }

    /// Its position on the unit sphere rounded to `f32`, as the tree holds it.
    #[allow(clippy::cast_possible_truncation)]
    pub(crate) fn unit32(&self) -> [f32; 3] {
        self.unit().map(|v| v as f32)
    }
}

/// The distinct opening-hours expressions of the places indexed: only
/// ever added to, so a number once given stays valid in every index that
/// shares the table.
#[derive(Default)]
pub(crate) struct HoursTexts {
    texts: Vec<Arc<str>>,
    numbers: HashMap<Arc<str>, u32>,
}

impl HoursTexts {
    fn number(&mut self, text: &str) -> u32 {
        if let Some(n) = self.numbers.get(text) {
            return *n;
        }
        let text: Arc<str> = Arc::from(text);
        self.texts.push(text.clone());
        let n = u32::try_from(self.texts.len()).expect("fewer than 4 billion distinct opening hours");
        self.numbers.insert(text, n);
        n
    }

    pub(crate) fn text(&self, n: u32) -> Option<Arc<str>> {
        n.checked_sub(1).and_then(|i| self.texts.get(i as usize)).cloned()
    }
}

/// The table of opening hours and the parsed hours, shared by the indexes
/// made from one build and the searches answered without an index.
#[derive(Clone, Default)]
pub struct HoursShelf {
    pub(crate) texts: Arc<RwLock<HoursTexts>>,
    pub(crate) book: Arc<HoursBook>,
}

impl HoursShelf {
    pub(crate) fn point(&self, p: &Place, kept: u64) -> Point {
        let hours = match &p.fields.opening_hours {
            None => 0,
            Some(text) => self
                .texts
                .write()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .number(text.as_str()),
        };
        Point {
            id: p.id,
            at: p.fields.position,
            traits: Traits::of(p),
            verified: p.fields.last_verified,
            hours,
            kept,
        }
    }

    /// Whether a point is open at `now` (`None`: its hours are not known).
    pub(crate) fn open_at(&self, p: &Point, now: DateTime<Utc>) -> Option<bool> {
        let text = self
            .texts
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .text(p.hours)?;
        self.book.hours(&text, p.at.lat(), p.at.lon())?.open_at(now)
    }

    /// Whether a place is open at `now` (`None`: its hours are not known).
    pub fn place_open_at(&self, p: &Place, now: DateTime<Utc>) -> Option<bool> {
        let text = p.fields.opening_hours.as_ref()?;
        let at = p.fields.position;
        self.book.hours(text.as_str(), at.lat(), at.lon())?.open_at(now)
    }

    /// Whether a place passes the filter, "open now" included.
    pub fn passes(&self, p: &Place, f: &PlaceFilter, today: NaiveDate, now: DateTime<Utc>) -> bool {
        Traits::of(p).pass(f, today) && (!f.open_now || self.place_open_at(p, now) == Some(true))
    }
}
