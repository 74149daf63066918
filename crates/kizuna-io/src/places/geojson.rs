//! Places from GeoJSON: a FeatureCollection of points (or one Feature),
//! the properties those [`super::write_geojson`] writes. Files written
//! before a place's chain and branch were kept per language still import:
//! their `chain` and `branch` properties are read as the language each
//! text's script shows ([`super::OLD_COLUMNS`]).

use kizuna_domain::map::place::{PlaceFields, PlaceInput, SourceKind};
use kizuna_geo::hours::{check_opening_hours, opening_hours_error};
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value as Json};
use std::io::Read;
use std::ops::ControlFlow;

use super::{Counts, FileRecord, Found, OLD_COLUMNS, OldValue, file_columns, row_error, show};
use crate::{IoError, Result, RowError};

/// What the top of a GeoJSON document held besides its features.
#[derive(Default)]
struct Top {
    kind: Option<Json>,
    /// Whether it had a `features` member.
    features: bool,
    /// `id`, `geometry` and `properties`: a document that is one Feature.
    rest: Map<String, Json>,
}

/// The error a visitor returns when the consumer stopped the read.
const STOPPED: &str = "kizuna: read stopped";

/// Reads the top object, streaming its `features` to `each`.
struct TopVisitor<'f, 'g> {
    each: &'f mut Each<'g>,
}

/// What is done with each feature as it is read.
struct Each<'g> {
    found: &'g mut dyn FnMut(Found) -> ControlFlow<()>,
    count: usize,
}

impl Each<'_> {
    fn feature(&mut self, f: &Json) -> ControlFlow<()> {
        self.count += 1;
        let row = self.count;
        match read_feature(row, f) {
            Ok((input, fid, locality)) => (self.found)(Found::Record(FileRecord {
                row,
                input,
                label: fid.map(|f| format!("feature id {f}")),
                locality,
            })),
            Err(errs) => {
                for e in errs {
                    (self.found)(Found::Error(e))?;
                }
                ControlFlow::Continue(())
            }
        }
    }
}

impl<'de> Visitor<'de> for TopVisitor<'_, '_> {
    type Value = Top;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a GeoJSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Top, A::Error> {
        let mut top = Top::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "features" => {
                    top.features = true;
                    map.next_value_seed(Features { each: &mut *self.each })?;
                }
                "type" => top.kind = Some(map.next_value()?),
                "id" | "geometry" | "properties" => {
                    let v: Json = map.next_value()?;
                    top.rest.insert(key, v);
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(top)
    }
}

impl<'de> DeserializeSeed<'de> for TopVisitor<'_, '_> {
    type Value = Top;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Top, D::Error> {
        d.deserialize_map(self)
    }
}

/// The `features` array, one feature at a time.
struct Features<'f, 'g> {
    each: &'f mut Each<'g>,
}

impl<'de> Visitor<'de> for Features<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a \"features\" array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
        while let Some(f) = seq.next_element::<Json>()? {
            if self.each.feature(&f).is_break() {
                return Err(serde::de::Error::custom(STOPPED));
            }
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for Features<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

/// A GeoJSON FeatureCollection (or one Feature) read feature by feature:
/// one feature is in memory at a time, however long the file.
pub(super) fn stream(
    mut input: Box<dyn Read + Send + '_>,
    found: &mut dyn FnMut(Found) -> ControlFlow<()>,
) -> Result<Counts> {
    let io = |e: std::io::Error| IoError::BadFile(format!("the GeoJSON file cannot be read: {e}"));
    let mut bom = Vec::with_capacity(3);
    (&mut input).take(3).read_to_end(&mut bom).map_err(io)?;
    let head: &[u8] = if bom == b"\xEF\xBB\xBF" { &[] } else { &bom };
    let reader = std::io::BufReader::with_capacity(256 * 1024, std::io::Cursor::new(head.to_vec()).chain(input));
    let mut de = serde_json::Deserializer::from_reader(reader);
    let mut each = Each { found, count: 0 };
    let not_json = |e: serde_json::Error| {
        if e.to_string().starts_with(STOPPED) {
            None
        } else if e.is_data() {
            Some(IoError::BadFile(
                "the file is not a GeoJSON FeatureCollection (its \"type\" must be \"FeatureCollection\", with a \"features\" array)".into(),
            ))
        } else {
            Some(IoError::BadFile(format!("the file is not JSON: {e}")))
        }
    };
    let top = match (TopVisitor { each: &mut each }).deserialize(&mut de) {
        Ok(top) => top,
        Err(e) => {
            return match not_json(e) {
                None => Ok(Counts {
                    read: each.count,
                    skipped: 0,
                }),
                Some(e) => Err(e),
            };
        }
    };
    de.end()
        .map_err(|e| IoError::BadFile(format!("the file is not JSON: {e}")))?;
    match top.kind.as_ref().and_then(Json::as_str) {
        Some("FeatureCollection") if top.features => {}
        Some("FeatureCollection") => {
            return Err(IoError::BadFile(
                "the FeatureCollection has no \"features\" array".into(),
            ));
        }
        Some("Feature") => {
            let mut f = top.rest;
            f.insert("type".into(), Json::from("Feature"));
            // Stopped or not, this was the only one.
            let _ = each.feature(&Json::Object(f));
        }
        _ => {
            return Err(IoError::BadFile(
                "the file is not a GeoJSON FeatureCollection (its \"type\" must be \"FeatureCollection\")".into(),
            ));
        }
    }
    Ok(Counts {
        read: each.count,
        skipped: 0,
    })
}

/// One feature as a place (with its feature id and locality key, if
/// any), or every reason it is not one.
fn read_feature(row: usize, f: &Json) -> Result<(PlaceInput, Option<String>, Option<String>), Vec<RowError>> {
    let fid = match f.get("id") {
        Some(Json::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Some(Json::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let tag = fid.as_ref().map(|f| format!(" [feature id {f}]")).unwrap_or_default();
    let mut errors = Vec::new();
    let mut err = |column: &str, value: String, code: &str, reason: String| {
        errors.push(row_error(row, column, &value, code, format!("{reason}{tag}")));
    };
    if f.get("type").and_then(Json::as_str) != Some("Feature") {
        err(
            "type",
            f.get("type").map(show).unwrap_or_default(),
            "not_a_feature",
            "each member of \"features\" must be a Feature".into(),
        );
        return Err(errors);
    }
    // Geometry: a Point [lon, lat] (an altitude, if any, is ignored).
    let mut fields = PlaceFields::default();
    match f.get("geometry") {
        Some(g) if g.get("type").and_then(Json::as_str) == Some("Point") => {
            match g.get("coordinates").and_then(Json::as_array).map(Vec::as_slice) {
                Some([lon, lat, ..]) if lon.is_number() && lat.is_number() => {
                    fields.lon = lon.as_f64();
                    fields.lat = lat.as_f64();
                }
                _ => err(
                    "geometry",
                    g.get("coordinates").map(show).unwrap_or_default(),
                    "invalid_geometry",
                    "a Point's coordinates must be [longitude, latitude] numbers".into(),
                ),
            }
        }
        other => err(
            "geometry",
            other
                .and_then(|g| g.get("type"))
                .map(show)
                .unwrap_or_else(|| "null".into()),
            "not_a_point",
            "a place must be a Point geometry (longitude, latitude in WGS 84)".into(),
        ),
    }
    let empty = Map::new();
    let props = match f.get("properties") {
        Some(Json::Object(m)) => m,
        None | Some(Json::Null) => &empty,
        Some(other) => {
            err(
                "properties",
                show(other),
                "invalid_properties",
                "properties must be an object".into(),
            );
            &empty
        }
    };
    let mut raw = Map::new();
    let mut locality = None;
    let mut old: Vec<OldValue> = Vec::new();
    let columns = file_columns();
    for (k, v) in props {
        if k == "kizuna_id" {
            continue;
        }
        if k == "locality" {
            match v {
                Json::Null => {}
                Json::String(s) if !s.trim().is_empty() => locality = Some(s.trim().to_owned()),
                _ => err(
                    k,
                    show(v),
                    "not_text",
                    "locality must be a locality's key, e.g. jp/hokkaido/ishikari/sapporo".into(),
                ),
            }
            continue;
        }
        if !(columns.contains(&k.as_str()) || k == "locality_id" || OLD_COLUMNS.contains(&k.as_str()))
            || k == "lat"
            || k == "lon"
        {
            err(
                k,
                show(v),
                "unknown_property",
                format!(
                    "unknown property {k}; the position comes from the geometry, and the properties are: {}",
                    columns
                        .iter()
                        .filter(|n| !matches!(**n, "lat" | "lon"))
                        .copied()
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
            continue;
        }
        // Text fields may be given as numbers (phone, source_id); flags and
        // locality ids must have their JSON types.
        let value = match (k.as_str(), v) {
            (_, Json::Null) => continue,
            ("locality_id", Json::Number(_)) => v.clone(),
            ("price_range", Json::Number(n)) if n.is_i64() => v.clone(),
            ("price_range", Json::String(t)) if t.trim().parse::<i64>().is_ok() => {
                Json::from(t.trim().parse::<i64>().unwrap_or_default())
            }
            ("price_range", _) => {
                err(
                    k,
                    show(v),
                    "not_a_number",
                    "price_range must be a whole number from 1 to 4".into(),
                );
                continue;
            }
            (c, Json::Bool(_)) if super::is_flag(c) => v.clone(),
            ("locality_id", _) => {
                err(k, show(v), "not_a_number", "locality_id must be a whole number".into());
                continue;
            }
            (c, _) if super::is_flag(c) => {
                err(k, show(v), "not_a_boolean", format!("{k} must be true or false"));
                continue;
            }
            (_, Json::String(_)) => v.clone(),
            (_, Json::Number(n)) => Json::String(n.to_string()),
            _ => {
                err(k, show(v), "not_text", format!("{k} must be text"));
                continue;
            }
        };
        if let Json::String(text) = &value
            && let Some(o) = OldValue::new(k, text)
        {
            old.push(o);
            continue;
        }
        raw.insert(k.clone(), value);
    }
    // An older file's chain and branch, in the language their script shows;
    // problems with them name the property the file has.
    let read_as: Vec<(&'static str, &'static str)> = old.iter().map(|o| (o.read_as, o.column)).collect();
    for (o, reason) in OldValue::merge(old, &mut raw) {
        err(o.column, o.value, "duplicate_column", reason);
    }
    match serde_json::from_value::<PlaceFields>(Json::Object(raw)) {
        Ok(p) => {
            fields = PlaceFields {
                lat: fields.lat,
                lon: fields.lon,
                ..p
            };
        }
        Err(e) => err("properties", String::new(), "invalid", e.to_string()),
    }
    // Without a source, the file is the source and the feature id its key.
    if fields.source.as_deref().is_none_or(|s| s.trim().is_empty()) {
        fields.source = Some(SourceKind::Import.to_string());
    }
    if fields.source_id.as_deref().is_none_or(|s| s.trim().is_empty()) {
        match &fid {
            Some(id) => fields.source_id = Some(id.clone()),
            None => {
                err(
                    "source_id",
                    String::new(),
                    "required",
                    "each feature needs an \"id\" or a source_id property, so that importing it again updates it rather than adding it twice".into(),
                );
                // Reported; don't report it again below.
                fields.source_id = Some(format!("feature-{row}"));
            }
        }
    }
    if let Some(h) = fields.opening_hours.as_deref().map(str::trim).filter(|h| !h.is_empty())
        && let Err(m) = check_opening_hours(h)
    {
        let e = opening_hours_error(&m);
        err("opening_hours", h.to_owned(), &e.code, e.message);
    }
    if fields.lat.is_none() || fields.lon.is_none() {
        // Already reported as a geometry problem; don't name lat/lon too.
        fields.lat = Some(0.0);
        fields.lon = Some(0.0);
    }
    let validated = fields.validate();
    if let Err(errs) = &validated {
        let value_of = |name: &str| -> String { props.get(name).map(show).unwrap_or_default() };
        for e in errs {
            let column = if e.field == "source_id" && fid.is_some() && props.get("source_id").is_none() {
                "id"
            } else {
                read_as
                    .iter()
                    .find(|(to, _)| *to == e.field)
                    .map_or(e.field.as_str(), |(_, from)| from)
            };
            let value = match e.field.as_str() {
                _ if column == "id" => fid.clone().unwrap_or_default(),
                "lat" => fields.lat.map(|v| v.to_string()).unwrap_or_default(),
                "lon" => fields.lon.map(|v| v.to_string()).unwrap_or_default(),
                _ => value_of(column),
            };
            err(column, value, &e.code, e.message.clone());
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    match validated {
        Ok(p) => Ok((p, fid, locality)),
        Err(_) => Err(errors),
    }
}
