//! Review templates: the versions a cycle may use, and saving a new version.
//! Thin: the rules and authorisation live in the reviews services.

use crate::error::AppError;
use leptos::prelude::*;

/// The template versions HR may start a cycle on, as ("name|version", label).
#[server(prefix = "/api", endpoint = "cycle_templates")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn cycle_templates() -> Result<Vec<(String, String)>, AppError> {
    let (state, user) = crate::server::request()?;
    crate::reviews::service::cycle_templates(&state.db, &user).await
}

/// A template version as a draft for HR's editor ("name|version"; empty: the newest Standard).
#[server(prefix = "/api", endpoint = "template_draft")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn template_draft(template: String) -> Result<crate::reviews::model::template::TemplateDraft, AppError> {
    let (state, user) = crate::server::request()?;
    crate::reviews::template_service::draft(&state.db, &user, &template).await
}

/// HR saves a template as its next version; returns "name|version".
#[server(prefix = "/api", endpoint = "save_template", input = leptos::server_fn::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn save_template(draft: crate::reviews::model::template::TemplateDraft) -> Result<String, AppError> {
    let (state, user) = crate::server::request()?;
    crate::reviews::template_service::save(&state.db, &user, &draft).await
}
