//! The demo's words in English, Japanese, Thai and Malay: course titles,
//! localities, organisations, sessions, the award and every place's name
//! and description, from `texts.tsv` (kind, key, field, en, ja, th, ms),
//! so that a reader of any of the four languages sees the demo in it.

use std::collections::HashMap;
use std::sync::LazyLock;

use kizuna_domain::common::{LocalText, Text};

const TSV: &str = include_str!("texts.tsv");

/// `(kind, key, field)` → the four texts, and `(kind, field, en)` → the same.
struct Texts {
    by_key: HashMap<(&'static str, &'static str, &'static str), [&'static str; 4]>,
    by_en: HashMap<(&'static str, &'static str, &'static str), [&'static str; 4]>,
}

static TEXTS: LazyLock<Texts> = LazyLock::new(|| {
    let mut t = Texts {
        by_key: HashMap::new(),
        by_en: HashMap::new(),
    };
    for line in TSV.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let cells: Vec<&'static str> = line.split('\t').collect();
        if let [kind, key, field, en, ja, th, ms] = cells[..] {
            t.by_key.insert((kind, key, field), [en, ja, th, ms]);
            t.by_en.insert((kind, field, en), [en, ja, th, ms]);
        }
    }
    t
});

fn local(texts: [&str; 4]) -> Option<LocalText> {
    let [en, ja, th, ms] = texts;
    LocalText::parse(Some(en), Some(ja), Some(th), Some(ms)).ok()
}

/// The four languages of a text known by its key (`("course", "gmrdp", "title")`).
pub fn by_key(kind: &str, key: &str, field: &str) -> Option<LocalText> {
    TEXTS.by_key.get(&(kind, key, field)).copied().and_then(local)
}

/// The four languages of a text known by its English (sessions, the award).
pub fn by_en(kind: &str, field: &str, en: &str) -> Option<LocalText> {
    TEXTS.by_en.get(&(kind, field, en)).copied().and_then(local)
}

/// The text by key, else only the English and Japanese the code has.
pub fn or_given(kind: &str, key: &str, field: &str, en: &str, ja: Option<&str>) -> LocalText {
    by_key(kind, key, field).unwrap_or_else(|| {
        LocalText::new(Text::parse(en).ok(), ja.and_then(|j| Text::parse(j).ok()), None, None)
            .unwrap_or_else(|_| LocalText::en(Text::parse("(demo)").unwrap_or_else(|_| unreachable!())))
    })
}

/// A template with `{country}` in each language, filled with the country's
/// name in that language.
pub fn template(kind: &str, field: &str, names: [&str; 4]) -> Option<LocalText> {
    let row = TEXTS.by_key.iter().find(|((k, _, f), _)| *k == kind && *f == field)?.1;
    let filled: Vec<String> = row.iter().zip(names).map(|(t, n)| t.replace("{country}", n)).collect();
    LocalText::parse(Some(&filled[0]), Some(&filled[1]), Some(&filled[2]), Some(&filled[3])).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_is_given_in_four_languages() {
        let mut rows = 0;
        for (n, line) in TSV.lines().enumerate().skip(1) {
            let cells: Vec<&str> = line.split('\t').collect();
            assert_eq!(cells.len(), 7, "texts.tsv line {}: {line}", n + 1);
            for (lang, cell) in ["en", "ja", "th", "ms"].iter().zip(&cells[3..]) {
                assert!(Text::parse(cell).is_ok(), "texts.tsv line {} has no {lang}", n + 1);
            }
            rows += 1;
        }
        assert!(rows > 200);
        let title = by_key("course", "gmrdp", "title").unwrap();
        assert!(
            title
                .get("th")
                .is_some_and(|t| t.as_str().chars().any(|c| ('\u{0e00}'..='\u{0e7f}').contains(&c)))
        );
        assert_eq!(
            title.get("en").unwrap().as_str(),
            "General Management for Regional Development and Planning"
        );
    }
}
