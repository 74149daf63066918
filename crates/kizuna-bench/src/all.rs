//! `kizuna bench all`: every benchmark at several sizes, each run as a child
//! process of this same binary (`kizuna bench <name> --<size flag> N`) with
//! [`RECORD_VAR`] naming the file its figures go to, and its peak memory
//! (`VmHWM`) read while it runs. From those figures it writes, into one
//! directory:
//!
//! - `records.jsonl`: every figure (see [`crate::record`]);
//! - `runs.jsonl`: every child run (its command, whether it ran, how long,
//!   its peak RSS, the load average at its end);
//! - `runs/<workload>-<size>.md`: what each child printed;
//! - `summary.md`: the tables (also printed);
//! - `<workload>.svg`: cost against size on log-log axes, a line per
//!   engine, and `peak-rss.svg`, each workload's peak memory.
//!
//! A benchmark this build does not have, or one that fails or runs out of
//! time, stays in the tables as "not run: …", "failed: …" or "timed out
//! …", never left out.
//!
//! The children share one run name (`KIZUNA_TEST_RUN=bench<pid>`), so
//! every scratch database they make is called `kizuna_test_bench<pid>_…`:
//! after each child, whatever it left (a child stopped at its time limit
//! cannot drop its own) is dropped by name, and at the end the run's
//! templates too. Workloads of one size that seed the same store (the
//! demo plus N trainees: `pages` and `annual`) seed it once, as the run's
//! template, and each works on a copy of it
//! ([`crate::pages::trainee_store`]).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::Context;
use serde::{Deserialize, Serialize};

use crate::LoadAverage;
use crate::plot::{Plot, Series, short};
use crate::record::{Measure, RECORD_VAR, read};

/// A benchmark `kizuna bench all` knows how to run at a size.
#[derive(Clone, Copy, Debug)]
pub struct Workload {
    /// The subcommand, and the workload its figures are recorded under.
    pub name: &'static str,
    /// The flag that sets its size.
    pub flag: &'static str,
    /// Its size is this many times the size asked (statistics run at ten
    /// times: 10⁵, 10⁶, 10⁷ participations for 10⁴, 10⁵, 10⁶).
    pub scale: u64,
    /// What the size counts, for the plots' x axis.
    pub counts: &'static str,
    /// Flags for a quick run (where the benchmark has them).
    pub quick: &'static [&'static str],
}

/// Every workload, in the order they are run and shown.
pub const WORKLOADS: &[Workload] = &[
    Workload {
        name: "places",
        flag: "--places",
        scale: 1,
        counts: "places",
        quick: &["--queries", "200", "--http-requests", "2000"],
    },
    Workload {
        name: "map-server",
        flag: "--places",
        scale: 1,
        counts: "places",
        // Its --quick sets the size itself (10,000 places): not passed.
        quick: &[],
    },
    Workload {
        name: "import",
        flag: "--places",
        scale: 1,
        counts: "places",
        // Its --quick sets the size itself (10,000 places): not passed.
        quick: &[],
    },
    Workload {
        name: "stats",
        flag: "--participations",
        scale: 10,
        counts: "participations",
        quick: &["--quick"],
    },
    Workload {
        name: "search",
        flag: "--docs",
        scale: 1,
        counts: "documents",
        quick: &["--queries", "42"],
    },
    Workload {
        name: "pages",
        flag: "--trainees",
        scale: 1,
        counts: "trainees",
        quick: &["--runs", "3"],
    },
    Workload {
        name: "annual",
        flag: "--trainees",
        scale: 1,
        counts: "trainees",
        quick: &["--runs", "2"],
    },
    Workload {
        name: "itinerary",
        flag: "--places",
        scale: 1,
        counts: "places",
        quick: &["--runs", "3"],
    },
];

/// What `kizuna bench all` was asked.
#[derive(Clone, Debug)]
pub struct Options {
    /// The sizes (a workload's own scale applied to each).
    pub sizes: Vec<u64>,
    /// Where the files go.
    pub out: PathBuf,
    /// Fewer repetitions in each benchmark (flags it has for that).
    pub quick: bool,
    /// SQLite only: no PostgreSQL or PostGIS comparison (flags the
    /// benchmark has for that).
    pub sqlite_only: bool,
    /// Only these workloads (empty: all).
    pub only: Vec<String>,
    /// A child still running after this long is stopped and reported;
    /// `None`: [`time_limit`] for its size.
    pub timeout: Option<Duration>,
    /// Keep the figures and runs already in `out` (a later run adds sizes).
    pub append: bool,
    /// The binary to run (`std::env::current_exe()`).
    pub exe: PathBuf,
}

/// One child run, as `runs.jsonl` keeps it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunLine {
    pub workload: String,
    pub size: u64,
    /// The arguments after `kizuna`.
    pub args: Vec<String>,
    /// `ok`, or `not run: …`, `failed: …`, `timed out …`.
    pub result: String,
    pub seconds: f64,
    /// The child's peak resident memory, MB.
    pub peak_rss_mb: Option<f64>,
    /// The 1-minute load average when it ended.
    pub load: Option<f64>,
}

impl RunLine {
    pub fn ok(&self) -> bool {
        self.result == "ok"
    }
}

/// The time a child is given when none is asked: enough for the run at that
/// size on a loaded 2-core machine (set-up included), so that only a child
/// that hangs or has grown far slower than before is stopped. The size is
/// the one asked (statistics run at ten times it).
pub fn time_limit(asked: u64) -> Duration {
    let minutes = match asked {
        0..=10_000 => 5,
        10_001..=100_000 => 12,
        100_001..=1_000_000 => 30,
        _ => 90,
    };
    Duration::from_secs(minutes * 60)
}

/// The run name the children are given (`KIZUNA_TEST_RUN`): their scratch
/// databases and templates are named after it.
pub fn run_name() -> String {
    format!("bench{}", std::process::id())
}

/// Drop what the run's children left: PostgreSQL databases named
/// `kizuna_test_<run>_…` and SQLite files of that name in the temporary
/// directory, the run's templates too unless `keep_templates`. Returns
/// how many were dropped (PostgreSQL unreachable: its part is skipped).
pub fn drop_left_over(run: &str, keep_templates: bool) -> usize {
    let prefix = format!("kizuna_test_{run}_");
    let template = format!("{prefix}template_");
    let keep = |name: &str| keep_templates && name.starts_with(&template);
    let mut dropped = 0;
    let dir = std::env::temp_dir().join("kizuna-tests");
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with(&prefix) && !keep(&name) && std::fs::remove_file(e.path()).is_ok() {
                dropped += 1;
            }
        }
    }
    // sqlx is async: a runtime of its own, on a thread of its own (this
    // may run on a runtime's blocking thread).
    let names = {
        let prefix = prefix.clone();
        std::thread::spawn(move || -> Vec<String> {
            let Ok(rt) = tokio::runtime::Builder::new_current_thread().enable_all().build() else {
                return Vec::new();
            };
            rt.block_on(async {
                use sqlx::Connection as _;
                let connect = sqlx::PgConnection::connect(&kizuna_testkit::postgres_admin_url());
                let Ok(Ok(mut c)) = tokio::time::timeout(Duration::from_secs(5), connect).await else {
                    return Vec::new();
                };
                let names: Vec<String> =
                    sqlx::query_scalar("SELECT datname::text FROM pg_database WHERE starts_with(datname, $1)")
                        .bind(&prefix)
                        .fetch_all(&mut c)
                        .await
                        .unwrap_or_default();
                let mut gone = Vec::new();
                for n in names {
                    if keep_templates && n.starts_with(&format!("{prefix}template_")) {
                        continue;
                    }
                    if n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                        && sqlx::raw_sql(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {n} WITH (FORCE)")))
                            .execute(&mut c)
                            .await
                            .is_ok()
                    {
                        gone.push(n);
                    }
                }
                let _ = c.close().await;
                gone
            })
        })
        .join()
        .unwrap_or_default()
    };
    dropped + names.len()
}

/// Remove the SQLite template `name` of this process's named run
/// (`KIZUNA_TEST_RUN`) and its side files: one whose making failed, so
/// that no later benchmark copies it.
pub fn drop_template(name: &str) {
    let Ok(run) = std::env::var("KIZUNA_TEST_RUN") else {
        return;
    };
    let dir = std::env::temp_dir().join("kizuna-tests");
    let template = format!("kizuna_test_{run}_template_{name}");
    for suffix in [
        ".sqlite3",
        ".lock",
        ".part",
        ".building.sqlite3",
        ".building.sqlite3-wal",
        ".building.sqlite3-shm",
    ] {
        let _ = std::fs::remove_file(dir.join(format!("{template}{suffix}")));
    }
}

/// What the benchmark's `--help` says, or why it cannot be run.
fn help_of(exe: &Path, name: &str) -> Result<String, String> {
    let out = Command::new(exe)
        .args(["bench", name, "--help"])
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot start {}: {e}", exe.display()))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(format!("`kizuna bench {name}` does not exist in this build"))
    }
}

/// The arguments of one child run: the size, then the quick and
/// SQLite-only flags the benchmark's help lists.
pub fn child_args(w: &Workload, size: u64, help: &str, quick: bool, sqlite_only: bool) -> Vec<String> {
    let has = |flag: &str| {
        help.split(|c: char| c.is_whitespace() || c == ',' || c == '=')
            .any(|t| t == flag)
    };
    let mut args = vec![
        "bench".to_owned(),
        w.name.to_owned(),
        w.flag.to_owned(),
        size.to_string(),
    ];
    if quick && w.quick.first().is_some_and(|f| has(f)) {
        args.extend(w.quick.iter().map(|s| (*s).to_owned()));
    }
    if w.name == "annual" && has("--outcomes") {
        // A tenth as many outcomes as trainees, at most the 10,000 of BENCHMARKS.md.
        args.extend(["--outcomes".to_owned(), (size / 10).clamp(1, 10_000).to_string()]);
    }
    if sqlite_only {
        for flag in ["--no-postgres", "--no-postgis", "--sqlite-only"] {
            if has(flag) {
                args.push(flag.to_owned());
            }
        }
        if has("--backend") {
            args.extend(["--backend".to_owned(), "sqlite".to_owned()]);
        }
    } else if w.name == "annual" && has("--backend") {
        args.extend(["--backend".to_owned(), "both".to_owned()]);
    }
    args
}

/// A line without its terminal colour codes (`ESC [ … letter`), cut to
/// 200 characters.
fn plain(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    if out.chars().count() > 200 {
        out = out.chars().take(199).collect::<String>() + "…";
    }
    out
}

/// The last non-empty lines of a child's standard error: why it failed.
fn tail(text: &str, lines: usize) -> String {
    let kept: Vec<String> = text.lines().map(plain).filter(|l| !l.trim().is_empty()).collect();
    let from = kept.len().saturating_sub(lines);
    kept[from..].join(" / ")
}

/// A process's peak resident memory so far (`VmHWM` in
/// `/proc/<pid>/status`), MB; `None` once it has ended or off Linux.
fn peak_rss_of(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Why a child did not end well.
#[derive(Clone, Debug, PartialEq)]
enum Stop {
    /// Stopped at its time limit.
    TimedOut(Duration),
    /// Ended with an error (its exit status or signal).
    Failed(String),
}

/// Run one child to its end (or its time limit): exit status, peak RSS in
/// MB. The peak is the child's own high-water mark, read every 50 ms while
/// it runs (the last read is at most that long before it ends; memory of
/// its own children, and of database servers, is not in it).
fn run_child(
    exe: &Path,
    args: &[String],
    record: &Path,
    stdout: &Path,
    stderr: &Path,
    timeout: Duration,
    run: &str,
) -> anyhow::Result<(Result<(), Stop>, Option<f64>)> {
    let mut child = Command::new(exe)
        .args(args)
        .env(RECORD_VAR, record)
        .env("KIZUNA_TEST_RUN", run)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(stdout).with_context(|| format!("cannot write {}", stdout.display()))?)
        .stderr(std::fs::File::create(stderr).with_context(|| format!("cannot write {}", stderr.display()))?)
        .spawn()
        .with_context(|| format!("cannot start {}", exe.display()))?;
    let pid = child.id();
    let start = Instant::now();
    let mut term_sent: Option<Instant> = None;
    let mut peak: Option<f64> = None;
    loop {
        if let Some(now) = peak_rss_of(pid) {
            peak = Some(peak.map_or(now, |p: f64| p.max(now)));
        }
        if let Some(status) = child.try_wait().context("waiting for the benchmark")? {
            let result = if term_sent.is_some() {
                Err(Stop::TimedOut(timeout))
            } else if status.success() {
                Ok(())
            } else {
                Err(Stop::Failed(status.code().map_or_else(
                    || format!("ended by a signal ({status})"),
                    |c| format!("exit status {c}"),
                )))
            };
            // A child gone before its memory could be read shows none
            // rather than the few kilobytes of its start.
            return Ok((result, peak.filter(|mb| *mb >= 1.0)));
        }
        match term_sent {
            None if start.elapsed() > timeout => {
                // SIGTERM first, so that the benchmark drops its databases.
                let _ = Command::new("kill").args(["-TERM", &pid.to_string()]).status();
                term_sent = Some(Instant::now());
            }
            Some(t) if t.elapsed() > Duration::from_secs(20) => {
                let _ = child.kill();
            }
            _ => {}
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// `kizuna bench all`: runs, then writes and prints the tables and plots.
pub fn all(o: &Options) -> anyhow::Result<String> {
    anyhow::ensure!(!o.sizes.is_empty(), "--sizes: give at least one size");
    anyhow::ensure!(o.sizes.iter().all(|s| *s > 0), "--sizes: every size must be at least 1");
    let known: Vec<&str> = WORKLOADS.iter().map(|w| w.name).collect();
    for name in &o.only {
        anyhow::ensure!(
            known.contains(&name.as_str()),
            "--only: no workload \"{name}\" (known: {})",
            known.join(", ")
        );
    }
    let runs_dir = o.out.join("runs");
    std::fs::create_dir_all(&runs_dir).with_context(|| format!("cannot create {}", runs_dir.display()))?;
    let record = o.out.join("records.jsonl");
    let runs_file = o.out.join("runs.jsonl");
    if !o.append {
        for f in [&record, &runs_file] {
            if f.exists() {
                std::fs::remove_file(f).with_context(|| format!("cannot remove {}", f.display()))?;
            }
        }
    }
    let chosen: Vec<&Workload> = WORKLOADS
        .iter()
        .filter(|w| o.only.is_empty() || o.only.iter().any(|n| n == w.name))
        .collect();
    let run = run_name();
    for w in chosen {
        let help = help_of(&o.exe, w.name);
        for &asked in &o.sizes {
            let size = asked.saturating_mul(w.scale);
            let mut line = RunLine {
                workload: w.name.to_owned(),
                size,
                args: Vec::new(),
                result: String::new(),
                seconds: 0.0,
                peak_rss_mb: None,
                load: None,
            };
            match &help {
                Err(why) => line.result = format!("not run: {why}"),
                Ok(help) => {
                    line.args = child_args(w, size, help, o.quick, o.sqlite_only);
                    eprintln!("bench all: kizuna {}", line.args.join(" "));
                    let stdout = runs_dir.join(format!("{}-{size}.md", w.name));
                    let stderr = std::env::temp_dir().join(format!(
                        "kizuna-bench-all-{}-{}-{size}.err",
                        std::process::id(),
                        w.name
                    ));
                    let limit = o.timeout.unwrap_or_else(|| time_limit(asked));
                    let start = Instant::now();
                    let (result, rss) = run_child(&o.exe, &line.args, &record, &stdout, &stderr, limit, &run)?;
                    line.seconds = start.elapsed().as_secs_f64();
                    line.peak_rss_mb = rss;
                    // What it left behind; after a failure the templates
                    // too (one may be half-made, its maker stopped).
                    let left = drop_left_over(&run, result.is_ok());
                    line.result = match result {
                        Ok(()) => "ok".to_owned(),
                        Err(stop) => {
                            let err = std::fs::read_to_string(&stderr).unwrap_or_default();
                            let last = tail(&err, 2);
                            let why = match stop {
                                Stop::TimedOut(t) => format!("timed out: stopped after {} s", t.as_secs()),
                                Stop::Failed(why) => format!("failed: {why}"),
                            };
                            let why = if left > 0 {
                                format!("{why} ({left} scratch databases it left dropped)")
                            } else {
                                why
                            };
                            if last.is_empty() { why } else { format!("{why}: {last}") }
                        }
                    };
                    let _ = std::fs::remove_file(&stderr);
                    eprintln!(
                        "bench all: {} at {size}: {} in {:.1} s, peak RSS {}",
                        w.name,
                        line.result,
                        line.seconds,
                        rss.map_or_else(|| "unknown".to_owned(), |r| format!("{r:.0} MB"))
                    );
                }
            }
            line.load = LoadAverage::now().map(|l| l.one);
            let mut f = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&runs_file)
                .with_context(|| format!("cannot write {}", runs_file.display()))?;
            use std::io::Write as _;
            writeln!(f, "{}", serde_json::to_string(&line)?)?;
        }
    }
    // The templates, once every workload that copies them is done.
    drop_left_over(&run, false);
    write_outputs(&o.out)
}

/// Read `records.jsonl` and `runs.jsonl` in `dir`, write `summary.md` and
/// the SVGs there; the Markdown is returned.
pub fn write_outputs(dir: &Path) -> anyhow::Result<String> {
    let measures = read(&std::fs::read_to_string(dir.join("records.jsonl")).unwrap_or_default());
    let runs: Vec<RunLine> = std::fs::read_to_string(dir.join("runs.jsonl"))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let md = markdown(&measures, &runs);
    std::fs::write(dir.join("summary.md"), &md).with_context(|| format!("cannot write {}", dir.display()))?;
    for (name, svg) in plots(&measures, &runs) {
        std::fs::write(dir.join(format!("{name}.svg")), svg)?;
    }
    Ok(md)
}

/// Time units, as milliseconds.
fn to_ms(value: f64, unit: &str) -> Option<f64> {
    Some(match unit {
        "ns" => value / 1e6,
        "µs" | "us" => value / 1e3,
        "ms" => value,
        "s" => value * 1e3,
        _ => return None,
    })
}

/// The workloads in the order shown: the known ones, then any others
/// figures were recorded for.
fn workload_order(measures: &[Measure], runs: &[RunLine]) -> Vec<String> {
    let mut names: Vec<String> = WORKLOADS.iter().map(|w| w.name.to_owned()).collect();
    for n in measures
        .iter()
        .map(|m| &m.workload)
        .chain(runs.iter().map(|r| &r.workload))
    {
        if !names.contains(n) {
            names.push(n.clone());
        }
    }
    names
        .into_iter()
        .filter(|n| measures.iter().any(|m| &m.workload == n) || runs.iter().any(|r| &r.workload == n))
        .collect()
}

fn cell(v: Option<f64>, unit: &str) -> String {
    match v {
        None => "—".to_owned(),
        Some(v) if unit.is_empty() => short(v),
        Some(v) => format!("{} {unit}", short(v)),
    }
}

/// The tables: the runs (result, time, peak RSS, load) and, per workload,
/// its figures by size and engine.
pub fn markdown(measures: &[Measure], runs: &[RunLine]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "### Runs\n");
    let _ = writeln!(
        out,
        "| workload | size | result | wall time s | peak RSS MB | load average (1 min) at its end | command |"
    );
    let _ = writeln!(out, "|---|---:|---|---:|---:|---:|---|");
    for r in runs {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {:.1} | {} | {} | {} |",
            r.workload,
            r.size,
            r.result.replace('|', "\\|"),
            r.seconds,
            cell(r.peak_rss_mb, ""),
            cell(r.load, ""),
            if r.args.is_empty() {
                "—".to_owned()
            } else {
                format!("`kizuna {}`", r.args.join(" "))
            }
        );
    }
    for w in workload_order(measures, runs) {
        let mine: Vec<&Measure> = measures.iter().filter(|m| m.workload == w).collect();
        let _ = writeln!(out, "\n### {w}\n");
        let not_ok: Vec<&RunLine> = runs.iter().filter(|r| r.workload == w && !r.ok()).collect();
        for r in &not_ok {
            let _ = writeln!(out, "- at {}: {}", r.size, r.result);
        }
        if !not_ok.is_empty() {
            out.push('\n');
        }
        if mine.is_empty() {
            let _ = writeln!(out, "No figures recorded.");
            continue;
        }
        if runs.iter().any(|r| r.workload == w) || mine.iter().any(|m| m.load.is_some()) {
            let _ = writeln!(out, "Plot: [{w}.svg]({w}.svg)\n");
        }
        // Metrics in the order first recorded, each with its unit.
        let mut metrics: Vec<(String, String)> = Vec::new();
        for m in &mine {
            if !metrics.iter().any(|(n, u)| n == &m.metric && u == &m.unit) {
                metrics.push((m.metric.clone(), m.unit.clone()));
            }
        }
        // (size, engine) groups in the order first recorded, sizes ascending.
        let mut groups: Vec<(u64, String)> = Vec::new();
        for m in &mine {
            if !groups.iter().any(|(s, e)| *s == m.size && e == &m.engine) {
                groups.push((m.size, m.engine.clone()));
            }
        }
        groups.sort_by_key(|g| g.0);
        let rss = |size: u64| {
            runs.iter()
                .filter(|r| r.workload == w && r.size == size)
                .filter_map(|r| r.peak_rss_mb)
                .fold(None, |a: Option<f64>, b| Some(a.map_or(b, |a| a.max(b))))
        };
        let find = |size: u64, engine: &str, metric: &str, unit: &str| {
            mine.iter()
                .rev()
                .find(|m| m.size == size && m.engine == engine && m.metric == metric && m.unit == unit)
                .map(|m| m.value)
        };
        let load = |size: u64, engine: &str| {
            let l: Vec<f64> = mine
                .iter()
                .filter(|m| m.size == size && m.engine == engine)
                .filter_map(|m| m.load)
                .collect();
            (!l.is_empty()).then(|| l.iter().sum::<f64>() / l.len() as f64)
        };
        if metrics.len() <= 6 {
            let _ = write!(out, "| size | engine |");
            for (n, u) in &metrics {
                if u.is_empty() {
                    let _ = write!(out, " {n} |");
                } else {
                    let _ = write!(out, " {n} ({u}) |");
                }
            }
            let _ = writeln!(out, " peak RSS of the run (MB) | load average (1 min) |");
            let _ = writeln!(out, "|---:|---|{}---:|---:|", "---:|".repeat(metrics.len()));
            for (size, engine) in &groups {
                let _ = write!(out, "| {size} | {engine} |");
                for (n, u) in &metrics {
                    let _ = write!(out, " {} |", cell(find(*size, engine, n, u), ""));
                }
                let _ = writeln!(out, " {} | {} |", cell(rss(*size), ""), cell(load(*size, engine), ""));
            }
        } else {
            // Many metrics (a figure per page): a row per figure, a column per size.
            let sizes: BTreeSet<u64> = groups.iter().map(|g| g.0).collect();
            let engines: Vec<String> = groups.iter().fold(Vec::new(), |mut v, g| {
                if !v.contains(&g.1) {
                    v.push(g.1.clone());
                }
                v
            });
            let _ = write!(out, "| engine | figure |");
            for s in &sizes {
                let _ = write!(out, " {s} |");
            }
            let _ = writeln!(out);
            let _ = writeln!(out, "|---|---|{}", "---:|".repeat(sizes.len()));
            for e in &engines {
                for (n, u) in &metrics {
                    if sizes.iter().all(|s| find(*s, e, n, u).is_none()) {
                        continue;
                    }
                    let _ = write!(out, "| {e} | {n} |");
                    for s in &sizes {
                        let _ = write!(out, " {} |", cell(find(*s, e, n, u), u));
                    }
                    let _ = writeln!(out);
                }
                let _ = write!(out, "| {e} | load average (1 min) |");
                for s in &sizes {
                    let _ = write!(out, " {} |", cell(load(*s, e), ""));
                }
                let _ = writeln!(out);
            }
            let _ = write!(out, "| (the run) | peak RSS |");
            for s in &sizes {
                let _ = write!(out, " {} |", cell(rss(*s), "MB"));
            }
            let _ = writeln!(out);
        }
    }
    out
}

/// The figures a workload's plot shows, and the y axis's label: medians
/// (else any time, else any throughput, else the first metric), in ms.
fn plotted(mine: &[&Measure]) -> (Vec<(String, String, u64, f64)>, String) {
    let times: Vec<&&Measure> = mine.iter().filter(|m| to_ms(1.0, &m.unit).is_some()).collect();
    let medians: Vec<&&Measure> = times
        .iter()
        .copied()
        .filter(|m| m.metric == "median" || m.metric.starts_with("median ") || m.metric == "p50")
        .collect();
    let as_ms = |ms: Vec<&&Measure>, label: &str| {
        let pts = ms
            .iter()
            .filter_map(|m| Some((m.engine.clone(), m.metric.clone(), m.size, to_ms(m.value, &m.unit)?)))
            .collect();
        (pts, label.to_owned())
    };
    if !medians.is_empty() {
        return as_ms(medians, "median time (ms)");
    }
    if !times.is_empty() {
        return as_ms(times, "time (ms)");
    }
    let unit = mine
        .iter()
        .find(|m| m.unit.ends_with("/s"))
        .or_else(|| mine.first())
        .map(|m| m.unit.clone())
        .unwrap_or_default();
    let pts = mine
        .iter()
        .filter(|m| m.unit == unit)
        .map(|m| (m.engine.clone(), m.metric.clone(), m.size, m.value))
        .collect();
    (pts, if unit.is_empty() { "value".to_owned() } else { unit })
}

/// One SVG per workload with figures (name, document), and `peak-rss`.
pub fn plots(measures: &[Measure], runs: &[RunLine]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for w in workload_order(measures, runs) {
        let mine: Vec<&Measure> = measures.iter().filter(|m| m.workload == w).collect();
        if mine.is_empty() {
            continue;
        }
        let (points, y_label) = plotted(&mine);
        let metrics: BTreeSet<&str> = points.iter().map(|p| p.1.as_str()).collect();
        // A line per engine (and per figure, when several are plotted).
        let mut lines: BTreeMap<String, BTreeMap<u64, f64>> = BTreeMap::new();
        for (engine, metric, size, v) in &points {
            let label = if metrics.len() > 1 {
                format!("{engine} · {metric}")
            } else {
                engine.clone()
            };
            // The last figure recorded for a size wins (a rerun).
            lines.entry(label).or_default().insert(*size, *v);
        }
        let counts = WORKLOADS.iter().find(|x| x.name == w).map_or("size", |x| x.counts);
        let metric_note = if metrics.len() == 1 {
            metrics.iter().next().map(|m| format!(" ({m})")).unwrap_or_default()
        } else {
            String::new()
        };
        let plot = Plot {
            title: format!("{w}: cost against size{metric_note}"),
            x_label: format!("size ({counts}, log scale)"),
            y_label: format!("{y_label}, log scale"),
            series: lines
                .into_iter()
                .map(|(label, pts)| Series {
                    label,
                    points: pts.into_iter().map(|(s, v)| (s as f64, v)).collect(),
                })
                .collect(),
        };
        out.push((w.clone(), crate::plot::svg(&plot)));
    }
    let mut rss: BTreeMap<String, BTreeMap<u64, f64>> = BTreeMap::new();
    for r in runs {
        if let Some(mb) = r.peak_rss_mb.filter(|_| r.ok()) {
            rss.entry(r.workload.clone()).or_default().insert(r.size, mb);
        }
    }
    if !rss.is_empty() {
        let plot = Plot {
            title: "Peak RSS of each benchmark's process against size".to_owned(),
            x_label: "size (each workload's own count, log scale)".to_owned(),
            y_label: "peak RSS (MB), log scale".to_owned(),
            series: rss
                .into_iter()
                .map(|(label, pts)| Series {
                    label,
                    points: pts.into_iter().map(|(s, v)| (s as f64, v)).collect(),
                })
                .collect(),
        };
        out.push(("peak-rss".to_owned(), crate::plot::svg(&plot)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(w: &str, size: u64, engine: &str, metric: &str, value: f64, unit: &str) -> Measure {
        Measure {
            load: Some(1.5),
            ..Measure::new(w, size, engine, metric, value, unit)
        }
    }

    fn run(w: &str, size: u64, result: &str) -> RunLine {
        RunLine {
            workload: w.into(),
            size,
            args: vec!["bench".into(), w.into()],
            result: result.into(),
            seconds: 2.0,
            peak_rss_mb: Some(size as f64 / 100.0),
            load: Some(1.0),
        }
    }

    fn sample() -> (Vec<Measure>, Vec<RunLine>) {
        let measures = vec![
            m("places", 1000, "kizuna", "median", 3.9, "µs"),
            m("places", 1000, "postgis", "median", 0.266, "ms"),
            m("places", 1000, "kizuna", "p99", 9.0, "µs"),
            m("places", 10000, "kizuna", "median", 4.5, "µs"),
            m("places", 10000, "postgis", "median", 0.3, "ms"),
            m("import", 1000, "kizuna", "throughput", 80.0, "MB/s"),
        ];
        let runs = vec![
            run("places", 1000, "ok"),
            run("places", 10000, "ok"),
            run("import", 1000, "ok"),
            run("import", 10000, "failed: exit status 1: out of memory"),
            run(
                "stats",
                10000,
                "not run: `kizuna bench stats` does not exist in this build",
            ),
        ];
        (measures, runs)
    }

    #[test]
    fn the_table_holds_every_run_and_every_figure_by_size_and_engine() {
        let (measures, runs) = sample();
        let md = markdown(&measures, &runs);
        // Every run, those not run or failed included, with its peak RSS.
        assert!(md.contains("| stats | 10000 | not run: `kizuna bench stats` does not exist in this build |"));
        assert!(md.contains("| import | 10000 | failed: exit status 1: out of memory |"));
        assert!(md.contains("| places | 10000 | ok | 2.0 | 100 |"));
        // The workloads' tables: a row per size and engine, units in the head.
        assert!(md.contains("### places"));
        assert!(
            md.contains("| size | engine | median (µs) | median (ms) | p99 (µs) |"),
            "{md}"
        );
        assert!(md.contains("| 1000 | kizuna | 3.90 | — | 9.00 | 10.0 | 1.50 |"), "{md}");
        assert!(md.contains("| 10000 | postgis | — | 0.300 | — | 100 | 1.50 |"), "{md}");
        assert!(md.contains("- at 10000: failed: exit status 1: out of memory"));
        assert!(md.contains("### stats\n\n- at 10000: not run"));
        assert!(md.contains("No figures recorded."));
    }

    #[test]
    fn many_figures_become_rows_with_a_column_per_size() {
        let mut measures = Vec::new();
        for page in 0..5 {
            for metric in ["median", "p95"] {
                for size in [100, 1000] {
                    measures.push(m(
                        "pages",
                        size,
                        "sqlite",
                        &format!("{metric} page {page}"),
                        size as f64 / 10.0,
                        "ms",
                    ));
                }
            }
        }
        let md = markdown(&measures, &[run("pages", 100, "ok"), run("pages", 1000, "ok")]);
        assert!(md.contains("| engine | figure | 100 | 1000 |"), "{md}");
        assert!(md.contains("| sqlite | median page 3 | 10.0 ms | 100 ms |"), "{md}");
        assert!(md.contains("| (the run) | peak RSS | 1.00 MB | 10.0 MB |"), "{md}");
    }

    #[test]
    fn a_plot_per_workload_in_one_unit_with_a_line_per_engine() {
        let (measures, runs) = sample();
        let plots = plots(&measures, &runs);
        let names: Vec<&str> = plots.iter().map(|p| p.0.as_str()).collect();
        assert_eq!(names, ["places", "import", "peak-rss"]);
        let places = &plots[0].1;
        // Medians only, µs and ms on one axis in ms; a line per engine.
        assert_eq!(places.matches("<polyline").count(), 2);
        assert!(places.contains(">kizuna</text>") && places.contains(">postgis</text>"));
        assert!(places.contains("median time (ms)"));
        assert!(places.contains("size (places, log scale)"));
        // The import plot falls back to throughput.
        assert!(plots[1].1.contains("MB/s"));
        // Peak RSS: only runs that ended well.
        assert_eq!(plots[2].1.matches("<circle").count(), 3);
    }

    #[test]
    fn the_child_gets_the_flags_its_help_lists() {
        let w = WORKLOADS.iter().find(|w| w.name == "search").unwrap();
        let help = "Options:\n      --docs <DOCS>\n      --queries <QUERIES>\n      --no-postgres  Skip PostgreSQL";
        assert_eq!(
            child_args(w, 1000, help, true, true),
            ["bench", "search", "--docs", "1000", "--queries", "42", "--no-postgres"]
        );
        assert_eq!(
            child_args(w, 1000, help, false, false),
            ["bench", "search", "--docs", "1000"]
        );
        let stats = WORKLOADS.iter().find(|w| w.name == "stats").unwrap();
        // A benchmark without --quick is run without it.
        assert_eq!(
            child_args(stats, 100_000, "--participations <N>", true, true),
            ["bench", "stats", "--participations", "100000"]
        );
        let annual = WORKLOADS.iter().find(|w| w.name == "annual").unwrap();
        assert_eq!(
            child_args(annual, 500, "--trainees --outcomes --runs --backend", true, true),
            [
                "bench",
                "annual",
                "--trainees",
                "500",
                "--runs",
                "2",
                "--outcomes",
                "50",
                "--backend",
                "sqlite"
            ]
        );
    }

    #[test]
    fn a_failing_child_is_reported_with_its_last_words() {
        assert_eq!(tail("a\n\nb\nerror: no hotel\n\n", 2), "b / error: no hotel");
        assert_eq!(
            tail("\u{1b}[2mwhen\u{1b}[0m \u{1b}[33m WARN\u{1b}[0m slow", 1),
            "when  WARN slow"
        );
        assert_eq!(tail(&"x".repeat(500), 1).chars().count(), 200);
        let dir = std::env::temp_dir().join(format!("kizuna-all-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (result, _) = run_child(
            Path::new("/bin/sh"),
            &["-c".into(), "echo out; echo why >&2; exit 3".into()],
            &dir.join("r"),
            &dir.join("o"),
            &dir.join("e"),
            Duration::from_secs(30),
            "bench0",
        )
        .unwrap();
        assert_eq!(result, Err(Stop::Failed("exit status 3".into())));
        assert_eq!(std::fs::read_to_string(dir.join("o")).unwrap(), "out\n");
        let (result, _) = run_child(
            Path::new("/bin/sh"),
            &["-c".into(), "sleep 30".into()],
            &dir.join("r"),
            &dir.join("o"),
            &dir.join("e"),
            Duration::from_millis(300),
            "bench0",
        )
        .unwrap();
        assert_eq!(result, Err(Stop::TimedOut(Duration::from_millis(300))));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_time_limit_grows_with_the_size() {
        assert_eq!(time_limit(1_000), Duration::from_secs(300));
        assert!(time_limit(100_000) < time_limit(1_000_000));
        assert_eq!(time_limit(1_000_000), Duration::from_secs(30 * 60));
    }

    #[test]
    fn what_a_stopped_child_left_is_dropped_by_its_run_name_and_templates_last() {
        let dir = std::env::temp_dir().join("kizuna-tests");
        std::fs::create_dir_all(&dir).unwrap();
        let run = format!("benchtest{}", std::process::id());
        let left = dir.join(format!("kizuna_test_{run}_123_0_9.sqlite3"));
        let template = dir.join(format!("kizuna_test_{run}_template_trainees10.sqlite3"));
        let other = dir.join(format!("kizuna_test_other{run}_1_0_9.sqlite3"));
        for f in [&left, &template, &other] {
            std::fs::write(f, b"x").unwrap();
        }
        assert!(drop_left_over(&run, true) >= 1);
        assert!(!left.exists() && template.exists() && other.exists());
        assert!(drop_left_over(&run, false) >= 1);
        assert!(!template.exists() && other.exists());
        let _ = std::fs::remove_file(other);
    }
}
