//! The scan of a placement document (`placement_document_files`, migration
//! 17): one file per document, its bytes kept in the row as base64 like
//! outcomes' evidence files, the hash and base64 text made by the caller
//! off the async workers. Keeping a file replaces the document's earlier
//! one; keeping and deleting log a change of the volunteers system and an
//! audit entry in the same transaction, naming the document by id (never
//! the file's name, which may hold a person's name). Deleting a document
//! (or its placement) deletes its file with it.

use chrono::{DateTime, Utc};
use kizuna_domain::System;
use kizuna_domain::common::Id;

use crate::audit::{Action, NewEntry, audit_append};
use crate::changes::{Op, log_change};
use crate::{Store, StoreError, with_pool};

/// The change feed's and audit log's name for a document's file.
pub const ENTITY: &str = "placement_document_file";

/// A document's file, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentFile {
    pub id: Id,
    pub document_id: Id,
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: i64,
    /// SHA-256 of the bytes, lower-case hex.
    pub sha256: String,
    pub uploaded_at: DateTime<Utc>,
}

/// A file to keep, checked, hashed and encoded by the caller.
#[derive(Debug, Clone)]
pub struct NewDocumentFile<'a> {
    pub document_id: Id,
    pub file_name: &'a str,
    pub media_type: &'a str,
    pub size_bytes: i64,
    pub sha256: &'a str,
    pub content_base64: &'a str,
    pub uploaded_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, document_id, file_name, media_type, size_bytes, sha256, uploaded_at";

type Raw = (i64, i64, String, String, i64, String, DateTime<Utc>);

fn row(r: Raw) -> DocumentFile {
    let (id, document_id, file_name, media_type, size_bytes, sha256, uploaded_at) = r;
    DocumentFile {
        id,
        document_id,
        file_name,
        media_type,
        size_bytes,
        sha256,
        uploaded_at,
    }
}

impl Store {
    /// Keep a document's file in place of any earlier one (not found if
    /// the document is not).
    pub async fn put_document_file(&self, f: &NewDocumentFile<'_>) -> Result<DocumentFile, StoreError> {
        let sql = format!(
            "INSERT INTO placement_document_files (document_id, file_name, media_type, size_bytes, sha256, \
             content, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {COLUMNS}"
        );
        let detail = format!("file {} of placement document {}", f.media_type, f.document_id);
        let raw: Raw = with_pool!(self, p => {
            let mut tx = p.begin().await?;
            let office: Option<i64> = sqlx::query_scalar("SELECT office_id FROM placement_documents WHERE id = $1")
                .bind(f.document_id)
                .fetch_optional(&mut *tx)
                .await?;
            let Some(office) = office else {
                tx.rollback().await?;
                return Err(StoreError::NotFound { entity: "placement_document", id: f.document_id });
            };
            sqlx::query("DELETE FROM placement_document_files WHERE document_id = $1")
                .bind(f.document_id)
                .execute(&mut *tx)
                .await?;
            let raw: Raw = sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(f.document_id)
                .bind(f.file_name)
                .bind(f.media_type)
                .bind(f.size_bytes)
                .bind(f.sha256)
                .bind(f.content_base64)
                .bind(f.uploaded_at)
                .fetch_one(&mut *tx)
                .await
                .map_err(|err| StoreError::from_write(err, ENTITY, "document_id"))?;
            log_change!(tx, System::Volunteers, &[(ENTITY, raw.0, Some(office), Op::Upsert)]);
            let entry = NewEntry::new(Action::Create, ENTITY, Some(raw.0)).office(Some(office)).detail(detail.as_str());
            audit_append!(tx, self, &[entry]);
            tx.commit().await?;
            raw
        });
        self.note_write(System::Volunteers);
        Ok(row(raw))
    }

    /// The files of these documents, without their bytes.
    pub async fn document_files(&self, document_ids: &[Id]) -> Result<Vec<DocumentFile>, StoreError> {
        let mut out = Vec::new();
        for id in document_ids {
            let sql = format!("SELECT {COLUMNS} FROM placement_document_files WHERE document_id = $1");
            let raw: Option<Raw> = with_pool!(self, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(*id)
                .fetch_optional(p)
                .await?);
            out.extend(raw.map(row));
        }
        Ok(out)
    }

    /// A document's file and its bytes as kept (base64); the caller
    /// decodes them and checks them against `sha256`.
    pub async fn document_file_content(&self, document_id: Id) -> Result<(DocumentFile, String), StoreError> {
        let sql = format!("SELECT {COLUMNS}, content FROM placement_document_files WHERE document_id = $1");
        type WithContent = (i64, i64, String, String, i64, String, DateTime<Utc>, String);
        let raw: Option<WithContent> = with_pool!(self, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(document_id)
            .fetch_optional(p)
            .await?);
        let (id, doc, file_name, media_type, size_bytes, sha256, uploaded_at, content) =
            raw.ok_or(StoreError::NotFound {
                entity: ENTITY,
                id: document_id,
            })?;
        Ok((
            row((id, doc, file_name, media_type, size_bytes, sha256, uploaded_at)),
            content,
        ))
    }
}
