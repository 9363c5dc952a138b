//! Reading goals: the alignment tree, search, a person's and a team's goals,
//! the goal page, the form's options and the quarterly review board. Each
//! read cuts the rows to what the viewer may see (`goals::access`).

use crate::error::AppError;
use crate::goals::model::{
    FormOptions, GoalDetail, GoalList, GoalSummary, Level, MemberGoals, OwnerOption, ReviewBoard, ReviewGroup,
    ReviewItem, TeamGoalsView, TreeNode, TreeView,
};
use crate::people::model::OwnerRef;
use crate::server::db::Db;
use crate::server::CurrentUser;
use crate::shared::date::{Day, Quarter};

/// Longest goal search accepted, and most results returned.
pub const MAX_QUERY: usize = 100;
pub const SEARCH_LIMIT: u32 = 50;

/// Small helpers the goal reads and the form share.
pub mod support {
    use crate::error::AppError;
    use crate::goals::model::{GoalId, GoalSummary};
    use crate::goals::repo::GoalRow;
    use crate::shared::date::{Day, Quarter};
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
            .map(|g| crate::server::repo::goal_rid(&g))
            .ok_or(AppError::NotFound)
    }

    pub fn summaries(rows: Vec<GoalRow>) -> Vec<GoalSummary> {
        rows.into_iter().map(Into::into).collect()
    }
}

/// Company goals and unaligned unit goals for a quarter, each with the goals aligned to it.
pub async fn tree(db: &Db, user: &CurrentUser, quarter: Option<String>) -> Result<TreeView, AppError> {
    use crate::goals::{access as goal_access, repo as goals};
    let q = support::quarter(quarter)?;
    let roots = goal_access::visible(db, user, goals::roots(db, q.start(), q.end()).await?).await?;
    let parents = roots
        .iter()
        .filter(|r| r.child_count > 0)
        .map(|r| r.id.clone())
        .collect();
    let kids = goal_access::visible(db, user, goals::children_of_all(db, parents).await?).await?;
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
pub async fn children(db: &Db, user: &CurrentUser, id: String) -> Result<Vec<GoalSummary>, AppError> {
    use crate::goals::{access as goal_access, repo as goals};
    let id = support::goal_rid(&id)?;
    goal_access::load_visible(db, user, &id).await?;
    let kids = goal_access::visible(db, user, goals::children(db, &id).await?).await?;
    Ok(support::summaries(kids))
}

/// Goals in a quarter whose title or owner's name contains `query`.
pub async fn search(
    db: &Db,
    user: &CurrentUser,
    query: String,
    quarter: Option<String>,
) -> Result<Vec<GoalSummary>, AppError> {
    use crate::goals::{access as goal_access, repo as goals};
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
    let rows = goals::search(db, needle, q.start(), q.end(), SEARCH_LIMIT).await?;
    Ok(support::summaries(goal_access::visible(db, user, rows).await?))
}

/// The signed-in person's goals for a quarter.
pub async fn mine(db: &Db, user: &CurrentUser, quarter: Option<String>) -> Result<GoalList, AppError> {
    use crate::goals::repo as goals;
    use crate::server::repo::person_rid;
    let q = support::quarter(quarter)?;
    let rows = goals::owned_by(db, vec![person_rid(&user.id)], q.start(), q.end()).await?;
    Ok(GoalList {
        quarter: q,
        quarters: support::quarters(),
        goals: support::summaries(rows),
    })
}

/// The viewer's direct reports with their current goals, flagging who has
/// none and whose goals have had no check-in for `stale_days` (default 14);
/// those who need attention come first.
pub async fn team(db: &Db, user: &CurrentUser, stale_days: Option<u32>) -> Result<TeamGoalsView, AppError> {
    use crate::goals::repo as goals;
    use crate::goals::team_attention as attention;
    use crate::goals::team_attention::{DEFAULT_STALE_DAYS, MAX_STALE_DAYS};
    use crate::people::repo as people;
    use crate::server::repo::person_rid;
    let stale_days = stale_days.unwrap_or(DEFAULT_STALE_DAYS);
    if !(1..=MAX_STALE_DAYS).contains(&stale_days) {
        return Err(AppError::Invalid(format!(
            "Choose between 1 and {MAX_STALE_DAYS} days."
        )));
    }
    let today = Day::today();
    let reports = people::direct_reports(db, &user.id).await?;
    let owners = reports.iter().map(|p| person_rid(&p.id)).collect();
    // Reports' goals are in the viewer's reach whatever their visibility.
    let rows = goals::owned_by(db, owners, today, today).await?;
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
pub async fn detail(db: &Db, user: &CurrentUser, id: String) -> Result<GoalDetail, AppError> {
    use crate::goals::repo::detail as goal_detail;
    use crate::goals::{access as goal_access, repo as goals};
    let rid = support::goal_rid(&id)?;
    let row = goal_access::load_visible(db, user, &rid).await?;
    let extra = goal_detail::extra(db, &rid).await?.ok_or(AppError::NotFound)?;
    let can_edit = goal_access::can_edit(db, user, &row).await?;
    let visible_one = |r: Option<goals::GoalRow>| async {
        match r {
            Some(r) if goal_access::can_view(db, user, &r).await? => Ok::<_, AppError>(Some(GoalSummary::from(r))),
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
    let children = support::summaries(goal_access::visible(db, user, goals::children(db, &rid).await?).await?);
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
/// Levels and owners the viewer may create goals for: personal goals for
/// themselves and their direct reports, and unit goals for the unit they head.
pub async fn form_options(db: &Db, user: &CurrentUser) -> Result<FormOptions, AppError> {
    use crate::people::repo as people;
    use crate::people::repo::org_chart;
    use crate::server::repo::person_rid;
    let me = OwnerRef {
        id: user.id.clone(),
        name: user.name.clone(),
    };
    let mut owners = vec![OwnerOption {
        level: Level::Person,
        owner: me.clone(),
        label: "Personal goal for me".into(),
    }];
    for r in people::direct_reports(db, &user.id).await? {
        owners.push(OwnerOption {
            level: Level::Person,
            label: format!("Personal goal for {}", r.name),
            owner: OwnerRef { id: r.id, name: r.name },
        });
    }
    let rid = person_rid(&user.id);
    let place = org_chart::placement(db, &rid).await?.ok_or(AppError::NotFound)?;
    let unit_name = people::profile(db, &user.id, false)
        .await?
        .map(|p| p.org_unit.name)
        .unwrap_or_default();
    if place.is_head() {
        let level = match place.unit_kind.as_str() {
            "company" => Some(Level::Company),
            "department" => Some(Level::Department),
            "team" => Some(Level::Team),
            _ => None,
        };
        if let Some(level) = level {
            owners.insert(
                0,
                OwnerOption {
                    level,
                    owner: me.clone(),
                    label: format!("{} goal for {unit_name}", level.label()),
                },
            );
        }
    }
    // HR sets company goals on behalf of the top of the organisation.
    if user.is_hr && !owners.iter().any(|o| o.level == Level::Company) {
        if let Some(top) = org_chart::managers(db, &rid).await?.last() {
            if let Some(id) = crate::goals::access::person_of(top) {
                if let Some(p) = people::summary(db, &id).await? {
                    owners.insert(
                        0,
                        OwnerOption {
                            level: Level::Company,
                            label: format!("Company goal (owner: {})", p.name),
                            owner: OwnerRef { id: p.id, name: p.name },
                        },
                    );
                }
            }
        }
    }
    let today = Day::today();
    Ok(FormOptions {
        owners,
        quarters: crate::goals::service::reads::support::quarters(),
        current: Quarter::of(today),
        today,
    })
}

/// Goals a new or edited goal may align to: above it in the org chart and
/// overlapping its period. `goal` excludes that goal and what aligns to it.
pub async fn parent_options(
    db: &Db,
    user: &CurrentUser,
    level: String,
    owner: String,
    start: String,
    end: String,
    goal: Option<String>,
) -> Result<Vec<GoalSummary>, AppError> {
    use crate::goals::{access as goal_access, repo as goals};
    use crate::people::repo::org_chart;
    use crate::server::repo::person_rid;
    use crate::shared::ids::PersonId;
    let level = Level::parse(&level).ok_or_else(|| AppError::Invalid("Unknown goal level.".into()))?;
    let owner = PersonId::parse(&owner).ok_or(AppError::NotFound)?;
    let (Some(start), Some(end)) = (Day::parse(&start), Day::parse(&end)) else {
        return Err(AppError::Invalid("Dates must look like 2026-10-01.".into()));
    };
    crate::server::authz::ensure_can_reach(db, user, &owner).await?;
    if level == Level::Company {
        return Ok(vec![]);
    }
    let owner_rid = person_rid(&owner);
    let place = org_chart::placement(db, &owner_rid).await?.ok_or(AppError::NotFound)?;
    let units = org_chart::unit_chain(db, &place.unit).await?;
    let mut rows: Vec<_> = goals::unit_goals(db, units, start, end)
        .await?
        .into_iter()
        .filter(|r| r.level() < level)
        .collect();
    if level == Level::Person {
        let managers = org_chart::managers(db, &owner_rid).await?;
        rows.extend(
            goals::owned_by(db, managers, start, end)
                .await?
                .into_iter()
                .filter(|r| r.level() == Level::Person),
        );
    }
    let this = goal
        .as_deref()
        .map(crate::goals::service::reads::support::goal_rid)
        .transpose()?;
    // Saving re-checks everything, loops included; this only trims the list.
    rows.retain(|r| r.status != "abandoned" && Some(&r.id) != this.as_ref());
    Ok(crate::goals::service::reads::support::summaries(
        goal_access::visible(db, user, rows).await?,
    ))
}
/// Goals ending in `quarter` for the viewer and their direct reports, with
/// any review already made.
pub async fn review_sheet(db: &Db, user: &CurrentUser, quarter: Option<String>) -> Result<ReviewBoard, AppError> {
    use crate::goals::repo as goals;
    use crate::goals::repo::detail as goal_detail;
    use crate::people::repo as people;
    use crate::server::repo::person_rid;
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
