use super::*;

pub(crate) async fn verify(
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
    let Ok(version) = field(&pairs, "version").trim().parse::<i64>() else {
        return message(
            &ctx,
            StatusCode::UNPROCESSABLE_ENTITY,
            "places-verify-refused-title",
            "places-verify-refused",
        );
    };
    match crate::acting::for_ctx(&s, &ctx).verify_place(id, version).await {
        Ok(_) => {
            let back = safe_back(field(&pairs, "back"), format!("/console/places/{id}/edit"));
            ctx.finish(Redirect::to(&with_notice(&back, &format!("verified={id}"))).into_response())
        }
        Err(AppError::Conflict { .. }) => message(
            &ctx,
            StatusCode::CONFLICT,
            "places-verify-refused-title",
            "console-error-stale",
        ),
        Err(AppError::Invalid(_)) => message(
            &ctx,
            StatusCode::UNPROCESSABLE_ENTITY,
            "places-verify-refused-title",
            "places-verify-refused",
        ),
        Err(e) => app_error(&ctx, e),
    }
}

#[derive(Template)]
#[template(path = "console/place_delete.html")]
pub(crate) struct DeletePage<'a> {
    pub(crate) ctx: &'a Ctx,
    pub(crate) id: Id,
    pub(crate) title: String,
}

pub(crate) async fn delete_page(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    guard!(staff_only(&ctx));
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let place = ok_or_page!(&ctx, s.app.get::<Place>(id).await);
    let page = DeletePage {
        ctx: &ctx,
        id,
        title: ctx.t1("places-delete-title", "name", place_name(&ctx, &place)),
    };
    render(&ctx, &page)
}

pub(crate) async fn delete(
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
    ok_or_page!(&ctx, crate::acting::for_ctx(&s, &ctx).delete_place(id).await);
    ctx.finish(Redirect::to("/console/places?deleted=1").into_response())
}
