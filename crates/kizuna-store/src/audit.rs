//! The audit log: who created, changed, deleted, viewed or exported which
//! record, when and from where (`audit_log`).
//!
//! Every write of the store appends its entries in the write's own
//! transaction, beside its change in the change feed ([`crate::changes`]),
//! as the store's [`Actor`] (a store handle acts for one actor: see
//! [`Store::acting`]); reads of personal data are appended by the
//! application ([`Store::audit_append`]).
//!
//! The log is append-only and hash-chained. Entry ids are contiguous and
//! handed out by the one-row `audit_head`, which also keeps the last hash;
//! an append first updates the head (on PostgreSQL that locks its row until
//! the transaction ends, on SQLite the write lock is already held), so
//! concurrent writers form one line. An entry's hash is SHA-256 over the
//! previous entry's hash and a canonical encoding of its own fields
//! ([`entry_hash`]): a changed entry no longer matches its hash, a removed
//! one leaves a gap in the ids and a broken link, and [`Store::audit_verify`]
//! names the first such entry. There is no update or delete of `audit_log`
//! anywhere in Kizuna, and both databases refuse them by trigger.
//!
//! Entries never carry personal data: the actor is a user id (an e-mail is
//! personal data), the record an id, and `detail` a short fixed phrase.

use std::sync::Arc;

use chrono::{DateTime, SecondsFormat, SubsecRound, Utc};
use kizuna_domain::common::Id;
use sha2::{Digest, Sha256};

use crate::{Store, StoreError, with_pool};

/// The hash before the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Who acts: a signed-in user (by id) through a channel, or the command
/// line or the system itself, and the client address when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// The account, when a person signed in (its e-mail is not kept here:
    /// it is personal data).
    pub user_id: Option<Id>,
    /// The channel: `console`, `api`, `web` (anonymous), `cli` or `system`.
    pub label: String,
    /// The client's network address, for requests.
    pub address: Option<String>,
}

impl Actor {
    /// The process itself (start-up work, a server's own bookkeeping).
    pub fn system() -> Self {
        Actor {
            user_id: None,
            label: "system".into(),
            address: None,
        }
    }

    /// Whoever runs the `kizuna` command.
    pub fn cli() -> Self {
        Actor {
            user_id: None,
            label: "cli".into(),
            address: None,
        }
    }

    /// A request through `channel` (`console`, `api`, `web`), by a user
    /// when one signed in.
    pub fn request(user_id: Option<Id>, channel: &str, address: Option<String>) -> Self {
        Actor {
            user_id,
            label: channel.to_owned(),
            address,
        }
    }
}

/// What an entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Create,
    Update,
    Delete,
    /// Personal data shown (a person's page, a people list).
    View,
    /// Personal data handed out as a file.
    Export,
    /// A person anonymised on request.
    Erase,
    /// A record removed by the retention rules.
    Purge,
    /// An account signed in (failed attempts are counted by the sign-in
    /// limits, not logged one by one).
    SignIn,
    /// Two records of one person made one (an entry for each, naming the
    /// other in its detail: "from person 12", "into person 7").
    Merge,
}

impl Action {
    pub const ALL: [Action; 9] = [
        Action::Create,
        Action::Update,
        Action::Delete,
        Action::View,
        Action::Export,
        Action::Erase,
        Action::Purge,
        Action::SignIn,
        Action::Merge,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::Delete => "delete",
            Action::View => "view",
            Action::Export => "export",
            Action::Erase => "erase",
            Action::Purge => "purge",
            Action::SignIn => "sign_in",
            Action::Merge => "merge",
        }
    }

    pub fn parse(s: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

impl std::fmt::Display for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An entry to append: what was done to which record. `detail` is a short
/// phrase without personal data ("version 3", "12 rows").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    pub action: Action,
    pub entity: String,
    pub record_id: Option<Id>,
    pub office_id: Option<Id>,
    pub detail: Option<String>,
}

impl NewEntry {
    pub fn new(action: Action, entity: &str, record_id: Option<Id>) -> Self {
        NewEntry {
            action,
            entity: entity.to_owned(),
            record_id,
            office_id: None,
            detail: None,
        }
    }

    pub fn office(mut self, office_id: Option<Id>) -> Self {
        self.office_id = office_id;
        self
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }
}

/// An entry as stored.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: Id,
    pub at: DateTime<Utc>,
    pub actor_user_id: Option<Id>,
    pub actor_label: String,
    pub address: Option<String>,
    pub action: String,
    pub entity: String,
    pub record_id: Option<Id>,
    pub office_id: Option<Id>,
    pub detail: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

/// The hash of an entry: SHA-256, in lower-case hex, over the previous
/// entry's hash, a newline, and the entry's fields in order (id, at in
/// RFC 3339 UTC with microseconds, actor user id, actor label, address,
/// action, entity, record id, office id, detail), each written as
/// `LENGTH:TEXT;` or `-;` when absent, so no two entries encode alike.
pub fn entry_hash(e: &AuditEntry) -> String {
    fn put(out: &mut String, v: Option<&str>) {
        match v {
            Some(s) => {
                out.push_str(&s.len().to_string());
                out.push(':');
                out.push_str(s);
                out.push(';');
            }
            None => out.push_str("-;"),
        }
    }
    let mut c = String::with_capacity(256);
    c.push_str(&e.prev_hash);
    c.push('\n');
    put(&mut c, Some(&e.id.to_string()));
    put(&mut c, Some(&e.at.to_rfc3339_opts(SecondsFormat::Micros, true)));
    put(&mut c, e.actor_user_id.map(|i| i.to_string()).as_deref());
    put(&mut c, Some(&e.actor_label));
    put(&mut c, e.address.as_deref());
    put(&mut c, Some(&e.action));
    put(&mut c, Some(&e.entity));
    put(&mut c, e.record_id.map(|i| i.to_string()).as_deref());
    put(&mut c, e.office_id.map(|i| i.to_string()).as_deref());
    put(&mut c, e.detail.as_deref());
    Sha256::digest(c.as_bytes())
        .iter()
        .fold(String::with_capacity(64), |mut s, b| {
            use std::fmt::Write as _;
            let _ = write!(s, "{b:02x}");
            s
        })
}

type Now = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

/// Who a store handle writes as, and where it reads the time of entries.
#[derive(Clone)]
pub(crate) struct AuditCtx {
    pub(crate) actor: Actor,
    now: Option<Now>,
}

impl Default for AuditCtx {
    fn default() -> Self {
        AuditCtx {
            actor: Actor::system(),
            now: None,
        }
    }
}

impl AuditCtx {
    /// The time of an entry, to the microsecond (both databases keep that).
    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.now.as_ref().map_or_else(Utc::now, |f| f()).trunc_subsecs(6)
    }

    /// The entries `new`, chained after entry `last` whose hash is `prev`.
    pub(crate) fn chain(&self, last: Id, prev: String, new: &[NewEntry]) -> Vec<AuditEntry> {
        let at = self.now();
        let mut prev = prev;
        let mut out = Vec::with_capacity(new.len());
        for (i, n) in new.iter().enumerate() {
            let mut e = AuditEntry {
                id: last + 1 + i as i64,
                at,
                actor_user_id: self.actor.user_id,
                actor_label: self.actor.label.clone(),
                address: self.actor.address.clone(),
                action: n.action.as_str().to_owned(),
                entity: n.entity.clone(),
                record_id: n.record_id,
                office_id: n.office_id,
                detail: n.detail.clone(),
                prev_hash: prev,
                hash: String::new(),
            };
            e.hash = entry_hash(&e);
            prev = e.hash.clone();
            out.push(e);
        }
        out
    }
}

/// Entries of the audit log written per statement (12 parameters each).
pub(crate) const AUDIT_ROWS_PER_STATEMENT: usize = 500;

/// Append `$entries` (`&[NewEntry]`) to the audit log inside the
/// transaction `$tx`, as the store `$store` acts. Call it last in a
/// transaction: it takes the head's lock, held until the end.
macro_rules! audit_append {
    ($tx:ident, $store:expr, $entries:expr) => {{
        let entries: &[$crate::audit::NewEntry] = $entries;
        if !entries.is_empty() {
            let n = entries.len() as i64;
            let (last, prev): (i64, String) = sqlx::query_as(
                "UPDATE audit_head SET last_id = last_id + $1 WHERE id = 1 RETURNING last_id - $1, hash",
            )
            .bind(n)
            .fetch_one(&mut *$tx)
            .await?;
            let rows = $store.audit.chain(last, prev, entries);
            let sqlite = $crate::changes::is_sqlite(&$tx);
            for chunk in rows.chunks($crate::audit::AUDIT_ROWS_PER_STATEMENT) {
                let sql = format!(
                    "INSERT INTO audit_log (id, at, actor_user_id, actor_label, address, action, entity, \
                     record_id, office_id, detail, prev_hash, hash) VALUES {}",
                    $crate::changes::value_rows(sqlite, chunk.len(), 12, 1)
                );
                let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                for e in chunk {
                    q = q
                        .bind(e.id)
                        .bind(e.at)
                        .bind(e.actor_user_id)
                        .bind(e.actor_label.as_str())
                        .bind(e.address.as_deref())
                        .bind(e.action.as_str())
                        .bind(e.entity.as_str())
                        .bind(e.record_id)
                        .bind(e.office_id)
                        .bind(e.detail.as_deref())
                        .bind(e.prev_hash.as_str())
                        .bind(e.hash.as_str());
                }
                q.execute(&mut *$tx).await?;
            }
            let last_hash = rows.last().map(|e| e.hash.clone()).unwrap_or_default();
            sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1")
                .bind(last_hash)
                .execute(&mut *$tx)
                .await?;
        }
    }};
}
pub(crate) use audit_append;

/// Which entries to list; every condition given must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub actor_user_id: Option<Id>,
    /// The channel (`cli`, `console`, …).
    pub actor_label: Option<String>,
    pub action: Option<Action>,
    pub entity: Option<String>,
    pub record_id: Option<Id>,
    /// From this instant on (inclusive).
    pub from: Option<DateTime<Utc>>,
    /// Before this instant (exclusive).
    pub until: Option<DateTime<Utc>>,
}

/// What [`Store::audit_verify`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    /// Every entry matches its hash and follows the one before it.
    Intact { entries: i64, head: String },
    /// The first entry that does not, and why.
    Broken { id: Id, reason: String },
}

type Raw = (
    i64,
    DateTime<Utc>,
    Option<i64>,
    String,
    Option<String>,
    String,
    String,
    Option<i64>,
    Option<i64>,
    Option<String>,
    String,
    String,
);

fn entry(r: Raw) -> AuditEntry {
    let (id, at, actor_user_id, actor_label, address, action, entity, record_id, office_id, detail, prev_hash, hash) =
        r;
    AuditEntry {
        id,
        at,
        actor_user_id,
        actor_label,
        address,
        action,
        entity,
        record_id,
        office_id,
        detail,
        prev_hash,
        hash,
    }
}

const COLUMNS: &str =
    "id, at, actor_user_id, actor_label, address, action, entity, record_id, office_id, detail, prev_hash, hash";

impl Store {
    /// This store as another actor: the same database, caches and
    /// counters, its writes and entries logged as `actor`'s.
    #[must_use]
    pub fn acting(&self, actor: Actor) -> Store {
        let mut s = self.clone();
        s.audit.actor = actor;
        s
    }

    /// Take the time of audit entries from `now` (the application's clock).
    #[must_use]
    pub fn with_audit_clock(mut self, now: impl Fn() -> DateTime<Utc> + Send + Sync + 'static) -> Store {
        self.audit.now = Some(Arc::new(now));
        self
    }

    /// Whom this store's writes are logged as.
    pub fn actor(&self) -> &Actor {
        &self.audit.actor
    }

    /// Append entries (reads and exports of personal data) in a
    /// transaction of their own.
    pub async fn audit_append(&self, entries: &[NewEntry]) -> Result<(), StoreError> {
        with_pool!(self, p => {
            let mut tx = p.begin().await?;
            audit_append!(tx, self, entries);
            tx.commit().await?;
        });
        Ok(())
    }

    /// Entries matching `filter`, newest first, and how many match.
    pub async fn audit_entries(
        &self,
        filter: &AuditFilter,
        limit: u32,
        offset: u32,
    ) -> Result<(Vec<AuditEntry>, i64), StoreError> {
        enum V {
            I(i64),
            T(String),
            D(DateTime<Utc>),
        }
        let mut conds: Vec<(&str, V)> = Vec::new();
        if let Some(u) = filter.actor_user_id {
            conds.push(("actor_user_id =", V::I(u)));
        }
        if let Some(l) = &filter.actor_label {
            conds.push(("actor_label =", V::T(l.clone())));
        }
        if let Some(a) = filter.action {
            conds.push(("action =", V::T(a.as_str().to_owned())));
        }
        if let Some(e) = &filter.entity {
            conds.push(("entity =", V::T(e.clone())));
        }
        if let Some(r) = filter.record_id {
            conds.push(("record_id =", V::I(r)));
        }
        if let Some(f) = filter.from {
            conds.push(("at >=", V::D(f)));
        }
        if let Some(u) = filter.until {
            conds.push(("at <", V::D(u)));
        }
        let mut wh = String::new();
        for (i, (c, _)) in conds.iter().enumerate() {
            wh.push_str(if i == 0 { " WHERE " } else { " AND " });
            wh.push_str(&format!("{c} ${}", i + 1));
        }
        let n = conds.len();
        let list = format!(
            "SELECT {COLUMNS} FROM audit_log{wh} ORDER BY id DESC LIMIT ${} OFFSET ${}",
            n + 1,
            n + 2
        );
        let count = format!("SELECT COUNT(*) FROM audit_log{wh}");
        macro_rules! bind_conds {
            ($q:expr) => {{
                let mut q = $q;
                for (_, v) in &conds {
                    q = match v {
                        V::I(x) => q.bind(*x),
                        V::T(x) => q.bind(x.as_str()),
                        V::D(x) => q.bind(*x),
                    };
                }
                q
            }};
        }
        let (rows, total): (Vec<Raw>, i64) = with_pool!(self, p => {
            let rows: Vec<Raw> = bind_conds!(sqlx::query_as(sqlx::AssertSqlSafe(list.as_str())))
                .bind(i64::from(limit))
                .bind(i64::from(offset))
                .fetch_all(p)
                .await?;
            let total: i64 = bind_conds!(sqlx::query_scalar(sqlx::AssertSqlSafe(count.as_str()))).fetch_one(p).await?;
            (rows, total)
        });
        Ok((rows.into_iter().map(entry).collect(), total))
    }

    /// Recompute the chain from the first entry: every entry must follow
    /// the one before it (ids without gaps, its previous hash that entry's
    /// hash) and match its own hash, and the head must name the last.
    pub async fn audit_verify(&self) -> Result<Verification, StoreError> {
        const PAGE: i64 = 5_000;
        let sql = format!("SELECT {COLUMNS} FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2");
        let mut last_id = 0_i64;
        let mut prev = GENESIS.to_owned();
        loop {
            let rows: Vec<Raw> = with_pool!(self, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(last_id)
                .bind(PAGE)
                .fetch_all(p)
                .await?);
            let done = (rows.len() as i64) < PAGE;
            for raw in rows {
                let e = entry(raw);
                if e.id != last_id + 1 {
                    let missing = if e.id == last_id + 2 {
                        format!("entry {} is missing", last_id + 1)
                    } else {
                        format!("entries {} to {} are missing", last_id + 1, e.id - 1)
                    };
                    return Ok(Verification::Broken {
                        id: e.id,
                        reason: format!("{missing} before it (removed from the log)"),
                    });
                }
                if e.prev_hash != prev {
                    return Ok(Verification::Broken {
                        id: e.id,
                        reason: format!(
                            "its previous hash is not entry {last_id}'s hash: entry {last_id} was changed or replaced"
                        ),
                    });
                }
                if entry_hash(&e) != e.hash {
                    return Ok(Verification::Broken {
                        id: e.id,
                        reason: "its fields do not match its hash: it was changed after it was written".into(),
                    });
                }
                last_id = e.id;
                prev = e.hash;
            }
            if done {
                break;
            }
        }
        let (head_id, head_hash): (i64, String) = with_pool!(self, p =>
            sqlx::query_as("SELECT last_id, hash FROM audit_head WHERE id = 1").fetch_one(p).await?);
        if head_id != last_id || head_hash != prev {
            return Ok(Verification::Broken {
                id: head_id,
                reason: format!(
                    "the log ends at entry {last_id}, but the head says it ends at entry {head_id}: the last entries were removed"
                ),
            });
        }
        Ok(Verification::Intact {
            entries: last_id,
            head: prev,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> AuditEntry {
        AuditEntry {
            id: 1,
            at: DateTime::parse_from_rfc3339("2008-03-31T03:00:00.123456Z")
                .unwrap()
                .with_timezone(&Utc),
            actor_user_id: Some(2),
            actor_label: "api".into(),
            address: Some("192.0.2.1".into()),
            action: "update".into(),
            entity: "person".into(),
            record_id: Some(12),
            office_id: Some(1),
            detail: Some("version 3".into()),
            prev_hash: GENESIS.into(),
            hash: String::new(),
        }
    }

    #[test]
    fn every_field_is_in_the_hash() {
        let base = entry_hash(&sample());
        assert_eq!(base.len(), 64);
        type Change = Box<dyn Fn(&mut AuditEntry)>;
        let changes: Vec<Change> = vec![
            Box::new(|e| e.id = 2),
            Box::new(|e| e.at += chrono::TimeDelta::microseconds(1)),
            Box::new(|e| e.actor_user_id = None),
            Box::new(|e| e.actor_label = "cli".into()),
            Box::new(|e| e.address = None),
            Box::new(|e| e.action = "delete".into()),
            Box::new(|e| e.entity = "people".into()),
            Box::new(|e| e.record_id = Some(13)),
            Box::new(|e| e.office_id = None),
            Box::new(|e| e.detail = Some("version 4".into())),
            Box::new(|e| e.prev_hash = "1".repeat(64)),
        ];
        for (i, change) in changes.iter().enumerate() {
            let mut e = sample();
            change(&mut e);
            assert_ne!(entry_hash(&e), base, "change {i} leaves the hash as it was");
        }
    }

    #[test]
    fn fields_cannot_be_shifted_into_each_other() {
        let mut a = sample();
        a.entity = "person".into();
        a.detail = Some("x".into());
        let mut b = sample();
        b.entity = "person;1:x".into();
        b.detail = None;
        assert_ne!(entry_hash(&a), entry_hash(&b));
    }
}
