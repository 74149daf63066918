//! The document engine every printable document of Kizuna is made with:
//! the map's booklet, completion certificates, the annual report and
//! itineraries. No I/O while laying out.
//!
//! - `fonts.rs`: the TrueType fonts (Noto Sans JP and Noto Sans Thai
//!   embedded by `build.rs` from the npm packages package-lock.json pins,
//!   after any files named to be preferred), the first that has a
//!   character drawing it; each font's glyphs in use renumbered for its
//!   subset, with the text each stands for (ToUnicode).
//! - `shape.rs`: text shaped by rustybuzz per run of one font, script and
//!   style (GSUB, GPOS: Thai marks placed, Latin ligatures and kerning),
//!   glyphs grouped in clusters.
//! - `text.rs`: line breaks where Unicode's rules allow (ICU4X's segmenter,
//!   Thai by dictionary), only at a cluster's start; a line drawn glyph by
//!   glyph where the shaper put it, with `/ActualText` spans where glyphs
//!   would not read back as the text.
//! - `pdf.rs`: the PDF file: pages, the fonts as CID-keyed subsets with
//!   ToUnicode maps, the document's title, author, subject and language,
//!   and, when a document is tagged, its structure tree (`StructTreeRoot`,
//!   the catalog's `/MarkInfo << /Marked true >>`, each page's
//!   `/StructParents` and the parent tree); a page's marked content is
//!   opened for an element (`Page::open`, with the page's next MCID) or as
//!   an artifact (`Page::artifact`), by the flow and by the booklet's own
//!   layout alike.
//! - `image.rs`: JPEG and PNG photos placed as they are (no decoding);
//! - `flow.rs`: a simple flow of headings, paragraphs, tables and figures
//!   (vector drawings such as a QR code, bar charts, photos) down A4 pages, each block tagged
//!   (`H1`, `H2`, `P`, `Table`/`TR`/`TH`/`TD`, `Figure` with its `/Alt`)
//!   with the language it is written in (`/Lang`), decoration marked as
//!   artifacts.

mod flow;
mod fonts;
mod image;
mod pdf;
mod shape;
mod text;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, TextRenderingMode, UnicodeCmap};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

pub use flow::{A4, Align, Flow, FlowPage, Item, Square};
pub(crate) use fonts::*;
pub use fonts::{FONTS_ENV, Fonts};
pub use image::PdfImage;
pub(crate) use image::write_image;
pub(crate) use pdf::*;
pub use pdf::{DocMeta, Role};
pub(crate) use shape::*;
pub(crate) use text::*;

/// Why a document could not be made.
#[derive(Debug, thiserror::Error)]
pub enum DocError {
    /// A font file is missing or unusable, or no font has a script's letters.
    #[error("{0}")]
    Fonts(String),
}
