//! Visitor flows: imported from CSV or XLSX files shaped like the national
//! tourism organisation's monthly tables, and read back as a two-way
//! series (A → B and B → A by month) with the stages of the figures shown.
//!
//! The file: one row per flow and stage, one column per month (JNTO's
//! tables put nationalities in rows and months in columns). The columns:
//! `origin` (or `nationality`) and `destination`, each a country (an ISO
//! code such as `TH`, or its name in English, Japanese, Thai or Malay) or
//! a locality on record by its key (`jp/hokkaido`, which has a `/`);
//! `stage`: `preliminary`, `provisional` or `definitive` (or JNTO's words
//! 推計値, 暫定値, 確定値); then the months, each headed `2023-02`,
//! `2023/2` or `2023年2月`, holding whole numbers of visitors (`12,340`
//! is read as 12340; an empty cell or `-` is no figure). Every value is
//! checked first, each rejected one named by row, column and reason, and
//! the file is refused whole if any is; then the figures are applied in
//! one transaction: a new figure is added, a later stage (or a corrected
//! value at the same stage) replaces the figure on record and the
//! replacement is kept as history, and a figure at an earlier stage than
//! the one on record is not applied and is reported.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use kizuna_domain::common::locality::Locality;
use kizuna_domain::common::{CountryCode, Id, LocalText};
use kizuna_domain::tourism::flows::{Area, Figure, FlowKey, Month, Outcome, Stage, outcome};
use kizuna_io::RowError;
use kizuna_io::table::{FileFormat, NoteKind, read_table_noted};
use kizuna_store::tourism::{FlowHistoryRow, FlowImportRow, FlowRow, FlowWrite};
use serde::Serialize;

use crate::exchanges::import::country;
use crate::partnerships::all;
use crate::{App, AppError, Result};

/// A figure of the file that was not applied because the one on record
/// is at a later stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KeptCell {
    pub row: usize,
    pub column: String,
    pub on_record: Stage,
    pub on_record_visitors: u64,
    pub in_file: Stage,
    pub in_file_visitors: u64,
}

/// What an import did (or, for a dry run, would do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FlowImport {
    /// Data rows read.
    pub rows: usize,
    /// Figures read.
    pub figures: usize,
    pub added: usize,
    pub replaced: usize,
    pub unchanged: usize,
    /// Figures not applied: the one on record is at a later stage.
    pub kept: Vec<KeptCell>,
    /// The import's number (none for a dry run or a file that changed
    /// nothing).
    pub import_id: Option<Id>,
    pub dry_run: bool,
}

/// The localities an area may name, by key and by id.
pub struct Places {
    by_key: HashMap<String, Locality>,
    by_id: HashMap<Id, Locality>,
}

impl Places {
    pub async fn load(app: &App) -> Result<Places> {
        let all: Vec<Locality> = all(app, &[]).await?;
        Ok(Places {
            by_key: all.iter().map(|l| (l.fields.key.to_string(), l.clone())).collect(),
            by_id: all.into_iter().map(|l| (l.id, l)).collect(),
        })
    }

    /// An area from how files and addresses write it: a country (code or
    /// name) or a locality's key.
    pub fn parse(&self, v: &str) -> std::result::Result<Area, (&'static str, String)> {
        let v = v.trim();
        if v.contains('/') {
            let key = v.to_lowercase();
            return self
                .by_key
                .get(&key)
                .map(|l| Area {
                    country: l.fields.country,
                    locality_id: Some(l.id),
                })
                .ok_or(("unknown_locality", format!("no locality has the key \"{v}\"")));
        }
        country(v).map(Area::country)
    }

    /// How files and addresses write an area.
    pub fn spec(&self, a: Area) -> String {
        match a.locality_id.and_then(|id| self.by_id.get(&id)) {
            Some(l) => l.fields.key.to_string(),
            None => a.country.to_string(),
        }
    }

    /// The locality an area is, if it is one.
    pub fn locality(&self, a: Area) -> Option<&Locality> {
        a.locality_id.and_then(|id| self.by_id.get(&id))
    }

    /// An area's name in English (the command line's).
    pub fn name_en(&self, a: Area) -> String {
        match self.locality(a) {
            Some(l) => l.fields.name.best("en").to_owned(),
            None => a.country.to_string(),
        }
    }
}

/// The locality's name, when the area is one.
pub fn locality_name(places: &Places, a: Area) -> Option<LocalText> {
    places.locality(a).map(|l| l.fields.name.clone())
}

fn stage(v: &str) -> std::result::Result<Stage, (&'static str, String)> {
    match v.trim() {
        "推計値" | "速報値" | "推計" => Ok(Stage::Preliminary),
        "暫定値" | "暫定" => Ok(Stage::Provisional),
        "確定値" | "確定" => Ok(Stage::Definitive),
        other => other.parse().map_err(|_| {
            (
                "unknown_stage",
                format!("\"{other}\" is not a stage: write preliminary, provisional or definitive"),
            )
        }),
    }
}

fn visitors(v: &str) -> std::result::Result<Option<u64>, (&'static str, String)> {
    let t = v.trim();
    if t.is_empty() || t == "-" || t == "－" {
        return Ok(None);
    }
    let digits: String = t.chars().filter(|c| !matches!(c, ',' | '，' | ' ')).collect();
    // A spreadsheet's number may come as "1234.0".
    let digits = digits.strip_suffix(".0").unwrap_or(&digits);
    digits
        .parse::<u64>()
        .map(Some)
        .map_err(|_| ("not_a_count", format!("\"{t}\" is not a whole number of visitors")))
}

/// The columns of a flows file before the months.
const KEY_COLUMNS: [&str; 3] = ["origin", "destination", "stage"];

/// A flows file's template (two flows, both ways).
pub const FLOW_TEMPLATE: &str = "origin,destination,stage,2023-01,2023-02,2023-03\n\
TH,jp/hokkaido,provisional,0,0,0\n\
jp/hokkaido,TH,preliminary,0,0,0\n";

struct Header {
    origin: usize,
    destination: usize,
    stage: usize,
    months: Vec<(usize, Month, String)>,
}

fn header(cells: &[String]) -> std::result::Result<Header, Vec<RowError>> {
    let mut errors = Vec::new();
    let mut found: HashMap<&str, usize> = HashMap::new();
    let mut months: Vec<(usize, Month, String)> = Vec::new();
    for (i, h) in cells.iter().enumerate() {
        let name = h.trim().trim_start_matches('\u{feff}');
        if name.is_empty() {
            continue;
        }
        let lower = name.to_lowercase();
        let column = match lower.as_str() {
            "nationality" | "origin" => Some("origin"),
            "destination" => Some("destination"),
            "stage" => Some("stage"),
            _ => None,
        };
        if let Some(c) = column {
            if found.insert(c, i).is_some() {
                errors.push(RowError::new(
                    1,
                    name,
                    name,
                    "duplicate_column",
                    format!("column {name} appears twice"),
                ));
            }
        } else if let Some(m) = Month::parse(name) {
            if months.iter().any(|(_, x, _)| *x == m) {
                errors.push(RowError::new(
                    1,
                    name,
                    name,
                    "duplicate_column",
                    format!("the month {m} appears twice"),
                ));
            }
            months.push((i, m, name.to_owned()));
        } else {
            errors.push(RowError::new(
                1,
                name,
                name,
                "unknown_column",
                format!("unknown column {name}: the columns are origin, destination, stage and months such as 2023-02"),
            ));
        }
    }
    for c in KEY_COLUMNS {
        if !found.contains_key(c) {
            errors.push(RowError::new(
                1,
                c,
                "",
                "missing_column",
                format!("the required column {c} is missing"),
            ));
        }
    }
    if months.is_empty() {
        errors.push(RowError::new(
            1,
            "2023-01",
            "",
            "missing_column",
            "no month column: head each month's column with its month, such as 2023-02".into(),
        ));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Header {
        origin: found["origin"],
        destination: found["destination"],
        stage: found["stage"],
        months,
    })
}

/// A figure as files and the API write it: areas by country code or
/// locality key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TourismFlow {
    /// A country code (TH) or a locality's key (jp/hokkaido).
    pub origin: String,
    pub destination: String,
    /// YYYY-MM.
    pub month: String,
    pub stage: Stage,
    pub visitors: u64,
    /// The import that wrote the figure.
    pub import_id: Id,
}

/// Two areas' flows both ways by month.
#[derive(Debug, Clone, Serialize)]
pub struct TwoWay {
    pub a: Area,
    pub b: Area,
    pub months: Vec<TwoWayMonth>,
    /// The stages of the figures shown, earliest first.
    pub stages: Vec<Stage>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TwoWayMonth {
    pub month: Month,
    /// A → B.
    pub ab: Option<Figure>,
    /// B → A.
    pub ba: Option<Figure>,
}

impl App {
    /// Check a flows file and, unless `dry_run`, apply it in one
    /// transaction; a rejected value refuses the whole file.
    pub async fn import_flows(
        &self,
        bytes: &[u8],
        format: FileFormat,
        file_name: &str,
        note: Option<&str>,
        dry_run: bool,
    ) -> Result<FlowImport> {
        let table = read_table_noted(bytes, format)?;
        let rows = table.rows;
        let Some(head) = rows.first() else {
            return Err(AppError::BadFile(
                "the file is empty: it needs a header row and at least one flow".into(),
            ));
        };
        let h = header(head).map_err(AppError::ImportRejected)?;
        let places = Places::load(self).await?;
        let mut errors: Vec<RowError> = Vec::new();
        for note in &table.notes {
            if let NoteKind::Formula(f) = &note.kind {
                let column = head.get(note.column).map(|s| s.trim().to_owned()).unwrap_or_default();
                errors.push(RowError::new(
                    note.row,
                    &column,
                    &format!("={f}"),
                    "formula",
                    "a formula, not a value: type the value itself".into(),
                ));
            }
        }
        // (key → row, column, figure) as read.
        let mut read: BTreeMap<FlowKey, (usize, String, Figure)> = BTreeMap::new();
        let mut data_rows = 0;
        for (i, cells) in rows.iter().enumerate().skip(1) {
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            data_rows += 1;
            let row = i + 1;
            let cell = |j: usize| cells.get(j).map(|s| s.trim()).unwrap_or("");
            let mut refuse = |column: &str, value: &str, (code, reason): (&str, String)| {
                errors.push(RowError::new(row, column, value, code, reason));
            };
            let mut area = |j: usize, column: &str| match cell(j) {
                "" => {
                    refuse(column, "", ("required", format!("{column} is required")));
                    None
                }
                v => match places.parse(v) {
                    Ok(a) => Some(a),
                    Err(p) => {
                        refuse(column, v, p);
                        None
                    }
                },
            };
            let origin = area(h.origin, "origin");
            let destination = area(h.destination, "destination");
            let st = match stage(cell(h.stage)) {
                Ok(s) => Some(s),
                Err(p) => {
                    errors.push(RowError::new(row, "stage", cell(h.stage), p.0, p.1));
                    None
                }
            };
            if let (Some(o), Some(d)) = (origin, destination)
                && o == d
            {
                errors.push(RowError::new(
                    row,
                    "destination",
                    cell(h.destination),
                    "same_area",
                    "the destination is the origin".into(),
                ));
            }
            for (j, month, column) in &h.months {
                match visitors(cell(*j)) {
                    Err(p) => errors.push(RowError::new(row, column, cell(*j), p.0, p.1)),
                    Ok(None) => {}
                    Ok(Some(n)) => {
                        let (Some(o), Some(d), Some(s)) = (origin, destination, st) else {
                            continue;
                        };
                        let key = FlowKey {
                            origin: o,
                            destination: d,
                            month: *month,
                        };
                        let fig = Figure { stage: s, visitors: n };
                        if let Some((first, _, _)) = read.get(&key) {
                            errors.push(RowError::new(
                                row,
                                column,
                                cell(*j),
                                "duplicate",
                                format!("row {first} already gives this flow's figure for {month}"),
                            ));
                        } else {
                            read.insert(key, (row, column.clone(), fig));
                        }
                    }
                }
            }
        }
        if !errors.is_empty() {
            errors.sort_by_key(|e| e.row);
            return Err(AppError::ImportRejected(errors));
        }
        if read.is_empty() {
            return Err(AppError::BadFile("the file has no figures".into()));
        }
        let on_record: HashMap<FlowKey, FlowRow> = self
            .store
            .tourism_flows()
            .await?
            .into_iter()
            .map(|r| (r.key, r))
            .collect();
        let mut w = FlowWrite {
            file_name: file_name.to_owned(),
            note: note.map(str::to_owned),
            ..FlowWrite::default()
        };
        let mut kept = Vec::new();
        let figures = read.len();
        for (key, (row, column, fig)) in read {
            let old = on_record.get(&key);
            match outcome(old.map(|r| r.figure), fig) {
                Outcome::New => w.added.push((key, fig)),
                Outcome::Unchanged => w.unchanged += 1,
                Outcome::Replaces(_) => {
                    if let Some(old) = old {
                        w.replaced.push((*old, fig));
                    }
                }
                Outcome::KeptLater(old) => kept.push(KeptCell {
                    row,
                    column,
                    on_record: old.stage,
                    on_record_visitors: old.visitors,
                    in_file: fig.stage,
                    in_file_visitors: fig.visitors,
                }),
            }
        }
        w.kept = kept.len() as u64;
        kept.sort_by_key(|k| k.row);
        let changes = !w.added.is_empty() || !w.replaced.is_empty();
        let import_id = if dry_run || !changes {
            None
        } else {
            Some(self.store.write_flow_import(self.office_id(), &w, self.now()).await?)
        };
        Ok(FlowImport {
            rows: data_rows,
            figures,
            added: w.added.len(),
            replaced: w.replaced.len(),
            unchanged: w.unchanged as usize,
            kept,
            import_id,
            dry_run,
        })
    }

    /// Every figure on record.
    pub async fn flows(&self) -> Result<Vec<FlowRow>> {
        Ok(self.store.tourism_flows().await?)
    }

    /// Every figure, its areas written as in files; only those from
    /// `origin` or to `destination` when given (a country code or a key).
    pub async fn flow_list(&self, origin: Option<&str>, destination: Option<&str>) -> Result<Vec<TourismFlow>> {
        let places = Places::load(self).await?;
        let side = |name: &str, v: Option<&str>| -> Result<Option<Area>> {
            v.map(|v| {
                places
                    .parse(v)
                    .map_err(|(code, m)| AppError::Invalid(vec![kizuna_domain::FieldError::new(name, code, m)]))
            })
            .transpose()
        };
        let (o, d) = (side("origin", origin)?, side("destination", destination)?);
        Ok(self
            .store
            .tourism_flows()
            .await?
            .into_iter()
            .filter(|r| o.is_none_or(|o| r.key.origin == o) && d.is_none_or(|d| r.key.destination == d))
            .map(|r| TourismFlow {
                origin: places.spec(r.key.origin),
                destination: places.spec(r.key.destination),
                month: r.key.month.to_string(),
                stage: r.figure.stage,
                visitors: r.figure.visitors,
                import_id: r.import_id,
            })
            .collect())
    }

    /// The pairs of areas with figures (either way), each pair once.
    pub async fn flow_pairs(&self) -> Result<Vec<(Area, Area)>> {
        let mut set = BTreeSet::new();
        for r in self.store.tourism_flows().await? {
            let (o, d) = (r.key.origin, r.key.destination);
            set.insert(if o <= d { (o, d) } else { (d, o) });
        }
        Ok(set.into_iter().collect())
    }

    /// A's and B's flows both ways, every month from the first figure to
    /// the last (months without a figure either way included, empty).
    pub async fn two_way(&self, a: Area, b: Area) -> Result<TwoWay> {
        let mut ab: BTreeMap<Month, Figure> = BTreeMap::new();
        let mut ba: BTreeMap<Month, Figure> = BTreeMap::new();
        for r in self.store.tourism_flows().await? {
            if r.key.origin == a && r.key.destination == b {
                ab.insert(r.key.month, r.figure);
            } else if r.key.origin == b && r.key.destination == a {
                ba.insert(r.key.month, r.figure);
            }
        }
        let first = ab.keys().chain(ba.keys()).min().copied();
        let last = ab.keys().chain(ba.keys()).max().copied();
        let mut months = Vec::new();
        let mut stages = BTreeSet::new();
        if let (Some(mut m), Some(last)) = (first, last) {
            while m <= last {
                let (x, y) = (ab.get(&m).copied(), ba.get(&m).copied());
                stages.extend(x.iter().chain(y.iter()).map(|f| f.stage));
                months.push(TwoWayMonth { month: m, ab: x, ba: y });
                m = m.next();
            }
        }
        Ok(TwoWay {
            a,
            b,
            months,
            stages: stages.into_iter().collect(),
        })
    }

    /// The imports, newest first.
    pub async fn flow_imports(&self) -> Result<Vec<FlowImportRow>> {
        Ok(self.store.flow_imports().await?)
    }

    /// What imports replaced, newest first.
    pub async fn flow_history(&self, limit: i64) -> Result<Vec<FlowHistoryRow>> {
        Ok(self.store.flow_history(limit).await?)
    }
}

/// The default pair of the two-way view: Thailand and Hokkaido when both
/// have figures, else the first pair with any.
pub fn default_pair(places: &Places, pairs: &[(Area, Area)]) -> Option<(Area, Area)> {
    let th = Area::country(CountryCode::parse("TH").ok()?);
    let hokkaido = places.parse("jp/hokkaido").ok();
    pairs
        .iter()
        .find(|(x, y)| Some(*y) == hokkaido && *x == th || Some(*x) == hokkaido && *y == th)
        .map(|_| (th, hokkaido.unwrap_or(th)))
        .or_else(|| pairs.first().copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_and_counts_as_tables_write_them() {
        assert_eq!(stage("Definitive"), Ok(Stage::Definitive));
        assert_eq!(stage("暫定値"), Ok(Stage::Provisional));
        assert_eq!(stage("final").unwrap_err().0, "unknown_stage");
        assert_eq!(visitors("12,340"), Ok(Some(12340)));
        assert_eq!(visitors("1234.0"), Ok(Some(1234)));
        assert_eq!(visitors(" - "), Ok(None));
        assert_eq!(visitors(""), Ok(None));
        assert_eq!(visitors("-5").unwrap_err().0, "not_a_count");
        assert_eq!(visitors("about 40").unwrap_err().0, "not_a_count");
    }
}
