//! The server backend, for organisations that outgrow one machine: several
//! stateless Kizuna servers may share one PostgreSQL database.

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Connection, PgConnection, PgPool};

use crate::StoreError;

pub(crate) async fn connect(url: &str) -> Result<PgPool, StoreError> {
    connect_with(url, false).await
}

/// A pool whose every transaction is read-only (`default_transaction_read_only`):
/// for a streaming replica (`kizuna serve --read-database-url`), and so that
/// a read-only handle pointed at a primary by mistake still never writes.
pub(crate) async fn connect_read_only(url: &str) -> Result<PgPool, StoreError> {
    connect_with(url, true).await
}

async fn connect_with(url: &str, read_only: bool) -> Result<PgPool, StoreError> {
    let mut opts = PgConnectOptions::from_str(url)
        .map_err(|e| StoreError::Connect(format!("cannot read the PostgreSQL URL: {}", one_line(&e))))?;
    if read_only {
        opts = opts.options([("default_transaction_read_only", "on")]);
    }
    let at = format!("PostgreSQL at {}:{}", opts.get_host(), opts.get_port());
    // One connection first, so that a refusal is told as what it is rather
    // than as the pool's time-out.
    let probe = tokio::time::timeout(Duration::from_secs(10), PgConnection::connect_with(&opts)).await;
    match probe {
        Err(_) => {
            return Err(StoreError::Connect(format!(
                "cannot connect to {at}: no answer within 10 s"
            )));
        }
        Ok(Err(e)) => return Err(StoreError::Connect(describe(&at, &e))),
        Ok(Ok(c)) => {
            let _ = c.close().await;
        }
    }
    Ok(PgPoolOptions::new()
        .max_connections(16)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(opts)
        .await?)
}

/// A connection error in one line: what happened, where.
fn describe(at: &str, e: &sqlx::Error) -> String {
    match e {
        sqlx::Error::Io(io) => {
            let why = match io.kind() {
                std::io::ErrorKind::ConnectionRefused => {
                    "connection refused (is the server running, on that port?)".to_owned()
                }
                std::io::ErrorKind::TimedOut => "timed out".to_owned(),
                std::io::ErrorKind::NotFound => "no such host or socket".to_owned(),
                _ => io.to_string(),
            };
            format!("cannot connect to {at}: {why}")
        }
        sqlx::Error::Database(db) => format!("{at} refused the connection: {}", db.message()),
        other => format!("cannot connect to {at}: {}", one_line(other)),
    }
}

/// An error's own message, without the causes sqlx repeats after it.
pub(crate) fn one_line(e: &dyn std::fmt::Display) -> String {
    let s = e.to_string();
    match s.split_once(": ") {
        Some((head, rest)) if rest.contains(head) => head.to_owned(),
        _ => s,
    }
}
