//! Tables people fill in and read: CSV (UTF-8) and XLSX in, CSV, XLSX and
//! JSON out. A cell a spreadsheet would run as a formula is written with an
//! apostrophe before it.

use std::io::Cursor;

use chrono::NaiveDate;

use crate::{IoError, Result};

/// A column of a table: its header, whether a row must fill it, what it
/// means (the template's notes), and whether it holds dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column<'a> {
    pub name: &'a str,
    pub required: bool,
    pub meaning: &'a str,
    pub date: bool,
}

impl<'a> Column<'a> {
    /// A column known only by its header; it holds dates when the header
    /// ends in `_on` or `_date` (`started_on`, `birth_date`).
    pub fn named(name: &'a str) -> Self {
        Column {
            name,
            required: false,
            meaning: "",
            date: name.ends_with("_on") || name.ends_with("_date"),
        }
    }
}

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

/// Escape a cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`,
/// tab, carriage return at the start) by prefixing an apostrophe; so that
/// [`unescape_formula`] undoes exactly this, text that starts with an
/// apostrophe before such a cell is escaped too (`'=` is written `''=`).
pub fn escape_formula(s: &str) -> String {
    if needs_escape(s) { format!("'{s}") } else { s.to_owned() }
}

/// Whether [`escape_formula`] prefixes the text.
pub fn needs_escape(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r']) || s.strip_prefix('\'').is_some_and(needs_escape)
}

/// A cell as it was before [`escape_formula`]: the apostrophe it added is
/// removed, any other apostrophe kept (`'s Bakery` stays as it is).
pub fn unescape_formula(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_escape(rest) => rest,
        _ => cell,
    }
}

/// Read a CSV or XLSX file into rows of cells (the first row is the header).
/// A file over the [`limits`](crate::limits) (its size, for a workbook what
/// it unpacks to, or its cells) is refused with [`IoError::TooLarge`]
/// before it is read whole. A CSV file may be in UTF-8 or one of the
/// legacy encodings [`crate::encoding`] reads.
pub fn read_table(bytes: &[u8], format: FileFormat) -> Result<Vec<Vec<String>>> {
    Ok(read_table_noted(bytes, format)?.rows)
}

/// A table's rows, and the cells of a workbook whose text may not be what
/// the person who typed it sees ([`CellNote`]).
#[derive(Debug, Default)]
pub struct Table {
    pub rows: Vec<Vec<String>>,
    pub notes: Vec<CellNote>,
}

/// A workbook cell read as something other than typed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellNote {
    /// The row as a spreadsheet numbers it (the header is row 1).
    pub row: usize,
    /// The column's index from 0.
    pub column: usize,
    pub kind: NoteKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteKind {
    /// A formula (given without its `=`): its last computed value is what
    /// the row holds, not something a person typed.
    Formula(String),
    /// A number: a spreadsheet drops a leading zero (`0155` becomes `155`)
    /// and the digits of a long number past the fifteenth, so a code or
    /// phone number may no longer be what was typed.
    Number,
}

/// [`read_table`], with a note of each workbook cell that is a formula or
/// a number (a CSV file has none: its cells are text as typed).
pub fn read_table_noted(bytes: &[u8], format: FileFormat) -> Result<Table> {
    use crate::limits::{MAX_CELLS, check_file_size, check_xlsx};
    check_file_size(bytes.len())?;
    match format {
        FileFormat::Csv => {
            let decoded = crate::encoding::decode_text(bytes)?;
            let text = decoded.text.as_ref();
            let mut r = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(text.as_bytes());
            let mut rows = Vec::new();
            let mut cells = 0u64;
            for (i, rec) in r.records().enumerate() {
                let rec = rec.map_err(|e| IoError::BadFile(format!("CSV row {}: {e}", i + 1)))?;
                cells += rec.len() as u64;
                if cells > MAX_CELLS {
                    return Err(IoError::TooLarge(format!(
                        "the CSV file has more than {MAX_CELLS} cells (reached at row {}); at most {MAX_CELLS} are accepted",
                        i + 1
                    )));
                }
                rows.push(rec.iter().map(|c| unescape_formula(c).to_owned()).collect());
            }
            Ok(Table {
                rows,
                notes: Vec::new(),
            })
        }
        FileFormat::Xlsx => {
            use calamine::{Data, Reader, Xlsx};
            // Bounded before calamine unpacks anything.
            check_xlsx(bytes)?;
            let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
                .map_err(|e| IoError::BadFile(format!("not a readable XLSX workbook: {e}")))?;
            let first = wb.sheet_names().first().cloned();
            let sheet = wb
                .worksheet_range_at(0)
                .ok_or_else(|| IoError::BadFile("the workbook has no worksheet".into()))?
                .map_err(|e| IoError::BadFile(format!("cannot read the first worksheet: {e}")))?;
            // Start at A1 even when the sheet's used range starts later.
            let (r0, c0) = sheet.start().unwrap_or((0, 0));
            let mut rows = vec![Vec::new(); r0 as usize];
            let mut notes = Vec::new();
            for (i, row) in sheet.rows().enumerate() {
                let r = r0 as usize + i;
                let mut cells = vec![String::new(); c0 as usize];
                for (j, c) in row.iter().enumerate() {
                    if matches!(c, Data::Int(_) | Data::Float(_)) {
                        notes.push(CellNote {
                            row: r + 1,
                            column: c0 as usize + j,
                            kind: NoteKind::Number,
                        });
                    }
                }
                cells.extend(row.iter().map(|c| match c {
                    Data::Empty => String::new(),
                    Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
                    Data::Int(i) => i.to_string(),
                    Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
                    Data::Float(f) => f.to_string(),
                    Data::Bool(b) => b.to_string(),
                    Data::DateTime(d) => match d.as_datetime() {
                        Some(dt) if dt.time() == chrono::NaiveTime::MIN => dt.date().to_string(),
                        Some(dt) => dt.to_string(),
                        None => d.to_string(),
                    },
                    Data::Error(e) => format!("#{e:?}"),
                }));
                rows.push(cells);
            }
            // A formula's cell holds its last computed value: say which.
            if let Some(Ok(formulas)) = first.map(|name| wb.worksheet_formula(&name)) {
                let (f0, g0) = formulas.start().unwrap_or((0, 0));
                for (i, row) in formulas.rows().enumerate() {
                    for (j, f) in row.iter().enumerate() {
                        if f.is_empty() {
                            continue;
                        }
                        let (r, c) = (f0 as usize + i, g0 as usize + j);
                        notes.retain(|n| (n.row, n.column) != (r + 1, c));
                        notes.push(CellNote {
                            row: r + 1,
                            column: c,
                            kind: NoteKind::Formula(f.clone()),
                        });
                    }
                }
            }
            notes.sort_by_key(|n| (n.row, n.column));
            Ok(Table { rows, notes })
        }
        FileFormat::Json => Err(IoError::BadFile("a table is read from CSV or XLSX, not JSON".into())),
    }
}

/// Several tables in one CSV text, each with its own header row and a
/// blank line between (rows may differ in length).
pub fn csv_blocks(blocks: &[Vec<Vec<String>>]) -> String {
    let mut out = Vec::with_capacity(blocks.len());
    for rows in blocks {
        let mut w = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
        for row in rows {
            // Writing to a Vec cannot fail.
            let _ = w.write_record(row);
        }
        out.push(String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default());
    }
    out.join("\n")
}

/// A date as people type it: `2007-10-01` or `2007/10/01`.
pub fn parse_date(s: &str) -> std::result::Result<NaiveDate, String> {
    let t = s.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%Y/%m/%d"))
        .map_err(|_| format!("\"{t}\" is not a date; write YYYY-MM-DD, e.g. 2007-10-01"))
}

/// Write rows under a header of `columns` in a format: CSV (formula-like
/// cells escaped), JSON (an array of objects, empty cells left out) or XLSX
/// (one sheet named `sheet`, dates as dates; when there are no rows, a
/// second sheet `columns` describes each column, as a template does).
pub fn write_table(sheet: &str, columns: &[Column<'_>], rows: &[Vec<String>], format: FileFormat) -> Result<Vec<u8>> {
    let header: Vec<&str> = columns.iter().map(|c| c.name).collect();
    match format {
        FileFormat::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            let io = |e: csv::Error| IoError::BadFile(e.to_string());
            w.write_record(&header).map_err(io)?;
            for row in rows {
                w.write_record(row.iter().map(|c| escape_formula(c))).map_err(io)?;
            }
            w.into_inner().map_err(|e| IoError::BadFile(e.to_string()))
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
            serde_json::to_vec_pretty(&objects).map_err(|e| IoError::BadFile(e.to_string()))
        }
        FileFormat::Xlsx => {
            use rust_xlsxwriter::{Format, Workbook};
            let x = |e: rust_xlsxwriter::XlsxError| IoError::BadFile(format!("cannot write XLSX: {e}"));
            let mut wb = Workbook::new();
            let bold = Format::new().set_bold();
            let date_fmt = Format::new().set_num_format("yyyy-mm-dd");
            let quoted = Format::new().set_quote_prefix();
            let name = sheet;
            let sheet = wb.add_worksheet().set_name(name).map_err(x)?;
            for (c, h) in header.iter().enumerate() {
                sheet.write_string_with_format(0, c as u16, *h, &bold).map_err(x)?;
            }
            for (r, row) in rows.iter().enumerate() {
                let r = (r + 1) as u32;
                for (c, v) in row.iter().enumerate() {
                    let c = c as u16;
                    let is_date = columns.get(c as usize).is_some_and(|col| col.date);
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
                for (r, col) in columns.iter().enumerate() {
                    let r = (r + 1) as u32;
                    notes.write_string(r, 0, col.name).map_err(x)?;
                    notes
                        .write_string(r, 1, if col.required { "yes" } else { "no" })
                        .map_err(x)?;
                    notes.write_string(r, 2, col.meaning).map_err(x)?;
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
    fn escaping_is_undone_exactly() {
        for s in [
            "=SUM(A1)",
            "'=x",
            "''=x",
            "'s Bakery",
            "O'Brien",
            "-",
            "'",
            "",
            "plain",
            "\t1",
            "'+81",
        ] {
            assert_eq!(unescape_formula(&escape_formula(s)), s, "{s:?}");
        }
        assert_eq!(
            escape_formula("'s Bakery"),
            "'s Bakery",
            "an apostrophe alone needs nothing"
        );
    }

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
    fn workbook_numbers_and_formulas_are_noted() {
        use rust_xlsxwriter::{Formula, Workbook};
        let mut wb = Workbook::new();
        let sheet = wb.add_worksheet();
        for (c, h) in ["family_name", "phone", "email"].iter().enumerate() {
            sheet.write_string(0, c as u16, *h).expect("header");
        }
        sheet.write_string(1, 0, "Yamada").expect("text");
        // 0155-24-0001 typed as a number: the leading zero is gone.
        sheet.write_number(1, 1, 155_240_001.0).expect("number");
        sheet
            .write_formula(
                1,
                2,
                Formula::new("=LOWER(A2)&\"@example.org\"").set_result("yamada@example.org"),
            )
            .expect("formula");
        sheet.write_string(2, 0, "0155").expect("text kept");
        let bytes = wb.save_to_buffer().expect("xlsx");
        let t = read_table_noted(&bytes, FileFormat::Xlsx).expect("read");
        assert_eq!(t.rows[1], vec!["Yamada", "155240001", "yamada@example.org"]);
        assert_eq!(t.rows[2][0], "0155", "text that looks like a number is text");
        assert_eq!(
            t.notes,
            vec![
                CellNote {
                    row: 2,
                    column: 1,
                    kind: NoteKind::Number
                },
                CellNote {
                    row: 2,
                    column: 2,
                    kind: NoteKind::Formula("LOWER(A2)&\"@example.org\"".into())
                },
            ]
        );
    }

    #[test]
    fn csv_in_shift_jis_is_read() {
        // "テスト" as a Japanese Excel saves it.
        let rows = read_table(b"family_name\n\x83\x65\x83\x58\x83\x67\n", FileFormat::Csv).expect("Shift_JIS");
        assert_eq!(rows[1], vec!["テスト".to_owned()]);
    }
}
