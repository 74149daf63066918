//! Month headings and weekday names for the calendar page, from CLDR
//! through ICU4X (data compiled in), in each language's calendar: Thai in
//! the Buddhist era, the others Gregorian.
//!
//! | | `month_year` | `weekday` (short) |
//! |---|---|---|
//! | en | September 2022 | Thu |
//! | ja | 2022年9月 | 木 |
//! | th | กันยายน 2565 | พฤหัส |
//! | ms | September 2022 | Kha |

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use icu_calendar::cal::{Buddhist, Gregorian};
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::{E, YM};
use icu_datetime::input::Date;
use icu_locale_core::{Locale, locale};

use crate::Lang;

enum Months {
    Gregorian(FixedCalendarDateTimeFormatter<Gregorian, YM>),
    Buddhist(FixedCalendarDateTimeFormatter<Buddhist, YM>),
}

enum Weekdays {
    Gregorian(FixedCalendarDateTimeFormatter<Gregorian, E>),
    Buddhist(FixedCalendarDateTimeFormatter<Buddhist, E>),
}

fn locale_of(lang: Lang) -> Locale {
    match lang {
        Lang::En => locale!("en-001"),
        _ => lang.locale(),
    }
}

static MONTHS: LazyLock<[Months; 4]> = LazyLock::new(|| {
    Lang::ALL.map(|lang| {
        let l = locale_of(lang);
        match lang {
            Lang::Th => Months::Buddhist(
                FixedCalendarDateTimeFormatter::try_new((&l).into(), YM::long()).expect("compiled month data for th"),
            ),
            _ => Months::Gregorian(
                FixedCalendarDateTimeFormatter::try_new((&l).into(), YM::long()).expect("compiled month data"),
            ),
        }
    })
});

static WEEKDAYS: LazyLock<[Weekdays; 4]> = LazyLock::new(|| {
    Lang::ALL.map(|lang| {
        let l = locale_of(lang);
        match lang {
            Lang::Th => Weekdays::Buddhist(
                FixedCalendarDateTimeFormatter::try_new((&l).into(), E::short()).expect("compiled weekday data for th"),
            ),
            _ => Weekdays::Gregorian(
                FixedCalendarDateTimeFormatter::try_new((&l).into(), E::short()).expect("compiled weekday data"),
            ),
        }
    })
});

fn iso(d: NaiveDate) -> Option<Date<icu_calendar::Iso>> {
    let m = u8::try_from(d.month()).ok()?;
    let day = u8::try_from(d.day()).ok()?;
    Date::try_new_iso(d.year(), m, day).ok()
}

/// A month as a calendar's heading: "September 2022", "2022年9月",
/// "กันยายน 2565", "September 2022".
pub fn month_year(lang: Lang, year: i32, month: u32) -> String {
    let Some(d) = NaiveDate::from_ymd_opt(year, month, 1).and_then(iso) else {
        return format!("{year:04}-{month:02}");
    };
    match &MONTHS[lang.index()] {
        Months::Gregorian(f) => f.format(&d.to_calendar(Gregorian)).to_string(),
        Months::Buddhist(f) => f.format(&d.to_calendar(Buddhist)).to_string(),
    }
}

/// A day's weekday, short: "Thu", "木", "พฤ.", "Kha".
pub fn weekday(lang: Lang, day: NaiveDate) -> String {
    let Some(d) = iso(day) else { return String::new() };
    match &WEEKDAYS[lang.index()] {
        Weekdays::Gregorian(f) => f.format(&d.to_calendar(Gregorian)).to_string(),
        Weekdays::Buddhist(f) => f.format(&d.to_calendar(Buddhist)).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_and_weekdays_in_each_language() {
        let d = NaiveDate::from_ymd_opt(2022, 9, 1).expect("a date");
        for lang in Lang::ALL {
            let m = month_year(lang, 2022, 9);
            let w = weekday(lang, d);
            eprintln!("{lang:?}: {m} / {w}");
            assert!(!m.is_empty() && !w.is_empty());
        }
        assert!(month_year(Lang::En, 2022, 9).contains("September"));
        assert!(month_year(Lang::Ja, 2022, 9).contains('9'));
        assert!(month_year(Lang::Th, 2022, 9).contains("2565"), "Buddhist era");
        assert_eq!(weekday(Lang::Ja, d), "木");
    }
}
