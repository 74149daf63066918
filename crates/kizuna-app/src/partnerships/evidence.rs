//! Evidence files of outcomes: the "file" of an outcome's evidence (a link
//! is the outcome's `evidence_url`). A file is taken when its bytes are a
//! PDF, a PNG or JPEG image, an XLSX workbook (held to the upload limits)
//! or a CSV text, whatever its name says, and its name's extension agrees;
//! at most [`MAX_EVIDENCE_BYTES`]. Anything else is refused naming the
//! file and why. The hash, the base64 copy and the check on reading are
//! made on the application's bounded blocking pool, never on the async
//! workers that serve requests.
//!
//! Staff add and delete files of any outcome. A partner adds files to the
//! outcomes of its own programmes and reads only those; another
//! programme's file is "not found", as if it did not exist.

use kizuna_domain::FieldError;
use kizuna_domain::common::Id;
use kizuna_domain::partnerships::outcome::Outcome;
use kizuna_domain::training::nomination::clean_file_name;
use kizuna_io::limits::{check_xlsx, megabytes};
use kizuna_store::evidence::{Evidence, NewEvidence};
use kizuna_store::nominations::{base64_decode, base64_encode, sha256_hex};

use crate::{App, AppError, Result};

/// The largest evidence file: 10 MB.
pub const MAX_EVIDENCE_BYTES: usize = 10 * 1024 * 1024;

/// What an evidence file was found to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvidenceKind {
    Pdf,
    Png,
    Jpeg,
    Xlsx,
    Csv,
}

impl EvidenceKind {
    pub fn media_type(self) -> &'static str {
        match self {
            EvidenceKind::Pdf => "application/pdf",
            EvidenceKind::Png => "image/png",
            EvidenceKind::Jpeg => "image/jpeg",
            EvidenceKind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            EvidenceKind::Csv => "text/csv; charset=utf-8",
        }
    }

    /// The name endings a file of this kind may have.
    fn extensions(self) -> &'static [&'static str] {
        match self {
            EvidenceKind::Pdf => &[".pdf"],
            EvidenceKind::Png => &[".png"],
            EvidenceKind::Jpeg => &[".jpg", ".jpeg"],
            EvidenceKind::Xlsx => &[".xlsx"],
            EvidenceKind::Csv => &[".csv"],
        }
    }
}

/// Why a file is refused, for the message beside the form's file field:
/// `evidence_empty`, `evidence_type` (its contents are not an accepted
/// kind), `evidence_name` (its contents are one kind, its name another),
/// `evidence_unreadable` (a workbook that cannot be read).
fn refused(code: &str, name: &str, why: String) -> AppError {
    AppError::Invalid(vec![FieldError::new("file", code, format!("{name}: {why}"))])
}

/// Text, not markup: a CSV file has no NUL byte and does not open as HTML,
/// XML or SVG (which a browser might run).
fn is_plain_text(bytes: &[u8]) -> bool {
    if bytes.contains(&0) {
        return false;
    }
    let head: Vec<u8> = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(bytes)
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take(16)
        .map(u8::to_ascii_lowercase)
        .collect();
    !(head.starts_with(b"<!doctype")
        || head.starts_with(b"<html")
        || head.starts_with(b"<?xml")
        || head.starts_with(b"<svg")
        || head.starts_with(b"<script"))
}

/// What an evidence file is, from its bytes, checked against its name and
/// the size limit.
pub fn evidence_kind(name: &str, bytes: &[u8]) -> Result<EvidenceKind> {
    if bytes.is_empty() {
        return Err(refused(
            "evidence_empty",
            name,
            "the file is empty; choose a file to add".into(),
        ));
    }
    if bytes.len() > MAX_EVIDENCE_BYTES {
        return Err(AppError::TooLarge(format!(
            "{name}: the file is {}; evidence files up to {} are accepted",
            megabytes(bytes.len() as u64),
            megabytes(MAX_EVIDENCE_BYTES as u64)
        )));
    }
    let lower = name.to_lowercase();
    let sniffed = if bytes.starts_with(b"%PDF-") {
        Some(EvidenceKind::Pdf)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(EvidenceKind::Png)
    } else if bytes.starts_with(b"\xFF\xD8\xFF") {
        Some(EvidenceKind::Jpeg)
    } else if bytes.starts_with(b"PK\x03\x04") && lower.ends_with(".xlsx") {
        Some(EvidenceKind::Xlsx)
    } else if lower.ends_with(".csv") && is_plain_text(bytes) {
        Some(EvidenceKind::Csv)
    } else {
        None
    };
    let Some(kind) = sniffed else {
        return Err(refused(
            "evidence_type",
            name,
            "its contents are not a PDF, PNG, JPEG, Excel workbook (.xlsx) or CSV file".into(),
        ));
    };
    if !kind.extensions().iter().any(|e| lower.ends_with(e)) {
        return Err(refused(
            "evidence_name",
            name,
            format!(
                "its contents are {}, which its name does not say; name it {}",
                kind.media_type(),
                kind.extensions()[0]
            ),
        ));
    }
    if kind == EvidenceKind::Xlsx {
        match check_xlsx(bytes) {
            Ok(()) => {}
            Err(kizuna_io::IoError::TooLarge(m)) => return Err(AppError::TooLarge(format!("{name}: {m}"))),
            Err(_) => {
                return Err(refused(
                    "evidence_unreadable",
                    name,
                    "the workbook cannot be read; save it again as .xlsx".into(),
                ));
            }
        }
    }
    Ok(kind)
}

impl App {
    /// The outcome, if `partner` (an organisation) is given only when it is
    /// an outcome of one of the partner's programmes; otherwise not found.
    async fn evidence_outcome(&self, outcome_id: Id, partner: Option<Id>) -> Result<Outcome> {
        let o = self.store.get::<Outcome>(outcome_id).await?;
        if let Some(org) = partner
            && !self.partner_programme_ids(org).await?.contains(&o.fields.programme_id)
        {
            return Err(AppError::NotFound {
                entity: "outcome",
                id: outcome_id.to_string(),
            });
        }
        Ok(o)
    }

    /// Keep an evidence file of an outcome: by staff (`partner` None) for
    /// any outcome, by a partner organisation for its own programmes'.
    pub async fn add_evidence(
        &self,
        outcome_id: Id,
        partner: Option<Id>,
        file_name: &str,
        bytes: Vec<u8>,
    ) -> Result<Evidence> {
        self.evidence_outcome(outcome_id, partner).await?;
        let name = clean_file_name(file_name);
        let shown = if name == "nomination" {
            "evidence".to_owned()
        } else {
            name
        };
        let kind = evidence_kind(&shown, &bytes)?;
        let size = i64::try_from(bytes.len()).unwrap_or(i64::MAX);
        let (sha, encoded) = self
            .password_work(move || (sha256_hex(&bytes), base64_encode(&bytes)))
            .await?;
        Ok(self
            .store
            .insert_evidence(&NewEvidence {
                outcome_id,
                file_name: &shown,
                media_type: kind.media_type(),
                size_bytes: size,
                sha256: &sha,
                content_base64: &encoded,
                uploaded_at: self.now(),
            })
            .await?)
    }

    /// An outcome's evidence files (for a partner, only its own
    /// programmes' outcomes).
    pub async fn outcome_evidence(&self, outcome_id: Id, partner: Option<Id>) -> Result<Vec<Evidence>> {
        self.evidence_outcome(outcome_id, partner).await?;
        Ok(self.store.evidence_of(outcome_id).await?)
    }

    /// An evidence file and its bytes, checked against the hash kept with
    /// them; reading is logged. For a partner, only its own programmes'.
    pub async fn evidence_file(&self, id: Id, partner: Option<Id>) -> Result<(Evidence, Vec<u8>)> {
        let (e, content) = self.store.evidence_content(id).await?;
        if self.evidence_outcome(e.outcome_id, partner).await.is_err() {
            return Err(AppError::NotFound {
                entity: "outcome_evidence",
                id: id.to_string(),
            });
        }
        let sha = e.sha256.clone();
        let bytes = self
            .password_work(move || base64_decode(&content).filter(|b| sha256_hex(b) == sha))
            .await?
            .ok_or_else(|| {
                AppError::Store(kizuna_store::StoreError::Corrupt(format!(
                    "evidence file {id}: its content does not match its hash"
                )))
            })?;
        self.note_export(kizuna_store::evidence::ENTITY, Some(id), "evidence file")
            .await?;
        Ok((e, bytes))
    }

    /// Delete an evidence file (staff); what it was is returned.
    pub async fn delete_evidence(&self, id: Id) -> Result<Evidence> {
        Ok(self.store.delete_evidence(id).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(r: Result<EvidenceKind>) -> String {
        match r {
            Err(AppError::Invalid(e)) => e[0].code.clone(),
            Err(AppError::TooLarge(_)) => "too_large".into(),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn kinds_come_from_the_bytes() {
        assert_eq!(evidence_kind("a.PDF", b"%PDF-1.7\n").ok(), Some(EvidenceKind::Pdf));
        assert_eq!(
            evidence_kind("p.png", b"\x89PNG\r\n\x1a\n....").ok(),
            Some(EvidenceKind::Png)
        );
        assert_eq!(
            evidence_kind("p.jpeg", b"\xFF\xD8\xFF\xE0").ok(),
            Some(EvidenceKind::Jpeg)
        );
        assert_eq!(
            evidence_kind("t.csv", "名前,国\n".as_bytes()).ok(),
            Some(EvidenceKind::Csv)
        );
        // Disguised: an executable, a web page, a PNG named as a PDF.
        assert_eq!(code(evidence_kind("report.pdf", b"MZ\x90\x00")), "evidence_type");
        assert_eq!(code(evidence_kind("report.pdf", b"<html><script>")), "evidence_type");
        assert_eq!(code(evidence_kind("t.csv", b"  <!DOCTYPE html>")), "evidence_type");
        assert_eq!(code(evidence_kind("p.pdf", b"\x89PNG\r\n\x1a\n")), "evidence_name");
        assert_eq!(
            code(evidence_kind("a.xlsx", b"PK\x03\x04broken")),
            "evidence_unreadable"
        );
        assert_eq!(code(evidence_kind("a.pdf", b"")), "evidence_empty");
        let big = vec![b'a'; MAX_EVIDENCE_BYTES + 1];
        assert_eq!(code(evidence_kind("a.csv", &big)), "too_large");
        // The message names the file.
        match evidence_kind("申請書.pdf", b"MZ") {
            Err(AppError::Invalid(e)) => assert!(e[0].message.contains("申請書.pdf")),
            other => panic!("{other:?}"),
        }
    }
}
