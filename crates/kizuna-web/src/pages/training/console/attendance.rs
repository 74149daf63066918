use kizuna_domain::training::session::AttendanceStatus;

use super::*;

pub(crate) struct AttendanceLine {
    pub(crate) person_id: Id,
    pub(crate) name: String,
    pub(crate) role: String,
    /// The status marked (empty: not marked yet), or as typed.
    pub(crate) status: String,
    pub(crate) note: String,
    pub(crate) error: Option<String>,
}

#[derive(Template)]
#[template(path = "console/attendance.html")]
pub(crate) struct AttendancePage<'a> {
    pub(crate) ctx: &'a Ctx,
    pub(crate) notice: Option<String>,
    pub(crate) title: String,
    pub(crate) kind: String,
    pub(crate) when: String,
    pub(crate) edition_id: Id,
    pub(crate) edition_key: String,
    pub(crate) action: String,
    pub(crate) choices: Vec<(&'static str, String)>,
    pub(crate) lines: Vec<AttendanceLine>,
    pub(crate) summary: String,
    pub(crate) has_errors: bool,
}

/// The page, with each person's mark as stored, or as typed when `typed`
/// (a refused save) holds it.
async fn attendance_view(
    s: &WebState,
    ctx: &Ctx,
    id: Id,
    notice: Option<String>,
    typed: Option<&FormState>,
) -> Response {
    let session = ok_or_page!(ctx, s.app.get::<Session>(id).await);
    let edition = ok_or_page!(ctx, s.app.get::<Edition>(session.fields.edition_id).await);
    let roster = ok_or_page!(ctx, s.app.edition_roster(edition.id).await);
    let marks: HashMap<Id, Attendance> = ok_or_page!(ctx, s.app.attendance(id).await)
        .into_iter()
        .map(|a| (a.person_id, a))
        .collect();
    let mut lines: Vec<AttendanceLine> = Vec::new();
    for (p, person) in &roster {
        if lines.iter().any(|l| l.person_id == person.id) {
            continue;
        }
        let mark = marks.get(&person.id);
        let (status, note, error) = match typed {
            Some(f) => (
                f.v(&format!("status-{}", person.id)).to_owned(),
                f.v(&format!("note-{}", person.id)).to_owned(),
                f.err(&format!("note-{}", person.id))
                    .or_else(|| f.err(&format!("status-{}", person.id))),
            ),
            None => (
                mark.map(|m| m.status.as_str().to_owned()).unwrap_or_default(),
                mark.and_then(|m| m.note.as_ref())
                    .map(ToString::to_string)
                    .unwrap_or_default(),
                None,
            ),
        };
        lines.push(AttendanceLine {
            person_id: person.id,
            name: person_name(person),
            role: label(ctx, "role", p.fields.role.as_str()),
            status,
            note,
            error,
        });
    }
    let count = |st: AttendanceStatus| marks.values().filter(|m| m.status == st).count() as i64;
    let unmarked = lines.iter().filter(|l| !marks.contains_key(&l.person_id)).count() as i64;
    let tz = jst();
    let starts = session.fields.starts_at.with_timezone(&tz);
    let ends = session.fields.ends_at.with_timezone(&tz);
    let has_errors = typed.is_some_and(FormState::has_errors);
    let page = AttendancePage {
        ctx,
        notice,
        title: ctx.local(&session.fields.title),
        kind: label(ctx, "kind", session.fields.kind.as_str()),
        when: format!(
            "{} {}–{}",
            ctx.date(&starts.date_naive()),
            starts.format("%H:%M"),
            ends.format("%H:%M")
        ),
        edition_id: edition.id,
        edition_key: edition.fields.key.to_string(),
        action: format!("/console/sessions/{id}/attendance"),
        choices: AttendanceStatus::ALL
            .iter()
            .map(|st| (st.as_str(), ctx.t(&format!("work-attendance-{}", st.as_str()))))
            .collect(),
        summary: i18n::message(
            ctx.lang,
            "work-attendance-summary",
            &[
                ("count", FluentValue::from(lines.len() as i64)),
                ("present", FluentValue::from(count(AttendanceStatus::Present))),
                ("late", FluentValue::from(count(AttendanceStatus::Late))),
                ("absent", FluentValue::from(count(AttendanceStatus::Absent))),
                ("excused", FluentValue::from(count(AttendanceStatus::Excused))),
                ("unmarked", FluentValue::from(unmarked)),
            ],
        ),
        lines,
        has_errors,
    };
    let mut r = render(ctx, &page);
    if has_errors {
        *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    r
}

pub(crate) async fn attendance_page(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<NoticeQuery>,
) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let notice = q.saved.map(|_| ctx.t("console-attendance-saved"));
    attendance_view(&s, &ctx, id, notice, None).await
}

/// Save the marks: each listed person's status (`status-{id}`: present,
/// absent, late or excused) and note (`note-{id}`). A person left without
/// a status stays unmarked, unless the form was sent with `rest=present`
/// ("everyone not marked was present").
pub(crate) async fn attendance_save(
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
    let rest_present = f.v("rest") == "present";
    let mut listed: Vec<Id> = Vec::new();
    for (k, v) in &pairs {
        if k == "person"
            && let Some(p) = parse_id(v.trim())
            && !listed.contains(&p)
        {
            listed.push(p);
        }
    }
    let mut marks: Vec<Attendance> = Vec::new();
    let mut errors: Vec<FieldError> = Vec::new();
    for p in &listed {
        let status_field = format!("status-{p}");
        let note_field = format!("note-{p}");
        let raw = f.v(&status_field).trim().to_owned();
        let status = if raw.is_empty() {
            rest_present.then_some(AttendanceStatus::Present)
        } else {
            match raw.parse::<AttendanceStatus>() {
                Ok(st) => Some(st),
                Err(e) => {
                    errors.push(e.at(&status_field));
                    None
                }
            }
        };
        let note = match Text::parse_optional(Some(f.v(&note_field))) {
            Ok(n) => n,
            Err(e) => {
                errors.push(e.at(&note_field));
                None
            }
        };
        match status {
            Some(status) => marks.push(Attendance {
                person_id: *p,
                status,
                note,
            }),
            // A note needs a mark to go with.
            None if note.is_some() && raw.is_empty() => {
                errors.push(FieldError::new(
                    &status_field,
                    "mark_needed",
                    "choose how they attended",
                ));
            }
            None => {}
        }
    }
    if !errors.is_empty() {
        for e in &errors {
            f.add(&ctx, e);
        }
        return attendance_view(&s, &ctx, id, None, Some(&f)).await;
    }
    match crate::acting::for_ctx(&s, &ctx).mark_attendance(id, &marks).await {
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
