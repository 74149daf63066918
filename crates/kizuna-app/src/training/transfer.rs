//! Trainee import (CSV, XLSX) and export (CSV, XLSX, JSON).
//!
//! An import is all-or-nothing: every row is parsed and checked first, and
//! if any value is rejected nothing is written and every rejection is
//! reported with its row (as a spreadsheet numbers it: the header is row 1),
//! column, value and reason. Only a clean file is written, in one
//! transaction.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use kizuna_domain::common::organisation::Organisation;
use kizuna_domain::common::person::PersonInput;
use kizuna_domain::common::{CountryCode, Text};
use kizuna_domain::training::edition::{Edition, EditionScope};
use kizuna_domain::training::participation::ParticipationStatus;
pub use kizuna_io::RowError;
pub use kizuna_io::table::{Column, FileFormat, escape_formula, read_table};
use kizuna_io::table::{parse_date, write_table};
use kizuna_store::{NewTrainee, Page};
use serde::Serialize;

use crate::{App, AppError, Result};

/// The columns of a trainee file, in template order: name, required, meaning.
pub const TRAINEE_COLUMNS: &[Column<'static>] = &[
    Column {
        name: "family_name",
        required: true,
        meaning: "Family name in Latin script (the only name for people with one name)",
        date: false,
    },
    Column {
        name: "given_name",
        required: false,
        meaning: "Given name(s) in Latin script",
        date: false,
    },
    Column {
        name: "name_native",
        required: false,
        meaning: "Name in the person's own script",
        date: false,
    },
    Column {
        name: "name_kana",
        required: false,
        meaning: "Katakana reading",
        date: false,
    },
    Column {
        name: "gender",
        required: true,
        meaning: "female, male, other or unspecified",
        date: false,
    },
    Column {
        name: "nationality",
        required: true,
        meaning: "ISO 3166-1 alpha-2 code, e.g. TH",
        date: false,
    },
    Column {
        name: "birth_date",
        required: false,
        meaning: "YYYY-MM-DD (personal data)",
        date: true,
    },
    Column {
        name: "email",
        required: false,
        meaning: "E-mail address (personal data)",
        date: false,
    },
    Column {
        name: "organisation_key",
        required: false,
        meaning: "Key of the home organisation, which must exist",
        date: false,
    },
    Column {
        name: "position",
        required: false,
        meaning: "Position held at the home organisation",
        date: false,
    },
    Column {
        name: "edition_key",
        required: true,
        meaning: "Key of the course edition, which must exist, e.g. gmrdp/fy2007",
        date: false,
    },
    Column {
        name: "status",
        required: true,
        meaning: "nominated, accepted, arrived, completed or withdrawn",
        date: false,
    },
    Column {
        name: "started_on",
        required: false,
        meaning: "Arrival date, YYYY-MM-DD",
        date: true,
    },
    Column {
        name: "ended_on",
        required: false,
        meaning: "Departure date, YYYY-MM-DD",
        date: true,
    },
    Column {
        name: "action_plan_title",
        required: false,
        meaning: "Title of the trainee's action plan",
        date: false,
    },
];

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

fn rej(errors: &mut Vec<RowError>, row: usize, column: &str, value: &str, code: &str, reason: String) {
    errors.push(RowError::new(row, column, value, code, reason));
}

impl App {
    /// Parse and check a trainee file without writing anything: the trainees
    /// it would create, or every rejected value.
    pub async fn check_trainee_file(&self, bytes: &[u8], format: FileFormat) -> Result<Vec<NewTrainee>> {
        let kizuna_io::table::Table { rows: table, notes } = kizuna_io::table::read_table_noted(bytes, format)?;
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
            match TRAINEE_COLUMNS
                .iter()
                .map(|c| c.name)
                .find(|c| c.eq_ignore_ascii_case(name))
            {
                Some(c) => {
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
        for Column { name: c, required, .. } in TRAINEE_COLUMNS {
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
        // A workbook's formulas and numbers are not what someone typed:
        // each is named rather than taken.
        for note in &notes {
            let Some((&name, _)) = index.iter().find(|(_, j)| **j == note.column) else {
                continue;
            };
            let value = table
                .get(note.row - 1)
                .and_then(|r| r.get(note.column))
                .map(String::as_str)
                .unwrap_or("");
            let date = TRAINEE_COLUMNS.iter().any(|c| c.name == name && c.date);
            match &note.kind {
                kizuna_io::table::NoteKind::Formula(f) => rej(
                    &mut errors,
                    note.row,
                    name,
                    &format!("={f}"),
                    "formula",
                    "a formula, not a value: type the value itself (its last result was not taken)".into(),
                ),
                // A date column's number is told by the date check below.
                kizuna_io::table::NoteKind::Number if !date => rej(
                    &mut errors,
                    note.row,
                    name,
                    value,
                    "number_in_text",
                    "a number where text is expected: a leading zero or long digits may have been lost; format the column as Text and type the value again".into(),
                ),
                kizuna_io::table::NoteKind::Number => {}
            }
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
                    let required = TRAINEE_COLUMNS.iter().any(|c| c.name == $name && c.required);
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
            errors.sort_by_key(|e| e.row);
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
            self.store.insert_trainees(self.office_id(), &rows).await?.len()
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
        self.note_export("trainee", None, &format!("{} rows, {format:?}", rows.len()))
            .await?;
        Ok(write_table("trainees", TRAINEE_COLUMNS, &rows, format)?)
    }
}

/// The empty import template: the header row, and in the XLSX a second
/// sheet describing each column.
pub fn trainee_template(format: FileFormat) -> Result<Vec<u8>> {
    Ok(write_table("trainees", TRAINEE_COLUMNS, &[], format)?)
}
