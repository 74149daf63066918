//! Reading OpenStreetMap files object by object: XML with quick-xml,
//! PBF with [`super::pbf`], its blocks decoded in parallel. Only what the
//! mapping asks for is copied.

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};

use super::{Element, Encoding, Kind, Tags, bad, is_place, pbf};
use crate::Result;

// ---------------------------------------------------------------------------
// Reading the encodings
// ---------------------------------------------------------------------------

/// A file to scan: XML read whole (extracts in XML are small), PBF opened
/// for each pass.
pub(super) enum Source<'a> {
    Xml(Vec<u8>),
    Pbf(&'a dyn crate::places::Input),
}

/// What a pass keeps.
pub(super) enum Want<'s> {
    /// Objects that are places ([`super::is_place`]), with their tags.
    Places,
    /// These ways (sorted ids), with their nodes (no tags).
    Ways(&'s [i64]),
    /// These nodes (sorted ids), with their positions (no tags).
    Nodes(&'s [i64]),
}

impl Want<'_> {
    fn tags(&self) -> bool {
        matches!(self, Want::Places)
    }
}

/// The objects of a file that `want` asks for, each with its number in the
/// file (from 1, counting every object not deleted), in file order; and how
/// many objects the file has (0 from a PBF pass by ids that `index` says
/// needs no block read: the file is then not opened).
pub(super) fn scan(source: &Source, want: &Want, index: &mut BlobIndex) -> Result<(usize, Vec<(usize, Element)>)> {
    match source {
        Source::Xml(bytes) => {
            let mut seen = 0usize;
            let mut kept = Vec::new();
            scan_xml(bytes, want.tags(), &mut |e| {
                seen += 1;
                let keep = match want {
                    Want::Places => is_place(&Tags(&e.tags)),
                    Want::Ways(ids) => e.kind() == Kind::Way && ids.binary_search(&e.id).is_ok(),
                    Want::Nodes(ids) => e.kind() == Kind::Node && ids.binary_search(&e.id).is_ok(),
                };
                if keep {
                    kept.push((seen, e));
                }
            })?;
            Ok((seen, kept))
        }
        Source::Pbf(input) => scan_pbf(*input, want, index),
    }
}

pub(super) fn line_of(text: &str, pos: u64) -> usize {
    let end = usize::try_from(pos).unwrap_or(usize::MAX).min(text.len());
    text.as_bytes()[..end].iter().filter(|b| **b == b'\n').count() + 1
}

pub(super) fn scan_xml(bytes: &[u8], tags: bool, f: &mut dyn FnMut(Element)) -> Result<()> {
    let x = Encoding::Xml;
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).map_err(|e| {
        bad(
            x,
            format!("it is not UTF-8 (byte {} is not valid)", e.valid_up_to() + 1),
        )
    })?;
    let mut reader = quick_xml::Reader::from_str(text);
    let mut root = false;
    let mut closed = false;
    let mut current: Option<Element> = None;
    // Inside a deleted object: read past it.
    let mut skipping = false;
    loop {
        let event = reader.read_event().map_err(|e| {
            bad(
                x,
                format!(
                    "it is not well-formed XML (line {}): {e}",
                    line_of(text, reader.error_position())
                ),
            )
        })?;
        let line = || line_of(text, reader.buffer_position());
        let (start, empty) = match &event {
            Event::Start(s) => (Some(s), false),
            Event::Empty(s) => (Some(s), true),
            Event::End(e) => {
                if e.name().as_ref() == "osm" {
                    closed = true;
                }
                if matches!(e.name().as_ref(), "node" | "way" | "relation") {
                    if let Some(el) = current.take()
                        && !skipping
                    {
                        f(el);
                    }
                    skipping = false;
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let Some(start) = start else { continue };
        let name = start.name();
        let name = name.as_ref();
        if !root {
            match name {
                "osm" => {
                    root = true;
                    closed = empty;
                }
                "osmChange" => {
                    return Err(bad(
                        x,
                        "it is an osmChange file (a set of edits), not map data; export the area as .osm",
                    ));
                }
                other => {
                    return Err(bad(
                        x,
                        format!(
                            "it starts with <{}> rather than <osm>",
                            other.chars().take(40).collect::<String>()
                        ),
                    ));
                }
            }
            continue;
        }
        match name {
            "node" | "way" | "relation" => {
                let kind = match name {
                    "node" => Kind::Node,
                    "way" => Kind::Way,
                    _ => Kind::Relation,
                };
                let a = attributes(start, text, reader.buffer_position())?;
                let deleted =
                    a.get("visible").is_some_and(|v| v == "false") || a.get("action").is_some_and(|v| v == "delete");
                let what = kind.as_str();
                let id = a.get("id").and_then(|v| v.trim().parse::<i64>().ok()).ok_or_else(|| {
                    bad(
                        x,
                        format!(
                            "line {}: a {what} without a whole-number id (id=\"{}\")",
                            line(),
                            a.get("id").map(String::as_str).unwrap_or("")
                        ),
                    )
                })?;
                let mut el = Element {
                    kind: Some(kind),
                    id,
                    ..Element::default()
                };
                if kind == Kind::Node && !deleted {
                    let coord = |k: &str| a.get(k).and_then(|v| v.trim().parse::<f64>().ok());
                    match (coord("lat"), coord("lon")) {
                        (Some(lat), Some(lon)) if lat.is_finite() && lon.is_finite() => el.pos = Some((lat, lon)),
                        _ => {
                            return Err(bad(
                                x,
                                format!(
                                    "line {}: node/{id} has no numeric lat and lon (lat=\"{}\", lon=\"{}\")",
                                    line(),
                                    a.get("lat").map(String::as_str).unwrap_or(""),
                                    a.get("lon").map(String::as_str).unwrap_or("")
                                ),
                            ));
                        }
                    }
                }
                if empty {
                    if !deleted {
                        f(el);
                    }
                } else {
                    skipping = deleted;
                    current = Some(el);
                }
            }
            "tag" if tags => {
                if let Some(el) = current.as_mut() {
                    let mut a = attributes(start, text, reader.buffer_position())?;
                    if let (Some(k), Some(v)) = (a.remove("k"), a.remove("v")) {
                        el.tags.push((k, v));
                    }
                }
            }
            "nd" => {
                if let Some(el) = current.as_mut() {
                    let a = attributes(start, text, reader.buffer_position())?;
                    let r = a.get("ref").and_then(|v| v.trim().parse::<i64>().ok()).ok_or_else(|| {
                        bad(
                            x,
                            format!(
                                "line {}: {} has a node reference that is not a whole number",
                                line(),
                                el.osm_id()
                            ),
                        )
                    })?;
                    el.refs.push(r);
                }
            }
            "member" => {
                if let Some(el) = current.as_mut() {
                    let a = attributes(start, text, reader.buffer_position())?;
                    let kind = match a.get("type").map(String::as_str) {
                        Some("node") => Kind::Node,
                        Some("way") => Kind::Way,
                        Some("relation") => Kind::Relation,
                        other => {
                            return Err(bad(
                                x,
                                format!(
                                    "line {}: {} has a member of unknown type \"{}\"",
                                    line(),
                                    el.osm_id(),
                                    other.unwrap_or("")
                                ),
                            ));
                        }
                    };
                    let r = a.get("ref").and_then(|v| v.trim().parse::<i64>().ok()).ok_or_else(|| {
                        bad(
                            x,
                            format!(
                                "line {}: {} has a member reference that is not a whole number",
                                line(),
                                el.osm_id()
                            ),
                        )
                    })?;
                    el.members.push((kind, r));
                }
            }
            _ => {}
        }
    }
    if !root {
        return Err(bad(x, "it has no <osm> element"));
    }
    if !closed {
        return Err(bad(
            x,
            format!(
                "it ends (line {}) before </osm>: the file was cut short",
                line_of(text, reader.buffer_position())
            ),
        ));
    }
    Ok(())
}

/// An element's attributes by name, unescaped.
pub(super) fn attributes(start: &BytesStart<'_>, text: &str, pos: u64) -> Result<HashMap<String, String>> {
    let mut out = HashMap::new();
    for a in start.attributes() {
        let a = a.map_err(|e| bad(Encoding::Xml, format!("line {}: {e}", line_of(text, pos))))?;
        let value = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| bad(Encoding::Xml, format!("line {}: {e}", line_of(text, pos))))?;
        out.insert(a.key.as_ref().to_owned(), value.into_owned());
    }
    Ok(out)
}

/// Each data blob's node and way id ranges (by blob number), taken by the
/// first pass over a PBF file so that later passes read only the blobs
/// that can hold what they look for; and the ids already looked for in the
/// blobs read for them with the places ([`first_pbf`]).
#[derive(Debug, Default)]
pub(super) struct BlobIndex {
    blobs: Vec<Option<IdRanges>>,
    /// Node ids (sorted) every blob marked `nodes_searched` was read for.
    nodes_searched: Vec<i64>,
    /// Way ids (sorted) every blob marked `ways_searched` was read for.
    ways_searched: Vec<i64>,
}

#[derive(Debug, Clone, Copy, Default)]
struct IdRanges {
    nodes: Option<(i64, i64)>,
    ways: Option<(i64, i64)>,
    nodes_searched: bool,
    ways_searched: bool,
}

impl BlobIndex {
    fn set(&mut self, i: usize, b: &pbf::BlockRead, nodes_searched: bool, ways_searched: bool) {
        if self.blobs.len() <= i {
            self.blobs.resize(i + 1, None);
        }
        self.blobs[i] = Some(IdRanges {
            nodes: b.nodes,
            ways: b.ways,
            nodes_searched,
            ways_searched,
        });
    }

    /// Whether blob `i` can be passed over unread by a pass wanting `want`;
    /// `fresh`: the ids of `want` not already searched for.
    fn skips(&self, i: usize, want: &Want, fresh: &[i64]) -> bool {
        let Some(Some(r)) = self.blobs.get(i) else {
            return false;
        };
        let within =
            |range: Option<(i64, i64)>, ids: &[i64]| range.is_some_and(|(lo, hi)| pbf::any_within(ids, lo, hi));
        match want {
            Want::Places => false,
            Want::Nodes(ids) => !within(r.nodes, if r.nodes_searched { fresh } else { ids }),
            Want::Ways(ids) => !within(r.ways, if r.ways_searched { fresh } else { ids }),
        }
    }
}

/// What one blob gave a pass.
enum Outcome {
    /// A data block read.
    Read(pbf::BlockRead),
    /// A data block left for later, with what its first group holds.
    Left(pbf::Starts),
    /// The header, a blob passed over, or one of another type.
    Nothing,
}

/// One pass over a PBF file: its blobs read in file order from one
/// reader, passed over when `skip` says so, decoded in parallel (rayon, as
/// many threads as cores) for `pick`; with `leave`, data blocks whose first
/// group holds nodes or ways are left unread (told from their first
/// bytes). Memory holds the blobs being decoded and what is kept.
fn pass(
    input: &dyn crate::places::Input,
    pick: pbf::Pick,
    skip: &(dyn Fn(usize) -> bool + Sync),
    leave: bool,
) -> Result<Vec<(usize, Outcome)>> {
    use pbf::{BlobKind, Blobs, Starts};
    use rayon::prelude::*;
    let p = Encoding::Pbf;
    let reader = input.open().map_err(|e| bad(p, e))?;
    let mut blobs = Blobs::new(std::io::BufReader::with_capacity(1 << 20, reader));
    let mut any = false;
    let results = std::iter::from_fn(|| {
        let b = blobs.next_blob(skip);
        any |= b.is_some();
        b
    })
    .par_bridge()
    .map(|blob| {
        let (i, raw) = blob?;
        match (raw.kind, raw.bytes) {
            (BlobKind::Data, Some(bytes)) => {
                if leave {
                    let starts = pbf::starts_with(&bytes);
                    if starts != Starts::Other {
                        return Ok((i, Outcome::Left(starts)));
                    }
                }
                pbf::with_block(&bytes, |b| pbf::read_block(b, pick)).map(|r| (i, Outcome::Read(r)))
            }
            (BlobKind::Header, Some(bytes)) => {
                pbf::with_block(&bytes, pbf::check_header).map(|()| (i, Outcome::Nothing))
            }
            _ => Ok((i, Outcome::Nothing)),
        }
    })
    .collect::<std::result::Result<Vec<_>, pbf::Error>>();
    let mut blocks = results.map_err(|e| bad(p, e))?;
    if !any {
        return Err(bad(p, "the file is empty"));
    }
    blocks.sort_unstable_by_key(|(i, _)| *i);
    Ok(blocks)
}

/// The blocks read, in file order: how many objects, and the places and
/// the objects found by id, each with its number in the file.
type Numbered = (usize, Vec<(usize, Element)>, Vec<(usize, Element)>);

fn number(blocks: impl Iterator<Item = pbf::BlockRead>) -> Numbered {
    let mut seen = 0usize;
    let (mut kept, mut found) = (Vec::new(), Vec::new());
    for b in blocks {
        kept.extend(b.kept.into_iter().map(|(row, e)| (seen + row, e)));
        found.extend(b.found.into_iter().map(|(row, e)| (seen + row, e)));
        seen += b.seen;
    }
    (seen, kept, found)
}

/// The ids of sorted `a` not in sorted `b`.
fn minus(a: &[i64], b: &[i64]) -> Vec<i64> {
    a.iter().copied().filter(|x| b.binary_search(x).is_err()).collect()
}

/// A PBF file's blocks decoded in parallel, their kept objects put back in
/// file order. The places' pass fills `index`; the others read only the
/// blobs it says may hold their ids.
pub(super) fn scan_pbf(
    input: &dyn crate::places::Input,
    want: &Want,
    index: &mut BlobIndex,
) -> Result<(usize, Vec<(usize, Element)>)> {
    let (pick, fresh) = match want {
        Want::Places => (
            pbf::Pick {
                places: true,
                ..pbf::Pick::default()
            },
            Vec::new(),
        ),
        Want::Ways(ids) => (
            pbf::Pick {
                ways: ids,
                ..pbf::Pick::default()
            },
            minus(ids, &index.ways_searched),
        ),
        Want::Nodes(ids) => (
            pbf::Pick {
                nodes: ids,
                ..pbf::Pick::default()
            },
            minus(ids, &index.nodes_searched),
        ),
    };
    // Every data block known, and none to read: the file is not opened.
    let none_to_read = !matches!(want, Want::Places)
        && !index.blobs.is_empty()
        && (0..index.blobs.len()).all(|i| index.blobs[i].is_none() || index.skips(i, want, &fresh));
    if none_to_read {
        return Ok((0, Vec::new()));
    }
    let blocks = {
        let index = &*index;
        pass(input, pick, &|i| index.skips(i, want, &fresh), false)?
    };
    if matches!(want, Want::Places) {
        *index = BlobIndex::default();
        for (i, b) in &blocks {
            if let Outcome::Read(b) = b {
                index.set(*i, b, false, false);
            }
        }
    }
    let (seen, kept, found) = number(blocks.into_iter().filter_map(|(_, b)| match b {
        Outcome::Read(b) => Some(b),
        _ => None,
    }));
    Ok((seen, if matches!(want, Want::Places) { kept } else { found }))
}

/// A PBF file's places, read so that each block is inflated once when the
/// file is sorted as extracts are (nodes, then ways, then relations):
/// first the blocks that start with neither nodes nor ways (the
/// relations, places among them); then those that start with ways, for
/// their places and the ways the relations name; then those that start
/// with nodes, for their places and the nodes all those ways and
/// relations need. Returns how many objects and the places, numbered in
/// file order; the nodes of the ways and the positions of the nodes found
/// go into `way_nodes` and `positions`. What an unsorted file leaves
/// unfound is for the caller's later passes, which `index` keeps from
/// reading a block again for ids it was already read for.
pub(super) fn first_pbf(
    input: &dyn crate::places::Input,
    index: &mut BlobIndex,
    way_nodes: &mut HashMap<i64, Vec<i64>>,
    positions: &mut HashMap<i64, (f64, f64)>,
) -> Result<(usize, Vec<(usize, Element)>)> {
    use pbf::{Pick, Starts};
    let places = Pick {
        places: true,
        ..Pick::default()
    };
    let mut blocks = pass(input, places, &|_| false, true)?;
    *index = BlobIndex::default();
    for (i, b) in &blocks {
        if let Outcome::Read(b) = b {
            index.set(*i, b, false, false);
        }
    }
    let mut found = Found {
        input,
        starts: blocks
            .iter()
            .map(|(_, b)| match b {
                Outcome::Left(s) => Some(*s),
                _ => None,
            })
            .collect(),
        way_nodes,
        positions,
    };
    found.absorb(&blocks);
    let members = super::member_ways(kept(&blocks), found.way_nodes);
    index.ways_searched.clone_from(&members);
    let pick = Pick {
        places: true,
        ways: &members,
        ..Pick::default()
    };
    found.read_left(&mut blocks, index, Starts::Ways, pick)?;
    found.absorb(&blocks);
    let needed = super::needed_nodes(kept(&blocks), found.way_nodes, found.positions);
    index.nodes_searched.clone_from(&needed);
    let pick = Pick {
        places: true,
        nodes: &needed,
        ..Pick::default()
    };
    found.read_left(&mut blocks, index, Starts::Nodes, pick)?;
    if blocks.iter().any(|(_, b)| matches!(b, Outcome::Left(_))) {
        return Err(bad(Encoding::Pbf, "the file changed while it was read"));
    }
    let (seen, kept, _) = number(blocks.into_iter().filter_map(|(_, b)| match b {
        Outcome::Read(b) => Some(b),
        _ => None,
    }));
    Ok((seen, kept))
}

/// The places of the blocks read so far.
fn kept(blocks: &[(usize, Outcome)]) -> impl Iterator<Item = &Element> {
    blocks
        .iter()
        .filter_map(|(_, b)| match b {
            Outcome::Read(b) => Some(b.kept.iter().map(|(_, e)| e)),
            _ => None,
        })
        .flatten()
}

/// [`first_pbf`]'s file, the blocks it left (by what they start with) and
/// what it has found.
struct Found<'a> {
    input: &'a dyn crate::places::Input,
    starts: Vec<Option<pbf::Starts>>,
    way_nodes: &'a mut HashMap<i64, Vec<i64>>,
    positions: &'a mut HashMap<i64, (f64, f64)>,
}

impl Found<'_> {
    /// The nodes of the ways and the positions of the nodes among the
    /// places read.
    fn absorb(&mut self, blocks: &[(usize, Outcome)]) {
        for e in kept(blocks) {
            match e.kind() {
                Kind::Way => {
                    self.way_nodes.entry(e.id).or_insert_with(|| e.refs.clone());
                }
                Kind::Node => {
                    if let Some(p) = e.pos {
                        self.positions.insert(e.id, p);
                    }
                }
                Kind::Relation => {}
            }
        }
    }

    /// The blocks left that start with `left`, read for `pick`.
    fn read_left(
        &mut self,
        blocks: &mut [(usize, Outcome)],
        index: &mut BlobIndex,
        left: pbf::Starts,
        pick: pbf::Pick,
    ) -> Result<()> {
        if !self.starts.contains(&Some(left)) {
            return Ok(());
        }
        let starts = &self.starts;
        let skip = |i: usize| starts.get(i).copied().flatten() != Some(left);
        for (i, b) in pass(self.input, pick, &skip, false)? {
            let Outcome::Read(b) = b else { continue };
            index.set(i, &b, !pick.nodes.is_empty(), !pick.ways.is_empty());
            for (_, e) in &b.found {
                if e.kind() == Kind::Way {
                    self.way_nodes.insert(e.id, e.refs.clone());
                } else if let Some(p) = e.pos {
                    self.positions.insert(e.id, p);
                }
            }
            match blocks.get_mut(i) {
                Some((j, slot)) if *j == i && matches!(&*slot, Outcome::Left(s) if *s == left) => {
                    *slot = Outcome::Read(b);
                }
                _ => return Err(bad(Encoding::Pbf, "the file changed while it was read")),
            }
        }
        Ok(())
    }
}
