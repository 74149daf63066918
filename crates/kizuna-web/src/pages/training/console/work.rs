//! An edition's work made and changed in the console: participations (who
//! takes part, in which role, and the status flow from nomination to
//! completion), curriculum sessions, awards, and deleting with confirmation.
//!
//! Every form keeps what was typed and tells each problem beside its field;
//! a change names the version it was made from, and a stale one is refused
//! with the colleague's version loaded (saving again replaces it knowingly).

use axum::routing::post;
use kizuna_app::people::{NameQuery, PeopleQuery};
use kizuna_app::training::console::{Dependants, Removable};
use kizuna_domain::exchanges::award::{Award, AwardInput};
use kizuna_domain::training::participation::{Participation, ParticipationInput};
use kizuna_domain::training::session::{SessionInput, SessionKind};

use super::*;

pub(crate) fn work_routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
        .route(
            "/console/editions/{id}/participants/new",
            get(participant_find).post(participant_add),
        )
        .route("/console/participations/{id}/step", post(participation_step))
        .route(
            "/console/participations/{id}/edit",
            get(participation_edit).post(participation_update),
        )
        .route(
            "/console/participations/{id}/delete",
            get(participation_delete_page).post(participation_delete),
        )
        .route(
            "/console/editions/{id}/sessions/new",
            get(session_new).post(session_create),
        )
        .route("/console/sessions/{id}/edit", get(session_edit).post(session_update))
        .route(
            "/console/sessions/{id}/delete",
            get(session_delete_page).post(session_delete),
        )
        .route("/console/awards", get(awards))
        .route("/console/awards/new", get(award_new).post(award_create))
        .route("/console/awards/{id}/edit", get(award_edit).post(award_update))
        .route("/console/awards/{id}/delete", get(award_delete_page).post(award_delete))
        .route("/console/courses/{id}/edit", get(course_edit).post(course_update))
        .route(
            "/console/courses/{id}/delete",
            get(course_delete_page).post(course_delete),
        )
        .route(
            "/console/editions/{id}/delete",
            get(edition_delete_page).post(edition_delete),
        )
}

// ------------------------------------------------------------------ shared

/// What a finished write says on the page it leads to (`?done=…`).
pub(crate) const DONE: &[&str] = &[
    "participant-added",
    "moved",
    "participation-saved",
    "participation-deleted",
    "session-saved",
    "session-deleted",
    "course-saved",
    "course-deleted",
    "edition-deleted",
    "award-saved",
    "award-deleted",
];

/// The notice for `?done=…`, when it is one of [`DONE`].
pub(crate) fn done_notice(ctx: &Ctx, done: Option<&str>) -> Option<String> {
    done.filter(|d| DONE.contains(d))
        .map(|d| ctx.t(&format!("work-done-{d}")))
}

fn form_version(f: &FormState) -> Result<i64, FieldError> {
    f.v("version")
        .trim()
        .parse::<i64>()
        .map_err(|_| FieldError::required("version"))
}

fn unprocessable_if(r: Response, errors: bool) -> Response {
    let mut r = r;
    if errors {
        *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    r
}

fn role_options(ctx: &Ctx, current: &str) -> Vec<Opt> {
    ParticipationRole::ALL
        .iter()
        .map(|r| opt(r.as_str(), label(ctx, "role", r.as_str()), current))
        .collect()
}

async fn organisation_options(s: &WebState, ctx: &Ctx, current: &str, none: &str) -> Result<Vec<Opt>, AppError> {
    let orgs = s.app.list::<Organisation>(&BTreeMap::new(), ALL).await?.0;
    let mut out = vec![opt("", ctx.t(none), current)];
    out.extend(orgs.iter().map(|o| opt(o.id, ctx.local(&o.fields.name), current)));
    Ok(out)
}

fn edition_label(ctx: &Ctx, e: &Edition) -> String {
    format!("{} · {}", e.fields.key, ctx.fy(&e.fields.fiscal_year.year()))
}

// ---------------------------------------------------------- participations

pub(crate) struct Candidate {
    pub(crate) id: Id,
    pub(crate) name: String,
    pub(crate) other_names: String,
    pub(crate) nationality: String,
    pub(crate) born: String,
    pub(crate) organisation: String,
    pub(crate) courses: String,
    /// Roles already held in this edition.
    pub(crate) here: String,
    pub(crate) roles: Vec<Opt>,
    pub(crate) nominated_on: String,
    pub(crate) error: Option<String>,
}

#[derive(Template)]
#[template(path = "console/participant_new.html")]
pub(crate) struct ParticipantNew<'a> {
    pub(crate) ctx: &'a Ctx,
    pub(crate) edition_id: Id,
    pub(crate) edition: String,
    pub(crate) q: String,
    pub(crate) searched: bool,
    pub(crate) found: String,
    pub(crate) candidates: Vec<Candidate>,
}

#[derive(serde::Deserialize)]
pub(crate) struct FindQuery {
    pub(crate) q: Option<String>,
}

/// How many people a name search shows.
const FOUND_LIMIT: u32 = 25;

/// The page to find a person and add them: the search, and each person
/// found with their own small form (role, date of nomination). A refused
/// addition is told beside that person, with what was chosen kept.
async fn participant_page(
    s: &WebState,
    ctx: &Ctx,
    edition_id: Id,
    q: &str,
    refused: Option<(Id, &FormState, Vec<FieldError>)>,
) -> Response {
    let edition = ok_or_page!(ctx, s.app.get::<Edition>(edition_id).await);
    let acting = crate::acting::for_ctx(s, ctx);
    let mut candidates = Vec::new();
    let mut found = String::new();
    let query = NameQuery::parse(q);
    if let Some(name) = query {
        let people = ok_or_page!(
            ctx,
            acting
                .people_list(
                    &PeopleQuery {
                        name: Some(name),
                        nationality: None,
                    },
                    Page {
                        limit: FOUND_LIMIT,
                        offset: 0,
                    },
                )
                .await
        );
        found = ctx.tn("work-find-found", "count", people.1);
        let today = s.app.today().to_string();
        for p in people.0 {
            let here: Vec<String> = p
                .roles
                .iter()
                .filter(|r| r.edition_id == edition_id)
                .map(|r| label(ctx, "role", r.role.as_str()))
                .collect();
            // The latest three (a long-serving instructor has many).
            let mut courses: Vec<String> = p
                .roles
                .iter()
                .rev()
                .take(3)
                .map(|r| format!("{} ({})", r.edition_key, label(ctx, "role", r.role.as_str())))
                .collect();
            if p.roles.len() > 3 {
                courses.push(ctx.tn("work-find-more", "count", (p.roles.len() - 3) as i64));
            }
            let (role, nominated_on, error) = match &refused {
                Some((id, f, errs)) if *id == p.person.id => {
                    let mut g = (*f).clone();
                    for e in errs {
                        g.add(ctx, e);
                    }
                    let msgs: Vec<String> = g.errors.iter().map(|(_, m)| m.clone()).collect();
                    (
                        f.v("role").to_owned(),
                        f.v("nominated_on").to_owned(),
                        Some(msgs.join(" ")),
                    )
                }
                _ => (ParticipationRole::Trainee.as_str().to_owned(), today.clone(), None),
            };
            let pe = &p.person.fields;
            let other_names = [pe.name_native.as_ref(), pe.name_kana.as_ref()]
                .into_iter()
                .flatten()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(" · ");
            candidates.push(Candidate {
                id: p.person.id,
                name: person_name(&p.person),
                other_names,
                nationality: country_name(ctx, pe.nationality),
                born: pe.birth_date.map(|d| d.format("%Y").to_string()).unwrap_or_default(),
                organisation: p
                    .organisation
                    .as_ref()
                    .map(|o| ctx.local(&o.fields.name))
                    .unwrap_or_default(),
                courses: courses.join(", "),
                here: here.join(", "),
                roles: role_options(ctx, &role),
                nominated_on,
                error,
            });
        }
    }
    let refused_any = refused.is_some();
    let page = ParticipantNew {
        ctx,
        edition_id,
        edition: edition_label(ctx, &edition),
        q: q.to_owned(),
        searched: !q.trim().is_empty(),
        found,
        candidates,
    };
    unprocessable_if(render(ctx, &page), refused_any)
}

pub(crate) async fn participant_find(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<FindQuery>,
) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    participant_page(&s, &ctx, id, q.q.as_deref().unwrap_or(""), None).await
}

pub(crate) async fn participant_add(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    guard!(ctx.require_staff());
    let Some(edition_id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let f = FormState::from_pairs(&pairs);
    guard!(ctx.check_csrf(f.v("csrf")));
    let Some(person_id) = parse_id(f.v("person_id").trim()) else {
        return participant_page(&s, &ctx, edition_id, f.v("q"), None).await;
    };
    let mut errors = Vec::new();
    let role = match f.v("role").parse::<ParticipationRole>() {
        Ok(r) => Some(r),
        Err(e) => {
            errors.push(e.at("role"));
            None
        }
    };
    let raw = f.v("nominated_on").trim();
    let nominated_on = if raw.is_empty() {
        None
    } else {
        match NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                errors.push(FieldError::new("nominated_on", "invalid_date", "not a date"));
                None
            }
        }
    };
    if let (Some(role), true) = (role, errors.is_empty()) {
        let acting = crate::acting::for_ctx(&s, &ctx);
        match acting.add_participant(edition_id, person_id, role, nominated_on).await {
            Ok(p) => {
                return ctx.finish(
                    Redirect::to(&format!(
                        "/console/editions/{edition_id}?done=participant-added#p-{}",
                        p.id
                    ))
                    .into_response(),
                );
            }
            Err(AppError::Invalid(errs)) => errors.extend(errs.into_iter().map(|e| {
                // The same person in the same role twice: say so plainly.
                if e.code == "duplicate" {
                    FieldError::new("person_id", "already_taking_part", e.message)
                } else {
                    e
                }
            })),
            Err(e) => return app_error(&ctx, e),
        }
    }
    participant_page(&s, &ctx, edition_id, f.v("q"), Some((person_id, &f, errors))).await
}

/// One click on a row of the edition page: the next step, on a day.
pub(crate) async fn participation_step(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let f = FormState::from_pairs(&pairs);
    guard!(ctx.check_csrf(f.v("csrf")));
    let current = ok_or_page!(&ctx, s.app.get::<Participation>(id).await);
    let edition_id = current.fields.edition_id;
    let mut g = FormState::default();
    g.set("on", f.v("on"));
    let refuse = |g: FormState, e: FieldError| {
        let mut g = g;
        // The step's date is the row's one date box; its status the buttons.
        let field = if e.field.ends_with("_on") { "on" } else { "to" };
        g.add(&ctx, &FieldError::new(field, &e.code, e.message));
        g
    };
    let to = match f.v("to").parse::<ParticipationStatus>() {
        Ok(t) => t,
        Err(e) => {
            let g = refuse(g, e.at("to"));
            return edition_view(&s, &ctx, edition_id, None, Some((id, g))).await;
        }
    };
    let Ok(on) = NaiveDate::parse_from_str(f.v("on").trim(), "%Y-%m-%d") else {
        let g = refuse(g, FieldError::new("on", "invalid_date", "not a date"));
        return edition_view(&s, &ctx, edition_id, None, Some((id, g))).await;
    };
    let version = f.v("version").trim().parse::<i64>().unwrap_or(-1);
    let acting = crate::acting::for_ctx(&s, &ctx);
    match acting.move_participation(id, version, to, on).await {
        Ok(_) => ctx.finish(Redirect::to(&format!("/console/editions/{edition_id}?done=moved#p-{id}")).into_response()),
        Err(AppError::Invalid(errs)) => {
            let mut g = g;
            for e in errs {
                g = refuse(g, e);
            }
            edition_view(&s, &ctx, edition_id, None, Some((id, g))).await
        }
        Err(AppError::Conflict { .. }) => {
            let g = refuse(g, FieldError::new("to", "stale_row", "changed by someone else"));
            edition_view(&s, &ctx, edition_id, None, Some((id, g))).await
        }
        Err(e) => app_error(&ctx, e),
    }
}

#[derive(Template)]
#[template(path = "console/participation_form.html")]
pub(crate) struct ParticipationForm<'a> {
    pub(crate) ctx: &'a Ctx,
    pub(crate) id: Id,
    pub(crate) edition_id: Id,
    pub(crate) edition: String,
    pub(crate) person: String,
    pub(crate) f: FormState,
    pub(crate) roles: Vec<Opt>,
    pub(crate) statuses: Vec<Opt>,
    pub(crate) dates: Vec<(&'static str, String)>,
    pub(crate) top_errors: Vec<String>,
}

/// The dates a participation's form shows, with their labels.
const PARTICIPATION_DATES: [&str; 7] = [
    "nominated_on",
    "accepted_on",
    "arrived_on",
    "completed_on",
    "withdrawn_on",
    "started_on",
    "ended_on",
];

async fn participation_form(s: &WebState, ctx: &Ctx, id: Id, f: FormState) -> Response {
    let p = ok_or_page!(ctx, s.app.get::<Participation>(id).await);
    let edition = ok_or_page!(ctx, s.app.get::<Edition>(p.fields.edition_id).await);
    let person = ok_or_page!(
        ctx,
        s.app
            .store
            .get::<Person>(p.fields.person_id)
            .await
            .map_err(AppError::from)
    );
    let statuses = ParticipationStatus::ALL
        .iter()
        .map(|st| opt(st.as_str(), label(ctx, "status", st.as_str()), f.v("status")))
        .collect();
    let dates = PARTICIPATION_DATES
        .iter()
        .map(|d| (*d, ctx.t(&format!("work-participation-{}", d.replace('_', "-")))))
        .collect();
    let mut shown = FormState::shown::<ParticipationInput>();
    shown.retain(|f| !matches!(*f, "edition_id" | "person_id"));
    let top_errors = f.other_errors(&shown);
    let errors = f.has_errors();
    let page = ParticipationForm {
        ctx,
        id,
        edition_id: edition.id,
        edition: edition_label(ctx, &edition),
        person: person_name(&person),
        roles: role_options(ctx, f.v("role")),
        statuses,
        dates,
        top_errors,
        f,
    };
    unprocessable_if(render(ctx, &page), errors)
}

pub(crate) async fn participation_edit(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let p = ok_or_page!(&ctx, s.app.get::<Participation>(id).await);
    let mut f = FormState::default();
    f.fill(&p.fields);
    f.set("version", p.version);
    participation_form(&s, &ctx, id, f).await
}

pub(crate) async fn participation_update(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let mut f = FormState::from_pairs(&pairs);
    guard!(ctx.check_csrf(f.v("csrf")));
    let current = ok_or_page!(&ctx, s.app.get::<Participation>(id).await);
    // The edition and the person are not changed here.
    f.set("edition_id", current.fields.edition_id);
    f.set("person_id", current.fields.person_id);
    let errors = match (f.read::<ParticipationInput>(), form_version(&f)) {
        (Ok(input), Ok(version)) => {
            let acting = crate::acting::for_ctx(&s, &ctx);
            match acting.change_participation(id, version, &input).await {
                Ok(p) => {
                    return ctx.finish(
                        Redirect::to(&format!(
                            "/console/editions/{}?done=participation-saved#p-{id}",
                            p.fields.edition_id
                        ))
                        .into_response(),
                    );
                }
                Err(e) => match f.refused(e) {
                    Ok(errs) => errs,
                    Err(e) => return app_error(&ctx, e),
                },
            }
        }
        (read, version) => {
            let mut errs = read.err().unwrap_or_default();
            errs.extend(version.err());
            errs
        }
    };
    for e in &errors {
        f.add(&ctx, e);
    }
    participation_form(&s, &ctx, id, f).await
}

// ---------------------------------------------------------------- sessions

pub(crate) struct PersonChoice {
    pub(crate) id: Id,
    pub(crate) name: String,
    pub(crate) role: String,
    pub(crate) checked: bool,
}

#[derive(Template)]
#[template(path = "console/session_form.html")]
pub(crate) struct SessionForm<'a> {
    pub(crate) ctx: &'a Ctx,
    /// The session being changed, or `None` for a new one.
    pub(crate) id: Option<Id>,
    pub(crate) edition_id: Id,
    pub(crate) edition: String,
    pub(crate) f: FormState,
    pub(crate) kinds: Vec<Opt>,
    pub(crate) hosts: Vec<Opt>,
    /// The edition's instructors and coordinators, as checkboxes.
    pub(crate) teachers: Vec<PersonChoice>,
    /// Who else has taught or coordinated an edition, for a guest.
    pub(crate) others: Vec<Opt>,
    pub(crate) top_errors: Vec<String>,
}

/// The instructor ids a session form holds (checkboxes and the list).
fn chosen_ids(f: &FormState) -> Vec<Id> {
    let mut ids: Vec<Id> = Vec::new();
    for raw in f.v("instructor_ids").split([',', ' ']) {
        if let Some(id) = parse_id(raw.trim())
            && !ids.contains(&id)
        {
            ids.push(id);
        }
    }
    ids
}

async fn session_form(s: &WebState, ctx: &Ctx, id: Option<Id>, edition_id: Id, f: FormState) -> Response {
    let edition = ok_or_page!(ctx, s.app.get::<Edition>(edition_id).await);
    let roster = ok_or_page!(ctx, s.app.edition_roster(edition_id).await);
    // Besides the edition's own, anyone who has taught or coordinated an
    // edition (and whoever is chosen already) may be a session's instructor.
    let mut teaching: Vec<Id> = chosen_ids(&f);
    for role in [ParticipationRole::Instructor, ParticipationRole::Coordinator] {
        let parts = ok_or_page!(
            ctx,
            s.app
                .store
                .select::<Participation>(&[("role", Value::Text(Some(role.to_string())))], Page::ALL)
                .await
                .map_err(AppError::from)
        );
        teaching.extend(parts.iter().map(|p| p.fields.person_id));
    }
    teaching.sort_unstable();
    teaching.dedup();
    let everyone = ok_or_page!(
        ctx,
        s.app.store.get_many::<Person>(&teaching).await.map_err(AppError::from)
    );
    let hosts = ok_or_page!(
        ctx,
        organisation_options(s, ctx, f.v("host_organisation_id"), "console-none").await
    );
    let chosen = chosen_ids(&f);
    let mut teachers: Vec<PersonChoice> = Vec::new();
    for (p, person) in &roster {
        if p.fields.role == ParticipationRole::Trainee || teachers.iter().any(|t| t.id == person.id) {
            continue;
        }
        teachers.push(PersonChoice {
            id: person.id,
            name: person_name(person),
            role: label(ctx, "role", p.fields.role.as_str()),
            checked: chosen.contains(&person.id),
        });
    }
    let mut others: Vec<Opt> = everyone
        .iter()
        .filter(|p| !teachers.iter().any(|t| t.id == p.id))
        .map(|p| {
            let mut o = opt(p.id, format!("{} ({})", person_name(p), p.fields.nationality), "");
            o.selected = chosen.contains(&p.id);
            o
        })
        .collect();
    others.sort_by(|a, b| kizuna_i18n::compare(ctx.lang, &a.label, &b.label));
    let kinds = SessionKind::ALL
        .iter()
        .map(|k| opt(k.as_str(), label(ctx, "kind", k.as_str()), f.v("kind")))
        .collect();
    let mut shown = FormState::shown::<SessionInput>();
    shown.push("instructor_ids");
    shown.retain(|f| *f != "edition_id");
    let top_errors = f.other_errors(&shown);
    let errors = f.has_errors();
    // The people listed are logged as shown, as any list of people is.
    let ids: Vec<Id> = everyone.iter().map(|p| p.id).collect();
    if let Err(e) = crate::acting::for_ctx(s, ctx).note_viewed(&ids, "session form").await {
        return app_error(ctx, e);
    }
    let page = SessionForm {
        ctx,
        id,
        edition_id,
        edition: edition_label(ctx, &edition),
        f,
        kinds,
        hosts,
        teachers,
        others,
        top_errors,
    };
    unprocessable_if(render(ctx, &page), errors)
}

pub(crate) async fn session_new(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    guard!(ctx.require_staff());
    let Some(edition_id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let edition = ok_or_page!(&ctx, s.app.get::<Edition>(edition_id).await);
    let mut f = FormState::default();
    f.set("kind", SessionKind::Lecture.as_str());
    // The first day of the edition, 10:00 to 12:00 in Japan.
    let day = edition.fields.starts_on;
    f.set("starts_at", format!("{day}T10:00"));
    f.set("ends_at", format!("{day}T12:00"));
    session_form(&s, &ctx, None, edition_id, f).await
}

pub(crate) async fn session_edit(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let se = ok_or_page!(&ctx, s.app.get::<Session>(id).await);
    let mut f = FormState::default();
    f.fill(&se.fields);
    f.set(
        "instructor_ids",
        se.fields
            .instructor_ids
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
    );
    f.set("version", se.version);
    session_form(&s, &ctx, Some(id), se.fields.edition_id, f).await
}

async fn session_submit(
    s: &WebState,
    ctx: &Ctx,
    id: Option<Id>,
    edition_id: Id,
    pairs: Vec<(String, String)>,
) -> Response {
    let mut f = FormState::from_pairs(&pairs);
    guard!(ctx.check_csrf(f.v("csrf")));
    f.set("edition_id", edition_id);
    let errors = match f.read::<SessionInput>() {
        Ok(mut input) => {
            input.instructor_ids = chosen_ids(&f);
            let acting = crate::acting::for_ctx(s, ctx);
            let result = match (id, form_version(&f)) {
                (Some(id), Ok(version)) => acting.update::<Session>(id, version, &input).await,
                (Some(_), Err(e)) => Err(AppError::Invalid(vec![e])),
                (None, _) => acting.create::<Session>(&input).await,
            };
            match result {
                Ok(se) => {
                    return ctx.finish(
                        Redirect::to(&format!(
                            "/console/editions/{edition_id}?done=session-saved#s-{}",
                            se.id
                        ))
                        .into_response(),
                    );
                }
                Err(e) => match f.refused(e) {
                    Ok(errs) => errs,
                    Err(e) => return app_error(ctx, e),
                },
            }
        }
        Err(errs) => errs,
    };
    for e in &errors {
        f.add(ctx, e);
    }
    session_form(s, ctx, id, edition_id, f).await
}

pub(crate) async fn session_create(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    guard!(ctx.require_staff());
    let Some(edition_id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    ok_or_page!(&ctx, s.app.get::<Edition>(edition_id).await);
    session_submit(&s, &ctx, None, edition_id, pairs).await
}

pub(crate) async fn session_update(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let se = ok_or_page!(&ctx, s.app.get::<Session>(id).await);
    session_submit(&s, &ctx, Some(id), se.fields.edition_id, pairs).await
}

// ------------------------------------------------------------------ awards

pub(crate) struct AwardLine {
    pub(crate) id: Id,
    pub(crate) received: String,
    pub(crate) title: String,
    pub(crate) recipient: String,
    pub(crate) awarded_by: String,
}

#[derive(Template)]
#[template(path = "console/awards.html")]
pub(crate) struct AwardsPage<'a> {
    pub(crate) ctx: &'a Ctx,
    pub(crate) notice: Option<String>,
    pub(crate) awards: Vec<AwardLine>,
}

#[derive(serde::Deserialize)]
pub(crate) struct DoneQuery {
    pub(crate) done: Option<String>,
}

pub(crate) async fn awards(State(s): State<WebState>, ctx: Ctx, Query(q): Query<DoneQuery>) -> Response {
    guard!(ctx.require_staff());
    let list = ok_or_page!(&ctx, s.app.list::<Award>(&BTreeMap::new(), ALL).await).0;
    let orgs: HashMap<Id, String> = ok_or_page!(&ctx, s.app.list::<Organisation>(&BTreeMap::new(), ALL).await)
        .0
        .into_iter()
        .map(|o| (o.id, ctx.local(&o.fields.name)))
        .collect();
    let org = |id: Option<Id>| id.and_then(|i| orgs.get(&i).cloned()).unwrap_or_default();
    let mut awards: Vec<AwardLine> = list
        .iter()
        .map(|a| AwardLine {
            id: a.id,
            received: ctx.date(&a.fields.received_on),
            title: ctx.local(&a.fields.title),
            recipient: org(Some(a.fields.recipient_id)),
            awarded_by: org(a.fields.awarded_by_id),
        })
        .collect();
    // Newest first.
    awards.reverse();
    let page = AwardsPage {
        ctx: &ctx,
        notice: done_notice(&ctx, q.done.as_deref()),
        awards,
    };
    render(&ctx, &page)
}

#[derive(Template)]
#[template(path = "console/award_form.html")]
pub(crate) struct AwardForm<'a> {
    pub(crate) ctx: &'a Ctx,
    pub(crate) id: Option<Id>,
    pub(crate) f: FormState,
    pub(crate) recipients: Vec<Opt>,
    pub(crate) givers: Vec<Opt>,
    pub(crate) top_errors: Vec<String>,
}

async fn award_form(s: &WebState, ctx: &Ctx, id: Option<Id>, f: FormState) -> Response {
    let recipients = ok_or_page!(
        ctx,
        organisation_options(s, ctx, f.v("recipient_id"), "console-choose").await
    );
    let givers = ok_or_page!(
        ctx,
        organisation_options(s, ctx, f.v("awarded_by_id"), "console-none").await
    );
    let top_errors = f.other_errors(&FormState::shown::<AwardInput>());
    let errors = f.has_errors();
    let page = AwardForm {
        ctx,
        id,
        f,
        recipients,
        givers,
        top_errors,
    };
    unprocessable_if(render(ctx, &page), errors)
}

pub(crate) async fn award_new(State(s): State<WebState>, ctx: Ctx) -> Response {
    guard!(ctx.require_staff());
    let mut f = FormState::default();
    f.set("received_on", s.app.today());
    award_form(&s, &ctx, None, f).await
}

pub(crate) async fn award_edit(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let a = ok_or_page!(&ctx, s.app.get::<Award>(id).await);
    let mut f = FormState::default();
    f.fill(&a.fields);
    f.set("version", a.version);
    award_form(&s, &ctx, Some(id), f).await
}

async fn award_submit(s: &WebState, ctx: &Ctx, id: Option<Id>, pairs: Vec<(String, String)>) -> Response {
    let mut f = FormState::from_pairs(&pairs);
    guard!(ctx.check_csrf(f.v("csrf")));
    let errors = match f.read::<AwardInput>() {
        Ok(input) => {
            let acting = crate::acting::for_ctx(s, ctx);
            let result = match (id, form_version(&f)) {
                (Some(id), Ok(version)) => acting.update::<Award>(id, version, &input).await,
                (Some(_), Err(e)) => Err(AppError::Invalid(vec![e])),
                (None, _) => acting.create::<Award>(&input).await,
            };
            match result {
                Ok(_) => {
                    return ctx.finish(Redirect::to("/console/awards?done=award-saved").into_response());
                }
                Err(e) => match f.refused(e) {
                    Ok(errs) => errs,
                    Err(e) => return app_error(ctx, e),
                },
            }
        }
        Err(errs) => errs,
    };
    for e in &errors {
        f.add(ctx, e);
    }
    award_form(s, ctx, id, f).await
}

pub(crate) async fn award_create(
    State(s): State<WebState>,
    ctx: Ctx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    guard!(ctx.require_staff());
    award_submit(&s, &ctx, None, pairs).await
}

pub(crate) async fn award_update(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    ok_or_page!(&ctx, s.app.get::<Award>(id).await);
    award_submit(&s, &ctx, Some(id), pairs).await
}

// ------------------------------------------------- deleting, with a warning

#[derive(Template)]
#[template(path = "console/confirm_delete.html")]
pub(crate) struct ConfirmDelete<'a> {
    pub(crate) ctx: &'a Ctx,
    pub(crate) heading: String,
    pub(crate) what: String,
    /// Why it cannot be deleted now (what must be removed first).
    pub(crate) blocked: Option<String>,
    /// What would be deleted with it.
    pub(crate) going_with: Option<String>,
    /// A refusal of the last attempt (changed meanwhile, or in use).
    pub(crate) refused: Option<String>,
    pub(crate) action: String,
    pub(crate) version: i64,
    pub(crate) back: String,
}

/// "12 participations and 30 sessions", in the reader's language.
fn counted(ctx: &Ctx, kinds: &[(&'static str, i64)]) -> String {
    let parts: Vec<String> = kinds
        .iter()
        .map(|(kind, n)| ctx.tn(&format!("work-count-{kind}"), "count", *n))
        .collect();
    match parts.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => i18n::message(
            ctx.lang,
            "work-list-and",
            &[
                ("first", FluentValue::from(init.join(", "))),
                ("last", FluentValue::from(last.clone())),
            ],
        ),
    }
}

/// Which record a confirmation is about: its kind, heading and where to
/// go back to and after.
struct Target {
    what: Removable,
    id: Id,
    version: i64,
    heading: &'static str,
    label: String,
    action: String,
    back: String,
    after: String,
}

async fn confirm_page(s: &WebState, ctx: &Ctx, t: Target, refused: Option<String>) -> Response {
    let deps: Dependants = ok_or_page!(ctx, s.app.dependants(t.what, t.id).await);
    let blocked = deps
        .is_blocked()
        .then(|| ctx.t1("work-delete-blocked", "list", counted(ctx, &deps.blocking)));
    let going_with =
        (!deps.going_with.is_empty()).then(|| ctx.t1("work-delete-going-with", "list", counted(ctx, &deps.going_with)));
    let status = if refused.is_some() {
        StatusCode::CONFLICT
    } else {
        StatusCode::OK
    };
    let page = ConfirmDelete {
        ctx,
        heading: ctx.t(t.heading),
        what: t.label,
        blocked,
        going_with,
        refused,
        action: t.action,
        version: t.version,
        back: t.back,
    };
    let mut r = render(ctx, &page);
    *r.status_mut() = status;
    r
}

/// Delete after the confirmation: refused (and the page shown again,
/// saying why) when the record changed since it was shown or something
/// still depends on it; nothing is deleted then.
async fn confirm_delete(s: &WebState, ctx: &Ctx, t: Target, pairs: &[(String, String)]) -> Response {
    let f = FormState::from_pairs(pairs);
    guard!(ctx.check_csrf(f.v("csrf")));
    let version = f.v("version").trim().parse::<i64>().ok();
    let acting = crate::acting::for_ctx(s, ctx);
    match acting.remove(t.what, t.id, version).await {
        Ok(()) => ctx.finish(Redirect::to(&t.after).into_response()),
        Err(AppError::Conflict { current, .. }) => {
            let t = Target { version: current, ..t };
            confirm_page(s, ctx, t, Some(ctx.t("work-delete-stale"))).await
        }
        Err(AppError::Invalid(errs)) if errs.iter().any(|e| e.code == "in_use") => {
            confirm_page(s, ctx, t, Some(ctx.t("work-delete-refused"))).await
        }
        Err(e) => app_error(ctx, e),
    }
}

async fn participation_target(s: &WebState, ctx: &Ctx, id: Id) -> Result<Target, AppError> {
    let p = s.app.get::<Participation>(id).await?;
    let edition = s.app.get::<Edition>(p.fields.edition_id).await?;
    let person = s.app.store.get::<Person>(p.fields.person_id).await?;
    Ok(Target {
        what: Removable::Participation,
        id,
        version: p.version,
        heading: "work-delete-participation",
        label: format!(
            "{} · {} · {}",
            person_name(&person),
            label(ctx, "role", p.fields.role.as_str()),
            edition_label(ctx, &edition)
        ),
        action: format!("/console/participations/{id}/delete"),
        back: format!("/console/participations/{id}/edit"),
        after: format!("/console/editions/{}?done=participation-deleted", edition.id),
    })
}

async fn session_target(s: &WebState, ctx: &Ctx, id: Id) -> Result<Target, AppError> {
    let se = s.app.get::<Session>(id).await?;
    let starts = se.fields.starts_at.with_timezone(&jst());
    Ok(Target {
        what: Removable::Session,
        id,
        version: se.version,
        heading: "work-delete-session",
        label: format!(
            "{}: {} · {} {}",
            label(ctx, "kind", se.fields.kind.as_str()),
            ctx.local(&se.fields.title),
            ctx.date(&starts.date_naive()),
            starts.format("%H:%M")
        ),
        action: format!("/console/sessions/{id}/delete"),
        back: format!("/console/sessions/{id}/edit"),
        after: format!("/console/editions/{}?done=session-deleted", se.fields.edition_id),
    })
}

async fn award_target(s: &WebState, ctx: &Ctx, id: Id) -> Result<Target, AppError> {
    let a = s.app.get::<Award>(id).await?;
    Ok(Target {
        what: Removable::Award,
        id,
        version: a.version,
        heading: "work-delete-award",
        label: format!("{} · {}", ctx.local(&a.fields.title), ctx.date(&a.fields.received_on)),
        action: format!("/console/awards/{id}/delete"),
        back: format!("/console/awards/{id}/edit"),
        after: "/console/awards?done=award-deleted".to_owned(),
    })
}

async fn course_target(s: &WebState, ctx: &Ctx, id: Id) -> Result<Target, AppError> {
    let p = s.app.get::<Programme>(id).await?;
    Ok(Target {
        what: Removable::Course,
        id,
        version: p.version,
        heading: "work-delete-course",
        label: format!("{} · {}", course_title(ctx, &p), p.fields.key),
        action: format!("/console/courses/{id}/delete"),
        back: format!("/console/courses/{id}/edit"),
        after: "/console/courses?done=course-deleted".to_owned(),
    })
}

async fn edition_target(s: &WebState, ctx: &Ctx, id: Id) -> Result<Target, AppError> {
    let e = s.app.get::<Edition>(id).await?;
    Ok(Target {
        what: Removable::Edition,
        id,
        version: e.version,
        heading: "work-delete-edition",
        label: edition_label(ctx, &e),
        action: format!("/console/editions/{id}/delete"),
        back: format!("/console/editions/{id}"),
        after: "/console/courses?done=edition-deleted".to_owned(),
    })
}

/// The two handlers (GET: the confirmation; POST: the deletion) of one
/// kind of record, from the function that describes its target.
macro_rules! delete_handlers {
    ($page:ident, $post:ident, $target:ident) => {
        pub(crate) async fn $page(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response {
            guard!(ctx.require_staff());
            let Some(id) = parse_id(&id) else {
                return not_found(&ctx);
            };
            let t = ok_or_page!(&ctx, $target(&s, &ctx, id).await);
            confirm_page(&s, &ctx, t, None).await
        }

        pub(crate) async fn $post(
            State(s): State<WebState>,
            ctx: Ctx,
            Path(id): Path<String>,
            Form(pairs): Form<Vec<(String, String)>>,
        ) -> Response {
            guard!(ctx.require_staff());
            let Some(id) = parse_id(&id) else {
                return not_found(&ctx);
            };
            let t = ok_or_page!(&ctx, $target(&s, &ctx, id).await);
            confirm_delete(&s, &ctx, t, &pairs).await
        }
    };
}

delete_handlers!(participation_delete_page, participation_delete, participation_target);
delete_handlers!(session_delete_page, session_delete, session_target);
delete_handlers!(award_delete_page, award_delete, award_target);
delete_handlers!(course_delete_page, course_delete, course_target);
delete_handlers!(edition_delete_page, edition_delete, edition_target);
