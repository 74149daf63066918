//! Visitor flows in the console (`/console/tourism/flows`): two areas'
//! figures both ways by month as a chart (drawn by `tourism.js` from the
//! page's JSON) over a table that reads without JavaScript, each figure
//! marked with its stage and the stages shown footnoted; the same table
//! as CSV or XLSX; a flows file imported (all or nothing, the problems
//! listed by row, column and reason; figures kept at a later stage
//! listed); the imports and what they replaced.

use askama::Template;
use axum::extract::{DefaultBodyLimit, Multipart, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use kizuna_app::AppError;
use kizuna_app::tourism::flows::{FlowImport, Places, TwoWay, default_pair};
use kizuna_domain::tourism::flows::{Area, Figure, Stage};
use kizuna_io::report::{Cell, Report, Table};
use kizuna_io::table::FileFormat;

use super::{guard, ok_or_page, tt};
use crate::pages::render;
use crate::pages::training::console::{Opt, country_name, field_message, opt};
use crate::pages::upload::{FormError, MAX_FORM_BYTES, read_import_form};
use crate::session::{Ctx, WebState};

pub(super) fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
        .route("/console/tourism/flows", get(flows_page))
        .route(
            "/console/tourism/flows/import",
            post(import).layer(DefaultBodyLimit::max(MAX_FORM_BYTES)),
        )
        .route("/console/tourism/flows/download", get(download))
}

#[derive(serde::Deserialize, Default)]
struct PairQuery {
    /// `A|B` from the chooser (without JavaScript it comes with the
    /// shown pair's `a` and `b`, and wins over them).
    pair: Option<String>,
    a: Option<String>,
    b: Option<String>,
    format: Option<String>,
}

/// An area's name in the reader's language.
fn area_name(ctx: &Ctx, places: &Places, a: Area) -> String {
    match places.locality(a) {
        Some(l) => ctx.local(&l.fields.name),
        None => country_name(ctx, a.country),
    }
}

/// The mark a figure's stage carries in tables (none for definitive).
fn mark(stage: Stage) -> &'static str {
    match stage {
        Stage::Preliminary => "*",
        Stage::Provisional => "†",
        Stage::Definitive => "",
    }
}

/// The footnote: the stages of the figures shown, each with its mark.
fn footnote(ctx: &Ctx, stages: &[Stage]) -> Vec<String> {
    stages
        .iter()
        .rev()
        .map(|s| {
            let name = tt(ctx, &format!("stage-{}", s.as_str()));
            match mark(*s) {
                "" => ctx.t1("tourism-footnote-plain", "stage", name),
                m => format!("{m} {}", ctx.t1("tourism-footnote-marked", "stage", name)),
            }
        })
        .collect()
}

fn cell(ctx: &Ctx, f: Option<Figure>) -> String {
    match f {
        Some(f) => format!("{}{}", ctx.num(f.visitors as i64), mark(f.stage)),
        None => "–".into(),
    }
}

struct MonthLine {
    month: String,
    ab: String,
    ba: String,
}

struct KeptLine {
    row: usize,
    column: String,
    text: String,
}

struct Rejected {
    row: usize,
    column: String,
    value: String,
    reason: String,
}

struct ImportLine {
    id: i64,
    file: String,
    when: String,
    summary: String,
    note: String,
}

struct HistoryLine {
    what: String,
    month: String,
    old: String,
    new: String,
    file: String,
}

#[derive(Template)]
#[template(path = "tourism/flows.html")]
struct FlowsPage<'a> {
    ctx: &'a Ctx,
    pairs: Vec<Opt>,
    a_spec: String,
    b_spec: String,
    ab_label: String,
    ba_label: String,
    /// "A ⇄ B", the chart's heading.
    pair_label: String,
    months: Vec<MonthLine>,
    footnote: Vec<String>,
    data: String,
    summary: String,
    imports: Vec<ImportLine>,
    history: Vec<HistoryLine>,
    done: Option<String>,
    kept: Vec<KeptLine>,
    rejected: Vec<Rejected>,
    error: Option<String>,
}

/// The two areas asked for (`a`, `b`), else the default pair.
fn chosen(places: &Places, pairs: &[(Area, Area)], q: &PairQuery) -> Option<(Area, Area)> {
    let parse = |v: Option<&str>| v.and_then(|v| places.parse(v).ok());
    let (a, b) = match q.pair.as_deref().and_then(|p| p.split_once('|')) {
        Some((a, b)) => (Some(a), Some(b)),
        None => (q.a.as_deref(), q.b.as_deref()),
    };
    match (parse(a), parse(b)) {
        (Some(a), Some(b)) if a != b => Some((a, b)),
        _ => default_pair(places, pairs),
    }
}

async fn build<'a>(s: &WebState, ctx: &'a Ctx, q: &PairQuery) -> Result<FlowsPage<'a>, AppError> {
    let places = Places::load(&s.app).await?;
    let pairs = s.app.flow_pairs().await?;
    let pair = chosen(&places, &pairs, q);
    let current = pair
        .map(|(a, b)| format!("{}|{}", places.spec(a), places.spec(b)))
        .unwrap_or_default();
    let options = pairs
        .iter()
        .map(|(a, b)| {
            opt(
                format!("{}|{}", places.spec(*a), places.spec(*b)),
                format!("{} ⇄ {}", area_name(ctx, &places, *a), area_name(ctx, &places, *b)),
                &current,
            )
        })
        .collect();
    let mut page = FlowsPage {
        ctx,
        pairs: options,
        a_spec: String::new(),
        b_spec: String::new(),
        ab_label: String::new(),
        ba_label: String::new(),
        pair_label: String::new(),
        months: Vec::new(),
        footnote: Vec::new(),
        data: "null".into(),
        summary: String::new(),
        imports: Vec::new(),
        history: Vec::new(),
        done: None,
        kept: Vec::new(),
        rejected: Vec::new(),
        error: None,
    };
    if let Some((a, b)) = pair {
        let two = s.app.two_way(a, b).await?;
        let (an, bn) = (area_name(ctx, &places, a), area_name(ctx, &places, b));
        page.ab_label = format!("{an} → {bn}");
        page.ba_label = format!("{bn} → {an}");
        page.pair_label = format!("{an} ⇄ {bn}");
        page.a_spec = places.spec(a);
        page.b_spec = places.spec(b);
        page.months = two
            .months
            .iter()
            .map(|m| MonthLine {
                month: m.month.to_string(),
                ab: cell(ctx, m.ab),
                ba: cell(ctx, m.ba),
            })
            .collect();
        page.footnote = footnote(ctx, &two.stages);
        page.summary = ctx.t1("tourism-chart-summary", "months", two.months.len());
        page.data = chart_data(ctx, &page.ab_label, &page.ba_label, &two);
    }
    page.imports = s
        .app
        .flow_imports()
        .await?
        .into_iter()
        .take(20)
        .map(|i| ImportLine {
            id: i.id,
            file: i.file_name,
            when: ctx.date(&i.imported_at.date_naive()),
            summary: format!(
                "{} · {} · {} · {}",
                ctx.tn("tourism-import-added", "count", i.added as i64),
                ctx.tn("tourism-import-replaced", "count", i.replaced as i64),
                ctx.tn("tourism-import-unchanged", "count", i.unchanged as i64),
                ctx.tn("tourism-import-kept", "count", i.kept as i64)
            ),
            note: i.note.unwrap_or_default(),
        })
        .collect();
    page.history = s
        .app
        .flow_history(20)
        .await?
        .into_iter()
        .map(|h| HistoryLine {
            what: format!(
                "{} → {}",
                area_name(ctx, &places, h.key.origin),
                area_name(ctx, &places, h.key.destination)
            ),
            month: h.key.month.to_string(),
            old: format!(
                "{} ({})",
                ctx.num(h.old.visitors as i64),
                tt(ctx, &format!("stage-{}", h.old.stage.as_str()))
            ),
            new: format!(
                "{} ({})",
                ctx.num(h.new.visitors as i64),
                tt(ctx, &format!("stage-{}", h.new.stage.as_str()))
            ),
            file: format!("#{} {}", h.import_id, h.file_name),
        })
        .collect();
    Ok(page)
}

/// The chart's data: months, the two series (null where no figure) and
/// each point's stage name, for `tourism.js`.
fn chart_data(ctx: &Ctx, ab: &str, ba: &str, two: &TwoWay) -> String {
    let series = |label: &str, pick: &dyn Fn(&kizuna_app::tourism::flows::TwoWayMonth) -> Option<Figure>| {
        serde_json::json!({
            "name": label,
            "data": two.months.iter().map(|m| pick(m).map(|f| f.visitors)).collect::<Vec<_>>(),
            "stages": two.months.iter().map(|m| pick(m).map(|f| tt(ctx, &format!("stage-{}", f.stage.as_str())))).collect::<Vec<_>>(),
        })
    };
    let v = serde_json::json!({
        "months": two.months.iter().map(|m| m.month.to_string()).collect::<Vec<_>>(),
        "series": [series(ab, &|m| m.ab), series(ba, &|m| m.ba)],
        "stageLabel": tt(ctx, "stage"),
    });
    // Safe inside <script type="application/json">: no "</" can close it.
    v.to_string().replace("</", "<\\/")
}

async fn flows_page(State(s): State<WebState>, ctx: Ctx, Query(q): Query<PairQuery>) -> Response {
    guard!(ctx.require_staff());
    let mut page = ok_or_page!(&ctx, build(&s, &ctx, &q).await);
    if q.format.as_deref() == Some("imported") {
        page.done = Some(tt(&ctx, "done-imported"));
    }
    render(&ctx, &page)
}

async fn import(
    State(s): State<WebState>,
    ctx: Ctx,
    form: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    guard!(ctx.require_staff());
    let form = match form {
        Ok(m) => read_import_form(m).await,
        Err(_) => Err(FormError::Unreadable),
    };
    let (csrf, name, bytes) = match form {
        Ok(f) => {
            let (csrf, name) = (f.csrf.clone(), f.name.clone());
            match f.file() {
                Ok(b) => (csrf, name, Ok(b)),
                Err(e) => (csrf, name, Err(e)),
            }
        }
        Err(e) => (String::new(), String::new(), Err(e)),
    };
    guard!(ctx.check_csrf(&csrf));
    let q = PairQuery::default();
    let mut page = ok_or_page!(&ctx, build(&s, &ctx, &q).await);
    let status = match bytes {
        Err(FormError::TooLarge) => {
            page.error = Some(tt(&ctx, "import-too-large"));
            StatusCode::PAYLOAD_TOO_LARGE
        }
        Err(FormError::Unreadable) => {
            page.error = Some(tt(&ctx, "import-no-file"));
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Ok(b) if b.is_empty() => {
            page.error = Some(tt(&ctx, "import-no-file"));
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Ok(bytes) => {
            let format = match FileFormat::detect(&name, &bytes) {
                FileFormat::Xlsx => FileFormat::Xlsx,
                _ => FileFormat::Csv,
            };
            let acting = crate::acting::for_ctx(&s, &ctx);
            match acting.import_flows(&bytes, format, &name, None, false).await {
                Ok(r) => {
                    page = ok_or_page!(&ctx, build(&s, &ctx, &q).await);
                    page.done = Some(done_text(&ctx, &r));
                    page.kept = r
                        .kept
                        .iter()
                        .map(|k| KeptLine {
                            row: k.row,
                            column: k.column.clone(),
                            text: tt_args(
                                &ctx,
                                "kept-line",
                                &[
                                    (
                                        "old",
                                        format!(
                                            "{} ({})",
                                            ctx.num(k.on_record_visitors as i64),
                                            tt(&ctx, &format!("stage-{}", k.on_record.as_str()))
                                        ),
                                    ),
                                    (
                                        "new",
                                        format!(
                                            "{} ({})",
                                            ctx.num(k.in_file_visitors as i64),
                                            tt(&ctx, &format!("stage-{}", k.in_file.as_str()))
                                        ),
                                    ),
                                ],
                            ),
                        })
                        .collect();
                    StatusCode::OK
                }
                Err(AppError::ImportRejected(errors)) => {
                    page.error = Some(ctx.tn("tourism-import-rejected", "count", errors.len() as i64));
                    page.rejected = errors
                        .iter()
                        .map(|e| Rejected {
                            row: e.row,
                            column: e.column.clone(),
                            value: e.value.clone(),
                            reason: rejection_reason(&ctx, &e.code, &e.value, &e.reason),
                        })
                        .collect();
                    StatusCode::UNPROCESSABLE_ENTITY
                }
                Err(AppError::Encoding { found }) => {
                    page.error = Some(ctx.t1("console-import-encoding", "found", found));
                    StatusCode::UNPROCESSABLE_ENTITY
                }
                Err(AppError::BadFile(_)) => {
                    page.error = Some(tt(&ctx, "import-bad-file"));
                    StatusCode::UNPROCESSABLE_ENTITY
                }
                Err(AppError::TooLarge(_)) => {
                    page.error = Some(tt(&ctx, "import-too-large"));
                    StatusCode::PAYLOAD_TOO_LARGE
                }
                Err(AppError::Store(kizuna_store::StoreError::Rejected(_))) => {
                    page.error = Some(tt(&ctx, "import-changed-meanwhile"));
                    StatusCode::CONFLICT
                }
                Err(e) => return crate::pages::training::console::app_error(&ctx, e),
            }
        }
    };
    let mut r = render(&ctx, &page);
    *r.status_mut() = status;
    r
}

fn tt_args(ctx: &Ctx, key: &str, args: &[(&str, String)]) -> String {
    let args: Vec<(&str, fluent_bundle::FluentValue)> = args
        .iter()
        .map(|(k, v)| (*k, fluent_bundle::FluentValue::from(v.clone())))
        .collect();
    kizuna_i18n::message(ctx.lang, &format!("tourism-{key}"), &args)
}

/// A rejected value's reason in the page's language where the catalogue
/// has one for its code (else the console's words for the code).
fn rejection_reason(ctx: &Ctx, code: &str, value: &str, _reason: &str) -> String {
    let key = format!("tourism-error-{}", code.replace('_', "-"));
    if kizuna_i18n::has_message(ctx.lang, &key) {
        return kizuna_i18n::message(
            ctx.lang,
            &key,
            &[("value", fluent_bundle::FluentValue::from(value.to_owned()))],
        );
    }
    field_message(ctx, code, value)
}

fn done_text(ctx: &Ctx, r: &FlowImport) -> String {
    format!(
        "{} {} · {} · {} · {}",
        tt(ctx, "done-imported"),
        ctx.tn("tourism-import-added", "count", r.added as i64),
        ctx.tn("tourism-import-replaced", "count", r.replaced as i64),
        ctx.tn("tourism-import-unchanged", "count", r.unchanged as i64),
        ctx.tn("tourism-import-kept", "count", r.kept.len() as i64)
    )
}

/// The table shown, as CSV or XLSX: the months and both directions, the
/// stage of every figure in a column of its own, the footnote above.
async fn download(State(s): State<WebState>, ctx: Ctx, Query(q): Query<PairQuery>) -> Response {
    guard!(ctx.require_staff());
    let places = ok_or_page!(&ctx, Places::load(&s.app).await);
    let pairs = ok_or_page!(&ctx, s.app.flow_pairs().await);
    let Some((a, b)) = chosen(&places, &pairs, &q) else {
        return crate::pages::training::console::not_found(&ctx);
    };
    let two = ok_or_page!(&ctx, s.app.two_way(a, b).await);
    let (an, bn) = (area_name(&ctx, &places, a), area_name(&ctx, &places, b));
    let stage = |f: Option<Figure>| match f {
        Some(f) => Cell::text(tt(&ctx, &format!("stage-{}", f.stage.as_str()))),
        None => Cell::Empty,
    };
    let count = |f: Option<Figure>| f.map_or(Cell::Empty, |f| Cell::Number(f.visitors));
    let rows = two
        .months
        .iter()
        .map(|m| {
            vec![
                Cell::text(m.month.to_string()),
                count(m.ab),
                stage(m.ab),
                count(m.ba),
                stage(m.ba),
            ]
        })
        .collect();
    let title = tt(&ctx, "flows-title");
    let report = Report {
        title: format!("{title}: {an} ⇄ {bn}"),
        about: footnote(&ctx, &two.stages)
            .into_iter()
            .map(|l| (tt(&ctx, "stage"), Cell::text(l)))
            .chain([(tt(&ctx, "as-of"), Cell::text(ctx.date(&s.app.today())))])
            .collect(),
        about_sheet: None,
        tables: vec![Table {
            sheet: "flows".into(),
            title: format!("{an} ⇄ {bn}"),
            header: vec![
                tt(&ctx, "month"),
                format!("{an} → {bn}"),
                tt(&ctx, "stage"),
                format!("{bn} → {an}"),
                tt(&ctx, "stage"),
            ],
            rows,
        }],
    };
    let (bytes, content_type, ext) = match q.format.as_deref() {
        Some("xlsx") => match kizuna_io::report::xlsx(&report) {
            Ok(b) => (
                b,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "xlsx",
            ),
            Err(e) => return crate::pages::training::console::app_error(&ctx, AppError::BadFile(e.to_string())),
        },
        _ => (kizuna_io::report::csv(&report), "text/csv; charset=utf-8", "csv"),
    };
    let name = format!("visitor-flows-{}-{}", places.spec(a), places.spec(b)).replace('/', "-");
    ctx.finish(
        (
            [
                (header::CONTENT_TYPE, content_type.to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{name}.{ext}\""),
                ),
            ],
            bytes,
        )
            .into_response(),
    )
}
