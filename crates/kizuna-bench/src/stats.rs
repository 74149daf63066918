//! `kizuna bench stats`: the trainee statistics as of a date over many
//! participations (issue 17 item 4), on SQLite and PostgreSQL, each beside
//! the plain `GROUP BY … COUNT(DISTINCT …)` of the same database and
//! Kizuna's earlier way (every counted participation read and counted in
//! memory), in the same run.
//!
//! The store is loaded in bulk (SQLite: one transaction, journal off;
//! PostgreSQL: `COPY`) with the kept counts paused and the loaded tables'
//! own indexes and triggers set aside until the rows are in (then made
//! again from the store's definitions), then counted by the
//! product's own rebuild ([`Store::rebuild_trainee_stats`]). The plain
//! queries get what an expert would give them: covering indexes on the
//! joined, filtered and grouped columns, `ANALYZE`, prepared statements
//! (sqlx keeps them per connection) and, on PostgreSQL, a `work_mem` large
//! enough to count in memory. Then: the report as of several dates (median
//! and p99), and a write followed by the statistics page through the real
//! router, with the counts kept and, for comparison, paused.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use chrono::{Days, NaiveDate};
use kizuna_app::App;
use kizuna_domain::common::FiscalYear;
use kizuna_domain::common::country::all_countries;
use kizuna_domain::training::participation::{Participation, ParticipationStatus};
use kizuna_domain::training::stats::{TraineeFilter, TraineeReport};
use kizuna_store::{Backend, Store};
use sqlx::Connection;
use tower::ServiceExt;

use crate::pages::percentile;
use crate::record::{Measure, record};
use crate::{LoadWatch, Scratch};

pub struct Options {
    pub participations: usize,
    /// Fewer timed runs.
    pub quick: bool,
    pub postgres: bool,
    /// Also SQLite (off for a PostgreSQL-only run at sizes SQLite was
    /// measured at before).
    pub sqlite: bool,
    /// A store already loaded and counted: time it as it is.
    pub existing: Option<String>,
}

const FIRST_FY: i32 = 1954;
const LAST_FY: i32 = 2025;

/// The dates the report is asked as of: the end of the history, days in
/// its last years (month and fiscal-year edges among them), and older ones.
fn as_of_dates() -> Vec<NaiveDate> {
    [
        (2026, 3, 31),
        (2025, 12, 15),
        (2025, 4, 1),
        (2020, 3, 31),
        (2010, 6, 30),
        (2000, 4, 1),
        (1990, 1, 15),
        (1975, 8, 1),
    ]
    .into_iter()
    .filter_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
    .collect()
}

/// SplitMix64: the same data for the same size, on both databases.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The synthetic history, as rows ready to load.
struct History {
    programmes: usize,
    /// (id, programme, fiscal year, starts on)
    editions: Vec<(i64, i64, i32, NaiveDate)>,
    /// (id, nationality, gender)
    people: Vec<(i64, &'static str, &'static str)>,
    /// (edition, person, role, status)
    participations: Vec<(i64, i64, &'static str, &'static str)>,
}

/// Participations over fiscal years 1954–2025, more each year; about 20
/// per edition; courses that run for about 25 years each; three in ten
/// participations by someone who trained before; nationalities skewed
/// towards a few countries, as the agency's are; most trainees complete.
fn history(n: usize) -> History {
    let mut rng = Rng(2017);
    let years = (LAST_FY - FIRST_FY + 1) as usize;
    let weight_sum: usize = (1..=years).sum();
    let programmes = (n / 5000).max(5);
    let countries: Vec<&'static str> = all_countries()
        .iter()
        .map(|c| c.code.as_str())
        .filter(|c| *c != "JP")
        .collect();
    let mut h = History {
        programmes,
        editions: Vec::new(),
        people: Vec::new(),
        participations: Vec::with_capacity(n),
    };
    let mut made = 0;
    for (i, fy) in (FIRST_FY..=LAST_FY).enumerate() {
        let want = if fy == LAST_FY {
            n - made
        } else {
            n * (i + 1) / weight_sum
        };
        made += want;
        let editions = want.div_ceil(20).max(1);
        let start = FiscalYear::new(fy).map(FiscalYear::first_day).unwrap_or_default();
        let base = i * programmes / years;
        let span = (programmes * 25 / years).max(1);
        for e in 0..editions {
            let id = h.editions.len() as i64 + 1;
            let programme = ((base + rng.below(span as u64) as usize) % programmes) as i64 + 1;
            let starts_on = start.checked_add_days(Days::new(rng.below(365))).unwrap_or(start);
            h.editions.push((id, programme, fy, starts_on));
            // Earlier people only, each once, so nobody is twice in one edition.
            let earlier = h.people.len() as u64;
            let size = want / editions + usize::from(e < want % editions);
            let mut repeated = Vec::new();
            for _ in 0..size {
                let again = if earlier > 0 && rng.below(10) < 3 {
                    Some(rng.below(earlier) as i64 + 1).filter(|p| !repeated.contains(p))
                } else {
                    None
                };
                let person = if let Some(p) = again {
                    repeated.push(p);
                    p
                } else {
                    let u = rng.unit();
                    let country = countries[((u * u) * countries.len() as f64) as usize % countries.len()];
                    let g = rng.below(100);
                    let gender = if g < 60 {
                        "male"
                    } else if g < 98 {
                        "female"
                    } else {
                        "other"
                    };
                    h.people.push((h.people.len() as i64 + 1, country, gender));
                    h.people.len() as i64
                };
                let s = rng.below(100);
                let status = match s {
                    0..=84 => "completed",
                    85..=89 => "accepted",
                    90..=92 => "arrived",
                    93..=96 => "withdrawn",
                    _ => "nominated",
                };
                let role = if rng.below(100) == 0 { "instructor" } else { "trainee" };
                h.participations.push((id, person, role, status));
            }
        }
    }
    h
}

pub async fn stats(o: Options) -> anyhow::Result<()> {
    let mut scratch = Scratch::default();
    let result = run(&o, &mut scratch).await;
    scratch.drop_all().await;
    result
}

async fn run(o: &Options, scratch: &mut Scratch) -> anyhow::Result<()> {
    let load = LoadWatch::start();
    let t = Instant::now();
    let h = history(o.participations);
    eprintln!(
        "history: {} participations, {} people, {} editions, {} courses in {:.1}s",
        h.participations.len(),
        h.people.len(),
        h.editions.len(),
        h.programmes,
        t.elapsed().as_secs_f64()
    );
    let mut backends = Vec::new();
    if o.sqlite {
        backends.push(Backend::Sqlite);
    }
    if o.postgres {
        backends.push(Backend::Postgres);
    }
    println!(
        "Trainee statistics over {} participations ({} people, {} editions, {} courses, FY{FIRST_FY}–FY{LAST_FY}).\n",
        o.participations,
        h.people.len(),
        h.editions.len(),
        h.programmes
    );
    println!("| database | what | median ms | p99 ms | runs |");
    println!("|---|---|---:|---:|---:|");
    let mut notes = Vec::new();
    if let Some(url) = &o.existing {
        notes.push(format!("the existing store {url}, as it was."));
        timed(o, url, &mut notes).await?;
        backends.clear();
    }
    for backend in backends {
        let url = scratch
            .fresh(backend)
            .await
            .context("cannot create the benchmark database")?;
        one_backend(o, &h, backend, &url, &mut notes).await?;
        // KIZUNA_BENCH_KEEP_STORE=1 leaves the loaded, counted store (to
        // look into its plans at sizes that take long to make).
        if std::env::var_os("KIZUNA_BENCH_KEEP_STORE").is_some() {
            scratch.keep(&url);
        } else {
            scratch.release(&url).await;
        }
    }
    println!();
    for n in notes {
        println!("{n}");
    }
    println!("\n{}", load.line());
    Ok(())
}

fn engine(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Print a row and record its median and p99.
fn row(o: &Options, backend: Backend, who: &str, what: &str, times: &mut [Duration]) {
    times.sort();
    let (median, p99) = (percentile(times, 0.5), percentile(times, 0.99));
    println!(
        "| {} | {what} | {:.2} | {:.2} | {} |",
        engine(backend),
        ms(median),
        ms(p99),
        times.len()
    );
    let size = o.participations as u64;
    record(&Measure::new(
        "stats",
        size,
        who,
        &format!("median {what}"),
        ms(median),
        "ms",
    ));
    record(&Measure::new("stats", size, who, &format!("p99 {what}"), ms(p99), "ms"));
}

async fn one_backend(
    o: &Options,
    h: &History,
    backend: Backend,
    url: &str,
    notes: &mut Vec<String>,
) -> anyhow::Result<()> {
    let e = engine(backend);
    // The schema first (the store's migrations), then the rows in bulk.
    let store = Store::open(url).await?;
    store.pause_trainee_stats(true).await?;
    store.close().await;
    let t = Instant::now();
    match backend {
        Backend::Sqlite => load_sqlite(url, h).await?,
        Backend::Postgres => load_postgres(url, h).await?,
    }
    let loaded = t.elapsed();
    let rate = h.participations.len() as f64 / loaded.as_secs_f64();
    record(&Measure::new(
        "stats",
        o.participations as u64,
        e,
        "load",
        rate,
        "rows/s",
    ));
    let store = Store::open(url).await?;
    let t = Instant::now();
    store.rebuild_trainee_stats().await?;
    let rebuilt = t.elapsed();
    record(&Measure::new(
        "stats",
        o.participations as u64,
        &format!("kizuna-{e}"),
        "rebuild",
        rebuilt.as_secs_f64(),
        "s",
    ));
    notes.push(format!(
        "{e}: loaded in {:.1} s ({rate:.0} participations/s); the counts built by `rebuild_trainee_stats` in {:.1} s.",
        loaded.as_secs_f64(),
        rebuilt.as_secs_f64()
    ));
    store.close().await;
    // What an expert gives the plain queries.
    plain_setup(url, backend).await?;
    timed(o, url, notes).await
}

/// The timed part of a run, on a store loaded, counted and set up for the
/// plain queries.
async fn timed(o: &Options, url: &str, notes: &mut Vec<String>) -> anyhow::Result<()> {
    let store = Store::open(url).await?;
    let backend = store.backend();
    let e = engine(backend);
    if !store.trainee_stats_live().await? {
        bail!("{e}: the store's trainee counts are paused, so its reports would be counted from the participations");
    }
    let (runs, slow_runs) = if o.quick { (2, 1) } else { (5, 3) };
    let dates = as_of_dates();
    let whole = |as_of| TraineeFilter {
        as_of: Some(as_of),
        ..TraineeFilter::default()
    };
    // The kept counts, as of each date.
    let mut times = Vec::new();
    for i in 0..=runs {
        for d in &dates {
            let t = Instant::now();
            let a = store.trainee_aggregates(&whole(*d), *d).await?;
            let report = TraineeReport::from_aggregates(*d, &a);
            let took = t.elapsed();
            std::hint::black_box(report);
            if i > 0 {
                times.push(took);
            }
        }
    }
    row(
        o,
        backend,
        &format!("kizuna-{e}"),
        "report as of a date (Kizuna, kept counts)",
        &mut times,
    );
    // The plain GROUP BY and the earlier way, as of the end and one older date.
    let some = [dates[0], dates[4]];
    // The last report each slow way gave as of each date, to check the
    // kept counts against (not asked again: at 10⁷ participations each
    // asking takes a minute).
    let mut plain = Vec::new();
    for (who, what) in [
        ("group-by", "report as of a date (GROUP BY … COUNT(DISTINCT …))"),
        (
            "facts",
            "report as of a date (Kizuna before: every fact counted in memory)",
        ),
    ] {
        let mut times = Vec::new();
        for run in 0..slow_runs {
            for d in &some {
                let t = Instant::now();
                let a = if who == "group-by" {
                    store.trainee_aggregates_grouped(&whole(*d), *d).await?
                } else {
                    store.trainee_aggregates_from_facts(&whole(*d), *d).await?
                };
                let report = TraineeReport::from_aggregates(*d, &a);
                times.push(t.elapsed());
                if who == "group-by" && run + 1 == slow_runs {
                    plain.push((*d, report));
                } else {
                    std::hint::black_box(report);
                }
            }
        }
        row(o, backend, &format!("{who}-{e}"), what, &mut times);
    }
    // The same figures every way.
    for (d, plain) in &plain {
        let kept = TraineeReport::from_aggregates(*d, &store.trainee_aggregates(&whole(*d), *d).await?);
        if &kept != plain {
            bail!("{e}: the kept counts and GROUP BY disagree as of {d}");
        }
    }
    narrowed_reports(o, &store, backend, dates[0]).await?;
    // A write, then the public statistics page through the real router.
    let app = Arc::new(App::new(store));
    let router = kizuna_web::router(app.clone());
    let render_runs = if o.quick { 3 } else { 10 };
    let (mut writes, mut renders) = (Vec::new(), Vec::new());
    for i in 0..render_runs + 2 {
        let (w, r) = write_then_render(&app, &router, i).await?;
        if i >= 2 {
            writes.push(w);
            renders.push(r);
        }
    }
    row(
        o,
        backend,
        &format!("kizuna-{e}"),
        "one participation's status changed (write)",
        &mut writes,
    );
    row(
        o,
        backend,
        &format!("kizuna-{e}"),
        "statistics page after that write",
        &mut renders,
    );
    // The same with the counts paused: the page as Kizuna rendered it before.
    app.store.pause_trainee_stats(true).await?;
    let (mut writes, mut renders) = (Vec::new(), Vec::new());
    for i in 0..=slow_runs {
        let (w, r) = write_then_render(&app, &router, i).await?;
        if i >= 1 {
            writes.push(w);
            renders.push(r);
        }
    }
    row(
        o,
        backend,
        &format!("facts-{e}"),
        "one participation's status changed, counts paused (write)",
        &mut writes,
    );
    row(
        o,
        backend,
        &format!("facts-{e}"),
        "statistics page after that write, counts paused (before)",
        &mut renders,
    );
    // Back to the status the counts last saw, still paused, and the counts
    // kept again: a store kept for `--existing` is as it was counted.
    write_status(app.as_ref(), render_runs + 1).await?;
    app.store.pause_trainee_stats(false).await?;
    let sizes = table_rows(&app.store, url, backend).await?;
    notes.push(format!("{e}: kept rows: {sizes}."));
    drop(router);
    if let Ok(app) = Arc::try_unwrap(app) {
        app.store.close().await;
    }
    Ok(())
}

/// Reports narrowed by each filter the staff statistics page offers, as of
/// the end of the history: Kizuna's way (kept counts by nationality and
/// gender for a country, region or gender, and by course and country
/// within a fiscal year for a year; every fact counted in memory for a
/// course, which the counts do not keep) beside the plain GROUP BY, and
/// the same figures both ways.
async fn narrowed_reports(o: &Options, store: &Store, backend: Backend, as_of: NaiveDate) -> anyhow::Result<()> {
    let e = engine(backend);
    let (runs, slow_runs) = if o.quick { (3, 1) } else { (10, 3) };
    let top = store
        .trainee_aggregates(
            &TraineeFilter {
                as_of: Some(as_of),
                ..TraineeFilter::default()
            },
            as_of,
        )
        .await?;
    // The country with most trainees, and a middling fiscal year and course.
    let country = top
        .by_year_country
        .iter()
        .max_by_key(|(_, _, n)| *n)
        .map(|(_, c, _)| *c)
        .context("nobody counted")?;
    let base = TraineeFilter {
        as_of: Some(as_of),
        ..TraineeFilter::default()
    };
    let filters = [
        (
            "a country",
            TraineeFilter {
                country: Some(country),
                ..base.clone()
            },
        ),
        (
            "a region",
            TraineeFilter {
                region: Some(country.region()),
                ..base.clone()
            },
        ),
        (
            "a gender",
            TraineeFilter {
                gender: Some(kizuna_domain::common::person::Gender::Female),
                ..base.clone()
            },
        ),
        (
            "a region and a gender",
            TraineeFilter {
                region: Some(country.region()),
                gender: Some(kizuna_domain::common::person::Gender::Female),
                ..base.clone()
            },
        ),
        (
            "a fiscal year",
            TraineeFilter {
                fiscal_year: FiscalYear::new(2000).ok(),
                ..base.clone()
            },
        ),
        (
            "the date's fiscal year",
            TraineeFilter {
                fiscal_year: Some(FiscalYear::containing(as_of)),
                ..base.clone()
            },
        ),
        (
            "a course",
            TraineeFilter {
                programme_id: top.by_course.get(top.by_course.len() / 2).map(|c| c.0),
                ..base.clone()
            },
        ),
    ];
    for (name, filter) in filters {
        let kept = store.trainee_summary_narrowed(&filter, as_of).await?.is_some();
        let how = if kept { "kept counts" } else { "facts in memory" };
        // Each report made `n` times after one unmeasured run, and its row.
        let timed = async |n: usize, before: bool, what: &str| -> anyhow::Result<()> {
            let mut times = Vec::new();
            for i in 0..=n {
                let t = Instant::now();
                let a = if before {
                    store.trainee_aggregates_from_facts(&filter, as_of).await?
                } else {
                    store.trainee_aggregates(&filter, as_of).await?
                };
                std::hint::black_box(TraineeReport::from_aggregates(as_of, &a));
                if i > 0 {
                    times.push(t.elapsed());
                }
            }
            row(o, backend, &format!("kizuna-{e}"), what, &mut times);
            Ok(())
        };
        timed(runs, false, &format!("report narrowed to {name} (Kizuna, {how})")).await?;
        if kept {
            // The same report counted from the participations in memory:
            // how it was made before its counts were kept.
            timed(
                slow_runs,
                true,
                &format!("report narrowed to {name} (Kizuna before: facts in memory)"),
            )
            .await?;
        }
        let mut times = Vec::new();
        let mut plain = None;
        for _ in 0..slow_runs {
            let t = Instant::now();
            let a = store.trainee_aggregates_grouped(&filter, as_of).await?;
            let report = TraineeReport::from_aggregates(as_of, &a);
            times.push(t.elapsed());
            plain = Some(report);
        }
        row(
            o,
            backend,
            &format!("group-by-{e}"),
            &format!("report narrowed to {name} (GROUP BY … COUNT(DISTINCT …))"),
            &mut times,
        );
        let ours = TraineeReport::from_aggregates(as_of, &store.trainee_aggregates(&filter, as_of).await?);
        if Some(ours) != plain {
            bail!("{e}: narrowed to {name}, Kizuna and GROUP BY disagree");
        }
    }
    Ok(())
}

/// Change participation 1's status (completed ↔ withdrawn) through the
/// store's record path, then GET /statistics: the two times.
async fn write_then_render(app: &App, router: &axum::Router, i: usize) -> anyhow::Result<(Duration, Duration)> {
    let write = write_status(app, i).await?;
    let req = Request::get("/statistics").body(Body::empty())?;
    let t = Instant::now();
    let resp = router.clone().oneshot(req).await?;
    let status = resp.status();
    let body = axum::body::to_bytes(resp.into_body(), usize::MAX).await?;
    let render = t.elapsed();
    if status != StatusCode::OK {
        bail!(
            "/statistics answered {status}: {}",
            String::from_utf8_lossy(&body[..body.len().min(300)])
        );
    }
    Ok((write, render))
}

/// Participation 1 withdrawn (even `i`) or completed (odd), through the
/// store's record path: how long the write took.
async fn write_status(app: &App, i: usize) -> anyhow::Result<Duration> {
    let p = app.store.get::<Participation>(1).await?;
    let mut input = p.fields.clone();
    input.status = if i.is_multiple_of(2) {
        ParticipationStatus::Withdrawn
    } else {
        ParticipationStatus::Completed
    };
    let t = Instant::now();
    app.store.update::<Participation>(p.id, p.version, &input).await?;
    Ok(t.elapsed())
}

/// Rows in the kept tables, for the notes.
async fn table_rows(store: &Store, url: &str, backend: Backend) -> anyhow::Result<String> {
    let _ = store;
    let mut out = Vec::new();
    for t in [
        "trainee_firsts",
        "trainee_course_countries",
        "trainee_course_country_genders",
        "trainee_counts",
        "trainee_person_counts",
        "trainee_slice_counts",
        "trainee_course_year_firsts",
        "trainee_course_year_counts",
    ] {
        let sql = format!("SELECT COUNT(*) FROM {t}");
        let n: i64 = match backend {
            Backend::Sqlite => {
                let mut c = sqlx::SqliteConnection::connect(url).await?;
                sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(&mut c).await?
            }
            Backend::Postgres => {
                let mut c = sqlx::PgConnection::connect(url).await?;
                sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(&mut c).await?
            }
        };
        out.push(format!("{t} {n}"));
    }
    Ok(out.join(", "))
}

/// Covering indexes for the plain queries' joins, filters and groups, and
/// fresh planner statistics; on PostgreSQL room to sort and hash in memory.
async fn plain_setup(url: &str, backend: Backend) -> anyhow::Result<()> {
    let indexes = [
        "CREATE INDEX bench_participations_counted ON participations(role, status, edition_id, person_id)",
        "CREATE INDEX bench_editions_cover ON editions(id, starts_on, fiscal_year, programme_id)",
        "CREATE INDEX bench_people_cover ON people(id, nationality, gender)",
    ];
    match backend {
        Backend::Sqlite => {
            let mut c = sqlx::SqliteConnection::connect(url).await?;
            for sql in indexes {
                sqlx::query(sql).execute(&mut c).await?;
            }
            sqlx::query("ANALYZE").execute(&mut c).await?;
        }
        Backend::Postgres => {
            let mut c = sqlx::PgConnection::connect(url).await?;
            for sql in indexes {
                sqlx::query(sql).execute(&mut c).await?;
            }
            sqlx::query("ANALYZE").execute(&mut c).await?;
            let db = url.rsplit('/').next().unwrap_or_default();
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "ALTER DATABASE \"{db}\" SET work_mem = '256MB'"
            )))
            .execute(&mut c)
            .await?;
        }
    }
    Ok(())
}

fn date_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The tables the history is loaded into.
const LOADED: &str = "'programmes', 'editions', 'people', 'participations'";

async fn load_sqlite(url: &str, h: &History) -> anyhow::Result<()> {
    let mut c = sqlx::SqliteConnection::connect(url).await?;
    for pragma in [
        "PRAGMA journal_mode = OFF",
        "PRAGMA synchronous = OFF",
        "PRAGMA cache_size = -1000000",
    ] {
        sqlx::query(pragma).execute(&mut c).await?;
    }
    let mut tx = c.begin().await?;
    // The loaded tables' own indexes and triggers (not those backing a
    // UNIQUE or PRIMARY KEY) set aside and made again, as the store
    // defines them, after the load: an index built once from sorted keys
    // rather than grown row by row, and no trigger called per row (the
    // counts are paused: each would only return).
    let set_aside: Vec<(String, String, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') \
         AND tbl_name IN ({LOADED}) AND sql IS NOT NULL ORDER BY type, name"
    )))
    .fetch_all(&mut *tx)
    .await?;
    for (kind, name, _) in &set_aside {
        sqlx::query(sqlx::AssertSqlSafe(format!("DROP {} \"{name}\"", kind.to_uppercase())))
            .execute(&mut *tx)
            .await?;
    }
    for p in 1..=h.programmes {
        sqlx::query("INSERT INTO programmes (id, key, kind, title_en) VALUES ($1, $2, 'training_course', $3)")
            .bind(p as i64)
            .bind(format!("bench-course-{p}"))
            .bind(format!("Course {p}"))
            .execute(&mut *tx)
            .await?;
    }
    const CHUNK: usize = 200;
    let values = |cols: usize, rows: usize| {
        (0..rows)
            .map(|r| {
                let ph: Vec<String> = (1..=cols).map(|c| format!("${}", r * cols + c)).collect();
                format!("({})", ph.join(", "))
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    for chunk in h.editions.chunks(CHUNK) {
        let sql = format!(
            "INSERT INTO editions (id, programme_id, key, fiscal_year, starts_on, ends_on, scope) VALUES {}",
            (0..chunk.len())
                .map(|r| format!(
                    "(${}, ${}, ${}, ${}, ${}, ${}, 'general')",
                    r * 6 + 1,
                    r * 6 + 2,
                    r * 6 + 3,
                    r * 6 + 4,
                    r * 6 + 5,
                    r * 6 + 6
                ))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for (id, programme, fy, starts_on) in chunk {
            q = q
                .bind(*id)
                .bind(*programme)
                .bind(format!("bench-e{id}"))
                .bind(i64::from(*fy))
                .bind(date_text(*starts_on))
                .bind(date_text(
                    starts_on.checked_add_days(Days::new(20)).unwrap_or(*starts_on),
                ));
        }
        q.execute(&mut *tx).await?;
    }
    for chunk in h.people.chunks(CHUNK) {
        let sql = format!(
            "INSERT INTO people (id, identity_key, family_name, nationality, gender) VALUES {}",
            (0..chunk.len())
                .map(|r| format!(
                    "(${}, ${}, 'Bench', ${}, ${})",
                    r * 4 + 1,
                    r * 4 + 2,
                    r * 4 + 3,
                    r * 4 + 4
                ))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for (id, country, gender) in chunk {
            q = q.bind(*id).bind(format!("bench-{id}")).bind(*country).bind(*gender);
        }
        q.execute(&mut *tx).await?;
    }
    for (i, chunk) in h.participations.chunks(CHUNK).enumerate() {
        let sql = format!(
            "INSERT INTO participations (id, edition_id, person_id, role, status) VALUES {}",
            values(5, chunk.len())
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for (j, (edition, person, role, status)) in chunk.iter().enumerate() {
            q = q
                .bind((i * CHUNK + j + 1) as i64)
                .bind(*edition)
                .bind(*person)
                .bind(*role)
                .bind(*status);
        }
        q.execute(&mut *tx).await?;
    }
    // Indexes first ("index" sorts before "trigger").
    for (_, _, sql) in &set_aside {
        sqlx::query(sqlx::AssertSqlSafe(sql.clone())).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    c.close().await?;
    Ok(())
}

async fn load_postgres(url: &str, h: &History) -> anyhow::Result<()> {
    use std::fmt::Write as _;
    let mut c = sqlx::PgConnection::connect(url).await?;
    // The triggers would only return at once (the counts are paused); not
    // calling them at all saves a function call per row.
    sqlx::query("ALTER TABLE participations DISABLE TRIGGER trainee_stats_participation")
        .execute(&mut c)
        .await?;
    // The loaded tables' own indexes (not those backing a constraint) set
    // aside and built again after the load, as the store defines them.
    let set_aside: Vec<(String, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT i.indexname::text, i.indexdef FROM pg_indexes i \
         WHERE i.schemaname = current_schema() AND i.tablename IN ({LOADED}) \
         AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname) ORDER BY 1"
    )))
    .fetch_all(&mut c)
    .await?;
    for (name, _) in &set_aside {
        sqlx::query(sqlx::AssertSqlSafe(format!("DROP INDEX \"{name}\"")))
            .execute(&mut c)
            .await?;
    }
    async fn copy(c: &mut sqlx::PgConnection, statement: &str, text: &str) -> anyhow::Result<()> {
        let mut copy = c.copy_in_raw(statement).await?;
        for part in text.as_bytes().chunks(1 << 20) {
            copy.send(part).await?;
        }
        copy.finish().await?;
        Ok(())
    }
    let mut text = String::new();
    for p in 1..=h.programmes {
        let _ = writeln!(text, "{p}\tbench-course-{p}\ttraining_course\tCourse {p}");
    }
    copy(&mut c, "COPY programmes (id, key, kind, title_en) FROM STDIN", &text).await?;
    text.clear();
    for (id, programme, fy, starts_on) in &h.editions {
        let ends = starts_on.checked_add_days(Days::new(20)).unwrap_or(*starts_on);
        let _ = writeln!(
            text,
            "{id}\t{programme}\tbench-e{id}\t{fy}\tgeneral\t{}\t{}",
            date_text(*starts_on),
            date_text(ends)
        );
    }
    copy(
        &mut c,
        "COPY editions (id, programme_id, key, fiscal_year, scope, starts_on, ends_on) FROM STDIN",
        &text,
    )
    .await?;
    // People and participations in slices, so the text stays small.
    for chunk in h.people.chunks(1_000_000) {
        text.clear();
        for (id, country, gender) in chunk {
            let _ = writeln!(text, "{id}\tbench-{id}\tBench\t{country}\t{gender}");
        }
        copy(
            &mut c,
            "COPY people (id, identity_key, family_name, nationality, gender) FROM STDIN",
            &text,
        )
        .await?;
    }
    for (i, chunk) in h.participations.chunks(1_000_000).enumerate() {
        text.clear();
        for (j, (edition, person, role, status)) in chunk.iter().enumerate() {
            let id = i * 1_000_000 + j + 1;
            let _ = writeln!(text, "{id}\t{edition}\t{person}\t{role}\t{status}");
        }
        copy(
            &mut c,
            "COPY participations (id, edition_id, person_id, role, status) FROM STDIN",
            &text,
        )
        .await?;
    }
    sqlx::query("SET maintenance_work_mem = '1GB'").execute(&mut c).await?;
    for (_, def) in &set_aside {
        sqlx::query(sqlx::AssertSqlSafe(def.clone())).execute(&mut c).await?;
    }
    sqlx::query("ALTER TABLE participations ENABLE TRIGGER trainee_stats_participation")
        .execute(&mut c)
        .await?;
    for table in ["programmes", "editions", "people", "participations"] {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
        )))
        .execute(&mut c)
        .await?;
    }
    c.close().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_history_has_the_size_asked_and_nobody_twice_in_an_edition() {
        let h = history(10_000);
        assert_eq!(h.participations.len(), 10_000);
        let mut seen = std::collections::HashSet::new();
        for (edition, person, role, _) in &h.participations {
            assert!(seen.insert((*edition, *person, *role)), "{edition} {person} twice");
        }
        assert!(
            h.people.len() < 10_000 && h.people.len() > 5_000,
            "{} people",
            h.people.len()
        );
    }
}
