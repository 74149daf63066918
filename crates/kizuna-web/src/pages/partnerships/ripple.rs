//! Ripple graphs, public story pages, the map of local links and impact
//! reports.
//!
//! - `/console/ripple` and `/console/partnerships/{id}/ripple` (staff; the
//!   id is the programme's): the causal graph of every partnership
//!   programme or of one, filtered by side, kind and fiscal year in the
//!   address; the page lists the nodes, the chains and the "mutual"
//!   summary as tables, and `assets/ripple.js` draws the graph on a
//!   timeline from the same data embedded in the page. `….json` beside
//!   each is the graph as the application returns it.
//! - `/stories` and `/programmes/{key}/story` (public): only programmes
//!   whose partnership is marked public, only outcomes marked public.
//! - `/links` (public; `ripple_links.rs`) and the impact reports
//!   (`ripple_impact.rs`).

use std::collections::BTreeMap;

use askama::Template;
use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use kizuna_app::partnerships::report::{Impact, impact_of, kind_label, side_label, verdict_label};
use kizuna_app::partnerships::ripple::{NodeKind, Ripple, RippleFilter};
use kizuna_domain::common::Id;
use kizuna_domain::common::programme::{Programme, ProgrammeKind};
use kizuna_domain::partnerships::outcome::{OutcomeKind, Side};
use kizuna_domain::partnerships::partnership::Partnership;
use kizuna_i18n::{self as i18n, FluentValue};
use serde_json::{Value, json};

use super::ripple_impact;
use super::ripple_links;
use crate::pages::{message, render};
use crate::session::{Ctx, WebState};

pub fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
        .route("/console/ripple", get(all_page))
        .route("/console/ripple.json", get(all_json))
        .route("/console/partnerships/{id}/ripple", get(one_page))
        .route("/console/partnerships/{id}/ripple.json", get(one_json))
        .route("/stories", get(stories_page))
        .route("/programmes/{key}/story", get(story_page))
        .merge(ripple_links::routes())
        .merge(ripple_impact::routes())
}

// ------------------------------------------------------------ filters

/// The filters of a graph page as the address gives them, and what in it
/// did not parse (said on the page, then ignored).
pub(super) struct Filters {
    pub filter: RippleFilter,
    pub ignored: Vec<String>,
}

pub(super) fn query_pairs(raw: Option<&str>) -> BTreeMap<String, String> {
    serde_urlencoded::from_str::<Vec<(String, String)>>(raw.unwrap_or(""))
        .unwrap_or_default()
        .into_iter()
        .map(|(k, v)| (k, v.trim().to_owned()))
        .filter(|(_, v)| !v.is_empty())
        .collect()
}

pub(super) fn filters(ctx: &Ctx, raw: Option<&str>) -> Filters {
    let q = query_pairs(raw);
    let mut f = Filters {
        filter: RippleFilter::default(),
        ignored: Vec::new(),
    };
    let mut ignore = |field_key: &str, value: &str| {
        f.ignored.push(i18n::message(
            ctx.lang,
            "ripple-filter-ignored",
            &[
                ("value", FluentValue::from(value.to_owned())),
                ("field", FluentValue::from(ctx.t(field_key))),
            ],
        ));
    };
    let mut filter = RippleFilter::default();
    if let Some(v) = q.get("side") {
        match v.parse::<Side>() {
            Ok(s) => filter.side = Some(s),
            Err(_) => ignore("ripple-filter-side", v),
        }
    }
    if let Some(v) = q.get("kind") {
        match v.parse::<OutcomeKind>() {
            Ok(k) => filter.kind = Some(k),
            Err(_) => ignore("ripple-filter-kind", v),
        }
    }
    if let Some(v) = q.get("fy") {
        match kizuna_domain::common::FiscalYear::parse(v) {
            Ok(y) => filter.fiscal_year = Some(y.year()),
            Err(_) => ignore("ripple-filter-year", v),
        }
    }
    f.filter = filter;
    f
}

/// A choice of a filter's select.
pub(super) struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

pub(super) struct Select {
    pub name: &'static str,
    pub label: String,
    pub choices: Vec<Choice>,
}

fn selects(ctx: &Ctx, f: &RippleFilter, years: &[i32]) -> Vec<Select> {
    let any = || Choice {
        value: String::new(),
        label: ctx.t("ripple-filter-any"),
        selected: false,
    };
    let mut side = vec![any()];
    side.extend(Side::ALL.iter().map(|s| Choice {
        value: s.to_string(),
        label: side_label(ctx.lang, *s),
        selected: f.side == Some(*s),
    }));
    let mut kind = vec![any()];
    kind.extend(OutcomeKind::ALL.iter().map(|k| Choice {
        value: k.to_string(),
        label: kind_label(ctx.lang, *k),
        selected: f.kind == Some(*k),
    }));
    let mut year = vec![any()];
    year.extend(years.iter().map(|y| Choice {
        value: y.to_string(),
        label: ctx.fy(y),
        selected: f.fiscal_year == Some(*y),
    }));
    vec![
        Select {
            name: "side",
            label: ctx.t("ripple-filter-side"),
            choices: side,
        },
        Select {
            name: "kind",
            label: ctx.t("ripple-filter-kind"),
            choices: kind,
        },
        Select {
            name: "fy",
            label: ctx.t("ripple-filter-year"),
            choices: year,
        },
    ]
}

/// The filters as a query string (`?side=japan&fy=2018`, or empty).
pub(super) fn filter_query(f: &RippleFilter) -> String {
    let mut q: Vec<(&str, String)> = Vec::new();
    if let Some(s) = f.side {
        q.push(("side", s.to_string()));
    }
    if let Some(k) = f.kind {
        q.push(("kind", k.to_string()));
    }
    if let Some(y) = f.fiscal_year {
        q.push(("fy", y.to_string()));
    }
    if q.is_empty() {
        String::new()
    } else {
        format!("?{}", serde_urlencoded::to_string(&q).unwrap_or_default())
    }
}

// ------------------------------------------------------------ the view

/// A node as the page lists it.
pub(super) struct Row {
    pub id: String,
    pub date: String,
    pub title: String,
    pub summary: Option<String>,
    pub kind: String,
    pub side: String,
    pub side_class: &'static str,
    pub verdict: Option<String>,
    pub elsewhere: bool,
    pub led_to: Vec<(String, String)>,
    pub came_from: Vec<(String, String)>,
}

/// Everything a graph or story page shows of a ripple graph.
pub(super) struct GraphView {
    pub rows: Vec<Row>,
    pub chains: Vec<Vec<String>>,
    pub impact: Impact,
    pub mutual_lead: String,
    /// The data `ripple.js` draws, as JSON safe in a script element.
    pub data_json: String,
}

fn node_type(ctx: &Ctx, n: &kizuna_app::partnerships::ripple::RippleNode) -> String {
    match (n.node, n.outcome_kind, n.activity_kind) {
        (NodeKind::Outcome, Some(k), _) => kind_label(ctx.lang, k),
        (NodeKind::Activity, _, Some(a)) => ctx.t(&format!("ripple-activity-{a}")),
        (NodeKind::Programme, _, _) => ctx.t("ripple-node-programme"),
        (NodeKind::Placement, _, _) => ctx.t("ripple-node-placement"),
        _ => ctx.t("ripple-node-activity"),
    }
}

/// JSON safe to place inside `<script type="application/json">`.
pub(super) fn script_json(v: &Value) -> String {
    serde_json::to_string(v)
        .unwrap_or_else(|_| "{}".into())
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

pub(super) fn graph_view(ctx: &Ctx, ripple: &Ripple, staff: bool) -> GraphView {
    let titles: BTreeMap<&str, String> = ripple
        .nodes
        .iter()
        .map(|n| (n.id.as_str(), ctx.local(&n.title)))
        .collect();
    let title_of = |id: &str| titles.get(id).cloned().unwrap_or_else(|| id.to_owned());
    let mut led_to: BTreeMap<&str, Vec<(String, String)>> = BTreeMap::new();
    let mut came_from: BTreeMap<&str, Vec<(String, String)>> = BTreeMap::new();
    for e in &ripple.edges {
        led_to
            .entry(e.from.as_str())
            .or_default()
            .push((e.to.clone(), title_of(&e.to)));
        came_from
            .entry(e.to.as_str())
            .or_default()
            .push((e.from.clone(), title_of(&e.from)));
    }
    let mut ordered: Vec<&kizuna_app::partnerships::ripple::RippleNode> = ripple.nodes.iter().collect();
    ordered.sort_by_key(|n| (n.date, n.node, n.record_id));
    let mut rows = Vec::new();
    let mut nodes_json = Vec::new();
    for n in ordered {
        let lane = match n.side {
            Some(Side::Japan) => "japan",
            Some(Side::Abroad) => "abroad",
            _ => "both",
        };
        let side = n.side.map(|s| side_label(ctx.lang, s)).unwrap_or_default();
        let verdict = (n.node == NodeKind::Outcome).then(|| verdict_label(ctx.lang, n.verdict));
        let date = n.date.map(|d| ctx.date(&d)).unwrap_or_default();
        let kind = node_type(ctx, n);
        let summary = n.summary.as_ref().map(|s| ctx.local(s));
        let title = title_of(&n.id);
        nodes_json.push(json!({
            "id": n.id,
            "node": n.node,
            "name": title,
            "date": n.date,
            "date_label": date,
            "lane": lane,
            "type": kind,
            "side": side,
            "verdict": verdict,
            "summary": summary,
            "elsewhere": n.elsewhere,
            "public": n.public,
        }));
        rows.push(Row {
            id: n.id.clone(),
            date,
            title,
            summary,
            kind,
            side,
            side_class: lane,
            verdict: if staff { verdict } else { None },
            elsewhere: n.elsewhere,
            led_to: led_to.remove(n.id.as_str()).unwrap_or_default(),
            came_from: came_from.remove(n.id.as_str()).unwrap_or_default(),
        });
    }
    let chains = ripple
        .chains
        .iter()
        .map(|c| c.iter().map(|id| title_of(id)).collect())
        .collect();
    let impact = impact_of(ripple, None, None);
    let mutual_lead = i18n::message(
        ctx.lang,
        "ripple-mutual-lead",
        &[
            ("japan", FluentValue::from(impact.totals.japan)),
            ("abroad", FluentValue::from(impact.totals.abroad)),
            ("both", FluentValue::from(impact.totals.both)),
        ],
    );
    let data = json!({
        "lanes": [
            {"id": "japan", "label": side_label(ctx.lang, Side::Japan)},
            {"id": "both", "label": side_label(ctx.lang, Side::Both)},
            {"id": "abroad", "label": side_label(ctx.lang, Side::Abroad)},
        ],
        "nodes": nodes_json,
        "edges": ripple.edges.iter().map(|e| json!({"from": e.from, "to": e.to})).collect::<Vec<_>>(),
        "text": {
            "led_to": ctx.t("ripple-col-led-to"),
            "came_from": ctx.t("ripple-col-came-from"),
            "elsewhere": ctx.t("ripple-elsewhere"),
            "programme": ctx.t("ripple-node-programme"),
            "activity": ctx.t("ripple-node-activity"),
            "outcome": ctx.t("ripple-node-outcome"),
            "graph_label": ctx.t("ripple-graph-label"),
        },
        "show_verdict": staff,
    });
    GraphView {
        rows,
        chains,
        impact,
        mutual_lead,
        data_json: script_json(&data),
    }
}

/// The mutual summary as a table: one row per (fiscal year, kind), the
/// outcomes on each side.
pub(super) struct MutualRow {
    pub year: String,
    pub kind: String,
    pub japan: usize,
    pub abroad: usize,
    pub both: usize,
}

pub(super) fn mutual_rows(ctx: &Ctx, ripple: &Ripple) -> Vec<MutualRow> {
    let mut rows: BTreeMap<(i32, OutcomeKind), MutualRow> = BTreeMap::new();
    for r in &ripple.mutual.rows {
        let row = rows.entry((r.fiscal_year, r.kind)).or_insert_with(|| MutualRow {
            year: ctx.fy(&r.fiscal_year),
            kind: kind_label(ctx.lang, r.kind),
            japan: 0,
            abroad: 0,
            both: 0,
        });
        match r.side {
            Side::Japan => row.japan += r.outcomes,
            Side::Abroad => row.abroad += r.outcomes,
            Side::Both => row.both += r.outcomes,
        }
    }
    rows.into_values().collect()
}

// ------------------------------------------------------------ staff pages

#[derive(Template)]
#[template(path = "ripple/graph.html")]
struct GraphPage<'a> {
    ctx: &'a Ctx,
    title: String,
    action: String,
    selects: Vec<Select>,
    ignored: Vec<String>,
    view: GraphView,
    mutual: Vec<MutualRow>,
    json_href: String,
    impact_href: String,
    story_href: Option<String>,
    /// On the page of every programme: each programme's own page.
    programmes: Vec<(String, String)>,
}

/// The programme of a staff page's `{id}`, if it is a partnership.
pub(super) async fn partnership_programme(s: &WebState, raw: &str) -> Result<Option<Programme>, StatusCode> {
    let Ok(id) = raw.parse::<Id>() else { return Ok(None) };
    match s.app.get::<Programme>(id).await {
        Ok(p) if p.fields.kind == ProgrammeKind::Partnership => Ok(Some(p)),
        Ok(_) | Err(kizuna_app::AppError::NotFound { .. }) => Ok(None),
        Err(_) => Err(StatusCode::SERVICE_UNAVAILABLE),
    }
}

pub(super) fn unavailable(ctx: &Ctx) -> Response {
    message(ctx, StatusCode::SERVICE_UNAVAILABLE, "error-title", "error-database")
}

pub(super) fn no_programme(ctx: &Ctx) -> Response {
    message(ctx, StatusCode::NOT_FOUND, "not-found-title", "ripple-not-found")
}

async fn graph_page(s: &WebState, ctx: &Ctx, programme: Option<Programme>, raw: Option<&str>) -> Response {
    let f = filters(ctx, raw);
    let Ok(ripple) = s.app.ripple(programme.as_ref().map(|p| p.id), &f.filter).await else {
        return unavailable(ctx);
    };
    let query = filter_query(&f.filter);
    let (title, action, story_href, programmes) = match &programme {
        Some(p) => {
            let public =
                matches!(s.app.partnership_of(p.id).await, Ok(Some(Partnership { ref fields, .. })) if fields.public);
            (
                ctx.t1("ripple-title", "programme", ctx.local(&p.fields.title)),
                format!("/console/partnerships/{}/ripple", p.id),
                public.then(|| format!("/programmes/{}/story", p.fields.key)),
                Vec::new(),
            )
        }
        None => {
            let Ok(all) = s.app.partnership_programmes().await else {
                return unavailable(ctx);
            };
            (
                ctx.t("ripple-title-all"),
                "/console/ripple".to_owned(),
                None,
                all.iter()
                    .map(|p| {
                        (
                            format!("/console/partnerships/{}/ripple{query}", p.id),
                            ctx.local(&p.fields.title),
                        )
                    })
                    .collect(),
            )
        }
    };
    let impact_base = match &programme {
        Some(p) => format!("/console/partnerships/{}/impact", p.id),
        None => "/console/impact".to_owned(),
    };
    let impact_href = match f.filter.fiscal_year {
        Some(y) => format!("{impact_base}?fy={y}"),
        None => impact_base,
    };
    let page = GraphPage {
        ctx,
        title,
        json_href: format!("{action}.json{query}"),
        action,
        selects: selects(ctx, &f.filter, &ripple.fiscal_years),
        ignored: f.ignored,
        mutual: mutual_rows(ctx, &ripple),
        view: graph_view(ctx, &ripple, true),
        impact_href,
        story_href,
        programmes,
    };
    render(ctx, &page)
}

async fn all_page(State(s): State<WebState>, ctx: Ctx, RawQuery(raw): RawQuery) -> Response {
    if let Err(r) = ctx.require_staff() {
        return r;
    }
    graph_page(&s, &ctx, None, raw.as_deref()).await
}

async fn one_page(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>, RawQuery(raw): RawQuery) -> Response {
    if let Err(r) = ctx.require_staff() {
        return r;
    }
    match partnership_programme(&s, &id).await {
        Ok(Some(p)) => graph_page(&s, &ctx, Some(p), raw.as_deref()).await,
        Ok(None) => no_programme(&ctx),
        Err(_) => unavailable(&ctx),
    }
}

async fn graph_json(s: &WebState, ctx: &Ctx, programme_id: Option<Id>, raw: Option<&str>) -> Response {
    let f = filters(ctx, raw);
    if !f.ignored.is_empty() {
        return crate::error::ApiError::new(StatusCode::BAD_REQUEST, "invalid_filter", f.ignored.join(" "))
            .into_response();
    }
    match s.app.ripple(programme_id, &f.filter).await {
        Ok(r) => ctx.finish(Json(r).into_response()),
        Err(_) => unavailable(ctx),
    }
}

async fn all_json(State(s): State<WebState>, ctx: Ctx, RawQuery(raw): RawQuery) -> Response {
    if let Err(r) = ctx.require_staff() {
        return r;
    }
    graph_json(&s, &ctx, None, raw.as_deref()).await
}

async fn one_json(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>, RawQuery(raw): RawQuery) -> Response {
    if let Err(r) = ctx.require_staff() {
        return r;
    }
    match partnership_programme(&s, &id).await {
        Ok(Some(p)) => graph_json(&s, &ctx, Some(p.id), raw.as_deref()).await,
        Ok(None) => no_programme(&ctx),
        Err(_) => unavailable(&ctx),
    }
}

// ------------------------------------------------------------ public stories

/// A public story: the programme and its partnership details, both public.
async fn public_story(s: &WebState, key: &str) -> Result<Option<(Programme, Partnership)>, StatusCode> {
    let Ok(found) = s.app.partnership_programme_by_key(key).await else {
        return Err(StatusCode::SERVICE_UNAVAILABLE);
    };
    let Some(p) = found else { return Ok(None) };
    match s.app.partnership_of(p.id).await {
        Ok(Some(d)) if d.fields.public => Ok(Some((p, d))),
        Ok(_) => Ok(None),
        Err(_) => Err(StatusCode::SERVICE_UNAVAILABLE),
    }
}

#[derive(Template)]
#[template(path = "ripple/story.html")]
struct StoryPage<'a> {
    ctx: &'a Ctx,
    title: String,
    summary: Option<String>,
    scheme: String,
    period: String,
    localities: String,
    view: GraphView,
    mutual: Vec<MutualRow>,
    empty: bool,
}

async fn story_page(State(s): State<WebState>, ctx: Ctx, Path(key): Path<String>) -> Response {
    let (p, d) = match public_story(&s, &key).await {
        Ok(Some(found)) => found,
        Ok(None) => return message(&ctx, StatusCode::NOT_FOUND, "not-found-title", "not-found-body"),
        Err(_) => return unavailable(&ctx),
    };
    let filter = RippleFilter {
        public_only: true,
        ..RippleFilter::default()
    };
    let Ok(ripple) = s.app.ripple(Some(p.id), &filter).await else {
        return unavailable(&ctx);
    };
    let mut ids = vec![d.fields.japan_locality_id];
    ids.extend(&d.fields.abroad_locality_ids);
    let Ok(names) = s.app.locality_names(&ids).await else {
        return unavailable(&ctx);
    };
    let name = |id: &Id| names.get(id).map(|n| ctx.local(n)).unwrap_or_default();
    let abroad: Vec<String> = d.fields.abroad_locality_ids.iter().map(name).collect();
    let from = ctx.date(&d.fields.starts_on);
    let period = match d.fields.ends_on {
        Some(to) => i18n::message(
            ctx.lang,
            "ripple-story-period-closed",
            &[
                ("from", FluentValue::from(from)),
                ("to", FluentValue::from(ctx.date(&to))),
            ],
        ),
        None => ctx.t1("ripple-story-period-open", "from", from),
    };
    let empty = !ripple.nodes.iter().any(|n| n.node == NodeKind::Outcome);
    let page = StoryPage {
        ctx: &ctx,
        title: ctx.t1("ripple-story-title", "programme", ctx.local(&p.fields.title)),
        summary: p.fields.summary.as_ref().map(|t| ctx.local(t)),
        scheme: ctx.local(&d.fields.funding_scheme),
        period,
        localities: format!("{} ↔ {}", name(&d.fields.japan_locality_id), abroad.join(", ")),
        mutual: mutual_rows(&ctx, &ripple),
        view: graph_view(&ctx, &ripple, false),
        empty,
    };
    render(&ctx, &page)
}

#[derive(Template)]
#[template(path = "ripple/stories.html")]
struct StoriesPage<'a> {
    ctx: &'a Ctx,
    /// (href, title, summary)
    stories: Vec<(String, String, Option<String>)>,
}

async fn stories_page(State(s): State<WebState>, ctx: Ctx) -> Response {
    let Ok(all) = s.app.partnership_programmes().await else {
        return unavailable(&ctx);
    };
    let mut stories = Vec::new();
    for p in all {
        match s.app.partnership_of(p.id).await {
            Ok(Some(d)) if d.fields.public => stories.push((
                format!("/programmes/{}/story", p.fields.key),
                ctx.local(&p.fields.title),
                p.fields.summary.as_ref().map(|t| ctx.local(t)),
            )),
            Ok(_) => {}
            Err(_) => return unavailable(&ctx),
        }
    }
    render(&ctx, &StoriesPage { ctx: &ctx, stories })
}
