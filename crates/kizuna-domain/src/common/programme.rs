//! Programmes: the office's lines of work. Training courses come first;
//! the other kinds of the product brief share this record.

use serde::{Deserialize, Serialize};

use super::{Id, Key, LocalText};
use crate::string_enum;

string_enum! {
    ProgrammeKind {
        /// A training course for overseas trainees, run in yearly editions.
        TrainingCourse = "training_course",
        /// A partnership programme between a Japanese locality and localities abroad.
        Partnership = "partnership",
        /// Volunteers sent abroad or received.
        VolunteerExchange = "volunteer_exchange",
        /// Tourism promotion in both directions.
        TourismPromotion = "tourism_promotion",
        /// Delegations, dispatches and symposiums.
        Exchange = "exchange",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Programme {
    pub id: Id,
    /// Bumped by every change: an update names the version it was made from
    /// and is refused when the record changed since.
    pub version: i64,
    /// The office that keeps the record.
    pub office_id: Id,
    #[serde(flatten)]
    pub fields: ProgrammeInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, kizuna_derive::Fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProgrammeInput {
    /// Stable key, e.g. `gmrdp`.
    pub key: Key,
    pub kind: ProgrammeKind,
    /// The title in Kizuna's languages (at least one).
    pub title: LocalText,
    /// The organisation that runs it.
    #[serde(default)]
    pub organisation_id: Option<Id>,
    /// What it is about, in Kizuna's languages.
    #[serde(default)]
    pub summary: Option<LocalText>,
}
