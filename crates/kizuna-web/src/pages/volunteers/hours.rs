//! The volunteer's own pages: `/volunteer` (their placements, hours
//! approved and pending, recent entries), `/volunteer/hours` (the list and
//! the form to log), an entry's edit and delete while pending (another's
//! entry is refused with 403, their own reviewed one with 409, each a page
//! saying why in the reader's language), and `/volunteer/reports`. Staff
//! review the entries at `/console/hours` ([`super::hours_console`]).

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use kizuna_app::AppError;
use kizuna_app::volunteers::hours::{EntryView, HoursActor, NewHours};
use kizuna_domain::FieldError;
use kizuna_domain::common::{Id, LocalText, Text};
use kizuna_domain::volunteers::hours::{EntryStatus, Hours, Refusal, format_minutes};
use kizuna_domain::volunteers::placement::Placement;

use super::hours_console;
use crate::acting::Acting;
use crate::pages::training::console::FormState;
use crate::pages::{message, render};
use crate::session::{Ctx, WebState};

pub fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
        .route("/volunteer", get(home))
        .route("/volunteer/hours", get(hours_page).post(log))
        .route("/volunteer/hours/{id}/edit", get(edit_form).post(edit_save))
        .route("/volunteer/hours/{id}/delete", post(delete))
        .route("/volunteer/reports", get(reports))
        .merge(hours_console::routes())
}

macro_rules! guard {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(r) => return r,
        }
    };
}
pub(super) use guard;

/// A volunteer account acting on hours; anyone else is refused
/// (anonymous visitors sent to sign in, other accounts told on a page).
fn require_volunteer(ctx: &Ctx) -> Result<HoursActor, Response> {
    let user = ctx.require_user()?;
    if !ctx.is_volunteer() {
        return Err(message(
            ctx,
            StatusCode::FORBIDDEN,
            "forbidden-title",
            "hours-volunteer-only",
        ));
    }
    HoursActor::of(user).ok_or_else(|| message(ctx, StatusCode::FORBIDDEN, "forbidden-title", "hours-volunteer-only"))
}

pub(super) fn failed(ctx: &Ctx, e: AppError) -> Response {
    match e {
        AppError::NotFound { .. } => message(ctx, StatusCode::NOT_FOUND, "not-found-title", "not-found-body"),
        other => {
            tracing::error!(error = %other, "hours page failed");
            message(ctx, StatusCode::SERVICE_UNAVAILABLE, "error-title", "error-database")
        }
    }
}

/// 403 for another's entry, 409 for one's own reviewed entry.
fn refusal(ctx: &Ctx, r: Refusal) -> Response {
    match r {
        Refusal::Forbidden => message(ctx, StatusCode::FORBIDDEN, "forbidden-title", "hours-not-yours"),
        Refusal::Reviewed(EntryStatus::Rejected) => {
            message(ctx, StatusCode::CONFLICT, "hours-locked-title", "hours-locked-rejected")
        }
        Refusal::Reviewed(_) => message(ctx, StatusCode::CONFLICT, "hours-locked-title", "hours-locked-approved"),
    }
}

pub(super) fn status_label(ctx: &Ctx, s: EntryStatus) -> String {
    ctx.t(&format!("hours-status-{s}"))
}

pub(super) fn scheme_label(ctx: &Ctx, p: &Placement) -> String {
    ctx.t(&format!("hours-scheme-{}", p.fields.scheme))
}

/// An entry as listed.
pub(super) struct Line {
    pub id: Id,
    pub version: i64,
    pub day: String,
    pub hours: String,
    pub activity: String,
    pub report: String,
    pub status: String,
    pub status_code: &'static str,
    pub note: String,
    pub placement: String,
    pub editable: bool,
}

pub(super) fn line(ctx: &Ctx, v: &EntryView) -> Line {
    let f = &v.entry.fields;
    Line {
        id: v.entry.id,
        version: v.entry.version,
        day: ctx.date(&f.worked_on),
        hours: f.hours.to_string(),
        activity: f.activity.to_string(),
        report: f.report.as_ref().map(|r| ctx.local(r)).unwrap_or_default(),
        status: status_label(ctx, f.status),
        status_code: f.status.as_str(),
        note: f.review_note.as_ref().map(ToString::to_string).unwrap_or_default(),
        placement: format!(
            "{} · {}",
            scheme_label(ctx, &v.placement),
            ctx.local(&v.placement.fields.area)
        ),
        editable: f.status == EntryStatus::Pending,
    }
}

struct PlacementLine {
    id: Id,
    label: String,
    dates: String,
}

#[derive(Template)]
#[template(path = "volunteers/hours/home.html")]
struct HomePage<'a> {
    ctx: &'a Ctx,
    placements: Vec<PlacementLine>,
    approved: String,
    pending: String,
    lines: Vec<Line>,
}

fn placement_lines(ctx: &Ctx, list: &[Placement]) -> Vec<PlacementLine> {
    list.iter()
        .map(|p| PlacementLine {
            id: p.id,
            label: format!(
                "{} · {}",
                ctx.t(&format!("hours-scheme-{}", p.fields.scheme)),
                ctx.local(&p.fields.area)
            ),
            dates: format!(
                "{} – {}",
                ctx.date(&p.fields.actual_starts_on.unwrap_or(p.fields.planned_starts_on)),
                ctx.date(&p.fields.actual_ends_on.unwrap_or(p.fields.planned_ends_on))
            ),
        })
        .collect()
}

async fn home(State(s): State<WebState>, ctx: Ctx) -> Response {
    let actor = guard!(require_volunteer(&ctx));
    let person = person_of(actor);
    let placements = guard!(s.app.placements_of_person(person).await.map_err(|e| failed(&ctx, e)));
    let entries = guard!(s.app.entries_of_person(person).await.map_err(|e| failed(&ctx, e)));
    let sum = |st: EntryStatus| {
        entries
            .iter()
            .filter(|e| e.entry.fields.status == st)
            .map(|e| i64::from(e.entry.fields.hours.minutes()))
            .sum::<i64>()
    };
    render(
        &ctx,
        &HomePage {
            ctx: &ctx,
            placements: placement_lines(&ctx, &placements),
            approved: format_minutes(sum(EntryStatus::Approved)),
            pending: format_minutes(sum(EntryStatus::Pending)),
            lines: entries.iter().take(5).map(|e| line(&ctx, e)).collect(),
        },
    )
}

/// The person a volunteer account is (an account without one sees nothing:
/// no person has id 0).
fn person_of(actor: HoursActor) -> Id {
    match actor.editor {
        kizuna_domain::volunteers::hours::Editor::Volunteer(Some(p)) => p,
        _ => 0,
    }
}

#[derive(Template)]
#[template(path = "volunteers/hours/list.html")]
struct HoursPage<'a> {
    ctx: &'a Ctx,
    placements: Vec<PlacementLine>,
    lines: Vec<Line>,
    form: FormState,
    notice: Option<String>,
    reports_only: bool,
}

#[derive(serde::Deserialize)]
struct Done {
    done: Option<String>,
}

async fn list_page(
    s: &WebState,
    ctx: &Ctx,
    actor: HoursActor,
    form: FormState,
    notice: Option<String>,
    reports_only: bool,
) -> Response {
    let person = person_of(actor);
    let placements = guard!(s.app.placements_of_person(person).await.map_err(|e| failed(ctx, e)));
    let entries = guard!(s.app.entries_of_person(person).await.map_err(|e| failed(ctx, e)));
    let status = if form.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let mut r = render(
        ctx,
        &HoursPage {
            ctx,
            placements: placement_lines(ctx, &placements),
            lines: entries
                .iter()
                .filter(|e| !reports_only || e.entry.fields.report.is_some())
                .map(|e| line(ctx, e))
                .collect(),
            form,
            notice,
            reports_only,
        },
    );
    *r.status_mut() = status;
    r
}

async fn hours_page(State(s): State<WebState>, ctx: Ctx, Query(q): Query<Done>) -> Response {
    let actor = guard!(require_volunteer(&ctx));
    let notice = q
        .done
        .filter(|d| ["logged", "saved", "deleted"].contains(&d.as_str()))
        .map(|d| ctx.t(&format!("hours-done-{d}")));
    let mut form = FormState::default();
    form.set("worked_on", s.app.today());
    form.set("report_lang", ctx.lang.code());
    list_page(&s, &ctx, actor, form, notice, false).await
}

async fn reports(State(s): State<WebState>, ctx: Ctx) -> Response {
    let actor = guard!(require_volunteer(&ctx));
    list_page(&s, &ctx, actor, FormState::default(), None, true).await
}

/// The form's values as an entry, or the fields to fix.
pub(super) fn read_form(form: &FormState) -> Result<NewHours, Vec<FieldError>> {
    let mut errors = Vec::new();
    let placement_id = form.v("placement_id").parse::<Id>().ok().filter(|i| *i > 0);
    if placement_id.is_none() {
        errors.push(FieldError::new("placement_id", "required", "choose a placement"));
    }
    let worked_on = chrono::NaiveDate::parse_from_str(form.v("worked_on").trim(), "%Y-%m-%d").ok();
    if worked_on.is_none() {
        errors.push(FieldError::new("worked_on", "invalid_date", "not a date"));
    }
    let hours = Hours::parse(form.v("hours"))
        .map_err(|e| errors.push(e.at("hours")))
        .ok();
    let activity = Text::parse(form.v("activity"))
        .map_err(|e| errors.push(e.at("activity")))
        .ok();
    let report = match Text::parse_optional(Some(form.v("report"))) {
        Ok(None) => None,
        Ok(Some(t)) => {
            let lang = match form.v("report_lang") {
                l @ ("en" | "ja" | "th" | "ms") => l,
                _ => kizuna_domain::common::guess_language(t.as_str()),
            };
            let pick = |l: &str| (lang == l).then_some(t.as_str());
            LocalText::parse(pick("en"), pick("ja"), pick("th"), pick("ms"))
                .map_err(|e| errors.push(e.at("report")))
                .ok()
        }
        Err(e) => {
            errors.push(e.at("report"));
            None
        }
    };
    match (placement_id, worked_on, hours, activity, errors.is_empty()) {
        (Some(placement_id), Some(worked_on), Some(hours), Some(activity), true) => Ok(NewHours {
            placement_id,
            worked_on,
            hours,
            activity,
            report,
            check_in: form.v("source") == "check_in",
        }),
        _ => Err(errors),
    }
}

async fn log(
    State(s): State<WebState>,
    ctx: Ctx,
    Acting(app): Acting,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let actor = guard!(require_volunteer(&ctx));
    let mut form = FormState::from_pairs(&pairs);
    guard!(ctx.check_csrf(form.v("csrf")));
    let new = match read_form(&form) {
        Ok(n) => n,
        Err(errs) => {
            errs.iter().for_each(|e| form.add(&ctx, e));
            return list_page(&s, &ctx, actor, form, None, false).await;
        }
    };
    match app.log_hours(actor, new).await {
        Ok(Ok(_)) => ctx.finish(Redirect::to("/volunteer/hours?done=logged").into_response()),
        Ok(Err(r)) => refusal(&ctx, r),
        Err(e) => match form.refused(e) {
            Ok(errs) => {
                errs.iter().for_each(|e| form.add(&ctx, e));
                list_page(&s, &ctx, actor, form, None, false).await
            }
            Err(e) => failed(&ctx, e),
        },
    }
}

#[derive(Template)]
#[template(path = "volunteers/hours/edit.html")]
struct EditPage<'a> {
    ctx: &'a Ctx,
    id: Id,
    placement: String,
    form: FormState,
}

fn parse_id(ctx: &Ctx, raw: &str) -> Result<Id, Response> {
    raw.parse::<Id>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| message(ctx, StatusCode::NOT_FOUND, "not-found-title", "not-found-body"))
}

fn edit_page(ctx: &Ctx, v: &EntryView, form: FormState) -> Response {
    let status = if form.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let mut r = render(
        ctx,
        &EditPage {
            ctx,
            id: v.entry.id,
            placement: line(ctx, v).placement,
            form,
        },
    );
    *r.status_mut() = status;
    r
}

/// The entry if the volunteer may change it: 403 another's, 409 reviewed.
async fn editable(s: &WebState, ctx: &Ctx, actor: HoursActor, id: Id) -> Result<EntryView, Response> {
    let v = match s.app.hours_entry(actor, id).await {
        Ok(Ok(v)) => v,
        Ok(Err(r)) => return Err(refusal(ctx, r)),
        Err(e) => return Err(failed(ctx, e)),
    };
    if v.entry.fields.status != EntryStatus::Pending {
        return Err(refusal(ctx, Refusal::Reviewed(v.entry.fields.status)));
    }
    Ok(v)
}

async fn edit_form(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    let actor = guard!(require_volunteer(&ctx));
    let id = guard!(parse_id(&ctx, &id));
    let v = guard!(editable(&s, &ctx, actor, id).await);
    let f = &v.entry.fields;
    let mut form = FormState::default();
    form.set("version", v.entry.version);
    form.set("placement_id", f.placement_id);
    form.set("worked_on", f.worked_on);
    form.set("hours", f.hours);
    form.set("activity", &f.activity);
    if let Some((lang, text)) = f.report.as_ref().and_then(|r| r.iter().next()) {
        form.set("report", text);
        form.set("report_lang", lang);
    }
    edit_page(&ctx, &v, form)
}

async fn edit_save(
    State(s): State<WebState>,
    ctx: Ctx,
    Acting(app): Acting,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let actor = guard!(require_volunteer(&ctx));
    let id = guard!(parse_id(&ctx, &id));
    let mut form = FormState::from_pairs(&pairs);
    guard!(ctx.check_csrf(form.v("csrf")));
    let v = guard!(editable(&s, &ctx, actor, id).await);
    form.set("placement_id", v.entry.fields.placement_id);
    let version = form.v("version").parse::<i64>().unwrap_or(v.entry.version);
    let new = match read_form(&form) {
        Ok(n) => n,
        Err(errs) => {
            errs.iter().for_each(|e| form.add(&ctx, e));
            return edit_page(&ctx, &v, form);
        }
    };
    match app.edit_hours(actor, id, version, new).await {
        Ok(Ok(_)) => ctx.finish(Redirect::to("/volunteer/hours?done=saved").into_response()),
        Ok(Err(r)) => refusal(&ctx, r),
        Err(e) => match form.refused(e) {
            Ok(errs) => {
                errs.iter().for_each(|e| form.add(&ctx, e));
                edit_page(&ctx, &v, form)
            }
            Err(e) => failed(&ctx, e),
        },
    }
}

async fn delete(
    State(s): State<WebState>,
    ctx: Ctx,
    Acting(app): Acting,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let actor = guard!(require_volunteer(&ctx));
    let id = guard!(parse_id(&ctx, &id));
    let form = FormState::from_pairs(&pairs);
    guard!(ctx.check_csrf(form.v("csrf")));
    guard!(editable(&s, &ctx, actor, id).await);
    match app.delete_hours(actor, id).await {
        Ok(Ok(())) => ctx.finish(Redirect::to("/volunteer/hours?done=deleted").into_response()),
        Ok(Err(r)) => refusal(&ctx, r),
        Err(e) => failed(&ctx, e),
    }
}
