//! Who a request acts as, for the audit log: [`Acting`] is the application
//! acting for the signed-in user (by session cookie or API token), through
//! the console or the API, from the client's address when the server knows
//! it (`ConnectInfo`); anonymous requests act as `web`.

use std::convert::Infallible;
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use kizuna_app::{Actor, App};

use crate::session::{WebState, user_of};

/// The application acting for the request's user: what it writes, views
/// and exports is logged as theirs.
pub struct Acting(pub App);

impl std::ops::Deref for Acting {
    type Target = App;
    fn deref(&self) -> &App {
        &self.0
    }
}

/// The request's client address, when the server was started with it.
pub fn client_address(parts: &Parts) -> Option<String> {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
}

impl FromRequestParts<WebState> for Acting {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &WebState) -> Result<Self, Infallible> {
        let (user, _) = user_of(&state.app, &parts.headers).await;
        let channel = match (&user, parts.uri.path().starts_with("/api/")) {
            (None, _) => "web",
            (Some(_), true) => "api",
            (Some(_), false) => "console",
        };
        let actor = Actor::request(user.map(|u| u.id), channel, client_address(parts));
        Ok(Acting(state.app.acting(actor)))
    }
}

/// The application acting for a page's signed-in user, through the
/// console (the address is not known to the page context).
pub fn for_ctx(state: &WebState, ctx: &crate::session::Ctx) -> App {
    let channel = if ctx.user.is_some() { "console" } else { "web" };
    state
        .app
        .acting(Actor::request(ctx.user.as_ref().map(|u| u.id), channel, None))
}
