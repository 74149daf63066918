//! Courtesy calls: who called on whom, when and where, and why.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::common::error::{Errors, FieldError};
use crate::common::{Id, LocalText};

use super::in_japan;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CourtesyCall {
    pub id: Id,
    /// Bumped by every change.
    pub version: i64,
    /// The office that keeps the record.
    pub office_id: Id,
    #[serde(flatten)]
    pub fields: CourtesyCallInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, kizuna_derive::Fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CourtesyCallInput {
    /// Who called (e.g. "Delegation of the Ministry of Interior").
    pub visitor: LocalText,
    /// On whom (e.g. "the Mayor of Kushiro").
    pub host: LocalText,
    #[serde(default)]
    pub host_organisation_id: Option<Id>,
    pub called_on: NaiveDate,
    /// The time, stored in UTC; shown in Japan's time.
    #[serde(default)]
    pub starts_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub locality_id: Option<Id>,
    /// The delegation that made the call, if any.
    #[serde(default)]
    pub delegation_id: Option<Id>,
    /// The training edition whose participants made the call, if any.
    #[serde(default)]
    pub edition_id: Option<Id>,
    #[serde(default)]
    pub purpose: Option<LocalText>,
    #[serde(default)]
    pub public: bool,
}

impl CourtesyCallInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if let Some(t) = self.starts_at
            && in_japan(t).date_naive() != self.called_on
        {
            e.push(FieldError::new(
                "starts_at",
                "other_day",
                format!(
                    "{} in Japan is not on the day of the call ({})",
                    in_japan(t).format("%Y-%m-%d %H:%M"),
                    self.called_on
                ),
            ));
        }
        if self.delegation_id.is_some() && self.edition_id.is_some() {
            e.push(FieldError::new(
                "edition_id",
                "both",
                "a call is made by a delegation or by an edition's participants, not both",
            ));
        }
        e.finish(|| ())
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::common::Text;

    #[test]
    fn a_call_time_is_on_its_day_and_one_caller_group() {
        let jst = chrono::FixedOffset::east_opt(9 * 3600).unwrap();
        let mut c = CourtesyCallInput {
            visitor: LocalText::en(Text::parse("Delegation").unwrap()),
            host: LocalText::en(Text::parse("Mayor").unwrap()),
            host_organisation_id: None,
            called_on: "2019-10-08".parse().unwrap(),
            starts_at: Some(jst.with_ymd_and_hms(2019, 10, 8, 7, 30, 0).unwrap().with_timezone(&Utc)),
            locality_id: None,
            delegation_id: Some(1),
            edition_id: None,
            purpose: None,
            public: false,
        };
        assert!(c.validate().is_ok());
        c.called_on = "2019-10-07".parse().unwrap();
        c.edition_id = Some(2);
        let codes: Vec<String> = c.validate().unwrap_err().into_iter().map(|e| e.code).collect();
        assert_eq!(codes, ["other_day", "both"]);
    }
}
