//! The four languages: the places catalogue stands alone, and no English is
//! left on the pages in Japanese, Thai or Malay.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use chrono::Days;
use kizuna_app::map::PlaceFilter;
use kizuna_domain::common::locality::Locality;
use kizuna_domain::map::place::PlaceFields;
use kizuna_i18n::{CATALOGUES, Lang, message_ids};
use kizuna_store::Backend;
use kizuna_testkit::english::english_left;
use kizuna_testkit::{Page, TestApp, today};

use super::{cert_place, collection, feature, place_by_source_id};

fn catalogue(lang: &str, file: &str) -> &'static str {
    CATALOGUES
        .iter()
        .find(|(l, f, _)| *l == lang && *f == file)
        .map(|(_, _, t)| *t)
        .unwrap_or_else(|| panic!("{lang}/{file}.ftl"))
}

#[test]
fn the_places_catalogue_names_nothing_another_catalogue_names() {
    for lang in Lang::ALL {
        let ours = message_ids(catalogue(lang.code(), "places"));
        assert!(ours.len() > 150, "{}", ours.len());
        for (l, file, text) in CATALOGUES {
            if *l != lang.code() || *file == "places" {
                continue;
            }
            for id in message_ids(text) {
                assert!(!ours.contains(&id), "{id} is in both {l}/places.ftl and {l}/{file}.ftl");
            }
        }
    }
}

pub(crate) async fn other_languages_show_no_english_strings(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let all = t.app.all_places(&PlaceFilter::default()).await.expect("places");
    let soon = t
        .app
        .create_place(cert_place("Ten Days Kebab (demo)", today() + Days::new(10)))
        .await
        .expect("a place");
    let grill = place_by_source_id(&t.app, "hakodate-05").await;
    // Data shown as it is (names, certifiers, addresses, localities) is not UI text.
    let mut data: Vec<String> = Vec::new();
    for h in &all {
        let p = &h.place.fields;
        data.extend(p.names.iter().map(|(_, n)| n.to_string()));
        for t in [&p.chain, &p.branch].into_iter().flatten() {
            data.extend(t.iter().map(|(_, t)| t.to_string()));
        }
        for t in [&p.address, &p.attribution].into_iter().flatten() {
            data.push(t.to_string());
        }
        if let Some(c) = p.halal.certificate() {
            data.push(c.certifier().to_string());
        }
        data.push(PlaceFields::from(p).website.unwrap_or_default());
    }
    data.push("Ten Days Kebab (demo)".into());
    data.push("Test Halal Board (demo)".into());
    let localities = t
        .app
        .list::<Locality>(
            &BTreeMap::new(),
            kizuna_store::Page {
                limit: 10_000,
                offset: 0,
            },
        )
        .await
        .expect("localities")
        .0;
    for l in localities {
        data.extend(l.fields.name.get("en").map(ToString::to_string));
    }
    data.sort_by_key(|d| std::cmp::Reverse(d.len()));
    let ids = message_ids(catalogue("en", "places"));
    let bad = collection(&[feature("shop-2", "Import Test Bar (demo)", "bar", 141.36, 95.0)]);
    let good = collection(&[feature("shop-1", "Import Test Cafe (demo)", "cafe", 141.35, 43.06)]);

    for lang in [Lang::Ja, Lang::Th, Lang::Ms] {
        let code = lang.code();
        let mut pages: Vec<(String, Page)> = Vec::new();
        for path in [
            "/console".to_owned(),
            "/console/places".to_owned(),
            "/console/places?stale=1&category=restaurant".to_owned(),
            "/console/places?q=nothing-at-all".to_owned(),
            "/console/places/new".to_owned(),
            format!("/console/places/{}/edit", soon.id),
            format!("/console/places/{}/edit?saved=1", grill.id),
            format!("/console/places/{}/delete", soon.id),
            "/console/places/review?verified=1".to_owned(),
            "/console/places/import".to_owned(),
            "/console/places/import?added=2&updated=1".to_owned(),
        ] {
            let sep = if path.contains('?') { '&' } else { '?' };
            let page = b.page(&format!("{path}{sep}lang={code}")).await;
            assert_eq!(page.lang(), code, "{path}");
            pages.push((path, page));
        }
        // Pages that answer a form, in the language chosen (kept in a cookie).
        let form = b
            .submit(
                "/console/places/new",
                &[
                    ("category", ""),
                    ("phone", "call us"),
                    ("website", "ftp://x"),
                    ("lat", "north"),
                    ("lon", "200"),
                    ("assurance", "pork_free"),
                    ("certifier", "x"),
                    ("certificate_valid_until", "2026-02-30"),
                    ("opening_hours", "whenever"),
                    ("source", "openstreetmap"),
                    ("source_id", "123"),
                    ("attribution", "mine"),
                    ("last_verified", "x"),
                ],
            )
            .await
            .expect(StatusCode::UNPROCESSABLE_ENTITY);
        pages.push(("form with errors".into(), form.page()));
        let import = b
            .submit_multipart("/console/places/import", &[], Some(("p.geojson", &bad)))
            .await
            .expect(StatusCode::UNPROCESSABLE_ENTITY);
        pages.push(("import with errors".into(), import.page()));
        let preview = b
            .submit_multipart("/console/places/import", &[], Some(("p.geojson", &good)))
            .await
            .ok_page();
        pages.push(("import preview".into(), preview));
        let unknown = b
            .submit_multipart("/console/places/import", &[], Some(("p.txt", &good)))
            .await;
        pages.push(("import of an unknown format".into(), unknown.page()));

        for (path, page) in &pages {
            assert_eq!(page.lang(), code, "{path}");
            let mut text = page.readable();
            for d in &data {
                text = text.replace(d.as_str(), " ");
            }
            let left = english_left(lang, &ids, &text);
            assert!(left.is_empty(), "{code} {path}: English on the page: {left:?}");
        }
    }
}
