//! `kizuna bench map-server`: a real `kizuna serve` over N synthetic
//! places in a SQLite store — its peak memory (VmHWM), the time from its
//! start to its first correct nearest-20 answer, and, after 20,000 places
//! are changed by another process (as an import on another server would),
//! the time until it answers with them.
//!
//! The server's memory is sampled every 20 ms through the run and its peak
//! given per phase, split into anonymous memory (the heap) and files mapped
//! (the binary, the search index's segments), so that a peak can be put
//! down to what the server was doing. `KIZUNA_BENCH_RSS_TRACE=FILE` writes
//! every sample (ms, phase, VmRSS, RssAnon, RssFile in kB) to FILE.
//!
//! Writing a million places and indexing them takes minutes in a debug
//! build: with `KIZUNA_BENCH_MAP_SERVER_CACHE=DIR` the store and search
//! index made for N places are kept in DIR and copied from there by the
//! next run of the same N (the same seed, so the same places).

use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use kizuna_app::App;
use kizuna_app::map::PlaceFilter;
use kizuna_store::{Backend, Store};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::record::{Measure, record};
use crate::{LoadWatch, Scratch};

const CHANGED: usize = 20_000;

/// Searches at places spread over the set, to fill the places the server
/// keeps for its searches (4,096 by default; 20 a search).
const FILL_SEARCHES: usize = 2_000;

/// The server, killed however the benchmark ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A field of `/proc/PID/status` in kB.
fn status_kb(pid: u32, field: &str) -> Option<u64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    text.lines()
        .find(|l| l.starts_with(field))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// What the benchmark is doing, for the memory sampled meanwhile.
const PHASES: [&str; 6] = [
    "start → first answer",
    "first answer → index loaded",
    "20,000 places written elsewhere → answered",
    "answers after, the search index catching up",
    "searches across the places",
    "idle at the end",
];

/// The highest VmRSS seen in a phase, with its split at that moment (kB).
#[derive(Clone, Copy, Default)]
struct PhasePeak {
    rss: u64,
    anon: u64,
    file: u64,
}

/// Samples a process's memory every 20 ms on a thread of its own, keeping
/// each phase's highest.
struct Sampler {
    phase: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    peaks: Arc<Mutex<Vec<PhasePeak>>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Sampler {
    fn start(pid: u32) -> Self {
        let phase = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let peaks = Arc::new(Mutex::new(vec![PhasePeak::default(); PHASES.len()]));
        let trace = std::env::var_os("KIZUNA_BENCH_RSS_TRACE").and_then(|p| std::fs::File::create(p).ok());
        let thread = {
            let (phase, stop, peaks) = (phase.clone(), stop.clone(), peaks.clone());
            std::thread::spawn(move || {
                use std::io::Write;
                let mut trace = trace.map(std::io::BufWriter::new);
                let t = Instant::now();
                while !stop.load(Ordering::Acquire) {
                    let (Some(rss), Some(anon), Some(file)) = (
                        status_kb(pid, "VmRSS:"),
                        status_kb(pid, "RssAnon:"),
                        status_kb(pid, "RssFile:"),
                    ) else {
                        break;
                    };
                    let at = phase.load(Ordering::Acquire);
                    if let Some(w) = trace.as_mut() {
                        let _ = writeln!(w, "{} {at} {rss} {anon} {file}", t.elapsed().as_millis());
                    }
                    let mut peaks = peaks.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                    if let Some(p) = peaks.get_mut(at)
                        && rss > p.rss
                    {
                        *p = PhasePeak { rss, anon, file };
                    }
                    drop(peaks);
                    std::thread::sleep(Duration::from_millis(20));
                }
            })
        };
        Sampler {
            phase,
            stop,
            peaks,
            thread: Some(thread),
        }
    }

    fn enter(&self, phase: usize) {
        self.phase.store(phase, Ordering::Release);
    }

    fn finish(mut self) -> Vec<PhasePeak> {
        self.stop.store(true, Ordering::Release);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        self.peaks
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }
}

/// The store and search index kept for N places (see the module's note).
fn cached_store(n: usize) -> Option<std::path::PathBuf> {
    let dir = std::path::PathBuf::from(std::env::var_os("KIZUNA_BENCH_MAP_SERVER_CACHE")?);
    std::fs::create_dir_all(&dir).ok()?;
    Some(dir.join(format!("places-{n}.sqlite3")))
}

/// Copies a SQLite database (closed) and its search index beside it.
fn copy_store(from: &std::path::Path, to: &std::path::Path) -> anyhow::Result<()> {
    std::fs::copy(from, to).with_context(|| format!("copying {}", from.display()))?;
    let search = |p: &std::path::Path| std::path::PathBuf::from(format!("{}.search", p.display()));
    let (src, dst) = (search(from), search(to));
    std::fs::create_dir_all(&dst)?;
    for e in std::fs::read_dir(&src)? {
        let e = e?;
        if e.file_type()?.is_file() {
            std::fs::copy(e.path(), dst.join(e.file_name()))?;
        }
    }
    Ok(())
}

/// CPU time used by a process so far, in clock ticks.
fn cpu_ticks(pid: u32) -> Option<u64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = &text[text.rfind(')')? + 2..];
    let f: Vec<&str> = after.split_whitespace().collect();
    Some(f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?)
}

/// GET a path; the status and body, or `None` if nothing answers yet.
async fn get(addr: &str, path: &str) -> Option<(u16, Vec<u8>)> {
    let mut s = tokio::net::TcpStream::connect(addr).await.ok()?;
    let req = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    s.write_all(req.as_bytes()).await.ok()?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).await.ok()?;
    let head_end = buf.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
    let status = head.split_whitespace().nth(1)?.parse().ok()?;
    let mut body = buf[head_end + 4..].to_vec();
    if head.to_ascii_lowercase().contains("transfer-encoding: chunked") {
        body = unchunk(&body)?;
    }
    Some((status, body))
}

fn unchunk(mut b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line = b.windows(2).position(|w| w == b"\r\n")?;
        let size = usize::from_str_radix(std::str::from_utf8(&b[..line]).ok()?.split(';').next()?.trim(), 16).ok()?;
        b = &b[line + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(b.get(..size)?);
        b = b.get(size + 2..)?;
    }
}

/// The ids of a nearest answer, if it is one.
async fn nearest_ids(addr: &str, lat: f64, lon: f64, k: usize) -> Option<Vec<i64>> {
    let (status, body) = get(addr, &format!("/api/v1/places/nearest?lat={lat}&lon={lon}&k={k}")).await?;
    if status != 200 {
        return None;
    }
    let v: serde_json::Value = serde_json::from_slice(&body).ok()?;
    let items = v.get("places").or_else(|| v.get("items")).unwrap_or(&v).as_array()?;
    items.iter().map(|p| p.get("id")?.as_i64()).collect()
}

/// `kizuna bench map-server --places N`.
pub async fn map_server(n: usize) -> anyhow::Result<()> {
    let mut scratch = Scratch::default();
    let out = run(n, &mut scratch).await;
    scratch.drop_all().await;
    out
}

#[allow(clippy::too_many_lines)]
async fn run(n: usize, scratch: &mut Scratch) -> anyhow::Result<()> {
    let load = LoadWatch::start();
    let exe = std::env::current_exe().context("finding the kizuna binary")?;
    let url = scratch.fresh(Backend::Sqlite).await?;
    let path = url.strip_prefix("sqlite://").context("a SQLite URL")?.to_owned();
    // The search index the server keeps beside a SQLite database.
    let dir = std::path::Path::new(&path)
        .parent()
        .context("a directory")?
        .to_path_buf();
    let before: std::collections::HashSet<_> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();

    let t = Instant::now();
    let places = crate::data::synthetic_places(n, 7);
    let cache = cached_store(n);
    let reindexed = match cache.as_ref().filter(|c| c.exists()) {
        Some(c) => {
            copy_store(c, std::path::Path::new(&path))?;
            eprintln!(
                "{n} places and their search index copied from {} in {:.1} s",
                c.display(),
                t.elapsed().as_secs_f64()
            );
            None
        }
        None => {
            let app = App::new(Store::open(&url).await?);
            for chunk in places.chunks(20_000) {
                app.upsert_places(chunk).await?;
            }
            app.store.close().await;
            eprintln!("{n} places written in {:.1} s", t.elapsed().as_secs_f64());
            // The search index a server keeps beside the database, made as
            // `kizuna reindex` makes it: a server restarted finds it current (a
            // first start would index every place before it listens).
            let t = Instant::now();
            let status = Command::new(&exe)
                .env("KIZUNA_DATABASE_URL", &url)
                .arg("reindex")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .context("running kizuna reindex")?;
            if !status.success() {
                bail!("kizuna reindex failed: {status}");
            }
            let reindexed = t.elapsed();
            eprintln!("search index made in {:.1} s", reindexed.as_secs_f64());
            if let Some(c) = &cache {
                copy_store(std::path::Path::new(&path), c)?;
            }
            Some(reindexed)
        }
    };
    let app = App::new(Store::open(&url).await?);
    let (lat, lon) = (places[0].position.lat(), places[0].position.lon());
    let want: Vec<i64> = app
        .nearest_places(lat, lon, 20, &PlaceFilter::default())
        .await?
        .iter()
        .map(|h| h.place.id)
        .collect();

    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0")?;
        l.local_addr()?.port()
    };
    let addr = format!("127.0.0.1:{port}");
    let started = Instant::now();
    // `KIZUNA_BENCH_SERVER_LOG=FILE`: the server's log (as `KIZUNA_LOG` asks) in FILE.
    let log = match std::env::var_os("KIZUNA_BENCH_SERVER_LOG") {
        Some(p) => Stdio::from(std::fs::File::create(p).context("the server's log file")?),
        None => Stdio::null(),
    };
    let child = Command::new(&exe)
        .env("KIZUNA_DATABASE_URL", &url)
        .args(["serve", "--addr", &addr])
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .context("starting kizuna serve")?;
    let server = Server(child);
    let pid = server.0.id();
    let sampler = Sampler::start(pid);
    let first = loop {
        if let Some(ids) = nearest_ids(&addr, lat, lon, 20).await {
            if ids != want {
                bail!("the server's first answer differs from the store's: {ids:?} vs {want:?}");
            }
            break started.elapsed();
        }
        if started.elapsed() > Duration::from_secs(300) {
            bail!("no answer from the server in 5 minutes");
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    };
    eprintln!("first answer after {:.2} s", first.as_secs_f64());
    sampler.enter(1);
    // Until the server has loaded its index: its CPU idle for a second.
    let mut last = cpu_ticks(pid).unwrap_or(0);
    loop {
        tokio::time::sleep(Duration::from_secs(1)).await;
        let now = cpu_ticks(pid).unwrap_or(0);
        if now.saturating_sub(last) <= 5 || started.elapsed() > Duration::from_secs(600) {
            break;
        }
        last = now;
    }
    let loaded = started.elapsed();
    let rss_loaded = status_kb(pid, "VmRSS:").unwrap_or(0);
    let _ = nearest_ids(&addr, lat, lon, 20).await;

    // 20,000 places moved by another process, then the server asked near one of them.
    let k = CHANGED.min(n);
    let moved: Vec<_> = places[..k]
        .iter()
        .map(|p| {
            let mut f = kizuna_domain::map::place::PlaceFields::from(p);
            f.lat = Some((p.position.lat() + 0.01).min(89.0));
            f.lon = Some(p.position.lon());
            f.validate().map_err(|e| anyhow::anyhow!("{e:?}"))
        })
        .collect::<anyhow::Result<_>>()?;
    sampler.enter(2);
    // The catch-up is timed from the moment the write can be read (its
    // commit, seen by polling the store from another connection), not from
    // when the writing call returns: SQLite's checkpoint after a large
    // commit runs inside that call, with the rows already visible.
    let probe = &moved[k / 2];
    let (probe_source, probe_source_id) = (probe.source.kind().as_str(), probe.source.id().to_string());
    let probe_id = app
        .store
        .place_by_source(probe_source, &probe_source_id)
        .await?
        .map(|p| p.id)
        .context("the probe place in the store")?;
    let (probe_lat, probe_lon) = (probe.position.lat(), probe.position.lon());
    let watcher = {
        let (app, addr, source_id) = (app.clone(), addr.clone(), probe_source_id.clone());
        let source = probe_source.to_string();
        tokio::spawn(async move {
            let mut visible: Option<Instant> = None;
            let deadline = Instant::now() + Duration::from_secs(300);
            loop {
                if visible.is_none()
                    && let Ok(Some(p)) = app.store.place_by_source(&source, &source_id).await
                    && (p.fields.position.lat() - probe_lat).abs() < 1e-6
                {
                    visible = Some(Instant::now());
                }
                if let Some(v) = visible
                    && let Some(ids) = nearest_ids(&addr, probe_lat, probe_lon, 1).await
                    && ids.first() == Some(&probe_id)
                {
                    return Ok::<_, anyhow::Error>(v.elapsed());
                }
                if Instant::now() > deadline {
                    bail!("the server did not see the changed places in 5 minutes");
                }
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
        })
    };
    let t = Instant::now();
    app.upsert_places(&moved).await?;
    let written = t.elapsed();
    let catch_up = watcher.await.context("the catch-up watcher")??;
    eprintln!(
        "catch-up: answered {:.2} s after the write could be read",
        catch_up.as_secs_f64()
    );
    sampler.enter(3);
    // Its answers after: one request each, timed from here.
    let mut times = Vec::new();
    for p in moved.iter().step_by((k / 200).max(1)) {
        let t = Instant::now();
        nearest_ids(&addr, p.position.lat(), p.position.lon(), 20)
            .await
            .context("an answer")?;
        times.push(t.elapsed());
    }
    times.sort();
    let median = times[times.len() / 2];
    // Until the server is idle again: the search index's catch-up of the
    // same changes (every 3 s on SQLite) is done.
    let mut last = cpu_ticks(pid).unwrap_or(0);
    let idle_from = Instant::now();
    loop {
        tokio::time::sleep(Duration::from_secs(1)).await;
        let now = cpu_ticks(pid).unwrap_or(0);
        if now.saturating_sub(last) <= 5 || idle_from.elapsed() > Duration::from_secs(300) {
            break;
        }
        last = now;
    }
    sampler.enter(4);
    // The places kept for searches filled: nearest-20 at places spread
    // over the whole set, each answer other places than the last.
    let rss_before_fill = status_kb(pid, "VmRSS:").unwrap_or(0);
    let t = Instant::now();
    let fills = FILL_SEARCHES.min(n);
    for p in places.iter().step_by((n / fills).max(1)).take(fills) {
        nearest_ids(&addr, p.position.lat(), p.position.lon(), 20)
            .await
            .context("an answer")?;
    }
    let filled = t.elapsed();
    let rss_filled = status_kb(pid, "VmRSS:").unwrap_or(0);
    sampler.enter(5);
    tokio::time::sleep(Duration::from_secs(1)).await;
    let phases = sampler.finish();
    let peak = status_kb(pid, "VmHWM:").unwrap_or(0);
    let (anon, file) = (
        status_kb(pid, "RssAnon:").unwrap_or(0),
        status_kb(pid, "RssFile:").unwrap_or(0),
    );
    let rss = status_kb(pid, "VmRSS:").unwrap_or(0);
    drop(server);
    // The search index the server made beside the database.
    for e in std::fs::read_dir(&dir)?.filter_map(Result::ok) {
        let p = e.path();
        if !before.contains(&p) && p.is_dir() && p.to_string_lossy().contains(&*path) {
            let _ = std::fs::remove_dir_all(&p);
        }
    }

    let mb = |kb: u64| kb as f64 / 1024.0;
    println!("## kizuna bench map-server --places {n}\n");
    println!("{}\n", load.line());
    println!("| measure | value | target |");
    println!("|---|---:|---:|");
    println!("| peak RSS of the server (VmHWM) | {:.0} MB | < 300 MB |", mb(peak));
    println!("| RSS with the index loaded | {:.0} MB | |", mb(rss_loaded));
    println!(
        "| RSS at the end (anonymous + files mapped: the binary, the search index) | {:.0} MB ({:.0} + {:.0}) | |",
        mb(rss),
        mb(anon),
        mb(file)
    );
    println!(
        "| start → first correct nearest-20 answer | {:.2} s | ≤ 2 s |",
        first.as_secs_f64()
    );
    println!(
        "| start → server idle (index loaded) | {:.1} s | |",
        loaded.as_secs_f64()
    );
    println!(
        "| {k} places changed by another process (write time) | {:.2} s | |",
        written.as_secs_f64()
    );
    println!(
        "| write visible in the store → the server answers with them | {:.2} s | < 1 s |",
        catch_up.as_secs_f64()
    );
    println!(
        "| nearest-20 over HTTP after, one at a time (median of {}) | {:.2} ms | |",
        times.len(),
        median.as_secs_f64() * 1e3
    );
    println!(
        "| RSS after {fills} nearest-20 searches across the places (the places kept for searches filled; {:.1} s) | \
         {:.0} MB (before: {:.0} MB) | |",
        filled.as_secs_f64(),
        mb(rss_filled),
        mb(rss_before_fill)
    );
    println!();
    println!("| the server's highest RSS in each phase | VmRSS | anonymous | files mapped |");
    println!("|---|---:|---:|---:|");
    for (name, p) in PHASES.iter().zip(&phases) {
        println!(
            "| {name} | {:.0} MB | {:.0} MB | {:.0} MB |",
            mb(p.rss),
            mb(p.anon),
            mb(p.file)
        );
    }
    println!();
    let made = reindexed.map_or_else(
        || "copied from KIZUNA_BENCH_MAP_SERVER_CACHE".to_owned(),
        |t| format!("{:.1} s", t.as_secs_f64()),
    );
    println!(
        "The server is started on a store whose search index `kizuna reindex` made first ({made}), as a restarted \
         server finds it; the places changed are written by the benchmark's own process, so the server learns of them \
         from the database (it asks at most every 0.5 s). Memory sampled every 20 ms.\n"
    );
    let size = n as u64;
    let engine = "kizuna serve (SQLite)";
    record(&Measure::new("map-server", size, engine, "peak RSS", mb(peak), "MB"));
    record(&Measure::new(
        "map-server",
        size,
        engine,
        "RSS with the index loaded",
        mb(rss_loaded),
        "MB",
    ));
    record(&Measure::new(
        "map-server",
        size,
        engine,
        "RSS with the places kept for searches filled",
        mb(rss_filled),
        "MB",
    ));
    record(&Measure::new(
        "map-server",
        size,
        engine,
        "first answer",
        first.as_secs_f64(),
        "s",
    ));
    record(&Measure::new(
        "map-server",
        size,
        engine,
        "index loaded",
        loaded.as_secs_f64(),
        "s",
    ));
    record(&Measure::new(
        "map-server",
        size,
        engine,
        "catch-up after 20,000 changes",
        catch_up.as_secs_f64(),
        "s",
    ));
    record(&Measure::new(
        "map-server",
        size,
        engine,
        "nearest-20 HTTP median",
        median.as_secs_f64() * 1e3,
        "ms",
    ));
    Ok(())
}
