//! The one answer to "may actor A see or act on person B?", from the org graph.
//!
//! A may reach B when B is A, when B is anywhere in A's reporting subtree, or
//! when A is an HR admin. Every server function that touches a person asks here.

use super::db::Db;
use crate::error::AppError;
use crate::people::repo as people;
use crate::server::CurrentUser;
use crate::shared::ids::PersonId;

/// `Ok` if `actor` may see or act on `target`; `NotFound` for an unknown
/// person, `Forbidden` for one outside the actor's reach.
pub async fn ensure_can_reach(db: &Db, actor: &CurrentUser, target: &PersonId) -> Result<(), AppError> {
    if !people::exists(db, target).await? {
        return Err(AppError::NotFound);
    }
    if can_reach_known(db, actor, target).await? {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The same rule for a person known to exist.
pub async fn can_reach_known(db: &Db, actor: &CurrentUser, target: &PersonId) -> Result<bool, AppError> {
    if actor.id == *target || actor.is_hr {
        return Ok(true);
    }
    people::is_above(db, &actor.id, target).await
}

/// Whether `actor`, already allowed to see `target`, may also open `target`'s
/// manager. Your own manager is above you, so out of reach unless you are HR;
/// anyone else's manager is you or someone below you.
pub fn manager_reachable(actor: &CurrentUser, target: &PersonId) -> bool {
    actor.is_hr || actor.id != *target
}

/// Only HR admins see demographic attributes.
pub fn may_see_demographics(actor: &CurrentUser) -> bool {
    actor.is_hr
}

/// Only HR admins use the people directory.
pub fn ensure_hr(actor: &CurrentUser) -> Result<(), AppError> {
    if actor.is_hr {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}
