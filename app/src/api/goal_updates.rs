//! Changing a goal's state: check-ins, status overrides and quarterly reviews.

use crate::domain::date::Quarter;
use crate::error::AppError;
use crate::model::{CheckInDraft, GoalId, GoalSummary, OwnerRef, ReviewDecision, ReviewRecord, Status};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

/// One goal in the quarterly review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewItem {
    pub goal: GoalSummary,
    pub review: Option<ReviewRecord>,
    pub successor: Option<GoalSummary>,
}

/// One owner's goals ending in the quarter under review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewGroup {
    pub owner: OwnerRef,
    pub items: Vec<ReviewItem>,
}

/// The quarterly review: the viewer's goals, then each direct report's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewBoard {
    pub quarter: Quarter,
    pub quarters: Vec<Quarter>,
    pub groups: Vec<ReviewGroup>,
}

/// Records a check-in: new key-result values, a note, a confidence and
/// optionally a status chosen by hand.
#[server(prefix = "/api", endpoint = "check_in", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn check_in(goal: String, checkin: CheckInDraft) -> Result<(), AppError> {
    let state = crate::ssr::state()?;
    let user = crate::ssr::current_user()?;
    let today = crate::domain::date::Day::today();
    crate::ssr::goal_service::check_in(&state.db, &user, &goal, checkin, today).await
}

/// Sets a goal's status by hand (`None` returns to the suggestion).
#[server(prefix = "/api", endpoint = "set_goal_status", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn set_goal_status(goal: String, status: Option<Status>, note: String) -> Result<(), AppError> {
    let state = crate::ssr::state()?;
    let user = crate::ssr::current_user()?;
    let today = crate::domain::date::Day::today();
    crate::ssr::goal_service::set_status(&state.db, &user, &goal, status, &note, today).await
}

/// Goals ending in `quarter` for the viewer and their direct reports, with
/// any review already made.
#[server(prefix = "/api", endpoint = "review_sheet")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn review_sheet(quarter: Option<String>) -> Result<ReviewBoard, AppError> {
    use super::goals::support;
    use crate::ssr::repo::{goal_detail, goals, people, person_rid};
    let state = crate::ssr::state()?;
    let user = crate::ssr::current_user()?;
    let db = &state.db;
    let q = support::quarter(quarter)?;
    let mut owners = vec![OwnerRef {
        id: user.id.clone(),
        name: user.name.clone(),
    }];
    owners.extend(
        people::direct_reports(db, &user.id)
            .await?
            .into_iter()
            .map(|p| OwnerRef { id: p.id, name: p.name }),
    );
    let rids = owners.iter().map(|o| person_rid(&o.id)).collect();
    let rows = goals::owned_by(db, rids, q.start(), q.end()).await?;
    let mut groups = Vec::new();
    for owner in owners {
        let mut items = Vec::new();
        // Goals ending this quarter are reviewed in it; longer ones later.
        for r in rows
            .iter()
            .filter(|r| r.owner_id().as_ref() == Some(&owner.id) && r.end() <= q.end())
        {
            let extra = goal_detail::extra(db, &r.id).await?.ok_or(AppError::NotFound)?;
            let successor = goals::successor(db, &r.id).await?.map(Into::into);
            items.push(ReviewItem {
                goal: r.clone().into(),
                review: extra.review(),
                successor,
            });
        }
        if !items.is_empty() || owner.id == user.id {
            groups.push(ReviewGroup { owner, items });
        }
    }
    Ok(ReviewBoard {
        quarter: q,
        quarters: support::quarters(),
        groups,
    })
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
    let state = crate::ssr::state()?;
    let user = crate::ssr::current_user()?;
    let today = crate::domain::date::Day::today();
    crate::ssr::goal_service::review(&state.db, &user, &goal, decision, &reflection, today).await
}
