//! `kizuna bench stats --existing`: two builds timed on one store that took
//! long to make. The store kept by one run is timed again as it is, left
//! as it was counted (so that it can be timed again), and refused once its
//! counts are paused, when its reports would not be the kept counts'.

use std::process::{Command, Output};

use kizuna_store::Store;

fn bench(args: &[&str], keep: bool) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kizuna"));
    cmd.args(["bench", "stats", "--participations", "3000", "--quick"])
        .args(args);
    if keep {
        cmd.env("KIZUNA_BENCH_KEEP_STORE", "1");
    }
    cmd.output().expect("the kizuna binary runs")
}

fn text(out: &Output) -> String {
    format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn a_kept_store_is_timed_again_as_it_was_counted() {
    let made = bench(&["--no-postgres"], true);
    assert!(made.status.success(), "{}", text(&made));
    let url = String::from_utf8_lossy(&made.stderr)
        .lines()
        .find_map(|l| l.strip_prefix("kept, not dropped: ").map(str::to_owned))
        .unwrap_or_else(|| panic!("no kept store named in:\n{}", text(&made)));
    let rt = tokio::runtime::Runtime::new().unwrap();
    let cleanup = |url: &str| rt.block_on(kizuna_testkit::drop_fresh(url));
    // Twice: the first run must leave the counts kept for the second.
    for run in 1..=2 {
        let out = bench(&["--existing", &url], false);
        let all = text(&out);
        if !out.status.success() {
            cleanup(&url);
            panic!("run {run} on the kept store failed:\n{all}");
        }
        assert!(all.contains("the existing store"), "{all}");
        assert!(
            all.lines()
                .any(|l| l.starts_with("| sqlite | report as of a date (Kizuna, kept counts) |")),
            "{all}"
        );
        // Its reports were checked against GROUP BY (else the run fails),
        // and nothing was loaded or counted again.
        assert!(!all.contains("loaded in"), "{all}");
    }
    let live = rt.block_on(async {
        let store = Store::open(&url).await.unwrap();
        let live = store.trainee_stats_live().await.unwrap();
        store.pause_trainee_stats(true).await.unwrap();
        store.close().await;
        live
    });
    assert!(live, "the bench left the counts paused");
    let out = bench(&["--existing", &url], false);
    cleanup(&url);
    assert!(!out.status.success(), "a paused store was timed:\n{}", text(&out));
    assert!(text(&out).contains("paused"), "{}", text(&out));
}
