//! Create, read, update, delete and list for every record type. The SQL
//! of each operation is generated once from the record's declared fields
//! ([`kizuna_domain::fields::Fields`]); rows are read back by column name,
//! so a column missing or moved is caught at start-up ([`crate::schema`])
//! rather than read as something else.
//!
//! Every write runs in one transaction with its entry in the change feed
//! ([`crate::changes`]): the record's system's version is bumped and the
//! record named, so caches of that system — and only that system — know
//! to look again. Updates name the version they were made from and are
//! refused ([`StoreError::Conflict`]) when the record changed since.
//! The same transaction appends the write to the audit log
//! ([`crate::audit`]) as the store's actor, so no change escapes it.

use kizuna_domain::System;
use kizuna_domain::common::Id;
use kizuna_domain::fields::{Fields, Row};
pub use kizuna_domain::fields::{Kind, Value};
use sqlx::AssertSqlSafe;

use crate::audit::{Action, NewEntry, audit_append};
use crate::changes::{Op, log_change};
use crate::{Store, StoreError, with_pool};

/// A list of values that belongs to a record and lives in a table of its
/// own (an edition's target countries, a session's instructors).
pub struct Child {
    pub table: &'static str,
    pub parent_column: &'static str,
    pub column: &'static str,
    pub kind: Kind,
}

/// What every stored record carries besides its fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Meta {
    pub id: Id,
    /// Bumped by every update.
    pub version: i64,
    /// The office that keeps the record (the default office for records
    /// no office owns, such as localities).
    pub office_id: Id,
}

/// A record type kept in one table with an `id` primary key and a
/// `version`. Its fields are [`Record::Stored`], declared once.
pub trait Record: Sized + Send {
    /// The record's name in messages and in the change feed ("person").
    const ENTITY: &'static str;
    const TABLE: &'static str;
    /// The system whose version its writes bump.
    const SYSTEM: System;
    /// Whether rows carry the office that keeps them (`office_id`).
    const OWNED: bool = true;
    /// The column whose uniqueness a duplicate would break, for messages.
    const UNIQUE: &'static str = "key";
    /// `ORDER BY` for lists.
    const ORDER: &'static str = "id";
    const CHILD: Option<Child> = None;
    /// What is written: checked input.
    type Input: Send + Sync;
    /// The declared fields as stored (the input itself for most records).
    type Stored: Fields + Send;

    fn stored(input: &Self::Input) -> Self::Stored;
    /// Columns computed from the input beside its fields (e.g. a person's
    /// identity key), written but never read back.
    const COMPUTED: &'static [(&'static str, Kind)] = &[];
    /// The values of [`Record::COMPUTED`], in order.
    fn computed(_input: &Self::Input) -> Vec<(&'static str, Value)> {
        Vec::new()
    }
    fn child_values(_input: &Self::Input) -> Vec<Value> {
        Vec::new()
    }
    /// The record from its row's meta, fields and child values.
    fn assemble(meta: Meta, stored: Self::Stored, children: Vec<Value>) -> Result<Self, String>;
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

impl Page {
    /// Every record.
    pub const ALL: Page = Page {
        limit: u32::MAX,
        offset: 0,
    };
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

/// A row of either database read by column name.
macro_rules! sql_row {
    ($name:ident, $row:ty) => {
        pub(crate) struct $name<'r>(pub(crate) &'r $row);

        impl kizuna_domain::fields::Row for $name<'_> {
            fn get(&mut self, column: &str, kind: Kind) -> Result<Value, kizuna_domain::Invalid> {
                use sqlx::Row as _;
                let r = self.0;
                let bad = |e: sqlx::Error| kizuna_domain::Invalid::new("unreadable", format!("column {column}: {e}"));
                Ok(match kind {
                    Kind::Int => Value::Int(r.try_get(column).map_err(bad)?),
                    Kind::Text => Value::Text(r.try_get(column).map_err(bad)?),
                    Kind::Date => Value::Date(r.try_get(column).map_err(bad)?),
                    Kind::Time => Value::Time(r.try_get(column).map_err(bad)?),
                    Kind::Bool => Value::Bool(r.try_get(column).map_err(bad)?),
                })
            }
        }
    };
}
sql_row!(SqliteRow, sqlx::sqlite::SqliteRow);
sql_row!(PgRow, sqlx::postgres::PgRow);

/// Either database's row as a [`Row`] read by column name (the same code
/// is compiled for both backends by [`with_pool!`]).
pub(crate) trait ByName {
    fn by_name(&self) -> Box<dyn Row + '_>;
}

impl ByName for sqlx::sqlite::SqliteRow {
    fn by_name(&self) -> Box<dyn Row + '_> {
        Box::new(SqliteRow(self))
    }
}

impl ByName for sqlx::postgres::PgRow {
    fn by_name(&self) -> Box<dyn Row + '_> {
        Box::new(PgRow(self))
    }
}

/// The value of a child table's column.
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

/// The meta columns a record's rows have, in order.
pub(crate) fn meta_columns<R: Record>() -> &'static [&'static str] {
    if R::OWNED {
        &["id", "version", "office_id"]
    } else {
        &["id", "version"]
    }
}

/// The names of a record's stored columns: its fields', then computed ones.
fn field_columns<R: Record>() -> Vec<&'static str> {
    R::Stored::columns().iter().map(|c| c.name.as_str()).collect()
}

/// `alias.col, …` for every column a record is read from (meta and fields).
pub(crate) fn select_list<R: Record>(alias: &str) -> String {
    let prefix = if alias.is_empty() {
        String::new()
    } else {
        format!("{alias}.")
    };
    meta_columns::<R>()
        .iter()
        .copied()
        .chain(field_columns::<R>())
        .map(|c| format!("{prefix}{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Read a record's meta and stored fields from a row by column name.
pub(crate) fn read_parts<R: Record>(row: &mut dyn Row) -> Result<(Meta, R::Stored), StoreError> {
    let int = |row: &mut dyn Row, c: &str| match row.get(c, Kind::Int) {
        Ok(Value::Int(Some(v))) => Ok(v),
        Ok(_) => Err(StoreError::Corrupt(format!("{}: {c} is empty", R::ENTITY))),
        Err(e) => Err(StoreError::Corrupt(format!("{}: {e}", R::ENTITY))),
    };
    let id = int(row, "id")?;
    let version = int(row, "version")?;
    let office_id = if R::OWNED {
        int(row, "office_id")?
    } else {
        kizuna_domain::common::DEFAULT_OFFICE
    };
    let stored = R::Stored::read(row).map_err(|errs| {
        StoreError::Corrupt(format!(
            "{} {id}: {}",
            R::ENTITY,
            errs.iter()
                .map(|e| format!("{}: {}", e.field, e.message))
                .collect::<Vec<_>>()
                .join("; ")
        ))
    })?;
    Ok((Meta { id, version, office_id }, stored))
}

/// A record from its parts and child values.
pub(crate) fn assemble<R: Record>(meta: Meta, stored: R::Stored, children: Vec<Value>) -> Result<R, StoreError> {
    R::assemble(meta, stored, children).map_err(|m| StoreError::Corrupt(format!("{} {}: {m}", R::ENTITY, meta.id)))
}

/// Read a record without children from a row by column name.
pub(crate) fn read_row<R: Record>(row: &mut dyn Row) -> Result<R, StoreError> {
    let (meta, stored) = read_parts::<R>(row)?;
    assemble(meta, stored, Vec::new())
}

fn placeholders(from: usize, n: usize) -> String {
    (from..from + n).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}

/// The statement inserting a record kept by `office_id`, and its values.
fn insert_statement<R: Record>(office_id: Id, input: &R::Input) -> (String, Vec<Value>) {
    let mut cols = field_columns::<R>();
    let mut values = R::Stored::write(&R::stored(input));
    for (c, v) in R::computed(input) {
        cols.push(c);
        values.push(v);
    }
    if R::OWNED {
        cols.push("office_id");
        values.push(Value::Int(Some(office_id)));
    }
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({}) RETURNING id",
        R::TABLE,
        cols.join(", "),
        placeholders(1, cols.len())
    );
    (sql, values)
}

/// Insert a record inside the transaction `$tx` (its children too); its id.
macro_rules! insert_in {
    ($tx:ident, $r:ty, $office:expr, $input:expr) => {{
        let (sql, values) = insert_statement::<$r>($office, $input);
        let children = <$r>::child_values($input);
        let id: i64 = bind_all!(sqlx::query_scalar(AssertSqlSafe(sql.as_str())), values)
            .fetch_one(&mut *$tx)
            .await
            .map_err(|e| StoreError::from_write(e, <$r>::ENTITY, <$r>::UNIQUE))?;
        write_children!($tx, $r, id, children);
        id
    }};
}

impl Store {
    /// Insert records kept by `office_id` in one transaction: every one or,
    /// should any write fail, none. Their ids, in order.
    pub async fn insert_all<R: Record>(&self, office_id: Id, inputs: &[R::Input]) -> Result<Vec<Id>, StoreError> {
        if inputs.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<Id> = with_pool!(self, p => {
            let mut tx = p.begin().await?;
            let mut ids = Vec::with_capacity(inputs.len());
            for input in inputs {
                ids.push(insert_in!(tx, R, office_id, input));
            }
            let items: Vec<(&str, i64, Option<i64>, Op)> =
                ids.iter().map(|id| (R::ENTITY, *id, Some(office_id), Op::Upsert)).collect();
            log_change!(tx, R::SYSTEM, &items);
            let entries: Vec<NewEntry> = ids
                .iter()
                .map(|id| NewEntry::new(Action::Create, R::ENTITY, Some(*id)).office(R::OWNED.then_some(office_id)))
                .collect();
            audit_append!(tx, self, &entries);
            tx.commit().await?;
            ids
        });
        self.note_write(R::SYSTEM);
        Ok(ids)
    }

    /// Insert a record and a second one made from the first's id (a link
    /// to it, say) in one transaction: both, or neither if either fails.
    pub async fn insert_linked<A: Record, B: Record>(
        &self,
        office_id: Id,
        first: &A::Input,
        second: impl Fn(Id) -> B::Input,
    ) -> Result<(A, B), StoreError> {
        let (a, b): (Id, Id) = with_pool!(self, p => {
            let mut tx = p.begin().await?;
            let a = insert_in!(tx, A, office_id, first);
            let second_input = second(a);
            let b = insert_in!(tx, B, office_id, &second_input);
            log_change!(tx, A::SYSTEM, &[(A::ENTITY, a, Some(office_id), Op::Upsert)]);
            log_change!(tx, B::SYSTEM, &[(B::ENTITY, b, Some(office_id), Op::Upsert)]);
            audit_append!(tx, self, &[
                NewEntry::new(Action::Create, A::ENTITY, Some(a)).office(A::OWNED.then_some(office_id)),
                NewEntry::new(Action::Create, B::ENTITY, Some(b)).office(B::OWNED.then_some(office_id)),
            ]);
            tx.commit().await?;
            (a, b)
        });
        self.note_write(A::SYSTEM);
        self.note_write(B::SYSTEM);
        Ok((self.get::<A>(a).await?, self.get::<B>(b).await?))
    }

    /// Insert a record kept by `office_id` and return it as stored.
    pub async fn insert<R: Record>(&self, office_id: Id, input: &R::Input) -> Result<R, StoreError> {
        let (sql, values) = insert_statement::<R>(office_id, input);
        let children = R::child_values(input);
        let id: i64 = with_pool!(self, p => {
            let mut tx = p.begin().await?;
            let id: i64 = bind_all!(sqlx::query_scalar(AssertSqlSafe(sql.as_str())), values)
                .fetch_one(&mut *tx)
                .await
                .map_err(|e| StoreError::from_write(e, R::ENTITY, R::UNIQUE))?;
            write_children!(tx, R, id, children);
            log_change!(tx, R::SYSTEM, &[(R::ENTITY, id, Some(office_id), Op::Upsert)]);
            audit_append!(tx, self, &[NewEntry::new(Action::Create, R::ENTITY, Some(id)).office(R::OWNED.then_some(office_id))]);
            tx.commit().await?;
            id
        });
        self.note_write(R::SYSTEM);
        self.get::<R>(id).await
    }

    /// Replace a record's fields, if it is still at `version` (the version
    /// the change was made from): otherwise nothing is written and
    /// [`StoreError::Conflict`] names the version it is at now.
    pub async fn update<R: Record>(&self, id: Id, version: i64, input: &R::Input) -> Result<R, StoreError> {
        let mut cols = field_columns::<R>();
        let mut values = R::Stored::write(&R::stored(input));
        for (c, v) in R::computed(input) {
            cols.push(c);
            values.push(v);
        }
        let sets: Vec<String> = cols
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c} = ${}", i + 1))
            .collect();
        let n = values.len();
        let office = if R::OWNED { "office_id" } else { "CAST(NULL AS BIGINT)" };
        let sql = format!(
            "UPDATE {} SET {}, version = version + 1 WHERE id = ${} AND version = ${} RETURNING {office}",
            R::TABLE,
            sets.join(", "),
            n + 1,
            n + 2
        );
        let children = R::child_values(input);
        let current = format!("SELECT version FROM {} WHERE id = $1", R::TABLE);
        with_pool!(self, p => {
            let mut tx = p.begin().await?;
            let done: Option<Option<i64>> = bind_all!(sqlx::query_scalar(AssertSqlSafe(sql.as_str())), values)
                .bind(id)
                .bind(version)
                .fetch_optional(&mut *tx)
                .await
                .map_err(|e| StoreError::from_write(e, R::ENTITY, R::UNIQUE))?;
            let Some(office_id) = done else {
                let now: Option<i64> = sqlx::query_scalar(AssertSqlSafe(current.as_str())).bind(id).fetch_optional(&mut *tx).await?;
                return Err(match now {
                    None => StoreError::NotFound { entity: R::ENTITY, id },
                    Some(current) => StoreError::Conflict { entity: R::ENTITY, id, version, current },
                });
            };
            if let Some(child) = &R::CHILD {
                sqlx::query(AssertSqlSafe(format!("DELETE FROM {} WHERE {} = $1", child.table, child.parent_column)))
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            }
            write_children!(tx, R, id, children);
            log_change!(tx, R::SYSTEM, &[(R::ENTITY, id, office_id, Op::Upsert)]);
            audit_append!(
                tx,
                self,
                &[NewEntry::new(Action::Update, R::ENTITY, Some(id))
                    .office(office_id)
                    .detail(format!("version {}", version + 1))]
            );
            tx.commit().await?;
        });
        self.note_write(R::SYSTEM);
        self.get::<R>(id).await
    }

    /// Delete a record; refused while other records refer to it.
    pub async fn delete<R: Record>(&self, id: Id) -> Result<(), StoreError> {
        let office = if R::OWNED { "office_id" } else { "CAST(NULL AS BIGINT)" };
        let sql = format!("DELETE FROM {} WHERE id = $1 RETURNING {office}", R::TABLE);
        let done = with_pool!(self, p => async {
            let mut tx = p.begin().await?;
            let office: Option<Option<i64>> = sqlx::query_scalar(AssertSqlSafe(sql.as_str())).bind(id).fetch_optional(&mut *tx).await?;
            if let Some(office_id) = office {
                log_change!(tx, R::SYSTEM, &[(R::ENTITY, id, office_id, Op::Delete)]);
                audit_append!(tx, self, &[NewEntry::new(Action::Delete, R::ENTITY, Some(id)).office(office_id)]);
            }
            tx.commit().await?;
            Ok::<bool, sqlx::Error>(office.is_some())
        }.await)
        .map_err(|e| match StoreError::from_write(e, R::ENTITY, R::UNIQUE) {
            StoreError::Rejected(_) => StoreError::rejected(
                "id",
                "in_use",
                format!("{} {id} cannot be deleted while other records refer to it", R::ENTITY),
            ),
            other => other,
        })?;
        if !done {
            return Err(StoreError::NotFound { entity: R::ENTITY, id });
        }
        self.note_write(R::SYSTEM);
        Ok(())
    }

    pub async fn get<R: Record>(&self, id: Id) -> Result<R, StoreError> {
        let mut found = self
            .select::<R>(&[("id", Value::Int(Some(id)))], Page { limit: 1, offset: 0 })
            .await?;
        found.pop().ok_or(StoreError::NotFound { entity: R::ENTITY, id })
    }

    /// Records whose columns equal the given values, in the record's order.
    /// Column names come from the record's declaration (or `id`,
    /// `office_id`), never from users.
    pub async fn select<R: Record>(&self, filter: &[(&str, Value)], page: Page) -> Result<Vec<R>, StoreError> {
        self.select_rows(filter, None, page).await
    }

    /// Up to `limit` records with ids above `after`, by id: a whole table
    /// read in pages that each start where the last ended, so that no page
    /// skips over the rows before it and the rows are never all in memory.
    pub async fn select_after<R: Record>(&self, after: Id, limit: u32) -> Result<Vec<R>, StoreError> {
        self.select_rows(&[], Some(after), Page { limit, offset: 0 }).await
    }

    /// The records with these ids (any that exist), by id, read in batches.
    pub async fn get_many<R: Record>(&self, ids: &[Id]) -> Result<Vec<R>, StoreError> {
        let mut out = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(500) {
            let sql = format!(
                "SELECT {} FROM {} WHERE id IN ({}) ORDER BY id",
                select_list::<R>(""),
                R::TABLE,
                placeholders(1, chunk.len())
            );
            let values: Vec<Value> = chunk.iter().map(|i| Value::Int(Some(*i))).collect();
            let mut got = self.read_records::<R>(&sql, values).await?;
            out.append(&mut got);
        }
        Ok(out)
    }

    async fn select_rows<R: Record>(
        &self,
        filter: &[(&str, Value)],
        after: Option<Id>,
        page: Page,
    ) -> Result<Vec<R>, StoreError> {
        let mut sql = format!("SELECT {} FROM {}", select_list::<R>(""), R::TABLE);
        let mut values = Vec::new();
        for (i, (col, v)) in filter.iter().enumerate() {
            debug_assert!(
                matches!(*col, "id" | "office_id")
                    || field_columns::<R>().contains(col)
                    || R::COMPUTED.iter().any(|(c, _)| c == col),
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
        self.read_records::<R>(&sql, values).await
    }

    /// Run a query whose rows are records of `R` (with their children).
    pub(crate) async fn read_records<R: Record>(&self, sql: &str, values: Vec<Value>) -> Result<Vec<R>, StoreError> {
        let parts: Vec<(Meta, R::Stored)> = with_pool!(self, p => {
            let rows = bind_all!(sqlx::query(AssertSqlSafe(sql)), values).fetch_all(p).await?;
            let mut out = Vec::with_capacity(rows.len());
            for row in &rows {
                out.push(read_parts::<R>(&mut *row.by_name())?);
            }
            out
        });
        let mut out = Vec::with_capacity(parts.len());
        for (meta, stored) in parts {
            let children = match &R::CHILD {
                Some(child) => self.children(child, meta.id).await?,
                None => Vec::new(),
            };
            out.push(assemble(meta, stored, children)?);
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

    async fn children(&self, child: &Child, id: Id) -> Result<Vec<Value>, StoreError> {
        use sqlx::Row as _;
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
    pub async fn exists<R: Record>(&self, id: Id) -> Result<bool, StoreError> {
        Ok(self.count::<R>(&[("id", Value::Int(Some(id)))]).await? > 0)
    }
}

pub(crate) use bind_all;
