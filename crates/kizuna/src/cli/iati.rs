//! `kizuna export iati`: the office's activities as IATI Activity Standard
//! 2.03 XML.

use std::path::PathBuf;

use clap::Args;
use kizuna_app::iati::{IatiSelection, IatiSummary};
use kizuna_domain::common::FiscalYear;

use super::{open, write_out};

#[derive(Args)]
#[command(group(clap::ArgGroup::new("which").args(["fy", "all"])))]
pub struct IatiArgs {
    /// The editions of one fiscal year (2007, FY2007 or 平成19年度) with
    /// their courses, and the partnerships running in it.
    #[arg(long)]
    fy: Option<String>,
    /// Every course, edition and partnership (the default).
    #[arg(long)]
    all: bool,
    /// The office's IATI organisation identifier (e.g. JP-CN-1234567890123),
    /// kept in the store for later exports. A demo store without one reports
    /// as XX-KIZUNA-DEMO.
    #[arg(long)]
    org_ref: Option<String>,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
}

/// `kizuna export iati [--fy 2007 | --all] [--org-ref REF] [-o FILE]`.
pub async fn export(url: &str, args: IatiArgs) -> anyhow::Result<()> {
    let selection = match &args.fy {
        Some(fy) => IatiSelection::FiscalYear(
            fy.parse::<FiscalYear>()
                .map_err(|e| anyhow::anyhow!("--fy: {}", e.message))?,
        ),
        None => IatiSelection::All,
    };
    let app = open(url).await?;
    let (bytes, summary) = app.iati_export(selection, args.org_ref.as_deref()).await?;
    write_out(&bytes, args.output.as_ref())?;
    eprintln!("{}", describe(&summary));
    Ok(())
}

/// What the file holds, in a few lines.
fn describe(s: &IatiSummary) -> String {
    let mut out = format!(
        "IATI 2.03: {} course(s) with {} edition(s), {} partnership(s) with {} outcome(s) and {} causal link(s); \
         reporting organisation {} ({})",
        s.courses, s.editions, s.partnerships, s.outcomes, s.links, s.org_ref, s.org_ref_from
    );
    if s.outcomes_withheld > 0 {
        out.push_str(&format!(
            "\n{} outcome(s) left out: not marked public, or disputed by their verifier",
            s.outcomes_withheld
        ));
    }
    for l in &s.left_out {
        out.push_str(&format!("\nnot exported: {l}"));
    }
    out
}
