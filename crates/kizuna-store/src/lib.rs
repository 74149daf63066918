//! Kizuna's storage: one interface, [`Store`], with SQLite (the embedded
//! default) and PostgreSQL behind it.
//!
//! Each query is written once, in SQL both databases accept (`$1`
//! placeholders, `RETURNING`, `ON CONFLICT`), and [`with_pool!`] runs it on
//! whichever backend the store was opened with. What differs per database —
//! connection settings, the SQLite version check, column types — lives in
//! [`sqlite`], [`postgres`] and each backend's `migrations/` folder.
//!
//! The store speaks in domain types: it parses every row it reads, so an
//! invalid value in the database surfaces as [`StoreError::Corrupt`], never
//! as a domain value that breaks a rule.

pub mod account_admin;
mod accounts;
pub mod audit;
pub mod calendar;
pub mod certificates;
pub mod changes;
mod check;
mod delegations;
pub mod dump;
mod error;
pub mod evidence;
pub mod mbtiles;
pub mod merge;
pub mod nominations;
pub mod notify;
pub mod photos;
pub mod place_list;
pub mod place_reports;
pub mod place_sort;
pub mod placement_files;
mod placements;
pub mod places;
pub mod postgres;
pub mod privacy;
mod record;
pub mod records;
pub mod schema;
pub mod sign_in_limits;
pub mod sqlite;
pub mod stats;
pub mod tourism;
pub mod training;
mod volunteer_hours;

use kizuna_domain::System;
use sqlx::{PgPool, SqlitePool};

fn system_index(system: System) -> usize {
    System::ALL.iter().position(|s| *s == system).unwrap_or(0)
}

pub use account_admin::{AccountRow, SessionRow, TokenRow};
pub use audit::{Action, Actor, AuditEntry, AuditFilter, NewEntry, Verification};
pub use changes::{Change, Op};
pub use error::StoreError;
pub use record::{Kind, Meta, Page, Record, Value};
pub use training::{NewTrainee, ParticipationInRow, RoleHeld};

/// Runs one expression against the store's pool, whichever backend it is.
/// The expression is written once and compiled for each backend.
macro_rules! with_pool {
    ($store:expr, $p:ident => $body:expr) => {
        match &$store.pool {
            $crate::Pool::Sqlite($p) => $body,
            $crate::Pool::Postgres($p) => $body,
        }
    };
}
pub(crate) use with_pool;

#[derive(Clone)]
pub(crate) enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// What [`Store::info`] reports.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StoreInfo {
    pub backend: &'static str,
    pub version: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub journal_mode: Option<String>,
    pub foreign_keys: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub synchronous_full: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub busy_timeout_ms: Option<i64>,
}

/// Which database a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The one storage interface of Kizuna. A clone (or [`Store::acting`])
/// shares the database and the counters.
#[derive(Clone)]
pub struct Store {
    pool: Pool,
    /// Writes this store (this process) has committed, per system (see
    /// [`Store::local_writes`]).
    local_writes: std::sync::Arc<[std::sync::atomic::AtomicU64; System::ALL.len()]>,
    /// Whom this handle's writes are logged as in the audit log.
    audit: audit::AuditCtx,
}

impl Store {
    /// Open (and create, for SQLite) the database a URL names, check it, and
    /// run pending migrations. `sqlite://path`, `sqlite::memory:` and
    /// `postgres://…` are understood.
    pub async fn open(url: &str) -> Result<Self, StoreError> {
        let pool = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Pool::Postgres(postgres::connect(url).await?)
        } else if url.starts_with("sqlite:") {
            Pool::Sqlite(sqlite::connect(url).await?)
        } else {
            return Err(StoreError::BadUrl(url.to_owned()));
        };
        let store = Self {
            pool,
            local_writes: Default::default(),
            audit: audit::AuditCtx::default(),
        };
        store.migrate().await?;
        store.check_schema().await?;
        store.build_small_place_sort_keys().await?;
        Ok(store)
    }

    /// Open a PostgreSQL database for reading only — a streaming replica
    /// of the primary a server writes to (`kizuna serve
    /// --read-database-url`): no migrations are run (the replica follows
    /// the primary's), every transaction is read-only, and the schema is
    /// checked as [`Store::open`] checks it.
    pub async fn open_read_only(url: &str) -> Result<Self, StoreError> {
        if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
            return Err(StoreError::Connect(
                "a read database (a replica) must be PostgreSQL: postgres://USER@HOST:PORT/DB".to_owned(),
            ));
        }
        let store = Self {
            pool: Pool::Postgres(postgres::connect_read_only(url).await?),
            local_writes: Default::default(),
            audit: audit::AuditCtx::default(),
        };
        store.check_schema().await?;
        Ok(store)
    }

    pub fn backend(&self) -> Backend {
        match self.pool {
            Pool::Sqlite(_) => Backend::Sqlite,
            Pool::Postgres(_) => Backend::Postgres,
        }
    }

    async fn migrate(&self) -> Result<(), StoreError> {
        match &self.pool {
            Pool::Sqlite(p) => sqlx::migrate!("./migrations/sqlite").run(p).await?,
            Pool::Postgres(p) => sqlx::migrate!("./migrations/postgres").run(p).await?,
        }
        Ok(())
    }

    /// A free-form setting (e.g. `dataset` = `demo`).
    pub async fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        let sql = "SELECT value FROM settings WHERE key = $1";
        Ok(with_pool!(self, p => sqlx::query_scalar(sql).bind(key).fetch_optional(p).await?))
    }

    pub async fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        let sql = "INSERT INTO settings (key, value) VALUES ($1, $2) \
                   ON CONFLICT (key) DO UPDATE SET value = excluded.value";
        with_pool!(self, p => sqlx::query(sql).bind(key).bind(value).execute(p).await.map(|_| ())?);
        Ok(())
    }

    /// How many writes to a system this store (this process) has
    /// committed: a cache of that system may skip asking the database for
    /// [`Store::system_version`] while this stays the same, for as long as
    /// it accepts not seeing other servers' writes.
    pub fn local_writes(&self, system: System) -> u64 {
        self.local_writes[system_index(system)].load(std::sync::atomic::Ordering::Acquire)
    }

    pub(crate) fn note_write(&self, system: System) {
        self.local_writes[system_index(system)].fetch_add(1, std::sync::atomic::Ordering::AcqRel);
    }

    /// Check the database answers (for `/healthz`).
    pub async fn ping(&self) -> Result<(), StoreError> {
        let _: i64 = with_pool!(self, p => sqlx::query_scalar("SELECT CAST(1 AS BIGINT)").fetch_one(p).await?);
        Ok(())
    }

    /// What the database is and how it is set up (for `/healthz` and checks).
    pub async fn info(&self) -> Result<StoreInfo, StoreError> {
        Ok(match &self.pool {
            Pool::Sqlite(p) => {
                let mut conn = p.acquire().await?;
                let version: String = sqlx::query_scalar("SELECT sqlite_version()")
                    .fetch_one(&mut *conn)
                    .await?;
                let journal_mode: String = sqlx::query_scalar("PRAGMA journal_mode").fetch_one(&mut *conn).await?;
                let foreign_keys: i64 = sqlx::query_scalar("PRAGMA foreign_keys").fetch_one(&mut *conn).await?;
                let synchronous: i64 = sqlx::query_scalar("PRAGMA synchronous").fetch_one(&mut *conn).await?;
                let busy_timeout_ms: i64 = sqlx::query_scalar("PRAGMA busy_timeout").fetch_one(&mut *conn).await?;
                StoreInfo {
                    backend: "sqlite",
                    version,
                    journal_mode: Some(journal_mode),
                    foreign_keys: foreign_keys == 1,
                    synchronous_full: Some(synchronous == 2),
                    busy_timeout_ms: Some(busy_timeout_ms),
                }
            }
            Pool::Postgres(p) => StoreInfo {
                backend: "postgres",
                version: sqlx::query_scalar("SHOW server_version").fetch_one(p).await?,
                journal_mode: None,
                foreign_keys: true,
                synchronous_full: None,
                busy_timeout_ms: None,
            },
        })
    }

    pub async fn close(&self) {
        with_pool!(self, p => p.close().await);
    }
}
