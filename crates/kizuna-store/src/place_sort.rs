//! Each place's shown name as a collation sort key, per order a list uses
//! (migration 29), so that the staff list and the visitor's list are
//! ordered and paged in SQL: `ORDER BY sort_key, place_id` over
//! `place_sort_keys` gives what sorting the shown names with
//! [`kizuna_i18n::compare`] and then by id gives, because ICU's sort keys
//! compare as bytes (memcmp, then the shorter first: SQLite's BLOB order
//! and PostgreSQL's bytea order) as the collator compares the strings, and
//! names that collate equal have equal keys.
//!
//! An order ([`ORDERS`]) is a reader's collation and the name languages
//! tried first; the shown name is the first of those present, then
//! English, Japanese, Malay, Indonesian, Thai, Arabic
//! ([`shown_languages`]), the empty string when none is.
//!
//! The keys are kept in step by every write that logs a place in the change
//! feed: [`keep_place_keys!`], called from `log_change!`, recomputes them
//! in the same transaction; a deleted place's keys go with it (`ON DELETE
//! CASCADE`). Keys made by one version of ICU's collation data may not
//! order as another's, so `place_sort_state` names the [`collation`] that
//! made them: when it is not this build's, or some places have no keys
//! yet (a store upgraded to migration 29), [`Store::build_place_sort_keys`]
//! makes them again a page at a time, going on from where it stopped, and
//! until it is done [`Store::place_sort_ready`] says no and the lists sort
//! in Rust as before.

use std::sync::LazyLock;

use kizuna_domain::common::Text;
use kizuna_domain::map::place::{NAME_LANGUAGES, PlaceInput};
use kizuna_i18n::{Lang, sort_key};
use sqlx::AssertSqlSafe;

use crate::{Store, StoreError, with_pool};

/// The collation code and data the keys are made with; part of
/// [`collation`]. Changed with the ICU crates (a test reads Cargo.lock).
pub const COLLATION_DATA: &str = "icu_collator 2.4.0, icu_collator_data 2.4.0 (CLDR 49.0.0, Unicode 18.0.0)";

/// The orders kept: its name in `place_sort_keys.ord`, the collation, and
/// the name languages tried first. The visitor's list uses one per
/// language; the staff list's Malay readers try Indonesian second.
pub const ORDERS: [(&str, Lang, &[&str]); 5] = [
    ("en", Lang::En, &["en"]),
    ("ja", Lang::Ja, &["ja"]),
    ("th", Lang::Th, &["th"]),
    ("ms", Lang::Ms, &["ms"]),
    ("ms,id", Lang::Ms, &["ms", "id"]),
];

/// The languages after those preferred (the order of `PlaceNames::best`).
const FALLBACK: [&str; 6] = ["en", "ja", "ms", "id", "th", "ar"];

/// Place ids read per statement when keys are remade.
pub(crate) const IDS_PER_STATEMENT: usize = 500;
/// Places whose keys are made at once by `Store::open` (a larger store
/// has them made by `kizuna serve` in the background).
pub const BUILD_AT_OPEN: i64 = 20_000;
/// Places per transaction of a build.
const BUILD_PAGE: usize = 2_000;

/// Strings whose keys are hashed into [`collation`]: should the collation
/// data change how any of them sorts, the keys are made again even if
/// [`COLLATION_DATA`] was not changed.
const PROBES: [&str; 12] = [
    "Amanah",
    "amanah",
    "Émile",
    "Zoë",
    "de la Cruz",
    "O'Brien",
    "ザイトゥーン",
    "あまな",
    "伊藤",
    "ไซตูน",
    "เกศินี",
    "",
];

static COLLATION: LazyLock<String> = LazyLock::new(|| {
    // FNV-1a over every probe's key in every language.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for lang in Lang::ALL {
        for p in PROBES {
            for b in sort_key(lang, p).into_iter().chain([0xff]) {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
    }
    format!("{COLLATION_DATA}; probes {h:016x}")
});

/// What made the keys this build writes and reads: [`COLLATION_DATA`] and a
/// hash of probe strings' keys.
pub fn collation() -> &'static str {
    &COLLATION
}

/// The languages whose names are tried, in order, for a list preferring
/// `prefer`: those of them that are name languages, then the rest of
/// [`FALLBACK`], each once.
pub fn shown_languages(prefer: &[&str]) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for lang in prefer.iter().chain(FALLBACK.iter()) {
        if let Some(known) = NAME_LANGUAGES.iter().find(|l| *l == lang)
            && !out.contains(known)
        {
            out.push(known);
        }
    }
    out
}

/// The kept order that sorts as `lang`'s collation over the names shown
/// for `prefer`, if one is kept.
pub fn order_for(lang: Lang, prefer: &[&str]) -> Option<&'static str> {
    let shown = shown_languages(prefer);
    ORDERS
        .iter()
        .find(|(_, l, p)| *l == lang && shown_languages(p) == shown)
        .map(|(ord, _, _)| *ord)
}

/// The name columns read to make keys, in [`NAME_LANGUAGES`]' order.
fn name_columns() -> String {
    NAME_LANGUAGES
        .iter()
        .map(|l| format!("name_{l}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A place's id and its names in [`NAME_LANGUAGES`]' order.
pub(crate) type NameRow = (
    i64,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// A place's key in each of [`ORDERS`], in that order.
pub type PlaceKeys = [Vec<u8>; ORDERS.len()];

/// For each of [`ORDERS`], the positions in [`NAME_LANGUAGES`] of the
/// languages tried, in order ([`shown_languages`]).
static TRIED: LazyLock<[Vec<usize>; ORDERS.len()]> = LazyLock::new(|| {
    ORDERS.map(|(_, _, prefer)| {
        shown_languages(prefer)
            .iter()
            .filter_map(|l| NAME_LANGUAGES.iter().position(|x| x == l))
            .collect()
    })
});

/// A place's keys from its names in [`NAME_LANGUAGES`]' order: in each
/// order, the first name present (as COALESCE takes it, an empty one too;
/// `""` when none is) as its collation's sort key. An order of the same
/// collation as one before it showing the same name has the same key,
/// copied rather than made again ("ms" and "ms,id" for a place with a
/// Malay name or with neither).
pub fn keys_from_names(names: [Option<&str>; NAME_LANGUAGES.len()]) -> PlaceKeys {
    let tried = &*TRIED;
    let shown: [&str; ORDERS.len()] = std::array::from_fn(|i| tried[i].iter().find_map(|n| names[*n]).unwrap_or(""));
    let mut keys: PlaceKeys = Default::default();
    for (i, (_, lang, _)) in ORDERS.iter().enumerate() {
        keys[i] = match (0..i).find(|j| ORDERS[*j].1 == *lang && shown[*j] == shown[i]) {
            Some(j) => keys[j].clone(),
            None => sort_key(*lang, shown[i]),
        };
    }
    keys
}

/// The keys of one place: `(place_id, ord, key)` for every order.
pub(crate) fn keys_of(row: &NameRow) -> impl Iterator<Item = (i64, &'static str, Vec<u8>)> + '_ {
    let names = [&row.1, &row.2, &row.3, &row.4, &row.5, &row.6].map(|n| n.as_deref());
    ORDERS
        .iter()
        .zip(keys_from_names(names))
        .map(move |((ord, _, _), key)| (row.0, *ord, key))
}

/// Places below this many have their keys made on one thread.
const KEYS_ON_ONE_THREAD: usize = 256;

/// The keys of places about to be written, in their order: pure work on
/// their names, made before the places' transaction needs them, a part on
/// each core of the blocking pool (the collators are shared:
/// `kizuna_i18n::collator`). The pool's threads outlive the batch: threads
/// spawned for each batch left their allocator's segments behind when they
/// ended (508 threads in a million-place import, 504 segments abandoned;
/// BENCHMARKS.md, place imports). `None` when the runtime is shutting
/// down.
pub async fn keys_of_inputs(places: Vec<PlaceInput>) -> Option<(Vec<PlaceInput>, Vec<PlaceKeys>)> {
    let one = |p: &PlaceInput| keys_from_names(NAME_LANGUAGES.map(|l| p.names.get(l).map(Text::as_str)));
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let per = if threads < 2 || places.len() < KEYS_ON_ONE_THREAD {
        places.len()
    } else {
        places.len().div_ceil(threads)
    }
    .max(1);
    let places = std::sync::Arc::new(places);
    let parts: Vec<_> = (0..places.len())
        .step_by(per)
        .map(|from| {
            let places = std::sync::Arc::clone(&places);
            tokio::task::spawn_blocking(move || {
                places[from..places.len().min(from + per)]
                    .iter()
                    .map(one)
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut keys = Vec::with_capacity(places.len());
    for part in parts {
        match part.await {
            Ok(k) => keys.extend(k),
            Err(e) => match e.try_into_panic() {
                Ok(panic) => std::panic::resume_unwind(panic),
                Err(_) => return None,
            },
        }
    }
    // Every part has ended, and with it its hold on the places.
    Some((std::sync::Arc::unwrap_or_clone(places), keys))
}

/// `SELECT id, name_… FROM places WHERE id IN (n ids)`.
pub(crate) fn names_sql(sqlite: bool, n: usize) -> String {
    format!(
        "SELECT id, {} FROM places WHERE id IN (VALUES {})",
        name_columns(),
        crate::changes::value_rows(sqlite, n, 1, 1)
    )
}

/// `DELETE FROM place_sort_keys WHERE place_id IN (n ids)`.
pub(crate) fn delete_sql(sqlite: bool, n: usize) -> String {
    format!(
        "DELETE FROM place_sort_keys WHERE place_id IN (VALUES {})",
        crate::changes::value_rows(sqlite, n, 1, 1)
    )
}

/// `INSERT INTO place_sort_keys … VALUES` for `n` keys.
pub(crate) fn insert_sql(sqlite: bool, n: usize) -> String {
    format!(
        "INSERT INTO place_sort_keys (place_id, ord, sort_key) VALUES {}",
        crate::changes::value_rows(sqlite, n, 3, 1)
    )
}

/// Make again, inside the transaction `$tx`, the keys of the places whose
/// ids are `$ids` (`&[i64]`), from their names as the transaction sees
/// them. Ids of places no longer there are passed over.
macro_rules! keep_place_keys {
    ($tx:ident, $ids:expr) => {{
        let ids: &[i64] = $ids;
        let sqlite = $crate::changes::is_sqlite(&$tx);
        for chunk in ids.chunks($crate::place_sort::IDS_PER_STATEMENT) {
            let mut q = sqlx::query_as::<_, $crate::place_sort::NameRow>(sqlx::AssertSqlSafe(
                $crate::place_sort::names_sql(sqlite, chunk.len()),
            ));
            for id in chunk {
                q = q.bind(*id);
            }
            let rows = q.fetch_all(&mut *$tx).await?;
            let keys: Vec<(i64, &'static str, Vec<u8>)> = rows.iter().flat_map($crate::place_sort::keys_of).collect();
            $crate::place_sort::replace_place_keys!($tx, sqlite, chunk, &keys);
        }
    }};
}
pub(crate) use keep_place_keys;

/// Key rows (place id, order, key) written per statement: 3 parameters each.
pub(crate) const KEY_ROWS_PER_STATEMENT: usize = 1_000;

/// Replaces, in the transaction `$tx`, the kept keys of the places `$ids`
/// by `$keys` (place id, order, key as bytes): what the change feed's hook,
/// the build and an import (which made its keys ahead) all write.
macro_rules! replace_place_keys {
    ($tx:ident, $sqlite:expr, $ids:expr, $keys:expr) => {{
        let sqlite: bool = $sqlite;
        let ids: &[i64] = $ids;
        for chunk in ids.chunks($crate::place_sort::IDS_PER_STATEMENT) {
            let mut d = sqlx::query(sqlx::AssertSqlSafe($crate::place_sort::delete_sql(sqlite, chunk.len())));
            for id in chunk {
                d = d.bind(*id);
            }
            d.execute(&mut *$tx).await?;
        }
        let per = $crate::place_sort::KEY_ROWS_PER_STATEMENT;
        let full = $crate::place_sort::insert_sql(sqlite, per);
        for part in $keys.chunks(per) {
            let sql = if part.len() == per {
                full.clone()
            } else {
                $crate::place_sort::insert_sql(sqlite, part.len())
            };
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for (id, ord, key) in part {
                q = q.bind(*id).bind(*ord).bind(&key[..]);
            }
            q.execute(&mut *$tx).await?;
        }
    }};
}
pub(crate) use replace_place_keys;

/// How far the keys are made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SortKeyState {
    /// What made them (`""`: nothing yet).
    pub collation: String,
    /// Places up to this id have keys made by it.
    pub built_to: i64,
    /// Every place has.
    pub complete: bool,
}

impl Store {
    /// How far the keys are made.
    pub async fn place_sort_state(&self) -> Result<SortKeyState, StoreError> {
        let sql =
            "SELECT made_by, CAST(built_to AS BIGINT), CAST(complete AS BIGINT) FROM place_sort_state WHERE id = 1";
        let row: Option<(String, i64, i64)> = with_pool!(self, p => sqlx::query_as(sql).fetch_optional(p).await?);
        let (collation, built_to, complete) = row.unwrap_or_default();
        Ok(SortKeyState {
            collation,
            built_to,
            complete: complete == 1,
        })
    }

    /// Whether every place has keys made by this build's [`collation`], so
    /// that the lists may be read in key order.
    pub async fn place_sort_ready(&self) -> Result<bool, StoreError> {
        let s = self.place_sort_state().await?;
        Ok(s.complete && s.collation == collation())
    }

    /// Make the keys of every place, a page of places per transaction,
    /// going on from where an earlier build by the same collation stopped
    /// (all again when the collation changed). Returns the places whose
    /// keys it made. Writes meanwhile keep their own places' keys; the
    /// lists use the keys only once every place has them.
    pub async fn build_place_sort_keys(&self) -> Result<usize, StoreError> {
        let mine = collation();
        let postgres = self.backend() == crate::Backend::Postgres;
        // The state row first: on SQLite the transaction then writes (and
        // locks out other writers) before it reads; on PostgreSQL a second
        // builder waits for the first's page.
        let claim = "UPDATE place_sort_state SET built_to = built_to WHERE id = 1 \
                     RETURNING made_by, CAST(built_to AS BIGINT), CAST(complete AS BIGINT)";
        let page_sql = format!(
            "SELECT id, {} FROM places WHERE id > $1 ORDER BY id LIMIT {BUILD_PAGE}{}",
            name_columns(),
            if postgres { " FOR SHARE" } else { "" }
        );
        let mut made = 0usize;
        loop {
            let done: bool = with_pool!(self, p => {
                let mut tx = p.begin().await?;
                let (collation, built_to, complete): (String, i64, i64) =
                    sqlx::query_as(claim).fetch_one(&mut *tx).await?;
                if collation == mine && complete == 1 {
                    tx.commit().await?;
                    true
                } else {
                    let after = if collation == mine { built_to } else { 0 };
                    let rows: Vec<NameRow> = sqlx::query_as(AssertSqlSafe(page_sql.as_str()))
                        .bind(after)
                        .fetch_all(&mut *tx)
                        .await?;
                    let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
                    // Collation is CPU work: off the async workers.
                    let (rows, keys) = tokio::task::spawn_blocking(move || {
                        let keys: Vec<(i64, &'static str, Vec<u8>)> = rows.iter().flat_map(keys_of).collect();
                        (rows, keys)
                    })
                    .await
                    .map_err(|e| StoreError::Corrupt(format!("making sort keys: {e}")))?;
                    replace_place_keys!(tx, !postgres, &ids, &keys);
                    made += rows.len();
                    let last = ids.last().copied().unwrap_or(after);
                    let finished = rows.len() < BUILD_PAGE;
                    sqlx::query("UPDATE place_sort_state SET made_by = $1, built_to = $2, complete = $3 WHERE id = 1")
                        .bind(mine)
                        .bind(last)
                        .bind(i64::from(finished))
                        .execute(&mut *tx)
                        .await?;
                    tx.commit().await?;
                    finished
                }
            });
            if done {
                return Ok(made);
            }
        }
    }

    /// Make the keys now if they are not ready and the store holds at most
    /// [`BUILD_AT_OPEN`] places; whether they are ready after.
    pub(crate) async fn build_small_place_sort_keys(&self) -> Result<bool, StoreError> {
        if self.place_sort_ready().await? {
            return Ok(true);
        }
        let n: i64 = with_pool!(self, p => sqlx::query_scalar("SELECT COUNT(*) FROM places").fetch_one(p).await?);
        if n > BUILD_AT_OPEN {
            return Ok(false);
        }
        self.build_place_sort_keys().await?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use std::cmp::Ordering;

    use super::*;

    fn row(names: [Option<&str>; 6]) -> NameRow {
        let s = |i: usize| names[i].map(str::to_owned);
        (1, s(0), s(1), s(2), s(3), s(4), s(5))
    }

    #[test]
    fn the_shown_languages_follow_the_domain_order() {
        assert_eq!(shown_languages(&["ms", "id"]), ["ms", "id", "en", "ja", "th", "ar"]);
        assert_eq!(
            shown_languages(&["xx", "th", "th"]),
            ["th", "en", "ja", "ms", "id", "ar"]
        );
        assert_eq!(order_for(Lang::Th, &["th", "en"]), Some("th"), "the same names tried");
        assert_eq!(order_for(Lang::Ms, &["ms", "id"]), Some("ms,id"));
        assert_eq!(
            order_for(Lang::En, &["ja"]),
            None,
            "Japanese names in English order: not kept"
        );
        assert_eq!(order_for(Lang::En, &[]), Some("en"));
    }

    #[test]
    fn keys_are_made_from_the_name_shown() {
        // ja, en, th, ms, ar, id
        let keys: Vec<_> = keys_of(&row([Some("伊藤"), None, Some("ไซตูน"), None, None, Some("Warung")])).collect();
        let by = |ord: &str| keys.iter().find(|k| k.1 == ord).map(|k| k.2.clone()).expect("kept");
        assert_eq!(by("en"), sort_key(Lang::En, "伊藤"), "no English name: Japanese next");
        assert_eq!(by("th"), sort_key(Lang::Th, "ไซตูน"));
        assert_eq!(by("ms"), sort_key(Lang::Ms, "伊藤"));
        assert_eq!(by("ms,id"), sort_key(Lang::Ms, "Warung"));
        let none: Vec<_> = keys_of(&row([None; 6])).collect();
        assert!(
            none.iter().all(|k| k.2 == sort_key(k_lang(k.1), "")),
            "no name: the empty one"
        );
    }

    /// The keys made in parts on the blocking pool come back whole and in
    /// the places' order, the places with them unchanged: a batch above
    /// the one-thread size, one below it, and none.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn keys_made_on_the_pool_keep_the_places_order() {
        use kizuna_domain::map::place::PlaceFields;
        let names = ["Zaitun", "伊藤", "ไซตูน", "amanah", "Çelik", "", "Warung Amanah"];
        let places: Vec<PlaceInput> = (0..1_001)
            .map(|i| {
                let name = names[i % names.len()];
                PlaceFields {
                    name_en: Some(format!("{name} {i}")),
                    name_ja: (i % 3 == 0).then(|| format!("店{i}")),
                    category: Some("restaurant".into()),
                    assurance: Some("unknown".into()),
                    lat: Some(35.0),
                    lon: Some(139.0),
                    source: Some("import".into()),
                    source_id: Some(format!("p-{i}")),
                    ..PlaceFields::default()
                }
                .validate()
                .expect("a valid place")
            })
            .collect();
        let one = |p: &PlaceInput| keys_from_names(NAME_LANGUAGES.map(|l| p.names.get(l).map(Text::as_str)));
        for n in [1_001, KEYS_ON_ONE_THREAD - 1, 0] {
            let batch = places[..n].to_vec();
            let (back, keys) = keys_of_inputs(batch.clone()).await.expect("the runtime runs");
            assert_eq!(back, batch, "{n} places come back as they went");
            let each: Vec<PlaceKeys> = batch.iter().map(one).collect();
            assert_eq!(keys, each, "{n} places: one place's keys each, in order");
        }
    }

    fn k_lang(ord: &str) -> Lang {
        ORDERS.iter().find(|o| o.0 == ord).map(|o| o.1).expect("an order")
    }

    /// Keys compared as bytes order names as the collator does, in every
    /// language, for names of every script, accents, case, equal names.
    #[test]
    fn keys_order_as_compare_does() {
        let names = [
            "",
            " ",
            "a",
            "A",
            "Amanah",
            "amanah",
            "Amanah Mart (demo)",
            "Åsa",
            "Émile",
            "émile",
            "Eve",
            "Zoë",
            "zoe",
            "de la Cruz",
            "DeLorean",
            "O'Brien",
            "Oakley",
            "Cafe Nur",
            "café nur",
            "Café 100%",
            "Kedai 1",
            "Kedai 10",
            "Kedai 2",
            "Nur Aisyah",
            "Nurul",
            "Mohd. Faiz",
            "ザイトゥーン",
            "ザイトゥン",
            "さくら",
            "サクラ",
            "ｻｸﾗ",
            "あべ",
            "アオキ",
            "がとう",
            "かとう",
            "伊藤",
            "渡辺",
            "札幌店",
            "ไซตูน",
            "ไซตูน กริลล์ (เดโม)",
            "คาเฟ่",
            "บารากา",
            "เกศินี",
            "ขวัญ",
            "ใจดี",
            "กมล",
            "Baraka カフェ",
            "カフェ Baraka",
            "مسجد",
            "Warung 🍜",
            "ＡＢＣ",
            "abc",
        ];
        for lang in Lang::ALL {
            for a in names {
                for b in names {
                    let by_key = sort_key(lang, a).cmp(&sort_key(lang, b));
                    assert_eq!(by_key, kizuna_i18n::compare(lang, a, b), "{lang:?}: {a:?} vs {b:?}");
                }
            }
        }
        assert_eq!(
            sort_key(Lang::Ja, "さくら").cmp(&sort_key(Lang::Ja, "サクラ")),
            Ordering::Equal,
            "equal names, equal keys: the id breaks the tie"
        );
    }

    #[test]
    fn the_collation_names_the_icu_crates_in_use() {
        let lock =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../Cargo.lock")).expect("Cargo.lock");
        for name in ["icu_collator", "icu_collator_data"] {
            let at = lock
                .find(&format!("name = \"{name}\"\n"))
                .unwrap_or_else(|| panic!("{name} in Cargo.lock"));
            let version = lock[at..]
                .lines()
                .nth(1)
                .and_then(|l| l.strip_prefix("version = \""))
                .and_then(|l| l.strip_suffix('"'))
                .expect("a version");
            assert!(
                COLLATION_DATA.contains(&format!("{name} {version}")),
                "{name} is {version}: change COLLATION_DATA so that stored keys are made again"
            );
        }
        assert!(collation().starts_with(COLLATION_DATA));
    }
}
