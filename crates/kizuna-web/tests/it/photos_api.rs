//! `/api/v1/photos` on both databases: a staff token uploads a photo of a
//! demo delegation (the image as the body, a Thai caption as a parameter);
//! the image served back has lost its GPS block; a PDF, a missing caption,
//! an unknown kind of record and a record that does not exist are refused
//! with 422 naming the field, nothing kept; the caption is changed, the
//! photo cannot move to another record, and deletion removes the image;
//! a partner is refused.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use axum::http::StatusCode;
use kizuna_domain::exchanges::delegation::Delegation;
use kizuna_io::photo::{exif_with_gps, tiny_jpeg};
use kizuna_store::{Backend, Page};
use kizuna_testkit::TestApp;
use serde_json::json;

/// Exif's tag pointing to the GPS block (big-endian), with its type.
const GPS_POINTER: &[u8] = &[0x88, 0x25, 0, 4];

fn has(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn fields(answer: &serde_json::Value) -> Vec<String> {
    answer["error"]["fields"]
        .as_array()
        .map(|f| f.iter().map(|e| e["field"].as_str().unwrap_or("").to_owned()).collect())
        .unwrap_or_default()
}

async fn staff_upload_change_and_delete_photos(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let delegation = t.app.store.select::<Delegation>(&[], Page::ALL).await.unwrap()[0].id;
    let mut api = t.api().await;
    let list = format!("/api/v1/photos?subject=delegation&subject_id={delegation}");
    let before = api
        .get(&list)
        .await
        .expect(StatusCode::OK)
        .json()
        .as_array()
        .unwrap()
        .len();

    // Kept, its GPS block removed; the caption in Thai only.
    let jpeg = tiny_jpeg(&[exif_with_gps(1)]);
    assert!(has(&jpeg, GPS_POINTER));
    let caption = "คณะผู้แทนเยือนศาลาว่าการเมือง";
    let uri = format!(
        "/api/v1/photos?subject=delegation&subject_id={delegation}&caption_th={}&taken_on=2019-10-11&public=true&file_name=arrival.jpg",
        urlencode(caption)
    );
    let made = api
        .raw("POST", &uri, "image/jpeg", jpeg)
        .await
        .expect(StatusCode::CREATED)
        .json();
    assert_eq!(made["caption"]["th"], json!(caption));
    assert_eq!(made["kind"], json!("jpeg"));
    assert_eq!(made["public"], json!(true));
    let id = made["id"].as_i64().unwrap();
    let mut staff = t.staff().await;
    let served = staff.get(&format!("/photos/{id}")).await.expect(StatusCode::OK);
    assert_eq!(served.header("content-type"), "image/jpeg");
    assert!(
        !has(&served.body, b"GPS"),
        "the served image still carries its GPS block"
    );
    assert_eq!(
        api.get(&list)
            .await
            .expect(StatusCode::OK)
            .json()
            .as_array()
            .unwrap()
            .len(),
        before + 1
    );

    // Refusals name the field; nothing is kept.
    let pdf = b"%PDF-1.7\n1 0 obj".to_vec();
    let refused = api
        .raw(
            "POST",
            &format!("/api/v1/photos?subject=delegation&subject_id={delegation}&caption_en=Visit"),
            "image/jpeg",
            pdf,
        )
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .json();
    assert!(refused.to_string().contains("PDF"), "{refused}");
    let no_caption = api
        .raw(
            "POST",
            &format!("/api/v1/photos?subject=delegation&subject_id={delegation}"),
            "image/jpeg",
            tiny_jpeg(&[]),
        )
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .json();
    assert_eq!(fields(&no_caption), ["caption_en"], "{no_caption}");
    let bad_kind = api
        .raw(
            "POST",
            "/api/v1/photos?subject=meeting&subject_id=1&caption_en=Visit",
            "image/jpeg",
            tiny_jpeg(&[]),
        )
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .json();
    assert_eq!(fields(&bad_kind), ["subject"], "{bad_kind}");
    let missing = api
        .raw(
            "POST",
            "/api/v1/photos?subject=delegation&subject_id=999999&caption_en=Visit",
            "image/jpeg",
            tiny_jpeg(&[]),
        )
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .json();
    assert_eq!(fields(&missing), ["subject_id"], "{missing}");
    assert_eq!(
        api.get(&list)
            .await
            .expect(StatusCode::OK)
            .json()
            .as_array()
            .unwrap()
            .len(),
        before + 1
    );

    // The caption changes; the record it shows does not.
    let mut input = json!({"subject": "delegation", "subject_id": delegation,
        "caption": {"th": caption, "en": "The delegation at City Hall"}, "taken_on": "2019-10-11", "public": true});
    let changed = api
        .json("PUT", &format!("/api/v1/photos/{id}"), Some(&input))
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!(changed["caption"]["en"], json!("The delegation at City Hall"));
    assert_eq!(
        api.get(&format!("/api/v1/photos/{id}"))
            .await
            .expect(StatusCode::OK)
            .json()["caption"]["en"],
        json!("The delegation at City Hall")
    );
    input["subject_id"] = json!(delegation + 1);
    let moved = api
        .json("PUT", &format!("/api/v1/photos/{id}"), Some(&input))
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .json();
    assert_eq!(fields(&moved), ["subject_id"], "{moved}");

    // A partner sees none of it.
    let mut partner = t.partner().await;
    for uri in [list.clone(), format!("/api/v1/photos/{id}")] {
        let a = partner.get(&uri).await;
        assert!(
            matches!(a.status, StatusCode::FORBIDDEN | StatusCode::UNAUTHORIZED),
            "{uri}: {}",
            a.status
        );
    }

    // Deleted with its image.
    api.json("DELETE", &format!("/api/v1/photos/{id}"), None)
        .await
        .expect(StatusCode::NO_CONTENT);
    api.get(&format!("/api/v1/photos/{id}"))
        .await
        .expect(StatusCode::NOT_FOUND);
    staff.get(&format!("/photos/{id}")).await.expect(StatusCode::NOT_FOUND);
    assert_eq!(
        api.get(&list)
            .await
            .expect(StatusCode::OK)
            .json()
            .as_array()
            .unwrap()
            .len(),
        before
    );
}

/// Percent-encoding of a query value (UTF-8 bytes outside the unreserved set).
fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

kizuna_testkit::on_both!(staff_upload_change_and_delete_photos);
