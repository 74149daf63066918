//! The map's index kept in step with the store: loaded in the background
//! at start (searches meanwhile answered from the store), brought up to
//! date from the changed places read in batches, rebuilt when many changed.
//! Each place taken is also written to the index's file of records
//! ([`super::records_file`]) on the blocking pool, and its point keeps
//! where.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use kizuna_domain::System;
use kizuna_domain::common::Id;
use kizuna_domain::map::place::Place;
use kizuna_geo::index::{HoursShelf, PlaceIndexBuilder};

use super::PlaceIndex;
use super::details::PlaceDetails;
use super::records_file::{PlaceRecords, Reordering, default_dir};
use crate::{App, Result};

/// Places read per query while the index is built. Small: a row as the
/// database driver hands it over takes about 7.5 KB, and pages of 10,000
/// (75 MB each) left over 200 MB with the C allocator after a load of
/// 100,000 places; pages of 1,000 leave about 30 MB.
const LOAD_PAGE: u32 = 1_000;

/// Changed places read whole at a time by the index's catch-up.
const CATCH_UP_PAGE: usize = 500;

/// The most changes the index catches up by; past them it is built
/// afresh. A change caught up costs about what a place costs a build (each
/// is read from the store and its record written; release, 2026-12-07:
/// 20,000 changes caught up in 0.64 s at a million places, while building
/// 100,000 places afresh took 3.1 s), so catching up is the quicker until
/// nearly every place has changed. But the change rows are held at once
/// (about 100 bytes each as read), so the limit is a quarter of the
/// places, at least 1,000: at a million, 250,000 changes (about 25 MB);
/// an import of 20,000 is caught up from 80,000 places on.
fn catch_up_limit(places: usize) -> usize {
    (places / 4).max(1_000)
}

/// How long a server trusts its index without asking the database whether
/// another server wrote places. Its own writes are seen at once.
pub const PLACES_RECHECK: chrono::TimeDelta = chrono::TimeDelta::milliseconds(500);

/// The index an [`App`] keeps, with the places version it was built at,
/// when that was last confirmed, and a lock so that one request rebuilds it.
#[derive(Default)]
pub struct PlaceIndexCache(
    Mutex<Option<Cached>>,
    tokio::sync::Mutex<()>,
    /// A request is asking the database for the places version.
    AtomicBool,
    /// The first build was started in the background.
    AtomicBool,
    /// Opening hours, shared by every index and the searches answered from the store.
    HoursShelf,
    /// The places searches found lately, kept in step with the index.
    PlaceDetails,
    /// The files of places kept on disk.
    DiskTier,
);

/// The files of records of the indexes held (see [`super::records_file`]).
#[derive(Default)]
pub(crate) struct DiskTier {
    /// Each file with the places version of the build that started it
    /// (`None`: that build has none), oldest first. An index of version v
    /// reads the newest file started at v or before: builds happen one at
    /// a time, and a catch-up writes to the file of the index it updates.
    files: Mutex<Vec<(i64, Option<Arc<PlaceRecords>>)>>,
    /// Where builds make their files ([`App::keep_map_places_in`]).
    dir: Mutex<RecordsDir>,
    /// Places answered from memory, the disk and the store.
    reads: [AtomicU64; 3],
}

/// Where builds make their files of records.
#[derive(Default, Clone)]
enum RecordsDir {
    /// Where the environment says ([`default_dir`]).
    #[default]
    Default,
    /// Here (`None`: nowhere).
    Set(Option<PathBuf>),
}

/// How many places searches answered from each tier since the server started.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PlaceReads {
    /// From the places kept in memory ([`PlaceDetails`]).
    pub memory: u64,
    /// From the index's records on disk.
    pub disk: u64,
    /// From the store.
    pub store: u64,
}

impl DiskTier {
    fn lock_files(&self) -> std::sync::MutexGuard<'_, Vec<(i64, Option<Arc<PlaceRecords>>)>> {
        self.files.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The records of the index of `version`.
    pub(crate) fn records_for(&self, version: i64) -> Option<Arc<PlaceRecords>> {
        self.lock_files()
            .iter()
            .rev()
            .find(|(from, _)| *from <= version)
            .and_then(|(_, r)| r.clone())
    }

    /// A new file for a build, where the server was told or the environment says.
    fn create(&self) -> Option<Arc<PlaceRecords>> {
        let set = self
            .dir
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone();
        let dir = match set {
            RecordsDir::Default => default_dir(),
            RecordsDir::Set(dir) => dir,
        }?;
        match PlaceRecords::create(&dir) {
            Ok(r) => Some(Arc::new(r)),
            Err(e) => {
                tracing::warn!(
                    "the map's places cannot be kept on disk in {} (the store answers them): {e}",
                    dir.display()
                );
                None
            }
        }
    }

    /// Name the file of the index built at `version`, before it is held.
    fn started(&self, version: i64, records: Option<Arc<PlaceRecords>>) {
        let mut files = self.lock_files();
        files.push((version, records));
        // Indexes older than the last two builds read the store.
        let n = files.len();
        if n > 2 {
            files.drain(..n - 2);
        }
    }

    pub(crate) fn count(&self, memory: usize, disk: usize, store: usize) {
        for (c, n) in self.reads.iter().zip([memory, disk, store]) {
            if n > 0 {
                c.fetch_add(n as u64, Ordering::Relaxed);
            }
        }
    }
}

/// Clears the "asking" mark however the request asking ends.
struct Asking<'a>(&'a AtomicBool);

impl Drop for Asking<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::Release);
    }
}

struct Cached {
    ix: Arc<PlaceIndex>,
    /// When the database last confirmed the version.
    confirmed: DateTime<Utc>,
    /// This store's own place writes as counted before that confirmation.
    local: u64,
}

impl PlaceIndexCache {
    /// The opening hours the index and the store's answers share.
    pub(crate) fn shelf(&self) -> &HoursShelf {
        &self.4
    }

    /// The places searches found lately (see [`PlaceDetails`]).
    pub(crate) fn details(&self) -> &PlaceDetails {
        &self.5
    }

    /// The places kept on disk.
    pub(crate) fn disk(&self) -> &DiskTier {
        &self.6
    }

    fn slot(&self) -> std::sync::MutexGuard<'_, Option<Cached>> {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The index, if nothing was written here since it was confirmed and
    /// that was less than [`PLACES_RECHECK`] ago.
    fn recent(&self, local: u64, now: DateTime<Utc>) -> Option<Arc<PlaceIndex>> {
        self.slot()
            .as_ref()
            .filter(|c| c.local == local && (now - c.confirmed) < PLACES_RECHECK && c.confirmed <= now)
            .map(|c| c.ix.clone())
    }

    /// The index if it is at `version`, now confirmed.
    fn confirm(&self, version: i64, local: u64, now: DateTime<Utc>) -> Option<Arc<PlaceIndex>> {
        let mut slot = self.slot();
        let c = slot.as_mut().filter(|c| c.ix.version() == version)?;
        c.confirmed = now;
        c.local = c.local.max(local);
        Some(c.ix.clone())
    }

    /// Mark that this request asks the database for the version; `None`
    /// if another request is asking already.
    fn ask(&self) -> Option<Asking<'_>> {
        self.2
            .compare_exchange(false, true, Ordering::Acquire, Ordering::Relaxed)
            .ok()
            .map(|_| Asking(&self.2))
    }

    /// The index held now, if this server wrote no place since it was built:
    /// what others may read while it is rebuilt after another server's write.
    fn stale_but_not_ours(&self, local: u64) -> Option<Arc<PlaceIndex>> {
        self.slot().as_ref().filter(|c| c.local == local).map(|c| c.ix.clone())
    }

    /// The index held, whatever its version.
    fn held(&self) -> Option<Arc<PlaceIndex>> {
        self.slot().as_ref().map(|c| c.ix.clone())
    }

    fn put(&self, ix: Arc<PlaceIndex>, local: u64, now: DateTime<Utc>) {
        let mut slot = self.slot();
        // Keep whichever is newer if another request rebuilt meanwhile.
        if slot.as_ref().is_none_or(|old| old.ix.version() <= ix.version()) {
            *slot = Some(Cached {
                ix,
                confirmed: now,
                local,
            });
        }
    }
}

impl App {
    /// Where the map's index keeps the places it finds on disk from its
    /// next build on: a file made in `dir` and unlinked at once (`None`:
    /// no file; the places are read from the store). By default, the
    /// directory `KIZUNA_MAP_RECORDS_DIR` names (`off`: none) or the
    /// system's temporary directory.
    pub fn keep_map_places_in(&self, dir: Option<PathBuf>) {
        *self
            .place_index
            .disk()
            .dir
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = RecordsDir::Set(dir);
    }

    /// How many places the map's searches answered from memory, from disk
    /// and from the store since the server started.
    pub fn map_place_reads(&self) -> PlaceReads {
        let r = &self.place_index.disk().reads;
        PlaceReads {
            memory: r[0].load(Ordering::Relaxed),
            disk: r[1].load(Ordering::Relaxed),
            store: r[2].load(Ordering::Relaxed),
        }
    }

    /// The index of every place, rebuilt if a place was written since it was built.
    pub async fn place_index(&self) -> Result<Arc<PlaceIndex>> {
        self.place_index_as_of(false).await
    }

    /// Brings the map's index, if it is loaded, to the places version of
    /// now, asking the database whatever it confirmed lately, and waiting
    /// for a catch-up another request is making. What follows the same
    /// changes in the background (the search index) calls this first, so
    /// that it never competes with the catch-up visitors wait for.
    pub async fn place_index_caught_up(&self) -> Result<()> {
        if self.place_index.held().is_some() {
            self.place_index_as_of(true).await?;
        }
        Ok(())
    }

    /// [`App::place_index`]; `now`: as of the version the database gives
    /// now, never the index held while another request updates it.
    async fn place_index_as_of(&self, now: bool) -> Result<Arc<PlaceIndex>> {
        let cache = &self.place_index;
        // Counted before the version is read: a write in between makes the
        // next request look again.
        let local = self.store.local_writes(System::Map);
        if !now && let Some(ix) = cache.recent(local, self.now()) {
            return Ok(ix);
        }
        // One request asks the database whether another server wrote; the
        // others meanwhile answer from the index held, unless it lacks this
        // server's own writes.
        let asking = cache.ask();
        if !now
            && asking.is_none()
            && let Some(ix) = cache.stale_but_not_ours(local)
        {
            return Ok(ix);
        }
        let version = self.store.system_version(System::Map).await?;
        if let Some(ix) = cache.confirm(version, local, self.now()) {
            return Ok(ix);
        }
        let _one_builder = match cache.1.try_lock() {
            Ok(guard) => guard,
            Err(_) => {
                // Another request is rebuilding. Unless this server's own
                // writes are what it waits for, answer from the index held.
                if !now && let Some(ix) = cache.stale_but_not_ours(local) {
                    return Ok(ix);
                }
                cache.1.lock().await
            }
        };
        let local = self.store.local_writes(System::Map);
        let version = self.store.system_version(System::Map).await?;
        if let Some(ix) = cache.confirm(version, local, self.now()) {
            return Ok(ix);
        }
        // A few places changed: bring the held index up to date from them.
        if let Some(held) = cache.held()
            && held.version() < version
            && let Some(ix) = self.updated_index(&held, version).await?
        {
            let ix = Arc::new(ix);
            cache.put(ix.clone(), local, self.now());
            return Ok(ix);
        }
        // Every place read a page at a time, only what the index keeps of
        // each taken: the places themselves are never all in memory. Each
        // page is written to a new file of records and taken on the
        // blocking pool while the next is read.
        let records = cache.disk().create();
        let mut builder = Some(PlaceIndexBuilder::new(cache.shelf().clone()));
        let mut taking: Option<tokio::task::JoinHandle<PlaceIndexBuilder>> = None;
        let mut after = 0;
        loop {
            let page = self.store.select_after::<Place>(after, LOAD_PAGE).await?;
            let more = match page.last() {
                Some(last) if page.len() == LOAD_PAGE as usize => {
                    after = last.id;
                    true
                }
                _ => false,
            };
            if let Some(t) = taking.take() {
                builder = Some(joined(t.await));
            }
            let (mut b, records) = (builder.take().expect("the builder is back"), records.clone());
            taking = Some(tokio::task::spawn_blocking(move || {
                let kept = keep(records.as_deref(), &page);
                for (p, k) in page.iter().zip(kept) {
                    b.add_kept(p, k);
                }
                b
            }));
            if !more {
                break;
            }
        }
        let builder = match taking {
            Some(t) => joined(t.await),
            None => builder.expect("the builder is here"),
        };
        // About a second for a million places, and as long again to copy
        // the records into the tree's order: off the async workers.
        let ordered = records.as_ref().and_then(|_| cache.disk().create());
        let (ix, records) = blocking(move || {
            let mut ix = builder.finish(version);
            let records = in_tree_order(&mut ix, records, ordered);
            (Arc::new(ix), records)
        })
        .await;
        // Which places changed is not known: none kept is trusted.
        cache.details().clear();
        cache.disk().started(version, records);
        cache.put(ix.clone(), local, self.now());
        Ok(ix)
    }

    /// The index if it is loaded (brought up to date as
    /// [`App::place_index`] does); `None` while its first build runs, which
    /// this starts in the background if nothing has: the caller answers
    /// from the store meanwhile.
    pub async fn ready_place_index(&self) -> Result<Option<Arc<PlaceIndex>>> {
        if self.place_index.held().is_some() {
            return self.place_index().await.map(Some);
        }
        self.start_place_index_load();
        Ok(None)
    }

    /// Start building the map's index in the background (at most once;
    /// again only if a build failed). A server calls this at start so that
    /// its first searches need not wait for a million places.
    pub fn start_place_index_load(&self) {
        let cache = &self.place_index;
        if cache.held().is_some() || cache.3.swap(true, Ordering::AcqRel) {
            return;
        }
        let app = self.clone();
        tokio::spawn(async move {
            if let Err(e) = app.place_index().await {
                tracing::warn!("the map's index could not be loaded (searches read the store meanwhile): {e}");
                app.place_index.3.store(false, Ordering::Release);
            }
        });
    }

    /// `held` brought to `version` by the places changed since its own
    /// version; `None` when more changed than [`catch_up_limit`] allows,
    /// and building afresh is as quick.
    async fn updated_index(&self, held: &Arc<PlaceIndex>, version: i64) -> Result<Option<PlaceIndex>> {
        let started = std::time::Instant::now();
        let limit = catch_up_limit(held.len());
        let Some(changes) = self.store.changes_since(System::Map, held.version(), limit).await? else {
            return Ok(None);
        };
        // Each place changed once, as it is now: read in batches, and those
        // no longer there are deleted (whatever the order of their changes).
        let mut ids: Vec<Id> = changes
            .iter()
            .filter(|c| c.entity == <Place as kizuna_store::Record>::ENTITY)
            .map(|c| c.record_id)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        // Dropped from the places kept before the index that has them is
        // used; places read before now are not kept (they may be older).
        self.place_index.details().forget(&ids);
        // Read a page at a time and kept only as what the index needs, so
        // memory holds one page of whole places, not every changed one.
        // The next page is read (on a task of its own) while this one is
        // taken: two pages in memory at most, the database's work and the
        // decoding of rows on two cores.
        // Each version read is written to the held index's file of
        // records (on the blocking pool), and the new index keeps where.
        let records = self.place_index.disk().records_for(held.version());
        let mut changes = held.changes();
        let mut alive = std::collections::HashSet::with_capacity(ids.len());
        let read = |page: &[Id]| {
            let (store, page) = (self.store.clone(), page.to_vec());
            tokio::spawn(async move { store.get_many::<Place>(&page).await })
        };
        let mut pages = ids.chunks(CATCH_UP_PAGE);
        let mut next = pages.next().map(read);
        while let Some(reading) = next.take() {
            next = pages.next().map(read);
            let page = joined(reading.await)?;
            alive.extend(page.iter().map(|p| p.id));
            let records = records.clone();
            changes = blocking(move || {
                let kept = keep(records.as_deref(), &page);
                for (place, k) in page.into_iter().zip(kept) {
                    changes.add_kept(place, k);
                }
                changes
            })
            .await;
        }
        let deletes: Vec<Id> = ids.into_iter().filter(|id| !alive.contains(id)).collect();
        let read = started.elapsed();
        // A new small layer of the changes since the build, off the async
        // workers; folded into one layer when it has grown.
        let (held, deletes_n) = (held.clone(), deletes.len());
        let ix = blocking(move || {
            let ix = held.updated_by(version, changes, &deletes);
            if ix.changed_since_build() > (ix.len() / 8).max(50_000) {
                ix.compacted()
            } else {
                ix
            }
        })
        .await;
        tracing::debug!(
            changed = alive.len() + deletes_n,
            read_ms = read.as_millis(),
            total_ms = started.elapsed().as_millis(),
            "the map's index caught up"
        );
        Ok(Some(ix))
    }
}

/// The records of a freshly built index copied into a new file in the
/// tree's order ([`PlaceIndex::rekeep_in_tree_order`]), so that a search
/// reads the records of the places it found together in few calls
/// ([`PlaceRecords::read_many`]); the index then holds the new numbers.
/// The file the index is to read: the new one, or the one built with when
/// there is no other.
fn in_tree_order(
    ix: &mut PlaceIndex,
    built: Option<Arc<PlaceRecords>>,
    ordered: Option<Arc<PlaceRecords>>,
) -> Option<Arc<PlaceRecords>> {
    let (Some(from), Some(to)) = (&built, &ordered) else {
        return built;
    };
    let mut copy = Reordering::new(from, to);
    if !ix.rekeep_in_tree_order(|_, kept| copy.copy(kept)) {
        return built;
    }
    copy.finish();
    ordered
}

/// The numbers of these places' records written to `records` (0 for
/// each when there is no file).
fn keep(records: Option<&PlaceRecords>, page: &[Place]) -> Vec<u64> {
    match records {
        Some(r) => r.append(page),
        None => vec![0; page.len()],
    }
}

/// CPU work on the blocking pool.
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    joined(tokio::task::spawn_blocking(work).await)
}

/// What a task of this module's returned (its panic passed on).
fn joined<T>(done: std::result::Result<T, tokio::task::JoinError>) -> T {
    match done {
        Ok(v) => v,
        // Cancelled only when the runtime is shutting down.
        Err(e) => match e.try_into_panic() {
            Ok(panic) => std::panic::resume_unwind(panic),
            Err(e) => panic!("the places index work was cancelled: {e}"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::catch_up_limit;

    #[test]
    fn an_import_of_twenty_thousand_is_caught_up_not_rebuilt() {
        // The benchmark's case: 20,000 places changed by an import.
        for places in [80_000, 100_000, 1_000_000] {
            assert!(catch_up_limit(places) >= 20_000, "{places} places");
        }
        // A quarter of a smaller store: its build is quick too.
        assert_eq!(catch_up_limit(50_000), 12_500);
        // A small store is built afresh only past 1,000 changes.
        assert_eq!(catch_up_limit(600), 1_000);
        assert_eq!(catch_up_limit(0), 1_000);
    }
}
