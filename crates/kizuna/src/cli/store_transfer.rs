//! `kizuna export all` and `kizuna import all`: a whole store moved
//! between SQLite and PostgreSQL through one file (the format is
//! `kizuna-store/src/dump.rs`'s).

use std::io::{BufReader, BufWriter, Write};
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context as _;
use clap::Args;
use kizuna_store::Store;
use kizuna_store::dump::{ImportOptions, Manifest, TableSum};

/// `kizuna export all`.
#[derive(Args)]
pub struct ExportAll {
    /// The file to write (JSON lines; it is written beside as FILE.partial
    /// and renamed when complete).
    #[arg(long = "out", short = 'o', visible_alias = "output")]
    out: PathBuf,
}

/// `kizuna import all`.
#[derive(Args)]
pub struct ImportAll {
    /// A file written by `kizuna export all`.
    file: PathBuf,
    /// Replace everything the store holds (in the same transaction);
    /// without it, a store with data is refused.
    #[arg(long)]
    replace: bool,
}

/// What the store file does not carry, said after an export and an import.
const NOT_CARRIED: &str = "not in the file: the search index (rebuilt by `kizuna reindex`, or by the server as it \
     starts) and the street basemap's MBTiles file (`--basemap`: copy it yourself); photos, evidence and \
     placement documents are in the store and moved with it";

fn table_line(sum: &TableSum) {
    if sum.rows > 0 {
        eprintln!("  {:<32} {:>12} rows", sum.table, group(sum.rows));
    }
}

fn group(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn totals(m: &Manifest) -> (usize, u64) {
    (m.tables.len(), m.tables.iter().map(|t| t.rows).sum())
}

async fn open(url: &str) -> anyhow::Result<Store> {
    Store::open(url)
        .await
        .with_context(|| format!("cannot open the database {}", super::redact(url)))
}

/// `kizuna export all --out FILE`.
pub async fn export(database_url: &str, args: ExportAll) -> anyhow::Result<()> {
    let store = open(database_url).await?;
    let started = Instant::now();
    let partial = PathBuf::from(format!("{}.partial", args.out.display()));
    let file = std::fs::File::create(&partial).with_context(|| format!("cannot create {}", partial.display()))?;
    let mut out = BufWriter::with_capacity(1 << 20, file);
    eprintln!("exporting {} to {}", super::redact(database_url), args.out.display());
    let result = store.export_all(&mut out, &mut table_line).await;
    store.close().await;
    let manifest = match result {
        Ok(m) => m,
        Err(e) => {
            drop(out);
            let _ = std::fs::remove_file(&partial);
            return Err(e).context("the export stopped; no file was written");
        }
    };
    let file = out.into_inner().map_err(std::io::IntoInnerError::into_error)?;
    file.sync_all()
        .with_context(|| format!("cannot write {}", partial.display()))?;
    drop(file);
    std::fs::rename(&partial, &args.out).with_context(|| format!("cannot write {}", args.out.display()))?;
    let bytes = std::fs::metadata(&args.out).map(|m| m.len()).unwrap_or(0);
    let (tables, rows) = totals(&manifest);
    eprintln!(
        "exported {tables} tables, {} rows (schema version {}) to {}: {:.1} MB in {:.1} s",
        group(rows),
        manifest.schema_version,
        args.out.display(),
        bytes_mb(bytes),
        started.elapsed().as_secs_f64()
    );
    eprintln!("{NOT_CARRIED}");
    Ok(())
}

#[allow(clippy::cast_precision_loss)]
fn bytes_mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

/// `kizuna import all FILE [--replace]`.
pub async fn import(database_url: &str, args: ImportAll) -> anyhow::Result<()> {
    let file = std::fs::File::open(&args.file).with_context(|| format!("cannot read {}", args.file.display()))?;
    let bytes = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut input = BufReader::with_capacity(1 << 20, file);
    let store = open(database_url).await?;
    let started = Instant::now();
    eprintln!("importing {} into {}", args.file.display(), super::redact(database_url));
    let result = store
        .import_all(&mut input, ImportOptions { replace: args.replace }, &mut table_line)
        .await;
    store.close().await;
    let manifest = result.with_context(|| format!("{}: nothing was imported", args.file.display()))?;
    let (tables, rows) = totals(&manifest);
    eprintln!(
        "imported {tables} tables, {} rows from {} ({:.1} MB) in {:.1} s; every table's count and hash checked",
        group(rows),
        args.file.display(),
        bytes_mb(bytes),
        started.elapsed().as_secs_f64()
    );
    let index = kizuna_app::search::default_dir(database_url);
    if index.exists() {
        eprintln!(
            "the search index {} was made for what the store held before: run `kizuna reindex` to rebuild it",
            index.display()
        );
    }
    eprintln!("{NOT_CARRIED}");
    std::io::stderr().flush().ok();
    Ok(())
}
