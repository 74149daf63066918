//! A person's part in a course edition.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::common::error::{Errors, FieldError};
use crate::common::{Id, Text};
use crate::string_enum;

string_enum! {
    ParticipationRole {
        Trainee = "trainee",
        Instructor = "instructor",
        Coordinator = "coordinator",
    }
}

string_enum! {
    /// Where a participation stands. Statistics count a trainee as
    /// *accepted* in the states [`ParticipationStatus::COUNTED`] lists.
    ParticipationStatus {
        /// Proposed by the home government; not yet accepted.
        Nominated = "nominated",
        /// Accepted by the office.
        Accepted = "accepted",
        /// Arrived in Japan and training.
        Arrived = "arrived",
        /// Finished the course (certificate received).
        Completed = "completed",
        /// Withdrew, or the nomination was declined.
        Withdrawn = "withdrawn",
    }
}

impl ParticipationStatus {
    /// The statuses in which a trainee counts as accepted by the office:
    /// accepted, arrived and completed. Nominations not yet accepted and
    /// withdrawals do not count.
    pub const COUNTED: &'static [ParticipationStatus] = &[
        ParticipationStatus::Accepted,
        ParticipationStatus::Arrived,
        ParticipationStatus::Completed,
    ];

    pub fn is_counted(self) -> bool {
        Self::COUNTED.contains(&self)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Participation {
    pub id: Id,
    /// Bumped by every change: an update names the version it was made from
    /// and is refused when the record changed since.
    pub version: i64,
    /// The office that keeps the record.
    pub office_id: Id,
    #[serde(flatten)]
    pub fields: ParticipationInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, kizuna_derive::Fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ParticipationInput {
    pub edition_id: Id,
    pub person_id: Id,
    pub role: ParticipationRole,
    pub status: ParticipationStatus,
    /// Arrival (trainees) or first day of teaching.
    #[serde(default)]
    pub started_on: Option<NaiveDate>,
    #[serde(default)]
    pub ended_on: Option<NaiveDate>,
    /// The action plan a trainee drafts and presents at the end.
    #[serde(default)]
    pub action_plan_title: Option<Text>,
}

impl ParticipationInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if let (Some(s), Some(end)) = (self.started_on, self.ended_on)
            && end < s
        {
            e.push(FieldError::new(
                "ended_on",
                "before_start",
                format!("ends on {end} before it starts on {s}"),
            ));
        }
        if self.action_plan_title.is_some() && self.role != ParticipationRole::Trainee {
            e.push(FieldError::new(
                "action_plan_title",
                "not_allowed",
                "only trainees draft an action plan",
            ));
        }
        e.finish(|| ())
    }
}
