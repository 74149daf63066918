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

/// A database name no other test has: the run's name, this process and a counter.
fn fresh_name(run: &str) -> String {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let run = if run.is_empty() {
        String::new()
    } else {
        format!("{run}_")
    };
    format!(
        "kizuna_test_{run}{}_{}_{}",
        std::process::id(),
        n,
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0)
    )
}

/// A URL of a new, empty database of the given backend.
pub async fn fresh_url(backend: Backend) -> Result<String, StoreError> {
    // The test command names its run, so that it can drop at its end what
    // its tests left (`scripts/test`).
    let run = std::env::var("KIZUNA_TEST_RUN")
        .ok()
        .filter(|r| !r.is_empty() && r.bytes().all(|b| b.is_ascii_alphanumeric()))
        .unwrap_or_default();
    let tag = fresh_name(&run);
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

/// A URL of a new database holding what `make` writes, copied from a
/// template that the test run makes once: the first test that asks makes
/// it (the others wait), every later one gets a copy in a fraction of the
/// time (`CREATE DATABASE … TEMPLATE` on PostgreSQL, a file copy on
/// SQLite). Only in a named run (`KIZUNA_TEST_RUN`, set by the test
/// command, whose end drops the template with the rest): there every test
/// binary comes from one build, so one template serves them all. `None`
/// outside one; the caller then writes its own.
///
/// `make` is given the template's URL and must close every connection to
/// it before it returns.
pub async fn from_template<F, Fut>(backend: Backend, name: &str, make: F) -> Result<Option<String>, StoreError>
where
    F: FnOnce(String) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let Some(run) = std::env::var("KIZUNA_TEST_RUN")
        .ok()
        .filter(|r| !r.is_empty() && r.bytes().all(|b| b.is_ascii_alphanumeric()))
    else {
        return Ok(None);
    };
    let template = format!("kizuna_test_{run}_template_{name}");
    let copy = fresh_name(&run);
    match backend {
        Backend::Sqlite => {
            let dir = std::env::temp_dir().join("kizuna-tests");
            std::fs::create_dir_all(&dir).map_err(io)?;
            let file = dir.join(format!("{template}.sqlite3"));
            let lock = dir.join(format!("{template}.lock"));
            // The first to create the lock file makes the template; the
            // others wait for it (a maker that dies leaves the lock: they
            // give up after two minutes rather than hang).
            match std::fs::OpenOptions::new().write(true).create_new(true).open(&lock) {
                Ok(_) => {
                    let building = dir.join(format!("{template}.building.sqlite3"));
                    make(format!("sqlite://{}", building.display())).await;
                    // One self-contained file, whatever the journal left,
                    // made under a side name and renamed: the waiting tests
                    // never see it half-written.
                    let part = dir.join(format!("{template}.part"));
                    let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{}", building.display())).await?;
                    sqlx::query("VACUUM INTO ?")
                        .bind(part.display().to_string())
                        .execute(&mut conn)
                        .await?;
                    conn.close().await?;
                    std::fs::rename(&part, &file).map_err(io)?;
                    for suffix in ["", "-wal", "-shm"] {
                        let _ = std::fs::remove_file(format!("{}{suffix}", building.display()));
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let mut waited = 0;
                    while !file.exists() {
                        if waited > 1200 {
                            return Err(StoreError::Corrupt(format!(
                                "the template {} was never made",
                                file.display()
                            )));
                        }
                        std::thread::sleep(std::time::Duration::from_millis(100));
                        waited += 1;
                    }
                }
                Err(e) => return Err(io(e)),
            }
            let target = dir.join(format!("{copy}.sqlite3"));
            // Copied under a side name, then renamed: never seen half-written.
            let side = dir.join(format!("{copy}.part"));
            std::fs::copy(&file, &side).map_err(io)?;
            std::fs::rename(&side, &target).map_err(io)?;
            Ok(Some(format!("sqlite://{}", target.display())))
        }
        Backend::Postgres => {
            let admin = postgres_admin_url();
            let base = admin
                .rsplit_once('/')
                .map(|(b, _)| b.to_owned())
                .unwrap_or(admin.clone());
            let mut conn = sqlx::PgConnection::connect(&admin).await?;
            // One maker at a time, across the run's test processes.
            let key = template
                .bytes()
                .fold(0i64, |h, b| h.wrapping_mul(31).wrapping_add(i64::from(b)));
            sqlx::query("SELECT pg_advisory_lock($1)")
                .bind(key)
                .execute(&mut conn)
                .await?;
            let exists: Option<i32> = sqlx::query_scalar("SELECT 1 FROM pg_database WHERE datname = $1")
                .bind(&template)
                .fetch_optional(&mut conn)
                .await?;
            if exists.is_none() {
                let building = format!("{template}_b");
                sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                    "DROP DATABASE IF EXISTS {building} WITH (FORCE)"
                )))
                .execute(&mut conn)
                .await?;
                sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {building}")))
                    .execute(&mut conn)
                    .await?;
                make(format!("{base}/{building}")).await;
                sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                    "ALTER DATABASE {building} RENAME TO {template}"
                )))
                .execute(&mut conn)
                .await?;
            }
            let made = sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                "CREATE DATABASE {copy} TEMPLATE {template}"
            )))
            .execute(&mut conn)
            .await;
            sqlx::query("SELECT pg_advisory_unlock($1)")
                .bind(key)
                .execute(&mut conn)
                .await?;
            conn.close().await?;
            made?;
            Ok(Some(format!("{base}/{copy}")))
        }
    }
}

fn io(e: std::io::Error) -> StoreError {
    StoreError::Corrupt(e.to_string())
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
