use super::*;

pub(crate) struct Rejection {
    pub(crate) row: usize,
    pub(crate) column: String,
    pub(crate) value: String,
    pub(crate) reason: String,
}

pub(crate) struct PreviewLine {
    pub(crate) name: String,
    pub(crate) nationality: String,
    pub(crate) edition: String,
    pub(crate) status: Badge,
}

#[derive(Template)]
#[template(path = "console/import.html")]
pub(crate) struct ImportPage<'a> {
    pub(crate) ctx: &'a Ctx,
    pub(crate) notice: Option<String>,
    pub(crate) error: Option<String>,
    pub(crate) rejected: Vec<Rejection>,
    pub(crate) rejected_summary: String,
    pub(crate) preview: Vec<PreviewLine>,
    pub(crate) preview_summary: String,
    pub(crate) file_name: String,
    pub(crate) data: String,
}

impl<'a> ImportPage<'a> {
    pub(crate) fn new(ctx: &'a Ctx) -> Self {
        ImportPage {
            ctx,
            notice: None,
            error: None,
            rejected: Vec::new(),
            rejected_summary: String::new(),
            preview: Vec::new(),
            preview_summary: String::new(),
            file_name: String::new(),
            data: String::new(),
        }
    }
}

pub(crate) async fn import_page(ctx: Ctx, Query(q): Query<NoticeQuery>) -> Response {
    guard!(ctx.require_staff());
    let mut page = ImportPage::new(&ctx);
    page.notice = q.imported.map(|n| ctx.tn("console-import-done", "count", n));
    render(&ctx, &page)
}

pub(crate) fn rejections(ctx: &Ctx, errors: &[RowError]) -> Vec<Rejection> {
    errors
        .iter()
        .map(|e| Rejection {
            row: e.row,
            column: e.column.clone(),
            value: e.value.clone(),
            reason: field_message(ctx, &e.code, &e.value),
        })
        .collect()
}

pub(crate) async fn import_post(State(s): State<WebState>, ctx: Ctx, form: Multipart) -> Response {
    guard!(ctx.require_staff());
    let unreadable = || {
        message(
            &ctx,
            StatusCode::BAD_REQUEST,
            "console-import-unreadable-title",
            "console-import-unreadable",
        )
    };
    // Past the limits: the import page again, 413, naming them.
    let too_large = || {
        let mut page = ImportPage::new(&ctx);
        page.error = Some(too_large_text(&ctx, "console-import-too-large"));
        let mut r = render(&ctx, &page);
        *r.status_mut() = StatusCode::PAYLOAD_TOO_LARGE;
        r
    };
    let mut form = match read_import_form(form).await {
        Ok(form) => form,
        Err(FormError::TooLarge) => return too_large(),
        Err(FormError::Unreadable) => return unreadable(),
    };
    guard!(ctx.check_csrf(&form.csrf));
    let (name, confirm) = (std::mem::take(&mut form.name), form.confirm);
    let bytes = match form.file() {
        Ok(bytes) => bytes,
        Err(FormError::TooLarge) => return too_large(),
        Err(FormError::Unreadable) => return unreadable(),
    };
    let mut page = ImportPage::new(&ctx);
    if bytes.is_empty() {
        page.error = Some(ctx.t("console-import-no-file"));
        let mut r = render(&ctx, &page);
        *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        return r;
    }
    let format = FileFormat::detect(&name, &bytes);
    let format = if format == FileFormat::Json {
        FileFormat::Csv
    } else {
        format
    };
    let result = if confirm {
        match crate::acting::for_ctx(&s, &ctx)
            .import_trainees(&bytes, format, false)
            .await
        {
            Ok(report) => {
                return ctx
                    .finish(Redirect::to(&format!("/console/import?imported={}", report.imported)).into_response());
            }
            Err(e) => Err(e),
        }
    } else {
        s.app.check_trainee_file(&bytes, format).await
    };
    let status = match result {
        Ok(rows) => {
            let mut keys: HashMap<Id, String> = HashMap::new();
            for r in &rows {
                if let std::collections::hash_map::Entry::Vacant(slot) = keys.entry(r.edition_id) {
                    let key = s
                        .app
                        .get::<Edition>(r.edition_id)
                        .await
                        .map(|e| e.fields.key.to_string());
                    slot.insert(key.unwrap_or_default());
                }
            }
            page.preview_summary = ctx.tn("console-import-preview-summary", "count", rows.len() as i64);
            page.preview = rows
                .iter()
                .map(|r| PreviewLine {
                    name: match &r.person.given_name {
                        Some(g) => format!("{}, {}", r.person.family_name, g),
                        None => r.person.family_name.to_string(),
                    },
                    nationality: country_name(&ctx, r.person.nationality),
                    edition: keys.get(&r.edition_id).cloned().unwrap_or_default(),
                    status: status_badge(&ctx, r.status),
                })
                .collect();
            page.file_name = name;
            page.data = base64_encode(&bytes);
            StatusCode::OK
        }
        Err(AppError::ImportRejected(errors)) => {
            page.rejected_summary = ctx.tn("console-import-rejected-summary", "count", errors.len() as i64);
            page.rejected = rejections(&ctx, &errors);
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(AppError::Encoding { found }) => {
            page.error = Some(ctx.t1("console-import-encoding", "found", found));
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(AppError::BadFile(_)) => {
            page.error = Some(ctx.t("console-import-bad-file"));
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(AppError::TooLarge(_)) => return too_large(),
        Err(AppError::Invalid(errors)) => {
            page.error = Some(
                errors
                    .iter()
                    .map(|e| field_message(&ctx, &e.code, ""))
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(e) => return app_error(&ctx, e),
    };
    let mut r = render(&ctx, &page);
    *r.status_mut() = status;
    r
}

pub(crate) async fn template_csv(ctx: Ctx) -> Response {
    guard!(ctx.require_staff());
    let bytes = ok_or_page!(&ctx, trainee_template(FileFormat::Csv));
    ctx.finish(file_response(bytes, FileFormat::Csv, "trainees-template"))
}

pub(crate) async fn template_xlsx(ctx: Ctx) -> Response {
    guard!(ctx.require_staff());
    let bytes = ok_or_page!(&ctx, trainee_template(FileFormat::Xlsx));
    ctx.finish(file_response(bytes, FileFormat::Xlsx, "trainees-template"))
}
