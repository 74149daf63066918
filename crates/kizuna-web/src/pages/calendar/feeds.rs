//! Private feeds: staff list, create and revoke them at
//! `/console/calendar/feeds`; a feed's secret URL answers its calendar
//! (every item its filters keep, private ones if it includes them) until
//! it is revoked, then 404.

use askama::Template;
use axum::extract::{Form, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use kizuna_app::AppError;
use kizuna_app::calendar::{FeedFilters, FeedRow, Filter, filter_of, kind_label};
use kizuna_domain::common::Id;

use super::ics_response;
use crate::pages::{Routes, message, render};
use crate::session::{Ctx, WebState};

pub(super) fn routes() -> Routes {
    Routes::new()
        .route("/calendar/private/{file}", get(private_feed))
        .route("/console/calendar/feeds", get(list).post(create))
        .route("/console/calendar/feeds/{id}/revoke", post(revoke))
}

struct Row {
    id: Id,
    name: String,
    filters: String,
    created: String,
    used: String,
    active: bool,
}

#[derive(Template)]
#[template(path = "calendar/feeds.html")]
struct Feeds<'a> {
    ctx: &'a Ctx,
    rows: Vec<Row>,
    kinds: Vec<(&'static str, String)>,
    programmes: Vec<(Id, String)>,
    localities: Vec<(Id, String)>,
    /// The address of a feed just created (shown once).
    created: Option<String>,
    notice: Option<String>,
    /// Why a creation was refused.
    errors: Vec<String>,
}

fn unavailable(ctx: &Ctx) -> Response {
    message(ctx, StatusCode::SERVICE_UNAVAILABLE, "error-title", "error-database")
}

async fn feeds_page(
    s: &WebState,
    ctx: &Ctx,
    created: Option<String>,
    notice: Option<String>,
    errors: Vec<String>,
) -> Response {
    let (Ok(feeds), Ok(cal)) = (
        s.app.calendar_feeds().await,
        s.app
            .calendar(&Filter::new(kizuna_app::calendar::Audience::Staff {
                include_private: true,
            }))
            .await,
    ) else {
        return unavailable(ctx);
    };
    let when = |t: chrono::DateTime<chrono::Utc>| {
        let local = t.with_timezone(&kizuna_app::calendar::DEFAULT_ZONE);
        format!("{} {}", ctx.date(&local.date_naive()), local.format("%H:%M"))
    };
    let rows = feeds
        .iter()
        .map(|f: &FeedRow| {
            let mut parts: Vec<String> = Vec::new();
            if let Ok(filter) = filter_of(f) {
                parts.extend(filter.kinds.iter().map(|k| kind_label(ctx.lang, *k)));
            }
            if let Some(p) = f.programme_id.and_then(|p| cal.programmes.get(&p)) {
                parts.push(ctx.local(&p.fields.title));
            }
            if let Some(l) = f.locality_id.and_then(|l| cal.localities.get(&l)) {
                parts.push(ctx.local(&l.fields.name));
            }
            if f.include_private {
                parts.push(ctx.t("calendar-feeds-include-private"));
            }
            if parts.is_empty() {
                parts.push(ctx.t("calendar-filter-all"));
            }
            Row {
                id: f.id,
                name: f.name.clone(),
                filters: parts.join(" · "),
                created: when(f.created_at),
                used: f.last_used_at.map_or_else(|| ctx.t("calendar-feeds-never"), when),
                active: f.revoked_at.is_none(),
            }
        })
        .collect();
    let mut programmes: Vec<(Id, String)> = cal
        .programmes
        .values()
        .map(|p| (p.id, ctx.local(&p.fields.title)))
        .collect();
    programmes.sort_by(|a, b| kizuna_i18n::compare(ctx.lang, &a.1, &b.1));
    let mut localities: Vec<(Id, String)> = cal
        .localities
        .values()
        .map(|l| (l.id, ctx.local(&l.fields.name)))
        .collect();
    localities.sort_by(|a, b| kizuna_i18n::compare(ctx.lang, &a.1, &b.1));
    let kinds = kizuna_app::calendar::ItemKind::ALL
        .iter()
        .map(|k| (k.as_str(), kind_label(ctx.lang, *k)))
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let mut r = render(
        ctx,
        &Feeds {
            ctx,
            rows,
            kinds,
            programmes,
            localities,
            created,
            notice,
            errors,
        },
    );
    *r.status_mut() = status;
    r
}

async fn list(
    State(s): State<WebState>,
    ctx: Ctx,
    axum::extract::Query(q): axum::extract::Query<Vec<(String, String)>>,
) -> Response {
    if let Err(r) = ctx.require_staff() {
        return r;
    }
    let notice = q
        .iter()
        .any(|(k, v)| k == "done" && v == "revoked")
        .then(|| ctx.t("calendar-feeds-revoked-done"));
    feeds_page(&s, &ctx, None, notice, Vec::new()).await
}

async fn create(
    State(s): State<WebState>,
    ctx: Ctx,
    headers: HeaderMap,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let user = match ctx.require_staff() {
        Ok(u) => u.clone(),
        Err(r) => return r,
    };
    let field = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    };
    if let Err(r) = ctx.check_csrf(field("csrf")) {
        return r;
    }
    let mut errors = Vec::new();
    let kinds = match Filter::parse_kinds(pairs.iter().filter(|(k, _)| k == "kind").map(|(_, v)| v.as_str())) {
        Ok(k) => k,
        Err(e) => {
            errors.push(format!("{}: {e}", ctx.t("calendar-filter-kind")));
            Vec::new()
        }
    };
    let mut id = |name: &str, label: &str| {
        let v = field(name).trim();
        if v.is_empty() {
            return None;
        }
        match v.parse::<Id>() {
            Ok(n) if n > 0 => Some(n),
            _ => {
                errors.push(format!("{}: \"{v}\"", ctx.t(label)));
                None
            }
        }
    };
    let programme_id = id("programme", "calendar-filter-programme");
    let locality_id = id("locality", "calendar-filter-locality");
    if !errors.is_empty() {
        return feeds_page(&s, &ctx, None, None, errors).await;
    }
    let filters = FeedFilters {
        kinds,
        programme_id,
        locality_id,
        include_private: field("include_private") == "on",
    };
    match s.app.create_calendar_feed(field("name"), &filters, Some(user.id)).await {
        Ok(made) => {
            let origin = crate::pages::admin::origin(&headers, s.secure_cookies);
            let url = format!("{origin}/calendar/private/{}.ics?lang={}", made.secret, ctx.lang.code());
            feeds_page(&s, &ctx, Some(url), Some(ctx.t("calendar-feeds-created")), Vec::new()).await
        }
        Err(AppError::Invalid(errs)) => {
            let errors = errs
                .iter()
                .map(|e| {
                    let label = match e.field.as_str() {
                        "name" => ctx.t("calendar-feeds-name"),
                        "programme_id" => ctx.t("calendar-filter-programme"),
                        "locality_id" => ctx.t("calendar-filter-locality"),
                        other => other.to_owned(),
                    };
                    format!("{label}: {}", e.message)
                })
                .collect();
            feeds_page(&s, &ctx, None, None, errors).await
        }
        Err(_) => unavailable(&ctx),
    }
}

async fn revoke(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    if let Err(r) = ctx.require_staff() {
        return r;
    }
    let token = pairs
        .iter()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.as_str())
        .unwrap_or("");
    if let Err(r) = ctx.check_csrf(token) {
        return r;
    }
    let Ok(id) = id.parse::<Id>() else {
        return crate::pages::not_found(ctx).await;
    };
    match s.app.revoke_calendar_feed(id).await {
        Ok(()) => ctx.finish(Redirect::to("/console/calendar/feeds?done=revoked").into_response()),
        Err(AppError::NotFound { .. }) => crate::pages::not_found(ctx).await,
        Err(_) => unavailable(&ctx),
    }
}

/// `/calendar/private/<secret>.ics`: the feed's calendar, or 404 for an
/// unknown or revoked secret.
async fn private_feed(State(s): State<WebState>, ctx: Ctx, headers: HeaderMap, Path(file): Path<String>) -> Response {
    let Some(secret) = file.strip_suffix(".ics") else {
        return crate::pages::not_found(ctx).await;
    };
    let feed = match s.app.calendar_feed_by_secret(secret).await {
        Ok(Some(f)) => f,
        Ok(None) => return crate::pages::not_found(ctx).await,
        Err(_) => return unavailable(&ctx),
    };
    let Ok(filter) = filter_of(&feed) else {
        return unavailable(&ctx);
    };
    let Ok(cal) = s.app.calendar(&filter).await else {
        return unavailable(&ctx);
    };
    let origin = crate::pages::admin::origin(&headers, s.secure_cookies);
    let name = format!("{} · {}", ctx.t("calendar-feed-name"), feed.name);
    let body = s.app.calendar_ics(&cal, ctx.lang, &origin, &name, false);
    let mut r = ics_response(&ctx, body, "kizuna-private.ics");
    r.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("private, no-store"),
    );
    r
}
