//! `kizuna user` and `kizuna token`: accounts and API tokens.

use clap::Subcommand;

use super::open;

#[derive(Subcommand)]
pub enum UserCmd {
    /// Create an account. Without --password-stdin a random password is made and printed once.
    Add {
        email: String,
        /// admin, staff or partner.
        #[arg(long)]
        role: String,
        /// For partners: the key of their organisation.
        #[arg(long)]
        organisation: Option<String>,
        /// Read the password from standard input (at least 12 characters).
        #[arg(long)]
        password_stdin: bool,
    },
    /// List accounts.
    List,
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
    },
}

/// `kizuna user …`.
pub async fn user(database_url: &str, what: UserCmd) -> anyhow::Result<()> {
    match what {
        UserCmd::Add {
            email,
            role,
            organisation,
            password_stdin,
        } => {
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
                .add_user(&email, role, organisation.as_deref(), password.as_deref())
                .await;
            app.store.close().await;
            let (user, generated) = result?;
            eprintln!("created {} account {}", user.role, user.email);
            if let Some(p) = generated {
                println!("{p}");
                eprintln!("(the password above is shown only once)");
            }
        }
        UserCmd::List => {
            let app = open(database_url).await?;
            for u in app.store.users().await? {
                println!("{}\t{}", u.email, u.role);
            }
            app.store.close().await;
        }
    }
    Ok(())
}

/// `kizuna token …`.
pub async fn token(database_url: &str, what: TokenCmd) -> anyhow::Result<()> {
    let TokenCmd::Create { user, name } = what;
    let app = open(database_url).await?;
    let result = app.create_token(&user, &name).await;
    app.store.close().await;
    println!("{}", result?);
    eprintln!("(the token above is shown only once; send it as Authorization: Bearer TOKEN)");

    Ok(())
}
