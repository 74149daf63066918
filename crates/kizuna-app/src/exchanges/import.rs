//! Delegations imported from a CSV or XLSX file, one row per delegation:
//! every row checked (each rejected value named by row, column and
//! reason), then all written with their members in one transaction, or
//! nothing.
//!
//! The columns: `country` (an ISO code such as `TH`, or the country's name
//! in English, Japanese, Thai or Malay); the sending organisation either as
//! `organisation_key` (an organisation on record) or as
//! `organisation_name_en` … `organisation_name_ms` (not both);
//! `arrives_on` and `leaves_on`; `purpose_en` … `purpose_ms` (at least
//! one); `programme_key`; `members`, the members' names separated by `;`
//! (or `；`); `public` (`yes`/`no`, empty is no). A row that repeats a
//! delegation already recorded (same country, dates and purpose) is
//! refused, so that importing a file twice adds nothing.

use std::collections::HashMap;

use chrono::NaiveDate;
use kizuna_domain::common::country::all_countries;
use kizuna_domain::common::organisation::Organisation;
use kizuna_domain::common::programme::Programme;
use kizuna_domain::common::{CountryCode, Id, LocalText, Text};
use kizuna_domain::exchanges::delegation::{Delegation, DelegationInput, DelegationMemberInput};
use kizuna_io::RowError;
use kizuna_io::table::{FileFormat, NoteKind, parse_date, read_table_noted};
use serde::Serialize;

use crate::partnerships::all;
use crate::{App, AppError, Result};

/// The columns of a delegation file, in the template's order, and whether
/// each is required.
pub const DELEGATION_COLUMNS: &[(&str, bool)] = &[
    ("country", true),
    ("organisation_key", false),
    ("organisation_name_en", false),
    ("organisation_name_ja", false),
    ("organisation_name_th", false),
    ("organisation_name_ms", false),
    ("arrives_on", true),
    ("leaves_on", true),
    ("purpose_en", false),
    ("purpose_ja", false),
    ("purpose_th", false),
    ("purpose_ms", false),
    ("programme_key", false),
    ("members", false),
    ("public", false),
];

const LANGS: [&str; 4] = ["en", "ja", "th", "ms"];

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DelegationImport {
    /// Delegation rows read (blank rows are skipped).
    pub rows: usize,
    /// Members named across those rows.
    pub members: usize,
    /// Delegations created (0 for a dry run).
    pub imported: usize,
    /// True when the file was only checked.
    pub dry_run: bool,
}

type Problem = (&'static str, String);

/// One data row's cells by column name, collecting its problems.
struct RowReader<'a> {
    row: usize,
    cells: &'a [String],
    index: &'a HashMap<&'static str, usize>,
    errors: Vec<RowError>,
}

impl RowReader<'_> {
    fn cell(&self, name: &str) -> &str {
        self.index
            .get(name)
            .and_then(|&j| self.cells.get(j))
            .map(|s| s.trim())
            .unwrap_or("")
    }

    fn opt(&self, name: &str) -> Option<&str> {
        Some(self.cell(name)).filter(|v| !v.is_empty())
    }

    fn refuse(&mut self, column: &str, code: &str, reason: String) {
        let value = self.cell(column).to_owned();
        self.errors.push(RowError::new(self.row, column, &value, code, reason));
    }

    fn take<T>(&mut self, column: &str, r: std::result::Result<T, Problem>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err((code, reason)) => {
                self.refuse(column, code, reason);
                None
            }
        }
    }

    fn date(&mut self, column: &'static str) -> Option<NaiveDate> {
        let r = match self.opt(column) {
            None => Err(("required", format!("{column} is required"))),
            Some(v) => parse_date(v).map_err(|m| ("invalid_date", m)),
        };
        self.take(column, r)
    }

    /// `base_en` … `base_ms` as one text; `None` when all are empty (or
    /// one is not a valid text, which is refused).
    fn local(&mut self, base: &str) -> Option<LocalText> {
        let mut parts: [Option<Text>; 4] = Default::default();
        for (slot, lang) in parts.iter_mut().zip(LANGS) {
            let column = format!("{base}_{lang}");
            match Text::parse_optional(self.opt(&column)) {
                Ok(t) => *slot = t,
                Err(e) => self.refuse(&column, e.code, format!("{column} {}", e.message)),
            }
        }
        let [en, ja, th, ms] = parts;
        LocalText::new(en, ja, th, ms).ok()
    }

    fn key(&mut self, column: &'static str, map: &HashMap<String, Id>, what: &str) -> Option<Id> {
        let v = self.opt(column)?.to_owned();
        let r = map
            .get(&v)
            .copied()
            .ok_or(("not_found", format!("no {what} has the key \"{v}\"")));
        self.take(column, r)
    }
}

/// A country from its ISO code or its name in one of Kizuna's languages.
pub(crate) fn country(v: &str) -> std::result::Result<CountryCode, Problem> {
    if let Ok(c) = CountryCode::parse(v) {
        return Ok(c);
    }
    let folded = v.trim().to_lowercase();
    all_countries()
        .iter()
        .find(|c| {
            [c.name_en, c.name_ja, c.name_th, c.name_ms]
                .iter()
                .any(|n| n.to_lowercase() == folded)
        })
        .map(|c| c.code)
        .ok_or((
            "unknown_country",
            format!("\"{v}\" is neither a country code (e.g. TH, MY, MN) nor a country's name"),
        ))
}

fn yes_no(v: Option<&str>) -> std::result::Result<bool, Problem> {
    match v.map(str::to_lowercase).as_deref() {
        None | Some("no" | "false" | "0" | "n" | "いいえ") => Ok(false),
        Some("yes" | "true" | "1" | "y" | "はい") => Ok(true),
        Some(other) => Err(("invalid_boolean", format!("\"{other}\" is not yes or no"))),
    }
}

/// The members' names in a `members` cell: separated by `;` or `；`.
fn member_names(v: Option<&str>) -> std::result::Result<Vec<Text>, Problem> {
    let Some(v) = v else { return Ok(Vec::new()) };
    v.split([';', '；'])
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|n| Text::parse(n).map_err(|e| (e.code, format!("the member name \"{n}\" {}", e.message))))
        .collect()
}

impl App {
    /// Check a delegation file and, unless `dry_run`, write every row with
    /// its members in one transaction; any rejected value refuses the
    /// whole file.
    pub async fn import_delegations(
        &self,
        bytes: &[u8],
        format: FileFormat,
        dry_run: bool,
    ) -> Result<DelegationImport> {
        let table = read_table_noted(bytes, format)?;
        let rows = table.rows;
        let Some(header) = rows.first() else {
            return Err(AppError::BadFile(
                "the file is empty: it needs a header row and at least one delegation".into(),
            ));
        };
        let index = header_index(header)?;
        let mut errors: Vec<RowError> = Vec::new();
        for note in &table.notes {
            if let NoteKind::Formula(f) = &note.kind
                && let Some((name, _)) = index.iter().find(|(_, j)| **j == note.column)
            {
                errors.push(RowError::new(
                    note.row,
                    name,
                    &format!("={f}"),
                    "formula",
                    "a formula, not a value: type the value itself".into(),
                ));
            }
        }

        let keyed = |v: Vec<(String, Id)>| -> HashMap<String, Id> { v.into_iter().collect() };
        let orgs = keyed(
            all::<Organisation>(self, &[])
                .await?
                .into_iter()
                .map(|o| (o.fields.key.to_string(), o.id))
                .collect(),
        );
        let programmes = keyed(
            all::<Programme>(self, &[])
                .await?
                .into_iter()
                .map(|p| (p.fields.key.to_string(), p.id))
                .collect(),
        );
        let existing: HashMap<(CountryCode, NaiveDate, NaiveDate, LocalText), Id> = all::<Delegation>(self, &[])
            .await?
            .into_iter()
            .map(|d| {
                let f = d.fields;
                ((f.country, f.arrives_on, f.leaves_on, f.purpose), d.id)
            })
            .collect();
        let mut seen: HashMap<(CountryCode, NaiveDate, NaiveDate, LocalText), usize> = HashMap::new();

        let mut out: Vec<(DelegationInput, Vec<DelegationMemberInput>)> = Vec::new();
        for (i, cells) in rows.iter().enumerate().skip(1) {
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let mut r = RowReader {
                row: i + 1,
                cells,
                index: &index,
                errors: Vec::new(),
            };
            let c = match r.opt("country") {
                None => Err(("required", "country is required".to_owned())),
                Some(v) => country(v),
            };
            let country = r.take("country", c);
            let organisation_id = r.key("organisation_key", &orgs, "organisation");
            let organisation_name = r.local("organisation_name");
            let had_key = r.opt("organisation_key").is_some();
            if had_key && organisation_name.is_some() {
                r.refuse(
                    "organisation_key",
                    "both",
                    "the sending organisation is either a record (organisation_key) or a name \
                     (organisation_name_en … organisation_name_ms), not both"
                        .into(),
                );
            } else if !had_key
                && organisation_name.is_none()
                && !r.errors.iter().any(|e| e.column.starts_with("organisation_name_"))
            {
                r.refuse(
                    "organisation_name_en",
                    "required",
                    "name the sending organisation: its key in organisation_key, or its name in \
                     organisation_name_en … organisation_name_ms"
                        .into(),
                );
            }
            let arrives_on = r.date("arrives_on");
            let leaves_on = r.date("leaves_on");
            let purpose = r.local("purpose");
            if purpose.is_none() && !r.errors.iter().any(|e| e.column.starts_with("purpose_")) {
                r.refuse(
                    "purpose_en",
                    "required",
                    "the purpose is required in at least one language (purpose_en, purpose_ja, purpose_th or purpose_ms)"
                        .into(),
                );
            }
            let programme_id = r.key("programme_key", &programmes, "programme");
            let m = member_names(r.opt("members"));
            let names = r.take("members", m);
            let p = yes_no(r.opt("public"));
            let public = r.take("public", p);
            let row = r.row;
            let (Some(country), Some(arrives_on), Some(leaves_on), Some(purpose), Some(names), Some(public)) =
                (country, arrives_on, leaves_on, purpose, names, public)
            else {
                errors.append(&mut r.errors);
                continue;
            };
            if !r.errors.is_empty() {
                errors.append(&mut r.errors);
                continue;
            }
            let input = DelegationInput {
                country,
                organisation_id,
                organisation_name,
                arrives_on,
                leaves_on,
                purpose,
                programme_id,
                public,
            };
            if let Err(errs) = input.validate() {
                // The organisation's rules were checked above, by column.
                for e in errs.into_iter().filter(|e| e.field != "organisation_name") {
                    let column = DELEGATION_COLUMNS
                        .iter()
                        .map(|(c, _)| *c)
                        .find(|c| *c == e.field)
                        .unwrap_or("country");
                    r.refuse(column, &e.code, e.message);
                }
            }
            let identity = (country, arrives_on, leaves_on, input.purpose.clone());
            if let Some(id) = existing.get(&identity) {
                r.refuse(
                    "arrives_on",
                    "duplicate",
                    format!("delegation {id} from {country} with these dates and this purpose is already recorded"),
                );
            } else if let Some(first) = seen.insert(identity, row) {
                r.refuse(
                    "arrives_on",
                    "duplicate",
                    format!("row {first} already has a delegation from {country} with these dates and this purpose"),
                );
            }
            if !r.errors.is_empty() {
                errors.append(&mut r.errors);
                continue;
            }
            let members = names
                .into_iter()
                .map(|name| DelegationMemberInput {
                    delegation_id: 0,
                    person_id: None,
                    name: Some(name),
                    title: None,
                })
                .collect();
            out.push((input, members));
        }
        if !errors.is_empty() {
            errors.sort_by_key(|e| e.row);
            return Err(AppError::ImportRejected(errors));
        }
        if out.is_empty() {
            return Err(AppError::BadFile("the file has a header but no delegation rows".into()));
        }
        let members = out.iter().map(|(_, m)| m.len()).sum();
        let imported = if dry_run {
            0
        } else {
            self.store.insert_delegations(self.office_id(), &out).await?.len()
        };
        Ok(DelegationImport {
            rows: out.len(),
            members,
            imported,
            dry_run,
        })
    }
}

/// Each known column's position; unknown, repeated or missing required
/// columns refuse the file, naming them.
fn header_index(header: &[String]) -> Result<HashMap<&'static str, usize>> {
    let mut errors = Vec::new();
    let mut index: HashMap<&'static str, usize> = HashMap::new();
    for (i, h) in header.iter().enumerate() {
        let name = h.trim().trim_start_matches('\u{feff}');
        if name.is_empty() {
            continue;
        }
        match DELEGATION_COLUMNS.iter().find(|(c, _)| c.eq_ignore_ascii_case(name)) {
            Some((c, _)) => {
                if index.insert(c, i).is_some() {
                    errors.push(RowError::new(
                        1,
                        name,
                        name,
                        "duplicate_column",
                        format!("column {name} appears twice"),
                    ));
                }
            }
            None => errors.push(RowError::new(
                1,
                name,
                name,
                "unknown_column",
                format!(
                    "unknown column {name}; the columns are {}",
                    DELEGATION_COLUMNS
                        .iter()
                        .map(|(c, _)| *c)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )),
        }
    }
    for (c, required) in DELEGATION_COLUMNS {
        if *required && !index.contains_key(c) {
            errors.push(RowError::new(
                1,
                c,
                "",
                "missing_column",
                format!("the required column {c} is missing"),
            ));
        }
    }
    if !LANGS
        .iter()
        .any(|l| index.contains_key(format!("purpose_{l}").as_str()))
    {
        errors.push(RowError::new(
            1,
            "purpose_en",
            "",
            "missing_column",
            "a purpose column is missing: purpose_en, purpose_ja, purpose_th or purpose_ms".into(),
        ));
    }
    if errors.is_empty() {
        Ok(index)
    } else {
        Err(AppError::ImportRejected(errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_by_code_or_name_in_any_language() {
        for v in ["TH", "th", "Thailand", "タイ", "ไทย", "Thailand "] {
            assert_eq!(country(v).map(|c| c.to_string()), Ok("TH".to_owned()), "{v}");
        }
        assert_eq!(country("Atlantis").unwrap_err().0, "unknown_country");
    }

    #[test]
    fn members_are_names_separated_by_semicolons() {
        let names = member_names(Some("B. Enkhbold; S. Oyuun；Ts. Bat ;")).unwrap();
        let names: Vec<&str> = names.iter().map(Text::as_str).collect();
        assert_eq!(names, ["B. Enkhbold", "S. Oyuun", "Ts. Bat"]);
        assert!(member_names(None).unwrap().is_empty());
        assert_eq!(yes_no(Some("Yes")), Ok(true));
        assert_eq!(yes_no(None), Ok(false));
        assert_eq!(yes_no(Some("maybe")).unwrap_err().0, "invalid_boolean");
    }
}
