//! Volunteers' hours and short reports: logged by the volunteer (or by
//! staff, or from a check-in), changed by the volunteer while pending,
//! reviewed by staff, and summed (approved hours only) by fiscal year in
//! the hours report. The rules are the domain's
//! ([`kizuna_domain::volunteers::hours`]); here are the ones that need
//! other records: whose placement it is, the day's total, the scheme's
//! self-attestation.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use kizuna_domain::FieldError;
use kizuna_domain::common::account::{Role, User};
use kizuna_domain::common::locality::Locality;
use kizuna_domain::common::person::Person;
use kizuna_domain::common::programme::Programme;
use kizuna_domain::common::{FiscalYear, Id, LocalText, Text};
use kizuna_domain::volunteers::hours::{
    Decision, Editor, EntrySource, EntryStatus, Hours, Refusal, ReportBy, VolunteerEntry, VolunteerEntryInput,
    check_day_total, decide, initial_status, may_change,
};
use kizuna_domain::volunteers::placement::{Placement, Scheme};
use kizuna_store::{Action, Kind, NewEntry, Page, Value};

use crate::records::Entity;
use crate::{App, AppError, Result};

/// The audit detail of an entry approved on creation by its scheme's
/// self-attestation setting.
pub const SELF_ATTESTED: &str = "approved-by-self-attestation";

/// The audit log's detail for an entry staff reopened (back to pending).
pub const REOPENED: &str = "reopened";

/// Who is logging or changing hours: the account, and whether staff or
/// which volunteer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HoursActor {
    pub account_id: Id,
    pub editor: Editor,
}

impl HoursActor {
    /// Staff and administrators act as staff, volunteers as themselves;
    /// partners have no part in hours (`None`).
    pub fn of(user: &User) -> Option<HoursActor> {
        let editor = match user.role {
            Role::Admin | Role::Staff => Editor::Staff,
            Role::Volunteer => Editor::Volunteer(user.person_id),
            Role::Partner => return None,
        };
        Some(HoursActor {
            account_id: user.id,
            editor,
        })
    }
}

/// What is logged: the rest (source, status, review) the application sets.
#[derive(Debug, Clone, PartialEq)]
pub struct NewHours {
    pub placement_id: Id,
    pub worked_on: NaiveDate,
    pub hours: Hours,
    pub activity: Text,
    pub report: Option<LocalText>,
    /// For staff: `check_in` for hours from an attendance check-in;
    /// otherwise `staff`. Ignored for volunteers (always `self`).
    pub check_in: bool,
}

/// An entry with its placement (for lists and the review queue).
#[derive(Debug, Clone)]
pub struct EntryView {
    pub entry: VolunteerEntry,
    pub placement: Placement,
}

/// Approved hours summed by the report's dimensions.
#[derive(Debug, Clone, PartialEq)]
pub struct HoursRow {
    /// Stable keys per dimension (a programme's or locality's key, a
    /// scheme, a person's id; "" when the placement has none).
    pub keys: Vec<String>,
    /// What a reader sees per dimension, in their language.
    pub labels: Vec<String>,
    pub minutes: i64,
    pub entries: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HoursReport {
    pub fiscal_year: FiscalYear,
    pub by: Vec<ReportBy>,
    pub rows: Vec<HoursRow>,
    pub total_minutes: i64,
    pub entries: usize,
}

fn refused<T>(r: Refusal) -> Result<std::result::Result<T, Refusal>> {
    Ok(Err(r))
}

impl App {
    /// The placements of a volunteer (a person), earliest first.
    pub async fn placements_of_person(&self, person_id: Id) -> Result<Vec<Placement>> {
        Ok(self
            .store
            .select::<Placement>(&[("person_id", Value::Int(Some(person_id)))], Page::ALL)
            .await?)
    }

    /// Every entry of a volunteer's placements, newest day first.
    pub async fn entries_of_person(&self, person_id: Id) -> Result<Vec<EntryView>> {
        let mut out = Vec::new();
        for placement in self.placements_of_person(person_id).await? {
            let entries = self
                .store
                .select::<VolunteerEntry>(&[("placement_id", Value::Int(Some(placement.id)))], Page::ALL)
                .await?;
            out.extend(entries.into_iter().map(|entry| EntryView {
                entry,
                placement: placement.clone(),
            }));
        }
        out.sort_by_key(|e| std::cmp::Reverse((e.entry.fields.worked_on, e.entry.id)));
        Ok(out)
    }

    /// One entry with its placement, if `actor` may see it: staff any,
    /// a volunteer only their own (another's is `Forbidden`).
    pub async fn hours_entry(&self, actor: HoursActor, id: Id) -> Result<std::result::Result<EntryView, Refusal>> {
        let entry = self.store.get::<VolunteerEntry>(id).await?;
        let placement = self.store.get::<Placement>(entry.fields.placement_id).await?;
        if let Editor::Volunteer(me) = actor.editor
            && me != Some(placement.fields.person_id)
        {
            return refused(Refusal::Forbidden);
        }
        Ok(Ok(EntryView { entry, placement }))
    }

    /// Log hours. A volunteer logs on their own placements only (another's
    /// is `Forbidden`), as `self`, pending unless the scheme trusts
    /// self-attestation (then approved, and the audit log says so); staff
    /// log as `staff` (or `check_in`), approved.
    pub async fn log_hours(
        &self,
        actor: HoursActor,
        new: NewHours,
    ) -> Result<std::result::Result<VolunteerEntry, Refusal>> {
        let placement = self.placement_for(new.placement_id).await?;
        if let Editor::Volunteer(me) = actor.editor
            && me != Some(placement.fields.person_id)
        {
            return refused(Refusal::Forbidden);
        }
        let (source, self_attestation) = match actor.editor {
            Editor::Staff if new.check_in => (EntrySource::CheckIn, false),
            Editor::Staff => (EntrySource::Staff, false),
            Editor::Volunteer(_) => (
                EntrySource::SelfLogged,
                self.store.self_attestation(placement.fields.scheme.as_str()).await?,
            ),
        };
        let status = initial_status(source, self_attestation);
        let reviewed = status == EntryStatus::Approved;
        let input = VolunteerEntryInput {
            placement_id: placement.id,
            worked_on: new.worked_on,
            hours: new.hours,
            activity: new.activity,
            report: new.report,
            source,
            status,
            logged_by: Some(actor.account_id),
            reviewed_by: (reviewed && source != EntrySource::SelfLogged).then_some(actor.account_id),
            reviewed_at: reviewed.then(|| self.now()),
            review_note: None,
        };
        self.check_entry(&input, None).await?;
        let entry = self.store.insert::<VolunteerEntry>(self.office_id(), &input).await?;
        if reviewed && source == EntrySource::SelfLogged {
            self.store
                .audit_append(&[NewEntry::new(Action::Update, "volunteer_entry", Some(entry.id)).detail(SELF_ATTESTED)])
                .await?;
        }
        Ok(Ok(entry))
    }

    /// Change an entry's day, hours, activity or report. A volunteer
    /// changes only their own pending entries; staff any (its review stays).
    pub async fn edit_hours(
        &self,
        actor: HoursActor,
        id: Id,
        version: i64,
        new: NewHours,
    ) -> Result<std::result::Result<VolunteerEntry, Refusal>> {
        let current = self.store.get::<VolunteerEntry>(id).await?;
        let placement = self.store.get::<Placement>(current.fields.placement_id).await?;
        if let Err(r) = may_change(actor.editor, placement.fields.person_id, current.fields.status) {
            return refused(r);
        }
        let mut input = current.fields.clone();
        input.worked_on = new.worked_on;
        input.hours = new.hours;
        input.activity = new.activity;
        input.report = new.report;
        self.check_entry(&input, Some(id)).await?;
        Ok(Ok(self.store.update::<VolunteerEntry>(id, version, &input).await?))
    }

    /// Delete an entry: a volunteer only their own pending ones; staff any.
    pub async fn delete_hours(&self, actor: HoursActor, id: Id) -> Result<std::result::Result<(), Refusal>> {
        let current = self.store.get::<VolunteerEntry>(id).await?;
        let placement = self.store.get::<Placement>(current.fields.placement_id).await?;
        if let Err(r) = may_change(actor.editor, placement.fields.person_id, current.fields.status) {
            return refused(r);
        }
        self.store.delete::<VolunteerEntry>(id).await?;
        Ok(Ok(()))
    }

    /// Approve, reject (with a reason) or reopen (with a reason) an entry:
    /// staff only (a volunteer is `Forbidden`).
    pub async fn review_hours(
        &self,
        actor: HoursActor,
        id: Id,
        version: i64,
        decision: Decision,
    ) -> Result<std::result::Result<VolunteerEntry, Refusal>> {
        if actor.editor != Editor::Staff {
            return refused(Refusal::Forbidden);
        }
        let current = self.store.get::<VolunteerEntry>(id).await?;
        let status = decide(current.fields.status, &decision).map_err(|e| AppError::Invalid(vec![e.at("status")]))?;
        let reopened = matches!(decision, Decision::Reopen(_)).then_some(current.fields.status);
        let mut input = current.fields;
        input.status = status;
        input.reviewed_by = Some(actor.account_id);
        input.reviewed_at = Some(self.now());
        input.review_note = match decision {
            Decision::Approve => None,
            Decision::Reject(why) | Decision::Reopen(why) => Some(why),
        };
        let entry = self.store.update::<VolunteerEntry>(id, version, &input).await?;
        if let Some(was) = reopened {
            self.store
                .audit_append(&[NewEntry::new(Action::Update, "volunteer_entry", Some(id))
                    .office(Some(entry.office_id))
                    .detail(format!("{REOPENED} (was {was})"))])
                .await?;
        }
        Ok(Ok(entry))
    }

    /// Approved and rejected entries, the latest reviewed first, at most
    /// `limit`: what staff may reopen.
    pub async fn hours_reviewed(&self, limit: usize) -> Result<Vec<EntryView>> {
        let mut entries = Vec::new();
        for status in [EntryStatus::Approved, EntryStatus::Rejected] {
            let by = [("status", Value::Text(Some(status.as_str().to_owned())))];
            entries.extend(self.store.select::<VolunteerEntry>(&by, Page::ALL).await?);
        }
        entries.sort_by_key(|e| std::cmp::Reverse((e.fields.reviewed_at, e.id)));
        entries.truncate(limit);
        let placements = self.placements_by_id(&entries).await?;
        Ok(entries
            .into_iter()
            .filter_map(|entry| {
                let placement = placements.get(&entry.fields.placement_id)?.clone();
                Some(EntryView { entry, placement })
            })
            .collect())
    }

    /// Pending entries, oldest day first, optionally of one scheme or
    /// placement: the staff's review queue.
    pub async fn hours_queue(&self, scheme: Option<Scheme>, placement_id: Option<Id>) -> Result<Vec<EntryView>> {
        let mut filter = vec![("status", Value::Text(Some(EntryStatus::Pending.as_str().to_owned())))];
        if let Some(p) = placement_id {
            filter.push(("placement_id", Value::Int(Some(p))));
        }
        let entries = self.store.select::<VolunteerEntry>(&filter, Page::ALL).await?;
        let placements = self.placements_by_id(&entries).await?;
        Ok(entries
            .into_iter()
            .filter_map(|entry| {
                let placement = placements.get(&entry.fields.placement_id)?.clone();
                (scheme.is_none_or(|s| placement.fields.scheme == s)).then_some(EntryView { entry, placement })
            })
            .collect())
    }

    /// Set whether a scheme approves volunteers' own entries on creation.
    pub async fn set_self_attestation(&self, scheme: Scheme, on: bool) -> Result<()> {
        self.store.set_self_attestation(scheme.as_str(), on).await?;
        let detail = format!("self-attestation-{}-{}", scheme.as_str(), if on { "on" } else { "off" });
        self.store
            .audit_append(&[NewEntry::new(Action::Update, "volunteer_scheme", None).detail(&detail)])
            .await?;
        Ok(())
    }

    /// Each scheme and whether it trusts self-attestation.
    pub async fn self_attestations(&self) -> Result<Vec<(Scheme, bool)>> {
        let set: BTreeMap<String, bool> = self.store.self_attestations().await?.into_iter().collect();
        Ok(Scheme::ALL
            .iter()
            .map(|s| (*s, set.get(s.as_str()).copied().unwrap_or(false)))
            .collect())
    }

    /// Approved hours of fiscal year `fy` (April to March) summed by `by`
    /// (in that order; nothing: one total row), labels in `lang`. Pending
    /// and rejected entries are not counted. Grouping by person shows
    /// names: the people shown are logged as viewed.
    pub async fn hours_report(&self, fy: FiscalYear, by: &[ReportBy], lang: &str) -> Result<HoursReport> {
        let approved = self
            .store
            .select::<VolunteerEntry>(
                &[("status", Value::Text(Some(EntryStatus::Approved.as_str().to_owned())))],
                Page::ALL,
            )
            .await?;
        let entries: Vec<VolunteerEntry> = approved
            .into_iter()
            .filter(|e| fy.contains(e.fields.worked_on))
            .collect();
        let placements = self.placements_by_id(&entries).await?;
        let mut labels: BTreeMap<(ReportBy, Option<Id>), (String, String)> = BTreeMap::new();
        let mut groups: BTreeMap<Vec<String>, (Vec<String>, i64, usize)> = BTreeMap::new();
        let mut people = Vec::new();
        for e in &entries {
            let Some(p) = placements.get(&e.fields.placement_id) else {
                continue;
            };
            let mut keys = Vec::new();
            let mut shown = Vec::new();
            for dim in by {
                let (key, label) = match dim {
                    ReportBy::Scheme => (p.fields.scheme.as_str().to_owned(), p.fields.scheme.as_str().to_owned()),
                    ReportBy::Programme => self.label(&mut labels, *dim, p.fields.programme_id, lang).await?,
                    ReportBy::Locality => self.label(&mut labels, *dim, p.fields.host_locality_id, lang).await?,
                    ReportBy::Person => {
                        if !people.contains(&p.fields.person_id) {
                            people.push(p.fields.person_id);
                        }
                        self.label(&mut labels, *dim, Some(p.fields.person_id), lang).await?
                    }
                };
                keys.push(key);
                shown.push(label);
            }
            let g = groups.entry(keys).or_insert((shown, 0, 0));
            g.1 += i64::from(e.fields.hours.minutes());
            g.2 += 1;
        }
        if !people.is_empty() {
            self.note_viewed(&people, "hours-report").await?;
        }
        let rows: Vec<HoursRow> = groups
            .into_iter()
            .map(|(keys, (labels, minutes, entries))| HoursRow {
                keys,
                labels,
                minutes,
                entries,
            })
            .collect();
        Ok(HoursReport {
            fiscal_year: fy,
            by: by.to_vec(),
            total_minutes: rows.iter().map(|r| r.minutes).sum(),
            entries: rows.iter().map(|r| r.entries).sum(),
            rows,
        })
    }

    /// A dimension's key and label for a record id, read once per report.
    async fn label(
        &self,
        cache: &mut BTreeMap<(ReportBy, Option<Id>), (String, String)>,
        dim: ReportBy,
        id: Option<Id>,
        lang: &str,
    ) -> Result<(String, String)> {
        if let Some(hit) = cache.get(&(dim, id)) {
            return Ok(hit.clone());
        }
        let found = match (dim, id) {
            (_, None) => (String::new(), "—".to_owned()),
            (ReportBy::Programme, Some(id)) => {
                let p = self.store.get::<Programme>(id).await?;
                (p.fields.key.to_string(), p.fields.title.best(lang).to_owned())
            }
            (ReportBy::Locality, Some(id)) => {
                let l = self.store.get::<Locality>(id).await?;
                (l.fields.key.to_string(), l.fields.name.best(lang).to_owned())
            }
            (ReportBy::Person, Some(id)) => {
                let p = self.store.get::<Person>(id).await?;
                let name = match &p.fields.given_name {
                    Some(g) => format!("{} {}", p.fields.family_name, g),
                    None => p.fields.family_name.to_string(),
                };
                (id.to_string(), name)
            }
            (ReportBy::Scheme, Some(_)) => (String::new(), String::new()),
        };
        cache.insert((dim, id), found.clone());
        Ok(found)
    }

    async fn placements_by_id(&self, entries: &[VolunteerEntry]) -> Result<BTreeMap<Id, Placement>> {
        let mut ids: Vec<Id> = entries.iter().map(|e| e.fields.placement_id).collect();
        ids.sort_unstable();
        ids.dedup();
        Ok(self
            .store
            .get_many::<Placement>(&ids)
            .await?
            .into_iter()
            .map(|p| (p.id, p))
            .collect())
    }

    async fn placement_for(&self, id: Id) -> Result<Placement> {
        self.store.get::<Placement>(id).await.map_err(|_| {
            AppError::Invalid(vec![FieldError::new(
                "placement_id",
                "not_found",
                format!("no placement has the id {id}"),
            )])
        })
    }

    /// The rules that need other records, for entries written here and
    /// through the API's collection: the placement exists and the day's
    /// total over its entries (rejected ones not counted) stays within 24
    /// hours.
    pub(crate) async fn hours_context(
        &self,
        any: &(dyn std::any::Any + Send + Sync),
        id: Option<Id>,
    ) -> Result<Vec<FieldError>> {
        let Some(input) = any.downcast_ref::<VolunteerEntryInput>() else {
            return Ok(Vec::new());
        };
        if !self.store.exists::<Placement>(input.placement_id).await? {
            return Ok(vec![FieldError::new(
                "placement_id",
                "not_found",
                format!("no placement has the id {}", input.placement_id),
            )]);
        }
        let same_day = self
            .store
            .select::<VolunteerEntry>(
                &[
                    ("placement_id", Value::Int(Some(input.placement_id))),
                    ("worked_on", Value::Date(Some(input.worked_on))),
                ],
                Page::ALL,
            )
            .await?;
        let others: i64 = same_day
            .iter()
            .filter(|e| Some(e.id) != id && e.fields.status != EntryStatus::Rejected)
            .map(|e| i64::from(e.fields.hours.minutes()))
            .sum();
        Ok(if input.status == EntryStatus::Rejected {
            Vec::new()
        } else {
            check_day_total(input.worked_on, others, input.hours)
                .err()
                .into_iter()
                .collect()
        })
    }

    async fn check_entry(&self, input: &VolunteerEntryInput, id: Option<Id>) -> Result<()> {
        let mut errors = match input.validate(self.today()) {
            Ok(()) => Vec::new(),
            Err(e) => e,
        };
        errors.extend(self.hours_context(input, id).await?);
        if errors.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(errors))
        }
    }
}

/// Entries through the API's collection (staff tokens): the domain's rules
/// and [`App::hours_context`]; lists filter by placement, status, source.
impl Entity for VolunteerEntry {
    const FILTERS: &'static [(&'static str, Kind)] = &[
        ("placement_id", Kind::Int),
        ("status", Kind::Text),
        ("source", Kind::Text),
    ];
    fn rules(i: &VolunteerEntryInput, today: NaiveDate) -> std::result::Result<(), Vec<FieldError>> {
        i.validate(today)
    }
}
