//! Daily prayer times and the qibla bearing, computed from the sun's position.
//!
//! Everything here is a pure calculation: no clock, no time-zone database, no
//! I/O. The caller passes the place (latitude/longitude in degrees, north and
//! east positive), the local civil date there and the calculation parameters,
//! and gets the six times of that day back as UTC instants, rounded to the
//! minute. Rendering them in the place's time zone is the caller's job.
//!
//! # Algorithm
//!
//! The solar position follows Jean Meeus, *Astronomical Algorithms* (2nd ed.):
//! the low-precision solar coordinates of chapter 25, nutation from chapter 22,
//! sidereal time from chapter 12 and the rising/transit/setting method of
//! chapter 15 (one refinement step with three-point interpolation of the sun's
//! right ascension and declination). The conventions on top of it (the angle
//! each method uses, the minute offsets each authority adds, the high-latitude
//! fallbacks, the Moonsighting Committee's seasonal twilight curves and the
//! rounding to the minute) are the ones published by the Adhan library family
//! (adhan-js, adhan-swift, adhan-kotlin), so results agree with its shared test
//! vectors; `tests/it/prayer_reference.rs` checks every one of them.
//!
//! * **Dhuhr** is the sun's transit. **Sunrise** and **Maghrib** (sunset) are
//!   when the sun's upper limb touches the horizon, i.e. its centre is 50′
//!   below it (refraction plus semi-diameter).
//! * **Fajr** / **Isha** are when the sun is the method's angle below the
//!   horizon, or for Umm al-Qura and Qatar a fixed 90 minutes after Maghrib.
//! * **Asr** is when an object's shadow equals its noon shadow plus one
//!   (Shafi, Maliki, Hanbali) or two (Hanafi) times its length.
//! * At high latitudes the twilight may never get deep enough, or end absurdly
//!   close to midnight; the [`HighLatitudeRule`] then bounds Fajr and Isha to a
//!   portion of the night (sunset to next sunrise).
//! * Where the sun does not rise or set at all that day (polar day or night),
//!   there is no night to divide and [`prayer_times`] returns
//!   [`PrayerError::NoSunriseOrSunset`] rather than an invented value.

use std::error::Error;
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};

// ---------------------------------------------------------------------------
// Parsing of the named enums
// ---------------------------------------------------------------------------

/// A name that is not one of an enum's accepted spellings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseNameError {
    kind: &'static str,
    input: String,
    valid: &'static [&'static str],
}

impl ParseNameError {
    /// What was being parsed, e.g. `"calculation method"`.
    pub fn kind(&self) -> &'static str {
        self.kind
    }

    /// The rejected input, as given.
    pub fn input(&self) -> &str {
        &self.input
    }

    /// The canonical names that would have been accepted.
    pub fn valid_names(&self) -> &'static [&'static str] {
        self.valid
    }
}

impl fmt::Display for ParseNameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown {} {:?}; valid values are: {}",
            self.kind,
            self.input,
            self.valid.join(", ")
        )
    }
}

impl Error for ParseNameError {}

/// Lower-cases and drops separators, so `"Muslim World League"`,
/// `"muslim_world_league"` and `"MuslimWorldLeague"` compare equal.
fn fold_name(s: &str) -> String {
    s.trim()
        .chars()
        .filter(|c| !matches!(c, '_' | '-' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

fn parse_named<T: Copy>(
    input: &str,
    kind: &'static str,
    values: &[T],
    valid: &'static [&'static str],
) -> Result<T, ParseNameError> {
    let wanted = fold_name(input);
    if !wanted.is_empty() {
        for (value, name) in values.iter().zip(valid) {
            if fold_name(name) == wanted {
                return Ok(*value);
            }
        }
    }
    Err(ParseNameError {
        kind,
        input: input.to_owned(),
        valid,
    })
}

// ---------------------------------------------------------------------------
// Method
// ---------------------------------------------------------------------------

/// A calculation method: the twilight angles (or interval) and the built-in
/// minute offsets of one authority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// Muslim World League: Fajr 18°, Isha 17°.
    MuslimWorldLeague,
    /// Egyptian General Authority of Survey: Fajr 19.5°, Isha 17.5°.
    Egyptian,
    /// University of Islamic Sciences, Karachi: Fajr 18°, Isha 18°.
    Karachi,
    /// Umm al-Qura University, Makkah: Fajr 18.5°, Isha 90 minutes after
    /// Maghrib. (The authority adds 30 more minutes to Isha in Ramadan; that
    /// is left to the caller's adjustments, as the Adhan libraries do.)
    UmmAlQura,
    /// The Gulf region (Dubai): Fajr 18.2°, Isha 18.2°, with small offsets.
    Dubai,
    /// Moonsighting Committee Worldwide: Fajr 18°, Isha 18°, bounded by the
    /// committee's seasonal twilight curves.
    MoonsightingCommittee,
    /// Islamic Society of North America: Fajr 15°, Isha 15°.
    NorthAmerica,
    /// Kuwait: Fajr 18°, Isha 17.5°.
    Kuwait,
    /// Qatar: Fajr 18°, Isha 90 minutes after Maghrib.
    Qatar,
    /// Majlis Ugama Islam Singapura (MUIS): Fajr 20°, Isha 18°, rounded up.
    /// Also accepted as `MUIS`.
    Singapore,
    /// Institute of Geophysics, University of Tehran: Fajr 17.7°, Maghrib
    /// 4.5°, Isha 14°.
    Tehran,
    /// Diyanet İşleri Başkanlığı (Turkey): Fajr 18°, Isha 17°, with offsets.
    /// Also accepted as `Diyanet`.
    Turkey,
    /// Jabatan Kemajuan Islam Malaysia (JAKIM, Malaysia): Fajr 20°, Isha 18°.
    Jakim,
    /// Kementerian Agama Republik Indonesia (KEMENAG, Indonesia): Fajr 20°,
    /// Isha 18°.
    Kemenag,
    /// No preset: both angles are 0° (Fajr and Isha fall near sunrise and
    /// sunset) and only the high-latitude rule and caller's adjustments apply.
    Other,
}

/// How a method places Isha.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Isha {
    /// When the sun is this many degrees below the horizon.
    Angle(f64),
    /// A fixed number of minutes after Maghrib (sunset).
    MinutesAfterMaghrib(i32),
}

/// How the computed instant is turned into a whole minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rounding {
    /// To the nearest minute; 30 seconds or more rounds up.
    Nearest,
    /// Any seconds round up to the next minute.
    Up,
}

const METHOD_NAMES: &[&str] = &[
    "MuslimWorldLeague",
    "Egyptian",
    "Karachi",
    "UmmAlQura",
    "Dubai",
    "MoonsightingCommittee",
    "NorthAmerica",
    "Kuwait",
    "Qatar",
    "Singapore",
    "Tehran",
    "Turkey",
    "Jakim",
    "Kemenag",
    "Other",
];

/// Other names accepted for a method: the authorities' own acronyms for the
/// methods the Adhan libraries name by country.
const METHOD_ALIASES: &[(&str, Method)] = &[("MUIS", Method::Singapore), ("Diyanet", Method::Turkey)];

impl Method {
    /// Every method, in declaration order.
    pub const ALL: [Method; 15] = [
        Method::MuslimWorldLeague,
        Method::Egyptian,
        Method::Karachi,
        Method::UmmAlQura,
        Method::Dubai,
        Method::MoonsightingCommittee,
        Method::NorthAmerica,
        Method::Kuwait,
        Method::Qatar,
        Method::Singapore,
        Method::Tehran,
        Method::Turkey,
        Method::Jakim,
        Method::Kemenag,
        Method::Other,
    ];

    /// The canonical spelling, as accepted by [`FromStr`] and printed by
    /// [`Display`](fmt::Display).
    pub const fn name(self) -> &'static str {
        METHOD_NAMES[self as usize]
    }

    /// The depression of the sun below the horizon, in degrees, that starts
    /// Fajr.
    pub const fn fajr_angle(self) -> f64 {
        match self {
            Method::MuslimWorldLeague
            | Method::Karachi
            | Method::MoonsightingCommittee
            | Method::Kuwait
            | Method::Qatar
            | Method::Turkey => 18.0,
            Method::Egyptian => 19.5,
            Method::UmmAlQura => 18.5,
            Method::Dubai => 18.2,
            Method::NorthAmerica => 15.0,
            Method::Singapore | Method::Jakim | Method::Kemenag => 20.0,
            Method::Tehran => 17.7,
            Method::Other => 0.0,
        }
    }

    /// How Isha is placed.
    pub const fn isha(self) -> Isha {
        match self {
            Method::MuslimWorldLeague | Method::Turkey => Isha::Angle(17.0),
            Method::Egyptian | Method::Kuwait => Isha::Angle(17.5),
            Method::Karachi | Method::MoonsightingCommittee | Method::Singapore | Method::Jakim | Method::Kemenag => {
                Isha::Angle(18.0)
            }
            Method::Dubai => Isha::Angle(18.2),
            Method::NorthAmerica => Isha::Angle(15.0),
            Method::Tehran => Isha::Angle(14.0),
            Method::Other => Isha::Angle(0.0),
            Method::UmmAlQura | Method::Qatar => Isha::MinutesAfterMaghrib(90),
        }
    }

    /// The sun's depression that starts Maghrib, for methods that wait past
    /// sunset for the sky to darken (only Tehran). `None` means sunset.
    pub const fn maghrib_angle(self) -> Option<f64> {
        match self {
            Method::Tehran => Some(4.5),
            _ => None,
        }
    }

    /// Minutes the authority itself adds to the astronomical times. They are
    /// applied on top of [`Params::adjustments`].
    pub const fn method_adjustments(self) -> Adjustments {
        let none = Adjustments::ZERO;
        match self {
            Method::MuslimWorldLeague
            | Method::Egyptian
            | Method::Karachi
            | Method::NorthAmerica
            | Method::Singapore
            | Method::Jakim
            | Method::Kemenag => Adjustments { dhuhr: 1, ..none },
            Method::Dubai => Adjustments {
                sunrise: -3,
                dhuhr: 3,
                asr: 3,
                maghrib: 3,
                ..none
            },
            Method::MoonsightingCommittee => Adjustments {
                dhuhr: 5,
                maghrib: 3,
                ..none
            },
            Method::Turkey => Adjustments {
                sunrise: -7,
                dhuhr: 5,
                asr: 4,
                maghrib: 7,
                ..none
            },
            Method::UmmAlQura | Method::Kuwait | Method::Qatar | Method::Tehran | Method::Other => none,
        }
    }

    /// How this method rounds its times to the minute.
    pub const fn rounding(self) -> Rounding {
        match self {
            Method::Singapore => Rounding::Up,
            _ => Rounding::Nearest,
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Method {
    type Err = ParseNameError;

    /// Accepts the canonical names case-insensitively, ignoring `_`, `-` and
    /// spaces (`"ummalqura"`, `"Umm-Al-Qura"`, `"JAKIM"`), and the acronyms
    /// `MUIS` (Singapore) and `Diyanet` (Turkey).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let folded = fold_name(s);
        if let Some((_, m)) = METHOD_ALIASES.iter().find(|(alias, _)| fold_name(alias) == folded) {
            return Ok(*m);
        }
        parse_named(s, "calculation method", &Method::ALL, METHOD_NAMES)
    }
}

// ---------------------------------------------------------------------------
// Madhab and high-latitude rule
// ---------------------------------------------------------------------------

/// The school whose rule places Asr.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Madhab {
    /// Shafi, Maliki, Hanbali (and Ja'fari): shadow = noon shadow + 1 × length.
    #[default]
    Shafi,
    /// Hanafi: shadow = noon shadow + 2 × length.
    Hanafi,
}

const MADHAB_NAMES: &[&str] = &["Shafi", "Hanafi"];

impl Madhab {
    /// Both schools.
    pub const ALL: [Madhab; 2] = [Madhab::Shafi, Madhab::Hanafi];

    /// The canonical spelling.
    pub const fn name(self) -> &'static str {
        MADHAB_NAMES[self as usize]
    }

    /// The shadow-length factor used for Asr.
    pub const fn shadow_length(self) -> f64 {
        match self {
            Madhab::Shafi => 1.0,
            Madhab::Hanafi => 2.0,
        }
    }
}

impl fmt::Display for Madhab {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Madhab {
    type Err = ParseNameError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_named(s, "madhab", &Madhab::ALL, MADHAB_NAMES)
    }
}

/// How Fajr and Isha are bounded where twilight lasts (nearly) all night.
///
/// The night is the time from sunset to the next sunrise. Fajr is never
/// earlier than sunrise minus the rule's portion of the night, and Isha never
/// later than sunset plus that portion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HighLatitudeRule {
    /// Portion ½: Fajr no earlier, Isha no later, than the middle of the night.
    MiddleOfTheNight,
    /// Portion ⅐: Isha within the first seventh, Fajr within the last seventh.
    SeventhOfTheNight,
    /// Portion angle/60 (e.g. 18° → 0.3 of the night), per prayer.
    TwilightAngle,
}

const RULE_NAMES: &[&str] = &["MiddleOfTheNight", "SeventhOfTheNight", "TwilightAngle"];

impl HighLatitudeRule {
    /// Every rule.
    pub const ALL: [HighLatitudeRule; 3] = [
        HighLatitudeRule::MiddleOfTheNight,
        HighLatitudeRule::SeventhOfTheNight,
        HighLatitudeRule::TwilightAngle,
    ];

    /// The canonical spelling.
    pub const fn name(self) -> &'static str {
        RULE_NAMES[self as usize]
    }

    /// The rule used when [`Params::high_latitude_rule`] is `None`: the
    /// seventh of the night beyond 48° (north or south), where the middle of
    /// the night makes Isha and Fajr impractically late and early in summer;
    /// the middle of the night elsewhere.
    pub fn recommended(latitude: f64) -> HighLatitudeRule {
        if latitude.abs() > 48.0 {
            HighLatitudeRule::SeventhOfTheNight
        } else {
            HighLatitudeRule::MiddleOfTheNight
        }
    }

    /// Fractions of the night bounding (Fajr, Isha).
    fn night_portions(self, method: Method) -> (f64, f64) {
        match self {
            HighLatitudeRule::MiddleOfTheNight => (0.5, 0.5),
            HighLatitudeRule::SeventhOfTheNight => (1.0 / 7.0, 1.0 / 7.0),
            HighLatitudeRule::TwilightAngle => {
                let isha_angle = match method.isha() {
                    Isha::Angle(a) => a,
                    Isha::MinutesAfterMaghrib(_) => 0.0,
                };
                (method.fajr_angle() / 60.0, isha_angle / 60.0)
            }
        }
    }
}

impl fmt::Display for HighLatitudeRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for HighLatitudeRule {
    type Err = ParseNameError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_named(s, "high-latitude rule", &HighLatitudeRule::ALL, RULE_NAMES)
    }
}

// ---------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------

/// Whole minutes added to each time (may be negative).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Adjustments {
    pub fajr: i32,
    pub sunrise: i32,
    pub dhuhr: i32,
    pub asr: i32,
    pub maghrib: i32,
    pub isha: i32,
}

impl Adjustments {
    /// No adjustment at all.
    pub const ZERO: Adjustments = Adjustments {
        fajr: 0,
        sunrise: 0,
        dhuhr: 0,
        asr: 0,
        maghrib: 0,
        isha: 0,
    };

    fn plus(self, o: Adjustments) -> Adjustments {
        Adjustments {
            fajr: self.fajr.saturating_add(o.fajr),
            sunrise: self.sunrise.saturating_add(o.sunrise),
            dhuhr: self.dhuhr.saturating_add(o.dhuhr),
            asr: self.asr.saturating_add(o.asr),
            maghrib: self.maghrib.saturating_add(o.maghrib),
            isha: self.isha.saturating_add(o.isha),
        }
    }
}

/// Everything that decides a day's times besides the place and date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Params {
    pub method: Method,
    pub madhab: Madhab,
    /// `None` uses [`HighLatitudeRule::recommended`] for the latitude.
    pub high_latitude_rule: Option<HighLatitudeRule>,
    /// The user's own offsets, added to the method's built-in ones.
    pub adjustments: Adjustments,
}

impl Params {
    /// The method's standard parameters: Shafi Asr, the recommended
    /// high-latitude rule and no extra adjustments.
    pub const fn new(method: Method) -> Params {
        Params {
            method,
            madhab: Madhab::Shafi,
            high_latitude_rule: None,
            adjustments: Adjustments::ZERO,
        }
    }

    /// The same parameters with another madhab.
    pub const fn with_madhab(mut self, madhab: Madhab) -> Params {
        self.madhab = madhab;
        self
    }

    /// The same parameters with an explicit high-latitude rule.
    pub const fn with_high_latitude_rule(mut self, rule: HighLatitudeRule) -> Params {
        self.high_latitude_rule = Some(rule);
        self
    }
}

impl From<Method> for Params {
    fn from(method: Method) -> Params {
        Params::new(method)
    }
}

// ---------------------------------------------------------------------------
// Results and errors
// ---------------------------------------------------------------------------

/// One day's prayer times, as UTC instants on whole minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PrayerTimes {
    pub fajr: DateTime<Utc>,
    pub sunrise: DateTime<Utc>,
    pub dhuhr: DateTime<Utc>,
    pub asr: DateTime<Utc>,
    pub maghrib: DateTime<Utc>,
    pub isha: DateTime<Utc>,
}

impl PrayerTimes {
    /// The six times in the day's order, with their lower-case names.
    pub fn named(&self) -> [(&'static str, DateTime<Utc>); 6] {
        [
            ("fajr", self.fajr),
            ("sunrise", self.sunrise),
            ("dhuhr", self.dhuhr),
            ("asr", self.asr),
            ("maghrib", self.maghrib),
            ("isha", self.isha),
        ]
    }
}

/// Why a day's times could not be computed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PrayerError {
    /// Latitude not a number in [-90, 90].
    InvalidLatitude(f64),
    /// Longitude not a number in [-180, 180].
    InvalidLongitude(f64),
    /// The date (or the day after it) cannot be represented.
    DateOutOfRange(NaiveDate),
    /// The sun neither rises nor sets that day or the next (polar day or
    /// polar night), so there is no sunrise, sunset or night to work from.
    NoSunriseOrSunset {
        latitude: f64,
        longitude: f64,
        date: NaiveDate,
    },
    /// A time that should always exist came out undefined (not expected
    /// outside the polar regions).
    Undefined { prayer: &'static str, date: NaiveDate },
}

impl fmt::Display for PrayerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PrayerError::InvalidLatitude(v) => {
                write!(f, "latitude {v} is out of range: expected a number from -90 to 90")
            }
            PrayerError::InvalidLongitude(v) => {
                write!(f, "longitude {v} is out of range: expected a number from -180 to 180")
            }
            PrayerError::DateOutOfRange(d) => {
                write!(f, "date {d} is outside the supported range")
            }
            PrayerError::NoSunriseOrSunset {
                latitude,
                longitude,
                date,
            } => write!(
                f,
                "the sun does not both rise and set at ({latitude}, {longitude}) on {date} \
                 (polar day or night), so prayer times cannot be derived from it"
            ),
            PrayerError::Undefined { prayer, date } => {
                write!(f, "{prayer} is undefined on {date} at this place")
            }
        }
    }
}

impl Error for PrayerError {}

// ---------------------------------------------------------------------------
// Prayer times
// ---------------------------------------------------------------------------

const MS_PER_MINUTE: i64 = 60_000;

/// The prayer times of `date` (the local civil date) at `lat`, `lon`.
///
/// The day is the mean-solar day of that date at the given longitude, which
/// is the civil day everywhere except where the legal time zone is almost a
/// whole day away from the longitude (a few Pacific islands east of the date
/// line).
pub fn prayer_times(lat: f64, lon: f64, date: NaiveDate, params: &Params) -> Result<PrayerTimes, PrayerError> {
    if !lat.is_finite() || !(-90.0..=90.0).contains(&lat) {
        return Err(PrayerError::InvalidLatitude(lat));
    }
    if !lon.is_finite() || !(-180.0..=180.0).contains(&lon) {
        return Err(PrayerError::InvalidLongitude(lon));
    }
    let tomorrow = date.succ_opt().ok_or(PrayerError::DateOutOfRange(date))?;

    let method = params.method;
    let today_sun = astro::SolarDay::new(date, lat, lon);
    let tomorrow_sun = astro::SolarDay::new(tomorrow, lat, lon);
    let midnight = midnight_ms(date);
    let tomorrow_midnight = midnight_ms(tomorrow);
    let at = |hours: f64| instant_from_hours(midnight, hours);
    let undefined = |prayer: &'static str| PrayerError::Undefined { prayer, date };

    let (Some(sunrise), Some(sunset), Some(next_sunrise)) = (
        at(today_sun.sunrise()),
        at(today_sun.sunset()),
        instant_from_hours(tomorrow_midnight, tomorrow_sun.sunrise()),
    ) else {
        return Err(PrayerError::NoSunriseOrSunset {
            latitude: lat,
            longitude: lon,
            date,
        });
    };
    let dhuhr = at(today_sun.transit()).ok_or_else(|| undefined("dhuhr"))?;
    let asr = at(today_sun.afternoon(params.madhab.shadow_length())).ok_or_else(|| undefined("asr"))?;

    // Length of the night, sunset to next sunrise, in seconds.
    let night = (next_sunrise - sunset) as f64 / 1000.0;
    let rule = params
        .high_latitude_rule
        .unwrap_or_else(|| HighLatitudeRule::recommended(lat));
    let (fajr_portion, isha_portion) = rule.night_portions(method);
    let moonsighting = method == Method::MoonsightingCommittee;

    // Fajr: the angle time, but never earlier than the high-latitude bound.
    let mut fajr = at(today_sun.hour_angle(-method.fajr_angle(), false));
    if moonsighting && lat >= 55.0 {
        fajr = Some(add_seconds(sunrise, -night / 7.0));
    }
    let earliest_fajr = if moonsighting {
        moonsighting::morning_twilight(lat, date, sunrise)
    } else {
        add_seconds(sunrise, -fajr_portion * night)
    };
    let fajr = match fajr {
        Some(t) if t >= earliest_fajr => t,
        _ => earliest_fajr,
    };

    // Isha: a fixed interval, or the angle time but never later than the bound.
    let isha = match method.isha() {
        Isha::MinutesAfterMaghrib(minutes) => sunset + i64::from(minutes) * MS_PER_MINUTE,
        Isha::Angle(angle) => {
            let mut isha = at(today_sun.hour_angle(-angle, true));
            if moonsighting && lat >= 55.0 {
                isha = Some(add_seconds(sunset, night / 7.0));
            }
            let latest_isha = if moonsighting {
                moonsighting::evening_twilight(lat, date, sunset)
            } else {
                add_seconds(sunset, isha_portion * night)
            };
            match isha {
                Some(t) if t <= latest_isha => t,
                _ => latest_isha,
            }
        }
    };

    // Maghrib: sunset, or the method's darker sky if that falls before Isha.
    let mut maghrib = sunset;
    if let Some(angle) = method.maghrib_angle()
        && let Some(t) = at(today_sun.hour_angle(-angle, true))
        && sunset < t
        && t < isha
    {
        maghrib = t;
    }

    let adj = params.adjustments.plus(method.method_adjustments());
    let rounding = method.rounding();
    let finish = |t: i64, minutes: i32| {
        let ms = round_to_minute(t + i64::from(minutes) * MS_PER_MINUTE, rounding);
        DateTime::from_timestamp_millis(ms).ok_or(PrayerError::DateOutOfRange(date))
    };
    Ok(PrayerTimes {
        fajr: finish(fajr, adj.fajr)?,
        sunrise: finish(sunrise, adj.sunrise)?,
        dhuhr: finish(dhuhr, adj.dhuhr)?,
        asr: finish(asr, adj.asr)?,
        maghrib: finish(maghrib, adj.maghrib)?,
        isha: finish(isha, adj.isha)?,
    })
}

/// Milliseconds since the Unix epoch of 00:00 UTC on `date`.
fn midnight_ms(date: NaiveDate) -> i64 {
    date.and_time(chrono::NaiveTime::MIN).and_utc().timestamp_millis()
}

/// The instant `hours` (possibly negative or past 24) after `midnight`,
/// truncated to whole seconds; `None` when the hours are undefined.
fn instant_from_hours(midnight: i64, hours: f64) -> Option<i64> {
    if !hours.is_finite() || hours.abs() > 1.0e6 {
        return None;
    }
    // Whole hours, whole minutes, whole seconds, each taken down in turn.
    let h = hours.floor();
    let m = ((hours - h) * 60.0).floor();
    let s = ((hours - (h + m / 60.0)) * 3600.0).floor();
    let seconds = (h * 3600.0 + m * 60.0 + s) as i64;
    Some(midnight + seconds * 1000)
}

/// `t` moved by a possibly fractional number of seconds, kept to the
/// millisecond.
fn add_seconds(t: i64, seconds: f64) -> i64 {
    (t as f64 + seconds * 1000.0).trunc() as i64
}

/// Drops sub-minute precision: to the nearest minute (30 s and more round
/// up), or up to the next minute when there are any whole seconds.
fn round_to_minute(t: i64, rounding: Rounding) -> i64 {
    let whole_seconds = t.div_euclid(1000);
    let second_of_minute = whole_seconds.rem_euclid(60);
    let minute_start = (whole_seconds - second_of_minute) * 1000;
    let round_up = match rounding {
        Rounding::Nearest => second_of_minute >= 30,
        Rounding::Up => second_of_minute > 0,
    };
    if round_up {
        minute_start + MS_PER_MINUTE
    } else {
        minute_start
    }
}

/// The Moonsighting Committee's seasonal limits on twilight (Khalid Shaukat):
/// minutes before sunrise / after sunset as piecewise-linear functions of the
/// days since the winter solstice, scaled with latitude.
mod moonsighting {
    use super::add_seconds;
    use chrono::{Datelike, NaiveDate};

    /// Earliest Fajr.
    pub(super) fn morning_twilight(lat: f64, date: NaiveDate, sunrise: i64) -> i64 {
        let l = lat.abs() / 55.0;
        let minutes = seasonal(
            [75.0 + 28.65 * l, 75.0 + 19.44 * l, 75.0 + 32.74 * l, 75.0 + 48.10 * l],
            days_since_solstice(lat, date),
        );
        add_seconds(sunrise, js_round(minutes * -60.0))
    }

    /// Latest Isha (general shafaq: the committee's default).
    pub(super) fn evening_twilight(lat: f64, date: NaiveDate, sunset: i64) -> i64 {
        let l = lat.abs() / 55.0;
        let minutes = seasonal(
            [75.0 + 25.60 * l, 75.0 + 2.05 * l, 75.0 - 9.21 * l, 75.0 + 6.14 * l],
            days_since_solstice(lat, date),
        );
        add_seconds(sunset, js_round(minutes * 60.0))
    }

    /// Interpolates the four seasonal anchor values (at 0, 91, 137 and 183
    /// days after the winter solstice, mirrored for the second half-year).
    fn seasonal([a, b, c, d]: [f64; 4], days: i64) -> f64 {
        let x = days as f64;
        if x < 91.0 {
            a + (b - a) / 91.0 * x
        } else if x < 137.0 {
            b + (c - b) / 46.0 * (x - 91.0)
        } else if x < 183.0 {
            c + (d - c) / 46.0 * (x - 137.0)
        } else if x < 229.0 {
            d + (c - d) / 46.0 * (x - 183.0)
        } else if x < 275.0 {
            c + (b - c) / 46.0 * (x - 229.0)
        } else {
            b + (a - b) / 91.0 * (x - 275.0)
        }
    }

    /// Days since the local winter solstice (21 December in the north,
    /// 21 June in the south).
    fn days_since_solstice(lat: f64, date: NaiveDate) -> i64 {
        let day_of_year = i64::from(date.ordinal());
        let leap = date.leap_year();
        let days_in_year = if leap { 366 } else { 365 };
        if lat >= 0.0 {
            let d = day_of_year + 10;
            if d >= days_in_year { d - days_in_year } else { d }
        } else {
            let d = day_of_year - if leap { 173 } else { 172 };
            if d < 0 { d + days_in_year } else { d }
        }
    }

    /// Rounds halves towards positive infinity.
    fn js_round(x: f64) -> f64 {
        (x + 0.5).floor()
    }
}

// ---------------------------------------------------------------------------
// Qibla
// ---------------------------------------------------------------------------

/// The Kaaba, Makkah.
const KAABA: (f64, f64) = (21.4225241, 39.8261818);

/// The qibla: the initial great-circle bearing from (`lat`, `lon`) to the
/// Kaaba, in degrees clockwise from true north, in `[0, 360)`. Non-finite
/// input gives NaN.
pub fn qibla(lat: f64, lon: f64) -> f64 {
    let phi = lat.to_radians();
    let phi_k = KAABA.0.to_radians();
    let d_lon = KAABA.1.to_radians() - lon.to_radians();
    let y = d_lon.sin();
    let x = phi.cos() * phi_k.tan() - phi.sin() * d_lon.cos();
    let bearing = astro::unwind(y.atan2(x).to_degrees());
    if bearing >= 360.0 { 0.0 } else { bearing }
}

// ---------------------------------------------------------------------------
// Solar astronomy (Meeus)
// ---------------------------------------------------------------------------

mod astro;

#[cfg(test)]
mod tests;
