//! The exchanges console over the demo data, through the router, on SQLite
//! and PostgreSQL: every exchanges page (overview, lists, each kind's
//! record with its section forms and photo form, new, edit and delete
//! forms) has
//! each HTML id once, so that labels, messages and tests find the one
//! field meant; a courtesy call made by a course edition's participants is
//! recorded from its form and its page names the edition.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::collections::{BTreeMap, HashMap};

use axum::http::StatusCode;
use kizuna_domain::exchanges::courtesy_call::CourtesyCall;
use kizuna_store::Backend;
use kizuna_testkit::{Browser, Page, TestApp};

kizuna_testkit::on_both!(every_exchanges_page_has_each_id_once, a_courtesy_call_names_its_edition,);

fn duplicate_ids(page: &Page) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for el in page.select("[id]") {
        *seen.entry(el.attr("id").unwrap().to_owned()).or_default() += 1;
    }
    let mut twice: Vec<String> = seen.into_iter().filter(|(_, n)| *n > 1).map(|(id, _)| id).collect();
    twice.sort();
    twice
}

/// The first record's page listed on a kind's list page.
async fn first_record(b: &mut Browser, list: &str) -> String {
    let page = b.page(list).await;
    page.first(&format!("#exchanges a[href^=\"{list}/\"]"))
        .attr("href")
        .unwrap()
        .to_owned()
}

async fn every_exchanges_page_has_each_id_once(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let mut paths = vec!["/console/exchanges".to_owned()];
    for list in [
        "/console/delegations",
        "/console/dispatches",
        "/console/symposiums",
        "/console/courtesy-calls",
    ] {
        let record = first_record(&mut b, list).await;
        paths.extend([
            list.to_owned(),
            format!("{list}/new"),
            format!("{record}/edit"),
            format!("{record}/delete"),
            record,
        ]);
    }
    for path in &paths {
        let page = b.page(path).await;
        assert_eq!(duplicate_ids(&page), Vec::<String>::new(), "ids used twice on {path}");
    }
    // The symposium's page holds the speaker and region forms, each with a
    // name field of its own.
    let symposium = first_record(&mut b, "/console/symposiums").await;
    let page = b.page(&symposium).await;
    assert!(page.has("#speakers-form #speakers-f-name"), "{}", page.html());
    assert!(page.has("#regions-form #regions-f-name_en"), "{}", page.html());
    assert_eq!(
        page.one("label[for=\"speakers-f-name\"]").attr("for"),
        Some("speakers-f-name")
    );
    // A refused section form keeps its message beside its own field.
    let fields: Vec<(String, String)> = page.form("#regions-form");
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let action = page.one("#regions-form").attr("action").unwrap().to_owned();
    let refused = b
        .submit(&action, &fields)
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    assert_eq!(
        duplicate_ids(&refused),
        Vec::<String>::new(),
        "ids used twice on a refused form"
    );
}

async fn a_courtesy_call_names_its_edition(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let form = b.page("/console/courtesy-calls/new").await;
    let editions: Vec<String> = form
        .select("#f-edition_id option")
        .iter()
        .map(|o| o.attr("value").unwrap_or_default().to_owned())
        .collect();
    assert!(editions.len() > 1, "the demo's editions are offered: {}", form.html());
    let edition = editions[1].clone();
    let label = form
        .texts(&format!("#f-edition_id option[value=\"{edition}\"]"))
        .pop()
        .unwrap();
    let before = t
        .app
        .list::<CourtesyCall>(&BTreeMap::new(), Default::default())
        .await
        .unwrap()
        .1;
    let fields = [
        ("visitor_en", "Participants of the course"),
        ("host_en", "the Mayor of Obihiro"),
        ("called_on", "2007-10-15"),
        ("edition_id", edition.as_str()),
    ];
    let saved = b.submit("/console/courtesy-calls/new", &fields).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
    let record = saved.location().split('?').next().unwrap().to_owned();
    let page = b.page(&record).await;
    assert!(
        page.texts("#exchange-facts dd").contains(&label),
        "the edition {label} among {:?}",
        page.texts("#exchange-facts dd")
    );
    let after = t
        .app
        .list::<CourtesyCall>(&BTreeMap::new(), Default::default())
        .await
        .unwrap();
    assert_eq!(after.1, before + 1);
    // A delegation and an edition together are refused beside the edition.
    let delegation = form
        .select("#f-delegation_id option")
        .get(1)
        .and_then(|o| o.attr("value").map(str::to_owned))
        .unwrap();
    let mut both = fields.to_vec();
    both.push(("delegation_id", delegation.as_str()));
    let refused = b
        .submit("/console/courtesy-calls/new", &both)
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    assert!(refused.has("#e-edition_id"), "{}", refused.text());
}
