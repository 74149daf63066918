//! The printable booklet of the Muslim-friendly map: an A4 PDF that lists
//! every place by area, with its halal assurance spelled out and a small
//! map of the area, in English, Japanese, Thai or Malay.
//!
//! # Contents
//!
//! A cover (title, date, an overview map with the areas lettered, the
//! contents with page numbers, the legend of assurance levels, and the
//! notes: when the levels were recorded, demo data, OpenStreetMap's ODbL
//! attribution when any place comes from OpenStreetMap, other sources'
//! attributions, and where the land shapes come from), then one section
//! per area: a heading, a map of the area (land and sea from world-atlas's
//! TopoJSON, numbered dots coloured by assurance level, a scale bar and a
//! locator inset) and the list of its places — number, name (in the
//! booklet's language when recorded, else another; the Japanese name below
//! it, for showing to people in Japan), category, assurance level (for
//! certified places the certifier, certificate number and validity; a lapsed
//! certificate is said to be lapsed), alcohol, prayer facilities, address,
//! telephone, opening hours and when the place was last checked. Every page
//! has its number.
//!
//! # Areas
//!
//! An area is a place's locality; places without one join the area whose
//! places' centre is nearest when it lies within [`JOIN_AREA_WITHIN_M`], and
//! otherwise go under "Other places" at the end. Areas come in the order of
//! their locality keys (so a city follows its prefecture-level area); within
//! an area places of prayer come first, then restaurants, cafés, shops,
//! hotels and the rest, each by name. Places are numbered through the booklet.
//!
//! # Words
//!
//! The booklet's own words (title, legend, category and assurance names,
//! "certified by … until …", page numbers and so on) are in a table in this
//! module, [`K`], with all four languages for every entry (kizuna-app has no
//! Fluent; a test checks that none is left in English). Dates are written the
//! way each language does (Thai with the Buddhist era).
//!
//! # Fonts
//!
//! Nothing is downloaded: fonts are TrueType files on this machine, from the
//! paths given (`kizuna places booklet --font`, or the environment variable
//! [`FONTS_ENV`], paths separated by `:`), else from Debian's usual places
//! ([`DEFAULT_FONT_PATHS`]: IPA P Gothic / IPA Gothic from
//! `fonts-ipafont-gothic` for Latin and Japanese, Loma, Garuda, Norasi and
//! Kinnari from `fonts-thai-tlwg` for Thai). Each character is drawn with
//! the first font that has it (a space or digit stays in the font of the
//! text around it). When no font has the letters of a script the booklet
//! needs, making it fails with a message naming the script and the Debian
//! package that provides a font for it. Characters of other scripts that no
//! font has (in a place's data) are drawn as `?`; a place's name is taken
//! in a language the fonts can draw when it has one.
//!
//! Fonts are embedded as subsets (only the glyphs used, by the `subsetter`
//! crate) in CID-keyed Type 0 fonts with a ToUnicode map, so the text can be
//! searched and extracted (`pdftotext`) as written.
//!
//! # Limits
//!
//! There is no text shaping: each character is one glyph from the font's
//! character map. That suits Latin, Japanese (horizontal) and Thai, whose
//! vowel and tone marks are drawn in the font's default mark positions over
//! the preceding letter (TLWG fonts place them high, so stacked marks stay
//! apart, but marks over tall letters such as ป are not moved left as a
//! shaping engine would). Arabic, which needs joining and right-to-left
//! ordering, is not drawn; a place with only an Arabic name has it shown as
//! question marks. Fonts with CFF outlines (`.otf`) are not embedded.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use kizuna_domain::FieldError;
use kizuna_domain::common::Id;
use kizuna_domain::common::locality::Locality;
use kizuna_domain::map::place::{Assurance, CertificateStatus, OSM_ATTRIBUTION, Place, PlaceCategory, SourceKind};
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, TextRenderingMode, UnicodeCmap};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use super::PlaceFilter;
use super::topojson;
use crate::{App, AppError};

/// Paths of font files to use instead of the defaults, separated by `:`.
pub const FONTS_ENV: &str = "KIZUNA_PDF_FONTS";

/// Where Debian's packages put the fonts the booklet uses, in order of preference.
pub const DEFAULT_FONT_PATHS: &[&str] = &[
    "/usr/share/fonts/opentype/ipafont-gothic/ipagp.ttf",
    "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
    "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
    "/usr/share/fonts/truetype/tlwg/Loma.ttf",
    "/usr/share/fonts/truetype/tlwg/Garuda.ttf",
    "/usr/share/fonts/truetype/tlwg/Norasi.ttf",
    "/usr/share/fonts/truetype/tlwg/Kinnari.ttf",
];

/// A place without a locality joins the nearest area within this distance.
pub const JOIN_AREA_WITHIN_M: f64 = 30_000.0;

// ---------------------------------------------------------------------------
// Language
// ---------------------------------------------------------------------------

/// The languages the booklet is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BookletLang {
    En,
    Ja,
    Th,
    Ms,
}

impl BookletLang {
    pub const ALL: [BookletLang; 4] = [BookletLang::En, BookletLang::Ja, BookletLang::Th, BookletLang::Ms];

    /// The language's code: en, ja, th or ms.
    pub fn code(self) -> &'static str {
        match self {
            BookletLang::En => "en",
            BookletLang::Ja => "ja",
            BookletLang::Th => "th",
            BookletLang::Ms => "ms",
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    /// `en`, `ja`, `th` or `ms` (any case); anything else is an error on the field `lang`.
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let code = raw.trim().to_ascii_lowercase();
        BookletLang::ALL.into_iter().find(|l| l.code() == code).ok_or_else(|| {
            FieldError::new(
                "lang",
                "unknown_language",
                format!("\"{raw}\" is not a language the booklet is written in: use en, ja, th or ms"),
            )
        })
    }
}

impl FromStr for BookletLang {
    type Err = FieldError;
    fn from_str(s: &str) -> Result<Self, FieldError> {
        BookletLang::parse(s)
    }
}

impl std::fmt::Display for BookletLang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

// ---------------------------------------------------------------------------
// The booklet's words
// ---------------------------------------------------------------------------

/// The booklet's own words. [`K::text`] gives each in en, ja, th, ms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    CatHotel,
    CatMosque,
    CatPrayerRoom,
    CatOther,
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
}

impl K {
    /// Every key, for the completeness test.
    pub const ALL: [K; 55] = [
        K::Title,
        K::Subtitle,
        K::Generated,
        K::Counts,
        K::Contents,
        K::Footer,
        K::LegendTitle,
        K::LevelCertified,
        K::LevelSelfDeclared,
        K::LevelPorkFree,
        K::LevelVegetarian,
        K::LevelUnknown,
        K::LevelLapsed,
        K::NoteCertified,
        K::NoteSelfDeclared,
        K::NotePorkFree,
        K::NoteVegetarian,
        K::NoteUnknown,
        K::NoteLapsed,
        K::CatRestaurant,
        K::CatCafe,
        K::CatGrocery,
        K::CatHotel,
        K::CatMosque,
        K::CatPrayerRoom,
        K::CatOther,
        K::CertifiedBy,
        K::CertExpired,
        K::CertNotYet,
        K::AlcoholYes,
        K::AlcoholNo,
        K::Prayer,
        K::FacPrayerSpace,
        K::FacWudu,
        K::FacWomen,
        K::FacQibla,
        K::FacMats,
        K::Address,
        K::Phone,
        K::Hours,
        K::Verified,
        K::Stale,
        K::NeverVerified,
        K::OtherArea,
        K::Continued,
        K::PlaceCount,
        K::DemoTag,
        K::DemoNote,
        K::OsmNote,
        K::SourcesNote,
        K::LandNote,
        K::CheckNote,
        K::MapCaption,
        K::NoPlaces,
        K::ListSeparator,
    ];

    /// The words in en, ja, th, ms. `{name}` marks a value filled in.
    pub fn text(self) -> [&'static str; 4] {
        match self {
            K::Title => [
                "Muslim-friendly map",
                "ムスリムフレンドリーマップ",
                "แผนที่สำหรับชาวมุสลิม",
                "Peta mesra Muslim",
            ],
            K::Subtitle => [
                "Places to dine and pray, by area",
                "食事と礼拝の場所（地域別）",
                "ร้านอาหารและสถานที่ละหมาด แยกตามพื้นที่",
                "Tempat makan dan solat, mengikut kawasan",
            ],
            K::Generated => [
                "Made on {date}",
                "{date}作成",
                "จัดทำเมื่อ {date}",
                "Disediakan pada {date}",
            ],
            K::Counts => [
                "{places} places in {areas} areas",
                "{areas}地域・{places}か所",
                "{places} แห่ง ใน {areas} พื้นที่",
                "{places} tempat di {areas} kawasan",
            ],
            K::Contents => ["Contents", "目次", "สารบัญ", "Kandungan"],
            K::Footer => [
                "Page {n} of {total}",
                "{n} / {total} ページ",
                "หน้า {n} จาก {total}",
                "Halaman {n} daripada {total}",
            ],
            K::LegendTitle => [
                "How sure is the food? Assurance levels",
                "食事の確かさ：ハラールの区分",
                "ระดับความมั่นใจเรื่องอาหารฮาลาล",
                "Tahap jaminan halal makanan",
            ],
            K::LevelCertified => ["Halal certified", "ハラール認証", "ได้รับรองฮาลาล", "Diperakui halal"],
            K::LevelSelfDeclared => [
                "Muslim-friendly (self-declared)",
                "ムスリムフレンドリー（自己申告）",
                "เป็นมิตรกับมุสลิม (ร้านแจ้งเอง)",
                "Mesra Muslim (pengakuan sendiri)",
            ],
            K::LevelPorkFree => ["Pork-free", "豚肉不使用", "ไม่มีเนื้อหมู", "Tiada daging babi"],
            K::LevelVegetarian => [
                "Vegetarian options",
                "ベジタリアンメニューあり",
                "มีเมนูมังสวิรัติ",
                "Ada pilihan vegetarian",
            ],
            K::LevelUnknown => [
                "Food not known",
                "食事は不明",
                "ไม่ทราบข้อมูลอาหาร",
                "Makanan tidak diketahui",
            ],
            K::LevelLapsed => [
                "Certificate not valid today",
                "認証は現在無効",
                "ใบรับรองไม่มีผลในวันนี้",
                "Sijil tidak sah hari ini",
            ],
            K::NoteCertified => [
                "A halal certification body has certified the place; its name, the certificate number and the last day of validity are given.",
                "ハラール認証機関が認証した場所です。認証機関名、認証番号、有効期限を記載しています。",
                "หน่วยงานรับรองฮาลาลได้รับรองสถานที่นี้ มีชื่อผู้รับรอง เลขที่ใบรับรอง และวันสุดท้ายที่ใบรับรองมีผล",
                "Badan pensijilan halal telah memperakui premis ini; nama badan, nombor sijil dan tarikh akhir sah dinyatakan.",
            ],
            K::NoteSelfDeclared => [
                "The place says it is Muslim-friendly; nobody has checked.",
                "お店自身がムスリムフレンドリーと表明しています。第三者の確認はありません。",
                "ร้านแจ้งเองว่าเป็นมิตรกับมุสลิม ยังไม่มีผู้ใดตรวจสอบ",
                "Premis menyatakan sendiri ia mesra Muslim; belum disemak oleh sesiapa.",
            ],
            K::NotePorkFree => [
                "No pork is served; other meat is not certified and alcohol may be served.",
                "豚肉を使っていません。ほかの肉は認証されておらず、アルコールを出すことがあります。",
                "ไม่มีเนื้อหมู แต่เนื้อสัตว์อื่นไม่ได้รับรอง และอาจมีเครื่องดื่มแอลกอฮอล์",
                "Tiada daging babi; daging lain tidak diperakui dan alkohol mungkin dihidangkan.",
            ],
            K::NoteVegetarian => [
                "Vegetarian dishes are available; nothing more is known.",
                "ベジタリアン料理があります。それ以上のことは分かりません。",
                "มีอาหารมังสวิรัติ นอกจากนั้นไม่ทราบ",
                "Ada hidangan vegetarian; selain itu tiada maklumat.",
            ],
            K::NoteUnknown => [
                "Nothing is known about the food (often a place to pray or a hotel).",
                "食事については分かりません（礼拝所やホテルなど）。",
                "ไม่ทราบข้อมูลเรื่องอาหาร (มักเป็นสถานที่ละหมาดหรือโรงแรม)",
                "Tiada maklumat tentang makanan (selalunya tempat solat atau hotel).",
            ],
            K::NoteLapsed => [
                "The place was certified, but its certificate has ended or has not started yet.",
                "認証を受けていましたが、認証の期限が切れているか、まだ有効になっていません。",
                "สถานที่นี้เคยได้รับรอง แต่ใบรับรองหมดอายุแล้วหรือยังไม่เริ่มมีผล",
                "Premis ini pernah diperakui, tetapi sijilnya telah tamat atau belum bermula.",
            ],
            K::CatRestaurant => ["Restaurant", "レストラン", "ร้านอาหาร", "Restoran"],
            K::CatCafe => ["Café", "カフェ", "คาเฟ่", "Kafe"],
            K::CatGrocery => ["Grocery", "食料品店", "ร้านขายของชำ", "Kedai runcit"],
            K::CatHotel => ["Hotel", "ホテル", "โรงแรม", "Hotel"],
            K::CatMosque => ["Mosque", "モスク", "มัสยิด", "Masjid"],
            K::CatPrayerRoom => ["Prayer room", "礼拝室", "ห้องละหมาด", "Bilik solat"],
            K::CatOther => ["Other", "その他", "อื่น ๆ", "Lain-lain"],
            K::CertifiedBy => [
                "Certified by {certifier}, no. {number}, valid until {until}",
                "認証機関：{certifier}（認証番号 {number}）、{until}まで有効",
                "รับรองโดย {certifier} เลขที่ {number} มีผลถึง {until}",
                "Diperakui oleh {certifier}, no. {number}, sah hingga {until}",
            ],
            K::CertExpired => [
                "Certificate by {certifier} (no. {number}) ended on {until}",
                "{certifier}の認証（認証番号 {number}）は{until}で期限切れ",
                "ใบรับรองจาก {certifier} (เลขที่ {number}) หมดอายุเมื่อ {until}",
                "Sijil daripada {certifier} (no. {number}) tamat pada {until}",
            ],
            K::CertNotYet => [
                "Certificate by {certifier} (no. {number}) is valid from {from} until {until}",
                "{certifier}の認証（認証番号 {number}）は{from}から{until}まで有効",
                "ใบรับรองจาก {certifier} (เลขที่ {number}) มีผลตั้งแต่ {from} ถึง {until}",
                "Sijil daripada {certifier} (no. {number}) sah dari {from} hingga {until}",
            ],
            K::AlcoholYes => [
                "Alcohol served",
                "アルコールあり",
                "มีเครื่องดื่มแอลกอฮอล์",
                "Alkohol dihidangkan",
            ],
            K::AlcoholNo => ["No alcohol", "アルコールなし", "ไม่มีเครื่องดื่มแอลกอฮอล์", "Tiada alkohol"],
            K::Prayer => ["Prayer: ", "礼拝：", "การละหมาด: ", "Solat: "],
            K::FacPrayerSpace => ["prayer space", "礼拝スペース", "ที่ละหมาด", "ruang solat"],
            K::FacWudu => [
                "wudu (ablution)",
                "ウドゥ（お清め）の設備",
                "ที่อาบน้ำละหมาด",
                "tempat wuduk",
            ],
            K::FacWomen => [
                "separate space for women",
                "女性用スペース",
                "พื้นที่แยกสำหรับผู้หญิง",
                "ruang berasingan untuk wanita",
            ],
            K::FacQibla => [
                "qibla marked",
                "キブラ表示あり",
                "มีเครื่องหมายทิศกิบลัต",
                "arah kiblat ditanda",
            ],
            K::FacMats => ["prayer mats", "礼拝用マット", "มีพรมละหมาด", "sejadah disediakan"],
            K::Address => ["Address: ", "住所：", "ที่อยู่: ", "Alamat: "],
            K::Phone => ["Tel. ", "電話：", "โทร. ", "Tel. "],
            K::Hours => ["Hours: ", "営業時間：", "เวลาเปิด: ", "Waktu buka: "],
            K::Verified => [
                "Last checked {date}",
                "最終確認 {date}",
                "ตรวจสอบล่าสุด {date}",
                "Disemak pada {date}",
            ],
            K::Stale => [
                "not checked for over a year",
                "1年以上未確認",
                "ไม่ได้ตรวจสอบมานานกว่าหนึ่งปี",
                "tidak disemak lebih setahun",
            ],
            K::NeverVerified => ["Never checked", "未確認", "ยังไม่เคยตรวจสอบ", "Belum pernah disemak"],
            K::OtherArea => ["Other places", "その他の場所", "สถานที่อื่น ๆ", "Tempat lain"],
            K::Continued => ["(continued)", "（続き）", "(ต่อ)", "(sambungan)"],
            K::PlaceCount => ["{n} places", "{n}か所", "{n} แห่ง", "{n} tempat"],
            K::DemoTag => ["demo data", "デモデータ", "ข้อมูลตัวอย่าง", "data demo"],
            K::DemoNote => [
                "Demo data: the places marked as demo data are fictional.",
                "デモデータ：「デモデータ」と記した場所は架空のものです。",
                "ข้อมูลตัวอย่าง: สถานที่ที่มีป้าย \"ข้อมูลตัวอย่าง\" เป็นสถานที่สมมติ",
                "Data demo: tempat yang ditanda sebagai data demo adalah rekaan.",
            ],
            K::OsmNote => [
                "Some places come from OpenStreetMap: {attribution}",
                "一部の場所は OpenStreetMap のデータです：{attribution}",
                "ข้อมูลสถานที่บางแห่งมาจาก OpenStreetMap: {attribution}",
                "Sebahagian tempat diambil daripada OpenStreetMap: {attribution}",
            ],
            K::SourcesNote => [
                "Other sources: {sources}",
                "その他の出典：{sources}",
                "แหล่งข้อมูลอื่น: {sources}",
                "Sumber lain: {sources}",
            ],
            K::LandNote => [
                "Land shapes: Natural Earth (public domain), through world-atlas.",
                "陸地の形：Natural Earth（パブリックドメイン）、world-atlas 経由。",
                "รูปร่างแผ่นดิน: Natural Earth (สาธารณสมบัติ) ผ่าน world-atlas",
                "Bentuk daratan: Natural Earth (domain awam), melalui world-atlas.",
            ],
            K::CheckNote => [
                "Assurance levels and hours are as recorded; certificates are judged as of {date}. Please check with the place before you go.",
                "区分と営業時間は記録どおりで、認証の有効性は{date}時点で判断しています。お出かけ前にお店にご確認ください。",
                "ระดับฮาลาลและเวลาเปิดเป็นไปตามที่บันทึกไว้ ใบรับรองพิจารณา ณ วันที่ {date} โปรดสอบถามสถานที่ก่อนเดินทาง",
                "Tahap jaminan dan waktu buka adalah seperti yang direkodkan; sijil dinilai pada {date}. Sila semak dengan premis sebelum pergi.",
            ],
            K::MapCaption => [
                "The numbers on the map are those of the list.",
                "地図の番号は一覧の番号です。",
                "ตัวเลขบนแผนที่ตรงกับหมายเลขในรายการ",
                "Nombor pada peta ialah nombor dalam senarai.",
            ],
            K::NoPlaces => [
                "No places are recorded yet.",
                "まだ場所が登録されていません。",
                "ยังไม่มีสถานที่ที่บันทึกไว้",
                "Belum ada tempat yang direkodkan.",
            ],
            K::ListSeparator => [", ", "、", ", ", ", "],
        }
    }

    /// The words in one language.
    pub fn get(self, lang: BookletLang) -> &'static str {
        self.text()[lang.index()]
    }
}

/// Fill `{name}` slots of a template.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (k, v) in values {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

const MONTHS: [[&str; 12]; 4] = [
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    ["", "", "", "", "", "", "", "", "", "", "", ""],
    [
        "ม.ค.",
        "ก.พ.",
        "มี.ค.",
        "เม.ย.",
        "พ.ค.",
        "มิ.ย.",
        "ก.ค.",
        "ส.ค.",
        "ก.ย.",
        "ต.ค.",
        "พ.ย.",
        "ธ.ค.",
    ],
    [
        "Januari",
        "Februari",
        "Mac",
        "April",
        "Mei",
        "Jun",
        "Julai",
        "Ogos",
        "September",
        "Oktober",
        "November",
        "Disember",
    ],
];

/// A date as each language writes it (Thai: Buddhist era).
pub fn local_date(lang: BookletLang, d: NaiveDate) -> String {
    let month = MONTHS[lang.index()][d.month0() as usize];
    match lang {
        BookletLang::Ja => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        BookletLang::Th => format!("{} {} {}", d.day(), month, d.year() + 543),
        BookletLang::En | BookletLang::Ms => format!("{} {} {}", d.day(), month, d.year()),
    }
}

fn category_key(c: PlaceCategory) -> K {
    match c {
        PlaceCategory::Restaurant => K::CatRestaurant,
        PlaceCategory::Cafe => K::CatCafe,
        PlaceCategory::Grocery => K::CatGrocery,
        PlaceCategory::Hotel => K::CatHotel,
        PlaceCategory::Mosque => K::CatMosque,
        PlaceCategory::PrayerRoom => K::CatPrayerRoom,
        PlaceCategory::Other => K::CatOther,
    }
}

/// Places of prayer first, then food, then the rest.
fn category_rank(c: PlaceCategory) -> u8 {
    match c {
        PlaceCategory::Mosque => 0,
        PlaceCategory::PrayerRoom => 1,
        PlaceCategory::Restaurant => 2,
        PlaceCategory::Cafe => 3,
        PlaceCategory::Grocery => 4,
        PlaceCategory::Hotel => 5,
        PlaceCategory::Other => 6,
    }
}

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

/// Why a booklet could not be made.
#[derive(Debug, thiserror::Error)]
pub enum BookletError {
    /// A font file is missing or unusable, or no font has a script's letters.
    #[error("{0}")]
    Fonts(String),
    /// Reading the places failed.
    #[error(transparent)]
    App(#[from] AppError),
}

// ---------------------------------------------------------------------------
// Fonts
// ---------------------------------------------------------------------------

struct FontFile {
    path: PathBuf,
    data: Vec<u8>,
    /// The PostScript-safe family name (ASCII letters and digits).
    name: String,
}

/// The TrueType fonts a booklet may draw with, in order of preference.
pub struct BookletFonts {
    files: Vec<FontFile>,
    /// Where fonts were looked for (for error messages).
    looked_in: Vec<PathBuf>,
}

impl BookletFonts {
    /// Exactly these font files; each must be a readable TrueType font.
    pub fn load(paths: &[PathBuf]) -> Result<Self, BookletError> {
        let mut files = Vec::new();
        for p in paths {
            let data = std::fs::read(p)
                .map_err(|e| BookletError::Fonts(format!("cannot read the font file {}: {e}", p.display())))?;
            files.push(read_font(p, data)?);
        }
        Ok(BookletFonts {
            files,
            looked_in: paths.to_vec(),
        })
    }

    /// The fonts named by `env` (the value of [`FONTS_ENV`], paths separated
    /// by `:`) when set and not blank, else those of [`DEFAULT_FONT_PATHS`]
    /// that exist here.
    pub fn discover_from(env: Option<&str>) -> Result<Self, BookletError> {
        if let Some(list) = env.map(str::trim).filter(|s| !s.is_empty()) {
            let paths: Vec<PathBuf> = list
                .split(':')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(PathBuf::from)
                .collect();
            return Self::load(&paths);
        }
        let mut files = Vec::new();
        let mut seen = Vec::new();
        for p in DEFAULT_FONT_PATHS.iter().map(Path::new) {
            // The same file under two names (Debian's alternatives) is loaded once.
            let Ok(real) = std::fs::canonicalize(p) else { continue };
            if seen.contains(&real) {
                continue;
            }
            seen.push(real);
            if let Ok(data) = std::fs::read(p)
                && let Ok(f) = read_font(p, data)
            {
                files.push(f);
            }
        }
        Ok(BookletFonts {
            files,
            looked_in: DEFAULT_FONT_PATHS.iter().map(PathBuf::from).collect(),
        })
    }

    /// [`BookletFonts::discover_from`] with the environment's [`FONTS_ENV`].
    pub fn discover() -> Result<Self, BookletError> {
        Self::discover_from(std::env::var(FONTS_ENV).ok().as_deref())
    }

    /// The files in use.
    pub fn paths(&self) -> Vec<&Path> {
        self.files.iter().map(|f| f.path.as_path()).collect()
    }

    fn describe(&self) -> String {
        if self.files.is_empty() {
            format!(
                "no font file was found (looked for {})",
                self.looked_in
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        } else {
            format!(
                "fonts in use: {}",
                self.files
                    .iter()
                    .map(|f| f.path.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    }
}

fn read_font(path: &Path, data: Vec<u8>) -> Result<FontFile, BookletError> {
    let bad = |why: String| BookletError::Fonts(format!("{} is not a usable font: {why}", path.display()));
    let face = ttf_parser::Face::parse(&data, 0).map_err(|e| bad(format!("{e}")))?;
    if face.tables().glyf.is_none() {
        return Err(bad(
            "it has no TrueType (glyf) outlines; the booklet embeds TrueType fonts only".into(),
        ));
    }
    let family = face
        .names()
        .into_iter()
        .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME || n.name_id == ttf_parser::name_id::FAMILY)
        .find_map(|n| n.to_string())
        .unwrap_or_else(|| {
            path.file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        });
    let mut name: String = family.chars().filter(char::is_ascii_alphanumeric).take(40).collect();
    if name.is_empty() {
        name = "Font".into();
    }
    Ok(FontFile {
        path: path.to_owned(),
        data,
        name,
    })
}

/// A script the booklet can need, and the Debian package with a font for it.
fn script_of(c: char) -> Option<(&'static str, &'static str)> {
    match c {
        '\u{0E00}'..='\u{0E7F}' => Some(("Thai", "fonts-thai-tlwg")),
        '\u{3000}'..='\u{30FF}'
        | '\u{31F0}'..='\u{31FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF00}'..='\u{FFEF}' => Some(("Japanese", "fonts-ipafont-gothic")),
        ' '..='~' | '\u{00A0}'..='\u{024F}' | '\u{2010}'..='\u{2027}' => Some(("Latin", "fonts-ipafont-gothic")),
        _ => None,
    }
}

fn is_cjk(c: char) -> bool {
    matches!(script_of(c), Some(("Japanese", _)))
}

fn is_thai_mark(c: char) -> bool {
    matches!(c, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}')
}

fn no_break_before(c: char) -> bool {
    "、。，．・：；？！ー）」』】〕〉》ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々),.:;!?]".contains(c)
}

fn no_break_after(c: char) -> bool {
    "（「『【〔〈《([".contains(c)
}

/// A font being used: its glyphs so far, renumbered for the subset.
struct FaceUse<'a> {
    file: &'a FontFile,
    face: ttf_parser::Face<'a>,
    /// 1000 / units per em.
    to_milli: f32,
    remap: subsetter::GlyphRemapper,
    /// New glyph id → (the text it stands for, advance in 1/1000 em).
    used: BTreeMap<u16, (char, f32)>,
    /// Cache: character → (new glyph id, advance).
    chars: HashMap<char, Option<(u16, f32)>>,
}

impl<'a> FaceUse<'a> {
    fn new(file: &'a FontFile) -> Result<Self, BookletError> {
        let face = ttf_parser::Face::parse(&file.data, 0)
            .map_err(|e| BookletError::Fonts(format!("{} is not a usable font: {e}", file.path.display())))?;
        let upem = f32::from(face.units_per_em().max(1));
        Ok(FaceUse {
            file,
            face,
            to_milli: 1000.0 / upem,
            remap: subsetter::GlyphRemapper::new(),
            used: BTreeMap::new(),
            chars: HashMap::new(),
        })
    }

    fn has(&self, c: char) -> bool {
        self.face.glyph_index(c).is_some_and(|g| g.0 != 0)
    }

    /// The glyph for a character, added to the subset.
    fn glyph(&mut self, c: char) -> Option<(u16, f32)> {
        if let Some(g) = self.chars.get(&c) {
            return *g;
        }
        let found = self.face.glyph_index(c).filter(|g| g.0 != 0).map(|g| {
            let adv = f32::from(self.face.glyph_hor_advance(g).unwrap_or(0)) * self.to_milli;
            let cid = self.remap.remap(g.0);
            self.used.entry(cid).or_insert((c, adv));
            (cid, adv)
        });
        self.chars.insert(c, found);
        found
    }
}

// ---------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------

type Rgb = [f32; 3];

const BLACK: Rgb = [0.1, 0.1, 0.12];
const GREY: Rgb = [0.38, 0.38, 0.42];
const WHITE: Rgb = [1.0, 1.0, 1.0];
const RED: Rgb = [0.72, 0.1, 0.1];

#[derive(Debug, Clone, Copy, PartialEq)]
struct Style {
    size: f32,
    bold: bool,
    color: Rgb,
}

const fn style(size: f32, bold: bool, color: Rgb) -> Style {
    Style { size, bold, color }
}

/// One glyph placed in a line.
#[derive(Debug, Clone, Copy)]
struct Glyph {
    font: usize,
    cid: u16,
    /// Advance in points.
    adv: f32,
    style: Style,
    space: bool,
    /// A line may break before this glyph.
    break_before: bool,
    /// A combining mark (never starts a line).
    mark: bool,
}

struct Shaper<'a> {
    faces: Vec<FaceUse<'a>>,
    fonts: &'a BookletFonts,
}

impl<'a> Shaper<'a> {
    fn new(fonts: &'a BookletFonts) -> Result<Self, BookletError> {
        let faces = fonts.files.iter().map(FaceUse::new).collect::<Result<_, _>>()?;
        Ok(Shaper { faces, fonts })
    }

    /// Whether every character of `s` has a font.
    fn can_draw(&self, s: &str) -> bool {
        s.chars()
            .all(|c| c.is_whitespace() || self.faces.iter().any(|f| f.has(c)))
    }

    fn font_for(&self, c: char, prev: Option<usize>) -> Option<usize> {
        let common = !c.is_alphabetic() || is_thai_mark(c);
        if let Some(p) = prev
            && common
            && self.faces[p].has(c)
        {
            return Some(p);
        }
        self.faces.iter().position(|f| f.has(c))
    }

    /// Glyphs for a text in a style, appended to `out`.
    fn shape(&mut self, text: &str, st: Style, out: &mut Vec<Glyph>) -> Result<(), BookletError> {
        let mut prev_char = out.last().map(|_| ' ');
        let mut prev_font = out.last().map(|g| g.font);
        if out.last().is_some_and(|g| !g.space) {
            prev_char = Some('x');
        }
        for raw in text.chars() {
            let c = if raw.is_whitespace() || raw.is_control() {
                ' '
            } else {
                raw
            };
            let (font, c) = match self.font_for(c, prev_font) {
                Some(f) => (f, c),
                None => match script_of(c) {
                    Some((script, package)) => {
                        return Err(BookletError::Fonts(format!(
                            "no font has {script} letters (needed for \"{text}\"): install Debian's {package}, or name a TrueType font file with --font or {FONTS_ENV}; {}",
                            self.fonts.describe()
                        )));
                    }
                    None => match self.font_for('?', prev_font) {
                        Some(f) => (f, '?'),
                        None => {
                            return Err(BookletError::Fonts(format!(
                                "no font has Latin letters: install Debian's fonts-ipafont-gothic, or name a TrueType font file with --font or {FONTS_ENV}; {}",
                                self.fonts.describe()
                            )));
                        }
                    },
                },
            };
            let Some((cid, milli)) = self.faces[font].glyph(c) else {
                continue;
            };
            let space = c == ' ';
            let mark = is_thai_mark(c);
            let break_before = match prev_char {
                None => false,
                Some(p) => {
                    !mark
                        && !space
                        && (p == ' ' || ((is_cjk(c) || is_cjk(p)) && !no_break_before(c) && !no_break_after(p)))
                }
            };
            out.push(Glyph {
                font,
                cid,
                adv: milli * st.size / 1000.0,
                style: st,
                space,
                break_before,
                mark,
            });
            prev_char = Some(c);
            prev_font = Some(font);
        }
        Ok(())
    }

    fn spans(&mut self, spans: &[(&str, Style)]) -> Result<Vec<Glyph>, BookletError> {
        let mut out = Vec::new();
        for (text, st) in spans {
            self.shape(text, *st, &mut out)?;
        }
        Ok(out)
    }
}

fn width(glyphs: &[Glyph]) -> f32 {
    glyphs.iter().map(|g| g.adv).sum()
}

/// Break glyphs into lines no wider than `max` (a word wider than a line is
/// broken between characters, never before a combining mark).
fn wrap(glyphs: &[Glyph], max: f32) -> Vec<Vec<Glyph>> {
    let mut lines = Vec::new();
    let mut start = 0;
    while start < glyphs.len() {
        // Skip leading spaces.
        while start < glyphs.len() && glyphs[start].space {
            start += 1;
        }
        if start >= glyphs.len() {
            break;
        }
        let mut w = 0.0;
        let mut last_break = None;
        let mut end = glyphs.len();
        for i in start..glyphs.len() {
            if i > start && glyphs[i].break_before {
                last_break = Some(i);
            }
            w += glyphs[i].adv;
            if w > max && i > start && !glyphs[i].space {
                end = match last_break {
                    Some(b) if b > start => b,
                    _ => {
                        let mut j = i;
                        while j > start + 1 && glyphs[j].mark {
                            j -= 1;
                        }
                        j
                    }
                };
                break;
            }
        }
        let mut line_end = end;
        while line_end > start && glyphs[line_end - 1].space {
            line_end -= 1;
        }
        lines.push(glyphs[start..line_end].to_vec());
        start = end;
    }
    lines
}

/// Draw one line of glyphs with its baseline at `y`.
fn draw_line(c: &mut Content, glyphs: &[Glyph], x: f32, y: f32) {
    if glyphs.is_empty() {
        return;
    }
    c.begin_text();
    c.next_line(x, y);
    let mut i = 0;
    while i < glyphs.len() {
        let g = glyphs[i];
        let mut j = i;
        let mut bytes = Vec::new();
        while j < glyphs.len() && glyphs[j].font == g.font && glyphs[j].style == g.style {
            bytes.extend_from_slice(&glyphs[j].cid.to_be_bytes());
            j += 1;
        }
        let [r, gr, b] = g.style.color;
        c.set_fill_rgb(r, gr, b);
        if g.style.bold {
            c.set_stroke_rgb(r, gr, b);
            c.set_line_width(g.style.size * 0.035);
            c.set_text_rendering_mode(TextRenderingMode::FillStroke);
        } else {
            c.set_text_rendering_mode(TextRenderingMode::Fill);
        }
        c.set_font(font_name(g.font).as_name(), g.style.size);
        c.show(Str(&bytes));
        i = j;
    }
    c.end_text();
}

struct FontName(String);

impl FontName {
    fn as_name(&self) -> Name<'_> {
        Name(self.0.as_bytes())
    }
}

fn font_name(i: usize) -> FontName {
    FontName(format!("F{i}"))
}

// ---------------------------------------------------------------------------
// Land and maps
// ---------------------------------------------------------------------------

/// A longitude/latitude box.
#[derive(Debug, Clone, Copy, PartialEq)]
struct GeoBox {
    west: f64,
    south: f64,
    east: f64,
    north: f64,
}

impl GeoBox {
    fn around(points: impl IntoIterator<Item = (f64, f64)>) -> Option<GeoBox> {
        let mut b: Option<GeoBox> = None;
        for (lon, lat) in points {
            b = Some(match b {
                None => GeoBox {
                    west: lon,
                    south: lat,
                    east: lon,
                    north: lat,
                },
                Some(b) => GeoBox {
                    west: b.west.min(lon),
                    south: b.south.min(lat),
                    east: b.east.max(lon),
                    north: b.north.max(lat),
                },
            });
        }
        b
    }

    /// Padded by `frac` of its size on each side, and at least `min_lat` degrees tall.
    fn padded(self, frac: f64, min_lat: f64) -> GeoBox {
        let kx = self.kx();
        let h = (self.north - self.south)
            .max((self.east - self.west) * kx)
            .max(min_lat / (1.0 + 2.0 * frac));
        let pad = h * frac;
        let (cx, cy) = ((self.west + self.east) / 2.0, (self.south + self.north) / 2.0);
        let half_h = ((self.north - self.south) / 2.0).max(min_lat / 2.0 / (1.0 + 2.0 * frac)) + pad;
        let half_w = ((self.east - self.west) / 2.0).max(min_lat / 2.0 / (1.0 + 2.0 * frac) / kx) + pad / kx;
        GeoBox {
            west: cx - half_w,
            south: (cy - half_h).max(-89.0),
            east: cx + half_w,
            north: (cy + half_h).min(89.0),
        }
    }

    /// How much a degree of longitude is worth against one of latitude here.
    fn kx(&self) -> f64 {
        ((self.south + self.north) / 2.0).to_radians().cos().max(0.05)
    }

    fn intersects(&self, o: &GeoBox) -> bool {
        self.west <= o.east && o.west <= self.east && self.south <= o.north && o.south <= self.north
    }
}

/// Land shapes for the booklet's maps: rings of longitude/latitude pairs.
pub struct Land {
    rings: Vec<(GeoBox, topojson::Ring)>,
}

impl Land {
    /// The `land` object of a world-atlas TopoJSON file (`land-10m.json`,
    /// `land-50m.json`, …).
    pub fn from_topojson(json: &[u8]) -> Result<Land, String> {
        let polys = topojson::polygons(json, "land")?;
        let rings = polys
            .into_iter()
            .flatten()
            .filter(|r| r.len() >= 3)
            .filter_map(|r| GeoBox::around(r.iter().map(|p| (p[0], p[1]))).map(|b| (b, r)))
            .collect();
        Ok(Land { rings })
    }

    /// Whether a point is on land (inside an odd number of rings).
    pub fn covers(&self, lon: f64, lat: f64) -> bool {
        let mut inside = false;
        for (b, ring) in &self.rings {
            if lon < b.west || lon > b.east || lat < b.south || lat > b.north {
                continue;
            }
            let mut j = ring.len() - 1;
            for i in 0..ring.len() {
                let ([xi, yi], [xj, yj]) = (ring[i], ring[j]);
                if (yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi {
                    inside = !inside;
                }
                j = i;
            }
        }
        inside
    }

    /// How many rings there are.
    pub fn len(&self) -> usize {
        self.rings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rings.is_empty()
    }
}

/// Clip a ring to a box (Sutherland–Hodgman, one edge of the box at a time).
fn clip_ring(ring: &[[f64; 2]], b: &GeoBox) -> Vec<[f64; 2]> {
    let edges: [(usize, f64, bool); 4] = [
        (0, b.west, true),
        (0, b.east, false),
        (1, b.south, true),
        (1, b.north, false),
    ];
    let mut pts: Vec<[f64; 2]> = ring.to_vec();
    for (axis, v, keep_above) in edges {
        if pts.is_empty() {
            break;
        }
        let inside = |p: &[f64; 2]| if keep_above { p[axis] >= v } else { p[axis] <= v };
        let mut out = Vec::with_capacity(pts.len());
        for i in 0..pts.len() {
            let cur = pts[i];
            let prev = pts[(i + pts.len() - 1) % pts.len()];
            let (ci, pi) = (inside(&cur), inside(&prev));
            if ci != pi {
                let t = (v - prev[axis]) / (cur[axis] - prev[axis]);
                let mut p = [prev[0] + t * (cur[0] - prev[0]), prev[1] + t * (cur[1] - prev[1])];
                p[axis] = v;
                out.push(p);
            }
            if ci {
                out.push(cur);
            }
        }
        pts = out;
    }
    pts
}

/// A map frame on the page: a box of the Earth fitted into a rectangle.
struct Frame {
    x: f32,
    y: f32,
    w: f32,
    h: f32,
    geo: GeoBox,
    kx: f64,
    scale: f64,
}

impl Frame {
    /// Fit `geo` into the rectangle, widening it to the rectangle's shape.
    fn new(x: f32, y: f32, w: f32, h: f32, geo: GeoBox) -> Frame {
        let kx = geo.kx();
        let (cx, cy) = ((geo.west + geo.east) / 2.0, (geo.south + geo.north) / 2.0);
        let mut gw = (geo.east - geo.west) * kx;
        let mut gh = geo.north - geo.south;
        let ratio = f64::from(w) / f64::from(h);
        if gw / gh < ratio {
            gw = gh * ratio;
        } else {
            gh = gw / ratio;
        }
        let geo = GeoBox {
            west: cx - gw / kx / 2.0,
            east: cx + gw / kx / 2.0,
            south: cy - gh / 2.0,
            north: cy + gh / 2.0,
        };
        Frame {
            x,
            y,
            w,
            h,
            geo,
            kx,
            scale: f64::from(w) / gw,
        }
    }

    #[allow(clippy::cast_possible_truncation)]
    fn project(&self, lon: f64, lat: f64) -> (f32, f32) {
        (
            self.x + ((lon - self.geo.west) * self.kx * self.scale) as f32,
            self.y + ((lat - self.geo.south) * self.scale) as f32,
        )
    }

    /// Sea, land, and a border.
    fn draw_base(&self, c: &mut Content, land: Option<&Land>, sea: Rgb, ground: Rgb) {
        c.save_state();
        c.rect(self.x, self.y, self.w, self.h);
        c.clip_nonzero();
        c.end_path();
        c.set_fill_rgb(sea[0], sea[1], sea[2]);
        c.rect(self.x, self.y, self.w, self.h);
        c.fill_nonzero();
        if let Some(land) = land {
            // A little beyond the frame, so clipped edges fall outside it.
            let pad = (self.geo.north - self.geo.south) * 0.02;
            let outer = GeoBox {
                west: self.geo.west - pad,
                south: self.geo.south - pad,
                east: self.geo.east + pad,
                north: self.geo.north + pad,
            };
            let mut any = false;
            for (b, ring) in &land.rings {
                if !b.intersects(&outer) {
                    continue;
                }
                let clipped = clip_ring(ring, &outer);
                if clipped.len() < 3 {
                    continue;
                }
                for (i, p) in clipped.iter().enumerate() {
                    let (x, y) = self.project(p[0], p[1]);
                    if i == 0 {
                        c.move_to(x, y);
                    } else {
                        c.line_to(x, y);
                    }
                }
                c.close_path();
                any = true;
            }
            if any {
                c.set_fill_rgb(ground[0], ground[1], ground[2]);
                c.set_stroke_rgb(0.55, 0.6, 0.55);
                c.set_line_width(0.4);
                c.fill_even_odd_and_stroke();
            }
        }
        c.restore_state();
        c.set_stroke_rgb(0.45, 0.5, 0.55);
        c.set_line_width(0.6);
        c.rect(self.x, self.y, self.w, self.h);
        c.stroke();
    }

    /// Metres across one point of the frame (at its centre).
    fn metres_per_point(&self) -> f64 {
        // One degree of latitude on the mean sphere.
        const M_PER_DEG: f64 = 111_195.08;
        M_PER_DEG / self.scale
    }
}

fn circle(c: &mut Content, x: f32, y: f32, r: f32) {
    const K: f32 = 0.552_284_8;
    let k = r * K;
    c.move_to(x + r, y);
    c.cubic_to(x + r, y + k, x + k, y + r, x, y + r);
    c.cubic_to(x - k, y + r, x - r, y + k, x - r, y);
    c.cubic_to(x - r, y - k, x - k, y - r, x, y - r);
    c.cubic_to(x + k, y - r, x + r, y - k, x + r, y);
    c.close_path();
}

/// The colour standing for an assurance level (lapsed certificates in red).
fn level_colour(level: Level) -> Rgb {
    match level {
        Level::Certified => [0.05, 0.48, 0.25],
        Level::SelfDeclared => [0.13, 0.36, 0.70],
        Level::PorkFree => [0.78, 0.42, 0.02],
        Level::Vegetarian => [0.46, 0.28, 0.62],
        Level::Unknown => [0.45, 0.45, 0.47],
        Level::Lapsed => RED,
    }
}

/// An assurance level as the booklet shows it: a certificate that is not
/// valid today is its own level, never "certified".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Certified,
    SelfDeclared,
    PorkFree,
    Vegetarian,
    Unknown,
    Lapsed,
}

impl Level {
    const ALL: [Level; 6] = [
        Level::Certified,
        Level::SelfDeclared,
        Level::PorkFree,
        Level::Vegetarian,
        Level::Unknown,
        Level::Lapsed,
    ];

    fn of(p: &Place, today: NaiveDate) -> Level {
        match p.fields.halal.level() {
            Assurance::Certified if p.fields.certified_on(today) => Level::Certified,
            Assurance::Certified => Level::Lapsed,
            Assurance::SelfDeclared => Level::SelfDeclared,
            Assurance::PorkFree => Level::PorkFree,
            Assurance::VegetarianOptions => Level::Vegetarian,
            Assurance::Unknown => Level::Unknown,
        }
    }

    fn name(self) -> K {
        match self {
            Level::Certified => K::LevelCertified,
            Level::SelfDeclared => K::LevelSelfDeclared,
            Level::PorkFree => K::LevelPorkFree,
            Level::Vegetarian => K::LevelVegetarian,
            Level::Unknown => K::LevelUnknown,
            Level::Lapsed => K::LevelLapsed,
        }
    }

    fn note(self) -> K {
        match self {
            Level::Certified => K::NoteCertified,
            Level::SelfDeclared => K::NoteSelfDeclared,
            Level::PorkFree => K::NotePorkFree,
            Level::Vegetarian => K::NoteVegetarian,
            Level::Unknown => K::NoteUnknown,
            Level::Lapsed => K::NoteLapsed,
        }
    }
}

// ---------------------------------------------------------------------------
// What goes in the booklet
// ---------------------------------------------------------------------------

/// One area of the booklet and its places, in the order printed.
#[derive(Debug, Clone)]
pub struct BookletArea {
    /// The locality's key (`None` for "Other places").
    pub key: Option<String>,
    /// The area's name in the booklet's language (Japanese name, else English).
    pub name: String,
    /// The Japanese name, when the booklet is in another language and it differs.
    pub name_ja: Option<String>,
    pub places: Vec<Place>,
}

/// Everything a booklet shows, read from the store.
#[derive(Debug, Clone)]
pub struct BookletData {
    pub lang: BookletLang,
    /// The day the booklet is made; certificates are judged on it.
    pub today: NaiveDate,
    pub areas: Vec<BookletArea>,
}

impl BookletData {
    /// Group places into areas (see the module documentation).
    pub fn new(lang: BookletLang, today: NaiveDate, places: Vec<Place>, localities: &[Locality]) -> BookletData {
        let by_id: HashMap<Id, &Locality> = localities.iter().map(|l| (l.id, l)).collect();
        let mut groups: BTreeMap<String, (Option<&Locality>, Vec<Place>)> = BTreeMap::new();
        let mut loose = Vec::new();
        for p in places {
            match p.fields.locality_id.and_then(|id| by_id.get(&id)) {
                Some(l) => groups
                    .entry(l.fields.key.as_str().to_owned())
                    .or_insert_with(|| (Some(*l), Vec::new()))
                    .1
                    .push(p),
                None => loose.push(p),
            }
        }
        // Centres of the areas, for places without a locality.
        let centres: Vec<(String, f64, f64)> = groups
            .iter()
            .map(|(k, (_, ps))| {
                let n = ps.len() as f64;
                let lat = ps.iter().map(|p| p.fields.position.lat()).sum::<f64>() / n;
                let lon = ps.iter().map(|p| p.fields.position.lon()).sum::<f64>() / n;
                (k.clone(), lat, lon)
            })
            .collect();
        let mut other = Vec::new();
        for p in loose {
            let pos = p.fields.position;
            let nearest = centres
                .iter()
                .map(|(k, lat, lon)| {
                    (
                        k,
                        kizuna_domain::map::place::haversine_m(pos.lat(), pos.lon(), *lat, *lon),
                    )
                })
                .filter(|(_, d)| *d <= JOIN_AREA_WITHIN_M)
                .min_by(|a, b| a.1.total_cmp(&b.1));
            match nearest.and_then(|(k, _)| groups.get_mut(k)) {
                Some(g) => g.1.push(p),
                None => other.push(p),
            }
        }
        let prefer: Vec<&str> = vec![lang.code()];
        let sort = |ps: &mut Vec<Place>| {
            ps.sort_by_cached_key(|p| (category_rank(p.fields.category), p.name(&prefer).to_lowercase(), p.id));
        };
        let mut areas: Vec<BookletArea> = groups
            .into_iter()
            .map(|(key, (l, mut places))| {
                sort(&mut places);
                let l = l.map(|l| &l.fields);
                let en = l.map(|l| l.name_en.as_str().to_owned()).unwrap_or_default();
                let ja = l.and_then(|l| l.name_ja.as_ref()).map(|n| n.as_str().to_owned());
                let (name, name_ja) = match (lang, ja) {
                    (BookletLang::Ja, Some(ja)) => (ja, None),
                    (_, ja) => {
                        let ja = ja.filter(|j| *j != en);
                        (en, ja)
                    }
                };
                BookletArea {
                    key: Some(key),
                    name,
                    name_ja,
                    places,
                }
            })
            .collect();
        if !other.is_empty() {
            sort(&mut other);
            areas.push(BookletArea {
                key: None,
                name: K::OtherArea.get(lang).to_owned(),
                name_ja: None,
                places: other,
            });
        }
        BookletData { lang, today, areas }
    }

    /// How many places in all.
    pub fn place_count(&self) -> usize {
        self.areas.iter().map(|a| a.places.len()).sum()
    }
}

impl App {
    /// What the booklet in `lang` shows today.
    pub async fn booklet_data(&self, lang: BookletLang) -> Result<BookletData, AppError> {
        let hits = self.all_places(&PlaceFilter::default()).await?;
        let mut ids: Vec<Id> = hits.iter().filter_map(|h| h.place.fields.locality_id).collect();
        ids.sort_unstable();
        ids.dedup();
        let mut localities = Vec::with_capacity(ids.len());
        for id in ids {
            match self.get::<Locality>(id).await {
                Ok(l) => localities.push(l),
                Err(AppError::NotFound { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        let places = hits.into_iter().map(|h| h.place.into_place()).collect();
        Ok(BookletData::new(lang, self.today(), places, &localities))
    }

    /// The booklet in `lang` as PDF bytes (see the module documentation).
    pub async fn places_booklet(
        &self,
        lang: BookletLang,
        fonts: &BookletFonts,
        land: Option<&Land>,
    ) -> Result<Vec<u8>, BookletError> {
        let data = self.booklet_data(lang).await?;
        render(&data, fonts, land)
    }
}

// ---------------------------------------------------------------------------
// Layout
// ---------------------------------------------------------------------------

const PAGE_W: f32 = 595.276;
const PAGE_H: f32 = 841.89;
const LEFT: f32 = 48.0;
const RIGHT: f32 = PAGE_W - 48.0;
const TOP: f32 = PAGE_H - 52.0;
const BOTTOM: f32 = 58.0;
const TEXT_W: f32 = RIGHT - LEFT;
/// Where an entry's text starts, right of its number.
const ENTRY_X: f32 = LEFT + 26.0;

const SEA: Rgb = [0.84, 0.91, 0.97];
const GROUND: Rgb = [0.96, 0.94, 0.87];

struct Page {
    content: Content,
}

struct Layout<'a> {
    shaper: Shaper<'a>,
    land: Option<&'a Land>,
    pages: Vec<Page>,
    y: f32,
    /// The page each area starts on (1-based), by area index.
    area_pages: Vec<usize>,
}

/// A block of wrapped lines, measured before it is placed.
struct Block {
    lines: Vec<(f32, Vec<Glyph>)>,
    height: f32,
}

impl Block {
    fn new() -> Block {
        Block {
            lines: Vec::new(),
            height: 0.0,
        }
    }

    /// Wrapped lines of glyphs at `x`, `max` wide, `leading` × the largest size apart.
    fn add(&mut self, glyphs: &[Glyph], x: f32, max: f32, leading: f32) {
        for line in wrap(glyphs, max) {
            let size = line.iter().map(|g| g.style.size).fold(0.0, f32::max);
            self.height += size * leading;
            self.lines.push((x, line));
        }
    }

    /// Draw from `top` down; returns the y below the block.
    fn draw(&self, c: &mut Content, top: f32, leading: f32) -> f32 {
        let mut y = top;
        for (x, line) in &self.lines {
            let size = line.iter().map(|g| g.style.size).fold(0.0, f32::max);
            y -= size * leading;
            draw_line(c, line, *x, y + size * (leading - 1.0) * 0.5 + size * 0.22);
        }
        y
    }
}

const LEADING: f32 = 1.35;

impl<'a> Layout<'a> {
    fn page(&mut self) -> &mut Content {
        if self.pages.is_empty() {
            self.new_page();
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last].content
    }

    fn new_page(&mut self) {
        self.pages.push(Page {
            content: Content::new(),
        });
        self.y = TOP;
    }

    /// A running header at the top of the page.
    fn header(&mut self, text: &str) -> Result<(), BookletError> {
        let g = self.shaper.spans(&[(text, style(8.0, false, GREY))])?;
        let c = self.page();
        draw_line(c, &g, LEFT, PAGE_H - 34.0);
        c.set_stroke_rgb(0.8, 0.8, 0.82);
        c.set_line_width(0.5);
        c.move_to(LEFT, PAGE_H - 39.0);
        c.line_to(RIGHT, PAGE_H - 39.0);
        c.stroke();
        Ok(())
    }

    /// Place a block, on a new page if it does not fit (`header` then runs on top).
    fn place(&mut self, block: &Block, header: Option<&str>) -> Result<(), BookletError> {
        if self.y - block.height < BOTTOM && self.y < TOP {
            self.new_page();
            if let Some(h) = header {
                self.header(h)?;
            }
        }
        let y = self.y;
        let c = self.page();
        let below = block.draw(c, y, LEADING);
        self.y = below;
        Ok(())
    }

    fn glyphs(&mut self, spans: &[(&str, Style)]) -> Result<Vec<Glyph>, BookletError> {
        self.shaper.spans(spans)
    }

    fn paragraph(&mut self, spans: &[(&str, Style)], x: f32, header: Option<&str>) -> Result<(), BookletError> {
        let g = self.glyphs(spans)?;
        let mut b = Block::new();
        b.add(&g, x, RIGHT - x, LEADING);
        self.place(&b, header)
    }

    fn space(&mut self, h: f32) {
        self.y -= h;
    }

    /// A filled circle with centred white text (numbers, area letters).
    fn badge(&mut self, x: f32, y: f32, r: f32, colour: Rgb, label: &str, size: f32) -> Result<(), BookletError> {
        let g = self.shaper.spans(&[(label, style(size, true, WHITE))])?;
        let w = width(&g);
        let c = self.page();
        c.set_fill_rgb(colour[0], colour[1], colour[2]);
        c.set_stroke_rgb(1.0, 1.0, 1.0);
        c.set_line_width(0.8);
        circle(c, x, y, r);
        c.fill_nonzero_and_stroke();
        draw_line(c, &g, x - w / 2.0, y - size * 0.36);
        Ok(())
    }
}

fn area_letter(i: usize) -> String {
    // A–Z, then AA, AB, …
    let mut n = i;
    let mut s = Vec::new();
    loop {
        s.push(b'A' + u8::try_from(n % 26).unwrap_or(0));
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

fn area_title(a: &BookletArea) -> String {
    match &a.name_ja {
        Some(ja) => format!("{} {}", a.name, ja),
        None => a.name.clone(),
    }
}

/// The name to print: in the booklet's language when recorded and drawable,
/// else another drawable one; and the Japanese name below, when different.
fn names_of(p: &Place, lang: BookletLang, shaper: &Shaper) -> (String, Option<String>) {
    let order = [lang.code(), "en", "ja", "ms", "id", "th", "ar"];
    let main = order
        .iter()
        .filter_map(|l| p.fields.names.get(l))
        .find(|n| shaper.can_draw(n.as_str()))
        .map(|n| n.as_str().to_owned())
        .unwrap_or_else(|| p.name(&[lang.code()]).to_owned());
    let ja = p
        .fields
        .names
        .get("ja")
        .map(|n| n.as_str().to_owned())
        .filter(|j| *j != main && lang != BookletLang::Ja && shaper.can_draw(j));
    (main, ja)
}

/// Make the booklet's PDF.
pub fn render(data: &BookletData, fonts: &BookletFonts, land: Option<&Land>) -> Result<Vec<u8>, BookletError> {
    // The contents on the cover name the pages the areas start on, so the
    // areas are laid out first, numbered after the cover; if the cover then
    // takes another number of pages than guessed, lay out again.
    let mut cover_pages = 1;
    for _ in 0..4 {
        let mut l = Layout {
            shaper: Shaper::new(fonts)?,
            land,
            pages: Vec::new(),
            y: TOP,
            area_pages: Vec::new(),
        };
        let mut number = 1;
        for (i, a) in data.areas.iter().enumerate() {
            l.new_page();
            l.area_pages.push(cover_pages + l.pages.len());
            area_section(&mut l, data, i, a, &mut number)?;
        }
        let areas = std::mem::take(&mut l.pages);
        l.new_page();
        cover(&mut l, data)?;
        if l.pages.len() == cover_pages {
            let mut pages = std::mem::take(&mut l.pages);
            pages.extend(areas);
            footers(&mut l.shaper, &mut pages, data.lang)?;
            return write_pdf(l.shaper, pages, data.lang);
        }
        cover_pages = l.pages.len();
    }
    Err(BookletError::Fonts(
        "the booklet's cover did not settle on a number of pages".into(),
    ))
}

impl Layout<'_> {
    /// One line of text with its baseline at `y` (no wrapping); returns its width.
    fn text_at(&mut self, spans: &[(&str, Style)], x: f32, y: f32) -> Result<f32, BookletError> {
        let g = self.glyphs(spans)?;
        let w = width(&g);
        draw_line(self.page(), &g, x, y);
        Ok(w)
    }
}

/// One area: heading, map, and its places.
fn area_section(
    l: &mut Layout,
    data: &BookletData,
    index: usize,
    area: &BookletArea,
    number: &mut usize,
) -> Result<(), BookletError> {
    let lang = data.lang;
    let letter = area_letter(index);
    let title = area_title(area);
    let header = format!("{letter} · {title}");
    let continued = format!("{header} {}", K::Continued.get(lang));
    l.header(&header)?;

    // Heading.
    let base = l.y - 20.0;
    l.badge(LEFT + 11.0, base + 5.0, 11.0, NAVY, &letter, 12.0)?;
    let count = fill(K::PlaceCount.get(lang), &[("n", &area.places.len().to_string())]);
    let w = l.text_at(&[(&title, style(17.0, true, BLACK))], LEFT + 30.0, base)?;
    l.text_at(&[(&count, style(10.0, false, GREY))], LEFT + 30.0 + w + 10.0, base)?;
    l.y = base - 12.0;

    // Map.
    let first = *number;
    let map_h = 250.0;
    if let Some(geo) = GeoBox::around(
        area.places
            .iter()
            .map(|p| (p.fields.position.lon(), p.fields.position.lat())),
    ) {
        let frame = Frame::new(LEFT, l.y - map_h, TEXT_W, map_h, geo.padded(0.12, 0.02));
        let land = l.land;
        frame.draw_base(l.page(), land, SEA, GROUND);
        let markers: Vec<(f32, f32, f32)> = area
            .places
            .iter()
            .enumerate()
            .map(|(k, p)| {
                let (x, y) = frame.project(p.fields.position.lon(), p.fields.position.lat());
                (x, y, if first + k < 100 { 6.5 } else { 8.0 })
            })
            .collect();
        let spots = spread(&markers, &frame);
        // Markers moved off a crowded spot get a leader line to where the place is.
        for (k, p) in area.places.iter().enumerate() {
            let (x, y, _) = markers[k];
            let (bx, by) = spots[k];
            if (bx, by) != (x, y) {
                let colour = level_colour(Level::of(p, data.today));
                let c = l.page();
                c.set_stroke_rgb(0.25, 0.25, 0.3);
                c.set_line_width(0.6);
                c.move_to(x, y);
                c.line_to(bx, by);
                c.stroke();
                c.set_fill_rgb(colour[0], colour[1], colour[2]);
                circle(c, x, y, 1.8);
                c.fill_nonzero();
            }
        }
        for (k, p) in area.places.iter().enumerate() {
            let n = first + k;
            let size = if n < 100 { 6.8 } else { 6.0 };
            let (bx, by) = spots[k];
            let colour = level_colour(Level::of(p, data.today));
            l.badge(bx, by, markers[k].2, colour, &n.to_string(), size)?;
        }
        locator(l, data, &frame)?;
        scale_bar(l, &frame)?;
        l.y -= map_h + 12.0;
        l.text_at(&[(K::MapCaption.get(lang), style(8.0, false, GREY))], LEFT, l.y)?;
        l.y -= 10.0;
    }

    for p in &area.places {
        entry(l, data, p, *number, &continued)?;
        *number += 1;
    }
    Ok(())
}

const NAVY: Rgb = [0.12, 0.2, 0.36];

/// Where to draw round markers `(x, y, radius)` so that none hides another:
/// each in turn at its own point if free, else at the nearest free spot on
/// rings around it (inside the frame); the first ones keep their points.
fn spread(markers: &[(f32, f32, f32)], frame: &Frame) -> Vec<(f32, f32)> {
    let mut placed: Vec<(f32, f32, f32)> = Vec::with_capacity(markers.len());
    let inside = |x: f32, y: f32, r: f32| {
        x - r >= frame.x && x + r <= frame.x + frame.w && y - r >= frame.y && y + r <= frame.y + frame.h
    };
    for &(x, y, r) in markers {
        let free = |cx: f32, cy: f32, placed: &[(f32, f32, f32)]| {
            placed
                .iter()
                .all(|&(px, py, pr)| (px - cx).hypot(py - cy) >= pr + r + 0.8)
        };
        let mut spot = (x, y);
        if !free(x, y, &placed) {
            'rings: for ring in 1..=8 {
                let d = 2.0 * r * ring as f32 + 2.0;
                let steps = 8 * ring;
                for k in 0..steps {
                    // Start up and to the right, go round.
                    let a = std::f32::consts::FRAC_PI_4 + k as f32 * std::f32::consts::TAU / steps as f32;
                    let (cx, cy) = (x + d * a.cos(), y + d * a.sin());
                    if inside(cx, cy, r) && free(cx, cy, &placed) {
                        spot = (cx, cy);
                        break 'rings;
                    }
                }
            }
        }
        placed.push((spot.0, spot.1, r));
    }
    placed.into_iter().map(|(x, y, _)| (x, y)).collect()
}

/// A small map of the whole region in the corner, with the area outlined.
fn locator(l: &mut Layout, data: &BookletData, area: &Frame) -> Result<(), BookletError> {
    let all = GeoBox::around(
        data.areas
            .iter()
            .flat_map(|a| a.places.iter())
            .map(|p| (p.fields.position.lon(), p.fields.position.lat())),
    );
    let Some(all) = all else { return Ok(()) };
    let region = all.padded(0.15, 3.0);
    if area.geo.north - area.geo.south > (region.north - region.south) * 0.4 {
        return Ok(());
    }
    let (w, h) = (104.0, 78.0);
    let inset = Frame::new(area.x + area.w - w - 6.0, area.y + area.h - h - 6.0, w, h, region);
    let land = l.land;
    let c = l.page();
    c.set_fill_rgb(1.0, 1.0, 1.0);
    c.rect(inset.x - 1.5, inset.y - 1.5, inset.w + 3.0, inset.h + 3.0);
    c.fill_nonzero();
    inset.draw_base(c, land, SEA, GROUND);
    let (x0, y0) = inset.project(area.geo.west, area.geo.south);
    let (x1, y1) = inset.project(area.geo.east, area.geo.north);
    let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    let (hw, hh) = (((x1 - x0) / 2.0).max(2.5), ((y1 - y0) / 2.0).max(2.5));
    c.set_stroke_rgb(RED[0], RED[1], RED[2]);
    c.set_line_width(1.2);
    c.rect(cx - hw, cy - hh, hw * 2.0, hh * 2.0);
    c.stroke();
    Ok(())
}

/// A scale bar in the map's lower left corner.
fn scale_bar(l: &mut Layout, frame: &Frame) -> Result<(), BookletError> {
    let mpp = frame.metres_per_point();
    let target = mpp * f64::from(frame.w) / 5.0;
    let mut nice = 10f64.powf(target.log10().floor());
    for m in [5.0, 2.0, 1.0] {
        if nice * m <= target {
            nice *= m;
            break;
        }
    }
    #[allow(clippy::cast_possible_truncation)]
    let len = (nice / mpp) as f32;
    let label = if nice >= 1000.0 {
        format!("{} km", nice / 1000.0)
    } else {
        format!("{nice} m")
    };
    let (x, y) = (frame.x + 8.0, frame.y + 8.0);
    let g = l.glyphs(&[(&label, style(7.0, false, BLACK))])?;
    let c = l.page();
    c.set_fill_rgb(1.0, 1.0, 1.0);
    c.rect(x - 3.0, y - 3.0, len + width(&g) + 12.0, 12.0);
    c.fill_nonzero();
    c.set_stroke_rgb(0.1, 0.1, 0.1);
    c.set_line_width(1.2);
    c.move_to(x, y + 3.0);
    c.line_to(x + len, y + 3.0);
    c.stroke();
    c.set_line_width(0.8);
    for bx in [x, x + len] {
        c.move_to(bx, y);
        c.line_to(bx, y + 6.0);
    }
    c.stroke();
    draw_line(c, &g, x + len + 5.0, y + 1.0);
    Ok(())
}

/// One place in the list.
fn entry(l: &mut Layout, data: &BookletData, p: &Place, n: usize, header: &str) -> Result<(), BookletError> {
    let lang = data.lang;
    let t = |k: K| k.get(lang);
    let f = &p.fields;
    let level = Level::of(p, data.today);
    let colour = level_colour(level);
    let (name, ja) = names_of(p, lang, &l.shaper);
    let w = RIGHT - ENTRY_X;
    let body = style(9.0, false, BLACK);
    let dot = (" · ", style(9.0, false, GREY));
    let mut b = Block::new();

    let g = l.glyphs(&[(&name, style(11.0, true, BLACK))])?;
    b.add(&g, ENTRY_X, w, LEADING);
    if let Some(ja) = &ja {
        let g = l.glyphs(&[(ja, style(9.0, false, GREY))])?;
        b.add(&g, ENTRY_X, w, LEADING);
    }

    let mut line: Vec<(&str, Style)> = vec![
        (t(category_key(f.category)), body),
        dot,
        (t(level.name()), style(9.0, true, colour)),
    ];
    if f.source.kind() == SourceKind::Demo {
        line.push(dot);
        line.push((t(K::DemoTag), style(8.5, false, GREY)));
    }
    let g = l.glyphs(&line)?;
    b.add(&g, ENTRY_X, w, LEADING);

    if let Some(cert) = f.halal.certificate() {
        let template = match cert.status(data.today) {
            CertificateStatus::Valid | CertificateStatus::Expiring => K::CertifiedBy,
            CertificateStatus::Expired => K::CertExpired,
            CertificateStatus::NotYetValid => K::CertNotYet,
        };
        let text = fill(
            t(template),
            &[
                ("certifier", cert.certifier().as_str()),
                ("number", cert.number().as_str()),
                ("from", &local_date(lang, cert.valid_from())),
                ("until", &local_date(lang, cert.valid_until())),
            ],
        );
        let g = l.glyphs(&[(&text, style(9.0, false, colour))])?;
        b.add(&g, ENTRY_X, w, LEADING);
    }

    let sep = t(K::ListSeparator);
    let mut facilities = Vec::new();
    for (has, k) in [
        (f.prayer.prayer_space, K::FacPrayerSpace),
        (f.prayer.wudu, K::FacWudu),
        (f.prayer.women_space, K::FacWomen),
        (f.prayer.qibla_marked, K::FacQibla),
        (f.prayer.mats, K::FacMats),
    ] {
        if has {
            facilities.push(t(k));
        }
    }
    let facilities = facilities.join(sep);
    let mut line: Vec<(&str, Style)> = Vec::new();
    match f.alcohol_served {
        Some(true) => line.push((t(K::AlcoholYes), body)),
        Some(false) => line.push((t(K::AlcoholNo), body)),
        None => {}
    }
    if !facilities.is_empty() {
        if !line.is_empty() {
            line.push(dot);
        }
        line.push((t(K::Prayer), style(9.0, true, BLACK)));
        line.push((&facilities, body));
    }
    if !line.is_empty() {
        let g = l.glyphs(&line)?;
        b.add(&g, ENTRY_X, w, LEADING);
    }

    let address = f.address.as_ref().map(|a| a.as_str().to_owned());
    let phone = f.phone.as_ref().map(|a| a.as_str().to_owned());
    let mut line: Vec<(&str, Style)> = Vec::new();
    if let Some(a) = &address {
        line.push((t(K::Address), style(9.0, false, GREY)));
        line.push((a, body));
    }
    if let Some(ph) = &phone {
        if !line.is_empty() {
            line.push(dot);
        }
        line.push((t(K::Phone), style(9.0, false, GREY)));
        line.push((ph, body));
    }
    if !line.is_empty() {
        let g = l.glyphs_drawable(&line)?;
        b.add(&g, ENTRY_X, w, LEADING);
    }

    let hours = f.opening_hours.as_ref().map(|h| h.as_str().to_owned());
    let verified = f
        .last_verified
        .map(|d| fill(t(K::Verified), &[("date", &local_date(lang, d))]));
    let stale = format!(" ({})", t(K::Stale));
    let mut line: Vec<(&str, Style)> = Vec::new();
    if let Some(h) = &hours {
        line.push((t(K::Hours), style(9.0, false, GREY)));
        line.push((h, body));
        line.push(dot);
    }
    match &verified {
        Some(v) => {
            line.push((v, style(8.5, false, GREY)));
            if f.is_stale(data.today) {
                line.push((&stale, style(8.5, false, RED)));
            }
        }
        None => line.push((t(K::NeverVerified), style(8.5, false, RED))),
    }
    let g = l.glyphs_drawable(&line)?;
    b.add(&g, ENTRY_X, w, LEADING);

    // Keep the entry on one page.
    if l.y - b.height - 8.0 < BOTTOM && l.y < TOP {
        l.new_page();
        l.header(header)?;
    }
    let top = l.y;
    let label = n.to_string();
    let (r, size) = if n < 100 { (9.0, 8.5) } else { (10.5, 7.5) };
    l.badge(LEFT + 10.0, top - 9.0, r, colour, &label, size)?;
    let below = b.draw(l.page(), top, LEADING);
    let c = l.page();
    c.set_stroke_rgb(0.85, 0.86, 0.88);
    c.set_line_width(0.5);
    c.move_to(ENTRY_X, below - 4.0);
    c.line_to(RIGHT, below - 4.0);
    c.stroke();
    l.y = below - 9.0;
    Ok(())
}

impl Layout<'_> {
    /// Glyphs for data that may hold characters no font has: those of
    /// scripts the booklet knows still need their font (an error names it);
    /// others are drawn as `?`.
    fn glyphs_drawable(&mut self, spans: &[(&str, Style)]) -> Result<Vec<Glyph>, BookletError> {
        self.glyphs(spans)
    }
}

/// The cover: title, overview map, contents, legend, notes.
fn cover(l: &mut Layout, data: &BookletData) -> Result<(), BookletError> {
    let lang = data.lang;
    let t = |k: K| k.get(lang);
    l.y = TOP - 8.0;
    l.paragraph(&[(t(K::Title), style(26.0, true, NAVY))], LEFT, None)?;
    l.space(2.0);
    l.paragraph(&[(t(K::Subtitle), style(13.0, false, BLACK))], LEFT, None)?;
    l.space(4.0);
    let made = fill(t(K::Generated), &[("date", &local_date(lang, data.today))]);
    let counts = fill(
        t(K::Counts),
        &[
            ("places", &data.place_count().to_string()),
            ("areas", &data.areas.len().to_string()),
        ],
    );
    l.paragraph(
        &[
            (&made, style(10.0, false, GREY)),
            ("  ·  ", style(10.0, false, GREY)),
            (&counts, style(10.0, false, GREY)),
        ],
        LEFT,
        None,
    )?;
    l.space(10.0);

    // Overview map with the areas lettered.
    let all = GeoBox::around(
        data.areas
            .iter()
            .flat_map(|a| a.places.iter())
            .map(|p| (p.fields.position.lon(), p.fields.position.lat())),
    );
    match all {
        Some(all) => {
            let h = 270.0;
            let frame = Frame::new(LEFT, l.y - h, TEXT_W, h, all.padded(0.08, 0.5));
            let land = l.land;
            frame.draw_base(l.page(), land, SEA, GROUND);
            for a in &data.areas {
                for p in &a.places {
                    let (x, y) = frame.project(p.fields.position.lon(), p.fields.position.lat());
                    let col = level_colour(Level::of(p, data.today));
                    let c = l.page();
                    c.set_fill_rgb(col[0], col[1], col[2]);
                    c.set_stroke_rgb(1.0, 1.0, 1.0);
                    c.set_line_width(0.4);
                    circle(c, x, y, 2.4);
                    c.fill_nonzero_and_stroke();
                }
            }
            let letters: Vec<(f32, f32, f32)> = data
                .areas
                .iter()
                .map(|a| {
                    let n = a.places.len() as f64;
                    let lon = a.places.iter().map(|p| p.fields.position.lon()).sum::<f64>() / n;
                    let lat = a.places.iter().map(|p| p.fields.position.lat()).sum::<f64>() / n;
                    let (x, y) = frame.project(lon, lat);
                    (x + 9.0, y + 9.0, 7.5)
                })
                .collect();
            for (i, (x, y)) in spread(&letters, &frame).into_iter().enumerate() {
                l.badge(x, y, 7.5, NAVY, &area_letter(i), 8.5)?;
            }
            scale_bar(l, &frame)?;
            l.y -= h + 14.0;
        }
        None => {
            l.paragraph(&[(t(K::NoPlaces), style(12.0, false, BLACK))], LEFT, None)?;
        }
    }

    // Contents.
    if !data.areas.is_empty() {
        l.paragraph(&[(t(K::Contents), style(14.0, true, NAVY))], LEFT, None)?;
        l.space(2.0);
        for (i, a) in data.areas.iter().enumerate() {
            let count = fill(t(K::PlaceCount), &[("n", &a.places.len().to_string())]);
            let title = area_title(a);
            let page = l.area_pages.get(i).copied().unwrap_or(0).to_string();
            let g = l.glyphs(&[
                (&title, style(10.5, false, BLACK)),
                ("  ", style(10.5, false, BLACK)),
                (&count, style(9.0, false, GREY)),
            ])?;
            let pg = l.glyphs(&[(&page, style(10.5, false, BLACK))])?;
            let mut b = Block::new();
            b.add(&g, ENTRY_X, RIGHT - ENTRY_X - 40.0, LEADING);
            if l.y - b.height < BOTTOM {
                l.new_page();
            }
            let top = l.y;
            l.badge(LEFT + 10.0, top - 7.8, 7.0, NAVY, &area_letter(i), 8.0)?;
            let below = b.draw(l.page(), top, LEADING);
            let pw = width(&pg);
            let first_line = b
                .lines
                .first()
                .map(|(_, g)| g.iter().map(|x| x.style.size).fold(0.0, f32::max))
                .unwrap_or(10.5);
            draw_line(
                l.page(),
                &pg,
                RIGHT - pw,
                top - first_line * LEADING + first_line * 0.5 * (LEADING - 1.0) + first_line * 0.22,
            );
            l.y = below - 2.0;
        }
        l.space(10.0);
    }

    // Legend.
    l.paragraph(&[(t(K::LegendTitle), style(14.0, true, NAVY))], LEFT, None)?;
    l.space(2.0);
    for level in Level::ALL {
        let colour = level_colour(level);
        let g = l.glyphs(&[(t(level.name()), style(10.0, true, colour))])?;
        let note = l.glyphs(&[(t(level.note()), style(9.0, false, BLACK))])?;
        let mut b = Block::new();
        b.add(&g, ENTRY_X, RIGHT - ENTRY_X, LEADING);
        b.add(&note, ENTRY_X, RIGHT - ENTRY_X, LEADING);
        if l.y - b.height < BOTTOM {
            l.new_page();
        }
        let top = l.y;
        let c = l.page();
        c.set_fill_rgb(colour[0], colour[1], colour[2]);
        circle(c, LEFT + 10.0, top - 8.0, 5.5);
        c.fill_nonzero();
        l.y = b.draw(l.page(), top, LEADING) - 4.0;
    }
    l.space(6.0);

    // Notes.
    let small = style(8.5, false, GREY);
    let check = fill(t(K::CheckNote), &[("date", &local_date(lang, data.today))]);
    l.paragraph(&[(&check, small)], LEFT, None)?;
    let places = || data.areas.iter().flat_map(|a| a.places.iter());
    if places().any(|p| p.fields.source.kind() == SourceKind::Demo) {
        l.paragraph(&[(t(K::DemoNote), small)], LEFT, None)?;
    }
    if places().any(|p| p.fields.source.kind() == SourceKind::Openstreetmap) {
        let osm = fill(t(K::OsmNote), &[("attribution", OSM_ATTRIBUTION)]);
        l.paragraph(&[(&osm, small)], LEFT, None)?;
    }
    let mut sources: Vec<&str> = places()
        .filter(|p| p.fields.source.kind() != SourceKind::Openstreetmap)
        .filter_map(|p| p.fields.attribution.as_ref().map(|a| a.as_str()))
        .collect();
    sources.sort_unstable();
    sources.dedup();
    if !sources.is_empty() {
        let text = fill(t(K::SourcesNote), &[("sources", &sources.join("; "))]);
        let g = l.glyphs_drawable(&[(&text, small)])?;
        let mut b = Block::new();
        b.add(&g, LEFT, TEXT_W, LEADING);
        l.place(&b, None)?;
    }
    if l.land.is_some() {
        l.paragraph(&[(t(K::LandNote), small)], LEFT, None)?;
    }
    Ok(())
}

/// Page numbers (and the title) at the foot of every page.
fn footers(shaper: &mut Shaper, pages: &mut [Page], lang: BookletLang) -> Result<(), BookletError> {
    let total = pages.len().to_string();
    let title = shaper.spans(&[(K::Title.get(lang), style(8.0, false, GREY))])?;
    for (i, page) in pages.iter_mut().enumerate() {
        let text = fill(K::Footer.get(lang), &[("n", &(i + 1).to_string()), ("total", &total)]);
        let g = shaper.spans(&[(&text, style(8.5, false, GREY))])?;
        let c = &mut page.content;
        c.set_stroke_rgb(0.8, 0.8, 0.82);
        c.set_line_width(0.5);
        c.move_to(LEFT, 42.0);
        c.line_to(RIGHT, 42.0);
        c.stroke();
        draw_line(c, &title, LEFT, 30.0);
        draw_line(c, &g, RIGHT - width(&g), 30.0);
    }
    Ok(())
}

fn deflate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
}

/// A six-letter subset tag, as PDF asks of embedded subsets.
fn subset_tag(font: usize, used: &BTreeMap<u16, (char, f32)>) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ font as u64;
    for (cid, (ch, _)) in used {
        for b in u32::from(*cid)
            .to_le_bytes()
            .into_iter()
            .chain(u32::from(*ch).to_le_bytes())
        {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x100_0000_01b3);
        }
    }
    (0..6)
        .map(|i| char::from(b'A' + u8::try_from((h >> (i * 5)) % 26).unwrap_or(0)))
        .collect()
}

/// Write the pages and the fonts' subsets.
fn write_pdf(shaper: Shaper, pages: Vec<Page>, lang: BookletLang) -> Result<Vec<u8>, BookletError> {
    let mut pdf = Pdf::new();
    let mut next_id = 1;
    let mut next = || {
        let r = Ref::new(next_id);
        next_id += 1;
        r
    };
    let catalog_id = next();
    let tree_id = next();
    let info_id = next();
    let page_ids: Vec<(Ref, Ref)> = pages.iter().map(|_| (next(), next())).collect();
    let fonts: Vec<(usize, [Ref; 5])> = shaper
        .faces
        .iter()
        .enumerate()
        .filter(|(_, f)| !f.used.is_empty())
        .map(|(i, _)| (i, [next(), next(), next(), next(), next()]))
        .collect();

    let mut catalog = pdf.catalog(catalog_id);
    catalog.pages(tree_id).lang(TextStr(lang.code()));
    catalog.viewer_preferences().display_doc_title(true);
    catalog.finish();
    pdf.pages(tree_id)
        .kids(page_ids.iter().map(|(p, _)| *p))
        .count(i32::try_from(page_ids.len()).unwrap_or(i32::MAX));
    for (page, (page_id, content_id)) in pages.into_iter().zip(&page_ids) {
        let mut p = pdf.page(*page_id);
        p.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H));
        p.parent(tree_id);
        p.contents(*content_id);
        {
            let mut res = p.resources();
            let mut dict = res.fonts();
            for (i, refs) in &fonts {
                dict.pair(font_name(*i).as_name(), refs[0]);
            }
        }
        p.finish();
        let bytes = deflate(page.content.finish().as_slice());
        pdf.stream(*content_id, &bytes).filter(Filter::FlateDecode);
    }

    let system = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    };
    for (i, [type0, cid, descriptor, file, cmap]) in &fonts {
        let face = &shaper.faces[*i];
        let subset = subsetter::subset(&face.file.data, 0, &face.remap)
            .map_err(|e| BookletError::Fonts(format!("cannot embed {} in the PDF: {e}", face.file.path.display())))?;
        let base = format!("{}+{}", subset_tag(*i, &face.used), face.file.name);
        let base = Name(base.as_bytes());
        pdf.type0_font(*type0)
            .base_font(base)
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(*cid)
            .to_unicode(*cmap);
        let mut c = pdf.cid_font(*cid);
        c.subtype(CidFontType::Type2)
            .base_font(base)
            .system_info(system)
            .font_descriptor(*descriptor)
            .default_width(0.0)
            .cid_to_gid_map_predefined(Name(b"Identity"));
        {
            let mut w = c.widths();
            for (g, (_, adv)) in &face.used {
                w.consecutive(*g, [adv.round()]);
            }
        }
        c.finish();
        let m = face.to_milli;
        let bb = face.face.global_bounding_box();
        let scaled = |v: i16| f32::from(v) * m;
        pdf.font_descriptor(*descriptor)
            .name(base)
            .flags(FontFlags::SYMBOLIC)
            .bbox(Rect::new(
                scaled(bb.x_min),
                scaled(bb.y_min),
                scaled(bb.x_max),
                scaled(bb.y_max),
            ))
            .italic_angle(0.0)
            .ascent(scaled(face.face.ascender()))
            .descent(scaled(face.face.descender()))
            .cap_height(scaled(face.face.capital_height().unwrap_or(face.face.ascender())))
            .stem_v(80.0)
            .font_file2(*file);
        let mut map = UnicodeCmap::new(Name(b"Custom"), system);
        for (g, (ch, _)) in &face.used {
            map.pair(*g, *ch);
        }
        let map = map.finish();
        pdf.stream(*cmap, map.as_slice());
        let packed = deflate(&subset);
        pdf.stream(*file, &packed).filter(Filter::FlateDecode);
    }

    let title = format!("{} — {}", K::Title.get(lang), K::Subtitle.get(lang));
    pdf.document_info(info_id)
        .title(TextStr(&title))
        .creator(TextStr("Kizuna"))
        .producer(TextStr("Kizuna (pdf-writer)"));
    Ok(pdf.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words that are the same in English and the other language, rightly.
    const SAME_AS_ENGLISH: &[(K, BookletLang)] = &[
        (K::CatHotel, BookletLang::Ms),
        (K::Phone, BookletLang::Ms),
        (K::ListSeparator, BookletLang::Th),
        (K::ListSeparator, BookletLang::Ms),
    ];

    #[test]
    fn every_word_in_four_languages_none_left_in_english() {
        for k in K::ALL {
            let [en, ja, th, ms] = k.text();
            assert!(!en.is_empty(), "{k:?}");
            for (lang, text) in [(BookletLang::Ja, ja), (BookletLang::Th, th), (BookletLang::Ms, ms)] {
                assert!(
                    !text.trim().is_empty() || k == K::ListSeparator,
                    "{k:?} {lang} is empty"
                );
                if !SAME_AS_ENGLISH.contains(&(k, lang)) {
                    assert_ne!(text, en, "{k:?} is still English in {lang}");
                }
                // Slots are the same in every language.
                let slots = |s: &str| {
                    let mut v: Vec<String> = s
                        .split('{')
                        .skip(1)
                        .filter_map(|p| p.split_once('}').map(|x| x.0.to_owned()))
                        .collect();
                    v.sort();
                    v
                };
                assert_eq!(slots(text), slots(en), "{k:?} {lang}");
            }
            // Japanese and Thai words are written in their scripts.
            if !matches!(k, K::ListSeparator) {
                assert!(ja.chars().any(is_cjk), "{k:?} ja: {ja}");
                assert!(
                    th.chars().any(|c| matches!(script_of(c), Some(("Thai", _)))),
                    "{k:?} th: {th}"
                );
            }
        }
    }

    #[test]
    fn languages_parse_and_bad_ones_are_named() {
        assert_eq!(BookletLang::parse(" JA ").unwrap(), BookletLang::Ja);
        assert_eq!("ms".parse::<BookletLang>().unwrap(), BookletLang::Ms);
        let e = BookletLang::parse("fr").unwrap_err();
        assert_eq!(e.field, "lang");
        assert!(
            e.message.contains("\"fr\"") && e.message.contains("en, ja, th or ms"),
            "{}",
            e.message
        );
    }

    #[test]
    fn dates_in_each_language() {
        let d = NaiveDate::from_ymd_opt(2027, 11, 30).unwrap();
        assert_eq!(local_date(BookletLang::En, d), "30 November 2027");
        assert_eq!(local_date(BookletLang::Ja, d), "2027年11月30日");
        assert_eq!(local_date(BookletLang::Th, d), "30 พ.ย. 2570");
        assert_eq!(local_date(BookletLang::Ms, d), "30 November 2027");
        assert_eq!(local_date(BookletLang::Ms, d.with_month(8).unwrap()), "30 Ogos 2027");
    }

    #[test]
    fn area_letters_go_past_z() {
        assert_eq!(area_letter(0), "A");
        assert_eq!(area_letter(25), "Z");
        assert_eq!(area_letter(26), "AA");
        assert_eq!(area_letter(27), "AB");
    }

    #[test]
    fn rings_are_clipped_to_the_box() {
        let b = GeoBox {
            west: 0.0,
            south: 0.0,
            east: 10.0,
            north: 10.0,
        };
        // A square sticking out of the box's right side.
        let ring = [[5.0, 2.0], [15.0, 2.0], [15.0, 8.0], [5.0, 8.0]];
        let out = clip_ring(&ring, &b);
        assert!(
            out.iter()
                .all(|p| p[0] <= 10.0 && p[0] >= 0.0 && p[1] >= 0.0 && p[1] <= 10.0)
        );
        let xs: Vec<f64> = out.iter().map(|p| p[0]).collect();
        assert!(xs.contains(&10.0) && xs.contains(&5.0), "{out:?}");
        // Entirely outside: nothing left.
        assert!(clip_ring(&[[20.0, 20.0], [30.0, 20.0], [30.0, 30.0]], &b).is_empty());
    }

    fn g(adv: f32, space: bool, break_before: bool, mark: bool) -> Glyph {
        Glyph {
            font: 0,
            cid: 1,
            adv,
            style: style(10.0, false, BLACK),
            space,
            break_before,
            mark,
        }
    }

    #[test]
    fn lines_break_at_spaces_then_anywhere_but_before_marks() {
        // "aaa bbb": breaks at the space, which is dropped.
        let text: Vec<Glyph> = [false, false, false, true, false, false, false]
            .iter()
            .enumerate()
            .map(|(i, s)| g(5.0, *s, i == 4, false))
            .collect();
        let lines = wrap(&text, 22.0);
        assert_eq!(lines.iter().map(Vec::len).collect::<Vec<_>>(), vec![3, 3]);
        // One long word with a mark where it would be cut: the mark stays with its letter.
        let word = vec![
            g(5.0, false, false, false),
            g(5.0, false, false, false),
            g(5.0, false, false, false),
            g(0.1, false, false, true),
            g(5.0, false, false, false),
        ];
        let lines = wrap(&word, 10.0);
        assert!(
            lines.iter().all(|l| !l.first().unwrap().mark),
            "{:?}",
            lines.iter().map(Vec::len).collect::<Vec<_>>()
        );
        assert_eq!(lines.iter().map(Vec::len).sum::<usize>(), 5);
    }
}
