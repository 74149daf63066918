//! Places of the Muslim-friendly map beyond plain records: writes of many
//! places at once keyed by their source, every place in pages, and a place
//! by its source.

use std::collections::HashMap;

use kizuna_domain::System;
use kizuna_domain::common::Id;
use kizuna_domain::fields::Fields;
use kizuna_domain::map::place::{Place, PlaceFields, PlaceInput};
use sqlx::AssertSqlSafe;

use crate::changes::{Op, log_change};
use crate::place_sort;
use crate::record::{Kind, Page, Record, Value, bind_all};
use crate::{Store, StoreError, with_pool};

/// What [`Store::upsert_places`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct UpsertCounts {
    /// Places that were new.
    pub inserted: usize,
    /// Places already recorded under the same source and source id, replaced.
    pub updated: usize,
    /// The id of each place written, in input order.
    pub ids: Vec<i64>,
}

impl Store {
    /// Write many places in one transaction: each one new under its
    /// `(source, source_id)` is inserted, each already recorded is replaced.
    /// All or nothing.
    pub async fn upsert_places(&self, office_id: Id, places: &[PlaceInput]) -> Result<UpsertCounts, StoreError> {
        let upsert = upsert_sql(1, self.is_sqlite());
        let find = "SELECT id FROM places WHERE source = $1 AND source_id = $2";
        let mut counts = UpsertCounts::default();
        with_pool!(self, p => {
            let mut tx = p.begin().await?;
            let mut logged = Vec::with_capacity(places.len());
            let mut audited = Vec::new();
            for place in places {
                let written: Option<(i64, i64, String, String)> =
                    bind_all!(sqlx::query_as(AssertSqlSafe(upsert.as_str())), PlaceFields::from(place).write())
                        .bind(office_id)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(|e| StoreError::from_write(e, Place::ENTITY, Place::UNIQUE))?;
                match written {
                    Some((id, version, _, _)) => {
                        if version > 1 {
                            counts.updated += 1;
                        } else {
                            counts.inserted += 1;
                        }
                        counts.ids.push(id);
                        logged.push((Place::ENTITY, id, Some(office_id), Op::Upsert));
                        let action = if version > 1 { crate::Action::Update } else { crate::Action::Create };
                        audited.push(crate::NewEntry::new(action, Place::ENTITY, Some(id)).office(Some(office_id)).detail("import"));
                    }
                    None => {
                        let id: i64 = sqlx::query_scalar(find)
                            .bind(place.source.kind().as_str())
                            .bind(place.source.id().as_str())
                            .fetch_one(&mut *tx)
                            .await?;
                        counts.updated += 1;
                        counts.ids.push(id);
                    }
                }
            }
            if !logged.is_empty() {
                log_change!(tx, System::Map, &logged);
            }
            crate::audit::audit_append!(tx, self, &audited);
            tx.commit().await?;
        });
        self.note_write(System::Map);
        Ok(counts)
    }

    /// Every place, by id.
    pub async fn all_places(&self) -> Result<Vec<Place>, StoreError> {
        // In pages: a million rows fetched at once held three copies of
        // every value, and freeing them together left the C allocator
        // seconds of work at the database thread's next large allocation.
        const PAGE: u32 = 10_000;
        let mut all: Vec<Place> = Vec::new();
        loop {
            let after = all.last().map_or(0, |p| p.id);
            let page = self.select_after::<Place>(after, PAGE).await?;
            let done = page.len() < PAGE as usize;
            all.extend(page);
            if done {
                return Ok(all);
            }
        }
    }

    /// The places whose position lies between two latitudes and, unless
    /// `lon` is `None` (every longitude), between two longitudes (`west >
    /// east`: across the antimeridian), by id. Degrees; the box is widened
    /// to the stored precision (1e-7 degrees), never narrowed. For searches
    /// answered while the map's index loads: a scan of the table.
    pub async fn places_in_box(
        &self,
        south: f64,
        north: f64,
        lon: Option<(f64, f64)>,
    ) -> Result<Vec<Place>, StoreError> {
        // Finite degrees within ±180 after clamping: the casts cannot overflow.
        #[allow(clippy::cast_possible_truncation)]
        let e7 = |v: f64, up: bool| {
            let v = v.clamp(-180.0, 180.0) * 1e7;
            (if up { v.ceil() } else { v.floor() }) as i64
        };
        let mut sql = format!(
            "SELECT {} FROM {} WHERE lat_e7 BETWEEN $1 AND $2",
            crate::record::select_list::<Place>(""),
            Place::TABLE
        );
        let mut values = vec![Value::Int(Some(e7(south, false))), Value::Int(Some(e7(north, true)))];
        if let Some((west, east)) = lon {
            sql.push_str(if west <= east {
                " AND lon_e7 BETWEEN $3 AND $4"
            } else {
                " AND (lon_e7 >= $3 OR lon_e7 <= $4)"
            });
            values.push(Value::Int(Some(e7(west, false))));
            values.push(Value::Int(Some(e7(east, true))));
        }
        sql.push_str(" ORDER BY id");
        self.read_records::<Place>(&sql, values).await
    }

    /// The place recorded under a source and its id there.
    pub async fn place_by_source(&self, source: &str, source_id: &str) -> Result<Option<Place>, StoreError> {
        Ok(self
            .select::<Place>(
                &[
                    ("source", Value::Text(Some(source.to_owned()))),
                    ("source_id", Value::Text(Some(source_id.to_owned()))),
                ],
                Page { limit: 1, offset: 0 },
            )
            .await?
            .pop())
    }

    /// The places with these ids (any that exist), in no particular order:
    /// the places [`Store::get_many`] reads, for the map's searches. Each
    /// row comes as one JSON array and a batch's rows as one value
    /// (`json_group_array` on SQLite, `json_agg` on PostgreSQL), so the
    /// driver hands over one value per batch rather than each of the ~55
    /// columns of every row (on SQLite each copied with its own
    /// allocations and sent through the connection's thread row by row).
    pub async fn places_by_ids(&self, ids: &[Id]) -> Result<Vec<Place>, StoreError> {
        let columns = place_read_columns();
        let list = crate::record::select_list::<Place>("");
        let sqlite = self.is_sqlite();
        let (array, group) = if sqlite {
            ("json_array", "json_group_array")
        } else {
            ("json_build_array", "json_agg")
        };
        let mut out = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(500) {
            let params = if sqlite {
                vec!["?"; chunk.len()].join(", ")
            } else {
                (1..=chunk.len())
                    .map(|i| format!("${i}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let sql = format!(
                "SELECT CAST({group}({array}({list})) AS TEXT) FROM {} WHERE id IN ({params})",
                Place::TABLE
            );
            let text: Option<String> = with_pool!(self, p => {
                let mut q = sqlx::query_scalar(AssertSqlSafe(sql.as_str()));
                for id in chunk {
                    q = q.bind(*id);
                }
                q.fetch_one(p).await?
            });
            let Some(text) = text else { continue };
            let rows: Vec<Vec<serde_json::Value>> = serde_json::from_str(&text)
                .map_err(|e| StoreError::Corrupt(format!("{}: rows read as JSON: {e}", Place::ENTITY)))?;
            for cells in rows {
                let mut row = JsonRow {
                    columns: &columns,
                    cells,
                    next: 0,
                };
                let (meta, stored) = crate::record::read_parts::<Place>(&mut row)?;
                out.push(crate::record::assemble::<Place>(meta, stored, Vec::new())?);
            }
        }
        Ok(out)
    }
}

/// A place's columns as [`Store::places_by_ids`] reads them: its meta
/// columns (integers), then its fields'.
fn place_read_columns() -> Vec<(&'static str, Kind)> {
    crate::record::meta_columns::<Place>()
        .iter()
        .map(|c| (*c, Kind::Int))
        .chain(PlaceFields::columns().iter().map(|c| (c.name.as_str(), c.kind)))
        .collect()
}

/// A row read from a JSON array of its columns' values, by column name,
/// each value taken as the driver takes it from the column: SQLite's
/// integers as booleans (non-zero: true) and its `YYYY-MM-DD` text as
/// dates; PostgreSQL's booleans and dates as JSON writes them.
struct JsonRow<'c> {
    columns: &'c [(&'static str, Kind)],
    cells: Vec<serde_json::Value>,
    /// Where the next column asked for is likely to be (they are asked
    /// for in the order selected).
    next: usize,
}

impl kizuna_domain::fields::Row for JsonRow<'_> {
    fn get(&mut self, column: &str, kind: Kind) -> Result<Value, kizuna_domain::Invalid> {
        use serde_json::Value as J;
        let bad = |what: &str| kizuna_domain::Invalid::new("unreadable", format!("column {column}: {what}"));
        let i = match self.columns.get(self.next) {
            Some((c, _)) if *c == column => self.next,
            _ => self
                .columns
                .iter()
                .position(|(c, _)| *c == column)
                .ok_or_else(|| bad("not selected"))?,
        };
        self.next = i + 1;
        let cell = self.cells.get(i).ok_or_else(|| bad("missing from the row"))?;
        let mismatched = || bad(&format!("expected a {} value, found {cell}", kind.as_str()));
        Ok(match (kind, cell) {
            (_, J::Null) => Value::null(kind),
            (Kind::Int, J::Number(n)) => Value::Int(Some(n.as_i64().ok_or_else(mismatched)?)),
            (Kind::Text, J::String(s)) => Value::Text(Some(s.clone())),
            (Kind::Bool, J::Bool(b)) => Value::Bool(Some(*b)),
            (Kind::Bool, J::Number(n)) => Value::Bool(Some(n.as_i64().ok_or_else(mismatched)? != 0)),
            (Kind::Date, J::String(s)) => Value::Date(Some(
                chrono::NaiveDate::parse_from_str(s, "%F").map_err(|e| bad(&e.to_string()))?,
            )),
            _ => return Err(mismatched()),
        })
    }
}

/// What [`Store::upsert_place_stream`] is handed: a batch of places to
/// write, or the word to commit.
pub enum PlaceBatch {
    Places(Vec<PlaceInput>),
    /// Every batch was sent and the file had no problem: commit.
    Done,
}

/// Rows per multi-row statement of [`Store::upsert_place_stream`] on
/// PostgreSQL: about 24,000 parameters, under its limit (65,535).
const ROWS_PER_STATEMENT: usize = 500;

/// Rows per multi-row statement on SQLite: about 12,000 parameters, under
/// its limit (32,766). They are anonymous (`?`): SQLite looks a numbered
/// one up by walking the list of all of them, so 24 rows of numbered
/// parameters already spent 41% of an import binding them.
const SQLITE_ROWS_PER_STATEMENT: usize = 250;

/// A batch with its places' keys ([`place_sort::keys_of_inputs`]), or the
/// word to commit.
enum Keyed {
    Places(Vec<PlaceInput>, Vec<place_sort::PlaceKeys>),
    Done,
}

impl Store {
    fn rows_per_statement(&self) -> usize {
        if self.is_sqlite() {
            SQLITE_ROWS_PER_STATEMENT
        } else {
            ROWS_PER_STATEMENT
        }
    }

    fn is_sqlite(&self) -> bool {
        matches!(&self.pool, crate::Pool::Sqlite(_))
    }
}

impl Store {
    /// Write places as they arrive, in batches, all in ONE transaction:
    /// committed when [`PlaceBatch::Done`] arrives, rolled back (nothing
    /// written, `Ok(None)`) when the channel closes before it — the reader
    /// found a problem, or stopped. Each place new under its `(source,
    /// source_id)` is inserted, each recorded one replaced, as
    /// [`upsert_places`](Self::upsert_places) does, but with multi-row
    /// statements, and the change feed and audit log written per batch. The
    /// places of one batch must have distinct keys (the caller checks the
    /// file for duplicates). `ids` is left empty: a million ids are not
    /// kept for nobody.
    pub async fn upsert_place_stream(
        &self,
        office_id: Id,
        mut batches: tokio::sync::mpsc::Receiver<PlaceBatch>,
    ) -> Result<Option<UpsertCounts>, StoreError> {
        let per = self.rows_per_statement();
        let sqlite = self.is_sqlite();
        let full = upsert_sql(per, sqlite);
        // The places' sort keys are made ahead of the writer, a batch at a
        // time on the blocking pool (on every core), while it writes the
        // batch before: collation is pure work on the names, and the
        // transaction then only writes them.
        let (keyed_tx, mut keyed) = tokio::sync::mpsc::channel::<Keyed>(1);
        let keyer = tokio::spawn(async move {
            while let Some(batch) = batches.recv().await {
                let next = match batch {
                    PlaceBatch::Places(places) => match place_sort::keys_of_inputs(places).await {
                        Some((places, keys)) => Keyed::Places(places, keys),
                        // The runtime is shutting down.
                        None => return,
                    },
                    PlaceBatch::Done => Keyed::Done,
                };
                let done = matches!(next, Keyed::Done);
                if keyed_tx.send(next).await.is_err() || done {
                    return;
                }
            }
        });
        let mut counts = UpsertCounts::default();
        let mut committed = false;
        with_pool!(self, p => {
            let mut tx = p.begin().await?;
            while let Some(batch) = keyed.recv().await {
                let (places, keys) = match batch {
                    Keyed::Places(places, keys) => (places, keys),
                    Keyed::Done => {
                        committed = true;
                        break;
                    }
                };
                let mut logged = Vec::with_capacity(places.len());
                let mut audited = Vec::with_capacity(places.len());
                // (id, the place's position in the batch) of each written; the ids of those replaced.
                let mut keyed_ids: Vec<(i64, usize)> = Vec::with_capacity(places.len());
                let mut replaced: Vec<i64> = Vec::new();
                for (c, chunk) in places.chunks(per).enumerate() {
                    let sql = if chunk.len() == per { full.clone() } else { upsert_sql(chunk.len(), sqlite) };
                    let mut q = sqlx::query_as::<_, (i64, i64, String, String)>(AssertSqlSafe(sql));
                    for place in chunk {
                        q = bind_all!(q, PlaceFields::from(place).write()).bind(office_id);
                    }
                    let written = q
                        .fetch_all(&mut *tx)
                        .await
                        .map_err(|e| StoreError::from_write(e, Place::ENTITY, Place::UNIQUE))?;
                    // Rows already as the file has them return nothing: updated, unchanged.
                    counts.updated += chunk.len() - written.len();
                    // The rows come back in no set order: found by their (distinct) keys.
                    let at: HashMap<(&str, &str), usize> = chunk
                        .iter()
                        .enumerate()
                        .map(|(i, p)| ((p.source.kind().as_str(), p.source.id().as_str()), c * per + i))
                        .collect();
                    for (id, version, source, source_id) in written {
                        let action = if version > 1 {
                            counts.updated += 1;
                            replaced.push(id);
                            crate::Action::Update
                        } else {
                            counts.inserted += 1;
                            crate::Action::Create
                        };
                        let i = at.get(&(source.as_str(), source_id.as_str())).copied().ok_or_else(|| {
                            StoreError::Corrupt(format!("place {id} written under {source} {source_id}, not in its batch"))
                        })?;
                        keyed_ids.push((id, i));
                        logged.push((Place::ENTITY, id, Some(office_id), Op::Upsert));
                        audited.push(crate::NewEntry::new(action, Place::ENTITY, Some(id)).office(Some(office_id)).detail("import"));
                    }
                }
                // The keys made ahead, in place of those the change feed's hook would make.
                let rows: Vec<(i64, &str, &[u8])> = keyed_ids
                    .iter()
                    .flat_map(|(id, i)| {
                        place_sort::ORDERS
                            .iter()
                            .zip(&keys[*i])
                            .map(move |((ord, _, _), key)| (*id, *ord, key.as_slice()))
                    })
                    .collect();
                place_sort::replace_place_keys!(tx, sqlite, &replaced, &rows);
                if !logged.is_empty() {
                    log_change!(tx, System::Map, &logged, keep_place_keys: false);
                }
                crate::audit::audit_append!(tx, self, &audited);
            }
            if committed {
                tx.commit().await?;
            } else {
                tx.rollback().await?;
            }
        });
        if !committed {
            // A panic while making keys is the keyer's, and the import's.
            if let Err(e) = keyer.await
                && let Ok(panic) = e.try_into_panic()
            {
                std::panic::resume_unwind(panic);
            }
            return Ok(None);
        }
        self.note_write(System::Map);
        Ok(Some(counts))
    }

    /// How many of these `(source, source_id)` keys are recorded: one query
    /// for a whole batch (a dry run's "would add, would update").
    pub async fn count_places_by_source(&self, keys: &[(&str, &str)]) -> Result<usize, StoreError> {
        let mut found = 0usize;
        for chunk in keys.chunks(2_000) {
            let sql = format!(
                "SELECT COUNT(*) FROM places WHERE (source, source_id) IN (VALUES {})",
                crate::changes::value_rows(self.is_sqlite(), chunk.len(), 2, 1)
            );
            let n: i64 = with_pool!(self, p => {
                let mut q = sqlx::query_scalar(AssertSqlSafe(sql));
                for (source, id) in chunk {
                    q = q.bind(*source).bind(*id);
                }
                q.fetch_one(p).await?
            });
            found += usize::try_from(n).unwrap_or(0);
        }
        Ok(found)
    }
}

/// The statement that inserts `rows` places (each row its columns, then
/// its office) or replaces those recorded under the same source and source
/// id, returning the id, version, source and source id of each row it
/// wrote. A place already recorded as it is in the file is left alone: no
/// new version, nothing in the change feed, nothing returned. Parameters as
/// [`value_rows`](crate::changes::value_rows) writes them for the backend.
fn upsert_sql(rows: usize, sqlite: bool) -> String {
    let cols: Vec<&str> = PlaceFields::columns().iter().map(|c| c.name.as_str()).collect();
    let n = cols.len() + 1;
    let sets: Vec<String> = cols
        .iter()
        .filter(|c| !matches!(**c, "source" | "source_id"))
        .map(|c| format!("{c} = excluded.{c}"))
        .chain(std::iter::once("version = places.version + 1".to_owned()))
        .collect();
    let row = |prefix: &str| {
        cols.iter()
            .filter(|c| !matches!(**c, "source" | "source_id"))
            .map(|c| format!("{prefix}.{c}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let values = crate::changes::value_rows(sqlite, rows, n, 1);
    format!(
        "INSERT INTO places ({}, office_id) VALUES {} \
         ON CONFLICT (source, source_id) DO UPDATE SET {} \
         WHERE ({}) IS DISTINCT FROM ({}) RETURNING id, version, source, source_id",
        cols.join(", "),
        values,
        sets.join(", "),
        row("places"),
        row("excluded"),
    )
}
