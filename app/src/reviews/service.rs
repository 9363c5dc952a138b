//! Review cycles run in Tend: HR starts a cycle, reviewers write and submit
//! their reviews, HR reopens or extends one. Each function authenticates
//! nothing itself (the server function did) but authorises the actor: a
//! review's id holds its reviewer, so a reviewer can only ever reach their
//! own drafts.

use crate::error::AppError;
use crate::people::repo as people;
use crate::reviews::import_check::score;
use crate::reviews::model::form::{CycleDraft, CycleProgress, ReviewDraft, ReviewForm, ReviewTask};
use crate::reviews::model::{ReviewKind, ReviewRef};
use crate::reviews::phase::Phase;
use crate::reviews::repo::{cycles as repo, drafts, templates};
use crate::reviews::{phase as review_phase, rules as review_rules};
use crate::server::db::Db;
use crate::server::repo::{key_of, person_rid};
use crate::server::CurrentUser;
use crate::shared::date::Day;
use crate::shared::ids::PersonId;
use surrealdb::types::RecordId;

/// Longest reason HR may give when reopening a review.
pub const MAX_REASON: usize = 500;

/// HR starts a cycle on the newest standard template: for each participant,
/// as the cycle's kinds say, a self review, a review by their manager and
/// their review of their manager (upward). Peer reviews come later, from
/// approved nominations.
pub async fn create_cycle(db: &Db, user: &CurrentUser, draft: &CycleDraft, today: Day) -> Result<String, AppError> {
    crate::server::authz::ensure_hr(user)?;
    let plan = review_rules::plan_cycle(draft, today).map_err(AppError::Invalid)?;
    let unit = match draft.unit.trim() {
        "" => None,
        key => {
            let u = crate::people::repo::units::unit(db, Some(key)).await?.ok_or_else(|| {
                AppError::Invalid("There is no org unit by that name any more. Pick one from the list.".into())
            })?;
            Some(RecordId::new("org_unit", u.id.as_str()))
        }
    };
    let template = match &plan.template {
        None => templates::latest_template(db, templates::DEFAULT_TEMPLATE)
            .await?
            .ok_or(AppError::Internal)?,
        Some((name, version)) => templates::template_version(db, name, *version)
            .await?
            .ok_or_else(|| AppError::Invalid("That template version does not exist. Pick one from the list.".into()))?,
    };
    let people: Vec<repo::Placed> = repo::participants(db, unit.as_ref())
        .await?
        .into_iter()
        .filter(|p| plan.audience.includes(p.manages))
        .collect();
    // RecordId is not a map key; its key text is.
    let mut index: std::collections::HashMap<String, repo::Placed> =
        people.iter().map(|p| (key_of(&p.id), p.clone())).collect();
    // Upward reviews are of managers, who may sit outside the unit.
    if plan.kinds.contains(&ReviewKind::Upward) {
        let mut outside: Vec<RecordId> = Vec::new();
        for m in people.iter().filter_map(|p| p.manager.as_ref()) {
            if !index.contains_key(&key_of(m)) && !outside.contains(m) {
                outside.push(m.clone());
            }
        }
        for p in repo::placed(db, outside).await? {
            index.insert(key_of(&p.id), p);
        }
    }
    let place_of = |id: &RecordId| index.get(&key_of(id)).cloned();
    let mut reviews = Vec::new();
    for p in &people {
        if plan.kinds.contains(&ReviewKind::SelfReview) {
            reviews.push(repo::PlannedReview {
                ratee: p.clone(),
                reviewer: p.id.clone(),
                kind: ReviewKind::SelfReview,
            });
        }
        if let Some(m) = &p.manager {
            if plan.kinds.contains(&ReviewKind::Manager) {
                reviews.push(repo::PlannedReview {
                    ratee: p.clone(),
                    reviewer: m.clone(),
                    kind: ReviewKind::Manager,
                });
            }
            if plan.kinds.contains(&ReviewKind::Upward) {
                if let Some(placed) = place_of(m) {
                    reviews.push(repo::PlannedReview {
                        ratee: placed,
                        reviewer: p.id.clone(),
                        kind: ReviewKind::Upward,
                    });
                }
            }
        }
    }
    if reviews.is_empty() {
        return Err(AppError::Invalid(
            "Nobody in that unit and group would write or receive a review. Pick another unit or group.".into(),
        ));
    }
    let key = crate::server::repo::new_key("c");
    repo::create_cycle(db, &key, &plan, template.rid(), unit, &reviews).await?;
    crate::reviews::notices::assigned(db, &repo::cycle_rid(&key)).await;
    Ok(key)
}

/// The reviews the signed-in person is to write.
pub async fn tasks(db: &Db, user: &CurrentUser) -> Result<Vec<ReviewTask>, AppError> {
    repo::tasks(db, &person_rid(&user.id)).await
}

pub(crate) fn rid_for(r: &ReviewRef, reviewer: &PersonId) -> Result<RecordId, AppError> {
    let ratee = PersonId::parse(&r.ratee).ok_or(AppError::NotFound)?;
    if r.cycle.is_empty() || r.cycle.len() > 64 || !r.cycle.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(AppError::NotFound);
    }
    Ok(repo::review_rid(
        &repo::cycle_rid(&r.cycle),
        &person_rid(&ratee),
        &person_rid(reviewer),
        r.kind,
    ))
}

/// The review and its template, if `reviewer` writes it.
pub(crate) async fn load(db: &Db, id: &RecordId) -> Result<(drafts::ReviewRow, templates::TemplateRow), AppError> {
    let row = drafts::review(db, id).await?.ok_or(AppError::NotFound)?;
    let template = match &row.template {
        Some(t) => templates::template(db, t).await?.ok_or(AppError::Internal)?,
        None => return Err(AppError::NotFound),
    };
    Ok((row, template))
}

/// The form for one of the signed-in person's reviews.
pub async fn form(db: &Db, user: &CurrentUser, r: &ReviewRef) -> Result<ReviewForm, AppError> {
    let id = rid_for(r, &user.id)?;
    let (row, template) = load(db, &id).await?;
    let ratee_id = PersonId::parse(&r.ratee).ok_or(AppError::NotFound)?;
    let ratee = people::summary(db, &ratee_id).await?.ok_or(AppError::NotFound)?;
    let due = row.due().ok_or(AppError::Internal)?;
    Ok(ReviewForm {
        review: r.clone(),
        cycle_name: row.cycle_name.clone(),
        period_from: Day::parse(&row.period_from).ok_or(AppError::Internal)?,
        period_to: Day::parse(&row.period_to).ok_or(AppError::Internal)?,
        template: template.view(ratee.direct_reports > 0),
        draft: row.draft(),
        submitted: row.status == "submitted",
        due,
        saved_at: row.saved_at.clone(),
        request: crate::reviews::repo::progress::open_request(db, &id).await?,
        ratee,
    })
}

const LOCKED: &str = "This review has been submitted and is locked. Ask HR to reopen it if something must change.";

/// Saves a draft as the reviewer types; any well-formed draft is kept, even
/// after the deadline, so nothing written is lost.
pub async fn save(db: &Db, user: &CurrentUser, r: &ReviewRef, draft: &ReviewDraft) -> Result<(), AppError> {
    let id = rid_for(r, &user.id)?;
    let (row, template) = load(db, &id).await?;
    if row.status == "submitted" {
        return Err(AppError::Invalid(LOCKED.into()));
    }
    review_rules::check_draft(&template.view(false), draft).map_err(AppError::Invalid)?;
    if drafts::save_draft(db, &id, draft).await? {
        Ok(())
    } else {
        Err(AppError::Invalid(LOCKED.into()))
    }
}

/// Submits and locks a review: complete, extreme ratings explained, before
/// its deadline.
pub async fn submit(
    db: &Db,
    user: &CurrentUser,
    r: &ReviewRef,
    draft: &ReviewDraft,
    today: Day,
) -> Result<(), AppError> {
    let id = rid_for(r, &user.id)?;
    let (row, template) = load(db, &id).await?;
    if row.status == "submitted" {
        return Err(AppError::Invalid(LOCKED.into()));
    }
    let view = template.view(false);
    review_rules::check_draft(&view, draft).map_err(AppError::Invalid)?;
    let missing = review_rules::missing_for_submit(&view, draft);
    if !missing.is_empty() {
        // Keep what was written even though it cannot be submitted yet.
        drafts::save_draft(db, &id, draft).await?;
        return Err(AppError::Invalid(format!("Not submitted yet:\n{}", missing.join("\n"))));
    }
    if let Err(late) = review_rules::check_deadline(row.due().ok_or(AppError::Internal)?, today) {
        drafts::save_draft(db, &id, draft).await?;
        return Err(AppError::Invalid(late));
    }
    let (phase, extended) = phase_of(db, &r.cycle, row.due(), today).await?;
    if let Err(over) = review_phase::check_write(phase, extended) {
        drafts::save_draft(db, &id, draft).await?;
        return Err(AppError::Invalid(over));
    }
    let ratings: Vec<u8> = draft.ratings.iter().filter_map(|r| r.rating).collect();
    let score = score(draft.overall, &ratings).ok_or(AppError::Internal)?;
    if drafts::submit(db, &id, draft, score, today).await? {
        // A submitted review needs no more time.
        crate::reviews::repo::progress::close_request(db, &id).await?;
        if let Some(ratee) = PersonId::parse(&r.ratee) {
            crate::reviews::notices::submitted(db, &repo::cycle_rid(&r.cycle), &person_rid(&ratee), r.kind).await;
        }
        Ok(())
    } else {
        Err(AppError::Invalid(LOCKED.into()))
    }
}

/// HR reopens a submitted review; the reason is kept on the review.
pub async fn reopen(
    db: &Db,
    user: &CurrentUser,
    r: &ReviewRef,
    reviewer: &PersonId,
    reason: &str,
) -> Result<(), AppError> {
    crate::server::authz::ensure_hr(user)?;
    refuse_anonymous(r)?;
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > MAX_REASON {
        return Err(AppError::Invalid(format!(
            "Say why the review is reopened (up to {MAX_REASON} characters); the reviewer and the record keep it."
        )));
    }
    let id = rid_for(r, reviewer)?;
    if drafts::reopen(db, &id, &person_rid(&user.id), reason).await? {
        Ok(())
    } else {
        Err(AppError::Invalid(
            "That review is not submitted, so there is nothing to reopen.".into(),
        ))
    }
}

/// HR never acts on one named writer's peer or upward review: whether it
/// went through would tell who has written one (issue 22). The answer is
/// the same whoever is named, before anything is looked up.
fn refuse_anonymous(r: &ReviewRef) -> Result<(), AppError> {
    if r.kind.is_anonymous() {
        return Err(AppError::Invalid(
            "Peer and upward reviews are anonymous, so HR does not act on one writer's review: extend the missing ones together, or answer the writer's own request.".into(),
        ));
    }
    Ok(())
}

/// HR moves one named (self or manager) review's deadline.
pub async fn extend(
    db: &Db,
    user: &CurrentUser,
    r: &ReviewRef,
    reviewer: &PersonId,
    until: Day,
    today: Day,
) -> Result<(), AppError> {
    crate::server::authz::ensure_hr(user)?;
    refuse_anonymous(r)?;
    if until < today {
        return Err(AppError::Invalid(
            "The new deadline has already passed; pick a day from today on.".into(),
        ));
    }
    let id = rid_for(r, reviewer)?;
    if drafts::extend(db, &id, until).await? {
        // Granting answers the reviewer's request, if they made one.
        crate::reviews::repo::progress::close_request(db, &id).await?;
        crate::reviews::notices::extended(db, vec![id], &until.to_string()).await;
        Ok(())
    } else {
        Err(AppError::Invalid(
            "That review is already submitted or does not exist.".into(),
        ))
    }
}

/// HR's list of cycles with what has been submitted.
pub async fn progress(db: &Db, user: &CurrentUser, today: Day) -> Result<Vec<CycleProgress>, AppError> {
    crate::server::authz::ensure_hr(user)?;
    crate::reviews::repo::progress::cycle_table(db, today).await
}

/// HR moves a cycle on to its next phase, recorded on the cycle.
pub async fn advance(db: &Db, user: &CurrentUser, cycle: &str, today: Day) -> Result<Phase, AppError> {
    crate::server::authz::ensure_hr(user)?;
    let info = crate::reviews::repo::results::cycle(db, cycle)
        .await?
        .ok_or(AppError::NotFound)?;
    let schedule = info.schedule().ok_or(AppError::NotFound)?;
    let next = schedule
        .next(info.phase(today))
        .ok_or_else(|| AppError::Invalid("This cycle is closed; there is no phase after it.".into()))?;
    crate::reviews::repo::results::advance(db, cycle, next, &person_rid(&user.id)).await?;
    Ok(next)
}

/// The cycle's phase, and whether the review's own deadline was extended
/// beyond the cycle's.
async fn phase_of(db: &Db, cycle: &str, review_due: Option<Day>, today: Day) -> Result<(Phase, bool), AppError> {
    let info = crate::reviews::repo::results::cycle(db, cycle)
        .await?
        .ok_or(AppError::NotFound)?;
    let write_due = info.write_due.as_deref().and_then(Day::parse);
    let extended = matches!((review_due, write_due), (Some(r), Some(w)) if r > w);
    Ok((info.phase(today), extended))
}

#[cfg(test)]
mod tests;

/// The template versions HR may start a cycle on, as ("name|version", label).
pub async fn cycle_templates(db: &Db, user: &CurrentUser) -> Result<Vec<(String, String)>, AppError> {
    crate::server::authz::ensure_hr(user)?;
    templates::templates(db).await
}

/// The org units HR may start a cycle for, by name.
pub async fn cycle_units(db: &Db, user: &CurrentUser) -> Result<Vec<crate::people::model::OrgUnitRef>, AppError> {
    crate::server::authz::ensure_hr(user)?;
    repo::units(db).await
}

/// The names of the review cycles Tend holds, newest first, for HR.
pub async fn cycle_names(db: &Db, user: &CurrentUser) -> Result<Vec<String>, AppError> {
    crate::server::authz::ensure_hr(user)?;
    crate::reviews::repo::cycle_names(db).await
}
