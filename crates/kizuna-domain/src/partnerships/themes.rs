//! The partnership themes: a controlled vocabulary, translated into
//! Kizuna's four languages and mapped to OECD DAC purpose codes, that
//! programmes, offers and needs are tagged with (`themes.tsv`).

use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::common::error::Invalid;

/// One theme of the vocabulary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeInfo {
    pub key: &'static str,
    /// The OECD DAC 5-digit purpose code (IATI sector vocabulary 1).
    pub dac_code: &'static str,
    pub name_en: &'static str,
    pub name_ja: &'static str,
    pub name_th: &'static str,
    pub name_ms: &'static str,
}

static THEMES: LazyLock<Vec<ThemeInfo>> = LazyLock::new(|| {
    include_str!("themes.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let c: Vec<&'static str> = l.split('\t').collect();
            assert_eq!(c.len(), 6, "themes.tsv: six columns in {l:?}");
            ThemeInfo {
                key: c[0],
                dac_code: c[1],
                name_en: c[2],
                name_ja: c[3],
                name_th: c[4],
                name_ms: c[5],
            }
        })
        .collect()
});

/// Every theme, in the vocabulary's order.
pub fn all() -> &'static [ThemeInfo] {
    &THEMES
}

/// A theme of the vocabulary, by key (`halal`, `nature_tourism`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Theme(u16);

impl Theme {
    pub fn info(self) -> &'static ThemeInfo {
        &THEMES[self.0 as usize]
    }
    pub fn key(self) -> &'static str {
        self.info().key
    }
    pub fn dac_code(self) -> &'static str {
        self.info().dac_code
    }
    pub fn all() -> impl Iterator<Item = Theme> {
        (0..THEMES.len()).map(|i| Theme(i as u16))
    }
}

impl FromStr for Theme {
    type Err = Invalid;
    fn from_str(s: &str) -> Result<Self, Invalid> {
        let t = s.trim();
        THEMES
            .iter()
            .position(|th| th.key.eq_ignore_ascii_case(t))
            .map(|i| Theme(i as u16))
            .ok_or_else(|| {
                Invalid::new(
                    "unknown_theme",
                    format!(
                        "\"{t}\" is not a theme; the themes are: {}",
                        THEMES.iter().map(|t| t.key).collect::<Vec<_>>().join(", ")
                    ),
                )
            })
    }
}

impl fmt::Display for Theme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl Serialize for Theme {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

impl<'de> Deserialize<'de> for Theme {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(|e: Invalid| serde::de::Error::custom(e.message))
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Theme {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .enum_values(Some(THEMES.iter().map(|t| t.key)))
            .description(Some(
                "A theme of the partnership vocabulary (mapped to an OECD DAC purpose code).",
            ))
            .into()
    }
}
#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Theme {}

crate::text_scalar!(Theme);

/// A set of themes, kept in the vocabulary's order without repeats; stored
/// as one text column of keys separated by spaces.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(from = "Vec<Theme>", into = "Vec<Theme>")]
#[cfg_attr(feature = "openapi", schema(value_type = Vec<Theme>))]
pub struct Themes(Vec<Theme>);

impl Themes {
    pub fn new(mut v: Vec<Theme>) -> Self {
        v.sort();
        v.dedup();
        Themes(v)
    }
    pub fn iter(&self) -> impl Iterator<Item = Theme> + '_ {
        self.0.iter().copied()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn contains(&self, t: Theme) -> bool {
        self.0.contains(&t)
    }
}

impl From<Vec<Theme>> for Themes {
    fn from(v: Vec<Theme>) -> Self {
        Themes::new(v)
    }
}

impl From<Themes> for Vec<Theme> {
    fn from(t: Themes) -> Self {
        t.0
    }
}

impl FromIterator<Theme> for Themes {
    fn from_iter<I: IntoIterator<Item = Theme>>(i: I) -> Self {
        Themes::new(i.into_iter().collect())
    }
}

impl fmt::Display for Themes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let keys: Vec<&str> = self.0.iter().map(|t| t.key()).collect();
        f.write_str(&keys.join(" "))
    }
}

/// Keys separated by spaces, commas or semicolons; an unknown key is refused
/// naming it and the vocabulary.
impl FromStr for Themes {
    type Err = Invalid;
    fn from_str(s: &str) -> Result<Self, Invalid> {
        s.split([' ', ',', ';'])
            .filter(|k| !k.trim().is_empty())
            .map(str::parse)
            .collect::<Result<Vec<Theme>, _>>()
            .map(Themes::new)
    }
}

crate::text_scalar!(Themes);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_theme_has_four_names_and_a_five_digit_dac_code() {
        assert!(all().len() >= 20);
        for t in all() {
            assert!(
                t.dac_code.len() == 5 && t.dac_code.bytes().all(|b| b.is_ascii_digit()),
                "{t:?}"
            );
            for n in [t.name_en, t.name_ja, t.name_th, t.name_ms] {
                assert!(!n.trim().is_empty(), "{t:?}");
            }
            assert_ne!(t.name_en, t.name_ms, "{}: the Malay name is not the English one", t.key);
        }
    }

    #[test]
    fn theme_sets_parse_sort_and_refuse_unknown_keys() {
        let t: Themes = "tourism, halal;halal dairy".parse().unwrap();
        assert_eq!(t.to_string(), "dairy halal tourism");
        assert_eq!(t.to_string().parse::<Themes>().unwrap(), t);
        let e = "halal sushi".parse::<Themes>().unwrap_err();
        assert_eq!(e.code, "unknown_theme");
        assert!(e.message.contains("\"sushi\""));
        assert_eq!("".parse::<Themes>().unwrap(), Themes::default());
    }
}
