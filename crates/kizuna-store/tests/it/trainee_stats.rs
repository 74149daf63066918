//! The trainee counts the database keeps (migration 25) against the plain
//! computation: random histories of every kind of write that changes who
//! counts (participations added, moved between statuses and roles, deleted;
//! people's nationality and gender changed, people merged; editions moved
//! in time; trainees imported), on both databases. After each few writes
//! the report from the counts equals the report counted from the
//! participations, and the databases' own `GROUP BY … COUNT(DISTINCT …)`,
//! as of many dates; at the end the kept counts equal a rebuild's.
//! Reports narrowed to a country, a region or a gender (migration 27's
//! counts by nationality and gender), and to a fiscal year (migration
//! 34's counts of each person's first in a course within a year), are
//! checked the same way.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use chrono::{Datelike, Days, NaiveDate};
use kizuna_domain::common::country::all_countries;
use kizuna_domain::common::person::{Gender, Person, PersonInput};
use kizuna_domain::common::programme::{Programme, ProgrammeInput, ProgrammeKind};
use kizuna_domain::common::{CountryCode, DEFAULT_OFFICE, FiscalYear, Key, LocalText, Region, Text};
use kizuna_domain::training::edition::{Edition, EditionInput, EditionScope};
use kizuna_domain::training::participation::{
    Participation, ParticipationInput, ParticipationRole, ParticipationStatus,
};
use kizuna_domain::training::stats::{TraineeFilter, TraineeReport};
use kizuna_store::merge::MergePeople;
use kizuna_store::{Backend, NewTrainee, Page, Store};
use kizuna_testkit::{drop_fresh, fresh_url};
use sqlx::Connection;

/// A small deterministic random source (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const COUNTRIES: [&str; 5] = ["TH", "KE", "PE", "MY", "ID"];
const GENDERS: [Gender; 3] = [Gender::Female, Gender::Male, Gender::Other];
const STATUSES: [ParticipationStatus; 5] = [
    ParticipationStatus::Nominated,
    ParticipationStatus::Accepted,
    ParticipationStatus::Arrived,
    ParticipationStatus::Completed,
    ParticipationStatus::Withdrawn,
];

fn person(rng: &mut Rng, n: usize) -> PersonInput {
    PersonInput {
        family_name: Text::parse(&format!("Family{n}")).unwrap(),
        given_name: Some(Text::parse("Given").unwrap()),
        name_native: None,
        name_kana: None,
        gender: *rng.pick(&GENDERS),
        nationality: CountryCode::parse(rng.pick::<&str>(&COUNTRIES)).unwrap(),
        birth_date: None,
        email: None,
        organisation_id: None,
        position: None,
    }
}

/// A day of fiscal year `fy`, often a month's first or last day (the
/// buckets' edges).
fn day_in(rng: &mut Rng, fy: i32) -> NaiveDate {
    let start = FiscalYear::new(fy).unwrap().first_day();
    let edges = [0, 29, 30, 31, 60, 182, 334, 364];
    let offset = if rng.below(2) == 0 {
        *rng.pick(&edges)
    } else {
        rng.below(365)
    };
    start.checked_add_days(Days::new(offset as u64)).unwrap()
}

fn edition(programme_id: i64, key: &str, fy: i32, starts_on: NaiveDate) -> EditionInput {
    EditionInput {
        programme_id,
        key: Key::parse(key).unwrap(),
        fiscal_year: FiscalYear::new(fy).unwrap(),
        scope: EditionScope::General,
        target_countries: Vec::new(),
        title: None,
        starts_on,
        ends_on: starts_on.checked_add_days(Days::new(20)).unwrap(),
        capacity: None,
    }
}

fn participation(
    edition_id: i64,
    person_id: i64,
    role: ParticipationRole,
    status: ParticipationStatus,
) -> ParticipationInput {
    ParticipationInput {
        edition_id,
        person_id,
        role,
        status,
        started_on: None,
        ended_on: None,
        action_plan_title: None,
        nominated_on: None,
        accepted_on: None,
        arrived_on: None,
        completed_on: None,
        withdrawn_on: None,
    }
}

/// The dates a report is asked as of: each edition's start and the days
/// around it, its month's first and last days, the fiscal years' and
/// decades' edges, and before and after everything.
async fn dates(store: &Store) -> Vec<NaiveDate> {
    let editions: Vec<Edition> = store
        .select::<Edition>(&[], Page { limit: 1000, offset: 0 })
        .await
        .unwrap();
    let mut out = vec![
        NaiveDate::from_ymd_opt(2000, 1, 1).unwrap(),
        NaiveDate::from_ymd_opt(2030, 1, 1).unwrap(),
    ];
    for e in editions {
        let d = e.fields.starts_on;
        out.extend([d, d.pred_opt().unwrap(), d.succ_opt().unwrap()]);
        let fy = e.fields.fiscal_year;
        out.extend([fy.first_day(), fy.last_day()]);
        out.push(NaiveDate::from_ymd_opt(d.year(), d.month(), 1).unwrap());
        // The last day of its month, and the first day of its ten fiscal years.
        let next_month = NaiveDate::from_ymd_opt(d.year() + i32::from(d.month() == 12), d.month() % 12 + 1, 1).unwrap();
        out.push(next_month.pred_opt().unwrap());
        out.push(NaiveDate::from_ymd_opt(fy.year() / 10 * 10, 4, 1).unwrap());
    }
    out.sort();
    out.dedup();
    out
}

/// The report from the kept counts equals the one counted from the
/// participations and the databases' grouped one, as of every date.
async fn agree(store: &Store, step: &str) {
    assert!(
        store.trainee_stats_live().await.unwrap(),
        "the counts are kept ({step})"
    );
    for as_of in dates(store).await {
        let filter = TraineeFilter {
            as_of: Some(as_of),
            ..TraineeFilter::default()
        };
        let kept = TraineeReport::from_aggregates(as_of, &store.trainee_aggregates(&filter, as_of).await.unwrap());
        let facts = TraineeReport::from_aggregates(
            as_of,
            &store.trainee_aggregates_from_facts(&filter, as_of).await.unwrap(),
        );
        let grouped =
            TraineeReport::from_aggregates(as_of, &store.trainee_aggregates_grouped(&filter, as_of).await.unwrap());
        assert_eq!(kept, facts, "as of {as_of}, after {step}");
        assert_eq!(grouped, facts, "grouped, as of {as_of}, after {step}");
    }
    agree_narrowed(store, step).await;
}

/// Filters on who a person is: each country, a region (three of the five
/// countries, then one with a single country), each gender, and mixes,
/// including a country outside the region asked (nobody).
fn narrowed_filters() -> Vec<TraineeFilter> {
    let country = |c: &str| Some(CountryCode::parse(c).unwrap());
    let mut out = Vec::new();
    for c in COUNTRIES {
        out.push(TraineeFilter {
            country: country(c),
            ..TraineeFilter::default()
        });
    }
    for g in GENDERS {
        out.push(TraineeFilter {
            gender: Some(g),
            ..TraineeFilter::default()
        });
        out.push(TraineeFilter {
            region: Some(Region::Asia),
            gender: Some(g),
            ..TraineeFilter::default()
        });
    }
    out.push(TraineeFilter {
        region: Some(Region::Asia),
        ..TraineeFilter::default()
    });
    out.push(TraineeFilter {
        region: Some(Region::Africa),
        ..TraineeFilter::default()
    });
    out.push(TraineeFilter {
        country: country("TH"),
        gender: Some(Gender::Female),
        ..TraineeFilter::default()
    });
    out.push(TraineeFilter {
        country: country("KE"),
        region: Some(Region::Asia),
        ..TraineeFilter::default()
    });
    // Each fiscal year the editions start in (and one before them all),
    // alone and with a country or a region.
    let fy = |y| FiscalYear::new(y).ok();
    for y in 2006..=2011 {
        out.push(TraineeFilter {
            fiscal_year: fy(y),
            ..TraineeFilter::default()
        });
    }
    out.push(TraineeFilter {
        fiscal_year: fy(2009),
        country: country("TH"),
        ..TraineeFilter::default()
    });
    out.push(TraineeFilter {
        fiscal_year: fy(2010),
        region: Some(Region::Asia),
        ..TraineeFilter::default()
    });
    out
}

/// Reports narrowed to who people are, or to a fiscal year, summed from
/// the counts kept, equal the ones counted from the participations
/// (every other date, to keep the test quick on PostgreSQL).
async fn agree_narrowed(store: &Store, step: &str) {
    for (i, as_of) in dates(store).await.into_iter().enumerate() {
        if i % 2 == 1 {
            continue;
        }
        for f in narrowed_filters() {
            let filter = TraineeFilter {
                as_of: Some(as_of),
                ..f
            };
            let kept = store
                .trainee_summary_narrowed(&filter, as_of)
                .await
                .unwrap()
                .expect("a filter on who people are, or a fiscal year, is summed from the counts");
            let kept = TraineeReport::from_aggregates(as_of, &kept);
            let facts = TraineeReport::from_aggregates(
                as_of,
                &store.trainee_aggregates_from_facts(&filter, as_of).await.unwrap(),
            );
            assert_eq!(kept, facts, "{filter:?}, after {step}");
        }
    }
}

/// The count rows that are not zero, as text, in order: every count
/// table, and the days each course first had a country and gender.
async fn counts(url: &str, backend: Backend) -> Vec<String> {
    let mut out = Vec::new();
    let row = "CAST(lvl AS TEXT) || ' ' || CAST(bucket AS TEXT) || ' ' || CAST(kind AS TEXT) || ' ' || CAST(g AS TEXT)";
    let tables = [
        (
            "trainee_counts",
            format!("{row} || ' ' || country || ' ' || gender || ' ' || CAST(n AS TEXT)"),
            "n <> 0",
        ),
        (
            "trainee_person_counts",
            format!("{row} || ' ' || country || ' ' || gender || ' ' || CAST(n AS TEXT)"),
            "n <> 0",
        ),
        (
            "trainee_slice_counts",
            format!("{row} || ' ' || region || ' ' || gender || ' ' || CAST(n AS TEXT)"),
            "n <> 0",
        ),
        (
            "trainee_course_year_counts",
            "CAST(fiscal_year AS TEXT) || ' ' || CAST(lvl AS TEXT) || ' ' || CAST(bucket AS TEXT) || ' ' \
             || CAST(programme_id AS TEXT) || ' ' || country || ' ' || CAST(n AS TEXT)"
                .to_owned(),
            "n <> 0",
        ),
        (
            "trainee_course_country_genders",
            "CAST(programme_id AS TEXT) || ' ' || country || ' ' || gender || ' ' || CAST(first_on AS TEXT)".to_owned(),
            "1 = 1",
        ),
    ];
    for (table, text, cond) in tables {
        let sql = format!("SELECT '{table} ' || {text} FROM {table} WHERE {cond} ORDER BY 1");
        let rows: Vec<String> = match backend {
            Backend::Sqlite => {
                let mut c = sqlx::SqliteConnection::connect(url).await.unwrap();
                sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                    .fetch_all(&mut c)
                    .await
                    .unwrap()
            }
            Backend::Postgres => {
                let mut c = sqlx::PgConnection::connect(url).await.unwrap();
                sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                    .fetch_all(&mut c)
                    .await
                    .unwrap()
            }
        };
        assert!(!rows.is_empty(), "{table} counted someone");
        out.extend(rows);
    }
    out
}

/// The regions the slice counts are kept by (migration 33) are each
/// country's region in the domain's table: a country missing there would
/// drop its people from every narrowed report's courses.
async fn the_counts_regions_are_the_countries_regions(backend: Backend) {
    let url = fresh_url(backend).await.unwrap();
    let store = Store::open(&url).await.unwrap();
    let sql = "SELECT country || ' ' || region FROM trainee_regions ORDER BY country";
    let kept: Vec<String> = match backend {
        Backend::Sqlite => {
            let mut c = sqlx::SqliteConnection::connect(&url).await.unwrap();
            sqlx::query_scalar(sql).fetch_all(&mut c).await.unwrap()
        }
        Backend::Postgres => {
            let mut c = sqlx::PgConnection::connect(&url).await.unwrap();
            sqlx::query_scalar(sql).fetch_all(&mut c).await.unwrap()
        }
    };
    let mut want: Vec<String> = all_countries()
        .iter()
        .map(|c| format!("{} {}", c.code, c.region))
        .collect();
    want.sort();
    assert_eq!(kept.len(), 249, "every country of the table");
    assert_eq!(kept, want);
    store.close().await;
    drop_fresh(&url).await;
}

kizuna_testkit::on_both!(
    the_counts_regions_are_the_countries_regions,
    random_histories_count_as_the_participations_say,
    a_paused_store_reports_from_the_participations_until_rebuilt,
    bulk_imports_among_single_writes_count_as_the_participations_say,
    a_rebuild_repairs_wrong_counts_and_writes_after_it_are_counted,
);

/// Timings, run by hand: `cargo nextest run -p kizuna-store --test
/// trainee_stats --run-ignored only --no-capture`.
mod timing {
    #[tokio::test]
    #[ignore = "a timing, run by hand"]
    async fn sqlite_import_ten_thousand_trainees() {
        super::time_importing_ten_thousand_trainees(kizuna_store::Backend::Sqlite).await;
    }

    #[tokio::test]
    #[ignore = "a timing, run by hand"]
    async fn postgres_import_ten_thousand_trainees() {
        super::time_importing_ten_thousand_trainees(kizuna_store::Backend::Postgres).await;
    }
}

/// Courses and editions over a few fiscal years for the bulk tests.
async fn courses(store: &Store, rng: &mut Rng, editions: usize) -> (Vec<i64>, Vec<i64>) {
    let mut programmes = Vec::new();
    for i in 0..3 {
        let p: Programme = store
            .insert::<Programme>(
                DEFAULT_OFFICE,
                &ProgrammeInput {
                    key: Key::parse(&format!("course-{i}")).unwrap(),
                    kind: ProgrammeKind::TrainingCourse,
                    title: LocalText::en(Text::parse(&format!("Course {i}")).unwrap()),
                    organisation_id: None,
                    summary: None,
                },
            )
            .await
            .unwrap();
        programmes.push(p.id);
    }
    let mut out = Vec::new();
    for i in 0..editions {
        let fy = 2007 + rng.below(5) as i32;
        let starts_on = day_in(rng, fy);
        let programme = *rng.pick(&programmes);
        let e: Edition = store
            .insert::<Edition>(DEFAULT_OFFICE, &edition(programme, &format!("e-{i}"), fy, starts_on))
            .await
            .unwrap();
        out.push(e.id);
    }
    (programmes, out)
}

fn trainees(rng: &mut Rng, editions: &[i64], from: usize, n: usize) -> Vec<NewTrainee> {
    (from..from + n)
        .map(|i| NewTrainee {
            person: person(rng, i),
            edition_id: *rng.pick(editions),
            status: *rng.pick(&STATUSES),
            started_on: None,
            ended_on: None,
            action_plan_title: None,
        })
        .collect()
}

/// Imports large enough to be counted set-based and analysed, between
/// single writes on the people they brought (status changes, deletes, a
/// second participation, a nationality changed, an edition moved): the
/// counts agree with the participations after each, and with a rebuild.
async fn bulk_imports_among_single_writes_count_as_the_participations_say(backend: Backend) {
    let url = fresh_url(backend).await.unwrap();
    let store = Store::open(&url).await.unwrap();
    let mut rng = Rng(29);
    let (programmes, editions) = courses(&store, &mut rng, 6).await;
    let first = store
        .insert_trainees(DEFAULT_OFFICE, &trainees(&mut rng, &editions, 0, 600))
        .await
        .unwrap();
    agree(&store, "an import of 600").await;
    let all: Vec<Participation> = store
        .select::<Participation>(&[], Page { limit: 1000, offset: 0 })
        .await
        .unwrap();
    for p in all.iter().take(40) {
        let mut input = p.fields.clone();
        input.status = *rng.pick(&STATUSES);
        store.update::<Participation>(p.id, p.version, &input).await.unwrap();
    }
    for p in all.iter().skip(40).take(15) {
        store.delete::<Participation>(p.id).await.unwrap();
    }
    for id in first.iter().skip(100).take(20) {
        let input = participation(
            *rng.pick(&editions),
            *id,
            ParticipationRole::Trainee,
            ParticipationStatus::Completed,
        );
        let _ = store.insert::<Participation>(DEFAULT_OFFICE, &input).await;
        let p = store.get::<Person>(*id).await.unwrap();
        let mut input = p.fields.clone();
        input.nationality = CountryCode::parse(rng.pick::<&str>(&COUNTRIES)).unwrap();
        store.update::<Person>(*id, p.version, &input).await.unwrap();
    }
    let e = store.get::<Edition>(editions[0]).await.unwrap();
    let mut input = e.fields.clone();
    input.fiscal_year = FiscalYear::new(2012).unwrap();
    input.starts_on = NaiveDate::from_ymd_opt(2012, 4, 1).unwrap();
    input.ends_on = NaiveDate::from_ymd_opt(2012, 4, 20).unwrap();
    input.programme_id = programmes[2];
    store.update::<Edition>(editions[0], e.version, &input).await.unwrap();
    agree(&store, "single writes on the imported").await;
    // A second import into the same courses: earlier days than some kept
    // ones (a course's countries move back), later than others.
    let more = courses_more(&store, &mut rng, &programmes).await;
    let mut pool = editions.clone();
    pool.extend(more);
    store
        .insert_trainees(DEFAULT_OFFICE, &trainees(&mut rng, &pool, 600, 550))
        .await
        .unwrap();
    agree(&store, "a second import").await;
    let kept = counts(&url, backend).await;
    store.rebuild_trainee_stats().await.unwrap();
    assert_eq!(counts(&url, backend).await, kept, "the kept counts are a rebuild's");
    store.close().await;
    drop_fresh(&url).await;
}

/// Editions in the given courses earlier than the first ones' years.
async fn courses_more(store: &Store, rng: &mut Rng, programmes: &[i64]) -> Vec<i64> {
    let mut out = Vec::new();
    for (i, p) in programmes.iter().enumerate() {
        let fy = 2004 + i as i32;
        let starts_on = day_in(rng, fy);
        let e: Edition = store
            .insert::<Edition>(DEFAULT_OFFICE, &edition(*p, &format!("early-{i}"), fy, starts_on))
            .await
            .unwrap();
        out.push(e.id);
    }
    out
}

/// 10,000 trainees imported 500 at a time into a store with the counts
/// kept, then 200 single participations added one by one, timed.
async fn time_importing_ten_thousand_trainees(backend: Backend) {
    let url = fresh_url(backend).await.unwrap();
    let store = Store::open(&url).await.unwrap();
    let mut rng = Rng(3);
    let (_, editions) = courses(&store, &mut rng, 40).await;
    let started = std::time::Instant::now();
    let mut people = Vec::new();
    for call in 0..20 {
        let ids = store
            .insert_trainees(DEFAULT_OFFICE, &trainees(&mut rng, &editions, call * 500, 500))
            .await
            .unwrap();
        people.extend(ids);
    }
    let import = started.elapsed();
    let started = std::time::Instant::now();
    let mut added = Vec::new();
    for i in 0..200 {
        let input = participation(
            editions[i % editions.len()],
            people[i * 37],
            ParticipationRole::Trainee,
            ParticipationStatus::Accepted,
        );
        if let Ok(p) = store.insert::<Participation>(DEFAULT_OFFICE, &input).await {
            added.push(p);
        }
    }
    let single = started.elapsed();
    // Status changes through the record path: accepted -> arrived moves
    // nobody's first day; arrived -> withdrawn takes the participation out.
    let mut moves = Vec::new();
    for status in [ParticipationStatus::Arrived, ParticipationStatus::Withdrawn] {
        let started = std::time::Instant::now();
        for p in &mut added {
            let mut input = p.fields.clone();
            input.status = status;
            *p = store.update::<Participation>(p.id, p.version, &input).await.unwrap();
        }
        #[allow(clippy::cast_precision_loss)] // a count of writes
        moves.push(started.elapsed().as_secs_f64() * 1000.0 / added.len().max(1) as f64);
    }
    agree(&store, "timed single writes").await;
    // The same writes with the counts paused: the difference is the triggers' work.
    store.pause_trainee_stats(true).await.unwrap();
    let started = std::time::Instant::now();
    for i in 0..200 {
        let input = participation(
            editions[(i + 7) % editions.len()],
            people[i * 37 + 1],
            ParticipationRole::Trainee,
            ParticipationStatus::Accepted,
        );
        let _ = store.insert::<Participation>(DEFAULT_OFFICE, &input).await;
    }
    let untriggered = started.elapsed();
    let started = std::time::Instant::now();
    store.rebuild_trainee_stats().await.unwrap();
    let rebuild = started.elapsed();
    println!(
        "{backend:?}: 10,000 trainees in 20 imports of 500: {:.2} s ({:.3} ms a trainee); \
         200 single participations: {:.2} ms each, {:.2} ms with the counts paused; \
         {} status changes: accepted -> arrived {:.2} ms each, arrived -> withdrawn {:.2} ms each; rebuild {:.2} s",
        import.as_secs_f64(),
        import.as_secs_f64() * 1000.0 / 10_000.0,
        single.as_secs_f64() * 1000.0 / 200.0,
        untriggered.as_secs_f64() * 1000.0 / 200.0,
        added.len(),
        moves[0],
        moves[1],
        rebuild.as_secs_f64()
    );
    let kept = counts(&url, backend).await;
    store.rebuild_trainee_stats().await.unwrap();
    assert_eq!(counts(&url, backend).await, kept, "the kept counts are a rebuild's");
    store.close().await;
    drop_fresh(&url).await;
}

async fn random_histories_count_as_the_participations_say(backend: Backend) {
    let url = fresh_url(backend).await.unwrap();
    let store = Store::open(&url).await.unwrap();
    let mut rng = Rng(17);
    let mut programmes = Vec::new();
    for i in 0..3 {
        let p: Programme = store
            .insert::<Programme>(
                DEFAULT_OFFICE,
                &ProgrammeInput {
                    key: Key::parse(&format!("course-{i}")).unwrap(),
                    kind: ProgrammeKind::TrainingCourse,
                    title: LocalText::en(Text::parse(&format!("Course {i}")).unwrap()),
                    organisation_id: None,
                    summary: None,
                },
            )
            .await
            .unwrap();
        programmes.push(p.id);
    }
    let mut editions = Vec::new();
    for i in 0..8 {
        let fy = 2007 + rng.below(5) as i32;
        let starts_on = day_in(&mut rng, fy);
        let programme = *rng.pick(&programmes);
        let e: Edition = store
            .insert::<Edition>(DEFAULT_OFFICE, &edition(programme, &format!("e-{i}"), fy, starts_on))
            .await
            .unwrap();
        editions.push(e.id);
    }
    let mut people = Vec::new();
    for n in 0..16 {
        let p: Person = store
            .insert::<Person>(DEFAULT_OFFICE, &person(&mut rng, n))
            .await
            .unwrap();
        people.push(p.id);
    }
    agree(&store, "no trainees").await;
    let mut made = 16;
    for step in 0..120 {
        let what = match rng.below(20) {
            0..=6 => {
                // A participation, mostly as a trainee.
                let role = if rng.below(5) == 0 {
                    ParticipationRole::Instructor
                } else {
                    ParticipationRole::Trainee
                };
                let input = participation(*rng.pick(&editions), *rng.pick(&people), role, *rng.pick(&STATUSES));
                // The same person twice in an edition's role is refused; nothing changes.
                let _ = store.insert::<Participation>(DEFAULT_OFFICE, &input).await;
                "a participation added"
            }
            7..=9 => {
                let all: Vec<Participation> = store
                    .select::<Participation>(&[], Page { limit: 1000, offset: 0 })
                    .await
                    .unwrap();
                if let Some(p) = all.get(rng.below(all.len().max(1))) {
                    let mut input = p.fields.clone();
                    input.status = *rng.pick(&STATUSES);
                    if rng.below(6) == 0 {
                        input.role = ParticipationRole::Instructor;
                    }
                    if rng.below(6) == 0 {
                        input.edition_id = *rng.pick(&editions);
                    }
                    let _ = store.update::<Participation>(p.id, p.version, &input).await;
                }
                "a participation changed"
            }
            10..=11 => {
                let all: Vec<Participation> = store
                    .select::<Participation>(&[], Page { limit: 1000, offset: 0 })
                    .await
                    .unwrap();
                if let Some(p) = all.get(rng.below(all.len().max(1))) {
                    store.delete::<Participation>(p.id).await.unwrap();
                }
                "a participation deleted"
            }
            12..=13 => {
                let id = *rng.pick(&people);
                let p = store.get::<Person>(id).await.unwrap();
                let mut input = p.fields.clone();
                input.nationality = CountryCode::parse(rng.pick::<&str>(&COUNTRIES)).unwrap();
                input.gender = *rng.pick(&GENDERS);
                store.update::<Person>(id, p.version, &input).await.unwrap();
                "a person's nationality and gender changed"
            }
            14..=15 => {
                let id = *rng.pick(&editions);
                let e = store.get::<Edition>(id).await.unwrap();
                let mut input = e.fields.clone();
                let fy = 2007 + rng.below(5) as i32;
                input.fiscal_year = FiscalYear::new(fy).unwrap();
                input.starts_on = day_in(&mut rng, fy);
                input.ends_on = input.starts_on.checked_add_days(Days::new(20)).unwrap();
                if rng.below(3) == 0 {
                    input.programme_id = *rng.pick(&programmes);
                }
                store.update::<Edition>(id, e.version, &input).await.unwrap();
                "an edition moved"
            }
            16..=17 => {
                let rows: Vec<NewTrainee> = (0..3)
                    .map(|i| NewTrainee {
                        person: person(&mut rng, made + i),
                        edition_id: *rng.pick(&editions),
                        status: *rng.pick(&STATUSES),
                        started_on: None,
                        ended_on: None,
                        action_plan_title: None,
                    })
                    .collect();
                made += 3;
                let ids = store.insert_trainees(DEFAULT_OFFICE, &rows).await.unwrap();
                people.extend(ids);
                "trainees imported"
            }
            _ => {
                let (a, b) = (*rng.pick(&people), *rng.pick(&people));
                if a != b && store.shared_editions(a, b).await.unwrap().is_empty() {
                    let (ka, kb) = (
                        store.get::<Person>(a).await.unwrap(),
                        store.get::<Person>(b).await.unwrap(),
                    );
                    store
                        .merge_people(&MergePeople {
                            keep: a,
                            keep_version: ka.version,
                            remove: b,
                            remove_version: kb.version,
                            merged: &kb.fields,
                        })
                        .await
                        .unwrap();
                    people.retain(|p| *p != b);
                }
                "two people merged"
            }
        };
        if step % 6 == 5 {
            agree(&store, &format!("step {step}: {what}")).await;
        }
    }
    agree(&store, "the last step").await;
    let kept = counts(&url, backend).await;
    assert!(!kept.is_empty(), "the history counted someone");
    store.rebuild_trainee_stats().await.unwrap();
    assert_eq!(counts(&url, backend).await, kept, "the kept counts are a rebuild's");
    agree(&store, "a rebuild").await;
    // The migrations' own backfills (what an existing store got) count the same.
    let migrations = match backend {
        Backend::Sqlite => [
            include_str!("../../migrations/sqlite/0025_trainee_stats.sql"),
            include_str!("../../migrations/sqlite/0027_trainee_person_counts.sql"),
            include_str!("../../migrations/sqlite/0033_trainee_slice_counts.sql"),
            include_str!("../../migrations/sqlite/0034_trainee_course_year_counts.sql"),
        ],
        Backend::Postgres => [
            include_str!("../../migrations/postgres/0025_trainee_stats.sql"),
            include_str!("../../migrations/postgres/0027_trainee_person_counts.sql"),
            include_str!("../../migrations/postgres/0033_trainee_slice_counts.sql"),
            include_str!("../../migrations/postgres/0034_trainee_course_year_counts.sql"),
        ],
    };
    let mut sql = vec![
        "UPDATE trainee_stats_state SET paused = 1",
        "DELETE FROM trainee_course_year_counts",
        "DELETE FROM trainee_course_year_firsts",
        "DELETE FROM trainee_counts",
        "DELETE FROM trainee_person_counts",
        "DELETE FROM trainee_slice_counts",
        "DELETE FROM trainee_course_country_genders",
        "DELETE FROM trainee_course_countries",
        "DELETE FROM trainee_firsts",
    ];
    for migration in migrations {
        let start = migration.find("-- The counts of an existing store.").unwrap();
        let end = start + migration[start..].find("\n-- ").unwrap();
        sql.extend(migration[start..end].split(';').filter(|s| s.contains("INSERT")));
    }
    sql.push("UPDATE trainee_stats_state SET paused = 0");
    run_sql(&url, backend, &sql).await;
    assert_eq!(
        counts(&url, backend).await,
        kept,
        "the migration's backfill counts the same"
    );
    store.close().await;
    drop_fresh(&url).await;
}

async fn run_sql(url: &str, backend: Backend, sql: &[&str]) {
    match backend {
        Backend::Sqlite => {
            let mut c = sqlx::SqliteConnection::connect(url).await.unwrap();
            for s in sql {
                sqlx::query(sqlx::AssertSqlSafe(*s)).execute(&mut c).await.unwrap();
            }
        }
        Backend::Postgres => {
            let mut c = sqlx::PgConnection::connect(url).await.unwrap();
            for s in sql {
                sqlx::query(sqlx::AssertSqlSafe(*s)).execute(&mut c).await.unwrap();
            }
        }
    }
}

async fn a_paused_store_reports_from_the_participations_until_rebuilt(backend: Backend) {
    let url = fresh_url(backend).await.unwrap();
    let store = Store::open(&url).await.unwrap();
    let mut rng = Rng(5);
    let p: Programme = store
        .insert::<Programme>(
            DEFAULT_OFFICE,
            &ProgrammeInput {
                key: Key::parse("course").unwrap(),
                kind: ProgrammeKind::TrainingCourse,
                title: LocalText::en(Text::parse("Course").unwrap()),
                organisation_id: None,
                summary: None,
            },
        )
        .await
        .unwrap();
    let start = NaiveDate::from_ymd_opt(2006, 5, 10).unwrap();
    let e: Edition = store
        .insert::<Edition>(DEFAULT_OFFICE, &edition(p.id, "e", 2006, start))
        .await
        .unwrap();
    let trainee = |rng: &mut Rng, n| NewTrainee {
        person: person(rng, n),
        edition_id: e.id,
        status: ParticipationStatus::Accepted,
        started_on: None,
        ended_on: None,
        action_plan_title: None,
    };
    store
        .insert_trainees(DEFAULT_OFFICE, &[trainee(&mut rng, 0)])
        .await
        .unwrap();
    store.pause_trainee_stats(true).await.unwrap();
    store
        .insert_trainees(DEFAULT_OFFICE, &[trainee(&mut rng, 1), trainee(&mut rng, 2)])
        .await
        .unwrap();
    let as_of = NaiveDate::from_ymd_opt(2007, 1, 1).unwrap();
    let whole = TraineeFilter::default();
    let paused = store.trainee_aggregates(&whole, as_of).await.unwrap();
    assert_eq!(
        TraineeReport::from_aggregates(as_of, &paused).trainees,
        3,
        "while paused the report counts the participations"
    );
    assert_eq!(
        TraineeReport::from_aggregates(as_of, &store.trainee_summary(as_of).await.unwrap()).trainees,
        1,
        "the paused counts did not move"
    );
    store.rebuild_trainee_stats().await.unwrap();
    assert!(store.trainee_stats_live().await.unwrap());
    assert_eq!(
        TraineeReport::from_aggregates(as_of, &store.trainee_summary(as_of).await.unwrap()).trainees,
        3
    );
    agree(&store, "a rebuild after a paused load").await;
    store.close().await;
    drop_fresh(&url).await;
}

/// Counts gone wrong (rows off by some, firsts lost, a course's countries
/// lost) are made right by a rebuild, set-based, which equals the counts
/// the writes kept; and the writes after it are counted again, on the
/// same connections (on PostgreSQL the rebuild's pause of the triggers is
/// its transaction's only).
async fn a_rebuild_repairs_wrong_counts_and_writes_after_it_are_counted(backend: Backend) {
    let url = fresh_url(backend).await.unwrap();
    let store = Store::open(&url).await.unwrap();
    let mut rng = Rng(41);
    let (_, editions) = courses(&store, &mut rng, 5).await;
    let people = store
        .insert_trainees(DEFAULT_OFFICE, &trainees(&mut rng, &editions, 0, 300))
        .await
        .unwrap();
    for (i, id) in people.iter().enumerate().take(60) {
        let status = if i % 3 == 0 {
            ParticipationStatus::Nominated
        } else {
            ParticipationStatus::Completed
        };
        let input = participation(*rng.pick(&editions), *id, ParticipationRole::Trainee, status);
        let _ = store.insert::<Participation>(DEFAULT_OFFICE, &input).await;
    }
    agree(&store, "an import and second participations").await;
    let kept = counts(&url, backend).await;
    run_sql(
        &url,
        backend,
        &[
            "UPDATE trainee_counts SET n = n + 3 WHERE kind = 1 AND lvl = 0",
            "UPDATE trainee_person_counts SET n = n - 1 WHERE kind = 2",
            "UPDATE trainee_stats_state SET paused = 1",
            "DELETE FROM trainee_firsts WHERE person_id % 7 = 0",
            "DELETE FROM trainee_course_countries WHERE programme_id % 2 = 0",
            "UPDATE trainee_stats_state SET paused = 0",
        ],
    )
    .await;
    assert_ne!(counts(&url, backend).await, kept, "the counts were made wrong");
    store.rebuild_trainee_stats().await.unwrap();
    assert_eq!(
        counts(&url, backend).await,
        kept,
        "a rebuild counts what the writes kept"
    );
    agree(&store, "a rebuild of wrong counts").await;
    // Writes after the rebuild, of every kind that moves a first or none.
    let all: Vec<Participation> = store
        .select::<Participation>(&[], Page { limit: 1000, offset: 0 })
        .await
        .unwrap();
    for p in all.iter().take(50) {
        let mut input = p.fields.clone();
        input.status = *rng.pick(&STATUSES);
        store.update::<Participation>(p.id, p.version, &input).await.unwrap();
    }
    for p in all.iter().skip(50).take(10) {
        store.delete::<Participation>(p.id).await.unwrap();
    }
    for id in people.iter().skip(200).take(10) {
        let p = store.get::<Person>(*id).await.unwrap();
        let mut input = p.fields.clone();
        input.gender = *rng.pick(&GENDERS);
        input.nationality = CountryCode::parse(rng.pick::<&str>(&COUNTRIES)).unwrap();
        store.update::<Person>(*id, p.version, &input).await.unwrap();
    }
    agree(&store, "single writes after a rebuild").await;
    store
        .insert_trainees(DEFAULT_OFFICE, &trainees(&mut rng, &editions, 300, 40))
        .await
        .unwrap();
    let e = store.get::<Edition>(editions[1]).await.unwrap();
    let mut input = e.fields.clone();
    input.starts_on = e.fields.fiscal_year.first_day();
    store.update::<Edition>(editions[1], e.version, &input).await.unwrap();
    agree(&store, "an import and an edition moved after a rebuild").await;
    let kept = counts(&url, backend).await;
    store.rebuild_trainee_stats().await.unwrap();
    assert_eq!(counts(&url, backend).await, kept, "the kept counts are a rebuild's");
    store.close().await;
    drop_fresh(&url).await;
}
