//! A course edition: one run of a training course within one fiscal year.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::common::error::{Errors, FieldError};
use crate::common::{CountryCode, FiscalYear, Id, Key, LocalText};
use crate::string_enum;

string_enum! {
    EditionScope {
        /// For trainees from many countries.
        General = "general",
        /// For trainees from named target countries only.
        CountrySpecific = "country_specific",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Edition {
    pub id: Id,
    /// Bumped by every change: an update names the version it was made from
    /// and is refused when the record changed since.
    pub version: i64,
    /// The office that keeps the record.
    pub office_id: Id,
    #[serde(flatten)]
    pub fields: EditionInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, kizuna_derive::Fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EditionInput {
    /// The training course (a programme of kind `training_course`).
    pub programme_id: Id,
    /// Stable key, e.g. `gmrdp/fy2007`.
    pub key: Key,
    pub fiscal_year: FiscalYear,
    pub scope: EditionScope,
    /// For country-specific editions: the countries it is for (at least one).
    #[serde(default)]
    #[field(skip)]
    pub target_countries: Vec<CountryCode>,
    /// A title for this edition when it differs from the course's.
    #[serde(default)]
    pub title: Option<LocalText>,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    #[serde(default)]
    pub capacity: Option<u32>,
}

impl EditionInput {
    /// An edition lies within its fiscal year, ends after it starts, and
    /// names target countries exactly when it is country-specific.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        let fy = self.fiscal_year;
        if !fy.contains(self.starts_on) {
            e.push(FieldError::new(
                "starts_on",
                "outside_fiscal_year",
                format!(
                    "{} is not in {} ({} to {})",
                    self.starts_on,
                    fy,
                    fy.first_day(),
                    fy.last_day()
                ),
            ));
        }
        if self.ends_on < self.starts_on {
            e.push(FieldError::new(
                "ends_on",
                "before_start",
                format!("ends on {} before it starts on {}", self.ends_on, self.starts_on),
            ));
        }
        match self.scope {
            EditionScope::CountrySpecific if self.target_countries.is_empty() => e.push(FieldError::new(
                "target_countries",
                "required",
                "a country-specific edition needs at least one target country",
            )),
            EditionScope::General if !self.target_countries.is_empty() => e.push(FieldError::new(
                "target_countries",
                "not_allowed",
                "a general edition is open to all countries: leave target_countries empty",
            )),
            _ => {}
        }
        let mut seen = std::collections::HashSet::new();
        for c in &self.target_countries {
            if !seen.insert(c) {
                e.push(FieldError::new(
                    "target_countries",
                    "duplicate",
                    format!("{c} is listed twice"),
                ));
            }
        }
        if self.capacity == Some(0) {
            e.push(FieldError::new(
                "capacity",
                "out_of_range",
                "capacity must be at least 1",
            ));
        }
        e.finish(|| ())
    }
}
