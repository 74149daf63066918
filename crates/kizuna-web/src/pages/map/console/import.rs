use super::*;
use kizuna_app::map::PlaceImportNote;

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
    pub(crate) data: String,
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
            data: String::new(),
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
    let format = form.fields.remove("format").unwrap_or_default();
    let (name, confirm) = (std::mem::take(&mut form.name), form.confirm);
    let bytes = match form.file() {
        Ok(bytes) => bytes,
        Err(FormError::TooLarge) => return too_large(),
        Err(FormError::Unreadable) => return unreadable(&ctx),
    };
    let chosen = FORMATS.iter().find(|(k, _)| *k == format.trim()).map(|(_, f)| *f);
    let mut page = ImportPage::new(&ctx, chosen.map(format_key).unwrap_or("auto"));
    let fail = |page: &ImportPage<'_>| {
        let mut r = render(&ctx, page);
        *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        r
    };
    if bytes.is_empty() {
        page.error = Some(ctx.t("places-import-no-file"));
        return fail(&page);
    }
    let Some(fmt) = chosen.or_else(|| PlaceFileFormat::from_file_name(&name)) else {
        page.error = Some(ctx.t("places-import-unknown-format"));
        return fail(&page);
    };
    match crate::acting::for_ctx(&s, &ctx)
        .import_places(fmt, &bytes, !confirm)
        .await
    {
        Ok(report) if confirm => ctx.finish(
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
        ),
        Ok(report) => {
            let n = |v: usize| i64::try_from(v).unwrap_or(i64::MAX);
            page.preview = vec![
                ctx.tn("places-import-clean", "count", n(report.features)),
                ctx.tn("places-import-would-add", "count", n(report.inserted)),
                ctx.tn("places-import-would-update", "count", n(report.updated)),
            ];
            if report.skipped > 0 {
                page.preview
                    .push(ctx.tn("places-import-skipped", "count", n(report.skipped)));
            }
            if !report.left_out.is_empty() {
                page.left_out_summary = ctx.tn("places-import-left-out", "count", n(report.left_out.len()));
                page.left_out = notes(&ctx, &report.left_out);
            }
            if !report.warnings.is_empty() {
                page.warnings_summary = ctx.tn("places-import-warnings", "count", n(report.warnings.len()));
                page.warnings = notes(&ctx, &report.warnings);
            }
            page.file_name = name;
            page.format = format_key(fmt).to_owned();
            page.data = base64_encode(&bytes);
            render(&ctx, &page)
        }
        Err(AppError::ImportRejected(errors)) => {
            page.rejected_summary = ctx.tn(
                "places-import-rejected-summary",
                "count",
                i64::try_from(errors.len()).unwrap_or(i64::MAX),
            );
            page.rejected = rejections(&ctx, &errors);
            fail(&page)
        }
        Err(AppError::TooLarge(_)) => too_large(),
        Err(AppError::Encoding { found }) => {
            page.error = Some(ctx.t1("console-import-encoding", "found", found));
            fail(&page)
        }
        Err(AppError::BadFile(detail)) => {
            page.error = Some(ctx.t1("places-import-bad-file", "format", fmt.label()));
            page.detail = Some(detail);
            fail(&page)
        }
        Err(AppError::Invalid(errors)) => {
            page.error = Some(
                errors
                    .iter()
                    .map(|e| reason(&ctx, &e.field, &e.code, "", &e.message))
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            fail(&page)
        }
        Err(e) => app_error(&ctx, e),
    }
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
