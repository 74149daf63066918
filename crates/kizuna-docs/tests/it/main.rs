//! The integration tests of `kizuna-docs`, one binary: each module was a test
//! binary of its own, and every one of them linked the whole dependency
//! tree again. nextest still runs each test in a process of its own.

mod engine;
mod shaped_text;
