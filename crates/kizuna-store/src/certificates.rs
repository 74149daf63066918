//! Completion certificates (migration 24): issued once per participation
//! under a random number, listed by edition or person, found by number
//! (one indexed read, whether or not it exists), revoked with a reason;
//! and the verify page's rate limit by a hashed client key.

use chrono::{DateTime, NaiveDate, Utc};
use kizuna_domain::common::Id;
use kizuna_domain::map::report::{ReportLimits, ReportVerdict};
use kizuna_domain::training::certificate::CertificateStatus;

use crate::{Store, StoreError, with_pool};

/// A stored certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateRow {
    pub id: Id,
    pub number: String,
    pub participation_id: Id,
    pub edition_id: Id,
    pub person_id: Id,
    /// The language beside Japanese (`en`, `th`, `ms`).
    pub second_lang: String,
    /// The course's title as a `LocalText` in JSON.
    pub course: String,
    pub fiscal_year: i32,
    pub issued_on: NaiveDate,
    pub issued_at: DateTime<Utc>,
    pub status: CertificateStatus,
    pub revoked_at: Option<DateTime<Utc>>,
    pub revoke_reason: Option<String>,
    /// The signed credential (JSON).
    pub credential: String,
}

/// A certificate to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCertificate {
    pub number: String,
    pub participation_id: Id,
    pub edition_id: Id,
    pub person_id: Id,
    pub second_lang: String,
    pub course: String,
    pub fiscal_year: i32,
    pub issued_on: NaiveDate,
    pub credential: String,
}

type Tuple = (
    i64,
    String,
    i64,
    i64,
    i64,
    String,
    String,
    i64,
    String,
    DateTime<Utc>,
    String,
    Option<DateTime<Utc>>,
    Option<String>,
    String,
);

fn row(t: Tuple) -> Result<CertificateRow, StoreError> {
    let (
        id,
        number,
        participation_id,
        edition_id,
        person_id,
        second_lang,
        course,
        fy,
        issued_on,
        issued_at,
        status,
        revoked_at,
        revoke_reason,
        credential,
    ) = t;
    let corrupt = |what: &str, v: &str| StoreError::Corrupt(format!("certificate {id}: {what} {v:?}"));
    Ok(CertificateRow {
        id,
        participation_id,
        edition_id,
        person_id,
        second_lang,
        course,
        fiscal_year: i32::try_from(fy).map_err(|_| corrupt("fiscal year", &fy.to_string()))?,
        issued_on: issued_on.parse().map_err(|_| corrupt("issue date", &issued_on))?,
        issued_at,
        status: status.parse().map_err(|_| corrupt("status", &status))?,
        revoked_at,
        revoke_reason,
        credential,
        number,
    })
}

macro_rules! columns {
    () => {
        "SELECT id, number, participation_id, edition_id, person_id, second_lang, course, fiscal_year, issued_on, \
         issued_at, status, revoked_at, revoke_reason, credential FROM certificates "
    };
}

impl Store {
    /// Store a certificate; `None` when its participation already has one
    /// (nothing written).
    pub async fn insert_certificate(&self, c: &NewCertificate, now: DateTime<Utc>) -> Result<Option<Id>, StoreError> {
        let sql = "INSERT INTO certificates (number, participation_id, edition_id, person_id, second_lang, course, \
                   fiscal_year, issued_on, issued_at, status, credential) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'valid', $10) \
                   ON CONFLICT (participation_id) DO NOTHING RETURNING id";
        let id: Option<i64> = with_pool!(self, p => sqlx::query_scalar(sql)
            .bind(&c.number).bind(c.participation_id).bind(c.edition_id).bind(c.person_id)
            .bind(&c.second_lang).bind(&c.course).bind(i64::from(c.fiscal_year))
            .bind(c.issued_on.to_string()).bind(now).bind(&c.credential)
            .fetch_optional(p).await?);
        Ok(id)
    }

    /// The certificate under a number, if any: one indexed read.
    pub async fn certificate_by_number(&self, number: &str) -> Result<Option<CertificateRow>, StoreError> {
        let sql = concat!(columns!(), "WHERE number = $1");
        let t: Option<Tuple> = with_pool!(self, p => sqlx::query_as(sql).bind(number).fetch_optional(p).await?);
        t.map(row).transpose()
    }

    /// An edition's certificates, in the order they were issued.
    pub async fn certificates_of_edition(&self, edition_id: Id) -> Result<Vec<CertificateRow>, StoreError> {
        let sql = concat!(columns!(), "WHERE edition_id = $1 ORDER BY id");
        let ts: Vec<Tuple> = with_pool!(self, p => sqlx::query_as(sql).bind(edition_id).fetch_all(p).await?);
        ts.into_iter().map(row).collect()
    }

    /// A person's certificates, in the order they were issued.
    pub async fn certificates_of_person(&self, person_id: Id) -> Result<Vec<CertificateRow>, StoreError> {
        let sql = concat!(columns!(), "WHERE person_id = $1 ORDER BY id");
        let ts: Vec<Tuple> = with_pool!(self, p => sqlx::query_as(sql).bind(person_id).fetch_all(p).await?);
        ts.into_iter().map(row).collect()
    }

    /// Revoke a valid certificate with a reason; whether one was revoked
    /// (false for an unknown number or one already revoked).
    pub async fn revoke_certificate(&self, number: &str, reason: &str, now: DateTime<Utc>) -> Result<bool, StoreError> {
        let sql = "UPDATE certificates SET status = 'revoked', revoked_at = $1, revoke_reason = $2 \
                   WHERE number = $3 AND status = 'valid'";
        let n = with_pool!(self, p => sqlx::query(sql).bind(now).bind(reason).bind(number)
            .execute(p).await.map(|r| r.rows_affected()))?;
        Ok(n > 0)
    }

    /// Take one look-up of the verify page for a client (`subject`, a
    /// salted hash of its address) within the limits: `None` when taken,
    /// else the seconds to wait. Counting, checking and noting are one
    /// transaction; rows older than the window are purged.
    pub async fn take_verify_slot(
        &self,
        subject: &str,
        now: DateTime<Utc>,
        limits: &ReportLimits,
    ) -> Result<Option<i64>, StoreError> {
        let t = now.timestamp();
        let since = t - limits.window_s;
        let wait = with_pool!(self, p => {
            let mut tx = p.begin().await?;
            sqlx::query("DELETE FROM certificate_verify_limits WHERE taken_at <= $1").bind(since).execute(&mut *tx).await?;
            let rows: Vec<(String, i64)> = sqlx::query_as("SELECT subject, taken_at FROM certificate_verify_limits WHERE taken_at > $1")
                .bind(since).fetch_all(&mut *tx).await?;
            let everyone: Vec<i64> = rows.iter().map(|r| r.1).collect();
            let mine: Vec<i64> = rows.iter().filter(|r| r.0 == subject).map(|r| r.1).collect();
            match limits.check(t, &mine, &everyone) {
                ReportVerdict::Wait(s) => Some(s),
                ReportVerdict::Allowed => {
                    sqlx::query("INSERT INTO certificate_verify_limits (subject, taken_at) VALUES ($1, $2)")
                        .bind(subject).bind(t).execute(&mut *tx).await?;
                    tx.commit().await?;
                    None
                }
            }
        });
        Ok(wait)
    }
}
