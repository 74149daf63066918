//! `kizuna serve` under attack, as a real process on a real socket: a
//! crowd of clients that send half a request and stop (slowloris) does not
//! keep `/healthz` from answering, and is disconnected after the
//! header-read timeout; past the connection limit new connections are
//! closed at once; a request whose body never arrives gets 503 after the
//! request time limit; SIGTERM stops the server with exit status 0 after
//! the request in flight is answered; the server runs with its allocator
//! told to return freed memory at once, unless the operator chose otherwise.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use kizuna_store::Backend;
use kizuna_testkit::fresh_url;

use crate::common;

/// A running `kizuna serve` and the address it announced.
struct Server {
    child: Child,
    addr: String,
}

impl Server {
    async fn start(extra: &[&str]) -> Server {
        let url = fresh_url(Backend::Sqlite).await.unwrap();
        let (child, addr, _) = common::serve(&url, extra, &[]);
        Server { child, addr }
    }

    fn connect(&self) -> TcpStream {
        let s = TcpStream::connect(&self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        s
    }

    /// GET a path on a new connection; the whole answer, or the error.
    fn get(&self, path: &str) -> std::io::Result<String> {
        let mut s = TcpStream::connect(&self.addr)?;
        s.set_read_timeout(Some(Duration::from_secs(5)))?;
        write!(s, "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")?;
        let mut out = String::new();
        s.read_to_string(&mut out)?;
        Ok(out)
    }

    fn signal(&self, name: &str) {
        let pid = self.child.id().to_string();
        assert!(
            Command::new("kill")
                .args(["-s", name, &pid])
                .status()
                .unwrap()
                .success()
        );
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

/// Whether the server has closed this connection (EOF or reset) within `wait`.
fn closed_within(s: &mut TcpStream, wait: Duration) -> bool {
    s.set_read_timeout(Some(wait)).unwrap();
    let mut buf = [0u8; 512];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return true,
            // An answer (hyper may say 408) before the close is fine; keep reading.
            Ok(_) => {}
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {
                return false;
            }
            Err(_) => return true,
        }
    }
}

/// The soft limit on open files of this process (from /proc/self/limits).
fn open_file_limit() -> u64 {
    std::fs::read_to_string("/proc/self/limits")
        .unwrap()
        .lines()
        .find(|l| l.starts_with("Max open files"))
        .and_then(|l| l.split_whitespace().nth(3))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

#[tokio::test]
async fn half_sent_requests_neither_block_healthz_nor_stay_open() {
    const CROWD: usize = 1_100;
    assert!(
        open_file_limit() > CROWD as u64 + 200,
        "this test opens {CROWD} sockets: raise the open-file limit (ulimit -n)"
    );
    let server = Server::start(&["--header-timeout", "2"]).await;
    // 1,100 clients send half a request line and stop.
    let mut crowd: Vec<TcpStream> = (0..CROWD)
        .map(|_| {
            let mut s = server.connect();
            s.write_all(b"GET /statistics HT").unwrap();
            s
        })
        .collect();
    // While they hang, the health check answers promptly.
    let started = Instant::now();
    let health = server.get("/healthz").unwrap();
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
    // After the header timeout (2 s) the server has closed every one of them.
    let deadline = Instant::now() + Duration::from_secs(8);
    for (i, s) in crowd.iter_mut().enumerate() {
        let left = deadline
            .saturating_duration_since(Instant::now())
            .max(Duration::from_millis(10));
        assert!(closed_within(s, left), "half-sent connection {i} still open");
    }
    // And the server still serves.
    assert!(server.get("/healthz").unwrap().starts_with("HTTP/1.1 200"));
}

#[tokio::test]
async fn past_the_connection_limit_new_connections_are_closed() {
    let server = Server::start(&["--max-connections", "20", "--header-timeout", "2"]).await;
    let mut idle: Vec<TcpStream> = (0..20)
        .map(|_| {
            let mut s = server.connect();
            s.write_all(b"GET / HT").unwrap();
            s
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    // The 21st is accepted and closed at once.
    let mut extra = server.connect();
    let _ = extra.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    assert!(
        closed_within(&mut extra, Duration::from_secs(1)),
        "over the limit, closed at once"
    );
    // The header timeout frees the slots; then the health check answers.
    for s in &mut idle {
        assert!(closed_within(s, Duration::from_secs(6)));
    }
    std::thread::sleep(Duration::from_millis(200));
    let health = server.get("/healthz").unwrap();
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
}

#[tokio::test]
async fn a_request_past_its_time_limit_gets_503() {
    let server = Server::start(&["--request-timeout", "1"]).await;
    // Headers sent, the promised body never comes.
    let mut s = server.connect();
    s.write_all(
        b"POST /sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nemail=a",
    )
    .unwrap();
    let started = Instant::now();
    let mut answer = vec![0u8; 4096];
    let n = s.read(&mut answer).unwrap();
    let answer = String::from_utf8_lossy(&answer[..n]).into_owned();
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    assert!(answer.contains("longer than 1 s"), "{answer}");
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn sigterm_finishes_the_request_in_flight_then_exits_0() {
    let mut server = Server::start(&[]).await;
    // A request in flight: headers and half its body sent.
    let body = "email=someone%40example.org&password=wrong-password&csrf=x";
    let mut s = server.connect();
    write!(
        s,
        "POST /sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
        body.len(),
        &body[..10]
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    server.signal("TERM");
    std::thread::sleep(Duration::from_millis(500));
    // No new connections once it is stopping.
    assert!(server.get("/healthz").is_err(), "the listener is closed");
    // The request in flight is answered.
    s.write_all(&body.as_bytes()[10..]).unwrap();
    let mut answer = String::new();
    s.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 "), "{answer}");
    // Then the process ends, successfully.
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "still running 10 s after SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(0), "{status:?}");
}

/// The environment of process `pid`, as the kernel shows it.
fn environment_of(pid: u32) -> Vec<String> {
    let raw = std::fs::read(format!("/proc/{pid}/environ")).unwrap();
    raw.split(|b| *b == 0)
        .map(|v| String::from_utf8_lossy(v).into_owned())
        .collect()
}

#[tokio::test]
async fn the_server_returns_freed_memory_at_once_unless_its_operator_chose() {
    // Started plainly, the process that serves (the same process id, its
    // log on the same stderr) runs with the allocator told to purge at once.
    let url = fresh_url(Backend::Sqlite).await.unwrap();
    let (child, addr, _) = common::serve(&url, &[], &[]);
    let server = Server { child, addr };
    assert!(server.get("/healthz").unwrap().starts_with("HTTP/1.1 200"));
    let env = environment_of(server.child.id());
    assert!(env.iter().any(|v| v == "MIMALLOC_PURGE_DELAY=0"), "{env:?}");
    // An operator's own setting is kept.
    let url = fresh_url(Backend::Sqlite).await.unwrap();
    let (child, addr, _) = common::serve(&url, &[], &[("MIMALLOC_PURGE_DELAY", "25")]);
    let chosen = Server { child, addr };
    assert!(chosen.get("/healthz").unwrap().starts_with("HTTP/1.1 200"));
    let env = environment_of(chosen.child.id());
    assert!(env.iter().any(|v| v == "MIMALLOC_PURGE_DELAY=25"), "{env:?}");
    assert!(!env.iter().any(|v| v == "MIMALLOC_PURGE_DELAY=0"), "{env:?}");
}
