//! Awards the office or its partners received.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::common::{Id, LocalText};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Award {
    pub id: Id,
    /// Bumped by every change: an update names the version it was made from
    /// and is refused when the record changed since.
    pub version: i64,
    /// The office that keeps the record.
    pub office_id: Id,
    #[serde(flatten)]
    pub fields: AwardInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, kizuna_derive::Fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AwardInput {
    /// E.g. "4th JICA President's Award for International Cooperation", in
    /// Kizuna's languages (at least one).
    pub title: LocalText,
    /// The body that gave it.
    #[serde(default)]
    pub awarded_by_id: Option<Id>,
    /// The organisation that received it (the office, a partner company).
    pub recipient_id: Id,
    pub received_on: NaiveDate,
    /// What it was given for, in Kizuna's languages.
    #[serde(default)]
    pub citation: Option<LocalText>,
}
