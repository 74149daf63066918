//! Places from CSV: the columns of [`file_columns`](super::file_columns) (as
//! [`super::write_csv`] writes them),
//! so an export imports back unchanged.
//!
//! - The first row is the header. Every column must be one of
//!   [`file_columns`](super::file_columns); an `id` column (Kizuna's own ids, written by the
//!   export) is read past; columns may come in any order and may be left out.
//! - Files written before a place's chain and branch were kept per language
//!   still import: their `chain` and `branch` columns are read as the
//!   language each text's script shows ([`OLD_COLUMNS`]).
//! - UTF-8, with or without a byte-order mark.
//! - Cells the export protected from spreadsheets (`'=…`, `'+…`, `'-…`,
//!   `'@…`) lose their apostrophe again.
//! - Blank cells are absent values; `source` defaults to `import`, and every
//!   row needs a `source_id`, so that importing the file again updates its
//!   places rather than adding them twice.
//! - Problems name the row as the file's line number (the header is line 1),
//!   the column, the value and the reason.

use serde_json::{Map, Number, Value as Json};

use kizuna_domain::map::place::{PlaceFields, SourceKind};

use std::cell::RefCell;
use std::io::Read;
use std::ops::ControlFlow;
use std::rc::Rc;

use super::{Counts, FileRecord, Found, OLD_COLUMNS, OldValue, is_flag, row_error};
use crate::{IoError, Result, RowError};

use crate::table::unescape_formula as unescape;

/// The bytes a CSV reader was given lately, kept so that the line a record
/// starts on can be told: the reader's position is where it began reading,
/// before any blank lines it skipped. Half a megabyte is kept, far more
/// than the reader's own buffer; a record starting before that (a cell of
/// half a megabyte) is numbered by the reader's line, blank lines included.
#[derive(Default)]
struct Window {
    /// The stream offset of `bytes[0]`.
    base: u64,
    bytes: Vec<u8>,
}

const WINDOW_KEPT: usize = 1 << 19;

/// A reader that keeps a [`Window`] of what it read.
struct Tracked<R> {
    inner: R,
    window: Rc<RefCell<Window>>,
}

impl<R: Read> Read for Tracked<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut w = self.window.borrow_mut();
        if w.bytes.len() > 2 * WINDOW_KEPT {
            let cut = w.bytes.len() - WINDOW_KEPT;
            w.bytes.drain(..cut);
            w.base += cut as u64;
        }
        w.bytes.extend_from_slice(&buf[..n]);
        Ok(n)
    }
}

/// The line a record starts on.
fn start_line(window: &Window, pos: &::csv::Position) -> usize {
    let mut line = usize::try_from(pos.line()).unwrap_or(usize::MAX);
    let Some(from) = pos
        .byte()
        .checked_sub(window.base)
        .and_then(|f| usize::try_from(f).ok())
        .filter(|f| *f <= window.bytes.len())
    else {
        return line;
    };
    for b in &window.bytes[from..] {
        match b {
            b'\n' => line += 1,
            b'\r' => {}
            _ => break,
        }
    }
    line
}

/// How much of a file is looked at to tell UTF-8 from a legacy encoding.
const SNIFF: usize = 64 * 1024;

/// Read a CSV file of places row by row. A file whose first 64 kB are
/// UTF-8 is read as a stream (a byte that is not UTF-8 further on refuses
/// it, naming the line); one in a legacy encoding is decoded whole first
/// (`crate::encoding`).
pub(super) fn stream(
    mut input: Box<dyn Read + Send + '_>,
    found: &mut dyn FnMut(Found) -> ControlFlow<()>,
) -> Result<Counts> {
    let io = |e: std::io::Error| IoError::BadFile(format!("the CSV file cannot be read: {e}"));
    let mut head = Vec::with_capacity(SNIFF);
    (&mut input).take(SNIFF as u64).read_to_end(&mut head).map_err(io)?;
    let body = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head);
    let utf8 = match std::str::from_utf8(body) {
        Ok(_) => true,
        // Cut in the middle of a character at the end of what was looked at.
        Err(e) => e.error_len().is_none() && head.len() == SNIFF,
    };
    if utf8 {
        let skip = head.len() - body.len();
        let reader = std::io::Cursor::new(head).chain(input);
        let mut reader = reader;
        // The byte-order mark is not part of the first column's name.
        std::io::copy(&mut (&mut reader).take(skip as u64), &mut std::io::sink()).map_err(io)?;
        read_rows(reader, found)
    } else {
        let mut all = head;
        input.read_to_end(&mut all).map_err(io)?;
        let decoded = crate::encoding::decode_text(&all)?;
        let text = decoded.text.as_ref();
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        read_rows(text.as_bytes(), found)
    }
}

fn read_rows(input: impl Read, found: &mut dyn FnMut(Found) -> ControlFlow<()>) -> Result<Counts> {
    let window = Rc::new(RefCell::new(Window::default()));
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(64 * 1024)
        .from_reader(Tracked {
            inner: input,
            window: Rc::clone(&window),
        });
    let bad = |e: ::csv::Error| match e.kind() {
        ::csv::ErrorKind::Utf8 { pos, err } => IoError::BadFile(format!(
            "the file is not UTF-8: line {}, field {}, is not valid text; save it as \"CSV UTF-8\" and try again",
            pos.as_ref().map_or(0, ::csv::Position::line),
            err.field() + 1
        )),
        _ => IoError::BadFile(format!("the file cannot be read as CSV: {e}")),
    };
    let mut rec = ::csv::StringRecord::new();
    if !reader.read_record(&mut rec).map_err(bad)? {
        return Err(IoError::BadFile(
            "the file is empty: it needs a header row naming its columns, as the export writes it".into(),
        ));
    }
    let header = rec.clone();
    let columns = super::columns();
    let header_line = header.position().map_or(1, |p| start_line(&window.borrow(), p));
    let mut index: Vec<Option<&'static str>> = Vec::with_capacity(header.len());
    let mut errors: Vec<RowError> = Vec::new();
    for (i, h) in header.iter().enumerate() {
        let name = h.trim().trim_start_matches('\u{feff}');
        let known = columns
            .iter()
            .copied()
            .chain(["id"])
            .chain(OLD_COLUMNS)
            .find(|c| *c == name);
        match known {
            Some(c) if index.contains(&Some(c)) => {
                errors.push(row_error(
                    header_line,
                    name,
                    name,
                    "duplicate_column",
                    format!("column {name} appears twice"),
                ));
                index.push(None);
            }
            Some(c) => index.push(Some(c)),
            None if name.is_empty() => index.push(None),
            None => {
                errors.push(row_error(
                    header_line,
                    name,
                    name,
                    "unknown_column",
                    format!(
                        "unknown column {name} (column {}); the columns are id (ignored) and {}",
                        i + 1,
                        columns.join(", ")
                    ),
                ));
                index.push(None);
            }
        }
    }
    if !index.iter().any(|c| c.is_some_and(|c| c != "id")) {
        return Err(IoError::BadFile(format!(
            "the first row is not a header of place columns (such as name_en, category, lat, lon, assurance, source_id); it reads \"{}\"",
            header
                .iter()
                .collect::<Vec<_>>()
                .join(",")
                .chars()
                .take(120)
                .collect::<String>()
        )));
    }
    let mut counts = Counts::default();
    if !errors.is_empty() {
        for e in errors {
            if found(Found::Error(e)).is_break() {
                break;
            }
        }
        return Ok(counts);
    }
    while reader.read_record(&mut rec).map_err(bad)? {
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let line = rec
            .position()
            .map_or(counts.read + 2, |p| start_line(&window.borrow(), p));
        counts.read += 1;
        let flow = match read_row(line, &rec, &index) {
            Ok(r) => found(Found::Record(r)),
            Err(errs) => {
                let mut flow = ControlFlow::Continue(());
                for e in errs {
                    flow = found(Found::Error(e));
                    if flow.is_break() {
                        break;
                    }
                }
                flow
            }
        };
        if flow.is_break() {
            break;
        }
    }
    Ok(counts)
}

/// One data row as a place, or every reason it is not one.
fn read_row(
    line: usize,
    rec: &::csv::StringRecord,
    index: &[Option<&'static str>],
) -> Result<FileRecord, Vec<RowError>> {
    let mut errors = Vec::new();
    let mut raw = Map::new();
    let mut values: Vec<(&str, &str)> = Vec::new();
    let mut locality = None;
    let mut old: Vec<OldValue> = Vec::new();
    for (i, cell) in rec.iter().enumerate() {
        let value = unescape(cell).trim();
        let Some(column) = index.get(i).copied() else {
            if !value.is_empty() {
                errors.push(row_error(
                    line,
                    &format!("column {}", i + 1),
                    value,
                    "extra_cell",
                    format!(
                        "this row has a value in column {} but the header names only {} columns",
                        i + 1,
                        index.len()
                    ),
                ));
            }
            continue;
        };
        let Some(column) = column else {
            if !value.is_empty() {
                errors.push(row_error(
                    line,
                    &format!("column {}", i + 1),
                    value,
                    "unnamed_column",
                    format!(
                        "column {} has no name in the header, but this row has a value there",
                        i + 1
                    ),
                ));
            }
            continue;
        };
        if value.is_empty() || column == "id" {
            continue;
        }
        values.push((column, value));
        if let Some(o) = OldValue::new(column, value) {
            old.push(o);
            continue;
        }
        let json = match column {
            "locality" => {
                locality = Some(value.to_owned());
                continue;
            }
            "price_range" => match value.trim().parse::<i64>() {
                Ok(n) => Json::from(n),
                Err(_) => {
                    errors.push(row_error(
                        line,
                        column,
                        value,
                        "not_a_number",
                        "price_range must be a whole number from 1 to 4".into(),
                    ));
                    continue;
                }
            },
            "lat" | "lon" => match value.parse::<f64>().ok().and_then(Number::from_f64) {
                Some(n) => Json::Number(n),
                None => {
                    errors.push(row_error(
                        line,
                        column,
                        value,
                        "not_a_number",
                        format!("{column} must be a number of degrees, such as 43.0621"),
                    ));
                    continue;
                }
            },
            c if is_flag(c) => match value.to_ascii_lowercase().as_str() {
                "true" | "yes" | "1" => Json::Bool(true),
                "false" | "no" | "0" => Json::Bool(false),
                _ => {
                    errors.push(row_error(
                        line,
                        column,
                        value,
                        "not_a_boolean",
                        format!("{column} must be true or false"),
                    ));
                    continue;
                }
            },
            _ => Json::String(value.to_owned()),
        };
        raw.insert(column.to_owned(), json);
    }
    // An older file's chain and branch, in the language their script shows;
    // problems with them name the column the file has.
    let read_as: Vec<(&'static str, &'static str)> = old.iter().map(|o| (o.read_as, o.column)).collect();
    for (o, reason) in OldValue::merge(old, &mut raw) {
        errors.push(row_error(line, o.column, &o.value, "duplicate_column", reason));
    }
    let mut fields: PlaceFields = match serde_json::from_value(Json::Object(raw)) {
        Ok(f) => f,
        Err(e) => {
            errors.push(row_error(line, "", "", "invalid", e.to_string()));
            return Err(errors);
        }
    };
    if fields.source.is_none() {
        fields.source = Some(SourceKind::Import.to_string());
    }
    if fields.source_id.is_none() {
        errors.push(row_error(
            line,
            "source_id",
            "",
            "required",
            "each row needs a source_id, so that importing the file again updates the place rather than adding it twice"
                .into(),
        ));
        // Reported; don't report it again below.
        fields.source_id = Some(format!("line-{line}"));
    }
    let bad_columns: Vec<String> = errors.iter().map(|e| e.column.clone()).collect();
    match fields.validate() {
        Ok(input) if errors.is_empty() => Ok(FileRecord {
            row: line,
            input,
            label: None,
            locality,
        }),
        Ok(_) => Err(errors),
        Err(errs) => {
            for e in errs {
                // lat/lon already named as "not a number" need no "required".
                if bad_columns.contains(&e.field) {
                    continue;
                }
                let column = read_as
                    .iter()
                    .find(|(to, _)| *to == e.field)
                    .map_or(e.field.as_str(), |(_, from)| from);
                let value = values.iter().find(|(c, _)| *c == column).map(|(_, v)| *v).unwrap_or("");
                errors.push(row_error(line, column, value, &e.code, e.message));
            }
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_the_export_escaped_is_unescaped() {
        assert_eq!(unescape("'+81-11-000-0000"), "+81-11-000-0000");
        assert_eq!(unescape("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(unescape("'s Bakery"), "'s Bakery");
        assert_eq!(unescape("plain"), "plain");
    }
}
