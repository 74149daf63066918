//! Exchanges: delegations received, staff dispatched, symposiums hosted,
//! courtesy calls and awards received, and photos of any activity.

pub mod award;
pub mod delegation;
pub mod photo;
