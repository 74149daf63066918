//! Delegations received: a group from abroad (a government, a city, an
//! association) visiting the region, its members and the programme of
//! visits day by day.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::common::error::{Errors, FieldError};
use crate::common::{CountryCode, Id, LocalText, Text};

use super::in_japan;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Delegation {
    pub id: Id,
    /// Bumped by every change.
    pub version: i64,
    /// The office that keeps the record.
    pub office_id: Id,
    #[serde(flatten)]
    pub fields: DelegationInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, kizuna_derive::Fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DelegationInput {
    /// The country the delegation comes from (ISO 3166-1 alpha-2).
    pub country: CountryCode,
    /// The sending organisation, when it is a record.
    #[serde(default)]
    pub organisation_id: Option<Id>,
    /// The sending organisation's name, when it is not a record.
    #[serde(default)]
    pub organisation_name: Option<LocalText>,
    pub arrives_on: NaiveDate,
    pub leaves_on: NaiveDate,
    /// Why they came, in Kizuna's languages.
    pub purpose: LocalText,
    /// The programme the visit belongs to, if any.
    #[serde(default)]
    pub programme_id: Option<Id>,
    /// Shown on the public exchanges page with its public photos.
    #[serde(default)]
    pub public: bool,
}

impl DelegationInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if self.leaves_on < self.arrives_on {
            e.push(FieldError::new(
                "leaves_on",
                "before_arrival",
                format!(
                    "the delegation leaves on {}, before it arrives ({})",
                    self.leaves_on, self.arrives_on
                ),
            ));
        }
        if self.organisation_id.is_none() && self.organisation_name.is_none() {
            e.push(FieldError::new(
                "organisation_name",
                "required",
                "name the sending organisation: choose a record or write its name",
            ));
        }
        if self.organisation_id.is_some() && self.organisation_name.is_some() {
            e.push(FieldError::new(
                "organisation_name",
                "both",
                "the sending organisation is either a record or a name, not both",
            ));
        }
        if self.country.as_str() == "JP" {
            e.push(FieldError::new(
                "country",
                "not_abroad",
                "a delegation received comes from abroad, not from Japan",
            ));
        }
        e.finish(|| ())
    }
}

/// One member of a delegation: a person on record, or a name as given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DelegationMember {
    pub id: Id,
    pub version: i64,
    pub office_id: Id,
    #[serde(flatten)]
    pub fields: DelegationMemberInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, kizuna_derive::Fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DelegationMemberInput {
    pub delegation_id: Id,
    #[serde(default)]
    pub person_id: Option<Id>,
    /// The member's name as given, when not a person on record.
    #[serde(default)]
    pub name: Option<Text>,
    /// Title or role in the delegation (e.g. "Head of delegation").
    #[serde(default)]
    pub title: Option<LocalText>,
}

impl DelegationMemberInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        match (self.person_id, &self.name) {
            (None, None) => e.push(FieldError::new(
                "name",
                "required",
                "a member is a person on record or a name",
            )),
            (Some(_), Some(_)) => e.push(FieldError::new(
                "name",
                "both",
                "a member is either a person on record or a name, not both",
            )),
            _ => {}
        }
        e.finish(|| ())
    }
}

/// One stop in a delegation's programme of visits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DelegationVisit {
    pub id: Id,
    pub version: i64,
    pub office_id: Id,
    #[serde(flatten)]
    pub fields: DelegationVisitInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, kizuna_derive::Fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DelegationVisitInput {
    pub delegation_id: Id,
    pub visit_on: NaiveDate,
    /// Start, stored in UTC; shown in Japan's time.
    #[serde(default)]
    pub starts_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub ends_at: Option<DateTime<Utc>>,
    /// The place visited, as written.
    #[serde(default)]
    pub place: Option<Text>,
    /// The organisation visited, when it is a record.
    #[serde(default)]
    pub organisation_id: Option<Id>,
    #[serde(default)]
    pub locality_id: Option<Id>,
    /// What they did there.
    pub what: LocalText,
}

impl DelegationVisitInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        for (field, t) in [("starts_at", self.starts_at), ("ends_at", self.ends_at)] {
            if let Some(t) = t
                && in_japan(t).date_naive() != self.visit_on
            {
                e.push(FieldError::new(
                    field,
                    "other_day",
                    format!(
                        "{} in Japan is not on the day of the visit ({})",
                        in_japan(t).format("%Y-%m-%d %H:%M"),
                        self.visit_on
                    ),
                ));
            }
        }
        if let (Some(s), Some(end)) = (self.starts_at, self.ends_at)
            && end <= s
        {
            e.push(FieldError::new(
                "ends_at",
                "before_start",
                "the visit ends before it starts",
            ));
        }
        if self.ends_at.is_some() && self.starts_at.is_none() {
            e.push(FieldError::new(
                "starts_at",
                "required",
                "give the start time when an end time is given",
            ));
        }
        e.finish(|| ())
    }

    /// The visit's day falls within the delegation's stay.
    pub fn within(&self, d: &DelegationInput) -> Result<(), FieldError> {
        if self.visit_on < d.arrives_on || self.visit_on > d.leaves_on {
            return Err(FieldError::new(
                "visit_on",
                "outside_stay",
                format!(
                    "{} is outside the delegation's stay ({} to {})",
                    self.visit_on, d.arrives_on, d.leaves_on
                ),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn delegation() -> DelegationInput {
        DelegationInput {
            country: CountryCode::parse("TH").unwrap(),
            organisation_id: None,
            organisation_name: Some(LocalText::en(Text::parse("Ministry of Interior").unwrap())),
            arrives_on: d("2019-10-07"),
            leaves_on: d("2019-10-10"),
            purpose: LocalText::en(Text::parse("Study tour").unwrap()),
            programme_id: None,
            public: false,
        }
    }

    fn codes(r: Result<(), Vec<FieldError>>) -> Vec<String> {
        r.err().unwrap_or_default().into_iter().map(|e| e.code).collect()
    }

    #[test]
    fn a_delegation_leaves_after_it_arrives_and_comes_from_abroad() {
        assert!(delegation().validate().is_ok());
        let mut x = delegation();
        x.leaves_on = d("2019-10-06");
        assert_eq!(codes(x.validate()), ["before_arrival"]);
        let mut x = delegation();
        x.organisation_name = None;
        x.country = CountryCode::parse("JP").unwrap();
        assert_eq!(codes(x.validate()), ["required", "not_abroad"]);
        let mut x = delegation();
        x.organisation_id = Some(3);
        assert_eq!(codes(x.validate()), ["both"]);
    }

    #[test]
    fn a_member_is_a_person_or_a_name() {
        let m = |p: Option<Id>, n: Option<&str>| DelegationMemberInput {
            delegation_id: 1,
            person_id: p,
            name: n.map(|n| Text::parse(n).unwrap()),
            title: None,
        };
        assert!(m(Some(1), None).validate().is_ok());
        assert!(m(None, Some("Somchai P.")).validate().is_ok());
        assert_eq!(codes(m(None, None).validate()), ["required"]);
        assert_eq!(codes(m(Some(1), Some("x")).validate()), ["both"]);
    }

    #[test]
    fn visit_times_are_on_its_day_in_japan_and_within_the_stay() {
        let jst = chrono::FixedOffset::east_opt(9 * 3600).unwrap();
        let at = |h: u32, day: u32| {
            jst.with_ymd_and_hms(2019, 10, day, h, 0, 0)
                .unwrap()
                .with_timezone(&Utc)
        };
        let mut v = DelegationVisitInput {
            delegation_id: 1,
            visit_on: d("2019-10-08"),
            starts_at: Some(at(8, 8)),
            ends_at: Some(at(10, 8)),
            place: None,
            organisation_id: None,
            locality_id: None,
            what: LocalText::en(Text::parse("Briefing at the city office").unwrap()),
        };
        // 08:00 in Tokyo is 23:00 UTC the day before: still the visit's day.
        assert!(v.validate().is_ok());
        assert!(v.within(&delegation()).is_ok());
        v.ends_at = Some(at(7, 8));
        assert_eq!(codes(v.validate()), ["before_start"]);
        v.ends_at = Some(at(10, 9));
        assert_eq!(codes(v.validate()), ["other_day"]);
        v.visit_on = d("2019-10-11");
        assert_eq!(v.within(&delegation()).unwrap_err().code, "outside_stay");
    }
}
