//! The sign-in limits' counts (see `kizuna_domain::common::sign_in_limits`
//! for the policy): failures by (kind, subject), where the subject is a
//! hash the application makes of an account and/or an address, and the
//! addresses (hashed with their account) each account signed in from.
//! Times are Unix seconds.

use kizuna_domain::common::sign_in_limits::{Failures, Policy, Scope};

use crate::{Store, StoreError, with_pool};

/// How long an address an account signed in from stays known without
/// being used again, in seconds.
pub const KNOWN_FOR_S: i64 = 90 * 24 * 3600;

fn scope(kind: &str) -> Result<Scope, StoreError> {
    Scope::ALL
        .into_iter()
        .find(|s| s.as_str() == kind)
        .ok_or_else(|| StoreError::Corrupt(format!("sign-in failures: unknown kind {kind:?}")))
}

impl Store {
    /// The setting `key`, set to `candidate` first if it has none: the first
    /// writer wins, so servers starting together agree on one value.
    pub async fn setting_or_insert(&self, key: &str, candidate: &str) -> Result<String, StoreError> {
        if let Some(v) = self.setting(key).await? {
            return Ok(v);
        }
        let sql = "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING";
        with_pool!(self, p => sqlx::query(sql).bind(key).bind(candidate).execute(p).await.map(|_| ()))?;
        self.setting(key)
            .await?
            .ok_or_else(|| StoreError::Corrupt(format!("the setting {key} vanished as it was written")))
    }

    /// The failures kept for these subjects (those without any are left out).
    pub async fn sign_in_failures(&self, keys: &[(Scope, String)]) -> Result<Vec<(Scope, Failures)>, StoreError> {
        let sql = "SELECT kind, failures, last_failure FROM sign_in_failures WHERE kind = $1 AND subject = $2";
        let mut out = Vec::new();
        for (s, subject) in keys {
            let row: Option<(String, i64, i64)> = with_pool!(self, p => sqlx::query_as(sql)
                .bind(s.as_str()).bind(subject).fetch_optional(p).await?);
            if let Some((kind, count, last)) = row {
                let count = u32::try_from(count)
                    .map_err(|_| StoreError::Corrupt(format!("sign-in failures: count {count}")))?;
                out.push((scope(&kind)?, Failures { count, last }));
            }
        }
        Ok(out)
    }

    /// One more failure of each subject at `now`, in one transaction; a
    /// count whose last failure is older than the policy's window starts
    /// again from one. Each row keeps when it is free again (`blocked_until`).
    pub async fn add_sign_in_failures(
        &self,
        keys: &[(Scope, String)],
        now: i64,
        policy: &Policy,
    ) -> Result<(), StoreError> {
        let upsert = "INSERT INTO sign_in_failures (kind, subject, failures, first_failure, last_failure, blocked_until) \
                      VALUES ($1, $2, 1, $3, $3, $3) \
                      ON CONFLICT (kind, subject) DO UPDATE SET \
                      failures = CASE WHEN sign_in_failures.last_failure <= $4 THEN 1 ELSE sign_in_failures.failures + 1 END, \
                      first_failure = CASE WHEN sign_in_failures.last_failure <= $4 THEN $3 ELSE sign_in_failures.first_failure END, \
                      last_failure = $3 \
                      RETURNING failures";
        let block = "UPDATE sign_in_failures SET blocked_until = $3 WHERE kind = $1 AND subject = $2";
        let window_start = now - policy.window_s;
        with_pool!(self, p => {
            let mut tx = p.begin().await?;
            for (s, subject) in keys {
                let count: i64 = sqlx::query_scalar(upsert)
                    .bind(s.as_str()).bind(subject).bind(now).bind(window_start)
                    .fetch_one(&mut *tx).await?;
                let count = u32::try_from(count).unwrap_or(u32::MAX);
                let until = policy.free_at(*s, Failures { count, last: now }, now);
                sqlx::query(block).bind(s.as_str()).bind(subject).bind(until).execute(&mut *tx).await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// Forget the failures of one subject (an address that signed in to
    /// the account it had failed on).
    pub async fn clear_sign_in_failures(&self, s: Scope, subject: &str) -> Result<(), StoreError> {
        let sql = "DELETE FROM sign_in_failures WHERE kind = $1 AND subject = $2";
        with_pool!(self, p => sqlx::query(sql).bind(s.as_str()).bind(subject).execute(p).await.map(|_| ()))?;
        Ok(())
    }

    /// Whether an account signed in from an address (their joint hash)
    /// within [`KNOWN_FOR_S`] of `now`.
    pub async fn sign_in_known(&self, subject: &str, now: i64) -> Result<bool, StoreError> {
        let sql = "SELECT last_success FROM sign_in_known WHERE subject = $1";
        let last: Option<i64> = with_pool!(self, p => sqlx::query_scalar(sql).bind(subject).fetch_optional(p).await?);
        Ok(last.is_some_and(|t| now - t < KNOWN_FOR_S))
    }

    /// Remember that an account signed in from an address at `now`.
    pub async fn remember_sign_in(&self, subject: &str, now: i64) -> Result<(), StoreError> {
        let sql = "INSERT INTO sign_in_known (subject, last_success) VALUES ($1, $2) \
                   ON CONFLICT (subject) DO UPDATE SET last_success = excluded.last_success";
        with_pool!(self, p => sqlx::query(sql).bind(subject).bind(now).execute(p).await.map(|_| ()))?;
        Ok(())
    }

    /// Delete the counts past their window and no longer blocking, and the
    /// known addresses unused for [`KNOWN_FOR_S`]; how many rows went.
    pub async fn purge_sign_in_limits(&self, now: i64, policy: &Policy) -> Result<u64, StoreError> {
        let failures = "DELETE FROM sign_in_failures WHERE last_failure <= $1 AND blocked_until <= $2";
        let known = "DELETE FROM sign_in_known WHERE last_success <= $1";
        let a = with_pool!(self, p => sqlx::query(failures).bind(now - policy.window_s).bind(now)
            .execute(p).await.map(|r| r.rows_affected()))?;
        let b = with_pool!(self, p => sqlx::query(known).bind(now - KNOWN_FOR_S)
            .execute(p).await.map(|r| r.rows_affected()))?;
        Ok(a + b)
    }

    /// How many rows the sign-in limits hold (failure counts, known addresses).
    pub async fn sign_in_limit_rows(&self) -> Result<(i64, i64), StoreError> {
        let a: i64 =
            with_pool!(self, p => sqlx::query_scalar("SELECT COUNT(*) FROM sign_in_failures").fetch_one(p).await?);
        let b: i64 =
            with_pool!(self, p => sqlx::query_scalar("SELECT COUNT(*) FROM sign_in_known").fetch_one(p).await?);
        Ok((a, b))
    }
}
