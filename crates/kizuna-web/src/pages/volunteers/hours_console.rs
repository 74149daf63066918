//! The staff's side of volunteers' hours: `/console/hours`, the review
//! queue (pending entries, oldest first; approve, reject with a reason,
//! approve the selected at once; entries staff log from a check-in, approved
//! as logged; the latest reviewed entries, each reopened with a reason;
//! which schemes approve volunteers' own entries on creation), and `/console/hours/report` (approved hours of a
//! fiscal year by programme, locality, scheme or person, with its CSV).

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use kizuna_app::volunteers::hours::{HoursActor, HoursReport};
use kizuna_app::volunteers::placements::PlacementFilter;
use kizuna_domain::common::{FiscalYear, Id, Text};
use kizuna_domain::volunteers::hours::{Decision, ReportBy, format_minutes};
use kizuna_domain::volunteers::placement::Scheme;
use kizuna_io::report::{Cell, Report, Table};

use super::hours::{Line, failed, guard, line, read_form};
use crate::acting::Acting;
use crate::pages::training::console::FormState;
use crate::pages::{message, render};
use crate::session::{Ctx, WebState};

pub fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
        .route("/console/hours", get(queue).post(bulk))
        .route("/console/hours/{id}/review", post(review))
        .route("/console/hours/report", get(report_page))
        .route("/console/hours/report.csv", get(report_csv))
}

fn require_staff(ctx: &Ctx) -> Result<HoursActor, Response> {
    let user = ctx.require_staff()?;
    HoursActor::of(user).ok_or_else(|| message(ctx, StatusCode::FORBIDDEN, "forbidden-title", "hours-staff-only"))
}

#[derive(Template)]
#[template(path = "volunteers/hours/queue.html")]
struct QueuePage<'a> {
    ctx: &'a Ctx,
    lines: Vec<Line>,
    /// The latest approved or rejected entries, to reopen.
    reviewed: Vec<Line>,
    /// Every placement, for a check-in entry: (id, volunteer · scheme · area).
    placements: Vec<(Id, String)>,
    /// The check-in form as typed, with its errors.
    form: FormState,
    schemes: Vec<(&'static str, String, bool)>,
    notice: Option<String>,
    alert: Option<String>,
}

/// How many reviewed entries the queue offers to reopen.
const REVIEWED_SHOWN: usize = 30;

#[derive(serde::Deserialize)]
struct QueueQuery {
    done: Option<String>,
    scheme: Option<String>,
}

async fn queue_page(
    s: &WebState,
    ctx: &Ctx,
    scheme: Option<Scheme>,
    notice: Option<String>,
    alert: Option<String>,
    form: FormState,
) -> Response {
    let list = guard!(s.app.hours_queue(scheme, None).await.map_err(|e| failed(ctx, e)));
    let reviewed = guard!(s.app.hours_reviewed(REVIEWED_SHOWN).await.map_err(|e| failed(ctx, e)));
    let rows = guard!(
        s.app
            .placement_rows(&PlacementFilter::default())
            .await
            .map_err(|e| failed(ctx, e))
    );
    let settings = guard!(s.app.self_attestations().await.map_err(|e| failed(ctx, e)));
    let status = if alert.is_some() || form.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let mut r = render(
        ctx,
        &QueuePage {
            ctx,
            lines: list.iter().map(|v| line(ctx, v)).collect(),
            reviewed: reviewed.iter().map(|v| line(ctx, v)).collect(),
            placements: rows
                .iter()
                .map(|r| {
                    let p = &r.placement;
                    let label = format!(
                        "{} · {} · {}",
                        r.person_name,
                        ctx.t(&format!("hours-scheme-{}", p.fields.scheme)),
                        ctx.local(&p.fields.area)
                    );
                    (p.id, label)
                })
                .collect(),
            form,
            schemes: settings
                .into_iter()
                .map(|(s, on)| (s.as_str(), ctx.t(&format!("hours-scheme-{s}")), on))
                .collect(),
            notice,
            alert,
        },
    );
    *r.status_mut() = status;
    r
}

async fn queue(State(s): State<WebState>, ctx: Ctx, Query(q): Query<QueueQuery>) -> Response {
    guard!(require_staff(&ctx));
    let notice = q
        .done
        .filter(|d| ["approved", "rejected", "reopened", "settings", "checked-in"].contains(&d.as_str()))
        .map(|d| ctx.t(&format!("hours-done-{d}")));
    let scheme = q.scheme.and_then(|s| s.parse().ok());
    queue_page(&s, &ctx, scheme, notice, None, FormState::default()).await
}

/// Approve the selected entries (`id` = "ID:VERSION", repeated), save
/// the schemes' self-attestation settings (`action=settings`), or log a
/// volunteer's hours from a check-in (`action=check_in`).
async fn bulk(
    State(s): State<WebState>,
    ctx: Ctx,
    Acting(app): Acting,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let actor = guard!(require_staff(&ctx));
    let form = FormState::from_pairs(&pairs);
    guard!(ctx.check_csrf(form.v("csrf")));
    if form.v("action") == "settings" {
        for scheme in Scheme::ALL {
            let on = pairs
                .iter()
                .any(|(k, v)| k == "self_attestation" && v == scheme.as_str());
            if let Err(e) = app.set_self_attestation(*scheme, on).await {
                return failed(&ctx, e);
            }
        }
        return ctx.finish(Redirect::to("/console/hours?done=settings").into_response());
    }
    if form.v("action") == "check_in" {
        let mut form = form;
        let new = match read_form(&form) {
            Ok(n) => n,
            Err(errs) => {
                errs.iter().for_each(|e| form.add(&ctx, e));
                return queue_page(&s, &ctx, None, None, None, form).await;
            }
        };
        let new = kizuna_app::volunteers::hours::NewHours { check_in: true, ..new };
        return match app.log_hours(actor, new).await {
            Ok(Ok(_)) => ctx.finish(Redirect::to("/console/hours?done=checked-in").into_response()),
            Ok(Err(_)) => message(&ctx, StatusCode::FORBIDDEN, "forbidden-title", "hours-staff-only"),
            Err(e) => match form.refused(e) {
                Ok(errs) => {
                    errs.iter().for_each(|e| form.add(&ctx, e));
                    queue_page(&s, &ctx, None, None, None, form).await
                }
                Err(e) => failed(&ctx, e),
            },
        };
    }
    let chosen: Vec<(Id, i64)> = pairs
        .iter()
        .filter(|(k, _)| k == "id")
        .filter_map(|(_, v)| v.split_once(':'))
        .filter_map(|(i, v)| Some((i.parse().ok()?, v.parse().ok()?)))
        .collect();
    if chosen.is_empty() {
        return queue_page(
            &s,
            &ctx,
            None,
            None,
            Some(ctx.t("hours-none-chosen")),
            FormState::default(),
        )
        .await;
    }
    for (id, version) in chosen {
        match app.review_hours(actor, id, version, Decision::Approve).await {
            Ok(_) => {}
            Err(kizuna_app::AppError::Invalid(_) | kizuna_app::AppError::Conflict { .. }) => {
                return queue_page(
                    &s,
                    &ctx,
                    None,
                    None,
                    Some(ctx.t("hours-changed-meanwhile")),
                    FormState::default(),
                )
                .await;
            }
            Err(e) => return failed(&ctx, e),
        }
    }
    ctx.finish(Redirect::to("/console/hours?done=approved").into_response())
}

async fn review(
    State(s): State<WebState>,
    ctx: Ctx,
    Acting(app): Acting,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let actor = guard!(require_staff(&ctx));
    let form = FormState::from_pairs(&pairs);
    guard!(ctx.check_csrf(form.v("csrf")));
    let Some(id) = id.parse::<Id>().ok().filter(|i| *i > 0) else {
        return message(&ctx, StatusCode::NOT_FOUND, "not-found-title", "not-found-body");
    };
    let version = form.v("version").parse::<i64>().unwrap_or(0);
    let reason = Text::parse(form.v("reason")).ok();
    let (decision, done) = match (form.v("decision"), reason) {
        ("approve", _) => (Decision::Approve, "approved"),
        ("reject", Some(r)) => (Decision::Reject(r), "rejected"),
        ("reopen", Some(r)) => (Decision::Reopen(r), "reopened"),
        ("reject" | "reopen", None) => {
            return queue_page(
                &s,
                &ctx,
                None,
                None,
                Some(ctx.t("hours-reason-required")),
                FormState::default(),
            )
            .await;
        }
        _ => {
            return queue_page(
                &s,
                &ctx,
                None,
                None,
                Some(ctx.t("hours-decision-unknown")),
                FormState::default(),
            )
            .await;
        }
    };
    match app.review_hours(actor, id, version, decision).await {
        Ok(Ok(_)) => ctx.finish(Redirect::to(&format!("/console/hours?done={done}")).into_response()),
        Ok(Err(_)) => message(&ctx, StatusCode::FORBIDDEN, "forbidden-title", "hours-staff-only"),
        Err(kizuna_app::AppError::Invalid(_) | kizuna_app::AppError::Conflict { .. }) => {
            queue_page(
                &s,
                &ctx,
                None,
                None,
                Some(ctx.t("hours-changed-meanwhile")),
                FormState::default(),
            )
            .await
        }
        Err(e) => failed(&ctx, e),
    }
}

struct ReportLine {
    labels: Vec<String>,
    hours: String,
    entries: String,
}

#[derive(Template)]
#[template(path = "volunteers/hours/report.html")]
struct ReportPage<'a> {
    ctx: &'a Ctx,
    fy: i32,
    fy_label: String,
    years: Vec<i32>,
    dims: Vec<(&'static str, String, bool)>,
    header: Vec<String>,
    lines: Vec<ReportLine>,
    total: String,
    query: String,
}

/// The fiscal year and dimensions asked (this fiscal year, by programme,
/// when not given); `by` may repeat or list several with commas.
fn parse_query(s: &WebState, raw: &[(String, String)]) -> (FiscalYear, Vec<ReportBy>) {
    let mut fy = FiscalYear::containing(s.app.today());
    let mut by = Vec::new();
    for (k, v) in raw {
        match k.as_str() {
            "fy" => {
                if let Ok(y) = v.parse::<FiscalYear>() {
                    fy = y;
                }
            }
            "by" => {
                for part in v.split(',') {
                    if let Ok(b) = part.trim().parse::<ReportBy>()
                        && !by.contains(&b)
                    {
                        by.push(b);
                    }
                }
            }
            _ => {}
        }
    }
    if by.is_empty() && !raw.iter().any(|(k, _)| k == "by") {
        by.push(ReportBy::Programme);
    }
    (fy, by)
}

async fn report_of(s: &WebState, ctx: &Ctx, raw: &[(String, String)]) -> Result<HoursReport, Response> {
    let (fy, by) = parse_query(s, raw);
    let app = crate::acting::for_ctx(s, ctx);
    app.hours_report(fy, &by, ctx.lang.code())
        .await
        .map_err(|e| failed(ctx, e))
}

/// A row's labels as a reader sees them: schemes named in their language.
fn shown_labels(ctx: &Ctx, by: &[ReportBy], labels: &[String]) -> Vec<String> {
    labels
        .iter()
        .zip(by)
        .map(|(l, b)| {
            if *b == ReportBy::Scheme {
                ctx.t(&format!("hours-scheme-{l}"))
            } else {
                l.clone()
            }
        })
        .collect()
}

fn dim_label(ctx: &Ctx, b: ReportBy) -> String {
    ctx.t(&format!("hours-by-{b}"))
}

async fn report_page(State(s): State<WebState>, ctx: Ctx, Query(raw): Query<Vec<(String, String)>>) -> Response {
    guard!(require_staff(&ctx));
    let r = guard!(report_of(&s, &ctx, &raw).await);
    let this = FiscalYear::containing(s.app.today()).year();
    let mut years: Vec<i32> = (2014..=this).rev().collect();
    if !years.contains(&r.fiscal_year.year()) {
        years.push(r.fiscal_year.year());
    }
    let query = format!(
        "fy={}&by={}",
        r.fiscal_year.year(),
        r.by.iter().map(|b| b.as_str()).collect::<Vec<_>>().join(",")
    );
    render(
        &ctx,
        &ReportPage {
            ctx: &ctx,
            fy: r.fiscal_year.year(),
            fy_label: ctx.fy(&r.fiscal_year.year()),
            years,
            dims: ReportBy::ALL
                .iter()
                .map(|b| (b.as_str(), dim_label(&ctx, *b), r.by.contains(b)))
                .collect(),
            header: r.by.iter().map(|b| dim_label(&ctx, *b)).collect(),
            lines: r
                .rows
                .iter()
                .map(|row| ReportLine {
                    labels: shown_labels(&ctx, &r.by, &row.labels),
                    hours: format_minutes(row.minutes),
                    entries: ctx.num(row.entries as i64),
                })
                .collect(),
            total: format_minutes(r.total_minutes),
            query,
        },
    )
}

async fn report_csv(State(s): State<WebState>, ctx: Ctx, Query(raw): Query<Vec<(String, String)>>) -> Response {
    guard!(require_staff(&ctx));
    let r = guard!(report_of(&s, &ctx, &raw).await);
    let mut header: Vec<String> = r.by.iter().map(|b| dim_label(&ctx, *b)).collect();
    header.push(ctx.t("hours-col-hours"));
    header.push(ctx.t("hours-col-entries"));
    let mut rows: Vec<Vec<Cell>> = r
        .rows
        .iter()
        .map(|row| {
            let mut cells: Vec<Cell> = shown_labels(&ctx, &r.by, &row.labels)
                .into_iter()
                .map(Cell::text)
                .collect();
            cells.push(Cell::text(format_minutes(row.minutes)));
            cells.push(Cell::Number(row.entries as u64));
            cells
        })
        .collect();
    let mut total = vec![Cell::Empty; r.by.len()];
    if let Some(first) = total.first_mut() {
        *first = Cell::text(ctx.t("hours-total"));
    }
    total.push(Cell::text(format_minutes(r.total_minutes)));
    total.push(Cell::Number(r.entries as u64));
    rows.push(total);
    let report = Report {
        title: ctx.t("hours-report-title"),
        about: vec![
            (ctx.t("hours-fy"), Cell::text(ctx.fy(&r.fiscal_year.year()))),
            (ctx.t("hours-counted"), Cell::text(ctx.t("hours-approved-only"))),
        ],
        about_sheet: None,
        tables: vec![Table {
            sheet: "hours".into(),
            title: ctx.t("hours-report-title"),
            header,
            rows,
        }],
    };
    let bytes = kizuna_io::report::csv(&report);
    let name = format!("volunteer-hours-fy{}.csv", r.fiscal_year.year());
    ctx.finish(
        (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
            ],
            bytes,
        )
            .into_response(),
    )
}
