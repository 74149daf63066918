//! The demo's plan: which countries send how many trainees in which
//! years, its courses and their editions' dates, and the deterministic
//! draws (a seeded generator, fictional people from the name pools).

use std::collections::HashSet;

use chrono::NaiveDate;
use kizuna_domain::common::person::{Gender, PersonInput};
use kizuna_domain::common::{CountryCode, FiscalYear, Key, Text};

use super::names;

/// Countries with trainees by March 2008 (57).
pub const EARLY_COUNTRIES: [&str; 57] = [
    "TH", "MY", "ID", "PH", "VN", "KH", "LA", "MM", "CN", "MN", "BD", "LK", "NP", "IN", "PK", "AF", "BT", "MV", "UZ",
    "KZ", "KG", "TJ", "TM", "AZ", "GE", "AM", "TR", "IR", "IQ", "JO", "SY", "YE", "SA", "EG", "TN", "MA", "DZ", "KE",
    "TZ", "UG", "ET", "GH", "NG", "ZM", "MW", "MZ", "ZA", "SN", "BR", "PE", "BO", "MX", "CL", "AR", "CO", "FJ", "PG",
];
/// Countries whose first trainees came after March 2008.
pub const LATER_COUNTRIES: [&str; 9] = ["TL", "PS", "CM", "RW", "MG", "PA", "HN", "GT", "UA"];
/// Trainees accepted per fiscal year, FY1992–FY2007 (sums to 680).
pub const EARLY_PER_YEAR: [usize; 16] = [18, 22, 26, 30, 34, 38, 40, 42, 44, 46, 48, 50, 52, 56, 62, 72];
/// New trainees per fiscal year, FY2008–FY2026 (none in FY2020, the pandemic year).
pub const LATER_PER_YEAR: [usize; 19] = [
    40, 38, 36, 34, 30, 28, 32, 34, 36, 38, 40, 36, 0, 12, 24, 30, 34, 28, 26,
];

/// A small deterministic generator (SplitMix64), so the demo is the same everywhere.
pub(super) struct Rng(pub(super) u64);

impl Rng {
    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub(super) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub(super) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    pub(super) fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

pub(super) fn t(s: &str) -> Text {
    Text::parse(s).unwrap_or_else(|_| Text::parse("?").expect("literal"))
}
pub(super) fn k(s: &str) -> Key {
    Key::parse(s).unwrap_or_else(|_| Key::parse("invalid-demo-key").expect("literal"))
}
pub(super) fn cc(s: &str) -> CountryCode {
    CountryCode::parse(s).unwrap_or_else(|_| CountryCode::parse("JP").expect("JP exists"))
}
pub(super) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}
pub(super) fn fy(y: i32) -> FiscalYear {
    FiscalYear::new(y).unwrap_or_else(|_| FiscalYear::containing(date(y, 4, 1)))
}

/// How often a country's nationals are drawn, beyond the first one.
pub(super) fn weight(code: &str) -> usize {
    match code {
        "TH" | "MY" | "ID" | "PH" | "VN" | "KH" | "LA" | "MM" | "CN" | "MN" => 6,
        "BD" | "LK" | "NP" | "IN" | "PK" | "UZ" | "KZ" | "KG" | "TJ" | "KE" | "TZ" | "BR" | "PE" => 3,
        _ => 1,
    }
}

/// A fictional person of a country, with their name in their own script
/// and its katakana reading when the name's parts have them.
pub(super) fn person(rng: &mut Rng, country: &str, org: Option<i64>, taken: &mut HashSet<String>) -> PersonInput {
    // The country whose pool the name comes from, for its readings.
    let (named_as, pool) = match names::name_pool(country) {
        Some(pool) => (country, pool),
        None => ("JP", names::name_pool("JP").expect("JP pool exists")),
    };
    let positions = [
        "Director",
        "Deputy Director",
        "Planning Officer",
        "Senior Engineer",
        "Regional Planner",
        "Chief of Section",
        "Economist",
    ];
    loop {
        let female = rng.chance(38);
        let gender = if female { Gender::Female } else { Gender::Male };
        let given = if female {
            rng.pick(pool.given_female)
        } else {
            rng.pick(pool.given_male)
        };
        let family = rng.pick(pool.family);
        let birth = date(
            1950 + rng.below(36) as i32,
            1 + rng.below(12) as u32,
            1 + rng.below(28) as u32,
        );
        // Drawing nothing, so the demo's draws are the same with or without readings.
        let (native, kana) = names::native_and_kana(named_as, family, given);
        let p = PersonInput {
            family_name: t(family),
            given_name: Some(t(given)),
            name_native: native.as_deref().map(t),
            name_kana: kana.as_deref().map(t),
            gender,
            nationality: cc(country),
            birth_date: Some(birth),
            email: None,
            organisation_id: org,
            position: Some(t(rng.pick::<&str>(&positions))),
        };
        if taken.insert(p.identity_key()) {
            return p;
        }
    }
}

pub(super) struct Course {
    pub(super) key: &'static str,
    pub(super) title_en: &'static str,
    pub(super) title_ja: &'static str,
    pub(super) targets: &'static [&'static str],
    pub(super) years: std::ops::RangeInclusive<i32>,
    /// Month and day the edition starts, and its length in days.
    pub(super) start: (u32, u32),
    pub(super) days: i64,
}

pub(super) const GENERAL: Course = Course {
    key: "gmrdp",
    title_en: "General Management for Regional Development and Planning",
    title_ja: "地域開発計画管理",
    targets: &[],
    years: 1992..=2026,
    start: (9, 1),
    days: 45,
};

pub(super) const COUNTRY_COURSES: &[Course] = &[
    Course {
        key: "rdp-indonesia",
        title_en: "Regional Development Planning for Indonesia",
        title_ja: "インドネシア地域開発計画",
        targets: &["ID"],
        years: 1996..=2004,
        start: (6, 2),
        days: 28,
    },
    Course {
        key: "port-philippines",
        title_en: "Port and Coastal Zone Management for the Philippines",
        title_ja: "フィリピン港湾・沿岸域管理",
        targets: &["PH"],
        years: 1998..=2006,
        start: (11, 5),
        days: 21,
    },
    Course {
        key: "cold-region-mongolia",
        title_en: "Cold-Region Infrastructure Management for Mongolia",
        title_ja: "モンゴル寒冷地インフラ管理",
        targets: &["MN"],
        years: 2001..=2012,
        start: (1, 20),
        days: 24,
    },
    Course {
        key: "rural-vietnam",
        title_en: "Agricultural and Rural Development for Viet Nam",
        title_ja: "ベトナム農業・農村開発",
        targets: &["VN"],
        years: 2003..=2011,
        start: (7, 1),
        days: 30,
    },
    Course {
        key: "regional-central-asia",
        title_en: "Regional Development Administration for Central Asia",
        title_ja: "中央アジア地域開発行政",
        targets: &["UZ", "KZ", "KG", "TJ", "TM"],
        years: 2005..=2016,
        start: (5, 15),
        days: 28,
    },
    Course {
        key: "food-value-chain-th-my",
        title_en: "Food Value Chain Development for Thailand and Malaysia",
        title_ja: "タイ・マレーシア食のバリューチェーン開発",
        targets: &["TH", "MY"],
        years: 2014..=2026,
        start: (10, 20),
        days: 21,
    },
];

impl Course {
    pub(super) fn edition_start(&self, year: i32) -> NaiveDate {
        let (m, d) = self.start;
        // Months January–March belong to the fiscal year that began the April before.
        if m < 4 { date(year + 1, m, d) } else { date(year, m, d) }
    }
}

/// One trainee slot of the plan.
pub(super) struct Slot {
    pub(super) country: &'static str,
    pub(super) year: i32,
}
