//! Exchanges: delegations received (members, programme of visits), staff
//! dispatched abroad, symposiums hosted (sessions, speakers, regions),
//! courtesy calls, and photos of any activity. The rules that need other
//! records: a visit falls within its delegation's stay, a session within
//! its symposium's days, a call's delegation exists; the overview of one
//! fiscal year by kind.

pub mod import;
pub mod photos;

use std::any::Any;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use kizuna_domain::FieldError;
use kizuna_domain::common::{FiscalYear, Id, LocalText};
use kizuna_domain::exchanges::award::Award;
use kizuna_domain::exchanges::courtesy_call::{CourtesyCall, CourtesyCallInput};
use kizuna_domain::exchanges::delegation::{
    Delegation, DelegationInput, DelegationMember, DelegationMemberInput, DelegationVisit, DelegationVisitInput,
};
use kizuna_domain::exchanges::dispatch::{Dispatch, DispatchInput};
use kizuna_domain::exchanges::photo::PhotoSubject;
use kizuna_domain::exchanges::symposium::{
    Symposium, SymposiumInput, SymposiumRegion, SymposiumRegionInput, SymposiumSession, SymposiumSessionInput,
    SymposiumSpeaker, SymposiumSpeakerInput,
};
use kizuna_domain::string_enum;
use kizuna_store::{Kind, Value};
use serde::Serialize;

use crate::partnerships::all;
use crate::records::{Entity, Ref};
use crate::{App, AppError, Result};

impl Entity for Delegation {
    const FILTERS: &'static [(&'static str, Kind)] = &[
        ("country", Kind::Text),
        ("organisation_id", Kind::Int),
        ("programme_id", Kind::Int),
    ];
    fn rules(i: &DelegationInput, _: NaiveDate) -> Result<(), Vec<FieldError>> {
        i.validate()
    }
    fn refs(i: &DelegationInput) -> Vec<(&'static str, Ref)> {
        vec![
            ("organisation_id", Ref::Organisation(i.organisation_id)),
            ("programme_id", Ref::Programme(i.programme_id)),
        ]
    }
}

impl Entity for DelegationMember {
    const FILTERS: &'static [(&'static str, Kind)] = &[("delegation_id", Kind::Int), ("person_id", Kind::Int)];
    fn rules(i: &DelegationMemberInput, _: NaiveDate) -> Result<(), Vec<FieldError>> {
        i.validate()
    }
    fn refs(i: &DelegationMemberInput) -> Vec<(&'static str, Ref)> {
        vec![("person_id", Ref::Person(i.person_id))]
    }
}

impl Entity for DelegationVisit {
    const FILTERS: &'static [(&'static str, Kind)] = &[
        ("delegation_id", Kind::Int),
        ("organisation_id", Kind::Int),
        ("locality_id", Kind::Int),
    ];
    fn rules(i: &DelegationVisitInput, _: NaiveDate) -> Result<(), Vec<FieldError>> {
        i.validate()
    }
    fn refs(i: &DelegationVisitInput) -> Vec<(&'static str, Ref)> {
        vec![
            ("organisation_id", Ref::Organisation(i.organisation_id)),
            ("locality_id", Ref::Locality(i.locality_id)),
        ]
    }
}

impl Entity for Dispatch {
    const FILTERS: &'static [(&'static str, Kind)] = &[
        ("kind", Kind::Text),
        ("country", Kind::Text),
        ("programme_id", Kind::Int),
    ];
    fn rules(i: &DispatchInput, _: NaiveDate) -> Result<(), Vec<FieldError>> {
        i.validate()
    }
    fn refs(i: &DispatchInput) -> Vec<(&'static str, Ref)> {
        let mut r = vec![("programme_id", Ref::Programme(i.programme_id))];
        r.extend(i.person_ids.iter().map(|id| ("person_ids", Ref::Person(Some(*id)))));
        r
    }
}

impl Entity for Symposium {
    const FILTERS: &'static [(&'static str, Kind)] = &[("locality_id", Kind::Int), ("programme_id", Kind::Int)];
    fn rules(i: &SymposiumInput, _: NaiveDate) -> Result<(), Vec<FieldError>> {
        i.validate()
    }
    fn refs(i: &SymposiumInput) -> Vec<(&'static str, Ref)> {
        vec![
            ("locality_id", Ref::Locality(i.locality_id)),
            ("programme_id", Ref::Programme(i.programme_id)),
        ]
    }
}

impl Entity for SymposiumSession {
    const FILTERS: &'static [(&'static str, Kind)] = &[("symposium_id", Kind::Int)];
    fn rules(i: &SymposiumSessionInput, _: NaiveDate) -> Result<(), Vec<FieldError>> {
        i.validate()
    }
}

impl Entity for SymposiumSpeaker {
    const FILTERS: &'static [(&'static str, Kind)] = &[("session_id", Kind::Int), ("person_id", Kind::Int)];
    fn rules(i: &SymposiumSpeakerInput, _: NaiveDate) -> Result<(), Vec<FieldError>> {
        i.validate()
    }
    fn refs(i: &SymposiumSpeakerInput) -> Vec<(&'static str, Ref)> {
        vec![("person_id", Ref::Person(i.person_id))]
    }
}

impl Entity for SymposiumRegion {
    const FILTERS: &'static [(&'static str, Kind)] = &[("symposium_id", Kind::Int), ("country", Kind::Text)];
}

impl Entity for CourtesyCall {
    const FILTERS: &'static [(&'static str, Kind)] = &[
        ("delegation_id", Kind::Int),
        ("edition_id", Kind::Int),
        ("locality_id", Kind::Int),
    ];
    fn rules(i: &CourtesyCallInput, _: NaiveDate) -> Result<(), Vec<FieldError>> {
        i.validate()
    }
    fn refs(i: &CourtesyCallInput) -> Vec<(&'static str, Ref)> {
        vec![
            ("host_organisation_id", Ref::Organisation(i.host_organisation_id)),
            ("locality_id", Ref::Locality(i.locality_id)),
            ("edition_id", Ref::Edition(i.edition_id)),
        ]
    }
}

fn missing(field: &str, entity: &str, id: Id) -> FieldError {
    FieldError::new(field, "not_found", format!("{entity} {id} does not exist"))
}

string_enum! {
    /// The kinds of exchange the overview lists.
    ExchangeKind {
        Delegation = "delegation",
        Dispatch = "dispatch",
        Symposium = "symposium",
        CourtesyCall = "courtesy_call",
        Award = "award",
    }
}

impl ExchangeKind {
    pub fn subject(self) -> PhotoSubject {
        match self {
            ExchangeKind::Delegation => PhotoSubject::Delegation,
            ExchangeKind::Dispatch => PhotoSubject::Dispatch,
            ExchangeKind::Symposium => PhotoSubject::Symposium,
            ExchangeKind::CourtesyCall => PhotoSubject::CourtesyCall,
            ExchangeKind::Award => PhotoSubject::Award,
        }
    }

    /// The console's path of a record of this kind.
    pub fn path(self) -> &'static str {
        match self {
            ExchangeKind::Delegation => "/console/delegations",
            ExchangeKind::Dispatch => "/console/dispatches",
            ExchangeKind::Symposium => "/console/symposiums",
            ExchangeKind::CourtesyCall => "/console/courtesy-calls",
            ExchangeKind::Award => "/console/awards",
        }
    }
}

/// One exchange in the overview.
#[derive(Debug, Clone, Serialize)]
pub struct ExchangeRow {
    pub kind: ExchangeKind,
    pub id: Id,
    pub title: LocalText,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// The other country (the delegation's, the dispatch's host).
    pub country: Option<String>,
    pub public: bool,
}

impl ExchangeRow {
    pub fn fiscal_year(&self) -> i32 {
        FiscalYear::containing(self.starts_on).year()
    }
}

impl App {
    /// The exchanges rules that need other records; called for every
    /// create and update.
    pub(crate) async fn exchanges_context(
        &self,
        any: &(dyn Any + Send + Sync),
        id: Option<Id>,
    ) -> Result<Vec<FieldError>> {
        let mut errors = Vec::new();
        // New dates must still hold the delegation's programme of visits.
        if let Some(d) = any.downcast_ref::<DelegationInput>()
            && let Some(id) = id
        {
            let visits: Vec<DelegationVisit> = all(self, &[("delegation_id", Value::Int(Some(id)))]).await?;
            for v in visits.iter().filter(|v| v.fields.within(d).is_err()) {
                let field = if v.fields.visit_on < d.arrives_on {
                    "arrives_on"
                } else {
                    "leaves_on"
                };
                errors.push(FieldError::new(
                    field,
                    "visit_outside_stay",
                    format!(
                        "the visit of {} ({}, visit {}) would fall outside the stay ({} to {}): move or delete it first",
                        v.fields.visit_on,
                        v.fields.what.best("en"),
                        v.id,
                        d.arrives_on,
                        d.leaves_on
                    ),
                ));
            }
        }
        if let Some(m) = any.downcast_ref::<DelegationMemberInput>()
            && !self.store.exists::<Delegation>(m.delegation_id).await?
        {
            errors.push(missing("delegation_id", "delegation", m.delegation_id));
        }
        if let Some(v) = any.downcast_ref::<DelegationVisitInput>() {
            match self.store.get::<Delegation>(v.delegation_id).await {
                Ok(d) => errors.extend(v.within(&d.fields).err()),
                Err(_) => errors.push(missing("delegation_id", "delegation", v.delegation_id)),
            }
        }
        if let Some(s) = any.downcast_ref::<SymposiumSessionInput>() {
            match self.store.get::<Symposium>(s.symposium_id).await {
                Ok(sym) => errors.extend(s.within(&sym.fields)),
                Err(_) => errors.push(missing("symposium_id", "symposium", s.symposium_id)),
            }
        }
        if let Some(s) = any.downcast_ref::<SymposiumSpeakerInput>()
            && !self.store.exists::<SymposiumSession>(s.session_id).await?
        {
            errors.push(missing("session_id", "symposium session", s.session_id));
        }
        if let Some(r) = any.downcast_ref::<SymposiumRegionInput>()
            && !self.store.exists::<Symposium>(r.symposium_id).await?
        {
            errors.push(missing("symposium_id", "symposium", r.symposium_id));
        }
        if let Some(c) = any.downcast_ref::<CourtesyCallInput>()
            && let Some(d) = c.delegation_id
            && !self.store.exists::<Delegation>(d).await?
        {
            errors.push(missing("delegation_id", "delegation", d));
        }
        Ok(errors)
    }

    /// Every exchange, of one fiscal year and one kind when given, by date.
    pub async fn exchanges(&self, fy: Option<FiscalYear>, kind: Option<ExchangeKind>) -> Result<Vec<ExchangeRow>> {
        let want = |k: ExchangeKind| kind.is_none_or(|x| x == k);
        let mut rows = Vec::new();
        if want(ExchangeKind::Delegation) {
            for d in all::<Delegation>(self, &[]).await? {
                let f = d.fields;
                rows.push(ExchangeRow {
                    kind: ExchangeKind::Delegation,
                    id: d.id,
                    title: f.purpose,
                    starts_on: f.arrives_on,
                    ends_on: f.leaves_on,
                    country: Some(f.country.to_string()),
                    public: f.public,
                });
            }
        }
        if want(ExchangeKind::Dispatch) {
            for d in all::<Dispatch>(self, &[]).await? {
                let f = d.fields;
                rows.push(ExchangeRow {
                    kind: ExchangeKind::Dispatch,
                    id: d.id,
                    title: f.title,
                    starts_on: f.departs_on,
                    ends_on: f.returns_on,
                    country: Some(f.country.to_string()),
                    public: f.public,
                });
            }
        }
        if want(ExchangeKind::Symposium) {
            for s in all::<Symposium>(self, &[]).await? {
                let f = s.fields;
                rows.push(ExchangeRow {
                    kind: ExchangeKind::Symposium,
                    id: s.id,
                    title: f.title,
                    starts_on: f.starts_on,
                    ends_on: f.ends_on,
                    country: None,
                    public: f.public,
                });
            }
        }
        if want(ExchangeKind::CourtesyCall) {
            for c in all::<CourtesyCall>(self, &[]).await? {
                let f = c.fields;
                rows.push(ExchangeRow {
                    kind: ExchangeKind::CourtesyCall,
                    id: c.id,
                    title: f.host,
                    starts_on: f.called_on,
                    ends_on: f.called_on,
                    country: None,
                    public: f.public,
                });
            }
        }
        if want(ExchangeKind::Award) {
            for a in all::<Award>(self, &[]).await? {
                let f = a.fields;
                rows.push(ExchangeRow {
                    kind: ExchangeKind::Award,
                    id: a.id,
                    title: f.title,
                    starts_on: f.received_on,
                    ends_on: f.received_on,
                    country: None,
                    public: true,
                });
            }
        }
        rows.retain(|r| fy.is_none_or(|y| y.contains(r.starts_on)));
        rows.sort_by_key(|r| (r.starts_on, r.kind, r.id));
        Ok(rows)
    }

    /// How many exchanges of each kind each fiscal year has, newest year first.
    pub async fn exchanges_by_year(&self) -> Result<Vec<(i32, BTreeMap<ExchangeKind, usize>)>> {
        let mut by: BTreeMap<i32, BTreeMap<ExchangeKind, usize>> = BTreeMap::new();
        for r in self.exchanges(None, None).await? {
            *by.entry(r.fiscal_year()).or_default().entry(r.kind).or_default() += 1;
        }
        Ok(by.into_iter().rev().collect())
    }

    /// A delegation's members and programme of visits.
    pub async fn delegation_parts(&self, id: Id) -> Result<(Vec<DelegationMember>, Vec<DelegationVisit>)> {
        let f = [("delegation_id", Value::Int(Some(id)))];
        Ok((all(self, &f).await?, all(self, &f).await?))
    }

    /// A symposium's sessions with their speakers, and its regions.
    pub async fn symposium_parts(
        &self,
        id: Id,
    ) -> Result<(Vec<(SymposiumSession, Vec<SymposiumSpeaker>)>, Vec<SymposiumRegion>)> {
        let f = [("symposium_id", Value::Int(Some(id)))];
        let mut sessions = Vec::new();
        for s in all::<SymposiumSession>(self, &f).await? {
            let speakers = all::<SymposiumSpeaker>(self, &[("session_id", Value::Int(Some(s.id)))]).await?;
            sessions.push((s, speakers));
        }
        Ok((sessions, all(self, &f).await?))
    }

    /// Delete an exchange record and its photos.
    pub async fn delete_exchange(&self, kind: ExchangeKind, id: Id) -> Result<()> {
        match kind {
            ExchangeKind::Delegation => self.delete::<Delegation>(id).await?,
            ExchangeKind::Dispatch => self.delete::<Dispatch>(id).await?,
            ExchangeKind::Symposium => self.delete::<Symposium>(id).await?,
            ExchangeKind::CourtesyCall => self.delete::<CourtesyCall>(id).await?,
            ExchangeKind::Award => self.delete::<Award>(id).await?,
        }
        self.store.delete_photos_of(kind.subject(), id).await?;
        Ok(())
    }

    /// Whether a record of this subject is shown to the public (its photos
    /// marked public are then shown too). Awards are public facts; the
    /// other systems' records (activities, sessions, placements) are not.
    pub async fn subject_is_public(&self, subject: PhotoSubject, id: Id) -> Result<bool> {
        Ok(match subject {
            PhotoSubject::Delegation => self.store.get::<Delegation>(id).await?.fields.public,
            PhotoSubject::Dispatch => self.store.get::<Dispatch>(id).await?.fields.public,
            PhotoSubject::Symposium => self.store.get::<Symposium>(id).await?.fields.public,
            PhotoSubject::CourtesyCall => self.store.get::<CourtesyCall>(id).await?.fields.public,
            PhotoSubject::Award => self.store.exists::<Award>(id).await?,
            PhotoSubject::Activity | PhotoSubject::Session | PhotoSubject::Placement => false,
        })
    }

    /// The subject of a photo exists.
    pub(crate) async fn subject_exists(&self, subject: PhotoSubject, id: Id) -> Result<bool> {
        use kizuna_domain::partnerships::activity::Activity;
        use kizuna_domain::training::session::Session;
        use kizuna_domain::volunteers::placement::Placement;
        Ok(match subject {
            PhotoSubject::Delegation => self.store.exists::<Delegation>(id).await?,
            PhotoSubject::Dispatch => self.store.exists::<Dispatch>(id).await?,
            PhotoSubject::Symposium => self.store.exists::<Symposium>(id).await?,
            PhotoSubject::CourtesyCall => self.store.exists::<CourtesyCall>(id).await?,
            PhotoSubject::Award => self.store.exists::<Award>(id).await?,
            PhotoSubject::Activity => self.store.exists::<Activity>(id).await?,
            PhotoSubject::Session => self.store.exists::<Session>(id).await?,
            PhotoSubject::Placement => self.store.exists::<Placement>(id).await?,
        })
    }
}

/// The error of a record that is not there.
pub(crate) fn not_found(entity: &'static str, id: Id) -> AppError {
    AppError::NotFound {
        entity,
        id: id.to_string(),
    }
}

/// The columns of an exchanges' export.
pub const EXPORT_COLUMNS: [&str; 8] = [
    "kind",
    "id",
    "fiscal_year",
    "title",
    "starts_on",
    "ends_on",
    "country",
    "public",
];

/// Exchanges as a file: CSV (formula-like cells escaped), JSON or XLSX,
/// titles in English when given, else the first language they have.
pub fn export_exchanges(rows: &[ExchangeRow], format: kizuna_io::table::FileFormat) -> Result<Vec<u8>> {
    use kizuna_io::table::{Column, write_table};
    let columns: Vec<Column<'_>> = EXPORT_COLUMNS.iter().map(|c| Column::named(c)).collect();
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.kind.as_str().replace('_', "-"),
                r.id.to_string(),
                r.fiscal_year().to_string(),
                r.title.best("en").to_owned(),
                r.starts_on.to_string(),
                r.ends_on.to_string(),
                r.country.clone().unwrap_or_default(),
                r.public.to_string(),
            ]
        })
        .collect();
    Ok(write_table("exchanges", &columns, &cells, format)?)
}
