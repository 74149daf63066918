//! A partnership programme's details: how it is funded, who proposed it,
//! the Japanese locality and the localities abroad it links, its themes,
//! period, status and budget; and the organisations taking part, each in
//! an IATI role.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::themes::Themes;
use crate::common::error::{Errors, FieldError};
use crate::common::{Id, LocalText, Text};
use crate::string_enum;

string_enum! {
    /// Where a programme stands (each maps to an IATI activity status).
    PartnershipStatus {
        /// Being identified or prepared (IATI 1).
        Pipeline = "pipeline",
        /// Running (IATI 2).
        Implementation = "implementation",
        /// Finished, reports being written (IATI 3).
        Finalisation = "finalisation",
        /// Closed (IATI 4).
        Closed = "closed",
        /// Cancelled before it ended (IATI 5).
        Cancelled = "cancelled",
        /// Halted for now, e.g. in the pandemic (IATI 6).
        Suspended = "suspended",
    }
}

impl PartnershipStatus {
    /// The IATI ActivityStatus code.
    pub fn iati_code(self) -> u8 {
        match self {
            PartnershipStatus::Pipeline => 1,
            PartnershipStatus::Implementation => 2,
            PartnershipStatus::Finalisation => 3,
            PartnershipStatus::Closed => 4,
            PartnershipStatus::Cancelled => 5,
            PartnershipStatus::Suspended => 6,
        }
    }
}

string_enum! {
    /// An organisation's part in a programme (the IATI organisation roles).
    OrganisationRole {
        /// Provides the money (IATI 1).
        Funding = "funding",
        /// Answers for the programme (IATI 2).
        Accountable = "accountable",
        /// Manages the money on the funder's behalf (IATI 3).
        Extending = "extending",
        /// Does the work (IATI 4).
        Implementing = "implementing",
    }
}

impl OrganisationRole {
    /// The IATI OrganisationRole code.
    pub fn iati_code(self) -> u8 {
        match self {
            OrganisationRole::Funding => 1,
            OrganisationRole::Accountable => 2,
            OrganisationRole::Extending => 3,
            OrganisationRole::Implementing => 4,
        }
    }
}

/// The partnership details of a programme of kind `partnership` (one per
/// programme).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Partnership {
    pub id: Id,
    /// Bumped by every change: an update names the version it was made from
    /// and is refused when the record changed since.
    pub version: i64,
    /// The office that keeps the record.
    pub office_id: Id,
    #[serde(flatten)]
    pub fields: PartnershipInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, kizuna_derive::Fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PartnershipInput {
    /// The programme (of kind `partnership`) these details belong to.
    pub programme_id: Id,
    /// The funding scheme, e.g. "JICA Partnership Program", in Kizuna's languages.
    pub funding_scheme: LocalText,
    /// The organisation that proposed the programme.
    #[serde(default)]
    pub proposer_id: Option<Id>,
    /// The Japanese locality the programme links.
    pub japan_locality_id: Id,
    pub starts_on: NaiveDate,
    #[serde(default)]
    pub ends_on: Option<NaiveDate>,
    pub status: PartnershipStatus,
    /// The budget, in whole units of `budget_currency`.
    #[serde(default)]
    pub budget_amount: Option<i64>,
    /// ISO 4217 code of the budget's currency, e.g. `JPY`.
    #[serde(default)]
    pub budget_currency: Option<Text>,
    /// What the programme is about, from the theme vocabulary.
    #[serde(default)]
    pub themes: Themes,
    /// Whether the public story page of the programme is shown.
    #[serde(default)]
    pub public: bool,
    /// The localities abroad the programme links (at least one).
    #[serde(default)]
    #[field(skip)]
    pub abroad_locality_ids: Vec<Id>,
}

impl PartnershipInput {
    /// Rules across fields: the period in order, a budget with a currency
    /// of three capital letters and not negative, at least one locality
    /// abroad, at least one theme.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if let Some(end) = self.ends_on
            && end < self.starts_on
        {
            e.push(FieldError::new(
                "ends_on",
                "before_start",
                format!("the programme ends on {end}, before it starts ({})", self.starts_on),
            ));
        }
        if let Some(a) = self.budget_amount {
            if a < 0 {
                e.push(FieldError::new("budget_amount", "negative", "a budget is not negative"));
            }
            if self.budget_currency.is_none() {
                e.push(FieldError::new(
                    "budget_currency",
                    "required",
                    "a budget needs its currency (ISO 4217, e.g. JPY)",
                ));
            }
        }
        if let Some(c) = &self.budget_currency
            && !(c.as_str().len() == 3 && c.as_str().bytes().all(|b| b.is_ascii_uppercase()))
        {
            e.push(FieldError::new(
                "budget_currency",
                "invalid_currency",
                format!("\"{c}\" is not an ISO 4217 currency code: three capital letters, e.g. JPY"),
            ));
        }
        if self.abroad_locality_ids.is_empty() {
            e.push(FieldError::new(
                "abroad_locality_ids",
                "required",
                "a partnership links at least one locality abroad",
            ));
        }
        if self.themes.is_empty() {
            e.push(FieldError::new(
                "themes",
                "required",
                "a partnership has at least one theme",
            ));
        }
        e.finish(|| ())
    }
}

/// An organisation taking part in a programme, in one role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgrammeOrganisation {
    pub id: Id,
    /// Bumped by every change.
    pub version: i64,
    /// The office that keeps the record.
    pub office_id: Id,
    #[serde(flatten)]
    pub fields: ProgrammeOrganisationInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, kizuna_derive::Fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProgrammeOrganisationInput {
    pub programme_id: Id,
    pub organisation_id: Id,
    pub role: OrganisationRole,
}
