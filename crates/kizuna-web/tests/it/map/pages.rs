//! Unknown places, the four languages, and the tile server in the CSP.

use super::*;

pub(crate) async fn unknown_places_are_not_found(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let ids = setup(&t).await;
    let mut b = t.browser();
    for uri in [
        "/map/places/999999".to_owned(),
        "/map/places/0".to_owned(),
        "/map/places/abc".to_owned(),
        format!("/map/places/{}9", ids.expiring),
    ] {
        let page = b.get(&uri).await.expect(StatusCode::NOT_FOUND).page();
        assert_eq!(page.one("h1").text, "Page not found", "{uri}: an HTML page");
    }
}

pub(crate) async fn four_languages_with_no_english_left(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let ids = setup(&t).await;
    let mut b = t.browser();
    let en_file = CATALOGUES
        .iter()
        .find(|(l, f, _)| *l == "en" && *f == "map")
        .expect("the English map catalogue")
        .2;
    // Whole English sentences and labels of the map's catalogue.
    let english: Vec<String> = message_ids(en_file)
        .into_iter()
        .filter(|id| {
            ![
                "map-category-hotel",
                "map-prayer-maghrib",
                "map-method-kuwait",
                "map-method-qatar",
                "map-method-jakim",
                "map-method-kemenag",
            ]
            .contains(&id.as_str())
        })
        .map(|id| message(Lang::En, &id, &[]))
        .filter(|m| m.chars().count() >= 4 && !m.contains('{'))
        .collect();
    let pages = [
        "/map".to_owned(),
        "/map?category=mosque&category=bar".to_owned(),
        format!("/map/places/{}", ids.certified),
        format!("/map/places/{}", ids.expired),
        format!("/map/places/{}", ids.expiring),
        format!("/map/places/{}", ids.osm_cafe),
    ];
    let names = [
        (Lang::Ja, "クレセント・キッチン（テスト）", "ファジュル", "礼拝時刻"),
        (Lang::Th, "ครัวเสี้ยวจันทร์ (ทดสอบ)", "ศุบห์ (ฟัจร์)", "เวลาละหมาด"),
        (Lang::Ms, "Dapur Sabit (ujian)", "Subuh", "Waktu solat"),
    ];
    for (lang, name, fajr, prayer_times) in names {
        let code = lang.code();
        for uri in &pages {
            let sep = if uri.contains('?') { '&' } else { '?' };
            let page = b.page(&format!("{uri}{sep}lang={code}")).await;
            // The attribution stored with OpenStreetMap data is data, kept as the licence asks.
            let shown = page.readable().replace(kizuna_domain::map::place::OSM_ATTRIBUTION, "");
            assert!(
                !shown.contains("map-"),
                "{uri} in {code}: a message key is shown (missing from the catalogue)"
            );
            for en in &english {
                assert!(!shown.contains(en.as_str()), "{uri} in {code}: English left: {en:?}");
            }
            assert_eq!(page.lang(), code, "{uri}");
        }
        // Names in the reader's language; prayer names translated.
        let list = b.page(&format!("/map?lang={code}")).await;
        assert!(
            list.select(&format!("#place-list h3 a[lang='{code}']"))
                .iter()
                .any(|a| a.text == name),
            "{code}"
        );
        let place = b.page(&format!("/map/places/{}?lang={code}", ids.certified)).await;
        assert_eq!(place.one("#prayer-times tr[data-prayer=fajr] th").text, fajr, "{code}");
        assert!(place.one("#prayer-h").text.contains(prayer_times), "{code}");
    }
}

pub(crate) async fn the_tile_server_is_configurable_or_absent(backend: Backend) {
    // No tile server: the offline basemap only, and no other image origin.
    let t = TestApp::with_options(
        backend,
        WebOptions {
            secure_cookies: false,
            tiles: None,
            ..WebOptions::default()
        },
    )
    .await;
    setup(&t).await;
    let answer = t.browser().get("/map").await.expect(StatusCode::OK);
    let config = answer.page().json_block("map-config");
    assert_eq!(config["tiles"], Value::Null);
    assert_eq!(config["basemap"]["low"], "/assets/land-50m.json");
    let csp = answer.header(header::CONTENT_SECURITY_POLICY);
    assert!(csp.contains("img-src 'self' data:;"), "{csp}");
    // Another server, with subdomains and its own credit.
    let tiles = TileServer::parse(
        "https://{s}.tiles.example.org/osm/{z}/{x}/{y}.png",
        Some("Example Tiles"),
    )
    .expect("a good tile URL")
    .expect("a tile server");
    assert_eq!(tiles.origin(), "https://*.tiles.example.org");
    let t = TestApp::with_options(
        backend,
        WebOptions {
            secure_cookies: false,
            tiles: Some(tiles),
            ..WebOptions::default()
        },
    )
    .await;
    setup(&t).await;
    let mut b = t.browser();
    let answer = b.get("/map").await.expect(StatusCode::OK);
    let csp = answer.header(header::CONTENT_SECURITY_POLICY);
    assert!(
        csp.contains("img-src 'self' data: https://*.tiles.example.org;"),
        "{csp}"
    );
    assert_eq!(
        answer.page().json_block("map-config")["tiles"]["attribution"],
        "Example Tiles"
    );
    // The embedded files the map needs are served.
    for asset in [
        "leaflet.js",
        "leaflet.css",
        "leaflet.markercluster.js",
        "MarkerCluster.css",
        "map.js",
        "map.css",
        "land-50m.json",
        "land-10m.json",
    ] {
        b.get(&format!("/assets/{asset}")).await.expect(StatusCode::OK);
    }
    // Bad tile URLs are refused with the reason.
    assert_eq!(TileServer::parse("  ", None), Ok(None));
    assert_eq!(
        TileServer::parse("http://127.0.0.1:9/{z}/{x}/{y}.png", None)
            .expect("a good tile URL")
            .expect("a tile server")
            .origin(),
        "http://127.0.0.1:9"
    );
    for (url, why) in [
        ("ftp://tiles.example.org/{z}/{x}/{y}.png", "https://"),
        ("https://tiles.example.org/{z}/{x}.png", "no {y}"),
        ("tiles.example.org/{z}/{x}/{y}.png", "https://HOST"),
        ("https://tiles.example.org/{z}/{x}/{y}.png; script-src *", "semicolon"),
        ("https://a{s}.example.org/{z}/{x}/{y}.png", "host"),
        ("https:///{z}/{x}/{y}.png", "host"),
    ] {
        let e = TileServer::parse(url, None).expect_err("a bad tile URL");
        assert!(e.contains(why), "{url}: {e}");
    }
}
