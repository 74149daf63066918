//! A client of the web router, in process: it keeps the cookies it is
//! given, sends the form token when asked to submit a form, and can carry
//! an API token.

use std::collections::BTreeMap;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Request, StatusCode, header};
use serde_json::Value;
use tower::ServiceExt;

use crate::page::Page;

/// The form-token cookie (double submit: the same value goes in the form).
const CSRF_COOKIE: &str = "kizuna_csrf";
const SESSION_COOKIE: &str = "kizuna_session";

/// One browser (or API client): its cookies, its API token, its language.
#[derive(Clone)]
pub struct Browser {
    router: Router,
    cookies: BTreeMap<String, String>,
    token: Option<String>,
    accept_language: Option<String>,
}

/// An answer: status, headers and body, readable as a page or as JSON.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Answer {
    /// The body as text (lossy UTF-8).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body as an HTML page, to query with selectors and read as text.
    pub fn page(&self) -> Page {
        Page::parse(&self.text())
    }

    /// The body as JSON (`null` when empty); fails the test when it is not JSON.
    #[track_caller]
    pub fn json(&self) -> Value {
        if self.body.is_empty() {
            return Value::Null;
        }
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{}: the body is not JSON ({e}): {}", self.status, self.text()))
    }

    /// A header's value ("" when absent).
    pub fn header(&self, name: impl header::AsHeaderName) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }

    /// Where a redirect points ("" when it is not one).
    pub fn location(&self) -> &str {
        self.header(header::LOCATION)
    }

    /// The cookies set by this answer, as `name=value; attributes`.
    pub fn set_cookies(&self) -> Vec<&str> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect()
    }

    /// Fail the test unless the status is `want`, showing the body.
    #[track_caller]
    pub fn expect(self, want: StatusCode) -> Self {
        assert_eq!(self.status, want, "body: {}", self.text());
        self
    }

    /// A page that must have answered 200.
    #[track_caller]
    pub fn ok_page(&self) -> Page {
        assert_eq!(self.status, StatusCode::OK, "body: {}", self.text());
        self.page()
    }
}

impl Browser {
    pub fn new(router: Router) -> Self {
        Browser {
            router,
            cookies: BTreeMap::new(),
            token: None,
            accept_language: None,
        }
    }

    /// Send `Authorization: Bearer <token>` with every request.
    #[must_use]
    pub fn with_token(mut self, token: &str) -> Self {
        self.token = Some(token.to_owned());
        self
    }

    /// Send `Accept-Language: <value>` with every request.
    #[must_use]
    pub fn with_accept_language(mut self, value: &str) -> Self {
        self.accept_language = Some(value.to_owned());
        self
    }

    /// The form token this browser holds ("" before a page set one).
    pub fn csrf(&self) -> String {
        self.cookies.get(CSRF_COOKIE).cloned().unwrap_or_default()
    }

    /// Whether a sign-in session cookie is held.
    pub fn signed_in(&self) -> bool {
        self.cookies.contains_key(SESSION_COOKIE)
    }

    /// The cookie `name`, if held.
    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.cookies.get(name).map(String::as_str)
    }

    /// Set or (with `None`) forget a cookie.
    pub fn set_cookie(&mut self, name: &str, value: Option<&str>) {
        match value {
            Some(v) => self.cookies.insert(name.to_owned(), v.to_owned()),
            None => self.cookies.remove(name),
        };
    }

    /// Send a request built by `req` with `body`; cookies set by the answer
    /// are kept. A 500 fails the test: no input may crash a handler.
    pub async fn send(&mut self, mut req: axum::http::request::Builder, body: Body) -> Answer {
        if !self.cookies.is_empty() {
            let cookie = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ");
            req = req.header(header::COOKIE, cookie);
        }
        if let Some(t) = &self.token {
            req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        if let Some(l) = &self.accept_language {
            req = req.header(header::ACCEPT_LANGUAGE, l);
        }
        let req = req.body(body).expect("a valid request");
        let (method, uri) = (req.method().clone(), req.uri().clone());
        let resp = self
            .router
            .clone()
            .oneshot(req)
            .await
            .expect("the router always answers");
        for c in resp.headers().get_all(header::SET_COOKIE) {
            let c = c.to_str().expect("an ASCII cookie");
            let (kv, attributes) = c.split_once(';').unwrap_or((c, ""));
            if let Some((k, v)) = kv.split_once('=') {
                let expired = v.is_empty() || attributes.to_ascii_lowercase().contains("max-age=0");
                self.set_cookie(k.trim(), (!expired).then_some(v));
            }
        }
        let status = resp.status();
        let headers = resp.headers().clone();
        let body = axum::body::to_bytes(resp.into_body(), usize::MAX)
            .await
            .expect("a readable body");
        let answer = Answer { status, headers, body };
        assert_ne!(
            status,
            StatusCode::INTERNAL_SERVER_ERROR,
            "{method} {uri} → 500: {}",
            answer.text()
        );
        answer
    }

    /// GET `uri`.
    pub async fn get(&mut self, uri: &str) -> Answer {
        self.send(Request::get(uri), Body::empty()).await
    }

    /// GET a page that must answer 200.
    pub async fn page(&mut self, uri: &str) -> Page {
        let got = self.get(uri).await;
        assert_eq!(got.status, StatusCode::OK, "GET {uri}: {}", got.text());
        got.page()
    }

    /// POST exactly these form fields (no token added: for tests of refusals).
    pub async fn post_form(&mut self, uri: &str, fields: &[(&str, &str)]) -> Answer {
        let body = serde_urlencoded::to_string(fields).expect("a form");
        let req = Request::post(uri).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        self.send(req, Body::from(body)).await
    }

    /// Submit a form as a browser does: the fields and the form token.
    pub async fn submit(&mut self, uri: &str, fields: &[(&str, &str)]) -> Answer {
        let csrf = self.csrf();
        let mut all: Vec<(&str, &str)> = vec![("csrf", &csrf)];
        all.extend(fields.iter().filter(|(k, _)| *k != "csrf"));
        self.post_form(uri, &all).await
    }

    /// Submit a multipart form as a browser does: the form token, the
    /// fields and an optional file (field `file`).
    pub async fn submit_multipart(
        &mut self,
        uri: &str,
        fields: &[(&str, &str)],
        file: Option<(&str, &[u8])>,
    ) -> Answer {
        let csrf = self.csrf();
        let mut all: Vec<(&str, &str)> = vec![("csrf", &csrf)];
        all.extend(fields.iter().filter(|(k, _)| *k != "csrf"));
        self.post_multipart(uri, &all, file).await
    }

    /// POST exactly these multipart fields and an optional file (field
    /// `file`), with no token added: for tests of refusals.
    pub async fn post_multipart(&mut self, uri: &str, fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> Answer {
        const B: &str = "----kizuna-test-boundary";
        let mut body: Vec<u8> = Vec::new();
        for (name, value) in fields {
            body.extend(
                format!("--{B}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes(),
            );
        }
        if let Some((filename, bytes)) = file {
            body.extend(
                format!(
                    "--{B}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            );
            body.extend(bytes);
            body.extend(b"\r\n");
        }
        body.extend(format!("--{B}--\r\n").as_bytes());
        let req = Request::post(uri).header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={B}"));
        self.send(req, Body::from(body)).await
    }

    /// Sign in through the form, as a person does (the form first, for its
    /// token); fails the test unless it succeeds.
    pub async fn sign_in(&mut self, email: &str, password: &str) {
        let answer = self.try_sign_in(email, password).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "signing in: {}", answer.text());
        assert!(self.signed_in(), "signing in sets the session cookie");
    }

    /// Try to sign in; the answer to the form.
    pub async fn try_sign_in(&mut self, email: &str, password: &str) -> Answer {
        self.get("/sign-in").await.expect(StatusCode::OK);
        assert_eq!(self.csrf().len(), 64, "the sign-in form sets the form-token cookie");
        self.submit("/sign-in", &[("email", email), ("password", password)])
            .await
    }

    /// Send JSON (or nothing) to the API.
    pub async fn json(&mut self, method: &str, uri: &str, body: Option<&Value>) -> Answer {
        let mut req = Request::builder().method(method).uri(uri);
        let body = match body {
            Some(v) => {
                req = req.header(header::CONTENT_TYPE, "application/json");
                Body::from(v.to_string())
            }
            None => Body::empty(),
        };
        self.send(req, body).await
    }

    /// Send a raw body with its content type.
    pub async fn raw(&mut self, method: &str, uri: &str, content_type: &str, body: impl Into<Body>) -> Answer {
        let req = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::CONTENT_TYPE, content_type);
        self.send(req, body.into()).await
    }

    /// PUT JSON as changed from `version` (sent as `If-Match`).
    pub async fn put_json(&mut self, uri: &str, version: i64, body: &Value) -> Answer {
        let req = Request::put(uri)
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::IF_MATCH, format!("\"{version}\""));
        self.send(req, Body::from(body.to_string())).await
    }
}
