//! Importing trainees: a file is checked, previewed, then confirmed.

use axum::http::StatusCode;
use kizuna_store::Backend;
use kizuna_testkit::TestApp;

use super::{people_total, rows, trainee_csv};

pub(crate) async fn an_import_is_previewed_then_confirmed(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let page = b.page("/console/import").await;
    assert!(
        page.has(
            "form[method=post][action='/console/import'][enctype='multipart/form-data'] input[type=file][name=file]"
        )
    );
    assert!(page.has("a[href='/console/import/template.csv']") && page.has("a[href='/console/import/template.xlsx']"));
    let template = b.get("/console/import/template.csv").await.expect(StatusCode::OK);
    assert!(template.text().starts_with("family_name,"));
    let before = people_total(&t.app).await;

    // One bad row: its error is shown and nothing is written.
    let bad = trainee_csv(&[
        "Siriwan,Ploy,,,female,TH,1980-02-03,,,,gmrdp/fy2007,completed,,,",
        "Testname,Ana,,,female,XX,,,,,gmrdp/fy2007,completed,,,",
    ]);
    let a = b
        .submit_multipart("/console/import", &[], Some(("trainees.csv", &bad)))
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    let rejected = rows(&a, "table#rejected");
    assert_eq!(rejected.len(), 1, "{rejected:?}");
    let [row, column, value, reason] = &rejected[0][..] else {
        panic!("a rejected row has four cells: {rejected:?}");
    };
    assert_eq!(
        (row.as_str(), column.as_str(), value.as_str()),
        ("3", "nationality", "XX")
    );
    assert!(reason.contains("is not an ISO country code"), "{reason}");
    assert!(!a.has("#preview"), "no preview of a file with errors");
    assert_eq!(people_total(&t.app).await, before, "nothing was written");

    // A clean file: a preview, still nothing written; then the confirm button imports it.
    let good = trainee_csv(&[
        "Siriwan,Ploy,,,female,TH,1980-02-03,,,,gmrdp/fy2007,completed,,,",
        "Testname,Ana,,,female,PE,,,,,gmrdp/fy2007,completed,,,",
    ]);
    let a = b
        .submit_multipart("/console/import", &[], Some(("trainees.csv", &good)))
        .await
        .expect(StatusCode::OK)
        .page();
    assert_eq!(a.count("table#preview > tbody > tr"), 2);
    assert_eq!(people_total(&t.app).await, before, "a preview writes nothing");
    // The confirm form, as it stands.
    let confirm = a.form("form:has(input[name=confirm])");
    let value = |name: &str| {
        confirm
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("the confirm form has {name}: {confirm:?}"))
    };
    assert_eq!(value("name"), "trainees.csv");
    assert_eq!(value("confirm"), "1");
    let data = value("data");
    assert!(!data.is_empty());
    let fields: Vec<(&str, &str)> = confirm.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let done = b
        .submit_multipart("/console/import", &fields, None)
        .await
        .expect(StatusCode::SEE_OTHER);
    assert_eq!(people_total(&t.app).await, before + 2);
    let notice = b.page(done.location()).await;
    assert_eq!(notice.one("#imported").text, "2 trainees were imported.");
    // The same file again is refused as a whole: these people exist now.
    let again = b
        .submit_multipart("/console/import", &fields, None)
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    assert!(again.text().contains("is already recorded"), "{}", again.text());
    assert_eq!(people_total(&t.app).await, before + 2);

    // Without the form token nothing is read.
    let forged = b
        .post_multipart("/console/import", &[("csrf", "forged")], Some(("t.csv", &good)))
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert_eq!(people_total(&t.app).await, before + 2);
    // No file at all.
    b.submit_multipart("/console/import", &[], None)
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
}

/// A file saved by a Japanese Excel (Shift_JIS) is previewed with its
/// Japanese names intact; one in an encoding Kizuna does not read is
/// refused naming it, in the reader's language, and nothing is written.
pub(crate) async fn a_shift_jis_file_is_read_and_another_encoding_refused_by_name(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let before = people_total(&t.app).await;
    let text = String::from_utf8(trainee_csv(&[
        "Yamamoto,Aoi,山本葵,ヤマモト アオイ,female,TH,,,,,gmrdp/fy2007,completed,,,",
    ]))
    .expect("UTF-8");
    let (sjis, _, unmappable) = encoding_rs::SHIFT_JIS.encode(&text);
    assert!(!unmappable && std::str::from_utf8(&sjis).is_err());
    let a = b
        .submit_multipart("/console/import", &[], Some(("trainees.csv", &sjis)))
        .await
        .expect(StatusCode::OK)
        .page();
    assert_eq!(a.count("table#preview > tbody > tr"), 1);
    assert!(
        a.one("table#preview").text.contains("Yamamoto"),
        "the preview shows the row"
    );
    assert_eq!(people_total(&t.app).await, before, "a preview writes nothing");

    let korean = "family_name,given_name,name_native,gender,nationality,edition_key,status\n\
                  Kim,Minji,김민지,female,KR,gmrdp/fy2007,completed\nLee,Jiho,이지호,male,KR,gmrdp/fy2007,completed\n";
    let (euc_kr, _, _) = encoding_rs::EUC_KR.encode(korean);
    for (code, words) in [
        ("en", "character encoding"),
        ("ja", "文字コード"),
        ("th", "การเข้ารหัสอักขระ"),
        ("ms", "pengekodan aksara"),
    ] {
        b.page(&format!("/console/import?lang={code}")).await;
        let a = b
            .submit_multipart("/console/import", &[], Some(("trainees.csv", &euc_kr)))
            .await
            .expect(StatusCode::UNPROCESSABLE_ENTITY)
            .page();
        assert_eq!(a.lang(), code);
        let alert = a.one("[role=alert]").text;
        assert!(alert.contains("EUC-KR") && alert.contains(words), "{code}: {alert}");
        assert!(alert.contains("CSV UTF-8"), "{code}: says how to save it: {alert}");
    }
    assert_eq!(people_total(&t.app).await, before, "nothing was written");
}
