//! `kizuna bench pages`: server-side render times of the busiest pages on a
//! large store, measured through the real router (no network), so the
//! figures are Kizuna's own work: queries, counting and templates.
//!
//! Its store, the demo plus N synthetic trainees, is also the annual
//! report's ([`trainee_store`]): seeded once per size in a `kizuna bench
//! all` run and copied for each, since seeding it is most of either
//! benchmark's time at 10⁵ and 10⁶ trainees and none of what they measure.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use kizuna_app::App;
use kizuna_domain::common::account::Role;
use kizuna_store::{Backend, Store};
use tower::ServiceExt;

use crate::{LoadWatch, Scratch};

/// Trainees written per call of the store's bulk insert (one transaction
/// each; the store analyses its tables after each, so few large calls).
const SEED_BATCH: usize = 50_000;

/// Add `n` fictional trainees to the demo's general-course editions: the
/// rows of [`crate::data::seed_trainees`], written through the same
/// [`kizuna_store::Store::insert_trainees`] (kept counts, change feed and
/// audit as an import writes them) in larger transactions. Returns how
/// many were added.
pub async fn seed_trainees(app: &App, n: usize) -> anyhow::Result<usize> {
    Ok(crate::data::seed_trainees_in(app, n, SEED_BATCH).await?)
}

/// A scratch database holding the demo plus `trainees` synthetic trainees
/// (held by `scratch`, to be dropped), and how it was made. In a named
/// run (`KIZUNA_TEST_RUN`, which `kizuna bench all` sets) a SQLite store
/// is a copy of the run's template for that size, seeded by the first
/// benchmark that asks; otherwise (and on PostgreSQL, which only the
/// annual report seeds) it is seeded here.
pub async fn trainee_store(
    scratch: &mut Scratch,
    backend: Backend,
    trainees: usize,
) -> anyhow::Result<(String, String)> {
    async fn seed(url: &str, trainees: usize) -> anyhow::Result<()> {
        let app = App::new(Store::open(url).await?);
        let result = async {
            app.load_demo().await?;
            let t = Instant::now();
            // The kept counts paused while the trainees are written, then
            // counted once by the store's own rebuild: its bulk-load path,
            // the same counts (measured at 10,000 trainees on PostgreSQL,
            // debug build: 6.4 s + 2.2 s against 142.5 s with the counts
            // kept row by row; 100,000 on SQLite: 16.8 s + 6.8 s against
            // 91.2 s).
            app.store.pause_trainee_stats(true).await?;
            seed_trainees(&app, trainees).await?;
            let written = t.elapsed();
            let t = Instant::now();
            app.store.rebuild_trainee_stats().await?;
            eprintln!(
                "{trainees} trainees written in {:.1} s, counted by the rebuild in {:.1} s",
                written.as_secs_f64(),
                t.elapsed().as_secs_f64()
            );
            anyhow::Ok(())
        }
        .await;
        app.store.close().await;
        result
    }
    let t = Instant::now();
    if backend == Backend::Sqlite {
        let failed = Arc::new(std::sync::Mutex::new(None::<anyhow::Error>));
        let slot = failed.clone();
        let name = format!("demo_trainees{trainees}");
        let copied = kizuna_testkit::store::from_template(backend, &name, |url: String| async move {
            if let Err(e) = seed(&url, trainees).await
                && let Ok(mut s) = slot.lock()
            {
                *s = Some(e);
            }
        })
        .await?;
        if let Some(url) = copied {
            eprintln!("scratch database: {url}");
            scratch.adopt(url.clone());
            if let Some(e) = failed.lock().ok().and_then(|mut s| s.take()) {
                // Not left for the next benchmark to copy.
                crate::all::drop_template(&name);
                return Err(e.context("seeding the run's template"));
            }
            return Ok((
                url,
                format!("a copy of the run's template ({:.1} s)", t.elapsed().as_secs_f64()),
            ));
        }
    }
    let url = scratch
        .fresh(backend)
        .await
        .context("cannot create the benchmark database")?;
    // PostgreSQL: commits not waited for while seeding (the demo is
    // thousands of small transactions), as they are waited for again
    // before anything is measured.
    let db = url.rsplit('/').next().unwrap_or_default().to_owned();
    if backend == Backend::Postgres {
        set_synchronous_commit(&db, false).await?;
    }
    let seeded = seed(&url, trainees).await;
    if backend == Backend::Postgres {
        set_synchronous_commit(&db, true).await?;
    }
    seeded?;
    Ok((url, format!("seeded in {:.1} s", t.elapsed().as_secs_f64())))
}

/// `synchronous_commit` of a scratch PostgreSQL database for the
/// connections opened after (off while seeding it, back to the server's
/// default before measuring).
async fn set_synchronous_commit(db: &str, on: bool) -> anyhow::Result<()> {
    use sqlx::Connection as _;
    anyhow::ensure!(
        db.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'),
        "an unexpected database name: {db}"
    );
    let mut c = sqlx::PgConnection::connect(&kizuna_testkit::postgres_admin_url()).await?;
    let sql = if on {
        format!("ALTER DATABASE {db} RESET synchronous_commit")
    } else {
        format!("ALTER DATABASE {db} SET synchronous_commit = off")
    };
    sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut c).await?;
    c.close().await?;
    Ok(())
}

/// The `p` quantile (0–1) of sorted durations; zero for none.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

pub async fn pages(trainees: usize, runs: usize, backend: &str) -> anyhow::Result<()> {
    let backend = match backend {
        "sqlite" => Backend::Sqlite,
        "postgres" => Backend::Postgres,
        other => bail!("--backend: {other:?} is not sqlite or postgres"),
    };
    let mut scratch = Scratch::default();
    let result = run(trainees, runs, backend, &mut scratch).await;
    scratch.drop_all().await;
    result
}

async fn run(trainees: usize, runs: usize, backend: Backend, scratch: &mut Scratch) -> anyhow::Result<()> {
    let load = LoadWatch::start();
    let (url, how) = trainee_store(scratch, backend, trainees).await?;
    let app = App::new(Store::open(&url).await?);
    let report = app.trainee_report(&Default::default()).await?;
    eprintln!(
        "{}: {how}: {} trainees from {} countries in the store",
        url.rsplit('/').next().unwrap_or(""),
        report.trainees,
        report.countries
    );
    app.add_user("bench@kizuna.example", Role::Staff, None, Some("benchmark password"))
        .await?;
    let session = app
        .sign_in("bench@kizuna.example", "benchmark password")
        .await?
        .context("sign-in for the benchmark")?;
    let cookie = format!("kizuna_session={}; kizuna_csrf={}", session.token, session.csrf);
    let app = Arc::new(app);
    let router = kizuna_web::router(app.clone());
    // (name, path, cold): a cold render follows a write, so no cached report helps it.
    let pages = [
        ("trainee list, page 1", "/console/trainees", false),
        (
            "trainee list, filtered (FY2007, TH)",
            "/console/trainees?fiscal_year=2007&country=TH",
            false,
        ),
        ("trainee list, page 100", "/console/trainees?offset=4950", false),
        ("statistics (public), after a write", "/statistics", true),
        ("statistics (public), unchanged data", "/statistics", false),
        ("statistics (staff), after a write", "/console/statistics", true),
        ("statistics (staff), unchanged data", "/console/statistics", false),
        ("report JSON (API), after a write", "/api/v1/reports/trainees", true),
    ];
    println!("| page | path | median ms | p95 ms | min ms | bytes |");
    println!("|---|---|---:|---:|---:|---:|");
    for (name, path, cold) in pages {
        let mut times = Vec::with_capacity(runs);
        let mut bytes = 0;
        for i in 0..runs + 3 {
            if cold {
                app.store.touch_system(kizuna_domain::System::Training).await?;
            }
            let req = Request::get(path).header(header::COOKIE, &cookie).body(Body::empty())?;
            let start = Instant::now();
            let resp = router.clone().oneshot(req).await?;
            let status = resp.status();
            let body = axum::body::to_bytes(resp.into_body(), usize::MAX).await?;
            let took = start.elapsed();
            if status != StatusCode::OK {
                bail!(
                    "{path} answered {status}: {}",
                    String::from_utf8_lossy(&body[..body.len().min(300)])
                );
            }
            bytes = body.len();
            if i >= 3 {
                times.push(took);
            }
        }
        times.sort();
        let engine = match backend {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        };
        for (metric, q) in [("median", 0.5), ("p95", 0.95)] {
            crate::record::record(&crate::record::Measure::new(
                "pages",
                trainees as u64,
                engine,
                &format!("{metric} {name}"),
                percentile(&times, q).as_secs_f64() * 1e3,
                "ms",
            ));
        }
        println!(
            "| {name} | `{path}` | {} | {} | {} | {bytes} |",
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.95)),
            ms(times[0])
        );
    }
    println!("\n{}", load.line());
    // Every connection closed before the database is dropped.
    drop(router);
    if let Ok(app) = Arc::try_unwrap(app) {
        app.store.close().await;
    }
    Ok(())
}
