//! Halal-aware itineraries over the demo's places, on SQLite and
//! PostgreSQL, checked by an independent program: `e2e/itinerary-check.mjs`
//! re-reads the iCalendar with ical.js and recomputes the prayer times with
//! the npm `adhan` package. The three fixtures of the issue (a two-day
//! Kushiro–Akan tour, a Friday tour, a Ramadan tour) must count 0
//! violations; deliberately broken files must not.
//!
//! Needs node and the npm packages (`npm ci`; kizuna-web's build runs it).

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{NaiveDate, Timelike};
use kizuna_app::App;
use kizuna_app::tourism::itinerary::Itinerary;
use kizuna_domain::common::Id;
use kizuna_domain::map::place::Assurance;
use kizuna_domain::tourism::itinerary::{ItemKind, Mode, Options, Prayer, Start};
use kizuna_geo::index::PlaceFilter;
use kizuna_geo::prayer::Method;
use kizuna_i18n::Lang;
use kizuna_store::Backend;
use kizuna_testkit::{fresh_store, have_tool, on_both};
use serde_json::Value;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

async fn demo(backend: Backend) -> App {
    let app = App::new(fresh_store(backend).await.expect("a store")).with_today(d("2026-11-23"));
    app.load_demo().await.unwrap();
    app
}

/// The ids of demo places by their demo keys.
async fn ids(app: &App, keys: &[&str]) -> Vec<Id> {
    let all = app.all_places(&PlaceFilter::default()).await.unwrap();
    keys.iter()
        .map(|k| {
            all.iter()
                .find(|h| h.place.fields.source.id().as_str() == *k)
                .unwrap_or_else(|| panic!("no demo place {k}"))
                .place
                .id
        })
        .collect()
}

const RAMADAN_2027: &str = "2027-02-08..2027-03-09";

async fn options(app: &App, from: &str, days: u32, start: &str, include: &[&str], level: Assurance) -> Options {
    let start = ids(app, &[start]).await[0];
    let mut o = Options::new(d(from), days, Start::Place(start));
    o.include = ids(app, include).await;
    o.meal_level = level;
    o.mode = Mode::Bus;
    o.ramadan_periods = vec![(d("2027-02-08"), d("2027-03-09"))];
    o
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The checker's verdict on a file: its JSON report.
fn check(ics: &str, name: &str) -> Value {
    let dir = std::env::temp_dir().join(format!("kizuna-itinerary-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{name}.ics"));
    std::fs::write(&file, ics).unwrap();
    let out = Command::new("node")
        .current_dir(root())
        .arg("e2e/itinerary-check.mjs")
        .arg(&file)
        .args(["--method", "MuslimWorldLeague", "--ramadan-period", RAMADAN_2027])
        .output()
        .expect("node runs (install nodejs)");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "the checker's report: {e}\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let violations = report["violations"].as_array().unwrap().len();
    assert_eq!(
        out.status.success(),
        violations == 0,
        "exit status and count agree: {report}"
    );
    report
}

fn violations(report: &Value) -> Vec<String> {
    report["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["kind"].as_str().unwrap().to_owned())
        .collect()
}

fn ics(app: &App, it: &Itinerary) -> String {
    it.ics(Lang::En, app.now())
}

/// Two days from a Kushiro hotel to Lake Akan by bus, meals Muslim-friendly or better.
async fn kushiro_akan(app: &App, from: &str) -> Itinerary {
    let o = options(
        app,
        from,
        2,
        "kushiro-04",
        &["kushiro-02", "kushiro-05", "akan-02", "akan-01"],
        Assurance::SelfDeclared,
    )
    .await;
    app.plan_itinerary(o, Method::MuslimWorldLeague).await.unwrap()
}

async fn two_day_kushiro_akan(backend: Backend) {
    let app = demo(backend).await;
    let it = kushiro_akan(&app, "2027-03-16").await; // Tuesday and Wednesday, after Ramadan
    assert_eq!(it.plan.days.len(), 2);
    assert!(it.plan.warnings.is_empty(), "{:?}", it.plan.warnings);
    let sights: Vec<usize> = it
        .plan
        .days
        .iter()
        .map(|d| d.items.iter().filter(|i| i.kind == ItemKind::Sight).count())
        .collect();
    assert_eq!(sights.iter().sum::<usize>(), 4, "every place included: {sights:?}");
    for day in &it.plan.days {
        let prayers: Vec<Prayer> = day.items.iter().filter_map(|i| i.prayer).collect();
        assert_eq!(prayers, vec![Prayer::Dhuhr, Prayer::Asr, Prayer::Maghrib, Prayer::Isha]);
        assert!(day.items.iter().any(|i| i.kind == ItemKind::Lunch));
        assert!(day.items.iter().any(|i| i.kind == ItemKind::Dinner));
        // Several transport legs a day.
        assert!(day.items.iter().filter(|i| i.kind == ItemKind::Travel).count() >= 2);
    }
    let report = check(&ics(&app, &it), &format!("kushiro-akan-{backend:?}"));
    assert_eq!(violations(&report), Vec::<String>::new(), "{report}");
    assert_eq!(report["checked"]["prayers"], 8);

    // A prayer block moved before dhuhr begins: counted.
    let broken = move_event(
        &ics(&app, &it),
        "CATEGORIES:itinerary,prayer,dhuhr",
        "T090000",
        "T091000",
    );
    assert!(violations(&check(&broken, "broken-prayer")).contains(&"prayer_before_window".to_owned()));
}

async fn friday_tours(backend: Backend) {
    let app = demo(backend).await;
    // Sapporo on a Friday: the Sapporo Masjid's jumu'ah instead of dhuhr.
    let o = options(
        &app,
        "2027-04-16",
        1,
        "sapporo-11",
        &["sapporo-10", "sapporo-07", "sapporo-04"],
        Assurance::Certified,
    )
    .await;
    let it = app.plan_itinerary(o, Method::MuslimWorldLeague).await.unwrap();
    let day = &it.plan.days[0];
    assert!(day.friday);
    let j: Vec<_> = day.items.iter().filter(|i| i.kind == ItemKind::Jumuah).collect();
    assert_eq!(j.len(), 1, "{:?}", day.items);
    // At a place with a Friday prayer (the mosque at 12:00 or 13:00, the
    // university prayer room at 12:30), at one of its congregations.
    let venue = app.place(j[0].place_id.unwrap()).await.unwrap();
    let friday = venue.place.fields.jumuah.clone().expect("a Friday prayer there");
    let at = |t: chrono::NaiveTime| (t.hour() * 60 + t.minute()) as i32;
    assert!(
        std::iter::once(friday.time)
            .chain(friday.second)
            .map(at)
            .any(|t| t == j[0].start),
        "{:?} at {}",
        friday,
        j[0].start
    );
    assert!(
        !day.items
            .iter()
            .any(|i| i.kind == ItemKind::Prayer && i.prayer == Some(Prayer::Dhuhr))
    );
    for meal in day.items.iter().filter(|i| i.kind.is_meal()) {
        assert_eq!(meal.assurance, Some(Assurance::Certified));
    }
    let report = check(&ics(&app, &it), &format!("sapporo-friday-{backend:?}"));
    assert_eq!(violations(&report), Vec::<String>::new(), "{report}");
    assert_eq!(report["checked"]["jumuah"], 1);

    // Kushiro–Akan from Thursday: no Friday prayer venue within 30 km of
    // Lake Akan, said as a warning the checker accepts.
    let it = kushiro_akan(&app, "2027-03-18").await;
    let w: Vec<_> = it
        .plan
        .warnings
        .iter()
        .filter(|w| w.code == "no_jumuah_venue")
        .collect();
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].date, d("2027-03-19"));
    let text = ics(&app, &it);
    assert!(text.contains("SUMMARY:No Friday prayer venue within 30 km"), "{text}");
    let report = check(&text, &format!("kushiro-friday-{backend:?}"));
    assert_eq!(violations(&report), Vec::<String>::new(), "{report}");
    // Without the warning, the missing jumu'ah is a violation.
    let broken = text.replace("CATEGORIES:warning,no_jumuah_venue", "CATEGORIES:warning,other");
    assert_eq!(
        violations(&check(&broken, "broken-friday")),
        vec!["friday_without_jumuah"]
    );
}

async fn ramadan_tour(backend: Backend) {
    let app = demo(backend).await;
    // Inside Ramadan 2027 by the configured period: no --ramadan needed.
    let o = options(
        &app,
        "2027-02-16",
        2,
        "kushiro-04",
        &["kushiro-02", "kushiro-05", "akan-02"],
        Assurance::SelfDeclared,
    )
    .await;
    let it = app.plan_itinerary(o, Method::MuslimWorldLeague).await.unwrap();
    for day in &it.plan.days {
        assert!(day.ramadan);
        assert!(
            day.items
                .iter()
                .all(|i| !matches!(i.kind, ItemKind::Lunch | ItemKind::Dinner))
        );
        let t = day.times.unwrap();
        let iftar = day
            .items
            .iter()
            .find(|i| i.kind == ItemKind::Iftar)
            .expect("an iftar stop");
        assert!(iftar.start >= t.maghrib - 2 && iftar.start <= t.maghrib + 15 + 2);
        let suhoor = day
            .items
            .iter()
            .find(|i| i.kind == ItemKind::Suhoor)
            .expect("a suhoor note");
        assert!(suhoor.end <= t.fajr);
    }
    let text = ics(&app, &it);
    let report = check(&text, &format!("ramadan-{backend:?}"));
    assert_eq!(violations(&report), Vec::<String>::new(), "{report}");
    assert_eq!(report["checked"]["iftar"], 2);
    assert_eq!(report["checked"]["suhoor"], 2);

    // An iftar moved to 19:30 is late; a meal at noon breaks the fast.
    let late = move_event(&text, "CATEGORIES:itinerary,iftar", "T193000", "T200000");
    assert!(violations(&check(&late, "broken-iftar")).contains(&"iftar_late".to_owned()));
    let noon = move_event(&text, "CATEGORIES:itinerary,iftar", "T120000", "T123000");
    assert!(violations(&check(&noon, "broken-fast")).contains(&"meal_while_fasting".to_owned()));
}

/// The first event with `marker` moved to the same day's `start` and `end`
/// (`THHMMSS`), everything else unchanged.
fn move_event(ics: &str, marker: &str, start: &str, end: &str) -> String {
    let mut out = String::new();
    let mut done = false;
    for (k, part) in ics.split("BEGIN:VEVENT").enumerate() {
        if k > 0 {
            out.push_str("BEGIN:VEVENT");
        }
        if k > 0 && !done && part.contains(marker) {
            done = true;
            let moved: Vec<String> = part
                .split("\r\n")
                .map(|l| {
                    let new = if l.starts_with("DTSTART;") {
                        start
                    } else if l.starts_with("DTEND;") {
                        end
                    } else {
                        return l.to_owned();
                    };
                    let cut = l.rfind('T').unwrap();
                    format!("{}{new}", &l[..cut])
                })
                .collect();
            out.push_str(&moved.join("\r\n"));
        } else {
            out.push_str(part);
        }
    }
    assert!(done, "no event with {marker}");
    out
}

/// Whether Debian's qpdf and poppler-utils are here ([`have_tool`]: without
/// them the PDF checks say so and pass, except under `CI=true`).
fn pdf_tools() -> bool {
    have_tool("qpdf", "qpdf") && have_tool("pdftotext", "poppler-utils")
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// `qpdf --check`'s verdict and `pdftotext`'s text of a PDF.
fn read_pdf(pdf: &[u8], name: &str) -> String {
    let dir = std::env::temp_dir().join(format!("kizuna-itinerary-pdf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{name}.pdf"));
    std::fs::write(&file, pdf).unwrap();
    let check = Command::new("qpdf").arg("--check").arg(&file).output().unwrap();
    assert!(
        check.status.success(),
        "qpdf --check {name}: {}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
    let text = Command::new("pdftotext").arg(&file).arg("-").output().unwrap();
    assert!(text.status.success(), "pdftotext {name}");
    String::from_utf8(text.stdout).unwrap()
}

/// The two-day Kushiro–Akan tour as a printable PDF in each language: a
/// valid file whose text reads back with the title, every prayer block's
/// name, every place the plan stops at, the lunch place's assurance and,
/// on a Friday without a venue, the warning; a certified dinner with its
/// certificate's last day; Ramadan's iftar and suhoor; a jumu'ah block.
async fn printable_pdf_in_four_languages(backend: Backend) {
    let app = demo(backend).await;
    let fonts = std::sync::Arc::new(kizuna_docs::engine::Fonts::embedded());
    let checks = pdf_tools();
    for (lang, title, dhuhr, lodge, level) in [
        (
            Lang::En,
            "Halal-aware itinerary",
            "Dhuhr prayer",
            "Akan Onsen Lodge (demo)",
            "Muslim-friendly",
        ),
        (
            Lang::Ja,
            "ハラール対応の旅程",
            "ズフルの礼拝",
            "阿寒温泉ロッジ（デモ）",
            "ムスリムフレンドリー",
        ),
        (Lang::Th, "แผนการเดินทางที่คำนึงถึงฮาลาล", "ละหมาดซุฮริ", "", "เป็นมิตรกับมุสลิม"),
        (
            Lang::Ms,
            "Jadual perjalanan mesra halal",
            "Solat Zohor",
            "",
            "Mesra Muslim",
        ),
    ] {
        let mut o = options(
            &app,
            "2027-03-18", // Thursday and Friday: no Friday prayer venue near Lake Akan
            2,
            "kushiro-04",
            &["kushiro-02", "kushiro-05", "akan-02", "akan-01"],
            Assurance::SelfDeclared,
        )
        .await;
        o.languages = vec![lang.code().to_owned()];
        let it = app.plan_itinerary(o, Method::MuslimWorldLeague).await.unwrap();
        let pdf = app.itinerary_pdf(&it, lang, fonts.clone()).await.unwrap();
        assert!(pdf.starts_with(b"%PDF-"), "{lang:?}");
        if !checks {
            continue;
        }
        let text = squeeze(&read_pdf(&pdf, &format!("kushiro-akan-{}-{backend:?}", lang.code())));
        let has = |want: &str| assert!(text.contains(&squeeze(want)), "{lang:?}: {want:?} not in {text}");
        has(title);
        has(dhuhr);
        if !lodge.is_empty() {
            has(lodge);
        }
        for p in [Prayer::Fajr, Prayer::Dhuhr, Prayer::Asr, Prayer::Maghrib, Prayer::Isha] {
            has(&kizuna_app::tourism::itinerary::prayer_label(lang, p));
        }
        let mut stops = 0;
        for day in &it.plan.days {
            for i in day.items.iter().filter(|i| i.kind != ItemKind::Travel) {
                has(&i.name);
                stops += 1;
            }
        }
        assert!(stops >= 12, "{lang:?}: {stops} stops");
        has(level);
        has(&kizuna_app::tourism::itinerary::warning_text(
            lang,
            &it.plan.warnings[0],
        ));
    }

    // Meals only certified: dinner at the Kushiro grill, its certificate's last day said.
    let o = options(
        &app,
        "2027-03-16",
        1,
        "kushiro-04",
        &["kushiro-02", "kushiro-05"],
        Assurance::Certified,
    )
    .await;
    let it = app.plan_itinerary(o, Method::MuslimWorldLeague).await.unwrap();
    let grill = ids(&app, &["kushiro-01"]).await[0];
    assert!(
        it.plan.days[0]
            .items
            .iter()
            .any(|i| i.kind.is_meal() && i.place_id == Some(grill)),
        "{:?}",
        it.plan.days[0].items
    );
    let pdf = app.itinerary_pdf(&it, Lang::En, fonts.clone()).await.unwrap();
    if checks {
        let text = squeeze(&read_pdf(&pdf, &format!("kushiro-certified-{backend:?}")));
        assert!(
            text.contains(&squeeze("Halal certificate valid until 31 March 2027")),
            "{text}"
        );
        assert!(text.contains(&squeeze("Halal certified")), "{text}");
    }

    // In Ramadan (by the configured period): the iftar stop and the suhoor
    // note with the day's fajr and maghrib, in Malay.
    let mut o = options(
        &app,
        "2027-02-16",
        1,
        "kushiro-04",
        &["kushiro-02", "kushiro-05"],
        Assurance::SelfDeclared,
    )
    .await;
    o.languages = vec!["ms".into()];
    let it = app.plan_itinerary(o, Method::MuslimWorldLeague).await.unwrap();
    let t = it.plan.days[0].times.unwrap();
    let pdf = app.itinerary_pdf(&it, Lang::Ms, fonts.clone()).await.unwrap();
    if checks {
        let text = squeeze(&read_pdf(&pdf, &format!("kushiro-ramadan-{backend:?}")));
        let hm = |m: i32| format!("{:02}:{:02}", m / 60, m % 60);
        for want in [
            "Iftar (berbuka puasa)".to_owned(),
            "Sahur (sebelum puasa bermula)".to_owned(),
            format!("Makan sebelum masuk waktu Subuh pada {}", hm(t.fajr)),
            format!("Bermula dalam 15 minit selepas Maghrib ({})", hm(t.maghrib)),
            "Hari Ramadan".to_owned(),
        ] {
            assert!(text.contains(&squeeze(&want)), "{want:?} not in {text}");
        }
    }

    // A Friday in Sapporo: the jumu'ah block at its venue, in Japanese.
    let mut o = options(
        &app,
        "2027-04-16",
        1,
        "sapporo-11",
        &["sapporo-10", "sapporo-07", "sapporo-04"],
        Assurance::Certified,
    )
    .await;
    o.languages = vec!["ja".into()];
    let it = app.plan_itinerary(o, Method::MuslimWorldLeague).await.unwrap();
    let jumuah = it.plan.days[0]
        .items
        .iter()
        .find(|i| i.kind == ItemKind::Jumuah)
        .expect("a jumu'ah block")
        .clone();
    let pdf = app.itinerary_pdf(&it, Lang::Ja, fonts).await.unwrap();
    if checks {
        let text = squeeze(&read_pdf(&pdf, &format!("sapporo-friday-{backend:?}")));
        let want = format!("金曜礼拝（ジュムア）:{}", jumuah.name);
        assert!(text.contains(&squeeze(&want)), "{want:?} not in {text}");
        assert!(text.contains("10分前に到着"), "{text}");
    }
}

on_both!(
    two_day_kushiro_akan,
    friday_tours,
    ramadan_tour,
    printable_pdf_in_four_languages
);
