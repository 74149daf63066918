//! `kizuna bench search` on a small corpus, so that it never rots: every
//! engine builds its index and answers, recall@10 is computed for each,
//! and Kizuna's own index finds what the generator put in the documents.
//! Not a measure of speed.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use std::process::Command;

#[test]
fn bench_search_runs_every_engine_and_computes_recall() {
    let out = Command::new(env!("CARGO_BIN_EXE_kizuna"))
        .args(["bench", "search", "--docs", "5000", "--queries", "84"])
        .output()
        .expect("the kizuna binary runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "bench failed:\n{stdout}\n{stderr}");
    let cells = |name: &str| -> Vec<String> {
        stdout
            .lines()
            .find(|l| l.starts_with(&format!("| {name}")))
            .unwrap_or_else(|| panic!("no row for {name} in:\n{stdout}"))
            .split('|')
            .map(|c| c.trim().to_owned())
            .collect()
    };
    // Columns: engine, indexing s, documents/s, MB, median, p99, ratios,
    // round trip, recall@10, queries finding nothing, load.
    let recall_of = |row: &[String]| -> f64 { row[10].parse().unwrap_or_else(|_| panic!("recall in {row:?}")) };
    let kizuna = cells("Kizuna (tantivy");
    let fts5 = cells("SQLite FTS5");
    let pg_fts = cells("PostgreSQL FTS");
    let pg_trgm = cells("PostgreSQL pg_trgm");
    for row in [&kizuna, &fts5, &pg_fts, &pg_trgm] {
        let docs_per_s: f64 = row[3].parse().unwrap();
        assert!(docs_per_s > 0.0, "{row:?}");
        let r = recall_of(row);
        assert!((0.0..=1.0).contains(&r), "{row:?}");
        let median: f64 = row[5].parse().unwrap();
        assert!(median > 0.0, "{row:?}");
    }
    // Kizuna's index finds the documents the generator wrote the query's
    // words into: nearly always (typos and prefixes included), and never
    // nothing.
    assert!(recall_of(&kizuna) >= 0.9, "{stdout}");
    assert_eq!(kizuna[11], "0", "queries that found nothing:\n{stdout}");
    // A trigram index cannot read a name with a typo: FTS5's recall is lower.
    assert!(recall_of(&fts5) < recall_of(&kizuna), "{stdout}");
    assert!(stdout.contains("Load average"), "{stdout}");
}
