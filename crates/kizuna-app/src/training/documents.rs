//! What staff print and download for a course edition: its timetable (each
//! session with its host organisation and instructors), and for a session
//! the people taking part in it (for a participant list or an attendance
//! sheet). Reading people for these is logged, as any list of people is.

use std::collections::HashMap;

use kizuna_domain::common::Id;
use kizuna_domain::common::organisation::Organisation;
use kizuna_domain::common::person::Person;
use kizuna_domain::common::programme::Programme;
use kizuna_domain::training::edition::Edition;
use kizuna_domain::training::participation::{Participation, ParticipationRole};
use kizuna_domain::training::session::Session;
use kizuna_store::Value;

use crate::{App, Result};

const ALL: kizuna_store::Page = kizuna_store::Page {
    limit: 10_000,
    offset: 0,
};

/// One session of a timetable, with whom it refers to.
#[derive(Debug, Clone)]
pub struct TimetableEntry {
    pub session: Session,
    pub host: Option<Organisation>,
    /// In the order the session lists them.
    pub instructors: Vec<Person>,
}

/// An edition's timetable: its sessions by start.
#[derive(Debug, Clone)]
pub struct Timetable {
    pub edition: Edition,
    pub course: Programme,
    pub entries: Vec<TimetableEntry>,
}

/// Someone on a session's list: their part in the edition, and their
/// organisation.
#[derive(Debug, Clone)]
pub struct Attendee {
    pub participation: Participation,
    pub person: Person,
    pub organisation: Option<Organisation>,
}

/// Who takes part in a session: the edition's trainees who are counted
/// (accepted, arrived or completed; not nominees, not those who withdrew),
/// and the session's instructors.
#[derive(Debug, Clone)]
pub struct SessionPeople {
    pub session: Session,
    pub edition: Edition,
    pub course: Programme,
    pub host: Option<Organisation>,
    pub trainees: Vec<Attendee>,
    pub instructors: Vec<(Person, Option<Organisation>)>,
}

/// Organisations read once each.
#[derive(Default)]
struct Orgs(HashMap<Id, Option<Organisation>>);

impl Orgs {
    async fn get(&mut self, app: &App, id: Option<Id>) -> Result<Option<Organisation>> {
        let Some(id) = id else { return Ok(None) };
        if let Some(o) = self.0.get(&id) {
            return Ok(o.clone());
        }
        let o = app.store.get::<Organisation>(id).await.ok();
        self.0.insert(id, o.clone());
        Ok(o)
    }
}

impl App {
    /// An edition's sessions by start time, each with its host
    /// organisation and its instructors (their viewing logged as
    /// `timetable`).
    pub async fn edition_timetable(&self, edition_id: Id) -> Result<Timetable> {
        let edition = self.store.get::<Edition>(edition_id).await?;
        let course = self.store.get::<Programme>(edition.fields.programme_id).await?;
        let mut sessions = self
            .store
            .select::<Session>(&[("edition_id", Value::Int(Some(edition_id)))], ALL)
            .await?;
        sessions.sort_by_key(|s| (s.fields.starts_at, s.fields.ends_at, s.id));
        let mut orgs = Orgs::default();
        let mut people: HashMap<Id, Person> = HashMap::new();
        let mut entries = Vec::with_capacity(sessions.len());
        for session in sessions {
            let host = orgs.get(self, session.fields.host_organisation_id).await?;
            let mut instructors = Vec::new();
            for id in &session.fields.instructor_ids {
                if !people.contains_key(id) {
                    let p = self.store.get::<Person>(*id).await?;
                    people.insert(*id, p);
                }
                if let Some(p) = people.get(id) {
                    instructors.push(p.clone());
                }
            }
            entries.push(TimetableEntry {
                session,
                host,
                instructors,
            });
        }
        let ids: Vec<Id> = people.keys().copied().collect();
        self.note_viewed(&ids, "timetable").await?;
        Ok(Timetable {
            edition,
            course,
            entries,
        })
    }

    /// The people of a session, for its participant list and attendance
    /// sheet (their viewing logged as `session list`).
    pub async fn session_people(&self, session_id: Id) -> Result<SessionPeople> {
        let session = self.store.get::<Session>(session_id).await?;
        let edition = self.store.get::<Edition>(session.fields.edition_id).await?;
        let course = self.store.get::<Programme>(edition.fields.programme_id).await?;
        let mut orgs = Orgs::default();
        let host = orgs.get(self, session.fields.host_organisation_id).await?;
        let roster = self.edition_roster(edition.id).await?;
        let mut trainees = Vec::new();
        for (participation, person) in roster {
            if participation.fields.role != ParticipationRole::Trainee || !participation.fields.status.is_counted() {
                continue;
            }
            let organisation = orgs.get(self, person.fields.organisation_id).await?;
            trainees.push(Attendee {
                participation,
                person,
                organisation,
            });
        }
        let mut instructors = Vec::new();
        for id in &session.fields.instructor_ids {
            let person = self.store.get::<Person>(*id).await?;
            let organisation = orgs.get(self, person.fields.organisation_id).await?;
            instructors.push((person, organisation));
        }
        let ids: Vec<Id> = trainees
            .iter()
            .map(|a| a.person.id)
            .chain(instructors.iter().map(|(p, _)| p.id))
            .collect();
        self.note_viewed(&ids, "session list").await?;
        Ok(SessionPeople {
            session,
            edition,
            course,
            host,
            trainees,
            instructors,
        })
    }
}
