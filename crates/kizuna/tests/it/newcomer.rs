//! What a newcomer runs into first: values typed wrong, a database that
//! is not there, a busy port, output piped into `head`, a lost password.
//! Each gets one line saying what happened and what to write instead.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use crate::run;
use run::kizuna;

use std::io::{BufRead, BufReader};
use std::process::{Command, Output, Stdio};

use kizuna_store::Backend;
use kizuna_testkit::fresh_url;

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn tmp_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("kizuna-newcomer-{}-{}", std::process::id(), rand_suffix()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn rand_suffix() -> u32 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0)
}

/// The lines of stderr that are not tracing's log lines.
fn said(o: &Output) -> Vec<String> {
    stderr(o)
        .lines()
        .filter(|l| !l.contains(" INFO ") && !l.contains(" WARN "))
        .map(str::to_owned)
        .collect()
}

#[test]
fn a_bad_date_names_the_format_and_help_lists_the_formats() {
    let o = kizuna("sqlite::memory:", &["report", "trainees", "--as-of", "2008-13-40"]);
    assert_eq!(o.status.code(), Some(2), "a usage error");
    let e = stderr(&o);
    assert!(e.contains("\"2008-13-40\" is not a date: write YYYY-MM-DD"), "{e}");
    let o = kizuna("sqlite::memory:", &["audit", "list", "--from", "yesterday"]);
    assert!(stderr(&o).contains("write YYYY-MM-DD"), "{}", stderr(&o));
    let o = kizuna("sqlite::memory:", &["--help"]);
    let h = stdout(&o);
    assert!(
        h.contains("Formats:") && h.contains("YYYY-MM-DD") && h.contains("平成19年度"),
        "{h}"
    );
}

#[test]
fn a_template_is_offered_only_in_the_formats_it_is_written_in() {
    let o = kizuna(
        "sqlite::memory:",
        &["export", "template", "trainees", "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("[possible values: csv, xlsx]"), "{}", stderr(&o));
    let o = kizuna(
        "sqlite::memory:",
        &["export", "template", "trainees", "--format", "xlsx"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(o.stdout.starts_with(b"PK"), "an XLSX workbook");
}

#[test]
fn database_errors_are_one_line_saying_what_happened() {
    // A port nobody listens on: bind one, note it, let it go.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let o = kizuna(
        &format!("postgres://postgres@127.0.0.1:{port}/kizuna"),
        &["report", "trainees"],
    );
    assert!(!o.status.success());
    let lines = said(&o);
    assert_eq!(lines.len(), 1, "one line: {lines:?}");
    assert!(
        lines[0].contains(&format!(
            "cannot connect to PostgreSQL at 127.0.0.1:{port}: connection refused"
        )),
        "{lines:?}"
    );

    let dir = tmp_dir().join("missing");
    let o = kizuna(
        &format!("sqlite://{}/kizuna.sqlite3", dir.display()),
        &["report", "trainees"],
    );
    assert!(!o.status.success());
    let lines = said(&o);
    assert_eq!(lines.len(), 1, "one line: {lines:?}");
    assert!(
        lines[0].contains(&format!(
            "the directory {} for kizuna.sqlite3 does not exist",
            dir.display()
        )),
        "{lines:?}"
    );
    assert!(!dir.exists(), "nothing was made");
}

#[tokio::test]
async fn a_missing_postgres_database_is_named() {
    let admin = kizuna_testkit::postgres_admin_url();
    let base = admin.rsplit_once('/').map(|(b, _)| b.to_owned()).unwrap();
    let o = kizuna(&format!("{base}/kizuna_no_such_database"), &["report", "trainees"]);
    let lines = said(&o);
    assert_eq!(lines.len(), 1, "one line: {lines:?}");
    assert!(
        lines[0].contains("refused the connection: database \"kizuna_no_such_database\" does not exist"),
        "{lines:?}"
    );
}

#[test]
fn serve_on_a_busy_port_fails_before_making_a_store() {
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = busy.local_addr().unwrap().to_string();
    let dir = tmp_dir();
    let file = dir.join("kizuna.sqlite3");
    let o = kizuna(
        &format!("sqlite://{}", file.display()),
        &["serve", "--demo", "--addr", &addr],
    );
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains(&format!("cannot listen on {addr}: the port is in use")),
        "{}",
        stderr(&o)
    );
    assert!(!file.exists(), "no store was created");
    assert!(!stderr(&o).contains("demo administrator"), "no account was made");
}

async fn demo_db(backend: Backend) -> String {
    let url = fresh_url(backend).await.unwrap();
    let o = kizuna(&url, &["demo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    url
}

#[tokio::test]
async fn output_piped_into_head_ends_quietly() {
    let url = demo_db(Backend::Sqlite).await;
    for args in [
        &["export", "trainees", "--format", "csv"][..],
        &[
            "report",
            "trainees",
            "--as-of",
            "2008-03-31",
            "--people",
            "--format",
            "csv",
        ][..],
        &["report", "trainees", "--as-of", "2008-03-31", "--format", "table"][..],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kizuna"))
            .arg("--database-url")
            .arg(&url)
            .args(args)
            .env_remove("KIZUNA_DATABASE_URL")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Read the first line, then stop reading, as `head -1` does.
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        assert!(!first.is_empty(), "{args:?}: output began");
        let o = child.wait_with_output().unwrap();
        let e = String::from_utf8_lossy(&o.stderr);
        assert!(o.status.success(), "{args:?}: {:?} {e}", o.status);
        assert!(
            !e.contains("panicked") && !e.contains("Broken pipe") && !e.contains("error"),
            "{args:?}: {e}"
        );
    }
}

#[tokio::test]
async fn counts_take_the_plural_their_number_needs() {
    let url = demo_db(Backend::Sqlite).await;
    let one = kizuna(
        &url,
        &[
            "report",
            "trainees",
            "--as-of",
            "2008-03-31",
            "--country",
            "TH",
            "--format",
            "table",
        ],
    );
    let first = stdout(&one).lines().next().unwrap_or_default().to_owned();
    assert!(first.ends_with(" from 1 country or region"), "{first}");
    let many = kizuna(
        &url,
        &["report", "trainees", "--as-of", "2008-03-31", "--format", "table"],
    );
    let first = stdout(&many).lines().next().unwrap_or_default().to_owned();
    assert_eq!(
        first,
        "Trainees as of 2008-03-31: 680 trainees from 57 countries and regions"
    );
}

#[tokio::test]
async fn a_lost_password_is_replaced_from_the_command_line() {
    let url = demo_db(Backend::Sqlite).await;
    let o = kizuna(
        &url,
        &["user", "reset-password", "admin@kizuna.example", "--new-password"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let password = stdout(&o).trim().to_owned();
    assert!(password.len() >= 16, "a generated password: {password:?}");
    assert!(stderr(&o).contains("shown only this once"), "{}", stderr(&o));
    // It signs in: the application's own sign-in, on the same store.
    let app = kizuna_app::App::new(kizuna_store::Store::open(&url).await.unwrap());
    assert!(app.sign_in("admin@kizuna.example", &password).await.unwrap().is_some());
    assert!(
        app.sign_in("admin@kizuna.example", "wrong password")
            .await
            .unwrap()
            .is_none()
    );
}
