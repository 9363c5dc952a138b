//! A person's results: read, shared by the manager, acknowledged by the ratee.
//! Thin: the rules and authorisation live in the reviews services.

use crate::error::AppError;
use leptos::prelude::*;

/// A person's results in a cycle, for them (once shared) or their manager.
#[server(prefix = "/api", endpoint = "review_results")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn review_results(
    cycle: String,
    ratee: String,
) -> Result<crate::reviews::model::form::ReviewResults, AppError> {
    let (state, user) = crate::server::request()?;
    let ratee = crate::shared::ids::PersonId::parse(&ratee).ok_or(AppError::NotFound)?;
    let today = crate::shared::date::Day::today();
    crate::reviews::results_service::results(&state.db, &user, &cycle, &ratee, today).await
}

/// The manager shares a report's results with them.
#[server(prefix = "/api", endpoint = "share_results")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn share_results(cycle: String, ratee: String) -> Result<(), AppError> {
    let (state, user) = crate::server::request()?;
    let ratee = crate::shared::ids::PersonId::parse(&ratee).ok_or(AppError::NotFound)?;
    let today = crate::shared::date::Day::today();
    crate::reviews::results_service::share(&state.db, &user, &cycle, &ratee, today).await
}

/// The signed-in person acknowledges their shared results.
#[server(prefix = "/api", endpoint = "acknowledge_results")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn acknowledge_results(cycle: String, response: String) -> Result<(), AppError> {
    let (state, user) = crate::server::request()?;
    let today = crate::shared::date::Day::today();
    crate::reviews::results_service::acknowledge(&state.db, &user, &cycle, &response, today).await
}
