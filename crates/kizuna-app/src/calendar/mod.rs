//! One calendar of every dated activity of every system (issue 13):
//! training sessions and course editions, partnership activities (fairs and
//! visits among them), volunteer placements, delegations and their visits,
//! staff dispatches, symposiums, courtesy calls and awards.
//!
//! Each record becomes an [`Item`] with a stable UID made only of the
//! record's identity (`<entity>-<id>@<office key>.kizuna`), so a calendar
//! that subscribed sees an edit as the same event with a higher `SEQUENCE`.
//! Who sees what: anonymous visitors only [`Item::public`] items (public
//! partnerships' activities, public exchanges, editions, awards); staff
//! everything; [`Item::private`] items (placements: where a person serves)
//! only staff and private feeds that include them.
//!
//! `sources.rs` reads each system through the store; `feeds.rs` keeps the
//! private feeds with their secrets; `ics.rs` writes the iCalendar file.

mod feeds;
mod ics;
mod sources;

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use chrono_tz::Tz;
use kizuna_domain::common::error::FieldError;
use kizuna_domain::common::locality::Locality;
use kizuna_domain::common::programme::Programme;
use kizuna_domain::common::{Id, LocalText};
use kizuna_domain::string_enum;
pub use kizuna_io::ical_feed::When;

pub use feeds::{FeedFilters, NewFeed, filter_of};
pub use ics::kind_label;
pub use kizuna_store::calendar::FeedRow;

use crate::{App, AppError, Result};

string_enum! {
    /// What an item of the calendar is.
    ItemKind {
        /// A session of a training course (timed).
        Session = "session",
        /// A course edition's period.
        Edition = "edition",
        /// A partnership activity that is neither a fair nor a visit.
        Activity = "activity",
        /// A trade or travel fair.
        Fair = "fair",
        /// A visit: a partnership's visit either way, a delegation's visit.
        Visit = "visit",
        /// A volunteer's placement (private).
        Placement = "placement",
        /// A delegation received.
        Delegation = "delegation",
        /// Staff dispatched abroad.
        Dispatch = "dispatch",
        Symposium = "symposium",
        CourtesyCall = "courtesy_call",
        Award = "award",
    }
}

/// The zone a timed item is shown in when its place says nothing else.
pub const DEFAULT_ZONE: Tz = chrono_tz::Asia::Tokyo;

/// The IANA zone of a country, for the countries the office works with
/// (each with one zone); Japan's otherwise.
pub fn zone_of_country(country: &str) -> Tz {
    match country {
        "TH" | "VN" | "KH" | "LA" => chrono_tz::Asia::Bangkok,
        "MY" => chrono_tz::Asia::Kuala_Lumpur,
        "SG" => chrono_tz::Asia::Singapore,
        "PH" => chrono_tz::Asia::Manila,
        "KR" => chrono_tz::Asia::Seoul,
        "CN" => chrono_tz::Asia::Shanghai,
        "TW" => chrono_tz::Asia::Taipei,
        "MN" => chrono_tz::Asia::Ulaanbaatar,
        "MM" => chrono_tz::Asia::Yangon,
        "BD" => chrono_tz::Asia::Dhaka,
        "LK" => chrono_tz::Asia::Colombo,
        "IN" => chrono_tz::Asia::Kolkata,
        "NP" => chrono_tz::Asia::Kathmandu,
        "FI" => chrono_tz::Europe::Helsinki,
        "NO" => chrono_tz::Europe::Oslo,
        "SE" => chrono_tz::Europe::Stockholm,
        "IS" => chrono_tz::Atlantic::Reykjavik,
        _ => DEFAULT_ZONE,
    }
}

/// One dated thing on the calendar.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Stable across regenerations: `<entity>-<id>@<office key>.kizuna`.
    pub uid: String,
    pub kind: ItemKind,
    /// The record's entity and id.
    pub entity: &'static str,
    pub id: Id,
    pub title: LocalText,
    pub when: When,
    /// The venue as written.
    pub place: Option<String>,
    pub programme_id: Option<Id>,
    pub locality_id: Option<Id>,
    /// The staff page of the record.
    pub url: String,
    /// A page anyone may open, when there is one.
    pub public_url: Option<String>,
    /// Shown to anonymous visitors and in public feeds.
    pub public: bool,
    /// About a person (a placement): staff and private feeds only.
    pub private: bool,
    /// The record's version less one.
    pub sequence: i64,
    pub last_modified: Option<DateTime<Utc>>,
}

impl Item {
    /// The first and last day of the item, in its own zone.
    pub fn days(&self) -> (NaiveDate, NaiveDate) {
        match self.when {
            When::AllDay { first, last } => (first, last.max(first)),
            When::Timed { starts, ends, zone } => {
                let first = starts.with_timezone(&zone).date_naive();
                // An end at midnight ends the day before.
                let last = (ends - chrono::Duration::seconds(1)).with_timezone(&zone).date_naive();
                (first, last.max(first))
            }
        }
    }
}

/// Who is looking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Anyone: public items only.
    Public,
    /// Staff (or a private feed): every item, private ones when asked.
    Staff { include_private: bool },
}

/// What to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    /// Empty: every kind.
    pub kinds: Vec<ItemKind>,
    pub programme_id: Option<Id>,
    /// The locality or any place within it.
    pub locality_id: Option<Id>,
    /// Items overlapping these days (inclusive).
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub audience: Audience,
}

impl Filter {
    pub fn new(audience: Audience) -> Filter {
        Filter {
            kinds: Vec::new(),
            programme_id: None,
            locality_id: None,
            from: None,
            to: None,
            audience,
        }
    }

    /// Narrowed to one month.
    pub fn month(mut self, year: i32, month: u32) -> Filter {
        let first = NaiveDate::from_ymd_opt(year, month, 1);
        self.from = first;
        self.to = first
            .and_then(|d| d.checked_add_months(Months::new(1)))
            .and_then(|d| d.pred_opt());
        self
    }

    /// Kinds as given in a query or on the command line (`symposium,fair`),
    /// refused naming the field and the unknown value.
    pub fn parse_kinds<'a>(raw: impl IntoIterator<Item = &'a str>) -> Result<Vec<ItemKind>> {
        let mut kinds = Vec::new();
        for part in raw.into_iter().flat_map(|r| r.split(',')) {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            let k: ItemKind = part.parse().map_err(|e: kizuna_domain::common::error::Invalid| {
                AppError::Invalid(vec![FieldError::new("kind", e.code, e.message)])
            })?;
            if !kinds.contains(&k) {
                kinds.push(k);
            }
        }
        kinds.sort();
        Ok(kinds)
    }

    /// A month given as `2022-09`, refused naming the field.
    pub fn parse_month(raw: &str) -> Result<(i32, u32)> {
        let bad = || {
            AppError::Invalid(vec![FieldError::new(
                "month",
                "invalid_month",
                format!("\"{raw}\" is not a month written as YYYY-MM"),
            )])
        };
        let (y, m) = raw.trim().split_once('-').ok_or_else(bad)?;
        let (y, m): (i32, u32) = (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
        if !(1900..=2200).contains(&y) || !(1..=12).contains(&m) || y.to_string().len() != 4 {
            return Err(bad());
        }
        Ok((y, m))
    }
}

/// A calendar read: its items by start, with the programmes and localities
/// they name (for labels and filters).
#[derive(Debug, Clone)]
pub struct Calendar {
    pub items: Vec<Item>,
    pub programmes: HashMap<Id, Programme>,
    pub localities: HashMap<Id, Locality>,
}

impl Calendar {
    /// The items that fall on a day.
    pub fn on(&self, day: NaiveDate) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(move |i| {
            let (a, b) = i.days();
            a <= day && day <= b
        })
    }
}

/// The first day of the month after the given one.
pub fn next_month(year: i32, month: u32) -> (i32, u32) {
    if month == 12 { (year + 1, 1) } else { (year, month + 1) }
}

/// The month before.
pub fn previous_month(year: i32, month: u32) -> (i32, u32) {
    if month == 1 { (year - 1, 12) } else { (year, month - 1) }
}

impl App {
    /// The calendar for a filter: every source read, then kept or left by
    /// audience, kind, programme, locality (or a place within it) and days.
    pub async fn calendar(&self, filter: &Filter) -> Result<Calendar> {
        let localities: HashMap<Id, Locality> = self
            .store
            .select::<Locality>(&[], sources::ALL)
            .await?
            .into_iter()
            .map(|l| (l.id, l))
            .collect();
        let programmes: HashMap<Id, Programme> = self
            .store
            .select::<Programme>(&[], sources::ALL)
            .await?
            .into_iter()
            .map(|p| (p.id, p))
            .collect();
        let wanted = |k: ItemKind| filter.kinds.is_empty() || filter.kinds.contains(&k);
        let mut items = sources::read_all(self, &localities, &wanted).await?;
        let within = |id: Option<Id>, target: Id| {
            let mut at = id;
            let mut hops = 0;
            while let Some(i) = at {
                if i == target {
                    return true;
                }
                hops += 1;
                if hops > 16 {
                    return false;
                }
                at = localities.get(&i).and_then(|l| l.fields.parent_id);
            }
            false
        };
        items.retain(|i| {
            let seen = match filter.audience {
                Audience::Public => i.public && !i.private,
                Audience::Staff { include_private } => include_private || !i.private,
            };
            let (first, last) = i.days();
            seen && wanted(i.kind)
                && filter.programme_id.is_none_or(|p| i.programme_id == Some(p))
                && filter.locality_id.is_none_or(|l| within(i.locality_id, l))
                && filter.from.is_none_or(|f| last >= f)
                && filter.to.is_none_or(|t| first <= t)
        });
        items.sort_by(|a, b| {
            let (fa, _) = a.days();
            let (fb, _) = b.days();
            (fa, a.kind, &a.uid).cmp(&(fb, b.kind, &b.uid))
        });
        Ok(Calendar {
            items,
            programmes,
            localities,
        })
    }

    /// The current month (in Japan), for a page opened without one.
    pub fn this_month(&self) -> (i32, u32) {
        let today = self.now().with_timezone(&DEFAULT_ZONE).date_naive();
        (today.year(), today.month())
    }
}
