//! Places in and out of files: GeoJSON (RFC 7946), CSV and OpenStreetMap
//! imports, all or nothing, and the exports.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::io::Read;
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use kizuna_domain::common::Id;
use kizuna_domain::common::locality::Locality;
use kizuna_domain::map::place::{PlaceInput, SourceKind};
use kizuna_io::RowError;
use kizuna_io::places::Found;
use kizuna_store::places::{PlaceBatch, UpsertCounts};
use serde::Serialize;

use super::{ObjectNote, PlaceFileFormat, check_opening_hours, hours_error};
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
        let file = PlaceFile::bytes(bytes.to_vec());
        self.import_place_file(format, file, dry_run, strict).await
    }

    /// Import a file of places as it is read (see [`PlaceFile`]): records
    /// are read on the blocking pool and handed over in batches, each
    /// checked (localities, duplicates in the file, opening hours) and
    /// written as it comes, all in ONE transaction that is committed only
    /// when the whole file was read without a problem — a problem at the
    /// millionth row leaves the store as it was, and is reported with every
    /// other (up to [`MAX_PROBLEMS`]; past that the read stops). Memory holds
    /// a few batches, the keys of the places read (to find duplicates), and
    /// the notes kept ([`MAX_NOTES`]), never the file. A dry run counts
    /// which places are recorded with one query per batch. `file`'s
    /// progress is updated as it goes.
    pub async fn import_place_file(
        &self,
        format: PlaceFileFormat,
        file: PlaceFile,
        dry_run: bool,
        strict: bool,
    ) -> Result<PlaceImportReport> {
        let lenient = !strict && matches!(format, PlaceFileFormat::OsmXml | PlaceFileFormat::OsmPbf);
        let progress = Arc::clone(&file.progress);
        let (found_tx, mut found_rx) = tokio::sync::mpsc::channel::<Vec<Found>>(2);
        let reader = tokio::task::spawn_blocking(move || {
            let mut buf: Vec<Found> = Vec::with_capacity(READ_BATCH);
            let counts = kizuna_io::places::stream(format, &file, !strict, &mut |f| {
                buf.push(f);
                if buf.len() >= READ_BATCH {
                    let full = std::mem::replace(&mut buf, Vec::with_capacity(READ_BATCH));
                    if found_tx.blocking_send(full).is_err() {
                        return ControlFlow::Break(());
                    }
                }
                ControlFlow::Continue(())
            });
            if !buf.is_empty() {
                let _ = found_tx.blocking_send(buf);
            }
            counts
        });
        let (write_tx, writer) = if dry_run {
            (None, None)
        } else {
            let (tx, rx) = tokio::sync::mpsc::channel::<PlaceBatch>(2);
            let store = self.store.clone();
            let office = self.office_id();
            (
                Some(tx),
                Some(tokio::spawn(async move { store.upsert_place_stream(office, rx).await })),
            )
        };
        let mut check = Check::new(self, lenient);
        let mut existing = 0usize;
        let mut written_ok = true;
        while let Some(found) = found_rx.recv().await {
            let batch = check.take(found).await?;
            progress.places.fetch_add(batch.len() as u64, Ordering::Relaxed);
            if !check.errors.is_empty() {
                if check.errors.len() >= MAX_PROBLEMS {
                    // Refused already; enough said.
                    break;
                }
                continue;
            }
            if batch.is_empty() {
                continue;
            }
            match &write_tx {
                Some(tx) => {
                    if tx.send(PlaceBatch::Places(batch)).await.is_err() {
                        // The writer failed: its error is below.
                        written_ok = false;
                        break;
                    }
                }
                None => {
                    let keys: Vec<(&str, &str)> = batch
                        .iter()
                        .map(|p| (p.source.kind().as_str(), p.source.id().as_str()))
                        .collect();
                    existing += self.store.count_places_by_source(&keys).await?;
                }
            }
        }
        // The reader stops at its next batch when nobody listens.
        drop(found_rx);
        let counts = match reader.await {
            Ok(counts) => counts,
            Err(e) => match e.try_into_panic() {
                Ok(panic) => std::panic::resume_unwind(panic),
                Err(e) => panic!("reading a places file was cancelled: {e}"),
            },
        };
        let clean = written_ok && counts.is_ok() && check.errors.is_empty();
        let written = match (write_tx, writer) {
            (Some(tx), Some(writer)) => {
                if clean {
                    // A failed writer has closed its end; its error is what counts.
                    let _ = tx.send(PlaceBatch::Done).await;
                }
                drop(tx);
                match writer.await {
                    Ok(r) => r?,
                    Err(e) => match e.try_into_panic() {
                        Ok(panic) => std::panic::resume_unwind(panic),
                        Err(e) => panic!("writing places was cancelled: {e}"),
                    },
                }
            }
            _ => None,
        };
        let counts = counts?;
        let Check {
            mut errors,
            left_out,
            left_out_by_reason,
            warnings,
            seen,
            ..
        } = check;
        if !errors.is_empty() {
            errors.sort_by_key(|e| e.row);
            return Err(AppError::ImportRejected(errors));
        }
        let places = seen.len();
        let (inserted, updated) = match written {
            Some(c) => (c.inserted, c.updated),
            None if dry_run => (places - existing, existing),
            None => return Err(AppError::BadFile("the import was stopped before it was written".into())),
        };
        Ok(PlaceImportReport {
            features: counts.read,
            skipped: counts.skipped,
            inserted,
            updated,
            dry_run,
            left_out,
            left_out_by_reason,
            warnings,
        })
    }

    /// Import a GeoJSON FeatureCollection of points. Every feature is checked
    /// first and every problem reported with its feature number (from 1);
    /// then all are written in one transaction, or none. A feature already
    /// recorded under the same source and source id is updated.
    pub async fn import_geojson(&self, bytes: &[u8], dry_run: bool) -> Result<PlaceImportReport> {
        self.import_places(PlaceFileFormat::Geojson, bytes, dry_run).await
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

/// Records handed from the reader to the checks at a time.
const READ_BATCH: usize = 2_000;

/// Notes kept of each kind (objects left out, warnings): the first so many;
/// `left_out_by_reason` counts them all.
pub const MAX_NOTES: usize = 1_000;

/// Problems reported before a refused file stops being read.
pub const MAX_PROBLEMS: usize = 10_000;

/// How far an import has got, for a progress bar or page: updated by the
/// import as it reads, read by anyone holding it.
#[derive(Debug, Default)]
pub struct ImportProgress {
    /// The file's size in bytes (0 when unknown).
    pub total: AtomicU64,
    /// Bytes read in the current pass over the file (OpenStreetMap files
    /// are read again for the nodes of ways and relations).
    pub read: AtomicU64,
    /// Passes begun over the file.
    pub passes: AtomicU64,
    /// Records read and checked.
    pub places: AtomicU64,
}

/// A file of places to import: bytes in memory, or a file on disk read as
/// a stream (the CLI's `kizuna places import`), with its progress.
pub struct PlaceFile {
    source: Source,
    /// Shared with whoever shows it.
    pub progress: Arc<ImportProgress>,
}

enum Source {
    Bytes(Vec<u8>),
    Path(PathBuf),
}

impl PlaceFile {
    pub fn bytes(bytes: Vec<u8>) -> Self {
        let progress = ImportProgress::default();
        progress.total.store(bytes.len() as u64, Ordering::Relaxed);
        PlaceFile {
            source: Source::Bytes(bytes),
            progress: Arc::new(progress),
        }
    }

    /// A file on disk, read as the import goes (its size read now).
    pub fn path(path: PathBuf) -> std::io::Result<Self> {
        let len = std::fs::metadata(&path)?.len();
        let progress = ImportProgress::default();
        progress.total.store(len, Ordering::Relaxed);
        Ok(PlaceFile {
            source: Source::Path(path),
            progress: Arc::new(progress),
        })
    }
}

/// A reader that counts what it reads into the progress.
struct Counted<'a, R> {
    inner: R,
    read: &'a AtomicU64,
}

impl<R: Read> Read for Counted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

impl kizuna_io::places::Input for PlaceFile {
    fn open(&self) -> std::io::Result<Box<dyn Read + Send + '_>> {
        self.progress.read.store(0, Ordering::Relaxed);
        self.progress.passes.fetch_add(1, Ordering::Relaxed);
        let read = &self.progress.read;
        Ok(match &self.source {
            Source::Bytes(b) => Box::new(Counted {
                inner: b.as_slice(),
                read,
            }),
            Source::Path(p) => Box::new(Counted {
                inner: std::fs::File::open(p)?,
                read,
            }),
        })
    }
}

/// The checks across records of an import, batch by batch, and what it
/// keeps to report.
struct Check<'a> {
    app: &'a App,
    lenient: bool,
    /// Localities by key, when the file names any.
    by_key: Option<HashMap<String, Id>>,
    localities: HashMap<Id, bool>,
    /// The first row of each (source, source id) read, by a 64-bit hash of
    /// the key: 16 bytes a place rather than its strings.
    seen: HashMap<u64, usize>,
    errors: Vec<RowError>,
    left_out: Vec<PlaceImportNote>,
    left_out_by_reason: BTreeMap<String, usize>,
    warnings: Vec<PlaceImportNote>,
    /// Opening hours already found right ([`Check::check_hours`]).
    good_hours: HashSet<String>,
}

/// Opening-hours texts remembered as right, at most.
const GOOD_HOURS_KEPT: usize = 10_000;

impl<'a> Check<'a> {
    fn new(app: &'a App, lenient: bool) -> Check<'a> {
        Check {
            app,
            lenient,
            by_key: None,
            localities: HashMap::new(),
            seen: HashMap::new(),
            errors: Vec::new(),
            left_out: Vec::new(),
            left_out_by_reason: BTreeMap::new(),
            warnings: Vec::new(),
            good_hours: HashSet::new(),
        }
    }

    /// Check opening hours, remembering the texts that are right: most
    /// files repeat a few hundred texts over all their places, and each
    /// is parsed once, not once a place.
    fn check_hours(&mut self, hours: &str) -> std::result::Result<(), String> {
        check_opening_hours(hours)?;
        if self.good_hours.len() < GOOD_HOURS_KEPT {
            self.good_hours.insert(hours.to_owned());
        }
        Ok(())
    }

    fn warn(&mut self, note: PlaceImportNote) {
        if self.warnings.len() < MAX_NOTES {
            self.warnings.push(note);
        }
    }

    /// Check what a reader found; the places that passed, in file order.
    async fn take(&mut self, found: Vec<Found>) -> Result<Vec<PlaceInput>> {
        let mut places = Vec::with_capacity(found.len());
        for f in found {
            let mut r = match f {
                Found::Record(r) => r,
                Found::Error(e) => {
                    self.errors.push(e);
                    continue;
                }
                Found::LeftOut(n) => {
                    *self.left_out_by_reason.entry(n.code.clone()).or_default() += 1;
                    if self.left_out.len() < MAX_NOTES {
                        self.left_out.push(n.into());
                    }
                    continue;
                }
                Found::Warning(n) => {
                    self.warn(n.into());
                    continue;
                }
            };
            let tag = r.label.as_ref().map(|l| format!(" [{l}]")).unwrap_or_default();
            if let Some(h) = &r.input.opening_hours
                && !self.good_hours.contains(h.as_str())
                && let Err(m) = self.check_hours(h.as_str())
            {
                if self.lenient {
                    // Opening hours that cannot be read are kept, open "unknown".
                    self.warn(PlaceImportNote {
                        object: r.label.clone().unwrap_or_else(|| r.row.to_string()),
                        tag: "opening_hours".into(),
                        value: h.to_string(),
                        code: "opening_hours_unknown".into(),
                        reason: format!(
                            "opening hours kept as text, open or closed unknown: {}",
                            hours_error(&m).message
                        ),
                    });
                } else {
                    let e = hours_error(&m);
                    self.errors.push(RowError::new(
                        r.row,
                        "opening_hours",
                        h.as_str(),
                        &e.code,
                        format!("{}{tag}", e.message),
                    ));
                }
            }
            if let Some(key) = r.locality.take() {
                if self.by_key.is_none() {
                    self.by_key = Some(
                        self.app
                            .locality_keys()
                            .await?
                            .into_iter()
                            .map(|(id, k)| (k, id))
                            .collect(),
                    );
                }
                match self.by_key.as_ref().and_then(|m| m.get(&key)) {
                    Some(id) if r.input.locality_id.is_none_or(|l| l == *id) => r.input.locality_id = Some(*id),
                    Some(id) => self.errors.push(RowError::new(
                        r.row,
                        "locality",
                        &key,
                        "conflicting",
                        format!(
                            "locality {key} is record {id}, but locality_id says {}{tag}",
                            r.input.locality_id.unwrap_or(0)
                        ),
                    )),
                    None => self.errors.push(RowError::new(
                        r.row,
                        "locality",
                        &key,
                        "not_found",
                        format!("no locality has the key {key}{tag}"),
                    )),
                }
            }
            if let Some(l) = r.input.locality_id {
                let exists = match self.localities.get(&l) {
                    Some(x) => *x,
                    None => {
                        let x = self.app.store.exists::<Locality>(l).await?;
                        self.localities.insert(l, x);
                        x
                    }
                };
                if !exists {
                    self.errors.push(RowError::new(
                        r.row,
                        "locality_id",
                        &l.to_string(),
                        "not_found",
                        format!("locality {l} does not exist{tag}"),
                    ));
                }
            }
            let p = &r.input;
            let mut h = std::hash::DefaultHasher::new();
            (p.source.kind().as_str(), p.source.id().as_str()).hash(&mut h);
            match self.seen.entry(h.finish()) {
                std::collections::hash_map::Entry::Occupied(first) => self.errors.push(RowError::new(
                    r.row,
                    "source_id",
                    p.source.id().as_str(),
                    "duplicate",
                    format!(
                        "{} {} appears twice in this file (first as number {}){tag}",
                        p.source.kind(),
                        p.source.id(),
                        first.get()
                    ),
                )),
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(r.row);
                }
            }
            if self.errors.is_empty() {
                places.push(r.input);
            }
        }
        Ok(places)
    }
}
