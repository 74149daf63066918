//! The annual report (`kizuna report annual`, `/console/reports/annual`):
//! one Japanese fiscal year assembled from the records of every system
//! into [`AnnualReport`] (plain data, the JSON), then written as a
//! self-contained HTML page ([`html`]) or as PDF on the document engine
//! (`kizuna_docs::annual`, made on the blocking pool).
//!
//! The trainee figures are the statistics' own ([`App::trainee_report`])
//! as of the fiscal year's last day, so the report says what `/statistics`
//! says for that date. Nothing is fetched from the web: photos come from
//! the store and go into the HTML as data URIs.

pub mod html;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use kizuna_docs::engine::Fonts;
use kizuna_domain::common::organisation::Organisation;
use kizuna_domain::common::programme::Programme;
use kizuna_domain::common::{CountryCode, FiscalYear, Id, LocalText};
use kizuna_domain::exchanges::award::Award;
use kizuna_domain::exchanges::courtesy_call::CourtesyCall;
use kizuna_domain::exchanges::delegation::Delegation;
use kizuna_domain::exchanges::dispatch::Dispatch;
use kizuna_domain::exchanges::photo::PhotoSubject;
use kizuna_domain::exchanges::symposium::Symposium;
use kizuna_domain::partnerships::outcome::Side;
use kizuna_domain::training::annual::{
    AnnualReport, CountryLine, CourseLine, EventLine, FlowFigure, OutcomeLine, OutcomeSummary, PhotoLine, RegionBar,
    Shown, TourismSummary, TraineeSummary, VolunteerSummary, YearPoint, overlaps, sum_flows,
};
use kizuna_domain::training::edition::Edition;
use kizuna_domain::training::participation::{Participation, ParticipationRole};
use kizuna_domain::training::stats::TraineeFilter;
use kizuna_domain::volunteers::hours::{EntryStatus, VolunteerEntry};
use kizuna_domain::volunteers::placement::Placement;
use kizuna_i18n::{self as i18n, Lang};
use kizuna_store::{Page, Value};

use crate::tourism::flows::{Places, locality_name};
use crate::{App, AppError, Result};

pub use kizuna_docs::engine::Fonts as ReportFonts;
pub use kizuna_i18n::Lang as ReportLang;

/// The report as JSON (pretty, ending with a newline).
pub fn to_json(r: &AnnualReport) -> Result<Vec<u8>> {
    let mut v = serde_json::to_vec_pretty(r).map_err(|e| AppError::BadFile(e.to_string()))?;
    v.push(b'\n');
    Ok(v)
}

/// The report as PDF, laid out here (call it on the blocking pool).
pub fn to_pdf(r: &AnnualReport, fonts: &Fonts) -> Result<Vec<u8>> {
    kizuna_docs::annual::render(r, fonts).map_err(|e| AppError::BadFile(e.to_string()))
}

/// At most this many photos go into a report.
pub const MAX_PHOTOS: usize = 8;

/// A record's text for a reader: in their language, or in another one, marked.
pub fn shown(lang: Lang, text: &LocalText) -> Shown {
    let (_, in_lang) = text.show(lang.code());
    Shown {
        text: i18n::local_text(lang, text),
        lang: in_lang.to_owned(),
        fallback: in_lang != lang.code(),
    }
}

fn country_name(lang: Lang, c: CountryCode) -> String {
    c.country().name(lang.code()).to_owned()
}

impl App {
    /// The annual report of fiscal year `fy` for a reader of `lang`.
    pub async fn annual_report(&self, fy: FiscalYear, lang: Lang) -> Result<AnnualReport> {
        let orgs: HashMap<Id, Organisation> = self
            .store
            .select::<Organisation>(&[], Page::ALL)
            .await?
            .into_iter()
            .map(|o| (o.id, o))
            .collect();
        let org_name = |id: Option<Id>| {
            id.and_then(|id| orgs.get(&id))
                .map(|o| i18n::local_text(lang, &o.fields.name))
        };
        let trainees = self.annual_trainees(fy, lang).await?;
        let courses = self.annual_courses(fy, lang).await?;
        let span = |a, b| overlaps(fy, a, b);

        let mut delegations = Vec::new();
        for d in self.store.select::<Delegation>(&[], Page::ALL).await? {
            let f = &d.fields;
            if !span(f.arrives_on, f.leaves_on) {
                continue;
            }
            let who = f
                .organisation_name
                .as_ref()
                .map(|n| i18n::local_text(lang, n))
                .or_else(|| org_name(f.organisation_id));
            let country = country_name(lang, f.country);
            delegations.push(EventLine {
                title: shown(lang, &f.purpose),
                detail: Some(who.map_or_else(|| country.clone(), |w| format!("{w} ({country})"))),
                first_day: f.arrives_on,
                last_day: f.leaves_on,
            });
        }
        let mut dispatches = Vec::new();
        for d in self.store.select::<Dispatch>(&[], Page::ALL).await? {
            let f = &d.fields;
            if !span(f.departs_on, f.returns_on) {
                continue;
            }
            let place = match &f.city {
                Some(c) => format!("{c}, {}", country_name(lang, f.country)),
                None => country_name(lang, f.country),
            };
            dispatches.push(EventLine {
                title: shown(lang, &f.title),
                detail: Some(place),
                first_day: f.departs_on,
                last_day: f.returns_on,
            });
        }
        let mut symposiums = Vec::new();
        for s in self.store.select::<Symposium>(&[], Page::ALL).await? {
            let f = &s.fields;
            if !span(f.starts_on, f.ends_on) {
                continue;
            }
            symposiums.push(EventLine {
                title: shown(lang, &f.title),
                detail: f.venue.as_ref().map(ToString::to_string),
                first_day: f.starts_on,
                last_day: f.ends_on,
            });
        }
        let mut courtesy_calls = Vec::new();
        for c in self.store.select::<CourtesyCall>(&[], Page::ALL).await? {
            let f = &c.fields;
            if !fy.contains(f.called_on) {
                continue;
            }
            courtesy_calls.push(EventLine {
                title: shown(lang, &f.host),
                detail: Some(i18n::local_text(lang, &f.visitor)),
                first_day: f.called_on,
                last_day: f.called_on,
            });
        }
        let mut awards = Vec::new();
        for a in self.store.select::<Award>(&[], Page::ALL).await? {
            let f = &a.fields;
            if !fy.contains(f.received_on) {
                continue;
            }
            let detail = match (org_name(Some(f.recipient_id)), org_name(f.awarded_by_id)) {
                (Some(r), Some(b)) => Some(format!("{r} ← {b}")),
                (r, b) => r.or(b),
            };
            awards.push(EventLine {
                title: shown(lang, &f.title),
                detail,
                first_day: f.received_on,
                last_day: f.received_on,
            });
        }
        for list in [
            &mut delegations,
            &mut dispatches,
            &mut symposiums,
            &mut courtesy_calls,
            &mut awards,
        ] {
            list.sort_by_key(|e| e.first_day);
        }

        let volunteers = self.annual_volunteers(fy).await?;
        let outcomes = self.annual_outcomes(fy, lang).await?;
        let tourism = self.annual_tourism(fy, lang).await?;

        // Photos of the year's records, or taken within the year.
        let mut subjects: HashSet<(PhotoSubject, Id)> = HashSet::new();
        for d in self.store.select::<Delegation>(&[], Page::ALL).await? {
            if span(d.fields.arrives_on, d.fields.leaves_on) {
                subjects.insert((PhotoSubject::Delegation, d.id));
            }
        }
        for d in self.store.select::<Dispatch>(&[], Page::ALL).await? {
            if span(d.fields.departs_on, d.fields.returns_on) {
                subjects.insert((PhotoSubject::Dispatch, d.id));
            }
        }
        for s in self.store.select::<Symposium>(&[], Page::ALL).await? {
            if span(s.fields.starts_on, s.fields.ends_on) {
                subjects.insert((PhotoSubject::Symposium, s.id));
            }
        }
        for c in self.store.select::<CourtesyCall>(&[], Page::ALL).await? {
            if fy.contains(c.fields.called_on) {
                subjects.insert((PhotoSubject::CourtesyCall, c.id));
            }
        }
        for a in self.store.select::<Award>(&[], Page::ALL).await? {
            if fy.contains(a.fields.received_on) {
                subjects.insert((PhotoSubject::Award, a.id));
            }
        }
        let mut chosen: Vec<_> = self
            .store
            .all_photos()
            .await?
            .into_iter()
            .filter(|p| {
                subjects.contains(&(p.fields.subject, p.fields.subject_id))
                    || p.fields.taken_on.is_some_and(|d| fy.contains(d))
            })
            .collect();
        chosen.sort_by_key(|p| (p.fields.taken_on, p.id));
        let mut photos = Vec::new();
        for p in chosen.into_iter().take(MAX_PHOTOS) {
            let (p, bytes) = self.photo_file(p.id, true).await?;
            photos.push(PhotoLine {
                id: p.id,
                caption: shown(lang, &p.fields.caption),
                taken_on: p.fields.taken_on,
                mime: p.kind.media_type().to_owned(),
                width: p.width,
                height: p.height,
                base64: kizuna_store::nominations::base64_encode(&bytes),
            });
        }

        Ok(AnnualReport {
            fiscal_year: fy.year(),
            fiscal_year_label: i18n::fiscal_year(lang, fy),
            lang: lang.code().to_owned(),
            first_day: fy.first_day(),
            last_day: fy.last_day(),
            trainees,
            courses,
            delegations,
            dispatches,
            symposiums,
            courtesy_calls,
            awards,
            volunteers,
            outcomes,
            tourism,
            photos,
        })
    }

    /// The report as PDF, laid out on the blocking pool.
    pub async fn annual_report_pdf(&self, fy: FiscalYear, lang: Lang, fonts: Arc<Fonts>) -> Result<Vec<u8>> {
        let report = self.annual_report(fy, lang).await?;
        tokio::task::spawn_blocking(move || to_pdf(&report, &fonts))
            .await
            .map_err(|e| AppError::BadFile(e.to_string()))?
    }

    async fn annual_trainees(&self, fy: FiscalYear, lang: Lang) -> Result<TraineeSummary> {
        let as_of = fy.last_day();
        let all = self
            .trainee_report(&TraineeFilter {
                as_of: Some(as_of),
                ..TraineeFilter::default()
            })
            .await?;
        let year = self
            .trainee_report(&TraineeFilter {
                as_of: Some(as_of),
                fiscal_year: Some(fy),
                ..TraineeFilter::default()
            })
            .await?;
        let row = all.by_fiscal_year.iter().find(|r| r.fiscal_year == fy.year());
        let mut by_region: Vec<RegionBar> = year
            .by_region
            .iter()
            .map(|r| RegionBar {
                region: r.region.as_str().to_owned(),
                name: i18n::message(
                    lang,
                    &format!("stats-region-{}", r.region.as_str().replace('_', "-")),
                    &[],
                ),
                trainees: r.trainees,
            })
            .collect();
        by_region.sort_by(|a, b| b.trainees.cmp(&a.trainees).then_with(|| a.region.cmp(&b.region)));
        Ok(TraineeSummary {
            as_of,
            since_fiscal_year: all.first_fiscal_year,
            year_trainees: row.map_or(0, |r| r.trainees),
            year_countries: row.map_or(0, |r| r.countries),
            new_trainees: row.map_or(0, |r| r.new_trainees),
            cumulative_trainees: all.trainees,
            cumulative_countries: all.countries,
            by_year: all
                .by_fiscal_year
                .iter()
                .map(|r| YearPoint {
                    fiscal_year: r.fiscal_year,
                    trainees: r.trainees,
                    cumulative_trainees: r.cumulative_trainees,
                    cumulative_countries: r.cumulative_countries,
                })
                .collect(),
            by_region,
            by_country: year
                .by_country
                .iter()
                .filter_map(|c| {
                    let code = CountryCode::parse(&c.country).ok()?;
                    Some(CountryLine {
                        country: c.country.clone(),
                        name: country_name(lang, code),
                        trainees: c.trainees,
                    })
                })
                .collect(),
        })
    }

    async fn annual_courses(&self, fy: FiscalYear, lang: Lang) -> Result<Vec<CourseLine>> {
        let editions: Vec<Edition> = self
            .store
            .select::<Edition>(&[("fiscal_year", Value::Int(Some(i64::from(fy.year()))))], Page::ALL)
            .await?;
        let mut out = Vec::new();
        for e in editions {
            let title = match &e.fields.title {
                Some(t) => t.clone(),
                None => self.store.get::<Programme>(e.fields.programme_id).await?.fields.title,
            };
            let people: HashSet<Id> = self
                .store
                .select::<Participation>(
                    &[
                        ("edition_id", Value::Int(Some(e.id))),
                        (
                            "role",
                            Value::Text(Some(ParticipationRole::Trainee.as_str().to_owned())),
                        ),
                    ],
                    Page::ALL,
                )
                .await?
                .into_iter()
                .filter(|p| p.fields.status.is_counted())
                .map(|p| p.fields.person_id)
                .collect();
            let trainees = people.len() as u64;
            out.push(CourseLine {
                title: shown(lang, &title),
                starts_on: e.fields.starts_on,
                ends_on: e.fields.ends_on,
                trainees,
            });
        }
        out.sort_by(|a, b| {
            a.starts_on
                .cmp(&b.starts_on)
                .then_with(|| a.title.text.cmp(&b.title.text))
        });
        Ok(out)
    }

    async fn annual_volunteers(&self, fy: FiscalYear) -> Result<VolunteerSummary> {
        let placements: Vec<Placement> = self
            .store
            .select::<Placement>(&[], Page::ALL)
            .await?
            .into_iter()
            .filter(|p| {
                let f = &p.fields;
                let first = f.actual_starts_on.unwrap_or(f.planned_starts_on);
                let last = f.actual_ends_on.unwrap_or(f.planned_ends_on);
                overlaps(fy, first, last)
            })
            .collect();
        let people: HashSet<Id> = placements.iter().map(|p| p.fields.person_id).collect();
        let entries: Vec<VolunteerEntry> = self
            .store
            .select::<VolunteerEntry>(
                &[("status", Value::Text(Some(EntryStatus::Approved.as_str().to_owned())))],
                Page::ALL,
            )
            .await?
            .into_iter()
            .filter(|e| fy.contains(e.fields.worked_on))
            .collect();
        let minutes: u64 = entries.iter().map(|e| u64::from(e.fields.hours.minutes())).sum();
        Ok(VolunteerSummary {
            placements: placements.len() as u64,
            volunteers: people.len() as u64,
            hours: (minutes as f64 / 6.0).round() / 10.0,
            entries: entries.len() as u64,
        })
    }

    async fn annual_outcomes(&self, fy: FiscalYear, lang: Lang) -> Result<OutcomeSummary> {
        let impact = self.impact(None, Some(fy.year())).await?;
        let mut s = OutcomeSummary {
            japan: Vec::new(),
            partner: Vec::new(),
            both: Vec::new(),
            chains: Vec::new(),
        };
        for o in &impact.outcomes {
            let line = OutcomeLine {
                title: shown(lang, &o.title),
                occurred_on: o.occurred_on,
                kind: crate::partnerships::report::kind_label(lang, o.kind),
            };
            match o.side {
                Side::Japan => s.japan.push(line),
                Side::Abroad => s.partner.push(line),
                Side::Both => s.both.push(line),
            }
        }
        s.chains = impact
            .chains
            .iter()
            .filter(|c| c.len() > 1)
            .map(|c| c.iter().map(|step| i18n::local_text(lang, &step.title)).collect())
            .collect();
        Ok(s)
    }

    async fn annual_tourism(&self, fy: FiscalYear, lang: Lang) -> Result<TourismSummary> {
        let rows = self.store.tourism_flows().await?;
        if rows.is_empty() {
            return Ok(TourismSummary {
                flows: Vec::new(),
                notes: Vec::new(),
            });
        }
        let places = Places::load(self).await?;
        let mut names: BTreeMap<String, String> = BTreeMap::new();
        let mut name = |a: kizuna_domain::tourism::flows::Area| -> String {
            let spec = places.spec(a);
            names
                .entry(spec)
                .or_insert_with(|| match locality_name(&places, a) {
                    Some(n) => i18n::local_text(lang, &n),
                    None => country_name(lang, a.country),
                })
                .clone()
        };
        let named: Vec<(String, String, &kizuna_store::tourism::FlowRow)> = rows
            .iter()
            .map(|r| (name(r.key.origin), name(r.key.destination), r))
            .collect();
        let flows = sum_flows(
            fy,
            named.iter().map(|(o, d, r)| FlowFigure {
                origin: o,
                destination: d,
                year: r.key.month.year,
                month: r.key.month.month,
                stage_rank: r.figure.stage as u8,
                stage: r.figure.stage.as_str(),
                visitors: r.figure.visitors,
            }),
        );
        let used: HashSet<Id> = rows
            .iter()
            .filter(|r| kizuna_domain::training::annual::month_in(fy, r.key.month.year, r.key.month.month))
            .map(|r| r.import_id)
            .collect();
        let mut notes: Vec<String> = Vec::new();
        for i in self.store.flow_imports().await? {
            if let Some(n) = i.note.filter(|n| used.contains(&i.id) && !n.trim().is_empty())
                && !notes.contains(&n)
            {
                notes.push(n);
            }
        }
        Ok(TourismSummary { flows, notes })
    }
}
