//! An outcome's evidence files on its pages: staff see them on the
//! outcome's edit page, download, delete and add them; a partner sees
//! those of its own programmes' outcomes on `/partner/outcomes/{id}`,
//! downloads and adds them. Uploads are multipart forms held to
//! [`MAX_EVIDENCE_FORM`] before anything is read; a file refused (its
//! kind, its size, its name) is told beside the upload field naming the
//! file, in the reader's language, and nothing is written. Downloads are
//! attachments under the media type the bytes were found to be (the
//! security headers add `nosniff`); another programme's file is "not
//! found" for a partner.

use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Request};
use axum::http::header;
use kizuna_app::partnerships::evidence::MAX_EVIDENCE_BYTES;
use kizuna_store::evidence::Evidence;

use super::*;
use crate::pages::partner::{attachment, check_form, require_partner, size_text};
use crate::pages::upload::{FormError, read_import_form};

/// The largest upload form: a file of [`MAX_EVIDENCE_BYTES`] with room
/// for the token and the multipart framing.
pub(crate) const MAX_EVIDENCE_FORM: usize = MAX_EVIDENCE_BYTES + 64 * 1024;

pub(super) fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
        .route(
            "/console/outcomes/{id}/evidence",
            post(staff_upload).layer(DefaultBodyLimit::max(MAX_EVIDENCE_FORM)),
        )
        .route("/console/evidence/{id}", get(staff_download))
        .route("/console/evidence/{id}/delete", post(staff_delete))
        .route(
            "/partner/outcomes/{id}/evidence",
            post(partner_upload).layer(DefaultBodyLimit::max(MAX_EVIDENCE_FORM)),
        )
        .route("/partner/evidence/{id}", get(partner_download))
}

/// One evidence file as listed.
pub(crate) struct EvidenceRow {
    pub id: Id,
    pub name: String,
    pub kind: String,
    pub size: String,
    pub uploaded: String,
    pub sha256: String,
}

/// An outcome's evidence files and the form to add one, as a page shows
/// them (the template `partnerships/evidence.html`).
#[derive(Default)]
pub(crate) struct EvidenceBlock {
    /// Whether the block is shown at all (not on a new outcome's form).
    pub shown: bool,
    pub files: Vec<EvidenceRow>,
    pub notice: Option<String>,
    /// A refused file, said beside the upload field.
    pub error: Option<String>,
    /// Where a file is read: `{base}/{id}`.
    pub base: &'static str,
    /// Where the upload form posts.
    pub upload: String,
    pub can_delete: bool,
    /// The kinds and the size accepted, in words.
    pub hint: String,
}

/// A file's kind for people, from its media type.
fn kind_label(ctx: &Ctx, media_type: &str) -> String {
    let key = match media_type.split(';').next().unwrap_or("") {
        "application/pdf" => "pdf",
        "image/png" => "png",
        "image/jpeg" => "jpeg",
        "text/csv" => "csv",
        _ => "xlsx",
    };
    ctx.t(&format!("partnerships-evidence-kind-{key}"))
}

impl EvidenceBlock {
    fn new(ctx: &Ctx, list: &[Evidence], base: &'static str, upload: String, can_delete: bool) -> Self {
        EvidenceBlock {
            shown: true,
            files: list
                .iter()
                .map(|e| EvidenceRow {
                    id: e.id,
                    name: e.file_name.clone(),
                    kind: kind_label(ctx, &e.media_type),
                    size: size_text(ctx, e.size_bytes),
                    uploaded: ctx.instant(&e.uploaded_at),
                    sha256: e.sha256.clone(),
                })
                .collect(),
            notice: None,
            error: None,
            base,
            upload,
            can_delete,
            hint: ctx.t1(
                "partnerships-evidence-hint",
                "limit",
                kizuna_io::limits::megabytes(MAX_EVIDENCE_BYTES as u64),
            ),
        }
    }

    /// The block on the staff's edit page of outcome `id`.
    pub(crate) async fn staff(
        s: &WebState,
        ctx: &Ctx,
        id: Id,
        notice: Option<String>,
        error: Option<String>,
    ) -> Result<Self, AppError> {
        let list = s.app.outcome_evidence(id, None).await?;
        let mut b = Self::new(
            ctx,
            &list,
            "/console/evidence",
            format!("/console/outcomes/{id}/evidence"),
            true,
        );
        b.notice = notice;
        b.error = error;
        Ok(b)
    }

    /// The block on a partner's page of outcome `id` (its own programme's).
    pub(crate) async fn partner(
        s: &WebState,
        ctx: &Ctx,
        id: Id,
        organisation: Id,
        notice: Option<String>,
        error: Option<String>,
    ) -> Result<Self, AppError> {
        let list = s.app.outcome_evidence(id, Some(organisation)).await?;
        let mut b = Self::new(
            ctx,
            &list,
            "/partner/evidence",
            format!("/partner/outcomes/{id}/evidence"),
            false,
        );
        b.notice = notice;
        b.error = error;
        Ok(b)
    }
}

/// The notice after a file was added or deleted.
pub(crate) fn done_notice(ctx: &Ctx, done: Option<&str>) -> Option<String> {
    done.filter(|d| matches!(*d, "evidence-added" | "evidence-deleted"))
        .map(|d| ctx.t(&format!("partnerships-done-{d}")))
}

/// Why a file was refused, naming it, in the reader's language.
fn refusal(ctx: &Ctx, name: &str, e: &AppError) -> String {
    let code = match e {
        AppError::TooLarge(_) => "too-large",
        AppError::Invalid(errs) => match errs.first().map(|e| e.code.as_str()) {
            Some("evidence_empty") => "empty",
            Some("evidence_name") => "name",
            Some("evidence_unreadable") => "unreadable",
            _ => "type",
        },
        _ => "type",
    };
    i18n::message(
        ctx.lang,
        &format!("partnerships-evidence-refused-{code}"),
        &[
            ("name", FluentValue::from(name.to_owned())),
            (
                "limit",
                FluentValue::from(kizuna_io::limits::megabytes(MAX_EVIDENCE_BYTES as u64)),
            ),
        ],
    )
}

/// The page for a form past the size limit (its file's name unread).
fn too_large(ctx: &Ctx) -> Response {
    let mut r = render(
        ctx,
        &crate::pages::MessagePage {
            ctx,
            title: ctx.t("partnerships-evidence-too-large-title"),
            body: ctx.t1(
                "partnerships-evidence-too-large",
                "limit",
                kizuna_io::limits::megabytes(MAX_EVIDENCE_BYTES as u64),
            ),
        },
    );
    *r.status_mut() = StatusCode::PAYLOAD_TOO_LARGE;
    r
}

/// An upload form's token, file name and bytes, or the page saying why
/// it cannot be taken.
async fn read_upload(s: &WebState, ctx: &Ctx, req: Request) -> Result<(String, String, Vec<u8>), Response> {
    let form = match Multipart::from_request(req, s).await {
        Ok(m) => read_import_form(m).await,
        Err(_) => Err(FormError::Unreadable),
    };
    let form = match form {
        Ok(f) => f,
        Err(FormError::TooLarge) => return Err(too_large(ctx)),
        Err(FormError::Unreadable) => {
            return Err(crate::pages::message(
                ctx,
                StatusCode::BAD_REQUEST,
                "partner-unreadable-title",
                "partner-unreadable",
            ));
        }
    };
    let csrf = form.csrf.clone();
    let name = form.name.clone();
    match form.file() {
        Ok(b) => Ok((csrf, name, b)),
        Err(FormError::TooLarge) => Err(too_large(ctx)),
        Err(FormError::Unreadable) => Ok((csrf, name, Vec::new())),
    }
}

/// The status a refused file is answered with.
fn refused_status(e: &AppError) -> StatusCode {
    if matches!(e, AppError::TooLarge(_)) {
        StatusCode::PAYLOAD_TOO_LARGE
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

fn download(ctx: &Ctx, e: &Evidence, bytes: Vec<u8>) -> Response {
    ctx.finish(
        (
            [
                (header::CONTENT_TYPE, e.media_type.clone()),
                (header::CONTENT_DISPOSITION, attachment(&e.file_name)),
            ],
            bytes,
        )
            .into_response(),
    )
}

// ------------------------------------------------------------------- staff

async fn staff_upload(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>, req: Request) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let (csrf, name, bytes) = match read_upload(&s, &ctx, req).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    guard!(ctx.check_csrf(&csrf));
    match crate::acting::for_ctx(&s, &ctx)
        .add_evidence(id, None, &name, bytes)
        .await
    {
        Ok(_) => ctx
            .finish(Redirect::to(&format!("/console/outcomes/{id}/edit?done=evidence-added#evidence")).into_response()),
        Err(e @ (AppError::Invalid(_) | AppError::TooLarge(_))) => {
            let error = Some(refusal(&ctx, &name, &e));
            let ev = ok_or_page!(&ctx, EvidenceBlock::staff(&s, &ctx, id, None, error).await);
            with_status(super::outcome_edit_with(&s, &ctx, id, ev).await, refused_status(&e))
        }
        Err(e) => app_error(&ctx, e),
    }
}

async fn staff_download(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    match crate::acting::for_ctx(&s, &ctx).evidence_file(id, None).await {
        Ok((e, bytes)) => download(&ctx, &e, bytes),
        Err(e) => app_error(&ctx, e),
    }
}

async fn staff_delete(
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
    let e = ok_or_page!(&ctx, crate::acting::for_ctx(&s, &ctx).delete_evidence(id).await);
    ctx.finish(
        Redirect::to(&format!(
            "/console/outcomes/{}/edit?done=evidence-deleted#evidence",
            e.outcome_id
        ))
        .into_response(),
    )
}

// ----------------------------------------------------------------- partner

async fn partner_upload(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>, req: Request) -> Response {
    // Who may send comes first: the form is read only for a partner.
    let (_, org) = match require_partner(&ctx) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let (csrf, name, bytes) = match read_upload(&s, &ctx, req).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    if let Err(r) = check_form(&ctx, &csrf) {
        return r;
    }
    match crate::acting::for_ctx(&s, &ctx)
        .add_evidence(id, Some(org), &name, bytes)
        .await
    {
        Ok(_) => {
            ctx.finish(Redirect::to(&format!("/partner/outcomes/{id}?done=evidence-added#evidence")).into_response())
        }
        Err(e @ (AppError::Invalid(_) | AppError::TooLarge(_))) => {
            let error = Some(refusal(&ctx, &name, &e));
            let ev = ok_or_page!(&ctx, EvidenceBlock::partner(&s, &ctx, id, org, None, error).await);
            with_status(
                super::super::partner::partner_outcome_view(&s, &ctx, org, id, ev).await,
                refused_status(&e),
            )
        }
        Err(e) => app_error(&ctx, e),
    }
}

async fn partner_download(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    let (_, org) = match require_partner(&ctx) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    // Only the partner's own programmes' files: any other is not found.
    match crate::acting::for_ctx(&s, &ctx).evidence_file(id, Some(org)).await {
        Ok((e, bytes)) => download(&ctx, &e, bytes),
        Err(e) => app_error(&ctx, e),
    }
}
