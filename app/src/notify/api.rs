//! The inbox, the badge, preferences and unsubscribe links.

use crate::error::AppError;
use crate::notify::model::{Inbox, Prefs, PrefsDraft, Unsubscribed};
use leptos::prelude::*;

/// The signed-in person's inbox, newest first.
#[server(prefix = "/api", endpoint = "my_inbox")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn my_inbox() -> Result<Inbox, AppError> {
    let (state, user) = crate::server::request()?;
    crate::notify::service::inbox(&state.db, &user).await
}

/// How many notifications the signed-in person has not read.
#[server(prefix = "/api", endpoint = "unread_count")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn unread_count() -> Result<u32, AppError> {
    let (state, user) = crate::server::request()?;
    crate::notify::service::unread(&state.db, &user).await
}

/// Marks one notification read, or all of them when `id` is empty.
#[server(prefix = "/api", endpoint = "mark_read")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn mark_read(id: String) -> Result<(), AppError> {
    let (state, user) = crate::server::request()?;
    let one = (!id.is_empty()).then_some(id);
    crate::notify::service::mark_read(&state.db, &user, one).await
}

/// The signed-in person's email choices.
#[server(prefix = "/api", endpoint = "notification_prefs")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn notification_prefs() -> Result<Prefs, AppError> {
    let (state, user) = crate::server::request()?;
    crate::notify::service::prefs(&state.db, &user).await
}

/// Saves the signed-in person's email choices.
#[server(prefix = "/api", endpoint = "save_notification_prefs")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn save_notification_prefs(draft: PrefsDraft) -> Result<(), AppError> {
    let (state, user) = crate::server::request()?;
    crate::notify::service::save_prefs(&state.db, &user, &draft).await
}

/// An unsubscribe link from an email: with `confirm` empty, says what it
/// would stop; with `confirm` set, stops it. No sign-in needed (the token
/// is signed); a mail scanner that opens the link changes nothing.
#[server(prefix = "/api", endpoint = "unsubscribe")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn unsubscribe(token: String, confirm: String) -> Result<Unsubscribed, AppError> {
    let state = crate::server::state()?;
    crate::notify::service::unsubscribe(&state.db, &token, !confirm.is_empty()).await
}
