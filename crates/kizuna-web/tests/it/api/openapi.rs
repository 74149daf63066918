//! The OpenAPI document: every operation's declared access enforced,
//! every documented operation routed and answering, every `$ref` defined,
//! and the whole document as an insta snapshot.

use axum::http::{StatusCode, header};
use kizuna_store::Backend;
use kizuna_testkit::TestApp;
use serde_json::Value;

pub(crate) async fn openapi_paths_answer(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let mut api = t.api().await;
    let mut anonymous = t.browser();
    let doc = api.get("/api/openapi.json").await.expect(StatusCode::OK).json();
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["info"]["title"], "Kizuna API");
    // Every operation declares its access: a staff operation refuses
    // anonymous callers, a public one answers them.
    for (method, route, access) in kizuna_web::api::build().1.access.iter() {
        let uri = route.replace("{id}", "1");
        let status = anonymous.raw(method, &uri, "application/json", "{}").await.status;
        match access {
            kizuna_web::api::Access::Staff | kizuna_web::api::Access::Admin => {
                assert_eq!(status, StatusCode::UNAUTHORIZED, "{method} {route}");
            }
            kizuna_web::api::Access::Public => assert_ne!(status, StatusCode::UNAUTHORIZED, "{method} {route}"),
        }
    }
    let paths = doc["paths"].as_object().expect("paths");

    let mut operations = Vec::new();
    for (path, item) in paths {
        let item = item.as_object().expect("a path item");
        for method in ["get", "post", "put", "patch", "delete"] {
            let Some(op) = item.get(method) else { continue };
            assert!(
                op["responses"].as_object().is_some_and(|r| !r.is_empty()),
                "{method} {path} documents its responses"
            );
            // Every $ref points at a schema the document defines.
            for r in refs(op) {
                let name = r
                    .strip_prefix("#/components/schemas/")
                    .unwrap_or_else(|| panic!("{method} {path}: odd $ref {r}"));
                assert!(
                    doc["components"]["schemas"].get(name).is_some(),
                    "{method} {path}: {r} is not defined"
                );
            }
            let upper = method.to_uppercase();
            let uri = path.replace("{id}", "1");
            // Bodies with a JSON content type: an empty object, which no
            // endpoint accepts but every routed one answers with a JSON error.
            // (A 500 fails the test in the client.)
            let got = if method == "post" || method == "put" {
                api.raw(&upper, &uri, "application/json", "{}").await
            } else {
                api.json(&upper, &uri, None).await
            };
            let status = got.status;
            let is_json = got.header(header::CONTENT_TYPE).starts_with("application/json");
            let answer = if is_json { got.json() } else { Value::Null };
            assert!(
                is_json || status.is_success(),
                "{upper} {uri} → {status} without a JSON error"
            );
            let fallback = status == StatusCode::NOT_FOUND
                && answer["error"]["message"]
                    .as_str()
                    .is_some_and(|m| m.starts_with("no such endpoint"));
            assert!(!fallback, "{upper} {path} is documented but not routed: {answer:#}");
            assert_ne!(
                status,
                StatusCode::METHOD_NOT_ALLOWED,
                "{upper} {path} is documented but refuses the method"
            );
            operations.push(format!("{upper} {path}"));
        }
    }
    operations.sort();
    assert!(operations.len() > 40, "{operations:?}");
    if backend == Backend::Sqlite {
        // The whole document: any change to an operation, a parameter or a
        // schema shows in review. The snapshot is the one the flat
        // `tests/api.rs` made: `tests/snapshots/api__openapi.snap`.
        insta::with_settings!({
            snapshot_path => "../../snapshots",
            prepend_module_to_snapshot => false,
        }, {
            insta::assert_json_snapshot!("api__openapi", doc);
        });
    }
}

/// Every `$ref` string inside a JSON value.
fn refs(v: &Value) -> Vec<String> {
    match v {
        Value::Object(m) => m
            .iter()
            .flat_map(|(k, v)| {
                if k == "$ref" {
                    v.as_str().map(|s| vec![s.to_owned()]).unwrap_or_default()
                } else {
                    refs(v)
                }
            })
            .collect(),
        Value::Array(a) => a.iter().flat_map(refs).collect(),
        _ => Vec::new(),
    }
}
