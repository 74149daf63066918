//! The staff console for volunteer placements: the list (filtered by
//! scheme, direction and fiscal year), a placement made, changed and
//! deleted in one form with each problem beside its field. A placement's
//! own page, its documents and appointments are in `placements_page.rs`.
//! The conventions are the training console's: pages that work without
//! JavaScript, POST forms with the CSRF token answered by a redirect or by
//! the same form, a change naming the version it was made from.

use std::collections::BTreeMap;

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use fluent_bundle::FluentValue;
use kizuna_app::AppError;
use kizuna_app::volunteers::placements::{PlacementFilter, PlacementRow};
use kizuna_domain::FieldError;
use kizuna_domain::common::Id;
use kizuna_domain::common::locality::Locality;
use kizuna_domain::common::organisation::Organisation;
use kizuna_domain::common::person::Person;
use kizuna_domain::common::programme::Programme;
use kizuna_domain::volunteers::placement::{Phase, Placement, PlacementDirection, PlacementInput, Scheme};
use kizuna_i18n as i18n;

use crate::pages::render;
use crate::pages::training::console::{ALL, FormState, Opt, app_error, field_message, not_found, opt, parse_id};
use crate::session::{Ctx, WebState};

pub(super) fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
        .route("/console/placements", get(list))
        .route("/console/placements/new", get(new).post(create))
        .route("/console/placements/{id}/edit", get(edit).post(update))
        .route("/console/placements/{id}/delete", get(delete_page).post(delete))
}

/// Answer with the response a guard refused with.
macro_rules! guard {
    ($e:expr) => {
        if let Err(r) = $e {
            return r;
        }
    };
}
pub(super) use guard;

/// Unwrap an application result, or answer with the page that explains it.
macro_rules! ok_or_page {
    ($ctx:expr, $e:expr) => {
        match $e {
            Ok(v) => v,
            Err(e) => return app_error($ctx, AppError::from(e)),
        }
    };
}
pub(super) use ok_or_page;

/// A value's label: `volunteers-{group}-{value}`.
pub(super) fn vl(ctx: &Ctx, group: &str, value: &str) -> String {
    ctx.t(&format!("volunteers-{group}-{}", value.replace('_', "-")))
}

/// A rule's message in the page's language: the volunteers catalogue's
/// `volunteers-error-{field}-{code}` or `volunteers-error-{code}` when it
/// has one, else the console's.
pub(super) fn rule_message(ctx: &Ctx, field: &str, code: &str, value: &str) -> String {
    let args = [("value", FluentValue::from(value.to_owned()))];
    for key in [
        format!(
            "volunteers-error-{}-{}",
            field.replace('_', "-"),
            code.replace('_', "-")
        ),
        format!("volunteers-error-{}", code.replace('_', "-")),
    ] {
        if i18n::has_message(ctx.lang, &key) {
            return i18n::message(ctx.lang, &key, &args);
        }
    }
    field_message(ctx, code, value)
}

/// Add a write's errors to a form, each beside its field.
pub(super) fn add_errors(ctx: &Ctx, f: &mut FormState, errors: &[FieldError]) {
    for e in errors {
        let value = f.v(&e.field).to_owned();
        let msg = rule_message(ctx, &e.field, &e.code, &value);
        if !f.errors.iter().any(|(fl, m)| *fl == e.field && *m == msg) {
            f.errors.push((e.field.clone(), msg));
        }
    }
}

pub(super) fn unprocessable_if(mut r: Response, errors: bool) -> Response {
    if errors {
        *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    r
}

pub(super) fn form_version(f: &FormState) -> Result<i64, FieldError> {
    f.v("version")
        .trim()
        .parse::<i64>()
        .map_err(|_| FieldError::required("version"))
}

/// "2022-09-01 – 2022-12-10" in the reader's way.
pub(super) fn period(ctx: &Ctx, from: &chrono::NaiveDate, to: &chrono::NaiveDate) -> String {
    format!("{} – {}", ctx.date(from), ctx.date(to))
}

/// A placement as a list shows it.
pub(super) struct Line {
    pub(super) id: Id,
    pub(super) person: String,
    pub(super) scheme: String,
    pub(super) direction: String,
    pub(super) host: String,
    pub(super) planned: String,
    pub(super) actual: String,
    pub(super) phase: String,
    pub(super) area: String,
}

pub(super) fn line(ctx: &Ctx, r: &PlacementRow) -> Line {
    let p = &r.placement.fields;
    let host = [
        r.host_locality.as_ref().map(|l| ctx.local(l)),
        r.host_organisation.as_ref().map(|o| ctx.local(o)),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    Line {
        id: r.placement.id,
        person: r.person_name.clone(),
        scheme: vl(ctx, "scheme", p.scheme.as_str()),
        direction: vl(ctx, "direction", p.direction.as_str()),
        host,
        planned: period(ctx, &p.planned_starts_on, &p.planned_ends_on),
        actual: match (p.actual_starts_on, p.actual_ends_on) {
            (Some(s), Some(e)) => period(ctx, &s, &e),
            (Some(s), None) => format!("{} –", ctx.date(&s)),
            _ => String::new(),
        },
        phase: vl(
            ctx,
            "phase",
            match r.phase {
                Phase::Planned => "planned",
                Phase::UnderWay => "under_way",
                Phase::Completed => "completed",
            },
        ),
        area: ctx.local(&p.area),
    }
}

// ------------------------------------------------------------------ list

#[derive(Template)]
#[template(path = "volunteers/placements.html")]
struct ListPage<'a> {
    ctx: &'a Ctx,
    lines: Vec<Line>,
    schemes: Vec<Opt>,
    directions: Vec<Opt>,
    year: String,
    year_error: Option<String>,
    notice: Option<String>,
}

#[derive(serde::Deserialize, Default)]
struct ListQuery {
    scheme: Option<String>,
    direction: Option<String>,
    fy: Option<String>,
    done: Option<String>,
}

async fn list(State(s): State<WebState>, ctx: Ctx, Query(q): Query<ListQuery>) -> Response {
    guard!(ctx.require_staff());
    let scheme_raw = q.scheme.clone().unwrap_or_default();
    let direction_raw = q.direction.clone().unwrap_or_default();
    let year = q.fy.clone().unwrap_or_default();
    let mut year_error = None;
    let fiscal_year = match year.trim() {
        "" => None,
        y => match y.parse::<i32>() {
            Ok(n) if (1950..=2200).contains(&n) => Some(n),
            _ => {
                year_error = Some(rule_message(&ctx, "fy", "invalid_year", y));
                None
            }
        },
    };
    let filter = PlacementFilter {
        scheme: scheme_raw.parse::<Scheme>().ok(),
        direction: direction_raw.parse::<PlacementDirection>().ok(),
        fiscal_year,
        person_id: None,
    };
    let rows = ok_or_page!(&ctx, crate::acting::for_ctx(&s, &ctx).placement_rows(&filter).await);
    let mut schemes = vec![opt("", ctx.t("volunteers-any"), &scheme_raw)];
    schemes.extend(
        Scheme::ALL
            .iter()
            .map(|x| opt(x.as_str(), vl(&ctx, "scheme", x.as_str()), &scheme_raw)),
    );
    let mut directions = vec![opt("", ctx.t("volunteers-any"), &direction_raw)];
    directions.extend(
        PlacementDirection::ALL
            .iter()
            .map(|x| opt(x.as_str(), vl(&ctx, "direction", x.as_str()), &direction_raw)),
    );
    let page = ListPage {
        ctx: &ctx,
        lines: rows.iter().map(|r| line(&ctx, r)).collect(),
        schemes,
        directions,
        year,
        notice: q
            .done
            .as_deref()
            .filter(|d| *d == "deleted")
            .map(|_| ctx.t("volunteers-done-deleted")),
        year_error,
    };
    unprocessable_if(render(&ctx, &page), page.year_error.is_some())
}

// ------------------------------------------------------------------ form

#[derive(Template)]
#[template(path = "volunteers/placement_form.html")]
struct FormPage<'a> {
    ctx: &'a Ctx,
    id: Option<Id>,
    f: FormState,
    people: Vec<Opt>,
    schemes: Vec<Opt>,
    directions: Vec<Opt>,
    organisations: Vec<Opt>,
    localities: Vec<Opt>,
    programmes: Vec<Opt>,
    pairs: Vec<Opt>,
    top_errors: Vec<String>,
}

async fn form_page(s: &WebState, ctx: &Ctx, id: Option<Id>, f: FormState) -> Response {
    let app = &s.app;
    let none = || ctx.t("volunteers-none");
    let people = ok_or_page!(ctx, app.list::<Person>(&BTreeMap::new(), ALL).await).0;
    let orgs = ok_or_page!(ctx, app.list::<Organisation>(&BTreeMap::new(), ALL).await).0;
    let locs = ok_or_page!(ctx, app.list::<Locality>(&BTreeMap::new(), ALL).await).0;
    let progs = ok_or_page!(ctx, app.list::<Programme>(&BTreeMap::new(), ALL).await).0;
    let rows = ok_or_page!(ctx, app.placement_rows(&PlacementFilter::default()).await);
    let mut shown = FormState::shown::<PlacementInput>();
    shown.push("version");
    let top_errors = f.other_errors(&shown);
    let errors = f.has_errors();
    let mut person_opts = vec![opt("", ctx.t("volunteers-choose"), f.v("person_id"))];
    person_opts.extend(people.iter().map(|p| {
        opt(
            p.id,
            format!(
                "{} ({})",
                kizuna_app::volunteers::placements::display_name(p),
                p.fields.nationality
            ),
            f.v("person_id"),
        )
    }));
    let with_none = |items: Vec<(Id, String)>, current: &str| {
        let mut v = vec![opt("", none(), current)];
        v.extend(items.into_iter().map(|(i, l)| opt(i, l, current)));
        v
    };
    let page = FormPage {
        ctx,
        id,
        people: person_opts,
        schemes: Scheme::ALL
            .iter()
            .map(|x| opt(x.as_str(), vl(ctx, "scheme", x.as_str()), f.v("scheme")))
            .collect(),
        directions: PlacementDirection::ALL
            .iter()
            .map(|x| opt(x.as_str(), vl(ctx, "direction", x.as_str()), f.v("direction")))
            .collect(),
        organisations: with_none(
            orgs.iter().map(|o| (o.id, ctx.local(&o.fields.name))).collect(),
            f.v("host_organisation_id"),
        ),
        localities: with_none(
            locs.iter()
                .map(|l| (l.id, format!("{} ({})", ctx.local(&l.fields.name), l.fields.country)))
                .collect(),
            f.v("host_locality_id"),
        ),
        programmes: with_none(
            progs.iter().map(|p| (p.id, ctx.local(&p.fields.title))).collect(),
            f.v("programme_id"),
        ),
        pairs: with_none(
            rows.iter()
                .filter(|r| Some(r.placement.id) != id)
                .map(|r| {
                    let l = line(ctx, r);
                    (r.placement.id, format!("{} · {} · {}", l.person, l.scheme, l.planned))
                })
                .collect(),
            f.v("paired_placement_id"),
        ),
        top_errors,
        f,
    };
    unprocessable_if(render(ctx, &page), errors)
}

async fn new(State(s): State<WebState>, ctx: Ctx) -> Response {
    guard!(ctx.require_staff());
    let mut f = FormState::default();
    f.set("scheme", Scheme::Fft.as_str());
    f.set("direction", PlacementDirection::Inbound.as_str());
    form_page(&s, &ctx, None, f).await
}

async fn edit(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let p = ok_or_page!(&ctx, s.app.get::<Placement>(id).await);
    let mut f = FormState::default();
    f.fill(&p.fields);
    f.set("version", p.version);
    form_page(&s, &ctx, Some(id), f).await
}

async fn submit(s: &WebState, ctx: &Ctx, id: Option<Id>, pairs: Vec<(String, String)>) -> Response {
    let mut f = FormState::from_pairs(&pairs);
    guard!(ctx.check_csrf(f.v("csrf")));
    let errors = match f.read::<PlacementInput>() {
        Ok(input) => {
            let acting = crate::acting::for_ctx(s, ctx);
            let result = match (id, form_version(&f)) {
                (Some(id), Ok(v)) => acting.update::<Placement>(id, v, &input).await,
                (Some(_), Err(e)) => Err(AppError::Invalid(vec![e])),
                (None, _) => acting.create::<Placement>(&input).await,
            };
            match result {
                Ok(p) => {
                    return ctx
                        .finish(Redirect::to(&format!("/console/placements/{}?done=saved", p.id)).into_response());
                }
                Err(e) => match f.refused(e) {
                    Ok(errs) => errs,
                    Err(e) => return app_error(ctx, e),
                },
            }
        }
        Err(errs) => errs,
    };
    add_errors(ctx, &mut f, &errors);
    form_page(s, ctx, id, f).await
}

async fn create(State(s): State<WebState>, ctx: Ctx, Form(pairs): Form<Vec<(String, String)>>) -> Response {
    guard!(ctx.require_staff());
    submit(&s, &ctx, None, pairs).await
}

async fn update(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    ok_or_page!(&ctx, s.app.get::<Placement>(id).await);
    submit(&s, &ctx, Some(id), pairs).await
}

// ---------------------------------------------------------------- delete

#[derive(Template)]
#[template(path = "volunteers/placement_delete.html")]
struct DeletePage<'a> {
    ctx: &'a Ctx,
    id: Id,
    what: String,
    version: i64,
    documents: String,
    outcomes: String,
}

async fn delete_page(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let acting = crate::acting::for_ctx(&s, &ctx);
    let row = ok_or_page!(&ctx, acting.placement_row(id).await);
    let documents = ok_or_page!(&ctx, acting.placement_documents(id).await).len();
    let outcomes = ok_or_page!(&ctx, acting.placement_outcomes(id).await).len();
    let l = line(&ctx, &row);
    let page = DeletePage {
        ctx: &ctx,
        id,
        what: format!("{} · {} · {}", l.person, l.scheme, l.planned),
        version: row.placement.version,
        documents: ctx.tn("volunteers-delete-documents", "count", documents as i64),
        outcomes: ctx.tn("volunteers-delete-links", "count", outcomes as i64),
    };
    render(&ctx, &page)
}

async fn delete(
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
    ok_or_page!(&ctx, crate::acting::for_ctx(&s, &ctx).delete::<Placement>(id).await);
    ctx.finish(Redirect::to("/console/placements?done=deleted").into_response())
}
