//! Awards the office or its partners received.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::common::{Id, Text};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Award {
    pub id: Id,
    #[serde(flatten)]
    pub fields: AwardInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AwardInput {
    /// E.g. "4th JICA President's Award for International Cooperation".
    pub title_en: Text,
    #[serde(default)]
    pub title_ja: Option<Text>,
    /// The body that gave it.
    #[serde(default)]
    pub awarded_by_id: Option<Id>,
    /// The organisation that received it (the office, a partner company).
    pub recipient_id: Id,
    pub received_on: NaiveDate,
    #[serde(default)]
    pub citation: Option<Text>,
}
