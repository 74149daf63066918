//! Places in and out of files: GeoJSON (RFC 7946), CSV and OpenStreetMap
//! imports, all or nothing, and the exports.

use std::collections::{BTreeMap, HashMap};

use kizuna_domain::common::Id;
use kizuna_domain::common::locality::Locality;
use kizuna_domain::map::place::{PlaceInput, SourceKind};
use kizuna_io::RowError;
use kizuna_store::places::UpsertCounts;
use serde::Serialize;

use super::{FileRead, ObjectNote, PlaceFileFormat, check_opening_hours, hours_error};
use crate::{App, AppError, Result};

/// What a place import did (or would do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlaceImportReport {
    /// Places read: GeoJSON features, CSV data rows, or the OpenStreetMap
    /// objects that are places of the map.
    pub features: usize,
    /// OpenStreetMap objects that are not places of the map (untagged
    /// nodes, streets, shops without halal or prayer tags…); 0 for the other formats.
    pub skipped: usize,
    /// Places added.
    pub inserted: usize,
    /// Places already recorded under the same source and source id, updated.
    pub updated: usize,
    /// True when the file was only checked.
    pub dry_run: bool,
    /// OpenStreetMap objects that are places of the map but could not
    /// become one, each with its tag and reason (an import that is not
    /// strict; a strict one refuses the file instead). Counted in `features`.
    pub left_out: Vec<PlaceImportNote>,
    /// How many objects were left out for each reason (its code).
    pub left_out_by_reason: BTreeMap<String, usize>,
    /// What was changed to make places of objects (a name taken from
    /// `brand`, `https://` added, opening hours kept unread…).
    pub warnings: Vec<PlaceImportNote>,
}

/// An OpenStreetMap object an import left out, or a place it changed, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlaceImportNote {
    /// `node/123`, `way/…` or `relation/…`.
    pub object: String,
    /// The tag concerned.
    pub tag: String,
    /// Its value in the file.
    pub value: String,
    /// A stable code: `no_name`, `no_position`, `name_from_brand`,
    /// `website_https_added`, `opening_hours_unknown`…
    pub code: String,
    pub reason: String,
}

impl From<ObjectNote> for PlaceImportNote {
    fn from(n: ObjectNote) -> Self {
        PlaceImportNote {
            object: n.object,
            tag: n.tag,
            value: n.value,
            code: n.code,
            reason: n.reason,
        }
    }
}

impl App {
    /// Write many places at once, keyed by source and source id, after
    /// checking every one; all or nothing. Errors name the place's number
    /// (from 1) as the row.
    pub async fn upsert_places(&self, places: &[PlaceInput]) -> Result<UpsertCounts> {
        let mut errors = Vec::new();
        self.check_places(
            places.iter().enumerate().map(|(i, p)| (i + 1, p, None)),
            true,
            &mut errors,
        )
        .await?;
        if !errors.is_empty() {
            return Err(AppError::ImportRejected(errors));
        }
        Ok(self.store.upsert_places(self.office_id(), places).await?)
    }

    /// Rules beyond one place's fields: opening-hours syntax, localities that
    /// exist, one place per source id. Each place comes with its row and
    /// the label messages name it by besides (`feature id 7`, `node/123`).
    async fn check_places<'a>(
        &self,
        places: impl Iterator<Item = (usize, &'a PlaceInput, Option<String>)>,
        check_hours: bool,
        errors: &mut Vec<RowError>,
    ) -> Result<()> {
        let mut seen: HashMap<(SourceKind, String), usize> = HashMap::new();
        let mut localities: HashMap<Id, bool> = HashMap::new();
        for (row, p, label) in places {
            let tag = label.map(|l| format!(" [{l}]")).unwrap_or_default();
            if check_hours
                && let Some(h) = &p.opening_hours
                && let Err(m) = check_opening_hours(h.as_str())
            {
                let e = hours_error(&m);
                errors.push(RowError::new(
                    row,
                    "opening_hours",
                    h.as_str(),
                    &e.code,
                    format!("{}{tag}", e.message),
                ));
            }
            if let Some(l) = p.locality_id {
                let exists = match localities.get(&l) {
                    Some(x) => *x,
                    None => {
                        let x = self.store.exists::<Locality>(l).await?;
                        localities.insert(l, x);
                        x
                    }
                };
                if !exists {
                    errors.push(RowError::new(
                        row,
                        "locality_id",
                        &l.to_string(),
                        "not_found",
                        format!("locality {l} does not exist{tag}"),
                    ));
                }
            }
            let key = (p.source.kind(), p.source.id().to_string());
            if let Some(first) = seen.get(&key) {
                errors.push(RowError::new(
                    row,
                    "source_id",
                    p.source.id().as_str(),
                    "duplicate",
                    format!(
                        "{} {} appears twice in this file (first as number {first}){tag}",
                        key.0, key.1
                    ),
                ));
            } else {
                seen.insert(key, row);
            }
        }
        Ok(())
    }

    /// The places as a GeoJSON (RFC 7946) FeatureCollection of points, with
    /// flat properties (text, numbers, booleans, nulls) that GDAL reads.
    pub async fn export_geojson(&self) -> Result<Vec<u8>> {
        let places = self.store.all_places().await?;
        let keys = self.locality_keys().await?;
        Ok(kizuna_io::places::write_geojson(&places, &keys)?)
    }

    /// Import a file of places in any of [`PlaceFileFormat`]s: every record
    /// checked first, then all written in one transaction, or none. A place
    /// already recorded under the same source and source id is updated.
    /// OpenStreetMap objects that cannot become places are left out and
    /// reported, and what can be mended is (see
    /// [`import_places_with`](Self::import_places_with)).
    pub async fn import_places(
        &self,
        format: PlaceFileFormat,
        bytes: &[u8],
        dry_run: bool,
    ) -> Result<PlaceImportReport> {
        self.import_places_with(format, bytes, dry_run, false).await
    }

    /// [`import_places`](Self::import_places), or with `strict` any
    /// problem in any object refuses the whole file, nothing mended. Not
    /// strict, an OpenStreetMap file's objects that cannot become places
    /// are left out (`left_out`, by reason), a missing name is taken from
    /// `brand`, `operator` or category and street, `https://` is added to a
    /// website without a scheme, and opening hours that cannot be read are
    /// kept as text (open "unknown"), each with a warning. The file is read
    /// on the blocking pool.
    pub async fn import_places_with(
        &self,
        format: PlaceFileFormat,
        bytes: &[u8],
        dry_run: bool,
        strict: bool,
    ) -> Result<PlaceImportReport> {
        let owned = bytes.to_vec();
        let read = tokio::task::spawn_blocking(move || {
            if strict {
                kizuna_io::places::read(format, &owned)
            } else {
                kizuna_io::places::read_lenient(format, &owned)
            }
        })
        .await;
        let file = match read {
            Ok(file) => file?,
            // Cancelled only when the runtime is shutting down.
            Err(e) => match e.try_into_panic() {
                Ok(panic) => std::panic::resume_unwind(panic),
                Err(e) => panic!("reading a places file was cancelled: {e}"),
            },
        };
        self.finish_place_import(file, dry_run).await
    }

    /// Import a GeoJSON FeatureCollection of points. Every feature is checked
    /// first and every problem reported with its feature number (from 1);
    /// then all are written in one transaction, or none. A feature already
    /// recorded under the same source and source id is updated.
    pub async fn import_geojson(&self, bytes: &[u8], dry_run: bool) -> Result<PlaceImportReport> {
        self.import_places(PlaceFileFormat::Geojson, bytes, dry_run).await
    }

    /// What every format shares once its records are read: localities by
    /// key, the checks across places, then the report of a dry run or one
    /// transaction that writes them all — or, if any record has a problem,
    /// every problem (by row) and nothing written.
    async fn finish_place_import(&self, file: FileRead, dry_run: bool) -> Result<PlaceImportReport> {
        let FileRead {
            mut records,
            mut errors,
            read,
            skipped,
            left_out,
            warnings,
            lenient,
        } = file;
        let mut warnings: Vec<PlaceImportNote> = warnings.into_iter().map(Into::into).collect();
        if lenient {
            // Opening hours that cannot be read are kept, open "unknown".
            for r in &records {
                if let Some(h) = &r.input.opening_hours
                    && let Err(m) = check_opening_hours(h.as_str())
                {
                    warnings.push(PlaceImportNote {
                        object: r.label.clone().unwrap_or_else(|| r.row.to_string()),
                        tag: "opening_hours".into(),
                        value: h.to_string(),
                        code: "opening_hours_unknown".into(),
                        reason: format!(
                            "opening hours kept as text, open or closed unknown: {}",
                            hours_error(&m).message
                        ),
                    });
                }
            }
        }
        let mut left_out_by_reason: BTreeMap<String, usize> = BTreeMap::new();
        for n in &left_out {
            *left_out_by_reason.entry(n.code.clone()).or_default() += 1;
        }
        let left_out: Vec<PlaceImportNote> = left_out.into_iter().map(Into::into).collect();
        let mut by_key: Option<HashMap<String, Id>> = None;
        for r in &mut records {
            let Some(key) = r.locality.take() else { continue };
            if by_key.is_none() {
                by_key = Some(self.locality_keys().await?.into_iter().map(|(id, k)| (k, id)).collect());
            }
            let tag = r.label.as_ref().map(|l| format!(" [{l}]")).unwrap_or_default();
            match by_key.as_ref().and_then(|m| m.get(&key)) {
                Some(id) if r.input.locality_id.is_none_or(|l| l == *id) => r.input.locality_id = Some(*id),
                Some(id) => errors.push(RowError::new(
                    r.row,
                    "locality",
                    &key,
                    "conflicting",
                    format!(
                        "locality {key} is record {id}, but locality_id says {}{tag}",
                        r.input.locality_id.unwrap_or(0)
                    ),
                )),
                None => errors.push(RowError::new(
                    r.row,
                    "locality",
                    &key,
                    "not_found",
                    format!("no locality has the key {key}{tag}"),
                )),
            }
        }
        self.check_places(
            records.iter().map(|r| (r.row, &r.input, r.label.clone())),
            !lenient,
            &mut errors,
        )
        .await?;
        if !errors.is_empty() {
            errors.sort_by_key(|e| e.row);
            return Err(AppError::ImportRejected(errors));
        }
        let places: Vec<PlaceInput> = records.into_iter().map(|r| r.input).collect();
        let (inserted, updated) = if dry_run {
            let mut ins = 0;
            for p in &places {
                if self
                    .store
                    .place_by_source(p.source.kind().as_str(), p.source.id().as_str())
                    .await?
                    .is_none()
                {
                    ins += 1;
                }
            }
            (ins, places.len() - ins)
        } else if places.is_empty() {
            (0, 0)
        } else {
            let c = self.store.upsert_places(self.office_id(), &places).await?;
            (c.inserted, c.updated)
        };
        Ok(PlaceImportReport {
            features: read,
            skipped,
            inserted,
            updated,
            dry_run,
            left_out,
            left_out_by_reason,
            warnings,
        })
    }

    /// The places as CSV: `id` and then the file columns; text that a
    /// spreadsheet would take for a formula is prefixed with `'`.
    pub async fn export_places_csv(&self) -> Result<Vec<u8>> {
        let places = self.store.all_places().await?;
        let keys = self.locality_keys().await?;
        Ok(kizuna_io::places::write_csv(&places, &keys)?)
    }
}

impl App {
    /// Every locality's key by id: files name localities by key, which
    /// means the same in every database.
    async fn locality_keys(&self) -> Result<HashMap<Id, String>> {
        let all = self
            .store
            .select::<Locality>(
                &[],
                kizuna_store::Page {
                    limit: u32::MAX,
                    offset: 0,
                },
            )
            .await?;
        Ok(all.into_iter().map(|l| (l.id, l.fields.key.to_string())).collect())
    }
}
