//! Kizuna's full-text search: `analyze` and `query` are pure (the scripts'
//! analysis, the query tree, the gazetteer); `index` keeps the tantivy
//! index on disk.

pub mod analyze;
pub mod query;

pub use analyze::{Script, analyze};
pub use query::{Gazetteer, Query, parse};
