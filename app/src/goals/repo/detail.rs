//! What a goal's page and editor read beyond its list row: the extra
//! fields, key results, kept check-ins and the audit trail.

use crate::error::AppError;
use crate::goals::model::{CheckIn, GoalEvent, KeyResult, KrChange, KrKind, ReviewRecord, Status};
use crate::server::db::Db;
use crate::server::repo::{db_err, key_of, short_time};
use crate::shared::date::Day;
use surrealdb::types::{Datetime, RecordId, SurrealValue};

/// The fields of a goal that only its page and its editor need.
#[derive(Debug, Clone, SurrealValue)]
pub struct GoalExtra {
    pub description: String,
    pub own_progress: f64,
    pub alignment_weight: f64,
    pub hints: Vec<String>,
    pub predecessor: Option<RecordId>,
    pub review_outcome: Option<String>,
    pub review_reflection: Option<String>,
    pub reviewer_name: Option<String>,
    pub reviewed_at: Option<Datetime>,
}

pub async fn extra(db: &Db, id: &RecordId) -> Result<Option<GoalExtra>, AppError> {
    let mut res = db
        .query(
            "SELECT description, own_progress, alignment_weight,
                    hints, predecessor, review_outcome, review_reflection, reviewed_by.name AS reviewer_name, reviewed_at
             FROM ONLY $id",
        )
        .bind(("id", id.clone()))
        .await
        .map_err(db_err)?;
    res.take(0).map_err(db_err)
}

impl GoalExtra {
    pub fn review(&self) -> Option<ReviewRecord> {
        Some(ReviewRecord {
            outcome: self.review_outcome.clone()?,
            reflection: self.review_reflection.clone().unwrap_or_default(),
            by: self.reviewer_name.clone().unwrap_or_default(),
            at: self.reviewed_at.as_ref().map(short_time).unwrap_or_default(),
        })
    }
}

/// A key result as stored.
#[derive(Debug, Clone, SurrealValue)]
pub struct KrRow {
    pub id: RecordId,
    pub goal: RecordId,
    pub title: String,
    pub kind: String,
    pub unit: String,
    pub baseline: f64,
    pub target: f64,
    pub current: f64,
    pub done: bool,
    pub weight: f64,
    pub position: i64,
}

impl KrRow {
    pub fn kind(&self) -> KrKind {
        KrKind::parse(&self.kind).unwrap_or(KrKind::Metric)
    }

    pub fn progress(&self) -> f64 {
        crate::goals::rollup::kr_progress(self.kind(), self.baseline, self.target, self.current, self.done)
    }
}

impl From<KrRow> for KeyResult {
    fn from(r: KrRow) -> Self {
        KeyResult {
            id: key_of(&r.id),
            kind: r.kind(),
            progress: r.progress(),
            title: r.title,
            unit: r.unit,
            baseline: r.baseline,
            target: r.target,
            current: r.current,
            done: r.done,
            weight: r.weight,
        }
    }
}

/// A goal's key results in order.
pub async fn key_results(db: &Db, goal: &RecordId) -> Result<Vec<KrRow>, AppError> {
    let mut res = db
        .query(
            "SELECT id, goal, title, kind, unit, baseline, target, current, done, weight, position
             FROM key_result WHERE goal = $goal ORDER BY position",
        )
        .bind(("goal", goal.clone()))
        .await
        .map_err(db_err)?;
    res.take(0).map_err(db_err)
}

#[derive(SurrealValue)]
struct CheckInRow {
    at: Datetime,
    day: String,
    author_name: String,
    note: String,
    confidence: i64,
    changes: Vec<ChangeRow>,
    progress: f64,
    status: String,
}

/// One key result's move within a check-in, as stored.
#[derive(Debug, Clone, SurrealValue)]
pub struct ChangeRow {
    pub title: String,
    pub from: f64,
    pub to: f64,
}

/// Check-ins, oldest first, at most `limit` (the latest ones). Ordered by
/// day first: seeded check-ins are written at once but dated across the quarter.
pub async fn checkins(db: &Db, goal: &RecordId, limit: u32) -> Result<Vec<CheckIn>, AppError> {
    let mut res = db
        .query(
            "SELECT * FROM (SELECT at, day, author.name AS author_name, note, confidence, changes, progress, status
             FROM checkin WHERE goal = $goal ORDER BY day DESC, at DESC LIMIT $limit) ORDER BY day, at",
        )
        .bind(("goal", goal.clone()))
        .bind(("limit", limit as i64))
        .await
        .map_err(db_err)?;
    let rows: Vec<CheckInRow> = res.take(0).map_err(db_err)?;
    Ok(rows
        .into_iter()
        .map(|r| CheckIn {
            at: short_time(&r.at),
            day: Day::parse(&r.day).unwrap_or_else(|| Day::parse("1970-01-01").expect("static")),
            author: r.author_name,
            note: r.note,
            confidence: r.confidence.clamp(1, 10) as u8,
            changes: r
                .changes
                .into_iter()
                .map(|c| KrChange {
                    title: c.title,
                    from: c.from,
                    to: c.to,
                })
                .collect(),
            progress: r.progress,
            status: Status::parse(&r.status).unwrap_or(Status::OnTrack),
        })
        .collect())
}

#[derive(SurrealValue)]
struct EventRow {
    at: Datetime,
    actor_name: String,
    field: String,
    from: Option<String>,
    to: Option<String>,
}

/// The audit trail, newest first, at most `limit` entries.
pub async fn history(db: &Db, goal: &RecordId, limit: u32) -> Result<Vec<GoalEvent>, AppError> {
    let mut res = db
        .query(
            "SELECT at, actor.name AS actor_name, field, from, to FROM goal_event WHERE goal = $goal
             ORDER BY at DESC LIMIT $limit",
        )
        .bind(("goal", goal.clone()))
        .bind(("limit", limit as i64))
        .await
        .map_err(db_err)?;
    let rows: Vec<EventRow> = res.take(0).map_err(db_err)?;
    Ok(rows
        .into_iter()
        .map(|r| GoalEvent {
            at: short_time(&r.at),
            actor: r.actor_name,
            field: r.field,
            from: r.from,
            to: r.to,
        })
        .collect())
}
