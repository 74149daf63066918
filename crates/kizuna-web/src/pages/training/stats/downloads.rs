//! The figures of a statistics page as a file: every table as CSV and
//! XLSX, the same figures as the page, withheld alike for readers who are
//! not staff, with the date, the filters and the source written in it.

use super::*;

/// A report as the file asked for, named `name`.
pub(super) fn file_answer(ctx: &Ctx, file: &kizuna_io::report::Report, kind: FileKind, name: &str) -> Response {
    let (bytes, content_type, ext) = match kind {
        FileKind::Csv => (kizuna_io::report::csv(file), "text/csv; charset=utf-8", "csv"),
        FileKind::Xlsx => match kizuna_io::report::xlsx(file) {
            Ok(b) => (
                b,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "xlsx",
            ),
            Err(e) => {
                tracing::error!(error = %e, "statistics workbook failed");
                return message(ctx, StatusCode::SERVICE_UNAVAILABLE, "error-title", "error-database");
            }
        },
    };
    ctx.finish(
        (
            [
                (axum::http::header::CONTENT_TYPE, content_type.to_owned()),
                (
                    axum::http::header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{name}.{ext}\""),
                ),
            ],
            bytes,
        )
            .into_response(),
    )
}

/// The tables a download may be limited to (`table=`); the last two are
/// the staff's only.
const TABLES: [&str; 5] = ["years", "regions", "countries", "courses", "genders"];

pub(super) async fn public_csv(State(s): State<WebState>, ctx: Ctx, RawQuery(raw): RawQuery) -> Response {
    download(&s, &ctx, raw, false, FileKind::Csv).await
}

pub(super) async fn public_xlsx(State(s): State<WebState>, ctx: Ctx, RawQuery(raw): RawQuery) -> Response {
    download(&s, &ctx, raw, false, FileKind::Xlsx).await
}

pub(super) async fn staff_csv(State(s): State<WebState>, ctx: Ctx, RawQuery(raw): RawQuery) -> Response {
    if let Some(r) = refuse(&ctx) {
        return r;
    }
    download(&s, &ctx, raw, true, FileKind::Csv).await
}

pub(super) async fn staff_xlsx(State(s): State<WebState>, ctx: Ctx, RawQuery(raw): RawQuery) -> Response {
    if let Some(r) = refuse(&ctx) {
        return r;
    }
    download(&s, &ctx, raw, true, FileKind::Xlsx).await
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum FileKind {
    Csv,
    Xlsx,
}

/// The figures of a statistics page as a file. `staff_route`: the staff's
/// page, with every filter; otherwise the public page's (the date only),
/// exact for staff and withheld for anyone else, as the page shows them.
async fn download(s: &WebState, ctx: &Ctx, raw: Option<String>, staff_route: bool, kind: FileKind) -> Response {
    use kizuna_io::report::{Cell as FileCell, Report, Table};
    let q = query_map(raw);
    let parsed = parse_filter(ctx, &q, s.app.today(), staff_route);
    let only = q.get("table").map(String::as_str);
    let exact = staff_route || ctx.is_staff();
    let table_ok = only.is_none_or(|t| TABLES[..if exact { 5 } else { 3 }].contains(&t));
    if !parsed.errors.is_empty() || !table_ok {
        return message(
            ctx,
            StatusCode::BAD_REQUEST,
            "stats-download-refused-title",
            "stats-download-refused",
        );
    }
    let f = &parsed.filter;
    let Ok(report) = s.app.trainee_report(f).await else {
        return db_error(ctx);
    };
    let audience = if exact { Audience::Staff } else { Audience::Public };
    let report = PublishedReport::publish(&report, audience);
    let titles: HashMap<Id, String> = if exact {
        course_titles(s, ctx).await.into_iter().collect()
    } else {
        HashMap::new()
    };
    let withheld = ctx.t("stats-withheld");
    let maybe = |n: Option<u64>| n.map_or_else(|| FileCell::text(withheld.clone()), FileCell::Number);
    let date = ctx.date(&parsed.as_of);
    let dated = |key: &str| msg(ctx, key, &[("date", FluentValue::from(date.clone()))]);
    let text = |k: &str| FileCell::text(ctx.t(k));

    // What the file is: the date, the filters, the headline, the source.
    let mut about = vec![(ctx.t("stats-as-of-label"), FileCell::text(parsed.as_of.to_string()))];
    let mut filters = Vec::new();
    if let Some(y) = f.fiscal_year {
        filters.push((ctx.t("stats-filter-fiscal-year"), ctx.fy(&y.year())));
    }
    if let Some(r) = f.region {
        filters.push((ctx.t("stats-filter-region"), region_name(ctx, r)));
    }
    if let Some(c) = f.country {
        filters.push((ctx.t("stats-filter-country"), format!("{} ({c})", country_name(ctx, c))));
    }
    if let Some(id) = f.programme_id {
        let title = titles.get(&id).cloned().unwrap_or_else(|| id.to_string());
        filters.push((ctx.t("stats-filter-course"), title));
    }
    if let Some(g) = f.gender {
        filters.push((ctx.t("stats-filter-gender"), gender_name(ctx, g)));
    }
    if let Some(o) = f.office_id {
        let name = s
            .app
            .offices()
            .await
            .unwrap_or_default()
            .into_iter()
            .find(|x| x.id == o)
            .map_or_else(|| o.to_string(), |x| ctx.local(&x.fields.name));
        filters.push((ctx.t("stats-filter-office"), name));
    }
    if filters.is_empty() {
        about.push((ctx.t("stats-download-filters"), text("stats-download-no-filters")));
    } else {
        about.extend(filters.into_iter().map(|(k, v)| (k, FileCell::text(v))));
    }
    about.push((ctx.t("stats-col-trainees"), FileCell::Number(report.trainees)));
    about.push((ctx.t("stats-col-countries"), FileCell::Number(report.countries)));
    if let Some(first) = report.first_fiscal_year {
        about.push((ctx.t("stats-first-year"), FileCell::text(ctx.fy(&first))));
    }
    if report.withheld_below.is_some() {
        about.push((ctx.t("stats-download-withheld"), text("stats-withheld-note")));
    }
    let page = if staff_route {
        "/console/statistics"
    } else {
        "/statistics"
    };
    let query = filter_query(f);
    about.push((
        ctx.t("stats-download-source"),
        FileCell::text(msg(
            ctx,
            "stats-download-source-value",
            &[("page", FluentValue::from(format!("{page}?{query}")))],
        )),
    ));
    let now = s.app.now().with_timezone(&super::super::console::jst());
    about.push((
        ctx.t("stats-download-written"),
        FileCell::text(format!("{} JST", now.format("%Y-%m-%d %H:%M"))),
    ));

    let mut tables = Vec::new();
    let wanted = |t: &str| only.is_none_or(|o| o == t);
    if wanted("years") {
        tables.push(Table {
            sheet: ctx.t("stats-table-years"),
            title: dated("stats-caption-years"),
            header: [
                "stats-col-fiscal-year",
                "stats-col-trainees",
                "stats-col-countries",
                "stats-col-new",
                "stats-col-cumulative",
            ]
            .iter()
            .map(|k| ctx.t(k))
            .collect(),
            rows: report
                .by_fiscal_year
                .iter()
                .map(|y| {
                    vec![
                        FileCell::text(ctx.fy(&y.fiscal_year)),
                        FileCell::Number(y.trainees),
                        FileCell::Number(y.countries),
                        FileCell::Number(y.new_trainees),
                        FileCell::Number(y.cumulative_trainees),
                    ]
                })
                .collect(),
        });
    }
    let total = ctx.t("stats-total");
    if wanted("regions") {
        let mut rows: Vec<Vec<FileCell>> = report
            .by_region
            .iter()
            .map(|r| {
                vec![
                    FileCell::text(region_name(ctx, r.region)),
                    maybe(r.trainees),
                    FileCell::Number(r.countries),
                ]
            })
            .collect();
        rows.push(vec![
            FileCell::text(total.clone()),
            FileCell::Number(report.trainees),
            FileCell::Number(report.countries),
        ]);
        tables.push(Table {
            sheet: ctx.t("stats-table-regions"),
            title: dated("stats-caption-regions"),
            header: ["stats-col-region", "stats-col-trainees", "stats-col-countries"]
                .iter()
                .map(|k| ctx.t(k))
                .collect(),
            rows,
        });
    }
    if wanted("countries") {
        let mut rows: Vec<Vec<FileCell>> = report
            .by_country
            .iter()
            .filter_map(|c| {
                let code = CountryCode::parse(&c.country).ok()?;
                Some(vec![
                    FileCell::text(country_name(ctx, code)),
                    FileCell::text(code.to_string()),
                    FileCell::text(region_name(ctx, c.region)),
                    maybe(c.trainees),
                ])
            })
            .collect();
        rows.push(vec![
            FileCell::text(total.clone()),
            FileCell::Empty,
            FileCell::Empty,
            FileCell::Number(report.trainees),
        ]);
        tables.push(Table {
            sheet: ctx.t("stats-table-countries"),
            title: dated("stats-caption-countries"),
            header: vec![
                ctx.t("stats-col-country"),
                ctx.t("stats-download-col-code"),
                ctx.t("stats-col-region"),
                ctx.t("stats-col-trainees"),
            ],
            rows,
        });
    }
    if exact && wanted("courses") {
        tables.push(Table {
            sheet: ctx.t("stats-table-courses"),
            title: dated("stats-caption-courses"),
            header: ["stats-col-course", "stats-col-trainees", "stats-col-countries"]
                .iter()
                .map(|k| ctx.t(k))
                .collect(),
            rows: report
                .by_course
                .iter()
                .map(|c| {
                    let name = titles
                        .get(&c.programme_id)
                        .cloned()
                        .or_else(|| c.title.as_ref().map(|t| ctx.local(t)))
                        .unwrap_or_else(|| c.programme_id.to_string());
                    vec![FileCell::text(name), maybe(c.trainees), FileCell::Number(c.countries)]
                })
                .collect(),
        });
    }
    if exact && wanted("genders") {
        tables.push(Table {
            sheet: ctx.t("stats-table-genders"),
            title: dated("stats-caption-genders"),
            header: ["stats-col-gender", "stats-col-trainees"]
                .iter()
                .map(|k| ctx.t(k))
                .collect(),
            rows: report
                .by_gender
                .iter()
                .map(|g| vec![FileCell::text(gender_name(ctx, g.gender)), maybe(g.trainees)])
                .collect(),
        });
    }
    let file = Report {
        title: ctx.t(if staff_route {
            "stats-staff-title"
        } else {
            "stats-title"
        }),
        about,
        // One table: its sheet says what it is above its header.
        about_sheet: only.is_none().then(|| ctx.t("stats-download-about-sheet")),
        tables,
    };
    let name = match only {
        Some(t) => format!("kizuna-statistics-{t}-{}", parsed.as_of),
        None => format!("kizuna-statistics-{}", parsed.as_of),
    };
    file_answer(ctx, &file, kind, &name)
}
