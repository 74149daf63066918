//! What the staff console needs beyond the API's functions: the trainee
//! list by any status, an edition's roster, downloads of exactly the rows
//! a filtered list shows, a participation's steps, finding a person by
//! name, and deleting with what depends on a record counted first.

use std::collections::HashMap;

use chrono::NaiveDate;
use kizuna_domain::common::person::Person;
use kizuna_domain::common::programme::Programme;
use kizuna_domain::common::{CountryCode, FiscalYear, Id, Region};
use kizuna_domain::exchanges::award::Award;
use kizuna_domain::training::edition::Edition;
use kizuna_domain::training::participation::{
    Participation, ParticipationInput, ParticipationRole, ParticipationStatus,
};
use kizuna_domain::training::session::Session;
use kizuna_domain::training::stats::TraineeFilter;
use kizuna_store::training::Dependant;
use kizuna_store::{Page, Value};

use kizuna_io::table::{Column, write_table};

use super::transfer::{FileFormat, TRAINEE_COLUMNS};
use crate::{App, AppError, Result};

/// A record the console deletes after a confirmation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Removable {
    /// A training course (a programme), with no editions left.
    Course,
    /// A course edition, with no participations and no sessions left.
    Edition,
    /// A curriculum session, with its attendance marks and instructors.
    Session,
    /// A person's part in an edition, with their attendance marks in it.
    Participation,
    Award,
}

/// What depends on a record, counted: what keeps it from being deleted
/// (it must be removed first), and what would be deleted with it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dependants {
    /// Kinds (`editions`, `participations`, `sessions`) and how many; only
    /// those there are.
    pub blocking: Vec<(&'static str, i64)>,
    /// Kinds (`attendance`: attendance marks) deleted with the record.
    pub going_with: Vec<(&'static str, i64)>,
}

impl Dependants {
    pub fn is_blocked(&self) -> bool {
        !self.blocking.is_empty()
    }
}

const EDITIONS_OF_COURSE: Dependant = Dependant {
    what: "editions",
    count_sql: "SELECT COUNT(*) FROM editions WHERE programme_id = $1",
};
const PARTICIPATIONS_OF_EDITION: Dependant = Dependant {
    what: "participations",
    count_sql: "SELECT COUNT(*) FROM participations WHERE edition_id = $1",
};
const SESSIONS_OF_EDITION: Dependant = Dependant {
    what: "sessions",
    count_sql: "SELECT COUNT(*) FROM sessions WHERE edition_id = $1",
};
const MARKS_OF_SESSION: Dependant = Dependant {
    what: "attendance",
    count_sql: "SELECT COUNT(*) FROM attendance WHERE session_id = $1",
};
/// A participant's attendance marks in the edition's sessions, unless they
/// take part in it in another role too (then the marks stay theirs).
const MARKS_OF_PARTICIPATION: Dependant = Dependant {
    what: "attendance",
    count_sql: "SELECT COUNT(*) FROM attendance a JOIN sessions s ON s.id = a.session_id \
                JOIN participations pa ON pa.edition_id = s.edition_id AND pa.person_id = a.person_id \
                WHERE pa.id = $1 AND NOT EXISTS (SELECT 1 FROM participations o \
                WHERE o.edition_id = pa.edition_id AND o.person_id = pa.person_id AND o.id <> pa.id)",
};
const DELETE_MARKS_OF_PARTICIPATION: &str = "DELETE FROM attendance WHERE EXISTS (SELECT 1 FROM participations pa \
     JOIN sessions s ON s.edition_id = pa.edition_id WHERE pa.id = $1 AND s.id = attendance.session_id \
     AND pa.person_id = attendance.person_id AND NOT EXISTS (SELECT 1 FROM participations o \
     WHERE o.edition_id = pa.edition_id AND o.person_id = pa.person_id AND o.id <> pa.id))";

impl Removable {
    /// What keeps a record from being deleted, and what goes with it.
    fn rules(self) -> (&'static [Dependant], &'static [Dependant], &'static [&'static str]) {
        match self {
            Removable::Course => (&[EDITIONS_OF_COURSE], &[], &[]),
            Removable::Edition => (
                &[PARTICIPATIONS_OF_EDITION, SESSIONS_OF_EDITION],
                &[],
                &["DELETE FROM edition_countries WHERE edition_id = $1"],
            ),
            Removable::Session => (
                &[],
                &[MARKS_OF_SESSION],
                &[
                    "DELETE FROM attendance WHERE session_id = $1",
                    "DELETE FROM session_instructors WHERE session_id = $1",
                ],
            ),
            Removable::Participation => (&[], &[MARKS_OF_PARTICIPATION], &[DELETE_MARKS_OF_PARTICIPATION]),
            Removable::Award => (&[], &[], &[]),
        }
    }
}

/// Above this many participants an edition's people are read in bulk.
const BULK_ROSTER: usize = 60;

const ALL: Page = Page {
    limit: u32::MAX,
    offset: 0,
};

/// Which trainees a console list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TraineeQuery {
    pub fiscal_year: Option<FiscalYear>,
    pub country: Option<CountryCode>,
    pub region: Option<Region>,
    /// The course (programme id).
    pub programme_id: Option<Id>,
    /// One status. Without it the list holds the trainees the statistics
    /// count as accepted today (distinct people), as the drill-down does.
    pub status: Option<ParticipationStatus>,
}

impl TraineeQuery {
    fn report_filter(&self) -> TraineeFilter {
        TraineeFilter {
            as_of: None,
            fiscal_year: self.fiscal_year,
            country: self.country,
            region: self.region,
            programme_id: self.programme_id,
            gender: None,
            office_id: None,
        }
    }

    fn country_matches(&self, c: CountryCode) -> bool {
        self.country.is_none_or(|x| x == c) && self.region.is_none_or(|r| c.region() == r)
    }
}

/// The edition a listed participation belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct EditionRef {
    pub id: Id,
    pub key: String,
    pub fiscal_year: i32,
    pub programme_id: Id,
}

/// One line of a console trainee list.
#[derive(Debug, Clone, PartialEq)]
pub struct TraineeRow {
    pub person: Person,
    /// For a list by status: the participation's edition and status.
    pub participation: Option<(EditionRef, ParticipationStatus)>,
}

impl App {
    /// A page of trainees for the console, and the total. Without a status
    /// this is the drill-down (distinct people the statistics count); with
    /// one, the participations in that status, newest edition first. Two
    /// queries whatever the page.
    pub async fn console_trainees(&self, q: &TraineeQuery, page: Page) -> Result<(Vec<TraineeRow>, i64)> {
        let Some(status) = q.status else {
            let (people, total) = self.trainee_drilldown(&q.report_filter(), page).await?;
            let rows = people
                .into_iter()
                .map(|person| TraineeRow {
                    person,
                    participation: None,
                })
                .collect();
            return Ok((rows, total));
        };
        let (found, total) = self
            .store
            .trainee_participations(&q.report_filter(), status, page)
            .await?;
        let rows = found
            .into_iter()
            .map(|(person, e)| TraineeRow {
                person,
                participation: Some((
                    EditionRef {
                        id: e.edition_id,
                        key: e.edition_key,
                        fiscal_year: i32::try_from(e.fiscal_year).unwrap_or_default(),
                        programme_id: e.programme_id,
                    },
                    e.status,
                )),
            })
            .collect();
        Ok((rows, total))
    }

    async fn editions_for(&self, q: &TraineeQuery) -> Result<HashMap<Id, Edition>> {
        let mut conds = Vec::new();
        if let Some(fy) = q.fiscal_year {
            conds.push(("fiscal_year", Value::Int(Some(i64::from(fy.year())))));
        }
        if let Some(p) = q.programme_id {
            conds.push(("programme_id", Value::Int(Some(p))));
        }
        Ok(self
            .store
            .select::<Edition>(&conds, ALL)
            .await?
            .into_iter()
            .map(|e| (e.id, e))
            .collect())
    }

    /// The trainee participations a console list covers, in the import
    /// template's columns (so a download can be imported elsewhere).
    pub async fn console_trainee_rows(&self, q: &TraineeQuery) -> Result<Vec<Vec<String>>> {
        let editions: HashMap<String, Edition> = self
            .editions_for(q)
            .await?
            .into_values()
            .map(|e| (e.fields.key.to_string(), e))
            .collect();
        let col = |name: &str| TRAINEE_COLUMNS.iter().position(|c| c.name == name).unwrap_or(0);
        let (nat, key, st) = (col("nationality"), col("edition_key"), col("status"));
        let today = self.today();
        let mut rows = self.trainee_export_rows().await?;
        rows.retain(|r| {
            let Some(e) = r.get(key).and_then(|k| editions.get(k)) else {
                return false;
            };
            let status = r.get(st).and_then(|s| s.parse::<ParticipationStatus>().ok());
            let status_ok = match (q.status, status) {
                (Some(want), Some(s)) => want == s,
                (None, Some(s)) => s.is_counted() && e.fields.starts_on <= today,
                (_, None) => false,
            };
            let country_ok = r
                .get(nat)
                .and_then(|c| CountryCode::parse(c).ok())
                .is_some_and(|c| q.country_matches(c));
            status_ok && country_ok
        });
        Ok(rows)
    }

    /// A filtered trainee list as a file (CSV or XLSX), formulas escaped.
    pub async fn console_trainee_file(&self, q: &TraineeQuery, format: FileFormat) -> Result<Vec<u8>> {
        let rows = self.console_trainee_rows(q).await?;
        self.note_export(
            "trainee",
            None,
            &format!("console list, {} rows, {format:?}", rows.len()),
        )
        .await?;
        let header: Vec<&str> = TRAINEE_COLUMNS.iter().map(|c| c.name).collect();
        write_rows(&header, &rows, format, "trainees")
    }

    /// Everyone taking part in an edition, with their participation:
    /// coordinators, instructors, then trainees, each by name.
    pub async fn edition_roster(&self, edition_id: Id) -> Result<Vec<(Participation, Person)>> {
        let edition = self.store.get::<Edition>(edition_id).await?;
        let parts = self
            .store
            .select::<Participation>(&[("edition_id", Value::Int(Some(edition_id)))], ALL)
            .await?;
        let mut out = Vec::with_capacity(parts.len());
        let mut seen: HashMap<Id, Person> = HashMap::new();
        if parts.len() > BULK_ROSTER {
            // A large edition: its counted trainees in one query (the drill-down
            // of its course and year), everyone else one by one.
            let wanted: std::collections::HashSet<Id> = parts.iter().map(|p| p.fields.person_id).collect();
            let filter = TraineeFilter {
                fiscal_year: Some(edition.fields.fiscal_year),
                programme_id: Some(edition.fields.programme_id),
                ..TraineeFilter::default()
            };
            let (people, _) = self.trainee_drilldown(&filter, ALL).await?;
            seen.extend(people.into_iter().filter(|p| wanted.contains(&p.id)).map(|p| (p.id, p)));
        }
        for p in parts {
            let person = match seen.get(&p.fields.person_id) {
                Some(person) => person.clone(),
                None => {
                    let person = self.store.get::<Person>(p.fields.person_id).await?;
                    seen.insert(person.id, person.clone());
                    person
                }
            };
            out.push((p, person));
        }
        let rank = |r: ParticipationRole| match r {
            ParticipationRole::Coordinator => 0,
            ParticipationRole::Instructor => 1,
            ParticipationRole::Trainee => 2,
        };
        out.sort_by(|(pa, a), (pb, b)| {
            rank(pa.fields.role)
                .cmp(&rank(pb.fields.role))
                .then_with(|| kizuna_i18n::compare(kizuna_i18n::Lang::En, &a.sort_name(), &b.sort_name()))
                .then(pa.id.cmp(&pb.id))
        });
        Ok(out)
    }
}

impl App {
    /// Move a participation one step on a day, as of the version shown
    /// (see [`ParticipationInput::moved`]): refused, nothing written, when
    /// the step is impossible, dated before the one before, or the
    /// participation changed since.
    pub async fn move_participation(
        &self,
        id: Id,
        version: i64,
        to: ParticipationStatus,
        on: NaiveDate,
    ) -> Result<Participation> {
        let p = self.store.get::<Participation>(id).await?;
        if p.version != version {
            return Err(AppError::Conflict {
                entity: "participation",
                id,
                version,
                current: p.version,
            });
        }
        let next = p.fields.moved(to, on)?;
        self.update::<Participation>(id, version, &next).await
    }

    /// Change a participation from the console's form, as of a version:
    /// its edition and person stay; a new status needs the date of each
    /// step taken to reach it.
    pub async fn change_participation(
        &self,
        id: Id,
        version: i64,
        input: &ParticipationInput,
    ) -> Result<Participation> {
        let p = self.store.get::<Participation>(id).await?;
        let mut input = input.clone();
        input.edition_id = p.fields.edition_id;
        input.person_id = p.fields.person_id;
        if input.status != p.fields.status {
            let mut errors = input.missing_step_dates();
            if !errors.is_empty() {
                errors.extend(input.validate().err().unwrap_or_default());
                return Err(AppError::Invalid(errors));
            }
        }
        self.update::<Participation>(id, version, &input).await
    }

    /// Add a person to an edition in a role, nominated on a day.
    pub async fn add_participant(
        &self,
        edition_id: Id,
        person_id: Id,
        role: ParticipationRole,
        nominated_on: Option<NaiveDate>,
    ) -> Result<Participation> {
        let input = ParticipationInput {
            edition_id,
            person_id,
            role,
            status: ParticipationStatus::Nominated,
            started_on: None,
            ended_on: None,
            action_plan_title: None,
            nominated_on,
            accepted_on: None,
            arrived_on: None,
            completed_on: None,
            withdrawn_on: None,
        };
        self.create::<Participation>(&input).await
    }

    /// What depends on a record: what keeps it from being deleted and what
    /// would go with it (only kinds there are).
    pub async fn dependants(&self, what: Removable, id: Id) -> Result<Dependants> {
        self.exists_to_remove(what, id).await?;
        let (blocking, going_with, _) = what.rules();
        let some = |v: Vec<(&'static str, i64)>| v.into_iter().filter(|(_, n)| *n > 0).collect();
        Ok(Dependants {
            blocking: some(self.store.count_dependants(id, blocking).await?),
            going_with: some(self.store.count_dependants(id, going_with).await?),
        })
    }

    /// Delete a record, as of a version when given, with what goes with it,
    /// in one transaction; refused (`in_use`, nothing deleted) while what
    /// [`App::dependants`] calls blocking is there.
    pub async fn remove(&self, what: Removable, id: Id, version: Option<i64>) -> Result<()> {
        let (blocking, _, with) = what.rules();
        let s = &self.store;
        match what {
            Removable::Course => s.delete_unless_used::<Programme>(id, version, blocking, with).await?,
            Removable::Edition => s.delete_unless_used::<Edition>(id, version, blocking, with).await?,
            Removable::Session => s.delete_unless_used::<Session>(id, version, blocking, with).await?,
            Removable::Participation => {
                s.delete_unless_used::<Participation>(id, version, blocking, with)
                    .await?;
            }
            Removable::Award => s.delete_unless_used::<Award>(id, version, blocking, with).await?,
        }
        Ok(())
    }

    async fn exists_to_remove(&self, what: Removable, id: Id) -> Result<()> {
        let s = &self.store;
        let found = match what {
            Removable::Course => s.exists::<Programme>(id).await?,
            Removable::Edition => s.exists::<Edition>(id).await?,
            Removable::Session => s.exists::<Session>(id).await?,
            Removable::Participation => s.exists::<Participation>(id).await?,
            Removable::Award => s.exists::<Award>(id).await?,
        };
        if found {
            Ok(())
        } else {
            Err(AppError::NotFound {
                entity: "record",
                id: id.to_string(),
            })
        }
    }
}

/// Write a table (a header and rows of text) as CSV or XLSX. Cells a
/// spreadsheet would run as formulas are escaped; ISO dates in date columns
/// become real dates in the XLSX.
pub fn write_rows(header: &[&str], rows: &[Vec<String>], format: FileFormat, sheet_name: &str) -> Result<Vec<u8>> {
    let columns: Vec<Column<'_>> = header.iter().map(|h| Column::named(h)).collect();
    let format = if format == FileFormat::Json {
        FileFormat::Csv
    } else {
        format
    };
    Ok(write_table(sheet_name, &columns, rows, format)?)
}
