//! Name parts for generating fictional demo people.
//!
//! Kizuna's demo data needs plausible but fictional overseas trainees
//! (administrative officials in regional development) and Japanese
//! instructors. This module holds, per country, lists of common given names
//! and family names in Latin script, romanised the way that country usually
//! does it. Combining parts at random gives ordinary-looking names; no list
//! contains the full name of a real person.
//!
//! Notes on conventions:
//! - `family` is the part written as the "surname" in international
//!   documents. Where people customarily have no family name (MM, BT, ET,
//!   and in part ID, MY, MN, MV), it holds plausible second name parts
//!   instead; see the comment on each such pool.
//! - The API has no gendered family names, so for countries whose surnames
//!   change with sex (RU and the Central Asian republics) the pools use only
//!   forms that suit both sexes; see the comment on each such pool.

/// Name parts for generating fictional people of one country.
pub struct NamePool {
    pub given_female: &'static [&'static str],
    pub given_male: &'static [&'static str],
    pub family: &'static [&'static str],
    /// true when the family name is customarily written first (JP, CN, KR,
    /// VN, KH, MN; BT for ordering reasons, see its pool).
    pub family_first: bool,
}

/// One `static` per country. Kept out of rustfmt so that the name lists stay
/// compact (it would otherwise put every name on its own line).
#[rustfmt::skip]
mod pools {
    use super::NamePool;

    // -----------------------------------------------------------------------
    // East Asia
    // -----------------------------------------------------------------------

    /// Japan. Hepburn romanisation without macrons, as in passports.
    pub(super) static JP: NamePool = NamePool {
        given_female: &[
            "Yuko", "Aya", "Haruka", "Megumi", "Naoko", "Sakura", "Tomoko", "Misaki", "Yui",
            "Keiko", "Emi", "Mai",
        ],
        given_male: &[
            "Hiroshi", "Takashi", "Kenji", "Daisuke", "Shota", "Yuta", "Kazuya", "Makoto",
            "Tetsuya", "Ryo", "Satoshi", "Naoki",
        ],
        family: &[
            "Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura",
            "Kobayashi", "Kato", "Yoshida", "Yamada", "Sasaki", "Matsumoto", "Inoue",
        ],
        family_first: true,
    };

    /// China. Hanyu Pinyin without tone marks.
    pub(super) static CN: NamePool = NamePool {
        given_female: &[
            "Xiaomei", "Jing", "Fang", "Yan", "Hui", "Xiuying", "Yue", "Ting", "Qian", "Meiling",
            "Xue", "Lina",
        ],
        given_male: &[
            "Wei", "Jun", "Hao", "Lei", "Tao", "Yong", "Jie", "Ming", "Bin", "Chao", "Gang",
            "Zhiwei",
        ],
        family: &[
            "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu",
            "Sun", "Ma", "Zhu", "Gao",
        ],
        family_first: true,
    };

    /// Mongolia. Mongolians use a patronymic (the father's given name) in place
    /// of a family name; `family` holds such patronymics, which custom writes
    /// before the given name (e.g. "Ganbat Batbayar").
    pub(super) static MN: NamePool = NamePool {
        given_female: &[
            "Oyunchimeg", "Enkhtuya", "Sarantuya", "Altantsetseg", "Bolormaa", "Narantsetseg",
            "Tsetsegmaa", "Gerelmaa", "Uranchimeg", "Munkhzul", "Anujin",
        ],
        given_male: &[
            "Batbayar", "Ganbaatar", "Bat-Erdene", "Enkhbold", "Munkhbat", "Otgonbayar",
            "Tumurbaatar", "Ganzorig", "Erdenebileg", "Byambadorj", "Nyamdavaa",
        ],
        family: &[
            "Batsukh", "Dorj", "Ganbat", "Lkhagva", "Purev", "Tserendorj", "Dashdorj", "Baatar",
            "Chuluun", "Damdin", "Gombo", "Sodnom", "Nergui", "Jargal",
        ],
        family_first: true,
    };

    /// Republic of Korea. Common passport spellings, hyphenated given names.
    pub(super) static KR: NamePool = NamePool {
        given_female: &[
            "Ji-yeon", "Min-ji", "Seo-yeon", "Hye-jin", "Eun-ji", "Su-jin", "Ha-eun", "Ji-hye",
            "Soo-min", "Da-eun", "Mi-kyung",
        ],
        given_male: &[
            "Min-jun", "Ji-hoon", "Hyun-woo", "Jae-won", "Dong-hyun", "Sung-min", "Jun-ho",
            "Young-soo", "Sang-woo", "Kyung-ho", "Jin-woo",
        ],
        family: &[
            "Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh",
            "Seo", "Shin", "Kwon",
        ],
        family_first: true,
    };

    // -----------------------------------------------------------------------
    // South-East Asia
    // -----------------------------------------------------------------------

    /// Thailand. RTGS-style romanisation as commonly used in passports.
    pub(super) static TH: NamePool = NamePool {
        given_female: &[
            "Siriporn", "Kanokwan", "Nattaya", "Pimchanok", "Wanida", "Supaporn", "Rattana",
            "Jintana", "Chutima", "Araya",
        ],
        given_male: &[
            "Somchai", "Anan", "Prasert", "Surachai", "Wichai", "Thanakorn", "Kittisak",
            "Nattapong", "Somsak", "Chaiwat",
        ],
        family: &[
            "Saetang", "Srisuk", "Wongsawat", "Thongdee", "Boonmee", "Kaewkla", "Sukprasert",
            "Rattanakul", "Jaidee", "Phromma", "Inthong", "Suwannarat",
        ],
        family_first: false,
    };

    /// Malaysia (Malay naming). Malays have no family name: the second part is
    /// the father's name, formally joined by "bin"/"binti", which is left out
    /// here because `family` is shared by both sexes.
    pub(super) static MY: NamePool = NamePool {
        given_female: &[
            "Nurul Huda", "Siti Aminah", "Nur Aisyah", "Farah", "Amirah", "Syafiqah", "Izzati",
            "Hidayah", "Aina", "Zulaikha",
        ],
        given_male: &[
            "Muhammad Faiz", "Ahmad Zaki", "Mohd Hafiz", "Amirul", "Azlan", "Syafiq", "Hakim",
            "Faizal", "Khairul", "Firdaus",
        ],
        family: &[
            "Abdullah", "Ahmad", "Ismail", "Ibrahim", "Hassan", "Yusof", "Othman", "Rahman",
            "Hamzah", "Ariffin", "Zakaria", "Mohamad",
        ],
        family_first: false,
    };

    /// Indonesia. Many Indonesians have a single name or no inherited surname;
    /// `family` mixes Batak clan names and Chinese-Indonesian surnames (real
    /// family names) with common Javanese second names, so two-part names look
    /// natural.
    pub(super) static ID: NamePool = NamePool {
        given_female: &[
            "Dewi", "Sri", "Rina", "Ayu", "Putri", "Fitri", "Indah", "Wulan", "Ratna", "Kartika",
        ],
        given_male: &[
            "Budi", "Agus", "Andi", "Eko", "Dedi", "Hendra", "Rudi", "Arif", "Yusuf", "Fajar",
            "Rizki",
        ],
        family: &[
            "Wijaya", "Santoso", "Halim", "Gunawan", "Setiawan", "Kurniawan", "Hidayat", "Siregar",
            "Nasution", "Harahap", "Lubis", "Simanjuntak",
        ],
        family_first: false,
    };

    /// Philippines.
    pub(super) static PH: NamePool = NamePool {
        given_female: &[
            "Maria Cristina", "Angelica", "Kristine", "Mary Grace", "Jennifer", "Rosalie", "Joy",
            "Maricel", "Liza", "Rhea",
        ],
        given_male: &[
            "Jose", "Mark Anthony", "John Paul", "Ramon", "Rodel", "Arnel", "Jerome", "Christian",
            "Romeo", "Eduardo", "Reynaldo",
        ],
        family: &[
            "Santos", "Reyes", "Cruz", "Bautista", "Ocampo", "Garcia", "Mendoza", "Torres",
            "Villanueva", "Ramos", "Castillo", "Dela Cruz", "Flores",
        ],
        family_first: false,
    };

    /// Viet Nam. Written family name, middle name, given name; `given_*` hold
    /// middle + given name (e.g. "Thị Lan"), with the usual diacritics.
    pub(super) static VN: NamePool = NamePool {
        given_female: &[
            "Thị Lan", "Thị Hương", "Thu Hà", "Ngọc Anh", "Thị Thảo", "Thùy Linh", "Thị Mai",
            "Phương Anh", "Hồng Nhung", "Thanh Hương",
        ],
        given_male: &[
            "Văn Hùng", "Minh Tuấn", "Văn Nam", "Đức Anh", "Quốc Huy", "Văn Thành", "Hoàng Long",
            "Xuân Trường", "Quang Minh", "Văn Dũng",
        ],
        family: &[
            "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
            "Đỗ", "Hồ", "Ngô",
        ],
        family_first: true,
    };

    /// Cambodia. Khmer custom writes the family name first.
    pub(super) static KH: NamePool = NamePool {
        given_female: &[
            "Sreymom", "Sophea", "Channary", "Bopha", "Thida", "Sreypov", "Malis", "Kunthea",
            "Raksmey", "Sreyleak",
        ],
        given_male: &[
            "Sokha", "Dara", "Vuthy", "Sophal", "Rithy", "Visal", "Chantha", "Piseth", "Sovann",
            "Vannak", "Bunthoeun",
        ],
        family: &[
            "Sok", "Chea", "Heng", "Kim", "Lim", "Meas", "Keo", "Chhay", "Ly", "Prak", "Sam",
            "Nget", "Chan", "Ouk", "Seng",
        ],
        family_first: true,
    };

    /// Lao PDR.
    pub(super) static LA: NamePool = NamePool {
        given_female: &[
            "Vanida", "Manivone", "Souksavanh", "Chanthaly", "Phetsamone", "Viengkham", "Soudaly",
            "Malaythong", "Bouavanh", "Dalavanh",
        ],
        given_male: &[
            "Somphone", "Khamphet", "Bounmy", "Souksakhone", "Phonesavanh", "Vilaysack",
            "Thongchanh", "Khamsing", "Bounthavy", "Sengphet",
        ],
        family: &[
            "Phommachanh", "Sisouphanh", "Vongsa", "Keomany", "Inthavong", "Phetsomphou",
            "Xayavong", "Douangmala", "Sengsouvanh", "Chanthavong", "Luangrath", "Sayasith",
        ],
        family_first: false,
    };

    /// Myanmar. Burmese people have no family name; a name is a sequence of
    /// syllables. `given_*` hold the first two syllables (which mark sex) and
    /// `family` holds common closing syllables used by both sexes, giving names
    /// like "Su Su Hlaing" or "Kyaw Zin Htet".
    pub(super) static MM: NamePool = NamePool {
        given_female: &[
            "Aye Aye", "Thandar", "Hnin Wai", "Su Su", "Khin Mar", "Ei Ei", "Nwe Ni", "Phyu Phyu",
            "May Zin", "Yadanar", "Thiri",
        ],
        given_male: &[
            "Kyaw Zin", "Min Khant", "Zaw Min", "Tun Tun", "Ye Yint", "Naing Lin", "Thura",
            "Kaung Khant", "Wai Yan", "Pyae Sone", "Sithu",
        ],
        family: &[
            "Win", "Myint", "Lwin", "Hlaing", "Htay", "San", "Moe", "Thu", "Nyein", "Myat", "Htet",
        ],
        family_first: false,
    };

    /// Timor-Leste. Portuguese-style names.
    pub(super) static TL: NamePool = NamePool {
        given_female: &[
            "Maria", "Ana", "Joana", "Rosa", "Teresa", "Filomena", "Madalena", "Natália", "Isabel",
            "Angelina", "Lúcia",
        ],
        given_male: &[
            "João", "Francisco", "António", "Manuel", "Domingos", "Agostinho", "Mateus", "Armando",
            "Lourenço", "Paulo", "Marcelino",
        ],
        family: &[
            "da Silva", "Soares", "dos Santos", "Pereira", "Ximenes", "Alves", "Freitas",
            "da Costa", "Martins", "Barreto", "Fernandes", "Sarmento", "Pinto", "de Jesus",
        ],
        family_first: false,
    };

    // -----------------------------------------------------------------------
    // South Asia
    // -----------------------------------------------------------------------

    /// Bangladesh.
    pub(super) static BD: NamePool = NamePool {
        given_female: &[
            "Fatema", "Nasrin", "Sharmin", "Taslima", "Rokeya", "Ayesha", "Sultana", "Farzana",
            "Nusrat", "Shirin", "Tahmina",
        ],
        given_male: &[
            "Rahim", "Kamal", "Shafiqul", "Mizanur", "Habibur", "Aminul", "Rafiq", "Tanvir",
            "Mahbub", "Jahid", "Sohel",
        ],
        family: &[
            "Rahman", "Hossain", "Islam", "Ahmed", "Chowdhury", "Khan", "Sarker", "Haque", "Alam",
            "Karim", "Talukder", "Siddique",
        ],
        family_first: false,
    };

    /// Sri Lanka (Sinhala naming).
    pub(super) static LK: NamePool = NamePool {
        given_female: &[
            "Nimali", "Dilani", "Chathurika", "Sanduni", "Kumari", "Anusha", "Thilini", "Nadeesha",
            "Ishara", "Madhavi",
        ],
        given_male: &[
            "Nuwan", "Chaminda", "Kasun", "Ruwan", "Sampath", "Tharindu", "Dinesh", "Lahiru",
            "Pradeep", "Chamara",
        ],
        family: &[
            "Perera", "Fernando", "Silva", "Jayasinghe", "Bandara", "Gunawardena", "Herath",
            "Rathnayake", "Senanayake", "Wijesinghe", "Liyanage", "Karunaratne", "Jayawardena",
        ],
        family_first: false,
    };

    /// Nepal.
    pub(super) static NP: NamePool = NamePool {
        given_female: &[
            "Sita", "Gita", "Sabina", "Anita", "Sarita", "Kamala", "Sunita", "Pooja", "Rojina",
            "Laxmi", "Manisha",
        ],
        given_male: &[
            "Ram", "Bikash", "Suresh", "Rajesh", "Sanjay", "Prakash", "Dipak", "Santosh", "Hari",
            "Binod", "Krishna",
        ],
        family: &[
            "Shrestha", "Sharma", "Adhikari", "Gurung", "Tamang", "Rai", "Thapa", "Magar", "Karki",
            "Poudel", "Koirala", "Maharjan", "Khadka", "Bhandari",
        ],
        family_first: false,
    };

    /// India.
    pub(super) static IN: NamePool = NamePool {
        given_female: &[
            "Priya", "Anjali", "Deepa", "Kavita", "Sneha", "Pooja", "Lakshmi", "Meena", "Neha",
            "Sunita", "Divya",
        ],
        given_male: &[
            "Rahul", "Amit", "Rajesh", "Sanjay", "Vikram", "Suresh", "Arun", "Ravi", "Anil",
            "Naveen", "Vivek",
        ],
        family: &[
            "Sharma", "Patel", "Singh", "Kumar", "Gupta", "Reddy", "Nair", "Iyer", "Das", "Joshi",
            "Mehta", "Rao", "Verma", "Mishra", "Pillai",
        ],
        family_first: false,
    };

    /// Pakistan.
    pub(super) static PK: NamePool = NamePool {
        given_female: &[
            "Ayesha", "Fatima", "Sana", "Amna", "Hina", "Sadia", "Rabia", "Mehwish", "Nida",
            "Saima", "Zainab",
        ],
        given_male: &[
            "Ali", "Usman", "Bilal", "Hamza", "Asad", "Faisal", "Kashif", "Adeel", "Zubair",
            "Waqas", "Junaid",
        ],
        family: &[
            "Khan", "Ahmed", "Malik", "Hussain", "Butt", "Chaudhry", "Qureshi", "Sheikh",
            "Siddiqui", "Raza", "Javed", "Mirza", "Abbasi", "Akhtar",
        ],
        family_first: false,
    };

    /// Afghanistan. Inherited surnames are not universal; `family` holds common
    /// tribal and family names of the kind used in official documents.
    pub(super) static AF: NamePool = NamePool {
        given_female: &[
            "Mariam", "Zahra", "Farzana", "Shabnam", "Parwin", "Laila", "Roya", "Freshta",
            "Khadija", "Mina",
        ],
        given_male: &[
            "Ahmad", "Mohammad", "Abdul Rahim", "Farid", "Rahmatullah", "Najib", "Sayed", "Javid",
            "Wahid", "Nasir", "Zabiullah",
        ],
        family: &[
            "Ahmadzai", "Popal", "Noori", "Hakimi", "Rahimi", "Sultani", "Amiri", "Karimi", "Safi",
            "Stanikzai", "Wardak", "Hashimi", "Mohammadi", "Azizi",
        ],
        family_first: false,
    };

    /// Bhutan. Bhutanese have no family name; a name is two given names. The
    /// first is usually used by both sexes and the second marks sex, so the
    /// shared first parts are in `family` and `family_first` is true to put
    /// them in front (e.g. "Sonam Choden", "Tshering Dorji").
    pub(super) static BT: NamePool = NamePool {
        given_female: &[
            "Choden", "Wangmo", "Lhamo", "Yangzom", "Zangmo", "Dema", "Pelzom", "Yangchen", "Deki",
            "Seldon",
        ],
        given_male: &[
            "Dorji", "Penjor", "Namgay", "Phuntsho", "Rinzin", "Sangay", "Wangdi", "Gyeltshen",
            "Tshewang", "Norbu", "Jamtsho",
        ],
        family: &[
            "Tshering", "Sonam", "Karma", "Pema", "Kinley", "Tashi", "Chimi", "Ugyen", "Kinzang",
            "Dawa", "Yeshey", "Dechen",
        ],
        family_first: true,
    };

    /// Maldives. There are no inherited family names; the second part is a
    /// second given name or the father's name.
    pub(super) static MV: NamePool = NamePool {
        given_female: &[
            "Aishath", "Mariyam", "Fathimath", "Hawwa", "Aminath", "Shifa", "Nashwa", "Zeena",
            "Raheema", "Shiuna",
        ],
        given_male: &[
            "Mohamed", "Ahmed", "Ibrahim", "Hassan", "Ali", "Hussain", "Abdulla", "Ismail", "Moosa",
            "Shifan",
        ],
        family: &[
            "Rasheed", "Shareef", "Naseer", "Hameed", "Zahir", "Saeed", "Manik", "Didi", "Riza",
            "Latheef", "Jaleel", "Fahmy", "Adam",
        ],
        family_first: false,
    };

    // -----------------------------------------------------------------------
    // Central Asia and the Caucasus
    // -----------------------------------------------------------------------

    /// Uzbekistan. Most Uzbek surnames take -ov (men) / -ova (women); since the
    /// API has one family list for both sexes, this pool uses suffix-less
    /// surnames, a form the law allows and some people have adopted.
    pub(super) static UZ: NamePool = NamePool {
        given_female: &[
            "Dilnoza", "Gulnora", "Nigora", "Malika", "Shahnoza", "Feruza", "Zarina", "Madina",
            "Nodira", "Sevara", "Dildora",
        ],
        given_male: &[
            "Aziz", "Jasur", "Bekzod", "Sardor", "Otabek", "Rustam", "Sherzod", "Ulugbek",
            "Farrukh", "Doniyor", "Jahongir",
        ],
        family: &[
            "Tursun", "Nazar", "Ergash", "Sobir", "Qodir", "Usmon", "Yusuf", "Hamdam", "Ismoil",
            "Rahmat", "Azim", "Mahmud",
        ],
        family_first: false,
    };

    /// Kazakhstan. Suffix-less surnames (without -ov/-ova or -uly/-kyzy) so
    /// that one list suits both sexes; this form is in real, growing use.
    pub(super) static KZ: NamePool = NamePool {
        given_female: &[
            "Aigerim", "Dana", "Aizhan", "Gulnara", "Saule", "Madina", "Asel", "Zhanar", "Ainur",
            "Dinara", "Aruzhan",
        ],
        given_male: &[
            "Nurlan", "Yerlan", "Daniyar", "Arman", "Askar", "Bauyrzhan", "Yerzhan", "Marat",
            "Timur", "Azamat", "Serik",
        ],
        family: &[
            "Zhaksylyk", "Kassymbek", "Tokhtar", "Nurtay", "Seitkali", "Abdrakhman", "Zhumabay",
            "Bekmukhambet", "Sarsenbay", "Ermekbay", "Omarbek", "Baimukhan", "Tulegen",
        ],
        family_first: false,
    };

    /// Kyrgyzstan. Suffix-less surnames (without -ov/-ova or uulu/kyzy) so
    /// that one list suits both sexes; Kyrgyz law allows this form.
    pub(super) static KG: NamePool = NamePool {
        given_female: &[
            "Aizada", "Aijan", "Gulzat", "Cholpon", "Aigul", "Nazgul", "Jyldyz", "Begimai",
            "Meerim", "Kanykei", "Elnura",
        ],
        given_male: &[
            "Bakyt", "Azamat", "Nurbek", "Ulan", "Ermek", "Talant", "Kubanych", "Adilet", "Bektur",
            "Chyngyz", "Almaz", "Maksat",
        ],
        family: &[
            "Toktosun", "Jumabek", "Kadyrbek", "Osmonaly", "Sydykbek", "Satybaldy", "Abylkasym",
            "Beishenaly", "Tursunbai", "Orozbek", "Usenbek", "Mamytbek",
        ],
        family_first: false,
    };

    /// Tajikistan. Tajik surnames in -zoda (and -i) are the officially promoted
    /// form and are the same for both sexes.
    pub(super) static TJ: NamePool = NamePool {
        given_female: &[
            "Nilufar", "Farangis", "Mehrangez", "Parvina", "Firuza", "Shahlo", "Nigina", "Tahmina",
            "Zulfiya", "Madina",
        ],
        given_male: &[
            "Firdavs", "Jamshed", "Farrukh", "Bahrom", "Behruz", "Umed", "Dilshod", "Shahrom",
            "Faridun", "Komron",
        ],
        family: &[
            "Rahimzoda", "Saidzoda", "Karimzoda", "Nazarzoda", "Sharifzoda", "Davlatzoda",
            "Qodirzoda", "Safarzoda", "Hakimzoda", "Yusufzoda", "Mirzozoda", "Ismoili",
        ],
        family_first: false,
    };

    /// Turkmenistan. Turkmen Latin alphabet. Suffix-less surnames (without
    /// -ow/-owa) so that one list suits both sexes.
    pub(super) static TM: NamePool = NamePool {
        given_female: &[
            "Aýgül", "Maýsa", "Jeren", "Ogulbibi", "Gözel", "Bahar", "Leýli", "Aýna", "Selbi",
            "Mähri",
        ],
        given_male: &[
            "Merdan", "Batyr", "Döwlet", "Myrat", "Kerim", "Begenç", "Rustam", "Atajan", "Döwran",
            "Maksat", "Nurmyrat",
        ],
        family: &[
            "Annamyrat", "Orazmämmet", "Hojaberdi", "Gurbanmyrat", "Amangeldi", "Nurmuhammet",
            "Allaberdi", "Baýramgeldi", "Öwezmyrat", "Gylyçdurdy", "Çaryýar", "Atabaý",
        ],
        family_first: false,
    };

    /// Azerbaijan. Azerbaijani Latin alphabet. Surnames in -li/-lı and -zadə,
    /// which are the same for both sexes, instead of -ov/-ova.
    pub(super) static AZ: NamePool = NamePool {
        given_female: &[
            "Aysel", "Günay", "Leyla", "Nigar", "Sevinc", "Aytən", "Könül", "Nərmin", "Ülviyyə",
            "Səbinə", "Aygün",
        ],
        given_male: &[
            "Elvin", "Rəşad", "Tural", "Orxan", "Kamran", "Elnur", "Vüqar", "Ramil", "Emil",
            "Fərid", "Nicat",
        ],
        family: &[
            "Həsənli", "Məmmədli", "Hüseynli", "Abbaslı", "Qasımlı", "Cəfərli", "Rəhimli",
            "Səfərli", "Kərimli", "İsmayılzadə", "Hacızadə", "Əlizadə", "Rzazadə",
        ],
        family_first: false,
    };

    /// Georgia.
    pub(super) static GE: NamePool = NamePool {
        given_female: &[
            "Nino", "Tamar", "Mariam", "Ana", "Nana", "Eka", "Salome", "Ketevan", "Natia", "Lika",
            "Sopho",
        ],
        given_male: &[
            "Giorgi", "Davit", "Levan", "Irakli", "Zurab", "Nikoloz", "Luka", "Giga", "Lasha",
            "Beka", "Tornike",
        ],
        family: &[
            "Beridze", "Kapanadze", "Gelashvili", "Maisuradze", "Giorgadze", "Lomidze", "Tsiklauri",
            "Bolkvadze", "Khutsishvili", "Nozadze", "Abashidze", "Chikovani", "Janelidze",
        ],
        family_first: false,
    };

    /// Armenia.
    pub(super) static AM: NamePool = NamePool {
        given_female: &[
            "Anahit", "Ani", "Lilit", "Mariam", "Narine", "Gayane", "Armine", "Tatevik", "Hasmik",
            "Nune", "Astghik",
        ],
        given_male: &[
            "Davit", "Hayk", "Gevorg", "Narek", "Artur", "Vahe", "Karen", "Arsen", "Ashot", "Suren",
            "Levon",
        ],
        family: &[
            "Hovhannisyan", "Grigoryan", "Harutyunyan", "Khachatryan", "Hakobyan", "Vardanyan",
            "Gevorgyan", "Mkrtchyan", "Avetisyan", "Poghosyan", "Ghazaryan", "Manukyan",
        ],
        family_first: false,
    };

    // -----------------------------------------------------------------------
    // West Asia
    // -----------------------------------------------------------------------

    /// Türkiye. Turkish alphabet.
    pub(super) static TR: NamePool = NamePool {
        given_female: &[
            "Ayşe", "Fatma", "Zeynep", "Elif", "Emine", "Merve", "Büşra", "Esra", "Selin", "Derya",
            "Özlem", "Gül",
        ],
        given_male: &[
            "Mehmet", "Mustafa", "Ahmet", "Ali", "Hüseyin", "Murat", "Emre", "Burak", "Hasan",
            "Serkan", "Kemal", "Onur",
        ],
        family: &[
            "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Aydın",
            "Özdemir", "Arslan", "Doğan", "Kılıç", "Çetin", "Koç",
        ],
        family_first: false,
    };

    /// Iran.
    pub(super) static IR: NamePool = NamePool {
        given_female: &[
            "Maryam", "Fatemeh", "Zahra", "Sara", "Leila", "Parisa", "Niloufar", "Elham", "Azadeh",
            "Somayeh", "Shirin",
        ],
        given_male: &[
            "Ali", "Mohammad", "Reza", "Hossein", "Mehdi", "Amir", "Hamid", "Saeed", "Javad",
            "Majid", "Ehsan",
        ],
        family: &[
            "Hosseini", "Ahmadi", "Rezaei", "Moradi", "Jafari", "Rahimi", "Hashemi", "Sadeghi",
            "Ghasemi", "Rostami", "Heidari", "Kazemi", "Najafi", "Akbari",
        ],
        family_first: false,
    };

    /// Iraq.
    pub(super) static IQ: NamePool = NamePool {
        given_female: &[
            "Zainab", "Noor", "Fatima", "Maryam", "Huda", "Sara", "Rusul", "Israa", "Shahad", "Aya",
            "Ban",
        ],
        given_male: &[
            "Ali", "Ahmed", "Mohammed", "Hussein", "Mustafa", "Omar", "Karrar", "Abbas", "Hasan",
            "Yasir", "Haidar",
        ],
        family: &[
            "Al-Jubouri", "Al-Obaidi", "Al-Dulaimi", "Al-Tamimi", "Al-Saadi", "Al-Khafaji",
            "Al-Rubaie", "Al-Shammari", "Al-Zubaidi", "Al-Bayati", "Al-Janabi", "Al-Hashimi",
            "Al-Azzawi",
        ],
        family_first: false,
    };

    /// Jordan.
    pub(super) static JO: NamePool = NamePool {
        given_female: &[
            "Lina", "Dana", "Hala", "Rana", "Lama", "Sawsan", "Ruba", "Haneen", "Farah", "Abeer",
            "Shereen",
        ],
        given_male: &[
            "Omar", "Khaled", "Ahmad", "Mohammad", "Yazan", "Laith", "Zaid", "Faris", "Tareq",
            "Mahmoud", "Anas",
        ],
        family: &[
            "Al-Khatib", "Haddad", "Nasser", "Al-Masri", "Al-Zoubi", "Khalil", "Al-Qudah",
            "Obeidat", "Al-Momani", "Abu Zaid", "Al-Rawashdeh", "Al-Smadi", "Hijazi",
        ],
        family_first: false,
    };

    /// Syria.
    pub(super) static SY: NamePool = NamePool {
        given_female: &[
            "Rasha", "Reem", "Nour", "Hiba", "Ghada", "Maysa", "Rima", "Yara", "Lubna", "Dima",
            "Raghad",
        ],
        given_male: &[
            "Mohammad", "Ahmad", "Fadi", "Rami", "Ammar", "Samer", "Tarek", "Wael", "Hassan",
            "Ghassan", "Firas",
        ],
        family: &[
            "Haddad", "Khoury", "Al-Halabi", "Darwish", "Shami", "Kanaan", "Al-Hamwi", "Sabbagh",
            "Nassar", "Haidar", "Al-Ahmad", "Moussa", "Hallak",
        ],
        family_first: false,
    };

    /// Palestine.
    pub(super) static PS: NamePool = NamePool {
        given_female: &[
            "Aya", "Sana", "Reem", "Hanan", "Asmaa", "Rawan", "Dalia", "Nisreen", "Manar", "Areej",
            "Salma",
        ],
        given_male: &[
            "Mohammed", "Ahmad", "Yousef", "Ibrahim", "Khalil", "Saleh", "Omar", "Ali", "Issa",
            "Sami", "Majed",
        ],
        family: &[
            "Hamdan", "Odeh", "Shaheen", "Qasem", "Jaber", "Awad", "Salameh", "Abu Hasan",
            "Al-Khatib", "Zayed", "Nofal", "Hijazi", "Mansour",
        ],
        family_first: false,
    };

    /// Yemen.
    pub(super) static YE: NamePool = NamePool {
        given_female: &[
            "Amal", "Arwa", "Bilqis", "Samira", "Afrah", "Huda", "Ebtisam", "Nadia", "Wafa",
            "Ashwaq",
        ],
        given_male: &[
            "Abdullah", "Mohammed", "Ahmed", "Abdulrahman", "Fuad", "Nabil", "Adel", "Khaled",
            "Ammar", "Waleed", "Hamoud",
        ],
        family: &[
            "Al-Hakimi", "Al-Sanani", "Al-Hadrami", "Bawazir", "Al-Maqtari", "Al-Aghbari",
            "Al-Shami", "Al-Yafei", "Al-Absi", "Al-Mikhlafi", "Al-Qadhi", "Al-Hubaishi",
        ],
        family_first: false,
    };

    /// Saudi Arabia.
    pub(super) static SA: NamePool = NamePool {
        given_female: &[
            "Noura", "Sarah", "Reem", "Maha", "Hessa", "Asma", "Ghada", "Lulwa", "Jawaher",
            "Munira", "Atheer",
        ],
        given_male: &[
            "Abdullah", "Mohammed", "Fahad", "Khalid", "Faisal", "Sultan", "Nasser", "Abdulaziz",
            "Saad", "Bandar", "Majed",
        ],
        family: &[
            "Al-Qahtani", "Al-Otaibi", "Al-Ghamdi", "Al-Harbi", "Al-Zahrani", "Al-Shahrani",
            "Al-Dosari", "Al-Mutairi", "Al-Shehri", "Al-Anazi", "Al-Subaie", "Al-Juhani",
            "Al-Malki", "Al-Rashidi",
        ],
        family_first: false,
    };

    // -----------------------------------------------------------------------
    // North Africa
    // -----------------------------------------------------------------------

    /// Egypt. Egyptian surnames are usually the father's or grandfather's name.
    pub(super) static EG: NamePool = NamePool {
        given_female: &[
            "Mona", "Heba", "Nour", "Aya", "Mariam", "Yasmin", "Dina", "Rania", "Nahla", "Amira",
            "Salma", "Shaimaa",
        ],
        given_male: &[
            "Mohamed", "Ahmed", "Mahmoud", "Mostafa", "Khaled", "Tarek", "Hany", "Karim", "Sherif",
            "Omar", "Hossam",
        ],
        family: &[
            "Hassan", "Ibrahim", "Abdel Aziz", "El-Sayed", "Farouk", "Abdelrahman", "Soliman",
            "Shawky", "Gaber", "Salem", "Youssef", "Fawzy", "Ashour",
        ],
        family_first: false,
    };

    /// Tunisia. French-style romanisation.
    pub(super) static TN: NamePool = NamePool {
        given_female: &[
            "Amira", "Ines", "Rim", "Sarra", "Mouna", "Sonia", "Olfa", "Nesrine", "Asma", "Emna",
            "Wafa",
        ],
        given_male: &[
            "Mohamed", "Ahmed", "Ali", "Karim", "Sami", "Walid", "Hichem", "Bilel", "Anis", "Mehdi",
            "Slim", "Nabil",
        ],
        family: &[
            "Ben Salah", "Gharbi", "Hammami", "Mejri", "Ayari", "Dridi", "Sassi", "Ben Amor",
            "Chaabane", "Khelifi", "Jlassi", "Mansouri", "Ben Romdhane",
        ],
        family_first: false,
    };

    /// Morocco. French-style romanisation.
    pub(super) static MA: NamePool = NamePool {
        given_female: &[
            "Fatima Zahra", "Khadija", "Salma", "Imane", "Hajar", "Meryem", "Sanae", "Nadia",
            "Houda", "Zineb", "Loubna", "Siham",
        ],
        given_male: &[
            "Mohamed", "Youssef", "Hamza", "Mehdi", "Omar", "Anas", "Yassine", "Rachid", "Khalid",
            "Hicham", "Abdelilah", "Said",
        ],
        family: &[
            "Alaoui", "El Idrissi", "Benali", "Bennani", "Tazi", "El Amrani", "Berrada", "Chraibi",
            "Lahlou", "Benjelloun", "Ouazzani", "El Fassi", "Bouzidi", "Tahiri",
        ],
        family_first: false,
    };

    /// Algeria. French-style romanisation.
    pub(super) static DZ: NamePool = NamePool {
        given_female: &[
            "Amina", "Meriem", "Sarah", "Nesrine", "Lamia", "Karima", "Samira", "Yasmine", "Nawal",
            "Souad", "Lynda", "Assia",
        ],
        given_male: &[
            "Mohamed", "Karim", "Rachid", "Sofiane", "Yacine", "Amine", "Nassim", "Bilal", "Mourad",
            "Djamel", "Walid", "Abdelkader",
        ],
        family: &[
            "Benali", "Belkacem", "Haddad", "Saidi", "Mansouri", "Bouzid", "Cherif", "Hamidi",
            "Kaci", "Benmoussa", "Khelil", "Meziane", "Larbi",
        ],
        family_first: false,
    };

    // -----------------------------------------------------------------------
    // Sub-Saharan Africa
    // -----------------------------------------------------------------------

    /// Kenya.
    pub(super) static KE: NamePool = NamePool {
        given_female: &[
            "Wanjiru", "Akinyi", "Njeri", "Wambui", "Chebet", "Faith", "Mercy", "Grace", "Nafula",
            "Mwende", "Cynthia",
        ],
        given_male: &[
            "Brian", "Kevin", "Dennis", "Joseph", "Samuel", "Daniel", "Collins", "Victor",
            "Emmanuel", "Stephen", "Kiprotich",
        ],
        family: &[
            "Kamau", "Mwangi", "Otieno", "Ochieng", "Odhiambo", "Kiprono", "Wafula", "Mutua",
            "Njoroge", "Kariuki", "Onyango", "Kiptoo", "Wekesa", "Macharia", "Omondi",
        ],
        family_first: false,
    };

    /// Tanzania.
    pub(super) static TZ: NamePool = NamePool {
        given_female: &[
            "Neema", "Rehema", "Zawadi", "Upendo", "Amina", "Mwanaisha", "Halima", "Esther",
            "Happiness", "Agnes", "Subira", "Faraja",
        ],
        given_male: &[
            "Juma", "Baraka", "Hamisi", "Emmanuel", "Joseph", "Frank", "Godfrey", "Rashidi",
            "Salim", "Daudi", "Elia", "Abdallah",
        ],
        family: &[
            "Mushi", "Mrema", "Massawe", "Msuya", "Mollel", "Shirima", "Kimaro", "Mbwambo", "Lyimo",
            "Mwakalinga", "Mwakyusa", "Chande", "Swai", "Kombo", "Magesa",
        ],
        family_first: false,
    };

    /// Uganda. Many Ugandan names mark sex (e.g. Luganda "Na-" for women), so
    /// such names appear among the given names and `family` keeps names that
    /// are used as surnames by both sexes.
    pub(super) static UG: NamePool = NamePool {
        given_female: &[
            "Sarah", "Brenda", "Joan", "Prossy", "Grace", "Esther", "Patience", "Nakato",
            "Nansubuga", "Akello",
        ],
        given_male: &[
            "Isaac", "Ronald", "Moses", "Denis", "Joseph", "Patrick", "Brian", "Emmanuel",
            "Godfrey", "Ivan", "Okello",
        ],
        family: &[
            "Mukasa", "Tumusiime", "Byaruhanga", "Kiggundu", "Ssemwogerere", "Opio", "Atwine",
            "Mugisha", "Kasozi", "Lubega", "Ainembabazi", "Wasswa", "Ochen",
        ],
        family_first: false,
    };

    /// Ethiopia. Ethiopians have no family name; the second name is the
    /// father's given name, which `family` holds.
    pub(super) static ET: NamePool = NamePool {
        given_female: &[
            "Hiwot", "Selam", "Meron", "Tigist", "Bethlehem", "Mahlet", "Saba", "Rahel", "Hanna",
            "Eden", "Tsion", "Almaz",
        ],
        given_male: &[
            "Dawit", "Yonas", "Abebe", "Tesfaye", "Getachew", "Mulugeta", "Solomon", "Henok",
            "Biruk", "Samuel", "Tewodros",
        ],
        family: &[
            "Tadesse", "Bekele", "Girma", "Alemu", "Kebede", "Worku", "Negash", "Tekle", "Desta",
            "Ayele", "Gebremedhin", "Hailu", "Abera", "Mekonnen",
        ],
        family_first: false,
    };

    /// Ghana.
    pub(super) static GH: NamePool = NamePool {
        given_female: &[
            "Akosua", "Ama", "Abena", "Efua", "Adwoa", "Yaa", "Afia", "Esi", "Akua", "Gifty",
            "Priscilla", "Comfort",
        ],
        given_male: &[
            "Kwame", "Kofi", "Kwabena", "Kojo", "Yaw", "Kwaku", "Kwasi", "Kweku", "Emmanuel",
            "Samuel", "Prince", "Ebenezer",
        ],
        family: &[
            "Mensah", "Asante", "Owusu", "Boateng", "Osei", "Ansah", "Agyeman", "Darko", "Antwi",
            "Ofori", "Amoah", "Addo", "Quaye", "Frimpong", "Adjei",
        ],
        family_first: false,
    };

    /// Nigeria (Igbo, Yoruba and Hausa names).
    pub(super) static NG: NamePool = NamePool {
        given_female: &[
            "Chiamaka", "Ngozi", "Adaeze", "Funmilayo", "Aisha", "Blessing", "Chioma", "Folake",
            "Zainab", "Ifeoma", "Bukola", "Hauwa",
        ],
        given_male: &[
            "Chinedu", "Emeka", "Tunde", "Olumide", "Ibrahim", "Musa", "Abubakar", "Oluwaseun",
            "Chukwuemeka", "Babatunde", "Uche", "Segun",
        ],
        family: &[
            "Okeke", "Adeyemi", "Okonkwo", "Bello", "Eze", "Nwosu", "Olawale", "Adebayo", "Yusuf",
            "Ogunleye", "Obi", "Danjuma", "Balogun", "Nwachukwu", "Aliyu",
        ],
        family_first: false,
    };

    /// Zambia.
    pub(super) static ZM: NamePool = NamePool {
        given_female: &[
            "Mwila", "Bupe", "Natasha", "Precious", "Mercy", "Thandiwe", "Namukolo", "Memory",
            "Mutinta", "Nchimunya",
        ],
        given_male: &[
            "Mwansa", "Chanda", "Kelvin", "Brian", "Joseph", "Lubinda", "Kabwe", "Moses", "Mumba",
            "Chilufya",
        ],
        family: &[
            "Banda", "Phiri", "Mwale", "Tembo", "Zulu", "Mulenga", "Bwalya", "Musonda", "Chisenga",
            "Kapembwa", "Sakala", "Ng'andu", "Siame", "Lungu",
        ],
        family_first: false,
    };

    /// Malawi.
    pub(super) static MW: NamePool = NamePool {
        given_female: &[
            "Tiwonge", "Tadala", "Loveness", "Ruth", "Esther", "Chisomo", "Memory", "Tamanda",
            "Dalitso", "Temwa",
        ],
        given_male: &[
            "Chikondi", "Kondwani", "Mphatso", "Madalitso", "Limbani", "Yamikani", "Blessings",
            "Innocent", "Gift", "Chimwemwe", "Wongani",
        ],
        family: &[
            "Banda", "Phiri", "Chirwa", "Kumwenda", "Nyirenda", "Gondwe", "Mhango", "Msiska",
            "Kamanga", "Mkandawire", "Nkhoma", "Mbewe", "Kachingwe",
        ],
        family_first: false,
    };

    /// Mozambique. Portuguese given names with local family names.
    pub(super) static MZ: NamePool = NamePool {
        given_female: &[
            "Ana", "Maria", "Celeste", "Lurdes", "Fátima", "Albertina", "Rosa", "Felismina",
            "Isabel", "Amélia", "Joaquina",
        ],
        given_male: &[
            "João", "Carlos", "Manuel", "António", "Samuel", "Alberto", "Fernando", "Jorge",
            "Paulo", "Celso", "Ernesto",
        ],
        family: &[
            "Macuácua", "Sitoe", "Mabunda", "Cossa", "Nhantumbo", "Tembe", "Mucavele", "Langa",
            "Matsinhe", "Cumbe", "Bila", "Chauque", "Massingue",
        ],
        family_first: false,
    };

    /// South Africa.
    pub(super) static ZA: NamePool = NamePool {
        given_female: &[
            "Thandiwe", "Nomsa", "Lerato", "Palesa", "Zanele", "Naledi", "Sibongile", "Precious",
            "Busisiwe", "Nokuthula", "Refilwe",
        ],
        given_male: &[
            "Sipho", "Thabo", "Mandla", "Themba", "Bongani", "Sibusiso", "Tshepo", "Kagiso",
            "Lwazi", "Andile", "Musa",
        ],
        family: &[
            "Dlamini", "Nkosi", "Ndlovu", "Khumalo", "Mokoena", "Mthembu", "Sithole", "Mahlangu",
            "Molefe", "Ngcobo", "Maseko", "Mabaso", "Radebe", "Naidoo", "Van der Merwe",
        ],
        family_first: false,
    };

    /// Senegal. French-style romanisation.
    pub(super) static SN: NamePool = NamePool {
        given_female: &[
            "Aminata", "Fatou", "Awa", "Mariama", "Khady", "Ndeye", "Coumba", "Astou", "Aissatou",
            "Bineta", "Rokhaya", "Adja",
        ],
        given_male: &[
            "Mamadou", "Moussa", "Ibrahima", "Cheikh", "Modou", "Babacar", "Pape", "Amadou",
            "Serigne", "Lamine", "Ousseynou",
        ],
        family: &[
            "Diop", "Ndiaye", "Fall", "Sow", "Diallo", "Sarr", "Faye", "Gueye", "Ba", "Mbaye",
            "Thiam", "Seck", "Sy", "Niang", "Ndour",
        ],
        family_first: false,
    };

    /// Cameroon.
    pub(super) static CM: NamePool = NamePool {
        given_female: &[
            "Nadège", "Carine", "Estelle", "Marie-Claire", "Sandrine", "Christelle", "Mireille",
            "Aïcha", "Béatrice", "Vanessa", "Flore",
        ],
        given_male: &[
            "Jean-Paul", "Serge", "Emmanuel", "Patrice", "Hervé", "Alain", "Boris", "Christian",
            "Ibrahim", "Yannick", "Roland",
        ],
        family: &[
            "Ngono", "Mbarga", "Fotso", "Kamga", "Atangana", "Essomba", "Fouda", "Njoya", "Mbah",
            "Manga", "Ndongo", "Tchoumi", "Nkwenti", "Tchakounte",
        ],
        family_first: false,
    };

    /// Rwanda. The Kinyarwanda name is personal rather than inherited, but it
    /// serves as the surname in documents; `family` keeps names used by both
    /// sexes.
    pub(super) static RW: NamePool = NamePool {
        given_female: &[
            "Aline", "Diane", "Clarisse", "Grace", "Jeanne", "Josiane", "Alice", "Divine",
            "Claudine", "Solange",
        ],
        given_male: &[
            "Jean Claude", "Eric", "Emmanuel", "Patrick", "Olivier", "Innocent", "Jean Bosco",
            "Fabrice", "Thierry", "Didier", "Aimable",
        ],
        family: &[
            "Iradukunda", "Ishimwe", "Mugisha", "Niyonsenga", "Nshimiyimana", "Uwizeye", "Irakoze",
            "Byiringiro", "Niyigena", "Tuyishime", "Twizeyimana",
        ],
        family_first: false,
    };

    /// Madagascar.
    pub(super) static MG: NamePool = NamePool {
        given_female: &[
            "Voahangy", "Hanitra", "Lalao", "Fanja", "Haingo", "Noro", "Mialy", "Volana", "Fara",
            "Nirina",
        ],
        given_male: &[
            "Rivo", "Tsiry", "Faniry", "Haja", "Mamy", "Solofo", "Fidy", "Toky", "Jaona", "Naina",
            "Tahiry",
        ],
        family: &[
            "Rakotoarisoa", "Randrianarivelo", "Razafindrakoto", "Rasolofo", "Andrianarisoa",
            "Rabemananjara", "Rakotomalala", "Randriamampionona", "Rajaonarison", "Rakotonirina",
            "Ratsimbazafy", "Razafimahatratra", "Andriamihaja",
        ],
        family_first: false,
    };

    // -----------------------------------------------------------------------
    // Latin America
    // -----------------------------------------------------------------------

    /// Brazil.
    pub(super) static BR: NamePool = NamePool {
        given_female: &[
            "Carolina", "Mariana", "Juliana", "Vanessa", "Camila", "Patrícia", "Aline", "Larissa",
            "Bruna", "Luciana", "Gabriela", "Renata",
        ],
        given_male: &[
            "João Pedro", "Lucas", "Gabriel", "Rafael", "Felipe", "Rodrigo", "Diego", "Bruno",
            "Marcelo", "Leandro", "André", "Eduardo",
        ],
        family: &[
            "Silva", "Santos", "Oliveira", "Souza", "Pereira", "Lima", "Ferreira", "Costa",
            "Rodrigues", "Almeida", "Carvalho", "Gomes", "Ribeiro", "Martins", "Araújo",
        ],
        family_first: false,
    };

    /// Peru.
    pub(super) static PE: NamePool = NamePool {
        given_female: &[
            "Rosa", "Carmen", "Milagros", "Luz", "Maribel", "Karina", "Yesenia", "Lucía",
            "Giuliana", "Pilar", "Flor", "Elizabeth",
        ],
        given_male: &[
            "José", "Luis", "Carlos", "Jorge", "Juan Carlos", "Miguel", "César", "Víctor", "Raúl",
            "Percy", "Wilmer", "Renzo",
        ],
        family: &[
            "Quispe", "Flores", "Rodríguez", "García", "Huamán", "Mamani", "Rojas", "Vargas",
            "Chávez", "Ramírez", "Torres", "Mendoza", "Díaz", "Condori", "Gutiérrez",
        ],
        family_first: false,
    };

    /// Bolivia.
    pub(super) static BO: NamePool = NamePool {
        given_female: &[
            "Ximena", "Claudia", "Lourdes", "Gabriela", "Paola", "Roxana", "Wara", "Sonia", "Vania",
            "Lidia", "Carla",
        ],
        given_male: &[
            "Juan", "Marcelo", "Rodrigo", "Fernando", "Wilson", "Freddy", "Gonzalo", "Rolando",
            "Edwin", "Hugo", "Iván",
        ],
        family: &[
            "Mamani", "Quispe", "Choque", "Condori", "Flores", "Vargas", "Gutiérrez", "Rojas",
            "Copa", "Limachi", "Pérez", "Justiniano", "Suárez", "Apaza", "Vaca",
        ],
        family_first: false,
    };

    /// Mexico.
    pub(super) static MX: NamePool = NamePool {
        given_female: &[
            "María Fernanda", "Guadalupe", "Alejandra", "Daniela", "Verónica", "Gabriela",
            "Adriana", "Mariana", "Ximena", "Leticia", "Rocío", "Itzel",
        ],
        given_male: &[
            "José Luis", "Juan Carlos", "Alejandro", "Miguel Ángel", "Eduardo", "Jesús",
            "Francisco", "Ricardo", "Arturo", "Fernando", "Óscar", "Héctor",
        ],
        family: &[
            "Hernández", "García", "Martínez", "López", "González", "Rodríguez", "Pérez", "Sánchez",
            "Ramírez", "Cruz", "Flores", "Gómez", "Morales", "Vázquez", "Jiménez",
        ],
        family_first: false,
    };

    /// Chile.
    pub(super) static CL: NamePool = NamePool {
        given_female: &[
            "Francisca", "Constanza", "Catalina", "Javiera", "Valentina", "Camila", "Fernanda",
            "Carolina", "Paulina", "Macarena", "Daniela", "Josefa",
        ],
        given_male: &[
            "Matías", "Sebastián", "Felipe", "Cristóbal", "Benjamín", "Nicolás", "Ignacio",
            "Rodrigo", "Diego", "Gonzalo", "Tomás", "Joaquín",
        ],
        family: &[
            "González", "Muñoz", "Rojas", "Díaz", "Pérez", "Soto", "Contreras", "Silva", "Martínez",
            "Sepúlveda", "Morales", "Rodríguez", "López", "Fuentes", "Araya",
        ],
        family_first: false,
    };

    /// Argentina.
    pub(super) static AR: NamePool = NamePool {
        given_female: &[
            "Sofía", "Florencia", "Agustina", "Lucía", "Micaela", "Julieta", "Carolina", "Valeria",
            "Romina", "Paula", "Natalia", "Belén",
        ],
        given_male: &[
            "Santiago", "Martín", "Facundo", "Nicolás", "Juan Manuel", "Lucas", "Federico",
            "Gonzalo", "Ezequiel", "Matías", "Pablo", "Leandro",
        ],
        family: &[
            "González", "Rodríguez", "Gómez", "Fernández", "López", "Díaz", "Martínez", "Pérez",
            "Romero", "Sosa", "Álvarez", "Torres", "Ruiz", "Benítez", "Acosta",
        ],
        family_first: false,
    };

    /// Colombia.
    pub(super) static CO: NamePool = NamePool {
        given_female: &[
            "Luisa Fernanda", "María Camila", "Valentina", "Natalia", "Andrea", "Paola", "Diana",
            "Lina", "Sandra", "Viviana", "Yuliana", "Ángela",
        ],
        given_male: &[
            "Andrés Felipe", "Juan David", "Juan Sebastián", "Carlos Andrés", "Jhon", "Julián",
            "Camilo", "Santiago", "Mauricio", "Diego", "Wilson", "Óscar",
        ],
        family: &[
            "Rodríguez", "Gómez", "González", "Martínez", "García", "López", "Hernández", "Sánchez",
            "Ramírez", "Pérez", "Díaz", "Muñoz", "Rojas", "Moreno", "Jiménez",
        ],
        family_first: false,
    };

    /// Panama.
    pub(super) static PA: NamePool = NamePool {
        given_female: &[
            "Yariela", "Itzel", "Dayana", "Anayansi", "Yaritza", "Kathia", "Ana", "Melissa",
            "Yessenia", "Maritza", "Gisela", "Rosa",
        ],
        given_male: &[
            "Luis", "José", "Carlos", "Rolando", "Eric", "Abdiel", "Alexis", "Roberto", "Edwin",
            "Ernesto", "Jorge", "Iván",
        ],
        family: &[
            "González", "Rodríguez", "Sánchez", "Pérez", "Castillo", "Batista", "Vega", "Ríos",
            "Herrera", "Jaén", "Moreno", "Cedeño", "Samaniego", "De León", "Barría",
        ],
        family_first: false,
    };

    /// Honduras.
    pub(super) static HN: NamePool = NamePool {
        given_female: &[
            "Karla", "Sandra", "Wendy", "Dunia", "Lesly", "Iris", "Suyapa", "Alejandra", "Gabriela",
            "Glenda", "Marlen", "Nohemí",
        ],
        given_male: &[
            "José", "Juan Carlos", "Carlos", "Luis", "Mario", "Óscar", "Héctor", "Wilmer", "Denis",
            "Elvin", "Marvin", "Ramón",
        ],
        family: &[
            "Hernández", "López", "Martínez", "Rodríguez", "Reyes", "Castro", "Mejía", "Flores",
            "Cruz", "Zelaya", "Ramos", "Aguilar", "Maradiaga", "Euceda", "Murillo",
        ],
        family_first: false,
    };

    /// Guatemala. Spanish and Maya family names.
    pub(super) static GT: NamePool = NamePool {
        given_female: &[
            "María José", "Ana Lucía", "Andrea", "Brenda", "Sonia", "Mirna", "Ingrid", "Rosa",
            "Heidy", "Glendy", "Marleny",
        ],
        given_male: &[
            "Juan José", "Carlos", "Luis Fernando", "Edgar", "Byron", "Marvin", "Rony", "Erick",
            "Julio", "Selvin", "Mynor",
        ],
        family: &[
            "López", "García", "Hernández", "Morales", "González", "Ramírez", "Castillo",
            "Cifuentes", "Tzul", "Xol", "Coc", "Ixcoy", "Batz", "Cux",
        ],
        family_first: false,
    };

    // -----------------------------------------------------------------------
    // Oceania
    // -----------------------------------------------------------------------

    /// Fiji (iTaukei names).
    pub(super) static FJ: NamePool = NamePool {
        given_female: &[
            "Mere", "Litia", "Salote", "Losana", "Ana", "Sera", "Vasemaca", "Unaisi", "Akanisi",
            "Luisa", "Kelera",
        ],
        given_male: &[
            "Josaia", "Sakiusa", "Jone", "Isikeli", "Viliame", "Tevita", "Samuela", "Apisai",
            "Peni", "Maika", "Jioji", "Eroni",
        ],
        family: &[
            "Waqa", "Naivalu", "Tabua", "Qalo", "Koroi", "Nawaqa", "Tuivaga", "Vunibola", "Delai",
            "Bulavou", "Senikau", "Lomani",
        ],
        family_first: false,
    };

    /// Papua New Guinea.
    pub(super) static PG: NamePool = NamePool {
        given_female: &[
            "Mary", "Grace", "Ruth", "Agnes", "Margaret", "Elizabeth", "Rose", "Dorcas", "Lucy",
            "Naomi", "Josephine", "Helen",
        ],
        given_male: &[
            "John", "Peter", "Michael", "Joseph", "Paul", "Samuel", "David", "Thomas", "Kila",
            "Raymond", "Ben",
        ],
        family: &[
            "Kuman", "Wari", "Aisi", "Morea", "Tau", "Gari", "Koim", "Kimas", "Yambi", "Pokana",
            "Kaupa", "Siune", "Wani",
        ],
        family_first: false,
    };

    // -----------------------------------------------------------------------
    // Europe
    // -----------------------------------------------------------------------

    /// Russia. Most Russian surnames change with sex (-ov/-ova, -in/-ina,
    /// -sky/-skaya); since `family` is shared, this pool uses only surnames that
    /// do not (-ykh/-ikh, -enko, -chuk, and consonant-final ones like "Moroz").
    pub(super) static RU: NamePool = NamePool {
        given_female: &[
            "Anna", "Elena", "Olga", "Tatiana", "Natalia", "Irina", "Ekaterina", "Maria",
            "Svetlana", "Yulia", "Anastasia", "Daria",
        ],
        given_male: &[
            "Alexander", "Dmitry", "Sergey", "Andrey", "Alexey", "Mikhail", "Ivan", "Nikolai",
            "Pavel", "Maxim", "Artyom", "Roman",
        ],
        family: &[
            "Chernykh", "Sedykh", "Belykh", "Dolgikh", "Molodykh", "Kruglykh", "Kovalenko",
            "Bondarenko", "Tkachenko", "Moroz", "Zhuk", "Kovalchuk", "Gerasimenko",
        ],
        family_first: false,
    };

    /// Ukraine. Official Ukrainian transliteration. Surnames in -enko, -uk/-chuk
    /// and -yk are the same for both sexes.
    pub(super) static UA: NamePool = NamePool {
        given_female: &[
            "Olena", "Iryna", "Oksana", "Nataliia", "Tetiana", "Yuliia", "Kateryna", "Anastasiia",
            "Viktoriia", "Svitlana", "Halyna", "Mariia",
        ],
        given_male: &[
            "Oleksandr", "Andrii", "Serhii", "Dmytro", "Volodymyr", "Mykola", "Petro", "Ivan",
            "Vasyl", "Taras", "Bohdan", "Oleh",
        ],
        family: &[
            "Shevchuk", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Oliinyk", "Boiko",
            "Rudenko", "Savchuk", "Polishchuk", "Kravchuk", "Tkachuk", "Koval", "Ponomarenko",
            "Hnatiuk",
        ],
        family_first: false,
    };
}

// ---------------------------------------------------------------------------
// Lookup
// ---------------------------------------------------------------------------

/// Every code with a pool, sorted; kept in step with `name_pool` by tests.
static COUNTRIES: &[&str] = &[
    "AF", "AM", "AR", "AZ", "BD", "BO", "BR", "BT", "CL", "CM", "CN", "CO", "DZ", "EG", "ET", "FJ", "GE", "GH", "GT",
    "HN", "ID", "IN", "IQ", "IR", "JO", "JP", "KE", "KG", "KH", "KR", "KZ", "LA", "LK", "MA", "MG", "MM", "MN", "MV",
    "MW", "MX", "MY", "MZ", "NG", "NP", "PA", "PE", "PG", "PH", "PK", "PS", "RU", "RW", "SA", "SN", "SY", "TH", "TJ",
    "TL", "TM", "TN", "TR", "TZ", "UA", "UG", "UZ", "VN", "YE", "ZA", "ZM",
];

/// The pool for an ISO 3166-1 alpha-2 code (uppercase), or None when the country has none.
pub fn name_pool(country: &str) -> Option<&'static NamePool> {
    use pools::*;

    let pool = match country {
        "AF" => &AF,
        "AM" => &AM,
        "AR" => &AR,
        "AZ" => &AZ,
        "BD" => &BD,
        "BO" => &BO,
        "BR" => &BR,
        "BT" => &BT,
        "CL" => &CL,
        "CM" => &CM,
        "CN" => &CN,
        "CO" => &CO,
        "DZ" => &DZ,
        "EG" => &EG,
        "ET" => &ET,
        "FJ" => &FJ,
        "GE" => &GE,
        "GH" => &GH,
        "GT" => &GT,
        "HN" => &HN,
        "ID" => &ID,
        "IN" => &IN,
        "IQ" => &IQ,
        "IR" => &IR,
        "JO" => &JO,
        "JP" => &JP,
        "KE" => &KE,
        "KG" => &KG,
        "KH" => &KH,
        "KR" => &KR,
        "KZ" => &KZ,
        "LA" => &LA,
        "LK" => &LK,
        "MA" => &MA,
        "MG" => &MG,
        "MM" => &MM,
        "MN" => &MN,
        "MV" => &MV,
        "MW" => &MW,
        "MX" => &MX,
        "MY" => &MY,
        "MZ" => &MZ,
        "NG" => &NG,
        "NP" => &NP,
        "PA" => &PA,
        "PE" => &PE,
        "PG" => &PG,
        "PH" => &PH,
        "PK" => &PK,
        "PS" => &PS,
        "RU" => &RU,
        "RW" => &RW,
        "SA" => &SA,
        "SN" => &SN,
        "SY" => &SY,
        "TH" => &TH,
        "TJ" => &TJ,
        "TL" => &TL,
        "TM" => &TM,
        "TN" => &TN,
        "TR" => &TR,
        "TZ" => &TZ,
        "UA" => &UA,
        "UG" => &UG,
        "UZ" => &UZ,
        "VN" => &VN,
        "YE" => &YE,
        "ZA" => &ZA,
        "ZM" => &ZM,
        _ => return None,
    };
    Some(pool)
}

/// The alpha-2 codes that have a pool, sorted.
pub fn countries_with_pools() -> &'static [&'static str] {
    COUNTRIES
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// The codes the demo data needs; every one must have a pool.
    const REQUIRED: &[&str] = &[
        "JP", "TH", "MY", "ID", "PH", "VN", "KH", "LA", "MM", "CN", "MN", "KR", "BD", "LK", "NP", "IN", "PK", "AF",
        "BT", "MV", "TL", "UZ", "KZ", "KG", "TJ", "TM", "AZ", "GE", "AM", "TR", "IR", "IQ", "JO", "SY", "PS", "YE",
        "SA", "EG", "TN", "MA", "DZ", "KE", "TZ", "UG", "ET", "GH", "NG", "ZM", "MW", "MZ", "ZA", "SN", "CM", "RW",
        "MG", "BR", "PE", "BO", "MX", "CL", "AR", "CO", "PA", "HN", "GT", "FJ", "PG", "RU", "UA",
    ];

    fn check_list(code: &str, what: &str, list: &[&str], min: usize, max: usize) {
        assert!(!list.is_empty(), "{code}: {what} is empty");
        assert!(
            (min..=max).contains(&list.len()),
            "{code}: {what} has {} entries, expected {min}..={max}",
            list.len()
        );
        let mut seen = HashSet::new();
        for name in list {
            assert!(!name.is_empty(), "{code}: empty entry in {what}");
            assert_eq!(name.trim(), *name, "{code}: stray whitespace in {what}: {name:?}");
            assert!(!name.contains("  "), "{code}: double space in {what}: {name:?}");
            assert!(seen.insert(*name), "{code}: duplicate {name:?} in {what}");
        }
    }

    #[test]
    fn every_required_country_has_a_full_pool() {
        for code in REQUIRED {
            let pool = name_pool(code).unwrap_or_else(|| panic!("no pool for {code}"));
            check_list(code, "given_female", pool.given_female, 8, 12);
            check_list(code, "given_male", pool.given_male, 8, 12);
            check_list(code, "family", pool.family, 10, 15);
        }
    }

    #[test]
    fn every_listed_country_has_a_full_pool() {
        for code in countries_with_pools() {
            let pool = name_pool(code).unwrap_or_else(|| panic!("listed {code} has no pool"));
            check_list(code, "given_female", pool.given_female, 8, 12);
            check_list(code, "given_male", pool.given_male, 8, 12);
            check_list(code, "family", pool.family, 10, 15);
        }
    }

    #[test]
    fn country_list_is_sorted_and_unique() {
        let list = countries_with_pools();
        assert!(
            list.windows(2).all(|w| w[0] < w[1]),
            "countries_with_pools() is not strictly sorted"
        );
        for code in list {
            assert_eq!(code.len(), 2, "{code} is not a two-letter code");
            assert!(code.bytes().all(|b| b.is_ascii_uppercase()), "{code} is not uppercase");
        }
    }

    #[test]
    fn country_list_matches_name_pool() {
        let listed: HashSet<&str> = countries_with_pools().iter().copied().collect();
        for a in b'A'..=b'Z' {
            for b in b'A'..=b'Z' {
                let code = String::from_utf8(vec![a, b]).unwrap();
                assert_eq!(
                    name_pool(&code).is_some(),
                    listed.contains(code.as_str()),
                    "name_pool and countries_with_pools() disagree on {code}"
                );
            }
        }
        for code in REQUIRED {
            assert!(listed.contains(code), "{code} missing from countries_with_pools()");
        }
    }

    #[test]
    fn unknown_and_malformed_codes_have_no_pool() {
        assert!(name_pool("").is_none());
        assert!(name_pool("jp").is_none());
        assert!(name_pool("JPN").is_none());
        assert!(name_pool("XX").is_none());
    }

    #[test]
    fn family_first_follows_custom() {
        for code in ["JP", "CN", "KR", "VN", "KH", "MN", "BT"] {
            assert!(name_pool(code).unwrap().family_first, "{code} should be family-first");
        }
        for code in ["TH", "IN", "RU", "BR", "MM", "ID", "UA"] {
            assert!(!name_pool(code).unwrap().family_first, "{code} should be given-first");
        }
    }

    #[test]
    fn pools_are_distinct() {
        // Guard against a copy-paste slip mapping two codes to the same static.
        let mut seen = HashSet::new();
        for code in countries_with_pools() {
            let ptr = name_pool(code).unwrap() as *const NamePool as usize;
            assert!(seen.insert(ptr), "{code} shares a pool with another code");
        }
    }
}
