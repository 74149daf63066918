//! The subcommands of `kizuna`, one module per system: each parses what
//! people type and calls the same application functions as the web.

/// `println!` that returns the error instead of panicking, so that output
/// piped into `head` ends the command quietly (see `main`).
#[macro_export]
macro_rules! outln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($t)*)?;
    }};
}

pub mod accounts;
pub mod alumni;
pub mod audit;
pub mod basemap;
pub mod bench;
pub mod calendar;
pub mod certificates;
pub mod exchanges;
pub mod generate;
pub mod holidays;
pub mod hours;
pub mod iati;
pub mod itinerary;
pub mod map;
pub mod matchmaker;
pub mod offices;
pub mod partnerships;
pub mod people;
pub mod report;
pub mod search;
pub mod serve;
pub mod store_transfer;
pub mod tourism;
pub mod training;
pub mod volunteers;

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::ValueEnum;
use kizuna_app::{Actor, App, Store};

#[derive(Clone, Copy, ValueEnum)]
pub enum SimpleFormat {
    Json,
    Table,
}

/// A date as typed on the command line: `YYYY-MM-DD`, a day that exists.
pub fn date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("\"{s}\" is not a date: write YYYY-MM-DD, a day that exists, e.g. 2008-03-31"))
}

/// What `--help` says about the forms of values.
pub const FORMATS_HELP: &str = "\
Formats:
  dates          YYYY-MM-DD, e.g. 2008-03-31 (--as-of, --from, --to, --date)
  fiscal years   2007, FY2007 or 平成19年度 (April to March)
  countries      ISO 3166-1 alpha-2, e.g. TH, MY
  database URL   sqlite://PATH (default sqlite://kizuna.sqlite3) or postgres://USER@HOST:PORT/DB";

pub fn write_out(bytes: &[u8], output: Option<&PathBuf>) -> anyhow::Result<()> {
    match output {
        Some(path) => {
            std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("wrote {} ({} bytes)", path.display(), bytes.len());
        }
        None => std::io::stdout().write_all(bytes)?,
    }
    Ok(())
}

/// The office this process writes records as (`--as-office`), by key.
static OFFICE: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();

/// Set once, from the command line, before any command opens the store.
pub fn set_office(key: Option<String>) {
    let _ = OFFICE.set(key);
}

/// The application on the database at `url`, writing as the office named
/// by `--as-office` (default: the store's default office).
pub async fn open(url: &str) -> anyhow::Result<App> {
    let store = Store::open(url)
        .await
        .with_context(|| format!("cannot open the database {}", redact(url)))?;
    app_on(store).await
}

/// The application on a read-only replica of the database (`kizuna serve
/// --read-database-url`), set up as [`open`] sets up the primary's.
pub async fn open_reader(url: &str) -> anyhow::Result<App> {
    let store = Store::open_read_only(url)
        .await
        .with_context(|| format!("cannot open the read database {}", redact(url)))?;
    app_on(store).await
}

async fn app_on(store: Store) -> anyhow::Result<App> {
    // What the command line writes, views and exports is logged as "cli".
    let mut app = App::new(store);
    // KIZUNA_CLOCK_START (RFC 3339): the application's clock starts at that
    // instant and runs on (browser tests of "open now" at a set time).
    if let Some(start) = std::env::var("KIZUNA_CLOCK_START")
        .ok()
        .filter(|v| !v.trim().is_empty())
    {
        let at = chrono::DateTime::parse_from_rfc3339(start.trim()).map_err(|_| {
            anyhow::anyhow!("KIZUNA_CLOCK_START: \"{start}\" is not an RFC 3339 time such as 2026-11-23T12:30:00+09:00")
        })?;
        app = app.with_clock(kizuna_app::ShiftedClock::starting_at(at.with_timezone(&chrono::Utc)));
    }
    let app = app.acting(Actor::cli());
    match OFFICE.get().and_then(Option::as_deref) {
        None => Ok(app),
        Some(key) => {
            let office = app.office_by_key(key).await.map_err(|_| {
                anyhow::anyhow!("--as-office: no office has the key \"{key}\" (see kizuna office list)")
            })?;
            Ok(app.with_office(office.id))
        }
    }
}

/// `kizuna check`: the database's own consistency check.
pub async fn check(url: &str) -> anyhow::Result<()> {
    let store = Store::open(url)
        .await
        .with_context(|| format!("cannot open the database {}", redact(url)))?;
    let problems = store.integrity_check().await?;
    if problems.is_empty() {
        outln!("ok");
        return Ok(());
    }
    for p in &problems {
        outln!("{p}");
    }
    anyhow::bail!("the database {} has {} problem(s)", redact(url), problems.len())
}

/// A URL without its password, for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..s + 3], user, &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}
