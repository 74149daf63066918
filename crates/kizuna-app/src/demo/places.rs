//! Demo places of the Muslim-friendly map: 60 fictional but plausible
//! restaurants, cafés, shops, hotels, mosques and prayer rooms around
//! Sapporo, New Chitose Airport, Obihiro and Tokachi, Kushiro and Akan, and
//! Hakodate. Positions are near the real towns; every name, certifier,
//! certificate number and address is invented and marked "(demo)".
//!
//! Relative to 2026-11-23 (the demo's "today"), a few certificates expire
//! within 30 days, one has expired, and some places have not been verified
//! for over a year, so the staff review lists have something to show.
//! Loading is idempotent: each place has source `demo` and a fixed source
//! id, so loading again updates rather than duplicates.

use kizuna_domain::common::local_text::LANGUAGES;
use kizuna_domain::common::locality::Locality;
use kizuna_domain::map::place::PlaceFields;
use kizuna_store::{Page, Value};

use crate::{App, AppError, Result};

/// A town the demo places are around, and its locality key in the demo.
#[derive(Clone, Copy)]
enum Town {
    Sapporo,
    Chitose,
    Obihiro,
    Tokachi,
    Kushiro,
    Akan,
    Hakodate,
}

impl Town {
    fn locality_key(self) -> &'static str {
        match self {
            Town::Sapporo => "jp/hokkaido/ishikari/sapporo",
            Town::Chitose => "jp/hokkaido/ishikari",
            Town::Obihiro => "jp/hokkaido/tokachi/obihiro",
            Town::Tokachi => "jp/hokkaido/tokachi",
            Town::Kushiro => "jp/hokkaido/kushiro/kushiro",
            Town::Akan => "jp/hokkaido/kushiro/kushiro/akan",
            Town::Hakodate => "jp/hokkaido/oshima/hakodate",
        }
    }
}

/// The halal assurance of a demo place.
enum H {
    /// Certifier (index into [`CERTIFIERS`]), number, valid from, valid until.
    Cert(usize, &'static str, &'static str, &'static str),
    Level(&'static str),
}

const CERTIFIERS: [&str; 3] = [
    "Hokkaido Halal Council (demo)",
    "Japan Halal Standards Association (demo)",
    "Northern Islamic Centre Certification (demo)",
];

const PRAYER: u8 = 1;
const WUDU: u8 = 2;
const WOMEN: u8 = 4;
const QIBLA: u8 = 8;
const MATS: u8 = 16;
const FULL: u8 = PRAYER | WUDU | WOMEN | QIBLA | MATS;

/// One demo place.
struct P {
    key: &'static str,
    town: Town,
    lat: f64,
    lon: f64,
    en: &'static str,
    ja: &'static str,
    /// Names in other languages: (language, name).
    more: &'static [(&'static str, &'static str)],
    category: &'static str,
    halal: H,
    alcohol: Option<bool>,
    prayer: u8,
    hours: Option<&'static str>,
    verified: Option<&'static str>,
    /// The chain (its key in `texts.tsv` and its English name) and the
    /// branch in English; the four languages of each come from
    /// `texts.tsv` (`chain KEY name`, `place KEY branch`).
    chain: Option<(Chain, &'static str)>,
    address: Option<&'static str>,
}

#[allow(clippy::too_many_arguments)]
const fn p(
    key: &'static str,
    town: Town,
    lat: f64,
    lon: f64,
    en: &'static str,
    ja: &'static str,
    category: &'static str,
    halal: H,
) -> P {
    P {
        key,
        town,
        lat,
        lon,
        en,
        ja,
        more: &[],
        category,
        halal,
        alcohol: None,
        prayer: 0,
        hours: None,
        verified: Some("2026-06-01"),
        chain: None,
        address: None,
    }
}

impl P {
    const fn more(mut self, more: &'static [(&'static str, &'static str)]) -> Self {
        self.more = more;
        self
    }
    const fn alcohol(mut self, a: bool) -> Self {
        self.alcohol = Some(a);
        self
    }
    const fn prayer(mut self, f: u8) -> Self {
        self.prayer = f;
        self
    }
    const fn hours(mut self, h: &'static str) -> Self {
        self.hours = Some(h);
        self
    }
    const fn verified(mut self, d: Option<&'static str>) -> Self {
        self.verified = d;
        self
    }
    const fn chain(mut self, chain: Chain, branch: &'static str) -> Self {
        self.chain = Some((chain, branch));
        self
    }
    const fn address(mut self, a: &'static str) -> Self {
        self.address = Some(a);
        self
    }
}

use H::{Cert, Level};
use Town::*;

const SD: H = Level("self_declared");
const PF: H = Level("pork_free");
const VEG: H = Level("vegetarian_options");
const UNK: H = Level("unknown");

/// A chain: its key in `texts.tsv` and its English name.
type Chain = (&'static str, &'static str);

const RAMEN: Chain = ("hilal-ramen-kita", "Hilal Ramen Kita (demo)");
const CURRY: Chain = ("soup-curry-bismillah", "Soup Curry Bismillah (demo)");
const MART: Chain = ("barakah-mart", "Barakah Mart (demo)");

/// The demo places. Positions are WGS 84, near the real towns.
#[rustfmt::skip]
const PLACES: [P; 60] = [
    // ---- Sapporo (22)
    p("sapporo-01", Sapporo, 43.0679, 141.3517, "Hilal Ramen Kita, Sapporo Station (demo)", "ヒラルラーメン北 札幌駅前店（デモ）", "restaurant", Cert(0, "HHC-R-2024-017", "2024-12-01", "2027-11-30"))
        .more(&[("ms", "Ramen Halal Kita, Stesen Sapporo (demo)"), ("id", "Ramen Halal Kita, Stasiun Sapporo (demo)")])
        .alcohol(false).prayer(PRAYER | WUDU | QIBLA).hours("11:00-22:00").verified(Some("2026-09-14"))
        .chain(RAMEN, "Sapporo Station").address("Kita 5-jo Nishi 3-chome, Chuo-ku, Sapporo (demo)"),
    p("sapporo-02", Sapporo, 43.0553, 141.3534, "Hilal Ramen Kita, Susukino (demo)", "ヒラルラーメン北 すすきの店（デモ）", "restaurant", SD)
        .more(&[("ms", "Ramen Halal Kita, Susukino (demo)")])
        .alcohol(true).hours("17:00-02:00").verified(Some("2026-05-20")).chain(RAMEN, "Susukino"),
    p("sapporo-03", Sapporo, 43.0601, 141.3566, "Soup Curry Bismillah, Odori (demo)", "スープカレー ビスミラ 大通店（デモ）", "restaurant", Cert(1, "JHSA-2025-0412", "2025-12-16", "2026-12-15"))
        .more(&[("th", "ซุปแกงกะหรี่บิสมิลลาห์ โอโดริ (demo)"), ("ms", "Sup Kari Bismillah, Odori (demo)")])
        .alcohol(false).prayer(PRAYER | QIBLA | MATS).hours("Mo-Sa 11:30-15:00,17:30-21:30; Su 11:30-21:00").verified(Some("2026-10-02"))
        .chain(CURRY, "Odori").address("Odori Nishi 4-chome, Chuo-ku, Sapporo (demo)"),
    p("sapporo-04", Sapporo, 43.0762, 141.3402, "Soup Curry Bismillah, Kita-ku (demo)", "スープカレー ビスミラ 北区店（デモ）", "restaurant", PF)
        .alcohol(true).hours("Tu-Su 11:30-21:00; Mo off").verified(Some("2026-03-11")).chain(CURRY, "Kita-ku"),
    p("sapporo-05", Sapporo, 43.0712, 141.3363, "Sapporo Masjid (demo)", "札幌マスジド（デモ）", "mosque", UNK)
        .more(&[("ar", "مسجد سابورو (demo)"), ("ms", "Masjid Sapporo (demo)"), ("id", "Masjid Sapporo (demo)")])
        .prayer(FULL).hours("04:00-23:00").verified(Some("2026-11-01")).address("Kita 16-jo Nishi 5-chome, Kita-ku, Sapporo (demo)"),
    p("sapporo-06", Sapporo, 43.0568, 141.3498, "Jingisukan Halal Daruma (demo)", "ハラールジンギスカン だるま（デモ）", "restaurant", Cert(0, "HHC-R-2023-009", "2023-12-06", "2026-12-05"))
        .more(&[("ms", "Kambing Panggang Halal Daruma (demo)")])
        .alcohol(false).hours("17:00-23:00").verified(Some("2026-08-30")),
    p("sapporo-07", Sapporo, 43.0617, 141.3588, "Cafe Salam Odori (demo)", "カフェ サラーム 大通（デモ）", "cafe", SD)
        .more(&[("ar", "مقهى السلام (demo)")])
        .alcohol(false).prayer(PRAYER).hours("08:00-20:00").verified(Some("2026-07-07")),
    p("sapporo-08", Sapporo, 43.0646, 141.3470, "Sapporo City Hall Prayer Room (demo)", "札幌市役所 礼拝室（デモ）", "prayer_room", UNK)
        .prayer(PRAYER | WUDU | QIBLA | MATS).hours("Mo-Fr 08:45-17:15; PH off").verified(Some("2026-04-15")),
    p("sapporo-09", Sapporo, 43.0690, 141.3494, "Sapporo Station Prayer Room (demo)", "札幌駅 礼拝室（デモ）", "prayer_room", UNK)
        .more(&[("ms", "Surau Stesen Sapporo (demo)"), ("th", "ห้องละหมาดสถานีซัปโปโร (demo)")])
        .prayer(PRAYER | WOMEN | QIBLA | MATS).hours("06:00-23:00").verified(Some("2026-10-20")),
    p("sapporo-10", Sapporo, 43.0633, 141.3531, "Barakah Mart, Tanukikoji (demo)", "バラカマート 狸小路店（デモ）", "grocery", Cert(2, "NICC-G-0031", "2026-04-01", "2028-03-31"))
        .more(&[("ms", "Kedai Barakah, Tanukikoji (demo)"), ("id", "Toko Barakah, Tanukikoji (demo)")])
        .alcohol(false).hours("Mo-Su 10:00-20:00").verified(Some("2026-09-01")).chain(MART, "Tanukikoji"),
    p("sapporo-11", Sapporo, 43.0581, 141.3612, "Hotel Aurora Sapporo (demo)", "ホテル オーロラ札幌（デモ）", "hotel", SD)
        .alcohol(true).prayer(PRAYER | QIBLA | MATS).hours("24/7").verified(Some("2026-02-10")),
    p("sapporo-12", Sapporo, 43.0534, 141.3450, "Nakajima Park Vegetarian Kitchen (demo)", "中島公園ベジキッチン（デモ）", "restaurant", VEG)
        .alcohol(true).hours("Mo-Fr 11:00-20:00; Sa,Su 10:00-20:00").verified(Some("2025-06-18")),
    p("sapporo-13", Sapporo, 43.0698, 141.3545, "Kebab Istanbul Sapporo (demo)", "ケバブ イスタンブール 札幌（デモ）", "restaurant", SD)
        .more(&[("ar", "كباب إسطنبول (demo)")])
        .alcohol(false).hours("11:00-21:00").verified(Some("2026-06-25")),
    p("sapporo-14", Sapporo, 43.0427, 141.3226, "Maruyama Halal Sushi (demo)", "円山ハラール寿司（デモ）", "restaurant", Cert(1, "JHSA-2024-0388", "2024-11-01", "2026-10-31"))
        .alcohol(false).hours("Tu-Su 11:30-14:00,17:00-22:00").verified(Some("2026-05-12")),
    p("sapporo-15", Sapporo, 43.0548, 141.3565, "Sapporo Seafood Market Stall 7 (demo)", "札幌海鮮市場 7番店（デモ）", "restaurant", PF)
        .alcohol(true).hours("07:00-15:00").verified(Some("2024-10-05")),
    p("sapporo-16", Sapporo, 43.0803, 141.3405, "Hokkaido University Prayer Room (demo)", "北海道大学 礼拝室（デモ）", "prayer_room", UNK)
        .more(&[("id", "Ruang Salat Universitas Hokkaido (demo)")])
        .prayer(PRAYER | WUDU | WOMEN | QIBLA | MATS).hours("Mo-Fr 08:00-21:00").verified(Some("2026-10-10")),
    p("sapporo-17", Sapporo, 43.0660, 141.3602, "Tokei Cafe Hijau (demo)", "時計カフェ ヒジャウ（デモ）", "cafe", VEG)
        .alcohol(false).hours("09:00-18:00").verified(None),
    p("sapporo-18", Sapporo, 43.0350, 141.3700, "Nasi Lemak Hokkaido (demo)", "ナシレマ北海道（デモ）", "restaurant", SD)
        .more(&[("ms", "Nasi Lemak Hokkaido (demo)")])
        .alcohol(false).prayer(PRAYER | MATS).hours("Th-Tu 11:00-20:00; We off").verified(Some("2026-01-22")),
    p("sapporo-19", Sapporo, 43.0705, 141.3590, "Sapporo Factory Hall Prayer Space (demo)", "サッポロファクトリー 礼拝スペース（デモ）", "prayer_room", UNK)
        .prayer(PRAYER | QIBLA).hours("10:00-20:00").verified(Some("2025-09-30")),
    p("sapporo-20", Sapporo, 43.0589, 141.3519, "Thai Halal Kitchen Baan Sapporo (demo)", "タイ料理 バーン札幌（デモ）", "restaurant", Cert(2, "NICC-R-0107", "2025-08-01", "2027-07-31"))
        .more(&[("th", "ครัวไทยฮาลาล บ้านซัปโปโร (demo)")])
        .alcohol(false).prayer(PRAYER).hours("Mo-Sa 11:00-22:00; Su 11:00-21:00").verified(Some("2026-08-08")),
    p("sapporo-21", Sapporo, 43.0623, 141.3432, "Hotel Kita no Yado Sapporo (demo)", "北の宿 札幌（デモ）", "hotel", UNK)
        .alcohol(true).hours("24/7").verified(Some("2026-03-03")),
    p("sapporo-22", Sapporo, 43.0488, 141.3551, "Asia Foods Sapporo (demo)", "アジアフーズ 札幌（デモ）", "grocery", PF)
        .more(&[("id", "Toko Asia Sapporo (demo)")])
        .alcohol(true).hours("10:00-21:00").verified(Some("2026-07-19")),
    // ---- New Chitose Airport and Chitose (10)
    p("chitose-01", Chitose, 42.7756, 141.6917, "Hilal Ramen Kita, New Chitose Airport (demo)", "ヒラルラーメン北 新千歳空港店（デモ）", "restaurant", Cert(0, "HHC-R-2025-044", "2025-06-01", "2027-05-31"))
        .more(&[("ms", "Ramen Halal Kita, Lapangan Terbang New Chitose (demo)")])
        .alcohol(false).hours("10:00-21:00").verified(Some("2026-10-28")).chain(RAMEN, "New Chitose Airport"),
    p("chitose-02", Chitose, 42.7749, 141.6925, "New Chitose Airport Prayer Room, Domestic (demo)", "新千歳空港 礼拝室 国内線（デモ）", "prayer_room", UNK)
        .more(&[("ms", "Surau Lapangan Terbang, Domestik (demo)"), ("ar", "مصلى المطار، الرحلات الداخلية (demo)")])
        .prayer(FULL).hours("06:00-23:00").verified(Some("2026-10-28")),
    p("chitose-03", Chitose, 42.7758, 141.6898, "New Chitose Airport Prayer Room, International (demo)", "新千歳空港 礼拝室 国際線（デモ）", "prayer_room", UNK)
        .more(&[("th", "ห้องละหมาดสนามบินนิวชิโตเสะ (demo)")])
        .prayer(FULL).hours("24/7").verified(Some("2026-10-28")),
    p("chitose-04", Chitose, 42.7752, 141.6930, "Sky Lounge Halal Bento (demo)", "スカイラウンジ ハラール弁当（デモ）", "restaurant", Cert(1, "JHSA-2025-0521", "2025-12-21", "2026-12-20"))
        .alcohol(false).hours("07:00-20:00").verified(Some("2026-09-09")),
    p("chitose-05", Chitose, 42.7745, 141.6921, "Airport Milk Cafe (demo)", "空港ミルクカフェ（デモ）", "cafe", PF)
        .alcohol(false).hours("08:00-20:30").verified(Some("2026-04-04")),
    p("chitose-06", Chitose, 42.7761, 141.6910, "Hokkaido Sweets Gate (demo)", "北海道スイーツゲート（デモ）", "cafe", VEG)
        .alcohol(false).hours("08:00-20:00").verified(Some("2025-03-01")),
    p("chitose-07", Chitose, 42.8205, 141.6512, "Chitose Kebab House (demo)", "千歳ケバブハウス（デモ）", "restaurant", SD)
        .alcohol(false).hours("Mo-Sa 11:00-21:00; Su off").verified(Some("2026-02-14")),
    p("chitose-08", Chitose, 42.8189, 141.6531, "Hotel Chitose Sky (demo)", "ホテル千歳スカイ（デモ）", "hotel", SD)
        .alcohol(true).prayer(PRAYER | QIBLA | MATS).hours("24/7").verified(Some("2026-06-06")),
    p("chitose-09", Chitose, 42.8231, 141.6488, "Chitose Halal Grocery (demo)", "千歳ハラールグロサリー（デモ）", "halal_shop", Cert(2, "NICC-G-0045", "2026-01-10", "2028-01-09"))
        .alcohol(false).hours("10:00-19:00").verified(Some("2026-09-25")),
    p("chitose-10", Chitose, 42.8170, 141.6560, "Izakaya Chitose Minato (demo)", "居酒屋 千歳みなと（デモ）", "restaurant", UNK)
        .alcohol(true).hours("17:00-24:00").verified(Some("2024-12-12")),
    // ---- Obihiro and Tokachi (10)
    p("obihiro-01", Obihiro, 42.9176, 143.2049, "Tokachi Halal Chicken Don (demo)", "十勝ハラールチキン丼（デモ）", "restaurant", Cert(0, "HHC-R-2025-061", "2025-10-01", "2027-09-30"))
        .more(&[("ms", "Nasi Ayam Halal Tokachi (demo)"), ("th", "ข้าวหน้าไก่ฮาลาลโทคาจิ (demo)")])
        .alcohol(false).prayer(PRAYER | QIBLA).hours("Tu-Su 11:00-20:00; Mo off").verified(Some("2026-10-15")),
    p("obihiro-02", Obihiro, 42.9188, 143.2021, "Obihiro Surau (demo)", "帯広スラウ（デモ）", "mosque", UNK)
        .more(&[("ms", "Surau Obihiro (demo)"), ("ar", "مصلى أوبيهيرو (demo)")])
        .prayer(FULL).hours("04:30-22:00").verified(Some("2026-08-20")),
    p("obihiro-03", Obihiro, 42.9160, 143.2070, "Food Valley Halal Bakery (demo)", "フードバレー ハラールベーカリー（デモ）", "cafe", Cert(1, "JHSA-2026-0102", "2026-02-01", "2028-01-31"))
        .more(&[("ms", "Kedai Roti Halal Food Valley (demo)")])
        .alcohol(false).hours("Mo-Sa 08:00-18:00").verified(Some("2026-09-30")),
    p("obihiro-04", Obihiro, 42.9199, 143.1988, "Obihiro Station Prayer Corner (demo)", "帯広駅 礼拝コーナー（デモ）", "prayer_room", UNK)
        .prayer(PRAYER | QIBLA | MATS).hours("06:00-22:00").verified(Some("2026-05-05")),
    p("obihiro-05", Obihiro, 42.9150, 143.2101, "Hotel Tokachi Plains (demo)", "ホテル十勝プレーンズ（デモ）", "hotel", SD)
        .alcohol(true).prayer(PRAYER | QIBLA | MATS).hours("24/7").verified(Some("2026-07-01")),
    p("obihiro-06", Obihiro, 42.9210, 143.2060, "Barakah Mart, Obihiro (demo)", "バラカマート 帯広店（デモ）", "halal_shop", SD)
        .alcohol(false).hours("10:00-19:00").verified(Some("2025-08-15")).chain(MART, "Obihiro"),
    p("obihiro-07", Obihiro, 42.9135, 143.2030, "Obihiro Yatai Village Stall 3 (demo)", "帯広屋台村 3番（デモ）", "restaurant", PF)
        .alcohol(true).hours("18:00-24:00").verified(Some("2026-06-16")),
    p("tokachi-01", Tokachi, 42.9114, 143.0510, "Memuro Farm Kitchen (demo)", "芽室ファームキッチン（デモ）", "restaurant", VEG)
        .alcohol(true).hours("Th-Mo 11:00-16:00").verified(Some("2026-08-02")),
    p("tokachi-02", Tokachi, 42.9940, 143.1990, "Otofuke Onsen Hotel (demo)", "音更温泉ホテル（デモ）", "hotel", SD)
        .more(&[("ms", "Hotel Onsen Otofuke (demo)")])
        .alcohol(true).prayer(PRAYER | WUDU | QIBLA | MATS).hours("24/7").verified(Some("2026-03-28")),
    p("tokachi-03", Tokachi, 42.8093, 143.1596, "Tokachi Halal Dairy Shop (demo)", "十勝ハラール乳製品ショップ（デモ）", "halal_shop", Cert(2, "NICC-G-0012", "2024-12-24", "2026-12-23"))
        .alcohol(false).hours("09:00-17:00").verified(Some("2026-11-02")),
    // ---- Kushiro and Akan (9)
    p("kushiro-01", Kushiro, 42.9903, 144.3818, "Kushiro Robata Halal Grill (demo)", "釧路炉端 ハラールグリル（デモ）", "restaurant", Cert(1, "JHSA-2025-0199", "2025-04-01", "2027-03-31"))
        .more(&[("th", "ร้านปิ้งย่างฮาลาลคุชิโระ (demo)")])
        .alcohol(false).prayer(PRAYER | QIBLA).hours("17:00-22:00").verified(Some("2026-10-05")),
    p("kushiro-02", Kushiro, 42.9832, 144.3869, "Washo Market Sea Bowl (demo)", "和商市場 海鮮丼（デモ）", "restaurant", PF)
        .alcohol(false).hours("Mo-Sa 08:00-17:00").verified(Some("2026-09-12")),
    p("kushiro-03", Kushiro, 42.9850, 144.3800, "Kushiro Friends Prayer Room (demo)", "釧路フレンズ 礼拝室（デモ）", "prayer_room", UNK)
        .more(&[("th", "ห้องละหมาดเพื่อนคุชิโระ (demo)"), ("ms", "Surau Sahabat Kushiro (demo)")])
        .prayer(PRAYER | WUDU | QIBLA | MATS).hours("Mo-Sa 09:00-20:00").verified(Some("2026-07-27")),
    p("kushiro-04", Kushiro, 42.9870, 144.3912, "Hotel Kiri no Machi (demo)", "ホテル霧の街（デモ）", "hotel", UNK)
        .alcohol(true).hours("24/7").verified(Some("2025-05-09")),
    p("kushiro-05", Kushiro, 42.9921, 144.3760, "Cafe Tancho (demo)", "カフェ タンチョウ（デモ）", "cafe", SD)
        .alcohol(false).hours("Tu-Su 10:00-18:00").verified(Some("2026-04-21")),
    p("kushiro-06", Kushiro, 43.0412, 144.1927, "Tancho Kushiro Airport Prayer Room (demo)", "たんちょう釧路空港 礼拝室（デモ）", "prayer_room", UNK)
        .prayer(PRAYER | QIBLA | MATS).hours("07:00-21:00").verified(Some("2026-06-30")),
    p("akan-01", Akan, 43.4340, 144.0950, "Akan Lakeside Halal Kitchen (demo)", "阿寒湖畔ハラールキッチン（デモ）", "restaurant", SD)
        .more(&[("ms", "Dapur Halal Tepi Tasik Akan (demo)")])
        .alcohol(false).prayer(PRAYER).hours("11:00-20:00").verified(Some("2026-08-18")),
    p("akan-02", Akan, 43.4352, 144.0925, "Akan Onsen Lodge (demo)", "阿寒温泉ロッジ（デモ）", "hotel", SD)
        .alcohol(true).prayer(PRAYER | WUDU | QIBLA | MATS).hours("24/7").verified(Some("2026-05-30")),
    p("akan-03", Akan, 43.4331, 144.0971, "Ainu Kotan Vegetable Cafe (demo)", "アイヌコタン 野菜カフェ（デモ）", "cafe", VEG)
        .alcohol(false).hours("Apr-Nov 10:00-17:00").verified(Some("2026-09-21")),
    // ---- Hakodate (9)
    p("hakodate-01", Hakodate, 41.7740, 140.7268, "Hakodate Morning Market Halal Don (demo)", "函館朝市 ハラール丼（デモ）", "restaurant", Cert(0, "HHC-R-2026-002", "2026-03-01", "2028-02-29"))
        .more(&[("ms", "Nasi Halal Pasar Pagi Hakodate (demo)"), ("id", "Nasi Halal Pasar Pagi Hakodate (demo)")])
        .alcohol(false).prayer(PRAYER | MATS).hours("06:00-14:00").verified(Some("2026-10-11")),
    p("hakodate-02", Hakodate, 41.7745, 140.7250, "Hakodate Station Prayer Room (demo)", "函館駅 礼拝室（デモ）", "prayer_room", UNK)
        .prayer(PRAYER | WOMEN | QIBLA | MATS).hours("06:00-22:00").verified(Some("2026-09-03")),
    p("hakodate-03", Hakodate, 41.7969, 140.7570, "Goryokaku Masjid Room (demo)", "五稜郭 マスジドルーム（デモ）", "mosque", UNK)
        .more(&[("ar", "مصلى غوريوكاكو (demo)")])
        .prayer(FULL).hours("05:00-22:00").verified(Some("2026-06-12")),
    p("hakodate-04", Hakodate, 41.7975, 140.7545, "Goryokaku Halal Burger (demo)", "五稜郭ハラールバーガー（デモ）", "restaurant", SD)
        .alcohol(false).hours("10:00-22:00").verified(Some("2026-01-05")),
    p("hakodate-05", Hakodate, 41.7683, 140.7160, "Bay Area Seafood Grill (demo)", "ベイエリア シーフードグリル（デモ）", "restaurant", PF)
        .alcohol(true).hours("11:00-15:00,17:00-22:00").verified(Some("2025-01-20")),
    p("hakodate-06", Hakodate, 41.7658, 140.7105, "Motomachi Tea House (demo)", "元町ティーハウス（デモ）", "cafe", VEG)
        .more(&[("th", "โรงน้ำชาโมโตมาจิ (demo)")])
        .alcohol(false).hours("10:00-18:00").verified(Some("2026-07-23")),
    p("hakodate-07", Hakodate, 41.7731, 140.7285, "Hotel Hakodate Harbour View (demo)", "ホテル函館ハーバービュー（デモ）", "hotel", UNK)
        .alcohol(true).prayer(PRAYER | QIBLA | MATS).hours("24/7").verified(Some("2026-02-27")),
    p("hakodate-08", Hakodate, 41.7700, 140.8219, "Hakodate Airport Prayer Room (demo)", "函館空港 礼拝室（デモ）", "prayer_room", UNK)
        .prayer(PRAYER | QIBLA | MATS).hours("07:00-21:00").verified(Some("2026-05-18")),
    p("hakodate-09", Hakodate, 41.7890, 140.7500, "Barakah Mart, Hakodate (demo)", "バラカマート 函館店（デモ）", "grocery", PF)
        .alcohol(true).hours("10:00-20:00").verified(Some("2026-04-09")).chain(MART, "Hakodate"),
];

/// The demo places as they are written (without localities).
fn fields(d: &P) -> PlaceFields {
    let mut f = PlaceFields {
        name_en: Some(d.en.into()),
        name_ja: Some(d.ja.into()),
        category: Some(d.category.into()),
        lat: Some(d.lat),
        lon: Some(d.lon),
        alcohol_served: d.alcohol,
        prayer_space: Some(d.prayer & PRAYER != 0),
        wudu: Some(d.prayer & WUDU != 0),
        women_space: Some(d.prayer & WOMEN != 0),
        qibla_marked: Some(d.prayer & QIBLA != 0),
        prayer_mats: Some(d.prayer & MATS != 0),
        opening_hours: d.hours.map(Into::into),
        source: Some("demo".into()),
        source_id: Some(d.key.into()),
        last_verified: d.verified.map(Into::into),
        address: d.address.map(Into::into),
        website: Some(format!("https://example.org/demo/places/{}", d.key)),
        ..Default::default()
    };
    for (lang, name) in d.more {
        let slot = match *lang {
            "th" => &mut f.name_th,
            "ms" => &mut f.name_ms,
            "ar" => &mut f.name_ar,
            _ => &mut f.name_id,
        };
        *slot = Some((*name).into());
    }
    // The four languages of the name and the description, as a Thai or
    // Malay visitor would read them.
    if let Some(name) = super::texts::by_key("place", d.key, "name") {
        for (lang, slot) in [
            ("en", &mut f.name_en),
            ("ja", &mut f.name_ja),
            ("th", &mut f.name_th),
            ("ms", &mut f.name_ms),
        ] {
            *slot = name.get(lang).map(ToString::to_string);
        }
    }
    // The chain and the branch in the four languages.
    if let Some(((chain_key, chain_en), branch_en)) = d.chain {
        let chain = super::texts::or_given("chain", chain_key, "name", chain_en, None);
        let branch = super::texts::or_given("place", d.key, "branch", branch_en, None);
        for (text, slots) in [
            (
                chain,
                [&mut f.chain_en, &mut f.chain_ja, &mut f.chain_th, &mut f.chain_ms],
            ),
            (
                branch,
                [&mut f.branch_en, &mut f.branch_ja, &mut f.branch_th, &mut f.branch_ms],
            ),
        ] {
            for (lang, slot) in LANGUAGES.iter().zip(slots) {
                *slot = text.get(lang).map(ToString::to_string);
            }
        }
    }
    if let Some(d) = super::texts::by_key("place", d.key, "description") {
        f.description_en = d.get("en").map(ToString::to_string);
        f.description_ja = d.get("ja").map(ToString::to_string);
        f.description_th = d.get("th").map(ToString::to_string);
        f.description_ms = d.get("ms").map(ToString::to_string);
    }
    match d.halal {
        H::Cert(c, number, from, until) => {
            f.assurance = Some("certified".into());
            f.certifier = Some(CERTIFIERS[c].into());
            f.certificate_number = Some(number.into());
            f.certificate_valid_from = Some(from.into());
            f.certificate_valid_until = Some(until.into());
        }
        H::Level(l) => f.assurance = Some(l.into()),
    }
    visitor_details(&mut f, d.key);
    f
}

/// The Friday prayer's note at the Sapporo mosque, in en, ja, th, ms.
const SAPPORO_JUMUAH_NOTE: [&str; 4] = [
    "Sermon in Arabic, summarised in English and Japanese.",
    "説教はアラビア語で、英語と日本語の要約があります。",
    "คุตบะฮ์เป็นภาษาอาหรับ พร้อมสรุปเป็นภาษาอังกฤษและภาษาญี่ปุ่น",
    "Khutbah dalam bahasa Arab, dengan ringkasan dalam bahasa Inggeris dan Jepun.",
];

/// Some Sapporo places' Friday prayer (first, second congregation), ways
/// to pay and price range, as a visitor's guide would list them.
/// A Friday prayer's first and second congregation.
type Friday = Option<(&'static str, Option<&'static str>)>;

const VISITOR: &[(&str, Friday, &str, Option<i64>)] = &[
    ("sapporo-01", None, "cash;credit_card;ic_card;qr_code", Some(1)),
    ("sapporo-03", None, "cash;credit_card;qr_code", Some(2)),
    ("sapporo-05", Some(("12:00", Some("13:00"))), "", None),
    ("sapporo-06", None, "cash;credit_card", Some(3)),
    ("sapporo-07", None, "cash;ic_card;qr_code", Some(1)),
    ("sapporo-10", None, "cash;credit_card;ic_card;qr_code", None),
    ("sapporo-11", None, "cash;credit_card", Some(4)),
    ("sapporo-13", None, "cash", Some(1)),
    ("sapporo-14", None, "cash;credit_card", Some(4)),
    ("sapporo-16", Some(("12:30", None)), "", None),
];

fn visitor_details(f: &mut PlaceFields, key: &str) {
    let Some((_, jumuah, payment, price)) = VISITOR.iter().find(|v| v.0 == key) else {
        return;
    };
    if let Some((first, second)) = jumuah {
        f.jumuah_time = Some((*first).into());
        f.jumuah_second_time = second.map(Into::into);
        if key == "sapporo-05" {
            let [en, ja, th, ms] = SAPPORO_JUMUAH_NOTE.map(|t| Some(t.to_owned()));
            (f.jumuah_note_en, f.jumuah_note_ja, f.jumuah_note_th, f.jumuah_note_ms) = (en, ja, th, ms);
        }
    }
    f.payment = (!payment.is_empty()).then(|| (*payment).to_owned());
    f.price_range = *price;
}

/// Every demo place, checked.
#[cfg(test)]
pub fn demo_places() -> Result<Vec<kizuna_domain::map::place::PlaceInput>> {
    PLACES
        .iter()
        .map(|d| fields(d).validate().map_err(AppError::Invalid))
        .collect()
}

/// Load (or refresh) the demo places; idempotent.
pub async fn load_demo_places(app: &App) -> Result<usize> {
    let mut places = Vec::with_capacity(PLACES.len());
    for d in &PLACES {
        let mut f = fields(d);
        f.locality_id = app
            .store
            .select::<Locality>(
                &[("key", Value::Text(Some(d.town.locality_key().to_owned())))],
                Page { limit: 1, offset: 0 },
            )
            .await?
            .pop()
            .map(|l| l.id);
        places.push(f.validate().map_err(AppError::Invalid)?);
    }
    let counts = app.upsert_places(&places).await?;
    Ok(counts.inserted)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use kizuna_domain::map::place::{Assurance, EXPIRY_WARNING_DAYS, PlaceCategory, PlaceInput};

    use super::*;

    #[test]
    fn sixty_valid_places_with_something_for_every_filter() {
        let places = demo_places().unwrap();
        assert_eq!(places.len(), 60);
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let count = |f: &dyn Fn(&PlaceInput) -> bool| places.iter().filter(|p| f(p)).count();
        for a in Assurance::ALL {
            assert!(count(&|p| p.halal.level() == *a) >= 5, "{a}");
        }
        for c in PlaceCategory::ALL.iter().filter(|c| **c != PlaceCategory::Other) {
            assert!(count(&|p| p.category == *c) >= 3, "{c}");
        }
        assert_eq!(count(&|p| p.certificate_expires_within(today, EXPIRY_WARNING_DAYS)), 4);
        assert_eq!(
            count(&|p| p.halal.certificate().is_some_and(|c| c.valid_until() < today)),
            1
        );
        assert!(count(&|p| p.is_stale(today)) >= 6);
        assert!(
            places
                .iter()
                .all(|p| p.names.get("en").unwrap().as_str().ends_with("(demo)"))
        );
        let mut keys: Vec<&str> = PLACES.iter().map(|p| p.key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), 60);
        for p in &places {
            let h = p.opening_hours.as_ref().unwrap();
            crate::map::check_opening_hours(h.as_str()).unwrap_or_else(|e| panic!("{h}: {e}"));
        }
    }

    #[test]
    fn every_chain_and_branch_is_given_in_four_languages() {
        let places = demo_places().unwrap();
        let thai = |t: &str| t.chars().any(|c| ('\u{0e00}'..='\u{0e7f}').contains(&c));
        let mut chained = 0;
        for (d, p) in PLACES.iter().zip(&places) {
            assert_eq!(d.chain.is_some(), p.chain.is_some(), "{}", d.key);
            assert_eq!(p.chain.is_some(), p.branch.is_some(), "{}", d.key);
            let (Some(chain), Some(branch)) = (&p.chain, &p.branch) else {
                continue;
            };
            chained += 1;
            for text in [chain, branch] {
                for lang in LANGUAGES {
                    assert!(text.get(lang).is_some(), "{}: {lang} of {text}", d.key);
                }
                assert!(thai(text.get("th").unwrap().as_str()), "{}: {text} in Thai", d.key);
                assert_eq!(
                    kizuna_domain::common::guess_language(text.get("ja").unwrap().as_str()),
                    "ja",
                    "{}: {text} in Japanese",
                    d.key
                );
            }
        }
        assert_eq!(chained, 8);
    }
}
