//! Organisations: the office itself, partners, employers of trainees.

use serde::{Deserialize, Serialize};

use super::{CountryCode, Id, Key, Text};
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
    #[serde(flatten)]
    pub fields: OrganisationInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OrganisationInput {
    /// Stable key, e.g. `obihiro-cci`.
    pub key: Key,
    pub name_en: Text,
    #[serde(default)]
    pub name_ja: Option<Text>,
    #[serde(default)]
    pub name_local: Option<Text>,
    pub kind: OrganisationKind,
    pub country: CountryCode,
    #[serde(default)]
    pub locality_id: Option<Id>,
}
