//! `kizuna itinerary plan --format pdf --out FILE` as the real binary
//! answers, on both databases: the demo's two days from a Kushiro hotel to
//! Lake Akan written as a PDF in Japanese that `qpdf --check` accepts and
//! whose text `pdftotext` reads back with the prayers' and places' names.
//! Without Debian's qpdf and poppler-utils the reading is skipped, saying
//! so (failing under `CI=true`).

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use std::process::Command;

use kizuna_app::App;
use kizuna_geo::index::PlaceFilter;
use kizuna_store::{Backend, Store};
use kizuna_testkit::{fresh_url, have_tool};

/// Whether Debian's qpdf and poppler-utils are here ([`have_tool`]: without
/// them the PDF checks say so and pass, except under `CI=true`).
fn tools() -> bool {
    have_tool("qpdf", "qpdf") && have_tool("pdftotext", "poppler-utils")
}

kizuna_testkit::on_both!(plan_written_as_a_pdf);

async fn plan_written_as_a_pdf(backend: Backend) {
    let url = fresh_url(backend).await.unwrap();
    let app = App::new(Store::open(&url).await.unwrap());
    app.load_demo().await.unwrap();
    let all = app.all_places(&PlaceFilter::default()).await.unwrap();
    let id = |k: &str| {
        all.iter()
            .find(|h| h.place.fields.source.id().as_str() == k)
            .unwrap()
            .place
            .id
            .to_string()
    };
    let include = ["kushiro-02", "kushiro-05", "akan-02", "akan-01"].map(id).join(",");
    let dir = std::env::temp_dir().join(format!("kizuna-cli-itinerary-{}-{backend:?}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("tour-ja.pdf");
    let run = Command::new(env!("CARGO_BIN_EXE_kizuna"))
        .arg("--database-url")
        .arg(&url)
        .args(["itinerary", "plan", "--from", "2027-03-16", "--days", "2", "--start"])
        .arg(id("kushiro-04"))
        .args(["--include", &include, "--lang", "ja", "--format", "pdf", "--out"])
        .arg(&out)
        .env_remove("KIZUNA_DATABASE_URL")
        .env_remove("KIZUNA_PDF_FONTS")
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let pdf = std::fs::read(&out).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    if !tools() {
        return;
    }
    let check = Command::new("qpdf").arg("--check").arg(&out).output().unwrap();
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
    let text = Command::new("pdftotext").arg(&out).arg("-").output().unwrap();
    let text: String = String::from_utf8(text.stdout)
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    for want in [
        "ハラール対応の旅程",
        "ズフルの礼拝",
        "アスルの礼拝",
        "マグリブの礼拝",
        "イシャーの礼拝",
        "阿寒温泉ロッジ（デモ）",
        "ホテル霧の街（デモ）",
    ] {
        assert!(text.contains(want), "{want} not in {text}");
    }
}
