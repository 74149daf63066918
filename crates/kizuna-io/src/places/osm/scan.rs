//! Reading OpenStreetMap files object by object: XML with quick-xml,
//! PBF with osmpbf. Only what the mapping asks for is copied.

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};

use super::{Element, Encoding, Kind, bad};
use crate::Result;

// ---------------------------------------------------------------------------
// Reading the encodings
// ---------------------------------------------------------------------------

/// Call `f` with every object of the file, in file order. Tags are read only
/// when `tags` is true.
pub(super) fn scan(bytes: &[u8], format: Encoding, tags: bool, f: &mut dyn FnMut(Element)) -> Result<()> {
    match format {
        Encoding::Xml => scan_xml(bytes, tags, f),
        Encoding::Pbf => scan_pbf(bytes, tags, f),
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

pub(super) fn scan_pbf(bytes: &[u8], tags: bool, f: &mut dyn FnMut(Element)) -> Result<()> {
    use osmpbf::{Element as E, RelMemberType};
    let p = Encoding::Pbf;
    if bytes.is_empty() {
        return Err(bad(p, "the file is empty"));
    }
    let collect = |it: &mut dyn Iterator<Item = (&str, &str)>| -> Vec<(String, String)> {
        if tags {
            it.map(|(k, v)| (k.to_owned(), v.to_owned())).collect()
        } else {
            Vec::new()
        }
    };
    // Nanodegrees to degrees: an exact quotient, so a coordinate written with
    // 7 decimals reads as the same number as from XML.
    let deg = |nano: i64| nano as f64 / 1e9;
    let reader = osmpbf::ElementReader::new(bytes);
    // The decoder may panic on a crafted file (it unwraps some values):
    // that is a bad file, not a crash.
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        reader.for_each(|e| match e {
            E::Node(n) if n.info().visible() => f(Element {
                kind: Some(Kind::Node),
                id: n.id(),
                pos: Some((deg(n.nano_lat()), deg(n.nano_lon()))),
                tags: collect(&mut n.tags()),
                ..Element::default()
            }),
            E::DenseNode(n) if n.info().is_none_or(osmpbf::DenseNodeInfo::visible) => f(Element {
                kind: Some(Kind::Node),
                id: n.id(),
                pos: Some((deg(n.nano_lat()), deg(n.nano_lon()))),
                tags: collect(&mut n.tags()),
                ..Element::default()
            }),
            E::Way(w) if w.info().visible() => f(Element {
                kind: Some(Kind::Way),
                id: w.id(),
                tags: collect(&mut w.tags()),
                refs: w.refs().collect(),
                ..Element::default()
            }),
            E::Relation(r) if r.info().visible() => f(Element {
                kind: Some(Kind::Relation),
                id: r.id(),
                tags: collect(&mut r.tags()),
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
            }),
            _ => {}
        })
    }));
    match run {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(bad(p, e)),
        Err(_) => Err(bad(p, "its data is damaged")),
    }
}
