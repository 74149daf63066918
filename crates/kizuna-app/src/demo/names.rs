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

use std::collections::BTreeMap;
use std::sync::LazyLock;

const TSV: &str = include_str!("names.tsv");

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
}
