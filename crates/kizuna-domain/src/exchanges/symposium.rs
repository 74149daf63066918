//! Symposiums the office hosts: days, venue, sessions with their speakers,
//! and the regions taking part.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::common::error::{Errors, FieldError};
use crate::common::{CountryCode, Id, LocalText, Text};

use super::in_japan;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Symposium {
    pub id: Id,
    /// Bumped by every change.
    pub version: i64,
    /// The office that keeps the record.
    pub office_id: Id,
    #[serde(flatten)]
    pub fields: SymposiumInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, kizuna_derive::Fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SymposiumInput {
    pub title: LocalText,
    /// The first day.
    pub starts_on: NaiveDate,
    /// The last day (the same as the first for a one-day symposium).
    pub ends_on: NaiveDate,
    #[serde(default)]
    pub venue: Option<Text>,
    #[serde(default)]
    pub locality_id: Option<Id>,
    #[serde(default)]
    pub summary: Option<LocalText>,
    #[serde(default)]
    pub programme_id: Option<Id>,
    #[serde(default)]
    pub public: bool,
}

impl SymposiumInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if self.ends_on < self.starts_on {
            e.push(FieldError::new(
                "ends_on",
                "before_start",
                format!(
                    "the last day ({}) is before the first ({})",
                    self.ends_on, self.starts_on
                ),
            ));
        } else if (self.ends_on - self.starts_on).num_days() > 14 {
            e.push(FieldError::new(
                "ends_on",
                "too_long",
                "a symposium lasts at most 15 days",
            ));
        }
        e.finish(|| ())
    }
}

/// A session of a symposium.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SymposiumSession {
    pub id: Id,
    pub version: i64,
    pub office_id: Id,
    #[serde(flatten)]
    pub fields: SymposiumSessionInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, kizuna_derive::Fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SymposiumSessionInput {
    pub symposium_id: Id,
    pub title: LocalText,
    /// Stored in UTC; shown in Japan's time.
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

impl SymposiumSessionInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if self.ends_at <= self.starts_at {
            e.push(FieldError::new(
                "ends_at",
                "before_start",
                "the session ends before it starts",
            ));
        }
        e.finish(|| ())
    }

    /// The session falls on the symposium's days, in Japan's time.
    pub fn within(&self, s: &SymposiumInput) -> Vec<FieldError> {
        let mut out = Vec::new();
        for (field, t) in [("starts_at", self.starts_at), ("ends_at", self.ends_at)] {
            let day = in_japan(t).date_naive();
            if day < s.starts_on || day > s.ends_on {
                out.push(FieldError::new(
                    field,
                    "outside_days",
                    format!(
                        "{} in Japan is outside the symposium's days ({} to {})",
                        in_japan(t).format("%Y-%m-%d %H:%M"),
                        s.starts_on,
                        s.ends_on
                    ),
                ));
            }
        }
        out
    }
}

/// A speaker of a session: a person on record or a name, with affiliation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SymposiumSpeaker {
    pub id: Id,
    pub version: i64,
    pub office_id: Id,
    #[serde(flatten)]
    pub fields: SymposiumSpeakerInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, kizuna_derive::Fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SymposiumSpeakerInput {
    pub session_id: Id,
    #[serde(default)]
    pub person_id: Option<Id>,
    #[serde(default)]
    pub name: Option<Text>,
    #[serde(default)]
    pub affiliation: Option<LocalText>,
}

impl SymposiumSpeakerInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        match (self.person_id, &self.name) {
            (None, None) => e.push(FieldError::new(
                "name",
                "required",
                "a speaker is a person on record or a name",
            )),
            (Some(_), Some(_)) => e.push(FieldError::new(
                "name",
                "both",
                "a speaker is either a person on record or a name, not both",
            )),
            _ => {}
        }
        e.finish(|| ())
    }
}

/// A region taking part in a symposium (a prefecture, a province, a state).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SymposiumRegion {
    pub id: Id,
    pub version: i64,
    pub office_id: Id,
    #[serde(flatten)]
    pub fields: SymposiumRegionInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, kizuna_derive::Fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SymposiumRegionInput {
    pub symposium_id: Id,
    pub country: CountryCode,
    pub name: LocalText,
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn sessions_fall_on_the_symposium_days_in_japan() {
        let s = SymposiumInput {
            title: LocalText::en(Text::parse("Pan-Okhotsk symposium").unwrap()),
            starts_on: "2008-02-04".parse().unwrap(),
            ends_on: "2008-02-05".parse().unwrap(),
            venue: None,
            locality_id: None,
            summary: None,
            programme_id: None,
            public: true,
        };
        assert!(s.validate().is_ok());
        let jst = chrono::FixedOffset::east_opt(9 * 3600).unwrap();
        let at = |day: u32, h: u32| jst.with_ymd_and_hms(2008, 2, day, h, 0, 0).unwrap().with_timezone(&Utc);
        let mut x = SymposiumSessionInput {
            symposium_id: 1,
            title: LocalText::en(Text::parse("Sea ice and fisheries").unwrap()),
            starts_at: at(4, 1),
            ends_at: at(4, 3),
        };
        // 01:00 in Tokyo on the 4th is the 3rd in UTC: still inside.
        assert!(x.validate().is_ok() && x.within(&s).is_empty());
        x.ends_at = at(6, 10);
        assert_eq!(x.within(&s)[0].code, "outside_days");
        x.ends_at = at(4, 0);
        assert_eq!(x.validate().unwrap_err()[0].code, "before_start");
        let mut bad = s.clone();
        bad.ends_on = "2008-02-03".parse().unwrap();
        assert_eq!(bad.validate().unwrap_err()[0].code, "before_start");
    }
}
