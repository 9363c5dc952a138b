//! Creating and editing goals: what the form may offer, and saving it.

use crate::domain::date::{Day, Quarter};
use crate::error::AppError;
use crate::model::{GoalDraft, GoalId, GoalSummary, Level, OwnerRef};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

/// One "whose goal is this?" choice: a level and the person who would own it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OwnerOption {
    pub level: Level,
    pub owner: OwnerRef,
    pub label: String,
}

/// What the goal form may offer the signed-in person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormOptions {
    pub owners: Vec<OwnerOption>,
    pub quarters: Vec<Quarter>,
    pub current: Quarter,
    pub today: Day,
}

/// An existing goal, ready for the edit form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoalToEdit {
    pub id: GoalId,
    pub draft: GoalDraft,
    pub owner: OwnerOption,
}

/// Levels and owners the viewer may create goals for: personal goals for
/// themselves and their direct reports, and unit goals for the unit they head.
#[server(prefix = "/api", endpoint = "goal_form_options")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn goal_form_options() -> Result<FormOptions, AppError> {
    use crate::ssr::repo::{org_chart, people, person_rid};
    let state = crate::ssr::state()?;
    let user = crate::ssr::current_user()?;
    let db = &state.db;
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
            if let Some(id) = crate::ssr::goal_access::person_of(top) {
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
        quarters: super::goals::support::quarters(),
        current: Quarter::of(today),
        today,
    })
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
    use crate::model::PersonId;
    use crate::ssr::{goal_access, repo::goals, repo::org_chart, repo::person_rid};
    let state = crate::ssr::state()?;
    let user = crate::ssr::current_user()?;
    let db = &state.db;
    let level = Level::parse(&level).ok_or_else(|| AppError::Invalid("Unknown goal level.".into()))?;
    let owner = PersonId::parse(&owner).ok_or(AppError::NotFound)?;
    let (Some(start), Some(end)) = (Day::parse(&start), Day::parse(&end)) else {
        return Err(AppError::Invalid("Dates must look like 2026-10-01.".into()));
    };
    crate::ssr::authz::ensure_can_reach(db, &user, &owner).await?;
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
    let this = goal.as_deref().map(super::goals::support::goal_rid).transpose()?;
    // Saving re-checks everything, loops included; this only trims the list.
    rows.retain(|r| r.status != "abandoned" && Some(&r.id) != this.as_ref());
    Ok(super::goals::support::summaries(
        goal_access::visible(db, &user, rows).await?,
    ))
}

/// A goal as the edit form needs it.
#[server(prefix = "/api", endpoint = "editable_goal")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn editable_goal(id: String) -> Result<GoalToEdit, AppError> {
    let state = crate::ssr::state()?;
    let user = crate::ssr::current_user()?;
    crate::ssr::goal_service::editable(&state.db, &user, &id).await
}

/// Creates a goal; returns its id. Field errors come back as `InvalidFields`.
#[server(prefix = "/api", endpoint = "create_goal", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn create_goal(draft: GoalDraft) -> Result<GoalId, AppError> {
    let state = crate::ssr::state()?;
    let user = crate::ssr::current_user()?;
    crate::ssr::goal_service::create(&state.db, &user, draft, Day::today()).await
}

/// Saves an edit to a goal's text, period, alignment, visibility and key results.
#[server(prefix = "/api", endpoint = "update_goal", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn update_goal(id: String, draft: GoalDraft) -> Result<(), AppError> {
    let state = crate::ssr::state()?;
    let user = crate::ssr::current_user()?;
    crate::ssr::goal_service::update(&state.db, &user, &id, draft, Day::today()).await
}
