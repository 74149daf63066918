//! Fresh databases for tests: every test gets its own, on either backend.
//!
//! PostgreSQL tests use the server named by `KIZUNA_TEST_POSTGRES_URL`
//! (default `postgres://postgres@127.0.0.1:5432/postgres`) and create a new
//! database on it for each test; the README's test command makes sure one
//! is running.

use std::sync::atomic::{AtomicU32, Ordering};

use sqlx::Connection;

use kizuna_store::{Backend, Store, StoreError};

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// The server tests create their PostgreSQL databases on.
pub fn postgres_admin_url() -> String {
    std::env::var("KIZUNA_TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// A URL of a new, empty database of the given backend.
pub async fn fresh_url(backend: Backend) -> Result<String, StoreError> {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    // The test command names its run, so that it can drop at its end what
    // its tests left (`scripts/test`).
    let run = std::env::var("KIZUNA_TEST_RUN")
        .ok()
        .filter(|r| !r.is_empty() && r.bytes().all(|b| b.is_ascii_alphanumeric()))
        .map(|r| format!("{r}_"))
        .unwrap_or_default();
    let tag = format!(
        "kizuna_test_{run}{}_{}_{}",
        std::process::id(),
        n,
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0)
    );
    match backend {
        Backend::Sqlite => {
            let dir = std::env::temp_dir().join("kizuna-tests");
            std::fs::create_dir_all(&dir).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            Ok(format!("sqlite://{}", dir.join(format!("{tag}.sqlite3")).display()))
        }
        Backend::Postgres => {
            let admin = postgres_admin_url();
            let mut conn = sqlx::PgConnection::connect(&admin).await?;
            sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {tag}")))
                .execute(&mut conn)
                .await?;
            conn.close().await?;
            let base = admin.rsplit_once('/').map(|(b, _)| b.to_owned()).unwrap_or(admin);
            Ok(format!("{base}/{tag}"))
        }
    }
}

/// A store on a new, migrated database.
pub async fn fresh_store(backend: Backend) -> Result<Store, StoreError> {
    Store::open(&fresh_url(backend).await?).await
}

/// Drop a database [`fresh_url`] made: remove the SQLite file (and its WAL
/// files), or drop the PostgreSQL database. Errors are ignored: this tidies up.
pub async fn drop_fresh(url: &str) {
    if let Some(path) = url.strip_prefix("sqlite://") {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{path}{suffix}"));
        }
    } else if let Some((_, name)) = url.rsplit_once('/')
        && name.starts_with("kizuna_test_")
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && let Ok(mut conn) = sqlx::PgConnection::connect(&postgres_admin_url()).await
    {
        let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
        )))
        .execute(&mut conn)
        .await;
        let _ = conn.close().await;
    }
}
