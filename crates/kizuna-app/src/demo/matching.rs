//! Fictional localities and organisations for the matchmaker to rank: 30
//! towns in Japan and 60 abroad (six in each of Thailand, Malaysia,
//! Indonesia, Viet Nam, the Philippines, Cambodia, Laos, Mongolia, Sri
//! Lanka and Myanmar), an organisation for each Japanese town and for two
//! in three abroad, what each offers and seeks, the links between them and
//! the partnership programmes some of the links are, with their outcomes.
//! Every name ends in "(demo)"; the generator is seeded, so every store
//! gets the same records.
//!
//! How the links come about (the process the evaluation's figures are
//! about, so it is written down here and in docs/matchmaker.md):
//! - each Japanese town wants 1 to 5 partners abroad (mostly 1 to 3); the
//!   wishes are served in a shuffled order, so that early links make a
//!   town abroad more sought after later (a popularity effect);
//! - for 15 in 100 wishes the partner is drawn by popularity alone (old
//!   ties for reasons no profile records: a mayor's visit, a school trip);
//! - for 10 in 100 it is a town abroad that a peer's partner is linked
//!   with (introductions: a Japanese town that shares a partner passes on
//!   its other contacts);
//! - otherwise it is drawn with weight (0.1 + complementarity)² ×
//!   √(1 + partners), complementarity being how many of one's offers meet
//!   the other's needs, both ways, ×1.5 when both ways.
//!
//! So the links were made with complementarity in mind, and the
//! matchmaker, which reads complementarity, is expected to do well on them:
//! the demo's figures show that the machinery works, not how well it
//! would predict real ties. A link is a sister-city relation (4 in 10), a
//! friendship (1 in 4) or a partnership programme between the two towns'
//! organisations with outcomes (the rest; more outcomes the more the two
//! complement each other).

use std::collections::BTreeSet;

use chrono::NaiveDate;
use kizuna_domain::common::LocalText;
use kizuna_domain::common::locality::{Locality, LocalityInput, LocalityLevel};
use kizuna_domain::common::organisation::{Organisation, OrganisationInput, OrganisationKind};
use kizuna_domain::common::programme::{Programme, ProgrammeInput, ProgrammeKind};
use kizuna_domain::partnerships::local_link::{ExchangeField, LinkKind, LocalLink, LocalLinkInput};
use kizuna_domain::partnerships::outcome::{Outcome, OutcomeInput, OutcomeKind, RecordedBy, Side, Verdict};
use kizuna_domain::partnerships::partnership::{
    OrganisationRole, Partnership, PartnershipInput, PartnershipStatus, ProgrammeOrganisation,
    ProgrammeOrganisationInput,
};
use kizuna_domain::partnerships::profile::{Direction, OfferNeed, OfferNeedInput};
use kizuna_domain::partnerships::themes::Theme;

use super::plan::{Rng, cc, date, k, t};
use crate::matchmaker::exchange_theme;
use crate::{App, Result};

/// The seed of the matchmaker's demo ("MATCHMKR").
const SEED: u64 = 0x4D41_5443_484D_4B52;
/// How many towns in Japan, and abroad per country.
const JAPAN_TOWNS: usize = 30;
const TOWNS_PER_COUNTRY: usize = 6;

/// A country abroad: the code, the language its names are also given in
/// (Thai, Malay) if Kizuna has it, the two halves of a town's name (in
/// English and, where there is one, in that language) and how they join.
struct Names {
    country: &'static str,
    lang: Option<&'static str>,
    first: [(&'static str, &'static str); 8],
    second: [(&'static str, &'static str); 8],
    join: &'static str,
}

#[rustfmt::skip]
const ABROAD: [Names; 10] = [
    Names { country: "TH", lang: Some("th"), join: " ",
        first: [("Nong", "หนอง"), ("Ban", "บ้าน"), ("Huai", "ห้วย"), ("Khok", "โคก"), ("Don", "ดอน"), ("Wang", "วัง"), ("Tha", "ท่า"), ("Na", "นา")],
        second: [("Bua", "บัว"), ("Sai", "ทราย"), ("Kham", "คำ"), ("Daeng", "แดง"), ("Thong", "ทอง"), ("Ngam", "งาม"), ("Luang", "หลวง"), ("Khao", "ขาว")] },
    Names { country: "MY", lang: Some("ms"), join: " ",
        first: [("Bukit", ""), ("Sungai", ""), ("Kuala", ""), ("Tanjung", ""), ("Batu", ""), ("Kampung", ""), ("Ayer", ""), ("Padang", "")],
        second: [("Indah", ""), ("Jaya", ""), ("Permai", ""), ("Emas", ""), ("Damai", ""), ("Merah", ""), ("Hijau", ""), ("Baru", "")] },
    Names { country: "ID", lang: None, join: "",
        first: [("Suka", ""), ("Karang", ""), ("Sumber", ""), ("Muara", ""), ("Tanah", ""), ("Wono", ""), ("Sido", ""), ("Pager", "")],
        second: [("jaya", ""), ("makmur", ""), ("sari", ""), ("mulya", ""), ("rejo", ""), ("asri", ""), ("agung", ""), ("harjo", "")] },
    Names { country: "VN", lang: None, join: " ",
        first: [("Tân", ""), ("Phú", ""), ("An", ""), ("Bình", ""), ("Hòa", ""), ("Vĩnh", ""), ("Thạnh", ""), ("Long", "")],
        second: [("Lộc", ""), ("Hưng", ""), ("Phước", ""), ("Thuận", ""), ("Điền", ""), ("Mỹ", ""), ("Hải", ""), ("Thành", "")] },
    Names { country: "PH", lang: None, join: " ",
        first: [("Bagong", ""), ("Ilog", ""), ("Bukid", ""), ("Tabing", ""), ("Pulo", ""), ("Bato", ""), ("Lupang", ""), ("Burol", "")],
        second: [("Silang", ""), ("Pag-asa", ""), ("Maligaya", ""), ("Masagana", ""), ("Malaya", ""), ("Liwanag", ""), ("Bayani", ""), ("Sampaguita", "")] },
    Names { country: "KH", lang: None, join: " ",
        first: [("Kampong", ""), ("Prey", ""), ("Svay", ""), ("Tuol", ""), ("Boeung", ""), ("Chamkar", ""), ("Phum", ""), ("Ou", "")],
        second: [("Thmei", ""), ("Chas", ""), ("Kandal", ""), ("Leu", ""), ("Krom", ""), ("Meas", ""), ("Chrey", ""), ("Sla", "")] },
    Names { country: "LA", lang: None, join: " ",
        first: [("Ban", ""), ("Muang", ""), ("Na", ""), ("Nong", ""), ("Houay", ""), ("Pak", ""), ("Xieng", ""), ("Phon", "")],
        second: [("Xai", ""), ("Kham", ""), ("Thong", ""), ("Hom", ""), ("Sai", ""), ("Kang", ""), ("Mai", ""), ("Ngam", "")] },
    Names { country: "MN", lang: None, join: "-",
        first: [("Bayan", ""), ("Altan", ""), ("Tsagaan", ""), ("Khan", ""), ("Ulaan", ""), ("Dalai", ""), ("Erdene", ""), ("Ikh", "")],
        second: [("Ovoo", ""), ("Bulag", ""), ("Uul", ""), ("Tal", ""), ("Gol", ""), ("Nuur", ""), ("Tolgoi", ""), ("Mod", "")] },
    Names { country: "LK", lang: None, join: "",
        first: [("Ambe", ""), ("Wela", ""), ("Kalu", ""), ("Maha", ""), ("Gala", ""), ("Nuwara", ""), ("Kotta", ""), ("Hali", "")],
        second: [("gama", ""), ("pitiya", ""), ("wewa", ""), ("oya", ""), ("pura", ""), ("deniya", ""), ("goda", ""), ("wela", "")] },
    Names { country: "MM", lang: None, join: "",
        first: [("Kyauk", ""), ("Myit", ""), ("Shwe", ""), ("Nyaung", ""), ("Thayet", ""), ("Pyin", ""), ("Sin", ""), ("Hmaw", "")],
        second: [("pyu", ""), ("gyi", ""), ("taung", ""), ("kone", ""), ("myo", ""), ("chaung", ""), ("bin", ""), ("zin", "")] },
];

/// Japanese town names: two halves in rōmaji and kanji.
#[rustfmt::skip]
const JAPAN_FIRST: [(&str, &str); 12] = [
    ("Kita", "北"), ("Minami", "南"), ("Higashi", "東"), ("Nishi", "西"), ("Shira", "白"), ("Kuro", "黒"), ("Naka", "中"), ("Taka", "高"), ("Aka", "赤"), ("Ao", "青"), ("Hoshi", "星"), ("Tsuru", "鶴"),
];
#[rustfmt::skip]
const JAPAN_SECOND: [(&str, &str); 12] = [
    ("kawa", "川"), ("no", "野"), ("hama", "浜"), ("sawa", "沢"), ("oka", "岡"), ("yama", "山"), ("ura", "浦"), ("tsu", "津"), ("betsu", "別"), ("shima", "島"), ("hara", "原"), ("mori", "森"),
];

/// What Japanese towns offer and seek, and towns abroad, as theme keys
/// repeated by weight. Malaysian and Indonesian towns also offer halal
/// know-how (see [`abroad_offers`]).
#[rustfmt::skip]
const JAPAN_OFFERS: &[&str] = &[
    "dairy", "dairy", "dairy", "food_processing", "food_processing", "food_processing", "confectionery",
    "confectionery", "agriculture", "agriculture", "fisheries", "fisheries", "nature_tourism", "nature_tourism",
    "winter_sports", "winter_sports", "disaster_risk", "disaster_risk", "water", "environment", "regional_planning",
    "local_government", "vocational_training", "vocational_training", "health", "culture",
];
#[rustfmt::skip]
const JAPAN_NEEDS: &[&str] = &[
    "halal", "halal", "export", "export", "export", "tourism", "tourism", "tourism", "youth_exchange",
    "youth_exchange", "sme", "media", "culture", "vocational_training",
];
#[rustfmt::skip]
const ABROAD_OFFERS: &[&str] = &[
    "tourism", "tourism", "tourism", "export", "export", "export", "culture", "culture", "youth_exchange",
    "youth_exchange", "media", "sme", "agriculture",
];
#[rustfmt::skip]
const ABROAD_NEEDS: &[&str] = &[
    "dairy", "dairy", "food_processing", "food_processing", "food_processing", "agriculture", "agriculture",
    "rural_development", "rural_development", "disaster_risk", "disaster_risk", "water", "water", "environment",
    "vocational_training", "vocational_training", "local_government", "regional_planning", "health", "fisheries",
    "nature_tourism", "confectionery",
];

fn abroad_offers(country: &str) -> Vec<&'static str> {
    let mut v = ABROAD_OFFERS.to_vec();
    if matches!(country, "MY" | "ID") {
        v.extend(["halal"; 4]);
    }
    v
}

/// A kind of organisation: its record kind and its name in en, ja, th, ms.
struct OrgType {
    kind: OrganisationKind,
    names: [&'static str; 4],
}

const CHAMBER: OrgType = OrgType {
    kind: OrganisationKind::ChamberOfCommerce,
    names: ["Chamber of Commerce", "商工会", "หอการค้า", "Dewan Perniagaan"],
};
const DAIRY: OrgType = OrgType {
    kind: OrganisationKind::Business,
    names: ["Dairy Cooperative", "酪農協同組合", "สหกรณ์โคนม", "Koperasi Tenusu"],
};
const FOOD: OrgType = OrgType {
    kind: OrganisationKind::Business,
    names: ["Food Company", "食品会社", "บริษัทอาหาร", "Syarikat Makanan"],
};
const TOURISM: OrgType = OrgType {
    kind: OrganisationKind::Ngo,
    names: [
        "Tourism Association",
        "観光協会",
        "สมาคมการท่องเที่ยว",
        "Persatuan Pelancongan",
    ],
};
const FISHERIES: OrgType = OrgType {
    kind: OrganisationKind::Business,
    names: [
        "Fisheries Cooperative",
        "漁業協同組合",
        "สหกรณ์ประมง",
        "Koperasi Nelayan",
    ],
};
const OFFICE: OrgType = OrgType {
    kind: OrganisationKind::Government,
    names: ["Municipal Office", "役場", "สำนักงานเทศบาล", "Pejabat Majlis Daerah"],
};

/// The organisation a town keeps for its first offer.
fn org_type(first_offer: &str) -> &'static OrgType {
    match first_offer {
        "dairy" => &DAIRY,
        "food_processing" | "confectionery" | "agriculture" | "halal" | "export" => &FOOD,
        "nature_tourism" | "winter_sports" | "tourism" | "culture" => &TOURISM,
        "fisheries" => &FISHERIES,
        "sme" | "media" => &CHAMBER,
        _ => &OFFICE,
    }
}

/// A town of the plan.
pub(crate) struct Town {
    pub key: String,
    pub country: &'static str,
    /// In English, and in the town's own language when Kizuna has it.
    pub name_en: String,
    pub name_local: Option<(&'static str, String)>,
    pub offers: Vec<&'static str>,
    pub needs: Vec<&'static str>,
    pub org: Option<Org>,
}

/// A town's organisation, with a part of the town's profile.
pub(crate) struct Org {
    pub key: String,
    pub kind: OrganisationKind,
    pub names: [String; 4],
    pub offers: Vec<&'static str>,
    pub needs: Vec<&'static str>,
}

/// A link of the plan: the Japanese town, the town abroad, what it is.
pub(crate) struct PlannedLink {
    pub japan: usize,
    pub abroad: usize,
    pub kind: LinkKind,
    pub since: NaiveDate,
    /// For a partnership programme: its themes and its outcomes (kind, date).
    pub themes: Vec<&'static str>,
    pub outcomes: Vec<(OutcomeKind, NaiveDate)>,
}

/// The whole plan: towns (the Japanese ones first) and links.
pub(crate) struct Plan {
    pub towns: Vec<Town>,
    pub links: Vec<PlannedLink>,
}

/// Draw `n` different themes from a weighted pool, none of `avoid`.
fn draw(rng: &mut Rng, pool: &[&'static str], n: usize, avoid: &[&'static str]) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for _ in 0..40 {
        if out.len() == n {
            break;
        }
        let t = *rng.pick(pool);
        if !out.contains(&t) && !avoid.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// How many of one's offers meet the other's needs, both ways; ×1.5 when
/// both ways.
pub(crate) fn complementarity(a: &Town, b: &Town) -> f64 {
    let one = a.offers.iter().filter(|t| b.needs.contains(t)).count();
    let other = b.offers.iter().filter(|t| a.needs.contains(t)).count();
    let sum = (one + other) as f64;
    if one > 0 && other > 0 { sum * 1.5 } else { sum }
}

/// The themes on which two towns complement each other.
fn complementary(a: &Town, b: &Town) -> Vec<&'static str> {
    let mut v: Vec<&'static str> = a
        .offers
        .iter()
        .filter(|t| b.needs.contains(t))
        .chain(b.offers.iter().filter(|t| a.needs.contains(t)))
        .copied()
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// An index drawn with probability proportional to its weight.
fn weighted(rng: &mut Rng, weights: &[f64]) -> Option<usize> {
    let total: f64 = weights.iter().sum();
    if total <= 0.0 {
        return None;
    }
    // 2^53 steps are exact in an f64.
    let mut x = (rng.next() >> 11) as f64 / (1u64 << 53) as f64 * total;
    for (i, w) in weights.iter().enumerate() {
        if x < *w {
            return Some(i);
        }
        x -= w;
    }
    weights.iter().rposition(|w| *w > 0.0)
}

fn town(rng: &mut Rng, key: String, country: &'static str, en: String, local: Option<(&'static str, String)>) -> Town {
    let (offer_pool, need_pool) = if country == "JP" {
        (JAPAN_OFFERS.to_vec(), JAPAN_NEEDS.to_vec())
    } else {
        (abroad_offers(country), ABROAD_NEEDS.to_vec())
    };
    let n_offers = 1 + rng.below(3);
    let offers = draw(rng, &offer_pool, n_offers, &[]);
    let n_needs = 1 + rng.below(3);
    let needs = draw(rng, &need_pool, n_needs, &offers);
    Town {
        key,
        country,
        name_en: en,
        name_local: local,
        offers,
        needs,
        org: None,
    }
}

/// The plan, the same every time.
pub(crate) fn plan() -> Plan {
    plan_from(SEED)
}

/// The plan a seed gives (other seeds check that the demo's figures are
/// not the luck of one draw).
pub(crate) fn plan_from(seed: u64) -> Plan {
    let mut rng = Rng(seed);
    let mut towns = Vec::new();
    let mut used = BTreeSet::new();
    while towns.len() < JAPAN_TOWNS {
        let (a, b) = (rng.below(JAPAN_FIRST.len()), rng.below(JAPAN_SECOND.len()));
        if !used.insert((0, a, b)) {
            continue;
        }
        let (en, ja) = (
            format!("{}{}", JAPAN_FIRST[a].0, JAPAN_SECOND[b].0),
            format!("{}{}", JAPAN_FIRST[a].1, JAPAN_SECOND[b].1),
        );
        let key = format!("demo/match/jp/{}", en.to_lowercase());
        towns.push(town(
            &mut rng,
            key,
            "JP",
            format!("{en} Town (demo)"),
            Some(("ja", format!("{ja}町（デモ）"))),
        ));
    }
    for (ci, names) in ABROAD.iter().enumerate() {
        let mut made = 0;
        while made < TOWNS_PER_COUNTRY {
            let (a, b) = (rng.below(8), rng.below(8));
            if !used.insert((ci + 1, a, b)) {
                continue;
            }
            made += 1;
            let en = format!("{}{}{}", names.first[a].0, names.join, names.second[b].0);
            let local = names.lang.map(|l| match l {
                "th" => (l, format!("{}{} (ตัวอย่าง)", names.first[a].1, names.second[b].1)),
                _ => (l, format!("{en} (demo)")),
            });
            let key = format!("demo/match/{}/{made}", names.country.to_lowercase());
            towns.push(town(&mut rng, key, names.country, format!("{en} (demo)"), local));
        }
    }
    // A few profiles left incomplete: "not matchable" in the console.
    towns[JAPAN_TOWNS - 1].needs.clear();
    towns[JAPAN_TOWNS - 2].needs.clear();
    let last = towns.len() - 1;
    towns[last].offers.clear();
    // Organisations: every Japanese town, two in three abroad.
    for (i, town) in towns.iter_mut().enumerate() {
        if i >= JAPAN_TOWNS && rng.below(3) == 0 {
            continue;
        }
        let Some(first) = town.offers.first().or(town.needs.first()) else {
            continue;
        };
        let ty = org_type(first);
        let bare = town.name_en.trim_end_matches(" (demo)").trim_end_matches(" Town");
        let local_bare = town.name_local.as_ref().map(|(_, n)| {
            n.trim_end_matches("（デモ）")
                .trim_end_matches("町")
                .trim_end_matches(" (ตัวอย่าง)")
                .to_owned()
        });
        let ja = match (town.country, &local_bare) {
            ("JP", Some(n)) => format!("{n}町{}（デモ）", ty.names[1]),
            _ => format!("{bare} {}（デモ）", ty.names[1]),
        };
        let th = match (town.country, &local_bare) {
            ("TH", Some(n)) => format!("{}{n} (ตัวอย่าง)", ty.names[2]),
            _ => format!("{} {bare} (ตัวอย่าง)", ty.names[2]),
        };
        let offers = town
            .offers
            .iter()
            .copied()
            .filter(|_| rng.chance(70))
            .collect::<Vec<_>>();
        let needs = town
            .needs
            .iter()
            .copied()
            .filter(|_| rng.chance(70))
            .collect::<Vec<_>>();
        town.org = Some(Org {
            key: format!("{}/org", town.key),
            kind: ty.kind,
            names: [
                format!("{bare} {} (demo)", ty.names[0]),
                ja,
                th,
                format!("{} {bare} (demo)", ty.names[3]),
            ],
            offers,
            needs,
        });
    }
    let links = plan_links(&mut rng, &towns);
    Plan { towns, links }
}

/// The links, by the process described at the top of this file.
fn plan_links(rng: &mut Rng, towns: &[Town]) -> Vec<PlannedLink> {
    let abroad: Vec<usize> = (JAPAN_TOWNS..towns.len()).collect();
    let mut wishes = Vec::new();
    for j in 0..JAPAN_TOWNS {
        let n = 1 + rng.below(3) + if rng.chance(25) { rng.below(3) } else { 0 };
        wishes.extend(std::iter::repeat_n(j, n));
    }
    for i in (1..wishes.len()).rev() {
        wishes.swap(i, rng.below(i + 1));
    }
    let mut partners: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); towns.len()];
    let mut links = Vec::new();
    for j in wishes {
        let free: Vec<usize> = abroad.iter().copied().filter(|a| !partners[j].contains(a)).collect();
        let degree = |a: usize, p: &Vec<BTreeSet<usize>>| p[a].len() as f64;
        let roll = rng.below(100);
        let introduced: Vec<usize> = if (15..25).contains(&roll) {
            let peers: BTreeSet<usize> = partners[j].iter().flat_map(|a| partners[*a].iter().copied()).collect();
            let mut v: Vec<usize> = peers
                .iter()
                .filter(|&&p| p != j)
                .flat_map(|p| partners[*p].iter().copied())
                .filter(|a| !partners[j].contains(a))
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        } else {
            Vec::new()
        };
        let a = if roll < 15 {
            let w: Vec<f64> = free.iter().map(|&a| 1.0 + degree(a, &partners)).collect();
            weighted(rng, &w).map(|i| free[i])
        } else if !introduced.is_empty() {
            Some(*rng.pick(&introduced))
        } else {
            let w: Vec<f64> = free
                .iter()
                .map(|&a| (0.1 + complementarity(&towns[j], &towns[a])).powi(2) * (1.0 + degree(a, &partners)).sqrt())
                .collect();
            weighted(rng, &w).map(|i| free[i])
        };
        let Some(a) = a else { continue };
        partners[j].insert(a);
        partners[a].insert(j);
        let c = complementarity(&towns[j], &towns[a]);
        let roll = rng.below(100);
        let (kind, since) = if roll < 40 {
            (
                LinkKind::SisterCity,
                date(1975 + rng.below(40) as i32, 1 + rng.below(12) as u32, 1),
            )
        } else if roll < 65 {
            (
                LinkKind::Friendship,
                date(1990 + rng.below(30) as i32, 1 + rng.below(12) as u32, 1),
            )
        } else {
            (LinkKind::Partnership, date(2010 + rng.below(12) as i32, 4, 1))
        };
        let mut themes = complementary(&towns[j], &towns[a]);
        if themes.is_empty() {
            themes = towns[j].offers.iter().take(1).copied().collect();
        }
        let mut outcomes = Vec::new();
        if kind == LinkKind::Partnership {
            let n = rng.below(2 + c.round() as usize).min(4);
            for _ in 0..n {
                let theme = *rng.pick(&themes);
                let on = since + chrono::Days::new(200 + rng.below(1000) as u64);
                outcomes.push((outcome_kind(theme, rng), on));
            }
        }
        links.push(PlannedLink {
            japan: j,
            abroad: a,
            kind,
            since,
            themes,
            outcomes,
        });
    }
    links
}

fn outcome_kind(theme: &str, rng: &mut Rng) -> OutcomeKind {
    match theme {
        "halal" => OutcomeKind::Certification,
        "tourism" | "nature_tourism" | "winter_sports" => OutcomeKind::TourismProduct,
        "dairy" | "food_processing" | "confectionery" | "agriculture" | "fisheries" => OutcomeKind::JointProduct,
        "export" | "sme" => OutcomeKind::NewBusiness,
        _ => *rng.pick(&[OutcomeKind::Agreement, OutcomeKind::MediaCoverage]),
    }
}

/// An outcome's kind in en, ja, th, ms.
fn outcome_words(kind: OutcomeKind) -> [&'static str; 4] {
    match kind {
        OutcomeKind::Certification => [
            "Certification obtained",
            "認証取得",
            "ได้รับการรับรอง",
            "Pensijilan diperoleh",
        ],
        OutcomeKind::TourismProduct => ["Tour for visitors", "旅行商品", "แพ็กเกจท่องเที่ยว", "Pakej pelancongan"],
        OutcomeKind::JointProduct => ["Joint product", "共同開発品", "ผลิตภัณฑ์ร่วม", "Produk bersama"],
        OutcomeKind::NewBusiness => ["New business", "新規事業", "ธุรกิจใหม่", "Perniagaan baharu"],
        OutcomeKind::Agreement => [
            "Cooperation agreement",
            "協力協定",
            "ข้อตกลงความร่วมมือ",
            "Perjanjian kerjasama",
        ],
        _ => ["Media coverage", "報道", "การรายงานข่าว", "Liputan media"],
    }
}

/// The fields of exchange of a sister-city relation on these themes.
fn exchange_fields(themes: &[&str]) -> String {
    let mut v: Vec<&str> = ExchangeField::ALL
        .iter()
        .filter(|f| exchange_theme(**f).is_some_and(|t| themes.contains(&t)))
        .map(|f| f.as_str())
        .collect();
    for extra in ["culture", "education"] {
        if v.len() < 2 && !v.contains(&extra) {
            v.push(extra);
        }
    }
    v.join(" ")
}

fn four(texts: [String; 4]) -> LocalText {
    let [en, ja, th, ms] = texts;
    LocalText::parse(Some(&en), Some(&ja), Some(&th), Some(&ms)).unwrap_or_else(|_| LocalText::en(t(&en)))
}

/// A town's name in the four languages: its own script where the plan
/// has one, else the Latin name with the language's own "town" and
/// "(demo)" words, so that no page falls back to English for it.
fn town_name(town: &Town) -> LocalText {
    let bare = town.name_en.trim_end_matches(" (demo)");
    let local = |lang: &str| {
        town.name_local
            .as_ref()
            .filter(|(l, _)| *l == lang)
            .map(|(_, n)| n.clone())
    };
    let (ja, th, ms) = if town.country == "JP" {
        let short = bare.trim_end_matches(" Town");
        (
            local("ja").unwrap_or_else(|| format!("{short}町（デモ）")),
            format!("เมือง{short} (ตัวอย่าง)"),
            format!("Pekan {short} (demo)"),
        )
    } else {
        (
            format!("{bare}（デモ）"),
            local("th").unwrap_or_else(|| format!("{bare} (ตัวอย่าง)")),
            local("ms").unwrap_or_else(|| format!("{bare} (demo)")),
        )
    };
    four([town.name_en.clone(), ja, th, ms])
}

/// Load the matchmaker's demo (idempotent: nothing when its first town is
/// there already).
pub(super) async fn load_matching(app: &App) -> Result<()> {
    let plan = plan();
    if app.find::<Locality>("key", &plan.towns[0].key).await?.is_some() {
        return Ok(());
    }
    let mut town_ids = Vec::new();
    let mut org_ids = Vec::new();
    for town in &plan.towns {
        let name = town_name(town);
        let id = app
            .create::<Locality>(&LocalityInput {
                key: k(&town.key),
                country: cc(town.country),
                level: LocalityLevel::Municipality,
                parent_id: None,
                name,
                name_local: None,
            })
            .await?
            .id;
        town_ids.push(id);
        add_profile(app, None, Some(id), &town.offers, &town.needs).await?;
        let org = match &town.org {
            Some(o) => {
                let oid = app
                    .create::<Organisation>(&OrganisationInput {
                        key: k(&o.key),
                        name: four(o.names.clone()),
                        name_local: None,
                        kind: o.kind,
                        country: cc(town.country),
                        locality_id: Some(id),
                        address: None,
                        phone: None,
                        email: None,
                        website: None,
                        contact_person: None,
                    })
                    .await?
                    .id;
                add_profile(app, Some(oid), None, &o.offers, &o.needs).await?;
                Some(oid)
            }
            None => None,
        };
        org_ids.push(org);
    }
    story_profiles(app).await?;
    for (n, l) in plan.links.iter().enumerate() {
        let (j, a) = (&plan.towns[l.japan], &plan.towns[l.abroad]);
        let (jid, aid) = (town_ids[l.japan], town_ids[l.abroad]);
        let sister = l.kind == LinkKind::SisterCity;
        let agreed = l.since + chrono::Days::new(30);
        app.create::<LocalLink>(&LocalLinkInput {
            japan_locality_id: jid,
            abroad_locality_id: aid,
            kind: l.kind,
            since: l.since,
            agreement_on: sister.then_some(agreed),
            signatories: sister.then(|| t(&format!("Mayor of {}; Mayor of {}", j.name_en, a.name_en))),
            council_approved_on: sister.then_some(l.since),
            exchange_fields: Some(t(&exchange_fields(&l.themes))),
            note: None,
        })
        .await?;
        if l.kind == LinkKind::Partnership {
            add_programme(app, n, l, j, a, (jid, aid), (org_ids[l.japan], org_ids[l.abroad])).await?;
        }
    }
    Ok(())
}

/// What the seed story's localities offer and seek, as the story tells it
/// (Food Valley Tokachi: agriculture, food and nature; halal know-how and
/// visitors from Malaysia), so that `kizuna match --locality Obihiro` has
/// a profile to read. Added once, when they have none.
async fn story_profiles(app: &App) -> Result<()> {
    for (key, offers, needs) in [
        (
            "jp/hokkaido/tokachi/obihiro",
            &["agriculture", "dairy", "food_processing", "nature_tourism"][..],
            &["halal", "export", "tourism"][..],
        ),
        (
            "my/selangor",
            &["halal", "tourism"][..],
            &["confectionery", "food_processing"][..],
        ),
        (
            "th/bangkok",
            &["tourism", "export"][..],
            &["agriculture", "food_processing"][..],
        ),
    ] {
        let Some(l) = app.find::<Locality>("key", key).await? else {
            continue;
        };
        let filter = [("locality_id", kizuna_store::Value::Int(Some(l.id)))];
        if crate::partnerships::all::<OfferNeed>(app, &filter).await?.is_empty() {
            add_profile(app, None, Some(l.id), offers, needs).await?;
        }
    }
    Ok(())
}

async fn add_profile(
    app: &App,
    organisation_id: Option<i64>,
    locality_id: Option<i64>,
    offers: &[&str],
    needs: &[&str],
) -> Result<()> {
    for (direction, themes) in [(Direction::Offer, offers), (Direction::Need, needs)] {
        for theme in themes {
            let theme: Theme = theme
                .parse()
                .map_err(|e: kizuna_domain::Invalid| crate::AppError::Invalid(vec![e.at("theme")]))?;
            app.create::<OfferNeed>(&OfferNeedInput {
                organisation_id,
                locality_id,
                direction,
                theme,
                detail: None,
            })
            .await?;
        }
    }
    Ok(())
}

/// A partnership programme for a planned link, its two organisations and
/// its outcomes.
async fn add_programme(
    app: &App,
    n: usize,
    l: &PlannedLink,
    j: &Town,
    a: &Town,
    (jid, aid): (i64, i64),
    (jorg, aorg): (Option<i64>, Option<i64>),
) -> Result<()> {
    let (jn, an) = (&j.name_en, &a.name_en);
    let jn_ja = j.name_local.as_ref().map_or(jn.as_str(), |(_, n)| n.as_str());
    let title = four([
        format!("{jn} – {an} partnership"),
        format!("{jn_ja}・{an} パートナーシップ"),
        format!("ความร่วมมือ {jn} – {an}"),
        format!("Perkongsian {jn} – {an}"),
    ]);
    let programme = app
        .create::<Programme>(&ProgrammeInput {
            key: k(&format!("demo/match/programme-{:03}", n + 1)),
            kind: ProgrammeKind::Partnership,
            title,
            organisation_id: jorg,
            summary: None,
        })
        .await?;
    let ends = date(
        l.since.format("%Y").to_string().parse::<i32>().unwrap_or(2010) + 3,
        3,
        31,
    );
    let themes: Vec<Theme> = l.themes.iter().filter_map(|t| t.parse().ok()).collect();
    app.create::<Partnership>(&PartnershipInput {
        programme_id: programme.id,
        funding_scheme: four([
            "JICA Partnership Program".into(),
            "JICA草の根技術協力事業".into(),
            "โครงการความร่วมมือระดับรากหญ้าของไจก้า".into(),
            "Program Perkongsian JICA".into(),
        ]),
        proposer_id: jorg,
        japan_locality_id: jid,
        starts_on: l.since,
        ends_on: Some(ends),
        status: if ends < date(2025, 4, 1) {
            PartnershipStatus::Closed
        } else {
            PartnershipStatus::Implementation
        },
        budget_amount: None,
        budget_currency: None,
        themes: themes.iter().copied().collect(),
        public: false,
        abroad_locality_ids: vec![aid],
    })
    .await?;
    for org in [jorg, aorg].into_iter().flatten() {
        app.create::<ProgrammeOrganisation>(&ProgrammeOrganisationInput {
            programme_id: programme.id,
            organisation_id: org,
            role: OrganisationRole::Implementing,
        })
        .await?;
    }
    for (i, (kind, on)) in l.outcomes.iter().enumerate() {
        let w = outcome_words(*kind);
        let theme = themes.get(i % themes.len().max(1)).map(|t| t.info());
        let about = |lang: usize| {
            theme.map_or(String::new(), |t| {
                format!(": {}", [t.name_en, t.name_ja, t.name_th, t.name_ms][lang])
            })
        };
        let verified = i % 4 != 3;
        app.create::<Outcome>(&OutcomeInput {
            programme_id: programme.id,
            title: four([0, 1, 2, 3].map(|x| format!("{}{}", w[x], about(x)))),
            description: four([
                format!("A demo outcome of the partnership between {jn} and {an}."),
                format!("{jn_ja}と{an}のパートナーシップのデモの成果。"),
                format!("ผลลัพธ์ตัวอย่างของความร่วมมือระหว่าง {jn} และ {an}"),
                format!("Hasil demo perkongsian antara {jn} dan {an}."),
            ]),
            kind: *kind,
            side: [Side::Japan, Side::Abroad, Side::Both][i % 3],
            occurred_on: *on,
            actor_organisation_id: if i % 2 == 0 { jorg.or(aorg) } else { aorg.or(jorg) },
            actor_person_id: None,
            actor_description: Some(four([jn.clone(), jn_ja.to_owned(), jn.clone(), jn.clone()])),
            agent_organisation_id: jorg,
            contribution: None,
            significance: None,
            proposal_status: None,
            evidence_url: None,
            substantiated_by: verified.then(|| t("Demo verifier")),
            substantiated_on: verified.then_some(*on + chrono::Days::new(60)),
            verdict: verified.then_some(Verdict::Agree),
            substantiation_note: None,
            public: false,
            recorded_by: RecordedBy::Staff,
            locality_ids: vec![jid, aid],
        })
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
