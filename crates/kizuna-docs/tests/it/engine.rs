//! The document engine's tagged flow, read back as a reader's tools read
//! it: a document with a heading, paragraphs in English, Japanese, Thai and
//! Malay, a table and a figure passes `qpdf --check`, `pdftotext` returns
//! each language's text as written, `pdfinfo` calls it tagged, and its
//! structure tree names each element's role and language, the figure with
//! its alternative text.
//!
//! Needs Debian's qpdf and poppler-utils: without them the test says so
//! and passes, except under `CI=true`, where it fails.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use std::process::Command;

use kizuna_docs::engine::{A4, Align, DocMeta, Flow, FlowPage, Fonts, Item, Square};

fn tools_present() -> bool {
    let missing: Vec<&str> = ["qpdf", "pdftotext", "pdfinfo"]
        .into_iter()
        .filter(|t| Command::new(t).arg("-v").output().is_err())
        .collect();
    if missing.is_empty() {
        return true;
    }
    let why = format!("{missing:?} not installed (Debian's qpdf and poppler-utils)");
    assert!(std::env::var("CI").as_deref() != Ok("true"), "{why}");
    eprintln!("skipped: {why}");
    false
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

const TEXTS: &[(&str, &str)] = &[
    (
        "en",
        "This certifies that the trainee completed the course on local food industries.",
    ),
    ("ja", "本研修員は地域食品産業コースを修了したことを証する。"),
    ("th", "ขอรับรองว่าผู้รับการฝึกอบรมได้สำเร็จหลักสูตรอุตสาหกรรมอาหารท้องถิ่น"),
    (
        "ms",
        "Dengan ini disahkan bahawa pelatih telah menamatkan kursus industri makanan tempatan.",
    ),
];

fn para(lang: &str, text: &str) -> Item {
    Item::Paragraph {
        text: text.into(),
        lang: lang.into(),
        size: 12.0,
        bold: false,
        align: Align::Center,
        grey: false,
    }
}

fn document(long: bool) -> Vec<Item> {
    let mut items = vec![Item::Heading {
        level: 1,
        text: "修了証書 Certificate of Completion".into(),
        lang: "ja".into(),
        size: 24.0,
        align: Align::Center,
    }];
    for (lang, text) in TEXTS {
        items.push(para(lang, text));
    }
    items.push(Item::Heading {
        level: 2,
        text: "Details".into(),
        lang: "en".into(),
        size: 14.0,
        align: Align::Left,
    });
    items.push(Item::Table {
        header: vec!["番号 Number".into(), "年度 Fiscal year".into()],
        rows: vec![vec!["KZ-7Q4M-9XW2".into(), "2007 (平成19年度)".into()]],
        lang: "ja".into(),
        size: 10.0,
    });
    items.push(Item::Figure {
        alt: "QR code".into(),
        lang: "en".into(),
        grid: 3,
        squares: vec![Square { col: 0, row: 0 }, Square { col: 2, row: 2 }],
        side: 60.0,
        align: Align::Center,
    });
    if long {
        // Enough paragraphs to run over several pages: an element cut by a
        // page break keeps one element with a sequence on each page.
        for i in 0..80 {
            items.push(para(TEXTS[i % 4].0, TEXTS[i % 4].1));
        }
        items.push(para("ms", &TEXTS[3].1.repeat(40)));
    }
    items
}

#[test]
fn a_tagged_flow_checks_reads_back_in_each_language_and_names_its_structure() {
    if !tools_present() {
        return;
    }
    let fonts = Fonts::embedded();
    let dir = std::env::temp_dir().join(format!("kizuna-engine-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for long in [false, true] {
        let flow = Flow {
            fonts: &fonts,
            meta: DocMeta {
                title: "Certificate".into(),
                author: Some("Kizuna office".into()),
                subject: None,
                lang: "ja".into(),
                width: A4.0,
                height: A4.1,
            },
            page: FlowPage { frame: true },
        };
        let pdf = flow.render(&document(long)).unwrap();
        let path = dir.join(format!("doc-{long}.pdf"));
        std::fs::write(&path, &pdf).unwrap();
        let check = Command::new("qpdf").arg("--check").arg(&path).output().unwrap();
        let said = String::from_utf8_lossy(&check.stdout);
        assert!(
            check.status.success() && said.contains("No syntax or stream encoding errors"),
            "qpdf --check: {said} {}",
            String::from_utf8_lossy(&check.stderr)
        );
        let out = Command::new("pdftotext")
            .args(["-enc", "UTF-8"])
            .arg(&path)
            .arg("-")
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        let flat = squeeze(&text);
        for (lang, words) in TEXTS {
            assert!(flat.contains(&squeeze(words)), "{lang}: {words} in\n{text}");
        }
        assert!(flat.contains("KZ-7Q4M-9XW2"), "the table's cell in\n{text}");
        let info = Command::new("pdfinfo").arg(&path).output().unwrap();
        let info = String::from_utf8_lossy(&info.stdout);
        assert!(info.contains("Tagged:          yes"), "{info}");
        let pages: usize = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        assert_eq!(pages > 1, long, "{info}");
        // The structure tree as qpdf reads it (objects uncompressed).
        let json = Command::new("qpdf")
            .args(["--json=2", "--json-key=qpdf"])
            .arg(&path)
            .output()
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
        let objects: Vec<&serde_json::Value> = json["qpdf"][1]
            .as_object()
            .unwrap()
            .values()
            .filter_map(|o| o.get("value"))
            .collect();
        let elements: Vec<&&serde_json::Value> = objects.iter().filter(|o| o.get("/S").is_some()).collect();
        let roles = |role: &str| elements.iter().filter(|e| e["/S"] == role).count();
        assert_eq!(roles("/Document"), 1);
        assert_eq!(roles("/H1"), 1);
        assert_eq!(roles("/H2"), 1);
        assert_eq!(roles("/P"), if long { 85 } else { 4 });
        assert_eq!(roles("/Table"), 1);
        assert_eq!(roles("/TH"), 2);
        assert_eq!(roles("/TD"), 2);
        let figure = elements.iter().find(|e| e["/S"] == "/Figure").unwrap();
        assert_eq!(figure["/Alt"], "u:QR code");
        for lang in ["th", "ms", "en", "ja"] {
            assert!(
                elements
                    .iter()
                    .any(|e| e["/S"] == "/P" && e["/Lang"] == format!("u:{lang}")),
                "a paragraph tagged {lang}"
            );
        }
        let root = objects.iter().find(|o| o["/Type"] == "/StructTreeRoot").unwrap();
        let nums = root["/ParentTree"]["/Nums"].as_array().unwrap();
        assert_eq!(nums.len() / 2, pages, "one parent-tree entry per page");
        if long {
            // Some paragraph crosses a page: its marked content on two pages.
            assert!(elements.iter().any(|e| {
                e["/K"]
                    .as_array()
                    .is_some_and(|k| k.iter().filter(|m| m.get("/MCID").is_some()).count() > 1)
            }));
        }
    }
}
