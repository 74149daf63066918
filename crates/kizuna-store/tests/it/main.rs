//! The integration tests of `kizuna-store`, one binary: each module was a test
//! binary of its own, and every one of them linked the whole dependency
//! tree again. nextest still runs each test in a process of its own.

mod audit;
mod dump;
mod notify;
mod place_lists;
mod place_read;
mod place_reports;
mod schema;
mod trainee_stats;
