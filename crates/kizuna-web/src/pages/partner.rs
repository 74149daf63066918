//! The partner organisation's page: its own programmes and people, nothing
//! else, and no personal data.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use kizuna_domain::common::organisation::Organisation;
use kizuna_domain::common::person::Person;
use kizuna_domain::common::programme::Programme;
use kizuna_store::Page;

use super::{message, render};
use crate::session::{Ctx, WebState};

pub fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new().route("/partner", get(partner_home))
}

struct PersonRow {
    id: i64,
    name: String,
    country: String,
    roles: Vec<String>,
}

#[derive(Template)]
#[template(path = "partner.html")]
struct PartnerHome<'a> {
    ctx: &'a Ctx,
    organisation: String,
    programmes: Vec<String>,
    people: Vec<PersonRow>,
}

async fn partner_home(State(s): State<WebState>, ctx: Ctx) -> Response {
    let user = match ctx.require_user() {
        Ok(u) => u.clone(),
        Err(r) => return r,
    };
    let Some(org_id) = user.organisation_id else {
        return message(
            &ctx,
            StatusCode::FORBIDDEN,
            "forbidden-title",
            "partner-no-organisation",
        );
    };
    let Ok(org) = s.app.get::<Organisation>(org_id).await else {
        return message(&ctx, StatusCode::NOT_FOUND, "not-found-title", "not-found-body");
    };
    let only_ours = [("organisation_id".to_owned(), org_id.to_string())]
        .into_iter()
        .collect();
    let all = Page { limit: 1000, offset: 0 };
    let programmes = s
        .app
        .list::<Programme>(&only_ours, all)
        .await
        .map(|(p, _)| p)
        .unwrap_or_default()
        .into_iter()
        .map(|p| ctx.local(&p.fields.title))
        .collect();
    let mut people = Vec::new();
    // Read as the partner's account: the people shown are logged.
    for p in crate::acting::for_ctx(&s, &ctx)
        .list::<Person>(&only_ours, all)
        .await
        .map(|(p, _)| p)
        .unwrap_or_default()
    {
        let roles = s
            .app
            .roles_of(p.id)
            .await
            .unwrap_or_default()
            .into_iter()
            .map(|r| {
                format!(
                    "{} · {} · {}",
                    ctx.t(&format!("role-{}", r.role)),
                    ctx.fy(&r.fiscal_year),
                    ctx.local(&r.programme_title)
                )
            })
            .collect();
        people.push(PersonRow {
            id: p.id,
            name: p.sort_name(),
            country: p.fields.nationality.country().name(ctx.lang.code()).to_owned(),
            roles,
        });
    }
    render(
        &ctx,
        &PartnerHome {
            ctx: &ctx,
            organisation: ctx.local(&org.fields.name),
            programmes,
            people,
        },
    )
}
