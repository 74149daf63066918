//! Sorting names the way a reader of each language expects (the Unicode
//! Collation Algorithm with CLDR's tailorings, through ICU4X).
//!
//! - Japanese: kana first (hiragana and katakana of the same sound are
//!   equal), then kanji in JIS X 0208 order. Kanji names cannot be put in
//!   reading (五十音) order without a stored reading.
//! - Thai: Thai script before Latin; the leading vowels เ แ โ ใ ไ sort by
//!   the consonant after them.
//! - English and Malay: CLDR's root order (accents after the plain letter,
//!   lower case before upper case, spaces and punctuation counted).
//!
//! One collator per language is built on first use and kept for the life
//! of the process. Unlike sorting by `to_lowercase()` (byte order),
//! "Émile" sorts beside "Eve", not after "Zoë".

use std::cmp::Ordering;
use std::sync::LazyLock;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};

use crate::Lang;

static COLLATORS: LazyLock<[CollatorBorrowed<'static>; 4]> = LazyLock::new(|| {
    Lang::ALL.map(|lang| {
        Collator::try_new((&lang.locale()).into(), CollatorOptions::default()).expect("compiled collation data")
    })
});

/// The collator for a language (built once, shared by every thread).
pub fn collator(lang: Lang) -> &'static CollatorBorrowed<'static> {
    &COLLATORS[lang.index()]
}

/// Which of two names comes first for a reader of `lang`.
pub fn compare(lang: Lang, a: &str, b: &str) -> Ordering {
    collator(lang).compare(a, b)
}

/// Sort items by a name, in the order of `lang` (stable: items with
/// names that collate equal keep their order).
pub fn sort_by_name<T>(lang: Lang, items: &mut [T], key: impl Fn(&T) -> &str) {
    let c = collator(lang);
    items.sort_by(|a, b| c.compare(key(a), key(b)));
}

/// A sort key: bytes whose order is [`compare`]'s order, for sorting
/// many items by a cached key, or an `ORDER BY` on a stored column.
pub fn sort_key(lang: Lang, s: &str) -> Vec<u8> {
    let mut key = Vec::with_capacity(s.len() * 2);
    let Ok(()) = collator(lang).write_sort_key_to(s, &mut key);
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(lang: Lang, names: &[&'static str]) -> Vec<&'static str> {
        let mut v = names.to_vec();
        sort_by_name(lang, &mut v, |s| s);
        v
    }

    /// The order by sort keys, which must be the order by `compare`.
    fn sorted_by_key(lang: Lang, names: &[&'static str]) -> Vec<&'static str> {
        let mut v = names.to_vec();
        v.sort_by_cached_key(|s| sort_key(lang, s));
        v
    }

    #[test]
    fn japanese_kana_then_kanji() {
        let names = ["渡辺", "あべ", "アオキ", "伊藤", "かとう"];
        let want = ["アオキ", "あべ", "かとう", "伊藤", "渡辺"];
        assert_eq!(sorted(Lang::Ja, &names), want);
        assert_eq!(sorted_by_key(Lang::Ja, &names), want);
        let names = [
            "青木",
            "わたなべ",
            "阿部",
            "かとう",
            "伊藤",
            "いとう",
            "渡辺",
            "加藤",
            "あべ",
            "アオキ",
        ];
        assert_eq!(
            sorted(Lang::Ja, &names),
            [
                "アオキ",
                "あべ",
                "いとう",
                "かとう",
                "わたなべ",
                "阿部",
                "伊藤",
                "加藤",
                "青木",
                "渡辺"
            ],
            "kanji in JIS order, after all kana"
        );
        // Hiragana and katakana of one sound are the same name.
        assert_eq!(compare(Lang::Ja, "あ", "ア"), Ordering::Equal);
        assert_eq!(compare(Lang::Ja, "サクラ", "さくら"), Ordering::Equal);
        // Voiced after unvoiced; the long-vowel mark sorts as the vowel it
        // lengthens (ー as ウ here, before ン).
        assert_eq!(compare(Lang::Ja, "かとう", "がとう"), Ordering::Less);
        assert_eq!(compare(Lang::Ja, "ザイトゥーン", "ザイトゥン"), Ordering::Less);
        // Latin letters come before kana (Japanese keeps the root order of scripts).
        assert_eq!(compare(Lang::Ja, "Amanah", "あべ"), Ordering::Less);
    }

    #[test]
    fn thai_leading_vowels_sort_by_the_consonant() {
        let names = ["สมชาย", "กมล", "ประเสริฐ", "เกศินี", "ไพโรจน์"];
        let want = ["กมล", "เกศินี", "ประเสริฐ", "ไพโรจน์", "สมชาย"];
        assert_eq!(sorted(Lang::Th, &names), want);
        assert_eq!(sorted_by_key(Lang::Th, &names), want);
        let names = [
            "โสภา",
            "แสงดาว",
            "สมชาย",
            "ไพโรจน์",
            "ประเสริฐ",
            "ชัยวัฒน์",
            "ใจดี",
            "ขวัญ",
            "เกศินี",
            "กมล",
        ];
        assert_eq!(
            sorted(Lang::Th, &names),
            [
                "กมล",
                "เกศินี",
                "ขวัญ",
                "ใจดี",
                "ชัยวัฒน์",
                "ประเสริฐ",
                "ไพโรจน์",
                "สมชาย",
                "แสงดาว",
                "โสภา"
            ]
        );
        // By code point, every name with a leading vowel would come after ฮ.
        assert_eq!(compare(Lang::Th, "เกศินี", "ขวัญ"), Ordering::Less);
        assert_eq!(compare(Lang::Th, "ใจดี", "ชัยวัฒน์"), Ordering::Less);
        assert!("เกศินี" > "ขวัญ");
        // Thai script comes before Latin for Thai readers.
        assert_eq!(compare(Lang::Th, "กมล", "Amanah"), Ordering::Less);
        assert_eq!(compare(Lang::En, "กมล", "Amanah"), Ordering::Greater);
    }

    #[test]
    fn malay_and_english_names() {
        let names = [
            "Zainal",
            "Siti",
            "ahmad",
            "Nurul",
            "Ahmad",
            "Mohd. Faiz",
            "Muhammad",
            "Nur Aisyah",
            "Chong",
        ];
        let want = [
            "ahmad",
            "Ahmad",
            "Chong",
            "Mohd. Faiz",
            "Muhammad",
            "Nur Aisyah",
            "Nurul",
            "Siti",
            "Zainal",
        ];
        assert_eq!(sorted(Lang::Ms, &names), want);
        assert_eq!(sorted_by_key(Lang::Ms, &names), want);
        let names = [
            "Zoë",
            "Émile",
            "Eve",
            "adam",
            "Åsa",
            "zoe",
            "O'Brien",
            "Oakley",
            "de la Cruz",
            "DeLorean",
        ];
        let want = [
            "adam",
            "Åsa",
            "de la Cruz",
            "DeLorean",
            "Émile",
            "Eve",
            "O'Brien",
            "Oakley",
            "zoe",
            "Zoë",
        ];
        assert_eq!(sorted(Lang::En, &names), want);
        assert_eq!(sorted_by_key(Lang::En, &names), want);
        // Case and accents only break ties; byte order would put "Émile" after "Zoë".
        assert_eq!(compare(Lang::En, "émile", "Eve"), Ordering::Less);
        assert_eq!(compare(Lang::En, "cafe nur", "Cafe Nur"), Ordering::Less);
    }

    #[test]
    fn sort_by_name_takes_the_name_from_each_item_and_is_stable() {
        let mut items = vec![(3, "Zaytun"), (1, "あ"), (2, "ア"), (4, "amanah")];
        sort_by_name(Lang::Ja, &mut items, |(_, n)| n);
        assert_eq!(items.iter().map(|(i, _)| *i).collect::<Vec<_>>(), [4, 3, 1, 2]);
    }

    #[test]
    fn collators_are_shared_across_threads() {
        let handles: Vec<_> = Lang::ALL
            .into_iter()
            .map(|lang| std::thread::spawn(move || sorted(lang, &["b", "a", "c"])))
            .collect();
        for h in handles {
            assert_eq!(h.join().expect("no panic"), ["a", "b", "c"]);
        }
        assert!(std::ptr::eq(collator(Lang::Th), collator(Lang::Th)));
    }
}
