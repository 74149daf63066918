//! Halal-aware itineraries through the API: the planner's options as the
//! console's form and `kizuna itinerary plan` take them, the plan as JSON
//! (the console's `itinerary.json`) or iCalendar (`Accept: text/calendar`
//! or `format=ics`), drafted by `App::plan_itinerary`.

use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use chrono::{NaiveDate, NaiveTime, Timelike};
use kizuna_domain::FieldError;
use kizuna_domain::map::place::Assurance;
use kizuna_domain::tourism::itinerary::{Mode, Options, Start};
use kizuna_geo::prayer::Method;
use kizuna_i18n::Lang;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::reports_annual::ApiLanguage;
use super::{AppState, no_leftovers};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{JsonBody, QueryMap};
use crate::session::WebState;

pub fn routes() -> OpenApiRouter<WebState> {
    OpenApiRouter::new().routes(routes!(plan_itinerary))
}

/// The lowest halal assurance a meal stop may have.
#[derive(Deserialize, ToSchema, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum ItineraryMealLevel {
    Certified,
    SelfDeclared,
    PorkFree,
    VegetarianOptions,
}

/// How the group travels.
#[derive(Deserialize, ToSchema, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum ItineraryMode {
    Walk,
    Car,
    Bus,
}

/// A Ramadan period: its first and last day.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct ItineraryRamadanPeriod {
    first: NaiveDate,
    last: NaiveDate,
}

/// What to plan: the options of `kizuna itinerary plan`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct ItineraryPlanRequest {
    /// The first day.
    from: NaiveDate,
    /// How many days (1–14, default 1).
    #[schema(minimum = 1, maximum = 14)]
    #[serde(default)]
    days: Option<u32>,
    /// Where the tour starts: a place's id on the map, or `LAT,LON`.
    #[schema(min_length = 1, example = "12")]
    start: String,
    /// The places and sights to include (ids on the map), in any order.
    #[serde(default)]
    include: Vec<i64>,
    /// Default self_declared (Muslim-friendly).
    #[serde(default)]
    meal_level: Option<ItineraryMealLevel>,
    /// Default bus.
    #[serde(default)]
    mode: Option<ItineraryMode>,
    /// Road speed of car or bus in km/h (default 40).
    #[schema(minimum = 5, maximum = 130)]
    #[serde(default)]
    speed: Option<f64>,
    /// Farthest walk to a prayer space, metres (default 1000).
    #[schema(minimum = 50, maximum = 5000)]
    #[serde(default)]
    walk_max_m: Option<f64>,
    /// Every day is a day of Ramadan (else only days inside the periods).
    #[serde(default)]
    ramadan: bool,
    /// Ramadan periods replacing the expected ones.
    #[serde(default)]
    ramadan_periods: Vec<ItineraryRamadanPeriod>,
    /// Prayer time method (default MuslimWorldLeague; also JAKIM, KEMENAG, MUIS, Diyanet, …).
    #[schema(min_length = 1, example = "MuslimWorldLeague")]
    #[serde(default)]
    method: Option<String>,
    /// The day's start, HH:MM (default 08:00).
    #[schema(pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$")]
    #[serde(default)]
    day_start: Option<String>,
    /// The day's end, HH:MM (default 21:00).
    #[schema(pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$")]
    #[serde(default)]
    day_end: Option<String>,
    /// Language of names and words (default en).
    #[serde(default)]
    lang: Option<ApiLanguage>,
}

/// A drafted itinerary (the console's `itinerary.json`): its days with
/// their prayer times and items (stops, meals, prayer blocks with their
/// windows, travel legs), and warnings.
#[derive(ToSchema)]
#[allow(dead_code)]
struct ItineraryPlanBody {
    from: NaiveDate,
    #[schema(value_type = Vec<Object>)]
    days: Vec<serde_json::Value>,
    method: String,
    meal_level: String,
    mode: String,
    #[schema(value_type = Vec<Object>)]
    warnings: Vec<serde_json::Value>,
}

fn clock(raw: Option<&str>, default: i32, field: &str, errors: &mut Vec<FieldError>) -> i32 {
    match raw {
        None => default,
        Some(s) => match NaiveTime::parse_from_str(s.trim(), "%H:%M") {
            Ok(t) => (t.hour() * 60 + t.minute()) as i32,
            Err(_) => {
                errors.push(FieldError::new(
                    field,
                    "invalid_time",
                    format!("\"{s}\" is not a time; write HH:MM"),
                ));
                default
            }
        },
    }
}

impl ItineraryPlanRequest {
    fn options(self) -> Result<(Options, Method, Lang), Vec<FieldError>> {
        let mut errors = Vec::new();
        let s = self.start.trim();
        let start = match s.split_once(',') {
            Some((a, b)) => match (a.trim().parse::<f64>(), b.trim().parse::<f64>()) {
                (Ok(lat), Ok(lon)) if lat.is_finite() && lon.is_finite() => Some(Start::Point { lat, lon }),
                _ => None,
            },
            None => s.parse::<i64>().ok().filter(|n| *n > 0).map(Start::Place),
        };
        if start.is_none() {
            errors.push(FieldError::new(
                "start",
                "invalid",
                format!("\"{s}\" is neither a place id nor LAT,LON"),
            ));
        }
        let method = match self.method.as_deref().unwrap_or("MuslimWorldLeague").parse::<Method>() {
            Ok(m) => Some(m),
            Err(e) => {
                errors.push(FieldError::new("method", "unknown_value", e.to_string()));
                None
            }
        };
        let day_start = clock(self.day_start.as_deref(), 8 * 60, "day_start", &mut errors);
        let day_end = clock(self.day_end.as_deref(), 21 * 60, "day_end", &mut errors);
        let lang = match self.lang {
            None | Some(ApiLanguage::En) => Lang::En,
            Some(ApiLanguage::Ja) => Lang::Ja,
            Some(ApiLanguage::Th) => Lang::Th,
            Some(ApiLanguage::Ms) => Lang::Ms,
        };
        let (Some(start), Some(method)) = (start, method) else {
            return Err(errors);
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut o = Options::new(self.from, self.days.unwrap_or(1), start);
        o.include = self.include;
        o.meal_level = match self.meal_level.unwrap_or(ItineraryMealLevel::SelfDeclared) {
            ItineraryMealLevel::Certified => Assurance::Certified,
            ItineraryMealLevel::SelfDeclared => Assurance::SelfDeclared,
            ItineraryMealLevel::PorkFree => Assurance::PorkFree,
            ItineraryMealLevel::VegetarianOptions => Assurance::VegetarianOptions,
        };
        o.mode = match self.mode.unwrap_or(ItineraryMode::Bus) {
            ItineraryMode::Walk => Mode::Walk,
            ItineraryMode::Car => Mode::Car,
            ItineraryMode::Bus => Mode::Bus,
        };
        if let Some(v) = self.speed {
            o.road_kmh = v;
        }
        if let Some(v) = self.walk_max_m {
            o.walk_max_m = v;
        }
        o.ramadan = self.ramadan;
        if !self.ramadan_periods.is_empty() {
            o.ramadan_periods = self.ramadan_periods.iter().map(|p| (p.first, p.last)).collect();
        }
        o.day_start = day_start;
        o.day_end = day_end;
        o.languages = vec![lang.code().to_owned()];
        Ok((o, method, lang))
    }
}

/// Draft a halal-aware itinerary over the map's places: each prayer block
/// inside its window near a prayer space, a Friday prayer at a mosque (or
/// a warning), meals at places open then at or above the level, Ramadan's
/// iftar and suhoor. JSON, or iCalendar with `Accept: text/calendar` or
/// `format=ics`. A start or included place that is not on the map, or
/// options the planner cannot use, answer 422 naming the field.
#[utoipa::path(post, path = "/api/v1/tourism/itineraries/plan", tag = "tourism", operation_id = "plan_itinerary",
    security(("bearerAuth" = [])),
    params(("format" = Option<String>, Query, description = "json (default) or ics", pattern = "^(json|ics)$")),
    request_body = ItineraryPlanRequest,
    responses((status = 200, description = "The plan", content(
                  (ItineraryPlanBody = "application/json"),
                  (String = "text/calendar"))),
              (status = 422, description = "Options the planner cannot use, each named", body = ErrorBody)))]
async fn plan_itinerary(
    app: AppState,
    headers: HeaderMap,
    QueryMap(mut q): QueryMap,
    JsonBody(req): JsonBody<ItineraryPlanRequest>,
) -> ApiResult<Response> {
    let format = q.remove("format");
    no_leftovers(&q, "format")?;
    let ics = match format.as_deref() {
        Some("ics") => true,
        Some("json") => false,
        Some(other) => {
            return Err(ApiError::invalid(vec![FieldError::new(
                "format",
                "unknown_value",
                format!("\"{other}\" is not json or ics"),
            )]));
        }
        None => headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|a| a.contains("text/calendar")),
    };
    let (options, method, lang) = req.options().map_err(ApiError::invalid)?;
    let it = app.plan_itinerary(options, method).await?;
    if ics {
        Ok((
            [(header::CONTENT_TYPE, "text/calendar; charset=utf-8")],
            it.ics(lang, app.now()),
        )
            .into_response())
    } else {
        Ok(axum::Json(it.view(lang)).into_response())
    }
}
