//! One search across every system (#16): `GET /api/v1/search`. Anyone may
//! ask; what is found depends on who asks — staff (a token or a session)
//! everything, a partner's session its own organisation's records, anyone
//! else places and public stories only. People found are noted in the
//! audit log. While the server's index is being built (its first start
//! over a large store) the answer comes at once from the records indexed
//! so far, with `complete: false` and how many of how many.

use axum::Json;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use kizuna_app::search::{Building, KINDS, SearchHit};
use kizuna_domain::FieldError;
use kizuna_i18n::Lang;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::reports_annual::ApiLanguage;
use super::{AppState, no_leftovers};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::QueryMap;
use crate::pages::search::{MAX_QUERY_CHARS, index, searcher_for};
use crate::session::{WebState, caller_of};

pub fn routes() -> OpenApiRouter<WebState> {
    OpenApiRouter::new().routes(routes!(search))
}

/// What a search found.
#[derive(Serialize, ToSchema)]
pub struct SearchResults {
    /// The query as searched (trimmed).
    pub q: String,
    /// The best hits first, each with its title in the language asked.
    pub hits: Vec<SearchHit>,
    /// Whether every record was searched: `false` while the search index
    /// is being built (a server's first start over a large store), when
    /// the hits are from the records indexed so far; ask again later.
    pub complete: bool,
    /// While the index is being built: records indexed so far, and in all.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub building: Option<Building>,
}

fn bad(field: &str, code: &str, message: String) -> ApiError {
    ApiError {
        status: StatusCode::BAD_REQUEST,
        detail: crate::error::ErrorDetail {
            code: "bad_request",
            message: format!("{field}: {message}"),
            fields: vec![FieldError::new(field, code, message)],
            rows: Vec::new(),
        },
    }
}

/// A kind of record search finds (the documents' kinds).
#[derive(ToSchema)]
#[schema(rename_all = "lowercase")]
#[allow(dead_code)] // the schema of the `kind` parameter, read as text
enum SearchKind {
    Person,
    Organisation,
    Locality,
    Programme,
    Activity,
    Outcome,
    Placement,
    Delegation,
    Place,
}

/// Search people, organisations, localities, programmes, activities,
/// outcomes, placements, delegations and places by any name or words in
/// English, Japanese, Thai or Malay (any script: kana and kanji, Thai,
/// Latin letters with or without accents). Anyone may ask; the caller's
/// account decides what can be found: staff (an API token or a signed-in
/// session) every kind; a partner's session its own organisation's
/// records; anyone else places and public stories (outcomes) only. A
/// person's document holds names only, so no other personal data can be
/// matched. People found are noted in the audit log.
#[utoipa::path(get, path = "/api/v1/search", tag = "search", operation_id = "search",
    params(("q" = String, Query, description = "What to look for, 1-200 characters, not only spaces", min_length = 1, max_length = 200, pattern = r"\S"),
           ("kind" = inline(Option<SearchKind>), Query, description = "Only this kind"),
           ("lang" = inline(Option<ApiLanguage>), Query, description = "The language of the titles: en (default), ja, th or ms"),
           ("limit" = Option<u32>, Query, description = "How many hits, 1-100 (default 20)", minimum = 1, maximum = 100)),
    responses((status = 200, description = "The hits the caller may see, best first (of the records indexed so far while the index is being built: `complete` is then false)", body = SearchResults),
              (status = 400, description = "An empty or too long query, an unknown kind or language, a limit out of range", body = ErrorBody)))]
async fn search(
    app: AppState,
    axum::extract::State(s): axum::extract::State<WebState>,
    headers: HeaderMap,
    QueryMap(mut q): QueryMap,
) -> ApiResult<Response> {
    let text = q.remove("q").unwrap_or_default().trim().to_owned();
    let kind = q.remove("kind");
    let lang = q.remove("lang");
    let limit = q.remove("limit");
    no_leftovers(&q, "q, kind, lang, limit")?;
    if text.is_empty() {
        return Err(bad("q", "empty", "say what to look for".into()));
    }
    if text.chars().count() > MAX_QUERY_CHARS {
        return Err(bad(
            "q",
            "too_long",
            format!("at most {MAX_QUERY_CHARS} characters, not {}", text.chars().count()),
        ));
    }
    let kinds: Vec<String> = match kind {
        None => Vec::new(),
        Some(k) if KINDS.contains(&k.as_str()) => vec![k],
        Some(k) => {
            return Err(bad(
                "kind",
                "unknown_kind",
                format!("\"{k}\" is not a kind; use one of {}", KINDS.join(", ")),
            ));
        }
    };
    let lang = match lang {
        None => Lang::En,
        Some(l) => Lang::from_code(&l).ok_or_else(|| {
            bad(
                "lang",
                "unknown_language",
                format!("\"{l}\" is not one of Kizuna's languages: use en, ja, th or ms"),
            )
        })?,
    };
    let limit = match limit {
        None => 20,
        Some(v) => match v.parse::<usize>() {
            Ok(n) if (1..=100).contains(&n) => n,
            _ => {
                return Err(bad(
                    "limit",
                    "out_of_range",
                    format!("limit must be a whole number from 1 to 100, not \"{v}\""),
                ));
            }
        },
    };
    let (user, _, _) = caller_of(&s.app, &headers).await;
    let who = searcher_for(user.as_ref());
    let search = index(&s).await.map_err(search_error)?;
    // Taken before searching: hits of a build that ends meanwhile are at
    // worst said to be partial when they are not.
    let building = search.building();
    let hits = search
        .search(&app, who, &text, &kinds, lang.code(), limit)
        .await
        .map_err(search_error)?;
    let mut resp = Json(SearchResults {
        q: text,
        hits,
        complete: building.is_none(),
        building,
    })
    .into_response();
    // What is found depends on who asks: never kept by a cache.
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(resp)
}

fn search_error(e: kizuna_app::search::SearchError) -> ApiError {
    match e {
        kizuna_app::search::SearchError::App(e) => e.into(),
        e => {
            tracing::error!(error = %e, "search failed");
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "the search index could not answer; see the server log",
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `kind` parameter's documented values are the kinds the index holds.
    #[test]
    fn the_documented_kinds_are_the_index_kinds() {
        let schema = serde_json::to_value(<SearchKind as utoipa::PartialSchema>::schema()).unwrap();
        let documented: Vec<&str> = schema["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(documented, KINDS.to_vec());
    }
}
