//! Content in Kizuna's four languages: titles and names kept per language.

use serde::{Deserialize, Serialize};

use super::error::Invalid;
use super::text::Text;
use crate::fields::{Column, Field, Kind, Row, Value};

/// The languages content is kept in, in column order.
pub const LANGUAGES: [&str; 4] = ["en", "ja", "th", "ms"];

/// The order languages are tried in after the reader's own when a text
/// is missing in it: English, Japanese, Malay, Thai.
pub const FALLBACK: [&str; 4] = ["en", "ja", "ms", "th"];

/// A title or name in English, Japanese, Thai and Malay, at least one
/// given. Shown in the reader's language when it is there, else in the
/// first of [`FALLBACK`] that is (and the page says which). In JSON it is
/// an object of the languages given: `{"en": "…", "ja": "…"}`; in files
/// and tables it is four columns, `title_en`, `title_ja`, `title_th`,
/// `title_ms`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(min_properties = 1))]
#[serde(try_from = "Parts", deny_unknown_fields)]
pub struct LocalText {
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, min_length = 1, max_length = 500))]
    en: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, min_length = 1, max_length = 500))]
    ja: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, min_length = 1, max_length = 500))]
    th: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, min_length = 1, max_length = 500))]
    ms: Option<Text>,
}

/// What JSON may hold before the rule "at least one" is checked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Parts {
    #[serde(default)]
    en: Option<Text>,
    #[serde(default)]
    ja: Option<Text>,
    #[serde(default)]
    th: Option<Text>,
    #[serde(default)]
    ms: Option<Text>,
}

impl TryFrom<Parts> for LocalText {
    type Error = Invalid;
    fn try_from(p: Parts) -> Result<Self, Invalid> {
        LocalText::new(p.en, p.ja, p.th, p.ms)
    }
}

impl LocalText {
    /// From the four languages; at least one must be given.
    pub fn new(en: Option<Text>, ja: Option<Text>, th: Option<Text>, ms: Option<Text>) -> Result<Self, Invalid> {
        if en.is_none() && ja.is_none() && th.is_none() && ms.is_none() {
            return Err(Invalid::new(
                "required",
                "give it in at least one of English, Japanese, Thai or Malay",
            ));
        }
        Ok(LocalText { en, ja, th, ms })
    }

    /// From texts typed per language (`None` or blank: not given), each
    /// checked as [`Text`]; at least one must be given.
    pub fn parse(en: Option<&str>, ja: Option<&str>, th: Option<&str>, ms: Option<&str>) -> Result<Self, Invalid> {
        LocalText::new(
            Text::parse_optional(en)?,
            Text::parse_optional(ja)?,
            Text::parse_optional(th)?,
            Text::parse_optional(ms)?,
        )
    }

    /// Only in English.
    pub fn en(text: Text) -> Self {
        LocalText {
            en: Some(text),
            ja: None,
            th: None,
            ms: None,
        }
    }

    /// This text with `lang`'s version set (or removed, keeping at least one).
    pub fn with(mut self, lang: &str, text: Option<Text>) -> Result<Self, Invalid> {
        match lang {
            "en" => self.en = text,
            "ja" => self.ja = text,
            "th" => self.th = text,
            "ms" => self.ms = text,
            other => {
                return Err(Invalid::new(
                    "unknown_language",
                    format!("\"{other}\" is not one of en, ja, th, ms"),
                ));
            }
        }
        LocalText::new(self.en, self.ja, self.th, self.ms)
    }

    /// The text in a language (`"en"`, `"ja"`, `"th"`, `"ms"`), if given.
    pub fn get(&self, lang: &str) -> Option<&Text> {
        match lang {
            "en" => self.en.as_ref(),
            "ja" => self.ja.as_ref(),
            "th" => self.th.as_ref(),
            "ms" => self.ms.as_ref(),
            _ => None,
        }
    }

    /// The text to show a reader of `lang`, and the language it is in: the
    /// reader's own when given, else the first of [`FALLBACK`].
    pub fn show(&self, lang: &str) -> (&Text, &'static str) {
        for l in std::iter::once(lang).chain(FALLBACK) {
            if let Some(t) = self.get(l)
                && let Some(code) = LANGUAGES.iter().find(|c| **c == l)
            {
                return (t, code);
            }
        }
        // `new` guarantees one text.
        LANGUAGES
            .iter()
            .find_map(|l| self.get(l).map(|t| (t, *l)))
            .unwrap_or_else(|| unreachable!("a LocalText has a text"))
    }

    /// The text for a reader of `lang` (see [`LocalText::show`]).
    pub fn best(&self, lang: &str) -> &str {
        self.show(lang).0.as_str()
    }

    /// `(language, text)` for every language given, in [`LANGUAGES`] order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &Text)> {
        LANGUAGES.iter().filter_map(|l| self.get(l).map(|t| (*l, t)))
    }
}

/// The language a text given without one is taken to be in, from its
/// script: any Thai letter (U+0E00–U+0E7F) makes it `"th"`; else any kana,
/// kanji or full-width form (U+3000–U+9FFF, U+F900–U+FAFF, U+FF00–U+FFEF)
/// `"ja"`; else (Latin with or without accents, digits, emoji) `"en"`. Used
/// where older files and stores held a text in one column (a place's
/// `chain` and `branch`); migration 0009 applies the same rule in SQL.
pub fn guess_language(text: &str) -> &'static str {
    let japanese = |c: char| {
        ('\u{3000}'..='\u{9FFF}').contains(&c)
            || ('\u{F900}'..='\u{FAFF}').contains(&c)
            || ('\u{FF00}'..='\u{FFEF}').contains(&c)
    };
    if text.chars().any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c)) {
        "th"
    } else if text.chars().any(japanese) {
        "ja"
    } else {
        "en"
    }
}

impl std::fmt::Display for LocalText {
    /// English, else the first language given: for logs and messages to staff.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.best("en"))
    }
}

impl Field for LocalText {
    fn columns(name: &str, _nullable: bool, out: &mut Vec<Column>) {
        for l in LANGUAGES {
            out.push(Column {
                name: format!("{name}_{l}"),
                kind: Kind::Text,
                nullable: true,
            });
        }
    }
    fn write(&self, out: &mut Vec<Value>) {
        for l in LANGUAGES {
            out.push(Value::Text(self.get(l).map(ToString::to_string)));
        }
    }
    fn read_opt(name: &str, row: &mut dyn Row) -> Result<Option<Self>, Invalid> {
        let mut parts: [Option<Text>; 4] = Default::default();
        for (i, l) in LANGUAGES.iter().enumerate() {
            let column = format!("{name}_{l}");
            parts[i] = match row.get(&column, Kind::Text)? {
                Value::Text(t) => Text::parse_optional(t.as_deref())
                    .map_err(|e| Invalid::new(e.code, format!("{column}: {}", e.message)))?,
                other => {
                    return Err(Invalid::new(
                        "wrong_type",
                        format!("{column}: expected a text column, found {}", other.kind().as_str()),
                    ));
                }
            };
        }
        let [en, ja, th, ms] = parts;
        if en.is_none() && ja.is_none() && th.is_none() && ms.is_none() {
            return Ok(None);
        }
        LocalText::new(en, ja, th, ms).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Option<Text> {
        Some(Text::parse(s).unwrap())
    }

    #[test]
    fn at_least_one_language_and_a_documented_fallback() {
        assert_eq!(LocalText::new(None, None, None, None).unwrap_err().code, "required");
        let title = LocalText::new(t("Regional planning"), t("地域計画"), None, None).unwrap();
        assert_eq!(title.show("ja"), (&Text::parse("地域計画").unwrap(), "ja"));
        // Thai and Malay readers see English, and are told so.
        assert_eq!(title.show("th").1, "en");
        assert_eq!(title.show("ms").1, "en");
        let ja_only = LocalText::new(None, t("地域計画"), None, None).unwrap();
        assert_eq!(ja_only.show("en").1, "ja");
        let ms_th = LocalText::new(None, None, t("การวางแผน"), t("Perancangan")).unwrap();
        assert_eq!(ms_th.show("en").1, "ms", "Malay before Thai in the fallback order");
    }

    #[test]
    fn a_text_without_a_language_is_guessed_from_its_script() {
        for (text, lang) in [
            ("Hilal Ramen Kita", "en"),
            ("Kedai Barakah, Stesen Sapporo", "en"),
            ("", "en"),
            ("ヒラルラーメン北", "ja"),
            ("札幌駅前店", "ja"),
            ("ｶﾌｪ", "ja"),
            ("Café Salam", "en"),
            ("🍜 Ramen", "en"),
            ("\u{2FFF}", "en"),
            ("\u{3000}", "ja"),
            ("\u{9FFF}", "ja"),
            ("\u{A000}", "en"),
            ("\u{F900}", "ja"),
            ("\u{FAFF}", "ja"),
            ("\u{FF00}", "ja"),
            ("\u{FFEF}", "ja"),
            ("\u{FFF0}", "en"),
            ("ฮิลาลราเมนคิตะ", "th"),
            ("สาขา Odori", "th"),
            ("ร้าน ラーメン", "th"),
            ("\u{0E00}", "th"),
            ("\u{0E7F}", "th"),
            // Just outside the Thai block: Sinhala and Lao.
            ("\u{0DFF}", "en"),
            ("\u{0E80}", "en"),
            ("\u{7F}", "en"),
            ("\u{80}", "en"),
        ] {
            assert_eq!(guess_language(text), lang, "{text:?}");
        }
    }

    #[test]
    fn json_is_an_object_of_the_languages_given() {
        let title = LocalText::new(t("Tokachi"), None, t("โทคาจิ"), None).unwrap();
        let json = serde_json::to_string(&title).unwrap();
        assert_eq!(json, r#"{"en":"Tokachi","th":"โทคาจิ"}"#);
        assert_eq!(serde_json::from_str::<LocalText>(&json).unwrap(), title);
        assert!(serde_json::from_str::<LocalText>("{}").is_err());
        assert!(serde_json::from_str::<LocalText>(r#"{"fr":"x"}"#).is_err());
        assert!(serde_json::from_str::<LocalText>(r#"{"en":"  "}"#).is_err());
    }
}
