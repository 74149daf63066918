//! `kizuna export iati`: the office's activities as IATI Activity Standard
//! 2.03 XML.

use clap::Args;

#[derive(Args)]
pub struct IatiArgs {}

pub async fn export(_url: &str, _args: IatiArgs) -> anyhow::Result<()> {
    anyhow::bail!("the IATI export is being built")
}
