//! Kizuna's full-text search: `analyze` and `query` are pure (the scripts'
//! analysis, the query tree, the gazetteer); `index` keeps the tantivy
//! index on disk.

pub mod analyze;
pub mod index;
pub mod query;

pub use analyze::{Script, analyze};
pub use index::{Build, Filter, Found, IndexError, Positions, SearchDoc, SearchIndex};
pub use query::{Gazetteer, Query, highlights, parse};
