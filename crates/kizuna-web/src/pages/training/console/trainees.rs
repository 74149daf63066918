use kizuna_app::people::NameQuery;

use super::people::{CourseRef, birth_year, course_refs};
use super::*;

pub(crate) struct TraineeLine {
    pub(crate) person_id: Id,
    pub(crate) name: String,
    pub(crate) native: String,
    pub(crate) kana: String,
    pub(crate) nationality: String,
    pub(crate) gender: String,
    /// Staff only (personal data): what tells namesakes apart, with the
    /// organisation and the courses taken.
    pub(crate) birth_year: String,
    pub(crate) organisation: String,
    pub(crate) courses: Vec<CourseRef>,
    pub(crate) more: String,
    pub(crate) edition: Option<(Id, String, String)>,
    pub(crate) status: Option<Badge>,
}

#[derive(Template)]
#[template(path = "console/trainees.html")]
pub(crate) struct TraineesPage<'a> {
    pub(crate) ctx: &'a Ctx,
    pub(crate) f: FormState,
    pub(crate) years: Vec<Opt>,
    pub(crate) countries: Vec<Opt>,
    pub(crate) regions: Vec<Opt>,
    pub(crate) courses: Vec<Opt>,
    pub(crate) statuses: Vec<Opt>,
    pub(crate) lines: Vec<TraineeLine>,
    pub(crate) by_status: bool,
    pub(crate) total: String,
    pub(crate) showing: String,
    pub(crate) prev: Option<String>,
    pub(crate) next: Option<String>,
    pub(crate) csv_href: String,
    pub(crate) xlsx_href: String,
    /// A name search narrows the list (the downloads hold the filters only).
    pub(crate) searched: bool,
}

pub(crate) const TRAINEE_FILTERS: &[&str] = &["fiscal_year", "country", "region", "programme_id", "status"];

/// Read the list's filters; a value that cannot be read is named and left out.
pub(crate) fn trainee_query(q: &BTreeMap<String, String>, ctx: &Ctx) -> (TraineeQuery, FormState, u32) {
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
pub(crate) fn filter_query(f: &FormState) -> String {
    TRAINEE_FILTERS
        .iter()
        .filter(|n| !f.v(n).is_empty())
        .map(|n| format!("{n}={}", urlencode(f.v(n))))
        .collect::<Vec<_>>()
        .join("&")
}

pub(crate) fn with_query(path: &str, q: &str) -> String {
    if q.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{q}")
    }
}

pub(crate) async fn trainees(
    State(s): State<WebState>,
    ctx: Ctx,
    Query(q): Query<BTreeMap<String, String>>,
) -> Response {
    guard!(ctx.require_staff());
    let (tq, mut f, offset) = trainee_query(&q, &ctx);
    let page = Page {
        limit: PAGE_SIZE,
        offset,
    };
    let typed = q.get("q").map(|v| v.trim()).unwrap_or("");
    f.set("q", typed);
    let name = NameQuery::parse(typed);
    let (rows, total) = match &name {
        // Found by name, as the signed-in account (the views are logged as theirs).
        Some(name) => ok_or_page!(
            &ctx,
            crate::acting::for_ctx(&s, &ctx).trainees_named(&tq, name, page).await
        ),
        None => ok_or_page!(&ctx, s.app.console_trainees(&tq, page).await),
    };
    let ids: Vec<Id> = rows.iter().map(|r| r.person.id).collect();
    let mut roles = ok_or_page!(&ctx, s.app.roles_by_person(&ids).await);
    let org_ids: Vec<Id> = rows.iter().filter_map(|r| r.person.fields.organisation_id).collect();
    let orgs: HashMap<Id, String> = match s.app.store.get_many::<Organisation>(&org_ids).await {
        Ok(o) => o.into_iter().map(|o| (o.id, ctx.local(&o.fields.name))).collect(),
        Err(e) => return app_error(&ctx, e.into()),
    };
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
    countries.sort_by(|a, b| kizuna_i18n::compare(ctx.lang, &a.label, &b.label));
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
        .map(|r| {
            let (courses, more) = course_refs(&ctx, &roles.remove(&r.person.id).unwrap_or_default());
            let text = |t: &Option<Text>| t.as_ref().map(ToString::to_string).unwrap_or_default();
            TraineeLine {
                person_id: r.person.id,
                name: person_name(&r.person),
                native: text(&r.person.fields.name_native),
                kana: text(&r.person.fields.name_kana),
                nationality: country_name(&ctx, r.person.fields.nationality),
                gender: label(&ctx, "gender", r.person.fields.gender.as_str()),
                birth_year: birth_year(&ctx, &r.person),
                organisation: r
                    .person
                    .fields
                    .organisation_id
                    .and_then(|o| orgs.get(&o).cloned())
                    .unwrap_or_default(),
                courses,
                more,
                edition: r
                    .participation
                    .as_ref()
                    .map(|(e, _)| (e.id, e.key.clone(), ctx.fy(&e.fiscal_year))),
                status: r.participation.as_ref().map(|(_, st)| status_badge(&ctx, *st)),
            }
        })
        .collect();
    let filters = filter_query(&f);
    // The pages keep the name search; the downloads hold the filters' rows.
    let fq = match (typed.is_empty(), filters.is_empty()) {
        (true, _) => filters.clone(),
        (false, true) => format!("q={}", urlencode(typed)),
        (false, false) => format!("{filters}&q={}", urlencode(typed)),
    };
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
        csv_href: with_query("/console/trainees.csv", &filters),
        xlsx_href: with_query("/console/trainees.xlsx", &filters),
        searched: name.is_some(),
        lines,
        f,
    };
    render(&ctx, &page)
}

/// The trainee list as a file: personal data in bulk, for administrators only.
pub(crate) async fn trainees_file(s: WebState, ctx: Ctx, q: BTreeMap<String, String>, format: FileFormat) -> Response {
    guard!(ctx.require_admin());
    let (tq, f, _) = trainee_query(&q, &ctx);
    if f.has_errors() {
        return message(
            &ctx,
            StatusCode::BAD_REQUEST,
            "console-download-refused-title",
            "console-download-refused",
        );
    }
    let bytes = ok_or_page!(
        &ctx,
        crate::acting::for_ctx(&s, &ctx).console_trainee_file(&tq, format).await
    );
    ctx.finish(file_response(bytes, format, "trainees"))
}

pub(crate) async fn trainees_csv(
    State(s): State<WebState>,
    ctx: Ctx,
    Query(q): Query<BTreeMap<String, String>>,
) -> Response {
    trainees_file(s, ctx, q, FileFormat::Csv).await
}

pub(crate) async fn trainees_xlsx(
    State(s): State<WebState>,
    ctx: Ctx,
    Query(q): Query<BTreeMap<String, String>>,
) -> Response {
    trainees_file(s, ctx, q, FileFormat::Xlsx).await
}
