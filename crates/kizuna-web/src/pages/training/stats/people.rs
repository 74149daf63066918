//! The people behind a figure (`/console/statistics/people`): a page of
//! the trainees a figure counts, and for administrators the whole list as
//! CSV or XLSX (personal data in bulk, each download logged).

use kizuna_domain::common::person::Person;

use super::downloads::{FileKind, file_answer};
use super::*;

struct PersonRow {
    href: String,
    name: String,
    native: String,
    nationality: String,
    gender: String,
}

#[derive(Template)]
#[template(path = "stats_people.html")]
struct PeoplePage<'a> {
    ctx: &'a Ctx,
    errors: Vec<String>,
    /// (label, value) of each filter in force.
    criteria: Vec<(String, String)>,
    total: i64,
    total_text: String,
    showing: String,
    caption: String,
    people: Vec<PersonRow>,
    prev: Option<String>,
    next: Option<String>,
    back: String,
    /// The list as CSV and XLSX (administrators: personal data in bulk).
    downloads: Option<(String, String)>,
}

pub(super) async fn people_page(State(s): State<WebState>, ctx: Ctx, RawQuery(raw): RawQuery) -> Response {
    if let Some(r) = refuse(&ctx) {
        return r;
    }
    let q = query_map(raw);
    let mut parsed = parse_filter(&ctx, &q, s.app.today(), true);
    let offset = match q.get("offset").map(|v| v.parse::<u32>()) {
        None => 0,
        Some(Ok(n)) => n,
        Some(Err(_)) => {
            parsed.errors.push(("offset", ctx.t("stats-invalid-value")));
            0
        }
    };
    let f = parsed.filter.clone();
    let query = filter_query(&f);
    let mut page = PeoplePage {
        ctx: &ctx,
        errors: parsed.errors.iter().map(|(_, m)| m.clone()).collect(),
        criteria: Vec::new(),
        total: 0,
        total_text: String::new(),
        showing: String::new(),
        caption: msg(
            &ctx,
            "stats-people-caption",
            &[("date", FluentValue::from(ctx.date(&parsed.as_of)))],
        ),
        people: Vec::new(),
        prev: None,
        next: None,
        back: format!("/console/statistics?{query}"),
        downloads: ctx.is_admin().then(|| {
            (
                format!("/console/statistics/people.csv?{query}"),
                format!("/console/statistics/people.xlsx?{query}"),
            )
        }),
    };
    if !parsed.errors.is_empty() {
        page.errors = error_lines(&ctx, &parsed);
        let mut r = render(&ctx, &page);
        *r.status_mut() = StatusCode::BAD_REQUEST;
        return r;
    }

    let mut criteria = vec![(ctx.t("stats-as-of-label"), ctx.date(&parsed.as_of))];
    if let Some(y) = f.fiscal_year {
        criteria.push((ctx.t("stats-filter-fiscal-year"), ctx.fy(&y.year())));
    }
    if let Some(r) = f.region {
        criteria.push((ctx.t("stats-filter-region"), region_name(&ctx, r)));
    }
    if let Some(c) = f.country {
        criteria.push((ctx.t("stats-filter-country"), country_name(&ctx, c)));
    }
    if let Some(id) = f.programme_id {
        let title = course_titles(&s, &ctx)
            .await
            .into_iter()
            .find(|(i, _)| *i == id)
            .map(|(_, t)| t)
            .unwrap_or_else(|| id.to_string());
        criteria.push((ctx.t("stats-filter-course"), title));
    }
    if let Some(g) = f.gender {
        criteria.push((ctx.t("stats-filter-gender"), gender_name(&ctx, g)));
    }
    page.criteria = criteria;

    // Read as the signed-in account: the people shown are logged.
    let (people, total): (Vec<Person>, i64) = match crate::acting::for_ctx(&s, &ctx)
        .trainee_drilldown(
            &f,
            Page {
                limit: PAGE_SIZE,
                offset,
            },
        )
        .await
    {
        Ok(r) => r,
        Err(_) => return db_error(&ctx),
    };
    let total_u = u64::try_from(total).unwrap_or(0);
    let [c, fm] = count_args(total_u);
    page.total = total;
    page.total_text = msg(&ctx, "stats-people-count", &[c, fm]);
    if !people.is_empty() {
        let from = u64::from(offset) + 1;
        let to = u64::from(offset) + people.len() as u64;
        page.showing = msg(
            &ctx,
            "stats-people-showing",
            &[
                ("from", FluentValue::from(ctx.num(from))),
                ("to", FluentValue::from(ctx.num(to))),
                ("total", FluentValue::from(ctx.num(total_u))),
            ],
        );
    }
    page.people = people
        .iter()
        .map(|p| PersonRow {
            href: format!("/console/people/{}", p.id),
            name: p.sort_name(),
            native: p
                .fields
                .name_native
                .as_ref()
                .map(std::string::ToString::to_string)
                .unwrap_or_default(),
            nationality: country_name(&ctx, p.fields.nationality),
            gender: gender_name(&ctx, p.fields.gender),
        })
        .collect();
    let at = |o: u32| format!("/console/statistics/people?{query}&offset={o}");
    if offset > 0 {
        page.prev = Some(at(offset.saturating_sub(PAGE_SIZE)));
    }
    if i64::from(offset) + i64::from(PAGE_SIZE) < total {
        page.next = Some(at(offset + PAGE_SIZE));
    }
    render(&ctx, &page)
}

pub(super) async fn people_csv(State(s): State<WebState>, ctx: Ctx, RawQuery(raw): RawQuery) -> Response {
    people_download(&s, &ctx, raw, FileKind::Csv).await
}

pub(super) async fn people_xlsx(State(s): State<WebState>, ctx: Ctx, RawQuery(raw): RawQuery) -> Response {
    people_download(&s, &ctx, raw, FileKind::Xlsx).await
}

/// The people behind a figure, every one of them, as a file: personal
/// data in bulk, so for administrators only (as the trainee export), and
/// logged as an export with the filter it was made with.
async fn people_download(s: &WebState, ctx: &Ctx, raw: Option<String>, kind: FileKind) -> Response {
    use kizuna_io::report::{Cell as FileCell, Report, Table};
    if let Err(r) = ctx.require_admin() {
        return r;
    }
    let q = query_map(raw);
    let parsed = parse_filter(ctx, &q, s.app.today(), true);
    if !parsed.errors.is_empty() {
        return message(
            ctx,
            StatusCode::BAD_REQUEST,
            "stats-download-refused-title",
            "stats-download-refused",
        );
    }
    let f = &parsed.filter;
    let app = crate::acting::for_ctx(s, ctx);
    let all = Page {
        limit: u32::MAX,
        offset: 0,
    };
    let Ok((people, total)) = app.trainee_drilldown(f, all).await else {
        return db_error(ctx);
    };
    let query = filter_query(f);
    if app
        .note_export("person", None, &format!("statistics people list ({total}): {query}"))
        .await
        .is_err()
    {
        return db_error(ctx);
    }
    let about = vec![
        (ctx.t("stats-as-of-label"), FileCell::text(parsed.as_of.to_string())),
        (
            ctx.t("stats-download-source"),
            FileCell::text(msg(
                ctx,
                "stats-download-source-value",
                &[("page", FluentValue::from(format!("/console/statistics/people?{query}")))],
            )),
        ),
        (
            ctx.t("stats-col-trainees"),
            FileCell::Number(u64::try_from(total).unwrap_or(0)),
        ),
    ];
    let rows = people
        .iter()
        .map(|p| {
            vec![
                FileCell::Number(u64::try_from(p.id).unwrap_or(0)),
                FileCell::text(p.sort_name()),
                FileCell::text(
                    p.fields
                        .name_native
                        .as_ref()
                        .map(ToString::to_string)
                        .unwrap_or_default(),
                ),
                FileCell::text(country_name(ctx, p.fields.nationality)),
                FileCell::text(p.fields.nationality.to_string()),
                FileCell::text(gender_name(ctx, p.fields.gender)),
            ]
        })
        .collect();
    let file = Report {
        title: ctx.t("stats-people-title"),
        about,
        about_sheet: None,
        tables: vec![Table {
            sheet: ctx.t("stats-people-title"),
            title: msg(
                ctx,
                "stats-people-caption",
                &[("date", FluentValue::from(ctx.date(&parsed.as_of)))],
            ),
            header: vec![
                "id".to_owned(),
                ctx.t("stats-col-name"),
                ctx.t("stats-col-native-name"),
                ctx.t("stats-col-nationality"),
                ctx.t("stats-download-col-code"),
                ctx.t("stats-col-gender"),
            ],
            rows,
        }],
    };
    file_answer(ctx, &file, kind, &format!("kizuna-statistics-people-{}", parsed.as_of))
}
