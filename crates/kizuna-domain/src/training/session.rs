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

string_enum! {
    /// How one person attended one session.
    AttendanceStatus {
        Present = "present",
        Absent = "absent",
        /// There, but after the start.
        Late = "late",
        /// Away with leave (illness, another duty agreed beforehand).
        Excused = "excused",
    }
}

impl AttendanceStatus {
    /// Whether the person was there (present or late).
    pub fn attended(self) -> bool {
        matches!(self, AttendanceStatus::Present | AttendanceStatus::Late)
    }
}

/// How one person attended one session, with a note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Attendance {
    pub person_id: Id,
    pub status: AttendanceStatus,
    #[serde(default)]
    pub note: Option<Text>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attendance_is_a_status() {
        let read = |j: &str| serde_json::from_str::<Attendance>(j).map(|a| a.status);
        assert_eq!(
            read(r#"{"person_id":1,"status":"late"}"#).ok(),
            Some(AttendanceStatus::Late)
        );
        assert!(read(r#"{"person_id":1}"#).is_err());
        assert!(
            read(r#"{"person_id":1,"present":true}"#).is_err(),
            "the yes or no of before"
        );
        assert!(read(r#"{"person_id":1,"status":"asleep"}"#).is_err());
        let a = Attendance {
            person_id: 1,
            status: AttendanceStatus::Excused,
            note: None,
        };
        assert_eq!(
            serde_json::to_value(&a).expect("json"),
            serde_json::json!({"person_id": 1, "status": "excused", "note": null})
        );
        assert!(AttendanceStatus::Late.attended() && !AttendanceStatus::Excused.attended());
    }
}
