//! A placement's documents: passport, visa, residence card, insurance and
//! the safety briefing, each with its dates, and which of them expire soon.
//! A document's number is personal data: only staff and the volunteer see
//! it. A scan of the document may be attached (kept by the store).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::common::error::{Errors, FieldError};
use crate::common::{Id, Text};
use crate::string_enum;

string_enum! {
    /// What a placement document is.
    DocumentKind {
        Passport = "passport",
        Visa = "visa",
        ResidenceCard = "residence_card",
        Insurance = "insurance",
        /// The safety briefing the volunteer attended (dated when done).
        SafetyBriefing = "safety_briefing",
    }
}

impl DocumentKind {
    /// Whether a document of this kind must say when it expires.
    pub fn expires(self) -> bool {
        self != DocumentKind::SafetyBriefing
    }

    /// Whether it carries a number (passport, visa, residence card).
    pub fn numbered(self) -> bool {
        matches!(
            self,
            DocumentKind::Passport | DocumentKind::Visa | DocumentKind::ResidenceCard
        )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlacementDocument {
    pub id: Id,
    /// Bumped by every change.
    pub version: i64,
    /// The office that keeps the record.
    pub office_id: Id,
    #[serde(flatten)]
    pub fields: PlacementDocumentInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, kizuna_derive::Fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PlacementDocumentInput {
    pub placement_id: Id,
    pub kind: DocumentKind,
    /// The document's number or reference (personal data).
    #[serde(default)]
    pub reference: Option<Text>,
    /// When it was issued; for a safety briefing, the day it was given.
    #[serde(default)]
    pub issued_on: Option<NaiveDate>,
    /// When it expires (required but for a safety briefing).
    #[serde(default)]
    pub expires_on: Option<NaiveDate>,
    #[serde(default)]
    pub note: Option<Text>,
}

impl PlacementDocumentInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if self.kind.expires() && self.expires_on.is_none() {
            e.push(FieldError::new(
                "expires_on",
                "required",
                format!("a {} has an expiry date; give it", self.kind.as_str().replace('_', " ")),
            ));
        }
        if self.kind == DocumentKind::SafetyBriefing && self.issued_on.is_none() {
            e.push(FieldError::new(
                "issued_on",
                "required",
                "a safety briefing is dated by the day it was given",
            ));
        }
        if self.kind.numbered() && self.reference.is_none() {
            e.push(FieldError::new(
                "reference",
                "required",
                format!("a {} has a number; give it", self.kind.as_str().replace('_', " ")),
            ));
        }
        if let (Some(i), Some(x)) = (self.issued_on, self.expires_on)
            && x < i
        {
            e.push(FieldError::new(
                "expires_on",
                "before_issue",
                format!("it expires on {x}, before it was issued ({i})"),
            ));
        }
        e.finish(|| ())
    }
}

/// A document that expires within the window asked for, or has expired.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Expiring {
    pub document_id: Id,
    pub placement_id: Id,
    pub kind: DocumentKind,
    pub expires_on: NaiveDate,
    /// Days from today to the expiry; negative once expired.
    pub days_left: i64,
    pub expired: bool,
}

/// The documents expiring within `within_days` of `today` (the expiry day
/// itself counted as still valid) and those already expired, soonest first
/// (ties by document id).
pub fn expiring<'a>(
    docs: impl IntoIterator<Item = &'a PlacementDocument>,
    today: NaiveDate,
    within_days: i64,
) -> Vec<Expiring> {
    let mut out: Vec<Expiring> = docs
        .into_iter()
        .filter_map(|d| {
            let x = d.fields.expires_on?;
            let days_left = (x - today).num_days();
            (days_left <= within_days).then_some(Expiring {
                document_id: d.id,
                placement_id: d.fields.placement_id,
                kind: d.fields.kind,
                expires_on: x,
                days_left,
                expired: days_left < 0,
            })
        })
        .collect();
    out.sort_by_key(|e| (e.expires_on, e.document_id));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn doc(id: Id, kind: DocumentKind, expires_on: Option<NaiveDate>) -> PlacementDocument {
        PlacementDocument {
            id,
            version: 1,
            office_id: 1,
            fields: PlacementDocumentInput {
                placement_id: 10 + id,
                kind,
                reference: Some("TR0001234".parse().unwrap()),
                issued_on: Some(d(2020, 1, 1)),
                expires_on,
                note: None,
            },
        }
    }

    #[test]
    fn documents_name_what_they_lack() {
        let mut v = doc(1, DocumentKind::Visa, None).fields;
        assert_eq!(v.validate().unwrap_err()[0].field, "expires_on");
        v.expires_on = Some(d(2019, 12, 31));
        assert_eq!(v.validate().unwrap_err()[0].code, "before_issue");
        v.expires_on = Some(d(2023, 1, 1));
        v.reference = None;
        assert_eq!(v.validate().unwrap_err()[0].field, "reference");
        let mut b = doc(2, DocumentKind::SafetyBriefing, None).fields;
        b.reference = None;
        assert!(b.validate().is_ok(), "a briefing need not expire nor have a number");
        b.issued_on = None;
        assert_eq!(b.validate().unwrap_err()[0].field, "issued_on");
        let mut i = doc(3, DocumentKind::Insurance, Some(d(2023, 1, 1))).fields;
        i.reference = None;
        assert!(i.validate().is_ok());
    }

    #[test]
    fn expiring_lists_the_window_and_the_expired_soonest_first() {
        let today = d(2024, 2, 1);
        let docs = [
            doc(1, DocumentKind::Passport, Some(d(2030, 1, 1))),
            doc(2, DocumentKind::Visa, Some(d(2024, 2, 20))),
            doc(3, DocumentKind::Insurance, Some(d(2024, 1, 31))),
            doc(4, DocumentKind::SafetyBriefing, None),
            doc(5, DocumentKind::ResidenceCard, Some(d(2024, 3, 2))),
            doc(6, DocumentKind::Visa, Some(d(2024, 3, 3))),
            doc(7, DocumentKind::Visa, Some(today)),
        ];
        let got = expiring(&docs, today, 30);
        let ids: Vec<Id> = got.iter().map(|e| e.document_id).collect();
        assert_eq!(ids, vec![3, 7, 2, 5]);
        assert!(got[0].expired && got[0].days_left == -1);
        assert!(!got[1].expired && got[1].days_left == 0, "valid on its last day");
        assert_eq!(got[2].days_left, 19);
        assert_eq!(got[3].days_left, 30, "the window's last day is in");
        assert_eq!(got[0].placement_id, 13);
        assert!(expiring(&docs, today, 0).iter().all(|e| e.days_left <= 0));
    }
}
