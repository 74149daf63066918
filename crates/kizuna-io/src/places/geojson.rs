//! Places from GeoJSON: a FeatureCollection of points (or one Feature),
//! the properties those [`super::write_geojson`] writes. Files written
//! before a place's chain and branch were kept per language still import:
//! their `chain` and `branch` properties are read as the language each
//! text's script shows ([`super::OLD_COLUMNS`]).

use kizuna_domain::map::place::{PlaceFields, PlaceInput, SourceKind};
use kizuna_geo::hours::{check_opening_hours, opening_hours_error};
use serde::Deserialize;
use serde::de::{Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value as Json};
use std::collections::HashSet;
use std::io::Read;
use std::ops::ControlFlow;
use std::sync::LazyLock;

use super::json_split::{ScanError, Split};
use super::{Counts, FileRecord, Found, OLD_COLUMNS, OldValue, row_error, show};
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

/// What is done with each feature as it is read.
struct Each<'g> {
    found: &'g mut dyn FnMut(Found) -> ControlFlow<()>,
    count: usize,
    /// Opening hours found right, each parsed once rather than once a
    /// feature (files repeat a few texts over all their places).
    good_hours: HashSet<String>,
}

/// Opening-hours texts remembered as right, at most.
const GOOD_HOURS_KEPT: usize = 10_000;

impl Each<'_> {
    fn feature(&mut self, f: &Feature) -> ControlFlow<()> {
        self.count += 1;
        let row = self.count;
        match read_feature(row, f, &mut self.good_hours) {
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

const NOT_A_COLLECTION: &str = "the file is not a GeoJSON FeatureCollection (its \"type\" must be \"FeatureCollection\", with a \"features\" array)";

/// How a read ended early.
enum Stop {
    /// The consumer stopped it.
    Stopped,
    Bad(IoError),
}

impl From<ScanError> for Stop {
    fn from(e: ScanError) -> Self {
        Stop::Bad(match e {
            ScanError::Io(e) => IoError::BadFile(format!("the GeoJSON file cannot be read: {e}")),
            ScanError::Syntax(e) => IoError::BadFile(format!("the file is not JSON: {e}")),
        })
    }
}

impl From<std::io::Error> for Stop {
    fn from(e: std::io::Error) -> Self {
        Stop::from(ScanError::Io(e))
    }
}

/// A GeoJSON FeatureCollection (or one Feature) read feature by feature:
/// one feature is in memory at a time, however long the file. The
/// document is cut into its members ([`Split`]) and each feature parsed
/// from its bytes.
pub(super) fn stream(
    mut input: Box<dyn Read + Send + '_>,
    found: &mut dyn FnMut(Found) -> ControlFlow<()>,
) -> Result<Counts> {
    let io = |e: std::io::Error| IoError::BadFile(format!("the GeoJSON file cannot be read: {e}"));
    let mut bom = Vec::with_capacity(3);
    (&mut input).take(3).read_to_end(&mut bom).map_err(io)?;
    let head: &[u8] = if bom == b"\xEF\xBB\xBF" { &[] } else { &bom };
    let mut split = Split::new(std::io::Cursor::new(head.to_vec()).chain(input));
    let mut each = Each {
        found,
        count: 0,
        good_hours: HashSet::new(),
    };
    let top = match read_top(&mut split, &mut each) {
        Ok(top) => top,
        Err(Stop::Stopped) => {
            return Ok(Counts {
                read: each.count,
                skipped: 0,
            });
        }
        Err(Stop::Bad(e)) => return Err(e),
    };
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
            let _ = each.feature(&Feature::from_json(Json::Object(f)));
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

/// The top object, its `features` handed to `each` as they are read.
fn read_top<R: Read>(split: &mut Split<R>, each: &mut Each<'_>) -> std::result::Result<Top, Stop> {
    let mut top = Top::default();
    match split.skip_ws()? {
        Some(b'{') => split.bump(),
        // Another JSON value: JSON, but not GeoJSON.
        Some(b'[' | b'"' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n') => {
            return Err(Stop::Bad(IoError::BadFile(NOT_A_COLLECTION.into())));
        }
        Some(_) => return Err(split.error("expected value").into()),
        None => return Err(split.error("EOF while parsing a value").into()),
    }
    let mut first = true;
    loop {
        match split.skip_ws()? {
            Some(b'}') if first => {
                split.bump();
                break;
            }
            Some(b'"') => {}
            Some(_) => return Err(split.error("key must be a string").into()),
            None => return Err(split.error("EOF while parsing an object").into()),
        }
        first = false;
        let key = {
            let bytes = split.value()?;
            serde_json::from_slice::<String>(bytes)
        };
        let key = key.map_err(|e| Stop::from(ScanError::Syntax(split.placed(&e))))?;
        match split.skip_ws()? {
            Some(b':') => split.bump(),
            Some(_) => return Err(split.error("expected `:`").into()),
            None => return Err(split.error("EOF while parsing an object").into()),
        }
        let next = split.skip_ws()?;
        if key == "features" {
            if next != Some(b'[') {
                // Not an array: JSON, but not GeoJSON.
                return match next {
                    None => Err(split.error("EOF while parsing a value").into()),
                    Some(_) => Err(Stop::Bad(IoError::BadFile(NOT_A_COLLECTION.into()))),
                };
            }
            top.features = true;
            read_features(split, each)?;
        } else {
            let value = {
                let bytes = split.value()?;
                match key.as_str() {
                    "type" | "id" | "geometry" | "properties" => serde_json::from_slice::<Json>(bytes).map(Some),
                    _ => serde_json::from_slice::<IgnoredAny>(bytes).map(|_| None),
                }
            };
            match value.map_err(|e| Stop::from(ScanError::Syntax(split.placed(&e))))? {
                Some(v) if key == "type" => top.kind = Some(v),
                Some(v) => {
                    top.rest.insert(key, v);
                }
                None => {}
            }
        }
        match split.skip_ws()? {
            Some(b',') => split.bump(),
            Some(b'}') => {
                split.bump();
                break;
            }
            Some(_) => return Err(split.error("expected `,` or `}`").into()),
            None => return Err(split.error("EOF while parsing an object").into()),
        }
    }
    if split.skip_ws()?.is_some() {
        return Err(split.error("trailing characters").into());
    }
    Ok(top)
}

/// The `features` array (at its `[`), each member parsed and handed on.
fn read_features<R: Read>(split: &mut Split<R>, each: &mut Each<'_>) -> std::result::Result<(), Stop> {
    split.bump();
    if split.skip_ws()? == Some(b']') {
        split.bump();
        return Ok(());
    }
    loop {
        let feature = {
            let bytes = split.value()?;
            serde_json::from_slice::<Feature>(bytes)
        };
        let feature = match feature {
            Ok(f) => f,
            Err(e) if e.is_data() => return Err(Stop::Bad(IoError::BadFile(NOT_A_COLLECTION.into()))),
            Err(e) => return Err(ScanError::Syntax(split.placed(&e)).into()),
        };
        if each.feature(&feature).is_break() {
            return Err(Stop::Stopped);
        }
        match split.skip_ws()? {
            Some(b',') => {
                split.bump();
                if split.skip_ws()? == Some(b']') {
                    return Err(split.error("trailing comma").into());
                }
            }
            Some(b']') => {
                split.bump();
                return Ok(());
            }
            Some(_) => return Err(split.error("expected `,` or `]`").into()),
            None => return Err(split.error("EOF while parsing a list").into()),
        }
    }
}

/// A property's name: one a place file may carry (no allocation), or
/// another, kept to be reported.
#[derive(Debug, Clone)]
enum Key {
    Known(&'static str),
    Unknown(String),
}

impl Key {
    fn new(name: &str) -> Key {
        static NAMES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
            super::columns()
                .iter()
                .copied()
                .chain(["locality_id", "kizuna_id"])
                .chain(OLD_COLUMNS)
                .collect()
        });
        NAMES
            .get(name)
            .map_or_else(|| Key::Unknown(name.to_owned()), |k| Key::Known(k))
    }

    fn as_str(&self) -> &str {
        match self {
            Key::Known(k) => k,
            Key::Unknown(k) => k,
        }
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Key, D::Error> {
        struct Name;
        impl Visitor<'_> for Name {
            type Value = Key;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a property name")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<Key, E> {
                Ok(Key::new(v))
            }
        }
        d.deserialize_str(Name)
    }
}

/// A feature's `properties`: an object (its members by name, in name
/// order, the last of a name given twice, as a JSON object reads), null,
/// or something else (a problem).
enum Props {
    Object(Vec<(Key, Json)>),
    Null,
    Other(Json),
}

impl Props {
    fn object(mut members: Vec<(Key, Json)>) -> Props {
        members.sort_by(|a, b| a.0.as_str().cmp(b.0.as_str()));
        // The sort is stable: of a name given twice, the last one read wins.
        let mut kept: Vec<(Key, Json)> = Vec::with_capacity(members.len());
        for m in members {
            match kept.last_mut() {
                Some(last) if last.0.as_str() == m.0.as_str() => *last = m,
                _ => kept.push(m),
            }
        }
        Props::Object(kept)
    }

    fn from_json(v: Json) -> Props {
        match v {
            Json::Null => Props::Null,
            Json::Object(m) => Props::object(m.into_iter().map(|(k, v)| (Key::new(&k), v)).collect()),
            other => Props::Other(other),
        }
    }
}

/// Reads a JSON value as [`Props`].
struct PropsVisitor;

impl<'de> Visitor<'de> for PropsVisitor {
    type Value = Props;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("properties")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Props, A::Error> {
        let mut members = Vec::with_capacity(map.size_hint().unwrap_or(16));
        while let Some(k) = map.next_key::<Key>()? {
            members.push((k, map.next_value::<Json>()?));
        }
        Ok(Props::object(members))
    }
    fn visit_unit<E: serde::de::Error>(self) -> std::result::Result<Props, E> {
        Ok(Props::Null)
    }
    fn visit_none<E: serde::de::Error>(self) -> std::result::Result<Props, E> {
        Ok(Props::Null)
    }
    fn visit_bool<E: serde::de::Error>(self, v: bool) -> std::result::Result<Props, E> {
        Ok(Props::Other(Json::Bool(v)))
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<Props, E> {
        Ok(Props::Other(Json::from(v)))
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<Props, E> {
        Ok(Props::Other(Json::from(v)))
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> std::result::Result<Props, E> {
        Ok(Props::Other(Json::from(v)))
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<Props, E> {
        Ok(Props::Other(Json::from(v)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Props, A::Error> {
        let mut items = Vec::new();
        while let Some(v) = seq.next_element::<Json>()? {
            items.push(v);
        }
        Ok(Props::Other(Json::Array(items)))
    }
}

impl<'de> Deserialize<'de> for Props {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Props, D::Error> {
        d.deserialize_any(PropsVisitor)
    }
}

/// A member of `features` as read: the members a feature has (the rest
/// are read past), or a value that is not an object (`object` false).
/// Property names are matched as they are read and their values kept
/// without a map of every member (a feature of a file written by the
/// export names every column, mostly null).
#[derive(Default)]
struct Feature {
    object: bool,
    kind: Option<Json>,
    id: Option<Json>,
    geometry: Option<Json>,
    /// `None` when absent.
    properties: Option<Props>,
}

impl Feature {
    fn from_json(v: Json) -> Feature {
        match v {
            Json::Object(mut m) => Feature {
                object: true,
                kind: m.remove("type"),
                id: m.remove("id"),
                geometry: m.remove("geometry"),
                properties: m.remove("properties").map(Props::from_json),
            },
            _ => Feature::default(),
        }
    }
}

/// A feature's own member names.
enum Member {
    Type,
    Id,
    Geometry,
    Properties,
    Other,
}

impl<'de> Deserialize<'de> for Member {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Member, D::Error> {
        struct Name;
        impl Visitor<'_> for Name {
            type Value = Member;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a member name")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<Member, E> {
                Ok(match v {
                    "type" => Member::Type,
                    "id" => Member::Id,
                    "geometry" => Member::Geometry,
                    "properties" => Member::Properties,
                    _ => Member::Other,
                })
            }
        }
        d.deserialize_str(Name)
    }
}

struct FeatureVisitor;

impl<'de> Visitor<'de> for FeatureVisitor {
    type Value = Feature;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a feature")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Feature, A::Error> {
        let mut f = Feature {
            object: true,
            ..Feature::default()
        };
        while let Some(k) = map.next_key::<Member>()? {
            match k {
                Member::Type => f.kind = Some(map.next_value()?),
                Member::Id => f.id = Some(map.next_value()?),
                Member::Geometry => f.geometry = Some(map.next_value()?),
                Member::Properties => f.properties = Some(map.next_value()?),
                Member::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(f)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Feature, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Feature::default())
    }
    fn visit_unit<E: serde::de::Error>(self) -> std::result::Result<Feature, E> {
        Ok(Feature::default())
    }
    fn visit_bool<E: serde::de::Error>(self, _: bool) -> std::result::Result<Feature, E> {
        Ok(Feature::default())
    }
    fn visit_i64<E: serde::de::Error>(self, _: i64) -> std::result::Result<Feature, E> {
        Ok(Feature::default())
    }
    fn visit_u64<E: serde::de::Error>(self, _: u64) -> std::result::Result<Feature, E> {
        Ok(Feature::default())
    }
    fn visit_f64<E: serde::de::Error>(self, _: f64) -> std::result::Result<Feature, E> {
        Ok(Feature::default())
    }
    fn visit_str<E: serde::de::Error>(self, _: &str) -> std::result::Result<Feature, E> {
        Ok(Feature::default())
    }
}

impl<'de> Deserialize<'de> for Feature {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Feature, D::Error> {
        d.deserialize_any(FeatureVisitor)
    }
}

/// One feature as a place (with its feature id and locality key, if
/// any), or every reason it is not one.
fn read_feature(
    row: usize,
    f: &Feature,
    good_hours: &mut HashSet<String>,
) -> Result<(PlaceInput, Option<String>, Option<String>), Vec<RowError>> {
    let fid = match &f.id {
        Some(Json::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Some(Json::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let tag = fid.as_ref().map(|f| format!(" [feature id {f}]")).unwrap_or_default();
    let mut errors = Vec::new();
    let mut err = |column: &str, value: String, code: &str, reason: String| {
        errors.push(row_error(row, column, &value, code, format!("{reason}{tag}")));
    };
    if f.kind.as_ref().and_then(Json::as_str) != Some("Feature") || !f.object {
        err(
            "type",
            f.kind.as_ref().map(show).unwrap_or_default(),
            "not_a_feature",
            "each member of \"features\" must be a Feature".into(),
        );
        return Err(errors);
    }
    // Geometry: a Point [lon, lat] (an altitude, if any, is ignored).
    let mut fields = PlaceFields::default();
    match &f.geometry {
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
                .as_ref()
                .and_then(|g| g.get("type"))
                .map(show)
                .unwrap_or_else(|| "null".into()),
            "not_a_point",
            "a place must be a Point geometry (longitude, latitude in WGS 84)".into(),
        ),
    }
    let props: &[(Key, Json)] = match &f.properties {
        Some(Props::Object(m)) => m,
        None | Some(Props::Null) => &[],
        Some(Props::Other(other)) => {
            err(
                "properties",
                show(other),
                "invalid_properties",
                "properties must be an object".into(),
            );
            &[]
        }
    };
    let mut raw = Map::new();
    let mut locality = None;
    let mut old: Vec<OldValue> = Vec::new();
    for (key, v) in props {
        let k = key.as_str();
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
        if matches!(key, Key::Unknown(_)) || k == "lat" || k == "lon" {
            err(
                k,
                show(v),
                "unknown_property",
                format!(
                    "unknown property {k}; the position comes from the geometry, and the properties are: {}",
                    super::columns()
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
        let value = match (k, v) {
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
        raw.insert(k.to_owned(), value);
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
        && !good_hours.contains(h)
    {
        match check_opening_hours(h) {
            Ok(()) if good_hours.len() < GOOD_HOURS_KEPT => {
                good_hours.insert(h.to_owned());
            }
            Ok(()) => {}
            Err(m) => {
                let e = opening_hours_error(&m);
                err("opening_hours", h.to_owned(), &e.code, e.message);
            }
        }
    }
    if fields.lat.is_none() || fields.lon.is_none() {
        // Already reported as a geometry problem; don't name lat/lon too.
        fields.lat = Some(0.0);
        fields.lon = Some(0.0);
    }
    let validated = fields.validate();
    if let Err(errs) = &validated {
        let value_of = |name: &str| -> String {
            props
                .iter()
                .find(|(k, _)| k.as_str() == name)
                .map(|(_, v)| show(v))
                .unwrap_or_default()
        };
        for e in errs {
            let column =
                if e.field == "source_id" && fid.is_some() && !props.iter().any(|(k, _)| k.as_str() == "source_id") {
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
