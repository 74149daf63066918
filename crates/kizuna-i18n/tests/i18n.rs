//! The four catalogues stay complete and translated.

use std::collections::BTreeSet;

use kizuna_i18n::{CATALOGUES, Lang, message, message_ids};

/// Messages that are rightly the same in English and another language
/// (names, and words Malay borrows unchanged).
const SAME_AS_ENGLISH: &[(&str, &str)] = &[
    ("ja", "site-name"),
    ("th", "site-name"),
    ("ms", "site-name"),
    ("ms", "nav-import"),
    // Malay writes "visa" as English does.
    ("ms", "volunteers-doc-visa"),
    // And "seminar".
    ("ms", "exchanges-dispatch-seminar"),
    ("ms", "map-category-hotel"),
    ("ms", "map-prayer-maghrib"),
    ("ms", "map-method-kuwait"),
    ("ms", "map-method-qatar"),
    // Country names and the authorities' own acronyms, written alike in Malay.
    ("ms", "map-method-jakim"),
    ("ms", "map-method-kemenag"),
    // Only placeables in parentheses: the same punctuation in these languages.
    ("th", "map-hours-to-confirm-why"),
    ("ms", "map-hours-to-confirm-why"),
    ("ms", "booklet-cat-hotel"),
    // Only placeables and punctuation, the same in these languages.
    ("th", "content-fallback"),
    ("ms", "content-fallback"),
    ("ms", "booklet-phone"),
    ("th", "booklet-list-separator"),
    ("ms", "booklet-list-separator"),
];

fn files() -> BTreeSet<&'static str> {
    CATALOGUES.iter().map(|(_, f, _)| *f).collect()
}

fn text(lang: &str, file: &str) -> &'static str {
    CATALOGUES
        .iter()
        .find(|(l, f, _)| *l == lang && *f == file)
        .map(|(_, _, t)| *t)
        .expect("catalogue exists")
}

#[test]
fn every_language_has_every_file() {
    for file in files() {
        for lang in Lang::ALL {
            assert!(
                CATALOGUES.iter().any(|(l, f, _)| *l == lang.code() && *f == file),
                "{file}.ftl missing for {}",
                lang.code()
            );
        }
    }
}

#[test]
fn no_catalogue_lacks_a_key_another_has() {
    for file in files() {
        let sets: Vec<(Lang, BTreeSet<String>)> = Lang::ALL
            .iter()
            .map(|l| (*l, message_ids(text(l.code(), file)).into_iter().collect()))
            .collect();
        let all: BTreeSet<String> = sets.iter().flat_map(|(_, s)| s.iter().cloned()).collect();
        for (lang, ids) in &sets {
            let missing: Vec<&String> = all.difference(ids).collect();
            assert!(missing.is_empty(), "{}/{file}.ftl lacks {missing:?}", lang.code());
        }
        for (lang, _) in &sets {
            let ids = message_ids(text(lang.code(), file));
            let unique: BTreeSet<&String> = ids.iter().collect();
            assert_eq!(
                unique.len(),
                ids.len(),
                "{}/{file}.ftl defines a message twice",
                lang.code()
            );
        }
    }
}

#[test]
fn other_languages_translate_every_message() {
    for file in files() {
        for id in message_ids(text("en", file)) {
            let en = message(Lang::En, &id, &[]);
            for lang in [Lang::Ja, Lang::Th, Lang::Ms] {
                if SAME_AS_ENGLISH.contains(&(lang.code(), id.as_str())) {
                    continue;
                }
                let other = message(lang, &id, &[]);
                assert_ne!(other, en, "{}/{file}.ftl: {id} is still English: {en:?}", lang.code());
            }
        }
    }
}

#[test]
fn catalogues_parse_without_errors() {
    for (lang, file, t) in CATALOGUES {
        if let Err((_, errors)) = fluent_bundle::FluentResource::try_new((*t).to_owned()) {
            panic!("{lang}/{file}.ftl has syntax errors: {errors:?}");
        }
    }
}

#[test]
fn languages_are_negotiated_from_accept_language() {
    assert_eq!(Lang::negotiate("ja-JP,ja;q=0.9,en;q=0.8"), Lang::Ja);
    assert_eq!(Lang::negotiate("en;q=0.5, th;q=0.9"), Lang::Th);
    assert_eq!(Lang::negotiate("ms-MY"), Lang::Ms);
    assert_eq!(Lang::negotiate("fr, de"), Lang::En);
    assert_eq!(Lang::negotiate(""), Lang::En);
}

#[test]
fn dates_numbers_and_fiscal_years_are_written_the_local_way() {
    use kizuna_i18n::{date, fiscal_year, number};
    let d = chrono::NaiveDate::from_ymd_opt(2008, 3, 31).unwrap();
    assert_eq!(date(Lang::Ja, d), "2008年3月31日");
    assert_eq!(date(Lang::Th, d), "31 มี.ค. 2551");
    assert_eq!(date(Lang::Ms, d), "31 Mac 2008");
    assert_eq!(date(Lang::En, d), "31 Mar 2008");
    assert_eq!(number(1_234_567), "1,234,567");
    assert_eq!(number(680), "680");
    let fy = kizuna_domain::common::FiscalYear::new(2019).unwrap();
    assert_eq!(fiscal_year(Lang::Ja, fy), "2019年度（令和元年度）");
    assert_eq!(fiscal_year(Lang::En, fy), "FY2019");
    assert_eq!(fiscal_year(Lang::Th, fy), "ปีงบประมาณ 2019");
}
