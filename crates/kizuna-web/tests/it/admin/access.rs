//! Account and token management and the bulk exports of personal data are
//! for administrators: staff and partners get 403, visitors are sent to
//! sign in, and forms need their token.

use axum::http::StatusCode;
use kizuna_store::Backend;
use kizuna_testkit::{ADMIN, TestApp};

const ADMIN_PAGES: [&str; 4] = [
    "/admin/accounts",
    "/admin/tokens",
    "/admin/accounts/1/disable",
    "/admin/tokens/1/revoke",
];

pub(crate) async fn only_administrators_manage_accounts(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let target = super::account_id(&t, kizuna_testkit::PARTNER).await;
    let mut anonymous = t.browser();
    let mut staff = t.staff().await;
    let mut partner = t.partner().await;
    let mut admin = t.admin().await;
    for path in ADMIN_PAGES {
        let a = anonymous.get(path).await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{path}");
        assert!(a.location().starts_with("/sign-in?next="), "{path} → {}", a.location());
        assert_eq!(staff.get(path).await.status, StatusCode::FORBIDDEN, "staff {path}");
        assert_eq!(partner.get(path).await.status, StatusCode::FORBIDDEN, "partner {path}");
    }
    // Staff cannot act either, even with a valid form token.
    for (who, b) in [("staff", &mut staff), ("partner", &mut partner)] {
        let a = b.submit(&format!("/admin/accounts/{target}/disable"), &[]).await;
        assert_eq!(a.status, StatusCode::FORBIDDEN, "{who}");
        let a = b
            .submit("/admin/accounts", &[("email", "sneaky@example.org"), ("role", "admin")])
            .await;
        assert_eq!(a.status, StatusCode::FORBIDDEN, "{who}");
    }
    assert!(!t.app.account(target).await.expect("partner").1, "still enabled");
    assert!(
        t.app.account_by_email("sneaky@example.org").await.is_err(),
        "no account was added"
    );
    // The administrator's pages open; a form without its token writes nothing.
    let page = admin.page("/admin/accounts").await;
    assert!(
        page.texts("#accounts th[scope=row]")
            .iter()
            .any(|e| e.starts_with(ADMIN))
    );
    admin.page("/admin/tokens").await;
    let a = admin
        .post_form(
            &format!("/admin/accounts/{target}/disable"),
            &[("csrf", "not-the-token")],
        )
        .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    assert!(!t.app.account(target).await.expect("partner").1, "still enabled");
    // Every signed-in person has their own account page; visitors sign in.
    for b in [&mut staff, &mut partner, &mut admin] {
        b.page("/account").await;
    }
    assert_eq!(anonymous.get("/account").await.status, StatusCode::SEE_OTHER);
    // Only administrators see the link to the accounts.
    assert!(admin.page("/").await.has("a[href='/admin/accounts']"));
    assert!(!staff.page("/").await.has("a[href='/admin/accounts']"));
}

pub(crate) async fn bulk_exports_are_for_administrators(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut staff_api = t.api().await;
    let got = staff_api.get("/api/v1/exports/trainees?format=csv").await;
    assert_eq!(got.status, StatusCode::FORBIDDEN);
    assert_eq!(got.json()["error"]["code"], "forbidden");
    // Staff keep what they had: the people and the trainee report's people.
    staff_api.get("/api/v1/people").await.expect(StatusCode::OK);
    staff_api
        .get("/api/v1/reports/trainees/people?as_of=2008-03-31")
        .await
        .expect(StatusCode::OK);
    let mut staff = t.staff().await;
    for path in ["/console/trainees.csv", "/console/trainees.xlsx"] {
        assert_eq!(staff.get(path).await.status, StatusCode::FORBIDDEN, "{path}");
    }
    staff.page("/console/trainees").await;

    let mut admin_api = t.admin_api().await;
    let csv = admin_api
        .get("/api/v1/exports/trainees?format=csv")
        .await
        .expect(StatusCode::OK);
    assert!(csv.text().lines().count() > 680, "every participation");
    let mut admin = t.admin().await;
    admin.get("/console/trainees.csv").await.expect(StatusCode::OK);
    // The document says so: the operation lists the role admin.
    let doc = t.browser().get("/api/openapi.json").await.json();
    assert_eq!(
        doc["paths"]["/api/v1/exports/trainees"]["get"]["security"][0]["bearerAuth"],
        serde_json::json!(["admin"])
    );
}
