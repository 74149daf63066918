//! Partnership programmes and their ripples: the rules that need other
//! records (a partnership's programme is of kind `partnership`, its
//! Japanese locality is in Japan and the others abroad, a causal link
//! never closes a cycle), the ripple graph of a programme or of all, its
//! "mutual" summary, the ledger's open substantiations, and what partners
//! may see and propose.

pub mod evidence;
pub mod links;
pub mod report;
pub mod ripple;

use std::any::Any;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use kizuna_domain::FieldError;
use kizuna_domain::common::Id;
use kizuna_domain::common::locality::Locality;
use kizuna_domain::common::programme::{Programme, ProgrammeKind};
use kizuna_domain::common::{CountryCode, Text};
use kizuna_domain::partnerships::local_link::LocalLinkInput;
use kizuna_domain::partnerships::outcome::{
    Cause, Outcome, OutcomeInput, OutcomeLink, OutcomeLinkInput, RecordedBy, Verdict, cycle_through,
};
use kizuna_domain::partnerships::partnership::{Partnership, PartnershipInput, ProgrammeOrganisation};
use kizuna_store::{Page, Record, Value};

use crate::{App, AppError, Result};

/// Every record matching `filter` (the ledger's tables are small: a
/// programme has tens of outcomes, an office hundreds).
pub(crate) async fn all<R: Record>(app: &App, filter: &[(&str, Value)]) -> Result<Vec<R>> {
    Ok(app
        .store
        .select::<R>(
            filter,
            Page {
                limit: u32::MAX,
                offset: 0,
            },
        )
        .await?)
}

fn is_japan(c: CountryCode) -> bool {
    c.as_str() == "JP"
}

/// A substantiation: who confirmed an outcome, when, and their verdict.
#[derive(Debug, Clone)]
pub struct Substantiation {
    pub by: Text,
    pub on: NaiveDate,
    pub verdict: Verdict,
    pub note: Option<Text>,
}

impl App {
    /// The partnership rules that need other records; called for every
    /// create and update (`id` is the record being updated).
    pub(crate) async fn partnership_context(
        &self,
        any: &(dyn Any + Send + Sync),
        id: Option<Id>,
    ) -> Result<Vec<FieldError>> {
        let mut errors = Vec::new();
        if let Some(p) = any.downcast_ref::<PartnershipInput>() {
            if let Ok(prog) = self.store.get::<Programme>(p.programme_id).await
                && prog.fields.kind != ProgrammeKind::Partnership
            {
                errors.push(FieldError::new(
                    "programme_id",
                    "not_a_partnership",
                    format!("programme {} is a {}, not a partnership", prog.id, prog.fields.kind),
                ));
            }
            if let Ok(l) = self.store.get::<Locality>(p.japan_locality_id).await
                && !is_japan(l.fields.country)
            {
                errors.push(FieldError::new(
                    "japan_locality_id",
                    "not_in_japan",
                    format!("locality {} is in {}, not Japan", l.fields.key, l.fields.country),
                ));
            }
            for (i, lid) in p.abroad_locality_ids.iter().enumerate() {
                if let Ok(l) = self.store.get::<Locality>(*lid).await
                    && is_japan(l.fields.country)
                {
                    errors.push(FieldError::new(
                        format!("abroad_locality_ids[{i}]"),
                        "not_abroad",
                        format!(
                            "locality {} is in Japan; the localities abroad are outside it",
                            l.fields.key
                        ),
                    ));
                }
            }
        }
        if let Some(l) = any.downcast_ref::<LocalLinkInput>() {
            if let Ok(j) = self.store.get::<Locality>(l.japan_locality_id).await
                && !is_japan(j.fields.country)
            {
                errors.push(FieldError::new(
                    "japan_locality_id",
                    "not_in_japan",
                    format!("locality {} is in {}, not Japan", j.fields.key, j.fields.country),
                ));
            }
            if let Ok(a) = self.store.get::<Locality>(l.abroad_locality_id).await
                && is_japan(a.fields.country)
            {
                errors.push(FieldError::new(
                    "abroad_locality_id",
                    "not_abroad",
                    format!(
                        "locality {} is in Japan; a link joins it with a locality abroad",
                        a.fields.key
                    ),
                ));
            }
        }
        if let Some(link) = any.downcast_ref::<OutcomeLinkInput>()
            && let Some(Cause::Outcome(from)) = link.cause()
        {
            let existing: Vec<(Id, Id)> = all::<OutcomeLink>(self, &[])
                .await?
                .into_iter()
                .filter(|l| Some(l.id) != id)
                .filter_map(|l| l.fields.from_outcome_id.map(|f| (f, l.fields.to_outcome_id)))
                .collect();
            if existing.contains(&(from, link.to_outcome_id)) {
                errors.push(FieldError::new(
                    "from_outcome_id",
                    "duplicate_link",
                    format!("outcome {from} is already linked to outcome {}", link.to_outcome_id),
                ));
            } else if let Some(cycle) = cycle_through(&existing, from, link.to_outcome_id) {
                let titles = self.outcome_titles(&cycle).await?;
                errors.push(FieldError::new(
                    "from_outcome_id",
                    "cycle",
                    format!(
                        "this link would close a cycle: {}; an outcome cannot, through others, lead to itself",
                        titles.join(" → ")
                    ),
                ));
            }
        }
        Ok(errors)
    }

    /// "Title (#id)" of each outcome, in the order given.
    async fn outcome_titles(&self, ids: &[Id]) -> Result<Vec<String>> {
        let found = self.store.get_many::<Outcome>(ids).await?;
        let by_id: BTreeMap<Id, &Outcome> = found.iter().map(|o| (o.id, o)).collect();
        Ok(ids
            .iter()
            .map(|id| match by_id.get(id) {
                Some(o) => format!("\"{}\" (#{id})", o.fields.title.best("en")),
                None => format!("#{id}"),
            })
            .collect())
    }

    /// The partnership details of a programme, if it has them.
    pub async fn partnership_of(&self, programme_id: Id) -> Result<Option<Partnership>> {
        Ok(
            all::<Partnership>(self, &[("programme_id", Value::Int(Some(programme_id)))])
                .await?
                .pop(),
        )
    }

    /// Outcomes no verifier has confirmed or disputed yet, oldest first,
    /// of one programme or of all.
    pub async fn unsubstantiated_outcomes(&self, programme_id: Option<Id>) -> Result<Vec<Outcome>> {
        let filter: Vec<(&str, Value)> = programme_id
            .map(|p| vec![("programme_id", Value::Int(Some(p)))])
            .unwrap_or_default();
        Ok(all::<Outcome>(self, &filter)
            .await?
            .into_iter()
            .filter(|o| !o.fields.is_substantiated())
            .collect())
    }

    /// Record a verifier's confirmation of an outcome as it was at
    /// `version`.
    pub async fn substantiate(&self, outcome_id: Id, version: i64, s: Substantiation) -> Result<Outcome> {
        let mut o = self.store.get::<Outcome>(outcome_id).await?;
        o.fields.substantiated_by = Some(s.by);
        o.fields.substantiated_on = Some(s.on);
        o.fields.verdict = Some(s.verdict);
        o.fields.substantiation_note = s.note;
        self.update::<Outcome>(outcome_id, version, &o.fields).await
    }

    /// The programmes a partner organisation takes part in (in any role,
    /// or as a partnership's proposer), by id.
    pub async fn partner_programme_ids(&self, organisation_id: Id) -> Result<Vec<Id>> {
        let mut ids: Vec<Id> =
            all::<ProgrammeOrganisation>(self, &[("organisation_id", Value::Int(Some(organisation_id)))])
                .await?
                .into_iter()
                .map(|po| po.fields.programme_id)
                .collect();
        ids.extend(
            all::<Partnership>(self, &[("proposer_id", Value::Int(Some(organisation_id)))])
                .await?
                .into_iter()
                .map(|p| p.fields.programme_id),
        );
        ids.sort_unstable();
        ids.dedup();
        Ok(ids)
    }

    /// A partner proposes an outcome for one of its own programmes: it is
    /// recorded as the partner's, not public and not substantiated, until
    /// staff look at it.
    pub async fn propose_outcome(&self, organisation_id: Id, mut input: OutcomeInput) -> Result<Outcome> {
        if !self
            .partner_programme_ids(organisation_id)
            .await?
            .contains(&input.programme_id)
        {
            return Err(AppError::Invalid(vec![FieldError::new(
                "programme_id",
                "not_your_programme",
                format!(
                    "programme {} is not one your organisation takes part in",
                    input.programme_id
                ),
            )]));
        }
        input.recorded_by = RecordedBy::Partner;
        input.public = false;
        input.substantiated_by = None;
        input.substantiated_on = None;
        input.verdict = None;
        input.substantiation_note = None;
        self.create::<Outcome>(&input).await
    }

    /// The partnership programmes (programmes of kind `partnership`).
    pub async fn partnership_programmes(&self) -> Result<Vec<Programme>> {
        all::<Programme>(
            self,
            &[(
                "kind",
                Value::Text(Some(ProgrammeKind::Partnership.as_str().to_owned())),
            )],
        )
        .await
    }
}
