//! The integration tests of `kizuna-geo`, one binary with a module per
//! subject: a binary per file would link the whole dependency tree again
//! for each. nextest still runs each test in a process of its own.

mod holidays_jpholiday;
mod prayer_reference;
mod properties;
