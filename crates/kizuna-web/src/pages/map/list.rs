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
    /// The first thing the card says: the halal assurance, or "prayer place".
    pub lead: Badge,
    /// The certifier and until when (certified places).
    pub certificate: Option<String>,
    /// Prayer badges (men and women, wudu) of a place of prayer.
    pub prayer_badges: Vec<String>,
    pub distance: Option<String>,
    pub open: Badge,
    /// A place with food that also has a prayer space.
    pub prayer_space: bool,
    pub stale: bool,
    pub address: Option<String>,
}

#[derive(Template)]
#[template(path = "map.html")]
pub(crate) struct MapPage<'a> {
    pub(crate) ctx: &'a Ctx,
    /// The chips in the one row under the title.
    pub(crate) main: Vec<Chip>,
    /// The rest, behind "more filters".
    pub(crate) categories: Vec<Chip>,
    pub(crate) assurances: Vec<Chip>,
    /// Some filter behind "more filters" is on: it opens.
    pub(crate) more_open: bool,
    pub(crate) legend: Vec<Badge>,
    pub(crate) ignored: Vec<String>,
    pub(crate) items: Vec<ListItem>,
    pub(crate) heading: String,
    pub(crate) truncated: Option<String>,
    pub(crate) sorted_by_distance: bool,
    pub(crate) demo: bool,
    pub(crate) osm: bool,
    pub(crate) api_query: String,
    pub(crate) places_json: String,
    pub(crate) config_json: String,
}

/// A distance as the list shows it: metres to 10 m under a kilometre, then
/// kilometres to one decimal (whole ones from 10 km).
pub(crate) fn distance_text(ctx: &Ctx, metres: f64) -> String {
    let band = kizuna_app::map::visit::distance_band(metres);
    let shown = if band < 1000 {
        format!("{} m", ctx.num(i64::try_from(band).unwrap_or(i64::MAX)))
    } else if band < 10_000 {
        // Tenths of a kilometre, written with the language's decimal sign
        // (a point in each of the four).
        format!("{}.{} km", band / 1000, (band % 1000) / 100)
    } else {
        format!("{} km", ctx.num(i64::try_from(band / 1000).unwrap_or(i64::MAX)))
    };
    tr(ctx, "map-distance-away", &[("distance", shown)])
}

pub(crate) async fn map_page(State(s): State<WebState>, ctx: Ctx, RawQuery(raw): RawQuery) -> Response {
    let q = MapQuery::parse(raw.as_deref());
    // By distance when the visitor's position is known, the stronger
    // assurance first among places as far away, then by name as a reader
    // of the page's language orders names (ICU collation); only the first
    // MAX_RESULTS are shown, and only they are read whole.
    let found = s.app.visitor_places(&q.filter(), q.near, ctx.lang, MAX_RESULTS).await;
    let ((matched, hits), total) = match (found, s.app.place_index().await) {
        (Ok(f), Ok(ix)) => (f, ix.len()),
        _ => return message(&ctx, StatusCode::SERVICE_UNAVAILABLE, "error-title", "error-database"),
    };
    let now = s.app.now();
    let shown: Vec<(String, &'static str, PlaceHit)> = hits
        .into_iter()
        .map(|h| {
            let (name, lang) = best_name(&h.place, ctx.lang);
            (name, lang, h)
        })
        .collect();
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
            let lead = lead_badge(&ctx, &h);
            let pos = h.place.fields.position;
            markers.push(json!({
                "id": h.place.id,
                "lat": pos.lat(),
                "lon": pos.lon(),
                "name": name,
                "lang": name_lang,
                "kind": h.place.fields.category.as_str(),
                "level": lead.class,
                "label": format!("{category} · {}", lead.text),
                "href": place_href(h.place.id),
            }));
            let is_prayer = Lead::of(&h) == Lead::Prayer;
            ListItem {
                id: h.place.id,
                href: place_href(h.place.id),
                name,
                name_lang,
                category,
                certificate: certificate_note(&ctx, &h),
                prayer_badges: if is_prayer { prayer_badges(&ctx, &h) } else { Vec::new() },
                lead,
                distance: h.distance_m.map(|m| distance_text(&ctx, m)),
                open: open_badge(&ctx, &open_status(&h, now)),
                prayer_space: !is_prayer && h.place.fields.prayer.prayer_space,
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
    let main = vec![
        chip(
            "assurance",
            Assurance::Certified.as_str(),
            ctx.t("map-assurance-certified"),
            q.assurances.contains(&Assurance::Certified),
        ),
        chip(
            "assurance",
            Assurance::SelfDeclared.as_str(),
            ctx.t("map-chip-muslim-friendly"),
            q.assurances.contains(&Assurance::SelfDeclared),
        ),
        chip("open_now", "true", ctx.t("map-filter-open-now"), q.open_now),
        chip(
            "category",
            PlaceCategory::Restaurant.as_str(),
            category_label(&ctx, PlaceCategory::Restaurant),
            q.categories.contains(&PlaceCategory::Restaurant),
        ),
        chip("prayer_space", "true", ctx.t("map-filter-prayer-space"), q.prayer_space),
    ];
    let categories: Vec<Chip> = PlaceCategory::ALL
        .iter()
        .filter(|c| **c != PlaceCategory::Restaurant)
        .map(|c| {
            chip(
                "category",
                c.as_str(),
                category_label(&ctx, *c),
                q.categories.contains(c),
            )
        })
        .collect();
    // Pork-free and vegetarian are not halal: chips of their own. "Not
    // known" is no assurance to ask for; offered only to be turned off.
    let assurances: Vec<Chip> = [Assurance::PorkFree, Assurance::VegetarianOptions, Assurance::Unknown]
        .iter()
        .filter(|a| **a != Assurance::Unknown || q.assurances.contains(a))
        .map(|a| {
            chip(
                "assurance",
                a.as_str(),
                ctx.t(&format!("map-filter-{}", kebab(a.as_str()))),
                q.assurances.contains(a),
            )
        })
        .collect();
    let more_open = categories.iter().chain(&assurances).any(|c| c.on);
    let legend = [
        ("map-assurance-certified", "certified"),
        ("map-assurance-self-declared", "self-declared"),
        ("map-assurance-pork-free", "pork-free"),
        ("map-assurance-vegetarian-options", "vegetarian"),
        ("map-lead-prayer", "prayer"),
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
            main,
            categories,
            assurances,
            more_open,
            legend,
            ignored,
            items,
            heading,
            truncated,
            sorted_by_distance: q.near.is_some(),
            demo,
            osm,
            api_query: q.api_query(),
            places_json: script_json(&Value::Array(markers)),
            config_json: script_json(&map_config(&ctx, s.tiles.as_deref(), s.basemap.as_deref())),
        },
    )
}
