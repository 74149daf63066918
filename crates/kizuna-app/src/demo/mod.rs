//! The demo dataset: a regional development bureau in Hokkaido that has
//! accepted overseas trainees since FY1992 — exactly 680 trainees from 57
//! countries by 2008-03-31, and more in later years — with its courses,
//! instructors, a curriculum, and the JICA President's Award of October 2007.
//!
//! Every person is fictional (names drawn at random from [`names`] pools
//! with a fixed seed); organisations and places are real names used as
//! context. The store is marked `dataset = demo`. Loading is idempotent:
//! records are found by key or identity before anything is created, so a
//! second run adds nothing.

mod alumni;
mod exchanges;
mod matching;
pub mod names;
mod places;
mod plan;
mod story;
mod texts;
mod tourism;
mod volunteer_hours;
mod volunteers;

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, TimeZone, Utc};
use kizuna_domain::common::LocalText;
use kizuna_domain::common::locality::{Locality, LocalityInput, LocalityLevel};
use kizuna_domain::common::organisation::{Organisation, OrganisationInput, OrganisationKind};
use kizuna_domain::common::person::{Person, PersonInput};
use kizuna_domain::common::programme::{Programme, ProgrammeInput, ProgrammeKind};
use kizuna_domain::exchanges::award::{Award, AwardInput};
use kizuna_domain::training::edition::{Edition, EditionInput, EditionScope};
use kizuna_domain::training::participation::{
    Participation, ParticipationInput, ParticipationRole, ParticipationStatus,
};
use kizuna_domain::training::session::{Attendance, AttendanceStatus, Session, SessionInput, SessionKind};
use kizuna_store::training::StepDates;
use kizuna_store::{NewTrainee, Page, Value};

use crate::{App, AppError, Result};
use plan::{COUNTRY_COURSES, GENERAL, Rng, Slot, cc, date, fy, k, person, t, weight};
pub use plan::{EARLY_COUNTRIES, EARLY_PER_YEAR, LATER_COUNTRIES, LATER_PER_YEAR};
pub use volunteer_hours::DEMO_VOLUNTEER;

/// What loading the demo did.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DemoSummary {
    pub people_created: usize,
    pub editions_created: usize,
    pub already_loaded: bool,
}

impl App {
    async fn find<R: kizuna_store::Record>(&self, column: &str, value: &str) -> Result<Option<R>> {
        Ok(self
            .store
            .select::<R>(
                &[(column, Value::Text(Some(value.to_owned())))],
                Page { limit: 1, offset: 0 },
            )
            .await?
            .pop())
    }

    async fn ensure_locality(&self, input: LocalityInput) -> Result<i64> {
        match self.find::<Locality>("key", input.key.as_str()).await? {
            Some(l) => Ok(l.id),
            None => Ok(self.create::<Locality>(&input).await?.id),
        }
    }

    async fn ensure_org(
        &self,
        key: &str,
        en: &str,
        ja: Option<&str>,
        kind: OrganisationKind,
        country: &str,
        locality: Option<i64>,
    ) -> Result<i64> {
        if let Some(o) = self.find::<Organisation>("key", key).await? {
            return Ok(o.id);
        }
        let input = OrganisationInput {
            key: k(key),
            name: texts::or_given("organisation", key, "name", en, ja),
            name_local: None,
            kind,
            country: cc(country),
            locality_id: locality,
            address: None,
            phone: None,
            email: None,
            website: None,
            contact_person: None,
        };
        Ok(self.create::<Organisation>(&input).await?.id)
    }

    async fn ensure_person(&self, input: &PersonInput) -> Result<(i64, bool)> {
        match self.find::<Person>("identity_key", &input.identity_key()).await? {
            Some(p) => Ok((p.id, false)),
            None => Ok((self.create::<Person>(input).await?.id, true)),
        }
    }

    /// Load the demo dataset into the store (idempotent).
    pub async fn load_demo(&self) -> Result<DemoSummary> {
        let mut summary = DemoSummary::default();
        if self.store.setting("demo_complete").await?.as_deref() == Some("1") {
            // Stores made before the map existed get its demo places once.
            if self.store.setting("demo_places").await?.as_deref() != Some("1") {
                places::load_demo_places(self).await?;
                self.store.set_setting("demo_places", "1").await?;
            }
            // And the partnership story and the matchmaker's towns once,
            // when they were made before them (each loader is idempotent).
            self.load_story().await?;
            matching::load_matching(self).await?;
            self.load_exchange_and_volunteer_story().await?;
            summary.already_loaded = true;
            return Ok(summary);
        }
        self.store.set_setting("dataset", "demo").await?;
        self.store
            .set_setting(
                "dataset_note",
                "Demo data: every person is fictional; organisations and places give context only.",
            )
            .await?;

        // Places.
        let loc = |key: &str, country: &str, level, parent, en: &str, ja: Option<&str>| LocalityInput {
            key: k(key),
            country: cc(country),
            level,
            parent_id: parent,
            name: texts::or_given("locality", key, "name", en, ja),
            name_local: None,
        };
        use LocalityLevel::*;
        let hokkaido = self
            .ensure_locality(loc("jp/hokkaido", "JP", Prefecture, None, "Hokkaido", Some("北海道")))
            .await?;
        let ishikari = self
            .ensure_locality(loc(
                "jp/hokkaido/ishikari",
                "JP",
                Subprefecture,
                Some(hokkaido),
                "Ishikari",
                Some("石狩"),
            ))
            .await?;
        let sapporo = self
            .ensure_locality(loc(
                "jp/hokkaido/ishikari/sapporo",
                "JP",
                Municipality,
                Some(ishikari),
                "Sapporo",
                Some("札幌市"),
            ))
            .await?;
        let tokachi = self
            .ensure_locality(loc(
                "jp/hokkaido/tokachi",
                "JP",
                Subprefecture,
                Some(hokkaido),
                "Tokachi",
                Some("十勝"),
            ))
            .await?;
        let obihiro = self
            .ensure_locality(loc(
                "jp/hokkaido/tokachi/obihiro",
                "JP",
                Municipality,
                Some(tokachi),
                "Obihiro",
                Some("帯広市"),
            ))
            .await?;
        let kushiro_sub = self
            .ensure_locality(loc(
                "jp/hokkaido/kushiro",
                "JP",
                Subprefecture,
                Some(hokkaido),
                "Kushiro",
                Some("釧路"),
            ))
            .await?;
        let kushiro = self
            .ensure_locality(loc(
                "jp/hokkaido/kushiro/kushiro",
                "JP",
                Municipality,
                Some(kushiro_sub),
                "Kushiro",
                Some("釧路市"),
            ))
            .await?;
        self.ensure_locality(loc(
            "jp/hokkaido/kushiro/kushiro/akan",
            "JP",
            Area,
            Some(kushiro),
            "Akan",
            Some("阿寒"),
        ))
        .await?;
        let oshima = self
            .ensure_locality(loc(
                "jp/hokkaido/oshima",
                "JP",
                Subprefecture,
                Some(hokkaido),
                "Oshima",
                Some("渡島"),
            ))
            .await?;
        let hakodate = self
            .ensure_locality(loc(
                "jp/hokkaido/oshima/hakodate",
                "JP",
                Municipality,
                Some(oshima),
                "Hakodate",
                Some("函館市"),
            ))
            .await?;
        let bangkok = self
            .ensure_locality(loc("th/bangkok", "TH", Prefecture, None, "Bangkok", Some("バンコク")))
            .await?;
        let selangor = self
            .ensure_locality(loc(
                "my/selangor",
                "MY",
                Prefecture,
                None,
                "Selangor",
                Some("セランゴール州"),
            ))
            .await?;

        // Organisations.
        use OrganisationKind::*;
        let office = self
            .ensure_org(
                "hrdb",
                "Hokkaido Regional Development Bureau",
                Some("北海道開発局"),
                Government,
                "JP",
                Some(sapporo),
            )
            .await?;
        let jica = self
            .ensure_org(
                "jica-hokkaido",
                "JICA Hokkaido (Sapporo)",
                Some("JICA北海道（札幌）"),
                InternationalAgency,
                "JP",
                Some(sapporo),
            )
            .await?;
        self.ensure_org(
            "jica-hokkaido-obihiro",
            "JICA Hokkaido (Obihiro)",
            Some("JICA北海道（帯広）"),
            InternationalAgency,
            "JP",
            Some(obihiro),
        )
        .await?;
        let pref = self
            .ensure_org(
                "hokkaido-government",
                "Hokkaido Government",
                Some("北海道庁"),
                Government,
                "JP",
                Some(sapporo),
            )
            .await?;
        let obihiro_city = self
            .ensure_org(
                "obihiro-city",
                "Obihiro City",
                Some("帯広市"),
                Government,
                "JP",
                Some(obihiro),
            )
            .await?;
        let hakodate_city = self
            .ensure_org(
                "hakodate-city",
                "Hakodate City",
                Some("函館市"),
                Government,
                "JP",
                Some(hakodate),
            )
            .await?;
        let kushiro_city = self
            .ensure_org(
                "kushiro-city",
                "Kushiro City",
                Some("釧路市"),
                Government,
                "JP",
                Some(kushiro),
            )
            .await?;
        let hokudai = self
            .ensure_org(
                "hokkaido-university",
                "Hokkaido University",
                Some("北海道大学"),
                University,
                "JP",
                Some(sapporo),
            )
            .await?;
        let obihiro_univ = self
            .ensure_org(
                "obihiro-university",
                "Obihiro University of Agriculture and Veterinary Medicine",
                Some("帯広畜産大学"),
                University,
                "JP",
                Some(obihiro),
            )
            .await?;
        let consult = self
            .ensure_org(
                "demo/tokachi-planning",
                "Tokachi Regional Planning Consultants (demo)",
                Some("十勝地域計画コンサルタント（デモ）"),
                Business,
                "JP",
                Some(obihiro),
            )
            .await?;
        let engineering = self
            .ensure_org(
                "demo/sapporo-civil",
                "Sapporo Cold-Region Civil Engineering (demo)",
                Some("札幌寒地土木（デモ）"),
                Business,
                "JP",
                Some(sapporo),
            )
            .await?;
        self.ensure_org(
            "obihiro-cci",
            "Obihiro Chamber of Commerce and Industry",
            Some("帯広商工会議所"),
            ChamberOfCommerce,
            "JP",
            Some(obihiro),
        )
        .await?;
        self.ensure_org(
            "tica",
            "Thailand International Cooperation Agency",
            None,
            InternationalAgency,
            "TH",
            Some(bangkok),
        )
        .await?;
        self.ensure_org(
            "demo/halal-dev-selangor",
            "Halal development agency (demo)",
            None,
            Government,
            "MY",
            Some(selangor),
        )
        .await?;

        // Home organisations of trainees: one fictional planning agency per country.
        let mut home: HashMap<&str, i64> = HashMap::new();
        for code in EARLY_COUNTRIES.iter().chain(LATER_COUNTRIES.iter()) {
            let c = cc(code).country();
            let key = format!("demo/rda-{}", code.to_lowercase());
            let id = match self.find::<Organisation>("key", &key).await? {
                Some(o) => o.id,
                None => {
                    let en = format!("Regional Development Agency of {} (demo)", c.name_en);
                    let name = texts::template(
                        "organisation_template",
                        "name",
                        [c.name_en, c.name_ja, c.name_th, c.name_ms],
                    )
                    .unwrap_or_else(|| LocalText::en(t(&en)));
                    let input = OrganisationInput {
                        key: k(&key),
                        name,
                        name_local: None,
                        kind: Government,
                        country: cc(code),
                        locality_id: None,
                        address: None,
                        phone: None,
                        email: None,
                        website: None,
                        contact_person: None,
                    };
                    self.create::<Organisation>(&input).await?.id
                }
            };
            home.insert(code, id);
        }

        // Courses.
        let mut programme_ids: HashMap<&str, i64> = HashMap::new();
        for c in std::iter::once(&GENERAL).chain(COUNTRY_COURSES) {
            let id = match self.find::<Programme>("key", c.key).await? {
                Some(p) => p.id,
                None => {
                    let input = ProgrammeInput {
                        key: k(c.key),
                        kind: ProgrammeKind::TrainingCourse,
                        title: texts::or_given("course", c.key, "title", c.title_en, Some(c.title_ja)),
                        organisation_id: Some(office),
                        summary: Some(texts::or_given(
                            "course",
                            c.key,
                            "summary",
                            if c.targets.is_empty() {
                                "General course for administrative officials engaged in regional development, from many countries: lectures on Hokkaido's comprehensive development system and inspection tours of infrastructure and industry."
                            } else {
                                "Country-specific course for administrative officials of the target countries."
                            },
                            None,
                        )),
                    };
                    self.create::<Programme>(&input).await?.id
                }
            };
            programme_ids.insert(c.key, id);
        }

        // Instructors: regional governments, universities, private businesses.
        let mut rng = Rng(0x4B49_5A55_4E41_2008);
        let mut taken = HashSet::new();
        let mut instructors = Vec::new();
        for org in [
            office,
            office,
            pref,
            obihiro_city,
            hakodate_city,
            kushiro_city,
            hokudai,
            hokudai,
            obihiro_univ,
            consult,
            engineering,
            jica,
        ] {
            let mut p = person(&mut rng, "JP", Some(org), &mut taken);
            p.position = Some(t(if org == hokudai || org == obihiro_univ {
                "Professor"
            } else {
                "Senior Officer"
            }));
            p.birth_date = None;
            instructors.push(self.ensure_person(&p).await?.0);
        }

        // The trainee plan: every early country at least once, the rest weighted.
        let mut slots: Vec<Slot> = Vec::new();
        let mut early: Vec<&'static str> = EARLY_COUNTRIES.to_vec();
        let weighted: Vec<&'static str> = EARLY_COUNTRIES
            .iter()
            .flat_map(|c| std::iter::repeat_n(*c, weight(c)))
            .collect();
        let total: usize = EARLY_PER_YEAR.iter().sum();
        while early.len() < total {
            early.push(*rng.pick(&weighted[..]));
        }
        // Shuffle, keeping the first trainee of each country spread over the years.
        for i in (1..early.len()).rev() {
            let j = rng.below(i + 1);
            early.swap(i, j);
        }
        let mut it = early.into_iter();
        for (i, n) in EARLY_PER_YEAR.iter().enumerate() {
            for _ in 0..*n {
                if let Some(country) = it.next() {
                    slots.push(Slot {
                        country,
                        year: 1992 + i as i32,
                    });
                }
            }
        }
        let all: Vec<&'static str> = EARLY_COUNTRIES.iter().chain(LATER_COUNTRIES.iter()).copied().collect();
        let weighted_all: Vec<&'static str> = all.iter().flat_map(|c| std::iter::repeat_n(*c, weight(c))).collect();
        for (i, n) in LATER_PER_YEAR.iter().enumerate() {
            let year = 2008 + i as i32;
            for j in 0..*n {
                // Each later country's first trainee arrives in turn from FY2009.
                let country = match LATER_COUNTRIES.get(i.wrapping_sub(1)) {
                    Some(c) if j == 0 => *c,
                    _ => *rng.pick(&weighted_all[..]),
                };
                slots.push(Slot { country, year });
            }
        }

        // Editions, their trainees and instructors.
        let mut first_people: Vec<(i64, &'static str)> = Vec::new();
        let mut by_edition: Vec<(i64, bool, Vec<NewTrainee>)> = Vec::new();
        let mut edition_ids: HashMap<(&str, i32), (i64, bool)> = HashMap::new();
        let mut edition_days: HashMap<i64, (NaiveDate, NaiveDate)> = HashMap::new();
        for c in std::iter::once(&GENERAL).chain(COUNTRY_COURSES) {
            for year in c.years.clone() {
                let starts_on = c.edition_start(year);
                let key = format!("{}/fy{year}", c.key);
                let (id, created) = match self.find::<Edition>("key", &key).await? {
                    Some(e) => (e.id, false),
                    None => {
                        let input = EditionInput {
                            programme_id: programme_ids[c.key],
                            key: k(&key),
                            fiscal_year: fy(year),
                            scope: if c.targets.is_empty() {
                                EditionScope::General
                            } else {
                                EditionScope::CountrySpecific
                            },
                            target_countries: c.targets.iter().map(|t| cc(t)).collect(),
                            title: None,
                            starts_on,
                            ends_on: starts_on + chrono::Duration::days(c.days),
                            capacity: Some(if c.targets.is_empty() { 80 } else { 30 }),
                        };
                        summary.editions_created += 1;
                        (self.create::<Edition>(&input).await?.id, true)
                    }
                };
                edition_ids.insert((c.key, year), (id, created));
                edition_days.insert(id, (starts_on, starts_on + chrono::Duration::days(c.days)));
            }
        }
        let today = self.today();
        let mut trainees: HashMap<i64, Vec<NewTrainee>> = HashMap::new();
        for slot in &slots {
            let course = COUNTRY_COURSES
                .iter()
                .find(|c| c.years.contains(&slot.year) && c.targets.contains(&slot.country))
                .filter(|_| rng.chance(55))
                .unwrap_or(&GENERAL);
            let (edition_id, _) = edition_ids[&(course.key, slot.year)];
            let starts = course.edition_start(slot.year);
            let ends = starts + chrono::Duration::days(course.days);
            let p = person(&mut rng, slot.country, home.get(slot.country).copied(), &mut taken);
            let status = if ends < today {
                ParticipationStatus::Completed
            } else if starts <= today {
                ParticipationStatus::Arrived
            } else {
                ParticipationStatus::Accepted
            };
            let plan = format!(
                "Action plan for {} regional development",
                cc(slot.country).country().name_en
            );
            trainees.entry(edition_id).or_default().push(NewTrainee {
                person: p,
                edition_id,
                status,
                started_on: Some(starts),
                ended_on: if status == ParticipationStatus::Completed {
                    Some(ends)
                } else {
                    None
                },
                action_plan_title: Some(plan),
            });
        }
        // People who did not count: a withdrawal in most years, nominations not yet accepted.
        for year in (1993..=2026).step_by(3) {
            let (edition_id, _) = edition_ids[&("gmrdp", year)];
            let country = *rng.pick(&EARLY_COUNTRIES);
            let p = person(&mut rng, country, home.get(country).copied(), &mut taken);
            let status = if year == 2026 {
                ParticipationStatus::Nominated
            } else {
                ParticipationStatus::Withdrawn
            };
            trainees.entry(edition_id).or_default().push(NewTrainee {
                person: p,
                edition_id,
                status,
                started_on: None,
                ended_on: None,
                action_plan_title: None,
            });
        }
        let mut editions: Vec<(i64, bool)> = edition_ids.values().copied().collect();
        editions.sort();
        for (edition_id, created) in editions {
            let rows = trainees.remove(&edition_id).unwrap_or_default();
            let existing = self
                .store
                .count::<Participation>(&[("edition_id", Value::Int(Some(edition_id)))])
                .await?;
            if !created && existing > 0 {
                continue;
            }
            let days = edition_days.get(&edition_id).copied();
            let steps: Vec<StepDates> = rows
                .iter()
                .map(|r| days.map_or_else(|| StepDates::implied(r), |(s, e)| step_dates(r.status, s, e, today)))
                .collect();
            let ids = self
                .store
                .insert_trainees_dated(self.office_id(), &rows, &steps)
                .await
                .map_err(AppError::from)?;
            summary.people_created += ids.len();
            for (id, r) in ids.iter().zip(&rows) {
                if r.status.is_counted() && r.started_on.is_some_and(|d| d < date(2008, 4, 1)) {
                    first_people.push((*id, country_str(&r.person)));
                }
            }
            by_edition.push((edition_id, created, rows));
            // Three or four instructors per edition.
            for n in 0..(3 + rng.below(2)) {
                let instructor = instructors[(edition_id as usize * 7 + n * 5) % instructors.len()];
                let input = staff_participation(edition_id, instructor, ParticipationRole::Instructor, days, today);
                // The same instructor may come up twice for an edition: keep the first.
                let _ = self.store.insert::<Participation>(self.office_id(), &input).await;
            }
        }

        // Alumni who came back: a few early trainees return as coordinators of the general course.
        for (n, (person_id, _)) in first_people.iter().step_by(97).take(5).enumerate() {
            let year = 2012 + n as i32 * 2;
            let (edition_id, _) = edition_ids[&("gmrdp", year)];
            let input = staff_participation(
                edition_id,
                *person_id,
                ParticipationRole::Coordinator,
                edition_days.get(&edition_id).copied(),
                today,
            );
            let _ = self.store.insert::<Participation>(self.office_id(), &input).await;
        }

        // The FY2007 curriculum, with a courtesy call to the Mayor of Hakodate.
        let (fy2007, _) = edition_ids[&("gmrdp", 2007)];
        if self
            .store
            .count::<Session>(&[("edition_id", Value::Int(Some(fy2007)))])
            .await?
            == 0
        {
            let jst = |m: u32, d: u32, h: u32| {
                chrono::FixedOffset::east_opt(9 * 3600)
                    .and_then(|z| z.with_ymd_and_hms(2007, m, d, h, 0, 0).single())
                    .map(|t| t.with_timezone(&Utc))
                    .unwrap_or_default()
            };
            /// Kind, English and Japanese titles, (month, day, hour) in Japan,
            /// hours, place, host organisation, the instructors' indexes.
            type Planned<'a> = (
                SessionKind,
                &'a str,
                &'a str,
                (u32, u32, u32),
                u32,
                &'a str,
                i64,
                &'a [usize],
            );
            let plan: [Planned; 9] = [
                (
                    SessionKind::Ceremony,
                    "Opening ceremony",
                    "開講式",
                    (9, 3, 10),
                    1,
                    "Sapporo",
                    office,
                    &[0],
                ),
                (
                    SessionKind::Lecture,
                    "Hokkaido's comprehensive development system and plan",
                    "北海道総合開発の仕組みと計画",
                    (9, 3, 13),
                    3,
                    "Sapporo",
                    office,
                    &[0, 1],
                ),
                (
                    SessionKind::Lecture,
                    "Regional development planning in practice",
                    "地域開発計画の実務",
                    (9, 5, 9),
                    3,
                    "Hokkaido University, Sapporo",
                    hokudai,
                    &[6],
                ),
                (
                    SessionKind::Lecture,
                    "Promoting local industry: agriculture and food in Tokachi",
                    "地域産業振興：十勝の農業と食",
                    (9, 10, 9),
                    3,
                    "Obihiro",
                    obihiro_univ,
                    &[8],
                ),
                (
                    SessionKind::InspectionTour,
                    "Inspection tour: irrigation and farm roads in Tokachi",
                    "視察：十勝の農業基盤整備",
                    (9, 11, 9),
                    7,
                    "Tokachi",
                    obihiro_city,
                    &[3, 9],
                ),
                (
                    SessionKind::InspectionTour,
                    "Inspection tour: Port of Kushiro",
                    "視察：釧路港",
                    (9, 13, 10),
                    5,
                    "Kushiro",
                    kushiro_city,
                    &[5],
                ),
                (
                    SessionKind::CourtesyCall,
                    "Courtesy call to the Mayor of Hakodate",
                    "函館市長表敬訪問",
                    (9, 19, 10),
                    1,
                    "Hakodate City Hall",
                    hakodate_city,
                    &[4],
                ),
                (
                    SessionKind::PresentationMeeting,
                    "Presentation meeting for trainees: action plans",
                    "研修員発表会（アクションプラン）",
                    (10, 11, 13),
                    4,
                    "Sapporo",
                    office,
                    &[0, 6],
                ),
                (
                    SessionKind::Ceremony,
                    "Closing ceremony and completion certificates",
                    "閉講式・修了証書授与",
                    (10, 12, 10),
                    1,
                    "Sapporo",
                    jica,
                    &[11],
                ),
            ];
            let people = self.store.edition_people(fy2007).await?;
            for (n, (kind, en, ja, (m, d, h), hours, place, host, teachers)) in plan.into_iter().enumerate() {
                let starts_at = jst(m, d, h);
                let input = SessionInput {
                    edition_id: fy2007,
                    kind,
                    title: texts::by_en("session", "title", en).unwrap_or_else(|| {
                        LocalText::new(Some(t(en)), Some(t(ja)), None, None).unwrap_or_else(|_| LocalText::en(t(en)))
                    }),
                    starts_at,
                    ends_at: starts_at + chrono::Duration::hours(i64::from(hours)),
                    place: Some(t(place)),
                    host_organisation_id: Some(host),
                    instructor_ids: teachers.iter().map(|i| instructors[*i]).collect(),
                };
                let s = self.create::<Session>(&input).await?;
                // About one in four away (every third of them with leave),
                // and now and then someone late.
                let marks: Vec<Attendance> = people
                    .iter()
                    .enumerate()
                    .map(|(i, p)| {
                        let status = match (rng.chance(4), i % 3, (i + n) % 9) {
                            (true, 0, _) => AttendanceStatus::Excused,
                            (true, _, _) => AttendanceStatus::Absent,
                            (false, _, 0) => AttendanceStatus::Late,
                            (false, _, _) => AttendanceStatus::Present,
                        };
                        Attendance {
                            person_id: *p,
                            status,
                            note: None,
                        }
                    })
                    .collect();
                self.store.mark_attendance(s.id, &marks).await?;
            }
        }

        // The award of October 2007.
        let title = "4th JICA President's Award for International Cooperation";
        if self.find::<Award>("title_en", title).await?.is_none() {
            let citation = "For many years of contribution to international cooperation through the acceptance of overseas trainees since FY1992. Received in October 2007; the day is not recorded.";
            let input = AwardInput {
                title: texts::by_en("award", "title", title).unwrap_or_else(|| {
                    LocalText::new(
                        Some(t(title)),
                        Some(t("第4回JICA理事長表彰（国際協力功労）")),
                        None,
                        None,
                    )
                    .unwrap_or_else(|_| LocalText::en(t(title)))
                }),
                awarded_by_id: Some(jica),
                recipient_id: office,
                received_on: date(2007, 10, 1),
                citation: Some(
                    texts::by_en("award", "citation", citation).unwrap_or_else(|| LocalText::en(t(citation))),
                ),
            };
            self.create::<Award>(&input).await?;
        }
        let _ = by_edition;
        places::load_demo_places(self).await?;
        self.store.set_setting("demo_places", "1").await?;
        self.load_story().await?;
        matching::load_matching(self).await?;
        self.load_exchange_and_volunteer_story().await?;
        self.store.set_setting("demo_complete", "1").await?;
        Ok(summary)
    }

    /// Issue 13's seed facts: exchanges, volunteers, alumni (each loader
    /// is idempotent, so stores made before them get them once).
    async fn load_exchange_and_volunteer_story(&self) -> Result<()> {
        exchanges::load(self).await?;
        volunteers::load(self).await?;
        alumni::load(self).await?;
        tourism::load(self).await?;
        Ok(())
    }
}

/// A trainee's step dates as an office's year goes: nominated about three
/// months before the course, accepted six weeks before (never after
/// today), arrived on its first day, completed on its last; a withdrawal a
/// month before it starts.
fn step_dates(status: ParticipationStatus, starts: NaiveDate, ends: NaiveDate, today: NaiveDate) -> StepDates {
    use ParticipationStatus::*;
    let before = |days: i64| (starts - chrono::Duration::days(days)).min(today);
    StepDates {
        nominated_on: Some(before(90)),
        accepted_on: matches!(status, Accepted | Arrived | Completed).then(|| before(45)),
        arrived_on: matches!(status, Arrived | Completed).then_some(starts),
        completed_on: (status == Completed).then_some(ends),
        withdrawn_on: (status == Withdrawn).then(|| before(30)),
    }
}

/// An instructor's or coordinator's part in an edition: accepted two
/// months before it, then arrived and completed as its days pass.
fn staff_participation(
    edition_id: i64,
    person_id: i64,
    role: ParticipationRole,
    days: Option<(NaiveDate, NaiveDate)>,
    today: NaiveDate,
) -> ParticipationInput {
    let status = match days {
        Some((_, ends)) if ends < today => ParticipationStatus::Completed,
        Some((starts, _)) if starts <= today => ParticipationStatus::Arrived,
        Some(_) => ParticipationStatus::Accepted,
        None => ParticipationStatus::Completed,
    };
    let steps = days.map(|(s, e)| step_dates(status, s, e, today)).unwrap_or_default();
    let accepted_on = days.map(|(s, _)| (s - chrono::Duration::days(60)).min(today));
    ParticipationInput {
        edition_id,
        person_id,
        role,
        status,
        started_on: None,
        ended_on: None,
        action_plan_title: None,
        nominated_on: None,
        accepted_on,
        arrived_on: steps.arrived_on,
        completed_on: steps.completed_on,
        withdrawn_on: None,
    }
}

fn country_str(p: &PersonInput) -> &'static str {
    EARLY_COUNTRIES
        .iter()
        .chain(LATER_COUNTRIES.iter())
        .find(|c| **c == p.nationality.as_str())
        .copied()
        .unwrap_or("JP")
}

#[cfg(test)]
mod tests {
    use super::*;
    use kizuna_domain::common::CountryCode;

    #[test]
    fn plan_adds_up() {
        assert_eq!(EARLY_PER_YEAR.iter().sum::<usize>(), 680);
        let set: HashSet<_> = EARLY_COUNTRIES.iter().chain(LATER_COUNTRIES.iter()).collect();
        assert_eq!(set.len(), 57 + LATER_COUNTRIES.len(), "no country listed twice");
        for c in set {
            assert!(names::name_pool(c).is_some(), "{c} has names");
            assert!(CountryCode::parse(c).is_ok(), "{c}");
        }
    }
}
