//! Local-to-local links: which Japanese locality is linked with which
//! locality abroad, since when and of what kind; a sister-city relation
//! carries the fields of Japan's national register.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::common::error::{Errors, FieldError};
use crate::common::{Id, LocalText, Text};
use crate::string_enum;

string_enum! {
    LinkKind {
        /// A sister-city (sister-state, sister-town) relation.
        SisterCity = "sister_city",
        /// A friendship agreement short of sister cities.
        Friendship = "friendship",
        /// Ties through one programme or economic exchange.
        Partnership = "partnership",
    }
}

string_enum! {
    /// The fields of exchange the national register records.
    ExchangeField {
        Education = "education",
        Culture = "culture",
        Sports = "sports",
        Economy = "economy",
        Youth = "youth",
        Administration = "administration",
        Health = "health",
        Environment = "environment",
        Tourism = "tourism",
        Agriculture = "agriculture",
        Technology = "technology",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LocalLink {
    pub id: Id,
    /// Bumped by every change.
    pub version: i64,
    /// The office that keeps the record.
    pub office_id: Id,
    #[serde(flatten)]
    pub fields: LocalLinkInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, kizuna_derive::Fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LocalLinkInput {
    /// The Japanese locality.
    pub japan_locality_id: Id,
    /// The locality abroad.
    pub abroad_locality_id: Id,
    pub kind: LinkKind,
    /// When the link began.
    pub since: NaiveDate,
    /// For a sister city: the day the agreement was signed.
    #[serde(default)]
    pub agreement_on: Option<NaiveDate>,
    /// Who signed it (the two heads).
    #[serde(default)]
    pub signatories: Option<Text>,
    /// The day the local council approved it.
    #[serde(default)]
    pub council_approved_on: Option<NaiveDate>,
    /// The fields of exchange, separated by spaces.
    #[serde(default)]
    pub exchange_fields: Option<Text>,
    #[serde(default)]
    pub note: Option<LocalText>,
}

impl LocalLinkInput {
    /// The fields of exchange, parsed.
    pub fn fields_of_exchange(&self) -> Result<Vec<ExchangeField>, crate::Invalid> {
        let mut v = self
            .exchange_fields
            .iter()
            .flat_map(|t| t.as_str().split([' ', ',', ';']))
            .filter(|s| !s.is_empty())
            .map(str::parse)
            .collect::<Result<Vec<ExchangeField>, _>>()?;
        v.sort();
        v.dedup();
        Ok(v)
    }

    /// Rules: the fields of exchange from the list, dates in order.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        e.take("exchange_fields", self.fields_of_exchange());
        if let (Some(a), Some(c)) = (self.agreement_on, self.council_approved_on)
            && c > a
            && self.kind == LinkKind::SisterCity
        {
            // Councils approve before the heads sign; a later approval is
            // recorded as it happened but is worth a second look.
        }
        if self.japan_locality_id == self.abroad_locality_id {
            e.push(FieldError::new(
                "abroad_locality_id",
                "same_locality",
                "a link joins two different localities",
            ));
        }
        e.finish(|| ())
    }

    /// Why this link does not count as a sister city in the national
    /// register (both heads signed an agreement, the exchange is not
    /// limited to one field, the council approved it); empty when it does.
    pub fn register_gaps(&self) -> Vec<&'static str> {
        let mut gaps = Vec::new();
        if self.kind != LinkKind::SisterCity {
            gaps.push("not_sister_city");
            return gaps;
        }
        if self.agreement_on.is_none() || self.signatories.is_none() {
            gaps.push("no_signed_agreement");
        }
        if self.fields_of_exchange().map(|f| f.len()).unwrap_or(0) < 2 {
            gaps.push("single_field");
        }
        if self.council_approved_on.is_none() {
            gaps.push("no_council_approval");
        }
        gaps
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_register_counts_a_signed_approved_many_field_tie() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        let mut l = LocalLinkInput {
            japan_locality_id: 1,
            abroad_locality_id: 2,
            kind: LinkKind::SisterCity,
            since: d(2000, 1, 1),
            agreement_on: Some(d(2000, 1, 1)),
            signatories: Some("Mayor A; Mayor B".parse().unwrap()),
            council_approved_on: Some(d(1999, 12, 10)),
            exchange_fields: Some("culture education".parse().unwrap()),
            note: None,
        };
        assert!(l.validate().is_ok());
        assert!(l.register_gaps().is_empty());
        l.exchange_fields = Some("economy".parse().unwrap());
        l.council_approved_on = None;
        assert_eq!(l.register_gaps(), vec!["single_field", "no_council_approval"]);
        l.exchange_fields = Some("economy golf".parse().unwrap());
        assert_eq!(l.validate().unwrap_err()[0].field, "exchange_fields");
    }
}
