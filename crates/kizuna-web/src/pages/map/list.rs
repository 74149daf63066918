use super::*;

pub struct Chip {
    pub name: &'static str,
    pub value: String,
    pub label: String,
    pub on: bool,
}

pub struct ListItem {
    pub id: i64,
    pub href: String,
    pub name: String,
    pub name_lang: &'static str,
    pub category: String,
    pub assurance: Badge,
    pub certificate: Option<String>,
    pub open: Badge,
    pub prayer_space: bool,
    pub stale: bool,
    pub address: Option<String>,
}

#[derive(Template)]
#[template(path = "map.html")]
pub(crate) struct MapPage<'a> {
    pub(crate) ctx: &'a Ctx,
    pub(crate) categories: Vec<Chip>,
    pub(crate) assurances: Vec<Chip>,
    pub(crate) others: Vec<Chip>,
    pub(crate) legend: Vec<Badge>,
    pub(crate) ignored: Vec<String>,
    pub(crate) items: Vec<ListItem>,
    pub(crate) heading: String,
    pub(crate) truncated: Option<String>,
    pub(crate) demo: bool,
    pub(crate) osm: bool,
    pub(crate) api_query: String,
    pub(crate) places_json: String,
    pub(crate) config_json: String,
}

pub(crate) async fn map_page(State(s): State<WebState>, ctx: Ctx, RawQuery(raw): RawQuery) -> Response {
    let q = MapQuery::parse(raw.as_deref());
    let (hits, total) = match (s.app.all_places(&q.filter()).await, s.app.place_index().await) {
        (Ok(h), Ok(ix)) => (h, ix.len()),
        _ => return message(&ctx, StatusCode::SERVICE_UNAVAILABLE, "error-title", "error-database"),
    };
    let matched = hits.len();
    // By name, as a reader of the page's language orders names (ICU
    // collation: Thai, Japanese kana and kanji, accents); only the first
    // MAX_RESULTS are put in order.
    /// (collation key and id, name shown, its language, the place)
    type Keyed = ((Vec<u8>, i64), String, &'static str, PlaceHit);
    let mut keyed: Vec<Keyed> = hits
        .into_iter()
        .map(|h| {
            let (name, lang) = best_name(&h.place, ctx.lang);
            ((kizuna_i18n::sort_key(ctx.lang, &name), h.place.id), name, lang, h)
        })
        .collect();
    order_first(&mut keyed, MAX_RESULTS, |a, b| a.0.cmp(&b.0));
    keyed.truncate(MAX_RESULTS);
    let shown: Vec<(String, &'static str, PlaceHit)> = keyed.into_iter().map(|(_, n, l, h)| (n, l, h)).collect();
    let demo = shown
        .iter()
        .any(|(_, _, h)| h.place.fields.source.kind() == SourceKind::Demo);
    let osm = shown
        .iter()
        .any(|(_, _, h)| h.place.fields.source.kind() == SourceKind::Openstreetmap);
    let mut markers = Vec::with_capacity(shown.len());
    let items: Vec<ListItem> = shown
        .into_iter()
        .map(|(name, name_lang, h)| {
            let category = category_label(&ctx, h.place.fields.category);
            let assurance = assurance_badge(&ctx, &h);
            let pos = h.place.fields.position;
            markers.push(json!({
                "id": h.place.id,
                "lat": pos.lat(),
                "lon": pos.lon(),
                "name": name,
                "lang": name_lang,
                "kind": h.place.fields.category.as_str(),
                "level": assurance.class,
                "label": format!("{category} · {}", assurance.text),
                "href": place_href(h.place.id),
            }));
            ListItem {
                id: h.place.id,
                href: place_href(h.place.id),
                name,
                name_lang,
                category,
                certificate: certificate_note(&ctx, &h),
                assurance,
                open: open_badge(&ctx, h.open_now),
                prayer_space: h.place.fields.prayer.prayer_space,
                stale: h.stale,
                address: h.place.fields.address.as_ref().map(|a| a.as_str().to_owned()),
            }
        })
        .collect();
    let chip = |name: &'static str, value: &str, label: String, on: bool| Chip {
        name,
        value: value.to_owned(),
        label,
        on,
    };
    let categories = PlaceCategory::ALL
        .iter()
        .map(|c| {
            chip(
                "category",
                c.as_str(),
                category_label(&ctx, *c),
                q.categories.contains(c),
            )
        })
        .collect();
    let assurances = Assurance::ALL
        .iter()
        .map(|a| {
            chip(
                "assurance",
                a.as_str(),
                ctx.t(&format!("map-filter-{}", kebab(a.as_str()))),
                q.assurances.contains(a),
            )
        })
        .collect();
    let others = vec![
        chip("open_now", "true", ctx.t("map-filter-open-now"), q.open_now),
        chip("prayer_space", "true", ctx.t("map-filter-prayer-space"), q.prayer_space),
    ];
    let legend = [
        ("map-assurance-certified", "certified"),
        ("map-assurance-self-declared", "self-declared"),
        ("map-assurance-pork-free", "pork-free"),
        ("map-assurance-vegetarian-options", "vegetarian"),
        ("map-assurance-unknown", "unknown"),
        ("map-certificate-expired", "expired"),
    ]
    .into_iter()
    .map(|(k, class)| Badge { text: ctx.t(k), class })
    .collect();
    let heading = tr(
        &ctx,
        "map-places-heading",
        &[("shown", ctx.num(count(matched))), ("total", ctx.num(count(total)))],
    );
    let truncated =
        (matched > items.len()).then(|| tr(&ctx, "map-list-truncated", &[("shown", ctx.num(count(items.len())))]));
    let ignored = q
        .ignored
        .iter()
        .map(|v| tr(&ctx, "map-filter-ignored", &[("value", v.clone())]))
        .collect();
    render(
        &ctx,
        &MapPage {
            ctx: &ctx,
            categories,
            assurances,
            others,
            legend,
            ignored,
            items,
            heading,
            truncated,
            demo,
            osm,
            api_query: q.api_query(),
            places_json: script_json(&Value::Array(markers)),
            config_json: script_json(&map_config(&ctx, s.tiles.as_deref())),
        },
    )
}
