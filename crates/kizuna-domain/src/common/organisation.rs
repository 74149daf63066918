//! Organisations: the office itself, partners, employers of trainees.

use serde::{Deserialize, Serialize};

use super::{CountryCode, Id, Key, LocalText, Text};
use crate::string_enum;

string_enum! {
    OrganisationKind {
        Government = "government",
        University = "university",
        Business = "business",
        ChamberOfCommerce = "chamber_of_commerce",
        InternationalAgency = "international_agency",
        Ngo = "ngo",
        Other = "other",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Organisation {
    pub id: Id,
    /// Bumped by every change: an update names the version it was made from
    /// and is refused when the record changed since.
    pub version: i64,
    /// The office that keeps the record.
    pub office_id: Id,
    #[serde(flatten)]
    pub fields: OrganisationInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, kizuna_derive::Fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OrganisationInput {
    /// Stable key, e.g. `obihiro-cci`.
    pub key: Key,
    /// The name in Kizuna's languages (at least one).
    pub name: LocalText,
    /// The name in the organisation's own script when it is none of those.
    #[serde(default)]
    pub name_local: Option<Text>,
    pub kind: OrganisationKind,
    pub country: CountryCode,
    #[serde(default)]
    pub locality_id: Option<Id>,
}
