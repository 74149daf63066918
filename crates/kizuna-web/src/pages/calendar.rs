//! The calendar: `/calendar` (a month grid, a day list at phone width, or
//! `?view=list`), filtered by kind, programme and locality; `/calendar.ics`
//! and a feed URL per filter (public items only, every month; `month`
//! narrows it to one, as a download, never in the subscribe link, so a
//! subscription does not go stale); private feeds at
//! `/calendar/private/<secret>.ics` that staff create and revoke at
//! `/console/calendar/feeds` (`calendar/feeds.rs`).

mod feeds;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::{Datelike, Duration, NaiveDate};
use kizuna_app::calendar::{Audience, Calendar, Filter, Item, ItemKind, When, kind_label, next_month, previous_month};
use kizuna_domain::common::Id;
use kizuna_i18n::calendar_format::{month_year, weekday};

use crate::pages::{Routes, message, render};
use crate::session::{Ctx, WebState};

pub fn routes() -> Routes {
    Routes::new()
        .route("/calendar", get(page))
        .route("/calendar.ics", get(public_feed))
        .merge(feeds::routes())
}

/// What the query asks for.
struct Asked {
    kinds: Vec<ItemKind>,
    programme_id: Option<Id>,
    locality_id: Option<Id>,
    month: Option<(i32, u32)>,
    list: bool,
}

impl Asked {
    fn parse(raw: &[(String, String)]) -> Result<Asked, String> {
        let mut a = Asked {
            kinds: Vec::new(),
            programme_id: None,
            locality_id: None,
            month: None,
            list: false,
        };
        let id = |field: &str, v: &str| -> Result<Option<Id>, String> {
            let v = v.trim();
            if v.is_empty() {
                return Ok(None);
            }
            v.parse::<Id>()
                .ok()
                .filter(|n| *n > 0)
                .map(Some)
                .ok_or_else(|| format!("{field}: \"{v}\" is not a record number"))
        };
        let mut kinds = Vec::new();
        for (k, v) in raw {
            match k.as_str() {
                "kind" => kinds.push(v.as_str()),
                "programme" => a.programme_id = id("programme", v)?,
                "locality" => a.locality_id = id("locality", v)?,
                "month" if !v.trim().is_empty() => {
                    a.month = Some(Filter::parse_month(v).map_err(|e| e.to_string())?);
                }
                "view" => a.list = v == "list",
                _ => {}
            }
        }
        a.kinds = Filter::parse_kinds(kinds).map_err(|e| e.to_string())?;
        Ok(a)
    }

    fn filter(&self, audience: Audience) -> Filter {
        Filter {
            kinds: self.kinds.clone(),
            programme_id: self.programme_id,
            locality_id: self.locality_id,
            from: None,
            to: None,
            audience,
        }
    }

    /// The filters as a query (without month and view).
    fn query(&self) -> String {
        let mut q: Vec<String> = self.kinds.iter().map(|k| format!("kind={}", k.as_str())).collect();
        if let Some(p) = self.programme_id {
            q.push(format!("programme={p}"));
        }
        if let Some(l) = self.locality_id {
            q.push(format!("locality={l}"));
        }
        q.join("&")
    }
}

/// A filter that cannot be read: 400, saying which field and why.
fn bad_filter(ctx: &Ctx, reason: &str) -> Response {
    ctx.finish((StatusCode::BAD_REQUEST, ctx.t1("calendar-bad-filter", "reason", reason)).into_response())
}

/// One item as a page shows it.
pub(crate) struct Shown {
    pub uid: String,
    pub title: String,
    pub kind: String,
    pub kind_key: &'static str,
    pub href: Option<String>,
    pub when: String,
    pub place: Option<String>,
    pub private: bool,
}

fn shown(ctx: &Ctx, cal: &Calendar, item: &Item, staff: bool) -> Shown {
    let (first, last) = item.days();
    let when = match item.when {
        When::Timed { starts, ends, zone } => {
            let (s, e) = (starts.with_timezone(&zone), ends.with_timezone(&zone));
            let tz = zone.name();
            if first == last {
                format!(
                    "{} {}–{} ({tz})",
                    ctx.date(&first),
                    s.format("%H:%M"),
                    e.format("%H:%M")
                )
            } else {
                format!(
                    "{} {} – {} {} ({tz})",
                    ctx.date(&first),
                    s.format("%H:%M"),
                    ctx.date(&last),
                    e.format("%H:%M")
                )
            }
        }
        When::AllDay { .. } if first == last => ctx.date(&first),
        When::AllDay { .. } => format!("{} – {}", ctx.date(&first), ctx.date(&last)),
    };
    Shown {
        uid: item.uid.clone(),
        title: ctx.local(&item.title),
        kind: kind_label(ctx.lang, item.kind),
        kind_key: item.kind.as_str(),
        href: if staff {
            Some(item.url.clone())
        } else {
            item.public_url.clone()
        },
        when,
        place: cal.location(ctx.lang, item),
        private: item.private,
    }
}

struct Day {
    date: NaiveDate,
    number: u32,
    weekday: String,
    in_month: bool,
    today: bool,
    items: Vec<Shown>,
}

#[derive(Template)]
#[template(path = "calendar/page.html")]
struct Page<'a> {
    ctx: &'a Ctx,
    staff: bool,
    list: bool,
    heading: String,
    month: String,
    weekdays: Vec<String>,
    weeks: Vec<Vec<Day>>,
    items: Vec<Shown>,
    kinds: Vec<(&'static str, String, bool)>,
    programmes: Vec<(Id, String, bool)>,
    localities: Vec<(Id, String, bool)>,
    previous: String,
    next: String,
    month_href: String,
    list_href: String,
    feed_href: String,
    feed_url: String,
}

async fn page(
    State(s): State<WebState>,
    ctx: Ctx,
    headers: HeaderMap,
    Query(raw): Query<Vec<(String, String)>>,
) -> Response {
    let asked = match Asked::parse(&raw) {
        Ok(a) => a,
        Err(e) => return bad_filter(&ctx, &e),
    };
    let staff = ctx.is_staff();
    let audience = if staff {
        Audience::Staff { include_private: true }
    } else {
        Audience::Public
    };
    let (year, month) = asked.month.unwrap_or_else(|| s.app.this_month());
    let Ok(cal) = s.app.calendar(&asked.filter(audience).month(year, month)).await else {
        return message(&ctx, StatusCode::SERVICE_UNAVAILABLE, "error-title", "error-database");
    };
    // The filters' choices: what the audience may see at all.
    let Ok(all) = s.app.calendar(&Filter::new(audience)).await else {
        return message(&ctx, StatusCode::SERVICE_UNAVAILABLE, "error-title", "error-database");
    };
    let mut programmes: Vec<(Id, String, bool)> = all
        .items
        .iter()
        .filter_map(|i| i.programme_id)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .filter_map(|p| all.programmes.get(&p))
        .map(|p| (p.id, ctx.local(&p.fields.title), asked.programme_id == Some(p.id)))
        .collect();
    programmes.sort_by(|a, b| kizuna_i18n::compare(ctx.lang, &a.1, &b.1));
    let mut localities: Vec<(Id, String, bool)> = all
        .items
        .iter()
        .filter_map(|i| i.locality_id)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .filter_map(|l| all.localities.get(&l))
        .map(|l| (l.id, ctx.local(&l.fields.name), asked.locality_id == Some(l.id)))
        .collect();
    localities.sort_by(|a, b| kizuna_i18n::compare(ctx.lang, &a.1, &b.1));
    let kinds = ItemKind::ALL
        .iter()
        .filter(|k| staff || **k != ItemKind::Placement)
        .map(|k| (k.as_str(), kind_label(ctx.lang, *k), asked.kinds.contains(k)))
        .collect();

    let first = NaiveDate::from_ymd_opt(year, month, 1).unwrap_or_default();
    let start = first - Duration::days(i64::from(first.weekday().num_days_from_monday()));
    let today = s
        .app
        .now()
        .with_timezone(&kizuna_app::calendar::DEFAULT_ZONE)
        .date_naive();
    let mut weeks = Vec::new();
    let mut day = start;
    loop {
        let mut week = Vec::with_capacity(7);
        for _ in 0..7 {
            week.push(Day {
                date: day,
                number: day.day(),
                weekday: weekday(ctx.lang, day),
                in_month: day.month() == month,
                today: day == today,
                items: cal.on(day).map(|i| shown(&ctx, &cal, i, staff)).collect(),
            });
            day += Duration::days(1);
        }
        weeks.push(week);
        if day.month() != month || day.year() != year {
            break;
        }
    }
    let weekdays = (0..7).map(|d| weekday(ctx.lang, start + Duration::days(d))).collect();
    let filters = asked.query();
    let with = |extra: String| {
        let q: Vec<&str> = [filters.as_str(), extra.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        format!("/calendar?{}", q.join("&"))
    };
    let view = if asked.list { "&view=list" } else { "" };
    let (py, pm) = previous_month(year, month);
    let (ny, nm) = next_month(year, month);
    let feed_href = if filters.is_empty() {
        format!("/calendar.ics?lang={}", ctx.lang.code())
    } else {
        format!("/calendar.ics?{filters}&lang={}", ctx.lang.code())
    };
    let origin = crate::pages::admin::origin(&headers, s.secure_cookies);
    let page = Page {
        ctx: &ctx,
        staff,
        list: asked.list,
        heading: month_year(ctx.lang, year, month),
        month: format!("{year:04}-{month:02}"),
        weekdays,
        weeks,
        items: cal.items.iter().map(|i| shown(&ctx, &cal, i, staff)).collect(),
        kinds,
        programmes,
        localities,
        previous: with(format!("month={py:04}-{pm:02}{view}")),
        next: with(format!("month={ny:04}-{nm:02}{view}")),
        month_href: with(format!("month={year:04}-{month:02}")),
        list_href: with(format!("month={year:04}-{month:02}&view=list")),
        feed_url: format!("{origin}{feed_href}"),
        feed_href,
    };
    render(&ctx, &page)
}

/// An iCalendar response.
pub(crate) fn ics_response(ctx: &Ctx, body: String, file: &str) -> Response {
    ctx.finish(
        (
            [
                (header::CONTENT_TYPE, "text/calendar; charset=utf-8".to_owned()),
                (header::CONTENT_DISPOSITION, format!("inline; filename=\"{file}\"")),
                (header::CACHE_CONTROL, "no-cache".to_owned()),
            ],
            body,
        )
            .into_response(),
    )
}

/// `/calendar.ics`: the public items for the query's filters, every month
/// (what the page's subscribe link gives, without `month`), or one month's
/// when `month` is given (a download of the month the page shows).
async fn public_feed(
    State(s): State<WebState>,
    ctx: Ctx,
    headers: HeaderMap,
    Query(raw): Query<Vec<(String, String)>>,
) -> Response {
    let asked = match Asked::parse(&raw) {
        Ok(a) => a,
        Err(e) => return bad_filter(&ctx, &e),
    };
    let mut filter = asked.filter(Audience::Public);
    if let Some((year, month)) = asked.month {
        filter = filter.month(year, month);
    }
    let Ok(cal) = s.app.calendar(&filter).await else {
        return message(&ctx, StatusCode::SERVICE_UNAVAILABLE, "error-title", "error-database");
    };
    let origin = crate::pages::admin::origin(&headers, s.secure_cookies);
    let body = s
        .app
        .calendar_ics(&cal, ctx.lang, &origin, &ctx.t("calendar-feed-name"), true);
    ics_response(&ctx, body, "kizuna-calendar.ics")
}
