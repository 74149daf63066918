//! Search in the web (#16): the console's results page behind the header's
//! search box (`/console/search?q=&kind=`: every kind staff may find,
//! grouped, with a count per kind and the matches marked), and the public
//! portal's search (`/search?q=`: places and public stories only, never
//! people). The index is the server's one [`Search`] ([`index`]); the API's
//! `GET /api/v1/search` is `api/search.rs`. While a server's index is
//! being built (its first start over a large store), both pages answer at
//! once from the records indexed so far and say how many of how many.

use std::fmt;
use std::sync::Arc;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use kizuna_app::search::{Grouped, KINDS, Search, SearchError, SearchHit, Searcher};
use kizuna_domain::common::account::{Role, User};
use kizuna_domain::common::programme::Programme;
use kizuna_domain::partnerships::outcome::Outcome;

use super::{message, render};
use crate::session::{Ctx, WebState};

/// The longest query taken, in characters.
pub const MAX_QUERY_CHARS: usize = 200;
/// Hits shown of each kind on the console's page when no kind is chosen.
const PER_KIND: usize = 5;
/// Hits shown of the one kind chosen.
const ONE_KIND: usize = 50;

/// The search a server keeps, handed to the router ([`crate::WebOptions`]).
#[derive(Clone)]
pub struct SharedSearch(pub Arc<Search>);

impl fmt::Debug for SharedSearch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SharedSearch({} documents)", self.0.len())
    }
}

/// The server's search index; built in memory from the store on first use
/// when the server was given none (tests).
pub async fn index(s: &WebState) -> Result<Arc<Search>, SearchError> {
    s.search
        .get_or_try_init(|| async { Search::in_memory(&s.app).await.map(Arc::new) })
        .await
        .cloned()
}

/// What the caller may find: staff everything, a partner its own
/// organisation's records, anyone else what visitors may.
pub fn searcher_for(user: Option<&User>) -> Searcher {
    match user {
        Some(u) if u.role.can_write() => Searcher::Staff,
        Some(User {
            role: Role::Partner,
            organisation_id: Some(org),
            ..
        }) => Searcher::Partner(*org),
        _ => Searcher::Public,
    }
}

fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// `text` as HTML, each matched byte range in `<mark>`; everything
/// escaped (ranges off a character boundary or out of order are skipped).
pub fn marked(text: &str, ranges: &[[usize; 2]]) -> String {
    let mut out = String::with_capacity(text.len() + 16 * ranges.len());
    let mut at = 0;
    for &[start, end] in ranges {
        if start < at || start >= end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        escape(&text[at..start], &mut out);
        out.push_str("<mark>");
        escape(&text[start..end], &mut out);
        out.push_str("</mark>");
        at = end;
    }
    escape(&text[at..], &mut out);
    out
}

#[derive(serde::Deserialize)]
struct SearchQuery {
    q: Option<String>,
    kind: Option<String>,
}

pub fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
        .route("/console/search", get(console_search))
        .route("/search", get(public_search))
}

/// One hit as a page lists it.
struct Row {
    href: String,
    /// HTML: the title with its matches marked.
    title: String,
    /// HTML: the excerpt with its matches marked.
    excerpt: Option<String>,
}

/// One kind's results.
struct Group {
    kind: String,
    label: String,
    count: usize,
    count_text: String,
    rows: Vec<Row>,
    /// A link to every result of this kind, when more were found than shown.
    more: Option<(String, String)>,
}

#[derive(Template)]
#[template(path = "search/results.html")]
struct ResultsPage<'a> {
    ctx: &'a Ctx,
    public: bool,
    action: &'static str,
    q: String,
    kind: String,
    /// Each kind with its label, count, count as written and link (the kind filter).
    kinds: Vec<(String, String, usize, String, String)>,
    problem: Option<String>,
    /// `Some` while the index is being built: how far, as written.
    building: Option<String>,
    /// `Some` once searched: how many were found (empty when none).
    found: Option<String>,
    /// Found of every kind, whichever kind is shown, and as written.
    total_all: usize,
    total_all_text: String,
    all_link: String,
    groups: Vec<Group>,
}

fn kind_label(ctx: &Ctx, kind: &str, public: bool) -> String {
    if public && kind == "outcome" {
        ctx.t("search-kind-story")
    } else {
        ctx.t(&format!("search-kind-{kind}"))
    }
}

fn link(action: &str, q: &str, kind: Option<&str>) -> String {
    let mut l = format!("{action}?q={}", crate::session::urlencode(q));
    if let Some(k) = kind {
        l.push_str("&kind=");
        l.push_str(k);
    }
    l
}

/// The console page of a hit.
async fn console_href(s: &WebState, h: &SearchHit) -> String {
    let id = h.id;
    match h.kind.as_str() {
        "person" => format!("/console/people/{id}"),
        "organisation" => format!("/console/profiles/organisation/{id}"),
        "locality" => format!("/console/profiles/locality/{id}"),
        "activity" => format!("/console/activities/{id}/edit"),
        "outcome" => format!("/console/outcomes/{id}/edit"),
        "placement" => format!("/console/placements/{id}"),
        "delegation" => format!("/console/delegations/{id}"),
        "place" => format!("/console/places/{id}/edit"),
        // Training courses are edited on their own page; other programmes
        // are partnerships.
        "programme" => match s.app.store.get::<Programme>(id).await {
            Ok(p) if p.fields.kind == kizuna_domain::common::programme::ProgrammeKind::TrainingCourse => {
                format!("/console/courses/{id}/edit")
            }
            _ => format!("/console/partnerships/{id}"),
        },
        _ => "/console".to_owned(),
    }
}

/// The public page of a hit: a place's page, a story's programme page.
async fn public_href(s: &WebState, h: &SearchHit) -> Option<String> {
    match h.kind.as_str() {
        "place" => Some(format!("/map/places/{}", h.id)),
        "outcome" => {
            let o = s.app.store.get::<Outcome>(h.id).await.ok()?;
            let p = s.app.store.get::<Programme>(o.fields.programme_id).await.ok()?;
            Some(format!("/programmes/{}/story", p.fields.key))
        }
        _ => None,
    }
}

/// The query from the address: trimmed; an error in the reader's language
/// when too long.
fn checked_query(ctx: &Ctx, q: Option<&str>) -> (String, Option<String>) {
    let q = q.unwrap_or_default().trim().to_owned();
    if q.chars().count() > MAX_QUERY_CHARS {
        let problem = ctx.t1("search-too-long", "max", MAX_QUERY_CHARS);
        return (q.chars().take(MAX_QUERY_CHARS).collect(), Some(problem));
    }
    (q, None)
}

async fn results(s: &WebState, ctx: &Ctx, public: bool, raw: SearchQuery) -> Response {
    let action = if public { "/search" } else { "/console/search" };
    let (q, mut problem) = checked_query(ctx, raw.q.as_deref());
    let kind = raw.kind.filter(|k| KINDS.contains(&k.as_str())).unwrap_or_default();
    let mut grouped = Grouped::default();
    if !q.is_empty() && problem.is_none() {
        let search = match index(s).await {
            Ok(search) => search,
            Err(e) => {
                tracing::error!(error = %e, "the search index could not be opened");
                return message(ctx, StatusCode::SERVICE_UNAVAILABLE, "error-title", "error-database");
            }
        };
        let (who, app) = if public {
            (Searcher::Public, s.app.as_ref().clone())
        } else {
            (searcher_for(ctx.user.as_ref()), crate::acting::for_ctx(s, ctx))
        };
        let kinds: Vec<String> = if kind.is_empty() { vec![] } else { vec![kind.clone()] };
        let per_kind = if kind.is_empty() { PER_KIND } else { ONE_KIND };
        match search.grouped(&app, who, &q, &kinds, ctx.lang.code(), per_kind).await {
            Ok(g) => grouped = g,
            Err(e) => {
                tracing::error!(error = %e, "search failed");
                problem = Some(ctx.t("error-database"));
            }
        }
    }
    let mut groups: Vec<Group> = Vec::new();
    for (k, count) in &grouped.counts {
        let mut rows = Vec::new();
        for h in grouped.hits.iter().filter(|h| &h.kind == k) {
            let href = if public {
                match public_href(s, h).await {
                    Some(href) => href,
                    None => continue,
                }
            } else {
                console_href(s, h).await
            };
            rows.push(Row {
                href,
                title: marked(&h.title, &h.title_matches),
                excerpt: h.excerpt.as_ref().map(|e| marked(e, &h.excerpt_matches)),
            });
        }
        if rows.is_empty() {
            continue;
        }
        let more = (*count > rows.len() && kind.is_empty()).then(|| {
            (
                link(action, &q, Some(k)),
                ctx.tn("search-show-all", "count", *count as i64),
            )
        });
        groups.push(Group {
            kind: k.clone(),
            label: kind_label(ctx, k, public),
            count: *count,
            count_text: ctx.num(*count as i64),
            rows,
            more,
        });
    }
    let kinds = grouped
        .counts
        .iter()
        .map(|(k, n)| {
            (
                k.clone(),
                kind_label(ctx, k, public),
                *n,
                ctx.num(*n as i64),
                link(action, &q, Some(k)),
            )
        })
        .collect();
    let building = grouped.building.map(|b| building_notice(ctx, b));
    let found = (!q.is_empty() && problem.is_none()).then(|| {
        let total = if kind.is_empty() {
            grouped.total()
        } else {
            grouped.counts.iter().find(|(k, _)| *k == kind).map_or(0, |(_, n)| *n)
        };
        if total == 0 {
            String::new()
        } else {
            ctx.tn("search-found", "count", total as i64)
        }
    });
    render(
        ctx,
        &ResultsPage {
            ctx,
            public,
            action,
            all_link: link(action, &q, None),
            total_all: grouped.total(),
            total_all_text: ctx.num(grouped.total() as i64),
            q,
            kind,
            kinds,
            problem,
            building,
            found,
            groups,
        },
    )
}

/// "The search index is being built: N of M records …" in the reader's
/// language.
fn building_notice(ctx: &Ctx, b: kizuna_app::search::Building) -> String {
    let n = |v: u64| ctx.num(i128::from(v));
    kizuna_i18n::message(
        ctx.lang,
        "search-building",
        &[
            ("indexed", fluent_bundle::FluentValue::from(n(b.indexed))),
            ("total", fluent_bundle::FluentValue::from(n(b.total.max(b.indexed)))),
        ],
    )
}

async fn console_search(State(s): State<WebState>, ctx: Ctx, Query(q): Query<SearchQuery>) -> Response {
    if let Err(r) = ctx.require_staff() {
        return r;
    }
    results(&s, &ctx, false, q).await
}

async fn public_search(State(s): State<WebState>, ctx: Ctx, Query(q): Query<SearchQuery>) -> Response {
    results(&s, &ctx, true, q).await
}

#[cfg(test)]
mod tests {
    use super::marked;

    #[test]
    fn matches_are_marked_and_everything_is_escaped() {
        assert_eq!(
            marked("<b>Halal</b> & more", &[[3, 8]]),
            "&lt;b&gt;<mark>Halal</mark>&lt;/b&gt; &amp; more"
        );
        // Japanese: byte ranges on character boundaries.
        let t = "釧路のハラール";
        assert_eq!(
            marked(t, &[[0, 6], [9, 21]]),
            "<mark>釧路</mark>の<mark>ハラール</mark>"
        );
        // A range inside a character, or overlapping the last, is skipped.
        assert_eq!(marked(t, &[[1, 3]]), t);
        assert_eq!(marked("abc", &[[0, 2], [1, 3]]), "<mark>ab</mark>c");
    }
}
