//! The `kizuna` binary as a person uses it: the README's commands, on both
//! databases, with real files and a real server socket.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use crate::run;
use run::kizuna;

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Output};

use kizuna_store::Backend;
use kizuna_testkit::fresh_url;

use crate::common;

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kizuna-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

async fn demo_db(backend: Backend) -> String {
    let url = fresh_url(backend).await.unwrap();
    let o = kizuna(&url, &["demo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("fictional"), "{}", stderr(&o));
    url
}

async fn report_as_of_march_2008(backend: Backend) {
    let url = demo_db(backend).await;
    let o = kizuna(
        &url,
        &["report", "trainees", "--as-of", "2008-03-31", "--format", "json"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("one JSON object");
    assert_eq!(v["as_of"], "2008-03-31");
    assert_eq!(v["trainees"], 680);
    assert_eq!(v["countries"], 57);
    let years = v["by_fiscal_year"].as_array().unwrap();
    assert_eq!(years[0]["fiscal_year"], 1992);
    assert!(years.iter().all(|y| y["trainees"].is_u64() && y["countries"].is_u64()));
    let countries = v["by_country"].as_array().unwrap();
    assert_eq!(countries.len(), 57);
    assert!(
        countries
            .iter()
            .all(|c| c["country"].as_str().unwrap().len() == 2 && c["trainees"].is_u64())
    );

    // Table and CSV give the same figures.
    let table = stdout(&kizuna(
        &url,
        &["report", "trainees", "--as-of", "2008-03-31", "--format", "table"],
    ));
    assert!(
        table.starts_with("Trainees as of 2008-03-31: 680 trainees from 57 countries"),
        "{table}"
    );
    assert!(table.contains("平成19年度"));
    let csv = stdout(&kizuna(
        &url,
        &["report", "trainees", "--as-of", "2008-03-31", "--format", "csv"],
    ));
    assert!(
        csv.starts_with("as_of,trainees,countries\n2008-03-31,680,57\n"),
        "{csv}"
    );

    // Running the demo again adds nothing.
    let o = kizuna(&url, &["demo"]);
    assert!(stderr(&o).contains("already loaded"));
    let again: serde_json::Value = serde_json::from_str(&stdout(&kizuna(
        &url,
        &["report", "trainees", "--as-of", "2008-03-31", "--format", "json"],
    )))
    .unwrap();
    assert_eq!(again["trainees"], 680);

    // Drill down: the people behind one country's figure.
    let th = countries.iter().find(|c| c["country"] == "TH").unwrap()["trainees"]
        .as_u64()
        .unwrap();
    let o = kizuna(
        &url,
        &[
            "report",
            "trainees",
            "--as-of",
            "2008-03-31",
            "--country",
            "th",
            "--people",
            "--format",
            "json",
        ],
    );
    let people: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(people["total"].as_u64(), Some(th));
    // A bad filter names the option.
    let o = kizuna(&url, &["report", "trainees", "--fiscal-year", "next year"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("--fiscal-year"), "{}", stderr(&o));
}

#[tokio::test]
async fn report_on_sqlite() {
    report_as_of_march_2008(Backend::Sqlite).await;
}

#[tokio::test]
async fn report_on_postgres() {
    report_as_of_march_2008(Backend::Postgres).await;
}

#[tokio::test]
async fn import_lists_every_problem_and_writes_nothing() {
    let url = demo_db(Backend::Sqlite).await;
    let before = stdout(&kizuna(&url, &["export", "trainees", "--format", "csv"]));
    let file = tmp("bad.csv");
    std::fs::write(
        &file,
        "family_name,given_name,gender,nationality,birth_date,edition_key,status\n\
         Okafor,Ada,female,NG,1975-06-01,gmrdp/fy2007,completed\n\
         Mensah,Kofi,male,GH,1975-13-01,gmrdp/fy2007,completed\n\
         Mwangi,Wanjiru,female,ZZ,1975-06-01,gmrdp/fy2007,completed\n\
         Silva,Ana,female,BR,1975-06-01,gmrdp/fy1066,completed\n",
    )
    .unwrap();
    let o = kizuna(&url, &["import", "trainees", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("nothing was written"), "{err}");
    assert!(err.contains("row 3, column birth_date"), "{err}");
    assert!(err.contains("row 4, column nationality"), "{err}");
    assert!(err.contains("row 5, column edition_key"), "{err}");
    assert_eq!(
        stdout(&kizuna(&url, &["export", "trainees", "--format", "csv"])),
        before
    );

    // The good row alone goes in; a dry run first writes nothing.
    std::fs::write(&file, "family_name,given_name,gender,nationality,birth_date,edition_key,status\nOkafor,Ada,female,NG,1975-06-01,gmrdp/fy2007,completed\n").unwrap();
    let o = kizuna(&url, &["import", "trainees", "--dry-run", file.to_str().unwrap()]);
    assert!(
        o.status.success() && stderr(&o).contains("nothing was written"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        stdout(&kizuna(&url, &["export", "trainees", "--format", "csv"])),
        before
    );
    let o = kizuna(&url, &["import", "trainees", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&kizuna(&url, &["export", "trainees", "--format", "csv"])).contains("Okafor,Ada"));
}

#[tokio::test]
async fn templates_and_exports_are_real_files() {
    let url = demo_db(Backend::Sqlite).await;
    let xlsx = tmp("template.xlsx");
    let o = kizuna(
        &url,
        &[
            "export",
            "template",
            "trainees",
            "--format",
            "xlsx",
            "--output",
            xlsx.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(&xlsx).unwrap();
    let table =
        kizuna_app::training::transfer::read_table(&bytes, kizuna_app::training::transfer::FileFormat::Xlsx).unwrap();
    assert_eq!(table.len(), 1, "header only");
    assert_eq!(table[0][0], "family_name");
    let csv = stdout(&kizuna(&url, &["export", "template", "trainees", "--format", "csv"]));
    assert_eq!(csv.trim_end(), table[0].join(","));

    let out = tmp("trainees.xlsx");
    let o = kizuna(
        &url,
        &["export", "trainees", "--format", "xlsx", "-o", out.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let rows = kizuna_app::training::transfer::read_table(
        &std::fs::read(&out).unwrap(),
        kizuna_app::training::transfer::FileFormat::Xlsx,
    )
    .unwrap();
    let csv_rows = stdout(&kizuna(&url, &["export", "trainees", "--format", "csv"]))
        .lines()
        .count();
    assert_eq!(rows.len(), csv_rows);
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&kizuna(&url, &["export", "trainees", "--format", "json"]))).unwrap();
    assert_eq!(json.as_array().unwrap().len(), csv_rows - 1);
}

#[tokio::test]
async fn bad_database_urls_are_refused() {
    let o = kizuna("mysql://localhost/x", &["report", "trainees"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("sqlite://"), "{}", stderr(&o));
    let o = kizuna("postgres://nobody@127.0.0.1:1/none", &["report", "trainees"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("cannot open the database"), "{}", stderr(&o));
}

#[tokio::test]
async fn serve_answers_over_a_real_socket() {
    let url = demo_db(Backend::Sqlite).await;
    // The health check's details are for staff: an account and its token.
    assert!(
        kizuna(&url, &["user", "add", "ops@example.org", "--role", "staff"])
            .status
            .success()
    );
    let token = stdout(&kizuna(&url, &["token", "create", "--user", "ops@example.org"]))
        .trim()
        .to_owned();
    // Port 0: the system picks a free one, and the server says which once it listens.
    let (mut child, addr, _) = common::serve(&url, &[], &[]);
    let get_as = |path: &str, auth: &str| -> String {
        let mut s = std::net::TcpStream::connect(addr.as_str()).unwrap();
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: localhost\r\n{auth}Connection: close\r\n\r\n"
        )
        .unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        out
    };
    let get = |path: &str| get_as(path, "");
    let anonymous_health = get("/healthz");
    let health = get_as("/healthz", &format!("Authorization: Bearer {token}\r\n"));
    let report = get("/api/v1/reports/trainees?as_of=2008-03-31");
    child.kill().ok();
    child.wait().ok();
    assert!(anonymous_health.starts_with("HTTP/1.1 200"), "{anonymous_health}");
    assert!(
        anonymous_health.ends_with("\r\n\r\n{\"status\":\"ok\"}"),
        "{anonymous_health}"
    );
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    assert!(health.contains("\"journal_mode\":\"wal\""), "{health}");
    assert!(
        report.contains("\"trainees\":680") && report.contains("\"countries\":57"),
        "{report}"
    );
}

/// LibreOffice opens the XLSX exports: converted back to CSV they hold the
/// same rows as the CSV export. (`scripts/test` installs LibreOffice.)
#[tokio::test]
async fn libreoffice_opens_the_xlsx_export() {
    let soffice = ["soffice", "libreoffice"]
        .into_iter()
        .find(|c| {
            Command::new(c)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .expect("LibreOffice is needed for this test: apt-get install libreoffice-calc-nogui (scripts/test does)");
    let url = demo_db(Backend::Sqlite).await;
    let dir = tmp("lo");
    std::fs::create_dir_all(&dir).unwrap();
    let xlsx = dir.join("trainees.xlsx");
    let o = kizuna(
        &url,
        &["export", "trainees", "--format", "xlsx", "-o", xlsx.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.join("profile").display()
        ))
        .args([
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
        ])
        .arg(&dir)
        .arg(&xlsx)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let converted = std::fs::read_to_string(dir.join("trainees.csv")).expect("LibreOffice wrote a CSV");
    let ours = stdout(&kizuna(&url, &["export", "trainees", "--format", "csv"]));
    assert_eq!(converted.lines().count(), ours.lines().count());
    assert_eq!(converted.lines().next(), ours.lines().next());
    // The same first data row (dates are real dates that LibreOffice shows as YYYY-MM-DD).
    assert_eq!(converted.lines().nth(1), ours.lines().nth(1));
}

#[tokio::test]
async fn accounts_and_tokens_from_the_command_line() {
    let url = fresh_url(Backend::Sqlite).await.unwrap();
    // The demo creates an administrator and prints its password once.
    let o = kizuna(&url, &["demo"]);
    let err = stderr(&o);
    assert!(
        err.contains("demo administrator: admin@kizuna.example  password: "),
        "{err}"
    );
    assert!(
        !stderr(&kizuna(&url, &["demo"])).contains("password:"),
        "shown only once"
    );
    // A staff account with a generated password, printed once on stdout.
    let o = kizuna(&url, &["user", "add", "Staff@Example.org", "--role", "staff"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).trim().len(), 20);
    // Duplicates, bad roles and partners without an organisation are refused.
    let o = kizuna(&url, &["user", "add", "staff@example.org", "--role", "staff"]);
    assert!(
        !o.status.success() && stderr(&o).contains("already exists"),
        "{}",
        stderr(&o)
    );
    let o = kizuna(&url, &["user", "add", "x@example.org", "--role", "boss"]);
    assert!(!o.status.success() && stderr(&o).contains("--role"), "{}", stderr(&o));
    let o = kizuna(&url, &["user", "add", "p@example.org", "--role", "partner"]);
    assert!(
        !o.status.success() && stderr(&o).contains("organisation"),
        "{}",
        stderr(&o)
    );
    let o = kizuna(
        &url,
        &[
            "user",
            "add",
            "p@example.org",
            "--role",
            "partner",
            "--organisation",
            "obihiro-cci",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let list = stdout(&kizuna(&url, &["user", "list"]));
    assert!(
        list.contains("staff@example.org\tstaff") && list.contains("p@example.org\tpartner"),
        "{list}"
    );
    // A token is printed once and opens the API.
    let o = kizuna(&url, &["token", "create", "--user", "staff@example.org"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let token = stdout(&o).trim().to_owned();
    assert_eq!(token.len(), 64);
    let app = kizuna_app::App::new(kizuna_store::Store::open(&url).await.unwrap());
    let user = app
        .token_user(&token)
        .await
        .unwrap()
        .expect("the token belongs to the account");
    assert_eq!(user.email, "staff@example.org");
}

#[test]
fn prayer_times_and_qibla_from_the_command_line() {
    let run = |args: &[&str]| Command::new(env!("CARGO_BIN_EXE_kizuna")).args(args).output().unwrap();
    let o = run(&[
        "prayer-times",
        "--lat",
        "43.0621",
        "--lon",
        "141.3544",
        "--date",
        "2026-12-21",
        "--tz",
        "Asia/Tokyo",
        "--method",
        "MUSLIMWORLDLEAGUE",
        "--madhab",
        "hanafi",
        "--high-latitude-rule",
        "middleofthenight",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let mut times = Vec::new();
    for key in ["fajr", "sunrise", "dhuhr", "asr", "maghrib", "isha"] {
        let t = chrono::DateTime::parse_from_rfc3339(v[key].as_str().unwrap()).expect("RFC 3339");
        assert_eq!(t.offset().local_minus_utc(), 9 * 3600, "{key} in Tokyo time");
        assert_eq!(t.date_naive().to_string(), "2026-12-21", "{key}");
        times.push(t);
    }
    assert!(times.windows(2).all(|w| w[0] < w[1]), "in order: {times:?}");
    // Southern and western coordinates start with a minus sign.
    let o = run(&["qibla", "--lat", "-33.8688", "--lon", "151.2093", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!((v["bearing_deg"].as_f64().unwrap() - 277.4996).abs() < 0.001, "{v}");
    let o = run(&["qibla", "--lat", "43.0621", "--lon", "141.3544"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!((v["bearing_deg"].as_f64().unwrap() - 293.356).abs() < 0.001, "{v}");
    // Bad input names the option.
    let o = run(&[
        "prayer-times",
        "--lat",
        "95",
        "--lon",
        "141",
        "--date",
        "2026-12-21",
        "--method",
        "sunny",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("lat") && stderr(&o).contains("method"),
        "{}",
        stderr(&o)
    );
}

/// A second office: added and listed, its staff import as that office, and
/// the report can be asked for one office or for all.
#[tokio::test]
async fn offices_write_their_own_records_and_report_alone_or_together() {
    let url = demo_db(Backend::Sqlite).await;
    let o = kizuna(
        &url,
        &[
            "office",
            "add",
            "okinawa",
            "--name-en",
            "Okinawa centre",
            "--name-ja",
            "沖縄センター",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = kizuna(&url, &["office", "add", "okinawa", "--name-en", "Again"]);
    assert_eq!(o.status.code(), Some(1), "a key is used once");
    assert!(stderr(&o).contains("exists already"), "{}", stderr(&o));
    let o = kizuna(&url, &["office", "add", "nameless"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--name-en"), "{}", stderr(&o));
    let o = kizuna(&url, &["office", "list", "--format", "json"]);
    let offices: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let keys: Vec<&str> = offices
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["default", "okinawa"]);

    let file = tmp("okinawa.csv");
    std::fs::write(
        &file,
        "family_name,given_name,gender,nationality,birth_date,edition_key,status\n\
         Kamau,Amina,female,KE,1975-02-03,gmrdp/fy2007,accepted\n",
    )
    .unwrap();
    let o = kizuna(
        &url,
        &["--as-office", "okinawa", "import", "trainees", file.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = kizuna(&url, &["--as-office", "atlantis", "report", "trainees"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--as-office"), "{}", stderr(&o));

    let trainees = |office: Option<&str>| {
        let mut args = vec!["report", "trainees", "--as-of", "2008-03-31", "--format", "json"];
        if let Some(o) = office {
            args.extend(["--office", o]);
        }
        let o = kizuna(&url, &args);
        assert!(o.status.success(), "{}", stderr(&o));
        serde_json::from_str::<serde_json::Value>(&stdout(&o)).unwrap()["trainees"].clone()
    };
    assert_eq!(trainees(None), 681);
    assert_eq!(trainees(Some("default")), 680);
    assert_eq!(trainees(Some("okinawa")), 1);
}

/// `kizuna audit verify` after a demo load and writes by the command line;
/// `audit list` finds them as "cli"; `person export` writes the person's
/// JSON and is logged; `person erase` needs --yes and keeps the figures;
/// `purge --dry-run` lists, then `purge` removes the same.
async fn audit_and_a_persons_rights(backend: Backend) {
    let url = demo_db(backend).await;
    let o = kizuna(&url, &["audit", "verify"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("ok: "), "{}", stdout(&o));
    let file = tmp(&format!("person-{backend:?}.json"));
    let o = kizuna(&url, &["person", "export", "5", "-o", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let x: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(x["person"]["id"], 5);
    assert!(x["participations"].is_array() && x["audit"].is_array());
    let o = kizuna(
        &url,
        &[
            "audit", "list", "--entity", "person", "--record", "5", "--action", "export", "--format", "json",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let entries: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(entries.as_array().unwrap().len(), 1);
    assert_eq!(entries[0]["actor_label"], "cli");
    let o = kizuna(&url, &["audit", "list", "--action", "nonsense"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("--action"), "{}", stderr(&o));

    let o = kizuna(&url, &["person", "erase", "5"]);
    assert!(!o.status.success(), "erasure needs --yes");
    assert!(stderr(&o).contains("--yes"), "{}", stderr(&o));
    let o = kizuna(&url, &["person", "erase", "5", "--yes"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = kizuna(
        &url,
        &["report", "trainees", "--as-of", "2008-03-31", "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!((v["trainees"].as_u64(), v["countries"].as_u64()), (Some(680), Some(57)));
    let o = kizuna(&url, &["person", "erase", "999999", "--yes"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("999999"), "{}", stderr(&o));

    let dry = kizuna(&url, &["purge", "--dry-run"]);
    assert!(dry.status.success(), "{}", stderr(&dry));
    assert!(stderr(&dry).contains("dry run"), "{}", stderr(&dry));
    let real = kizuna(&url, &["purge"]);
    assert!(real.status.success(), "{}", stderr(&real));
    assert_eq!(stdout(&real), stdout(&dry), "the purge removes what the dry run listed");
    let again = kizuna(&url, &["purge", "--dry-run"]);
    assert_eq!(
        stdout(&again).lines().count(),
        1,
        "only the header is left: {}",
        stdout(&again)
    );
    let o = kizuna(&url, &["audit", "verify"]);
    assert!(o.status.success(), "{}", stdout(&o));
}

#[tokio::test]
async fn audit_and_a_persons_rights_on_sqlite() {
    audit_and_a_persons_rights(Backend::Sqlite).await;
}

#[tokio::test]
async fn audit_and_a_persons_rights_on_postgres() {
    audit_and_a_persons_rights(Backend::Postgres).await;
}

/// Managing accounts and tokens from the command line (#10, fault 8):
/// disable, enable, delete, a reset link printed once, scoped tokens with
/// an expiry listed and revoked; each effect checked through the application.
async fn accounts_are_managed_from_the_command_line(backend: Backend) {
    use kizuna_domain::common::access::TokenScope;
    let url = fresh_url(backend).await.unwrap();
    let add = |email: &str, role: &str| {
        let o = kizuna(&url, &["user", "add", email, "--role", role]);
        assert!(o.status.success(), "{}", stderr(&o));
    };
    add("boss@example.org", "admin");
    add("clerk@example.org", "staff");
    let app = kizuna_app::App::new(kizuna_store::Store::open(&url).await.unwrap());
    // A read token for 7 days, and one without expiry (with a warning).
    let o = kizuna(
        &url,
        &[
            "token",
            "create",
            "--user",
            "clerk@example.org",
            "--name",
            "report",
            "--scope",
            "read",
            "--expires-in-days",
            "7",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let read = stdout(&o).trim().to_owned();
    assert_eq!(
        app.token_access(&read).await.unwrap().map(|(u, s)| (u.email, s)),
        Some(("clerk@example.org".into(), TokenScope::Read))
    );
    let o = kizuna(
        &url,
        &[
            "token",
            "create",
            "--user",
            "clerk@example.org",
            "--name",
            "sync",
            "--no-expiry",
        ],
    );
    assert!(
        o.status.success() && stderr(&o).contains("never expires"),
        "{}",
        stderr(&o)
    );
    let forever = stdout(&o).trim().to_owned();
    assert_eq!(
        app.token_access(&forever).await.unwrap().map(|(_, s)| s),
        Some(TokenScope::Write)
    );
    // Bad values are named, nothing is made.
    for (args, says) in [
        (vec!["--scope", "admin"], "--scope"),
        (vec!["--expires-in-days", "0"], "days"),
        (vec!["--expires-in-days", "9", "--no-expiry"], "--no-expiry"),
    ] {
        let mut all = vec!["token", "create", "--user", "clerk@example.org"];
        all.extend(args);
        let o = kizuna(&url, &all);
        assert!(
            !o.status.success() && stderr(&o).contains(says),
            "{all:?}: {}",
            stderr(&o)
        );
    }
    let list = stdout(&kizuna(&url, &["token", "list", "--user", "clerk@example.org"]));
    assert_eq!(list.lines().count(), 2, "{list}");
    assert!(
        list.contains("\treport\tclerk@example.org\tread\t") && list.contains("\tactive"),
        "{list}"
    );
    assert!(
        !list.contains(&read) && !list.contains(&forever),
        "never the tokens themselves"
    );
    let id = list
        .lines()
        .find(|l| l.contains("\tsync\t"))
        .unwrap()
        .split('\t')
        .next()
        .unwrap()
        .to_owned();
    let o = kizuna(&url, &["token", "revoke", &id]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(app.token_access(&forever).await.unwrap().is_none(), "revoked");
    assert!(stdout(&kizuna(&url, &["token", "list"])).contains("revoked"));
    let o = kizuna(&url, &["token", "revoke", "999999"]);
    assert!(!o.status.success() && stderr(&o).contains("999999"), "{}", stderr(&o));

    // Disabled: the token stops working and the account cannot sign in.
    let o = kizuna(&url, &["user", "disable", "clerk@example.org"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&kizuna(&url, &["user", "list"])).contains("clerk@example.org\tstaff\t-\tdisabled"));
    assert!(app.token_access(&read).await.unwrap().is_none());
    // A reset link is printed once, with the server's address when given.
    let o = kizuna(&url, &["user", "reset-password", "clerk@example.org"]);
    assert!(!o.status.success() && stderr(&o).contains("disabled"), "{}", stderr(&o));
    let o = kizuna(&url, &["user", "enable", "clerk@example.org"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = kizuna(
        &url,
        &[
            "user",
            "reset-password",
            "clerk@example.org",
            "--base-url",
            "https://kizuna.example.org/",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let link = stdout(&o).trim().to_owned();
    let token = link
        .strip_prefix("https://kizuna.example.org/reset-password/")
        .expect("a link to the server");
    let user = app
        .reset_password(token, "violet harbour telescope 4711")
        .await
        .unwrap();
    assert_eq!(user.map(|u| u.email), Some("clerk@example.org".into()));
    assert!(
        app.reset_password(token, "another long phrase 4712")
            .await
            .unwrap()
            .is_none(),
        "works once"
    );
    assert!(
        app.sign_in("clerk@example.org", "violet harbour telescope 4711")
            .await
            .unwrap()
            .is_some()
    );

    // The last administrator is kept; other accounts are deleted with their tokens.
    let o = kizuna(&url, &["user", "delete", "boss@example.org"]);
    assert!(
        !o.status.success() && stderr(&o).contains("last administrator"),
        "{}",
        stderr(&o)
    );
    let o = kizuna(&url, &["user", "disable", "boss@example.org"]);
    assert!(
        !o.status.success() && stderr(&o).contains("last administrator"),
        "{}",
        stderr(&o)
    );
    let o = kizuna(&url, &["user", "delete", "clerk@example.org"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stdout(&kizuna(&url, &["user", "list"])).contains("clerk@"));
    assert!(
        stdout(&kizuna(&url, &["token", "list"])).is_empty(),
        "its tokens went with it"
    );
    let o = kizuna(&url, &["user", "delete", "nobody@example.org"]);
    assert!(
        !o.status.success() && stderr(&o).contains("nobody@example.org"),
        "{}",
        stderr(&o)
    );
    app.store.close().await;
    kizuna_testkit::drop_fresh(&url).await;
}

#[tokio::test]
async fn accounts_are_managed_from_the_command_line_on_sqlite() {
    accounts_are_managed_from_the_command_line(Backend::Sqlite).await;
}

#[tokio::test]
async fn accounts_are_managed_from_the_command_line_on_postgres() {
    accounts_are_managed_from_the_command_line(Backend::Postgres).await;
}
