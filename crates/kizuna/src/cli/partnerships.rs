//! `kizuna outcomes`: the ripple ledger of partnership programmes.

use clap::Subcommand;

#[derive(Subcommand)]
pub enum OutcomesCmd {
    /// Outcomes, optionally only those still waiting for a verifier.
    List,
}

pub async fn outcomes(_url: &str, _what: OutcomesCmd) -> anyhow::Result<()> {
    anyhow::bail!("the ripple ledger is being built")
}
