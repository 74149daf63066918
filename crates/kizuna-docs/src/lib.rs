//! Kizuna's printable documents. Each is laid out from records handed in
//! (no store, no HTTP) and written as PDF with its fonts embedded as
//! subsets, so that its text can be searched and copied.
//!
//! - [`engine`]: what they share: fonts, shaping, line breaks, a tagged flow
//!   layout and the PDF writer;
//! - [`annual`]: the annual report of a fiscal year, with its bar charts;
//! - [`certificate`]: a bilingual completion certificate with its QR code;
//! - [`itinerary`]: a halal-aware itinerary, day by day, in the reader's language;
//! - [`booklet`]: the Muslim-friendly map's A4 booklet, by area, in four languages;
//! - [`topojson`]: the land shapes its maps are drawn from (world-atlas).

pub mod annual;
pub mod booklet;
pub mod certificate;
pub mod engine;
pub mod itinerary;
pub mod topojson;
