//! The index end to end: documents in four scripts found by the queries a
//! user types, roles' audiences, positions kept across reopening.

use std::collections::BTreeMap;

use kizuna_search::{Filter, Gazetteer, Positions, SearchDoc, SearchIndex, parse};

fn doc(kind: &str, id: i64, title: &str, body: &str, audience: &[&str]) -> SearchDoc {
    let mut titles = BTreeMap::new();
    titles.insert("en".to_string(), title.to_string());
    SearchDoc {
        kind: kind.into(),
        id,
        titles,
        body: body.into(),
        audience: audience.iter().map(ToString::to_string).collect(),
    }
}

fn corpus() -> Vec<SearchDoc> {
    vec![
        doc("place", 1, "ハラールラーメン 釧路", "", &["public", "staff"]),
        doc(
            "place",
            2,
            "Halal Kitchen Sapporo",
            "Malay food near the station, makanan halal",
            &["public", "staff"],
        ),
        doc("place", 3, "สถานีวิทยุ", "", &["public", "staff"]),
        doc("place", 4, "มหาวิทยาลัย", "วิทยา", &["public", "staff"]),
        doc("person", 5, "Somchai Jaidee สมชาย ใจดี", "", &["staff"]),
        doc(
            "outcome",
            6,
            "Dairy training",
            "釧路の酪農家が新しい技術を導入した",
            &["staff", "partner:9"],
        ),
        doc("organisation", 7, "釧路市役所", "", &["staff"]),
        doc("place", 8, "สนามบินคุชิโระ", "", &["public", "staff"]),
    ]
}

fn ids(ix: &SearchIndex, q: &str, audiences: &[&str]) -> Vec<i64> {
    let g = Gazetteer::built_in();
    let Some(q) = parse(q, &g) else { return vec![] };
    let filter = Filter {
        kinds: vec![],
        audiences: audiences.iter().map(ToString::to_string).collect(),
    };
    ix.search(&q, &filter, 10)
        .expect("search")
        .into_iter()
        .map(|f| f.doc.id)
        .collect()
}

fn staff(ix: &SearchIndex, q: &str) -> Vec<i64> {
    ids(ix, q, &["staff"])
}

fn loaded() -> SearchIndex {
    let ix = SearchIndex::in_memory().expect("index");
    ix.replace_all(corpus(), Positions::default(), |_| {}).expect("indexed");
    ix
}

#[test]
fn kana_in_any_width_finds_the_same_place() {
    let ix = loaded();
    for q in ["はらーる", "ﾊﾗｰﾙ", "ハラール"] {
        assert_eq!(staff(&ix, q), vec![1], "{q}");
    }
}

#[test]
fn thai_marks_tell_words_apart() {
    let ix = loaded();
    let found = staff(&ix, "วิทยุ");
    assert_eq!(found.first(), Some(&3), "{found:?}");
    assert!(!found.contains(&4), "วิทยุ must not find วิทยา: {found:?}");
}

#[test]
fn a_word_inside_an_unspaced_story_is_found() {
    let ix = loaded();
    assert_eq!(staff(&ix, "酪農"), vec![6]);
    assert_eq!(staff(&ix, "技術"), vec![6]);
    assert_eq!(staff(&ix, "สนามบิน"), vec![8]);
}

#[test]
fn place_names_match_across_scripts() {
    let ix = loaded();
    let found = staff(&ix, "Kushiro");
    for id in [1, 6, 7, 8] {
        assert!(found.contains(&id), "Kushiro should find {id}: {found:?}");
    }
    let found = staff(&ix, "くしろ");
    assert!(found.contains(&8) && found.contains(&7), "{found:?}");
}

#[test]
fn latin_names_tolerate_prefixes_typos_and_accents() {
    let ix = loaded();
    assert_eq!(staff(&ix, "Somch"), vec![5]);
    assert_eq!(staff(&ix, "Somchia"), vec![5]);
    assert_eq!(staff(&ix, "KITCHÉN"), vec![2]);
    assert_eq!(staff(&ix, "makanan"), vec![2]);
}

#[test]
fn audiences_decide_what_is_findable() {
    let ix = loaded();
    assert!(ids(&ix, "Somchai", &["public"]).is_empty());
    assert_eq!(ids(&ix, "酪農", &["partner:9"]), vec![6]);
    assert!(ids(&ix, "酪農", &["partner:10"]).is_empty());
}

#[test]
fn changes_and_positions_survive_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let mut versions = BTreeMap::new();
    versions.insert("map".to_string(), 7);
    let positions = Positions {
        format: kizuna_search::index::FORMAT,
        versions,
    };
    {
        let ix = SearchIndex::open(dir.path()).unwrap();
        ix.replace_all(corpus(), positions.clone(), |_| {}).unwrap();
        ix.apply(
            &[doc("place", 1, "Mosque Obihiro", "", &["public"])],
            &[("place".into(), 2)],
            &positions,
        )
        .unwrap();
    }
    let ix = SearchIndex::open(dir.path()).unwrap();
    assert_eq!(ix.positions().unwrap(), positions);
    assert_eq!(ix.len(), corpus().len() as u64 - 1);
    assert!(staff(&ix, "ハラール").is_empty());
    assert_eq!(ids(&ix, "帯広", &["public"]), vec![1]);
}
