//! What Kizuna's tests share, so that each test reads like the feature it
//! checks:
//!
//! - [`store`]: a fresh, migrated database per test, on SQLite or
//!   PostgreSQL, dropped again by [`drop_fresh`].

pub mod store;

pub use store::{drop_fresh, fresh_store, fresh_url, postgres_admin_url};
