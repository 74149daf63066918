//! The place form: each problem beside its field, saving, changing.

use axum::http::StatusCode;
use kizuna_domain::common::Text;
use kizuna_domain::common::locality::Locality;
use kizuna_domain::map::place::{OpeningHoursText, Place};
use kizuna_store::Backend;
use kizuna_testkit::{Page, TestApp};

use super::{field, place_by_source_id, places_total};

/// The place form on a page.
const FORM: &str = "form.place";

/// Every field of the place form.
const FIELDS: [&str; 37] = [
    "name_ja",
    "name_en",
    "name_th",
    "name_ms",
    "name_ar",
    "name_id",
    "category",
    "chain_en",
    "chain_ja",
    "chain_th",
    "chain_ms",
    "branch_en",
    "branch_ja",
    "branch_th",
    "branch_ms",
    "address",
    "phone",
    "website",
    "locality_id",
    "lat",
    "lon",
    "assurance",
    "certifier",
    "certificate_number",
    "certificate_valid_from",
    "certificate_valid_until",
    "alcohol_served",
    "prayer_space",
    "wudu",
    "women_space",
    "qibla_marked",
    "prayer_mats",
    "opening_hours",
    "source",
    "source_id",
    "attribution",
    "last_verified",
];

/// The message beside a field (`<p id="e-NAME">`).
fn field_error(page: &Page, name: &str) -> String {
    page.one(&format!("#e-{name}")).text
}

/// Set `name` to `value` among form fields (added when missing).
fn set(fields: &mut Vec<(String, String)>, name: &str, value: &str) {
    fields.retain(|(n, _)| n != name);
    fields.push((name.to_owned(), value.to_owned()));
}

fn pairs(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

pub(crate) async fn a_new_place_shows_each_problem_beside_its_field_then_is_saved(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let form = b.page("/console/places/new").await;
    for name in FIELDS {
        assert!(form.has(&format!("{FORM} [name='{name}']")), "the form has {name}");
    }
    assert!(
        form.one("#h-opening_hours").text.contains("Mo-Sa 11:00-21:00; Su off"),
        "the opening hours help"
    );
    assert!(form.has("a[href='https://wiki.openstreetmap.org/wiki/Key:opening_hours']"));
    let before = places_total(&t.app).await;
    let sapporo = t
        .app
        .by_key::<Locality>("jp/hokkaido/ishikari/sapporo")
        .await
        .expect("Sapporo");
    let sapporo_id = sapporo.id.to_string();

    let bad = b
        .submit(
            "/console/places/new",
            &[
                ("name_en", ""),
                ("chain_en", "Hilal Ramen Kita"),
                ("category", ""),
                ("phone", "call us"),
                ("website", "ftp://example.org"),
                ("locality_id", &sapporo_id),
                ("lat", "north"),
                ("lon", "200"),
                ("assurance", "certified"),
                ("certificate_number", "TEST-1"),
                ("certificate_valid_from", "2026-01-01"),
                ("certificate_valid_until", "2026-02-30"),
                ("alcohol_served", "no"),
                ("wudu", "true"),
                ("opening_hours", "whenever we like"),
                ("source", "staff"),
                ("last_verified", "yesterday"),
            ],
        )
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    assert_eq!(places_total(&t.app).await, before, "nothing written");
    assert!(bad.one("#problems").text.contains("Some values need fixing."));
    for (name, msg) in [
        ("name_en", "Give the place a name in at least one language."),
        ("category", "Fill this in."),
        ("phone", "“call us” is not a telephone number"),
        ("website", "“ftp://example.org” is not a web address"),
        ("lat", "“north” is not a latitude"),
        ("lon", "“200” is not a longitude: write degrees from -180 to 180."),
        ("certifier", "Fill this in."),
        ("certificate_valid_until", "“2026-02-30” is not a date"),
        (
            "opening_hours",
            "“whenever we like” is not in OpenStreetMap's opening_hours syntax",
        ),
        ("last_verified", "“yesterday” is not a date"),
    ] {
        let e = field_error(&bad, name);
        assert!(e.contains(msg), "{name}: {e:?} should say {msg:?}");
        let input = bad.one(&format!("#f-{name}"));
        assert_eq!(input.attr("aria-invalid"), Some("true"), "{name} is marked");
        assert!(
            bad.has(&format!("#problems a[href='#f-{name}']")),
            "{name} is named in the summary, with a link to it"
        );
    }
    // Fields without problems are not blamed, and what was typed is kept.
    for name in ["chain_en", "certificate_number", "certificate_valid_from", "address"] {
        assert!(!bad.has(&format!("#e-{name}")), "{name} is not blamed");
        assert_eq!(bad.one(&format!("#f-{name}")).attr("aria-invalid"), None, "{name}");
    }
    let kept = |name: &str| field(&bad, FORM, name);
    assert_eq!(kept("lat").as_deref(), Some("north"));
    assert_eq!(kept("chain_en").as_deref(), Some("Hilal Ramen Kita"));
    assert_eq!(kept("opening_hours").as_deref(), Some("whenever we like"));
    assert_eq!(kept("locality_id"), Some(sapporo_id.clone()));
    assert_eq!(kept("assurance").as_deref(), Some("certified"));
    assert_eq!(kept("alcohol_served").as_deref(), Some("no"));
    assert_eq!(kept("wudu").as_deref(), Some("true"));
    assert_eq!(kept("prayer_mats"), None);

    // A certificate on a place that is not certified is refused, field by field.
    let bad = b
        .submit(
            "/console/places/new",
            &[
                ("name_en", "Test Kitchen (demo)"),
                ("category", "restaurant"),
                ("lat", "43.0621"),
                ("lon", "141.3544"),
                ("assurance", "pork_free"),
                ("certifier", "Someone"),
                ("source", "staff"),
            ],
        )
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    assert!(field_error(&bad, "certifier").contains("Only certified places have a certificate"));

    // Fixed: saved, then its page says so; it starts unverified.
    let good = b
        .submit(
            "/console/places/new",
            &[
                ("name_en", "Test Halal Ramen, Odori (demo)"),
                ("name_ja", "テストハラールラーメン 大通店（デモ）"),
                ("name_ar", "مطعم تجريبي (demo)"),
                ("chain_en", "Test Halal Ramen"),
                ("chain_th", "ราเมนฮาลาลทดสอบ"),
                ("branch_en", "Odori"),
                ("branch_ja", "大通店"),
                ("category", "restaurant"),
                ("phone", "+81 11-000-0000"),
                ("website", "https://example.org/demo/test-ramen"),
                ("locality_id", &sapporo_id),
                ("lat", "43.0601"),
                ("lon", "141.3566"),
                ("assurance", "certified"),
                ("certifier", "Test Halal Board (demo)"),
                ("certificate_number", "THB-2026-7"),
                ("certificate_valid_from", "2026-01-01"),
                ("certificate_valid_until", "2027-12-31"),
                ("alcohol_served", "no"),
                ("prayer_space", "true"),
                ("wudu", "true"),
                ("opening_hours", "Mo-Sa 11:00-21:00; Su off"),
                ("source", "staff"),
                ("source_id", ""),
                ("last_verified", ""),
            ],
        )
        .await
        .expect(StatusCode::SEE_OTHER);
    assert!(good.location().ends_with("/edit?saved=1"), "{}", good.location());
    assert_eq!(places_total(&t.app).await, before + 1);
    let id: i64 = good
        .location()
        .trim_start_matches("/console/places/")
        .split('/')
        .next()
        .and_then(|s| s.parse().ok())
        .expect("the new place's id");
    let p = t.app.get::<Place>(id).await.expect("saved").fields;
    assert_eq!(p.names.get("ar").map(Text::as_str), Some("مطعم تجريبي (demo)"));
    let branch = p.branch.as_ref().expect("a branch");
    assert_eq!(branch.get("en").map(Text::as_str), Some("Odori"));
    assert_eq!(branch.get("ja").map(Text::as_str), Some("大通店"));
    assert_eq!(branch.get("th"), None);
    let chain = p.chain.as_ref().expect("a chain");
    assert_eq!(chain.get("th").map(Text::as_str), Some("ราเมนฮาลาลทดสอบ"));
    assert_eq!(p.locality_id, Some(sapporo.id));
    assert_eq!(p.alcohol_served, Some(false));
    assert!(p.prayer.prayer_space && p.prayer.wudu && !p.prayer.mats);
    assert_eq!(p.source.kind().as_str(), "staff");
    assert!(p.source.id().as_str().starts_with("staff-"), "given an id");
    assert_eq!(p.halal.certificate().map(|c| c.number().as_str()), Some("THB-2026-7"));
    assert_eq!(p.last_verified, None);

    let page = b.page(good.location()).await;
    assert_eq!(page.one("#notice").text, "The place was saved.");
    let verified = page.one("#verified-state");
    assert!(verified.text.contains("Never verified"), "{}", verified.text);
    assert_eq!(page.one("#verified-state .badge.warn").text, "Stale");
    assert!(
        page.one("#certificate-state")
            .text
            .contains("Certificate THB-2026-7 from Test Halal Board (demo), valid until 31 Dec 2027.")
    );
    assert_eq!(field(&page, FORM, "lat").as_deref(), Some("43.0601"));
    assert_eq!(field(&page, FORM, "prayer_space").as_deref(), Some("true"));
    // Listed under its name.
    let list = b.page("/console/places?q=test+halal+ramen").await;
    assert!(list.has(&format!("table#places tr#place-{id}")));
}

pub(crate) async fn a_place_is_changed_and_imported_sources_stay_as_they_are(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    // A branch of a chain: its chain and branch in each of the four languages.
    let ramen = place_by_source_id(&t.app, "sapporo-01").await;
    let form = b.page(&format!("/console/places/{}/edit", ramen.id)).await;
    for (name, value, lang) in [
        ("chain_en", "Hilal Ramen Kita (demo)", "en"),
        ("chain_ja", "ヒラルラーメン北（デモ）", "ja"),
        ("chain_th", "ฮิลาลราเมนคิตะ (ตัวอย่าง)", "th"),
        ("chain_ms", "Ramen Hilal Kita (demo)", "ms"),
        ("branch_en", "Sapporo Station", "en"),
        ("branch_ja", "札幌駅前店", "ja"),
        ("branch_th", "สาขาสถานีซัปโปโร", "th"),
        ("branch_ms", "Stesen Sapporo", "ms"),
    ] {
        assert_eq!(field(&form, FORM, name).as_deref(), Some(value), "{name}");
        assert_eq!(form.one(&format!("#f-{name}")).attr("lang"), Some(lang), "{name}");
    }
    assert_eq!(form.one("label[for='f-branch_th']").text, "Branch in Thai");

    let grill = place_by_source_id(&t.app, "hakodate-05").await;
    let path = format!("/console/places/{}/edit", grill.id);
    let form = b.page(&path).await;
    assert_eq!(form.one("h1").text, "Change Bay Area Seafood Grill (demo)");
    assert_eq!(
        field(&form, FORM, "name_en").as_deref(),
        Some("Bay Area Seafood Grill (demo)")
    );
    assert_eq!(field(&form, FORM, "assurance").as_deref(), Some("pork_free"));
    assert_eq!(field(&form, FORM, "alcohol_served").as_deref(), Some("yes"));
    // Demo data cannot have its source changed here.
    assert!(!form.has("[name=source_id]"));
    assert!(!form.has("[name=source]"));
    assert!(
        form.one("#source-readonly")
            .text
            .starts_with("Source: Demonstration data, id hakodate-05.")
    );

    // Send the form back as it stands, with two changes.
    let mut fields = form.form(FORM);
    set(&mut fields, "opening_hours", "Tu-Su 11:00-21:00; Mo off");
    set(&mut fields, "name_th", "ร้านย่างซีฟู้ดเบย์แอเรีย (demo)");
    // A mistake first: kept, and nothing changes.
    set(&mut fields, "website", "not a site");
    let bad = b
        .submit(&path, &pairs(&fields))
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    assert!(field_error(&bad, "website").contains("is not a web address"));
    assert_eq!(
        field(&bad, FORM, "name_th").as_deref(),
        Some("ร้านย่างซีฟู้ดเบย์แอเรีย (demo)")
    );
    assert_eq!(t.app.get::<Place>(grill.id).await.expect("kept").fields, grill.fields);

    set(&mut fields, "website", "https://example.org/demo/places/hakodate-05");
    let done = b.submit(&path, &pairs(&fields)).await.expect(StatusCode::SEE_OTHER);
    assert_eq!(done.location(), format!("{path}?saved=1"));
    let after = t.app.get::<Place>(grill.id).await.expect("changed").fields;
    assert_eq!(
        after.opening_hours.as_ref().map(OpeningHoursText::as_str),
        Some("Tu-Su 11:00-21:00; Mo off")
    );
    assert_eq!(
        after.names.get("th").map(Text::as_str),
        Some("ร้านย่างซีฟู้ดเบย์แอเรีย (demo)")
    );
    assert_eq!(after.source, grill.fields.source, "the demo source is kept");
    assert_eq!(
        after.last_verified, grill.fields.last_verified,
        "saving is not verifying"
    );
    assert_eq!(after.halal, grill.fields.halal, "the certificate comes back as it was");
    let page = b.page(done.location()).await;
    assert_eq!(page.one("#notice").text, "The place was saved.");

    // A form that tries to change the source anyway is not listened to.
    let mut fields = page.form(FORM);
    set(&mut fields, "source", "staff");
    set(&mut fields, "source_id", "hijacked");
    b.submit(&path, &pairs(&fields)).await.expect(StatusCode::SEE_OTHER);
    assert_eq!(
        t.app.get::<Place>(grill.id).await.expect("kept").fields.source,
        grill.fields.source
    );

    // Unknown places are not found.
    b.get("/console/places/999999/edit").await.expect(StatusCode::NOT_FOUND);
    b.get("/console/places/abc/edit").await.expect(StatusCode::NOT_FOUND);
}
