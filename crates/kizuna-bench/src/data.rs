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
    seed_trainees_in(app, n, 2000).await
}

/// [`seed_trainees`], written `batch` trainees per call of the store's
/// bulk insert (one transaction each).
pub async fn seed_trainees_in(app: &App, n: usize, batch_size: usize) -> Result<usize> {
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
    let batch_size = batch_size.max(1);
    let mut batch = Vec::with_capacity(batch_size.min(n));
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
        if batch.len() == batch_size {
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

// ---------------------------------------------------------------------------
// A realistic OpenStreetMap extract
// ---------------------------------------------------------------------------

/// What [`realistic_extract_opl`] wrote.
#[derive(Debug, Default, Clone, Copy)]
pub struct ExtractShape {
    pub nodes: u64,
    /// Nodes with at least one tag (crossings, signals, shops, benches…).
    pub tagged_nodes: u64,
    pub ways: u64,
    /// Nodes referenced by ways, counted once per reference.
    pub way_refs: u64,
    pub relations: u64,
    /// Objects that are places of the map, by kind.
    pub place_nodes: u64,
    pub place_ways: u64,
    pub place_relations: u64,
    /// Objects with `amenity`, `shop` or `diet:halal` that are not places
    /// (restaurants without halal tags, `diet:halal=no`, benches…).
    pub near_misses: u64,
}

impl ExtractShape {
    pub fn objects(&self) -> u64 {
        self.nodes + self.ways + self.relations
    }
    pub fn places(&self) -> u64 {
        self.place_nodes + self.place_ways + self.place_relations
    }
}

/// A tag value escaped for OPL (`%hex%` for what would end a field).
fn opl_escape(s: &str, out: &mut String) {
    use std::fmt::Write as _;
    for c in s.chars() {
        if c.is_alphanumeric() || matches!(c, '-' | '_' | ':' | ';' | '.' | '/' | '(' | ')' | '+' | '\'') {
            out.push(c);
        } else {
            let _ = write!(out, "%{:x}%", u32::from(c));
        }
    }
}

/// One object's OPL tags (`T` field), empty when none.
fn opl_tags(tags: &[(&str, String)], out: &mut String) {
    if tags.is_empty() {
        return;
    }
    out.push_str(" T");
    for (i, (k, v)) in tags.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        opl_escape(k, out);
        out.push('=');
        opl_escape(v, out);
    }
}

/// An object's tags in the extract.
type OplTags = Vec<(&'static str, String)>;

/// A neighbourhood of the extract: its streets and buildings, made again
/// the same from its seed for each section of the file (nodes, then ways,
/// then relations, as extracts are sorted).
struct Hood {
    /// (lat, lon, tags) of each node, in id order from the hood's first id.
    nodes: Vec<(f64, f64, OplTags)>,
    /// Each way's nodes (indices into `nodes`) and tags.
    ways: Vec<(Vec<usize>, OplTags)>,
    /// Each relation's members (ways, indices into `ways`) with roles, and tags.
    relations: Vec<(Vec<(usize, &'static str)>, OplTags)>,
    place_nodes: u64,
    place_ways: u64,
    place_relations: u64,
    near_misses: u64,
}

const STREET_NAMES: &[&str] = &[
    "Kita-dori",
    "Minami-dori",
    "Chuo-dori",
    "Ekimae-dori",
    "Sakura-dori",
    "Kawabata-dori",
    "Honcho",
    "Nishi-dori",
    "大通",
    "本町通",
    "駅前通",
    "Jalan Ampang",
    "Jalan Tun Razak",
    "ถนนสุขุมวิท",
];

/// The tags of a place node (a restaurant, shop, mosque or prayer room)
/// named from `k`: most complete, some needing the lenient read's mending.
fn place_tags(k: u64, rng: &mut SplitMix) -> Vec<(&'static str, String)> {
    let mut t: Vec<(&'static str, String)> = Vec::new();
    match k % 10 {
        0 => {
            t.push(("amenity", "place_of_worship".into()));
            t.push(("religion", "muslim".into()));
            t.push(("name", format!("Masjid Contoh {k}")));
        }
        1 => {
            t.push(("amenity", "prayer_room".into()));
            t.push(("name", format!("礼拝室 {k}")));
        }
        2 | 3 => {
            t.push(("shop", "convenience".into()));
            t.push(("diet:halal", "yes".into()));
            t.push(("name", format!("Halal Mart {k}")));
        }
        4 => {
            t.push(("amenity", "cafe".into()));
            t.push(("prayer_room", "yes".into()));
            t.push(("brand", "Kissa".into()));
        }
        _ => {
            t.push(("amenity", "restaurant".into()));
            t.push(("diet:halal", if k.is_multiple_of(3) { "only" } else { "yes" }.into()));
            t.push(("name", format!("Halal Kitchen {k}")));
            t.push(("name:ja", format!("ハラール食堂{k}")));
            t.push(("cuisine", "malaysian;indonesian".into()));
        }
    }
    if rng.unit() < 0.5 {
        t.push(("opening_hours", "Mo-Su 11:00-22:00".into()));
    }
    if rng.unit() < 0.3 {
        t.push(("website", format!("example.org/p{k}")));
    }
    if rng.unit() < 0.4 {
        t.push(("addr:city", "Sapporo".into()));
        t.push(("addr:street", "Kita-dori".into()));
        t.push(("addr:housenumber", format!("{}", k % 40 + 1)));
    }
    t
}

impl Hood {
    /// Neighbourhood `i`: about 660 objects, one in `per_place` of them
    /// a place (drawn at random, so the count varies around that).
    #[allow(clippy::too_many_lines)]
    fn new(seed: u64, i: u64, per_place: f64) -> Hood {
        let mut rng = SplitMix::new(seed ^ i.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let (clat, clon) = synthetic_point(&mut rng);
        let metre_lat = 1.0 / 111_000.0;
        let metre_lon = metre_lat / clat.to_radians().cos().max(0.1);
        let mut h = Hood {
            nodes: Vec::new(),
            ways: Vec::new(),
            relations: Vec::new(),
            place_nodes: 0,
            place_ways: 0,
            place_relations: 0,
            near_misses: 0,
        };
        // A hood holds ~660 objects: ~80 buildings, ~12 points of interest.
        // Places: 35 % buildings, 60 % points, 5 % relations.
        let building_place = 660.0 * 0.35 / 80.0 / per_place;
        let poi_place = 660.0 * 0.60 / 12.0 / per_place;
        let relation_place = 660.0 * 0.05 / per_place;
        let streets = 4 + (rng.next_u64() % 6) as usize;
        let mut street_ways = Vec::new();
        for s in 0..streets {
            // A street of 8–30 nodes about 25 m apart, roughly straight.
            let len = 8 + (rng.next_u64() % 23) as usize;
            let heading = rng.unit() * std::f64::consts::TAU;
            let (mut lat, mut lon) = (
                clat + (rng.unit() - 0.5) * 400.0 * metre_lat,
                clon + (rng.unit() - 0.5) * 400.0 * metre_lon,
            );
            let mut refs = Vec::with_capacity(len);
            for _ in 0..len {
                let mut tags = Vec::new();
                let r = rng.unit();
                if r < 0.03 {
                    tags.push(("highway", "crossing".into()));
                    tags.push(("crossing", "marked".into()));
                } else if r < 0.04 {
                    tags.push(("highway", "traffic_signals".into()));
                }
                refs.push(h.nodes.len());
                h.nodes.push((lat, lon, tags));
                let turn = heading + rng.normal() * 0.1;
                lat += turn.sin() * 25.0 * metre_lat;
                lon += turn.cos() * 25.0 * metre_lon;
            }
            let mut tags: Vec<(&'static str, String)> = vec![(
                "highway",
                ["residential", "residential", "unclassified", "tertiary", "service"][s % 5].into(),
            )];
            if rng.unit() < 0.6 {
                tags.push((
                    "name",
                    STREET_NAMES[(rng.next_u64() % STREET_NAMES.len() as u64) as usize].into(),
                ));
            }
            if rng.unit() < 0.3 {
                tags.push(("surface", "asphalt".into()));
                tags.push(("maxspeed", "40".into()));
            }
            street_ways.push(h.ways.len());
            h.ways.push((refs, tags));
        }
        // Buildings: 40–120 small polygons of 4–7 corners around the centre.
        let buildings = 40 + (rng.next_u64() % 81) as usize;
        let mut plain_buildings = Vec::new();
        for _ in 0..buildings {
            let (blat, blon) = (
                clat + rng.normal() * 150.0 * metre_lat,
                clon + rng.normal() * 150.0 * metre_lon,
            );
            let corners = 4 + (rng.next_u64() % 4) as usize;
            let size = 6.0 + rng.unit() * 14.0;
            let mut refs = Vec::with_capacity(corners + 1);
            for c in 0..corners {
                let a = std::f64::consts::TAU * c as f64 / corners as f64;
                refs.push(h.nodes.len());
                h.nodes.push((
                    blat + a.sin() * size * metre_lat,
                    blon + a.cos() * size * metre_lon,
                    Vec::new(),
                ));
            }
            refs.push(refs[0]);
            let mut tags: Vec<(&'static str, String)> = vec![(
                "building",
                ["yes", "house", "residential", "apartments", "retail"][(rng.next_u64() % 5) as usize].into(),
            )];
            if rng.unit() < 0.2 {
                tags.push(("addr:housenumber", format!("{}", rng.next_u64() % 200 + 1)));
                tags.push(("addr:street", "Kita-dori".into()));
            }
            if rng.unit() < building_place {
                // A mosque or a halal restaurant drawn as its building.
                let k = (i << 20) | h.ways.len() as u64;
                if k.is_multiple_of(2) {
                    tags.push(("amenity", "place_of_worship".into()));
                    tags.push(("religion", "muslim".into()));
                    tags.push(("name", format!("Masjid Bangunan {k}")));
                } else {
                    tags.push(("amenity", "restaurant".into()));
                    tags.push(("diet:halal", "yes".into()));
                    tags.push(("name", format!("Halal Bistro {k}")));
                }
                h.place_ways += 1;
            } else if rng.unit() < 0.02 {
                tags.push(("amenity", "school".into()));
                h.near_misses += 1;
            } else {
                plain_buildings.push(h.ways.len());
            }
            h.ways.push((refs, tags));
        }
        // Points of interest: about 2 % of the nodes, mostly not places.
        let pois = 1 + h.nodes.len() / 50;
        for _ in 0..pois {
            let (lat, lon) = (
                clat + rng.normal() * 150.0 * metre_lat,
                clon + rng.normal() * 150.0 * metre_lon,
            );
            let tags = if rng.unit() < poi_place {
                h.place_nodes += 1;
                place_tags(i * 1000 + h.nodes.len() as u64, &mut rng)
            } else {
                h.near_misses += 1;
                match rng.next_u64() % 8 {
                    0 => vec![
                        ("amenity", "restaurant".into()),
                        ("name", "Ramen Ichiban".into()),
                        ("cuisine", "ramen".into()),
                    ],
                    1 => vec![
                        ("amenity", "restaurant".into()),
                        ("diet:halal", "no".into()),
                        ("name", "Yakiniku".into()),
                    ],
                    2 => vec![("amenity", "bench".into())],
                    3 => vec![("amenity", "vending_machine".into()), ("vending", "drinks".into())],
                    4 => vec![
                        ("shop", "convenience".into()),
                        ("name", "Konbini".into()),
                        ("brand", "Konbini".into()),
                    ],
                    5 => vec![
                        ("amenity", "place_of_worship".into()),
                        ("religion", "shinto".into()),
                        ("name", "神社".into()),
                    ],
                    6 => vec![
                        ("amenity", "cafe".into()),
                        ("diet:vegetarian", "yes".into()),
                        ("name", "Kissa".into()),
                    ],
                    _ => vec![("tourism", "information".into()), ("information", "board".into())],
                }
            };
            h.nodes.push((lat, lon, tags));
        }
        // Relations: a route over some streets; now and then a mosque
        // drawn as a multipolygon over a plain building.
        let mut route = Vec::new();
        for w in &street_ways {
            if rng.unit() < 0.5 {
                route.push((*w, ""));
            }
        }
        if !route.is_empty() {
            h.relations.push((
                route,
                vec![
                    ("type", "route".into()),
                    ("route", "bus".into()),
                    ("ref", format!("{}", i % 300)),
                ],
            ));
        }
        if rng.unit() < relation_place
            && let Some(w) = plain_buildings.first()
        {
            h.relations.push((
                vec![(*w, "outer")],
                vec![
                    ("type", "multipolygon".into()),
                    ("amenity", "place_of_worship".into()),
                    ("religion", "muslim".into()),
                    ("name", format!("Masjid Kompleks {i}")),
                ],
            ));
            h.place_relations += 1;
        }
        h
    }
}

/// Write a deterministic extract of about `objects` OpenStreetMap objects
/// (for a seed) as OPL, sorted as extracts are (nodes, ways, relations, each
/// by id): neighbourhoods around the benchmark's cities, each with 4–9
/// streets of 8–30 nodes about 25 m apart and 40–120 buildings of 4–7
/// corners (closed ways), nodes near each other numbered near each other;
/// about 2 % of nodes tagged (crossings, signals, shops, benches, shrines),
/// a bus route per neighbourhood; one object in about `per_place` a place of
/// the map: 60 % nodes, 35 % buildings (ways), a few mosque multipolygons
/// (relations over an untagged building). Versions and timestamps as a
/// public extract has them.
pub fn realistic_extract_opl(
    w: &mut dyn std::io::Write,
    objects: u64,
    per_place: f64,
    seed: u64,
) -> std::io::Result<ExtractShape> {
    // ~660 objects a neighbourhood (from the draws in `Hood::new`).
    let hoods = (objects / 660).max(1);
    let mut shape = ExtractShape::default();
    let mut line = String::with_capacity(256);
    let meta = |rng: &mut SplitMix, line: &mut String| {
        use std::fmt::Write as _;
        let version = 1 + rng.next_u64() % 6;
        // 2010-01-01 … 2025-12-31
        let t = 1_262_304_000 + rng.next_u64() % 504_921_600;
        let dt = chrono::DateTime::from_timestamp(t as i64, 0).unwrap_or_default();
        let _ = write!(line, " v{version} dV t{}", dt.format("%Y-%m-%dT%H:%M:%SZ"));
    };
    // Ids: nodes near each other numbered near each other, with gaps.
    let mut meta_rng = SplitMix::new(seed ^ 0xA5A5);
    let mut node_base = Vec::with_capacity(hoods as usize);
    let mut way_base = Vec::with_capacity(hoods as usize);
    let (mut next_node, mut next_way, mut next_rel) = (1_000u64, 1_000u64, 1_000u64);
    for i in 0..hoods {
        let h = Hood::new(seed, i, per_place);
        node_base.push(next_node);
        for (lat, lon, tags) in &h.nodes {
            use std::fmt::Write as _;
            line.clear();
            let _ = write!(line, "n{next_node}");
            meta(&mut meta_rng, &mut line);
            let _ = write!(line, " x{lon:.7} y{lat:.7}");
            opl_tags(tags, &mut line);
            line.push('\n');
            w.write_all(line.as_bytes())?;
            shape.nodes += 1;
            shape.tagged_nodes += u64::from(!tags.is_empty());
            next_node += 1;
        }
        // A gap between neighbourhoods, as deleted and outside nodes leave.
        next_node += meta_rng.next_u64() % 50;
        shape.place_nodes += h.place_nodes;
        shape.place_ways += h.place_ways;
        shape.place_relations += h.place_relations;
        shape.near_misses += h.near_misses;
    }
    for i in 0..hoods {
        use std::fmt::Write as _;
        let h = Hood::new(seed, i, per_place);
        way_base.push(next_way);
        for (refs, tags) in &h.ways {
            line.clear();
            let _ = write!(line, "w{next_way}");
            meta(&mut meta_rng, &mut line);
            opl_tags(tags, &mut line);
            line.push_str(" N");
            for (j, r) in refs.iter().enumerate() {
                if j > 0 {
                    line.push(',');
                }
                let _ = write!(line, "n{}", node_base[i as usize] + *r as u64);
            }
            line.push('\n');
            w.write_all(line.as_bytes())?;
            shape.ways += 1;
            shape.way_refs += refs.len() as u64;
            next_way += 1;
        }
        next_way += meta_rng.next_u64() % 10;
    }
    for i in 0..hoods {
        use std::fmt::Write as _;
        let h = Hood::new(seed, i, per_place);
        for (members, tags) in &h.relations {
            line.clear();
            let _ = write!(line, "r{next_rel}");
            meta(&mut meta_rng, &mut line);
            opl_tags(tags, &mut line);
            line.push_str(" M");
            for (j, (m, role)) in members.iter().enumerate() {
                if j > 0 {
                    line.push(',');
                }
                let _ = write!(line, "w{}@{role}", way_base[i as usize] + *m as u64);
            }
            line.push('\n');
            w.write_all(line.as_bytes())?;
            shape.relations += 1;
            next_rel += 1;
        }
    }
    Ok(shape)
}
