//! The integration tests of `kizuna-search`, one binary with a module per
//! subject: a binary per file would link the whole dependency tree again
//! for each. nextest still runs each test in a process of its own.

mod aliases;
mod build_resume;
mod index;
mod ranking;
