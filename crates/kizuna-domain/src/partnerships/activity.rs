//! What a partnership programme does: trainings delivered, visits both
//! ways, joint development, fairs, with dates, places and people.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::common::error::{Errors, FieldError};
use crate::common::{Id, LocalText, Text};
use crate::string_enum;

string_enum! {
    ActivityKind {
        /// A training delivered (in Japan or abroad).
        Training = "training",
        /// A visit from abroad to Japan.
        VisitToJapan = "visit_to_japan",
        /// A visit from Japan abroad.
        VisitAbroad = "visit_abroad",
        /// Products or services developed together.
        JointDevelopment = "joint_development",
        /// A trade or travel fair.
        Fair = "fair",
        /// A seminar, symposium or workshop.
        Seminar = "seminar",
        Other = "other",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Activity {
    pub id: Id,
    /// Bumped by every change.
    pub version: i64,
    /// The office that keeps the record.
    pub office_id: Id,
    #[serde(flatten)]
    pub fields: ActivityInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, kizuna_derive::Fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ActivityInput {
    pub programme_id: Id,
    pub kind: ActivityKind,
    pub title: LocalText,
    pub starts_on: NaiveDate,
    #[serde(default)]
    pub ends_on: Option<NaiveDate>,
    /// Where it took place.
    #[serde(default)]
    pub locality_id: Option<Id>,
    /// The venue, as written.
    #[serde(default)]
    pub place: Option<Text>,
    #[serde(default)]
    pub summary: Option<LocalText>,
    /// The organisation that ran it.
    #[serde(default)]
    pub organisation_id: Option<Id>,
    /// The people who took part.
    #[serde(default)]
    #[field(skip)]
    pub person_ids: Vec<Id>,
}

impl ActivityInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if let Some(end) = self.ends_on
            && end < self.starts_on
        {
            e.push(FieldError::new(
                "ends_on",
                "before_start",
                format!("the activity ends on {end}, before it starts ({})", self.starts_on),
            ));
        }
        e.finish(|| ())
    }
}
