//! The home page's server function.

use crate::error::AppError;
use crate::today::model::Today;
use leptos::prelude::*;

/// What needs the signed-in person now.
#[server(prefix = "/api", endpoint = "today")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn get_today() -> Result<Today, AppError> {
    let (state, user) = crate::server::request()?;
    let rules = crate::reminders::service::rules(&state.db).await?;
    crate::today::service::today(&state.db, &user, crate::shared::date::Day::today(), rules.checkin_first).await
}
