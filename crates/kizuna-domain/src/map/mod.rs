//! The Muslim-friendly map: places to dine and pray, prayer times, qibla,
//! and visitors' reports of problems with a place.

pub mod place;
pub mod report;
