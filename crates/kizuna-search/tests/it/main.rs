//! The integration tests of `kizuna-search`, one binary: each module was a test
//! binary of its own, and every one of them linked the whole dependency
//! tree again. nextest still runs each test in a process of its own.

mod aliases;
mod build_resume;
mod index;
mod ranking;
