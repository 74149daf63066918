//! Where a place's record came from, and its id there.

use crate::common::error::Invalid;
use crate::string_enum;

use super::SourceId;

string_enum! {
    /// Where a place's record came from.
    SourceKind {
        /// Entered by staff.
        Staff = "staff",
        /// An import file (GeoJSON, CSV).
        Import = "import",
        /// OpenStreetMap (`source_id` is `node/…`, `way/…` or `relation/…`).
        Openstreetmap = "openstreetmap",
        /// The demo dataset.
        Demo = "demo",
    }
}

/// Where a place's record came from, and its id there. Together they
/// identify the record, so that a re-import updates rather than duplicates.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PlaceSource {
    pub(super) kind: SourceKind,
    pub(super) id: SourceId,
}

impl PlaceSource {
    /// OpenStreetMap ids must be `node/N`, `way/N` or `relation/N`.
    pub fn new(kind: SourceKind, id: SourceId) -> Result<Self, Invalid> {
        if kind == SourceKind::Openstreetmap {
            let ok = id.as_str().split_once('/').is_some_and(|(t, n)| {
                matches!(t, "node" | "way" | "relation")
                    && !n.is_empty()
                    && n.bytes().all(|b| b.is_ascii_digit())
                    && !n.starts_with('0')
            });
            if !ok {
                return Err(Invalid::new(
                    "invalid_osm_id",
                    format!("\"{id}\" is not an OpenStreetMap id such as node/123, way/45 or relation/6"),
                ));
            }
        }
        Ok(PlaceSource { kind, id })
    }
    pub fn kind(&self) -> SourceKind {
        self.kind
    }
    pub fn id(&self) -> &SourceId {
        &self.id
    }
}
