//! What every system shares.

pub mod access;
pub mod account;
pub mod country;
pub mod error;
pub mod fiscal_year;
pub mod local_text;
pub mod locality;
pub mod office;
pub mod organisation;
pub mod person;
pub mod programme;
pub mod retention;
pub mod sign_in_limits;
pub mod text;

pub use country::{Country, CountryCode, Region};
pub use fiscal_year::FiscalYear;
pub use local_text::{LocalText, guess_language};
pub use text::{Key, Text};

/// A database identifier. Positive; assigned by the store.
pub type Id = i64;

/// The office every store has from the start (id 1): records made before
/// offices existed belong to it, and a store with one office uses only it.
pub const DEFAULT_OFFICE: Id = 1;
