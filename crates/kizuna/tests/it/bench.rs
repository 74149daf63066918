//! `kizuna bench places` on a small set: the three indexes it compares
//! must give the same nearest places, and every table must be printed.

use std::process::Command;

#[test]
fn bench_places_compares_indexes_that_agree() {
    let out = Command::new(env!("CARGO_BIN_EXE_kizuna"))
        .args([
            "bench",
            "places",
            "--places",
            "3000",
            "--queries",
            "300",
            "--k",
            "20",
            "--http-requests",
            "320",
            "--connections",
            "8",
        ])
        .output()
        .expect("the kizuna binary runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "bench failed:\n{stdout}\n{stderr}");
    let row = |name: &str| {
        stdout
            .lines()
            .find(|l| l.starts_with(&format!("| {name}")))
            .unwrap_or_else(|| panic!("no row for {name} in:\n{stdout}"))
            .to_owned()
    };
    // All 200 checked answers agree with Kizuna's own index, for each alternative.
    assert!(row("Kizuna: R*-tree").contains("200 of 200"), "{stdout}");
    assert!(row("SQLite R*Tree").contains("200 of 200"), "{stdout}");
    // PostGIS must be there (scripts/test installs it next to the local PostgreSQL).
    assert!(
        row("PostGIS").contains("200 of 200"),
        "PostGIS missing or disagreeing:\n{stdout}"
    );
    // The HTTP table: Kizuna and the minimal server, each with a positive
    // request rate, answering the same bytes.
    let http_rate = |server: &str, answer: &str| -> f64 {
        let row = stdout
            .lines()
            .skip_while(|l| !l.starts_with("### HTTP"))
            .find(|l| l.starts_with(&format!("| {server} | {answer}")))
            .unwrap_or_else(|| panic!("no HTTP row for {server}, {answer} in:\n{stdout}"));
        row.split('|').nth(3).unwrap().trim().parse().unwrap()
    };
    assert!(http_rate("Kizuna", "JSON |") > 0.0);
    assert!(http_rate("minimal axum + rstar", "JSON, the same bytes") > 0.0);
    assert!(http_rate("Kizuna", "`fields=") > 0.0);
    assert!(
        stdout.contains("identical for 200 of the first 200 positions"),
        "Kizuna's and the minimal server's bodies differ:\n{stdout}"
    );
    // PostGIS is asked fairly: its plan is the KNN scan of the GiST index.
    assert!(
        stdout.contains("Index Scan using bench_points_geog") && stdout.contains("Order By:"),
        "no KNN index scan in PostGIS's plan:\n{stdout}"
    );
    assert!(!stdout.contains("PostGIS: warning"), "{stdout}");
    // The load average is printed beside the figures.
    let load = stdout
        .lines()
        .find(|l| l.starts_with("Load average (1, 5, 15 min): "))
        .unwrap_or_else(|| panic!("no load average in:\n{stdout}"));
    assert!(load.contains("at the start") && load.contains("at the end"), "{load}");
    // Every database the benchmark made is gone: the two SQLite files (the
    // HTTP store and the R*Tree) and the PostGIS database.
    let made: Vec<&str> = stderr
        .lines()
        .filter_map(|l| l.strip_prefix("scratch database: "))
        .collect();
    assert_eq!(made.len(), 3, "{stderr}");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    for url in made {
        if let Some(path) = url.strip_prefix("sqlite://") {
            assert!(!std::path::Path::new(path).exists(), "{path} left behind");
        } else {
            let opened = rt.block_on(kizuna_store::Store::open(url));
            assert!(opened.is_err(), "{url} left behind");
        }
    }
}

/// `kizuna bench sign-in-flood` on a tiny setting: both phases measured,
/// the flood's sign-ins answered (refused, never let in), and the table
/// printed with the ratio.
#[test]
fn bench_sign_in_flood_prints_both_phases() {
    let out = Command::new(env!("CARGO_BIN_EXE_kizuna"))
        .args([
            "bench",
            "sign-in-flood",
            "--connections",
            "2",
            "--attackers",
            "2",
            "--seconds",
            "0.5",
        ])
        .output()
        .expect("the kizuna binary runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "bench failed:\n{stdout}\n{stderr}");
    let cells = |name: &str| -> Vec<String> {
        stdout
            .lines()
            .find(|l| l.starts_with(&format!("| {name} |")))
            .unwrap_or_else(|| panic!("no row for {name} in:\n{stdout}"))
            .split('|')
            .map(|c| c.trim().to_owned())
            .collect()
    };
    let alone = cells("map alone");
    let flood = cells("map during the flood");
    let rate = |row: &[String]| row[2].parse::<f64>().unwrap_or_else(|_| panic!("{row:?}"));
    assert!(rate(&alone) > 0.0 && rate(&flood) > 0.0, "{stdout}");
    assert_eq!(alone[5], "—", "no sign-ins alone: {stdout}");
    let attempts: f64 = flood[5].parse().unwrap_or_else(|_| panic!("{stdout}"));
    assert!(attempts > 0.0, "{stdout}");
    // Wrong passwords are refused (401) or slowed (429), never let in.
    assert!(flood[6].contains("× 401") && !flood[6].contains("× 303"), "{stdout}");
    assert!(stdout.contains("of its throughput alone"), "{stdout}");
}
