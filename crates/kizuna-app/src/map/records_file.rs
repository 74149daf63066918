//! The places of the map's index kept on disk: a second tier behind the
//! places kept in memory ([`super::details`]), so that a search answers
//! the places it found without asking the store.
//!
//! While the index is built or brought up to date it has each whole place
//! in hand; each is written as its JSON (what a search result copies of it)
//! at the end of a file, and the index keeps where ([`Kept`]) in the place's
//! point. A record is never changed: a changed place gets a new one, and
//! the index brought up to date holds the new number, so a search reads
//! the very version of the place that the index which found it holds. An
//! index built afresh starts a new file.
//!
//! The file is made in `KIZUNA_MAP_RECORDS_DIR` (`off`: none) or the
//! system's temporary directory, readable by this user only, and unlinked
//! as soon as it is open: nothing is left behind when the server stops.
//! It is read with positioned reads, never mapped, so the pages read are
//! the kernel's page cache, not the server's memory. Whatever goes wrong
//! with it (no directory, a full disk, a record unreadable) leaves those
//! places out of the tier, and the store answers them.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use kizuna_domain::common::Id;
use kizuna_domain::map::place::Place;

use super::SharedPlace;

/// Where the file is made: the directory the environment names, `None`
/// when it says `off`.
pub const DIR_VAR: &str = "KIZUNA_MAP_RECORDS_DIR";

/// Bits of a number given to a place for its record's length; the rest
/// (40 bits, a terabyte) are its offset.
const LEN_BITS: u32 = 24;

/// Where a record lies, as the index keeps it: offset and length in one
/// number, 0 for a place not kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Kept(pub u64);

impl Kept {
    fn of(offset: u64, len: usize) -> Option<Kept> {
        let len = u64::try_from(len).ok()?;
        (len > 0 && len < (1 << LEN_BITS) && offset < (1 << (64 - LEN_BITS)))
            .then_some(Kept((offset << LEN_BITS) | len))
    }

    fn parts(self) -> Option<(u64, usize)> {
        let len = usize::try_from(self.0 & ((1 << LEN_BITS) - 1)).ok()?;
        (len > 0).then_some((self.0 >> LEN_BITS, len))
    }
}

/// The directory for a new file: `KIZUNA_MAP_RECORDS_DIR`, or the
/// temporary directory; `None` when the environment turns the tier off.
pub fn default_dir() -> Option<PathBuf> {
    match std::env::var_os(DIR_VAR) {
        Some(v) if v == "off" => None,
        Some(v) if !v.is_empty() => Some(PathBuf::from(v)),
        _ => Some(std::env::temp_dir()),
    }
}

/// One file of records (see the module's documentation).
pub struct PlaceRecords {
    file: std::fs::File,
    /// Where the next record goes.
    end: AtomicU64,
    /// A write failed: nothing more is written to this file.
    failed: AtomicBool,
}

impl std::fmt::Debug for PlaceRecords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PlaceRecords")
            .field("end", &self.end.load(Ordering::Relaxed))
            .field("failed", &self.failed.load(Ordering::Relaxed))
            .finish_non_exhaustive()
    }
}

impl PlaceRecords {
    /// A new, empty file in `dir`, already unlinked.
    pub fn create(dir: &Path) -> std::io::Result<PlaceRecords> {
        let file = open_unlinked(dir)?;
        Ok(PlaceRecords {
            file,
            end: AtomicU64::new(0),
            failed: AtomicBool::new(false),
        })
    }

    /// Bytes written so far.
    pub fn len(&self) -> u64 {
        self.end.load(Ordering::Relaxed)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Write the records of these places at the end of the file, in one
    /// write; the number of each (0 for those not written: too large, not
    /// read back as the very place, or the write failed). Blocking I/O and
    /// CPU work (each record is read back once): call it off the async
    /// workers.
    pub fn append(&self, places: &[Place]) -> Vec<u64> {
        if self.failed.load(Ordering::Relaxed) || places.is_empty() {
            return vec![0; places.len()];
        }
        let mut buf = Vec::with_capacity(places.len() * 1536);
        let mut spans = Vec::with_capacity(places.len());
        for p in places {
            let start = buf.len();
            let written = write_record(&mut buf, p);
            if !written {
                buf.truncate(start);
            }
            spans.push((start, buf.len() - start));
        }
        let Ok(total) = u64::try_from(buf.len()) else {
            return vec![0; places.len()];
        };
        let at = self.end.fetch_add(total, Ordering::Relaxed);
        if let Err(e) = write_at(&self.file, &buf, at) {
            if !self.failed.swap(true, Ordering::Relaxed) {
                tracing::warn!("the map's places could not be kept on disk (the store answers them): {e}");
            }
            return vec![0; places.len()];
        }
        spans
            .into_iter()
            .map(|(start, len)| Kept::of(at + start as u64, len).map_or(0, |k| k.0))
            .collect()
    }

    /// The place `id` as its record `kept` has it, with its name to show;
    /// the place is read from its JSON only when someone looks at it.
    /// `None` when the record cannot be read, fails its checksum or is not
    /// that place's.
    pub fn read(&self, id: Id, kept: u64) -> Option<Record> {
        self.read_many(&[(id, kept)]).pop().flatten()
    }

    /// [`PlaceRecords::read`] for many places at once, in their order.
    /// Records lying close together in the file (as those of places near
    /// one another do in a file written by [`Reordering`]) are read with
    /// one positioned read: a search's twenty places cost a few system
    /// calls, not twenty.
    pub fn read_many(&self, wanted: &[(Id, u64)]) -> Vec<Option<Record>> {
        let mut spans: Vec<(u64, u64, usize)> = wanted
            .iter()
            .enumerate()
            .filter_map(|(i, (_, kept))| Kept(*kept).parts().map(|(o, l)| (o, o + l as u64, i)))
            .collect();
        spans.sort_unstable_by_key(|s| s.0);
        let mut out: Vec<Option<Record>> = wanted.iter().map(|_| None).collect();
        let mut buf = Vec::new();
        let mut i = 0;
        while i < spans.len() {
            let (start, mut end) = (spans[i].0, spans[i].1);
            let mut j = i + 1;
            while j < spans.len() && spans[j].0 <= end + RUN_GAP && spans[j].1.max(end) - start <= RUN_MAX {
                end = end.max(spans[j].1);
                j += 1;
            }
            let Ok(len) = usize::try_from(end - start) else {
                i = j;
                continue;
            };
            buf.resize(len, 0);
            if read_at(&self.file, &mut buf, start).is_ok() {
                for &(from, to, k) in &spans[i..j] {
                    let (from, to) = ((from - start) as usize, (to - start) as usize);
                    out[k] = parse(wanted[k].0, &buf[from..to]);
                }
            }
            i = j;
        }
        out
    }
}

/// Unwanted bytes [`PlaceRecords::read_many`] reads past between two
/// records rather than making another call: a few records.
const RUN_GAP: u64 = 8 << 10;

/// The most one read of [`PlaceRecords::read_many`] takes in.
const RUN_MAX: u64 = 256 << 10;

/// A record's bytes as the place `id`, if they are whole and that place's.
fn parse(id: Id, buf: &[u8]) -> Option<Record> {
    let (sum, rest) = buf.split_first_chunk::<4>()?;
    if u32::from_le_bytes(*sum) != checksum(rest) {
        return None;
    }
    let (name_len, rest) = rest.split_first_chunk::<4>()?;
    let name_len = usize::try_from(u32::from_le_bytes(*name_len)).ok()?;
    let name = std::str::from_utf8(rest.get(..name_len)?).ok()?.to_owned();
    let json = rest.get(name_len..)?;
    if meta(json).map(|m| m.0) != Some(id) {
        return None;
    }
    // `{…}`: the entries are what lies between the braces.
    let entries = json.get(1..json.len() - 1)?;
    Some(Record {
        name,
        place: SharedPlace::from_json(id, entries.into(), read_entries),
    })
}

/// A file's records copied into another in the order the caller chooses
/// (the index's, places near one another together), a megabyte written
/// at a time: what [`PlaceRecords::read_many`] then reads in few calls.
/// The new file's numbers are those [`Reordering::copy`] gives; should a
/// read or write fail, the records it concerned read as missing (their
/// checksum or length fails), and the store answers those places.
pub struct Reordering<'a> {
    from: &'a PlaceRecords,
    to: &'a PlaceRecords,
    buf: Vec<u8>,
    /// Where `buf` starts in `to`.
    at: u64,
}

/// Bytes [`Reordering`] gathers before it writes them.
const COPY_CHUNK: usize = 1 << 20;

impl<'a> Reordering<'a> {
    /// Copy into `to`, an empty file, from `from`.
    pub fn new(from: &'a PlaceRecords, to: &'a PlaceRecords) -> Self {
        Reordering {
            from,
            to,
            buf: Vec::with_capacity(COPY_CHUNK + (64 << 10)),
            at: to.len(),
        }
    }

    /// Copy the record `kept` of the old file after those copied so far:
    /// its number in the new file (0 for none, as `kept` may be).
    pub fn copy(&mut self, kept: u64) -> u64 {
        let Some((offset, len)) = Kept(kept).parts() else {
            return 0;
        };
        if self.to.failed.load(Ordering::Relaxed) {
            return 0;
        }
        let start = self.buf.len();
        self.buf.resize(start + len, 0);
        if read_at(&self.from.file, &mut self.buf[start..], offset).is_err() {
            self.buf.truncate(start);
            return 0;
        }
        let number = Kept::of(self.at + start as u64, len).map_or(0, |k| k.0);
        if self.buf.len() >= COPY_CHUNK {
            self.flush();
        }
        number
    }

    fn flush(&mut self) {
        if self.buf.is_empty() {
            return;
        }
        if let Err(e) = write_at(&self.to.file, &self.buf, self.at)
            && !self.to.failed.swap(true, Ordering::Relaxed)
        {
            tracing::warn!("the map's places could not be kept on disk (the store answers them): {e}");
        }
        self.at += self.buf.len() as u64;
        self.buf.clear();
    }

    /// Write what is left; the new file's records end here.
    pub fn finish(mut self) {
        self.flush();
        self.to.end.store(self.at, Ordering::Relaxed);
    }
}

/// A place as its record gives it: the name a search result shows and
/// the place, made from its JSON ([`SharedPlace::from_json`]).
#[derive(Debug)]
pub struct Record {
    pub name: String,
    pub place: SharedPlace,
}

/// Write a place's record at the end of `buf`: a checksum of the rest
/// (CRC-32, little-endian), the length of the name a search shows and
/// that name, then the place's JSON. Kept only when the JSON reads back
/// as the very place, so that [`read_entries`] never fails on a record
/// whose checksum holds. `false` when it is not to be kept.
fn write_record(buf: &mut Vec<u8>, p: &Place) -> bool {
    let start = buf.len();
    let name = p.name(&[]).as_bytes();
    let Ok(name_len) = u32::try_from(name.len()) else {
        return false;
    };
    buf.extend_from_slice(&[0; 4]);
    buf.extend_from_slice(&name_len.to_le_bytes());
    buf.extend_from_slice(name);
    let json_at = buf.len();
    if serde_json::to_writer(&mut *buf, p).is_err() || decode(&mut buf[json_at..]).as_ref() != Some(p) {
        return false;
    }
    let sum = checksum(&buf[start + 4..]);
    buf[start..start + 4].copy_from_slice(&sum.to_le_bytes());
    true
}

fn checksum(bytes: &[u8]) -> u32 {
    let mut crc = flate2::Crc::new();
    crc.update(bytes);
    crc.sum()
}

/// A place from the entries of its record's JSON (braces dropped), for
/// [`SharedPlace::from_json`]: only ever given entries of a record whose
/// checksum held, written only if it read back ([`write_record`]).
fn read_entries(entries: &[u8]) -> Place {
    let mut json = Vec::with_capacity(entries.len() + 2);
    json.push(b'{');
    json.extend_from_slice(entries);
    json.push(b'}');
    decode(&mut json).unwrap_or_else(|| unreachable!("a record is kept only if it reads back as its place"))
}

/// A place from its record, as `serde_json::from_slice::<Place>` reads it
/// but without going through a map of every entry first: the record
/// starts `{"id":…,"version":…,"office_id":…,` (as [`Place`] writes
/// itself), and the rest, from that last comma turned into a brace for
/// the while, is the flat form. Anything else is read the long way.
fn decode(buf: &mut [u8]) -> Option<Place> {
    if buf.first() != Some(&b'{') || buf.last() != Some(&b'}') {
        return None;
    }
    let Some((id, version, office_id, at)) = meta(buf) else {
        return serde_json::from_slice(buf).ok();
    };
    buf[at] = b'{';
    let fields = serde_json::from_slice::<kizuna_domain::map::place::PlaceFields>(&buf[at..]);
    buf[at] = b',';
    Some(Place {
        id,
        version,
        office_id,
        fields: fields.ok()?.validate().ok()?,
    })
}

/// The id, version and office of a record, and where the comma after them is.
fn meta(buf: &[u8]) -> Option<(Id, i64, Id, usize)> {
    let mut at = 0;
    let mut number = |key: &[u8]| -> Option<i64> {
        let rest = buf.get(at..)?.strip_prefix(key)?;
        let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        let n = std::str::from_utf8(&rest[..digits]).ok()?.parse().ok()?;
        at += key.len() + digits;
        Some(n)
    };
    let id = number(b"{\"id\":")?;
    let version = number(b",\"version\":")?;
    let office_id = number(b",\"office_id\":")?;
    (buf.get(at) == Some(&b',')).then_some((id, version, office_id, at))
}

#[cfg(unix)]
fn open_unlinked(dir: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    static MADE: AtomicU64 = AtomicU64::new(0);
    let mut random = [0u8; 8];
    getrandom::fill(&mut random).map_err(std::io::Error::other)?;
    let path = dir.join(format!(
        ".kizuna-places-{}-{}-{:016x}",
        std::process::id(),
        MADE.fetch_add(1, Ordering::Relaxed),
        u64::from_le_bytes(random)
    ));
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&path)?;
    std::fs::remove_file(&path)?;
    Ok(file)
}

#[cfg(not(unix))]
fn open_unlinked(_dir: &Path) -> std::io::Result<std::fs::File> {
    Err(std::io::Error::new(
        std::io::ErrorKind::Unsupported,
        "places are kept on disk on Unix only",
    ))
}

#[cfg(unix)]
fn write_at(file: &std::fs::File, buf: &[u8], at: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, buf, at)
}

#[cfg(unix)]
fn read_at(file: &std::fs::File, buf: &mut [u8], at: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, at)
}

#[cfg(not(unix))]
fn write_at(_: &std::fs::File, _: &[u8], _: u64) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

#[cfg(not(unix))]
fn read_at(_: &std::fs::File, _: &mut [u8], _: u64) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use kizuna_domain::map::place::PlaceFields;

    fn place(id: Id, name: &str) -> Place {
        let f = PlaceFields {
            name_en: Some(name.into()),
            name_ja: Some("ナラ \"ハラール\" \\ 食堂\n".into()),
            lat: Some(34.685_1),
            lon: Some(135.804_9),
            category: Some("restaurant".into()),
            assurance: Some("unknown".into()),
            source: Some("staff".into()),
            source_id: Some(format!("staff-{id}")),
            opening_hours: Some("Mo-Sa 11:00-21:00; Su off".into()),
            ..Default::default()
        };
        Place::new(id, f.validate().unwrap())
    }

    #[test]
    fn a_record_reads_back_as_the_place_and_the_json_it_writes() {
        let dir = std::env::temp_dir();
        let r = PlaceRecords::create(&dir).unwrap();
        let places = [place(1, "one"), place(2, "two")];
        let kept = r.append(&places);
        assert!(kept.iter().all(|k| *k != 0));
        let later = r.append(&[place(1, "one, changed")]);
        for (p, k) in places.iter().zip(&kept) {
            let read = r.read(p.id, *k).unwrap();
            assert_eq!(read.name, p.name(&[]));
            assert_eq!(read.place.place_id(), p.id);
            // The JSON is there without the place being read from it...
            let want = super::super::details::entries_json(p);
            assert_eq!(read.place.entries_json(|_| unreachable!()), &*want);
            assert!(!read.place.is_read());
            // ...and the place reads from it when looked at.
            assert_eq!(*read.place, *p);
            assert!(read.place.is_read());
        }
        assert_eq!(r.read(1, later[0]).unwrap().name, "one, changed");
        assert_eq!(r.read(1, later[0]).unwrap().place.name(&[]), "one, changed");
        // Another place's record, or none, is not answered.
        assert!(r.read(2, kept[0]).is_none());
        assert!(r.read(1, 0).is_none());
        // Nothing is left in the directory.
        let left = std::fs::read_dir(&dir)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with(&format!(".kizuna-places-{}-", std::process::id()))
            })
            .count();
        assert_eq!(left, 0);
    }

    #[test]
    fn records_copied_in_another_order_read_back_together_and_alone() {
        let dir = std::env::temp_dir();
        let old = PlaceRecords::create(&dir).unwrap();
        let places: Vec<Place> = (1..=60).map(|id| place(id, &format!("place {id}"))).collect();
        let kept = old.append(&places);
        // Copied backwards, with one place not kept (0) among them.
        let new = PlaceRecords::create(&dir).unwrap();
        let mut copy = Reordering::new(&old, &new);
        let mut renumbered: Vec<(Id, u64)> = places
            .iter()
            .zip(&kept)
            .rev()
            .map(|(p, k)| (p.id, copy.copy(if p.id == 30 { 0 } else { *k })))
            .collect();
        copy.finish();
        assert_eq!(new.len(), old.len() - Kept(kept[29]).parts().unwrap().1 as u64);
        renumbered.reverse();
        assert_eq!(renumbered[29], (30, 0));
        // Asked in any order, each answer is its own place's, in the order asked.
        let asked: Vec<(Id, u64)> = [5, 59, 6, 30, 7, 0, 40, 5]
            .iter()
            .map(|i| renumbered[*i as usize])
            .collect();
        let read = new.read_many(&asked);
        assert_eq!(read.len(), asked.len());
        for ((id, number), r) in asked.iter().zip(&read) {
            match r {
                Some(r) => {
                    assert_eq!(r.place.place_id(), *id);
                    assert_eq!(r.name, format!("place {id}"));
                    assert_eq!(r.name, new.read(*id, *number).unwrap().name);
                }
                None => assert_eq!(*id, 30, "only the place not kept is missing"),
            }
        }
        // Another place's number is not answered, even among others read together.
        let wrong = [(5, renumbered[5].1), (6, renumbered[5].1), (7, renumbered[7].1)];
        let read = new.read_many(&wrong);
        assert_eq!(
            read.iter()
                .map(|r| r.as_ref().map(|r| r.place.place_id()))
                .collect::<Vec<_>>(),
            [None, Some(6), None]
        );
        // Appends go after the copied records.
        let later = new.append(&[place(1, "one, changed")]);
        assert_eq!(new.read(1, later[0]).unwrap().name, "one, changed");
        assert_eq!(
            new.read_many(&[(1, renumbered[0].1)])[0].as_ref().unwrap().name,
            "place 1"
        );
    }

    #[test]
    fn a_record_decodes_as_serde_reads_it() {
        for n in 0..4 {
            let mut p = place(10 + n, "ten");
            p.version = 3 + n;
            p.office_id = 7;
            let mut json = serde_json::to_vec(&p).unwrap();
            let slow: Place = serde_json::from_slice(&json).unwrap();
            assert_eq!(decode(&mut json).unwrap(), slow);
            assert_eq!(slow, p);
            assert_eq!(json, serde_json::to_vec(&p).unwrap(), "put back as it was");
        }
        // Not the shape written: read the long way, or not at all.
        let p = place(5, "five");
        let other = format!(
            "{{\"version\":{},\"id\":5,\"office_id\":{},{}}}",
            p.version,
            p.office_id,
            String::from_utf8(serde_json::to_vec(&p.fields).unwrap())
                .unwrap()
                .trim_matches(['{', '}'])
        );
        assert_eq!(decode(&mut other.into_bytes()).unwrap(), p);
        assert!(decode(&mut b"{\"id\":5}".to_vec()).is_none());
        assert!(decode(&mut b"not json".to_vec()).is_none());
    }

    #[test]
    fn a_damaged_record_is_not_answered() {
        let r = PlaceRecords::create(&std::env::temp_dir()).unwrap();
        let kept = r.append(&[place(3, "three")]);
        let (offset, len) = Kept(kept[0]).parts().unwrap();
        assert!(r.read(3, kept[0]).is_some());
        // One byte changed anywhere in the record: its checksum fails.
        for at in [0, 4, 9, len / 2, len - 1] {
            let mut byte = [0u8];
            read_at(&r.file, &mut byte, offset + at as u64).unwrap();
            write_at(&r.file, &[byte[0] ^ 0x20], offset + at as u64).unwrap();
            assert!(r.read(3, kept[0]).is_none(), "byte {at} changed");
            write_at(&r.file, &byte, offset + at as u64).unwrap();
        }
        assert!(r.read(3, kept[0]).is_some());
    }

    #[test]
    fn a_file_that_cannot_be_made_is_an_error() {
        let not_a_dir = std::env::current_exe().unwrap();
        assert!(PlaceRecords::create(&not_a_dir).is_err());
    }
}
