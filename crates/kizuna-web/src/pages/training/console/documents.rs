//! What staff print and download for an edition: the printable timetable,
//! its iCalendar file, each session's participant list and attendance sheet.
//!
//! The printable pages are ordinary pages (the console's navigation on the
//! screen) with a print stylesheet: A4, no navigation, a day's sessions
//! kept on one page where they fit, table headers repeated on each page.
//! Times are Japan time. The lists show what staff need to run a session
//! and no more: names in Latin and in the person's own script, nationality
//! and organisation; reading them is logged.

use chrono::{DateTime, Utc};
use kizuna_app::training::documents::{SessionPeople, Timetable};
use kizuna_domain::common::organisation::Organisation;
use kizuna_io::ical;

use super::*;

pub(crate) fn documents_routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
        .route("/console/editions/{id}/timetable", get(timetable_page))
        .route("/console/editions/{id}/timetable.ics", get(timetable_ics))
        .route("/console/sessions/{id}/participants", get(participants_page))
        .route("/console/sessions/{id}/sheet", get(sheet_page))
}

/// "09:30–12:00" in Japan time, or with the end's date when it ends on
/// another day.
fn time_span(ctx: &Ctx, starts: DateTime<Utc>, ends: DateTime<Utc>) -> String {
    let tz = jst();
    let (s, e) = (starts.with_timezone(&tz), ends.with_timezone(&tz));
    if s.date_naive() == e.date_naive() {
        format!("{}–{}", s.format("%H:%M"), e.format("%H:%M"))
    } else {
        format!(
            "{}–{} {}",
            s.format("%H:%M"),
            ctx.date(&e.date_naive()),
            e.format("%H:%M")
        )
    }
}

fn org_name(ctx: &Ctx, o: Option<&Organisation>) -> String {
    o.map(|o| ctx.local(&o.fields.name)).unwrap_or_default()
}

/// The edition's title in the reader's language: its own, else its course's.
fn edition_title(ctx: &Ctx, e: &Edition, course: &Programme) -> String {
    e.fields
        .title
        .as_ref()
        .map(|t| ctx.local(t))
        .unwrap_or_else(|| course_title(ctx, course))
}

// ------------------------------------------------------------------ timetable

pub(crate) struct PrintSession {
    pub(crate) id: Id,
    pub(crate) time: String,
    pub(crate) starts_iso: String,
    pub(crate) kind: String,
    pub(crate) title: String,
    pub(crate) place: String,
    pub(crate) host: String,
    pub(crate) instructors: String,
}

pub(crate) struct PrintDay {
    pub(crate) date: String,
    pub(crate) iso: String,
    pub(crate) sessions: Vec<PrintSession>,
}

#[derive(Template)]
#[template(path = "console/timetable.html")]
pub(crate) struct TimetablePage<'a> {
    pub(crate) ctx: &'a Ctx,
    pub(crate) id: Id,
    pub(crate) title: String,
    pub(crate) course: String,
    pub(crate) key: String,
    pub(crate) fy: String,
    pub(crate) dates: String,
    pub(crate) count: String,
    pub(crate) days: Vec<PrintDay>,
    pub(crate) printed: String,
}

async fn load_timetable(s: &WebState, ctx: &Ctx, raw: &str) -> Result<Timetable, Response> {
    let Some(id) = parse_id(raw) else {
        return Err(not_found(ctx));
    };
    crate::acting::for_ctx(s, ctx)
        .edition_timetable(id)
        .await
        .map_err(|e| app_error(ctx, e))
}

pub(crate) async fn timetable_page(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    guard!(ctx.require_staff());
    let t = match load_timetable(&s, &ctx, &id).await {
        Ok(t) => t,
        Err(r) => return r,
    };
    let tz = jst();
    let mut days: Vec<PrintDay> = Vec::new();
    for entry in &t.entries {
        let se = &entry.session;
        let date = se.fields.starts_at.with_timezone(&tz).date_naive();
        let line = PrintSession {
            id: se.id,
            time: time_span(&ctx, se.fields.starts_at, se.fields.ends_at),
            starts_iso: se.fields.starts_at.with_timezone(&tz).to_rfc3339(),
            kind: label(&ctx, "kind", se.fields.kind.as_str()),
            title: ctx.local(&se.fields.title),
            place: se.fields.place.as_ref().map(ToString::to_string).unwrap_or_default(),
            host: org_name(&ctx, entry.host.as_ref()),
            instructors: entry.instructors.iter().map(person_name).collect::<Vec<_>>().join(", "),
        };
        match days.last_mut() {
            Some(d) if d.iso == date.to_string() => d.sessions.push(line),
            _ => days.push(PrintDay {
                date: ctx.date(&date),
                iso: date.to_string(),
                sessions: vec![line],
            }),
        }
    }
    let now = s.app.now().with_timezone(&tz);
    let e = &t.edition;
    let page = TimetablePage {
        ctx: &ctx,
        id: e.id,
        title: edition_title(&ctx, e, &t.course),
        course: course_title(&ctx, &t.course),
        key: e.fields.key.to_string(),
        fy: ctx.fy(&e.fields.fiscal_year.year()),
        dates: format!("{} – {}", ctx.date(&e.fields.starts_on), ctx.date(&e.fields.ends_on)),
        count: ctx.tn("console-sessions-count", "count", t.entries.len() as i64),
        days,
        printed: ctx.t1(
            "documents-printed",
            "date",
            format!("{} {}", ctx.date(&now.date_naive()), now.format("%H:%M")),
        ),
    };
    render(&ctx, &page)
}

/// The edition's sessions as an iCalendar file, in the reader's language
/// (`?lang=`), times in UTC; each session keeps its UID across downloads.
pub(crate) async fn timetable_ics(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    guard!(ctx.require_staff());
    let t = match load_timetable(&s, &ctx, &id).await {
        Ok(t) => t,
        Err(r) => return r,
    };
    let e = &t.edition;
    let title = edition_title(&ctx, e, &t.course);
    let stamp = s.app.now();
    let events = t
        .entries
        .iter()
        .map(|entry| {
            let se = &entry.session;
            let host = org_name(&ctx, entry.host.as_ref());
            let mut description = vec![
                format!(
                    "{}: {}",
                    ctx.t("console-col-kind"),
                    label(&ctx, "kind", se.fields.kind.as_str())
                ),
                format!("{}: {} ({})", ctx.t("documents-col-edition"), title, e.fields.key),
            ];
            if !host.is_empty() {
                description.push(format!("{}: {host}", ctx.t("documents-col-host")));
            }
            if !entry.instructors.is_empty() {
                description.push(format!(
                    "{}: {}",
                    ctx.t("documents-col-instructors"),
                    entry.instructors.iter().map(person_name).collect::<Vec<_>>().join(", ")
                ));
            }
            let place = se.fields.place.as_ref().map(ToString::to_string);
            ical::Event {
                uid: format!("session-{}@kizuna", se.id),
                stamp,
                starts: se.fields.starts_at,
                ends: se.fields.ends_at,
                summary: ctx.local(&se.fields.title),
                location: match (place, host.is_empty()) {
                    (Some(p), false) => Some(format!("{p} ({host})")),
                    (Some(p), true) => Some(p),
                    (None, false) => Some(host.clone()),
                    (None, true) => None,
                },
                description: Some(description.join("\n")),
                category: Some(label(&ctx, "kind", se.fields.kind.as_str())),
                sequence: Some(se.version.saturating_sub(1)),
            }
        })
        .collect();
    let cal = ical::Calendar {
        prodid: "-//Kizuna//Timetable//EN".into(),
        name: format!("{title} · {}", ctx.fy(&e.fields.fiscal_year.year())),
        timezone: Some("Asia/Tokyo".into()),
        events,
    };
    let name: String = e
        .fields
        .key
        .to_string()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '-' })
        .collect();
    ctx.finish(
        (
            [
                (header::CONTENT_TYPE, "text/calendar; charset=utf-8".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"timetable-{name}.ics\""),
                ),
            ],
            ical::write(&cal),
        )
            .into_response(),
    )
}

// ------------------------------------------------------------------ a session's lists

pub(crate) struct PrintPerson {
    pub(crate) number: usize,
    pub(crate) name: String,
    pub(crate) native: String,
    pub(crate) nationality: String,
    pub(crate) organisation: String,
    pub(crate) status: String,
}

#[derive(Template)]
#[template(path = "console/session_print.html")]
pub(crate) struct SessionPrintPage<'a> {
    pub(crate) ctx: &'a Ctx,
    /// `participants` or `sheet`.
    pub(crate) which: &'static str,
    pub(crate) heading: String,
    pub(crate) session_id: Id,
    pub(crate) edition_id: Id,
    pub(crate) edition: String,
    pub(crate) title: String,
    pub(crate) kind: String,
    pub(crate) when: String,
    pub(crate) place: String,
    pub(crate) host: String,
    pub(crate) trainees: Vec<PrintPerson>,
    pub(crate) instructors: Vec<PrintPerson>,
    pub(crate) count: String,
    pub(crate) printed: String,
}

async fn session_print(s: WebState, ctx: Ctx, raw: String, which: &'static str) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&raw) else {
        return not_found(&ctx);
    };
    let p: SessionPeople = ok_or_page!(&ctx, crate::acting::for_ctx(&s, &ctx).session_people(id).await);
    let tz = jst();
    let se = &p.session;
    let starts = se.fields.starts_at.with_timezone(&tz);
    let line = |i: usize, person: &Person, org: Option<&Organisation>, status: String| PrintPerson {
        number: i + 1,
        name: person_name(person),
        native: person
            .fields
            .name_native
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        nationality: country_name(&ctx, person.fields.nationality),
        organisation: org_name(&ctx, org),
        status,
    };
    let trainees: Vec<PrintPerson> = p
        .trainees
        .iter()
        .enumerate()
        .map(|(i, a)| {
            line(
                i,
                &a.person,
                a.organisation.as_ref(),
                label(&ctx, "status", a.participation.fields.status.as_str()),
            )
        })
        .collect();
    let instructors = p
        .instructors
        .iter()
        .enumerate()
        .map(|(i, (person, org))| line(i, person, org.as_ref(), String::new()))
        .collect();
    let now = s.app.now().with_timezone(&tz);
    let page = SessionPrintPage {
        ctx: &ctx,
        which,
        heading: ctx.t(if which == "sheet" {
            "documents-sheet-title"
        } else {
            "documents-participants-title"
        }),
        session_id: se.id,
        edition_id: p.edition.id,
        edition: format!(
            "{} · {} · {}",
            edition_title(&ctx, &p.edition, &p.course),
            p.edition.fields.key,
            ctx.fy(&p.edition.fields.fiscal_year.year())
        ),
        title: ctx.local(&se.fields.title),
        kind: label(&ctx, "kind", se.fields.kind.as_str()),
        when: format!(
            "{} {}",
            ctx.date(&starts.date_naive()),
            time_span(&ctx, se.fields.starts_at, se.fields.ends_at)
        ),
        place: se.fields.place.as_ref().map(ToString::to_string).unwrap_or_default(),
        host: org_name(&ctx, p.host.as_ref()),
        count: ctx.tn("documents-trainees-count", "count", trainees.len() as i64),
        trainees,
        instructors,
        printed: ctx.t1(
            "documents-printed",
            "date",
            format!("{} {}", ctx.date(&now.date_naive()), now.format("%H:%M")),
        ),
    };
    render(&ctx, &page)
}

pub(crate) async fn participants_page(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    session_print(s, ctx, id, "participants").await
}

pub(crate) async fn sheet_page(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    session_print(s, ctx, id, "sheet").await
}
