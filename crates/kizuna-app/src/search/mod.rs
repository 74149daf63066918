//! One search over the records of every system (issue #16): the documents
//! built from the store's records (`docs.rs`), the index kept in a
//! directory next to the database and brought up to date from the change
//! feed (positions in its commit payload, so a crash loses nothing: the
//! next open applies what it missed), searches by role, and the audit of
//! people found. The analysis and the index are `kizuna-search`'s. A
//! whole build (`build.rs`) commits a batch at a time: a server opens the
//! index at once ([`Search::start`]) and builds it in the background,
//! answering from what is written so far meanwhile ([`Search::building`]).

mod build;
mod docs;
mod served;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use kizuna_domain::common::Id;
use kizuna_search::{Filter, Gazetteer, Query, SearchDoc, SearchIndex, highlights};
use kizuna_store::StoreError;
use serde::Serialize;

use crate::{App, AppError};

pub use build::Building;
pub use docs::{KINDS, SYSTEMS};
pub use served::Grouped;

/// Every record's search document as the index would hold it (the corpus
/// the recall test and the benchmarks read).
pub async fn documents(app: &App) -> SearchResult<Vec<SearchDoc>> {
    docs::all(app).await
}

/// An error of a search: the store's, or the index's files.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error(transparent)]
    App(#[from] AppError),
    #[error(transparent)]
    Index(#[from] kizuna_search::IndexError),
    #[error("the search index work stopped: {0}")]
    Join(String),
}

impl From<StoreError> for SearchError {
    fn from(e: StoreError) -> Self {
        SearchError::App(e.into())
    }
}

pub type SearchResult<T> = std::result::Result<T, SearchError>;

/// Who is searching: what they may find.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Searcher {
    /// Anonymous visitors: places and public pages.
    Public,
    /// Staff: everything.
    Staff,
    /// A partner organisation's account: its own records.
    Partner(Id),
}

/// The kinds anonymous visitors may find (outcomes only when public).
pub const PUBLIC_KINDS: [&str; 2] = ["place", "outcome"];

impl Searcher {
    fn audiences(self) -> Vec<String> {
        match self {
            Searcher::Public => vec!["public".into()],
            Searcher::Staff => vec!["staff".into()],
            Searcher::Partner(org) => vec![format!("partner:{org}")],
        }
    }

    /// What this searcher may find of `kinds` (every kind when empty);
    /// `None` when that is nothing. Visitors search places and public
    /// pages only, whatever they ask.
    fn filter(self, kinds: &[String]) -> Option<Filter> {
        let mut kinds: Vec<String> = kinds.to_vec();
        if self == Searcher::Public {
            if kinds.is_empty() {
                kinds = PUBLIC_KINDS.iter().map(ToString::to_string).collect();
            } else {
                kinds.retain(|k| PUBLIC_KINDS.contains(&k.as_str()));
                if kinds.is_empty() {
                    return None;
                }
            }
        }
        Some(Filter {
            kinds,
            audiences: self.audiences(),
        })
    }
}

/// One result: the record, its title in the reader's language, and the
/// byte ranges of that title that matched.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchHit {
    pub kind: String,
    pub id: i64,
    pub title: String,
    /// Byte ranges `[start, end)` of `title` that matched the query.
    pub title_matches: Vec<[usize; 2]>,
    /// A part of the description or story, when it matched.
    pub excerpt: Option<String>,
    pub excerpt_matches: Vec<[usize; 2]>,
    pub score: f32,
}

/// The search index with the gazetteer its queries use.
pub struct Search {
    index: Arc<SearchIndex>,
    gazetteer: Gazetteer,
    state: Arc<build::State>,
}

/// How long a search waits for another's catch-up of the index before it
/// answers from the index as it is.
const CATCH_UP_WAIT: Duration = Duration::from_secs(2);
/// Records left to index up to which [`Search::start`] builds the index
/// before returning (one batch of a build).
const BUILT_BEFORE_LISTENING: u64 = 10_000;
/// How long [`Search::keep_up`] waits for a catch-up (a build goes on past it).
const KEEP_UP_WAIT: Duration = Duration::from_secs(5);

/// The index's directory for a database: `<db>.search` beside a SQLite
/// file, or `kizuna-search` in the working directory for a server.
pub fn default_dir(database_url: &str) -> std::path::PathBuf {
    let path = database_url
        .strip_prefix("sqlite://")
        .or_else(|| database_url.strip_prefix("sqlite:"));
    match path {
        Some(p) => {
            let p = p.split('?').next().unwrap_or(p);
            std::path::PathBuf::from(format!("{p}.search"))
        }
        None => std::path::PathBuf::from("kizuna-search"),
    }
}

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> SearchResult<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| SearchError::Join(e.to_string()))
}

fn excerpt(body: &str, q: &Query) -> Option<(String, Vec<[usize; 2]>)> {
    let ranges = highlights(q, body);
    let &(first, _) = ranges.first()?;
    // Up to 60 characters before the first match, 200 in all.
    let start = body[..first].char_indices().rev().nth(59).map_or(0, |(i, _)| i);
    let end = body[start..]
        .char_indices()
        .nth(200)
        .map_or(body.len(), |(i, _)| start + i);
    let text = body[start..end].to_string();
    let marks = ranges
        .into_iter()
        .filter(|&(s, e)| s >= start && e <= end)
        .map(|(s, e)| [s - start, e - start])
        .collect();
    Some((text, marks))
}

/// A found document as a hit for a reader of `lang`: its title in that
/// language, what matched in it, and an excerpt of the body around a match.
fn hit(query: &Query, f: kizuna_search::Found, lang: &str) -> SearchHit {
    let title = docs::title_in(&f.doc, lang);
    let title_matches = highlights(query, &title).into_iter().map(|(s, e)| [s, e]).collect();
    let (excerpt, excerpt_matches) = excerpt(&f.doc.body, query).map_or((None, vec![]), |(t, m)| (Some(t), m));
    SearchHit {
        kind: f.doc.kind,
        id: f.doc.id,
        title,
        title_matches,
        excerpt,
        excerpt_matches,
        score: f.score,
    }
}

/// People found are noted in the audit log as viewed by the searcher.
async fn audit_people(app: &App, hits: &[SearchHit]) -> SearchResult<()> {
    let people: Vec<Id> = hits.iter().filter(|h| h.kind == "person").map(|h| h.id).collect();
    if !people.is_empty() {
        app.note_viewed(&people, "search").await?;
    }
    Ok(())
}

impl Search {
    /// The index kept in `dir` (or in memory), as it is: not built nor
    /// caught up (see [`Search::catch_up`]).
    pub async fn load(app: &App, dir: Option<&Path>) -> SearchResult<Self> {
        let index = Arc::new(match dir {
            Some(dir) => {
                let dir = dir.to_path_buf();
                blocking(move || SearchIndex::open(&dir)).await??
            }
            None => SearchIndex::in_memory()?,
        });
        let mut gazetteer = Gazetteer::built_in();
        docs::add_localities(app, &mut gazetteer).await?;
        let state = Arc::new(build::State::default());
        let (positions, stopped) = (index.positions()?, index.build()?);
        if build::needs_build(&positions, stopped.as_ref()) {
            let total = match &stopped {
                Some(b) => b.total,
                None => docs::count_all(app).await?,
            };
            state.set(false, stopped.map_or(0, |b| b.done), total);
        } else {
            let n = index.len();
            state.set(true, n, n);
        }
        Ok(Search {
            index,
            gazetteer,
            state,
        })
    }

    /// The index kept in `dir`, brought up to date from the change feed
    /// (built when it is new, too far behind, or its build stopped: going
    /// on from where it stopped).
    pub async fn open(app: &App, dir: &Path) -> SearchResult<Self> {
        let search = Self::load(app, Some(dir)).await?;
        search.catch_up(app).await?;
        Ok(search)
    }

    /// An index in memory, built from the store (tests).
    pub async fn in_memory(app: &App) -> SearchResult<Self> {
        let search = Self::load(app, None).await?;
        search.catch_up(app).await?;
        Ok(search)
    }

    /// A server's index (in `dir`, else in memory), returned at once and
    /// built or caught up in the background: searches meanwhile answer from
    /// the documents written so far ([`Search::building`] says how many).
    /// A build that fails is taken up again by the next [`Search::catch_up`].
    pub async fn start(app: &App, dir: Option<&Path>) -> SearchResult<Arc<Self>> {
        let search = Arc::new(Self::load(app, dir).await?);
        // A small store (the demo's) is built before the server listens, in
        // a second or two: its first searches find everything.
        if search
            .building()
            .is_some_and(|b| b.total.saturating_sub(b.indexed) <= BUILT_BEFORE_LISTENING)
        {
            search.catch_up(app).await?;
            return Ok(search);
        }
        let (writer, app) = (search.writer(), app.clone());
        tokio::spawn(async move {
            if let Err(e) = writer.catch_up(&app).await {
                tracing::warn!(error = %e, "the search index could not be built; trying again on the next catch-up");
            }
        });
        Ok(search)
    }

    /// `Some` while the index does not hold every record (a build under
    /// way, or not yet begun): how many it holds of how many.
    pub fn building(&self) -> Option<Building> {
        self.state.building()
    }

    /// How far the last build got (every document once it is complete).
    pub fn progress(&self) -> Building {
        self.state.progress()
    }

    /// The number of documents in the index.
    pub fn len(&self) -> u64 {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// What writes the index: catch-ups and builds.
    fn writer(&self) -> build::Writer {
        build::Writer {
            index: self.index.clone(),
            state: self.state.clone(),
        }
    }

    /// Every document again from the store (how far it has got in
    /// [`Search::progress`]), then the changes made meanwhile; the count
    /// of documents written.
    pub async fn rebuild(&self, app: &App) -> SearchResult<u64> {
        self.writer().rebuild(app).await
    }

    /// Applies the changes logged since the index's positions; builds the
    /// index when it has none, its build stopped (going on from there), or
    /// there are too many changes. While a build runs (here or on another
    /// task) this returns at once: the build catches up when it is done.
    pub async fn catch_up(&self, app: &App) -> SearchResult<()> {
        self.writer().catch_up(app).await
    }

    /// A server's [`Search::catch_up`]: waited for a few seconds at most;
    /// a build goes on in the background past them (searches meanwhile
    /// find what is written so far), so a caller such as the server's loop
    /// following the change feed is never held up by one.
    pub async fn keep_up(&self, app: &App) -> SearchResult<()> {
        let (writer, app) = (self.writer(), app.clone());
        let task = tokio::spawn(async move { writer.catch_up(&app).await });
        match tokio::time::timeout(KEEP_UP_WAIT, task).await {
            Ok(Ok(done)) => done,
            Ok(Err(e)) => Err(SearchError::Join(e.to_string())),
            Err(_) => Ok(()),
        }
    }

    /// Before a search: the changes since the last catch-up, when the index
    /// is complete and no other catch-up holds it for long; never a build
    /// (a server's catch-up does that), so a search answers at once.
    async fn catch_up_for_search(&self, app: &App) -> SearchResult<()> {
        if self.state.running() || self.state.building().is_some() {
            return Ok(());
        }
        let Ok(_writing) = tokio::time::timeout(CATCH_UP_WAIT, self.state.writing.lock()).await else {
            return Ok(());
        };
        if self.state.running() || build::needs_build(&self.index.positions()?, self.index.build()?.as_ref()) {
            return Ok(());
        }
        // Too many changes to apply one by one is the catch-up's to rebuild.
        self.writer().apply_changes(app).await?;
        Ok(())
    }

    /// The parsed query for a text (what `--explain` prints).
    pub fn parse(&self, q: &str) -> Option<Query> {
        kizuna_search::parse(q, &self.gazetteer)
    }

    /// Searches as `who`, for `kinds` (all when empty), titles in `lang`;
    /// people found are noted in the audit log.
    pub async fn search(
        &self,
        app: &App,
        who: Searcher,
        q: &str,
        kinds: &[String],
        lang: &str,
        limit: usize,
    ) -> SearchResult<Vec<SearchHit>> {
        self.catch_up_for_search(app).await?;
        let Some(query) = self.parse(q) else {
            return Ok(Vec::new());
        };
        let Some(filter) = who.filter(kinds) else {
            return Ok(Vec::new());
        };
        let (index, q2) = (self.index.clone(), query.clone());
        let found = blocking(move || index.search(&q2, &filter, limit.clamp(1, 100))).await??;
        let hits: Vec<SearchHit> = found.into_iter().map(|f| hit(&query, f, lang)).collect();
        audit_people(app, &hits).await?;
        Ok(hits)
    }
}
