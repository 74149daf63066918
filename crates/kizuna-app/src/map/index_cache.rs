//! The map's index kept in step with the store: built at start, brought
//! up to date from the changed places, rebuilt when many changed.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use kizuna_domain::System;
use kizuna_domain::common::Id;
use kizuna_domain::map::place::Place;

use super::PlaceIndex;
use crate::{App, Result};

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
    std::sync::atomic::AtomicBool,
);

/// Clears the "asking" mark however the request asking ends.
struct Asking<'a>(&'a std::sync::atomic::AtomicBool);

impl Drop for Asking<'_> {
    fn drop(&mut self) {
        self.0.store(false, std::sync::atomic::Ordering::Release);
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
        use std::sync::atomic::Ordering;
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
    /// The index of every place, rebuilt if a place was written since it was built.
    pub async fn place_index(&self) -> Result<Arc<PlaceIndex>> {
        let cache = &self.place_index;
        // Counted before the version is read: a write in between makes the
        // next request look again.
        let local = self.store.local_writes(System::Map);
        if let Some(ix) = cache.recent(local, self.now()) {
            return Ok(ix);
        }
        // One request asks the database whether another server wrote; the
        // others meanwhile answer from the index held, unless it lacks this
        // server's own writes.
        let asking = cache.ask();
        if asking.is_none()
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
                if let Some(ix) = cache.stale_but_not_ours(local) {
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
        let places = self.store.all_places().await?;
        // About a second for a million places: off the async workers.
        let ix = match tokio::task::spawn_blocking(move || PlaceIndex::build(version, places)).await {
            Ok(ix) => Arc::new(ix),
            // Cancelled only when the runtime is shutting down.
            Err(e) => match e.try_into_panic() {
                Ok(panic) => std::panic::resume_unwind(panic),
                Err(e) => panic!("the places index build was cancelled: {e}"),
            },
        };
        cache.put(ix.clone(), local, self.now());
        Ok(ix)
    }

    /// `held` brought to `version` by the places changed since its own
    /// version; `None` when so many changed that building afresh is quicker.
    async fn updated_index(&self, held: &PlaceIndex, version: i64) -> Result<Option<PlaceIndex>> {
        let limit = (held.len() / 10).max(1000);
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
        let upserts = self.store.get_many::<Place>(&ids).await?;
        let alive: std::collections::HashSet<Id> = upserts.iter().map(|p| p.id).collect();
        let deletes: Vec<Id> = ids.into_iter().filter(|id| !alive.contains(id)).collect();
        Ok(held.updated(version, upserts, &deletes))
    }
}
