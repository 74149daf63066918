//! Managing accounts and API tokens: the account list, disabling and
//! deleting accounts, a person's own sessions, tokens with a scope and an
//! expiry (listed, revoked), and one-time links to set a new password.
//! Secrets are stored only as SHA-256 hashes, as in [`crate::accounts`].

use chrono::{DateTime, Utc};
use kizuna_domain::common::Id;
use kizuna_domain::common::access::TokenScope;
use kizuna_domain::common::account::{Role, User};

use crate::{Store, StoreError, with_pool};

/// An account as the administrators' list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountRow {
    pub user: User,
    /// The key of a partner's organisation.
    pub organisation_key: Option<String>,
    pub created_at: DateTime<Utc>,
    pub disabled_at: Option<DateTime<Utc>>,
    /// Sessions that have not expired.
    pub sessions: i64,
    /// When the newest of those sessions began (the last sign-in still open).
    pub last_sign_in: Option<DateTime<Utc>>,
}

/// A sign-in session as its owner sees it in their list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRow {
    /// The session's stored hash (never the cookie itself).
    pub token_hash: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// An API token as the administrators' list shows it (never the secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenRow {
    pub id: Id,
    pub name: String,
    pub user_id: Id,
    pub email: String,
    pub scope: TokenScope,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
}

impl TokenRow {
    /// Neither revoked nor expired at `now`.
    pub fn active(&self, now: DateTime<Utc>) -> bool {
        self.revoked_at.is_none() && self.expires_at.is_none_or(|e| e > now)
    }
}

/// An account's id, e-mail, role, organisation and person.
type UserRow = (i64, String, String, Option<i64>, Option<i64>);
/// An account's columns and one more.
type UserRowWith<T> = (i64, String, String, Option<i64>, Option<i64>, T);

type AccountTuple = (
    i64,
    String,
    String,
    Option<i64>,
    Option<i64>,
    Option<String>,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
    i64,
    Option<DateTime<Utc>>,
);

type TokenTuple = (
    i64,
    String,
    i64,
    String,
    String,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
    Option<DateTime<Utc>>,
    Option<DateTime<Utc>>,
);

fn role(id: i64, raw: &str) -> Result<Role, StoreError> {
    raw.parse().map_err(|e| StoreError::Corrupt(format!("user {id}: {e}")))
}

fn token_row(t: TokenTuple) -> Result<TokenRow, StoreError> {
    let (id, name, user_id, email, scope, created_at, expires_at, revoked_at, last_used_at) = t;
    let scope = scope
        .parse()
        .map_err(|e| StoreError::Corrupt(format!("token {id}: {e}")))?;
    Ok(TokenRow {
        id,
        name,
        user_id,
        email,
        scope,
        created_at,
        expires_at,
        revoked_at,
        last_used_at,
    })
}

/// How long a token's "last used" time may lag: it is written at most this
/// often, so a busy token costs no write per request.
pub const LAST_USED_STEP: chrono::TimeDelta = chrono::TimeDelta::minutes(5);

impl Store {
    /// Every account with its organisation, state and open sessions, by e-mail.
    pub async fn account_rows(&self, now: DateTime<Utc>) -> Result<Vec<AccountRow>, StoreError> {
        let sql = "SELECT u.id, u.email, u.role, u.organisation_id, u.person_id, o.key, u.created_at, u.disabled_at, \
                   (SELECT COUNT(*) FROM user_sessions s WHERE s.user_id = u.id AND s.expires_at > $1), \
                   (SELECT MAX(s.created_at) FROM user_sessions s WHERE s.user_id = u.id AND s.expires_at > $1) \
                   FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id ORDER BY u.email";
        let rows: Vec<AccountTuple> = with_pool!(self, p => sqlx::query_as(sql).bind(now).fetch_all(p).await?);
        rows.into_iter()
            .map(
                |(id, email, r, organisation_id, person_id, key, created_at, disabled_at, sessions, last)| {
                    Ok(AccountRow {
                        user: User {
                            id,
                            email,
                            role: role(id, &r)?,
                            organisation_id,
                            person_id,
                        },
                        organisation_key: key,
                        created_at,
                        disabled_at,
                        sessions,
                        last_sign_in: last,
                    })
                },
            )
            .collect()
    }

    /// One account by id, and whether it is disabled.
    pub async fn user_by_id(&self, id: Id) -> Result<Option<(User, bool)>, StoreError> {
        let sql =
            "SELECT id, email, role, organisation_id, person_id, disabled_at IS NOT NULL FROM users WHERE id = $1";
        let row: Option<UserRowWith<bool>> =
            with_pool!(self, p => sqlx::query_as(sql).bind(id).fetch_optional(p).await?);
        row.map(|(id, email, r, organisation_id, person_id, disabled)| {
            Ok((
                User {
                    id,
                    email,
                    role: role(id, &r)?,
                    organisation_id,
                    person_id,
                },
                disabled,
            ))
        })
        .transpose()
    }

    /// Whether an account is disabled (an unknown one counts as disabled).
    pub async fn user_disabled(&self, id: Id) -> Result<bool, StoreError> {
        let sql = "SELECT disabled_at IS NOT NULL FROM users WHERE id = $1";
        let row: Option<bool> = with_pool!(self, p => sqlx::query_scalar(sql).bind(id).fetch_optional(p).await?);
        Ok(row.unwrap_or(true))
    }

    /// Administrators that are not disabled.
    pub async fn enabled_admins(&self) -> Result<i64, StoreError> {
        let sql = "SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled_at IS NULL";
        Ok(with_pool!(self, p => sqlx::query_scalar(sql).fetch_one(p).await?))
    }

    /// Disable an account at `now`: in one transaction its sessions end and
    /// its tokens are revoked. Returns whether it was enabled before.
    pub async fn disable_user(&self, id: Id, now: DateTime<Utc>) -> Result<bool, StoreError> {
        with_pool!(self, p => {
            let mut tx = p.begin().await?;
            let changed = sqlx::query("UPDATE users SET disabled_at = $1 WHERE id = $2 AND disabled_at IS NULL")
                .bind(now).bind(id).execute(&mut *tx).await?.rows_affected() > 0;
            sqlx::query("DELETE FROM user_sessions WHERE user_id = $1").bind(id).execute(&mut *tx).await?;
            sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL")
                .bind(now).bind(id).execute(&mut *tx).await?;
            sqlx::query("DELETE FROM password_resets WHERE user_id = $1").bind(id).execute(&mut *tx).await?;
            tx.commit().await?;
            Ok(changed)
        })
    }

    /// Let a disabled account sign in again (its revoked tokens stay revoked).
    /// Returns whether it was disabled before.
    pub async fn enable_user(&self, id: Id) -> Result<bool, StoreError> {
        let sql = "UPDATE users SET disabled_at = NULL WHERE id = $1 AND disabled_at IS NOT NULL";
        Ok(with_pool!(self, p => sqlx::query(sql).bind(id).execute(p).await?.rows_affected()) > 0)
    }

    /// Delete an account; its sessions, tokens and reset links go with it.
    /// Returns whether there was one.
    pub async fn delete_user(&self, id: Id) -> Result<bool, StoreError> {
        let sql = "DELETE FROM users WHERE id = $1";
        let n = with_pool!(self, p => sqlx::query(sql).bind(id).execute(p).await
            .map_err(|e| StoreError::from_write(e, "account", "email"))?
            .rows_affected());
        Ok(n > 0)
    }

    /// An account's sessions that have not expired, newest first.
    pub async fn sessions_of(&self, user_id: Id, now: DateTime<Utc>) -> Result<Vec<SessionRow>, StoreError> {
        let sql = "SELECT token_hash, created_at, expires_at FROM user_sessions \
                   WHERE user_id = $1 AND expires_at > $2 ORDER BY created_at DESC, token_hash";
        let rows: Vec<(String, DateTime<Utc>, DateTime<Utc>)> =
            with_pool!(self, p => sqlx::query_as(sql).bind(user_id).bind(now).fetch_all(p).await?);
        Ok(rows
            .into_iter()
            .map(|(token_hash, created_at, expires_at)| SessionRow {
                token_hash,
                created_at,
                expires_at,
            })
            .collect())
    }

    /// End every session of an account but `keep` (a session's hash).
    /// Returns how many ended.
    pub async fn end_sessions(&self, user_id: Id, keep: Option<&str>) -> Result<u64, StoreError> {
        let sql = "DELETE FROM user_sessions WHERE user_id = $1 AND token_hash <> $2";
        Ok(
            with_pool!(self, p => sqlx::query(sql).bind(user_id).bind(keep.unwrap_or("")).execute(p).await?.rows_affected()),
        )
    }

    /// Set a password and end every session of the account but `keep`, in
    /// one transaction.
    pub async fn change_password(
        &self,
        user_id: Id,
        password_hash: &str,
        keep: Option<&str>,
    ) -> Result<(), StoreError> {
        with_pool!(self, p => {
            let mut tx = p.begin().await?;
            sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
                .bind(password_hash).bind(user_id).execute(&mut *tx).await?;
            sqlx::query("DELETE FROM user_sessions WHERE user_id = $1 AND token_hash <> $2")
                .bind(user_id).bind(keep.unwrap_or("")).execute(&mut *tx).await?;
            tx.commit().await?;
        });
        Ok(())
    }

    /// A token with its scope and expiry; returns its id.
    pub async fn insert_scoped_token(
        &self,
        token_hash: &str,
        user_id: Id,
        name: &str,
        scope: TokenScope,
        now: DateTime<Utc>,
        expires_at: Option<DateTime<Utc>>,
    ) -> Result<Id, StoreError> {
        let sql = "INSERT INTO api_tokens (token_hash, user_id, name, scope, created_at, expires_at) \
                   VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
        Ok(with_pool!(self, p => sqlx::query_scalar(sql)
            .bind(token_hash).bind(user_id).bind(name).bind(scope.as_str()).bind(now).bind(expires_at)
            .fetch_one(p).await?))
    }

    /// Every token (or one account's), newest first.
    pub async fn token_rows(&self, user_id: Option<Id>) -> Result<Vec<TokenRow>, StoreError> {
        let sql = "SELECT t.id, t.name, t.user_id, u.email, t.scope, t.created_at, t.expires_at, t.revoked_at, \
                   t.last_used_at FROM api_tokens t JOIN users u ON u.id = t.user_id \
                   WHERE $1 IS NULL OR t.user_id = $1 ORDER BY t.created_at DESC, t.id DESC";
        let rows: Vec<TokenTuple> = with_pool!(self, p => sqlx::query_as(sql).bind(user_id).fetch_all(p).await?);
        rows.into_iter().map(token_row).collect()
    }

    /// One token by id.
    pub async fn token_row(&self, id: Id) -> Result<Option<TokenRow>, StoreError> {
        let sql = "SELECT t.id, t.name, t.user_id, u.email, t.scope, t.created_at, t.expires_at, t.revoked_at, \
                   t.last_used_at FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.id = $1";
        let row: Option<TokenTuple> = with_pool!(self, p => sqlx::query_as(sql).bind(id).fetch_optional(p).await?);
        row.map(token_row).transpose()
    }

    /// Revoke a token at `now`; returns whether it was active before.
    pub async fn revoke_token(&self, id: Id, now: DateTime<Utc>) -> Result<bool, StoreError> {
        let sql = "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL";
        Ok(with_pool!(self, p => sqlx::query(sql).bind(now).bind(id).execute(p).await?.rows_affected()) > 0)
    }

    /// Note that a token was used at `now`, unless that was noted less than
    /// [`LAST_USED_STEP`] ago (so most requests write nothing).
    pub async fn token_used(&self, token_hash: &str, now: DateTime<Utc>) -> Result<(), StoreError> {
        // Read first: an UPDATE that changes nothing still takes SQLite's write lock.
        let read = "SELECT last_used_at FROM api_tokens WHERE token_hash = $1";
        let last: Option<Option<DateTime<Utc>>> =
            with_pool!(self, p => sqlx::query_scalar(read).bind(token_hash).fetch_optional(p).await?);
        let Some(last) = last else { return Ok(()) };
        if last.is_some_and(|t| now - t < LAST_USED_STEP) {
            return Ok(());
        }
        let sql = "UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2 \
                   AND (last_used_at IS NULL OR last_used_at < $3)";
        with_pool!(self, p => sqlx::query(sql).bind(now).bind(token_hash).bind(now - LAST_USED_STEP)
            .execute(p).await.map(|_| ()))?;
        Ok(())
    }

    /// A one-time link to set a new password; earlier links of the account
    /// stop working.
    pub async fn insert_password_reset(
        &self,
        token_hash: &str,
        user_id: Id,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        with_pool!(self, p => {
            let mut tx = p.begin().await?;
            sqlx::query("DELETE FROM password_resets WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
            sqlx::query("INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
                .bind(token_hash).bind(user_id).bind(now).bind(expires_at).execute(&mut *tx).await?;
            tx.commit().await?;
        });
        Ok(())
    }

    /// The account a reset link is for, if it is unused, unexpired and the
    /// account not disabled.
    pub async fn password_reset_user(&self, token_hash: &str, now: DateTime<Utc>) -> Result<Option<User>, StoreError> {
        let sql = "SELECT u.id, u.email, u.role, u.organisation_id, u.person_id FROM password_resets r JOIN users u ON u.id = r.user_id \
                   WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > $2 AND u.disabled_at IS NULL";
        let row: Option<UserRow> =
            with_pool!(self, p => sqlx::query_as(sql).bind(token_hash).bind(now).fetch_optional(p).await?);
        row.map(|(id, email, r, organisation_id, person_id)| {
            Ok(User {
                id,
                email,
                role: role(id, &r)?,
                organisation_id,
                person_id,
            })
        })
        .transpose()
    }

    /// Use a reset link: in one transaction mark it used (only if it is
    /// still valid), set the password and end every session of the
    /// account. Returns the account, or `None` when the link was not valid.
    pub async fn use_password_reset(
        &self,
        token_hash: &str,
        password_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Id>, StoreError> {
        let claim = "UPDATE password_resets SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 \
                     AND user_id IN (SELECT id FROM users WHERE disabled_at IS NULL) RETURNING user_id";
        with_pool!(self, p => {
            let mut tx = p.begin().await?;
            let user_id: Option<i64> = sqlx::query_scalar(claim).bind(now).bind(token_hash)
                .fetch_optional(&mut *tx).await?;
            let Some(user_id) = user_id else {
                return Ok(None);
            };
            sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
                .bind(password_hash).bind(user_id).execute(&mut *tx).await?;
            sqlx::query("DELETE FROM user_sessions WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
            tx.commit().await?;
            Ok(Some(user_id))
        })
    }
}
