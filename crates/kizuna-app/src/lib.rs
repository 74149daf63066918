//! Kizuna's application functions: each use case once, called by both the
//! CLI and the web layer. They validate with the domain's rules, check
//! references, and read and write through the [`Store`].
//!
//! One module per system of the product, beside what they share:
//!
//! - [`records`]: create, read, update, delete every record type, with
//!   the domain's rules and reference checks;
//! - [`training`]: trainee statistics and drill-downs, trainee import and
//!   export, the staff console's queries;
//! - [`map`]: the Muslim-friendly map — places and their index, imports
//!   and exports, the booklet, prayer times and qibla;
//! - [`auth`]: accounts, sign-in sessions, API tokens;
//! - [`accounts`]: managing accounts and tokens, one's own password and sessions;
//! - [`offices`]: the offices a store holds;
//! - [`people`]: finding people by any form of their name, duplicates,
//!   merging two records of one person, deleting a person;
//! - [`audit`]: who acts ([`App::acting`]), the audit log and its check;
//! - [`privacy`]: a person's data exported or erased, and the retention purge;
//! - [`clock`]: the time, read from one injected [`Clock`];
//! - [`demo`]: the deterministic demo dataset;
//! - [`iati`]: courses, editions and partnerships as IATI 2.03 activities.

pub mod accounts;
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod certificates;
pub mod clock;
pub mod demo;
pub mod exchanges;
pub mod iati;
pub mod map;
pub mod matchmaker;
mod notify;
pub mod offices;
pub mod partner;
pub mod partnerships;
pub mod people;
pub mod privacy;
pub mod records;
pub mod report;
pub mod search;
pub mod tourism;
pub mod training;
pub mod volunteers;

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
pub use clock::{Clock, ManualClock, ShiftedClock, SystemClock};
use kizuna_domain::FieldError;
use kizuna_domain::common::{DEFAULT_OFFICE, Id};
use kizuna_store::StoreError;
pub use kizuna_store::{Actor, Store};

/// The application: a store, a clock, and computed reports kept while the
/// data they were computed from is unchanged. A clone shares them all
/// (see [`App::acting`]).
#[derive(Clone)]
pub struct App {
    pub store: Store,
    clock: Arc<dyn Clock>,
    /// The office whose records this application writes (see [`App::with_office`]).
    office_id: Id,
    pub(crate) report_cache: Arc<training::reports::ReportCache>,
    pub(crate) place_index: Arc<map::PlaceIndexCache>,
    /// The booklets made, by language and the versions they show.
    pub(crate) booklets: Arc<map::booklet::BookletCache>,
    /// Place imports running in the background, and finished ones kept a while.
    pub(crate) import_jobs: Arc<map::import_jobs::ImportJobs>,
    /// Permits for password hashing and checks on the blocking pool: one
    /// per core, shared by every caller (see [`auth`]).
    pub(crate) password_permits: Arc<tokio::sync::Semaphore>,
}

impl App {
    pub fn new(store: Store) -> Self {
        App {
            store,
            clock: Arc::new(SystemClock),
            office_id: DEFAULT_OFFICE,
            report_cache: Default::default(),
            place_index: Default::default(),
            booklets: Default::default(),
            import_jobs: Default::default(),
            password_permits: Arc::new(tokio::sync::Semaphore::new(auth::password_workers())),
        }
    }

    /// Write records as kept by another office than the default.
    pub fn with_office(mut self, office_id: Id) -> Self {
        self.office_id = office_id;
        self
    }

    /// The office whose records this application writes.
    pub fn office_id(&self) -> Id {
        self.office_id
    }

    /// Read the time from `clock` instead of the system's.
    pub fn with_clock(mut self, clock: impl Clock) -> Self {
        let clock: Arc<dyn Clock> = Arc::new(clock);
        let read = clock.clone();
        self.store = self.store.with_audit_clock(move || read.now());
        self.clock = clock;
        self
    }

    /// The same application acting for `actor`: its writes, views and
    /// exports are logged as `actor`'s in the audit log. Cheap: the store,
    /// clock and caches are shared.
    #[must_use]
    pub fn acting(&self, actor: Actor) -> App {
        let mut app = self.clone();
        app.store = self.store.acting(actor);
        app
    }

    /// Stop the clock at noon in Japan on `today` (reproducible reports:
    /// "as of" a day).
    pub fn with_today(self, today: NaiveDate) -> Self {
        self.with_clock(ManualClock::on(today))
    }

    /// The instant now, from the application's clock.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Today in Japan, where the office's fiscal years are reckoned.
    pub fn today(&self) -> NaiveDate {
        clock::date_in_japan(self.now())
    }
}

/// Why a use case could not be carried out.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The input broke one or more rules; each error names its field.
    #[error("{} invalid field(s): {}", .0.len(), .0.iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<FieldError>),
    #[error("{entity} {id} does not exist")]
    NotFound { entity: &'static str, id: String },
    /// The record changed since the version the change was made from;
    /// nothing was written.
    #[error(
        "{entity} {id} was changed by someone else since it was read (version {version}, now {current}); nothing was saved — reload it and make the change again"
    )]
    Conflict {
        entity: &'static str,
        id: Id,
        version: i64,
        current: i64,
    },
    /// An import was refused; nothing was written.
    #[error("{}", kizuna_io::RowError::describe(.0))]
    ImportRejected(Vec<kizuna_io::RowError>),
    #[error("{0}")]
    BadFile(String),
    /// The file is larger than an import takes (`kizuna_io::limits`);
    /// nothing was read into the store.
    #[error("{0}")]
    TooLarge(String),
    /// A CSV file in a character encoding that is not read
    /// (`kizuna_io::encoding`); `found` names the one it appears to be in.
    #[error(
        "the file appears to be in the {found} character encoding, which is not read; save it as \"CSV UTF-8\" and try again"
    )]
    Encoding { found: String },
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound { entity, id } => AppError::NotFound {
                entity,
                id: id.to_string(),
            },
            StoreError::Rejected(f) => AppError::Invalid(vec![f]),
            StoreError::Conflict {
                entity,
                id,
                version,
                current,
            } => AppError::Conflict {
                entity,
                id,
                version,
                current,
            },
            other => AppError::Store(other),
        }
    }
}

impl From<kizuna_io::IoError> for AppError {
    fn from(e: kizuna_io::IoError) -> Self {
        match e {
            kizuna_io::IoError::BadFile(m) => AppError::BadFile(m),
            kizuna_io::IoError::TooLarge(m) => AppError::TooLarge(m),
            kizuna_io::IoError::Encoding { found } => AppError::Encoding { found },
        }
    }
}

impl From<Vec<FieldError>> for AppError {
    fn from(e: Vec<FieldError>) -> Self {
        AppError::Invalid(e)
    }
}

pub type Result<T, E = AppError> = std::result::Result<T, E>;
