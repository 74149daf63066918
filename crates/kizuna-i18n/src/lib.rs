//! Kizuna's four languages, for every page, document and message a person
//! reads: one [`Lang`], message catalogues in Project Fluent syntax
//! (`locales/{en,ja,th,ms}/*.ftl`, embedded at build time, with plural
//! rules), language negotiation, and the local way of writing dates,
//! numbers and fiscal years ([`format`](mod@format)) and of sorting names
//! ([`collate`]).
//!
//! Dates, numbers and collation come from ICU4X with its CLDR data
//! compiled in: nothing is downloaded or read from disk at run time.

use std::collections::HashMap;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use kizuna_domain::FieldError;
use kizuna_domain::common::LocalText;

pub mod calendar_format;
pub mod collate;
pub mod format;

pub use collate::{collator, compare, sort_by_name, sort_key};
pub use fluent_bundle::FluentValue;
pub use format::{date, date_long, fiscal_year, number, number_in};

/// A language of the user interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    En,
    Ja,
    Th,
    Ms,
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for Lang {
    type Err = FieldError;
    fn from_str(s: &str) -> Result<Lang, FieldError> {
        Lang::parse(s)
    }
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::En, Lang::Ja, Lang::Th, Lang::Ms];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
            Lang::Th => "th",
            Lang::Ms => "ms",
        }
    }

    /// The language's own name, for the switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ja => "日本語",
            Lang::Th => "ไทย",
            Lang::Ms => "Bahasa Melayu",
        }
    }

    /// `en`, `ja`, `th` or `ms` (any case, a region allowed: `th-TH`);
    /// anything else is an error on the field `lang` naming the four.
    pub fn parse(raw: &str) -> Result<Lang, FieldError> {
        Lang::from_code(raw).ok_or_else(|| {
            FieldError::new(
                "lang",
                "unknown_language",
                format!("\"{raw}\" is not one of Kizuna's languages: use en, ja, th or ms"),
            )
        })
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The language as an ICU4X locale (no region: CLDR's defaults).
    pub(crate) fn locale(self) -> icu_locale_core::Locale {
        use icu_locale_core::locale;
        match self {
            Lang::En => locale!("en"),
            Lang::Ja => locale!("ja"),
            Lang::Th => locale!("th"),
            Lang::Ms => locale!("ms"),
        }
    }

    /// The position in [`Lang::ALL`], for tables kept per language.
    pub(crate) fn index(self) -> usize {
        self as usize
    }

    /// The best language for an `Accept-Language` header (q-values honoured).
    pub fn negotiate(accept_language: &str) -> Lang {
        let mut best: Option<(f32, Lang)> = None;
        for part in accept_language.split(',') {
            let mut it = part.split(';');
            let tag = it.next().unwrap_or("").trim();
            let q = it
                .find_map(|p| p.trim().strip_prefix("q=").and_then(|v| v.parse::<f32>().ok()))
                .unwrap_or(1.0);
            if let Some(lang) = Lang::from_code(tag)
                && best.is_none_or(|(bq, _)| q > bq)
            {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l).unwrap_or(Lang::En)
    }
}

/// The catalogue files, per language, as embedded text.
pub const CATALOGUES: &[(&str, &str, &str)] = &[
    ("en", "volunteers", include_str!("../locales/en/volunteers.ftl")),
    ("ja", "volunteers", include_str!("../locales/ja/volunteers.ftl")),
    ("th", "volunteers", include_str!("../locales/th/volunteers.ftl")),
    ("ms", "volunteers", include_str!("../locales/ms/volunteers.ftl")),
    ("en", "exchanges", include_str!("../locales/en/exchanges.ftl")),
    ("ja", "exchanges", include_str!("../locales/ja/exchanges.ftl")),
    ("th", "exchanges", include_str!("../locales/th/exchanges.ftl")),
    ("ms", "exchanges", include_str!("../locales/ms/exchanges.ftl")),
    ("en", "certificates", include_str!("../locales/en/certificates.ftl")),
    ("ja", "certificates", include_str!("../locales/ja/certificates.ftl")),
    ("th", "certificates", include_str!("../locales/th/certificates.ftl")),
    ("ms", "certificates", include_str!("../locales/ms/certificates.ftl")),
    ("en", "calendar", include_str!("../locales/en/calendar.ftl")),
    ("ja", "calendar", include_str!("../locales/ja/calendar.ftl")),
    ("th", "calendar", include_str!("../locales/th/calendar.ftl")),
    ("ms", "calendar", include_str!("../locales/ms/calendar.ftl")),
    ("en", "alumni", include_str!("../locales/en/alumni.ftl")),
    ("ja", "alumni", include_str!("../locales/ja/alumni.ftl")),
    ("th", "alumni", include_str!("../locales/th/alumni.ftl")),
    ("ms", "alumni", include_str!("../locales/ms/alumni.ftl")),
    ("en", "tourism", include_str!("../locales/en/tourism.ftl")),
    ("ja", "tourism", include_str!("../locales/ja/tourism.ftl")),
    ("th", "tourism", include_str!("../locales/th/tourism.ftl")),
    ("ms", "tourism", include_str!("../locales/ms/tourism.ftl")),
    ("en", "itinerary", include_str!("../locales/en/itinerary.ftl")),
    ("ja", "itinerary", include_str!("../locales/ja/itinerary.ftl")),
    ("th", "itinerary", include_str!("../locales/th/itinerary.ftl")),
    ("ms", "itinerary", include_str!("../locales/ms/itinerary.ftl")),
    ("en", "visitor", include_str!("../locales/en/visitor.ftl")),
    ("ja", "visitor", include_str!("../locales/ja/visitor.ftl")),
    ("th", "visitor", include_str!("../locales/th/visitor.ftl")),
    ("ms", "visitor", include_str!("../locales/ms/visitor.ftl")),
    ("en", "partnerships", include_str!("../locales/en/partnerships.ftl")),
    ("ja", "partnerships", include_str!("../locales/ja/partnerships.ftl")),
    ("th", "partnerships", include_str!("../locales/th/partnerships.ftl")),
    ("ms", "partnerships", include_str!("../locales/ms/partnerships.ftl")),
    ("en", "ripple", include_str!("../locales/en/ripple.ftl")),
    ("ja", "ripple", include_str!("../locales/ja/ripple.ftl")),
    ("th", "ripple", include_str!("../locales/th/ripple.ftl")),
    ("ms", "ripple", include_str!("../locales/ms/ripple.ftl")),
    ("en", "matchmaker", include_str!("../locales/en/matchmaker.ftl")),
    ("ja", "matchmaker", include_str!("../locales/ja/matchmaker.ftl")),
    ("th", "matchmaker", include_str!("../locales/th/matchmaker.ftl")),
    ("ms", "matchmaker", include_str!("../locales/ms/matchmaker.ftl")),
    ("en", "search", include_str!("../locales/en/search.ftl")),
    ("ja", "search", include_str!("../locales/ja/search.ftl")),
    ("th", "search", include_str!("../locales/th/search.ftl")),
    ("ms", "search", include_str!("../locales/ms/search.ftl")),
    ("en", "common", include_str!("../locales/en/common.ftl")),
    ("ja", "common", include_str!("../locales/ja/common.ftl")),
    ("th", "common", include_str!("../locales/th/common.ftl")),
    ("ms", "common", include_str!("../locales/ms/common.ftl")),
    ("en", "console", include_str!("../locales/en/console.ftl")),
    ("ja", "console", include_str!("../locales/ja/console.ftl")),
    ("th", "console", include_str!("../locales/th/console.ftl")),
    ("ms", "console", include_str!("../locales/ms/console.ftl")),
    ("en", "stats", include_str!("../locales/en/stats.ftl")),
    ("ja", "stats", include_str!("../locales/ja/stats.ftl")),
    ("th", "stats", include_str!("../locales/th/stats.ftl")),
    ("ms", "stats", include_str!("../locales/ms/stats.ftl")),
    ("en", "places", include_str!("../locales/en/places.ftl")),
    ("ja", "places", include_str!("../locales/ja/places.ftl")),
    ("th", "places", include_str!("../locales/th/places.ftl")),
    ("ms", "places", include_str!("../locales/ms/places.ftl")),
    ("en", "map", include_str!("../locales/en/map.ftl")),
    ("ja", "map", include_str!("../locales/ja/map.ftl")),
    ("th", "map", include_str!("../locales/th/map.ftl")),
    ("ms", "map", include_str!("../locales/ms/map.ftl")),
    ("en", "booklet", include_str!("../locales/en/booklet.ftl")),
    ("ja", "booklet", include_str!("../locales/ja/booklet.ftl")),
    ("th", "booklet", include_str!("../locales/th/booklet.ftl")),
    ("ms", "booklet", include_str!("../locales/ms/booklet.ftl")),
    ("en", "audit", include_str!("../locales/en/audit.ftl")),
    ("ja", "audit", include_str!("../locales/ja/audit.ftl")),
    ("th", "audit", include_str!("../locales/th/audit.ftl")),
    ("ms", "audit", include_str!("../locales/ms/audit.ftl")),
    ("en", "admin", include_str!("../locales/en/admin.ftl")),
    ("ja", "admin", include_str!("../locales/ja/admin.ftl")),
    ("th", "admin", include_str!("../locales/th/admin.ftl")),
    ("ms", "admin", include_str!("../locales/ms/admin.ftl")),
    ("en", "people", include_str!("../locales/en/people.ftl")),
    ("ja", "people", include_str!("../locales/ja/people.ftl")),
    ("th", "people", include_str!("../locales/th/people.ftl")),
    ("ms", "people", include_str!("../locales/ms/people.ftl")),
    ("en", "work", include_str!("../locales/en/work.ftl")),
    ("ja", "work", include_str!("../locales/ja/work.ftl")),
    ("th", "work", include_str!("../locales/th/work.ftl")),
    ("ms", "work", include_str!("../locales/ms/work.ftl")),
    ("en", "documents", include_str!("../locales/en/documents.ftl")),
    ("ja", "documents", include_str!("../locales/ja/documents.ftl")),
    ("th", "documents", include_str!("../locales/th/documents.ftl")),
    ("ms", "documents", include_str!("../locales/ms/documents.ftl")),
    ("en", "partner", include_str!("../locales/en/partner.ftl")),
    ("ja", "partner", include_str!("../locales/ja/partner.ftl")),
    ("th", "partner", include_str!("../locales/th/partner.ftl")),
    ("ms", "partner", include_str!("../locales/ms/partner.ftl")),
    ("en", "iati", include_str!("../locales/en/iati.ftl")),
    ("ja", "iati", include_str!("../locales/ja/iati.ftl")),
    ("th", "iati", include_str!("../locales/th/iati.ftl")),
    ("ms", "iati", include_str!("../locales/ms/iati.ftl")),
    ("en", "annual", include_str!("../locales/en/annual.ftl")),
    ("ja", "annual", include_str!("../locales/ja/annual.ftl")),
    ("th", "annual", include_str!("../locales/th/annual.ftl")),
    ("ms", "annual", include_str!("../locales/ms/annual.ftl")),
];

static BUNDLES: LazyLock<HashMap<Lang, FluentBundle<FluentResource>>> = LazyLock::new(|| {
    let mut out = HashMap::new();
    for lang in Lang::ALL {
        let id: unic_langid::LanguageIdentifier = lang.code().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // Plain text in HTML: no Unicode isolation marks around arguments.
        bundle.set_use_isolating(false);
        for (code, file, text) in CATALOGUES {
            if *code == lang.code() {
                let resource = FluentResource::try_new((*text).to_owned()).unwrap_or_else(|(r, errors)| {
                    tracing::error!(lang = code, file, ?errors, "catalogue has syntax errors");
                    r
                });
                if let Err(errors) = bundle.add_resource(resource) {
                    tracing::error!(lang = code, file, ?errors, "catalogue defines a message twice");
                }
            }
        }
        out.insert(lang, bundle);
    }
    out
});

/// Whether the English catalogue (which every language must match) has
/// the message `key`: for codes kept in data that may have no message.
pub fn has_message(_lang: Lang, key: &str) -> bool {
    BUNDLES.get(&Lang::En).is_some_and(|b| b.has_message(key))
}

/// A message in a language, with arguments; falls back to English, then to the key.
pub fn message(lang: Lang, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    for l in [lang, Lang::En] {
        let Some(bundle) = BUNDLES.get(&l) else { continue };
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            continue;
        };
        let mut fargs = FluentArgs::new();
        for (k, v) in args {
            fargs.set(*k, v.clone());
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, if args.is_empty() { None } else { Some(&fargs) }, &mut errors);
        return text.into_owned();
    }
    key.to_owned()
}

/// Content kept per language ([`LocalText`]) for a reader of `lang`: in
/// `lang` when it is given, else in the first language of
/// [`kizuna_domain::common::local_text::FALLBACK`] that is, followed by
/// that language's name ("Tokachi (English)"), so that nobody takes a
/// fallback for a translation.
pub fn local_text(lang: Lang, text: &LocalText) -> String {
    let (shown, in_lang) = text.show(lang.code());
    if in_lang == lang.code() {
        return shown.to_string();
    }
    let language = message(lang, &format!("language-name-{in_lang}"), &[]);
    message(
        lang,
        "content-fallback",
        &[
            ("text", FluentValue::from(shown.as_str())),
            ("language", FluentValue::from(language)),
        ],
    )
}

/// Every message id a catalogue file defines, in order.
pub fn message_ids(text: &str) -> Vec<String> {
    let resource = FluentResource::try_new(text.to_owned()).unwrap_or_else(|(r, _)| r);
    resource
        .entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect()
}
