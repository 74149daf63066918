//! A report people take away: a few lines saying what it is (its title,
//! the date it is as of, the filters, its source) and titled tables of
//! figures, as one CSV file (blocks separated by a blank line) or an XLSX
//! workbook (a sheet about the report, then a sheet per table, figures as
//! numbers). Text a spreadsheet would run as a formula is escaped as
//! [`crate::table`] escapes it.

use crate::table::{escape_formula, needs_escape};
use crate::{IoError, Result};

/// One cell of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    Number(u64),
    Empty,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    fn as_csv(&self) -> String {
        match self {
            Cell::Text(s) => escape_formula(s),
            Cell::Number(n) => n.to_string(),
            Cell::Empty => String::new(),
        }
    }
}

/// A titled table: its header and rows (totals included, as rows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The sheet's name in a workbook (made safe and unique when written).
    pub sheet: String,
    pub title: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// What a report is, then its tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub title: String,
    /// Lines about the report, label and value: as of, filters, source…
    pub about: Vec<(String, Cell)>,
    /// The name of a first sheet holding the title and [`Report::about`]
    /// in a workbook; without one (a report of one table, say), they stand
    /// above each table's header only.
    pub about_sheet: Option<String>,
    pub tables: Vec<Table>,
}

/// The report as CSV (UTF-8 with a byte-order mark, so that spreadsheet
/// programs in Japan read it as UTF-8): the title and the lines about it,
/// then each table after a blank line, under its title.
pub fn csv(report: &Report) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
    let mut put = |row: Vec<String>| {
        // Writing to a Vec cannot fail.
        let _ = w.write_record(&row);
    };
    put(vec![escape_formula(&report.title)]);
    for (label, value) in &report.about {
        put(vec![escape_formula(label), value.as_csv()]);
    }
    for t in &report.tables {
        put(vec![String::new()]);
        put(vec![escape_formula(&t.title)]);
        put(t.header.iter().map(|h| escape_formula(h)).collect());
        for row in &t.rows {
            put(row.iter().map(Cell::as_csv).collect());
        }
    }
    let body = w.into_inner().unwrap_or_default();
    let mut out = Vec::with_capacity(body.len() + 3);
    out.extend_from_slice(b"\xEF\xBB\xBF");
    out.extend_from_slice(&body);
    out
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`,
/// not starting or ending with an apostrophe, unique in the workbook.
fn sheet_name(wanted: &str, taken: &mut Vec<String>) -> String {
    let clean: String = wanted
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c })
        .collect();
    let clean = clean.trim().trim_matches('\'').trim();
    let base: String = if clean.is_empty() {
        "Sheet".into()
    } else {
        clean.chars().take(31).collect()
    };
    let mut name = base.clone();
    let mut n = 2;
    while taken.iter().any(|t| t.to_lowercase() == name.to_lowercase()) {
        let suffix = format!(" {n}");
        name = base.chars().take(31 - suffix.chars().count()).collect::<String>() + &suffix;
        n += 1;
    }
    taken.push(name.clone());
    name
}

/// The report as an XLSX workbook: a first sheet with the title and the
/// lines about the report (when it has [`Report::about_sheet`]), then one
/// sheet per table: its title, the lines about the report, the header and
/// the rows, figures as numbers.
pub fn xlsx(report: &Report) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook, Worksheet};
    let x = |e: rust_xlsxwriter::XlsxError| IoError::BadFile(format!("cannot write XLSX: {e}"));
    let mut wb = Workbook::new();
    let title_fmt = Format::new().set_bold().set_font_size(14);
    let bold = Format::new().set_bold();
    let quoted = Format::new().set_quote_prefix();
    let put = |sheet: &mut Worksheet, r: u32, c: u16, cell: &Cell| -> Result<()> {
        match cell {
            Cell::Text(s) if s.is_empty() => {}
            Cell::Text(s) if needs_escape(s) => {
                sheet.write_string_with_format(r, c, s, &quoted).map_err(x)?;
            }
            Cell::Text(s) => {
                sheet.write_string(r, c, s).map_err(x)?;
            }
            Cell::Number(n) => {
                // Counts of people: far below 2^53, exact as a double.
                #[allow(clippy::cast_precision_loss)]
                sheet.write_number(r, c, *n as f64).map_err(x)?;
            }
            Cell::Empty => {}
        }
        Ok(())
    };
    let mut taken = Vec::new();
    // The lines about the report, from row `from`: returns the next free row.
    let about = |sheet: &mut Worksheet, from: u32| -> Result<u32> {
        let mut r = from;
        for (label, value) in &report.about {
            put(sheet, r, 0, &Cell::text(label.clone()))?;
            put(sheet, r, 1, value)?;
            r += 1;
        }
        Ok(r)
    };

    if let Some(name) = &report.about_sheet {
        let first = wb.add_worksheet().set_name(sheet_name(name, &mut taken)).map_err(x)?;
        put(first, 0, 0, &Cell::text(report.title.clone()))?;
        first.set_cell_format(0, 0, &title_fmt).map_err(x)?;
        about(first, 1)?;
        first.autofit();
    }

    for t in &report.tables {
        let sheet = wb
            .add_worksheet()
            .set_name(sheet_name(&t.sheet, &mut taken))
            .map_err(x)?;
        put(sheet, 0, 0, &Cell::text(t.title.clone()))?;
        sheet.set_cell_format(0, 0, &title_fmt).map_err(x)?;
        let header_row = about(sheet, 1)? + 1;
        for (c, h) in t.header.iter().enumerate() {
            let c = u16::try_from(c).map_err(|_| IoError::BadFile("too many columns".into()))?;
            put(sheet, header_row, c, &Cell::text(h.clone()))?;
            sheet.set_cell_format(header_row, c, &bold).map_err(x)?;
        }
        for (i, row) in t.rows.iter().enumerate() {
            let r = header_row + 1 + u32::try_from(i).map_err(|_| IoError::BadFile("too many rows".into()))?;
            for (c, cell) in row.iter().enumerate() {
                let c = u16::try_from(c).map_err(|_| IoError::BadFile("too many columns".into()))?;
                put(sheet, r, c, cell)?;
            }
        }
        sheet.set_freeze_panes(header_row + 1, 0).map_err(x)?;
        sheet.autofit();
    }
    wb.save_to_buffer().map_err(x)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::{FileFormat, read_table};

    fn report() -> Report {
        Report {
            title: "Trainees accepted".into(),
            about: vec![
                ("As of".into(), Cell::text("2008-03-31")),
                ("Trainees".into(), Cell::Number(680)),
                ("Source".into(), Cell::text("=HYPERLINK(\"x\")")),
            ],
            about_sheet: Some("About: this/report".into()),
            tables: vec![
                Table {
                    sheet: "By country".into(),
                    title: "Trainees per country".into(),
                    header: vec!["Country".into(), "Trainees".into()],
                    rows: vec![
                        vec![Cell::text("タイ"), Cell::Number(30)],
                        vec![Cell::text("Fiji"), Cell::text("not shown")],
                    ],
                },
                Table {
                    sheet: "By country".into(),
                    title: "Again".into(),
                    header: vec!["x".into()],
                    rows: vec![vec![Cell::Empty]],
                },
            ],
        }
    }

    #[test]
    fn csv_has_the_title_the_lines_about_it_and_each_table() {
        let bytes = csv(&report());
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        let rows = read_table(&bytes, FileFormat::Csv).expect("readable");
        assert_eq!(rows[0], ["Trainees accepted"]);
        assert_eq!(rows[1], ["As of", "2008-03-31"]);
        assert_eq!(rows[2], ["Trainees", "680"]);
        // Escaped on the way out, unescaped by the reader.
        assert_eq!(rows[3], ["Source", "=HYPERLINK(\"x\")"]);
        let text = String::from_utf8(bytes).expect("UTF-8");
        assert!(text.contains("'=HYPERLINK"));
        assert!(text.contains("\nTrainees per country\nCountry,Trainees\nタイ,30\nFiji,not shown\n"));
    }

    #[test]
    fn xlsx_has_a_sheet_per_table_with_numbers() {
        let bytes = xlsx(&report()).expect("written");
        let rows = read_table(&bytes, FileFormat::Xlsx).expect("readable");
        assert_eq!(rows[0][0], "Trainees accepted");
        assert_eq!(rows[2], ["Trainees", "680"]);
        use calamine::{Reader, Xlsx};
        let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).expect("a workbook");
        assert_eq!(wb.sheet_names(), ["About  this report", "By country", "By country 2"]);
        let sheet = wb.worksheet_range("By country").expect("the sheet");
        assert_eq!(
            sheet.get_value((5, 0)).cloned(),
            Some(calamine::Data::String("Country".into()))
        );
        let cell = sheet.get_value((6, 1)).cloned();
        assert_eq!(cell, Some(calamine::Data::Float(30.0)));
        assert_eq!(
            sheet.get_value((7, 1)).cloned(),
            Some(calamine::Data::String("not shown".into()))
        );
        // One table without a sheet about the report: the table comes first.
        let mut one = report();
        one.about_sheet = None;
        one.tables.truncate(1);
        let rows = read_table(&xlsx(&one).expect("written"), FileFormat::Xlsx).expect("readable");
        assert_eq!(rows[0][0], "Trainees per country");
        assert_eq!(rows[5], ["Country", "Trainees"]);
        assert_eq!(rows[6], ["タイ", "30"]);
    }
}
