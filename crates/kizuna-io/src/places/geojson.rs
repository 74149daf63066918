//! Places from GeoJSON: a FeatureCollection of points (or one Feature),
//! the properties those [`super::write_geojson`] writes. Files written
//! before a place's chain and branch were kept per language still import:
//! their `chain` and `branch` properties are read as the language each
//! text's script shows ([`super::OLD_COLUMNS`]).

use kizuna_domain::map::place::{PlaceFields, PlaceInput, SourceKind};
use kizuna_geo::hours::{check_opening_hours, opening_hours_error};
use serde_json::{Map, Value as Json};

use super::{FileRead, FileRecord, OLD_COLUMNS, OldValue, file_columns, row_error, show};
use crate::{IoError, Result, RowError};

/// A GeoJSON FeatureCollection (or one Feature) read into places.
pub(super) fn read(bytes: &[u8]) -> Result<FileRead> {
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).map_err(|e| {
        IoError::BadFile(format!(
            "the file is not UTF-8 (byte {} is not valid)",
            e.valid_up_to() + 1
        ))
    })?;
    let doc: Json = serde_json::from_str(text).map_err(|e| IoError::BadFile(format!("the file is not JSON: {e}")))?;
    let features = match doc.get("type").and_then(Json::as_str) {
        Some("FeatureCollection") => match doc.get("features").and_then(Json::as_array) {
            Some(f) => f.clone(),
            None => {
                return Err(IoError::BadFile(
                    "the FeatureCollection has no \"features\" array".into(),
                ));
            }
        },
        Some("Feature") => vec![doc.clone()],
        _ => {
            return Err(IoError::BadFile(
                "the file is not a GeoJSON FeatureCollection (its \"type\" must be \"FeatureCollection\")".into(),
            ));
        }
    };
    let mut file = FileRead {
        read: features.len(),
        ..FileRead::default()
    };
    for (i, f) in features.iter().enumerate() {
        let row = i + 1;
        match read_feature(row, f) {
            Ok((input, fid, locality)) => file.records.push(FileRecord {
                row,
                input,
                label: fid.map(|f| format!("feature id {f}")),
                locality,
            }),
            Err(errs) => file.errors.extend(errs),
        }
    }
    Ok(file)
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
