//! One search over the records of every system (issue #16): the documents
//! built from the store's records (`docs.rs`), the index kept in a
//! directory next to the database and brought up to date from the change
//! feed (positions in its commit payload, so a crash loses nothing: the
//! next open applies what it missed), searches by role, and the audit of
//! people found. The analysis and the index are `kizuna-search`'s.

mod docs;
mod served;

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use kizuna_domain::common::Id;
use kizuna_search::{Filter, Gazetteer, Positions, Query, SearchDoc, SearchIndex, highlights};
use kizuna_store::StoreError;
use serde::Serialize;

use crate::{App, AppError};

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
}

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
    /// The index kept in `dir`, brought up to date from the change feed
    /// (rebuilt when it is new or too far behind).
    pub async fn open(app: &App, dir: &Path) -> SearchResult<Self> {
        let dir = dir.to_path_buf();
        let index = Arc::new(blocking(move || SearchIndex::open(&dir)).await??);
        let mut gazetteer = Gazetteer::built_in();
        docs::add_localities(app, &mut gazetteer).await?;
        let search = Search { index, gazetteer };
        search.catch_up(app).await?;
        Ok(search)
    }

    /// An index in memory, built from the store (tests).
    pub async fn in_memory(app: &App) -> SearchResult<Self> {
        let index = Arc::new(SearchIndex::in_memory()?);
        let mut gazetteer = Gazetteer::built_in();
        docs::add_localities(app, &mut gazetteer).await?;
        let search = Search { index, gazetteer };
        search.rebuild(app, |_| {}).await?;
        Ok(search)
    }

    /// The number of documents in the index.
    pub fn len(&self) -> u64 {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// Every document again from the store; `progress` gets the count
    /// written so far.
    pub async fn rebuild(&self, app: &App, progress: impl FnMut(usize) + Send + 'static) -> SearchResult<usize> {
        let versions = app.store.system_versions(&SYSTEMS).await?;
        let docs = docs::all(app).await?;
        let positions = Positions {
            format: kizuna_search::index::FORMAT,
            versions: SYSTEMS
                .iter()
                .zip(versions)
                .map(|(s, v)| (s.as_str().to_string(), v))
                .collect(),
        };
        let index = self.index.clone();
        Ok(blocking(move || index.replace_all(docs, positions, progress)).await??)
    }

    /// Applies the changes logged since the index's positions; rebuilds
    /// when there are too many, or the index has none.
    pub async fn catch_up(&self, app: &App) -> SearchResult<()> {
        let held = self.index.positions()?;
        if SYSTEMS.iter().any(|s| !held.versions.contains_key(s.as_str())) {
            self.rebuild(app, |_| {}).await?;
            return Ok(());
        }
        let mut positions = held.clone();
        let mut upserts = Vec::new();
        let mut deletes = Vec::new();
        for system in SYSTEMS {
            let since = held.versions.get(system.as_str()).copied().unwrap_or(0);
            let Some(changes) = app.store.changes_since(system, since, 20_000).await? else {
                self.rebuild(app, |_| {}).await?;
                return Ok(());
            };
            let Some(last) = changes.last().map(|c| c.version) else {
                continue;
            };
            let mut by_entity: BTreeMap<String, HashSet<Id>> = BTreeMap::new();
            for c in &changes {
                by_entity.entry(c.entity.clone()).or_default().insert(c.record_id);
            }
            for (entity, ids) in by_entity {
                let ids: Vec<Id> = ids.into_iter().collect();
                let Some((kind, found)) = docs::by_entity(app, &entity, &ids).await? else {
                    continue;
                };
                let alive: HashSet<i64> = found.iter().map(|d| d.id).collect();
                deletes.extend(
                    ids.iter()
                        .filter(|id| !alive.contains(id))
                        .map(|id| (kind.to_string(), *id)),
                );
                upserts.extend(found);
            }
            positions.versions.insert(system.as_str().to_string(), last);
        }
        if positions != held {
            let index = self.index.clone();
            blocking(move || index.apply(&upserts, &deletes, &positions)).await??;
        }
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
        self.catch_up(app).await?;
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
