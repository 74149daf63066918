use super::*;

pub(crate) struct RosterLine {
    /// The participation.
    pub(crate) id: Id,
    pub(crate) version: i64,
    pub(crate) person_id: Id,
    pub(crate) name: String,
    pub(crate) native: String,
    pub(crate) nationality: String,
    pub(crate) status: Badge,
    /// The steps taken, each with its date.
    pub(crate) steps: String,
    pub(crate) plan: String,
    /// The steps it may take next: (status, the button's words).
    pub(crate) next: Vec<(&'static str, String)>,
    /// The date the next step is recorded on (today, or as typed).
    pub(crate) on: String,
    pub(crate) error: Option<String>,
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
    pub(crate) refused: bool,
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

/// The words of the button that moves a participation to `to`.
fn step_button(ctx: &Ctx, to: ParticipationStatus) -> String {
    ctx.t(&format!("work-step-{}", to.as_str()))
}

/// "Nominated 1 Jun 2007 · Accepted 16 Jul 2007", the steps taken so far.
fn steps_text(ctx: &Ctx, p: &kizuna_domain::training::participation::ParticipationInput) -> String {
    ParticipationStatus::ALL
        .iter()
        .filter_map(|s| {
            p.step_date(*s)
                .map(|d| format!("{} {}", label(ctx, "status", s.as_str()), ctx.date(&d)))
        })
        .collect::<Vec<_>>()
        .join(" · ")
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
    let notice = done_notice(&ctx, q.done.as_deref()).or_else(|| q.saved.map(|_| ctx.t("console-edition-saved")));
    edition_view(&s, &ctx, id, notice, None).await
}

/// An edition's page: its facts, its people by role (each with the steps
/// taken and buttons for the next), its timetable. `refused` is a row
/// whose step was refused: its date box keeps what was typed and the
/// reason is told beside it (the page answers 422).
pub(crate) async fn edition_view(
    s: &WebState,
    ctx: &Ctx,
    id: Id,
    notice: Option<String>,
    refused: Option<(Id, FormState)>,
) -> Response {
    let e = ok_or_page!(ctx, s.app.get::<Edition>(id).await);
    let course = ok_or_page!(ctx, s.app.get::<Programme>(e.fields.programme_id).await);
    let roster = ok_or_page!(ctx, s.app.edition_roster(id).await);
    let sessions = ok_or_page!(ctx, s.app.list::<Session>(&one("edition_id", id), ALL).await).0;
    let today = s.app.today().to_string();

    let mut groups = Vec::new();
    for role in [
        ParticipationRole::Trainee,
        ParticipationRole::Instructor,
        ParticipationRole::Coordinator,
    ] {
        let people: Vec<RosterLine> = roster
            .iter()
            .filter(|(p, _)| p.fields.role == role)
            .map(|(p, person)| {
                let mine = refused.as_ref().filter(|(rid, _)| *rid == p.id).map(|(_, f)| f);
                RosterLine {
                    id: p.id,
                    version: p.version,
                    person_id: person.id,
                    name: person_name(person),
                    native: person
                        .fields
                        .name_native
                        .as_ref()
                        .map(ToString::to_string)
                        .unwrap_or_default(),
                    nationality: country_name(ctx, person.fields.nationality),
                    status: status_badge(ctx, p.fields.status),
                    steps: steps_text(ctx, &p.fields),
                    plan: p
                        .fields
                        .action_plan_title
                        .as_ref()
                        .map(ToString::to_string)
                        .unwrap_or_default(),
                    next: p
                        .fields
                        .status
                        .next()
                        .iter()
                        .map(|to| (to.as_str(), step_button(ctx, *to)))
                        .collect(),
                    on: mine.map_or_else(|| today.clone(), |f| f.v("on").to_owned()),
                    error: mine.and_then(|f| {
                        let all: Vec<String> = f.errors.iter().map(|(_, m)| m.clone()).collect();
                        (!all.is_empty()).then(|| all.join(" "))
                    }),
                }
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
            kind: label(ctx, "kind", se.fields.kind.as_str()),
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
        ctx,
        notice,
        refused: refused.is_some(),
        id,
        title: e
            .fields
            .title
            .as_ref()
            .map(|t| ctx.local(t))
            .unwrap_or_else(|| course_title(ctx, &course)),
        course: course_title(ctx, &course),
        key: e.fields.key.to_string(),
        fy: ctx.fy(&e.fields.fiscal_year.year()),
        scope: label(ctx, "scope", e.fields.scope.as_str()),
        targets: targets_text(ctx, &e),
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
    let mut r = render(ctx, &page);
    if page.refused {
        *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    r
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

pub(crate) async fn edition_form(s: &WebState, ctx: &Ctx, id: Option<Id>, f: FormState) -> Response {
    let programmes = match training_courses(s).await {
        Ok(p) => p,
        Err(e) => return app_error(ctx, e),
    };
    let current = f.v("programme_id").to_owned();
    let mut courses = vec![opt("", ctx.t("console-choose"), &current)];
    courses.extend(programmes.iter().map(|p| opt(p.id, course_title(ctx, p), &current)));
    let mut shown = FormState::shown::<EditionInput>();
    shown.push("target_countries");
    let top_errors = f.other_errors(&shown);
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
    f.fill(&e.fields);
    f.set(
        "target_countries",
        e.fields
            .target_countries
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
    );
    f.set("version", e.version);
    edition_form(&s, &ctx, Some(id), f).await
}

/// Read an edition form, naming every field that cannot be read, and
/// telling the rules across fields at once where the rest can be read.
pub(crate) fn parse_edition(f: &FormState) -> Result<EditionInput, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut g = f.clone();
    // A fiscal year may be typed as an era (平成19年度): read as its year.
    let fy = f.v("fiscal_year").trim();
    if !fy.is_empty() {
        match FiscalYear::parse(fy) {
            Ok(fy) => g.set("fiscal_year", fy.year()),
            Err(e) => {
                errors.push(e.at("fiscal_year"));
                g.set("fiscal_year", "");
            }
        }
    }
    // The target countries are a list, typed in one box.
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
    let add = |errors: &mut Vec<FieldError>, more: Vec<FieldError>| {
        for e in more {
            if !errors.iter().any(|x| x.field == e.field) {
                errors.push(e);
            }
        }
    };
    match g.read::<EditionInput>() {
        Ok(mut input) => {
            input.target_countries = target_countries;
            if errors.is_empty() {
                return Ok(input);
            }
            add(&mut errors, input.validate().err().unwrap_or_default());
        }
        Err(read) => {
            // Tell the rules across the fields that could be read now too,
            // so every problem shows at once: the fields in error are set
            // aside (a stand-in for the course and the key, which must be
            // there), and the rest is read again.
            for e in &read {
                for c in EditionInput::columns() {
                    if c.name == e.field
                        || c.name
                            .strip_prefix(e.field.as_str())
                            .is_some_and(|r| r.starts_with('_'))
                    {
                        g.set(&c.name, "");
                    }
                }
            }
            g.set("programme_id", 1);
            g.set("key", "x");
            if let Ok(mut input) = g.read::<EditionInput>() {
                input.target_countries.clone_from(&target_countries);
                add(&mut errors, read);
                add(&mut errors, input.validate().err().unwrap_or_default());
                return Err(errors);
            }
            add(&mut errors, read);
        }
    }
    Err(errors)
}

pub(crate) async fn edition_submit(s: &WebState, ctx: &Ctx, id: Option<Id>, pairs: Vec<(String, String)>) -> Response {
    let mut f = FormState::from_pairs(&pairs);
    guard!(ctx.check_csrf(f.v("csrf")));
    let errors = match parse_edition(&f) {
        Ok(input) => {
            let result = match (id, f.v("version").trim().parse::<i64>()) {
                (Some(id), Ok(version)) => {
                    crate::acting::for_ctx(s, ctx)
                        .update::<Edition>(id, version, &input)
                        .await
                }
                (Some(_), Err(_)) => Err(AppError::Invalid(vec![FieldError::required("version")])),
                (None, _) => crate::acting::for_ctx(s, ctx).create::<Edition>(&input).await,
            };
            match result {
                Ok(e) => {
                    return ctx.finish(Redirect::to(&format!("/console/editions/{}?saved=1", e.id)).into_response());
                }
                Err(e) => match f.refused(e) {
                    Ok(errs) => errs,
                    Err(e) => return app_error(ctx, e),
                },
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

#[cfg(test)]
mod tests {
    use super::*;

    fn form(fields: &[(&str, &str)]) -> FormState {
        let pairs: Vec<(String, String)> = fields.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        FormState::from_pairs(&pairs)
    }

    const GOOD: [(&str, &str); 7] = [
        ("programme_id", "3"),
        ("key", "gmrdp/fy2007"),
        ("fiscal_year", "平成19年度"),
        ("scope", "country_specific"),
        ("target_countries", "TH、MY"),
        ("starts_on", "2007-09-01"),
        ("ends_on", "2007-10-15"),
    ];

    #[test]
    fn an_edition_form_reads_as_its_declaration_says() {
        let input = parse_edition(&form(&GOOD)).expect("a good form");
        assert_eq!(input.programme_id, 3);
        assert_eq!(input.fiscal_year.year(), 2007, "an era is read as its year");
        assert_eq!(input.target_countries.len(), 2);
        assert_eq!(input.title, None, "no title in any language: none");
        assert_eq!(input.capacity, None);
        // Filled back from the record, the form shows what was typed (the year as a number).
        let mut f = FormState::default();
        f.fill(&input);
        assert_eq!(f.v("fiscal_year"), "2007");
        assert_eq!(f.v("starts_on"), "2007-09-01");
        assert_eq!(f.v("title_en"), "");
        assert_eq!(
            parse_edition(&{
                let mut g = f.clone();
                g.set("target_countries", "TH, MY");
                g
            })
            .expect("the filled form reads back"),
            input
        );
    }

    #[test]
    fn every_problem_is_named_at_once_by_its_field() {
        let mut bad = GOOD.to_vec();
        bad[1] = ("key", "Not A Key");
        bad[2] = ("fiscal_year", "2008");
        bad[4] = ("target_countries", "TH, XX");
        bad.push(("capacity", "twelve"));
        let errors = parse_edition(&form(&bad)).expect_err("a bad form");
        let mut fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        fields.sort_unstable();
        assert_eq!(
            fields,
            ["capacity", "key", "starts_on", "target_countries"],
            "{errors:?}"
        );
        let fy = parse_edition(&form(&[("fiscal_year", "next year")])).expect_err("no fiscal year");
        let on_fy: Vec<&str> = fy
            .iter()
            .filter(|e| e.field == "fiscal_year")
            .map(|e| e.code.as_str())
            .collect();
        assert_eq!(
            on_fy,
            ["invalid_fiscal_year"],
            "one message for the field, the helpful one"
        );
    }
}
