//! `kizuna holidays`: Japan's public holidays by the Cabinet Office's rules
//! ([`kizuna_geo::holidays`]), the calendar the map's opening hours read
//! `PH` from. No database.

use anyhow::bail;
use clap::ValueEnum;
use kizuna_geo::holidays::{FIRST_YEAR, LAST_YEAR, holidays_between};

#[derive(Clone, Copy, ValueEnum)]
pub enum HolidaysFormat {
    Json,
    Csv,
    Table,
}

/// Prints every public holiday from January of `from` to December of `to`.
pub fn run(from: i32, to: i32, format: HolidaysFormat) -> anyhow::Result<()> {
    for (flag, year) in [("--from", from), ("--to", to)] {
        if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
            bail!("{flag} {year}: holidays are computed for the years {FIRST_YEAR} to {LAST_YEAR}");
        }
    }
    if from > to {
        bail!("--from {from} is after --to {to}: give the earlier year first");
    }
    let days = holidays_between(from, to);
    match format {
        HolidaysFormat::Json => outln!("{}", serde_json::to_string(&days)?),
        HolidaysFormat::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(["date", "name_ja", "name_en"])?;
            for h in &days {
                w.write_record([h.date.to_string().as_str(), h.name_ja, h.name_en])?;
            }
            let bytes = w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
            crate::cli::write_out(&bytes, None)?;
        }
        HolidaysFormat::Table => {
            for h in &days {
                outln!("{}  {}  {}  {}", h.date, h.date.format("%a"), h.name_ja, h.name_en);
            }
        }
    }
    Ok(())
}
