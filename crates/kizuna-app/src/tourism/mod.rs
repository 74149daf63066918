//! Tourism both ways: travel fairs and the leads they brought, campaigns,
//! the training editions that were tourism trainings (read from the
//! training system), ambassadors (read from the volunteers system's
//! appointments), and visitor flows (`flows.rs`: import, the two-way
//! series and its stages).

pub mod flows;
pub mod itinerary;

use std::any::Any;
use std::collections::HashMap;

use chrono::NaiveDate;
use kizuna_domain::FieldError;
use kizuna_domain::common::person::Person;
use kizuna_domain::common::programme::Programme;
use kizuna_domain::common::{Id, LocalText};
use kizuna_domain::exchanges::dispatch::Dispatch;
use kizuna_domain::partnerships::outcome::{Outcome, OutcomeKind, OutcomeLink};
use kizuna_domain::tourism::campaign::{Campaign, CampaignInput};
use kizuna_domain::tourism::fair::{TourismLead, TourismLeadInput, TravelFair, TravelFairInput};
use kizuna_domain::tourism::training::{TourismTraining, TourismTrainingInput};
use kizuna_domain::training::edition::Edition;
use kizuna_domain::training::participation::{Participation, ParticipationRole, ParticipationStatus};
use kizuna_domain::volunteers::placement::Placement;
use kizuna_store::{Kind, Value};
use serde::Serialize;

use crate::partnerships::all;
use crate::records::{Entity, Ref};
use crate::{App, Result};

impl Entity for TravelFair {
    const FILTERS: &'static [(&'static str, Kind)] = &[("country", Kind::Text), ("role", Kind::Text)];
    fn rules(i: &TravelFairInput, _: NaiveDate) -> Result<(), Vec<FieldError>> {
        i.validate()
    }
    fn refs(i: &TravelFairInput) -> Vec<(&'static str, Ref)> {
        i.person_ids
            .iter()
            .map(|id| ("person_ids", Ref::Person(Some(*id))))
            .collect()
    }
}

impl Entity for Campaign {
    const FILTERS: &'static [(&'static str, Kind)] = &[("market", Kind::Text), ("channel", Kind::Text)];
    fn rules(i: &CampaignInput, _: NaiveDate) -> Result<(), Vec<FieldError>> {
        i.validate()
    }
}

impl Entity for TourismLead {
    const FILTERS: &'static [(&'static str, Kind)] = &[
        ("fair_id", Kind::Int),
        ("campaign_id", Kind::Int),
        ("status", Kind::Text),
        ("organisation_id", Kind::Int),
    ];
    fn rules(i: &TourismLeadInput, _: NaiveDate) -> Result<(), Vec<FieldError>> {
        i.validate()
    }
    fn refs(i: &TourismLeadInput) -> Vec<(&'static str, Ref)> {
        vec![("organisation_id", Ref::Organisation(i.organisation_id))]
    }
}

impl Entity for TourismTraining {
    const FILTERS: &'static [(&'static str, Kind)] = &[("edition_id", Kind::Int)];
    fn refs(i: &TourismTrainingInput) -> Vec<(&'static str, Ref)> {
        vec![("edition_id", Ref::Edition(Some(i.edition_id)))]
    }
}

fn missing(field: &str, entity: &str, id: Id) -> FieldError {
    FieldError::new(field, "not_found", format!("{entity} {id} does not exist"))
}

/// A tourism training as listed: the link, its edition and programme, and
/// how many trainees it had (from the training system).
#[derive(Debug, Clone, Serialize)]
pub struct TrainingRow {
    pub link: TourismTraining,
    pub edition: Edition,
    pub programme_title: LocalText,
    /// Trainees who took part (withdrawn ones not counted).
    pub trainees: usize,
}

/// An ambassador: an appointment the volunteers system records as an
/// outcome of a placement.
#[derive(Debug, Clone, Serialize)]
pub struct AmbassadorRow {
    pub outcome_id: Id,
    pub placement_id: Id,
    pub person_id: Option<Id>,
    pub person: Option<String>,
    pub title: LocalText,
    pub appointed_on: NaiveDate,
}

impl App {
    /// The tourism rules that need other records: a lead's fair or
    /// campaign, a fair's dispatch.
    pub(crate) async fn tourism_context(
        &self,
        any: &(dyn Any + Send + Sync),
        _id: Option<Id>,
    ) -> Result<Vec<FieldError>> {
        let mut errors = Vec::new();
        if let Some(l) = any.downcast_ref::<TourismLeadInput>() {
            if let Some(f) = l.fair_id
                && !self.store.exists::<TravelFair>(f).await?
            {
                errors.push(missing("fair_id", "travel fair", f));
            }
            if let Some(c) = l.campaign_id
                && !self.store.exists::<Campaign>(c).await?
            {
                errors.push(missing("campaign_id", "campaign", c));
            }
        }
        if let Some(f) = any.downcast_ref::<TravelFairInput>()
            && let Some(d) = f.dispatch_id
            && !self.store.exists::<Dispatch>(d).await?
        {
            errors.push(missing("dispatch_id", "dispatch", d));
        }
        Ok(errors)
    }

    /// The leads of a fair or a campaign, next follow-up first.
    pub async fn tourism_leads(&self, fair_id: Option<Id>, campaign_id: Option<Id>) -> Result<Vec<TourismLead>> {
        let mut filter = Vec::new();
        if let Some(f) = fair_id {
            filter.push(("fair_id", Value::Int(Some(f))));
        }
        if let Some(c) = campaign_id {
            filter.push(("campaign_id", Value::Int(Some(c))));
        }
        all(self, &filter).await
    }

    /// The tourism trainings, newest edition first.
    pub async fn tourism_trainings(&self) -> Result<Vec<TrainingRow>> {
        let links: Vec<TourismTraining> = all(self, &[]).await?;
        let mut rows = Vec::with_capacity(links.len());
        for link in links {
            let edition = self.store.get::<Edition>(link.fields.edition_id).await?;
            let programme = self.store.get::<Programme>(edition.fields.programme_id).await?;
            let parts: Vec<Participation> = all(self, &[("edition_id", Value::Int(Some(edition.id)))]).await?;
            let trainees = parts
                .iter()
                .filter(|p| {
                    p.fields.role == ParticipationRole::Trainee && p.fields.status != ParticipationStatus::Withdrawn
                })
                .count();
            rows.push(TrainingRow {
                link,
                programme_title: edition.fields.title.clone().unwrap_or(programme.fields.title),
                edition,
                trainees,
            });
        }
        rows.sort_by_key(|r| std::cmp::Reverse((r.edition.fields.starts_on, r.edition.id)));
        Ok(rows)
    }

    /// The ambassadors: appointments recorded as outcomes of volunteer
    /// placements, newest first.
    pub async fn tourism_ambassadors(&self) -> Result<Vec<AmbassadorRow>> {
        let links: Vec<OutcomeLink> = all(self, &[]).await?;
        let from_placement: HashMap<Id, Id> = links
            .iter()
            .filter_map(|l| l.fields.from_placement_id.map(|p| (l.fields.to_outcome_id, p)))
            .collect();
        let ids: Vec<Id> = from_placement.keys().copied().collect();
        let outcomes = self.store.get_many::<Outcome>(&ids).await?;
        let mut rows = Vec::new();
        for o in outcomes
            .into_iter()
            .filter(|o| o.fields.kind == OutcomeKind::Appointment)
        {
            let placement_id = from_placement[&o.id];
            let person_id = match o.fields.actor_person_id {
                Some(p) => Some(p),
                None => Some(self.store.get::<Placement>(placement_id).await?.fields.person_id),
            };
            let person = match person_id {
                Some(p) => Some(self.store.get::<Person>(p).await?.sort_name()),
                None => None,
            };
            rows.push(AmbassadorRow {
                outcome_id: o.id,
                placement_id,
                person_id,
                person,
                title: o.fields.title,
                appointed_on: o.fields.occurred_on,
            });
        }
        rows.sort_by_key(|r| std::cmp::Reverse((r.appointed_on, r.outcome_id)));
        let people: Vec<Id> = rows.iter().filter_map(|r| r.person_id).collect();
        if !people.is_empty() {
            self.note_viewed(&people, "list").await?;
        }
        Ok(rows)
    }
}
