//! `kizuna reindex` and `kizuna search`: the search index rebuilt from the
//! store (a progress bar on stderr), and a query as staff (JSON or text;
//! `--explain` prints the parsed query).

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::{Args, ValueEnum};
use kizuna_app::search::{Building, Search, Searcher, default_dir};

use super::open;

/// Where the index is kept: `--index-dir`, else beside the database.
#[derive(Args)]
pub struct IndexDir {
    /// The search index's directory (default: `<database>.search` beside a
    /// SQLite file, `./kizuna-search` for PostgreSQL).
    #[arg(long, env = "KIZUNA_SEARCH_DIR")]
    pub index_dir: Option<PathBuf>,
}

impl IndexDir {
    fn path(&self, url: &str) -> PathBuf {
        self.index_dir.clone().unwrap_or_else(|| default_dir(url))
    }
}

/// What to do when another process (a running `kizuna serve`) holds the
/// index in `path`.
fn explain_busy(e: kizuna_app::search::SearchError, path: &std::path::Path) -> anyhow::Error {
    if e.to_string().contains("LockBusy") {
        anyhow::anyhow!(
            "the search index in {} is in use by another kizuna process (a running `kizuna serve`?): \
             search through its web pages or GET /api/v1/search, or stop it to rebuild",
            path.display()
        )
    } else {
        e.into()
    }
}

/// The index in `path`, brought up to date (built, or its stopped build
/// gone on with, when need be).
async fn open_index(app: &kizuna_app::App, path: &std::path::Path) -> anyhow::Result<Search> {
    let search = Search::load(app, Some(path)).await.map_err(|e| explain_busy(e, path))?;
    if let Some(b) = search.building() {
        if b.indexed > 0 {
            eprintln!(
                "going on with the search index's build where it stopped ({} of {} records)",
                b.indexed, b.total
            );
        } else {
            eprintln!("building the search index ({} records)", b.total);
        }
    }
    search.catch_up(app).await?;
    Ok(search)
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Args)]
pub struct SearchArgs {
    /// What to look for, in any language or script.
    pub query: String,
    /// Only these kinds (person, organisation, locality, programme,
    /// activity, outcome, placement, delegation, place), comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub kind: Vec<String>,
    /// The language of the titles shown (en, ja, th, ms).
    #[arg(long, default_value = "en")]
    pub lang: String,
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Print the parsed query (to stderr) before the results.
    #[arg(long)]
    pub explain: bool,
    #[command(flatten)]
    pub dir: IndexDir,
}

pub async fn reindex(url: &str, dir: IndexDir) -> anyhow::Result<()> {
    let app = open(url).await?;
    let path = dir.path(url);
    let search = Arc::new(
        Search::load(&app, Some(&path))
            .await
            .map_err(|e| explain_busy(e, &path))?,
    );
    let bar = ProgressBar::start(&search);
    let n = search.rebuild(&app).await;
    bar.finish();
    let n = n?;
    eprintln!("indexed {n} records into {}", path.display());
    Ok(())
}

/// The rebuild's progress on standard error, redrawn five times a second
/// (as `kizuna places import --progress` draws its own).
struct ProgressBar {
    task: tokio::task::JoinHandle<()>,
    search: Arc<Search>,
    start: Instant,
}

impl ProgressBar {
    fn start(search: &Arc<Search>) -> Self {
        let start = Instant::now();
        let s = Arc::clone(search);
        let task = tokio::spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_millis(200)).await;
                let mut err = std::io::stderr();
                let _ = write!(err, "\r{}", progress_line(s.progress(), start.elapsed()));
                let _ = err.flush();
            }
        });
        ProgressBar {
            task,
            search: Arc::clone(search),
            start,
        }
    }

    fn finish(self) {
        self.task.abort();
        eprintln!("\r{}", progress_line(self.search.progress(), self.start.elapsed()));
    }
}

/// `[#########-----------]   450,000 of 1,000,000 records  6,000/s  1:32 left`
fn progress_line(p: Building, elapsed: Duration) -> String {
    #![allow(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss
    )]
    const WIDTH: usize = 24;
    let done = if p.total == 0 {
        1.0
    } else {
        (p.indexed as f64 / p.total as f64).min(1.0)
    };
    let filled = (done * WIDTH as f64).round() as usize;
    let rate = p.indexed as f64 / elapsed.as_secs_f64().max(1e-3);
    let left = if p.indexed >= p.total || rate < 1.0 {
        String::new()
    } else {
        let secs = ((p.total - p.indexed) as f64 / rate).round() as u64;
        format!("  {}:{:02} left", secs / 60, secs % 60)
    };
    format!(
        "[{}{}] {:>11} of {} records  {}/s{left} ",
        "#".repeat(filled),
        "-".repeat(WIDTH - filled),
        thousands(p.indexed),
        thousands(p.total),
        thousands(rate as u64),
    )
}

/// `1234567` as `1,234,567`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub async fn search(url: &str, args: SearchArgs) -> anyhow::Result<()> {
    for k in &args.kind {
        anyhow::ensure!(
            kizuna_app::search::KINDS.contains(&k.as_str()),
            "unknown kind \"{k}\"; one of {}",
            kizuna_app::search::KINDS.join(", ")
        );
    }
    let app = open(url).await?;
    let search = open_index(&app, &args.dir.path(url)).await?;
    if args.explain {
        match search.parse(&args.query) {
            Some(q) => eprintln!("query: {q}"),
            None => eprintln!("query: (nothing to search for)"),
        }
    }
    let hits = search
        .search(&app, Searcher::Staff, &args.query, &args.kind, &args.lang, args.limit)
        .await?;
    let mut out = String::new();
    match args.format {
        Format::Json => out = serde_json::to_string_pretty(&hits)? + "\n",
        Format::Text => {
            if hits.is_empty() {
                eprintln!("nothing found for \"{}\"", args.query);
            }
            for h in &hits {
                out.push_str(&format!("{}\t{}\t{}\t{:.2}\n", h.kind, h.id, h.title, h.score));
            }
        }
    }
    // A closed pipe (`| head`) is not an error.
    match std::io::stdout().write_all(out.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_shows_the_share_done_of_the_total() {
        let line = progress_line(
            Building {
                indexed: 250_000,
                total: 1_000_000,
            },
            Duration::from_secs(10),
        );
        assert!(
            line.starts_with(&format!("[{}{}]", "#".repeat(6), "-".repeat(18))),
            "{line}"
        );
        assert!(line.contains("250,000 of 1,000,000 records"), "{line}");
        assert!(line.contains("25,000/s"), "{line}");
        assert!(line.contains("0:30 left"), "{line}");
        // Done: a full bar, nothing left.
        let line = progress_line(Building { indexed: 7, total: 7 }, Duration::from_secs(1));
        assert!(line.starts_with(&format!("[{}]", "#".repeat(24))), "{line}");
        assert!(!line.contains("left"), "{line}");
    }
}
