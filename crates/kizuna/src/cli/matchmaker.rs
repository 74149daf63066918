//! `kizuna match`: ranked counterparts and the matchmaker's evaluation.

use clap::Args;

#[derive(Args)]
pub struct MatchArgs {}

pub async fn run(_url: &str, _args: MatchArgs) -> anyhow::Result<()> {
    anyhow::bail!("the matchmaker is being built")
}
