//! Visitor flows: the figures by (origin, destination, month) with their
//! stage, the imports that wrote them, and what each import replaced. An
//! import's changes are written in one transaction, checked again there
//! against the figures they were decided on (a colleague's import in
//! between refuses this one, nothing written).

use chrono::{DateTime, Utc};
use kizuna_domain::System;
use kizuna_domain::common::{CountryCode, Id};
use kizuna_domain::tourism::flows::{Area, Figure, FlowKey, Month, Stage};

use crate::audit::{Action, NewEntry, audit_append};
use crate::changes::{Op, log_change};
use crate::{Store, StoreError, with_pool};

/// A figure on record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FlowRow {
    pub id: Id,
    pub key: FlowKey,
    pub figure: Figure,
    pub import_id: Id,
}

/// An import as it is listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowImportRow {
    pub id: Id,
    pub file_name: String,
    pub imported_at: DateTime<Utc>,
    /// Who imported it (the channel and account, as the audit log says).
    pub imported_by: String,
    pub note: Option<String>,
    pub added: u64,
    pub replaced: u64,
    pub unchanged: u64,
    pub kept: u64,
}

/// One replacement kept as history: the figure before and after, and the
/// import that made it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowHistoryRow {
    pub id: Id,
    pub flow_id: Id,
    pub key: FlowKey,
    pub import_id: Id,
    pub imported_at: DateTime<Utc>,
    pub file_name: String,
    pub old: Figure,
    pub old_import_id: Id,
    pub new: Figure,
}

/// What an import writes, as the application decided it.
#[derive(Debug, Clone, Default)]
pub struct FlowWrite {
    pub file_name: String,
    pub note: Option<String>,
    /// New figures.
    pub added: Vec<(FlowKey, Figure)>,
    /// Figures replaced: the row as it was read, and the new figure.
    pub replaced: Vec<(FlowRow, Figure)>,
    pub unchanged: u64,
    pub kept: u64,
}

type FlowTuple = (i64, String, Option<i64>, String, Option<i64>, String, String, i64, i64);

fn corrupt(what: &str, v: &str) -> StoreError {
    StoreError::Corrupt(format!("tourism flow {what}: {v:?}"))
}

fn country(v: &str) -> Result<CountryCode, StoreError> {
    CountryCode::parse(v).map_err(|_| corrupt("country", v))
}

fn stage(v: &str) -> Result<Stage, StoreError> {
    v.parse().map_err(|_| corrupt("stage", v))
}

fn count(v: i64) -> Result<u64, StoreError> {
    u64::try_from(v).map_err(|_| corrupt("visitors", &v.to_string()))
}

fn key_of(oc: &str, ol: Option<i64>, dc: &str, dl: Option<i64>, month: &str) -> Result<FlowKey, StoreError> {
    Ok(FlowKey {
        origin: Area {
            country: country(oc)?,
            locality_id: ol,
        },
        destination: Area {
            country: country(dc)?,
            locality_id: dl,
        },
        month: Month::parse(month).ok_or_else(|| corrupt("month", month))?,
    })
}

fn flow((id, oc, ol, dc, dl, month, st, visitors, import_id): FlowTuple) -> Result<FlowRow, StoreError> {
    Ok(FlowRow {
        id,
        key: key_of(&oc, ol, &dc, dl, &month)?,
        figure: Figure {
            stage: stage(&st)?,
            visitors: count(visitors)?,
        },
        import_id,
    })
}

fn signed(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

const FLOW_COLUMNS: &str = "SELECT id, origin_country, origin_locality_id, destination_country, destination_locality_id, \
     month, stage, visitors, import_id FROM tourism_flows ";

impl Store {
    /// Every figure on record, by origin, destination and month.
    pub async fn tourism_flows(&self) -> Result<Vec<FlowRow>, StoreError> {
        let sql = format!(
            "{FLOW_COLUMNS}ORDER BY origin_country, origin_locality_id, destination_country, destination_locality_id, month"
        );
        let rows: Vec<FlowTuple> =
            with_pool!(self, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).fetch_all(p).await?);
        rows.into_iter().map(flow).collect()
    }

    /// Write an import: its row, the new figures, the replaced ones with
    /// their history, all or nothing. A figure that changed since it was
    /// read, or a cell added meanwhile, refuses the whole import.
    pub async fn write_flow_import(&self, office_id: Id, w: &FlowWrite, now: DateTime<Utc>) -> Result<Id, StoreError> {
        let actor = self.actor();
        let by = match actor.user_id {
            Some(u) => format!("{} #{u}", actor.label),
            None => actor.label.clone(),
        };
        let import_id: i64 = with_pool!(self, p => {
            let mut tx = p.begin().await?;
            let import_id: i64 = sqlx::query_scalar(
                "INSERT INTO tourism_flow_imports (office_id, file_name, imported_at, imported_by, note, added, replaced, unchanged, kept) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
            )
            .bind(office_id).bind(&w.file_name).bind(now).bind(&by).bind(&w.note)
            .bind(signed(w.added.len() as u64)).bind(signed(w.replaced.len() as u64))
            .bind(signed(w.unchanged)).bind(signed(w.kept))
            .fetch_one(&mut *tx).await?;
            let mut items: Vec<(&str, i64, Option<i64>, Op)> = Vec::new();
            for (k, f) in &w.added {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO tourism_flows (office_id, origin_country, origin_locality_id, destination_country, \
                     destination_locality_id, month, stage, visitors, import_id) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                )
                .bind(office_id).bind(k.origin.country.as_str()).bind(k.origin.locality_id)
                .bind(k.destination.country.as_str()).bind(k.destination.locality_id)
                .bind(k.month.to_string()).bind(f.stage.as_str()).bind(signed(f.visitors)).bind(import_id)
                .fetch_one(&mut *tx).await
                .map_err(|e| match StoreError::from_write(e, "tourism_flow", "month") {
                    StoreError::Rejected(_) => changed_meanwhile(k),
                    other => other,
                })?;
                items.push(("tourism_flow", id, Some(office_id), Op::Upsert));
            }
            for (old, new) in &w.replaced {
                let n = sqlx::query(
                    "UPDATE tourism_flows SET stage = $1, visitors = $2, import_id = $3 \
                     WHERE id = $4 AND stage = $5 AND visitors = $6 AND import_id = $7",
                )
                .bind(new.stage.as_str()).bind(signed(new.visitors)).bind(import_id)
                .bind(old.id).bind(old.figure.stage.as_str()).bind(signed(old.figure.visitors)).bind(old.import_id)
                .execute(&mut *tx).await?.rows_affected();
                if n != 1 {
                    return Err(changed_meanwhile(&old.key));
                }
                sqlx::query(
                    "INSERT INTO tourism_flow_history (flow_id, import_id, old_stage, old_visitors, old_import_id, new_stage, new_visitors) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(old.id).bind(import_id).bind(old.figure.stage.as_str()).bind(signed(old.figure.visitors))
                .bind(old.import_id).bind(new.stage.as_str()).bind(signed(new.visitors))
                .execute(&mut *tx).await?;
                items.push(("tourism_flow", old.id, Some(office_id), Op::Upsert));
            }
            items.push(("tourism_flow_import", import_id, Some(office_id), Op::Upsert));
            log_change!(tx, System::Tourism, &items);
            let entries = [NewEntry::new(Action::Create, "tourism_flow_import", Some(import_id))
                .office(Some(office_id))
                .detail(format!(
                    "{}: {} added, {} replaced, {} unchanged, {} kept at a later stage",
                    w.file_name, w.added.len(), w.replaced.len(), w.unchanged, w.kept
                ))];
            audit_append!(tx, self, &entries);
            tx.commit().await?;
            import_id
        });
        self.note_write(System::Tourism);
        Ok(import_id)
    }

    /// The imports, newest first.
    pub async fn flow_imports(&self) -> Result<Vec<FlowImportRow>, StoreError> {
        type Row = (i64, String, DateTime<Utc>, String, Option<String>, i64, i64, i64, i64);
        let sql = "SELECT id, file_name, imported_at, imported_by, note, added, replaced, unchanged, kept \
                   FROM tourism_flow_imports ORDER BY id DESC";
        let rows: Vec<Row> = with_pool!(self, p => sqlx::query_as(sql).fetch_all(p).await?);
        rows.into_iter()
            .map(
                |(id, file_name, imported_at, imported_by, note, added, replaced, unchanged, kept)| {
                    Ok(FlowImportRow {
                        id,
                        file_name,
                        imported_at,
                        imported_by,
                        note,
                        added: count(added)?,
                        replaced: count(replaced)?,
                        unchanged: count(unchanged)?,
                        kept: count(kept)?,
                    })
                },
            )
            .collect()
    }

    /// What imports replaced, newest first (at most `limit`).
    pub async fn flow_history(&self, limit: i64) -> Result<Vec<FlowHistoryRow>, StoreError> {
        type Row = (
            i64,
            i64,
            String,
            Option<i64>,
            String,
            Option<i64>,
            String,
            i64,
            DateTime<Utc>,
            String,
            String,
            i64,
            i64,
            String,
            i64,
        );
        let sql = "SELECT h.id, h.flow_id, f.origin_country, f.origin_locality_id, f.destination_country, \
                   f.destination_locality_id, f.month, h.import_id, i.imported_at, i.file_name, \
                   h.old_stage, h.old_visitors, h.old_import_id, h.new_stage, h.new_visitors \
                   FROM tourism_flow_history h JOIN tourism_flows f ON f.id = h.flow_id \
                   JOIN tourism_flow_imports i ON i.id = h.import_id ORDER BY h.id DESC LIMIT $1";
        let rows: Vec<Row> = with_pool!(self, p => sqlx::query_as(sql).bind(limit).fetch_all(p).await?);
        rows.into_iter()
            .map(
                |(id, flow_id, oc, ol, dc, dl, month, import_id, imported_at, file_name, os, ov, oi, ns, nv)| {
                    Ok(FlowHistoryRow {
                        id,
                        flow_id,
                        key: key_of(&oc, ol, &dc, dl, &month)?,
                        import_id,
                        imported_at,
                        file_name,
                        old: Figure {
                            stage: stage(&os)?,
                            visitors: count(ov)?,
                        },
                        old_import_id: oi,
                        new: Figure {
                            stage: stage(&ns)?,
                            visitors: count(nv)?,
                        },
                    })
                },
            )
            .collect()
    }
}

fn changed_meanwhile(k: &FlowKey) -> StoreError {
    StoreError::Rejected(kizuna_domain::FieldError::new(
        "file",
        "changed_meanwhile",
        format!(
            "the figure for {} → {} in {} changed while this file was read: import it again",
            k.origin.country, k.destination.country, k.month
        ),
    ))
}
