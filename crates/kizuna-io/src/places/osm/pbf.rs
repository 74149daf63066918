//! Reading a PBF file's blocks ourselves: the blob framing, zlib, and the
//! protocol buffer messages walked in place over the inflated bytes, so
//! that an object is looked at without being decoded into messages first.
//!
//! The format (<https://wiki.openstreetmap.org/wiki/PBF_Format>): a file is
//! a sequence of (4-byte big-endian length, `BlobHeader`, `Blob`); a blob
//! holds a `PrimitiveBlock` raw or zlib-compressed; a block has a string
//! table and groups of nodes, dense nodes, ways or relations whose tags
//! are indices into that table.
//!
//! What makes it fast on a real extract, where places are one object in
//! thousands and most of the file is untagged nodes:
//! - a dense-node group's `keys_vals` is scanned for the indices of the
//!   string table's [`super::PLACE_KEYS`] before anything else; a group
//!   without one has only its nodes counted (one pass over the ids' bytes)
//!   and its node-id range taken;
//! - a way or relation has its keys looked at first; its node list or
//!   members are decoded only when it is a place;
//! - each worker inflates into its own buffer, reused block after block;
//! - each block is inflated once in a sorted file: what a block holds is
//!   told from its first inflated bytes ([`starts_with`]), so that the
//!   relations are read first, then the ways (with those the relations
//!   name), then the nodes (with those all of them need); see
//!   `scan::first_pbf`;
//! - in a group of dense nodes, positions (deltas) are summed only up to
//!   the last node kept, and ids are checked against the ones wanted by a
//!   cursor that moves forward with them;
//! - later passes (for what an unsorted file leaves unfound) skip, without
//!   inflating, every block whose id range holds none of the ids wanted,
//!   or none it was not already read for.

use std::cell::RefCell;
use std::io::Read;

use super::{Element, Kind, Tags, is_place};

/// What PBF allows: a blob header of at most 64 KiB, a blob (and its
/// inflated block) of at most 32 MiB.
const MAX_HEADER: usize = 64 * 1024;
const MAX_BLOB: usize = 32 * 1024 * 1024;

pub(super) type Error = String;

// ---------------------------------------------------------------------------
// Protocol buffers, walked in place
// ---------------------------------------------------------------------------

/// A protocol buffer message's bytes, read field by field.
#[derive(Clone, Copy)]
struct Msg<'a> {
    buf: &'a [u8],
    pos: usize,
}

/// A field's value: a number (varint or fixed) or bytes.
#[derive(Clone, Copy)]
enum Value<'a> {
    Int(u64),
    Bytes(&'a [u8]),
}

impl<'a> Value<'a> {
    fn int(self) -> Result<u64, Error> {
        match self {
            Value::Int(v) => Ok(v),
            Value::Bytes(_) => Err("a number field holds bytes".into()),
        }
    }
    fn bytes(self) -> Result<&'a [u8], Error> {
        match self {
            Value::Bytes(b) => Ok(b),
            Value::Int(_) => Err("a bytes field holds a number".into()),
        }
    }
}

#[inline(always)]
fn varint(buf: &[u8], pos: &mut usize) -> Result<u64, Error> {
    // Most numbers in a block (id and tag deltas) take one byte.
    if let Some(&b) = buf.get(*pos)
        && b < 0x80
    {
        *pos += 1;
        return Ok(u64::from(b));
    }
    varint_long(buf, pos)
}

#[inline]
fn varint_long(buf: &[u8], pos: &mut usize) -> Result<u64, Error> {
    // Ten bytes there: any varint fits, read without checking the end.
    if let Some(s) = buf.get(*pos..*pos + 10) {
        let mut v = 0u64;
        for (i, &b) in s.iter().enumerate() {
            v |= u64::from(b & 0x7f) << (7 * i);
            if b < 0x80 {
                if i == 9 && b > 1 {
                    break;
                }
                *pos += i + 1;
                return Ok(v);
            }
        }
        return Err("a number longer than 64 bits".into());
    }
    let mut v = 0u64;
    let mut shift = 0u32;
    loop {
        let Some(&b) = buf.get(*pos) else {
            return Err("a number runs past the end of its message".into());
        };
        *pos += 1;
        if shift == 63 && b > 1 {
            return Err("a number longer than 64 bits".into());
        }
        v |= u64::from(b & 0x7f) << shift;
        if b < 0x80 {
            return Ok(v);
        }
        shift += 7;
        if shift > 63 {
            return Err("a number longer than 64 bits".into());
        }
    }
}

#[inline]
fn zigzag(v: u64) -> i64 {
    (v >> 1) as i64 ^ -((v & 1) as i64)
}

impl<'a> Msg<'a> {
    fn new(buf: &'a [u8]) -> Self {
        Msg { buf, pos: 0 }
    }

    /// The next field: its number and value; `None` at the end.
    #[inline(always)]
    fn next(&mut self) -> Result<Option<(u32, Value<'a>)>, Error> {
        if self.pos >= self.buf.len() {
            return Ok(None);
        }
        let key = varint(self.buf, &mut self.pos)?;
        let field = u32::try_from(key >> 3).map_err(|_| "a field number out of range".to_owned())?;
        let value = match key & 7 {
            0 => Value::Int(varint(self.buf, &mut self.pos)?),
            1 => Value::Int(u64::from_le_bytes(self.take(8)?.try_into().unwrap_or([0; 8]))),
            2 => {
                let len = usize::try_from(varint(self.buf, &mut self.pos)?).unwrap_or(usize::MAX);
                Value::Bytes(self.take(len)?)
            }
            5 => Value::Int(u64::from(u32::from_le_bytes(
                self.take(4)?.try_into().unwrap_or([0; 4]),
            ))),
            w => return Err(format!("a field of wire type {w}, which PBF does not use")),
        };
        Ok(Some((field, value)))
    }

    #[inline]
    fn take(&mut self, n: usize) -> Result<&'a [u8], Error> {
        let end = self.pos.checked_add(n).filter(|e| *e <= self.buf.len());
        let Some(end) = end else {
            return Err("a field runs past the end of its message".into());
        };
        let s = &self.buf[self.pos..end];
        self.pos = end;
        Ok(s)
    }
}

/// A packed field of varints.
#[derive(Clone, Copy, Default)]
struct Packed<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Packed<'a> {
    fn new(buf: &'a [u8]) -> Self {
        Packed { buf, pos: 0 }
    }
    #[inline]
    fn next(&mut self) -> Result<Option<u64>, Error> {
        if self.pos >= self.buf.len() {
            return Ok(None);
        }
        varint(self.buf, &mut self.pos).map(Some)
    }
    /// How many values: the bytes that end a varint.
    fn count(&self) -> usize {
        self.buf.iter().filter(|b| **b < 0x80).count()
    }
    /// The next value, which must be there (arrays of one length).
    #[inline]
    fn must(&mut self) -> Result<u64, Error> {
        self.next()?
            .ok_or_else(|| "the arrays of a block are of different lengths".to_owned())
    }
}

/// The bytes of a packed field; a field written unpacked (one value) is
/// not what any writer of PBF does, and is refused rather than misread.
fn packed(v: Value<'_>) -> Result<Packed<'_>, Error> {
    match v {
        Value::Bytes(b) => Ok(Packed::new(b)),
        Value::Int(_) => Err("a repeated field not packed".into()),
    }
}

// ---------------------------------------------------------------------------
// Blobs
// ---------------------------------------------------------------------------

/// One blob of the file as read: its type and bytes (`None`: a data blob
/// passed over unread).
pub(super) struct RawBlob {
    pub(super) kind: BlobKind,
    pub(super) bytes: Option<Vec<u8>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum BlobKind {
    Header,
    Data,
    /// A type PBF readers are to pass over.
    Other,
}

/// The blobs of a file in order, read whole (not inflated). `skip(i)` says
/// a data blob need not be read (it is then read past and given empty).
pub(super) struct Blobs<R> {
    reader: R,
    index: usize,
    done: bool,
}

impl<R: Read> Blobs<R> {
    pub(super) fn new(reader: R) -> Self {
        Blobs {
            reader,
            index: 0,
            done: false,
        }
    }

    /// The next blob with its number, `None` at the end of the file.
    pub(super) fn next_blob(&mut self, skip: &dyn Fn(usize) -> bool) -> Option<Result<(usize, RawBlob), Error>> {
        if self.done {
            return None;
        }
        let r = self.read_one(skip);
        if !matches!(r, Some(Ok(_))) {
            self.done = true;
        }
        r
    }

    fn read_one(&mut self, skip: &dyn Fn(usize) -> bool) -> Option<Result<(usize, RawBlob), Error>> {
        let mut len = [0u8; 4];
        // The end of the file, or a length.
        let mut got = 0;
        while got < 4 {
            match self.reader.read(&mut len[got..]) {
                Ok(0) if got == 0 => return None,
                Ok(0) => return Some(Err("it ends inside a blob's length".into())),
                Ok(n) => got += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Some(Err(e.to_string())),
            }
        }
        Some(self.read_rest(u32::from_be_bytes(len) as usize, skip))
    }

    fn read_rest(&mut self, header_len: usize, skip: &dyn Fn(usize) -> bool) -> Result<(usize, RawBlob), Error> {
        if header_len > MAX_HEADER {
            return Err(format!(
                "a blob header of {header_len} bytes (at most {MAX_HEADER} are allowed)"
            ));
        }
        let mut header = vec![0u8; header_len];
        self.reader
            .read_exact(&mut header)
            .map_err(|e| format!("it ends inside a blob header ({e})"))?;
        let (mut kind, mut size) = (None, None);
        let mut m = Msg::new(&header);
        while let Some((field, v)) = m.next()? {
            match field {
                1 => kind = Some(v.bytes()?),
                3 => size = Some(v.int()?),
                _ => {}
            }
        }
        let kind = kind.ok_or("a blob header without its type")?;
        let size = size
            .and_then(|s| usize::try_from(s).ok())
            .ok_or("a blob header without its size")?;
        if size > MAX_BLOB {
            return Err(format!("a blob of {size} bytes (at most {MAX_BLOB} are allowed)"));
        }
        let kind = match kind {
            b"OSMData" => BlobKind::Data,
            b"OSMHeader" => BlobKind::Header,
            _ => BlobKind::Other,
        };
        let index = self.index;
        self.index += 1;
        if kind != BlobKind::Header && (kind == BlobKind::Other || skip(index)) {
            let copied = std::io::copy(&mut (&mut self.reader).take(size as u64), &mut std::io::sink())
                .map_err(|e| e.to_string())?;
            if copied != size as u64 {
                return Err("it ends inside a blob".into());
            }
            return Ok((index, RawBlob { kind, bytes: None }));
        }
        // Read into the vector's room (not zeroed first).
        let mut bytes = Vec::with_capacity(size);
        (&mut self.reader)
            .take(size as u64)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("it ends inside a blob ({e})"))?;
        if bytes.len() != size {
            return Err("it ends inside a blob".into());
        }
        Ok((
            index,
            RawBlob {
                kind,
                bytes: Some(bytes),
            },
        ))
    }
}

thread_local! {
    /// Each worker's inflated block, reused.
    static INFLATED: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// A data blob's block, inflated into the worker's buffer, handed to `f`.
pub(super) fn with_block<T>(blob: &[u8], f: impl FnOnce(&[u8]) -> Result<T, Error>) -> Result<T, Error> {
    let (mut raw, mut raw_size, mut zlib) = (None, None, None);
    let mut m = Msg::new(blob);
    while let Some((field, v)) = m.next()? {
        match field {
            1 => raw = Some(v.bytes()?),
            2 => raw_size = Some(v.int()?),
            3 => zlib = Some(v.bytes()?),
            4 => return Err("a blob compressed with LZMA, which Kizuna does not read".into()),
            5 => return Err("a blob compressed with bzip2, which Kizuna does not read".into()),
            6 => return Err("a blob compressed with LZ4, which Kizuna does not read".into()),
            7 => return Err("a blob compressed with Zstandard, which Kizuna does not read".into()),
            _ => {}
        }
    }
    if let Some(raw) = raw {
        return f(raw);
    }
    let zlib = zlib.ok_or("a blob without data")?;
    let size = raw_size
        .and_then(|s| usize::try_from(s).ok())
        .filter(|s| *s <= MAX_BLOB)
        .ok_or("a compressed blob without a size within 32 MiB")?;
    INFLATED.with(|cell| {
        let mut out = cell.borrow_mut();
        out.clear();
        out.reserve(size);
        let mut z = flate2::Decompress::new(true);
        match z.decompress_vec(zlib, &mut out, flate2::FlushDecompress::Finish) {
            Ok(flate2::Status::StreamEnd) if out.len() == size => {}
            Ok(_) => return Err("a compressed blob whose size is not the one it gives".into()),
            Err(e) => return Err(format!("a compressed blob that is damaged ({e})")),
        }
        f(&out)
    })
}

/// What a data block's first group holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Starts {
    Nodes,
    Ways,
    /// Relations, anything else, or what cannot be told.
    Other,
}

/// What a data blob's block starts with, told from its first bytes: the
/// string table and the first group's first field, inflating no further
/// than them. Anything unclear says `Other` (the block is then read whole
/// first, and a damaged one refused there).
pub(super) fn starts_with(blob: &[u8]) -> Starts {
    let (mut raw, mut zlib) = (None, None);
    let mut m = Msg::new(blob);
    while let Ok(Some((field, v))) = m.next() {
        match (field, v) {
            (1, Value::Bytes(b)) => raw = Some(b),
            (3, Value::Bytes(b)) => zlib = Some(b),
            _ => {}
        }
    }
    if let Some(raw) = raw {
        return first_group(raw).unwrap_or(Starts::Other);
    }
    let Some(zlib) = zlib else { return Starts::Other };
    let mut z = flate2::Decompress::new(true);
    let mut out = Vec::with_capacity(16 * 1024);
    loop {
        if out.len() == out.capacity() {
            if out.len() >= MAX_BLOB {
                return Starts::Other;
            }
            out.reserve(out.capacity());
        }
        let (len, used) = (out.len(), z.total_in());
        let Some(rest) = usize::try_from(used).ok().and_then(|at| zlib.get(at..)) else {
            return Starts::Other;
        };
        let status = z.decompress_vec(rest, &mut out, flate2::FlushDecompress::None);
        if let Some(starts) = first_group(&out) {
            return starts;
        }
        // Go on while the stream moves and has not ended.
        let moved = out.len() > len || z.total_in() > used;
        if !moved || !matches!(status, Ok(flate2::Status::Ok | flate2::Status::BufError)) {
            return Starts::Other;
        }
    }
}

/// From the start of a block: what its first group holds (`Other` when
/// there is no group), `None` when `bytes` end before that is known.
fn first_group(bytes: &[u8]) -> Option<Starts> {
    let mut pos = 0usize;
    loop {
        if pos >= bytes.len() {
            return None;
        }
        let key = varint(bytes, &mut pos).ok()?;
        let (field, wire) = (key >> 3, key & 7);
        match wire {
            0 => {
                varint(bytes, &mut pos).ok()?;
            }
            1 => pos = pos.checked_add(8)?,
            5 => pos = pos.checked_add(4)?,
            2 => {
                let len = usize::try_from(varint(bytes, &mut pos).ok()?).ok()?;
                if field == 2 {
                    // The group's first field: 1 nodes, 2 dense nodes, 3 ways.
                    if len == 0 {
                        return Some(Starts::Other);
                    }
                    let mut p = pos;
                    return Some(match varint(bytes, &mut p).ok()? >> 3 {
                        1 | 2 => Starts::Nodes,
                        3 => Starts::Ways,
                        _ => Starts::Other,
                    });
                }
                pos = pos.checked_add(len)?;
            }
            _ => return Some(Starts::Other),
        }
    }
}

/// The features a file's header may require that this reader reads.
const READ_FEATURES: [&str; 3] = ["OsmSchema-V0.6", "DenseNodes", "HistoricalInformation"];

/// A header block: refused when it requires a feature not read here.
pub(super) fn check_header(bytes: &[u8]) -> Result<(), Error> {
    let mut m = Msg::new(bytes);
    while let Some((field, v)) = m.next()? {
        if field == 4 {
            let f = v.bytes()?;
            if !READ_FEATURES.iter().any(|r| r.as_bytes() == f) {
                return Err(format!(
                    "it requires the feature \"{}\", which Kizuna does not read",
                    String::from_utf8_lossy(f).chars().take(60).collect::<String>()
                ));
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Blocks
// ---------------------------------------------------------------------------

/// What a pass keeps of a block's objects: places (with their tags), and
/// ways and nodes by id (sorted), not places, with their nodes or positions.
#[derive(Clone, Copy, Default)]
pub(super) struct Pick<'s> {
    pub(super) places: bool,
    pub(super) ways: &'s [i64],
    pub(super) nodes: &'s [i64],
}

/// One block as a pass reads it.
#[derive(Debug, Default)]
pub(super) struct BlockRead {
    /// Objects not deleted.
    pub(super) seen: usize,
    /// The places kept, numbered within the block from 1.
    pub(super) kept: Vec<(usize, Element)>,
    /// The ways and nodes asked for by id that are not places, numbered so.
    pub(super) found: Vec<(usize, Element)>,
    /// The lowest and highest node and way ids in the block.
    pub(super) nodes: Option<(i64, i64)>,
    pub(super) ways: Option<(i64, i64)>,
}

/// Whether ids are among sorted `want`, asked in an order that mostly
/// rises (a block's ids): a cursor that moves forward, found again by
/// search when an id goes back.
struct Among<'s> {
    want: &'s [i64],
    at: usize,
    last: i64,
}

impl<'s> Among<'s> {
    fn new(want: &'s [i64]) -> Self {
        Among {
            want,
            at: 0,
            last: i64::MIN,
        }
    }
    #[inline]
    fn has(&mut self, id: i64) -> bool {
        if id < self.last {
            self.at = self.want.partition_point(|x| *x < id);
        } else {
            while self.want.get(self.at).is_some_and(|x| *x < id) {
                self.at += 1;
            }
        }
        self.last = id;
        self.want.get(self.at) == Some(&id)
    }
}

fn widen(range: &mut Option<(i64, i64)>, lo: i64, hi: i64) {
    *range = Some(match *range {
        Some((a, b)) => (a.min(lo), b.max(hi)),
        None => (lo, hi),
    });
}

/// Any of the sorted `ids` in `lo..=hi`.
pub(super) fn any_within(ids: &[i64], lo: i64, hi: i64) -> bool {
    let i = ids.partition_point(|x| *x < lo);
    ids.get(i).is_some_and(|x| *x <= hi)
}

struct Block<'a> {
    strings: Vec<&'a [u8]>,
    /// Whether each string is a key of [`super::PLACE_KEYS`].
    triggers: Vec<bool>,
    granularity: i64,
    lat_offset: i64,
    lon_offset: i64,
}

impl<'a> Block<'a> {
    fn deg(&self, offset: i64, v: i64) -> f64 {
        offset.saturating_add(self.granularity.saturating_mul(v)) as f64 / 1e9
    }
    fn is_trigger(&self, k: u64) -> bool {
        usize::try_from(k)
            .ok()
            .and_then(|k| self.triggers.get(k))
            .copied()
            .unwrap_or(false)
    }
    fn string(&self, i: u64) -> Option<&'a str> {
        let s = self.strings.get(usize::try_from(i).ok()?)?;
        std::str::from_utf8(s).ok()
    }
    /// The tags of an object whose key indices are `keys`, its values
    /// `vals`, when it is a place; else `None` (nothing copied).
    fn place_tags(&self, pairs: &[(u64, u64)]) -> Option<Vec<(String, String)>> {
        if !pairs.iter().any(|(k, _)| self.is_trigger(*k)) {
            return None;
        }
        let tags: Vec<(&str, &str)> = pairs
            .iter()
            .filter_map(|(k, v)| Some((self.string(*k)?, self.string(*v)?)))
            .collect();
        is_place(&Tags(&tags)).then(|| tags.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect())
    }
}

/// Read one inflated block for `pick`.
pub(super) fn read_block(bytes: &[u8], pick: Pick) -> Result<BlockRead, Error> {
    let mut strings = Vec::new();
    let mut groups = Vec::new();
    let mut block = Block {
        strings: Vec::new(),
        triggers: Vec::new(),
        granularity: 100,
        lat_offset: 0,
        lon_offset: 0,
    };
    let mut m = Msg::new(bytes);
    while let Some((field, v)) = m.next()? {
        match field {
            1 => {
                let mut t = Msg::new(v.bytes()?);
                while let Some((f, s)) = t.next()? {
                    if f == 1 {
                        strings.push(s.bytes()?);
                    }
                }
            }
            2 => groups.push(v.bytes()?),
            17 => block.granularity = i64::from(v.int()? as i32),
            19 => block.lat_offset = v.int()? as i64,
            20 => block.lon_offset = v.int()? as i64,
            _ => {}
        }
    }
    if pick.places {
        block.triggers = strings
            .iter()
            .map(|s| super::PLACE_KEYS.iter().any(|k| k.as_bytes() == *s))
            .collect();
    }
    block.strings = strings;
    let mut out = BlockRead::default();
    let mut pairs: Vec<(u64, u64)> = Vec::new();
    let mut ways = Among::new(pick.ways);
    for g in groups {
        let mut gm = Msg::new(g);
        while let Some((field, v)) = gm.next()? {
            match field {
                1 => node(&block, v.bytes()?, &pick, &mut out, &mut pairs)?,
                2 => dense(&block, v.bytes()?, &pick, &mut out)?,
                3 => way(&block, v.bytes()?, &pick, &mut ways, &mut out, &mut pairs)?,
                4 => relation(&block, v.bytes()?, &pick, &mut out, &mut pairs)?,
                _ => {}
            }
        }
    }
    Ok(out)
}

/// Whether an `Info` says the object is deleted (`visible=false`, only in
/// files with history).
fn deleted(info: Option<&[u8]>) -> Result<bool, Error> {
    let Some(info) = info else { return Ok(false) };
    let mut m = Msg::new(info);
    while let Some((field, v)) = m.next()? {
        if field == 6 {
            return Ok(v.int()? == 0);
        }
    }
    Ok(false)
}

/// An object's tags as index pairs, into `pairs`.
fn pairs_of(keys: Packed, vals: Packed, pairs: &mut Vec<(u64, u64)>) -> Result<(), Error> {
    pairs.clear();
    let (mut keys, mut vals) = (keys, vals);
    while let Some(k) = keys.next()? {
        let v = vals.must()?;
        pairs.push((k, v));
    }
    Ok(())
}

fn node(b: &Block, bytes: &[u8], pick: &Pick, out: &mut BlockRead, pairs: &mut Vec<(u64, u64)>) -> Result<(), Error> {
    let (mut id, mut lat, mut lon, mut info) = (0i64, 0i64, 0i64, None);
    let (mut keys, mut vals) = (Packed::default(), Packed::default());
    let mut m = Msg::new(bytes);
    while let Some((field, v)) = m.next()? {
        match field {
            1 => id = zigzag(v.int()?),
            2 => keys = packed(v)?,
            3 => vals = packed(v)?,
            4 => info = Some(v.bytes()?),
            8 => lat = zigzag(v.int()?),
            9 => lon = zigzag(v.int()?),
            _ => {}
        }
    }
    if deleted(info)? {
        return Ok(());
    }
    out.seen += 1;
    widen(&mut out.nodes, id, id);
    let tags = if pick.places {
        pairs_of(keys, vals, pairs)?;
        b.place_tags(pairs)
    } else {
        None
    };
    let list = match tags {
        Some(_) => &mut out.kept,
        None if pick.nodes.binary_search(&id).is_ok() => &mut out.found,
        None => return Ok(()),
    };
    list.push((
        out.seen,
        Element {
            kind: Some(Kind::Node),
            id,
            pos: Some((b.deg(b.lat_offset, lat), b.deg(b.lon_offset, lon))),
            tags: tags.unwrap_or_default(),
            ..Element::default()
        },
    ));
    Ok(())
}

fn dense(b: &Block, bytes: &[u8], pick: &Pick, out: &mut BlockRead) -> Result<(), Error> {
    let (mut ids, mut lats, mut lons, mut kv) = (
        Packed::default(),
        Packed::default(),
        Packed::default(),
        Packed::default(),
    );
    let mut visible: Option<Packed> = None;
    let mut m = Msg::new(bytes);
    while let Some((field, v)) = m.next()? {
        match field {
            1 => ids = packed(v)?,
            5 => {
                let mut info = Msg::new(v.bytes()?);
                while let Some((f, iv)) = info.next()? {
                    if f == 6 {
                        visible = Some(packed(iv)?);
                    }
                }
            }
            8 => lats = packed(v)?,
            9 => lons = packed(v)?,
            10 => kv = packed(v)?,
            _ => {}
        }
    }
    let first = out.seen;
    let all_visible = visible.is_none_or(|v| v.buf.iter().all(|b| *b != 0));
    // Whether any node of the group has a key of a place: keys_vals is
    // (key value)* 0 per node.
    let mut triggers = false;
    if pick.places {
        let mut k = kv;
        let mut at_key = true;
        while let Some(x) = k.next()? {
            if at_key {
                if x == 0 {
                    continue;
                }
                if b.is_trigger(x) {
                    triggers = true;
                    break;
                }
                at_key = false;
            } else {
                at_key = true;
            }
        }
    }
    let want_nodes = !pick.nodes.is_empty();
    // The cheap way: no node of the group can be kept. Count them, and
    // take their id range (for the later passes) from the ids alone.
    if !triggers && !want_nodes && all_visible {
        let (mut id, mut lo, mut hi, mut n) = (0i64, i64::MAX, i64::MIN, 0usize);
        let mut p = ids;
        while let Some(d) = p.next()? {
            id = id.wrapping_add(zigzag(d));
            lo = lo.min(id);
            hi = hi.max(id);
            n += 1;
        }
        if n > 0 {
            widen(&mut out.nodes, lo, hi);
        }
        out.seen += n;
        return Ok(());
    }
    // Node by node; positions (deltas) summed only up to a node kept.
    let mut visible = visible.unwrap_or_default();
    let mut wanted = Among::new(pick.nodes);
    let (mut id, mut lat, mut lon) = (0i64, 0i64, 0i64);
    let (mut at, mut summed) = (0usize, 0usize);
    let mut tag_pairs: Vec<(u64, u64)> = Vec::new();
    let (mut lo, mut hi) = (i64::MAX, i64::MIN);
    let mut n = 0usize;
    while let Some(d) = ids.next()? {
        id = id.wrapping_add(zigzag(d));
        at += 1;
        // This node's tags (their indices): up to its 0.
        tag_pairs.clear();
        if triggers {
            loop {
                match kv.next()? {
                    None | Some(0) => break,
                    Some(k) => {
                        let v = kv.must()?;
                        tag_pairs.push((k, v));
                    }
                }
            }
        }
        let shown = all_visible || visible.next()?.is_none_or(|v| v != 0);
        if !shown {
            continue;
        }
        n += 1;
        lo = lo.min(id);
        hi = hi.max(id);
        let tags = if triggers && !tag_pairs.is_empty() {
            b.place_tags(&tag_pairs)
        } else {
            None
        };
        let list = match tags {
            Some(_) => &mut out.kept,
            None if want_nodes && wanted.has(id) => &mut out.found,
            None => continue,
        };
        while summed < at {
            lat = lat.wrapping_add(zigzag(lats.must()?));
            lon = lon.wrapping_add(zigzag(lons.must()?));
            summed += 1;
        }
        list.push((
            first + n,
            Element {
                kind: Some(Kind::Node),
                id,
                pos: Some((b.deg(b.lat_offset, lat), b.deg(b.lon_offset, lon))),
                tags: tags.unwrap_or_default(),
                ..Element::default()
            },
        ));
    }
    if n > 0 {
        widen(&mut out.nodes, lo, hi);
    }
    out.seen += n;
    Ok(())
}

fn way(
    b: &Block,
    bytes: &[u8],
    pick: &Pick,
    wanted: &mut Among,
    out: &mut BlockRead,
    pairs: &mut Vec<(u64, u64)>,
) -> Result<(), Error> {
    let (mut id, mut info, mut refs) = (0i64, None, Packed::default());
    let (mut keys, mut vals) = (Packed::default(), Packed::default());
    let mut m = Msg::new(bytes);
    while let Some((field, v)) = m.next()? {
        match field {
            1 => id = v.int()? as i64,
            2 => keys = packed(v)?,
            3 => vals = packed(v)?,
            4 => info = Some(v.bytes()?),
            8 => refs = packed(v)?,
            _ => {}
        }
    }
    if deleted(info)? {
        return Ok(());
    }
    out.seen += 1;
    widen(&mut out.ways, id, id);
    let tags = if pick.places {
        pairs_of(keys, vals, pairs)?;
        b.place_tags(pairs)
    } else {
        None
    };
    if tags.is_none() && (pick.ways.is_empty() || !wanted.has(id)) {
        return Ok(());
    }
    let mut nodes = Vec::with_capacity(refs.count());
    let mut r = 0i64;
    while let Some(d) = refs.next()? {
        r = r.wrapping_add(zigzag(d));
        nodes.push(r);
    }
    let list = if tags.is_some() { &mut out.kept } else { &mut out.found };
    list.push((
        out.seen,
        Element {
            kind: Some(Kind::Way),
            id,
            tags: tags.unwrap_or_default(),
            refs: nodes,
            ..Element::default()
        },
    ));
    Ok(())
}

fn relation(
    b: &Block,
    bytes: &[u8],
    pick: &Pick,
    out: &mut BlockRead,
    pairs: &mut Vec<(u64, u64)>,
) -> Result<(), Error> {
    let (mut id, mut info) = (0i64, None);
    let (mut keys, mut vals, mut memids, mut types) = (
        Packed::default(),
        Packed::default(),
        Packed::default(),
        Packed::default(),
    );
    let mut m = Msg::new(bytes);
    while let Some((field, v)) = m.next()? {
        match field {
            1 => id = v.int()? as i64,
            2 => keys = packed(v)?,
            3 => vals = packed(v)?,
            4 => info = Some(v.bytes()?),
            9 => memids = packed(v)?,
            10 => types = packed(v)?,
            _ => {}
        }
    }
    if deleted(info)? {
        return Ok(());
    }
    out.seen += 1;
    if !pick.places {
        return Ok(());
    }
    pairs_of(keys, vals, pairs)?;
    let Some(tags) = b.place_tags(pairs) else {
        return Ok(());
    };
    let mut members = Vec::with_capacity(memids.count());
    let mut r = 0i64;
    while let Some(d) = memids.next()? {
        r = r.wrapping_add(zigzag(d));
        let kind = match types.must()? {
            0 => Kind::Node,
            1 => Kind::Way,
            2 => Kind::Relation,
            t => return Err(format!("relation/{id} has a member of unknown type {t}")),
        };
        members.push((kind, r));
    }
    out.kept.push((
        out.seen,
        Element {
            kind: Some(Kind::Relation),
            id,
            tags,
            members,
            ..Element::default()
        },
    ));
    Ok(())
}
