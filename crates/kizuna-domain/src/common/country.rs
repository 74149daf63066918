//! Countries: ISO 3166-1 alpha-2 codes, their names in Kizuna's four
//! languages and Japanese, and the region an office groups them by.
//!
//! The table (`countries.tsv`) holds CLDR's names and UN M49 regions, with
//! Western Asia's Gulf and Levant countries, Turkey and Iran grouped as the
//! Middle East the way international-cooperation offices report them.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use super::error::Invalid;
use crate::string_enum;

string_enum! {
    /// The regions trainees and partners are reported by.
    Region {
        Africa = "africa",
        Asia = "asia",
        MiddleEast = "middle_east",
        Europe = "europe",
        NorthAmerica = "north_america",
        LatinAmerica = "latin_america",
        Oceania = "oceania",
    }
}

impl Region {
    pub fn name_en(self) -> &'static str {
        match self {
            Region::Africa => "Africa",
            Region::Asia => "Asia",
            Region::MiddleEast => "Middle East",
            Region::Europe => "Europe",
            Region::NorthAmerica => "North America",
            Region::LatinAmerica => "Latin America and the Caribbean",
            Region::Oceania => "Oceania",
        }
    }
}

/// A country as the reference table gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    pub code: CountryCode,
    pub name_en: &'static str,
    pub name_ja: &'static str,
    pub name_th: &'static str,
    pub name_ms: &'static str,
    pub region: Region,
    /// ISO 3166-1 numeric code (CLDR's code mappings), e.g. 764 for TH; the
    /// `id` world maps (Natural Earth, world-atlas) key countries by.
    pub numeric: u16,
}

impl Country {
    /// The name in a BCP 47 language (en, ja, th, ms); English otherwise.
    pub fn name(&self, lang: &str) -> &'static str {
        match lang.split(['-', '_']).next().unwrap_or("en") {
            "ja" => self.name_ja,
            "th" => self.name_th,
            "ms" => self.name_ms,
            _ => self.name_en,
        }
    }
}

struct Table {
    all: Vec<Country>,
    by_code: HashMap<[u8; 2], usize>,
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let mut all = Vec::new();
    for line in include_str!("countries.tsv").lines().skip(1) {
        let f: Vec<&'static str> = line.split('\t').collect();
        let [code, en, ja, th, ms, region, numeric] = f[..] else {
            continue;
        };
        let (Ok(region), Ok(numeric), [a, b]) = (region.parse::<Region>(), numeric.parse::<u16>(), code.as_bytes())
        else {
            continue;
        };
        all.push(Country {
            code: CountryCode([*a, *b]),
            name_en: en,
            name_ja: ja,
            name_th: th,
            name_ms: ms,
            region,
            numeric,
        });
    }
    let by_code = all.iter().enumerate().map(|(i, c)| (c.code.0, i)).collect();
    Table { all, by_code }
});

/// Every country in the table, sorted by code.
pub fn all_countries() -> &'static [Country] {
    &TABLE.all
}

/// An ISO 3166-1 alpha-2 code that names a country in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = String, example = "TH"))]
#[serde(try_from = "String", into = "String")]
pub struct CountryCode([u8; 2]);

impl CountryCode {
    /// Parse a code, in either case (`th` → `TH`).
    pub fn parse(s: &str) -> Result<Self, Invalid> {
        let t = s.trim();
        let b = t.as_bytes();
        if b.len() == 2 && b.iter().all(u8::is_ascii_alphabetic) {
            let code = [b[0].to_ascii_uppercase(), b[1].to_ascii_uppercase()];
            if TABLE.by_code.contains_key(&code) {
                return Ok(Self(code));
            }
        }
        Err(Invalid::new(
            "unknown_country",
            format!("\"{t}\" is not an ISO 3166-1 alpha-2 country code (e.g. TH, MY, JP)"),
        ))
    }

    pub fn as_str(&self) -> &str {
        // Both bytes are ASCII letters by construction.
        std::str::from_utf8(&self.0).unwrap_or("??")
    }

    pub fn country(self) -> &'static Country {
        &TABLE.all[TABLE.by_code[&self.0]]
    }

    pub fn region(self) -> Region {
        self.country().region
    }
}

impl TryFrom<String> for CountryCode {
    type Error = Invalid;
    fn try_from(s: String) -> Result<Self, Invalid> {
        Self::parse(&s)
    }
}

impl From<CountryCode> for String {
    fn from(c: CountryCode) -> String {
        c.as_str().to_owned()
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

crate::text_scalar!(CountryCode);

impl FromStr for CountryCode {
    type Err = Invalid;
    fn from_str(s: &str) -> Result<Self, Invalid> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_complete_and_consistent() {
        let all = all_countries();
        assert!(all.len() >= 249, "{} countries", all.len());
        assert!(all.windows(2).all(|w| w[0].code < w[1].code), "sorted, no duplicates");
        for c in all {
            for n in [c.name_en, c.name_ja, c.name_th, c.name_ms] {
                assert!(!n.trim().is_empty(), "{}", c.code);
            }
            assert!((1..=999).contains(&c.numeric), "{} numeric {}", c.code, c.numeric);
        }
        let mut numerics: Vec<u16> = all.iter().map(|c| c.numeric).collect();
        numerics.sort_unstable();
        numerics.dedup();
        assert_eq!(numerics.len(), all.len(), "numeric codes are unique");
    }

    #[test]
    fn codes_parse_in_either_case_and_carry_names() {
        let jp = CountryCode::parse("jp").unwrap();
        assert_eq!(jp.as_str(), "JP");
        assert_eq!(jp.country().name_ja, "日本");
        assert_eq!(jp.country().name("ms"), "Jepun");
        assert_eq!(jp.region(), Region::Asia);
        assert_eq!(jp.country().numeric, 392);
        assert_eq!(CountryCode::parse("TH").unwrap().country().numeric, 764);
        assert_eq!(CountryCode::parse("AD").unwrap().country().numeric, 20);
        assert_eq!(CountryCode::parse("SA").unwrap().region(), Region::MiddleEast);
        assert_eq!(CountryCode::parse("EG").unwrap().region(), Region::Africa);
        assert_eq!(CountryCode::parse("PE").unwrap().region(), Region::LatinAmerica);
        assert_eq!(CountryCode::parse("XX").unwrap_err().code, "unknown_country");
        assert_eq!(CountryCode::parse("Thailand").unwrap_err().code, "unknown_country");
        assert!(CountryCode::parse("").is_err());
    }
}
