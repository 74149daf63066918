//! `/links`: the local-to-local links as a table (which reads without
//! JavaScript) and as lines between localities on the map's basemap
//! (`assets/links.js`, Leaflet over the embedded world-atlas land shapes,
//! with the configured tiles when there are any). Links and the number of
//! outcomes they produced are no one's personal data, so the page is
//! public; for visitors who are not staff it shows only programmes marked
//! public and counts only outcomes marked public.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use kizuna_i18n::{self as i18n, FluentValue};
use serde_json::json;

use super::ripple::{script_json, unavailable};
use crate::pages::render;
use crate::session::{Ctx, WebState};

pub fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new().route("/links", get(links_page))
}

/// A link as the table lists it.
struct LinkRow {
    japan: String,
    abroad: String,
    kinds: Vec<String>,
    since: String,
    /// (href of the public story or the staff graph, title)
    programmes: Vec<(Option<String>, String)>,
    organisations: Vec<String>,
    produced: String,
}

#[derive(Template)]
#[template(path = "ripple/links.html")]
struct LinksPage<'a> {
    ctx: &'a Ctx,
    rows: Vec<LinkRow>,
    /// How many localities are not drawn, and their names.
    not_drawn: Option<(String, String)>,
    config_json: String,
}

async fn links_page(State(s): State<WebState>, ctx: Ctx) -> Response {
    let staff = ctx.is_staff();
    let Ok(pairs) = s.app.locality_pairs(!staff).await else {
        return unavailable(&ctx);
    };
    let mut rows = Vec::new();
    let mut lines = Vec::new();
    let mut unplaced: Vec<String> = Vec::new();
    for p in &pairs {
        let japan = ctx.local(&p.japan.name);
        let abroad = format!(
            "{} ({})",
            ctx.local(&p.abroad.name),
            kizuna_domain::common::CountryCode::parse(&p.abroad.country)
                .map(|c| c.country().name(ctx.lang.code()).to_owned())
                .unwrap_or_else(|_| p.abroad.country.clone())
        );
        for (end, name) in [(&p.japan, &japan), (&p.abroad, &abroad)] {
            if end.centre.is_none() && !unplaced.contains(name) {
                unplaced.push(name.clone());
            }
        }
        let mut kinds: Vec<String> = p
            .link_kinds
            .iter()
            .map(|k| ctx.t(&format!("ripple-link-kind-{k}")))
            .collect();
        if !p.programmes.is_empty() {
            kinds.push(ctx.t("ripple-links-programme"));
        }
        let programmes: Vec<(Option<String>, String)> = p
            .programmes
            .iter()
            .map(|g| {
                let href = if staff {
                    Some(format!("/console/partnerships/{}/ripple", g.id))
                } else {
                    g.public.then(|| format!("/programmes/{}/story", g.key))
                };
                (href, ctx.local(&g.title))
            })
            .collect();
        let produced = i18n::message(
            ctx.lang,
            "ripple-links-produced",
            &[
                ("japan", FluentValue::from(p.produced.japan)),
                ("abroad", FluentValue::from(p.produced.abroad)),
                ("both", FluentValue::from(p.produced.both)),
            ],
        );
        let since = ctx.date(&p.since);
        if let (Some(a), Some(b)) = (p.japan.centre, p.abroad.centre) {
            lines.push(json!({
                "from": [a.0, a.1],
                "to": [b.0, b.1],
                "japan": japan,
                "abroad": abroad,
                "kinds": kinds.join(", "),
                "since": since,
                "programmes": programmes.iter().map(|(_, t)| t.clone()).collect::<Vec<_>>(),
                "produced": produced,
            }));
        }
        rows.push(LinkRow {
            japan,
            abroad,
            kinds,
            since,
            programmes,
            organisations: p.organisations.iter().map(|(_, n)| ctx.local(n)).collect(),
            produced,
        });
    }
    let tiles = s.tiles.as_ref().map(|t| {
        let (text, link) = match t.attribution.as_deref() {
            Some(a) => (a.to_owned(), None),
            None => (
                ctx.t("map-osm-contributors"),
                Some("https://www.openstreetmap.org/copyright"),
            ),
        };
        json!({"url": t.url(), "attribution": text, "link": link})
    });
    let config = json!({
        "lines": lines,
        "tiles": tiles,
        "basemap": "/assets/land-50m.json",
        "text": {
            "zoom_in": ctx.t("ripple-links-zoom-in"),
            "zoom_out": ctx.t("ripple-links-zoom-out"),
            "basemap": ctx.t("ripple-links-basemap"),
            "tiles_offline": ctx.t("ripple-links-tiles-offline"),
            "since": ctx.t("ripple-links-col-since"),
            "through": ctx.t("ripple-links-col-through"),
        },
    });
    let not_drawn = (!unplaced.is_empty()).then(|| {
        (
            ctx.tn("ripple-links-not-drawn-count", "count", unplaced.len() as i64),
            unplaced.join(", "),
        )
    });
    render(
        &ctx,
        &LinksPage {
            ctx: &ctx,
            rows,
            not_drawn,
            config_json: script_json(&config),
        },
    )
}
