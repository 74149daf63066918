//! The console's people search on the demo, through the router, on SQLite
//! and PostgreSQL: a Thai trainee is found at `/console/people?q=` by their
//! name in Thai script and by its reading typed in hiragana, and the row
//! shows both forms.

use std::collections::BTreeSet;

use kizuna_app::people::{NameQuery, PeopleQuery};
use kizuna_store::{Backend, Page as Paging};
use kizuna_testkit::TestApp;

kizuna_testkit::on_both!(a_thai_trainee_is_found_in_the_console_by_thai_script_and_by_hiragana);

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn a_thai_trainee_is_found_in_the_console_by_thai_script_and_by_hiragana(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let (somchai, _) = t
        .app
        .people_list(
            &PeopleQuery {
                name: NameQuery::parse("Somchai"),
                nationality: None,
            },
            Paging::ALL,
        )
        .await
        .expect("a search");
    assert!(!somchai.is_empty(), "the demo has a Somchai");
    let expected: BTreeSet<String> = somchai
        .iter()
        .map(|s| format!("/console/people/{}", s.person.id))
        .collect();
    let mut b = t.staff().await;
    for q in ["สมชาย", "そむちゃい", "ソムチャイ"] {
        let page = b.page(&format!("/console/people?q={}", urlencode(q))).await;
        let rows = page.select("table#people > tbody > tr");
        let found: BTreeSet<String> = rows
            .iter()
            .filter_map(|r| r.select("th a").first().and_then(|a| a.attr("href").map(str::to_owned)))
            .collect();
        assert_eq!(found, expected, "{q} finds the Somchais");
        for r in &rows {
            let spans = r.texts("td span");
            assert!(
                spans.iter().any(|s| s.starts_with("สมชาย ")) && spans.iter().any(|s| s.starts_with("ソムチャイ ")),
                "{q}: the row shows the name in Thai and in katakana: {spans:?}"
            );
        }
    }
}
