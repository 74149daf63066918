//! Near me, the halal chips, the open status, and a place page's first screen.

use super::*;

/// The first element matching `css` inside `el`.
fn first(el: &El, css: &str) -> El {
    el.select(css)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("{css} in {}", el.text))
}

/// A place at a position with an assurance and hours (no certificate
/// unless certified, which gets a valid one).
fn at(name: &str, category: &str, lat: f64, lon: f64, assurance: &str, hours: &str) -> PlaceFields {
    let names = format!("{name}|{name}（テスト）|{name} (ทดสอบ)|{name} (ujian)");
    place(
        &names,
        category,
        lat,
        lon,
        assurance,
        (assurance == "certified").then_some(("2025-01-01", "2027-12-31")),
        Some(hours),
        Some("2026-10-01"),
    )
}

pub(crate) async fn near_me_sorts_by_distance_stronger_assurance_first(backend: Backend) {
    let t = TestApp::empty(backend).await;
    // Four restaurants at one spot 110 m north of the visitor, named so that
    // by name the weakest comes first; a certified one 2 km away.
    let spot = (43.0697, 141.3508);
    let mut ids = Vec::new();
    for (name, assurance) in [
        ("Aa Pork-free Stall", "pork_free"),
        ("Ab Vegetarian Kitchen", "vegetarian_options"),
        ("Ac Friendly Diner", "self_declared"),
        ("Zz Certified Grill", "certified"),
    ] {
        let f = at(name, "restaurant", spot.0, spot.1, assurance, "24/7");
        ids.push(t.app.create_place(f).await.expect("a place").id);
    }
    let far = at("Far Certified", "restaurant", 43.0867, 141.3508, "certified", "24/7");
    let far = t.app.create_place(far).await.expect("a place").id;
    let mut b = t.browser();
    let (pork, veg, friendly, certified) = (ids[0], ids[1], ids[2], ids[3]);
    // "Restaurant + open now" from Sapporo Station: as far away, the certified
    // place comes first, then Muslim-friendly, then no pork, then vegetarian.
    let page = b
        .page("/map?category=restaurant&open_now=true&lat=43.0687&lon=141.3508")
        .await;
    assert_eq!(listed(&page), vec![certified, friendly, pork, veg, far]);
    assert_eq!(page.one("#place-list").attr("data-sorted"), Some("distance"));
    let d = |id: i64| first(&item(&page, id), ".distance").text;
    assert_eq!(d(certified), "110 m away");
    assert_eq!(d(pork), "110 m away");
    assert_eq!(d(far), "2.0 km away");
    // Each card leads with the assurance, then the name, distance and open status.
    let card = item(&page, certified);
    let order: Vec<String> = card
        .select("p.lead-line, h3, p.meta")
        .iter()
        .map(|e| e.name.clone())
        .collect();
    assert_eq!(order, ["p", "h3", "p"], "lead line, then name, then distance and hours");
    assert_eq!(badge(&card, "level-certified"), "Halal certified");
    assert!(first(&card, "p.lead-line").text.starts_with("Halal certified"));
    assert_eq!(first(&card, "p.meta").text, "110 m away Open now Restaurant");
    // Without a position: the stronger assurance first, then by name.
    let page = b.page("/map?category=restaurant").await;
    assert_eq!(listed(&page), vec![far, certified, friendly, pork, veg]);
    assert!(!page.has(".distance"), "no distance without a position");
    assert_eq!(page.one("#place-list").attr("data-sorted"), None);
    // A position out of range is said and left out.
    let page = b.page("/map?lat=95&lon=141.35").await;
    assert_eq!(listed(&page).len(), 5);
    assert!(
        page.texts("#map-results p.notice.bad")
            .iter()
            .any(|n| n.contains("lat=95")),
        "the bad position is named"
    );
}

pub(crate) async fn halal_chips_mean_what_they_say_and_prayer_places_wear_prayer_badges(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let ids = setup(&t).await;
    let pork = t
        .app
        .create_place(at("Pork-free Stall", "restaurant", 43.06, 141.35, "pork_free", "24/7"))
        .await
        .expect("a place")
        .id;
    let veg = t
        .app
        .create_place(at(
            "Vegetarian Kitchen",
            "restaurant",
            43.06,
            141.35,
            "vegetarian_options",
            "24/7",
        ))
        .await
        .expect("a place")
        .id;
    let mut b = t.browser();
    let page = b.page("/map").await;
    // One row of main chips: certified and Muslim-friendly apart, open now,
    // restaurants, prayer space; the rest behind "more filters".
    let main: Vec<(String, String)> = page
        .select("fieldset.main-chips input[type=checkbox]")
        .iter()
        .map(|i| {
            (
                i.attr("name").unwrap_or_default().to_owned(),
                i.attr("value").unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let pairs: Vec<(&str, &str)> = main.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    assert_eq!(
        pairs,
        [
            ("assurance", "certified"),
            ("assurance", "self_declared"),
            ("open_now", "true"),
            ("category", "restaurant"),
            ("prayer_space", "true")
        ]
    );
    assert_eq!(
        page.texts("fieldset.main-chips label.chip"),
        [
            "Halal certified",
            "Muslim-friendly",
            "Open now",
            "Restaurant",
            "Prayer space"
        ]
    );
    let more = page.one("details#more-filters");
    assert!(more.attr("open").is_none(), "closed while none of its filters is on");
    assert_eq!(first(&more, "summary").text, "More filters");
    for value in ["pork_free", "vegetarian_options"] {
        assert!(more.has(&format!("input[name=assurance][value={value}]")), "{value}");
    }
    assert!(
        !page.has("input[name=assurance][value=unknown]"),
        "no chip asks for 'not known'"
    );
    assert!(page.one("button#near-me").text == "Places near me");
    // Halal: certified and Muslim-friendly, never no-pork or vegetarian.
    let halal = b.page("/map?assurance=certified&assurance=self_declared").await;
    let mut want = vec![ids.certified, ids.expiring, ids.osm_cafe];
    want.sort_unstable();
    assert_eq!(listed_sorted(&halal), want);
    assert_eq!(listed_sorted(&b.page("/map?assurance=pork_free").await), vec![pork]);
    let page = b.page("/map?assurance=vegetarian_options").await;
    assert_eq!(listed(&page), vec![veg]);
    assert!(
        page.one("details#more-filters").attr("open").is_some(),
        "open when one of its filters is on"
    );
    // A mosque wears prayer badges, not a food badge.
    let page = b.page("/map").await;
    let m = item(&page, ids.mosque);
    assert_eq!(badge(&m, "level-prayer"), "Prayer place");
    assert_eq!(m.texts("p.lead-line .badge.prayer-facility"), ["Men and women", "Wudu"]);
    assert!(!m.text.contains("Halal status not known"), "{}", m.text);
    assert_eq!(
        page.json_block("map-places")
            .as_array()
            .expect("markers")
            .iter()
            .find(|x| x["id"] == ids.mosque)
            .expect("the mosque's marker")["level"],
        "prayer"
    );
    let p = b.page(&format!("/map/places/{}", ids.mosque)).await;
    assert_eq!(p.one("#place-assurance").text, "Prayer place");
    assert!(!p.one("#place-summary").text.contains("Halal status not known"));
}

pub(crate) async fn open_status_says_until_when_or_that_the_closing_time_is_unknown(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let open_end = t
        .app
        .create_place(at("Open End Cafe", "cafe", 43.06, 141.35, "self_declared", "10:00+"))
        .await
        .expect("a place")
        .id;
    let late = t
        .app
        .create_place(at(
            "Late Bar Grill",
            "restaurant",
            43.06,
            141.35,
            "pork_free",
            "17:00-02:00",
        ))
        .await
        .expect("a place")
        .id;
    let mut b = t.browser();
    let tuesday = date(2026, 11, 24);
    let said = |page: &Page, id: i64| first(&item(page, id), "p.meta .badge").text;
    t.clock.set(in_japan(tuesday, 9, 0));
    let page = b.page("/map").await;
    assert_eq!(said(&page, open_end), "Closed · opens 10:00");
    assert_eq!(said(&page, late), "Closed · opens 17:00");
    t.clock.set(in_japan(tuesday, 12, 0));
    let page = b.page("/map").await;
    assert_eq!(
        badge(&item(&page, open_end), "hours-open-end"),
        "Open, closing time unknown"
    );
    let p = b.page(&format!("/map/places/{open_end}")).await;
    assert_eq!(open_now(&p), "Open, closing time unknown");
    assert_eq!(p.one("#place-today").text, "Today: from 10:00, closing time not known");
    // Past midnight the closing time is tomorrow's.
    t.clock.set(in_japan(tuesday, 23, 0));
    let page = b.page("/map").await;
    assert_eq!(badge(&item(&page, late), "hours-open"), "Open · closes 02:00");
    for (lang, want) in [
        ("ja", "営業中（閉店時刻は不明）"),
        ("th", "เปิดอยู่ ไม่ทราบเวลาปิด"),
        ("ms", "Dibuka, waktu tutup tidak diketahui"),
    ] {
        t.clock.set(in_japan(tuesday, 12, 0));
        let p = b.page(&format!("/map/places/{open_end}?lang={lang}")).await;
        assert_eq!(open_now(&p), want, "{lang}");
    }
}

pub(crate) async fn a_place_page_opens_with_what_a_visitor_decides_by(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let ids = setup(&t).await;
    let mut b = t.browser();
    let page = b.page(&format!("/map/places/{}", ids.certified)).await;
    let summary = page.one("section#place-summary");
    assert_eq!(first(&summary, "#place-assurance").text, "Halal certified");
    assert_eq!(
        first(&summary, "#place-cert-note").text,
        "Certified by Hokkaido Halal Board (test), valid until 31 Dec 2027"
    );
    assert_eq!(first(&summary, "#place-open").text, "Open now");
    assert_eq!(first(&summary, "#place-today").text, "Today: Open 24 hours");
    let mon = expected_times("MuslimWorldLeague", today());
    let next = expected_next(&mon, noon()).expect("a prayer after noon");
    let first = first(&summary, "#place-next-prayer").text;
    let name = message(Lang::En, &format!("map-prayer-{next}"), &[]);
    assert!(
        first.starts_with(&format!(
            "Next prayer: {name} at {}",
            time_in(&mon, &next).format("%H:%M")
        )),
        "{first}"
    );
    assert!(first.contains(" in "), "with the time remaining: {first}");
    // Then the map, the qibla, the prayer times, and the details, in that order.
    let html = page.html();
    let pos = |id: &str| {
        html.find(&format!("id=\"{id}\""))
            .unwrap_or_else(|| panic!("#{id} on the page"))
    };
    let order = [
        "place-summary",
        "place-map-box",
        "place-qibla",
        "place-prayer",
        "place-halal",
        "place-facilities",
    ];
    for w in order.windows(2) {
        assert!(pos(w[0]) < pos(w[1]), "{} before {}", w[0], w[1]);
    }
    // In every language, without English.
    for lang in ["ja", "th", "ms"] {
        let p = b.page(&format!("/map/places/{}?lang={lang}", ids.certified)).await;
        let s = p.one("#place-summary").text;
        assert!(!s.contains("Next prayer") && !s.contains("Today"), "{lang}: {s}");
    }
}
