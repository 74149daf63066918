//! Travel fairs the office or its partners attended or hosted: where and
//! when, who went, the contacts made, and the leads that came of it (or of
//! a campaign) with their follow-up.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::common::error::{Errors, FieldError};
use crate::common::{CountryCode, Id, LocalText, Text};
use crate::string_enum;

string_enum! {
    /// Whether the office went to the fair or held it.
    FairRole {
        Attended = "attended",
        Hosted = "hosted",
    }
}

string_enum! {
    /// Where a lead stands.
    LeadStatus {
        /// Noted, nobody has written back yet.
        Open = "open",
        /// Written to or met again.
        Contacted = "contacted",
        /// A tour or an offer was proposed.
        Proposed = "proposed",
        /// It became business (a tour sold, an agency contract).
        Won = "won",
        /// It came to nothing.
        Lost = "lost",
    }
}

impl LeadStatus {
    /// Whether the lead still needs following up.
    pub fn is_open(self) -> bool {
        matches!(self, LeadStatus::Open | LeadStatus::Contacted | LeadStatus::Proposed)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TravelFair {
    pub id: Id,
    /// Bumped by every change.
    pub version: i64,
    /// The office that keeps the record.
    pub office_id: Id,
    #[serde(flatten)]
    pub fields: TravelFairInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, kizuna_derive::Fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TravelFairInput {
    /// The fair's name, in Kizuna's languages (at least one).
    pub name: LocalText,
    pub role: FairRole,
    pub city: Text,
    /// The country it was held in (ISO 3166-1 alpha-2).
    pub country: CountryCode,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// The contacts made (organisations, people), as noted.
    #[serde(default)]
    pub contacts: Option<Text>,
    /// The staff dispatch that took people there, when the exchanges
    /// system records it.
    #[serde(default)]
    pub dispatch_id: Option<Id>,
    /// The people who went (at least one).
    #[serde(default)]
    #[field(skip)]
    pub person_ids: Vec<Id>,
}

impl TravelFairInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if self.ends_on < self.starts_on {
            e.push(FieldError::new(
                "ends_on",
                "before_start",
                format!("the end ({}) is before the start ({})", self.ends_on, self.starts_on),
            ));
        }
        if self.person_ids.is_empty() {
            e.push(FieldError::new(
                "person_ids",
                "required",
                "name at least one person who went",
            ));
        }
        let mut seen = std::collections::HashSet::new();
        for p in &self.person_ids {
            if !seen.insert(p) {
                e.push(FieldError::new(
                    "person_ids",
                    "duplicate",
                    format!("person {p} is listed twice"),
                ));
            }
        }
        e.finish(|| ())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TourismLead {
    pub id: Id,
    /// Bumped by every change.
    pub version: i64,
    /// The office that keeps the record.
    pub office_id: Id,
    #[serde(flatten)]
    pub fields: TourismLeadInput,
}

/// A lead from a fair or a campaign (one of the two): who, what, where it
/// stands and when it was last and will next be followed up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, kizuna_derive::Fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TourismLeadInput {
    #[serde(default)]
    pub fair_id: Option<Id>,
    #[serde(default)]
    pub campaign_id: Option<Id>,
    /// The organisation on record (a travel agency, say)…
    #[serde(default)]
    pub organisation_id: Option<Id>,
    /// …or the contact as written.
    #[serde(default)]
    pub contact: Option<Text>,
    /// What the lead is about.
    pub subject: Text,
    pub status: LeadStatus,
    /// When it was last followed up.
    #[serde(default)]
    pub followed_up_on: Option<NaiveDate>,
    /// When it is to be followed up next.
    #[serde(default)]
    pub next_on: Option<NaiveDate>,
    #[serde(default)]
    pub note: Option<Text>,
}

impl TourismLeadInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if self.fair_id.is_some() == self.campaign_id.is_some() {
            e.push(FieldError::new(
                "fair_id",
                "fair_or_campaign",
                "a lead comes from one fair or one campaign",
            ));
        }
        if self.organisation_id.is_none() && self.contact.is_none() {
            e.push(FieldError::new(
                "contact",
                "required",
                "name the organisation or write the contact",
            ));
        }
        if let (Some(last), Some(next)) = (self.followed_up_on, self.next_on)
            && next < last
        {
            e.push(FieldError::new(
                "next_on",
                "before_follow_up",
                format!("the next follow-up ({next}) is before the last one ({last})"),
            ));
        }
        if !self.status.is_open() && self.next_on.is_some() {
            e.push(FieldError::new(
                "next_on",
                "closed_lead",
                format!("a lead that is {} needs no next follow-up", self.status),
            ));
        }
        e.finish(|| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lead() -> TourismLeadInput {
        TourismLeadInput {
            fair_id: Some(1),
            campaign_id: None,
            organisation_id: None,
            contact: Some(Text::parse("Bangkok travel agency").unwrap()),
            subject: Text::parse("Autumn tours to Akan").unwrap(),
            status: LeadStatus::Contacted,
            followed_up_on: Some("2023-03-01".parse().unwrap()),
            next_on: Some("2023-04-01".parse().unwrap()),
            note: None,
        }
    }

    #[test]
    fn a_lead_has_one_source_someone_and_dates_in_order() {
        assert!(lead().validate().is_ok());
        let mut l = lead();
        l.campaign_id = Some(2);
        l.contact = None;
        l.next_on = Some("2023-02-01".parse().unwrap());
        let codes: Vec<String> = l.validate().unwrap_err().into_iter().map(|e| e.code).collect();
        assert_eq!(codes, ["fair_or_campaign", "required", "before_follow_up"]);
        let mut won = lead();
        won.status = LeadStatus::Won;
        assert_eq!(won.validate().unwrap_err()[0].code, "closed_lead");
        won.next_on = None;
        assert!(won.validate().is_ok());
    }

    #[test]
    fn a_fair_has_someone_on_it_and_ends_after_it_starts() {
        let mut f = TravelFairInput {
            name: LocalText::en(Text::parse("Thai International Travel Fair").unwrap()),
            role: FairRole::Attended,
            city: Text::parse("Bangkok").unwrap(),
            country: CountryCode::parse("TH").unwrap(),
            starts_on: "2023-02-16".parse().unwrap(),
            ends_on: "2023-02-19".parse().unwrap(),
            contacts: None,
            dispatch_id: None,
            person_ids: vec![1],
        };
        assert!(f.validate().is_ok());
        f.person_ids = vec![];
        f.ends_on = "2023-02-15".parse().unwrap();
        let codes: Vec<String> = f.validate().unwrap_err().into_iter().map(|e| e.code).collect();
        assert_eq!(codes, ["before_start", "required"]);
    }
}
