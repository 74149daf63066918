//! `kizuna holidays` as a person types it: Japan's public holidays as JSON,
//! CSV or a table, and years out of range refused in one line.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use std::process::{Command, Output};

use serde_json::Value;

fn kizuna(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kizuna"))
        .args(args)
        .env_remove("KIZUNA_DATABASE_URL")
        .output()
        .expect("kizuna runs")
}

#[test]
fn holidays_2000_to_2030_as_json_csv_and_table() {
    let o = kizuna(&["holidays", "--from", "2000", "--to", "2030", "--format", "json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let days: Vec<Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(days.len(), 540);
    assert_eq!(days[0]["date"], "2000-01-01");
    let day = |d: &str| days.iter().find(|h| h["date"] == d).cloned();
    assert_eq!(
        day("2026-09-22").unwrap(),
        serde_json::json!({"date": "2026-09-22", "name_ja": "国民の休日", "name_en": "Citizens' Holiday"})
    );
    assert_eq!(day("2024-09-23").unwrap()["name_en"], "Substitute Holiday");
    assert_eq!(day("2027-03-22").unwrap()["name_ja"], "振替休日");
    assert!(day("2026-09-24").is_none());
    let dates: Vec<&str> = days.iter().map(|h| h["date"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] < w[1]), "in date order, each once");

    let o = kizuna(&["holidays", "--from", "2026", "--to", "2026", "--format", "csv"]);
    let csv = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "date,name_ja,name_en");
    assert!(lines.contains(&"2026-09-22,国民の休日,Citizens' Holiday"));
    assert_eq!(lines.len(), 19, "18 holidays in 2026 and the header");

    let o = kizuna(&["holidays", "--from", "2024", "--to", "2024", "--format", "table"]);
    let table = String::from_utf8(o.stdout).unwrap();
    assert!(
        table.contains("2024-09-23  Mon  振替休日  Substitute Holiday"),
        "{table}"
    );
}

#[test]
fn years_out_of_range_are_refused_in_one_line() {
    let o = kizuna(&["holidays", "--from", "1900", "--to", "2030"]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("--from 1900") && err.contains("1949 to 2099"), "{err}");
    let o = kizuna(&["holidays", "--from", "2030", "--to", "2000"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("after --to 2000"));
}
