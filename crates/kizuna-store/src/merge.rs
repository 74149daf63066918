//! People, beyond their plain record: the names every search reads, the
//! roles of a page of people at once, what refers to a person (before it
//! may be deleted), and two records of one person merged into one.
//!
//! A merge is one transaction: the removed person's participations,
//! attendance, session instructor places and every other reference the
//! database declares to `people` move to the kept person; the kept person's
//! fields are replaced by the merged ones (the application fills the empty
//! ones from the removed person); the removed person is deleted; and the
//! change feed and the audit log (`merge`, naming both ids) are written.
//! Both records must still be at the versions the merge was made from.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use kizuna_domain::System;
use kizuna_domain::common::person::PersonInput;
use kizuna_domain::common::{Id, LocalText};
use kizuna_domain::fields::{Field, Fields};
use sqlx::{AssertSqlSafe, Row};

use crate::audit::{Action, NewEntry, audit_append};
use crate::changes::{Op, log_change};
use crate::record::{ByName, Value, bind_all};
use crate::{Backend, RoleHeld, Store, StoreError, with_pool};

/// The tables whose references to a person a merge moves by name, and
/// that [`PersonReferences`] describes one by one. Any other column that
/// refers to `people` (found in the database's own catalogue) is moved
/// and counted as it stands.
const KNOWN: &[(&str, &str)] = &[
    ("attendance", "person_id"),
    ("participations", "person_id"),
    ("session_instructors", "person_id"),
];

/// A person's names and nationality, as stored: what a name search reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonName {
    pub id: Id,
    pub family_name: String,
    pub given_name: Option<String>,
    pub name_native: Option<String>,
    pub name_kana: Option<String>,
    /// ISO 3166-1 alpha-2, as stored.
    pub nationality: String,
}

/// A curriculum session a person is listed as an instructor of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstructedSession {
    pub session_id: Id,
    pub edition_id: Id,
    pub edition_key: String,
    pub starts_at: DateTime<Utc>,
    pub title: LocalText,
}

/// Everything that refers to a person.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PersonReferences {
    /// Their participations (roles in course editions), oldest first.
    pub participations: Vec<RoleHeld>,
    /// Sessions they are listed as an instructor of, by time.
    pub instructed: Vec<InstructedSession>,
    /// Sessions their attendance was marked at.
    pub attendance: i64,
    /// Other references the database declares: (table, column, rows).
    pub other: Vec<(String, String, i64)>,
}

impl PersonReferences {
    pub fn is_empty(&self) -> bool {
        self.participations.is_empty() && self.instructed.is_empty() && self.attendance == 0 && self.other.is_empty()
    }
}

/// A merge to carry out: `remove` goes into `keep`, whose fields become
/// `merged`; each as it was at the version given.
#[derive(Debug, Clone)]
pub struct MergePeople<'a> {
    pub keep: Id,
    pub keep_version: i64,
    pub remove: Id,
    pub remove_version: i64,
    pub merged: &'a PersonInput,
}

/// What a merge moved.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Merged {
    /// Participations now the kept person's.
    pub participations: Vec<Id>,
    /// Sessions whose instructors changed (moved, or listed once where both were).
    pub sessions: Vec<Id>,
    /// Sessions whose attendance mark moved.
    pub attendance: Vec<Id>,
    /// Other references moved: (table, column, rows).
    pub other: Vec<(String, String, i64)>,
}

/// A name from the database's catalogue, used in SQL: letters, digits and `_` only.
fn plain_name(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn placeholders(from: usize, n: usize) -> String {
    (from..from + n).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}

impl Store {
    /// Every person's names and nationality, by family name, given name
    /// and id (the order of the people list).
    pub async fn people_names(&self) -> Result<Vec<PersonName>, StoreError> {
        let sql = "SELECT id, family_name, given_name, name_native, name_kana, nationality FROM people \
                   ORDER BY family_name, given_name, id";
        type Raw = (i64, String, Option<String>, Option<String>, Option<String>, String);
        let rows: Vec<Raw> = with_pool!(self, p => sqlx::query_as(sql).fetch_all(p).await?);
        Ok(rows
            .into_iter()
            .map(
                |(id, family_name, given_name, name_native, name_kana, nationality)| PersonName {
                    id,
                    family_name,
                    given_name,
                    name_native,
                    name_kana,
                    nationality,
                },
            )
            .collect())
    }

    /// The roles of several people at once (a page of a list): (person,
    /// role), each person's oldest first.
    pub async fn roles_of_people(&self, ids: &[Id]) -> Result<Vec<(Id, RoleHeld)>, StoreError> {
        let mut out = Vec::new();
        for chunk in ids.chunks(500) {
            let sql = format!(
                "SELECT pa.person_id, pa.id, pa.role, pa.status, e.fiscal_year, e.id AS edition_id, e.key, \
                 pr.id AS programme_id, pr.title_en, pr.title_ja, pr.title_th, pr.title_ms \
                 FROM participations pa JOIN editions e ON e.id = pa.edition_id \
                 JOIN programmes pr ON pr.id = e.programme_id \
                 WHERE pa.person_id IN ({}) ORDER BY pa.person_id, e.starts_on, pa.id",
                placeholders(1, chunk.len())
            );
            let values: Vec<Value> = chunk.iter().map(|i| Value::Int(Some(*i))).collect();
            let rows = with_pool!(self, p => {
                let rows = bind_all!(sqlx::query(AssertSqlSafe(sql.as_str())), values).fetch_all(p).await?;
                let mut got = Vec::with_capacity(rows.len());
                for row in &rows {
                    got.push(read_role(&mut *row.by_name(), row.try_get("person_id")?, || {
                        Ok::<_, sqlx::Error>((
                            row.try_get("id")?,
                            row.try_get("role")?,
                            row.try_get("status")?,
                            row.try_get("fiscal_year")?,
                            row.try_get("edition_id")?,
                            row.try_get("key")?,
                            row.try_get("programme_id")?,
                        ))
                    })?);
                }
                got
            });
            out.extend(rows);
        }
        Ok(out)
    }

    /// The columns of other tables that refer to a person, from the
    /// database's own catalogue: (table, column), by name.
    pub async fn person_reference_columns(&self) -> Result<Vec<(String, String)>, StoreError> {
        let sql = match self.backend() {
            Backend::Sqlite => {
                "SELECT m.name, f.\"from\" FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f \
                 WHERE m.type = 'table' AND f.\"table\" = 'people' ORDER BY m.name, f.\"from\""
            }
            Backend::Postgres => {
                "SELECT cl.relname::text, a.attname::text FROM pg_constraint c \
                 JOIN pg_class cl ON cl.oid = c.conrelid \
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey) \
                 WHERE c.contype = 'f' AND c.confrelid = to_regclass('people') ORDER BY 1, 2"
            }
        };
        let rows: Vec<(String, String)> = with_pool!(self, p => sqlx::query_as(sql).fetch_all(p).await?);
        let mut out: Vec<(String, String)> = rows
            .into_iter()
            .filter(|(t, c)| plain_name(t) && plain_name(c))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        out.sort();
        Ok(out)
    }

    /// Everything that refers to a person (what keeps them from being
    /// deleted, what a merge would move).
    pub async fn person_references(&self, id: Id) -> Result<PersonReferences, StoreError> {
        let participations = self.roles_of(id).await?;
        let sql = "SELECT s.id, s.edition_id, e.key, s.starts_at, s.title_en, s.title_ja, s.title_th, s.title_ms \
                   FROM session_instructors si JOIN sessions s ON s.id = si.session_id \
                   JOIN editions e ON e.id = s.edition_id WHERE si.person_id = $1 ORDER BY s.starts_at, s.id";
        let instructed = with_pool!(self, p => {
            let rows = sqlx::query(sql).bind(id).fetch_all(p).await?;
            let mut out = Vec::with_capacity(rows.len());
            for row in &rows {
                let title = LocalText::read("title", &mut *row.by_name())
                    .map_err(|e| StoreError::Corrupt(format!("session title: {e}")))?;
                out.push(InstructedSession {
                    session_id: row.try_get(0)?,
                    edition_id: row.try_get(1)?,
                    edition_key: row.try_get(2)?,
                    starts_at: row.try_get(3)?,
                    title,
                });
            }
            out
        });
        let attendance: i64 = with_pool!(self, p => sqlx::query_scalar("SELECT COUNT(*) FROM attendance WHERE person_id = $1")
            .bind(id)
            .fetch_one(p)
            .await?);
        let mut other = Vec::new();
        for (table, column) in self.person_reference_columns().await? {
            if KNOWN.contains(&(table.as_str(), column.as_str())) {
                continue;
            }
            let sql = format!("SELECT COUNT(*) FROM {table} WHERE {column} = $1");
            let n: i64 =
                with_pool!(self, p => sqlx::query_scalar(AssertSqlSafe(sql.as_str())).bind(id).fetch_one(p).await?);
            if n > 0 {
                other.push((table, column, n));
            }
        }
        Ok(PersonReferences {
            participations,
            instructed,
            attendance,
            other,
        })
    }

    /// The course editions both people take part in (by key): a merge of
    /// the two is refused while there are any.
    pub async fn shared_editions(&self, a: Id, b: Id) -> Result<Vec<(Id, String)>, StoreError> {
        let sql = "SELECT DISTINCT e.id, e.key FROM participations x JOIN participations y ON y.edition_id = x.edition_id \
                   JOIN editions e ON e.id = x.edition_id WHERE x.person_id = $1 AND y.person_id = $2 ORDER BY e.key";
        Ok(with_pool!(self, p => sqlx::query_as(sql).bind(a).bind(b).fetch_all(p).await?))
    }

    /// Merge `m.remove` into `m.keep` in one transaction (see the module's
    /// documentation). Refused, with nothing written, when either record
    /// changed since its version ([`StoreError::Conflict`]), when both take
    /// part in one course edition or were marked at one session (rejected
    /// on the field `other`, code `same_edition`), or when the merged
    /// fields would repeat a third person's identity.
    pub async fn merge_people(&self, m: &MergePeople<'_>) -> Result<Merged, StoreError> {
        if m.keep == m.remove {
            return Err(StoreError::rejected(
                "other",
                "same_person",
                "a person cannot be merged into themselves",
            ));
        }
        let others: Vec<(String, String)> = self
            .person_reference_columns()
            .await?
            .into_iter()
            .filter(|(t, c)| !KNOWN.contains(&(t.as_str(), c.as_str())))
            .collect();
        let mut cols: Vec<&str> = PersonInput::columns().iter().map(|c| c.name.as_str()).collect();
        let mut values = m.merged.write();
        cols.push("identity_key");
        values.push(Value::Text(Some(m.merged.identity_key())));
        let sets: Vec<String> = cols
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c} = ${}", i + 1))
            .collect();
        let update_kept = format!(
            "UPDATE people SET {}, version = version + 1 WHERE id = ${} AND version = ${} RETURNING office_id",
            sets.join(", "),
            values.len() + 1,
            values.len() + 2
        );
        let mut merged = Merged::default();
        with_pool!(self, p => {
            let mut tx = p.begin().await?;
            // Both as they were when the merge was prepared.
            for (id, version) in [(m.keep, m.keep_version), (m.remove, m.remove_version)] {
                let now: Option<i64> = sqlx::query_scalar("SELECT version FROM people WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?;
                match now {
                    None => return Err(StoreError::NotFound { entity: "person", id }),
                    Some(current) if current != version => {
                        return Err(StoreError::Conflict { entity: "person", id, version, current });
                    }
                    Some(_) => {}
                }
            }
            let shared: Vec<String> = sqlx::query_scalar(
                "SELECT DISTINCT e.key FROM participations x JOIN participations y ON y.edition_id = x.edition_id \
                 JOIN editions e ON e.id = x.edition_id WHERE x.person_id = $1 AND y.person_id = $2 ORDER BY e.key",
            )
            .bind(m.keep)
            .bind(m.remove)
            .fetch_all(&mut *tx)
            .await?;
            let marked_twice: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM attendance x JOIN attendance y ON y.session_id = x.session_id \
                 WHERE x.person_id = $1 AND y.person_id = $2",
            )
            .bind(m.keep)
            .bind(m.remove)
            .fetch_one(&mut *tx)
            .await?;
            if !shared.is_empty() || marked_twice > 0 {
                return Err(StoreError::rejected(
                    "other",
                    "same_edition",
                    format!(
                        "both people take part in the same course edition ({}); remove one of the two participations first",
                        if shared.is_empty() { "the same session's attendance".to_owned() } else { shared.join(", ") }
                    ),
                ));
            }
            // Participations.
            let moved: Vec<(i64, i64)> = sqlx::query_as(
                "UPDATE participations SET person_id = $1, version = version + 1 WHERE person_id = $2 RETURNING id, office_id",
            )
            .bind(m.keep)
            .bind(m.remove)
            .fetch_all(&mut *tx)
            .await?;
            // Attendance marks.
            let marks: Vec<i64> = sqlx::query_scalar(
                "UPDATE attendance SET person_id = $1 WHERE person_id = $2 RETURNING session_id",
            )
            .bind(m.keep)
            .bind(m.remove)
            .fetch_all(&mut *tx)
            .await?;
            // Instructors: where both are listed, the kept person stays listed once.
            let mut sessions: Vec<i64> = sqlx::query_scalar(
                "DELETE FROM session_instructors WHERE person_id = $2 AND session_id IN \
                 (SELECT session_id FROM session_instructors WHERE person_id = $1) RETURNING session_id",
            )
            .bind(m.keep)
            .bind(m.remove)
            .fetch_all(&mut *tx)
            .await?;
            let listed: Vec<i64> = sqlx::query_scalar(
                "UPDATE session_instructors SET person_id = $1 WHERE person_id = $2 RETURNING session_id",
            )
            .bind(m.keep)
            .bind(m.remove)
            .fetch_all(&mut *tx)
            .await?;
            sessions.extend(listed);
            sessions.sort_unstable();
            sessions.dedup();
            let mut session_offices = Vec::with_capacity(sessions.len());
            for s in &sessions {
                let office: i64 = sqlx::query_scalar("UPDATE sessions SET version = version + 1 WHERE id = $1 RETURNING office_id")
                    .bind(*s)
                    .fetch_one(&mut *tx)
                    .await?;
                session_offices.push((*s, office));
            }
            // Whatever else the database says refers to people.
            for (table, column) in &others {
                let sql = format!("UPDATE {table} SET {column} = $1 WHERE {column} = $2");
                let n = sqlx::query(AssertSqlSafe(sql.as_str()))
                    .bind(m.keep)
                    .bind(m.remove)
                    .execute(&mut *tx)
                    .await
                    .map_err(|e| StoreError::from_write(e, "person", "other"))?
                    .rows_affected();
                if n > 0 {
                    merged.other.push((table.clone(), column.clone(), i64::try_from(n).unwrap_or(i64::MAX)));
                }
            }
            // The removed record goes first, so that the kept one may take its identity.
            let removed_office: Option<i64> = sqlx::query_scalar("DELETE FROM people WHERE id = $1 AND version = $2 RETURNING office_id")
                .bind(m.remove)
                .bind(m.remove_version)
                .fetch_optional(&mut *tx)
                .await
                .map_err(|e| StoreError::from_write(e, "person", "identity"))?;
            let Some(removed_office) = removed_office else {
                let current: Option<i64> = sqlx::query_scalar("SELECT version FROM people WHERE id = $1")
                    .bind(m.remove)
                    .fetch_optional(&mut *tx)
                    .await?;
                return Err(match current {
                    None => StoreError::NotFound { entity: "person", id: m.remove },
                    Some(current) => StoreError::Conflict { entity: "person", id: m.remove, version: m.remove_version, current },
                });
            };
            let kept_office: Option<i64> = bind_all!(sqlx::query_scalar(AssertSqlSafe(update_kept.as_str())), values)
                .bind(m.keep)
                .bind(m.keep_version)
                .fetch_optional(&mut *tx)
                .await
                .map_err(|e| StoreError::from_write(e, "person", "identity"))?;
            let Some(kept_office) = kept_office else {
                let current: Option<i64> = sqlx::query_scalar("SELECT version FROM people WHERE id = $1")
                    .bind(m.keep)
                    .fetch_optional(&mut *tx)
                    .await?;
                return Err(match current {
                    None => StoreError::NotFound { entity: "person", id: m.keep },
                    Some(current) => StoreError::Conflict { entity: "person", id: m.keep, version: m.keep_version, current },
                });
            };
            log_change!(
                tx,
                System::Common,
                &[
                    ("person", m.keep, Some(kept_office), Op::Upsert),
                    ("person", m.remove, Some(removed_office), Op::Delete),
                ]
            );
            let mut training: Vec<(&str, i64, Option<i64>, Op)> = Vec::new();
            training.extend(moved.iter().map(|(id, office)| ("participation", *id, Some(*office), Op::Upsert)));
            training.extend(session_offices.iter().map(|(id, office)| ("session", *id, Some(*office), Op::Upsert)));
            training.extend(marks.iter().map(|s| ("attendance", *s, None, Op::Upsert)));
            if !training.is_empty() {
                log_change!(tx, System::Training, &training);
            }
            let from = format!("from person {}", m.remove);
            let mut entries = vec![
                NewEntry::new(Action::Merge, "person", Some(m.keep)).office(Some(kept_office)).detail(from.clone()),
                NewEntry::new(Action::Merge, "person", Some(m.remove))
                    .office(Some(removed_office))
                    .detail(format!("into person {}", m.keep)),
            ];
            entries.extend(moved.iter().map(|(id, office)| {
                NewEntry::new(Action::Update, "participation", Some(*id)).office(Some(*office)).detail(from.clone())
            }));
            entries.extend(session_offices.iter().map(|(id, office)| {
                NewEntry::new(Action::Update, "session", Some(*id)).office(Some(*office)).detail(from.clone())
            }));
            entries.extend(marks.iter().map(|s| NewEntry::new(Action::Update, "attendance", Some(*s)).detail(from.clone())));
            audit_append!(tx, self, &entries);
            tx.commit().await?;
            merged.participations = moved.iter().map(|(id, _)| *id).collect();
            merged.sessions = sessions;
            merged.attendance = marks;
        });
        self.note_write(System::Common);
        self.note_write(System::Training);
        Ok(merged)
    }
}

type RoleRaw = (i64, String, String, i64, i64, String, i64);

/// A role read from a row: its programme's title by column name, the rest
/// by `cells`.
fn read_role<E>(
    row: &mut dyn kizuna_domain::fields::Row,
    person_id: i64,
    cells: impl FnOnce() -> Result<RoleRaw, E>,
) -> Result<(Id, RoleHeld), StoreError>
where
    StoreError: From<E>,
{
    let title = LocalText::read("title", row).map_err(|e| StoreError::Corrupt(format!("programme title: {e}")))?;
    let (id, role, status, fy, edition_id, edition_key, programme_id) = cells()?;
    let bad = |e: kizuna_domain::Invalid| StoreError::Corrupt(format!("participation {id}: {e}"));
    Ok((
        person_id,
        RoleHeld {
            participation_id: id,
            role: role.parse().map_err(bad)?,
            status: status.parse().map_err(bad)?,
            fiscal_year: i32::try_from(fy).map_err(|e| StoreError::Corrupt(e.to_string()))?,
            edition_id,
            edition_key,
            programme_id,
            programme_title: title,
        },
    ))
}
