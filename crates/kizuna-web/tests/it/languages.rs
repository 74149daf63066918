//! Content in the reader's language: the demo's Thai, Malay and Japanese
//! pages that the public reads (home, statistics, the map and its places)
//! show course and place titles in that language, never the English ones,
//! and never an internal key — on SQLite and PostgreSQL.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::collections::BTreeMap;

use kizuna_domain::common::programme::{Programme, ProgrammeKind};
use kizuna_i18n::Lang;
use kizuna_store::{Backend, Page as Paging};
use kizuna_testkit::TestApp;

kizuna_testkit::on_both!(public_pages_show_titles_in_the_readers_language);

/// Whether `text` contains `word` as a whole word (not inside a longer one).
fn has_word(text: &str, word: &str) -> bool {
    let boundary = |c: Option<char>| c.is_none_or(|c| !(c.is_alphanumeric() || c == '-' || c == '_' || c == '/'));
    text.match_indices(word)
        .any(|(at, _)| boundary(text[..at].chars().next_back()) && boundary(text[at + word.len()..].chars().next()))
}

async fn public_pages_show_titles_in_the_readers_language(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let filter: BTreeMap<String, String> = [("kind".to_owned(), ProgrammeKind::TrainingCourse.to_string())].into();
    let courses = t
        .app
        .list::<Programme>(&filter, Paging { limit: 1000, offset: 0 })
        .await
        .unwrap()
        .0;
    assert!(courses.len() >= 5, "{} demo courses", courses.len());
    let places = t.app.store.all_places().await.unwrap();
    assert!(places.len() >= 20, "{} demo places", places.len());
    let mut visitor = t.browser();

    for lang in [Lang::Th, Lang::Ms, Lang::Ja] {
        let code = lang.code();
        let home = visitor.page(&format!("/?lang={code}")).await;
        let stats_now = visitor.page(&format!("/statistics?lang={code}")).await;
        let stats_2008 = visitor.page(&format!("/statistics?as_of=2008-03-31&lang={code}")).await;
        let map = visitor.page(&format!("/map?lang={code}")).await;
        let listed = map.count("#place-list li.place");
        assert_eq!(listed, places.len(), "every demo place is listed");

        // Courses: on the home page by title, and in the statistics' course table.
        let home_text = home.text();
        let stats_text = format!("{} {}", stats_now.text(), stats_2008.text());
        for c in &courses {
            let title = &c.fields.title;
            let local = title
                .get(code)
                .unwrap_or_else(|| panic!("the demo gives {} a {code} title", c.fields.key));
            assert!(
                home.texts(".card h3").iter().any(|h| h == local.as_str()),
                "{code} home lists {local}"
            );
            if let Some(en) = title.get("en").filter(|en| en.as_str() != local.as_str()) {
                for (page, text) in [("home", &home_text), ("statistics", &stats_text)] {
                    assert!(
                        !text.contains(en.as_str()),
                        "the {code} {page} page shows the English title {en}"
                    );
                }
            }
            let key = c.fields.key.to_string();
            for (page, text) in [("home", &home_text), ("statistics", &stats_text)] {
                assert!(
                    !has_word(text, &key),
                    "the {code} {page} page shows the internal key {key}"
                );
            }
        }

        // Places: in the map's list, and on each place's page with its description.
        let map_text = map.text();
        for p in &places {
            let names = &p.fields.names;
            let local = names
                .get(code)
                .unwrap_or_else(|| panic!("the demo names place {} in {code}", p.id));
            assert!(map_text.contains(local.as_str()), "the {code} map lists {local}");
            let en = names.get("en").filter(|en| en.as_str() != local.as_str());
            if let Some(en) = en {
                assert!(
                    !map_text.contains(en.as_str()),
                    "the {code} map shows the English name {en}"
                );
            }
        }
        for p in places.iter().take(8) {
            let page = visitor.page(&format!("/map/places/{}?lang={code}", p.id)).await;
            assert_eq!(page.lang(), code);
            // The names in other languages (to show to someone asked for
            // directions) are listed apart, each marked with its language.
            let mut text = page.text();
            if let Some(others) = page.select(".other-names").into_iter().next() {
                for n in others.select("span") {
                    assert!(n.attr("lang").is_some_and(|l| l != code), "{}", n.html);
                }
                text = text.replace(&others.text, "");
            }
            let local = p.fields.names.get(code).unwrap();
            assert!(
                page.one("h1").text.contains(local.as_str()),
                "{code} place page titled {local}"
            );
            if let Some(en) = p.fields.names.get("en").filter(|en| en.as_str() != local.as_str()) {
                assert!(
                    !text.contains(en.as_str()),
                    "the {code} page of place {} shows {en}",
                    p.id
                );
            }
            if let Some(d) = &p.fields.description {
                let here = d
                    .get(code)
                    .unwrap_or_else(|| panic!("place {} is described in {code}", p.id));
                assert!(text.contains(here.as_str()), "the {code} description of place {}", p.id);
                if let Some(en) = d.get("en").filter(|en| en.as_str() != here.as_str()) {
                    assert!(
                        !text.contains(en.as_str()),
                        "the {code} page of place {} shows its English description",
                        p.id
                    );
                }
            }
        }

        // Chains and branches: every branch's page names its branch and
        // chain in the reader's language, not in English.
        let chained: Vec<_> = places.iter().filter(|p| p.fields.chain.is_some()).collect();
        assert_eq!(chained.len(), 8, "the demo's branches of chains");
        for p in chained {
            let page = visitor.page(&format!("/map/places/{}?lang={code}", p.id)).await;
            let shown = page.one("#place-chain").text;
            let mut text = page.text();
            if let Some(others) = page.select(".other-names").into_iter().next() {
                text = text.replace(&others.text, "");
            }
            for (what, t) in [("chain", &p.fields.chain), ("branch", &p.fields.branch)] {
                let t = t.as_ref().unwrap_or_else(|| panic!("place {} has a {what}", p.id));
                let local = t
                    .get(code)
                    .unwrap_or_else(|| panic!("the demo gives place {} a {code} {what}", p.id));
                assert!(
                    shown.contains(local.as_str()),
                    "the {code} page of place {} shows its {what} {local}: {shown:?}",
                    p.id
                );
                if let Some(en) = t.get("en").filter(|en| !local.as_str().contains(en.as_str())) {
                    assert!(
                        !has_word(&shown, en.as_str()),
                        "the {code} page of place {} shows the English {what} {en}: {shown:?}",
                        p.id
                    );
                    if what == "chain" {
                        assert!(
                            !text.contains(en.as_str()),
                            "the {code} page of place {} shows the English chain {en}",
                            p.id
                        );
                    }
                }
            }
        }
    }
}

/// A place's chain or branch without the reader's language shows another
/// one, marked with the language it is in.
#[tokio::test]
async fn a_chain_or_branch_in_another_language_is_marked() {
    let t = TestApp::empty(Backend::Sqlite).await;
    let fields = kizuna_domain::map::place::PlaceFields {
        name_en: Some("Fallback Ramen, Odori (demo)".into()),
        name_th: Some("ราเมนทดสอบ โอโดริ (demo)".into()),
        category: Some("restaurant".into()),
        lat: Some(43.06),
        lon: Some(141.35),
        assurance: Some("unknown".into()),
        source: Some("staff".into()),
        chain_en: Some("Fallback Ramen".into()),
        chain_th: Some("ราเมนทดสอบ".into()),
        branch_ja: Some("大通店".into()),
        ..Default::default()
    };
    let place = t.app.create_place(fields).await.unwrap();
    let mut visitor = t.browser();
    let th = visitor.page(&format!("/map/places/{}?lang=th", place.id)).await;
    let shown = th.one("#place-chain").text;
    assert!(shown.contains("ราเมนทดสอบ"), "{shown}");
    assert!(!shown.contains("Fallback Ramen"), "{shown}");
    assert!(
        shown.contains("大通店 (ภาษาญี่ปุ่น)"),
        "the branch is marked as Japanese: {shown}"
    );
    let ms = visitor.page(&format!("/map/places/{}?lang=ms", place.id)).await;
    let shown = ms.one("#place-chain").text;
    assert!(shown.contains("Fallback Ramen (Bahasa Inggeris)"), "{shown}");
    let ja = visitor.page(&format!("/map/places/{}?lang=ja", place.id)).await;
    let shown = ja.one("#place-chain").text;
    assert!(shown.contains("大通店") && !shown.contains("大通店（"), "{shown}");
}

/// A record without a title in the reader's language shows another one,
/// marked with the language it is in (the documented fallback).
#[tokio::test]
async fn a_missing_language_falls_back_visibly() {
    let t = TestApp::empty(Backend::Sqlite).await;
    let input = kizuna_domain::common::programme::ProgrammeInput {
        key: "fallback-course".parse().unwrap(),
        kind: ProgrammeKind::TrainingCourse,
        title: kizuna_domain::common::LocalText::new(Some("Snow Engineering".parse().unwrap()), None, None, None)
            .unwrap(),
        organisation_id: None,
        summary: None,
    };
    t.app.create::<Programme>(&input).await.unwrap();
    let mut visitor = t.browser();
    let th = visitor.page("/?lang=th").await;
    let shown = th.texts(".card h3");
    assert_eq!(shown.len(), 1);
    assert!(shown[0].contains("Snow Engineering"), "{shown:?}");
    assert_ne!(shown[0], "Snow Engineering", "the fallback is marked: {shown:?}");
    assert!(!has_word(&th.text(), "fallback-course"), "the key is not shown");
    let en = visitor.page("/?lang=en").await;
    assert_eq!(en.texts(".card h3"), ["Snow Engineering"]);
}
