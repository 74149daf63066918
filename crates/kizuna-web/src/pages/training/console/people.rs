//! People in the console: a person's page (their roles over the years),
//! the people list with its name search, the person form (create, with a
//! warning of namesakes of the same nationality; edit, with the version
//! check), merging a duplicate into a person, and deleting a person that
//! nothing refers to. Every word comes from `locales/*/people.ftl` (and the
//! console's shared words in `console.ftl`).

use chrono::Datelike;
use kizuna_app::people::{NameQuery, NewPerson, PeopleQuery, PersonSummary};
use kizuna_domain::common::person::{Gender, PersonInput};
use kizuna_store::RoleHeld;

use super::*;

pub(crate) struct RoleLine {
    pub(crate) fy: String,
    pub(crate) course: String,
    pub(crate) role: String,
    pub(crate) status: Badge,
    pub(crate) edition_id: Id,
    pub(crate) edition_key: String,
}

#[derive(Template)]
#[template(path = "console/person.html")]
pub(crate) struct PersonPage<'a> {
    pub(crate) ctx: &'a Ctx,
    pub(crate) id: Id,
    pub(crate) notice: Option<String>,
    pub(crate) name: String,
    pub(crate) native: String,
    pub(crate) kana: String,
    pub(crate) gender: String,
    pub(crate) nationality: String,
    pub(crate) organisation: String,
    pub(crate) position: String,
    pub(crate) personal: bool,
    pub(crate) birth_date: String,
    pub(crate) email: String,
    pub(crate) roles: Vec<RoleLine>,
    pub(crate) roles_count: String,
    pub(crate) links: bool,
    /// The person's completion certificates (staff only).
    pub(crate) certificates: Vec<crate::pages::certificates::CertLine>,
}

#[derive(serde::Deserialize)]
pub(crate) struct PersonNotice {
    pub(crate) created: Option<String>,
    pub(crate) saved: Option<String>,
    pub(crate) merged: Option<String>,
}

pub(crate) async fn person_page(
    State(s): State<WebState>,
    ctx: Ctx,
    acting: crate::acting::Acting,
    Path(id): Path<String>,
    Query(q): Query<PersonNotice>,
) -> Response {
    let user = match ctx.require_user() {
        Ok(u) => u.clone(),
        Err(r) => return r,
    };
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    // Read as the signed-in account: the view is logged in the audit log.
    let person = ok_or_page!(&ctx, acting.get::<Person>(id).await);
    // A partner sees only the people of their own organisation.
    if !user.role.can_write()
        && (user.organisation_id.is_none() || person.fields.organisation_id != user.organisation_id)
    {
        return message(&ctx, StatusCode::FORBIDDEN, "forbidden-title", "forbidden-body");
    }
    let roles = ok_or_page!(&ctx, s.app.roles_of(id).await);
    let organisation = match person.fields.organisation_id {
        Some(o) => match s.app.get::<Organisation>(o).await {
            Ok(o) => ctx.local(&o.fields.name),
            Err(_) => String::new(),
        },
        None => String::new(),
    };
    // Course titles in the page's language.
    let mut titles: HashMap<Id, String> = HashMap::new();
    for r in &roles {
        if let std::collections::hash_map::Entry::Vacant(slot) = titles.entry(r.programme_id) {
            slot.insert(match s.app.get::<Programme>(r.programme_id).await {
                Ok(p) => course_title(&ctx, &p),
                Err(_) => ctx.local(&r.programme_title),
            });
        }
    }
    let opt_text = |t: &Option<Text>| t.as_ref().map(ToString::to_string).unwrap_or_default();
    let personal = ctx.is_staff();
    let x = &person.fields;
    let notice = if q.created.is_some() {
        Some(ctx.t("people-created"))
    } else if q.saved.is_some() {
        Some(ctx.t("people-saved"))
    } else {
        q.merged
            .as_deref()
            .and_then(parse_id)
            .map(|other| ctx.t1("people-merged", "other", other))
    };
    let page = PersonPage {
        ctx: &ctx,
        id,
        notice: if ctx.is_staff() { notice } else { None },
        name: person_name(&person),
        native: opt_text(&x.name_native),
        kana: opt_text(&x.name_kana),
        gender: label(&ctx, "gender", x.gender.as_str()),
        nationality: format!("{} ({})", country_name(&ctx, x.nationality), x.nationality),
        organisation,
        position: opt_text(&x.position),
        personal,
        birth_date: if personal {
            x.birth_date.map(|d| ctx.date(&d)).unwrap_or_default()
        } else {
            String::new()
        },
        email: if personal { opt_text(&x.email) } else { String::new() },
        roles_count: ctx.tn("console-person-roles-count", "count", roles.len() as i64),
        roles: roles
            .iter()
            .map(|r| RoleLine {
                fy: ctx.fy(&r.fiscal_year),
                course: titles.get(&r.programme_id).cloned().unwrap_or_default(),
                role: label(&ctx, "role", r.role.as_str()),
                status: status_badge(&ctx, r.status),
                edition_id: r.edition_id,
                edition_key: r.edition_key.clone(),
            })
            .collect(),
        links: ctx.is_staff(),
        certificates: if ctx.is_staff() {
            crate::pages::certificates::person_lines(&s, &ctx, id).await
        } else {
            Vec::new()
        },
    };
    render(&ctx, &page)
}

pub(crate) fn people_routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
        .route("/console/people", get(people_list))
        .route("/console/people/new", get(person_new).post(person_create))
        .route("/console/people/{id}/edit", get(person_edit).post(person_update))
        .route("/console/people/{id}/merge", get(merge_page).post(merge_post))
        .route("/console/people/{id}/delete", get(delete_page).post(delete_post))
}

// ------------------------------------------------------------ list lines

/// A course a listed person took part in.
pub(crate) struct CourseRef {
    pub(crate) edition_id: Id,
    pub(crate) text: String,
}

/// A person as lists show them: what tells namesakes apart.
pub(crate) struct PersonLine {
    pub(crate) id: Id,
    pub(crate) name: String,
    pub(crate) native: String,
    pub(crate) kana: String,
    pub(crate) nationality: String,
    /// Staff only (personal data).
    pub(crate) birth_year: String,
    pub(crate) organisation: String,
    pub(crate) courses: Vec<CourseRef>,
    /// "and N more" when not every course is shown.
    pub(crate) more: String,
    /// A link beside the person (choosing them for a merge).
    pub(crate) action: Option<(String, String)>,
}

/// Courses shown per person in a list; the rest are counted.
const COURSES_SHOWN: usize = 3;

/// The newest courses first, at most [`COURSES_SHOWN`], and "and N more".
pub(crate) fn course_refs(ctx: &Ctx, roles: &[RoleHeld]) -> (Vec<CourseRef>, String) {
    let refs = roles
        .iter()
        .rev()
        .take(COURSES_SHOWN)
        .map(|r| CourseRef {
            edition_id: r.edition_id,
            text: format!(
                "{} {} ({})",
                ctx.fy(&r.fiscal_year),
                ctx.local(&r.programme_title),
                label(ctx, "role", r.role.as_str())
            ),
        })
        .collect();
    let more = if roles.len() > COURSES_SHOWN {
        ctx.tn("people-more-courses", "count", (roles.len() - COURSES_SHOWN) as i64)
    } else {
        String::new()
    };
    (refs, more)
}

pub(crate) fn birth_year(ctx: &Ctx, p: &Person) -> String {
    if ctx.is_staff() {
        p.fields
            .birth_date
            .map(|d| d.year_ce().1.to_string())
            .unwrap_or_default()
    } else {
        String::new()
    }
}

pub(crate) fn person_line(ctx: &Ctx, s: &PersonSummary) -> PersonLine {
    let p = &s.person;
    let (courses, more) = course_refs(ctx, &s.roles);
    let text = |t: &Option<Text>| t.as_ref().map(ToString::to_string).unwrap_or_default();
    PersonLine {
        id: p.id,
        name: person_name(p),
        native: text(&p.fields.name_native),
        kana: text(&p.fields.name_kana),
        nationality: country_name(ctx, p.fields.nationality),
        birth_year: birth_year(ctx, p),
        organisation: s
            .organisation
            .as_ref()
            .map(|o| ctx.local(&o.fields.name))
            .unwrap_or_default(),
        courses,
        more,
        action: None,
    }
}

/// Countries for a `<select>`, by name in the page's language, after `first`.
pub(crate) fn country_options(ctx: &Ctx, current: &str, first: String) -> Vec<Opt> {
    let mut countries: Vec<Opt> = all_countries()
        .iter()
        .map(|c| opt(c.code, c.name(ctx.lang.code()), current))
        .collect();
    countries.sort_by(|a, b| kizuna_i18n::compare(ctx.lang, &a.label, &b.label));
    countries.insert(0, opt("", first, current));
    countries
}

// ------------------------------------------------------------ the list

#[derive(Template)]
#[template(path = "console/people.html")]
pub(crate) struct PeopleListPage<'a> {
    pub(crate) ctx: &'a Ctx,
    pub(crate) notice: Option<String>,
    pub(crate) f: FormState,
    pub(crate) countries: Vec<Opt>,
    pub(crate) lines: Vec<PersonLine>,
    pub(crate) searched: bool,
    pub(crate) total: String,
    pub(crate) showing: String,
    pub(crate) prev: Option<String>,
    pub(crate) next: Option<String>,
}

/// The pager's text: "people 1–50 of 680".
pub(crate) fn showing(ctx: &Ctx, offset: u32, shown: usize, total: i64) -> String {
    let to = (i64::from(offset) + shown as i64).min(total);
    i18n::message(
        ctx.lang,
        "console-pager-showing",
        &[
            (
                "from",
                FluentValue::from(ctx.num(if shown == 0 { 0 } else { i64::from(offset) + 1 })),
            ),
            ("to", FluentValue::from(ctx.num(to))),
            ("count", FluentValue::from(total)),
            ("formatted", FluentValue::from(ctx.num(total))),
        ],
    )
}

pub(crate) async fn people_list(
    State(s): State<WebState>,
    ctx: Ctx,
    Query(q): Query<BTreeMap<String, String>>,
) -> Response {
    guard!(ctx.require_staff());
    let mut f = FormState::default();
    let name = q.get("q").map(|v| v.trim()).unwrap_or("");
    f.set("q", name);
    let nationality_raw = q.get("nationality").map(|v| v.trim()).unwrap_or("");
    f.set("nationality", nationality_raw);
    let mut pq = PeopleQuery {
        name: NameQuery::parse(name),
        nationality: None,
    };
    if !nationality_raw.is_empty() {
        match CountryCode::parse(nationality_raw) {
            Ok(c) => pq.nationality = Some(c),
            Err(e) => f.add(&ctx, &e.at("nationality")),
        }
    }
    let offset = q.get("offset").and_then(|o| o.trim().parse::<u32>().ok()).unwrap_or(0);
    let page = Page {
        limit: PAGE_SIZE,
        offset,
    };
    let app = crate::acting::for_ctx(&s, &ctx);
    let (found, total) = ok_or_page!(&ctx, app.people_list(&pq, page).await);
    let lines: Vec<PersonLine> = found.iter().map(|p| person_line(&ctx, p)).collect();
    let fq: String = ["q", "nationality"]
        .iter()
        .filter(|n| !f.v(n).is_empty())
        .map(|n| format!("{n}={}", urlencode(f.v(n))))
        .collect::<Vec<_>>()
        .join("&");
    let page_href = |o: u32| {
        let q = match (o, fq.is_empty()) {
            (0, _) => fq.clone(),
            (o, true) => format!("offset={o}"),
            (o, false) => format!("{fq}&offset={o}"),
        };
        with_query("/console/people", &q)
    };
    let prev = (offset > 0).then(|| page_href(offset.saturating_sub(PAGE_SIZE)));
    let next = (i64::from(offset) + i64::from(PAGE_SIZE) < total).then(|| page_href(offset + PAGE_SIZE));
    let countries = country_options(&ctx, f.v("nationality"), ctx.t("console-filter-any"));
    let notice = q.contains_key("deleted").then(|| ctx.t("people-deleted"));
    render(
        &ctx,
        &PeopleListPage {
            ctx: &ctx,
            notice,
            countries,
            searched: pq.name.is_some(),
            total: ctx.tn("people-total", "count", total),
            showing: showing(&ctx, offset, lines.len(), total),
            prev,
            next,
            lines,
            f,
        },
    )
}

// ------------------------------------------------------------ the form

#[derive(Template)]
#[template(path = "console/person_form.html")]
pub(crate) struct PersonForm<'a> {
    pub(crate) ctx: &'a Ctx,
    /// The person being changed, or `None` for a new one.
    pub(crate) id: Option<Id>,
    pub(crate) f: FormState,
    pub(crate) genders: Vec<Opt>,
    pub(crate) countries: Vec<Opt>,
    pub(crate) organisations: Vec<Opt>,
    pub(crate) top_errors: Vec<String>,
    /// People with the same name and nationality (a new person only).
    pub(crate) duplicates: Vec<PersonLine>,
}

pub(crate) async fn person_form(
    s: &WebState,
    ctx: &Ctx,
    id: Option<Id>,
    f: FormState,
    duplicates: Vec<PersonLine>,
    status: StatusCode,
) -> Response {
    let orgs = match s.app.list::<Organisation>(&BTreeMap::new(), ALL).await {
        Ok((o, _)) => o,
        Err(e) => return app_error(ctx, e),
    };
    let current = f.v("organisation_id").to_owned();
    let mut organisations: Vec<Opt> = orgs
        .iter()
        .map(|o| opt(o.id, ctx.local(&o.fields.name), &current))
        .collect();
    organisations.sort_by(|a, b| kizuna_i18n::compare(ctx.lang, &a.label, &b.label));
    organisations.insert(0, opt("", ctx.t("console-none"), &current));
    let genders = Gender::ALL
        .iter()
        .map(|g| opt(g, label(ctx, "gender", g.as_str()), f.v("gender")))
        .collect();
    let countries = country_options(ctx, f.v("nationality"), ctx.t("console-choose"));
    let top_errors = f.other_errors(&FormState::shown::<PersonInput>());
    let status = if f.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        status
    };
    let mut r = render(
        ctx,
        &PersonForm {
            ctx,
            id,
            f,
            genders,
            countries,
            organisations,
            top_errors,
            duplicates,
        },
    );
    *r.status_mut() = status;
    r
}

pub(crate) async fn person_new(State(s): State<WebState>, ctx: Ctx) -> Response {
    guard!(ctx.require_staff());
    let mut f = FormState::default();
    f.set("gender", Gender::Unspecified.as_str());
    person_form(&s, &ctx, None, f, Vec::new(), StatusCode::OK).await
}

pub(crate) async fn person_edit(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let p = ok_or_page!(&ctx, crate::acting::for_ctx(&s, &ctx).get::<Person>(id).await);
    let mut f = FormState::default();
    f.fill(&p.fields);
    f.set("version", p.version);
    person_form(&s, &ctx, Some(id), f, Vec::new(), StatusCode::OK).await
}

/// Tell the form's errors beside their fields. A duplicate identity (the
/// same Latin names, nationality and birth date as someone recorded) is
/// told beside the birth date, which is what tells two namesakes apart.
fn add_errors(ctx: &Ctx, f: &mut FormState, errors: &[FieldError]) {
    for e in errors {
        if e.field == "identity" {
            let msg = ctx.t("people-error-same-identity");
            if f.err("birth_date").is_none() {
                f.errors.push(("birth_date".to_owned(), msg));
            }
        } else {
            f.add(ctx, e);
        }
    }
}

/// Read a person form, naming every field that cannot be read, and telling
/// the rules across fields (a birth date in the future, an e-mail that is
/// not one) at once where the rest can be read.
pub(crate) fn read_person(f: &FormState, today: NaiveDate) -> Result<PersonInput, Vec<FieldError>> {
    let read = match f.read::<PersonInput>() {
        Ok(input) => return input.validate(today).map(|()| input),
        Err(read) => read,
    };
    // The fields in error set aside (stand-ins for those that must be
    // there), the rest read again for the rules.
    let mut g = f.clone();
    for e in &read {
        g.set(&e.field, "");
    }
    for (name, stand_in) in [("family_name", "x"), ("gender", "unspecified"), ("nationality", "JP")] {
        if g.v(name).trim().is_empty() {
            g.set(name, stand_in);
        }
    }
    let mut errors = read;
    if let Ok(rest) = g.read::<PersonInput>() {
        for e in rest.validate(today).err().unwrap_or_default() {
            if !errors.iter().any(|x| x.field == e.field) {
                errors.push(e);
            }
        }
    }
    Err(errors)
}

pub(crate) async fn person_create(
    State(s): State<WebState>,
    ctx: Ctx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    guard!(ctx.require_staff());
    let mut f = FormState::from_pairs(&pairs);
    guard!(ctx.check_csrf(f.v("csrf")));
    let input = match read_person(&f, s.app.today()) {
        Ok(input) => input,
        Err(errors) => {
            add_errors(&ctx, &mut f, &errors);
            return person_form(&s, &ctx, None, f, Vec::new(), StatusCode::OK).await;
        }
    };
    let different = f.v("different") == "yes";
    let app = crate::acting::for_ctx(&s, &ctx);
    match app.create_person(&input, different).await {
        Ok(NewPerson::Created(p)) => {
            ctx.finish(Redirect::to(&format!("/console/people/{}?created=1", p.id)).into_response())
        }
        Ok(NewPerson::Duplicates(found)) => {
            let lines = found.iter().map(|p| person_line(&ctx, p)).collect();
            person_form(&s, &ctx, None, f, lines, StatusCode::OK).await
        }
        Err(AppError::Invalid(errors)) => {
            add_errors(&ctx, &mut f, &errors);
            person_form(&s, &ctx, None, f, Vec::new(), StatusCode::OK).await
        }
        Err(e) => app_error(&ctx, e),
    }
}

pub(crate) async fn person_update(
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
    let errors = match (read_person(&f, s.app.today()), f.v("version").trim().parse::<i64>()) {
        (Err(errors), _) => errors,
        (Ok(_), Err(_)) => vec![FieldError::required("version")],
        (Ok(input), Ok(version)) => {
            match crate::acting::for_ctx(&s, &ctx)
                .update::<Person>(id, version, &input)
                .await
            {
                Ok(p) => {
                    return ctx.finish(Redirect::to(&format!("/console/people/{}?saved=1", p.id)).into_response());
                }
                Err(e) => match f.refused(e) {
                    Ok(errors) => errors,
                    Err(e) => return app_error(&ctx, e),
                },
            }
        }
    };
    add_errors(&ctx, &mut f, &errors);
    let stale = errors.iter().any(|e| e.code == "stale");
    let status = if stale { StatusCode::CONFLICT } else { StatusCode::OK };
    let mut r = person_form(&s, &ctx, Some(id), f, Vec::new(), status).await;
    if stale {
        *r.status_mut() = StatusCode::CONFLICT;
    }
    r
}

// ------------------------------------------------------------ merging

/// One field of the two records side by side.
pub(crate) struct FieldRow {
    pub(crate) label: String,
    pub(crate) kept: String,
    pub(crate) other: String,
    pub(crate) after: String,
    /// `filled` (taken from the other), `differs` (the other's is dropped) or empty.
    pub(crate) change: &'static str,
}

/// A session the removed person instructs.
pub(crate) struct SessionRef {
    pub(crate) edition_id: Id,
    pub(crate) text: String,
}

#[derive(Template)]
#[template(path = "console/person_merge.html")]
pub(crate) struct MergePage<'a> {
    pub(crate) ctx: &'a Ctx,
    pub(crate) id: Id,
    pub(crate) name: String,
    /// Choosing: a search, and the people found (likely duplicates first).
    pub(crate) f: FormState,
    pub(crate) likely: Vec<PersonLine>,
    pub(crate) found: Vec<PersonLine>,
    pub(crate) searched: bool,
    /// Confirming: the person chosen, and what would happen.
    pub(crate) plan: Option<MergeView>,
    pub(crate) problem: Option<String>,
}

pub(crate) struct MergeView {
    pub(crate) other_id: Id,
    pub(crate) other_name: String,
    pub(crate) keep_version: i64,
    pub(crate) remove_version: i64,
    pub(crate) fields: Vec<FieldRow>,
    pub(crate) roles: Vec<RoleLine>,
    pub(crate) roles_count: String,
    pub(crate) sessions: Vec<SessionRef>,
    pub(crate) sessions_count: String,
    pub(crate) both_instruct: String,
    pub(crate) attendance: String,
    pub(crate) other_refs: Vec<String>,
    pub(crate) accounts: Vec<String>,
    pub(crate) accounts_count: String,
    pub(crate) accounts_note: String,
    pub(crate) shared: Vec<(Id, String)>,
}

async fn field_texts(s: &WebState, ctx: &Ctx, p: &PersonInput) -> Vec<String> {
    let text = |t: &Option<Text>| t.as_ref().map(ToString::to_string).unwrap_or_default();
    let organisation = match p.organisation_id {
        Some(o) => s
            .app
            .store
            .get::<Organisation>(o)
            .await
            .map(|o| ctx.local(&o.fields.name))
            .unwrap_or_else(|_| o.to_string()),
        None => String::new(),
    };
    vec![
        p.family_name.to_string(),
        text(&p.given_name),
        text(&p.name_native),
        text(&p.name_kana),
        label(ctx, "gender", p.gender.as_str()),
        format!("{} ({})", country_name(ctx, p.nationality), p.nationality),
        p.birth_date.map(|d| ctx.date(&d)).unwrap_or_default(),
        text(&p.email),
        organisation,
        text(&p.position),
    ]
}

/// The fields in the order [`field_texts`] gives them, with their labels.
const MERGE_FIELDS: [(&str, &str); 10] = [
    ("family_name", "people-family-name"),
    ("given_name", "people-given-name"),
    ("name_native", "console-col-native-name"),
    ("name_kana", "console-person-kana"),
    ("gender", "console-col-gender"),
    ("nationality", "console-col-nationality"),
    ("birth_date", "console-person-birth-date"),
    ("email", "console-person-email"),
    ("organisation_id", "console-person-organisation"),
    ("position", "console-person-position"),
];

async fn merge_view(s: &WebState, ctx: &Ctx, plan: &kizuna_app::people::MergePlan) -> MergeView {
    let kept = field_texts(s, ctx, &plan.keep.fields).await;
    let other = field_texts(s, ctx, &plan.remove.fields).await;
    let after = field_texts(s, ctx, &plan.merged).await;
    let fields = MERGE_FIELDS
        .iter()
        .enumerate()
        .map(|(i, (name, key))| FieldRow {
            label: ctx.t(key),
            kept: kept[i].clone(),
            other: other[i].clone(),
            after: after[i].clone(),
            change: if plan.filled.contains(name) {
                "filled"
            } else if plan.differing.contains(name) {
                "differs"
            } else {
                ""
            },
        })
        .collect();
    let roles = plan
        .moves
        .participations
        .iter()
        .map(|r| RoleLine {
            fy: ctx.fy(&r.fiscal_year),
            course: ctx.local(&r.programme_title),
            role: label(ctx, "role", r.role.as_str()),
            status: status_badge(ctx, r.status),
            edition_id: r.edition_id,
            edition_key: r.edition_key.clone(),
        })
        .collect();
    let tz = jst();
    let sessions = plan
        .moves
        .instructed
        .iter()
        .map(|se| SessionRef {
            edition_id: se.edition_id,
            text: format!(
                "{} {} · {} ({})",
                ctx.date(&se.starts_at.with_timezone(&tz).date_naive()),
                se.starts_at.with_timezone(&tz).format("%H:%M"),
                ctx.local(&se.title),
                se.edition_key
            ),
        })
        .collect();
    let accounts = plan
        .accounts
        .iter()
        .map(|a| format!("{} ({})", a.email, ctx.t(&format!("people-account-role-{}", a.role))))
        .collect();
    MergeView {
        roles_count: ctx.tn(
            "people-delete-participations",
            "count",
            plan.moves.participations.len() as i64,
        ),
        sessions_count: ctx.tn("people-delete-sessions", "count", plan.moves.instructed.len() as i64),
        accounts_count: ctx.tn("people-delete-accounts", "count", plan.accounts.len() as i64),
        other_id: plan.remove.id,
        other_name: person_name(&plan.remove),
        keep_version: plan.keep.version,
        remove_version: plan.remove.version,
        fields,
        roles,
        sessions,
        both_instruct: if plan.both_instruct > 0 {
            ctx.tn("people-merge-both-instruct", "count", plan.both_instruct as i64)
        } else {
            String::new()
        },
        attendance: ctx.tn("people-merge-attendance", "count", plan.moves.attendance),
        other_refs: plan
            .moves
            .other
            .iter()
            .map(|(table, column, n)| format!("{table}.{column}: {}", ctx.num(*n)))
            .collect(),
        accounts_note: if plan.accounts.is_empty() {
            String::new()
        } else if plan.accounts_follow {
            ctx.t("people-merge-accounts-follow")
        } else {
            ctx.t("people-merge-accounts-stay")
        },
        accounts,
        shared: plan.shared_editions.clone(),
    }
}

#[derive(serde::Deserialize)]
pub(crate) struct MergeQuery {
    pub(crate) q: Option<String>,
    pub(crate) other: Option<String>,
}

async fn merge_render(
    s: &WebState,
    ctx: &Ctx,
    id: Id,
    q: &str,
    other: Option<Id>,
    problem: Option<String>,
    status: StatusCode,
) -> Response {
    let app = crate::acting::for_ctx(s, ctx);
    let keep = ok_or_page!(ctx, app.get::<Person>(id).await);
    let mut f = FormState::default();
    f.set("q", q);
    let choose = |line: &mut PersonLine| {
        line.action = Some((
            format!("/console/people/{id}/merge?other={}", line.id),
            ctx.t("people-merge-choose"),
        ));
    };
    let (mut likely, mut found, mut plan) = (Vec::new(), Vec::new(), None);
    match other {
        Some(other) => {
            let p = match app.merge_plan(id, other).await {
                Ok(p) => p,
                Err(AppError::Invalid(_)) => return not_found(ctx),
                Err(e) => return app_error(ctx, e),
            };
            plan = Some(merge_view(s, ctx, &p).await);
        }
        None => {
            let dups = ok_or_page!(ctx, app.possible_duplicates(&keep.fields, Some(id)).await);
            likely = dups.iter().map(|p| person_line(ctx, p)).collect();
            likely.iter_mut().for_each(choose);
            if let Some(name) = NameQuery::parse(q) {
                let pq = PeopleQuery {
                    name: Some(name),
                    nationality: None,
                };
                let (people, _) = ok_or_page!(ctx, app.people_list(&pq, Page { limit: 50, offset: 0 }).await);
                found = people
                    .iter()
                    .filter(|p| p.person.id != id)
                    .map(|p| person_line(ctx, p))
                    .collect();
                found.iter_mut().for_each(choose);
            }
        }
    }
    let mut r = render(
        ctx,
        &MergePage {
            ctx,
            id,
            name: person_name(&keep),
            searched: !q.trim().is_empty(),
            f,
            likely,
            found,
            plan,
            problem,
        },
    );
    *r.status_mut() = status;
    r
}

pub(crate) async fn merge_page(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<MergeQuery>,
) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let other = match q.other.as_deref().map(str::trim).filter(|o| !o.is_empty()) {
        None => None,
        Some(o) => match parse_id(o) {
            Some(o) if o != id => Some(o),
            _ => return not_found(&ctx),
        },
    };
    merge_render(&s, &ctx, id, q.q.as_deref().unwrap_or(""), other, None, StatusCode::OK).await
}

pub(crate) async fn merge_post(
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
    let Some(other) = parse_id(f.v("other").trim()).filter(|o| *o != id) else {
        return not_found(&ctx);
    };
    let version = |name: &str| f.v(name).trim().parse::<i64>().ok();
    let (Some(keep_version), Some(remove_version)) = (version("keep_version"), version("remove_version")) else {
        return merge_render(
            &s,
            &ctx,
            id,
            "",
            Some(other),
            Some(ctx.t("people-merge-stale")),
            StatusCode::CONFLICT,
        )
        .await;
    };
    let app = crate::acting::for_ctx(&s, &ctx);
    match app.merge_people(id, keep_version, other, remove_version).await {
        Ok(_) => ctx.finish(Redirect::to(&format!("/console/people/{id}?merged={other}")).into_response()),
        Err(AppError::Conflict { .. }) => {
            merge_render(
                &s,
                &ctx,
                id,
                "",
                Some(other),
                Some(ctx.t("people-merge-stale")),
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(AppError::Invalid(errors)) => {
            let text = errors
                .iter()
                .map(|e| match e.code.as_str() {
                    "same_edition" => ctx.t("people-merge-refused"),
                    "duplicate" => ctx.t("people-error-same-identity"),
                    code => field_message(&ctx, code, ""),
                })
                .collect::<Vec<_>>()
                .join(" ");
            merge_render(&s, &ctx, id, "", Some(other), Some(text), StatusCode::CONFLICT).await
        }
        Err(e) => app_error(&ctx, e),
    }
}

// ------------------------------------------------------------ deleting

#[derive(Template)]
#[template(path = "console/person_delete.html")]
pub(crate) struct DeletePage<'a> {
    pub(crate) ctx: &'a Ctx,
    pub(crate) id: Id,
    pub(crate) name: String,
    pub(crate) blocked: bool,
    pub(crate) roles: Vec<RoleLine>,
    pub(crate) roles_count: String,
    pub(crate) sessions: Vec<SessionRef>,
    pub(crate) sessions_count: String,
    pub(crate) attendance: String,
    pub(crate) accounts: Vec<String>,
    pub(crate) accounts_count: String,
    pub(crate) other_refs: Vec<String>,
}

async fn delete_render(s: &WebState, ctx: &Ctx, id: Id, status: StatusCode) -> Response {
    let app = crate::acting::for_ctx(s, ctx);
    let person = ok_or_page!(ctx, app.get::<Person>(id).await);
    let d = ok_or_page!(ctx, app.person_dependants(id).await);
    let r = &d.references;
    let tz = jst();
    let page = DeletePage {
        ctx,
        id,
        name: person_name(&person),
        blocked: !d.is_empty(),
        roles_count: ctx.tn("people-delete-participations", "count", r.participations.len() as i64),
        roles: r
            .participations
            .iter()
            .map(|r| RoleLine {
                fy: ctx.fy(&r.fiscal_year),
                course: ctx.local(&r.programme_title),
                role: label(ctx, "role", r.role.as_str()),
                status: status_badge(ctx, r.status),
                edition_id: r.edition_id,
                edition_key: r.edition_key.clone(),
            })
            .collect(),
        sessions_count: ctx.tn("people-delete-sessions", "count", r.instructed.len() as i64),
        sessions: r
            .instructed
            .iter()
            .map(|se| SessionRef {
                edition_id: se.edition_id,
                text: format!(
                    "{} {} · {} ({})",
                    ctx.date(&se.starts_at.with_timezone(&tz).date_naive()),
                    se.starts_at.with_timezone(&tz).format("%H:%M"),
                    ctx.local(&se.title),
                    se.edition_key
                ),
            })
            .collect(),
        attendance: if r.attendance > 0 {
            ctx.tn("people-merge-attendance", "count", r.attendance)
        } else {
            String::new()
        },
        accounts_count: ctx.tn("people-delete-accounts", "count", d.accounts.len() as i64),
        accounts: d
            .accounts
            .iter()
            .map(|a| format!("{} ({})", a.email, ctx.t(&format!("people-account-role-{}", a.role))))
            .collect(),
        other_refs: r
            .other
            .iter()
            .map(|(table, column, n)| format!("{table}.{column}: {}", ctx.num(*n)))
            .collect(),
    };
    let mut resp = render(ctx, &page);
    *resp.status_mut() = status;
    resp
}

pub(crate) async fn delete_page(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    delete_render(&s, &ctx, id, StatusCode::OK).await
}

pub(crate) async fn delete_post(
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
    match crate::acting::for_ctx(&s, &ctx).delete_person(id).await {
        Ok(()) => ctx.finish(Redirect::to("/console/people?deleted=1").into_response()),
        // Something came to depend on them: the page says what.
        Err(AppError::Invalid(_)) => delete_render(&s, &ctx, id, StatusCode::CONFLICT).await,
        Err(e) => app_error(&ctx, e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(fields: &[(&str, &str)]) -> FormState {
        let pairs: Vec<(String, String)> = fields.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        FormState::from_pairs(&pairs)
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date")
    }

    #[test]
    fn every_problem_of_a_person_form_is_named_at_once() {
        let errors = read_person(
            &form(&[
                ("family_name", ""),
                ("gender", "male"),
                ("nationality", "XX"),
                ("birth_date", "2199-01-01"),
                ("email", "nope"),
                ("organisation_id", ""),
            ]),
            today(),
        )
        .expect_err("a bad form");
        let mut fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        fields.sort_unstable();
        assert_eq!(
            fields,
            ["birth_date", "email", "family_name", "nationality"],
            "the rules are told beside the fields that could not be read: {errors:?}"
        );
    }

    #[test]
    fn a_person_form_reads_as_its_declaration_says() {
        let input = read_person(
            &form(&[
                ("family_name", " Saetang "),
                ("given_name", "Somchai"),
                ("name_native", "สมชาย แซ่ตั้ง"),
                ("name_kana", ""),
                ("gender", "male"),
                ("nationality", "TH"),
                ("birth_date", "1975-05-01"),
                ("email", ""),
                ("organisation_id", ""),
                ("position", ""),
            ]),
            today(),
        )
        .expect("a good form");
        assert_eq!(input.family_name.as_str(), "Saetang", "trimmed");
        assert_eq!(input.name_kana, None, "empty is none");
        assert_eq!(input.organisation_id, None);
        // Filled back from the record, the form shows what was typed.
        let mut f = FormState::default();
        f.fill(&input);
        assert_eq!(f.v("birth_date"), "1975-05-01");
        assert_eq!(f.v("name_native"), "สมชาย แซ่ตั้ง");
        assert_eq!(read_person(&f, today()).expect("read back"), input);
    }
}
