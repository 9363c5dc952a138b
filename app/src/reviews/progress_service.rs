//! Where a cycle stands: HR's view by org unit and by manager, one team's
//! reviews for HR or the managers above it, and the reviewer's request for
//! more time, which HR grants (`review_service::extend`) or declines.

use crate::error::AppError;
use crate::reviews::model::progress::{CycleOverview, ReviewLine};
use crate::reviews::model::{ReviewKind, ReviewRef};
use crate::reviews::progress::{group, Tally, TallyOf, MAX_FIND, SHOWN};
use crate::reviews::repo::cycles::cycle_rid;
use crate::reviews::repo::progress as repo;
use crate::reviews::repo::results::cycle as cycle_info;
use crate::reviews::service::{rid_for, MAX_REASON};
use crate::server::db::Db;
use crate::server::repo::{key_of, person_rid};
use crate::server::{authz, CurrentUser};
use crate::shared::date::Day;
use crate::shared::ids::PersonId;

/// Longest extension a reviewer may ask for, in days from today.
pub const MAX_EXTENSION_DAYS: i32 = 60;

/// HR's overview of one cycle: its totals, and the units and managers
/// with most missing whose name contains `find` (empty for all). Their
/// `*_matched` counts stop at one more than is shown.
pub async fn overview(db: &Db, user: &CurrentUser, cycle: &str, find: &str) -> Result<CycleOverview, AppError> {
    authz::ensure_hr(user)?;
    let find = find.trim();
    if find.chars().count() > MAX_FIND {
        return Err(AppError::Invalid(format!(
            "Search for a name of at most {MAX_FIND} characters."
        )));
    }
    let info = cycle_info(db, cycle).await?.ok_or(AppError::NotFound)?;
    let rid = cycle_rid(cycle);
    // One more than is shown, to know whether there are more.
    let n = SHOWN + 1;
    let (units, managers, requests) = futures::try_join!(
        repo::top(db, &rid, "unit", find, n),
        repo::top(db, &rid, "manager", find, n),
        repo::requests(db, &rid)
    )?;
    let owners: Vec<_> = units.into_iter().chain(managers).collect();
    let tallies = repo::tallies(db, &rid, &owners).await?;
    let tallies: Vec<Tally> = tallies
        .into_iter()
        .filter_map(|t| {
            Some(Tally {
                of: TallyOf::parse(&t.by)?,
                key: key_of(&t.owner),
                label: t.owner_name,
                kind: ReviewKind::parse(&t.kind)?,
                expected: t.expected.clamp(0, u32::MAX as i64) as u32,
                submitted: t.submitted.clamp(0, u32::MAX as i64) as u32,
            })
        })
        .collect();
    let g = group(&tallies, find);
    let matched = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Ok(CycleOverview {
        key: cycle.to_owned(),
        name: info.name,
        write_due: info
            .write_due
            .as_deref()
            .and_then(Day::parse)
            .ok_or(AppError::Internal)?,
        find: find.to_owned(),
        totals: g.totals,
        units_matched: matched(g.units.matched),
        units: g.units.rows,
        managers_matched: matched(g.managers.matched),
        managers: g.managers.rows,
        requests,
    })
}

/// The reviews about one manager's reports: for HR, the manager, and the
/// managers above them.
pub async fn team(db: &Db, user: &CurrentUser, cycle: &str, manager: &PersonId) -> Result<Vec<ReviewLine>, AppError> {
    authz::ensure_can_reach(db, user, manager).await?;
    cycle_info(db, cycle).await?.ok_or(AppError::NotFound)?;
    repo::team(db, &cycle_rid(cycle), &person_rid(manager)).await
}

/// The reviewer asks HR for a later deadline on one of their drafts.
pub async fn request_extension(
    db: &Db,
    user: &CurrentUser,
    r: &ReviewRef,
    until: Day,
    reason: &str,
    today: Day,
) -> Result<(), AppError> {
    let id = rid_for(r, &user.id)?;
    let row = crate::reviews::repo::drafts::review(db, &id)
        .await?
        .ok_or(AppError::NotFound)?;
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > MAX_REASON {
        return Err(AppError::Invalid(format!(
            "Say why you need more time (up to {MAX_REASON} characters); HR decides from it."
        )));
    }
    let due = row.due().ok_or(AppError::Internal)?;
    if until <= today || until <= due {
        return Err(AppError::Invalid(format!(
            "Ask for a day after both today and the current deadline ({due})."
        )));
    }
    if today.days_until(until) > MAX_EXTENSION_DAYS {
        return Err(AppError::Invalid(format!(
            "Ask for at most {MAX_EXTENSION_DAYS} days from today; talk to HR about anything longer."
        )));
    }
    if repo::request(db, &id, until, reason).await? {
        Ok(())
    } else {
        Err(AppError::Invalid(
            "This review is already submitted, so it needs no more time.".into(),
        ))
    }
}

/// HR declines a request; the deadline stays as it was.
pub async fn decline_extension(
    db: &Db,
    user: &CurrentUser,
    r: &ReviewRef,
    reviewer: &PersonId,
) -> Result<(), AppError> {
    authz::ensure_hr(user)?;
    let id = rid_for(r, reviewer)?;
    repo::close_request(db, &id).await
}

#[cfg(test)]
mod tests;
