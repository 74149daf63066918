use super::*;

pub(crate) struct ReviewLine {
    pub(crate) id: Id,
    pub(crate) version: i64,
    pub(crate) name: String,
    pub(crate) other_name: String,
    pub(crate) locality: String,
    pub(crate) certifier: String,
    pub(crate) number: String,
    pub(crate) until: String,
    pub(crate) days: String,
    pub(crate) verified: String,
}

#[derive(Template)]
#[template(path = "console/place_review.html")]
pub(crate) struct ReviewPage<'a> {
    pub(crate) ctx: &'a Ctx,
    pub(crate) notice: Option<String>,
    pub(crate) lead: String,
    pub(crate) expiring: Vec<ReviewLine>,
    pub(crate) expiring_count: String,
    pub(crate) expired: Vec<ReviewLine>,
    pub(crate) expired_count: String,
    pub(crate) stale: Vec<ReviewLine>,
    pub(crate) stale_count: String,
    pub(crate) back: String,
}

pub(crate) fn review_line(ctx: &Ctx, h: &PlaceHit, names: &HashMap<Id, String>, today: NaiveDate) -> ReviewLine {
    let p = &h.place.fields;
    let cert = p.halal.certificate();
    let days = cert
        .map(|c| {
            let left = (c.valid_until() - today).num_days();
            if left >= 0 {
                ctx.tn("places-days-left", "count", left)
            } else {
                ctx.tn("places-days-ago", "count", -left)
            }
        })
        .unwrap_or_default();
    ReviewLine {
        id: h.place.id,
        version: h.place.version,
        name: place_name(ctx, &h.place),
        other_name: other_name(ctx, &h.place),
        locality: p.locality_id.and_then(|l| names.get(&l).cloned()).unwrap_or_default(),
        certifier: cert.map(|c| c.certifier().to_string()).unwrap_or_default(),
        number: cert.map(|c| c.number().to_string()).unwrap_or_default(),
        until: cert.map(|c| ctx.date(&c.valid_until())).unwrap_or_default(),
        days,
        verified: p
            .last_verified
            .map(|d| ctx.date(&d))
            .unwrap_or_else(|| ctx.t("places-never-verified")),
    }
}

pub(crate) async fn review(State(s): State<WebState>, ctx: Ctx, Query(q): Query<BTreeMap<String, String>>) -> Response {
    guard!(staff_only(&ctx));
    let today = s.app.today();
    let r = ok_or_page!(&ctx, s.app.places_for_review().await);
    let names = ok_or_page!(&ctx, locality_names(&s, &ctx).await);
    let lines =
        |hits: &[PlaceHit]| -> Vec<ReviewLine> { hits.iter().map(|h| review_line(&ctx, h, &names, today)).collect() };
    let mut stale = r.stale.clone();
    // Never verified first, then the longest unverified.
    stale.sort_by_key(|h| (h.place.fields.last_verified, h.place.id));
    let count = |n: usize| ctx.tn("places-review-count", "count", i64::try_from(n).unwrap_or(i64::MAX));
    let page = ReviewPage {
        ctx: &ctx,
        notice: notice_of(&ctx, &q),
        lead: ctx.t1("places-review-lead", "date", ctx.date(&today)),
        expiring_count: count(r.expiring.len()),
        expiring: lines(&r.expiring),
        expired_count: count(r.expired.len()),
        expired: lines(&r.expired),
        stale_count: count(stale.len()),
        stale: lines(&stale),
        back: "/console/places/review".into(),
    };
    render(&ctx, &page)
}
