//! `kizuna bench all --quick` at tiny sizes on SQLite only: each chosen
//! benchmark runs as a child at each size, its figures land in the record
//! file, the table shows every run (a failing one as failed, not hidden)
//! with its peak memory, and a plot is drawn per workload.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use std::process::Command;

use kizuna_bench::record::read;

#[test]
fn bench_all_runs_each_workload_at_each_size_and_draws_its_table_and_plots() {
    let out = std::env::temp_dir().join(format!("kizuna-bench-all-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let o = Command::new(env!("CARGO_BIN_EXE_kizuna"))
        .args([
            "bench",
            "all",
            "--quick",
            "--sqlite-only",
            // itinerary at 1 place has no hotel to start from: a failure to report.
            "--sizes",
            "1,300,600",
            "--only",
            "itinerary,search",
            "--out",
        ])
        .arg(&out)
        .env_remove("KIZUNA_BENCH_RECORD")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stdout}\n{stderr}");

    // The figures: both workloads at the sizes that ran.
    let measures = read(&std::fs::read_to_string(out.join("records.jsonl")).unwrap());
    for (w, engine) in [("itinerary", "kizuna"), ("search", "Kizuna"), ("search", "SQLite FTS5")] {
        for size in [300, 600] {
            assert!(
                measures
                    .iter()
                    .any(|m| m.workload == w && m.engine == engine && m.size == size && m.metric == "median"),
                "no median of {engine} for {w} at {size}: {measures:?}"
            );
        }
    }
    assert!(measures.iter().all(|m| m.load.is_some()), "every figure with its load");

    // The table: printed and written, every run with its result and memory.
    let summary = std::fs::read_to_string(out.join("summary.md")).unwrap();
    assert_eq!(summary, stdout, "the Markdown printed is the one written");
    let row = |w: &str, size: u64| {
        stdout
            .lines()
            .find(|l| l.starts_with(&format!("| {w} | {size} |")))
            .unwrap_or_else(|| panic!("no run of {w} at {size} in:\n{stdout}"))
            .to_owned()
    };
    assert!(row("itinerary", 1).contains("| failed: exit status 1: "), "{stdout}");
    assert!(
        row("itinerary", 1).contains("no hotel"),
        "the child's own words: {stdout}"
    );
    for w in ["itinerary", "search"] {
        for size in [300, 600] {
            let r = row(w, size);
            assert!(r.contains("| ok |"), "{r}");
            let rss = r.split('|').nth(5).unwrap().trim();
            // The itinerary at these sizes may end before its memory is
            // read (every 50 ms): then "—", never a made-up figure.
            match rss.parse::<f64>() {
                Ok(mb) => assert!(mb > 1.0, "peak RSS in MB: {r}"),
                Err(_) => assert!(w == "itinerary" && rss == "—", "peak RSS: {r}"),
            }
        }
    }
    assert!(stdout.contains("### itinerary") && stdout.contains("### search"));
    assert!(stdout.contains("| 600 | SQLite FTS5 |"), "{stdout}");
    // What each child printed is kept beside the figures.
    assert!(
        std::fs::read_to_string(out.join("runs/itinerary-300.md"))
            .unwrap()
            .contains("Load average")
    );

    // A plot per workload, and the memory plot, each SVG with its lines.
    for (name, lines) in [("itinerary", 1), ("search", 2)] {
        let svg = std::fs::read_to_string(out.join(format!("{name}.svg"))).unwrap();
        assert!(svg.starts_with("<?xml") && svg.trim_end().ends_with("</svg>"), "{name}");
        assert_eq!(svg.matches("<polyline").count(), lines, "{name}: {svg}");
    }
    // The memory plot: a line for search at least (see above for the itinerary).
    let svg = std::fs::read_to_string(out.join("peak-rss.svg")).unwrap();
    assert!(svg.contains(">search</text>"), "{svg}");
    let _ = std::fs::remove_dir_all(&out);
}
