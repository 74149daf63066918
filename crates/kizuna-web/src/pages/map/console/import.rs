use std::sync::Arc;
use std::time::Duration;

use axum::Json;
use axum::http::{HeaderValue, header};
use kizuna_app::map::import_jobs::{ImportJob, ImportPhase, ImportStatus, ImportsBusy};
use kizuna_app::map::{PlaceImportNote, PlaceImportReport};

use super::*;

pub(crate) struct Rejection {
    pub(crate) row: usize,
    pub(crate) record: String,
    pub(crate) column: String,
    pub(crate) value: String,
    pub(crate) reason: String,
}

#[derive(Template)]
#[template(path = "console/place_import.html")]
pub(crate) struct ImportPage<'a> {
    pub(crate) ctx: &'a Ctx,
    /// What a confirmed import did.
    pub(crate) done: Vec<String>,
    pub(crate) error: Option<String>,
    pub(crate) detail: Option<String>,
    pub(crate) rejected: Vec<Rejection>,
    pub(crate) rejected_summary: String,
    /// What the file would do, when it is clean.
    pub(crate) preview: Vec<String>,
    /// OpenStreetMap objects the import leaves out, and values it changed, with why.
    pub(crate) left_out: Vec<Rejection>,
    pub(crate) left_out_summary: String,
    pub(crate) warnings: Vec<Rejection>,
    pub(crate) warnings_summary: String,
    pub(crate) file_name: String,
    pub(crate) format: String,
    /// The checked job a confirmation imports.
    pub(crate) job: String,
    /// The import under way, when the page follows one.
    pub(crate) running: Option<JobView>,
    pub(crate) formats: Vec<Opt>,
}

impl<'a> ImportPage<'a> {
    pub(crate) fn new(ctx: &'a Ctx, format: &str) -> Self {
        let mut formats = vec![opt("auto", ctx.t("places-import-format-auto"), format)];
        formats.extend(FORMATS.iter().map(|(k, f)| opt(k, f.label(), format)));
        ImportPage {
            ctx,
            done: Vec::new(),
            error: None,
            detail: None,
            rejected: Vec::new(),
            rejected_summary: String::new(),
            preview: Vec::new(),
            left_out: Vec::new(),
            left_out_summary: String::new(),
            warnings: Vec::new(),
            warnings_summary: String::new(),
            file_name: String::new(),
            format: String::new(),
            job: String::new(),
            running: None,
            formats,
        }
    }
}

pub(crate) const FORMATS: [(&str, PlaceFileFormat); 4] = [
    ("geojson", PlaceFileFormat::Geojson),
    ("csv", PlaceFileFormat::Csv),
    ("osm", PlaceFileFormat::OsmXml),
    ("pbf", PlaceFileFormat::OsmPbf),
];

pub(crate) fn format_key(f: PlaceFileFormat) -> &'static str {
    FORMATS.iter().find(|(_, x)| *x == f).map(|(k, _)| *k).unwrap_or("auto")
}

pub(crate) async fn import_page(ctx: Ctx, Query(q): Query<BTreeMap<String, String>>) -> Response {
    guard!(staff_only(&ctx));
    let mut page = ImportPage::new(&ctx, "auto");
    let n = |k: &str| q.get(k).and_then(|v| v.parse::<i64>().ok());
    if let (Some(added), Some(updated)) = (n("added"), n("updated")) {
        page.done = vec![
            ctx.tn("places-import-added", "count", added),
            ctx.tn("places-import-updated", "count", updated),
        ];
        if let Some(left_out) = n("left_out").filter(|n| *n > 0) {
            page.done.push(ctx.tn("places-import-done-left-out", "count", left_out));
        }
    }
    render(&ctx, &page)
}

/// The id a record is known by in its file, when the reason names it
/// (`… [feature id way/12]`).
pub(crate) fn record_id(reason: &str) -> String {
    let Some(inner) = reason
        .trim_end()
        .strip_suffix(']')
        .and_then(|r| r.rsplit_once('['))
        .map(|(_, inner)| inner.trim())
    else {
        return String::new();
    };
    if let Some(id) = inner.strip_prefix("feature id ") {
        return id.trim().to_owned();
    }
    let osm = inner.split_once('/').is_some_and(|(t, n)| {
        matches!(t, "node" | "way" | "relation") && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())
    });
    if osm { inner.to_owned() } else { String::new() }
}

pub(crate) fn rejections(ctx: &Ctx, errors: &[RowError]) -> Vec<Rejection> {
    errors
        .iter()
        .map(|e| Rejection {
            row: e.row,
            record: record_id(&e.reason),
            column: e.column.clone(),
            value: e.value.clone(),
            reason: reason(ctx, &e.column, &e.code, &e.value, &e.reason),
        })
        .collect()
}

/// An import's notes on objects (left out, or changed) as table rows.
fn notes(ctx: &Ctx, notes: &[PlaceImportNote]) -> Vec<Rejection> {
    notes
        .iter()
        .map(|n| Rejection {
            row: 0,
            record: n.object.clone(),
            column: n.tag.clone(),
            value: n.value.clone(),
            reason: reason(ctx, &n.tag, &n.code, &n.value, &n.reason),
        })
        .collect()
}

pub(crate) fn unreadable(ctx: &Ctx) -> Response {
    message(
        ctx,
        StatusCode::BAD_REQUEST,
        "places-import-unreadable-title",
        "places-import-unreadable",
    )
}

/// Files up to this size are imported while the request waits, and the
/// result answers it; larger ones are followed on their job's page.
pub(crate) const INLINE_BYTES: usize = 256 * 1024;

/// How long a small file's request waits for its import (it may have to
/// wait its turn) before it is sent to the job's page instead.
const INLINE_WAIT: Duration = Duration::from_secs(10);

/// An import job's page, while it runs.
pub(crate) struct JobView {
    pub(crate) url: String,
    pub(crate) progress_url: String,
    pub(crate) title: String,
    /// 0 to 100; none while it waits its turn.
    pub(crate) percent: Option<u64>,
    pub(crate) phase: String,
    pub(crate) numbers: String,
}

fn job_url(job: &ImportJob) -> String {
    format!("/console/places/import/jobs/{}", job.id)
}

/// A size as people read it: "350 KB", "1.2 MB".
fn size_text(bytes: u64) -> String {
    const KB: u64 = 1024;
    if bytes < KB * KB {
        format!("{} KB", bytes.div_ceil(KB))
    } else {
        let mb = bytes as f64 / (KB * KB) as f64;
        format!("{mb:.1} MB")
    }
}

fn phase_text(ctx: &Ctx, job: &ImportJob, st: &ImportStatus) -> String {
    match st.phase {
        ImportPhase::Waiting => ctx.t("places-import-phase-waiting"),
        ImportPhase::Reading => i18n::message(
            ctx.lang,
            if st.pass > 1 {
                "places-import-phase-reading-again"
            } else if job.dry_run {
                "places-import-phase-reading"
            } else {
                "places-import-phase-reading-writing"
            },
            &[("pass", FluentValue::from(i64::try_from(st.pass).unwrap_or(i64::MAX)))],
        ),
        ImportPhase::Checking => ctx.t("places-import-phase-checking"),
        ImportPhase::Writing => ctx.t("places-import-phase-writing"),
        ImportPhase::Finished => ctx.t("places-import-phase-finished"),
    }
}

fn numbers_text(ctx: &Ctx, st: &ImportStatus) -> String {
    let places = i64::try_from(st.places).unwrap_or(i64::MAX);
    i18n::message(
        ctx.lang,
        "places-import-numbers",
        &[
            ("read", FluentValue::from(size_text(st.read.min(st.total)))),
            ("total", FluentValue::from(size_text(st.total))),
            ("count", FluentValue::from(places)),
            ("formatted", FluentValue::from(i18n::number_in(ctx.lang, places))),
        ],
    )
}

fn job_view(ctx: &Ctx, job: &ImportJob) -> JobView {
    let st = job.status();
    let url = job_url(job);
    JobView {
        progress_url: format!("{url}/progress"),
        url,
        title: ctx.t1(
            if job.dry_run {
                "places-import-checking-title"
            } else {
                "places-import-importing-title"
            },
            "file",
            &job.file_name,
        ),
        percent: (st.phase != ImportPhase::Waiting).then(|| st.percent()),
        phase: phase_text(ctx, job, &st),
        numbers: numbers_text(ctx, &st),
    }
}

/// Show a finished import on `page`; the status the page answers with in
/// the request that sent the file.
fn show(
    ctx: &Ctx,
    page: &mut ImportPage<'_>,
    job: &ImportJob,
    outcome: &Result<PlaceImportReport, AppError>,
) -> StatusCode {
    let n = |v: usize| i64::try_from(v).unwrap_or(i64::MAX);
    page.file_name = job.file_name.clone();
    page.format = format_key(job.format).to_owned();
    match outcome {
        Ok(report) => {
            if !report.left_out.is_empty() {
                page.left_out_summary = ctx.tn("places-import-left-out", "count", n(report.left_out.len()));
                page.left_out = notes(ctx, &report.left_out);
            }
            if !report.warnings.is_empty() {
                page.warnings_summary = ctx.tn("places-import-warnings", "count", n(report.warnings.len()));
                page.warnings = notes(ctx, &report.warnings);
            }
            if job.dry_run {
                page.preview = vec![
                    ctx.tn("places-import-clean", "count", n(report.features)),
                    ctx.tn("places-import-would-add", "count", n(report.inserted)),
                    ctx.tn("places-import-would-update", "count", n(report.updated)),
                ];
                if report.skipped > 0 {
                    page.preview
                        .push(ctx.tn("places-import-skipped", "count", n(report.skipped)));
                }
                page.job = job.id.clone();
            } else {
                page.done = vec![
                    ctx.tn("places-import-added", "count", n(report.inserted)),
                    ctx.tn("places-import-updated", "count", n(report.updated)),
                ];
                if !report.left_out.is_empty() {
                    page.done
                        .push(ctx.tn("places-import-done-left-out", "count", n(report.left_out.len())));
                }
            }
            StatusCode::OK
        }
        Err(AppError::ImportRejected(errors)) => {
            page.rejected_summary = ctx.tn("places-import-rejected-summary", "count", n(errors.len()));
            page.rejected = rejections(ctx, errors);
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(AppError::TooLarge(_)) => {
            page.error = Some(too_large_text(ctx, "places-import-too-large"));
            StatusCode::PAYLOAD_TOO_LARGE
        }
        Err(AppError::Encoding { found }) => {
            page.error = Some(ctx.t1("console-import-encoding", "found", found));
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(AppError::BadFile(detail)) => {
            page.error = Some(ctx.t1("places-import-bad-file", "format", job.format.label()));
            page.detail = Some(detail.clone());
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(AppError::Invalid(errors)) => {
            page.error = Some(
                errors
                    .iter()
                    .map(|e| reason(ctx, &e.field, &e.code, "", &e.message))
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(other) => {
            tracing::error!(error = %other, "a place import failed");
            page.error = Some(ctx.t("error-database"));
            StatusCode::SERVICE_UNAVAILABLE
        }
    }
}

pub(crate) async fn import_post(State(s): State<WebState>, ctx: Ctx, form: Multipart) -> Response {
    guard!(staff_only(&ctx));
    // Past the limits: the import page again, 413, naming them.
    let too_large = || {
        let mut page = ImportPage::new(&ctx, "auto");
        page.error = Some(too_large_text(&ctx, "places-import-too-large"));
        let mut r = render(&ctx, &page);
        *r.status_mut() = StatusCode::PAYLOAD_TOO_LARGE;
        r
    };
    let mut form = match read_import_form(form).await {
        Ok(form) => form,
        Err(FormError::TooLarge) => return too_large(),
        Err(FormError::Unreadable) => return unreadable(&ctx),
    };
    guard!(ctx.check_csrf(&form.csrf));
    let Some(owner) = ctx.user.as_ref().map(|u| u.id) else {
        return not_found(&ctx);
    };
    let app = crate::acting::for_ctx(&s, &ctx);
    let format = form.fields.remove("format").unwrap_or_default();
    let checked = form.fields.remove("job").filter(|j| !j.trim().is_empty());
    let (name, confirm) = (std::mem::take(&mut form.name), form.confirm);
    let chosen = FORMATS.iter().find(|(k, _)| *k == format.trim()).map(|(_, f)| *f);
    let mut page = ImportPage::new(&ctx, chosen.map(format_key).unwrap_or("auto"));
    let answer = |page: &ImportPage<'_>, status: StatusCode| {
        let mut r = render(&ctx, page);
        *r.status_mut() = status;
        r
    };
    let (name, fmt, bytes) = if let Some(id) = checked {
        // A checked file confirmed: the file kept with its check.
        match app
            .place_import_job(owner, id.trim())
            .and_then(|j| j.checked_file().map(|b| (j, b)))
        {
            Some((j, bytes)) => (j.file_name.clone(), j.format, bytes),
            None => {
                page.error = Some(ctx.t("places-import-expired"));
                return answer(&page, StatusCode::UNPROCESSABLE_ENTITY);
            }
        }
    } else {
        let bytes = match form.file() {
            Ok(bytes) => bytes,
            Err(FormError::TooLarge) => return too_large(),
            Err(FormError::Unreadable) => return unreadable(&ctx),
        };
        if bytes.is_empty() {
            page.error = Some(ctx.t("places-import-no-file"));
            return answer(&page, StatusCode::UNPROCESSABLE_ENTITY);
        }
        let Some(fmt) = chosen.or_else(|| PlaceFileFormat::from_file_name(&name)) else {
            page.error = Some(ctx.t("places-import-unknown-format"));
            return answer(&page, StatusCode::UNPROCESSABLE_ENTITY);
        };
        (name, fmt, Arc::new(bytes))
    };
    let small = bytes.len() <= INLINE_BYTES;
    let job = match app.start_place_import(owner, &name, fmt, bytes, !confirm) {
        Ok(job) => job,
        Err(ImportsBusy) => {
            page.error = Some(ctx.t("places-import-busy"));
            return answer(&page, StatusCode::SERVICE_UNAVAILABLE);
        }
    };
    if small && let Ok(outcome) = tokio::time::timeout(INLINE_WAIT, job.wait()).await {
        if let Ok(report) = &*outcome
            && !job.dry_run
        {
            return ctx.finish(
                Redirect::to(&format!(
                    "/console/places/import?added={}&updated={}{}",
                    report.inserted,
                    report.updated,
                    match report.left_out.len() {
                        0 => String::new(),
                        n => format!("&left_out={n}"),
                    }
                ))
                .into_response(),
            );
        }
        let status = show(&ctx, &mut page, &job, &outcome);
        return answer(&page, status);
    }
    ctx.finish(Redirect::to(&job_url(&job)).into_response())
}

/// The job `id` of the signed-in account, when this server keeps it.
fn own_job(s: &WebState, ctx: &Ctx, id: &str) -> Option<Arc<ImportJob>> {
    let owner = ctx.user.as_ref()?.id;
    s.app.place_import_job(owner, id.trim())
}

fn job_gone(ctx: &Ctx) -> Response {
    message(
        ctx,
        StatusCode::NOT_FOUND,
        "places-import-job-gone-title",
        "places-import-job-gone",
    )
}

/// An import job's page: its progress while it runs (the bar moved by
/// `import-progress.js`, or the page reloaded without JavaScript), then
/// its result as the import page shows it.
pub(crate) async fn import_job_page(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    guard!(staff_only(&ctx));
    let Some(job) = own_job(&s, &ctx, &id) else {
        return job_gone(&ctx);
    };
    let mut page = ImportPage::new(&ctx, format_key(job.format));
    match job.outcome() {
        None => page.running = Some(job_view(&ctx, &job)),
        Some(outcome) => {
            show(&ctx, &mut page, &job, &outcome);
        }
    }
    let mut r = render(&ctx, &page);
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// An import job's progress as JSON, for its page's script: `done`, the
/// `phase` and its text, bytes `read` of `total` in this `pass`, `places`
/// read, `percent`.
pub(crate) async fn import_job_progress(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    guard!(staff_only(&ctx));
    let Some(job) = own_job(&s, &ctx, &id) else {
        return ctx.finish((StatusCode::NOT_FOUND, Json(serde_json::json!({ "error": "not_found" }))).into_response());
    };
    let st = job.status();
    let phase = match st.phase {
        ImportPhase::Waiting => "waiting",
        ImportPhase::Reading => "reading",
        ImportPhase::Checking => "checking",
        ImportPhase::Writing => "writing",
        ImportPhase::Finished => "finished",
    };
    let body = serde_json::json!({
        "done": st.phase == ImportPhase::Finished,
        "phase": phase,
        "phase_text": phase_text(&ctx, &job, &st),
        "numbers": numbers_text(&ctx, &st),
        "read": st.read,
        "total": st.total,
        "pass": st.pass,
        "places": st.places,
        "percent": (st.phase != ImportPhase::Waiting).then(|| st.percent()),
    });
    let mut r = Json(body).into_response();
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    ctx.finish(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    pub(crate) fn record_ids_come_from_the_reason() {
        assert_eq!(record_id("not a date [feature id shop-7]"), "shop-7");
        assert_eq!(record_id("bad tag [way/12]"), "way/12");
        assert_eq!(record_id("something [else]"), "");
        assert_eq!(record_id("no id"), "");
    }

    #[test]
    pub(crate) fn going_back_stays_on_the_places_pages() {
        let d = || "/console/places/3/edit".to_owned();
        assert_eq!(safe_back("/console/places/review", d()), "/console/places/review");
        assert_eq!(safe_back("https://evil.example/", d()), d());
        assert_eq!(safe_back("/console/places//evil.example", d()), d());
        assert_eq!(safe_back("/console/trainees", d()), d());
        assert_eq!(
            with_notice("/console/places?q=x&verified=2", "verified=5"),
            "/console/places?q=x&verified=5"
        );
        assert_eq!(
            with_notice("/console/places/review", "verified=5"),
            "/console/places/review?verified=5"
        );
    }
}
