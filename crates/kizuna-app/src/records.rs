//! Create, read, update, delete and list every record type, with the
//! domain's rules and reference checks applied before anything is written.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use kizuna_domain::FieldError;
use kizuna_domain::common::Id;
use kizuna_domain::common::locality::{Locality, LocalityInput};
use kizuna_domain::common::organisation::{Organisation, OrganisationInput};
use kizuna_domain::common::person::{Person, PersonInput};
use kizuna_domain::common::programme::{Programme, ProgrammeInput, ProgrammeKind};
use kizuna_domain::exchanges::award::{Award, AwardInput};
use kizuna_domain::partnerships::activity::{Activity, ActivityInput};
use kizuna_domain::partnerships::local_link::{LocalLink, LocalLinkInput};
use kizuna_domain::partnerships::outcome::{Outcome, OutcomeInput, OutcomeLink, OutcomeLinkInput};
use kizuna_domain::partnerships::partnership::{
    Partnership, PartnershipInput, ProgrammeOrganisation, ProgrammeOrganisationInput,
};
use kizuna_domain::partnerships::profile::{OfferNeed, OfferNeedInput};
use kizuna_domain::training::edition::{Edition, EditionInput, EditionScope};
use kizuna_domain::training::participation::{Participation, ParticipationInput, ParticipationRole};
use kizuna_domain::training::session::{Attendance, Session, SessionInput};
use kizuna_store::{Kind, Page, Record, RoleHeld, Value};

use crate::{App, AppError, Result};

/// A reference from one record to another, checked before writing.
pub enum Ref {
    Locality(Option<Id>),
    Organisation(Option<Id>),
    Person(Option<Id>),
    Programme(Option<Id>),
    Edition(Option<Id>),
    Activity(Option<Id>),
    Outcome(Option<Id>),
}

/// What the application knows about a record type beyond its table.
pub trait Entity: Record {
    /// Rules across the input's fields.
    fn rules(_input: &Self::Input, _today: NaiveDate) -> Result<(), Vec<FieldError>> {
        Ok(())
    }
    /// The records the input refers to, by field name.
    fn refs(_input: &Self::Input) -> Vec<(&'static str, Ref)> {
        Vec::new()
    }
    /// Columns a list may be filtered by (query parameters of the same name).
    const FILTERS: &'static [(&'static str, Kind)] = &[];
    /// The person this record is, when it is one: reading it is logged
    /// in the audit log.
    fn person_id(&self) -> Option<Id> {
        None
    }
}

impl Entity for Locality {
    const FILTERS: &'static [(&'static str, Kind)] = &[
        ("country", Kind::Text),
        ("level", Kind::Text),
        ("parent_id", Kind::Int),
        ("key", Kind::Text),
    ];
    fn refs(i: &LocalityInput) -> Vec<(&'static str, Ref)> {
        vec![("parent_id", Ref::Locality(i.parent_id))]
    }
}

impl Entity for Organisation {
    const FILTERS: &'static [(&'static str, Kind)] = &[
        ("kind", Kind::Text),
        ("country", Kind::Text),
        ("locality_id", Kind::Int),
        ("key", Kind::Text),
    ];
    fn rules(i: &OrganisationInput, _today: NaiveDate) -> Result<(), Vec<FieldError>> {
        i.validate()
    }
    fn refs(i: &OrganisationInput) -> Vec<(&'static str, Ref)> {
        vec![("locality_id", Ref::Locality(i.locality_id))]
    }
}

impl Entity for Person {
    fn person_id(&self) -> Option<Id> {
        Some(self.id)
    }
    const FILTERS: &'static [(&'static str, Kind)] = &[
        ("nationality", Kind::Text),
        ("organisation_id", Kind::Int),
        ("gender", Kind::Text),
    ];
    fn rules(i: &PersonInput, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        i.validate(today)
    }
    fn refs(i: &PersonInput) -> Vec<(&'static str, Ref)> {
        vec![("organisation_id", Ref::Organisation(i.organisation_id))]
    }
}

impl Entity for Programme {
    const FILTERS: &'static [(&'static str, Kind)] = &[
        ("kind", Kind::Text),
        ("key", Kind::Text),
        ("organisation_id", Kind::Int),
    ];
    fn refs(i: &ProgrammeInput) -> Vec<(&'static str, Ref)> {
        vec![("organisation_id", Ref::Organisation(i.organisation_id))]
    }
}

impl Entity for Edition {
    const FILTERS: &'static [(&'static str, Kind)] = &[
        ("programme_id", Kind::Int),
        ("fiscal_year", Kind::Int),
        ("scope", Kind::Text),
        ("key", Kind::Text),
    ];
    fn rules(i: &EditionInput, _: NaiveDate) -> Result<(), Vec<FieldError>> {
        i.validate()
    }
    fn refs(i: &EditionInput) -> Vec<(&'static str, Ref)> {
        vec![("programme_id", Ref::Programme(Some(i.programme_id)))]
    }
}

impl Entity for Participation {
    const FILTERS: &'static [(&'static str, Kind)] = &[
        ("edition_id", Kind::Int),
        ("person_id", Kind::Int),
        ("role", Kind::Text),
        ("status", Kind::Text),
    ];
    fn rules(i: &ParticipationInput, _: NaiveDate) -> Result<(), Vec<FieldError>> {
        i.validate()
    }
    fn refs(i: &ParticipationInput) -> Vec<(&'static str, Ref)> {
        vec![
            ("edition_id", Ref::Edition(Some(i.edition_id))),
            ("person_id", Ref::Person(Some(i.person_id))),
        ]
    }
}

impl Entity for Session {
    const FILTERS: &'static [(&'static str, Kind)] = &[("edition_id", Kind::Int), ("kind", Kind::Text)];
    fn rules(i: &SessionInput, _: NaiveDate) -> Result<(), Vec<FieldError>> {
        i.validate()
    }
    fn refs(i: &SessionInput) -> Vec<(&'static str, Ref)> {
        let mut r = vec![
            ("edition_id", Ref::Edition(Some(i.edition_id))),
            ("host_organisation_id", Ref::Organisation(i.host_organisation_id)),
        ];
        r.extend(
            i.instructor_ids
                .iter()
                .map(|id| ("instructor_ids", Ref::Person(Some(*id)))),
        );
        r
    }
}

impl Entity for Award {
    const FILTERS: &'static [(&'static str, Kind)] = &[("recipient_id", Kind::Int)];
    fn refs(i: &AwardInput) -> Vec<(&'static str, Ref)> {
        vec![
            ("awarded_by_id", Ref::Organisation(i.awarded_by_id)),
            ("recipient_id", Ref::Organisation(Some(i.recipient_id))),
        ]
    }
}

impl Entity for Partnership {
    const FILTERS: &'static [(&'static str, Kind)] = &[
        ("programme_id", Kind::Int),
        ("japan_locality_id", Kind::Int),
        ("status", Kind::Text),
        ("proposer_id", Kind::Int),
    ];
    fn rules(i: &PartnershipInput, _: NaiveDate) -> Result<(), Vec<FieldError>> {
        i.validate()
    }
    fn refs(i: &PartnershipInput) -> Vec<(&'static str, Ref)> {
        let mut r = vec![
            ("programme_id", Ref::Programme(Some(i.programme_id))),
            ("proposer_id", Ref::Organisation(i.proposer_id)),
            ("japan_locality_id", Ref::Locality(Some(i.japan_locality_id))),
        ];
        r.extend(
            i.abroad_locality_ids
                .iter()
                .map(|id| ("abroad_locality_ids", Ref::Locality(Some(*id)))),
        );
        r
    }
}

impl Entity for ProgrammeOrganisation {
    const FILTERS: &'static [(&'static str, Kind)] = &[
        ("programme_id", Kind::Int),
        ("organisation_id", Kind::Int),
        ("role", Kind::Text),
    ];
    fn refs(i: &ProgrammeOrganisationInput) -> Vec<(&'static str, Ref)> {
        vec![
            ("programme_id", Ref::Programme(Some(i.programme_id))),
            ("organisation_id", Ref::Organisation(Some(i.organisation_id))),
        ]
    }
}

impl Entity for Activity {
    const FILTERS: &'static [(&'static str, Kind)] = &[
        ("programme_id", Kind::Int),
        ("kind", Kind::Text),
        ("locality_id", Kind::Int),
    ];
    fn rules(i: &ActivityInput, _: NaiveDate) -> Result<(), Vec<FieldError>> {
        i.validate()
    }
    fn refs(i: &ActivityInput) -> Vec<(&'static str, Ref)> {
        let mut r = vec![
            ("programme_id", Ref::Programme(Some(i.programme_id))),
            ("locality_id", Ref::Locality(i.locality_id)),
            ("organisation_id", Ref::Organisation(i.organisation_id)),
        ];
        r.extend(i.person_ids.iter().map(|id| ("person_ids", Ref::Person(Some(*id)))));
        r
    }
}

impl Entity for Outcome {
    const FILTERS: &'static [(&'static str, Kind)] = &[
        ("programme_id", Kind::Int),
        ("kind", Kind::Text),
        ("side", Kind::Text),
        ("verdict", Kind::Text),
        ("recorded_by", Kind::Text),
    ];
    fn rules(i: &OutcomeInput, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        i.validate(today)
    }
    fn refs(i: &OutcomeInput) -> Vec<(&'static str, Ref)> {
        let mut r = vec![
            ("programme_id", Ref::Programme(Some(i.programme_id))),
            ("actor_organisation_id", Ref::Organisation(i.actor_organisation_id)),
            ("actor_person_id", Ref::Person(i.actor_person_id)),
            ("agent_organisation_id", Ref::Organisation(i.agent_organisation_id)),
        ];
        r.extend(
            i.locality_ids
                .iter()
                .map(|id| ("locality_ids", Ref::Locality(Some(*id)))),
        );
        r
    }
}

impl Entity for OutcomeLink {
    const FILTERS: &'static [(&'static str, Kind)] = &[
        ("to_outcome_id", Kind::Int),
        ("from_outcome_id", Kind::Int),
        ("from_activity_id", Kind::Int),
        ("from_programme_id", Kind::Int),
        ("from_placement_id", Kind::Int),
    ];
    fn rules(i: &OutcomeLinkInput, _: NaiveDate) -> Result<(), Vec<FieldError>> {
        i.validate().map(|_| ())
    }
    fn refs(i: &OutcomeLinkInput) -> Vec<(&'static str, Ref)> {
        vec![
            ("from_programme_id", Ref::Programme(i.from_programme_id)),
            ("from_activity_id", Ref::Activity(i.from_activity_id)),
            ("from_outcome_id", Ref::Outcome(i.from_outcome_id)),
            ("to_outcome_id", Ref::Outcome(Some(i.to_outcome_id))),
        ]
    }
}

impl Entity for LocalLink {
    const FILTERS: &'static [(&'static str, Kind)] = &[
        ("japan_locality_id", Kind::Int),
        ("abroad_locality_id", Kind::Int),
        ("kind", Kind::Text),
    ];
    fn rules(i: &LocalLinkInput, _: NaiveDate) -> Result<(), Vec<FieldError>> {
        i.validate()
    }
    fn refs(i: &LocalLinkInput) -> Vec<(&'static str, Ref)> {
        vec![
            ("japan_locality_id", Ref::Locality(Some(i.japan_locality_id))),
            ("abroad_locality_id", Ref::Locality(Some(i.abroad_locality_id))),
        ]
    }
}

impl Entity for OfferNeed {
    const FILTERS: &'static [(&'static str, Kind)] = &[
        ("organisation_id", Kind::Int),
        ("locality_id", Kind::Int),
        ("direction", Kind::Text),
        ("theme", Kind::Text),
    ];
    fn rules(i: &OfferNeedInput, _: NaiveDate) -> Result<(), Vec<FieldError>> {
        i.validate()
    }
    fn refs(i: &OfferNeedInput) -> Vec<(&'static str, Ref)> {
        vec![
            ("organisation_id", Ref::Organisation(i.organisation_id)),
            ("locality_id", Ref::Locality(i.locality_id)),
        ]
    }
}

impl App {
    async fn check_refs<R: Entity>(&self, input: &R::Input) -> Result<Vec<FieldError>> {
        let mut errors = Vec::new();
        for (field, r) in R::refs(input) {
            let (id, entity, exists) = match r {
                Ref::Locality(Some(id)) => (id, "locality", self.store.exists::<Locality>(id).await?),
                Ref::Organisation(Some(id)) => (id, "organisation", self.store.exists::<Organisation>(id).await?),
                Ref::Person(Some(id)) => (id, "person", self.store.exists::<Person>(id).await?),
                Ref::Programme(Some(id)) => (id, "programme", self.store.exists::<Programme>(id).await?),
                Ref::Edition(Some(id)) => (id, "course edition", self.store.exists::<Edition>(id).await?),
                Ref::Activity(Some(id)) => (id, "activity", self.store.exists::<Activity>(id).await?),
                Ref::Outcome(Some(id)) => (id, "outcome", self.store.exists::<Outcome>(id).await?),
                _ => continue,
            };
            if !exists {
                errors.push(FieldError::new(
                    field,
                    "not_found",
                    format!("{entity} {id} does not exist"),
                ));
            }
        }
        Ok(errors)
    }

    /// Rules that need other records: an edition belongs to a training
    /// course; a trainee's nationality is among a country-specific
    /// edition's targets.
    async fn check_context<R: Entity>(&self, input: &R::Input, id: Option<Id>) -> Result<Vec<FieldError>>
    where
        R::Input: 'static,
    {
        let any: &(dyn std::any::Any + Send + Sync) = input;
        let mut errors = self.partnership_context(any, id).await?;
        errors.extend(self.volunteers_context(any, id).await?);
        errors.extend(self.exchanges_context(any, id).await?);
        errors.extend(self.alumni_context(any, id).await?);
        errors.extend(self.hours_context(any, id).await?);
        errors.extend(self.tourism_context(any, id).await?);
        if let Some(e) = any.downcast_ref::<EditionInput>()
            && let Ok(p) = self.store.get::<Programme>(e.programme_id).await
            && p.fields.kind != ProgrammeKind::TrainingCourse
        {
            errors.push(FieldError::new(
                "programme_id",
                "not_a_course",
                format!("programme {} is a {}, not a training course", p.id, p.fields.kind),
            ));
        }
        if let Some(pa) = any.downcast_ref::<ParticipationInput>()
            && pa.role == ParticipationRole::Trainee
            && let (Ok(ed), Ok(person)) = (
                self.store.get::<Edition>(pa.edition_id).await,
                self.store.get::<Person>(pa.person_id).await,
            )
            && ed.fields.scope == EditionScope::CountrySpecific
            && !ed.fields.target_countries.contains(&person.fields.nationality)
        {
            errors.push(FieldError::new(
                "person_id",
                "country_not_targeted",
                format!(
                    "edition {} is for {} only; this trainee's nationality is {}",
                    ed.fields.key,
                    ed.fields
                        .target_countries
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", "),
                    person.fields.nationality
                ),
            ));
        }
        Ok(errors)
    }

    pub(crate) async fn checked<R: Entity>(&self, input: &R::Input, id: Option<Id>) -> Result<()>
    where
        R::Input: 'static,
    {
        let mut errors = R::rules(input, self.today()).err().unwrap_or_default();
        errors.extend(self.check_refs::<R>(input).await?);
        if errors.is_empty() {
            errors.extend(self.check_context::<R>(input, id).await?);
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(errors))
        }
    }

    /// Create a record, kept by this application's office.
    pub async fn create<R: Entity>(&self, input: &R::Input) -> Result<R>
    where
        R::Input: 'static,
    {
        self.checked::<R>(input, None).await?;
        Ok(self.store.insert::<R>(self.office_id(), input).await?)
    }

    /// Change a record as it was at `version` (the version the change was
    /// made from): refused with [`AppError::Conflict`] when someone changed
    /// it since, so that nobody overwrites a colleague's change unseen.
    pub async fn update<R: Entity>(&self, id: Id, version: i64, input: &R::Input) -> Result<R>
    where
        R::Input: 'static,
    {
        self.store.get::<R>(id).await?;
        self.checked::<R>(input, Some(id)).await?;
        Ok(self.store.update::<R>(id, version, input).await?)
    }

    /// A record; reading a person is logged in the audit log.
    pub async fn get<R: Entity>(&self, id: Id) -> Result<R> {
        let r = self.store.get::<R>(id).await?;
        if let Some(person) = r.person_id() {
            self.note_viewed(&[person], "record").await?;
        }
        Ok(r)
    }

    pub async fn delete<R: Entity>(&self, id: Id) -> Result<()> {
        Ok(self.store.delete::<R>(id).await?)
    }

    /// A page of records matching `filters` (names from [`Entity::FILTERS`];
    /// any other name is refused) and the total count.
    pub async fn list<R: Entity>(&self, filters: &BTreeMap<String, String>, page: Page) -> Result<(Vec<R>, i64)> {
        let mut errors = Vec::new();
        let mut conds: Vec<(&str, Value)> = Vec::new();
        for (name, raw) in filters {
            let Some((col, kind)) = R::FILTERS.iter().find(|(c, _)| c == name) else {
                let allowed: Vec<&str> = R::FILTERS.iter().map(|(c, _)| *c).collect();
                errors.push(FieldError::new(
                    name,
                    "unknown_filter",
                    format!(
                        "cannot filter by {name}; use one of: {}, limit, offset",
                        allowed.join(", ")
                    ),
                ));
                continue;
            };
            match kind {
                Kind::Int => match raw.trim().parse::<i64>() {
                    Ok(n) => conds.push((col, Value::Int(Some(n)))),
                    Err(_) => errors.push(FieldError::new(
                        name,
                        "not_a_number",
                        format!("\"{raw}\" is not a whole number"),
                    )),
                },
                _ => {
                    let v = if matches!(*col, "country" | "nationality") {
                        raw.trim().to_uppercase()
                    } else {
                        raw.trim().to_owned()
                    };
                    conds.push((col, Value::Text(Some(v))));
                }
            }
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let total = self.store.count::<R>(&conds).await?;
        let items = self.store.select::<R>(&conds, page).await?;
        let people: Vec<Id> = items.iter().filter_map(Entity::person_id).collect();
        if !people.is_empty() {
            self.note_viewed(&people, "list").await?;
        }
        Ok((items, total))
    }

    /// A record by its key (records that have one).
    pub async fn by_key<R: Entity>(&self, key: &str) -> Result<R> {
        let mut found = self
            .store
            .select::<R>(
                &[("key", Value::Text(Some(key.to_owned())))],
                Page { limit: 1, offset: 0 },
            )
            .await?;
        found.pop().ok_or_else(|| AppError::NotFound {
            entity: R::ENTITY,
            id: key.to_owned(),
        })
    }

    /// Every role a person has held over the years.
    pub async fn roles_of(&self, person_id: Id) -> Result<Vec<RoleHeld>> {
        self.store.get::<Person>(person_id).await?;
        Ok(self.store.roles_of(person_id).await?)
    }

    pub async fn attendance(&self, session_id: Id) -> Result<Vec<Attendance>> {
        self.store.get::<Session>(session_id).await?;
        Ok(self.store.attendance(session_id).await?)
    }

    /// Mark attendance; only people taking part in the session's edition
    /// can be marked.
    pub async fn mark_attendance(&self, session_id: Id, marks: &[Attendance]) -> Result<Vec<Attendance>> {
        let session = self.store.get::<Session>(session_id).await?;
        let people = self.store.edition_people(session.fields.edition_id).await?;
        let errors: Vec<FieldError> = marks
            .iter()
            .enumerate()
            .filter(|(_, m)| !people.contains(&m.person_id))
            .map(|(i, m)| {
                FieldError::new(
                    format!("[{i}].person_id"),
                    "not_a_participant",
                    format!(
                        "person {} does not take part in this session's course edition",
                        m.person_id
                    ),
                )
            })
            .collect();
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        self.store.mark_attendance(session_id, marks).await?;
        Ok(self.store.attendance(session_id).await?)
    }
}
