//! A young-leader training programme in tourism is a training edition (a
//! programme with participants, kept by the training system); tourism
//! keeps only the link to it and a note, so the participants are never
//! recorded twice.

use serde::{Deserialize, Serialize};

use crate::common::{Id, LocalText};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TourismTraining {
    pub id: Id,
    /// Bumped by every change.
    pub version: i64,
    /// The office that keeps the record.
    pub office_id: Id,
    #[serde(flatten)]
    pub fields: TourismTrainingInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, kizuna_derive::Fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TourismTrainingInput {
    /// The training edition (at most one link per edition).
    pub edition_id: Id,
    /// What the programme meant for tourism, in Kizuna's languages.
    #[serde(default)]
    pub note: Option<LocalText>,
}
