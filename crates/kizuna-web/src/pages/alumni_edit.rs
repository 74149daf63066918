//! Changing alumni records in the console: a follow-up edited (from the
//! version it was shown at: a colleague's change in between is answered
//! 409 and their version loaded) or deleted after a confirmation, and an
//! association's members added (someone already a member is refused
//! beside the person) or removed after a confirmation.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use kizuna_app::AppError;
use kizuna_app::training::alumni::person_name;
use kizuna_domain::FieldError;
use kizuna_domain::common::Id;
use kizuna_domain::training::alumni::{AlumniMember, AlumniMemberInput, FollowUp, FollowUpInput};

use super::{association_render, follow_up_form, rule_message};
use crate::pages::render;
use crate::pages::training::console::{FormState, app_error, not_found, parse_id};
use crate::session::{Ctx, WebState};

pub(super) fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
        .route("/console/follow-ups/{id}", get(follow_up_edit).post(follow_up_update))
        .route(
            "/console/follow-ups/{id}/delete",
            get(follow_up_delete_page).post(follow_up_delete),
        )
        .route(
            "/console/alumni/associations/{id}/members",
            axum::routing::post(member_add),
        )
        .route(
            "/console/alumni/members/{id}/delete",
            get(member_delete_page).post(member_delete),
        )
}

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

/// Each refusal beside its field, in the page's language.
fn add_errors(ctx: &Ctx, f: &mut FormState, errors: &[FieldError]) {
    for e in errors {
        let value = f.v(&e.field).to_owned();
        let msg = rule_message(ctx, &e.code, &value);
        f.errors.push((e.field.clone(), msg));
    }
}

// ------------------------------------------------------ a follow-up edited

async fn follow_up_edit(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    staff!(ctx);
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let acting = crate::acting::for_ctx(&s, &ctx);
    let fu = ok_or_page!(&ctx, acting.get::<FollowUp>(id).await);
    let mut f = FormState::default();
    f.fill(&fu.fields);
    f.set("version", fu.version);
    follow_up_form(&s, &ctx, Some(id), f).await
}

async fn follow_up_update(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    staff!(ctx);
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let mut f = FormState::from_pairs(&pairs);
    if let Err(r) = ctx.check_csrf(f.v("csrf")) {
        return r;
    }
    let current = ok_or_page!(&ctx, s.app.store.get::<FollowUp>(id).await.map_err(AppError::from));
    // Who and what it follows stay as recorded: the form changes the rest.
    f.set("person_id", current.fields.person_id);
    f.set(
        "participation_id",
        current
            .fields
            .participation_id
            .map(|p| p.to_string())
            .unwrap_or_default(),
    );
    f.set(
        "placement_id",
        current.fields.placement_id.map(|p| p.to_string()).unwrap_or_default(),
    );
    let version = f.v("version").trim().parse::<i64>();
    let errors: Vec<FieldError> = match (f.read::<FollowUpInput>(), version) {
        (Ok(input), Ok(version)) => {
            let acting = crate::acting::for_ctx(&s, &ctx);
            match acting.update::<FollowUp>(id, version, &input).await {
                Ok(saved) => {
                    let to = format!("/console/people/{}/history", saved.fields.person_id);
                    return ctx.finish(Redirect::to(&to).into_response());
                }
                Err(e) => match f.refused(e) {
                    Ok(errs) => errs,
                    Err(e) => return app_error(&ctx, e),
                },
            }
        }
        (read, version) => {
            let mut errs = read.err().unwrap_or_default();
            if version.is_err() {
                errs.push(FieldError::required("version"));
            }
            errs
        }
    };
    add_errors(&ctx, &mut f, &errors);
    follow_up_form(&s, &ctx, Some(id), f).await
}

// ------------------------------------------------ deleting, after a warning

#[derive(Template)]
#[template(path = "console/confirm_delete.html")]
struct ConfirmDelete<'a> {
    ctx: &'a Ctx,
    heading: String,
    what: String,
    blocked: Option<String>,
    going_with: Option<String>,
    refused: Option<String>,
    action: String,
    version: i64,
    back: String,
}

/// What is about to go: shown, and where to go back to.
struct Target {
    heading: &'static str,
    what: String,
    version: i64,
    action: String,
    back: String,
}

fn confirm_page(ctx: &Ctx, t: Target, refused: Option<String>) -> Response {
    let conflict = refused.is_some();
    let page = ConfirmDelete {
        ctx,
        heading: ctx.t(t.heading),
        what: t.what,
        blocked: None,
        going_with: None,
        refused,
        action: t.action,
        version: t.version,
        back: t.back,
    };
    let mut r = render(ctx, &page);
    if conflict {
        *r.status_mut() = StatusCode::CONFLICT;
    }
    r
}

/// The version the confirmation was shown at: a record changed since is
/// not deleted (the page shown again, 409, with the new version).
fn confirmed(ctx: &Ctx, pairs: &[(String, String)], t: Target) -> Result<(), Response> {
    let f = FormState::from_pairs(pairs);
    ctx.check_csrf(f.v("csrf"))?;
    if f.v("version").trim().parse::<i64>().ok() != Some(t.version) {
        return Err(confirm_page(ctx, t, Some(ctx.t("work-delete-stale"))));
    }
    Ok(())
}

async fn follow_up_target(s: &WebState, ctx: &Ctx, id: Id) -> Result<(Target, FollowUp), AppError> {
    let fu = s.app.store.get::<FollowUp>(id).await?;
    let person = s
        .app
        .store
        .get::<kizuna_domain::common::person::Person>(fu.fields.person_id)
        .await?;
    let about = match fu.fields.about() {
        Some(a) => ctx.local(&s.app.about_title(a).await?),
        None => String::new(),
    };
    let milestone = ctx.t(&format!("alumni-milestone-{}", fu.fields.milestone.as_str()));
    Ok((
        Target {
            heading: "alumni-delete-follow-up",
            what: format!("{} · {about} · {milestone}", person_name(&person)),
            version: fu.version,
            action: format!("/console/follow-ups/{id}/delete"),
            back: format!("/console/follow-ups/{id}"),
        },
        fu,
    ))
}

async fn follow_up_delete_page(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    staff!(ctx);
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let (t, _) = ok_or_page!(&ctx, follow_up_target(&s, &ctx, id).await);
    confirm_page(&ctx, t, None)
}

async fn follow_up_delete(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    staff!(ctx);
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let (t, fu) = ok_or_page!(&ctx, follow_up_target(&s, &ctx, id).await);
    if let Err(r) = confirmed(&ctx, &pairs, t) {
        return r;
    }
    let acting = crate::acting::for_ctx(&s, &ctx);
    ok_or_page!(&ctx, acting.delete::<FollowUp>(id).await);
    let to = format!("/console/people/{}/history", fu.fields.person_id);
    ctx.finish(Redirect::to(&to).into_response())
}

// --------------------------------------------------- members added, removed

async fn member_add(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    staff!(ctx);
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let mut f = FormState::from_pairs(&pairs);
    if let Err(r) = ctx.check_csrf(f.v("csrf")) {
        return r;
    }
    f.set("association_id", id);
    let errors = match f.read::<AlumniMemberInput>() {
        Ok(input) => {
            let acting = crate::acting::for_ctx(&s, &ctx);
            match acting.create::<AlumniMember>(&input).await {
                Ok(_) => {
                    let to = format!("/console/alumni/associations/{id}?done=member-added");
                    return ctx.finish(Redirect::to(&to).into_response());
                }
                Err(e) => match f.refused(e) {
                    Ok(errs) => errs,
                    Err(e) => return app_error(&ctx, e),
                },
            }
        }
        Err(errs) => errs,
    };
    add_errors(&ctx, &mut f, &errors);
    association_render(&s, &ctx, id, f, None).await
}

async fn member_target(s: &WebState, ctx: &Ctx, id: Id) -> Result<(Target, AlumniMember), AppError> {
    let m = s.app.store.get::<AlumniMember>(id).await?;
    let person = s
        .app
        .store
        .get::<kizuna_domain::common::person::Person>(m.fields.person_id)
        .await?;
    let a = s
        .app
        .store
        .get::<kizuna_domain::training::alumni::AlumniAssociation>(m.fields.association_id)
        .await?;
    Ok((
        Target {
            heading: "alumni-remove-member",
            what: format!("{} · {}", person_name(&person), ctx.local(&a.fields.name)),
            version: m.version,
            action: format!("/console/alumni/members/{id}/delete"),
            back: format!("/console/alumni/associations/{}", a.id),
        },
        m,
    ))
}

async fn member_delete_page(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    staff!(ctx);
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let (t, _) = ok_or_page!(&ctx, member_target(&s, &ctx, id).await);
    confirm_page(&ctx, t, None)
}

async fn member_delete(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    staff!(ctx);
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let (t, m) = ok_or_page!(&ctx, member_target(&s, &ctx, id).await);
    if let Err(r) = confirmed(&ctx, &pairs, t) {
        return r;
    }
    let acting = crate::acting::for_ctx(&s, &ctx);
    ok_or_page!(&ctx, acting.delete::<AlumniMember>(id).await);
    let to = format!(
        "/console/alumni/associations/{}?done=member-removed",
        m.fields.association_id
    );
    ctx.finish(Redirect::to(&to).into_response())
}
