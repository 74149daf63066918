//! A whole store as one file, and back: `kizuna export all` and `kizuna
//! import all` move a store between SQLite and PostgreSQL without losing
//! anything.
//!
//! The file is JSON lines, written and read as a stream (one table's rows
//! at a time, never the whole store in memory):
//!
//! 1. a header: `{"format":"kizuna-store-dump","format_version":1,
//!    "schema_version":24,"source":"sqlite"}` — the schema version is the
//!    last migration the source had run;
//! 2. per table, in foreign-key order (a table after those it refers to):
//!    `{"table":"people","columns":[["birth_date","date"],…],"key":["id"]}`,
//!    then one JSON array per row in the columns' order (sorted by name),
//!    rows ordered by primary key, then `{"end":"people","rows":N,
//!    "sha256":"…"}`;
//! 3. last, the manifest: `{"manifest":{"schema_version":24,"tables":
//!    [{"table":…,"rows":…,"sha256":…},…]}}`.
//!
//! Values are typed by their column: `int` a JSON integer, `float` a
//! string in the shortest form that reads back to the same double (`"0.1"`,
//! `"1e-300"`, `"NaN"`, `"inf"`), `text` a string, `bool` true or false,
//! `date` `"YYYY-MM-DD"`, `time` RFC 3339 in UTC (`…Z`) to the
//! microsecond, the precision both databases keep (SQLite's text may hold
//! nanoseconds, which PostgreSQL cannot), `bytes` base64; NULL is `null` (and an empty text is
//! `""`). Both databases' own types map to these: SQLite keeps dates and
//! times as text and booleans as integers, so a SQLite column's type is
//! what the PostgreSQL migrations declare for it (checked by the tests
//! against a PostgreSQL store's catalogue).
//!
//! A table's hash is SHA-256 over its columns line (`[["name","type"],…]`)
//! and each row's line, each followed by a newline: the same rows give the
//! same hash from either database.
//!
//! An import runs in one transaction: it refuses a store holding data
//! (unless told to replace it), turns off the tables' own triggers (the
//! audit log's append-only guard) while it loads, empties every table,
//! inserts the rows with their ids (columns that refer to their own table
//! are set once every row is in), sets PostgreSQL's sequences past the
//! largest id, rebuilds SQLite's FTS5 text index from the places (the file
//! does not carry it: [`Store::table_names`] lists plain tables only, and
//! its triggers were off while loading), then reads every table back and compares its count and
//! hash with the file's. Any difference, bad value or damaged line rolls
//! everything back, naming the table, row and column.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{BufRead, Write};
use std::sync::OnceLock;

use base64::Engine as _;
use chrono::{DateTime, NaiveDate, SecondsFormat, SubsecRound as _, Utc};
use futures_util::TryStreamExt;
use serde_json::Value as Json;
use sha2::{Digest, Sha256};
use sqlx::{AssertSqlSafe, Row};

use crate::{Backend, Pool, Store, StoreError};

mod catalogue;
mod cell;

use catalogue::*;
use cell::*;
pub use cell::{Cell, row_line};

/// The header's `format`.
pub const FORMAT: &str = "kizuna-store-dump";
/// The version of the file's layout this code writes and reads.
pub const FORMAT_VERSION: i64 = 1;

/// Rows inserted per statement at most, and the text held before a batch
/// is written whatever its count (photos and files are large rows).
const BATCH_ROWS: usize = 500;
const BATCH_BYTES: usize = 8 << 20;
/// Bound parameters per statement at most (SQLite allows 32,766).
const BATCH_PARAMS: usize = 30_000;

/// A column's type in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Ty {
    Int,
    Float,
    Text,
    Bool,
    Date,
    Time,
    Bytes,
}

impl Ty {
    pub fn as_str(self) -> &'static str {
        match self {
            Ty::Int => "int",
            Ty::Float => "float",
            Ty::Text => "text",
            Ty::Bool => "bool",
            Ty::Date => "date",
            Ty::Time => "time",
            Ty::Bytes => "bytes",
        }
    }
}

/// How a PostgreSQL column is narrower than the file's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Width {
    Full,
    I16,
    I32,
    F32,
}

/// A column of a table as the file has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    pub ty: Ty,
    width: Width,
}

/// A table as the file has it: columns by name, the primary key, the
/// columns that refer to the table itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub name: String,
    pub columns: Vec<Column>,
    pub key: Vec<String>,
    pub self_refs: Vec<String>,
}

impl Table {
    fn columns_json(&self) -> Json {
        Json::Array(
            self.columns
                .iter()
                .map(|c| Json::Array(vec![Json::from(c.name.as_str()), Json::from(c.ty.as_str())]))
                .collect(),
        )
    }
}

/// A table's row count and hash.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TableSum {
    pub table: String,
    pub rows: u64,
    pub sha256: String,
}

/// What a file holds (its last line), or what a store holds now.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Manifest {
    pub schema_version: i64,
    pub tables: Vec<TableSum>,
}

/// Why an export or import stopped.
#[derive(Debug, thiserror::Error)]
pub enum DumpError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot write the file: {0}")]
    Write(std::io::Error),
    #[error("cannot read the file at line {line}: {source}")]
    Read { line: u64, source: std::io::Error },
    /// The file is damaged or not one this version reads (nothing was written).
    #[error("line {line}: {message}")]
    Bad { line: u64, message: String },
    /// The store refuses the import or export (nothing was written).
    #[error("{0}")]
    Refused(String),
    /// A stored value that cannot be exported.
    #[error("table {table} row {row} column {column}: {message}")]
    Stored {
        table: String,
        row: u64,
        column: String,
        message: String,
    },
}

impl From<sqlx::Error> for DumpError {
    fn from(e: sqlx::Error) -> Self {
        DumpError::Store(StoreError::Database(e))
    }
}

fn bad(line: u64, message: impl Into<String>) -> DumpError {
    DumpError::Bad {
        line,
        message: message.into(),
    }
}

// ---------------------------------------------------------------------------
// Reading and writing rows, per backend.

/// The statement that reads a table in the file's order: by primary key,
/// or by every column (times last) where there is none; text compared
/// byte by byte on both databases, NULLs first.
fn select_sql(backend: Backend, t: &Table) -> String {
    let cols: Vec<String> = t.columns.iter().map(|c| quoted(&c.name)).collect();
    let order_cols: Vec<&Column> = if t.key.is_empty() {
        let mut v: Vec<&Column> = t.columns.iter().filter(|c| c.ty != Ty::Time).collect();
        v.extend(t.columns.iter().filter(|c| c.ty == Ty::Time));
        v
    } else {
        t.key
            .iter()
            .filter_map(|k| t.columns.iter().find(|c| &c.name == k))
            .collect()
    };
    let order: Vec<String> = order_cols
        .iter()
        .map(|c| {
            let collate = if backend == Backend::Postgres && c.ty == Ty::Text {
                " COLLATE \"C\""
            } else {
                ""
            };
            format!("{}{collate} NULLS FIRST", quoted(&c.name))
        })
        .collect();
    format!(
        "SELECT {} FROM {} ORDER BY {}",
        cols.join(", "),
        quoted(&t.name),
        order.join(", ")
    )
}

macro_rules! read_cell {
    ($row:expr, $i:expr, $c:expr) => {{
        let r = &$row;
        let i = $i;
        let got: Result<Cell, sqlx::Error> = (|| {
            Ok(match ($c.ty, $c.width) {
                (Ty::Int, Width::I16) => r.try_get::<Option<i16>, _>(i)?.map(|v| Cell::Int(i64::from(v))),
                (Ty::Int, Width::I32) => r.try_get::<Option<i32>, _>(i)?.map(|v| Cell::Int(i64::from(v))),
                (Ty::Int, _) => r.try_get::<Option<i64>, _>(i)?.map(Cell::Int),
                (Ty::Float, Width::F32) => r.try_get::<Option<f32>, _>(i)?.map(|v| Cell::Float(f64::from(v))),
                (Ty::Float, _) => r.try_get::<Option<f64>, _>(i)?.map(Cell::Float),
                (Ty::Text, _) => r.try_get::<Option<String>, _>(i)?.map(Cell::Text),
                (Ty::Bool, _) => r.try_get::<Option<bool>, _>(i)?.map(Cell::Bool),
                (Ty::Date, _) => r.try_get::<Option<NaiveDate>, _>(i)?.map(Cell::Date),
                (Ty::Time, _) => r.try_get::<Option<DateTime<Utc>>, _>(i)?.map(Cell::Time),
                (Ty::Bytes, _) => r.try_get::<Option<Vec<u8>>, _>(i)?.map(Cell::Bytes),
            }
            .unwrap_or(Cell::Null))
        })();
        got
    }};
}

macro_rules! bind_cell {
    ($q:expr, $cell:expr, $c:expr) => {{
        let cell = $cell;
        match ($c.ty, $c.width) {
            (Ty::Int, Width::I16) => $q.bind(match cell {
                Cell::Int(v) => i16::try_from(v).ok(),
                _ => None,
            }),
            (Ty::Int, Width::I32) => $q.bind(match cell {
                Cell::Int(v) => i32::try_from(v).ok(),
                _ => None,
            }),
            (Ty::Int, _) => $q.bind(match cell {
                Cell::Int(v) => Some(v),
                _ => None,
            }),
            #[allow(clippy::cast_possible_truncation)]
            (Ty::Float, Width::F32) => $q.bind(match cell {
                Cell::Float(v) => Some(v as f32),
                _ => None,
            }),
            (Ty::Float, _) => $q.bind(match cell {
                Cell::Float(v) => Some(v),
                _ => None,
            }),
            (Ty::Text, _) => $q.bind(match cell {
                Cell::Text(v) => Some(v),
                _ => None,
            }),
            (Ty::Bool, _) => $q.bind(match cell {
                Cell::Bool(v) => Some(v),
                _ => None,
            }),
            (Ty::Date, _) => $q.bind(match cell {
                Cell::Date(v) => Some(v),
                _ => None,
            }),
            (Ty::Time, _) => $q.bind(match cell {
                Cell::Time(v) => Some(v),
                _ => None,
            }),
            (Ty::Bytes, _) => $q.bind(match cell {
                Cell::Bytes(v) => Some(v),
                _ => None,
            }),
        }
    }};
}

/// A transaction on either database.
enum Tx {
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

macro_rules! on_tx {
    ($tx:expr, $c:ident => $body:expr) => {
        match $tx {
            Tx::Sqlite(t) => {
                let $c: &mut sqlx::SqliteConnection = &mut *t;
                $body
            }
            Tx::Postgres(t) => {
                let $c: &mut sqlx::PgConnection = &mut *t;
                $body
            }
        }
    };
}

/// A self-reference to set once a table's rows are in: the column's
/// index, its value, the row's key.
type Later = (usize, Cell, Vec<(Column, Cell)>);

/// Where a scan's rows go: each row's line, in order.
type Sink<'a> = dyn FnMut(&str) -> Result<(), DumpError> + Send + 'a;

impl Tx {
    fn backend(&self) -> Backend {
        match self {
            Tx::Sqlite(_) => Backend::Sqlite,
            Tx::Postgres(_) => Backend::Postgres,
        }
    }

    async fn execute(&mut self, sql: String) -> Result<(), DumpError> {
        on_tx!(self, c => sqlx::query(AssertSqlSafe(sql)).execute(c).await.map(|_| ())?);
        Ok(())
    }

    async fn count(&mut self, sql: String) -> Result<i64, DumpError> {
        Ok(on_tx!(self, c => sqlx::query_scalar::<_, i64>(AssertSqlSafe(sql)).fetch_one(c).await?))
    }

    /// Every row of a table in the file's order, as lines.
    async fn scan(&mut self, t: &Table, sink: &mut Sink<'_>) -> Result<u64, DumpError> {
        let sql = select_sql(self.backend(), t);
        let mut n = 0u64;
        on_tx!(self, c => {
            let mut rows = sqlx::query(AssertSqlSafe(sql)).fetch(c);
            while let Some(row) = rows.try_next().await? {
                n += 1;
                let mut cells = Vec::with_capacity(t.columns.len());
                for (i, col) in t.columns.iter().enumerate() {
                    let cell = read_cell!(row, i, col).map_err(|e| DumpError::Stored {
                        table: t.name.clone(),
                        row: n,
                        column: col.name.clone(),
                        message: e.to_string(),
                    })?;
                    cells.push(cell);
                }
                sink(&row_line(&cells))?;
            }
        });
        Ok(n)
    }

    /// Insert rows (cells in the table's column order) in one statement.
    async fn insert(&mut self, t: &Table, rows: Vec<Vec<Cell>>) -> Result<(), DumpError> {
        if rows.is_empty() {
            return Ok(());
        }
        let n = t.columns.len();
        let cols: Vec<String> = t.columns.iter().map(|c| quoted(&c.name)).collect();
        let sqlite = self.backend() == Backend::Sqlite;
        let sql = format!(
            "INSERT INTO {} ({}) VALUES {}",
            quoted(&t.name),
            cols.join(", "),
            crate::changes::value_rows(sqlite, rows.len(), n, 1)
        );
        on_tx!(self, c => {
            let mut q = sqlx::query(AssertSqlSafe(sql));
            for row in rows {
                for (cell, col) in row.into_iter().zip(&t.columns) {
                    q = bind_cell!(q, cell, col);
                }
            }
            q.execute(c).await?;
        });
        Ok(())
    }

    /// Set a column of the row whose key is `key`.
    async fn update(
        &mut self,
        t: &Table,
        column: &Column,
        value: Cell,
        key: Vec<(Column, Cell)>,
    ) -> Result<(), DumpError> {
        let mut sql = format!("UPDATE {} SET {} = $1 WHERE ", quoted(&t.name), quoted(&column.name));
        let conds: Vec<String> = key
            .iter()
            .enumerate()
            .map(|(i, (c, _))| format!("{} = ${}", quoted(&c.name), i + 2))
            .collect();
        sql.push_str(&conds.join(" AND "));
        on_tx!(self, c => {
            let mut q = sqlx::query(AssertSqlSafe(sql));
            q = bind_cell!(q, value, column);
            for (col, cell) in key {
                q = bind_cell!(q, cell, &col);
            }
            q.execute(c).await?;
        });
        Ok(())
    }

    async fn commit(self) -> Result<(), DumpError> {
        match self {
            Tx::Sqlite(t) => t.commit().await?,
            Tx::Postgres(t) => t.commit().await?,
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------

/// What an import was told.
#[derive(Debug, Clone, Copy, Default)]
pub struct ImportOptions {
    /// Replace whatever the store holds (in the same transaction).
    pub replace: bool,
}

/// A table done, for progress lines.
pub type Progress<'a> = dyn FnMut(&TableSum) + Send + 'a;

impl Store {
    /// The last migration this store has run.
    pub async fn schema_version(&self) -> Result<i64, StoreError> {
        let sql = "SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations WHERE success";
        Ok(crate::with_pool!(self, p => sqlx::query_scalar::<_, i64>(sql).fetch_one(p).await?))
    }

    /// Every table with its columns' file types, in foreign-key order (a
    /// table after the tables it refers to).
    pub async fn dump_tables(&self) -> Result<Vec<Table>, DumpError> {
        let names = self.table_names().await?;
        let fk_sql = match self.backend() {
            Backend::Sqlite => {
                "SELECT m.name, f.\"table\", f.\"from\" FROM sqlite_master m \
                 JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table'"
            }
            Backend::Postgres => {
                "SELECT cl.relname::text, fcl.relname::text, a.attname::text FROM pg_constraint c \
                 JOIN pg_class cl ON cl.oid = c.conrelid JOIN pg_class fcl ON fcl.oid = c.confrelid \
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey) \
                 WHERE c.contype = 'f' AND cl.relnamespace = current_schema()::regnamespace"
            }
        };
        let fks: Vec<(String, String, String)> =
            crate::with_pool!(self, p => sqlx::query_as(fk_sql).fetch_all(p).await?);
        let key_sql = match self.backend() {
            Backend::Sqlite => "SELECT name FROM pragma_table_info($1) WHERE pk > 0 ORDER BY pk",
            Backend::Postgres => {
                "SELECT a.attname::text FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid \
                 AND a.attnum = ANY (i.indkey) WHERE i.indrelid = to_regclass($1) AND i.indisprimary \
                 ORDER BY array_position(i.indkey::int2[], a.attnum)"
            }
        };
        let mut tables = BTreeMap::new();
        for name in &names {
            if !plain(name) {
                return Err(DumpError::Refused(format!(
                    "the table name {name:?} is not one Kizuna exports (letters, digits, _)"
                )));
            }
            let mut columns = Vec::new();
            for c in self.table_columns(name).await? {
                if !plain(&c.name) {
                    return Err(DumpError::Refused(format!(
                        "the column name {name}.{:?} is not one Kizuna exports (letters, digits, _)",
                        c.name
                    )));
                }
                let Some((ty, width)) = ty_of(self.backend(), name, &c.name, &c.ty) else {
                    return Err(DumpError::Refused(format!(
                        "column {name}.{} is of type {}, which the store file does not carry",
                        c.name, c.ty
                    )));
                };
                columns.push(Column {
                    name: c.name,
                    ty,
                    width,
                });
            }
            columns.sort_by(|a, b| a.name.cmp(&b.name));
            let key: Vec<String> =
                crate::with_pool!(self, p => sqlx::query_scalar(key_sql).bind(name).fetch_all(p).await?);
            let self_refs: BTreeSet<String> = fks
                .iter()
                .filter(|(t, to, _)| t == name && to == name)
                .map(|(_, _, c)| c.clone())
                .collect();
            tables.insert(
                name.clone(),
                Table {
                    name: name.clone(),
                    columns,
                    key,
                    self_refs: self_refs.into_iter().collect(),
                },
            );
        }
        // Kahn's order, by name among the tables ready.
        let mut needs: BTreeMap<&str, BTreeSet<&str>> = names.iter().map(|n| (n.as_str(), BTreeSet::new())).collect();
        for (t, to, _) in &fks {
            if t != to
                && tables.contains_key(to)
                && let Some(set) = needs.get_mut(t.as_str())
            {
                set.insert(to.as_str());
            }
        }
        let mut order = Vec::with_capacity(names.len());
        while !needs.is_empty() {
            let ready: Vec<&str> = needs
                .iter()
                .filter(|(_, deps)| deps.is_empty())
                .map(|(n, _)| *n)
                .collect();
            if ready.is_empty() {
                let cycle: Vec<&str> = needs.keys().copied().collect();
                return Err(DumpError::Refused(format!(
                    "the tables {} refer to each other in a cycle; there is no order to load them in",
                    cycle.join(", ")
                )));
            }
            for n in ready {
                needs.remove(n);
                for deps in needs.values_mut() {
                    deps.remove(n);
                }
                if let Some(t) = tables.remove(n) {
                    order.push(t);
                }
            }
        }
        Ok(order)
    }

    async fn begin_read(&self) -> Result<Tx, DumpError> {
        Ok(match &self.pool {
            Pool::Sqlite(p) => Tx::Sqlite(p.begin().await?),
            Pool::Postgres(p) => Tx::Postgres(p.begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").await?),
        })
    }

    async fn begin_write(&self) -> Result<Tx, DumpError> {
        Ok(match &self.pool {
            Pool::Sqlite(p) => Tx::Sqlite(p.begin_with("BEGIN IMMEDIATE").await?),
            Pool::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    /// Every table's row count and hash now, read in one snapshot.
    pub async fn dump_manifest(&self) -> Result<Manifest, DumpError> {
        let tables = self.dump_tables().await?;
        let schema_version = self.schema_version().await?;
        let mut tx = self.begin_read().await?;
        let mut sums = Vec::with_capacity(tables.len());
        for t in &tables {
            sums.push(table_sum(&mut tx, t).await?);
        }
        tx.commit().await?;
        Ok(Manifest {
            schema_version,
            tables: sums,
        })
    }

    /// Write the whole store to `out`, read in one snapshot; `progress`
    /// hears of each table as it is done.
    pub async fn export_all(
        &self,
        out: &mut (dyn Write + Send),
        progress: &mut Progress<'_>,
    ) -> Result<Manifest, DumpError> {
        let tables = self.dump_tables().await?;
        let schema_version = self.schema_version().await?;
        let source = match self.backend() {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        };
        let header = format!(
            "{{\"format\":\"{FORMAT}\",\"format_version\":{FORMAT_VERSION},\"schema_version\":{schema_version},\"source\":\"{source}\"}}"
        );
        let w = |out: &mut (dyn Write + Send), s: &str| -> Result<(), DumpError> {
            out.write_all(s.as_bytes()).map_err(DumpError::Write)?;
            out.write_all(b"\n").map_err(DumpError::Write)
        };
        w(out, &header)?;
        let mut tx = self.begin_read().await?;
        let mut sums = Vec::with_capacity(tables.len());
        for t in &tables {
            let head = format!(
                "{{\"table\":{},\"columns\":{},\"key\":{}}}",
                Json::from(t.name.as_str()),
                t.columns_json(),
                Json::from(t.key.clone())
            );
            w(out, &head)?;
            let mut hasher = Hasher::new(t);
            {
                let mut sink = |line: &str| -> Result<(), DumpError> {
                    hasher.row(line);
                    w(&mut *out, line)
                };
                tx.scan(t, &mut sink).await?;
            }
            let sum = hasher.finish(&t.name);
            let end = format!(
                "{{\"end\":{},\"rows\":{},\"sha256\":\"{}\"}}",
                Json::from(t.name.as_str()),
                sum.rows,
                sum.sha256
            );
            w(out, &end)?;
            progress(&sum);
            sums.push(sum);
        }
        tx.commit().await?;
        let manifest = Manifest {
            schema_version,
            tables: sums,
        };
        w(out, &serde_json::json!({ "manifest": manifest }).to_string())?;
        out.flush().map_err(DumpError::Write)?;
        Ok(manifest)
    }

    /// Load a file written by [`Store::export_all`] into this store, all or
    /// nothing (see the module's documentation).
    pub async fn import_all(
        &self,
        input: &mut (dyn BufRead + Send),
        options: ImportOptions,
        progress: &mut Progress<'_>,
    ) -> Result<Manifest, DumpError> {
        let tables = self.dump_tables().await?;
        let schema_version = self.schema_version().await?;
        let backend = self.backend();
        let mut lines = Lines {
            input,
            n: 0,
            buf: String::new(),
        };

        // The header.
        let Some(first) = lines.next()? else {
            return Err(bad(1, "the file is empty: not a Kizuna store file"));
        };
        let header: Json =
            serde_json::from_str(&first).map_err(|_| bad(1, "this is not a Kizuna store file (no JSON header)"))?;
        if header.get("format").and_then(Json::as_str) != Some(FORMAT) {
            return Err(bad(
                1,
                "this is not a Kizuna store file (its header names no kizuna-store-dump format)",
            ));
        }
        match header.get("format_version").and_then(Json::as_i64) {
            Some(FORMAT_VERSION) => {}
            v => {
                return Err(bad(
                    1,
                    format!(
                        "the file's layout is version {}, this Kizuna reads version {FORMAT_VERSION}",
                        v.map_or("(none)".to_owned(), |v| v.to_string())
                    ),
                ));
            }
        }
        let Some(file_schema) = header.get("schema_version").and_then(Json::as_i64) else {
            return Err(bad(1, "the header has no schema_version"));
        };
        if file_schema > schema_version {
            return Err(DumpError::Refused(format!(
                "the file was written by a newer Kizuna (schema version {file_schema}; this one has {schema_version}): \
                 import it with that version or a later one"
            )));
        }
        if file_schema < schema_version {
            return Err(DumpError::Refused(format!(
                "the file was written by an older Kizuna (schema version {file_schema}; this one has {schema_version}): \
                 open the source store once with this Kizuna (it upgrades the store) and export it again"
            )));
        }

        let by_name: HashMap<&str, &Table> = tables.iter().map(|t| (t.name.as_str(), t)).collect();
        let mut tx = self.begin_write().await?;

        // Refuse a store with data unless told to replace it.
        // What a new store holds (the rows its migrations write), from a
        // new store in memory; a table holding just that is empty.
        let fresh = if options.replace {
            None
        } else {
            Some(Store::open("sqlite::memory:").await?.dump_manifest().await?)
        };
        if let Some(fresh) = &fresh
            && let Some(why) = holds_data(&mut tx, &tables, fresh).await?
        {
            return Err(DumpError::Refused(format!(
                "the store is not empty: {why}; import into a new store, or give --replace to replace everything in it"
            )));
        }
        // The tables' own triggers off while loading; every table emptied.
        let triggers = triggers_off(&mut tx).await?;
        for t in tables.iter().rev() {
            // A row referring to another of its table would keep it
            // (SQLite checks RESTRICT row by row, even deferred).
            for c in &t.self_refs {
                tx.execute(format!(
                    "UPDATE {} SET {c} = NULL WHERE {c} IS NOT NULL",
                    quoted(&t.name),
                    c = quoted(c)
                ))
                .await?;
            }
            tx.execute(format!("DELETE FROM {}", quoted(&t.name))).await?;
        }

        let mut sums: Vec<TableSum> = Vec::new();
        let mut manifest: Option<Manifest> = None;
        // The table being read: its target columns, hash, batch, and
        // self-references to set once its rows are in.
        struct Current<'t> {
            table: &'t Table,
            hasher: Hasher,
            batch: Vec<Vec<Cell>>,
            batch_bytes: usize,
            later: Vec<Later>,
        }
        let mut current: Option<Current<'_>> = None;
        while let Some(line) = lines.next()? {
            let n = lines.n;
            if manifest.is_some() {
                return Err(bad(n, "there is more after the manifest, which must be the last line"));
            }
            if line.starts_with('[') {
                let Some(cur) = current.as_mut() else {
                    return Err(bad(n, "a row outside any table"));
                };
                let t = cur.table;
                let values: Vec<Json> = serde_json::from_str(&line).map_err(|e| {
                    bad(
                        n,
                        format!("table {} row {}: not a JSON row: {e}", t.name, cur.hasher.rows + 1),
                    )
                })?;
                let row_no = cur.hasher.rows + 1;
                if values.len() != t.columns.len() {
                    return Err(bad(
                        n,
                        format!(
                            "table {} row {row_no}: {} values for {} columns",
                            t.name,
                            values.len(),
                            t.columns.len()
                        ),
                    ));
                }
                let mut cells = Vec::with_capacity(values.len());
                for (v, c) in values.iter().zip(&t.columns) {
                    cells.push(
                        Cell::from_json(v, c, backend)
                            .map_err(|m| bad(n, format!("table {} row {row_no} column {}: {m}", t.name, c.name)))?,
                    );
                }
                cur.hasher.row(&row_line(&cells));
                if !t.self_refs.is_empty() {
                    let key: Vec<(Column, Cell)> = t
                        .key
                        .iter()
                        .filter_map(|k| t.columns.iter().position(|c| &c.name == k))
                        .map(|i| (t.columns[i].clone(), cells[i].clone()))
                        .collect();
                    for (i, c) in t.columns.iter().enumerate() {
                        if t.self_refs.contains(&c.name) && cells[i] != Cell::Null {
                            if key.is_empty() {
                                return Err(DumpError::Refused(format!(
                                    "table {} refers to itself but has no primary key to load it by",
                                    t.name
                                )));
                            }
                            let v = std::mem::replace(&mut cells[i], Cell::Null);
                            cur.later.push((i, v, key.clone()));
                        }
                    }
                }
                cur.batch_bytes += line.len();
                cur.batch.push(cells);
                let rows_max = (BATCH_PARAMS / t.columns.len().max(1)).clamp(1, BATCH_ROWS);
                if cur.batch.len() >= rows_max || cur.batch_bytes >= BATCH_BYTES {
                    let batch = std::mem::take(&mut cur.batch);
                    cur.batch_bytes = 0;
                    tx.insert(t, batch).await?;
                }
                continue;
            }
            let obj: Json = serde_json::from_str(&line).map_err(|e| bad(n, format!("not a JSON line: {e}")))?;
            if let Some(name) = obj.get("table").and_then(Json::as_str) {
                if let Some(cur) = &current {
                    return Err(bad(
                        n,
                        format!("table {name} begins before table {} ends", cur.table.name),
                    ));
                }
                let Some(t) = by_name.get(name).copied() else {
                    return Err(bad(
                        n,
                        format!("the file has a table {name} that this store does not have"),
                    ));
                };
                if sums.iter().any(|s| s.table == name) {
                    return Err(bad(n, format!("table {name} comes twice")));
                }
                let file_cols = obj.get("columns").cloned().unwrap_or(Json::Null);
                if file_cols != t.columns_json() {
                    return Err(bad(
                        n,
                        format!(
                            "table {name}: the file's columns {file_cols} differ from this store's {}",
                            t.columns_json()
                        ),
                    ));
                }
                current = Some(Current {
                    table: t,
                    hasher: Hasher::new(t),
                    batch: Vec::new(),
                    batch_bytes: 0,
                    later: Vec::new(),
                });
            } else if let Some(name) = obj.get("end").and_then(Json::as_str) {
                let Some(mut cur) = current.take() else {
                    return Err(bad(n, format!("table {name} ends but never began")));
                };
                let t = cur.table;
                if t.name != name {
                    return Err(bad(n, format!("table {} ends as {name}", t.name)));
                }
                tx.insert(t, std::mem::take(&mut cur.batch)).await?;
                for (i, v, key) in cur.later {
                    tx.update(t, &t.columns[i], v, key).await?;
                }
                let sum = cur.hasher.finish(&t.name);
                let said_rows = obj.get("rows").and_then(Json::as_u64);
                let said_sha = obj.get("sha256").and_then(Json::as_str);
                if said_rows != Some(sum.rows) {
                    return Err(bad(
                        n,
                        format!(
                            "table {name}: the file says {} rows but holds {} (damaged or cut short)",
                            said_rows.map_or("no number of".to_owned(), |r| r.to_string()),
                            sum.rows
                        ),
                    ));
                }
                if said_sha != Some(sum.sha256.as_str()) {
                    return Err(bad(
                        n,
                        format!(
                            "table {name}: its rows do not match the file's hash of them (the file was changed or damaged)"
                        ),
                    ));
                }
                progress(&sum);
                sums.push(sum);
            } else if let Some(m) = obj.get("manifest") {
                if let Some(cur) = &current {
                    return Err(bad(
                        n,
                        format!("the manifest comes before table {} ends", cur.table.name),
                    ));
                }
                let m: Manifest = serde_json::from_value(m.clone())
                    .map_err(|e| bad(n, format!("the manifest is not readable: {e}")))?;
                if m.schema_version != file_schema {
                    return Err(bad(n, "the manifest's schema version differs from the header's"));
                }
                if m.tables != sums {
                    return Err(bad(
                        n,
                        "the manifest does not match the tables in the file (damaged or edited)",
                    ));
                }
                manifest = Some(m);
            } else {
                return Err(bad(
                    n,
                    "a line that is neither a row, a table's start or end, nor the manifest",
                ));
            }
        }
        let Some(manifest) = manifest else {
            return Err(bad(
                lines.n,
                "the file ends before its manifest: it was cut short (copy it again, or export again)",
            ));
        };
        if let Some(missing) = tables
            .iter()
            .find(|t| !manifest.tables.iter().any(|s| s.table == t.name))
        {
            return Err(DumpError::Refused(format!(
                "the file has no table {}, which this store has: it is not a whole store",
                missing.name
            )));
        }

        triggers_on(&mut tx, triggers).await?;
        if backend == Backend::Postgres {
            set_sequences(&mut tx).await?;
        }
        rebuild_text_indexes(&mut tx).await?;
        // Read everything back: what is in the store is what the file held.
        for (t, want) in tables_in(&tables, &manifest) {
            let got = table_sum(&mut tx, t).await?;
            if got != *want {
                return Err(DumpError::Refused(format!(
                    "table {} reads back as {} rows with hash {}, not the file's {} rows with hash {}; nothing was imported",
                    t.name, got.rows, got.sha256, want.rows, want.sha256
                )));
            }
        }
        tx.commit().await?;
        Ok(manifest)
    }
}

/// Each table of the manifest with the store's definition of it.
fn tables_in<'a>(tables: &'a [Table], m: &'a Manifest) -> Vec<(&'a Table, &'a TableSum)> {
    m.tables
        .iter()
        .filter_map(|s| tables.iter().find(|t| t.name == s.table).map(|t| (t, s)))
        .collect()
}

async fn table_sum(tx: &mut Tx, t: &Table) -> Result<TableSum, DumpError> {
    let mut hasher = Hasher::new(t);
    {
        let mut sink = |line: &str| -> Result<(), DumpError> {
            hasher.row(line);
            Ok(())
        };
        tx.scan(t, &mut sink).await?;
    }
    Ok(hasher.finish(&t.name))
}

/// What makes a store not empty, if anything: the table with the most
/// rows other than those a new store has (`fresh`: a new store's tables,
/// from the same migrations).
async fn holds_data(tx: &mut Tx, tables: &[Table], fresh: &Manifest) -> Result<Option<String>, DumpError> {
    let mut most: Option<(i64, &str)> = None;
    let mut others = 0usize;
    for t in tables {
        let n = tx.count(format!("SELECT COUNT(*) FROM {}", quoted(&t.name))).await?;
        if n == 0 {
            continue;
        }
        let new_store = fresh.tables.iter().find(|f| f.table == t.name);
        let same_count = new_store.is_some_and(|f| i64::try_from(f.rows).ok() == Some(n));
        if same_count {
            let now = table_sum(tx, t).await?;
            if new_store == Some(&now) {
                continue;
            }
        }
        others += 1;
        if most.is_none_or(|(m, _)| n > m) {
            most = Some((n, &t.name));
        }
    }
    Ok(most.map(|(n, table)| {
        let more = if others > 1 {
            format!(" (and {} other tables hold data)", others - 1)
        } else {
            String::new()
        };
        format!("table {table} has {n} rows{more}")
    }))
}

/// The triggers turned off, to turn back on.
enum Triggers {
    /// SQLite's, dropped: their names and statements.
    Sqlite(Vec<(String, String)>),
    /// PostgreSQL tables whose own triggers are disabled.
    Postgres(Vec<String>),
}

async fn triggers_off(tx: &mut Tx) -> Result<Triggers, DumpError> {
    Ok(match tx {
        Tx::Sqlite(t) => {
            let list: Vec<(String, String)> =
                sqlx::query_as("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
                    .fetch_all(&mut **t)
                    .await?;
            for (name, _) in &list {
                if !plain(name) {
                    return Err(DumpError::Refused(format!(
                        "a trigger named {name:?} cannot be handled"
                    )));
                }
                sqlx::query(AssertSqlSafe(format!("DROP TRIGGER {}", quoted(name))))
                    .execute(&mut **t)
                    .await?;
            }
            Triggers::Sqlite(list)
        }
        Tx::Postgres(t) => {
            let list: Vec<String> = sqlx::query_scalar(
                "SELECT DISTINCT c.relname::text FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid \
                 WHERE NOT g.tgisinternal AND c.relnamespace = current_schema()::regnamespace ORDER BY 1",
            )
            .fetch_all(&mut **t)
            .await?;
            for table in list.iter().filter(|n| plain(n)) {
                sqlx::query(AssertSqlSafe(format!(
                    "ALTER TABLE {} DISABLE TRIGGER USER",
                    quoted(table)
                )))
                .execute(&mut **t)
                .await?;
            }
            Triggers::Postgres(list)
        }
    })
}

async fn triggers_on(tx: &mut Tx, triggers: Triggers) -> Result<(), DumpError> {
    match (tx, triggers) {
        (Tx::Sqlite(t), Triggers::Sqlite(list)) => {
            for (_, sql) in list {
                sqlx::query(AssertSqlSafe(sql)).execute(&mut **t).await?;
            }
        }
        (Tx::Postgres(t), Triggers::Postgres(list)) => {
            for table in list.iter().filter(|n| plain(n)) {
                sqlx::query(AssertSqlSafe(format!(
                    "ALTER TABLE {} ENABLE TRIGGER USER",
                    quoted(table)
                )))
                .execute(&mut **t)
                .await?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// SQLite's FTS5 tables (migration 32's `places_text`) rebuilt from the
/// tables they index, which were emptied and loaded with their triggers
/// off. Nothing on PostgreSQL, whose indexes follow every write.
async fn rebuild_text_indexes(tx: &mut Tx) -> Result<(), DumpError> {
    let Tx::Sqlite(t) = tx else { return Ok(()) };
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE % USING fts5%' \
         ORDER BY name",
    )
    .fetch_all(&mut **t)
    .await?;
    for name in names.iter().filter(|n| plain(n)) {
        sqlx::query(AssertSqlSafe(format!(
            "INSERT INTO {q} ({q}) VALUES ('rebuild')",
            q = quoted(name)
        )))
        .execute(&mut **t)
        .await?;
    }
    Ok(())
}

/// Each PostgreSQL sequence behind an id set past the largest id.
async fn set_sequences(tx: &mut Tx) -> Result<(), DumpError> {
    let Tx::Postgres(t) = tx else { return Ok(()) };
    let cols: Vec<(String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text FROM information_schema.columns \
         WHERE table_schema = current_schema() AND (is_identity = 'YES' OR column_default LIKE 'nextval(%') \
         ORDER BY 1, 2",
    )
    .fetch_all(&mut **t)
    .await?;
    for (table, column) in cols.iter().filter(|(a, b)| plain(a) && plain(b)) {
        let sql = format!(
            "SELECT setval(pg_get_serial_sequence('{table}', '{column}'), COALESCE(MAX({c}), 0) + 1, false) FROM {q}",
            c = quoted(column),
            q = quoted(table)
        );
        let _: i64 = sqlx::query_scalar(AssertSqlSafe(sql)).fetch_one(&mut **t).await?;
    }
    Ok(())
}

/// A file's lines, counted.
struct Lines<'a> {
    input: &'a mut (dyn BufRead + Send),
    n: u64,
    buf: String,
}

impl Lines<'_> {
    fn next(&mut self) -> Result<Option<String>, DumpError> {
        let mut bytes = std::mem::take(&mut self.buf).into_bytes();
        bytes.clear();
        let got = self
            .input
            .read_until(b'\n', &mut bytes)
            .map_err(|source| DumpError::Read {
                line: self.n + 1,
                source,
            })?;
        if got == 0 {
            return Ok(None);
        }
        self.n += 1;
        if bytes.pop() != Some(b'\n') {
            return Err(bad(self.n, "the last line is cut short (the file is incomplete)"));
        }
        if bytes.last() == Some(&b'\r') {
            bytes.pop();
        }
        String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| bad(self.n, "the line is not UTF-8 text (the file is damaged)"))
    }
}

/// The manifest at the end of a store file.
pub fn read_manifest(input: &mut dyn BufRead) -> Result<Manifest, DumpError> {
    let mut last = String::new();
    let mut line = String::new();
    let mut n = 0u64;
    loop {
        line.clear();
        let got = input
            .read_line(&mut line)
            .map_err(|source| DumpError::Read { line: n + 1, source })?;
        if got == 0 {
            break;
        }
        n += 1;
        std::mem::swap(&mut last, &mut line);
    }
    let v: Json = serde_json::from_str(last.trim_end()).map_err(|_| bad(n, "the file has no manifest at its end"))?;
    let m = v
        .get("manifest")
        .ok_or_else(|| bad(n, "the file has no manifest at its end"))?;
    serde_json::from_value(m.clone()).map_err(|e| bad(n, format!("the manifest is not readable: {e}")))
}

#[cfg(test)]
mod tests;
