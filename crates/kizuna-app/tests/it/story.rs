//! The conformance story: the same scenarios on SQLite and on PostgreSQL.
//! Each scenario is written once and run on both backends.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use chrono::NaiveDate;
use kizuna_app::training::transfer::{FileFormat, TRAINEE_COLUMNS};
use kizuna_app::{App, AppError};
use kizuna_domain::common::person::Person;
use kizuna_domain::training::edition::Edition;
use kizuna_domain::training::stats::{TraineeFilter, TraineeReport};
use kizuna_store::{Backend, Page};
use kizuna_testkit::fresh_store;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

async fn app(backend: Backend) -> App {
    App::new(fresh_store(backend).await.expect("fresh database")).with_today(d("2026-11-23"))
}

async fn demo_app(backend: Backend) -> App {
    let app = app(backend).await;
    let s = app.load_demo().await.expect("demo loads");
    assert!(!s.already_loaded);
    app
}

async fn report(app: &App, as_of: &str) -> TraineeReport {
    app.trainee_report(&TraineeFilter {
        as_of: Some(d(as_of)),
        ..Default::default()
    })
    .await
    .unwrap()
}

async fn people_count(app: &App) -> i64 {
    app.list::<Person>(&Default::default(), Page::default())
        .await
        .unwrap()
        .1
}

kizuna_testkit::on_both!(
    demo_reports_680_trainees_from_57_countries_as_of_march_2008,
    demo_is_idempotent,
    every_figure_drills_down_to_its_people,
    only_accepted_statuses_count,
    statistics_per_office_or_for_all,
    import_rejects_every_bad_value_and_writes_nothing,
    import_accepts_a_clean_xlsx,
    export_escapes_formulas_and_round_trips_through_the_template,
    reimporting_an_export_restores_the_names_exactly,
    shift_jis_csv_is_read_and_other_encodings_refused_by_name,
    workbook_formulas_and_numbers_are_refused_by_cell,
    sqlite_wal_and_foreign_keys_are_on,
);

#[tokio::test]
async fn sqlite_runs_in_wal_mode_with_full_sync_and_a_safe_library() {
    let app = app(Backend::Sqlite).await;
    let info = app.store.info().await.unwrap();
    assert_eq!(info.journal_mode.as_deref(), Some("wal"));
    assert!(info.foreign_keys);
    assert_eq!(info.synchronous_full, Some(true));
    assert!(info.busy_timeout_ms.unwrap() >= 5000);
    assert!(kizuna_store::sqlite::is_safe_version(&info.version), "{}", info.version);
}

async fn demo_reports_680_trainees_from_57_countries_as_of_march_2008(backend: Backend) {
    let app = demo_app(backend).await;
    let r = report(&app, "2008-03-31").await;
    assert_eq!((r.trainees, r.countries), (680, 57));
    assert_eq!(r.first_fiscal_year, Some(1992));
    let last = r.by_fiscal_year.last().unwrap();
    assert_eq!(
        (last.fiscal_year, last.label_ja.as_str(), last.cumulative_trainees),
        (2007, "平成19年度", 680)
    );
    assert_eq!(r.by_country.iter().map(|c| c.trainees).sum::<u64>(), 680);
    assert_eq!(r.by_region.iter().map(|c| c.countries).sum::<u64>(), 57);
    // A day earlier in the year: FY2007's editions that had not started do not count yet.
    let before = report(&app, "2007-03-31").await;
    assert_eq!(
        before.trainees,
        r.by_fiscal_year[r.by_fiscal_year.len() - 2].cumulative_trainees
    );
    // Later years add trainees and countries; FY2020 had none.
    let now = report(&app, "2026-11-23").await;
    assert!(
        now.trainees > 680 && now.countries > 57,
        "{} {}",
        now.trainees,
        now.countries
    );
    let fy2020 = now.by_fiscal_year.iter().find(|y| y.fiscal_year == 2020).unwrap();
    assert_eq!((fy2020.trainees, fy2020.label_ja.as_str()), (0, "令和2年度"));
    assert_eq!(
        now.by_fiscal_year
            .iter()
            .find(|y| y.fiscal_year == 2019)
            .unwrap()
            .label_ja,
        "令和元年度"
    );
}

async fn demo_is_idempotent(backend: Backend) {
    let app = demo_app(backend).await;
    let people = people_count(&app).await;
    let editions = app
        .list::<Edition>(&Default::default(), Page::default())
        .await
        .unwrap()
        .1;
    let again = app.load_demo().await.unwrap();
    assert!(again.already_loaded);
    assert_eq!(people_count(&app).await, people);
    assert_eq!(
        app.list::<Edition>(&Default::default(), Page::default())
            .await
            .unwrap()
            .1,
        editions
    );
    assert_eq!(app.store.setting("dataset").await.unwrap().as_deref(), Some("demo"));
}

async fn every_figure_drills_down_to_its_people(backend: Backend) {
    let app = demo_app(backend).await;
    let as_of = Some(d("2008-03-31"));
    let r = report(&app, "2008-03-31").await;
    let all = Page {
        limit: u32::MAX,
        offset: 0,
    };
    let (people, total) = app
        .trainee_drilldown(
            &TraineeFilter {
                as_of,
                ..Default::default()
            },
            all,
        )
        .await
        .unwrap();
    assert_eq!((people.len() as u64, total), (680, 680));
    for row in r.by_country.iter().take(5) {
        let f = TraineeFilter {
            as_of,
            country: Some(row.country.parse().unwrap()),
            ..Default::default()
        };
        let (people, total) = app.trainee_drilldown(&f, all).await.unwrap();
        assert_eq!(total as u64, row.trainees, "{}", row.country);
        assert!(people.iter().all(|p| p.fields.nationality.as_str() == row.country));
    }
    for row in &r.by_fiscal_year {
        let f = TraineeFilter {
            as_of,
            fiscal_year: Some(row.fiscal_year.try_into().unwrap()),
            ..Default::default()
        };
        assert_eq!(
            app.trainee_drilldown(&f, all).await.unwrap().1 as u64,
            row.trainees,
            "FY{}",
            row.fiscal_year
        );
    }
    for row in &r.by_region {
        let f = TraineeFilter {
            as_of,
            region: Some(row.region),
            ..Default::default()
        };
        let sub = app.trainee_report(&f).await.unwrap();
        assert_eq!(
            (sub.trainees, sub.countries),
            (row.trainees, row.countries),
            "{:?}",
            row.region
        );
    }
    for row in &r.by_gender {
        let f = TraineeFilter {
            as_of,
            gender: Some(row.gender),
            ..Default::default()
        };
        assert_eq!(app.trainee_drilldown(&f, all).await.unwrap().1 as u64, row.trainees);
    }
    let course = &r.by_course[0];
    let f = TraineeFilter {
        as_of,
        programme_id: Some(course.programme_id),
        ..Default::default()
    };
    assert_eq!(app.trainee_report(&f).await.unwrap().trainees, course.trainees);
    // Paging walks the same people.
    let first = app
        .trainee_drilldown(
            &TraineeFilter {
                as_of,
                ..Default::default()
            },
            Page { limit: 10, offset: 0 },
        )
        .await
        .unwrap()
        .0;
    let second = app
        .trainee_drilldown(
            &TraineeFilter {
                as_of,
                ..Default::default()
            },
            Page { limit: 10, offset: 10 },
        )
        .await
        .unwrap()
        .0;
    assert_eq!(first.len(), 10);
    assert!(first.iter().all(|p| second.iter().all(|q| q.id != p.id)));
}

/// A CSV of trainees for the FY2007 general course, from rows of
/// (family, given, gender, nationality, birth_date, edition, status).
fn csv(rows: &[[&str; 7]]) -> Vec<u8> {
    let mut s = String::from("family_name,given_name,gender,nationality,birth_date,edition_key,status\n");
    for r in rows {
        s.push_str(&r.join(","));
        s.push('\n');
    }
    s.into_bytes()
}

/// Two offices on one store: each writes its own trainees, and the figures
/// can be asked for one office or for all.
async fn statistics_per_office_or_for_all(backend: Backend) {
    let url = kizuna_testkit::fresh_url(backend).await.unwrap();
    let head = App::new(kizuna_store::Store::open(&url).await.unwrap()).with_today(d("2026-11-23"));
    head.load_demo().await.unwrap();
    let name =
        kizuna_domain::common::LocalText::new(Some("Okinawa centre".parse().unwrap()), None, None, None).unwrap();
    let okinawa = head.add_office("okinawa", name.clone()).await.unwrap();
    assert!(
        matches!(head.add_office("okinawa", name).await, Err(AppError::Invalid(_))),
        "keys are unique"
    );
    assert_eq!(head.office_by_key("okinawa").await.unwrap().id, okinawa.id);
    let keys: Vec<String> = head
        .offices()
        .await
        .unwrap()
        .iter()
        .map(|o| o.fields.key.to_string())
        .collect();
    assert_eq!(keys, ["default", "okinawa"]);

    // The other office's server writes two trainees into the demo's FY2007 course.
    let other = App::new(kizuna_store::Store::open(&url).await.unwrap())
        .with_today(d("2026-11-23"))
        .with_office(okinawa.id);
    let file = csv(&[
        [
            "Kamau",
            "Amina",
            "female",
            "KE",
            "1975-02-03",
            "gmrdp/fy2007",
            "accepted",
        ],
        [
            "Otieno",
            "Brian",
            "male",
            "KE",
            "1976-04-05",
            "gmrdp/fy2007",
            "completed",
        ],
    ]);
    assert_eq!(
        other
            .import_trainees(&file, FileFormat::Csv, false)
            .await
            .unwrap()
            .imported,
        2
    );

    let by = |office_id: Option<i64>| TraineeFilter {
        as_of: Some(d("2008-03-31")),
        office_id,
        ..Default::default()
    };
    let all = head.trainee_report(&by(None)).await.unwrap();
    let home = head
        .trainee_report(&by(Some(kizuna_domain::common::DEFAULT_OFFICE)))
        .await
        .unwrap();
    let theirs = head.trainee_report(&by(Some(okinawa.id))).await.unwrap();
    assert_eq!(
        (home.trainees, home.countries),
        (680, 57),
        "the demo office's own figures"
    );
    assert_eq!((theirs.trainees, theirs.countries), (2, 1));
    assert_eq!(all.trainees, 682, "every office together");
    let (people, total) = head
        .trainee_drilldown(&by(Some(okinawa.id)), Page::default())
        .await
        .unwrap();
    assert_eq!(total, 2);
    let mut names: Vec<String> = people.iter().map(|p| p.fields.family_name.to_string()).collect();
    names.sort();
    assert_eq!(names, ["Kamau", "Otieno"]);
    for p in &people {
        assert_eq!(p.office_id, okinawa.id, "a record names the office that wrote it");
    }
}

async fn only_accepted_statuses_count(backend: Backend) {
    let app = demo_app(backend).await;
    let before = report(&app, "2008-03-31").await;
    let file = csv(&[
        [
            "Withdrew",
            "Anna",
            "female",
            "KE",
            "1970-01-01",
            "gmrdp/fy2007",
            "withdrawn",
        ],
        [
            "Nominee",
            "Ben",
            "male",
            "KE",
            "1971-01-01",
            "gmrdp/fy2007",
            "nominated",
        ],
    ]);
    app.import_trainees(&file, FileFormat::Csv, false).await.unwrap();
    let after = report(&app, "2008-03-31").await;
    assert_eq!((after.trainees, after.countries), (before.trainees, before.countries));
    let file = csv(&[[
        "Accepted",
        "Cara",
        "female",
        "KE",
        "1972-01-01",
        "gmrdp/fy2007",
        "accepted",
    ]]);
    app.import_trainees(&file, FileFormat::Csv, false).await.unwrap();
    assert_eq!(report(&app, "2008-03-31").await.trainees, before.trainees + 1);
}

async fn import_rejects_every_bad_value_and_writes_nothing(backend: Backend) {
    let app = demo_app(backend).await;
    let people = people_count(&app).await;
    let existing = app
        .list::<Person>(&Default::default(), Page { limit: 1, offset: 0 })
        .await
        .unwrap()
        .0
        .remove(0)
        .fields;
    let ex_birth = existing.birth_date.map(|b| b.to_string()).unwrap_or_default();
    let ex_given = existing
        .given_name
        .as_ref()
        .map(std::string::ToString::to_string)
        .unwrap_or_default();
    let rows = [
        ["Good", "Row", "female", "TH", "1980-05-05", "gmrdp/fy2007", "completed"],
        ["Bad", "Date", "male", "TH", "1980-02-30", "gmrdp/fy2007", "completed"],
        [
            "Bad",
            "Country",
            "male",
            "XX",
            "1980-01-01",
            "gmrdp/fy2007",
            "completed",
        ],
        ["", "Nameless", "male", "TH", "1980-01-01", "gmrdp/fy2007", "completed"],
        [
            existing.family_name.as_str(),
            &ex_given,
            existing.gender.as_str(),
            existing.nationality.as_str(),
            &ex_birth,
            "gmrdp/fy2007",
            "completed",
        ],
        [
            "No",
            "Edition",
            "female",
            "TH",
            "1980-01-01",
            "gmrdp/fy1800",
            "completed",
        ],
        [
            "Bad",
            "Status",
            "female",
            "TH",
            "1980-01-01",
            "gmrdp/fy2007",
            "graduated",
        ],
        [
            "Wrong",
            "Target",
            "female",
            "KE",
            "1980-01-01",
            "rdp-indonesia/fy2000",
            "completed",
        ],
        ["Good", "Row", "female", "TH", "1980-05-05", "gmrdp/fy2007", "completed"],
    ];
    let err = app
        .import_trainees(&csv(&rows), FileFormat::Csv, false)
        .await
        .unwrap_err();
    let AppError::ImportRejected(errors) = err else {
        panic!("expected a rejected import, got {err:?}")
    };
    let got: Vec<(usize, &str, &str)> = errors
        .iter()
        .map(|e| (e.row, e.column.as_str(), e.code.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (3, "birth_date", "invalid_date"),
            (4, "nationality", "unknown_country"),
            (5, "family_name", "required"),
            (6, "family_name", "person_exists"),
            (7, "edition_key", "unknown_edition"),
            (8, "status", "unknown_value"),
            (9, "nationality", "country_not_targeted"),
            (10, "family_name", "duplicate_in_file"),
        ]
    );
    assert_eq!(errors[0].value, "1980-02-30");
    assert!(errors[1].reason.contains("XX"), "{}", errors[1].reason);
    assert_eq!(people_count(&app).await, people, "nothing was written");

    // A header that lacks a required column, or has an unknown one.
    let err = app
        .import_trainees(b"family_name,colour\nA,red\n", FileFormat::Csv, false)
        .await
        .unwrap_err();
    let AppError::ImportRejected(errors) = err else {
        panic!()
    };
    let cols: Vec<&str> = errors.iter().map(|e| e.column.as_str()).collect();
    assert!(
        cols.contains(&"colour") && cols.contains(&"nationality") && cols.contains(&"edition_key"),
        "{cols:?}"
    );
    // Files that are not what they claim.
    assert!(matches!(
        app.import_trainees(b"", FileFormat::Csv, false).await,
        Err(AppError::BadFile(_))
    ));
    assert!(matches!(
        app.import_trainees(b"PK\x03\x04garbage", FileFormat::Xlsx, false).await,
        Err(AppError::BadFile(_))
    ));
    // Bytes that are no text in an encoding Kizuna reads: refused, naming
    // what they look like.
    assert!(matches!(
        app.import_trainees(b"family_name\n\xff\xfe", FileFormat::Csv, false)
            .await,
        Err(AppError::Encoding { .. })
    ));
    assert_eq!(people_count(&app).await, people);
}

async fn import_accepts_a_clean_xlsx(backend: Backend) {
    let app = demo_app(backend).await;
    let people = people_count(&app).await;
    let mut wb = rust_xlsxwriter::Workbook::new();
    let sheet = wb.add_worksheet();
    let header = [
        "family_name",
        "given_name",
        "gender",
        "nationality",
        "birth_date",
        "edition_key",
        "status",
        "started_on",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let rows = [
        [
            "Siriwat",
            "Nok",
            "female",
            "th",
            "",
            "food-value-chain-th-my/fy2024",
            "completed",
        ],
        [
            "Abdullah",
            "Hafiz",
            "male",
            "MY",
            "",
            "food-value-chain-th-my/fy2024",
            "completed",
        ],
    ];
    let date_fmt = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                sheet.write_string(r as u32 + 1, c as u16, *v).unwrap();
            }
        }
        // Dates as real spreadsheet dates, the way Excel stores them.
        sheet
            .write_date_with_format(
                r as u32 + 1,
                4,
                NaiveDate::from_ymd_opt(1985, 4, 1 + r as u32).unwrap(),
                &date_fmt,
            )
            .unwrap();
        sheet
            .write_date_with_format(
                r as u32 + 1,
                7,
                NaiveDate::from_ymd_opt(2024, 10, 20).unwrap(),
                &date_fmt,
            )
            .unwrap();
    }
    let bytes = wb.save_to_buffer().unwrap();
    let dry = app.import_trainees(&bytes, FileFormat::Xlsx, true).await.unwrap();
    assert_eq!((dry.rows, dry.imported), (2, 0));
    assert_eq!(people_count(&app).await, people);
    let done = app.import_trainees(&bytes, FileFormat::Xlsx, false).await.unwrap();
    assert_eq!(done.imported, 2);
    assert_eq!(people_count(&app).await, people + 2);
    let export = String::from_utf8(app.export_trainees(FileFormat::Csv).await.unwrap()).unwrap();
    assert!(
        export.contains("Siriwat,Nok,,,female,TH,1985-04-01"),
        "dates from XLSX cells are read as dates"
    );
    // Importing the same file again is refused: the people exist.
    assert!(matches!(
        app.import_trainees(&bytes, FileFormat::Xlsx, false).await,
        Err(AppError::ImportRejected(_))
    ));
}

async fn export_escapes_formulas_and_round_trips_through_the_template(backend: Backend) {
    let app = demo_app(backend).await;
    let file = csv(&[[
        "=HYPERLINK(\"http://x\")",
        "+Eve",
        "female",
        "TH",
        "1980-01-01",
        "gmrdp/fy2007",
        "completed",
    ]]);
    app.import_trainees(&file, FileFormat::Csv, false).await.unwrap();
    let out = String::from_utf8(app.export_trainees(FileFormat::Csv).await.unwrap()).unwrap();
    assert!(
        out.contains("\"'=HYPERLINK(\"\"http://x\"\")\",'+Eve"),
        "formula cells are escaped"
    );
    let header: Vec<&str> = TRAINEE_COLUMNS.iter().map(|c| c.name).collect();
    assert_eq!(out.lines().next().unwrap(), header.join(","));
    let template =
        String::from_utf8(kizuna_app::training::transfer::trainee_template(FileFormat::Csv).unwrap()).unwrap();
    assert_eq!(template.trim_end(), header.join(","));
    // JSON and XLSX exports carry the same rows.
    let json: serde_json::Value =
        serde_json::from_slice(&app.export_trainees(FileFormat::Json).await.unwrap()).unwrap();
    assert_eq!(json.as_array().unwrap().len(), out.lines().count() - 1);
    let xlsx = app.export_trainees(FileFormat::Xlsx).await.unwrap();
    let table = kizuna_app::training::transfer::read_table(&xlsx, FileFormat::Xlsx).unwrap();
    assert_eq!(table.len(), out.lines().count());
    assert!(
        table.iter().any(|r| r[0] == "=HYPERLINK(\"http://x\")"),
        "XLSX keeps the text, marked as text"
    );
}

/// The family names of the people whose family name starts with one of
/// `starts`, as stored.
async fn stored_names(app: &App, starts: &[&str]) -> Vec<String> {
    let mut names: Vec<String> = app
        .list::<Person>(
            &Default::default(),
            Page {
                limit: 100_000,
                offset: 0,
            },
        )
        .await
        .unwrap()
        .0
        .into_iter()
        .map(|p| p.fields.family_name.to_string())
        .filter(|n| starts.iter().any(|s| n.starts_with(s)))
        .collect();
    names.sort();
    names
}

/// An export opened elsewhere and imported into another office's store
/// gives the same names: the apostrophe written before a formula-like cell
/// is taken off again, and an apostrophe that was part of a name is kept.
async fn reimporting_an_export_restores_the_names_exactly(backend: Backend) {
    let app = demo_app(backend).await;
    let names = ["=HYPERLINK(\"http://x\")", "+Eve", "-Dash", "'s Bakery", "@Home"];
    let rows: Vec<[&str; 7]> = names
        .iter()
        .map(|n| [*n, "Nok", "female", "TH", "1980-01-01", "gmrdp/fy2007", "completed"])
        .collect();
    let mut file = String::from("family_name,given_name,gender,nationality,birth_date,edition_key,status\n");
    {
        let mut w = csv::Writer::from_writer(Vec::new());
        for r in &rows {
            w.write_record(r).unwrap();
        }
        file.push_str(&String::from_utf8(w.into_inner().unwrap()).unwrap());
    }
    app.import_trainees(file.as_bytes(), FileFormat::Csv, false)
        .await
        .unwrap();
    let starts = ["=", "+", "-", "'", "@"];
    let mut expected: Vec<String> = names.iter().map(ToString::to_string).collect();
    expected.sort();
    assert_eq!(stored_names(&app, &starts).await, expected, "stored as typed");

    for format in [FileFormat::Csv, FileFormat::Xlsx] {
        let export = app.export_trainees(format).await.unwrap();
        // Only the rows of these people, into a store that lacks them.
        let table = kizuna_app::training::transfer::read_table(&export, format).unwrap();
        let ours: Vec<Vec<String>> = table
            .iter()
            .enumerate()
            .filter(|(i, r)| *i == 0 || names.contains(&r[0].as_str()))
            .map(|(_, r)| r.clone())
            .collect();
        assert_eq!(ours.len(), names.len() + 1, "{format:?}: every row read back");
        let bytes = match format {
            FileFormat::Csv => {
                // The file as written: each cell escaped as the export writes it.
                let text = String::from_utf8(export.clone()).unwrap();
                let mut lines = text.lines();
                let mut out = String::from(lines.next().unwrap());
                out.push('\n');
                for l in lines.filter(|l| {
                    starts
                        .iter()
                        .any(|s| l.starts_with(s) || l.starts_with(&format!("\"{s}")))
                }) {
                    out.push_str(l);
                    out.push('\n');
                }
                assert!(out.contains("'+Eve"), "the export escapes: {out}");
                out.into_bytes()
            }
            _ => {
                let cols: Vec<kizuna_app::training::transfer::Column<'_>> = TRAINEE_COLUMNS.to_vec();
                let body: Vec<Vec<String>> = ours[1..].to_vec();
                kizuna_io::table::write_table("trainees", &cols, &body, FileFormat::Xlsx).unwrap()
            }
        };
        let other = demo_app(backend).await;
        other
            .import_trainees(&bytes, format, false)
            .await
            .unwrap_or_else(|e| panic!("{format:?}: {e}"));
        assert_eq!(
            stored_names(&other, &starts).await,
            expected,
            "{format:?}: names round-trip exactly"
        );
    }
}

/// A CSV saved by a Japanese Excel (Shift_JIS) is read; one in an encoding
/// Kizuna does not read is refused naming it, and nothing is written.
async fn shift_jis_csv_is_read_and_other_encodings_refused_by_name(backend: Backend) {
    let app = demo_app(backend).await;
    let text = "family_name,given_name,name_native,name_kana,gender,nationality,edition_key,status\n\
                Tanaka,Hanako,田中花子,タナカ ハナコ,female,TH,gmrdp/fy2007,completed\n";
    let (sjis, _, bad) = encoding_rs::SHIFT_JIS.encode(text);
    assert!(!bad);
    assert!(std::str::from_utf8(&sjis).is_err(), "really not UTF-8");
    let report = app.import_trainees(&sjis, FileFormat::Csv, false).await.unwrap();
    assert_eq!(report.imported, 1);
    let people = app
        .list::<Person>(
            &Default::default(),
            Page {
                limit: 100_000,
                offset: 0,
            },
        )
        .await
        .unwrap()
        .0;
    let p = people
        .iter()
        .find(|p| p.fields.family_name.as_str() == "Tanaka")
        .expect("imported");
    assert_eq!(
        p.fields.name_native.as_ref().map(kizuna_domain::common::Text::as_str),
        Some("田中花子")
    );
    assert_eq!(
        p.fields.name_kana.as_ref().map(kizuna_domain::common::Text::as_str),
        Some("タナカ ハナコ")
    );

    let korean = "family_name,given_name,name_native,gender,nationality,edition_key,status\n\
                  Kim,Minji,김민지,female,KR,gmrdp/fy2007,completed\nLee,Jiho,이지호,male,KR,gmrdp/fy2007,completed\n";
    let (euc_kr, _, _) = encoding_rs::EUC_KR.encode(korean);
    let before = people.len();
    let err = app.import_trainees(&euc_kr, FileFormat::Csv, false).await.unwrap_err();
    assert!(
        matches!(&err, AppError::Encoding { found } if found == "EUC-KR"),
        "{err}"
    );
    assert!(err.to_string().contains("EUC-KR"), "{err}");
    let after = app
        .list::<Person>(
            &Default::default(),
            Page {
                limit: 100_000,
                offset: 0,
            },
        )
        .await
        .unwrap()
        .0
        .len();
    assert_eq!(after, before, "nothing written");
}

/// A workbook's formula and a number in a text column are each refused
/// with their row and column; nothing is written.
async fn workbook_formulas_and_numbers_are_refused_by_cell(backend: Backend) {
    use rust_xlsxwriter::{Formula, Workbook};
    let app = demo_app(backend).await;
    let mut wb = Workbook::new();
    let sheet = wb.add_worksheet();
    let header = [
        "family_name",
        "given_name",
        "gender",
        "nationality",
        "organisation_key",
        "edition_key",
        "status",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let row = ["Somchai", "Jaidee", "male", "TH", "", "gmrdp/fy2007", "completed"];
    for (c, v) in row.iter().enumerate() {
        sheet.write_string(1, c as u16, *v).unwrap();
    }
    sheet
        .write_formula(1, 1, Formula::new("=UPPER(\"jaidee\")").set_result("JAIDEE"))
        .unwrap();
    for (c, v) in row.iter().enumerate() {
        sheet.write_string(2, c as u16, *v).unwrap();
    }
    sheet.write_string(2, 0, "Suda").unwrap();
    // An organisation key 0012 typed into a number cell: now 12.
    sheet.write_number(2, 4, 12.0).unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let err = app.import_trainees(&bytes, FileFormat::Xlsx, true).await.unwrap_err();
    let AppError::ImportRejected(rows) = err else {
        panic!("{err}")
    };
    let found: Vec<(usize, &str, &str, &str)> = rows
        .iter()
        .map(|r| (r.row, r.column.as_str(), r.code.as_str(), r.value.as_str()))
        .filter(|r| r.2 == "formula" || r.2 == "number_in_text")
        .collect();
    assert_eq!(
        found,
        vec![
            (2, "given_name", "formula", "=UPPER(\"jaidee\")"),
            (3, "organisation_key", "number_in_text", "12")
        ]
    );
}

async fn sqlite_wal_and_foreign_keys_are_on(backend: Backend) {
    let app = app(backend).await;
    // A participation that points at nothing is refused with the field named.
    let input = kizuna_domain::training::participation::ParticipationInput {
        edition_id: 999,
        person_id: 999,
        role: kizuna_domain::training::participation::ParticipationRole::Trainee,
        status: kizuna_domain::training::participation::ParticipationStatus::Accepted,
        started_on: None,
        ended_on: None,
        action_plan_title: None,
        nominated_on: None,
        accepted_on: None,
        arrived_on: None,
        completed_on: None,
        withdrawn_on: None,
    };
    let err = app
        .create::<kizuna_domain::training::participation::Participation>(&input)
        .await
        .unwrap_err();
    let AppError::Invalid(fields) = err else { panic!() };
    assert_eq!(
        fields.iter().map(|f| f.field.as_str()).collect::<Vec<_>>(),
        ["edition_id", "person_id"]
    );
    // And the store itself refuses it too (foreign keys are enforced).
    assert!(
        app.store
            .insert::<kizuna_domain::training::participation::Participation>(
                kizuna_domain::common::DEFAULT_OFFICE,
                &input
            )
            .await
            .is_err()
    );
}
