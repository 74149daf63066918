//! Kizuna's benchmarks, run by `kizuna bench` (see BENCHMARKS.md). Each
//! measures Kizuna's own work on a generated store and sets it beside the
//! alternative named in the issue that asked for it, in the same run.
//!
//! - [`annual`]: the annual report on 100,000 trainees and 10,000
//!   outcomes, assembled and laid out as PDF (`kizuna bench annual`);
//! - [`data`]: deterministic synthetic trainees and places;
//! - [`geo`]: SQLite's R*Tree and PostGIS's GiST `<->`, only to be measured;
//! - [`pages`]: render times of the busiest pages (`kizuna bench pages`);
//! - [`places`]: the map's index beside the databases', and nearest-k over
//!   HTTP (`kizuna bench places`);
//! - [`flood`]: the map API's throughput alone and during a flood of wrong
//!   passwords (`kizuna bench sign-in-flood`);
//! - [`import_memory`]: the peak memory of imports, real and attacking
//!   (`kizuna bench import-memory`).

pub mod annual;
pub mod data;
pub mod flood;
pub mod geo;
pub mod import_memory;
pub mod itinerary;
pub mod pages;
pub mod places;
