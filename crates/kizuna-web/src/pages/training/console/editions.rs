use super::*;

pub(crate) struct RosterLine {
    pub(crate) person_id: Id,
    pub(crate) name: String,
    pub(crate) native: String,
    pub(crate) nationality: String,
    pub(crate) status: Badge,
}

pub(crate) struct RoleGroup {
    pub(crate) heading: String,
    pub(crate) people: Vec<RosterLine>,
}

pub(crate) struct SessionLine {
    pub(crate) id: Id,
    pub(crate) time: String,
    pub(crate) kind: String,
    pub(crate) title: String,
    pub(crate) place: String,
}

pub(crate) struct Day {
    pub(crate) date: String,
    pub(crate) iso: String,
    pub(crate) sessions: Vec<SessionLine>,
}

#[derive(Template)]
#[template(path = "console/edition.html")]
pub(crate) struct EditionPage<'a> {
    pub(crate) ctx: &'a Ctx,
    pub(crate) notice: Option<String>,
    pub(crate) id: Id,
    pub(crate) title: String,
    pub(crate) course: String,
    pub(crate) key: String,
    pub(crate) fy: String,
    pub(crate) scope: String,
    pub(crate) targets: String,
    pub(crate) dates: String,
    pub(crate) capacity: String,
    pub(crate) groups: Vec<RoleGroup>,
    pub(crate) days: Vec<Day>,
    pub(crate) sessions_count: String,
    pub(crate) trainees_href: String,
}

pub(crate) async fn edition_page(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<NoticeQuery>,
) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let e = ok_or_page!(&ctx, s.app.get::<Edition>(id).await);
    let course = ok_or_page!(&ctx, s.app.get::<Programme>(e.fields.programme_id).await);
    let roster = ok_or_page!(&ctx, s.app.edition_roster(id).await);
    let sessions = ok_or_page!(&ctx, s.app.list::<Session>(&one("edition_id", id), ALL).await).0;

    let mut groups = Vec::new();
    for role in [
        ParticipationRole::Trainee,
        ParticipationRole::Instructor,
        ParticipationRole::Coordinator,
    ] {
        let people: Vec<RosterLine> = roster
            .iter()
            .filter(|(p, _)| p.fields.role == role)
            .map(|(p, person)| RosterLine {
                person_id: person.id,
                name: person_name(person),
                native: person
                    .fields
                    .name_native
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
                nationality: country_name(&ctx, person.fields.nationality),
                status: status_badge(&ctx, p.fields.status),
            })
            .collect();
        let heading = ctx.tn(
            &format!("console-roster-{}", role.as_str()),
            "count",
            people.len() as i64,
        );
        groups.push(RoleGroup { heading, people });
    }

    let tz = jst();
    let mut days: Vec<Day> = Vec::new();
    for se in &sessions {
        let starts = se.fields.starts_at.with_timezone(&tz);
        let ends = se.fields.ends_at.with_timezone(&tz);
        let date = starts.date_naive();
        let time = if ends.date_naive() == date {
            format!("{}–{}", starts.format("%H:%M"), ends.format("%H:%M"))
        } else {
            format!(
                "{}–{} {}",
                starts.format("%H:%M"),
                ctx.date(&ends.date_naive()),
                ends.format("%H:%M")
            )
        };
        let title = ctx.local(&se.fields.title);
        let line = SessionLine {
            id: se.id,
            time,
            kind: label(&ctx, "kind", se.fields.kind.as_str()),
            title,
            place: se.fields.place.as_ref().map(ToString::to_string).unwrap_or_default(),
        };
        match days.last_mut() {
            Some(d) if d.iso == date.to_string() => d.sessions.push(line),
            _ => days.push(Day {
                date: ctx.date(&date),
                iso: date.to_string(),
                sessions: vec![line],
            }),
        }
    }
    let page = EditionPage {
        ctx: &ctx,
        notice: q.saved.map(|_| ctx.t("console-edition-saved")),
        id,
        title: e
            .fields
            .title
            .as_ref()
            .map(|t| ctx.local(t))
            .unwrap_or_else(|| course_title(&ctx, &course)),
        course: course_title(&ctx, &course),
        key: e.fields.key.to_string(),
        fy: ctx.fy(&e.fields.fiscal_year.year()),
        scope: label(&ctx, "scope", e.fields.scope.as_str()),
        targets: targets_text(&ctx, &e),
        dates: format!("{} – {}", ctx.date(&e.fields.starts_on), ctx.date(&e.fields.ends_on)),
        capacity: e.fields.capacity.map(|c| ctx.num(c)).unwrap_or_default(),
        groups,
        days,
        sessions_count: ctx.tn("console-sessions-count", "count", sessions.len() as i64),
        trainees_href: format!(
            "/console/trainees?fiscal_year={}&programme_id={}",
            e.fields.fiscal_year.year(),
            e.fields.programme_id
        ),
    };
    render(&ctx, &page)
}

#[derive(Template)]
#[template(path = "console/edition_form.html")]
pub(crate) struct EditionForm<'a> {
    pub(crate) ctx: &'a Ctx,
    /// The edition being changed, or `None` for a new one.
    pub(crate) id: Option<Id>,
    pub(crate) f: FormState,
    pub(crate) courses: Vec<Opt>,
    pub(crate) top_errors: Vec<String>,
}

pub(crate) const EDITION_FIELDS: &[&str] = &[
    "programme_id",
    "key",
    "fiscal_year",
    "scope",
    "target_countries",
    "title",
    "title_en",
    "title_ja",
    "title_th",
    "title_ms",
    "starts_on",
    "ends_on",
    "capacity",
];

pub(crate) async fn edition_form(s: &WebState, ctx: &Ctx, id: Option<Id>, f: FormState) -> Response {
    let programmes = match training_courses(s).await {
        Ok(p) => p,
        Err(e) => return app_error(ctx, e),
    };
    let current = f.v("programme_id").to_owned();
    let mut courses = vec![opt("", ctx.t("console-choose"), &current)];
    courses.extend(programmes.iter().map(|p| opt(p.id, course_title(ctx, p), &current)));
    let top_errors = f.other_errors(EDITION_FIELDS);
    let status = if f.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let mut r = render(
        ctx,
        &EditionForm {
            ctx,
            id,
            f,
            courses,
            top_errors,
        },
    );
    *r.status_mut() = status;
    r
}

#[derive(serde::Deserialize)]
pub(crate) struct NewEditionQuery {
    pub(crate) programme_id: Option<String>,
}

pub(crate) async fn edition_new(State(s): State<WebState>, ctx: Ctx, Query(q): Query<NewEditionQuery>) -> Response {
    guard!(ctx.require_staff());
    let mut f = FormState::default();
    f.set("scope", EditionScope::General.as_str());
    if let Some(p) = q.programme_id.as_deref().and_then(parse_id) {
        f.set("programme_id", p);
        if let Ok(course) = s.app.get::<Programme>(p).await {
            let fy = FiscalYear::containing(s.app.today()).next();
            f.set("fiscal_year", fy.year());
            f.set("key", format!("{}/fy{}", course.fields.key, fy.year()));
        }
    }
    edition_form(&s, &ctx, None, f).await
}

pub(crate) async fn edition_edit(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let e = ok_or_page!(&ctx, s.app.get::<Edition>(id).await);
    let mut f = FormState::default();
    let x = &e.fields;
    f.set("programme_id", x.programme_id);
    f.set("key", &x.key);
    f.set("fiscal_year", x.fiscal_year.year());
    f.set("scope", x.scope);
    f.set(
        "target_countries",
        x.target_countries
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
    );
    f.set_local("title", x.title.as_ref());
    f.set("version", e.version);
    f.set("starts_on", x.starts_on);
    f.set("ends_on", x.ends_on);
    f.set("capacity", x.capacity.map(|c| c.to_string()).unwrap_or_default());
    edition_form(&s, &ctx, Some(id), f).await
}

/// Read an edition form, naming every field that cannot be read.
pub(crate) fn parse_edition(f: &FormState) -> Result<EditionInput, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut req = |name: &str| {
        let v = f.v(name).trim();
        if v.is_empty() {
            errors.push(FieldError::required(name));
            None
        } else {
            Some(v.to_owned())
        }
    };
    let programme = req("programme_id");
    let key = req("key");
    let fy = req("fiscal_year");
    let scope = req("scope");
    let starts = req("starts_on");
    let ends = req("ends_on");
    let date = |name: &str, raw: &str, errors: &mut Vec<FieldError>| {
        NaiveDate::parse_from_str(raw, "%Y-%m-%d")
            .map_err(|_| errors.push(FieldError::new(name, "invalid_date", "not a date")))
            .ok()
    };
    let programme_id = programme.and_then(|p| {
        parse_id(&p).or_else(|| {
            errors.push(FieldError::new("programme_id", "not_found", "no such course"));
            None
        })
    });
    let key = key.and_then(|k| Key::parse(&k).map_err(|e| errors.push(e.at("key"))).ok());
    let fiscal_year = fy.and_then(|y| FiscalYear::parse(&y).map_err(|e| errors.push(e.at("fiscal_year"))).ok());
    let scope = scope.and_then(|s| EditionScope::from_str(&s).map_err(|e| errors.push(e.at("scope"))).ok());
    let starts_on = starts.and_then(|d| date("starts_on", &d, &mut errors));
    let ends_on = ends.and_then(|d| date("ends_on", &d, &mut errors));
    let mut target_countries = Vec::new();
    for code in f
        .v("target_countries")
        .split([',', ' ', ';', '、', '，'])
        .filter(|c| !c.trim().is_empty())
    {
        match CountryCode::parse(code) {
            Ok(c) => target_countries.push(c),
            Err(e) => errors.push(e.at("target_countries")),
        }
    }
    let title = f.local("title", false, &mut errors).ok().flatten();
    let capacity = match f.v("capacity").trim() {
        "" => None,
        raw => match raw.parse::<u32>() {
            Ok(n) => Some(n),
            Err(_) => {
                errors.push(FieldError::new("capacity", "not_a_number", "not a whole number"));
                None
            }
        },
    };
    match (programme_id, key, fiscal_year, scope, starts_on, ends_on) {
        (Some(programme_id), Some(key), Some(fiscal_year), Some(scope), Some(starts_on), Some(ends_on))
            if errors.is_empty() =>
        {
            Ok(EditionInput {
                programme_id,
                key,
                fiscal_year,
                scope,
                target_countries,
                title,
                starts_on,
                ends_on,
                capacity,
            })
        }
        (_, _, Some(fiscal_year), Some(scope), Some(starts_on), Some(ends_on)) => {
            // Tell the rules across fields now too, so every problem shows at once.
            if let Ok(placeholder) = Key::parse("x") {
                let input = EditionInput {
                    programme_id: 1,
                    key: placeholder,
                    fiscal_year,
                    scope,
                    target_countries,
                    title,
                    starts_on,
                    ends_on,
                    capacity,
                };
                errors.extend(input.validate().err().unwrap_or_default());
            }
            Err(errors)
        }
        _ => Err(errors),
    }
}

pub(crate) async fn edition_submit(s: &WebState, ctx: &Ctx, id: Option<Id>, pairs: Vec<(String, String)>) -> Response {
    let mut f = FormState::from_pairs(&pairs);
    guard!(ctx.check_csrf(f.v("csrf")));
    let errors = match parse_edition(&f) {
        Ok(input) => {
            let result = match (id, f.v("version").trim().parse::<i64>()) {
                (Some(id), Ok(version)) => s.app.update::<Edition>(id, version, &input).await,
                (Some(_), Err(_)) => Err(AppError::Invalid(vec![FieldError::required("version")])),
                (None, _) => s.app.create::<Edition>(&input).await,
            };
            match result {
                Ok(e) => {
                    return ctx.finish(Redirect::to(&format!("/console/editions/{}?saved=1", e.id)).into_response());
                }
                Err(AppError::Invalid(errs)) => errs,
                Err(AppError::Conflict { current, .. }) => {
                    // Show the colleague's version: the form keeps this
                    // person's typing, and saving again overwrites knowingly.
                    f.set("version", current);
                    vec![FieldError::new("version", "stale", "changed by someone else")]
                }
                Err(e) => return app_error(ctx, e),
            }
        }
        Err(errs) => errs,
    };
    for e in &errors {
        f.add(ctx, e);
    }
    edition_form(s, ctx, id, f).await
}

pub(crate) async fn edition_create(
    State(s): State<WebState>,
    ctx: Ctx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    guard!(ctx.require_staff());
    edition_submit(&s, &ctx, None, pairs).await
}

pub(crate) async fn edition_update(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    edition_submit(&s, &ctx, Some(id), pairs).await
}
