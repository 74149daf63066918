//! The curriculum of an edition: sessions, their instructors, attendance.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::common::error::{Errors, FieldError};
use crate::common::{Id, LocalText, Text};
use crate::string_enum;

string_enum! {
    SessionKind {
        Lecture = "lecture",
        InspectionTour = "inspection_tour",
        /// Trainees present their action plans.
        PresentationMeeting = "presentation_meeting",
        /// A call on a mayor, governor or director.
        CourtesyCall = "courtesy_call",
        /// Opening or closing ceremony.
        Ceremony = "ceremony",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Session {
    pub id: Id,
    /// Bumped by every change: an update names the version it was made from
    /// and is refused when the record changed since.
    pub version: i64,
    /// The office that keeps the record.
    pub office_id: Id,
    #[serde(flatten)]
    pub fields: SessionInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, kizuna_derive::Fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SessionInput {
    pub edition_id: Id,
    pub kind: SessionKind,
    /// The title in Kizuna's languages (at least one).
    pub title: LocalText,
    /// Stored in UTC; shown in Asia/Tokyo unless the user says otherwise.
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    #[serde(default)]
    pub place: Option<Text>,
    #[serde(default)]
    pub host_organisation_id: Option<Id>,
    /// People teaching or guiding the session.
    #[serde(default)]
    #[field(skip)]
    pub instructor_ids: Vec<Id>,
}

impl SessionInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if self.ends_at <= self.starts_at {
            e.push(FieldError::new(
                "ends_at",
                "before_start",
                format!("ends at {} but starts at {}", self.ends_at, self.starts_at),
            ));
        }
        if self.ends_at - self.starts_at > chrono::Duration::days(14) {
            e.push(FieldError::new(
                "ends_at",
                "too_long",
                "a session lasts at most 14 days",
            ));
        }
        let mut seen = std::collections::HashSet::new();
        for i in &self.instructor_ids {
            if !seen.insert(i) {
                e.push(FieldError::new(
                    "instructor_ids",
                    "duplicate",
                    format!("person {i} is listed twice"),
                ));
            }
        }
        e.finish(|| ())
    }
}

/// Whether one person attended one session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Attendance {
    pub person_id: Id,
    pub present: bool,
    #[serde(default)]
    pub note: Option<Text>,
}
