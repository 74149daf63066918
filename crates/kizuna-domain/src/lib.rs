//! Kizuna's domain: the records of a regional international-cooperation
//! office, as types that cannot hold an invalid value, and the pure rules
//! that work on them (fiscal years, statistics, validation).
//!
//! This crate does no I/O: no files, no network, no database, no clock
//! (callers pass "today" in). Storage lives in `kizuna-store`, HTTP in
//! `kizuna-web`, and the use cases that join them in `kizuna-app`.
//!
//! The systems of the product brief each have a module:
//! - [`common`]: countries, localities, organisations, people, fiscal years,
//!   identifiers and validation shared by all systems;
//! - [`training`]: training courses for overseas trainees, their yearly
//!   editions, participations, curricula and statistics;
//! - [`exchanges`]: delegations, dispatches, symposiums and awards
//!   (awards so far);
//! - [`map`]: the Muslim-friendly map (prayer times and qibla so far);
//! - [`partnerships`]: partnership programmes, their activities, the
//!   ripple ledger of outcomes, local-to-local links, offers and needs.
//!
//! Volunteers, tourism and the matchmaker arrive as modules of their own.

extern crate self as kizuna_domain;

pub mod common;
pub mod exchanges;
pub mod fields;
pub mod map;
pub mod matchmaker;
pub mod partnerships;
pub mod system;
pub mod tourism;
pub mod training;
pub mod volunteers;

pub use common::error::{FieldError, Invalid};
pub use system::System;
