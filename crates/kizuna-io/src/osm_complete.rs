//! An OpenStreetMap PBF extract made referentially complete, for tools
//! that refuse anything else (Debian's tilemaker 2.2 stops at the first way
//! that names a node the file lacks, which cut-out city extracts do).
//!
//! [`complete`] reads the extract once to learn which nodes, ways and
//! relations it holds and its bounding box; when a way or relation names
//! something missing, it writes a copy (PBF, zlib blocks, plain nodes)
//! with those references left out and everything else as it was. Bytes in,
//! bytes out: no I/O of its own.

use std::collections::HashSet;
use std::io::Write;

use osmpbf::{Element, RelMemberType};

/// What [`complete`] found, and the completed copy when one was needed.
#[derive(Debug, Clone, PartialEq)]
pub struct Completed {
    /// The copy without dangling references; `None` when the file had none.
    pub bytes: Option<Vec<u8>>,
    /// West, south, east, north of the file's nodes, in degrees.
    pub bbox: Option<[f64; 4]>,
    pub nodes: u64,
    pub ways: u64,
    pub relations: u64,
    /// References to objects the file lacks, left out of the copy.
    pub dropped: u64,
}

#[derive(Default)]
struct Ids {
    nodes: HashSet<i64>,
    ways: HashSet<i64>,
    relations: HashSet<i64>,
}

/// Reads a PBF extract; a copy without dangling references when it has any.
/// The error says what is wrong with the file.
pub fn complete(pbf: &[u8]) -> Result<Completed, String> {
    if pbf.is_empty() {
        return Err("the file is empty".into());
    }
    let mut ids = Ids::default();
    let mut bbox: Option<[f64; 4]> = None;
    let mut dropped = 0u64;
    let mut refs: Vec<(i64, bool)> = Vec::new();
    guarded(|| {
        osmpbf::ElementReader::new(pbf).for_each(|e| match e {
            Element::Node(n) => node(&mut ids, &mut bbox, n.id(), n.lat(), n.lon()),
            Element::DenseNode(n) => node(&mut ids, &mut bbox, n.id(), n.lat(), n.lon()),
            Element::Way(w) => {
                ids.ways.insert(w.id());
                refs.extend(w.refs().map(|r| (r, false)));
            }
            Element::Relation(r) => {
                ids.relations.insert(r.id());
            }
        })
    })?;
    // Ways' nodes are known once every node is read (nodes come first, but
    // a file need not be sorted).
    dropped += refs.iter().filter(|(r, _)| !ids.nodes.contains(r)).count() as u64;
    drop(refs);
    guarded(|| {
        osmpbf::ElementReader::new(pbf).for_each(|e| {
            if let Element::Relation(r) = e {
                dropped += r.members().filter(|m| !ids.has(&m.member_type, m.member_id)).count() as u64;
            }
        })
    })?;
    let mut out = Completed {
        bytes: None,
        bbox,
        nodes: ids.nodes.len() as u64,
        ways: ids.ways.len() as u64,
        relations: ids.relations.len() as u64,
        dropped,
    };
    if dropped > 0 {
        let mut w = Writer::new();
        guarded(|| {
            osmpbf::ElementReader::new(pbf).for_each(|e| match e {
                Element::Node(n) => w.node(n.id(), n.nano_lat(), n.nano_lon(), n.tags()),
                Element::DenseNode(n) => w.node(n.id(), n.nano_lat(), n.nano_lon(), n.tags()),
                Element::Way(way) => {
                    let refs: Vec<i64> = way.refs().filter(|r| ids.nodes.contains(r)).collect();
                    w.way(way.id(), way.tags(), &refs);
                }
                Element::Relation(r) => {
                    let members: Vec<(i32, i64, String)> = r
                        .members()
                        .filter(|m| ids.has(&m.member_type, m.member_id))
                        .map(|m| {
                            let t = match m.member_type {
                                RelMemberType::Node => 0,
                                RelMemberType::Way => 1,
                                RelMemberType::Relation => 2,
                            };
                            (t, m.member_id, m.role().unwrap_or("").to_owned())
                        })
                        .collect();
                    w.relation(r.id(), r.tags(), &members);
                }
            })
        })?;
        out.bytes = Some(w.finish(bbox)?);
    }
    Ok(out)
}

impl Ids {
    fn has(&self, t: &RelMemberType, id: i64) -> bool {
        match t {
            RelMemberType::Node => self.nodes.contains(&id),
            RelMemberType::Way => self.ways.contains(&id),
            RelMemberType::Relation => self.relations.contains(&id),
        }
    }
}

fn node(ids: &mut Ids, bbox: &mut Option<[f64; 4]>, id: i64, lat: f64, lon: f64) {
    ids.nodes.insert(id);
    let b = bbox.get_or_insert([lon, lat, lon, lat]);
    b[0] = b[0].min(lon);
    b[1] = b[1].min(lat);
    b[2] = b[2].max(lon);
    b[3] = b[3].max(lat);
}

/// The decoder may panic on a damaged file: a bad file, not a crash.
fn guarded(f: impl FnOnce() -> osmpbf::Result<()>) -> Result<(), String> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(format!("it is not a readable OpenStreetMap PBF file ({e})")),
        Err(_) => Err("its data is damaged".into()),
    }
}

// ------------------------------------------------------------ writing

/// Objects per block (the format allows up to 8,000 per group comfortably).
const BLOCK: usize = 8000;

#[derive(Default, PartialEq, Eq, Clone, Copy)]
enum Group {
    #[default]
    None,
    Nodes,
    Ways,
    Relations,
}

/// id, latitude, longitude (100 nanodegrees), tag string ids.
type DenseNode = (i64, i64, i64, Vec<u64>);

struct Writer {
    out: Vec<u8>,
    strings: Vec<String>,
    index: std::collections::HashMap<String, u32>,
    group: Group,
    items: Vec<Vec<u8>>,
    /// Nodes of the block, written as DenseNodes (all tilemaker 2.2 reads):
    /// id, latitude and longitude in 100 nanodegrees, and string ids of tags.
    dense: Vec<DenseNode>,
    error: Option<String>,
}

fn varint(buf: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        buf.push((v as u8) | 0x80);
        v >>= 7;
    }
    buf.push(v as u8);
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn key(buf: &mut Vec<u8>, field: u32, wire: u32) {
    varint(buf, u64::from((field << 3) | wire));
}

fn bytes_field(buf: &mut Vec<u8>, field: u32, b: &[u8]) {
    key(buf, field, 2);
    varint(buf, b.len() as u64);
    buf.extend_from_slice(b);
}

fn int_field(buf: &mut Vec<u8>, field: u32, v: u64) {
    key(buf, field, 0);
    varint(buf, v);
}

fn packed(buf: &mut Vec<u8>, field: u32, values: impl Iterator<Item = u64>) {
    let mut p = Vec::new();
    for v in values {
        varint(&mut p, v);
    }
    bytes_field(buf, field, &p);
}

impl Writer {
    fn new() -> Self {
        Writer {
            out: Vec::new(),
            strings: vec![String::new()],
            index: std::collections::HashMap::new(),
            group: Group::None,
            items: Vec::new(),
            dense: Vec::new(),
            error: None,
        }
    }

    fn sid(&mut self, s: &str) -> u64 {
        if let Some(i) = self.index.get(s) {
            return u64::from(*i);
        }
        let i = u32::try_from(self.strings.len()).unwrap_or(u32::MAX);
        self.strings.push(s.to_owned());
        self.index.insert(s.to_owned(), i);
        u64::from(i)
    }

    fn start(&mut self, g: Group) {
        if self.group != g || self.items.len() + self.dense.len() >= BLOCK {
            self.flush();
            self.group = g;
        }
    }

    fn tags<'a>(&mut self, m: &mut Vec<u8>, tags: impl Iterator<Item = (&'a str, &'a str)>) {
        let (mut keys, mut vals) = (Vec::new(), Vec::new());
        for (k, v) in tags {
            keys.push(self.sid(k));
            vals.push(self.sid(v));
        }
        if !keys.is_empty() {
            packed(m, 2, keys.into_iter());
            packed(m, 3, vals.into_iter());
        }
    }

    fn node<'a>(&mut self, id: i64, nano_lat: i64, nano_lon: i64, tags: impl Iterator<Item = (&'a str, &'a str)>) {
        self.start(Group::Nodes);
        let mut kv = Vec::new();
        for (k, v) in tags {
            kv.push(self.sid(k));
            kv.push(self.sid(v));
        }
        // Granularity 100 nanodegrees (the default): 7 decimals, as OSM keeps.
        self.dense.push((id, nano_lat / 100, nano_lon / 100, kv));
    }

    fn way<'a>(&mut self, id: i64, tags: impl Iterator<Item = (&'a str, &'a str)>, refs: &[i64]) {
        self.start(Group::Ways);
        let mut m = Vec::new();
        int_field(&mut m, 1, id as u64);
        self.tags(&mut m, tags);
        let mut last = 0;
        packed(
            &mut m,
            8,
            refs.iter().map(|r| {
                let d = r - last;
                last = *r;
                zigzag(d)
            }),
        );
        self.items.push(m);
    }

    fn relation<'a>(
        &mut self,
        id: i64,
        tags: impl Iterator<Item = (&'a str, &'a str)>,
        members: &[(i32, i64, String)],
    ) {
        self.start(Group::Relations);
        let mut m = Vec::new();
        int_field(&mut m, 1, id as u64);
        self.tags(&mut m, tags);
        let roles: Vec<u64> = members.iter().map(|(_, _, role)| self.sid(role)).collect();
        packed(&mut m, 8, roles.into_iter());
        let mut last = 0;
        packed(
            &mut m,
            9,
            members.iter().map(|(_, id, _)| {
                let d = id - last;
                last = *id;
                zigzag(d)
            }),
        );
        packed(&mut m, 10, members.iter().map(|(t, _, _)| *t as u64));
        self.items.push(m);
    }

    fn flush(&mut self) {
        if self.items.is_empty() && self.dense.is_empty() {
            return;
        }
        let mut group = Vec::new();
        if self.group == Group::Nodes {
            let delta = |f: fn(&DenseNode) -> i64, nodes: &[DenseNode]| {
                let mut last = 0;
                nodes
                    .iter()
                    .map(|n| {
                        let v = f(n);
                        let d = v - last;
                        last = v;
                        zigzag(d)
                    })
                    .collect::<Vec<u64>>()
            };
            let mut d = Vec::new();
            packed(&mut d, 1, delta(|n| n.0, &self.dense).into_iter());
            packed(&mut d, 8, delta(|n| n.1, &self.dense).into_iter());
            packed(&mut d, 9, delta(|n| n.2, &self.dense).into_iter());
            if self.dense.iter().any(|n| !n.3.is_empty()) {
                let kv = self
                    .dense
                    .iter()
                    .flat_map(|n| n.3.iter().copied().chain(std::iter::once(0)));
                packed(&mut d, 10, kv);
            }
            bytes_field(&mut group, 2, &d);
            self.dense.clear();
        } else {
            let field = match self.group {
                Group::Ways => 3,
                Group::Relations => 4,
                Group::Nodes | Group::None => return,
            };
            for item in self.items.drain(..) {
                bytes_field(&mut group, field, &item);
            }
        }
        let mut table = Vec::new();
        for s in &self.strings {
            bytes_field(&mut table, 1, s.as_bytes());
        }
        let mut block = Vec::new();
        bytes_field(&mut block, 1, &table);
        bytes_field(&mut block, 2, &group);
        self.blob("OSMData", &block);
        self.strings.truncate(1);
        self.index.clear();
    }

    fn blob(&mut self, kind: &str, data: &[u8]) {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        let packed = z.write_all(data).and_then(|()| z.finish());
        let packed = match packed {
            Ok(p) => p,
            Err(e) => {
                self.error.get_or_insert(format!("cannot compress a block: {e}"));
                return;
            }
        };
        let mut blob = Vec::new();
        int_field(&mut blob, 2, data.len() as u64);
        bytes_field(&mut blob, 3, &packed);
        let mut header = Vec::new();
        bytes_field(&mut header, 1, kind.as_bytes());
        int_field(&mut header, 3, blob.len() as u64);
        let len = u32::try_from(header.len()).unwrap_or(u32::MAX);
        self.out.extend_from_slice(&len.to_be_bytes());
        self.out.extend_from_slice(&header);
        self.out.extend_from_slice(&blob);
    }

    fn finish(mut self, bbox: Option<[f64; 4]>) -> Result<Vec<u8>, String> {
        self.flush();
        let body = std::mem::take(&mut self.out);
        let mut head = Vec::new();
        if let Some([w, s, e, n]) = bbox {
            // HeaderBBox in nanodegrees: left, right, top, bottom.
            let nano = |d: f64| zigzag((d * 1e9).round() as i64);
            let mut b = Vec::new();
            int_field(&mut b, 1, nano(w));
            int_field(&mut b, 2, nano(e));
            int_field(&mut b, 3, nano(n));
            int_field(&mut b, 4, nano(s));
            bytes_field(&mut head, 1, &b);
        }
        bytes_field(&mut head, 4, b"OsmSchema-V0.6");
        bytes_field(&mut head, 4, b"DenseNodes");
        bytes_field(&mut head, 16, b"kizuna");
        self.blob("OSMHeader", &head);
        self.out.extend_from_slice(&body);
        match self.error {
            Some(e) => Err(e),
            None => Ok(self.out),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn dangling_refs_are_left_out_and_the_rest_kept() {
        let mut w = Writer::new();
        w.node(1, 60_170_000_000, 24_940_000_000, [("name", "A")].into_iter());
        w.node(2, 60_171_000_000, 24_941_000_000, std::iter::empty());
        w.way(
            10,
            [("highway", "residential"), ("name", "Vironkatu")].into_iter(),
            &[1, 99, 2],
        );
        w.relation(
            20,
            [("type", "multipolygon")].into_iter(),
            &[(1, 10, "outer".into()), (1, 11, "outer".into())],
        );
        let broken = w.finish(None).unwrap();
        let c = complete(&broken).unwrap();
        assert_eq!((c.nodes, c.ways, c.relations, c.dropped), (2, 1, 1, 2));
        let [w0, s0, e0, n0] = c.bbox.unwrap();
        assert!(
            (w0 - 24.94).abs() < 1e-7
                && (e0 - 24.941).abs() < 1e-7
                && (s0 - 60.17).abs() < 1e-7
                && (n0 - 60.171).abs() < 1e-7
        );
        let fixed = c.bytes.unwrap();
        let again = complete(&fixed).unwrap();
        assert_eq!((again.nodes, again.ways, again.relations, again.dropped), (2, 1, 1, 0));
        assert!(again.bytes.is_none());
        let mut refs = Vec::new();
        let mut names = Vec::new();
        osmpbf::ElementReader::new(&fixed[..])
            .for_each(|e| match e {
                Element::Way(w) => {
                    refs = w.refs().collect();
                    names.extend(w.tags().map(|(k, v)| format!("{k}={v}")));
                }
                Element::DenseNode(n) => names.extend(n.tags().map(|(k, v)| format!("{k}={v}"))),
                _ => {}
            })
            .unwrap();
        assert_eq!(refs, [1, 2]);
        assert_eq!(names, ["name=A", "highway=residential", "name=Vironkatu"]);
    }

    #[test]
    fn not_a_pbf_is_refused() {
        assert!(complete(b"").is_err());
        assert!(complete(b"<osm version=\"0.6\"></osm>").is_err());
    }
}
