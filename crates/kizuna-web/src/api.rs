//! The routes of the JSON API, from one table ([`collections`]) that the
//! OpenAPI document is generated from too.

use std::collections::BTreeMap;
use std::str::FromStr;
use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::get;
use chrono::NaiveDate;
use kizuna_app::App;
use kizuna_app::records::Entity;
use kizuna_app::training::transfer::{FileFormat, trainee_template};
use kizuna_domain::common::country::all_countries;
use kizuna_domain::common::locality::Locality;
use kizuna_domain::common::organisation::Organisation;
use kizuna_domain::common::person::Person;
use kizuna_domain::common::programme::Programme;
use kizuna_domain::exchanges::award::Award;
use kizuna_domain::training::edition::Edition;
use kizuna_domain::training::participation::Participation;
use kizuna_domain::training::session::{Attendance, Session};
use kizuna_domain::training::stats::TraineeFilter;
use kizuna_domain::{FieldError, Invalid};
use kizuna_store::Page;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::{ApiError, ApiResult};
use crate::extract::{JsonBody, QueryMap};
use crate::session::WebState;

type AppState = State<Arc<App>>;

/// One collection of records under `/api/v1/{path}`.
pub struct Collection {
    pub path: &'static str,
    /// The record's schema name (e.g. `Person`) and its input's (`PersonInput`).
    pub schema: &'static str,
    pub input_schema: &'static str,
    pub filters: Vec<&'static str>,
}

fn collection<R>(path: &'static str, schema: &'static str, input_schema: &'static str) -> Collection
where
    R: Entity,
{
    Collection {
        path,
        schema,
        input_schema,
        filters: R::FILTERS.iter().map(|(c, _)| *c).collect(),
    }
}

/// Every record collection the API serves.
pub fn collections() -> Vec<Collection> {
    vec![
        collection::<Locality>("localities", "Locality", "LocalityInput"),
        collection::<Organisation>("organisations", "Organisation", "OrganisationInput"),
        collection::<Person>("people", "Person", "PersonInput"),
        collection::<Programme>("programmes", "Programme", "ProgrammeInput"),
        collection::<Edition>("editions", "Edition", "EditionInput"),
        collection::<Participation>("participations", "Participation", "ParticipationInput"),
        collection::<Session>("sessions", "Session", "SessionInput"),
        collection::<Award>("awards", "Award", "AwardInput"),
    ]
}

fn crud<R>(router: Router<WebState>, path: &str) -> Router<WebState>
where
    R: Entity + Serialize + Send + Sync + 'static,
    R::Input: DeserializeOwned + Send + Sync + 'static,
{
    router
        .route(&format!("/api/v1/{path}"), get(list::<R>).post(create::<R>))
        .route(
            &format!("/api/v1/{path}/{{id}}"),
            get(read::<R>).put(update::<R>).delete(remove::<R>),
        )
}

pub fn routes() -> Router<WebState> {
    let mut r = Router::new()
        .route("/healthz", get(healthz))
        .route("/api/openapi.json", get(|| async { Json(crate::openapi()) }))
        .route("/api/v1/countries", get(countries))
        .route("/api/v1/reports/trainees", get(trainee_report))
        .route("/api/v1/reports/trainees/people", get(trainee_people))
        .route("/api/v1/people/{id}/roles", get(person_roles))
        .route("/api/v1/sessions/{id}/attendance", get(attendance).put(mark_attendance))
        .route("/api/v1/imports/trainees", axum::routing::post(import_trainees))
        .route("/api/v1/exports/trainees", get(export_trainees))
        .route("/api/v1/templates/trainees", get(template_trainees))
        .route("/api/v1/prayer-times", get(prayer_times))
        .route("/api/v1/qibla", get(qibla));
    r = crud::<Locality>(r, "localities");
    r = crud::<Organisation>(r, "organisations");
    r = crud::<Person>(r, "people");
    r = crud::<Programme>(r, "programmes");
    r = crud::<Edition>(r, "editions");
    r = crud::<Participation>(r, "participations");
    r = crud::<Session>(r, "sessions");
    r = crud::<Award>(r, "awards");
    r.method_not_allowed_fallback(|| async {
        ApiError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
            "this endpoint does not take that method",
        )
    })
    .layer(DefaultBodyLimit::max(20 * 1024 * 1024))
}

async fn healthz(State(app): AppState) -> Response {
    match app.store.info().await {
        Ok(info) => Json(serde_json::json!({"status": "ok", "database": info, "demo": app.store.setting("dataset").await.ok().flatten().as_deref() == Some("demo")})).into_response(),
        Err(e) => (StatusCode::SERVICE_UNAVAILABLE, Json(serde_json::json!({"status": "unavailable", "reason": e.to_string()})))
            .into_response(),
    }
}

/// A page of records with the total.
#[derive(Serialize)]
pub struct ListPage<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub limit: u32,
    pub offset: u32,
}

fn take_page(q: &mut BTreeMap<String, String>) -> ApiResult<Page> {
    let mut page = Page::default();
    let mut errors = Vec::new();
    if let Some(v) = q.remove("limit") {
        match v.parse::<u32>() {
            Ok(n) if (1..=1000).contains(&n) => page.limit = n,
            _ => errors.push(FieldError::new(
                "limit",
                "out_of_range",
                format!("limit must be a whole number from 1 to 1000, not \"{v}\""),
            )),
        }
    }
    if let Some(v) = q.remove("offset") {
        match v.parse::<u32>() {
            Ok(n) => page.offset = n,
            _ => errors.push(FieldError::new(
                "offset",
                "out_of_range",
                format!("offset must be a whole number from 0, not \"{v}\""),
            )),
        }
    }
    if errors.is_empty() {
        Ok(page)
    } else {
        Err(ApiError::invalid(errors))
    }
}

fn parse_id(raw: &str) -> ApiResult<i64> {
    match raw.parse::<i64>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(ApiError::invalid(vec![FieldError::new(
            "id",
            "invalid_id",
            format!("\"{raw}\" is not a record id (a positive whole number)"),
        )])),
    }
}

async fn list<R>(State(app): AppState, QueryMap(mut q): QueryMap) -> ApiResult<Json<ListPage<R>>>
where
    R: Entity + Serialize,
{
    let page = take_page(&mut q)?;
    let (items, total) = app.list::<R>(&q, page).await?;
    Ok(Json(ListPage {
        items,
        total,
        limit: page.limit,
        offset: page.offset,
    }))
}

async fn create<R>(State(app): AppState, JsonBody(input): JsonBody<R::Input>) -> ApiResult<(StatusCode, Json<R>)>
where
    R: Entity + Serialize,
    R::Input: 'static,
{
    Ok((StatusCode::CREATED, Json(app.create::<R>(&input).await?)))
}

async fn read<R: Entity + Serialize>(State(app): AppState, Path(id): Path<String>) -> ApiResult<Json<R>> {
    Ok(Json(app.get::<R>(parse_id(&id)?).await?))
}

async fn update<R>(
    State(app): AppState,
    Path(id): Path<String>,
    crate::extract::IfMatch(version): crate::extract::IfMatch,
    JsonBody(input): JsonBody<R::Input>,
) -> ApiResult<Json<R>>
where
    R: Entity + Serialize,
    R::Input: 'static,
{
    Ok(Json(app.update::<R>(parse_id(&id)?, version, &input).await?))
}

async fn remove<R: Entity>(State(app): AppState, Path(id): Path<String>) -> ApiResult<StatusCode> {
    app.delete::<R>(parse_id(&id)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct CountryOut {
    pub code: String,
    pub name_en: String,
    pub name_ja: String,
    pub name_th: String,
    pub name_ms: String,
    pub region: kizuna_domain::common::Region,
}

async fn countries() -> Json<Vec<CountryOut>> {
    Json(
        all_countries()
            .iter()
            .map(|c| CountryOut {
                code: c.code.to_string(),
                name_en: c.name_en.into(),
                name_ja: c.name_ja.into(),
                name_th: c.name_th.into(),
                name_ms: c.name_ms.into(),
                region: c.region,
            })
            .collect(),
    )
}

/// Read the report filter from query parameters, naming each bad one.
fn trainee_filter(q: &mut BTreeMap<String, String>) -> ApiResult<TraineeFilter> {
    let mut errors = Vec::new();
    let mut f = TraineeFilter::default();
    fn take<T>(
        q: &mut BTreeMap<String, String>,
        name: &str,
        errors: &mut Vec<FieldError>,
        parse: impl Fn(&str) -> Result<T, Invalid>,
    ) -> Option<T> {
        let raw = q.remove(name)?;
        parse(&raw).map_err(|e| errors.push(e.at(name))).ok()
    }
    f.as_of = take(q, "as_of", &mut errors, |s| {
        NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
            .map_err(|_| Invalid::new("invalid_date", format!("\"{s}\" is not a date; write YYYY-MM-DD")))
    });
    f.fiscal_year = take(q, "fiscal_year", &mut errors, kizuna_domain::common::FiscalYear::parse);
    f.country = take(q, "country", &mut errors, kizuna_domain::common::CountryCode::parse);
    f.region = take(q, "region", &mut errors, kizuna_domain::common::Region::from_str);
    f.gender = take(
        q,
        "gender",
        &mut errors,
        kizuna_domain::common::person::Gender::from_str,
    );
    f.programme_id = take(q, "programme_id", &mut errors, |s| {
        s.trim()
            .parse::<i64>()
            .map_err(|_| Invalid::new("not_a_number", format!("\"{s}\" is not a whole number")))
    });
    if errors.is_empty() {
        Ok(f)
    } else {
        Err(ApiError::invalid(errors))
    }
}

/// Refuse query parameters the endpoint does not take, naming the ones it does.
pub(crate) fn no_leftovers(q: &BTreeMap<String, String>, allowed: &str) -> ApiResult<()> {
    let errors: Vec<FieldError> = q
        .keys()
        .map(|k| FieldError::new(k, "unknown_parameter", format!("unknown parameter {k}; use {allowed}")))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::invalid(errors))
    }
}

const REPORT_PARAMS: &str = "as_of, fiscal_year, country, region, programme_id, gender";

async fn trainee_report(State(app): AppState, QueryMap(mut q): QueryMap) -> ApiResult<Response> {
    let filter = trainee_filter(&mut q)?;
    no_leftovers(&q, REPORT_PARAMS)?;
    Ok(Json(app.trainee_report(&filter).await?).into_response())
}

async fn trainee_people(State(app): AppState, QueryMap(mut q): QueryMap) -> ApiResult<Json<ListPage<Person>>> {
    let page = take_page(&mut q)?;
    let filter = trainee_filter(&mut q)?;
    no_leftovers(
        &q,
        "as_of, fiscal_year, country, region, programme_id, gender, limit, offset",
    )?;
    let (items, total) = app.trainee_drilldown(&filter, page).await?;
    Ok(Json(ListPage {
        items,
        total,
        limit: page.limit,
        offset: page.offset,
    }))
}

async fn person_roles(State(app): AppState, Path(id): Path<String>) -> ApiResult<Response> {
    Ok(Json(app.roles_of(parse_id(&id)?).await?).into_response())
}

async fn attendance(State(app): AppState, Path(id): Path<String>) -> ApiResult<Json<Vec<Attendance>>> {
    Ok(Json(app.attendance(parse_id(&id)?).await?))
}

async fn mark_attendance(
    State(app): AppState,
    Path(id): Path<String>,
    JsonBody(marks): JsonBody<Vec<Attendance>>,
) -> ApiResult<Json<Vec<Attendance>>> {
    Ok(Json(app.mark_attendance(parse_id(&id)?, &marks).await?))
}

fn file_format(q: &mut BTreeMap<String, String>, allowed: &[FileFormat]) -> ApiResult<FileFormat> {
    let raw = q.remove("format").unwrap_or_else(|| "csv".into());
    let f = match raw.as_str() {
        "csv" => FileFormat::Csv,
        "xlsx" => FileFormat::Xlsx,
        "json" => FileFormat::Json,
        _ => FileFormat::Json,
    };
    if !allowed.contains(&f) || !matches!(raw.as_str(), "csv" | "xlsx" | "json") {
        return Err(ApiError::invalid(vec![FieldError::new(
            "format",
            "unknown_value",
            format!("\"{raw}\" is not a format offered here"),
        )]));
    }
    Ok(f)
}

fn file_response(bytes: Vec<u8>, format: FileFormat, name: &str) -> Response {
    let (ct, ext) = match format {
        FileFormat::Csv => ("text/csv; charset=utf-8", "csv"),
        FileFormat::Xlsx => (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        FileFormat::Json => ("application/json", "json"),
    };
    (
        [
            (header::CONTENT_TYPE, ct.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}.{ext}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

async fn export_trainees(State(app): AppState, QueryMap(mut q): QueryMap) -> ApiResult<Response> {
    let format = file_format(&mut q, &[FileFormat::Csv, FileFormat::Xlsx, FileFormat::Json])?;
    no_leftovers(&q, "format")?;
    Ok(file_response(app.export_trainees(format).await?, format, "trainees"))
}

async fn template_trainees(QueryMap(mut q): QueryMap) -> ApiResult<Response> {
    let format = file_format(&mut q, &[FileFormat::Csv, FileFormat::Xlsx])?;
    no_leftovers(&q, "format")?;
    Ok(file_response(trainee_template(format)?, format, "trainees-template"))
}

/// The `dry_run` parameter of imports: true or false (default false).
pub(crate) fn take_dry_run(q: &mut BTreeMap<String, String>) -> ApiResult<bool> {
    match q.remove("dry_run").as_deref() {
        None | Some("false") => Ok(false),
        Some("true") => Ok(true),
        Some(other) => Err(ApiError::bad_request(
            "dry_run",
            format!("\"{other}\" is not true or false"),
        )),
    }
}

async fn import_trainees(
    State(app): AppState,
    headers: HeaderMap,
    QueryMap(mut q): QueryMap,
    body: Bytes,
) -> ApiResult<Response> {
    let dry_run = take_dry_run(&mut q)?;
    no_leftovers(&q, "dry_run")?;
    let ct = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let format = if ct.starts_with("text/csv") {
        FileFormat::Csv
    } else if ct.starts_with("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") {
        FileFormat::Xlsx
    } else {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "send the file as text/csv or as application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ));
    };
    Ok(Json(app.import_trainees(&body, format, dry_run).await?).into_response())
}

async fn prayer_times(QueryMap(mut q): QueryMap) -> ApiResult<Response> {
    let mut take = |k: &str| q.remove(k).unwrap_or_default();
    let r = kizuna_app::map::prayer::PrayerRequest {
        lat: take("lat"),
        lon: take("lon"),
        date: take("date"),
        tz: take("tz"),
        method: take("method"),
        madhab: take("madhab"),
        high_latitude_rule: take("high_latitude_rule"),
    };
    no_leftovers(&q, "lat, lon, date, tz, method, madhab, high_latitude_rule")?;
    Ok(Json(kizuna_app::map::prayer::prayer_times(&r)?).into_response())
}

async fn qibla(QueryMap(mut q): QueryMap) -> ApiResult<Response> {
    let (lat, lon) = (q.remove("lat").unwrap_or_default(), q.remove("lon").unwrap_or_default());
    no_leftovers(&q, "lat, lon")?;
    let bearing = kizuna_app::map::prayer::qibla(&lat, &lon)?;
    Ok(Json(serde_json::json!({ "bearing_deg": bearing })).into_response())
}
