//! Search in the web (#16) over the demo, on SQLite and PostgreSQL: the
//! same record found by the same query in each of the four languages
//! through `GET /api/v1/search` and the console's results page (titles in
//! the reader's language, matches marked, links to the records' pages);
//! the public portal's search with places and stories but never people; a
//! partner finding only its own organisation's records; a passport number
//! found by nobody; people found noted in the audit log; bad queries
//! answered as the API's errors.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use axum::http::StatusCode;
use kizuna_domain::common::locality::Locality;
use kizuna_domain::common::organisation::Organisation;
use kizuna_domain::common::person::Person;
use kizuna_domain::common::programme::Programme;
use kizuna_domain::exchanges::delegation::Delegation;
use kizuna_domain::map::place::Place;
use kizuna_domain::partnerships::activity::Activity;
use kizuna_domain::partnerships::outcome::Outcome;
use kizuna_domain::volunteers::document::{DocumentKind, PlacementDocument};
use kizuna_i18n::{CATALOGUES, Lang, message_ids};
use kizuna_store::{Action, AuditFilter, Backend, Page as Paging};
use kizuna_testkit::english::english_left;
use kizuna_testkit::{Browser, TestApp};
use serde_json::Value;

kizuna_testkit::on_both!(
    the_same_records_are_found_in_four_languages,
    each_caller_finds_only_what_it_may,
    bad_queries_are_refused_by_name,
);

fn enc(s: &str) -> String {
    kizuna_web::session::urlencode(s)
}

async fn hits(b: &mut Browser, query: &str) -> Vec<Value> {
    let a = b.get(&format!("/api/v1/search?{query}")).await.expect(StatusCode::OK);
    assert_eq!(
        a.header("cache-control"),
        "no-store",
        "what is found depends on who asks"
    );
    a.json()["hits"].as_array().unwrap().clone()
}

fn ids(hits: &[Value]) -> Vec<(String, i64)> {
    hits.iter()
        .map(|h| (h["kind"].as_str().unwrap().to_owned(), h["id"].as_i64().unwrap()))
        .collect()
}

/// The title's marked parts, as the API gives their byte ranges.
fn marked(hit: &Value) -> Vec<String> {
    let title = hit["title"].as_str().unwrap();
    hit["title_matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| title[r[0].as_u64().unwrap() as usize..r[1].as_u64().unwrap() as usize].to_owned())
        .collect()
}

async fn outcome_titled(t: &TestApp, en: &str) -> Outcome {
    t.app
        .store
        .select::<Outcome>(&[], Paging::ALL)
        .await
        .unwrap()
        .into_iter()
        .find(|o| {
            o.fields
                .title
                .get(Lang::En.code())
                .map(kizuna_domain::common::Text::as_str)
                == Some(en)
        })
        .unwrap_or_else(|| panic!("the demo has the outcome {en:?}"))
}

/// A demo place by its key in the demo's list.
async fn demo_place(t: &TestApp, key: &str) -> Place {
    t.app
        .store
        .select::<Place>(&[], Paging::ALL)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.fields.source.id().as_str() == key)
        .unwrap_or_else(|| panic!("the demo has the place {key:?}"))
}

async fn the_same_records_are_found_in_four_languages(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut api = t.api().await;
    let mut staff = t.staff().await;

    // An outcome of the Tokachi–Malaysia programme, asked for in each
    // language as a reader of that language would write it.
    let daifuku = outcome_titled(&t, "Halal Daifuku developed jointly").await;
    let asked = [
        ("en", "halal daifuku", "Halal Daifuku developed jointly"),
        ("ja", "ハラール大福", "ハラール大福の共同開発"),
        ("th", "ไดฟุกุฮาลาล", "การร่วมพัฒนาไดฟุกุฮาลาล"),
        ("ms", "daifuku halal", "Daifuku Halal dibangunkan bersama"),
    ];
    for (lang, q, title) in asked {
        let found = hits(&mut api, &format!("q={}&kind=outcome&lang={lang}", enc(q))).await;
        assert_eq!(
            ids(&found).first(),
            Some(&("outcome".to_owned(), daifuku.id)),
            "{lang} {q}: {found:?}"
        );
        assert_eq!(found[0]["title"], title, "the title in the language asked");
        assert!(
            !marked(&found[0]).is_empty(),
            "{lang}: the matches in the title are given"
        );

        // The console's page: the same outcome first among outcomes, its
        // link, its title with the matches marked.
        let page = staff.page(&format!("/console/search?q={}&lang={lang}", enc(q))).await;
        assert_eq!(page.lang(), lang);
        let first = page.first("#kind-outcome .search-hits li a");
        assert_eq!(
            first.attr("href"),
            Some(format!("/console/outcomes/{}/edit", daifuku.id).as_str()),
            "{lang}: {}",
            page.html()
        );
        assert_eq!(first.text, title);
        assert!(first.html.contains("<mark>"), "{lang}: {}", first.html);
        assert!(page.has("#search-found"), "{lang}: a count is said");
    }

    // Kushiro in four scripts: the same locality.
    let kushiro = t
        .app
        .store
        .select::<Locality>(&[], Paging::ALL)
        .await
        .unwrap()
        .into_iter()
        .find(|l| l.fields.name.get("en").map(kizuna_domain::common::Text::as_str) == Some("Kushiro"))
        .expect("the demo has Kushiro");
    for (lang, q) in [("en", "Kushiro"), ("ja", "釧路"), ("th", "คุชิโระ"), ("ms", "Kushiro")] {
        let found = hits(&mut api, &format!("q={}&kind=locality&lang={lang}", enc(q))).await;
        assert!(
            ids(&found).contains(&("locality".to_owned(), kushiro.id)),
            "{q}: {found:?}"
        );
        let page = staff.page(&format!("/console/search?q={}&lang={lang}", enc(q))).await;
        let links: Vec<String> = page
            .select("#kind-locality a")
            .iter()
            .filter_map(|a| a.attr("href").map(str::to_owned))
            .collect();
        assert!(
            links.contains(&format!("/console/profiles/locality/{}", kushiro.id)),
            "{q}: {links:?}"
        );
    }

    // Halal places by their Thai and Malay names ("Kushiro Robata Halal
    // Grill", "Tokachi Halal Chicken Don").
    let th = demo_place(&t, "kushiro-01").await;
    let found = hits(&mut api, &format!("q={}&kind=place&lang=th", enc("ฮาลาล คุชิโระ"))).await;
    assert_eq!(ids(&found).first(), Some(&("place".to_owned(), th.id)), "{found:?}");
    assert!(marked(&found[0]).iter().any(|m| m.contains("ฮาลาล")), "{found:?}");
    let ms = demo_place(&t, "obihiro-01").await;
    let found = hits(&mut api, "q=nasi+ayam+halal&kind=place&lang=ms").await;
    assert_eq!(ids(&found).first(), Some(&("place".to_owned(), ms.id)), "{found:?}");
    assert_eq!(
        found[0]["title"].as_str(),
        ms.fields.names.get("ms").map(kizuna_domain::common::Text::as_str),
        "the Malay name"
    );

    // Grouped: kinds with their counts, each group's count the number
    // found of that kind; a kind chosen lists that kind only.
    let page = staff.page("/console/search?q=halal").await;
    let groups = page.select("section.search-group");
    assert!(groups.len() >= 3, "places, outcomes, organisations…: {}", page.html());
    for g in &groups {
        let kind = g.attr("id").unwrap().trim_start_matches("kind-").to_owned();
        let count: usize = g.select(".badge")[0].attr("data-count").unwrap().parse().unwrap();
        let shown = g.select(".search-hits li").len();
        assert!(shown >= 1 && shown <= count.min(5), "{kind}: {shown} of {count}");
        let only = staff.page(&format!("/console/search?q=halal&kind={kind}")).await;
        assert_eq!(only.count("section.search-group"), 1, "{kind}");
        assert_eq!(only.count(".search-hits li"), count.min(50), "{kind}");
    }

    // Nothing found: said, with a hint, in the reader's language.
    let none = staff.page("/console/search?q=zzyzx-qwv&lang=ja").await;
    assert!(none.has("#search-none"), "{}", none.html());
    assert!(none.text().contains("zzyzx-qwv"));
    assert_eq!(none.count("section.search-group"), 0);

    // The header's box is on every console page and leads here.
    let console = staff.page("/console").await;
    let form = console.one("header form.site-search");
    assert_eq!(form.attr("action"), Some("/console/search"));

    // Every language without English left over.
    let ids_: Vec<String> = CATALOGUES
        .iter()
        .filter(|(l, f, _)| *l == "en" && *f == "search")
        .flat_map(|(_, _, text)| message_ids(text))
        .collect();
    for lang in [Lang::Ja, Lang::Th, Lang::Ms] {
        for uri in [
            "/console/search?q=halal&",
            "/console/search?q=zzyzx-qwv&",
            "/console/search?",
            "/search?q=halal&",
            "/search?",
        ] {
            let page = staff.page(&format!("{uri}lang={}", lang.code())).await;
            let left = english_left(lang, &ids_, &page.readable());
            assert!(left.is_empty(), "{uri} in {}: English left: {left:?}", lang.code());
        }
    }
}

async fn each_caller_finds_only_what_it_may(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut api = t.api().await;
    let mut anon = t.browser();
    let mut partner = t.partner().await;

    // Visitors: places and public stories, never people.
    let person: Person = t.app.store.select_after(0, 1).await.unwrap().pop().unwrap();
    let name = person.fields.family_name.as_str().to_owned();
    assert!(
        ids(&hits(&mut api, &format!("q={}&kind=person", enc(&name))).await).contains(&("person".into(), person.id)),
        "staff find {name}"
    );
    for q in [format!("q={}", enc(&name)), format!("q={}&kind=person", enc(&name))] {
        let found = hits(&mut anon, &q).await;
        assert!(found.iter().all(|h| h["kind"] != "person"), "{q}: {found:?}");
    }
    let found = hits(&mut anon, "q=halal&limit=100").await;
    assert!(!found.is_empty());
    assert!(
        found.iter().all(|h| h["kind"] == "place" || h["kind"] == "outcome"),
        "{found:?}"
    );
    for h in found.iter().filter(|h| h["kind"] == "outcome") {
        let o: Outcome = t.app.store.get(h["id"].as_i64().unwrap()).await.unwrap();
        assert!(o.fields.public, "only public stories: {h}");
    }
    // The portal's page: places link to their public pages, stories to
    // their programme's story; nothing of the console.
    for lang in ["en", "ja", "th", "ms"] {
        let page = anon.page(&format!("/search?q={}&lang={lang}", enc("ハラール"))).await;
        assert_eq!(page.lang(), lang);
        let links: Vec<String> = page
            .select(".search-hits a")
            .iter()
            .filter_map(|a| a.attr("href").map(str::to_owned))
            .collect();
        assert!(links.iter().any(|l| l.starts_with("/map/places/")), "{links:?}");
        assert!(
            links
                .iter()
                .any(|l| l.starts_with("/programmes/") && l.ends_with("/story")),
            "{links:?}"
        );
        assert!(links.iter().all(|l| !l.starts_with("/console")), "{links:?}");
        let page = anon.page(&format!("/search?q={}&kind=person", enc(&name))).await;
        assert!(!page.has(".search-hits"), "{}", page.html());
    }
    // The public box on the home page and the map; the console's refused.
    for uri in ["/", "/map"] {
        let page = anon.page(uri).await;
        assert_eq!(
            page.one("header form.site-search").attr("action"),
            Some("/search"),
            "{uri}"
        );
    }
    let refused = anon.get("/console/search?q=halal").await;
    assert!(refused.location().starts_with("/sign-in"), "{:?}", refused.status);

    // A partner finds its own organisation, not another's.
    let own = t.app.by_key::<Organisation>("demo/rda-th").await.unwrap();
    let other = t.app.by_key::<Organisation>("demo/rda-my").await.unwrap();
    let q = "q=regional+development+agency&kind=organisation";
    let all = ids(&hits(&mut api, q).await);
    assert!(all.contains(&("organisation".into(), own.id)) && all.contains(&("organisation".into(), other.id)));
    assert_eq!(
        ids(&hits(&mut partner, q).await),
        vec![("organisation".to_owned(), own.id)]
    );
    // Whatever it asks, only records of its own.
    for q in ["halal", "Kushiro", "Tokachi", &name] {
        for h in hits(&mut partner, &format!("q={}&limit=100", enc(q))).await {
            let id = h["id"].as_i64().unwrap();
            let mine = match h["kind"].as_str().unwrap() {
                "organisation" => id == own.id,
                "person" => t.app.store.get::<Person>(id).await.unwrap().fields.organisation_id == Some(own.id),
                "outcome" => {
                    let o: Outcome = t.app.store.get(id).await.unwrap();
                    o.fields.actor_organisation_id == Some(own.id) || o.fields.agent_organisation_id == Some(own.id)
                }
                "programme" => t.app.store.get::<Programme>(id).await.unwrap().fields.organisation_id == Some(own.id),
                "activity" => t.app.store.get::<Activity>(id).await.unwrap().fields.organisation_id == Some(own.id),
                "delegation" => t.app.store.get::<Delegation>(id).await.unwrap().fields.organisation_id == Some(own.id),
                // Localities, placements and places are staff's (or the public's) only.
                _ => false,
            };
            assert!(mine, "the partner found {h}");
        }
    }

    // A passport number is found by nobody: it is not in any document.
    let passport = t
        .app
        .store
        .select::<PlacementDocument>(&[], Paging::ALL)
        .await
        .unwrap()
        .into_iter()
        .find(|d| d.fields.kind == DocumentKind::Passport && d.fields.reference.is_some())
        .expect("the demo has a passport with its number");
    let number = passport.fields.reference.unwrap().as_str().to_owned();
    for b in [&mut partner, &mut api, &mut anon] {
        assert!(hits(b, &format!("q={}", enc(&number))).await.is_empty(), "{number}");
    }

    // People found are in the audit log as viewed, by search, by whom.
    let before = t
        .app
        .audit_log(
            &AuditFilter {
                action: Some(Action::View),
                record_id: Some(person.id),
                ..Default::default()
            },
            Paging::ALL,
        )
        .await
        .unwrap()
        .0
        .len();
    let mut staff = t.staff().await;
    let page = staff
        .page(&format!("/console/search?q={}&kind=person", enc(&name)))
        .await;
    assert!(
        page.select("#kind-person a")
            .iter()
            .any(|a| a.attr("href") == Some(format!("/console/people/{}", person.id).as_str())),
        "{}",
        page.html()
    );
    let logged = t
        .app
        .audit_log(
            &AuditFilter {
                action: Some(Action::View),
                record_id: Some(person.id),
                ..Default::default()
            },
            Paging::ALL,
        )
        .await
        .unwrap()
        .0;
    assert!(logged.len() > before, "{logged:?}");
    assert!(
        logged
            .iter()
            .any(|e| e.detail.as_deref() == Some("search") && e.actor_user_id.is_some()),
        "{logged:?}"
    );
}

async fn bad_queries_are_refused_by_name(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let mut api = t.api().await;
    let long = "あ".repeat(201);
    for (q, field, code) in [
        ("".to_owned(), "q", "empty"),
        ("q=%20%20".to_owned(), "q", "empty"),
        (format!("q={}", enc(&long)), "q", "too_long"),
        ("q=halal&kind=people".to_owned(), "kind", "unknown_kind"),
        ("q=halal&lang=fr".to_owned(), "lang", "unknown_language"),
        ("q=halal&limit=0".to_owned(), "limit", "out_of_range"),
        ("q=halal&limit=101".to_owned(), "limit", "out_of_range"),
    ] {
        let a = api
            .get(&format!("/api/v1/search?{q}"))
            .await
            .expect(StatusCode::BAD_REQUEST);
        let e = &a.json()["error"];
        assert_eq!(e["fields"][0]["field"], field, "{q}: {e}");
        assert_eq!(e["fields"][0]["code"], code, "{q}: {e}");
    }
    let a = api.get("/api/v1/search?q=halal&colour=red").await;
    assert_eq!(a.json()["error"]["fields"][0]["field"], "colour");
    // A query of 200 characters is taken; an empty store finds nothing.
    let ok = "あ".repeat(200);
    assert!(hits(&mut api, &format!("q={}", enc(&ok))).await.is_empty());
    // The page says a query is too long rather than failing.
    let mut staff = t.staff().await;
    let page = staff.page(&format!("/console/search?q={}", enc(&long))).await;
    assert!(page.has("[role=alert]"), "{}", page.html());
}
