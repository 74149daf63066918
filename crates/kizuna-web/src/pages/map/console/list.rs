use super::*;

pub(crate) struct Line {
    pub(crate) id: Id,
    pub(crate) version: i64,
    pub(crate) name: String,
    pub(crate) other_name: String,
    pub(crate) category: String,
    pub(crate) assurance: Badge,
    pub(crate) locality: String,
    pub(crate) verified: String,
    pub(crate) stale: bool,
    pub(crate) certificate: String,
    pub(crate) certificate_badge: Option<Badge>,
}

pub(crate) struct Figure {
    pub(crate) value: String,
    pub(crate) label: String,
    pub(crate) href: &'static str,
}

#[derive(Template)]
#[template(path = "console/place_list.html")]
pub(crate) struct ListPage<'a> {
    pub(crate) ctx: &'a Ctx,
    pub(crate) notice: Option<String>,
    pub(crate) text: String,
    pub(crate) categories: Vec<Opt>,
    pub(crate) assurances: Vec<Opt>,
    pub(crate) stale_only: bool,
    pub(crate) figures: Vec<Figure>,
    pub(crate) total: String,
    pub(crate) showing: String,
    pub(crate) lines: Vec<Line>,
    pub(crate) prev: Option<String>,
    pub(crate) next: Option<String>,
    pub(crate) back: String,
}

pub(crate) fn category_options(ctx: &Ctx, current: &str, any: &str) -> Vec<Opt> {
    let mut out = vec![opt("", any, current)];
    out.extend(
        PlaceCategory::ALL
            .iter()
            .map(|c| opt(c.as_str(), label(ctx, "category", c.as_str()), current)),
    );
    out
}

pub(crate) fn assurance_options(ctx: &Ctx, current: &str, any: &str) -> Vec<Opt> {
    let mut out = vec![opt("", any, current)];
    out.extend(
        Assurance::ALL
            .iter()
            .map(|a| opt(a.as_str(), label(ctx, "assurance", a.as_str()), current)),
    );
    out
}

pub(crate) fn line(ctx: &Ctx, h: &PlaceHit, names: &HashMap<Id, String>) -> Line {
    let p = &h.place.fields;
    let cert = p.halal.certificate();
    Line {
        id: h.place.id,
        version: h.place.version,
        name: place_name(ctx, &h.place),
        other_name: other_name(ctx, &h.place),
        category: label(ctx, "category", p.category.as_str()),
        assurance: assurance_badge(ctx, p.halal.level()),
        locality: p.locality_id.and_then(|l| names.get(&l).cloned()).unwrap_or_default(),
        verified: p
            .last_verified
            .map(|d| ctx.date(&d))
            .unwrap_or_else(|| ctx.t("places-never-verified")),
        stale: h.stale,
        certificate: cert
            .map(|c| ctx.t1("places-cert-until", "date", ctx.date(&c.valid_until())))
            .unwrap_or_default(),
        certificate_badge: h.certificate_status.map(|s| certificate_badge(ctx, s)),
    }
}

pub(crate) async fn locality_names(s: &WebState, ctx: &Ctx) -> Result<HashMap<Id, String>, AppError> {
    Ok(localities(s)
        .await?
        .iter()
        .map(|l| (l.id, locality_name(ctx, l)))
        .collect())
}

pub(crate) fn notice_of(ctx: &Ctx, q: &BTreeMap<String, String>) -> Option<String> {
    if q.contains_key("verified") {
        Some(ctx.t("places-verified-notice"))
    } else if q.contains_key("deleted") {
        Some(ctx.t("places-deleted"))
    } else if q.contains_key("saved") {
        Some(ctx.t("places-saved"))
    } else {
        None
    }
}

pub(crate) async fn list(State(s): State<WebState>, ctx: Ctx, Query(q): Query<BTreeMap<String, String>>) -> Response {
    guard!(staff_only(&ctx));
    let get = |n: &str| q.get(n).map(|v| v.trim()).unwrap_or("");
    let category = get("category").parse::<PlaceCategory>().ok();
    let assurance = get("assurance").parse::<Assurance>().ok();
    let stale_only = matches!(get("stale"), "1" | "true" | "on");
    let text = get("q").to_owned();
    let offset = get("offset").parse::<usize>().unwrap_or(0);
    let query = StaffPlaceQuery {
        text: Some(text.clone()),
        category,
        assurance,
        stale_only,
        prefer: prefer(ctx.lang).into_iter().map(str::to_owned).collect(),
        offset,
        limit: PAGE_SIZE,
    };
    let found = ok_or_page!(&ctx, s.app.staff_places(&query).await);
    let names = ok_or_page!(&ctx, locality_names(&s, &ctx).await);
    let lines: Vec<Line> = found.places.iter().map(|h| line(&ctx, h, &names)).collect();

    // The filters as typed, for the pager's links.
    let mut filters: Vec<String> = Vec::new();
    if !text.is_empty() {
        filters.push(format!("q={}", urlencode(&text)));
    }
    if let Some(c) = category {
        filters.push(format!("category={c}"));
    }
    if let Some(a) = assurance {
        filters.push(format!("assurance={a}"));
    }
    if stale_only {
        filters.push("stale=1".into());
    }
    let href = |off: usize| {
        let mut parts = filters.clone();
        if off > 0 {
            parts.push(format!("offset={off}"));
        }
        if parts.is_empty() {
            "/console/places".to_owned()
        } else {
            format!("/console/places?{}", parts.join("&"))
        }
    };
    let total = found.total;
    let prev = (offset > 0).then(|| href(offset.saturating_sub(PAGE_SIZE)));
    let next = (offset + PAGE_SIZE < total).then(|| href(offset + PAGE_SIZE));
    let shown_to = (offset + lines.len()) as i64;
    let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    let showing = i18n::message(
        ctx.lang,
        "places-pager-showing",
        &[
            (
                "from",
                FluentValue::from(ctx.num(if lines.is_empty() { 0 } else { count(offset) + 1 })),
            ),
            ("to", FluentValue::from(ctx.num(shown_to))),
            ("count", FluentValue::from(count(total))),
            ("formatted", FluentValue::from(ctx.num(count(total)))),
        ],
    );
    let c = found.counts;
    let figure = |n: usize, key: &str, href: &'static str| Figure {
        value: ctx.num(count(n)),
        label: ctx.tn(key, "count", count(n)),
        href,
    };
    let any = ctx.t("places-filter-any");
    let page = ListPage {
        ctx: &ctx,
        notice: notice_of(&ctx, &q),
        categories: category_options(
            &ctx,
            category
                .map(kizuna_domain::map::place::PlaceCategory::as_str)
                .unwrap_or(""),
            &any,
        ),
        assurances: assurance_options(
            &ctx,
            assurance
                .map(kizuna_domain::map::place::Assurance::as_str)
                .unwrap_or(""),
            &any,
        ),
        stale_only,
        figures: vec![
            figure(c.all, "places-count-all", "/console/places"),
            figure(c.stale, "places-count-stale", "/console/places?stale=1"),
            figure(c.expiring, "places-count-expiring", "/console/places/review#expiring"),
            figure(c.expired, "places-count-expired", "/console/places/review#expired"),
        ],
        total: ctx.tn("places-list-total", "count", count(total)),
        showing,
        lines,
        prev,
        next,
        back: ctx.path.clone(),
        text,
    };
    render(&ctx, &page)
}
