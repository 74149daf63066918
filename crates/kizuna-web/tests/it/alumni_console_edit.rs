//! Changing alumni records in the console, through the router, on SQLite
//! and PostgreSQL: a follow-up edited (saved; a second save from the
//! version first shown is answered 409 and changes nothing) and deleted
//! after a confirmation (a stale confirmation deletes nothing); an
//! association's member removed after a confirmation, added back through
//! the form, and refused beside the person when added twice; the new
//! words in Japanese, Thai and Malay.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::collections::BTreeMap;

use axum::http::StatusCode;
use kizuna_domain::training::alumni::{AlumniMember, FollowUp, Progress};
use kizuna_store::{Backend, Page as Paging};
use kizuna_testkit::TestApp;

kizuna_testkit::on_both!(
    staff_edit_then_delete_a_follow_up,
    staff_remove_and_add_association_members,
);

const ALL: Paging = Paging { limit: 500, offset: 0 };

fn pairs(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

fn set<'a>(fields: &mut Vec<(&'a str, &'a str)>, name: &'a str, value: &'a str) {
    match fields.iter_mut().find(|f| f.0 == name) {
        Some(f) => f.1 = value,
        None => fields.push((name, value)),
    }
}

async fn staff_edit_then_delete_a_follow_up(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let (all, _) = t.app.list::<FollowUp>(&BTreeMap::new(), ALL).await.unwrap();
    let fu = all.first().expect("the demo records follow-ups").clone();
    let mut b = t.staff().await;
    let url = format!("/console/follow-ups/{}", fu.id);
    let form = b.page(&url).await;
    let shown = form.form("form.stack");
    assert!(
        shown
            .iter()
            .any(|(k, v)| k == "version" && *v == fu.version.to_string()),
        "the form carries the version: {shown:?}"
    );

    // Saved: the action plan under way, with a note.
    let mut first = pairs(&shown);
    set(&mut first, "progress", "in_progress");
    set(&mut first, "notes_en", "Second call; the plan moves on");
    let saved = b.submit(&url, &first).await.expect(StatusCode::SEE_OTHER);
    assert_eq!(
        saved.location(),
        format!("/console/people/{}/history", fu.fields.person_id)
    );
    let now = t.app.get::<FollowUp>(fu.id).await.unwrap();
    assert_eq!(now.fields.progress, Progress::InProgress);
    assert_eq!(now.version, fu.version + 1);

    // A colleague's form, opened before that save: refused, 409, told why.
    let mut stale = pairs(&shown);
    set(&mut stale, "progress", "not_started");
    let refused = b.submit(&url, &stale).await.expect(StatusCode::CONFLICT).page();
    assert!(
        refused.text().contains("Someone else changed this record"),
        "{}",
        refused.text()
    );
    let after = t.app.get::<FollowUp>(fu.id).await.unwrap();
    assert_eq!(after, now, "nothing written");
    // The form now carries the saved version: saving again replaces it knowingly.
    let again = refused.form("form.stack");
    assert!(
        again
            .iter()
            .any(|(k, v)| k == "version" && *v == now.version.to_string())
    );

    // Deleted after a confirmation; a stale confirmation deletes nothing.
    let edit = b.page(&url).await;
    let delete = edit
        .first(&format!("a[href=\"{url}/delete\"]"))
        .attr("href")
        .unwrap()
        .to_owned();
    let confirm = b.page(&delete).await;
    assert!(confirm.text().contains("Delete this follow-up?"), "{}", confirm.text());
    let old = (fu.version).to_string();
    b.submit(&delete, &[("version", &old)])
        .await
        .expect(StatusCode::CONFLICT);
    assert!(t.app.get::<FollowUp>(fu.id).await.is_ok(), "still there");
    let fields = confirm.form("form.actions");
    let gone = b.submit(&delete, &pairs(&fields)).await.expect(StatusCode::SEE_OTHER);
    assert!(gone.location().ends_with("/history"));
    assert!(t.app.get::<FollowUp>(fu.id).await.is_err(), "deleted");
    // Not for partners.
    let mut p = t.partner().await;
    assert_ne!(p.get(&url).await.status, StatusCode::OK);
}

async fn count(t: &TestApp, association: i64) -> i64 {
    let by = [("association_id".to_owned(), association.to_string())]
        .into_iter()
        .collect();
    t.app.list::<AlumniMember>(&by, ALL).await.unwrap().1
}

async fn staff_remove_and_add_association_members(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let (members, _) = t.app.list::<AlumniMember>(&BTreeMap::new(), ALL).await.unwrap();
    let m = members.first().expect("the demo's associations have members").clone();
    let before = count(&t, m.fields.association_id).await;
    let mut b = t.staff().await;
    let page_url = format!("/console/alumni/associations/{}", m.fields.association_id);
    let page = b.page(&page_url).await;
    let remove = format!("/console/alumni/members/{}/delete", m.id);
    assert!(page.has(&format!("#members a[href=\"{remove}\"]")), "{}", page.html());

    // Removed after a confirmation.
    let confirm = b.page(&remove).await;
    let done = b
        .submit(&remove, &pairs(&confirm.form("form.actions")))
        .await
        .expect(StatusCode::SEE_OTHER);
    assert!(done.location().starts_with(&page_url));
    assert_eq!(count(&t, m.fields.association_id).await, before - 1);
    let page = b.page(done.location()).await;
    assert!(page.text().contains("The member was removed."), "{}", page.text());

    // Offered again and added back.
    let person = m.fields.person_id.to_string();
    assert!(
        page.has(&format!("#m-person option[value=\"{person}\"]")),
        "a former member is offered: {}",
        page.html()
    );
    let add = format!("{page_url}/members");
    let fields = [("person_id", person.as_str()), ("role", "member"), ("joined_on", "")];
    let added = b.submit(&add, &fields).await.expect(StatusCode::SEE_OTHER);
    assert_eq!(count(&t, m.fields.association_id).await, before);
    let page = b.page(added.location()).await;
    assert!(page.text().contains("The member was added."), "{}", page.text());
    assert!(
        !page.has(&format!("#m-person option[value=\"{person}\"]")),
        "no longer offered"
    );

    // Twice (say from a page opened before): refused beside the person.
    let refused = b
        .submit(&add, &fields)
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    assert_eq!(
        refused.texts("#e-person"),
        vec!["This person is already a member.".to_owned()]
    );
    assert_eq!(count(&t, m.fields.association_id).await, before, "nothing written");

    for (lang, word) in [("ja", "会員を追加"), ("th", "เพิ่มสมาชิก"), ("ms", "Tambah ahli")]
    {
        let mut l = t.staff().await.with_accept_language(lang);
        let p = l.page(&page_url).await;
        assert!(p.text().contains(word), "{lang}: {}", p.text());
    }
}
