//! Training courses and their editions as IATI activities.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use kizuna_domain::common::person::Person;
use kizuna_domain::common::programme::{Programme, ProgrammeKind};
use kizuna_domain::common::{CountryCode, FiscalYear, Id};
use kizuna_domain::training::edition::{Edition, EditionScope};
use kizuna_domain::training::participation::{Participation, ParticipationRole, ParticipationStatus};
use kizuna_domain::training::session::Session;
use kizuna_i18n::FluentValue;
use kizuna_io::iati::{
    Activity, ActivityDate, ActivityStatus, Actual, AidType, Baseline, DateType, Description, DescriptionType,
    Indicator, IndicatorMeasure, IndicatorVocabulary, LocationReach, Narratives, OrgRole, Period, RecipientCountry,
    RecipientRegion, RegionVocabulary, RelatedActivity, RelatedType, ResultEntry, ResultType, Sector, SectorVocabulary,
    shares,
};
use kizuna_store::Value;

use super::{Ctx, IatiSelection, IatiSummary, all, arg, narratives, words};
use crate::{App, Result};

/// The reference code of the indicator counting trainees who completed.
pub const COMPLETED: &str = "trainees-completed";
/// The reference code of the indicator counting trainees accepted, arrived
/// or completed (the statistics' "accepted").
pub const ACCEPTED: &str = "trainees-accepted";
/// DAC region 998: developing countries, unspecified.
const UNSPECIFIED_REGION: &str = "998";

/// Trainees completed and accepted in a year (none before it starts).
type Counts = (Option<usize>, Option<usize>);

/// What an edition's participations and sessions say.
struct EditionFacts {
    edition: Edition,
    completed: usize,
    accepted: usize,
    /// The nationalities of its accepted trainees.
    nationalities: BTreeSet<CountryCode>,
    /// Organisations hosting its sessions.
    hosts: BTreeSet<Id>,
}

/// Every selected edition, each after its course, courses by key.
pub(super) async fn activities(
    app: &App,
    ctx: &Ctx,
    programmes: &[Programme],
    selection: IatiSelection,
    summary: &mut IatiSummary,
) -> Result<Vec<Activity>> {
    let mut courses: Vec<&Programme> = programmes
        .iter()
        .filter(|p| p.fields.kind == ProgrammeKind::TrainingCourse)
        .collect();
    courses.sort_by(|a, b| a.fields.key.cmp(&b.fields.key));
    let mut editions: BTreeMap<Id, Vec<Edition>> = BTreeMap::new();
    for e in all::<Edition>(app, &[]).await? {
        editions.entry(e.fields.programme_id).or_default().push(e);
    }
    let mut out = Vec::new();
    for course in courses {
        let mut of_course = editions.remove(&course.id).unwrap_or_default();
        of_course.sort_by(|a, b| (a.fields.starts_on, &a.fields.key).cmp(&(b.fields.starts_on, &b.fields.key)));
        if of_course.is_empty() {
            if selection == IatiSelection::All {
                summary.left_out.push(format!(
                    "{}: a course without editions has no dates to report",
                    course.fields.key.as_str()
                ));
            }
            continue;
        }
        let mut facts = Vec::new();
        for e in of_course.iter().filter(|e| selection.covers(e.fields.fiscal_year)) {
            facts.push(edition_facts(app, e.clone()).await?);
        }
        if facts.is_empty() {
            continue;
        }
        out.push(course_activity(ctx, course, &of_course, &facts));
        for f in &facts {
            out.push(edition_activity(ctx, course, f));
        }
        summary.courses += 1;
        summary.editions += facts.len();
    }
    Ok(out)
}

async fn edition_facts(app: &App, edition: Edition) -> Result<EditionFacts> {
    let participations = all::<Participation>(app, &[("edition_id", Value::Int(Some(edition.id)))]).await?;
    let trainees: Vec<&Participation> = participations
        .iter()
        .filter(|p| p.fields.role == ParticipationRole::Trainee)
        .collect();
    let accepted: Vec<Id> = trainees
        .iter()
        .filter(|p| p.fields.status.is_counted())
        .map(|p| p.fields.person_id)
        .collect();
    let nationalities = app
        .store
        .get_many::<Person>(&accepted)
        .await?
        .into_iter()
        .map(|p| p.fields.nationality)
        .collect();
    let hosts = all::<Session>(app, &[("edition_id", Value::Int(Some(edition.id)))])
        .await?
        .into_iter()
        .filter_map(|s| s.fields.host_organisation_id)
        .collect();
    Ok(EditionFacts {
        completed: trainees
            .iter()
            .filter(|p| p.fields.status == ParticipationStatus::Completed)
            .count(),
        accepted: accepted.len(),
        nationalities,
        hosts,
        edition,
    })
}

/// Planned dates, and actual ones as far as today has reached; the status
/// they make.
fn dates(start: NaiveDate, end: NaiveDate, today: NaiveDate) -> (ActivityStatus, Vec<ActivityDate>) {
    let mut d = vec![
        ActivityDate {
            kind: DateType::PlannedStart,
            date: start,
        },
        ActivityDate {
            kind: DateType::PlannedEnd,
            date: end,
        },
    ];
    if start <= today {
        d.push(ActivityDate {
            kind: DateType::ActualStart,
            date: start,
        });
    }
    if end < today {
        d.push(ActivityDate {
            kind: DateType::ActualEnd,
            date: end,
        });
    }
    d.sort_by_key(|x| x.kind);
    let status = if start > today {
        ActivityStatus::Pipeline
    } else if end < today {
        ActivityStatus::Closed
    } else {
        ActivityStatus::Implementation
    };
    (status, d)
}

/// The countries listed with equal shares, or DAC region 998 when none is
/// known.
fn recipients(countries: &BTreeSet<CountryCode>) -> (Vec<RecipientCountry>, Vec<RecipientRegion>) {
    if countries.is_empty() {
        return (
            Vec::new(),
            vec![RecipientRegion {
                code: UNSPECIFIED_REGION.to_owned(),
                vocabulary: RegionVocabulary::Dac,
                percentage: Some(10_000),
                name: words("iati-region-unspecified", |_| Vec::new()),
            }],
        );
    }
    let split = shares(&vec![1; countries.len()]);
    (
        countries
            .iter()
            .zip(split)
            .map(|(c, p)| RecipientCountry {
                country: *c,
                percentage: Some(p),
            })
            .collect(),
        Vec::new(),
    )
}

/// The organisations taking part: the course's runner and the hosts of
/// its sessions, implementing; the reporting organisation when none is
/// known.
fn participants(
    ctx: &Ctx,
    runner: Option<Id>,
    hosts: &BTreeSet<Id>,
) -> (Vec<kizuna_io::iati::ParticipatingOrg>, Vec<Id>) {
    let mut ids: Vec<Id> = runner.into_iter().collect();
    ids.extend(hosts.iter().filter(|h| Some(**h) != runner));
    let mut orgs: Vec<_> = ids
        .iter()
        .filter_map(|id| ctx.participant(*id, OrgRole::Implementing))
        .collect();
    if orgs.is_empty()
        && let Some(r) = ctx.reporting_id.and_then(|r| ctx.participant(r, OrgRole::Implementing))
    {
        orgs.push(r);
        ids.extend(ctx.reporting_id);
    }
    (orgs, ids)
}

/// The trainees result: completed and accepted, one period per fiscal year.
fn trainees_result(
    title: Narratives,
    description: Narratives,
    aggregate: bool,
    by_year: &BTreeMap<FiscalYear, Counts>,
) -> ResultEntry {
    let indicator = |key: &str, code: &str, pick: fn(&Counts) -> Option<usize>| {
        let first = by_year.keys().next().copied();
        Indicator {
            measure: IndicatorMeasure::Unit,
            ascending: Some(true),
            title: words(key, |_| Vec::new()),
            description: Narratives::default(),
            reference: Some((IndicatorVocabulary::ReportingOrg, code.to_owned())),
            baseline: first.map(|fy| Baseline {
                year: fy.year(),
                date: Some(fy.first_day()),
                value: "0".to_owned(),
            }),
            periods: by_year
                .iter()
                .map(|(fy, counts)| Period {
                    start: fy.first_day(),
                    end: fy.last_day(),
                    target: None,
                    actuals: pick(counts)
                        .map(|n| Actual {
                            value: n.to_string(),
                            dimensions: Vec::new(),
                        })
                        .into_iter()
                        .collect(),
                })
                .collect(),
        }
    };
    ResultEntry {
        kind: ResultType::Output,
        title,
        description,
        aggregation_status: Some(aggregate),
        indicators: vec![
            indicator("iati-indicator-completed", COMPLETED, |c| c.0),
            indicator("iati-indicator-accepted", ACCEPTED, |c| c.1),
        ],
    }
}

fn sector(ctx: &Ctx) -> Sector {
    Sector {
        vocabulary: SectorVocabulary::Dac5,
        code: ctx.course_sector.clone(),
        percentage: None,
        name: Narratives::default(),
    }
}

/// An edition's counts for its year: none before it starts.
fn counts(f: &EditionFacts, today: NaiveDate) -> Counts {
    if f.edition.fields.starts_on <= today {
        (Some(f.completed), Some(f.accepted))
    } else {
        (None, None)
    }
}

fn course_activity(ctx: &Ctx, course: &Programme, editions: &[Edition], facts: &[EditionFacts]) -> Activity {
    let start = editions.iter().map(|e| e.fields.starts_on).min().unwrap_or(ctx.today);
    let end = editions.iter().map(|e| e.fields.ends_on).max().unwrap_or(start);
    let (status, dates) = dates(start, end, ctx.today);
    let hosts = BTreeSet::new();
    let (participating_orgs, ids) = participants(ctx, course.fields.organisation_id, &hosts);
    let countries: BTreeSet<CountryCode> = facts.iter().flat_map(|f| reached(f).into_iter()).collect();
    let (recipient_countries, recipient_regions) = recipients(&countries);
    let mut by_year: BTreeMap<FiscalYear, Counts> = BTreeMap::new();
    for f in facts {
        let (c, a) = counts(f, ctx.today);
        let e = by_year.entry(f.edition.fields.fiscal_year).or_default();
        if let Some(c) = c {
            *e.0.get_or_insert(0) += c;
        }
        if let Some(a) = a {
            *e.1.get_or_insert(0) += a;
        }
    }
    Activity {
        identifier: ctx.identifier(course.fields.key.as_str()),
        hierarchy: Some(1),
        default_currency: None,
        last_updated: None,
        reporting_org: ctx.reporting_for(&ids),
        title: narratives(&course.fields.title),
        descriptions: vec![Description {
            kind: DescriptionType::General,
            text: course
                .fields
                .summary
                .as_ref()
                .map(narratives)
                .unwrap_or_else(|| words("iati-course-description", |_| Vec::new())),
        }],
        participating_orgs,
        status,
        dates,
        recipient_countries,
        recipient_regions,
        locations: runner_location(ctx, course.fields.organisation_id)
            .into_iter()
            .collect(),
        sectors: vec![sector(ctx)],
        default_aid_type: Some(AidType::TrainingInDonorCountry),
        budgets: Vec::new(),
        related: facts
            .iter()
            .map(|f| RelatedActivity {
                reference: ctx.identifier(f.edition.fields.key.as_str()),
                kind: RelatedType::Child,
            })
            .collect(),
        results: vec![trainees_result(
            words("iati-result-trainees-all", |_| Vec::new()),
            words("iati-result-trainees-all-description", |_| Vec::new()),
            false,
            &by_year,
        )],
        ripples: None,
    }
}

/// The countries an edition reached: its target countries when it is
/// country-specific, else its accepted trainees' nationalities.
fn reached(f: &EditionFacts) -> BTreeSet<CountryCode> {
    match f.edition.fields.scope {
        EditionScope::CountrySpecific => f.edition.fields.target_countries.iter().copied().collect(),
        EditionScope::General => f.nationalities.clone(),
    }
}

fn runner_location(ctx: &Ctx, runner: Option<Id>) -> Option<kizuna_io::iati::Location> {
    let locality = ctx.orgs.get(&runner?)?.fields.locality_id?;
    ctx.location(locality, LocationReach::Activity, "iati-location-course")
}

fn edition_activity(ctx: &Ctx, course: &Programme, f: &EditionFacts) -> Activity {
    let e = &f.edition.fields;
    let (status, dates) = dates(e.starts_on, e.ends_on, ctx.today);
    let (participating_orgs, ids) = participants(ctx, course.fields.organisation_id, &f.hosts);
    let (recipient_countries, recipient_regions) = recipients(&reached(f));
    let title = match &e.title {
        Some(t) => narratives(t),
        None => words("iati-edition-title", |l| {
            vec![
                ("course", arg(l, &course.fields.title)),
                (
                    "fiscal_year",
                    FluentValue::from(kizuna_i18n::fiscal_year(l, e.fiscal_year)),
                ),
            ]
        }),
    };
    let description = words("iati-edition-description", |l| {
        vec![
            ("course", arg(l, &course.fields.title)),
            (
                "fiscal_year",
                FluentValue::from(kizuna_i18n::fiscal_year(l, e.fiscal_year)),
            ),
            ("start", FluentValue::from(kizuna_i18n::date_long(l, e.starts_on))),
            ("end", FluentValue::from(kizuna_i18n::date_long(l, e.ends_on))),
        ]
    });
    let by_year = BTreeMap::from([(e.fiscal_year, counts(f, ctx.today))]);
    Activity {
        identifier: ctx.identifier(e.key.as_str()),
        hierarchy: Some(2),
        default_currency: None,
        last_updated: None,
        reporting_org: ctx.reporting_for(&ids),
        title,
        descriptions: vec![Description {
            kind: DescriptionType::General,
            text: description,
        }],
        participating_orgs,
        status,
        dates,
        recipient_countries,
        recipient_regions,
        locations: runner_location(ctx, course.fields.organisation_id)
            .into_iter()
            .collect(),
        sectors: vec![sector(ctx)],
        default_aid_type: Some(AidType::TrainingInDonorCountry),
        budgets: Vec::new(),
        related: vec![RelatedActivity {
            reference: ctx.identifier(course.fields.key.as_str()),
            kind: RelatedType::Parent,
        }],
        results: vec![trainees_result(
            words("iati-result-trainees", |_| Vec::new()),
            words("iati-result-trainees-description", |_| Vec::new()),
            true,
            &by_year,
        )],
        ripples: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_and_status_follow_today() {
        let (s, ds) = dates(d(2007, 9, 3), d(2007, 10, 12), d(2007, 8, 1));
        assert_eq!(s, ActivityStatus::Pipeline);
        assert_eq!(
            ds.iter().map(|x| x.kind).collect::<Vec<_>>(),
            [DateType::PlannedStart, DateType::PlannedEnd]
        );
        let (s, ds) = dates(d(2007, 9, 3), d(2007, 10, 12), d(2007, 9, 20));
        assert_eq!(s, ActivityStatus::Implementation);
        assert!(
            ds.iter()
                .any(|x| x.kind == DateType::ActualStart && x.date == d(2007, 9, 3))
        );
        assert!(!ds.iter().any(|x| x.kind == DateType::ActualEnd));
        let (s, ds) = dates(d(2007, 9, 3), d(2007, 10, 12), d(2008, 3, 31));
        assert_eq!(s, ActivityStatus::Closed);
        assert!(
            ds.iter()
                .any(|x| x.kind == DateType::ActualEnd && x.date == d(2007, 10, 12))
        );
    }

    #[test]
    fn countries_share_equally_or_fall_back_to_a_region() {
        let set: BTreeSet<CountryCode> = ["TH", "MY", "LA"].iter().map(|c| c.parse().unwrap()).collect();
        let (c, r) = recipients(&set);
        assert!(r.is_empty());
        assert_eq!(c.iter().map(|x| x.percentage.unwrap()).sum::<u32>(), 10_000);
        assert_eq!(c[0].country.as_str(), "LA");
        let (c, r) = recipients(&BTreeSet::new());
        assert!(c.is_empty());
        assert_eq!(r[0].code, "998");
        assert_eq!(r[0].percentage, Some(10_000));
    }
}
