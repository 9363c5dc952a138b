//! Single sign-on routes (OpenID Connect), plain redirects rather than
//! server functions: `GET /auth/oidc/start?next=/path` sends the browser to
//! the identity provider; `GET /auth/oidc/callback` takes its answer, and
//! either opens a session or returns to `/login?sso=REASON`, where the
//! sign-in page says what happened. The flow is `app::auth::service::oidc`.

use app::auth::model::safe_next;
use app::auth::service::cookie;
use app::auth::service::oidc::{sign_in_as, Callback};
use app::auth::service::{open_session, SESSION_DAYS};
use app::auth::sso::Refusal;
use app::hr::admin_service::joiners;
use app::server::security::is_https;
use app::server::state::AppState;
use axum::extract::rejection::QueryRejection;
use axum::extract::{ConnectInfo, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::net::SocketAddr;

/// Paths these routes answer; public (no session needed).
pub const START: &str = "/auth/oidc/start";
pub const CALLBACK: &str = app::auth::service::oidc::CALLBACK_PATH;

#[derive(serde::Deserialize)]
pub struct Next {
    next: Option<String>,
}

/// A 303 to `location` with the given `Set-Cookie` headers.
fn see_other(location: &str, cookies: &[String]) -> Response {
    let mut res = StatusCode::SEE_OTHER.into_response();
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(location) {
        h.insert(header::LOCATION, v);
    }
    for c in cookies {
        if let Ok(v) = HeaderValue::from_str(c) {
            h.append(header::SET_COOKIE, v);
        }
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

fn refused(r: Refusal, secure: bool) -> Response {
    see_other(&format!("/login?sso={}", r.code()), &[cookie::clear_sso(secure)])
}

pub async fn start(
    State(state): State<AppState>,
    headers: HeaderMap,
    next: Result<Query<Next>, QueryRejection>,
    req: Request,
) -> Response {
    let Some(oidc) = state.sso.clone() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let secure = state.secure_cookies || is_https(&headers);
    let next = safe_next(next.ok().and_then(|q| q.0.next).as_deref());
    // Counted per socket address, as the other sign-in limits are.
    let ip = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(|| "unknown".to_owned(), |c| c.0.ip().to_string());
    match oidc.start(&state.db, &next, &ip).await {
        Ok(s) => see_other(&s.authorize_url, &[cookie::set_sso(&s.browser_token, secure)]),
        Err(r) => refused(r, secure),
    }
}

pub async fn callback(
    State(state): State<AppState>,
    headers: HeaderMap,
    answer: Result<Query<Callback>, QueryRejection>,
) -> Response {
    let Some(oidc) = state.sso.clone() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let secure = state.secure_cookies || is_https(&headers);
    let Ok(Query(answer)) = answer else {
        return refused(Refusal::State, secure);
    };
    let browser = cookie::read_named(&headers, cookie::SSO_NAME);
    // Boxed: the flow's future is large, and debug builds run it on small stacks.
    let signed_in = async {
        let who = Box::pin(oidc.finish(&state.db, answer, browser.as_deref())).await?;
        let token = match sign_in_as(&state.db, &who.email).await? {
            Some(token) => token,
            None => {
                let under = oidc.create_under().ok_or(Refusal::Unknown)?;
                let today = app::shared::date::Day::today();
                let person = Box::pin(joiners::join_by_sign_in(
                    &state.db,
                    &who.email,
                    who.name.as_deref(),
                    under,
                    today,
                ))
                .await
                .map_err(|e| {
                    tracing::warn!(error = %e, "single sign-on: could not add a newcomer");
                    Refusal::Unknown
                })?;
                // Opened straight away: the newcomer was just written.
                open_session(&state.db, &person)
                    .await
                    .map_err(|_| Refusal::Unavailable)?
            }
        };
        Ok::<_, Refusal>((token, who.next))
    };
    match signed_in.await {
        Ok((token, next)) => see_other(
            &next,
            &[
                cookie::set(&token, SESSION_DAYS * 86_400, secure),
                cookie::clear_sso(secure),
            ],
        ),
        Err(r) => refused(r, secure),
    }
}
