//! The booklet's shaped text read back from the PDF as a reader's tools
//! read it: a booklet in each of the four languages, with places named in
//! Thai (stacked vowel and tone marks, sara am), Japanese, Malay and
//! English, passes `qpdf --check`, and poppler's `pdftotext` returns the
//! words as written (Thai words whole, ligatures as their letters), with no
//! line starting with a Thai mark.
//!
//! Needs Debian's qpdf and poppler-utils: without them the test says so
//! and passes, except under `CI=true`, where it fails.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use std::process::Command;

use chrono::NaiveDate;
use kizuna_docs::booklet::{BookletData, BookletFonts, K, render};
use kizuna_domain::map::place::Place;
use kizuna_i18n::Lang;
use serde_json::json;

fn place(id: i64, names: serde_json::Value, extra: serde_json::Value) -> Place {
    let mut v = json!({"id": id, "version": 1, "office_id": 1, "category": "restaurant", "lat": 43.06,
                       "lon": 141.35, "assurance": "pork_free", "source": "staff", "source_id": format!("s-{id}")});
    for (k, x) in names.as_object().unwrap().iter().chain(extra.as_object().unwrap()) {
        v[k] = x.clone();
    }
    serde_json::from_value(v).unwrap()
}

/// Thai names with marks on marks (ที่, กี่, ปั้น, ญี่ปุ่น), sara am (น้ำ, split
/// by the shaper around the tone mark) and a long address that wraps.
const THAI_NAMES: &[&str] = &["ร้านน้ำชาที่ดี", "บ้านกี่ปั้น", "ครัวญี่ปุ่นฮาลาล"];
const THAI_ADDRESS: &str =
    "ใกล้สถานีรถไฟเดินไปได้ภายในห้านาทีร้านอาหารฮาลาลแห่งนี้เปิดทุกวันตั้งแต่เช้าจนถึงเย็นมีห้องละหมาดสำหรับผู้ชายและผู้หญิงน้ำดื่มฟรี";
/// Its words, as the dictionary cuts them (a line may end only after one).
const THAI_ADDRESS_WORDS: &[&str] = &[
    "ใกล้",
    "สถานี",
    "รถไฟ",
    "เดิน",
    "ไป",
    "ได้",
    "ภายใน",
    "ห้า",
    "นาที",
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
    "น้ำ",
    "ดื่ม",
    "ฟรี",
];

fn places() -> Vec<Place> {
    vec![
        place(
            1,
            json!({"name_en": "Good Tea House", "name_th": THAI_NAMES[0], "name_ja": "良いお茶の店", "name_ms": "Kedai Teh Baik"}),
            json!({"address": THAI_ADDRESS}),
        ),
        place(
            2,
            json!({"name_en": "Office Waffle Kitchen", "name_th": THAI_NAMES[1], "name_ja": "ワッフル・キッチン", "name_ms": "Dapur Wafel Pejabat"}),
            json!({"assurance": "certified", "certifier": "Japan Muslim Association", "certificate_number": "JMA-1",
                   "certificate_valid_from": "2026-01-01", "certificate_valid_until": "2027-12-31"}),
        ),
        place(
            3,
            json!({"name_en": "Halal Japanese Kitchen", "name_th": THAI_NAMES[2], "name_ja": "ハラール和食処", "name_ms": "Dapur Jepun Halal"}),
            json!({}),
        ),
    ]
}

/// Whether the tools are here (else: say so, and fail only in CI).
fn tools_present() -> bool {
    let missing: Vec<&str> = ["qpdf", "pdftotext"]
        .into_iter()
        .filter(|t| Command::new(t).arg("--version").output().is_err())
        .collect();
    if missing.is_empty() {
        return true;
    }
    let why = format!("{missing:?} not installed (Debian's qpdf and poppler-utils)");
    assert!(std::env::var("CI").as_deref() != Ok("true"), "{why}");
    eprintln!("skipped: {why}");
    false
}

fn is_thai_mark(c: char) -> bool {
    matches!(c, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}')
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn shaped_booklets_check_and_read_back_as_written() {
    if !tools_present() {
        return;
    }
    let fonts = BookletFonts::embedded();
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let dir = std::env::temp_dir().join(format!("kizuna-shaped-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for lang in Lang::ALL {
        let data = BookletData::new(lang, today, places(), &[]);
        let pdf = render(&data, &fonts, None).unwrap();
        let path = dir.join(format!("{lang}.pdf"));
        std::fs::write(&path, &pdf).unwrap();
        let check = Command::new("qpdf").arg("--check").arg(&path).output().unwrap();
        let said = String::from_utf8_lossy(&check.stdout);
        assert!(
            check.status.success() && said.contains("No syntax or stream encoding errors"),
            "{lang}: qpdf --check: {said} {}",
            String::from_utf8_lossy(&check.stderr)
        );
        let out = Command::new("pdftotext")
            .args(["-enc", "UTF-8"])
            .arg(&path)
            .arg("-")
            .output()
            .unwrap();
        assert!(out.status.success(), "{lang}: pdftotext");
        let text = String::from_utf8(out.stdout).unwrap();
        let flat = squeeze(&text);
        for words in [K::Title.get(lang), K::LevelCertified.get(lang), K::Contents.get(lang)] {
            assert!(flat.contains(&squeeze(words)), "{lang}: {words} in\n{text}");
        }
        let names: Vec<&str> = match lang {
            Lang::Th => THAI_NAMES.to_vec(),
            Lang::Ja => vec!["良いお茶の店", "ワッフル・キッチン", "ハラール和食処"],
            Lang::Ms => vec!["Kedai Teh Baik", "Dapur Wafel Pejabat", "Dapur Jepun Halal"],
            Lang::En => vec!["Good Tea House", "Office Waffle Kitchen", "Halal Japanese Kitchen"],
        };
        for name in names {
            // A name is one line: it reads back exactly, spaces included.
            assert!(text.contains(name), "{lang}: the name {name} in\n{text}");
        }
        // Whatever the language, the Thai address reads back whole, word by
        // word: every line of it ends where a word ends.
        assert!(flat.contains(THAI_ADDRESS), "{lang}: the address in\n{text}");
        let ends: Vec<usize> = THAI_ADDRESS_WORDS
            .iter()
            .scan(0, |n, w| {
                *n += w.len();
                Some(*n)
            })
            .collect();
        assert_eq!(ends.last(), Some(&THAI_ADDRESS.len()));
        let mut at = 0;
        let mut lines = 0;
        for line in text.lines().map(str::trim) {
            if at == 0 {
                let Some(i) = line.find(THAI_ADDRESS_WORDS[0]) else {
                    continue;
                };
                at = line.len() - i;
                assert!(THAI_ADDRESS.starts_with(&line[i..]), "{lang}: {line}");
            } else {
                assert!(THAI_ADDRESS[at..].starts_with(line), "{lang}: {line}");
                at += line.len();
            }
            lines += 1;
            assert!(ends.contains(&at), "{lang}: a line ends inside a word: {line}");
            if at == THAI_ADDRESS.len() {
                break;
            }
        }
        assert!(lines >= 2, "{lang}: the address wraps");
        for line in text.lines() {
            let first = line.trim_start().chars().next();
            assert!(
                !first.is_some_and(is_thai_mark),
                "{lang}: a line starts with a mark: {line}"
            );
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}
