//! What every system shares.

pub mod account;
pub mod country;
pub mod error;
pub mod fiscal_year;
pub mod locality;
pub mod organisation;
pub mod person;
pub mod programme;
pub mod text;

pub use country::{Country, CountryCode, Region};
pub use fiscal_year::FiscalYear;
pub use text::{Key, Text};

/// A database identifier. Positive; assigned by the store.
pub type Id = i64;
