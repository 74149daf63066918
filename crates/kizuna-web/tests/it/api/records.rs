//! A record of each kind created, read back, listed with filters and
//! pages, updated from the version it was read at (If-Match), refused when
//! stale, and deleted once nothing refers to it.

use axum::http::StatusCode;
use kizuna_store::Backend;
use kizuna_testkit::TestApp;
use serde_json::{Value, json};

use super::{assert_has, create, id_of};

/// The family names of a list's items, in order.
fn family_names(list: &Value) -> Vec<&str> {
    list["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|p| p["family_name"].as_str())
        .collect()
}

pub(crate) async fn crud_story(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let mut api = t.api().await;

    let locality = create(
        &mut api,
        "localities",
        &json!({"key": "jp/hokkaido/tokachi/obihiro", "country": "JP", "level": "municipality", "name": {"en": "Obihiro", "ja": "帯広市"}}),
    )
    .await;
    let organisation = create(
        &mut api,
        "organisations",
        &json!({"key": "obihiro-city", "name": {"en": "Obihiro City", "ja": "帯広市"}, "kind": "government", "country": "JP",
                "locality_id": id_of(&locality)}),
    )
    .await;
    let programme = create(
        &mut api,
        "programmes",
        &json!({"key": "gmrdp", "kind": "training_course", "title": {"en": "General Management of Regional Development Policy"},
                "organisation_id": id_of(&organisation)}),
    )
    .await;
    let edition = create(
        &mut api,
        "editions",
        &json!({"programme_id": id_of(&programme), "key": "gmrdp/fy2007", "fiscal_year": 2007, "scope": "general",
                "starts_on": "2007-09-01", "ends_on": "2007-10-12", "capacity": 20}),
    )
    .await;
    assert_eq!(edition["target_countries"], json!([]));
    let person_input = json!({"family_name": "Srisuk", "given_name": "Kittisak", "gender": "male", "nationality": "TH",
                              "birth_date": "1968-05-01", "email": "kittisak@example.org"});
    let person = create(&mut api, "people", &person_input).await;
    let participation = create(
        &mut api,
        "participations",
        &json!({"edition_id": id_of(&edition), "person_id": id_of(&person), "role": "trainee", "status": "completed",
                "started_on": "2007-09-01", "ended_on": "2007-10-12", "action_plan_title": "Farm roads for Khon Kaen"}),
    )
    .await;

    // Each record reads back exactly as created.
    for (collection, record) in [
        ("localities", &locality),
        ("organisations", &organisation),
        ("programmes", &programme),
        ("editions", &edition),
        ("people", &person),
        ("participations", &participation),
    ] {
        let got = api
            .get(&format!("/api/v1/{collection}/{}", id_of(record)))
            .await
            .expect(StatusCode::OK)
            .json();
        assert_eq!(&got, record, "GET {collection}");
    }
    assert_eq!(person["name_kana"], Value::Null);

    // Lists: filter by nationality (any case) and page.
    create(
        &mut api,
        "people",
        &json!({"family_name": "Wongsawat", "given_name": "Malee", "gender": "female", "nationality": "TH"}),
    )
    .await;
    create(
        &mut api,
        "people",
        &json!({"family_name": "Nguyen", "given_name": "Thi Lan", "gender": "female", "nationality": "VN"}),
    )
    .await;
    let all = api.get("/api/v1/people").await.expect(StatusCode::OK).json();
    assert_eq!(
        (all["total"].clone(), all["limit"].clone(), all["offset"].clone()),
        (json!(3), json!(100), json!(0))
    );
    assert_eq!(
        family_names(&all),
        ["Nguyen", "Srisuk", "Wongsawat"],
        "sorted by family name"
    );
    let thai = api
        .get("/api/v1/people?nationality=th")
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!(thai["total"], 2);
    assert_eq!(family_names(&thai), ["Srisuk", "Wongsawat"]);
    let page = api
        .get("/api/v1/people?nationality=th&limit=1&offset=1")
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!(
        (page["total"].clone(), page["limit"].clone(), page["offset"].clone()),
        (json!(2), json!(1), json!(1))
    );
    let items = page["items"].as_array().expect("items");
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["family_name"], "Wongsawat");
    let beyond = api
        .get("/api/v1/people?nationality=TH&offset=5")
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!(
        (beyond["total"].clone(), beyond["items"].clone()),
        (json!(2), json!([]))
    );

    // Update.
    let person_id = id_of(&person);
    let person_uri = format!("/api/v1/people/{person_id}");
    let version = person["version"].as_i64().expect("a version");
    let mut changed = person_input.clone();
    changed["email"] = json!("k.srisuk@example.org");
    changed["position"] = json!("Director, Planning Division");
    changed["organisation_id"] = json!(id_of(&organisation));
    // Without the version it was made from, an update is refused.
    let got = api.json("PUT", &person_uri, Some(&changed)).await;
    assert_eq!(
        (got.status, got.json()["error"]["code"].clone()),
        (StatusCode::PRECONDITION_REQUIRED, json!("version_required"))
    );
    let updated = api
        .put_json(&person_uri, version, &changed)
        .await
        .expect(StatusCode::OK)
        .json();
    assert_has(&updated, &changed);
    assert_eq!(updated["id"], person_id);
    assert_eq!(updated["version"], json!(version + 1));
    // A second change made from the first version would overwrite this one
    // unseen: refused, and nothing is written.
    let mut stale = changed.clone();
    stale["position"] = json!("Someone else's edit");
    let got = api.put_json(&person_uri, version, &stale).await;
    let body = got.json();
    assert_eq!(
        (got.status, body["error"]["code"].clone()),
        (StatusCode::CONFLICT, json!("stale_version"))
    );
    assert!(
        body["error"]["message"]
            .as_str()
            .expect("a message")
            .contains("changed by someone else"),
        "{body:#}"
    );
    let reread = api.get(&person_uri).await.expect(StatusCode::OK).json();
    assert_eq!(reread, updated);
    let got = api.put_json("/api/v1/people/999999", 1, &changed).await;
    assert_eq!(
        (got.status, got.json()["error"]["code"].clone()),
        (StatusCode::NOT_FOUND, json!("not_found"))
    );

    // Delete: refused while a participation refers to the person.
    let body = api
        .json("DELETE", &person_uri, None)
        .await
        .expect(StatusCode::CONFLICT)
        .json();
    assert_eq!(body["error"]["code"], "in_use", "{body:#}");
    api.get(&person_uri).await.expect(StatusCode::OK).json();
    // The edition too is in use.
    let body = api
        .json("DELETE", &format!("/api/v1/editions/{}", id_of(&edition)), None)
        .await
        .expect(StatusCode::CONFLICT)
        .json();
    assert_eq!(body["error"]["code"], "in_use", "{body:#}");

    let pid = id_of(&participation);
    let got = api.json("DELETE", &format!("/api/v1/participations/{pid}"), None).await;
    assert_eq!((got.status, got.json()), (StatusCode::NO_CONTENT, Value::Null));
    let got = api.json("DELETE", &person_uri, None).await;
    assert_eq!((got.status, got.json()), (StatusCode::NO_CONTENT, Value::Null));

    for uri in [person_uri.clone(), format!("/api/v1/participations/{pid}")] {
        let body = api.get(&uri).await.expect(StatusCode::NOT_FOUND).json();
        assert_eq!(body["error"]["code"], "not_found", "{uri}: {body:#}");
    }
    let body = api
        .json("DELETE", &person_uri, None)
        .await
        .expect(StatusCode::NOT_FOUND)
        .json();
    assert_eq!(body["error"]["code"], "not_found");
    let thai = api
        .get("/api/v1/people?nationality=TH")
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!(thai["total"], 1);
}
