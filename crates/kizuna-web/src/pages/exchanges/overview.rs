//! The exchanges' overview: how many of each kind each fiscal year had,
//! and the exchanges of a fiscal year (all kinds, or one kind's list at
//! `/console/delegations` and the like).

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use kizuna_app::exchanges::{ExchangeKind, ExchangeRow};
use kizuna_domain::common::{CountryCode, FiscalYear};

use super::{guard, ok_or_page, period, rule_message, unprocessable_if, xt};
use crate::pages::render;
use crate::pages::training::console::country_name;
use crate::session::{Ctx, WebState};

pub(super) fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
        .route("/console/exchanges", get(overview))
        .route("/console/delegations", get(list_delegations))
        .route("/console/dispatches", get(list_dispatches))
        .route("/console/symposiums", get(list_symposiums))
        .route("/console/courtesy-calls", get(list_calls))
}

/// The kinds with pages here (awards keep theirs at /console/awards).
pub(super) const KINDS: [ExchangeKind; 5] = [
    ExchangeKind::Delegation,
    ExchangeKind::Dispatch,
    ExchangeKind::Symposium,
    ExchangeKind::CourtesyCall,
    ExchangeKind::Award,
];

/// An exchange as a list shows it.
pub(super) struct Line {
    pub(super) href: String,
    pub(super) kind: String,
    pub(super) title: String,
    pub(super) when: String,
    pub(super) country: String,
    pub(super) public: bool,
}

fn line(ctx: &Ctx, r: &ExchangeRow) -> Line {
    Line {
        href: match r.kind {
            ExchangeKind::Award => format!("/console/awards/{}/edit", r.id),
            k => format!("{}/{}", k.path(), r.id),
        },
        kind: xt(ctx, &format!("kind-{}", r.kind.as_str())),
        title: ctx.local(&r.title),
        when: period(ctx, &r.starts_on, &r.ends_on),
        country: r
            .country
            .as_deref()
            .and_then(|c| CountryCode::parse(c).ok())
            .map(|c| country_name(ctx, c))
            .unwrap_or_default(),
        public: r.public,
    }
}

/// One fiscal year's counts in the overview.
struct YearLine {
    year: i32,
    label: String,
    counts: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "exchanges/overview.html")]
struct OverviewPage<'a> {
    ctx: &'a Ctx,
    /// The kind listed, or none for every kind.
    kind: Option<(String, String)>,
    title: String,
    heads: Vec<(String, String)>,
    years: Vec<YearLine>,
    lines: Vec<Line>,
    year: String,
    year_error: Option<String>,
    notice: Option<String>,
}

#[derive(serde::Deserialize, Default)]
struct ListQuery {
    fy: Option<String>,
    done: Option<String>,
}

async fn show(s: &WebState, ctx: &Ctx, kind: Option<ExchangeKind>, q: ListQuery) -> Response {
    guard!(ctx.require_staff());
    let year = q.fy.clone().unwrap_or_default();
    let mut year_error = None;
    let fy = match year.trim() {
        "" => None,
        y => match y.parse::<i32>().ok().and_then(|n| FiscalYear::new(n).ok()) {
            Some(fy) => Some(fy),
            None => {
                year_error = Some(rule_message(ctx, "fy", "invalid_year", y));
                None
            }
        },
    };
    let rows = ok_or_page!(ctx, s.app.exchanges(fy, kind).await);
    let by_year = if kind.is_none() {
        ok_or_page!(ctx, s.app.exchanges_by_year().await)
    } else {
        Vec::new()
    };
    let years = by_year
        .into_iter()
        .map(|(y, counts)| YearLine {
            year: y,
            label: ctx.fy(&y),
            counts: KINDS
                .iter()
                .map(|k| (k.path().to_owned(), ctx.num(counts.get(k).copied().unwrap_or(0) as i64)))
                .collect(),
        })
        .collect();
    let page = OverviewPage {
        ctx,
        kind: kind.map(|k| (k.path().to_owned(), xt(ctx, &format!("kind-{}", k.as_str())))),
        title: match kind {
            Some(k) => xt(ctx, &format!("list-{}", k.as_str())),
            None => xt(ctx, "title"),
        },
        heads: KINDS
            .iter()
            .map(|k| (k.path().to_owned(), xt(ctx, &format!("list-{}", k.as_str()))))
            .collect(),
        years,
        lines: rows.iter().map(|r| line(ctx, r)).collect(),
        year,
        notice: q.done.as_deref().map(|d| xt(ctx, &format!("done-{d}"))),
        year_error,
    };
    let bad = page.year_error.is_some();
    unprocessable_if(render(ctx, &page), bad)
}

async fn overview(State(s): State<WebState>, ctx: Ctx, Query(q): Query<ListQuery>) -> Response {
    show(&s, &ctx, None, q).await
}

async fn list_delegations(State(s): State<WebState>, ctx: Ctx, Query(q): Query<ListQuery>) -> Response {
    show(&s, &ctx, Some(ExchangeKind::Delegation), q).await
}

async fn list_dispatches(State(s): State<WebState>, ctx: Ctx, Query(q): Query<ListQuery>) -> Response {
    show(&s, &ctx, Some(ExchangeKind::Dispatch), q).await
}

async fn list_symposiums(State(s): State<WebState>, ctx: Ctx, Query(q): Query<ListQuery>) -> Response {
    show(&s, &ctx, Some(ExchangeKind::Symposium), q).await
}

async fn list_calls(State(s): State<WebState>, ctx: Ctx, Query(q): Query<ListQuery>) -> Response {
    show(&s, &ctx, Some(ExchangeKind::CourtesyCall), q).await
}
