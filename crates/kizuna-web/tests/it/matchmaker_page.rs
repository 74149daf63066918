//! The matchmaker's console page over the demo data, on SQLite and
//! PostgreSQL: the same ranking as the application gives, each row with
//! its evidence; an incomplete profile says what it lacks; unknown and
//! malformed parties are refused; and the page in Japanese, Thai and Malay
//! leaves no English of its own.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use axum::http::StatusCode;
use kizuna_app::matchmaker::Asked;
use kizuna_domain::common::locality::Locality;
use kizuna_domain::common::organisation::Organisation;
use kizuna_domain::matchmaker::Scorer;
use kizuna_i18n::{CATALOGUES, Lang, message_ids};
use kizuna_store::Backend;
use kizuna_testkit::TestApp;
use kizuna_testkit::english::english_left;

kizuna_testkit::on_both!(
    the_page_ranks_as_the_application_does_and_cites_evidence,
    an_incomplete_profile_and_unknown_parties,
    the_page_speaks_japanese_thai_and_malay,
);

async fn the_page_ranks_as_the_application_does_and_cites_evidence(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let page = b.page("/console/match").await;
    assert!(page.has("form#choose-locality select#locality"));
    assert!(page.texts("#locality option").iter().any(|o| o == "Obihiro"));
    assert!(!page.has("#ranked"));

    let obihiro = t
        .app
        .by_key::<Locality>("jp/hokkaido/tokachi/obihiro")
        .await
        .unwrap()
        .id;
    let page = b.page(&format!("/console/match?locality={obihiro}")).await;
    let names = page.texts("#ranked tbody th");
    assert_eq!(names.len(), 10);
    let want = t
        .app
        .match_party(Asked::LocalityId(obihiro), 10, Scorer::Matchmaker, Lang::En)
        .await
        .unwrap();
    let want: Vec<&str> = want.suggestions.iter().map(|s| s.party.label.as_str()).collect();
    assert_eq!(names, want);
    // The chosen locality stays chosen; every row says why, offers and
    // needs by number.
    assert_eq!(page.one("#locality option[selected]").text, "Obihiro");
    let why = page.texts("#ranked tbody tr:first-child ul.why li");
    assert!(
        why.iter().any(|w| w.contains("offer ") && w.contains("need ")),
        "{why:?}"
    );
    assert!(why.iter().any(|w| w.contains("known partner")), "{why:?}");
    // Obihiro's partners abroad are listed as known, not suggested.
    let text = page.text();
    assert!(
        text.contains("Bangkok") && text.contains("Already linked with"),
        "{text}"
    );
    assert!(!names.iter().any(|n| n == "Bangkok" || n == "Selangor"));
}

async fn an_incomplete_profile_and_unknown_parties(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    // The ministry in the story has no locality, offer or need.
    let maff = t.app.by_key::<Organisation>("maff").await.unwrap().id;
    let page = b.page(&format!("/console/match?organisation={maff}&lang=ja")).await;
    let said = page.one("#not-matchable").text;
    assert!(said.contains("地域が記録されておらず"), "{said}");
    assert!(said.contains("提供できることが記録されていません"), "{said}");
    assert!(!page.has("#ranked"));
    b.get("/console/match?locality=999999")
        .await
        .expect(StatusCode::NOT_FOUND);
    b.get("/console/match?organisation=abc")
        .await
        .expect(StatusCode::BAD_REQUEST);
    // Only staff.
    let mut p = t.partner().await;
    p.get("/console/match").await.expect(StatusCode::FORBIDDEN);
}

async fn the_page_speaks_japanese_thai_and_malay(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let obihiro = t
        .app
        .by_key::<Locality>("jp/hokkaido/tokachi/obihiro")
        .await
        .unwrap()
        .id;
    let en = CATALOGUES
        .iter()
        .find(|(l, f, _)| *l == "en" && *f == "matchmaker")
        .unwrap()
        .2;
    let ids = message_ids(en);
    for lang in [Lang::Ja, Lang::Th, Lang::Ms] {
        let code = lang.code();
        // Names as stored (in English where no other is given) are data.
        let m = t.app.matchmaker_network(lang).await.unwrap();
        let mut data: Vec<String> = m.net.parties.iter().map(|p| p.label.clone()).collect();
        data.sort_by_key(|d| std::cmp::Reverse(d.len()));
        for path in [
            "/console/match".to_owned(),
            format!("/console/match?locality={obihiro}"),
        ] {
            let sep = if path.contains('?') { '&' } else { '?' };
            let page = b.page(&format!("{path}{sep}lang={code}")).await;
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
