//! Halal-aware itineraries that respect prayer (issue #15 item 3): a pure
//! planner that takes places, dates and options and returns a day-by-day
//! plan with its warnings. It reads no clock and does no I/O: prayer times
//! and opening hours come from an [`Oracle`] the caller provides (the app
//! computes them with kizuna-geo), so the rules here can be tested alone.
//!
//! Times are minutes after local midnight of the day (places are in Japan:
//! one zone, no daylight saving).
//!
//! The rules:
//! - each prayer block starts at or after its time plus the group's wait
//!   and ends [`WINDOW_MARGIN`] minutes before the next prayer begins (asr
//!   before maghrib, maghrib before isha, fajr before sunrise), at a prayer
//!   space (a mosque, a prayer room or a place with a prayer space) that
//!   is open then, walked to when it is within the walking distance, else
//!   reached by the tour's transport; with none within
//!   [`Options::prayer_search_km`], the block stays where the group is and
//!   a warning says so;
//! - on a Friday, a jumu'ah block at a mosque or prayer room with a Friday
//!   prayer time within [`Options::jumuah_search_km`] of the day's route
//!   replaces dhuhr, or a warning says none is in reach and dhuhr is kept;
//! - meals (lunch, dinner) only at restaurants, cafés or shops at or above
//!   the level, certified ones only with a certificate valid that day
//!   (a certified place whose certificate is not valid meets no level), and
//!   open for the whole meal by their opening hours (unknown hours: not
//!   chosen);
//! - in Ramadan no meal between fajr and maghrib: an iftar stop starting
//!   within [`Options::iftar_within`] minutes after maghrib at a place open
//!   then, and a suhoor note before fajr;
//! - the sights are ordered from the start by nearest neighbour then 2-opt,
//!   split into days by the time a day has, and each day's stops are
//!   scheduled around the fixed-time blocks, with a travel leg between any
//!   two stops more than [`SAME_SPOT_M`] apart.

mod plan;
mod route;
#[cfg(test)]
mod tests;

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::common::Id;
use crate::map::place::{Assurance, Place};

pub use plan::plan;
pub use route::{order_stops, travel_minutes};

/// Minutes kept free before the next prayer time ends a prayer's window.
pub const WINDOW_MARGIN: i32 = 2;
/// Two stops closer than this need no travel leg.
pub const SAME_SPOT_M: f64 = 50.0;
/// The distance within which a Friday prayer venue is looked for by default.
pub const JUMUAH_SEARCH_KM: f64 = 30.0;

/// The five prayers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Prayer {
    Fajr,
    Dhuhr,
    Asr,
    Maghrib,
    Isha,
}

impl Prayer {
    pub const ALL: [Prayer; 5] = [Prayer::Fajr, Prayer::Dhuhr, Prayer::Asr, Prayer::Maghrib, Prayer::Isha];
    pub fn as_str(self) -> &'static str {
        match self {
            Prayer::Fajr => "fajr",
            Prayer::Dhuhr => "dhuhr",
            Prayer::Asr => "asr",
            Prayer::Maghrib => "maghrib",
            Prayer::Isha => "isha",
        }
    }
}

/// One day's prayer times at a place, in minutes after local midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrayerDay {
    pub fajr: i32,
    pub sunrise: i32,
    pub dhuhr: i32,
    pub asr: i32,
    pub maghrib: i32,
    pub isha: i32,
}

impl PrayerDay {
    /// When a prayer's time begins.
    pub fn begins(&self, p: Prayer) -> i32 {
        match p {
            Prayer::Fajr => self.fajr,
            Prayer::Dhuhr => self.dhuhr,
            Prayer::Asr => self.asr,
            Prayer::Maghrib => self.maghrib,
            Prayer::Isha => self.isha,
        }
    }
    /// When a prayer's window closes: sunrise for fajr, the next prayer's
    /// time for the others, midnight for isha.
    pub fn closes(&self, p: Prayer) -> i32 {
        match p {
            Prayer::Fajr => self.sunrise,
            Prayer::Dhuhr => self.asr,
            Prayer::Asr => self.maghrib,
            Prayer::Maghrib => self.isha,
            Prayer::Isha => 24 * 60,
        }
    }
}

/// What the planner asks of the world: prayer times at a position and a
/// place's opening hours on a day. The app answers with kizuna-geo.
pub trait Oracle {
    /// The prayer times at a position on a day; `None` if they cannot be
    /// computed there.
    fn prayer_day(&self, lat: f64, lon: f64, date: NaiveDate) -> Option<PrayerDay>;
    /// The spans (from, until; minutes after midnight) a place is open on a
    /// day; `None` when its hours are not known. An empty list: closed.
    fn open_spans(&self, place: &Place, date: NaiveDate) -> Option<Vec<(i32, i32)>>;
}

/// How the group travels between stops that are not within walking distance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    Walk,
    Car,
    Bus,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Walk => "walk",
            Mode::Car => "car",
            Mode::Bus => "bus",
        }
    }
    pub fn parse(s: &str) -> Option<Mode> {
        match s.trim().to_ascii_lowercase().as_str() {
            "walk" => Some(Mode::Walk),
            "car" => Some(Mode::Car),
            "bus" => Some(Mode::Bus),
            _ => None,
        }
    }
}

/// Walking speed, km/h.
pub const WALK_KMH: f64 = 4.5;
/// Road distance over great-circle distance, for car and bus.
pub const ROAD_FACTOR: f64 = 1.3;

/// A prayer's wait (after its time begins, e.g. for the iqama) and duration,
/// in minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PrayerSlot {
    pub wait: i32,
    pub duration: i32,
}

/// Where the tour starts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Start {
    Place(Id),
    Point { lat: f64, lon: f64 },
}

/// Everything a plan is drafted from besides the places.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// The first day and the number of days (1–14).
    pub from: NaiveDate,
    pub days: u32,
    pub start: Start,
    /// Places and sights to include, in any order.
    pub include: Vec<Id>,
    /// The lowest halal assurance a meal stop may have.
    pub meal_level: Assurance,
    /// Wait and duration per prayer, fajr to isha.
    pub slots: [PrayerSlot; 5],
    pub mode: Mode,
    /// Speed of car or bus, km/h (the distance is great-circle × 1.3).
    pub road_kmh: f64,
    /// Farthest a prayer space may be to be walked to, metres.
    pub walk_max_m: f64,
    /// How far a prayer space is looked for before a block stays where the
    /// group is (km).
    pub prayer_search_km: f64,
    /// How far a Friday prayer venue is looked for (km).
    pub jumuah_search_km: f64,
    /// How far a meal place is looked for (km).
    pub meal_search_km: f64,
    /// The day's start and end, minutes after midnight.
    pub day_start: i32,
    pub day_end: i32,
    /// Minutes at each sight.
    pub visit_minutes: i32,
    /// Lunch and dinner: earliest and latest start, and duration.
    pub lunch: (i32, i32, i32),
    pub dinner: (i32, i32, i32),
    /// Ramadan on every day (`--ramadan`), else only on days inside one of
    /// `ramadan_periods` (first and last day).
    pub ramadan: bool,
    pub ramadan_periods: Vec<(NaiveDate, NaiveDate)>,
    /// Minutes after maghrib by which iftar starts, and its duration.
    pub iftar_within: i32,
    pub iftar_minutes: i32,
    /// Minutes the group is at a Friday prayer from its start (khutbah and
    /// prayer), and how early it arrives.
    pub jumuah_minutes: i32,
    pub jumuah_arrive_before: i32,
    /// Names in this order of languages.
    pub languages: Vec<String>,
}

/// The default prayer slots: fajr 20/10, dhuhr 15/10, asr 15/10, maghrib
/// 5/10, isha 15/10 minutes.
pub const DEFAULT_SLOTS: [PrayerSlot; 5] = [
    PrayerSlot { wait: 20, duration: 10 },
    PrayerSlot { wait: 15, duration: 10 },
    PrayerSlot { wait: 15, duration: 10 },
    PrayerSlot { wait: 5, duration: 10 },
    PrayerSlot { wait: 15, duration: 10 },
];

/// Expected Ramadan periods (first and last day of fasting). The start
/// depends on the moon's sighting where the group comes from, so a day
/// either side is possible; `--ramadan` or a configured period decides.
pub const RAMADAN: &[(&str, &str)] = &[
    ("2025-03-01", "2025-03-30"),
    ("2026-02-18", "2026-03-19"),
    ("2027-02-08", "2027-03-09"),
    ("2028-01-28", "2028-02-26"),
    ("2029-01-16", "2029-02-14"),
    ("2030-01-06", "2030-02-04"),
];

/// [`RAMADAN`] as dates.
pub fn ramadan_periods() -> Vec<(NaiveDate, NaiveDate)> {
    RAMADAN
        .iter()
        .filter_map(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)))
        .collect()
}

impl Options {
    /// The defaults of the issue: bus at 40 km/h, 08:00–21:00, an hour per
    /// sight, lunch 11:30–13:30 and dinner 17:30–19:30 for an hour,
    /// meals Muslim-friendly or better.
    pub fn new(from: NaiveDate, days: u32, start: Start) -> Options {
        Options {
            from,
            days,
            start,
            include: Vec::new(),
            meal_level: Assurance::SelfDeclared,
            slots: DEFAULT_SLOTS,
            mode: Mode::Bus,
            road_kmh: 40.0,
            walk_max_m: 1000.0,
            prayer_search_km: 30.0,
            jumuah_search_km: JUMUAH_SEARCH_KM,
            meal_search_km: 30.0,
            day_start: 8 * 60,
            day_end: 21 * 60,
            visit_minutes: 60,
            lunch: (11 * 60 + 30, 13 * 60 + 30, 60),
            dinner: (17 * 60 + 30, 19 * 60 + 30, 60),
            ramadan: false,
            ramadan_periods: ramadan_periods(),
            iftar_within: 15,
            iftar_minutes: 30,
            jumuah_minutes: 45,
            jumuah_arrive_before: 10,
            languages: vec!["en".into()],
        }
    }

    pub fn slot(&self, p: Prayer) -> PrayerSlot {
        self.slots[p as usize]
    }

    /// Whether a day is fasted.
    pub fn is_ramadan(&self, date: NaiveDate) -> bool {
        self.ramadan || self.ramadan_periods.iter().any(|(a, b)| (*a..=*b).contains(&date))
    }
}

/// Rank of an assurance: higher is stronger.
pub fn assurance_rank(a: Assurance) -> u8 {
    match a {
        Assurance::Certified => 4,
        Assurance::SelfDeclared => 3,
        Assurance::PorkFree => 2,
        Assurance::VegetarianOptions => 1,
        Assurance::Unknown => 0,
    }
}

/// What an item of a day is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Travel,
    Sight,
    Prayer,
    Jumuah,
    Lunch,
    Dinner,
    Iftar,
    Suhoor,
}

impl ItemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Travel => "travel",
            ItemKind::Sight => "sight",
            ItemKind::Prayer => "prayer",
            ItemKind::Jumuah => "jumuah",
            ItemKind::Lunch => "lunch",
            ItemKind::Dinner => "dinner",
            ItemKind::Iftar => "iftar",
            ItemKind::Suhoor => "suhoor",
        }
    }
    pub fn is_meal(self) -> bool {
        matches!(self, ItemKind::Lunch | ItemKind::Dinner | ItemKind::Iftar)
    }
}

/// One item of a day: a stop, a block or a travel leg.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    pub kind: ItemKind,
    /// For a prayer block.
    pub prayer: Option<Prayer>,
    /// The place (the destination, for a travel leg); none for a block
    /// where the group is.
    pub place_id: Option<Id>,
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    /// Minutes after midnight.
    pub start: i32,
    pub end: i32,
    /// When a block could start instead (earliest, latest): the plan's
    /// flexibility.
    pub window: Option<(i32, i32)>,
    /// A travel leg's mode, distance (km, along the way) and origin.
    pub mode: Option<Mode>,
    pub km: Option<f64>,
    pub from_name: Option<String>,
    /// A meal place's assurance.
    pub assurance: Option<Assurance>,
}

/// Something the group should know, or a rule the plan could not keep.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Warning {
    pub date: NaiveDate,
    /// `no_jumuah_venue`, `no_prayer_space`, `no_meal_place`, `no_iftar_place`,
    /// `sight_not_fitted`, `sight_closed`, `prayer_at_lodging`,
    /// `unknown_place`, `no_prayer_times`.
    pub code: &'static str,
    pub prayer: Option<Prayer>,
    pub meal: Option<ItemKind>,
    pub place_id: Option<Id>,
    pub name: Option<String>,
    /// A distance the warning speaks of (km).
    pub km: Option<f64>,
}

/// One day of a plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayPlan {
    pub date: NaiveDate,
    pub friday: bool,
    pub ramadan: bool,
    /// The prayer times where the day starts.
    #[serde(skip)]
    pub times: Option<PrayerDay>,
    pub items: Vec<Item>,
    /// Prayers whose window lies before the day starts or after it ends:
    /// prayed where the group stays.
    pub lodging: Vec<Prayer>,
}

/// A drafted itinerary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    pub days: Vec<DayPlan>,
    pub warnings: Vec<Warning>,
}

/// A problem with the options, before any planning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionError {
    pub field: &'static str,
    pub code: &'static str,
    pub message: String,
}

/// The places a plan is drafted from, with the included ones looked up.
pub struct Places<'a> {
    pub all: &'a [&'a Place],
    pub by_id: HashMap<Id, &'a Place>,
}

impl<'a> Places<'a> {
    pub fn new(all: &'a [&'a Place]) -> Self {
        Places {
            all,
            by_id: all.iter().map(|p| (p.id, *p)).collect(),
        }
    }
}
