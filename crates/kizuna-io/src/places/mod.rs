//! Places of the map in files: GeoJSON (RFC 7946), CSV, and OpenStreetMap
//! XML (`.osm`) and PBF (`.osm.pbf`). Every reader gives the places it
//! read as [`PlaceInput`]s (each checked on its own) with every problem
//! found; the checks that need the store (localities by key, duplicates
//! already recorded) are the caller's.

use std::collections::HashMap;
use std::ops::ControlFlow;
use std::sync::LazyLock;

use kizuna_domain::common::{Id, guess_language};
use kizuna_domain::fields::Fields;
use kizuna_domain::map::place::{OSM_ATTRIBUTION, Place, PlaceFields, PlaceInput, SourceKind};
use serde_json::{Map, Value as Json, json};

use crate::{IoError, Result, RowError};

mod csv;
mod geojson;
mod json_split;
mod osm;

/// A place read from a file, before the checks every format shares.
pub struct FileRecord {
    /// Where it is in the file: the feature number, the CSV line, or the
    /// OpenStreetMap object's number (each from 1).
    pub row: usize,
    pub input: PlaceInput,
    /// How messages name the record besides its number (`feature id 7`, `node/123`).
    pub label: Option<String>,
    /// The locality's key, for the caller to look up.
    pub locality: Option<String>,
}

/// What a reader made of a file: its places, every problem found so far,
/// and how many objects it skipped.
#[derive(Default)]
pub struct FileRead {
    pub records: Vec<FileRecord>,
    pub errors: Vec<RowError>,
    /// Records read (including those with problems).
    pub read: usize,
    /// Objects that are not places of the map.
    pub skipped: usize,
    /// Read leniently ([`read_lenient`]): OpenStreetMap objects that match
    /// but cannot become places, one note each (its first problem, the
    /// others in the reason), instead of in `errors`.
    pub left_out: Vec<ObjectNote>,
    /// What a lenient read changed or dropped to make a place of an object.
    pub warnings: Vec<ObjectNote>,
    /// Whether the file was read leniently (the caller then also keeps
    /// opening hours it cannot read, with a warning).
    pub lenient: bool,
}

/// An OpenStreetMap object left out of an import, or changed by it, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectNote {
    /// The object's number in the file (from 1).
    pub row: usize,
    /// `node/123`, `way/…`, `relation/…`.
    pub object: String,
    /// The tag concerned (`name`, `website`, `opening_hours`…).
    pub tag: String,
    pub value: String,
    /// A stable code (`no_name`, `no_position`, `website_https_added`…).
    pub code: String,
    pub reason: String,
}

/// The kinds of file places are imported from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceFileFormat {
    /// GeoJSON (RFC 7946) FeatureCollection of points.
    Geojson,
    /// CSV with the columns of [`file_columns`].
    Csv,
    /// OpenStreetMap XML (`.osm`).
    OsmXml,
    /// OpenStreetMap protocol buffers (`.osm.pbf`).
    OsmPbf,
}

impl PlaceFileFormat {
    /// The format a file name implies (`.geojson`/`.json`, `.csv`, `.osm`, `.osm.pbf`/`.pbf`).
    pub fn from_file_name(name: &str) -> Option<Self> {
        let n = name.to_ascii_lowercase();
        if n.ends_with(".osm.pbf") || n.ends_with(".pbf") {
            Some(Self::OsmPbf)
        } else if n.ends_with(".osm") {
            Some(Self::OsmXml)
        } else if n.ends_with(".csv") {
            Some(Self::Csv)
        } else if n.ends_with(".geojson") || n.ends_with(".json") {
            Some(Self::Geojson)
        } else {
            None
        }
    }

    /// A short name for messages.
    pub fn label(self) -> &'static str {
        match self {
            Self::Geojson => "GeoJSON",
            Self::Csv => "CSV",
            Self::OsmXml => "OpenStreetMap XML",
            Self::OsmPbf => "OpenStreetMap PBF",
        }
    }
}

/// The columns of a place in files (GeoJSON properties, CSV): the fields
/// its declaration ([`PlaceFields`]) has, with the locality by key
/// (`locality`) rather than by id.
pub fn file_columns() -> Vec<&'static str> {
    PlaceFields::field_names()
        .iter()
        .map(|c| if *c == "locality_id" { "locality" } else { *c })
        .collect()
}

/// [`file_columns`], made once: the readers look names up in it per value.
pub(crate) fn columns() -> &'static [&'static str] {
    static COLUMNS: LazyLock<Vec<&'static str>> = LazyLock::new(file_columns);
    &COLUMNS
}

/// Whether a file column is a yes/no flag (its field is declared
/// boolean): CSV reads `true`/`yes`/`1`, GeoJSON wants a JSON boolean.
pub(crate) fn is_flag(column: &str) -> bool {
    static FLAGS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
        PlaceFields::columns()
            .iter()
            .filter(|c| c.kind == kizuna_domain::fields::Kind::Bool)
            .map(|c| c.name.as_str())
            .collect()
    });
    FLAGS.contains(&column)
}

/// Columns of files written before a place's chain and branch were kept
/// per language. Their text is read as the language its script shows
/// ([`guess_language`]: Thai → `_th`, kana, kanji or full-width forms → `_ja`, else `_en`),
/// as migration 0009 did for stores.
pub const OLD_COLUMNS: [&str; 2] = ["chain", "branch"];

/// A value of an [`OLD_COLUMNS`] column and the column it is read as.
pub(crate) struct OldValue {
    pub(crate) column: &'static str,
    pub(crate) read_as: &'static str,
    pub(crate) value: String,
}

impl OldValue {
    /// `column` (one of [`OLD_COLUMNS`]) holding `value`; `None` for other columns.
    pub(crate) fn new(column: &str, value: &str) -> Option<Self> {
        if !OLD_COLUMNS.contains(&column) {
            return None;
        }
        let lang = guess_language(value);
        let (column, read_as) = match (column, lang) {
            ("chain", "th") => ("chain", "chain_th"),
            ("chain", "ja") => ("chain", "chain_ja"),
            ("chain", _) => ("chain", "chain_en"),
            ("branch", "th") => ("branch", "branch_th"),
            ("branch", "ja") => ("branch", "branch_ja"),
            ("branch", _) => ("branch", "branch_en"),
            _ => return None,
        };
        Some(OldValue {
            column,
            read_as,
            value: value.to_owned(),
        })
    }

    /// Put each value into `raw` under the column it is read as, unless the
    /// file gives that column too: those are returned, for the caller to
    /// report (which of the two is meant cannot be known).
    pub(crate) fn merge(old: Vec<OldValue>, raw: &mut Map<String, Json>) -> Vec<(OldValue, String)> {
        let mut conflicts = Vec::new();
        for o in old {
            let given = raw.get(o.read_as);
            if given == Some(&Json::String(o.value.clone())) {
                // The same text twice: nothing to choose between.
            } else if given.is_some() {
                let reason = format!(
                    "{} (a column of older files, without a language) reads as {} here, which this record gives too; keep one of them",
                    o.column, o.read_as
                );
                conflicts.push((o, reason));
            } else {
                raw.insert(o.read_as.to_owned(), Json::String(o.value.clone()));
            }
        }
        conflicts
    }
}

pub(crate) fn row_error(row: usize, column: &str, value: &str, code: &str, reason: String) -> RowError {
    RowError {
        row,
        column: column.to_owned(),
        value: value.to_owned(),
        code: code.to_owned(),
        reason,
    }
}

/// A place's flat fields as JSON properties, all keys present (null when
/// absent) so every feature has the same columns; the locality by key.
pub fn properties(f: &PlaceFields, with_position: bool, keys: &HashMap<Id, String>) -> Map<String, Json> {
    let Ok(Json::Object(mut m)) = serde_json::to_value(f) else {
        return Map::new();
    };
    m.remove("locality_id");
    m.insert("locality".into(), json!(f.locality_id.and_then(|id| keys.get(&id))));
    if !with_position {
        m.remove("lat");
        m.remove("lon");
    }
    m
}

pub fn feature(p: &Place, keys: &HashMap<Id, String>) -> Json {
    let pos = p.fields.position;
    let mut props = properties(&PlaceFields::from(&p.fields), false, keys);
    // Kizuna's own id, also the feature id, for people reading the table.
    props.insert("kizuna_id".into(), json!(p.id));
    json!({
        "type": "Feature",
        "id": p.id,
        "geometry": {"type": "Point", "coordinates": [pos.lon(), pos.lat()]},
        "properties": props,
    })
}

pub(crate) fn show(v: &Json) -> String {
    match v {
        Json::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// One thing a reader found, handed over as soon as it is found (see [`stream`]).
// Nearly every item is a record: boxing it would cost an allocation each
// for the few notes' sake.
#[allow(clippy::large_enum_variant)]
pub enum Found {
    /// A place read and checked on its own.
    Record(FileRecord),
    /// A problem with a record (a strict read refuses the file over any).
    Error(RowError),
    /// An OpenStreetMap object left out of a lenient read, and why.
    LeftOut(ObjectNote),
    /// What a lenient read changed to make a place of an object.
    Warning(ObjectNote),
}

/// What a streamed read counted.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Records read (including those with problems).
    pub read: usize,
    /// OpenStreetMap objects that are not places of the map.
    pub skipped: usize,
}

/// A file a reader can open: once for GeoJSON and CSV, again for the
/// OpenStreetMap passes that look for the nodes of ways and relations.
/// The caller owns the I/O (a file, an upload in memory, with a byte
/// counter for progress); kizuna-io only reads what it is given.
pub trait Input: Sync {
    fn open(&self) -> std::io::Result<Box<dyn std::io::Read + Send + '_>>;
}

/// A file already in memory.
pub struct Bytes<'a>(pub &'a [u8]);

impl Input for Bytes<'_> {
    fn open(&self) -> std::io::Result<Box<dyn std::io::Read + Send + '_>> {
        Ok(Box::new(self.0))
    }
}

pub(crate) fn io_error(format: PlaceFileFormat, e: &std::io::Error) -> IoError {
    IoError::BadFile(format!("the {} file cannot be read: {e}", format.label()))
}

/// Read a file of places record by record, handing each record, problem
/// and note to `found` as it is read, so that memory holds one record at a
/// time, not the file (OpenStreetMap files keep only the objects that are
/// places, and the ways' node lists they need). `found` may stop the read
/// by returning `Break`. Read `lenient`ly, an OpenStreetMap object that
/// cannot become a place is left out with its reason, and what can be
/// mended is, with a warning (see `osm`'s module documentation); GeoJSON
/// and CSV are read alike either way. An `Err` is a file that cannot be
/// read at all: whatever was handed over before it is to be dropped.
pub fn stream(
    format: PlaceFileFormat,
    input: &dyn Input,
    lenient: bool,
    found: &mut dyn FnMut(Found) -> ControlFlow<()>,
) -> Result<Counts> {
    match format {
        PlaceFileFormat::Geojson => geojson::stream(input.open().map_err(|e| io_error(format, &e))?, found),
        PlaceFileFormat::Csv => csv::stream(input.open().map_err(|e| io_error(format, &e))?, found),
        PlaceFileFormat::OsmXml => osm::stream(input, osm::Encoding::Xml, lenient, found),
        PlaceFileFormat::OsmPbf => osm::stream(input, osm::Encoding::Pbf, lenient, found),
    }
}

/// Everything [`stream`] finds, gathered.
fn gather(format: PlaceFileFormat, bytes: &[u8], lenient: bool) -> Result<FileRead> {
    let mut file = FileRead {
        lenient: lenient && matches!(format, PlaceFileFormat::OsmXml | PlaceFileFormat::OsmPbf),
        ..FileRead::default()
    };
    let counts = stream(format, &Bytes(bytes), lenient, &mut |f| {
        match f {
            Found::Record(r) => file.records.push(r),
            Found::Error(e) => file.errors.push(e),
            Found::LeftOut(n) => file.left_out.push(n),
            Found::Warning(n) => file.warnings.push(n),
        }
        ControlFlow::Continue(())
    })?;
    file.read = counts.read;
    file.skipped = counts.skipped;
    Ok(file)
}

/// Read a file of places in a format; every problem is in `errors`.
pub fn read(format: PlaceFileFormat, bytes: &[u8]) -> Result<FileRead> {
    gather(format, bytes, false)
}

/// Read a file of places as real OpenStreetMap data needs: an object that
/// cannot become a place is left out with its reason (`left_out`), and
/// what can be mended is, with a warning (see `osm`'s module
/// documentation). GeoJSON and CSV are read as by [`read`].
pub fn read_lenient(format: PlaceFileFormat, bytes: &[u8]) -> Result<FileRead> {
    gather(format, bytes, true)
}

/// Places as a GeoJSON (RFC 7946) FeatureCollection of points, with flat
/// properties (text, numbers, booleans, nulls) that GDAL reads; localities
/// by key (`keys`: every locality's key by id).
pub fn write_geojson(places: &[Place], keys: &HashMap<Id, String>) -> Result<Vec<u8>> {
    let mut features = Vec::with_capacity(places.len());
    let mut osm = false;
    for p in places {
        osm |= p.fields.source.kind() == SourceKind::Openstreetmap;
        features.push(feature(p, keys));
    }
    let mut fc = Map::new();
    fc.insert("type".into(), json!("FeatureCollection"));
    fc.insert("name".into(), json!("kizuna_places"));
    if osm {
        fc.insert(
            "attribution".into(),
            json!(format!("Contains data from OpenStreetMap: {OSM_ATTRIBUTION}")),
        );
    }
    fc.insert("features".into(), Json::Array(features));
    serde_json::to_vec_pretty(&Json::Object(fc)).map_err(|e| IoError::BadFile(e.to_string()))
}

/// Places as CSV: `id` and then [`file_columns`]; text that a spreadsheet
/// would take for a formula is prefixed with `'`.
pub fn write_csv(places: &[Place], keys: &HashMap<Id, String>) -> Result<Vec<u8>> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let mut header = vec!["id"];
    header.extend(file_columns());
    let bad = |e: ::csv::Error| IoError::BadFile(e.to_string());
    w.write_record(&header).map_err(bad)?;
    for p in places {
        let props = properties(&PlaceFields::from(&p.fields), true, keys);
        let mut row = vec![p.id.to_string()];
        for name in file_columns() {
            row.push(match props.get(name) {
                None | Some(Json::Null) => String::new(),
                Some(Json::String(s)) => crate::table::escape_formula(s),
                Some(v) => v.to_string(),
            });
        }
        w.write_record(&row).map_err(bad)?;
    }
    w.into_inner().map_err(|e| IoError::BadFile(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(p: &PlaceInput) -> [[Option<String>; 4]; 2] {
        let get = |t: &Option<kizuna_domain::common::LocalText>| {
            ["en", "ja", "th", "ms"].map(|l| t.as_ref().and_then(|t| t.get(l)).map(ToString::to_string))
        };
        [get(&p.chain), get(&p.branch)]
    }

    fn s(v: &str) -> Option<String> {
        Some(v.to_owned())
    }

    /// Files written when a place's chain and branch had one column each.
    #[test]
    fn older_files_with_one_chain_and_branch_still_import() {
        let csv = "source_id,name_en,category,lat,lon,assurance,chain,branch\n\
                   a,Ramen,restaurant,43,141,unknown,Hilal Ramen,札幌駅前店\n\
                   b,Curry,restaurant,43,141,unknown,ซุปแกง,Odori\n";
        let file = read(PlaceFileFormat::Csv, csv.as_bytes()).unwrap();
        assert!(file.errors.is_empty(), "{:?}", file.errors);
        assert_eq!(
            local(&file.records[0].input),
            [
                [s("Hilal Ramen"), None, None, None],
                [None, s("札幌駅前店"), None, None]
            ]
        );
        assert_eq!(
            local(&file.records[1].input),
            [[None, None, s("ซุปแกง"), None], [s("Odori"), None, None, None]]
        );

        let geojson = r#"{"type": "FeatureCollection", "features": [
            {"type": "Feature", "id": "a", "geometry": {"type": "Point", "coordinates": [141, 43]},
             "properties": {"name_en": "Ramen", "category": "restaurant", "assurance": "unknown",
                            "chain": "ヒラルラーメン", "branch": "สาขาโอโดริ", "branch_en": "Odori"}}]}"#;
        let file = read(PlaceFileFormat::Geojson, geojson.as_bytes()).unwrap();
        assert!(file.errors.is_empty(), "{:?}", file.errors);
        assert_eq!(
            local(&file.records[0].input),
            [
                [None, s("ヒラルラーメン"), None, None],
                [s("Odori"), None, s("สาขาโอโดริ"), None]
            ]
        );
    }

    /// An old column and the new one it reads as, both given and different:
    /// which is meant cannot be known, so the record is refused, naming it.
    #[test]
    fn an_old_column_that_disagrees_with_its_new_one_is_named() {
        let csv = "source_id,name_en,category,lat,lon,assurance,chain,chain_en,branch,branch_ja\n\
                   a,Ramen,restaurant,43,141,unknown,Hilal Ramen,Hilal Ramen,札幌駅前店,大通店\n";
        let file = read(PlaceFileFormat::Csv, csv.as_bytes()).unwrap();
        let seen: Vec<(&str, &str, &str)> = file
            .errors
            .iter()
            .map(|e| (e.column.as_str(), e.value.as_str(), e.code.as_str()))
            .collect();
        assert_eq!(
            seen,
            [("branch", "札幌駅前店", "duplicate_column")],
            "the same chain twice is fine"
        );
        assert!(file.errors[0].reason.contains("branch_ja"), "{}", file.errors[0].reason);
        // A problem with an old column's text names that column.
        let long = "x".repeat(600);
        let csv =
            format!("source_id,name_en,category,lat,lon,assurance,chain\na,Ramen,restaurant,43,141,unknown,{long}\n");
        let file = read(PlaceFileFormat::Csv, csv.as_bytes()).unwrap();
        assert_eq!(file.errors.len(), 1, "{:?}", file.errors);
        assert_eq!(
            (file.errors[0].column.as_str(), file.errors[0].value.as_str()),
            ("chain", long.as_str())
        );
    }
}
