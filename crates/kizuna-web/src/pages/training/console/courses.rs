use super::*;

pub(crate) struct EditionLine {
    pub(crate) id: Id,
    pub(crate) fy: String,
    pub(crate) key: String,
    pub(crate) scope: String,
    pub(crate) targets: String,
    pub(crate) dates: String,
    pub(crate) trainees_href: String,
}

pub(crate) struct CourseView {
    pub(crate) id: Id,
    pub(crate) title: String,
    pub(crate) key: String,
    pub(crate) summary: String,
    pub(crate) count: String,
    pub(crate) editions: Vec<EditionLine>,
}

#[derive(Template)]
#[template(path = "console/courses.html")]
pub(crate) struct CoursesPage<'a> {
    pub(crate) ctx: &'a Ctx,
    pub(crate) notice: Option<String>,
    pub(crate) courses: Vec<CourseView>,
}

#[derive(serde::Deserialize)]
pub(crate) struct NoticeQuery {
    pub(crate) created: Option<String>,
    pub(crate) saved: Option<String>,
    pub(crate) imported: Option<i64>,
    /// What a finished write says (see `work::DONE`).
    pub(crate) done: Option<String>,
}

pub(crate) fn targets_text(ctx: &Ctx, e: &Edition) -> String {
    e.fields
        .target_countries
        .iter()
        .map(|c| country_name(ctx, *c))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) async fn courses(State(s): State<WebState>, ctx: Ctx, Query(q): Query<NoticeQuery>) -> Response {
    guard!(ctx.require_staff());
    let programmes = ok_or_page!(&ctx, training_courses(&s).await);
    let editions = ok_or_page!(&ctx, s.app.list::<Edition>(&BTreeMap::new(), ALL).await).0;
    let mut by_course: HashMap<Id, Vec<&Edition>> = HashMap::new();
    for e in &editions {
        by_course.entry(e.fields.programme_id).or_default().push(e);
    }
    let courses = programmes
        .iter()
        .map(|p| {
            let mut eds = by_course.remove(&p.id).unwrap_or_default();
            eds.sort_by(|a, b| {
                b.fields
                    .fiscal_year
                    .cmp(&a.fields.fiscal_year)
                    .then(a.fields.key.cmp(&b.fields.key))
            });
            CourseView {
                id: p.id,
                title: course_title(&ctx, p),
                key: p.fields.key.to_string(),
                summary: p.fields.summary.as_ref().map(ToString::to_string).unwrap_or_default(),
                count: ctx.tn("console-course-editions-count", "count", eds.len() as i64),
                editions: eds
                    .into_iter()
                    .map(|e| EditionLine {
                        id: e.id,
                        fy: ctx.fy(&e.fields.fiscal_year.year()),
                        key: e.fields.key.to_string(),
                        scope: label(&ctx, "scope", e.fields.scope.as_str()),
                        targets: targets_text(&ctx, e),
                        dates: format!("{} – {}", ctx.date(&e.fields.starts_on), ctx.date(&e.fields.ends_on)),
                        trainees_href: format!(
                            "/console/trainees?fiscal_year={}&programme_id={}",
                            e.fields.fiscal_year.year(),
                            p.id
                        ),
                    })
                    .collect(),
            }
        })
        .collect();
    let notice = q
        .created
        .map(|k| ctx.t1("console-course-created", "key", k))
        .or_else(|| done_notice(&ctx, q.done.as_deref()));
    render(
        &ctx,
        &CoursesPage {
            ctx: &ctx,
            notice,
            courses,
        },
    )
}

#[derive(Template)]
#[template(path = "console/course_form.html")]
pub(crate) struct CourseForm<'a> {
    pub(crate) ctx: &'a Ctx,
    /// The course being changed, or `None` for a new one.
    pub(crate) id: Option<Id>,
    pub(crate) f: FormState,
    pub(crate) organisations: Vec<Opt>,
    pub(crate) top_errors: Vec<String>,
}

pub(crate) async fn course_form(s: &WebState, ctx: &Ctx, id: Option<Id>, f: FormState) -> Response {
    let orgs = match s.app.list::<Organisation>(&BTreeMap::new(), ALL).await {
        Ok((o, _)) => o,
        Err(e) => return app_error(ctx, e),
    };
    let current = f.v("organisation_id").to_owned();
    let mut organisations = vec![opt("", ctx.t("console-none"), &current)];
    organisations.extend(orgs.iter().map(|o| {
        let name = ctx.local(&o.fields.name);
        opt(o.id, name, &current)
    }));
    let top_errors = f.other_errors(&FormState::shown::<ProgrammeInput>());
    let status = if f.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let mut r = render(
        ctx,
        &CourseForm {
            ctx,
            id,
            f,
            organisations,
            top_errors,
        },
    );
    *r.status_mut() = status;
    r
}

pub(crate) async fn course_new(State(s): State<WebState>, ctx: Ctx) -> Response {
    guard!(ctx.require_staff());
    course_form(&s, &ctx, None, FormState::default()).await
}

pub(crate) async fn course_edit(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let p = ok_or_page!(&ctx, s.app.get::<Programme>(id).await);
    if p.fields.kind != ProgrammeKind::TrainingCourse {
        return not_found(&ctx);
    }
    let mut f = FormState::default();
    f.fill(&p.fields);
    f.set("version", p.version);
    course_form(&s, &ctx, Some(id), f).await
}

pub(crate) async fn course_update(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let current = ok_or_page!(&ctx, s.app.get::<Programme>(id).await);
    if current.fields.kind != ProgrammeKind::TrainingCourse {
        return not_found(&ctx);
    }
    course_submit(&s, &ctx, Some(id), pairs).await
}

pub(crate) async fn course_create(
    State(s): State<WebState>,
    ctx: Ctx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    guard!(ctx.require_staff());
    course_submit(&s, &ctx, None, pairs).await
}

/// Save a new course, or a change to one as of its version.
async fn course_submit(s: &WebState, ctx: &Ctx, id: Option<Id>, pairs: Vec<(String, String)>) -> Response {
    let mut f = FormState::from_pairs(&pairs);
    guard!(ctx.check_csrf(f.v("csrf")));
    // The console's course form makes training courses.
    f.set("kind", ProgrammeKind::TrainingCourse);
    let mut errors = Vec::new();
    match f.read::<ProgrammeInput>() {
        Err(read) => errors = read,
        Ok(input) => {
            let acting = crate::acting::for_ctx(s, ctx);
            let result = match (id, f.v("version").trim().parse::<i64>()) {
                (Some(id), Ok(version)) => acting.update::<Programme>(id, version, &input).await,
                (Some(_), Err(_)) => Err(AppError::Invalid(vec![FieldError::required("version")])),
                (None, _) => acting.create::<Programme>(&input).await,
            };
            match result {
                Ok(p) if id.is_some() => {
                    return ctx.finish(
                        Redirect::to(&format!("/console/courses?done=course-saved#course-{}", p.id)).into_response(),
                    );
                }
                Ok(p) => {
                    return ctx.finish(
                        Redirect::to(&format!(
                            "/console/courses?created={}",
                            urlencode(p.fields.key.as_str())
                        ))
                        .into_response(),
                    );
                }
                Err(e) => match f.refused(e) {
                    Ok(errs) => errors.extend(errs),
                    Err(e) => return app_error(ctx, e),
                },
            }
        }
    }
    for e in &errors {
        f.add(ctx, e);
    }
    course_form(s, ctx, id, f).await
}
