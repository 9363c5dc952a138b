//! Writing goals. Every change is one transaction together with its audit
//! events, so a goal never changes without a record of who changed what.
//! Roll-ups are recomputed after the transaction (see `goal_rollup`).

use crate::error::AppError;
use crate::goals::repo::detail::KrRow;
use crate::goals::repo::rollup::Computed;
use crate::server::db::Db;
use crate::server::repo::{db_err, exec_retrying};
use surrealdb::types::{RecordId, SurrealValue};

/// A new goal's fields.
#[derive(Debug, Clone, SurrealValue)]
pub struct NewGoal {
    pub level: String,
    pub unit: RecordId,
    pub owner: RecordId,
    pub title: String,
    pub description: String,
    pub quarter: Option<String>,
    pub period_start: String,
    pub period_end: String,
    pub due: Option<String>,
    pub parent: Option<RecordId>,
    pub alignment_weight: f64,
    pub visibility: String,
    pub status: String,
    pub hints: Vec<String>,
    pub predecessor: Option<RecordId>,
    pub created_by: RecordId,
}

/// One audited change.
#[derive(Debug, Clone, SurrealValue)]
pub struct Event {
    pub goal: RecordId,
    pub actor: RecordId,
    pub field: String,
    pub from: Option<String>,
    pub to: Option<String>,
}

impl Event {
    pub fn new(
        goal: &RecordId,
        actor: &RecordId,
        field: impl Into<String>,
        from: Option<String>,
        to: Option<String>,
    ) -> Self {
        Event {
            goal: goal.clone(),
            actor: actor.clone(),
            field: field.into(),
            from,
            to,
        }
    }
}

/// Marks a goal as reviewed at quarter end.
#[derive(Debug, Clone, SurrealValue)]
pub struct ReviewMark {
    pub goal: RecordId,
    pub outcome: String,
    pub reflection: String,
    pub by: RecordId,
}

/// Creates a goal with its key results; when `review` is given (a carry-over),
/// marks the predecessor reviewed in the same transaction.
pub async fn create(
    db: &Db,
    id: &RecordId,
    goal: NewGoal,
    krs: Vec<KrRow>,
    events: Vec<Event>,
    review: Option<ReviewMark>,
) -> Result<(), AppError> {
    exec_retrying(|| {
        db.query(
            "BEGIN TRANSACTION;
             IF $review != NONE AND $review.goal.review_outcome != NONE { THROW 'already reviewed' };
             CREATE $id CONTENT $goal;
             INSERT INTO key_result $krs;
             IF $goal.parent != NONE { UPDATE $goal.parent SET child_count += 1 };
             INSERT INTO goal_event $events;
             IF $review != NONE {
                 UPDATE $review.goal SET review_outcome = $review.outcome, review_reflection = $review.reflection,
                     reviewed_by = $review.by, reviewed_at = time::now()
             };
             COMMIT TRANSACTION;",
        )
        .bind(("id", id.clone()))
        .bind(("goal", goal.clone()))
        .bind(("krs", krs.clone()))
        .bind(("events", events.clone()))
        .bind(("review", review.clone()))
    })
    .await
}

/// The editable fields of an existing goal.
#[derive(Debug, Clone, SurrealValue)]
pub struct GoalEdit {
    pub title: String,
    pub description: String,
    pub quarter: Option<String>,
    pub period_start: String,
    pub period_end: String,
    pub due: Option<String>,
    pub parent: Option<RecordId>,
    pub alignment_weight: f64,
    pub visibility: String,
    pub hints: Vec<String>,
}

/// Saves an edit: goal fields, key results changed, added and removed, the
/// parents' child counts, and the audit events, atomically.
#[allow(clippy::too_many_arguments)]
pub async fn update(
    db: &Db,
    id: &RecordId,
    edit: GoalEdit,
    old_parent: Option<RecordId>,
    changed_krs: Vec<KrRow>,
    new_krs: Vec<KrRow>,
    removed_krs: Vec<RecordId>,
    events: Vec<Event>,
) -> Result<(), AppError> {
    exec_retrying(|| {
        db.query(
            "BEGIN TRANSACTION;
             UPDATE $id SET title = $e.title, description = $e.description, quarter = $e.quarter,
                 period_start = $e.period_start, period_end = $e.period_end, due = $e.due, parent = $e.parent,
                 alignment_weight = $e.alignment_weight, visibility = $e.visibility, hints = $e.hints,
                 updated_at = time::now();
             FOR $k IN $changed {
                 UPDATE $k.id SET title = $k.title, kind = $k.kind, unit = $k.unit, baseline = $k.baseline,
                     target = $k.target, weight = $k.weight, position = $k.position
             };
             INSERT INTO key_result $new;
             FOR $k IN $removed { DELETE $k };
             IF $old_parent != $e.parent {
                 IF $old_parent != NONE { UPDATE $old_parent SET child_count -= 1 };
                 IF $e.parent != NONE { UPDATE $e.parent SET child_count += 1 };
             };
             INSERT INTO goal_event $events;
             COMMIT TRANSACTION;",
        )
        .bind(("id", id.clone()))
        .bind(("e", edit.clone()))
        .bind(("old_parent", old_parent.clone()))
        .bind(("changed", changed_krs.clone()))
        .bind(("new", new_krs.clone()))
        .bind(("removed", removed_krs.clone()))
        .bind(("events", events.clone()))
    })
    .await
}

/// A key result's new value in a check-in.
#[derive(Debug, Clone, SurrealValue)]
pub struct KrValue {
    pub kr: RecordId,
    pub current: f64,
    pub done: bool,
}

/// A check-in as written.
#[derive(Debug, Clone, SurrealValue)]
pub struct NewCheckIn {
    pub goal: RecordId,
    pub author: RecordId,
    pub day: String,
    pub note: String,
    pub confidence: i64,
    pub changes: Vec<crate::goals::repo::detail::ChangeRow>,
    pub progress: f64,
    pub status: String,
}

/// Records a check-in: new key-result values, the kept check-in, the goal's
/// recomputed figures and the audit events, atomically.
pub async fn check_in(
    db: &Db,
    id: &RecordId,
    values: Vec<KrValue>,
    checkin: NewCheckIn,
    computed: &Computed,
    events: Vec<Event>,
) -> Result<(), AppError> {
    exec_retrying(|| {
        db.query(
            "BEGIN TRANSACTION;
             FOR $v IN $values { UPDATE $v.kr SET current = $v.current, done = $v.done };
             CREATE $id CONTENT $c;
             UPDATE $c.goal SET last_checkin = $c.day, last_confidence = $c.confidence, own_progress = $own,
                 progress = $progress, status = $status,
                 status_overridden = $overridden, updated_at = time::now();
             INSERT INTO goal_event $events;
             COMMIT TRANSACTION;",
        )
        .bind(("id", id.clone()))
        .bind(("values", values.clone()))
        .bind(("c", checkin.clone()))
        .bind(("own", computed.own_progress))
        .bind(("progress", computed.progress))
        .bind(("status", computed.status.as_str()))
        .bind(("overridden", computed.overridden))
        .bind(("events", events.clone()))
    })
    .await
}

/// Sets a goal's status by hand (or back to the suggestion), with its event.
pub async fn set_status(db: &Db, goal: &RecordId, computed: &Computed, events: Vec<Event>) -> Result<(), AppError> {
    exec_retrying(|| {
        db.query(
            "BEGIN TRANSACTION;
             UPDATE $g SET status = $status, status_overridden = $overridden, updated_at = time::now();
             INSERT INTO goal_event $events;
             COMMIT TRANSACTION;",
        )
        .bind(("g", goal.clone()))
        .bind(("status", computed.status.as_str()))
        .bind(("overridden", computed.overridden))
        .bind(("events", events.clone()))
    })
    .await
}

/// A rescoped goal's new title and end.
#[derive(Debug, Clone, SurrealValue)]
pub struct Rescope {
    pub title: String,
    pub due: String,
    pub period_end: String,
    pub quarter: Option<String>,
}

/// Closes or rescopes a goal at review: the review mark, the optional final
/// status or new scope, and the events, atomically.
pub async fn review(
    db: &Db,
    mark: ReviewMark,
    status: Option<String>,
    rescope: Option<Rescope>,
    events: Vec<Event>,
) -> Result<(), AppError> {
    exec_retrying(|| {
        db.query(
            "BEGIN TRANSACTION;
             IF $m.goal.review_outcome != NONE { THROW 'already reviewed' };
             UPDATE $m.goal SET review_outcome = $m.outcome, review_reflection = $m.reflection,
                 reviewed_by = $m.by, reviewed_at = time::now(), updated_at = time::now();
             IF $status != NONE { UPDATE $m.goal SET status = $status, status_overridden = true };
             IF $r != NONE {
                 UPDATE $m.goal SET title = $r.title, due = $r.due, period_end = $r.period_end, quarter = $r.quarter
             };
             INSERT INTO goal_event $events;
             COMMIT TRANSACTION;",
        )
        .bind(("m", mark.clone()))
        .bind(("status", status.clone()))
        .bind(("r", rescope.clone()))
        .bind(("events", events.clone()))
    })
    .await
}

/// Whether a goal was already reviewed (for a clear message before writing).
pub async fn is_reviewed(db: &Db, goal: &RecordId) -> Result<bool, AppError> {
    let mut res = db
        .query("RETURN $g.review_outcome != NONE")
        .bind(("g", goal.clone()))
        .await
        .map_err(db_err)?;
    let v: Option<bool> = res.take(0).map_err(db_err)?;
    Ok(v.unwrap_or(false))
}
