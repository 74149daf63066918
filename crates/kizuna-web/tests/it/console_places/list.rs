//! The list of places: search, filters and pages.

use axum::http::StatusCode;
use kizuna_app::map::PlaceFilter;
use kizuna_store::Backend;
use kizuna_testkit::{Page, TestApp};

use super::{place_by_source_id, row_ids, stale_badges};

/// How many places the list shows.
fn rows(page: &Page) -> usize {
    page.count("table#places tbody tr")
}

pub(crate) async fn the_list_searches_filters_and_pages(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let all = t.app.all_places(&PlaceFilter::default()).await.expect("places");
    let page = b.page("/console/places").await;
    assert_eq!(page.one("#place-total").text, "60 places match these filters.");
    assert_eq!(rows(&page), 50, "50 a page");
    assert_eq!(
        page.one("nav.pager a[rel=next]").attr("href"),
        Some("/console/places?offset=50"),
        "a next page"
    );
    let stale = all.iter().filter(|h| h.stale).count();
    let counts = page.one("#place-counts");
    assert_eq!(
        page.one("#place-counts a[href='/console/places?stale=1'] .figure").text,
        stale.to_string()
    );
    assert!(
        counts.text.contains("certificates ending within 30 days"),
        "{}",
        counts.text
    );

    let page2 = b.page("/console/places?offset=50").await;
    assert_eq!(rows(&page2), 10);
    assert_eq!(page2.one("table#places caption").text, "Places 51 to 60 of 60");
    assert!(page2.one("nav.pager").text.contains("Places 51 to 60 of 60"));
    // The two pages, in order, are every place sorted by name (then id).
    let mut by_name: Vec<(String, i64)> = all
        .iter()
        .map(|h| (h.place.name(&["en"]).to_lowercase(), h.place.id))
        .collect();
    by_name.sort();
    let want: Vec<i64> = by_name.iter().map(|(_, id)| *id).collect();
    assert_eq!(
        [row_ids(&page, "places", "place"), row_ids(&page2, "places", "place")].concat(),
        want
    );

    // Sorted by name; each row says what matters at a glance.
    let maruyama = place_by_source_id(&t.app, "sapporo-14").await;
    let page = b.page("/console/places?q=maruyama").await;
    let row = format!("table#places tr#place-{}", maruyama.id);
    // (Cells are read from the page: a row alone is not a document.)
    let cells = page.texts(&format!("{row} > th, {row} > td"));
    assert!(cells[0].contains("Maruyama Halal Sushi (demo)"), "{cells:?}");
    assert_eq!(
        page.one(&format!("{row} .other-name")).text,
        "円山ハラール寿司（デモ）",
        "the Japanese name too"
    );
    assert_eq!(cells[1], "Restaurant");
    assert_eq!(
        page.one(&format!("{row} > td:nth-child(3) .badge")).text,
        "Halal certified"
    );
    assert!(cells[5].contains("until 31 Oct 2026"), "{cells:?}");
    assert_eq!(page.one(&format!("{row} > td:last-child .badge.bad")).text, "Ended");
    assert_eq!(cells[3], "Sapporo", "its locality");

    // A name in any language, any case.
    let hilal = all
        .iter()
        .filter(|h| {
            h.place
                .fields
                .names
                .iter()
                .any(|(_, n)| n.as_str().to_lowercase().contains("hilal"))
        })
        .count();
    assert!(hilal >= 2);
    assert_eq!(rows(&b.page("/console/places?q=HILAL").await), hilal);
    let maruyama_ja = all
        .iter()
        .filter(|h| h.place.fields.names.iter().any(|(_, n)| n.as_str().contains("円山")))
        .count();
    assert!(maruyama_ja >= 1);
    assert_eq!(rows(&b.page("/console/places?q=%E5%86%86%E5%B1%B1").await), maruyama_ja); // 円山

    // Filters: category, the recorded assurance level (ended certificates too), stale only.
    let mosques = all
        .iter()
        .filter(|h| h.place.fields.category.as_str() == "mosque")
        .count();
    let page = b.page("/console/places?category=mosque").await;
    assert_eq!(rows(&page), mosques);
    assert_eq!(
        page.one("form.filters select[name=category] option[selected]")
            .attr("value"),
        Some("mosque")
    );
    let certified = all
        .iter()
        .filter(|h| h.place.fields.halal.level().as_str() == "certified")
        .count();
    let page = b.page("/console/places?assurance=certified").await;
    assert_eq!(rows(&page), certified);
    assert!(
        page.has(&format!("table#places tr#place-{}", maruyama.id)),
        "an ended certificate is still certified"
    );
    let page = b.page("/console/places?stale=1").await;
    assert_eq!(rows(&page), stale);
    assert_eq!(stale_badges(&page), stale);
    assert_eq!(
        page.count("table#places form[method=post][action$='/verify']"),
        stale,
        "each stale row can be verified"
    );
    let page = b.page("/console/places?q=no-such-place-anywhere").await;
    assert_eq!(page.one("#place-total").text, "No place matches these filters.");
    assert!(!page.has("table#places"));
    // Values that mean nothing are ignored, not a failure.
    let page = b
        .get("/console/places?category=bar&offset=x&assurance=")
        .await
        .expect(StatusCode::OK)
        .page();
    assert_eq!(page.one("#place-total").text, "60 places match these filters.");
}
