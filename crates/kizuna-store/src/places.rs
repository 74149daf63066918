//! Places of the Muslim-friendly map beyond plain records: writes of many
//! places at once keyed by their source, every place in pages, and a place
//! by its source.

use kizuna_domain::System;
use kizuna_domain::common::Id;
use kizuna_domain::fields::Fields;
use kizuna_domain::map::place::{Place, PlaceFields, PlaceInput};
use sqlx::AssertSqlSafe;

use crate::changes::{Op, log_change};
use crate::record::{Page, Record, Value, bind_all};
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
        let cols: Vec<&str> = PlaceFields::columns().iter().map(|c| c.name.as_str()).collect();
        let n = cols.len();
        let sets: Vec<String> = cols
            .iter()
            .filter(|c| !matches!(**c, "source" | "source_id"))
            .map(|c| format!("{c} = excluded.{c}"))
            .chain(std::iter::once("version = places.version + 1".to_owned()))
            .collect();
        // A place already recorded as it is in the file is left alone: no
        // new version, nothing in the change feed.
        let row = |prefix: &str| {
            cols.iter()
                .filter(|c| !matches!(**c, "source" | "source_id"))
                .map(|c| format!("{prefix}.{c}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let upsert = format!(
            "INSERT INTO places ({}, office_id) VALUES ({}, ${}) \
             ON CONFLICT (source, source_id) DO UPDATE SET {} \
             WHERE ({}) IS DISTINCT FROM ({}) RETURNING id, version",
            cols.join(", "),
            (1..=n).map(|i| format!("${i}")).collect::<Vec<_>>().join(", "),
            n + 1,
            sets.join(", "),
            row("places"),
            row("excluded")
        );
        let find = "SELECT id FROM places WHERE source = $1 AND source_id = $2";
        let mut counts = UpsertCounts::default();
        with_pool!(self, p => {
            let mut tx = p.begin().await?;
            let mut logged = Vec::with_capacity(places.len());
            let mut audited = Vec::new();
            for place in places {
                let written: Option<(i64, i64)> =
                    bind_all!(sqlx::query_as(AssertSqlSafe(upsert.as_str())), PlaceFields::from(place).write())
                        .bind(office_id)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(|e| StoreError::from_write(e, Place::ENTITY, Place::UNIQUE))?;
                match written {
                    Some((id, version)) => {
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
}
