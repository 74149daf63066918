//! Places from OpenStreetMap files: `.osm` XML and `.osm.pbf`, read into the
//! same objects and mapped by the same code.
//!
//! # Which objects are places
//!
//! An object (node, way or relation) is imported when it has
//! - `diet:halal=yes|only|limited`, or
//! - `amenity=place_of_worship` with `religion=muslim` (a mosque), or
//! - a prayer room: `amenity=prayer_room` (unless its `religion` is another
//!   faith), `room=prayer` with `religion=muslim|multifaith`,
//!   `room=multi_faith` (unless another faith), or
//!   `amenity=place_of_worship` with `religion=multifaith`, or
//! - `prayer_room=yes` (a restaurant, station or shop with a prayer room), or
//! - `butcher=halal` (a halal butcher, whatever its `diet:halal`).
//!
//! Everything else — including `diet:halal=no` and `diet:vegetarian` alone —
//! is skipped and counted in the report's `skipped`. Objects marked deleted
//! (`visible=false`, JOSM's `action=delete`) are not read at all.
//!
//! # How tags map
//!
//! | place field | OpenStreetMap tags |
//! | --- | --- |
//! | `name_ja` … `name_id` | `name:ja`, `name:en`, `name:th`, `name:ms`, `name:ar`, `name:id`; plain `name` fills the language its script shows (kana/kanji → ja, Thai → th, Arabic → ar, else en) when that one is not given |
//! | `category` | mosque and prayer room as above; `amenity=restaurant\|fast_food\|food_court` → restaurant; `amenity=cafe` → cafe; `butcher=halal`, `shop=halal`, or any `shop=*` with `diet:halal=yes\|only` → halal_shop; `shop=supermarket\|convenience\|halal\|grocery\|butcher\|greengrocer\|deli` → grocery; `tourism=hotel\|guest_house\|hostel\|motel` → hotel; else other |
//! | `assurance` | `diet:halal=only` with certifier (`diet:halal:certification`, `halal:certification`, or `…:certifier`), number (`…:certification:ref`) and validity (`…:certification:start_date`, `…:certification:end_date`, YYYY-MM-DD) → certified; `diet:halal=only` without all four, `yes` or `limited` → self_declared; otherwise `diet:vegetarian=yes\|only\|limited` → vegetarian_options; else unknown |
//! | `chain_en` … `chain_ms`, `branch_en` … `branch_ms` | `brand:en`, `brand:ja`, `brand:th`, `brand:ms` and `branch:en` … `branch:ms`; plain `brand` and `branch` fill the language their script shows when that one is not given (`guess_language`: Thai → th, kana, kanji or full-width forms → ja, else en; OpenStreetMap's plain tags in Japan are in Japanese) |
//! | `address` | `addr:full`, else `addr:postcode`, `addr:province`, `addr:state`, `addr:city`, `addr:suburb`, `addr:quarter`, `addr:neighbourhood`, `addr:street`, `addr:place`, `addr:block_number`, `addr:housenumber`, largest first, as Japanese addresses are written |
//! | `phone`, `website` | `phone` or `contact:phone`; `website` or `contact:website` (the first of `;`-separated values) |
//! | `opening_hours` | `opening_hours`, whose syntax is checked (see Problems) |
//! | `alcohol_served` | `drink:alcohol` or `alcohol`: `yes\|only\|served\|limited` → true, `no` → false |
//! | `prayer_space`, `wudu` | true for mosques, prayer rooms and `prayer_room=yes`; `wudu=yes` |
//! | `payment` | `payment:*=yes\|only` by kind: `cash`, `coins`, `notes` → cash; `credit_cards`, `debit_cards`, `cards`, `contactless` (bank cards tapped), `visa`, `mastercard`, `jcb`, `american_express`, `unionpay` → credit_card; `ic_cards`, `electronic_purses`, `suica`, `kitaca`, `pasmo`, `icoca`, `sapica`, `waon`, `nanaco`, `rakuten_edy`, `edy`, `id`, `quicpay` → ic_card; `qr_code`, `paypay`, `alipay`, `wechat`, `line_pay`, `rakuten_pay`, `d_barai`, `au_pay`, `merpay` → qr_code; `=no` or none: not known to be taken. No price range (OpenStreetMap has no established key) and no Friday prayer (`service_times` is too seldom reliable for it) |
//! | `last_verified` | the later of `check_date` and `survey:date` (YYYY-MM-DD or YYYY-MM) |
//! | `source`, `source_id`, `attribution` | `openstreetmap`, `node/123` (`way/…`, `relation/…`), ODbL's attribution |
//!
//! Certificate and verification dates that are not dates are left out (the
//! place is then not certified, or not verified), never guessed.
//!
//! # Positions
//!
//! A node is where it is. A way is at the centroid of its nodes (each
//! counted once, averaged on the unit sphere), and a relation at the
//! centroid of its member nodes and of the nodes of its member ways
//! (member relations are not followed); only nodes in the file count, so an
//! extract should keep complete ways (`osmium extract` does by default).
//! A way or relation none of whose nodes is in the file is rejected.
//!
//! # Problems
//!
//! Every problem names the object's number in the file (from 1) as its row,
//! the tag as its column, and the object (`[node/123]`) in its reason. A
//! file that cannot be read as OpenStreetMap XML or PBF at all is a bad file.
//!
//! Read strictly ([`super::read`], `kizuna map import --strict`), one
//! problem refuses the whole file, as with every other import. Read
//! leniently ([`super::read_lenient`], the default for these files, since
//! real extracts hold such objects by the hundred), the import stays one
//! transaction but:
//! - an object without any name is named from `brand`, else `operator`,
//!   else its category and `addr:street` ("Restaurant, Bulevardi";
//!   "レストラン（北一条通）" when the street is written in Japanese),
//!   with a warning; with none of them it is left out (`no_name`);
//! - a website without a scheme (`example.org`) gets `https://`, with a
//!   warning; a website or phone that is still not one is dropped, with a
//!   warning, and the place kept;
//! - opening hours the parser cannot read are kept as text (open or closed
//!   then "unknown") with a warning (checked by the application);
//! - any other problem (no position, a name too long…) leaves the object
//!   out, reported with its tag and reason; nothing is lost silently.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use kizuna_domain::common::guess_language;
use kizuna_domain::common::local_text::LANGUAGES;
use kizuna_domain::map::place::{OSM_ATTRIBUTION, Phone, PlaceFields, SourceKind, Website};

use std::io::Read;
use std::ops::ControlFlow;

#[cfg(test)]
use super::FileRead;
use super::{FileRecord, ObjectNote, row_error};
use crate::{IoError, Result, RowError};

mod pbf;
mod scan;
#[cfg(test)]
mod tests;

use scan::{BlobIndex, Source, Want, scan};

/// How an OpenStreetMap file is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Encoding {
    Xml,
    Pbf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Kind {
    Node,
    Way,
    Relation,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Node => "node",
            Kind::Way => "way",
            Kind::Relation => "relation",
        }
    }
}

/// One object as either encoding gives it.
#[derive(Debug, Default)]
pub(super) struct Element {
    kind: Option<Kind>,
    id: i64,
    /// Latitude and longitude of a node.
    pos: Option<(f64, f64)>,
    tags: Vec<(String, String)>,
    /// A way's nodes.
    refs: Vec<i64>,
    /// A relation's members.
    members: Vec<(Kind, i64)>,
}

impl Element {
    fn kind(&self) -> Kind {
        self.kind.unwrap_or(Kind::Node)
    }
    fn osm_id(&self) -> String {
        format!("{}/{}", self.kind().as_str(), self.id)
    }
}

pub(super) fn bad(format: Encoding, reason: impl std::fmt::Display) -> IoError {
    let what = match format {
        Encoding::Xml => "OpenStreetMap XML (.osm)",
        Encoding::Pbf => "OpenStreetMap PBF (.osm.pbf)",
    };
    IoError::BadFile(format!("the file cannot be read as {what}: {reason}"))
}

// ---------------------------------------------------------------------------
// Which objects, and their tags
// ---------------------------------------------------------------------------

/// An object's tags, looked up by key (trimmed; blank values are absent):
/// owned, or borrowed from a PBF block before anything is copied.
pub(super) struct Tags<'a, S = String>(pub(super) &'a [(S, S)]);

impl<'a, S: AsRef<str>> Tags<'a, S> {
    fn get(&self, key: &str) -> Option<&'a str> {
        self.0
            .iter()
            .find(|(k, _)| k.as_ref() == key)
            .map(|(_, v)| v.as_ref().trim())
            .filter(|v| !v.is_empty())
    }

    /// The first of `keys` given, with its key.
    fn first(&self, keys: &[&'static str]) -> Option<(&'static str, &'a str)> {
        keys.iter().find_map(|k| self.get(k).map(|v| (*k, v)))
    }

    /// One of the `;`-separated values of `key` is one of `values` (any case).
    fn has(&self, key: &str, values: &[&str]) -> bool {
        self.get(key).is_some_and(|v| {
            v.split(';')
                .map(str::trim)
                .any(|part| values.iter().any(|want| part.eq_ignore_ascii_case(want)))
        })
    }
}

/// The keys one of which every place has ([`is_place`] asks for no object
/// without one): a PBF object without any is passed over unread.
pub(super) const PLACE_KEYS: [&str; 5] = ["diet:halal", "amenity", "room", "prayer_room", "butcher"];

fn is_mosque<S: AsRef<str>>(t: &Tags<S>) -> bool {
    t.has("amenity", &["place_of_worship"]) && t.has("religion", &["muslim"])
}

/// No `religion`, or one a Muslim may pray in.
fn open_to_muslims<S: AsRef<str>>(t: &Tags<S>) -> bool {
    t.get("religion").is_none() || t.has("religion", &["muslim", "multifaith"])
}

fn is_prayer_room<S: AsRef<str>>(t: &Tags<S>) -> bool {
    (t.has("amenity", &["prayer_room"]) && open_to_muslims(t))
        || (t.has("room", &["prayer"]) && t.has("religion", &["muslim", "multifaith"]))
        || (t.has("room", &["multi_faith"]) && open_to_muslims(t))
        || (t.has("amenity", &["place_of_worship"]) && t.has("religion", &["multifaith"]))
}

fn claims_halal<S: AsRef<str>>(t: &Tags<S>) -> bool {
    t.has("diet:halal", &["yes", "only", "limited"])
}

fn has_prayer_room<S: AsRef<str>>(t: &Tags<S>) -> bool {
    t.has("prayer_room", &["yes"])
}

/// Whether an object is a place of the map (see the module documentation).
pub(super) fn is_place<S: AsRef<str>>(t: &Tags<S>) -> bool {
    claims_halal(t) || is_mosque(t) || is_prayer_room(t) || has_prayer_room(t) || is_halal_butcher(t)
}

fn is_halal_butcher<S: AsRef<str>>(t: &Tags<S>) -> bool {
    t.has("butcher", &["halal"])
}

/// A shop selling halal food: a halal butcher, `shop=halal`, or any shop
/// whose `diet:halal` is `yes` or `only`.
fn is_halal_shop<S: AsRef<str>>(t: &Tags<S>) -> bool {
    is_halal_butcher(t)
        || t.has("shop", &["halal"])
        || (t.get("shop").is_some() && t.has("diet:halal", &["yes", "only"]))
}

fn category(t: &Tags) -> &'static str {
    if is_mosque(t) {
        "mosque"
    } else if is_prayer_room(t) {
        "prayer_room"
    } else if t.has("amenity", &["restaurant", "fast_food", "food_court"]) {
        "restaurant"
    } else if t.has("amenity", &["cafe"]) {
        "cafe"
    } else if is_halal_shop(t) {
        "halal_shop"
    } else if t.has(
        "shop",
        &[
            "supermarket",
            "convenience",
            "halal",
            "grocery",
            "butcher",
            "greengrocer",
            "deli",
        ],
    ) {
        "grocery"
    } else if t.has("tourism", &["hotel", "guest_house", "hostel", "motel"]) {
        "hotel"
    } else {
        "other"
    }
}

/// The language a name's script shows: ja, th, ar, or en for the rest.
fn script_language(name: &str) -> &'static str {
    let any = |r: &[(u32, u32)]| {
        name.chars()
            .any(|c| r.iter().any(|(a, b)| (*a..=*b).contains(&(c as u32))))
    };
    if any(&[(0x3040, 0x30FF), (0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0xFF66, 0xFF9F)]) {
        "ja"
    } else if any(&[(0x0E00, 0x0E7F)]) {
        "th"
    } else if any(&[(0x0600, 0x06FF), (0x0750, 0x077F), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)]) {
        "ar"
    } else {
        "en"
    }
}

/// YYYY-MM-DD, or YYYY-MM as its first day.
fn osm_date(v: &str) -> Option<NaiveDate> {
    let v = v.trim();
    NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .ok()
        .or_else(|| NaiveDate::parse_from_str(&format!("{v}-01"), "%Y-%m-%d").ok())
}

fn iso_date(v: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").ok()
}

/// The first of `;`-separated values.
fn first_value(v: &str) -> &str {
    v.split(';').map(str::trim).find(|s| !s.is_empty()).unwrap_or(v)
}

/// A place's flat fields from an object's tags, with the tag each field
/// came from (for messages).
fn fields(t: &Tags) -> (PlaceFields, HashMap<&'static str, (String, String)>) {
    let mut from: HashMap<&'static str, (String, String)> = HashMap::new();
    let mut f = PlaceFields::default();
    let mut put = |field: &'static str, key: &str, value: &str, slot: &mut Option<String>| {
        *slot = Some(value.to_owned());
        from.insert(field, (key.to_owned(), value.to_owned()));
    };

    // Names.
    let langs: [(&str, &'static str); 6] = [
        ("ja", "name_ja"),
        ("en", "name_en"),
        ("th", "name_th"),
        ("ms", "name_ms"),
        ("ar", "name_ar"),
        ("id", "name_id"),
    ];
    let mut names: [Option<String>; 6] = Default::default();
    for (i, (lang, field)) in langs.iter().enumerate() {
        let key = format!("name:{lang}");
        if let Some(v) = t.get(&key) {
            put(field, &key, v, &mut names[i]);
        }
    }
    if let Some(v) = t.get("name") {
        let lang = script_language(v);
        if let Some(i) = langs.iter().position(|(l, _)| *l == lang)
            && names[i].is_none()
        {
            put(langs[i].1, "name", v, &mut names[i]);
        }
    }
    let [ja, en, th, ms, ar, id] = names;
    (f.name_ja, f.name_en, f.name_th, f.name_ms, f.name_ar, f.name_id) = (ja, en, th, ms, ar, id);

    f.category = Some(category(t).to_owned());
    // Chain and branch: `brand:en` … and `branch:en` … in their language;
    // the plain tag in the language its script shows (guess_language) when
    // that one is not given.
    for (tag, fields, slots) in [
        (
            "brand",
            ["chain_en", "chain_ja", "chain_th", "chain_ms"],
            [&mut f.chain_en, &mut f.chain_ja, &mut f.chain_th, &mut f.chain_ms],
        ),
        (
            "branch",
            ["branch_en", "branch_ja", "branch_th", "branch_ms"],
            [&mut f.branch_en, &mut f.branch_ja, &mut f.branch_th, &mut f.branch_ms],
        ),
    ] {
        for (i, lang) in LANGUAGES.iter().enumerate() {
            let key = format!("{tag}:{lang}");
            if let Some(v) = t.get(&key) {
                put(fields[i], &key, v, slots[i]);
            }
        }
        if let Some(v) = t.get(tag)
            && let Some(i) = LANGUAGES.iter().position(|l| *l == guess_language(v))
            && slots[i].is_none()
        {
            put(fields[i], tag, v, slots[i]);
        }
    }
    if let Some(v) = t.get("addr:full") {
        put("address", "addr:full", v, &mut f.address);
    } else {
        let parts: Vec<&str> = [
            "addr:postcode",
            "addr:province",
            "addr:state",
            "addr:city",
            "addr:suburb",
            "addr:quarter",
            "addr:neighbourhood",
            "addr:street",
            "addr:place",
            "addr:block_number",
            "addr:housenumber",
        ]
        .iter()
        .filter_map(|k| t.get(k))
        .collect();
        if !parts.is_empty() {
            put("address", "addr:*", &parts.join(" "), &mut f.address);
        }
    }
    if let Some((k, v)) = t.first(&["phone", "contact:phone"]) {
        put("phone", k, first_value(v), &mut f.phone);
    }
    if let Some((k, v)) = t.first(&["website", "contact:website"]) {
        put("website", k, first_value(v), &mut f.website);
    }
    if let Some(v) = t.get("opening_hours") {
        put("opening_hours", "opening_hours", v, &mut f.opening_hours);
    }

    // Halal assurance: certified only with the whole certificate.
    let certificate = || {
        for p in ["diet:halal", "halal"] {
            let certifier = t
                .get(&format!("{p}:certification"))
                .or_else(|| t.get(&format!("{p}:certifier")));
            let number = t.get(&format!("{p}:certification:ref"));
            let from = t.get(&format!("{p}:certification:start_date")).and_then(iso_date);
            let until = t.get(&format!("{p}:certification:end_date")).and_then(iso_date);
            if let (Some(c), Some(n), Some(a), Some(b)) = (certifier, number, from, until) {
                return Some((p, c, n, a, b));
            }
        }
        None
    };
    let assurance = if t.has("diet:halal", &["only"])
        && let Some((p, certifier, number, valid_from, valid_until)) = certificate()
    {
        let key = |s: &str| {
            let k = format!("{p}:certification{s}");
            if s.is_empty() && t.get(&k).is_none() {
                format!("{p}:certifier")
            } else {
                k
            }
        };
        put("certifier", &key(""), certifier, &mut f.certifier);
        put("certificate_number", &key(":ref"), number, &mut f.certificate_number);
        put(
            "certificate_valid_from",
            &key(":start_date"),
            &valid_from.to_string(),
            &mut f.certificate_valid_from,
        );
        put(
            "certificate_valid_until",
            &key(":end_date"),
            &valid_until.to_string(),
            &mut f.certificate_valid_until,
        );
        "certified"
    } else if claims_halal(t) {
        "self_declared"
    } else if t.has("diet:vegetarian", &["yes", "only", "limited"]) {
        "vegetarian_options"
    } else {
        "unknown"
    };
    f.assurance = Some(assurance.to_owned());

    if let Some((_, v)) = t.first(&["drink:alcohol", "alcohol"]) {
        let v = v.to_ascii_lowercase();
        f.alcohol_served = match v.as_str() {
            "yes" | "only" | "served" | "limited" => Some(true),
            "no" => Some(false),
            _ => None,
        };
    }
    f.prayer_space = Some(is_mosque(t) || is_prayer_room(t) || has_prayer_room(t));
    f.wudu = Some(t.has("wudu", &["yes"]));
    f.payment = payment(t);
    f.last_verified = ["check_date", "survey:date"]
        .iter()
        .filter_map(|k| t.get(k).and_then(osm_date))
        .max()
        .map(|d| d.to_string());
    f.source = Some(SourceKind::Openstreetmap.to_string());
    f.attribution = Some(OSM_ATTRIBUTION.to_owned());
    (f, from)
}

/// The `payment:*` keys read, by the way to pay they say is taken.
const PAYMENT_KEYS: [(&str, &[&str]); 4] = [
    ("cash", &["cash", "coins", "notes"]),
    (
        "credit_card",
        &[
            "credit_cards",
            "debit_cards",
            "cards",
            "contactless",
            "visa",
            "mastercard",
            "jcb",
            "american_express",
            "unionpay",
        ],
    ),
    (
        "ic_card",
        &[
            "ic_cards",
            "electronic_purses",
            "suica",
            "kitaca",
            "pasmo",
            "icoca",
            "sapica",
            "waon",
            "nanaco",
            "rakuten_edy",
            "edy",
            "id",
            "quicpay",
        ],
    ),
    (
        "qr_code",
        &[
            "qr_code",
            "paypay",
            "alipay",
            "wechat",
            "line_pay",
            "rakuten_pay",
            "d_barai",
            "au_pay",
            "merpay",
        ],
    ),
];

/// The ways to pay an object's `payment:*` tags say are taken (`yes` or
/// `only`), as the flat form writes them; `None` when none is.
fn payment(t: &Tags) -> Option<String> {
    let taken: Vec<&str> = PAYMENT_KEYS
        .iter()
        .filter(|(_, keys)| keys.iter().any(|k| t.has(&format!("payment:{k}"), &["yes", "only"])))
        .map(|(method, _)| *method)
        .collect();
    (!taken.is_empty()).then(|| taken.join(";"))
}

// ---------------------------------------------------------------------------
// Positions
// ---------------------------------------------------------------------------

/// The centroid of points, averaged on the unit sphere (right across the
/// antimeridian too). Callers pass the points in a fixed order (by node id)
/// so the same file always gives the same position.
fn centroid(points: impl Iterator<Item = (f64, f64)>) -> Option<(f64, f64)> {
    let (mut x, mut y, mut z, mut n) = (0.0, 0.0, 0.0, 0usize);
    for (lat, lon) in points {
        let (p, l) = (lat.to_radians(), lon.to_radians());
        x += p.cos() * l.cos();
        y += p.cos() * l.sin();
        z += p.sin();
        n += 1;
    }
    if n == 0 {
        return None;
    }
    let h = x.hypot(y);
    Some((z.atan2(h).to_degrees(), y.atan2(x).to_degrees()))
}

// ---------------------------------------------------------------------------
// The file
// ---------------------------------------------------------------------------

/// The ways the relations among `kept` name that `way_nodes` lacks, sorted.
fn member_ways<'e>(kept: impl Iterator<Item = &'e Element>, way_nodes: &HashMap<i64, Vec<i64>>) -> Vec<i64> {
    let mut ways: Vec<i64> = kept
        .filter(|e| e.kind() == Kind::Relation)
        .flat_map(|e| e.members.iter().filter(|(k, _)| *k == Kind::Way).map(|(_, id)| *id))
        .filter(|w| !way_nodes.contains_key(w))
        .collect();
    ways.sort_unstable();
    ways.dedup();
    ways
}

/// The nodes whose positions `kept` needs (the nodes of its ways, of the
/// ways in `way_nodes` its relations name, and its relations' nodes) that
/// `positions` lacks, sorted.
fn needed_nodes<'e>(
    kept: impl Iterator<Item = &'e Element>,
    way_nodes: &HashMap<i64, Vec<i64>>,
    positions: &HashMap<i64, (f64, f64)>,
) -> Vec<i64> {
    let mut needed: Vec<i64> = Vec::new();
    for e in kept {
        match e.kind() {
            Kind::Way => needed.extend(&e.refs),
            Kind::Relation => {
                for (k, id) in &e.members {
                    match k {
                        Kind::Node => needed.push(*id),
                        Kind::Way => needed.extend(way_nodes.get(id).into_iter().flatten()),
                        Kind::Relation => {}
                    }
                }
            }
            Kind::Node => {}
        }
    }
    needed.retain(|n| !positions.contains_key(n));
    needed.sort_unstable();
    needed.dedup();
    needed
}

/// What the places of a file need for their positions: the nodes of
/// their ways and their relations' ways, and the positions of nodes.
#[derive(Debug, Default)]
struct Located {
    way_nodes: HashMap<i64, Vec<i64>>,
    positions: HashMap<i64, (f64, f64)>,
}

impl Located {
    /// A place's position: a node's own; a way's or relation's centroid
    /// of its nodes (each once), those of its member ways included.
    fn of(&self, e: &Element) -> Option<(f64, f64)> {
        match e.kind() {
            Kind::Node => e.pos,
            Kind::Way => {
                let ids: BTreeSet<i64> = e.refs.iter().copied().collect();
                centroid(ids.iter().filter_map(|n| self.positions.get(n).copied()))
            }
            Kind::Relation => {
                let mut ids: BTreeSet<i64> = BTreeSet::new();
                for (k, id) in &e.members {
                    match k {
                        Kind::Node => {
                            ids.insert(*id);
                        }
                        Kind::Way => ids.extend(self.way_nodes.get(id).into_iter().flatten().copied()),
                        Kind::Relation => {}
                    }
                }
                centroid(ids.iter().filter_map(|n| self.positions.get(n).copied()))
            }
        }
    }
}

/// How many objects a file has, its places (each with its number in the
/// file), and what their positions need.
type Places = (usize, Vec<(usize, Element)>, Located);

/// A file's places in file order, with how many objects it has and what
/// their positions need. The file is read once for its tagged objects (a
/// PBF file's blocks decoded in parallel, and an object's tags looked at
/// before anything is copied: only objects that are places are kept; the
/// nodes its places need read with them, see [`scan::first_pbf`]), and
/// again (only as needed) for the ways and nodes still missing.
fn locate(source: &Source) -> Result<Places> {
    let mut index = BlobIndex::default();
    let mut way_nodes: HashMap<i64, Vec<i64>> = HashMap::new();
    let mut positions: HashMap<i64, (f64, f64)> = HashMap::new();
    let (seen, kept) = match source {
        Source::Pbf(input) => scan::first_pbf(*input, &mut index, &mut way_nodes, &mut positions)?,
        Source::Xml(_) => scan(source, &Want::Places, &mut index)?,
    };

    // The nodes each kept way and relation needs (those not found with
    // the places).
    for (_, e) in &kept {
        if e.kind() == Kind::Way {
            way_nodes.insert(e.id, e.refs.clone());
        }
    }
    let member_ways = member_ways(kept.iter().map(|(_, e)| e), &way_nodes);
    if !member_ways.is_empty() {
        for (_, e) in scan(source, &Want::Ways(&member_ways), &mut index)?.1 {
            way_nodes.insert(e.id, e.refs);
        }
    }
    for (_, e) in &kept {
        if e.kind() == Kind::Node
            && let Some(p) = e.pos
        {
            positions.insert(e.id, p);
        }
    }
    let needed = needed_nodes(kept.iter().map(|(_, e)| e), &way_nodes, &positions);
    if !needed.is_empty() {
        for (_, e) in scan(source, &Want::Nodes(&needed), &mut index)?.1 {
            if let Some(p) = e.pos {
                positions.insert(e.id, p);
            }
        }
    }
    Ok((seen, kept, Located { way_nodes, positions }))
}

/// Read an OpenStreetMap file's places ([`locate`]), handing each to
/// `found` in file order.
pub(super) fn stream(
    input: &dyn super::Input,
    format: Encoding,
    lenient: bool,
    found: &mut dyn FnMut(super::Found) -> ControlFlow<()>,
) -> Result<super::Counts> {
    use super::Found;
    let source = match format {
        Encoding::Xml => {
            let mut bytes = Vec::new();
            input
                .open()
                .and_then(|mut r| r.read_to_end(&mut bytes))
                .map_err(|e| bad(format, e))?;
            Source::Xml(bytes)
        }
        Encoding::Pbf => Source::Pbf(input),
    };
    let (seen, kept, located) = locate(&source)?;
    let counts = super::Counts {
        read: kept.len(),
        skipped: seen - kept.len(),
    };
    let mut warnings = Vec::new();
    for (row, e) in &kept {
        let position = located.of(e);
        let flow = match place(*row, e, position, lenient.then_some(&mut warnings)) {
            Ok(r) => {
                let mut flow = ControlFlow::Continue(());
                for w in warnings.drain(..) {
                    flow = found(Found::Warning(w));
                }
                if flow.is_continue() {
                    flow = found(Found::Record(r));
                }
                flow
            }
            Err(errs) if lenient => found(Found::LeftOut(left_out(e, errs))),
            Err(errs) => {
                let mut flow = ControlFlow::Continue(());
                for err in errs {
                    flow = found(Found::Error(err));
                }
                flow
            }
        };
        if flow.is_break() {
            break;
        }
    }
    Ok(counts)
}

/// The whole file gathered, for the tests.
#[cfg(test)]
pub(super) fn read(bytes: &[u8], format: Encoding, lenient: bool) -> Result<FileRead> {
    let f = match format {
        Encoding::Xml => super::PlaceFileFormat::OsmXml,
        Encoding::Pbf => super::PlaceFileFormat::OsmPbf,
    };
    super::gather(f, bytes, lenient)
}

/// One note for an object left out: its first problem, the others added
/// to the reason.
fn left_out(e: &Element, errs: Vec<RowError>) -> ObjectNote {
    let object = e.osm_id();
    let tag = format!(" [{object}]");
    let mut reasons = errs
        .iter()
        .map(|r| r.reason.strip_suffix(&tag).unwrap_or(&r.reason).to_owned());
    let first = errs.first();
    let mut reason = reasons.next().unwrap_or_default();
    for more in reasons {
        reason.push_str("; ");
        reason.push_str(&more);
    }
    ObjectNote {
        row: first.map_or(0, |r| r.row),
        object,
        tag: first.map(|r| r.column.clone()).unwrap_or_default(),
        value: first.map(|r| r.value.clone()).unwrap_or_default(),
        code: first.map(|r| r.code.clone()).unwrap_or_default(),
        reason,
    }
}

/// English and Japanese words for a category, to name a place that has no name.
fn category_words(category: &str) -> (&'static str, &'static str) {
    match category {
        "mosque" => ("Mosque", "モスク"),
        "prayer_room" => ("Prayer room", "礼拝室"),
        "restaurant" => ("Restaurant", "レストラン"),
        "cafe" => ("Café", "カフェ"),
        "halal_shop" => ("Halal shop", "ハラール食品店"),
        "grocery" => ("Grocery", "食料品店"),
        "hotel" => ("Hotel", "ホテル"),
        _ => ("Place", "施設"),
    }
}

/// Mend what a lenient read mends (see the module documentation), noting each change.
fn mend(row: usize, object: &str, t: &Tags, f: &mut PlaceFields, notes: &mut Vec<ObjectNote>) {
    let mut note = |tag: &str, value: &str, code: &str, reason: String| {
        notes.push(ObjectNote {
            row,
            object: object.to_owned(),
            tag: tag.to_owned(),
            value: value.to_owned(),
            code: code.to_owned(),
            reason,
        });
    };
    let named = [&f.name_ja, &f.name_en, &f.name_th, &f.name_ms, &f.name_ar, &f.name_id]
        .iter()
        .any(|n| n.is_some());
    if !named {
        let by = t
            .first(&["brand", "brand:en", "brand:ja", "brand:ms", "brand:th"])
            .map(|(k, v)| (k, v.to_owned(), "name_from_brand"))
            .or_else(|| {
                t.get("operator")
                    .map(|v| ("operator", v.to_owned(), "name_from_operator"))
            })
            .or_else(|| {
                t.get("addr:street").map(|street| {
                    let (en, ja) = category_words(f.category.as_deref().unwrap_or("other"));
                    let name = if script_language(street) == "ja" {
                        format!("{ja}（{street}）")
                    } else {
                        format!("{en}, {street}")
                    };
                    ("addr:street", name, "name_from_street")
                })
            });
        if let Some((key, name, code)) = by {
            let slot = match script_language(&name) {
                "ja" => &mut f.name_ja,
                "th" => &mut f.name_th,
                "ar" => &mut f.name_ar,
                _ => &mut f.name_en,
            };
            *slot = Some(name.clone());
            note(key, &name, code, format!("no name: named \"{name}\" from {key}"));
        }
    }
    if let Some(w) = f.website.clone() {
        let mut w2 = w.clone();
        if !w.contains("://") {
            w2 = format!("https://{w}");
            if Website::parse(&w2).is_ok() {
                note(
                    "website",
                    &w,
                    "website_https_added",
                    format!("website without a scheme: kept as {w2}"),
                );
            }
        }
        if Website::parse(&w2).is_ok() {
            f.website = Some(w2);
        } else {
            f.website = None;
            note(
                "website",
                &w,
                "website_dropped",
                format!("\"{w}\" is not a web address: place kept without it"),
            );
        }
    }
    if let Some(p) = f.phone.clone()
        && Phone::parse(&p).is_err()
    {
        f.phone = None;
        note(
            "phone",
            &p,
            "phone_dropped",
            format!("\"{p}\" is not a telephone number: place kept without it"),
        );
    }
}

/// One kept object as a place, or every reason it is not one. With
/// `mended` (a lenient read), what can be mended is, noted there.
fn place(
    row: usize,
    e: &Element,
    position: Option<(f64, f64)>,
    mended: Option<&mut Vec<ObjectNote>>,
) -> Result<FileRecord, Vec<RowError>> {
    let osm_id = e.osm_id();
    let tag = format!(" [{osm_id}]");
    let mut errors = Vec::new();
    let (mut f, mut from) = fields(&Tags(&e.tags));
    // Notes on an object that is then left out are not kept: its reason says enough.
    let mut notes = Vec::new();
    let lenient = mended.is_some();
    if lenient {
        mend(row, &osm_id, &Tags(&e.tags), &mut f, &mut notes);
        from.remove("website");
        from.remove("phone");
        if let Some(w) = &f.website {
            from.insert("website", ("website".to_owned(), w.clone()));
        }
    }
    f.source_id = Some(osm_id.clone());
    match position {
        Some((lat, lon)) => {
            f.lat = Some(lat);
            f.lon = Some(lon);
        }
        None => {
            let (column, reason) = match e.kind() {
                Kind::Way => (
                    "nd",
                    format!(
                        "none of this way's {} nodes is in the file, so it has no position; extract the area with complete ways",
                        e.refs.len()
                    ),
                ),
                _ => (
                    "member",
                    format!(
                        "none of this relation's {} members has a node in the file, so it has no position",
                        e.members.len()
                    ),
                ),
            };
            errors.push(row_error(row, column, "", "no_position", format!("{reason}{tag}")));
            // Reported; don't report lat and lon again.
            f.lat = Some(0.0);
            f.lon = Some(0.0);
        }
    }
    match f.validate() {
        Ok(input) if errors.is_empty() => {
            if let Some(m) = mended {
                m.extend(notes);
            }
            Ok(FileRecord {
                row,
                input,
                label: Some(osm_id),
                locality: None,
            })
        }
        Ok(_) => Err(errors),
        Err(errs) => {
            for err in errs {
                let (column, value) = match (err.field.as_str(), from.get(err.field.as_str())) {
                    (_, Some((k, v))) => (k.clone(), v.clone()),
                    ("name_en", None) => ("name".to_owned(), String::new()),
                    ("source_id", None) => ("id".to_owned(), osm_id.clone()),
                    ("lat", None) => ("lat".to_owned(), f.lat.map(|v| v.to_string()).unwrap_or_default()),
                    ("lon", None) => ("lon".to_owned(), f.lon.map(|v| v.to_string()).unwrap_or_default()),
                    (field, None) => (field.to_owned(), String::new()),
                };
                let no_name = err.field == "name_en" && !from.contains_key("name_en") && f.name_en.is_none();
                let code = if no_name && lenient {
                    "no_name".to_owned()
                } else {
                    err.code
                };
                let reason = if no_name && lenient {
                    "no name, brand, operator or addr:street to name it by: give it name, or name:ja, name:en, name:th, name:ms, name:ar or name:id".to_owned()
                } else if no_name {
                    "no name: give it name, or name:ja, name:en, name:th, name:ms, name:ar or name:id".to_owned()
                } else {
                    err.message
                };
                errors.push(row_error(row, &column, &value, &code, format!("{reason}{tag}")));
            }
            Err(errors)
        }
    }
}
