//! The ripple pages on the demo's seed-002 story: staff see a programme's
//! causal graph and its filters kept in the address (the tables agree with
//! the application's graph), the public story shows only what staff
//! marked public and answers 404 otherwise, the links map lists every
//! linked pair and draws those it can place, and the impact report says
//! the same figures as a page, JSON, CSV and an XLSX workbook LibreOffice
//! reads. On SQLite and PostgreSQL.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::collections::BTreeSet;
use std::process::Command;

use axum::http::StatusCode;
use kizuna_app::partnerships::ripple::{LedgerFilter, NodeKind, RippleFilter};
use kizuna_domain::common::programme::Programme;
use kizuna_domain::partnerships::outcome::{Outcome, Side};
use kizuna_domain::partnerships::partnership::Partnership;
use kizuna_store::Backend;
use kizuna_testkit::{TestApp, have_tool};

kizuna_testkit::on_both!(
    staff_see_the_graph_with_its_filters_in_the_address,
    the_story_shows_only_what_is_public,
    the_links_page_lists_and_draws_the_linked_pairs,
    the_impact_report_says_the_same_in_every_format,
);

const MY: &str = "food-valley-tokachi-malaysia";

async fn programme(t: &TestApp, key: &str) -> Programme {
    t.app.partnership_programme_by_key(key).await.unwrap().unwrap()
}

async fn staff_see_the_graph_with_its_filters_in_the_address(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let my = programme(&t, MY).await;
    let path = format!("/console/partnerships/{}/ripple", my.id);

    // Visitors are sent to sign in; partners are refused.
    let answer = t.browser().get(&path).await;
    assert!(answer.status.is_redirection() && answer.location().starts_with("/sign-in?next="));
    t.partner().await.get(&path).await.expect(StatusCode::FORBIDDEN);

    let mut b = t.staff().await;
    let all = t.app.ripple(Some(my.id), &RippleFilter::default()).await.unwrap();
    let page = b.page(&path).await;
    assert_eq!(page.count("#ripple-nodes tbody tr"), all.nodes.len());
    assert!(page.text().contains("Halal Daifuku"));
    assert_eq!(page.count("#ripple-chains li"), all.chains.len());
    let data = page.json_block("ripple-data");
    assert_eq!(data["nodes"].as_array().unwrap().len(), all.nodes.len());
    assert_eq!(data["edges"].as_array().unwrap().len(), all.edges.len());
    // The mutual summary's totals are the ledger's counts by side.
    let ledger = t
        .app
        .ledger(&LedgerFilter {
            programme_id: Some(my.id),
            ..LedgerFilter::default()
        })
        .await
        .unwrap();
    let on = |s: Side| ledger.iter().filter(|o| o.fields.side == s).count().to_string();
    let totals = page.texts("#ripple-mutual tfoot td");
    assert_eq!(totals, vec![on(Side::Japan), on(Side::Abroad), on(Side::Both)]);

    // Filtered to Japan: only Japanese outcomes, the select keeps it, and
    // the links to the JSON and the impact report carry it.
    let page = b.page(&format!("{path}?side=japan&lang=en")).await;
    let japan: Vec<&Outcome> = ledger.iter().filter(|o| o.fields.side == Side::Japan).collect();
    assert!(!japan.is_empty() && japan.len() < ledger.len());
    let sides = page.texts("#ripple-nodes tbody tr.side-japan");
    assert_eq!(sides.len(), japan.len(), "one row per Japanese outcome");
    assert_eq!(page.count("#ripple-nodes tbody tr.side-abroad"), 0);
    let selected = page.one("select[name=side] option[selected]");
    assert_eq!(selected.attr("value"), Some("japan"));
    let json_href = page
        .select("a[type='application/json']")
        .into_iter()
        .find_map(|a| a.attr("href").map(str::to_owned))
        .unwrap();
    assert_eq!(json_href, format!("{path}.json?side=japan"));
    let json = b.get(&json_href).await.expect(StatusCode::OK).json();
    let outcomes: Vec<&serde_json::Value> = json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["node"] == "outcome" && n["elsewhere"] == false)
        .collect();
    assert_eq!(outcomes.len(), japan.len());
    assert!(outcomes.iter().all(|n| n["side"] == "japan"));

    // A bad filter is said and ignored on the page, refused as JSON.
    let page = b.page(&format!("{path}?side=mars")).await;
    assert!(page.one("p.notice.bad").text.contains("mars"));
    assert_eq!(page.count("#ripple-nodes tbody tr"), all.nodes.len());
    b.get(&format!("{path}.json?side=mars"))
        .await
        .expect(StatusCode::BAD_REQUEST);

    // A programme that is not a partnership, or none: not found.
    let training = t
        .app
        .list::<Programme>(&[("kind".to_owned(), "training".to_owned())].into(), Default::default())
        .await
        .unwrap()
        .0;
    if let Some(p) = training.first() {
        b.get(&format!("/console/partnerships/{}/ripple", p.id))
            .await
            .expect(StatusCode::NOT_FOUND);
    }
    b.get("/console/partnerships/999999/ripple")
        .await
        .expect(StatusCode::NOT_FOUND);

    // Every programme: each programme's page is linked, filters kept.
    let page = b.page("/console/ripple?fy=2016").await;
    let hrefs: Vec<String> = page
        .select("#ripple-programmes a")
        .into_iter()
        .filter_map(|a| a.attr("href").map(str::to_owned))
        .collect();
    assert!(hrefs.contains(&format!("{path}?fy=2016")), "{hrefs:?}");
    let fy2016 = t
        .app
        .ripple(
            None,
            &RippleFilter {
                fiscal_year: Some(2016),
                ..RippleFilter::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(page.count("#ripple-nodes tbody tr"), fy2016.nodes.len());
}

async fn the_story_shows_only_what_is_public(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let my = programme(&t, MY).await;
    let path = format!("/programmes/{MY}/story");
    let mut visitor = t.browser();

    // The public outcomes, and not the others.
    let public = t
        .app
        .ripple(
            Some(my.id),
            &RippleFilter {
                public_only: true,
                ..RippleFilter::default()
            },
        )
        .await
        .unwrap();
    let shown: BTreeSet<_> = public
        .nodes
        .iter()
        .filter(|n| n.node == NodeKind::Outcome)
        .map(|n| n.record_id)
        .collect();
    assert!(!shown.is_empty());
    let page = visitor.page(&format!("{path}?lang=en")).await;
    let text = page.text();
    let ledger = t
        .app
        .ledger(&LedgerFilter {
            programme_id: Some(my.id),
            ..LedgerFilter::default()
        })
        .await
        .unwrap();
    for o in &ledger {
        let title = o.fields.title.best("en");
        assert_eq!(
            text.contains(title),
            o.fields.public,
            "{title}: public {}",
            o.fields.public
        );
    }
    // Staff take one back: it leaves the story.
    let halal = ledger
        .iter()
        .find(|o| o.fields.public && o.fields.title.best("en").contains("Halal Daifuku developed"))
        .unwrap();
    let mut fields = halal.fields.clone();
    fields.public = false;
    t.app.update::<Outcome>(halal.id, halal.version, &fields).await.unwrap();
    let page = visitor.page(&format!("{path}?lang=en")).await;
    assert!(!page.text().contains("Halal Daifuku developed"));

    // In Japanese, the Japanese titles; the public list links it.
    let page = visitor.page(&format!("{path}?lang=ja")).await;
    assert_eq!(page.lang(), "ja");
    assert!(page.text().contains(my.fields.title.get("ja").unwrap().as_str()));
    let stories = visitor.page("/stories").await;
    assert!(stories.has(&format!("#stories a[href='{path}']")));

    // Unknown key: 404; the partnership made private: 404 and off the list.
    visitor
        .get("/programmes/no-such-programme/story")
        .await
        .expect(StatusCode::NOT_FOUND);
    let d: Partnership = t.app.partnership_of(my.id).await.unwrap().unwrap();
    let mut fields = d.fields.clone();
    fields.public = false;
    t.app.update::<Partnership>(d.id, d.version, &fields).await.unwrap();
    visitor.get(&path).await.expect(StatusCode::NOT_FOUND);
    let stories = visitor.page("/stories").await;
    assert!(!stories.has(&format!("#stories a[href='{path}']")));
}

async fn the_links_page_lists_and_draws_the_linked_pairs(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let pairs = t.app.locality_pairs(true).await.unwrap();
    let page = t.browser().page("/links?lang=en").await;
    assert_eq!(page.count("#links-table tbody tr"), pairs.len());
    let placed = pairs
        .iter()
        .filter(|p| p.japan.centre.is_some() && p.abroad.centre.is_some())
        .count();
    let config = page.json_block("links-config");
    assert_eq!(config["lines"].as_array().unwrap().len(), placed);
    assert!(placed >= 2, "Obihiro with Bangkok and Selangor at least");
    // Obihiro–Selangor: the Malaysian programme, its outcomes counted.
    let row = page
        .select("#links-table tbody tr")
        .into_iter()
        .find(|r| r.text.contains("Obihiro") && r.text.contains("Selangor"))
        .unwrap();
    assert!(row.text.contains("Food Valley Tokachi in Malaysia"), "{}", row.text);
    let my = programme(&t, MY).await;
    let public: Vec<Outcome> = t
        .app
        .ledger(&LedgerFilter {
            programme_id: Some(my.id),
            ..LedgerFilter::default()
        })
        .await
        .unwrap()
        .into_iter()
        .filter(|o| o.fields.public)
        .collect();
    let japan = public.iter().filter(|o| o.fields.side == Side::Japan).count();
    assert!(row.text.contains(&format!("Japan {japan} ·")), "{}", row.text);
    // Those without a position are named as not drawn.
    if placed < pairs.len() {
        assert!(page.has("#links-not-drawn"));
    }
}

async fn the_impact_report_says_the_same_in_every_format(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let my = programme(&t, MY).await;
    let base = format!("/console/partnerships/{}/impact", my.id);
    let mut b = t.staff().await;
    t.browser()
        .get(&format!("{base}.csv"))
        .await
        .expect(StatusCode::SEE_OTHER);
    t.partner()
        .await
        .get(&format!("{base}.json"))
        .await
        .expect(StatusCode::FORBIDDEN);

    let impact = t.app.impact(Some(my.id), Some(2018)).await.unwrap();
    assert!(impact.totals.total > 0);
    let json = b
        .get(&format!("{base}.json?fy=2018"))
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!(json["totals"]["total"], impact.totals.total);
    assert_eq!(json["fiscal_year"], 2018);
    let all_years = b.get(&format!("{base}.json")).await.expect(StatusCode::OK).json();
    assert!(all_years["totals"]["total"].as_u64().unwrap() > impact.totals.total as u64);

    let page = b.page(&format!("{base}?fy=2018&lang=en")).await;
    assert_eq!(page.count("#impact-outcomes tbody tr"), impact.outcomes.len());
    let total = page.texts("#impact-kinds tfoot td");
    assert_eq!(total.last().unwrap(), &impact.totals.total.to_string());

    let csv = b
        .get(&format!("{base}.csv?fy=2018&lang=en"))
        .await
        .expect(StatusCode::OK);
    assert!(
        csv.header("content-disposition")
            .contains("impact-food-valley-tokachi-malaysia-fy2018.csv")
    );
    let text = String::from_utf8(csv.body.to_vec()).unwrap();
    let total_line = format!(
        "Total,{},{},{},{}",
        impact.totals.japan, impact.totals.abroad, impact.totals.both, impact.totals.total
    );
    assert!(text.contains(&total_line), "{text}");
    for o in &impact.outcomes {
        assert!(text.contains(o.title.best("en")), "{text}");
    }
    b.get(&format!("{base}.csv?fy=soon"))
        .await
        .expect(StatusCode::BAD_REQUEST);

    let xlsx = b
        .get(&format!("{base}.xlsx?fy=2018&lang=en"))
        .await
        .expect(StatusCode::OK);
    assert!(xlsx.body.starts_with(b"PK"));
    // (Under CI=true a missing LibreOffice fails the test.)
    if !have_tool("soffice", "libreoffice-calc-nogui") {
        return;
    }
    let dir = std::env::temp_dir().join(format!("kizuna-impact-{}-{:?}", std::process::id(), backend));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("impact.xlsx");
    std::fs::write(&path, &xlsx.body).unwrap();
    // Every sheet as its own CSV (sheet -1), as LibreOffice reads them.
    let o = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.join("profile").display()
        ))
        .args([
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
            "--outdir",
        ])
        .arg(&dir)
        .arg(&path)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut read = String::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "csv") {
            read.push_str(&std::fs::read_to_string(&p).unwrap());
        }
    }
    assert!(read.contains(&total_line), "{read}");
    assert!(read.contains("Minister of Agriculture"), "{read}");
    std::fs::remove_dir_all(&dir).ok();
}
