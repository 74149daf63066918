//! Staff dispatched abroad: to a conference, a seminar, a training, a
//! promotion; who went, when, and their report.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::common::error::{Errors, FieldError};
use crate::common::{CountryCode, Id, LocalText, Text};
use crate::string_enum;

string_enum! {
    DispatchKind {
        Conference = "conference",
        Seminar = "seminar",
        Training = "training",
        /// A promotion, a fair, a study visit.
        Other = "other",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dispatch {
    pub id: Id,
    /// Bumped by every change.
    pub version: i64,
    /// The office that keeps the record.
    pub office_id: Id,
    #[serde(flatten)]
    pub fields: DispatchInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, kizuna_derive::Fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DispatchInput {
    pub kind: DispatchKind,
    /// The event's title, in Kizuna's languages.
    pub title: LocalText,
    /// The host country (ISO 3166-1 alpha-2).
    pub country: CountryCode,
    #[serde(default)]
    pub city: Option<Text>,
    /// Who organised the event, as written.
    #[serde(default)]
    pub organiser: Option<Text>,
    pub departs_on: NaiveDate,
    pub returns_on: NaiveDate,
    /// What they brought back, in Kizuna's languages.
    #[serde(default)]
    pub report: Option<LocalText>,
    #[serde(default)]
    pub programme_id: Option<Id>,
    #[serde(default)]
    pub public: bool,
    /// The people dispatched (at least one).
    #[serde(default)]
    #[field(skip)]
    pub person_ids: Vec<Id>,
}

impl DispatchInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if self.returns_on < self.departs_on {
            e.push(FieldError::new(
                "returns_on",
                "before_departure",
                format!(
                    "the return ({}) is before the departure ({})",
                    self.returns_on, self.departs_on
                ),
            ));
        }
        if self.person_ids.is_empty() {
            e.push(FieldError::new(
                "person_ids",
                "required",
                "name at least one person dispatched",
            ));
        }
        let mut seen = std::collections::HashSet::new();
        for p in &self.person_ids {
            if !seen.insert(p) {
                e.push(FieldError::new(
                    "person_ids",
                    "duplicate",
                    format!("person {p} is listed twice"),
                ));
            }
        }
        e.finish(|| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dispatch_returns_after_it_departs_with_someone_on_it() {
        let mut x = DispatchInput {
            kind: DispatchKind::Training,
            title: LocalText::en(Text::parse("National land-planning training").unwrap()),
            country: CountryCode::parse("TH").unwrap(),
            city: None,
            organiser: None,
            departs_on: "2008-02-10".parse().unwrap(),
            returns_on: "2008-02-16".parse().unwrap(),
            report: None,
            programme_id: None,
            public: false,
            person_ids: vec![1],
        };
        assert!(x.validate().is_ok());
        x.returns_on = "2008-02-09".parse().unwrap();
        x.person_ids = vec![];
        let codes: Vec<String> = x.validate().unwrap_err().into_iter().map(|e| e.code).collect();
        assert_eq!(codes, ["before_departure", "required"]);
        x.returns_on = x.departs_on;
        x.person_ids = vec![2, 2];
        assert_eq!(x.validate().unwrap_err()[0].code, "duplicate");
    }
}
