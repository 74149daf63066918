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
    let parsed = SqliteConnectOptions::from_str(url).map_err(|e| {
        StoreError::Connect(format!(
            "cannot read the SQLite URL {url}: {}",
            crate::postgres::one_line(&e)
        ))
    })?;
    let file = parsed.get_filename().to_path_buf();
    if !memory {
        // SQLite says only "unable to open database file": say which part is missing.
        let dir = match file.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => std::path::PathBuf::from("."),
        };
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !dir.is_dir() {
            return Err(StoreError::Connect(format!(
                "the directory {} for {name} does not exist; create it first or choose another path",
                dir.display()
            )));
        }
    }
    let mut opts = parsed
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
        .await
        .map_err(|e| match &e {
            sqlx::Error::Database(db) => StoreError::Connect(format!(
                "cannot open the SQLite database {}: {}",
                file.display(),
                db.message()
            )),
            _ => StoreError::Connect(format!(
                "cannot open the SQLite database {}: {}",
                file.display(),
                crate::postgres::one_line(&e)
            )),
        })?;
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
