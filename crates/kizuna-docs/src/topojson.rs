//! A small TopoJSON reader: the polygons of one object of a topology, as
//! rings of longitude/latitude pairs (what the booklet's maps draw).
//!
//! It follows the TopoJSON 1.0 specification: a quantized topology's arcs
//! are delta-encoded integers decoded through the `transform` (scale, then
//! translate); an arc index `i` below zero means arc `!i` (that is `-i - 1`)
//! walked backwards; a ring's consecutive arcs share their joining point,
//! which is kept once. Polygons, multipolygons and geometry collections are
//! read; other geometry types (points, lines) have no rings and are skipped.

use std::collections::HashMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};

/// A closed ring of `[longitude, latitude]` positions.
pub type Ring = Vec<[f64; 2]>;

/// A polygon: its exterior ring, then its holes.
pub type Polygon = Vec<Ring>;

/// A position: the first two numbers of a JSON array (any more are ignored).
#[derive(Debug, Clone, Copy)]
struct Pos([f64; 2]);

impl<'de> Deserialize<'de> for Pos {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Pos;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a position [x, y]")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Pos, A::Error> {
                let x: f64 = seq.next_element()?.ok_or_else(|| de::Error::invalid_length(0, &self))?;
                let y: f64 = seq.next_element()?.ok_or_else(|| de::Error::invalid_length(1, &self))?;
                while seq.next_element::<de::IgnoredAny>()?.is_some() {}
                Ok(Pos([x, y]))
            }
        }
        d.deserialize_seq(V)
    }
}

#[derive(Deserialize)]
struct Transform {
    scale: [f64; 2],
    translate: [f64; 2],
}

#[derive(Deserialize)]
struct Topology {
    #[serde(rename = "type")]
    kind: String,
    transform: Option<Transform>,
    arcs: Vec<Vec<Pos>>,
    objects: HashMap<String, Geometry>,
}

/// A geometry object; `type` may be null (an empty geometry).
#[derive(Deserialize)]
struct Geometry {
    #[serde(rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    arcs: serde_json::Value,
    #[serde(default)]
    geometries: Vec<Geometry>,
}

/// The polygons of `object` in a TopoJSON topology, in the topology's
/// coordinates (longitude, latitude for world-atlas). Errors say what is
/// wrong: not JSON, not a topology, no such object, an arc index out of range.
pub fn polygons(json: &[u8], object: &str) -> Result<Vec<Polygon>, String> {
    let topo: Topology = serde_json::from_slice(json).map_err(|e| format!("not a TopoJSON topology: {e}"))?;
    if topo.kind != "Topology" {
        return Err(format!("not a TopoJSON topology: its type is \"{}\"", topo.kind));
    }
    let arcs = decode_arcs(&topo.arcs, topo.transform.as_ref());
    let geometry = topo.objects.get(object).ok_or_else(|| {
        let mut names: Vec<&str> = topo.objects.keys().map(String::as_str).collect();
        names.sort_unstable();
        format!("the topology has no object \"{object}\" (it has: {})", names.join(", "))
    })?;
    let mut out = Vec::new();
    collect(geometry, &arcs, &mut out)?;
    Ok(out)
}

/// Absolute positions of every arc: delta-decoded and transformed when quantized.
fn decode_arcs(arcs: &[Vec<Pos>], transform: Option<&Transform>) -> Vec<Vec<[f64; 2]>> {
    arcs.iter()
        .map(|arc| match transform {
            None => arc.iter().map(|p| p.0).collect(),
            Some(t) => {
                let (mut x, mut y) = (0.0, 0.0);
                arc.iter()
                    .map(|p| {
                        x += p.0[0];
                        y += p.0[1];
                        [x * t.scale[0] + t.translate[0], y * t.scale[1] + t.translate[1]]
                    })
                    .collect()
            }
        })
        .collect()
}

fn collect(g: &Geometry, arcs: &[Vec<[f64; 2]>], out: &mut Vec<Polygon>) -> Result<(), String> {
    match g.kind.as_deref() {
        Some("Polygon") => {
            let rings = Vec::<Vec<i64>>::deserialize(&g.arcs)
                .map_err(|e| format!("a Polygon's arcs are not lists of arc indices: {e}"))?;
            out.push(polygon(&rings, arcs)?);
        }
        Some("MultiPolygon") => {
            let polys = Vec::<Vec<Vec<i64>>>::deserialize(&g.arcs)
                .map_err(|e| format!("a MultiPolygon's arcs are not lists of lists of arc indices: {e}"))?;
            for rings in &polys {
                out.push(polygon(rings, arcs)?);
            }
        }
        Some("GeometryCollection") => {
            for g in &g.geometries {
                collect(g, arcs, out)?;
            }
        }
        // Points and lines have no rings; a null type is an empty geometry.
        _ => {}
    }
    Ok(())
}

fn polygon(rings: &[Vec<i64>], arcs: &[Vec<[f64; 2]>]) -> Result<Polygon, String> {
    rings.iter().map(|r| ring(r, arcs)).collect()
}

/// One ring from its arcs, each joining point kept once.
fn ring(indices: &[i64], arcs: &[Vec<[f64; 2]>]) -> Result<Ring, String> {
    let mut out: Ring = Vec::new();
    for &i in indices {
        let (index, reversed) = if i < 0 { (!i, true) } else { (i, false) };
        let arc = usize::try_from(index)
            .ok()
            .and_then(|k| arcs.get(k))
            .ok_or_else(|| format!("arc index {i} is out of range (the topology has {} arcs)", arcs.len()))?;
        let skip = usize::from(!out.is_empty());
        if reversed {
            out.extend(arc.iter().rev().skip(skip));
        } else {
            out.extend(arc.iter().skip(skip));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two unit squares side by side sharing their middle edge (arc 1),
    /// quantized with scale 0.5 and translate (100, 40).
    const QUANTIZED: &str = r#"{
        "type": "Topology",
        "transform": {"scale": [0.5, 0.5], "translate": [100, 40]},
        "objects": {
            "land": {"type": "GeometryCollection", "geometries": [
                {"type": "Polygon", "arcs": [[0, 1]], "properties": {"name": "west"}},
                {"type": "MultiPolygon", "arcs": [[[2, -2]]]},
                {"type": "Point", "coordinates": [1, 1]},
                {"type": null}
            ]},
            "other": {"type": "Polygon", "arcs": [[5]]}
        },
        "arcs": [
            [[2, 0], [-2, 0], [0, 2], [2, 0, 99]],
            [[2, 2], [0, -2]],
            [[2, 2], [2, 0], [0, -2], [-2, 0]]
        ]
    }"#;

    #[test]
    fn quantized_delta_encoded_arcs_and_reversed_shared_arcs() {
        let polys = polygons(QUANTIZED.as_bytes(), "land").unwrap();
        assert_eq!(polys.len(), 2);
        // West square: arc 0 then arc 1, the joining point (101, 41) once.
        assert_eq!(
            polys[0],
            vec![vec![
                [101.0, 40.0],
                [100.0, 40.0],
                [100.0, 41.0],
                [101.0, 41.0],
                [101.0, 40.0]
            ]]
        );
        // East square: arc 2, then arc 1 backwards (from (101,40) to (101,41)).
        assert_eq!(
            polys[1],
            vec![vec![
                [101.0, 41.0],
                [102.0, 41.0],
                [102.0, 40.0],
                [101.0, 40.0],
                [101.0, 41.0]
            ]]
        );
    }

    #[test]
    fn unquantized_topologies_use_absolute_positions() {
        let json = r#"{"type": "Topology", "objects": {"a": {"type": "Polygon", "arcs": [[0], [~1]]}},
            "arcs": [[[0, 0], [4, 0], [4, 4], [0, 0]], [[1, 1], [2, 1], [1, 2], [1, 1]]]}"#
            .replace("~1", "-2");
        let polys = polygons(json.as_bytes(), "a").unwrap();
        assert_eq!(polys.len(), 1);
        assert_eq!(polys[0].len(), 2, "exterior and one hole");
        assert_eq!(polys[0][0], vec![[0.0, 0.0], [4.0, 0.0], [4.0, 4.0], [0.0, 0.0]]);
        assert_eq!(polys[0][1], vec![[1.0, 1.0], [1.0, 2.0], [2.0, 1.0], [1.0, 1.0]]);
    }

    #[test]
    fn bad_topologies_are_reported_not_panicked_on() {
        let err = polygons(QUANTIZED.as_bytes(), "other").unwrap_err();
        assert!(
            err.contains("arc index 5 is out of range (the topology has 3 arcs)"),
            "{err}"
        );
        let err = polygons(QUANTIZED.as_bytes(), "sea").unwrap_err();
        assert!(err.contains("no object \"sea\" (it has: land, other)"), "{err}");
        let err = polygons(br#"{"type": "FeatureCollection", "arcs": [], "objects": {}}"#, "land").unwrap_err();
        assert!(err.contains("\"FeatureCollection\""), "{err}");
        assert!(
            polygons(b"[1, 2", "land")
                .unwrap_err()
                .starts_with("not a TopoJSON topology")
        );
        let err = polygons(
            br#"{"type": "Topology", "objects": {"a": {"type": "Polygon", "arcs": [0]}}, "arcs": []}"#,
            "a",
        )
        .unwrap_err();
        assert!(err.contains("not lists of arc indices"), "{err}");
        let err = polygons(
            br#"{"type": "Topology", "objects": {"a": {"type": "Polygon", "arcs": [[-9223372036854775808]]}}, "arcs": []}"#,
            "a",
        )
        .unwrap_err();
        assert!(err.contains("out of range"), "{err}");
    }
}
