//! Single-use links: "Forgot your password?", what a link is, using it,
//! and HR sending an invitation. All but the last are open to signed-out
//! visitors (`server::middleware::is_public`).

use crate::auth::links::LinkInfo;
use crate::error::AppError;
use leptos::prelude::*;

/// Sends a reset link to `email` if it belongs to someone; the answer is
/// the same either way.
#[server(prefix = "/api", endpoint = "forgot_password")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn forgot_password(email: String) -> Result<(), AppError> {
    use crate::auth::model::MAX_EMAIL;
    let state = crate::server::state()?;
    state.passwords_allowed()?;
    let email = email.trim().to_owned();
    if email.is_empty() || !email.contains('@') {
        return Err(AppError::field(
            "email",
            "Enter your work email, like name@company.com.",
        ));
    }
    if email.len() > MAX_EMAIL {
        return Err(AppError::field("email", "That email is too long."));
    }
    crate::auth::service::links::forgot_allowed(&super::client_ip())?;
    // The lookup and the mail run after the answer, so how long the answer
    // takes says nothing about whether the address exists.
    let (db, mail) = (state.db.clone(), state.mail.clone());
    tokio::spawn(async move {
        if let Err(e) = crate::auth::service::links::forgot(&db, &mail, &email).await {
            tracing::warn!(%e, "a password reset was not sent");
        }
    });
    Ok(())
}

/// What a link is for, or why it cannot be used.
#[server(prefix = "/api", endpoint = "sign_in_link")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn sign_in_link(token: String) -> Result<LinkInfo, AppError> {
    let state = crate::server::state()?;
    crate::auth::service::links::info(&state.db, token.trim()).await
}

/// Uses a link to set a password, signs in, and goes home.
#[server(prefix = "/api", endpoint = "use_sign_in_link")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn use_sign_in_link(token: String, password: String) -> Result<(), AppError> {
    use crate::auth::model::MAX_PASSWORD;
    use crate::auth::service::{cookie, SESSION_DAYS};
    let state = crate::server::state()?;
    state.passwords_allowed()?;
    if password.len() > MAX_PASSWORD {
        return Err(AppError::field("password", "That password is too long."));
    }
    let session = crate::auth::service::links::redeem(&state.db, token.trim(), password).await?;
    let response = expect_context::<leptos_axum::ResponseOptions>();
    let secure = state.secure_cookies || crate::server::security::request_is_https();
    let set = cookie::set(&session, SESSION_DAYS * 86_400, secure);
    response.insert_header(http::header::SET_COOKIE, set.parse().map_err(AppError::internal)?);
    Ok(())
}

/// Mails a person an invitation to choose a password (HR only).
#[server(prefix = "/api", endpoint = "send_invitation")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn send_invitation(person: String) -> Result<(), AppError> {
    let (state, user) = crate::server::request()?;
    crate::server::authz::ensure_hr(&user)?;
    state.passwords_allowed()?;
    let id = crate::shared::ids::PersonId::parse(&person).ok_or(AppError::NotFound)?;
    crate::auth::service::links::invite(&state.db, &state.mail, Some(&user.id), &id).await
}
