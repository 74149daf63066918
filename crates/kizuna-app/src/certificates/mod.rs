//! Completion certificates (#15 item 6): issued to every trainee whose
//! participation in an edition reached "completed", each under a random
//! number (`kizuna_domain::training::certificate`), as a bilingual PDF
//! with a QR code of its verify URL (`kizuna_docs::certificate`) and as a
//! signed Open Badges credential (`credential.rs`) naming the person only
//! by a salted hash. Staff revoke one with a reason. The public verify
//! look-up shows the number, course, fiscal year, issue date and status,
//! rate-limited per client by the place reports' limiter with its own
//! bucket, and answers an unknown number with the same one store read;
//! the signed credential and its status list credential (revocation as
//! a verifier's software reads it) are public within the same limits.
//! Issuing and revoking are written to the audit log.

pub mod credential;

use std::sync::Arc;

use chrono::SecondsFormat;
use ed25519_dalek::{SigningKey, VerifyingKey};
use kizuna_docs::certificate::{CertificateDoc, render};
use kizuna_docs::engine::Fonts;
use kizuna_domain::common::person::Person;
use kizuna_domain::common::programme::Programme;
use kizuna_domain::common::{FiscalYear, Id, LocalText};
use kizuna_domain::map::report::ReportLimits;
use kizuna_domain::training::certificate::{
    CertificateStatus, NUMBER_RANDOM_BYTES, normalize_number, number_from, revoke_reason, second_language,
};
use kizuna_domain::training::edition::Edition;
use kizuna_domain::training::participation::{Participation, ParticipationRole, ParticipationStatus};
use kizuna_i18n::Lang;
use kizuna_store::certificates::{CertificateRow, NewCertificate};
use kizuna_store::{Action, NewEntry, Page, Value as FieldValue};
use sha2::Digest;

use crate::{App, AppError, Result};

/// The setting holding the office's Ed25519 signing key (its 32-byte seed
/// in hex). Generated the first time a certificate is issued; only its
/// public half is ever shown.
const KEY_SETTING: &str = "certificate_signing_key";
/// The setting holding the salt of the verify limits' client keys.
const SALT_SETTING: &str = "certificate_verify_salt";
/// The setting naming the issuer on certificates (default "Kizuna").
pub const ISSUER_SETTING: &str = "certificate_issuer_name";

/// Look-ups of the verify page: 30 a minute per client, 3,000 a minute in all.
pub const VERIFY_LIMITS: ReportLimits = ReportLimits {
    per_client: 30,
    global: 3000,
    window_s: 60,
};

/// What the public verify page may show of a certificate: nothing else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub number: String,
    pub course: LocalText,
    pub fiscal_year: FiscalYear,
    pub issued_on: chrono::NaiveDate,
    pub status: CertificateStatus,
    /// The day (in Japan) it was revoked, when it was.
    pub revoked_on: Option<chrono::NaiveDate>,
}

/// The answer to a verify look-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    Found(Verified),
    NotFound,
    /// Over the limit: try again in this many seconds.
    Wait(i64),
}

/// A document of a certificate asked for by anyone.
#[derive(Debug, Clone, PartialEq)]
pub enum PublicDocument {
    Found(serde_json::Value),
    NotFound,
    /// Over the verify limits: try again in this many seconds.
    Wait(i64),
}

/// A certificate with its trainee, for staff.
#[derive(Debug, Clone)]
pub struct Issued {
    pub row: CertificateRow,
    pub person: Person,
}

fn random<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    getrandom::fill(&mut b).expect("the operating system provides random bytes");
    b
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The name as printed on a certificate (and hashed in its credential):
/// family name in capitals, then given names.
pub fn printed_name(p: &Person) -> String {
    match &p.fields.given_name {
        Some(g) => format!("{} {}", p.fields.family_name.as_str().to_uppercase(), g.as_str()),
        None => p.fields.family_name.as_str().to_uppercase(),
    }
}

fn course_of(edition: &Edition, programme: &Programme) -> LocalText {
    edition
        .fields
        .title
        .clone()
        .unwrap_or_else(|| programme.fields.title.clone())
}

impl App {
    /// The office's signing key, made and stored the first time.
    async fn signing_key(&self) -> Result<SigningKey> {
        let stored = self.store.setting_or_insert(KEY_SETTING, &hex(&random::<32>())).await?;
        let mut seed = [0u8; 32];
        for (i, b) in seed.iter_mut().enumerate() {
            *b = stored
                .get(2 * i..2 * i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| AppError::BadFile(format!("the setting {KEY_SETTING} is not a 32-byte hex key")))?;
        }
        Ok(SigningKey::from_bytes(&seed))
    }

    /// The office's public key (made with its private half if there was none).
    pub async fn certificate_public_key(&self) -> Result<VerifyingKey> {
        Ok(self.signing_key().await?.verifying_key())
    }

    /// The name the certificates give as their issuer.
    pub async fn certificate_issuer(&self) -> Result<String> {
        Ok(self
            .store
            .setting(ISSUER_SETTING)
            .await?
            .unwrap_or_else(|| "Kizuna".to_owned()))
    }

    /// Issue a certificate to every trainee of an edition whose
    /// participation is completed and has none yet; verify URLs start with
    /// `base_url` (e.g. `https://kizuna.example`). Returns the ones issued.
    pub async fn issue_certificates(&self, edition_id: Id, base_url: &str) -> Result<Vec<CertificateRow>> {
        let edition = self.store.get::<Edition>(edition_id).await?;
        let programme = self.store.get::<Programme>(edition.fields.programme_id).await?;
        let course = course_of(&edition, &programme);
        let key = self.signing_key().await?;
        let issuer = self.certificate_issuer().await?;
        let parts = self
            .store
            .select::<Participation>(&[("edition_id", FieldValue::Int(Some(edition_id)))], Page::ALL)
            .await?;
        let existing: std::collections::HashSet<Id> = self
            .store
            .certificates_of_edition(edition_id)
            .await?
            .into_iter()
            .map(|c| c.participation_id)
            .collect();
        let now = self.now();
        let issued_on = self.today();
        let created = now.to_rfc3339_opts(SecondsFormat::Secs, true);
        let base = base_url.trim_end_matches('/');
        let mut out = Vec::new();
        for p in parts {
            if p.fields.role != ParticipationRole::Trainee
                || p.fields.status != ParticipationStatus::Completed
                || existing.contains(&p.id)
            {
                continue;
            }
            let person = self.store.get::<Person>(p.fields.person_id).await?;
            let number = number_from(random::<NUMBER_RANDOM_BYTES>());
            let verify_url = format!("{base}/verify/{number}");
            let second = second_language(&person.fields.nationality);
            let course_name = format!("{} / {}", course.best("ja"), course.best(second),);
            let salt = hex(&random::<16>());
            let claim = credential::Claim {
                verify_url: &verify_url,
                issuer_name: &issuer,
                issued_at: &created,
                course_name: &course_name,
                description: &format!(
                    "Completed the training course {} (fiscal year {}).",
                    course.best("en"),
                    edition.fields.fiscal_year.year()
                ),
                name_printed: &printed_name(&person),
                salt: &salt,
            };
            let vc = credential::sign(credential::unsigned(&claim, &key.verifying_key()), &key, &created)
                .ok_or_else(|| AppError::BadFile("the credential could not be canonicalized".into()))?;
            let new = NewCertificate {
                number,
                participation_id: p.id,
                edition_id,
                person_id: person.id,
                second_lang: second.to_owned(),
                course: serde_json::to_string(&course).unwrap_or_default(),
                fiscal_year: edition.fields.fiscal_year.year(),
                issued_on,
                credential: vc.to_string(),
            };
            if self.store.insert_certificate(&new, now).await?.is_some()
                && let Some(row) = self.store.certificate_by_number(&new.number).await?
            {
                out.push(row);
            }
        }
        // Who issued which numbers, one entry per certificate (on the
        // participation it was issued for, never with the name).
        let entries: Vec<NewEntry> = out
            .iter()
            .map(|c| {
                NewEntry::new(Action::Create, "certificate", Some(c.id))
                    .detail(format!("issued {} (edition {edition_id})", c.number))
            })
            .collect();
        if !entries.is_empty() {
            self.store.audit_append(&entries).await?;
        }
        Ok(out)
    }

    /// An edition's certificates with their trainees.
    pub async fn edition_certificates(&self, edition_id: Id) -> Result<Vec<Issued>> {
        let rows = self.store.certificates_of_edition(edition_id).await?;
        self.with_people(rows).await
    }

    /// A person's certificates.
    pub async fn person_certificates(&self, person_id: Id) -> Result<Vec<Issued>> {
        let rows = self.store.certificates_of_person(person_id).await?;
        self.with_people(rows).await
    }

    async fn with_people(&self, rows: Vec<CertificateRow>) -> Result<Vec<Issued>> {
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let person = self.store.get::<Person>(row.person_id).await?;
            out.push(Issued { row, person });
        }
        Ok(out)
    }

    /// A certificate by its number (staff).
    pub async fn certificate(&self, number: &str) -> Result<CertificateRow> {
        let n = normalize_number(number).unwrap_or_default();
        self.store
            .certificate_by_number(&n)
            .await?
            .ok_or_else(|| AppError::NotFound {
                entity: "certificate",
                id: number.to_owned(),
            })
    }

    /// Revoke a certificate with a reason. Unknown or already revoked: not found.
    pub async fn revoke_certificate(&self, number: &str, reason: &str) -> Result<()> {
        let reason = revoke_reason(reason).map_err(|e| AppError::Invalid(vec![e]))?;
        let n = normalize_number(number).unwrap_or_default();
        if self.store.revoke_certificate(&n, &reason, self.now()).await? {
            let id = self.store.certificate_by_number(&n).await?.map(|c| c.id);
            // The reason stays on the certificate's row (staff read it
            // there); the log says who revoked which number.
            self.store
                .audit_append(&[NewEntry::new(Action::Update, "certificate", id).detail(format!("revoked {n}"))])
                .await?;
            Ok(())
        } else {
            Err(AppError::NotFound {
                entity: "valid certificate",
                id: number.to_owned(),
            })
        }
    }

    /// A certificate's PDF (made on the blocking pool).
    pub async fn certificate_pdf(&self, number: &str, fonts: Arc<Fonts>) -> Result<Vec<u8>> {
        let row = self.certificate(number).await?;
        let person = self.store.get::<Person>(row.person_id).await?;
        let edition = self.store.get::<Edition>(row.edition_id).await?;
        let vc: serde_json::Value = serde_json::from_str(&row.credential).map_err(|e| {
            AppError::Store(kizuna_store::StoreError::Corrupt(format!(
                "certificate {}: {e}",
                row.number
            )))
        })?;
        let verify_url = vc["id"].as_str().unwrap_or_default().to_owned();
        let doc = CertificateDoc {
            second: Lang::from_code(&row.second_lang).unwrap_or(Lang::En),
            name: printed_name(&person),
            course: serde_json::from_str(&row.course).map_err(|e| {
                AppError::Store(kizuna_store::StoreError::Corrupt(format!(
                    "certificate {}: {e}",
                    row.number
                )))
            })?,
            fiscal_year: edition.fields.fiscal_year,
            starts_on: edition.fields.starts_on,
            ends_on: edition.fields.ends_on,
            number: row.number.clone(),
            issued_on: row.issued_on,
            verify_url,
            issuer: vc["issuer"]["name"].as_str().unwrap_or("Kizuna").to_owned(),
            revoked: row.status == CertificateStatus::Revoked,
        };
        tokio::task::spawn_blocking(move || render(&doc, &fonts))
            .await
            .map_err(|e| AppError::BadFile(e.to_string()))?
            .map_err(|e| AppError::BadFile(e.to_string()))
    }

    /// Take the client's look-up slot within [`VERIFY_LIMITS`], then read
    /// the number: `Err(seconds)` over the limit. A number that is
    /// malformed or unknown costs the same: the limit's transaction and
    /// one indexed read.
    async fn limited_row(
        &self,
        number: &str,
        address: &str,
    ) -> Result<std::result::Result<Option<CertificateRow>, i64>> {
        let salt = self
            .store
            .setting_or_insert(SALT_SETTING, &crate::auth::random_token())
            .await?;
        let mut h = sha2::Sha256::new();
        for part in [salt.as_str(), "verify", address] {
            h.update(part.as_bytes());
            h.update([0]);
        }
        let subject = hex(&h.finalize());
        if let Some(s) = self
            .store
            .take_verify_slot(&subject, self.now(), &VERIFY_LIMITS)
            .await?
        {
            return Ok(Err(s));
        }
        // A malformed number is looked up too (as one that cannot exist).
        let n = normalize_number(number).unwrap_or_else(|| "KZC-?".to_owned());
        Ok(Ok(self.store.certificate_by_number(&n).await?))
    }

    /// The public look-up of a number from a client address, within
    /// [`VERIFY_LIMITS`]: what the verify page shows, and nothing else.
    pub async fn verify_certificate(&self, number: &str, address: &str) -> Result<Verification> {
        let row = match self.limited_row(number, address).await? {
            Err(s) => return Ok(Verification::Wait(s)),
            Ok(None) => return Ok(Verification::NotFound),
            Ok(Some(row)) => row,
        };
        let course: Option<LocalText> = serde_json::from_str(&row.course).ok();
        let fy = FiscalYear::new(row.fiscal_year).ok();
        match (course, fy) {
            (Some(course), Some(fiscal_year)) => Ok(Verification::Found(Verified {
                number: row.number,
                course,
                fiscal_year,
                issued_on: row.issued_on,
                status: row.status,
                revoked_on: row.revoked_at.map(crate::clock::date_in_japan),
            })),
            _ => Err(AppError::Store(kizuna_store::StoreError::Corrupt(format!(
                "certificate {}: course or fiscal year",
                row.number
            )))),
        }
    }

    /// A certificate's signed credential (`status: false`) or its status
    /// list credential (`status: true`) for anyone, within the verify
    /// limits: these name no one, and verifiers fetch them by URL.
    pub async fn public_certificate_document(
        &self,
        number: &str,
        address: &str,
        status: bool,
    ) -> Result<PublicDocument> {
        let row = match self.limited_row(number, address).await? {
            Err(s) => return Ok(PublicDocument::Wait(s)),
            Ok(None) => return Ok(PublicDocument::NotFound),
            Ok(Some(row)) => row,
        };
        let doc = if status {
            self.status_list_of(&row).await?
        } else {
            serde_json::from_str(&row.credential).ok()
        };
        Ok(doc.map_or(PublicDocument::NotFound, PublicDocument::Found))
    }

    /// The signed credential of a certificate, as issued (public: it names
    /// no one), or `None` for an unknown number.
    pub async fn certificate_credential(&self, number: &str) -> Result<Option<serde_json::Value>> {
        let n = normalize_number(number).unwrap_or_else(|| "KZC-?".to_owned());
        let Some(row) = self.store.certificate_by_number(&n).await? else {
            return Ok(None);
        };
        Ok(serde_json::from_str(&row.credential).ok())
    }

    /// The signed Bitstring Status List credential of a certificate (its
    /// revocation as a verifier's software reads it), at the URL its
    /// credential names; `None` for an unknown number or a credential
    /// issued without a status entry. Signed when asked for, valid from the
    /// issue or revocation time, so the same state gives the same bytes.
    pub async fn certificate_status_list(&self, number: &str) -> Result<Option<serde_json::Value>> {
        let n = normalize_number(number).unwrap_or_else(|| "KZC-?".to_owned());
        match self.store.certificate_by_number(&n).await? {
            Some(row) => self.status_list_of(&row).await,
            None => Ok(None),
        }
    }

    async fn status_list_of(&self, row: &CertificateRow) -> Result<Option<serde_json::Value>> {
        let vc: serde_json::Value = serde_json::from_str(&row.credential).unwrap_or_default();
        let (Some(verify_url), Some(_)) = (vc["id"].as_str(), vc.get("credentialStatus")) else {
            return Ok(None);
        };
        let key = self.signing_key().await?;
        let revoked = row.status == CertificateStatus::Revoked;
        let since = row.revoked_at.filter(|_| revoked).unwrap_or(row.issued_at);
        let at = since.to_rfc3339_opts(SecondsFormat::Secs, true);
        let list = credential::status_list(verify_url, &key.verifying_key(), revoked, &at);
        Ok(credential::sign(list, &key, &at))
    }
}
