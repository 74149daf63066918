//! `kizuna exchanges` (issue 13: to be written).

use clap::Subcommand;

#[derive(Subcommand)]
pub enum Cmd {
    /// (to be written)
    Todo,
}

pub async fn run(url: &str, what: Cmd) -> anyhow::Result<()> {
    let _ = url;
    match what {
        Cmd::Todo => anyhow::bail!("not yet"),
    }
}
