//! Responses compressed when the client accepts it (tower-http's
//! `CompressionLayer`, gzip and brotli), only for types worth it, and
//! `Vary: Accept-Encoding` on each of those.

use axum::http::header;

/// Whether a response is of a type worth compressing: text (HTML, CSS,
/// CSV, iCalendar), JSON and GeoJSON, scripts, SVG. Not images, PDFs,
/// map tiles or spreadsheets, which are compressed already.
fn compressible(headers: &axum::http::HeaderMap) -> bool {
    let Some(ct) = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let media = ct.split(';').next().unwrap_or("").trim();
    media.starts_with("text/")
        || media.ends_with("/json")
        || media.ends_with("+json")
        || media.ends_with("/javascript")
        || media == "image/svg+xml"
}

/// The largest body compressed. Compression runs on the async workers as
/// the body is sent, and a body is one chunk: at tens of MB/s, 4 MiB is
/// tens of milliseconds of one worker. Larger answers (whole-store exports
/// and GeoJSON of many places) and bodies of unknown length go as they are.
const MAX_COMPRESSED: u64 = 4 << 20;

/// tower-http's predicate: [`compressible`] types, of a known length up to
/// [`MAX_COMPRESSED`].
#[derive(Clone, Copy)]
struct Compressible;

impl tower_http::compression::Predicate for Compressible {
    fn should_compress<B: axum::body::HttpBody>(&self, response: &axum::http::Response<B>) -> bool {
        response.body().size_hint().upper().is_some_and(|n| n <= MAX_COMPRESSED) && compressible(response.headers())
    }
}

/// Compressible responses of 1 KiB or more, gzip or brotli as the client
/// accepts (brotli at quality 4, tower-http's default for it: its own
/// default, 11, costs milliseconds a response).
pub(crate) fn layer() -> tower_http::compression::CompressionLayer<impl tower_http::compression::Predicate> {
    use tower_http::compression::predicate::{Predicate as _, SizeAbove};
    tower_http::compression::CompressionLayer::new().compress_when(SizeAbove::new(1024).and(Compressible))
}

/// `Vary: Accept-Encoding` on every compressible response, compressed or
/// not (a cache must not hand a plain answer's client the gzip one, nor
/// the other way round).
pub(crate) async fn vary_accept_encoding(mut resp: axum::response::Response) -> axum::response::Response {
    if compressible(resp.headers()) {
        let named = resp.headers().get_all(header::VARY).iter().any(|v| {
            v.to_str()
                .is_ok_and(|v| v.to_ascii_lowercase().contains("accept-encoding"))
        });
        if !named {
            resp.headers_mut()
                .append(header::VARY, axum::http::HeaderValue::from_static("accept-encoding"));
        }
    }
    resp
}

#[cfg(test)]
mod tests {
    use axum::body::Body;
    use axum::http::Response;
    use tower_http::compression::Predicate as _;

    use super::*;

    fn answer(content_type: &str, bytes: usize) -> Response<Body> {
        Response::builder()
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(vec![b'a'; bytes]))
            .unwrap_or_default()
    }

    #[test]
    fn text_types_of_a_known_length_up_to_the_limit_are_compressed() {
        for ct in [
            "application/json",
            "application/geo+json",
            "text/html; charset=utf-8",
            "text/css",
            "text/javascript; charset=utf-8",
            "image/svg+xml",
        ] {
            assert!(Compressible.should_compress(&answer(ct, 2048)), "{ct}");
        }
        for ct in [
            "image/png",
            "application/pdf",
            "application/x-protobuf",
            "application/octet-stream",
        ] {
            assert!(!Compressible.should_compress(&answer(ct, 2048)), "{ct}");
        }
        assert!(Compressible.should_compress(&answer("application/json", 4 << 20)));
        assert!(!Compressible.should_compress(&answer("application/json", (4 << 20) + 1)));
        let no_type = Response::new(Body::from(vec![b'a'; 2048]));
        assert!(!Compressible.should_compress(&no_type));
    }
}
