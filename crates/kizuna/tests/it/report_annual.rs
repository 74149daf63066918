//! `kizuna report annual` as the real binary answers, on both databases
//! holding the demo: the JSON for 平成19年度 in Japanese has 680 trainees
//! from 57 countries as of 2008-03-31; `--fy 2007 --lang en --format html
//! --out FILE` writes a self-contained page saying so; the Thai and Malay
//! PDFs pass `qpdf --check` and read back in their language; a fiscal year
//! or language that cannot be read is refused in one line naming the option.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use std::process::{Command, Output};

use kizuna_app::App;
use kizuna_store::{Backend, Store};
use kizuna_testkit::{fresh_url, have_tool};

fn kizuna(db: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kizuna"))
        .arg("--database-url")
        .arg(db)
        .args(args)
        .env_remove("KIZUNA_DATABASE_URL")
        .env_remove("KIZUNA_FONTS")
        .output()
        .unwrap()
}

fn ok(o: &Output) -> &[u8] {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    &o.stdout
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

kizuna_testkit::on_both!(the_annual_report_in_three_formats);

async fn the_annual_report_in_three_formats(backend: Backend) {
    let url = fresh_url(backend).await.unwrap();
    let app = App::new(Store::open(&url).await.unwrap());
    app.load_demo().await.unwrap();
    app.store.close().await;

    let json: serde_json::Value = serde_json::from_slice(ok(&kizuna(
        &url,
        &[
            "report",
            "annual",
            "--fy",
            "平成19年度",
            "--lang",
            "ja",
            "--format",
            "json",
        ],
    )))
    .unwrap();
    assert_eq!(json["fiscal_year"], 2007);
    assert_eq!(json["lang"], "ja");
    assert_eq!(json["trainees"]["cumulative_trainees"], 680);
    assert_eq!(json["trainees"]["cumulative_countries"], 57);
    assert_eq!(json["trainees"]["as_of"], "2008-03-31");
    assert!(json["awards"].as_array().is_some_and(|a| !a.is_empty()));

    let dir = std::env::temp_dir().join(format!("kizuna-report-annual-{}-{backend:?}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let html = dir.join("fy2007-en.html");
    let out = kizuna(
        &url,
        &[
            "report",
            "annual",
            "--fy",
            "2007",
            "--lang",
            "en",
            "--format",
            "html",
            "--out",
            html.to_str().unwrap(),
        ],
    );
    ok(&out);
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("680 trainees from 57 countries cumulative as of 31 March 2008"));
    assert!(
        !page.contains("src=\"http") && !page.contains("href=\"http"),
        "nothing fetched"
    );

    for (lang, words) in [
        ("th", "ผู้รับการฝึกอบรมสะสม680คนจาก57ประเทศ"),
        ("ms", "680pelatihdari57negara"),
        ("ja", "累計57か国から680名の研修員"),
    ] {
        let pdf = dir.join(format!("fy2007-{lang}.pdf"));
        ok(&kizuna(
            &url,
            &[
                "report",
                "annual",
                "--fy",
                "FY2007",
                "--lang",
                lang,
                "--format",
                "pdf",
                "-o",
                pdf.to_str().unwrap(),
            ],
        ));
        assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
        if have_tool("qpdf", "qpdf") && have_tool("pdftotext", "poppler-utils") {
            let check = Command::new("qpdf").arg("--check").arg(&pdf).output().unwrap();
            assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
            let text = Command::new("pdftotext")
                .args(["-enc", "UTF-8"])
                .arg(&pdf)
                .arg("-")
                .output()
                .unwrap();
            let text = String::from_utf8(text.stdout).unwrap();
            assert!(squeeze(&text).contains(words), "{lang}: {text}");
        }
    }

    let bad = kizuna(&url, &["report", "annual", "--fy", "next year", "--format", "json"]);
    assert!(!bad.status.success());
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("--fy"), "{err}");
    let bad = kizuna(&url, &["report", "annual", "--fy", "2007", "--lang", "fr"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--lang"));

    let _ = std::fs::remove_dir_all(&dir);
    kizuna_testkit::drop_fresh(&url).await;
}
