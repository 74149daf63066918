//! Outcomes' evidence files and causal links' notes, through the router,
//! over the demo data on SQLite and PostgreSQL: a PDF added on the
//! outcome's page comes back byte for byte under the hash kept with it;
//! an executable or a web page named `.pdf` is refused naming the file,
//! as is a file over 10 MB, and nothing is written; a partner adds and
//! reads files of its own programmes' outcomes only (another's is not
//! found); deleting an evidence file, or its outcome, removes it; a link's
//! note in two languages is kept and shown beside the link.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::collections::BTreeMap;

use axum::http::{StatusCode, header};
use kizuna_domain::common::organisation::Organisation;
use kizuna_domain::common::programme::Programme;
use kizuna_domain::partnerships::outcome::{Outcome, OutcomeLink};
use kizuna_domain::partnerships::partnership::{OrganisationRole, ProgrammeOrganisation, ProgrammeOrganisationInput};
use kizuna_store::{Backend, Page as Paging};
use kizuna_testkit::{Browser, PARTNER_ORGANISATION, TestApp};
use sha2::{Digest, Sha256};

kizuna_testkit::on_both!(
    a_pdf_comes_back_byte_for_byte_with_its_hash,
    disguised_and_oversized_files_are_refused_naming_them,
    a_partner_reads_only_its_own_programmes_files,
    deleting_a_file_or_its_outcome_removes_it,
    a_link_note_is_kept_and_shown,
);

fn one(name: &str, value: impl ToString) -> BTreeMap<String, String> {
    [(name.to_owned(), value.to_string())].into_iter().collect()
}

fn hex_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// A small PDF with every byte value in its stream, so that a file changed
/// anywhere on the way (text decoding, base64, a lost high byte) differs.
fn pdf() -> Vec<u8> {
    let mut b = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Length 256 >>\nstream\n".to_vec();
    b.extend(0u8..=255);
    b.extend(b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
    b
}

/// The first outcome of a demo programme.
async fn outcome_of(t: &TestApp, programme_key: &str) -> Outcome {
    let p = t.app.by_key::<Programme>(programme_key).await.unwrap();
    t.app
        .list::<Outcome>(&one("programme_id", p.id), Paging::ALL)
        .await
        .unwrap()
        .0
        .remove(0)
}

async fn files(t: &TestApp, outcome: i64) -> usize {
    t.app.store.evidence_of(outcome).await.unwrap().len()
}

async fn a_pdf_comes_back_byte_for_byte_with_its_hash(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let o = outcome_of(&t, "food-valley-tokachi-thailand").await;
    let mut b = t.staff().await;
    let edit = format!("/console/outcomes/{}/edit", o.id);
    let page = b.page(&edit).await;
    assert!(page.has("#evidence form[enctype='multipart/form-data']"));
    assert_eq!(page.count("#evidence-list li"), 0);

    let bytes = pdf();
    let name = "Halal certificate 証明書.pdf";
    let got = b
        .submit_multipart(
            &format!("/console/outcomes/{}/evidence", o.id),
            &[],
            Some((name, &bytes)),
        )
        .await
        .expect(StatusCode::SEE_OTHER);
    assert!(got.location().starts_with(&edit), "{}", got.location());

    let kept = t.app.store.evidence_of(o.id).await.unwrap();
    assert_eq!(kept.len(), 1);
    let e = &kept[0];
    assert_eq!(e.file_name, name);
    assert_eq!(e.media_type, "application/pdf");
    assert_eq!(e.size_bytes, bytes.len() as i64);
    assert_eq!(e.sha256, hex_sha256(&bytes), "the hash kept is the bytes' SHA-256");

    let page = b.page(got.location()).await;
    let row = page.one(&format!("#ev-{}", e.id));
    assert!(row.text.contains(name), "{}", row.text);
    assert_eq!(page.one(&format!("#ev-{} .sha256", e.id)).text, hex_sha256(&bytes));
    assert!(page.has(&format!("a[href='/console/evidence/{}']", e.id)));

    let file = b
        .get(&format!("/console/evidence/{}", e.id))
        .await
        .expect(StatusCode::OK);
    assert_eq!(file.body.as_ref(), bytes.as_slice(), "byte for byte");
    assert_eq!(hex_sha256(&file.body), e.sha256);
    assert_eq!(file.header(header::CONTENT_TYPE), "application/pdf");
    assert!(file.header(header::CONTENT_DISPOSITION).starts_with("attachment;"));
    assert!(
        file.header(header::CONTENT_DISPOSITION)
            .contains("%E8%A8%BC%E6%98%8E%E6%9B%B8.pdf"),
        "the Japanese name in UTF-8: {}",
        file.header(header::CONTENT_DISPOSITION)
    );
    assert_eq!(file.header("x-content-type-options"), "nosniff");

    // Without the form's token: refused, nothing written.
    b.post_multipart(
        &format!("/console/outcomes/{}/evidence", o.id),
        &[],
        Some(("b.pdf", &bytes)),
    )
    .await
    .expect(StatusCode::FORBIDDEN);
    assert_eq!(files(&t, o.id).await, 1);
}

async fn disguised_and_oversized_files_are_refused_naming_them(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let o = outcome_of(&t, "food-valley-tokachi-thailand").await;
    let mut b = t.staff().await;
    b.page(&format!("/console/outcomes/{}/edit", o.id)).await;
    let upload = format!("/console/outcomes/{}/evidence", o.id);

    let exe: &[u8] = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xFF\xFFThis program cannot be run in DOS mode.";
    let html: &[u8] = b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>";
    for (name, bytes) in [("report.pdf", exe), ("minutes.pdf", html), ("photo.png", html)] {
        let got = b
            .submit_multipart(&upload, &[], Some((name, bytes)))
            .await
            .expect(StatusCode::UNPROCESSABLE_ENTITY);
        let page = got.page();
        let said = page.one("#e-evidence-file").text;
        assert!(said.contains(name), "{name}: {said}");
        assert!(said.contains("PDF"), "says what is taken: {said}");
        assert_eq!(page.one("#f-evidence-file").attr("aria-invalid"), Some("true"));
    }
    // A real PNG named as a PDF: its name is what is wrong.
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR";
    let got = b
        .submit_multipart(&upload, &[], Some(("scan.pdf", png)))
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(got.page().one("#e-evidence-file").text.contains("scan.pdf"));

    // 11 MB: past the form's limit before it is read.
    let big = {
        let mut v = pdf();
        v.resize(11 * 1024 * 1024, b' ');
        v
    };
    let got = b
        .submit_multipart(&upload, &[], Some(("big.pdf", &big)))
        .await
        .expect(StatusCode::PAYLOAD_TOO_LARGE);
    assert!(got.text().contains("10 MB"), "names the limit: {}", got.text());
    // Just over 10 MB, within the form's limit: refused naming the file.
    let over = {
        let mut v = pdf();
        v.resize(10 * 1024 * 1024 + 1, b' ');
        v
    };
    let got = b
        .submit_multipart(&upload, &[], Some(("over.pdf", &over)))
        .await
        .expect(StatusCode::PAYLOAD_TOO_LARGE);
    let said = got.page().one("#e-evidence-file").text;
    assert!(said.contains("over.pdf") && said.contains("10 MB"), "{said}");

    assert_eq!(files(&t, o.id).await, 0, "nothing written");

    // The same refusal in Japanese, naming the file.
    let mut ja = t.staff().await.with_accept_language("ja");
    ja.set_cookie("kizuna_lang", Some("ja"));
    ja.page(&format!("/console/outcomes/{}/edit", o.id)).await;
    let got = ja
        .submit_multipart(&upload, &[], Some(("報告書.pdf", exe)))
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    let said = got.page().one("#e-evidence-file").text;
    assert!(said.contains("「報告書.pdf」"), "{said}");
}

async fn a_partner_reads_only_its_own_programmes_files(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let org = t.app.by_key::<Organisation>(PARTNER_ORGANISATION).await.unwrap();
    let mine = t.app.by_key::<Programme>("food-valley-tokachi-thailand").await.unwrap();
    t.app
        .create::<ProgrammeOrganisation>(&ProgrammeOrganisationInput {
            programme_id: mine.id,
            organisation_id: org.id,
            role: OrganisationRole::Implementing,
        })
        .await
        .unwrap();
    let own = outcome_of(&t, "food-valley-tokachi-thailand").await;
    let other = outcome_of(&t, "food-valley-tokachi-malaysia").await;
    let theirs = t.app.add_evidence(other.id, None, "minutes.pdf", pdf()).await.unwrap();

    let mut partner: Browser = t.partner().await;
    let page = partner.page(&format!("/partner/outcomes/{}", own.id)).await;
    assert!(page.has("#evidence-form"));
    // Another programme's file and outcome: not found, as if they did not exist.
    partner
        .get(&format!("/partner/evidence/{}", theirs.id))
        .await
        .expect(StatusCode::NOT_FOUND);
    partner
        .submit_multipart(
            &format!("/partner/outcomes/{}/evidence", other.id),
            &[],
            Some(("ours.pdf", &pdf())),
        )
        .await
        .expect(StatusCode::NOT_FOUND);
    assert_eq!(files(&t, other.id).await, 1, "nothing added to another's outcome");

    // Its own programme's outcome: added, listed, read back.
    let bytes = pdf();
    let got = partner
        .submit_multipart(
            &format!("/partner/outcomes/{}/evidence", own.id),
            &[],
            Some(("ใบรับรอง.pdf", &bytes)),
        )
        .await
        .expect(StatusCode::SEE_OTHER);
    let page = partner.page(got.location()).await;
    let kept = t.app.store.evidence_of(own.id).await.unwrap();
    assert_eq!(kept.len(), 1);
    let link = format!("a[href='/partner/evidence/{}']", kept[0].id);
    assert!(page.has(&link), "listed with its link");
    assert!(!page.has("#evidence-list form"), "a partner does not delete");
    let file = partner
        .get(&format!("/partner/evidence/{}", kept[0].id))
        .await
        .expect(StatusCode::OK);
    assert_eq!(file.body.as_ref(), bytes.as_slice());
    // A partner may not delete, nor use the staff's download.
    partner
        .get(&format!("/console/evidence/{}", kept[0].id))
        .await
        .expect(StatusCode::FORBIDDEN);
}

async fn deleting_a_file_or_its_outcome_removes_it(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let o = outcome_of(&t, "food-valley-tokachi-thailand").await;
    let a = t.app.add_evidence(o.id, None, "a.pdf", pdf()).await.unwrap();
    let c = t
        .app
        .add_evidence(
            o.id,
            None,
            "counts.csv",
            "year,visitors\n2018,120\n".as_bytes().to_vec(),
        )
        .await
        .unwrap();
    assert_eq!(c.media_type, "text/csv; charset=utf-8");
    let mut b = t.staff().await;
    let page = b.page(&format!("/console/outcomes/{}/edit", o.id)).await;
    assert_eq!(page.count("#evidence-list li"), 2);

    // One file deleted with its button.
    let got = b
        .submit(&format!("/console/evidence/{}/delete", a.id), &[])
        .await
        .expect(StatusCode::SEE_OTHER);
    let page = b.page(got.location()).await;
    assert_eq!(page.count("#evidence-list li"), 1);
    assert!(!page.has(&format!("#ev-{}", a.id)));
    b.get(&format!("/console/evidence/{}", a.id))
        .await
        .expect(StatusCode::NOT_FOUND);

    // The outcome deleted: its files go with it.
    let fresh = t.app.get::<Outcome>(o.id).await.unwrap();
    for l in t
        .app
        .list::<OutcomeLink>(&one("to_outcome_id", o.id), Paging::ALL)
        .await
        .unwrap()
        .0
        .into_iter()
        .chain(
            t.app
                .list::<OutcomeLink>(&one("from_outcome_id", o.id), Paging::ALL)
                .await
                .unwrap()
                .0,
        )
    {
        t.app.delete::<OutcomeLink>(l.id).await.unwrap();
    }
    b.page(&format!("/console/outcomes/{}/delete", o.id)).await;
    b.submit(
        &format!("/console/outcomes/{}/delete", o.id),
        &[("version", &fresh.version.to_string())],
    )
    .await
    .expect(StatusCode::SEE_OTHER);
    assert!(t.app.get::<Outcome>(o.id).await.is_err(), "the outcome is deleted");
    assert_eq!(files(&t, o.id).await, 0);
    b.get(&format!("/console/evidence/{}", c.id))
        .await
        .expect(StatusCode::NOT_FOUND);
}

async fn a_link_note_is_kept_and_shown(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let p = t.app.by_key::<Programme>("food-valley-tokachi-thailand").await.unwrap();
    let outcomes = t
        .app
        .list::<Outcome>(&one("programme_id", p.id), Paging::ALL)
        .await
        .unwrap()
        .0;
    // An outcome the programme itself is not yet linked to.
    let linked: Vec<i64> = t
        .app
        .list::<OutcomeLink>(&one("from_programme_id", p.id), Paging::ALL)
        .await
        .unwrap()
        .0
        .iter()
        .map(|l| l.fields.to_outcome_id)
        .collect();
    let to = outcomes.iter().find(|o| !linked.contains(&o.id)).unwrap();
    let mut b = t.staff().await;
    let uri = format!("/console/partnerships/{}", p.id);
    let page = b.page(&uri).await;
    assert!(page.has("#link-form #f-note_en"), "the note's fields are on the form");
    b.submit(
        &format!("{uri}/links"),
        &[
            ("from", &format!("p:{}", p.id)),
            ("to", &to.id.to_string()),
            ("note_en", "The seminar's recipes were used"),
            ("note_ja", "セミナーのレシピが使われた"),
        ],
    )
    .await
    .expect(StatusCode::SEE_OTHER);
    let link = t
        .app
        .list::<OutcomeLink>(&one("to_outcome_id", to.id), Paging::ALL)
        .await
        .unwrap()
        .0
        .into_iter()
        .find(|l| l.fields.from_programme_id == Some(p.id))
        .unwrap();
    let note = link.fields.note.as_ref().unwrap();
    assert_eq!(note.best("en"), "The seminar's recipes were used");
    assert_eq!(note.best("ja"), "セミナーのレシピが使われた");

    let page = b.page(&uri).await;
    assert!(
        page.one(&format!("#l-{}", link.id))
            .text
            .contains("The seminar's recipes were used")
    );
    let mut ja = t.staff().await;
    ja.set_cookie("kizuna_lang", Some("ja"));
    let page = ja.page(&uri).await;
    assert!(
        page.one(&format!("#l-{}", link.id))
            .text
            .contains("セミナーのレシピが使われた"),
        "{}",
        page.one(&format!("#l-{}", link.id)).text
    );

    // Only links with a note show one.
    let shown = t
        .app
        .list::<OutcomeLink>(&BTreeMap::new(), Paging::ALL)
        .await
        .unwrap()
        .0
        .iter()
        .filter(|l| l.fields.note.is_some() && outcomes.iter().any(|o| o.id == l.fields.to_outcome_id))
        .count();
    let page = b.page(&uri).await;
    assert_eq!(page.count("#link-list .link-note"), shown);
    assert!(
        page.count("#link-list li") > shown,
        "the demo's links without a note show none"
    );
}
