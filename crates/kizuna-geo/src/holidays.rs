//! Japan's public holidays, worked out from the Act on National Holidays
//! (国民の祝日に関する法律) and its amendments as the Cabinet Office
//! publishes them: pure date arithmetic, no I/O, no clock.
//!
//! - The named holidays (祝日), each with the years its rule applied: fixed
//!   dates, the "Happy Monday" holidays (Coming of Age and Sports Day from
//!   2000, Marine Day and Respect for the Aged Day from 2003), Greenery Day
//!   moving to 4 May when 29 April became Showa Day (2007), Mountain Day
//!   from 2016, the Emperor's Birthday of each reign (none in 2019), Sports
//!   Day's new name (2020), the days moved for the Tokyo Olympics (2020,
//!   2021) and the one-off days of imperial ceremonies (1959, 1989, 1990,
//!   1993, 2019).
//! - The equinox days by the formula the National Astronomical Observatory's
//!   announcements follow (the day is fixed by its announcement each
//!   February for the next year; the formula has matched every announcement
//!   so far and is a prediction beyond that).
//! - The substitute holiday (振替休日), from 12 April 1973: a holiday on a
//!   Sunday gives the next day off; from 2007 the next day that is not a
//!   holiday itself.
//! - The citizens' holiday (国民の休日), from 27 December 1985: a day that is
//!   neither a Sunday nor a holiday, between two named holidays.
//!
//! Years from [`FIRST_YEAR`] (the act took effect in July 1948; 1949 is
//! its first whole year) to [`LAST_YEAR`] (the equinox formula's range).

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;

/// The first year computed.
pub const FIRST_YEAR: i32 = 1949;
/// The last year computed: the equinox formula holds to 2099.
pub const LAST_YEAR: i32 = 2099;

/// One public holiday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Holiday {
    pub date: NaiveDate,
    /// The law's own name, e.g. 国民の休日.
    pub name_ja: &'static str,
    /// The English name the Cabinet Office uses.
    pub name_en: &'static str,
}

type Name = (&'static str, &'static str);

const NEW_YEAR: Name = ("元日", "New Year's Day");
const COMING_OF_AGE: Name = ("成人の日", "Coming of Age Day");
const FOUNDATION: Name = ("建国記念の日", "National Foundation Day");
const EMPEROR: Name = ("天皇誕生日", "Emperor's Birthday");
const VERNAL: Name = ("春分の日", "Vernal Equinox Day");
const SHOWA: Name = ("昭和の日", "Showa Day");
const GREENERY: Name = ("みどりの日", "Greenery Day");
const CONSTITUTION: Name = ("憲法記念日", "Constitution Memorial Day");
const CHILDREN: Name = ("こどもの日", "Children's Day");
const MARINE: Name = ("海の日", "Marine Day");
const MOUNTAIN: Name = ("山の日", "Mountain Day");
const AGED: Name = ("敬老の日", "Respect for the Aged Day");
const AUTUMNAL: Name = ("秋分の日", "Autumnal Equinox Day");
const HEALTH_SPORTS: Name = ("体育の日", "Health and Sports Day");
const SPORTS: Name = ("スポーツの日", "Sports Day");
const CULTURE: Name = ("文化の日", "Culture Day");
const LABOUR: Name = ("勤労感謝の日", "Labour Thanksgiving Day");
const SUBSTITUTE: Name = ("振替休日", "Substitute Holiday");
const CITIZENS: Name = ("国民の休日", "Citizens' Holiday");

/// Days declared holidays once, by their own acts.
const ONE_OFF: &[((i32, u32, u32), Name)] = &[
    (
        (1959, 4, 10),
        ("皇太子明仁親王の結婚の儀", "Wedding of Crown Prince Akihito"),
    ),
    ((1989, 2, 24), ("昭和天皇の大喪の礼", "Funeral of Emperor Showa")),
    ((1990, 11, 12), ("即位礼正殿の儀", "Enthronement Ceremony")),
    (
        (1993, 6, 9),
        ("皇太子徳仁親王の結婚の儀", "Wedding of Crown Prince Naruhito"),
    ),
    ((2019, 5, 1), ("天皇の即位の日", "Emperor's Enthronement Day")),
    ((2019, 10, 22), ("即位礼正殿の儀", "Enthronement Ceremony")),
];

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// The `n`th Monday (1-based) of a month.
fn nth_monday(y: i32, m: u32, n: u8) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(y, m, Weekday::Mon, n)
}

/// The day of March of the vernal equinox, or of September of the autumnal.
fn equinox_day(year: i32, vernal: bool) -> u32 {
    let y = f64::from(year - 1980);
    let (base, leap_from) = match (vernal, year) {
        (true, ..1980) => (20.8357, 1983),
        (true, _) => (20.8431, 1980),
        (false, ..1980) => (23.2588, 1983),
        (false, _) => (23.2488, 1980),
    };
    let leaps = f64::from((year - leap_from).div_euclid(4));
    // Between 19 and 24 for every year in range.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let day = (base + 0.242_194 * y - leaps).floor() as u32;
    day
}

/// The named holidays (祝日) of a year, by the rules in force that year, in
/// no particular order.
fn named(year: i32) -> Vec<(NaiveDate, Name)> {
    let y = year;
    let mut out: Vec<(Option<NaiveDate>, Name)> = vec![
        (ymd(y, 1, 1), NEW_YEAR),
        (
            if y < 2000 { ymd(y, 1, 15) } else { nth_monday(y, 1, 2) },
            COMING_OF_AGE,
        ),
        (ymd(y, 3, equinox_day(y, true)), VERNAL),
        (ymd(y, 5, 3), CONSTITUTION),
        (ymd(y, 5, 5), CHILDREN),
        (ymd(y, 9, equinox_day(y, false)), AUTUMNAL),
        (ymd(y, 11, 3), CULTURE),
        (ymd(y, 11, 23), LABOUR),
    ];
    if y >= 1967 {
        out.push((ymd(y, 2, 11), FOUNDATION));
    }
    // The Emperor's Birthday of each reign: Showa to 1988, Heisei from 1989
    // to 2018; none in 2019 (the Heisei emperor abdicated on 30 April, the
    // Reiwa emperor's birthday had passed); Reiwa from 2020.
    match y {
        ..=1988 => out.push((ymd(y, 4, 29), EMPEROR)),
        1989..=2018 => out.push((ymd(y, 12, 23), EMPEROR)),
        2019 => {}
        _ => out.push((ymd(y, 2, 23), EMPEROR)),
    }
    match y {
        1989..=2006 => out.push((ymd(y, 4, 29), GREENERY)),
        2007.. => {
            out.push((ymd(y, 4, 29), SHOWA));
            out.push((ymd(y, 5, 4), GREENERY));
        }
        _ => {}
    }
    match y {
        1996..=2002 => out.push((ymd(y, 7, 20), MARINE)),
        2020 => out.push((ymd(y, 7, 23), MARINE)),
        2021 => out.push((ymd(y, 7, 22), MARINE)),
        2003.. => out.push((nth_monday(y, 7, 3), MARINE)),
        _ => {}
    }
    match y {
        2020 => out.push((ymd(y, 8, 10), MOUNTAIN)),
        2021 => out.push((ymd(y, 8, 8), MOUNTAIN)),
        2016.. => out.push((ymd(y, 8, 11), MOUNTAIN)),
        _ => {}
    }
    match y {
        1966..=2002 => out.push((ymd(y, 9, 15), AGED)),
        2003.. => out.push((nth_monday(y, 9, 3), AGED)),
        _ => {}
    }
    match y {
        1966..=1999 => out.push((ymd(y, 10, 10), HEALTH_SPORTS)),
        2000..=2019 => out.push((nth_monday(y, 10, 2), HEALTH_SPORTS)),
        2020 => out.push((ymd(y, 7, 24), SPORTS)),
        2021 => out.push((ymd(y, 7, 23), SPORTS)),
        2022.. => out.push((nth_monday(y, 10, 2), SPORTS)),
        _ => {}
    }
    for &((oy, m, d), name) in ONE_OFF {
        if oy == y {
            out.push((ymd(y, m, d), name));
        }
    }
    out.into_iter().filter_map(|(d, n)| d.map(|d| (d, n))).collect()
}

/// Every public holiday of `year`, in date order: the named holidays, the
/// citizens' holidays and the substitute holidays. Empty outside
/// [`FIRST_YEAR`]..=[`LAST_YEAR`].
pub fn holidays_in(year: i32) -> Vec<Holiday> {
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
        return Vec::new();
    }
    // The named holidays of this year and of its neighbours' edges (a
    // substitute for a Sunday 31 December would fall in the next year: no
    // holiday is on that day, but the rule need not know it).
    let mut named_days = named(year);
    named_days.sort_by_key(|(d, _)| *d);
    let is_named = |d: NaiveDate| named_days.iter().any(|(n, _)| *n == d);
    let mut out: Vec<Holiday> = named_days
        .iter()
        .map(|&(date, (name_ja, name_en))| Holiday { date, name_ja, name_en })
        .collect();

    // Substitute holidays, from the act of 12 April 1973.
    let substitute_from = NaiveDate::from_ymd_opt(1973, 4, 12).unwrap_or(NaiveDate::MIN);
    let mut substitutes = Vec::new();
    for &(d, _) in &named_days {
        if d < substitute_from || d.weekday() != Weekday::Sun {
            continue;
        }
        let mut next = d.succ_opt();
        if year >= 2007 {
            while let Some(n) = next.filter(|n| is_named(*n)) {
                next = n.succ_opt();
            }
        } else if next.is_some_and(is_named) {
            next = None;
        }
        if let Some(n) = next.filter(|n| n.year() == year) {
            substitutes.push(n);
        }
    }

    // Citizens' holidays, from 27 December 1985: between two named
    // holidays, neither a Sunday nor a holiday of its own.
    if year >= 1986 {
        for &(d, _) in &named_days {
            let (Some(between), Some(after)) = (d.succ_opt(), d.succ_opt().and_then(|b| b.succ_opt())) else {
                continue;
            };
            if is_named(after)
                && !is_named(between)
                && between.weekday() != Weekday::Sun
                && !substitutes.contains(&between)
            {
                out.push(Holiday {
                    date: between,
                    name_ja: CITIZENS.0,
                    name_en: CITIZENS.1,
                });
            }
        }
    }
    out.extend(substitutes.into_iter().map(|date| Holiday {
        date,
        name_ja: SUBSTITUTE.0,
        name_en: SUBSTITUTE.1,
    }));
    out.sort_by_key(|h| h.date);
    out.dedup_by_key(|h| h.date);
    out
}

/// Every public holiday from `from` to `to` (years, inclusive), in date
/// order.
pub fn holidays_between(from: i32, to: i32) -> Vec<Holiday> {
    (from.max(FIRST_YEAR)..=to.min(LAST_YEAR))
        .flat_map(holidays_in)
        .collect()
}

/// The holiday on `date`, if it is one.
pub fn holiday_on(date: NaiveDate) -> Option<Holiday> {
    holidays_in(date.year()).into_iter().find(|h| h.date == date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(y: i32, m: u32, d: u32) -> Option<(&'static str, &'static str)> {
        holiday_on(NaiveDate::from_ymd_opt(y, m, d).unwrap()).map(|h| (h.name_ja, h.name_en))
    }

    #[test]
    fn the_days_the_old_calendar_missed() {
        // Between Respect for the Aged Day (21 Sep) and the Autumnal Equinox (23 Sep).
        assert_eq!(on(2026, 9, 22), Some(("国民の休日", "Citizens' Holiday")));
        assert_eq!(on(2026, 9, 21), Some(("敬老の日", "Respect for the Aged Day")));
        assert_eq!(on(2026, 9, 23), Some(("秋分の日", "Autumnal Equinox Day")));
        // The Autumnal Equinox on Sunday 22 September 2024.
        assert_eq!(on(2024, 9, 22), Some(("秋分の日", "Autumnal Equinox Day")));
        assert_eq!(on(2024, 9, 23), Some(("振替休日", "Substitute Holiday")));
        // The Vernal Equinox on Sunday 21 March 2027.
        assert_eq!(on(2027, 3, 21), Some(("春分の日", "Vernal Equinox Day")));
        assert_eq!(on(2027, 3, 22), Some(("振替休日", "Substitute Holiday")));
    }

    #[test]
    fn a_sunday_holiday_and_its_substitute() {
        // Children's Day 2024 was a Sunday: the substitute is Monday 6 May.
        let d = NaiveDate::from_ymd_opt(2024, 5, 5).unwrap();
        assert_eq!(d.weekday(), Weekday::Sun);
        assert_eq!(on(2024, 5, 5), Some(("こどもの日", "Children's Day")));
        assert_eq!(on(2024, 5, 6), Some(("振替休日", "Substitute Holiday")));
        // Constitution Day on Sunday 3 May 2026: 4 and 5 May are holidays
        // themselves, so since 2007 the substitute is Wednesday 6 May.
        assert_eq!(on(2026, 5, 4), Some(("みどりの日", "Greenery Day")));
        assert_eq!(on(2026, 5, 6), Some(("振替休日", "Substitute Holiday")));
        // Before 2007 only the next day: 3 May 1998, a Sunday, gave 4 May.
        assert_eq!(on(1998, 5, 4), Some(("振替休日", "Substitute Holiday")));
        assert_eq!(on(1998, 5, 6), None);
    }

    #[test]
    fn law_changes_apply_from_their_years() {
        assert_eq!(on(1999, 1, 15).map(|n| n.1), Some("Coming of Age Day"));
        assert_eq!(on(2000, 1, 10).map(|n| n.1), Some("Coming of Age Day"));
        assert_eq!(on(2006, 4, 29).map(|n| n.1), Some("Greenery Day"));
        assert_eq!(on(2007, 4, 29).map(|n| n.1), Some("Showa Day"));
        assert_eq!(on(2015, 8, 11), None);
        assert_eq!(on(2016, 8, 11).map(|n| n.1), Some("Mountain Day"));
        assert_eq!(on(2018, 12, 23).map(|n| n.1), Some("Emperor's Birthday"));
        assert_eq!(on(2019, 12, 23), None);
        assert_eq!(on(2020, 2, 23).map(|n| n.1), Some("Emperor's Birthday"));
        assert_eq!(on(2020, 2, 24).map(|n| n.1), Some("Substitute Holiday"));
        // The enthronement: 1 May 2019 and the citizens' holidays around it.
        assert_eq!(on(2019, 4, 30).map(|n| n.1), Some("Citizens' Holiday"));
        assert_eq!(on(2019, 5, 1).map(|n| n.1), Some("Emperor's Enthronement Day"));
        assert_eq!(on(2019, 5, 2).map(|n| n.1), Some("Citizens' Holiday"));
        assert_eq!(on(2019, 10, 22).map(|n| n.1), Some("Enthronement Ceremony"));
        // The Olympic years, and Sports Day's name from 2020.
        assert_eq!(on(2020, 7, 24).map(|n| n.1), Some("Sports Day"));
        assert_eq!(on(2020, 10, 12), None);
        assert_eq!(on(2021, 8, 8).map(|n| n.1), Some("Mountain Day"));
        assert_eq!(on(2021, 8, 9).map(|n| n.1), Some("Substitute Holiday"));
        assert_eq!(on(2019, 10, 14).map(|n| n.1), Some("Health and Sports Day"));
        assert_eq!(on(2022, 10, 10).map(|n| n.1), Some("Sports Day"));
    }

    #[test]
    fn equinoxes_by_the_formula() {
        let vernal: Vec<u32> = (2024..=2030).map(|y| equinox_day(y, true)).collect();
        assert_eq!(vernal, [20, 20, 20, 21, 20, 20, 20]);
        let autumnal: Vec<u32> = (2024..=2030).map(|y| equinox_day(y, false)).collect();
        assert_eq!(autumnal, [22, 23, 23, 23, 22, 23, 23]);
    }

    #[test]
    fn outside_the_range_nothing() {
        assert!(holidays_in(1948).is_empty());
        assert!(holidays_in(2100).is_empty());
        assert_eq!(holidays_between(2024, 2027).len(), 75);
    }
}
