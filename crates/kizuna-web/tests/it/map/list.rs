//! The list of places: read without JavaScript, narrowed by its filters.

use super::*;

pub(crate) async fn the_list_reads_without_javascript_and_tells_assurance_honestly(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let ids = setup(&t).await;
    let mut b = t.browser();
    let answer = b.get("/map").await.expect(StatusCode::OK);
    let csp = answer.header(header::CONTENT_SECURITY_POLICY).to_owned();
    let page = answer.page();
    // Every place is listed, by name, with a link to its page.
    let all = listed_sorted(&page);
    assert_eq!(
        all,
        [ids.certified, ids.expired, ids.mosque, ids.osm_cafe, ids.expiring]
    );
    assert_eq!(page.one("#results-h").text, "Places: 5 of 5");
    // The printable booklet, in the page's language, is one link away.
    assert_eq!(
        page.one("a#map-booklet").attr("href"),
        Some("/api/v1/places/booklet.pdf?lang=en")
    );
    let pdf = b.get("/api/v1/places/booklet.pdf?lang=en").await.expect(StatusCode::OK);
    assert!(pdf.body.starts_with(b"%PDF-"), "a PDF");
    for id in all {
        let link = item(&page, id).select("h3 a").remove(0);
        assert_eq!(link.attr("href"), Some(format!("/map/places/{id}").as_str()));
    }
    // The filters are a plain GET form of checkboxes: no script needed.
    let form = page.one("form#map-filters");
    assert_eq!(form.attr("class"), Some("map-filters"));
    assert_eq!(form.attr("method"), Some("get"));
    assert_eq!(form.attr("action"), Some("/map"));
    for (name, value) in [
        ("category", "mosque"),
        ("assurance", "certified"),
        ("open_now", "true"),
        ("prayer_space", "true"),
    ] {
        let chip = page.one(&format!(
            "form#map-filters input[type=checkbox][name='{name}'][value='{value}']"
        ));
        assert_eq!(chip.attr("checked"), None, "{name}={value} chip, not chosen");
    }
    // The map is drawn by a script from the binary over the list, never instead of it.
    let pane = page.one("section#map-pane");
    assert_eq!(pane.attr("class"), Some("map-pane"));
    assert_eq!(pane.attr("aria-labelledby"), Some("map-h"));
    assert!(pane.attr("hidden").is_some(), "shown by the script only");
    for src in ["/assets/map.js", "/assets/leaflet.js"] {
        assert!(page.has(&format!("script[src='{src}'][defer]")), "{src}");
    }
    assert!(!page.has("script[src^='http']"), "no script from elsewhere");
    // Honest assurance: valid certificates are "certified" with certifier and
    // date; an expired one is never called certified.
    let c = item(&page, ids.certified);
    assert_eq!(badge(&c, "level-certified"), "Halal certified");
    assert_eq!(
        c.select("p.cert")[0].text,
        "Certified by Hokkaido Halal Board (test), valid until 31 Dec 2027"
    );
    assert_eq!(badge(&c, "hours-open"), "Open now");
    assert_eq!(badge(&c, "prayer-facility"), "Prayer space");
    let e = item(&page, ids.expired);
    assert_eq!(badge(&e, "level-expired"), "Certificate expired");
    assert!(!e.text.contains("Halal certified"), "{}", e.text);
    assert!(
        e.select("p.cert")[0]
            .text
            .contains("ended on 31 Dec 2025: not certified now"),
        "{}",
        e.text
    );
    assert_eq!(badge(&e, "hours-closed"), "Closed now");
    let x = item(&page, ids.expiring);
    assert_eq!(badge(&x, "level-certified"), "Halal certified");
    assert!(
        x.select("p.cert")[0].text.contains("ends soon, on 10 Dec 2026"),
        "{}",
        x.text
    );
    // Never verified: flagged stale. Hours unknown: said so.
    assert!(
        item(&page, ids.mosque).select("p.stale")[0]
            .text
            .contains("Not checked for over a year")
    );
    let certified = item(&page, ids.certified);
    assert!(!certified.has("p.stale"));
    assert!(!certified.text.contains("Not checked for over a year"));
    assert_eq!(
        badge(&item(&page, ids.osm_cafe), "hours-unknown"),
        "Opening hours not known"
    );
    // OpenStreetMap data is credited.
    assert!(page.text().contains("Some places come from OpenStreetMap (ODbL)"));
    // By default no other server is asked for anything: no tile server,
    // no other image origin, and no street basemap installed.
    assert!(csp.contains("img-src 'self' data:;"), "{csp}");
    assert!(csp.contains("script-src 'self';") && csp.contains("connect-src 'self';"));
    assert_eq!(page.json_block("map-config")["tiles"], Value::Null);
    assert_eq!(page.json_block("map-config")["basemap"]["style"], Value::Null);
    // The map's markers: one per listed place, with the marker's colour class.
    let markers = page.json_block("map-places");
    let markers = markers.as_array().expect("a list of markers");
    assert_eq!(markers.len(), 5);
    let expired_marker = markers
        .iter()
        .find(|m| m["id"] == ids.expired)
        .expect("the expired place's marker");
    assert_eq!(expired_marker["level"], "expired");
    // The site's menu links to the map.
    assert_eq!(
        page.one("a[href='/map'][aria-current=page]").text,
        "Muslim-friendly map"
    );
}

pub(crate) async fn filters_narrow_the_list(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let ids = setup(&t).await;
    let mut b = t.browser();
    let cases: Vec<(&str, Vec<i64>)> = vec![
        // "Certified only" means a certificate valid today: not the expired one.
        ("/map?assurance=certified", vec![ids.certified, ids.expiring]),
        ("/map?category=mosque", vec![ids.mosque]),
        ("/map?category=mosque&category=cafe", vec![ids.mosque, ids.osm_cafe]),
        ("/map?category=mosque,cafe", vec![ids.mosque, ids.osm_cafe]),
        ("/map?prayer_space=true", vec![ids.certified, ids.mosque]),
        ("/map?open_now=true", vec![ids.certified, ids.mosque, ids.expiring]),
        (
            "/map?category=restaurant&assurance=certified&open_now=true",
            vec![ids.certified],
        ),
        ("/map?assurance=self_declared&category=mosque", vec![]),
    ];
    for (uri, mut want) in cases {
        let page = b.page(uri).await;
        want.sort_unstable();
        assert_eq!(listed_sorted(&page), want, "{uri}");
        assert_eq!(
            page.one("#results-h").text,
            format!("Places: {} of 5", want.len()),
            "{uri}: the heading counts what is listed"
        );
        if want.is_empty() {
            assert_eq!(page.one("#no-places").text, "No place matches these filters.", "{uri}");
        } else {
            assert!(!page.has("#no-places"), "{uri}");
        }
    }
    // The chips show what was chosen.
    let page = b.page("/map?category=mosque&open_now=true").await;
    let chip = |name: &str, value: &str| {
        page.one(&format!(
            "form#map-filters input[type=checkbox][name='{name}'][value='{value}']"
        ))
    };
    assert!(chip("category", "mosque").attr("checked").is_some());
    assert!(chip("open_now", "true").attr("checked").is_some());
    assert!(chip("category", "cafe").attr("checked").is_none());
    let chosen = page.form("form#map-filters");
    assert_eq!(
        chosen,
        [
            ("open_now".to_owned(), "true".to_owned()),
            ("category".to_owned(), "mosque".to_owned())
        ],
        "the form sends the same filters again (main chips first)"
    );
    // "Near me" asks this server's API with the same filters.
    assert_eq!(
        page.one("#map-results").attr("data-api-query"),
        Some("category=mosque&open_now=true")
    );
    // A value not understood is said and left out; the page still answers.
    let page = b.page("/map?category=bar&category=mosque&open_now=maybe").await;
    assert_eq!(listed(&page), vec![ids.mosque]);
    let notices = page.texts("#map-results p.notice.bad");
    for left_out in ["category=bar", "open_now=maybe"] {
        assert!(
            notices.contains(&format!("This filter was not understood and is left out: {left_out}")),
            "{notices:?}"
        );
    }
}
