//! The database's own consistency check, for `kizuna check` and the
//! durability test: after a crash, is every page and every reference sound?

use crate::{Pool, Store, StoreError};

impl Store {
    /// The problems the database finds in itself; empty when all is well.
    ///
    /// SQLite: `PRAGMA integrity_check` (every page, index and constraint)
    /// and `PRAGMA foreign_key_check` (every reference has its row).
    /// PostgreSQL (which checks its pages as it reads them): every table
    /// of the schema read whole, and every foreign key still valid
    /// (`convalidated`).
    pub async fn integrity_check(&self) -> Result<Vec<String>, StoreError> {
        let mut problems = Vec::new();
        match &self.pool {
            Pool::Sqlite(p) => {
                let rows: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check").fetch_all(p).await?;
                problems.extend(rows.into_iter().filter(|r| r != "ok"));
                let broken: Vec<(String, Option<i64>, String)> =
                    sqlx::query_as("SELECT \"table\", rowid, parent FROM pragma_foreign_key_check")
                        .fetch_all(p)
                        .await?;
                problems.extend(
                    broken
                        .into_iter()
                        .map(|(t, row, parent)| format!("{t} row {row:?} refers to a missing {parent} row")),
                );
            }
            Pool::Postgres(p) => {
                let tables: Vec<String> = sqlx::query_scalar(
                    "SELECT table_name::text FROM information_schema.tables \
                     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1",
                )
                .fetch_all(p)
                .await?;
                for t in tables {
                    let sql = format!("SELECT count(*) FROM \"{}\"", t.replace('"', "\"\""));
                    if let Err(e) = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql))
                        .fetch_one(p)
                        .await
                    {
                        problems.push(format!("{t}: {e}"));
                    }
                }
                let invalid: Vec<String> = sqlx::query_scalar(
                    "SELECT conname::text FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace \
                     WHERE n.nspname = current_schema() AND NOT c.convalidated",
                )
                .fetch_all(p)
                .await?;
                problems.extend(invalid.into_iter().map(|c| format!("constraint {c} is not valid")));
            }
        }
        Ok(problems)
    }
}
