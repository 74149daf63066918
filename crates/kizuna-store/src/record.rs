//! Create, read, update, delete and list for every record type, with the
//! SQL of each operation generated once from the record's column list.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{AssertSqlSafe, Row};

use crate::{Store, StoreError, with_pool};

/// A column value as it crosses the store boundary.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Int(Option<i64>),
    Text(Option<String>),
    Date(Option<NaiveDate>),
    Time(Option<DateTime<Utc>>),
    Bool(Option<bool>),
}

/// The type of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Int,
    Text,
    Date,
    Time,
    Bool,
}

/// A list of values that belongs to a record and lives in a table of its
/// own (an edition's target countries, a session's instructors).
pub struct Child {
    pub table: &'static str,
    pub parent_column: &'static str,
    pub column: &'static str,
    pub kind: Kind,
}

/// A record type kept in one table with an `id` primary key.
pub trait Record: Sized + Send {
    /// The record's name in messages ("person").
    const ENTITY: &'static str;
    const TABLE: &'static str;
    /// Columns after `id`, in the order of [`Record::values`].
    const COLUMNS: &'static [(&'static str, Kind)];
    /// The column whose uniqueness a duplicate would break, for messages.
    const UNIQUE: &'static str = "key";
    /// `ORDER BY` for lists.
    const ORDER: &'static str = "id";
    const CHILD: Option<Child> = None;
    /// The statement every write of this record runs in its transaction
    /// to mark the data changed.
    const BUMP: &'static str = BUMP_VERSION;
    /// Run after [`Record::BUMP`] by every insert and update, with the id as `$1`.
    const AFTER_WRITE: Option<&'static str> = None;
    /// Run after [`Record::BUMP`] by every delete that removed a row, with the id as `$1`.
    const AFTER_DELETE: Option<&'static str> = None;
    type Input: Send + Sync;

    fn values(input: &Self::Input) -> Vec<Value>;
    fn child_values(_input: &Self::Input) -> Vec<Value> {
        Vec::new()
    }
    fn from_values(id: i64, values: Vec<Value>, children: Vec<Value>) -> Result<Self, String>;
}

/// Which slice of a list to return.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub limit: u32,
    pub offset: u32,
}

impl Default for Page {
    fn default() -> Self {
        Page { limit: 100, offset: 0 }
    }
}

macro_rules! bind_all {
    ($q:expr, $values:expr) => {{
        let mut q = $q;
        for v in $values {
            q = match v {
                Value::Int(x) => q.bind(x),
                Value::Text(x) => q.bind(x),
                Value::Date(x) => q.bind(x),
                Value::Time(x) => q.bind(x),
                Value::Bool(x) => q.bind(x),
            };
        }
        q
    }};
}

macro_rules! decode {
    ($row:expr, $i:expr, $kind:expr) => {
        match $kind {
            Kind::Int => Value::Int($row.try_get($i)?),
            Kind::Text => Value::Text($row.try_get($i)?),
            Kind::Date => Value::Date($row.try_get($i)?),
            Kind::Time => Value::Time($row.try_get($i)?),
            Kind::Bool => Value::Bool($row.try_get($i)?),
        }
    };
}

/// Insert a record's child values inside the transaction `$tx`.
macro_rules! write_children {
    ($tx:ident, $r:ty, $id:expr, $children:expr) => {
        if let Some(child) = &<$r>::CHILD {
            let sql = format!(
                "INSERT INTO {} ({}, {}) VALUES ($1, $2)",
                child.table, child.parent_column, child.column
            );
            for v in $children {
                bind_all!(sqlx::query(AssertSqlSafe(sql.as_str())).bind($id), [v])
                    .execute(&mut *$tx)
                    .await
                    .map_err(|e| StoreError::from_write(e, <$r>::ENTITY, child.column))?;
            }
        }
    };
}

/// Marks the data as changed (see [`Store::data_version`]).
pub(crate) const BUMP_VERSION: &str = "UPDATE data_version SET version = version + 1 WHERE id = 1";

/// Marks the data and the places as changed (see [`Store::places_version`]).
pub(crate) const BUMP_PLACES: &str =
    "UPDATE data_version SET version = version + 1, places_version = places_version + 1 WHERE id = 1";

fn select_sql<R: Record>() -> String {
    let cols: Vec<&str> = R::COLUMNS.iter().map(|(c, _)| *c).collect();
    format!("SELECT id, {} FROM {}", cols.join(", "), R::TABLE)
}

fn placeholders(from: usize, n: usize) -> String {
    (from..from + n).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}

impl Store {
    /// Insert a record and return it as stored.
    pub async fn insert<R: Record>(&self, input: &R::Input) -> Result<R, StoreError> {
        let values = R::values(input);
        let cols: Vec<&str> = R::COLUMNS.iter().map(|(c, _)| *c).collect();
        let sql = format!(
            "INSERT INTO {} ({}) VALUES ({}) RETURNING id",
            R::TABLE,
            cols.join(", "),
            placeholders(1, cols.len())
        );
        let children = R::child_values(input);
        let id: i64 = with_pool!(self, p => {
            let mut tx = p.begin().await?;
            let id: i64 = bind_all!(sqlx::query_scalar(AssertSqlSafe(sql.as_str())), values.clone())
                .fetch_one(&mut *tx)
                .await
                .map_err(|e| StoreError::from_write(e, R::ENTITY, R::UNIQUE))?;
            write_children!(tx, R, id, children);
            sqlx::query(R::BUMP).execute(&mut *tx).await?;
            if let Some(after) = R::AFTER_WRITE {
                sqlx::query(after).bind(id).execute(&mut *tx).await?;
            }
            tx.commit().await?;
            if R::BUMP == BUMP_PLACES {
                self.note_place_write();
            }
            id
        });
        self.get::<R>(id).await
    }

    /// Replace a record's fields.
    pub async fn update<R: Record>(&self, id: i64, input: &R::Input) -> Result<R, StoreError> {
        let values = R::values(input);
        let sets: Vec<String> = R::COLUMNS
            .iter()
            .enumerate()
            .map(|(i, (c, _))| format!("{c} = ${}", i + 1))
            .collect();
        let sql = format!(
            "UPDATE {} SET {} WHERE id = ${}",
            R::TABLE,
            sets.join(", "),
            values.len() + 1
        );
        let children = R::child_values(input);
        with_pool!(self, p => {
            let mut tx = p.begin().await?;
            let done = bind_all!(sqlx::query(AssertSqlSafe(sql.as_str())), values.clone())
                .bind(id)
                .execute(&mut *tx)
                .await
                .map_err(|e| StoreError::from_write(e, R::ENTITY, R::UNIQUE))?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound { entity: R::ENTITY, id });
            }
            if let Some(child) = &R::CHILD {
                sqlx::query(AssertSqlSafe(format!("DELETE FROM {} WHERE {} = $1", child.table, child.parent_column)))
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            }
            write_children!(tx, R, id, children);
            sqlx::query(R::BUMP).execute(&mut *tx).await?;
            if let Some(after) = R::AFTER_WRITE {
                sqlx::query(after).bind(id).execute(&mut *tx).await?;
            }
            tx.commit().await?;
            if R::BUMP == BUMP_PLACES {
                self.note_place_write();
            }
        });
        self.get::<R>(id).await
    }

    /// Delete a record; refused while other records refer to it.
    pub async fn delete<R: Record>(&self, id: i64) -> Result<(), StoreError> {
        let sql = format!("DELETE FROM {} WHERE id = $1", R::TABLE);
        let done = with_pool!(self, p => async {
            let mut tx = p.begin().await?;
            let n = sqlx::query(AssertSqlSafe(sql.as_str())).bind(id).execute(&mut *tx).await?.rows_affected();
            sqlx::query(R::BUMP).execute(&mut *tx).await?;
            if let Some(after) = R::AFTER_DELETE
                && n > 0
            {
                sqlx::query(after).bind(id).execute(&mut *tx).await?;
            }
            tx.commit().await?;
            if R::BUMP == BUMP_PLACES {
                self.note_place_write();
            }
            Ok::<u64, sqlx::Error>(n)
        }.await)
        .map_err(|e| match StoreError::from_write(e, R::ENTITY, R::UNIQUE) {
            StoreError::Rejected(_) => StoreError::rejected(
                "id",
                "in_use",
                format!("{} {id} cannot be deleted while other records refer to it", R::ENTITY),
            ),
            other => other,
        })?;
        if done == 0 {
            return Err(StoreError::NotFound { entity: R::ENTITY, id });
        }
        Ok(())
    }

    pub async fn get<R: Record>(&self, id: i64) -> Result<R, StoreError> {
        let mut found = self
            .select::<R>(&[("id", Value::Int(Some(id)))], Page { limit: 1, offset: 0 })
            .await?;
        found.pop().ok_or(StoreError::NotFound { entity: R::ENTITY, id })
    }

    /// Records whose columns equal the given values, in the record's order.
    /// Column names come from [`Record::COLUMNS`] (or `id`), never from users.
    pub async fn select<R: Record>(&self, filter: &[(&str, Value)], page: Page) -> Result<Vec<R>, StoreError> {
        self.select_rows(filter, None, page).await
    }

    /// Up to `limit` records with ids above `after`, by id: a whole table
    /// read in pages that each start where the last ended, so that no page
    /// skips over the rows before it and the rows are never all in memory.
    pub async fn select_after<R: Record>(&self, after: i64, limit: u32) -> Result<Vec<R>, StoreError> {
        self.select_rows(&[], Some(after), Page { limit, offset: 0 }).await
    }

    async fn select_rows<R: Record>(
        &self,
        filter: &[(&str, Value)],
        after: Option<i64>,
        page: Page,
    ) -> Result<Vec<R>, StoreError> {
        let mut sql = select_sql::<R>();
        let mut values = Vec::new();
        for (i, (col, v)) in filter.iter().enumerate() {
            debug_assert!(
                *col == "id" || R::COLUMNS.iter().any(|(c, _)| c == col),
                "unknown column {col}"
            );
            sql.push_str(if i == 0 { " WHERE " } else { " AND " });
            sql.push_str(&format!("{col} = ${}", i + 1));
            values.push(v.clone());
        }
        if let Some(after) = after {
            sql.push_str(if values.is_empty() { " WHERE " } else { " AND " });
            sql.push_str(&format!("id > ${}", values.len() + 1));
            values.push(Value::Int(Some(after)));
        }
        let n = values.len();
        let order = if after.is_some() { "id" } else { R::ORDER };
        sql.push_str(&format!(" ORDER BY {order} LIMIT ${} OFFSET ${}", n + 1, n + 2));
        values.push(Value::Int(Some(i64::from(page.limit))));
        values.push(Value::Int(Some(i64::from(page.offset))));
        let rows: Vec<(i64, Vec<Value>)> = with_pool!(self, p => {
            let rows = bind_all!(sqlx::query(AssertSqlSafe(sql.as_str())), values).fetch_all(p).await?;
            let mut out = Vec::with_capacity(rows.len());
            for row in &rows {
                let id: i64 = row.try_get(0)?;
                let mut vals = Vec::with_capacity(R::COLUMNS.len());
                for (i, (_, kind)) in R::COLUMNS.iter().enumerate() {
                    vals.push(decode!(row, i + 1, kind));
                }
                out.push((id, vals));
            }
            out
        });
        let mut out = Vec::with_capacity(rows.len());
        for (id, vals) in rows {
            let children = match &R::CHILD {
                Some(child) => self.children(child, id).await?,
                None => Vec::new(),
            };
            out.push(
                R::from_values(id, vals, children)
                    .map_err(|m| StoreError::Corrupt(format!("{} {id}: {m}", R::ENTITY)))?,
            );
        }
        Ok(out)
    }

    /// How many records match (for paging).
    pub async fn count<R: Record>(&self, filter: &[(&str, Value)]) -> Result<i64, StoreError> {
        let mut sql = format!("SELECT COUNT(*) FROM {}", R::TABLE);
        for (i, (col, _)) in filter.iter().enumerate() {
            sql.push_str(if i == 0 { " WHERE " } else { " AND " });
            sql.push_str(&format!("{col} = ${}", i + 1));
        }
        let values: Vec<Value> = filter.iter().map(|(_, v)| v.clone()).collect();
        Ok(
            with_pool!(self, p => bind_all!(sqlx::query_scalar(AssertSqlSafe(sql.as_str())), values).fetch_one(p).await?),
        )
    }

    async fn children(&self, child: &Child, id: i64) -> Result<Vec<Value>, StoreError> {
        let sql = format!(
            "SELECT {} FROM {} WHERE {} = $1 ORDER BY {}",
            child.column, child.table, child.parent_column, child.column
        );
        Ok(with_pool!(self, p => {
            let rows = sqlx::query(AssertSqlSafe(sql.as_str())).bind(id).fetch_all(p).await?;
            let mut out = Vec::with_capacity(rows.len());
            for row in &rows {
                out.push(decode!(row, 0, child.kind));
            }
            out
        }))
    }

    /// Whether a record exists (to name a missing reference before writing).
    pub async fn exists<R: Record>(&self, id: i64) -> Result<bool, StoreError> {
        Ok(self.count::<R>(&[("id", Value::Int(Some(id)))]).await? > 0)
    }
}

pub(crate) use bind_all;
pub(crate) use decode;
