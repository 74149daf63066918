//! Search over the store on SQLite and PostgreSQL: the demo's records found
//! in Japanese, Thai and English; what a visitor or a partner cannot see is
//! not found; people found are logged; the index follows the change feed
//! (a deleted place disappears) and, reopened from its directory, knows
//! the feed positions it applied and catches up with what it missed.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use kizuna_app::App;
use kizuna_app::search::{Search, Searcher};
use kizuna_domain::map::place::Place;
use kizuna_store::{Action, AuditFilter, Backend, Page};
use kizuna_testkit::fresh_store;

async fn ids(s: &Search, app: &App, who: Searcher, q: &str, kind: &str) -> Vec<(String, i64)> {
    let kinds: Vec<String> = if kind.is_empty() {
        vec![]
    } else {
        vec![kind.to_string()]
    };
    s.search(app, who, q, &kinds, "en", 50)
        .await
        .unwrap()
        .into_iter()
        .map(|h| (h.kind, h.id))
        .collect()
}

kizuna_testkit::on_both!(search_follows_the_store_and_respects_roles);

async fn search_follows_the_store_and_respects_roles(backend: Backend) {
    let app = App::new(fresh_store(backend).await.unwrap());
    app.load_demo().await.unwrap();
    let dir = std::env::temp_dir().join(format!("kizuna-search-test-{}-{backend:?}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let s = Search::open(&app, &dir).await.unwrap();
    assert!(s.len() > 1000, "{}", s.len());

    // Kana in three spellings find the same halal places.
    let halal = ids(&s, &app, Searcher::Staff, "ハラール", "place").await;
    assert!(!halal.is_empty());
    assert_eq!(ids(&s, &app, Searcher::Staff, "はらーる", "place").await, halal);
    assert_eq!(ids(&s, &app, Searcher::Staff, "ﾊﾗｰﾙ", "place").await, halal);

    // A place name in four scripts.
    let kushiro = ids(&s, &app, Searcher::Staff, "Kushiro", "locality").await;
    assert!(!kushiro.is_empty());
    for q in ["釧路", "くしろ", "คุชิโระ"] {
        let found = ids(&s, &app, Searcher::Staff, q, "locality").await;
        assert!(found.contains(&kushiro[0]), "{q}: {found:?}");
    }

    // A person by name: staff find them (and it is logged); visitors and
    // another partner do not.
    let person: kizuna_domain::common::person::Person = app.store.select_after(0, 1).await.unwrap().pop().unwrap();
    let name = person.fields.family_name.as_str().to_string();
    let found = ids(&s, &app, Searcher::Staff, &name, "person").await;
    assert!(found.contains(&("person".into(), person.id)), "{name}: {found:?}");
    let logged = app
        .audit_log(
            &AuditFilter {
                action: Some(Action::View),
                record_id: Some(person.id),
                ..Default::default()
            },
            Page::ALL,
        )
        .await
        .unwrap()
        .0;
    assert!(
        logged.iter().any(|e| e.detail.as_deref() == Some("search")),
        "{logged:?}"
    );
    assert!(ids(&s, &app, Searcher::Public, &name, "").await.is_empty());
    assert!(ids(&s, &app, Searcher::Public, &name, "person").await.is_empty());
    assert!(ids(&s, &app, Searcher::Partner(-1), &name, "").await.is_empty());
    // Visitors still find places.
    assert_eq!(ids(&s, &app, Searcher::Public, "ハラール", "place").await, halal);

    // A deleted place leaves the results through the change feed.
    let gone = halal[0].1;
    app.delete::<Place>(gone).await.unwrap();
    let after = ids(&s, &app, Searcher::Staff, "ハラール", "place").await;
    assert!(!after.contains(&("place".into(), gone)), "{after:?}");
    drop(s);

    // A write the index never saw (the server stopped between the store's
    // commit and the index's, as in a crash): reopened, the index repairs
    // itself from the feed, keeping the rest without a rebuild.
    let unseen = after[0].1;
    app.delete::<Place>(unseen).await.unwrap();
    let expected: Vec<_> = after.iter().filter(|(_, id)| *id != unseen).cloned().collect();
    let reopened = Search::open(&app, &dir).await.unwrap();
    assert_eq!(
        ids(&reopened, &app, Searcher::Staff, "ハラール", "place").await,
        expected
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
