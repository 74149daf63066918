//! Statistics pages: the public figures (`/statistics`), the staff's
//! filtered figures (`/console/statistics`) and the people behind each
//! figure (`/console/statistics/people`).
//!
//! The figures are HTML tables; the charts are drawn by `assets/stats.js`
//! from a JSON block (`#stats-data`) the page carries, so the page reads
//! the same without JavaScript. The public page shows counts only, and to
//! readers who are not staff small counts are withheld
//! ([`kizuna_domain::training::disclosure`]): shown as "not shown", with a
//! note saying why.
//!
//! Every table downloads as CSV and XLSX (`/statistics.csv`,
//! `/statistics.xlsx`, `/console/statistics.csv|xlsx`, all tables or one
//! with `table=`): the same figures as the page, withheld alike for readers
//! who are not staff, with the as-of date, the filters and the source
//! written in the file and the date in its name.

use std::collections::{BTreeMap, HashMap};

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::NaiveDate;
use fluent_bundle::FluentValue;
use kizuna_domain::common::country::all_countries;
use kizuna_domain::common::person::Gender;
use kizuna_domain::common::programme::{Programme, ProgrammeKind};
use kizuna_domain::common::{CountryCode, FiscalYear, Id, Region};
use kizuna_domain::training::disclosure::{Audience, PublishedReport};
use kizuna_domain::training::stats::TraineeFilter;
use kizuna_store::Page;
use serde_json::{Value, json};

use crate::pages::{message, render};
use crate::session::{Ctx, WebState};
use kizuna_i18n::{self as i18n};

mod downloads;
mod people;

use downloads::{public_csv, public_xlsx, staff_csv, staff_xlsx};
use people::{people_csv, people_page, people_xlsx};

pub fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
        .route("/statistics", get(public_page))
        .route("/console/statistics", get(staff_page))
        .route("/console/statistics/people", get(people_page))
        .route("/statistics.csv", get(public_csv))
        .route("/statistics.xlsx", get(public_xlsx))
        .route("/console/statistics.csv", get(staff_csv))
        .route("/console/statistics.xlsx", get(staff_xlsx))
        .route("/console/statistics/people.csv", get(people_csv))
        .route("/console/statistics/people.xlsx", get(people_xlsx))
}

/// People per page of a drill-down.
const PAGE_SIZE: u32 = 50;

// ------------------------------------------------------------------ query

/// The query string as name → value (the last value of a repeated name wins).
fn query_map(raw: Option<String>) -> BTreeMap<String, String> {
    serde_urlencoded::from_str::<Vec<(String, String)>>(raw.as_deref().unwrap_or(""))
        .unwrap_or_default()
        .into_iter()
        .map(|(k, v)| (k, v.trim().to_owned()))
        .filter(|(_, v)| !v.is_empty())
        .collect()
}

/// A filter read from the query, with the fields that did not parse.
struct Parsed {
    filter: TraineeFilter,
    as_of: NaiveDate,
    /// Field name → message, in form order.
    errors: Vec<(&'static str, String)>,
}

impl Parsed {
    fn invalid(&self, field: &str) -> bool {
        self.errors.iter().any(|(f, _)| *f == field)
    }
}

/// Read `as_of` (and, for staff, the other filters) from the query.
fn parse_filter(ctx: &Ctx, q: &BTreeMap<String, String>, today: NaiveDate, staff: bool) -> Parsed {
    let mut errors = Vec::new();
    let as_of = match q.get("as_of") {
        None => today,
        Some(v) => match NaiveDate::parse_from_str(v, "%Y-%m-%d") {
            Ok(d) if (1900..=2200).contains(&chrono::Datelike::year(&d)) => d,
            _ => {
                errors.push(("as_of", ctx.t("stats-invalid-date")));
                today
            }
        },
    };
    let mut filter = TraineeFilter {
        as_of: Some(as_of),
        ..TraineeFilter::default()
    };
    if staff {
        fn field<T>(
            q: &BTreeMap<String, String>,
            name: &'static str,
            parse: impl Fn(&str) -> Option<T>,
            errors: &mut Vec<(&'static str, String)>,
            msg: &str,
        ) -> Option<T> {
            let v = q.get(name)?;
            let parsed = parse(v);
            if parsed.is_none() {
                errors.push((name, msg.to_owned()));
            }
            parsed
        }
        let msg = ctx.t("stats-invalid-value");
        filter.fiscal_year = field(q, "fiscal_year", |v| FiscalYear::parse(v).ok(), &mut errors, &msg);
        filter.country = field(q, "country", |v| CountryCode::parse(v).ok(), &mut errors, &msg);
        filter.region = field(q, "region", |v| v.parse::<Region>().ok(), &mut errors, &msg);
        filter.programme_id = field(
            q,
            "course",
            |v| v.parse::<Id>().ok().filter(|id| *id > 0),
            &mut errors,
            &msg,
        );
        filter.gender = field(q, "gender", |v| v.parse::<Gender>().ok(), &mut errors, &msg);
        filter.office_id = field(
            q,
            "office",
            |v| v.parse::<Id>().ok().filter(|id| *id > 0),
            &mut errors,
            &msg,
        );
    }
    Parsed { filter, as_of, errors }
}

/// The query string of a filter, as the staff pages write it.
fn filter_query(f: &TraineeFilter) -> String {
    let mut parts = Vec::new();
    if let Some(d) = f.as_of {
        parts.push(format!("as_of={d}"));
    }
    if let Some(y) = f.fiscal_year {
        parts.push(format!("fiscal_year={}", y.year()));
    }
    if let Some(c) = f.country {
        parts.push(format!("country={c}"));
    }
    if let Some(r) = f.region {
        parts.push(format!("region={r}"));
    }
    if let Some(p) = f.programme_id {
        parts.push(format!("course={p}"));
    }
    if let Some(g) = f.gender {
        parts.push(format!("gender={g}"));
    }
    if let Some(o) = f.office_id {
        parts.push(format!("office={o}"));
    }
    parts.join("&")
}

/// The filter's parameters as a JSON object (for the charts' links).
fn filter_params(f: &TraineeFilter) -> Value {
    let map: serde_json::Map<String, Value> = filter_query(f)
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_owned(), Value::String(v.to_owned())))
        .collect();
    Value::Object(map)
}

fn people_href(f: &TraineeFilter) -> String {
    format!("/console/statistics/people?{}", filter_query(f))
}

// ------------------------------------------------------------------ names

fn msg(ctx: &Ctx, key: &str, args: &[(&str, FluentValue<'static>)]) -> String {
    i18n::message(ctx.lang, key, args)
}

fn count_args(n: u64) -> [(&'static str, FluentValue<'static>); 2] {
    [
        ("count", FluentValue::from(n)),
        ("formatted", FluentValue::from(i18n::number(n))),
    ]
}

fn region_name(ctx: &Ctx, r: Region) -> String {
    ctx.t(&format!("stats-region-{}", r.as_str().replace('_', "-")))
}

fn gender_name(ctx: &Ctx, g: Gender) -> String {
    ctx.t(&format!("stats-gender-{}", g.as_str()))
}

fn country_name(ctx: &Ctx, c: CountryCode) -> String {
    c.country().name(ctx.lang.code()).to_owned()
}

fn programme_title(ctx: &Ctx, p: &Programme) -> String {
    ctx.local(&p.fields.title)
}

/// JSON safe to place inside `<script type="application/json">`.
fn script_json(v: &Value) -> String {
    serde_json::to_string(v)
        .unwrap_or_else(|_| "{}".into())
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

// ------------------------------------------------------------------ view

/// A figure, and where its people are listed (staff pages only).
struct Cell {
    text: String,
    href: Option<String>,
}

struct YearRow {
    label: String,
    trainees: Cell,
    countries: Cell,
    new_trainees: Cell,
    cumulative: Cell,
}

struct NamedRow {
    name: String,
    /// A second column (a country's region), if the table has one.
    extra: String,
    trainees: Cell,
    countries: Cell,
}

/// Everything the figures part of a page shows.
struct ReportView {
    heading: String,
    trainees: Cell,
    trainees_label: String,
    countries: Cell,
    countries_label: String,
    first_year: String,
    empty: bool,
    years: Vec<YearRow>,
    regions: Vec<NamedRow>,
    region_total: NamedRow,
    countries_rows: Vec<NamedRow>,
    courses: Vec<NamedRow>,
    genders: Vec<NamedRow>,
    caption_years: String,
    caption_regions: String,
    caption_countries: String,
    caption_courses: String,
    caption_genders: String,
    years_summary: String,
    map_summary: String,
    /// Why some figures are not shown (readers who are not staff).
    withheld_note: Option<String>,
    data: String,
    /// The downloads' path without its extension (`/statistics`), and the
    /// query that gives the same figures.
    download_base: &'static str,
    download_query: String,
}

/// Builds the view of a report; with `drill`, every figure links to its people.
fn report_view(
    ctx: &Ctx,
    filter: &TraineeFilter,
    report: &PublishedReport,
    drill: bool,
    courses: &HashMap<Id, String>,
) -> Result<ReportView, Response> {
    let as_of = report.as_of;
    let date = ctx.date(&as_of);
    let link = |f: TraineeFilter| drill.then(|| people_href(&f));
    let withheld = ctx.t("stats-withheld");
    let cell = |n: u64, f: Option<TraineeFilter>| Cell {
        text: ctx.num(n),
        href: f.and_then(link),
    };
    // A count that may be withheld: the same words wherever it is, never a link.
    let maybe = |n: Option<u64>, f: Option<TraineeFilter>| match n {
        Some(n) => cell(n, f),
        None => Cell {
            text: withheld.clone(),
            href: None,
        },
    };
    let with = |edit: &dyn Fn(&mut TraineeFilter)| {
        let mut f = filter.clone();
        edit(&mut f);
        f
    };

    // Trainees per fiscal year per region, from the same report.
    let years: Vec<i32> = report.by_fiscal_year.iter().map(|y| y.fiscal_year).collect();
    let mut series = Vec::new();
    for r in &report.by_region {
        // Null where withheld: the chart leaves a gap and the tables say why.
        let data: Vec<Option<u64>> = report
            .by_fiscal_year
            .iter()
            .map(|y| {
                y.by_region
                    .iter()
                    .find(|g| g.region == r.region)
                    .map_or(Some(0), |g| g.trainees)
            })
            .collect();
        series.push(json!({ "key": r.region.as_str(), "name": region_name(ctx, r.region), "data": data }));
    }

    let year_rows = report
        .by_fiscal_year
        .iter()
        .map(|y| {
            let fy = FiscalYear::new(y.fiscal_year).ok();
            let in_year = fy.map(|fy| with(&|f| f.fiscal_year = Some(fy)));
            // Everyone counted up to the end of this fiscal year.
            let up_to = fy.map(|fy| with(&|f| f.as_of = Some(as_of.min(fy.last_day()))));
            YearRow {
                label: ctx.fy(&y.fiscal_year),
                trainees: cell(y.trainees, in_year.clone()),
                countries: cell(y.countries, in_year),
                new_trainees: cell(y.new_trainees, None),
                cumulative: cell(y.cumulative_trainees, up_to),
            }
        })
        .collect();

    let regions = report
        .by_region
        .iter()
        .map(|r| {
            let f = with(&|f| f.region = Some(r.region));
            NamedRow {
                name: region_name(ctx, r.region),
                extra: String::new(),
                trainees: maybe(r.trainees, Some(f.clone())),
                countries: cell(r.countries, Some(f)),
            }
        })
        .collect();
    let region_total = NamedRow {
        name: ctx.t("stats-total"),
        extra: String::new(),
        trainees: cell(report.trainees, Some(filter.clone())),
        countries: cell(report.countries, Some(filter.clone())),
    };

    let mut countries_rows = Vec::new();
    let mut map_data = Vec::new();
    for c in &report.by_country {
        let Ok(code) = CountryCode::parse(&c.country) else {
            continue;
        };
        let f = with(&|f| f.country = Some(code));
        let name = country_name(ctx, code);
        map_data.push(json!({
            "code": c.country,
            "id": format!("{:03}", code.country().numeric),
            "name": name,
            "value": c.trainees,
            // "30 trainees", in the page's language and plural rules, for the tooltip.
            "text": c.trainees.map_or_else(|| withheld.clone(), |n| msg(ctx, "stats-people-count", &count_args(n))),
        }));
        countries_rows.push(NamedRow {
            name,
            extra: region_name(ctx, c.region),
            trainees: maybe(c.trainees, Some(f)),
            countries: Cell {
                text: String::new(),
                href: None,
            },
        });
    }

    let courses_rows = report
        .by_course
        .iter()
        .map(|c| {
            let f = with(&|f| f.programme_id = Some(c.programme_id));
            let name = courses
                .get(&c.programme_id)
                .cloned()
                .or_else(|| c.title.as_ref().map(|t| ctx.local(t)))
                .unwrap_or_else(|| c.programme_id.to_string());
            NamedRow {
                name,
                extra: String::new(),
                trainees: maybe(c.trainees, Some(f.clone())),
                countries: cell(c.countries, Some(f)),
            }
        })
        .collect();
    let genders = report
        .by_gender
        .iter()
        .map(|g| NamedRow {
            name: gender_name(ctx, g.gender),
            extra: String::new(),
            trainees: maybe(g.trainees, Some(with(&|f| f.gender = Some(g.gender)))),
            countries: Cell {
                text: String::new(),
                href: None,
            },
        })
        .collect();

    // Text summaries of the charts, for people who cannot see them.
    let years_summary = match (report.by_fiscal_year.first(), report.by_fiscal_year.last()) {
        (Some(first), Some(last)) => {
            let peak = report
                .by_fiscal_year
                .iter()
                .max_by(|a, b| a.trainees.cmp(&b.trainees).then(b.fiscal_year.cmp(&a.fiscal_year)))
                .unwrap_or(last);
            let [count, formatted] = count_args(peak.trainees);
            msg(
                ctx,
                "stats-chart-years-summary",
                &[
                    ("first", FluentValue::from(ctx.fy(&first.fiscal_year))),
                    ("last", FluentValue::from(ctx.fy(&last.fiscal_year))),
                    ("peak", FluentValue::from(ctx.fy(&peak.fiscal_year))),
                    count,
                    formatted,
                ],
            )
        }
        _ => ctx.t("stats-chart-empty"),
    };
    let map_summary = match report
        .by_country
        .first()
        .and_then(|c| Some((CountryCode::parse(&c.country).ok()?, c.trainees?)))
    {
        Some((top, top_count)) => {
            let [count, formatted] = count_args(top_count);
            msg(
                ctx,
                "stats-chart-map-summary",
                &[
                    ("countries", FluentValue::from(report.countries)),
                    ("countries_formatted", FluentValue::from(ctx.num(report.countries))),
                    ("top", FluentValue::from(country_name(ctx, top))),
                    count,
                    formatted,
                ],
            )
        }
        None => ctx.t("stats-chart-empty"),
    };

    let names: serde_json::Map<String, Value> = all_countries()
        .iter()
        .map(|c| {
            (
                format!("{:03}", c.numeric),
                Value::String(c.name(ctx.lang.code()).to_owned()),
            )
        })
        .collect();
    let data = json!({
        "lang": ctx.lang.code(),
        "as_of": as_of.to_string(),
        "years": years,
        "year_labels": report.by_fiscal_year.iter().map(|y| ctx.fy(&y.fiscal_year)).collect::<Vec<_>>(),
        "totals": report.by_fiscal_year.iter().map(|y| y.trainees).collect::<Vec<_>>(),
        "series": series,
        "countries": map_data,
        "names": names,
        "labels": {
            "trainees": ctx.t("stats-col-trainees"),
            "total": ctx.t("stats-total"),
            "no_trainees": ctx.t("stats-map-none"),
            "years_title": ctx.t("stats-chart-years-title"),
            "map_title": ctx.t("stats-chart-map-title"),
        },
        "drill": drill.then(|| json!({ "path": "/console/statistics/people", "params": filter_params(filter) })),
    });

    let [tc, tf] = count_args(report.trainees);
    let [cc, cf] = count_args(report.countries);
    let dated = |key: &str| msg(ctx, key, &[("date", FluentValue::from(date.clone()))]);
    Ok(ReportView {
        heading: dated("stats-as-of-heading"),
        trainees: cell(report.trainees, Some(filter.clone())),
        trainees_label: msg(ctx, "stats-trainees-total", &[tc, tf]),
        countries: cell(report.countries, Some(filter.clone())),
        countries_label: msg(ctx, "stats-countries-total", &[cc, cf]),
        first_year: report
            .first_fiscal_year
            .map(|y| ctx.fy(&y))
            .unwrap_or_else(|| "—".into()),
        empty: report.trainees == 0,
        years: year_rows,
        regions,
        region_total,
        countries_rows,
        courses: courses_rows,
        genders,
        caption_years: dated("stats-caption-years"),
        caption_regions: dated("stats-caption-regions"),
        caption_countries: dated("stats-caption-countries"),
        caption_courses: dated("stats-caption-courses"),
        caption_genders: dated("stats-caption-genders"),
        withheld_note: report.withheld_below.map(|_| ctx.t("stats-withheld-note")),
        years_summary,
        map_summary,
        data: script_json(&data),
        download_base: if drill { "/console/statistics" } else { "/statistics" },
        download_query: filter_query(filter),
    })
}

/// Anonymous visitors are sent to sign in; other accounts are refused.
fn refuse(ctx: &Ctx) -> Option<Response> {
    match ctx.require_staff() {
        Ok(_) => None,
        Err(_) if ctx.user.is_some() => Some(message(ctx, StatusCode::FORBIDDEN, "forbidden-title", "forbidden-body")),
        Err(r) => Some(ctx.finish(r)),
    }
}

fn db_error(ctx: &Ctx) -> Response {
    message(ctx, StatusCode::SERVICE_UNAVAILABLE, "error-title", "error-database")
}

/// An option of a filter's `<select>`.
struct Choice {
    value: String,
    label: String,
    selected: bool,
}

/// A filter field of the staff form.
struct Select {
    name: &'static str,
    label: String,
    invalid: bool,
    choices: Vec<Choice>,
}

#[derive(Template)]
#[template(path = "stats.html")]
struct StatsPage<'a> {
    ctx: &'a Ctx,
    staff: bool,
    title: String,
    lead: String,
    action: &'static str,
    as_of_value: String,
    as_of_invalid: bool,
    errors: Vec<String>,
    selects: Vec<Select>,
    view: Option<ReportView>,
}

/// Training courses by id, titled in the page's language.
async fn course_titles(s: &WebState, ctx: &Ctx) -> Vec<(Id, String)> {
    let filter = [("kind".to_owned(), ProgrammeKind::TrainingCourse.to_string())]
        .into_iter()
        .collect();
    s.app
        .list::<Programme>(&filter, Page { limit: 500, offset: 0 })
        .await
        .map(|(p, _)| p)
        .unwrap_or_default()
        .iter()
        .map(|p| (p.id, programme_title(ctx, p)))
        .collect()
}

fn error_lines(ctx: &Ctx, p: &Parsed) -> Vec<String> {
    p.errors
        .iter()
        .map(|(field, m)| {
            let label = match *field {
                "as_of" => ctx.t("stats-as-of-label"),
                f => ctx.t(&format!("stats-filter-{}", f.replace('_', "-"))),
            };
            format!("{label}: {m}")
        })
        .collect()
}

// ------------------------------------------------------------------ pages

async fn public_page(State(s): State<WebState>, ctx: Ctx, RawQuery(raw): RawQuery) -> Response {
    let q = query_map(raw);
    let parsed = parse_filter(&ctx, &q, s.app.today(), false);
    let mut page = StatsPage {
        ctx: &ctx,
        staff: false,
        title: ctx.t("stats-title"),
        lead: ctx.t("stats-lead"),
        action: "/statistics",
        as_of_value: q.get("as_of").cloned().unwrap_or_else(|| parsed.as_of.to_string()),
        as_of_invalid: parsed.invalid("as_of"),
        errors: error_lines(&ctx, &parsed),
        selects: Vec::new(),
        view: None,
    };
    if !parsed.errors.is_empty() {
        let mut r = render(&ctx, &page);
        *r.status_mut() = StatusCode::BAD_REQUEST;
        return r;
    }
    let Ok(report) = s.app.trainee_report(&parsed.filter).await else {
        return db_error(&ctx);
    };
    // Staff read exact figures here too; anyone else, small counts withheld.
    let audience = if ctx.is_staff() {
        Audience::Staff
    } else {
        Audience::Public
    };
    let report = PublishedReport::publish(&report, audience);
    page.view = match report_view(&ctx, &parsed.filter, &report, false, &HashMap::new()) {
        Ok(v) => Some(v),
        Err(r) => return r,
    };
    render(&ctx, &page)
}

async fn staff_page(State(s): State<WebState>, ctx: Ctx, RawQuery(raw): RawQuery) -> Response {
    if let Some(r) = refuse(&ctx) {
        return r;
    }
    let q = query_map(raw);
    let parsed = parse_filter(&ctx, &q, s.app.today(), true);
    let f = &parsed.filter;
    let courses = course_titles(&s, &ctx).await;
    // The choices come from everyone counted by the date, whatever the other filters.
    let base_filter = TraineeFilter {
        as_of: Some(parsed.as_of),
        ..TraineeFilter::default()
    };
    let Ok(base) = s.app.trainee_report(&base_filter).await else {
        return db_error(&ctx);
    };
    let all = |label: &str| Choice {
        value: String::new(),
        label: label.to_owned(),
        selected: false,
    };
    let all_label = ctx.t("stats-filter-all");

    let mut years: Vec<i32> = base.by_fiscal_year.iter().map(|y| y.fiscal_year).collect();
    if let Some(y) = f.fiscal_year
        && !years.contains(&y.year())
    {
        years.push(y.year());
        years.sort_unstable();
    }
    let mut countries: Vec<CountryCode> = base
        .by_country
        .iter()
        .filter_map(|c| CountryCode::parse(&c.country).ok())
        .collect();
    if let Some(c) = f.country
        && !countries.contains(&c)
    {
        countries.push(c);
    }
    let mut countries: Vec<(CountryCode, String)> = countries.into_iter().map(|c| (c, country_name(&ctx, c))).collect();
    countries.sort_by(|a, b| kizuna_i18n::compare(ctx.lang, &a.1, &b.1));

    let select = |name: &'static str, choices: Vec<Choice>| Select {
        name,
        label: ctx.t(&format!("stats-filter-{}", name.replace('_', "-"))),
        invalid: parsed.invalid(name),
        choices: std::iter::once(all(&all_label)).chain(choices).collect(),
    };
    let mut selects = vec![
        select(
            "fiscal_year",
            years
                .iter()
                .rev()
                .map(|y| Choice {
                    value: y.to_string(),
                    label: ctx.fy(y),
                    selected: f.fiscal_year.map(kizuna_domain::common::FiscalYear::year) == Some(*y),
                })
                .collect(),
        ),
        select(
            "region",
            Region::ALL
                .iter()
                .map(|r| Choice {
                    value: r.to_string(),
                    label: region_name(&ctx, *r),
                    selected: f.region == Some(*r),
                })
                .collect(),
        ),
        select(
            "country",
            countries
                .iter()
                .map(|(c, name)| Choice {
                    value: c.to_string(),
                    label: name.clone(),
                    selected: f.country == Some(*c),
                })
                .collect(),
        ),
        select(
            "course",
            courses
                .iter()
                .map(|(id, title)| Choice {
                    value: id.to_string(),
                    label: title.clone(),
                    selected: f.programme_id == Some(*id),
                })
                .collect(),
        ),
        select(
            "gender",
            Gender::ALL
                .iter()
                .map(|g| Choice {
                    value: g.to_string(),
                    label: gender_name(&ctx, *g),
                    selected: f.gender == Some(*g),
                })
                .collect(),
        ),
    ];

    // Which office keeps the participations: offered when the store holds several.
    let offices = s.app.offices().await.unwrap_or_default();
    if offices.len() > 1 || f.office_id.is_some() {
        selects.push(select(
            "office",
            offices
                .iter()
                .map(|o| Choice {
                    value: o.id.to_string(),
                    label: ctx.local(&o.fields.name),
                    selected: f.office_id == Some(o.id),
                })
                .collect(),
        ));
    }

    let mut page = StatsPage {
        ctx: &ctx,
        staff: true,
        title: ctx.t("stats-staff-title"),
        lead: ctx.t("stats-staff-lead"),
        action: "/console/statistics",
        as_of_value: q.get("as_of").cloned().unwrap_or_else(|| parsed.as_of.to_string()),
        as_of_invalid: parsed.invalid("as_of"),
        errors: error_lines(&ctx, &parsed),
        selects,
        view: None,
    };
    if !parsed.errors.is_empty() {
        let mut r = render(&ctx, &page);
        *r.status_mut() = StatusCode::BAD_REQUEST;
        return r;
    }
    let report = if *f == base_filter {
        base
    } else {
        match s.app.trainee_report(f).await {
            Ok(r) => r,
            Err(_) => return db_error(&ctx),
        }
    };
    let titles: HashMap<Id, String> = courses.into_iter().collect();
    let report = PublishedReport::publish(&report, Audience::Staff);
    page.view = match report_view(&ctx, f, &report, true, &titles) {
        Ok(v) => Some(v),
        Err(r) => return r,
    };
    render(&ctx, &page)
}
