//! The printable booklet of the Muslim-friendly map: an A4 PDF that lists
//! every place by area, with its halal assurance spelled out and a small
//! map of the area, in English, Japanese, Thai or Malay.
//!
//! # Contents
//!
//! A cover (title, date, an overview map with the areas lettered, the
//! contents with page numbers, the legend of assurance levels, and the
//! notes: when the levels were recorded, demo data, OpenStreetMap's ODbL
//! attribution when any place comes from OpenStreetMap, other sources'
//! attributions, and where the land shapes come from), then one section
//! per area: a heading, a map of the area (land and sea from world-atlas's
//! TopoJSON, numbered dots coloured by assurance level, a scale bar and a
//! locator inset) and the list of its places — number, name (in the
//! booklet's language when recorded, else another; the Japanese name below
//! it, for showing to people in Japan), category, assurance level (for
//! certified places the certifier, certificate number and validity; a lapsed
//! certificate is said to be lapsed), alcohol, prayer facilities, address,
//! telephone, opening hours (read into days and times in the booklet's
//! language, `hours.rs`) and when the place was last checked. Every page
//! has its number.
//!
//! # Areas
//!
//! An area is a place's locality; places without one join the area whose
//! places' centre is nearest when it lies within [`JOIN_AREA_WITHIN_M`], and
//! otherwise go under "Other places" at the end. Areas come in the order of
//! their locality keys (so a city follows its prefecture-level area); within
//! an area places of prayer come first, then restaurants, cafés, shops,
//! hotels and the rest, each by name. Places are numbered through the booklet.
//!
//! # Words
//!
//! The booklet's own words (title, legend, category and assurance names,
//! "certified by … until …", page numbers and so on) are messages of the
//! shared catalogues, `booklet.ftl` in each language of `kizuna-i18n`, named
//! by [`K`]; the catalogues' completeness test keeps all four languages
//! whole. Dates are written the way each language does (Thai with the
//! Buddhist era).
//!
//! # Fonts
//!
//! Nothing is read from the machine by default: the binary carries Noto
//! Sans JP (Latin and Japanese) and Noto Sans Thai, regular weight, under
//! the SIL Open Font License, from the npm packages
//! `@expo-google-fonts/noto-sans-jp` and `@expo-google-fonts/noto-sans-thai`
//! at the versions package-lock.json pins (`build.rs` embeds them). TrueType
//! files may be named to be preferred to them (`kizuna places booklet
//! --font`, or the environment variable [`FONTS_ENV`], paths separated by
//! `:`, read by the caller before laying out); the embedded fonts then draw
//! what those lack. Each character is drawn with the first font that has it
//! (a space or digit stays in the font of the text around it). Characters
//! of other scripts that no font has (in a place's data) are drawn as `?`;
//! a place's name is taken in a language the fonts can draw when it has one.
//! Bold is drawn by stroking the regular outlines.
//!
//! # Shaping
//!
//! Text is shaped (`shape.rs`) by `rustybuzz`, HarfBuzz's shaping in Rust,
//! in runs of one font, one script and one style: the font's GSUB and GPOS
//! tables choose and place the glyphs (ligatures and kerning in Latin,
//! Thai vowel and tone marks placed on their letter and on each other, a
//! tone mark moved off a tall letter's stem, sara am split around a tone
//! mark). Each glyph is drawn where the shaper put it (moves in `TJ`
//! arrays, a mark's height by the text rise).
//!
//! # Lines
//!
//! Lines break where Unicode's line breaking algorithm allows (ICU4X's
//! `icu_segmenter` with its built-in data): at spaces, between Japanese
//! characters except before small kana, the long-vowel mark and closing
//! punctuation, and in Thai, which has no spaces between words, between
//! words found by the segmenter's dictionary, so a Thai word is never cut.
//! A break is taken only where a cluster (the shaper's unit: a letter
//! with its marks, a ligature) starts, so no line starts with a mark. Only
//! a word wider than a whole line is cut, between clusters.
//!
//! # Text in the PDF
//!
//! Fonts are embedded as subsets (only the glyphs used, by the `subsetter`
//! crate) in CID-keyed Type 0 fonts with a ToUnicode map, so the text can be
//! searched and extracted (`pdftotext`) as written: a glyph stands for the
//! character it is drawn for, a ligature for its letters. A cluster whose
//! glyphs would not read back as its text (sara am's parts around a tone
//! mark) or whose marks are moved off the pen (which extractors, placing
//! each glyph where it starts, would read out of order) is drawn in a
//! marked-content span with its text as `/ActualText`.
//!
//! # Tags
//!
//! The booklet is a tagged PDF, with the engine's tagging (`write.rs`):
//! the cover's title is an `H1`; the contents, the legend and each area's
//! heading are `H2`s; the subtitle, notes and map captions `P`s; the
//! contents, the legend and each area's places are lists (`L`, `LI`, the
//! area letter or place number as `Lbl`, the rest as `LBody`); the
//! overview and each area's map (with its dots, inset and scale bar) are
//! `Figure`s with alternative text in the booklet's language ([`K::OverviewAlt`],
//! [`K::MapAlt`]). Running headers, footers, rules and the legend's dots are
//! artifacts. The catalog gives the language (`/Lang`) and asks viewers to
//! show the title.
//!
//! # Limits
//!
//! Arabic, which needs right-to-left ordering, is not drawn; a place with
//! only an Arabic name has it shown as question marks. Fonts with CFF
//! outlines (`.otf`) are not embedded.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use fluent_bundle::FluentValue;
use kizuna_domain::common::Id;
use kizuna_domain::common::locality::Locality;
use kizuna_domain::map::place::{Assurance, CertificateStatus, OSM_ATTRIBUTION, Place, PlaceCategory, SourceKind};
use kizuna_i18n::{self as i18n, Lang};
use pdf_writer::Content;

use crate::engine::*;
use crate::topojson;

mod cover;
mod data;
mod hours;
mod layout;
mod map;
mod sections;
mod words;
mod write;

#[cfg(test)]
mod tests;

pub use crate::engine::{DocError as BookletError, FONTS_ENV, Fonts as BookletFonts};
use cover::*;
pub use data::{BookletArea, BookletData, JOIN_AREA_WITHIN_M};
use hours::*;
pub use layout::render;
use layout::*;
pub use map::Land;
use map::*;
use sections::*;
use words::*;
pub use words::{K, local_date};
use write::*;
