//! The staff's queue of visitors' problem reports: the open ones by place
//! (with the contact a visitor left, which only staff see), each closed as
//! resolved or dismissed with a note; closing clears the contact and is
//! written to the audit log.

use kizuna_app::map::reports::PlaceReports;
use kizuna_domain::map::report::ReportStatus;

use super::*;

pub(crate) struct ReportLine {
    pub(crate) id: Id,
    pub(crate) received: String,
    pub(crate) kind: String,
    pub(crate) text: String,
    pub(crate) contact: Option<String>,
}

pub(crate) struct PlaceGroup {
    pub(crate) id: Id,
    pub(crate) name: String,
    pub(crate) reports: Vec<ReportLine>,
}

#[derive(Template)]
#[template(path = "console/place_reports.html")]
pub(crate) struct ReportsPage<'a> {
    pub(crate) ctx: &'a Ctx,
    pub(crate) notice: Option<String>,
    pub(crate) error: Option<(Id, String)>,
    pub(crate) places: Vec<PlaceGroup>,
}

impl ReportsPage<'_> {
    /// The message for a report whose closing was refused.
    fn failed(&self, id: &Id) -> Option<&str> {
        self.error.as_ref().filter(|e| e.0 == *id).map(|e| e.1.as_str())
    }
}

pub(crate) fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
        .route("/console/places/reports", get(reports))
        .route("/console/places/reports/{id}", post(close))
}

fn group(ctx: &Ctx, g: &PlaceReports) -> PlaceGroup {
    PlaceGroup {
        id: g.place.id,
        name: place_name(ctx, &g.place),
        reports: g
            .reports
            .iter()
            .map(|r| ReportLine {
                id: r.id,
                received: format!(
                    "{} {}",
                    ctx.date(
                        &r.created_at
                            .with_timezone(&kizuna_app::map::PLACE_TIME_ZONE)
                            .date_naive()
                    ),
                    r.created_at
                        .with_timezone(&kizuna_app::map::PLACE_TIME_ZONE)
                        .format("%H:%M")
                ),
                kind: ctx.t(&format!("report-kind-{}", r.kind.as_str().replace('_', "-"))),
                text: r.text.clone().unwrap_or_default(),
                contact: r.contact.clone(),
            })
            .collect(),
    }
}

async fn page(s: &WebState, ctx: &Ctx, notice: Option<String>, error: Option<(Id, String)>) -> Response {
    let open = ok_or_page!(ctx, s.app.open_place_reports().await);
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let mut r = render(
        ctx,
        &ReportsPage {
            ctx,
            notice,
            error,
            places: open.iter().map(|g| group(ctx, g)).collect(),
        },
    );
    *r.status_mut() = status;
    r
}

pub(crate) async fn reports(
    State(s): State<WebState>,
    ctx: Ctx,
    Query(q): Query<BTreeMap<String, String>>,
) -> Response {
    guard!(staff_only(&ctx));
    let notice = match q.get("closed").map(String::as_str) {
        Some("resolved") => Some(ctx.t("reports-closed-resolved")),
        Some("dismissed") => Some(ctx.t("reports-closed-dismissed")),
        _ => None,
    };
    page(&s, &ctx, notice, None).await
}

pub(crate) async fn close(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    guard!(staff_only(&ctx));
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    guard!(ctx.check_csrf(field(&pairs, "csrf")));
    let status = match field(&pairs, "action") {
        "resolve" => ReportStatus::Resolved,
        "dismiss" => ReportStatus::Dismissed,
        _ => return page(&s, &ctx, None, Some((id, ctx.t("report-error-fix")))).await,
    };
    let by = ctx.user.as_ref().map(|u| u.id);
    match crate::acting::for_ctx(&s, &ctx)
        .close_place_report(id, status, field(&pairs, "note"), by)
        .await
    {
        Ok(()) => ctx.finish(Redirect::to(&format!("/console/places/reports?closed={status}")).into_response()),
        Err(AppError::Invalid(errs)) => {
            let code = errs.first().map(|e| e.code.replace('_', "-")).unwrap_or_default();
            let key = format!("reports-error-note-{code}");
            let text = ctx.t(&key);
            let text = if text == key { ctx.t("report-error-fix") } else { text };
            page(&s, &ctx, None, Some((id, text))).await
        }
        Err(AppError::NotFound { .. }) => page(&s, &ctx, Some(ctx.t("reports-gone")), None).await,
        Err(e) => app_error(&ctx, e),
    }
}
