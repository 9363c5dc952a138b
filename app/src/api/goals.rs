//! Reading goals: the alignment tree, "my goals", "my team's goals", search and
//! the goal page.

use crate::domain::date::{Day, Quarter};
use crate::error::AppError;
use crate::model::{GoalDetail, GoalSummary, PersonSummary};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A tree root with its aligned goals already loaded (the first two levels).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TreeNode {
    pub goal: GoalSummary,
    pub children: Vec<GoalSummary>,
}

/// The alignment tree's first two levels for one quarter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TreeView {
    pub quarter: Quarter,
    pub quarters: Vec<Quarter>,
    pub roots: Vec<TreeNode>,
}

/// A person's goals for one quarter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoalList {
    pub quarter: Quarter,
    pub quarters: Vec<Quarter>,
    pub goals: Vec<GoalSummary>,
}

/// One report in "my team's goals".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberGoals {
    pub person: PersonSummary,
    pub goals: Vec<GoalSummary>,
    pub no_current: bool,
    pub stale: u32,
    pub last_checkin: Option<Day>,
}

/// A manager's direct reports and their current goals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamGoalsView {
    pub today: Day,
    pub stale_days: u32,
    pub members: Vec<MemberGoals>,
}

/// Longest goal search accepted, and most results returned.
pub const MAX_QUERY: usize = 100;
pub const SEARCH_LIMIT: u32 = 50;

#[cfg(feature = "ssr")]
pub(crate) mod support {
    use crate::domain::date::{Day, Quarter};
    use crate::error::AppError;
    use crate::model::{GoalId, GoalSummary};
    use crate::ssr::repo::goals::GoalRow;
    use surrealdb::types::RecordId;

    /// The quarter asked for, or the current one.
    pub fn quarter(raw: Option<String>) -> Result<Quarter, AppError> {
        match raw.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => Ok(Quarter::of(Day::today())),
            Some(s) => Quarter::parse(s).ok_or_else(|| AppError::Invalid("Choose a quarter such as 2026-Q4.".into())),
        }
    }

    /// The quarters offered in pickers: three back, the current one, one ahead.
    pub fn quarters() -> Vec<Quarter> {
        let now = Quarter::of(Day::today());
        vec![now.prev().prev().prev(), now.prev().prev(), now.prev(), now, now.next()]
    }

    /// A goal id from the URL, as a record id; `NotFound` for anything Tend never issued.
    pub fn goal_rid(raw: &str) -> Result<RecordId, AppError> {
        GoalId::parse(raw)
            .map(|g| crate::ssr::repo::goal_rid(&g))
            .ok_or(AppError::NotFound)
    }

    pub fn summaries(rows: Vec<GoalRow>) -> Vec<GoalSummary> {
        rows.into_iter().map(Into::into).collect()
    }
}

/// Company goals and unaligned unit goals for a quarter, each with the goals aligned to it.
#[server(prefix = "/api", endpoint = "goal_tree")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn goal_tree(quarter: Option<String>) -> Result<TreeView, AppError> {
    use crate::ssr::{goal_access, repo::goals};
    let state = crate::ssr::state()?;
    let user = crate::ssr::current_user()?;
    let q = support::quarter(quarter)?;
    let roots = goal_access::visible(&state.db, &user, goals::roots(&state.db, q.start(), q.end()).await?).await?;
    let parents = roots
        .iter()
        .filter(|r| r.child_count > 0)
        .map(|r| r.id.clone())
        .collect();
    let kids = goal_access::visible(&state.db, &user, goals::children_of_all(&state.db, parents).await?).await?;
    let roots = roots
        .into_iter()
        .map(|r| {
            let children = kids
                .iter()
                .filter(|k| k.parent.as_ref() == Some(&r.id))
                .cloned()
                .collect();
            TreeNode {
                goal: r.into(),
                children: support::summaries(children),
            }
        })
        .collect();
    Ok(TreeView {
        quarter: q,
        quarters: support::quarters(),
        roots,
    })
}

/// The goals aligned directly to one goal, for expanding the tree below its first levels.
#[server(prefix = "/api", endpoint = "goal_children")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn goal_children(id: String) -> Result<Vec<GoalSummary>, AppError> {
    use crate::ssr::{goal_access, repo::goals};
    let state = crate::ssr::state()?;
    let user = crate::ssr::current_user()?;
    let id = support::goal_rid(&id)?;
    goal_access::load_visible(&state.db, &user, &id).await?;
    let kids = goal_access::visible(&state.db, &user, goals::children(&state.db, &id).await?).await?;
    Ok(support::summaries(kids))
}

/// Goals in a quarter whose title or owner's name contains `query`.
#[server(prefix = "/api", endpoint = "search_goals")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn search_goals(query: String, quarter: Option<String>) -> Result<Vec<GoalSummary>, AppError> {
    use crate::ssr::{goal_access, repo::goals};
    let state = crate::ssr::state()?;
    let user = crate::ssr::current_user()?;
    let q = support::quarter(quarter)?;
    let needle = query.trim();
    if needle.chars().count() < 2 {
        return Err(AppError::Invalid("Type at least 2 characters to search.".into()));
    }
    if needle.chars().count() > MAX_QUERY {
        return Err(AppError::Invalid(format!(
            "Searches are limited to {MAX_QUERY} characters."
        )));
    }
    let rows = goals::search(&state.db, needle, q.start(), q.end(), SEARCH_LIMIT).await?;
    Ok(support::summaries(goal_access::visible(&state.db, &user, rows).await?))
}

/// The signed-in person's goals for a quarter.
#[server(prefix = "/api", endpoint = "my_goals")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn my_goals(quarter: Option<String>) -> Result<GoalList, AppError> {
    use crate::ssr::repo::{goals, person_rid};
    let state = crate::ssr::state()?;
    let user = crate::ssr::current_user()?;
    let q = support::quarter(quarter)?;
    let rows = goals::owned_by(&state.db, vec![person_rid(&user.id)], q.start(), q.end()).await?;
    Ok(GoalList {
        quarter: q,
        quarters: support::quarters(),
        goals: support::summaries(rows),
    })
}

/// The viewer's direct reports with their current goals, flagging who has
/// none and whose goals have had no check-in for `stale_days` (default 14);
/// those who need attention come first.
#[server(prefix = "/api", endpoint = "team_goals")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn team_goals(stale_days: Option<u32>) -> Result<TeamGoalsView, AppError> {
    use crate::domain::attention::{self, DEFAULT_STALE_DAYS, MAX_STALE_DAYS};
    use crate::ssr::repo::{goals, people, person_rid};
    let state = crate::ssr::state()?;
    let user = crate::ssr::current_user()?;
    let stale_days = stale_days.unwrap_or(DEFAULT_STALE_DAYS);
    if !(1..=MAX_STALE_DAYS).contains(&stale_days) {
        return Err(AppError::Invalid(format!(
            "Choose between 1 and {MAX_STALE_DAYS} days."
        )));
    }
    let today = Day::today();
    let reports = people::direct_reports(&state.db, &user.id).await?;
    let owners = reports.iter().map(|p| person_rid(&p.id)).collect();
    // Reports' goals are in the viewer's reach whatever their visibility.
    let rows = goals::owned_by(&state.db, owners, today, today).await?;
    let mut members: Vec<MemberGoals> = reports
        .into_iter()
        .map(|person| {
            let mine: Vec<_> = rows
                .iter()
                .filter(|r| r.owner_id().as_ref() == Some(&person.id))
                .map(|r| (GoalSummary::from(r.clone()), r.start(), r.end()))
                .collect();
            let flags = attention::flags(&mine, today, stale_days);
            let last_checkin = mine.iter().filter_map(|(g, _, _)| g.last_checkin).max();
            MemberGoals {
                person,
                goals: mine.into_iter().map(|(g, _, _)| g).collect(),
                no_current: flags.no_current,
                stale: flags.stale as u32,
                last_checkin,
            }
        })
        .collect();
    // Who needs attention first; by name within each group (the sort is stable).
    members.sort_by_key(|m| !(m.no_current || m.stale > 0));
    Ok(TeamGoalsView {
        today,
        stale_days,
        members,
    })
}

/// Everything on a goal's page.
#[server(prefix = "/api", endpoint = "goal")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn get_goal(id: String) -> Result<GoalDetail, AppError> {
    use crate::ssr::{goal_access, repo::goal_detail, repo::goals};
    let state = crate::ssr::state()?;
    let user = crate::ssr::current_user()?;
    let db = &state.db;
    let rid = support::goal_rid(&id)?;
    let row = goal_access::load_visible(db, &user, &rid).await?;
    let extra = goal_detail::extra(db, &rid).await?.ok_or(AppError::NotFound)?;
    let can_edit = goal_access::can_edit(db, &user, &row).await?;
    let visible_one = |r: Option<goals::GoalRow>| async {
        match r {
            Some(r) if goal_access::can_view(db, &user, &r).await? => Ok::<_, AppError>(Some(GoalSummary::from(r))),
            _ => Ok(None),
        }
    };
    let parent = match &row.parent {
        Some(p) => visible_one(goals::row(db, p).await?).await?,
        None => None,
    };
    let predecessor = match &extra.predecessor {
        Some(p) => visible_one(goals::row(db, p).await?).await?,
        None => None,
    };
    let successor = visible_one(goals::successor(db, &rid).await?).await?;
    let children = support::summaries(goal_access::visible(db, &user, goals::children(db, &rid).await?).await?);
    let key_results = goal_detail::key_results(db, &rid)
        .await?
        .into_iter()
        .map(Into::into)
        .collect();
    let checkins = goal_detail::checkins(db, &rid, 100).await?;
    let history = goal_detail::history(db, &rid, 200).await?;
    let suggestion = row.suggestion(Day::today());
    Ok(GoalDetail {
        description: extra.description.clone(),
        period_start: row.start(),
        period_end: row.end(),
        own_progress: extra.own_progress,
        alignment_weight: extra.alignment_weight,
        status_overridden: row.status_overridden,
        suggested: suggestion.status,
        suggestion_reason: suggestion.reason,
        review: extra.review(),
        hints: extra.hints.clone(),
        goal: row.into(),
        parent,
        children,
        predecessor,
        successor,
        key_results,
        checkins,
        history,
        can_edit,
    })
}

#[cfg(all(test, feature = "ssr"))]
mod tests;
