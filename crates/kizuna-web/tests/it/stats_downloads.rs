//! Statistics people take away: every table of the statistics pages as CSV
//! and XLSX, with the same figures as the page (680 trainees from 57
//! countries as of 31 March 2008), small counts withheld from readers who
//! are not staff exactly as the page withholds them, the date, filters and
//! source written in the file and the date in its name; the workbook opens
//! in LibreOffice. On SQLite and PostgreSQL.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::collections::BTreeMap;
use std::process::Command;

use axum::http::StatusCode;
use kizuna_io::table::{FileFormat, read_table};
use kizuna_store::Backend;
use kizuna_testkit::{Answer, Page, TestApp, have_tool};

kizuna_testkit::on_both!(
    downloads_carry_the_page_figures,
    downloads_withhold_small_counts_as_the_page_does,
    staff_downloads_name_their_filters,
    bad_downloads_are_refused_with_a_page,
    the_workbook_opens_in_libreoffice,
    the_people_behind_a_figure_download_for_administrators_only,
);

/// A downloaded file: its answer must be 200 with an attachment named `name`.
#[track_caller]
fn file(a: &Answer, name: &str, content_type: &str) -> Vec<u8> {
    assert_eq!(a.status, StatusCode::OK, "{}", a.text());
    assert!(
        a.header("content-type").starts_with(content_type),
        "{}",
        a.header("content-type")
    );
    assert_eq!(
        a.header("content-disposition"),
        format!("attachment; filename=\"{name}\"")
    );
    a.body.to_vec()
}

fn rows_of(bytes: &[u8], format: FileFormat) -> Vec<Vec<String>> {
    read_table(bytes, format).expect("a readable file")
}

/// The value beside `label` in the lines about the file.
fn about(rows: &[Vec<String>], label: &str) -> String {
    rows.iter()
        .find(|r| r.first().is_some_and(|c| c == label))
        .and_then(|r| r.get(1).cloned())
        .unwrap_or_else(|| panic!("no {label:?} line in {rows:?}"))
}

/// The rows of the table whose header row starts with `header` (after the
/// lines about the file), up to the next blank row: (header, rows).
fn table(rows: &[Vec<String>], header: &str) -> (Vec<String>, Vec<Vec<String>>) {
    // Tables come after the lines about the file and a blank row.
    let blank = rows.iter().position(|r| r.iter().all(String::is_empty)).unwrap_or(0);
    let at = rows
        .iter()
        .enumerate()
        .skip(blank)
        .find(|(_, r)| r.first().is_some_and(|c| c == header))
        .map(|(i, _)| i)
        .unwrap_or_else(|| panic!("no table under {header:?} in {rows:?}"));
    let body = rows[at + 1..]
        .iter()
        .take_while(|r| r.iter().any(|c| !c.is_empty()))
        .cloned()
        .collect();
    (rows[at].clone(), body)
}

/// The body rows of the page's table `#id`, as visible texts.
fn page_rows(page: &Page, id: &str) -> Vec<Vec<String>> {
    page.select(&format!("table#{id} > tbody > tr, table#{id} > tfoot > tr"))
        .into_iter()
        .map(|tr| tr.select("th, td").into_iter().map(|c| c.text).collect())
        .collect()
}

/// A figure as the page writes it, as the file writes it ("1,234" → "1234").
fn plain(s: &str) -> String {
    s.replace(',', "")
}

async fn downloads_carry_the_page_figures(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut visitor = t.browser();
    let page = visitor.page("/statistics?as_of=2008-03-31").await;
    let links: Vec<String> = page
        .select("#stats-downloads a")
        .iter()
        .map(|a| a.attr("href").unwrap().to_owned())
        .collect();
    assert_eq!(
        links,
        ["/statistics.csv?as_of=2008-03-31", "/statistics.xlsx?as_of=2008-03-31"],
        "the date is in the URL"
    );

    // CSV: the title, the lines about the file, then every table.
    let a = visitor.get(&links[0]).await;
    let csv = file(&a, "kizuna-statistics-2008-03-31.csv", "text/csv");
    let rows = rows_of(&csv, FileFormat::Csv);
    assert_eq!(rows[0], ["Statistics"]);
    assert_eq!(about(&rows, "As of"), "2008-03-31");
    assert_eq!(about(&rows, "Trainees"), "680");
    assert_eq!(about(&rows, "Countries and regions"), "57");
    assert_eq!(about(&rows, "Filters"), "None: everyone counted by the date");
    assert_eq!(about(&rows, "Source"), "Kizuna, the page /statistics?as_of=2008-03-31");
    assert!(about(&rows, "Written").ends_with(" JST"));

    // Each table: the same rows, in the same order, as the page's.
    let (header, years) = table(&rows, "Fiscal year");
    assert_eq!(
        header,
        [
            "Fiscal year",
            "Trainees",
            "Countries and regions",
            "First-time trainees",
            "Cumulative trainees"
        ]
    );
    let on_page: Vec<Vec<String>> = page_rows(&page, "table-years")
        .iter()
        .map(|r| r.iter().map(|c| plain(c)).collect())
        .collect();
    assert_eq!(years, on_page);
    assert_eq!(years.last().unwrap()[4], "680", "the cumulative total");
    let (_, regions) = table(&rows, "Region");
    let on_page: Vec<Vec<String>> = page_rows(&page, "table-regions")
        .iter()
        .map(|r| r.iter().map(|c| plain(c)).collect())
        .collect();
    assert_eq!(regions, on_page);
    let (header, countries) = table(&rows, "Country or region");
    assert_eq!(header, ["Country or region", "Code (ISO 3166-1)", "Region", "Trainees"]);
    let on_page = page_rows(&page, "table-countries");
    assert_eq!(countries.len(), 58, "57 countries and the total");
    for (file_row, page_row) in countries.iter().zip(&on_page) {
        assert_eq!(
            (&file_row[0], &file_row[2], &file_row[3]),
            (&page_row[0], &page_row[1], &plain(&page_row[2]))
        );
    }
    assert!(countries.iter().any(|r| r[0] == "Thailand" && r[1] == "TH"));
    // Staff-only tables are not in the public file.
    assert!(!rows.iter().any(|r| r.first().is_some_and(|c| c == "Course")));

    // XLSX: a sheet about the file first, then a sheet per table.
    let a = visitor.get(&links[1]).await;
    let xlsx = file(
        &a,
        "kizuna-statistics-2008-03-31.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    let first = rows_of(&xlsx, FileFormat::Xlsx);
    assert_eq!(first[0][0], "Statistics");
    assert_eq!(about(&first, "Trainees"), "680");
    assert_eq!(about(&first, "Countries and regions"), "57");
    assert_eq!(about(&first, "As of"), "2008-03-31");

    // One table per link: its own file, the date in the name.
    let per_table: Vec<String> = page
        .select("#table-countries-h + p.downloads a")
        .iter()
        .map(|a| a.attr("href").unwrap().to_owned())
        .collect();
    assert_eq!(
        per_table,
        [
            "/statistics.csv?as_of=2008-03-31&table=countries",
            "/statistics.xlsx?as_of=2008-03-31&table=countries"
        ]
    );
    let one = rows_of(
        &file(
            &visitor.get(&per_table[1]).await,
            "kizuna-statistics-countries-2008-03-31.xlsx",
            "application/vnd",
        ),
        FileFormat::Xlsx,
    );
    assert_eq!(one[0][0], "Trainees per country as of 31 Mar 2008, most first");
    assert_eq!(about(&one, "As of"), "2008-03-31");
    let (_, xlsx_countries) = table(&one, "Country or region");
    assert_eq!(xlsx_countries, countries, "the workbook's table is the CSV's");
    let one_csv = rows_of(
        &file(
            &visitor.get(&per_table[0]).await,
            "kizuna-statistics-countries-2008-03-31.csv",
            "text/csv",
        ),
        FileFormat::Csv,
    );
    assert_eq!(table(&one_csv, "Country or region").1, countries);
    assert!(!one_csv.iter().any(|r| r.first().is_some_and(|c| c == "Fiscal year")));

    // In the reader's language.
    let ja = rows_of(
        &visitor.get("/statistics.csv?as_of=2008-03-31&lang=ja").await.body,
        FileFormat::Csv,
    );
    assert_eq!(about(&ja, "基準日"), "2008-03-31");
    let (_, ja_countries) = table(&ja, "国・地域");
    assert!(
        ja_countries.iter().any(|r| r[0] == "タイ" && r[1] == "TH"),
        "{ja_countries:?}"
    );
}

async fn downloads_withhold_small_counts_as_the_page_does(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut staff = t.staff().await;
    let mut visitor = t.browser();
    let mut partner = t.partner().await;
    // A date when the public page withholds some country's count.
    let mut when = None;
    for year in 1993..=2008 {
        let page = visitor.page(&format!("/statistics?as_of={year}-03-31")).await;
        if page_rows(&page, "table-countries").iter().any(|r| r[2] == "not shown") {
            when = Some(format!("{year}-03-31"));
            break;
        }
    }
    let when = when.expect("a date when the demo has countries with 1 or 2 trainees");
    let uri = format!("/statistics.csv?as_of={when}");
    let uri = uri.as_str();
    let countries = |b: Vec<u8>| table(&rows_of(&b, FileFormat::Csv), "Country or region").1;

    // Staff: every figure exact, as on their page.
    let exact = countries(staff.get(uri).await.body.to_vec());
    assert!(exact.iter().all(|r| r[3] != "not shown"));
    let staff_rows = rows_of(&staff.get(uri).await.body, FileFormat::Csv);
    assert!(
        !staff_rows
            .iter()
            .any(|r| r.first().is_some_and(|c| c == "Small counts"))
    );

    for (who, reader) in [("anonymous", &mut visitor), ("partner", &mut partner)] {
        let page = reader.page(&format!("/statistics?as_of={when}")).await;
        let bytes = reader.get(uri).await.body.to_vec();
        let rows = rows_of(&bytes, FileFormat::Csv);
        assert_eq!(
            about(&rows, "Trainees"),
            plain(&page.one("#stats-trainees").text),
            "{who}"
        );
        assert!(
            about(&rows, "Small counts").starts_with("Counts of fewer than 3 trainees are not shown"),
            "{who}"
        );
        let shown = countries(bytes);
        let on_page = page_rows(&page, "table-countries");
        let withheld = shown.iter().filter(|r| r[3] == "not shown").count();
        assert!(withheld > 0, "{who}: something is withheld");
        assert_eq!(shown.len(), on_page.len(), "{who}");
        for (file_row, page_row) in shown.iter().zip(&on_page) {
            assert_eq!(
                (&file_row[0], &file_row[3]),
                (&page_row[0], &plain(&page_row[2])),
                "{who}"
            );
            assert!(
                file_row[3] != "1" && file_row[3] != "2",
                "{who}: a small count {file_row:?}"
            );
            // What is shown is the exact figure.
            if file_row[3] != "not shown" {
                let staff_row = exact.iter().find(|r| r[1] == file_row[1]).unwrap();
                assert_eq!(staff_row[3], file_row[3], "{who}");
            }
        }
        // Regions too, in the workbook.
        let one = rows_of(
            &reader
                .get(&format!("/statistics.xlsx?as_of={when}&table=regions"))
                .await
                .body,
            FileFormat::Xlsx,
        );
        let on_page: Vec<Vec<String>> = page_rows(&page, "table-regions")
            .iter()
            .map(|r| r.iter().map(|c| plain(c)).collect())
            .collect();
        assert_eq!(table(&one, "Region").1, on_page, "{who}");
        // The staff's tables and files are not theirs.
        let refused = reader.get("/statistics.csv?as_of=2008-03-31&table=courses").await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{who}");
        let staff_file = reader.get("/console/statistics.csv?as_of=2008-03-31").await;
        assert!(
            staff_file.status == StatusCode::FORBIDDEN || staff_file.status.is_redirection(),
            "{who}: {}",
            staff_file.status
        );
    }
    // A partner is told so on a page, not given a blank one.
    let refused = partner.get("/console/statistics.xlsx?as_of=2008-03-31").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.page().one("h1").text, "Not allowed");
}

async fn staff_downloads_name_their_filters(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut staff = t.staff().await;
    let query = "as_of=2008-03-31&region=asia&gender=female";
    let page = staff.page(&format!("/console/statistics?{query}")).await;
    let href = page.first("#stats-downloads a").attr("href").unwrap().to_owned();
    assert_eq!(href, format!("/console/statistics.csv?{query}"));
    let rows = rows_of(
        &file(&staff.get(&href).await, "kizuna-statistics-2008-03-31.csv", "text/csv"),
        FileFormat::Csv,
    );
    assert_eq!(rows[0], ["Staff statistics"]);
    assert_eq!(about(&rows, "Region"), "Asia");
    assert_eq!(about(&rows, "Gender"), "Female");
    assert_eq!(about(&rows, "Trainees"), plain(&page.one("#stats-trainees").text));
    assert_eq!(
        about(&rows, "Source"),
        format!("Kizuna, the page /console/statistics?{query}")
    );
    // Every table of the staff page, courses and genders included, exact.
    for (header, id) in [
        ("Fiscal year", "table-years"),
        ("Region", "table-regions"),
        ("Course", "table-courses"),
        ("Gender", "table-genders"),
    ] {
        let on_page: Vec<Vec<String>> = page_rows(&page, id)
            .iter()
            .map(|r| r.iter().map(|c| plain(c)).collect())
            .collect();
        assert_eq!(table(&rows, header).1, on_page, "{header}");
    }
    let (_, countries) = table(&rows, "Country or region");
    assert!(countries.iter().all(|r| r[3] != "not shown"));
    let mut by_code = BTreeMap::new();
    for r in &countries {
        by_code.insert(r[1].clone(), r[3].clone());
    }
    assert!(by_code.contains_key("TH") && !by_code.contains_key("BR"), "Asia only");
    // A country's own file.
    let th = rows_of(
        &staff
            .get("/console/statistics.xlsx?as_of=2008-03-31&country=TH&table=genders")
            .await
            .body,
        FileFormat::Xlsx,
    );
    assert_eq!(about(&th, "Country or region"), "Thailand (TH)");
}

async fn bad_downloads_are_refused_with_a_page(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut visitor = t.browser();
    for uri in [
        "/statistics.csv?as_of=2008-13-40",
        "/statistics.xlsx?as_of=2008-03-31&table=nothing",
        "/statistics.xlsx?as_of=2008-03-31&table=genders",
    ] {
        let a = visitor.get(uri).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{uri}");
        assert_eq!(a.page().one("h1").text, "This file cannot be made", "{uri}");
    }
    let mut staff = t.staff().await;
    let a = staff.get("/console/statistics.csv?as_of=2008-03-31&country=XX").await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    // Anonymous visitors are sent to sign in for the staff's files.
    let a = visitor.get("/console/statistics.csv").await;
    assert!(a.location().starts_with("/sign-in?next="), "{}", a.location());
}

/// LibreOffice (headless) converts the first sheet of `xlsx` to CSV.
fn libreoffice_csv(soffice: &str, dir: &std::path::Path, name: &str, xlsx: &[u8]) -> Vec<Vec<String>> {
    let path = dir.join(format!("{name}.xlsx"));
    std::fs::write(&path, xlsx).unwrap();
    let o = Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.join("profile").display()
        ))
        .args([
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
        ])
        .arg(dir)
        .arg(&path)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let csv = std::fs::read(dir.join(format!("{name}.csv"))).expect("LibreOffice wrote a CSV");
    rows_of(&csv, FileFormat::Csv)
}

async fn the_workbook_opens_in_libreoffice(backend: Backend) {
    // (Under CI=true a missing LibreOffice fails the test.)
    if !have_tool("soffice", "libreoffice-calc-nogui") {
        return;
    }
    let soffice = "soffice";
    let t = TestApp::demo(backend).await;
    let mut visitor = t.browser();
    let dir = std::env::temp_dir().join(format!("kizuna-stats-lo-{backend:?}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let all = visitor.get("/statistics.xlsx?as_of=2008-03-31").await.body.to_vec();
    let rows = libreoffice_csv(soffice, &dir, "all", &all);
    assert_eq!(rows[0][0], "Statistics");
    assert_eq!(about(&rows, "Trainees"), "680");
    assert_eq!(about(&rows, "Countries and regions"), "57");
    // A table's workbook reads in LibreOffice as our own reader reads it.
    let one = visitor
        .get("/statistics.xlsx?as_of=2008-03-31&table=countries")
        .await
        .body
        .to_vec();
    let theirs = libreoffice_csv(soffice, &dir, "countries", &one);
    let ours = rows_of(&one, FileFormat::Xlsx);
    assert_eq!(table(&theirs, "Country or region"), table(&ours, "Country or region"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// The people behind a figure: the whole list, as the page counts it, for
/// administrators (personal data in bulk), logged as an export; staff see
/// the list on the page but no download, and are refused the file.
async fn the_people_behind_a_figure_download_for_administrators_only(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let query = "as_of=2008-03-31&country=TH";
    let mut staff = t.staff().await;
    let page = staff.page(&format!("/console/statistics/people?{query}")).await;
    assert!(!page.has("#people-downloads"), "no download offered to staff");
    assert_eq!(
        staff
            .get(&format!("/console/statistics/people.csv?{query}"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let mut admin = t.admin().await;
    let page = admin.page(&format!("/console/statistics/people?{query}")).await;
    let hrefs: Vec<String> = page
        .select("#people-downloads a")
        .iter()
        .map(|a| a.attr("href").unwrap().to_owned())
        .collect();
    assert_eq!(
        hrefs,
        [
            format!("/console/statistics/people.csv?{query}"),
            format!("/console/statistics/people.xlsx?{query}")
        ]
    );
    let on_page: Vec<String> = page_rows(&page, "people").iter().map(|r| r[0].clone()).collect();
    for (href, format, name) in [
        (&hrefs[0], FileFormat::Csv, "kizuna-statistics-people-2008-03-31.csv"),
        (&hrefs[1], FileFormat::Xlsx, "kizuna-statistics-people-2008-03-31.xlsx"),
    ] {
        let ct = if format == FileFormat::Csv {
            "text/csv"
        } else {
            "application/vnd.openxmlformats"
        };
        let rows = rows_of(&file(&admin.get(href).await, name, ct), format);
        let (_, people) = table(&rows, "id");
        // Thailand sent 30 trainees by 31 March 2008: all of them, the page's first ones first.
        assert_eq!(people.len(), 30, "{format:?}");
        assert_eq!(about(&rows, "Trainees"), "30");
        let names: Vec<String> = people.iter().map(|r| r[1].clone()).collect();
        assert_eq!(names[..on_page.len()], on_page[..], "{format:?}: the page's order");
        assert!(people.iter().all(|r| r[4] == "TH"), "{format:?}");
    }
    let (logged, _) = t
        .app
        .audit_log(
            &kizuna_store::AuditFilter {
                action: Some(kizuna_store::Action::Export),
                ..Default::default()
            },
            kizuna_store::Page { limit: 100, offset: 0 },
        )
        .await
        .unwrap();
    assert!(
        logged
            .iter()
            .filter(|e| e
                .detail
                .as_deref()
                .is_some_and(|d| d.starts_with("statistics people list (30)")))
            .count()
            >= 2,
        "each download is logged"
    );
}
