//! Photos of any activity: what they show (the subject record), a caption
//! in Kizuna's languages, when they were taken, whose they are, and
//! whether they may be shown to the public. The bytes are checked and
//! cleaned of location metadata by the application (`kizuna-io`'s
//! `photo` module) before they are kept.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::common::error::{Errors, FieldError};
use crate::common::{Id, LocalText, Text};
use crate::string_enum;

string_enum! {
    /// The kind of record a photo shows.
    PhotoSubject {
        Delegation = "delegation",
        Dispatch = "dispatch",
        Symposium = "symposium",
        CourtesyCall = "courtesy_call",
        Award = "award",
        /// A partnership activity.
        Activity = "activity",
        /// A training session.
        Session = "session",
        /// A volunteer placement.
        Placement = "placement",
    }
}

string_enum! {
    /// What a photo's bytes were found to be.
    PhotoKind {
        Jpeg = "jpeg",
        Png = "png",
        Webp = "webp",
    }
}

impl PhotoKind {
    pub fn media_type(self) -> &'static str {
        match self {
            PhotoKind::Jpeg => "image/jpeg",
            PhotoKind::Png => "image/png",
            PhotoKind::Webp => "image/webp",
        }
    }

    pub fn from_media_type(s: &str) -> Option<Self> {
        PhotoKind::ALL.iter().copied().find(|k| k.media_type() == s)
    }

    pub fn extension(self) -> &'static str {
        match self {
            PhotoKind::Jpeg => "jpg",
            PhotoKind::Png => "png",
            PhotoKind::Webp => "webp",
        }
    }
}

/// What staff say about a photo.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PhotoInput {
    pub subject: PhotoSubject,
    pub subject_id: Id,
    /// The caption in Kizuna's languages (at least one).
    pub caption: LocalText,
    #[serde(default)]
    pub taken_on: Option<NaiveDate>,
    /// Whose photo it is (photographer, organisation).
    #[serde(default)]
    pub credit: Option<Text>,
    /// Shown to anyone when its subject is public too.
    #[serde(default)]
    pub public: bool,
}

impl PhotoInput {
    /// A photo is not taken in the future.
    pub fn validate(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if let Some(t) = self.taken_on
            && t > today
        {
            e.push(FieldError::new(
                "taken_on",
                "future",
                format!("{t} is in the future; a photo is dated the day it was taken"),
            ));
        }
        if self.subject_id < 1 {
            e.push(FieldError::new(
                "subject_id",
                "not_found",
                "choose the record the photo shows",
            ));
        }
        e.finish(|| ())
    }
}

/// A photo as kept, without its bytes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Photo {
    pub id: Id,
    #[serde(flatten)]
    pub fields: PhotoInput,
    pub kind: PhotoKind,
    pub width: u32,
    pub height: u32,
    pub size_bytes: i64,
    /// SHA-256 of the bytes kept (after the metadata was removed).
    pub sha256: String,
    pub uploaded_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_photo_is_not_from_the_future() {
        let mut p = PhotoInput {
            subject: PhotoSubject::Delegation,
            subject_id: 1,
            caption: LocalText::en(Text::parse("Arrival").unwrap()),
            taken_on: Some("2024-01-01".parse().unwrap()),
            credit: None,
            public: false,
        };
        let today = "2024-01-01".parse().unwrap();
        assert!(p.validate(today).is_ok());
        p.taken_on = Some("2024-01-02".parse().unwrap());
        assert_eq!(p.validate(today).unwrap_err()[0].code, "future");
        assert_eq!(
            "courtesy_call".parse::<PhotoSubject>().ok(),
            Some(PhotoSubject::CourtesyCall)
        );
        assert_eq!(PhotoKind::from_media_type("image/webp"), Some(PhotoKind::Webp));
    }
}
