//! Dates, numbers and fiscal years written the local way, from CLDR
//! through ICU4X (data compiled in).
//!
//! | | `date` (medium) | `date_long` | `number_in` |
//! |---|---|---|---|
//! | en | 31 Mar 2008 | 31 March 2008 | 1,234,567 |
//! | ja | 2008年3月31日 | 2008年3月31日 | 1,234,567 |
//! | th | 31 มี.ค. 2551 | 31 มีนาคม 2551 | 1,234,567 |
//! | ms | 31 Mac 2008 | 31 Mac 2008 | 1,234,567 |
//!
//! - English is CLDR's international English (`en-001`: day, month,
//!   year, "19 Sept 2007"), as the site has always written it, not the US
//!   order (`en`: "Mar 31, 2008").
//! - Japanese uses the long form for both: CLDR's medium form is
//!   "2008/03/31".
//! - Thai uses the Buddhist era, CLDR's default calendar for Thai.
//! - Every other language uses the Gregorian calendar. Only these two
//!   calendars' data is linked in.

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use fluent_bundle::FluentValue;
use icu_calendar::cal::{Buddhist, Gregorian};
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::YMD;
use icu_datetime::input::Date;
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use icu_locale_core::{Locale, locale};
use kizuna_domain::common::FiscalYear;

use crate::{Lang, message};

/// One language's date formatter, in the calendar that language writes dates in.
enum DateFormatter {
    Gregorian(FixedCalendarDateTimeFormatter<Gregorian, YMD>),
    Buddhist(FixedCalendarDateTimeFormatter<Buddhist, YMD>),
}

impl DateFormatter {
    fn new(lang: Lang, fields: YMD) -> DateFormatter {
        let locale = date_locale(lang);
        let prefs = (&locale).into();
        match lang {
            Lang::Th => DateFormatter::Buddhist(
                FixedCalendarDateTimeFormatter::try_new(prefs, fields).expect("compiled date data for th"),
            ),
            Lang::En | Lang::Ja | Lang::Ms => DateFormatter::Gregorian(
                FixedCalendarDateTimeFormatter::try_new(prefs, fields).expect("compiled date data"),
            ),
        }
    }

    fn format(&self, d: NaiveDate) -> String {
        let Some(iso) = u8::try_from(d.month())
            .ok()
            .zip(u8::try_from(d.day()).ok())
            .and_then(|(m, day)| Date::try_new_iso(d.year(), m, day).ok())
        else {
            // Outside ICU4X's range of years (hundreds of thousands of years away).
            return d.to_string();
        };
        match self {
            DateFormatter::Gregorian(f) => f.format(&iso.to_calendar(Gregorian)).to_string(),
            DateFormatter::Buddhist(f) => f.format(&iso.to_calendar(Buddhist)).to_string(),
        }
    }
}

/// The locale dates are written for: international English rather than US English.
fn date_locale(lang: Lang) -> Locale {
    match lang {
        Lang::En => locale!("en-001"),
        _ => lang.locale(),
    }
}

/// Per language (in [`Lang::ALL`] order): the medium and the long formatter.
static DATES: LazyLock<[[DateFormatter; 2]; 4]> = LazyLock::new(|| {
    Lang::ALL.map(|lang| {
        // Japanese pages write dates in full: CLDR's medium form is 2008/03/31.
        let medium = if lang == Lang::Ja { YMD::long() } else { YMD::medium() };
        [DateFormatter::new(lang, medium), DateFormatter::new(lang, YMD::long())]
    })
});

static NUMBERS: LazyLock<[DecimalFormatter; 4]> = LazyLock::new(|| {
    Lang::ALL.map(|lang| {
        DecimalFormatter::try_new((&lang.locale()).into(), Default::default()).expect("compiled number data")
    })
});

/// An integer with thousands separators, the English way (1,234,567).
/// All four languages group by three with commas; see [`number_in`].
pub fn number(n: impl Into<i128>) -> String {
    number_in(Lang::En, n)
}

/// An integer with the language's thousands separators (CLDR: Latin
/// digits, grouped by three with commas in all four languages).
pub fn number_in(lang: Lang, n: impl Into<i128>) -> String {
    NUMBERS[lang.index()].format(&Decimal::from(n.into())).to_string()
}

/// A date the local way: 31 Mar 2008, 2008年3月31日, 31 มี.ค. 2551 (Buddhist era), 31 Mac 2008.
pub fn date(lang: Lang, d: NaiveDate) -> String {
    DATES[lang.index()][0].format(d)
}

/// A date written out in full: 31 March 2008, 2008年3月31日, 31 มีนาคม 2551, 31 Mac 2008.
pub fn date_long(lang: Lang, d: NaiveDate) -> String {
    DATES[lang.index()][1].format(d)
}

/// A fiscal year the local way; Japanese shows the era form beside it.
pub fn fiscal_year(lang: Lang, fy: FiscalYear) -> String {
    match lang {
        Lang::Ja => format!("{}年度（{}）", fy.year(), fy.era_label()),
        _ => message(
            lang,
            "fiscal-year",
            &[("year", FluentValue::from(fy.year().to_string()))],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
    }

    #[test]
    fn dates_medium_in_four_languages() {
        let d = ymd(2008, 3, 31);
        assert_eq!(date(Lang::En, d), "31 Mar 2008");
        assert_eq!(date(Lang::Ja, d), "2008年3月31日");
        assert_eq!(date(Lang::Th, d), "31 มี.ค. 2551");
        assert_eq!(date(Lang::Ms, d), "31 Mac 2008");
        let d = ymd(2026, 8, 1);
        assert_eq!(date(Lang::En, d), "1 Aug 2026");
        assert_eq!(date(Lang::Ja, d), "2026年8月1日");
        assert_eq!(date(Lang::Th, d), "1 ส.ค. 2569");
        assert_eq!(date(Lang::Ms, d), "1 Ogo 2026");
        // International English abbreviates September to four letters.
        let d = ymd(2007, 9, 19);
        assert_eq!(date(Lang::En, d), "19 Sept 2007");
        assert_eq!(date(Lang::Ja, d), "2007年9月19日");
        assert_eq!(date(Lang::Th, d), "19 ก.ย. 2550");
        assert_eq!(date(Lang::Ms, d), "19 Sep 2007");
    }

    #[test]
    fn dates_long_in_four_languages() {
        let d = ymd(2008, 3, 31);
        assert_eq!(date_long(Lang::En, d), "31 March 2008");
        assert_eq!(date_long(Lang::Ja, d), "2008年3月31日");
        assert_eq!(date_long(Lang::Th, d), "31 มีนาคม 2551");
        assert_eq!(date_long(Lang::Ms, d), "31 Mac 2008");
        let d = ymd(2027, 11, 30);
        assert_eq!(date_long(Lang::En, d), "30 November 2027");
        assert_eq!(date_long(Lang::Ja, d), "2027年11月30日");
        assert_eq!(date_long(Lang::Th, d), "30 พฤศจิกายน 2570");
        assert_eq!(date_long(Lang::Ms, d), "30 November 2027");
        assert_eq!(date_long(Lang::Ms, ymd(2027, 8, 30)), "30 Ogos 2027");
    }

    #[test]
    fn dates_far_away_still_show() {
        // CLDR names the era for years it would be unclear without one.
        assert_eq!(date(Lang::En, ymd(1, 1, 1)), "1 Jan 1 AD");
        // Beyond ICU4X's years: the ISO form.
        let far = NaiveDate::MAX;
        assert!(!date(Lang::Th, far).is_empty());
        assert!(!date_long(Lang::En, NaiveDate::MIN).is_empty());
    }

    #[test]
    fn numbers_in_four_languages() {
        for lang in Lang::ALL {
            assert_eq!(number_in(lang, 1_234_567), "1,234,567", "{lang}");
            assert_eq!(number_in(lang, 680), "680", "{lang}");
            assert_eq!(number_in(lang, 0), "0", "{lang}");
            assert_eq!(number_in(lang, -9_876), "-9,876", "{lang}");
            assert_eq!(number_in(lang, 1_000u32), "1,000", "{lang}");
        }
        assert_eq!(number(1_234_567), "1,234,567");
        assert_eq!(number(i64::MIN), "-9,223,372,036,854,775,808");
        assert_eq!(number(u64::MAX), "18,446,744,073,709,551,615");
    }

    #[test]
    fn fiscal_years_in_four_languages() {
        let fy = FiscalYear::new(2019).expect("a fiscal year");
        assert_eq!(fiscal_year(Lang::Ja, fy), "2019年度（令和元年度）");
        assert_eq!(fiscal_year(Lang::En, fy), "FY2019");
        assert_eq!(fiscal_year(Lang::Th, fy), "ปีงบประมาณ 2019");
        assert_eq!(fiscal_year(Lang::Ms, fy), "TK2019");
    }

    #[test]
    fn tables_follow_lang_all() {
        for (i, lang) in Lang::ALL.into_iter().enumerate() {
            assert_eq!(lang.index(), i);
        }
    }
}
