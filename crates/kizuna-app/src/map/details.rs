//! The places searches found lately, kept so that a search answering them
//! again reads neither the store nor writes their JSON again: a bounded
//! cache by id (a clock: an entry asked for since the hand last passed it
//! is kept one more round), each place shared with the results handed out
//! ([`SharedPlace`]) with its JSON once written.
//!
//! It is kept correct by the index's catch-up: whenever the index is
//! brought to a newer places version, the places changed are dropped from
//! the cache before the new index is used (all of them when the index is
//! built afresh). A place read from the store is put in only if nothing
//! was dropped since the read began (the cache's epoch), so a read that
//! raced a change can never leave the older place behind.
//!
//! Used only while the index is loaded: before that nothing follows the
//! changes, and searches read the store.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use kizuna_domain::common::Id;
use kizuna_domain::map::place::Place;

use super::{PlaceHit, SharedPlace};

/// Places kept by default. A place with its JSON takes about 3.5 KB here:
/// `kizuna bench map-server` at 1,000,000 places (debug build) measured
/// the server at 324 MB with 16,384 kept against 266 MB with none, and a
/// peak of 330 MB against 312 MB; 4,096 keep it to some 15 MB, the
/// places of a few hundred searches around a city.
pub const DETAILS_CAPACITY: usize = 4_096;

/// The cache (see the module's documentation).
pub struct PlaceDetails {
    inner: Mutex<Inner>,
    capacity: usize,
}

#[derive(Default)]
struct Inner {
    /// Bumped whenever places are dropped.
    epoch: u64,
    slots: Vec<Slot>,
    by_id: HashMap<Id, usize>,
    /// The clock's hand: the next slot looked at for replacing.
    hand: usize,
}

struct Slot {
    place: SharedPlace,
    /// Asked for since the hand last passed.
    used: bool,
}

impl Default for PlaceDetails {
    /// [`DETAILS_CAPACITY`] places, or as many as the environment's
    /// `KIZUNA_MAP_PLACES_KEPT` says (0 keeps none: every search reads the
    /// store, as benchmarks compare).
    fn default() -> Self {
        let capacity = std::env::var("KIZUNA_MAP_PLACES_KEPT")
            .ok()
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(DETAILS_CAPACITY);
        PlaceDetails::with_capacity(capacity)
    }
}

impl PlaceDetails {
    /// A cache of at most `capacity` places (0: it keeps none).
    pub fn with_capacity(capacity: usize) -> Self {
        PlaceDetails {
            inner: Mutex::new(Inner::default()),
            capacity,
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The epoch to name when putting in places read from now on.
    pub fn epoch(&self) -> u64 {
        self.lock().epoch
    }

    /// How many places are kept.
    pub fn len(&self) -> usize {
        self.lock().slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The places of `ids` kept, in the order of `ids` (`None` where not kept).
    pub fn get_many(&self, ids: &[Id]) -> Vec<Option<SharedPlace>> {
        let mut inner = self.lock();
        ids.iter()
            .map(|id| {
                let i = *inner.by_id.get(id)?;
                let slot = &mut inner.slots[i];
                slot.used = true;
                Some(slot.place.clone())
            })
            .collect()
    }

    /// Keep places read from the store since `epoch` was taken, unless
    /// places were dropped meanwhile (the read may have raced a change).
    pub fn put(&self, epoch: u64, places: &[SharedPlace]) {
        if self.capacity == 0 {
            return;
        }
        let mut inner = self.lock();
        if inner.epoch != epoch {
            return;
        }
        for p in places {
            if let Some(&i) = inner.by_id.get(&p.id) {
                inner.slots[i].place = p.clone();
                continue;
            }
            let slot = Slot {
                place: p.clone(),
                used: false,
            };
            if inner.slots.len() < self.capacity {
                let i = inner.slots.len();
                inner.by_id.insert(p.id, i);
                inner.slots.push(slot);
                continue;
            }
            // The clock: pass over (and clear) slots asked for lately.
            let n = inner.slots.len();
            let mut i = inner.hand % n;
            while inner.slots[i].used {
                inner.slots[i].used = false;
                i = (i + 1) % n;
            }
            inner.hand = (i + 1) % n;
            let old = inner.slots[i].place.id;
            inner.by_id.remove(&old);
            inner.by_id.insert(p.id, i);
            inner.slots[i] = slot;
        }
    }

    /// Drop these places (changed or deleted), and refuse places read
    /// before now.
    pub fn forget(&self, ids: &[Id]) {
        let mut inner = self.lock();
        inner.epoch += 1;
        for id in ids {
            let Some(i) = inner.by_id.remove(id) else { continue };
            inner.slots.swap_remove(i);
            if let Some(moved) = inner.slots.get(i) {
                let moved = moved.place.id;
                inner.by_id.insert(moved, i);
            }
        }
        if inner.hand >= inner.slots.len() {
            inner.hand = 0;
        }
    }

    /// Drop every place, and refuse places read before now.
    pub fn clear(&self) {
        let mut inner = self.lock();
        inner.epoch += 1;
        inner.slots = Vec::new();
        inner.by_id = HashMap::new();
        inner.hand = 0;
    }

    /// Bytes the places kept take beyond their [`Place`]s: their JSON.
    pub fn json_bytes(&self) -> usize {
        self.lock().slots.iter().map(|s| s.place.json_bytes()).sum()
    }
}

/// A place's entries as JSON: `"id":…,"version":…,…` as it writes them
/// in a map, without the braces.
pub fn entries_json(place: &Place) -> Box<[u8]> {
    let mut out = serde_json::to_vec(place).unwrap_or_else(|_| b"{}".to_vec());
    // `{…}`: the braces dropped.
    out.pop();
    out.remove(0);
    out.into_boxed_slice()
}

/// Write a search result as `serde_json::to_writer(out, hit)` writes it,
/// the place's own entries from the JSON it keeps (written the first time).
pub fn write_hit(out: &mut Vec<u8>, hit: &PlaceHit) -> serde_json::Result<()> {
    out.extend_from_slice(b"{\"name\":");
    serde_json::to_writer(&mut *out, &hit.name)?;
    if let Some(d) = hit.distance_m {
        out.extend_from_slice(b",\"distance_m\":");
        serde_json::to_writer(&mut *out, &d)?;
    }
    out.extend_from_slice(b",\"certificate_status\":");
    serde_json::to_writer(&mut *out, &hit.certificate_status)?;
    out.extend_from_slice(if hit.stale {
        b",\"stale\":true,\"open_now\":"
    } else {
        b",\"stale\":false,\"open_now\":"
    });
    out.extend_from_slice(match hit.open_now {
        None => b"null,",
        Some(true) => b"true,",
        Some(false) => b"false,",
    });
    out.extend_from_slice(hit.place.entries_json(entries_json));
    out.push(b'}');
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn place(id: Id, name: &str) -> SharedPlace {
        let f = kizuna_domain::map::place::PlaceFields {
            name_en: Some(name.into()),
            lat: Some(35.0),
            lon: Some(135.0),
            category: Some("restaurant".into()),
            assurance: Some("unknown".into()),
            source: Some("staff".into()),
            source_id: Some("staff-1".into()),
            ..Default::default()
        };
        SharedPlace::new(Place::new(id, f.validate().unwrap()))
    }

    fn names(d: &PlaceDetails, ids: &[Id]) -> Vec<Option<String>> {
        d.get_many(ids)
            .into_iter()
            .map(|p| p.map(|p| p.name(&[]).to_owned()))
            .collect()
    }

    #[test]
    fn a_place_dropped_is_read_again_and_a_read_that_raced_a_drop_is_refused() {
        let d = PlaceDetails::with_capacity(10);
        let e = d.epoch();
        d.put(e, &[place(1, "a"), place(2, "b")]);
        assert_eq!(names(&d, &[2, 3, 1]), [Some("b".into()), None, Some("a".into())]);
        // Read before the change, put after it: refused.
        let before = d.epoch();
        d.forget(&[1]);
        d.put(before, &[place(1, "a, old")]);
        assert_eq!(names(&d, &[1, 2]), [None, Some("b".into())]);
        d.put(d.epoch(), &[place(1, "a, new")]);
        assert_eq!(names(&d, &[1]), [Some("a, new".into())]);
        d.clear();
        assert_eq!(names(&d, &[1, 2]), [None, None]);
        assert!(d.is_empty());
    }

    #[test]
    fn it_keeps_at_most_its_capacity_and_keeps_the_places_asked_for() {
        let d = PlaceDetails::with_capacity(4);
        d.put(d.epoch(), &(1..=4).map(|i| place(i, "p")).collect::<Vec<_>>());
        // 1 and 2 asked for: the next places replace 3 and 4.
        d.get_many(&[1, 2]);
        d.put(d.epoch(), &[place(5, "p"), place(6, "p")]);
        assert_eq!(d.len(), 4);
        let kept: Vec<bool> = d.get_many(&[1, 2, 3, 4, 5, 6]).iter().map(Option::is_some).collect();
        assert_eq!(kept, [true, true, false, false, true, true]);
        // Forgetting moves the last slot: every id still finds its own place.
        d.forget(&[1]);
        let ids: Vec<Option<Id>> = d.get_many(&[2, 5, 6, 1]).into_iter().map(|p| p.map(|p| p.id)).collect();
        assert_eq!(ids, [Some(2), Some(5), Some(6), None]);
        let none = PlaceDetails::with_capacity(0);
        none.put(none.epoch(), &[place(1, "p")]);
        assert!(none.is_empty());
    }

    #[test]
    fn a_result_is_written_byte_for_byte_as_serde_writes_it_the_second_time_too() {
        use kizuna_domain::map::place::CertificateStatus;
        let f = kizuna_domain::map::place::PlaceFields {
            name_ja: Some("ナラ \"ハラール\" \\ 食堂\n".into()),
            name_th: Some("ร้านอาหาร".into()),
            lat: Some(34.685_1),
            lon: Some(135.804_9),
            category: Some("restaurant".into()),
            assurance: Some("unknown".into()),
            source: Some("staff".into()),
            source_id: Some("staff-1".into()),
            address: Some("奈良市 1-2 </script>".into()),
            opening_hours: Some("Mo-Sa 11:00-21:00; Su off".into()),
            ..Default::default()
        };
        let place = SharedPlace::new(Place::new(42, f.validate().unwrap()));
        let statuses = [
            None,
            Some(CertificateStatus::Valid),
            Some(CertificateStatus::Expiring),
            Some(CertificateStatus::Expired),
            Some(CertificateStatus::NotYetValid),
        ];
        for distance_m in [None, Some(0.0), Some(12.5), Some(1_234_567.8)] {
            for certificate_status in statuses {
                for stale in [false, true] {
                    for open_now in [None, Some(true), Some(false)] {
                        let hit = PlaceHit {
                            name: place.name(&[]).to_owned(),
                            distance_m,
                            certificate_status,
                            stale,
                            open_now,
                            place: place.clone(),
                        };
                        let mut ours = Vec::new();
                        write_hit(&mut ours, &hit).unwrap();
                        assert_eq!(String::from_utf8(ours).unwrap(), serde_json::to_string(&hit).unwrap());
                    }
                }
            }
        }
        assert!(place.has_json());
    }
}
