//! `kizuna certificates`: completion certificates, as staff issue them in
//! the console.
//!
//! ```text
//! kizuna certificates issue --edition ID [--base-url https://kizuna.example]
//! kizuna certificates list --edition ID
//! kizuna certificates pdf NUMBER [-o FILE]
//! kizuna certificates credential NUMBER [-o FILE]
//! kizuna certificates revoke NUMBER --reason TEXT
//! ```

use std::path::PathBuf;
use std::sync::Arc;

use clap::Subcommand;
use kizuna_docs::engine::Fonts;
use kizuna_domain::common::Id;

use super::{open, write_out};

#[derive(Subcommand)]
pub enum Cmd {
    /// Issue a certificate to every trainee of an edition who completed it
    /// and has none yet; prints each number and verify URL.
    Issue {
        #[arg(long)]
        edition: Id,
        /// The site's public address: verify URLs and QR codes start with it.
        #[arg(long, env = "KIZUNA_PUBLIC_URL", default_value = "http://localhost:8080")]
        base_url: String,
    },
    /// An edition's certificates: number, status, issue date, trainee.
    List {
        #[arg(long)]
        edition: Id,
    },
    /// A certificate's PDF.
    Pdf {
        number: String,
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// A certificate's signed Open Badges credential (JSON).
    Credential {
        number: String,
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Revoke a certificate; the verify page then says so.
    Revoke {
        number: String,
        #[arg(long)]
        reason: String,
    },
}

pub async fn run(url: &str, what: Cmd) -> anyhow::Result<()> {
    let app = open(url).await?;
    match what {
        Cmd::Issue { edition, base_url } => {
            let issued = app.issue_certificates(edition, &base_url).await?;
            for c in &issued {
                println!("{}\t{}/verify/{}", c.number, base_url.trim_end_matches('/'), c.number);
            }
            eprintln!("{} certificates issued", issued.len());
        }
        Cmd::List { edition } => {
            for c in app.edition_certificates(edition).await? {
                println!(
                    "{}\t{}\t{}\t{}",
                    c.row.number,
                    c.row.status.as_str(),
                    c.row.issued_on,
                    kizuna_app::certificates::printed_name(&c.person)
                );
            }
        }
        Cmd::Pdf { number, output } => {
            let pdf = app.certificate_pdf(&number, Arc::new(Fonts::discover()?)).await?;
            write_out(&pdf, output.as_ref())?;
        }
        Cmd::Credential { number, output } => {
            let row = app.certificate(&number).await?;
            write_out(row.credential.as_bytes(), output.as_ref())?;
        }
        Cmd::Revoke { number, reason } => {
            app.revoke_certificate(&number, &reason).await?;
            eprintln!("certificate {number} revoked");
        }
    }
    Ok(())
}
