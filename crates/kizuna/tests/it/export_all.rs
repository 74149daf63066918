//! `kizuna export all` and `kizuna import all` through the real binary:
//! the demo store moved SQLite → PostgreSQL → SQLite with every table's
//! count and hash the same at each step, a damaged file refused with
//! nothing written, a store with data refused unless replaced.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use crate::run;
use run::kizuna;

use std::path::{Path, PathBuf};
use std::process::Output;

use kizuna_store::Backend;
use kizuna_store::dump::{Manifest, read_manifest};
use kizuna_testkit::{drop_fresh, fresh_url};

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kizuna-export-all-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn manifest(path: &Path) -> Manifest {
    let mut f = std::io::BufReader::new(std::fs::File::open(path).unwrap());
    read_manifest(&mut f).unwrap()
}

fn export(url: &str, out: &Path) {
    let o = kizuna(url, &["export", "all", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "export from {url}: {}", stderr(&o));
    assert!(!Path::new(&format!("{}.partial", out.display())).exists());
}

fn import(url: &str, file: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["import", "all", file.to_str().unwrap()];
    args.extend_from_slice(extra);
    kizuna(url, &args)
}

/// The demo on one database, moved to the other and back.
async fn demo_moves(first: Backend, second: Backend, tag: &str) {
    let a = fresh_url(first).await.unwrap();
    let o = kizuna(&a, &["demo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let file_a = tmp(&format!("{tag}-a.kizuna"));
    export(&a, &file_a);
    let m_a = manifest(&file_a);
    let rows = |m: &Manifest, t: &str| m.tables.iter().find(|s| s.table == t).map_or(0, |s| s.rows);
    assert!(rows(&m_a, "people") > 1000, "the demo's people are in the file");
    assert!(rows(&m_a, "participations") > 1000);
    assert!(rows(&m_a, "audit_log") > 0 && rows(&m_a, "changes") > 0 && rows(&m_a, "photos") > 0);

    let b = fresh_url(second).await.unwrap();
    let o = import(&b, &file_a, &[]);
    assert!(o.status.success(), "import into {b}: {}", stderr(&o));
    assert!(
        stderr(&o).contains("every table's count and hash checked"),
        "{}",
        stderr(&o)
    );
    let file_b = tmp(&format!("{tag}-b.kizuna"));
    export(&b, &file_b);
    assert_eq!(manifest(&file_b), m_a, "counts or hashes differ after the move");

    // The moved store works: its audit chain and references check out, the
    // report reads the same, and a new record gets a new id.
    let o = kizuna(&b, &["check"]);
    assert!(o.status.success(), "check: {}", stderr(&o));
    let report = |url: &str| {
        let o = kizuna(
            url,
            &["report", "trainees", "--as-of", "2008-03-31", "--format", "json"],
        );
        assert!(o.status.success(), "report: {}", stderr(&o));
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    assert_eq!(report(&a), report(&b));
    let o = kizuna(&b, &["office", "add", "moved", "--name-en", "Moved office"]);
    assert!(o.status.success(), "a new office after the move: {}", stderr(&o));

    // And back into a new store of the first kind.
    let c = fresh_url(first).await.unwrap();
    let o = import(&c, &file_b, &[]);
    assert!(o.status.success(), "import back into {c}: {}", stderr(&o));
    let file_c = tmp(&format!("{tag}-c.kizuna"));
    export(&c, &file_c);
    assert_eq!(manifest(&file_c), m_a);

    // A store with data is refused naming a table, unless replaced.
    let o = import(&c, &file_a, &[]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("not empty") && stderr(&o).contains("rows"),
        "{}",
        stderr(&o)
    );
    let o = import(&c, &file_a, &["--replace"]);
    assert!(o.status.success(), "replace: {}", stderr(&o));

    for url in [a, b, c] {
        drop_fresh(&url).await;
    }
    for f in [file_a, file_b, file_c] {
        let _ = std::fs::remove_file(f);
    }
    let _ = std::fs::remove_dir(tmp("").parent().unwrap());
}

#[tokio::test]
async fn the_demo_moves_from_sqlite_to_postgres_and_back() {
    demo_moves(Backend::Sqlite, Backend::Postgres, "lite").await;
}

#[tokio::test]
async fn the_demo_moves_from_postgres_to_sqlite_and_back() {
    demo_moves(Backend::Postgres, Backend::Sqlite, "pg").await;
}

/// A changed row, a cut file and a file that is not one are refused, the
/// store left empty: a new store's export reads the same afterwards.
#[tokio::test]
async fn a_damaged_file_writes_nothing() {
    let a = fresh_url(Backend::Sqlite).await.unwrap();
    assert!(kizuna(&a, &["demo"]).status.success());
    let file = tmp("damaged-source.kizuna");
    export(&a, &file);
    let text = std::fs::read_to_string(&file).unwrap();

    let b = fresh_url(Backend::Postgres).await.unwrap();
    let empty = tmp("damaged-empty.kizuna");
    export(&b, &empty);
    let before = manifest(&empty);

    // One person's family name changed in the file.
    let people = text.find("{\"table\":\"people\"").unwrap();
    let row_start = people + text[people..].find('\n').unwrap() + 1;
    let row_end = row_start + text[row_start..].find('\n').unwrap();
    let row = &text[row_start..row_end];
    let mut cells: Vec<serde_json::Value> = serde_json::from_str(row).unwrap();
    let name = cells.iter().position(serde_json::Value::is_string).unwrap();
    cells[name] = serde_json::json!("Changed");
    let changed = format!(
        "{}{}{}",
        &text[..row_start],
        serde_json::Value::Array(cells),
        &text[row_end..]
    );
    let changed_file = tmp("damaged-changed.kizuna");
    std::fs::write(&changed_file, changed).unwrap();
    let o = import(&b, &changed_file, &[]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("table people") && stderr(&o).contains("nothing was imported"),
        "{}",
        stderr(&o)
    );

    // Cut short, as by a full disk or an interrupted copy.
    let cut_file = tmp("damaged-cut.kizuna");
    std::fs::write(&cut_file, &text.as_bytes()[..text.len() * 2 / 3]).unwrap();
    let o = import(&b, &cut_file, &[]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("cut short"), "{}", stderr(&o));

    let after = tmp("damaged-after.kizuna");
    export(&b, &after);
    assert_eq!(manifest(&after), before, "a refused import wrote something");

    drop_fresh(&a).await;
    drop_fresh(&b).await;
    for f in [file, empty, changed_file, cut_file, after] {
        let _ = std::fs::remove_file(f);
    }
    let _ = std::fs::remove_dir(tmp("").parent().unwrap());
}
