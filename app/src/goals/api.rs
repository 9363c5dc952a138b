//! Reading goals: the alignment tree, "my goals", "my team's goals", search and
//! the goal page.

pub mod form;
pub mod updates;

use crate::error::AppError;
use crate::goals::model::{GoalDetail, GoalList, GoalSummary, TeamGoalsView, TreeView};
use leptos::prelude::*;

/// Company goals and unaligned unit goals for a quarter, each with the goals aligned to it.
#[server(prefix = "/api", endpoint = "goal_tree")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn goal_tree(quarter: Option<String>) -> Result<TreeView, AppError> {
    let (state, user) = crate::server::request()?;
    crate::goals::service::reads::tree(&state.db, &user, quarter).await
}

/// The goals aligned directly to one goal, for expanding the tree below its first levels.
#[server(prefix = "/api", endpoint = "goal_children")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn goal_children(id: String) -> Result<Vec<GoalSummary>, AppError> {
    let (state, user) = crate::server::request()?;
    crate::goals::service::reads::children(&state.db, &user, id).await
}

/// Goals in a quarter whose title or owner's name contains `query`.
#[server(prefix = "/api", endpoint = "search_goals")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn search_goals(query: String, quarter: Option<String>) -> Result<Vec<GoalSummary>, AppError> {
    let (state, user) = crate::server::request()?;
    crate::goals::service::reads::search(&state.db, &user, query, quarter).await
}

/// The signed-in person's goals for a quarter.
#[server(prefix = "/api", endpoint = "my_goals")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn my_goals(quarter: Option<String>) -> Result<GoalList, AppError> {
    let (state, user) = crate::server::request()?;
    crate::goals::service::reads::mine(&state.db, &user, quarter).await
}

/// The viewer's direct reports with their current goals, flagging who has
/// none and whose goals have had no check-in for `stale_days` (default 14);
/// those who need attention come first.
#[server(prefix = "/api", endpoint = "team_goals")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn team_goals(stale_days: Option<u32>) -> Result<TeamGoalsView, AppError> {
    let (state, user) = crate::server::request()?;
    crate::goals::service::reads::team(&state.db, &user, stale_days).await
}

/// Everything on a goal's page.
#[server(prefix = "/api", endpoint = "goal")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn get_goal(id: String) -> Result<GoalDetail, AppError> {
    let (state, user) = crate::server::request()?;
    crate::goals::service::reads::detail(&state.db, &user, id).await
}

#[cfg(all(test, feature = "ssr"))]
mod tests;
