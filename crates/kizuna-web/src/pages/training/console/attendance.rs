use super::*;

pub(crate) struct AttendanceLine {
    pub(crate) person_id: Id,
    pub(crate) name: String,
    pub(crate) role: String,
    pub(crate) present: bool,
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
    pub(crate) lines: Vec<AttendanceLine>,
    pub(crate) summary: String,
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
        title: ctx.local(&session.fields.title),
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
