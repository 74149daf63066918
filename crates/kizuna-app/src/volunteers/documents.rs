//! A placement's documents: who may see them, which expire soon (the
//! dashboard's warning and `kizuna volunteers expiring`), and their scans.
//! A scan is taken when its bytes are a PDF, PNG or JPEG and its name
//! agrees, at most [`MAX_DOCUMENT_BYTES`]; it is hashed, encoded and
//! checked on the application's bounded blocking pool. Reading a
//! document's file or number is logged in the audit log.

use kizuna_domain::FieldError;
use kizuna_domain::common::Id;
use kizuna_domain::common::account::{Role, User};
use kizuna_domain::training::nomination::clean_file_name;
use kizuna_domain::volunteers::document::{DocumentKind, PlacementDocument, expiring};
use kizuna_domain::volunteers::placement::Placement;
use kizuna_io::limits::megabytes;
use kizuna_store::Value;
use kizuna_store::nominations::{base64_decode, base64_encode, sha256_hex};
use kizuna_store::placement_files::{DocumentFile, NewDocumentFile};
use serde::Serialize;

use crate::partnerships::all;
use crate::volunteers::placements::PlacementRow;
use crate::{App, AppError, Result};

/// The largest scan of a document: 5 MB.
pub const MAX_DOCUMENT_BYTES: usize = 5 * 1024 * 1024;

/// Whether `user` may see a placement's documents (numbers and files):
/// staff and administrators, and the volunteer whose placement it is.
pub fn may_see_documents(user: &User, placement: &Placement) -> bool {
    user.role.sees_personal_data()
        || (user.role == Role::Volunteer && user.person_id == Some(placement.fields.person_id))
}

/// A document expiring soon (or expired), with its placement's names.
#[derive(Debug, Clone, Serialize)]
pub struct ExpiringDocument {
    pub document_id: Id,
    pub kind: DocumentKind,
    pub expires_on: chrono::NaiveDate,
    pub days_left: i64,
    pub expired: bool,
    pub placement_id: Id,
    pub person_name: String,
    pub scheme: kizuna_domain::volunteers::placement::Scheme,
}

fn refused(code: &str, name: &str, why: String) -> AppError {
    AppError::Invalid(vec![FieldError::new("file", code, format!("{name}: {why}"))])
}

/// The media type of a scan, from its bytes, checked against its name and
/// the size limit.
pub fn scan_type(name: &str, bytes: &[u8]) -> Result<&'static str> {
    if bytes.is_empty() {
        return Err(refused("file_empty", name, "the file is empty; choose a file".into()));
    }
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(AppError::TooLarge(format!(
            "{name}: the file is {}; scans up to {} are accepted",
            megabytes(bytes.len() as u64),
            megabytes(MAX_DOCUMENT_BYTES as u64)
        )));
    }
    let lower = name.to_lowercase();
    let (media, exts): (&'static str, &[&str]) = if bytes.starts_with(b"%PDF-") {
        ("application/pdf", &[".pdf"])
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        ("image/png", &[".png"])
    } else if bytes.starts_with(b"\xFF\xD8\xFF") {
        ("image/jpeg", &[".jpg", ".jpeg"])
    } else {
        return Err(refused(
            "file_type",
            name,
            "its contents are not a PDF, PNG or JPEG file".into(),
        ));
    };
    if !exts.iter().any(|e| lower.ends_with(e)) {
        return Err(refused(
            "file_name",
            name,
            format!(
                "its contents are {media}, which its name does not say; name it {}",
                exts[0]
            ),
        ));
    }
    Ok(media)
}

impl App {
    /// A placement's documents, soonest expiry first; reading them is
    /// logged (their numbers are personal data).
    pub async fn placement_documents(&self, placement_id: Id) -> Result<Vec<PlacementDocument>> {
        let docs: Vec<PlacementDocument> = all(self, &[("placement_id", Value::Int(Some(placement_id)))]).await?;
        if !docs.is_empty() {
            self.note_export("placement", Some(placement_id), "documents").await?;
        }
        Ok(docs)
    }

    /// The documents that expire within `within_days` of today, and those
    /// already expired while their placement ran, soonest first, with their
    /// volunteers' names.
    pub async fn expiring_documents(&self, within_days: i64) -> Result<Vec<ExpiringDocument>> {
        let docs: Vec<PlacementDocument> = all(self, &[]).await?;
        let found = expiring(&docs, self.today(), within_days);
        let mut ids: Vec<Id> = found.iter().map(|e| e.placement_id).collect();
        ids.sort_unstable();
        ids.dedup();
        let placements = self.store.get_many::<Placement>(&ids).await?;
        let rows: Vec<PlacementRow> = self.rows_of(placements).await?;
        Ok(found
            .into_iter()
            .filter_map(|e| {
                let row = rows.iter().find(|r| r.placement.id == e.placement_id)?;
                // A document that expired after its placement ended no longer
                // matters; one that expired while it ran (or runs) does.
                if e.expired && row.placement.fields.ends_on() < e.expires_on {
                    return None;
                }
                Some(ExpiringDocument {
                    document_id: e.document_id,
                    kind: e.kind,
                    expires_on: e.expires_on,
                    days_left: e.days_left,
                    expired: e.expired,
                    placement_id: e.placement_id,
                    person_name: row.person_name.clone(),
                    scheme: row.placement.fields.scheme,
                })
            })
            .collect())
    }

    /// The files of a placement's documents, without their bytes.
    pub async fn document_files(&self, document_ids: &[Id]) -> Result<Vec<DocumentFile>> {
        Ok(self.store.document_files(document_ids).await?)
    }

    /// Keep the scan of a document (replacing an earlier one).
    pub async fn put_document_file(&self, document_id: Id, file_name: &str, bytes: Vec<u8>) -> Result<DocumentFile> {
        self.store.get::<PlacementDocument>(document_id).await?;
        let name = clean_file_name(file_name);
        let media = scan_type(&name, &bytes)?;
        let size = i64::try_from(bytes.len()).unwrap_or(i64::MAX);
        let (sha, encoded) = self
            .password_work(move || (sha256_hex(&bytes), base64_encode(&bytes)))
            .await?;
        Ok(self
            .store
            .put_document_file(&NewDocumentFile {
                document_id,
                file_name: &name,
                media_type: media,
                size_bytes: size,
                sha256: &sha,
                content_base64: &encoded,
                uploaded_at: self.now(),
            })
            .await?)
    }

    /// A document's scan and its bytes, checked against the hash kept with
    /// them, for `user` (staff, or the volunteer whose placement it is;
    /// anyone else is told it does not exist). Reading is logged.
    pub async fn document_file(&self, user: &User, document_id: Id) -> Result<(DocumentFile, Vec<u8>)> {
        let doc = self.store.get::<PlacementDocument>(document_id).await?;
        let placement = self.store.get::<Placement>(doc.fields.placement_id).await?;
        if !may_see_documents(user, &placement) {
            return Err(AppError::NotFound {
                entity: "placement_document",
                id: document_id.to_string(),
            });
        }
        let (f, content) = self.store.document_file_content(document_id).await?;
        let sha = f.sha256.clone();
        let bytes = self
            .password_work(move || base64_decode(&content).filter(|b| sha256_hex(b) == sha))
            .await?
            .ok_or_else(|| {
                AppError::Store(kizuna_store::StoreError::Corrupt(format!(
                    "placement document {document_id}: its file does not match its hash"
                )))
            })?;
        self.note_export(kizuna_store::placement_files::ENTITY, Some(f.id), "document file")
            .await?;
        Ok((f, bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(r: Result<&'static str>) -> String {
        match r {
            Err(AppError::Invalid(e)) => e[0].code.clone(),
            Err(AppError::TooLarge(_)) => "too_large".into(),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn scans_are_known_by_their_bytes() {
        assert_eq!(scan_type("visa.PDF", b"%PDF-1.7").ok(), Some("application/pdf"));
        assert_eq!(scan_type("p.jpg", b"\xFF\xD8\xFF\xE0").ok(), Some("image/jpeg"));
        assert_eq!(code(scan_type("visa.pdf", b"MZ\x90")), "file_type");
        assert_eq!(code(scan_type("visa.pdf", b"\x89PNG\r\n\x1a\n")), "file_name");
        assert_eq!(code(scan_type("visa.pdf", b"")), "file_empty");
        let big = vec![b'%'; MAX_DOCUMENT_BYTES + 1];
        assert_eq!(code(scan_type("a.pdf", &big)), "too_large");
    }

    #[test]
    fn only_staff_and_the_volunteer_see_documents() {
        let placement: Placement = serde_json::from_value(serde_json::json!({
            "id": 1, "version": 1, "office_id": 1, "person_id": 7, "scheme": "fft",
            "direction": "inbound", "host_locality_id": 3, "planned_starts_on": "2022-09-01",
            "planned_ends_on": "2022-12-10", "area": {"en": "Tourism"}
        }))
        .unwrap();
        let user = |role, person_id| User {
            id: 1,
            email: "a@example.org".into(),
            role,
            organisation_id: None,
            person_id,
        };
        assert!(may_see_documents(&user(Role::Staff, None), &placement));
        assert!(may_see_documents(&user(Role::Admin, None), &placement));
        assert!(may_see_documents(&user(Role::Volunteer, Some(7)), &placement));
        assert!(!may_see_documents(&user(Role::Volunteer, Some(8)), &placement));
        assert!(!may_see_documents(&user(Role::Partner, Some(7)), &placement));
    }
}
