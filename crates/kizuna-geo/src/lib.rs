//! Kizuna's map engine, with no store and no HTTP: what the Muslim-friendly
//! map computes.
//!
//! - [`index`]: every place in an R*-tree on the unit sphere — nearest-k,
//!   radius, box and paged searches with filters and "open now";
//! - [`geometry`]: boxes in degrees, points and chords on the unit sphere;
//! - [`holidays`]: Japan's public holidays by the Cabinet Office's rules;
//! - [`hours`]: OpenStreetMap `opening_hours`, evaluated in Japan time with
//!   Japan's public holidays;
//! - [`prayer`]: daily prayer times by the Adhan libraries' methods, and the qibla.
//!
//! Distances are haversine distances on the mean-radius sphere
//! ([`kizuna_domain::map::place::haversine_m`]).

pub mod geometry;
pub mod holidays;
pub mod hours;
pub mod index;
pub mod prayer;

#[cfg(test)]
mod tests;
