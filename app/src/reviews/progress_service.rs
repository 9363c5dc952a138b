//! Where a cycle stands: HR's view by org unit and by manager, one team's
//! reviews for HR or the managers above it, and the reviewer's request for
//! more time, which HR grants (`review_service::extend`) or declines.

use crate::error::AppError;
use crate::reviews::model::progress::{AnonymousTally, CycleOverview, ReviewLine, TeamReviews};
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
/// managers above them. Self and manager reviews are listed by writer;
/// peer and upward reviews only counted per ratee, so nobody learns who
/// wrote one, or when.
pub async fn team(db: &Db, user: &CurrentUser, cycle: &str, manager: &PersonId) -> Result<TeamReviews, AppError> {
    authz::ensure_can_reach(db, user, manager).await?;
    cycle_info(db, cycle).await?.ok_or(AppError::NotFound)?;
    let lines = repo::team(db, &cycle_rid(cycle), &person_rid(manager)).await?;
    let (anonymous, named): (Vec<ReviewLine>, Vec<ReviewLine>) =
        lines.into_iter().partition(|l| l.review.kind.is_anonymous());
    let mut tallies: Vec<AnonymousTally> = Vec::new();
    for l in anonymous {
        let done = u32::from(l.submitted_on.is_some());
        match tallies.iter_mut().find(|t| t.review == l.review) {
            Some(t) => {
                t.expected += 1;
                t.submitted += done;
            }
            None => tallies.push(AnonymousTally {
                review: l.review,
                ratee_name: l.ratee_name,
                submitted: done,
                expected: 1,
            }),
        }
    }
    Ok(TeamReviews {
        named,
        anonymous: tallies,
    })
}

/// HR extends every missing peer (or upward) review about one ratee
/// together: the anonymous kinds' only extension besides a writer's own
/// request. Returns how many were extended.
pub async fn extend_missing(
    db: &Db,
    user: &CurrentUser,
    r: &ReviewRef,
    until: Day,
    today: Day,
) -> Result<u32, AppError> {
    authz::ensure_hr(user)?;
    if !r.kind.is_anonymous() {
        return Err(AppError::Invalid(
            "Self and manager reviews are extended one by one, by their writer's line.".into(),
        ));
    }
    if until < today {
        return Err(AppError::Invalid(
            "The new deadline has already passed; pick a day from today on.".into(),
        ));
    }
    let ratee = PersonId::parse(&r.ratee).ok_or(AppError::NotFound)?;
    cycle_info(db, &r.cycle).await?.ok_or(AppError::NotFound)?;
    let n =
        crate::reviews::repo::drafts::extend_all(db, &cycle_rid(&r.cycle), &person_rid(&ratee), r.kind, until).await?;
    if n == 0 {
        return Err(AppError::Invalid(
            "Every one of these reviews is already submitted; none needs more time.".into(),
        ));
    }
    let until_s = until.to_string();
    crate::reviews::notices::extended_all(db, &cycle_rid(&r.cycle), &person_rid(&ratee), r.kind, &until_s).await;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
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

/// HR grants a request, by its handle, until the day asked for.
pub async fn grant_request(db: &Db, user: &CurrentUser, handle: &str) -> Result<(), AppError> {
    authz::ensure_hr(user)?;
    let (review, until) = repo::by_handle(db, handle).await?.ok_or_else(answered)?;
    // A request exists only while its review is a draft (`submit` closes it).
    crate::reviews::repo::drafts::extend(db, &review, until).await?;
    repo::close_request(db, &review).await?;
    crate::reviews::notices::extended(db, vec![review], &until.to_string()).await;
    Ok(())
}

/// HR declines a request, by its handle; the deadline stays as it was.
pub async fn decline_request(db: &Db, user: &CurrentUser, handle: &str) -> Result<(), AppError> {
    authz::ensure_hr(user)?;
    let (review, _) = repo::by_handle(db, handle).await?.ok_or_else(answered)?;
    repo::close_request(db, &review).await
}

fn answered() -> AppError {
    AppError::Invalid("That request has already been answered, or its review submitted.".into())
}

#[cfg(test)]
mod anonymous_tests;
#[cfg(test)]
mod tests;
