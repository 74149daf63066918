//! `kizuna reindex` and `kizuna search`: the search index rebuilt from the
//! store (progress on stderr), and a query as staff (JSON or text;
//! `--explain` prints the parsed query).

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use kizuna_app::search::{Search, Searcher, default_dir};

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

/// The index in `path`, or what to do when another process (a running
/// `kizuna serve`) holds it.
async fn open_index(app: &kizuna_app::App, path: &std::path::Path) -> anyhow::Result<Search> {
    Search::open(app, path).await.map_err(|e| {
        if e.to_string().contains("LockBusy") {
            anyhow::anyhow!(
                "the search index in {} is in use by another kizuna process (a running `kizuna serve`?): \
                 search through its web pages or GET /api/v1/search, or stop it to rebuild",
                path.display()
            )
        } else {
            e.into()
        }
    })
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
    let search = open_index(&app, &path).await?;
    let n = search
        .rebuild(&app, |n| {
            let mut err = std::io::stderr();
            let _ = write!(err, "\rindexing… {n} documents");
            let _ = err.flush();
        })
        .await?;
    eprintln!("\rindexed {n} documents into {}", path.display());
    Ok(())
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
