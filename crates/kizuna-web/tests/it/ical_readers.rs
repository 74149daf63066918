//! The independent iCalendar readers the calendar tests compare Kizuna's
//! files with: Python's packages in target/ical-venv and ical.js in
//! node_modules, each running one of the scripts in `tests/ical_readers/`,
//! which prints what it read as JSON.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::path::{Path, PathBuf};
use std::process::Command;

use kizuna_testkit::have_tool;
use serde_json::Value;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Whether a reader that cannot run may be skipped: under `CI=true` it fails the test.
#[track_caller]
fn reader_missing(what: &str, how: &str) -> bool {
    kizuna_testkit::cannot_run(&format!("{what} is not set up ({how}; scripts/test does)"));
    true
}

/// `path` as `script` reads it with target/ical-venv's Python, which must
/// import `modules` (as written after `import`), installed as `pip`
/// (pinned requirements). `None` when they are missing outside CI.
#[track_caller]
pub fn python(modules: &str, pip: &str, script: &str, path: &Path) -> Option<Value> {
    let python = repo_root().join("target/ical-venv/bin/python");
    let ok = python.exists()
        && Command::new(&python)
            .args(["-c", &format!("import {modules}")])
            .output()
            .is_ok_and(|o| o.status.success());
    if !ok
        && reader_missing(
            &format!("Python's {}", modules.replace(", ", " and ")),
            &format!("python3 -m venv target/ical-venv && target/ical-venv/bin/pip install {pip}"),
        )
    {
        return None;
    }
    Some(run(Command::new(&python), script, path))
}

/// `path` as `script` reads it with ical.js (npm, in node_modules) under
/// node. `None` when either is missing outside CI.
#[track_caller]
pub fn ical_js(script: &str, path: &Path) -> Option<Value> {
    let ok = repo_root().join("node_modules/ical.js/package.json").exists() && have_tool("node", "nodejs");
    if !ok && reader_missing("ical.js", "npm ci") {
        return None;
    }
    Some(run(Command::new("node"), script, path))
}

fn run(mut program: Command, script: &str, path: &Path) -> Value {
    let script = repo_root().join("crates/kizuna-web/tests/ical_readers").join(script);
    let o = program.arg(script).arg(path).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}
