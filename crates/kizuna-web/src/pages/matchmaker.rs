//! The matchmaker in the staff console (`/console/match`): choose a
//! locality or an organisation, and see its ranked counterparts with the
//! evidence behind each, in the reader's language. The same application
//! functions as `kizuna match`.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use fluent_bundle::FluentValue;
use kizuna_app::matchmaker::{Asked, MatchNetwork, suggestions_in};
use kizuna_domain::common::Id;
use kizuna_domain::matchmaker::{Explanation, PartyKind, Ref, RefKind, Scorer};
use kizuna_domain::partnerships::themes::Theme;
use kizuna_i18n::Lang;

use super::{message, render};
use crate::session::{Ctx, WebState};

/// How many counterparts the page lists.
const SHOWN: usize = 10;

pub fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new().route("/console/match", get(match_page))
}

#[derive(serde::Deserialize)]
struct MatchQuery {
    locality: Option<String>,
    organisation: Option<String>,
}

struct Row {
    rank: usize,
    name: String,
    country: String,
    score: String,
    why: Vec<String>,
}

/// What the page says about the party asked about.
struct Asking {
    name: String,
    /// Why it cannot be matched, in the reader's language.
    not_matchable: Option<String>,
    ranked: String,
    known: String,
    rows: Vec<Row>,
}

#[derive(Template)]
#[template(path = "console/match.html")]
struct MatchPage<'a> {
    ctx: &'a Ctx,
    localities: Vec<(Id, String, bool)>,
    organisations: Vec<(Id, String, bool)>,
    asking: Option<Asking>,
}

/// A record id from the query: absent when blank, `Err` when not a number.
fn id_of(v: Option<&str>) -> Result<Option<Id>, ()> {
    match v.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => v.parse::<Id>().map(Some).map_err(|_| ()),
    }
}

async fn match_page(State(s): State<WebState>, ctx: Ctx, Query(q): Query<MatchQuery>) -> Response {
    if let Err(r) = ctx.require_staff() {
        return r;
    }
    let (Ok(locality), Ok(organisation)) = (id_of(q.locality.as_deref()), id_of(q.organisation.as_deref())) else {
        return message(&ctx, StatusCode::BAD_REQUEST, "not-found-title", "not-found-body");
    };
    let m = match s.app.matchmaker_network(ctx.lang).await {
        Ok(m) => m,
        Err(e) => {
            tracing::error!(error = %e, "matchmaker page failed");
            return message(&ctx, StatusCode::SERVICE_UNAVAILABLE, "error-title", "error-database");
        }
    };
    let asked = match (locality, organisation) {
        (Some(id), _) => Some(Asked::LocalityId(id)),
        (None, Some(id)) => Some(Asked::OrganisationId(id)),
        (None, None) => None,
    };
    let asking = match asked {
        None => None,
        Some(a) => match asking(&ctx, &m, a) {
            Some(x) => Some(x),
            None => return message(&ctx, StatusCode::NOT_FOUND, "not-found-title", "not-found-body"),
        },
    };
    let chosen = |kind, id: Option<Id>| -> Vec<(Id, String, bool)> {
        m.choices(kind, ctx.lang)
            .into_iter()
            .map(|(i, n)| (i, n, Some(i) == id))
            .collect()
    };
    let page = MatchPage {
        ctx: &ctx,
        localities: chosen(PartyKind::Locality, locality),
        organisations: chosen(
            PartyKind::Organisation,
            if locality.is_some() { None } else { organisation },
        ),
        asking,
    };
    render(&ctx, &page)
}

/// The suggestions for a party, or `None` when there is no such party.
fn asking(ctx: &Ctx, m: &MatchNetwork, asked: Asked<'_>) -> Option<Asking> {
    let key = match asked {
        Asked::LocalityId(id) => format!("locality:{id}"),
        Asked::OrganisationId(id) => format!("organisation:{id}"),
        _ => return None,
    };
    let q = m.net.find(&key)?;
    let party = &m.net.parties[q];
    let name = party.label.clone();
    if let Some(reason) = &party.not_matchable {
        let text = msg(
            ctx.lang,
            "matchmaker-not-matchable",
            &[("name", &name), ("reason", reason)],
        );
        return Some(Asking {
            name,
            not_matchable: Some(text),
            ranked: String::new(),
            known: String::new(),
            rows: Vec::new(),
        });
    }
    let s = suggestions_in(m, asked, SHOWN, Scorer::Matchmaker).ok()?;
    let known = if s.partners.is_empty() {
        ctx.t("matchmaker-no-known")
    } else {
        let names: Vec<&str> = s.partners.iter().map(|p| p.label.as_str()).collect();
        ctx.t1("matchmaker-known", "names", names.join(", "))
    };
    let rows = s
        .suggestions
        .iter()
        .map(|x| Row {
            rank: x.rank,
            name: x.party.label.clone(),
            country: x
                .country
                .map(|c| c.country().name(ctx.lang.code()).to_owned())
                .unwrap_or_default(),
            score: format!("{:.2}", x.score),
            why: x
                .explanation
                .as_ref()
                .map(|e| why(ctx, e, &name, &x.party.label))
                .unwrap_or_default(),
        })
        .collect();
    Some(Asking {
        name,
        not_matchable: None,
        ranked: ctx.tn("matchmaker-ranked", "count", s.candidates as i64),
        known,
        rows,
    })
}

/// A message with text arguments.
fn msg(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let args: Vec<(&str, FluentValue<'_>)> = args.iter().map(|(k, v)| (*k, FluentValue::from(*v))).collect();
    kizuna_i18n::message(lang, key, &args)
}

/// A theme's name in the reader's language (a word from a links file as
/// it is).
fn theme(lang: Lang, key: &str) -> String {
    match key.parse::<Theme>() {
        Ok(t) => {
            let i = t.info();
            match lang {
                Lang::En => i.name_en,
                Lang::Ja => i.name_ja,
                Lang::Th => i.name_th,
                Lang::Ms => i.name_ms,
            }
            .to_owned()
        }
        Err(_) => key.to_owned(),
    }
}

fn themes(lang: Lang, keys: &[String]) -> String {
    keys.iter().map(|k| theme(lang, k)).collect::<Vec<_>>().join(", ")
}

/// A cited record: offers and needs in words, the others as kind:id.
fn cite(ctx: &Ctx, r: Ref) -> String {
    match r.kind {
        RefKind::Offer => ctx.t1("matchmaker-offer", "id", r.id),
        RefKind::Need => ctx.t1("matchmaker-need", "id", r.id),
        _ => r.to_string(),
    }
}

fn cites(ctx: &Ctx, refs: &[Ref]) -> String {
    refs.iter().map(|r| cite(ctx, *r)).collect::<Vec<_>>().join(", ")
}

/// The explanation as sentences, every piece of evidence by record.
fn why(ctx: &Ctx, e: &Explanation, query: &str, candidate: &str) -> Vec<String> {
    let lang = ctx.lang;
    let mut lines = Vec::new();
    for m in &e.meets {
        let (by, to) = if m.query_offers {
            (query, candidate)
        } else {
            (candidate, query)
        };
        lines.push(msg(
            lang,
            "matchmaker-meets",
            &[
                ("offer", &cite(ctx, m.offer)),
                ("by", by),
                ("need", &cite(ctx, m.need)),
                ("to", to),
                ("theme", &theme(lang, &m.theme)),
            ],
        ));
    }
    if e.mutual {
        lines.push(ctx.t("matchmaker-mutual"));
    }
    if !e.shared_themes.is_empty() {
        lines.push(ctx.t1("matchmaker-shared", "themes", themes(lang, &e.shared_themes)));
    }
    for v in &e.closeness {
        let through: Vec<&str> = v.through.iter().map(|n| n.label.as_str()).collect();
        lines.push(msg(
            lang,
            "matchmaker-through",
            &[("through", &through.join(" → ")), ("links", &cites(ctx, &v.links))],
        ));
    }
    for r in &e.resembles {
        lines.push(msg(
            lang,
            "matchmaker-resembles",
            &[
                ("a", &r.between[0].label),
                ("b", &r.between[1].label),
                ("links", &cites(ctx, &r.link)),
                ("themes", &themes(lang, &r.themes)),
                ("outcomes", &cites(ctx, &r.outcomes)),
            ],
        ));
    }
    lines.push(ctx.tn("matchmaker-partners", "count", e.partners as i64));
    lines
}
