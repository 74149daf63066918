//! `/admin/accounts`: every account, adding one (the new person sets their
//! password through a one-time link), and disabling, enabling, deleting
//! and resetting the password of each, confirmed first.

use std::collections::BTreeMap;

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use kizuna_domain::common::access::RESET_LINK_HOURS;
use kizuna_domain::common::account::Role;
use kizuna_domain::common::organisation::Organisation;
use kizuna_store::Page;
use serde::Deserialize;

use super::{Confirm, Once, failed, guard, origin, problem_for, problems, show_once};
use crate::acting::Acting;
use crate::pages::{message, render};
use crate::session::{Ctx, WebState};

/// What each account action is called in paths and message keys.
const ACTIONS: [&str; 4] = ["disable", "enable", "delete", "reset-password"];

pub(crate) struct Line {
    id: i64,
    email: String,
    role: String,
    organisation: String,
    disabled: bool,
    state: String,
    sessions: String,
    last_sign_in: String,
    created: String,
    is_self: bool,
}

#[derive(Template)]
#[template(path = "admin/accounts.html")]
struct AccountsPage<'a> {
    ctx: &'a Ctx,
    notice: Option<String>,
    error: Option<String>,
    lines: Vec<Line>,
    /// (key, name) of each organisation, for partners.
    organisations: Vec<(String, String)>,
    roles: Vec<(&'static str, String)>,
    problems: Vec<(String, String)>,
    email: String,
    role: String,
    organisation: String,
    /// The person id typed for a volunteer account.
    person: String,
}

impl AccountsPage<'_> {
    fn err(&self, field: &str) -> Option<&str> {
        problem_for(&self.problems, field)
    }
}

#[derive(Default)]
struct Shown {
    notice: Option<String>,
    error: Option<String>,
    problems: Vec<(String, String)>,
    email: String,
    role: String,
    organisation: String,
    person: String,
}

async fn page(s: &WebState, ctx: &Ctx, status: StatusCode, shown: Shown) -> Response {
    let me = ctx.user.as_ref().map(|u| u.id);
    let rows = match s.app.accounts().await {
        Ok(r) => r,
        Err(e) => return failed(ctx, &e),
    };
    let organisations = match s
        .app
        .list::<Organisation>(
            &BTreeMap::new(),
            Page {
                limit: 10_000,
                offset: 0,
            },
        )
        .await
    {
        Ok((list, _)) => list,
        Err(e) => return failed(ctx, &e),
    };
    let mut organisations: Vec<(String, String)> = organisations
        .into_iter()
        .map(|o| (o.fields.key.to_string(), ctx.local(&o.fields.name)))
        .collect();
    kizuna_i18n::collate::sort_by_name(ctx.lang, &mut organisations, |o| o.1.as_str());
    let name_of = |key: &str| {
        organisations
            .iter()
            .find(|(k, _)| k == key)
            .map_or_else(|| key.to_owned(), |(_, n)| n.clone())
    };
    let lines = rows
        .into_iter()
        .map(|r| Line {
            id: r.user.id,
            role: ctx.t(&format!("admin-role-{}", r.user.role)),
            organisation: r.organisation_key.as_deref().map(name_of).unwrap_or_default(),
            disabled: r.disabled_at.is_some(),
            state: match &r.disabled_at {
                Some(t) => ctx.t1("admin-state-disabled", "when", ctx.instant(t)),
                None => ctx.t("admin-state-enabled"),
            },
            sessions: ctx.num(r.sessions),
            last_sign_in: r.last_sign_in.map(|t| ctx.instant(&t)).unwrap_or_default(),
            created: ctx.instant(&r.created_at),
            is_self: Some(r.user.id) == me,
            email: r.user.email,
        })
        .collect();
    let roles = Role::ALL
        .iter()
        .map(|r| (r.as_str(), ctx.t(&format!("admin-role-{r}"))))
        .collect();
    let mut r = render(
        ctx,
        &AccountsPage {
            ctx,
            notice: shown.notice,
            error: shown.error,
            lines,
            organisations,
            roles,
            problems: shown.problems,
            email: shown.email,
            role: if shown.role.is_empty() {
                "staff".into()
            } else {
                shown.role
            },
            organisation: shown.organisation,
            person: shown.person,
        },
    );
    *r.status_mut() = status;
    super::no_store(r)
}

pub(crate) async fn list(State(s): State<WebState>, ctx: Ctx, Query(q): Query<BTreeMap<String, String>>) -> Response {
    guard!(ctx.require_admin());
    let notice = q
        .get("done")
        .filter(|a| ACTIONS.contains(&a.as_str()))
        .map(|a| ctx.t(&format!("admin-done-{a}")));
    page(
        &s,
        &ctx,
        StatusCode::OK,
        Shown {
            notice,
            ..Shown::default()
        },
    )
    .await
}

#[derive(Deserialize)]
pub(crate) struct AddForm {
    csrf: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    organisation: String,
    #[serde(default)]
    person: String,
}

pub(crate) async fn add(
    State(s): State<WebState>,
    ctx: Ctx,
    headers: HeaderMap,
    Acting(app): Acting,
    Form(f): Form<AddForm>,
) -> Response {
    guard!(ctx.require_admin());
    guard!(ctx.check_csrf(&f.csrf));
    let again = |problems| Shown {
        problems,
        email: f.email.clone(),
        role: f.role.clone(),
        organisation: f.organisation.clone(),
        person: f.person.clone(),
        ..Shown::default()
    };
    let Ok(role) = f.role.parse::<Role>() else {
        let p = vec![("role".to_owned(), super::problem(&ctx, "role", "unknown_value"))];
        return page(&s, &ctx, StatusCode::UNPROCESSABLE_ENTITY, again(p)).await;
    };
    let organisation = Some(f.organisation.trim()).filter(|o| !o.is_empty() && role == Role::Partner);
    let person = match f.person.trim() {
        "" => None,
        t => match t.parse::<i64>() {
            Ok(id) if id > 0 => Some(id),
            _ => {
                let p = vec![("person".to_owned(), super::problem(&ctx, "person", "not_found"))];
                return page(&s, &ctx, StatusCode::UNPROCESSABLE_ENTITY, again(p)).await;
            }
        },
    };
    let person = person.filter(|_| role == Role::Volunteer);
    let user = match app.add_account(&f.email, role, organisation, person, None).await {
        Ok((user, _)) => user,
        Err(e) => {
            let p = guard!(problems(&ctx, e));
            return page(&s, &ctx, StatusCode::UNPROCESSABLE_ENTITY, again(p)).await;
        }
    };
    let link = match app.password_reset_link(user.id).await {
        Ok(l) => l,
        Err(e) => return failed(&ctx, &e),
    };
    show_once(
        &ctx,
        &Once {
            ctx: &ctx,
            title: ctx.t1("admin-added-title", "email", &user.email),
            explain: ctx.t1("admin-link-explain", "hours", RESET_LINK_HOURS),
            secret: format!("{}{link}", origin(&headers, ctx.secure)),
            back: "/admin/accounts",
        },
    )
}

fn parse_target(ctx: &Ctx, id: &str, action: &str) -> Result<i64, Response> {
    match id.parse::<i64>() {
        Ok(n) if n > 0 && ACTIONS.contains(&action) => Ok(n),
        _ => Err(message(ctx, StatusCode::NOT_FOUND, "not-found-title", "not-found-body")),
    }
}

pub(crate) async fn confirm(
    State(s): State<WebState>,
    ctx: Ctx,
    Path((id, action)): Path<(String, String)>,
) -> Response {
    guard!(ctx.require_admin());
    let id = guard!(parse_target(&ctx, &id, &action));
    let (user, _) = match s.app.account(id).await {
        Ok(u) => u,
        Err(e) => {
            return problems(&ctx, e)
                .err()
                .unwrap_or_else(|| message(&ctx, StatusCode::NOT_FOUND, "not-found-title", "not-found-body"));
        }
    };
    render(
        &ctx,
        &Confirm {
            ctx: &ctx,
            title: ctx.t1(&format!("admin-confirm-{action}-title"), "email", &user.email),
            explain: ctx.t1(&format!("admin-confirm-{action}"), "hours", RESET_LINK_HOURS),
            action: format!("/admin/accounts/{id}/{action}"),
            button: ctx.t(&format!("admin-action-{action}")),
            danger: matches!(action.as_str(), "disable" | "delete"),
            back: "/admin/accounts",
        },
    )
}

#[derive(Deserialize)]
pub(crate) struct CsrfOnly {
    csrf: String,
}

pub(crate) async fn act(
    State(s): State<WebState>,
    ctx: Ctx,
    headers: HeaderMap,
    Acting(app): Acting,
    Path((id, action)): Path<(String, String)>,
    Form(f): Form<CsrfOnly>,
) -> Response {
    let admin = guard!(ctx.require_admin()).clone();
    guard!(ctx.check_csrf(&f.csrf));
    let id = guard!(parse_target(&ctx, &id, &action));
    let done = match action.as_str() {
        "disable" => app.disable_account(Some(&admin), id).await.map(|_| ()),
        "enable" => app.enable_account(id).await.map(|_| ()),
        "delete" => app.delete_account(Some(&admin), id).await.map(|_| ()),
        _ => match app.password_reset_link(id).await {
            Ok(link) => {
                let email = s.app.account(id).await.map(|(u, _)| u.email).unwrap_or_default();
                return show_once(
                    &ctx,
                    &Once {
                        ctx: &ctx,
                        title: ctx.t1("admin-reset-title", "email", &email),
                        explain: ctx.t1("admin-link-explain", "hours", RESET_LINK_HOURS),
                        secret: format!("{}{link}", origin(&headers, ctx.secure)),
                        back: "/admin/accounts",
                    },
                );
            }
            Err(e) => Err(e),
        },
    };
    match done {
        Ok(()) => ctx.finish(Redirect::to(&format!("/admin/accounts?done={action}")).into_response()),
        Err(e) => {
            let p = guard!(problems(&ctx, e));
            let error = p.into_iter().map(|(_, m)| m).collect::<Vec<_>>().join(" ");
            page(
                &s,
                &ctx,
                StatusCode::UNPROCESSABLE_ENTITY,
                Shown {
                    error: Some(error),
                    ..Shown::default()
                },
            )
            .await
        }
    }
}
