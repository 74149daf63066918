//! Alumni follow-up: the rules that need other records (a follow-up is
//! about a completed participation or an ended placement of the same
//! person, done after it ended and due on its computed day, once per
//! milestone; an association's members are alumni of its country, each
//! listed once), the staff list of follow-ups due, a person's whole
//! history across systems ([`history`]) and the follow-up import
//! ([`import`]).

pub mod history;
pub mod import;

use std::any::Any;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use kizuna_domain::FieldError;
use kizuna_domain::common::person::Person;
use kizuna_domain::common::programme::Programme;
use kizuna_domain::common::{Id, LocalText};
use kizuna_domain::training::alumni::{
    About, AlumniAssociation, AlumniAssociationInput, AlumniMember, AlumniMemberInput, Completion, Due, FollowUp,
    FollowUpInput, Milestone, Recorded, due_follow_ups,
};
use kizuna_domain::training::edition::Edition;
use kizuna_domain::training::participation::{Participation, ParticipationRole, ParticipationStatus};
use kizuna_domain::volunteers::placement::Placement;
use kizuna_store::{Kind, Value};

use crate::partnerships::all;
use crate::records::{Entity, Ref};
use crate::{App, Result};

impl Entity for FollowUp {
    const FILTERS: &'static [(&'static str, Kind)] = &[
        ("person_id", Kind::Int),
        ("participation_id", Kind::Int),
        ("placement_id", Kind::Int),
        ("milestone", Kind::Text),
        ("progress", Kind::Text),
    ];
    fn rules(i: &FollowUpInput, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        i.validate(today)
    }
    fn refs(i: &FollowUpInput) -> Vec<(&'static str, Ref)> {
        vec![("person_id", Ref::Person(Some(i.person_id)))]
    }
    /// A follow-up is about one person: reading it is logged.
    fn person_id(&self) -> Option<Id> {
        Some(self.fields.person_id)
    }
}

impl Entity for AlumniAssociation {
    const FILTERS: &'static [(&'static str, Kind)] = &[("country", Kind::Text), ("contact_organisation_id", Kind::Int)];
    fn rules(i: &AlumniAssociationInput, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        i.validate(today)
    }
    fn refs(i: &AlumniAssociationInput) -> Vec<(&'static str, Ref)> {
        vec![("contact_organisation_id", Ref::Organisation(i.contact_organisation_id))]
    }
}

impl Entity for AlumniMember {
    const FILTERS: &'static [(&'static str, Kind)] = &[
        ("association_id", Kind::Int),
        ("person_id", Kind::Int),
        ("role", Kind::Text),
    ];
    fn rules(i: &AlumniMemberInput, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        i.validate(today)
    }
    fn refs(i: &AlumniMemberInput) -> Vec<(&'static str, Ref)> {
        vec![("person_id", Ref::Person(Some(i.person_id)))]
    }
    fn person_id(&self) -> Option<Id> {
        Some(self.fields.person_id)
    }
}

/// A follow-up due, as the staff list shows it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DueRow {
    #[serde(flatten)]
    pub due: Due,
    pub person_name: String,
    /// The course (its programme's title) or the placement's area.
    pub what: LocalText,
    /// The last day the office reached the person (any follow-up done).
    pub last_contact: Option<NaiveDate>,
}

/// The day a participation or a placement ended, if it did.
fn finished(p: &Participation) -> Option<NaiveDate> {
    (p.fields.status == ParticipationStatus::Completed).then_some(p.fields.completed_on)?
}

fn placement_finished(p: &Placement, today: NaiveDate) -> Option<NaiveDate> {
    p.fields.actual_ends_on.filter(|d| *d <= today)
}

fn int(v: Id) -> Value {
    Value::Int(Some(v))
}

impl App {
    /// The alumni rules that need other records; called for every create
    /// and update (`id` is the record being updated).
    pub(crate) async fn alumni_context(
        &self,
        any: &(dyn Any + Send + Sync),
        id: Option<Id>,
    ) -> Result<Vec<FieldError>> {
        let mut errors = Vec::new();
        if let Some(f) = any.downcast_ref::<FollowUpInput>() {
            self.follow_up_context(f, id, &mut errors).await?;
        }
        if let Some(m) = any.downcast_ref::<AlumniMemberInput>() {
            self.member_context(m, id, &mut errors).await?;
        }
        Ok(errors)
    }

    async fn follow_up_context(&self, f: &FollowUpInput, id: Option<Id>, errors: &mut Vec<FieldError>) -> Result<()> {
        let (field, person, ended) = match f.about() {
            Some(About::Participation(pid)) => match self.store.get::<Participation>(pid).await {
                Ok(p) => ("participation_id", p.fields.person_id, finished(&p)),
                Err(_) => {
                    errors.push(FieldError::new(
                        "participation_id",
                        "not_found",
                        format!("participation {pid} does not exist"),
                    ));
                    return Ok(());
                }
            },
            Some(About::Placement(pid)) => match self.store.get::<Placement>(pid).await {
                Ok(p) => ("placement_id", p.fields.person_id, placement_finished(&p, self.today())),
                Err(_) => {
                    errors.push(FieldError::new(
                        "placement_id",
                        "not_found",
                        format!("placement {pid} does not exist"),
                    ));
                    return Ok(());
                }
            },
            None => return Ok(()),
        };
        if person != f.person_id {
            errors.push(FieldError::new(
                field,
                "other_person",
                format!("this belongs to person {person}, not to person {}", f.person_id),
            ));
        }
        match ended {
            None => errors.push(FieldError::new(
                field,
                "not_finished",
                "only a completed course or an ended placement is followed up",
            )),
            Some(on) => errors.extend(f.check_against(on)),
        }
        if f.milestone != Milestone::Other {
            let filter = match f.about() {
                Some(About::Participation(p)) => ("participation_id", int(p)),
                Some(About::Placement(p)) => ("placement_id", int(p)),
                None => return Ok(()),
            };
            let twin = all::<FollowUp>(
                self,
                &[filter, ("milestone", Value::Text(Some(f.milestone.to_string())))],
            )
            .await?
            .into_iter()
            .find(|o| Some(o.id) != id);
            if let Some(t) = twin {
                errors.push(FieldError::new(
                    "milestone",
                    "duplicate",
                    format!(
                        "the {} follow-up is already recorded (#{}); edit that one",
                        f.milestone, t.id
                    ),
                ));
            }
        }
        Ok(())
    }

    async fn member_context(&self, m: &AlumniMemberInput, id: Option<Id>, errors: &mut Vec<FieldError>) -> Result<()> {
        let Ok(assoc) = self.store.get::<AlumniAssociation>(m.association_id).await else {
            errors.push(FieldError::new(
                "association_id",
                "not_found",
                format!("alumni association {} does not exist", m.association_id),
            ));
            return Ok(());
        };
        let twin = all::<AlumniMember>(
            self,
            &[
                ("association_id", int(m.association_id)),
                ("person_id", int(m.person_id)),
            ],
        )
        .await?
        .into_iter()
        .find(|o| Some(o.id) != id);
        if twin.is_some() {
            errors.push(FieldError::new(
                "person_id",
                "already_member",
                format!("person {} is already a member of this association", m.person_id),
            ));
        }
        let Ok(person) = self.store.get::<Person>(m.person_id).await else {
            return Ok(());
        };
        let country = assoc.fields.country;
        if person.fields.nationality != country {
            errors.push(FieldError::new(
                "person_id",
                "other_country",
                format!(
                    "the association gathers alumni of {country}; this person's nationality is {}",
                    person.fields.nationality
                ),
            ));
        } else if self.completions_of(m.person_id).await?.is_empty() {
            errors.push(FieldError::new(
                "person_id",
                "not_alumni",
                "only someone who completed a course or a placement is an alumnus",
            ));
        }
        Ok(())
    }

    /// What one person (or, `None`, everybody) completed: trainees'
    /// completed participations and placements that ended.
    pub async fn completions_of(&self, person_id: impl Into<Option<Id>>) -> Result<Vec<Completion>> {
        let filter: Vec<(&str, Value)> = person_id
            .into()
            .map(|p| vec![("person_id", int(p))])
            .unwrap_or_default();
        let today = self.today();
        let mut out: Vec<Completion> = all::<Participation>(self, &filter)
            .await?
            .iter()
            .filter(|p| p.fields.role == ParticipationRole::Trainee)
            .filter_map(|p| {
                finished(p).map(|on| Completion {
                    person_id: p.fields.person_id,
                    about: About::Participation(p.id),
                    finished_on: on,
                })
            })
            .collect();
        out.extend(all::<Placement>(self, &filter).await?.iter().filter_map(|p| {
            placement_finished(p, today).map(|on| Completion {
                person_id: p.fields.person_id,
                about: About::Placement(p.id),
                finished_on: on,
            })
        }));
        Ok(out)
    }

    /// The 6- and 12-month follow-ups not yet done that fall due within
    /// `within_days` of today (overdue ones included), with who, what,
    /// and the last contact. The names shown are logged as viewed.
    pub async fn follow_ups_due(&self, within_days: i64) -> Result<Vec<DueRow>> {
        let today = self.today();
        let completions = self.completions_of(None).await?;
        let recorded = all::<FollowUp>(self, &[]).await?;
        let existing: Vec<Recorded> = recorded
            .iter()
            .filter_map(|f| {
                f.fields.about().map(|about| Recorded {
                    id: f.id,
                    about,
                    milestone: f.fields.milestone,
                    done: f.fields.done_on.is_some(),
                })
            })
            .collect();
        let mut last: BTreeMap<Id, NaiveDate> = BTreeMap::new();
        for f in &recorded {
            if let Some(d) = f.fields.done_on {
                let e = last.entry(f.fields.person_id).or_insert(d);
                *e = (*e).max(d);
            }
        }
        let due = due_follow_ups(&completions, &existing, today, within_days);
        let mut people: Vec<Id> = due.iter().map(|d| d.person_id).collect();
        people.sort_unstable();
        people.dedup();
        let names: BTreeMap<Id, String> = self
            .store
            .get_many::<Person>(&people)
            .await?
            .into_iter()
            .map(|p| (p.id, person_name(&p)))
            .collect();
        let mut rows = Vec::with_capacity(due.len());
        for d in due {
            rows.push(DueRow {
                what: self.about_title(d.about).await?,
                person_name: names.get(&d.person_id).cloned().unwrap_or_default(),
                last_contact: last.get(&d.person_id).copied(),
                due: d,
            });
        }
        if !people.is_empty() {
            self.note_viewed(&people, "follow-ups due").await?;
        }
        Ok(rows)
    }

    /// The course title of a participation, or a placement's area.
    pub async fn about_title(&self, about: About) -> Result<LocalText> {
        Ok(match about {
            About::Participation(id) => {
                let pa = self.store.get::<Participation>(id).await?;
                let ed = self.store.get::<Edition>(pa.fields.edition_id).await?;
                self.store.get::<Programme>(ed.fields.programme_id).await?.fields.title
            }
            About::Placement(id) => self.store.get::<Placement>(id).await?.fields.area,
        })
    }

    /// An association's members with their people, by role then name.
    pub async fn association_members(&self, association_id: Id) -> Result<Vec<(AlumniMember, Person)>> {
        self.store.get::<AlumniAssociation>(association_id).await?;
        let members = all::<AlumniMember>(self, &[("association_id", int(association_id))]).await?;
        let ids: Vec<Id> = members.iter().map(|m| m.fields.person_id).collect();
        let people: BTreeMap<Id, Person> = self
            .store
            .get_many::<Person>(&ids)
            .await?
            .into_iter()
            .map(|p| (p.id, p))
            .collect();
        let mut out: Vec<(AlumniMember, Person)> = members
            .into_iter()
            .filter_map(|m| people.get(&m.fields.person_id).cloned().map(|p| (m, p)))
            .collect();
        out.sort_by_key(|a| (a.0.fields.role, person_name(&a.1)));
        if !ids.is_empty() {
            self.note_viewed(&ids, "alumni association").await?;
        }
        Ok(out)
    }

    /// Associations, of one country or all, by country.
    pub async fn associations(&self, country: Option<&str>) -> Result<Vec<AlumniAssociation>> {
        let filter: Vec<(&str, Value)> = country
            .map(|c| vec![("country", Value::Text(Some(c.trim().to_uppercase())))])
            .unwrap_or_default();
        all::<AlumniAssociation>(self, &filter).await
    }
}

/// "Family Given" as the console writes names.
pub fn person_name(p: &Person) -> String {
    match &p.fields.given_name {
        Some(g) => format!("{} {g}", p.fields.family_name),
        None => p.fields.family_name.to_string(),
    }
}
