//! A whole store moved between SQLite and PostgreSQL through the store
//! file (`dump.rs`): the same tables and types on both, edge values kept
//! exactly both ways, and damaged or unfit files refused with nothing
//! written.

use kizuna_store::dump::{DumpError, ImportOptions, Manifest, read_manifest};
use kizuna_store::{Backend, Store};
use kizuna_testkit::{drop_fresh, fresh_url};
use sqlx::Connection;

/// A store on a new database with a table of edge values beside Kizuna's
/// own (floats and bytes, which Kizuna's tables do not have yet).
async fn store_with_edge_table(backend: Backend) -> (String, Store) {
    let url = fresh_url(backend).await.expect("a database");
    let store = Store::open(&url).await.expect("a store");
    let ddl = match backend {
        Backend::Sqlite => "CREATE TABLE edge_values (id INTEGER PRIMARY KEY, f REAL, b BLOB, t TEXT, n INTEGER)",
        Backend::Postgres => {
            "CREATE TABLE edge_values (id BIGINT PRIMARY KEY, f DOUBLE PRECISION, b BYTEA, t TEXT, n BIGINT)"
        }
    };
    exec(&url, &[ddl]).await;
    (url, store)
}

async fn exec(url: &str, stmts: &[&str]) {
    if url.starts_with("sqlite:") {
        let mut c = sqlx::SqliteConnection::connect(url).await.expect("connect");
        for s in stmts {
            sqlx::query(sqlx::AssertSqlSafe(*s)).execute(&mut c).await.expect(s);
        }
        c.close().await.expect("close");
    } else {
        let mut c = sqlx::PgConnection::connect(url).await.expect("connect");
        for s in stmts {
            sqlx::query(sqlx::AssertSqlSafe(*s)).execute(&mut c).await.expect(s);
        }
        c.close().await.expect("close");
    }
}

/// id, float, bytes, text, integer.
type EdgeRow = (i64, f64, Option<Vec<u8>>, Option<&'static str>, Option<i64>);

async fn fill_edges(url: &str, backend: Backend) {
    let thai = "สวัสดีครับ ยินดีต้อนรับสู่ศูนย์ฝึกอบรม ".repeat(300);
    let japanese = "研修センターへようこそ。北海道の冬は長い。".repeat(300);
    let settings = format!(
        "INSERT INTO settings (key, value) VALUES ('thai', '{thai}'), ('japanese', '{japanese}'), ('empty', ''), \
         ('z-last', 'quote '' and \\ backslash and tab\t and newline\n end')"
    );
    // A child locality before its parent (by id), and dates, times, NULLs.
    let localities = "INSERT INTO localities (id, key, country, level, parent_id, name_en, name_ja, name_th) VALUES \
         (5, 'hokkaido', 'JP', 'prefecture', NULL, 'Hokkaido', '北海道', NULL), \
         (2, 'sapporo', 'JP', 'city', 5, 'Sapporo', NULL, NULL), \
         (9, 'bangkok', 'TH', 'city', NULL, NULL, NULL, 'กรุงเทพมหานคร')";
    exec(url, &[&settings, localities]).await;
    // Floats bound as doubles (SQLite's own reading of 1e-300 in SQL text
    // is one unit off), bytes as bytes.
    let rows: [EdgeRow; 5] = [
        (1, 0.1, Some(vec![0, 255, 16]), Some(""), Some(0)),
        (2, 1e-300, None, None, None),
        (3, -2.5e-7, None, Some("x"), Some(i64::MIN)),
        (4, f64::MAX, None, Some("ไทย"), Some(i64::MAX)),
        (5, 5e-324, None, None, Some(1)),
    ];
    let sql = "INSERT INTO edge_values (id, f, b, t, n) VALUES ($1, $2, $3, $4, $5)";
    match backend {
        Backend::Sqlite => {
            let mut c = sqlx::SqliteConnection::connect(url).await.expect("connect");
            for (id, f, b, t, n) in rows {
                sqlx::query(sql)
                    .bind(id)
                    .bind(f)
                    .bind(b)
                    .bind(t)
                    .bind(n)
                    .execute(&mut c)
                    .await
                    .expect("edge row");
            }
        }
        Backend::Postgres => {
            let mut c = sqlx::PgConnection::connect(url).await.expect("connect");
            for (id, f, b, t, n) in rows {
                sqlx::query(sql)
                    .bind(id)
                    .bind(f)
                    .bind(b)
                    .bind(t)
                    .bind(n)
                    .execute(&mut c)
                    .await
                    .expect("edge row");
            }
        }
    }
}

async fn export(store: &Store) -> Vec<u8> {
    let mut out = Vec::new();
    store.export_all(&mut out, &mut |_| {}).await.expect("export");
    out
}

async fn import(store: &Store, file: &[u8], replace: bool) -> Result<Manifest, DumpError> {
    let mut input = std::io::BufReader::new(file);
    store
        .import_all(&mut input, ImportOptions { replace }, &mut |_| {})
        .await
}

fn manifest(file: &[u8]) -> Manifest {
    read_manifest(&mut std::io::BufReader::new(file)).expect("a manifest")
}

/// What each database's catalogue says, in the file's terms, is the same.
#[tokio::test]
async fn both_databases_have_the_same_tables_in_the_file() {
    let lite_url = fresh_url(Backend::Sqlite).await.expect("db");
    let pg_url = fresh_url(Backend::Postgres).await.expect("db");
    let lite = Store::open(&lite_url).await.expect("store");
    let pg = Store::open(&pg_url).await.expect("store");
    let shape = |tables: Vec<kizuna_store::dump::Table>| {
        tables
            .into_iter()
            .map(|t| {
                let cols: Vec<(String, &'static str)> =
                    t.columns.iter().map(|c| (c.name.clone(), c.ty.as_str())).collect();
                (t.name, cols, t.key, t.self_refs)
            })
            .collect::<Vec<_>>()
    };
    let a = shape(lite.dump_tables().await.expect("sqlite tables"));
    let b = shape(pg.dump_tables().await.expect("postgres tables"));
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x, y, "a table differs between SQLite and PostgreSQL");
    }
    assert_eq!(a.len(), b.len());
    // Timestamps and booleans are typed on SQLite too.
    let changes = a.iter().find(|t| t.0 == "changes").expect("changes");
    assert!(changes.1.contains(&("changed_at".to_owned(), "time")));
    // New stores count as empty on both, and read the same.
    assert_eq!(
        lite.dump_manifest().await.expect("manifest"),
        pg.dump_manifest().await.expect("manifest")
    );
    drop(lite);
    drop(pg);
    drop_fresh(&lite_url).await;
    drop_fresh(&pg_url).await;
}

/// What a new store with the edge table holds, read the same way.
async fn back_fresh(like: &Store) -> Manifest {
    let (url, fresh) = store_with_edge_table(like.backend()).await;
    let m = fresh.dump_manifest().await.expect("manifest");
    drop(fresh);
    drop_fresh(&url).await;
    m
}

async fn edge_values_move(from: Backend, to: Backend) {
    let (src_url, src) = store_with_edge_table(from).await;
    fill_edges(&src_url, from).await;
    let file = export(&src).await;
    let (dst_url, dst) = store_with_edge_table(to).await;
    let got = import(&dst, &file, false).await.expect("import");
    assert_eq!(got, manifest(&file));
    let again = export(&dst).await;
    assert_eq!(manifest(&again), manifest(&file), "the hashes differ after the move");
    // The ids' sequence continues past the largest imported id.
    if to == Backend::Postgres {
        exec(
            &dst_url,
            &["INSERT INTO localities (key, country, level, name_en) VALUES ('next', 'JP', 'city', 'Next')"],
        )
        .await;
    }
    // And back again to the first kind of store.
    let (back_url, back) = store_with_edge_table(from).await;
    import(&back, &again, false).await.expect("import back");
    assert_eq!(manifest(&export(&back).await), manifest(&file));
    // Exact values, read as the database keeps them.
    let text = String::from_utf8(again).expect("UTF-8");
    assert!(
        text.contains(r#"["AP8Q","0.1",1,0,""]"#),
        "the first edge row is not as stored"
    );
    let edge_rows: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with(r#"{"table":"edge_values""#))
        .take(6)
        .collect();
    for needle in [
        r#""1e-300""#,
        r#""-2.5e-7""#,
        r#""5e-324""#,
        r#""1.7976931348623157e308""#,
    ] {
        assert!(text.contains(needle), "{needle} is not in the file: {edge_rows:#?}");
    }
    // A value SQLite cannot keep (it stores -0.0 as the integer 0) is
    // refused on the way from PostgreSQL, naming the table.
    if from == Backend::Postgres {
        exec(&src_url, &["INSERT INTO edge_values (id, f) VALUES (6, '-0'::float8)"]).await;
        let file = export(&src).await;
        assert!(String::from_utf8_lossy(&file).contains(r#""-0.0""#));
        let (url, lite) = store_with_edge_table(Backend::Sqlite).await;
        let e = import(&lite, &file, false).await.expect_err("-0.0 kept by SQLite");
        assert!(e.to_string().contains("table edge_values reads back"), "{e}");
        assert_eq!(lite.dump_manifest().await.expect("manifest"), back_fresh(&lite).await);
        drop(lite);
        drop_fresh(&url).await;
    }
    for (db, url) in [(src, src_url), (dst, dst_url), (back, back_url)] {
        drop(db);
        drop_fresh(&url).await;
    }
}

#[tokio::test]
async fn edge_values_move_from_sqlite_to_postgres_and_back() {
    edge_values_move(Backend::Sqlite, Backend::Postgres).await;
}

#[tokio::test]
async fn edge_values_move_from_postgres_to_sqlite_and_back() {
    edge_values_move(Backend::Postgres, Backend::Sqlite).await;
}

/// A file changed, cut short or from another schema is refused, and the
/// store is left as it was; a store with data is refused unless replaced.
async fn bad_files_write_nothing(backend: Backend) {
    let (src_url, src) = store_with_edge_table(Backend::Sqlite).await;
    fill_edges(&src_url, Backend::Sqlite).await;
    let file = export(&src).await;
    let text = String::from_utf8(file.clone()).expect("UTF-8");
    let (dst_url, dst) = store_with_edge_table(backend).await;
    let before = dst.dump_manifest().await.expect("manifest");

    let refused = |e: DumpError, words: &[&str]| {
        let msg = e.to_string();
        for w in words {
            assert!(msg.contains(w), "{msg:?} does not say {w:?}");
        }
    };
    // A value changed: its table's hash no longer matches.
    let changed = text.replacen("Sapporo", "Sappora", 1);
    refused(
        import(&dst, changed.as_bytes(), false).await.expect_err("changed"),
        &["localities", "hash"],
    );
    // Cut short in the middle of the rows.
    let cut = &file[..file.len() / 2];
    let cut_at_line = &file[..=cut.iter().rposition(|b| *b == b'\n').expect("a line")];
    refused(import(&dst, cut_at_line, false).await.expect_err("cut"), &["cut short"]);
    refused(import(&dst, cut, false).await.expect_err("cut"), &["cut short"]);
    // A bad value, named by table, row and column.
    let lines: Vec<&str> = text.lines().collect();
    let row = lines
        .iter()
        .position(|l| l.contains("\"sapporo\""))
        .expect("the Sapporo row");
    let mut edited: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
    let mut cells: Vec<serde_json::Value> = serde_json::from_str(lines[row]).expect("a row");
    let id_col = serde_json::from_str::<serde_json::Value>(
        lines[..row]
            .iter()
            .rev()
            .find(|l| l.starts_with("{\"table\""))
            .expect("header"),
    )
    .expect("json")["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .position(|c| c[0] == "id")
        .expect("id");
    cells[id_col] = serde_json::json!("two");
    edited[row] = serde_json::Value::Array(cells).to_string();
    let edited = edited.join("\n") + "\n";
    refused(
        import(&dst, edited.as_bytes(), false).await.expect_err("bad value"),
        &["table localities row", "column id", "integer"],
    );
    // An unknown table.
    let unknown = text.replacen("{\"table\":\"edge_values\"", "{\"table\":\"edge_valuez\"", 1);
    refused(
        import(&dst, unknown.as_bytes(), false).await.expect_err("unknown"),
        &["edge_valuez"],
    );
    // A newer schema.
    let newer = text.replacen("\"schema_version\":", "\"schema_version\":9", 1);
    refused(
        import(&dst, newer.as_bytes(), false).await.expect_err("newer"),
        &["newer"],
    );
    // An older schema: refused, saying how to upgrade.
    let v = dst.schema_version().await.expect("schema version");
    let older = text.replacen(
        &format!("\"schema_version\":{v},"),
        &format!("\"schema_version\":{},", v - 1),
        1,
    );
    refused(
        import(&dst, older.as_bytes(), false).await.expect_err("older"),
        &["older", "export it again"],
    );
    // Not a store file at all.
    refused(
        import(&dst, b"id,name\n1,x\n", false).await.expect_err("csv"),
        &["not a Kizuna store file"],
    );

    assert_eq!(
        dst.dump_manifest().await.expect("manifest"),
        before,
        "a refused import wrote something"
    );

    // Into a store with data: refused naming a table, unless replaced.
    import(&dst, &file, false).await.expect("import");
    refused(
        import(&dst, &file, false).await.expect_err("not empty"),
        &["not empty", "rows"],
    );
    import(&dst, &file, true).await.expect("replace");
    assert_eq!(dst.dump_manifest().await.expect("manifest"), manifest(&file));
    // Replacing keeps the audit log's guard: its rows still cannot change.
    let guard = match backend {
        Backend::Sqlite => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'",
        Backend::Postgres => "SELECT COUNT(*) FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D'",
    };
    let n: i64 = if dst_url.starts_with("sqlite:") {
        let mut c = sqlx::SqliteConnection::connect(&dst_url).await.expect("connect");
        sqlx::query_scalar(guard).fetch_one(&mut c).await.expect("count")
    } else {
        let mut c = sqlx::PgConnection::connect(&dst_url).await.expect("connect");
        sqlx::query_scalar(guard).fetch_one(&mut c).await.expect("count")
    };
    assert!(n >= 2, "the audit log's triggers are gone ({n})");
    for (db, url) in [(src, src_url), (dst, dst_url)] {
        drop(db);
        drop_fresh(&url).await;
    }
}

kizuna_testkit::on_both!(bad_files_write_nothing);
