//! The Emails page's server function.

use crate::email::model::Outbox;
use crate::error::AppError;
use leptos::prelude::*;

/// The newest messages and where mail goes (HR only).
#[server(prefix = "/api", endpoint = "email_queue")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn email_queue() -> Result<Outbox, AppError> {
    let (state, user) = crate::server::request()?;
    crate::email::service::outbox(&state.db, &state.mail, &user).await
}
