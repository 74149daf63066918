//! The synthetic documents: word lists written for this benchmark (the
//! names made up from parts) and the deterministic generator.

use super::*;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Lang {
    Ja,
    Th,
    Ms,
    En,
}

pub(super) const LANGS: [Lang; 4] = [Lang::Ja, Lang::Th, Lang::Ms, Lang::En];

impl Lang {
    pub(super) fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::Th => "th",
            Lang::Ms => "ms",
            Lang::En => "en",
        }
    }
}

#[rustfmt::skip]
pub(super) const JA_TOPICS: &[&str] = &[
    "研修", "交流", "観光", "農業", "漁業", "教育", "医療", "環境", "技術", "地域", "協力", "支援", "計画", "事業",
    "活動", "成果", "報告", "会議", "訪問", "派遣", "大学", "病院", "学校", "港湾", "空港", "温泉", "公園",
    "博物館", "図書館", "市場", "水産加工", "酪農", "防災", "看護", "介護", "日本語", "通訳", "青年", "女性",
    "子ども", "高齢者", "再生可能エネルギー", "食品", "衛生", "品質管理", "輸出", "ハラール", "ボランティア",
    "セミナー", "ワークショップ", "インターン", "ネットワーク", "国際", "文化", "料理", "祭り", "森林", "湿原",
    "野生動物", "港",
];
pub(super) const JA_PARTICLES: &[&str] = &["の", "と", "を", "に", "で", "や", "における", "のための"];
#[rustfmt::skip]
pub(super) const JA_PLACE_KINDS: &[&str] = &[
    "ハラール食堂", "ラーメン店", "カフェ", "ホテル", "モスク", "祈祷室", "レストラン", "寿司店", "土産店", "旅館",
];
pub(super) const JA_ORG_KINDS: &[&str] = &["協会", "組合", "財団", "大学", "株式会社", "市役所"];

#[rustfmt::skip]
pub(super) const TH_TOPICS: &[&str] = &[
    "การท่องเที่ยว", "เกษตรกรรม", "ประมง", "การศึกษา", "การแพทย์", "สิ่งแวดล้อม", "เทคโนโลยี", "ชุมชน",
    "ความร่วมมือ", "การสนับสนุน", "โครงการ", "กิจกรรม", "ผลลัพธ์", "รายงาน", "การประชุม", "การเยี่ยมชม",
    "มหาวิทยาลัย", "โรงพยาบาล", "โรงเรียน", "ท่าเรือ", "สนามบิน", "น้ำพุร้อน", "สวนสาธารณะ", "พิพิธภัณฑ์",
    "ห้องสมุด", "ตลาด", "แปรรูปสัตว์น้ำ", "โคนม", "ภัยพิบัติ", "พยาบาล", "ผู้สูงอายุ", "ภาษาญี่ปุ่น", "ล่าม",
    "เยาวชน", "สตรี", "เด็ก", "พลังงานหมุนเวียน", "อาหาร", "สุขอนามัย", "คุณภาพ", "ส่งออก", "ฮาลาล",
    "อาสาสมัคร", "สัมมนา", "ฝึกอบรม", "แลกเปลี่ยน", "เครือข่าย", "วัฒนธรรม", "ป่าไม้", "วิทยุ", "วิทยา",
];
pub(super) const TH_JOINERS: &[&str] = &["และ", "ของ", "ใน", "เพื่อ", "กับ"];
#[rustfmt::skip]
pub(super) const TH_PLACE_KINDS: &[&str] = &[
    "ร้านอาหาร", "ร้านกาแฟ", "โรงแรม", "มัสยิด", "ห้องละหมาด", "ร้านราเมน", "ร้านซูชิ", "ร้านของฝาก",
];
pub(super) const TH_ORG_KINDS: &[&str] = &["สมาคม", "สหกรณ์", "มูลนิธิ", "มหาวิทยาลัย", "บริษัท"];

#[rustfmt::skip]
pub(super) const MS_TOPICS: &[&str] = &[
    "pelancongan", "pertanian", "perikanan", "pendidikan", "perubatan", "alam sekitar", "teknologi", "komuniti",
    "kerjasama", "sokongan", "rancangan", "projek", "aktiviti", "hasil", "laporan", "mesyuarat", "lawatan",
    "universiti", "hospital", "sekolah", "pelabuhan", "lapangan terbang", "mata air panas", "taman", "muzium",
    "perpustakaan", "pasar", "pemprosesan makanan laut", "tenusu", "bencana", "jururawat", "warga emas",
    "bahasa Jepun", "jurubahasa", "belia", "wanita", "remaja", "tenaga boleh diperbaharui", "makanan",
    "kebersihan", "kualiti", "eksport", "halal", "sukarelawan", "seminar", "bengkel", "latihan", "pertukaran",
    "rangkaian", "budaya", "hutan",
];
pub(super) const MS_JOINERS: &[&str] = &["dan", "untuk", "di", "dengan", "bagi"];
#[rustfmt::skip]
pub(super) const MS_PLACE_KINDS: &[&str] = &[
    "Restoran", "Kafe", "Hotel", "Masjid", "Surau", "Kedai Ramen", "Kedai Sushi", "Kedai Cenderamata",
];
pub(super) const MS_ORG_KINDS: &[&str] = &["Persatuan", "Koperasi", "Yayasan", "Universiti", "Syarikat"];

#[rustfmt::skip]
pub(super) const EN_TOPICS: &[&str] = &[
    "tourism", "agriculture", "fisheries", "education", "medicine", "environment", "technology", "community",
    "cooperation", "support", "plan", "project", "activity", "outcome", "report", "meeting", "visit",
    "university", "hospital", "school", "harbour", "airport", "hot spring", "park", "museum", "library",
    "market", "seafood processing", "dairy", "disaster", "nursing", "elderly care", "Japanese language",
    "interpreter", "youth", "women", "children", "renewable energy", "food", "hygiene", "quality", "export",
    "halal", "volunteer", "seminar", "workshop", "training", "exchange", "network", "culture", "forest",
    "wetland", "wildlife",
];
pub(super) const EN_JOINERS: &[&str] = &["and", "for", "in", "with", "of", "the"];
#[rustfmt::skip]
pub(super) const EN_PLACE_KINDS: &[&str] = &[
    "Restaurant", "Cafe", "Hotel", "Mosque", "Prayer Room", "Ramen Shop", "Sushi Bar", "Gift Shop", "Inn",
];
pub(super) const EN_ORG_KINDS: &[&str] = &["Association", "Cooperative", "Foundation", "University", "Company"];

/// Cities in English (and Malay), Japanese and Thai: the gazetteer's.
#[rustfmt::skip]
pub(super) const CITIES: &[(&str, &str, &str)] = &[
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
pub(super) type Part = (&'static str, &'static str, &'static str);
#[rustfmt::skip]
pub(super) const JA_FAMILY_1: &[Part] = &[
    ("佐", "サ", "sa"), ("高", "タカ", "taka"), ("田", "タ", "ta"), ("中", "ナカ", "naka"), ("山", "ヤマ", "yama"),
    ("小", "コ", "ko"), ("石", "イシ", "ishi"), ("松", "マツ", "matsu"), ("井", "イ", "i"), ("木", "キ", "ki"),
    ("村", "ムラ", "mura"), ("林", "ハヤ", "haya"), ("清", "キヨ", "kiyo"), ("森", "モリ", "mori"), ("池", "イケ", "ike"),
    ("橋", "ハシ", "hashi"), ("阿", "ア", "a"), ("藤", "フジ", "fuji"), ("岡", "オカ", "oka"), ("川", "カワ", "kawa"),
];
#[rustfmt::skip]
pub(super) const JA_FAMILY_2: &[Part] = &[
    ("藤", "トウ", "to"), ("橋", "ハシ", "hashi"), ("中", "ナカ", "naka"), ("田", "タ", "ta"), ("本", "モト", "moto"),
    ("口", "グチ", "guchi"), ("村", "ムラ", "mura"), ("林", "バヤシ", "bayashi"), ("野", "ノ", "no"), ("川", "カワ", "kawa"),
    ("原", "ハラ", "hara"), ("井", "イ", "i"), ("崎", "サキ", "saki"), ("島", "シマ", "shima"), ("谷", "ヤ", "ya"),
    ("沢", "サワ", "sawa"), ("部", "ベ", "be"), ("内", "ウチ", "uchi"), ("上", "ガミ", "gami"), ("木", "キ", "ki"),
];
#[rustfmt::skip]
pub(super) const JA_GIVEN_1: &[Part] = &[
    ("花", "ハナ", "hana"), ("美", "ミ", "mi"), ("健", "ケン", "ken"), ("大", "ダイ", "dai"), ("翔", "ショウ", "sho"),
    ("陽", "ヨウ", "yo"), ("真", "マ", "ma"), ("優", "ユウ", "yu"), ("悠", "ハル", "haru"), ("結", "ユイ", "yui"),
    ("蒼", "ソウ", "so"), ("彩", "アヤ", "aya"), ("直", "ナオ", "nao"), ("千", "チ", "chi"), ("和", "カズ", "kazu"),
    ("智", "トモ", "tomo"), ("光", "ヒカ", "hika"), ("春", "ハル", "haru"), ("夏", "ナツ", "natsu"), ("秋", "アキ", "aki"),
];
#[rustfmt::skip]
pub(super) const JA_GIVEN_2: &[Part] = &[
    ("子", "コ", "ko"), ("太", "タ", "ta"), ("斗", "ト", "to"), ("介", "スケ", "suke"), ("輝", "キ", "ki"),
    ("菜", "ナ", "na"), ("奈", "ナ", "na"), ("也", "ヤ", "ya"), ("樹", "キ", "ki"), ("人", "ト", "to"),
    ("香", "カ", "ka"), ("希", "キ", "ki"), ("実", "ミ", "mi"), ("里", "リ", "ri"), ("乃", "ノ", "no"),
    ("一", "イチ", "ichi"), ("郎", "ロウ", "ro"), ("恵", "エ", "e"), ("月", "ツキ", "tsuki"), ("海", "ミ", "mi"),
];
/// Thai name syllables and their Latin spelling.
pub(super) type ThPart = (&'static str, &'static str);
#[rustfmt::skip]
pub(super) const TH_GIVEN_1: &[ThPart] = &[
    ("สม", "som"), ("ศรี", "si"), ("สุ", "su"), ("ประ", "pra"), ("วิ", "wi"), ("อ", "a"), ("จัน", "chan"),
    ("กิต", "kit"), ("ธน", "thon"), ("ปิ", "pi"), ("นภ", "nop"), ("พิม", "phim"), ("รัช", "rat"), ("อุ", "u"),
    ("มา", "ma"), ("ชล", "chon"), ("ณัฐ", "nat"), ("ภู", "phu"), ("กมล", "kamon"), ("เอก", "ek"),
];
#[rustfmt::skip]
pub(super) const TH_GIVEN_2: &[ThPart] = &[
    ("ชาย", "chai"), ("ดา", "da"), ("พร", "phon"), ("ชัย", "chai"), ("นี", "ni"), ("ศักดิ์", "sak"), ("ภา", "pha"),
    ("เพ็ญ", "phen"), ("รัตน์", "rat"), ("ทิพย์", "thip"), ("วรรณ", "wan"), ("กานต์", "kan"), ("ธิดา", "thida"),
    ("พล", "phon"), ("ลักษณ์", "lak"), ("ณี", "ni"), ("สิทธิ์", "sit"), ("ยา", "ya"), ("วุฒิ", "wut"), ("ญา", "ya"),
];
#[rustfmt::skip]
pub(super) const TH_FAMILY: &[ThPart] = &[
    ("ศรี", "si"), ("วง", "wong"), ("ทอง", "thong"), ("แก้ว", "kaeo"), ("มณี", "mani"), ("สุข", "suk"),
    ("เจริญ", "charoen"), ("บุญ", "bun"), ("รุ่ง", "rung"), ("เรือง", "rueang"), ("กุล", "kun"), ("พันธ์", "phan"),
    ("ศิริ", "siri"), ("สกุล", "sakun"), ("ชัย", "chai"), ("วัฒน์", "wat"), ("ประเสริฐ", "prasoet"), ("นาค", "nak"),
    ("ทรัพย์", "sap"), ("ดี", "di"),
];
pub(super) const MS_NAME_1: &[&str] = &[
    "A", "Ha", "Fa", "Ri", "Za", "Na", "Sya", "Mi", "Ai", "Nu", "Ka", "Lu", "Ra", "Sa", "I", "Zu",
];
#[rustfmt::skip]
pub(super) const MS_NAME_2: &[&str] = &[
    "mir", "rid", "fiz", "kim", "lan", "dah", "mah", "syah", "man", "nah", "zan", "ril", "ruf", "din", "fa", "ni",
];
#[rustfmt::skip]
pub(super) const EN_GIVEN: &[&str] = &[
    "Emma", "Oliver", "Grace", "Henry", "Alice", "Jack", "Ruby", "Leo", "Chloe", "Noah", "Ella", "Isaac", "Mia",
    "Lucas", "Amelia", "Owen", "Hannah", "Adam", "Sophie", "Ethan", "Laura", "Daniel", "Zoe", "Samuel", "Clara",
    "Finn", "Eva", "Hugo", "Iris", "Jonah", "Lily", "Max", "Nora", "Oscar", "Paula", "Rosa", "Simon", "Tess",
    "Victor", "Wendy",
];
#[rustfmt::skip]
pub(super) const EN_FAMILY_1: &[&str] = &[
    "Ash", "Brook", "Clay", "Dun", "Fair", "Glen", "Hart", "Kings", "Lang", "Mor", "North", "Pem", "Ridge", "Stan",
    "Thorn", "Wes", "Whit", "Yar",
];
#[rustfmt::skip]
pub(super) const EN_FAMILY_2: &[&str] = &[
    "ford", "ley", "wood", "ton", "field", "more", "by", "well", "worth", "croft", "dale", "ham",
];

// ---------------------------------------------------------------------------
// The corpus and what each document holds.

/// Words (units) as the generator wrote them, interned. A unit's key says
/// its script: `lat:` Latin (lower case), `ja:`, `th:`, or `place:` (a city
/// in whichever script).
#[derive(Default)]
pub(super) struct Vocab {
    pub(super) ids: HashMap<String, u32>,
    pub(super) keys: Vec<String>,
}

impl Vocab {
    pub(super) fn id(&mut self, key: &str) -> u32 {
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
pub(super) struct PersonName {
    pub(super) lang: Lang,
    /// The full name in its own script (Japanese: kanji with no space).
    pub(super) native: String,
    /// Its two parts: Japanese family then given, the others given then family.
    pub(super) native_units: [u32; 2],
    /// The name in Latin letters, given name first (the `en` title).
    pub(super) latin: String,
    /// The family name in Latin letters (Malay: the father's name) and its unit.
    pub(super) latin_family: String,
    pub(super) latin_family_unit: u32,
    /// Japanese only: the reading in katakana (`kana` title) and the units
    /// of the family and given names' readings.
    pub(super) kana: Option<(String, [u32; 2])>,
}

impl PersonName {
    pub(super) fn units(&self, vocab: &mut Vocab) -> Vec<u32> {
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

pub(super) struct Corpus {
    pub(super) docs: Vec<SearchDoc>,
    pub(super) langs: Vec<Lang>,
    pub(super) kinds: Vec<&'static str>,
    /// Units of each document (title and body), by offsets.
    pub(super) units: Vec<u32>,
    pub(super) offsets: Vec<usize>,
    /// Documents (indexes) holding each unit, ascending.
    pub(super) postings: Vec<Vec<u32>>,
    pub(super) vocab: Vocab,
    pub(super) persons: Vec<PersonName>,
    /// Topic units of each language (for single-word queries).
    pub(super) topics: [Vec<u32>; 4],
}

pub(super) struct DocBuilder<'a> {
    pub(super) vocab: &'a mut Vocab,
    pub(super) units: Vec<u32>,
}

impl DocBuilder<'_> {
    /// Notes the units of a Latin text (its words) and returns it.
    pub(super) fn latin(&mut self, text: &str) -> String {
        for w in text.split_whitespace() {
            let u = self.vocab.id(&format!("lat:{}", w.to_lowercase()));
            self.units.push(u);
        }
        text.to_owned()
    }

    pub(super) fn script(&mut self, lang: Lang, word: &str) -> String {
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

    pub(super) fn city(&mut self, lang: Lang, c: usize) -> String {
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
pub(super) fn skewed(rng: &mut SplitMix, n: usize) -> usize {
    ((n as f64 * rng.unit().powf(2.0)) as usize).min(n - 1)
}

pub(super) fn pick<'a, T>(rng: &mut SplitMix, xs: &'a [T]) -> &'a T {
    &xs[(rng.next_u64() % xs.len() as u64) as usize]
}

pub(super) fn topics(lang: Lang) -> &'static [&'static str] {
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
pub(super) fn phrase(b: &mut DocBuilder<'_>, rng: &mut SplitMix, lang: Lang, n: usize, city: Option<usize>) -> String {
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
pub(super) fn body(b: &mut DocBuilder<'_>, rng: &mut SplitMix, lang: Lang, cities: usize) -> String {
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

pub(super) fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A made-up name in `lang`.
pub(super) fn person_name(vocab: &mut Vocab, rng: &mut SplitMix, lang: Lang) -> PersonName {
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
pub(super) const KINDS: &[(&str, f64)] = &[
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

pub(super) fn kind_of(u: f64) -> &'static str {
    let mut acc = 0.0;
    for &(k, share) in KINDS {
        acc += share;
        if u < acc {
            return k;
        }
    }
    "person"
}

pub(super) fn lang_of(u: f64) -> Lang {
    match u {
        u if u < 0.30 => Lang::Ja,
        u if u < 0.55 => Lang::Th,
        u if u < 0.75 => Lang::Ms,
        _ => Lang::En,
    }
}

/// `n` documents, the same for the same `n` and seed.
pub(super) fn corpus(n: usize, seed: u64) -> Corpus {
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
