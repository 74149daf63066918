//! `kizuna calendar`: the one calendar as an iCalendar file, and the
//! private feeds staff subscribe to.
//!
//! ```text
//! kizuna calendar export [--kind symposium,fair] [--programme 3] [--locality 7] [--month 2022-09] [--private] > calendar.ics
//! kizuna calendar feeds list|create --name NAME [filters] [--no-private]|revoke ID
//! ```

use std::path::PathBuf;

use clap::Subcommand;
use kizuna_app::calendar::{Audience, FeedFilters, Filter};
use kizuna_domain::common::Id;
use kizuna_i18n::Lang;
use serde_json::json;

use super::{SimpleFormat, open, write_out};

#[derive(Subcommand)]
pub enum Cmd {
    /// Every dated item as an iCalendar file (public items unless --private).
    Export {
        /// Kinds to keep, comma-separated: session, edition, activity,
        /// fair, visit, placement, delegation, dispatch, symposium,
        /// courtesy_call, award.
        #[arg(long)]
        kind: Vec<String>,
        /// Only this programme's items (its id).
        #[arg(long)]
        programme: Option<Id>,
        /// Only items in this locality or a place within it (its id).
        #[arg(long)]
        locality: Option<Id>,
        /// Only one month, YYYY-MM.
        #[arg(long)]
        month: Option<String>,
        /// Every item, those about people (placements) included, as staff see them.
        #[arg(long)]
        private: bool,
        /// The site's address, for each event's URL (e.g. https://kizuna.example).
        #[arg(long, default_value = "")]
        base_url: String,
        /// en, ja, th or ms.
        #[arg(long, default_value = "en", value_parser = parse_lang)]
        lang: Lang,
        /// Write here instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Private feeds: list, create, revoke.
    #[command(subcommand)]
    Feeds(FeedsCmd),
}

#[derive(Subcommand)]
pub enum FeedsCmd {
    /// Every private feed, newest first (never their secrets).
    List {
        #[arg(long, value_enum, default_value_t = SimpleFormat::Table)]
        format: SimpleFormat,
    },
    /// A new private feed; prints its secret path once.
    Create {
        #[arg(long)]
        name: String,
        #[arg(long)]
        kind: Vec<String>,
        #[arg(long)]
        programme: Option<Id>,
        #[arg(long)]
        locality: Option<Id>,
        /// Leave volunteers' placements out.
        #[arg(long)]
        no_private: bool,
    },
    /// Revoke a feed: its address answers 404 from now on.
    Revoke { id: Id },
}

pub async fn run(url: &str, what: Cmd) -> anyhow::Result<()> {
    let app = open(url).await?;
    match what {
        Cmd::Export {
            kind,
            programme,
            locality,
            month,
            private,
            base_url,
            lang,
            output,
        } => {
            let mut filter = Filter::new(if private {
                Audience::Staff { include_private: true }
            } else {
                Audience::Public
            });
            filter.kinds = Filter::parse_kinds(kind.iter().map(String::as_str))?;
            filter.programme_id = programme;
            filter.locality_id = locality;
            if let Some(m) = month {
                let (y, m) = Filter::parse_month(&m)?;
                filter = filter.month(y, m);
            }
            let cal = app.calendar(&filter).await?;
            let name = kizuna_i18n::message(lang, "calendar-feed-name", &[]);
            let text = app.calendar_ics(&cal, lang, &base_url, &name, !private);
            eprintln!("{} events", cal.items.len());
            write_out(text.as_bytes(), output.as_ref())
        }
        Cmd::Feeds(FeedsCmd::List { format }) => {
            let feeds = app.calendar_feeds().await?;
            match format {
                SimpleFormat::Json => {
                    let rows: Vec<_> = feeds
                        .iter()
                        .map(|f| {
                            json!({
                                "id": f.id, "name": f.name, "kinds": f.kinds,
                                "programme_id": f.programme_id, "locality_id": f.locality_id,
                                "include_private": f.include_private,
                                "created_at": f.created_at, "revoked_at": f.revoked_at,
                                "last_used_at": f.last_used_at,
                            })
                        })
                        .collect();
                    println!("{}", serde_json::to_string_pretty(&rows)?);
                }
                SimpleFormat::Table => {
                    for f in &feeds {
                        let state = if f.revoked_at.is_some() { "revoked" } else { "active" };
                        println!(
                            "{}\t{}\t{}\t{}",
                            f.id,
                            state,
                            f.name,
                            if f.kinds.is_empty() { "all" } else { &f.kinds }
                        );
                    }
                }
            }
            Ok(())
        }
        Cmd::Feeds(FeedsCmd::Create {
            name,
            kind,
            programme,
            locality,
            no_private,
        }) => {
            let filters = FeedFilters {
                kinds: Filter::parse_kinds(kind.iter().map(String::as_str))?,
                programme_id: programme,
                locality_id: locality,
                include_private: !no_private,
            };
            let made = app.create_calendar_feed(&name, &filters, None).await?;
            eprintln!("feed {} created; its address is shown only now:", made.feed.id);
            println!("/calendar/private/{}.ics", made.secret);
            Ok(())
        }
        Cmd::Feeds(FeedsCmd::Revoke { id }) => {
            app.revoke_calendar_feed(id).await?;
            eprintln!("feed {id} revoked");
            Ok(())
        }
    }
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::from_code(s).ok_or_else(|| format!("\"{s}\" is not a language of Kizuna: write en, ja, th or ms"))
}
