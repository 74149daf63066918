//! Reading OpenStreetMap files object by object: XML with quick-xml,
//! PBF with osmpbf, its blocks decoded in parallel. Only what the mapping
//! asks for is copied.

use std::collections::{HashMap, HashSet};

use quick_xml::events::{BytesStart, Event};

use super::{Element, Encoding, Kind, PLACE_KEYS, Tags, bad, is_place};
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
    /// These ways, with their nodes (no tags).
    Ways(&'s HashSet<i64>),
    /// These nodes, with their positions (no tags).
    Nodes(&'s HashSet<i64>),
}

impl Want<'_> {
    fn tags(&self) -> bool {
        matches!(self, Want::Places)
    }
}

/// The objects of a file that `want` asks for, each with its number in the
/// file (from 1, counting every object not deleted), in file order; and how
/// many objects the file has.
pub(super) fn scan(source: &Source, want: &Want) -> Result<(usize, Vec<(usize, Element)>)> {
    match source {
        Source::Xml(bytes) => {
            let mut seen = 0usize;
            let mut kept = Vec::new();
            scan_xml(bytes, want.tags(), &mut |e| {
                seen += 1;
                let keep = match want {
                    Want::Places => is_place(&Tags(&e.tags)),
                    Want::Ways(ids) => e.kind() == Kind::Way && ids.contains(&e.id),
                    Want::Nodes(ids) => e.kind() == Kind::Node && ids.contains(&e.id),
                };
                if keep {
                    kept.push((seen, e));
                }
            })?;
            Ok((seen, kept))
        }
        Source::Pbf(input) => scan_pbf(*input, want),
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

/// A PBF file's blocks decoded in parallel (rayon, as many threads as
/// cores), read in file order from one reader, their kept objects put back
/// in file order. Memory holds the blocks being decoded and what is kept.
pub(super) fn scan_pbf(input: &dyn crate::places::Input, want: &Want) -> Result<(usize, Vec<(usize, Element)>)> {
    use osmpbf::{BlobDecode, BlobReader};
    use rayon::prelude::*;
    let p = Encoding::Pbf;
    let reader = input.open().map_err(|e| bad(p, e))?;
    let blobs = BlobReader::new(std::io::BufReader::with_capacity(1 << 20, reader));
    // The decoder may panic on a crafted file (it unwraps some values):
    // that is a bad file, not a crash.
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        blobs
            .enumerate()
            .par_bridge()
            .map(|(i, blob)| match blob?.decode()? {
                BlobDecode::OsmData(block) => {
                    let (seen, kept) = pick(&block, want);
                    Ok((i, seen, kept))
                }
                BlobDecode::OsmHeader(_) | BlobDecode::Unknown(_) => Ok((i, 0, Vec::new())),
            })
            .collect::<std::result::Result<Vec<_>, osmpbf::Error>>()
    }));
    let mut blocks = match run {
        Ok(Ok(blocks)) => blocks,
        Ok(Err(e)) => return Err(bad(p, e)),
        Err(_) => return Err(bad(p, "its data is damaged")),
    };
    if blocks.is_empty() {
        return Err(bad(p, "the file is empty"));
    }
    blocks.sort_unstable_by_key(|(i, _, _)| *i);
    let mut seen = 0usize;
    let mut kept = Vec::new();
    for (_, n, objects) in blocks {
        kept.extend(objects.into_iter().map(|(row, e)| (seen + row, e)));
        seen += n;
    }
    Ok((seen, kept))
}

/// A tag of a block's string table, when both strings are UTF-8.
fn tag_of(strings: &[Vec<u8>], k: usize, v: usize) -> Option<(&str, &str)> {
    Some((
        std::str::from_utf8(strings.get(k)?).ok()?,
        std::str::from_utf8(strings.get(v)?).ok()?,
    ))
}

/// One block's objects: how many (not deleted), and those `want` keeps,
/// numbered within the block from 1. For places, an object's tags are
/// first looked at as string-table indices: only one with a key of
/// [`PLACE_KEYS`] has its tags read as text, and only a place has them copied.
fn pick(block: &osmpbf::PrimitiveBlock, want: &Want) -> (usize, Vec<(usize, Element)>) {
    use osmpbf::RelMemberType;
    let strings = block.raw_stringtable();
    let places = matches!(want, Want::Places);
    let trigger: Vec<bool> = if places {
        strings
            .iter()
            .map(|s| PLACE_KEYS.iter().any(|k| k.as_bytes() == s.as_slice()))
            .collect()
    } else {
        Vec::new()
    };
    let is = |i: usize| trigger.get(i).copied().unwrap_or(false);
    // The object's tags when it is a place, else None.
    let place_tags = |raw: &mut dyn Iterator<Item = (usize, usize)>| -> Option<Vec<(String, String)>> {
        let raw: Vec<(usize, usize)> = raw.collect();
        if !raw.iter().any(|(k, _)| is(*k)) {
            return None;
        }
        let tags: Vec<(&str, &str)> = raw.iter().filter_map(|(k, v)| tag_of(strings, *k, *v)).collect();
        is_place(&Tags(&tags)).then(|| tags.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect())
    };
    let deg = |nano: i64| nano as f64 / 1e9;
    let ix = |i: u32| i as usize;
    let dx = |i: i32| usize::try_from(i).unwrap_or(usize::MAX);
    let mut seen = 0usize;
    let mut kept = Vec::new();
    for group in block.groups() {
        for n in group.nodes() {
            if !n.info().visible() {
                continue;
            }
            seen += 1;
            let tags = match want {
                Want::Places => match place_tags(&mut n.raw_tags().map(|(k, v)| (ix(k), ix(v)))) {
                    Some(t) => t,
                    None => continue,
                },
                Want::Nodes(ids) if ids.contains(&n.id()) => Vec::new(),
                _ => continue,
            };
            kept.push((
                seen,
                Element {
                    kind: Some(Kind::Node),
                    id: n.id(),
                    pos: Some((deg(n.nano_lat()), deg(n.nano_lon()))),
                    tags,
                    ..Element::default()
                },
            ));
        }
        for n in group.dense_nodes() {
            if !n.info().is_none_or(osmpbf::DenseNodeInfo::visible) {
                continue;
            }
            seen += 1;
            let tags = match want {
                Want::Places => {
                    if n.raw_tags().len() == 0 {
                        continue;
                    }
                    match place_tags(&mut n.raw_tags().map(|(k, v)| (dx(k), dx(v)))) {
                        Some(t) => t,
                        None => continue,
                    }
                }
                Want::Nodes(ids) if ids.contains(&n.id()) => Vec::new(),
                _ => continue,
            };
            kept.push((
                seen,
                Element {
                    kind: Some(Kind::Node),
                    id: n.id(),
                    pos: Some((deg(n.nano_lat()), deg(n.nano_lon()))),
                    tags,
                    ..Element::default()
                },
            ));
        }
        for w in group.ways() {
            if !w.info().visible() {
                continue;
            }
            seen += 1;
            let tags = match want {
                Want::Places => match place_tags(&mut w.raw_tags().map(|(k, v)| (ix(k), ix(v)))) {
                    Some(t) => t,
                    None => continue,
                },
                Want::Ways(ids) if ids.contains(&w.id()) => Vec::new(),
                _ => continue,
            };
            kept.push((
                seen,
                Element {
                    kind: Some(Kind::Way),
                    id: w.id(),
                    tags,
                    refs: w.refs().collect(),
                    ..Element::default()
                },
            ));
        }
        for r in group.relations() {
            if !r.info().visible() {
                continue;
            }
            seen += 1;
            if !places {
                continue;
            }
            let Some(tags) = place_tags(&mut r.raw_tags().map(|(k, v)| (ix(k), ix(v)))) else {
                continue;
            };
            kept.push((
                seen,
                Element {
                    kind: Some(Kind::Relation),
                    id: r.id(),
                    tags,
                    members: r
                        .members()
                        .map(|m| {
                            let k = match m.member_type {
                                RelMemberType::Node => Kind::Node,
                                RelMemberType::Way => Kind::Way,
                                RelMemberType::Relation => Kind::Relation,
                            };
                            (k, m.member_id)
                        })
                        .collect(),
                    ..Element::default()
                },
            ));
        }
    }
    (seen, kept)
}
