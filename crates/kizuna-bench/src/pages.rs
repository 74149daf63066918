//! `kizuna bench pages`: server-side render times of the busiest pages on a
//! large store, measured through the real router (no network), so the
//! figures are Kizuna's own work: queries, counting and templates.

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
    let url = scratch
        .fresh(backend)
        .await
        .context("cannot create the benchmark database")?;
    let app = App::new(Store::open(&url).await?);
    let t = Instant::now();
    app.load_demo().await?;
    let added = crate::data::seed_trainees(&app, trainees).await?;
    let report = app.trainee_report(&Default::default()).await?;
    eprintln!(
        "seeded {} in {:.1}s: {} trainees from {} countries in the store",
        url.rsplit('/').next().unwrap_or(""),
        t.elapsed().as_secs_f64(),
        report.trainees,
        report.countries
    );
    let _ = added;
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
