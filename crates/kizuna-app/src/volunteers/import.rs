//! Placements imported from a CSV or XLSX file: every row checked (each
//! rejected value named by row, column and reason), then all written in one
//! transaction, or nothing. The volunteer is named by the person's id
//! (`12` or `#12`) or by name ("Given Family", as written or folded), which
//! must match exactly one person; hosts and programmes by their keys.

use std::collections::HashMap;

use kizuna_domain::common::locality::Locality;
use kizuna_domain::common::organisation::Organisation;
use kizuna_domain::common::person::Person;
use kizuna_domain::common::programme::Programme;
use kizuna_domain::common::{Id, LocalText, Text};
use kizuna_domain::volunteers::placement::{Placement, PlacementDirection, PlacementInput, Scheme};
use kizuna_io::RowError;
use kizuna_io::table::{FileFormat, parse_date, read_table_noted};
use serde::Serialize;

use crate::partnerships::all;
use crate::people::fold;
use crate::volunteers::placements::display_name;
use crate::{App, AppError, Result};

/// The columns of a placement file, in the template's order.
pub const PLACEMENT_COLUMNS: &[(&str, bool)] = &[
    ("person", true),
    ("scheme", true),
    ("direction", true),
    ("host_locality_key", false),
    ("host_organisation_key", false),
    ("programme_key", false),
    ("planned_starts_on", true),
    ("planned_ends_on", true),
    ("actual_starts_on", false),
    ("actual_ends_on", false),
    ("area_en", false),
    ("area_ja", false),
    ("area_th", false),
    ("area_ms", false),
    ("goals_en", false),
    ("goals_ja", false),
    ("goals_th", false),
    ("goals_ms", false),
];

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlacementImport {
    /// Data rows read (blank rows are skipped).
    pub rows: usize,
    /// Placements created.
    pub imported: usize,
    /// True when the file was only checked.
    pub dry_run: bool,
}

type Problem = (&'static str, String);

impl App {
    /// Check a placement file and, unless `dry_run`, write every row in one
    /// transaction; any rejected value refuses the whole file.
    pub async fn import_placements(&self, bytes: &[u8], format: FileFormat, dry_run: bool) -> Result<PlacementImport> {
        let table = read_table_noted(bytes, format)?;
        let rows = table.rows;
        let mut errors: Vec<RowError> = Vec::new();
        let Some(header) = rows.first() else {
            return Err(AppError::BadFile(
                "the file is empty: it needs a header row and at least one placement".into(),
            ));
        };
        let mut index: HashMap<&'static str, usize> = HashMap::new();
        for (i, h) in header.iter().enumerate() {
            let name = h.trim().trim_start_matches('\u{feff}');
            if name.is_empty() {
                continue;
            }
            match PLACEMENT_COLUMNS.iter().find(|(c, _)| c.eq_ignore_ascii_case(name)) {
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
                        PLACEMENT_COLUMNS.iter().map(|(c, _)| *c).collect::<Vec<_>>().join(", ")
                    ),
                )),
            }
        }
        for (c, required) in PLACEMENT_COLUMNS {
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
        if !errors.is_empty() {
            return Err(AppError::ImportRejected(errors));
        }
        for note in &table.notes {
            if let kizuna_io::table::NoteKind::Formula(f) = &note.kind
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

        let people: Vec<Person> = all(self, &[]).await?;
        let mut by_name: HashMap<String, Vec<Id>> = HashMap::new();
        for p in &people {
            by_name.entry(fold(&display_name(p))).or_default().push(p.id);
            let reversed = match &p.fields.given_name {
                Some(g) => format!("{} {g}", p.fields.family_name),
                None => p.fields.family_name.to_string(),
            };
            by_name.entry(fold(&reversed)).or_default().push(p.id);
            if let Some(n) = &p.fields.name_native {
                by_name.entry(fold(n.as_str())).or_default().push(p.id);
            }
        }
        for ids in by_name.values_mut() {
            ids.sort_unstable();
            ids.dedup();
        }
        let person_ids: std::collections::HashSet<Id> = people.iter().map(|p| p.id).collect();
        let keyed = |v: Vec<(String, Id)>| -> HashMap<String, Id> { v.into_iter().collect() };
        let localities: HashMap<String, Id> = keyed(
            all::<Locality>(self, &[])
                .await?
                .into_iter()
                .map(|l| (l.fields.key.to_string(), l.id))
                .collect(),
        );
        let in_japan: HashMap<Id, bool> = all::<Locality>(self, &[])
            .await?
            .into_iter()
            .map(|l| (l.id, l.fields.country.as_str() == "JP"))
            .collect();
        let orgs: HashMap<String, Id> = keyed(
            all::<Organisation>(self, &[])
                .await?
                .into_iter()
                .map(|o| (o.fields.key.to_string(), o.id))
                .collect(),
        );
        let programmes: HashMap<String, Id> = keyed(
            all::<Programme>(self, &[])
                .await?
                .into_iter()
                .map(|p| (p.fields.key.to_string(), p.id))
                .collect(),
        );

        let mut out: Vec<PlacementInput> = Vec::new();
        for (i, cells) in rows.iter().enumerate().skip(1) {
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
            let before = errors.len();
            macro_rules! take {
                ($name:literal, $r:expr $(,)?) => {
                    match $r {
                        Ok(v) => v,
                        Err((code, reason)) => {
                            errors.push(RowError::new(row, $name, cell($name), code, reason));
                            None
                        }
                    }
                };
            }
            let need = |name: &'static str| -> std::result::Result<&str, Problem> {
                let v = cell(name);
                if v.is_empty() {
                    Err(("required", format!("{name} is required")))
                } else {
                    Ok(v)
                }
            };
            let opt = |name: &'static str| -> Option<&str> { Some(cell(name)).filter(|v| !v.is_empty()) };
            let date =
                |name: &'static str, required: bool| -> std::result::Result<Option<chrono::NaiveDate>, Problem> {
                    match opt(name) {
                        None if required => Err(("required", format!("{name} is required"))),
                        None => Ok(None),
                        Some(v) => parse_date(v).map(Some).map_err(|m| ("invalid_date", m)),
                    }
                };
            let key = |name: &'static str,
                       map: &HashMap<String, Id>,
                       what: &str|
             -> std::result::Result<Option<Id>, Problem> {
                match opt(name) {
                    None => Ok(None),
                    Some(v) => map
                        .get(v)
                        .copied()
                        .map(Some)
                        .ok_or(("not_found", format!("no {what} has the key \"{v}\""))),
                }
            };
            let person = take!(
                "person",
                need("person").and_then(|v| {
                    let as_id = v.trim_start_matches('#').parse::<Id>().ok();
                    if let Some(id) = as_id {
                        return if person_ids.contains(&id) {
                            Ok(Some(id))
                        } else {
                            Err(("not_found", format!("person {id} does not exist")))
                        };
                    }
                    match by_name.get(&fold(v)).map(Vec::as_slice) {
                        Some([one]) => Ok(Some(*one)),
                        Some(many) if many.len() > 1 => Err((
                            "ambiguous_person",
                            format!(
                                "{} people are named \"{v}\" (ids {}); write the id of the one meant",
                                many.len(),
                                many.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
                            ),
                        )),
                        _ => Err((
                            "not_found",
                            format!("nobody is named \"{v}\"; add the person first, or write their id"),
                        )),
                    }
                }),
            );
            let scheme = take!(
                "scheme",
                need("scheme").and_then(|v| v
                    .parse::<Scheme>()
                    .map(Some)
                    .map_err(|e: kizuna_domain::Invalid| (e.code, e.message))),
            );
            let direction = take!(
                "direction",
                need("direction").and_then(|v| v
                    .parse::<PlacementDirection>()
                    .map(Some)
                    .map_err(|e: kizuna_domain::Invalid| (e.code, e.message))),
            );
            let host_locality_id = take!("host_locality_key", key("host_locality_key", &localities, "locality"));
            let host_organisation_id = take!(
                "host_organisation_key",
                key("host_organisation_key", &orgs, "organisation")
            );
            let programme_id = take!("programme_key", key("programme_key", &programmes, "programme"));
            let planned_starts_on = take!("planned_starts_on", date("planned_starts_on", true));
            let planned_ends_on = take!("planned_ends_on", date("planned_ends_on", true));
            let actual_starts_on = take!("actual_starts_on", date("actual_starts_on", false));
            let actual_ends_on = take!("actual_ends_on", date("actual_ends_on", false));
            let mut local = |base: &'static str, required: bool| -> Option<LocalText> {
                let mut parts: [Option<Text>; 4] = Default::default();
                for (slot, lang) in parts.iter_mut().zip(["en", "ja", "th", "ms"]) {
                    let col: &'static str = match (base, lang) {
                        ("area", "en") => "area_en",
                        ("area", "ja") => "area_ja",
                        ("area", "th") => "area_th",
                        ("area", _) => "area_ms",
                        (_, "en") => "goals_en",
                        (_, "ja") => "goals_ja",
                        (_, "th") => "goals_th",
                        _ => "goals_ms",
                    };
                    match Text::parse_optional(opt(col)) {
                        Ok(t) => *slot = t,
                        Err(e) => errors.push(RowError::new(row, col, cell(col), e.code, e.message)),
                    }
                }
                let [en, ja, th, ms] = parts;
                match LocalText::new(en, ja, th, ms) {
                    Ok(t) => Some(t),
                    Err(_) if !required => None,
                    Err(_) => {
                        errors.push(RowError::new(
                            row,
                            &format!("{base}_en"),
                            "",
                            "required",
                            format!("{base} is required in at least one language ({base}_en, {base}_ja, {base}_th or {base}_ms)"),
                        ));
                        None
                    }
                }
            };
            let area = local("area", true);
            let goals = local("goals", false);
            if errors.len() > before {
                continue;
            }
            let (
                Some(person_id),
                Some(scheme),
                Some(direction),
                Some(planned_starts_on),
                Some(planned_ends_on),
                Some(area),
            ) = (person, scheme, direction, planned_starts_on, planned_ends_on, area)
            else {
                continue;
            };
            let input = PlacementInput {
                person_id,
                scheme,
                direction,
                host_organisation_id,
                host_locality_id,
                programme_id,
                planned_starts_on,
                planned_ends_on,
                actual_starts_on,
                actual_ends_on,
                area,
                goals,
                paired_placement_id: None,
            };
            if let Err(errs) = input.validate(None) {
                for e in errs {
                    let column = match e.field.as_str() {
                        "host_locality_id" => "host_locality_key",
                        other => PLACEMENT_COLUMNS
                            .iter()
                            .map(|(c, _)| *c)
                            .find(|c| *c == other)
                            .unwrap_or("scheme"),
                    };
                    errors.push(RowError::new(row, column, cell(column), &e.code, e.message));
                }
                continue;
            }
            if let Some(l) = host_locality_id
                && let Some(japan) = in_japan.get(&l)
                && direction.hosted_in_japan() != *japan
            {
                errors.push(RowError::new(
                    row,
                    "host_locality_key",
                    cell("host_locality_key"),
                    if *japan { "not_abroad" } else { "not_in_japan" },
                    format!(
                        "a {direction} placement is hosted {}; this locality is {}",
                        if direction.hosted_in_japan() {
                            "in Japan"
                        } else {
                            "abroad"
                        },
                        if *japan { "in Japan" } else { "abroad" }
                    ),
                ));
                continue;
            }
            out.push(input);
        }
        if !errors.is_empty() {
            errors.sort_by_key(|e| e.row);
            return Err(AppError::ImportRejected(errors));
        }
        if out.is_empty() {
            return Err(AppError::BadFile("the file has a header but no placement rows".into()));
        }
        let imported = if dry_run {
            0
        } else {
            self.store.insert_placements(self.office_id(), &out).await?.len()
        };
        Ok(PlacementImport {
            rows: out.len(),
            imported,
            dry_run,
        })
    }

    /// How many placements there are (for checks around an import).
    pub async fn placement_count(&self) -> Result<i64> {
        Ok(self.store.count::<Placement>(&[]).await?)
    }
}
