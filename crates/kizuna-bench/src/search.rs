//! `kizuna bench search` (issue 16): Kizuna's search index over many
//! synthetic documents in Japanese, Thai, Malay and English, set beside
//! SQLite FTS5 (trigram tokenizer) and PostgreSQL full-text search (a GIN
//! index on a stored `tsvector`, 'simple' configuration) and `pg_trgm` (a
//! GIN trigram index, as CJK text is usually searched there), in one run:
//!
//! 1. the documents, made deterministically from word lists written here
//!    (fictional names; the nine kinds of record the product indexes);
//! 2. building each index from them: documents per second and size;
//! 3. the same queries on each (single words, two words, full names, name
//!    prefixes, names with a typo, Japanese names typed in hiragana), warm,
//!    one at a time: median and p99;
//! 4. recall@10 of each engine against what the generator knows each
//!    document holds: a query's relevant documents are those whose
//!    words, as the generator wrote them, include the query's words (for a
//!    typo, the word it misspells; for a prefix, any word it begins; for
//!    a place, that place in any script). No engine's analysis decides it.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use kizuna_app::App;
use kizuna_app::records::Entity;
use kizuna_app::search::{Search, Searcher};
use kizuna_domain::common::locality::Locality;
use kizuna_domain::common::organisation::Organisation;
use kizuna_domain::common::person::Person;
use kizuna_domain::common::programme::Programme;
use kizuna_domain::exchanges::delegation::Delegation;
use kizuna_domain::map::place::Place;
use kizuna_domain::partnerships::activity::Activity;
use kizuna_domain::partnerships::outcome::Outcome;
use kizuna_domain::volunteers::placement::Placement;
use kizuna_search::{Filter, Gazetteer, Positions, SearchDoc, SearchIndex};
use kizuna_store::{Backend, Page, Value};
use sqlx::Connection;

use crate::data::SplitMix;
use crate::pages::percentile;
use crate::{LoadAverage, LoadWatch, Scratch};

pub struct Options {
    pub docs: usize,
    pub queries: usize,
    /// Also PostgreSQL (FTS and pg_trgm) at KIZUNA_TEST_POSTGRES_URL.
    pub postgres: bool,
}

// ---------------------------------------------------------------------------
// Word lists (written for this benchmark; the names are made up from parts).

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Lang {
    Ja,
    Th,
    Ms,
    En,
}

const LANGS: [Lang; 4] = [Lang::Ja, Lang::Th, Lang::Ms, Lang::En];

impl Lang {
    fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::Th => "th",
            Lang::Ms => "ms",
            Lang::En => "en",
        }
    }
}

#[rustfmt::skip]
const JA_TOPICS: &[&str] = &[
    "研修", "交流", "観光", "農業", "漁業", "教育", "医療", "環境", "技術", "地域", "協力", "支援", "計画", "事業",
    "活動", "成果", "報告", "会議", "訪問", "派遣", "大学", "病院", "学校", "港湾", "空港", "温泉", "公園",
    "博物館", "図書館", "市場", "水産加工", "酪農", "防災", "看護", "介護", "日本語", "通訳", "青年", "女性",
    "子ども", "高齢者", "再生可能エネルギー", "食品", "衛生", "品質管理", "輸出", "ハラール", "ボランティア",
    "セミナー", "ワークショップ", "インターン", "ネットワーク", "国際", "文化", "料理", "祭り", "森林", "湿原",
    "野生動物", "港",
];
const JA_PARTICLES: &[&str] = &["の", "と", "を", "に", "で", "や", "における", "のための"];
#[rustfmt::skip]
const JA_PLACE_KINDS: &[&str] = &[
    "ハラール食堂", "ラーメン店", "カフェ", "ホテル", "モスク", "祈祷室", "レストラン", "寿司店", "土産店", "旅館",
];
const JA_ORG_KINDS: &[&str] = &["協会", "組合", "財団", "大学", "株式会社", "市役所"];

#[rustfmt::skip]
const TH_TOPICS: &[&str] = &[
    "การท่องเที่ยว", "เกษตรกรรม", "ประมง", "การศึกษา", "การแพทย์", "สิ่งแวดล้อม", "เทคโนโลยี", "ชุมชน",
    "ความร่วมมือ", "การสนับสนุน", "โครงการ", "กิจกรรม", "ผลลัพธ์", "รายงาน", "การประชุม", "การเยี่ยมชม",
    "มหาวิทยาลัย", "โรงพยาบาล", "โรงเรียน", "ท่าเรือ", "สนามบิน", "น้ำพุร้อน", "สวนสาธารณะ", "พิพิธภัณฑ์",
    "ห้องสมุด", "ตลาด", "แปรรูปสัตว์น้ำ", "โคนม", "ภัยพิบัติ", "พยาบาล", "ผู้สูงอายุ", "ภาษาญี่ปุ่น", "ล่าม",
    "เยาวชน", "สตรี", "เด็ก", "พลังงานหมุนเวียน", "อาหาร", "สุขอนามัย", "คุณภาพ", "ส่งออก", "ฮาลาล",
    "อาสาสมัคร", "สัมมนา", "ฝึกอบรม", "แลกเปลี่ยน", "เครือข่าย", "วัฒนธรรม", "ป่าไม้", "วิทยุ", "วิทยา",
];
const TH_JOINERS: &[&str] = &["และ", "ของ", "ใน", "เพื่อ", "กับ"];
#[rustfmt::skip]
const TH_PLACE_KINDS: &[&str] = &[
    "ร้านอาหาร", "ร้านกาแฟ", "โรงแรม", "มัสยิด", "ห้องละหมาด", "ร้านราเมน", "ร้านซูชิ", "ร้านของฝาก",
];
const TH_ORG_KINDS: &[&str] = &["สมาคม", "สหกรณ์", "มูลนิธิ", "มหาวิทยาลัย", "บริษัท"];

#[rustfmt::skip]
const MS_TOPICS: &[&str] = &[
    "pelancongan", "pertanian", "perikanan", "pendidikan", "perubatan", "alam sekitar", "teknologi", "komuniti",
    "kerjasama", "sokongan", "rancangan", "projek", "aktiviti", "hasil", "laporan", "mesyuarat", "lawatan",
    "universiti", "hospital", "sekolah", "pelabuhan", "lapangan terbang", "mata air panas", "taman", "muzium",
    "perpustakaan", "pasar", "pemprosesan makanan laut", "tenusu", "bencana", "jururawat", "warga emas",
    "bahasa Jepun", "jurubahasa", "belia", "wanita", "remaja", "tenaga boleh diperbaharui", "makanan",
    "kebersihan", "kualiti", "eksport", "halal", "sukarelawan", "seminar", "bengkel", "latihan", "pertukaran",
    "rangkaian", "budaya", "hutan",
];
const MS_JOINERS: &[&str] = &["dan", "untuk", "di", "dengan", "bagi"];
#[rustfmt::skip]
const MS_PLACE_KINDS: &[&str] = &[
    "Restoran", "Kafe", "Hotel", "Masjid", "Surau", "Kedai Ramen", "Kedai Sushi", "Kedai Cenderamata",
];
const MS_ORG_KINDS: &[&str] = &["Persatuan", "Koperasi", "Yayasan", "Universiti", "Syarikat"];

#[rustfmt::skip]
const EN_TOPICS: &[&str] = &[
    "tourism", "agriculture", "fisheries", "education", "medicine", "environment", "technology", "community",
    "cooperation", "support", "plan", "project", "activity", "outcome", "report", "meeting", "visit",
    "university", "hospital", "school", "harbour", "airport", "hot spring", "park", "museum", "library",
    "market", "seafood processing", "dairy", "disaster", "nursing", "elderly care", "Japanese language",
    "interpreter", "youth", "women", "children", "renewable energy", "food", "hygiene", "quality", "export",
    "halal", "volunteer", "seminar", "workshop", "training", "exchange", "network", "culture", "forest",
    "wetland", "wildlife",
];
const EN_JOINERS: &[&str] = &["and", "for", "in", "with", "of", "the"];
#[rustfmt::skip]
const EN_PLACE_KINDS: &[&str] = &[
    "Restaurant", "Cafe", "Hotel", "Mosque", "Prayer Room", "Ramen Shop", "Sushi Bar", "Gift Shop", "Inn",
];
const EN_ORG_KINDS: &[&str] = &["Association", "Cooperative", "Foundation", "University", "Company"];

/// Cities in English (and Malay), Japanese and Thai: the gazetteer's.
#[rustfmt::skip]
const CITIES: &[(&str, &str, &str)] = &[
    ("Kushiro", "釧路", "คุชิโระ"),
    ("Sapporo", "札幌", "ซัปโปโร"),
    ("Obihiro", "帯広", "โอบิฮิโระ"),
    ("Asahikawa", "旭川", "อาซาฮิกาวะ"),
    ("Hakodate", "函館", "ฮาโกดาเตะ"),
    ("Nemuro", "根室", "เนมูโระ"),
    ("Abashiri", "網走", "อะบาชิริ"),
    ("Otaru", "小樽", "โอตารุ"),
    ("Teshikaga", "弟子屈", "เทชิคางะ"),
    ("Shiretoko", "知床", "ชิเรโตโกะ"),
    ("Tokachi", "十勝", "โทคาจิ"),
    ("Akan", "阿寒", "อากัง"),
];

/// Japanese name parts: kanji, its reading in katakana, in Latin letters.
type Part = (&'static str, &'static str, &'static str);
#[rustfmt::skip]
const JA_FAMILY_1: &[Part] = &[
    ("佐", "サ", "sa"), ("高", "タカ", "taka"), ("田", "タ", "ta"), ("中", "ナカ", "naka"), ("山", "ヤマ", "yama"),
    ("小", "コ", "ko"), ("石", "イシ", "ishi"), ("松", "マツ", "matsu"), ("井", "イ", "i"), ("木", "キ", "ki"),
    ("村", "ムラ", "mura"), ("林", "ハヤ", "haya"), ("清", "キヨ", "kiyo"), ("森", "モリ", "mori"), ("池", "イケ", "ike"),
    ("橋", "ハシ", "hashi"), ("阿", "ア", "a"), ("藤", "フジ", "fuji"), ("岡", "オカ", "oka"), ("川", "カワ", "kawa"),
];
#[rustfmt::skip]
const JA_FAMILY_2: &[Part] = &[
    ("藤", "トウ", "to"), ("橋", "ハシ", "hashi"), ("中", "ナカ", "naka"), ("田", "タ", "ta"), ("本", "モト", "moto"),
    ("口", "グチ", "guchi"), ("村", "ムラ", "mura"), ("林", "バヤシ", "bayashi"), ("野", "ノ", "no"), ("川", "カワ", "kawa"),
    ("原", "ハラ", "hara"), ("井", "イ", "i"), ("崎", "サキ", "saki"), ("島", "シマ", "shima"), ("谷", "ヤ", "ya"),
    ("沢", "サワ", "sawa"), ("部", "ベ", "be"), ("内", "ウチ", "uchi"), ("上", "ガミ", "gami"), ("木", "キ", "ki"),
];
#[rustfmt::skip]
const JA_GIVEN_1: &[Part] = &[
    ("花", "ハナ", "hana"), ("美", "ミ", "mi"), ("健", "ケン", "ken"), ("大", "ダイ", "dai"), ("翔", "ショウ", "sho"),
    ("陽", "ヨウ", "yo"), ("真", "マ", "ma"), ("優", "ユウ", "yu"), ("悠", "ハル", "haru"), ("結", "ユイ", "yui"),
    ("蒼", "ソウ", "so"), ("彩", "アヤ", "aya"), ("直", "ナオ", "nao"), ("千", "チ", "chi"), ("和", "カズ", "kazu"),
    ("智", "トモ", "tomo"), ("光", "ヒカ", "hika"), ("春", "ハル", "haru"), ("夏", "ナツ", "natsu"), ("秋", "アキ", "aki"),
];
#[rustfmt::skip]
const JA_GIVEN_2: &[Part] = &[
    ("子", "コ", "ko"), ("太", "タ", "ta"), ("斗", "ト", "to"), ("介", "スケ", "suke"), ("輝", "キ", "ki"),
    ("菜", "ナ", "na"), ("奈", "ナ", "na"), ("也", "ヤ", "ya"), ("樹", "キ", "ki"), ("人", "ト", "to"),
    ("香", "カ", "ka"), ("希", "キ", "ki"), ("実", "ミ", "mi"), ("里", "リ", "ri"), ("乃", "ノ", "no"),
    ("一", "イチ", "ichi"), ("郎", "ロウ", "ro"), ("恵", "エ", "e"), ("月", "ツキ", "tsuki"), ("海", "ミ", "mi"),
];
/// Thai name syllables and their Latin spelling.
type ThPart = (&'static str, &'static str);
#[rustfmt::skip]
const TH_GIVEN_1: &[ThPart] = &[
    ("สม", "som"), ("ศรี", "si"), ("สุ", "su"), ("ประ", "pra"), ("วิ", "wi"), ("อ", "a"), ("จัน", "chan"),
    ("กิต", "kit"), ("ธน", "thon"), ("ปิ", "pi"), ("นภ", "nop"), ("พิม", "phim"), ("รัช", "rat"), ("อุ", "u"),
    ("มา", "ma"), ("ชล", "chon"), ("ณัฐ", "nat"), ("ภู", "phu"), ("กมล", "kamon"), ("เอก", "ek"),
];
#[rustfmt::skip]
const TH_GIVEN_2: &[ThPart] = &[
    ("ชาย", "chai"), ("ดา", "da"), ("พร", "phon"), ("ชัย", "chai"), ("นี", "ni"), ("ศักดิ์", "sak"), ("ภา", "pha"),
    ("เพ็ญ", "phen"), ("รัตน์", "rat"), ("ทิพย์", "thip"), ("วรรณ", "wan"), ("กานต์", "kan"), ("ธิดา", "thida"),
    ("พล", "phon"), ("ลักษณ์", "lak"), ("ณี", "ni"), ("สิทธิ์", "sit"), ("ยา", "ya"), ("วุฒิ", "wut"), ("ญา", "ya"),
];
#[rustfmt::skip]
const TH_FAMILY: &[ThPart] = &[
    ("ศรี", "si"), ("วง", "wong"), ("ทอง", "thong"), ("แก้ว", "kaeo"), ("มณี", "mani"), ("สุข", "suk"),
    ("เจริญ", "charoen"), ("บุญ", "bun"), ("รุ่ง", "rung"), ("เรือง", "rueang"), ("กุล", "kun"), ("พันธ์", "phan"),
    ("ศิริ", "siri"), ("สกุล", "sakun"), ("ชัย", "chai"), ("วัฒน์", "wat"), ("ประเสริฐ", "prasoet"), ("นาค", "nak"),
    ("ทรัพย์", "sap"), ("ดี", "di"),
];
const MS_NAME_1: &[&str] = &[
    "A", "Ha", "Fa", "Ri", "Za", "Na", "Sya", "Mi", "Ai", "Nu", "Ka", "Lu", "Ra", "Sa", "I", "Zu",
];
#[rustfmt::skip]
const MS_NAME_2: &[&str] = &[
    "mir", "rid", "fiz", "kim", "lan", "dah", "mah", "syah", "man", "nah", "zan", "ril", "ruf", "din", "fa", "ni",
];
#[rustfmt::skip]
const EN_GIVEN: &[&str] = &[
    "Emma", "Oliver", "Grace", "Henry", "Alice", "Jack", "Ruby", "Leo", "Chloe", "Noah", "Ella", "Isaac", "Mia",
    "Lucas", "Amelia", "Owen", "Hannah", "Adam", "Sophie", "Ethan", "Laura", "Daniel", "Zoe", "Samuel", "Clara",
    "Finn", "Eva", "Hugo", "Iris", "Jonah", "Lily", "Max", "Nora", "Oscar", "Paula", "Rosa", "Simon", "Tess",
    "Victor", "Wendy",
];
#[rustfmt::skip]
const EN_FAMILY_1: &[&str] = &[
    "Ash", "Brook", "Clay", "Dun", "Fair", "Glen", "Hart", "Kings", "Lang", "Mor", "North", "Pem", "Ridge", "Stan",
    "Thorn", "Wes", "Whit", "Yar",
];
#[rustfmt::skip]
const EN_FAMILY_2: &[&str] = &[
    "ford", "ley", "wood", "ton", "field", "more", "by", "well", "worth", "croft", "dale", "ham",
];

// ---------------------------------------------------------------------------
// The corpus and what each document holds.

/// Words (units) as the generator wrote them, interned. A unit's key says
/// its script: `lat:` Latin (lower case), `ja:`, `th:`, or `place:` (a city
/// in whichever script).
#[derive(Default)]
struct Vocab {
    ids: HashMap<String, u32>,
    keys: Vec<String>,
}

impl Vocab {
    fn id(&mut self, key: &str) -> u32 {
        if let Some(&i) = self.ids.get(key) {
            return i;
        }
        let i = u32::try_from(self.keys.len()).unwrap_or(u32::MAX);
        self.keys.push(key.to_owned());
        self.ids.insert(key.to_owned(), i);
        i
    }
}

/// A person's name: how it is typed and its parts (units).
struct PersonName {
    lang: Lang,
    /// The full name in its own script (Japanese: kanji with no space).
    native: String,
    /// Its two parts: Japanese family then given, the others given then family.
    native_units: [u32; 2],
    /// The name in Latin letters, given name first (the `en` title).
    latin: String,
    /// The family name in Latin letters (Malay: the father's name) and its unit.
    latin_family: String,
    latin_family_unit: u32,
    /// Japanese only: the reading in katakana (`kana` title) and the units
    /// of the family and given names' readings.
    kana: Option<(String, [u32; 2])>,
}

impl PersonName {
    fn units(&self, vocab: &mut Vocab) -> Vec<u32> {
        let mut u = self.native_units.to_vec();
        u.extend(
            self.latin
                .split_whitespace()
                .map(|w| vocab.id(&format!("lat:{}", w.to_lowercase()))),
        );
        if let Some((_, k)) = &self.kana {
            u.extend(k);
        }
        u
    }
}

struct Corpus {
    docs: Vec<SearchDoc>,
    langs: Vec<Lang>,
    kinds: Vec<&'static str>,
    /// Units of each document (title and body), by offsets.
    units: Vec<u32>,
    offsets: Vec<usize>,
    /// Documents (indexes) holding each unit, ascending.
    postings: Vec<Vec<u32>>,
    vocab: Vocab,
    persons: Vec<PersonName>,
    /// Topic units of each language (for single-word queries).
    topics: [Vec<u32>; 4],
}

struct DocBuilder<'a> {
    vocab: &'a mut Vocab,
    units: Vec<u32>,
}

impl DocBuilder<'_> {
    /// Notes the units of a Latin text (its words) and returns it.
    fn latin(&mut self, text: &str) -> String {
        for w in text.split_whitespace() {
            let u = self.vocab.id(&format!("lat:{}", w.to_lowercase()));
            self.units.push(u);
        }
        text.to_owned()
    }

    fn script(&mut self, lang: Lang, word: &str) -> String {
        match lang {
            Lang::Ja => {
                let u = self.vocab.id(&format!("ja:{word}"));
                self.units.push(u);
                word.to_owned()
            }
            Lang::Th => {
                let u = self.vocab.id(&format!("th:{word}"));
                self.units.push(u);
                word.to_owned()
            }
            Lang::Ms | Lang::En => self.latin(word),
        }
    }

    fn city(&mut self, lang: Lang, c: usize) -> String {
        let (en, ja, th) = CITIES[c];
        let u = self.vocab.id(&format!("place:{en}"));
        self.units.push(u);
        match lang {
            Lang::Ja => ja,
            Lang::Th => th,
            Lang::Ms | Lang::En => en,
        }
        .to_owned()
    }
}

/// An index skewed to the front (common words are common).
fn skewed(rng: &mut SplitMix, n: usize) -> usize {
    ((n as f64 * rng.unit().powf(2.0)) as usize).min(n - 1)
}

fn pick<'a, T>(rng: &mut SplitMix, xs: &'a [T]) -> &'a T {
    &xs[(rng.next_u64() % xs.len() as u64) as usize]
}

fn topics(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Ja => JA_TOPICS,
        Lang::Th => TH_TOPICS,
        Lang::Ms => MS_TOPICS,
        Lang::En => EN_TOPICS,
    }
}

/// A phrase of `n` topic words (and maybe a city) joined as the language
/// writes them: Japanese with particles and no spaces, Thai with no spaces
/// inside a clause, Malay and English with spaces.
fn phrase(b: &mut DocBuilder<'_>, rng: &mut SplitMix, lang: Lang, n: usize, city: Option<usize>) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(c) = city {
        parts.push(b.city(lang, c));
    }
    for _ in 0..n {
        let list = topics(lang);
        let w = list[skewed(rng, list.len())];
        parts.push(b.script(lang, w));
    }
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            match lang {
                Lang::Ja => out.push_str(pick::<&str>(rng, JA_PARTICLES)),
                Lang::Th => {
                    if i % 3 == 0 {
                        out.push(' ');
                    } else if rng.unit() < 0.3 {
                        out.push_str(pick::<&str>(rng, TH_JOINERS));
                    }
                }
                Lang::Ms | Lang::En => {
                    out.push(' ');
                    if rng.unit() < 0.3 {
                        let j = *pick(rng, if lang == Lang::Ms { MS_JOINERS } else { EN_JOINERS });
                        out.push_str(&b.latin(j));
                        out.push(' ');
                    }
                }
            }
        }
        out.push_str(p);
    }
    out
}

/// A body of two or three sentences.
fn body(b: &mut DocBuilder<'_>, rng: &mut SplitMix, lang: Lang, cities: usize) -> String {
    let sentences = 2 + (rng.next_u64() % 2) as usize;
    let mut out = Vec::new();
    for _ in 0..sentences {
        let n = 3 + (rng.next_u64() % 5) as usize;
        let city = (rng.unit() < 0.3).then(|| skewed(rng, cities));
        out.push(phrase(b, rng, lang, n, city));
    }
    let sep = match lang {
        Lang::Ja => "。",
        Lang::Th => " ",
        Lang::Ms | Lang::En => ". ",
    };
    out.join(sep)
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A made-up name in `lang`.
fn person_name(vocab: &mut Vocab, rng: &mut SplitMix, lang: Lang) -> PersonName {
    match lang {
        Lang::Ja => {
            let (f1, f2) = (pick(rng, JA_FAMILY_1), pick(rng, JA_FAMILY_2));
            let (g1, g2) = (pick(rng, JA_GIVEN_1), pick(rng, JA_GIVEN_2));
            let (fk, gk) = (format!("{}{}", f1.0, f2.0), format!("{}{}", g1.0, g2.0));
            let (fr, gr) = (format!("{}{}", f1.1, f2.1), format!("{}{}", g1.1, g2.1));
            let (fl, gl) = (format!("{}{}", f1.2, f2.2), format!("{}{}", g1.2, g2.2));
            PersonName {
                lang,
                native: format!("{fk}{gk}"),
                native_units: [vocab.id(&format!("ja:{fk}")), vocab.id(&format!("ja:{gk}"))],
                latin: format!("{} {}", capital(&gl), capital(&fl)),
                latin_family_unit: vocab.id(&format!("lat:{fl}")),
                latin_family: capital(&fl),
                kana: Some((
                    format!("{fr} {gr}"),
                    [vocab.id(&format!("ja:{fr}")), vocab.id(&format!("ja:{gr}"))],
                )),
            }
        }
        Lang::Th => {
            let (g1, g2) = (pick(rng, TH_GIVEN_1), pick(rng, TH_GIVEN_2));
            let (f1, f2, f3) = (pick(rng, TH_FAMILY), pick(rng, TH_FAMILY), pick(rng, TH_FAMILY));
            let (gt, ft) = (format!("{}{}", g1.0, g2.0), format!("{}{}{}", f1.0, f2.0, f3.0));
            let (gl, fl) = (format!("{}{}", g1.1, g2.1), format!("{}{}{}", f1.1, f2.1, f3.1));
            PersonName {
                lang,
                native: format!("{gt} {ft}"),
                native_units: [vocab.id(&format!("th:{gt}")), vocab.id(&format!("th:{ft}"))],
                latin: format!("{} {}", capital(&gl), capital(&fl)),
                latin_family_unit: vocab.id(&format!("lat:{fl}")),
                latin_family: capital(&fl),
                kana: None,
            }
        }
        Lang::Ms | Lang::En => {
            let (given, family, latin) = if lang == Lang::Ms {
                let given = format!("{}{}", pick(rng, MS_NAME_1), pick(rng, MS_NAME_2));
                let father = format!("{}{}", pick(rng, MS_NAME_1), pick(rng, MS_NAME_2));
                let link = if rng.unit() < 0.5 { "bin" } else { "binti" };
                let latin = format!("{given} {link} {father}");
                (given, father, latin)
            } else {
                let given = (*pick(rng, EN_GIVEN)).to_owned();
                let family = format!("{}{}", pick(rng, EN_FAMILY_1), pick(rng, EN_FAMILY_2));
                let latin = format!("{given} {family}");
                (given, family, latin)
            };
            let native_units = [
                vocab.id(&format!("lat:{}", given.to_lowercase())),
                vocab.id(&format!("lat:{}", family.to_lowercase())),
            ];
            PersonName {
                lang,
                native: format!("{given} {family}"),
                native_units,
                latin,
                latin_family_unit: native_units[1],
                latin_family: family,
                kana: None,
            }
        }
    }
}

/// The nine kinds the product indexes, with their shares of the corpus.
#[rustfmt::skip]
const KINDS: &[(&str, f64)] = &[
    ("person", 0.35),
    ("place", 0.25),
    ("organisation", 0.08),
    ("activity", 0.08),
    ("outcome", 0.07),
    ("programme", 0.05),
    ("placement", 0.05),
    ("delegation", 0.05),
    ("locality", 0.02),
];

fn kind_of(u: f64) -> &'static str {
    let mut acc = 0.0;
    for &(k, share) in KINDS {
        acc += share;
        if u < acc {
            return k;
        }
    }
    "person"
}

fn lang_of(u: f64) -> Lang {
    match u {
        u if u < 0.30 => Lang::Ja,
        u if u < 0.55 => Lang::Th,
        u if u < 0.75 => Lang::Ms,
        _ => Lang::En,
    }
}

/// `n` documents, the same for the same `n` and seed.
fn corpus(n: usize, seed: u64) -> Corpus {
    let mut rng = SplitMix::new(seed);
    let mut vocab = Vocab::default();
    let mut c = Corpus {
        docs: Vec::with_capacity(n),
        langs: Vec::with_capacity(n),
        kinds: Vec::with_capacity(n),
        units: Vec::with_capacity(n * 16),
        offsets: vec![0],
        postings: Vec::new(),
        vocab: Vocab::default(),
        persons: Vec::new(),
        topics: Default::default(),
    };
    for (i, lang) in LANGS.iter().enumerate() {
        let mut b = DocBuilder {
            vocab: &mut vocab,
            units: Vec::new(),
        };
        for w in topics(*lang) {
            b.script(*lang, w);
        }
        let mut us = b.units;
        us.sort_unstable();
        us.dedup();
        c.topics[i] = us;
    }
    let cities = CITIES.len();
    for i in 0..n {
        let lang = lang_of(rng.unit());
        let kind = kind_of(rng.unit());
        let mut b = DocBuilder {
            vocab: &mut vocab,
            units: Vec::with_capacity(24),
        };
        let mut titles: Vec<(&'static str, String)> = Vec::new();
        let mut text = String::new();
        let mut audience = vec!["staff".to_owned()];
        match kind {
            "person" => {
                let p = person_name(b.vocab, &mut rng, lang);
                let units = p.units(b.vocab);
                b.units.extend(units);
                titles.push(("en", p.latin.clone()));
                if lang == Lang::Ja || lang == Lang::Th {
                    titles.push(("native", p.native.clone()));
                }
                if let Some((kana, _)) = &p.kana {
                    titles.push(("kana", kana.clone()));
                }
                c.persons.push(p);
            }
            "place" => {
                audience.push("public".into());
                let kinds = match lang {
                    Lang::Ja => JA_PLACE_KINDS,
                    Lang::Th => TH_PLACE_KINDS,
                    Lang::Ms => MS_PLACE_KINDS,
                    Lang::En => EN_PLACE_KINDS,
                };
                let k = b.script(lang, pick::<&str>(&mut rng, kinds));
                // Named after its owner, as small restaurants are: the
                // family name in Japan, else the given name.
                let owner = person_name(b.vocab, &mut rng, lang);
                b.units.push(owner.native_units[0]);
                let name = match lang {
                    Lang::Ja => owner.native.chars().take(2).collect::<String>(),
                    _ => owner.native.split(' ').next().unwrap_or_default().to_owned(),
                };
                let title = match lang {
                    Lang::Th => format!("{k}{name}"),
                    _ => format!("{k} {name}"),
                };
                titles.push((lang.code(), title));
                let city = skewed(&mut rng, cities);
                text = phrase(&mut b, &mut rng, lang, 2, Some(city));
            }
            "organisation" => {
                let kinds = match lang {
                    Lang::Ja => JA_ORG_KINDS,
                    Lang::Th => TH_ORG_KINDS,
                    Lang::Ms => MS_ORG_KINDS,
                    Lang::En => EN_ORG_KINDS,
                };
                let city = skewed(&mut rng, cities);
                let cname = b.city(lang, city);
                let list = topics(lang);
                let topic = b.script(lang, list[skewed(&mut rng, list.len())]);
                let ok = b.script(lang, pick::<&str>(&mut rng, kinds));
                let title = match lang {
                    Lang::Ja => format!("{cname}{topic}{ok}"),
                    Lang::Th => format!("{ok}{topic}{cname}"),
                    Lang::Ms => format!("{ok} {topic} {cname}"),
                    Lang::En => format!("{cname} {} {ok}", capital(&topic)),
                };
                titles.push((lang.code(), title));
                text = phrase(&mut b, &mut rng, lang, 3, Some(city));
            }
            "locality" => {
                let p = person_name(b.vocab, &mut rng, lang);
                let title = match lang {
                    Lang::Ja => {
                        b.units.push(p.native_units[0]);
                        format!("{}町", p.native.chars().take(2).collect::<String>())
                    }
                    Lang::Th => {
                        b.units.push(p.native_units[1]);
                        format!("เมือง{}", p.native.split(' ').nth(1).unwrap_or_default())
                    }
                    Lang::Ms => format!("Bandar {}", b.latin(&p.latin_family)),
                    Lang::En => format!("{} Town", b.latin(&p.latin_family)),
                };
                titles.push((lang.code(), title));
            }
            _ => {
                // programme, activity, outcome, placement, delegation
                let n_title = 2 + (rng.next_u64() % 3) as usize;
                let city = (rng.unit() < 0.5).then(|| skewed(&mut rng, cities));
                let title = phrase(&mut b, &mut rng, lang, n_title, city);
                titles.push((lang.code(), title));
                if lang != Lang::En && rng.unit() < 0.3 {
                    let en = phrase(&mut b, &mut rng, Lang::En, n_title, None);
                    titles.push(("en", en));
                }
                text = body(&mut b, &mut rng, lang, cities);
                if matches!(kind, "outcome" | "delegation") && rng.unit() < 0.4 {
                    // Someone named in the story, in its language's script.
                    let p = person_name(b.vocab, &mut rng, lang);
                    b.units.extend(p.native_units);
                    text.push('\n');
                    text.push_str(&p.native);
                }
            }
        }
        let mut units = b.units;
        units.sort_unstable();
        units.dedup();
        c.units.extend_from_slice(&units);
        c.offsets.push(c.units.len());
        c.docs.push(SearchDoc {
            kind: kind.to_owned(),
            id: i as i64 + 1,
            titles: titles.into_iter().map(|(l, t)| (l.to_owned(), t)).collect(),
            body: text,
            audience,
        });
        c.langs.push(lang);
        c.kinds.push(kind);
    }
    c.postings = vec![Vec::new(); vocab.keys.len()];
    for d in 0..n {
        for &u in &c.units[c.offsets[d]..c.offsets[d + 1]] {
            c.postings[u as usize].push(d as u32);
        }
    }
    c.vocab = vocab;
    c
}

// ---------------------------------------------------------------------------
// Queries with the documents relevant to each, known by construction.

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Cat {
    Word,
    TwoWords,
    Name,
    Prefix,
    Typo,
    Hiragana,
}

const CATS: [Cat; 6] = [
    Cat::Word,
    Cat::TwoWords,
    Cat::Name,
    Cat::Prefix,
    Cat::Typo,
    Cat::Hiragana,
];

impl Cat {
    fn label(self) -> &'static str {
        match self {
            Cat::Word => "one word",
            Cat::TwoWords => "two words",
            Cat::Name => "full name",
            Cat::Prefix => "name prefix (Latin letters)",
            Cat::Typo => "name with a typo (Latin letters)",
            Cat::Hiragana => "Japanese name typed in hiragana",
        }
    }
}

struct BenchQuery {
    text: String,
    lang: Lang,
    cat: Cat,
    /// The relevant documents (indexes), ascending.
    relevant: Vec<u32>,
}

fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

fn katakana_as_hiragana(s: &str) -> String {
    s.chars()
        .map(|c| match c as u32 {
            0x30A1..=0x30F6 => char::from_u32(c as u32 - 0x60).unwrap_or(c),
            _ => c,
        })
        .collect()
}

impl Corpus {
    fn surface(&self, unit: u32, lang: Lang) -> String {
        let key = &self.vocab.keys[unit as usize];
        if let Some(en) = key.strip_prefix("place:") {
            let c = CITIES.iter().find(|c| c.0 == en).copied().unwrap_or((en, en, en));
            return match lang {
                Lang::Ja => c.1,
                Lang::Th => c.2,
                Lang::Ms | Lang::En => c.0,
            }
            .to_owned();
        }
        key.split_once(':').map_or(key.as_str(), |(_, w)| w).to_owned()
    }

    fn all_of(&self, units: &[u32]) -> Vec<u32> {
        let mut r = self.postings[units[0] as usize].clone();
        for &u in &units[1..] {
            r = intersect(&r, &self.postings[u as usize]);
        }
        r
    }

    fn doc_units(&self, d: usize) -> &[u32] {
        &self.units[self.offsets[d]..self.offsets[d + 1]]
    }

    /// A unit of a document written in `lang`'s script (a city counts).
    fn in_script(&self, u: u32, lang: Lang) -> bool {
        let k = &self.vocab.keys[u as usize];
        k.starts_with("place:")
            || match lang {
                Lang::Ja => k.starts_with("ja:"),
                Lang::Th => k.starts_with("th:"),
                Lang::Ms | Lang::En => k.starts_with("lat:"),
            }
    }

    /// Not a joiner ("dan", "of"): Latin words of four letters or more,
    /// Japanese and Thai words of two characters or more, any city.
    fn long_enough(&self, u: u32) -> bool {
        let k = &self.vocab.keys[u as usize];
        match k.split_once(':') {
            Some(("lat", w)) => w.chars().count() >= 4,
            Some(("place", _)) => true,
            Some((_, w)) => w.chars().count() >= 2,
            None => false,
        }
    }

    fn query(&self, rng: &mut SplitMix, lang: Lang, cat: Cat) -> Option<BenchQuery> {
        let persons: Vec<&PersonName> = self.persons.iter().filter(|p| p.lang == lang).collect();
        let (text, relevant) = match cat {
            Cat::Word => {
                let li = LANGS.iter().position(|l| *l == lang)?;
                let u = *pick(rng, &self.topics[li]);
                (self.surface(u, lang), self.postings[u as usize].clone())
            }
            Cat::TwoWords => {
                // Two words of one document of that language.
                let mut found = None;
                for _ in 0..1000 {
                    let d = (rng.next_u64() % self.docs.len() as u64) as usize;
                    if self.langs[d] != lang || self.kinds[d] == "person" {
                        continue;
                    }
                    let us: Vec<u32> = self
                        .doc_units(d)
                        .iter()
                        .copied()
                        .filter(|&u| self.in_script(u, lang) && self.long_enough(u))
                        .collect();
                    if us.len() < 2 {
                        continue;
                    }
                    let a = us[(rng.next_u64() % us.len() as u64) as usize];
                    let b = us[(rng.next_u64() % us.len() as u64) as usize];
                    if a != b {
                        found = Some((a, b));
                        break;
                    }
                }
                let (a, b) = found?;
                (
                    format!("{} {}", self.surface(a, lang), self.surface(b, lang)),
                    self.all_of(&[a, b]),
                )
            }
            Cat::Name => {
                let p = *pick(rng, &persons);
                (p.native.clone(), self.all_of(&p.native_units))
            }
            Cat::Prefix => {
                let p = *pick(rng, &persons);
                let fam = p.latin_family.to_lowercase();
                let n = if fam.chars().count() >= 5 { 4 } else { 3 };
                let prefix: String = fam.chars().take(n).collect();
                let key = format!("lat:{prefix}");
                let mut r: Vec<u32> = self
                    .vocab
                    .keys
                    .iter()
                    .enumerate()
                    .filter(|(_, k)| k.starts_with(&key))
                    .flat_map(|(u, _)| self.postings[u].iter().copied())
                    .collect();
                r.sort_unstable();
                r.dedup();
                (capital(&prefix), r)
            }
            Cat::Typo => {
                let long: Vec<&&PersonName> = persons.iter().filter(|p| p.latin_family.chars().count() >= 5).collect();
                let p = **pick(rng, &long);
                let fam: Vec<char> = p.latin_family.to_lowercase().chars().collect();
                let mut typo = None;
                for _ in 0..50 {
                    let at = 1 + (rng.next_u64() % (fam.len() as u64 - 1)) as usize;
                    let letter = char::from(b'a' + (rng.next_u64() % 26) as u8);
                    if letter == fam[at] {
                        continue;
                    }
                    let mut t = fam.clone();
                    t[at] = letter;
                    let t: String = t.into_iter().collect();
                    // Not a word, nor the beginning of one (a user typing
                    // it may mean that word).
                    let key = format!("lat:{t}");
                    if !self.vocab.keys.iter().any(|k| k.starts_with(&key)) {
                        typo = Some(t);
                        break;
                    }
                }
                (capital(&typo?), self.postings[p.latin_family_unit as usize].clone())
            }
            Cat::Hiragana => {
                let p = *pick(rng, &persons);
                let (kana, units) = p.kana.as_ref()?;
                let family = kana.split(' ').next()?;
                (katakana_as_hiragana(family), self.postings[units[0] as usize].clone())
            }
        };
        (!relevant.is_empty()).then_some(BenchQuery {
            text,
            lang,
            cat,
            relevant,
        })
    }

    /// `m` queries, round the languages and kinds of query (hiragana for
    /// Japanese only).
    fn queries(&self, m: usize, seed: u64) -> Vec<BenchQuery> {
        let mut rng = SplitMix::new(seed);
        let buckets: Vec<(Lang, Cat)> = LANGS
            .iter()
            .flat_map(|&l| CATS.iter().map(move |&c| (l, c)))
            .filter(|&(l, c)| c != Cat::Hiragana || l == Lang::Ja)
            .collect();
        let mut out = Vec::with_capacity(m);
        let mut tries = 0;
        while out.len() < m && tries < m * 20 {
            let (l, c) = buckets[tries % buckets.len()];
            tries += 1;
            if let Some(q) = self.query(&mut rng, l, c) {
                out.push(q);
            }
        }
        out
    }
}

// ---------------------------------------------------------------------------
// The engines.

/// One engine's run.
struct Run {
    name: String,
    /// Loading and indexing, and the documents per second that makes.
    build: Duration,
    /// Bytes on disk (index, and the texts it keeps).
    bytes: u64,
    times: Vec<Duration>,
    /// The top 10 of each query (document indexes).
    answers: Vec<Vec<u32>>,
    /// A query that does nothing, on the same connection (databases).
    floor: Option<Duration>,
    load: Option<LoadAverage>,
}

/// Every query once to warm up, then once more timed.
fn measure(
    qs: &[BenchQuery],
    mut ask: impl FnMut(&str) -> anyhow::Result<Vec<u32>>,
) -> anyhow::Result<(Vec<Duration>, Vec<Vec<u32>>)> {
    for q in qs {
        ask(&q.text)?;
    }
    let mut times = Vec::with_capacity(qs.len());
    let mut answers = Vec::with_capacity(qs.len());
    for q in qs {
        let t = Instant::now();
        let found = ask(&q.text)?;
        times.push(t.elapsed());
        answers.push(found);
    }
    Ok((times, answers))
}

fn dir_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter_map(|e| e.metadata().ok())
                .filter(std::fs::Metadata::is_file)
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

fn index_of(id: i64) -> u32 {
    u32::try_from(id - 1).unwrap_or(u32::MAX)
}

/// Kizuna's index: the production schema, analysis and writer
/// (`SearchIndex::open` and `replace_all`, as `kizuna reindex` does), and
/// the production query (the parsed text with the built-in gazetteer, as a
/// staff member searching every kind).
fn kizuna(c: &Corpus, qs: &[BenchQuery], dir: &Path) -> anyhow::Result<Run> {
    let ix = SearchIndex::open(dir)?;
    let docs = c.docs.clone();
    let n = docs.len();
    eprintln!("indexing {n} documents with Kizuna's index…");
    let t = Instant::now();
    ix.replace_all(
        docs,
        Positions {
            format: kizuna_search::index::FORMAT,
            versions: std::collections::BTreeMap::new(),
        },
        |k| {
            if k % 100_000 == 0 && k > 0 {
                eprintln!("  {k}");
            }
        },
    )?;
    let build = t.elapsed();
    anyhow::ensure!(ix.len() == n as u64, "the index holds {} documents of {n}", ix.len());
    let gazetteer = Gazetteer::built_in();
    let filter = Filter {
        kinds: Vec::new(),
        audiences: vec!["staff".into()],
    };
    let (times, answers) = measure(qs, |q| {
        let Some(parsed) = kizuna_search::parse(q, &gazetteer) else {
            return Ok(Vec::new());
        };
        Ok(ix
            .search(&parsed, &filter, 10)?
            .into_iter()
            .map(|f| index_of(f.doc.id))
            .collect())
    })?;
    Ok(Run {
        name: "Kizuna (tantivy, its own analysis)".into(),
        build,
        bytes: dir_bytes(dir),
        times,
        answers,
        floor: None,
        load: LoadAverage::now(),
    })
}

fn titles_text(d: &SearchDoc) -> String {
    d.titles.values().map(String::as_str).collect::<Vec<_>>().join("\n")
}

/// A query's words as the databases are given them: split at spaces,
/// without the LIKE wildcards.
fn words(q: &str) -> Vec<String> {
    q.split_whitespace()
        .map(|w| w.replace(['%', '_', '\\'], ""))
        .filter(|w| !w.is_empty())
        .collect()
}

/// SQLite FTS5 with the trigram tokenizer (case folded, Latin diacritics
/// removed), in a file of its own on a direct connection (`rusqlite`):
/// loaded in one transaction through one prepared insert, optimized
/// (segments merged), then the page cache sized to the file. A query's
/// words of three characters or more are one `MATCH` (each a quoted
/// substring), ranked by bm25 with titles weighted as Kizuna weighs them;
/// shorter words, which a trigram index cannot look up, are `LIKE`
/// filters (alone, they scan the table). Prepared statements, cached.
struct Fts5 {
    conn: rusqlite::Connection,
    build: Duration,
    bytes: u64,
}

impl Fts5 {
    /// The documents in a new file at `path`, each with its position in
    /// `docs` (from 1) as its rowid.
    fn build(docs: &[SearchDoc], path: &Path) -> anyhow::Result<Self> {
        let conn = rusqlite::Connection::open(path).with_context(|| format!("opening {}", path.display()))?;
        conn.execute_batch(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -1048576;
             CREATE VIRTUAL TABLE bench_fts USING fts5(title, body, tokenize = 'trigram remove_diacritics 1');",
        )?;
        let t = Instant::now();
        let tx = conn.unchecked_transaction()?;
        {
            let mut insert = tx.prepare("INSERT INTO bench_fts (rowid, title, body) VALUES (?1, ?2, ?3)")?;
            for (i, d) in docs.iter().enumerate() {
                insert.execute(rusqlite::params![i as i64 + 1, titles_text(d), d.body])?;
            }
        }
        tx.commit()?;
        conn.execute_batch("INSERT INTO bench_fts (bench_fts) VALUES ('optimize');")?;
        let build = t.elapsed();
        let bytes = std::fs::metadata(path)?.len();
        // The cache holds the whole file with a quarter to spare, the file
        // is mapped too, and the one connection keeps its lock.
        let cache_kib = (bytes / 1024) * 5 / 4 + 1024;
        let mmap_size = (bytes * 2).max(64 << 20);
        conn.execute_batch(&format!(
            "PRAGMA cache_size = -{cache_kib}; PRAGMA mmap_size = {mmap_size}; PRAGMA locking_mode = EXCLUSIVE;"
        ))?;
        let _: i64 = conn.query_row(
            "SELECT (SELECT sum(length(block)) FROM bench_fts_data) + (SELECT sum(length(c0) + length(c1)) FROM bench_fts_content)",
            [],
            |r| r.get(0),
        )?;
        Ok(Self { conn, build, bytes })
    }

    /// The first ten rowids for a query.
    fn ask(&self, q: &str) -> anyhow::Result<Vec<i64>> {
        let ws = words(q);
        let (long, short): (Vec<&String>, Vec<&String>) = ws.iter().partition(|w| w.chars().count() >= 3);
        let mut sql = String::from("SELECT rowid FROM bench_fts WHERE ");
        let mut conds = Vec::new();
        let mut args: Vec<String> = Vec::new();
        if !long.is_empty() {
            conds.push("bench_fts MATCH ?".to_owned());
            args.push(
                long.iter()
                    .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        }
        for w in &short {
            conds.push("(title LIKE ? OR body LIKE ?)".to_owned());
            args.push(format!("%{w}%"));
            args.push(format!("%{w}%"));
        }
        if conds.is_empty() {
            return Ok(Vec::new());
        }
        sql.push_str(&conds.join(" AND "));
        if !long.is_empty() {
            sql.push_str(" ORDER BY bm25(bench_fts, 3.0, 1.0)");
        }
        sql.push_str(" LIMIT 10");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| r.get::<_, i64>(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn floor(&self) -> anyhow::Result<Duration> {
        let mut floor = Vec::with_capacity(1000);
        for _ in 0..1000 {
            let t = Instant::now();
            let _: i64 = self.conn.prepare_cached("SELECT 1")?.query_row([], |r| r.get(0))?;
            floor.push(t.elapsed());
        }
        floor.sort();
        Ok(percentile(&floor, 0.5))
    }
}

fn fts5(c: &Corpus, qs: &[BenchQuery], path: &Path) -> anyhow::Result<Run> {
    eprintln!("loading SQLite FTS5 (trigram)…");
    let fts = Fts5::build(&c.docs, path)?;
    let (times, answers) = measure(qs, |q| Ok(fts.ask(q)?.into_iter().map(index_of).collect()))?;
    Ok(Run {
        name: "SQLite FTS5 (trigram tokenizer)".into(),
        build: fts.build,
        bytes: fts.bytes,
        times,
        answers,
        floor: Some(fts.floor()?),
        load: LoadAverage::now(),
    })
}

/// PostgreSQL in a database of its own: the documents loaded in batches
/// (`UNNEST` of arrays) into a table with a stored `tsvector` column
/// ('simple' configuration: PostgreSQL has no Japanese or Thai parser;
/// titles weighted A, bodies B), a GIN index on it, and a GIN `pg_trgm`
/// index on the text for substring search. Both queries are prepared
/// statements on one connection.
struct Pg {
    conn: sqlx::PgConnection,
    load: Duration,
    fts_index: Duration,
    trgm_index: Duration,
    table_bytes: u64,
    fts_bytes: u64,
    trgm_bytes: u64,
    notes: Vec<String>,
}

const PG_FTS: &str = "SELECT id FROM bench_docs, to_tsquery('simple', $1) AS q
     WHERE tsv @@ q ORDER BY ts_rank(tsv, q) DESC LIMIT 10";

/// The `pg_trgm` query for `n` words: each a case-insensitive substring,
/// unranked (ranking every match by similarity would read them all).
fn pg_trgm_sql(n: usize) -> String {
    let conds: Vec<String> = (1..=n).map(|i| format!("(title || ' ' || body) ILIKE ${i}")).collect();
    format!("SELECT id FROM bench_docs WHERE {} LIMIT 10", conds.join(" AND "))
}

/// A `to_tsquery` text: every word as a prefix, all required.
fn tsquery(q: &str) -> String {
    q.split_whitespace()
        .map(|w| format!("'{}':*", w.replace('\\', "\\\\").replace('\'', "''")))
        .collect::<Vec<_>>()
        .join(" & ")
}

impl Pg {
    /// The documents, each with its position in `docs` (from 1) as its id.
    async fn build(docs: &[SearchDoc], url: &str) -> anyhow::Result<Self> {
        let mut conn = sqlx::PgConnection::connect(url).await?;
        sqlx::raw_sql(
            "CREATE EXTENSION IF NOT EXISTS pg_trgm;
             CREATE TABLE bench_docs (
                 id bigint PRIMARY KEY,
                 title text NOT NULL,
                 body text NOT NULL,
                 tsv tsvector GENERATED ALWAYS AS
                     (setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', body), 'B')) STORED
             );",
        )
        .execute(&mut conn)
        .await?;
        eprintln!("loading PostgreSQL…");
        let t = Instant::now();
        for (n, chunk) in docs.chunks(10_000).enumerate() {
            let ids: Vec<i64> = (0..chunk.len()).map(|i| (n * 10_000 + i) as i64 + 1).collect();
            let titles: Vec<String> = chunk.iter().map(titles_text).collect();
            let bodies: Vec<String> = chunk.iter().map(|d| d.body.clone()).collect();
            sqlx::query(
                "INSERT INTO bench_docs (id, title, body)
                 SELECT * FROM UNNEST($1::bigint[], $2::text[], $3::text[])",
            )
            .bind(ids)
            .bind(titles)
            .bind(bodies)
            .execute(&mut conn)
            .await?;
        }
        let load = t.elapsed();
        sqlx::raw_sql("SET maintenance_work_mem = '2GB'")
            .execute(&mut conn)
            .await?;
        eprintln!("building PostgreSQL's GIN indexes…");
        let t = Instant::now();
        sqlx::raw_sql("CREATE INDEX bench_docs_tsv ON bench_docs USING gin (tsv)")
            .execute(&mut conn)
            .await?;
        let fts_index = t.elapsed();
        let t = Instant::now();
        sqlx::raw_sql("CREATE INDEX bench_docs_trgm ON bench_docs USING gin ((title || ' ' || body) gin_trgm_ops)")
            .execute(&mut conn)
            .await?;
        let trgm_index = t.elapsed();
        sqlx::raw_sql("VACUUM ANALYZE bench_docs").execute(&mut conn).await?;
        let size = |rel: &'static str| sqlx::query_scalar::<_, i64>("SELECT pg_table_size($1::regclass)").bind(rel);
        let table_bytes = u64::try_from(size("bench_docs").fetch_one(&mut conn).await?)?;
        let fts_bytes = u64::try_from(size("bench_docs_tsv").fetch_one(&mut conn).await?)?;
        let trgm_bytes = u64::try_from(size("bench_docs_trgm").fetch_one(&mut conn).await?)?;
        let mut pg = Pg {
            conn,
            load,
            fts_index,
            trgm_index,
            table_bytes,
            fts_bytes,
            trgm_bytes,
            notes: Vec::new(),
        };
        // The plans use the indexes for a rare word (for a common one,
        // reading the table until ten rows match is rightly cheaper).
        for (label, sql, index) in [
            (
                "FTS",
                format!("EXPLAIN {}", PG_FTS.replace("$1", "'norchley:*'")),
                "bench_docs_tsv",
            ),
            (
                "pg_trgm",
                format!("EXPLAIN {}", pg_trgm_sql(1).replace("$1", "'%norchley%'")),
                "bench_docs_trgm",
            ),
        ] {
            let plan: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .fetch_all(&mut pg.conn)
                .await?;
            if !plan.iter().any(|l| l.contains(index)) {
                pg.notes.push(format!(
                    "warning: the {label} plan does not use {index}: {}",
                    plan.join(" / ")
                ));
            }
        }
        Ok(pg)
    }

    async fn fts(&mut self, q: &str) -> anyhow::Result<Vec<u32>> {
        let ids: Vec<i64> = sqlx::query_scalar(PG_FTS)
            .bind(tsquery(q))
            .fetch_all(&mut self.conn)
            .await?;
        Ok(ids.into_iter().map(index_of).collect())
    }

    async fn trgm(&mut self, q: &str) -> anyhow::Result<Vec<u32>> {
        let ws = words(q);
        if ws.is_empty() {
            return Ok(Vec::new());
        }
        let mut query = sqlx::query_scalar(sqlx::AssertSqlSafe(pg_trgm_sql(ws.len())));
        for w in &ws {
            query = query.bind(format!("%{w}%"));
        }
        let ids: Vec<i64> = query.fetch_all(&mut self.conn).await?;
        Ok(ids.into_iter().map(index_of).collect())
    }

    async fn floor(&mut self) -> anyhow::Result<Duration> {
        let mut floor = Vec::with_capacity(1000);
        for _ in 0..1000 {
            let t = Instant::now();
            let _: i32 = sqlx::query_scalar("SELECT 1").fetch_one(&mut self.conn).await?;
            floor.push(t.elapsed());
        }
        floor.sort();
        Ok(percentile(&floor, 0.5))
    }
}

/// Both PostgreSQL runs: FTS, then pg_trgm.
async fn postgres(c: &Corpus, qs: &[BenchQuery], url: &str) -> anyhow::Result<(Run, Run, Vec<String>)> {
    let mut pg = Pg::build(&c.docs, url).await?;
    let mut runs = Vec::new();
    for trgm in [false, true] {
        for q in qs {
            if trgm {
                pg.trgm(&q.text).await?;
            } else {
                pg.fts(&q.text).await?;
            }
        }
        let mut times = Vec::with_capacity(qs.len());
        let mut answers = Vec::with_capacity(qs.len());
        for q in qs {
            let t = Instant::now();
            let found = if trgm {
                pg.trgm(&q.text).await?
            } else {
                pg.fts(&q.text).await?
            };
            times.push(t.elapsed());
            answers.push(found);
        }
        let floor = pg.floor().await?;
        runs.push(Run {
            name: if trgm {
                "PostgreSQL pg_trgm (GIN trigram index, ILIKE per word)".into()
            } else {
                "PostgreSQL FTS ('simple' tsvector, GIN index)".into()
            },
            build: pg.load + if trgm { pg.trgm_index } else { pg.fts_index },
            bytes: pg.table_bytes + if trgm { pg.trgm_bytes } else { pg.fts_bytes },
            times,
            answers,
            floor: Some(floor),
            load: LoadAverage::now(),
        });
    }
    let mut notes = std::mem::take(&mut pg.notes);
    notes.push(format!(
        "PostgreSQL: loading (with the tsvector computed) {:.1} s; the GIN index on the tsvector {:.1} s ({:.0} MB), the pg_trgm GIN index {:.1} s ({:.0} MB); the table {:.0} MB (texts and tsvector).",
        pg.load.as_secs_f64(),
        pg.fts_index.as_secs_f64(),
        mb(pg.fts_bytes),
        pg.trgm_index.as_secs_f64(),
        mb(pg.trgm_bytes),
        mb(pg.table_bytes),
    ));
    pg.conn.close().await?;
    let trgm = runs.pop().context("pg_trgm run")?;
    let fts = runs.pop().context("FTS run")?;
    Ok((fts, trgm, notes))
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1_048_576.0
}

// ---------------------------------------------------------------------------
// The run and its tables.

/// recall@10 of one answer: the relevant documents among the first ten,
/// over as many as there could be (ten, or fewer relevant).
fn recall(q: &BenchQuery, answer: &[u32]) -> f64 {
    let hits = answer
        .iter()
        .take(10)
        .filter(|d| q.relevant.binary_search(d).is_ok())
        .count();
    hits as f64 / q.relevant.len().min(10) as f64
}

fn mean_recall(qs: &[BenchQuery], run: &Run, keep: impl Fn(&BenchQuery) -> bool) -> Option<f64> {
    let rs: Vec<f64> = qs
        .iter()
        .zip(&run.answers)
        .filter(|(q, _)| keep(q))
        .map(|(q, a)| recall(q, a))
        .collect();
    (!rs.is_empty()).then(|| rs.iter().sum::<f64>() / rs.len() as f64)
}

fn median_of(qs: &[BenchQuery], run: &Run, keep: impl Fn(&BenchQuery) -> bool) -> Duration {
    let mut ts: Vec<Duration> = qs
        .iter()
        .zip(&run.times)
        .filter(|(q, _)| keep(q))
        .map(|(_, t)| *t)
        .collect();
    ts.sort();
    percentile(&ts, 0.5)
}

fn ms(d: Duration) -> String {
    let v = d.as_secs_f64() * 1e3;
    if v < 10.0 { format!("{v:.2}") } else { format!("{v:.1}") }
}

fn report(o: &Options, c: &Corpus, qs: &[BenchQuery], runs: &[Run]) -> anyhow::Result<String> {
    let mut out = String::new();
    let by_lang: Vec<String> = LANGS
        .iter()
        .map(|l| format!("{} {}", l.code(), c.langs.iter().filter(|x| *x == l).count()))
        .collect();
    let by_kind: Vec<String> = KINDS
        .iter()
        .map(|(k, _)| format!("{k} {}", c.kinds.iter().filter(|x| *x == k).count()))
        .collect();
    let chars: usize = c
        .docs
        .iter()
        .map(|d| d.titles.values().map(|t| t.chars().count()).sum::<usize>() + d.body.chars().count())
        .sum();
    writeln!(
        out,
        "\n### {} documents in four languages, {} queries, top 10, one query at a time, warm\n",
        o.docs,
        qs.len()
    )?;
    writeln!(
        out,
        "Documents by language: {}; by kind: {}; {:.0} characters of titles and text each on average.\n",
        by_lang.join(", "),
        by_kind.join(", "),
        chars as f64 / c.docs.len().max(1) as f64
    )?;
    let mut sorted_times: Vec<Vec<Duration>> = runs
        .iter()
        .map(|r| {
            let mut t = r.times.clone();
            t.sort();
            t
        })
        .collect();
    let base_median = percentile(&sorted_times[0], 0.5).as_secs_f64();
    let base_p99 = percentile(&sorted_times[0], 0.99).as_secs_f64();
    writeln!(
        out,
        "| engine | indexing s | documents/s | on disk MB | median ms | p99 ms | median ÷ Kizuna's | p99 ÷ Kizuna's | round trip alone (median ms) | recall@10 | queries finding nothing | load average (1 min) |"
    )?;
    writeln!(out, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")?;
    for (r, times) in runs.iter().zip(sorted_times.iter_mut()) {
        let median = percentile(times, 0.5);
        let p99 = percentile(times, 0.99);
        writeln!(
            out,
            "| {} | {:.1} | {:.0} | {:.0} | {} | {} | {:.1}× | {:.1}× | {} | {:.3} | {} | {} |",
            r.name,
            r.build.as_secs_f64(),
            c.docs.len() as f64 / r.build.as_secs_f64().max(1e-9),
            mb(r.bytes),
            ms(median),
            ms(p99),
            median.as_secs_f64() / base_median.max(1e-12),
            p99.as_secs_f64() / base_p99.max(1e-12),
            r.floor.map_or_else(|| "—".into(), ms),
            mean_recall(qs, r, |_| true).unwrap_or(0.0),
            r.answers.iter().filter(|a| a.is_empty()).count(),
            r.load.as_ref().map_or_else(|| "—".into(), |l| format!("{:.2}", l.one)),
        )?;
    }
    let header = |out: &mut String, first: &str| -> std::fmt::Result {
        write!(out, "| {first} | queries |")?;
        for r in runs {
            write!(out, " {} |", r.name)?;
        }
        writeln!(out)?;
        write!(out, "|---|---:|")?;
        for _ in runs {
            write!(out, "---:|")?;
        }
        writeln!(out)
    };
    writeln!(out, "\nrecall@10 and median ms by kind of query:\n")?;
    header(&mut out, "kind of query")?;
    for cat in CATS {
        let n = qs.iter().filter(|q| q.cat == cat).count();
        write!(out, "| {} | {n} |", cat.label())?;
        for r in runs {
            let rec = mean_recall(qs, r, |q| q.cat == cat).unwrap_or(0.0);
            write!(out, " {rec:.3} ({} ms) |", ms(median_of(qs, r, |q| q.cat == cat)))?;
        }
        writeln!(out)?;
    }
    writeln!(out, "\nrecall@10 and median ms by the language of the query:\n")?;
    header(&mut out, "language")?;
    for lang in LANGS {
        let n = qs.iter().filter(|q| q.lang == lang).count();
        write!(out, "| {} | {n} |", lang.code())?;
        for r in runs {
            let rec = mean_recall(qs, r, |q| q.lang == lang).unwrap_or(0.0);
            write!(out, " {rec:.3} ({} ms) |", ms(median_of(qs, r, |q| q.lang == lang)))?;
        }
        writeln!(out)?;
    }
    writeln!(out, "\nExamples of the queries (relevant documents in brackets):\n")?;
    for lang in LANGS {
        let ex: Vec<String> = CATS
            .iter()
            .filter_map(|&cat| qs.iter().find(|q| q.lang == lang && q.cat == cat))
            .map(|q| format!("`{}` ({})", q.text, q.relevant.len()))
            .collect();
        writeln!(out, "- {}: {}", lang.code(), ex.join(", "))?;
    }
    Ok(out)
}

/// `kizuna bench search`.
pub async fn search(o: Options) -> anyhow::Result<()> {
    if o.docs == 0 || o.queries == 0 {
        bail!("--docs and --queries must be at least 1");
    }
    let watch = LoadWatch::start();
    let mut scratch = Scratch::default();
    eprintln!("generating {} documents…", o.docs);
    let t = Instant::now();
    let c = corpus(o.docs, 20_261_206);
    let qs = c.queries(o.queries, 16);
    eprintln!(
        "{} documents, {} distinct words, {} queries in {:.1} s",
        c.docs.len(),
        c.vocab.keys.len(),
        qs.len(),
        t.elapsed().as_secs_f64()
    );
    let dir = scratch.dir(std::env::temp_dir().join(format!("kizuna-bench-search-{}", std::process::id())))?;
    // First the small corpus, while the machine is quiet.
    let hand = hand_written(&mut scratch, &dir, o.postgres).await?;
    let mut runs = vec![kizuna(&c, &qs, &dir.join("tantivy"))?];
    // The index's files are not needed any more: room for the next.
    let _ = std::fs::remove_dir_all(dir.join("tantivy"));
    let sqlite = dir.join("fts5.sqlite3");
    runs.push(fts5(&c, &qs, &sqlite)?);
    let _ = std::fs::remove_file(&sqlite);
    let mut notes = Vec::new();
    if o.postgres {
        let url = scratch
            .fresh(Backend::Postgres)
            .await
            .context("PostgreSQL (KIZUNA_TEST_POSTGRES_URL, default 127.0.0.1:5432) for the comparison")?;
        let (fts, trgm, n) = postgres(&c, &qs, &url).await?;
        runs.push(fts);
        runs.push(trgm);
        notes.extend(n);
        scratch.release(&url).await;
    }
    print!("{}", report(&o, &c, &qs, &runs)?);
    print!("{hand}");
    for n in notes {
        println!("\n{n}");
    }
    println!("\n{}", watch.line());
    scratch.drop_all().await;
    Ok(())
}

// ---------------------------------------------------------------------------
// The hand-written queries of kizuna-app's recall test (what a user would
// type in each language, and the record they expect), over the demo and
// that test's records, in every engine.

const FIXTURE_RECORDS: &str = include_str!("../../kizuna-app/tests/search/records.json");
const FIXTURE_QUERIES: &str = include_str!("../../kizuna-app/tests/search/queries.tsv");

async fn create<R: Entity>(app: &App, input: serde_json::Value) -> anyhow::Result<R>
where
    R::Input: serde::de::DeserializeOwned + 'static,
{
    let text = input.to_string();
    let input: R::Input = serde_json::from_value(input).with_context(|| text.clone())?;
    app.create::<R>(&input).await.with_context(|| text)
}

/// A demo record by its kind's `key` column (`demo:locality:jp/hokkaido/kushiro`).
async fn demo_id(app: &App, reference: &str) -> anyhow::Result<(String, i64)> {
    let mut parts = reference.splitn(3, ':');
    let (_, kind, key) = (parts.next(), parts.next().context(reference.to_owned())?, parts.next());
    let filter = [("key", Value::Text(key.map(str::to_owned)))];
    let page = Page { limit: 1, offset: 0 };
    let id = match kind {
        "locality" => app.store.select::<Locality>(&filter, page).await?.pop().map(|r| r.id),
        "organisation" => app
            .store
            .select::<Organisation>(&filter, page)
            .await?
            .pop()
            .map(|r| r.id),
        "programme" => app.store.select::<Programme>(&filter, page).await?.pop().map(|r| r.id),
        _ => None,
    };
    Ok((
        kind.to_owned(),
        id.with_context(|| format!("{reference}: no such demo record"))?,
    ))
}

struct Fixture {
    app: App,
    docs: Vec<SearchDoc>,
    /// Language, query, the expected document's position, the rank it should reach.
    queries: Vec<(String, String, u32, usize)>,
}

/// The demo and the recall test's records in a fresh SQLite store.
async fn fixture(url: &str) -> anyhow::Result<Fixture> {
    let app = App::new(kizuna_store::Store::open(url).await?);
    app.load_demo().await?;
    let records: Vec<serde_json::Value> = serde_json::from_str(FIXTURE_RECORDS)?;
    let mut keys: HashMap<String, (String, i64)> = HashMap::new();
    for record in records {
        let key = record["key"].as_str().context("a record's key")?.to_owned();
        let kind = record["kind"].as_str().context("a record's kind")?.to_owned();
        let mut input = record["input"].clone();
        if let serde_json::Value::Object(fields) = &mut input {
            for value in fields.values_mut() {
                let Some(reference) = value.as_str().and_then(|v| v.strip_prefix('@')).map(str::to_owned) else {
                    continue;
                };
                let id = if reference.starts_with("demo:") {
                    demo_id(&app, &reference).await?.1
                } else {
                    keys.get(&reference).with_context(|| format!("{key}: {reference}"))?.1
                };
                *value = serde_json::Value::from(id);
            }
        }
        let id = match kind.as_str() {
            "locality" => create::<Locality>(&app, input).await?.id,
            "organisation" => create::<Organisation>(&app, input).await?.id,
            "person" => create::<Person>(&app, input).await?.id,
            "programme" => create::<Programme>(&app, input).await?.id,
            "activity" => create::<Activity>(&app, input).await?.id,
            "outcome" => create::<Outcome>(&app, input).await?.id,
            "placement" => create::<Placement>(&app, input).await?.id,
            "delegation" => create::<Delegation>(&app, input).await?.id,
            "place" => create::<Place>(&app, input).await?.id,
            other => bail!("{key}: unknown kind {other}"),
        };
        keys.insert(key, (kind, id));
    }
    let docs = kizuna_app::search::documents(&app).await?;
    let position: HashMap<(String, i64), u32> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| ((d.kind.clone(), d.id), i as u32))
        .collect();
    let mut queries = Vec::new();
    for line in FIXTURE_QUERIES.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [lang, query, expected, within] = cols[..] else {
            bail!("queries.tsv: four columns, not {}: {line}", cols.len());
        };
        let want = if expected.starts_with("demo:") {
            demo_id(&app, expected).await?
        } else {
            keys.get(expected)
                .cloned()
                .with_context(|| format!("{expected}: not in records.json"))?
        };
        let at = *position
            .get(&want)
            .with_context(|| format!("{expected}: not among the documents"))?;
        queries.push((lang.to_owned(), query.to_owned(), at, within.parse()?));
    }
    Ok(Fixture { app, docs, queries })
}

/// The hand-written queries in every engine: a table of how many find
/// their record in the first ten, and at the rank expected.
async fn hand_written(scratch: &mut Scratch, dir: &Path, postgres: bool) -> anyhow::Result<String> {
    eprintln!("loading the demo and the recall test's records…");
    let url = scratch.fresh(Backend::Sqlite).await?;
    let f = fixture(&url).await?;
    let mut names = vec!["Kizuna".to_owned(), "SQLite FTS5 (trigram)".to_owned()];
    let mut answers: Vec<Vec<Vec<u32>>> = Vec::new();
    // Kizuna: the app's own search, as staff (the gazetteer with the localities' names).
    let search = Search::in_memory(&f.app).await?;
    let position: HashMap<(String, i64), u32> = f
        .docs
        .iter()
        .enumerate()
        .map(|(i, d)| ((d.kind.clone(), d.id), i as u32))
        .collect();
    let mut a = Vec::new();
    for (lang, q, _, _) in &f.queries {
        let hits = search.search(&f.app, Searcher::Staff, q, &[], lang, 10).await?;
        a.push(
            hits.iter()
                .filter_map(|h| position.get(&(h.kind.clone(), h.id)).copied())
                .collect(),
        );
    }
    answers.push(a);
    let path = dir.join("hand-written.sqlite3");
    let fts = Fts5::build(&f.docs, &path)?;
    let mut a = Vec::new();
    for (_, q, _, _) in &f.queries {
        a.push(fts.ask(q)?.into_iter().map(index_of).collect());
    }
    answers.push(a);
    drop(fts);
    let _ = std::fs::remove_file(&path);
    if postgres {
        let pg_url = scratch.fresh(Backend::Postgres).await?;
        let mut pg = Pg::build(&f.docs, &pg_url).await?;
        let (mut fa, mut ta) = (Vec::new(), Vec::new());
        for (_, q, _, _) in &f.queries {
            fa.push(pg.fts(q).await?);
            ta.push(pg.trgm(q).await?);
        }
        pg.conn.close().await?;
        scratch.release(&pg_url).await;
        names.push("PostgreSQL FTS ('simple')".into());
        names.push("PostgreSQL pg_trgm".into());
        answers.push(fa);
        answers.push(ta);
    }
    drop(search);
    drop(f.app);
    scratch.release(&url).await;

    let mut out = String::new();
    writeln!(
        out,
        "\n### The hand-written queries of kizuna-app's recall test over the demo and its records ({} documents, {} queries)\n",
        f.docs.len(),
        f.queries.len()
    )?;
    writeln!(
        out,
        "Each cell: queries whose expected record is in the first ten (recall@10), and in brackets those where it is at the rank the test expects (first, or in the first three).\n"
    )?;
    write!(out, "| language | queries |")?;
    for n in &names {
        write!(out, " {n} |")?;
    }
    writeln!(out)?;
    write!(out, "|---|---:|")?;
    for _ in &names {
        write!(out, "---:|")?;
    }
    writeln!(out)?;
    let mut langs: Vec<&str> = Vec::new();
    for (l, ..) in &f.queries {
        if !langs.contains(&l.as_str()) {
            langs.push(l);
        }
    }
    langs.push("all");
    for lang in langs {
        let picked: Vec<usize> = (0..f.queries.len())
            .filter(|&i| lang == "all" || f.queries[i].0 == lang)
            .collect();
        write!(out, "| {lang} | {} |", picked.len())?;
        for a in &answers {
            let rank = |i: usize| a[i].iter().position(|&d| d == f.queries[i].2).map(|r| r + 1);
            let top10 = picked.iter().filter(|&&i| rank(i).is_some()).count();
            let at = picked
                .iter()
                .filter(|&&i| rank(i).is_some_and(|r| r <= f.queries[i].3))
                .count();
            write!(out, " {top10} ({at}) |")?;
        }
        writeln!(out)?;
    }
    Ok(out)
}
