//! The calendar's stored parts: private feeds (a name, filters and the
//! SHA-256 of a secret, as API tokens are kept; listed, revoked) and when
//! each record last changed, from the change feed (an event's
//! `LAST-MODIFIED`).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use kizuna_domain::common::Id;

use crate::{Store, StoreError, with_pool};

/// A private feed as staff list it (never its secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedRow {
    pub id: Id,
    pub name: String,
    /// The kinds shown, as stored (comma-separated; empty for all).
    pub kinds: String,
    pub programme_id: Option<Id>,
    pub locality_id: Option<Id>,
    pub include_private: bool,
    pub created_by: Option<Id>,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
}

/// A feed to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFeed<'a> {
    pub secret_hash: &'a str,
    pub name: &'a str,
    pub kinds: &'a str,
    pub programme_id: Option<Id>,
    pub locality_id: Option<Id>,
    pub include_private: bool,
    pub created_by: Option<Id>,
}

type FeedTuple = (
    i64,
    String,
    String,
    Option<i64>,
    Option<i64>,
    bool,
    Option<i64>,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
    Option<DateTime<Utc>>,
);

fn feed(
    (id, name, kinds, programme_id, locality_id, include_private, created_by, created_at, revoked_at, last_used_at): FeedTuple,
) -> FeedRow {
    FeedRow {
        id,
        name,
        kinds,
        programme_id,
        locality_id,
        include_private,
        created_by,
        created_at,
        revoked_at,
        last_used_at,
    }
}

macro_rules! feed_columns {
    () => {
        "SELECT id, name, kinds, programme_id, locality_id, include_private, created_by, created_at, revoked_at, last_used_at FROM calendar_feeds "
    };
}

impl Store {
    /// Stores a new feed; its id.
    pub async fn insert_calendar_feed(&self, f: &NewFeed<'_>, now: DateTime<Utc>) -> Result<Id, StoreError> {
        let sql = "INSERT INTO calendar_feeds (secret_hash, name, kinds, programme_id, locality_id, include_private, created_by, created_at) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
        let id: i64 = with_pool!(self, p => sqlx::query_scalar(sql)
            .bind(f.secret_hash).bind(f.name).bind(f.kinds).bind(f.programme_id).bind(f.locality_id)
            .bind(f.include_private).bind(f.created_by).bind(now)
            .fetch_one(p).await?);
        Ok(id)
    }

    /// Every feed, newest first, revoked ones included.
    pub async fn calendar_feeds(&self) -> Result<Vec<FeedRow>, StoreError> {
        let sql = concat!(feed_columns!(), "ORDER BY created_at DESC, id DESC");
        let rows: Vec<FeedTuple> = with_pool!(self, p => sqlx::query_as(sql).fetch_all(p).await?);
        Ok(rows.into_iter().map(feed).collect())
    }

    /// The feed a secret opens, unless revoked; its use noted.
    pub async fn calendar_feed_by_secret(
        &self,
        secret_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<FeedRow>, StoreError> {
        let sql = concat!(feed_columns!(), "WHERE secret_hash = $1 AND revoked_at IS NULL");
        let row: Option<FeedTuple> =
            with_pool!(self, p => sqlx::query_as(sql).bind(secret_hash).fetch_optional(p).await?);
        if let Some(r) = &row {
            let sql = "UPDATE calendar_feeds SET last_used_at = $1 WHERE id = $2";
            with_pool!(self, p => sqlx::query(sql).bind(now).bind(r.0).execute(p).await.map(|_| ()))?;
        }
        Ok(row.map(feed))
    }

    /// Revokes a feed; whether one was open to revoke.
    pub async fn revoke_calendar_feed(&self, id: Id, now: DateTime<Utc>) -> Result<bool, StoreError> {
        let sql = "UPDATE calendar_feeds SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL";
        let n = with_pool!(self, p => sqlx::query(sql).bind(now).bind(id).execute(p).await.map(|r| r.rows_affected()))?;
        Ok(n > 0)
    }

    /// When each record of an entity last changed, by the change feed.
    pub async fn last_changed(&self, entity: &str) -> Result<HashMap<Id, DateTime<Utc>>, StoreError> {
        let sql = "SELECT record_id, MAX(changed_at) FROM changes WHERE entity = $1 GROUP BY record_id";
        let rows: Vec<(i64, DateTime<Utc>)> =
            with_pool!(self, p => sqlx::query_as(sql).bind(entity).fetch_all(p).await?);
        Ok(rows.into_iter().collect())
    }
}
