//! The annual report through the API: one fiscal year assembled from the
//! records of every system (`kizuna_app::report`, the same as
//! `kizuna report annual --format json` and the console's page), for staff.

use axum::Json;
use axum::response::{IntoResponse, Response};
use kizuna_domain::FieldError;
use kizuna_domain::common::FiscalYear;
use kizuna_i18n::Lang;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{AppState, no_leftovers};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::QueryMap;
use crate::session::WebState;

pub fn routes() -> OpenApiRouter<WebState> {
    OpenApiRouter::new().routes(routes!(annual_report))
}

/// A language of the API's texts: en, ja, th or ms.
#[derive(serde::Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum ApiLanguage {
    En,
    Ja,
    Th,
    Ms,
}

/// Which annual report.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct AnnualParams {
    /// The fiscal year (April to March): 2007, FY2007 or 平成19年度.
    #[param(min_length = 1, example = "2007")]
    fy: String,
    /// The reader's language (default en).
    #[param(inline)]
    lang: Option<ApiLanguage>,
}

/// The annual report (the shape of `kizuna report annual --format json`):
/// the year's and the cumulative trainee figures, courses, exchanges,
/// volunteers, outcomes, tourism figures and photos.
#[derive(ToSchema)]
#[allow(dead_code)]
struct AnnualReportBody {
    /// The year the fiscal year begins in (2007 = 2007-04-01..2008-03-31).
    fiscal_year: i32,
    /// The fiscal year as the reader writes it (e.g. 平成19年度, FY2007).
    fiscal_year_label: String,
    /// The reader's language.
    lang: String,
    first_day: chrono::NaiveDate,
    last_day: chrono::NaiveDate,
    /// The year's and the cumulative figures (`cumulative_trainees`,
    /// `cumulative_countries` as of `as_of`), by year, region and country.
    #[schema(value_type = Object)]
    trainees: serde_json::Value,
    #[schema(value_type = Vec<Object>)]
    courses: Vec<serde_json::Value>,
    #[schema(value_type = Vec<Object>)]
    delegations: Vec<serde_json::Value>,
    #[schema(value_type = Vec<Object>)]
    dispatches: Vec<serde_json::Value>,
    #[schema(value_type = Vec<Object>)]
    symposiums: Vec<serde_json::Value>,
    #[schema(value_type = Vec<Object>)]
    courtesy_calls: Vec<serde_json::Value>,
    #[schema(value_type = Vec<Object>)]
    awards: Vec<serde_json::Value>,
    #[schema(value_type = Object)]
    volunteers: serde_json::Value,
    #[schema(value_type = Object)]
    outcomes: serde_json::Value,
    #[schema(value_type = Object)]
    tourism: serde_json::Value,
    #[schema(value_type = Vec<Object>)]
    photos: Vec<serde_json::Value>,
}

/// Read `lang` (default en), naming it when it is not one of the four.
pub(crate) fn take_lang(q: &mut std::collections::BTreeMap<String, String>) -> Result<Lang, FieldError> {
    match q.remove("lang") {
        None => Ok(Lang::En),
        Some(raw) => Lang::from_code(raw.trim()).ok_or_else(|| {
            FieldError::new(
                "lang",
                "unknown_value",
                format!("\"{raw}\" is not a language; use en, ja, th or ms"),
            )
        }),
    }
}

/// The annual report of a fiscal year in a language (staff).
#[utoipa::path(get, path = "/api/v1/reports/annual", tag = "reports", operation_id = "annual_report",
    security(("bearerAuth" = [])), params(AnnualParams),
    responses((status = 200, description = "The report", body = AnnualReportBody),
              (status = 422, description = "A bad fy or lang, named", body = ErrorBody)))]
async fn annual_report(app: AppState, QueryMap(mut q): QueryMap) -> ApiResult<Response> {
    let mut errors = Vec::new();
    let fy = match q.remove("fy") {
        None => {
            errors.push(FieldError::new(
                "fy",
                "required",
                "fy is required: a fiscal year such as 2007, FY2007 or 平成19年度",
            ));
            None
        }
        Some(raw) => FiscalYear::parse(&raw).map_err(|e| errors.push(e.at("fy"))).ok(),
    };
    let lang = take_lang(&mut q).map_err(|e| errors.push(e)).ok();
    no_leftovers(&q, "fy, lang")?;
    let (Some(fy), Some(lang)) = (fy, lang) else {
        return Err(ApiError::invalid(errors));
    };
    Ok(Json(app.annual_report(fy, lang).await?).into_response())
}
