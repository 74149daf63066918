//! `kizuna bench places`: the map's spatial index with many places, set
//! beside SQLite's R*Tree and PostGIS's GiST `<->` on the same points and
//! the same query positions, in one run:
//!
//! 1. building each index;
//! 2. nearest-`k` in process (Kizuna's R*-tree) and through each database's
//!    own query, one at a time, with the round trip every database query pays;
//! 3. whether the three agree on the nearest `k`;
//! 4. `GET /api/v1/places/nearest` over real HTTP from many keep-alive
//!    connections at once, on a store holding the same places.
//!
//! The databases are set up as their own experts would (see [`crate::geo`]):
//! points loaded in spatial order, prepared statements, SQLite on a direct
//! connection with a cache holding its whole file, PostGIS's plan checked
//! to be the KNN scan of its index. The load average and the settings are
//! printed with the figures; every database made is dropped at the end.

use std::fmt::Write as _;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::data::{SplitMix, synthetic_places, synthetic_point};
use crate::geo::{PostgisKnn, SqliteRtree};
use crate::minimal_map::MinimalMap;
use crate::record::{Measure, record};
use crate::{LoadWatch, Scratch};
use anyhow::{Context, bail};
use chrono::Utc;
use kizuna_app::App;
use kizuna_app::map::{PlaceFilter, PlaceIndex};
use kizuna_domain::map::place::{LatLon, Place};
use kizuna_store::{Backend, Store};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::pages::percentile;

pub struct Options {
    pub places: usize,
    pub queries: usize,
    pub k: usize,
    pub http_requests: usize,
    pub connections: usize,
    pub postgis: bool,
    pub http: bool,
}

fn us(d: Duration) -> String {
    let v = d.as_secs_f64() * 1e6;
    if v < 100.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.0}")
    }
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1e3)
}

/// Timings of one way of answering nearest-k.
struct Series {
    name: String,
    /// Its name in the figures recorded for `kizuna bench all`.
    engine: &'static str,
    build: Option<Duration>,
    times: Vec<Duration>,
    floor: Option<Duration>,
    answers: Vec<Vec<i64>>,
}

impl Series {
    fn median(&self) -> Duration {
        percentile(&self.times, 0.5)
    }
}

fn sorted(mut v: Vec<Duration>) -> Vec<Duration> {
    v.sort();
    v
}

/// How many of the answers hold the same ids as Kizuna's (as sets: ties
/// in distance may come in either order).
fn agreement(a: &[Vec<i64>], b: &[Vec<i64>]) -> usize {
    a.iter()
        .zip(b)
        .filter(|(x, y)| {
            let (mut x, mut y) = ((*x).clone(), (*y).clone());
            x.sort_unstable();
            y.sort_unstable();
            x == y
        })
        .count()
}

pub async fn places(o: Options) -> anyhow::Result<()> {
    let mut scratch = Scratch::default();
    let result = run(o, &mut scratch).await;
    scratch.drop_all().await;
    result
}

async fn run(o: Options, scratch: &mut Scratch) -> anyhow::Result<()> {
    let load = LoadWatch::start();
    if o.places == 0 || o.queries == 0 || o.k == 0 || o.connections == 0 {
        bail!("--places, --queries, --k and --connections must be at least 1");
    }
    let today = Utc::now().date_naive();
    let now = Utc::now();
    eprintln!("generating {} places…", o.places);
    let inputs = synthetic_places(o.places, 20_261_130);
    let places: Vec<Place> = inputs
        .iter()
        .enumerate()
        .map(|(i, p)| Place::new(i as i64 + 1, p.clone()))
        .collect();
    let points: Vec<(i64, f64, f64)> = places
        .iter()
        .map(|p| (p.id, p.fields.position.lat(), p.fields.position.lon()))
        .collect();
    let mut rng = SplitMix::new(7);
    let queries: Vec<(f64, f64)> = (0..o.queries).map(|_| synthetic_point(&mut rng)).collect();
    let checked = queries.len().min(200);

    // 1–2. Kizuna's index, in process.
    let mut builds = Vec::new();
    let mut ix = None;
    for _ in 0..3 {
        let copy = places.clone();
        let t = Instant::now();
        let built = PlaceIndex::build(0, copy);
        builds.push(t.elapsed());
        ix = Some(built);
    }
    let ix = ix.context("index")?;
    let filter = PlaceFilter::default();
    // Warm up: every place's opening hours parsed once, as a running server would have.
    for &(lat, lon) in queries.iter().take(1000) {
        let _ = ix.nearest(
            LatLon::new(lat, lon).map_err(|e| anyhow::anyhow!("{e:?}"))?,
            o.k,
            &filter,
            today,
            now,
        );
    }
    let mut times = Vec::with_capacity(queries.len());
    let mut answers = Vec::with_capacity(checked);
    for (i, &(lat, lon)) in queries.iter().enumerate() {
        let at = LatLon::new(lat, lon).map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let t = Instant::now();
        let found = ix.nearest_ids(at, o.k, &filter, today, now);
        times.push(t.elapsed());
        if i < checked {
            answers.push(found.iter().map(|f| f.0).collect());
        }
    }
    let kizuna = Series {
        name: "Kizuna: R*-tree in memory (`PlaceIndex::nearest_ids`)".into(),
        engine: "kizuna",
        build: Some(percentile(&sorted(builds), 0.5)),
        times: sorted(times),
        floor: None,
        answers,
    };
    // The same, building each search result (place, open now, certificate), as the API does.
    let mut htimes = Vec::with_capacity(queries.len());
    for &(lat, lon) in &queries {
        let at = LatLon::new(lat, lon).map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let t = Instant::now();
        let _ = ix.nearest(at, o.k, &filter, today, now);
        htimes.push(t.elapsed());
    }
    let with_hits = sorted(htimes);
    // The same with a filter, as the map's chips ask.
    let chips: PlaceFilter = PlaceFilter::parse(Some("restaurant"), Some("certified"), None, None, None)
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let mut ftimes = Vec::with_capacity(queries.len());
    for &(lat, lon) in &queries {
        let at = LatLon::new(lat, lon).map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let t = Instant::now();
        let _ = ix.nearest_ids(at, o.k, &chips, today, now);
        ftimes.push(t.elapsed());
    }
    let filtered = sorted(ftimes);
    drop(ix);

    // 3. Over HTTP, before the databases are loaded: their background work
    // (checkpoints, vacuum) would otherwise share the two cores with it.
    let http_report = if o.http {
        Some(http(&o, scratch, &inputs, &queries).await?)
    } else {
        None
    };

    // SQLite's R*Tree, on a direct connection on this thread.
    eprintln!("building SQLite's R*Tree…");
    let rt_url = scratch.fresh(Backend::Sqlite).await?;
    let rt_path = rt_url.strip_prefix("sqlite://").context("a SQLite URL")?.to_owned();
    let (rtree, rt_build) = SqliteRtree::build(std::path::Path::new(&rt_path), &points)?;
    let mut notes = vec![format!(
        "SQLite R*Tree: a direct connection (rusqlite, on the benchmark's thread), points inserted along a Hilbert curve \
         with one prepared insert in one transaction; a file of {:.1} MB read through a page cache of {} KiB \
         (`PRAGMA cache_size = {}`) and a memory map of {} MiB, every node read once before timing; \
         `locking_mode = EXCLUSIVE`; the window query a cached prepared statement.",
        rtree.file_bytes as f64 / 1e6,
        -rtree.cache_size,
        rtree.cache_size,
        rtree.mmap_size >> 20
    )];
    let rtree_series = {
        for &(lat, lon) in queries.iter().take(1000) {
            rtree.nearest(lat, lon, o.k)?;
        }
        let mut times = Vec::with_capacity(queries.len());
        let mut answers = Vec::with_capacity(checked);
        for (i, &(lat, lon)) in queries.iter().enumerate() {
            let t = Instant::now();
            let found = rtree.nearest(lat, lon, o.k)?;
            times.push(t.elapsed());
            if i < checked {
                answers.push(found.iter().map(|f| f.0).collect());
            }
        }
        let mut floor = Vec::new();
        for _ in 0..1000 {
            let t = Instant::now();
            rtree.round_trip()?;
            floor.push(t.elapsed());
        }
        Series {
            name: "SQLite R*Tree (window query, widened until it holds the k nearest)".into(),
            engine: "sqlite-rtree",
            build: Some(rt_build),
            times: sorted(times),
            floor: Some(percentile(&sorted(floor), 0.5)),
            answers,
        }
    };
    drop(rtree);
    scratch.release(&rt_url).await;

    // PostGIS.
    let mut series = vec![kizuna, rtree_series];
    let mut postgis_note = String::new();
    let mut plan_report = String::new();
    if o.postgis {
        eprintln!("loading PostGIS…");
        let pg_url = scratch
            .fresh(Backend::Postgres)
            .await
            .context("PostgreSQL (KIZUNA_TEST_POSTGRES_URL, default 127.0.0.1:5432) for the PostGIS comparison")?;
        match PostgisKnn::build(&pg_url, &points).await? {
            None => {
                postgis_note = "PostGIS is not installed on that server (Debian: postgresql-15-postgis-3)".into();
            }
            Some((mut pg, load, build)) => {
                let plan = pg.prepare(o.k).await?;
                if !plan.knn_index_scan {
                    postgis_note =
                        "warning: neither the generic nor the custom plan is a KNN scan of the GiST index".into();
                }
                writeln!(
                    plan_report,
                    "\nPostGIS's plan for the prepared query (`EXPLAIN EXECUTE`, `plan_cache_mode = {}`):\n\n```text",
                    plan.cache_mode
                )?;
                for l in &plan.explain {
                    writeln!(plan_report, "{l}")?;
                }
                writeln!(plan_report, "```")?;
                notes.push(format!(
                    "PostGIS: the points loaded along a Hilbert curve (so the table's rows lie as the points do) in {:.1} s, \
                     then the GiST index built, `VACUUM (ANALYZE)`, table and index prewarmed; the query prepared once, \
                     `LIMIT {}` written into it, run with `plan_cache_mode = {}`{}.",
                    load.as_secs_f64(),
                    o.k,
                    plan.cache_mode,
                    if plan.knn_index_scan { " (the plan checked: a KNN scan of the GiST index)" } else { "" }
                ));
                for &(lat, lon) in queries.iter().take(1000) {
                    pg.nearest(lat, lon).await?;
                }
                let mut times = Vec::with_capacity(queries.len());
                let mut answers = Vec::with_capacity(checked);
                for (i, &(lat, lon)) in queries.iter().enumerate() {
                    let t = Instant::now();
                    let found = pg.nearest(lat, lon).await?;
                    times.push(t.elapsed());
                    if i < checked {
                        answers.push(found.iter().map(|f| f.0).collect());
                    }
                }
                let mut floor = Vec::new();
                for _ in 0..1000 {
                    let t = Instant::now();
                    pg.round_trip().await?;
                    floor.push(t.elapsed());
                }
                pg.close().await;
                series.push(Series {
                    name: "PostGIS (`ORDER BY geog <-> point LIMIT k` on a GiST index)".into(),
                    engine: "postgis",
                    build: Some(build),
                    times: sorted(times),
                    floor: Some(percentile(&sorted(floor), 0.5)),
                    answers,
                });
            }
        }
        scratch.release(&pg_url).await;
    }

    let base = series[0].median().as_secs_f64();
    println!(
        "\n### {} places, nearest-{} from {} positions, one query at a time\n",
        o.places, o.k, o.queries
    );
    println!(
        "| index | build | median µs | p99 µs | median ÷ Kizuna's | round trip alone (median µs) | same {} nearest as Kizuna |",
        o.k
    );
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for s in &series {
        println!(
            "| {} | {} | {} | {} | {:.0}× | {} | {} of {} |",
            s.name,
            s.build.map(|b| format!("{:.2} s", b.as_secs_f64())).unwrap_or_default(),
            us(s.median()),
            us(percentile(&s.times, 0.99)),
            s.median().as_secs_f64() / base,
            s.floor.map(us).unwrap_or_else(|| "—".into()),
            agreement(&series[0].answers, &s.answers),
            series[0].answers.len(),
        );
    }
    println!(
        "| Kizuna, with each search result built (`PlaceIndex::nearest`: place, open now, certificate) | | {} | {} | {:.1}× | — | |",
        us(percentile(&with_hits, 0.5)),
        us(percentile(&with_hits, 0.99)),
        percentile(&with_hits, 0.5).as_secs_f64() / base
    );
    println!(
        "| Kizuna, filtered (restaurant, certified) | | {} | {} | {:.1}× | — | |",
        us(percentile(&filtered, 0.5)),
        us(percentile(&filtered, 0.99)),
        percentile(&filtered, 0.5).as_secs_f64() / base
    );
    let size = o.places as u64;
    let micros = |d: Duration| d.as_secs_f64() * 1e6;
    for s in &series {
        if let Some(b) = s.build {
            record(&Measure::new("places", size, s.engine, "build", b.as_secs_f64(), "s"));
        }
        record(&Measure::new(
            "places",
            size,
            s.engine,
            "median",
            micros(s.median()),
            "µs",
        ));
        record(&Measure::new(
            "places",
            size,
            s.engine,
            "p99",
            micros(percentile(&s.times, 0.99)),
            "µs",
        ));
    }
    for (engine, times) in [("kizuna-hits", &with_hits), ("kizuna-filtered", &filtered)] {
        record(&Measure::new(
            "places",
            size,
            engine,
            "median",
            micros(percentile(times, 0.5)),
            "µs",
        ));
        record(&Measure::new(
            "places",
            size,
            engine,
            "p99",
            micros(percentile(times, 0.99)),
            "µs",
        ));
    }
    if !postgis_note.is_empty() {
        println!("\nPostGIS: {postgis_note}");
    }
    for n in &notes {
        println!("\n{n}");
    }
    print!("{plan_report}");
    println!("\n{}", load.line());

    if let Some(report) = http_report {
        print!("{report}");
    }
    Ok(())
}

/// One way of asking over HTTP, measured with the same client.
struct HttpRun {
    server: &'static str,
    engine: &'static str,
    request: String,
    elapsed: Duration,
    times: Vec<Duration>,
    body_bytes: usize,
}

/// What the clients send and how.
#[derive(Clone)]
struct Ask {
    addr: std::net::SocketAddr,
    /// The query after `k=…`, e.g. `&fields=id,name`.
    extra: &'static str,
    gzip: bool,
    k: usize,
    connections: usize,
    per_connection: usize,
}

fn nearest_request(lat: f64, lon: f64, ask: &Ask) -> String {
    format!(
        "GET /api/v1/places/nearest?lat={lat:.6}&lon={lon:.6}&k={}{} HTTP/1.1\r\nHost: bench\r\n{}\r\n",
        ask.k,
        ask.extra,
        if ask.gzip { "Accept-Encoding: gzip\r\n" } else { "" }
    )
}

/// `connections` keep-alive clients sending requests back to back, on a
/// runtime of their own on a thread of their own, as another program
/// would; 5 warm-up requests each. The time of each request and the body
/// bytes received.
fn load(ask: Ask, queries: Arc<Vec<(f64, f64)>>) -> anyhow::Result<(Duration, Vec<Duration>, usize)> {
    std::thread::spawn(move || -> anyhow::Result<(Duration, Vec<Duration>, usize)> {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
        rt.block_on(async move {
            let started = Instant::now();
            let mut tasks = Vec::new();
            for c in 0..ask.connections {
                let qs = queries.clone();
                let ask = ask.clone();
                tasks.push(tokio::spawn(async move {
                    let mut s = tokio::net::TcpStream::connect(ask.addr).await?;
                    s.set_nodelay(true)?;
                    let n = ask.per_connection;
                    let mut times = Vec::with_capacity(n);
                    let mut buf = Vec::with_capacity(64 * 1024);
                    let mut bytes = 0;
                    for i in 0..n + 5 {
                        let (lat, lon) = qs[(c * n + i) % qs.len()];
                        let req = nearest_request(lat, lon, &ask);
                        let t = Instant::now();
                        s.write_all(req.as_bytes()).await?;
                        let r = read_message(&mut s, &mut buf, None).await?;
                        if r.status != 200 {
                            bail!("the server answered {}", r.status);
                        }
                        if i >= 5 {
                            times.push(t.elapsed());
                            bytes += r.body_len;
                        }
                    }
                    anyhow::Ok((times, bytes))
                }));
            }
            let mut all = Vec::new();
            let mut bytes = 0;
            for t in tasks {
                let (times, b) = t.await??;
                all.extend(times);
                bytes += b;
            }
            Ok((started.elapsed(), all, bytes))
        })
    })
    .join()
    .map_err(|_| anyhow::anyhow!("the HTTP clients panicked"))?
}

/// One response's body (de-chunked), its status and its head.
async fn fetch(addr: std::net::SocketAddr, req: &str) -> anyhow::Result<(u16, String, Vec<u8>)> {
    let mut s = tokio::net::TcpStream::connect(addr).await?;
    s.write_all(req.as_bytes()).await?;
    let mut buf = Vec::new();
    let mut body = Vec::new();
    let r = read_message(&mut s, &mut buf, Some(&mut body)).await?;
    Ok((r.status, r.head, body))
}

/// Nearest-k over HTTP: the real router on a loopback port beside the
/// minimal axum + rstar server ([`crate::minimal_map`]) holding the same
/// places, asked the same positions by the same client; Kizuna also with
/// gzip and with a compact `fields=` selection. The two must answer the
/// same bytes (checked on the first 200 positions).
async fn http(
    o: &Options,
    scratch: &mut Scratch,
    inputs: &[kizuna_domain::map::place::PlaceInput],
    queries: &[(f64, f64)],
) -> anyhow::Result<String> {
    eprintln!("writing {} places to a fresh SQLite store…", inputs.len());
    let url = scratch.fresh(Backend::Sqlite).await?;
    let app = App::new(Store::open(&url).await?);
    let t = Instant::now();
    for chunk in inputs.chunks(100_000) {
        app.store.upsert_places(app.office_id(), chunk).await?;
    }
    let write = t.elapsed();
    let t = Instant::now();
    let ix = app.place_index().await?;
    let load_time = t.elapsed();
    eprintln!(
        "stored in {:.1} s; index loaded from the store and built in {:.2} s ({} places)",
        write.as_secs_f64(),
        load_time.as_secs_f64(),
        ix.len()
    );
    drop(ix);
    // The minimal server's places: the same rows, read back from the store.
    let (today, now) = (app.today(), app.now());
    let stored = app.store.all_places().await?;
    let t = Instant::now();
    let minimal = Arc::new(tokio::task::spawn_blocking(move || MinimalMap::build(stored, today, now)).await??);
    let minimal_build = t.elapsed();
    eprintln!(
        "minimal server: {} places written as JSON and their tree built in {:.2} s",
        minimal.len(),
        minimal_build.as_secs_f64()
    );

    let app = Arc::new(app);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let kizuna_addr = listener.local_addr()?;
    let kizuna_server = tokio::spawn(async move {
        let _ = axum::serve(listener, kizuna_web::router(app)).await;
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let minimal_addr = listener.local_addr()?;
    let minimal_router = crate::minimal_map::router(minimal.clone());
    let minimal_server = tokio::spawn(async move {
        let _ = axum::serve(listener, minimal_router).await;
    });

    let ask = |addr, extra, gzip| Ask {
        addr,
        extra,
        gzip,
        k: o.k,
        connections: o.connections,
        per_connection: o.http_requests.div_ceil(o.connections),
    };
    // The same bytes: Kizuna's answers beside the minimal server's, and
    // Kizuna's gzip decoding to its plain answer.
    let checked = queries.len().min(200);
    let mut same = 0;
    let mut first_difference = None;
    for &(lat, lon) in &queries[..checked] {
        let (status, _, kizuna) = fetch(kizuna_addr, &nearest_request(lat, lon, &ask(kizuna_addr, "", false))).await?;
        if status != 200 {
            bail!("Kizuna answered {status} to nearest-{} at {lat},{lon}", o.k);
        }
        let (status, _, theirs) =
            fetch(minimal_addr, &nearest_request(lat, lon, &ask(minimal_addr, "", false))).await?;
        if status != 200 {
            bail!("the minimal server answered {status}");
        }
        if kizuna == theirs {
            same += 1;
        } else if first_difference.is_none() {
            let at = kizuna.iter().zip(&theirs).position(|(a, b)| a != b).unwrap_or(0);
            let show =
                |b: &[u8]| String::from_utf8_lossy(&b[at.saturating_sub(80)..(at + 80).min(b.len())]).into_owned();
            first_difference = Some(format!(
                "at {lat},{lon}, byte {at}: Kizuna …{}… minimal …{}…",
                show(&kizuna),
                show(&theirs)
            ));
        }
    }
    if same * 10 < checked * 9 {
        bail!(
            "the minimal server answered other bytes than Kizuna for {} of {checked} positions (first: {})",
            checked - same,
            first_difference.unwrap_or_default()
        );
    }
    let (lat, lon) = queries[0];
    let (_, plain_head, plain) = fetch(kizuna_addr, &nearest_request(lat, lon, &ask(kizuna_addr, "", false))).await?;
    let (_, gzip_head, gzipped) = fetch(kizuna_addr, &nearest_request(lat, lon, &ask(kizuna_addr, "", true))).await?;
    if !gzip_head.contains("content-encoding: gzip") {
        bail!("Kizuna did not compress its answer for a client that accepts gzip:\n{gzip_head}");
    }
    if plain_head.contains("content-encoding") {
        bail!("Kizuna compressed its answer for a client that did not ask for it");
    }
    let mut unzipped = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gzipped[..]), &mut unzipped)?;
    if unzipped != plain {
        bail!("Kizuna's gzip answer does not decode to its plain answer");
    }

    let qs: Arc<Vec<(f64, f64)>> = Arc::new(queries.to_vec());
    const COMPACT: &str = "&fields=id,name,lat,lon,category";
    let plan: [(&str, &str, std::net::SocketAddr, &'static str, bool, &str); 5] = [
        ("Kizuna", "kizuna", kizuna_addr, "", false, "JSON"),
        (
            "minimal axum + rstar",
            "minimal-axum-rstar",
            minimal_addr,
            "",
            false,
            "JSON, the same bytes",
        ),
        (
            "Kizuna",
            "kizuna-gzip",
            kizuna_addr,
            "",
            true,
            "JSON, `Accept-Encoding: gzip`",
        ),
        (
            "Kizuna",
            "kizuna-fields",
            kizuna_addr,
            COMPACT,
            false,
            "`fields=id,name,lat,lon,category`",
        ),
        (
            "Kizuna",
            "kizuna-fields-gzip",
            kizuna_addr,
            COMPACT,
            true,
            "`fields=…`, gzip",
        ),
    ];
    let mut runs = Vec::new();
    for (server, engine, addr, extra, gzip, request) in plan {
        eprintln!("HTTP: {server}, {request}…");
        let (elapsed, mut times, body_bytes) = load(ask(addr, extra, gzip), qs.clone())?;
        times.sort();
        runs.push(HttpRun {
            server,
            engine,
            request: request.to_owned(),
            elapsed,
            times,
            body_bytes,
        });
    }
    kizuna_server.abort();
    minimal_server.abort();
    drop(minimal);

    let mut out = String::new();
    writeln!(
        out,
        "\n### HTTP: `GET /api/v1/places/nearest?k={}`, {} keep-alive connections, {} requests each way\n",
        o.k,
        o.connections,
        runs.first().map_or(0, |r| r.times.len())
    )?;
    writeln!(
        out,
        "| server | answer | requests/s | median ms | p95 ms | p99 ms | max ms | mean body bytes | requests/s ÷ minimal's |"
    )?;
    writeln!(out, "|---|---|---:|---:|---:|---:|---:|---:|---:|")?;
    let minimal_rate = runs
        .iter()
        .find(|r| r.engine == "minimal-axum-rstar")
        .map_or(1.0, |r| r.times.len() as f64 / r.elapsed.as_secs_f64());
    let size = o.places as u64;
    for r in &runs {
        let rate = r.times.len() as f64 / r.elapsed.as_secs_f64();
        let body = r.body_bytes / r.times.len().max(1);
        writeln!(
            out,
            "| {} | {} | {:.0} | {} | {} | {} | {} | {} | {:.2} |",
            r.server,
            r.request,
            rate,
            ms(percentile(&r.times, 0.5)),
            ms(percentile(&r.times, 0.95)),
            ms(percentile(&r.times, 0.99)),
            ms(percentile(&r.times, 1.0)),
            body,
            rate / minimal_rate
        )?;
        let ms_of = |d: Duration| d.as_secs_f64() * 1e3;
        record(&Measure::new(
            "places-http",
            size,
            r.engine,
            "throughput",
            rate,
            "req/s",
        ));
        record(&Measure::new(
            "places-http",
            size,
            r.engine,
            "median",
            ms_of(percentile(&r.times, 0.5)),
            "ms",
        ));
        record(&Measure::new(
            "places-http",
            size,
            r.engine,
            "p99",
            ms_of(percentile(&r.times, 0.99)),
            "ms",
        ));
        record(&Measure::new("places-http", size, r.engine, "body", body as f64, "B"));
    }
    writeln!(
        out,
        "\nThe same bytes: Kizuna's body and the minimal server's were identical for {same} of the first {checked} positions{}; \
         Kizuna's gzip answer decodes to its plain one ({} bytes as gzip, {} plain).",
        first_difference
            .map(|d| format!(" (first difference {d})"))
            .unwrap_or_default(),
        gzipped.len(),
        plain.len()
    )?;
    writeln!(
        out,
        "\nStore: {} places written to SQLite in {:.1} s; Kizuna's index loaded from it and built in {:.2} s; \
         the minimal server's JSON and tree built in {:.2} s. Both servers in this process under `axum::serve`, \
         the clients on a thread and runtime of their own.",
        inputs.len(),
        write.as_secs_f64(),
        load_time.as_secs_f64(),
        minimal_build.as_secs_f64()
    )?;
    scratch.release(&url).await;
    Ok(out)
}

/// What [`read_message`] read.
pub(crate) struct Message {
    pub status: u16,
    /// The status line and headers, lower-cased.
    pub head: String,
    /// Head and body as sent (chunk framing included).
    pub wire_len: usize,
    /// The body's bytes (de-chunked).
    pub body_len: usize,
}

/// Read one HTTP/1.1 response, with a Content-Length body or a chunked
/// one. Reads go straight into `buf`'s spare room: a chunk array on the
/// stack, held across the awaits, would make every client task's future
/// 16 KiB. The body is copied into `body` when one is given.
pub(crate) async fn read_message(
    s: &mut tokio::net::TcpStream,
    buf: &mut Vec<u8>,
    mut body: Option<&mut Vec<u8>>,
) -> anyhow::Result<Message> {
    async fn more(s: &mut tokio::net::TcpStream, buf: &mut Vec<u8>, what: &str) -> anyhow::Result<()> {
        buf.reserve(16 * 1024);
        if s.read_buf(buf).await? == 0 {
            bail!("the server closed the connection {what}");
        }
        Ok(())
    }
    buf.clear();
    let head_end = loop {
        if let Some(p) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break p + 4;
        }
        more(s, buf, "before its answer").await?;
    };
    let head = std::str::from_utf8(&buf[..head_end])?.to_ascii_lowercase();
    let status: u16 = head
        .strip_prefix("http/1.1 ")
        .and_then(|r| r.get(..3))
        .context("not an HTTP/1.1 response")?
        .parse()?;
    let header = |name: &str| {
        head.lines()
            .find_map(|l| l.strip_prefix(name).and_then(|r| r.strip_prefix(':')))
            .map(str::trim)
    };
    if let Some(len) = header("content-length") {
        let len: usize = len.parse()?;
        while buf.len() < head_end + len {
            buf.reserve(head_end + len - buf.len());
            more(s, buf, "mid-body").await?;
        }
        if let Some(b) = body {
            b.clear();
            b.extend_from_slice(&buf[head_end..head_end + len]);
        }
        return Ok(Message {
            status,
            wire_len: head_end + len,
            body_len: len,
            head,
        });
    }
    if header("transfer-encoding") != Some("chunked") {
        bail!("neither content-length nor chunked:\n{head}");
    }
    if let Some(b) = body.as_deref_mut() {
        b.clear();
    }
    let (mut at, mut body_len) = (head_end, 0);
    loop {
        let line_end = loop {
            if let Some(p) = buf[at..].windows(2).position(|w| w == b"\r\n") {
                break at + p;
            }
            more(s, buf, "mid-chunk").await?;
        };
        let size_text = std::str::from_utf8(&buf[at..line_end])?;
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .with_context(|| format!("a chunk size of {size_text:?}"))?;
        at = line_end + 2;
        // The chunk and its CRLF (the last, empty one: just the CRLF; no trailers are sent).
        while buf.len() < at + size + 2 {
            more(s, buf, "mid-chunk").await?;
        }
        if let Some(b) = body.as_deref_mut() {
            b.extend_from_slice(&buf[at..at + size]);
        }
        body_len += size;
        at += size + 2;
        if size == 0 {
            break;
        }
    }
    Ok(Message {
        status,
        wire_len: at,
        body_len,
        head,
    })
}

/// Read one HTTP/1.1 response, whatever its status: the status and the
/// response's size in bytes (head and body; `buf` holds them afterwards).
pub(crate) async fn read_any_response(
    s: &mut tokio::net::TcpStream,
    buf: &mut Vec<u8>,
) -> anyhow::Result<(u16, usize)> {
    let m = read_message(s, buf, None).await?;
    Ok((m.status, m.wire_len))
}
