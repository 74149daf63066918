//! Training courses for overseas trainees.
//!
//! A course is a [`Programme`](crate::common::programme::Programme) of kind
//! `training_course`. It runs once per Japanese fiscal year as an
//! [`edition`], either general (trainees from many countries) or
//! country-specific (for named target countries). People take part in an
//! edition through a [`participation`] (trainee, instructor, coordinator),
//! follow its curriculum of [`session`]s, and are counted by [`stats`].

pub mod alumni;
pub mod annual;
pub mod certificate;
pub mod disclosure;
pub mod edition;
pub mod nomination;
pub mod participation;
pub mod session;
pub mod stats;
