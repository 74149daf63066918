//! Partnership programmes and their ripples: the details of a programme
//! of kind `partnership` and the organisations in it, its activities, the
//! outcomes it harvested on both sides and the causal links between them,
//! local-to-local links, and what parties offer and seek.

pub mod activity;
pub mod local_link;
pub mod outcome;
pub mod partnership;
pub mod profile;
pub mod themes;
