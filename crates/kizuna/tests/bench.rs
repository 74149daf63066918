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
    // The HTTP table: one data row with a positive request rate.
    let http = stdout
        .lines()
        .skip_while(|l| !l.starts_with("### HTTP"))
        .find(|l| l.starts_with("| ") && l.chars().nth(2).is_some_and(|c| c.is_ascii_digit()))
        .unwrap_or_else(|| panic!("no HTTP figures in:\n{stdout}"));
    let rate: f64 = http.split('|').nth(1).unwrap().trim().parse().unwrap();
    assert!(rate > 0.0);
}
