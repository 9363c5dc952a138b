//! Creating and editing goals: what the form may offer, and saving it.

use crate::error::AppError;
use crate::goals::model::{FormOptions, GoalDraft, GoalId, GoalSummary, GoalToEdit};
#[cfg(feature = "ssr")]
use crate::shared::date::Day;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Levels and owners the viewer may create goals for: personal goals for
/// themselves and their direct reports, and unit goals for the unit they head.
#[server(prefix = "/api", endpoint = "goal_form_options")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn goal_form_options() -> Result<FormOptions, AppError> {
    let (state, user) = crate::server::request()?;
    crate::goals::service::reads::form_options(&state.db, &user).await
}

/// Goals a new or edited goal may align to: above it in the org chart and
/// overlapping its period. `goal` excludes that goal and what aligns to it.
#[server(prefix = "/api", endpoint = "parent_options")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn parent_options(
    level: String,
    owner: String,
    start: String,
    end: String,
    goal: Option<String>,
) -> Result<Vec<GoalSummary>, AppError> {
    let (state, user) = crate::server::request()?;
    crate::goals::service::reads::parent_options(&state.db, &user, level, owner, start, end, goal).await
}

/// A goal as the edit form needs it.
#[server(prefix = "/api", endpoint = "editable_goal")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn editable_goal(id: String) -> Result<GoalToEdit, AppError> {
    let (state, user) = crate::server::request()?;
    crate::goals::service::editable(&state.db, &user, &id).await
}

/// Creates a goal; returns its id. Field errors come back as `InvalidFields`.
#[server(prefix = "/api", endpoint = "create_goal", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn create_goal(draft: GoalDraft) -> Result<GoalId, AppError> {
    let (state, user) = crate::server::request()?;
    crate::goals::service::create(&state.db, &user, draft, Day::today()).await
}

/// Saves an edit to a goal's text, period, alignment, visibility and key results.
#[server(prefix = "/api", endpoint = "update_goal", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn update_goal(id: String, draft: GoalDraft) -> Result<(), AppError> {
    let (state, user) = crate::server::request()?;
    crate::goals::service::update(&state.db, &user, &id, draft, Day::today()).await
}
