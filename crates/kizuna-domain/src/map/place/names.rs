//! A place's names, in the languages a place's name may be given in.

use crate::common::Text;
use crate::common::error::Invalid;

/// The languages a place's name may be given in.
pub const NAME_LANGUAGES: [&str; 6] = ["ja", "en", "th", "ms", "ar", "id"];

/// A place's names by language (ja, en, th, ms, ar, id); at least one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PlaceNames([Option<Text>; 6]);

impl PlaceNames {
    /// Names in the order of [`NAME_LANGUAGES`].
    pub fn new(names: [Option<Text>; 6]) -> Result<Self, Invalid> {
        if names.iter().all(Option::is_none) {
            return Err(Invalid::new(
                "required",
                "a place needs a name in at least one of ja, en, th, ms, ar, id",
            ));
        }
        Ok(PlaceNames(names))
    }

    /// The name in a language (`"ja"`, `"en"`, …), if given.
    pub fn get(&self, lang: &str) -> Option<&Text> {
        let i = NAME_LANGUAGES.iter().position(|l| *l == lang)?;
        self.0[i].as_ref()
    }

    /// The name to show: the first of `prefer` that is given, else English,
    /// Japanese, Malay, Indonesian, Thai, Arabic in that order.
    pub fn best(&self, prefer: &[&str]) -> &Text {
        for lang in prefer.iter().chain(["en", "ja", "ms", "id", "th", "ar"].iter()) {
            if let Some(n) = self.get(lang) {
                return n;
            }
        }
        // `new` guarantees one name.
        self.0
            .iter()
            .flatten()
            .next()
            .unwrap_or_else(|| unreachable!("a place has a name"))
    }

    /// `(language, name)` for every name given.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &Text)> {
        NAME_LANGUAGES
            .iter()
            .zip(self.0.iter())
            .filter_map(|(l, n)| n.as_ref().map(|n| (*l, n)))
    }
}
