//! Building the whole index from the store, a batch at a time: each batch
//! is one commit that says how far the build has got (`kizuna-search`'s
//! `Build`), so what is written is searchable at once, a build stopped by a
//! crash goes on from its last commit when the index is next opened, and a
//! server answers searches from the documents written so far meanwhile
//! (marked as such: [`Building`]). The work of a batch (the analysis and
//! tantivy's writing) runs on the blocking pool one batch at a time, so a
//! build takes at most one blocking thread besides tantivy's own writer.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use kizuna_domain::System;
use kizuna_domain::common::Id;
use kizuna_search::index::{Build, FORMAT};
use kizuna_search::{Positions, SearchDoc, SearchIndex};
use serde::Serialize;

use super::docs::{self, KINDS, SYSTEMS};
use super::{SearchResult, blocking};
use crate::App;

/// Documents written in one commit of a build (besides one at the end of
/// each kind, so the small kinds are searchable before the places).
const BATCH: usize = 10_000;
/// Records read from the store at a time.
const PAGE: u32 = 1000;
/// Changed records read and staged at a time by a catch-up.
const CHANGES_PAGE: usize = 500;
/// Changes of one system above which a catch-up builds the index again
/// instead of applying them one by one.
const MAX_CHANGES: usize = 20_000;

/// How far a build of the search index has got: searches meanwhile find
/// only the records indexed so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Building {
    /// Records indexed so far (searchable now).
    pub indexed: u64,
    /// Records in the store when the build began.
    pub total: u64,
}

/// What a [`super::Search`] knows of its index's state.
#[derive(Default)]
pub(super) struct State {
    /// Held by whoever writes the index: a catch-up or a build.
    pub(super) writing: tokio::sync::Mutex<()>,
    /// A build is running in this process.
    running: AtomicBool,
    /// The index holds every record (as of its feed positions).
    complete: AtomicBool,
    indexed: AtomicU64,
    total: AtomicU64,
}

impl State {
    pub(super) fn running(&self) -> bool {
        self.running.load(Ordering::Acquire)
    }

    pub(super) fn set(&self, complete: bool, indexed: u64, total: u64) {
        self.indexed.store(indexed, Ordering::Release);
        self.total.store(total, Ordering::Release);
        self.complete.store(complete, Ordering::Release);
    }

    pub(super) fn building(&self) -> Option<Building> {
        (!self.complete.load(Ordering::Acquire)).then(|| self.progress())
    }

    pub(super) fn progress(&self) -> Building {
        Building {
            indexed: self.indexed.load(Ordering::Acquire),
            total: self.total.load(Ordering::Acquire),
        }
    }
}

/// `running` while a build runs, cleared however it ends (an error, a
/// dropped task).
struct Running<'a>(&'a State);

impl<'a> Running<'a> {
    fn start(state: &'a State) -> Self {
        state.running.store(true, Ordering::Release);
        state.complete.store(false, Ordering::Release);
        Running(state)
    }
}

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.0.running.store(false, Ordering::Release);
    }
}

/// Whether an index with these positions and build needs one: it has
/// never been built for every system, or a build of it stopped.
pub(super) fn needs_build(positions: &Positions, build: Option<&Build>) -> bool {
    build.is_some() || SYSTEMS.iter().any(|s| !positions.versions.contains_key(s.as_str()))
}

/// What writes a [`super::Search`]'s index (catch-ups and builds), apart
/// from it so that a build can run on a task of its own.
#[derive(Clone)]
pub(super) struct Writer {
    pub(super) index: Arc<SearchIndex>,
    pub(super) state: Arc<State>,
}

impl Writer {
    /// See [`super::Search::rebuild`].
    pub(super) async fn rebuild(&self, app: &App) -> SearchResult<u64> {
        let _writing = self.state.writing.lock().await;
        let n = self.build(app, true).await?;
        self.apply_changes(app).await?;
        Ok(n)
    }

    /// See [`super::Search::catch_up`].
    pub(super) async fn catch_up(&self, app: &App) -> SearchResult<()> {
        if self.state.running() {
            return Ok(());
        }
        let _writing = self.state.writing.lock().await;
        if self.state.running() {
            return Ok(());
        }
        if needs_build(&self.index.positions()?, self.index.build()?.as_ref()) {
            self.build(app, false).await?;
        }
        if !self.apply_changes(app).await? {
            self.build(app, true).await?;
            self.apply_changes(app).await?;
        }
        Ok(())
    }

    /// The changes logged since the index's positions, applied in one
    /// commit; `false` (nothing applied) when there are too many to apply
    /// one by one. The caller holds `writing`. The records changed are read
    /// and handed to the index's writer [`CHANGES_PAGE`] at a time, so
    /// memory holds one page of them (the writer's own is bounded); nothing
    /// is searchable until the commit, and an error drops what was staged.
    pub(super) async fn apply_changes(&self, app: &App) -> SearchResult<bool> {
        let started = std::time::Instant::now();
        let held = self.index.positions()?;
        let mut positions = held.clone();
        let mut staged = false;
        let applied = self.stage_changes(app, &held, &mut positions, &mut staged).await;
        let stage_ms = started.elapsed().as_millis();
        let done = match applied {
            Ok(false) => Ok(false),
            Ok(true) if positions != held || staged => {
                let index = self.index.clone();
                blocking(move || index.commit_staged(&positions))
                    .await
                    .and_then(|r| r.map_err(Into::into))
                    .map(|()| true)
            }
            Ok(true) => Ok(true),
            Err(e) => Err(e),
        };
        if staged && !matches!(done, Ok(true)) {
            let index = self.index.clone();
            blocking(move || index.discard_staged()).await??;
        }
        if staged {
            tracing::debug!(
                stage_ms,
                total_ms = started.elapsed().as_millis(),
                "the search index caught up"
            );
        }
        done
    }

    /// Stages the changes since `held` (see [`Writer::apply_changes`]),
    /// moving `positions` on; `false` when there are too many.
    async fn stage_changes(
        &self,
        app: &App,
        held: &Positions,
        positions: &mut Positions,
        staged: &mut bool,
    ) -> SearchResult<bool> {
        for system in SYSTEMS {
            let since = held.versions.get(system.as_str()).copied().unwrap_or(0);
            let Some(changes) = app.store.changes_since(system, since, MAX_CHANGES).await? else {
                return Ok(false);
            };
            let Some(last) = changes.last().map(|c| c.version) else {
                continue;
            };
            let mut by_entity: BTreeMap<String, BTreeSet<Id>> = BTreeMap::new();
            for c in &changes {
                by_entity.entry(c.entity.clone()).or_default().insert(c.record_id);
            }
            drop(changes);
            if system == System::Map {
                // The map's own index first: a visitor waits for it, not
                // for this (which follows the same changes).
                app.place_index_caught_up().await?;
            }
            for (entity, ids) in by_entity {
                let ids: Vec<Id> = ids.into_iter().collect();
                for page in ids.chunks(CHANGES_PAGE) {
                    let Some((kind, found)) = docs::by_entity(app, &entity, page).await? else {
                        break;
                    };
                    let alive: HashSet<i64> = found.iter().map(|d| d.id).collect();
                    let deletes: Vec<(String, Id)> = page
                        .iter()
                        .filter(|id| !alive.contains(id))
                        .map(|id| (kind.to_string(), *id))
                        .collect();
                    let index = self.index.clone();
                    *staged = true;
                    blocking(move || index.stage(&found, &deletes)).await??;
                }
            }
            positions.versions.insert(system.as_str().to_string(), last);
        }
        Ok(true)
    }

    /// Builds the index from the store: from where a stopped build got to,
    /// unless `fresh` or there is none to go on with, else from the start.
    /// The caller holds `writing`. The count of documents written in all.
    async fn build(&self, app: &App, fresh: bool) -> SearchResult<u64> {
        let _running = Running::start(&self.state);
        let held = self.index.positions()?;
        let stopped = self.index.build()?.filter(|b| {
            !fresh
                && held.format == FORMAT
                && KINDS.contains(&b.kind.as_str())
                && SYSTEMS.iter().all(|s| held.versions.contains_key(s.as_str()))
        });
        let (positions, mut build) = match stopped {
            Some(b) => {
                tracing::info!(
                    indexed = b.done,
                    total = b.total,
                    "going on with the search index's build where it stopped"
                );
                (held, b)
            }
            None => {
                // The feed's versions first: whatever changes while the
                // records are read is caught up from them afterwards.
                let versions = app.store.system_versions(&SYSTEMS).await?;
                let positions = Positions {
                    format: FORMAT,
                    versions: SYSTEMS
                        .iter()
                        .zip(versions)
                        .map(|(s, v)| (s.as_str().to_string(), v))
                        .collect(),
                };
                let build = Build {
                    kind: KINDS[0].to_string(),
                    after: 0,
                    done: 0,
                    total: docs::count_all(app).await?,
                };
                let (index, p, b) = (self.index.clone(), positions.clone(), build.clone());
                blocking(move || index.begin_build(&p, &b)).await??;
                (positions, build)
            }
        };
        self.state.set(false, build.done, build.total);
        let first = KINDS.iter().position(|k| *k == build.kind).unwrap_or(0);
        let mut batch: Vec<SearchDoc> = Vec::new();
        for (i, kind) in KINDS.iter().enumerate().skip(first) {
            let mut after = if i == first { build.after } else { 0 };
            loop {
                let page = docs::page(app, kind, after, PAGE).await?;
                let Some(last) = page.last() else { break };
                after = last.id;
                batch.extend(page);
                build.kind = (*kind).to_string();
                build.after = after;
                if batch.len() >= BATCH {
                    self.write(std::mem::take(&mut batch), &positions, &mut build, false)
                        .await?;
                }
            }
            if !batch.is_empty() {
                self.write(std::mem::take(&mut batch), &positions, &mut build, false)
                    .await?;
            }
        }
        self.write(Vec::new(), &positions, &mut build, true).await?;
        Ok(build.done)
    }

    /// Commits one batch of a build, with how far it has got (`last`: the
    /// build is complete).
    async fn write(
        &self,
        docs: Vec<SearchDoc>,
        positions: &Positions,
        build: &mut Build,
        last: bool,
    ) -> SearchResult<()> {
        build.done += docs.len() as u64;
        let (index, p) = (self.index.clone(), positions.clone());
        let b = (!last).then(|| build.clone());
        blocking(move || index.append(&docs, &p, b.as_ref())).await??;
        // Records added meanwhile may take the count past the total.
        self.state.set(last, build.done, build.total.max(build.done));
        Ok(())
    }
}
