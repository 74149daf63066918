//! `kizuna serve` and `kizuna demo`.
//!
//! The server loop is hyper's HTTP/1 connection, driven here rather than
//! through `axum::serve`, for what that does not offer: a header-read
//! timeout (a client that sends half a request is cut off, so a crowd of
//! them cannot hold the server), a limit on open connections (past it a
//! new connection is closed at once), a time limit on each request, and a
//! graceful stop on SIGTERM as on Ctrl-C (no new connections; requests in
//! flight finish). Each request carries its peer address as axum's
//! `ConnectInfo`, as `into_make_service_with_connect_info` would give it.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use kizuna_app::App;

use super::open;

/// What `kizuna serve` is told.
pub struct ServeOptions {
    pub addr: SocketAddr,
    pub demo: bool,
    pub secure_cookies: bool,
    /// The street basemap file (`--basemap`).
    pub basemap: Option<std::path::PathBuf>,
    pub tile_url: String,
    pub tile_attribution: Option<String>,
    /// Reverse proxies whose X-Forwarded-For is believed.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    pub limits: Limits,
    /// The search index's directory (`--index-dir`); by default beside a
    /// SQLite database, in memory for PostgreSQL.
    pub index_dir: Option<std::path::PathBuf>,
    /// A streaming replica for reads that may lag (`--read-database-url`).
    pub read_database_url: Option<String>,
}

/// The server's time and connection limits (`kizuna serve --help`).
#[derive(clap::Args, Debug, Clone)]
pub struct Limits {
    /// Seconds a client has to send a request's line and headers; a client
    /// that sends part of them and stops is disconnected.
    #[arg(long, env = "KIZUNA_HEADER_TIMEOUT", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub header_timeout: u64,
    /// Seconds a request may take, from its headers to its answer (503 past
    /// it); imports (/api/v1/imports/…, the console's import pages) get
    /// --import-timeout instead.
    #[arg(long, env = "KIZUNA_REQUEST_TIMEOUT", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub request_timeout: u64,
    /// Seconds an import request may take (a 20 MB file over a slow link).
    #[arg(long, env = "KIZUNA_IMPORT_TIMEOUT", default_value_t = 300, value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub import_timeout: u64,
    /// Open connections at most; past it a new connection is closed at
    /// once. Keep it below the open-file limit (ulimit -n).
    #[arg(long, env = "KIZUNA_MAX_CONNECTIONS", default_value_t = 4096, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    pub max_connections: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            header_timeout: 10,
            request_timeout: 60,
            import_timeout: 300,
            max_connections: 4096,
        }
    }
}

/// `kizuna serve`: the web pages and the JSON API until Ctrl-C.
pub async fn serve(database_url: &str, o: ServeOptions) -> anyhow::Result<()> {
    let ServeOptions {
        addr,
        demo,
        secure_cookies,
        basemap,
        tile_url,
        tile_attribution,
        trusted_proxies,
        limits,
        index_dir,
        read_database_url,
    } = o;
    let read_database_url = read_database_url.filter(|u| !u.trim().is_empty());
    if read_database_url.is_some() && database_url.starts_with("sqlite:") {
        anyhow::bail!(
            "--read-database-url: a replica needs a PostgreSQL primary (--database-url postgres://…); \
             a SQLite database is served by one server"
        );
    }
    let tiles = kizuna_web::TileServer::parse(&tile_url, tile_attribution.as_deref())
        .map_err(|e| anyhow::anyhow!("--tile-url: {e}"))?;
    let basemap = match basemap {
        Some(path) => Some(Arc::new(
            kizuna_app::map::basemap::Basemap::open(&path)
                .await
                .map_err(|e| anyhow::anyhow!("--basemap: {e}"))?,
        )),
        None => None,
    };
    // The address first: a busy port is told before any store is made.
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
        let why = match e.kind() {
            std::io::ErrorKind::AddrInUse => {
                "the port is in use by another program (is Kizuna already running?); choose another with --addr"
                    .to_owned()
            }
            std::io::ErrorKind::PermissionDenied => {
                "permission denied (ports below 1024 need privileges); choose another with --addr".to_owned()
            }
            std::io::ErrorKind::AddrNotAvailable => {
                "this machine has no such address; use 127.0.0.1 or 0.0.0.0 with --addr".to_owned()
            }
            _ => e.to_string(),
        };
        anyhow::anyhow!("cannot listen on {addr}: {why}")
    })?;
    let app = open(database_url).await?;
    if demo {
        announce_demo_admin(&app).await?;
        let s = app.load_demo().await?;
        announce_demo_volunteer(&app).await?;
        if !s.already_loaded {
            tracing::info!(
                people = s.people_created,
                editions = s.editions_created,
                "demo data loaded"
            );
        }
    }
    let app = Arc::new(app);
    // The map's index loads in the background; searches read the store meanwhile.
    app.start_place_index_load();
    start_place_sort_build(&app);
    // The replica's application keeps its own map index, read from the
    // replica: the one anonymous visitors' map is answered from.
    let reader = match &read_database_url {
        Some(url) => {
            let reader = Arc::new(super::open_reader(url).await?);
            reader.start_place_index_load();
            Some(reader)
        }
        None => None,
    };
    let search = open_search(&app, database_url, index_dir).await?;
    let keep_up = follow_changes(app.clone(), reader.clone(), search.clone());
    eprintln!(
        "Kizuna is serving http://{} (API under /api/v1, OpenAPI at /api/openapi.json)",
        listener.local_addr()?
    );
    let web = kizuna_web::WebOptions {
        secure_cookies,
        tiles,
        basemap,
        trusted_proxies,
        search: Some(kizuna_web::SharedSearch(search)),
    };
    let router = match &reader {
        Some(reader) => kizuna_web::replica::router_with_replica(app.clone(), reader.clone(), web),
        None => kizuna_web::router_with_options(app.clone(), web),
    };
    run(listener, router, &limits, shutdown_signal()).await?;
    keep_up.abort();
    app.store.close().await;
    if let Some(reader) = reader {
        reader.store.close().await;
    }

    Ok(())
}

/// How often a server's search index catches up with the change feed when
/// it is not told of writes (SQLite: the command line writing beside the
/// server).
const SEARCH_CATCH_UP: Duration = Duration::from_secs(3);
/// How often it catches up even though it is told of every write
/// (PostgreSQL), should a notification be lost some other way.
const SEARCH_CATCH_UP_NOTIFIED: Duration = Duration::from_secs(30);

/// Keep the server's in-memory indexes in step with writes made anywhere.
/// On PostgreSQL the store hears every committed write (LISTEN/NOTIFY, see
/// kizuna-store's `notify.rs`): the search index catches up at once, and
/// the map's index (the primary's, and the replica's application's, which
/// reads its version from the replica) is brought up to date on a task of
/// its own; after the listening connection was lost and made again, both
/// catch up whatever they missed. On SQLite, and as a safety net, the
/// search index also catches up on a timer.
fn follow_changes(
    app: Arc<App>,
    reader: Option<Arc<App>>,
    search: Arc<kizuna_app::search::Search>,
) -> tokio::task::JoinHandle<()> {
    use kizuna_domain::System;
    use kizuna_store::notify::Notice;
    let places = Arc::new(tokio::sync::Notify::new());
    let place_task = {
        let (places, app, reader) = (places.clone(), app.clone(), reader.clone());
        tokio::spawn(async move {
            loop {
                // Notices that arrive meanwhile leave one permit: one more round.
                places.notified().await;
                // The primary's index and the replica's side by side.
                let wake = |a: Arc<App>| async move {
                    if let Err(e) = a.places_changed_elsewhere().await {
                        tracing::warn!(error = %e, "the map's index could not catch up; it will on the next request");
                    }
                };
                match &reader {
                    Some(r) => {
                        tokio::join!(wake(app.clone()), wake(r.clone()));
                    }
                    None => wake(app.clone()).await,
                }
            }
        })
    };
    let mut notices = app.store.follow_changes();
    let every = if notices.is_some() {
        SEARCH_CATCH_UP_NOTIFIED
    } else {
        SEARCH_CATCH_UP
    };
    tokio::spawn(async move {
        let _place_task = AbortOnDrop(place_task);
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            let notice = match notices.as_mut() {
                Some(rx) => tokio::select! {
                    n = rx.recv() => match n {
                        Some(n) => Some(n),
                        None => {
                            // No longer listening (the store is closing): the timer alone.
                            notices = None;
                            tick = tokio::time::interval(SEARCH_CATCH_UP);
                            continue;
                        }
                    },
                    _ = tick.tick() => None,
                },
                None => {
                    tick.tick().await;
                    None
                }
            };
            // Everything heard so far is handled in one round.
            let mut heard: Vec<Notice> = notice.into_iter().collect();
            if let Some(rx) = notices.as_mut() {
                while let Ok(n) = rx.try_recv() {
                    heard.push(n);
                }
            }
            let map = heard.iter().any(|n| {
                matches!(
                    n,
                    Notice::Listening
                        | Notice::Changed {
                            system: System::Map,
                            ..
                        }
                )
            });
            if map {
                places.notify_one();
            }
            if let Err(e) = search.keep_up(&app).await {
                tracing::warn!(error = %e, "the search index could not catch up; trying again");
            }
        }
    })
}

/// A task aborted when this is dropped (with the task that holds it).
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Make the places' name sort keys in the background when a store has
/// places without them (a store upgraded to migration 29, or new
/// collation data): the lists sort the slower way until they are made.
/// A small store had them made when it was opened.
fn start_place_sort_build(app: &App) {
    let store = app.store.clone();
    tokio::spawn(async move {
        match store.place_sort_ready().await {
            Ok(true) => {}
            Ok(false) => {
                eprintln!(
                    "the places' name order is being made in the background; place lists sort more slowly until then"
                );
                let started = std::time::Instant::now();
                match store.build_place_sort_keys().await {
                    Ok(n) => eprintln!(
                        "the places' name order is made ({n} places in {:.1} s)",
                        started.elapsed().as_secs_f64()
                    ),
                    Err(e) => {
                        tracing::warn!(error = %e, "the places' name order could not be made; lists sort in memory");
                    }
                }
            }
            Err(e) => tracing::warn!(error = %e, "the places' name order could not be checked"),
        }
    });
}

/// The server's search index: in `--index-dir`, else beside a SQLite
/// database (shared with `kizuna reindex` and `kizuna search`), else (a
/// PostgreSQL server without a directory) in memory. A directory another
/// process holds is said, and the index is kept in memory instead. Opened
/// at once; built or caught up in the background (searches meanwhile find
/// the records indexed so far, and say so), going on from where a build
/// stopped.
async fn open_search(
    app: &App,
    database_url: &str,
    index_dir: Option<std::path::PathBuf>,
) -> anyhow::Result<Arc<kizuna_app::search::Search>> {
    use kizuna_app::search::{Search, default_dir};
    let sqlite = database_url.starts_with("sqlite:") && !database_url.contains(":memory:");
    let dir = index_dir.or_else(|| sqlite.then(|| default_dir(database_url)));
    let search = match dir {
        Some(dir) => match Search::start(app, Some(&dir)).await {
            Ok(s) => s,
            Err(e) => {
                eprintln!(
                    "the search index in {} cannot be used ({e}); searching from an index in memory instead",
                    dir.display()
                );
                Search::start(app, None).await?
            }
        },
        None => Search::start(app, None).await?,
    };
    if let Some(b) = search.building() {
        eprintln!(
            "the search index is being built in the background ({} of {} records so far); \
             searches find the records indexed so far meanwhile",
            b.indexed, b.total
        );
    }
    Ok(search)
}

/// Ctrl-C or SIGTERM, whichever comes first.
async fn shutdown_signal() {
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            // No SIGTERM handler to be had: Ctrl-C alone stops the server.
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        () = terminate => {}
    }
    eprintln!("Kizuna is stopping: no new connections; finishing requests in flight");
}

/// Whether a path is an import's, which gets the longer time limit.
fn is_import(path: &str) -> bool {
    path.starts_with("/api/v1/imports/") || path == "/console/import" || path == "/console/places/import"
}

/// Answer within the request's time limit, or 503 saying which limit.
async fn within_time(
    limits: (Duration, Duration),
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let path = req.uri().path().to_owned();
    let limit = if is_import(&path) { limits.1 } else { limits.0 };
    if let Ok(r) = tokio::time::timeout(limit, next.run(req)).await {
        return r;
    }
    let message = format!(
        "the request took longer than {} s, the most the server gives one",
        limit.as_secs()
    );
    let body = if path.starts_with("/api/") {
        serde_json::json!({"error": {"code": "timeout", "message": message}}).to_string()
    } else {
        message
    };
    let ct = if path.starts_with("/api/") {
        "application/json"
    } else {
        "text/plain; charset=utf-8"
    };
    (StatusCode::SERVICE_UNAVAILABLE, [(header::CONTENT_TYPE, ct)], body).into_response()
}

/// One open connection counted against the limit, until dropped.
struct Slot(Arc<AtomicUsize>);

impl Slot {
    fn take(open: &Arc<AtomicUsize>, max: usize) -> Option<Slot> {
        if open.fetch_add(1, Ordering::AcqRel) >= max {
            open.fetch_sub(1, Ordering::AcqRel);
            return None;
        }
        Some(Slot(open.clone()))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Serve `router` on `listener` under `limits` until `shutdown`, then let
/// requests in flight finish (for at most the request time limit).
pub async fn run(
    listener: tokio::net::TcpListener,
    router: axum::Router,
    limits: &Limits,
    shutdown: impl std::future::Future<Output = ()>,
) -> anyhow::Result<()> {
    let request_limit = Duration::from_secs(limits.request_timeout);
    let times = (request_limit, Duration::from_secs(limits.import_timeout));
    let router = router.layer(axum::middleware::from_fn(move |req, next| {
        within_time(times, req, next)
    }));
    let header_timeout = Duration::from_secs(limits.header_timeout);
    let max = usize::try_from(limits.max_connections).unwrap_or(usize::MAX);
    let open = Arc::new(AtomicUsize::new(0));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut refused_logged = false;
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of file descriptors, say: wait a moment rather than spin.
                    tracing::warn!(error = %e, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Some(slot) = Slot::take(&open, max) else {
            if !refused_logged {
                tracing::warn!(max, "connection limit reached: closing new connections until some end");
                refused_logged = true;
            }
            drop(stream);
            continue;
        };
        refused_logged = false;
        let router = router.clone();
        let service = hyper::service::service_fn(move |mut req: hyper::Request<hyper::body::Incoming>| {
            // The peer address, as axum's ConnectInfo extractor reads it.
            req.extensions_mut().insert(ConnectInfo(peer));
            tower::ServiceExt::oneshot(router.clone(), req)
        });
        let conn = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(header_timeout)
            .serve_connection(TokioIo::new(stream), service);
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            // A client that stops mid-request or breaks the protocol ends its own connection only.
            let _ = conn.await;
            drop(slot);
        });
    }
    drop(listener);
    if tokio::time::timeout(request_limit, graceful.shutdown()).await.is_err() {
        tracing::warn!("requests still running after the request time limit were cut off");
    }
    Ok(())
}

/// `kizuna demo`: load the demo dataset (idempotent).
pub async fn demo(database_url: &str) -> anyhow::Result<()> {
    let app = open(database_url).await?;
    announce_demo_admin(&app).await?;
    let s = app.load_demo().await?;
    announce_demo_volunteer(&app).await?;
    if s.already_loaded {
        eprintln!("the demo data is already loaded; nothing was added");
    } else {
        eprintln!(
            "demo data loaded: {} people, {} course editions (every person is fictional)",
            s.people_created, s.editions_created
        );
    }
    app.store.close().await;

    Ok(())
}

/// Create the demo volunteer's account (the FFT volunteer of Akan) the
/// first time, and print its password once.
async fn announce_demo_volunteer(app: &App) -> anyhow::Result<()> {
    if let Some((email, password)) = app.ensure_demo_volunteer().await? {
        eprintln!("demo volunteer: {email}  password: {password}  (shown only this once)");
    }
    Ok(())
}

/// Create the demo's administrator the first time, and print its password once.
async fn announce_demo_admin(app: &App) -> anyhow::Result<()> {
    if let Some((email, password)) = app.ensure_demo_admin().await? {
        eprintln!("demo administrator: {email}  password: {password}  (shown only this once)");
    }
    Ok(())
}
