//! The annual report in the console (`/console/reports/annual?fy=&lang=`):
//! a fiscal year and the report's language chosen in a GET form (so a
//! report is a link), the report shown inside the page as the same HTML
//! the command line writes, and its downloads: the self-contained HTML
//! (`annual.html`), the PDF (`annual.pdf`, made on the blocking pool) and
//! the JSON (`annual.json`). Staff only.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use kizuna_app::AppError;
use kizuna_domain::FieldError;
use kizuna_domain::common::FiscalYear;
use kizuna_i18n::Lang;

use crate::pages::render;
use crate::pages::training::console::app_error;
use crate::session::{Ctx, WebState};

pub(super) fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
        .route("/console/reports/annual", get(page))
        .route("/console/reports/annual.html", get(html))
        .route("/console/reports/annual.pdf", get(pdf))
        .route("/console/reports/annual.json", get(json))
}

/// The form, as typed.
#[derive(serde::Deserialize, Default, Clone)]
struct Form {
    fy: Option<String>,
    lang: Option<String>,
}

/// The fiscal year and language asked for (the page's language by
/// default), or the field that cannot be read.
fn read(ctx: &Ctx, f: &Form) -> Result<Option<(FiscalYear, Lang)>, FieldError> {
    let Some(fy) = f.fy.as_deref().map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let fy = FiscalYear::parse(fy).map_err(|e| FieldError::new("fy", "invalid", e.to_string()))?;
    let lang = match f.lang.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => ctx.lang,
        Some(l) => Lang::from_code(l).ok_or_else(|| FieldError::new("lang", "invalid", "en, ja, th or ms"))?,
    };
    Ok(Some((fy, lang)))
}

/// The query string of a chosen report.
fn query(fy: FiscalYear, lang: Lang) -> String {
    format!("fy={}&lang={}", fy.year(), lang.code())
}

#[derive(Template)]
#[template(path = "reports/annual.html")]
struct AnnualPage<'a> {
    ctx: &'a Ctx,
    fy: String,
    lang: &'static str,
    langs: Vec<(&'static str, &'static str)>,
    error: Option<String>,
    query: Option<String>,
    report: Option<String>,
}

async fn page(State(s): State<WebState>, ctx: Ctx, Query(f): Query<Form>) -> Response {
    if let Err(r) = ctx.require_staff() {
        return r;
    }
    let app = crate::acting::for_ctx(&s, &ctx);
    let (mut error, mut chosen) = (None, None);
    match read(&ctx, &f) {
        Ok(c) => chosen = c,
        Err(_) => error = Some(ctx.t("annual-error-fy")),
    }
    let mut report = None;
    if let Some((fy, lang)) = chosen {
        match app.annual_report(fy, lang).await {
            Ok(r) => report = Some(kizuna_app::report::html::fragment(&r)),
            Err(e) => return app_error(&ctx, e),
        }
    }
    let page = AnnualPage {
        ctx: &ctx,
        fy: f.fy.clone().unwrap_or_default(),
        lang: chosen.map_or(ctx.lang, |(_, l)| l).code(),
        langs: Lang::ALL.iter().map(|l| (l.code(), l.native_name())).collect(),
        error,
        query: chosen.map(|(fy, l)| query(fy, l)),
        report,
    };
    render(&ctx, &page)
}

/// The chosen report; else the form with what is wrong said beside it,
/// answered 422 (a download asked without a fiscal year, or with one that
/// cannot be read).
fn chosen(ctx: &Ctx, f: &Form) -> Result<(FiscalYear, Lang), Response> {
    if let Ok(Some(c)) = read(ctx, f) {
        return Ok(c);
    }
    let page = AnnualPage {
        ctx,
        fy: f.fy.clone().unwrap_or_default(),
        lang: ctx.lang.code(),
        langs: Lang::ALL.iter().map(|l| (l.code(), l.native_name())).collect(),
        error: Some(ctx.t("annual-error-fy")),
        query: None,
        report: None,
    };
    let mut r = render(ctx, &page);
    *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Err(r)
}

fn download(ctx: &Ctx, body: Vec<u8>, content_type: &'static str, name: String) -> Response {
    let mut r = body.into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    ctx.finish(r)
}

fn file_name(fy: FiscalYear, lang: Lang, ext: &str) -> String {
    format!("annual-report-fy{}-{}.{ext}", fy.year(), lang.code())
}

/// The report as a file to download.
#[derive(Clone, Copy)]
enum Download {
    Html,
    Pdf,
    Json,
}

async fn download_as(s: WebState, ctx: Ctx, f: Form, kind: Download) -> Response {
    if let Err(r) = ctx.require_staff() {
        return r;
    }
    let (fy, lang) = match chosen(&ctx, &f) {
        Ok(c) => c,
        Err(r) => return r,
    };
    let app = crate::acting::for_ctx(&s, &ctx);
    let file = match kind {
        Download::Pdf => app
            .annual_report_pdf(fy, lang, crate::api::booklet_fonts())
            .await
            .map(|bytes| (bytes, "application/pdf", "pdf")),
        Download::Html => app.annual_report(fy, lang).await.map(|r| {
            (
                kizuna_app::report::html::document(&r).into_bytes(),
                "text/html; charset=utf-8",
                "html",
            )
        }),
        Download::Json => app.annual_report(fy, lang).await.and_then(|r| {
            serde_json::to_vec_pretty(&r)
                .map(|body| (body, "application/json", "json"))
                .map_err(|e| AppError::BadFile(e.to_string()))
        }),
    };
    match file {
        Ok((body, content_type, ext)) => download(&ctx, body, content_type, file_name(fy, lang, ext)),
        Err(e) => app_error(&ctx, e),
    }
}

async fn html(State(s): State<WebState>, ctx: Ctx, Query(f): Query<Form>) -> Response {
    download_as(s, ctx, f, Download::Html).await
}

async fn pdf(State(s): State<WebState>, ctx: Ctx, Query(f): Query<Form>) -> Response {
    download_as(s, ctx, f, Download::Pdf).await
}

async fn json(State(s): State<WebState>, ctx: Ctx, Query(f): Query<Form>) -> Response {
    download_as(s, ctx, f, Download::Json).await
}
