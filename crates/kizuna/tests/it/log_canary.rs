//! No secret and no personal data in the server's log: known canaries (a
//! password, a wrong password, an API token, an unknown token, an e-mail
//! address, a person's names) are pushed through sign-in, the API, a
//! failed write, a person's page and a password change while `kizuna
//! serve` logs at debug level; none of them, nor the token's hash, may
//! appear in what it wrote.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::Duration;

use kizuna_store::Backend;
use kizuna_testkit::fresh_url;

use crate::common;
use sha2::Digest;

const EMAIL: &str = "canary.staff.qz7@example.org";
const PASSWORD: &str = "Canary passphrase Qz7 for Tokachi 2018!";
const WRONG: &str = "CanaryWrongPassphrase-Qz7-Obihiro";
const FAMILY: &str = "Canaryfamilyqz";
const GIVEN: &str = "Canarygivenqz";
const BAD_TOKEN: &str = "c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00";

/// One HTTP/1.1 exchange: the status, the headers and the body.
fn http(addr: &str, head: &str, body: &str) -> (u16, String, String) {
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    write!(
        s,
        "{head}Host: localhost\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    let (headers, body) = out.split_once("\r\n\r\n").unwrap_or((&out, ""));
    (out[9..12].parse().unwrap(), headers.to_owned(), body.to_owned())
}

/// A cookie the answer sets.
fn set_cookie(headers: &str, name: &str) -> Option<String> {
    headers.lines().find_map(|l| {
        let l = l
            .strip_prefix("set-cookie: ")
            .or_else(|| l.strip_prefix("Set-Cookie: "))?;
        let (kv, _) = l.split_once(';').unwrap_or((l, ""));
        let (k, v) = kv.split_once('=')?;
        (k == name && !v.is_empty()).then(|| v.to_owned())
    })
}

fn form(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| {
            let enc: String = v
                .bytes()
                .map(|b| match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
                    _ => format!("%{b:02X}"),
                })
                .collect();
            format!("{k}={enc}")
        })
        .collect::<Vec<_>>()
        .join("&")
}

#[tokio::test]
async fn the_log_holds_no_secret_and_no_personal_data() {
    let url = fresh_url(Backend::Sqlite).await.unwrap();
    let kizuna = |args: &[&str], stdin: Option<&str>| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_kizuna"))
            .arg("--database-url")
            .arg(&url)
            .args(args)
            .env("KIZUNA_LOG", "debug")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        if let Some(s) = stdin {
            c.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
        } else {
            drop(c.stdin.take());
        }
        let o = c.wait_with_output().unwrap();
        assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    // The command line tells its operator what it made (the e-mail, the
    // token once, on purpose); the server's log is what is checked.
    kizuna(
        &["user", "add", EMAIL, "--role", "staff", "--password-stdin"],
        Some(PASSWORD),
    );
    let token = kizuna(&["token", "create", "--user", EMAIL, "--name", "canary"], None);
    let token = token.trim().to_owned();
    assert_eq!(token.len(), 64, "a token: {token}");

    let (mut child, addr, server_log) = common::serve(&url, &[], &[("KIZUNA_LOG", "debug")]);

    // Sign in: a wrong password, then the right one, through the form.
    let (_, headers, _) = http(&addr, "GET /sign-in HTTP/1.1\r\n", "");
    let csrf = set_cookie(&headers, "kizuna_csrf").expect("a form token");
    let cookie = format!("Cookie: kizuna_csrf={csrf}\r\n");
    let post = |body: String, cookie: &str| {
        http(
            &addr,
            &format!("POST /sign-in HTTP/1.1\r\n{cookie}Content-Type: application/x-www-form-urlencoded\r\n"),
            &body,
        )
    };
    let (status, _, _) = post(form(&[("csrf", &csrf), ("email", EMAIL), ("password", WRONG)]), &cookie);
    assert_eq!(status, 401);
    let (status, headers, _) = post(
        form(&[
            ("csrf", &csrf),
            ("email", EMAIL),
            ("password", PASSWORD),
            ("next", "/console"),
        ]),
        &cookie,
    );
    assert_eq!(status, 303, "signed in");
    let session = set_cookie(&headers, "kizuna_session").expect("a session");
    let session_csrf = set_cookie(&headers, "kizuna_csrf").unwrap_or(csrf.clone());

    // The API: a person created with names, read, a failed write, an unknown token.
    let bearer = format!("Authorization: Bearer {token}\r\nContent-Type: application/json\r\n");
    let person = format!(
        r#"{{"family_name": "{FAMILY}", "given_name": "{GIVEN}", "gender": "female", "nationality": "TH", "email": "{EMAIL}"}}"#
    );
    let (status, _, body) = http(&addr, &format!("POST /api/v1/people HTTP/1.1\r\n{bearer}"), &person);
    assert_eq!(status, 201, "{body}");
    let id: i64 = serde_json::from_str::<serde_json::Value>(&body).unwrap()["id"]
        .as_i64()
        .unwrap();
    let (status, _, _) = http(&addr, &format!("GET /api/v1/people/{id} HTTP/1.1\r\n{bearer}"), "");
    assert_eq!(status, 200);
    let bad = format!(r#"{{"family_name": "{FAMILY}", "given_name": 7, "nationality": "XX"}}"#);
    let (status, _, _) = http(&addr, &format!("POST /api/v1/people HTTP/1.1\r\n{bearer}"), &bad);
    assert!((400..500).contains(&status), "{status}");
    let (status, _, _) = http(
        &addr,
        &format!("GET /api/v1/people HTTP/1.1\r\nAuthorization: Bearer {BAD_TOKEN}\r\n"),
        "",
    );
    assert_eq!(status, 401);

    // The console: the person's page, and a password change refused.
    let console = format!("Cookie: kizuna_session={session}; kizuna_csrf={session_csrf}\r\n");
    let (status, _, page) = http(&addr, &format!("GET /console/people/{id} HTTP/1.1\r\n{console}"), "");
    assert_eq!(status, 200);
    assert!(page.contains(FAMILY), "the page shows the person");
    let (status, _, _) = http(
        &addr,
        &format!("POST /account/password HTTP/1.1\r\n{console}Content-Type: application/x-www-form-urlencoded\r\n"),
        &form(&[
            ("csrf", &session_csrf),
            ("current_password", WRONG),
            ("password", PASSWORD),
            ("password_again", PASSWORD),
        ]),
    );
    assert_eq!(status, 422);

    std::thread::sleep(Duration::from_millis(300));
    child.kill().ok();
    child.wait().ok();
    let log = server_log.lock().unwrap().clone();
    assert!(log.contains("Kizuna is serving"), "the log was read: {log}");
    let token_hash: String = sha2::Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    for (what, canary) in [
        ("the password", PASSWORD),
        ("a wrong password", WRONG),
        ("the API token", token.as_str()),
        ("the API token's hash", token_hash.as_str()),
        ("an unknown token", BAD_TOKEN),
        ("the session", session.as_str()),
        ("an e-mail address", EMAIL),
        ("a family name", FAMILY),
        ("a given name", GIVEN),
    ] {
        assert!(!log.contains(canary), "{what} is in the log:\n{log}");
    }
}
