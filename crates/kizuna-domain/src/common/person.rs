//! People. One person may hold several roles over the years (trainee,
//! instructor, delegate, volunteer): roles live on participations, not here.
//!
//! Birth dates and contacts are personal data: the store keeps them, the
//! layers above decide who may read them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::error::{Errors, FieldError};
use super::{CountryCode, Id, Text};
use crate::string_enum;

string_enum! {
    Gender {
        Female = "female",
        Male = "male",
        Other = "other",
        Unspecified = "unspecified",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Person {
    pub id: Id,
    /// Bumped by every change: an update names the version it was made from
    /// and is refused when the record changed since.
    pub version: i64,
    /// The office that keeps the record.
    pub office_id: Id,
    #[serde(flatten)]
    pub fields: PersonInput,
}

impl Person {
    /// "Family, Given" in Latin script, as lists sort by.
    pub fn sort_name(&self) -> String {
        match &self.fields.given_name {
            Some(g) => format!("{}, {}", self.fields.family_name, g),
            None => self.fields.family_name.to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, kizuna_derive::Fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PersonInput {
    /// Family name in Latin script (the only name, for people with one name).
    pub family_name: Text,
    #[serde(default)]
    pub given_name: Option<Text>,
    /// The name in the person's own script (e.g. Thai, Chinese).
    #[serde(default)]
    pub name_native: Option<Text>,
    /// Katakana reading, as Japanese documents write it.
    #[serde(default)]
    pub name_kana: Option<Text>,
    pub gender: Gender,
    pub nationality: CountryCode,
    /// Personal data.
    #[serde(default)]
    pub birth_date: Option<NaiveDate>,
    /// Personal data.
    #[serde(default)]
    pub email: Option<Text>,
    /// The home organisation (employer) and position held there.
    #[serde(default)]
    pub organisation_id: Option<Id>,
    #[serde(default)]
    pub position: Option<Text>,
}

impl PersonInput {
    /// Rules across fields, given today's date.
    pub fn validate(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if let Some(b) = self.birth_date {
            if b > today {
                e.push(FieldError::new(
                    "birth_date",
                    "in_future",
                    format!("birth date {b} is in the future"),
                ));
            }
            if b.year_ce().1 < 1900 {
                e.push(FieldError::new(
                    "birth_date",
                    "out_of_range",
                    format!("birth date {b} is before 1900"),
                ));
            }
        }
        if let Some(m) = &self.email
            && !is_plausible_email(m.as_str())
        {
            e.push(FieldError::new(
                "email",
                "invalid_email",
                format!("\"{m}\" is not an e-mail address"),
            ));
        }
        e.finish(|| ())
    }

    /// The key that says two records are the same person: names (case and
    /// spacing folded), nationality and, when known, birth date.
    pub fn identity_key(&self) -> String {
        let fold = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        format!(
            "{}|{}|{}|{}",
            fold(self.family_name.as_str()),
            self.given_name.as_ref().map(|g| fold(g.as_str())).unwrap_or_default(),
            self.nationality,
            self.birth_date.map(|d| d.to_string()).unwrap_or_default()
        )
    }
}

use chrono::Datelike;

fn is_plausible_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !s.contains(char::is_whitespace)
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> PersonInput {
        PersonInput {
            family_name: Text::parse("Nguyen").unwrap(),
            given_name: Text::parse_optional(Some("Thi  Lan")).unwrap(),
            name_native: None,
            name_kana: None,
            gender: Gender::Female,
            nationality: CountryCode::parse("VN").unwrap(),
            birth_date: None,
            email: None,
            organisation_id: None,
            position: None,
        }
    }

    #[test]
    fn identity_folds_case_and_spacing() {
        let mut a = input();
        let mut b = input();
        b.family_name = Text::parse("NGUYEN").unwrap();
        b.given_name = Text::parse_optional(Some("thi lan")).unwrap();
        assert_eq!(a.identity_key(), b.identity_key());
        a.birth_date = NaiveDate::from_ymd_opt(1970, 1, 2);
        assert_ne!(a.identity_key(), b.identity_key());
    }

    #[test]
    fn rejects_future_birth_dates_and_bad_emails() {
        let today = NaiveDate::from_ymd_opt(2008, 3, 31).unwrap();
        let mut p = input();
        p.birth_date = NaiveDate::from_ymd_opt(2010, 1, 1);
        p.email = Text::parse_optional(Some("not-an-address")).unwrap();
        let errs = p.validate(today).unwrap_err();
        let fields: Vec<_> = errs.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["birth_date", "email"]);
        p.birth_date = NaiveDate::from_ymd_opt(1970, 1, 1);
        p.email = Text::parse_optional(Some("lan@example.org")).unwrap();
        assert!(p.validate(today).is_ok());
    }
}
