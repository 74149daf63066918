//! Partnership programmes as IATI activities, their outcomes as results
//! and, in Kizuna's namespace, the outcomes' sides and causal links.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use kizuna_domain::common::programme::{Programme, ProgrammeKind};
use kizuna_domain::common::{CountryCode, FiscalYear, Id, LocalText};
use kizuna_domain::partnerships::activity::Activity as ProgrammeActivity;
use kizuna_domain::partnerships::outcome::{Cause, Outcome, OutcomeLink, Side, Verdict};
use kizuna_domain::partnerships::partnership::{
    OrganisationRole, Partnership, PartnershipStatus, ProgrammeOrganisation,
};
use kizuna_i18n::{FluentValue, Lang};
use kizuna_io::iati::{
    Activity, ActivityDate, ActivityNote, ActivityStatus, Actual, Budget, BudgetStatus, BudgetType, CausalLink,
    DateType, Description, DescriptionType, Indicator, IndicatorMeasure, IndicatorVocabulary, LocationReach, Money,
    Narratives, Node, OrgRole, OutcomeNote, Period, RecipientCountry, ResultEntry, ResultType, Ripples, Sector,
    SectorVocabulary, shares,
};

use super::{Ctx, IatiSelection, IatiSummary, all, arg, list, narratives, words};
use crate::{App, Result};

/// The records of every partnership, read once.
struct Ledger {
    details: HashMap<Id, Partnership>,
    roles: Vec<ProgrammeOrganisation>,
    activities: Vec<ProgrammeActivity>,
    outcomes: Vec<Outcome>,
    links: Vec<OutcomeLink>,
    /// Every programme's key, for causes in other programmes.
    keys: HashMap<Id, String>,
}

/// Whether an outcome may be published: staff marked it public and no
/// verifier disputed it.
fn publishable(o: &Outcome) -> bool {
    o.fields.public && o.fields.verdict != Some(Verdict::Disagree)
}

pub(super) async fn activities(
    app: &App,
    ctx: &Ctx,
    programmes: &[Programme],
    selection: IatiSelection,
    summary: &mut IatiSummary,
) -> Result<Vec<Activity>> {
    let mut chosen: Vec<&Programme> = programmes
        .iter()
        .filter(|p| p.fields.kind == ProgrammeKind::Partnership)
        .collect();
    if chosen.is_empty() {
        return Ok(Vec::new());
    }
    chosen.sort_by(|a, b| a.fields.key.cmp(&b.fields.key));
    let ledger = Ledger {
        details: all::<Partnership>(app, &[])
            .await?
            .into_iter()
            .map(|p| (p.fields.programme_id, p))
            .collect(),
        roles: all::<ProgrammeOrganisation>(app, &[]).await?,
        activities: all::<ProgrammeActivity>(app, &[]).await?,
        outcomes: all::<Outcome>(app, &[]).await?,
        links: all::<OutcomeLink>(app, &[]).await?,
        keys: programmes
            .iter()
            .map(|p| (p.id, p.fields.key.as_str().to_owned()))
            .collect(),
    };
    // The outcomes in the file: publishable ones of the chosen programmes,
    // harvested in the chosen year.
    let mut out = Vec::new();
    let mut published: BTreeSet<Id> = BTreeSet::new();
    let mut running = Vec::new();
    for p in chosen {
        let Some(d) = ledger.details.get(&p.id) else {
            if selection == IatiSelection::All {
                summary.left_out.push(format!(
                    "{}: a partnership programme without its details (period, localities, themes)",
                    p.fields.key.as_str()
                ));
            }
            continue;
        };
        if !selection.overlaps(d.fields.starts_on, d.fields.ends_on) {
            continue;
        }
        for o in ledger.outcomes.iter().filter(|o| o.fields.programme_id == p.id) {
            if !publishable(o) {
                summary.outcomes_withheld += 1;
            } else if selection.covers(FiscalYear::containing(o.fields.occurred_on)) {
                published.insert(o.id);
            }
        }
        running.push((p, d));
    }
    for (p, d) in running {
        out.push(partnership_activity(ctx, &ledger, p, d, selection, &published, summary));
        summary.partnerships += 1;
    }
    Ok(out)
}

fn iati_status(s: PartnershipStatus) -> ActivityStatus {
    match s {
        PartnershipStatus::Pipeline => ActivityStatus::Pipeline,
        PartnershipStatus::Implementation => ActivityStatus::Implementation,
        PartnershipStatus::Finalisation => ActivityStatus::Finalisation,
        PartnershipStatus::Closed => ActivityStatus::Closed,
        PartnershipStatus::Cancelled => ActivityStatus::Cancelled,
        PartnershipStatus::Suspended => ActivityStatus::Suspended,
    }
}

fn iati_role(r: OrganisationRole) -> OrgRole {
    match r {
        OrganisationRole::Funding => OrgRole::Funding,
        OrganisationRole::Accountable => OrgRole::Accountable,
        OrganisationRole::Extending => OrgRole::Extending,
        OrganisationRole::Implementing => OrgRole::Implementing,
    }
}

/// Planned dates as recorded; the actual start once the programme is past
/// its pipeline and started, the actual end once it is finished (in
/// finalisation or closed) and the day has come.
fn dates(d: &Partnership, ctx: &Ctx) -> Vec<ActivityDate> {
    let f = &d.fields;
    let mut out = vec![ActivityDate {
        kind: DateType::PlannedStart,
        date: f.starts_on,
    }];
    if let Some(end) = f.ends_on {
        out.push(ActivityDate {
            kind: DateType::PlannedEnd,
            date: end,
        });
    }
    if f.status != PartnershipStatus::Pipeline && f.starts_on <= ctx.today {
        out.push(ActivityDate {
            kind: DateType::ActualStart,
            date: f.starts_on,
        });
        if let Some(end) = f.ends_on
            && matches!(f.status, PartnershipStatus::Finalisation | PartnershipStatus::Closed)
            && end <= ctx.today
        {
            out.push(ActivityDate {
                kind: DateType::ActualEnd,
                date: end,
            });
        }
    }
    out.sort_by_key(|x| x.kind);
    out
}

/// The themes' DAC codes, each with the share of the themes mapped to it
/// and their names.
fn sectors(d: &Partnership) -> Vec<Sector> {
    let mut by_code: BTreeMap<&'static str, Vec<&'static kizuna_domain::partnerships::themes::ThemeInfo>> =
        BTreeMap::new();
    for t in d.fields.themes.iter() {
        by_code.entry(t.dac_code()).or_default().push(t.info());
    }
    let weights: Vec<u64> = by_code.values().map(|v| v.len() as u64).collect();
    by_code
        .iter()
        .zip(shares(&weights))
        .map(|((code, themes), pct)| Sector {
            vocabulary: SectorVocabulary::Dac5,
            code: (*code).to_owned(),
            percentage: Some(pct),
            name: Narratives(
                Lang::ALL
                    .iter()
                    .map(|l| {
                        let names: Vec<String> = themes
                            .iter()
                            .map(|t| match l {
                                Lang::En => t.name_en,
                                Lang::Ja => t.name_ja,
                                Lang::Th => t.name_th,
                                Lang::Ms => t.name_ms,
                            })
                            .map(str::to_owned)
                            .collect();
                        (l.code().to_owned(), list(*l, &names))
                    })
                    .collect(),
            ),
        })
        .collect()
}

/// The outcome-kind results: one per kind, a period per fiscal year with
/// one actual per side.
fn results(outcomes: &[&Outcome]) -> Vec<ResultEntry> {
    let mut by_kind: BTreeMap<&'static str, BTreeMap<FiscalYear, BTreeMap<&'static str, usize>>> = BTreeMap::new();
    for o in outcomes {
        *by_kind
            .entry(o.fields.kind.as_str())
            .or_default()
            .entry(FiscalYear::containing(o.fields.occurred_on))
            .or_default()
            .entry(o.fields.side.as_str())
            .or_default() += 1;
    }
    by_kind
        .into_iter()
        .map(|(kind, years)| {
            let name = |l: Lang| FluentValue::from(kizuna_i18n::message(l, &format!("ripple-kind-{kind}"), &[]));
            ResultEntry {
                kind: ResultType::Outcome,
                title: words("iati-result-outcomes", |l| vec![("kind", name(l))]),
                description: words("iati-result-outcomes-description", |_| Vec::new()),
                aggregation_status: None,
                indicators: vec![Indicator {
                    measure: IndicatorMeasure::Unit,
                    ascending: Some(true),
                    title: words("iati-indicator-outcomes", |l| vec![("kind", name(l))]),
                    description: Narratives::default(),
                    reference: Some((IndicatorVocabulary::ReportingOrg, format!("outcomes-{kind}"))),
                    baseline: None,
                    periods: years
                        .into_iter()
                        .map(|(fy, sides)| Period {
                            start: fy.first_day(),
                            end: fy.last_day(),
                            target: None,
                            actuals: sides
                                .into_iter()
                                .map(|(side, n)| Actual {
                                    value: n.to_string(),
                                    dimensions: vec![("side".to_owned(), side.to_owned())],
                                })
                                .collect(),
                        })
                        .collect(),
                }],
            }
        })
        .collect()
}

fn side(s: Side) -> kizuna_io::iati::Side {
    match s {
        Side::Japan => kizuna_io::iati::Side::Japan,
        Side::Abroad => kizuna_io::iati::Side::Abroad,
        Side::Both => kizuna_io::iati::Side::Both,
    }
}

fn activity_note(a: &ProgrammeActivity) -> ActivityNote {
    ActivityNote {
        id: format!("activity-{}", a.id),
        kind: a.fields.kind.as_str().to_owned(),
        date: Some(a.fields.starts_on),
        title: narratives(&a.fields.title),
    }
}

/// The programme's outcomes in the file, its activities, and the links
/// into its outcomes whose causes are in the file too (a link from an
/// outcome left out is left out with it).
fn ripples(ctx: &Ctx, ledger: &Ledger, p: &Programme, outcomes: &[&Outcome], published: &BTreeSet<Id>) -> Ripples {
    // Results come one per kind in the order of the kinds' names.
    let kinds_by_name: Vec<&str> = outcomes
        .iter()
        .map(|o| o.fields.kind.as_str())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut r = Ripples {
        activities: ledger
            .activities
            .iter()
            .filter(|a| a.fields.programme_id == p.id)
            .map(activity_note)
            .collect(),
        outcomes: outcomes
            .iter()
            .map(|o| OutcomeNote {
                id: format!("outcome-{}", o.id),
                kind: o.fields.kind.as_str().to_owned(),
                side: side(o.fields.side),
                date: Some(o.fields.occurred_on),
                title: narratives(&o.fields.title),
                result: kinds_by_name
                    .iter()
                    .position(|k| *k == o.fields.kind.as_str())
                    .map(|i| i + 1),
            })
            .collect(),
        links: Vec::new(),
    };
    let mine: BTreeSet<Id> = outcomes.iter().map(|o| o.id).collect();
    for l in &ledger.links {
        let f = &l.fields;
        if !mine.contains(&f.to_outcome_id) {
            continue;
        }
        let from = match f.cause() {
            Some(Cause::Programme(id)) => match ledger.keys.get(&id) {
                Some(key) => Node::Programme(ctx.identifier(key)),
                None => continue,
            },
            Some(Cause::Activity(id)) => {
                let Some(a) = ledger.activities.iter().find(|a| a.id == id) else {
                    continue;
                };
                if a.fields.programme_id != p.id {
                    r.activities.push(activity_note(a));
                }
                Node::Activity(format!("activity-{id}"))
            }
            Some(Cause::Outcome(id)) if published.contains(&id) => Node::Outcome(format!("outcome-{id}")),
            _ => continue,
        };
        r.links.push(CausalLink {
            from,
            to: Node::Outcome(format!("outcome-{}", f.to_outcome_id)),
        });
    }
    r
}

fn partnership_activity(
    ctx: &Ctx,
    ledger: &Ledger,
    p: &Programme,
    d: &Partnership,
    selection: IatiSelection,
    published: &BTreeSet<Id>,
    summary: &mut IatiSummary,
) -> Activity {
    let f = &d.fields;
    // Organisations in their roles, by role then id; the proposer, when it
    // has no role, as accountable.
    let mut roles: Vec<(OrgRole, Id)> = ledger
        .roles
        .iter()
        .filter(|r| r.fields.programme_id == p.id)
        .map(|r| (iati_role(r.fields.role), r.fields.organisation_id))
        .collect();
    if let Some(proposer) = f.proposer_id
        && !roles.iter().any(|(_, id)| *id == proposer)
    {
        roles.push((OrgRole::Accountable, proposer));
    }
    if roles.is_empty() {
        // Nobody recorded in a role: the organisation that runs it, else
        // the reporting organisation, implements it.
        roles.extend(
            p.fields
                .organisation_id
                .or(ctx.reporting_id)
                .map(|id| (OrgRole::Implementing, id)),
        );
    }
    roles.sort_unstable();
    roles.dedup();
    let ids: Vec<Id> = roles.iter().map(|(_, id)| *id).collect();
    let participating_orgs = roles.iter().filter_map(|(r, id)| ctx.participant(*id, *r)).collect();
    // Localities: the Japanese one, then those abroad.
    let abroad_names: BTreeMap<Lang, Vec<String>> = Lang::ALL
        .iter()
        .map(|l| {
            let names = f
                .abroad_locality_ids
                .iter()
                .filter_map(|id| ctx.localities.get(id))
                .map(|x| kizuna_i18n::local_text(*l, &x.fields.name))
                .collect();
            (*l, names)
        })
        .collect();
    let japan = ctx.localities.get(&f.japan_locality_id).map(|x| x.fields.name.clone());
    let generated = words("iati-partnership-description", |l| {
        vec![
            ("scheme", arg(l, &f.funding_scheme)),
            (
                "japan",
                japan
                    .as_ref()
                    .map_or_else(|| FluentValue::from("—"), |n: &LocalText| arg(l, n)),
            ),
            ("abroad", FluentValue::from(list(l, &abroad_names[&l]))),
        ]
    });
    let mut descriptions = Vec::new();
    match &p.fields.summary {
        Some(s) => {
            descriptions.push(Description {
                kind: DescriptionType::General,
                text: narratives(s),
            });
            descriptions.push(Description {
                kind: DescriptionType::Other,
                text: generated,
            });
        }
        None => descriptions.push(Description {
            kind: DescriptionType::General,
            text: generated,
        }),
    }
    let countries: BTreeSet<CountryCode> = f
        .abroad_locality_ids
        .iter()
        .filter_map(|id| ctx.localities.get(id))
        .map(|l| l.fields.country)
        .filter(|c| c.as_str() != "JP")
        .collect();
    let split = shares(&vec![1; countries.len()]);
    let mut locations: Vec<_> = ctx
        .location(f.japan_locality_id, LocationReach::Activity, "iati-location-japan")
        .into_iter()
        .collect();
    locations.extend(
        f.abroad_locality_ids
            .iter()
            .filter_map(|id| ctx.location(*id, LocationReach::Activity, "iati-location-abroad")),
    );
    let budget = match (f.budget_amount, &f.budget_currency, f.ends_on) {
        (Some(amount), Some(currency), Some(end)) => Some(Budget {
            kind: BudgetType::Original,
            status: BudgetStatus::Indicative,
            start: f.starts_on,
            end,
            value: Money {
                amount,
                currency: currency.as_str().to_owned(),
                value_date: f.starts_on,
            },
        }),
        _ => None,
    };
    let mut outcomes: Vec<&Outcome> = ledger
        .outcomes
        .iter()
        .filter(|o| o.fields.programme_id == p.id && published.contains(&o.id))
        .collect();
    outcomes.sort_by_key(|o| (o.fields.occurred_on, o.id));
    let mut ripples = ripples(ctx, ledger, p, &outcomes, published);
    if selection != IatiSelection::All {
        ripples
            .activities
            .retain(|a| a.date.is_some_and(|d| selection.overlaps(d, Some(d))));
        let kept: BTreeSet<String> = ripples.activities.iter().map(|a| a.id.clone()).collect();
        ripples
            .links
            .retain(|l| !matches!(&l.from, Node::Activity(id) if !kept.contains(id)));
    }
    summary.outcomes += outcomes.len();
    summary.links += ripples.links.len();
    Activity {
        identifier: ctx.identifier(p.fields.key.as_str()),
        hierarchy: Some(1),
        default_currency: budget.as_ref().map(|b| b.value.currency.clone()),
        last_updated: None,
        reporting_org: ctx.reporting_for(&ids),
        title: narratives(&p.fields.title),
        descriptions,
        participating_orgs,
        status: iati_status(f.status),
        dates: dates(d, ctx),
        recipient_countries: countries
            .iter()
            .zip(split)
            .map(|(c, pct)| RecipientCountry {
                country: *c,
                percentage: Some(pct),
            })
            .collect(),
        recipient_regions: Vec::new(),
        locations,
        sectors: sectors(d),
        default_aid_type: None,
        budgets: budget.into_iter().collect(),
        related: Vec::new(),
        results: results(&outcomes),
        ripples: Some(ripples),
    }
}
