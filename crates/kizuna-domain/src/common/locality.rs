//! Localities: country → prefecture/state → subprefecture → municipality.

use serde::{Deserialize, Serialize};

use super::{CountryCode, Id, Key, Text};
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
    #[serde(flatten)]
    pub fields: LocalityInput,
}

/// The fields of a locality, as created or updated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    pub name_en: Text,
    #[serde(default)]
    pub name_ja: Option<Text>,
    /// The name in the locality's own script when neither English nor Japanese.
    #[serde(default)]
    pub name_local: Option<Text>,
}
