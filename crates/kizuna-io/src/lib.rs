//! Kizuna's file formats, as bytes in and out: no store, no HTTP.
//!
//! - [`table`]: spreadsheets people fill in and read — CSV (UTF-8) and
//!   XLSX — with formula escaping on the way out and [`encoding`] detection
//!   of CSV saved as Shift_JIS and other legacy encodings on the way in;
//! - [`places`]: places of the map in GeoJSON (RFC 7946), CSV and
//!   OpenStreetMap XML (`.osm`) and PBF (`.osm.pbf`);
//! - [`iati`]: activities as IATI Activity Standard 2.03 XML.
//!
//! Readers never stop at the first problem: they return what they could
//! read and every [`RowError`] (row, column, value, reason), and the caller
//! writes all or nothing. A file that cannot be read at all is an
//! [`IoError::BadFile`] saying why.

pub mod encoding;
pub mod iati;
pub mod ical;
pub mod ical_feed;
pub mod limits;
pub mod osm_complete;
pub mod photo;
pub mod places;
pub mod report;
pub mod samples;
pub mod table;

use serde::Serialize;

/// One rejected value in an import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RowError {
    /// The row as a spreadsheet numbers it (the header is row 1), or the
    /// record's number in the file (features, OpenStreetMap objects).
    pub row: usize,
    /// The column's header name.
    pub column: String,
    pub value: String,
    pub code: String,
    pub reason: String,
}

impl RowError {
    pub fn new(row: usize, column: &str, value: &str, code: &str, reason: String) -> RowError {
        RowError {
            row,
            column: column.to_owned(),
            value: value.to_owned(),
            code: code.to_owned(),
            reason,
        }
    }

    /// Every rejection, one per line, after a line saying nothing was written.
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

/// Why a file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum IoError {
    /// The file as a whole cannot be read (not UTF-8, not CSV, not a workbook…).
    #[error("{0}")]
    BadFile(String),
    /// The file is larger than an import takes ([`limits`]): too many
    /// bytes, a workbook that unpacks too far, or too many cells.
    #[error("{0}")]
    TooLarge(String),
    /// A CSV file in a character encoding Kizuna does not read (see
    /// [`encoding::ACCEPTED`]); `found` names the one it appears to be in.
    #[error(
        "the file appears to be in the {found} character encoding, which is not read; save it as \"CSV UTF-8\" and try again"
    )]
    Encoding { found: String },
}

pub type Result<T, E = IoError> = std::result::Result<T, E>;

/// The text of a file that must be UTF-8 (a byte-order mark is allowed).
pub fn utf8<'a>(bytes: &'a [u8], what: &str) -> Result<&'a str> {
    std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).map_err(|e| {
        IoError::BadFile(format!(
            "{what} is not UTF-8 (byte {} is not valid)",
            e.valid_up_to() + 1
        ))
    })
}
