//! The change feed: every write bumps the version of its record's system
//! (`system_versions`) and logs what it changed (`changes`: system,
//! version, entity, record id, office, upsert or delete) in the same
//! transaction. Whatever is computed from one system — the trainee
//! statistics, the map's index, later the search index — is kept while
//! that system's version stays the same, and brought up to date from the
//! changes logged since, so a place edit never clears the statistics.
//!
//! A system's version row is the only row its writers share, so writes to
//! one system are ordered by it (and a reader that has seen version `v`
//! has seen every change up to `v`); writes to different systems never
//! wait for each other.

use chrono::{DateTime, Utc};
use kizuna_domain::System;
use kizuna_domain::common::Id;

use crate::{Store, StoreError, with_pool};

/// What a write did to a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// Created or changed.
    Upsert,
    Delete,
}

impl Op {
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Upsert => "upsert",
            Op::Delete => "delete",
        }
    }
}

/// One logged change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub version: i64,
    pub entity: String,
    pub record_id: Id,
    pub office_id: Option<Id>,
    pub op: Op,
    pub changed_at: DateTime<Utc>,
}

/// Whether a transaction is SQLite's. Statements of many rows are written
/// with anonymous `?` parameters there: SQLite looks a numbered parameter
/// (`$7`) up by walking the list of all of them, for every one bound, so a
/// statement of n of them cost n² steps to bind (41% of a place import's
/// time at 1,150 parameters a statement).
pub(crate) fn is_sqlite<DB: sqlx::Database>(_: &sqlx::Transaction<'_, DB>) -> bool {
    DB::NAME == "SQLite"
}

/// `rows` rows of `width` parameters each, as SQL (`(?, ?), (?, ?)` on
/// SQLite; on PostgreSQL `($1, $2), ($3, $4)`, numbered from `first`).
pub(crate) fn value_rows(sqlite: bool, rows: usize, width: usize, first: usize) -> String {
    let mut sql = String::with_capacity(rows * width * 6);
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for c in 0..width {
            if c > 0 {
                sql.push_str(", ");
            }
            if sqlite {
                sql.push('?');
            } else {
                use std::fmt::Write as _;
                let _ = write!(sql, "${}", first + r * width + c);
            }
        }
        sql.push(')');
    }
    sql
}

/// Rows of the change feed written per statement.
pub(crate) const CHANGE_ROWS_PER_STATEMENT: usize = 500;

/// Bump `$system`'s version and log `$items` (`(entity, id, office, Op)`)
/// inside the transaction `$tx`; evaluates to the new version. Places
/// logged as written have their sort keys made again from their names as
/// the transaction sees them, unless the caller says `keep_place_keys:
/// false` because it wrote them itself (an import makes them before its
/// transaction: `Store::upsert_place_stream`).
macro_rules! log_change {
    ($tx:ident, $system:expr, $items:expr) => {
        $crate::changes::log_change!($tx, $system, $items, keep_place_keys: true)
    };
    ($tx:ident, $system:expr, $items:expr, keep_place_keys: $keep:expr) => {{
        let keep_place_keys: bool = $keep;
        let system: kizuna_domain::System = $system;
        let version: i64 =
            sqlx::query_scalar("UPDATE system_versions SET version = version + 1 WHERE system = $1 RETURNING version")
                .bind(system.as_str())
                .fetch_one(&mut *$tx)
                .await?;
        let now = chrono::Utc::now();
        let items: &[(&str, i64, Option<i64>, $crate::changes::Op)] = $items;
        let sqlite = $crate::changes::is_sqlite(&$tx);
        for chunk in items.chunks($crate::changes::CHANGE_ROWS_PER_STATEMENT) {
            let sql = format!(
                "INSERT INTO changes (system, version, entity, record_id, office_id, op, changed_at) VALUES {}",
                $crate::changes::value_rows(sqlite, chunk.len(), 7, 1)
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for (entity, id, office, op) in chunk {
                q = q
                    .bind(system.as_str())
                    .bind(version)
                    .bind(*entity)
                    .bind(*id)
                    .bind(*office)
                    .bind(op.as_str())
                    .bind(now);
            }
            q.execute(&mut *$tx).await?;
        }
        // Places written keep their names' sort keys in step (place_sort.rs).
        if keep_place_keys && system == kizuna_domain::System::Map {
            let written: Vec<i64> = items
                .iter()
                .filter(|(entity, _, _, op)| *entity == "place" && *op == $crate::changes::Op::Upsert)
                .map(|(_, id, _, _)| *id)
                .collect();
            if !written.is_empty() {
                $crate::place_sort::keep_place_keys!($tx, &written);
            }
        }
        version
    }};
}
pub(crate) use log_change;

impl Store {
    /// A system's version: it changes whenever a record of the system is
    /// written, on whichever server wrote it.
    pub async fn system_version(&self, system: System) -> Result<i64, StoreError> {
        let sql = "SELECT version FROM system_versions WHERE system = $1";
        Ok(with_pool!(self, p => sqlx::query_scalar(sql).bind(system.as_str()).fetch_one(p).await?))
    }

    /// Several systems' versions at once, in the order asked.
    pub async fn system_versions(&self, systems: &[System]) -> Result<Vec<i64>, StoreError> {
        let rows: Vec<(String, i64)> =
            with_pool!(self, p => sqlx::query_as("SELECT system, version FROM system_versions").fetch_all(p).await?);
        systems
            .iter()
            .map(|s| {
                rows.iter()
                    .find(|(name, _)| name == s.as_str())
                    .map(|(_, v)| *v)
                    .ok_or_else(|| StoreError::Corrupt(format!("no version for the system {s}")))
            })
            .collect()
    }

    /// The changes logged for a system after version `since`, oldest
    /// first; `None` when there are more than `limit` (reading everything
    /// again is then quicker).
    pub async fn changes_since(
        &self,
        system: System,
        since: i64,
        limit: usize,
    ) -> Result<Option<Vec<Change>>, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX - 1);
        let sql = "SELECT version, entity, record_id, office_id, op, changed_at FROM changes \
                   WHERE system = $1 AND version > $2 ORDER BY version, record_id LIMIT $3";
        type Raw = (i64, String, i64, Option<i64>, String, DateTime<Utc>);
        let rows: Vec<Raw> = with_pool!(self, p => sqlx::query_as(sql)
            .bind(system.as_str())
            .bind(since)
            .bind(limit + 1)
            .fetch_all(p)
            .await?);
        if rows.len() as i64 > limit {
            return Ok(None);
        }
        rows.into_iter()
            .map(|(version, entity, record_id, office_id, op, changed_at)| {
                let op = match op.as_str() {
                    "upsert" => Op::Upsert,
                    "delete" => Op::Delete,
                    other => {
                        return Err(StoreError::Corrupt(format!(
                            "change of {entity} {record_id}: op \"{other}\""
                        )));
                    }
                };
                Ok(Change {
                    version,
                    entity,
                    record_id,
                    office_id,
                    op,
                    changed_at,
                })
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }

    /// Mark a system as changed without changing it, so every server
    /// recomputes what it caches from it (benchmarks measure cold renders so).
    pub async fn touch_system(&self, system: System) -> Result<(), StoreError> {
        with_pool!(self, p => {
            let mut tx = p.begin().await?;
            log_change!(tx, system, &[]);
            tx.commit().await?;
        });
        self.note_write(system);
        Ok(())
    }
}
