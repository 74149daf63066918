//! `kizuna office …`: the offices a store holds.

use clap::Subcommand;
use kizuna_domain::common::{LocalText, Text};

use super::{SimpleFormat, open};

#[derive(Subcommand)]
pub enum OfficeCmd {
    /// Add an office: a key (e.g. okinawa) and its name in one or more languages.
    Add {
        key: String,
        #[arg(long)]
        name_en: Option<String>,
        #[arg(long)]
        name_ja: Option<String>,
        #[arg(long)]
        name_th: Option<String>,
        #[arg(long)]
        name_ms: Option<String>,
    },
    /// List the offices, by key.
    List {
        #[arg(long, value_enum, default_value_t = SimpleFormat::Table)]
        format: SimpleFormat,
    },
}

pub async fn office(url: &str, what: OfficeCmd) -> anyhow::Result<()> {
    let app = open(url).await?;
    match what {
        OfficeCmd::Add {
            key,
            name_en,
            name_ja,
            name_th,
            name_ms,
        } => {
            let text = |flag: &str, v: Option<String>| -> anyhow::Result<Option<Text>> {
                Text::parse_optional(v.as_deref()).map_err(|e| anyhow::anyhow!("--{flag}: {e}"))
            };
            let name = LocalText::new(
                text("name-en", name_en)?,
                text("name-ja", name_ja)?,
                text("name-th", name_th)?,
                text("name-ms", name_ms)?,
            )
            .map_err(|e| {
                anyhow::anyhow!("give the office's name with --name-en, --name-ja, --name-th or --name-ms: {e}")
            })?;
            let office = app.add_office(&key, name).await?;
            eprintln!("added office {} (id {})", office.fields.key, office.id);
        }
        OfficeCmd::List { format } => {
            let offices = app.offices().await?;
            match format {
                SimpleFormat::Json => outln!("{}", serde_json::to_string_pretty(&offices)?),
                SimpleFormat::Table => {
                    for o in offices {
                        outln!("{}\t{}\t{}", o.id, o.fields.key, o.fields.name.best("en"));
                    }
                }
            }
        }
    }
    Ok(())
}
