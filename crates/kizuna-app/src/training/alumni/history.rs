//! A person's whole history across systems, in date order: the steps of
//! their course participations and their attendance, the activities they
//! took part in, outcomes they are the actor of, their volunteer
//! placements and hours, delegations they came with and dispatches they
//! went on, follow-ups and association memberships. Staff read it;
//! each read is logged in the audit log as a person's page is.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use kizuna_domain::common::person::Person;
use kizuna_domain::common::{Id, LocalText, Text};
use kizuna_domain::exchanges::delegation::{Delegation, DelegationMember};
use kizuna_domain::exchanges::dispatch::Dispatch;
use kizuna_domain::partnerships::activity::Activity;
use kizuna_domain::partnerships::outcome::Outcome;
use kizuna_domain::training::alumni::{AlumniAssociation, AlumniMember, FollowUp};
use kizuna_domain::training::participation::{Participation, ParticipationStatus};
use kizuna_domain::training::session::{AttendanceStatus, Session};
use kizuna_domain::volunteers::hours::{EntryStatus, VolunteerEntry};
use kizuna_domain::volunteers::placement::Placement;
use kizuna_store::Value;

use crate::partnerships::all;
use crate::training::alumni::About;
use crate::{App, Result};

/// What an entry of the history is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// A step of a course participation (`label`: the status stepped into).
    Course,
    /// A partnership activity taken part in (`label`: its kind).
    Activity,
    /// An outcome the person is the actor of (`label`: its kind).
    Outcome,
    /// A volunteer placement began or ended (`label`: `started`, `ended`).
    Placement,
    /// A follow-up done (`label`: its milestone).
    FollowUp,
    /// Joined an alumni association (`label`: the role).
    Membership,
    /// A member of a delegation received (`label`: `member`).
    Delegation,
    /// Dispatched abroad by the office (`label`: the dispatch's kind).
    Dispatch,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Entry {
    pub on: NaiveDate,
    pub kind: EntryKind,
    /// A code within the kind (a status, a milestone, a role, …).
    pub label: String,
    pub title: LocalText,
    /// The console page of the record.
    pub link: Option<String>,
    /// A further line (a follow-up's progress and notes).
    pub note: Option<LocalText>,
}

/// Attendance of one course participation, counted by mark.
#[derive(Debug, Clone, serde::Serialize)]
pub struct AttendanceLine {
    pub participation_id: Id,
    pub course: LocalText,
    pub sessions: usize,
    pub present: usize,
    pub late: usize,
    pub absent: usize,
    pub excused: usize,
}

/// Hours logged on one volunteer placement, in minutes by status.
#[derive(Debug, Clone, serde::Serialize)]
pub struct HoursLine {
    pub placement_id: Id,
    pub area: LocalText,
    pub approved_minutes: u64,
    pub pending_minutes: u64,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct PersonHistory {
    pub person: Person,
    pub entries: Vec<Entry>,
    pub attendance: Vec<AttendanceLine>,
    /// Follow-ups not yet done.
    pub planned: Vec<FollowUp>,
    /// Volunteer hours by placement.
    pub hours: Vec<HoursLine>,
}

fn text(s: &str) -> LocalText {
    LocalText::en(Text::parse(s).unwrap_or_else(|_| Text::parse("-").expect("a dash is a text")))
}

impl App {
    /// Everything about a person across systems, oldest first. The read
    /// is logged in the audit log.
    pub async fn person_history(&self, person_id: Id) -> Result<PersonHistory> {
        let person = self.store.get::<Person>(person_id).await?;
        let me = [("person_id", Value::Int(Some(person_id)))];
        let mut entries = Vec::new();
        let mut attendance = Vec::new();
        for pa in all::<Participation>(self, &me).await? {
            let course = self.about_title(About::Participation(pa.id)).await?;
            for step in ParticipationStatus::ALL {
                if let Some(on) = pa.fields.step_date(*step) {
                    entries.push(Entry {
                        on,
                        kind: EntryKind::Course,
                        label: step.to_string(),
                        title: course.clone(),
                        link: Some(format!("/console/editions/{}", pa.fields.edition_id)),
                        note: None,
                    });
                }
            }
            let mut line = AttendanceLine {
                participation_id: pa.id,
                course,
                sessions: 0,
                present: 0,
                late: 0,
                absent: 0,
                excused: 0,
            };
            let sessions = all::<Session>(self, &[("edition_id", Value::Int(Some(pa.fields.edition_id)))]).await?;
            for s in sessions {
                for a in self.store.attendance(s.id).await? {
                    if a.person_id != person_id {
                        continue;
                    }
                    line.sessions += 1;
                    match a.status {
                        AttendanceStatus::Present => line.present += 1,
                        AttendanceStatus::Late => line.late += 1,
                        AttendanceStatus::Absent => line.absent += 1,
                        AttendanceStatus::Excused => line.excused += 1,
                    }
                }
            }
            if line.sessions > 0 {
                attendance.push(line);
            }
        }
        for a in all::<Activity>(self, &[]).await? {
            if a.fields.person_ids.contains(&person_id) {
                entries.push(Entry {
                    on: a.fields.starts_on,
                    kind: EntryKind::Activity,
                    label: a.fields.kind.to_string(),
                    title: a.fields.title.clone(),
                    link: Some(format!("/console/partnerships/{}", a.fields.programme_id)),
                    note: None,
                });
            }
        }
        for o in all::<Outcome>(self, &[("actor_person_id", Value::Int(Some(person_id)))]).await? {
            entries.push(Entry {
                on: o.fields.occurred_on,
                kind: EntryKind::Outcome,
                label: o.fields.kind.to_string(),
                title: o.fields.title.clone(),
                link: Some(format!("/console/outcomes/{}/edit", o.id)),
                note: None,
            });
        }
        let mut hours = Vec::new();
        for p in all::<Placement>(self, &me).await? {
            let started = p.fields.actual_starts_on.unwrap_or(p.fields.planned_starts_on);
            let link = Some(format!("/console/placements/{}", p.id));
            entries.push(Entry {
                on: started,
                kind: EntryKind::Placement,
                label: "started".into(),
                title: p.fields.area.clone(),
                link: link.clone(),
                note: None,
            });
            if let Some(end) = p.fields.actual_ends_on {
                entries.push(Entry {
                    on: end,
                    kind: EntryKind::Placement,
                    label: "ended".into(),
                    title: p.fields.area.clone(),
                    link,
                    note: None,
                });
            }
            let mut line = HoursLine {
                placement_id: p.id,
                area: p.fields.area.clone(),
                approved_minutes: 0,
                pending_minutes: 0,
            };
            for e in all::<VolunteerEntry>(self, &[("placement_id", Value::Int(Some(p.id)))]).await? {
                let m = u64::from(e.fields.hours.minutes());
                match e.fields.status {
                    EntryStatus::Approved => line.approved_minutes += m,
                    EntryStatus::Pending => line.pending_minutes += m,
                    EntryStatus::Rejected => {}
                }
            }
            if line.approved_minutes + line.pending_minutes > 0 {
                hours.push(line);
            }
        }
        for m in all::<DelegationMember>(self, &me).await? {
            if let Ok(d) = self.store.get::<Delegation>(m.fields.delegation_id).await {
                entries.push(Entry {
                    on: d.fields.arrives_on,
                    kind: EntryKind::Delegation,
                    label: "member".into(),
                    title: d.fields.purpose.clone(),
                    link: Some(format!("/console/delegations/{}", d.id)),
                    note: m.fields.title.clone(),
                });
            }
        }
        for d in all::<Dispatch>(self, &[]).await? {
            if d.fields.person_ids.contains(&person_id) {
                entries.push(Entry {
                    on: d.fields.departs_on,
                    kind: EntryKind::Dispatch,
                    label: d.fields.kind.to_string(),
                    title: d.fields.title.clone(),
                    link: Some(format!("/console/dispatches/{}", d.id)),
                    note: None,
                });
            }
        }
        let mut planned = Vec::new();
        for f in all::<FollowUp>(self, &me).await? {
            let Some(on) = f.fields.done_on else {
                planned.push(f);
                continue;
            };
            let about = match f.fields.about() {
                Some(a) => self.about_title(a).await?,
                None => text("-"),
            };
            entries.push(Entry {
                on,
                kind: EntryKind::FollowUp,
                label: f.fields.milestone.to_string(),
                title: about,
                link: Some(format!("/console/follow-ups/{}", f.id)),
                note: f.fields.notes.clone(),
            });
        }
        let associations: BTreeMap<Id, AlumniAssociation> = all::<AlumniAssociation>(self, &[])
            .await?
            .into_iter()
            .map(|a| (a.id, a))
            .collect();
        for m in all::<AlumniMember>(self, &me).await? {
            if let (Some(on), Some(a)) = (m.fields.joined_on, associations.get(&m.fields.association_id)) {
                entries.push(Entry {
                    on,
                    kind: EntryKind::Membership,
                    label: m.fields.role.to_string(),
                    title: a.fields.name.clone(),
                    link: Some(format!("/console/alumni/associations/{}", a.id)),
                    note: None,
                });
            }
        }
        entries.sort_by_key(|e| (e.on, e.kind));
        self.note_viewed(&[person_id], "history").await?;
        Ok(PersonHistory {
            person,
            entries,
            attendance,
            planned,
            hours,
        })
    }
}
