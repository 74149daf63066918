//! `kizuna report annual`: the annual report of a fiscal year, as the
//! console's `/console/reports/annual` makes it.
//!
//! ```text
//! kizuna report annual --fy 2007 --lang ja --format pdf --out fy2007-ja.pdf
//! kizuna report annual --fy 平成19年度 --lang en --format html
//! kizuna report annual --fy FY2007 --format json
//! ```
//!
//! Nothing is fetched from the web: the fonts are embedded (or named by
//! `KIZUNA_FONTS`), the photos come from the store.

use std::path::PathBuf;
use std::sync::Arc;

use clap::{Args, ValueEnum};
use kizuna_docs::engine::Fonts;
use kizuna_domain::common::FiscalYear;
use kizuna_i18n::Lang;

use super::{open, write_out};

#[derive(Clone, Copy, ValueEnum)]
pub enum AnnualFormat {
    Html,
    Pdf,
    Json,
}

#[derive(Args)]
pub struct AnnualArgs {
    /// The fiscal year: 2007, FY2007 or 平成19年度 (April to March).
    #[arg(long)]
    fy: String,
    /// The reader's language: en, ja, th or ms.
    #[arg(long, default_value = "en")]
    lang: String,
    #[arg(long, value_enum, default_value = "html")]
    format: AnnualFormat,
    /// Write to this file (default: standard output).
    #[arg(long, short)]
    out: Option<PathBuf>,
}

pub async fn annual(url: &str, a: AnnualArgs) -> anyhow::Result<()> {
    let fy = FiscalYear::parse(&a.fy).map_err(|e| anyhow::anyhow!("--fy: {e}"))?;
    let lang = Lang::from_code(a.lang.trim())
        .ok_or_else(|| anyhow::anyhow!("--lang: \"{}\" is not one of en, ja, th, ms", a.lang))?;
    let app = open(url).await?;
    let bytes = match a.format {
        AnnualFormat::Json => kizuna_app::report::to_json(&app.annual_report(fy, lang).await?)?,
        AnnualFormat::Html => kizuna_app::report::html::document(&app.annual_report(fy, lang).await?).into_bytes(),
        AnnualFormat::Pdf => app.annual_report_pdf(fy, lang, Arc::new(Fonts::discover()?)).await?,
    };
    write_out(&bytes, a.out.as_ref())
}
