//! `kizuna audit …`: read the audit log and check its chain.

use chrono::NaiveDate;
use clap::Subcommand;
use kizuna_app::audit::start_of_day_in_japan;
use kizuna_store::{Action, AuditFilter, Page, Verification};

use super::{SimpleFormat, open};

#[derive(Subcommand)]
pub enum AuditCmd {
    /// Recompute the hash chain: prints "ok" with the number of entries and
    /// the last hash, or names the first broken entry and exits with 1.
    Verify,
    /// List entries, newest first.
    List {
        /// Only this kind of record (person, participation, place, …).
        #[arg(long)]
        entity: Option<String>,
        /// Only this record id.
        #[arg(long)]
        record: Option<i64>,
        /// Only this account (user id), or a channel: cli, console, api, system.
        #[arg(long)]
        actor: Option<String>,
        /// Only this action: create, update, delete, view, export, erase, purge.
        #[arg(long)]
        action: Option<String>,
        /// From this day (in Japan), inclusive: YYYY-MM-DD.
        #[arg(long, value_parser = super::date)]
        from: Option<NaiveDate>,
        /// Up to this day (in Japan), inclusive: YYYY-MM-DD.
        #[arg(long, value_parser = super::date)]
        to: Option<NaiveDate>,
        #[arg(long, default_value_t = 100)]
        limit: u32,
        #[arg(long, value_enum, default_value_t = SimpleFormat::Table)]
        format: SimpleFormat,
    },
}

pub async fn audit(url: &str, what: AuditCmd) -> anyhow::Result<()> {
    let app = open(url).await?;
    match what {
        AuditCmd::Verify => match app.verify_audit().await? {
            Verification::Intact { entries, head } => {
                outln!("ok: {entries} entries, the chain is intact; last hash {head}");
            }
            Verification::Broken { id, reason } => {
                outln!("broken at entry {id}: {reason}");
                app.store.close().await;
                anyhow::bail!("the audit log was tampered with (entry {id})");
            }
        },
        AuditCmd::List {
            entity,
            record,
            actor,
            action,
            from,
            to,
            limit,
            format,
        } => {
            let mut filter = AuditFilter {
                entity,
                record_id: record,
                from: from.map(start_of_day_in_japan),
                until: to.and_then(|d| d.succ_opt()).map(start_of_day_in_japan),
                ..AuditFilter::default()
            };
            if let Some(a) = actor {
                match a.parse::<i64>() {
                    Ok(id) => filter.actor_user_id = Some(id),
                    Err(_) => filter.actor_label = Some(a),
                }
            }
            if let Some(a) = action {
                filter.action = Some(Action::parse(&a).ok_or_else(|| {
                    anyhow::anyhow!(
                        "--action: \"{a}\" is not one of create, update, delete, view, export, erase, purge"
                    )
                })?);
            }
            let (entries, total) = app.audit_log(&filter, Page { limit, offset: 0 }).await?;
            match format {
                SimpleFormat::Json => outln!("{}", serde_json::to_string_pretty(&entries)?),
                SimpleFormat::Table => {
                    outln!("id\tat\tactor\taddress\taction\tentity\trecord\tdetail");
                    for e in &entries {
                        let actor = match e.actor_user_id {
                            Some(u) => format!("{} user {u}", e.actor_label),
                            None => e.actor_label.clone(),
                        };
                        outln!(
                            "{}\t{}\t{actor}\t{}\t{}\t{}\t{}\t{}",
                            e.id,
                            e.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                            e.address.as_deref().unwrap_or("-"),
                            e.action,
                            e.entity,
                            e.record_id.map_or_else(|| "-".into(), |r| r.to_string()),
                            e.detail.as_deref().unwrap_or("")
                        );
                    }
                    eprintln!("{} of {total} entries", entries.len());
                }
            }
        }
    }
    app.store.close().await;
    Ok(())
}
