//! The sign-in limits count the address the connection comes from, over a
//! real socket: `X-Forwarded-For` cannot pick another one unless the
//! server was told to trust the proxy sending it (`--trusted-proxy`).

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use std::io::{Read, Write};
use std::process::{Child, Command};

use kizuna_store::Backend;
use kizuna_testkit::fresh_url;

use crate::common;

const OWNER: &str = "owner%40example.org";

struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

fn serve(url: &str, extra: &[&str]) -> Server {
    let (child, addr, _) = common::serve(url, extra, &[]);
    Server { child, addr }
}

fn send(addr: &str, request: &str) -> String {
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

/// The sign-in form's token (from its cookie).
fn form_token(addr: &str) -> String {
    let form = send(addr, "GET /sign-in HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    form.lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("set-cookie: kizuna_csrf=")
                .map(str::to_owned)
        })
        .and_then(|c| c.split(';').next().map(str::to_owned))
        .expect("the form sets its token cookie")
}

/// Post the sign-in form with `X-Forwarded-For: from`; the status line.
fn sign_in(addr: &str, password: &str, from: &str) -> String {
    let csrf = form_token(addr);
    let body = format!("csrf={csrf}&email={OWNER}&password={password}");
    let answer = send(
        addr,
        &format!(
            "POST /sign-in HTTP/1.1\r\nHost: x\r\nConnection: close\r\nCookie: kizuna_csrf={csrf}\r\n\
             X-Forwarded-For: {from}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
             Content-Length: {}\r\n\r\n{body}",
            body.len()
        ),
    );
    answer.lines().next().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn forwarded_addresses_count_only_from_a_trusted_proxy() {
    let url = fresh_url(Backend::Sqlite).await.unwrap();
    let add = Command::new(env!("CARGO_BIN_EXE_kizuna"))
        .args([
            "--database-url",
            &url,
            "user",
            "add",
            "owner@example.org",
            "--role",
            "staff",
        ])
        .output()
        .unwrap();
    assert!(add.status.success(), "{}", String::from_utf8_lossy(&add.stderr));
    let password = String::from_utf8(add.stdout).unwrap().trim().to_owned();

    // No trusted proxy: writing another address in the header each time
    // does not make the attempts come from elsewhere.
    let direct = serve(&url, &[]);
    for i in 0..5 {
        let got = sign_in(&direct.addr, "wrong+password+here", &format!("198.51.100.{i}"));
        assert!(got.starts_with("HTTP/1.1 401"), "{got}");
    }
    let got = sign_in(&direct.addr, &password, "198.51.100.99");
    assert!(got.starts_with("HTTP/1.1 429"), "spoofed header believed: {got}");
    drop(direct);

    // Behind a trusted proxy (here the loopback), its header names the
    // client: one client's failures hold up that client only.
    let proxied = serve(&url, &["--trusted-proxy", "127.0.0.1"]);
    for _ in 0..5 {
        let got = sign_in(&proxied.addr, "wrong+password+here", "203.0.113.7");
        assert!(got.starts_with("HTTP/1.1 401"), "{got}");
    }
    let got = sign_in(&proxied.addr, &password, "203.0.113.7");
    assert!(got.starts_with("HTTP/1.1 429"), "{got}");
    let got = sign_in(&proxied.addr, &password, "192.0.2.44");
    assert!(got.starts_with("HTTP/1.1 303"), "another client is let in: {got}");
    drop(proxied);
    kizuna_testkit::drop_fresh(&url).await;
}
