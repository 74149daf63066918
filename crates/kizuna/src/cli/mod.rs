//! The subcommands of `kizuna`, one module per system: each parses what
//! people type and calls the same application functions as the web.

pub mod accounts;
pub mod bench;
pub mod map;
pub mod serve;
pub mod training;

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::ValueEnum;
use kizuna_app::{App, Store};

#[derive(Clone, Copy, ValueEnum)]
pub enum SimpleFormat {
    Json,
    Table,
}

pub fn write_out(bytes: &[u8], output: Option<&PathBuf>) -> anyhow::Result<()> {
    match output {
        Some(path) => {
            std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("wrote {} ({} bytes)", path.display(), bytes.len());
        }
        None => std::io::stdout().write_all(bytes)?,
    }
    Ok(())
}

pub async fn open(url: &str) -> anyhow::Result<App> {
    let store = Store::open(url)
        .await
        .with_context(|| format!("cannot open the database {}", redact(url)))?;
    Ok(App::new(store))
}

/// A URL without its password, for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..s + 3], user, &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}
