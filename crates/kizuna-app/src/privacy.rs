//! A person's rights and the retention rules: everything held on a person
//! as one JSON document, erasure that keeps the statistics, and the purge
//! of what the retention rules ([`kizuna_domain::common::retention`]) say
//! is due. Each is logged in the audit log.

use kizuna_domain::common::person::{Person, PersonInput};
use kizuna_domain::common::retention::{Keep, RULES, RecordKind, Rule, rule};
use kizuna_domain::common::{Id, Text};
use kizuna_domain::training::participation::Participation;
use kizuna_domain::volunteers::document::PlacementDocument;
use kizuna_domain::volunteers::hours::VolunteerEntry;
use kizuna_domain::volunteers::placement::Placement;
use kizuna_store::privacy::{AttendanceHeld, Cutoffs, LinkedAccount, Purged};
use kizuna_store::{AuditEntry, AuditFilter, Page, RoleHeld, Value};
use serde::Serialize;

use crate::{App, Result};

/// Everything Kizuna holds on a person.
#[derive(Debug, Clone, Serialize)]
pub struct PersonExport {
    /// What this document is, and when it was made.
    pub kind: &'static str,
    pub exported_at: chrono::DateTime<chrono::Utc>,
    pub person: Person,
    /// Every role they held (trainee, instructor, …) with its course.
    pub roles: Vec<RoleHeld>,
    pub participations: Vec<Participation>,
    pub attendance: Vec<AttendanceHeld>,
    /// Their volunteer placements.
    pub placements: Vec<Placement>,
    /// The documents of those placements, with their numbers and expiry.
    pub placement_documents: Vec<PlacementDocument>,
    /// The scans of those documents, with their bytes.
    pub placement_document_files: Vec<ExportedFile>,
    /// The hours and reports logged on those placements.
    pub volunteer_entries: Vec<VolunteerEntry>,
    /// Accounts under the person's e-mail address, if any (no secrets).
    pub accounts: Vec<LinkedAccount>,
    /// Every audit-log entry about the person, oldest first.
    pub audit: Vec<AuditEntry>,
}

/// A document's scan in a person's export.
#[derive(Debug, Clone, Serialize)]
pub struct ExportedFile {
    pub document_id: Id,
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub uploaded_at: chrono::DateTime<chrono::Utc>,
    /// The file's bytes, base64 (standard alphabet, padded).
    pub content_base64: String,
}

/// The name an erased person keeps: a placeholder with their id.
pub fn erased_name(id: Id) -> String {
    format!("erased person {id}")
}

/// The retention rule of every kind, with its cutoff as of a day.
pub fn retention_rules() -> &'static [Rule] {
    RULES
}

impl App {
    /// Everything held on a person, logged as an export of that person.
    pub async fn export_person(&self, id: Id) -> Result<PersonExport> {
        let person = self.store.get::<Person>(id).await?;
        let roles = self.store.roles_of(id).await?;
        let participations = self
            .store
            .select::<Participation>(&[("person_id", Value::Int(Some(id)))], Page::ALL)
            .await?;
        let attendance = self.store.attendance_of(id).await?;
        let placements = self
            .store
            .select::<Placement>(&[("person_id", Value::Int(Some(id)))], Page::ALL)
            .await?;
        let (mut placement_documents, mut volunteer_entries) = (Vec::new(), Vec::new());
        for p in &placements {
            let by_placement = [("placement_id", Value::Int(Some(p.id)))];
            placement_documents.extend(self.store.select::<PlacementDocument>(&by_placement, Page::ALL).await?);
            volunteer_entries.extend(self.store.select::<VolunteerEntry>(&by_placement, Page::ALL).await?);
        }
        let doc_ids: Vec<Id> = placement_documents.iter().map(|d| d.id).collect();
        let mut placement_document_files = Vec::new();
        for f in self.store.document_files(&doc_ids).await? {
            let (f, content_base64) = self.store.document_file_content(f.document_id).await?;
            placement_document_files.push(ExportedFile {
                document_id: f.document_id,
                file_name: f.file_name,
                media_type: f.media_type,
                size_bytes: f.size_bytes,
                sha256: f.sha256,
                uploaded_at: f.uploaded_at,
                content_base64,
            });
        }
        let accounts = match &person.fields.email {
            Some(e) => self.store.accounts_with_email(e.as_str()).await?,
            None => Vec::new(),
        };
        self.note_export("person", Some(id), "subject access").await?;
        let mut audit = Vec::new();
        let filter = AuditFilter {
            entity: Some("person".into()),
            record_id: Some(id),
            ..AuditFilter::default()
        };
        let mut offset = 0;
        loop {
            let (mut page, total) = self.store.audit_entries(&filter, 1000, offset).await?;
            offset += 1000;
            audit.append(&mut page);
            if i64::from(offset) >= total {
                break;
            }
        }
        audit.reverse();
        Ok(PersonExport {
            kind: "kizuna person export",
            exported_at: self.now(),
            person,
            roles,
            participations,
            attendance,
            placements,
            placement_documents,
            placement_document_files,
            volunteer_entries,
            accounts,
            audit,
        })
    }

    /// Anonymise a person: every form of their name, contacts, birth date,
    /// organisation and position are replaced or removed, their attendance
    /// notes cleared, their placements' documents (numbers, expiry, scans)
    /// deleted and their hours entries' reports and review notes cleared
    /// (the hours stay in the hours report); nationality, gender and participations
    /// stay, so past statistics do not move. Logged as an erasure (the
    /// entry names the record, not the person).
    pub async fn erase_person(&self, id: Id) -> Result<Person> {
        let person = self.store.get::<Person>(id).await?;
        let anonymous = PersonInput {
            family_name: Text::parse(&erased_name(id)).map_err(|e| crate::AppError::BadFile(e.to_string()))?,
            given_name: None,
            name_native: None,
            name_kana: None,
            gender: person.fields.gender,
            nationality: person.fields.nationality,
            birth_date: None,
            email: None,
            organisation_id: None,
            position: None,
        };
        self.store.erase_person(id, &anonymous).await?;
        Ok(self.store.get::<Person>(id).await?)
    }

    /// The cutoffs of the retention rules as of today (the app's clock).
    pub fn retention_cutoffs(&self) -> Cutoffs {
        let today = self.today();
        let day = |kind: RecordKind| match rule(kind).keep {
            Keep::Always => None,
            keep => keep.cutoff(today),
        };
        Cutoffs {
            sessions: day(RecordKind::Session).map(crate::audit::start_of_day_in_japan),
            trainee_contacts: day(RecordKind::TraineeContact),
            tokens: day(RecordKind::ApiToken).map(crate::audit::start_of_day_in_japan),
            password_links: day(RecordKind::PasswordLink).map(crate::audit::start_of_day_in_japan),
            nominations: day(RecordKind::NominationFile).map(crate::audit::start_of_day_in_japan),
        }
    }

    /// What the retention rules make due today; removed unless `dry_run`
    /// (all in one transaction, each removal in the audit log). A dry run
    /// lists exactly what the purge would remove.
    pub async fn purge(&self, dry_run: bool) -> Result<Vec<Purged>> {
        Ok(self.store.purge(self.retention_cutoffs(), dry_run).await?)
    }
}
