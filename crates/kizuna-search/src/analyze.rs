//! Text analysis that knows the scripts (pure: no I/O, no index).
//!
//! Every text, indexed or typed as a query, goes through the same steps:
//! NFKC per character cluster (so full- and half-width forms meet, and a
//! half-width kana with its voicing mark becomes one kana), lower case,
//! hiragana as katakana; then runs of one script. A Latin run (letters and
//! digits of any alphabet but Thai and Japanese) is one word, folded to
//! ASCII where it can be; a Japanese or Thai run is cut into words by
//! ICU4X's dictionary segmenter and also into character unigrams and
//! bigrams, so a word the segmenter cuts badly is still found. Thai
//! combining marks are letters of their run and are never removed.
//! Each token keeps the byte range of the original text it came from, for
//! highlighting.

use std::sync::OnceLock;

use icu_normalizer::{ComposingNormalizerBorrowed, DecomposingNormalizerBorrowed};
use icu_segmenter::{WordSegmenter, WordSegmenterBorrowed, options::WordBreakInvariantOptions};

/// The script class of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Letters and digits outside Thai and Japanese (folded to ASCII).
    Latin,
    /// Kanji, kana (hiragana folded to katakana) and the long-vowel mark.
    Japanese,
    /// Thai letters, vowels and tone marks.
    Thai,
}

/// One token with the byte range of the original text it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// A run of one script: its normalized text, its words and (Japanese and
/// Thai only) its character unigrams and bigrams.
#[derive(Debug, Clone)]
pub struct Run {
    pub script: Script,
    /// The run's normalized text (the gazetteer's key for it).
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub words: Vec<Token>,
    pub unigrams: Vec<Token>,
    pub bigrams: Vec<Token>,
}

/// A normalized character and the original byte range it came from.
#[derive(Debug, Clone, Copy)]
struct NormChar {
    ch: char,
    start: usize,
    end: usize,
}

fn script_of(c: char) -> Option<Script> {
    match c as u32 {
        0x0E00..=0x0E7F => Some(Script::Thai),
        0x3005
        | 0x3006
        | 0x30A1..=0x30FA
        | 0x30FC..=0x30FF
        | 0x31F0..=0x31FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0x20000..=0x3134F => Some(Script::Japanese),
        0x0300..=0x036F => Some(Script::Latin),
        _ if c.is_alphanumeric() => Some(Script::Latin),
        _ => None,
    }
}

/// Marks that belong to the character before them (Latin combining
/// accents, kana voicing marks in both widths).
fn is_attached_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x3099..=0x309A | 0xFF9E..=0xFF9F)
}

fn hiragana_as_katakana(c: char) -> char {
    match c as u32 {
        0x3041..=0x3096 | 0x309D..=0x309E => char::from_u32(c as u32 + 0x60).unwrap_or(c),
        _ => c,
    }
}

fn normalize_chars(text: &str) -> Vec<NormChar> {
    let nfkc = ComposingNormalizerBorrowed::new_nfkc();
    let mut out = Vec::with_capacity(text.len());
    let mut chars = text.char_indices().peekable();
    while let Some((start, first)) = chars.next() {
        let mut end = start + first.len_utf8();
        while let Some(&(i, c)) = chars.peek() {
            if !is_attached_mark(c) {
                break;
            }
            end = i + c.len_utf8();
            chars.next();
        }
        for c in nfkc.normalize(&text[start..end]).chars() {
            for lower in c.to_lowercase() {
                out.push(NormChar {
                    ch: hiragana_as_katakana(lower),
                    start,
                    end,
                });
            }
        }
    }
    out
}

/// A Latin word folded to ASCII where a letter has an ASCII base
/// (accents dropped, a few letters spelt out); other letters stay.
pub fn fold_latin(word: &str) -> String {
    let nfkd = DecomposingNormalizerBorrowed::new_nfkd();
    let mut out = String::with_capacity(word.len());
    for c in nfkd.normalize(word).chars() {
        match c {
            '\u{0300}'..='\u{036F}' => {}
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            'ø' => out.push('o'),
            'đ' => out.push('d'),
            'ł' => out.push('l'),
            'ı' => out.push('i'),
            _ => out.push(c),
        }
    }
    out
}

fn segmenter() -> WordSegmenterBorrowed<'static> {
    static SEG: OnceLock<WordSegmenterBorrowed<'static>> = OnceLock::new();
    *SEG.get_or_init(|| WordSegmenter::new_dictionary(WordBreakInvariantOptions::default()))
}

fn token(chars: &[NormChar]) -> Token {
    Token {
        text: chars.iter().map(|c| c.ch).collect(),
        start: chars.first().map_or(0, |c| c.start),
        end: chars.last().map_or(0, |c| c.end),
    }
}

fn make_run(script: Script, chars: &[NormChar]) -> Run {
    let text: String = chars.iter().map(|c| c.ch).collect();
    let start = chars[0].start;
    let end = chars[chars.len() - 1].end;
    if script == Script::Latin {
        let mut t = token(chars);
        t.text = fold_latin(&t.text);
        return Run {
            script,
            text: t.text.clone(),
            start,
            end,
            words: vec![t],
            unigrams: vec![],
            bigrams: vec![],
        };
    }
    // Byte offset in `text` of each char, to map the segmenter's breaks.
    let mut char_at = Vec::with_capacity(text.len() + 1);
    let mut index = 0;
    for c in &text.chars().collect::<Vec<_>>() {
        for _ in 0..c.len_utf8() {
            char_at.push(index);
        }
        index += 1;
    }
    char_at.push(index);
    let breaks: Vec<usize> = segmenter().segment_str(&text).collect();
    let words = breaks
        .windows(2)
        .filter(|w| w[1] > w[0])
        .map(|w| token(&chars[char_at[w[0]]..char_at[w[1]]]))
        .collect();
    let unigrams = chars.iter().map(|c| token(std::slice::from_ref(c))).collect();
    let bigrams = chars.windows(2).map(token).collect();
    Run {
        script,
        text,
        start,
        end,
        words,
        unigrams,
        bigrams,
    }
}

/// The runs of a text, in order.
pub fn analyze(text: &str) -> Vec<Run> {
    let chars = normalize_chars(text);
    let mut runs = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let Some(script) = script_of(chars[i].ch) else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < chars.len() && script_of(chars[j].ch) == Some(script) {
            j += 1;
        }
        runs.push(make_run(script, &chars[i..j]));
        i = j;
    }
    runs
}

/// A text's normalized letters without separators: the key under which
/// the gazetteer knows a name ("Kushiro", "KUSHIRO" and "kushiro" share it;
/// "くしろ" and "クシロ" share theirs).
pub fn key(text: &str) -> String {
    analyze(text)
        .iter()
        .map(|r| r.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The terms a text gives each index field: words, and the grams of its
/// Japanese and Thai runs (unigrams and bigrams).
pub fn index_terms(text: &str) -> (Vec<String>, Vec<String>) {
    let mut words = Vec::new();
    let mut grams = Vec::new();
    for run in analyze(text) {
        words.extend(run.words.into_iter().map(|t| t.text));
        grams.extend(run.unigrams.into_iter().chain(run.bigrams).map(|t| t.text));
    }
    (words, grams)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        index_terms(text).0
    }

    #[test]
    fn kana_and_widths_are_unified() {
        assert_eq!(key("はらーる"), "ハラール");
        assert_eq!(key("ﾊﾗｰﾙ"), "ハラール");
        assert_eq!(key("ハラール"), "ハラール");
        // A half-width kana and its voicing mark become one kana.
        assert_eq!(key("ｶﾞｲﾄﾞ"), "ガイド");
        assert_eq!(key("ＡＢＣ１２３"), "abc123");
    }

    #[test]
    fn latin_words_are_folded_but_not_thai_or_japanese() {
        assert_eq!(words("Café Ōdōri"), vec!["cafe", "odori"]);
        assert_eq!(words("Straße"), vec!["strasse"]);
        // Thai vowels and tone marks stay: these are different words.
        assert_ne!(key("วิทยุ"), key("วิทยา"));
        assert_eq!(key("วิทยุ"), "วิทยุ");
        // Japanese voicing is kept (ガ is not カ).
        assert_ne!(key("ガス"), key("カス"));
    }

    #[test]
    fn japanese_and_thai_are_segmented_into_words() {
        let w = words("北海道の観光");
        assert!(w.contains(&"北海道".to_string()), "{w:?}");
        assert!(w.contains(&"観光".to_string()), "{w:?}");
        let w = words("ร้านอาหารฮาลาล");
        assert!(w.len() >= 2, "Thai run should be cut into words: {w:?}");
        assert_eq!(w.concat(), "ร้านอาหารฮาลาล");
    }

    #[test]
    fn japanese_and_thai_runs_give_unigrams_and_bigrams() {
        let (_, grams) = index_terms("釧路空港");
        for g in ["釧", "釧路", "路空", "空港", "港"] {
            assert!(grams.contains(&g.to_string()), "{g} in {grams:?}");
        }
        let (_, grams) = index_terms("English only");
        assert!(grams.is_empty());
    }

    #[test]
    fn tokens_keep_their_original_byte_ranges() {
        let text = "Halal ﾊﾗｰﾙ food";
        let runs = analyze(text);
        assert_eq!(runs.len(), 3);
        assert_eq!(&text[runs[1].start..runs[1].end], "ﾊﾗｰﾙ");
        assert_eq!(&text[runs[2].words[0].start..runs[2].words[0].end], "food");
    }

    #[test]
    fn mixed_scripts_split_into_runs() {
        let runs = analyze("Kushiro釧路คุชิโระ");
        let scripts: Vec<Script> = runs.iter().map(|r| r.script).collect();
        assert_eq!(scripts, vec![Script::Latin, Script::Japanese, Script::Thai]);
    }
}
