//! A halal-aware itinerary in the console (`/console/tourism/itinerary`):
//! the request as a form (GET, so a plan is a link staff can share with
//! colleagues), the plan day by day with each block's window, the
//! warnings, and the same plan as iCalendar (`/console/tourism/itinerary.ics`)
//! JSON (`/console/tourism/itinerary.json`) and a printable PDF in the
//! reader's language (`/console/tourism/itinerary.pdf`, made by the
//! document engine).

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use kizuna_app::tourism::itinerary::{DayView, Itinerary};
use kizuna_domain::FieldError;
use kizuna_domain::map::place::Assurance;
use kizuna_domain::tourism::itinerary::{Mode, Options, Start};
use kizuna_geo::prayer::Method;

use super::{guard, ok_or_page};
use crate::pages::render;
use crate::session::{Ctx, WebState};

pub(super) fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
        .route("/console/tourism/itinerary", get(page))
        .route("/console/tourism/itinerary.ics", get(ics))
        .route("/console/tourism/itinerary.json", get(json))
        .route("/console/tourism/itinerary.pdf", get(pdf))
}

/// The form, as typed.
#[derive(serde::Deserialize, Default, Clone)]
struct Form {
    from: Option<String>,
    days: Option<String>,
    start: Option<String>,
    include: Option<String>,
    meal_level: Option<String>,
    mode: Option<String>,
    speed: Option<String>,
    method: Option<String>,
    ramadan: Option<String>,
}

impl Form {
    fn query(&self) -> String {
        let pairs = [
            ("from", &self.from),
            ("days", &self.days),
            ("start", &self.start),
            ("include", &self.include),
            ("meal_level", &self.meal_level),
            ("mode", &self.mode),
            ("speed", &self.speed),
            ("method", &self.method),
            ("ramadan", &self.ramadan),
        ];
        pairs
            .iter()
            .filter_map(|(k, v)| v.as_deref().map(|v| format!("{k}={}", urlencode(v))))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// The planner's options and method, or the fields that cannot be read.
    fn options(&self, lang: &str) -> Result<(Options, Method), Vec<FieldError>> {
        let mut errors = Vec::new();
        let bad = |f: &str, m: &str| FieldError::new(f, "invalid", m);
        let from = self
            .from
            .as_deref()
            .unwrap_or("")
            .trim()
            .parse()
            .map_err(|_| bad("from", "YYYY-MM-DD"));
        let days = self
            .days
            .as_deref()
            .unwrap_or("1")
            .trim()
            .parse::<u32>()
            .map_err(|_| bad("days", "1-14"));
        let start = self.start.as_deref().unwrap_or("").trim();
        let start = match start.split_once(',') {
            Some((a, b)) => match (a.trim().parse(), b.trim().parse()) {
                (Ok(lat), Ok(lon)) => Ok(Start::Point { lat, lon }),
                _ => Err(bad("start", "LAT,LON")),
            },
            None => start.parse().map(Start::Place).map_err(|_| bad("start", "a place id")),
        };
        let mut include = Vec::new();
        for part in self
            .include
            .as_deref()
            .unwrap_or("")
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            match part.parse() {
                Ok(id) => include.push(id),
                Err(_) => errors.push(bad("include", "ids separated by commas")),
            }
        }
        let level = self
            .meal_level
            .as_deref()
            .unwrap_or("self_declared")
            .parse::<Assurance>()
            .map_err(|_| bad("meal_level", "a level"));
        let mode = Mode::parse(self.mode.as_deref().unwrap_or("bus")).ok_or_else(|| bad("mode", "walk, car or bus"));
        let speed = self
            .speed
            .as_deref()
            .unwrap_or("40")
            .trim()
            .parse::<f64>()
            .map_err(|_| bad("speed", "km/h"));
        let method = self
            .method
            .as_deref()
            .unwrap_or("MuslimWorldLeague")
            .parse::<Method>()
            .map_err(|_| bad("method", "a method"));
        match (from, days, start, level, mode, speed, method) {
            (Ok(from), Ok(days), Ok(start), Ok(level), Ok(mode), Ok(speed), Ok(method)) if errors.is_empty() => {
                let mut o = Options::new(from, days, start);
                o.include = include;
                o.meal_level = level;
                o.mode = mode;
                o.road_kmh = speed;
                o.ramadan = self.ramadan.is_some();
                o.languages = vec![lang.to_owned()];
                Ok((o, method))
            }
            (a, b, c, d, e, f, g) => {
                errors.extend(
                    [a.err(), b.err(), c.err(), d.err(), e.err(), f.err(), g.err()]
                        .into_iter()
                        .flatten(),
                );
                Err(errors)
            }
        }
    }
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// One row of a day's table.
struct Row {
    time: String,
    kind: &'static str,
    title: String,
    name: String,
    window: Option<String>,
}

struct Day {
    date: String,
    friday: bool,
    ramadan: bool,
    times: Option<String>,
    lodging: Option<String>,
    rows: Vec<Row>,
}

#[derive(Template)]
#[template(path = "tourism/itinerary.html")]
struct ItineraryPage<'a> {
    ctx: &'a Ctx,
    form: Form,
    levels: Vec<(&'static str, String)>,
    modes: Vec<(&'static str, String)>,
    methods: Vec<&'static str>,
    errors: Vec<String>,
    days: Vec<Day>,
    warnings: Vec<String>,
    query: String,
}

fn clock(rfc: &str) -> &str {
    rfc.get(11..16).unwrap_or(rfc)
}

fn day(ctx: &Ctx, d: &DayView) -> Day {
    let prayer = |p: &str| ctx.t(&format!("itinerary-prayer-{p}"));
    Day {
        date: ctx.date(&d.date),
        friday: d.friday,
        ramadan: d.ramadan,
        times: d.prayer_times.as_ref().map(|t| {
            let list = ["fajr", "dhuhr", "asr", "maghrib", "isha"]
                .iter()
                .filter_map(|p| t.get(p).map(|v| format!("{} {v}", prayer(p))))
                .collect::<Vec<_>>()
                .join(" · ");
            ctx.t1("itinerary-prayer-times", "times", list)
        }),
        lodging: (!d.at_lodging.is_empty()).then(|| {
            let list = d.at_lodging.iter().map(|p| prayer(p)).collect::<Vec<_>>().join(", ");
            ctx.t1("itinerary-at-lodging", "prayers", list)
        }),
        rows: d
            .items
            .iter()
            .map(|i| Row {
                time: format!("{}–{}", clock(&i.start), clock(&i.end)),
                kind: i.kind.as_str(),
                title: i.title.clone(),
                name: i.name.clone(),
                window: i.window.as_ref().map(|(a, b)| format!("{}–{}", clock(a), clock(b))),
            })
            .collect(),
    }
}

async fn plan(s: &WebState, ctx: &Ctx, f: &Form) -> Result<Option<Itinerary>, Vec<String>> {
    if f.from.is_none() {
        return Ok(None);
    }
    let (o, method) = f.options(ctx.lang.code()).map_err(|e| {
        e.into_iter()
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect::<Vec<_>>()
    })?;
    match s.app.plan_itinerary(o, method).await {
        Ok(it) => Ok(Some(it)),
        Err(kizuna_app::AppError::Invalid(e)) => {
            Err(e.into_iter().map(|e| format!("{}: {}", e.field, e.message)).collect())
        }
        Err(e) => Err(vec![e.to_string()]),
    }
}

async fn page(State(s): State<WebState>, ctx: Ctx, Query(f): Query<Form>) -> Response {
    guard!(ctx.require_staff());
    let (it, errors) = match plan(&s, &ctx, &f).await {
        Ok(it) => (it, Vec::new()),
        Err(e) => (None, e),
    };
    render_page(&ctx, f, it.as_ref(), errors)
}

/// The form and, when planned, the plan; else the errors beside the form.
fn render_page(ctx: &Ctx, f: Form, it: Option<&Itinerary>, errors: Vec<String>) -> Response {
    let view = it.map(|it| it.view(ctx.lang));
    let levels = ["certified", "self_declared", "pork_free", "vegetarian_options"]
        .into_iter()
        .map(|l| (l, ctx.t(&format!("itinerary-level-{l}"))))
        .collect();
    let modes = ["bus", "car", "walk"]
        .into_iter()
        .map(|m| (m, ctx.t(&format!("itinerary-mode-{m}"))))
        .collect();
    let page = ItineraryPage {
        ctx,
        query: f.query(),
        form: f,
        levels,
        modes,
        methods: Method::ALL.iter().map(|m| m.name()).collect(),
        errors,
        days: view
            .as_ref()
            .map(|v| v.days.iter().map(|d| day(ctx, d)).collect())
            .unwrap_or_default(),
        warnings: view
            .map(|v| {
                v.warnings
                    .into_iter()
                    .map(|w| format!("{}: {}", ctx.date(&w.date), w.text))
                    .collect()
            })
            .unwrap_or_default(),
    };
    render(ctx, &page)
}

/// The plan a download is made from, or the form with what is wrong
/// beside it, answered 422.
async fn planned(s: &WebState, ctx: &Ctx, f: &Form) -> Result<Itinerary, Response> {
    let errors = match plan(s, ctx, f).await {
        Ok(Some(it)) => return Ok(it),
        Ok(None) => vec![format!("from: {}", ctx.t("itinerary-field-from"))],
        Err(e) => e,
    };
    let mut page = render_page(ctx, f.clone(), None, errors);
    *page.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Err(page)
}

async fn ics(State(s): State<WebState>, ctx: Ctx, Query(f): Query<Form>) -> Response {
    guard!(ctx.require_staff());
    match planned(&s, &ctx, &f).await {
        Ok(it) => crate::pages::calendar::ics_response(&ctx, it.ics(ctx.lang, s.app.now()), "itinerary.ics"),
        Err(page) => page,
    }
}

async fn json(State(s): State<WebState>, ctx: Ctx, Query(f): Query<Form>) -> Response {
    guard!(ctx.require_staff());
    let it = match planned(&s, &ctx, &f).await {
        Ok(it) => it,
        Err(page) => return page,
    };
    let body = ok_or_page!(
        &ctx,
        serde_json::to_string_pretty(&it.view(ctx.lang)).map_err(|e| kizuna_app::AppError::BadFile(e.to_string()))
    );
    ctx.finish(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

/// The plan as a printable PDF in the reader's language, laid out by the
/// document engine (on the blocking pool).
async fn pdf(State(s): State<WebState>, ctx: Ctx, Query(f): Query<Form>) -> Response {
    guard!(ctx.require_staff());
    let it = match planned(&s, &ctx, &f).await {
        Ok(it) => it,
        Err(page) => return page,
    };
    let bytes = ok_or_page!(
        &ctx,
        s.app.itinerary_pdf(&it, ctx.lang, crate::api::booklet_fonts()).await
    );
    let name = format!("itinerary-{}-{}.pdf", it.options.from, ctx.lang.code());
    ctx.finish(
        (
            [
                (header::CONTENT_TYPE, "application/pdf".to_owned()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
            ],
            bytes,
        )
            .into_response(),
    )
}
