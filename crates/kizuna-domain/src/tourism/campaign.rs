//! A promotion campaign: a title, a period, the market it targets (a
//! country), the channel it goes through and a note.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::common::error::{Errors, FieldError};
use crate::common::{CountryCode, Id, LocalText};
use crate::string_enum;

string_enum! {
    /// How a campaign reaches its market.
    CampaignChannel {
        TravelFair = "travel_fair",
        TravelAgency = "travel_agency",
        SocialMedia = "social_media",
        Press = "press",
        Event = "event",
        /// A tour proposed to agencies or visitors.
        TourProposal = "tour_proposal",
        Other = "other",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Campaign {
    pub id: Id,
    /// Bumped by every change.
    pub version: i64,
    /// The office that keeps the record.
    pub office_id: Id,
    #[serde(flatten)]
    pub fields: CampaignInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, kizuna_derive::Fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CampaignInput {
    /// The campaign's title, in Kizuna's languages (at least one).
    pub title: LocalText,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// The market it targets (ISO 3166-1 alpha-2), e.g. TH.
    pub market: CountryCode,
    pub channel: CampaignChannel,
    #[serde(default)]
    pub note: Option<LocalText>,
}

impl CampaignInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if self.ends_on < self.starts_on {
            e.push(FieldError::new(
                "ends_on",
                "before_start",
                format!("the end ({}) is before the start ({})", self.ends_on, self.starts_on),
            ));
        }
        e.finish(|| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::Text;

    #[test]
    fn a_campaign_ends_on_or_after_its_start() {
        let mut c = CampaignInput {
            title: LocalText::en(Text::parse("Akan in winter").unwrap()),
            starts_on: "2023-03-01".parse().unwrap(),
            ends_on: "2023-03-01".parse().unwrap(),
            market: CountryCode::parse("TH").unwrap(),
            channel: CampaignChannel::TourProposal,
            note: None,
        };
        assert!(c.validate().is_ok());
        c.ends_on = "2023-02-28".parse().unwrap();
        assert_eq!(c.validate().unwrap_err()[0].code, "before_start");
    }
}
