//! Request middleware: the sign-in gate, the CSRF Origin check, and mapping
//! server-function errors to honest HTTP statuses.

use app::auth::service::{cookie, resolve_session};
use app::server::state::AppState;
use app::AppError;
use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

/// Paths reachable without signing in: the sign-in page, "Forgot your
/// password?", the page a sign-in link opens, their server functions, and
/// static assets. Everything else needs a live session.
pub fn is_public(path: &str) -> bool {
    matches!(
        path,
        "/login"
            | "/api/login"
            | "/forgot"
            | "/api/forgot_password"
            | "/set-password"
            | "/api/sign_in_link"
            | "/api/use_sign_in_link"
            | "/api/sign_in_methods"
            | "/unsubscribe"
            | "/api/unsubscribe"
            | crate::sso::START
            | crate::sso::CALLBACK
    ) || is_asset(path)
}

/// Static files: served without looking at the session at all, so the wasm,
/// script and stylesheet requests of every page cost no database queries.
pub fn is_asset(path: &str) -> bool {
    matches!(path, "/favicon.ico" | "/robots.txt" | "/sw.js") || path.starts_with("/pkg/")
}

/// Whether a `/pkg/` file name carries a content hash (`tend.<16 hex>.wasm`):
/// such a file never changes, so browsers may keep it for good.
pub fn is_hashed_asset(path: &str) -> bool {
    let Some(name) = path.strip_prefix("/pkg/") else {
        return false;
    };
    let mut parts = name.split('.');
    matches!(
        (parts.next(), parts.next(), parts.next(), parts.next()),
        (Some(_), Some(hash), Some(_), None) if hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit())
    )
}

/// Largest body of the file-carrying server functions
/// (`app::hr::api::UPLOAD_PATHS`): the file, JSON-escaped, with room to spare.
pub const UPLOAD_BODY: usize = 2 * app::hr::api::MAX_UPLOAD + 64 * 1024;

/// Every request body is held to `limit` bytes except the file uploads,
/// which may reach [`UPLOAD_BODY`]. A declared length over the limit is
/// refused at once; an undeclared one is cut off as it streams.
pub async fn body_limit(req: Request, next: Next) -> Response {
    let limit = if app::hr::api::UPLOAD_PATHS.contains(&req.uri().path()) {
        UPLOAD_BODY
    } else {
        crate::router::MAX_BODY
    };
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    }
    let (parts, body) = req.into_parts();
    let body = Body::new(http_body_util::Limited::new(body, limit));
    next.run(Request::from_parts(parts, body)).await
}

/// Cache headers for static files: hashed assets are immutable (the service
/// worker's precache then comes from the HTTP cache instead of a second
/// download); the service worker script is revalidated on every check so a
/// deploy is noticed at once.
pub async fn cache_headers(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let mut res = next.run(req).await;
    if res.status() == StatusCode::OK {
        let value = if is_hashed_asset(&path) {
            Some("public, max-age=31536000, immutable")
        } else if path == "/sw.js" {
            Some("no-cache")
        } else {
            None
        };
        if let Some(v) = value {
            res.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static(v));
        }
    }
    res
}

/// Behind an https proxy, tells browsers to use https for a year
/// (`Strict-Transport-Security`); over plain http it would mean nothing.
pub async fn hsts(req: Request, next: Next) -> Response {
    let https = app::server::security::is_https(req.headers());
    let mut res = next.run(req).await;
    if https {
        res.headers_mut().insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    res
}

/// A JSON error body with the error's own status, as server functions answer.
pub fn error_response(error: AppError) -> Response {
    let status = error.status_code();
    let body = serde_json::to_string(&error).unwrap_or_default();
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// Resolves the session cookie into a `CurrentUser` request extension, and
/// turns signed-out requests for anything non-public away: pages redirect to
/// sign-in, API calls get 401.
pub async fn auth_gate(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    if is_asset(&path) {
        return next.run(req).await;
    }
    let public = is_public(&path);
    let user = match cookie::read(req.headers()) {
        Some(token) => match resolve_session(&state.db, &token).await {
            Ok(user) => user,
            // Public pages still render if the session store hiccups.
            Err(e) if !public => return error_response(e),
            Err(_) => None,
        },
        None => None,
    };
    match user {
        Some(user) => {
            req.extensions_mut().insert(user);
            next.run(req).await
        }
        None if public => next.run(req).await,
        None if path.starts_with("/api/") || req.method() != Method::GET => error_response(AppError::Unauthorized),
        None => {
            let target = req.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/");
            let location = if target == "/" {
                "/login".to_owned()
            } else {
                format!("/login?next={}", encode(target))
            };
            Redirect::to(&location).into_response()
        }
    }
}

/// CSRF defence: a state-changing request must come from a page of this site.
/// Browsers send `Origin` on every cross-site and same-site POST; when it is
/// missing we accept only `Sec-Fetch-Site: same-origin`.
pub async fn origin_check(req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) || same_origin(req.headers()) {
        return next.run(req).await;
    }
    tracing::warn!(path = %req.uri().path(), "rejected a cross-origin state-changing request");
    error_response(AppError::Forbidden)
}

fn same_origin(headers: &HeaderMap) -> bool {
    let get = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    match (get("origin"), get("host")) {
        (Some(origin), Some(host)) => origin.split_once("://").is_some_and(|(_, authority)| authority == host),
        (Some(_), None) => false,
        (None, _) => get("sec-fetch-site") == Some("same-origin"),
    }
}

/// Server functions answer every error with status 500; this rewrites the
/// status from the `AppError` in the body (403, 404, 401, ...). A sign-in form
/// posted without JavaScript is sent back to the sign-in page with the status
/// in the query, so the page can say what went wrong.
pub async fn server_fn_errors(req: Request, next: Next) -> Response {
    let is_api = req.uri().path().starts_with("/api/");
    let is_login = req.uri().path() == "/api/login";
    let res = next.run(req).await;
    if !is_api || !res.headers().contains_key("serverfnerror") {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = match to_bytes(body, 64 * 1024).await {
        Ok(b) => b,
        Err(_) => return error_response(AppError::Internal),
    };
    let error = serde_json::from_slice::<AppError>(&bytes).unwrap_or(AppError::Internal);
    if parts.status == StatusCode::FOUND {
        // A plain form post: leptos_axum redirected back to the referring page.
        if is_login {
            let code = error.status_code().as_u16();
            let location = format!("/login?error={code}");
            parts
                .headers
                .insert(header::LOCATION, location.parse().expect("ascii location"));
        }
    } else {
        parts.status = error.status_code();
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// Percent-encodes a path and query for use as a query value.
fn encode(s: &str) -> String {
    app::shared::url::percent_encode(s, b"/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_paths_are_only_sign_in_and_assets() {
        assert!(is_public("/login"));
        assert!(is_public("/api/login"));
        assert!(is_public("/forgot") && is_public("/set-password") && is_public("/api/use_sign_in_link"));
        assert!(is_public("/auth/oidc/start") && is_public("/auth/oidc/callback") && is_public("/api/sign_in_methods"));
        assert!(!is_public("/auth/oidc/other") && !is_public("/auth/oidc/callback/x"));
        assert!(!is_public("/api/send_invitation"), "HR's invitation needs a session");
        assert!(is_public("/pkg/tend.wasm") && is_asset("/pkg/tend.wasm"));
        assert!(is_public("/sw.js") && is_asset("/sw.js"));
        assert!(is_hashed_asset("/pkg/tend.0123456789abcdef.wasm"));
        assert!(!is_hashed_asset("/pkg/tend.wasm"));
        assert!(!is_hashed_asset("/pkg/tend.0123456789abcdeg.js"));
        assert!(!is_hashed_asset("/sw.js"));
        assert!(!is_asset("/login"), "the sign-in page still sees the session");
        for p in [
            "/",
            "/people/p1",
            "/api/person",
            "/api/me",
            "/team",
            "/loginx",
            "/api/login/x",
        ] {
            assert!(!is_public(p), "{p}");
        }
    }

    #[test]
    fn origin_must_match_host() {
        let mut h = HeaderMap::new();
        h.insert("host", "127.0.0.1:3000".parse().unwrap());
        h.insert("origin", "http://127.0.0.1:3000".parse().unwrap());
        assert!(same_origin(&h));
        h.insert("origin", "http://evil.example".parse().unwrap());
        assert!(!same_origin(&h));
        h.remove("origin");
        assert!(!same_origin(&h), "no Origin and no Sec-Fetch-Site is refused");
        h.insert("sec-fetch-site", "same-origin".parse().unwrap());
        assert!(same_origin(&h));
        h.insert("sec-fetch-site", "cross-site".parse().unwrap());
        assert!(!same_origin(&h));
    }

    #[test]
    fn encodes_next() {
        assert_eq!(encode("/people/p1?x=a b&y"), "/people/p1%3Fx%3Da%20b%26y");
    }
}
