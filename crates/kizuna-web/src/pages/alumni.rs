//! Alumni in the console: the follow-ups due (each with a link to record
//! it), the follow-up form (a refusal told beside its field), a person's
//! whole history across systems, and the alumni associations by country
//! with their members. Staff only; every word from `locales/*/alumni.ftl`.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use kizuna_app::training::alumni::person_name;
use kizuna_domain::FieldError;
use kizuna_domain::common::Id;
use kizuna_domain::common::person::Person;
use kizuna_domain::training::alumni::{
    About, AlumniAssociation, Channel, FollowUp, FollowUpInput, MemberRole, Milestone, Progress,
};
use kizuna_i18n as i18n;

use crate::pages::render;
use crate::pages::training::console::{FormState, Opt, app_error, field_message, not_found, opt, parse_id};
use crate::session::{Ctx, WebState};

pub fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
        .route("/console/alumni/due", get(due_page))
        .route("/console/follow-ups/new", get(follow_up_new).post(follow_up_create))
        .route("/console/people/{id}/history", get(history_page))
        .route("/console/alumni/associations", get(associations_page))
        .route("/console/alumni/associations/{id}", get(association_page))
        .merge(edit::routes())
}

#[path = "alumni_edit.rs"]
mod edit;

macro_rules! staff {
    ($ctx:expr) => {
        if let Err(r) = $ctx.require_staff() {
            return r;
        }
    };
}

macro_rules! ok_or_page {
    ($ctx:expr, $e:expr) => {
        match $e {
            Ok(v) => v,
            Err(e) => return app_error($ctx, e),
        }
    };
}

/// A rule's message in the page's language: this page's own words for
/// the alumni rules, else the console's.
fn rule_message(ctx: &Ctx, code: &str, value: &str) -> String {
    let key = format!("alumni-error-{}", code.replace('_', "-"));
    let text = i18n::message(ctx.lang, &key, &[]);
    if text == key {
        field_message(ctx, code, value)
    } else {
        text
    }
}

fn label(ctx: &Ctx, group: &str, code: &str) -> String {
    ctx.t(&format!("alumni-{group}-{}", code.replace('_', "-")))
}

// ------------------------------------------------------------------ due

struct DueLine {
    person_id: Id,
    name: String,
    what: String,
    milestone: String,
    due_on: String,
    overdue: String,
    late: bool,
    last_contact: String,
    record: String,
}

#[derive(Template)]
#[template(path = "alumni/due.html")]
struct DuePage<'a> {
    ctx: &'a Ctx,
    notice: Option<String>,
    lines: Vec<DueLine>,
    count: String,
    within: i64,
}

#[derive(serde::Deserialize)]
struct DueQuery {
    within: Option<String>,
    done: Option<String>,
}

async fn due_page(State(s): State<WebState>, ctx: Ctx, Query(q): Query<DueQuery>) -> Response {
    staff!(ctx);
    let within = q
        .within
        .as_deref()
        .and_then(|w| w.trim().trim_end_matches('d').parse::<i64>().ok())
        .unwrap_or(30)
        .clamp(0, 3660);
    let acting = crate::acting::for_ctx(&s, &ctx);
    let rows = ok_or_page!(&ctx, acting.follow_ups_due(within).await);
    let lines = rows
        .iter()
        .map(|r| {
            let (key, id) = match r.due.about {
                About::Participation(id) => ("participation", id),
                About::Placement(id) => ("placement", id),
            };
            DueLine {
                person_id: r.due.person_id,
                name: r.person_name.clone(),
                what: ctx.local(&r.what),
                milestone: label(&ctx, "milestone", r.due.milestone.as_str()),
                due_on: ctx.date(&r.due.due_on),
                overdue: if r.due.days_overdue > 0 {
                    ctx.tn("alumni-days-overdue", "days", r.due.days_overdue)
                } else {
                    ctx.tn("alumni-days-left", "days", -r.due.days_overdue)
                },
                late: r.due.days_overdue > 0,
                last_contact: r.last_contact.map(|d| ctx.date(&d)).unwrap_or_else(|| "—".into()),
                record: format!(
                    "/console/follow-ups/new?person={}&{key}={id}&milestone={}",
                    r.due.person_id, r.due.milestone
                ),
            }
        })
        .collect::<Vec<_>>();
    let page = DuePage {
        ctx: &ctx,
        notice: q.done.map(|_| ctx.t("alumni-follow-up-saved")),
        count: ctx.tn("alumni-due-count", "count", lines.len() as i64),
        lines,
        within,
    };
    render(&ctx, &page)
}

// ------------------------------------------------------------ the form

#[derive(Template)]
#[template(path = "alumni/follow_up_form.html")]
struct FollowUpForm<'a> {
    ctx: &'a Ctx,
    /// The follow-up changed, or none for a new one.
    id: Option<Id>,
    heading: String,
    action: String,
    person: String,
    about: String,
    f: FormState,
    milestones: Vec<Opt>,
    progress: Vec<Opt>,
    channels: Vec<Opt>,
    top_errors: Vec<String>,
}

const SHOWN: &[&str] = &[
    "milestone",
    "due_on",
    "done_on",
    "progress",
    "channel",
    "evidence_url",
    "notes",
    "notes_en",
    "notes_ja",
    "notes_th",
    "notes_ms",
];

async fn follow_up_form(s: &WebState, ctx: &Ctx, id: Option<Id>, f: FormState) -> Response {
    let person = match f.v("person_id").parse::<Id>() {
        Ok(id) => match s.app.store.get::<kizuna_domain::common::person::Person>(id).await {
            Ok(p) => person_name(&p),
            Err(_) => return not_found(ctx),
        },
        Err(_) => return not_found(ctx),
    };
    let about = match (f.v("participation_id").parse::<Id>(), f.v("placement_id").parse::<Id>()) {
        (Ok(p), _) => s.app.about_title(About::Participation(p)).await,
        (_, Ok(p)) => s.app.about_title(About::Placement(p)).await,
        _ => return not_found(ctx),
    };
    let about = ok_or_page!(ctx, about);
    let errors = f.has_errors();
    let stale = f.errors.iter().any(|(field, _)| field == "version");
    let page = FollowUpForm {
        ctx,
        id,
        heading: ctx.t(if id.is_some() {
            "alumni-follow-up-edit"
        } else {
            "alumni-follow-up-new"
        }),
        action: id.map_or_else(
            || "/console/follow-ups/new".to_owned(),
            |id| format!("/console/follow-ups/{id}"),
        ),
        person,
        about: ctx.local(&about),
        milestones: Milestone::ALL
            .iter()
            .map(|m| opt(m.as_str(), label(ctx, "milestone", m.as_str()), f.v("milestone")))
            .collect(),
        progress: Progress::ALL
            .iter()
            .map(|p| opt(p.as_str(), label(ctx, "progress", p.as_str()), f.v("progress")))
            .collect(),
        channels: std::iter::once(opt("", ctx.t("alumni-none"), f.v("channel")))
            .chain(
                Channel::ALL
                    .iter()
                    .map(|c| opt(c.as_str(), label(ctx, "channel", c.as_str()), f.v("channel"))),
            )
            .collect(),
        top_errors: f.other_errors(SHOWN),
        f,
    };
    let mut r = render(ctx, &page);
    if stale {
        *r.status_mut() = axum::http::StatusCode::CONFLICT;
    } else if errors {
        *r.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    }
    r
}

#[derive(serde::Deserialize)]
struct NewQuery {
    person: Option<String>,
    participation: Option<String>,
    placement: Option<String>,
    milestone: Option<String>,
}

async fn follow_up_new(State(s): State<WebState>, ctx: Ctx, Query(q): Query<NewQuery>) -> Response {
    staff!(ctx);
    let mut f = FormState::default();
    let ids = (
        q.person.as_deref().and_then(parse_id),
        q.participation.as_deref().and_then(parse_id),
        q.placement.as_deref().and_then(parse_id),
    );
    let (Some(person), about) = (ids.0, ids.1.map(About::Participation).or(ids.2.map(About::Placement))) else {
        return not_found(&ctx);
    };
    let Some(about) = about else {
        return not_found(&ctx);
    };
    f.set("person_id", person);
    match about {
        About::Participation(p) => f.set("participation_id", p),
        About::Placement(p) => f.set("placement_id", p),
    }
    let milestone: Milestone = q
        .milestone
        .as_deref()
        .and_then(|m| m.parse().ok())
        .unwrap_or(Milestone::M6);
    f.set("milestone", milestone);
    // The due day from what it follows.
    if let Ok(completions) = s.app.completions_of(person).await
        && let Some(c) = completions.iter().find(|c| c.about == about)
        && let Some(due) = milestone.due_on(c.finished_on)
    {
        f.set("due_on", due);
    }
    f.set("done_on", s.app.today());
    f.set("progress", Progress::NotStarted);
    follow_up_form(&s, &ctx, None, f).await
}

async fn follow_up_create(State(s): State<WebState>, ctx: Ctx, Form(pairs): Form<Vec<(String, String)>>) -> Response {
    staff!(ctx);
    let mut f = FormState::from_pairs(&pairs);
    if let Err(r) = ctx.check_csrf(f.v("csrf")) {
        return r;
    }
    let errors: Vec<FieldError> = match f.read::<FollowUpInput>() {
        Ok(input) => {
            let acting = crate::acting::for_ctx(&s, &ctx);
            match acting.create::<FollowUp>(&input).await {
                Ok(_) => {
                    return ctx.finish(Redirect::to("/console/alumni/due?done=saved").into_response());
                }
                Err(e) => match f.refused(e) {
                    Ok(errs) => errs,
                    Err(e) => return app_error(&ctx, e),
                },
            }
        }
        Err(errs) => errs,
    };
    for e in &errors {
        let value = f.v(&e.field).to_owned();
        let msg = rule_message(&ctx, &e.code, &value);
        f.errors.push((e.field.clone(), msg));
    }
    follow_up_form(&s, &ctx, None, f).await
}

// ------------------------------------------------------------- history

struct HistoryLine {
    date: String,
    kind: String,
    what: String,
    title: String,
    link: Option<String>,
    note: String,
}

struct AttendanceRow {
    course: String,
    sessions: usize,
    present: usize,
    late: usize,
    absent: usize,
    excused: usize,
}

#[derive(Template)]
#[template(path = "alumni/history.html")]
struct HistoryPage<'a> {
    ctx: &'a Ctx,
    id: Id,
    name: String,
    lines: Vec<HistoryLine>,
    attendance: Vec<AttendanceRow>,
    planned: Vec<(String, String)>,
    hours: Vec<(String, String, String)>,
}

async fn history_page(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    staff!(ctx);
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let acting = crate::acting::for_ctx(&s, &ctx);
    let h = ok_or_page!(&ctx, acting.person_history(id).await);
    use kizuna_app::training::alumni::history::EntryKind as K;
    let lines = h
        .entries
        .iter()
        .map(|e| {
            let (kind, prefix) = match e.kind {
                K::Course => ("course", "console-status"),
                K::Activity => ("activity", "partnerships-activity-kind"),
                K::Outcome => ("outcome", "partnerships-outcome-kind"),
                K::Placement => ("placement", "alumni-placement"),
                K::FollowUp => ("follow-up", "alumni-milestone"),
                K::Membership => ("membership", "alumni-role"),
                K::Delegation => ("delegation", "alumni-delegation"),
                K::Dispatch => ("dispatch", "exchanges-dispatch"),
            };
            HistoryLine {
                date: ctx.date(&e.on),
                kind: ctx.t(&format!("alumni-kind-{kind}")),
                what: ctx.t(&format!("{prefix}-{}", e.label.replace('_', "-"))),
                title: ctx.local(&e.title),
                link: e.link.clone(),
                note: e.note.as_ref().map(|n| ctx.local(n)).unwrap_or_default(),
            }
        })
        .collect();
    let page = HistoryPage {
        ctx: &ctx,
        id,
        name: person_name(&h.person),
        lines,
        attendance: h
            .attendance
            .iter()
            .map(|a| AttendanceRow {
                course: ctx.local(&a.course),
                sessions: a.sessions,
                present: a.present,
                late: a.late,
                absent: a.absent,
                excused: a.excused,
            })
            .collect(),
        planned: h
            .planned
            .iter()
            .map(|f| {
                (
                    label(&ctx, "milestone", f.fields.milestone.as_str()),
                    ctx.date(&f.fields.due_on),
                )
            })
            .collect(),
        hours: h
            .hours
            .iter()
            .map(|l| {
                (
                    ctx.local(&l.area),
                    hours_text(l.approved_minutes),
                    hours_text(l.pending_minutes),
                )
            })
            .collect(),
    };
    render(&ctx, &page)
}

/// Minutes as decimal hours, at most two decimals ("3.5").
fn hours_text(minutes: u64) -> String {
    let h = format!("{:.2}", minutes as f64 / 60.0);
    h.trim_end_matches('0').trim_end_matches('.').to_owned()
}

// -------------------------------------------------------- associations

struct AssociationLine {
    id: Id,
    country: String,
    name: String,
    founded: String,
}

#[derive(Template)]
#[template(path = "alumni/associations.html")]
struct AssociationsPage<'a> {
    ctx: &'a Ctx,
    lines: Vec<AssociationLine>,
}

fn country(ctx: &Ctx, a: &AlumniAssociation) -> String {
    let code = a.fields.country;
    format!("{} ({code})", crate::pages::training::console::country_name(ctx, code))
}

async fn associations_page(State(s): State<WebState>, ctx: Ctx) -> Response {
    staff!(ctx);
    let list = ok_or_page!(&ctx, s.app.associations(None).await);
    let lines = list
        .iter()
        .map(|a| AssociationLine {
            id: a.id,
            country: country(&ctx, a),
            name: ctx.local(&a.fields.name),
            founded: a.fields.founded_on.map(|d| ctx.date(&d)).unwrap_or_else(|| "—".into()),
        })
        .collect();
    render(&ctx, &AssociationsPage { ctx: &ctx, lines })
}

struct MemberLine {
    id: Id,
    person_id: Id,
    name: String,
    role: String,
    joined: String,
}

#[derive(Template)]
#[template(path = "alumni/association.html")]
struct AssociationPage<'a> {
    ctx: &'a Ctx,
    id: Id,
    name: String,
    country: String,
    founded: String,
    notice: Option<String>,
    members: Vec<MemberLine>,
    /// The add-a-member form: the alumni of the country not yet members.
    f: FormState,
    people: Vec<Opt>,
    roles: Vec<Opt>,
    top_errors: Vec<String>,
}

#[derive(serde::Deserialize)]
struct DoneQuery {
    done: Option<String>,
}

async fn association_page(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<DoneQuery>,
) -> Response {
    staff!(ctx);
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let mut f = FormState::default();
    f.set("role", MemberRole::Member);
    let notice = q
        .done
        .as_deref()
        .filter(|d| matches!(*d, "member-added" | "member-removed"))
        .map(|d| ctx.t(&format!("alumni-{d}")));
    association_render(&s, &ctx, id, f, notice).await
}

/// An association, its members and the form adding one (with `f`'s
/// values and refusals; 422 when it has any).
async fn association_render(s: &WebState, ctx: &Ctx, id: Id, f: FormState, notice: Option<String>) -> Response {
    let a = ok_or_page!(ctx, s.app.get::<AlumniAssociation>(id).await);
    let acting = crate::acting::for_ctx(s, ctx);
    let members = ok_or_page!(ctx, acting.association_members(id).await);
    // Who can join: people of the association's country who completed a
    // course or a placement, not yet members.
    let mut alumni: Vec<Id> = ok_or_page!(ctx, s.app.completions_of(None).await)
        .iter()
        .map(|c| c.person_id)
        .filter(|p| !members.iter().any(|(_, m)| m.id == *p))
        .collect();
    alumni.sort_unstable();
    alumni.dedup();
    let mut candidates: Vec<(String, Id)> = ok_or_page!(
        ctx,
        s.app
            .store
            .get_many::<Person>(&alumni)
            .await
            .map_err(kizuna_app::AppError::from)
    )
    .iter()
    .filter(|p| p.fields.nationality == a.fields.country)
    .map(|p| (person_name(p), p.id))
    .collect();
    candidates.sort();
    let chosen = f.v("person_id").to_owned();
    let errors = f.has_errors();
    let page = AssociationPage {
        ctx,
        id,
        name: ctx.local(&a.fields.name),
        country: country(ctx, &a),
        founded: a.fields.founded_on.map(|d| ctx.date(&d)).unwrap_or_else(|| "—".into()),
        notice,
        members: members
            .iter()
            .map(|(m, p)| MemberLine {
                id: m.id,
                person_id: p.id,
                name: person_name(p),
                role: label(ctx, "role", m.fields.role.as_str()),
                joined: m.fields.joined_on.map(|d| ctx.date(&d)).unwrap_or_else(|| "—".into()),
            })
            .collect(),
        people: std::iter::once(opt("", ctx.t("alumni-choose-person"), &chosen))
            .chain(candidates.iter().map(|(n, p)| opt(p, n, &chosen)))
            .collect(),
        roles: MemberRole::ALL
            .iter()
            .map(|r| opt(r.as_str(), label(ctx, "role", r.as_str()), f.v("role")))
            .collect(),
        top_errors: f.other_errors(&["person_id", "role", "joined_on"]),
        f,
    };
    let mut r = render(ctx, &page);
    if errors {
        *r.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    }
    r
}
