//! Changing a goal's state: check-ins, status overrides and quarterly reviews.

use crate::error::AppError;
use crate::goals::model::{CheckInDraft, GoalId, ReviewBoard, ReviewDecision, Status};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Records a check-in: new key-result values, a note, a confidence and
/// optionally a status chosen by hand.
#[server(prefix = "/api", endpoint = "check_in", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn check_in(goal: String, checkin: CheckInDraft) -> Result<(), AppError> {
    let (state, user) = crate::server::request()?;
    let today = crate::shared::date::Day::today();
    crate::goals::service::check_in(&state.db, &user, &goal, checkin, today).await
}

/// Sets a goal's status by hand (`None` returns to the suggestion).
#[server(prefix = "/api", endpoint = "set_goal_status", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn set_goal_status(goal: String, status: Option<Status>, note: String) -> Result<(), AppError> {
    let (state, user) = crate::server::request()?;
    let today = crate::shared::date::Day::today();
    crate::goals::service::set_status(&state.db, &user, &goal, status, &note, today).await
}

/// Goals ending in `quarter` for the viewer and their direct reports, with
/// any review already made.
#[server(prefix = "/api", endpoint = "review_sheet")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn review_sheet(quarter: Option<String>) -> Result<ReviewBoard, AppError> {
    let (state, user) = crate::server::request()?;
    crate::goals::service::reads::review_sheet(&state.db, &user, quarter).await
}

/// Closes, carries over or rescopes one goal with a written reflection.
/// Returns the new goal's id when carried over.
#[server(prefix = "/api", endpoint = "review_goal", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn review_goal(
    goal: String,
    decision: ReviewDecision,
    reflection: String,
) -> Result<Option<GoalId>, AppError> {
    let (state, user) = crate::server::request()?;
    let today = crate::shared::date::Day::today();
    crate::goals::service::review(&state.db, &user, &goal, decision, &reflection, today).await
}
