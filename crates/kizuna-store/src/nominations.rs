//! Nomination files partners upload and staff review (`nominations`,
//! migration 15). The file is kept in the row, base64, so that both
//! databases hold it alike and a backup of the database holds it too.
//! Uploads and reviews append to the audit log in their own transaction;
//! the entries name the record, never the file's name (it may hold a
//! person's name).

use chrono::{DateTime, Utc};
use kizuna_domain::common::{Id, Text};
use kizuna_domain::training::nomination::{Nomination, NominationFileKind, NominationStatus};
use sha2::{Digest, Sha256};

use crate::audit::{Action, NewEntry, audit_append};
use crate::{Store, StoreError, with_pool};

/// A file to keep.
#[derive(Debug, Clone)]
pub struct NewNomination<'a> {
    pub organisation_id: Id,
    pub edition_id: Option<Id>,
    pub uploaded_by: Option<Id>,
    pub uploaded_at: DateTime<Utc>,
    pub file_name: &'a str,
    pub file_kind: NominationFileKind,
    pub content: &'a [u8],
    pub note: Option<Text>,
}

/// A review: the new status and the note, made from `version`.
#[derive(Debug, Clone)]
pub struct Review {
    pub status: NominationStatus,
    pub note: Option<Text>,
    pub reviewer: Option<Id>,
    pub at: DateTime<Utc>,
    pub version: i64,
}

/// Which files to list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NominationFilter {
    /// One organisation's (a partner's own).
    pub organisation_id: Option<Id>,
    pub status: Option<NominationStatus>,
}

const COLUMNS: &str = "id, organisation_id, edition_id, uploaded_by, uploaded_at, file_name, file_kind, size_bytes, \
                       sha256, note, status, review_note, reviewed_by, reviewed_at, version";

type Raw = (
    i64,
    i64,
    Option<i64>,
    Option<i64>,
    DateTime<Utc>,
    String,
    String,
    i64,
    String,
    Option<String>,
    String,
    Option<String>,
    Option<i64>,
    Option<DateTime<Utc>>,
    i64,
);

fn row(r: Raw) -> Result<Nomination, StoreError> {
    let (
        id,
        organisation_id,
        edition_id,
        uploaded_by,
        uploaded_at,
        file_name,
        file_kind,
        size_bytes,
        sha256,
        note,
        status,
        review_note,
        reviewed_by,
        reviewed_at,
        version,
    ) = r;
    let bad = |what: &str, e: kizuna_domain::Invalid| StoreError::Corrupt(format!("nomination {id}: {what}: {e}"));
    Ok(Nomination {
        id,
        organisation_id,
        edition_id,
        uploaded_by,
        uploaded_at,
        file_name,
        file_kind: file_kind.parse().map_err(|e| bad("file_kind", e))?,
        size_bytes,
        sha256,
        note: Text::parse_optional(note.as_deref()).map_err(|e| bad("note", e))?,
        status: status.parse().map_err(|e| bad("status", e))?,
        review_note: Text::parse_optional(review_note.as_deref()).map_err(|e| bad("review_note", e))?,
        reviewed_by,
        reviewed_at,
        version,
    })
}

/// SHA-256 in lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .fold(String::with_capacity(64), |mut s, b| {
            use std::fmt::Write as _;
            let _ = write!(s, "{b:02x}");
            s
        })
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding (how files are kept in a text column).
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            out.push(if i <= chunk.len() {
                B64[((n >> (18 - 6 * i)) & 63) as usize] as char
            } else {
                '='
            });
        }
    }
    out
}

/// The bytes of [`base64_encode`]'s text; `None` if it is not base64.
pub fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let s = s.as_bytes();
    if !s.len().is_multiple_of(4) {
        return None;
    }
    let mut out = Vec::with_capacity(s.len() / 4 * 3);
    for chunk in s.chunks(4) {
        let pad = chunk.iter().rev().take_while(|c| **c == b'=').count();
        if pad > 2 {
            return None;
        }
        let mut n = 0u32;
        for &c in &chunk[..4 - pad] {
            n = (n << 6) | B64.iter().position(|x| *x == c)? as u32;
        }
        n <<= 6 * pad;
        out.extend_from_slice(&n.to_be_bytes()[1..4 - pad]);
    }
    Some(out)
}

impl Store {
    /// Keep a nomination file; its upload is logged as the store's actor.
    pub async fn insert_nomination(&self, n: &NewNomination<'_>) -> Result<Nomination, StoreError> {
        let sql = format!(
            "INSERT INTO nominations (organisation_id, edition_id, uploaded_by, uploaded_at, file_name, file_kind, \
             size_bytes, sha256, content, note, status, version) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'submitted', 1) RETURNING {COLUMNS}"
        );
        let size = i64::try_from(n.content.len()).unwrap_or(i64::MAX);
        let detail = format!("nomination {}", n.file_kind);
        let raw: Raw = with_pool!(self, p => {
            let mut tx = p.begin().await?;
            let raw: Raw = sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(n.organisation_id)
                .bind(n.edition_id)
                .bind(n.uploaded_by)
                .bind(n.uploaded_at)
                .bind(n.file_name)
                .bind(n.file_kind.as_str())
                .bind(size)
                .bind(sha256_hex(n.content))
                .bind(base64_encode(n.content))
                .bind(n.note.as_ref().map(Text::as_str))
                .fetch_one(&mut *tx)
                .await
                .map_err(|e| StoreError::from_write(e, "nomination", "id"))?;
            let entry = NewEntry::new(Action::Create, "nomination", Some(raw.0)).detail(detail.as_str());
            audit_append!(tx, self, &[entry]);
            tx.commit().await?;
            raw
        });
        row(raw)
    }

    /// Nomination files, newest first.
    pub async fn nominations(&self, f: NominationFilter) -> Result<Vec<Nomination>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM nominations \
             WHERE ($1 IS NULL OR organisation_id = $1) AND ($2 IS NULL OR status = $2) \
             ORDER BY uploaded_at DESC, id DESC"
        );
        let rows: Vec<Raw> = with_pool!(self, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(f.organisation_id)
            .bind(f.status.map(NominationStatus::as_str))
            .fetch_all(p)
            .await?);
        rows.into_iter().map(row).collect()
    }

    /// One nomination file's record.
    pub async fn nomination(&self, id: Id) -> Result<Nomination, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM nominations WHERE id = $1");
        let raw: Option<Raw> = with_pool!(self, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id)
            .fetch_optional(p)
            .await?);
        row(raw.ok_or(StoreError::NotFound {
            entity: "nomination",
            id,
        })?)
    }

    /// A nomination file's bytes, checked against the hash kept with them.
    pub async fn nomination_content(&self, id: Id) -> Result<Vec<u8>, StoreError> {
        let found: Option<(String, String)> = with_pool!(self, p => sqlx::query_as(
            "SELECT content, sha256 FROM nominations WHERE id = $1")
            .bind(id)
            .fetch_optional(p)
            .await?);
        let (content, sha) = found.ok_or(StoreError::NotFound {
            entity: "nomination",
            id,
        })?;
        let bytes = base64_decode(&content)
            .ok_or_else(|| StoreError::Corrupt(format!("nomination {id}: content is not base64")))?;
        if sha256_hex(&bytes) != sha {
            return Err(StoreError::Corrupt(format!(
                "nomination {id}: content does not match its hash"
            )));
        }
        Ok(bytes)
    }

    /// Record a review made from `r.version`: refused with
    /// [`StoreError::Conflict`] when the file was reviewed since.
    pub async fn review_nomination(&self, id: Id, r: &Review) -> Result<Nomination, StoreError> {
        let sql = format!(
            "UPDATE nominations SET status = $1, review_note = $2, reviewed_by = $3, reviewed_at = $4, \
             version = version + 1 WHERE id = $5 AND version = $6 RETURNING {COLUMNS}"
        );
        let detail = format!("nomination {}", r.status);
        let done: Option<Raw> = with_pool!(self, p => {
            let mut tx = p.begin().await?;
            let raw: Option<Raw> = sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(r.status.as_str())
                .bind(r.note.as_ref().map(Text::as_str))
                .bind(r.reviewer)
                .bind(r.at)
                .bind(id)
                .bind(r.version)
                .fetch_optional(&mut *tx)
                .await?;
            if raw.is_some() {
                let entry = NewEntry::new(Action::Update, "nomination", Some(id)).detail(detail.as_str());
                audit_append!(tx, self, &[entry]);
                tx.commit().await?;
            } else {
                tx.rollback().await?;
            }
            raw
        });
        match done {
            Some(raw) => row(raw),
            None => {
                let current = self.nomination(id).await?.version;
                Err(StoreError::Conflict {
                    entity: "nomination",
                    id,
                    version: r.version,
                    current,
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips() {
        for s in [&b""[..], b"f", b"fo", b"foo", b"foob", b"%PDF-1.7\n\xff\x00"] {
            assert_eq!(base64_decode(&base64_encode(s)).as_deref(), Some(s));
        }
        assert_eq!(base64_encode(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64_decode("Zm8="), Some(b"fo".to_vec()));
        assert_eq!(base64_decode("Zm9"), None);
        assert_eq!(base64_decode("Z!9v"), None);
    }
}
