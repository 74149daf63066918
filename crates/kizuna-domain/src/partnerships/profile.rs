//! What organisations and localities offer and seek, as themes of the
//! vocabulary plus free text; a profile is matchable only when complete.

use serde::{Deserialize, Serialize};

use super::themes::Theme;
use crate::common::error::{Errors, FieldError};
use crate::common::{Id, LocalText};
use crate::string_enum;

string_enum! {
    Direction {
        /// What the party can give (know-how, products, places).
        Offer = "offer",
        /// What the party seeks.
        Need = "need",
    }
}

/// One offer or need of an organisation or a locality.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfferNeed {
    pub id: Id,
    /// Bumped by every change.
    pub version: i64,
    /// The office that keeps the record.
    pub office_id: Id,
    #[serde(flatten)]
    pub fields: OfferNeedInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, kizuna_derive::Fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OfferNeedInput {
    /// The party: exactly one of an organisation or a locality.
    #[serde(default)]
    pub organisation_id: Option<Id>,
    #[serde(default)]
    pub locality_id: Option<Id>,
    pub direction: Direction,
    pub theme: Theme,
    /// In the party's words, in any of Kizuna's languages.
    #[serde(default)]
    pub detail: Option<LocalText>,
}

impl OfferNeedInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        match (self.organisation_id, self.locality_id) {
            (Some(_), Some(_)) => e.push(FieldError::new(
                "locality_id",
                "several_parties",
                "an offer or need belongs to an organisation or a locality, not both",
            )),
            (None, None) => e.push(FieldError::new(
                "organisation_id",
                "required",
                "an offer or need belongs to an organisation or a locality",
            )),
            _ => {}
        }
        e.finish(|| ())
    }
}

/// Why a profile cannot be matched yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Gap {
    /// No locality: its side and country are unknown.
    NoLocality,
    /// Nothing offered.
    NoOffer,
    /// Nothing sought.
    NoNeed,
}

impl Gap {
    pub fn as_str(self) -> &'static str {
        match self {
            Gap::NoLocality => "no_locality",
            Gap::NoOffer => "no_offer",
            Gap::NoNeed => "no_need",
        }
    }
}

/// A profile's completeness: matchable, or not with its reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", content = "gaps", rename_all = "snake_case")]
pub enum Completeness {
    Matchable,
    NotMatchable(Vec<Gap>),
}

/// A profile is complete when the party has a locality (so a side and a
/// country), at least one offer and at least one need.
pub fn completeness(has_locality: bool, items: &[&OfferNeedInput]) -> Completeness {
    let mut gaps = Vec::new();
    if !has_locality {
        gaps.push(Gap::NoLocality);
    }
    if !items.iter().any(|i| i.direction == Direction::Offer) {
        gaps.push(Gap::NoOffer);
    }
    if !items.iter().any(|i| i.direction == Direction::Need) {
        gaps.push(Gap::NoNeed);
    }
    if gaps.is_empty() {
        Completeness::Matchable
    } else {
        Completeness::NotMatchable(gaps)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_without_a_need_is_not_matchable() {
        let offer = OfferNeedInput {
            organisation_id: Some(1),
            locality_id: None,
            direction: Direction::Offer,
            theme: "confectionery".parse().unwrap(),
            detail: None,
        };
        let need = OfferNeedInput {
            direction: Direction::Need,
            theme: "halal".parse().unwrap(),
            ..offer.clone()
        };
        assert_eq!(completeness(true, &[&offer, &need]), Completeness::Matchable);
        assert_eq!(
            completeness(false, &[&offer]),
            Completeness::NotMatchable(vec![Gap::NoLocality, Gap::NoNeed])
        );
        let mut both = offer.clone();
        both.locality_id = Some(2);
        assert_eq!(both.validate().unwrap_err()[0].code, "several_parties");
    }
}
