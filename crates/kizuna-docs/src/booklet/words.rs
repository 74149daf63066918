//! The booklet's own words, from the shared catalogues
//! (`kizuna-i18n/locales/*/booklet.ftl`): each [`K`] is the message
//! `booklet-` followed by its name in kebab case (`K::LevelCertified` is
//! `booklet-level-certified`).

use std::sync::Mutex;

use super::*;

/// The booklet's own words. Each is a message of the catalogues (see the module).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum K {
    Title,
    Subtitle,
    Generated,
    Counts,
    Contents,
    Footer,
    LegendTitle,
    LevelCertified,
    LevelSelfDeclared,
    LevelPorkFree,
    LevelVegetarian,
    LevelUnknown,
    LevelLapsed,
    NoteCertified,
    NoteSelfDeclared,
    NotePorkFree,
    NoteVegetarian,
    NoteUnknown,
    NoteLapsed,
    CatRestaurant,
    CatCafe,
    CatGrocery,
    CatHalalShop,
    CatHotel,
    CatMosque,
    CatPrayerRoom,
    CatOther,
    ChainBranch,
    Chain,
    CertifiedBy,
    CertExpired,
    CertNotYet,
    AlcoholYes,
    AlcoholNo,
    Prayer,
    FacPrayerSpace,
    FacWudu,
    FacWomen,
    FacQibla,
    FacMats,
    Address,
    Phone,
    Hours,
    Verified,
    Stale,
    NeverVerified,
    OtherArea,
    Continued,
    PlaceCount,
    DemoTag,
    DemoNote,
    OsmNote,
    SourcesNote,
    LandNote,
    CheckNote,
    MapCaption,
    NoPlaces,
    ListSeparator,
    DayMo,
    DayTu,
    DayWe,
    DayTh,
    DayFr,
    DaySa,
    DaySu,
    EveryDay,
    HoursClosed,
    HoursAllDay,
    HoursFrom,
    HoursAsk,
    /// The overview map's alternative text (its `/Alt` in the PDF).
    OverviewAlt,
    /// An area map's alternative text.
    MapAlt,
}

impl K {
    /// The message's id in the catalogues.
    pub fn id(self) -> String {
        let name = format!("{self:?}");
        let mut id = String::from("booklet");
        for c in name.chars() {
            if c.is_ascii_uppercase() {
                id.push('-');
            }
            id.push(c.to_ascii_lowercase());
        }
        id
    }

    /// The words in a language. They are looked up once per language and
    /// kept for the life of the process (a few hundred short strings).
    pub fn get(self, lang: Lang) -> &'static str {
        static WORDS: Mutex<BTreeMap<(Lang, K), &'static str>> = Mutex::new(BTreeMap::new());
        let mut words = WORDS.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        words
            .entry((lang, self))
            .or_insert_with(|| Box::leak(i18n::message(lang, &self.id(), &[]).into_boxed_str()))
    }

    /// The words in a language with `{ $name }` slots filled; numbers are
    /// passed as numbers, so that plural rules apply.
    pub fn with(self, lang: Lang, values: &[(&str, &str)]) -> String {
        let args: Vec<(&str, FluentValue<'_>)> = values
            .iter()
            .map(|(k, v)| match v.parse::<i64>() {
                Ok(n) => (*k, FluentValue::from(n)),
                Err(_) => (*k, FluentValue::from(*v)),
            })
            .collect();
        i18n::message(lang, &self.id(), &args)
    }
}

/// A date as each language writes it (Thai: Buddhist era).
pub fn local_date(lang: Lang, d: NaiveDate) -> String {
    i18n::date_long(lang, d)
}

pub(crate) fn category_key(c: PlaceCategory) -> K {
    match c {
        PlaceCategory::Restaurant => K::CatRestaurant,
        PlaceCategory::Cafe => K::CatCafe,
        PlaceCategory::Grocery => K::CatGrocery,
        PlaceCategory::HalalShop => K::CatHalalShop,
        PlaceCategory::Hotel => K::CatHotel,
        PlaceCategory::Mosque => K::CatMosque,
        PlaceCategory::PrayerRoom => K::CatPrayerRoom,
        PlaceCategory::Other => K::CatOther,
    }
}

/// Places of prayer first, then food, then the rest.
pub(crate) fn category_rank(c: PlaceCategory) -> u8 {
    match c {
        PlaceCategory::Mosque => 0,
        PlaceCategory::PrayerRoom => 1,
        PlaceCategory::Restaurant => 2,
        PlaceCategory::Cafe => 3,
        PlaceCategory::Grocery => 4,
        PlaceCategory::HalalShop => 5,
        PlaceCategory::Hotel => 6,
        PlaceCategory::Other => 7,
    }
}
