//! A review as its reviewer writes it: reading the draft, autosaving it,
//! submitting (which locks it), and HR's reopen and extension.

use crate::error::AppError;
use crate::reviews::model::form::{RatingDraft, ReviewDraft};
use crate::server::db::Db;
use crate::server::repo::db_err;
use crate::shared::date::Day;
use surrealdb::types::{RecordId, SurrealValue};

/// One competency's rating as stored; a draft may leave it unrated.
#[derive(SurrealValue)]
struct RatingRow {
    competency: String,
    rating: Option<i64>,
    comment: String,
}

/// A review as its reviewer's form needs it.
#[derive(SurrealValue)]
pub struct ReviewRow {
    pub cycle_name: String,
    pub period_from: String,
    pub period_to: String,
    pub template: Option<RecordId>,
    pub status: String,
    pub due: Option<String>,
    ratings: Vec<RatingRow>,
    answers: Vec<String>,
    overall: Option<i64>,
    cited: Vec<String>,
    goal_rating: Option<i64>,
    goal_comment: String,
    pub saved_at: Option<String>,
}

impl ReviewRow {
    pub fn draft(&self) -> ReviewDraft {
        ReviewDraft {
            ratings: self
                .ratings
                .iter()
                .map(|r| RatingDraft {
                    competency: r.competency.clone(),
                    rating: r.rating.map(|n| n.clamp(0, 255) as u8),
                    comment: r.comment.clone(),
                })
                .collect(),
            answers: self.answers.clone(),
            overall: self.overall.map(|n| n.clamp(0, 255) as u8),
            cited: self.cited.clone(),
            goal_rating: self.goal_rating.map(|n| n.clamp(0, 255) as u8),
            goal_comment: self.goal_comment.clone(),
        }
    }

    pub fn due(&self) -> Option<Day> {
        self.due.as_deref().and_then(Day::parse)
    }
}

/// One review by id, if it exists.
pub async fn review(db: &Db, id: &RecordId) -> Result<Option<ReviewRow>, AppError> {
    let mut res = db
        .query(
            "SELECT cycle.name AS cycle_name, cycle.period_from AS period_from, period_to,
                    cycle.template AS template, status, due, ratings, answers, overall, cited ?? [] AS cited, goal_rating, goal_comment ?? '' AS goal_comment,
                    IF saved_at = NONE { NONE } ELSE { time::format(saved_at, '%Y-%m-%d %H:%M') } AS saved_at
             FROM ONLY $r",
        )
        .bind(("r", id.clone()))
        .await
        .map_err(db_err)?;
    res.take(0).map_err(db_err)
}

fn ratings_out(d: &ReviewDraft) -> Vec<RatingRow> {
    d.ratings
        .iter()
        .map(|r| RatingRow {
            competency: r.competency.clone(),
            rating: r.rating.map(i64::from),
            comment: r.comment.clone(),
        })
        .collect()
}

/// Stores a draft, only while the review is still a draft. Returns whether
/// it was stored (false: it was submitted in the meantime).
pub async fn save_draft(db: &Db, id: &RecordId, d: &ReviewDraft) -> Result<bool, AppError> {
    let mut res = db
        .query(
            "UPDATE $r SET ratings = $ratings, answers = $answers, overall = $overall, cited = $cited, goal_rating = $goal_rating, goal_comment = $goal_comment,
                saved_at = time::now(), updated_at = time::now()
             WHERE status = 'draft' RETURN VALUE id",
        )
        .bind(("r", id.clone()))
        .bind(("ratings", ratings_out(d)))
        .bind(("answers", d.answers.clone()))
        .bind(("overall", d.overall.map(i64::from)))
        .bind(("cited", d.cited.clone()))
        .bind(("goal_rating", d.goal_rating.map(i64::from)))
        .bind(("goal_comment", d.goal_comment.clone()))
        .await
        .map_err(db_err)?;
    let ids: Vec<RecordId> = res.take(0).map_err(db_err)?;
    Ok(!ids.is_empty())
}

/// Stores the final text and locks the review, if it is still a draft.
/// Submitting changes the review's tallies (its unit's, manager's and the
/// cycle's rows), which every submission in the cycle shares: a write that
/// loses that race is run again.
pub async fn submit(db: &Db, id: &RecordId, d: &ReviewDraft, score: f64, today: Day) -> Result<bool, AppError> {
    let ids: Vec<RecordId> = crate::server::repo::query_retrying(
        || {
            db.query(
                "UPDATE $r SET ratings = $ratings, answers = $answers, overall = $overall, cited = $cited, goal_rating = $goal_rating, goal_comment = $goal_comment, score = $score,
                    status = 'submitted', submitted_on = $today, saved_at = time::now(), updated_at = time::now()
                 WHERE status = 'draft' RETURN VALUE id",
            )
            .bind(("r", id.clone()))
            .bind(("ratings", ratings_out(d)))
            .bind(("answers", d.answers.clone()))
            .bind(("overall", d.overall.map(i64::from)))
            .bind(("cited", d.cited.clone()))
            .bind(("goal_rating", d.goal_rating.map(i64::from)))
            .bind(("goal_comment", d.goal_comment.clone()))
            .bind(("score", score))
            .bind(("today", today.to_string()))
        },
        0,
    )
    .await?;
    Ok(!ids.is_empty())
}

/// Reopens a submitted review as a draft and records who did it and why.
/// Like submitting, reopening changes the shared tallies (and is retried).
pub async fn reopen(db: &Db, id: &RecordId, by: &RecordId, reason: &str) -> Result<bool, AppError> {
    let ids: Vec<RecordId> = crate::server::repo::query_retrying(
        || {
            db.query(
                "UPDATE $r SET status = 'draft', submitted_on = NONE, score = NONE, updated_at = time::now(),
                    reopened += { by: $by, at: time::now(), reason: $reason }
                 WHERE status = 'submitted' RETURN VALUE id",
            )
            .bind(("r", id.clone()))
            .bind(("by", by.clone()))
            .bind(("reason", reason.to_owned()))
        },
        0,
    )
    .await?;
    Ok(!ids.is_empty())
}

/// Extends the deadline of every unsubmitted review of `kind` about `ratee`;
/// how many there were. By the ratee's index, as the other reads of one
/// person's reviews (`results::IS_PARTICIPANT`).
pub async fn extend_all(
    db: &Db,
    cycle: &RecordId,
    ratee: &RecordId,
    kind: crate::reviews::model::ReviewKind,
    until: Day,
) -> Result<usize, AppError> {
    let mut res = db
        .query(
            "UPDATE (SELECT VALUE id FROM review WITH INDEX review_ratee
                 WHERE ratee = $r AND cycle = $c AND kind = $kind AND status = 'draft')
             SET due = $until, updated_at = time::now() RETURN VALUE id",
        )
        .bind(("r", ratee.clone()))
        .bind(("c", cycle.clone()))
        .bind(("kind", kind.as_str().to_owned()))
        .bind(("until", until.to_string()))
        .await
        .map_err(db_err)?;
    let ids: Vec<RecordId> = res.take(0).map_err(db_err)?;
    Ok(ids.len())
}

/// Extends a review's deadline.
pub async fn extend(db: &Db, id: &RecordId, until: Day) -> Result<bool, AppError> {
    let mut res = db
        .query("UPDATE $r SET due = $until, updated_at = time::now() WHERE status = 'draft' RETURN VALUE id")
        .bind(("r", id.clone()))
        .bind(("until", until.to_string()))
        .await
        .map_err(db_err)?;
    let ids: Vec<RecordId> = res.take(0).map_err(db_err)?;
    Ok(!ids.is_empty())
}
