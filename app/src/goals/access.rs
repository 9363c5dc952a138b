//! Who may see, own, edit and align goals, from the org chart.
//!
//! - Everyone sees company and unit goals; a personal goal marked `chain` is
//!   seen only by its owner, their managers up the chain, and HR.
//! - A goal may be edited by its owner, the owner's managers up the chain, and HR.
//! - A unit goal is owned by the unit's head (in the unit, with a manager
//!   outside it); a personal goal by the person it is for.
//! - A goal aligns only to a goal above it: a company goal, a goal of a unit
//!   that contains it, or a personal goal of one of the owner's managers.

use crate::error::AppError;
use crate::goals::model::{Level, Visibility};
use crate::goals::repo as goals;
use crate::goals::repo::GoalRow;
use crate::people::repo::org_chart;
use crate::people::repo::org_chart::Placement;
use crate::server::db::Db;
use crate::server::repo::key_of;
use crate::server::{authz, CurrentUser};
use crate::shared::ids::PersonId;
use surrealdb::types::RecordId;

/// Whether `user` may see this goal.
pub async fn can_view(db: &Db, user: &CurrentUser, goal: &GoalRow) -> Result<bool, AppError> {
    if open_to_all(goal) {
        return Ok(true);
    }
    can_edit(db, user, goal).await
}

/// Whether everyone signed in sees this goal (a company or unit goal, or a
/// personal goal shared with the organisation); the rest is seen only by
/// those who reach its owner.
pub fn open_to_all(goal: &GoalRow) -> bool {
    goal.level() != Level::Person || goal.visibility() == Visibility::Org
}

/// Whether `user` may change this goal.
pub async fn can_edit(db: &Db, user: &CurrentUser, goal: &GoalRow) -> Result<bool, AppError> {
    match goal.owner_id() {
        Some(owner) => authz::can_reach_known(db, user, &owner).await,
        None => Ok(user.is_hr),
    }
}

/// Keeps the goals `user` may see, in order.
pub async fn visible(db: &Db, user: &CurrentUser, rows: Vec<GoalRow>) -> Result<Vec<GoalRow>, AppError> {
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        if can_view(db, user, &r).await? {
            out.push(r);
        }
    }
    Ok(out)
}

/// Loads a goal the user may see: `NotFound` if it does not exist, `Forbidden` if hidden.
pub async fn load_visible(db: &Db, user: &CurrentUser, id: &RecordId) -> Result<GoalRow, AppError> {
    let row = goals::row(db, id).await?.ok_or(AppError::NotFound)?;
    if can_view(db, user, &row).await? {
        Ok(row)
    } else {
        Err(AppError::Forbidden)
    }
}

/// Loads a goal the user may edit.
pub async fn load_editable(db: &Db, user: &CurrentUser, id: &RecordId) -> Result<GoalRow, AppError> {
    let row = load_visible(db, user, id).await?;
    if can_edit(db, user, &row).await? {
        Ok(row)
    } else {
        Err(AppError::Forbidden)
    }
}

/// Checks that `user` may create a goal at `level` owned by `owner`, and
/// returns the unit the goal belongs to.
pub async fn check_owner(db: &Db, user: &CurrentUser, level: Level, owner: &PersonId) -> Result<Placement, AppError> {
    let refuse = |m: &str| AppError::field("owner", m);
    if !crate::people::repo::exists(db, owner).await? {
        return Err(refuse("That person does not exist."));
    }
    if !authz::can_reach_known(db, user, owner).await? {
        return Err(refuse(
            "You can set goals for yourself and the people who report to you.",
        ));
    }
    let place = org_chart::placement(db, &crate::server::repo::person_rid(owner))
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(kind) = level.unit_kind() {
        if place.unit_kind != kind || !place.is_head() {
            return Err(refuse(&format!(
                "A {} goal is owned by the head of that {}.",
                level.label().to_lowercase(),
                kind
            )));
        }
    }
    Ok(place)
}

/// The facts about a goal (existing or about to be) that alignment rules need.
pub struct Aligning<'a> {
    /// `None` for a goal not yet created.
    pub id: Option<&'a RecordId>,
    pub level: Level,
    pub unit: &'a RecordId,
    pub owner: &'a RecordId,
}

/// Checks that `child` may align to `parent`: the viewer can see the parent,
/// no loops, and the parent sits above the child in the org chart. Errors
/// name the `parent` field. A goal the viewer cannot see gets the same
/// answer as one that does not exist, so the check is no oracle for hidden
/// goals.
pub async fn check_alignment(
    db: &Db,
    viewer: &CurrentUser,
    child: &Aligning<'_>,
    parent: &RecordId,
) -> Result<GoalRow, AppError> {
    let refuse = |m: &str| AppError::field("parent", m);
    let target = match goals::row(db, parent).await? {
        Some(t) if can_view(db, viewer, &t).await? => t,
        _ => return Err(refuse("That goal no longer exists.")),
    };
    if let Some(id) = child.id {
        if id == parent {
            return Err(refuse("A goal cannot align to itself."));
        }
        // Walk up from the proposed parent: meeting this goal means a loop.
        let mut up = target.parent.clone();
        let mut steps = 0;
        while let Some(g) = up {
            if &g == id {
                return Err(refuse(
                    "That goal already aligns to this one, so aligning back would make a loop.",
                ));
            }
            steps += 1;
            if steps > 32 {
                break;
            }
            up = goals::row(db, &g).await?.and_then(|r| r.parent);
        }
    }
    if target.status == "abandoned" {
        return Err(refuse("That goal was abandoned; choose a live goal to align to."));
    }
    let ok = match target.level() {
        Level::Company => child.level != Level::Company,
        Level::Department | Level::Team => {
            target.level() < child.level && org_chart::unit_chain(db, child.unit).await?.contains(&target.unit)
        }
        Level::Person => {
            child.level == Level::Person && org_chart::managers(db, child.owner).await?.contains(&target.owner)
        }
    };
    if ok {
        Ok(target)
    } else {
        Err(refuse(
            "Goals align upwards: to a company goal, a goal of a unit you belong to, or one of your managers' goals.",
        ))
    }
}

/// The person id inside a record id, for calls that take one.
pub fn person_of(rid: &RecordId) -> Option<PersonId> {
    PersonId::parse(&key_of(rid))
}
