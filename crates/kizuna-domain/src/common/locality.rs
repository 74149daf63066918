//! Localities: country → prefecture/state → subprefecture → municipality.

use serde::{Deserialize, Serialize};

use super::{CountryCode, Id, Key, LocalText, Text};
use crate::string_enum;

string_enum! {
    /// How a locality sits in its country.
    LocalityLevel {
        /// A prefecture, state or province (Hokkaido, Selangor).
        Prefecture = "prefecture",
        /// A sub-prefectural area grouping municipalities (Tokachi, Kushiro).
        Subprefecture = "subprefecture",
        /// A city, town or village (Obihiro, Hakodate).
        Municipality = "municipality",
        /// Any other named area (Akan, a district).
        Area = "area",
    }
}

/// A place people and organisations belong to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Locality {
    pub id: Id,
    /// Bumped by every change: an update names the version it was made from
    /// and is refused when the record changed since.
    pub version: i64,
    #[serde(flatten)]
    pub fields: LocalityInput,
}

/// The fields of a locality, as created or updated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, kizuna_derive::Fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LocalityInput {
    /// Stable key, e.g. `jp/hokkaido/tokachi/obihiro`.
    pub key: Key,
    pub country: CountryCode,
    pub level: LocalityLevel,
    /// The enclosing locality, if any (Obihiro → Tokachi).
    #[serde(default)]
    pub parent_id: Option<Id>,
    /// The name in Kizuna's languages (at least one).
    pub name: LocalText,
    /// The name in the locality's own script when it is none of those.
    #[serde(default)]
    pub name_local: Option<Text>,
}
