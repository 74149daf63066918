//! The tourism console through the router, on SQLite and PostgreSQL: the
//! demo's fair, campaign, training and ambassador listed; the flows page
//! reads without JavaScript (the table of months, each figure's stage
//! marked and footnoted) and downloads as CSV; a fair recorded, a change
//! and a deletion from an old version refused with 409 and nothing
//! written, the deletion at the version shown done; a flows file with a
//! bad value refused with its row, column and reason, a good one imported.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::collections::HashMap;

use axum::http::StatusCode;
use kizuna_domain::tourism::fair::TravelFair;
use kizuna_store::Backend;
use kizuna_testkit::{Page, TestApp};

kizuna_testkit::on_both!(
    the_demo_tourism_and_its_flows_read_without_javascript,
    a_fair_is_changed_and_deleted_only_from_the_version_shown,
    a_flows_file_is_imported_from_the_console_all_or_nothing,
);

fn duplicate_ids(page: &Page) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for el in page.select("[id]") {
        *seen.entry(el.attr("id").unwrap().to_owned()).or_default() += 1;
    }
    seen.into_iter().filter(|(_, n)| *n > 1).map(|(id, _)| id).collect()
}

async fn the_demo_tourism_and_its_flows_read_without_javascript(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let page = b.page("/console/tourism").await;
    assert!(
        page.texts("#fair-list th a").iter().any(|x| x.contains("Bangkok")),
        "{}",
        page.html()
    );
    assert!(page.texts("#campaign-list th a").iter().any(|x| x.contains("Akan")));
    assert!(page.texts("#training-list li").iter().any(|x| x.contains("4 trainees")));
    assert!(
        page.texts("#ambassador-list li")
            .iter()
            .any(|x| x.contains("Tourism Ambassador"))
    );
    let fair = page.first("#fair-list th a").attr("href").unwrap().to_owned();
    for path in [
        "/console/tourism".to_owned(),
        "/console/tourism/flows".into(),
        fair.clone(),
        format!("{fair}/edit"),
        format!("{fair}/delete"),
        "/console/tourism/leads/new".into(),
    ] {
        let p = b.page(&path).await;
        assert_eq!(duplicate_ids(&p), Vec::<String>::new(), "ids used twice on {path}");
    }
    assert!(
        b.page(&fair)
            .await
            .texts("#lead-list th")
            .iter()
            .any(|x| x.contains("Kushiro"))
    );

    let flows = b.page("/console/tourism/flows").await;
    let rows = flows.select("#flows-table tbody tr");
    assert_eq!(rows.len(), 18, "January 2023 to June 2024");
    let heads = flows.texts("#flows-table thead th");
    assert!(
        heads[1].contains("Thailand") && heads[1].contains("Hokkaido"),
        "{heads:?}"
    );
    let cells = flows.texts("#flows-table tbody td");
    assert!(cells.iter().any(|c| c.ends_with('*')), "preliminary figures marked");
    assert!(cells.iter().any(|c| c.ends_with('†')), "provisional figures marked");
    let notes = flows.texts("#flows-footnote p");
    assert_eq!(notes.len(), 3, "{notes:?}");
    assert!(notes.iter().any(|n| n.contains("definitive")));
    assert!(flows.texts("#imports li").iter().any(|x| x.contains("FICTIONAL")));
    let data = flows.json_block("flows-data");
    assert_eq!(data["months"].as_array().unwrap().len(), 18);

    // The same in Japanese: the stages' own words.
    let ja = b.page("/console/tourism/flows?lang=ja").await;
    assert!(
        ja.texts("#flows-footnote p").iter().any(|n| n.contains("確定値")),
        "{}",
        ja.html()
    );

    let csv = b
        .get("/console/tourism/flows/download?a=TH&b=jp/hokkaido&format=csv&lang=en")
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    let text = csv.text();
    assert!(
        text.contains("2023-01") && text.contains("definitive") && text.contains("preliminary"),
        "{text}"
    );
    let xlsx = b
        .get("/console/tourism/flows/download?a=TH&b=jp/hokkaido&format=xlsx&lang=en")
        .await;
    assert_eq!(xlsx.status, StatusCode::OK);
    assert!(xlsx.header("content-type").contains("spreadsheetml"));
}

async fn a_fair_is_changed_and_deleted_only_from_the_version_shown(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let form = b.page("/console/tourism/fairs/new").await;
    let person = form.select("#f-person_ids option")[0].attr("value").unwrap().to_owned();
    let fields = [
        ("name_en", "Visit Japan fair"),
        ("role", "hosted"),
        ("city", "Kushiro"),
        ("country", "JP"),
        ("starts_on", "2024-05-10"),
        ("ends_on", "2024-05-09"),
        ("person_ids", person.as_str()),
    ];
    let refused = b
        .submit("/console/tourism/fairs/new", &fields)
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    assert!(
        refused.has("#e-ends_on"),
        "the message beside the end date: {}",
        refused.html()
    );
    let mut fields = fields.to_vec();
    fields[5] = ("ends_on", "2024-05-12");
    let saved = b.submit("/console/tourism/fairs/new", &fields).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
    let record = saved.location().split('?').next().unwrap().to_owned();
    let id: i64 = record.rsplit('/').next().unwrap().parse().unwrap();
    let fair = t.app.get::<TravelFair>(id).await.unwrap();
    assert_eq!(fair.fields.city.as_str(), "Kushiro");

    // A colleague changes it; a change from the version first shown is refused.
    let mut theirs = fair.fields.clone();
    theirs.city = kizuna_domain::common::Text::parse("Akan").unwrap();
    t.app.update::<TravelFair>(id, fair.version, &theirs).await.unwrap();
    let mut stale = fields.clone();
    stale.push(("version", "1"));
    stale[2] = ("city", "Obihiro");
    let answer = b.submit(&format!("{record}/edit"), &stale).await;
    assert_eq!(answer.status, StatusCode::CONFLICT, "{}", answer.text());
    assert_eq!(t.app.get::<TravelFair>(id).await.unwrap().fields.city.as_str(), "Akan");

    // Deleting from the old version is refused; from the version shown it is done.
    let answer = b.submit(&format!("{record}/delete"), &[("version", "1")]).await;
    assert_eq!(answer.status, StatusCode::CONFLICT);
    assert!(t.app.get::<TravelFair>(id).await.is_ok());
    let confirm = b.page(&format!("{record}/delete")).await;
    let version = confirm.one("input[name=version]").attr("value").unwrap().to_owned();
    let answer = b
        .submit(&format!("{record}/delete"), &[("version", version.as_str())])
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    assert!(t.app.get::<TravelFair>(id).await.is_err());
}

async fn a_flows_file_is_imported_from_the_console_all_or_nothing(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let mut b = t.staff().await;
    let empty = b.page("/console/tourism/flows").await;
    assert!(empty.has("#flows-empty"));
    let bad = "origin,destination,stage,2023-01\nTH,JP,preliminary,12x\n";
    let answer = b
        .submit_multipart("/console/tourism/flows/import", &[], Some(("bad.csv", bad.as_bytes())))
        .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = answer.page();
    let row = page.texts("#rejected tbody tr td");
    assert_eq!(page.texts("#rejected tbody th"), ["2"]);
    assert!(
        row[0] == "2023-01" && row[1] == "12x" && row[2].contains("12x"),
        "{row:?}"
    );
    assert!(t.app.flows().await.unwrap().is_empty());

    let good = "origin,destination,stage,2023-01,2023-02\nTH,JP,provisional,1200,1300\nJP,TH,preliminary,300,310\n";
    let answer = b
        .submit_multipart(
            "/console/tourism/flows/import",
            &[],
            Some(("good.csv", good.as_bytes())),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    let page = answer.page();
    assert!(page.texts("#flows-done")[0].contains("4 added"), "{}", page.html());
    assert_eq!(page.select("#flows-table tbody tr").len(), 2);
    assert_eq!(t.app.flows().await.unwrap().len(), 4);
}
