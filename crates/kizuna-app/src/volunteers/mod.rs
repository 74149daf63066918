//! Volunteer placements, hours, reports and documents (issue 13).

pub mod documents;
pub mod hours;
pub mod placements;
