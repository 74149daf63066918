//! Workbooks that attack the [`limits`](crate::limits), built here once for
//! the tests that refuse them and for `kizuna bench import-memory`, which
//! measures what reading them costs: a zip bomb (megabytes of rows packed
//! into kilobytes), the same with a central directory that understates
//! what its parts unpack to, a sheet with one cell far from A1, and a
//! sheet declaring a huge dimension. Each is a well-formed workbook that a
//! spreadsheet reader without limits would read.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="trainees" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
const SHEET_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#;

/// A one-sheet workbook whose sheet is `<worksheet>` + `body` (a
/// `<dimension>` and/or `<sheetData>`), written by `body` as it likes:
/// at the highest compression, so repeated rows pack small.
pub fn workbook(body: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let deflated = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9));
    let part = |zip: &mut zip::ZipWriter<Cursor<Vec<u8>>>, name: &str, text: &str| {
        zip.start_file(name, deflated).expect("a zip part");
        zip.write_all(text.as_bytes()).expect("written to memory");
    };
    part(&mut zip, "[Content_Types].xml", CONTENT_TYPES);
    part(&mut zip, "_rels/.rels", RELS);
    part(&mut zip, "xl/workbook.xml", WORKBOOK);
    part(&mut zip, "xl/_rels/workbook.xml.rels", WORKBOOK_RELS);
    zip.start_file("xl/worksheets/sheet1.xml", deflated)
        .expect("a zip part");
    zip.write_all(SHEET_HEAD.as_bytes()).expect("written to memory");
    body(&mut zip).expect("written to memory");
    zip.write_all(b"</worksheet>").expect("written to memory");
    zip.finish().expect("a finished zip").into_inner()
}

/// One row of the bomb: the same bytes every time (rows and cells may
/// leave out their references), so that they pack a thousandfold.
pub const BOMB_ROW: &[u8] = br#"<row><c t="inlineStr"><is><t>x</t></is></c></row>"#;

/// A zip bomb: a sheet of `rows` identical rows of one short text cell,
/// [`BOMB_ROW`]`.len()` bytes a row unpacked.
pub fn bomb(rows: u64) -> Vec<u8> {
    workbook(|w| {
        w.write_all(b"<sheetData>")?;
        for _ in 0..rows {
            w.write_all(BOMB_ROW)?;
        }
        w.write_all(b"</sheetData>")
    })
}

/// The same bytes with every part's unpacked size understated as 1,000
/// bytes in the central directory and the local headers.
pub fn lying_sizes(mut zip: Vec<u8>) -> Vec<u8> {
    let mut i = 0;
    while i + 30 <= zip.len() {
        match zip[i..i + 4] {
            // Central directory header: uncompressed size at +24.
            [0x50, 0x4b, 0x01, 0x02] if i + 28 <= zip.len() => {
                zip[i + 24..i + 28].copy_from_slice(&1000u32.to_le_bytes());
            }
            // Local file header: uncompressed size at +22.
            [0x50, 0x4b, 0x03, 0x04] => {
                zip[i + 22..i + 26].copy_from_slice(&1000u32.to_le_bytes());
            }
            _ => {}
        }
        i += 1;
    }
    zip
}

/// A tiny sheet with a cell in A1 and one at `far` (e.g. "XFD1048576"):
/// read into a rectangle, billions of cells.
pub fn far_cell(far: &str) -> Vec<u8> {
    let row: String = far.chars().skip_while(char::is_ascii_alphabetic).collect();
    workbook(|w| {
        write!(
            w,
            r#"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row><row r="{row}"><c r="{far}" t="inlineStr"><is><t>z</t></is></c></row></sheetData>"#
        )
    })
}

/// A tiny sheet that declares the dimension `A1:{corner}`.
pub fn declared_dimension(corner: &str) -> Vec<u8> {
    workbook(|w| {
        write!(
            w,
            r#"<dimension ref="A1:{corner}"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row></sheetData>"#
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::IoError;
    use crate::limits::{MAX_INFLATED_BYTES, check_xlsx};
    use crate::table::{FileFormat, read_table};

    #[test]
    fn a_small_sample_reads_and_every_attack_is_refused() {
        // Within the limits the sample is an ordinary workbook.
        let ok = bomb(3);
        let rows = read_table(&ok, FileFormat::Xlsx).unwrap();
        assert_eq!(rows, [["x"], ["x"], ["x"]]);
        // A megabyte-sized bomb packs into kilobytes, and is refused.
        let rows = MAX_INFLATED_BYTES / BOMB_ROW.len() as u64 + 1000;
        let b = bomb(rows);
        assert!(b.len() < 1024 * 1024, "{} bytes", b.len());
        assert!(matches!(check_xlsx(&b), Err(IoError::TooLarge(_))));
        assert!(matches!(read_table(&b, FileFormat::Xlsx), Err(IoError::TooLarge(_))));
        // Understated sizes do not help it: what is counted is what comes out.
        match read_table(&lying_sizes(b), FileFormat::Xlsx) {
            Err(IoError::TooLarge(m)) => assert!(!m.is_empty()),
            other => panic!("{other:?}"),
        }
        // A small part that lies is a broken file, not a large one.
        assert!(matches!(
            read_table(&lying_sizes(bomb(100)), FileFormat::Xlsx),
            Err(IoError::BadFile(_))
        ));
        for attack in [
            far_cell("XFD1048576"),
            far_cell("A300000"),
            declared_dimension("XFD1048576"),
        ] {
            match read_table(&attack, FileFormat::Xlsx) {
                Err(IoError::TooLarge(m)) => assert!(m.contains("200000 cells"), "{m}"),
                other => panic!("{other:?}"),
            }
        }
        // A sheet just within the cell limit reads.
        assert!(read_table(&far_cell("T10000"), FileFormat::Xlsx).is_ok());
    }
}
