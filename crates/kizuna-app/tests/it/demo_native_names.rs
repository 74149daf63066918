//! The demo's people have their names in their own script and in
//! katakana, on both databases: every demo person has a katakana reading,
//! those of countries with a script of their own have their name in it,
//! and the console's people search finds a Thai trainee by a Thai-script
//! part of their name and by its reading typed in hiragana.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use std::collections::BTreeSet;

use chrono::NaiveDate;
use kizuna_app::people::{NameQuery, PeopleQuery, PersonSummary};
use kizuna_app::{App, ManualClock};
use kizuna_domain::common::person::Person;
use kizuna_domain::common::{CountryCode, Text};
use kizuna_store::{Backend, Page};
use kizuna_testkit::fresh_store;

kizuna_testkit::on_both!(
    demo_people_have_their_names_in_their_script_and_in_katakana,
    a_thai_trainee_is_found_by_thai_script_and_by_kana_typed_in_hiragana,
);

async fn demo(backend: Backend) -> App {
    let clock = ManualClock::on(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
    let app = App::new(fresh_store(backend).await.unwrap()).with_clock(clock);
    app.load_demo().await.unwrap();
    app
}

async fn search(app: &App, typed: &str, nationality: Option<&str>) -> Vec<PersonSummary> {
    let q = PeopleQuery {
        name: Some(NameQuery::parse(typed).unwrap()),
        nationality: nationality.map(|c| CountryCode::parse(c).unwrap()),
    };
    let (found, total) = app.people_list(&q, Page::ALL).await.unwrap();
    assert_eq!(found.len() as i64, total, "{typed}: every match on one page");
    found
}

fn ids(people: &[PersonSummary]) -> BTreeSet<i64> {
    people.iter().map(|s| s.person.id).collect()
}

fn text(t: Option<&Text>) -> Option<&str> {
    t.map(Text::as_str)
}

/// Katakana as hiragana, as someone would type it (ー stays).
fn hiragana(kana: &str) -> String {
    kana.chars()
        .map(|c| match c {
            '\u{30A1}'..='\u{30F6}' => char::from_u32(c as u32 - 0x60).unwrap(),
            c => c,
        })
        .collect()
}

/// The countries whose demo people have a name in their own script.
const NATIVE_SCRIPT: &[&str] = &["JP", "CN", "KR", "MN", "TH", "LA", "KH", "MM"];

async fn demo_people_have_their_names_in_their_script_and_in_katakana(backend: Backend) {
    let app = demo(backend).await;
    let (people, total) = app.people_list(&PeopleQuery::default(), Page::ALL).await.unwrap();
    assert_eq!(people.len() as i64, total);
    assert!(people.len() > 1_000, "the demo has its people: {}", people.len());
    let mut natives = 0;
    for s in &people {
        let p: &Person = &s.person;
        let country = p.fields.nationality.as_str();
        let kana = text(p.fields.name_kana.as_ref()).unwrap_or_else(|| panic!("{} has no kana reading", p.sort_name()));
        assert!(
            kana.chars()
                .all(|c| matches!(c, '\u{30A1}'..='\u{30FA}' | 'ー' | '・' | ' ')),
            "{}: {kana:?}",
            p.sort_name()
        );
        // Two parts: given and family name.
        assert_eq!(kana.split(' ').count(), 2, "{}: {kana:?}", p.sort_name());
        match text(p.fields.name_native.as_ref()) {
            Some(native) => {
                assert!(
                    NATIVE_SCRIPT.contains(&country),
                    "{} ({country}): {native:?}",
                    p.sort_name()
                );
                assert!(!native.is_ascii(), "{}: {native:?}", p.sort_name());
                natives += 1;
            }
            None => assert!(
                !NATIVE_SCRIPT.contains(&country),
                "{} ({country}) has no native name",
                p.sort_name()
            ),
        }
    }
    assert!(natives > 300, "{natives} people with a native name");

    // The Japanese staff have kanji and katakana, family name first.
    let japanese: Vec<&PersonSummary> = people
        .iter()
        .filter(|s| s.person.fields.nationality.as_str() == "JP")
        .collect();
    assert!(!japanese.is_empty(), "the demo has Japanese staff");
    for s in japanese {
        let f = &s.person.fields;
        let native = text(f.name_native.as_ref()).unwrap();
        assert!(
            native.chars().all(|c| matches!(c, '\u{4E00}'..='\u{9FFF}' | '々')),
            "{}: {native:?} is not in kanji",
            s.person.sort_name()
        );
        let kana = text(f.name_kana.as_ref()).unwrap();
        let found = search(&app, &hiragana(kana), Some("JP")).await;
        assert!(ids(&found).contains(&s.person.id), "{kana} in hiragana finds {native}");
    }
}

async fn a_thai_trainee_is_found_by_thai_script_and_by_kana_typed_in_hiragana(backend: Backend) {
    let app = demo(backend).await;

    // Somchai, by his name in Thai and by its reading in hiragana.
    let by_thai = search(&app, "สมชาย", None).await;
    assert!(!by_thai.is_empty(), "the demo has a Somchai");
    for s in &by_thai {
        let f = &s.person.fields;
        assert_eq!(f.nationality.as_str(), "TH");
        assert_eq!(text(f.given_name.as_ref()), Some("Somchai"));
        assert!(
            text(f.name_native.as_ref()).unwrap().starts_with("สมชาย "),
            "{:?}",
            f.name_native
        );
        assert!(
            text(f.name_kana.as_ref()).unwrap().starts_with("ソムチャイ "),
            "{:?}",
            f.name_kana
        );
    }
    let by_hiragana = search(&app, "そむちゃい", None).await;
    assert_eq!(
        ids(&by_hiragana),
        ids(&by_thai),
        "そむちゃい finds the Somchais สมชาย finds"
    );
    assert_eq!(
        ids(&search(&app, "ソムチャイ", None).await),
        ids(&by_thai),
        "katakana too"
    );

    // Any Thai trainee, by each part of their name in Thai and in hiragana.
    let (thai, _) = app
        .people_list(
            &PeopleQuery {
                name: None,
                nationality: Some(CountryCode::parse("TH").unwrap()),
            },
            Page { limit: 5, offset: 0 },
        )
        .await
        .unwrap();
    assert!(!thai.is_empty());
    for s in &thai {
        let f = &s.person.fields;
        let native = text(f.name_native.as_ref()).unwrap();
        let kana = text(f.name_kana.as_ref()).unwrap();
        let (given_th, family_th) = native.split_once(' ').unwrap();
        let (given_kana, family_kana) = kana.split_once(' ').unwrap();
        for typed in [
            given_th.to_owned(),
            family_th.to_owned(),
            hiragana(given_kana),
            hiragana(family_kana),
            // Parts of different forms in one search.
            format!("{family_th} {}", hiragana(given_kana)),
        ] {
            let found = search(&app, &typed, None).await;
            assert!(
                ids(&found).contains(&s.person.id),
                "{typed:?} does not find {} ({native}, {kana})",
                s.person.sort_name()
            );
        }
    }
    // Hiragana for one Thai trainee's family name, narrowed to Thailand: only people whose reading has it.
    let family_kana = text(thai[0].person.fields.name_kana.as_ref())
        .unwrap()
        .split_once(' ')
        .unwrap()
        .1;
    for s in search(&app, &hiragana(family_kana), Some("TH")).await {
        assert!(
            text(s.person.fields.name_kana.as_ref()).unwrap().contains(family_kana),
            "{} was found by {family_kana}",
            s.person.sort_name()
        );
    }
}
