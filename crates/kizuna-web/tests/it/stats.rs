//! The statistics pages through the router, over the demo dataset on
//! SQLite and PostgreSQL: the public figures as of 31 March 2008 (680
//! trainees from 57 countries), the chart data the page carries, the four
//! languages, the staff page's access rule, and drill-downs whose totals
//! equal the figures.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use axum::http::StatusCode;
use kizuna_domain::common::programme::Programme;
use kizuna_i18n::{self as i18n, CATALOGUES, Lang};
use kizuna_store::{Backend, Page as Paging};
use kizuna_testkit::{Page, TestApp};
use serde_json::Value;

kizuna_testkit::on_both!(
    public_statistics_as_of_march_2008,
    public_statistics_in_four_languages,
    staff_statistics_need_a_staff_account,
    every_staff_figure_drills_down_to_its_people,
    small_counts_are_withheld_from_the_public,
);

/// A body row of a table: its cells' visible texts and its links.
struct Row {
    cells: Vec<String>,
    links: Vec<String>,
}

/// The body rows of the table `#id`.
fn rows(page: &Page, id: &str) -> Vec<Row> {
    page.select(&format!("table#{id} > tbody > tr"))
        .into_iter()
        .map(|tr| Row {
            cells: tr.select("th, td").into_iter().map(|c| c.text).collect(),
            links: tr
                .select("a[href]")
                .into_iter()
                .filter_map(|a| a.attr("href").map(str::to_owned))
                .collect(),
        })
        .collect()
}

/// The visible text of the element `#id`.
fn figure(page: &Page, id: &str) -> String {
    page.one(&format!("#{id}")).text
}

fn number(s: &str) -> u64 {
    s.replace(',', "")
        .parse()
        .unwrap_or_else(|_| panic!("{s:?} is not a number"))
}

/// A figure as shown: a number, or `None` where it is withheld ("not shown").
fn shown_number(s: &str) -> Option<u64> {
    if s == "not shown" { None } else { Some(number(s)) }
}

/// The chart data the page carries (`<script type="application/json" id="stats-data">`).
fn stats_data(page: &Page) -> Value {
    page.json_block("stats-data")
}

async fn public_statistics_as_of_march_2008(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut visitor = t.browser();
    let page = visitor.page("/statistics?as_of=2008-03-31").await;
    assert_eq!(figure(&page, "stats-trainees"), "680");
    assert_eq!(figure(&page, "stats-countries"), "57");
    assert!(page.text().contains("31 Mar 2008"), "the date, written the English way");
    assert_eq!(
        page.one("input[name=as_of]").attr("value"),
        Some("2008-03-31"),
        "the form keeps the date"
    );
    // No personal data and no links into the console on the public page.
    let links: Vec<String> = page
        .select("a[href]")
        .into_iter()
        .filter_map(|a| a.attr("href").map(str::to_owned))
        .collect();
    assert!(links.iter().all(|h| !h.starts_with("/console/")), "{links:?}");
    assert!(!page.html().contains("/console/people/"));

    // The chart data: per-year series stacked by region add up to the table's figures.
    let data = stats_data(&page);
    let years = rows(&page, "table-years");
    let series = data["series"].as_array().expect("series");
    assert!(series.len() >= 5, "{} regions", series.len());
    assert_eq!(data["years"].as_array().unwrap().len(), years.len());
    assert_eq!(years.first().unwrap().cells[0], "FY1992");
    assert_eq!(years.last().unwrap().cells[0], "FY2007");
    for (i, row) in years.iter().enumerate() {
        // Withheld regions (null) leave a gap: the rest add up to at most the total.
        let stacked: u64 = series.iter().filter_map(|s| s["data"][i].as_u64()).sum();
        let gaps = series.iter().filter(|s| s["data"][i].is_null()).count();
        assert!(gaps != 1, "{}: a lone withheld region", row.cells[0]);
        if gaps == 0 {
            assert_eq!(stacked, number(&row.cells[1]), "{}", row.cells[0]);
        } else {
            assert!(stacked < number(&row.cells[1]), "{}", row.cells[0]);
        }
        assert_eq!(data["totals"][i].as_u64().unwrap(), number(&row.cells[1]));
    }
    assert_eq!(number(&years.last().unwrap().cells[4]), 680, "the cumulative total");
    // Countries on the map: keyed by the ISO numeric codes world-atlas uses.
    let countries = data["countries"].as_array().unwrap();
    assert_eq!(countries.len(), 57);
    // (Every demo country has 3 or more trainees by then: none is withheld.)
    let shown: u64 = countries.iter().filter_map(|c| c["value"].as_u64()).sum();
    assert_eq!(shown, 680);
    let th = countries.iter().find(|c| c["code"] == "TH").expect("Thailand");
    assert_eq!(
        (th["id"].as_str(), th["name"].as_str()),
        (Some("764"), Some("Thailand"))
    );
    let table = rows(&page, "table-countries");
    assert_eq!(table.len(), 57);
    let shown: u64 = table.iter().filter_map(|r| shown_number(&r.cells[2])).sum();
    assert_eq!(shown, 680);
    let regions = rows(&page, "table-regions");
    assert!(regions.iter().filter_map(|r| shown_number(&r.cells[1])).sum::<u64>() <= 680);
    assert_eq!(regions.iter().map(|r| number(&r.cells[2])).sum::<u64>(), 57);

    // The charts: drawn by scripts from the page's origin, described in text.
    let scripts: Vec<String> = page
        .select("script[src]")
        .into_iter()
        .filter_map(|s| s.attr("src").map(str::to_owned))
        .collect();
    for src in ["/assets/stats.js", "/assets/echarts.min.js"] {
        assert!(scripts.iter().any(|s| s == src), "{src} in {scripts:?}");
        assert!(page.one(&format!("script[src='{src}']")).attr("defer").is_some());
    }
    for id in ["chart-years", "chart-map"] {
        let chart = page.one(&format!("#{id}"));
        assert_eq!(chart.attr("role"), Some("img"), "{id}");
        assert!(
            chart.attr("aria-label").is_some_and(|l| !l.is_empty()),
            "{id} is described"
        );
    }
    // No inline scripts (the Content-Security-Policy forbids them): every
    // script is a file or a data block.
    for s in page.select("script") {
        assert!(
            s.attr("src").is_some() || s.attr("type") == Some("application/json"),
            "{}",
            s.html
        );
    }

    // Today by default; a date that is not one is a 400 naming the field, never a 500.
    let now = visitor.page("/statistics").await;
    assert!(number(&figure(&now, "stats-trainees")) > 680);
    assert_eq!(now.one("input[name=as_of]").attr("value"), Some("2026-11-23"));
    // The clock moves on to the next fiscal year's first day: today follows it.
    t.clock.set(kizuna_app::clock::noon_in_japan(
        chrono::NaiveDate::from_ymd_opt(2027, 4, 1).unwrap(),
    ));
    let later = visitor.page("/statistics").await;
    assert_eq!(later.one("input[name=as_of]").attr("value"), Some("2027-04-01"));
    let bad = visitor
        .get("/statistics?as_of=2008-02-30")
        .await
        .expect(StatusCode::BAD_REQUEST)
        .page();
    assert!(!bad.one("#stats-errors").text.is_empty(), "the error is explained");
    assert_eq!(bad.one("[aria-invalid=true]").attr("name"), Some("as_of"));
}

async fn public_statistics_in_four_languages(backend: Backend) {
    let t = TestApp::demo(backend).await;
    // Course titles are records, not interface text: in the reader's
    // language where the record gives it, else marked as a fallback.
    let courses: Vec<String> = t
        .app
        .list::<Programme>(&Default::default(), Paging { limit: 1000, offset: 0 })
        .await
        .unwrap()
        .0
        .into_iter()
        .filter_map(|p| p.fields.title.get("en").map(ToString::to_string))
        .collect();
    let mut visitor = t.browser();
    let ja = visitor.page("/statistics?as_of=2008-03-31&lang=ja").await;
    assert_eq!(ja.lang(), "ja");
    assert!(ja.text().contains("平成19年度"), "the era beside FY2007");
    assert!(ja.text().contains("2008年3月31日"));
    assert_eq!(figure(&ja, "stats-trainees"), "680");
    let countries = stats_data(&ja)["countries"].as_array().unwrap().clone();
    assert_eq!(countries.iter().find(|c| c["code"] == "TH").unwrap()["name"], "タイ");

    let mut staff = t.staff().await;
    for lang in [Lang::Ja, Lang::Th, Lang::Ms] {
        let code = lang.code();
        let pages = [
            visitor.page(&format!("/statistics?as_of=2008-03-31&lang={code}")).await,
            staff
                .page(&format!("/console/statistics?as_of=2008-03-31&lang={code}"))
                .await,
            staff
                .page(&format!(
                    "/console/statistics/people?as_of=2008-03-31&country=TH&lang={code}"
                ))
                .await,
        ];
        for p in &pages {
            assert_eq!(p.lang(), code);
        }
        let texts: Vec<String> = pages
            .iter()
            .map(|p| {
                courses
                    .iter()
                    .fold(p.readable(), |text, title| text.replace(title.as_str(), ""))
            })
            .collect();
        assert_no_english(lang, &texts);
    }
}

/// Every message of the English stats catalogue is translated, and none of
/// its English text shows in what the pages show.
fn assert_no_english(lang: Lang, pages: &[String]) {
    let file = |code: &str| {
        CATALOGUES
            .iter()
            .find(|(c, f, _)| *c == code && *f == "stats")
            .unwrap()
            .2
    };
    let en_ids = i18n::message_ids(file("en"));
    let ids = i18n::message_ids(file(lang.code()));
    assert!(en_ids.len() > 50);
    for id in &en_ids {
        assert!(ids.contains(id), "{} lacks {id}", lang.code());
        let en = i18n::message(Lang::En, id, &[]);
        let here = i18n::message(lang, id, &[]);
        assert_ne!(en, here, "{} {id} is still English", lang.code());
        // The English text between its placeholders ({$date} when formatted without arguments).
        for fragment in en.split(['{', '}']).filter(|f| !f.starts_with('$')) {
            let fragment = fragment.trim_matches(|c: char| !c.is_alphanumeric());
            // (A word the translation shares, such as Asia in Malay, is not English left behind.)
            if fragment.chars().filter(char::is_ascii_alphabetic).count() < 3 || here.contains(fragment) {
                continue;
            }
            for text in pages {
                assert!(
                    !text.contains(fragment),
                    "{} page shows English {fragment:?} ({id})",
                    lang.code()
                );
            }
        }
    }
}

async fn staff_statistics_need_a_staff_account(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut visitor = t.browser();
    let anonymous = visitor.get("/console/statistics?as_of=2008-03-31").await;
    assert!(anonymous.status.is_redirection(), "{}", anonymous.status);
    assert!(
        anonymous.location().starts_with("/sign-in?next=/console/statistics"),
        "{}",
        anonymous.location()
    );
    let people = visitor.get("/console/statistics/people?as_of=2008-03-31").await;
    assert!(people.status.is_redirection() && people.location().starts_with("/sign-in"));

    let mut partner = t.partner().await;
    assert_eq!(partner.get("/console/statistics").await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        partner.get("/console/statistics/people").await.status,
        StatusCode::FORBIDDEN
    );

    let mut staff = t.staff().await;
    let page = staff.page("/console/statistics?as_of=2008-03-31").await;
    assert_eq!(figure(&page, "stats-trainees"), "680");
    for field in ["as_of", "fiscal_year", "region", "country", "course", "gender"] {
        assert!(page.has(&format!("form [name={field}]")), "a {field} filter");
    }
    // A filter value that is not one is a 400 marking both fields, never a 500.
    let bad = staff
        .get("/console/statistics?as_of=2008-03-31&country=XX&gender=robot")
        .await
        .expect(StatusCode::BAD_REQUEST)
        .page();
    let invalid: Vec<String> = bad
        .select("[aria-invalid=true]")
        .into_iter()
        .filter_map(|e| e.attr("name").map(str::to_owned))
        .collect();
    assert_eq!(invalid, ["country", "gender"]);
    assert_eq!(bad.count("#stats-errors li"), 2, "{}", bad.one("#stats-errors").text);
}

async fn every_staff_figure_drills_down_to_its_people(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut staff = t.staff().await;
    let page = staff.page("/console/statistics?as_of=2008-03-31").await;
    assert_eq!(stats_data(&page)["drill"]["path"], "/console/statistics/people");

    // The figure and the total of the list behind it.
    async fn drill(staff: &mut kizuna_testkit::Browser, href: &str) -> (u64, Page) {
        assert!(href.starts_with("/console/statistics/people?as_of="), "{href}");
        let list = staff.page(href).await;
        let total = list
            .one("#people-total")
            .attr("data-total")
            .expect("a total")
            .parse()
            .unwrap();
        let shown = list.one("#people-total").text;
        assert_eq!(
            number(shown.split_whitespace().next().unwrap()),
            total,
            "the total as shown: {shown}"
        );
        (total, list)
    }

    // Everyone: 680, listed 50 a page, each linking to their record.
    let (total, list) = drill(&mut staff, "/console/statistics/people?as_of=2008-03-31").await;
    assert_eq!(total, 680);
    let people = rows(&list, "people");
    assert_eq!(people.len(), 50);
    assert!(
        people
            .iter()
            .all(|r| r.links.len() == 1 && r.links[0].starts_with("/console/people/"))
    );
    assert!(list.has("a[rel=next]"));
    let last = staff
        .page("/console/statistics/people?as_of=2008-03-31&offset=650")
        .await;
    assert_eq!(rows(&last, "people").len(), 30);
    assert!(last.has("a[rel=prev]") && !last.has("a[rel=next]"));

    // By country, region, fiscal year (that year, and everyone up to it), course and gender.
    let mut checked = 0;
    for (table, col) in [
        ("table-countries", 2),
        ("table-regions", 1),
        ("table-years", 1),
        ("table-years", 4),
        ("table-courses", 1),
        ("table-genders", 1),
    ] {
        let table_rows = rows(&page, table);
        assert!(!table_rows.is_empty(), "{table}");
        for row in table_rows.iter().take(4) {
            let figure = number(&row.cells[col]);
            // The link of that column: links run left to right over the linked cells.
            let href = if (table, col) == ("table-years", 4) {
                row.links.last().unwrap()
            } else {
                &row.links[0]
            };
            let (total, _) = drill(&mut staff, href).await;
            assert_eq!(total, figure, "{table} {} via {href}", row.cells[0]);
            checked += 1;
        }
    }
    assert!(checked >= 20);

    // Filters combine: Thai women, on the page and in its drill-down.
    let filtered = staff
        .page("/console/statistics?as_of=2008-03-31&country=TH&gender=female")
        .await;
    let shown = number(&figure(&filtered, "stats-trainees"));
    assert!(shown > 0 && shown < 30, "{shown} Thai women");
    let href = filtered
        .one("#stats-trainees a[href]")
        .attr("href")
        .expect("the total links to its people")
        .to_owned();
    let (total, list) = drill(&mut staff, &href).await;
    assert_eq!(total, shown);
    assert!(
        rows(&list, "people")
            .iter()
            .all(|r| r.cells.iter().any(|c| c == "Thailand"))
    );
}

/// Counts of people by nationality, region, gender or course in an API
/// report, with where each came from; `None` where withheld.
fn attribute_counts(report: &Value) -> Vec<(String, Option<u64>)> {
    let mut out = Vec::new();
    for list in ["by_country", "by_region", "by_gender", "by_course"] {
        for row in report[list].as_array().unwrap() {
            out.push((format!("{list} {row}"), row["trainees"].as_u64()));
        }
    }
    for y in report["by_fiscal_year"].as_array().unwrap() {
        for g in y["by_region"].as_array().unwrap() {
            out.push((format!("FY{} {g}", y["fiscal_year"]), g["trainees"].as_u64()));
        }
    }
    out
}

/// The demo has countries and years with one or two trainees; anonymous
/// visitors and partners see none of them, nor any sum with a lone withheld
/// figure; staff see them exactly; the headline is 680/57 for everyone.
async fn small_counts_are_withheld_from_the_public(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let uri = "/api/v1/reports/trainees?as_of=2008-03-31";

    // Staff: exact figures, and the demo does hold small ones (else this test proves nothing).
    let mut staff = t.staff().await;
    let exact = staff.get(uri).await.expect(StatusCode::OK).json();
    assert!(exact["withheld_below"].is_null());
    let exact_counts = attribute_counts(&exact);
    assert!(exact_counts.iter().all(|(_, n)| n.is_some()), "staff see every figure");
    let small = exact_counts.iter().filter(|(_, n)| matches!(n, Some(1 | 2))).count();
    assert!(small > 10, "the demo has {small} counts of 1 or 2");
    let staff_page = staff.page("/statistics?as_of=2008-03-31").await;
    assert!(!staff_page.has("#stats-withheld-note"));
    let staff_series = stats_data(&staff_page)["series"].clone();
    let staff_values: Vec<&Value> = staff_series
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["data"].as_array().unwrap())
        .collect();
    assert!(
        staff_values.iter().any(|v| matches!(v.as_u64(), Some(1 | 2))),
        "staff's chart has small counts"
    );

    let mut visitor = t.browser();
    let mut partner = t.partner().await;
    for (who, reader) in [("anonymous", &mut visitor), ("partner", &mut partner)] {
        let report = reader.get(uri).await.expect(StatusCode::OK).json();
        assert_eq!(
            (report["trainees"].as_u64(), report["countries"].as_u64()),
            (Some(680), Some(57)),
            "{who}"
        );
        assert_eq!(report["withheld_below"], 3, "{who}");
        let counts = attribute_counts(&report);
        for (at, n) in &counts {
            assert!(!matches!(n, Some(1 | 2)), "{who} sees a small count: {at}");
        }
        assert!(counts.iter().any(|(_, n)| n.is_none()), "{who}: something is withheld");
        // Every figure shown is the exact one.
        for ((at, n), (_, e)) in counts.iter().zip(&exact_counts) {
            if n.is_some() && !at.starts_with("by_country") {
                assert_eq!(n, e, "{who}: {at}");
            }
        }
        // No total gives a withheld figure back: no sum has exactly one.
        let lone = |parts: Vec<&Value>, whole: &Value| {
            parts.iter().filter(|v| v.is_null()).count() + usize::from(whole.is_null()) == 1
        };
        let trainees = |v: &Value| v["trainees"].clone();
        let regions: Vec<Value> = report["by_region"].as_array().unwrap().iter().map(trainees).collect();
        assert!(!lone(regions.iter().collect(), &report["trainees"]), "{who}: regions");
        for g in report["by_region"].as_array().unwrap() {
            let parts: Vec<Value> = report["by_country"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|c| c["region"] == g["region"])
                .map(trainees)
                .collect();
            assert!(
                !lone(parts.iter().collect(), &g["trainees"]),
                "{who}: countries of {}",
                g["region"]
            );
        }
        let genders: Vec<Value> = report["by_gender"].as_array().unwrap().iter().map(trainees).collect();
        assert!(!lone(genders.iter().collect(), &report["trainees"]), "{who}: genders");
        for y in report["by_fiscal_year"].as_array().unwrap() {
            let parts: Vec<Value> = y["by_region"].as_array().unwrap().iter().map(trainees).collect();
            assert!(
                !lone(parts.iter().collect(), &y["trainees"]),
                "{who}: FY{}",
                y["fiscal_year"]
            );
        }
        // Narrowing filters would cut figures small: staff only.
        let refused = reader
            .get("/api/v1/reports/trainees?as_of=2008-03-31&fiscal_year=2000&gender=female")
            .await
            .expect(StatusCode::FORBIDDEN)
            .json();
        assert_eq!(refused["error"]["code"], "staff_only_filter", "{who}");

        // The page: the same headline, no small count in its tables or chart data, and the note.
        let page = reader.page("/statistics?as_of=2008-03-31").await;
        assert_eq!(
            (figure(&page, "stats-trainees"), figure(&page, "stats-countries")),
            ("680".into(), "57".into())
        );
        assert!(page.has("#stats-withheld-note"), "{who}: the page says why");
        for (table, col) in [("table-countries", 2), ("table-regions", 1)] {
            let cells: Vec<String> = rows(&page, table).into_iter().map(|r| r.cells[col].clone()).collect();
            assert!(
                cells.iter().all(|c| !matches!(shown_number(c), Some(1 | 2))),
                "{who}: {table} {cells:?}"
            );
        }
        let data = stats_data(&page);
        let values: Vec<&Value> = data["countries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| &c["value"])
            .chain(
                data["series"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .flat_map(|s| s["data"].as_array().unwrap()),
            )
            .collect();
        assert!(
            values.iter().all(|v| !matches!(v.as_u64(), Some(1 | 2))),
            "{who}: chart data"
        );
        assert!(values.iter().any(|v| v.is_null()), "{who}: the chart leaves gaps");
        // The home page's headline (today's) is exact for everyone.
        let today = reader
            .get("/api/v1/reports/trainees")
            .await
            .expect(StatusCode::OK)
            .json();
        let home = reader.page("/").await;
        assert_eq!(
            Some(number(&figure(&home, "total-trainees"))),
            today["trainees"].as_u64(),
            "{who}"
        );
    }
}
