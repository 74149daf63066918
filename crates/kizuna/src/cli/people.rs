//! `kizuna person …` and `kizuna purge`: a person's data exported or
//! erased, and the retention rules applied.

use std::path::PathBuf;

use clap::Subcommand;
use kizuna_domain::common::retention::RULES;

use super::{open, write_out};

#[derive(Subcommand)]
pub enum PersonCmd {
    /// Everything held on a person (record, roles, participations,
    /// attendance, accounts under their e-mail, audit entries) as JSON.
    Export {
        id: i64,
        /// Write to this file instead of standard output.
        #[arg(short = 'o', long)]
        output: Option<PathBuf>,
    },
    /// Anonymise a person: names, contacts, birth date, organisation and
    /// position replaced or removed; nationality, gender and participations
    /// kept, so the statistics stay the same. Cannot be undone.
    Erase {
        id: i64,
        /// Confirm: without it, nothing is changed.
        #[arg(long)]
        yes: bool,
    },
}

pub async fn person(url: &str, what: PersonCmd) -> anyhow::Result<()> {
    let app = open(url).await?;
    match what {
        PersonCmd::Export { id, output } => {
            let x = app.export_person(id).await?;
            let mut json = serde_json::to_vec_pretty(&x)?;
            json.push(b'\n');
            write_out(&json, output.as_ref())?;
        }
        PersonCmd::Erase { id, yes } => {
            if !yes {
                app.store.close().await;
                anyhow::bail!(
                    "erasing person {id} cannot be undone: run again with --yes (export it first with kizuna person export {id})"
                );
            }
            let p = app.erase_person(id).await?;
            eprintln!(
                "person {id} erased: now \"{}\"; nationality, gender and participations kept",
                p.fields.family_name
            );
        }
    }
    app.store.close().await;
    Ok(())
}

/// `kizuna purge [--dry-run]`: what the retention rules make due today.
pub async fn purge(url: &str, dry_run: bool) -> anyhow::Result<()> {
    let app = open(url).await?;
    let items = app.purge(dry_run).await?;
    outln!("kind\tid\twhy");
    for i in &items {
        outln!("{}\t{}\t{}", i.kind, i.id, i.why);
    }
    if dry_run {
        eprintln!(
            "{} record(s) would be removed (dry run: nothing changed). The rules:",
            items.len()
        );
        for r in RULES {
            eprintln!("  {}: kept {} after {}", r.kind.as_str(), r.keep, r.after);
        }
    } else {
        eprintln!("{} record(s) removed, each logged in the audit log", items.len());
    }
    app.store.close().await;
    Ok(())
}
