//! The two migration folders and the records' declarations agree, and a
//! store made before offices, versions, four-language titles and the change
//! feed (migrations 1–7), and before places' chains and branches were kept
//! per language (migration 9), is upgraded in place with its data.

use std::borrow::Cow;
use std::collections::BTreeMap;

use kizuna_domain::System;
use kizuna_domain::common::locality::Locality;
use kizuna_domain::common::programme::Programme;
use kizuna_domain::common::{LocalText, Text, guess_language};
use kizuna_domain::exchanges::award::Award;
use kizuna_domain::map::place::Place;
use kizuna_domain::training::edition::Edition;
use kizuna_domain::training::session::Session;
use kizuna_store::schema::{DbColumn, kinds_of};
use kizuna_store::{Backend, Store};
use kizuna_testkit::{drop_fresh, fresh_url};
use sqlx::Connection;

/// The kind of type a column holds, in terms both databases share: SQLite
/// keeps dates and times as text and booleans as integers, so a PostgreSQL
/// `date` matches SQLite `text`, and `boolean` matches `integer`; bytes are
/// SQLite `blob` and PostgreSQL `bytea`.
fn class(backend: Backend, ty: &str) -> &'static str {
    match (backend, ty) {
        (Backend::Sqlite, "integer" | "bigint") | (Backend::Postgres, "integer" | "bigint" | "boolean") => "integer",
        (Backend::Sqlite, "text") | (Backend::Postgres, "text" | "date" | "timestamp with time zone") => "text",
        (Backend::Sqlite, "blob") | (Backend::Postgres, "bytea") => "bytes",
        _ => "unknown",
    }
}

async fn schema(store: &Store) -> BTreeMap<String, Vec<DbColumn>> {
    let mut out = BTreeMap::new();
    for t in store.table_names().await.expect("tables") {
        let cols = store.table_columns(&t).await.expect("columns");
        out.insert(t, cols);
    }
    out
}

/// Every table, column, type and nullability of SQLite's schema is
/// PostgreSQL's too (types compared as each database keeps them), and every
/// column a record declares has the declared kind on both.
#[tokio::test]
async fn sqlite_and_postgresql_schemas_are_the_same() {
    let lite_url = fresh_url(Backend::Sqlite).await.expect("sqlite");
    let pg_url = fresh_url(Backend::Postgres).await.expect("a PostgreSQL server");
    let lite = Store::open(&lite_url).await.expect("sqlite store");
    let pg = Store::open(&pg_url).await.expect("postgres store");
    let (a, b) = (schema(&lite).await, schema(&pg).await);
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "the same tables"
    );
    let declared = kizuna_store::records::tables();
    let mut problems = Vec::new();
    for (table, lite_cols) in &a {
        let pg_cols = &b[table];
        let names = |cols: &[DbColumn]| {
            let mut v: Vec<String> = cols.iter().map(|c| c.name.clone()).collect();
            v.sort();
            v
        };
        if names(lite_cols) != names(pg_cols) {
            problems.push(format!(
                "{table}: columns differ: sqlite {:?}, postgres {:?}",
                names(lite_cols),
                names(pg_cols)
            ));
            continue;
        }
        for l in lite_cols {
            let p = pg_cols.iter().find(|p| p.name == l.name).expect("same names");
            if class(Backend::Sqlite, &l.ty) != class(Backend::Postgres, &p.ty)
                || class(Backend::Sqlite, &l.ty) == "unknown"
            {
                problems.push(format!("{table}.{}: sqlite {} but postgres {}", l.name, l.ty, p.ty));
            }
            if l.nullable != p.nullable {
                problems.push(format!(
                    "{table}.{}: nullable {} on sqlite, {} on postgres",
                    l.name, l.nullable, p.nullable
                ));
            }
            if let Some(c) = declared
                .iter()
                .filter(|s| s.table == table)
                .flat_map(|s| s.columns.iter())
                .find(|c| c.name == l.name)
            {
                for (backend, col) in [(Backend::Sqlite, l), (Backend::Postgres, p)] {
                    if !kinds_of(backend, &col.ty).contains(&c.kind) {
                        problems.push(format!(
                            "{table}.{} on {backend:?}: {} holds no {:?}",
                            l.name, col.ty, c.kind
                        ));
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    lite.close().await;
    pg.close().await;
    drop_fresh(&lite_url).await;
    drop_fresh(&pg_url).await;
}

/// What a store made by migrations 1–7 held, as that schema had it.
const OLD_DATA: &[&str] = &[
    "INSERT INTO localities (id, key, country, level, parent_id, name_en, name_ja) VALUES (1, 'jp/hokkaido', 'JP', 'prefecture', NULL, 'Hokkaido', '北海道')",
    "INSERT INTO organisations (id, key, name_en, name_ja, kind, country, locality_id) VALUES (1, 'hrdb', 'Hokkaido Regional Development Bureau', '北海道開発局', 'government', 'JP', 1)",
    "INSERT INTO people (id, identity_key, family_name, given_name, gender, nationality, organisation_id) VALUES (1, 'srisuk|kanya|TH|', 'Srisuk', 'Kanya', 'female', 'TH', 1)",
    "INSERT INTO programmes (id, key, kind, title_en, title_ja, organisation_id, summary) VALUES (1, 'gmrdp', 'training_course', 'General Management for Regional Development and Planning', '地域開発計画管理', 1, 'A course for many countries.')",
    "INSERT INTO editions (id, programme_id, key, fiscal_year, scope, title_en, starts_on, ends_on, capacity) VALUES (1, 1, 'gmrdp/fy2007', 2007, 'general', NULL, '2007-09-01', '2007-10-16', 80)",
    "INSERT INTO participations (id, edition_id, person_id, role, status, started_on) VALUES (1, 1, 1, 'trainee', 'completed', '2007-09-01')",
    "INSERT INTO sessions (id, edition_id, kind, title_en, title_ja, starts_at, ends_at, place, host_organisation_id) VALUES (1, 1, 'courtesy_call', 'Courtesy call to the Mayor of Hakodate', '函館市長表敬訪問', '2007-10-05T01:00:00Z', '2007-10-05T02:00:00Z', 'Hakodate', 1)",
    "INSERT INTO session_instructors (session_id, person_id) VALUES (1, 1)",
    "INSERT INTO attendance (session_id, person_id, present) VALUES (1, 1, TRUE)",
    "INSERT INTO awards (id, title_en, title_ja, recipient_id, received_on, citation) VALUES (1, '4th JICA President''s Award', '第4回JICA理事長表彰', 1, '2007-10-01', 'For many years of cooperation.')",
    "INSERT INTO places (id, source, source_id, name_en, category, lat_e7, lon_e7, assurance, prayer_space, wudu, women_space, qibla_marked, prayer_mats, changed_version) \
     VALUES (1, 'staff', 'staff-1', 'Sapporo Prayer Room', 'prayer_room', 430621000, 1413544000, 'unknown', TRUE, TRUE, FALSE, FALSE, FALSE, 3)",
    "INSERT INTO place_deletions (place_id, version) VALUES (9, 2)",
    "UPDATE data_version SET version = 12, places_version = 3 WHERE id = 1",
];

/// Chains and branches as a store before migration 9 kept them, one text
/// each: migration 9 must put each in the language the domain guesses for
/// it (`guess_language`), on both databases. Thai, Japanese and English,
/// then the edges of the rule: mixed scripts, accented Latin, emoji, and the
/// code points at and just outside the Thai block (U+0E00–U+0E7F).
const OLD_CHAINS: &[(&str, &str)] = &[
    ("Hilal Ramen Kita", "札幌駅前店"),
    ("ヒラルラーメン北", "สาขาโอโดริ"),
    ("ฮิลาลราเมนคิตะ", "Odori"),
    ("Café Salam", "Kita 5-jo, \"Odori\"\tWest"),
    ("ร้าน ラーメン", "🍜 Ramen"),
    ("Hilal \u{0E00}", "\u{0E7F}"),
    ("\u{0DFF} Sinhala", "\u{0E80} Lao"),
    ("It's ｶﾌｪ", "it's plain"),
];

/// The place the `n`th of [`OLD_CHAINS`] is on, as migrations 1–8 had it.
fn old_chain_place(n: usize, chain: &str, branch: &str) -> String {
    let q = |s: &str| format!("'{}'", s.replace('\'', "''"));
    format!(
        "INSERT INTO places (id, source, source_id, name_en, category, lat_e7, lon_e7, assurance, prayer_space, wudu, women_space, qibla_marked, prayer_mats, chain, branch) \
         VALUES ({id}, 'import', 'chain-{n}', 'Chain place {n}', 'restaurant', 430000000, 1410000000, 'unknown', FALSE, FALSE, FALSE, FALSE, FALSE, {chain}, {branch})",
        id = 100 + n,
        chain = q(chain),
        branch = q(branch),
    )
}

/// The one language a text of a stored place is in, and the text.
fn only_language(t: Option<&LocalText>) -> Option<(&'static str, &str)> {
    let t = t?;
    let all: Vec<(&'static str, &Text)> = t.iter().collect();
    assert_eq!(all.len(), 1, "{all:?}");
    Some((all[0].0, all[0].1.as_str()))
}

async fn an_old_store_is_upgraded_with_its_data(backend: Backend) {
    let url = fresh_url(backend).await.expect("a fresh database");
    // Today's schema as it was before this upgrade: migrations 1–7, with data.
    macro_rules! old {
        ($conn:ty, $dir:literal) => {{
            let target = if url.starts_with("sqlite:") {
                format!("{url}?mode=rwc")
            } else {
                url.clone()
            };
            let mut conn = <$conn>::connect(&target).await.expect("connect");
            let mut m = sqlx::migrate!($dir);
            m.migrations = Cow::Owned(m.migrations.iter().filter(|x| x.version <= 7).cloned().collect());
            m.run(&mut conn).await.expect("migrations 1-7");
            let chains = OLD_CHAINS
                .iter()
                .enumerate()
                .map(|(n, (c, b))| old_chain_place(n, c, b));
            for sql in OLD_DATA.iter().map(|s| (*s).to_owned()).chain(chains) {
                sqlx::raw_sql(sqlx::AssertSqlSafe(sql.as_str()))
                    .execute(&mut conn)
                    .await
                    .unwrap_or_else(|e| panic!("{sql}: {e}"));
            }
            conn.close().await.expect("close");
        }};
    }
    match backend {
        Backend::Sqlite => old!(sqlx::SqliteConnection, "./migrations/sqlite"),
        Backend::Postgres => old!(sqlx::PgConnection, "./migrations/postgres"),
    }
    // Opening it runs the rest and checks every table against the records.
    let store = Store::open(&url).await.expect("the upgraded store opens");
    let hokkaido: Locality = store.get(1).await.expect("the locality");
    assert_eq!(hokkaido.fields.name.get("en").map(Text::as_str), Some("Hokkaido"));
    assert_eq!(hokkaido.fields.name.get("ja").map(Text::as_str), Some("北海道"));
    assert_eq!(hokkaido.version, 1);
    let course: Programme = store.get(1).await.expect("the course");
    assert_eq!(course.office_id, 1, "kept by the default office");
    assert_eq!(
        course
            .fields
            .summary
            .as_ref()
            .and_then(|s| s.get("en"))
            .map(Text::as_str),
        Some("A course for many countries."),
        "the old summary is the English one"
    );
    let edition: Edition = store.get(1).await.expect("the edition");
    assert_eq!(edition.fields.title, None);
    let session: Session = store.get(1).await.expect("the session");
    assert_eq!(
        session.fields.title.get("ja").map(Text::as_str),
        Some("函館市長表敬訪問")
    );
    assert_eq!(session.fields.instructor_ids, vec![1]);
    let award: Award = store.get(1).await.expect("the award");
    assert_eq!(
        award
            .fields
            .citation
            .as_ref()
            .and_then(|c| c.get("en"))
            .map(Text::as_str),
        Some("For many years of cooperation.")
    );
    let place: Place = store.get(1).await.expect("the place");
    assert_eq!((place.version, place.office_id), (1, 1));
    assert_eq!(place.fields.position.lat_e7(), 430_621_000);
    assert!(place.fields.prayer.wudu);
    assert_eq!((&place.fields.chain, &place.fields.branch), (&None, &None));
    // Migration 9: each old chain and branch in the language its script shows.
    for (n, (chain, branch)) in OLD_CHAINS.iter().enumerate() {
        let id = 100 + i64::try_from(n).expect("a small number");
        let p: Place = store.get(id).await.expect("a place with a chain");
        assert_eq!(
            only_language(p.fields.chain.as_ref()),
            Some((guess_language(chain), *chain)),
            "chain {chain:?} on {backend:?}"
        );
        assert_eq!(
            only_language(p.fields.branch.as_ref()),
            Some((guess_language(branch), *branch)),
            "branch {branch:?} on {backend:?}"
        );
    }
    // The rule's three answers, as the office's data will have them.
    for (id, lang, columns) in [
        (
            100,
            "en",
            "an English chain in chain_en, its Japanese branch in branch_ja",
        ),
        (101, "ja", "a Japanese chain in chain_ja, its Thai branch in branch_th"),
        (102, "th", "a Thai chain in chain_th, its English branch in branch_en"),
    ] {
        let p: Place = store.get(id).await.expect("a place");
        let chain = p.fields.chain.as_ref().expect("a chain");
        assert!(chain.get(lang).is_some(), "{columns} on {backend:?}");
        let branch_lang = ["ja", "th", "en"][usize::try_from(id - 100).expect("0 to 2")];
        assert!(
            p.fields.branch.as_ref().and_then(|b| b.get(branch_lang)).is_some(),
            "{columns} on {backend:?}"
        );
    }
    assert_eq!(store.attendance(1).await.expect("attendance").len(), 1);
    // Every system starts its own version; nothing is in the feed yet.
    for s in System::ALL {
        assert_eq!(store.system_version(*s).await.expect("a version"), 0, "{s}");
    }
    // The upgraded store takes writes, with versions and the feed.
    let mut changed = course.fields.clone();
    changed.title = changed
        .title
        .with("th", kizuna_domain::common::Text::parse("การบริหารการพัฒนาภูมิภาค").ok())
        .expect("a title");
    let after = store
        .update::<Programme>(1, course.version, &changed)
        .await
        .expect("an update");
    assert_eq!(after.version, 2);
    assert_eq!(store.system_version(System::Common).await.expect("a version"), 1);
    assert_eq!(store.system_version(System::Map).await.expect("a version"), 0);
    if backend == Backend::Sqlite {
        // The rebuilt tables left no reference dangling.
        let path = url.trim_start_matches("sqlite://");
        let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{path}"))
            .await
            .expect("connect");
        let broken: Vec<(String, i64)> = sqlx::query_as("SELECT \"table\", rowid FROM pragma_foreign_key_check")
            .fetch_all(&mut conn)
            .await
            .expect("foreign_key_check");
        assert!(broken.is_empty(), "{broken:?}");
        conn.close().await.expect("close");
    }
    store.close().await;
    drop_fresh(&url).await;
}

#[tokio::test]
async fn an_old_sqlite_store_is_upgraded_with_its_data() {
    an_old_store_is_upgraded_with_its_data(Backend::Sqlite).await;
}

#[tokio::test]
async fn an_old_postgres_store_is_upgraded_with_its_data() {
    an_old_store_is_upgraded_with_its_data(Backend::Postgres).await;
}

/// A database whose tables lack a column a record declares is refused at
/// start-up, naming the table and column, instead of failing later.
#[tokio::test]
async fn a_missing_column_is_named_at_start_up() {
    let url = fresh_url(Backend::Sqlite).await.expect("sqlite");
    let store = Store::open(&url).await.expect("a store");
    store.close().await;
    let mut conn = sqlx::SqliteConnection::connect(&url).await.expect("connect");
    sqlx::raw_sql("ALTER TABLE places DROP COLUMN description_th")
        .execute(&mut conn)
        .await
        .expect("drop");
    conn.close().await.expect("close");
    let e = Store::open(&url).await.err().expect("refused");
    let m = e.to_string();
    assert!(m.contains("places.description_th (text) is missing"), "{m}");
    drop_fresh(&url).await;
}
