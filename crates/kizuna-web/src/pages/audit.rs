//! The audit log's page (`/console/audit`, administrators only: filters by
//! account or channel, kind of record, record, action and days in Japan,
//! paged), and a person's rights from the console: everything held on
//! them as a JSON download (staff), and erasure (administrators, with a
//! confirmation).

use std::collections::BTreeMap;

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::{FixedOffset, NaiveDate};
use kizuna_app::audit::start_of_day_in_japan;
use kizuna_store::{Action, AuditFilter, Page};

use crate::acting::Acting;
use crate::pages::{message, render};
use crate::session::{Ctx, WebState, urlencode};

const PAGE: u32 = 50;

pub fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
        .route("/console/audit", get(audit_page))
        .route("/console/people/{id}/export.json", get(person_export))
        .route("/console/people/{id}/erase", post(person_erase))
}

/// A kind of record in the reader's language (`audit-entity-…`); a kind
/// without a message is shown as stored.
fn entity_name(ctx: &Ctx, entity: &str) -> String {
    known(ctx, &format!("audit-entity-{}", entity.replace('_', "-"))).unwrap_or_else(|| entity.to_owned())
}

/// The channel an entry came through (command line, console, API, the
/// public site, the system itself) in the reader's language.
fn channel(ctx: &Ctx, label: &str) -> String {
    known(ctx, &format!("audit-channel-{label}")).unwrap_or_else(|| label.to_owned())
}

/// An entry's detail in the reader's language. Details are short codes,
/// some with a number ("version 3", "12 marks", "of user 4", "120 rows,
/// Csv", "from person 12" and "into person 7" of a merge); one the
/// catalogue does not know is shown as stored.
fn detail_text(ctx: &Ctx, detail: &str) -> String {
    let words: Vec<&str> = detail.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    let number = words.iter().find_map(|w| w.parse::<i64>().ok());
    let code = match (words.as_slice(), number) {
        (["version", _], Some(_)) => "version",
        ([_, "marks"], Some(_)) => "marks",
        (["of", "user", _], Some(_)) => "of-user",
        (["from", "person", _], Some(_)) => "from-person",
        (["into", "person", _], Some(_)) => "into-person",
        ([.., "rows", _], Some(_)) => "rows",
        _ => "",
    };
    let translated = match (code, number) {
        ("", _) | (_, None) => known(ctx, &format!("audit-detail-{}", detail.replace(' ', "-"))),
        (code, Some(n)) => Some(ctx.tn(&format!("audit-detail-{code}"), "n", n)),
    };
    translated.unwrap_or_else(|| detail.to_owned())
}

/// The message `key` when the catalogue has it.
fn known(ctx: &Ctx, key: &str) -> Option<String> {
    kizuna_i18n::has_message(ctx.lang, key).then(|| ctx.t(key))
}

pub(crate) struct AuditRow {
    id: i64,
    at: String,
    at_iso: String,
    actor: String,
    address: String,
    action: String,
    action_code: String,
    entity: String,
    link: Option<String>,
    detail: String,
}

#[derive(Template)]
#[template(path = "console/audit.html")]
struct AuditPage<'a> {
    ctx: &'a Ctx,
    actor: String,
    entity: String,
    record: String,
    from: String,
    to: String,
    actions: Vec<(&'static str, String, bool)>,
    bad_filter: bool,
    count: String,
    rows: Vec<AuditRow>,
    newer: Option<String>,
    older: Option<String>,
}

fn admin_only(ctx: &Ctx) -> Result<(), Response> {
    ctx.require_staff()?;
    if ctx.is_admin() {
        Ok(())
    } else {
        Err(message(ctx, StatusCode::FORBIDDEN, "forbidden-title", "forbidden-body"))
    }
}

async fn audit_page(State(s): State<WebState>, ctx: Ctx, Query(q): Query<BTreeMap<String, String>>) -> Response {
    if let Err(r) = admin_only(&ctx) {
        return r;
    }
    let get = |k: &str| q.get(k).map(|v| v.trim().to_owned()).unwrap_or_default();
    let (actor, entity, record, action, from, to) = (
        get("actor"),
        get("entity"),
        get("record"),
        get("action"),
        get("from"),
        get("to"),
    );
    let mut bad = false;
    let mut filter = AuditFilter::default();
    if !actor.is_empty() {
        match actor.parse::<i64>() {
            Ok(id) => filter.actor_user_id = Some(id),
            Err(_) => filter.actor_label = Some(actor.clone()),
        }
    }
    if !entity.is_empty() {
        filter.entity = Some(entity.clone());
    }
    if !record.is_empty() {
        match record.parse::<i64>() {
            Ok(id) => filter.record_id = Some(id),
            Err(_) => bad = true,
        }
    }
    if !action.is_empty() {
        match Action::parse(&action) {
            Some(a) => filter.action = Some(a),
            None => bad = true,
        }
    }
    let day = |v: &str, bad: &mut bool| -> Option<NaiveDate> {
        if v.is_empty() {
            return None;
        }
        let d = v.parse::<NaiveDate>().ok();
        *bad |= d.is_none();
        d
    };
    filter.from = day(&from, &mut bad).map(start_of_day_in_japan);
    filter.until = day(&to, &mut bad).and_then(|d| d.succ_opt()).map(start_of_day_in_japan);
    let page_no: u32 = q.get("page").and_then(|p| p.parse().ok()).unwrap_or(0);
    let paging = Page {
        limit: PAGE,
        offset: page_no.saturating_mul(PAGE),
    };
    let Ok((entries, total)) = s.app.audit_log(&filter, paging).await else {
        return message(&ctx, StatusCode::INTERNAL_SERVER_ERROR, "error-title", "error-database");
    };
    let jst = FixedOffset::east_opt(9 * 3600).expect("UTC+9");
    let rows = entries
        .iter()
        .map(|e| {
            let local = e.at.with_timezone(&jst);
            AuditRow {
                id: e.id,
                at: format!("{} {}", ctx.date(&local.date_naive()), local.format("%H:%M:%S")),
                at_iso: e.at.to_rfc3339(),
                actor: match e.actor_user_id {
                    Some(id) => format!("{} ({})", ctx.t1("audit-user", "id", id), channel(&ctx, &e.actor_label)),
                    None => channel(&ctx, &e.actor_label),
                },
                address: e.address.clone().unwrap_or_default(),
                action: ctx.t(&format!("audit-action-{}", e.action)),
                action_code: e.action.clone(),
                entity: match e.record_id {
                    Some(r) => format!("{} {r}", entity_name(&ctx, &e.entity)),
                    None => entity_name(&ctx, &e.entity),
                },
                link: match (e.entity.as_str(), e.record_id) {
                    ("person", Some(r)) => Some(format!("/console/people/{r}")),
                    ("edition", Some(r)) => Some(format!("/console/editions/{r}")),
                    _ => None,
                },
                detail: e.detail.as_deref().map(|d| detail_text(&ctx, d)).unwrap_or_default(),
            }
        })
        .collect();
    let link = |page: u32| {
        let mut qs: Vec<String> = [
            ("actor", &actor),
            ("entity", &entity),
            ("record", &record),
            ("action", &action),
            ("from", &from),
            ("to", &to),
        ]
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect();
        qs.push(format!("page={page}"));
        format!("/console/audit?{}", qs.join("&"))
    };
    let shown_to = i64::from(paging.offset) + entries.len() as i64;
    let page = AuditPage {
        ctx: &ctx,
        actions: Action::ALL
            .iter()
            .map(|a| (a.as_str(), ctx.t(&format!("audit-action-{a}")), a.as_str() == action))
            .collect(),
        actor: actor.clone(),
        entity: entity.clone(),
        record: record.clone(),
        from: from.clone(),
        to: to.clone(),
        bad_filter: bad,
        count: ctx.tn("audit-count", "count", total),
        rows,
        newer: (page_no > 0).then(|| link(page_no - 1)),
        older: (shown_to < total).then(|| link(page_no + 1)),
    };
    render(&ctx, &page)
}

/// Everything held on a person, as a JSON download (logged as an export).
async fn person_export(ctx: Ctx, Acting(app): Acting, Path(id): Path<String>) -> Response {
    if let Err(r) = ctx.require_staff() {
        return r;
    }
    let Some(id) = id.parse::<i64>().ok().filter(|i| *i > 0) else {
        return message(&ctx, StatusCode::NOT_FOUND, "not-found-title", "not-found-body");
    };
    match app.export_person(id).await {
        Ok(x) => match serde_json::to_vec_pretty(&x) {
            Ok(body) => (
                [
                    (header::CONTENT_TYPE, "application/json".to_owned()),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"person-{id}.json\""),
                    ),
                ],
                body,
            )
                .into_response(),
            Err(_) => message(&ctx, StatusCode::INTERNAL_SERVER_ERROR, "error-title", "error-database"),
        },
        Err(kizuna_app::AppError::NotFound { .. }) => {
            message(&ctx, StatusCode::NOT_FOUND, "not-found-title", "not-found-body")
        }
        Err(_) => message(&ctx, StatusCode::INTERNAL_SERVER_ERROR, "error-title", "error-database"),
    }
}

#[derive(serde::Deserialize)]
struct EraseForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    confirm: String,
}

/// Erase a person (administrators; the form's box must be ticked).
async fn person_erase(ctx: Ctx, Acting(app): Acting, Path(id): Path<String>, Form(f): Form<EraseForm>) -> Response {
    if let Err(r) = admin_only(&ctx) {
        return r;
    }
    if let Err(r) = ctx.check_csrf(&f.csrf) {
        return r;
    }
    let Some(id) = id.parse::<i64>().ok().filter(|i| *i > 0) else {
        return message(&ctx, StatusCode::NOT_FOUND, "not-found-title", "not-found-body");
    };
    if f.confirm != "yes" {
        return message(
            &ctx,
            StatusCode::UNPROCESSABLE_ENTITY,
            "audit-person-erase",
            "audit-person-erase-missing",
        );
    }
    match app.erase_person(id).await {
        Ok(_) => ctx.finish(Redirect::to(&format!("/console/people/{id}")).into_response()),
        Err(kizuna_app::AppError::NotFound { .. }) => {
            message(&ctx, StatusCode::NOT_FOUND, "not-found-title", "not-found-body")
        }
        Err(_) => message(&ctx, StatusCode::INTERNAL_SERVER_ERROR, "error-title", "error-database"),
    }
}
