//! A placement's page in the staff console: its details, the paired
//! placement, its documents (expiry shown, a document added with each
//! problem beside its field, a scan uploaded and downloaded, a document
//! deleted), the outcomes it led to and the form that records an
//! appointment or recognition as one. Also the dashboard's panel of
//! documents expiring within 30 days.

use askama::Template;
use axum::Form;
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Path, Query, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use fluent_bundle::FluentValue;
use kizuna_app::AppError;
use kizuna_app::volunteers::documents::MAX_DOCUMENT_BYTES;
use kizuna_domain::common::Id;
use kizuna_domain::common::programme::Programme;
use kizuna_domain::partnerships::outcome::{OutcomeInput, OutcomeKind, RecordedBy, Side};
use kizuna_domain::volunteers::document::{DocumentKind, PlacementDocument, PlacementDocumentInput};
use kizuna_i18n as i18n;

use super::placements::{Line, add_errors, guard, line, ok_or_page, unprocessable_if, vl};
use crate::pages::partner::{attachment, size_text};
use crate::pages::render;
use crate::pages::training::console::{ALL, FormState, Opt, app_error, not_found, opt, parse_id};
use crate::pages::upload::{FormError, read_import_form};
use crate::session::{Ctx, WebState};

/// The largest upload form: a scan of [`MAX_DOCUMENT_BYTES`] with room
/// for the token and the multipart framing.
const MAX_DOCUMENT_FORM: usize = MAX_DOCUMENT_BYTES + 64 * 1024;

/// How far ahead the dashboard looks.
pub(crate) const DASHBOARD_DAYS: i64 = 30;

pub(super) fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
        .route("/console/placements/{id}", get(page))
        .route("/console/placements/{id}/documents", post(document_add))
        .route("/console/placements/{id}/appointments", post(appointment_add))
        .route(
            "/console/placement-documents/{id}/file",
            get(file_download)
                .post(file_upload)
                .layer(DefaultBodyLimit::max(MAX_DOCUMENT_FORM)),
        )
        .route("/console/placement-documents/{id}/delete", post(document_delete))
}

/// A document as the page lists it.
pub(super) struct DocLine {
    id: Id,
    kind: String,
    reference: String,
    issued: String,
    expires: String,
    /// "in 21 days", "expired 3 days ago", or empty.
    left: String,
    warn: bool,
    file: Option<(String, String)>,
}

/// An outcome the placement led to.
pub(super) struct OutcomeLine {
    id: Id,
    title: String,
    kind: String,
    date: String,
}

#[derive(Template)]
#[template(path = "volunteers/placement.html")]
struct Page<'a> {
    ctx: &'a Ctx,
    p: Line,
    goals: Option<String>,
    programme: Option<String>,
    pair: Option<(Id, String)>,
    docs: Vec<DocLine>,
    outcomes: Vec<OutcomeLine>,
    notice: Option<String>,
    doc_form: FormState,
    doc_kinds: Vec<Opt>,
    file_error: Option<(Id, String)>,
    file_hint: String,
    app_form: FormState,
    outcome_kinds: Vec<Opt>,
    sides: Vec<Opt>,
    programmes: Vec<Opt>,
}

fn days_left(ctx: &Ctx, days: i64) -> String {
    if days < 0 {
        ctx.tn("volunteers-expired-ago", "count", -days)
    } else {
        ctx.tn("volunteers-expires-in", "count", days)
    }
}

#[derive(serde::Deserialize, Default)]
struct DoneQuery {
    done: Option<String>,
}

const DONE: &[&str] = &[
    "saved",
    "document-added",
    "document-deleted",
    "file-added",
    "appointment-added",
];

async fn page(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>, Query(q): Query<DoneQuery>) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let notice = q
        .done
        .as_deref()
        .filter(|d| DONE.contains(d))
        .map(|d| ctx.t(&format!("volunteers-done-{d}")));
    let mut doc_form = FormState::default();
    doc_form.set("kind", DocumentKind::Visa.as_str());
    let mut app_form = FormState::default();
    app_form.set("occurred_on", s.app.today());
    app_form.set("kind", OutcomeKind::Appointment.as_str());
    app_form.set("side", Side::Japan.as_str());
    show(&s, &ctx, id, notice, doc_form, app_form, None).await
}

async fn show(
    s: &WebState,
    ctx: &Ctx,
    id: Id,
    notice: Option<String>,
    doc_form: FormState,
    mut app_form: FormState,
    file_error: Option<(Id, String)>,
) -> Response {
    let acting = crate::acting::for_ctx(s, ctx);
    let row = ok_or_page!(ctx, acting.placement_row(id).await);
    let pair = match row.placement.fields.paired_placement_id {
        Some(pid) => {
            let r = ok_or_page!(ctx, acting.placement_row(pid).await);
            let l = line(ctx, &r);
            Some((pid, format!("{} · {} · {}", l.person, l.scheme, l.planned)))
        }
        None => None,
    };
    let docs = ok_or_page!(ctx, acting.placement_documents(id).await);
    let ids: Vec<Id> = docs.iter().map(|d| d.id).collect();
    let files = ok_or_page!(ctx, acting.document_files(&ids).await);
    let today = s.app.today();
    let doc_lines = docs
        .iter()
        .map(|d| {
            let left = d.fields.expires_on.map(|x| (x - today).num_days());
            DocLine {
                id: d.id,
                kind: vl(ctx, "doc", d.fields.kind.as_str()),
                reference: d.fields.reference.as_ref().map(ToString::to_string).unwrap_or_default(),
                issued: d.fields.issued_on.map(|x| ctx.date(&x)).unwrap_or_default(),
                expires: d.fields.expires_on.map(|x| ctx.date(&x)).unwrap_or_default(),
                left: left.map(|n| days_left(ctx, n)).unwrap_or_default(),
                warn: left.is_some_and(|n| n <= DASHBOARD_DAYS),
                file: files
                    .iter()
                    .find(|f| f.document_id == d.id)
                    .map(|f| (f.file_name.clone(), size_text(ctx, f.size_bytes))),
            }
        })
        .collect();
    let outcomes = ok_or_page!(ctx, acting.placement_outcomes(id).await)
        .into_iter()
        .map(|o| OutcomeLine {
            id: o.id,
            title: ctx.local(&o.fields.title),
            kind: ctx.t(&format!(
                "partnerships-outcome-kind-{}",
                o.fields.kind.as_str().replace('_', "-")
            )),
            date: ctx.date(&o.fields.occurred_on),
        })
        .collect();
    let progs = ok_or_page!(ctx, s.app.list::<Programme>(&Default::default(), ALL).await).0;
    if app_form.v("programme_id").is_empty()
        && let Some(p) = row.placement.fields.programme_id
    {
        app_form.set("programme_id", p);
    }
    let mut programmes = vec![opt("", ctx.t("volunteers-choose"), app_form.v("programme_id"))];
    programmes.extend(
        progs
            .iter()
            .map(|p| opt(p.id, ctx.local(&p.fields.title), app_form.v("programme_id"))),
    );
    let errors = doc_form.has_errors() || app_form.has_errors() || file_error.is_some();
    let page = Page {
        ctx,
        goals: row.placement.fields.goals.as_ref().map(|g| ctx.local(g)),
        programme: row.programme.as_ref().map(|p| ctx.local(p)),
        p: line(ctx, &row),
        pair,
        docs: doc_lines,
        outcomes,
        notice,
        doc_kinds: DocumentKind::ALL
            .iter()
            .map(|k| opt(k.as_str(), vl(ctx, "doc", k.as_str()), doc_form.v("kind")))
            .collect(),
        doc_form,
        file_error,
        file_hint: ctx.t1(
            "volunteers-file-hint",
            "limit",
            kizuna_io::limits::megabytes(MAX_DOCUMENT_BYTES as u64),
        ),
        outcome_kinds: [OutcomeKind::Appointment, OutcomeKind::Award]
            .iter()
            .map(|k| {
                opt(
                    k.as_str(),
                    ctx.t(&format!("partnerships-outcome-kind-{}", k.as_str().replace('_', "-"))),
                    app_form.v("kind"),
                )
            })
            .collect(),
        sides: Side::ALL
            .iter()
            .map(|x| {
                opt(
                    x.as_str(),
                    ctx.t(&format!("partnerships-side-{}", x.as_str())),
                    app_form.v("side"),
                )
            })
            .collect(),
        programmes,
        app_form,
    };
    unprocessable_if(render(ctx, &page), errors)
}

fn fresh_app_form(s: &WebState) -> FormState {
    let mut f = FormState::default();
    f.set("occurred_on", s.app.today());
    f.set("kind", OutcomeKind::Appointment.as_str());
    f.set("side", Side::Japan.as_str());
    f
}

async fn document_add(
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
    f.set("placement_id", id);
    let errors = match f.read::<PlacementDocumentInput>() {
        Ok(input) => match crate::acting::for_ctx(&s, &ctx)
            .create::<PlacementDocument>(&input)
            .await
        {
            Ok(_) => {
                return ctx.finish(
                    Redirect::to(&format!("/console/placements/{id}?done=document-added#documents")).into_response(),
                );
            }
            Err(e) => match f.refused(e) {
                Ok(errs) => errs,
                Err(e) => return app_error(&ctx, e),
            },
        },
        Err(errs) => errs,
    };
    add_errors(&ctx, &mut f, &errors);
    show(&s, &ctx, id, None, f, fresh_app_form(&s), None).await
}

async fn document_delete(
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
    let acting = crate::acting::for_ctx(&s, &ctx);
    let d = ok_or_page!(&ctx, acting.get::<PlacementDocument>(id).await);
    ok_or_page!(&ctx, acting.delete::<PlacementDocument>(id).await);
    ctx.finish(
        Redirect::to(&format!(
            "/console/placements/{}?done=document-deleted#documents",
            d.fields.placement_id
        ))
        .into_response(),
    )
}

async fn appointment_add(
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
    let acting = crate::acting::for_ctx(&s, &ctx);
    let row = ok_or_page!(&ctx, acting.placement_row(id).await);
    f.set("recorded_by", RecordedBy::Staff.as_str());
    f.set("actor_person_id", row.placement.fields.person_id);
    f.set("public", "false");
    let errors = match f.read::<OutcomeInput>() {
        Ok(input) => match acting.record_appointment(id, &input).await {
            Ok(_) => {
                return ctx.finish(
                    Redirect::to(&format!("/console/placements/{id}?done=appointment-added#outcomes")).into_response(),
                );
            }
            Err(e) => match f.refused(e) {
                Ok(errs) => errs,
                Err(e) => return app_error(&ctx, e),
            },
        },
        Err(errs) => errs,
    };
    add_errors(&ctx, &mut f, &errors);
    let mut doc_form = FormState::default();
    doc_form.set("kind", DocumentKind::Visa.as_str());
    show(&s, &ctx, id, None, doc_form, f, None).await
}

/// Why a scan was refused, naming it, in the reader's language.
fn refusal(ctx: &Ctx, name: &str, e: &AppError) -> String {
    let code = match e {
        AppError::TooLarge(_) => "too-large",
        AppError::Invalid(errs) => match errs.first().map(|e| e.code.as_str()) {
            Some("file_empty") => "empty",
            Some("file_name") => "name",
            _ => "type",
        },
        _ => "type",
    };
    i18n::message(
        ctx.lang,
        &format!("volunteers-file-refused-{code}"),
        &[
            ("name", FluentValue::from(name.to_owned())),
            (
                "limit",
                FluentValue::from(kizuna_io::limits::megabytes(MAX_DOCUMENT_BYTES as u64)),
            ),
        ],
    )
}

async fn file_upload(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>, req: Request) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let form = match Multipart::from_request(req, &s).await {
        Ok(m) => read_import_form(m).await,
        Err(_) => Err(FormError::Unreadable),
    };
    let (csrf, name, bytes) = match form {
        Ok(f) => {
            let csrf = f.csrf.clone();
            let name = f.name.clone();
            match f.file() {
                Ok(b) => (csrf, name, b),
                Err(_) => (csrf, name, Vec::new()),
            }
        }
        Err(FormError::TooLarge) => {
            return crate::pages::message(
                &ctx,
                StatusCode::PAYLOAD_TOO_LARGE,
                "volunteers-file-too-large-title",
                "volunteers-file-too-large",
            );
        }
        Err(FormError::Unreadable) => {
            return crate::pages::message(
                &ctx,
                StatusCode::BAD_REQUEST,
                "partner-unreadable-title",
                "partner-unreadable",
            );
        }
    };
    guard!(ctx.check_csrf(&csrf));
    let acting = crate::acting::for_ctx(&s, &ctx);
    let doc = ok_or_page!(&ctx, acting.get::<PlacementDocument>(id).await);
    let placement = doc.fields.placement_id;
    match acting.put_document_file(id, &name, bytes).await {
        Ok(_) => ctx.finish(
            Redirect::to(&format!("/console/placements/{placement}?done=file-added#documents")).into_response(),
        ),
        Err(e @ (AppError::Invalid(_) | AppError::TooLarge(_))) => {
            let msg = refusal(&ctx, &name, &e);
            let mut doc_form = FormState::default();
            doc_form.set("kind", DocumentKind::Visa.as_str());
            let mut r = show(&s, &ctx, placement, None, doc_form, fresh_app_form(&s), Some((id, msg))).await;
            if matches!(e, AppError::TooLarge(_)) {
                *r.status_mut() = StatusCode::PAYLOAD_TOO_LARGE;
            }
            r
        }
        Err(e) => app_error(&ctx, e),
    }
}

async fn file_download(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    let user = match ctx.require_staff() {
        Ok(u) => u.clone(),
        Err(r) => return r,
    };
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    match crate::acting::for_ctx(&s, &ctx).document_file(&user, id).await {
        Ok((f, bytes)) => ctx.finish(
            (
                [
                    (header::CONTENT_TYPE, f.media_type.clone()),
                    (header::CONTENT_DISPOSITION, attachment(&f.file_name)),
                ],
                bytes,
            )
                .into_response(),
        ),
        Err(e) => app_error(&ctx, e),
    }
}

// -------------------------------------------------------------- dashboard

/// One line of the dashboard's warning.
pub(crate) struct ExpiringLine {
    pub(crate) placement_id: Id,
    pub(crate) person: String,
    pub(crate) kind: String,
    pub(crate) expires: String,
    pub(crate) left: String,
    pub(crate) expired: bool,
}

/// The documents expiring within [`DASHBOARD_DAYS`] (and those expired
/// while their placement runs), for the staff dashboard; empty when none
/// or when they cannot be read (the dashboard still shows).
pub(crate) async fn expiring_lines(s: &WebState, ctx: &Ctx) -> Vec<ExpiringLine> {
    match crate::acting::for_ctx(s, ctx).expiring_documents(DASHBOARD_DAYS).await {
        Ok(v) => v
            .into_iter()
            .map(|e| ExpiringLine {
                placement_id: e.placement_id,
                person: e.person_name,
                kind: vl(ctx, "doc", e.kind.as_str()),
                expires: ctx.date(&e.expires_on),
                left: days_left(ctx, e.days_left),
                expired: e.expired,
            })
            .collect(),
        Err(e) => {
            tracing::error!(error = %e, "expiring documents could not be read");
            Vec::new()
        }
    }
}
