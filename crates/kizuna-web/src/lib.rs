//! Kizuna's HTTP layer: the JSON API under `/api/v1`, its OpenAPI document
//! at `/api/openapi.json`, and `/healthz`. Only this crate knows HTTP; every
//! handler is a thin call into [`kizuna_app::App`].

pub mod acting;
pub mod api;
pub mod assets;
mod compress;
mod error;
mod extract;
pub mod pages;
pub mod replica;
pub mod session;

use std::sync::Arc;

use axum::Router;
use kizuna_app::App;

pub use error::{ApiError, ErrorBody};
pub use pages::map::TileServer;
pub use pages::search::SharedSearch;

/// How the web application is set up.
#[derive(Debug, Clone)]
pub struct WebOptions {
    /// Mark cookies `Secure`, for when Kizuna is reached over TLS.
    pub secure_cookies: bool,
    /// An outside tile server, only when staff configure one; `None` (the
    /// default): browsers ask no other server for the map.
    pub tiles: Option<TileServer>,
    /// The street basemap file Kizuna serves itself (`--basemap`).
    pub basemap: Option<Arc<kizuna_app::map::basemap::Basemap>>,
    /// Reverse proxies whose `X-Forwarded-For` is believed (`kizuna serve
    /// --trusted-proxy`): from one of these peers, the client is the address
    /// the proxies added last; from any other peer the header is ignored,
    /// since a client could write any address in it.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// The search index the server keeps (`kizuna serve` opens it beside
    /// the database); `None`: one is built in memory from the store on the
    /// first search (tests, small tools).
    pub search: Option<pages::search::SharedSearch>,
}

impl Default for WebOptions {
    /// Plain HTTP; no outside tile server, no street basemap.
    fn default() -> Self {
        WebOptions {
            secure_cookies: false,
            tiles: None,
            basemap: None,
            trusted_proxies: Vec::new(),
            search: None,
        }
    }
}

/// The whole web application, ready to serve. `secure_cookies` marks
/// cookies `Secure`, for when Kizuna is reached over TLS.
pub fn router_with(app: Arc<App>, secure_cookies: bool) -> Router {
    router_with_options(
        app,
        WebOptions {
            secure_cookies,
            ..WebOptions::default()
        },
    )
}

/// The whole web application, set up by `options`.
pub fn router_with_options(app: Arc<App>, options: WebOptions) -> Router {
    let (api_routes, doc) = api::build();
    let state = session::WebState {
        app,
        secure_cookies: options.secure_cookies,
        csp: session::content_security_policy(options.tiles.as_ref().map(TileServer::origin)),
        tiles: options.tiles.map(Arc::new),
        basemap: options.basemap,
        api: Arc::new(doc),
        trusted_proxies: options.trusted_proxies.into(),
        search: Arc::new(tokio::sync::OnceCell::new_with(options.search.map(|s| s.0))),
    };
    // The guard runs once a route matched, and reads the access the
    // route's operation declares in the document.
    let api_routes = api_routes
        .route_layer(axum::middleware::from_fn_with_state(state.clone(), session::api_guard))
        .method_not_allowed_fallback(api::method_not_allowed)
        // Every API body, an import's file included: 20 MB (kizuna_io::limits).
        .layer(axum::extract::DefaultBodyLimit::max(kizuna_io::limits::MAX_FILE_BYTES));
    Router::new()
        .merge(page_routes().into_router())
        .merge(api_routes)
        .fallback(pages::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            session::security_headers,
        ))
        .layer(compress::layer())
        .layer(axum::middleware::map_response(compress::vary_accept_encoding))
        .with_state(state)
}

/// Every route that is not the API's: the pages and their assets.
fn page_routes() -> pages::Routes {
    pages::routes().route("/assets/{name}", axum::routing::get(assets::asset))
}

/// The paths of every route that is not the API's (those are in the
/// OpenAPI document), as the router is built from them.
pub fn page_paths() -> Vec<&'static str> {
    page_routes().paths().to_vec()
}

/// The OpenAPI document the server serves at `/api/openapi.json`.
pub fn openapi_document() -> serde_json::Value {
    api::build().1.document
}

/// The web application over plain HTTP (cookies not marked `Secure`).
pub fn router(app: Arc<App>) -> Router {
    router_with(app, false)
}
