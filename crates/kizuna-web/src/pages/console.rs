//! The staff console for the training slice: courses and their editions,
//! an edition's people and timetable, attendance, the trainee list with its
//! downloads, a person's roles over the years, and trainee imports.
//!
//! Every page is server-rendered and works without JavaScript; every string
//! comes from `locales/*/console.ftl`; every write is a POST form carrying
//! the CSRF token, answered with a redirect (Post/Redirect/Get) or with the
//! same form and a message beside each field that needs fixing.

use std::collections::{BTreeMap, HashMap};
use std::str::FromStr;

use askama::Template;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use chrono::{FixedOffset, NaiveDate};
use fluent_bundle::FluentValue;
use kizuna_app::AppError;
use kizuna_app::training::console::TraineeQuery;
use kizuna_app::training::transfer::{FileFormat, RowError, trainee_template};
use kizuna_domain::FieldError;
use kizuna_domain::common::country::all_countries;
use kizuna_domain::common::organisation::Organisation;
use kizuna_domain::common::person::Person;
use kizuna_domain::common::programme::{Programme, ProgrammeInput, ProgrammeKind};
use kizuna_domain::common::{CountryCode, FiscalYear, Id, Key, Region, Text};
use kizuna_domain::training::edition::{Edition, EditionInput, EditionScope};
use kizuna_domain::training::participation::{ParticipationRole, ParticipationStatus};
use kizuna_domain::training::session::{Attendance, Session};
use kizuna_domain::training::stats::TraineeFilter;
use kizuna_store::Page;

use super::upload::{MAX_UPLOAD, base64_encode, read_import_form};
use super::{message, render};
use crate::session::{Ctx, WebState, urlencode};
use kizuna_i18n::{self as i18n, Lang};

/// Rows per page of the trainee list.
const PAGE_SIZE: u32 = 50;

pub fn routes() -> Router<WebState> {
    Router::new()
        .route("/console", get(dashboard))
        .route("/console/courses", get(courses))
        .route("/console/courses/new", get(course_new).post(course_create))
        .route("/console/editions/new", get(edition_new).post(edition_create))
        .route("/console/editions/{id}", get(edition_page))
        .route("/console/editions/{id}/edit", get(edition_edit).post(edition_update))
        .route(
            "/console/sessions/{id}/attendance",
            get(attendance_page).post(attendance_save),
        )
        .route("/console/trainees", get(trainees))
        .route("/console/trainees.csv", get(trainees_csv))
        .route("/console/trainees.xlsx", get(trainees_xlsx))
        .route("/console/people/{id}", get(person_page))
        .route(
            "/console/import",
            get(import_page)
                .post(import_post)
                .layer(DefaultBodyLimit::max(MAX_UPLOAD * 2)),
        )
        .route("/console/import/template.csv", get(template_csv))
        .route("/console/import/template.xlsx", get(template_xlsx))
}

// ------------------------------------------------------------------ helpers

/// Run a guard that answers with a response when it refuses.
macro_rules! guard {
    ($e:expr) => {
        if let Err(r) = $e {
            return r;
        }
    };
}

/// Unwrap an application result, or answer with the page that explains it.
macro_rules! ok_or_page {
    ($ctx:expr, $e:expr) => {
        match $e {
            Ok(v) => v,
            Err(e) => return app_error($ctx, e),
        }
    };
}

fn app_error(ctx: &Ctx, e: AppError) -> Response {
    match e {
        AppError::NotFound { .. } => not_found(ctx),
        other => {
            tracing::error!(error = %other, "console page failed");
            message(ctx, StatusCode::SERVICE_UNAVAILABLE, "error-title", "error-database")
        }
    }
}

fn not_found(ctx: &Ctx) -> Response {
    message(ctx, StatusCode::NOT_FOUND, "not-found-title", "not-found-body")
}

fn parse_id(raw: &str) -> Option<Id> {
    raw.parse::<Id>().ok().filter(|n| *n > 0)
}

const ALL: Page = Page {
    limit: 10_000,
    offset: 0,
};

/// A value's label from the catalogue: `console-{group}-{value}`.
fn label(ctx: &Ctx, group: &str, value: &str) -> String {
    ctx.t(&format!("console-{group}-{}", value.replace('_', "-")))
}

fn country_name(ctx: &Ctx, code: CountryCode) -> String {
    code.country().name(ctx.lang.code()).to_owned()
}

fn course_title(ctx: &Ctx, p: &Programme) -> String {
    match (ctx.lang, &p.fields.title_ja) {
        (Lang::Ja, Some(ja)) => ja.to_string(),
        _ => p.fields.title_en.to_string(),
    }
}

fn person_name(p: &Person) -> String {
    p.sort_name()
}

/// A rule's message in the page's language, from the error's code.
fn field_message(ctx: &Ctx, code: &str, value: &str) -> String {
    let key = format!("console-error-{}", code.replace('_', "-"));
    let args = [("value", FluentValue::from(value.to_owned()))];
    let text = i18n::message(ctx.lang, &key, &args);
    if text == key {
        i18n::message(ctx.lang, "console-error-invalid", &args)
    } else {
        text
    }
}

/// What a form shows: the values as typed and the message for each field.
#[derive(Default)]
struct FormState {
    values: HashMap<String, String>,
    errors: Vec<(String, String)>,
}

impl FormState {
    fn from_pairs(pairs: &[(String, String)]) -> Self {
        let mut values: HashMap<String, String> = HashMap::new();
        for (k, v) in pairs {
            values
                .entry(k.clone())
                .and_modify(|old| {
                    old.push_str(", ");
                    old.push_str(v);
                })
                .or_insert_with(|| v.clone());
        }
        FormState {
            values,
            errors: Vec::new(),
        }
    }

    fn set(&mut self, name: &str, value: impl ToString) {
        self.values.insert(name.to_owned(), value.to_string());
    }

    /// The value as typed (empty when absent).
    fn v(&self, name: &str) -> &str {
        self.values.get(name).map(String::as_str).unwrap_or("")
    }

    fn add(&mut self, ctx: &Ctx, e: &FieldError) {
        let value = self.v(&e.field).to_owned();
        let msg = field_message(ctx, &e.code, &value);
        if !self.errors.iter().any(|(f, m)| *f == e.field && *m == msg) {
            self.errors.push((e.field.clone(), msg));
        }
    }

    /// The message(s) for a field, if it needs fixing.
    fn err(&self, name: &str) -> Option<String> {
        let msgs: Vec<&str> = self
            .errors
            .iter()
            .filter(|(f, _)| f == name)
            .map(|(_, m)| m.as_str())
            .collect();
        if msgs.is_empty() { None } else { Some(msgs.join(" ")) }
    }

    /// Messages about fields the form does not show (told at the top).
    fn other_errors(&self, shown: &[&str]) -> Vec<String> {
        self.errors
            .iter()
            .filter(|(f, _)| !shown.contains(&f.as_str()))
            .map(|(_, m)| m.clone())
            .collect()
    }

    fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }
}

/// One choice of a `<select>`.
struct Opt {
    value: String,
    label: String,
    selected: bool,
}

fn opt(value: impl ToString, label: impl ToString, current: &str) -> Opt {
    let value = value.to_string();
    Opt {
        selected: value == current,
        value,
        label: label.to_string(),
    }
}

async fn training_courses(s: &WebState) -> Result<Vec<Programme>, AppError> {
    let filter = [("kind".to_owned(), ProgrammeKind::TrainingCourse.to_string())]
        .into_iter()
        .collect();
    Ok(s.app.list::<Programme>(&filter, ALL).await?.0)
}

fn one(name: &str, value: impl ToString) -> BTreeMap<String, String> {
    [(name.to_owned(), value.to_string())].into_iter().collect()
}

fn jst() -> FixedOffset {
    // Japan keeps no daylight saving time.
    FixedOffset::east_opt(9 * 3600).unwrap_or_else(|| FixedOffset::east_opt(0).expect("UTC is a valid offset"))
}

fn status_badge(ctx: &Ctx, s: ParticipationStatus) -> Badge {
    Badge {
        label: label(ctx, "status", s.as_str()),
        class: s.as_str(),
    }
}

struct Badge {
    label: String,
    class: &'static str,
}

fn file_response(bytes: Vec<u8>, format: FileFormat, name: &str) -> Response {
    let (ct, ext) = match format {
        FileFormat::Xlsx => (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        _ => ("text/csv; charset=utf-8", "csv"),
    };
    (
        [
            (header::CONTENT_TYPE, ct.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}.{ext}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

// ---------------------------------------------------------------- dashboard

#[derive(Template)]
#[template(path = "console/dashboard.html")]
struct Dashboard<'a> {
    ctx: &'a Ctx,
    today: String,
    this_year: String,
    trainees: String,
    trainees_label: String,
    countries: String,
    countries_label: String,
    courses: String,
    courses_label: String,
    editions: String,
    editions_label: String,
    since: String,
}

async fn dashboard(State(s): State<WebState>, ctx: Ctx) -> Response {
    guard!(ctx.require_staff());
    let today = s.app.today();
    let fy = FiscalYear::containing(today);
    let report = ok_or_page!(&ctx, s.app.trainee_report(&TraineeFilter::default()).await);
    let courses = ok_or_page!(&ctx, training_courses(&s).await).len() as i64;
    let (_, editions) = ok_or_page!(
        &ctx,
        s.app
            .list::<Edition>(&one("fiscal_year", fy.year()), Page { limit: 1, offset: 0 })
            .await
    );
    let trainees = i64::try_from(report.trainees).unwrap_or(i64::MAX);
    let countries = i64::try_from(report.countries).unwrap_or(i64::MAX);
    let page = Dashboard {
        ctx: &ctx,
        today: ctx.date(&today),
        this_year: ctx.fy(&fy.year()),
        trainees: ctx.num(trainees),
        trainees_label: ctx.tn("console-dash-trainees", "count", trainees),
        countries: ctx.num(countries),
        countries_label: ctx.tn("console-dash-countries", "count", countries),
        courses: ctx.num(courses),
        courses_label: ctx.tn("console-dash-courses", "count", courses),
        editions: ctx.num(editions),
        editions_label: ctx.tn("console-dash-editions", "count", editions),
        since: report
            .first_fiscal_year
            .map(|y| ctx.fy(&y))
            .unwrap_or_else(|| "—".into()),
    };
    render(&ctx, &page)
}

// ------------------------------------------------------------------ courses

struct EditionLine {
    id: Id,
    fy: String,
    key: String,
    scope: String,
    targets: String,
    dates: String,
    trainees_href: String,
}

struct CourseView {
    id: Id,
    title: String,
    key: String,
    summary: String,
    count: String,
    editions: Vec<EditionLine>,
}

#[derive(Template)]
#[template(path = "console/courses.html")]
struct CoursesPage<'a> {
    ctx: &'a Ctx,
    notice: Option<String>,
    courses: Vec<CourseView>,
}

#[derive(serde::Deserialize)]
struct NoticeQuery {
    created: Option<String>,
    saved: Option<String>,
    imported: Option<i64>,
}

fn targets_text(ctx: &Ctx, e: &Edition) -> String {
    e.fields
        .target_countries
        .iter()
        .map(|c| country_name(ctx, *c))
        .collect::<Vec<_>>()
        .join(", ")
}

async fn courses(State(s): State<WebState>, ctx: Ctx, Query(q): Query<NoticeQuery>) -> Response {
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
    let notice = q.created.map(|k| ctx.t1("console-course-created", "key", k));
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
struct CourseForm<'a> {
    ctx: &'a Ctx,
    f: FormState,
    organisations: Vec<Opt>,
    top_errors: Vec<String>,
}

const COURSE_FIELDS: &[&str] = &["key", "title_en", "title_ja", "summary", "organisation_id"];

async fn course_form(s: &WebState, ctx: &Ctx, f: FormState) -> Response {
    let orgs = match s.app.list::<Organisation>(&BTreeMap::new(), ALL).await {
        Ok((o, _)) => o,
        Err(e) => return app_error(ctx, e),
    };
    let current = f.v("organisation_id").to_owned();
    let mut organisations = vec![opt("", ctx.t("console-none"), &current)];
    organisations.extend(orgs.iter().map(|o| {
        let name = match (ctx.lang, &o.fields.name_ja) {
            (Lang::Ja, Some(ja)) => ja.to_string(),
            _ => o.fields.name_en.to_string(),
        };
        opt(o.id, name, &current)
    }));
    let top_errors = f.other_errors(COURSE_FIELDS);
    let status = if f.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let mut r = render(
        ctx,
        &CourseForm {
            ctx,
            f,
            organisations,
            top_errors,
        },
    );
    *r.status_mut() = status;
    r
}

async fn course_new(State(s): State<WebState>, ctx: Ctx) -> Response {
    guard!(ctx.require_staff());
    course_form(&s, &ctx, FormState::default()).await
}

async fn course_create(State(s): State<WebState>, ctx: Ctx, Form(pairs): Form<Vec<(String, String)>>) -> Response {
    guard!(ctx.require_staff());
    let mut f = FormState::from_pairs(&pairs);
    guard!(ctx.check_csrf(f.v("csrf")));
    let mut errors = Vec::new();
    let key = Key::parse(f.v("key")).map_err(|e| errors.push(e.at("key"))).ok();
    let title_en = Text::parse(f.v("title_en"))
        .map_err(|e| errors.push(e.at("title_en")))
        .ok();
    let title_ja = Text::parse_optional(Some(f.v("title_ja")))
        .map_err(|e| errors.push(e.at("title_ja")))
        .ok()
        .flatten();
    let summary = Text::parse_optional(Some(f.v("summary")))
        .map_err(|e| errors.push(e.at("summary")))
        .ok()
        .flatten();
    let organisation_id = match f.v("organisation_id").trim() {
        "" => None,
        raw => match parse_id(raw) {
            Some(id) => Some(id),
            None => {
                errors.push(FieldError::new("organisation_id", "not_found", "no such organisation"));
                None
            }
        },
    };
    if let (Some(key), Some(title_en), true) = (key, title_en, errors.is_empty()) {
        let input = ProgrammeInput {
            key,
            kind: ProgrammeKind::TrainingCourse,
            title_en,
            title_ja,
            organisation_id,
            summary,
        };
        match s.app.create::<Programme>(&input).await {
            Ok(p) => {
                return ctx.finish(
                    Redirect::to(&format!(
                        "/console/courses?created={}",
                        urlencode(p.fields.key.as_str())
                    ))
                    .into_response(),
                );
            }
            Err(AppError::Invalid(errs)) => errors.extend(errs),
            Err(e) => return app_error(&ctx, e),
        }
    }
    for e in &errors {
        f.add(&ctx, e);
    }
    course_form(&s, &ctx, f).await
}

// ----------------------------------------------------------------- editions

struct RosterLine {
    person_id: Id,
    name: String,
    native: String,
    nationality: String,
    status: Badge,
}

struct RoleGroup {
    heading: String,
    people: Vec<RosterLine>,
}

struct SessionLine {
    id: Id,
    time: String,
    kind: String,
    title: String,
    place: String,
}

struct Day {
    date: String,
    iso: String,
    sessions: Vec<SessionLine>,
}

#[derive(Template)]
#[template(path = "console/edition.html")]
struct EditionPage<'a> {
    ctx: &'a Ctx,
    notice: Option<String>,
    id: Id,
    title: String,
    course: String,
    key: String,
    fy: String,
    scope: String,
    targets: String,
    dates: String,
    capacity: String,
    groups: Vec<RoleGroup>,
    days: Vec<Day>,
    sessions_count: String,
    trainees_href: String,
}

async fn edition_page(
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
        let title = match (ctx.lang, &se.fields.title_ja) {
            (Lang::Ja, Some(ja)) => ja.to_string(),
            _ => se.fields.title_en.to_string(),
        };
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
            .title_en
            .as_ref()
            .map(ToString::to_string)
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
struct EditionForm<'a> {
    ctx: &'a Ctx,
    /// The edition being changed, or `None` for a new one.
    id: Option<Id>,
    f: FormState,
    courses: Vec<Opt>,
    top_errors: Vec<String>,
}

const EDITION_FIELDS: &[&str] = &[
    "programme_id",
    "key",
    "fiscal_year",
    "scope",
    "target_countries",
    "title_en",
    "starts_on",
    "ends_on",
    "capacity",
];

async fn edition_form(s: &WebState, ctx: &Ctx, id: Option<Id>, f: FormState) -> Response {
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
struct NewEditionQuery {
    programme_id: Option<String>,
}

async fn edition_new(State(s): State<WebState>, ctx: Ctx, Query(q): Query<NewEditionQuery>) -> Response {
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

async fn edition_edit(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response {
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
    f.set(
        "title_en",
        x.title_en.as_ref().map(ToString::to_string).unwrap_or_default(),
    );
    f.set("starts_on", x.starts_on);
    f.set("ends_on", x.ends_on);
    f.set("capacity", x.capacity.map(|c| c.to_string()).unwrap_or_default());
    edition_form(&s, &ctx, Some(id), f).await
}

/// Read an edition form, naming every field that cannot be read.
fn parse_edition(f: &FormState) -> Result<EditionInput, Vec<FieldError>> {
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
    let title_en = Text::parse_optional(Some(f.v("title_en")))
        .map_err(|e| errors.push(e.at("title_en")))
        .ok()
        .flatten();
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
                title_en,
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
                    title_en,
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

async fn edition_submit(s: &WebState, ctx: &Ctx, id: Option<Id>, pairs: Vec<(String, String)>) -> Response {
    let mut f = FormState::from_pairs(&pairs);
    guard!(ctx.check_csrf(f.v("csrf")));
    let errors = match parse_edition(&f) {
        Ok(input) => {
            let result = match id {
                Some(id) => s.app.update::<Edition>(id, &input).await,
                None => s.app.create::<Edition>(&input).await,
            };
            match result {
                Ok(e) => {
                    return ctx.finish(Redirect::to(&format!("/console/editions/{}?saved=1", e.id)).into_response());
                }
                Err(AppError::Invalid(errs)) => errs,
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

async fn edition_create(State(s): State<WebState>, ctx: Ctx, Form(pairs): Form<Vec<(String, String)>>) -> Response {
    guard!(ctx.require_staff());
    edition_submit(&s, &ctx, None, pairs).await
}

async fn edition_update(
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

// --------------------------------------------------------------- attendance

struct AttendanceLine {
    person_id: Id,
    name: String,
    role: String,
    present: bool,
}

#[derive(Template)]
#[template(path = "console/attendance.html")]
struct AttendancePage<'a> {
    ctx: &'a Ctx,
    notice: Option<String>,
    title: String,
    kind: String,
    when: String,
    edition_id: Id,
    edition_key: String,
    action: String,
    lines: Vec<AttendanceLine>,
    summary: String,
}

async fn attendance_page(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<NoticeQuery>,
) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let session = ok_or_page!(&ctx, s.app.get::<Session>(id).await);
    let edition = ok_or_page!(&ctx, s.app.get::<Edition>(session.fields.edition_id).await);
    let roster = ok_or_page!(&ctx, s.app.edition_roster(edition.id).await);
    let marks: HashMap<Id, bool> = ok_or_page!(&ctx, s.app.attendance(id).await)
        .into_iter()
        .map(|a| (a.person_id, a.present))
        .collect();
    let mut lines: Vec<AttendanceLine> = Vec::new();
    for (p, person) in &roster {
        if lines.iter().any(|l| l.person_id == person.id) {
            continue;
        }
        lines.push(AttendanceLine {
            person_id: person.id,
            name: person_name(person),
            role: label(&ctx, "role", p.fields.role.as_str()),
            present: marks.get(&person.id).copied().unwrap_or(false),
        });
    }
    let present = lines.iter().filter(|l| l.present).count() as i64;
    let tz = jst();
    let starts = session.fields.starts_at.with_timezone(&tz);
    let ends = session.fields.ends_at.with_timezone(&tz);
    let page = AttendancePage {
        ctx: &ctx,
        notice: q.saved.map(|_| ctx.t("console-attendance-saved")),
        title: match (ctx.lang, &session.fields.title_ja) {
            (Lang::Ja, Some(ja)) => ja.to_string(),
            _ => session.fields.title_en.to_string(),
        },
        kind: label(&ctx, "kind", session.fields.kind.as_str()),
        when: format!(
            "{} {}–{}",
            ctx.date(&starts.date_naive()),
            starts.format("%H:%M"),
            ends.format("%H:%M")
        ),
        edition_id: edition.id,
        edition_key: edition.fields.key.to_string(),
        action: format!("/console/sessions/{id}/attendance"),
        summary: i18n::message(
            ctx.lang,
            "console-attendance-summary",
            &[
                ("present", FluentValue::from(present)),
                ("count", FluentValue::from(lines.len() as i64)),
            ],
        ),
        lines,
    };
    render(&ctx, &page)
}

async fn attendance_save(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let csrf = pairs
        .iter()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.as_str())
        .unwrap_or("");
    guard!(ctx.check_csrf(csrf));
    let ids = |name: &str| -> Vec<Id> {
        pairs
            .iter()
            .filter(|(k, _)| k == name)
            .filter_map(|(_, v)| parse_id(v.trim()))
            .collect()
    };
    let (listed, present) = (ids("person"), ids("present"));
    // Keep notes already written (the API can set them).
    let notes: HashMap<Id, Option<Text>> = ok_or_page!(&ctx, s.app.attendance(id).await)
        .into_iter()
        .map(|a| (a.person_id, a.note))
        .collect();
    let mut marks: Vec<Attendance> = Vec::new();
    for p in listed.iter().chain(present.iter()) {
        if marks.iter().any(|m| m.person_id == *p) {
            continue;
        }
        marks.push(Attendance {
            person_id: *p,
            present: present.contains(p),
            note: notes.get(p).cloned().flatten(),
        });
    }
    match s.app.mark_attendance(id, &marks).await {
        Ok(_) => ctx.finish(Redirect::to(&format!("/console/sessions/{id}/attendance?saved=1")).into_response()),
        Err(AppError::Invalid(_)) => message(
            &ctx,
            StatusCode::UNPROCESSABLE_ENTITY,
            "console-attendance-refused-title",
            "console-attendance-refused",
        ),
        Err(e) => app_error(&ctx, e),
    }
}

// ----------------------------------------------------------------- trainees

struct TraineeLine {
    person_id: Id,
    name: String,
    native: String,
    nationality: String,
    gender: String,
    edition: Option<(Id, String, String)>,
    status: Option<Badge>,
}

#[derive(Template)]
#[template(path = "console/trainees.html")]
struct TraineesPage<'a> {
    ctx: &'a Ctx,
    f: FormState,
    years: Vec<Opt>,
    countries: Vec<Opt>,
    regions: Vec<Opt>,
    courses: Vec<Opt>,
    statuses: Vec<Opt>,
    lines: Vec<TraineeLine>,
    by_status: bool,
    total: String,
    showing: String,
    prev: Option<String>,
    next: Option<String>,
    csv_href: String,
    xlsx_href: String,
}

const TRAINEE_FILTERS: &[&str] = &["fiscal_year", "country", "region", "programme_id", "status"];

/// Read the list's filters; a value that cannot be read is named and left out.
fn trainee_query(q: &BTreeMap<String, String>, ctx: &Ctx) -> (TraineeQuery, FormState, u32) {
    let mut f = FormState::default();
    let mut tq = TraineeQuery::default();
    let mut errors = Vec::new();
    for name in TRAINEE_FILTERS {
        let raw = q.get(*name).map(|v| v.trim()).unwrap_or("");
        f.set(name, raw);
        if raw.is_empty() {
            continue;
        }
        let bad = |e: kizuna_domain::Invalid| e.at(name);
        let r: Result<(), FieldError> = match *name {
            "fiscal_year" => FiscalYear::parse(raw).map(|y| tq.fiscal_year = Some(y)).map_err(bad),
            "country" => CountryCode::parse(raw).map(|c| tq.country = Some(c)).map_err(bad),
            "region" => Region::from_str(raw).map(|r| tq.region = Some(r)).map_err(bad),
            "programme_id" => parse_id(raw)
                .map(|p| tq.programme_id = Some(p))
                .ok_or_else(|| FieldError::new("programme_id", "not_found", "no such course")),
            _ => ParticipationStatus::from_str(raw)
                .map(|s| tq.status = Some(s))
                .map_err(bad),
        };
        if let Err(e) = r {
            errors.push(e);
        }
    }
    for e in &errors {
        f.add(ctx, e);
    }
    let offset = q.get("offset").and_then(|o| o.trim().parse::<u32>().ok()).unwrap_or(0);
    (tq, f, offset)
}

/// The query string of the list's filters (values as typed, the bad ones too).
fn filter_query(f: &FormState) -> String {
    TRAINEE_FILTERS
        .iter()
        .filter(|n| !f.v(n).is_empty())
        .map(|n| format!("{n}={}", urlencode(f.v(n))))
        .collect::<Vec<_>>()
        .join("&")
}

fn with_query(path: &str, q: &str) -> String {
    if q.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{q}")
    }
}

async fn trainees(State(s): State<WebState>, ctx: Ctx, Query(q): Query<BTreeMap<String, String>>) -> Response {
    guard!(ctx.require_staff());
    let (tq, f, offset) = trainee_query(&q, &ctx);
    let page = Page {
        limit: PAGE_SIZE,
        offset,
    };
    let (rows, total) = ok_or_page!(&ctx, s.app.console_trainees(&tq, page).await);
    let programmes = ok_or_page!(&ctx, training_courses(&s).await);

    // Fiscal years from the first edition's to next year's.
    let first = ok_or_page!(
        &ctx,
        s.app
            .list::<Edition>(&BTreeMap::new(), Page { limit: 1, offset: 0 })
            .await
    )
    .0
    .first()
    .map(|e| e.fields.fiscal_year.year());
    let last = FiscalYear::containing(s.app.today()).next().year();
    let mut years = vec![opt("", ctx.t("console-filter-any"), f.v("fiscal_year"))];
    if let Some(first) = first {
        years.extend(
            (first.min(last)..=last)
                .rev()
                .map(|y| opt(y, ctx.fy(&y), f.v("fiscal_year"))),
        );
    }
    let mut countries: Vec<Opt> = all_countries()
        .iter()
        .map(|c| opt(c.code, c.name(ctx.lang.code()), f.v("country")))
        .collect();
    countries.sort_by(|a, b| a.label.cmp(&b.label));
    countries.insert(0, opt("", ctx.t("console-filter-any"), f.v("country")));
    let mut regions = vec![opt("", ctx.t("console-filter-any"), f.v("region"))];
    regions.extend(
        Region::ALL
            .iter()
            .map(|r| opt(r, label(&ctx, "region", r.as_str()), f.v("region"))),
    );
    let mut courses = vec![opt("", ctx.t("console-filter-any"), f.v("programme_id"))];
    courses.extend(
        programmes
            .iter()
            .map(|p| opt(p.id, course_title(&ctx, p), f.v("programme_id"))),
    );
    let mut statuses = vec![opt("", ctx.t("console-filter-counted"), f.v("status"))];
    statuses.extend(
        ParticipationStatus::ALL
            .iter()
            .map(|st| opt(st, label(&ctx, "status", st.as_str()), f.v("status"))),
    );

    let lines: Vec<TraineeLine> = rows
        .into_iter()
        .map(|r| TraineeLine {
            person_id: r.person.id,
            name: person_name(&r.person),
            native: r
                .person
                .fields
                .name_native
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            nationality: country_name(&ctx, r.person.fields.nationality),
            gender: label(&ctx, "gender", r.person.fields.gender.as_str()),
            edition: r
                .participation
                .as_ref()
                .map(|(e, _)| (e.id, e.key.clone(), ctx.fy(&e.fiscal_year))),
            status: r.participation.as_ref().map(|(_, st)| status_badge(&ctx, *st)),
        })
        .collect();
    let fq = filter_query(&f);
    let page_href = |o: u32| {
        let q = if o == 0 {
            fq.clone()
        } else if fq.is_empty() {
            format!("offset={o}")
        } else {
            format!("{fq}&offset={o}")
        };
        with_query("/console/trainees", &q)
    };
    let prev = (offset > 0).then(|| page_href(offset.saturating_sub(PAGE_SIZE)));
    let next = (i64::from(offset) + i64::from(PAGE_SIZE) < total).then(|| page_href(offset + PAGE_SIZE));
    let shown_to = (i64::from(offset) + lines.len() as i64).min(total);
    let showing = i18n::message(
        ctx.lang,
        "console-pager-showing",
        &[
            (
                "from",
                FluentValue::from(ctx.num(if lines.is_empty() { 0 } else { i64::from(offset) + 1 })),
            ),
            ("to", FluentValue::from(ctx.num(shown_to))),
            ("count", FluentValue::from(total)),
            ("formatted", FluentValue::from(ctx.num(total))),
        ],
    );
    let page = TraineesPage {
        ctx: &ctx,
        years,
        countries,
        regions,
        courses,
        statuses,
        by_status: tq.status.is_some(),
        total: ctx.tn("console-trainees-total", "count", total),
        showing,
        prev,
        next,
        csv_href: with_query("/console/trainees.csv", &fq),
        xlsx_href: with_query("/console/trainees.xlsx", &fq),
        lines,
        f,
    };
    render(&ctx, &page)
}

async fn trainees_file(s: WebState, ctx: Ctx, q: BTreeMap<String, String>, format: FileFormat) -> Response {
    guard!(ctx.require_staff());
    let (tq, f, _) = trainee_query(&q, &ctx);
    if f.has_errors() {
        return message(
            &ctx,
            StatusCode::BAD_REQUEST,
            "console-download-refused-title",
            "console-download-refused",
        );
    }
    let bytes = ok_or_page!(&ctx, s.app.console_trainee_file(&tq, format).await);
    ctx.finish(file_response(bytes, format, "trainees"))
}

async fn trainees_csv(State(s): State<WebState>, ctx: Ctx, Query(q): Query<BTreeMap<String, String>>) -> Response {
    trainees_file(s, ctx, q, FileFormat::Csv).await
}

async fn trainees_xlsx(State(s): State<WebState>, ctx: Ctx, Query(q): Query<BTreeMap<String, String>>) -> Response {
    trainees_file(s, ctx, q, FileFormat::Xlsx).await
}

// ------------------------------------------------------------------- people

struct RoleLine {
    fy: String,
    course: String,
    role: String,
    status: Badge,
    edition_id: Id,
    edition_key: String,
}

#[derive(Template)]
#[template(path = "console/person.html")]
struct PersonPage<'a> {
    ctx: &'a Ctx,
    name: String,
    native: String,
    kana: String,
    gender: String,
    nationality: String,
    organisation: String,
    position: String,
    personal: bool,
    birth_date: String,
    email: String,
    roles: Vec<RoleLine>,
    roles_count: String,
    links: bool,
}

async fn person_page(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    let user = match ctx.require_user() {
        Ok(u) => u.clone(),
        Err(r) => return r,
    };
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let person = ok_or_page!(&ctx, s.app.get::<Person>(id).await);
    // A partner sees only the people of their own organisation.
    if !user.role.can_write()
        && (user.organisation_id.is_none() || person.fields.organisation_id != user.organisation_id)
    {
        return message(&ctx, StatusCode::FORBIDDEN, "forbidden-title", "forbidden-body");
    }
    let roles = ok_or_page!(&ctx, s.app.roles_of(id).await);
    let organisation = match person.fields.organisation_id {
        Some(o) => match s.app.get::<Organisation>(o).await {
            Ok(o) => match (ctx.lang, &o.fields.name_ja) {
                (Lang::Ja, Some(ja)) => ja.to_string(),
                _ => o.fields.name_en.to_string(),
            },
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
                Err(_) => r.programme_title_en.clone(),
            });
        }
    }
    let opt_text = |t: &Option<Text>| t.as_ref().map(ToString::to_string).unwrap_or_default();
    let personal = ctx.is_staff();
    let x = &person.fields;
    let page = PersonPage {
        ctx: &ctx,
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
    };
    render(&ctx, &page)
}

// ------------------------------------------------------------------- import

struct Rejection {
    row: usize,
    column: String,
    value: String,
    reason: String,
}

struct PreviewLine {
    name: String,
    nationality: String,
    edition: String,
    status: Badge,
}

#[derive(Template)]
#[template(path = "console/import.html")]
struct ImportPage<'a> {
    ctx: &'a Ctx,
    notice: Option<String>,
    error: Option<String>,
    rejected: Vec<Rejection>,
    rejected_summary: String,
    preview: Vec<PreviewLine>,
    preview_summary: String,
    file_name: String,
    data: String,
}

impl<'a> ImportPage<'a> {
    fn new(ctx: &'a Ctx) -> Self {
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

async fn import_page(ctx: Ctx, Query(q): Query<NoticeQuery>) -> Response {
    guard!(ctx.require_staff());
    let mut page = ImportPage::new(&ctx);
    page.notice = q.imported.map(|n| ctx.tn("console-import-done", "count", n));
    render(&ctx, &page)
}

fn rejections(ctx: &Ctx, errors: &[RowError]) -> Vec<Rejection> {
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

async fn import_post(State(s): State<WebState>, ctx: Ctx, form: Multipart) -> Response {
    guard!(ctx.require_staff());
    let unreadable = || {
        message(
            &ctx,
            StatusCode::BAD_REQUEST,
            "console-import-unreadable-title",
            "console-import-unreadable",
        )
    };
    let Some(mut form) = read_import_form(form).await else {
        return unreadable();
    };
    guard!(ctx.check_csrf(&form.csrf));
    let (name, confirm) = (std::mem::take(&mut form.name), form.confirm);
    let Some(bytes) = form.file() else {
        return unreadable();
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
        match s.app.import_trainees(&bytes, format, false).await {
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
        Err(AppError::BadFile(_)) => {
            page.error = Some(ctx.t("console-import-bad-file"));
            StatusCode::UNPROCESSABLE_ENTITY
        }
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

async fn template_csv(ctx: Ctx) -> Response {
    guard!(ctx.require_staff());
    let bytes = ok_or_page!(&ctx, trainee_template(FileFormat::Csv));
    ctx.finish(file_response(bytes, FileFormat::Csv, "trainees-template"))
}

async fn template_xlsx(ctx: Ctx) -> Response {
    guard!(ctx.require_staff());
    let bytes = ok_or_page!(&ctx, trainee_template(FileFormat::Xlsx));
    ctx.finish(file_response(bytes, FileFormat::Xlsx, "trainees-template"))
}
