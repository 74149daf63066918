//! Name parts for generating fictional demo people.
//!
//! Kizuna's demo data needs plausible but fictional overseas trainees
//! (administrative officials in regional development) and Japanese
//! instructors. `names.tsv` holds, per country, lists of common given names
//! and family names in Latin script, romanised the way that country usually
//! does it. Combining parts at random gives ordinary-looking names; no list
//! contains the full name of a real person.
//!
//! `names.tsv` has a header and one row per country: `country` (ISO 3166-1
//! alpha-2, uppercase), `order` (`family_first` or `given_first`), then
//! `given_female`, `given_male` and `family`, each a list separated by `, `
//! (the demo draws from them by position, so their order matters), and a
//! `note` on that country's naming custom.
//!
//! Notes on conventions:
//! - `family` is the part written as the "surname" in international
//!   documents. Where people customarily have no family name (MM, BT, ET,
//!   and in part ID, MY, MN, MV), it holds plausible second name parts
//!   instead; see the note on each such pool.
//! - The API has no gendered family names, so for countries whose surnames
//!   change with sex (RU and the Central Asian republics) the pools use only
//!   forms that suit both sexes; see the note on each such pool.
//!
//! `readings.tsv` gives each name part its other forms, so that demo people
//! have a `name_native` and a `name_kana` and can be found by them. It has a
//! header and one row per name part of each pool: `country`, `latin` (the
//! part exactly as in `names.tsv`), `native` (the part in the country's own
//! script: kanji for JP, simplified hanzi for CN, hangul for KR, Mongolian
//! Cyrillic for MN, Thai, Lao, Khmer and Burmese script; empty where that
//! script is Latin, for the countries whose own script the demo leaves out,
//! and wherever a standard spelling is not certain) and `kana` (the reading
//! in katakana as Japanese offices write it: the Mandarin reading for CN,
//! the Korean one for KR, never the Japanese reading of the characters).
//! A Latin part of several words has a middle dot (・) between them in its
//! reading ("Thị Lan" is ティ・ラン); Burmese parts are written as one word
//! in their script. A person's native name joins the parts family name
//! first without a space for JP, CN and KR, in the pool's order with a
//! space elsewhere; their reading joins the parts with a space in the
//! order their Latin name is written. Either is left out unless every part
//! has that form. Every part of every pool has a row with a reading (a test
//! checks), so a part added to `names.tsv` needs its row here too.

use std::collections::BTreeMap;
use std::sync::LazyLock;

const TSV: &str = include_str!("names.tsv");
const READINGS_TSV: &str = include_str!("readings.tsv");

/// Name parts for generating fictional people of one country.
pub struct NamePool {
    pub given_female: &'static [&'static str],
    pub given_male: &'static [&'static str],
    pub family: &'static [&'static str],
    /// true when the family name is customarily written first (JP, CN, KR,
    /// VN, KH, MN; BT for ordering reasons, see its note).
    pub family_first: bool,
}

/// One row of `names.tsv`, or None when it is malformed (a test checks
/// that none is).
fn row(line: &'static str) -> Option<(&'static str, NamePool)> {
    let cells: Vec<&'static str> = line.split('\t').collect();
    let [country, order, female, male, family, _note] = cells[..] else {
        return None;
    };
    let family_first = match order {
        "family_first" => true,
        "given_first" => false,
        _ => return None,
    };
    // Built once per process and kept for its life, as a `static` would be.
    let list = |cell: &'static str| -> &'static [&'static str] { cell.split(", ").collect::<Vec<_>>().leak() };
    Some((
        country,
        NamePool {
            given_female: list(female),
            given_male: list(male),
            family: list(family),
            family_first,
        },
    ))
}

fn rows() -> impl Iterator<Item = &'static str> {
    TSV.lines().skip(1).filter(|l| !l.trim().is_empty())
}

/// The pools by alpha-2 code.
static POOLS: LazyLock<BTreeMap<&'static str, NamePool>> = LazyLock::new(|| rows().filter_map(row).collect());

/// Every code with a pool, sorted.
static COUNTRIES: LazyLock<Vec<&'static str>> = LazyLock::new(|| POOLS.keys().copied().collect());

/// The pool for an ISO 3166-1 alpha-2 code (uppercase), or None when the country has none.
pub fn name_pool(country: &str) -> Option<&'static NamePool> {
    POOLS.get(country)
}

/// The alpha-2 codes that have a pool, sorted.
pub fn countries_with_pools() -> &'static [&'static str] {
    &COUNTRIES
}

/// A name part's forms besides the Latin one (a row of `readings.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    /// In the country's own script, when that is not Latin and known.
    pub native: Option<&'static str>,
    /// In katakana.
    pub kana: Option<&'static str>,
}

/// One row of `readings.tsv`, or None when it is malformed (a test checks
/// that none is).
fn reading_row(line: &'static str) -> Option<((&'static str, &'static str), Reading)> {
    let cells: Vec<&'static str> = line.split('\t').collect();
    let [country, latin, native, kana] = cells[..] else {
        return None;
    };
    let cell = |c: &'static str| (!c.is_empty()).then_some(c);
    Some((
        (country, latin),
        Reading {
            native: cell(native),
            kana: cell(kana),
        },
    ))
}

fn reading_rows() -> impl Iterator<Item = &'static str> {
    READINGS_TSV.lines().skip(1).filter(|l| !l.trim().is_empty())
}

/// The readings by country, then by Latin part.
static READINGS: LazyLock<BTreeMap<&'static str, BTreeMap<&'static str, Reading>>> = LazyLock::new(|| {
    let mut by_country: BTreeMap<&'static str, BTreeMap<&'static str, Reading>> = BTreeMap::new();
    for ((country, latin), r) in reading_rows().filter_map(reading_row) {
        by_country.entry(country).or_default().insert(latin, r);
    }
    by_country
});

/// The other forms of a part of a name in the pool of `country`, or None
/// when `readings.tsv` has no row for it.
pub fn reading(country: &str, latin: &str) -> Option<&'static Reading> {
    READINGS.get(country)?.get(latin)
}

/// Whether a country's native name is written without a space between
/// family and given name (Chinese characters and hangul).
fn native_unspaced(country: &str) -> bool {
    matches!(country, "JP" | "CN" | "KR")
}

/// The name in its own script and the katakana reading of a person of
/// `country` whose name is made of the parts `family` and `given` of that
/// country's pool: each only when every part has that form.
pub fn native_and_kana(country: &str, family: &str, given: &str) -> (Option<String>, Option<String>) {
    let Some(pool) = name_pool(country) else {
        return (None, None);
    };
    let (Some(f), Some(g)) = (reading(country, family), reading(country, given)) else {
        return (None, None);
    };
    let ordered = |family: &str, given: &str, sep: &str| {
        if pool.family_first {
            format!("{family}{sep}{given}")
        } else {
            format!("{given}{sep}{family}")
        }
    };
    let native = match (f.native, g.native) {
        (Some(f), Some(g)) => Some(ordered(f, g, if native_unspaced(country) { "" } else { " " })),
        _ => None,
    };
    let kana = match (f.kana, g.kana) {
        (Some(f), Some(g)) => Some(ordered(f, g, " ")),
        _ => None,
    };
    (native, kana)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// The codes the demo data needs; every one must have a pool.
    const REQUIRED: &[&str] = &[
        "JP", "TH", "MY", "ID", "PH", "VN", "KH", "LA", "MM", "CN", "MN", "KR", "BD", "LK", "NP", "IN", "PK", "AF",
        "BT", "MV", "TL", "UZ", "KZ", "KG", "TJ", "TM", "AZ", "GE", "AM", "TR", "IR", "IQ", "JO", "SY", "PS", "YE",
        "SA", "EG", "TN", "MA", "DZ", "KE", "TZ", "UG", "ET", "GH", "NG", "ZM", "MW", "MZ", "ZA", "SN", "CM", "RW",
        "MG", "BR", "PE", "BO", "MX", "CL", "AR", "CO", "PA", "HN", "GT", "FJ", "PG", "RU", "UA",
    ];

    fn check_list(code: &str, what: &str, list: &[&str], min: usize, max: usize) {
        assert!(!list.is_empty(), "{code}: {what} is empty");
        assert!(
            (min..=max).contains(&list.len()),
            "{code}: {what} has {} entries, expected {min}..={max}",
            list.len()
        );
        let mut seen = HashSet::new();
        for name in list {
            assert!(!name.is_empty(), "{code}: empty entry in {what}");
            assert_eq!(name.trim(), *name, "{code}: stray whitespace in {what}: {name:?}");
            assert!(!name.contains("  "), "{code}: double space in {what}: {name:?}");
            assert!(seen.insert(*name), "{code}: duplicate {name:?} in {what}");
        }
    }

    #[test]
    fn every_required_country_has_a_full_pool() {
        for code in REQUIRED {
            let pool = name_pool(code).unwrap_or_else(|| panic!("no pool for {code}"));
            check_list(code, "given_female", pool.given_female, 8, 12);
            check_list(code, "given_male", pool.given_male, 8, 12);
            check_list(code, "family", pool.family, 10, 15);
        }
    }

    #[test]
    fn every_listed_country_has_a_full_pool() {
        for code in countries_with_pools() {
            let pool = name_pool(code).unwrap_or_else(|| panic!("listed {code} has no pool"));
            check_list(code, "given_female", pool.given_female, 8, 12);
            check_list(code, "given_male", pool.given_male, 8, 12);
            check_list(code, "family", pool.family, 10, 15);
        }
    }

    #[test]
    fn country_list_is_sorted_and_unique() {
        let list = countries_with_pools();
        assert!(
            list.windows(2).all(|w| w[0] < w[1]),
            "countries_with_pools() is not strictly sorted"
        );
        for code in list {
            assert_eq!(code.len(), 2, "{code} is not a two-letter code");
            assert!(code.bytes().all(|b| b.is_ascii_uppercase()), "{code} is not uppercase");
        }
    }

    #[test]
    fn country_list_matches_name_pool() {
        let listed: HashSet<&str> = countries_with_pools().iter().copied().collect();
        for a in b'A'..=b'Z' {
            for b in b'A'..=b'Z' {
                let code = String::from_utf8(vec![a, b]).unwrap();
                assert_eq!(
                    name_pool(&code).is_some(),
                    listed.contains(code.as_str()),
                    "name_pool and countries_with_pools() disagree on {code}"
                );
            }
        }
        for code in REQUIRED {
            assert!(listed.contains(code), "{code} missing from countries_with_pools()");
        }
    }

    #[test]
    fn unknown_and_malformed_codes_have_no_pool() {
        assert!(name_pool("").is_none());
        assert!(name_pool("jp").is_none());
        assert!(name_pool("JPN").is_none());
        assert!(name_pool("XX").is_none());
    }

    #[test]
    fn family_first_follows_custom() {
        for code in ["JP", "CN", "KR", "VN", "KH", "MN", "BT"] {
            assert!(name_pool(code).unwrap().family_first, "{code} should be family-first");
        }
        for code in ["TH", "IN", "RU", "BR", "MM", "ID", "UA"] {
            assert!(!name_pool(code).unwrap().family_first, "{code} should be given-first");
        }
    }

    #[test]
    fn pools_are_distinct() {
        // Guard against a copy-paste slip mapping two codes to the same static.
        let mut seen = HashSet::new();
        for code in countries_with_pools() {
            let ptr = name_pool(code).unwrap() as *const NamePool as usize;
            assert!(seen.insert(ptr), "{code} shares a pool with another code");
        }
    }

    #[test]
    fn every_row_of_names_tsv_is_well_formed() {
        assert_eq!(
            TSV.lines().next(),
            Some("country\torder\tgiven_female\tgiven_male\tfamily\tnote")
        );
        let mut codes = HashSet::new();
        for (n, line) in TSV.lines().enumerate().skip(1) {
            let (code, _) = row(line).unwrap_or_else(|| panic!("names.tsv line {} is malformed: {line}", n + 1));
            assert!(codes.insert(code), "names.tsv line {}: {code} has a second row", n + 1);
        }
        assert_eq!(codes.len(), countries_with_pools().len());
    }

    /// The countries whose every name part must have a katakana reading,
    /// and a native form in their script where one is given.
    const READ: &[&str] = &["JP", "TH", "CN", "KR", "MN", "LA", "KH", "MM", "MY", "ID", "PH", "VN"];

    /// Whether `c` belongs to the script of `country`'s native names, or
    /// None when the demo gives that country none (Latin-script countries
    /// and those whose script the demo leaves out).
    fn in_script(country: &str, c: char) -> Option<bool> {
        Some(match country {
            "JP" => matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '々'),
            "CN" => matches!(c, '\u{4E00}'..='\u{9FFF}'),
            "KR" => matches!(c, '\u{AC00}'..='\u{D7A3}'),
            "MN" => matches!(c, '\u{0400}'..='\u{04FF}' | '-'),
            "TH" => matches!(c, '\u{0E00}'..='\u{0E7F}'),
            "LA" => matches!(c, '\u{0E80}'..='\u{0EFF}'),
            "KH" => matches!(c, '\u{1780}'..='\u{17FF}'),
            "MM" => matches!(c, '\u{1000}'..='\u{109F}'),
            _ => return None,
        })
    }

    fn is_katakana(c: char) -> bool {
        matches!(c, '\u{30A1}'..='\u{30FA}' | 'ー' | '・')
    }

    /// Every row of `readings.tsv` as read.
    fn all_readings() -> impl Iterator<Item = (&'static str, &'static str, &'static Reading)> {
        READINGS
            .iter()
            .flat_map(|(code, parts)| parts.iter().map(move |(latin, r)| (*code, *latin, r)))
    }

    /// Every part of a pool, each once, in `names.tsv`'s order.
    fn parts(pool: &NamePool) -> Vec<&'static str> {
        let mut all: Vec<&'static str> = Vec::new();
        for part in pool.given_female.iter().chain(pool.given_male).chain(pool.family) {
            if !all.contains(part) {
                all.push(part);
            }
        }
        all
    }

    #[test]
    fn every_row_of_readings_tsv_is_well_formed_and_names_a_part() {
        assert_eq!(READINGS_TSV.lines().next(), Some("country\tlatin\tnative\tkana"));
        let mut seen = HashSet::new();
        for (n, line) in READINGS_TSV.lines().enumerate().skip(1) {
            let ((code, latin), r) =
                reading_row(line).unwrap_or_else(|| panic!("readings.tsv line {} is malformed: {line}", n + 1));
            assert!(
                seen.insert((code, latin)),
                "readings.tsv line {}: a second row for {code} {latin}",
                n + 1
            );
            let pool = name_pool(code).unwrap_or_else(|| panic!("readings.tsv line {}: {code} has no pool", n + 1));
            assert!(
                parts(pool).contains(&latin),
                "readings.tsv line {}: {latin:?} is no part of the {code} pool",
                n + 1
            );
            for cell in [r.native, r.kana].into_iter().flatten() {
                assert_eq!(cell.trim(), cell, "readings.tsv line {}: stray whitespace", n + 1);
            }
        }
        assert_eq!(seen.len(), all_readings().count());
    }

    #[test]
    fn every_part_of_every_pool_has_a_katakana_reading() {
        for code in READ.iter().chain(countries_with_pools()) {
            let pool = name_pool(code).unwrap_or_else(|| panic!("no pool for {code}"));
            for part in parts(pool) {
                let r = reading(code, part).unwrap_or_else(|| panic!("{code}: no row in readings.tsv for {part:?}"));
                assert!(r.kana.is_some(), "{code}: {part:?} has no katakana reading");
            }
        }
    }

    #[test]
    fn every_reading_is_katakana_with_a_dot_between_words() {
        for (code, latin, r) in all_readings() {
            let Some(kana) = r.kana else { continue };
            assert!(
                kana.chars().all(is_katakana),
                "{code} {latin}: {kana:?} is not katakana only"
            );
            let words: Vec<&str> = kana.split('・').collect();
            assert!(
                words.iter().all(|w| !w.is_empty() && !w.starts_with('ー')),
                "{code} {latin}: {kana:?} has an empty word or starts one with ー"
            );
            // As many words as the Latin part, counting hyphenated ones as one or several.
            let spaced = latin.split(' ').count();
            let hyphenated = latin.split([' ', '-']).count();
            assert!(
                (spaced..=hyphenated).contains(&words.len()),
                "{code} {latin}: {kana:?} has {} words, the Latin part {spaced}",
                words.len()
            );
        }
    }

    #[test]
    fn every_native_form_is_in_its_countrys_script() {
        for (code, latin, r) in all_readings() {
            let Some(native) = r.native else { continue };
            assert!(
                in_script(code, 'a').is_some(),
                "{code} {latin}: the demo gives {code} no native script, yet {native:?}"
            );
            for c in native.chars() {
                assert_eq!(
                    in_script(code, c),
                    Some(true),
                    "{code} {latin}: {native:?} has {c:?} (U+{:04X}), not in the {code} script",
                    c as u32
                );
            }
        }
        // Each country with a script has its parts in it.
        for code in READ {
            if in_script(code, 'a').is_none() {
                continue;
            }
            let with = parts(name_pool(code).unwrap())
                .into_iter()
                .filter(|p| reading(code, p).and_then(|r| r.native).is_some())
                .count();
            assert!(with > 0, "{code}: no part has a native form");
        }
    }

    #[test]
    fn known_parts_read_as_written_in_their_country() {
        let r = |code, latin| {
            let r = reading(code, latin).unwrap_or_else(|| panic!("{code} {latin}"));
            (r.native, r.kana)
        };
        assert_eq!(r("TH", "Somchai"), (Some("สมชาย"), Some("ソムチャイ")));
        assert_eq!(r("TH", "Siriporn"), (Some("ศิริพร"), Some("シリポーン")));
        assert_eq!(r("KR", "Kim"), (Some("김"), Some("キム")));
        assert_eq!(r("CN", "Wang"), (Some("王"), Some("ワン")));
        assert_eq!(r("VN", "Nguyễn"), (None, Some("グエン")));
        assert_eq!(r("JP", "Tanaka"), (Some("田中"), Some("タナカ")));
        assert_eq!(r("KH", "Kim"), (Some("គីម"), Some("キム")));
    }

    #[test]
    fn names_join_their_parts_in_the_customary_order() {
        let both = |native: &str, kana: &str| (Some(native.to_owned()), Some(kana.to_owned()));
        assert_eq!(
            native_and_kana("JP", "Tanaka", "Hiroshi"),
            both("田中博", "タナカ ヒロシ")
        );
        assert_eq!(
            native_and_kana("CN", "Wang", "Xiaomei"),
            both("王小美", "ワン シャオメイ")
        );
        assert_eq!(native_and_kana("KR", "Kim", "Min-ji"), both("김민지", "キム ミンジ"));
        assert_eq!(
            native_and_kana("MN", "Ganbat", "Batbayar"),
            both("Ганбат Батбаяр", "ガンバト バトバヤル")
        );
        assert_eq!(
            native_and_kana("TH", "Saetang", "Somchai"),
            both("สมชาย แซ่ตั้ง", "ソムチャイ セータン")
        );
        assert_eq!(
            native_and_kana("LA", "Vongsa", "Somphone"),
            both("ສົມພອນ ວົງສາ", "ソムポーン ウォンサー")
        );
        assert_eq!(native_and_kana("KH", "Sok", "Sophea"), both("សុខ សុភា", "ソック ソピア"));
        assert_eq!(
            native_and_kana("MM", "Hlaing", "Su Su"),
            both("စုစု လှိုင်", "スー・スー フライン")
        );
        assert_eq!(
            native_and_kana("VN", "Nguyễn", "Thị Lan"),
            (None, Some("グエン ティ・ラン".to_owned()))
        );
        assert_eq!(
            native_and_kana("PH", "Dela Cruz", "Maria Cristina"),
            (None, Some("マリア・クリスティーナ デラ・クルス".to_owned()))
        );
        // A part the pool lacks, or a country without one: neither form.
        assert_eq!(native_and_kana("TH", "Smith", "Somchai"), (None, None));
        assert_eq!(native_and_kana("XX", "Tanaka", "Hiroshi"), (None, None));
    }
}
