//! The tables as the records declare them, set against the tables the
//! migrations made: [`Store::open`] refuses a database where a declared
//! column is missing, of another type, or nullable where the record needs
//! a value, naming each — so two migration folders, or a migration and a
//! declaration, cannot drift apart unnoticed.

use kizuna_domain::fields::{Column, Fields, Kind};

use crate::record::{Record, meta_columns};
use crate::{Backend, Store, StoreError, with_pool};

/// A record table and the columns its declaration reads and writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableSpec {
    pub table: &'static str,
    pub entity: &'static str,
    pub columns: Vec<Column>,
}

impl TableSpec {
    pub fn of<R: Record>() -> Self {
        let mut columns: Vec<Column> = meta_columns::<R>()
            .iter()
            .map(|c| Column {
                name: (*c).to_owned(),
                kind: Kind::Int,
                nullable: false,
            })
            .collect();
        columns.extend(R::Stored::columns().iter().cloned());
        columns.extend(R::COMPUTED.iter().map(|(name, kind)| Column {
            name: (*name).to_owned(),
            kind: *kind,
            nullable: false,
        }));
        TableSpec {
            table: R::TABLE,
            entity: R::ENTITY,
            columns,
        }
    }
}

/// A column as the database has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbColumn {
    pub name: String,
    /// The database's own name for its type, lower case (`integer`,
    /// `text`, `bigint`, `timestamp with time zone` …).
    pub ty: String,
    pub nullable: bool,
}

/// The kinds a database type can hold, per backend. SQLite keeps dates and
/// times as text and booleans as integers.
pub fn kinds_of(backend: Backend, ty: &str) -> &'static [Kind] {
    match (backend, ty) {
        (Backend::Sqlite, "integer" | "bigint") => &[Kind::Int, Kind::Bool],
        (Backend::Sqlite, "text") => &[Kind::Text, Kind::Date, Kind::Time],
        (Backend::Postgres, "bigint" | "integer") => &[Kind::Int],
        (Backend::Postgres, "boolean") => &[Kind::Bool],
        (Backend::Postgres, "text") => &[Kind::Text],
        (Backend::Postgres, "date") => &[Kind::Date],
        (Backend::Postgres, "timestamp with time zone") => &[Kind::Time],
        _ => &[],
    }
}

impl Store {
    /// The tables of this database (not the migrations' own), by name. On
    /// SQLite, plain tables only: not its FTS5 text index (migration 32) nor
    /// the shadow tables FTS5 keeps it in, which are SQLite's own and
    /// derived from the places.
    pub async fn table_names(&self) -> Result<Vec<String>, StoreError> {
        let sql = match self.backend() {
            Backend::Sqlite => {
                "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' \
                 AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations' ORDER BY name"
            }
            Backend::Postgres => {
                "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema() \
                 AND table_type = 'BASE TABLE' AND table_name <> '_sqlx_migrations' ORDER BY table_name"
            }
        };
        Ok(with_pool!(self, p => sqlx::query_scalar(sql).fetch_all(p).await?))
    }

    /// A table's columns as the database has them, in order.
    pub async fn table_columns(&self, table: &str) -> Result<Vec<DbColumn>, StoreError> {
        let rows: Vec<(String, String, bool)> = match self.backend() {
            Backend::Sqlite => {
                let sql =
                    "SELECT name, lower(type), \"notnull\" = 0 AND pk = 0 FROM pragma_table_info($1) ORDER BY cid";
                with_pool!(self, p => sqlx::query_as(sql).bind(table).fetch_all(p).await?)
            }
            Backend::Postgres => {
                let sql = "SELECT column_name::text, data_type::text, is_nullable = 'YES' FROM information_schema.columns \
                           WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position";
                with_pool!(self, p => sqlx::query_as(sql).bind(table).fetch_all(p).await?)
            }
        };
        Ok(rows
            .into_iter()
            .map(|(name, ty, nullable)| DbColumn { name, ty, nullable })
            .collect())
    }

    /// Every record table against its declaration; every problem named.
    pub async fn check_schema(&self) -> Result<(), StoreError> {
        let mut problems = Vec::new();
        for spec in crate::records::tables() {
            let have = self.table_columns(spec.table).await?;
            if have.is_empty() {
                problems.push(format!("there is no table {} for {} records", spec.table, spec.entity));
                continue;
            }
            for c in &spec.columns {
                match have.iter().find(|h| h.name == c.name) {
                    None => problems.push(format!("{}.{} ({}) is missing", spec.table, c.name, c.kind.as_str())),
                    Some(h) if !kinds_of(self.backend(), &h.ty).contains(&c.kind) => problems.push(format!(
                        "{}.{} is {}, not {}",
                        spec.table,
                        c.name,
                        h.ty,
                        c.kind.as_str()
                    )),
                    Some(h) if h.nullable && !c.nullable => problems.push(format!(
                        "{}.{} may be null, but every {} has one",
                        spec.table, c.name, spec.entity
                    )),
                    Some(_) => {}
                }
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(StoreError::Schema(problems.join("; ")))
        }
    }
}
