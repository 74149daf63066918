//! Verifying and deleting a place, and the review lists.

use axum::http::StatusCode;
use chrono::Days;
use kizuna_domain::map::place::Place;
use kizuna_store::Backend;
use kizuna_testkit::{TestApp, today};

use super::{cert_place, field, place_by_source_id, row_ids, stale_badges};

pub(crate) async fn verifying_a_stale_place_takes_it_off_the_stale_list(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let grill = place_by_source_id(&t.app, "hakodate-05").await; // last verified 2025-01-20
    assert!(grill.fields.is_stale(today()));
    let review = b.page("/console/places/review").await;
    let row = format!("table#stale tr#stale-{}", grill.id);
    assert!(review.one(&row).text.contains("20 Jan 2025"));

    // The row's own button: back to the review, at the version shown.
    let verify = format!("{row} form[action='/console/places/{}/verify']", grill.id);
    let fields = review.form(&verify);
    assert_eq!(
        field(&review, &verify, "back").as_deref(),
        Some("/console/places/review")
    );
    assert_eq!(field(&review, &verify, "version"), Some(grill.version.to_string()));
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let done = b
        .submit(&format!("/console/places/{}/verify", grill.id), &fields)
        .await
        .expect(StatusCode::SEE_OTHER);
    assert_eq!(done.location(), format!("/console/places/review?verified={}", grill.id));
    let after = t.app.get::<Place>(grill.id).await.expect("kept").fields;
    assert_eq!(after.last_verified, Some(today()));
    assert!(!after.is_stale(today()));
    assert_eq!(after.halal, grill.fields.halal, "nothing else changes");
    assert_eq!(after.names, grill.fields.names);

    let review = b.page(done.location()).await;
    assert_eq!(review.one("#notice").text, "The place was marked as verified today.");
    assert!(!review.has(&row), "off the stale list");
    let edit = b.page(&format!("/console/places/{}/edit", grill.id)).await;
    assert!(
        edit.one("#verified-state")
            .text
            .contains("Last verified on 23 Nov 2026.")
    );
    assert_eq!(stale_badges(&edit), 0);

    // From the list, back to the list as it was.
    let other = place_by_source_id(&t.app, "hakodate-04").await; // 2026-01-05: not stale
    let done = b
        .submit(
            &format!("/console/places/{}/verify", other.id),
            &[
                ("back", "/console/places?stale=1&verified=3"),
                ("version", &other.version.to_string()),
            ],
        )
        .await;
    assert_eq!(
        done.location(),
        format!("/console/places?stale=1&verified={}", other.id)
    );
    // Never somewhere else.
    let done = b
        .submit(
            &format!("/console/places/{}/verify", other.id),
            &[
                ("back", "https://example.org/"),
                ("version", &(other.version + 1).to_string()),
            ],
        )
        .await;
    assert_eq!(
        done.location(),
        format!("/console/places/{}/edit?verified={}", other.id, other.id)
    );
    b.submit("/console/places/999999/verify", &[("version", "1")])
        .await
        .expect(StatusCode::NOT_FOUND);
}

pub(crate) async fn a_place_is_deleted_after_a_confirmation(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let p = t
        .app
        .create_place(cert_place("Short-lived Diner (demo)", today()))
        .await
        .expect("a place");
    let delete = format!("/console/places/{}/delete", p.id);
    let edit = b.page(&format!("/console/places/{}/edit", p.id)).await;
    assert!(edit.has(&format!("a[href='{delete}']")));
    let ask = b.page(&delete).await;
    assert_eq!(ask.one("h1").text, "Delete Short-lived Diner (demo)?");
    assert!(ask.text().contains("This cannot be undone"));
    assert!(t.app.get::<Place>(p.id).await.is_ok(), "asking deletes nothing");
    let confirm = ask.form(&format!("form[action='{delete}']"));
    let confirm: Vec<(&str, &str)> = confirm.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let done = b.submit(&delete, &confirm).await.expect(StatusCode::SEE_OTHER);
    assert_eq!(done.location(), "/console/places?deleted=1");
    assert!(t.app.get::<Place>(p.id).await.is_err(), "deleted");
    assert_eq!(
        b.page(done.location()).await.one("#notice").text,
        "The place was deleted."
    );
    b.submit(&delete, &[]).await.expect(StatusCode::NOT_FOUND);
}

pub(crate) async fn the_review_lists_ending_and_ended_certificates_and_stale_places(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let soon = t
        .app
        .create_place(cert_place("Ten Days Kebab (demo)", today() + Days::new(10)))
        .await
        .expect("a place");
    let page = b.page("/console/places/review").await;
    assert!(page.one("p.lead").text.starts_with("As of 23 Nov 2026"));
    let row = format!("table#expiring tr#expiring-{}", soon.id);
    let text = page.one(&row).text;
    assert!(text.contains("Ten Days Kebab (demo)"), "{text}");
    assert_eq!(page.one(&format!("{row} td.days")).text, "10 days left");
    assert!(text.contains("3 Dec 2026") && text.contains("THB-0001"), "{text}");
    assert!(page.has(&format!("{row} a[href='/console/places/{}/edit']", soon.id)));
    // The demo's four certificates ending within 30 days, soonest first; ours is the soonest.
    let review = t.app.places_for_review().await.expect("review");
    let expiring = row_ids(&page, "expiring", "expiring");
    assert_eq!(expiring.len(), review.expiring.len());
    assert_eq!(review.expiring.len(), 5);
    let daruma = place_by_source_id(&t.app, "sapporo-06").await; // until 2026-12-05
    let at = |id: i64| expiring.iter().position(|e| *e == id).expect("listed");
    assert!(at(soon.id) < at(daruma.id));
    assert_eq!(at(soon.id), 0, "the soonest first");
    assert_eq!(
        page.one(&format!("table#expiring tr#expiring-{} td.days", daruma.id))
            .text,
        "12 days left"
    );

    let maruyama = place_by_source_id(&t.app, "sapporo-14").await; // ended 2026-10-31
    let row = page.one(&format!("table#expired tr#expired-{}", maruyama.id)).text;
    assert!(
        row.contains("ended 23 days ago") && row.contains("31 Oct 2026"),
        "{row}"
    );
    assert_eq!(row_ids(&page, "expired", "expired"), [maruyama.id]);

    let stale = row_ids(&page, "stale", "stale");
    assert_eq!(stale.len(), review.stale.len());
    assert!(review.stale.len() >= 6);
    assert!(!stale.contains(&soon.id), "verified last month");
    assert_eq!(
        page.count("table#stale form[method=post][action$='/verify']"),
        review.stale.len(),
        "each can be verified from here"
    );
    assert_eq!(page.one("#expiring-title small").text, "(5 places)");
}
