//! What a partner organisation does in Kizuna: read its own records (its
//! people and their roles, the course editions it hosts sessions of or
//! sends trainees to, its programmes, its nomination files), keep its
//! contact details up to date, and send nomination files for the office's
//! staff to review; and the staff's side of those files.
//!
//! Every function that reads for a partner takes the partner's
//! organisation and never returns another's record: a file of another
//! organisation is "not found", as if it did not exist.

use std::collections::BTreeMap;

use kizuna_domain::FieldError;
use kizuna_domain::common::organisation::{Organisation, OrganisationInput};
use kizuna_domain::common::person::Person;
use kizuna_domain::common::programme::Programme;
use kizuna_domain::common::{Id, Text};
use kizuna_domain::training::edition::Edition;
use kizuna_domain::training::nomination::{Nomination, NominationFileKind, NominationStatus, clean_file_name};
use kizuna_domain::training::participation::{Participation, ParticipationRole};
use kizuna_domain::training::session::Session;
use kizuna_io::limits::{MAX_FILE_BYTES, check_xlsx, megabytes};
use kizuna_store::nominations::{NewNomination, NominationFilter, Review};
use kizuna_store::{RoleHeld, Value};

use crate::{App, AppError, Result};

const ALL: kizuna_store::Page = kizuna_store::Page {
    limit: 10_000,
    offset: 0,
};

/// A course edition as a partner sees it, with how much of it is theirs:
/// sessions they host, or trainees they send.
#[derive(Debug, Clone)]
pub struct EditionShare {
    pub edition: Edition,
    pub course: Programme,
    pub count: usize,
}

/// A partner organisation's own records.
#[derive(Debug, Clone)]
pub struct PartnerOverview {
    pub organisation: Organisation,
    /// Its people, each with the roles they held over the years.
    pub people: Vec<(Person, Vec<RoleHeld>)>,
    /// Programmes it runs (training courses included).
    pub programmes: Vec<Programme>,
    /// Editions with sessions it hosts, newest first; `count` sessions.
    pub hosted: Vec<EditionShare>,
    /// Editions its people train in, newest first; `count` trainees
    /// (counted: accepted, arrived or completed).
    pub sending: Vec<EditionShare>,
    pub nominations: Vec<Nomination>,
}

/// An organisation's contact details, as its partners change them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactDetails {
    pub address: Option<Text>,
    pub phone: Option<Text>,
    pub email: Option<Text>,
    pub website: Option<Text>,
    pub contact_person: Option<Text>,
}

impl ContactDetails {
    pub fn of(o: &OrganisationInput) -> Self {
        ContactDetails {
            address: o.address.clone(),
            phone: o.phone.clone(),
            email: o.email.clone(),
            website: o.website.clone(),
            contact_person: o.contact_person.clone(),
        }
    }
}

/// A nomination file as sent.
#[derive(Debug, Clone)]
pub struct Upload<'a> {
    pub file_name: &'a str,
    pub bytes: &'a [u8],
    pub edition_id: Option<Id>,
    pub note: Option<Text>,
}

fn invalid(field: &str, code: &str, message: impl Into<String>) -> AppError {
    AppError::Invalid(vec![FieldError::new(field, code, message)])
}

/// What a nomination file is, from its name and its first bytes: a PDF, an
/// XLSX workbook (held to the upload limits before anything reads it) or a
/// CSV file (text: no NUL byte).
pub fn nomination_kind(name: &str, bytes: &[u8]) -> Result<NominationFileKind> {
    if bytes.is_empty() {
        return Err(invalid("file", "required", "choose a file to send"));
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(AppError::TooLarge(format!(
            "the file is {}; files up to {} are accepted",
            megabytes(bytes.len() as u64),
            megabytes(MAX_FILE_BYTES as u64)
        )));
    }
    let lower = name.to_lowercase();
    let wrong = || {
        invalid(
            "file",
            "nomination_file_type",
            "send a PDF, an Excel workbook (.xlsx) or a CSV file",
        )
    };
    if lower.ends_with(".pdf") {
        return if bytes.starts_with(b"%PDF-") {
            Ok(NominationFileKind::Pdf)
        } else {
            Err(wrong())
        };
    }
    if lower.ends_with(".xlsx") {
        if !bytes.starts_with(b"PK\x03\x04") {
            return Err(wrong());
        }
        return match check_xlsx(bytes) {
            Ok(()) => Ok(NominationFileKind::Xlsx),
            Err(kizuna_io::IoError::TooLarge(m)) => Err(AppError::TooLarge(m)),
            Err(_) => Err(invalid(
                "file",
                "nomination_unreadable",
                "the workbook cannot be read; save it again as .xlsx",
            )),
        };
    }
    if lower.ends_with(".csv") {
        return if bytes.contains(&0) || bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"%PDF-") {
            Err(wrong())
        } else {
            Ok(NominationFileKind::Csv)
        };
    }
    Err(wrong())
}

/// Editions by id with their courses, newest fiscal year first.
async fn shares(app: &App, counts: BTreeMap<Id, usize>) -> Result<Vec<EditionShare>> {
    let mut out = Vec::with_capacity(counts.len());
    let mut courses: BTreeMap<Id, Programme> = BTreeMap::new();
    for (id, count) in counts {
        let edition = app.store.get::<Edition>(id).await?;
        let pid = edition.fields.programme_id;
        if let std::collections::btree_map::Entry::Vacant(slot) = courses.entry(pid) {
            slot.insert(app.store.get::<Programme>(pid).await?);
        }
        if let Some(course) = courses.get(&pid) {
            out.push(EditionShare {
                edition,
                course: course.clone(),
                count,
            });
        }
    }
    out.sort_by(|a, b| {
        b.edition
            .fields
            .starts_on
            .cmp(&a.edition.fields.starts_on)
            .then(a.edition.id.cmp(&b.edition.id))
    });
    Ok(out)
}

impl App {
    /// An organisation's own records for its partner's page (the people
    /// shown are logged as viewed, `partner page`).
    pub async fn partner_overview(&self, organisation_id: Id) -> Result<PartnerOverview> {
        let organisation = self.store.get::<Organisation>(organisation_id).await?;
        let ours = [("organisation_id", Value::Int(Some(organisation_id)))];
        let mut people = self.store.select::<Person>(&ours, ALL).await?;
        people.sort_by(|a, b| kizuna_i18n::compare(kizuna_i18n::Lang::En, &a.sort_name(), &b.sort_name()));
        let programmes = self.store.select::<Programme>(&ours, ALL).await?;

        let mut hosting: BTreeMap<Id, usize> = BTreeMap::new();
        for s in self
            .store
            .select::<Session>(&[("host_organisation_id", Value::Int(Some(organisation_id)))], ALL)
            .await?
        {
            *hosting.entry(s.fields.edition_id).or_default() += 1;
        }
        let mut sending: BTreeMap<Id, usize> = BTreeMap::new();
        let mut with_roles = Vec::with_capacity(people.len());
        for p in people {
            for pa in self
                .store
                .select::<Participation>(&[("person_id", Value::Int(Some(p.id)))], ALL)
                .await?
            {
                if pa.fields.role == ParticipationRole::Trainee && pa.fields.status.is_counted() {
                    *sending.entry(pa.fields.edition_id).or_default() += 1;
                }
            }
            let roles = self.store.roles_of(p.id).await?;
            with_roles.push((p, roles));
        }
        let ids: Vec<Id> = with_roles.iter().map(|(p, _)| p.id).collect();
        self.note_viewed(&ids, "partner page").await?;
        Ok(PartnerOverview {
            organisation,
            people: with_roles,
            programmes,
            hosted: shares(self, hosting).await?,
            sending: shares(self, sending).await?,
            nominations: self
                .store
                .nominations(NominationFilter {
                    organisation_id: Some(organisation_id),
                    status: None,
                })
                .await?,
        })
    }

    /// Change an organisation's contact details, as they were at `version`
    /// (refused with [`AppError::Conflict`] when someone changed the
    /// organisation since); its other fields stay as they are.
    pub async fn update_contact(&self, organisation_id: Id, version: i64, c: ContactDetails) -> Result<Organisation> {
        let current = self.store.get::<Organisation>(organisation_id).await?;
        let input = OrganisationInput {
            address: c.address,
            phone: c.phone,
            email: c.email,
            website: c.website,
            contact_person: c.contact_person,
            ..current.fields
        };
        self.update::<Organisation>(organisation_id, version, &input).await
    }

    /// Keep a nomination file an organisation sends (by account
    /// `uploaded_by`), checked to be a PDF, XLSX or CSV file within the
    /// upload limits and to name an edition that exists.
    pub async fn submit_nomination(
        &self,
        organisation_id: Id,
        uploaded_by: Option<Id>,
        upload: Upload<'_>,
    ) -> Result<Nomination> {
        let kind = nomination_kind(upload.file_name, upload.bytes)?;
        self.store.get::<Organisation>(organisation_id).await?;
        if let Some(e) = upload.edition_id
            && !self.store.exists::<Edition>(e).await?
        {
            return Err(invalid(
                "edition_id",
                "not_found",
                format!("there is no course edition {e}"),
            ));
        }
        let name = clean_file_name(upload.file_name);
        Ok(self
            .store
            .insert_nomination(&NewNomination {
                organisation_id,
                edition_id: upload.edition_id,
                uploaded_by,
                uploaded_at: self.now(),
                file_name: &name,
                file_kind: kind,
                content: upload.bytes,
                note: upload.note,
            })
            .await?)
    }

    /// Nomination files, newest first: one organisation's, or all.
    pub async fn nominations(&self, filter: NominationFilter) -> Result<Vec<Nomination>> {
        Ok(self.store.nominations(filter).await?)
    }

    /// A nomination file's record; with `organisation`, only if it is that
    /// organisation's (any other is not found).
    pub async fn nomination(&self, id: Id, organisation: Option<Id>) -> Result<Nomination> {
        let n = self.store.nomination(id).await?;
        if organisation.is_some_and(|o| o != n.organisation_id) {
            return Err(AppError::NotFound {
                entity: "nomination",
                id: id.to_string(),
            });
        }
        Ok(n)
    }

    /// A nomination file and its bytes, for reading (logged as an export of
    /// personal data); with `organisation`, only that organisation's.
    pub async fn nomination_file(&self, id: Id, organisation: Option<Id>) -> Result<(Nomination, Vec<u8>)> {
        let n = self.nomination(id, organisation).await?;
        let bytes = self.store.nomination_content(id).await?;
        self.note_export("nomination", Some(id), "nomination file").await?;
        Ok((n, bytes))
    }

    /// Staff's review of a nomination file, made from `version`: reviewed,
    /// accepted or declined, with a note (a decline says why).
    pub async fn review_nomination(
        &self,
        id: Id,
        version: i64,
        status: NominationStatus,
        note: Option<Text>,
        reviewer: Option<Id>,
    ) -> Result<Nomination> {
        if !NominationStatus::DECISIONS.contains(&status) {
            return Err(invalid(
                "status",
                "unknown_value",
                "choose reviewed, accepted or declined",
            ));
        }
        if status == NominationStatus::Declined && note.is_none() {
            return Err(invalid(
                "review_note",
                "reason_required",
                "say why the nomination is declined",
            ));
        }
        Ok(self
            .store
            .review_nomination(
                id,
                &Review {
                    status,
                    note,
                    reviewer,
                    at: self.now(),
                    version,
                },
            )
            .await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nomination_files_are_told_apart() {
        assert_eq!(
            nomination_kind("Part B.PDF", b"%PDF-1.7\n...").ok(),
            Some(NominationFileKind::Pdf)
        );
        assert_eq!(
            nomination_kind("list.csv", "名前,国\n".as_bytes()).ok(),
            Some(NominationFileKind::Csv)
        );
        for (name, bytes) in [
            ("a.pdf", &b"not a pdf"[..]),
            ("a.exe", b"MZ..."),
            ("a.csv", b"a,\0b"),
            ("a.xlsx", b"%PDF-1.7"),
            ("a.docx", b"PK\x03\x04"),
        ] {
            match nomination_kind(name, bytes) {
                Err(AppError::Invalid(e)) => assert_eq!(e[0].code, "nomination_file_type", "{name}"),
                other => panic!("{name}: {other:?}"),
            }
        }
        assert!(matches!(nomination_kind("a.pdf", b""), Err(AppError::Invalid(_))));
        let big = vec![b'a'; MAX_FILE_BYTES + 1];
        assert!(matches!(nomination_kind("a.csv", &big), Err(AppError::TooLarge(_))));
        // A workbook that is not one.
        assert!(matches!(
            nomination_kind("a.xlsx", b"PK\x03\x04broken"),
            Err(AppError::Invalid(_))
        ));
    }
}
