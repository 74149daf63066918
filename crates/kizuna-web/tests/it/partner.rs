//! A partner organisation sees its own records only, without personal data,
//! and never the staff console (a styled refusal on every console page);
//! it keeps its contact details up to date and sends nomination files,
//! which staff review and only it and staff can open; signing in is
//! guarded by a rate limit and the form token. On SQLite and PostgreSQL.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::collections::BTreeSet;

use axum::http::StatusCode;
use kizuna_domain::common::account::Role;
use kizuna_domain::common::organisation::Organisation;
use kizuna_domain::common::person::Person;
use kizuna_domain::training::edition::Edition;
use kizuna_domain::training::participation::{Participation, ParticipationRole};
use kizuna_domain::training::session::Session;
use kizuna_i18n::{CATALOGUES, Lang, message_ids};
use kizuna_store::{Action, AuditFilter, Backend, Page as Paging};
use kizuna_testkit::english::english_left;
use kizuna_testkit::{Answer, Browser, PARTNER, PARTNER_ORGANISATION, PASSWORD, STAFF, TestApp};

kizuna_testkit::on_both!(
    partners_see_their_own_organisation_only,
    failed_sign_ins_are_rate_limited,
    forms_without_the_csrf_token_are_refused,
    the_partner_page_shows_the_editions_it_takes_part_in,
    partners_keep_their_contact_details,
    nomination_files_are_sent_reviewed_and_kept_to_their_organisation,
    every_console_page_refuses_a_partner_with_a_styled_page,
    partner_pages_read_in_four_languages,
);

/// Whether an answer sets the cookie `name` (to a value).
fn sets_cookie(answer: &Answer, name: &str) -> bool {
    answer.set_cookies().iter().any(|c| {
        c.strip_prefix(name)
            .and_then(|r| r.strip_prefix('='))
            .is_some_and(|v| !v.starts_with(';') && !v.is_empty())
    })
}

async fn partners_see_their_own_organisation_only(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.browser();

    // A wrong password is refused.
    let refused = b.try_sign_in(PARTNER, "wrong password here").await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert!(!sets_cookie(&refused, "kizuna_session") && !b.signed_in());

    // Partners land on their page, even when asked for the console.
    b.get("/sign-in").await.expect(StatusCode::OK);
    let done = b
        .submit(
            "/sign-in",
            &[("email", PARTNER), ("password", PASSWORD), ("next", "/console")],
        )
        .await
        .expect(StatusCode::SEE_OTHER);
    assert_eq!(done.location(), "/partner");
    assert!(sets_cookie(&done, "kizuna_session") && sets_cookie(&done, "kizuna_csrf"));
    let page = b.page("/partner").await;
    let text = page.text();
    assert!(
        page.one("h1").text.contains("Regional Development Agency of Thailand"),
        "its own organisation"
    );
    // Its people, each in a row of its own, and nobody else.
    let org = t
        .app
        .by_key::<Organisation>(PARTNER_ORGANISATION)
        .await
        .expect("the partner's organisation");
    let only_ours = [("organisation_id".to_owned(), org.id.to_string())]
        .into_iter()
        .collect();
    let ours: BTreeSet<String> = t
        .app
        .list::<Person>(
            &only_ours,
            Paging {
                limit: 10_000,
                offset: 0,
            },
        )
        .await
        .expect("its people")
        .0
        .iter()
        .map(|p| format!("person-{}", p.id))
        .collect();
    let listed: BTreeSet<String> = page
        .select("table > tbody > tr")
        .iter()
        .filter_map(|tr| tr.attr("id").map(str::to_owned))
        .collect();
    assert!(!ours.is_empty());
    assert_eq!(listed, ours, "its own people, no one else's");
    // Name, nationality and roles: no column of personal data.
    assert_eq!(
        page.texts("table > thead th"),
        ["Name", "Nationality", "Roles over the years"]
    );
    assert!(text.contains("Thailand"));
    assert!(
        !text.contains("Viet Nam") && !text.contains("Vietnam"),
        "no other organisation's people"
    );
    assert!(!text.contains("19") || !text.contains("birth"), "no birth dates");
    // Not the staff console, and not the API.
    for uri in ["/console", "/console/trainees", "/console/statistics"] {
        assert_eq!(b.get(uri).await.status, StatusCode::FORBIDDEN, "{uri}");
    }
    assert_eq!(b.get("/api/v1/people").await.status, StatusCode::FORBIDDEN);
    // Anonymous visitors are sent to sign in.
    let anonymous = t.browser().get("/partner").await;
    assert!(
        anonymous.status.is_redirection() && anonymous.location().starts_with("/sign-in"),
        "{} {}",
        anonymous.status,
        anonymous.location()
    );
}

async fn failed_sign_ins_are_rate_limited(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let mut b = t.browser();
    for _ in 0..5 {
        let refused = b.try_sign_in(STAFF, "not the password").await;
        assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    }
    // Even the right password waits now.
    let waits = b.try_sign_in(STAFF, PASSWORD).await;
    assert_eq!(waits.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(!sets_cookie(&waits, "kizuna_session") && !b.signed_in());
}

async fn forms_without_the_csrf_token_are_refused(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let mut b = t.browser();
    b.set_cookie("kizuna_csrf", Some(&"a".repeat(64)));
    let forged = b
        .post_form(
            "/sign-in",
            &[("csrf", "forged"), ("email", STAFF), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert!(!b.signed_in());
    // Session cookies are HttpOnly and SameSite.
    let mut b = t.browser();
    let form = b.get("/sign-in").await.expect(StatusCode::OK);
    let set = form.set_cookies();
    assert!(!set.is_empty(), "the form sets its token cookie");
    assert!(
        set.iter().all(|c| c.contains("SameSite=Lax") && c.contains("HttpOnly")),
        "{set:?}"
    );
    let done = b
        .submit("/sign-in", &[("email", STAFF), ("password", PASSWORD)])
        .await
        .expect(StatusCode::SEE_OTHER);
    assert!(b.signed_in());
    let session: Vec<&str> = done
        .set_cookies()
        .into_iter()
        .filter(|c| c.starts_with("kizuna_session="))
        .collect();
    assert!(
        session.len() == 1 && session[0].contains("SameSite=Lax") && session[0].contains("HttpOnly"),
        "{session:?}"
    );
}

const ALL: Paging = Paging {
    limit: 10_000,
    offset: 0,
};

/// The edition keys listed under `#id` (each item names its key).
fn listed_keys(page: &kizuna_testkit::Page, id: &str) -> BTreeSet<String> {
    page.select(&format!("#{id} li span.muted"))
        .into_iter()
        .map(|s| s.text)
        .collect()
}

/// A partner account of the organisation `key`, signed in.
async fn partner_of(t: &TestApp, email: &str, key: &str) -> Browser {
    t.app
        .add_user(email, Role::Partner, Some(key), Some(PASSWORD))
        .await
        .expect("a partner account");
    let mut b = t.browser();
    b.sign_in(email, PASSWORD).await;
    b
}

async fn the_partner_page_shows_the_editions_it_takes_part_in(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let org = t.app.by_key::<Organisation>(PARTNER_ORGANISATION).await.unwrap();
    let filter = |k: &str, v: i64| [(k.to_owned(), v.to_string())].into_iter().collect();

    // The editions its people train in, from the records.
    let people = t
        .app
        .list::<Person>(&filter("organisation_id", org.id), ALL)
        .await
        .unwrap()
        .0;
    let mut sending = BTreeSet::new();
    for p in &people {
        for pa in t
            .app
            .list::<Participation>(&filter("person_id", p.id), ALL)
            .await
            .unwrap()
            .0
        {
            if pa.fields.role == ParticipationRole::Trainee && pa.fields.status.is_counted() {
                sending.insert(
                    t.app
                        .get::<Edition>(pa.fields.edition_id)
                        .await
                        .unwrap()
                        .fields
                        .key
                        .to_string(),
                );
            }
        }
    }
    assert!(!sending.is_empty(), "the demo's Thai agency sends trainees");
    let mut partner = t.partner().await;
    let page = partner.page("/partner").await;
    assert_eq!(listed_keys(&page, "partner-sending"), sending);
    assert!(page.text().contains("of your trainees"));
    assert!(!page.has("#partner-hosted"), "it hosts no sessions");
    assert!(page.has("a[href='/partner/nominations']") && page.has("a[href='/partner/contact']"));

    // An organisation that hosts sessions sees those editions.
    let sessions = t.app.list::<Session>(&Default::default(), ALL).await.unwrap().0;
    let host = sessions.iter().find_map(|s| s.fields.host_organisation_id).unwrap();
    let host_org = t.app.get::<Organisation>(host).await.unwrap();
    let mut hosted = BTreeSet::new();
    for s in sessions.iter().filter(|s| s.fields.host_organisation_id == Some(host)) {
        hosted.insert(
            t.app
                .get::<Edition>(s.fields.edition_id)
                .await
                .unwrap()
                .fields
                .key
                .to_string(),
        );
    }
    let mut host_partner = partner_of(&t, "host@example.org", host_org.fields.key.as_str()).await;
    let page = host_partner.page("/partner").await;
    assert_eq!(listed_keys(&page, "partner-hosted"), hosted);
    assert!(page.text().contains("hosted"));
}

async fn partners_keep_their_contact_details(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let org = t.app.by_key::<Organisation>(PARTNER_ORGANISATION).await.unwrap();
    let mut partner = t.partner().await;
    let form = partner.page("/partner/contact").await;
    assert_eq!(
        form.one("input[name=version]").attr("value"),
        Some(org.version.to_string().as_str())
    );
    for name in ["contact_person", "phone", "email", "website"] {
        assert!(form.has(&format!("input[name={name}]")), "{name}");
    }
    assert!(form.has("textarea[name=address]"));
    let version = org.version.to_string();

    // Wrong values: told beside each field, the values kept, nothing saved.
    let bad = partner
        .submit(
            "/partner/contact",
            &[
                ("version", &version),
                ("contact_person", "Ms Suda Chaiyaporn"),
                ("address", "1 Rama VI Road\r\nBangkok 10400"),
                ("phone", "call me"),
                ("email", "suda at example"),
                ("website", "javascript:alert(1)"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = bad.page();
    assert!(page.one("#e-phone").text.contains("not a telephone number"));
    assert!(page.one("#e-email").text.contains("not an e-mail address"));
    assert!(page.one("#e-website").text.contains("not a web address"));
    assert!(!page.has("#e-address") && !page.has("#e-contact_person"));
    assert_eq!(page.one("input[name=email]").attr("value"), Some("suda at example"));
    assert_eq!(page.one("input[name=phone]").attr("aria-invalid"), Some("true"));
    let unchanged = t.app.get::<Organisation>(org.id).await.unwrap();
    assert_eq!(unchanged.version, org.version);

    // Right values: saved, shown on the partner's page and to staff.
    let done = partner
        .submit(
            "/partner/contact",
            &[
                ("version", &version),
                ("contact_person", "Ms Suda Chaiyaporn, International Relations"),
                ("address", "1 Rama VI Road\r\nBangkok 10400"),
                ("phone", "+66 2 123 4567"),
                ("email", "international@rda.example.org"),
                ("website", "https://rda.example.org/en/"),
            ],
        )
        .await
        .expect(StatusCode::SEE_OTHER);
    assert_eq!(done.location(), "/partner/contact?saved=1");
    assert!(partner.page("/partner/contact?saved=1").await.has("#contact-saved"));
    let saved = t.app.get::<Organisation>(org.id).await.unwrap();
    assert_eq!(saved.version, org.version + 1);
    assert_eq!(
        saved.fields.address.as_ref().unwrap().as_str(),
        "1 Rama VI Road\nBangkok 10400"
    );
    assert_eq!(
        saved.fields.email.as_ref().unwrap().as_str(),
        "international@rda.example.org"
    );
    assert_eq!(saved.fields.name, org.fields.name, "nothing else changed");
    let home = partner.page("/partner").await;
    let contact = home.one("#partner-contact").text;
    assert!(
        contact.contains("+66 2 123 4567") && contact.contains("Ms Suda Chaiyaporn"),
        "{contact}"
    );
    assert!(home.has("a[href='mailto:international@rda.example.org']"));
    let mut api = t.api().await;
    let record = api
        .get(&format!("/api/v1/organisations/{}", org.id))
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!(record["phone"], "+66 2 123 4567");
    assert_eq!(record["website"], "https://rda.example.org/en/");

    // Logged as the partner's change.
    let (entries, _) = t
        .app
        .audit_log(
            &AuditFilter {
                entity: Some("organisation".into()),
                record_id: Some(org.id),
                action: Some(Action::Update),
                ..AuditFilter::default()
            },
            ALL,
        )
        .await
        .unwrap();
    let accounts = t.app.store.account_rows(chrono::Utc::now()).await.unwrap();
    let partner_id = accounts.iter().find(|a| a.user.email == PARTNER).unwrap().user.id;
    assert!(
        entries.iter().any(|e| e.actor_user_id == Some(partner_id)),
        "{entries:?}"
    );

    // A form opened before that change is stale: refused, the form shows what is recorded now.
    let stale = partner
        .submit(
            "/partner/contact",
            &[("version", &version), ("phone", "+66 2 999 9999")],
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    let page = stale.page();
    assert!(
        page.one("#contact-alert")
            .text
            .contains("Someone changed these details")
    );
    assert_eq!(page.one("input[name=phone]").attr("value"), Some("+66 2 123 4567"));
    assert_eq!(
        page.one("input[name=version]").attr("value"),
        Some(saved.version.to_string().as_str())
    );
    assert_eq!(t.app.get::<Organisation>(org.id).await.unwrap().version, saved.version);

    // Without the form's token: a page saying so, nothing saved.
    let forged = partner
        .post_form(
            "/partner/contact",
            &[("csrf", "forged"), ("version", "9"), ("phone", "1")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert_eq!(forged.page().one("h1").text, "The form expired");
    // Staff do not use the partner's form.
    let mut staff = t.staff().await;
    assert_eq!(staff.get("/partner/contact").await.status, StatusCode::FORBIDDEN);
}

/// A small PDF.
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

async fn nomination_files_are_sent_reviewed_and_kept_to_their_organisation(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let edition = t.app.by_key::<Edition>("gmrdp/fy2007").await.unwrap();
    let mut partner = t.partner().await;
    let form = partner.page("/partner/nominations").await;
    assert!(form.has("form[enctype='multipart/form-data'] input[type=file][name=file]"));
    assert!(form.text().contains("Up to 20 MB"));

    // What is not a nomination file is refused beside the file field.
    for (name, bytes, why) in [
        ("setup.exe", &b"MZ\x90\x00"[..], "Send a PDF"),
        ("Part B.pdf", b"not really a pdf", "Send a PDF"),
        ("list.csv", b"", "Fill this in"),
    ] {
        let a = partner
            .submit_multipart("/partner/nominations", &[("note", "kept")], Some((name, bytes)))
            .await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{name}");
        let page = a.page();
        assert!(
            page.one("#e-file").text.contains(why),
            "{name}: {}",
            page.one("#e-file").text
        );
        assert_eq!(page.one("textarea[name=note]").text, "kept");
    }
    let big = vec![b'a'; kizuna_io::limits::MAX_FILE_BYTES + 10];
    let a = partner
        .submit_multipart("/partner/nominations", &[], Some(("huge.csv", &big)))
        .await;
    assert_eq!(a.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(a.page().text().contains("20 MB"));
    assert!(
        t.app.nominations(Default::default()).await.unwrap().is_empty(),
        "nothing kept"
    );

    // A PDF for an edition, with a note.
    let edition_id = edition.id.to_string();
    let sent = partner
        .submit_multipart(
            "/partner/nominations",
            &[("edition_id", &edition_id), ("note", "Two nominees; Part B follows.")],
            Some(("申請書 Part A.pdf", PDF)),
        )
        .await
        .expect(StatusCode::SEE_OTHER);
    assert_eq!(sent.location(), "/partner/nominations?sent=1");
    let list = t.app.nominations(Default::default()).await.unwrap();
    assert_eq!(list.len(), 1);
    let n = list[0].clone();
    assert_eq!(
        (n.file_name.as_str(), n.edition_id),
        ("申請書 Part A.pdf", Some(edition.id))
    );
    let page = partner.page("/partner/nominations?sent=1").await;
    assert!(page.has("#nomination-sent"));
    let row = page.one(&format!("#nomination-{}", n.id)).text;
    assert!(row.contains("Sent, not yet reviewed"), "{row}");
    let own = partner
        .get(&format!("/partner/nominations/{}", n.id))
        .await
        .expect(StatusCode::OK);
    assert_eq!(&own.body[..], PDF);
    assert_eq!(own.header("content-type"), "application/pdf");
    assert!(own.header("content-disposition").contains("filename*=UTF-8''%E7%94%B3"));

    // Another organisation's partner cannot have it, nor see it.
    let mut other = partner_of(&t, "partner-b@example.org", "demo/rda-my").await;
    assert_eq!(
        other.get(&format!("/partner/nominations/{}", n.id)).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(
        !other
            .page("/partner/nominations")
            .await
            .has(&format!("#nomination-{}", n.id))
    );
    assert!(!other.page("/partner").await.html().contains("Part A.pdf"));
    // Nor may partners use the staff's review.
    let refused = partner.get("/console/nominations").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.page().one("h1").text, "Not allowed");
    assert_eq!(
        partner.get(&format!("/console/nominations/{}/file", n.id)).await.status,
        StatusCode::FORBIDDEN
    );

    // Staff list it, open it, and review it.
    let mut staff = t.staff().await;
    let review = staff.page("/console/nominations").await;
    let row = review.one(&format!("#nomination-{}", n.id)).text;
    assert!(row.contains("Regional Development Agency of Thailand"), "{row}");
    assert!(row.contains("gmrdp/fy2007") && row.contains("Two nominees"), "{row}");
    let file = staff
        .get(&format!("/console/nominations/{}/file", n.id))
        .await
        .expect(StatusCode::OK);
    assert_eq!(&file.body[..], PDF);
    let v = n.version.to_string();
    let id = n.id;
    // A decline says why.
    let why = staff
        .submit(
            &format!("/console/nominations/{id}"),
            &[("version", &v), ("status", "declined")],
        )
        .await;
    assert_eq!(why.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(why.page().one(&format!("#e-{id}")).text.contains("Say why"));
    let bad = staff
        .submit(
            &format!("/console/nominations/{id}"),
            &[("version", &v), ("status", "lost")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let done = staff
        .submit(
            &format!("/console/nominations/{id}"),
            &[
                ("version", &v),
                ("status", "accepted"),
                ("review_note", "Welcome; forms complete."),
            ],
        )
        .await
        .expect(StatusCode::SEE_OTHER);
    assert!(done.location().starts_with("/console/nominations?saved="));
    // A review made from the old version is not written over it.
    let stale = staff
        .submit(
            &format!("/console/nominations/{id}"),
            &[("version", &v), ("status", "declined"), ("review_note", "No.")],
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert!(
        stale
            .page()
            .one("#review-alert")
            .text
            .contains("Someone reviewed this file")
    );
    let now = t.app.nomination(id, None).await.unwrap();
    assert_eq!(now.status.as_str(), "accepted");
    assert_eq!(now.review_note.as_ref().unwrap().as_str(), "Welcome; forms complete.");
    let accepted = staff.page("/console/nominations?status=accepted").await;
    assert!(accepted.has(&format!("#nomination-{id}")));
    let submitted = staff.page("/console/nominations?status=submitted").await;
    assert!(!submitted.has(&format!("#nomination-{id}")));

    // The partner sees the decision and the note.
    let home = partner.page("/partner").await;
    let row = home.one(&format!("#nomination-{id}")).text;
    assert!(
        row.contains("Accepted") && row.contains("Welcome; forms complete."),
        "{row}"
    );

    // Sent, opened and reviewed: in the audit log, with who did it.
    let (entries, _) = t
        .app
        .audit_log(
            &AuditFilter {
                entity: Some("nomination".into()),
                record_id: Some(id),
                ..AuditFilter::default()
            },
            ALL,
        )
        .await
        .unwrap();
    let mut seen: Vec<(String, String)> = entries
        .iter()
        .map(|e| (e.action.clone(), e.detail.clone().unwrap_or_default()))
        .collect();
    seen.sort();
    assert_eq!(
        seen,
        [
            ("create".to_owned(), "nomination pdf".to_owned()),
            ("export".to_owned(), "nomination file".to_owned()),
            ("export".to_owned(), "nomination file".to_owned()),
            ("update".to_owned(), "nomination accepted".to_owned()),
        ]
    );
    assert!(entries.iter().all(|e| e.actor_user_id.is_some()));
    assert!(
        entries
            .iter()
            .all(|e| !e.detail.clone().unwrap_or_default().contains("Part A")),
        "no file name in the log"
    );
}

async fn every_console_page_refuses_a_partner_with_a_styled_page(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut partner = t.partner().await;
    let mut checked = 0;
    for path in kizuna_web::page_paths() {
        if !(path.starts_with("/console") || path.starts_with("/admin")) {
            continue;
        }
        let uri: String = path
            .split('/')
            .map(|p| if p.starts_with('{') { "1" } else { p })
            .collect::<Vec<_>>()
            .join("/");
        let a = partner.get(&uri).await;
        if a.status == StatusCode::METHOD_NOT_ALLOWED {
            continue; // a form's POST-only address
        }
        assert_eq!(a.status, StatusCode::FORBIDDEN, "{uri}");
        let page = a.page();
        assert!(
            page.has("header.site nav") && !page.one("h1").text.is_empty() && page.has("main p"),
            "{uri}: a styled page, not a blank one: {}",
            a.text()
        );
        assert_eq!(page.lang(), "en");
        checked += 1;
    }
    assert!(checked > 20, "{checked} console pages");
    // In the reader's language too.
    let ja = partner.get("/console/trainees?lang=ja").await;
    assert_eq!(ja.status, StatusCode::FORBIDDEN);
    assert_eq!(ja.page().lang(), "ja");
}

async fn partner_pages_read_in_four_languages(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let ids: Vec<String> = CATALOGUES
        .iter()
        .filter(|(l, f, _)| *l == "en" && *f == "partner")
        .flat_map(|(_, _, text)| message_ids(text))
        .collect();
    assert!(ids.len() > 50);
    let mut partner = t.partner().await;
    partner
        .submit_multipart("/partner/nominations", &[], Some(("a.pdf", PDF)))
        .await
        .expect(StatusCode::SEE_OTHER);
    let mut staff = t.staff().await;
    for lang in [Lang::Ja, Lang::Th, Lang::Ms] {
        let code = lang.code();
        for (as_staff, uri) in [
            (false, "/partner"),
            (false, "/partner/contact"),
            (false, "/partner/nominations"),
            (true, "/console/nominations"),
        ] {
            let b = if as_staff { &mut staff } else { &mut partner };
            let page = b.page(&format!("{uri}?lang={code}")).await;
            assert_eq!(page.lang(), code);
            let left = english_left(lang, &ids, &page.readable());
            assert!(left.is_empty(), "{uri} in {code}: English left: {left:?}");
        }
    }
}
