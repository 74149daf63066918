//! The statistics pages through the router, over the demo dataset on
//! SQLite: the public figures as of 31 March 2008 (680 trainees from 57
//! countries), the chart data the page carries, the four languages, the
//! staff page's access rule, and drill-downs whose totals equal the figures.

#![allow(clippy::unwrap_used)] // helpers of a test file: a failed unwrap is a failed test

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use chrono::NaiveDate;
use kizuna_app::App;
use kizuna_domain::common::account::Role;
use kizuna_domain::common::programme::Programme;
use kizuna_i18n::{self as i18n, CATALOGUES, Lang};
use kizuna_store::{Backend, Page};
use kizuna_testkit::fresh_store;
use serde_json::Value;
use tower::ServiceExt;

const STAFF: &str = "staff@example.org";
const PASSWORD: &str = "a long password 123";

/// The router over a fresh SQLite database holding the demo, with a staff
/// account and a partner account.
async fn demo() -> Router {
    demo_app().await.0
}

async fn demo_app() -> (Router, Arc<App>) {
    let store = fresh_store(Backend::Sqlite).await.expect("a fresh SQLite database");
    let app = App::new(store).with_today(NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date"));
    app.load_demo().await.expect("the demo loads");
    app.add_user(STAFF, Role::Staff, None, Some(PASSWORD))
        .await
        .expect("a staff account");
    app.add_user(
        "partner@example.org",
        Role::Partner,
        Some("demo/rda-th"),
        Some(PASSWORD),
    )
    .await
    .expect("a partner account");
    let app = Arc::new(app);
    (kizuna_web::router(app.clone()), app)
}

struct Got {
    status: StatusCode,
    location: String,
    set_cookies: Vec<String>,
    body: String,
}

async fn send(router: &Router, req: Request<Body>) -> Got {
    let resp = router.clone().oneshot(req).await.expect("a response");
    let status = resp.status();
    let location = resp
        .headers()
        .get(header::LOCATION)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let set_cookies = resp
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
        .await
        .expect("a body");
    Got {
        status,
        location,
        set_cookies,
        body: String::from_utf8(bytes.to_vec()).expect("UTF-8"),
    }
}

async fn get(router: &Router, uri: &str, cookies: &str) -> Got {
    let mut req = Request::get(uri);
    if !cookies.is_empty() {
        req = req.header(header::COOKIE, cookies);
    }
    send(router, req.body(Body::empty()).unwrap()).await
}

/// A page that must answer 200.
async fn page(router: &Router, uri: &str, cookies: &str) -> String {
    let got = get(router, uri, cookies).await;
    assert_eq!(got.status, StatusCode::OK, "{uri}: {}", got.body);
    got.body
}

fn cookie(set_cookies: &[String], name: &str) -> Option<String> {
    set_cookies.iter().find_map(|c| {
        c.strip_prefix(&format!("{name}="))
            .map(|v| v.split(';').next().unwrap_or("").to_owned())
    })
}

/// Sign in through the form, as a browser does; the cookies to send afterwards.
async fn sign_in(router: &Router, email: &str) -> String {
    let form = get(router, "/sign-in", "").await;
    let csrf = cookie(&form.set_cookies, "kizuna_csrf").expect("the sign-in form sets a CSRF cookie");
    let body =
        serde_urlencoded::to_string([("csrf", csrf.as_str()), ("email", email), ("password", PASSWORD)]).unwrap();
    let req = Request::post("/sign-in")
        .header(header::COOKIE, format!("kizuna_csrf={csrf}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap();
    let got = send(router, req).await;
    assert!(got.status.is_redirection(), "signed in: {} {}", got.status, got.body);
    let session = cookie(&got.set_cookies, "kizuna_session").expect("a session cookie");
    let csrf = cookie(&got.set_cookies, "kizuna_csrf").unwrap_or(csrf);
    format!("kizuna_session={session}; kizuna_csrf={csrf}")
}

/// The text of an element with this id (tags stripped).
fn text_of(html: &str, id: &str) -> String {
    let start = html.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("no #{id}"));
    let open_end = start + html[start..].find('>').expect("tag end") + 1;
    let inner = &html[open_end..];
    // Up to the element's end: enough for the leaf elements looked at here.
    let end = inner
        .find("</div>")
        .or_else(|| inner.find("</p>"))
        .unwrap_or(inner.len());
    strip_tags(&inner[..end]).replace('\u{1}', "").trim().to_owned()
}

fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push('\u{1}');
            }
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The body rows of a table: each row's non-empty cell texts, and its links.
fn table_rows(html: &str, id: &str) -> Vec<(Vec<String>, Vec<String>)> {
    let start = html
        .find(&format!("<table id=\"{id}\""))
        .unwrap_or_else(|| panic!("no table #{id}"));
    let table = &html[start..start + html[start..].find("</table>").expect("table end")];
    let body = &table[table.find("<tbody>").expect("tbody")..table.find("</tbody>").expect("tbody end")];
    body.split("<tr>")
        .skip(1)
        .map(|row| {
            let cells = strip_tags(row)
                .split('\u{1}')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_owned)
                .collect();
            let links = row
                .split("href=\"")
                .skip(1)
                .map(|h| unescape(&h[..h.find('"').unwrap()]))
                .collect();
            (cells, links)
        })
        .collect()
}

/// An attribute value as written by askama, unescaped.
fn unescape(s: &str) -> String {
    s.replace("&#38;", "&")
        .replace("&amp;", "&")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
}

/// What a person reads or hears: the text outside tags, and the accessible labels.
/// Scripts count by the words they show: the chart labels of the stats-data block.
fn visible(html: &str) -> String {
    let mut labels: Vec<String> = html
        .split("aria-label=\"")
        .skip(1)
        .map(|h| unescape(&h[..h.find('"').unwrap()]))
        .collect();
    if html.contains("id=\"stats-data\"") {
        let data = stats_data(html);
        labels.extend(
            data["labels"]
                .as_object()
                .unwrap()
                .values()
                .map(|v| v.as_str().unwrap().to_owned()),
        );
        labels.extend(
            data["series"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["name"].as_str().unwrap().to_owned()),
        );
    }
    let mut text = String::new();
    let mut rest = html;
    while let Some(at) = rest.find("<script") {
        text.push_str(&rest[..at]);
        rest = &rest[at + rest[at..].find("</script>").unwrap()..];
    }
    text.push_str(rest);
    format!("{}\n{}", strip_tags(&text), labels.join("\n"))
}

fn number(s: &str) -> u64 {
    s.replace(',', "")
        .parse()
        .unwrap_or_else(|_| panic!("{s:?} is not a number"))
}

fn stats_data(html: &str) -> Value {
    let marker = "<script type=\"application/json\" id=\"stats-data\">";
    let start = html.find(marker).expect("the stats-data block") + marker.len();
    let end = start + html[start..].find("</script>").expect("its end");
    serde_json::from_str(&html[start..end]).expect("stats-data is JSON")
}

#[tokio::test]
async fn public_statistics_as_of_march_2008() {
    let router = demo().await;
    let html = page(&router, "/statistics?as_of=2008-03-31", "").await;
    assert_eq!(text_of(&html, "stats-trainees"), "680");
    assert_eq!(text_of(&html, "stats-countries"), "57");
    assert!(html.contains("31 Mar 2008"), "the date, written the English way");
    assert!(html.contains("value=\"2008-03-31\""), "the form keeps the date");
    // No personal data and no links into the console on the public page.
    assert!(!html.contains("/console/statistics/people"));
    assert!(!html.contains("/console/people/"));

    // The chart data: per-year series stacked by region add up to the table's figures.
    let data = stats_data(&html);
    let years = table_rows(&html, "table-years");
    let series = data["series"].as_array().expect("series");
    assert!(series.len() >= 5, "{} regions", series.len());
    assert_eq!(data["years"].as_array().unwrap().len(), years.len());
    assert_eq!(years.first().unwrap().0[0], "FY1992");
    assert_eq!(years.last().unwrap().0[0], "FY2007");
    for (i, (cells, _)) in years.iter().enumerate() {
        let stacked: u64 = series.iter().map(|s| s["data"][i].as_u64().unwrap()).sum();
        assert_eq!(stacked, number(&cells[1]), "{}", cells[0]);
        assert_eq!(data["totals"][i].as_u64().unwrap(), number(&cells[1]));
    }
    assert_eq!(number(&years.last().unwrap().0[4]), 680, "the cumulative total");
    // Countries on the map: keyed by the ISO numeric codes world-atlas uses.
    let countries = data["countries"].as_array().unwrap();
    assert_eq!(countries.len(), 57);
    assert_eq!(countries.iter().map(|c| c["value"].as_u64().unwrap()).sum::<u64>(), 680);
    let th = countries.iter().find(|c| c["code"] == "TH").expect("Thailand");
    assert_eq!(
        (th["id"].as_str(), th["name"].as_str()),
        (Some("764"), Some("Thailand"))
    );
    let table: Vec<_> = table_rows(&html, "table-countries");
    assert_eq!(table.len(), 57);
    assert_eq!(table.iter().map(|(c, _)| number(&c[2])).sum::<u64>(), 680);
    let regions = table_rows(&html, "table-regions");
    assert_eq!(regions.iter().map(|(c, _)| number(&c[1])).sum::<u64>(), 680);
    assert_eq!(regions.iter().map(|(c, _)| number(&c[2])).sum::<u64>(), 57);

    // The charts: drawn by a script from the page's origin, described in text.
    assert!(html.contains("<script src=\"/assets/stats.js\" defer></script>"));
    assert!(html.contains("<script src=\"/assets/echarts.min.js\" defer></script>"));
    for id in ["chart-years", "chart-map"] {
        let at = html.find(&format!("id=\"{id}\"")).unwrap();
        let tag = &html[at..at + html[at..].find('>').unwrap()];
        assert!(tag.contains("role=\"img\"") && tag.contains("aria-label=\""), "{tag}");
    }
    assert!(!html.contains("<script>"), "no inline scripts (CSP)");

    // Today by default; a date that is not one is a 400 naming the field, never a 500.
    let now = page(&router, "/statistics", "").await;
    assert!(number(&text_of(&now, "stats-trainees")) > 680);
    assert!(now.contains("value=\"2026-11-23\""));
    let bad = get(&router, "/statistics?as_of=2008-02-30", "").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("id=\"stats-errors\"") && bad.body.contains("aria-invalid=\"true\""));
}

#[tokio::test]
async fn public_statistics_in_four_languages() {
    let (router, app) = demo_app().await;
    // Course titles are records (in English, and Japanese when given), not interface text.
    let courses: Vec<String> = app
        .list::<Programme>(&Default::default(), Page { limit: 1000, offset: 0 })
        .await
        .unwrap()
        .0
        .into_iter()
        .filter_map(|p| p.fields.title.get("en").map(ToString::to_string))
        .collect();
    let ja = page(&router, "/statistics?as_of=2008-03-31&lang=ja", "").await;
    assert!(ja.contains("<html lang=\"ja\">"));
    assert!(ja.contains("平成19年度"), "the era beside FY2007");
    assert!(ja.contains("2008年3月31日"));
    assert_eq!(text_of(&ja, "stats-trainees"), "680");
    assert_eq!(
        stats_data(&ja)["countries"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["code"] == "TH")
            .unwrap()["name"],
        "タイ"
    );

    let staff = sign_in(&router, STAFF).await;
    for lang in [Lang::Ja, Lang::Th, Lang::Ms] {
        let code = lang.code();
        let mut pages = vec![page(&router, &format!("/statistics?as_of=2008-03-31&lang={code}"), "").await];
        pages.push(
            page(
                &router,
                &format!("/console/statistics?as_of=2008-03-31&lang={code}"),
                &staff,
            )
            .await,
        );
        pages.push(
            page(
                &router,
                &format!("/console/statistics/people?as_of=2008-03-31&country=TH&lang={code}"),
                &staff,
            )
            .await,
        );
        let pages: Vec<String> = pages
            .iter()
            .map(|p| {
                courses
                    .iter()
                    .fold(visible(p), |text, title| text.replace(title.as_str(), ""))
            })
            .collect();
        assert_no_english(lang, &pages);
    }
}

/// Every message of the English stats catalogue is translated, and none of
/// its English text shows in the pages' visible text.
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

#[tokio::test]
async fn staff_statistics_need_a_staff_account() {
    let router = demo().await;
    let anonymous = get(&router, "/console/statistics?as_of=2008-03-31", "").await;
    assert!(anonymous.status.is_redirection(), "{}", anonymous.status);
    assert!(
        anonymous.location.starts_with("/sign-in?next=/console/statistics"),
        "{}",
        anonymous.location
    );
    let people = get(&router, "/console/statistics/people?as_of=2008-03-31", "").await;
    assert!(people.status.is_redirection() && people.location.starts_with("/sign-in"));

    let partner = sign_in(&router, "partner@example.org").await;
    assert_eq!(
        get(&router, "/console/statistics", &partner).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        get(&router, "/console/statistics/people", &partner).await.status,
        StatusCode::FORBIDDEN
    );

    let staff = sign_in(&router, STAFF).await;
    let html = page(&router, "/console/statistics?as_of=2008-03-31", &staff).await;
    assert_eq!(text_of(&html, "stats-trainees"), "680");
    for field in ["as_of", "fiscal_year", "region", "country", "course", "gender"] {
        assert!(html.contains(&format!("name=\"{field}\"")), "a {field} filter");
    }
    // A filter value that is not one is a 400, never a 500.
    let bad = get(
        &router,
        "/console/statistics?as_of=2008-03-31&country=XX&gender=robot",
        &staff,
    )
    .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_eq!(bad.body.matches("aria-invalid=\"true\"").count(), 2);
}

#[tokio::test]
async fn every_staff_figure_drills_down_to_its_people() {
    let router = demo().await;
    let staff = sign_in(&router, STAFF).await;
    let html = page(&router, "/console/statistics?as_of=2008-03-31", &staff).await;
    assert!(stats_data(&html)["drill"]["path"] == "/console/statistics/people");

    // The figure and the total of the list behind it.
    let drill = async |href: &str| -> (u64, String) {
        assert!(href.starts_with("/console/statistics/people?as_of="), "{href}");
        let list = page(&router, href, &staff).await;
        let at = list.find("data-total=\"").expect("a total") + "data-total=\"".len();
        (list[at..at + list[at..].find('"').unwrap()].parse().unwrap(), list)
    };

    // Everyone: 680, listed 50 a page, each linking to their record.
    let (total, list) = drill("/console/statistics/people?as_of=2008-03-31").await;
    assert_eq!(total, 680);
    let people = table_rows(&list, "people");
    assert_eq!(people.len(), 50);
    assert!(
        people
            .iter()
            .all(|(_, links)| links.len() == 1 && links[0].starts_with("/console/people/"))
    );
    assert!(list.contains("rel=\"next\""));
    let last = page(
        &router,
        "/console/statistics/people?as_of=2008-03-31&offset=650",
        &staff,
    )
    .await;
    assert_eq!(table_rows(&last, "people").len(), 30);
    assert!(last.contains("rel=\"prev\"") && !last.contains("rel=\"next\""));

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
        let rows = table_rows(&html, table);
        assert!(!rows.is_empty(), "{table}");
        for (cells, links) in rows.iter().take(4) {
            let figure = number(&cells[col]);
            // The link of that column: links run left to right over the linked cells.
            let href = match (table, col) {
                ("table-years", 1) => &links[0],
                ("table-years", 4) => links.last().unwrap(),
                _ => &links[0],
            };
            let (total, _) = drill(href).await;
            assert_eq!(total, figure, "{table} {} via {href}", cells[0]);
            checked += 1;
        }
    }
    assert!(checked >= 20);

    // Filters combine: Thai women, on the page and in its drill-down.
    let filtered = page(
        &router,
        "/console/statistics?as_of=2008-03-31&country=TH&gender=female",
        &staff,
    )
    .await;
    let figure = number(&text_of(&filtered, "stats-trainees"));
    assert!(figure > 0 && figure < 30, "{figure} Thai women");
    let href = filtered
        .split("id=\"stats-trainees\"><a href=\"")
        .nth(1)
        .map(|h| unescape(&h[..h.find('"').unwrap()]))
        .expect("the total links to its people");
    let (total, list) = drill(&href).await;
    assert_eq!(total, figure);
    assert!(
        table_rows(&list, "people")
            .iter()
            .all(|(cells, _)| cells.contains(&"Thailand".to_owned()))
    );
}
