//! Organisations: the office itself, partners, employers of trainees.

use serde::{Deserialize, Serialize};

use super::error::{Errors, FieldError};
use super::{CountryCode, Id, Key, LocalText, Text};
use crate::string_enum;

string_enum! {
    OrganisationKind {
        Government = "government",
        University = "university",
        Business = "business",
        ChamberOfCommerce = "chamber_of_commerce",
        InternationalAgency = "international_agency",
        Ngo = "ngo",
        Other = "other",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Organisation {
    pub id: Id,
    /// Bumped by every change: an update names the version it was made from
    /// and is refused when the record changed since.
    pub version: i64,
    /// The office that keeps the record.
    pub office_id: Id,
    #[serde(flatten)]
    pub fields: OrganisationInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, kizuna_derive::Fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OrganisationInput {
    /// Stable key, e.g. `obihiro-cci`.
    pub key: Key,
    /// The name in Kizuna's languages (at least one).
    pub name: LocalText,
    /// The name in the organisation's own script when it is none of those.
    #[serde(default)]
    pub name_local: Option<Text>,
    pub kind: OrganisationKind,
    pub country: CountryCode,
    #[serde(default)]
    pub locality_id: Option<Id>,
    /// Postal address, as the organisation writes it.
    #[serde(default)]
    pub address: Option<Text>,
    /// Telephone, with the country code when abroad (`+66 2 123 4567`).
    #[serde(default)]
    pub phone: Option<Text>,
    /// The organisation's contact e-mail address.
    #[serde(default)]
    pub email: Option<Text>,
    /// Its website: an `http://` or `https://` address.
    #[serde(default)]
    pub website: Option<Text>,
    /// Whom the office contacts there (a name, a position).
    #[serde(default)]
    pub contact_person: Option<Text>,
}

impl OrganisationInput {
    /// Rules of the contact details: an e-mail address, a telephone number
    /// (digits with spaces, `+`, `-`, `(`, `)`, `.` or `/`, at least five
    /// digits) and a web address, each when given.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if let Some(m) = &self.email
            && !is_email(m.as_str())
        {
            e.push(FieldError::new(
                "email",
                "invalid_email",
                format!("\"{m}\" is not an e-mail address"),
            ));
        }
        if let Some(p) = &self.phone
            && !is_phone(p.as_str())
        {
            e.push(FieldError::new(
                "phone",
                "invalid_phone",
                format!("\"{p}\" is not a telephone number: digits, spaces and + - ( ) . /"),
            ));
        }
        if let Some(w) = &self.website
            && !is_web_address(w.as_str())
        {
            e.push(FieldError::new(
                "website",
                "invalid_website",
                format!("\"{w}\" is not a web address starting with https:// or http://"),
            ));
        }
        e.finish(|| ())
    }
}

fn is_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !s.contains(char::is_whitespace)
        }
        None => false,
    }
}

fn is_phone(s: &str) -> bool {
    s.chars().all(|c| c.is_ascii_digit() || " +-()./".contains(c))
        && s.chars().filter(char::is_ascii_digit).count() >= 5
}

/// An `http://` or `https://` address with a dotted host and nothing a
/// page could be tricked with (also an outcome's evidence link).
pub(crate) fn is_web_address(s: &str) -> bool {
    let rest = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://"));
    match rest {
        Some(r) => {
            let host = r.split(['/', '?', '#']).next().unwrap_or("");
            host.contains('.')
                && !host.starts_with('.')
                && !host.ends_with('.')
                && !s.contains(char::is_whitespace)
                && !s.contains(['<', '>', '"'])
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_details_are_checked() {
        assert!(is_email("office@tokachi.example.jp"));
        assert!(!is_email("office at tokachi"));
        assert!(!is_email("a@b"));
        assert!(is_phone("+66 2 123-4567"));
        assert!(is_phone("(0155) 22.1234"));
        assert!(!is_phone("call me"));
        assert!(!is_phone("123"));
        assert!(is_web_address("https://www.obihiro.example.jp/en/"));
        assert!(is_web_address("http://example.org"));
        assert!(!is_web_address("javascript:alert(1)"));
        assert!(!is_web_address("www.example.org"));
        assert!(!is_web_address("https://localhost"));
    }
}
