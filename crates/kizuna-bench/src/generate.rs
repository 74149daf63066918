//! `kizuna generate`: a realistic synthetic store of any size, the same
//! rows for the same seed. Fictional people only (the demo's name pools);
//! a history like the product brief's: training courses run in yearly
//! editions since FY1954, more trainees in later years (and few in the
//! pandemic year FY2020), trainees from the demo's countries weighted as
//! the demo weights them (South-East and East Asia most), each with the
//! dated steps of their participation (nominated, accepted, arrived,
//! completed, or withdrawn); places across Japan clustered around its
//! cities with categories, halal assurance and names in several languages;
//! partnership outcomes with causal links between them.
//!
//! Everything is written through the store's bulk functions in batches
//! (`insert_trainees_dated`, `upsert_places`), so 100,000 trainees take
//! seconds; progress goes to the `progress` callback (the CLI prints it on
//! standard error).

use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::time::Instant;

use anyhow::Context;
use chrono::{Datelike, Days, NaiveDate};
use kizuna_app::App;
use kizuna_app::demo::names;
use kizuna_domain::common::person::{Gender, Person, PersonInput};
use kizuna_domain::common::programme::{Programme, ProgrammeInput, ProgrammeKind};
use kizuna_domain::common::{CountryCode, FiscalYear, Key, LocalText, Text};
use kizuna_domain::map::place::{Place, PlaceFields, PlaceInput};
use kizuna_domain::partnerships::outcome::{
    Outcome, OutcomeInput, OutcomeKind, OutcomeLink, OutcomeLinkInput, RecordedBy, Side,
};
use kizuna_domain::training::edition::{Edition, EditionInput, EditionScope};
use kizuna_domain::training::participation::ParticipationStatus;
use kizuna_store::training::StepDates;
use kizuna_store::{NewTrainee, Page};

use crate::data::{SplitMix, synthetic_point};

/// What to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spec {
    pub trainees: usize,
    pub places: usize,
    pub outcomes: usize,
    pub seed: u64,
    /// Add to a store that already holds records (else refused).
    pub append: bool,
}

/// What was written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Generated {
    pub courses: usize,
    pub editions: usize,
    pub trainees: usize,
    pub withdrawn: usize,
    pub places: usize,
    pub partnerships: usize,
    pub outcomes: usize,
    pub links: usize,
}

/// The first fiscal year of the generated history.
pub const FIRST_FY: i32 = 1954;
/// The last fiscal year with editions (April 2026 to March 2027).
pub const LAST_FY: i32 = 2026;
/// The day the generated history is told as of: editions after it have
/// trainees accepted but not yet arrived, those running on it trainees
/// arrived. Fixed, so that a seed gives the same rows on any day.
pub fn history_end() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).unwrap_or(NaiveDate::MIN)
}

/// Rows per batch: one transaction each.
const BATCH: usize = 5_000;

/// The courses' themes: (English, Japanese).
const THEMES: [(&str, &str); 16] = [
    ("Regional Development Planning", "地域開発計画"),
    ("Agricultural Extension", "農業普及"),
    ("Dairy Farming and Cooperatives", "酪農と協同組合"),
    ("Fisheries Resource Management", "水産資源管理"),
    ("Cold-Region Road Engineering", "寒冷地道路技術"),
    ("Water Supply and Sewerage", "上下水道"),
    ("Disaster Risk Reduction", "防災"),
    ("Solid Waste Management", "廃棄物管理"),
    ("Local Government Administration", "地方行政"),
    ("Community-Based Tourism", "地域観光"),
    ("Food Processing and Hygiene", "食品加工と衛生"),
    ("Forest Conservation", "森林保全"),
    ("Port and Harbour Management", "港湾管理"),
    ("Maternal and Child Health", "母子保健"),
    ("Small Business Promotion", "中小企業振興"),
    ("Renewable Energy for Rural Areas", "農村の再生可能エネルギー"),
];

const POSITIONS: [&str; 9] = [
    "Director",
    "Deputy Director",
    "Planning Officer",
    "Senior Engineer",
    "Regional Planner",
    "Chief of Section",
    "Economist",
    "Extension Officer",
    "Health Officer",
];

/// How many trainees a country sends relative to others (as the demo).
fn country_weight(code: &str) -> f64 {
    match code {
        "TH" | "MY" | "ID" | "PH" | "VN" | "KH" | "LA" | "MM" | "CN" | "MN" => 6.0,
        "BD" | "LK" | "NP" | "IN" | "PK" | "UZ" | "KZ" | "KG" | "TJ" | "KE" | "TZ" | "BR" | "PE" => 3.0,
        _ => 1.0,
    }
}

/// How busy a fiscal year was: growing from the 1950s to the 1990s, level
/// since, a tenth in the pandemic year.
fn year_weight(fy: i32) -> f64 {
    let grown = (1.0 + f64::from(fy - FIRST_FY) * 0.12).min(6.0);
    match fy {
        2020 => grown * 0.1,
        2021 => grown * 0.4,
        _ => grown,
    }
}

/// Pick an index by cumulative weights (`cum` ascending, last = total).
fn pick_cum(rng: &mut SplitMix, cum: &[f64]) -> usize {
    let total = cum.last().copied().unwrap_or(0.0);
    let x = rng.unit() * total;
    cum.partition_point(|c| *c <= x).min(cum.len().saturating_sub(1))
}

fn below(rng: &mut SplitMix, n: u64) -> u64 {
    rng.next_u64() % n.max(1)
}

fn text(s: &str) -> anyhow::Result<Text> {
    Text::parse(s).map_err(|e| anyhow::anyhow!("{s:?}: {e}"))
}

fn key(s: &str) -> anyhow::Result<Key> {
    Key::parse(s).map_err(|e| anyhow::anyhow!("{s:?}: {e}"))
}

fn hash_of(s: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

/// One planned edition: its id, dates and share of the trainees.
struct Planned {
    id: i64,
    fy: i32,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    theme: usize,
}

/// Write the synthetic store. Refuses a store that holds records unless
/// `spec.append`. `progress(what, done, total)` is called as it goes.
pub async fn generate(
    app: &App,
    spec: &Spec,
    progress: &mut dyn FnMut(&str, usize, usize),
) -> anyhow::Result<Generated> {
    let existing = (
        app.store.count::<Person>(&[]).await?,
        app.store.count::<Programme>(&[]).await?,
        app.store.count::<Place>(&[]).await?,
        app.store.count::<Outcome>(&[]).await?,
    );
    let holds = existing.0 + existing.1 + existing.2 + existing.3;
    anyhow::ensure!(
        spec.append || holds == 0,
        "the store already holds records ({} people, {} programmes, {} places, {} outcomes): \
         generate into an empty database, or add to this one with --append",
        existing.0,
        existing.1,
        existing.2,
        existing.3
    );
    // Keys unique within the store: the seed, and when appending, how
    // many programmes there were before.
    let prefix = if holds == 0 {
        format!("gen{}", spec.seed)
    } else {
        format!("gen{}-{}", spec.seed, existing.1)
    };
    let mut out = Generated::default();
    let mut rng = SplitMix::new(spec.seed ^ 0x4B49_5A55_4E41);
    if spec.trainees > 0 {
        trainees(app, spec, &prefix, &mut rng, &mut out, progress).await?;
    }
    if spec.places > 0 {
        places(app, spec, &prefix, &mut out, progress).await?;
    }
    if spec.outcomes > 0 {
        outcomes(app, spec, &prefix, &mut rng, &mut out, progress).await?;
    }
    Ok(out)
}

async fn trainees(
    app: &App,
    spec: &Spec,
    prefix: &str,
    rng: &mut SplitMix,
    out: &mut Generated,
    progress: &mut dyn FnMut(&str, usize, usize),
) -> anyhow::Result<()> {
    // Courses: about one per 2,500 trainees, at least 4, at most the themes
    // twice over; each runs from its first year to its last.
    let n_courses = (spec.trainees / 2_500).clamp(4, THEMES.len() * 2);
    let mut planned: Vec<Planned> = Vec::new();
    for c in 0..n_courses {
        let theme = c % THEMES.len();
        let round = c / THEMES.len();
        let (en, ja) = THEMES[theme];
        let (en, ja) = if round == 0 {
            (en.to_owned(), ja.to_owned())
        } else {
            (format!("{en} (Advanced)"), format!("{ja}(上級)"))
        };
        let course_key = format!("{prefix}-c{c}");
        let course: Programme = app
            .create::<Programme>(&ProgrammeInput {
                key: key(&course_key)?,
                kind: ProgrammeKind::TrainingCourse,
                title: LocalText::parse(Some(&en), Some(&ja), None, None)?,
                organisation_id: None,
                summary: Some(LocalText::parse(
                    Some(&format!("Course for administrative officials and engineers: {en}.")),
                    Some(&format!("行政官と技術者のための研修コース:{ja}")),
                    None,
                    None,
                )?),
            })
            .await
            .with_context(|| format!("course {course_key}"))?;
        out.courses += 1;
        // The first courses are the oldest; some stop running.
        let first = FIRST_FY + (c as i32 * 61 / n_courses as i32) + below(rng, 3) as i32;
        let last = if c % 5 == 4 {
            (first + 15 + below(rng, 20) as i32).min(LAST_FY)
        } else {
            LAST_FY
        };
        let month = 5 + below(rng, 6) as u32; // May to October
        let days = 30 + below(rng, 60);
        for fy in first..=last {
            let starts_on = NaiveDate::from_ymd_opt(fy, month, 1 + below(rng, 20) as u32).context("a date")?;
            let ends_on = starts_on.checked_add_days(Days::new(days)).context("a date")?;
            let ekey = format!("{course_key}/fy{fy}");
            let e: Edition = app
                .create::<Edition>(&EditionInput {
                    programme_id: course.id,
                    key: key(&ekey)?,
                    fiscal_year: FiscalYear::new(fy)?,
                    scope: EditionScope::General,
                    target_countries: Vec::new(),
                    title: None,
                    starts_on,
                    ends_on,
                    capacity: Some(20 + 10 * below(rng, 7) as u32),
                })
                .await
                .with_context(|| format!("edition {ekey}"))?;
            out.editions += 1;
            planned.push(Planned {
                id: e.id,
                fy,
                starts_on,
                ends_on,
                theme,
            });
        }
        progress("courses and editions", c + 1, n_courses);
    }
    // Each edition's share: its year's weight over the editions of that year.
    let mut per_year = std::collections::HashMap::new();
    for p in &planned {
        *per_year.entry(p.fy).or_insert(0usize) += 1;
    }
    let mut cum = Vec::with_capacity(planned.len());
    let mut total = 0.0;
    for p in &planned {
        total += year_weight(p.fy) / per_year[&p.fy] as f64;
        cum.push(total);
    }
    let early: Vec<&str> = kizuna_app::demo::EARLY_COUNTRIES.to_vec();
    let all: Vec<&str> = early
        .iter()
        .chain(kizuna_app::demo::LATER_COUNTRIES.iter())
        .copied()
        .collect();
    let cum_of = |list: &[&str]| {
        let mut t = 0.0;
        list.iter()
            .map(|c| {
                t += country_weight(c);
                t
            })
            .collect::<Vec<f64>>()
    };
    let (early_cum, all_cum) = (cum_of(&early), cum_of(&all));
    // Identity keys already taken (as 64-bit hashes: 10⁷ of them fit in memory).
    let mut taken: HashSet<u64> = HashSet::with_capacity(spec.trainees);
    if spec.append {
        for p in app.store.select::<Person>(&[], Page::ALL).await? {
            taken.insert(hash_of(&p.fields.identity_key()));
        }
    }
    let end = history_end();
    let mut rows = Vec::with_capacity(BATCH);
    let mut steps = Vec::with_capacity(BATCH);
    for i in 0..spec.trainees {
        let e = &planned[pick_cum(rng, &cum)];
        let country = if e.fy < 2008 {
            early[pick_cum(rng, &early_cum)]
        } else {
            all[pick_cum(rng, &all_cum)]
        };
        let person = loop {
            let p = fictional_person(rng, country, e.fy)?;
            if taken.insert(hash_of(&p.identity_key())) {
                break p;
            }
        };
        let nominated = e.starts_on - chrono::Duration::days(60 + below(rng, 40) as i64);
        let accepted = e.starts_on - chrono::Duration::days(20 + below(rng, 25) as i64);
        let withdraw = below(rng, 100) < 4;
        let (status, step, started, ended) = if withdraw && nominated <= end {
            // Withdrawn after nomination, half of them after acceptance too.
            let accepted_too = below(rng, 2) == 0 && accepted <= end;
            let on =
                if accepted_too { accepted } else { nominated } + chrono::Duration::days(1 + below(rng, 10) as i64);
            out.withdrawn += 1;
            (
                ParticipationStatus::Withdrawn,
                StepDates {
                    nominated_on: Some(nominated),
                    accepted_on: accepted_too.then_some(accepted),
                    withdrawn_on: Some(on.min(end)),
                    ..StepDates::default()
                },
                None,
                None,
            )
        } else if e.starts_on > end {
            (
                if accepted <= end {
                    ParticipationStatus::Accepted
                } else {
                    ParticipationStatus::Nominated
                },
                StepDates {
                    nominated_on: Some(nominated.min(end)),
                    accepted_on: (accepted <= end).then_some(accepted),
                    ..StepDates::default()
                },
                None,
                None,
            )
        } else if e.ends_on > end {
            (
                ParticipationStatus::Arrived,
                StepDates {
                    nominated_on: Some(nominated),
                    accepted_on: Some(accepted),
                    arrived_on: Some(e.starts_on),
                    ..StepDates::default()
                },
                Some(e.starts_on),
                None,
            )
        } else {
            (
                ParticipationStatus::Completed,
                StepDates {
                    nominated_on: Some(nominated),
                    accepted_on: Some(accepted),
                    arrived_on: Some(e.starts_on),
                    completed_on: Some(e.ends_on),
                    withdrawn_on: None,
                },
                Some(e.starts_on),
                Some(e.ends_on),
            )
        };
        let plan = (status == ParticipationStatus::Completed && below(rng, 2) == 0).then(|| {
            format!(
                "Action plan: {} in {}",
                THEMES[e.theme].0.to_lowercase(),
                person.nationality
            )
        });
        rows.push(NewTrainee {
            person,
            edition_id: e.id,
            status,
            started_on: started,
            ended_on: ended,
            action_plan_title: plan,
        });
        steps.push(step);
        if rows.len() == BATCH || i + 1 == spec.trainees {
            out.trainees += app
                .store
                .insert_trainees_dated(app.office_id(), &rows, &steps)
                .await
                .context("writing trainees")?
                .len();
            rows.clear();
            steps.clear();
            progress("trainees", i + 1, spec.trainees);
        }
    }
    Ok(())
}

/// A fictional person of `country` trained in `fy`, named from the demo's
/// pools (their name in their own script and katakana when known).
fn fictional_person(rng: &mut SplitMix, country: &str, fy: i32) -> anyhow::Result<PersonInput> {
    let (named_as, pool) = match names::name_pool(country) {
        Some(pool) => (country, pool),
        None => ("JP", names::name_pool("JP").context("the JP name pool")?),
    };
    let pick = |rng: &mut SplitMix, list: &'static [&'static str]| list[below(rng, list.len() as u64) as usize];
    // More women in later years: a fifth in the 1950s, two fifths lately.
    let female_percent = (20 + (fy - FIRST_FY).max(0) / 3).min(42) as u64;
    let female = below(rng, 100) < female_percent;
    let given = if female {
        pick(rng, pool.given_female)
    } else {
        pick(rng, pool.given_male)
    };
    let family = pick(rng, pool.family);
    let age = 25 + below(rng, 26) as i32;
    let birth = NaiveDate::from_ymd_opt(fy - age, 1 + below(rng, 12) as u32, 1 + below(rng, 28) as u32)
        .context("a birth date")?;
    let (native, kana) = names::native_and_kana(named_as, family, given);
    Ok(PersonInput {
        family_name: text(family)?,
        given_name: Some(text(given)?),
        name_native: native.as_deref().map(text).transpose()?,
        name_kana: kana.as_deref().map(text).transpose()?,
        gender: if female { Gender::Female } else { Gender::Male },
        nationality: CountryCode::parse(country).map_err(|e| anyhow::anyhow!("{country}: {e}"))?,
        birth_date: Some(birth),
        email: None,
        organisation_id: None,
        position: Some(text(POSITIONS[below(rng, POSITIONS.len() as u64) as usize])?),
    })
}

/// Names of places: (English word, Japanese word).
const PLACE_WORDS: [(&str, &str); 12] = [
    ("Sakura", "さくら"),
    ("Bulan", "ブラン"),
    ("Salam", "サラーム"),
    ("Fuji", "富士"),
    ("Asia", "アジア"),
    ("Kita", "北"),
    ("Minato", "みなと"),
    ("Nur", "ヌール"),
    ("Umi", "海"),
    ("Yama", "山"),
    ("Hikari", "ひかり"),
    ("Zam Zam", "ザムザム"),
];

/// (category, weight, English noun, Japanese noun, Thai noun, Malay noun)
const PLACE_KINDS: [(&str, u64, &str, &str, &str, &str); 8] = [
    ("restaurant", 40, "Restaurant", "レストラン", "ร้านอาหาร", "Restoran"),
    ("cafe", 10, "Cafe", "カフェ", "คาเฟ่", "Kafe"),
    ("grocery", 8, "Grocery", "食料品店", "ร้านขายของชำ", "Kedai Runcit"),
    (
        "halal_shop",
        8,
        "Halal Shop",
        "ハラールショップ",
        "ร้านฮาลาล",
        "Kedai Halal",
    ),
    ("hotel", 10, "Hotel", "ホテル", "โรงแรม", "Hotel"),
    ("mosque", 4, "Mosque", "モスク", "มัสยิด", "Masjid"),
    ("prayer_room", 12, "Prayer Room", "礼拝室", "ห้องละหมาด", "Surau"),
    ("other", 8, "Centre", "センター", "ศูนย์", "Pusat"),
];

/// `n` realistic fictional places (deterministic for a seed): positions as
/// [`synthetic_place`](crate::data::synthetic_places) draws them, names in
/// English and Japanese and often Thai or Malay, a chain for one in ten,
/// assurance with certificates for the certified, prayer facilities,
/// opening hours, ways to pay. `source_id`s are `{prefix}-{i}`.
pub fn realistic_places(n: usize, seed: u64, prefix: &str) -> anyhow::Result<Vec<PlaceInput>> {
    let mut rng = SplitMix::new(seed ^ 0x504C_4143_4553);
    let kinds_cum: Vec<u64> = PLACE_KINDS
        .iter()
        .scan(0, |t, k| {
            *t += k.1;
            Some(*t)
        })
        .collect();
    let total = kinds_cum.last().copied().unwrap_or(1);
    let hours = [
        None,
        Some("Mo-Fr 11:00-21:00; Sa,Su 11:00-22:00"),
        Some("24/7"),
        Some("Tu-Su 10:00-19:00"),
        Some("Mo-Sa 11:30-14:30,17:30-22:00"),
    ];
    let payments = ["cash", "cash;credit_card", "cash;credit_card;ic_card", "cash;qr_code"];
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let (lat, lon) = synthetic_point(&mut rng);
        let x = below(&mut rng, total);
        let k = PLACE_KINDS[kinds_cum.partition_point(|c| *c <= x).min(PLACE_KINDS.len() - 1)];
        let w = PLACE_WORDS[below(&mut rng, PLACE_WORDS.len() as u64) as usize];
        let number = below(&mut rng, 900) + 100;
        let food = matches!(k.0, "restaurant" | "cafe" | "grocery" | "halal_shop");
        let assurance = if matches!(k.0, "mosque" | "prayer_room") {
            "unknown"
        } else {
            [
                "certified",
                "self_declared",
                "pork_free",
                "vegetarian_options",
                "unknown",
            ][below(&mut rng, 5) as usize]
        };
        let certified = assurance == "certified";
        let chain = food && below(&mut rng, 10) == 0;
        let from_year = 2024 + below(&mut rng, 3) as i32;
        let fields = PlaceFields {
            name_en: Some(format!("{} {} {number}", w.0, k.2)),
            name_ja: Some(format!("{}{}{number}", w.1, k.3)),
            name_th: (below(&mut rng, 5) == 0).then(|| format!("{} {} {number}", k.4, w.0)),
            name_ms: (below(&mut rng, 3) == 0).then(|| format!("{} {} {number}", k.5, w.0)),
            category: Some(k.0.into()),
            chain_en: chain.then(|| format!("{} Group", w.0)),
            chain_ja: chain.then(|| format!("{}グループ", w.1)),
            lat: Some(lat),
            lon: Some(lon),
            assurance: Some(assurance.into()),
            certifier: certified.then(|| "Japan Halal Council (fictional)".into()),
            certificate_number: certified.then(|| format!("G-{seed}-{i}")),
            certificate_valid_from: certified.then(|| format!("{from_year}-04-01")),
            certificate_valid_until: certified.then(|| format!("{}-03-31", from_year + 2)),
            alcohol_served: food.then(|| below(&mut rng, 4) == 0),
            prayer_space: Some(matches!(k.0, "mosque" | "prayer_room") || below(&mut rng, 6) == 0),
            wudu: matches!(k.0, "mosque" | "prayer_room").then(|| below(&mut rng, 3) != 0),
            opening_hours: hours[below(&mut rng, hours.len() as u64) as usize].map(str::to_owned),
            payment: food.then(|| payments[below(&mut rng, payments.len() as u64) as usize].to_owned()),
            source: Some("import".into()),
            source_id: Some(format!("{prefix}-{i}")),
            last_verified: Some(format!(
                "2026-{:02}-{:02}",
                1 + below(&mut rng, 11),
                1 + below(&mut rng, 28)
            )),
            ..PlaceFields::default()
        };
        out.push(
            fields
                .validate()
                .map_err(|e| anyhow::anyhow!("generated place {i} is invalid: {e:?}"))?,
        );
    }
    Ok(out)
}

async fn places(
    app: &App,
    spec: &Spec,
    prefix: &str,
    out: &mut Generated,
    progress: &mut dyn FnMut(&str, usize, usize),
) -> anyhow::Result<()> {
    // Made and written a batch at a time: memory stays one batch's.
    let mut done = 0;
    while done < spec.places {
        let n = BATCH.min(spec.places - done);
        let batch = realistic_places(n, spec.seed.wrapping_add(done as u64), &format!("{prefix}-{done}"))?;
        app.store
            .upsert_places(app.office_id(), &batch)
            .await
            .context("writing places")?;
        done += n;
        out.places += n;
        progress("places", done, spec.places);
    }
    Ok(())
}

async fn outcomes(
    app: &App,
    spec: &Spec,
    prefix: &str,
    rng: &mut SplitMix,
    out: &mut Generated,
    progress: &mut dyn FnMut(&str, usize, usize),
) -> anyhow::Result<()> {
    // Partnership programmes: one per 500 outcomes, 2 to 40.
    let n_programmes = (spec.outcomes / 500).clamp(2, 40);
    let towns = [
        ("Obihiro", "帯広"),
        ("Kushiro", "釧路"),
        ("Hakodate", "函館"),
        ("Asahikawa", "旭川"),
        ("Otaru", "小樽"),
        ("Kitami", "北見"),
        ("Nayoro", "名寄"),
        ("Wakkanai", "稚内"),
    ];
    let mut programmes = Vec::with_capacity(n_programmes);
    for p in 0..n_programmes {
        let (en, ja) = towns[p % towns.len()];
        let abroad = kizuna_app::demo::EARLY_COUNTRIES[p % kizuna_app::demo::EARLY_COUNTRIES.len()];
        let prog: Programme = app
            .create::<Programme>(&ProgrammeInput {
                key: key(&format!("{prefix}-p{p}"))?,
                kind: ProgrammeKind::Partnership,
                title: LocalText::parse(
                    Some(&format!("{en} partnership with a town of {abroad} ({p})")),
                    Some(&format!("{ja}市と{abroad}の都市の交流({p})")),
                    None,
                    None,
                )?,
                organisation_id: None,
                summary: None,
            })
            .await?;
        programmes.push(prog.id);
        out.partnerships += 1;
    }
    let first = NaiveDate::from_ymd_opt(1990, 4, 1).context("a date")?;
    let span = (history_end() - first).num_days().max(1) as u64;
    let kinds = OutcomeKind::ALL;
    let sides = [Side::Japan, Side::Abroad, Side::Both];
    // The outcomes so far in each programme: (id, date), for causes.
    let mut so_far: Vec<Vec<(i64, NaiveDate)>> = vec![Vec::new(); n_programmes];
    let subjects = [
        ("halal menu", "ハラールメニュー"),
        ("school exchange", "学校交流"),
        ("dairy cooperative", "酪農協同組合"),
        ("tourism route", "観光ルート"),
        ("disaster drill", "防災訓練"),
        ("trade fair booth", "見本市の出展"),
    ];
    for i in 0..spec.outcomes {
        let p = below(rng, n_programmes as u64) as usize;
        let on = first.checked_add_days(Days::new(below(rng, span))).context("a date")?;
        let (s_en, s_ja) = subjects[below(rng, subjects.len() as u64) as usize];
        let title = LocalText::parse(
            Some(&format!("New {s_en} ({})", on.year())),
            Some(&format!("新しい{s_ja}({}年)", on.year())),
            None,
            None,
        )?;
        let description = LocalText::parse(
            Some(&format!(
                "A partner started a {s_en} after the exchange; recorded as outcome {i}."
            )),
            None,
            None,
            None,
        )?;
        let made: Outcome = app
            .store
            .insert::<Outcome>(
                app.office_id(),
                &OutcomeInput {
                    programme_id: programmes[p],
                    title,
                    description,
                    kind: kinds[below(rng, kinds.len() as u64) as usize],
                    side: sides[below(rng, 3) as usize],
                    occurred_on: on,
                    actor_organisation_id: None,
                    actor_person_id: None,
                    actor_description: None,
                    agent_organisation_id: None,
                    contribution: None,
                    significance: None,
                    proposal_status: None,
                    evidence_url: None,
                    substantiated_by: None,
                    substantiated_on: None,
                    verdict: None,
                    substantiation_note: None,
                    public: below(rng, 3) == 0,
                    recorded_by: RecordedBy::Staff,
                    locality_ids: Vec::new(),
                },
            )
            .await
            .context("writing outcomes")?;
        out.outcomes += 1;
        // One in five was caused by an earlier outcome of its programme
        // (causes come first, so no cycle can form).
        let earlier: Vec<i64> = so_far[p].iter().filter(|(_, d)| *d < on).map(|(id, _)| *id).collect();
        if !earlier.is_empty() && below(rng, 5) == 0 {
            let from = earlier[below(rng, earlier.len() as u64) as usize];
            app.store
                .insert::<OutcomeLink>(
                    app.office_id(),
                    &OutcomeLinkInput {
                        from_programme_id: None,
                        from_activity_id: None,
                        from_outcome_id: Some(from),
                        from_placement_id: None,
                        to_outcome_id: made.id,
                        note: Some(LocalText::en(text("led to it")?)),
                    },
                )
                .await
                .context("writing causal links")?;
            out.links += 1;
        }
        so_far[p].push((made.id, on));
        if (i + 1) % 1_000 == 0 || i + 1 == spec.outcomes {
            progress("outcomes", i + 1, spec.outcomes);
        }
    }
    Ok(())
}

/// A progress printer for standard error: a line per step of about a
/// tenth, with the rate.
pub fn stderr_progress() -> impl FnMut(&str, usize, usize) {
    let start = Instant::now();
    let mut last: Option<(String, usize)> = None;
    move |what, done, total| {
        let tenth = (total / 10).max(1);
        let due = match &last {
            Some((w, d)) if w == what => done / tenth > d / tenth || done == total,
            _ => true,
        };
        if due {
            let s = start.elapsed().as_secs_f64();
            eprintln!("generate: {what} {done}/{total} ({s:.1} s)");
            last = Some((what.to_owned(), done));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_the_same_for_a_seed_and_differ_for_another() {
        let a = realistic_places(300, 7, "t").unwrap();
        let b = realistic_places(300, 7, "t").unwrap();
        let c = realistic_places(300, 8, "t").unwrap();
        assert_eq!(format!("{a:?}"), format!("{b:?}"));
        assert_ne!(format!("{a:?}"), format!("{c:?}"));
        // Names in several languages; every category drawn.
        let flat: Vec<PlaceFields> = a.iter().map(PlaceFields::from).collect();
        assert!(flat.iter().all(|p| p.name_en.is_some() && p.name_ja.is_some()));
        assert!(flat.iter().filter(|p| p.name_th.is_some()).count() > 20);
        assert!(flat.iter().filter(|p| p.name_ms.is_some()).count() > 40);
        for (k, ..) in PLACE_KINDS {
            assert!(flat.iter().any(|p| p.category.as_deref() == Some(k)), "no {k}");
        }
    }

    #[test]
    fn years_grow_and_the_pandemic_year_is_quiet() {
        assert!(year_weight(1954) < year_weight(1980));
        assert!(year_weight(2020) < year_weight(2019) / 5.0);
        let mut rng = SplitMix::new(1);
        let cum = [1.0, 1.0, 3.0];
        let mut seen = [0; 3];
        for _ in 0..3000 {
            seen[pick_cum(&mut rng, &cum)] += 1;
        }
        // A zero-weight entry is never drawn; the others in proportion.
        assert_eq!(seen[1], 0);
        assert!(seen[2] > seen[0] * 3 / 2, "{seen:?}");
    }
}
