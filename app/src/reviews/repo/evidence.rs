//! The reads behind a review's evidence panel: one person's feedback
//! received, check-ins on given goals and coaching records, each limited to
//! the review period and found through its index.

use crate::error::AppError;
use crate::server::db::Db;
use crate::server::repo::{db_err, key_of};
use crate::shared::date::Day;
use surrealdb::types::{RecordId, SurrealValue};

/// Most rows of one kind the panel reads; a period with more is summarised
/// by its latest ones.
pub const LIMIT: i64 = 400;

/// Feedback received, with what the visibility rule needs.
#[derive(SurrealValue)]
pub struct FeedbackEvidence {
    pub id: RecordId,
    pub giver: RecordId,
    pub giver_name: String,
    pub kind: String,
    pub visibility: String,
    pub happened_on: String,
    pub behaviour: String,
    pub body: String,
}

/// Names its index, so that an index on `happened_on` (0021 had one) can
/// never draw the planner to every person's feedback in the period.
pub(crate) const FEEDBACK: &str =
    "SELECT * FROM (SELECT id, giver, giver.name AS giver_name, kind, visibility, happened_on, behaviour, body
       FROM feedback WITH INDEX feedback_recipient WHERE recipient = $p AND written_at >= <datetime>$since
         AND deleted_at = NONE AND happened_on >= $from AND happened_on <= $to
       ORDER BY written_at DESC LIMIT $limit) ORDER BY happened_on";

/// Feedback `person` received about days in `from..=to`. Written on or after
/// `from` (the recipient index); what was written after the period about a
/// day in it still counts.
pub async fn feedback(db: &Db, person: &RecordId, from: Day, to: Day) -> Result<Vec<FeedbackEvidence>, AppError> {
    let mut res = db
        .query(FEEDBACK)
        .bind(("p", person.clone()))
        .bind(("since", format!("{from}T00:00:00Z")))
        .bind(("from", from.to_string()))
        .bind(("to", to.to_string()))
        .bind(("limit", LIMIT))
        .await
        .map_err(db_err)?;
    res.take(0).map_err(db_err)
}

/// A check-in on one of the goals.
#[derive(SurrealValue)]
pub struct CheckInEvidence {
    pub id: RecordId,
    pub goal: RecordId,
    pub goal_title: String,
    pub day: String,
    pub note: String,
    pub status: String,
    pub progress: f64,
}

/// Check-ins on `goals` dated in `from..=to`, oldest first.
pub async fn checkins(db: &Db, goals: Vec<RecordId>, from: Day, to: Day) -> Result<Vec<CheckInEvidence>, AppError> {
    if goals.is_empty() {
        return Ok(Vec::new());
    }
    let mut res = db
        .query(
            "SELECT id, goal, goal.title AS goal_title, day, note, status, progress
             FROM checkin WHERE goal IN $goals AND day >= $from AND day <= $to ORDER BY day LIMIT $limit",
        )
        .bind(("goals", goals))
        .bind(("from", from.to_string()))
        .bind(("to", to.to_string()))
        .bind(("limit", LIMIT))
        .await
        .map_err(db_err)?;
    res.take(0).map_err(db_err)
}

/// A coaching conversation about the person.
#[derive(SurrealValue)]
pub struct CoachingEvidence {
    pub id: RecordId,
    pub coach: RecordId,
    pub coach_name: String,
    pub topic: String,
    pub agreed: String,
    pub happened_on: String,
}

/// Coaching records about `person` in `from..=to`, oldest first.
pub async fn coaching(db: &Db, person: &RecordId, from: Day, to: Day) -> Result<Vec<CoachingEvidence>, AppError> {
    let mut res = db
        .query(
            "SELECT id, coach, coach.name AS coach_name, topic, agreed, happened_on
             FROM coaching WHERE person = $p AND happened_on >= $from AND happened_on <= $to
             ORDER BY happened_on LIMIT $limit",
        )
        .bind(("p", person.clone()))
        .bind(("from", from.to_string()))
        .bind(("to", to.to_string()))
        .bind(("limit", LIMIT))
        .await
        .map_err(db_err)?;
    res.take(0).map_err(db_err)
}

/// An evidence item's id: its table and key, e.g. `feedback:abc`.
pub fn item_id(id: &RecordId) -> String {
    format!("{}:{}", id.table.as_str(), key_of(id))
}
