//! Kizuna's benchmarks, run by `kizuna bench` (see BENCHMARKS.md). Each
//! measures Kizuna's own work on a generated store and sets it beside the
//! alternative named in the issue that asked for it, in the same run.
//!
//! - [`annual`]: the annual report on 100,000 trainees and 10,000
//!   outcomes, assembled and laid out as PDF (`kizuna bench annual`);
//! - [`data`]: deterministic synthetic trainees and places;
//! - [`geo`]: SQLite's R*Tree and PostGIS's GiST `<->`, only to be measured;
//! - [`pages`]: render times of the busiest pages (`kizuna bench pages`);
//! - [`places`]: the map's index beside the databases', and nearest-k over
//!   HTTP beside [`minimal_map`], an axum + rstar server answering the same
//!   bytes (`kizuna bench places`);
//! - [`flood`]: the map API's throughput alone and during a flood of wrong
//!   passwords (`kizuna bench sign-in-flood`);
//! - [`import_memory`]: the peak memory of imports, real and attacking
//!   (`kizuna bench import-memory`);
//! - [`import_places`]: place imports from GeoJSON, CSV and PBF beside
//!   ogr2ogr and osmium (`kizuna bench import`);
//! - [`itinerary`]: drafting an itinerary over many places
//!   (`kizuna bench itinerary`);
//! - [`search`]: the search index over many documents in four languages
//!   beside SQLite FTS5 and PostgreSQL's full-text and trigram search
//!   (`kizuna bench search`);
//! - [`stats`]: the trainee statistics as of a date over millions of
//!   participations beside GROUP BY COUNT(DISTINCT) (`kizuna bench stats`);
//! - [`record`]: every figure also as a JSON line, for `kizuna bench all`;
//! - [`all`]: every benchmark at several sizes as child processes, their
//!   figures and peak memory in one table and a plot per workload ([`plot`]);
//! - [`generate`]: a realistic synthetic store of any size (`kizuna generate`).
//!
//! Every benchmark prints the machine's load average beside its figures
//! ([`LoadWatch`]) and drops the databases and files it made ([`Scratch`]).

pub mod all;
pub mod annual;
pub mod data;
pub mod flood;
pub mod generate;
pub mod geo;
pub mod import_memory;
pub mod import_places;
pub mod itinerary;
pub mod map_server;
pub mod minimal_map;
pub mod pages;
pub mod places;
pub mod plot;
pub mod record;
pub mod search;
pub mod stats;

use std::fmt;

use kizuna_store::{Backend, StoreError};

/// The machine's load average (`/proc/loadavg`): runnable processes averaged
/// over 1, 5 and 15 minutes. Every benchmark prints it beside its figures,
/// since other work on the machine moves them.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadAverage {
    pub one: f64,
    pub five: f64,
    pub fifteen: f64,
}

impl LoadAverage {
    /// Now, or `None` where there is no `/proc/loadavg` (not Linux).
    pub fn now() -> Option<Self> {
        Self::parse(&std::fs::read_to_string("/proc/loadavg").ok()?)
    }

    /// The first three fields of `/proc/loadavg`'s text.
    pub fn parse(text: &str) -> Option<Self> {
        let mut f = text.split_whitespace().map(str::parse::<f64>);
        Some(Self {
            one: f.next()?.ok()?,
            five: f.next()?.ok()?,
            fifteen: f.next()?.ok()?,
        })
    }
}

impl fmt::Display for LoadAverage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.2} {:.2} {:.2}", self.one, self.five, self.fifteen)
    }
}

/// The load average at a benchmark's start, to print with the one at its
/// end: `Load average (1, 5, 15 min): 0.12 0.30 0.41 at the start, 1.95
/// 0.80 0.55 at the end; 2 cores.`
pub struct LoadWatch {
    start: Option<LoadAverage>,
}

impl LoadWatch {
    pub fn start() -> Self {
        Self {
            start: LoadAverage::now(),
        }
    }

    /// The line to print beside the figures (its own paragraph).
    pub fn line(&self) -> String {
        let show = |l: &Option<LoadAverage>| l.as_ref().map_or_else(|| "unknown".to_owned(), ToString::to_string);
        format!(
            "Load average (1, 5, 15 min): {} at the start, {} at the end; {} cores.",
            show(&self.start),
            show(&LoadAverage::now()),
            std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
        )
    }
}

/// The databases and files a benchmark makes, dropped when it is done
/// with them — on every path: [`Scratch::drop_all`] on the way out, and,
/// should that be skipped by an early `?` or a panic, `Drop` (which
/// removes files at once and drops PostgreSQL databases from a thread of
/// its own). Declare it before whatever holds connections to them, so
/// that those close first.
#[derive(Default)]
pub struct Scratch {
    urls: Vec<String>,
    dirs: Vec<std::path::PathBuf>,
}

impl Scratch {
    /// A new empty database (`kizuna_testkit::fresh_url`), to be dropped.
    /// Its URL is written to standard error (`scratch database: …`), so
    /// that whoever runs the benchmark can check it is gone afterwards.
    pub async fn fresh(&mut self, backend: Backend) -> Result<String, StoreError> {
        let url = kizuna_testkit::fresh_url(backend).await?;
        eprintln!("scratch database: {url}");
        self.urls.push(url.clone());
        Ok(url)
    }

    /// A database made elsewhere (a copy of a template), to be dropped.
    pub fn adopt(&mut self, url: String) {
        self.urls.push(url);
    }

    /// A directory (made here) whose files are to be removed with it.
    pub fn dir(&mut self, path: std::path::PathBuf) -> std::io::Result<std::path::PathBuf> {
        std::fs::create_dir_all(&path)?;
        self.dirs.push(path.clone());
        Ok(path)
    }

    /// Drop one database now (its connections closed first, or forced).
    pub async fn release(&mut self, url: &str) {
        self.urls.retain(|u| u != url);
        kizuna_testkit::drop_fresh(url).await;
    }

    /// Leave one database in place (said on standard error), for whoever
    /// runs the benchmark to look into afterwards and drop.
    pub fn keep(&mut self, url: &str) {
        self.urls.retain(|u| u != url);
        eprintln!("kept, not dropped: {url}");
    }

    /// Drop everything still held.
    pub async fn drop_all(&mut self) {
        for url in std::mem::take(&mut self.urls) {
            kizuna_testkit::drop_fresh(&url).await;
        }
        for dir in std::mem::take(&mut self.dirs) {
            let _ = std::fs::remove_dir_all(dir);
        }
    }

    /// What is still held (for tests).
    pub fn held(&self) -> usize {
        self.urls.len() + self.dirs.len()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        for dir in std::mem::take(&mut self.dirs) {
            let _ = std::fs::remove_dir_all(dir);
        }
        let urls = std::mem::take(&mut self.urls);
        if urls.is_empty() {
            return;
        }
        // `drop_fresh` is async and this may run inside a runtime: a
        // runtime of its own on a thread of its own.
        let _ = std::thread::spawn(move || {
            if let Ok(rt) = tokio::runtime::Builder::new_current_thread().enable_all().build() {
                rt.block_on(async {
                    for url in urls {
                        kizuna_testkit::drop_fresh(&url).await;
                    }
                });
            }
        })
        .join();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn load_average_reads_the_first_three_fields() {
        let l = LoadAverage::parse("0.52 1.07 2.50 3/187 18431\n").unwrap();
        assert_eq!((l.one, l.five, l.fifteen), (0.52, 1.07, 2.5));
        assert_eq!(l.to_string(), "0.52 1.07 2.50");
        assert_eq!(LoadAverage::parse("0.52 1.07"), None);
        assert_eq!(LoadAverage::parse("x 1 2"), None);
    }

    #[test]
    fn a_scratch_dropped_on_an_error_path_removes_its_files() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let (url, dir) = rt.block_on(async {
            let mut s = Scratch::default();
            let url = s.fresh(Backend::Sqlite).await.unwrap();
            let dir = s
                .dir(std::env::temp_dir().join(format!("kizuna-scratch-{}", std::process::id())))
                .unwrap();
            let path = url.strip_prefix("sqlite://").unwrap().to_owned();
            std::fs::write(&path, b"x").unwrap();
            std::fs::write(dir.join("f"), b"x").unwrap();
            assert_eq!(s.held(), 2);
            // No drop_all: as when `?` leaves early.
            (path, dir)
        });
        assert!(!std::path::Path::new(&url).exists());
        assert!(!dir.exists());
    }
}
