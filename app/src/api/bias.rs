//! The bias flags of a review cycle, cut to what the viewer may see.

use crate::error::AppError;

use leptos::prelude::*;

/// The flags of one cycle: HR sees all, a skip-level leader their part of
/// the organisation, anyone else their own patterns as coaching.
#[server(prefix = "/api", endpoint = "bias_report")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn bias_report(cycle: String) -> Result<crate::model::BiasReport, AppError> {
    let (state, user) = crate::ssr::request()?;
    crate::ssr::bias_service::report(&state.db, &user, &cycle).await
}
