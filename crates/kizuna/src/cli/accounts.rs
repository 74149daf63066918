//! `kizuna user` and `kizuna token`: accounts and API tokens.

use clap::Subcommand;
use kizuna_app::App;
use kizuna_domain::common::access::{DEFAULT_TOKEN_DAYS, TokenScope};

use super::open;

#[derive(Subcommand)]
pub enum UserCmd {
    /// Create an account. Without --password-stdin a random password is made and printed once.
    Add {
        email: String,
        /// admin, staff, partner or volunteer.
        #[arg(long)]
        role: String,
        /// For partners: the key of their organisation.
        #[arg(long)]
        organisation: Option<String>,
        /// For volunteers: the id of the person the account is.
        #[arg(long)]
        person: Option<i64>,
        /// Read the password from standard input (at least 12 characters, not easily guessed).
        #[arg(long)]
        password_stdin: bool,
    },
    /// List accounts: e-mail, role, organisation, state, open sessions, created.
    List,
    /// Disable an account: its sessions end and its API tokens are revoked at
    /// once, and it cannot sign in until enabled.
    Disable { email: String },
    /// Let a disabled account sign in again (its revoked tokens stay revoked).
    Enable { email: String },
    /// Delete an account with its sessions, API tokens and password links.
    /// The last administrator who can sign in is never deleted.
    Delete { email: String },
    /// Print a one-time link, valid 24 hours, that sets a new password for
    /// the account (and ends its sessions when used). Shown only once.
    ResetPassword {
        email: String,
        /// The server's address the link starts with, e.g. https://kizuna.example.org
        /// (without it, only the path is printed).
        #[arg(long)]
        base_url: Option<String>,
        /// Instead of a link, set a new generated password now and print it
        /// once (e.g. a lost demo administrator's password on this machine).
        #[arg(long, conflicts_with = "base_url")]
        new_password: bool,
    },
}

#[derive(Subcommand)]
pub enum TokenCmd {
    /// Create an API token for an account; it is printed once.
    Create {
        /// The account's e-mail address.
        #[arg(long)]
        user: String,
        /// What the token is for.
        #[arg(long, default_value = "api")]
        name: String,
        /// read (GET and HEAD only) or write (everything the account may do).
        #[arg(long, default_value = "write")]
        scope: String,
        /// Days until the token stops working (1-3650).
        #[arg(long, default_value_t = DEFAULT_TOKEN_DAYS, conflicts_with = "no_expiry")]
        expires_in_days: i64,
        /// A token that never expires (a warning is printed: prefer an expiry).
        #[arg(long)]
        no_expiry: bool,
    },
    /// List API tokens (never the tokens themselves), newest first.
    List {
        /// Only this account's tokens.
        #[arg(long)]
        user: Option<String>,
    },
    /// Revoke a token by its id (see token list): it stops working at once.
    Revoke { id: i64 },
}

/// `kizuna user …`.
pub async fn user(database_url: &str, what: UserCmd) -> anyhow::Result<()> {
    if let UserCmd::Add {
        email,
        role,
        organisation,
        person,
        password_stdin,
    } = what
    {
        let role = role.parse().map_err(|e| anyhow::anyhow!("--role: {e}"))?;
        let password = if password_stdin {
            let mut line = String::new();
            std::io::stdin().read_line(&mut line)?;
            Some(line.trim_end_matches(['\r', '\n']).to_owned())
        } else {
            None
        };
        let app = open(database_url).await?;
        let result = app
            .add_account(&email, role, organisation.as_deref(), person, password.as_deref())
            .await;
        app.store.close().await;
        let (user, generated) = result?;
        eprintln!("created {} account {}", user.role, user.email);
        if let Some(p) = generated {
            outln!("{p}");
            eprintln!("(the password above is shown only once)");
        }
        return Ok(());
    }
    let app = open(database_url).await?;
    let result = user_on(&app, what).await;
    app.store.close().await;
    result
}

async fn user_on(app: &App, what: UserCmd) -> anyhow::Result<()> {
    match what {
        UserCmd::Add { .. } => unreachable!("handled by user()"),
        UserCmd::List => {
            for a in app.accounts().await? {
                let state = match a.disabled_at {
                    Some(t) => format!("disabled {}", t.format("%Y-%m-%d %H:%M UTC")),
                    None => "enabled".to_owned(),
                };
                outln!(
                    "{}\t{}\t{}\t{state}\t{} sessions\tcreated {}",
                    a.user.email,
                    a.user.role,
                    a.organisation_key.as_deref().unwrap_or("-"),
                    a.sessions,
                    a.created_at.format("%Y-%m-%d"),
                );
            }
        }
        UserCmd::Disable { email } => {
            let id = app.account_by_email(&email).await?.id;
            let user = app.disable_account(None, id).await?;
            eprintln!(
                "{} is disabled: signed out everywhere, its API tokens revoked",
                user.email
            );
        }
        UserCmd::Enable { email } => {
            let id = app.account_by_email(&email).await?.id;
            let user = app.enable_account(id).await?;
            eprintln!("{} can sign in again (tokens revoked earlier stay revoked)", user.email);
        }
        UserCmd::Delete { email } => {
            let id = app.account_by_email(&email).await?.id;
            let user = app.delete_account(None, id).await?;
            eprintln!(
                "{} is deleted with its sessions, API tokens and password links",
                user.email
            );
        }
        UserCmd::ResetPassword {
            email,
            new_password: true,
            ..
        } => {
            // Through a link used at once: the same rules, the sessions ended, the audit entry.
            let id = app.account_by_email(&email).await?.id;
            let link = app.password_reset_link(id).await?;
            let token = link.rsplit('/').next().unwrap_or_default();
            let password = kizuna_app::auth::random_password();
            app.reset_password(token, &password)
                .await?
                .ok_or_else(|| anyhow::anyhow!("the new password could not be set; try again"))?;
            outln!("{password}");
            eprintln!(
                "(the new password of {email} above is shown only this once; every session of the account has ended)"
            );
        }
        UserCmd::ResetPassword { email, base_url, .. } => {
            let id = app.account_by_email(&email).await?.id;
            let link = app.password_reset_link(id).await?;
            match base_url {
                Some(base) => outln!("{}{link}", base.trim_end_matches('/')),
                None => outln!("{link}"),
            }
            eprintln!(
                "(the link above is shown only once and works once, for 24 hours; send it to {email} by a channel you trust)"
            );
        }
    }
    Ok(())
}

/// `kizuna token …`.
pub async fn token(database_url: &str, what: TokenCmd) -> anyhow::Result<()> {
    let app = open(database_url).await?;
    let result = token_on(&app, what).await;
    app.store.close().await;
    result
}

async fn token_on(app: &App, what: TokenCmd) -> anyhow::Result<()> {
    match what {
        TokenCmd::Create {
            user,
            name,
            scope,
            expires_in_days,
            no_expiry,
        } => {
            let scope: TokenScope = scope.parse().map_err(|e| anyhow::anyhow!("--scope: {e}"))?;
            let days = (!no_expiry).then_some(expires_in_days);
            let new = app.create_scoped_token(&user, &name, scope, days).await?;
            outln!("{}", new.token);
            match new.expires_at {
                Some(t) => eprintln!(
                    "(token {} for {user}, {scope}, expires {}; shown only once: send it as Authorization: Bearer TOKEN)",
                    new.id,
                    t.format("%Y-%m-%d %H:%M UTC")
                ),
                None => eprintln!(
                    "warning: token {} for {user} ({scope}) never expires; revoke it with kizuna token revoke {} when it is no longer needed. \
                     (Shown only once: send it as Authorization: Bearer TOKEN)",
                    new.id, new.id
                ),
            }
        }
        TokenCmd::List { user } => {
            let now = app.now();
            for t in app.tokens(user.as_deref()).await? {
                let state = match (&t.revoked_at, &t.expires_at) {
                    (Some(r), _) => format!("revoked {}", r.format("%Y-%m-%d %H:%M UTC")),
                    (None, Some(e)) if *e <= now => "expired".to_owned(),
                    _ => "active".to_owned(),
                };
                let fmt = |x: Option<chrono::DateTime<chrono::Utc>>| {
                    x.map_or_else(|| "-".to_owned(), |t| t.format("%Y-%m-%d %H:%M UTC").to_string())
                };
                outln!(
                    "{}\t{}\t{}\t{}\tcreated {}\texpires {}\tlast used {}\t{state}",
                    t.id,
                    t.name,
                    t.email,
                    t.scope,
                    t.created_at.format("%Y-%m-%d %H:%M UTC"),
                    fmt(t.expires_at),
                    fmt(t.last_used_at),
                );
            }
        }
        TokenCmd::Revoke { id } => {
            let t = app.revoke_token(id).await?;
            eprintln!("token {} ({}, of {}) is revoked", t.id, t.name, t.email);
        }
    }
    Ok(())
}
