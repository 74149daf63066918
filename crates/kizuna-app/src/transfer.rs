//! Trainee import (CSV, XLSX) and export (CSV, XLSX, JSON).
//!
//! An import is all-or-nothing: every row is parsed and checked first, and
//! if any value is rejected nothing is written and every rejection is
//! reported with its row (as a spreadsheet numbers it: the header is row 1),
//! column, value and reason. Only a clean file is written, in one
//! transaction.

use std::collections::{HashMap, HashSet};
use std::io::Cursor;

use chrono::NaiveDate;
use kizuna_domain::common::organisation::Organisation;
use kizuna_domain::common::person::PersonInput;
use kizuna_domain::common::{CountryCode, Text};
use kizuna_domain::training::edition::{Edition, EditionScope};
use kizuna_domain::training::participation::ParticipationStatus;
use kizuna_store::{NewTrainee, Page};
use serde::Serialize;

use crate::{App, AppError, Result};

/// The columns of a trainee file, in template order: name, required, meaning.
pub const TRAINEE_COLUMNS: &[(&str, bool, &str)] = &[
    (
        "family_name",
        true,
        "Family name in Latin script (the only name for people with one name)",
    ),
    ("given_name", false, "Given name(s) in Latin script"),
    ("name_native", false, "Name in the person's own script"),
    ("name_kana", false, "Katakana reading"),
    ("gender", true, "female, male, other or unspecified"),
    ("nationality", true, "ISO 3166-1 alpha-2 code, e.g. TH"),
    ("birth_date", false, "YYYY-MM-DD (personal data)"),
    ("email", false, "E-mail address (personal data)"),
    (
        "organisation_key",
        false,
        "Key of the home organisation, which must exist",
    ),
    ("position", false, "Position held at the home organisation"),
    (
        "edition_key",
        true,
        "Key of the course edition, which must exist, e.g. gmrdp/fy2007",
    ),
    ("status", true, "nominated, accepted, arrived, completed or withdrawn"),
    ("started_on", false, "Arrival date, YYYY-MM-DD"),
    ("ended_on", false, "Departure date, YYYY-MM-DD"),
    ("action_plan_title", false, "Title of the trainee's action plan"),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    Csv,
    Xlsx,
    Json,
}

impl FileFormat {
    /// Guess a file's format from its name, then from its first bytes.
    pub fn detect(name: &str, bytes: &[u8]) -> Self {
        let lower = name.to_lowercase();
        if lower.ends_with(".xlsx") || bytes.starts_with(b"PK\x03\x04") {
            FileFormat::Xlsx
        } else if lower.ends_with(".json") {
            FileFormat::Json
        } else {
            FileFormat::Csv
        }
    }
}

/// One rejected value in an import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RowError {
    /// The row as a spreadsheet numbers it (the header is row 1).
    pub row: usize,
    /// The column's header name.
    pub column: String,
    pub value: String,
    pub code: String,
    pub reason: String,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportReport {
    /// Data rows read (blank rows are skipped).
    pub rows: usize,
    /// People created (one participation each).
    pub imported: usize,
    /// True when the file was only checked.
    pub dry_run: bool,
}

impl ImportReport {
    /// Every rejection, one per line.
    pub fn describe(errors: &[RowError]) -> String {
        let mut s = format!("import refused, nothing was written: {} problem(s)", errors.len());
        for e in errors {
            s.push_str(&format!(
                "\n  row {}, column {}: {} (value: \"{}\")",
                e.row, e.column, e.reason, e.value
            ));
        }
        s
    }
}

/// Escape a cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`,
/// tab, carriage return at the start) by prefixing an apostrophe.
pub fn escape_formula(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

fn needs_escape(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Read a CSV or XLSX file into rows of cells (the first row is the header).
pub fn read_table(bytes: &[u8], format: FileFormat) -> Result<Vec<Vec<String>>> {
    match format {
        FileFormat::Csv => {
            let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).map_err(|e| {
                AppError::BadFile(format!(
                    "the CSV file is not UTF-8 (byte {} is not valid); save it as \"CSV UTF-8\" and try again",
                    e.valid_up_to() + 1
                ))
            })?;
            let mut r = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(text.as_bytes());
            let mut rows = Vec::new();
            for (i, rec) in r.records().enumerate() {
                let rec = rec.map_err(|e| AppError::BadFile(format!("CSV row {}: {e}", i + 1)))?;
                rows.push(rec.iter().map(str::to_owned).collect());
            }
            Ok(rows)
        }
        FileFormat::Xlsx => {
            use calamine::{Data, Reader, Xlsx};
            let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
                .map_err(|e| AppError::BadFile(format!("not a readable XLSX workbook: {e}")))?;
            let sheet = wb
                .worksheet_range_at(0)
                .ok_or_else(|| AppError::BadFile("the workbook has no worksheet".into()))?
                .map_err(|e| AppError::BadFile(format!("cannot read the first worksheet: {e}")))?;
            // Start at A1 even when the sheet's used range starts later.
            let (r0, c0) = sheet.start().unwrap_or((0, 0));
            let mut rows = vec![Vec::new(); r0 as usize];
            for row in sheet.rows() {
                let mut cells = vec![String::new(); c0 as usize];
                cells.extend(row.iter().map(|c| match c {
                    Data::Empty => String::new(),
                    Data::String(s) => s.clone(),
                    Data::Int(i) => i.to_string(),
                    Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
                    Data::Float(f) => f.to_string(),
                    Data::Bool(b) => b.to_string(),
                    Data::DateTime(d) => match d.as_datetime() {
                        Some(dt) if dt.time() == chrono::NaiveTime::MIN => dt.date().to_string(),
                        Some(dt) => dt.to_string(),
                        None => d.to_string(),
                    },
                    Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
                    Data::Error(e) => format!("#{e:?}"),
                }));
                rows.push(cells);
            }
            Ok(rows)
        }
        FileFormat::Json => Err(AppError::BadFile("trainee imports take CSV or XLSX files".into())),
    }
}

fn rej(errors: &mut Vec<RowError>, row: usize, column: &str, value: &str, code: &str, reason: String) {
    errors.push(RowError {
        row,
        column: column.to_owned(),
        value: value.to_owned(),
        code: code.to_owned(),
        reason,
    });
}

fn parse_date(s: &str) -> std::result::Result<NaiveDate, String> {
    let t = s.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%Y/%m/%d"))
        .map_err(|_| format!("\"{t}\" is not a date; write YYYY-MM-DD, e.g. 2007-10-01"))
}

impl App {
    /// Parse and check a trainee file without writing anything: the trainees
    /// it would create, or every rejected value.
    pub async fn check_trainee_file(&self, bytes: &[u8], format: FileFormat) -> Result<Vec<NewTrainee>> {
        let table = read_table(bytes, format)?;
        let mut errors: Vec<RowError> = Vec::new();
        let Some(header) = table.first() else {
            return Err(AppError::BadFile(
                "the file is empty: it needs a header row and at least one trainee".into(),
            ));
        };
        let mut index: HashMap<&str, usize> = HashMap::new();
        for (i, h) in header.iter().enumerate() {
            let name = h.trim().trim_start_matches('\u{feff}');
            if name.is_empty() {
                continue;
            }
            match TRAINEE_COLUMNS.iter().find(|(c, _, _)| c.eq_ignore_ascii_case(name)) {
                Some((c, _, _)) => {
                    if index.insert(c, i).is_some() {
                        rej(
                            &mut errors,
                            1,
                            name,
                            name,
                            "duplicate_column",
                            format!("column {name} appears twice"),
                        );
                    }
                }
                None => rej(
                    &mut errors,
                    1,
                    name,
                    name,
                    "unknown_column",
                    format!("unknown column {name}; the template lists the columns"),
                ),
            }
        }
        for (c, required, _) in TRAINEE_COLUMNS {
            if *required && !index.contains_key(c) {
                rej(
                    &mut errors,
                    1,
                    c,
                    "",
                    "missing_column",
                    format!("the required column {c} is missing"),
                );
            }
        }
        if !errors.is_empty() {
            return Err(AppError::ImportRejected(errors));
        }

        let editions: HashMap<String, Edition> = self
            .store
            .select::<Edition>(
                &[],
                Page {
                    limit: u32::MAX,
                    offset: 0,
                },
            )
            .await?
            .into_iter()
            .map(|e| (e.fields.key.to_string(), e))
            .collect();
        let orgs: HashMap<String, i64> = self
            .store
            .select::<Organisation>(
                &[],
                Page {
                    limit: u32::MAX,
                    offset: 0,
                },
            )
            .await?
            .into_iter()
            .map(|o| (o.fields.key.to_string(), o.id))
            .collect();

        let mut out = Vec::new();
        let mut rows_of_identity: HashMap<String, usize> = HashMap::new();
        let today = self.today();
        for (i, cells) in table.iter().enumerate().skip(1) {
            let row = i + 1;
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let cell = |name: &str| {
                index
                    .get(name)
                    .and_then(|&j| cells.get(j))
                    .map(|s| s.trim())
                    .unwrap_or("")
            };
            let mut ok = true;
            macro_rules! field {
                ($name:literal, $parse:expr) => {{
                    let raw = cell($name);
                    let required = TRAINEE_COLUMNS.iter().any(|(c, r, _)| *c == $name && *r);
                    if raw.is_empty() {
                        if required {
                            ok = false;
                            rej(
                                &mut errors,
                                row,
                                $name,
                                raw,
                                "required",
                                format!("{} is required", $name),
                            );
                        }
                        None
                    } else {
                        match $parse(raw) {
                            Ok(v) => Some(v),
                            Err((code, reason)) => {
                                ok = false;
                                rej(&mut errors, row, $name, raw, code, reason);
                                None
                            }
                        }
                    }
                }};
            }
            let text = |s: &str| Text::parse(s).map_err(|e| (e.code, e.message));
            let family_name = field!("family_name", text);
            let given_name = field!("given_name", text);
            let name_native = field!("name_native", text);
            let name_kana = field!("name_kana", text);
            let gender = field!("gender", |s: &str| s
                .parse()
                .map_err(|e: kizuna_domain::Invalid| (e.code, e.message)));
            let nationality = field!("nationality", |s: &str| CountryCode::parse(s)
                .map_err(|e| (e.code, e.message)));
            let birth_date = field!("birth_date", |s: &str| parse_date(s).map_err(|m| ("invalid_date", m)));
            let email = field!("email", text);
            let organisation_id = field!("organisation_key", |s: &str| orgs
                .get(s)
                .copied()
                .ok_or(("unknown_organisation", format!("no organisation has the key \"{s}\""))));
            let position = field!("position", text);
            let edition = field!("edition_key", |s: &str| editions
                .get(s)
                .ok_or(("unknown_edition", format!("no course edition has the key \"{s}\""))));
            let status: Option<ParticipationStatus> = field!("status", |s: &str| s
                .parse()
                .map_err(|e: kizuna_domain::Invalid| (e.code, e.message)));
            let started_on = field!("started_on", |s: &str| parse_date(s).map_err(|m| ("invalid_date", m)));
            let ended_on = field!("ended_on", |s: &str| parse_date(s).map_err(|m| ("invalid_date", m)));
            let action_plan_title = field!("action_plan_title", text);
            let (Some(family_name), Some(gender), Some(nationality), Some(edition), Some(status), true) =
                (family_name, gender, nationality, edition, status, ok)
            else {
                continue;
            };
            let person = PersonInput {
                family_name,
                given_name,
                name_native,
                name_kana,
                gender,
                nationality,
                birth_date,
                email,
                organisation_id,
                position,
            };
            if let Err(errs) = person.validate(today) {
                for e in errs {
                    let value = cell(&e.field).to_owned();
                    rej(&mut errors, row, &e.field, &value, &e.code, e.message);
                }
                continue;
            }
            if let (Some(s), Some(e)) = (started_on, ended_on)
                && e < s
            {
                rej(
                    &mut errors,
                    row,
                    "ended_on",
                    cell("ended_on"),
                    "before_start",
                    format!("ends on {e} before it starts on {s}"),
                );
                continue;
            }
            if edition.fields.scope == EditionScope::CountrySpecific
                && !edition.fields.target_countries.contains(&nationality)
            {
                let targets: Vec<String> = edition
                    .fields
                    .target_countries
                    .iter()
                    .map(ToString::to_string)
                    .collect();
                rej(
                    &mut errors,
                    row,
                    "nationality",
                    cell("nationality"),
                    "country_not_targeted",
                    format!("edition {} is for {} only", edition.fields.key, targets.join(", ")),
                );
                continue;
            }
            let identity = person.identity_key();
            if let Some(first) = rows_of_identity.insert(identity, row) {
                rej(
                    &mut errors,
                    row,
                    "family_name",
                    cell("family_name"),
                    "duplicate_in_file",
                    format!("the same person is already on row {first}"),
                );
                continue;
            }
            out.push(NewTrainee {
                person,
                edition_id: edition.id,
                status,
                started_on,
                ended_on,
                action_plan_title: action_plan_title.map(|t| t.to_string()),
            });
        }
        // People already in the store.
        let keys: Vec<String> = rows_of_identity.keys().cloned().collect();
        let taken: HashSet<String> = self.store.existing_identities(&keys).await?.into_iter().collect();
        for key in &taken {
            if let Some(&row) = rows_of_identity.get(key) {
                let who = table
                    .get(row - 1)
                    .and_then(|c| index.get("family_name").and_then(|&j| c.get(j)))
                    .cloned()
                    .unwrap_or_default();
                rej(
                    &mut errors,
                    row,
                    "family_name",
                    &who,
                    "person_exists",
                    "this person (same names, nationality and birth date) is already recorded".into(),
                );
            }
        }
        if !errors.is_empty() {
            errors.sort_by(|a, b| a.row.cmp(&b.row));
            return Err(AppError::ImportRejected(errors));
        }
        if out.is_empty() {
            return Err(AppError::BadFile("the file has a header but no trainee rows".into()));
        }
        Ok(out)
    }

    /// Import a trainee file: all rows, or nothing.
    pub async fn import_trainees(&self, bytes: &[u8], format: FileFormat, dry_run: bool) -> Result<ImportReport> {
        let rows = self.check_trainee_file(bytes, format).await?;
        let imported = if dry_run {
            0
        } else {
            self.store.insert_trainees(&rows).await?.len()
        };
        Ok(ImportReport {
            rows: rows.len(),
            imported,
            dry_run,
        })
    }

    /// Every trainee participation, in the template's columns.
    pub async fn trainee_export_rows(&self) -> Result<Vec<Vec<String>>> {
        let orgs: HashMap<i64, String> = self
            .store
            .select::<Organisation>(
                &[],
                Page {
                    limit: u32::MAX,
                    offset: 0,
                },
            )
            .await?
            .into_iter()
            .map(|o| (o.id, o.fields.key.to_string()))
            .collect();
        let opt = |t: &Option<Text>| t.as_ref().map(ToString::to_string).unwrap_or_default();
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        Ok(self
            .store
            .trainee_rows()
            .await?
            .into_iter()
            .map(|(p, edition_key, status, s, e, plan)| {
                let f = p.fields;
                vec![
                    f.family_name.to_string(),
                    opt(&f.given_name),
                    opt(&f.name_native),
                    opt(&f.name_kana),
                    f.gender.to_string(),
                    f.nationality.to_string(),
                    date(f.birth_date),
                    opt(&f.email),
                    f.organisation_id
                        .and_then(|id| orgs.get(&id).cloned())
                        .unwrap_or_default(),
                    opt(&f.position),
                    edition_key,
                    status,
                    date(s),
                    date(e),
                    plan.unwrap_or_default(),
                ]
            })
            .collect())
    }

    /// Export every trainee participation.
    pub async fn export_trainees(&self, format: FileFormat) -> Result<Vec<u8>> {
        let rows = self.trainee_export_rows().await?;
        write_table(&rows, format)
    }
}

/// The empty import template: the header row, and in the XLSX a second
/// sheet describing each column.
pub fn trainee_template(format: FileFormat) -> Result<Vec<u8>> {
    write_table(&[], format)
}

fn write_table(rows: &[Vec<String>], format: FileFormat) -> Result<Vec<u8>> {
    let header: Vec<&str> = TRAINEE_COLUMNS.iter().map(|(c, _, _)| *c).collect();
    match format {
        FileFormat::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            let io = |e: csv::Error| AppError::BadFile(e.to_string());
            w.write_record(&header).map_err(io)?;
            for row in rows {
                w.write_record(row.iter().map(|c| escape_formula(c))).map_err(io)?;
            }
            w.into_inner().map_err(|e| AppError::BadFile(e.to_string()))
        }
        FileFormat::Json => {
            let objects: Vec<serde_json::Map<String, serde_json::Value>> = rows
                .iter()
                .map(|r| {
                    header
                        .iter()
                        .zip(r)
                        .filter(|(_, v)| !v.is_empty())
                        .map(|(k, v)| (k.to_string(), serde_json::Value::String(v.clone())))
                        .collect()
                })
                .collect();
            serde_json::to_vec_pretty(&objects).map_err(|e| AppError::BadFile(e.to_string()))
        }
        FileFormat::Xlsx => {
            use rust_xlsxwriter::{Format, Workbook};
            let x = |e: rust_xlsxwriter::XlsxError| AppError::BadFile(format!("cannot write XLSX: {e}"));
            let mut wb = Workbook::new();
            let bold = Format::new().set_bold();
            let date_fmt = Format::new().set_num_format("yyyy-mm-dd");
            let quoted = Format::new().set_quote_prefix();
            let sheet = wb.add_worksheet().set_name("trainees").map_err(x)?;
            for (c, h) in header.iter().enumerate() {
                sheet.write_string_with_format(0, c as u16, *h, &bold).map_err(x)?;
            }
            for (r, row) in rows.iter().enumerate() {
                let r = (r + 1) as u32;
                for (c, v) in row.iter().enumerate() {
                    let c = c as u16;
                    let is_date = matches!(
                        header.get(c as usize),
                        Some(&("birth_date" | "started_on" | "ended_on"))
                    );
                    match NaiveDate::parse_from_str(v, "%Y-%m-%d") {
                        Ok(d) if is_date => {
                            sheet.write_date_with_format(r, c, d, &date_fmt).map_err(x)?;
                        }
                        _ if v.is_empty() => {}
                        _ if needs_escape(v) => {
                            sheet.write_string_with_format(r, c, v, &quoted).map_err(x)?;
                        }
                        _ => {
                            sheet.write_string(r, c, v).map_err(x)?;
                        }
                    }
                }
            }
            sheet.set_freeze_panes(1, 0).map_err(x)?;
            sheet.autofit();
            if rows.is_empty() {
                let notes = wb.add_worksheet().set_name("columns").map_err(x)?;
                for (c, h) in ["column", "required", "meaning"].iter().enumerate() {
                    notes.write_string_with_format(0, c as u16, *h, &bold).map_err(x)?;
                }
                for (r, (name, req, meaning)) in TRAINEE_COLUMNS.iter().enumerate() {
                    let r = (r + 1) as u32;
                    notes.write_string(r, 0, *name).map_err(x)?;
                    notes.write_string(r, 1, if *req { "yes" } else { "no" }).map_err(x)?;
                    notes.write_string(r, 2, *meaning).map_err(x)?;
                }
                notes.autofit();
            }
            wb.save_to_buffer().map_err(x)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_escaped() {
        assert_eq!(escape_formula("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(escape_formula("+81 3"), "'+81 3");
        assert_eq!(escape_formula("@SUM"), "'@SUM");
        assert_eq!(escape_formula("Obihiro"), "Obihiro");
    }

    #[test]
    fn formats_are_detected() {
        assert_eq!(FileFormat::detect("a.XLSX", b""), FileFormat::Xlsx);
        assert_eq!(FileFormat::detect("upload", b"PK\x03\x04rest"), FileFormat::Xlsx);
        assert_eq!(FileFormat::detect("a.csv", b"family_name"), FileFormat::Csv);
    }

    #[test]
    fn csv_must_be_utf8() {
        let err = read_table(b"family_name\n\x83\x65\x83\x58\x83\x67\n", FileFormat::Csv).unwrap_err();
        assert!(err.to_string().contains("not UTF-8"), "{err}");
    }
}
