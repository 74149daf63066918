//! Server-rendered pages: the public portal and the staff console. Every
//! page reads without JavaScript; scripts only improve it. Every string a
//! person sees comes from the catalogues in `locales/`.

mod admin;
mod alumni;
mod audit;
mod calendar;
pub(crate) mod certificates;
mod certificates_verify;
mod exchanges;
pub mod map;
mod matchmaker;
mod nominations;
mod partner;
mod partnerships;
mod public;
mod reports;
pub mod search;
mod tourism;
mod training;
mod upload;
mod volunteers;

use askama::Template;
use axum::Router;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use fluent_bundle::FluentValue;
use kizuna_domain::common::FiscalYear;

use crate::session::{Ctx, WebState};
use kizuna_i18n::{self as i18n, Lang};

/// The pages' routes, each path recorded as it is added: the table the
/// access test (crates/kizuna-web/tests/it/access.rs) reads, so a page added
/// later fails that test until its rule for every role is declared.
pub struct Routes {
    router: Router<WebState>,
    paths: Vec<&'static str>,
}

impl Routes {
    pub fn new() -> Self {
        Routes {
            router: Router::new(),
            paths: Vec::new(),
        }
    }

    /// A path and what each method does there.
    #[must_use]
    pub fn route(mut self, path: &'static str, methods: axum::routing::MethodRouter<WebState>) -> Self {
        self.router = self.router.route(path, methods);
        self.paths.push(path);
        self
    }

    #[must_use]
    pub fn merge(mut self, other: Routes) -> Self {
        self.router = self.router.merge(other.router);
        self.paths.extend(other.paths);
        self
    }

    /// Every path, in the order added (the methods each takes are the
    /// router's to say: a method it does not take gets 405 with `Allow`).
    pub fn paths(&self) -> &[&'static str] {
        &self.paths
    }

    pub fn into_router(self) -> Router<WebState> {
        self.router
    }
}

impl Default for Routes {
    fn default() -> Self {
        Routes::new()
    }
}

pub fn routes() -> Routes {
    Routes::new()
        .merge(public::routes())
        .merge(partner::routes())
        .merge(nominations::routes())
        .merge(partnerships::routes())
        .merge(matchmaker::routes())
        .merge(training::routes())
        .merge(map::routes())
        .merge(audit::routes())
        .merge(admin::routes())
        .merge(volunteers::routes())
        .merge(exchanges::routes())
        .merge(calendar::routes())
        .merge(alumni::routes())
        .merge(tourism::routes())
        .merge(reports::routes())
        .merge(search::routes())
        .merge(certificates::routes())
        .merge(certificates_verify::routes())
}

impl Ctx {
    /// A message in the page's language.
    pub fn t(&self, key: &str) -> String {
        i18n::message(self.lang, key, &[])
    }

    /// A message with one argument.
    pub fn t1(&self, key: &str, name: &str, value: impl ToString) -> String {
        i18n::message(self.lang, key, &[(name, FluentValue::from(value.to_string()))])
    }

    /// A message with a number argument (for plural rules).
    pub fn tn(&self, key: &str, name: &str, n: i64) -> String {
        i18n::message(
            self.lang,
            key,
            &[
                (name, FluentValue::from(n)),
                ("formatted", FluentValue::from(i18n::number(n))),
            ],
        )
    }

    /// Content kept per language, in the page's language or marked with
    /// the language it falls back to (see [`i18n::local_text`]).
    pub fn local(&self, text: &kizuna_domain::common::LocalText) -> String {
        i18n::local_text(self.lang, text)
    }

    /// The languages content is kept in, with each one's own name, for
    /// forms that edit a text in all four.
    pub fn content_languages(&self) -> Vec<(&'static str, &'static str)> {
        Lang::ALL.iter().map(|l| (l.code(), l.native_name())).collect()
    }

    /// A whole number written the way the page's language writes it.
    pub fn num(&self, n: impl Into<i128>) -> String {
        i18n::number_in(self.lang, n)
    }

    pub fn date(&self, d: &chrono::NaiveDate) -> String {
        i18n::date(self.lang, *d)
    }

    pub fn fy(&self, year: &i32) -> String {
        FiscalYear::new(*year)
            .map(|fy| i18n::fiscal_year(self.lang, fy))
            .unwrap_or_else(|_| year.to_string())
    }

    /// The language switcher's links: this page in each language.
    pub fn languages(&self) -> Vec<(Lang, String)> {
        let (path, query) = self.path.split_once('?').unwrap_or((&self.path, ""));
        let rest: Vec<&str> = query
            .split('&')
            .filter(|kv| !kv.is_empty() && !kv.starts_with("lang="))
            .collect();
        Lang::ALL
            .into_iter()
            .map(|l| {
                let mut q = rest.clone();
                let lang = format!("lang={}", l.code());
                q.push(&lang);
                (l, format!("{path}?{}", q.join("&")))
            })
            .collect()
    }
}

/// Render a template into a response carrying the context's cookies.
pub fn render(ctx: &Ctx, t: &impl Template) -> Response {
    let resp = match t.render() {
        Ok(html) => Html(html).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "the page could not be drawn").into_response()
        }
    };
    ctx.finish(resp)
}

#[derive(Template)]
#[template(path = "message.html")]
pub struct MessagePage<'a> {
    pub ctx: &'a Ctx,
    pub title: String,
    pub body: String,
}

/// Unknown addresses: JSON under `/api/`, a page in the visitor's language elsewhere.
pub async fn not_found(ctx: Ctx) -> Response {
    if ctx.only_path.starts_with("/api/") {
        crate::error::ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            "no such endpoint; see /api/openapi.json",
        )
        .into_response()
    } else {
        message(&ctx, StatusCode::NOT_FOUND, "not-found-title", "not-found-body")
    }
}

/// A page with a title and a sentence (not found, forbidden, errors).
pub fn message(ctx: &Ctx, status: StatusCode, title_key: &str, body_key: &str) -> Response {
    let mut r = render(
        ctx,
        &MessagePage {
            ctx,
            title: ctx.t(title_key),
            body: ctx.t(body_key),
        },
    );
    *r.status_mut() = status;
    r
}
