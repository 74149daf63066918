//! Volunteer exchange both ways: placements (JOCV, Friends From Thailand,
//! Glocal), the hours and reports volunteers log, and documents that expire.

pub mod document;
pub mod hours;
pub mod placement;
