//! HR's reminder settings.

use crate::error::AppError;
use crate::reminders::model::Rules;
use leptos::prelude::*;

/// The reminder rules and thresholds (HR only).
#[server(prefix = "/api", endpoint = "reminder_rules")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn reminder_rules() -> Result<Rules, AppError> {
    let (state, user) = crate::server::request()?;
    crate::reminders::service::settings(&state.db, &user).await
}

/// Saves the reminder rules (HR only).
#[server(prefix = "/api", endpoint = "save_reminder_rules")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn save_reminder_rules(rules: Rules) -> Result<(), AppError> {
    let (state, user) = crate::server::request()?;
    crate::reminders::service::save(&state.db, &user, rules).await
}
