//! The Muslim-friendly map: places to dine and pray, prayer times, qibla.

pub mod place;
