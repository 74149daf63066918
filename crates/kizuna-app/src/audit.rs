//! Accountability: the application acts for someone ([`App::acting`]),
//! every write is logged by the store in its own transaction, and reads
//! and exports of personal data are logged here. Staff read the log with
//! filters ([`App::audit_log`]) and `kizuna audit verify` checks its chain.

use chrono::{NaiveDate, TimeZone};
use kizuna_domain::common::Id;
use kizuna_domain::common::person::Person;
use kizuna_store::{Action, AuditEntry, AuditFilter, NewEntry, Page, Verification};

use crate::{App, Result};

/// The start of a day in Japan, where the office's days are reckoned.
pub fn start_of_day_in_japan(day: NaiveDate) -> chrono::DateTime<chrono::Utc> {
    let jst = chrono::FixedOffset::east_opt(9 * 3600).expect("UTC+9 is an offset");
    jst.from_local_datetime(&day.and_time(chrono::NaiveTime::MIN))
        .single()
        .map_or_else(
            || day.and_time(chrono::NaiveTime::MIN).and_utc(),
            |t| t.with_timezone(&chrono::Utc),
        )
}

impl App {
    /// Log that the people `ids` were shown (a person's page, a list of
    /// people); `detail` says where, without personal data.
    pub async fn note_viewed(&self, ids: &[Id], detail: &str) -> Result<()> {
        let entries: Vec<NewEntry> = ids
            .iter()
            .map(|id| NewEntry::new(Action::View, "person", Some(*id)).detail(detail))
            .collect();
        Ok(self.store.audit_append(&entries).await?)
    }

    /// Log that the people were shown.
    pub(crate) async fn note_people_viewed(&self, people: &[Person], detail: &str) -> Result<()> {
        let ids: Vec<Id> = people.iter().map(|p| p.id).collect();
        self.note_viewed(&ids, detail).await
    }

    /// Log an export of personal data: of one record, or (`record_id`
    /// `None`) a file of many, `detail` saying what (a format and a count).
    pub async fn note_export(&self, entity: &str, record_id: Option<Id>, detail: &str) -> Result<()> {
        Ok(self
            .store
            .audit_append(&[NewEntry::new(Action::Export, entity, record_id).detail(detail)])
            .await?)
    }

    /// Log what was done to an account or a token (`entity` "account" or
    /// "token"): `detail` is a code the audit page translates
    /// (`audit-detail-…`), never a secret or an e-mail.
    pub(crate) async fn note_access(&self, action: Action, entity: &str, id: Id, detail: &str) -> Result<()> {
        let mut entry = NewEntry::new(action, entity, Some(id));
        if !detail.is_empty() {
            entry = entry.detail(detail);
        }
        Ok(self.store.audit_append(&[entry]).await?)
    }

    /// A page of the audit log, newest first, and how many entries match.
    pub async fn audit_log(&self, filter: &AuditFilter, page: Page) -> Result<(Vec<AuditEntry>, i64)> {
        Ok(self.store.audit_entries(filter, page.limit, page.offset).await?)
    }

    /// Recompute the audit log's chain.
    pub async fn verify_audit(&self) -> Result<Verification> {
        Ok(self.store.audit_verify().await?)
    }
}
