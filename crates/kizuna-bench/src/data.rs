//! Synthetic data for benchmarks: many trainees on top of the demo.

use std::collections::HashSet;

use kizuna_domain::common::CountryCode;
use kizuna_domain::common::Text;
use kizuna_domain::common::person::{Gender, PersonInput};
use kizuna_domain::training::edition::{Edition, EditionScope};
use kizuna_domain::training::participation::ParticipationStatus;
use kizuna_store::{NewTrainee, Page};

use kizuna_app::{App, Result};

/// Add `n` fictional trainees spread over the demo's general-course
/// editions and the demo's countries (deterministic). Returns how many
/// were added.
pub async fn seed_trainees(app: &App, n: usize) -> Result<usize> {
    let editions: Vec<Edition> = app
        .store
        .select::<Edition>(
            &[],
            Page {
                limit: u32::MAX,
                offset: 0,
            },
        )
        .await?
        .into_iter()
        .filter(|e| e.fields.scope == EditionScope::General)
        .collect();
    let countries: Vec<CountryCode> = kizuna_app::demo::EARLY_COUNTRIES
        .iter()
        .chain(kizuna_app::demo::LATER_COUNTRIES.iter())
        .filter_map(|c| CountryCode::parse(c).ok())
        .collect();
    if editions.is_empty() {
        return Ok(0);
    }
    let mut seen = HashSet::new();
    let mut batch = Vec::with_capacity(2000);
    let mut added = 0;
    for i in 0..n {
        let edition = &editions[i % editions.len()];
        let country = countries[(i * 7 + i / 13) % countries.len()];
        let person = PersonInput {
            family_name: Text::parse(&format!("Bench{i:06}"))
                .map_err(|e| kizuna_app::AppError::BadFile(e.to_string()))?,
            given_name: Text::parse(["Asha", "Bilal", "Chen", "Dewi", "Emre", "Farah", "Gita", "Hoang"][i % 8]).ok(),
            name_native: None,
            name_kana: None,
            gender: if i % 3 == 0 { Gender::Female } else { Gender::Male },
            nationality: country,
            birth_date: None,
            email: None,
            organisation_id: None,
            position: None,
        };
        if !seen.insert(person.identity_key()) {
            continue;
        }
        batch.push(NewTrainee {
            person,
            edition_id: edition.id,
            status: ParticipationStatus::Completed,
            started_on: Some(edition.fields.starts_on),
            ended_on: Some(edition.fields.ends_on),
            action_plan_title: None,
        });
        if batch.len() == 2000 {
            added += app.store.insert_trainees(app.office_id(), &batch).await?.len();
            batch.clear();
        }
    }
    if !batch.is_empty() {
        added += app.store.insert_trainees(app.office_id(), &batch).await?.len();
    }
    Ok(added)
}

/// Deterministic pseudo-random numbers (SplitMix64) for synthetic data.
pub struct SplitMix(u64);

impl SplitMix {
    pub fn new(seed: u64) -> Self {
        SplitMix(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Standard normal (Box–Muller).
    pub fn normal(&mut self) -> f64 {
        let u = self.unit().max(f64::MIN_POSITIVE);
        let v = self.unit();
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
}

/// Cities the synthetic places cluster around: (latitude, longitude, weight).
const BENCH_CITIES: &[(f64, f64, f64)] = &[
    (43.0621, 141.3544, 8.0),  // Sapporo
    (42.7752, 141.6923, 2.0),  // New Chitose Airport
    (42.9236, 143.1966, 2.0),  // Obihiro
    (42.9849, 144.3820, 1.5),  // Kushiro
    (41.7687, 140.7288, 2.0),  // Hakodate
    (43.7706, 142.3650, 2.0),  // Asahikawa
    (35.6812, 139.7671, 20.0), // Tokyo
    (35.4437, 139.6380, 6.0),  // Yokohama
    (35.1815, 136.9066, 8.0),  // Nagoya
    (34.7025, 135.4959, 12.0), // Osaka
    (35.0116, 135.7681, 6.0),  // Kyoto
    (34.6901, 135.1955, 4.0),  // Kobe
    (34.3853, 132.4553, 3.0),  // Hiroshima
    (33.5902, 130.4017, 6.0),  // Fukuoka
    (38.2682, 140.8694, 3.0),  // Sendai
    (37.9162, 139.0364, 2.0),  // Niigata
    (26.2124, 127.6809, 3.0),  // Naha
    (31.5966, 130.5571, 2.0),  // Kagoshima
    (36.5613, 136.6562, 2.0),  // Kanazawa
    (34.9756, 138.3828, 2.0),  // Shizuoka
];

/// `n` fictional places for benchmarks (deterministic for a seed): nine in
/// ten scattered around Japanese cities (a normal spread of about 15 km),
/// one in ten anywhere in the box around Japan. Categories, assurance
/// levels and opening hours vary like the demo's.
pub fn synthetic_places(n: usize, seed: u64) -> Vec<kizuna_domain::map::place::PlaceInput> {
    use kizuna_domain::map::place::PlaceFields;
    let mut rng = SplitMix::new(seed);
    let categories = [
        "restaurant",
        "restaurant",
        "restaurant",
        "cafe",
        "grocery",
        "hotel",
        "mosque",
        "prayer_room",
    ];
    let assurances = [
        "certified",
        "self_declared",
        "pork_free",
        "vegetarian_options",
        "unknown",
        "self_declared",
    ];
    let hours = [
        None,
        Some("Mo-Fr 11:00-21:00; Sa,Su 11:00-22:00"),
        Some("24/7"),
        Some("Tu-Su 10:00-19:00"),
    ];
    (0..n)
        .map(|i| {
            let (lat, lon) = synthetic_point(&mut rng);
            let assurance = assurances[i % assurances.len()];
            let certified = assurance == "certified";
            let category = categories[(i / 7) % categories.len()];
            let fields = PlaceFields {
                name_en: Some(format!("Bench place {i}")),
                name_ja: (i % 2 == 0).then(|| format!("ベンチ{i}")),
                category: Some(category.into()),
                lat: Some(lat),
                lon: Some(lon),
                assurance: Some(assurance.into()),
                certifier: certified.then(|| "Bench Halal Council".into()),
                certificate_number: certified.then(|| format!("B-{i}")),
                certificate_valid_from: certified.then(|| "2026-01-01".into()),
                certificate_valid_until: certified.then(|| "2027-12-31".into()),
                prayer_space: Some(matches!(category, "mosque" | "prayer_room") || i % 5 == 0),
                opening_hours: hours[i % hours.len()].map(str::to_owned),
                source: Some("import".into()),
                source_id: Some(format!("bench-{i}")),
                last_verified: Some("2026-06-01".into()),
                ..PlaceFields::default()
            };
            fields
                .validate()
                .unwrap_or_else(|e| unreachable!("synthetic place {i} is invalid: {e:?}"))
        })
        .collect()
}

/// A position drawn the way [`synthetic_places`] draws them.
pub fn synthetic_point(rng: &mut SplitMix) -> (f64, f64) {
    let total: f64 = BENCH_CITIES.iter().map(|c| c.2).sum();
    if rng.unit() < 0.1 {
        return (24.0 + rng.unit() * 22.0, 123.0 + rng.unit() * 23.0);
    }
    let mut pick = rng.unit() * total;
    let mut city = BENCH_CITIES[0];
    for c in BENCH_CITIES {
        city = *c;
        if pick < c.2 {
            break;
        }
        pick -= c.2;
    }
    // About 15 km either way (1° of latitude ≈ 111 km).
    let lat = (city.0 + rng.normal() * 0.135).clamp(-89.9, 89.9);
    let lon = city.1 + rng.normal() * 0.135 / city.0.to_radians().cos();
    (lat, lon)
}
