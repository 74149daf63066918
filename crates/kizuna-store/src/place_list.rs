//! Lists of places read a page at a time, never every place at once: the
//! review counts as ranges of indexes (migration 30), and the id and shown name
//! of each place matching a list's filters (its category, its recorded
//! assurance, not verified since a day, a text in its names) read in pages
//! by id, so that whoever orders them by name keeps only the page it
//! shows. The places of that page are then read with [`Store::get_many`].
//!
//! A name's order for a reader (ICU collation, CLDR's tailorings) cannot be
//! written in SQL both databases share; instead each place's shown name is
//! kept as a collation sort key per order (`place_sort.rs`, migration 29),
//! and the lists are ordered and paged by it in SQL
//! ([`Store::place_ids_by_key`], [`Store::place_class_by_key`]). Until the
//! keys are ready (or for an order not kept, or a text matched in Rust)
//! the names come out by id and are put in order by the caller.

use chrono::NaiveDate;
use kizuna_domain::common::Id;
use kizuna_domain::map::place::NAME_LANGUAGES;
use sqlx::AssertSqlSafe;

use crate::record::{Value, bind_all};
use crate::{Store, StoreError, with_pool};

/// The languages of a place's chain and branch columns (`chain_en` …).
const CHAIN_LANGUAGES: [&str; 4] = ["en", "ja", "th", "ms"];

/// Which places a list holds. Every condition given must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlaceListFilter {
    /// The category as stored (`cafe`, …).
    pub category: Option<String>,
    /// The assurance level as recorded (`certified` includes ended
    /// certificates).
    pub assurance: Option<String>,
    /// Only places last verified on or before this day, or never.
    pub verified_by: Option<NaiveDate>,
    /// Part of any name, chain or branch, in any language and case
    /// (compared as `to_lowercase` writes both).
    pub text: Option<String>,
}

/// How many places need a look, over every place.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PlaceListCounts {
    pub all: i64,
    /// Last verified on or before the day given, or never.
    pub stale: i64,
    /// Certificates valid today that end by the day given.
    pub expiring: i64,
    /// Certificates that ended before today.
    pub expired: i64,
}

/// A place of a list: its id and the name it is shown (and sorted) by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedPlace {
    pub id: Id,
    pub name: String,
}

/// The SQL of the name a place is shown by: the first of `prefer` given,
/// else English, Japanese, Malay, Indonesian, Thai, Arabic (the order of
/// `PlaceNames::best`). Only codes of [`NAME_LANGUAGES`] become column
/// names; others are passed over.
pub fn shown_name_sql(prefer: &[&str]) -> String {
    let cols: Vec<String> = crate::place_sort::shown_languages(prefer)
        .iter()
        .map(|l| format!("name_{l}"))
        .collect();
    format!("COALESCE({})", cols.join(", "))
}

/// Every column a text search looks in.
fn text_columns() -> Vec<String> {
    NAME_LANGUAGES
        .iter()
        .map(|l| format!("name_{l}"))
        .chain(CHAIN_LANGUAGES.iter().map(|l| format!("chain_{l}")))
        .chain(CHAIN_LANGUAGES.iter().map(|l| format!("branch_{l}")))
        .collect()
}

/// What joins the text columns in [`text_expression`]: a needle holding it
/// is looked for column by column instead.
const TEXT_SEPARATOR: char = '\u{1f}';

/// PostgreSQL's one expression over every text column that its trigram
/// index (migration 30, `places_text_trigrams`) holds: each column
/// lowercased, NULL as empty, joined by [`TEXT_SEPARATOR`]. A needle
/// without the separator is contained in it exactly when it is contained in
/// one of the columns.
fn text_expression() -> String {
    let cols: Vec<String> = text_columns().iter().map(|c| format!("COALESCE({c}, '')")).collect();
    format!("lower({})", cols.join(" || E'\\x1f' || "))
}

/// The condition that one of the text columns contains the `LIKE` pattern
/// in parameter `n` (a lowercased needle). SQLite's `LIKE` ignores ASCII
/// case and its `lower` changes nothing else, so the columns are compared
/// as they are (no string made per column and row), on the places
/// [`index_condition`] proposes when the needle is long enough; PostgreSQL
/// asks the expression its trigram index holds (`\` is its default escape).
fn text_condition(sqlite: bool, needle: &str, n: &str) -> String {
    if sqlite {
        let any: Vec<String> = text_columns()
            .iter()
            .map(|c| format!("{c} LIKE {n} ESCAPE '\\'"))
            .collect();
        format!("({})", any.join(" OR "))
    } else if needle.contains(TEXT_SEPARATOR) {
        let any: Vec<String> = text_columns().iter().map(|c| format!("lower({c}) LIKE {n}")).collect();
        format!("({})", any.join(" OR "))
    } else {
        format!("{} LIKE {n}", text_expression())
    }
}

/// SQLite's trigram index of the text columns (migration 32, FTS5): the
/// places whose columns hold a needle of at least [`TRIGRAM`] characters,
/// case folded character by character, are among its answers.
const TEXT_INDEX: &str = "places_text";

/// The fewest characters a needle has for [`TEXT_INDEX`] to be asked: a
/// shorter one has no trigram, and every place is read as before.
const TRIGRAM: usize = 3;

/// The condition that a place is among [`TEXT_INDEX`]'s answers for the
/// phrase in parameter `n` ([`index_phrase`]). It only narrows the places
/// to look at: the tokenizer folds the case of every letter (`É` as `é`),
/// SQLite's `LIKE` only ASCII's, so [`text_condition`] still decides.
fn index_condition(n: &str) -> String {
    format!("id IN (SELECT rowid FROM {TEXT_INDEX} WHERE {TEXT_INDEX} MATCH {n})")
}

/// `needle` as an FTS5 phrase: the whole needle in double quotes (doubled
/// inside), in which `%`, `_`, `\` and every other character are themselves
/// except NUL, where FTS5 stops reading (a needle holding one is not looked
/// up in the index).
fn index_phrase(needle: &str) -> String {
    format!("\"{}\"", needle.replace('"', "\"\""))
}

/// Whether SQL's `lower(…) LIKE` finds exactly what Rust's `to_lowercase`
/// finds for this (lowercased) needle: every character ASCII (which both
/// databases lower) or without case (kana, kanji, Thai). A needle with
/// other cased letters (`é`) is matched in Rust instead: SQLite's `lower`
/// leaves them as they are.
fn like_is_exact(needle: &str) -> bool {
    needle
        .chars()
        .all(|c| c.is_ascii() || (!c.is_uppercase() && !c.is_lowercase()))
}

/// `needle` as a `LIKE` pattern for "contains", `\` escaping `%`, `_` and itself.
fn contains_pattern(needle: &str) -> String {
    let mut p = String::with_capacity(needle.len() + 2);
    p.push('%');
    for c in needle.chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

impl PlaceListFilter {
    /// The lowercased needle, if there is one to look for.
    fn needle(&self) -> Option<String> {
        self.text
            .as_deref()
            .map(|t| t.trim().to_lowercase())
            .filter(|t| !t.is_empty())
    }

    /// The `WHERE` conditions (joined by `AND`) and their values, numbered
    /// from `$first`, for SQLite or PostgreSQL; and whether the text is left
    /// to be matched in Rust. SQLite's trigram index, when it is asked, is
    /// the first condition ([`index_condition`]).
    fn conditions(&self, sqlite: bool, first: usize) -> (Vec<String>, Vec<Value>, bool) {
        let (mut conds, values, in_rust, phrase) = self.conditions_apart(sqlite, first);
        if let Some(m) = phrase {
            conds.insert(0, index_condition(&m));
        }
        (conds, values, in_rust)
    }

    /// [`PlaceListFilter::conditions`] with the parameter of the phrase
    /// for SQLite's trigram index apart, for a statement that reads the
    /// index's answers itself.
    fn conditions_apart(&self, sqlite: bool, first: usize) -> (Vec<String>, Vec<Value>, bool, Option<String>) {
        let mut conds = Vec::new();
        let mut values = Vec::new();
        let next = |v: Value, values: &mut Vec<Value>| {
            values.push(v);
            format!("${}", first + values.len() - 1)
        };
        if let Some(c) = &self.category {
            let n = next(Value::Text(Some(c.clone())), &mut values);
            conds.push(format!("category = {n}"));
        }
        if let Some(a) = &self.assurance {
            let n = next(Value::Text(Some(a.clone())), &mut values);
            conds.push(format!("assurance = {n}"));
        }
        if let Some(d) = self.verified_by {
            let n = next(Value::Date(Some(d)), &mut values);
            conds.push(format!("(last_verified IS NULL OR last_verified <= {n})"));
        }
        let mut in_rust = false;
        let mut phrase = None;
        if let Some(needle) = self.needle() {
            if like_is_exact(&needle) {
                if sqlite && needle.chars().count() >= TRIGRAM && !needle.contains('\0') {
                    phrase = Some(next(Value::Text(Some(index_phrase(&needle))), &mut values));
                }
                let n = next(Value::Text(Some(contains_pattern(&needle))), &mut values);
                conds.push(text_condition(sqlite, &needle, &n));
            } else {
                in_rust = true;
            }
        }
        (conds, values, in_rust, phrase)
    }
}

/// The review counts ([`Store::place_list_counts`]), each a range of an
/// index (migration 30) rather than a pass over the table: stale places are
/// those never verified plus those verified by `$1`.
const COUNTS_SQL: &str = "SELECT (SELECT COUNT(*) FROM places), \
     (SELECT COUNT(*) FROM places WHERE last_verified IS NULL) \
     + (SELECT COUNT(*) FROM places WHERE last_verified <= $1), \
     (SELECT COUNT(*) FROM places WHERE assurance = 'certified' \
          AND certificate_valid_until >= $2 AND certificate_valid_until <= $3), \
     (SELECT COUNT(*) FROM places WHERE assurance = 'certified' AND certificate_valid_until < $2)";

impl Store {
    fn on_sqlite(&self) -> bool {
        self.backend() == crate::Backend::Sqlite
    }

    /// The review counts over every place, each read from an index
    /// (migration 30) rather than a pass of the table.
    /// `stale_by`: verified on or before it (or never) is stale;
    /// `expiring_by`: a certificate valid `today` ending by it is expiring.
    pub async fn place_list_counts(
        &self,
        today: NaiveDate,
        stale_by: NaiveDate,
        expiring_by: NaiveDate,
    ) -> Result<PlaceListCounts, StoreError> {
        let sql = COUNTS_SQL;
        let (all, stale, expiring, expired): (i64, i64, i64, i64) = with_pool!(self, p => {
            sqlx::query_as(sql).bind(stale_by).bind(today).bind(expiring_by).fetch_one(p).await?
        });
        Ok(PlaceListCounts {
            all,
            stale,
            expiring,
            expired,
        })
    }

    /// How many places the filter lets through; `None` when its text must
    /// be matched in Rust (count the pages of [`Store::place_names_after`]).
    pub async fn count_place_list(&self, filter: &PlaceListFilter) -> Result<Option<i64>, StoreError> {
        let (conds, values, in_rust) = filter.conditions(self.on_sqlite(), 1);
        if in_rust {
            return Ok(None);
        }
        let sql = count_sql(&conds);
        let n: i64 = with_pool!(self, p => {
            bind_all!(sqlx::query_scalar(AssertSqlSafe(sql)), values).fetch_one(p).await?
        });
        Ok(Some(n))
    }

    /// Up to `limit` places the filter lets through with ids above
    /// `after`, by id, each with the name it is shown by in `prefer`'s
    /// languages ([`shown_name_sql`]). Fewer than `limit` (possibly none)
    /// when the text is matched in Rust; the last id read is returned so
    /// that the next page starts after it, `None` when the table is done.
    pub async fn place_names_after(
        &self,
        filter: &PlaceListFilter,
        prefer: &[&str],
        after: Id,
        limit: u32,
    ) -> Result<(Vec<NamedPlace>, Option<Id>), StoreError> {
        let (mut conds, mut values, in_rust, phrase) = filter.conditions_apart(self.on_sqlite(), 2);
        values.insert(0, Value::Int(Some(after)));
        let texts = text_columns();
        let extra = if in_rust {
            format!(", {}", texts.join(", "))
        } else {
            String::new()
        };
        let sql = match phrase {
            Some(m) => names_by_index_sql(&conds, &m, prefer, limit),
            None => {
                conds.insert(0, "id > $1".to_owned());
                names_sql(&conds, prefer, &extra, limit)
            }
        };
        let needle = filter.needle();
        let (found, last, read) = with_pool!(self, p => {
            use sqlx::Row as _;
            let rows = bind_all!(sqlx::query(AssertSqlSafe(sql)), values).fetch_all(p).await?;
            let mut found = Vec::with_capacity(rows.len());
            let mut last = None;
            for row in &rows {
                let id: i64 = row.try_get(0)?;
                last = Some(id);
                if in_rust && let Some(needle) = &needle {
                    let mut hit = false;
                    for i in 0..texts.len() {
                        let t: Option<String> = row.try_get(i + 2)?;
                        if t.is_some_and(|t| t.to_lowercase().contains(needle.as_str())) {
                            hit = true;
                            break;
                        }
                    }
                    if !hit {
                        continue;
                    }
                }
                let name: Option<String> = row.try_get(1)?;
                found.push(NamedPlace { id, name: name.unwrap_or_default() });
            }
            (found, last, rows.len())
        });
        Ok((found, if read < limit as usize { None } else { last }))
    }
}

/// [`Store::count_place_list`]'s statement for the conditions `conds`.
fn count_sql(conds: &[String]) -> String {
    let mut sql = "SELECT COUNT(*) FROM places".to_owned();
    if !conds.is_empty() {
        sql.push_str(" WHERE ");
        sql.push_str(&conds.join(" AND "));
    }
    sql
}

/// [`Store::place_names_after`]'s statement: `conds` (the first `id > $1`),
/// the shown name in `prefer`'s languages, then `extra` columns.
fn names_sql(conds: &[String], prefer: &[&str], extra: &str, limit: u32) -> String {
    format!(
        "SELECT id, {} AS shown{extra} FROM places WHERE {} ORDER BY id LIMIT {limit}",
        shown_name_sql(prefer),
        conds.join(" AND "),
    )
}

/// [`Store::place_names_after`]'s statement when SQLite's trigram index is
/// asked (the phrase in parameter `m`): its answers after `$1` come in id
/// order and each is checked against `conds` as it comes, so a page stops
/// after `limit` places instead of reading every answer.
fn names_by_index_sql(conds: &[String], m: &str, prefer: &[&str], limit: u32) -> String {
    format!(
        "SELECT id, {} AS shown FROM (SELECT rowid AS text_id FROM {TEXT_INDEX} \
         WHERE {TEXT_INDEX} MATCH {m} AND rowid > $1) f CROSS JOIN places \
         WHERE places.id = f.text_id AND {} ORDER BY f.text_id LIMIT {limit}",
        shown_name_sql(prefer),
        conds.join(" AND "),
    )
}

/// What a visitor's list orders a place by: where it is, its shown name,
/// and what its lead (the first thing its card says) is decided by.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceMark {
    pub id: Id,
    pub name: String,
    pub lat_e7: i64,
    pub lon_e7: i64,
    pub category: String,
    pub assurance: String,
    pub certificate_valid_from: Option<NaiveDate>,
    pub certificate_valid_until: Option<NaiveDate>,
    pub prayer_space: bool,
}

/// The columns of `places p` a [`PlaceMark`] is made of, in the order
/// [`mark_at`] reads them.
const MARK_COLUMNS: &str = "p.id, p.lat_e7, p.lon_e7, p.category, p.assurance, p.certificate_valid_from, \
     p.certificate_valid_until, p.prayer_space";

/// The [`PlaceMark`] named `name` whose [`MARK_COLUMNS`] begin at column
/// `at` of `row`, on either database.
fn mark_at<'r, R>(row: &'r R, at: usize, name: String) -> Result<PlaceMark, sqlx::Error>
where
    R: sqlx::Row,
    usize: sqlx::ColumnIndex<R>,
    i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    Option<NaiveDate>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    bool: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    Ok(PlaceMark {
        id: row.try_get(at)?,
        name,
        lat_e7: row.try_get(at + 1)?,
        lon_e7: row.try_get(at + 2)?,
        category: row.try_get(at + 3)?,
        assurance: row.try_get(at + 4)?,
        certificate_valid_from: row.try_get(at + 5)?,
        certificate_valid_until: row.try_get(at + 6)?,
        prayer_space: row.try_get(at + 7)?,
    })
}

impl Store {
    /// Up to `limit` places with ids above `after`, by id, as
    /// [`PlaceMark`]s (the name shown in `prefer`'s languages); the next
    /// page starts after the last, `None` when the table is done.
    pub async fn place_marks_after(
        &self,
        prefer: &[&str],
        after: Id,
        limit: u32,
    ) -> Result<(Vec<PlaceMark>, Option<Id>), StoreError> {
        let sql = format!(
            "SELECT {} AS shown, {MARK_COLUMNS} FROM places p WHERE p.id > $1 ORDER BY p.id LIMIT {limit}",
            shown_name_sql(prefer)
        );
        let marks: Vec<PlaceMark> = with_pool!(self, p => {
            use sqlx::Row as _;
            let rows = sqlx::query(AssertSqlSafe(sql)).bind(after).fetch_all(p).await?;
            let mut marks = Vec::with_capacity(rows.len());
            for row in &rows {
                let name: Option<String> = row.try_get(0)?;
                marks.push(mark_at(row, 1, name.unwrap_or_default())?);
            }
            marks
        });
        let next = if marks.len() < limit as usize {
            None
        } else {
            marks.last().map(|m| m.id)
        };
        Ok((marks, next))
    }
}

/// The places of a visitor's list by their lead (the first thing a card
/// says), strongest first: what `kizuna_app::map::visit::Lead` decides
/// from a place's stored assurance, certificate dates, category and prayer
/// space, as SQL over `places` (aliased `p`). The level and category are
/// compared as the store writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LeadClass {
    /// Certified, with a certificate valid on the day asked about.
    Certified,
    SelfDeclared,
    PorkFree,
    Vegetarian,
    /// No level known, and a mosque, a prayer room or a prayer space.
    Prayer,
    Unknown,
    /// Certified, the certificate not valid on the day (ended, not begun).
    CertificateNotValid,
}

impl LeadClass {
    pub const ALL: [LeadClass; 7] = [
        LeadClass::Certified,
        LeadClass::SelfDeclared,
        LeadClass::PorkFree,
        LeadClass::Vegetarian,
        LeadClass::Prayer,
        LeadClass::Unknown,
        LeadClass::CertificateNotValid,
    ];

    /// The condition over `p`; `day` is the parameter holding the day.
    fn condition(self, day: &str) -> String {
        use kizuna_domain::map::place::{Assurance, PlaceCategory};
        let valid = format!(
            "p.certificate_valid_from IS NOT NULL AND p.certificate_valid_until IS NOT NULL \
             AND p.certificate_valid_from <= {day} AND p.certificate_valid_until >= {day}"
        );
        let level = |a: Assurance| format!("p.assurance = '{}'", a.as_str());
        let none = format!(
            "p.assurance NOT IN ('{}', '{}', '{}', '{}')",
            Assurance::Certified.as_str(),
            Assurance::SelfDeclared.as_str(),
            Assurance::PorkFree.as_str(),
            Assurance::VegetarianOptions.as_str()
        );
        let prayer = format!(
            "(p.category IN ('{}', '{}') OR p.prayer_space = TRUE)",
            PlaceCategory::Mosque.as_str(),
            PlaceCategory::PrayerRoom.as_str()
        );
        match self {
            LeadClass::Certified => format!("{} AND {valid}", level(Assurance::Certified)),
            LeadClass::CertificateNotValid => format!("{} AND NOT ({valid})", level(Assurance::Certified)),
            LeadClass::SelfDeclared => level(Assurance::SelfDeclared),
            LeadClass::PorkFree => level(Assurance::PorkFree),
            LeadClass::Vegetarian => level(Assurance::VegetarianOptions),
            LeadClass::Prayer => format!("{none} AND {prayer}"),
            LeadClass::Unknown => format!("{none} AND NOT {prayer}"),
        }
    }

    fn dated(self) -> bool {
        matches!(self, LeadClass::Certified | LeadClass::CertificateNotValid)
    }
}

/// A filtered page whose end lies further than one in this many of the
/// places matching is read by finding them first, then sorting them; a
/// nearer one by walking the kept order (at 1,000,000 places a walk reads
/// about a microsecond a place, a scan of the table 0.3 s).
pub const FILTER_FIRST: usize = 50;

/// How many times the keys a walk would read were the matching places
/// spread evenly it reads at most before finding them first instead.
const WALK_SPREAD: usize = 4;

/// Where a page read in key order ends: the last place's key and id.
pub type KeyCursor = (Vec<u8>, Id);

impl Store {
    /// One page of the places `filter` lets through in the kept order
    /// `ord` ([`crate::place_sort::ORDERS`]: the shown name's collation
    /// key, then id), `total` being how many it lets through
    /// ([`Store::count_place_list`]). `None` when the filter's text must
    /// be matched in Rust. A page past the middle is read from the end.
    /// When the page lies far into the order of the places matching (more
    /// than one in [`FILTER_FIRST`] of them before its end), those places
    /// are found first and only they are sorted: walking the order of
    /// every place to reach the page would read most of the table.
    pub async fn place_ids_by_key(
        &self,
        filter: &PlaceListFilter,
        ord: &str,
        total: i64,
        offset: usize,
        limit: usize,
    ) -> Result<Option<Vec<Id>>, StoreError> {
        let (conds, values, in_rust) = filter.conditions(self.on_sqlite(), 2);
        if in_rust {
            return Ok(None);
        }
        let total = usize::try_from(total).unwrap_or(0);
        if limit == 0 || offset >= total {
            return Ok(Some(Vec::new()));
        }
        // An OFFSET steps over every row before it: from whichever end is nearer.
        let from_end = offset > total / 2;
        let (dir, skip, take) = if from_end {
            let end = offset.saturating_add(limit).min(total);
            ("DESC", total - end, end - offset)
        } else {
            ("ASC", offset, limit)
        };
        let filtered = |from: &str| keyed_sql(from, &conds, dir, take, skip);
        let first_filter = FILTER_FIRST_FROM;
        let (sql, instead) = if conds.is_empty() {
            let sql = format!(
                "SELECT place_id FROM place_sort_keys WHERE ord = $1 \
                 ORDER BY sort_key {dir}, place_id {dir} LIMIT {take} OFFSET {skip}"
            );
            (sql, None)
        } else if skip.saturating_add(take).saturating_mul(FILTER_FIRST) > total {
            (filtered(first_filter), None)
        } else {
            // The walk reads at most a few times the keys the page would
            // need were the matching places spread evenly (the largest id
            // standing for how many places there are); when they lie
            // further on (`q=zam zam`: names that sort last), they are
            // found first instead.
            let places: i64 = with_pool!(self, p => {
                sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM places").fetch_one(p).await?
            });
            let places = usize::try_from(places).unwrap_or(0);
            let budget = skip
                .saturating_add(take)
                .saturating_mul(places / total + 1)
                .saturating_mul(WALK_SPREAD)
                .saturating_add(1_000);
            let walk = format!(
                "(SELECT place_id, sort_key, ord FROM place_sort_keys WHERE ord = $1 \
                 ORDER BY sort_key {dir}, place_id {dir} LIMIT {budget}) k CROSS JOIN places"
            );
            (filtered(&walk), Some(filtered(first_filter)))
        };
        let mut ids: Vec<Id> = with_pool!(self, p => {
            bind_all!(sqlx::query_scalar(AssertSqlSafe(sql)).bind(ord), values.clone()).fetch_all(p).await?
        });
        if let Some(sql) = instead
            && ids.len() < take.min(total - skip)
        {
            ids = with_pool!(self, p => {
                bind_all!(sqlx::query_scalar(AssertSqlSafe(sql)).bind(ord), values).fetch_all(p).await?
            });
        }
        if from_end {
            ids.reverse();
        }
        Ok(Some(ids))
    }

    /// Up to `limit` places of a lead class on `day`, in the kept order
    /// `ord`, after `after` when given: each with its key, for the next
    /// page to start after the last.
    pub async fn place_class_by_key(
        &self,
        ord: &str,
        class: LeadClass,
        day: NaiveDate,
        after: Option<&KeyCursor>,
        limit: u32,
    ) -> Result<Vec<KeyCursor>, StoreError> {
        let sql = class_sql(class, after.is_some(), limit);
        let rows: Vec<(Vec<u8>, i64)> = with_pool!(self, p => {
            let mut q = sqlx::query_as(AssertSqlSafe(sql)).bind(ord);
            if class.dated() {
                q = q.bind(day);
            }
            if let Some((key, id)) = after {
                q = q.bind(key.as_slice()).bind(*id);
            }
            q.fetch_all(p).await?
        });
        Ok(rows)
    }

    /// The places of `ids` as [`PlaceMark`]s without their names, each
    /// with its key in the kept order `ord`; in no order.
    pub async fn place_marks_keyed(&self, ord: &str, ids: &[Id]) -> Result<Vec<(Vec<u8>, PlaceMark)>, StoreError> {
        let sqlite = self.on_sqlite();
        let mut out = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(crate::place_sort::IDS_PER_STATEMENT) {
            // The order's name first: numbered after the ids on PostgreSQL.
            let sql = format!(
                "SELECT k.sort_key, {MARK_COLUMNS} FROM place_sort_keys k JOIN places p ON p.id = k.place_id \
                 WHERE k.place_id IN (VALUES {}) AND k.ord = {}",
                crate::changes::value_rows(sqlite, chunk.len(), 1, 1),
                if sqlite {
                    "?".to_owned()
                } else {
                    format!("${}", chunk.len() + 1)
                }
            );
            with_pool!(self, p => {
                let mut q = sqlx::query(AssertSqlSafe(sql));
                for id in chunk {
                    q = q.bind(*id);
                }
                for row in &q.bind(ord).fetch_all(p).await? {
                    use sqlx::Row as _;
                    out.push((row.try_get::<Vec<u8>, _>(0)?, mark_at(row, 1, String::new())?));
                }
            });
        }
        Ok(out)
    }

    /// How many places are of any of `categories` (through the index on
    /// the category, not a pass over the table).
    pub async fn count_in_categories(&self, categories: &[&str]) -> Result<i64, StoreError> {
        if categories.is_empty() {
            return Ok(0);
        }
        let sql = count_in_categories_sql(categories.len());
        let n: i64 = with_pool!(self, p => {
            let mut q = sqlx::query_scalar(AssertSqlSafe(sql));
            for c in categories {
                q = q.bind(*c);
            }
            q.fetch_one(p).await?
        });
        Ok(n)
    }

    /// The places of any of `categories` as [`PlaceMark`]s without their
    /// names, each with its key in the kept order `ord`; in no order. Read
    /// through the index on the category and each place's key by place: for
    /// a rare category, instead of walking the order of every place (or
    /// naming each place found, [`Store::place_marks_keyed`]).
    pub async fn place_marks_keyed_in(
        &self,
        ord: &str,
        categories: &[&str],
    ) -> Result<Vec<(Vec<u8>, PlaceMark)>, StoreError> {
        if categories.is_empty() {
            return Ok(Vec::new());
        }
        let sql = marks_in_categories_sql(categories.len());
        let out = with_pool!(self, p => {
            let mut q = sqlx::query(AssertSqlSafe(sql));
            for c in categories {
                q = q.bind(*c);
            }
            let rows = q.bind(ord).fetch_all(p).await?;
            let mut out = Vec::with_capacity(rows.len());
            for row in &rows {
                use sqlx::Row as _;
                out.push((row.try_get::<Vec<u8>, _>(0)?, mark_at(row, 1, String::new())?));
            }
            out
        });
        Ok(out)
    }
}

/// Where [`Store::place_ids_by_key`] finds the places matching first, then
/// each one's key: SQLite joins a CROSS JOIN's tables in the order written.
const FILTER_FIRST_FROM: &str = "places CROSS JOIN place_sort_keys k";

/// [`Store::place_ids_by_key`]'s statement over `from` (the places and
/// their keys as `k`) for the conditions `conds`: `take` ids after `skip`,
/// in the kept order `$1` (`dir` `ASC` or `DESC`).
fn keyed_sql(from: &str, conds: &[String], dir: &str, take: usize, skip: usize) -> String {
    format!(
        "SELECT k.place_id FROM {from} WHERE places.id = k.place_id AND k.ord = $1 AND {} \
         ORDER BY k.sort_key {dir}, k.place_id {dir} LIMIT {take} OFFSET {skip}",
        conds.join(" AND ")
    )
}

/// [`Store::place_class_by_key`]'s statement: the order's name `$1`, then
/// the day if the class is dated, then the cursor if `after`. The kept
/// order is walked and each place checked: a CROSS JOIN, which SQLite
/// joins in the order written, so that an index on the places' own columns
/// (migration 30's on certificates) does not make it sort a whole class.
fn class_sql(class: LeadClass, after: bool, limit: u32) -> String {
    let mut n = 1;
    let mut next = || {
        n += 1;
        format!("${n}")
    };
    let day_param = if class.dated() { next() } else { String::new() };
    let mut sql = format!(
        "SELECT k.sort_key, k.place_id FROM place_sort_keys k CROSS JOIN places p \
         WHERE p.id = k.place_id AND k.ord = $1 AND {}",
        class.condition(&day_param)
    );
    if after {
        let (a, b) = (next(), next());
        sql.push_str(&format!(" AND (k.sort_key, k.place_id) > ({a}, {b})"));
    }
    sql.push_str(&format!(" ORDER BY k.sort_key, k.place_id LIMIT {limit}"));
    sql
}

/// `$first, …` for `n` parameters (SQLite reads `$N` as PostgreSQL does).
fn params(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// [`Store::count_in_categories`] for `n` categories.
fn count_in_categories_sql(n: usize) -> String {
    format!("SELECT COUNT(*) FROM places WHERE category IN ({})", params(1, n))
}

/// [`Store::place_marks_keyed_in`] for `n` categories (the order's name
/// after them). SQLite joins a CROSS JOIN's tables in the order written:
/// the category's places first, then each one's key.
fn marks_in_categories_sql(n: usize) -> String {
    format!(
        "SELECT k.sort_key, {MARK_COLUMNS} FROM places p CROSS JOIN place_sort_keys k \
         WHERE p.category IN ({}) AND k.place_id = p.id AND k.ord = ${}",
        params(1, n),
        n + 1
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shown_name_follows_the_domain_order() {
        assert_eq!(
            shown_name_sql(&["ms", "id"]),
            "COALESCE(name_ms, name_id, name_en, name_ja, name_th, name_ar)"
        );
        assert_eq!(
            shown_name_sql(&["xx; DROP TABLE places", "ja"]),
            "COALESCE(name_ja, name_en, name_ms, name_id, name_th, name_ar)",
            "only known languages become columns"
        );
    }

    #[test]
    fn the_text_expression_is_the_one_postgres_indexes() {
        let migration = include_str!("../migrations/postgres/0030_place_list_indexes.sql");
        assert!(
            migration.contains(&format!("USING gin ({} gin_trgm_ops)", text_expression())),
            "migration 30's trigram index is on {}",
            text_expression()
        );
        assert!(text_condition(false, "halal", "$3").starts_with("lower(COALESCE(name_ja, '') || E'\\x1f' || "));
        assert!(
            text_condition(false, "a\u{1f}b", "$3").starts_with("(lower(name_ja) LIKE $3 OR "),
            "a needle holding the separator is looked for column by column"
        );
        assert!(text_condition(true, "halal", "$3").starts_with("(name_ja LIKE $3 ESCAPE '\\' OR "));
    }

    /// The statements' plans on SQLite (`EXPLAIN QUERY PLAN`, one line per
    /// step): each table read through the index meant for it.
    #[tokio::test]
    async fn the_counts_and_a_category_read_through_indexes_on_sqlite() {
        let store = Store::open("sqlite::memory:").await.expect("a store");
        let counts = sqlite_plan(&store, COUNTS_SQL).await;
        assert!(
            counts
                .iter()
                .any(|d| d.contains("INDEX places_last_verified (last_verified=?)")),
            "{counts:?}"
        );
        assert!(
            counts
                .iter()
                .any(|d| d.contains("INDEX places_last_verified (last_verified<?)")),
            "{counts:?}"
        );
        assert!(
            counts.iter().any(|d| d.contains(
                "INDEX places_certificate (assurance=? AND certificate_valid_until>? AND certificate_valid_until<?)"
            )),
            "{counts:?}"
        );
        assert!(
            counts
                .iter()
                .any(|d| d.contains("INDEX places_certificate (assurance=? AND certificate_valid_until<?)")),
            "{counts:?}"
        );
        assert!(
            !counts.iter().any(|d| d == "SCAN places"),
            "no count reads the table: {counts:?}"
        );

        // Each lead class walks the kept order (no sort of a whole class).
        for class in LeadClass::ALL {
            for after in [false, true] {
                let walk = sqlite_plan(&store, &class_sql(class, after, 20)).await;
                assert!(
                    walk[0].contains("USING COVERING INDEX place_sort_keys_order (ord=?"),
                    "{class:?}: {walk:?}"
                );
                assert!(!walk.iter().any(|d| d.contains("TEMP B-TREE")), "{class:?}: {walk:?}");
            }
        }

        let marks = sqlite_plan(&store, &marks_in_categories_sql(2)).await;
        assert!(
            marks[0].contains("USING INDEX places_category (category=?)"),
            "{marks:?}"
        );
        assert!(
            marks[1].contains("USING PRIMARY KEY (place_id=? AND ord=?)"),
            "{marks:?}"
        );
        let count = sqlite_plan(&store, &count_in_categories_sql(1)).await;
        assert!(
            count[0].contains("USING COVERING INDEX places_category (category=?)"),
            "{count:?}"
        );
    }

    /// SQLite's plan of `sql`, one line per step.
    async fn sqlite_plan(store: &Store, sql: &str) -> Vec<String> {
        let crate::Pool::Sqlite(p) = &store.pool else {
            unreachable!("opened on SQLite")
        };
        let rows: Vec<(i64, i64, i64, String)> = sqlx::query_as(AssertSqlSafe(format!("EXPLAIN QUERY PLAN {sql}")))
            .fetch_all(p)
            .await
            .expect("a plan");
        rows.into_iter().map(|r| r.3).collect()
    }

    /// A needle of three characters or more is looked up in SQLite's
    /// trigram index (migration 32), and only the places it proposes are
    /// read, by id, for the count, the pages by id and the pages in a kept
    /// order; a shorter needle reads every place, as before.
    #[tokio::test]
    async fn a_needle_of_three_characters_reads_the_trigram_index_on_sqlite() {
        let store = Store::open("sqlite::memory:").await.expect("a store");
        let uses_index = |plan: &[String]| plan.iter().any(|d| d.contains("places_text VIRTUAL TABLE INDEX"));
        // By id, or by the category's index and id.
        let by_id = |plan: &[String]| {
            plan.iter()
                .any(|d| d.starts_with("SEARCH places USING ") && d.contains("rowid=?)"))
        };
        let scans = |plan: &[String]| plan.iter().any(|d| d == "SCAN places");
        let needles = [
            "halal",
            "HALAL",
            "ザイトゥーン",
            "ร้านฮาลาล",
            "kedai",
            "50%_",
            "a\"b",
            "ab\\",
        ];
        for (needle, category) in needles.into_iter().flat_map(|n| [(n, None), (n, Some("cafe"))]) {
            let filter = PlaceListFilter {
                text: Some(needle.into()),
                category: category.map(Into::into),
                ..Default::default()
            };
            let (conds, values, in_rust) = filter.conditions(true, 1);
            assert!(!in_rust, "{needle}");
            assert_eq!(
                values.len(),
                2 + usize::from(category.is_some()),
                "{needle}: the phrase and the pattern"
            );
            let count = sqlite_plan(&store, &count_sql(&conds)).await;
            assert!(
                uses_index(&count) && by_id(&count) && !scans(&count),
                "{needle}: {count:?}"
            );

            let (conds, _, _, phrase) = filter.conditions_apart(true, 2);
            let phrase = phrase.expect("the index asked");
            let names = sqlite_plan(&store, &names_by_index_sql(&conds, &phrase, &["en"], 100)).await;
            assert!(
                uses_index(&names) && by_id(&names) && !scans(&names),
                "{needle}: {names:?}"
            );
            assert!(
                !names.iter().any(|d| d.contains("TEMP B-TREE")),
                "{needle}: by id as read: {names:?}"
            );

            let (conds, _, _) = filter.conditions(true, 2);
            let keyed = sqlite_plan(&store, &keyed_sql(FILTER_FIRST_FROM, &conds, "ASC", 20, 0)).await;
            assert!(
                uses_index(&keyed) && by_id(&keyed) && !scans(&keyed),
                "{needle}: {keyed:?}"
            );
            assert!(
                keyed
                    .iter()
                    .any(|d| d.starts_with("SEARCH k USING PRIMARY KEY (place_id=? AND ord=?)")),
                "{needle}: each found place's key by place: {keyed:?}"
            );
        }
        // Shorter than a trigram, or holding a NUL (where FTS5 stops reading).
        for short in ["al", "ザイ", "%_", "hal\0al"] {
            let filter = PlaceListFilter {
                text: Some(short.into()),
                ..Default::default()
            };
            let (conds, values, _) = filter.conditions(true, 1);
            assert_eq!(values.len(), 1, "{short}: the pattern alone");
            let count = sqlite_plan(&store, &count_sql(&conds)).await;
            assert!(!uses_index(&count) && scans(&count), "{short}: {count:?}");
            assert_eq!(
                store.count_place_list(&filter).await.expect("counted"),
                Some(0),
                "{short:?}"
            );
        }
        // PostgreSQL asks its own trigram index (migration 30).
        let (conds, _, _) = PlaceListFilter {
            text: Some("halal".into()),
            ..Default::default()
        }
        .conditions(false, 1);
        assert!(!conds.iter().any(|c| c.contains(TEXT_INDEX)), "{conds:?}");
    }

    #[test]
    fn index_phrases_quote_the_whole_needle() {
        assert_eq!(index_phrase("halal"), "\"halal\"");
        assert_eq!(index_phrase("say \"hi\" 50%"), "\"say \"\"hi\"\" 50%\"");
    }

    #[test]
    fn like_patterns_escape_and_know_their_limits() {
        assert_eq!(contains_pattern("50%_a\\b"), "%50\\%\\_a\\\\b%");
        assert!(like_is_exact("cafe 1"));
        assert!(like_is_exact("ザイ"));
        assert!(like_is_exact("คาเฟ่"));
        assert!(!like_is_exact("émile"), "SQLite does not lower É");
    }
}
