//! Halal assurance: its levels, certificates and their standing on a day,
//! and the prayer facilities at a place.

use chrono::NaiveDate;

use crate::common::Text;
use crate::common::error::FieldError;
use crate::string_enum;

use super::EXPIRY_WARNING_DAYS;

string_enum! {
    /// How far a place's food can be trusted to be halal, strongest first.
    Assurance {
        /// Certified by a halal certifying body (certificate on record).
        Certified = "certified",
        /// The place itself says it is Muslim-friendly; nobody checked.
        SelfDeclared = "self_declared",
        /// No pork served (alcohol may be).
        PorkFree = "pork_free",
        /// Vegetarian dishes available.
        VegetarianOptions = "vegetarian_options",
        Unknown = "unknown",
    }
}

/// A halal certificate: who issued it, its number, and when it is valid.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Certificate {
    pub(super) certifier: Text,
    pub(super) number: Text,
    pub(super) valid_from: NaiveDate,
    pub(super) valid_until: NaiveDate,
}

impl Certificate {
    pub fn new(
        certifier: Text,
        number: Text,
        valid_from: NaiveDate,
        valid_until: NaiveDate,
    ) -> Result<Self, FieldError> {
        if valid_until < valid_from {
            return Err(FieldError::new(
                "certificate_valid_until",
                "before_start",
                format!("the certificate cannot end ({valid_until}) before it starts ({valid_from})"),
            ));
        }
        Ok(Certificate {
            certifier,
            number,
            valid_from,
            valid_until,
        })
    }
    pub fn certifier(&self) -> &Text {
        &self.certifier
    }
    pub fn number(&self) -> &Text {
        &self.number
    }
    pub fn valid_from(&self) -> NaiveDate {
        self.valid_from
    }
    pub fn valid_until(&self) -> NaiveDate {
        self.valid_until
    }

    /// Where the certificate stands on a day.
    pub fn status(&self, today: NaiveDate) -> CertificateStatus {
        CertificateStatus::on(self.valid_from, self.valid_until, today)
    }
}

impl CertificateStatus {
    /// Where a certificate valid from `valid_from` to `valid_until`
    /// (both days included) stands on `today`.
    pub fn on(valid_from: NaiveDate, valid_until: NaiveDate, today: NaiveDate) -> Self {
        if today < valid_from {
            CertificateStatus::NotYetValid
        } else if today > valid_until {
            CertificateStatus::Expired
        } else if (valid_until - today).num_days() <= i64::from(EXPIRY_WARNING_DAYS) {
            CertificateStatus::Expiring
        } else {
            CertificateStatus::Valid
        }
    }
}

string_enum! {
    /// A certificate's standing on a given day.
    CertificateStatus {
        Valid = "valid",
        /// Valid, but ends within [`EXPIRY_WARNING_DAYS`].
        Expiring = "expiring",
        Expired = "expired",
        NotYetValid = "not_yet_valid",
    }
}

/// A place's halal assurance. Only `Certified` carries a certificate.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Halal {
    Certified(Certificate),
    SelfDeclared,
    PorkFree,
    VegetarianOptions,
    Unknown,
}

impl Halal {
    pub fn level(&self) -> Assurance {
        match self {
            Halal::Certified(_) => Assurance::Certified,
            Halal::SelfDeclared => Assurance::SelfDeclared,
            Halal::PorkFree => Assurance::PorkFree,
            Halal::VegetarianOptions => Assurance::VegetarianOptions,
            Halal::Unknown => Assurance::Unknown,
        }
    }
    pub fn certificate(&self) -> Option<&Certificate> {
        match self {
            Halal::Certified(c) => Some(c),
            _ => None,
        }
    }
}

/// Prayer facilities at a place (false: not known to be there).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct PrayerFacilities {
    /// Somewhere to pray.
    pub prayer_space: bool,
    /// Somewhere to make ablutions.
    pub wudu: bool,
    /// A separate space for women.
    pub women_space: bool,
    /// The qibla direction is marked.
    pub qibla_marked: bool,
    /// Prayer mats are provided.
    pub mats: bool,
}
