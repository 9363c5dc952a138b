//! A person's results in a cycle: who may see them and when, sharing by the
//! manager, and the ratee's acknowledgement and response. Anonymous answers
//! leave this module only as group figures (`reviews::results`), and only
//! as released once writing has closed for the ratee (`reviews::release`).

use crate::anonymity::threshold;
use crate::error::AppError;
use crate::people::repo as people;
use crate::reviews::model::form::{CompetencyView, ReviewResults};
use crate::reviews::model::ReviewKind;
use crate::reviews::release::{release, writing_closed, Frozen, Member};
use crate::reviews::repo::cycles::cycle_rid;
use crate::reviews::repo::release as release_repo;
use crate::reviews::repo::results as repo;
use crate::reviews::results::{anonymous_groups, competency_rows};
use crate::server::db::Db;
use crate::server::repo::person_rid;
use crate::server::CurrentUser;
use crate::shared::date::Day;
use crate::shared::ids::PersonId;
use surrealdb::types::RecordId;

/// Longest response the ratee may add.
pub const MAX_RESPONSE: usize = 4_000;

/// The ratee's results: for the ratee once shared, and for the manager who
/// wrote their manager review. Nobody else, HR included, reads them: HR
/// sees how many answered (`progress_service`), never who or what.
pub async fn results(
    db: &Db,
    user: &CurrentUser,
    cycle: &str,
    ratee: &PersonId,
    today: Day,
) -> Result<ReviewResults, AppError> {
    let info = repo::cycle(db, cycle).await?.ok_or(AppError::NotFound)?;
    let c = cycle_rid(cycle);
    let r = person_rid(ratee);
    let answers = repo::submitted(db, &c, &r).await?;
    let sign = repo::sign_off(db, &c, &r).await?;
    let me = person_rid(&user.id);
    let manager = answers.iter().find(|a| a.answer.kind == ReviewKind::Manager);
    let is_manager = manager.is_some_and(|m| m.reviewer == me)
        || (manager.is_none() && crate::people::repo::org_chart::managers(db, &r).await?.first() == Some(&me));
    let is_ratee = user.id == *ratee;
    if !is_manager && !is_ratee {
        return Err(AppError::Forbidden);
    }
    if is_ratee && sign.shared_on.is_none() {
        return Err(AppError::Invalid(
            "Your results are not shared yet. Your manager shares them once their review is done.".into(),
        ));
    }
    let template = crate::reviews::repo::templates::template(db, info.template.as_ref().ok_or(AppError::NotFound)?)
        .await?
        .ok_or(AppError::Internal)?;
    let person = people::summary(db, ratee).await?.ok_or(AppError::NotFound)?;
    let view = template.view(person.direct_reports > 0);
    let min = threshold(info.anonymity.unwrap_or(3).max(0) as usize);
    let released = released(db, &info, (&c, &r), &answers, &view.competencies, min, today).await?;
    let anonymous_waiting = released.is_none();
    let sharable = is_manager && manager.is_some() && sign.shared_on.is_none();
    let share_note = sharable
        .then(|| crate::reviews::phase::check_share(info.phase(today)).err())
        .flatten();
    let (groups, means) = match released {
        Some(f) => (f.groups, f.means),
        // Nothing yet: every group hidden, as a group too small is.
        None => anonymous_groups(&view.competencies, &[], min),
    };
    let self_review = answers.iter().find(|a| a.answer.kind == ReviewKind::SelfReview);
    let competencies = competency_rows(
        &view.competencies,
        self_review.map(|a| &a.answer),
        manager.map(|a| &a.answer),
        means,
    );
    let name_of = |key: &str| {
        view.competencies
            .iter()
            .find(|c| c.key == key)
            .map(|c| c.name.clone())
            .unwrap_or_else(|| key.to_owned())
    };
    Ok(ReviewResults {
        cycle_name: info.name,
        manager_name: manager.map(|m| m.reviewer_name.clone()),
        manager_comments: manager
            .map(|m| {
                let goals = Some(("Goal achievement".to_owned(), m.goal_comment.clone()));
                m.answer
                    .ratings
                    .iter()
                    .map(|(k, _, c)| (name_of(k), c.clone()))
                    .chain(goals)
                    .filter(|(_, c)| !c.trim().is_empty())
                    .collect()
            })
            .unwrap_or_default(),
        manager_answers: manager
            .map(|m| {
                view.questions
                    .iter()
                    .cloned()
                    .zip(m.answer.answers.iter().cloned())
                    .filter(|(_, a)| !a.trim().is_empty())
                    .collect()
            })
            .unwrap_or_default(),
        manager_overall: manager.and_then(|m| m.overall),
        self_overall: self_review.and_then(|s| s.overall),
        manager_goals: manager.and_then(|m| m.goal_rating),
        self_goals: self_review.and_then(|s| s.goal_rating),
        competencies,
        groups,
        anonymous_waiting,
        shared_on: sign.shared_on.as_deref().and_then(Day::parse),
        acknowledged_on: sign.acknowledged_on.as_deref().and_then(Day::parse),
        response: sign.response,
        may_share: sharable && share_note.is_none(),
        share_note,
        may_acknowledge: is_ratee,
        ratee: person,
    })
}

/// The manager shares the results with the ratee, once their own review of
/// the ratee is submitted.
pub async fn share(db: &Db, user: &CurrentUser, cycle: &str, ratee: &PersonId, today: Day) -> Result<(), AppError> {
    let info = repo::cycle(db, cycle).await?.ok_or(AppError::NotFound)?;
    let c = cycle_rid(cycle);
    let r = person_rid(ratee);
    let me = person_rid(&user.id);
    let answers = repo::submitted(db, &c, &r).await?;
    if !answers
        .iter()
        .any(|a| a.answer.kind == ReviewKind::Manager && a.reviewer == me)
    {
        let manages = crate::people::repo::org_chart::managers(db, &r).await?.first() == Some(&me);
        return Err(if manages {
            AppError::Invalid("Submit your own review of them first; then share the results.".into())
        } else {
            AppError::Forbidden
        });
    }
    crate::reviews::phase::check_share(info.phase(today)).map_err(AppError::Invalid)?;
    repo::record(db, &c, &r, &me, "shared", today, "").await?;
    crate::reviews::notices::shared(db, &r, cycle, &info.name, &user.name).await;
    Ok(())
}

/// The ratee acknowledges their shared results, optionally with a response.
/// Acknowledging again replaces the response; the history keeps each one.
pub async fn acknowledge(db: &Db, user: &CurrentUser, cycle: &str, response: &str, today: Day) -> Result<(), AppError> {
    repo::cycle(db, cycle).await?.ok_or(AppError::NotFound)?;
    if response.chars().count() > MAX_RESPONSE {
        return Err(AppError::Invalid(format!(
            "Keep the response under {MAX_RESPONSE} characters."
        )));
    }
    let c = cycle_rid(cycle);
    let me = person_rid(&user.id);
    if repo::sign_off(db, &c, &me).await?.shared_on.is_none() {
        return Err(AppError::Invalid(
            "There is nothing to acknowledge yet: your results have not been shared.".into(),
        ));
    }
    repo::record(db, &c, &me, &me, "acknowledged", today, response.trim()).await
}

/// The anonymous answers as released, or `None` until writing first
/// closes for the ratee. The first read after that releases them; later
/// reads get the same figures, even while an extension reopens writing,
/// unless `release::release` allows a re-release once writing has closed
/// again. Two readers at once store one release: the second keeps what
/// the first stored.
async fn released(
    db: &Db,
    info: &repo::CycleInfo,
    (c, r): (&RecordId, &RecordId),
    answers: &[repo::Submitted],
    competencies: &[CompetencyView],
    min: usize,
    today: Day,
) -> Result<Option<Frozen>, AppError> {
    let (version, stored) = release_repo::load(db, c, r).await?;
    let write_due = info
        .write_due
        .as_deref()
        .and_then(Day::parse)
        .ok_or(AppError::Internal)?;
    let open = release_repo::open_dues(db, c, r).await?;
    if !writing_closed(info.phase(today), write_due, &open, today) {
        return Ok(stored);
    }
    let members: Vec<Member> = answers
        .iter()
        .filter(|a| a.answer.kind.is_anonymous())
        .map(|a| Member {
            key: fingerprint(a),
            answer: a.answer.clone(),
        })
        .collect();
    let Some(next) = release(stored.as_ref(), &members, competencies, min) else {
        return Ok(stored);
    };
    if let Err(e) = release_repo::store(db, c, r, version, &next).await {
        // A reader that lost the race keeps what the winner stored.
        if release_repo::load(db, c, r).await?.0 == version {
            return Err(e);
        }
    }
    Ok(release_repo::load(db, c, r).await?.1)
}

/// A digest naming one version of one answer: who wrote it and what it
/// says. It never leaves the server and names nobody.
fn fingerprint(a: &repo::Submitted) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(crate::server::repo::key_of(&a.reviewer));
    h.update([0]);
    h.update(a.answer.kind.as_str());
    for (k, rating, comment) in &a.answer.ratings {
        h.update([0]);
        h.update(k);
        h.update([0, *rating]);
        h.update(comment);
    }
    for text in &a.answer.answers {
        h.update([1]);
        h.update(text);
    }
    h.finalize().iter().take(12).map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod differencing_tests;
#[cfg(test)]
mod tests;
