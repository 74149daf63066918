//! Visitors' reports of a problem with a place (migration 22): taken
//! within the limits per client and in all (`kizuna_domain::map::report`),
//! listed for staff, closed with a note. Closing clears the contact a
//! visitor left; deleting a place deletes its reports.

use chrono::{DateTime, Utc};
use kizuna_domain::common::Id;
use kizuna_domain::map::report::{NewReport, ReportKind, ReportLimits, ReportStatus, ReportVerdict};

use crate::{Action, NewEntry, Store, StoreError, with_pool};

/// The audit log's name for a report.
pub const ENTITY: &str = "place_report";

/// A stored report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRow {
    pub id: Id,
    pub place_id: Id,
    pub kind: ReportKind,
    pub text: Option<String>,
    /// How to reach the visitor; `None` once the report is closed.
    pub contact: Option<String>,
    pub status: ReportStatus,
    pub created_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    pub closed_by: Option<Id>,
    pub note: Option<String>,
}

type ReportTuple = (
    i64,
    i64,
    String,
    Option<String>,
    Option<String>,
    String,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
    Option<i64>,
    Option<String>,
);

fn row(
    (id, place_id, kind, text, contact, status, created_at, closed_at, closed_by, note): ReportTuple,
) -> Result<ReportRow, StoreError> {
    let corrupt = |what: &str, v: &str| StoreError::Corrupt(format!("place report {id}: {what} {v:?}"));
    Ok(ReportRow {
        id,
        place_id,
        kind: kind.parse().map_err(|_| corrupt("kind", &kind))?,
        text,
        contact,
        status: status.parse().map_err(|_| corrupt("status", &status))?,
        created_at,
        closed_at,
        closed_by,
        note,
    })
}

const COLUMNS: &str =
    "SELECT id, place_id, kind, text, contact, status, created_at, closed_at, closed_by, note FROM place_reports ";

/// What [`Store::take_place_report`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Taken {
    /// Stored under this id.
    Stored(Id),
    /// Over a limit: try again in this many seconds.
    Wait(i64),
}

impl Store {
    /// Store a visitor's report on a place, unless the client (`subject`,
    /// a salted hash of its address) or everyone together sent as many as
    /// the limits allow within their window. The count, the check and the
    /// write are one transaction; rows older than the window are purged.
    pub async fn take_place_report(
        &self,
        place_id: Id,
        report: &NewReport,
        subject: &str,
        now: DateTime<Utc>,
        limits: &ReportLimits,
    ) -> Result<Taken, StoreError> {
        let t = now.timestamp();
        let since = t - limits.window_s;
        let purge = "DELETE FROM place_report_limits WHERE taken_at <= $1";
        let all = "SELECT subject, taken_at FROM place_report_limits WHERE taken_at > $1";
        let note = "INSERT INTO place_report_limits (subject, taken_at) VALUES ($1, $2)";
        let insert = "INSERT INTO place_reports (place_id, kind, text, contact, status, created_at) \
                      VALUES ($1, $2, $3, $4, 'open', $5) RETURNING id";
        let taken = with_pool!(self, p => {
            let mut tx = p.begin().await?;
            sqlx::query(purge).bind(since).execute(&mut *tx).await?;
            let rows: Vec<(String, i64)> = sqlx::query_as(all).bind(since).fetch_all(&mut *tx).await?;
            let everyone: Vec<i64> = rows.iter().map(|r| r.1).collect();
            let mine: Vec<i64> = rows.iter().filter(|r| r.0 == subject).map(|r| r.1).collect();
            match limits.check(t, &mine, &everyone) {
                ReportVerdict::Wait(s) => Taken::Wait(s),
                ReportVerdict::Allowed => {
                    let id: i64 = sqlx::query_scalar(insert)
                        .bind(place_id)
                        .bind(report.kind.as_str())
                        .bind(report.text.as_deref())
                        .bind(report.contact.as_deref())
                        .bind(now)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(|e| StoreError::from_write(e, ENTITY, ""))?;
                    sqlx::query(note).bind(subject).bind(t).execute(&mut *tx).await?;
                    tx.commit().await?;
                    Taken::Stored(id)
                }
            }
        });
        Ok(taken)
    }

    /// Reports in a status (`None`: all), oldest first.
    pub async fn place_reports(&self, status: Option<ReportStatus>) -> Result<Vec<ReportRow>, StoreError> {
        let rows: Vec<ReportTuple> = match status {
            Some(s) => {
                let sql = format!("{COLUMNS}WHERE status = $1 ORDER BY created_at, id");
                with_pool!(self, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(s.as_str()).fetch_all(p).await?)
            }
            None => {
                let sql = format!("{COLUMNS}ORDER BY created_at, id");
                with_pool!(self, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(p).await?)
            }
        };
        rows.into_iter().map(row).collect()
    }

    /// One report.
    pub async fn place_report(&self, id: Id) -> Result<Option<ReportRow>, StoreError> {
        let sql = format!("{COLUMNS}WHERE id = $1");
        let r: Option<ReportTuple> =
            with_pool!(self, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(p).await?);
        r.map(row).transpose()
    }

    /// Close an open report as resolved or dismissed, with the staff's
    /// note, clearing the visitor's contact; logged in the audit log.
    /// `false` when there is no such open report (closed already, or none).
    pub async fn close_place_report(
        &self,
        id: Id,
        status: ReportStatus,
        note: &str,
        by: Option<Id>,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        if status == ReportStatus::Open {
            return Err(StoreError::Corrupt(
                "a report is closed as resolved or dismissed".into(),
            ));
        }
        let sql = "UPDATE place_reports SET status = $1, note = $2, closed_by = $3, closed_at = $4, contact = NULL \
                   WHERE id = $5 AND status = 'open'";
        let closed = with_pool!(self, p => {
            let mut tx = p.begin().await?;
            let n = sqlx::query(sql)
                .bind(status.as_str())
                .bind(note)
                .bind(by)
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if n == 1 {
                let entries = [NewEntry::new(Action::Update, ENTITY, Some(id)).detail(status.as_str())];
                crate::audit::audit_append!(tx, self, &entries);
                tx.commit().await?;
            }
            n == 1
        });
        Ok(closed)
    }
}
