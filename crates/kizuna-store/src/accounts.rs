//! Accounts, sign-in sessions and API tokens. Secrets are stored only as
//! hashes: passwords as argon2id, tokens as SHA-256 (they are random).

use chrono::{DateTime, Utc};
use kizuna_domain::common::account::{Role, User};

use crate::{Store, StoreError, with_pool};

type UserRow = (i64, String, String, Option<i64>, Option<i64>);
/// A user's columns and one more (a password hash, a CSRF token, a scope).
type UserRowWith<T> = (i64, String, String, Option<i64>, Option<i64>, T);

fn user(row: UserRow) -> Result<User, StoreError> {
    let (id, email, role, organisation_id, person_id) = row;
    let role: Role = role
        .parse()
        .map_err(|e| StoreError::Corrupt(format!("user {id}: {e}")))?;
    Ok(User {
        id,
        email,
        role,
        organisation_id,
        person_id,
    })
}

impl Store {
    pub async fn insert_user(
        &self,
        email: &str,
        password_hash: &str,
        role: Role,
        organisation_id: Option<i64>,
        person_id: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<User, StoreError> {
        let sql = "INSERT INTO users (email, password_hash, role, organisation_id, person_id, created_at) \
                   VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
        let id: i64 = with_pool!(self, p => sqlx::query_scalar(sql)
            .bind(email).bind(password_hash).bind(role.as_str()).bind(organisation_id).bind(person_id).bind(now)
            .fetch_one(p).await)
        .map_err(|e| StoreError::from_write(e, "account", "email"))?;
        Ok(User {
            id,
            email: email.to_owned(),
            role,
            organisation_id,
            person_id,
        })
    }

    pub async fn set_password_hash(&self, user_id: i64, password_hash: &str) -> Result<(), StoreError> {
        let sql = "UPDATE users SET password_hash = $1 WHERE id = $2";
        with_pool!(self, p => sqlx::query(sql).bind(password_hash).bind(user_id).execute(p).await.map(|_| ()))?;
        Ok(())
    }

    /// An account and its password hash, by e-mail.
    pub async fn user_by_email(&self, email: &str) -> Result<Option<(User, String)>, StoreError> {
        let sql = "SELECT id, email, role, organisation_id, person_id, password_hash FROM users WHERE email = $1";
        let row: Option<UserRowWith<String>> =
            with_pool!(self, p => sqlx::query_as(sql).bind(email).fetch_optional(p).await?);
        row.map(|(id, e, r, o, pe, hash)| Ok((user((id, e, r, o, pe))?, hash)))
            .transpose()
    }

    pub async fn users(&self) -> Result<Vec<User>, StoreError> {
        let sql = "SELECT id, email, role, organisation_id, person_id FROM users ORDER BY email";
        let rows: Vec<UserRow> = with_pool!(self, p => sqlx::query_as(sql).fetch_all(p).await?);
        rows.into_iter().map(user).collect()
    }

    pub async fn insert_session(
        &self,
        token_hash: &str,
        user_id: i64,
        csrf: &str,
        now: DateTime<Utc>,
        expires: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let sql = "INSERT INTO user_sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)";
        with_pool!(self, p => sqlx::query(sql).bind(token_hash).bind(user_id).bind(csrf).bind(now).bind(expires)
            .execute(p).await.map(|_| ()))?;
        Ok(())
    }

    /// The account and CSRF token of a session that has not expired, of an
    /// account that is not disabled.
    pub async fn session(&self, token_hash: &str, now: DateTime<Utc>) -> Result<Option<(User, String)>, StoreError> {
        let sql = "SELECT u.id, u.email, u.role, u.organisation_id, u.person_id, s.csrf_token FROM user_sessions s \
                   JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > $2 \
                   AND u.disabled_at IS NULL";
        let row: Option<UserRowWith<String>> =
            with_pool!(self, p => sqlx::query_as(sql).bind(token_hash).bind(now).fetch_optional(p).await?);
        row.map(|(id, e, r, o, pe, csrf)| Ok((user((id, e, r, o, pe))?, csrf)))
            .transpose()
    }

    pub async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        let sql = "DELETE FROM user_sessions WHERE token_hash = $1";
        with_pool!(self, p => sqlx::query(sql).bind(token_hash).execute(p).await.map(|_| ()))?;
        Ok(())
    }

    pub async fn insert_token(
        &self,
        token_hash: &str,
        user_id: i64,
        name: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let sql = "INSERT INTO api_tokens (token_hash, user_id, name, created_at) VALUES ($1, $2, $3, $4)";
        with_pool!(self, p => sqlx::query(sql).bind(token_hash).bind(user_id).bind(name).bind(now).execute(p).await.map(|_| ()))?;
        Ok(())
    }

    /// The account and scope of a token that is neither revoked nor expired
    /// at `now`, of an account that is not disabled.
    pub async fn token_user(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<(User, kizuna_domain::common::access::TokenScope)>, StoreError> {
        let sql = "SELECT u.id, u.email, u.role, u.organisation_id, u.person_id, t.scope FROM api_tokens t JOIN users u ON u.id = t.user_id \
                   WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $2) \
                   AND u.disabled_at IS NULL";
        let row: Option<UserRowWith<String>> =
            with_pool!(self, p => sqlx::query_as(sql).bind(token_hash).bind(now).fetch_optional(p).await?);
        row.map(|(id, e, r, o, pe, scope)| {
            let scope = scope
                .parse()
                .map_err(|e| StoreError::Corrupt(format!("token of user {id}: {e}")))?;
            Ok((user((id, e, r, o, pe))?, scope))
        })
        .transpose()
    }
}
