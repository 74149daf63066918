//! Which places a search returns, from request parameters as people type them.

use chrono::{DateTime, Utc};
use kizuna_domain::FieldError;
use kizuna_domain::map::place::{Assurance, PlaceCategory};

/// Which places a search returns. Empty lists match everything.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlaceFilter {
    /// Any of these categories.
    pub categories: Vec<PlaceCategory>,
    /// Any of these assurance levels. `certified` matches only places whose
    /// certificate is valid today.
    pub assurances: Vec<Assurance>,
    /// Only places with (true) or without (false) a prayer space.
    pub prayer_space: Option<bool>,
    /// Only places open at [`PlaceFilter::at`].
    pub open_now: bool,
    /// The moment "open now" means (default: the present).
    pub at: Option<DateTime<Utc>>,
}

fn list_of<T: std::str::FromStr<Err = kizuna_domain::Invalid>>(
    field: &str,
    raw: Option<&str>,
    errors: &mut Vec<FieldError>,
) -> Vec<T> {
    let mut out = Vec::new();
    for part in raw.unwrap_or("").split(',').map(str::trim).filter(|s| !s.is_empty()) {
        match part.parse() {
            Ok(v) => out.push(v),
            Err(e) => errors.push(kizuna_domain::Invalid::at(e, field)),
        }
    }
    out
}

fn boolean(field: &str, raw: Option<&str>, errors: &mut Vec<FieldError>) -> Option<bool> {
    match raw.map(|s| s.trim().to_ascii_lowercase()).as_deref() {
        None | Some("") => None,
        Some("true" | "yes" | "1") => Some(true),
        Some("false" | "no" | "0") => Some(false),
        Some(other) => {
            errors.push(FieldError::new(
                field,
                "not_a_boolean",
                format!("\"{other}\" is not true or false"),
            ));
            None
        }
    }
}

impl PlaceFilter {
    /// Whether the filter lets every place through.
    pub fn is_empty(&self) -> bool {
        self.categories.is_empty() && self.assurances.is_empty() && self.prayer_space.is_none() && !self.open_now
    }

    /// A filter from request parameters as people type them: comma-separated
    /// categories and assurance levels, `true`/`false`, and an RFC 3339 `at`.
    pub fn parse(
        category: Option<&str>,
        assurance: Option<&str>,
        prayer_space: Option<&str>,
        open_now: Option<&str>,
        at: Option<&str>,
    ) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let categories = list_of("category", category, &mut errors);
        let assurances = list_of("assurance", assurance, &mut errors);
        let prayer_space = boolean("prayer_space", prayer_space, &mut errors);
        let open_now = boolean("open_now", open_now, &mut errors).unwrap_or(false);
        let at = match at.map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => match DateTime::parse_from_rfc3339(s) {
                Ok(t) => Some(t.with_timezone(&Utc)),
                Err(_) => {
                    errors.push(FieldError::new(
                        "at",
                        "invalid_time",
                        format!("\"{s}\" is not an RFC 3339 time such as 2026-11-23T12:00:00+09:00"),
                    ));
                    None
                }
            },
        };
        if errors.is_empty() {
            Ok(PlaceFilter {
                categories,
                assurances,
                prayer_space,
                open_now,
                at,
            })
        } else {
            Err(errors)
        }
    }
}
