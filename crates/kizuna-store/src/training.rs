//! Queries of the training system beyond plain records: the statistics
//! facts, drill-downs, a person's roles, attendance, and bulk trainee writes.

use chrono::NaiveDate;
use kizuna_domain::common::FiscalYear;
use kizuna_domain::common::country::all_countries;
use kizuna_domain::common::person::{Person, PersonInput};
use kizuna_domain::training::participation::{ParticipationRole, ParticipationStatus};
use kizuna_domain::training::session::Attendance;
use kizuna_domain::training::stats::{TraineeAggregates, TraineeFact, TraineeFilter};
use sqlx::{AssertSqlSafe, Row};

use kizuna_domain::System;
use kizuna_domain::common::LocalText;
use kizuna_domain::fields::{Field, Fields};

use crate::audit::{Action, NewEntry, audit_append};
use crate::changes::{Op, log_change};
use crate::record::{ByName, Page, Record, Value, bind_all, read_row, select_list};
use crate::{Store, StoreError, with_pool};

/// Records that refer to another, counted by a query whose `$1` is the
/// other's id (e.g. an edition's sessions).
#[derive(Debug, Clone, Copy)]
pub struct Dependant {
    /// What they are, plural, for messages ("sessions").
    pub what: &'static str,
    pub count_sql: &'static str,
}

/// A trainee to write together with their participation (imports, demo).
#[derive(Debug, Clone)]
pub struct NewTrainee {
    pub person: PersonInput,
    pub edition_id: i64,
    pub status: ParticipationStatus,
    pub started_on: Option<NaiveDate>,
    pub ended_on: Option<NaiveDate>,
    pub action_plan_title: Option<String>,
}

/// The dates of a trainee's steps, written with them
/// ([`Store::insert_trainees_dated`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StepDates {
    pub nominated_on: Option<NaiveDate>,
    pub accepted_on: Option<NaiveDate>,
    pub arrived_on: Option<NaiveDate>,
    pub completed_on: Option<NaiveDate>,
    pub withdrawn_on: Option<NaiveDate>,
}

impl StepDates {
    /// What a trainee's own dates say of their steps: the first day of an
    /// arrived or completed trainee was their arrival, a completed
    /// trainee's last day their completion (as migration 13 read them).
    pub fn implied(t: &NewTrainee) -> Self {
        use ParticipationStatus::{Arrived, Completed};
        let arrived_on = t.started_on.filter(|_| matches!(t.status, Arrived | Completed));
        let completed_on = t
            .ended_on
            .filter(|end| t.status == Completed && arrived_on.is_none_or(|a| *end >= a));
        StepDates {
            arrived_on,
            completed_on,
            ..StepDates::default()
        }
    }
}

/// The edition and status of a listed trainee participation.
#[derive(Debug, Clone, PartialEq)]
pub struct ParticipationInRow {
    pub edition_id: i64,
    pub edition_key: String,
    pub fiscal_year: i64,
    pub programme_id: i64,
    pub status: ParticipationStatus,
}

/// One of a person's roles over the years.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoleHeld {
    pub participation_id: i64,
    pub role: ParticipationRole,
    pub status: ParticipationStatus,
    pub fiscal_year: i32,
    pub edition_id: i64,
    pub edition_key: String,
    pub programme_id: i64,
    pub programme_title: LocalText,
}

/// The WHERE clause that selects counted trainee participations, joined as
/// `pa` (participations), `pe` (people) and `e` (editions).
pub(crate) fn trainee_where(filter: &TraineeFilter, as_of: NaiveDate) -> (String, Vec<Value>) {
    trainee_where_in(filter, ParticipationStatus::COUNTED, Some(as_of))
}

/// Trainee participations in any of `statuses`, in editions started by
/// `as_of` when given, matching the filter's other fields.
fn trainee_where_in(
    filter: &TraineeFilter,
    statuses: &[ParticipationStatus],
    as_of: Option<NaiveDate>,
) -> (String, Vec<Value>) {
    let mut values = vec![Value::Text(Some(ParticipationRole::Trainee.to_string()))];
    let statuses: Vec<String> = statuses
        .iter()
        .map(|s| {
            values.push(Value::Text(Some(s.to_string())));
            format!("${}", values.len())
        })
        .collect();
    let mut sql = format!("pa.role = $1 AND pa.status IN ({})", statuses.join(", "));
    if let Some(as_of) = as_of {
        values.push(Value::Date(Some(as_of)));
        sql.push_str(&format!(" AND e.starts_on <= ${}", values.len()));
    }
    let mut eq = |col: &str, v: Value, sql: &mut String| {
        values.push(v);
        sql.push_str(&format!(" AND {col} = ${}", values.len()));
    };
    if let Some(fy) = filter.fiscal_year {
        eq("e.fiscal_year", Value::Int(Some(i64::from(fy.year()))), &mut sql);
    }
    if let Some(c) = filter.country {
        eq("pe.nationality", Value::Text(Some(c.to_string())), &mut sql);
    }
    if let Some(p) = filter.programme_id {
        eq("e.programme_id", Value::Int(Some(p)), &mut sql);
    }
    if let Some(g) = filter.gender {
        eq("pe.gender", Value::Text(Some(g.to_string())), &mut sql);
    }
    if let Some(o) = filter.office_id {
        eq("pa.office_id", Value::Int(Some(o)), &mut sql);
    }
    if let Some(region) = filter.region {
        let codes: Vec<String> = all_countries()
            .iter()
            .filter(|c| c.region == region)
            .map(|c| {
                values.push(Value::Text(Some(c.code.to_string())));
                format!("${}", values.len())
            })
            .collect();
        sql.push_str(&format!(" AND pe.nationality IN ({})", codes.join(", ")));
    }
    (sql, values)
}

pub(crate) const TRAINEE_FROM: &str =
    "FROM participations pa JOIN people pe ON pe.id = pa.person_id JOIN editions e ON e.id = pa.edition_id";

impl Store {
    /// The counted trainee participations a report is computed from.
    ///
    /// The facts come back packed into one text value (`string_agg`, which
    /// both databases have), because handing 100,000 rows one at a time from
    /// SQLite's worker thread costs far more than the query itself.
    pub async fn trainee_facts(
        &self,
        filter: &TraineeFilter,
        as_of: NaiveDate,
    ) -> Result<Vec<TraineeFact>, StoreError> {
        let (cond, values) = trainee_where(filter, as_of);
        let sql = format!(
            "SELECT string_agg(CAST(pa.person_id AS TEXT) || ',' || pe.nationality || ',' || pe.gender || ',' \
             || CAST(e.fiscal_year AS TEXT) || ',' || CAST(e.programme_id AS TEXT), ';') {TRAINEE_FROM} WHERE {cond}"
        );
        let packed: Option<String> = with_pool!(self, p => bind_all!(sqlx::query_scalar(AssertSqlSafe(sql.as_str())), values).fetch_one(p).await?);
        let Some(packed) = packed else { return Ok(Vec::new()) };
        let corrupt = |what: &str| StoreError::Corrupt(format!("trainee fact \"{what}\" cannot be read"));
        let mut facts = Vec::with_capacity(packed.len() / 20);
        for fact in packed.split(';') {
            let mut f = fact.split(',');
            let (Some(id), Some(country), Some(gender), Some(fy), Some(programme), None) =
                (f.next(), f.next(), f.next(), f.next(), f.next(), f.next())
            else {
                return Err(corrupt(fact));
            };
            facts.push(TraineeFact {
                person_id: id.parse().map_err(|_| corrupt(fact))?,
                country: country.parse().map_err(|_| corrupt(fact))?,
                gender: gender.parse().map_err(|_| corrupt(fact))?,
                fiscal_year: fy
                    .parse::<i32>()
                    .ok()
                    .and_then(|y| FiscalYear::new(y).ok())
                    .ok_or_else(|| corrupt(fact))?,
                programme_id: programme.parse().map_err(|_| corrupt(fact))?,
            });
        }
        Ok(facts)
    }

    /// The counted trainees grouped three ways. The whole report (no
    /// filter but the date), and one narrowed to a country, region or
    /// gender, or to a fiscal year (with a country or region, not a
    /// gender), are summed from the counts the database keeps
    /// ([`crate::stats`]); any other (a course, an office, a fiscal year
    /// and a gender) is counted here from the facts, which is faster than either database's
    /// `GROUP BY … COUNT(DISTINCT …)` (measured: SQLite about 2x,
    /// PostgreSQL about 2.5x, at 100,000 trainees).
    pub async fn trainee_aggregates(
        &self,
        filter: &TraineeFilter,
        as_of: NaiveDate,
    ) -> Result<TraineeAggregates, StoreError> {
        let whole = *filter
            == TraineeFilter {
                as_of: filter.as_of,
                ..TraineeFilter::default()
            };
        let on_participation = filter.programme_id.is_some() || filter.office_id.is_some();
        if !on_participation && self.trainee_stats_live().await? {
            if whole {
                return self.trainee_summary(as_of).await;
            }
            if let Some(a) = self.trainee_summary_narrowed(filter, as_of).await? {
                return Ok(a);
            }
        }
        self.trainee_aggregates_from_facts(filter, as_of).await
    }

    /// The groups counted from the facts, whatever the filter (the way every
    /// report was counted before the kept counts).
    pub async fn trainee_aggregates_from_facts(
        &self,
        filter: &TraineeFilter,
        as_of: NaiveDate,
    ) -> Result<TraineeAggregates, StoreError> {
        Ok(TraineeAggregates::from_facts(&self.trainee_facts(filter, as_of).await?))
    }

    /// The people behind a figure: a page of the distinct counted trainees
    /// matching the filter, by name. (Their number is the report's figure.)
    pub async fn trainee_people(
        &self,
        filter: &TraineeFilter,
        as_of: NaiveDate,
        page: Page,
    ) -> Result<Vec<Person>, StoreError> {
        let (cond, mut values) = trainee_where(filter, as_of);
        let n = values.len();
        values.push(Value::Int(Some(i64::from(page.limit))));
        values.push(Value::Int(Some(i64::from(page.offset))));
        let sql = format!(
            "SELECT {} FROM people pe WHERE EXISTS (SELECT 1 FROM participations pa \
             JOIN editions e ON e.id = pa.edition_id WHERE pa.person_id = pe.id AND {cond}) \
             ORDER BY pe.family_name, pe.given_name, pe.id LIMIT ${} OFFSET ${}",
            select_list::<Person>("pe"),
            n + 1,
            n + 2
        );
        self.read_records::<Person>(&sql, values).await
    }

    /// Trainee participations in one status matching the filter (its
    /// `as_of` is ignored), newest edition first, with their people and
    /// editions, and the total for paging. One query for the page, one for
    /// the count.
    pub async fn trainee_participations(
        &self,
        filter: &TraineeFilter,
        status: ParticipationStatus,
        page: Page,
    ) -> Result<(Vec<(Person, ParticipationInRow)>, i64), StoreError> {
        let (cond, mut values) = trainee_where_in(filter, &[status], None);
        let count_sql = format!("SELECT COUNT(*) {TRAINEE_FROM} WHERE {cond}");
        let total: i64 = with_pool!(self, p => bind_all!(sqlx::query_scalar(AssertSqlSafe(count_sql.as_str())), values.clone()).fetch_one(p).await?);
        let n = values.len();
        values.push(Value::Int(Some(i64::from(page.limit))));
        values.push(Value::Int(Some(i64::from(page.offset))));
        let sql = format!(
            "SELECT {}, e.id AS e_id, e.key AS e_key, e.fiscal_year AS e_fiscal_year, e.programme_id AS e_programme_id \
             {TRAINEE_FROM} WHERE {cond} \
             ORDER BY e.fiscal_year DESC, e.starts_on DESC, e.key, pa.id LIMIT ${} OFFSET ${}",
            select_list::<Person>("pe"),
            n + 1,
            n + 2
        );
        let rows = with_pool!(self, p => {
            let rows = bind_all!(sqlx::query(AssertSqlSafe(sql.as_str())), values).fetch_all(p).await?;
            let mut out = Vec::with_capacity(rows.len());
            for row in &rows {
                let person = read_row::<Person>(&mut *row.by_name())?;
                let edition = ParticipationInRow {
                    edition_id: row.try_get("e_id")?,
                    edition_key: row.try_get("e_key")?,
                    fiscal_year: row.try_get("e_fiscal_year")?,
                    programme_id: row.try_get("e_programme_id")?,
                    status,
                };
                out.push((person, edition));
            }
            out
        });
        Ok((rows, total))
    }

    /// Every role a person has held, oldest first.
    pub async fn roles_of(&self, person_id: i64) -> Result<Vec<RoleHeld>, StoreError> {
        let sql = "SELECT pa.id, pa.role, pa.status, e.fiscal_year, e.id AS edition_id, e.key, pr.id AS programme_id, \
                   pr.title_en, pr.title_ja, pr.title_th, pr.title_ms \
                   FROM participations pa JOIN editions e ON e.id = pa.edition_id \
                   JOIN programmes pr ON pr.id = e.programme_id \
                   WHERE pa.person_id = $1 ORDER BY e.starts_on, pa.id";
        let rows = with_pool!(self, p => {
            let rows = sqlx::query(sql).bind(person_id).fetch_all(p).await?;
            let mut out = Vec::with_capacity(rows.len());
            for row in &rows {
                let title = LocalText::read("title", &mut *row.by_name())
                    .map_err(|e| StoreError::Corrupt(format!("programme title: {e}")))?;
                let r: (i64, String, String, i64, i64, String, i64) = (
                    row.try_get("id")?,
                    row.try_get("role")?,
                    row.try_get("status")?,
                    row.try_get("fiscal_year")?,
                    row.try_get("edition_id")?,
                    row.try_get("key")?,
                    row.try_get("programme_id")?,
                );
                out.push((r, title));
            }
            out
        });
        rows.into_iter()
            .map(
                |((id, role, status, fy, edition_id, edition_key, programme_id), title)| {
                    let bad = |e: kizuna_domain::Invalid| StoreError::Corrupt(format!("participation {id}: {e}"));
                    Ok(RoleHeld {
                        participation_id: id,
                        role: role.parse().map_err(bad)?,
                        status: status.parse().map_err(bad)?,
                        fiscal_year: i32::try_from(fy).map_err(|e| StoreError::Corrupt(e.to_string()))?,
                        edition_id,
                        edition_key,
                        programme_id,
                        programme_title: title,
                    })
                },
            )
            .collect()
    }

    /// Attendance recorded for a session.
    pub async fn attendance(&self, session_id: i64) -> Result<Vec<Attendance>, StoreError> {
        let sql = "SELECT person_id, status, note FROM attendance WHERE session_id = $1 ORDER BY person_id";
        let rows: Vec<(i64, String, Option<String>)> =
            with_pool!(self, p => sqlx::query_as(sql).bind(session_id).fetch_all(p).await?);
        rows.into_iter()
            .map(|(person_id, status, note)| {
                let corrupt = |e: kizuna_domain::Invalid| {
                    StoreError::Corrupt(format!("attendance of person {person_id} at session {session_id}: {e}"))
                };
                Ok(Attendance {
                    person_id,
                    status: status.parse().map_err(corrupt)?,
                    note: kizuna_domain::common::Text::parse_optional(note.as_deref()).map_err(corrupt)?,
                })
            })
            .collect()
    }

    /// Record how people attended a session (replacing earlier marks for them).
    pub async fn mark_attendance(&self, session_id: i64, marks: &[Attendance]) -> Result<(), StoreError> {
        let sql = "INSERT INTO attendance (session_id, person_id, status, note) VALUES ($1, $2, $3, $4) \
                   ON CONFLICT (session_id, person_id) DO UPDATE SET status = excluded.status, note = excluded.note";
        with_pool!(self, p => {
            let mut tx = p.begin().await?;
            for m in marks {
                sqlx::query(sql)
                    .bind(session_id)
                    .bind(m.person_id)
                    .bind(m.status.as_str())
                    .bind(m.note.as_ref().map(ToString::to_string))
                    .execute(&mut *tx)
                    .await
                    .map_err(|e| StoreError::from_write(e, "attendance", "person_id"))?;
            }
            log_change!(tx, System::Training, &[("attendance", session_id, None, Op::Upsert)]);
            crate::audit::audit_append!(
                tx,
                self,
                &[crate::NewEntry::new(crate::Action::Update, "attendance", Some(session_id))
                    .detail(format!("{} marks", marks.len()))]
            );
            tx.commit().await?;
        });
        self.note_write(System::Training);
        Ok(())
    }

    /// People (ids) taking part in an edition in any role.
    pub async fn edition_people(&self, edition_id: i64) -> Result<Vec<i64>, StoreError> {
        let sql = "SELECT DISTINCT person_id FROM participations WHERE edition_id = $1 ORDER BY person_id";
        Ok(with_pool!(self, p => sqlx::query_scalar(sql).bind(edition_id).fetch_all(p).await?))
    }

    /// Ids of people whose identity keys are already taken, among those given.
    pub async fn existing_identities(&self, keys: &[String]) -> Result<Vec<String>, StoreError> {
        let mut found = Vec::new();
        for chunk in keys.chunks(500) {
            let ph: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT identity_key FROM people WHERE identity_key IN ({})",
                ph.join(", ")
            );
            let vals: Vec<Value> = chunk.iter().map(|k| Value::Text(Some(k.clone()))).collect();
            let mut got: Vec<String> = with_pool!(self, p => bind_all!(sqlx::query_scalar(AssertSqlSafe(sql.as_str())), vals).fetch_all(p).await?);
            found.append(&mut got);
        }
        Ok(found)
    }

    /// Write trainees and their participations in one transaction: all of
    /// them, or none when any write fails. Returns the new people's ids.
    /// The steps' dates are those the rows imply ([`StepDates::implied`]).
    pub async fn insert_trainees(&self, office_id: i64, rows: &[NewTrainee]) -> Result<Vec<i64>, StoreError> {
        let steps: Vec<StepDates> = rows.iter().map(StepDates::implied).collect();
        self.insert_trainees_dated(office_id, rows, &steps).await
    }

    /// [`Store::insert_trainees`] with each row's step dates given
    /// (`steps[i]` for `rows[i]`; missing ones are empty).
    pub async fn insert_trainees_dated(
        &self,
        office_id: i64,
        rows: &[NewTrainee],
        steps: &[StepDates],
    ) -> Result<Vec<i64>, StoreError> {
        let mut cols: Vec<&str> = PersonInput::columns().iter().map(|c| c.name.as_str()).collect();
        cols.push("identity_key");
        cols.push("office_id");
        let person_sql = format!(
            "INSERT INTO people ({}) VALUES ({}) RETURNING id",
            cols.join(", "),
            (1..=cols.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
        );
        let part_sql = "INSERT INTO participations (edition_id, person_id, role, status, started_on, ended_on, action_plan_title, office_id, \
                        nominated_on, accepted_on, arrived_on, completed_on, withdrawn_on) \
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id";
        let backend = self.backend();
        let ids = with_pool!(self, p => {
            let mut tx = p.begin().await?;
            // The counts of the new people are made set-based at the end
            // ([`crate::stats::count_new_people_sql`]), the row triggers
            // paused for this transaction only (PostgreSQL: skipped without
            // a call, migration 31; SQLite: the flag their `WHEN` reads,
            // unseen by others until the commit sets it back); when the
            // store is paused (a bulk load before a rebuild) nothing is
            // counted here.
            let postgres = backend == crate::Backend::Postgres;
            if postgres {
                sqlx::query(crate::stats::PAUSE_HERE).execute(&mut *tx).await?;
            }
            let paused: Option<i64> = sqlx::query_scalar("SELECT CAST(paused AS BIGINT) FROM trainee_stats_state WHERE id = 1")
                .fetch_optional(&mut *tx)
                .await?;
            let count_here = paused == Some(0);
            if count_here {
                if postgres {
                    sqlx::query("SELECT pg_advisory_xact_lock($1)")
                        .bind(crate::stats::STATS_LOCK)
                        .execute(&mut *tx)
                        .await?;
                } else {
                    sqlx::query("UPDATE trainee_stats_state SET paused = 1 WHERE id = 1").execute(&mut *tx).await?;
                }
            }
            let mut ids = Vec::with_capacity(rows.len());
            let mut people = Vec::with_capacity(rows.len());
            let mut parts = Vec::with_capacity(rows.len());
            for (i, r) in rows.iter().enumerate() {
                let step = steps.get(i).copied().unwrap_or_default();
                let mut values = r.person.write();
                values.push(Value::Text(Some(r.person.identity_key())));
                values.push(Value::Int(Some(office_id)));
                let id: i64 = bind_all!(sqlx::query_scalar(AssertSqlSafe(person_sql.as_str())), values)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(|e| StoreError::from_write(e, "person", "identity"))?;
                let part: i64 = sqlx::query_scalar(part_sql)
                    .bind(r.edition_id)
                    .bind(id)
                    .bind(ParticipationRole::Trainee.as_str())
                    .bind(r.status.as_str())
                    .bind(r.started_on)
                    .bind(r.ended_on)
                    .bind(r.action_plan_title.as_deref())
                    .bind(office_id)
                    .bind(step.nominated_on)
                    .bind(step.accepted_on)
                    .bind(step.arrived_on)
                    .bind(step.completed_on)
                    .bind(step.withdrawn_on)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(|e| StoreError::from_write(e, "participation", "person_id"))?;
                ids.push(id);
                people.push(("person", id, Some(office_id), Op::Upsert));
                parts.push(("participation", part, Some(office_id), Op::Upsert));
            }
            if count_here {
                for chunk in ids.chunks(5_000) {
                    for sql in crate::stats::count_new_people_sql(backend, chunk) {
                        sqlx::query(AssertSqlSafe(sql)).execute(&mut *tx).await?;
                    }
                }
                if !postgres {
                    sqlx::query("UPDATE trainee_stats_state SET paused = 0 WHERE id = 1").execute(&mut *tx).await?;
                }
            }
            log_change!(tx, System::Common, &people);
            log_change!(tx, System::Training, &parts);
            let audited: Vec<crate::NewEntry> = people
                .iter()
                .chain(&parts)
                .map(|(entity, id, office, _)| {
                    crate::NewEntry::new(crate::Action::Create, entity, Some(*id))
                        .office(*office)
                        .detail("import")
                })
                .collect();
            crate::audit::audit_append!(tx, self, &audited);
            tx.commit().await?;
            ids
        });
        self.note_write(System::Common);
        self.note_write(System::Training);
        self.analyze_after_import(rows.len()).await?;
        Ok(ids)
    }

    /// Let the query planner see the sizes an import changed, only when
    /// they changed materially (a fresh PostgreSQL table otherwise gets
    /// nested loops over 100,000 rows), never by reading the whole table
    /// after every import (SQLite's `ANALYZE` reads every row, so imports
    /// in a row got quadratically slower):
    ///
    /// - SQLite: `PRAGMA optimize`, which analyses a table only when its
    ///   size has changed by a large factor since it was last analysed (or
    ///   it never was), and then with a bounded sample (`analysis_limit`);
    ///   0x10002 asks it of every table, not only those this connection
    ///   queried.
    /// - PostgreSQL: autovacuum analyses a table once about a tenth of it
    ///   has changed, but only after the commit and within a minute; an
    ///   import that at least doubles a table (by the row count of its last
    ///   analysis, `pg_class.reltuples`, -1 or 0 when never analysed) is
    ///   analysed here at once. `ANALYZE` samples a bounded number of rows
    ///   there, so its cost does not grow with the table.
    async fn analyze_after_import(&self, written: usize) -> Result<(), StoreError> {
        if written < 500 {
            return Ok(());
        }
        match &self.pool {
            crate::Pool::Sqlite(p) => {
                sqlx::query("PRAGMA optimize = 0x10002").execute(p).await?;
            }
            crate::Pool::Postgres(p) => {
                for table in ["people", "participations"] {
                    let sql = format!(
                        "SELECT CAST(reltuples AS DOUBLE PRECISION) FROM pg_class WHERE oid = '{table}'::regclass"
                    );
                    let known: f64 = sqlx::query_scalar(AssertSqlSafe(sql)).fetch_one(p).await?;
                    #[allow(clippy::cast_precision_loss)] // a row count, compared roughly
                    if written as f64 >= known {
                        sqlx::query(AssertSqlSafe(format!("ANALYZE {table}")))
                            .execute(p)
                            .await?;
                    }
                }
            }
        }
        Ok(())
    }

    /// Every trainee participation with its person, for exports.
    pub async fn trainee_rows(
        &self,
    ) -> Result<
        Vec<(
            Person,
            String,
            String,
            Option<NaiveDate>,
            Option<NaiveDate>,
            Option<String>,
        )>,
        StoreError,
    > {
        let sql = format!(
            "SELECT {}, e.key AS e_key, pa.status AS pa_status, pa.started_on AS pa_started_on, \
             pa.ended_on AS pa_ended_on, pa.action_plan_title AS pa_plan \
             FROM participations pa JOIN people pe ON pe.id = pa.person_id JOIN editions e ON e.id = pa.edition_id \
             WHERE pa.role = $1 ORDER BY e.starts_on, e.key, pe.family_name, pe.given_name, pe.id",
            select_list::<Person>("pe")
        );
        Ok(with_pool!(self, p => {
            let rows = sqlx::query(AssertSqlSafe(sql.as_str())).bind(ParticipationRole::Trainee.as_str()).fetch_all(p).await?;
            let mut out = Vec::with_capacity(rows.len());
            for row in &rows {
                let person = read_row::<Person>(&mut *row.by_name())?;
                out.push((
                    person,
                    row.try_get("e_key")?,
                    row.try_get("pa_status")?,
                    row.try_get("pa_started_on")?,
                    row.try_get("pa_ended_on")?,
                    row.try_get("pa_plan")?,
                ));
            }
            out
        }))
    }
}

impl Store {
    /// How many records of each kind refer to record `id`, in the order given.
    pub async fn count_dependants(
        &self,
        id: i64,
        dependants: &[Dependant],
    ) -> Result<Vec<(&'static str, i64)>, StoreError> {
        let mut out = Vec::with_capacity(dependants.len());
        for d in dependants {
            let n: i64 = with_pool!(self, p => sqlx::query_scalar(d.count_sql).bind(id).fetch_one(p).await?);
            out.push((d.what, n));
        }
        Ok(out)
    }

    /// Delete record `id` in one transaction, or nothing: refused with
    /// [`StoreError::Conflict`] when it is no longer at `version` (when
    /// given), and with `in_use` naming the counts when any of `blockers`
    /// still refers to it; otherwise the rows the `with` statements (`$1`
    /// the id) remove go with it. On SQLite the first write locks out other
    /// writers until the end; on PostgreSQL a reference written meanwhile
    /// under `ON DELETE RESTRICT` makes the delete fail whole.
    pub async fn delete_unless_used<R: Record>(
        &self,
        id: i64,
        version: Option<i64>,
        blockers: &[Dependant],
        with: &[&'static str],
    ) -> Result<(), StoreError> {
        // The row first, so that on SQLite the transaction writes (and
        // locks out other writers) before it counts.
        let touch = format!(
            "UPDATE {} SET version = version WHERE id = $1 RETURNING version",
            R::TABLE
        );
        let office = if R::OWNED { "office_id" } else { "CAST(NULL AS BIGINT)" };
        let delete = format!("DELETE FROM {} WHERE id = $1 RETURNING {office}", R::TABLE);
        let in_use = |e: sqlx::Error| match StoreError::from_write(e, R::ENTITY, R::UNIQUE) {
            StoreError::Rejected(_) => StoreError::rejected(
                "id",
                "in_use",
                format!("{} {id} cannot be deleted while other records refer to it", R::ENTITY),
            ),
            other => other,
        };
        with_pool!(self, p => {
            let mut tx = p.begin().await?;
            let now: Option<i64> = sqlx::query_scalar(AssertSqlSafe(touch.as_str())).bind(id).fetch_optional(&mut *tx).await?;
            let Some(now) = now else {
                return Err(StoreError::NotFound { entity: R::ENTITY, id });
            };
            if let Some(v) = version && v != now {
                return Err(StoreError::Conflict { entity: R::ENTITY, id, version: v, current: now });
            }
            let mut used = Vec::new();
            for d in blockers {
                let n: i64 = sqlx::query_scalar(d.count_sql).bind(id).fetch_one(&mut *tx).await?;
                if n > 0 {
                    used.push(format!("{n} {}", d.what));
                }
            }
            if !used.is_empty() {
                return Err(StoreError::rejected(
                    "id",
                    "in_use",
                    format!("{} {id} cannot be deleted while {} refer to it; remove them first", R::ENTITY, used.join(" and ")),
                ));
            }
            for sql in with {
                sqlx::query(*sql).bind(id).execute(&mut *tx).await.map_err(in_use)?;
            }
            let office: Option<Option<i64>> = sqlx::query_scalar(AssertSqlSafe(delete.as_str()))
                .bind(id)
                .fetch_optional(&mut *tx)
                .await
                .map_err(in_use)?;
            let office_id = office.flatten();
            log_change!(tx, R::SYSTEM, &[(R::ENTITY, id, office_id, Op::Delete)]);
            audit_append!(tx, self, &[NewEntry::new(Action::Delete, R::ENTITY, Some(id)).office(office_id)]);
            tx.commit().await?;
        });
        self.note_write(R::SYSTEM);
        Ok(())
    }
}
