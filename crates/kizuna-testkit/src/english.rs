//! Checks that a page in another language has no English interface text
//! left: each message's English wording, piece by piece between its
//! placeholders, must not stand on the page as whole words.

use kizuna_i18n::{Lang, message};

/// Whether `word` occurs in `text` not as part of a longer word.
pub fn contains_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The pieces of message `id`'s English text that must not appear on a
/// page in `lang`: the wording between placeholders with at least three
/// letters, except what the translation itself keeps (a name, a term such
/// as "OpenStreetMap" or "CSV").
pub fn english_pieces(lang: Lang, id: &str) -> Vec<String> {
    let en = message(Lang::En, id, &[]);
    let here = message(lang, id, &[]);
    en.split(['{', '}'])
        .map(str::trim)
        .filter(|f| !f.starts_with('$') && f.chars().filter(|c| c.is_alphabetic()).count() >= 3)
        .filter(|f| here == en || !here.contains(f))
        .map(str::to_owned)
        .collect()
}

/// The English left in `text` (what a page in `lang` shows, see
/// [`crate::Page::readable`]) from the messages `ids`, as `id: "piece"`.
pub fn english_left(lang: Lang, ids: &[String], text: &str) -> Vec<String> {
    let mut left = Vec::new();
    for id in ids {
        for piece in english_pieces(lang, id) {
            if contains_word(text, &piece) {
                left.push(format!("{id}: {piece:?}"));
            }
        }
    }
    left
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_only() {
        assert!(contains_word("Save the place", "Save"));
        assert!(!contains_word("Saved", "Save"));
        assert!(contains_word("「Save」", "Save"));
    }

    #[test]
    fn english_is_found_and_translations_pass() {
        let id = "map-open-now";
        let en = message(Lang::En, id, &[]);
        let ja = message(Lang::Ja, id, &[]);
        let ids = [id.to_owned()];
        assert_eq!(english_left(Lang::Ja, &ids, &ja), Vec::<String>::new());
        assert_eq!(english_left(Lang::Ja, &ids, &format!("{ja} {en}")).len(), 1);
    }
}
