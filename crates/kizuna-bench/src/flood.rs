//! `kizuna bench sign-in-flood`: does a flood of wrong passwords slow the
//! rest of the server? The real server on a loopback port, over a store
//! with the demo, is asked for the public map's nearest places from
//! `connections` keep-alive connections, first alone and then while
//! `attackers` more connections post wrong passwords to `/sign-in` as fast
//! as the server answers them. Each attempt names an e-mail nobody has and
//! comes (through `X-Forwarded-For`, the server trusting the loopback
//! proxy) from an address of its own, as from a botnet: none is refused by
//! the sign-in limits, so every one costs a password check — the worst
//! case for the CPU. Prints one Markdown table.

use std::fmt::Write as _;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use kizuna_app::App;
use kizuna_domain::common::account::Role;
use kizuna_store::{Backend, Store};
use tokio::io::AsyncWriteExt;

use crate::pages::percentile;
use crate::places::read_any_response;
use crate::{LoadWatch, Scratch};

pub struct Options {
    /// Connections asking the map API.
    pub connections: usize,
    /// Connections posting wrong passwords.
    pub attackers: usize,
    /// How long each phase is measured.
    pub seconds: f64,
}

const MAP_REQUEST: &str = "GET /api/v1/places/nearest?lat=43.06&lon=141.35&k=20 HTTP/1.1\r\nHost: bench\r\n\r\n";

/// What one phase measured.
struct Phase {
    elapsed: Duration,
    map_times: Vec<Duration>,
    /// Sign-in answers by status.
    sign_ins: Vec<(u16, usize)>,
    load: String,
}

impl Phase {
    fn map_rate(&self) -> f64 {
        self.map_times.len() as f64 / self.elapsed.as_secs_f64()
    }

    fn sign_in_rate(&self) -> f64 {
        self.sign_ins.iter().map(|(_, n)| n).sum::<usize>() as f64 / self.elapsed.as_secs_f64()
    }
}

/// The one-minute load average (`/proc/loadavg`), or "—" where there is none.
fn load_average() -> String {
    crate::LoadAverage::now().map_or_else(|| "—".into(), |l| format!("{:.2}", l.one))
}

pub async fn sign_in_flood(o: Options) -> anyhow::Result<()> {
    anyhow::ensure!(o.connections > 0, "--connections must be at least 1");
    anyhow::ensure!(o.seconds > 0.0, "--seconds must be positive");
    let mut scratch = Scratch::default();
    let result = run(o, &mut scratch).await;
    scratch.drop_all().await;
    result
}

async fn run(o: Options, scratch: &mut Scratch) -> anyhow::Result<()> {
    let load = LoadWatch::start();
    eprintln!("loading the demo into a fresh SQLite store…");
    let url = scratch.fresh(Backend::Sqlite).await?;
    let app = App::new(Store::open(&url).await?);
    app.load_demo().await?;
    app.add_user(
        "owner@bench.example",
        Role::Staff,
        None,
        Some("lantern obihiro paddle quietly"),
    )
    .await?;
    let app = Arc::new(app);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let web = kizuna_web::WebOptions {
        trusted_proxies: vec!["127.0.0.1".parse()?],
        ..kizuna_web::WebOptions::default()
    };
    let router = kizuna_web::router_with_options(app.clone(), web);
    let server = tokio::spawn(async move {
        let _ = axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>()).await;
    });
    let (conns, attackers, seconds) = (o.connections, o.attackers, o.seconds);
    // The clients run on a runtime of their own, as other programs would.
    let (alone, flooded) = std::thread::spawn(move || -> anyhow::Result<(Phase, Phase)> {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
        rt.block_on(async move {
            // Warm up: connections, the index, the page templates.
            phase(addr, conns, 0, 1.0).await?;
            let alone = phase(addr, conns, 0, seconds).await?;
            let flooded = phase(addr, conns, attackers, seconds).await?;
            Ok((alone, flooded))
        })
    })
    .join()
    .map_err(|_| anyhow::anyhow!("the HTTP clients panicked"))??;
    server.abort();
    drop(app);
    scratch.release(&url).await;

    let mut out = String::new();
    writeln!(
        out,
        "\n### Sign-in flood: `GET /api/v1/places/nearest?lat=43.06&lon=141.35&k=20` from {conns} connections, alone and beside {attackers} connections posting wrong passwords, {seconds} s each\n"
    )?;
    writeln!(
        out,
        "| phase | map requests/s | median ms | p95 ms | sign-in attempts/s | sign-in answers | load average (1 min) |"
    )?;
    writeln!(out, "|---|---:|---:|---:|---:|---|---:|")?;
    for (name, p) in [("map alone", &alone), ("map during the flood", &flooded)] {
        let mut times = p.map_times.clone();
        times.sort();
        let answers = if p.sign_ins.is_empty() {
            "—".to_owned()
        } else {
            p.sign_ins
                .iter()
                .map(|(s, n)| format!("{n} × {s}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        writeln!(
            out,
            "| {name} | {:.0} | {:.2} | {:.2} | {} | {answers} | {} |",
            p.map_rate(),
            percentile(&times, 0.5).as_secs_f64() * 1e3,
            percentile(&times, 0.95).as_secs_f64() * 1e3,
            if p.sign_ins.is_empty() {
                "—".to_owned()
            } else {
                format!("{:.0}", p.sign_in_rate())
            },
            p.load
        )?;
    }
    let ratio = flooded.map_rate() / alone.map_rate().max(f64::MIN_POSITIVE);
    writeln!(
        out,
        "\nDuring the flood the map API keeps {:.0}% of its throughput alone (target: at least 80%). \
         {} cores; {} password checks at a time.",
        ratio * 100.0,
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get),
        kizuna_app::auth::password_workers()
    )?;
    writeln!(out, "\n{}", load.line())?;
    print!("{out}");
    Ok(())
}

/// Run `conns` map clients and `attackers` sign-in clients for `seconds`.
async fn phase(addr: SocketAddr, conns: usize, attackers: usize, seconds: f64) -> anyhow::Result<Phase> {
    let started = Instant::now();
    let deadline = started + Duration::from_secs_f64(seconds);
    let mut map_tasks = Vec::new();
    for _ in 0..conns {
        map_tasks.push(tokio::spawn(async move {
            let mut s = tokio::net::TcpStream::connect(addr).await?;
            s.set_nodelay(true)?;
            let mut buf = Vec::with_capacity(64 * 1024);
            let mut times = Vec::new();
            while Instant::now() < deadline {
                let t = Instant::now();
                s.write_all(MAP_REQUEST.as_bytes()).await?;
                let (status, _) = read_any_response(&mut s, &mut buf).await?;
                anyhow::ensure!(status == 200, "the map API answered {status}");
                times.push(t.elapsed());
            }
            anyhow::Ok(times)
        }));
    }
    let mut attack_tasks = Vec::new();
    for a in 0..attackers {
        attack_tasks.push(tokio::spawn(async move { attack(addr, a, deadline).await }));
    }
    let load_at = started + Duration::from_secs_f64(seconds * 0.9);
    tokio::time::sleep_until(load_at.into()).await;
    let load = load_average();
    let mut map_times = Vec::new();
    for t in map_tasks {
        map_times.extend(t.await??);
    }
    let mut by_status: std::collections::BTreeMap<u16, usize> = std::collections::BTreeMap::new();
    for t in attack_tasks {
        for (status, n) in t.await?? {
            *by_status.entry(status).or_default() += n;
        }
    }
    Ok(Phase {
        elapsed: started.elapsed(),
        map_times,
        sign_ins: by_status.into_iter().collect(),
        load,
    })
}

/// One attacker: the sign-in form once (for its token), then wrong
/// passwords for unknown e-mails, each from another address, until `deadline`.
async fn attack(addr: SocketAddr, n: usize, deadline: Instant) -> anyhow::Result<Vec<(u16, usize)>> {
    let mut s = tokio::net::TcpStream::connect(addr).await?;
    s.set_nodelay(true)?;
    let mut buf = Vec::with_capacity(64 * 1024);
    s.write_all(b"GET /sign-in HTTP/1.1\r\nHost: bench\r\n\r\n").await?;
    read_any_response(&mut s, &mut buf).await?;
    let head = String::from_utf8_lossy(&buf);
    let csrf = head
        .lines()
        .filter_map(|l| {
            l.strip_prefix("set-cookie: ")
                .or_else(|| l.strip_prefix("Set-Cookie: "))
        })
        .find_map(|c| c.strip_prefix("kizuna_csrf="))
        .and_then(|c| c.split(';').next())
        .context("the sign-in form sets its token cookie")?
        .to_owned();
    let mut answers: std::collections::BTreeMap<u16, usize> = std::collections::BTreeMap::new();
    let mut i: u32 = 0;
    while Instant::now() < deadline {
        i += 1;
        let body =
            format!("csrf={csrf}&email=flood-{n}-{i}%40bench.example&password=not+the+password+{i}&next=%2Fconsole");
        // A different address each time: 10.n.(i/256).(i%256).
        let from = format!("10.{}.{}.{}", n % 256, (i / 256) % 256, i % 256);
        let req = format!(
            "POST /sign-in HTTP/1.1\r\nHost: bench\r\nCookie: kizuna_csrf={csrf}\r\nX-Forwarded-For: {from}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        s.write_all(req.as_bytes()).await?;
        let (status, _) = read_any_response(&mut s, &mut buf).await?;
        *answers.entry(status).or_default() += 1;
    }
    Ok(answers.into_iter().collect())
}
