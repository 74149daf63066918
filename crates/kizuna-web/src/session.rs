//! Who is asking, in which language: the page context, sign-in sessions,
//! CSRF protection, the client's address for the sign-in limits, and the
//! API's access rules.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::{ConnectInfo, FromRef, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{Extensions, HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use kizuna_app::App;
use kizuna_domain::common::access::{TokenScope, administers};
use kizuna_domain::common::account::{Role, User};

use crate::error::ApiError;
use kizuna_i18n::Lang;

pub const SESSION_COOKIE: &str = "kizuna_session";
pub const LANG_COOKIE: &str = "kizuna_lang";
pub const CSRF_COOKIE: &str = "kizuna_csrf";

/// State shared by every handler.
#[derive(Clone)]
pub struct WebState {
    pub app: Arc<App>,
    /// Mark cookies `Secure` (when served over TLS, directly or behind a proxy).
    pub secure_cookies: bool,
    /// The map's tile server (`None`: the offline basemap only).
    pub tiles: Option<Arc<crate::pages::map::TileServer>>,
    /// The street basemap Kizuna serves itself (`kizuna serve --basemap`).
    pub basemap: Option<Arc<kizuna_app::map::basemap::Basemap>>,
    /// The Content-Security-Policy every response carries.
    pub csp: HeaderValue,
    /// The API's OpenAPI document and the access each operation declares.
    pub api: Arc<crate::api::Openapi>,
    /// Proxies whose `X-Forwarded-For` is believed ([`client_address`]).
    pub trusted_proxies: Arc<[IpAddr]>,
    /// The search index ([`crate::pages::search::index`]): the server's,
    /// or one built in memory on first use.
    pub search: Arc<tokio::sync::OnceCell<Arc<kizuna_app::search::Search>>>,
}

impl FromRef<WebState> for Arc<App> {
    fn from_ref(s: &WebState) -> Arc<App> {
        s.app.clone()
    }
}

/// The address a request comes from, as the sign-in limits count it: the
/// peer of the connection (axum's `ConnectInfo`, which `kizuna serve`
/// provides); when that peer is a trusted proxy, the address the proxies
/// added last to `X-Forwarded-For` that is not itself a trusted proxy.
/// IPv6 addresses count by their /64 (what one subscriber is given), IPv4
/// ones whole. Without `ConnectInfo` (the router called in process, as in
/// tests) every request is `local`.
pub fn client_address(extensions: &Extensions, headers: &HeaderMap, trusted: &[IpAddr]) -> String {
    let Some(ConnectInfo(peer)) = extensions.get::<ConnectInfo<SocketAddr>>() else {
        return "local".to_owned();
    };
    let mut client = peer.ip();
    if trusted.contains(&client) {
        let forwarded = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .collect::<Vec<_>>();
        for hop in forwarded.iter().rev() {
            let Ok(ip) = hop.parse::<IpAddr>() else {
                break;
            };
            client = ip;
            if !trusted.contains(&ip) {
                break;
            }
        }
    }
    address_key(client)
}

/// An address as the limits count it (IPv6 by its /64).
fn address_key(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

/// A cookie's value from the request headers.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|kv| kv.trim().split_once('=').filter(|(k, _)| *k == name).map(|(_, v)| v))
}

/// Everything a page needs to know about the request.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub lang: Lang,
    pub user: Option<User>,
    /// The form token: the session's own once signed in; before that,
    /// double-submit (the same value is in a cookie).
    pub csrf: String,
    /// The path and query, for the language switcher and sign-in redirects.
    pub path: String,
    pub only_path: String,
    /// Cookies to set on the response.
    pub set_cookies: Vec<String>,
    pub secure: bool,
}

impl Ctx {
    pub fn cookie(&self, name: &str, value: &str, max_age_s: i64, http_only: bool) -> String {
        format!(
            "{name}={value}; Path=/; Max-Age={max_age_s}; SameSite=Lax{}{}",
            if http_only { "; HttpOnly" } else { "" },
            if self.secure { "; Secure" } else { "" }
        )
    }

    pub fn is_staff(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.role.can_write())
    }

    pub fn is_partner(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.role == Role::Partner)
    }

    pub fn is_volunteer(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.role == Role::Volunteer)
    }

    pub fn is_admin(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.role == Role::Admin)
    }

    /// Signed-in staff (or admin), or a redirect to sign in / the styled
    /// refusal page (403, in the reader's language: never a blank page).
    pub fn require_staff(&self) -> Result<&User, Response> {
        match &self.user {
            Some(u) if u.role.can_write() => Ok(u),
            Some(_) => Err(crate::pages::message(
                self,
                StatusCode::FORBIDDEN,
                "forbidden-title",
                "forbidden-body",
            )),
            None => Err(Redirect::to(&format!("/sign-in?next={}", urlencode(&self.path))).into_response()),
        }
    }

    /// Any signed-in account, or a redirect to sign in.
    pub fn require_user(&self) -> Result<&User, Response> {
        self.user
            .as_ref()
            .ok_or_else(|| Redirect::to(&format!("/sign-in?next={}", urlencode(&self.path))).into_response())
    }

    /// The form's CSRF token must match the cookie's.
    pub fn check_csrf(&self, form_token: &str) -> Result<(), Response> {
        if !form_token.is_empty() && constant_time_eq(form_token.as_bytes(), self.csrf.as_bytes()) {
            Ok(())
        } else {
            Err((
                StatusCode::FORBIDDEN,
                "The form expired or came from another site. Go back, reload the page and try again.",
            )
                .into_response())
        }
    }

    /// Why a new password was refused, in the page's language: zxcvbn's
    /// warning and suggestions (see [`kizuna_app::auth::password_strength`]).
    pub fn password_problem(&self, weak: &kizuna_app::auth::WeakPassword) -> String {
        let mut parts = vec![self.t("password-weak")];
        parts.extend(
            weak.warning
                .iter()
                .map(|(k, _)| self.t(&format!("password-warning-{k}"))),
        );
        parts.extend(
            weak.suggestions
                .iter()
                .map(|(k, _)| self.t(&format!("password-suggestion-{k}"))),
        );
        parts.join(" ")
    }

    /// Add this context's cookies to a response.
    pub fn finish(&self, mut resp: Response) -> Response {
        for c in &self.set_cookies {
            if let Ok(v) = HeaderValue::from_str(c) {
                resp.headers_mut().append(header::SET_COOKIE, v);
            }
        }
        resp
    }
}

pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The user behind a request: a session cookie, or an API bearer token;
/// with a session, the CSRF token bound to it.
pub(crate) async fn user_of(app: &App, headers: &HeaderMap) -> (Option<User>, Option<String>) {
    let (user, csrf, _) = caller_of(app, headers).await;
    (user, csrf)
}

/// [`user_of`], with the scope of the API token when a token was sent (a
/// revoked or expired token, or one of a disabled account, is no token).
pub(crate) async fn caller_of(app: &App, headers: &HeaderMap) -> (Option<User>, Option<String>, Option<TokenScope>) {
    if let Some(token) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    {
        return match app.token_access(token.trim()).await.ok().flatten() {
            Some((user, scope)) => (Some(user), None, Some(scope)),
            None => (None, None, None),
        };
    }
    if let Some(token) = cookie(headers, SESSION_COOKIE)
        && let Ok(Some((user, csrf))) = app.session_user(token).await
    {
        return (Some(user), Some(csrf), None);
    }
    (None, None, None)
}

impl FromRequestParts<WebState> for Ctx {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &WebState) -> Result<Self, Response> {
        let headers = &parts.headers;
        let query_lang = parts.uri.query().and_then(|q| {
            q.split('&')
                .find_map(|kv| kv.strip_prefix("lang="))
                .and_then(Lang::from_code)
        });
        let cookie_lang = cookie(headers, LANG_COOKIE).and_then(Lang::from_code);
        let accept = headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map(Lang::negotiate);
        let lang = query_lang.or(cookie_lang).or(accept).unwrap_or(Lang::En);
        let (user, session_csrf, scope) = caller_of(&state.app, headers).await;
        // A read-only token is nobody for a page's form.
        let user = user.filter(|_| scope.is_none_or(|s| s.allows_method(parts.method.as_str())));
        let path = parts
            .uri
            .path_and_query()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_else(|| "/".into());
        let mut ctx = Ctx {
            lang,
            user,
            csrf: String::new(),
            only_path: parts.uri.path().to_owned(),
            path,
            set_cookies: Vec::new(),
            secure: state.secure_cookies,
        };
        if let Some(l) = query_lang {
            let c = ctx.cookie(LANG_COOKIE, l.code(), 365 * 24 * 3600, false);
            ctx.set_cookies.push(c);
        }
        // Signed in: the form token is the session's own, whatever the
        // token cookie says (a cookie planted before sign-in, or another
        // session's token, is refused). Before sign-in: the cookie's.
        let cookie_csrf =
            cookie(headers, CSRF_COOKIE).filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()));
        match session_csrf.as_deref().or(cookie_csrf) {
            Some(v) => ctx.csrf = v.to_owned(),
            None => {
                ctx.csrf = kizuna_app::auth::random_token();
                let c = ctx.cookie(CSRF_COOKIE, &ctx.csrf, 12 * 3600, true);
                ctx.set_cookies.push(c);
            }
        }
        Ok(ctx)
    }
}

/// API access, as each operation declares it in the OpenAPI document
/// ([`crate::api::Access`]): public operations for anyone; the rest for
/// staff, by bearer token, or by session cookie with the `X-CSRF-Token`
/// header on writes. Runs once a route matched (a `route_layer`); a method
/// the route does not take goes on to its 405.
pub async fn api_guard(State(state): State<WebState>, req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<axum::extract::MatchedPath>()
        .map(|m| m.as_str().to_owned())
        .unwrap_or_default();
    let method = if req.method() == Method::HEAD {
        "GET"
    } else {
        req.method().as_str()
    };
    let access = match state.api.access.get(method, &route) {
        None | Some(crate::api::Access::Public) => return next.run(req).await,
        Some(a) => a,
    };
    let mut resp = staff_api(&state, access, req, next).await;
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

/// A staff-only operation: the caller checked, then the handler.
async fn staff_api(state: &WebState, access: crate::api::Access, req: Request, next: Next) -> Response {
    let (user, session_csrf, scope) = caller_of(&state.app, req.headers()).await;
    let Some(user) = user else {
        return ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthenticated",
            "sign in, or send an API token as Authorization: Bearer TOKEN",
        )
        .into_response();
    };
    if !user.role.can_write() || (access == crate::api::Access::Admin && !administers(user.role)) {
        return ApiError::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            "this account may not use this part of the API",
        )
        .into_response();
    }
    if let Some(scope) = scope
        && !scope.allows_method(req.method().as_str())
    {
        return ApiError::new(
            StatusCode::FORBIDDEN,
            "read_only_token",
            "this API token may only read (GET and HEAD); writing needs a read-write token",
        )
        .into_response();
    }
    if let Some(csrf) = session_csrf
        && req.method() != Method::GET
    {
        let sent = req
            .headers()
            .get("x-csrf-token")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        if !constant_time_eq(sent.as_bytes(), csrf.as_bytes()) {
            return ApiError::new(
                StatusCode::FORBIDDEN,
                "csrf",
                "writes with a session cookie need the X-CSRF-Token header",
            )
            .into_response();
        }
    }
    next.run(req).await
}

/// The Content-Security-Policy: everything from Kizuna itself; images also
/// from the map's tile server, when there is one.
pub fn content_security_policy(tile_origin: Option<&str>) -> HeaderValue {
    const STRICT: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'";
    match tile_origin {
        Some(o) => HeaderValue::from_str(&STRICT.replace("img-src 'self' data:", &format!("img-src 'self' data: {o}")))
            .unwrap_or_else(|_| HeaderValue::from_static(STRICT)),
        None => HeaderValue::from_static(STRICT),
    }
}

/// Whether a response may carry personal data, so that no browser or proxy
/// may keep it (`Cache-Control: no-store`): anything answered to a signed-in
/// browser or an API token, the staff console and partner pages, and (in
/// [`api_guard`]) every staff-only API operation. The embedded static files
/// are the same for everyone and stay cacheable.
fn personal(req: &Request) -> bool {
    let path = req.uri().path();
    if path.starts_with("/assets/") {
        return false;
    }
    let under = |prefix: &str| {
        path.strip_prefix(prefix)
            .is_some_and(|r| r.is_empty() || r.starts_with('/'))
    };
    req.headers().contains_key(header::AUTHORIZATION)
        || cookie(req.headers(), SESSION_COOKIE).is_some()
        || under("/console")
        || under("/partner")
        || under("/sign-in")
}

/// Headers every response carries; `no-store` on those that may be
/// personal ([`personal`], or a response that opens a session); HSTS when
/// served over TLS (secure cookies).
pub async fn security_headers(State(state): State<WebState>, req: Request, next: Next) -> Response {
    let personal = personal(&req);
    let mut resp = next.run(req).await;
    let opens_session = resp
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .any(|c| c.as_bytes().starts_with(format!("{SESSION_COOKIE}=").as_bytes()));
    let h = resp.headers_mut();
    if personal || opens_session {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if state.secure_cookies {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    h.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    h.insert("x-frame-options", HeaderValue::from_static("DENY"));
    h.insert("referrer-policy", HeaderValue::from_static("same-origin"));
    h.insert("content-security-policy", state.csp.clone());
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(lang: Lang) -> Ctx {
        Ctx {
            lang,
            user: None,
            csrf: String::new(),
            path: "/".into(),
            only_path: "/".into(),
            set_cookies: Vec::new(),
            secure: false,
        }
    }

    #[test]
    fn the_client_address_is_believed_only_from_trusted_proxies() {
        let proxy: IpAddr = "192.0.2.1".parse().unwrap();
        let ask = |peer: Option<&str>, forwarded: &[&str], trusted: &[IpAddr]| {
            let mut ext = Extensions::new();
            if let Some(p) = peer {
                ext.insert(ConnectInfo(p.parse::<SocketAddr>().unwrap()));
            }
            let mut headers = HeaderMap::new();
            for f in forwarded {
                headers.append("x-forwarded-for", HeaderValue::from_str(f).unwrap());
            }
            client_address(&ext, &headers, trusted)
        };
        // No connection information (in-process tests): one fixed key.
        assert_eq!(ask(None, &["203.0.113.9"], &[proxy]), "local");
        // A direct client cannot choose its address by writing the header.
        assert_eq!(ask(Some("198.51.100.7:5000"), &["203.0.113.9"], &[]), "198.51.100.7");
        assert_eq!(
            ask(Some("198.51.100.7:5000"), &["203.0.113.9"], &[proxy]),
            "198.51.100.7"
        );
        // Through the trusted proxy: the address it added (the last), not
        // what the client wrote before it.
        assert_eq!(
            ask(Some("192.0.2.1:443"), &["6.6.6.6, 203.0.113.9"], &[proxy]),
            "203.0.113.9"
        );
        assert_eq!(
            ask(Some("192.0.2.1:443"), &["6.6.6.6", "203.0.113.9"], &[proxy]),
            "203.0.113.9"
        );
        // Through two trusted proxies.
        let inner: IpAddr = "10.0.0.2".parse().unwrap();
        assert_eq!(
            ask(Some("10.0.0.2:80"), &["203.0.113.9, 192.0.2.1"], &[proxy, inner]),
            "203.0.113.9"
        );
        // Garbage from the proxy: the proxy itself.
        assert_eq!(ask(Some("192.0.2.1:443"), &["not an address"], &[proxy]), "192.0.2.1");
        assert_eq!(ask(Some("192.0.2.1:443"), &[], &[proxy]), "192.0.2.1");
        // IPv6 by its /64; IPv4-mapped as IPv4.
        assert_eq!(ask(Some("[2001:db8:1:2:aaaa::1]:80"), &[], &[]), "2001:db8:1:2::/64");
        assert_eq!(ask(Some("[2001:db8:1:2:bbbb::9]:80"), &[], &[]), "2001:db8:1:2::/64");
        assert_eq!(ask(Some("[::ffff:198.51.100.7]:80"), &[], &[]), "198.51.100.7");
    }

    #[test]
    fn a_weak_password_is_explained_in_each_language() {
        let weak = kizuna_app::auth::password_strength("password1234", &[]).unwrap_err();
        let (warning, _) = weak.warning.clone().expect("zxcvbn names the problem");
        let mut seen = std::collections::HashSet::new();
        for lang in Lang::ALL {
            let c = ctx(lang);
            let text = c.password_problem(&weak);
            assert!(text.starts_with(&c.t("password-weak")), "{lang:?}: {text}");
            let said = c.t(&format!("password-warning-{warning}"));
            assert!(!said.starts_with("password-"), "{lang:?}: no message for {warning}");
            assert!(text.contains(&said), "{lang:?}: {text}");
            assert!(seen.insert(text), "{lang:?} repeats another language");
        }
        assert!(ctx(Lang::Ja).password_problem(&weak).contains("推測"));
    }
}
