//! Offices: a store may hold the records of several offices (a national
//! agency's centres). Every record an office keeps names it; a store made
//! before offices existed has one, the default ([`super::DEFAULT_OFFICE`]).

use serde::{Deserialize, Serialize};

use super::{Id, Key, LocalText};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Office {
    pub id: Id,
    pub version: i64,
    #[serde(flatten)]
    pub fields: OfficeInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, kizuna_derive::Fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OfficeInput {
    /// Stable key, e.g. `hokkaido`.
    pub key: Key,
    /// The office's name in Kizuna's languages (at least one).
    pub name: LocalText,
}
