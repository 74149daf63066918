//! What a visitor reads first about a place found on the map: its lead
//! (how far its halal claim goes, or that it is a place of prayer), whether
//! it is open now and until when, and the order of a list of them: by
//! distance when a position is known, the stronger assurance first among
//! places as far away as each other, then by name.

use chrono::{DateTime, Utc};
use kizuna_domain::map::place::{Assurance, CertificateStatus, PlaceCategory};

use super::{PLACE_TIME_ZONE, PlaceHit, hours_by_day};

/// The first thing a place's card says about it, strongest first: the order
/// of [`Lead::rank`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Lead {
    /// Halal certified, with a certificate valid today.
    Certified,
    /// Muslim-friendly on the place's own word.
    SelfDeclared,
    /// Serves no pork (not halal).
    PorkFree,
    /// Has vegetarian options.
    Vegetarian,
    /// A mosque or prayer room, or any place with a prayer space whose food
    /// is not described: it carries prayer badges, never a food badge.
    Prayer,
    /// Nothing known about its food.
    Unknown,
    /// Certified, but the certificate is not valid today (ended or not begun).
    CertificateNotValid,
}

impl Lead {
    /// The lead of a search result, as of the day it was made.
    pub fn of(h: &PlaceHit) -> Lead {
        let f = &h.place.fields;
        match f.halal.level() {
            Assurance::Certified => match h.certificate_status {
                Some(CertificateStatus::Valid | CertificateStatus::Expiring) => Lead::Certified,
                _ => Lead::CertificateNotValid,
            },
            Assurance::SelfDeclared => Lead::SelfDeclared,
            Assurance::PorkFree => Lead::PorkFree,
            Assurance::VegetarianOptions => Lead::Vegetarian,
            Assurance::Unknown
                if matches!(f.category, PlaceCategory::Mosque | PlaceCategory::PrayerRoom) || f.prayer.prayer_space =>
            {
                Lead::Prayer
            }
            Assurance::Unknown => Lead::Unknown,
        }
    }

    /// 0 for the strongest.
    pub fn rank(self) -> u8 {
        self as u8
    }
}

/// A distance as a list shows it, in metres: to 10 m under a kilometre, to
/// 100 m under 10 km, to the kilometre beyond. Places at the same shown
/// distance are "as far".
pub fn distance_band(metres: f64) -> u64 {
    let step = if metres < 1000.0 {
        10.0
    } else if metres < 10_000.0 {
        100.0
    } else {
        1000.0
    };
    // Finite and non-negative for any distance on Earth.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let band = ((metres.max(0.0) / step).round() * step) as u64;
    band
}

/// Put search results in a visitor's order: by [`distance_band`] when they
/// carry a distance, then by [`Lead::rank`], then by `name_key` (e.g. a
/// collation key of the name shown) and id.
pub fn visitor_order<K: Ord>(hits: &mut [(K, PlaceHit)]) {
    hits.sort_by(|(ka, a), (kb, b)| {
        let band = |h: &PlaceHit| h.distance_m.map(distance_band);
        band(a)
            .cmp(&band(b))
            .then(Lead::of(a).rank().cmp(&Lead::of(b).rank()))
            .then(ka.cmp(kb))
            .then(a.place.id.cmp(&b.place.id))
    });
}

/// Whether a place is open at a moment, as a visitor is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenStatus {
    /// Open; closing at this time in Japan (`HH:MM`), or `None` when it does
    /// not close within the day (open around the clock).
    Open { closes: Option<String> },
    /// Open since this time, written open-ended (`10:00+`): when it closes
    /// is not known.
    OpenClosingUnknown { since: String },
    /// Closed; opening again later the same day at this time, if it does.
    Closed { opens: Option<String> },
    /// No opening hours, hours that cannot be read, or hours that say
    /// "unknown" for this moment.
    Unknown,
}

/// The open status of a search result at `now` (the moment the result's
/// `open_now` was worked out for), with the times from its hours today and
/// tomorrow in Japan.
pub fn open_status(h: &PlaceHit, now: DateTime<Utc>) -> OpenStatus {
    let f = &h.place.fields;
    let local = now.with_timezone(&PLACE_TIME_ZONE);
    let clock = local.format("%H:%M").to_string();
    let days = f
        .opening_hours
        .as_ref()
        .and_then(|o| hours_by_day(o.as_str(), f.position.lat(), f.position.lon(), local.date_naive(), 2));
    let (today, tomorrow) = match days.as_deref() {
        Some([today, tomorrow, ..]) => (&today.spans[..], &tomorrow.spans[..]),
        _ => (&[][..], &[][..]),
    };
    let current = today
        .iter()
        .find(|s| s.from.as_str() <= clock.as_str() && clock.as_str() < s.until.as_str());
    match h.open_now {
        Some(true) => {
            let closes = current.and_then(|s| {
                if s.until != "24:00" {
                    return Some(s.until.clone());
                }
                // Running past midnight: tomorrow's first span says when.
                match tomorrow.first() {
                    Some(t) if t.from == "00:00" && !t.unknown && !t.open_end => {
                        (t.until != "24:00").then(|| t.until.clone())
                    }
                    _ => Some("24:00".to_owned()),
                }
            });
            OpenStatus::Open { closes }
        }
        Some(false) => OpenStatus::Closed {
            opens: today
                .iter()
                .find(|s| s.from.as_str() > clock.as_str() && !s.unknown)
                .map(|s| s.from.clone()),
        },
        None => match current {
            Some(s) if s.open_end => OpenStatus::OpenClosingUnknown { since: s.from.clone() },
            _ => OpenStatus::Unknown,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::distance_band;

    #[test]
    fn distances_are_as_far_as_each_other_as_the_list_shows_them() {
        assert_eq!(distance_band(114.9), 110);
        assert_eq!(distance_band(115.0), 120);
        assert_eq!(distance_band(996.0), 1000);
        assert_eq!(distance_band(1_449.0), 1_400);
        assert_eq!(distance_band(12_477.0), 12_000);
        assert_eq!(distance_band(12_542.5), 13_000);
        assert!(distance_band(12_499.0) < distance_band(12_501.0));
    }
}
