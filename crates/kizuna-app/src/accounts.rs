//! Managing accounts and API tokens (administrators), and one's own
//! password and sessions (everyone signed in).
//!
//! - Accounts are listed, added, disabled, enabled and deleted. Disabling
//!   ends the account's sessions and revokes its tokens at once, and it
//!   cannot sign in until enabled. Deleting removes its sessions, tokens
//!   and reset links with it (no record refers to an account; the audit
//!   log keeps the actor's label). Nobody may disable or delete their own
//!   account, nor the last administrator that can sign in.
//! - A password is reset by a one-time link (valid
//!   [`RESET_LINK_HOURS`]): the path `/reset-password/TOKEN`, shown once,
//!   lets its holder set a new password; using it ends every session of
//!   the account. A new link replaces the account's earlier one.
//! - Changing one's own password needs the current one, and ends every
//!   other session of the account (the current one stays).
//! - Tokens have a scope (read: GET and HEAD only; write) and an expiry
//!   ([`DEFAULT_TOKEN_DAYS`] unless told); a revoked or expired token is
//!   no token at all.

use argon2::Argon2;
use argon2::password_hash::PasswordVerifier;
use chrono::Duration;
use kizuna_domain::FieldError;
use kizuna_domain::common::Id;
use kizuna_domain::common::access::{RESET_LINK_HOURS, TokenScope, check_token_days, parse_token_name};
use kizuna_domain::common::account::{Role, User, check_password, parse_login_email};
use kizuna_store::{AccountRow, Action, SessionRow, TokenRow};

use crate::auth::{hash_password, password_strength, random_token, token_hash};
use crate::{App, AppError, Result};

/// Where a password-reset link points, before its token.
pub const RESET_PATH: &str = "/reset-password/";

/// A new API token: its id (to list and revoke it by) and the secret, shown once.
#[derive(Debug, Clone)]
pub struct NewToken {
    pub id: Id,
    pub token: String,
    pub expires_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// One of the signed-in person's own sessions.
#[derive(Debug, Clone)]
pub struct OwnSession {
    pub session: SessionRow,
    /// The session this request came with.
    pub current: bool,
}

fn refused(field: &str, code: &str, message: impl Into<String>) -> AppError {
    AppError::Invalid(vec![FieldError::new(field, code, message)])
}

impl App {
    /// A new password must follow the rules (length, then zxcvbn's
    /// estimate with the e-mail as context); the error names the field
    /// `password`. The estimate runs with the password work, off the async
    /// workers.
    async fn check_new(&self, password: &str, email: &str) -> Result<()> {
        if let Err(e) = check_password(password) {
            return Err(AppError::Invalid(vec![e.at("password")]));
        }
        let (p, e) = (password.to_owned(), email.to_owned());
        self.password_work(move || password_strength(&p, &[&e]))
            .await?
            .map_err(|w| refused("password", "weak_password", w.english()))
    }

    /// An argon2id hash, made with the password work.
    async fn hashed(&self, password: &str) -> Result<String> {
        let p = password.to_owned();
        self.password_work(move || hash_password(&p)).await?
    }

    /// Every account, by e-mail.
    pub async fn accounts(&self) -> Result<Vec<AccountRow>> {
        Ok(self.store.account_rows(self.now()).await?)
    }

    /// An account by id, and whether it is disabled.
    pub async fn account(&self, id: Id) -> Result<(User, bool)> {
        self.store.user_by_id(id).await?.ok_or_else(|| AppError::NotFound {
            entity: "account",
            id: id.to_string(),
        })
    }

    /// An account by e-mail address.
    pub async fn account_by_email(&self, email: &str) -> Result<User> {
        let email = parse_login_email(email).map_err(|e| AppError::Invalid(vec![e.at("email")]))?;
        match self.store.user_by_email(&email).await? {
            Some((user, _)) => Ok(user),
            None => Err(AppError::NotFound {
                entity: "account",
                id: email,
            }),
        }
    }

    /// Refuse to disable or delete `target` when it is `actor`'s own
    /// account, or the last administrator able to sign in.
    async fn may_remove(&self, actor: Option<&User>, target: &User, disabled: bool, what: &str) -> Result<()> {
        if actor.is_some_and(|a| a.id == target.id) {
            return Err(refused(
                "account",
                "own_account",
                format!("you cannot {what} your own account"),
            ));
        }
        if target.role == Role::Admin && !disabled && self.store.enabled_admins().await? <= 1 {
            return Err(refused(
                "account",
                "last_admin",
                format!(
                    "{} is the last administrator who can sign in; add another first",
                    target.email
                ),
            ));
        }
        Ok(())
    }

    /// Disable an account: it cannot sign in, and its sessions and tokens
    /// stop working at once. `actor` is who asks (`None`: the command line).
    pub async fn disable_account(&self, actor: Option<&User>, id: Id) -> Result<User> {
        let (user, disabled) = self.account(id).await?;
        self.may_remove(actor, &user, disabled, "disable").await?;
        self.store.disable_user(id, self.now()).await?;
        self.note_access(Action::Update, "account", id, "disabled").await?;
        Ok(user)
    }

    /// Let a disabled account sign in again (its old tokens stay revoked).
    pub async fn enable_account(&self, id: Id) -> Result<User> {
        let (user, _) = self.account(id).await?;
        self.store.enable_user(id).await?;
        self.note_access(Action::Update, "account", id, "enabled").await?;
        Ok(user)
    }

    /// Delete an account with its sessions, tokens and reset links.
    pub async fn delete_account(&self, actor: Option<&User>, id: Id) -> Result<User> {
        let (user, disabled) = self.account(id).await?;
        self.may_remove(actor, &user, disabled, "delete").await?;
        self.store.delete_user(id).await?;
        self.note_access(Action::Delete, "account", id, "").await?;
        Ok(user)
    }

    /// A one-time link to set a new password, valid for
    /// [`RESET_LINK_HOURS`]: the path and token, to be shown once.
    pub async fn password_reset_link(&self, id: Id) -> Result<String> {
        let (_, disabled) = self.account(id).await?;
        if disabled {
            return Err(refused(
                "account",
                "disabled",
                "the account is disabled: enable it before resetting its password",
            ));
        }
        let token = random_token();
        let now = self.now();
        self.store
            .insert_password_reset(&token_hash(&token), id, now, now + Duration::hours(RESET_LINK_HOURS))
            .await?;
        self.note_access(Action::Update, "account", id, "reset-link").await?;
        Ok(format!("{RESET_PATH}{token}"))
    }

    /// The account a reset link's token is for, while the link is valid.
    pub async fn password_reset_account(&self, token: &str) -> Result<Option<User>> {
        Ok(self.store.password_reset_user(&token_hash(token), self.now()).await?)
    }

    /// Set a new password through a reset link; every session of the
    /// account ends. `Ok(None)`: the link is unknown, used or expired.
    pub async fn reset_password(&self, token: &str, new: &str) -> Result<Option<User>> {
        let Some(user) = self.password_reset_account(token).await? else {
            return Ok(None);
        };
        self.check_new(new, &user.email).await?;
        let hash = self.hashed(new).await?;
        let used = self
            .store
            .use_password_reset(&token_hash(token), &hash, self.now())
            .await?;
        if used.is_some() {
            self.note_access(Action::Update, "account", user.id, "password-reset")
                .await?;
        }
        Ok(used.map(|_| user))
    }

    /// Change one's own password: the current one must be right and the
    /// new one follow the rules. Every other session of the account ends;
    /// the one with `session_token` (this browser's) stays.
    pub async fn change_own_password(
        &self,
        user: &User,
        session_token: Option<&str>,
        current: &str,
        new: &str,
    ) -> Result<()> {
        let Some((_, stored)) = self.store.user_by_email(&user.email).await? else {
            return Err(AppError::NotFound {
                entity: "account",
                id: user.email.clone(),
            });
        };
        let (given, stored_hash) = (current.to_owned(), stored);
        let right = self
            .password_work(move || {
                Argon2::default()
                    .verify_password(given.as_bytes(), stored_hash.as_str())
                    .is_ok()
            })
            .await?;
        if !right {
            return Err(refused(
                "current_password",
                "wrong_password",
                "the current password is not right",
            ));
        }
        if new == current {
            return Err(refused("password", "unchanged", "the new password is the current one"));
        }
        self.check_new(new, &user.email).await?;
        let hash = self.hashed(new).await?;
        let keep = session_token.map(token_hash);
        self.store.change_password(user.id, &hash, keep.as_deref()).await?;
        self.note_access(Action::Update, "account", user.id, "password-changed")
            .await?;
        Ok(())
    }

    /// The signed-in person's sessions, newest first, the current one marked.
    pub async fn own_sessions(&self, user: &User, session_token: Option<&str>) -> Result<Vec<OwnSession>> {
        let current = session_token.map(token_hash);
        Ok(self
            .store
            .sessions_of(user.id, self.now())
            .await?
            .into_iter()
            .map(|session| OwnSession {
                current: current.as_deref() == Some(session.token_hash.as_str()),
                session,
            })
            .collect())
    }

    /// End every session of an account, this browser's included.
    pub async fn sign_out_everywhere(&self, user: &User) -> Result<u64> {
        let ended = self.store.end_sessions(user.id, None).await?;
        self.note_access(Action::Update, "account", user.id, "signed-out-everywhere")
            .await?;
        Ok(ended)
    }

    /// Create an API token for the account `email` with a scope and a
    /// lifetime in days (`None`: it never expires). The secret is returned
    /// once.
    pub async fn create_scoped_token(
        &self,
        email: &str,
        name: &str,
        scope: TokenScope,
        days: Option<i64>,
    ) -> Result<NewToken> {
        let mut errors = Vec::new();
        let name = parse_token_name(name).map_err(|e| errors.push(e.at("name"))).ok();
        let days = days
            .map(check_token_days)
            .transpose()
            .map_err(|e| errors.push(e.at("expires_in_days")))
            .ok()
            .flatten();
        let user = match self.account_by_email(email).await {
            Ok(u) => Some(u),
            Err(AppError::Invalid(mut e)) => {
                errors.append(&mut e);
                None
            }
            Err(AppError::NotFound { id, .. }) => {
                errors.push(FieldError::new(
                    "user",
                    "not_found",
                    format!("no account has the e-mail {id}"),
                ));
                None
            }
            Err(e) => return Err(e),
        };
        let (Some(user), Some(name), true) = (user, name, errors.is_empty()) else {
            return Err(AppError::Invalid(errors));
        };
        if self.store.user_disabled(user.id).await? {
            return Err(refused(
                "user",
                "disabled",
                format!("{} is disabled: enable it before giving it a token", user.email),
            ));
        }
        let token = random_token();
        let now = self.now();
        let expires_at = days.map(|d| now + Duration::days(d));
        let id = self
            .store
            .insert_scoped_token(&token_hash(&token), user.id, &name, scope, now, expires_at)
            .await?;
        let detail = match scope {
            TokenScope::Read => "scope-read",
            TokenScope::Write => "scope-write",
        };
        self.note_access(Action::Create, "token", id, detail).await?;
        Ok(NewToken { id, token, expires_at })
    }

    /// Every token (or one account's), newest first; never the secrets.
    pub async fn tokens(&self, email: Option<&str>) -> Result<Vec<TokenRow>> {
        let user_id = match email {
            Some(e) => Some(self.account_by_email(e).await?.id),
            None => None,
        };
        Ok(self.store.token_rows(user_id).await?)
    }

    /// Revoke a token: from now on it is refused like a wrong one.
    pub async fn revoke_token(&self, id: Id) -> Result<TokenRow> {
        let Some(row) = self.store.token_row(id).await? else {
            return Err(AppError::NotFound {
                entity: "token",
                id: id.to_string(),
            });
        };
        self.store.revoke_token(id, self.now()).await?;
        self.note_access(Action::Update, "token", id, "revoked").await?;
        Ok(row)
    }

    /// The account and scope of a token that is valid now (not revoked,
    /// not expired, its account not disabled); notes its use.
    pub async fn token_access(&self, token: &str) -> Result<Option<(User, TokenScope)>> {
        let hash = token_hash(token);
        let now = self.now();
        let found = self.store.token_user(&hash, now).await?;
        if found.is_some() {
            self.store.token_used(&hash, now).await?;
        }
        Ok(found)
    }
}
