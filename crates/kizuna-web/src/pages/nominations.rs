//! The staff's review of the nomination files partners send
//! (`/console/nominations`): every file with its organisation, the edition
//! it is for and where it stands; download it (logged), and mark it
//! reviewed, accepted or declined with a note, made from the version shown
//! (a review someone else made meanwhile is not overwritten).

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use kizuna_app::AppError;
use kizuna_domain::common::organisation::Organisation;
use kizuna_domain::common::{Id, Text};
use kizuna_domain::training::edition::Edition;
use kizuna_domain::training::nomination::{Nomination, NominationStatus};
use kizuna_store::nominations::NominationFilter;

use super::partner::{app_error, check_form, field_message, file_response, guard, size_text, status_label, when};
use super::{message, render};
use crate::session::{Ctx, WebState};

pub fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
        .route("/console/nominations", get(review_page))
        .route("/console/nominations/{id}", post(review_save))
        .route("/console/nominations/{id}/file", get(review_file))
}

struct Row {
    id: Id,
    version: i64,
    organisation: String,
    edition: String,
    file_name: String,
    kind: String,
    size: String,
    uploaded: String,
    note: String,
    status: String,
    status_code: &'static str,
    review_note: String,
    reviewed: String,
    /// The review form as typed, and its message, when it needs fixing.
    chosen: String,
    typed_note: String,
    error: Option<String>,
}

struct Choice {
    value: &'static str,
    label: String,
}

#[derive(Template)]
#[template(path = "console/nominations.html")]
struct ReviewPage<'a> {
    ctx: &'a Ctx,
    rows: Vec<Row>,
    filters: Vec<(String, String, bool)>,
    decisions: Vec<Choice>,
    notice: Option<String>,
    alert: Option<String>,
}

#[derive(serde::Deserialize)]
struct ListQuery {
    status: Option<String>,
    saved: Option<String>,
}

/// A row's review form as sent back: its id, the values as typed (none:
/// the record's own), and the message.
type Typed = (Id, Option<(String, String)>, String);

async fn rows(s: &WebState, ctx: &Ctx, list: &[Nomination], typed: Option<&Typed>) -> Vec<Row> {
    let mut orgs: HashMap<Id, String> = HashMap::new();
    let mut editions: HashMap<Id, String> = HashMap::new();
    let mut out = Vec::with_capacity(list.len());
    for n in list {
        if let Entry::Vacant(slot) = orgs.entry(n.organisation_id) {
            let name = s
                .app
                .get::<Organisation>(n.organisation_id)
                .await
                .map(|o| ctx.local(&o.fields.name))
                .unwrap_or_else(|_| n.organisation_id.to_string());
            slot.insert(name);
        }
        let edition = match n.edition_id {
            None => String::new(),
            Some(id) => {
                if let Entry::Vacant(slot) = editions.entry(id) {
                    let text = s
                        .app
                        .get::<Edition>(id)
                        .await
                        .map(|e| format!("{} · {}", e.fields.key, ctx.fy(&e.fields.fiscal_year.year())))
                        .unwrap_or_default();
                    slot.insert(text);
                }
                editions.get(&id).cloned().unwrap_or_default()
            }
        };
        let mine = typed.filter(|t| t.0 == n.id);
        out.push(Row {
            id: n.id,
            version: n.version,
            organisation: orgs.get(&n.organisation_id).cloned().unwrap_or_default(),
            edition,
            file_name: n.file_name.clone(),
            kind: n.file_kind.as_str().to_uppercase(),
            size: size_text(ctx, n.size_bytes),
            uploaded: when(ctx, &n.uploaded_at),
            note: n.note.as_ref().map(ToString::to_string).unwrap_or_default(),
            status: status_label(ctx, n.status),
            status_code: n.status.as_str(),
            review_note: n.review_note.as_ref().map(ToString::to_string).unwrap_or_default(),
            reviewed: n.reviewed_at.map(|t| when(ctx, &t)).unwrap_or_default(),
            chosen: mine
                .and_then(|t| t.1.as_ref())
                .map_or_else(|| n.status.as_str().to_owned(), |v| v.0.clone()),
            typed_note: mine.and_then(|t| t.1.as_ref()).map_or_else(
                || n.review_note.as_ref().map(ToString::to_string).unwrap_or_default(),
                |v| v.1.clone(),
            ),
            error: mine.map(|t| t.2.clone()).filter(|e| !e.is_empty()),
        });
    }
    out
}

fn page<'a>(ctx: &'a Ctx, rows: Vec<Row>, current: Option<NominationStatus>) -> ReviewPage<'a> {
    let mut filters = vec![(String::new(), ctx.t("partner-filter-all"), current.is_none())];
    filters.extend(
        NominationStatus::ALL
            .iter()
            .map(|st| (st.as_str().to_owned(), status_label(ctx, *st), current == Some(*st))),
    );
    ReviewPage {
        ctx,
        rows,
        filters,
        decisions: NominationStatus::DECISIONS
            .iter()
            .map(|st| Choice {
                value: st.as_str(),
                label: status_label(ctx, *st),
            })
            .collect(),
        notice: None,
        alert: None,
    }
}

async fn review_page(State(s): State<WebState>, ctx: Ctx, Query(q): Query<ListQuery>) -> Response {
    guard!(ctx.require_staff());
    let status = match q.status.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        None => None,
        Some(v) => match v.parse::<NominationStatus>() {
            Ok(st) => Some(st),
            Err(_) => {
                return message(
                    &ctx,
                    StatusCode::BAD_REQUEST,
                    "partner-bad-filter-title",
                    "partner-bad-filter",
                );
            }
        },
    };
    let list = match s
        .app
        .nominations(NominationFilter {
            organisation_id: None,
            status,
        })
        .await
    {
        Ok(l) => l,
        Err(e) => return app_error(&ctx, &e),
    };
    let rows = rows(&s, &ctx, &list, None).await;
    let mut p = page(&ctx, rows, status);
    if q.saved.is_some() {
        p.notice = Some(ctx.t("partner-review-saved"));
    }
    render(&ctx, &p)
}

async fn review_file(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = id.parse::<Id>().ok().filter(|i| *i > 0) else {
        return message(&ctx, StatusCode::NOT_FOUND, "not-found-title", "not-found-body");
    };
    match crate::acting::for_ctx(&s, &ctx).nomination_file(id, None).await {
        Ok((n, bytes)) => file_response(&ctx, &n, bytes),
        Err(e) => app_error(&ctx, &e),
    }
}

async fn review_save(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let user = guard!(ctx.require_staff()).clone();
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.replace("\r\n", "\n").replace('\r', "\n"))
            .unwrap_or_default()
    };
    guard!(check_form(&ctx, &get("csrf")));
    let Some(id) = id.parse::<Id>().ok().filter(|i| *i > 0) else {
        return message(&ctx, StatusCode::NOT_FOUND, "not-found-title", "not-found-body");
    };
    if let Err(e) = s.app.nomination(id, None).await {
        return app_error(&ctx, &e);
    }
    let chosen = get("status").trim().to_owned();
    let typed_note = get("review_note").trim().to_owned();
    let version = get("version").trim().parse::<i64>().unwrap_or(0);
    let status = chosen.parse::<NominationStatus>();
    let note = Text::parse_optional(Some(typed_note.as_str()));
    let result = match (status, note) {
        (Ok(st), Ok(note)) => {
            crate::acting::for_ctx(&s, &ctx)
                .review_nomination(id, version, st, note, Some(user.id))
                .await
        }
        (Err(e), _) => Err(AppError::Invalid(vec![e.at("status")])),
        (_, Err(e)) => Err(AppError::Invalid(vec![e.at("review_note")])),
    };
    let (message_text, status_code) = match result {
        Ok(_) => {
            return ctx
                .finish(Redirect::to(&format!("/console/nominations?saved={id}#nomination-{id}")).into_response());
        }
        Err(AppError::Invalid(errs)) => (
            errs.iter()
                .map(|e| field_message(&ctx, e))
                .collect::<Vec<_>>()
                .join(" "),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(AppError::Conflict { .. }) => (ctx.t("partner-review-stale"), StatusCode::CONFLICT),
        Err(e) => return app_error(&ctx, &e),
    };
    let list = s.app.nominations(NominationFilter::default()).await.unwrap_or_default();
    // A stale form shows the review as it is now; a wrong one, as typed.
    let values = (status_code == StatusCode::UNPROCESSABLE_ENTITY).then_some((chosen, typed_note));
    let typed: Typed = (id, values, message_text.clone());
    let rows = rows(&s, &ctx, &list, Some(&typed)).await;
    let mut p = page(&ctx, rows, None);
    p.alert = Some(message_text);
    let mut r = render(&ctx, &p);
    *r.status_mut() = status_code;
    r
}
