//! Acknowledged writes survive a crash: `kizuna serve` is killed with
//! SIGKILL while clients write, restarted on the same database, and every
//! record the server had answered 201 for is there; `kizuna check` finds
//! the database sound. On SQLite and PostgreSQL.
//!
//! CI runs a short variant (3 kills per database). The longer one:
//! `KIZUNA_DURABILITY_ROUNDS=60 cargo nextest run -p kizuna durability::`.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use crate::run;
use run::kizuna;

use std::io::{Read, Write};
use std::process::Child;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use kizuna_store::Backend;
use kizuna_testkit::fresh_url;

use crate::common;

/// `kizuna serve` on a port the system picks, and where it listens.
fn serve(url: &str) -> (Child, String) {
    let (child, addr, _) = common::serve(url, &[], &[]);
    (child, addr)
}

/// One HTTP/1.1 request; the status and body, or `None` when the
/// connection failed (the server is gone).
fn request(addr: &str, method: &str, path: &str, token: &str, body: &str) -> Option<(u16, String)> {
    let mut s = std::net::TcpStream::connect(addr).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .ok()?;
    let mut out = String::new();
    s.read_to_string(&mut out).ok()?;
    let status = out.get(9..12)?.parse().ok()?;
    let body = out.split_once("\r\n\r\n").map(|(_, b)| b.to_owned())?;
    Some((status, body))
}

/// The id in a created record's JSON (the body may be chunked: the id is
/// read from the text, not parsed as a whole).
fn created_id(body: &str) -> Option<i64> {
    let at = body.find("\"id\":")? + 5;
    let digits: String = body[at..].chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

async fn acknowledged_writes_survive_sigkill(backend: Backend) {
    let rounds: usize = std::env::var("KIZUNA_DURABILITY_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let url = fresh_url(backend).await.unwrap();
    let o = kizuna(&url, &["user", "add", "writer@example.org", "--role", "staff"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = kizuna(&url, &["token", "create", "--user", "writer@example.org"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let token = String::from_utf8_lossy(&o.stdout).trim().to_owned();

    let acknowledged: Arc<Mutex<Vec<(String, i64)>>> = Arc::default();
    for round in 0..rounds {
        let (mut child, addr) = serve(&url);
        let stop = Arc::new(AtomicBool::new(false));
        let writers: Vec<_> = (0..4)
            .map(|w| {
                let (addr, token, stop, acked) = (addr.clone(), token.clone(), stop.clone(), acknowledged.clone());
                std::thread::spawn(move || {
                    let mut failed = 0;
                    for n in 0.. {
                        if stop.load(Ordering::Relaxed) && failed > 0 {
                            break;
                        }
                        let key = format!("test/durability/r{round}-w{w}-n{n}");
                        let body = format!(
                            r#"{{"key":"{key}","country":"JP","level":"municipality","name":{{"en":"Durability {round}.{w}.{n}"}}}}"#
                        );
                        match request(&addr, "POST", "/api/v1/localities", &token, &body) {
                            Some((201, b)) => {
                                let id = created_id(&b).unwrap_or_else(|| panic!("a 201 without an id: {b}"));
                                acked.lock().unwrap().push((key, id));
                            }
                            Some((status, b)) => panic!("POST {key}: {status} {b}"),
                            None => {
                                failed += 1;
                                if failed > 3 {
                                    break;
                                }
                            }
                        }
                    }
                })
            })
            .collect();
        // Let writes flow, then kill without warning: no shutdown, no flush.
        std::thread::sleep(Duration::from_millis(400 + 150 * u64::try_from(round % 4).unwrap()));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        stop.store(true, Ordering::Relaxed);
        for w in writers {
            w.join().unwrap();
        }
    }
    let acked = acknowledged.lock().unwrap().clone();
    assert!(
        acked.len() >= rounds * 4,
        "the writers were answered only {} times in {rounds} rounds",
        acked.len()
    );
    // Restarted on the same database: every acknowledged record is there.
    let (mut child, addr) = serve(&url);
    let mut missing = Vec::new();
    for (key, id) in &acked {
        match request(&addr, "GET", &format!("/api/v1/localities/{id}"), &token, "") {
            Some((200, b)) if b.contains(key.as_str()) => {}
            other => missing.push(format!("{key} (id {id}): {other:?}")),
        }
    }
    child.kill().ok();
    child.wait().ok();
    assert!(
        missing.is_empty(),
        "{} of {} acknowledged writes lost after {rounds} SIGKILLs on {backend:?}:\n{}",
        missing.len(),
        acked.len(),
        missing.join("\n")
    );
    let o = kizuna(&url, &["check"]);
    assert!(
        o.status.success() && String::from_utf8_lossy(&o.stdout).trim() == "ok",
        "kizuna check after the kills: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    eprintln!(
        "{backend:?}: {} acknowledged writes over {rounds} SIGKILLs, none lost, check ok",
        acked.len()
    );
}

#[tokio::test]
async fn acknowledged_writes_survive_sigkill_on_sqlite() {
    acknowledged_writes_survive_sigkill(Backend::Sqlite).await;
}

#[tokio::test]
async fn acknowledged_writes_survive_sigkill_on_postgres() {
    acknowledged_writes_survive_sigkill(Backend::Postgres).await;
}
