//! Evidence files of outcomes (`outcome_evidence`, migration 16): a
//! report, a certificate, a photograph that shows an outcome happened.
//! As with nomination files, the bytes are kept in the row as base64 so
//! both databases hold them alike and a backup holds them too; the hash
//! and the base64 text come ready from the caller (the application makes
//! them off the async workers). Adding and deleting a file log a change of
//! the partnerships system and an audit entry in the same transaction; the
//! entries name the outcome's file by id, never by its name. Deleting an
//! outcome deletes its files with it (the foreign key cascades).

use chrono::{DateTime, Utc};
use kizuna_domain::System;
use kizuna_domain::common::Id;

use crate::audit::{Action, NewEntry, audit_append};
use crate::changes::{Op, log_change};
use crate::{Store, StoreError, with_pool};

/// The change feed's and audit log's name for an evidence file.
pub const ENTITY: &str = "outcome_evidence";

/// An evidence file's record, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub id: Id,
    pub outcome_id: Id,
    pub file_name: String,
    /// `application/pdf`, `image/png`, …: what the bytes were found to be.
    pub media_type: String,
    pub size_bytes: i64,
    /// SHA-256 of the bytes, lower-case hex.
    pub sha256: String,
    pub uploaded_at: DateTime<Utc>,
}

/// A file to keep, checked, hashed and encoded by the caller.
#[derive(Debug, Clone)]
pub struct NewEvidence<'a> {
    pub outcome_id: Id,
    pub file_name: &'a str,
    pub media_type: &'a str,
    pub size_bytes: i64,
    pub sha256: &'a str,
    /// The bytes as base64 ([`crate::nominations::base64_encode`]).
    pub content_base64: &'a str,
    pub uploaded_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, outcome_id, file_name, media_type, size_bytes, sha256, uploaded_at";

type Raw = (i64, i64, String, String, i64, String, DateTime<Utc>);

fn row(r: Raw) -> Evidence {
    let (id, outcome_id, file_name, media_type, size_bytes, sha256, uploaded_at) = r;
    Evidence {
        id,
        outcome_id,
        file_name,
        media_type,
        size_bytes,
        sha256,
        uploaded_at,
    }
}

fn not_found(id: Id) -> StoreError {
    StoreError::NotFound { entity: ENTITY, id }
}

impl Store {
    /// Keep an evidence file of an outcome (not found if the outcome is not).
    pub async fn insert_evidence(&self, e: &NewEvidence<'_>) -> Result<Evidence, StoreError> {
        let sql = format!(
            "INSERT INTO outcome_evidence (outcome_id, file_name, media_type, size_bytes, sha256, content, \
             uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {COLUMNS}"
        );
        let detail = format!("evidence {} of outcome {}", e.media_type, e.outcome_id);
        let raw: Raw = with_pool!(self, p => {
            let mut tx = p.begin().await?;
            let office: Option<i64> = sqlx::query_scalar("SELECT office_id FROM outcomes WHERE id = $1")
                .bind(e.outcome_id)
                .fetch_optional(&mut *tx)
                .await?;
            let Some(office) = office else {
                tx.rollback().await?;
                return Err(StoreError::NotFound { entity: "outcome", id: e.outcome_id });
            };
            let raw: Raw = sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(e.outcome_id)
                .bind(e.file_name)
                .bind(e.media_type)
                .bind(e.size_bytes)
                .bind(e.sha256)
                .bind(e.content_base64)
                .bind(e.uploaded_at)
                .fetch_one(&mut *tx)
                .await
                .map_err(|err| StoreError::from_write(err, ENTITY, "id"))?;
            log_change!(tx, System::Partnerships, &[(ENTITY, raw.0, Some(office), Op::Upsert)]);
            let entry = NewEntry::new(Action::Create, ENTITY, Some(raw.0)).office(Some(office)).detail(detail.as_str());
            audit_append!(tx, self, &[entry]);
            tx.commit().await?;
            raw
        });
        self.note_write(System::Partnerships);
        Ok(row(raw))
    }

    /// An outcome's evidence files, oldest first, without their bytes.
    pub async fn evidence_of(&self, outcome_id: Id) -> Result<Vec<Evidence>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM outcome_evidence WHERE outcome_id = $1 ORDER BY uploaded_at, id");
        let rows: Vec<Raw> = with_pool!(self, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(outcome_id)
            .fetch_all(p)
            .await?);
        Ok(rows.into_iter().map(row).collect())
    }

    /// One evidence file's record.
    pub async fn evidence(&self, id: Id) -> Result<Evidence, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM outcome_evidence WHERE id = $1");
        let raw: Option<Raw> = with_pool!(self, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id)
            .fetch_optional(p)
            .await?);
        raw.map(row).ok_or_else(|| not_found(id))
    }

    /// One evidence file's record and its bytes as kept (base64); the
    /// caller decodes them and checks them against `sha256`.
    pub async fn evidence_content(&self, id: Id) -> Result<(Evidence, String), StoreError> {
        let sql = format!("SELECT {COLUMNS}, content FROM outcome_evidence WHERE id = $1");
        type WithContent = (i64, i64, String, String, i64, String, DateTime<Utc>, String);
        let raw: Option<WithContent> = with_pool!(self, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id)
            .fetch_optional(p)
            .await?);
        let (id, outcome_id, file_name, media_type, size_bytes, sha256, uploaded_at, content) =
            raw.ok_or_else(|| not_found(id))?;
        Ok((
            row((id, outcome_id, file_name, media_type, size_bytes, sha256, uploaded_at)),
            content,
        ))
    }

    /// Delete an evidence file; what it was is returned.
    pub async fn delete_evidence(&self, id: Id) -> Result<Evidence, StoreError> {
        let sql = format!("DELETE FROM outcome_evidence WHERE id = $1 RETURNING {COLUMNS}");
        let raw: Option<Raw> = with_pool!(self, p => {
            let mut tx = p.begin().await?;
            let raw: Option<Raw> = sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
            if let Some(r) = &raw {
                let office: Option<i64> = sqlx::query_scalar("SELECT office_id FROM outcomes WHERE id = $1")
                    .bind(r.1)
                    .fetch_optional(&mut *tx)
                    .await?;
                log_change!(tx, System::Partnerships, &[(ENTITY, id, office, Op::Delete)]);
                let entry = NewEntry::new(Action::Delete, ENTITY, Some(id)).office(office);
                audit_append!(tx, self, &[entry]);
                tx.commit().await?;
            } else {
                tx.rollback().await?;
            }
            raw
        });
        let raw = raw.ok_or_else(|| not_found(id))?;
        self.note_write(System::Partnerships);
        Ok(row(raw))
    }
}
