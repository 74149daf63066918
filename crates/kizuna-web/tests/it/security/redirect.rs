//! The page a sign-in returns to (`next`): only our own pages.

use axum::http::StatusCode;
use kizuna_store::Backend;
use kizuna_testkit::{PASSWORD, STAFF, TestApp};

/// Whether a `Location` stays on this site: a path, not `//host` or
/// `/\host`, and only visible ASCII (browsers drop tabs and newlines from
/// URLs before reading them, which is how `/%09/evil.example/` left).
fn same_origin(location: &str) -> bool {
    location.starts_with('/')
        && !location.starts_with("//")
        && !location.starts_with("/\\")
        && location.bytes().all(|b| (0x21..=0x7e).contains(&b) && b != b'\\')
}

fn percent_encode(s: &str) -> String {
    s.bytes().map(|b| format!("%{b:02X}")).collect()
}

pub async fn hostile_next_values_stay_on_this_site(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let long = format!("/console/{}", "a".repeat(10_000));
    // (next as the server receives it, where a good sign-in must land)
    let cases: Vec<(&str, &str)> = vec![
        ("/\t/evil.example/", "/console"),
        ("/\n/evil.example/", "/console"),
        ("/\r/evil.example/", "/console"),
        ("/%09/evil.example/", "/console"),
        ("/%0a/x", "/console"),
        ("/%0d%0aSet-Cookie:%20a=b", "/console"),
        ("/\\evil.example", "/console"),
        ("/%5cevil.example", "/console"),
        ("//evil.example", "/console"),
        ("/%2f%2fevil.example", "/console"),
        ("/%2F/evil.example", "/console"),
        ("https://evil.example", "/console"),
        ("javascript:alert(1)", "/console"),
        (" /console", "/console"),
        ("/console\u{0}", "/console"),
        ("/console/%ff%fe", "/console"),
        ("/console/%zz", "/console"),
        ("/console/../../evil.example", "/console"),
        ("/console@evil.example", "/console"),
        ("/evil", "/console"),
        (&long, "/console"),
        ("", "/console"),
        // Our own pages are returned to, their query re-encoded.
        ("/", "/"),
        (
            "/console/trainees?country=TH&page=2",
            "/console/trainees?country=TH&page=2",
        ),
        ("/map/places/1", "/map/places/1"),
        ("/statistics?lang=ja", "/statistics?lang=ja"),
        ("/console?x=%0a%0d", "/console?x=%0A%0D"),
        ("/console/trainees#top", "/console/trainees"),
    ];
    for (next, want) in &cases {
        // As a browser does: the form, holding next, then its submission.
        let mut b = t.browser();
        let form = b.get(&format!("/sign-in?next={}", percent_encode(next))).await;
        let shown = form.ok_page().form("form[action='/sign-in']");
        let held = shown
            .iter()
            .find(|(k, _)| k == "next")
            .map(|(_, v)| v.clone())
            .expect("the form carries next");
        assert!(same_origin(&held), "{next:?}: the form holds {held:?}");
        let done = b
            .submit("/sign-in", &[("email", STAFF), ("password", PASSWORD), ("next", &held)])
            .await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{next:?}: {}", done.text());
        assert_eq!(done.location(), *want, "{next:?} through the form");

        // And sent straight to the form's target.
        let mut b = t.browser();
        b.get("/sign-in").await.expect(StatusCode::OK);
        let done = b
            .submit("/sign-in", &[("email", STAFF), ("password", PASSWORD), ("next", next)])
            .await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{next:?}: {}", done.text());
        assert!(same_origin(done.location()), "{next:?} → {:?}", done.location());
        assert_eq!(done.location(), *want, "{next:?} posted");
    }

    // Bytes that are not UTF-8 in the form body itself.
    let mut b = t.browser();
    b.get("/sign-in").await.expect(StatusCode::OK);
    let body = format!(
        "csrf={}&email={}&password={}&next=%2F%FF%FE%2F%2Fevil.example",
        b.csrf(),
        percent_encode(STAFF),
        percent_encode(PASSWORD)
    );
    let done = b
        .raw("POST", "/sign-in", "application/x-www-form-urlencoded", body)
        .await;
    assert_eq!(
        (done.status, done.location()),
        (StatusCode::SEE_OTHER, "/console"),
        "{}",
        done.text()
    );
}
