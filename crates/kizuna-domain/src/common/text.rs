//! Text values that are never blank and never absurdly long, and keys.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::error::Invalid;

/// Trimmed, non-empty text of at most 500 characters, without control characters.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = String))]
#[serde(try_from = "String", into = "String")]
pub struct Text(String);

impl Text {
    pub const MAX_CHARS: usize = 500;

    pub fn parse(s: &str) -> Result<Self, Invalid> {
        let t = s.trim();
        if t.is_empty() {
            return Err(Invalid::new("required", "must not be empty"));
        }
        if t.chars().count() > Self::MAX_CHARS {
            return Err(Invalid::new(
                "too_long",
                format!("is longer than {} characters", Self::MAX_CHARS),
            ));
        }
        if t.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
            return Err(Invalid::new("control_character", "contains a control character"));
        }
        Ok(Self(t.to_owned()))
    }

    /// `None` for an absent or blank value, the parsed text otherwise.
    pub fn parse_optional(s: Option<&str>) -> Result<Option<Self>, Invalid> {
        match s.map(str::trim) {
            None | Some("") => Ok(None),
            Some(t) => Self::parse(t).map(Some),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Text {
    type Error = Invalid;
    fn try_from(s: String) -> Result<Self, Invalid> {
        Self::parse(&s)
    }
}

impl From<Text> for String {
    fn from(t: Text) -> String {
        t.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Text {
    type Err = Invalid;
    fn from_str(s: &str) -> Result<Self, Invalid> {
        Self::parse(s)
    }
}

/// A stable, human-readable identifier used in URLs and import files:
/// lowercase ASCII letters, digits, `-`, `_`, `.` and `/`, 1–120 characters,
/// e.g. `jp/hokkaido/tokachi/obihiro` or `gmrdp-fy2007`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = String, example = "jp/hokkaido/tokachi/obihiro"))]
#[serde(try_from = "String", into = "String")]
pub struct Key(String);

impl Key {
    pub fn parse(s: &str) -> Result<Self, Invalid> {
        let t = s.trim();
        if t.is_empty() {
            return Err(Invalid::new("required", "must not be empty"));
        }
        let ok = t.len() <= 120
            && t.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.' | b'/'))
            && !t.starts_with('/')
            && !t.ends_with('/')
            && !t.contains("//");
        if !ok {
            return Err(Invalid::new(
                "invalid_key",
                format!(
                    "\"{t}\" is not a valid key: use 1-120 lowercase letters, digits, '-', '_', '.' or '/' (e.g. jp/hokkaido/obihiro)"
                ),
            ));
        }
        Ok(Self(t.to_owned()))
    }

    /// Turn a free name into a key part: "Food Valley Tokachi" → "food-valley-tokachi".
    pub fn slug(name: &str) -> String {
        let mut out = String::new();
        for c in name.chars() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            } else if !out.ends_with('-') && !out.is_empty() {
                out.push('-');
            }
        }
        while out.ends_with('-') {
            out.pop();
        }
        out
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Key {
    type Error = Invalid;
    fn try_from(s: String) -> Result<Self, Invalid> {
        Self::parse(&s)
    }
}

impl From<Key> for String {
    fn from(k: Key) -> String {
        k.0
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Key {
    type Err = Invalid;
    fn from_str(s: &str) -> Result<Self, Invalid> {
        Self::parse(s)
    }
}

crate::text_scalar!(Text, Key);

/// Declares a closed set of values stored and exchanged as snake_case
/// strings, with parsing that names the accepted values.
#[macro_export]
macro_rules! string_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $s),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        $crate::text_scalar!($name);

        impl std::str::FromStr for $name {
            type Err = $crate::common::error::Invalid;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let t = s.trim();
                // Exact spellings first (no allocation: this runs for every stored row).
                $(if t.eq_ignore_ascii_case($s) { return Ok($name::$variant); })+
                let normalised = t.replace([' ', '-'], "_");
                $(if normalised.eq_ignore_ascii_case($s) { return Ok($name::$variant); })+
                Err($crate::common::error::Invalid::new(
                    "unknown_value",
                    format!("\"{}\" is not one of: {}", t, [$($s),+].join(", ")),
                ))
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_and_never_blank() {
        assert_eq!(Text::parse("  Obihiro ").unwrap().as_str(), "Obihiro");
        assert_eq!(Text::parse("   ").unwrap_err().code, "required");
        assert_eq!(Text::parse("a\u{0}b").unwrap_err().code, "control_character");
        assert_eq!(Text::parse(&"x".repeat(501)).unwrap_err().code, "too_long");
        assert_eq!(Text::parse_optional(Some(" ")).unwrap(), None);
    }

    #[test]
    fn keys_are_lowercase_paths() {
        assert!(Key::parse("jp/hokkaido/tokachi/obihiro").is_ok());
        assert_eq!(Key::parse("JP/Hokkaido").unwrap_err().code, "invalid_key");
        assert!(Key::parse("a//b").is_err());
        assert!(Key::parse("/a").is_err());
        assert_eq!(Key::slug("Food Valley Tokachi!"), "food-valley-tokachi");
        assert_eq!(Key::slug("  Obihiro  Chamber "), "obihiro-chamber");
    }
}
