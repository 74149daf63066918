//! The integration tests of `kizuna-store`, one binary with a module per
//! subject: a binary per file would link the whole dependency tree again
//! for each. nextest still runs each test in a process of its own.

mod audit;
mod dump;
mod notify;
mod place_lists;
mod place_read;
mod place_reports;
mod schema;
mod trainee_stats;
