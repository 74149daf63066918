//! Nomination files: what a partner organisation sends the office for a
//! course (the official application, Part A about the organisation, Part B
//! about the nominee), uploaded through the partner's page and reviewed by
//! staff. The file holds personal data, sometimes medical: only staff and
//! the organisation that sent it may read it.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::common::{Id, Text};
use crate::string_enum;

string_enum! {
    /// Where a nomination file stands with the office.
    NominationStatus {
        /// Uploaded, not yet looked at.
        Submitted = "submitted",
        /// Looked at by staff; a decision is still to come.
        Reviewed = "reviewed",
        /// Taken forward: the nominee goes on to the course's acceptance.
        Accepted = "accepted",
        /// Not taken forward (the note says why).
        Declined = "declined",
    }
}

impl NominationStatus {
    /// What staff may set a file to.
    pub const DECISIONS: &'static [NominationStatus] = &[
        NominationStatus::Reviewed,
        NominationStatus::Accepted,
        NominationStatus::Declined,
    ];
}

string_enum! {
    /// What a nomination file was checked to be.
    NominationFileKind {
        Csv = "csv",
        Xlsx = "xlsx",
        Pdf = "pdf",
    }
}

impl NominationFileKind {
    /// The media type it is served with.
    pub fn content_type(self) -> &'static str {
        match self {
            NominationFileKind::Csv => "text/csv",
            NominationFileKind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            NominationFileKind::Pdf => "application/pdf",
        }
    }
}

/// A nomination file as listed (its content is read on its own).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Nomination {
    pub id: Id,
    pub organisation_id: Id,
    /// The course edition it is for, when the partner said.
    pub edition_id: Option<Id>,
    /// The account that uploaded it (gone when the account was deleted).
    pub uploaded_by: Option<Id>,
    pub uploaded_at: DateTime<Utc>,
    /// The name the file had on the partner's computer.
    pub file_name: String,
    pub file_kind: NominationFileKind,
    pub size_bytes: i64,
    /// SHA-256 of the file, hex.
    pub sha256: String,
    /// What the partner wrote with it.
    pub note: Option<Text>,
    pub status: NominationStatus,
    /// What staff wrote when they reviewed it.
    pub review_note: Option<Text>,
    pub reviewed_by: Option<Id>,
    pub reviewed_at: Option<DateTime<Utc>>,
    /// Bumped by every review: a review names the version it was made from.
    pub version: i64,
}

/// A file name safe to keep and to send back in a header: its last path
/// part, control characters and quotes dropped, at most 200 characters;
/// `nomination` when nothing is left.
pub fn clean_file_name(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = last
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '\'' | ';'))
        .take(200)
        .collect();
    let clean = clean.trim().trim_start_matches('.').to_owned();
    if clean.is_empty() { "nomination".into() } else { clean }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_cleaned() {
        assert_eq!(clean_file_name("C:\\Users\\a\\Part B.pdf"), "Part B.pdf");
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name("a\"b;c\r\n.xlsx"), "abc.xlsx");
        assert_eq!(clean_file_name(".hidden"), "hidden");
        assert_eq!(clean_file_name(""), "nomination");
        assert_eq!(clean_file_name("ใบสมัคร 申請書.pdf"), "ใบสมัคร 申請書.pdf");
    }

    #[test]
    fn staff_decide_among_three() {
        assert!(!NominationStatus::DECISIONS.contains(&NominationStatus::Submitted));
        assert_eq!(
            "accepted".parse::<NominationStatus>().ok(),
            Some(NominationStatus::Accepted)
        );
        assert_eq!(NominationFileKind::Pdf.content_type(), "application/pdf");
    }
}
