//! Hearing other servers' writes as they commit (PostgreSQL only).
//!
//! Migration 26 makes every bump of a system's version in
//! `system_versions` send `NOTIFY kizuna_changes, '<system> <version>'`
//! inside the writing transaction; PostgreSQL delivers it when (and only
//! if) that transaction commits. [`Store::follow_changes`] keeps one
//! connection listening on that channel and hands each notification on as
//! a [`Notice`]. If the connection drops (a restarted database, a
//! terminated backend, a network cut) it connects again, waiting longer
//! after each failure (0.1 s doubling to 5 s), and says
//! [`Notice::Listening`] once it listens again: writes committed while
//! nobody listened were not heard, so whoever follows catches up from the
//! change feed then.

use std::time::Duration;

use kizuna_domain::System;
use sqlx::postgres::{PgListener, PgPool};
use tokio::sync::mpsc;

use crate::{Pool, Store};

/// The channel migration 26's trigger notifies.
pub const CHANNEL: &str = "kizuna_changes";

/// What a follower of the change feed hears.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// A write to `system` committed (by any server, or the command line),
    /// taking it to `version`.
    Changed { system: System, version: i64 },
    /// Listening, for the first time or again after the connection was
    /// lost: changes made before may not have been heard.
    Listening,
}

/// The first wait after a failure to listen, and the longest.
const BACKOFF_FIRST: Duration = Duration::from_millis(100);
const BACKOFF_MOST: Duration = Duration::from_secs(5);

impl Store {
    /// Notices of every committed write, from a task that listens until
    /// the receiver is dropped or the store is closed; `None` on SQLite,
    /// where one process serves a database file (followers poll instead).
    pub fn follow_changes(&self) -> Option<mpsc::UnboundedReceiver<Notice>> {
        let Pool::Postgres(pool) = &self.pool else {
            return None;
        };
        let (tx, rx) = mpsc::unbounded_channel();
        tokio::spawn(listen(pool.clone(), tx));
        Some(rx)
    }
}

/// A notification's payload, `"<system> <version>"`.
pub fn parse_payload(payload: &str) -> Option<Notice> {
    let (system, version) = payload.split_once(' ')?;
    Some(Notice::Changed {
        system: system.parse().ok()?,
        version: version.parse().ok()?,
    })
}

/// Why listening stopped for good.
enum Stop {
    /// Nobody follows any more.
    Unfollowed,
    /// The store was closed.
    Closed,
}

async fn listen(pool: PgPool, tx: mpsc::UnboundedSender<Notice>) {
    let mut wait = BACKOFF_FIRST;
    loop {
        match listen_once(&pool, &tx).await {
            Ok(stop) => {
                tracing::debug!(
                    closed = matches!(stop, Stop::Closed),
                    "no longer listening for other servers' writes"
                );
                return;
            }
            Err((e, heard)) => {
                if pool.is_closed() || tx.is_closed() {
                    return;
                }
                if heard {
                    // It worked for a while: start again from the shortest wait.
                    wait = BACKOFF_FIRST;
                }
                tracing::warn!(
                    error = %crate::postgres::one_line(&e),
                    retry_in_ms = wait.as_millis() as u64,
                    "lost the connection that hears other servers' writes; connecting again"
                );
                tokio::time::sleep(wait).await;
                wait = (wait * 2).min(BACKOFF_MOST);
            }
        }
    }
}

/// Listen on one connection until it fails (the error, and whether it
/// ever listened) or listening should stop.
async fn listen_once(pool: &PgPool, tx: &mpsc::UnboundedSender<Notice>) -> Result<Stop, (sqlx::Error, bool)> {
    let mut listener = PgListener::connect_with(pool).await.map_err(|e| (e, false))?;
    // Reconnecting is done here, so that every loss is said as `Listening`.
    listener.eager_reconnect(false);
    listener.listen(CHANNEL).await.map_err(|e| (e, false))?;
    if tx.send(Notice::Listening).is_err() {
        return Ok(Stop::Unfollowed);
    }
    loop {
        let next = tokio::select! {
            n = listener.try_recv() => n,
            () = tx.closed() => return Ok(Stop::Unfollowed),
        };
        match next {
            Ok(Some(n)) => match parse_payload(n.payload()) {
                Some(notice) => {
                    if tx.send(notice).is_err() {
                        return Ok(Stop::Unfollowed);
                    }
                }
                None => tracing::warn!(payload = n.payload(), "a change notification not understood; ignored"),
            },
            Ok(None) => return Err((sqlx::Error::Protocol("the listening connection was lost".into()), true)),
            Err(sqlx::Error::PoolClosed) => return Ok(Stop::Closed),
            Err(e) => return Err((e, true)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_are_read() {
        assert_eq!(
            parse_payload("map 42"),
            Some(Notice::Changed {
                system: System::Map,
                version: 42
            })
        );
        assert_eq!(parse_payload("map"), None);
        assert_eq!(parse_payload("nosuch 1"), None);
        assert_eq!(parse_payload("map x"), None);
    }
}
