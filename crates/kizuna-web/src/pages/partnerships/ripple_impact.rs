//! Impact reports (staff): `/console/impact` across every partnership
//! programme and `/console/partnerships/{id}/impact` for one, optionally
//! for one fiscal year (`?fy=2018`), as a printable page and as `.json`,
//! `.csv` and `.xlsx` beside it. The figures come from
//! `kizuna_app::partnerships::report`, the same as `kizuna outcomes report`.

use askama::Template;
use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use kizuna_app::partnerships::report::{
    Impact, impact_csv, impact_title, impact_xlsx, kind_label, side_label, verdict_label,
};
use kizuna_domain::common::{FiscalYear, Id};

use super::ripple::{no_programme, partnership_programme, query_pairs, unavailable};
use crate::pages::{message, render};
use crate::session::{Ctx, WebState};

pub fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
        .route("/console/impact", get(all_page))
        .route("/console/impact.json", get(all_json))
        .route("/console/impact.csv", get(all_csv))
        .route("/console/impact.xlsx", get(all_xlsx))
        .route("/console/partnerships/{id}/impact", get(one_page))
        .route("/console/partnerships/{id}/impact.json", get(one_json))
        .route("/console/partnerships/{id}/impact.csv", get(one_csv))
        .route("/console/partnerships/{id}/impact.xlsx", get(one_xlsx))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum As {
    Page,
    Json,
    Csv,
    Xlsx,
}

struct CountRow {
    label: String,
    japan: usize,
    abroad: usize,
    both: usize,
    total: usize,
}

struct OutcomeRow {
    date: String,
    year: String,
    title: String,
    kind: String,
    side: String,
    verdict: String,
}

#[derive(Template)]
#[template(path = "ripple/impact.html")]
struct ImpactPage<'a> {
    ctx: &'a Ctx,
    title: String,
    action: String,
    years: Vec<(i32, String, bool)>,
    by_kind: Vec<CountRow>,
    by_year: Vec<CountRow>,
    total: CountRow,
    outcomes: Vec<OutcomeRow>,
    chains: Vec<String>,
    /// (href, label) of each download.
    downloads: Vec<(String, &'static str)>,
    graph_href: String,
}

/// The fiscal year asked for: none, a year, or an error answer.
fn year_of(ctx: &Ctx, raw: Option<&str>) -> Result<Option<i32>, Response> {
    match query_pairs(raw).get("fy") {
        None => Ok(None),
        Some(v) => FiscalYear::parse(v)
            .map(|y| Some(y.year()))
            .map_err(|_| message(ctx, StatusCode::BAD_REQUEST, "error-title", "ripple-bad-year")),
    }
}

async fn answer(s: &WebState, ctx: &Ctx, programme: Option<Id>, raw: Option<&str>, as_: As) -> Response {
    let fy = match year_of(ctx, raw) {
        Ok(y) => y,
        Err(r) => return r,
    };
    let Ok(impact) = s.app.impact(programme, fy).await else {
        return unavailable(ctx);
    };
    let base = match programme {
        Some(id) => format!("/console/partnerships/{id}"),
        None => "/console".to_owned(),
    };
    let name = match (&impact.programme, fy) {
        (Some(p), Some(y)) => format!("impact-{}-fy{y}", p.key.replace('/', "-")),
        (Some(p), None) => format!("impact-{}", p.key.replace('/', "-")),
        (None, Some(y)) => format!("impact-fy{y}"),
        (None, None) => "impact".to_owned(),
    };
    let file = |bytes: Vec<u8>, ct: &str, ext: &str| {
        ctx.finish(
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
                .into_response(),
        )
    };
    match as_ {
        As::Json => ctx.finish(Json(&impact).into_response()),
        As::Csv => file(
            impact_csv(ctx.lang, &impact, s.app.today()),
            "text/csv; charset=utf-8",
            "csv",
        ),
        As::Xlsx => match impact_xlsx(ctx.lang, &impact, s.app.today()) {
            Ok(b) => file(
                b,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "xlsx",
            ),
            Err(e) => {
                tracing::error!(error = %e, "impact workbook failed");
                unavailable(ctx)
            }
        },
        As::Page => {
            let years = match s.app.ripple(programme, &Default::default()).await {
                Ok(r) => r.fiscal_years,
                Err(_) => return unavailable(ctx),
            };
            page(ctx, &impact, &base, fy, &years)
        }
    }
}

fn page(ctx: &Ctx, impact: &Impact, base: &str, fy: Option<i32>, years: &[i32]) -> Response {
    let row = |label: String, c: &kizuna_app::partnerships::report::SideCounts| CountRow {
        label,
        japan: c.japan,
        abroad: c.abroad,
        both: c.both,
        total: c.total,
    };
    let query = fy.map(|y| format!("?fy={y}")).unwrap_or_default();
    let graph_href = match &impact.programme {
        Some(p) => format!("/console/partnerships/{}/ripple{query}", p.id),
        None => format!("/console/ripple{query}"),
    };
    let p = ImpactPage {
        ctx,
        title: impact_title(ctx.lang, impact),
        action: format!("{base}/impact"),
        years: years.iter().map(|y| (*y, ctx.fy(y), fy == Some(*y))).collect(),
        by_kind: impact
            .by_kind
            .iter()
            .map(|r| row(kind_label(ctx.lang, r.kind), &r.counts))
            .collect(),
        by_year: impact
            .by_year
            .iter()
            .map(|r| row(ctx.fy(&r.fiscal_year), &r.counts))
            .collect(),
        total: row(ctx.t("ripple-total"), &impact.totals),
        outcomes: impact
            .outcomes
            .iter()
            .map(|o| OutcomeRow {
                date: ctx.date(&o.occurred_on),
                year: ctx.fy(&o.fiscal_year),
                title: ctx.local(&o.title),
                kind: kind_label(ctx.lang, o.kind),
                side: side_label(ctx.lang, o.side),
                verdict: verdict_label(ctx.lang, o.verdict),
            })
            .collect(),
        chains: impact
            .chains
            .iter()
            .map(|c| c.iter().map(|s| ctx.local(&s.title)).collect::<Vec<_>>().join(" → "))
            .collect(),
        downloads: vec![
            (format!("{base}/impact.json{query}"), "JSON"),
            (format!("{base}/impact.csv{query}"), "CSV"),
            (format!("{base}/impact.xlsx{query}"), "XLSX"),
        ],
        graph_href,
    };
    render(ctx, &p)
}

async fn all(s: WebState, ctx: Ctx, raw: Option<String>, as_: As) -> Response {
    if let Err(r) = ctx.require_staff() {
        return r;
    }
    answer(&s, &ctx, None, raw.as_deref(), as_).await
}

async fn one(s: WebState, ctx: Ctx, id: String, raw: Option<String>, as_: As) -> Response {
    if let Err(r) = ctx.require_staff() {
        return r;
    }
    match partnership_programme(&s, &id).await {
        Ok(Some(p)) => answer(&s, &ctx, Some(p.id), raw.as_deref(), as_).await,
        Ok(None) => no_programme(&ctx),
        Err(_) => unavailable(&ctx),
    }
}

async fn all_page(State(s): State<WebState>, ctx: Ctx, RawQuery(raw): RawQuery) -> Response {
    all(s, ctx, raw, As::Page).await
}
async fn all_json(State(s): State<WebState>, ctx: Ctx, RawQuery(raw): RawQuery) -> Response {
    all(s, ctx, raw, As::Json).await
}
async fn all_csv(State(s): State<WebState>, ctx: Ctx, RawQuery(raw): RawQuery) -> Response {
    all(s, ctx, raw, As::Csv).await
}
async fn all_xlsx(State(s): State<WebState>, ctx: Ctx, RawQuery(raw): RawQuery) -> Response {
    all(s, ctx, raw, As::Xlsx).await
}
async fn one_page(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>, RawQuery(raw): RawQuery) -> Response {
    one(s, ctx, id, raw, As::Page).await
}
async fn one_json(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>, RawQuery(raw): RawQuery) -> Response {
    one(s, ctx, id, raw, As::Json).await
}
async fn one_csv(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>, RawQuery(raw): RawQuery) -> Response {
    one(s, ctx, id, raw, As::Csv).await
}
async fn one_xlsx(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>, RawQuery(raw): RawQuery) -> Response {
    one(s, ctx, id, raw, As::Xlsx).await
}
