//! A person's rights and the retention rules, in SQL: everything held on a
//! person (their attendance, the accounts under their e-mail), erasure in
//! one transaction, and the purge of what the retention rules say is due.
//! Every write here is in the change feed and the audit log like any other.

use chrono::{DateTime, NaiveDate, Utc};
use kizuna_domain::System;
use kizuna_domain::common::Id;
use kizuna_domain::common::person::PersonInput;
use kizuna_domain::fields::Fields;
use sqlx::AssertSqlSafe;

use crate::audit::{Action, NewEntry, audit_append};
use crate::changes::{Op, log_change};
use crate::record::bind_all;
use crate::{Store, StoreError, Value, with_pool};

/// A person's attendance at one curriculum session.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AttendanceHeld {
    pub session_id: Id,
    pub edition_id: Id,
    pub starts_at: DateTime<Utc>,
    /// present, absent, late or excused.
    pub status: String,
    pub note: Option<String>,
}

/// An account whose e-mail is the person's (no secret: no password or token).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LinkedAccount {
    pub id: Id,
    pub email: String,
    pub role: String,
    pub created_at: DateTime<Utc>,
}

/// Something the retention rules remove.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Purged {
    /// The rule's kind of record (`session`, `trainee_contact`).
    pub kind: &'static str,
    /// The record: a person's id, or the first 12 hex digits of a
    /// session's token hash (the token itself is never stored).
    pub id: String,
    /// Why it is due.
    pub why: String,
}

/// The days before which each rule's records are due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cutoffs {
    /// Sessions that expired before this instant.
    pub sessions: Option<DateTime<Utc>>,
    /// Trainees' contact details whose last course ended before this day.
    pub trainee_contacts: Option<NaiveDate>,
    /// API tokens revoked or expired before this instant.
    pub tokens: Option<DateTime<Utc>>,
    /// Password links used or expired before this instant.
    pub password_links: Option<DateTime<Utc>>,
    /// Nomination files accepted or declined before this instant.
    pub nominations: Option<DateTime<Utc>>,
}

impl Store {
    /// The sessions a person attended (or missed), by time.
    pub async fn attendance_of(&self, person_id: Id) -> Result<Vec<AttendanceHeld>, StoreError> {
        let sql = "SELECT a.session_id, s.edition_id, s.starts_at, a.status, a.note FROM attendance a \
                   JOIN sessions s ON s.id = a.session_id WHERE a.person_id = $1 ORDER BY s.starts_at, a.session_id";
        type Raw = (i64, i64, DateTime<Utc>, String, Option<String>);
        let rows: Vec<Raw> = with_pool!(self, p => sqlx::query_as(sql).bind(person_id).fetch_all(p).await?);
        Ok(rows
            .into_iter()
            .map(|(session_id, edition_id, starts_at, status, note)| AttendanceHeld {
                session_id,
                edition_id,
                starts_at,
                status,
                note,
            })
            .collect())
    }

    /// Accounts whose e-mail is `email` (compared without case).
    pub async fn accounts_with_email(&self, email: &str) -> Result<Vec<LinkedAccount>, StoreError> {
        let sql = "SELECT id, email, role, created_at FROM users WHERE lower(email) = lower($1) ORDER BY id";
        let rows: Vec<(i64, String, String, DateTime<Utc>)> =
            with_pool!(self, p => sqlx::query_as(sql).bind(email).fetch_all(p).await?);
        Ok(rows
            .into_iter()
            .map(|(id, email, role, created_at)| LinkedAccount {
                id,
                email,
                role,
                created_at,
            })
            .collect())
    }

    /// Replace a person's fields with `anonymous` (the same nationality,
    /// gender and organisation-free placeholder), clear the notes of their
    /// attendance, delete their placements' documents with their scans and
    /// clear the reports and review notes of their hours entries (the
    /// hours, days and statuses stay for the hours report), whatever
    /// version the records are at, in one transaction logged as an erasure.
    pub async fn erase_person(&self, id: Id, anonymous: &PersonInput) -> Result<(), StoreError> {
        let mut cols: Vec<&str> = PersonInput::columns().iter().map(|c| c.name.as_str()).collect();
        let mut values = anonymous.write();
        cols.push("identity_key");
        values.push(Value::Text(Some(anonymous.identity_key())));
        let sets: Vec<String> = cols
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c} = ${}", i + 1))
            .collect();
        let sql = format!(
            "UPDATE people SET {}, version = version + 1 WHERE id = ${} RETURNING office_id",
            sets.join(", "),
            values.len() + 1
        );
        let touched_volunteers = with_pool!(self, p => {
            let mut tx = p.begin().await?;
            let office: Option<i64> = bind_all!(sqlx::query_scalar(AssertSqlSafe(sql.as_str())), values)
                .bind(id)
                .fetch_optional(&mut *tx)
                .await
                .map_err(|e| StoreError::from_write(e, "person", "identity"))?;
            let Some(office) = office else {
                return Err(StoreError::NotFound { entity: "person", id });
            };
            sqlx::query("UPDATE attendance SET note = NULL WHERE person_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            // Their placements' documents (numbers, notes, scans) go whole;
            // their hours stay for the hours report, without the reports
            // and review notes written about them.
            let docs: Vec<(i64, i64)> = sqlx::query_as(
                "SELECT d.id, d.office_id FROM placement_documents d JOIN placements p ON p.id = d.placement_id \
                 WHERE p.person_id = $1 ORDER BY d.id",
            )
            .bind(id)
            .fetch_all(&mut *tx)
            .await?;
            let files: Vec<(i64, i64)> = sqlx::query_as(
                "SELECT f.id, d.office_id FROM placement_document_files f JOIN placement_documents d ON d.id = f.document_id \
                 JOIN placements p ON p.id = d.placement_id WHERE p.person_id = $1 ORDER BY f.id",
            )
            .bind(id)
            .fetch_all(&mut *tx)
            .await?;
            let entries: Vec<(i64, i64)> = sqlx::query_as(
                "SELECT e.id, e.office_id FROM volunteer_entries e JOIN placements p ON p.id = e.placement_id \
                 WHERE p.person_id = $1 ORDER BY e.id",
            )
            .bind(id)
            .fetch_all(&mut *tx)
            .await?;
            sqlx::query(
                "DELETE FROM placement_document_files WHERE document_id IN (SELECT d.id FROM placement_documents d \
                 JOIN placements p ON p.id = d.placement_id WHERE p.person_id = $1)",
            )
            .bind(id)
            .execute(&mut *tx)
            .await?;
            sqlx::query("DELETE FROM placement_documents WHERE placement_id IN (SELECT id FROM placements WHERE person_id = $1)")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "UPDATE volunteer_entries SET report_en = NULL, report_ja = NULL, report_th = NULL, report_ms = NULL, \
                 review_note = NULL, version = version + 1 WHERE placement_id IN (SELECT id FROM placements WHERE person_id = $1)",
            )
            .bind(id)
            .execute(&mut *tx)
            .await?;
            log_change!(tx, System::Common, &[("person", id, Some(office), Op::Upsert)]);
            let volunteered: Vec<(&str, i64, Option<i64>, Op)> = files
                .iter()
                .map(|&(f, o)| ("placement_document_file", f, Some(o), Op::Delete))
                .chain(docs.iter().map(|&(d, o)| ("placement_document", d, Some(o), Op::Delete)))
                .chain(entries.iter().map(|&(e, o)| ("volunteer_entry", e, Some(o), Op::Upsert)))
                .collect();
            if !volunteered.is_empty() {
                log_change!(tx, System::Volunteers, &volunteered);
            }
            let mut erased = NewEntry::new(Action::Erase, "person", Some(id)).office(Some(office));
            if !volunteered.is_empty() {
                erased = erased.detail(format!(
                    "{} placement documents deleted, {} hours entries kept without their reports",
                    docs.len(),
                    entries.len()
                ));
            }
            let audited = [erased];
            audit_append!(tx, self, &audited);
            tx.commit().await?;
            !volunteered.is_empty()
        });
        self.note_write(System::Common);
        if touched_volunteers {
            self.note_write(System::Volunteers);
        }
        Ok(())
    }

    /// What the retention rules make due by `cutoffs`, and (unless
    /// `dry_run`) remove it: all in one transaction, each removal in the
    /// change feed and the audit log. A dry run lists exactly what the
    /// same call without it would remove.
    pub async fn purge(&self, cutoffs: Cutoffs, dry_run: bool) -> Result<Vec<Purged>, StoreError> {
        let mut out = Vec::new();
        let mut people_changed = Vec::new();
        with_pool!(self, p => {
            let mut tx = p.begin().await?;
            let mut audited = Vec::new();
            if let Some(before) = cutoffs.sessions {
                let rows: Vec<(String, i64, DateTime<Utc>)> = sqlx::query_as(
                    "SELECT token_hash, user_id, expires_at FROM user_sessions WHERE expires_at < $1 ORDER BY expires_at, token_hash",
                )
                .bind(before)
                .fetch_all(&mut *tx)
                .await?;
                for (hash, user_id, expires) in rows {
                    if !dry_run {
                        sqlx::query("DELETE FROM user_sessions WHERE token_hash = $1")
                            .bind(&hash)
                            .execute(&mut *tx)
                            .await?;
                        audited.push(NewEntry::new(Action::Purge, "user_session", None).detail(format!("of user {user_id}")));
                    }
                    out.push(Purged {
                        kind: "session",
                        id: hash.chars().take(12).collect(),
                        why: format!("expired on {}", expires.date_naive()),
                    });
                }
            }
            if let Some(before) = cutoffs.trainee_contacts {
                let rows: Vec<(i64, i64, NaiveDate)> = sqlx::query_as(
                    "SELECT pe.id, pe.office_id, MAX(COALESCE(pa.ended_on, e.ends_on)) AS last_end \
                     FROM people pe JOIN participations pa ON pa.person_id = pe.id JOIN editions e ON e.id = pa.edition_id \
                     WHERE pe.email IS NOT NULL AND pa.role = 'trainee' \
                     GROUP BY pe.id, pe.office_id HAVING MAX(COALESCE(pa.ended_on, e.ends_on)) < $1 ORDER BY pe.id",
                )
                .bind(before)
                .fetch_all(&mut *tx)
                .await?;
                for (id, office, last_end) in rows {
                    if !dry_run {
                        sqlx::query("UPDATE people SET email = NULL, version = version + 1 WHERE id = $1")
                            .bind(id)
                            .execute(&mut *tx)
                            .await?;
                        people_changed.push(("person", id, Some(office), Op::Upsert));
                        audited.push(
                            NewEntry::new(Action::Purge, "person", Some(id))
                                .office(Some(office))
                                .detail("contact details"),
                        );
                    }
                    out.push(Purged {
                        kind: "trainee_contact",
                        id: id.to_string(),
                        why: format!("e-mail of a trainee whose last course ended on {last_end}"),
                    });
                }
            }
            if let Some(before) = cutoffs.tokens {
                let rows: Vec<(i64, i64, DateTime<Utc>)> = sqlx::query_as(
                    "SELECT id, user_id, COALESCE(revoked_at, expires_at) AS ended FROM api_tokens \
                     WHERE COALESCE(revoked_at, expires_at) < $1 ORDER BY id",
                )
                .bind(before)
                .fetch_all(&mut *tx)
                .await?;
                for (id, user_id, ended) in rows {
                    if !dry_run {
                        sqlx::query("DELETE FROM api_tokens WHERE id = $1").bind(id).execute(&mut *tx).await?;
                        audited.push(NewEntry::new(Action::Purge, "token", Some(id)).detail(format!("of user {user_id}")));
                    }
                    out.push(Purged {
                        kind: "api_token",
                        id: id.to_string(),
                        why: format!("revoked or expired on {}", ended.date_naive()),
                    });
                }
            }
            if let Some(before) = cutoffs.password_links {
                let rows: Vec<(String, i64, DateTime<Utc>)> = sqlx::query_as(
                    "SELECT token_hash, user_id, COALESCE(used_at, expires_at) AS ended FROM password_resets \
                     WHERE COALESCE(used_at, expires_at) < $1 ORDER BY ended, token_hash",
                )
                .bind(before)
                .fetch_all(&mut *tx)
                .await?;
                for (hash, user_id, ended) in rows {
                    if !dry_run {
                        sqlx::query("DELETE FROM password_resets WHERE token_hash = $1")
                            .bind(&hash)
                            .execute(&mut *tx)
                            .await?;
                        audited.push(
                            NewEntry::new(Action::Purge, "password_link", None).detail(format!("of user {user_id}")),
                        );
                    }
                    out.push(Purged {
                        kind: "password_link",
                        id: hash.chars().take(12).collect(),
                        why: format!("used or expired on {}", ended.date_naive()),
                    });
                }
            }
            if let Some(before) = cutoffs.nominations {
                let rows: Vec<(i64, i64, DateTime<Utc>)> = sqlx::query_as(
                    "SELECT id, organisation_id, reviewed_at FROM nominations \
                     WHERE status IN ('accepted', 'declined') AND reviewed_at < $1 ORDER BY id",
                )
                .bind(before)
                .fetch_all(&mut *tx)
                .await?;
                for (id, organisation, decided) in rows {
                    if !dry_run {
                        sqlx::query("DELETE FROM nominations WHERE id = $1").bind(id).execute(&mut *tx).await?;
                        audited.push(
                            NewEntry::new(Action::Purge, "nomination", Some(id))
                                .detail(format!("of organisation {organisation}")),
                        );
                    }
                    out.push(Purged {
                        kind: "nomination_file",
                        id: id.to_string(),
                        why: format!("accepted or declined on {}", decided.date_naive()),
                    });
                }
            }
            if !people_changed.is_empty() {
                log_change!(tx, System::Common, &people_changed);
            }
            audit_append!(tx, self, &audited);
            if dry_run {
                tx.rollback().await?;
            } else {
                tx.commit().await?;
            }
        });
        if !people_changed.is_empty() {
            self.note_write(System::Common);
        }
        Ok(out)
    }

    /// Where a text occurs in the database: `table.column` of every text
    /// column holding it (compared without case), to check that an erased
    /// name is gone from every table.
    pub async fn tables_containing(&self, needle: &str) -> Result<Vec<String>, StoreError> {
        let mut found = Vec::new();
        for table in self.table_names().await? {
            for col in self.table_columns(&table).await? {
                if !matches!(col.ty.as_str(), "text" | "TEXT" | "character varying") {
                    continue;
                }
                let sql = format!(
                    "SELECT COUNT(*) FROM {table} WHERE lower(CAST({} AS TEXT)) LIKE '%' || lower($1) || '%'",
                    col.name
                );
                let n: i64 = with_pool!(self, p => sqlx::query_scalar(AssertSqlSafe(sql.as_str())).bind(needle).fetch_one(p).await?);
                if n > 0 {
                    found.push(format!("{table}.{}", col.name));
                }
            }
        }
        Ok(found)
    }
}
