//! Volunteer placements: their rules that need other records (the paired
//! placement exists and pairs back, the host locality lies on the side the
//! direction says), the list with people's and hosts' names, and
//! appointments or recognitions recorded as outcomes the placement led to.

use std::any::Any;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use kizuna_domain::FieldError;
use kizuna_domain::common::fiscal_year::FiscalYear;
use kizuna_domain::common::locality::Locality;
use kizuna_domain::common::organisation::Organisation;
use kizuna_domain::common::person::Person;
use kizuna_domain::common::programme::Programme;
use kizuna_domain::common::{Id, LocalText, Text};
use kizuna_domain::partnerships::outcome::{Outcome, OutcomeInput, OutcomeLink, OutcomeLinkInput};
use kizuna_domain::volunteers::document::{PlacementDocument, PlacementDocumentInput};
use kizuna_domain::volunteers::placement::{Phase, Placement, PlacementDirection, PlacementInput, Scheme};
use kizuna_store::{Kind, Value};
use serde::Serialize;

use crate::partnerships::all;
use crate::records::{Entity, Ref};
use crate::{App, AppError, Result};

impl Entity for Placement {
    const FILTERS: &'static [(&'static str, Kind)] = &[
        ("person_id", Kind::Int),
        ("scheme", Kind::Text),
        ("direction", Kind::Text),
        ("host_locality_id", Kind::Int),
        ("host_organisation_id", Kind::Int),
        ("programme_id", Kind::Int),
    ];
    fn rules(i: &PlacementInput, _: NaiveDate) -> Result<(), Vec<FieldError>> {
        i.validate(None)
    }
    fn refs(i: &PlacementInput) -> Vec<(&'static str, Ref)> {
        vec![
            ("person_id", Ref::Person(Some(i.person_id))),
            ("host_organisation_id", Ref::Organisation(i.host_organisation_id)),
            ("host_locality_id", Ref::Locality(i.host_locality_id)),
            ("programme_id", Ref::Programme(i.programme_id)),
        ]
    }
}

impl Entity for PlacementDocument {
    const FILTERS: &'static [(&'static str, Kind)] = &[("placement_id", Kind::Int), ("kind", Kind::Text)];
    fn rules(i: &PlacementDocumentInput, _: NaiveDate) -> Result<(), Vec<FieldError>> {
        i.validate()
    }
}

/// A person's name as lists show it: given name, then family name.
pub fn display_name(p: &Person) -> String {
    match &p.fields.given_name {
        Some(g) => format!("{g} {}", p.fields.family_name),
        None => p.fields.family_name.to_string(),
    }
}

/// A proper name, the same in every language (so no language falls back).
pub fn same_in_every_language(s: &str) -> LocalText {
    let t = Text::parse(s).ok();
    LocalText::new(t.clone(), t.clone(), t.clone(), t)
        .unwrap_or_else(|_| LocalText::en(Text::parse("?").expect("a one-letter text")))
}

/// Which placements a list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlacementFilter {
    pub scheme: Option<Scheme>,
    pub direction: Option<PlacementDirection>,
    /// A Japanese fiscal year (April to March) the placement overlaps.
    pub fiscal_year: Option<i32>,
    pub person_id: Option<Id>,
}

/// A placement with the names a list shows beside it.
#[derive(Debug, Clone, Serialize)]
pub struct PlacementRow {
    #[serde(flatten)]
    pub placement: Placement,
    pub person_name: String,
    pub host_organisation: Option<LocalText>,
    pub host_locality: Option<LocalText>,
    pub programme: Option<LocalText>,
    pub phase: Phase,
}

fn is_japan(l: &Locality) -> bool {
    l.fields.country.as_str() == "JP"
}

impl App {
    /// The volunteer rules that need other records; called for every
    /// create and update (`id` is the record being updated).
    pub(crate) async fn volunteers_context(
        &self,
        any: &(dyn Any + Send + Sync),
        id: Option<Id>,
    ) -> Result<Vec<FieldError>> {
        let mut errors = Vec::new();
        if let Some(p) = any.downcast_ref::<PlacementInput>() {
            if let Some(pair) = p.paired_placement_id {
                if Some(pair) == id {
                    errors.push(FieldError::new(
                        "paired_placement_id",
                        "self_pair",
                        format!("placement {pair} cannot be paired with itself"),
                    ));
                } else {
                    match self.store.get::<Placement>(pair).await {
                        Err(_) => errors.push(FieldError::new(
                            "paired_placement_id",
                            "not_found",
                            format!("placement {pair} does not exist"),
                        )),
                        Ok(other) => {
                            if let Some(theirs) = other.fields.paired_placement_id
                                && Some(theirs) != id
                            {
                                errors.push(FieldError::new(
                                    "paired_placement_id",
                                    "paired_elsewhere",
                                    format!("placement {pair} is already paired with placement {theirs}"),
                                ));
                            }
                            if other.fields.person_id == p.person_id {
                                errors.push(FieldError::new(
                                    "paired_placement_id",
                                    "same_person",
                                    format!("placement {pair} is the same volunteer's; pair with another volunteer"),
                                ));
                            }
                        }
                    }
                }
            }
            if let Some(lid) = p.host_locality_id
                && let Ok(l) = self.store.get::<Locality>(lid).await
            {
                let japan = is_japan(&l);
                if p.direction.hosted_in_japan() && !japan {
                    errors.push(FieldError::new(
                        "host_locality_id",
                        "not_in_japan",
                        format!(
                            "a {} placement is hosted in Japan; locality {} is in {}",
                            p.direction, l.fields.key, l.fields.country
                        ),
                    ));
                } else if p.direction == PlacementDirection::Outbound && japan {
                    errors.push(FieldError::new(
                        "host_locality_id",
                        "not_abroad",
                        format!(
                            "an outbound placement is hosted abroad; locality {} is in Japan",
                            l.fields.key
                        ),
                    ));
                }
            }
        }
        if let Some(l) = any.downcast_ref::<OutcomeLinkInput>()
            && let Some(pid) = l.from_placement_id
            && !self.store.exists::<Placement>(pid).await?
        {
            errors.push(FieldError::new(
                "from_placement_id",
                "not_found",
                format!("placement {pid} does not exist"),
            ));
        }
        if let Some(d) = any.downcast_ref::<PlacementDocumentInput>()
            && !self.store.exists::<Placement>(d.placement_id).await?
        {
            errors.push(FieldError::new(
                "placement_id",
                "not_found",
                format!("placement {} does not exist", d.placement_id),
            ));
        }
        Ok(errors)
    }

    /// Placements matching `filter` with their names, by planned start.
    pub async fn placement_rows(&self, filter: &PlacementFilter) -> Result<Vec<PlacementRow>> {
        let mut by: Vec<(&str, Value)> = Vec::new();
        if let Some(s) = filter.scheme {
            by.push(("scheme", Value::Text(Some(s.as_str().to_owned()))));
        }
        if let Some(d) = filter.direction {
            by.push(("direction", Value::Text(Some(d.as_str().to_owned()))));
        }
        if let Some(p) = filter.person_id {
            by.push(("person_id", Value::Int(Some(p))));
        }
        let mut placements: Vec<Placement> = all(self, &by).await?;
        if let Some(fy) = filter.fiscal_year {
            let y = FiscalYear::new(fy).map_err(|e| AppError::Invalid(vec![e.at("fiscal_year")]))?;
            placements.retain(|p| p.fields.starts_on() <= y.last_day() && p.fields.ends_on() >= y.first_day());
        }
        self.rows_of(placements).await
    }

    /// The names beside each placement; the people shown are logged as
    /// viewed.
    pub async fn rows_of(&self, placements: Vec<Placement>) -> Result<Vec<PlacementRow>> {
        let ids = |f: &dyn Fn(&Placement) -> Option<Id>| -> Vec<Id> {
            let mut v: Vec<Id> = placements.iter().filter_map(f).collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let people: BTreeMap<Id, Person> = self
            .store
            .get_many::<Person>(&ids(&|p| Some(p.fields.person_id)))
            .await?
            .into_iter()
            .map(|p| (p.id, p))
            .collect();
        let orgs: BTreeMap<Id, Organisation> = self
            .store
            .get_many::<Organisation>(&ids(&|p| p.fields.host_organisation_id))
            .await?
            .into_iter()
            .map(|o| (o.id, o))
            .collect();
        let places: BTreeMap<Id, Locality> = self
            .store
            .get_many::<Locality>(&ids(&|p| p.fields.host_locality_id))
            .await?
            .into_iter()
            .map(|l| (l.id, l))
            .collect();
        let programmes: BTreeMap<Id, Programme> = self
            .store
            .get_many::<Programme>(&ids(&|p| p.fields.programme_id))
            .await?
            .into_iter()
            .map(|l| (l.id, l))
            .collect();
        if !people.is_empty() {
            let seen: Vec<Id> = people.keys().copied().collect();
            self.note_viewed(&seen, "placements").await?;
        }
        let today = self.today();
        Ok(placements
            .into_iter()
            .map(|p| PlacementRow {
                person_name: people
                    .get(&p.fields.person_id)
                    .map(display_name)
                    .unwrap_or_else(|| format!("#{}", p.fields.person_id)),
                host_organisation: p
                    .fields
                    .host_organisation_id
                    .and_then(|i| orgs.get(&i))
                    .map(|o| o.fields.name.clone()),
                host_locality: p
                    .fields
                    .host_locality_id
                    .and_then(|i| places.get(&i))
                    .map(|l| l.fields.name.clone()),
                programme: p
                    .fields
                    .programme_id
                    .and_then(|i| programmes.get(&i))
                    .map(|l| l.fields.title.clone()),
                phase: p.fields.phase(today),
                placement: p,
            })
            .collect())
    }

    /// One placement with its names.
    pub async fn placement_row(&self, id: Id) -> Result<PlacementRow> {
        let p = self.store.get::<Placement>(id).await?;
        Ok(self.rows_of(vec![p]).await?.remove(0))
    }

    /// The outcomes a placement led to, oldest first.
    pub async fn placement_outcomes(&self, placement_id: Id) -> Result<Vec<Outcome>> {
        let links: Vec<OutcomeLink> = all(self, &[("from_placement_id", Value::Int(Some(placement_id)))]).await?;
        let ids: Vec<Id> = links.iter().map(|l| l.fields.to_outcome_id).collect();
        let mut v = self.store.get_many::<Outcome>(&ids).await?;
        v.sort_by_key(|o| (o.fields.occurred_on, o.id));
        Ok(v)
    }

    /// Record an appointment or recognition (a city's tourism ambassador,
    /// say) as an outcome that the placement led to: the outcome and its
    /// link are checked first, then written in one transaction, both or
    /// neither (the placement deleted meanwhile leaves nothing written).
    pub async fn record_appointment(&self, placement_id: Id, input: &OutcomeInput) -> Result<(Outcome, OutcomeLink)> {
        if !self.store.exists::<Placement>(placement_id).await? {
            return Err(AppError::NotFound {
                entity: "placement",
                id: placement_id.to_string(),
            });
        }
        self.checked::<Outcome>(input, None).await?;
        let link = |to_outcome_id: Id| OutcomeLinkInput {
            from_programme_id: None,
            from_activity_id: None,
            from_outcome_id: None,
            from_placement_id: Some(placement_id),
            to_outcome_id,
            note: None,
        };
        OutcomeLink::rules(&link(0), self.today()).map_err(AppError::Invalid)?;
        Ok(self
            .store
            .insert_linked::<Outcome, OutcomeLink>(self.office_id(), input, link)
            .await?)
    }
}
