//! Reads that may lag a moment, answered from a streaming replica.
//!
//! `kizuna serve --read-database-url` gives the server a second
//! application on a read-only PostgreSQL replica. The public map (its pages
//! and API) and the public statistics, asked by someone who is not signed
//! in, are answered by it: they show what everyone sees, and a second's
//! lag behind the primary does them no harm. Everything else goes to the
//! primary: every write, every request with a session or a token (staff
//! read what they just wrote), and for [`PIN_SECONDS`] after a write the
//! same browser's reads too (a cookie, [`PIN_COOKIE`], says so), so that
//! nobody misses their own write.

use std::convert::Infallible;
use std::sync::Arc;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, Method, header};
use kizuna_app::App;

use crate::WebOptions;
use crate::session::{SESSION_COOKIE, cookie};

/// The cookie that keeps a browser's reads on the primary after it wrote.
pub const PIN_COOKIE: &str = "kizuna_primary";
/// How long after a write a browser's reads stay on the primary: far more
/// than a replica on the same network lags.
pub const PIN_SECONDS: u32 = 10;

/// The web application with lag-tolerant reads answered by `reader` (an
/// application on a replica) and everything else by `primary`.
pub fn router_with_replica(primary: Arc<App>, reader: Arc<App>, options: WebOptions) -> Router {
    let secure = options.secure_cookies;
    let on_primary = crate::router_with_options(primary, options.clone());
    let on_replica = crate::router_with_options(reader, options);
    let pin = HeaderValue::from_str(&format!(
        "{PIN_COOKIE}=1; Path=/; Max-Age={PIN_SECONDS}; SameSite=Lax; HttpOnly{}",
        if secure { "; Secure" } else { "" }
    ))
    .unwrap_or(HeaderValue::from_static("kizuna_primary=1; Path=/; Max-Age=10"));
    let service = tower::service_fn(move |req: Request| {
        let wrote = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
        let router = if may_lag(&req) {
            on_replica.clone()
        } else {
            on_primary.clone()
        };
        let pin = pin.clone();
        async move {
            let mut res = tower::ServiceExt::oneshot(router, req).await?;
            if wrote {
                res.headers_mut().append(header::SET_COOKIE, pin);
            }
            Ok::<_, Infallible>(res)
        }
    });
    Router::new().fallback_service(service)
}

/// Whether a request may be answered from the replica: a read of the
/// public map or statistics by someone neither signed in, nor holding a
/// token, nor having written a moment ago.
pub fn may_lag(req: &Request) -> bool {
    let headers = req.headers();
    matches!(*req.method(), Method::GET | Method::HEAD)
        && public_read(req.uri().path())
        && !headers.contains_key(header::AUTHORIZATION)
        && cookie(headers, SESSION_COOKIE).is_none()
        && cookie(headers, PIN_COOKIE).is_none()
}

/// The public map's and statistics' read paths.
fn public_read(path: &str) -> bool {
    match path {
        "/map"
        | "/statistics"
        | "/statistics.csv"
        | "/statistics.xlsx"
        | "/api/v1/places"
        | "/api/v1/places.geojson"
        | "/api/v1/places/nearest"
        | "/api/v1/places/booklet.pdf"
        | "/api/v1/reports/trainees" => true,
        _ => {
            // A place's page and its record; not the report form (a write
            // follows it) nor the staff's review list.
            let one = |prefix: &str| {
                path.strip_prefix(prefix)
                    .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
            };
            one("/map/places/") || one("/api/v1/places/")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(method: Method, path: &str, headers: &[(&str, &str)]) -> Request {
        let mut b = Request::builder().method(method).uri(path);
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        b.body(axum::body::Body::empty()).unwrap_or_default()
    }

    #[test]
    fn only_anonymous_public_reads_may_lag() {
        for path in [
            "/map",
            "/map/places/12",
            "/statistics",
            "/statistics.xlsx",
            "/api/v1/places?near=1",
            "/api/v1/places/nearest?lat=1&lon=2",
            "/api/v1/places/7",
            "/api/v1/reports/trainees?as_of=2020-01-01",
        ] {
            assert!(may_lag(&req(Method::GET, path, &[])), "{path}");
        }
        for path in [
            "/",
            "/sign-in",
            "/console/statistics",
            "/map/places/12/report",
            "/api/v1/places/review",
            "/api/v1/reports/trainees/people",
            "/api/v1/search?q=x",
            "/search",
        ] {
            assert!(!may_lag(&req(Method::GET, path, &[])), "{path}");
        }
        assert!(!may_lag(&req(Method::POST, "/api/v1/places", &[])));
        assert!(!may_lag(&req(
            Method::GET,
            "/map",
            &[("cookie", "kizuna_lang=ja; kizuna_session=abc")]
        )));
        assert!(!may_lag(&req(Method::GET, "/map", &[("cookie", "kizuna_primary=1")])));
        assert!(!may_lag(&req(
            Method::GET,
            "/api/v1/places",
            &[("authorization", "Bearer x")]
        )));
        assert!(may_lag(&req(Method::GET, "/map", &[("cookie", "kizuna_lang=ja")])));
    }
}
