//! How large an uploaded file may be, and the checks that hold a file to it
//! before it is read: an XLSX workbook is a zip archive whose few
//! kilobytes can unpack to gigabytes (a "zip bomb"), and a sheet can
//! declare or place one cell far away so that a reader allocates its whole
//! rectangle.
//!
//! | bound | value |
//! |---|---|
//! | an uploaded file (API body, console form file) | [`MAX_FILE_BYTES`], 20 MiB |
//! | a workbook unpacked, all its parts together | [`MAX_INFLATED_BYTES`], 50 MiB |
//! | one part unpacked, against its packed size | [`MAX_RATIO`], 100 times (parts over 1 MiB) |
//! | a table's cells (CSV cells; XLSX: A1 to the last used cell, declared or found) | [`MAX_CELLS`], 200,000 |
//!
//! The sizes a zip archive declares can lie, so [`check_xlsx`] unpacks
//! every part as a stream, counting the bytes that actually come out and
//! stopping at the bound, and reads each worksheet's cell references as
//! they stream past; nothing is held in memory but a buffer. Only a
//! workbook that passes is handed to the spreadsheet reader.

use std::io::{BufReader, Cursor, Read};

use quick_xml::events::{BytesStart, Event};

use crate::{IoError, Result};

/// The largest file an import takes: an API request body or the file of a
/// console import form.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;
/// The most a workbook may unpack to, all its parts together.
pub const MAX_INFLATED_BYTES: u64 = 50 * 1024 * 1024;
/// The most one part of a workbook may grow when unpacked (parts that
/// unpack to more than [`RATIO_FROM_BYTES`]).
pub const MAX_RATIO: u64 = 100;
/// Parts smaller than this unpacked are not held to [`MAX_RATIO`].
pub const RATIO_FROM_BYTES: u64 = 1024 * 1024;
/// The most cells a table may have: CSV cells, or in a worksheet the
/// rectangle from A1 to its last used cell (10,000 rows of 20 columns).
pub const MAX_CELLS: u64 = 200_000;

/// A byte count for people: "20 MB" (mebibytes, as file managers count).
pub fn megabytes(bytes: u64) -> String {
    format!("{} MB", bytes / (1024 * 1024))
}

fn too_large(what: String) -> IoError {
    IoError::TooLarge(what)
}

/// Refuse a file over [`MAX_FILE_BYTES`].
pub fn check_file_size(len: usize) -> Result<()> {
    if len > MAX_FILE_BYTES {
        return Err(too_large(format!(
            "the file is {}; files up to {} are accepted",
            megabytes(len as u64),
            megabytes(MAX_FILE_BYTES as u64)
        )));
    }
    Ok(())
}

/// Refuse a workbook that would unpack past [`MAX_INFLATED_BYTES`], has a
/// part that grows more than [`MAX_RATIO`] times, or a worksheet larger
/// than [`MAX_CELLS`] (declared or found); a file that is not a zip
/// archive is a [`IoError::BadFile`].
pub fn check_xlsx(bytes: &[u8]) -> Result<()> {
    check_file_size(bytes.len())?;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| IoError::BadFile(format!("not a readable XLSX workbook: {e}")))?;
    // What the archive declares first (cheap, and refuses honest bombs at once).
    let mut declared: u64 = 0;
    for i in 0..zip.len() {
        let part = zip
            .by_index_raw(i)
            .map_err(|e| IoError::BadFile(format!("not a readable XLSX workbook: {e}")))?;
        declared = declared.saturating_add(part.size());
        check_ratio(&part.name().unwrap_or_default(), part.size(), part.compressed_size())?;
    }
    if declared > MAX_INFLATED_BYTES {
        return Err(unpacks_to(declared));
    }
    // Then what actually comes out, whatever was declared: each part's
    // packed bytes inflated here, not by the zip reader (which trusts the
    // declared size).
    let mut inflated: u64 = 0;
    for i in 0..zip.len() {
        let part = zip
            .by_index_raw(i)
            .map_err(|e| IoError::BadFile(format!("not a readable XLSX workbook: {e}")))?;
        let name = part.name().map(std::borrow::Cow::into_owned).unwrap_or_default();
        let packed = part.compressed_size();
        let left = MAX_INFLATED_BYTES - inflated;
        let unpacked: Box<dyn Read + '_> = match part.compression() {
            zip::CompressionMethod::Stored => Box::new(part),
            zip::CompressionMethod::Deflated => Box::new(flate2::read::DeflateDecoder::new(part)),
            other => {
                return Err(IoError::BadFile(format!(
                    "the part {name} of the workbook is packed with {other:?}, which is not read; save the workbook again from Excel"
                )));
            }
        };
        let mut counted = Counted {
            inner: unpacked.take(left + 1),
            n: 0,
        };
        if is_worksheet(&name) {
            check_sheet(&mut counted, &name)?;
        }
        // The rest of the part (all of it, for parts that are not sheets).
        std::io::copy(&mut counted, &mut std::io::sink())
            .map_err(|e| IoError::BadFile(format!("cannot unpack {name} of the workbook: {e}")))?;
        inflated += counted.n;
        if inflated > MAX_INFLATED_BYTES {
            return Err(unpacks_to(inflated));
        }
        check_ratio(&name, counted.n, packed)?;
    }
    Ok(())
}

fn unpacks_to(n: u64) -> IoError {
    too_large(format!(
        "the workbook unpacks to more than {} (at least {}); workbooks may unpack to {} at most",
        megabytes(MAX_INFLATED_BYTES),
        megabytes(n),
        megabytes(MAX_INFLATED_BYTES)
    ))
}

fn check_ratio(name: &str, size: u64, packed: u64) -> Result<()> {
    if size > RATIO_FROM_BYTES && size / packed.max(1) > MAX_RATIO {
        return Err(too_large(format!(
            "the part {name} of the workbook unpacks {} times larger than it is packed ({} from {} bytes); at most {MAX_RATIO} times is accepted",
            size / packed.max(1),
            megabytes(size),
            packed
        )));
    }
    Ok(())
}

fn is_worksheet(name: &str) -> bool {
    name.starts_with("xl/worksheets/") && name.ends_with(".xml") && !name[14..].contains('/')
}

/// Counts the bytes read through it.
struct Counted<R> {
    inner: R,
    n: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let k = self.inner.read(buf)?;
        self.n += k as u64;
        Ok(k)
    }
}

/// A cell reference such as `AB12`, as (row, column), both from 1.
fn cell_ref(s: &[u8]) -> Option<(u64, u64)> {
    let letters = s.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    if letters == 0 || letters > 3 || letters == s.len() {
        return None;
    }
    let col = s[..letters]
        .iter()
        .fold(0u64, |c, b| c * 26 + u64::from(b.to_ascii_uppercase() - b'A' + 1));
    let row = std::str::from_utf8(&s[letters..]).ok()?.parse::<u64>().ok()?;
    Some((row, col))
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| a.value.into_owned())
}

/// Read a worksheet as it streams past: its declared dimension and every
/// cell's place, refusing as soon as the rectangle from A1 passes
/// [`MAX_CELLS`].
fn check_sheet(r: &mut impl Read, name: &str) -> Result<()> {
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(r));
    let mut buf = Vec::new();
    let (mut row, mut col, mut max_row, mut max_col) = (0u64, 0u64, 0u64, 0u64);
    let refuse = |rows: u64, cols: u64, how: &str| {
        too_large(format!(
            "the worksheet {name} {how} {rows} rows by {cols} columns ({} cells); at most {MAX_CELLS} cells are accepted",
            rows.saturating_mul(cols)
        ))
    };
    loop {
        let event = xml
            .read_event_into(&mut buf)
            .map_err(|e| IoError::BadFile(format!("cannot read the worksheet {name}: {e}")))?;
        match event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "dimension" => {
                    // "A1:C10": the rectangle the sheet says it uses.
                    if let Some(r) = attr(&e, "ref")
                        && let Some((rows, cols)) = r.split(':').next_back().and_then(|c| cell_ref(c.as_bytes()))
                        && rows.saturating_mul(cols) > MAX_CELLS
                    {
                        return Err(refuse(rows, cols, "declares"));
                    }
                }
                "row" => {
                    row = attr(&e, "r").and_then(|v| v.parse().ok()).unwrap_or(row + 1);
                    col = 0;
                }
                "c" => {
                    (row, col) = attr(&e, "r")
                        .and_then(|v| cell_ref(v.as_bytes()))
                        .unwrap_or((row.max(1), col + 1));
                    max_row = max_row.max(row);
                    max_col = max_col.max(col);
                    if max_row.saturating_mul(max_col) > MAX_CELLS {
                        return Err(refuse(max_row, max_col, "has cells across"));
                    }
                }
                _ => {}
            },
            Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references_read_as_row_and_column() {
        assert_eq!(cell_ref(b"A1"), Some((1, 1)));
        assert_eq!(cell_ref(b"AB12"), Some((12, 28)));
        assert_eq!(cell_ref(b"XFD1048576"), Some((1_048_576, 16_384)));
        assert_eq!(cell_ref(b"A"), None);
        assert_eq!(cell_ref(b"12"), None);
    }

    #[test]
    fn only_sheets_are_scanned() {
        assert!(is_worksheet("xl/worksheets/sheet1.xml"));
        assert!(!is_worksheet("xl/worksheets/_rels/sheet1.xml.rels"));
        assert!(!is_worksheet("xl/sharedStrings.xml"));
    }

    #[test]
    fn a_file_over_the_limit_is_refused() {
        assert!(check_file_size(MAX_FILE_BYTES).is_ok());
        assert!(matches!(check_file_size(MAX_FILE_BYTES + 1), Err(IoError::TooLarge(_))));
    }
}
