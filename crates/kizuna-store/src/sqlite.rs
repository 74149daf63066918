//! The embedded backend: one SQLite file, in WAL mode, with foreign keys on,
//! a busy timeout and `synchronous = FULL` so that committed data survives
//! a power cut.

use std::str::FromStr;
use std::time::Duration;

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use crate::StoreError;

pub(crate) async fn connect(url: &str) -> Result<SqlitePool, StoreError> {
    let memory = url.contains(":memory:") || url.contains("mode=memory");
    let mut opts = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(10))
        .synchronous(SqliteSynchronous::Full);
    if !memory {
        opts = opts.journal_mode(SqliteJournalMode::Wal);
    }
    let pool = SqlitePoolOptions::new()
        // An in-memory database lives as long as its one connection.
        .max_connections(if memory { 1 } else { 8 })
        .min_connections(if memory { 1 } else { 0 })
        .idle_timeout(if memory { None } else { Some(Duration::from_secs(600)) })
        .max_lifetime(if memory { None } else { Some(Duration::from_secs(3600)) })
        .connect_with(opts)
        .await?;
    let version: String = sqlx::query_scalar("SELECT sqlite_version()").fetch_one(&pool).await?;
    if !is_safe_version(&version) {
        pool.close().await;
        return Err(StoreError::UnsafeSqlite(version));
    }
    Ok(pool)
}

/// Whether a SQLite library version is free of the WAL-reset bug: 3.51.3 or
/// later, or a fixed release of an older maintained branch (3.50.7+, 3.44.6+).
pub fn is_safe_version(version: &str) -> bool {
    let mut parts = version.trim().split('.').map(|p| p.parse::<u32>().ok());
    let (Some(Some(major)), Some(Some(minor))) = (parts.next(), parts.next()) else {
        return false;
    };
    let patch = parts.next().flatten().unwrap_or(0);
    match (major, minor) {
        (3, m) if m > 51 => true,
        (3, 51) => patch >= 3,
        (3, 50) => patch >= 7,
        (3, 44) => patch >= 6,
        (m, _) => m > 3,
    }
}

#[cfg(test)]
mod tests {
    use super::is_safe_version;

    #[test]
    fn refuses_libraries_with_the_wal_reset_bug() {
        for ok in ["3.51.3", "3.51.10", "3.52.0", "3.54.1", "3.50.7", "3.44.6", "4.0.0"] {
            assert!(is_safe_version(ok), "{ok}");
        }
        for bad in [
            "3.51.2", "3.51.0", "3.50.6", "3.45.3", "3.44.5", "3.46.1", "3.7.17", "", "x.y",
        ] {
            assert!(!is_safe_version(bad), "{bad}");
        }
    }
}
