//! Follow-ups from a CSV or XLSX file, all or nothing: every row is parsed
//! and checked (the domain's rules, the participation or placement it is
//! about, one row per milestone) before anything is written; any refusal
//! is reported with its row (the header is row 1), column, value and
//! reason, and nothing is written.

use std::collections::HashMap;

use kizuna_domain::FieldError;
use kizuna_domain::common::{Id, LocalText, Text};
use kizuna_domain::training::alumni::{About, FollowUp, FollowUpInput, Milestone, Progress};
use kizuna_domain::training::participation::Participation;
use kizuna_domain::volunteers::placement::Placement;
use kizuna_io::RowError;
use kizuna_io::table::{FileFormat, parse_date, read_table};

use super::{finished, placement_finished};
use crate::records::Entity;
use crate::training::transfer::ImportReport;
use crate::{App, AppError, Result};

/// The columns of a follow-up file.
pub const FOLLOW_UP_COLUMNS: &[&str] = &[
    "participation_id",
    "placement_id",
    "milestone",
    "due_on",
    "done_on",
    "progress",
    "channel",
    "evidence_url",
    "notes_en",
    "notes_ja",
    "notes_th",
    "notes_ms",
];

type Parsed<T> = std::result::Result<T, (String, String)>;

fn parse<T: std::str::FromStr<Err = kizuna_domain::Invalid>>(s: &str) -> Parsed<T> {
    s.parse()
        .map_err(|e: kizuna_domain::Invalid| (e.code.to_owned(), e.message))
}

fn date(s: &str) -> Parsed<chrono::NaiveDate> {
    parse_date(s).map_err(|m| ("invalid_date".to_owned(), m))
}

fn id(s: &str) -> Parsed<Id> {
    s.parse::<Id>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| ("not_a_number".to_owned(), format!("\"{s}\" is not a record id")))
}

impl App {
    /// Check a follow-up file; the inputs it would write, or every refusal.
    pub async fn check_follow_up_file(&self, bytes: &[u8], format: FileFormat) -> Result<Vec<FollowUpInput>> {
        let table = read_table(bytes, format)?;
        let Some(header) = table.first() else {
            return Err(AppError::BadFile(
                "the file is empty: it needs a header row and at least one follow-up".into(),
            ));
        };
        let mut errors: Vec<RowError> = Vec::new();
        let mut index: HashMap<&str, usize> = HashMap::new();
        for (i, h) in header.iter().enumerate() {
            let name = h.trim().trim_start_matches('\u{feff}');
            if name.is_empty() {
                continue;
            }
            match FOLLOW_UP_COLUMNS.iter().find(|c| c.eq_ignore_ascii_case(name)) {
                Some(c) if index.insert(c, i).is_some() => errors.push(RowError::new(
                    1,
                    name,
                    name,
                    "duplicate_column",
                    format!("column {name} appears twice"),
                )),
                Some(_) => {}
                None => errors.push(RowError::new(
                    1,
                    name,
                    name,
                    "unknown_column",
                    format!(
                        "unknown column {name}; the columns are {}",
                        FOLLOW_UP_COLUMNS.join(", ")
                    ),
                )),
            }
        }
        if !index.contains_key("milestone") {
            errors.push(RowError::new(
                1,
                "milestone",
                "",
                "missing_column",
                "the required column milestone is missing".into(),
            ));
        }
        if !errors.is_empty() {
            return Err(AppError::ImportRejected(errors));
        }
        let today = self.today();
        let mut out = Vec::new();
        let mut seen: HashMap<(About, Milestone), usize> = HashMap::new();
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
            let before = errors.len();
            macro_rules! take {
                ($name:expr, $r:expr $(,)?) => {{
                    let r: Parsed<()> = $r;
                    if let Err((code, reason)) = r {
                        errors.push(RowError::new(row, $name, cell($name), &code, reason));
                    }
                }};
            }
            macro_rules! opt {
                ($name:literal, $f:expr) => {{
                    let raw = cell($name);
                    if raw.is_empty() {
                        None
                    } else {
                        match $f(raw) {
                            Ok(v) => Some(v),
                            Err(e) => {
                                take!($name, Err(e));
                                None
                            }
                        }
                    }
                }};
            }
            let participation_id = opt!("participation_id", id);
            let placement_id = opt!("placement_id", id);
            let milestone: Option<Milestone> = opt!("milestone", parse);
            let due_on = opt!("due_on", date);
            let done_on = opt!("done_on", date);
            let progress: Option<Progress> = opt!("progress", parse);
            let channel = opt!("channel", parse);
            let text = |s: &str| Text::parse(s).map_err(|e| (e.code.to_owned(), e.message));
            let evidence_url = opt!("evidence_url", text);
            let notes: Vec<Option<Text>> = ["notes_en", "notes_ja", "notes_th", "notes_ms"]
                .iter()
                .map(|c| {
                    let raw = cell(c);
                    if raw.is_empty() { None } else { Text::parse(raw).ok() }
                })
                .collect();
            let notes = notes
                .iter()
                .any(Option::is_some)
                .then(|| LocalText::new(notes[0].clone(), notes[1].clone(), notes[2].clone(), notes[3].clone()).ok())
                .flatten();
            let Some(milestone) = milestone else {
                if cell("milestone").is_empty() {
                    take!(
                        "milestone",
                        Err(("required".into(), "milestone is required: m6, m12 or other".into())),
                    );
                }
                continue;
            };
            if errors.len() > before {
                continue;
            }
            // Who and when follow from what it is about.
            let (person_id, ended) = match (participation_id, placement_id) {
                (Some(p), None) => match self.store.get::<Participation>(p).await {
                    Ok(pa) => (pa.fields.person_id, finished(&pa)),
                    Err(_) => {
                        take!(
                            "participation_id",
                            Err(("not_found".into(), format!("participation {p} does not exist"))),
                        );
                        continue;
                    }
                },
                (None, Some(p)) => match self.store.get::<Placement>(p).await {
                    Ok(pl) => (pl.fields.person_id, placement_finished(&pl, today)),
                    Err(_) => {
                        take!(
                            "placement_id",
                            Err(("not_found".into(), format!("placement {p} does not exist"))),
                        );
                        continue;
                    }
                },
                _ => {
                    take!(
                        "participation_id",
                        Err((
                            "one_of".into(),
                            "give a participation_id or a placement_id (one of the two)".into(),
                        )),
                    );
                    continue;
                }
            };
            let Some(due_on) = due_on.or_else(|| ended.and_then(|e| milestone.due_on(e))) else {
                take!(
                    "due_on",
                    Err((
                        "required".into(),
                        "due_on is required for a follow-up of milestone other".into(),
                    )),
                );
                continue;
            };
            let input = FollowUpInput {
                person_id,
                participation_id,
                placement_id,
                milestone,
                due_on,
                done_on,
                progress: progress.unwrap_or(Progress::NotStarted),
                notes,
                evidence_url,
                channel,
            };
            let mut field_errors: Vec<FieldError> = FollowUp::rules(&input, today).err().unwrap_or_default();
            if field_errors.is_empty() {
                let any: &(dyn std::any::Any + Send + Sync) = &input;
                field_errors.extend(self.alumni_context(any, None).await?);
            }
            if let (Some(about), true) = (input.about(), milestone != Milestone::Other)
                && let Some(first) = seen.insert((about, milestone), row)
            {
                field_errors.push(FieldError::new(
                    "milestone",
                    "duplicate",
                    format!("row {first} already gives the {milestone} follow-up of the same course or placement"),
                ));
            }
            for e in field_errors {
                let column = match e.field.as_str() {
                    "notes" => "notes_en".to_owned(),
                    f => f.to_owned(),
                };
                errors.push(RowError::new(row, &column, cell(&column), &e.code, e.message));
            }
            out.push(input);
        }
        if !errors.is_empty() {
            return Err(AppError::ImportRejected(errors));
        }
        if out.is_empty() {
            return Err(AppError::BadFile("the file has a header but no follow-ups".into()));
        }
        Ok(out)
    }

    /// Import a follow-up file (or, `dry_run`, only check it). A file
    /// with any refusal writes nothing; the rows are written in one
    /// transaction, so a write failing part-way (the person deleted
    /// meanwhile, say) leaves nothing written either.
    pub async fn import_follow_ups(&self, bytes: &[u8], format: FileFormat, dry_run: bool) -> Result<ImportReport> {
        let inputs = self.check_follow_up_file(bytes, format).await?;
        let rows = inputs.len();
        if dry_run {
            return Ok(ImportReport {
                rows,
                imported: 0,
                dry_run,
            });
        }
        // Every row was checked above; written in one transaction, all or none.
        let written = self.store.insert_all::<FollowUp>(self.office_id(), &inputs).await?;
        Ok(ImportReport {
            rows,
            imported: written.len(),
            dry_run,
        })
    }
}
