//! Volunteer placements, hours, reports and documents (issue 13).

pub mod documents;
pub mod hours;
pub mod import;
pub mod placements;
