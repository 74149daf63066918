//! `kizuna bench import-memory`: the peak memory of a trainee import (a
//! dry run: every row read and checked, nothing written), as a multiple of
//! the file's size, for a real workbook near the cell limit and for the
//! attack workbooks of `kizuna_io::samples` (a zip bomb that unpacks to a
//! gigabyte, the same with understated sizes).
//!
//! Each file is imported in a child process (`kizuna bench
//! import-memory-child`), so that one import's memory does not hide
//! another's. The child opens its store and loads the demo first, then
//! resets its peak resident size (`/proc/self/clear_refs`), imports, and
//! reports the peak (`VmHWM` in `/proc/self/status`) above what it held
//! before: the memory the import itself took.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, bail};
use kizuna_app::App;
use kizuna_app::training::transfer::FileFormat;
use kizuna_store::{Backend, Store};

use crate::{LoadWatch, Scratch};

/// A figure of `/proc/self/status`, in kB.
fn status_kb(field: &str) -> anyhow::Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status").context("reading /proc/self/status (Linux only)")?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .with_context(|| format!("no {field} in /proc/self/status"))
}

/// What one child reports.
struct Measured {
    file: String,
    bytes: u64,
    outcome: String,
    peak_growth_kb: u64,
    seconds: f64,
}

/// The child: load the demo into a fresh store at `database_url`, reset the
/// peak, import `file` as a dry run, print the peak growth and the outcome.
pub async fn child(database_url: &str, file: &Path) -> anyhow::Result<()> {
    let app = App::new(Store::open(database_url).await?);
    app.load_demo().await?;
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let format = if file.extension().is_some_and(|e| e == "csv") {
        FileFormat::Csv
    } else {
        FileFormat::Xlsx
    };
    // From here the peak counts only the import.
    std::fs::write("/proc/self/clear_refs", "5").context("resetting the peak (/proc/self/clear_refs)")?;
    let before = status_kb("VmRSS:")?;
    let t = Instant::now();
    let outcome = match app.import_trainees(&bytes, format, true).await {
        Ok(r) => format!("read and checked: {} rows, none rejected", r.rows),
        Err(kizuna_app::AppError::ImportRejected(rows)) => format!("read and checked: {} rows rejected", rows.len()),
        Err(kizuna_app::AppError::TooLarge(m)) => format!("refused, 413: {m}"),
        Err(e) => format!("refused: {e}"),
    };
    let seconds = t.elapsed().as_secs_f64();
    let peak = status_kb("VmHWM:")?;
    println!(
        "{}\t{}\t{:.3}\t{}",
        bytes.len(),
        peak.saturating_sub(before),
        seconds,
        outcome.replace(['\t', '\n'], " ")
    );
    app.store.close().await;
    Ok(())
}

/// Run the child on `file` (on a fresh store, dropped afterwards) and read
/// what it reports.
async fn measure(exe: &Path, file: &Path, scratch: &mut Scratch) -> anyhow::Result<Measured> {
    let url = scratch.fresh(Backend::Sqlite).await?;
    let out = Command::new(exe)
        .args(["bench", "import-memory-child", "--database-url"])
        .arg(&url)
        .arg("--file")
        .arg(file)
        .output()
        .context("running the child")?;
    scratch.release(&url).await;
    if !out.status.success() {
        bail!("the child failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    let line = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    let mut parts = line.splitn(4, '\t');
    let mut next = || parts.next().context("a short report from the child");
    let bytes: u64 = next()?.parse()?;
    let peak_growth_kb: u64 = next()?.parse()?;
    let seconds: f64 = next()?.parse()?;
    let outcome = next()?.to_owned();
    Ok(Measured {
        file: file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        bytes,
        outcome,
        peak_growth_kb,
        seconds,
    })
}

/// `kizuna bench import-memory`: write the files, measure each in a child,
/// print a Markdown table.
pub async fn import_memory(synthetic: usize, bomb_mb: u64) -> anyhow::Result<()> {
    let mut scratch = Scratch::default();
    let result = run(synthetic, bomb_mb, &mut scratch).await;
    scratch.drop_all().await;
    result
}

async fn run(synthetic: usize, bomb_mb: u64, scratch: &mut Scratch) -> anyhow::Result<()> {
    let load = LoadWatch::start();
    let exe = std::env::current_exe().context("finding the kizuna binary")?;
    let dir = scratch.dir(std::env::temp_dir().join(format!("kizuna-import-memory-{}", std::process::id())))?;

    // A real workbook: the trainee export of the demo plus synthetic trainees.
    let url = scratch.fresh(Backend::Sqlite).await?;
    let app = App::new(Store::open(&url).await?);
    app.load_demo().await?;
    crate::data::seed_trainees(&app, synthetic).await?;
    let real_xlsx = app.export_trainees(FileFormat::Xlsx).await?;
    let real_csv = app.export_trainees(FileFormat::Csv).await?;
    app.store.close().await;
    scratch.release(&url).await;
    let rows = bomb_mb * 1024 * 1024 / kizuna_io::samples::BOMB_ROW.len() as u64;
    let bomb = kizuna_io::samples::bomb(rows);
    let files: Vec<(PathBuf, Vec<u8>)> = vec![
        (dir.join("trainees.xlsx"), real_xlsx),
        (dir.join("trainees.csv"), real_csv),
        (dir.join(format!("bomb-{bomb_mb}MB.xlsx")), bomb.clone()),
        (
            dir.join(format!("bomb-{bomb_mb}MB-understated.xlsx")),
            kizuna_io::samples::lying_sizes(bomb),
        ),
        (dir.join("far-cell.xlsx"), kizuna_io::samples::far_cell("XFD1048576")),
    ];
    println!("| file | size | outcome | peak memory of the import | × file size | time |");
    println!("|---|---:|---|---:|---:|---:|");
    for (path, bytes) in &files {
        std::fs::write(path, bytes)?;
        let m = measure(&exe, path, scratch).await?;
        #[allow(clippy::cast_precision_loss)]
        let multiple = (m.peak_growth_kb * 1024) as f64 / m.bytes.max(1) as f64;
        #[allow(clippy::cast_precision_loss)]
        let (size_mb, peak_mb) = (m.bytes as f64 / 1_048_576.0, m.peak_growth_kb as f64 / 1024.0);
        let outcome: String = m.outcome.chars().take(90).collect();
        println!(
            "| {} | {size_mb:.2} MB | {outcome} | {peak_mb:.1} MB | {multiple:.1} | {:.2} s |",
            m.file, m.seconds
        );
    }
    println!("\n{}", load.line());
    Ok(())
}
