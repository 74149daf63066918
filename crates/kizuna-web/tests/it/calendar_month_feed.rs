//! `/calendar.ics` and the page's `month`, on SQLite and PostgreSQL: the
//! subscribe link never carries the month (a subscription is every month
//! and does not go stale), while a feed asked for with `month` holds that
//! month's public items only, the same as the page's list shows a visitor,
//! with the other filters still applied; a month that cannot be read is
//! refused naming it.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use axum::http::StatusCode;
use kizuna_app::calendar::{Audience, Filter};
use kizuna_store::Backend;
use kizuna_testkit::TestApp;

kizuna_testkit::on_both!(a_feed_with_month_holds_that_month_and_the_subscription_every_month);

fn events(ics: &str) -> Vec<String> {
    ics.split("\r\n")
        .filter(|l| l.starts_with("UID:"))
        .map(|l| l["UID:".len()..].to_owned())
        .collect()
}

async fn a_feed_with_month_holds_that_month_and_the_subscription_every_month(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let public = t.app.calendar(&Filter::new(Audience::Public)).await.unwrap();
    // The month of the first public item.
    let (first, _) = public.items.first().unwrap().days();
    let month = first.format("%Y-%m").to_string();
    let (y, m) = Filter::parse_month(&month).unwrap();
    let in_month = t
        .app
        .calendar(&Filter::new(Audience::Public).month(y, m))
        .await
        .unwrap();
    assert!(!in_month.items.is_empty() && in_month.items.len() < public.items.len());

    let every = t.browser().get("/calendar.ics").await.expect(StatusCode::OK).text();
    assert_eq!(events(&every).len(), public.items.len());
    let one = t
        .browser()
        .get(&format!("/calendar.ics?month={month}"))
        .await
        .expect(StatusCode::OK)
        .text();
    let uids = events(&one);
    let want: Vec<String> = in_month.items.iter().map(|i| i.uid.clone()).collect();
    assert_eq!(uids, want, "the month's public items, and only them");

    // The same as the page's list for a visitor, whose subscribe link has no month.
    let page = t
        .browser()
        .get(&format!("/calendar?month={month}&view=list"))
        .await
        .ok_page();
    let mut listed: Vec<String> = page
        .select("#calendar-list tr.item")
        .iter()
        .map(|e| e.attr("data-uid").unwrap_or_default().to_owned())
        .collect();
    let mut sorted = uids.clone();
    listed.sort();
    sorted.sort();
    assert_eq!(listed, sorted);
    let href = page
        .select("#subscribe")
        .first()
        .and_then(|e| e.attr("href").map(str::to_owned))
        .unwrap();
    assert!(!href.contains("month="), "{href}");
    let subscribed = t.browser().get(&href).await.expect(StatusCode::OK).text();
    assert_eq!(events(&subscribed).len(), public.items.len());

    // With a kind too: both filters hold.
    let kind = in_month.items[0].kind;
    let both = t
        .browser()
        .get(&format!("/calendar.ics?kind={}&month={month}", kind.as_str()))
        .await
        .expect(StatusCode::OK)
        .text();
    let want: Vec<String> = in_month
        .items
        .iter()
        .filter(|i| i.kind == kind)
        .map(|i| i.uid.clone())
        .collect();
    assert_eq!(events(&both), want);

    let bad = t
        .browser()
        .get("/calendar.ics?month=2022-13")
        .await
        .expect(StatusCode::BAD_REQUEST);
    assert!(bad.text().contains("2022-13"), "{}", bad.text());
}
