//! Photos of any activity (`photos`, migration 19). As with evidence
//! files, the bytes are kept in the row as base64 so both databases hold
//! them alike; the caller checks them, removes their location metadata,
//! hashes and encodes them off the async workers. Adding, changing and
//! deleting a photo log a change of the exchanges system and an audit
//! entry in the same transaction.

use chrono::{DateTime, NaiveDate, Utc};
use kizuna_domain::System;
use kizuna_domain::common::{Id, LocalText, Text};
use kizuna_domain::exchanges::photo::{Photo, PhotoInput, PhotoKind, PhotoSubject};

use crate::audit::{Action, NewEntry, audit_append};
use crate::changes::{Op, log_change};
use crate::{Store, StoreError, with_pool};

/// The change feed's and audit log's name for a photo.
pub const ENTITY: &str = "photo";

/// A photo to keep: what staff said, and the cleaned bytes' facts.
#[derive(Debug, Clone)]
pub struct NewPhoto<'a> {
    pub input: &'a PhotoInput,
    pub kind: PhotoKind,
    pub width: u32,
    pub height: u32,
    pub size_bytes: i64,
    pub sha256: &'a str,
    /// The bytes as base64 ([`crate::nominations::base64_encode`]).
    pub content_base64: &'a str,
    pub uploaded_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, subject, subject_id, caption_en, caption_ja, caption_th, caption_ms, taken_on, credit, \
                       public, media_type, width, height, size_bytes, sha256, uploaded_at";

#[derive(sqlx::FromRow)]
struct Raw {
    id: i64,
    subject: String,
    subject_id: i64,
    caption_en: Option<String>,
    caption_ja: Option<String>,
    caption_th: Option<String>,
    caption_ms: Option<String>,
    taken_on: Option<NaiveDate>,
    credit: Option<String>,
    public: bool,
    media_type: String,
    width: i64,
    height: i64,
    size_bytes: i64,
    sha256: String,
    uploaded_at: DateTime<Utc>,
}

fn corrupt(id: Id, what: &str) -> StoreError {
    StoreError::Corrupt(format!("photo {id}: {what}"))
}

fn photo(r: Raw) -> Result<Photo, StoreError> {
    let id = r.id;
    let caption = LocalText::parse(
        r.caption_en.as_deref(),
        r.caption_ja.as_deref(),
        r.caption_th.as_deref(),
        r.caption_ms.as_deref(),
    )
    .map_err(|e| corrupt(id, &e.to_string()))?;
    Ok(Photo {
        id,
        fields: PhotoInput {
            subject: r
                .subject
                .parse::<PhotoSubject>()
                .map_err(|e| corrupt(id, &e.to_string()))?,
            subject_id: r.subject_id,
            caption,
            taken_on: r.taken_on,
            credit: Text::parse_optional(r.credit.as_deref()).map_err(|e| corrupt(id, &e.to_string()))?,
            public: r.public,
        },
        kind: PhotoKind::from_media_type(&r.media_type).ok_or_else(|| corrupt(id, "unknown media type"))?,
        width: u32::try_from(r.width).map_err(|_| corrupt(id, "width"))?,
        height: u32::try_from(r.height).map_err(|_| corrupt(id, "height"))?,
        size_bytes: r.size_bytes,
        sha256: r.sha256,
        uploaded_at: r.uploaded_at,
    })
}

fn not_found(id: Id) -> StoreError {
    StoreError::NotFound { entity: ENTITY, id }
}

fn caption(c: &LocalText, lang: &str) -> Option<String> {
    c.get(lang).map(|t| t.as_str().to_owned())
}

impl Store {
    /// Keep a photo.
    pub async fn insert_photo(&self, p: &NewPhoto<'_>) -> Result<Photo, StoreError> {
        let sql = format!(
            "INSERT INTO photos (subject, subject_id, caption_en, caption_ja, caption_th, caption_ms, taken_on, \
             credit, public, media_type, width, height, size_bytes, sha256, content, uploaded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING {COLUMNS}"
        );
        let i = p.input;
        let detail = format!("photo of {} {}", i.subject, i.subject_id);
        let raw: Raw = with_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let raw: Raw = sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(i.subject.as_str())
                .bind(i.subject_id)
                .bind(caption(&i.caption, "en"))
                .bind(caption(&i.caption, "ja"))
                .bind(caption(&i.caption, "th"))
                .bind(caption(&i.caption, "ms"))
                .bind(i.taken_on)
                .bind(i.credit.as_ref().map(|c| c.as_str().to_owned()))
                .bind(i.public)
                .bind(p.kind.media_type())
                .bind(i64::from(p.width))
                .bind(i64::from(p.height))
                .bind(p.size_bytes)
                .bind(p.sha256)
                .bind(p.content_base64)
                .bind(p.uploaded_at)
                .fetch_one(&mut *tx)
                .await
                .map_err(|err| StoreError::from_write(err, ENTITY, "id"))?;
            log_change!(tx, System::Exchanges, &[(ENTITY, raw.id, None, Op::Upsert)]);
            let entry = NewEntry::new(Action::Create, ENTITY, Some(raw.id)).detail(detail.as_str());
            audit_append!(tx, self, &[entry]);
            tx.commit().await?;
            raw
        });
        self.note_write(System::Exchanges);
        photo(raw)
    }

    /// Change a photo's caption, date, credit or public flag (not its subject).
    pub async fn update_photo(&self, id: Id, i: &PhotoInput) -> Result<Photo, StoreError> {
        let sql = format!(
            "UPDATE photos SET caption_en = $1, caption_ja = $2, caption_th = $3, caption_ms = $4, taken_on = $5, \
             credit = $6, public = $7 WHERE id = $8 RETURNING {COLUMNS}"
        );
        let raw: Option<Raw> = with_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let raw: Option<Raw> = sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(caption(&i.caption, "en"))
                .bind(caption(&i.caption, "ja"))
                .bind(caption(&i.caption, "th"))
                .bind(caption(&i.caption, "ms"))
                .bind(i.taken_on)
                .bind(i.credit.as_ref().map(|c| c.as_str().to_owned()))
                .bind(i.public)
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
            if raw.is_some() {
                log_change!(tx, System::Exchanges, &[(ENTITY, id, None, Op::Upsert)]);
                let entry = NewEntry::new(Action::Update, ENTITY, Some(id));
                audit_append!(tx, self, &[entry]);
                tx.commit().await?;
            } else {
                tx.rollback().await?;
            }
            raw
        });
        let raw = raw.ok_or_else(|| not_found(id))?;
        self.note_write(System::Exchanges);
        photo(raw)
    }

    /// The photos of one record, oldest first, without their bytes.
    pub async fn photos_of(&self, subject: PhotoSubject, subject_id: Id) -> Result<Vec<Photo>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM photos WHERE subject = $1 AND subject_id = $2 ORDER BY taken_on, uploaded_at, id"
        );
        let rows: Vec<Raw> = with_pool!(self, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(subject.as_str())
            .bind(subject_id)
            .fetch_all(p)
            .await?);
        rows.into_iter().map(photo).collect()
    }

    /// Every photo's record, newest first, without bytes.
    pub async fn all_photos(&self) -> Result<Vec<Photo>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM photos ORDER BY uploaded_at DESC, id DESC");
        let rows: Vec<Raw> = with_pool!(self, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .fetch_all(p)
            .await?);
        rows.into_iter().map(photo).collect()
    }

    /// One photo's record.
    pub async fn photo(&self, id: Id) -> Result<Photo, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM photos WHERE id = $1");
        let raw: Option<Raw> = with_pool!(self, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id)
            .fetch_optional(p)
            .await?);
        photo(raw.ok_or_else(|| not_found(id))?)
    }

    /// One photo's bytes as kept (base64); the caller decodes them and
    /// checks them against the record's `sha256`.
    pub async fn photo_content(&self, id: Id) -> Result<String, StoreError> {
        let content: Option<String> = with_pool!(self, p => sqlx::query_scalar("SELECT content FROM photos WHERE id = $1")
            .bind(id)
            .fetch_optional(p)
            .await?);
        content.ok_or_else(|| not_found(id))
    }

    /// Delete a photo; what it was is returned.
    pub async fn delete_photo(&self, id: Id) -> Result<Photo, StoreError> {
        let sql = format!("DELETE FROM photos WHERE id = $1 RETURNING {COLUMNS}");
        let raw: Option<Raw> = with_pool!(self, p => {
            let mut tx = p.begin().await?;
            let raw: Option<Raw> = sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
            if raw.is_some() {
                log_change!(tx, System::Exchanges, &[(ENTITY, id, None, Op::Delete)]);
                let entry = NewEntry::new(Action::Delete, ENTITY, Some(id));
                audit_append!(tx, self, &[entry]);
                tx.commit().await?;
            } else {
                tx.rollback().await?;
            }
            raw
        });
        let raw = raw.ok_or_else(|| not_found(id))?;
        self.note_write(System::Exchanges);
        photo(raw)
    }

    /// Delete the photos of a record (when the record is deleted).
    pub async fn delete_photos_of(&self, subject: PhotoSubject, subject_id: Id) -> Result<u64, StoreError> {
        let n = with_pool!(self, p => {
            let mut tx = p.begin().await?;
            let ids: Vec<i64> = sqlx::query_scalar("DELETE FROM photos WHERE subject = $1 AND subject_id = $2 RETURNING id")
                .bind(subject.as_str())
                .bind(subject_id)
                .fetch_all(&mut *tx)
                .await?;
            if ids.is_empty() {
                tx.rollback().await?;
            } else {
                let changes: Vec<(&str, i64, Option<i64>, Op)> = ids.iter().map(|i| (ENTITY, *i, None, Op::Delete)).collect();
                log_change!(tx, System::Exchanges, &changes);
                tx.commit().await?;
            }
            ids.len() as u64
        });
        if n > 0 {
            self.note_write(System::Exchanges);
        }
        Ok(n)
    }
}
