//! Accounts, sign-in and API tokens.
//!
//! Passwords are hashed with argon2id (the `argon2` crate's defaults); a
//! session or API token is 32 random bytes, shown once and stored only as
//! its SHA-256 hash. Sessions last 12 hours.

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use chrono::Duration;
use kizuna_domain::FieldError;
use kizuna_domain::common::account::{Role, User, check_password, parse_login_email};
use kizuna_domain::common::organisation::Organisation;
use sha2::Digest;

use crate::{App, AppError, Result};

/// How long a sign-in lasts.
pub const SESSION_HOURS: i64 = 12;

/// A new random secret: 32 bytes as 64 hex digits.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    // The operating system's generator; failing it there is nothing safe to do.
    getrandom::fill(&mut bytes).expect("the operating system provides random bytes");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A readable random password (for accounts created without one).
pub fn random_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 20];
    getrandom::fill(&mut bytes).expect("the operating system provides random bytes");
    bytes
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect()
}

fn token_hash(token: &str) -> String {
    sha2::Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub fn hash_password(password: &str) -> Result<String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| AppError::BadFile(format!("cannot hash the password: {e}")))
}

fn verify_password(password: &str, hash: &str) -> bool {
    Argon2::default().verify_password(password.as_bytes(), hash).is_ok()
}

/// A signed-in session: the cookie's secret and the token forms must carry.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub token: String,
    pub csrf: String,
    pub user: User,
}

impl App {
    /// Create an account. Without a password, a random one is made and
    /// returned (to be shown once). Partners belong to an organisation.
    pub async fn add_user(
        &self,
        email: &str,
        role: Role,
        organisation_key: Option<&str>,
        password: Option<&str>,
    ) -> Result<(User, Option<String>)> {
        let mut errors = Vec::new();
        let email = parse_login_email(email).map_err(|e| errors.push(e.at("email"))).ok();
        let generated = password.is_none().then(random_password);
        let password = password
            .map(str::to_owned)
            .or_else(|| generated.clone())
            .unwrap_or_default();
        if let Err(e) = check_password(&password) {
            errors.push(e.at("password"));
        }
        let organisation_id = match organisation_key {
            Some(key) => match self.by_key::<Organisation>(key).await {
                Ok(o) => Some(o.id),
                Err(_) => {
                    errors.push(FieldError::new(
                        "organisation",
                        "not_found",
                        format!("no organisation has the key \"{key}\""),
                    ));
                    None
                }
            },
            None => None,
        };
        if role == Role::Partner && organisation_key.is_none() {
            errors.push(FieldError::new(
                "organisation",
                "required",
                "a partner account belongs to an organisation",
            ));
        }
        let (Some(email), true) = (email, errors.is_empty()) else {
            return Err(AppError::Invalid(errors));
        };
        let hash = hash_password(&password)?;
        let user = self
            .store
            .insert_user(&email, &hash, role, organisation_id, self.now())
            .await?;
        Ok((user, generated))
    }

    /// Check an e-mail and password; on success open a session.
    /// Wrong e-mail and wrong password fail alike.
    pub async fn sign_in(&self, email: &str, password: &str) -> Result<Option<NewSession>> {
        let Ok(email) = parse_login_email(email) else {
            return Ok(None);
        };
        let Some((user, hash)) = self.store.user_by_email(&email).await? else {
            // Spend the same time as a real check, so timing does not tell which accounts exist.
            let _ = verify_password(
                password,
                "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$ZmFrZWZha2VmYWtlZmFrZWZha2VmYWtlZmFrZWZha2U",
            );
            return Ok(None);
        };
        if !verify_password(password, &hash) {
            return Ok(None);
        }
        let token = random_token();
        let csrf = random_token();
        let now = self.now();
        self.store
            .insert_session(
                &token_hash(&token),
                user.id,
                &csrf,
                now,
                now + Duration::hours(SESSION_HOURS),
            )
            .await?;
        Ok(Some(NewSession { token, csrf, user }))
    }

    /// The account and CSRF token behind a session cookie, if it is valid.
    pub async fn session_user(&self, token: &str) -> Result<Option<(User, String)>> {
        Ok(self.store.session(&token_hash(token), self.now()).await?)
    }

    pub async fn sign_out(&self, token: &str) -> Result<()> {
        Ok(self.store.delete_session(&token_hash(token)).await?)
    }

    /// Create an API token for an account; the token is returned once.
    pub async fn create_token(&self, email: &str, name: &str) -> Result<String> {
        let email = parse_login_email(email).map_err(|e| AppError::Invalid(vec![e.at("email")]))?;
        let Some((user, _)) = self.store.user_by_email(&email).await? else {
            return Err(AppError::NotFound {
                entity: "account",
                id: email,
            });
        };
        let token = random_token();
        self.store
            .insert_token(&token_hash(&token), user.id, name, self.now())
            .await?;
        Ok(token)
    }

    /// The account an API token belongs to.
    pub async fn token_user(&self, token: &str) -> Result<Option<User>> {
        Ok(self.store.token_user(&token_hash(token)).await?)
    }

    /// Make sure the demo has an administrator; returns the new password the
    /// first time only.
    pub async fn ensure_demo_admin(&self) -> Result<Option<(String, String)>> {
        let email = "admin@kizuna.example";
        if self.store.user_by_email(email).await?.is_some() {
            return Ok(None);
        }
        let (_, password) = self.add_user(email, Role::Admin, None, None).await?;
        Ok(password.map(|p| (email.to_owned(), p)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_with_argon2id_and_verify() {
        let h = hash_password("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify_password("correct horse battery", &h));
        assert!(!verify_password("correct horse batterz", &h));
    }

    #[test]
    fn tokens_are_random_and_hashed() {
        let (a, b) = (random_token(), random_token());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_eq!(token_hash(&a).len(), 64);
        assert_ne!(token_hash(&a), a);
        assert_eq!(random_password().len(), 20);
    }
}
