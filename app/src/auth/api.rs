//! Sign-in, sign-out and "who am I"; `links` holds invitations and resets.

pub mod links;

use crate::error::AppError;
use crate::people::model::Viewer;
use leptos::prelude::*;

/// Signs in with email and password, sets the session cookie and redirects to
/// `next` (same-site paths only).
#[server(prefix = "/api", endpoint = "login")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn login(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    use crate::auth::model::{safe_next, Credentials};
    use crate::auth::service::{cookie, SESSION_DAYS};

    let state = crate::server::state()?;
    state.passwords_allowed()?;
    let creds = Credentials::parse(&email, &password).map_err(AppError::Invalid)?;
    let token = crate::auth::service::sign_in(&state.db, &state.limiter, creds, &client_ip()).await?;
    let response = expect_context::<leptos_axum::ResponseOptions>();
    let secure = state.secure_cookies || crate::server::security::request_is_https();
    let set_cookie = cookie::set(&token, SESSION_DAYS * 86_400, secure);
    response.insert_header(
        http::header::SET_COOKIE,
        set_cookie.parse().map_err(AppError::internal)?,
    );
    leptos_axum::redirect(&safe_next(next.as_deref()));
    Ok(())
}

/// Changes the signed-in person's password; their other sessions end.
#[server(prefix = "/api", endpoint = "change_password")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn change_password(current: String, new: String) -> Result<(), AppError> {
    use crate::auth::service::cookie;
    let (state, user) = crate::server::request()?;
    state.passwords_allowed()?;
    let parts = expect_context::<http::request::Parts>();
    let token = cookie::read(&parts.headers).ok_or(AppError::Unauthorized)?;
    if current.is_empty() {
        return Err(AppError::field("current", "Enter your current password."));
    }
    if current.len() > 1024 {
        return Err(AppError::field("current", "That is not your current password."));
    }
    crate::auth::service::change_password(&state.db, &state.limiter, &user, &token, &client_ip(), current, new).await
}

/// The client's address: the socket peer, which is what rate limits count.
#[cfg(feature = "ssr")]
pub(crate) fn client_ip() -> String {
    use axum::extract::ConnectInfo;
    use std::net::SocketAddr;
    use_context::<http::request::Parts>()
        .and_then(|p| {
            p.extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0.ip().to_string())
        })
        .unwrap_or_else(|| "unknown".into())
}

/// Ends the session and clears the cookie.
#[server(prefix = "/api", endpoint = "logout")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn logout() -> Result<(), AppError> {
    use crate::auth::service::cookie;

    let (state, _user) = crate::server::request()?;
    let parts = expect_context::<http::request::Parts>();
    if let Some(token) = cookie::read(&parts.headers) {
        crate::auth::service::sign_out(&state.db, &token).await?;
    }
    let response = expect_context::<leptos_axum::ResponseOptions>();
    let clear = cookie::clear(state.secure_cookies || crate::server::security::request_is_https());
    response.insert_header(http::header::SET_COOKIE, clear.parse().map_err(AppError::internal)?);
    leptos_axum::redirect("/login");
    Ok(())
}

/// How people sign in here (password, single sign-on, or both); public.
#[server(prefix = "/api", endpoint = "sign_in_methods")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn sign_in_methods() -> Result<crate::auth::sso::SignInMethods, AppError> {
    Ok(crate::server::state()?.sign_in_methods())
}

/// The signed-in person, or `None` when signed out.
#[server(prefix = "/api", endpoint = "me")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn current_viewer() -> Result<Option<Viewer>, AppError> {
    match crate::server::current_user() {
        Ok(user) => Ok(Some(user)),
        Err(AppError::Unauthorized) => Ok(None),
        Err(e) => Err(e),
    }
}
