//! Places of the Muslim-friendly map: how a [`Place`] maps onto the
//! `places` table, and writes of many places at once keyed by their source.

use kizuna_domain::map::place::{Place, PlaceFields, PlaceInput};
use sqlx::AssertSqlSafe;

use crate::record::{BUMP_PLACES, Kind, Page, Record, Value, bind_all};
use crate::records::Cols;
use crate::{Store, StoreError, with_pool};

fn text(s: Option<String>) -> Value {
    Value::Text(s)
}

fn date(s: Option<&str>) -> Value {
    Value::Date(s.and_then(|s| s.parse().ok()))
}

impl Record for Place {
    const ENTITY: &'static str = "place";
    const TABLE: &'static str = "places";
    const UNIQUE: &'static str = "source_id";
    const BUMP: &'static str = BUMP_PLACES;
    const AFTER_WRITE: Option<&'static str> = Some(
        "UPDATE places SET changed_version = (SELECT places_version FROM data_version WHERE id = 1) WHERE id = $1",
    );
    const AFTER_DELETE: Option<&'static str> = Some(
        "INSERT INTO place_deletions (place_id, version) SELECT $1, places_version FROM data_version WHERE id = 1",
    );
    const COLUMNS: &'static [(&'static str, Kind)] = &[
        ("source", Kind::Text),
        ("source_id", Kind::Text),
        ("name_ja", Kind::Text),
        ("name_en", Kind::Text),
        ("name_th", Kind::Text),
        ("name_ms", Kind::Text),
        ("name_ar", Kind::Text),
        ("name_id", Kind::Text),
        ("category", Kind::Text),
        ("chain", Kind::Text),
        ("branch", Kind::Text),
        ("address", Kind::Text),
        ("phone", Kind::Text),
        ("website", Kind::Text),
        ("locality_id", Kind::Int),
        ("lat_e7", Kind::Int),
        ("lon_e7", Kind::Int),
        ("assurance", Kind::Text),
        ("certifier", Kind::Text),
        ("certificate_number", Kind::Text),
        ("certificate_valid_from", Kind::Date),
        ("certificate_valid_until", Kind::Date),
        ("alcohol_served", Kind::Bool),
        ("prayer_space", Kind::Bool),
        ("wudu", Kind::Bool),
        ("women_space", Kind::Bool),
        ("qibla_marked", Kind::Bool),
        ("prayer_mats", Kind::Bool),
        ("opening_hours", Kind::Text),
        ("attribution", Kind::Text),
        ("last_verified", Kind::Date),
    ];
    type Input = PlaceInput;

    fn values(i: &PlaceInput) -> Vec<Value> {
        let f = PlaceFields::from(i);
        vec![
            text(f.source),
            text(f.source_id),
            text(f.name_ja),
            text(f.name_en),
            text(f.name_th),
            text(f.name_ms),
            text(f.name_ar),
            text(f.name_id),
            text(f.category),
            text(f.chain),
            text(f.branch),
            text(f.address),
            text(f.phone),
            text(f.website),
            Value::Int(f.locality_id),
            Value::Int(Some(i.position.lat_e7())),
            Value::Int(Some(i.position.lon_e7())),
            text(f.assurance),
            text(f.certifier),
            text(f.certificate_number),
            date(f.certificate_valid_from.as_deref()),
            date(f.certificate_valid_until.as_deref()),
            Value::Bool(f.alcohol_served),
            Value::Bool(f.prayer_space),
            Value::Bool(f.wudu),
            Value::Bool(f.women_space),
            Value::Bool(f.qibla_marked),
            Value::Bool(f.prayer_mats),
            text(f.opening_hours),
            text(f.attribution),
            date(f.last_verified.as_deref()),
        ]
    }

    fn from_values(id: i64, v: Vec<Value>, _: Vec<Value>) -> Result<Self, String> {
        let mut c = Cols::new(v, Self::COLUMNS);
        let e7 = |v: i64| v as f64 / 1e7;
        let f = PlaceFields {
            source: c.opt_text()?,
            source_id: c.opt_text()?,
            name_ja: c.opt_text()?,
            name_en: c.opt_text()?,
            name_th: c.opt_text()?,
            name_ms: c.opt_text()?,
            name_ar: c.opt_text()?,
            name_id: c.opt_text()?,
            category: c.opt_text()?,
            chain: c.opt_text()?,
            branch: c.opt_text()?,
            address: c.opt_text()?,
            phone: c.opt_text()?,
            website: c.opt_text()?,
            locality_id: c.opt_int()?,
            lat: Some(e7(c.int()?)),
            lon: Some(e7(c.int()?)),
            assurance: c.opt_text()?,
            certifier: c.opt_text()?,
            certificate_number: c.opt_text()?,
            certificate_valid_from: c.opt_date()?.map(|d| d.to_string()),
            certificate_valid_until: c.opt_date()?.map(|d| d.to_string()),
            alcohol_served: c.opt_bool()?,
            prayer_space: c.opt_bool()?,
            wudu: c.opt_bool()?,
            women_space: c.opt_bool()?,
            qibla_marked: c.opt_bool()?,
            prayer_mats: c.opt_bool()?,
            opening_hours: c.opt_text()?,
            attribution: c.opt_text()?,
            last_verified: c.opt_date()?.map(|d| d.to_string()),
        };
        let fields = f.validate().map_err(|errs| {
            errs.iter()
                .map(|e| format!("{}: {}", e.field, e.message))
                .collect::<Vec<_>>()
                .join("; ")
        })?;
        Ok(Place { id, fields })
    }
}

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

/// What [`Store::place_changes_since`] found: (place id, places version).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlaceChanges {
    /// Places inserted or updated, by id.
    pub changed: Vec<(i64, i64)>,
    /// Places deleted, oldest first (an id may be deleted and later reused).
    pub deleted: Vec<(i64, i64)>,
}

impl Store {
    /// Write many places in one transaction: each one new under its
    /// `(source, source_id)` is inserted, each already recorded is replaced.
    /// All or nothing.
    pub async fn upsert_places(&self, places: &[PlaceInput]) -> Result<UpsertCounts, StoreError> {
        let cols: Vec<&str> = Place::COLUMNS.iter().map(|(c, _)| *c).collect();
        let placeholders: Vec<String> = (1..=cols.len()).map(|i| format!("${i}")).collect();
        let sets: Vec<String> = cols
            .iter()
            .filter(|c| !matches!(**c, "source" | "source_id"))
            .map(|c| format!("{c} = excluded.{c}"))
            .collect();
        // Every row written carries the places version this write makes.
        let upsert = format!(
            "INSERT INTO places ({}, changed_version) VALUES ({}, (SELECT places_version FROM data_version WHERE id = 1))
             ON CONFLICT (source, source_id) DO UPDATE SET {}, changed_version = excluded.changed_version RETURNING id",
            cols.join(", "),
            placeholders.join(", "),
            sets.join(", ")
        );
        let find = "SELECT id FROM places WHERE source = $1 AND source_id = $2";
        let mut counts = UpsertCounts::default();
        with_pool!(self, p => {
            let mut tx = p.begin().await?;
            sqlx::query(BUMP_PLACES).execute(&mut *tx).await?;
            for place in places {
                let existing: Option<i64> = sqlx::query_scalar(find)
                    .bind(place.source.kind().as_str())
                    .bind(place.source.id().as_str())
                    .fetch_optional(&mut *tx)
                    .await?;
                let id: i64 = bind_all!(sqlx::query_scalar(AssertSqlSafe(upsert.as_str())), Place::values(place))
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(|e| StoreError::from_write(e, Place::ENTITY, Place::UNIQUE))?;
                if existing.is_some() {
                    counts.updated += 1;
                } else {
                    counts.inserted += 1;
                }
                counts.ids.push(id);
            }
            tx.commit().await?;
            self.note_place_write();
        });
        Ok(counts)
    }

    /// The places written and deleted after places version `since`, each
    /// with the version that wrote or deleted it; `None` when there are more
    /// than `limit` of either (reading every place is then quicker).
    pub async fn place_changes_since(&self, since: i64, limit: usize) -> Result<Option<PlaceChanges>, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX - 1);
        let changed: Vec<(i64, i64)> = with_pool!(self, p => sqlx::query_as(
            "SELECT id, changed_version FROM places WHERE changed_version > $1 ORDER BY id LIMIT $2",
        )
        .bind(since)
        .bind(limit + 1)
        .fetch_all(p)
        .await?);
        let deleted: Vec<(i64, i64)> = with_pool!(self, p => sqlx::query_as(
            "SELECT place_id, version FROM place_deletions WHERE version > $1 ORDER BY version LIMIT $2",
        )
        .bind(since)
        .bind(limit + 1)
        .fetch_all(p)
        .await?);
        if changed.len() as i64 > limit || deleted.len() as i64 > limit {
            return Ok(None);
        }
        Ok(Some(PlaceChanges { changed, deleted }))
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
