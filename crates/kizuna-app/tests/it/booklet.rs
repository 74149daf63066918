//! The printable PDF booklet of the map's places: made from the demo on
//! SQLite in four languages and read back with poppler's `pdftotext` (the
//! text must extract as written), grouped by area in order, every place
//! once, certificates spelled out; and clear errors for a bad language and
//! for missing fonts.
//!
//! The fonts are the ones embedded in the binary (Noto Sans JP and Thai from
//! npm): no font is read from this machine's font folders.
//!
//! Needs Debian's poppler-utils (pdftotext, pdffonts; scripts/test installs
//! them), and world-atlas from npm (crates/kizuna-web's build installs it).

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use kizuna_app::App;
use kizuna_docs::booklet::{BookletData, BookletError, BookletFonts, K, Land, local_date, render};
use kizuna_domain::common::locality::Locality;
use kizuna_domain::map::place::{CertificateStatus, OSM_ATTRIBUTION, Place};
use kizuna_i18n::Lang;
use kizuna_store::Backend;
use kizuna_testkit::fresh_store;
use serde_json::json;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date")
}

fn land() -> Land {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../node_modules/world-atlas/land-50m.json");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (world-atlas comes from npm: run npm ci, or build kizuna-web)",
            path.display()
        )
    });
    Land::from_topojson(&bytes).expect("world-atlas land shapes")
}

/// The fonts with no override: the embedded ones alone, nothing read from disk.
fn fonts() -> BookletFonts {
    let fonts = BookletFonts::discover_from(Some("  ")).expect("the default fonts");
    assert!(
        fonts.sources().iter().all(|s| s.starts_with("Noto Sans")),
        "{:?}",
        fonts.sources()
    );
    fonts
}

fn tool(name: &str, args: &[&std::ffi::OsStr]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} (Debian's poppler-utils) is needed: {e}"));
    assert!(
        out.status.success(),
        "{name} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 from poppler")
}

/// The PDF's text as pdftotext reads it, one string per page.
fn pages_of(pdf: &[u8], name: &str) -> Vec<String> {
    assert!(pdf.starts_with(b"%PDF-"), "{name} does not start with %PDF-");
    let path = std::env::temp_dir().join(format!("kizuna-booklet-{}-{name}.pdf", std::process::id()));
    std::fs::write(&path, pdf).unwrap();
    let text = tool(
        "pdftotext",
        &["-enc".as_ref(), "UTF-8".as_ref(), path.as_os_str(), "-".as_ref()],
    );
    let fonts = tool("pdffonts", &[path.as_os_str()]);
    std::fs::remove_file(&path).ok();
    // Every font is embedded, subset, with a ToUnicode map ("emb sub uni": yes yes yes).
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        assert!(row.contains("CID TrueType") && row.contains("yes yes yes"), "{row}");
    }
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// How often `needle` occurs in `hay`, both without whitespace (lines wrap).
fn occurrences(hay: &str, needle: &str) -> usize {
    squeeze(hay).matches(&squeeze(needle)).count()
}

/// The area each page belongs to: its running header, "A · Name".
fn page_areas(pages: &[String]) -> Vec<Option<String>> {
    pages
        .iter()
        .map(|p| {
            let first = p.lines().map(str::trim).find(|l| !l.is_empty())?;
            let (_, name) = first.split_once(" · ")?;
            Some(name.trim().to_owned())
        })
        .collect()
}

fn printed_names(places: &[&Place], lang: &str) -> Vec<String> {
    places
        .iter()
        .map(|p| {
            p.fields
                .names
                .get(lang)
                .or(p.fields.names.get("en"))
                .unwrap()
                .as_str()
                .to_owned()
        })
        .collect()
}

/// Every branch of a chain says so in the booklet's language: its branch
/// and chain as that language has them, never the English ones.
fn branches_in(text: &str, all: &[&Place], lang: Lang) {
    let mut branches = 0;
    for p in all {
        let (Some(chain), Some(branch)) = (&p.fields.chain, &p.fields.branch) else {
            continue;
        };
        let (c, b) = (chain.get(lang.code()).unwrap(), branch.get(lang.code()).unwrap());
        let line = K::ChainBranch.with(lang, &[("chain", c.as_str()), ("branch", b.as_str())]);
        assert_eq!(occurrences(text, &line), 1, "{lang:?}: {line}");
        if lang != Lang::En {
            let en = K::ChainBranch.with(
                lang,
                &[
                    ("chain", chain.get("en").unwrap().as_str()),
                    ("branch", branch.get("en").unwrap().as_str()),
                ],
            );
            assert!(en == line || occurrences(text, &en) == 0, "{lang:?}: {en}");
        }
        branches += 1;
    }
    assert_eq!(branches, 8);
}

#[tokio::test]
async fn demo_booklets_in_four_languages() {
    let app = App::new(fresh_store(Backend::Sqlite).await.expect("a SQLite store")).with_today(today());
    app.load_demo().await.unwrap();
    let (fonts, land) = (fonts(), land());

    // English: areas by locality key, each in its own pages, in order.
    let data = app.booklet_data(Lang::En).await.unwrap();
    let names: Vec<&str> = data.areas.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Ishikari", "Sapporo", "Kushiro", "Akan", "Hakodate", "Tokachi", "Obihiro"
        ]
    );
    assert_eq!(data.place_count(), 60);
    let pdf = render(&app.booklet_data(Lang::En).await.unwrap(), &fonts, Some(&land)).unwrap();
    let pages = pages_of(&pdf, "en");
    let text = pages.join("\n");
    let areas = page_areas(&pages);
    assert_eq!(areas[0], None, "the cover has no area header");
    let mut order: Vec<String> = Vec::new();
    for a in areas.iter().flatten() {
        let a = a.trim_end_matches(" (continued)").to_owned();
        if order.last() != Some(&a) {
            order.push(a);
        }
    }
    let expected: Vec<String> = data
        .areas
        .iter()
        .map(|a| format!("{} {}", a.name, a.name_ja.as_deref().unwrap()))
        .collect();
    assert_eq!(order, expected, "each area once, in order");
    // Every place exactly once, on a page of its own area.
    let all: Vec<&Place> = data.areas.iter().flat_map(|a| a.places.iter()).collect();
    let printed = printed_names(&all, "en");
    for a in &data.areas {
        let title = format!("{} {}", a.name, a.name_ja.as_deref().unwrap());
        for p in &a.places {
            let name = p.fields.names.get("en").unwrap().as_str();
            let expected = printed.iter().filter(|n| squeeze(n).contains(&squeeze(name))).count();
            assert_eq!(occurrences(&text, name), expected, "{name}");
            let page = pages.iter().position(|pg| occurrences(pg, name) > 0).unwrap();
            assert_eq!(
                areas[page].as_deref().map(|h| h.trim_end_matches(" (continued)")),
                Some(title.as_str()),
                "{name} is under its area"
            );
        }
    }
    // Certificates: certifier, number and last day; lapsed ones say so.
    let mut certified = 0;
    for p in &all {
        let Some(c) = p.fields.halal.certificate() else {
            continue;
        };
        let until = local_date(Lang::En, c.valid_until());
        let line = match c.status(today()) {
            CertificateStatus::Valid | CertificateStatus::Expiring => {
                certified += 1;
                format!(
                    "Certified by {}, no. {}, valid until {until}",
                    c.certifier(),
                    c.number()
                )
            }
            CertificateStatus::Expired => {
                format!("Certificate by {} (no. {}) ended on {until}", c.certifier(), c.number())
            }
            CertificateStatus::NotYetValid => format!("is valid from {}", local_date(Lang::En, c.valid_from())),
        };
        assert_eq!(occurrences(&text, &line), 1, "{line}");
    }
    assert!(certified >= 5, "{certified}");
    branches_in(&text, &all, Lang::En);
    assert!(text.contains("Halal certified") && text.contains("Pork-free") && text.contains("Vegetarian options"));
    assert!(text.contains("Made on 23 November 2026"), "generated-on date");
    assert!(occurrences(&text, K::DemoNote.get(Lang::En)) == 1);
    assert!(
        !text.contains("OpenStreetMap contributors"),
        "no OpenStreetMap place, no attribution"
    );
    assert!(text.contains(&format!("Page 1 of {}", pages.len())));
    assert!(text.contains(&format!("Page {0} of {0}", pages.len())));
    // The contents name the page each area starts on.
    let first_page_of = |title: &str| areas.iter().position(|a| a.as_deref() == Some(title)).unwrap() + 1;
    for e in &expected {
        let line = pages[0]
            .lines()
            .skip_while(|l| !l.contains(e.as_str()))
            .nth(2)
            .unwrap_or("");
        assert_eq!(line.trim(), first_page_of(e).to_string(), "contents: {e}");
    }

    // Japanese: the Japanese names, each once; the booklet's own words in Japanese.
    let pdf = render(&app.booklet_data(Lang::Ja).await.unwrap(), &fonts, Some(&land)).unwrap();
    let text = pages_of(&pdf, "ja").join("\n");
    branches_in(&text, &all, Lang::Ja);
    let printed = printed_names(&all, "ja");
    for name in &printed {
        let expected = printed.iter().filter(|n| squeeze(n).contains(&squeeze(name))).count();
        assert_eq!(occurrences(&text, name), expected, "{name}");
    }
    for k in [
        K::Title,
        K::Contents,
        K::LevelCertified,
        K::LevelPorkFree,
        K::CatPrayerRoom,
    ] {
        assert!(text.contains(k.get(Lang::Ja)), "{k:?}");
    }
    assert!(text.contains("2026年11月23日作成"));
    for a in ["石狩", "札幌市", "釧路市", "阿寒", "函館市", "十勝", "帯広市"] {
        assert!(text.contains(&format!("· {a}")), "{a}");
    }

    // Thai: the booklet's words in Thai extract as written; Thai names where recorded.
    let pdf = render(&app.booklet_data(Lang::Th).await.unwrap(), &fonts, Some(&land)).unwrap();
    let text = pages_of(&pdf, "th").join("\n");
    branches_in(&text, &all, Lang::Th);
    for k in [
        K::Title,
        K::Subtitle,
        K::LegendTitle,
        K::LevelCertified,
        K::LevelSelfDeclared,
        K::NotePorkFree,
        K::CatMosque,
        K::FacWudu,
    ] {
        assert!(occurrences(&text, k.get(Lang::Th)) >= 1, "{k:?}: {}", k.get(Lang::Th));
    }
    assert!(text.contains("หน้า 1 จาก"), "page numbers in Thai");
    let thai: Vec<&&Place> = all.iter().filter(|p| p.fields.names.get("th").is_some()).collect();
    assert!(thai.len() >= 3);
    for p in thai {
        let name = p.fields.names.get("th").unwrap().as_str();
        assert_eq!(occurrences(&text, name), 1, "{name}");
    }

    // Malay.
    let pdf = render(&app.booklet_data(Lang::Ms).await.unwrap(), &fonts, Some(&land)).unwrap();
    let text = pages_of(&pdf, "ms").join("\n");
    branches_in(&text, &all, Lang::Ms);
    for k in [
        K::Title,
        K::LevelCertified,
        K::NoteSelfDeclared,
        K::AlcoholNo,
        K::CertifiedBy,
    ] {
        let words = k.get(Lang::Ms).split('{').next().unwrap();
        assert!(occurrences(&text, words) >= 1, "{k:?}");
    }
    assert!(text.contains("Halaman 1 daripada"));
}

fn locality(id: i64, key: &str, en: &str, ja: &str) -> Locality {
    serde_json::from_value(json!({
        "id": id, "version": 1, "key": key, "country": "JP", "level": "municipality", "name": {"en": en, "ja": ja}
    }))
    .unwrap()
}

fn place(id: i64, names: serde_json::Value, lat: f64, lon: f64, extra: serde_json::Value) -> Place {
    let mut v = json!({"id": id, "version": 1, "office_id": 1, "category": "restaurant", "lat": lat, "lon": lon, "assurance": "pork_free",
                       "source": "staff", "source_id": format!("s-{id}")});
    for (k, x) in names.as_object().unwrap().iter().chain(extra.as_object().unwrap()) {
        v[k] = x.clone();
    }
    serde_json::from_value(v).unwrap()
}

/// Places without a locality join the nearest area (within 30 km) or go
/// under "Other places"; OpenStreetMap data is attributed; a name in a
/// script no font has is taken in another language, else shown as "?".
#[test]
fn areas_attribution_and_undrawable_names() {
    let localities = [locality(1, "jp/hokkaido/oshima/hakodate", "Hakodate", "函館市")];
    let places = vec![
        place(
            1,
            json!({"name_en": "Harbour Grill"}),
            41.77,
            140.73,
            json!({"locality_id": 1}),
        ),
        place(2, json!({"name_en": "Morning Market Stall"}), 41.78, 140.72, json!({})),
        place(
            3,
            json!({"name_en": "Wakkanai Noodles", "name_ar": "نودلز"}),
            45.41,
            141.67,
            json!({"source": "openstreetmap", "source_id": "node/42", "attribution": OSM_ATTRIBUTION}),
        ),
        place(
            4,
            json!({"name_ar": "مطعم"}),
            45.42,
            141.68,
            json!({"attribution": "Survey by the office (CC BY 4.0)"}),
        ),
    ];
    let data = BookletData::new(Lang::En, today(), places, &localities);
    let groups: Vec<(String, Vec<i64>)> = data
        .areas
        .iter()
        .map(|a| (a.name.clone(), a.places.iter().map(|p| p.id).collect()))
        .collect();
    assert_eq!(
        groups,
        [
            ("Hakodate".to_owned(), vec![1, 2]),
            ("Other places".to_owned(), vec![3, 4])
        ]
    );
    let pdf = render(&data, &fonts(), None).unwrap();
    let pages = pages_of(&pdf, "attribution");
    let text = pages.join("\n");
    assert_eq!(occurrences(&text, "Morning Market Stall"), 1);
    assert_eq!(occurrences(&text, "Wakkanai Noodles"), 1);
    assert!(occurrences(&text, OSM_ATTRIBUTION) == 1, "{text}");
    assert!(text.contains("Survey by the office (CC BY 4.0)"));
    assert!(!text.contains("Natural Earth"), "no land shapes drawn, none credited");
    assert!(!text.contains("fictional"), "no demo place, no demo note");
    // The Arabic-only name cannot be drawn: question marks, not an error.
    assert!(text.contains("??"), "{text}");
    let areas = page_areas(&pages);
    assert_eq!(
        areas.iter().flatten().filter(|a| a.starts_with("Other places")).count(),
        1
    );

    // In Japanese the "Other places" heading is Japanese too.
    let data = BookletData::new(
        Lang::Ja,
        today(),
        data.areas.into_iter().flat_map(|a| a.places).collect(),
        &localities,
    );
    assert_eq!(data.areas[1].name, "その他の場所");
    assert_eq!(data.areas[0].name, "函館市");
}

#[test]
fn an_empty_map_still_makes_a_booklet() {
    let data = BookletData::new(Lang::Th, today(), Vec::new(), &[]);
    let pdf = render(&data, &fonts(), Some(&land())).unwrap();
    let pages = pages_of(&pdf, "empty");
    assert_eq!(pages.len(), 1);
    assert!(pages[0].contains(K::NoPlaces.get(Lang::Th)));
}

#[test]
fn a_bad_language_is_named() {
    let e = Lang::parse("de").unwrap_err();
    assert_eq!((e.field.as_str(), e.code.as_str()), ("lang", "unknown_language"));
    assert_eq!(
        e.message,
        "\"de\" is not one of Kizuna's languages: use en, ja, th or ms"
    );
    assert_eq!(Lang::parse("TH").unwrap(), Lang::Th);
}

fn font_error(r: Result<impl Sized, BookletError>) -> String {
    match r {
        Err(BookletError::Fonts(m)) => m,
        Ok(_) => panic!("no error"),
    }
}

fn node_font(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../node_modules/@expo-google-fonts")
        .join(file)
}

/// Font files named to override the embedded ones: a missing or bad file is
/// named (for the command line and the server's log); a good one comes
/// first, the embedded fonts after it.
#[test]
fn named_fonts_come_before_the_embedded_ones() {
    let m = font_error(BookletFonts::load(&[PathBuf::from("/nonexistent/fonts/x.ttf")]));
    assert!(
        m.starts_with("cannot read the font file /nonexistent/fonts/x.ttf:"),
        "{m}"
    );
    let m = font_error(BookletFonts::discover_from(Some(
        "/nonexistent/a.ttf:/nonexistent/b.ttf",
    )));
    assert!(m.contains("/nonexistent/a.ttf"), "{m}");
    let m = font_error(BookletFonts::load(&[
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")
    ]));
    assert!(m.contains("Cargo.toml is not a usable font"), "{m}");

    let thai = node_font("noto-sans-thai/400Regular/NotoSansThai_400Regular.ttf");
    let fonts = BookletFonts::load(std::slice::from_ref(&thai)).unwrap();
    let sources = fonts.sources();
    assert_eq!(sources.len(), 3, "{sources:?}");
    assert_eq!(sources[0], thai.display().to_string());
    assert!(sources[1].starts_with("Noto Sans JP (npm @expo-google-fonts/noto-sans-jp 0.4.3)"));
    assert!(sources[2].starts_with("Noto Sans Thai (npm @expo-google-fonts/noto-sans-thai 0.4.2)"));
    // A Thai-only override still makes a Japanese booklet: the embedded font draws the kanji.
    let data = BookletData::new(
        Lang::Ja,
        today(),
        vec![place(
            1,
            json!({"name_en": "Soup Curry", "name_ja": "スープカレー"}),
            43.06,
            141.35,
            json!({}),
        )],
        &[],
    );
    let text = pages_of(&render(&data, &fonts, None).unwrap(), "ja-override").join("\n");
    assert!(text.contains("スープカレー"), "{text}");
}

/// Thai words written without spaces, as Thai is.
const THAI_WORDS: &[&str] = &[
    "ร้าน",
    "อาหาร",
    "ฮาลาล",
    "แห่ง",
    "นี้",
    "เปิด",
    "ทุก",
    "วัน",
    "ตั้งแต่",
    "เช้า",
    "จนถึง",
    "เย็น",
    "มี",
    "ห้อง",
    "ละหมาด",
    "สำหรับ",
    "ผู้",
    "ชาย",
    "และ",
    "ผู้",
    "หญิง",
    "อยู่",
    "ใกล้",
    "สถานี",
    "รถไฟ",
    "เดิน",
    "ไป",
    "ได้",
    "ภายใน",
    "ห้า",
    "นาที",
    "พนักงาน",
    "พูด",
    "ภาษา",
    "อังกฤษ",
    "ญี่ปุ่น",
    "และ",
    "ไทย",
    "ราคา",
    "ไม่",
    "แพง",
];

/// A long Thai text (a place's address, which wraps over several lines)
/// comes back from pdftotext with every Thai word whole: each line ends
/// where a word ends, and the lines together are the text as written.
#[test]
fn thai_words_are_never_cut_across_lines() {
    let long = THAI_WORDS.concat();
    let data = BookletData::new(
        Lang::Th,
        today(),
        vec![place(
            1,
            json!({"name_en": "Long Address", "name_th": "ร้านทดสอบ"}),
            43.06,
            141.35,
            json!({"address": long}),
        )],
        &[],
    );
    let text = pages_of(&render(&data, &fonts(), None).unwrap(), "th-words").join("\n");
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let first = lines
        .iter()
        .position(|l| l.contains(THAI_WORDS[0]) && l.contains(THAI_WORDS[2]))
        .unwrap_or_else(|| panic!("the address is not in:\n{text}"));
    let start = lines[first].find(THAI_WORDS[0]).unwrap();
    let mut got = vec![&lines[first][start..]];
    let mut joined: String = got[0].to_owned();
    for l in &lines[first + 1..] {
        if joined.len() >= long.len() {
            break;
        }
        got.push(l);
        joined.push_str(l);
    }
    assert!(got.len() >= 2, "the address should wrap: {got:?}");
    assert_eq!(joined, long, "the address as written: {got:?}");
    let ends: Vec<usize> = THAI_WORDS
        .iter()
        .scan(0, |n, w| {
            *n += w.len();
            Some(*n)
        })
        .collect();
    let mut at = 0;
    for line in &got[..got.len() - 1] {
        at += line.len();
        assert!(
            ends.contains(&at),
            "a line ends inside a word: {line:?} (lines {got:?})"
        );
    }
}

#[test]
fn world_atlas_land_is_decoded() {
    let land = land();
    assert!(land.len() > 1000, "{}", land.len());
    // Sapporo, Obihiro and Nanae (north of Hakodate) are on land; the Sea of Japan west of
    // Hokkaido and the Pacific south of Kushiro are not.
    assert!(land.covers(141.35, 43.06));
    assert!(land.covers(143.20, 42.92));
    assert!(land.covers(140.70, 41.90));
    assert!(!land.covers(139.8, 43.5));
    assert!(!land.covers(144.4, 42.5));
}

/// A booklet is made once per language and places version: asked again it
/// comes from memory, the same bytes; a place written or another language
/// makes a new one.
#[tokio::test]
async fn booklets_are_kept_until_the_places_change() {
    let app = App::new(fresh_store(Backend::Sqlite).await.expect("a SQLite store")).with_today(today());
    let fonts = std::sync::Arc::new(fonts());
    let first = app.booklet_pdf(Lang::Th, fonts.clone(), None).await.unwrap();
    let again = app.booklet_pdf(Lang::Th, fonts.clone(), None).await.unwrap();
    assert!(std::sync::Arc::ptr_eq(&first, &again), "the same booklet, kept");
    assert_eq!(app.booklets_made(), 1);
    app.booklet_pdf(Lang::Ja, fonts.clone(), None).await.unwrap();
    assert_eq!(app.booklets_made(), 2, "another language is another booklet");
    let p = place(
        1,
        json!({"name_en": "Soup Curry", "name_th": "ซุปแกงกะหรี่"}),
        43.06,
        141.35,
        json!({}),
    );
    app.create_place(p.fields.into()).await.unwrap();
    let after = app.booklet_pdf(Lang::Th, fonts.clone(), None).await.unwrap();
    assert_eq!(app.booklets_made(), 3, "a place written makes it anew");
    assert!(pages_of(&after, "th-after").join("\n").contains("ซุปแกงกะหรี่"));
    assert!(!pages_of(&first, "th-before").join("\n").contains("ซุปแกงกะหรี่"));
}

/// The booklet is a tagged PDF in each language, as a screen reader or a
/// reflowing viewer reads it: `qpdf --check` passes, pdftotext returns the
/// language's own words, and the structure tree (read by `qpdf --json`)
/// has the cover's title as `H1`, the contents, the legend and each area
/// as `H2`, the overview and each area's map as a `Figure` whose `/Alt`
/// is in the booklet's language, and every place as a list item numbered
/// by its label; the catalog says it is marked, in which language, and to
/// show its title.
#[tokio::test]
async fn booklets_are_tagged_in_their_language() {
    let app = App::new(fresh_store(Backend::Sqlite).await.expect("a SQLite store")).with_today(today());
    app.load_demo().await.unwrap();
    let (fonts, land) = (fonts(), land());
    for lang in Lang::ALL {
        let data = app.booklet_data(lang).await.unwrap();
        let pdf = render(&data, &fonts, Some(&land)).unwrap();
        let path = std::env::temp_dir().join(format!("kizuna-booklet-tagged-{}-{lang}.pdf", std::process::id()));
        std::fs::write(&path, &pdf).unwrap();
        let check = Command::new("qpdf")
            .arg("--check")
            .arg(&path)
            .output()
            .expect("Debian's qpdf");
        let said = String::from_utf8_lossy(&check.stdout);
        assert!(
            check.status.success() && said.contains("No syntax or stream encoding errors"),
            "{lang}: qpdf --check: {said} {}",
            String::from_utf8_lossy(&check.stderr)
        );
        let text = tool(
            "pdftotext",
            &["-enc".as_ref(), "UTF-8".as_ref(), path.as_os_str(), "-".as_ref()],
        );
        for k in [K::Title, K::Subtitle, K::Contents, K::LegendTitle, K::MapCaption] {
            assert!(occurrences(&text, k.get(lang)) >= 1, "{lang}: {k:?} in the text");
        }
        let info = tool("pdfinfo", &[path.as_os_str()]);
        assert!(info.contains("Tagged:          yes"), "{lang}: {info}");
        let pages: usize = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        let json = tool(
            "qpdf",
            &["--json=2".as_ref(), "--json-key=qpdf".as_ref(), path.as_os_str()],
        );
        std::fs::remove_file(&path).ok();
        let json: serde_json::Value = serde_json::from_str(&json).unwrap();
        let objects: Vec<&serde_json::Value> = json["qpdf"][1]
            .as_object()
            .unwrap()
            .values()
            .filter_map(|o| o.get("value"))
            .collect();
        let catalog = objects.iter().find(|o| o["/Type"] == "/Catalog").unwrap();
        assert_eq!(catalog["/MarkInfo"]["/Marked"], true, "{lang}");
        assert_eq!(catalog["/Lang"], format!("u:{}", lang.code()), "{lang}");
        assert_eq!(catalog["/ViewerPreferences"]["/DisplayDocTitle"], true, "{lang}");
        assert!(catalog.get("/StructTreeRoot").is_some(), "{lang}");
        let info_dict = objects.iter().find(|o| o.get("/Producer").is_some()).unwrap();
        assert_eq!(
            info_dict["/Title"],
            format!("u:{} — {}", K::Title.get(lang), K::Subtitle.get(lang)),
            "{lang}"
        );
        let root = objects.iter().find(|o| o["/Type"] == "/StructTreeRoot").unwrap();
        let nums = root["/ParentTree"]["/Nums"].as_array().unwrap();
        assert_eq!(nums.len() / 2, pages, "{lang}: one parent-tree entry per page");

        let elements: Vec<&&serde_json::Value> = objects.iter().filter(|o| o.get("/S").is_some()).collect();
        let roles = |role: &str| elements.iter().filter(|e| e["/S"] == role).count();
        let areas = data.areas.len();
        let places = data.place_count();
        assert_eq!(roles("/Document"), 1, "{lang}");
        assert_eq!(roles("/H1"), 1, "{lang}: the cover's title");
        assert_eq!(roles("/H2"), 2 + areas, "{lang}: contents, legend, each area");
        assert_eq!(roles("/Figure"), 1 + areas, "{lang}: the overview and each area's map");
        assert_eq!(roles("/L"), 2 + areas, "{lang}: contents, legend, each area's places");
        assert_eq!(roles("/LI"), areas + 6 + places, "{lang}: areas, six levels, places");
        assert_eq!(roles("/Lbl"), areas + places, "{lang}: letters and numbers");
        assert!(roles("/P") >= 3 + areas, "{lang}: subtitle, date, notes, captions");
        // Each figure's alternative text, in the booklet's language.
        let alts: Vec<&str> = elements
            .iter()
            .filter(|e| e["/S"] == "/Figure")
            .map(|e| e["/Alt"].as_str().unwrap().trim_start_matches("u:"))
            .collect();
        assert!(alts.contains(&K::OverviewAlt.get(lang)), "{lang}: {alts:?}");
        for a in &data.areas {
            let title = match &a.name_ja {
                Some(ja) => format!("{} {}", a.name, ja),
                None => a.name.clone(),
            };
            let alt = K::MapAlt.with(lang, &[("area", &title)]);
            assert!(alts.contains(&alt.as_str()), "{lang}: {alt} in {alts:?}");
        }
        // Every marked-content reference points at a page.
        let marks = elements
            .iter()
            .filter_map(|e| e["/K"].as_array())
            .flatten()
            .filter(|k| k.get("/MCID").is_some())
            .count();
        let owned: usize = (0..nums.len() / 2)
            .map(|i| {
                let r = nums[2 * i + 1].as_str().unwrap();
                json["qpdf"][1][format!("obj:{r}")]["value"]
                    .as_array()
                    .map_or(0, Vec::len)
            })
            .sum();
        assert_eq!(marks, owned, "{lang}: the parent tree owns every marked sequence");
    }
}
