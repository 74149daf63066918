//! Japan's public holidays 2000–2030, day by day, against an independent
//! implementation: the PyPI package `jpholiday` (pinned, in
//! `target/jpholiday-venv`, which `scripts/test` sets up). Every date must
//! agree, and its Japanese name (jpholiday calls a substitute holiday
//! "<holiday> 振替休日", read here as 振替休日).

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use kizuna_geo::holidays::holidays_between;

const JPHOLIDAY: &str = "jpholiday==1.0.3";
const FROM: i32 = 2000;
const TO: i32 = 2030;

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// jpholiday's holidays from 1 January `FROM` to 31 December `TO`, date →
/// name; `None` (a skipped check, a failure under `CI=true`) when its venv
/// is missing.
fn jpholiday() -> Option<BTreeMap<String, String>> {
    let python = repo_root().join("target/jpholiday-venv/bin/python");
    let ok = python.exists()
        && Command::new(&python)
            .args(["-c", "import jpholiday"])
            .output()
            .is_ok_and(|o| o.status.success());
    if !ok {
        let why = format!(
            "jpholiday is not set up (python3 -m venv target/jpholiday-venv && \
             target/jpholiday-venv/bin/pip install {JPHOLIDAY}; scripts/test does)"
        );
        kizuna_testkit::cannot_run(&why);
        return None;
    }
    let script = format!(
        "import datetime, json, jpholiday\n\
         days = jpholiday.between(datetime.date({FROM}, 1, 1), datetime.date({TO}, 12, 31))\n\
         print(json.dumps([[d.isoformat(), n] for d, n in days], ensure_ascii=False))"
    );
    let o = Command::new(&python).args(["-c", &script]).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rows: Vec<(String, String)> = serde_json::from_slice(&o.stdout).unwrap();
    Some(
        rows.into_iter()
            .map(|(d, n)| {
                let n = if n.ends_with("振替休日") {
                    "振替休日".to_owned()
                } else {
                    n
                };
                (d, n)
            })
            .collect(),
    )
}

#[test]
fn every_holiday_2000_to_2030_agrees_with_jpholiday() {
    let Some(theirs) = jpholiday() else { return };
    let ours: BTreeMap<String, String> = holidays_between(FROM, TO)
        .into_iter()
        .map(|h| (h.date.to_string(), h.name_ja.to_owned()))
        .collect();
    let mut differences = Vec::new();
    for (date, name) in &ours {
        match theirs.get(date) {
            None => differences.push(format!("{date}: ours {name}, not a holiday in jpholiday")),
            Some(t) if t != name => differences.push(format!("{date}: ours {name}, jpholiday {t}")),
            Some(_) => {}
        }
    }
    for (date, name) in &theirs {
        if !ours.contains_key(date) {
            differences.push(format!("{date}: jpholiday {name}, not a holiday here"));
        }
    }
    println!(
        "{FROM}–{TO}: {} holidays here, {} in {JPHOLIDAY}, {} differences",
        ours.len(),
        theirs.len(),
        differences.len()
    );
    assert!(differences.is_empty(), "{}", differences.join("\n"));
    assert!(ours.len() > 31 * 16, "{} holidays in 31 years", ours.len());
}
