//! The annual report on SQLite and PostgreSQL, from the demo: FY2007 in
//! Japanese and English states 680 trainees from 57 countries cumulative
//! as of 2008-03-31 — in the JSON (the same figures as the statistics for
//! that day), the HTML and the PDF's text (`pdftotext`); the PDF passes
//! `qpdf --check` and reads back in Thai and Malay too; the year's
//! delegation, dispatch, symposium, courtesy call, award and photo are in
//! it; a year with no records says "none recorded" in every section; no
//! birth date, document reference or trainee's name is in any form of it.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use std::process::Command;

use chrono::NaiveDate;
use kizuna_app::report::html;
use kizuna_app::{App, ManualClock};
use kizuna_docs::engine::Fonts;
use kizuna_domain::common::FiscalYear;
use kizuna_domain::common::person::Person;
use kizuna_domain::training::participation::{Participation, ParticipationRole};
use kizuna_domain::training::stats::TraineeFilter;
use kizuna_domain::volunteers::document::PlacementDocument;
use kizuna_i18n::Lang;
use kizuna_store::{Backend, Page};
use kizuna_testkit::{fresh_store, have_tool};

fn fy(y: i32) -> FiscalYear {
    FiscalYear::new(y).unwrap()
}

/// The PDF's text as pdftotext reads it, after `qpdf --check` passed; None without the tools.
fn pdf_text(pdf: &[u8], name: &str) -> Option<String> {
    if !have_tool("qpdf", "qpdf") || !have_tool("pdftotext", "poppler-utils") {
        return None;
    }
    let dir = std::env::temp_dir().join(format!("kizuna-annual-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, pdf).unwrap();
    let check = Command::new("qpdf").arg("--check").arg(&path).output().unwrap();
    assert!(
        check.status.success(),
        "qpdf --check {name}: {}",
        String::from_utf8_lossy(&check.stdout)
    );
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success(), "pdftotext {name}");
    let _ = std::fs::remove_dir_all(&dir);
    Some(String::from_utf8(out.stdout).unwrap())
}

/// Text without the spaces and line breaks a PDF's reading adds or drops.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

async fn demo(backend: Backend) -> App {
    let app = App::new(fresh_store(backend).await.unwrap()).with_clock(ManualClock::on("2026-11-23".parse().unwrap()));
    app.load_demo().await.unwrap();
    app
}

kizuna_testkit::on_both!(
    fy2007_states_680_trainees_from_57_countries,
    a_year_without_records_says_none_recorded
);

async fn fy2007_states_680_trainees_from_57_countries(backend: Backend) {
    let app = demo(backend).await;
    let as_of: NaiveDate = "2008-03-31".parse().unwrap();
    let stats = app
        .trainee_report(&TraineeFilter {
            as_of: Some(as_of),
            ..TraineeFilter::default()
        })
        .await
        .unwrap();
    assert_eq!((stats.trainees, stats.countries), (680, 57), "the seed's figures");

    // What must never be in a report: birth dates, document references, trainees' names.
    let people = app.store.select::<Person>(&[], Page::ALL).await.unwrap();
    let births: Vec<String> = people
        .iter()
        .filter_map(|p| p.fields.birth_date.map(|d| d.to_string()))
        .collect();
    assert!(!births.is_empty(), "the demo has people with birth dates");
    let references: Vec<String> = app
        .store
        .select::<PlacementDocument>(&[], Page::ALL)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|d| d.fields.reference.map(|r| r.to_string()))
        .collect();
    let trainee_ids: std::collections::HashSet<i64> = app
        .store
        .select::<Participation>(&[], Page::ALL)
        .await
        .unwrap()
        .into_iter()
        .filter(|p| p.fields.role == ParticipationRole::Trainee)
        .map(|p| p.fields.person_id)
        .collect();
    let names: Vec<String> = people
        .iter()
        .filter(|p| trainee_ids.contains(&p.id))
        .map(|p| p.fields.family_name.to_string())
        .collect();
    let private = |what: &str, text: &str| {
        for b in &births {
            assert!(!text.contains(b.as_str()), "{what} holds a birth date {b}");
        }
        for r in &references {
            assert!(!text.contains(r.as_str()), "{what} holds a document reference {r}");
        }
        // Words of the text, photos' bytes left out.
        let words: std::collections::HashSet<&str> = text
            .split("base64,")
            .enumerate()
            .map(|(i, part)| {
                if i == 0 {
                    part
                } else {
                    part.split_once('"').map_or("", |(_, rest)| rest)
                }
            })
            .flat_map(|part| part.split(|c: char| !c.is_alphanumeric()))
            .collect();
        for n in &names {
            assert!(!words.contains(n.as_str()), "{what} names the trainee {n}");
        }
        assert!(!text.to_lowercase().contains("passport"), "{what} mentions a passport");
    };

    for lang in [Lang::Ja, Lang::En, Lang::Th, Lang::Ms] {
        let r = app.annual_report(fy(2007), lang).await.unwrap();
        let t = &r.trainees;
        assert_eq!(t.as_of, as_of);
        assert_eq!((t.cumulative_trainees, t.cumulative_countries), (680, 57), "{lang:?}");
        assert_eq!(t.since_fiscal_year, Some(1992));
        let row = stats.by_fiscal_year.iter().find(|y| y.fiscal_year == 2007).unwrap();
        assert_eq!((t.year_trainees, t.year_countries), (row.trainees, row.countries));
        assert_eq!(t.by_region.iter().map(|b| b.trainees).sum::<u64>(), row.trainees);
        assert_eq!(t.by_year.last().map(|y| y.cumulative_trainees), Some(680));
        assert!(!r.courses.is_empty(), "the FY2007 editions");
        for (what, list) in [
            ("delegations", &r.delegations),
            ("dispatches", &r.dispatches),
            ("symposiums", &r.symposiums),
            ("courtesy calls", &r.courtesy_calls),
            ("awards", &r.awards),
        ] {
            assert!(!list.is_empty(), "FY2007 has {what} in the demo");
            assert!(
                list.iter()
                    .all(|e| fy(2007).contains(e.first_day) || fy(2007).contains(e.last_day))
            );
        }
        assert!(!r.photos.is_empty(), "the FY2007 records' photos");
        assert!(r.photos.len() <= kizuna_app::report::MAX_PHOTOS);

        let json = serde_json::to_string(&r).unwrap();
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["trainees"]["cumulative_trainees"], 680);
        assert_eq!(v["trainees"]["cumulative_countries"], 57);
        assert_eq!(v["trainees"]["as_of"], "2008-03-31");
        assert!(!json.contains("base64"), "photos' bytes stay out of the JSON");
        private("the JSON", &json);

        let page = html::document(&r);
        assert!(page.contains("<svg"), "a chart");
        assert!(page.contains("data:image/"), "photos inline");
        for external in ["src=\"http", "href=\"http", "url(http", "@import"] {
            assert!(!page.contains(external), "the HTML fetches nothing: {external}");
        }
        private("the HTML", &page);
        let sentence = kizuna_docs::annual::cumulative_sentence(&r);
        assert!(page.contains(&sentence));

        let pdf = app
            .annual_report_pdf(fy(2007), lang, std::sync::Arc::new(Fonts::embedded()))
            .await
            .unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        // The demo's JPEG and PNG photos are placed in the PDF as images.
        let images = pdf.windows(15).filter(|w| *w == b"/Subtype /Image").count();
        assert!(images >= 1, "{lang:?}: no photo in the PDF");
        let Some(text) = pdf_text(&pdf, lang.code()) else {
            continue;
        };
        private("the PDF", &text);
        let flat = squeeze(&text);
        match lang {
            Lang::En => {
                assert!(sentence.starts_with("680 trainees from 57 countries cumulative as of"));
                assert!(
                    flat.contains("680traineesfrom57countriescumulativeasof31March2008"),
                    "{text}"
                );
                assert!(page.contains("680 trainees from 57 countries cumulative as of 31 March 2008"));
            }
            Lang::Ja => {
                assert!(flat.contains("累計57か国から680名の研修員"), "{text}");
                assert!(flat.contains("2008年3月31日現在"), "{text}");
                assert!(page.contains("累計 57 か国から 680 名の研修員"));
            }
            Lang::Th => {
                assert!(flat.contains("ผู้รับการฝึกอบรมสะสม680คนจาก57ประเทศ"), "{text}");
            }
            Lang::Ms => {
                assert!(flat.contains("680pelatihdari57negarasecarakumulatif"), "{text}");
            }
        }
        // The section headings read back in the report's language.
        assert!(flat.contains(&squeeze(&kizuna_docs::annual::t(lang, "delegations", &[]))));
    }
}

async fn a_year_without_records_says_none_recorded(backend: Backend) {
    let app = demo(backend).await;
    // FY1990: before the first trainees (FY1992) and every other record.
    for lang in [Lang::En, Lang::Ja] {
        let r = app.annual_report(fy(1990), lang).await.unwrap();
        assert_eq!(r.trainees.year_trainees, 0);
        assert_eq!(r.trainees.cumulative_trainees, 0);
        assert!(r.courses.is_empty() && r.delegations.is_empty() && r.awards.is_empty());
        assert!(r.outcomes.japan.is_empty() && r.outcomes.partner.is_empty() && r.outcomes.chains.is_empty());
        assert!(r.tourism.flows.is_empty() && r.photos.is_empty());
        assert_eq!(r.volunteers.placements, 0);
        let none = kizuna_docs::annual::t(lang, "none", &[]);
        let page = html::document(&r);
        // Courses, five kinds of exchange, volunteers, three sides and the
        // chains, tourism, photos, countries: each says so.
        assert!(page.matches(none.as_str()).count() >= 14, "{page}");
        let pdf = app
            .annual_report_pdf(fy(1990), lang, std::sync::Arc::new(Fonts::embedded()))
            .await
            .unwrap();
        if let Some(text) = pdf_text(&pdf, &format!("none-{}", lang.code())) {
            assert!(squeeze(&text).matches(squeeze(&none).as_str()).count() >= 14, "{text}");
        }
    }
    // A year with tourism figures but no trainees: FY2023 in the demo has
    // visitor flows, each with the stage of its figures.
    let r = app.annual_report(fy(2023), Lang::En).await.unwrap();
    assert!(!r.tourism.flows.is_empty(), "the demo's fictional flows of FY2023");
    assert!(r.tourism.flows.iter().all(|f| !f.stages.is_empty() && f.visitors > 0));
}
