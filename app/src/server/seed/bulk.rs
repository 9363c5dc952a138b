//! Bulk writes of org units, people and reporting edges, used by the seeder.
//! Each call is one transaction, so a crash leaves whole batches or nothing.

use crate::error::AppError;
use crate::server::db::Db;
use crate::server::repo::{db_err, exec};
use surrealdb::types::{RecordId, SurrealValue};

/// An `org_unit` row as written.
#[derive(Debug, Clone, SurrealValue)]
pub struct UnitRow {
    pub id: RecordId,
    pub name: String,
    pub kind: String,
    pub parent: Option<RecordId>,
}

/// A `person` row as written.
#[derive(Debug, Clone, SurrealValue)]
pub struct PersonRow {
    pub id: RecordId,
    pub email: String,
    pub name: String,
    pub title: String,
    pub org_unit: RecordId,
    pub is_hr: bool,
    pub password_hash: String,
    pub gender: Option<String>,
    pub ethnicity: Option<String>,
    pub age_band: Option<String>,
    pub location: Option<String>,
}

/// A `reports_to` edge: `in` reports to `out`.
#[derive(Debug, Clone, SurrealValue)]
pub struct EdgeRow {
    pub r#in: RecordId,
    pub out: RecordId,
}

/// Progress of the demo seed, kept in `seed_run:demo`.
#[derive(Debug, Clone, PartialEq, SurrealValue)]
pub struct SeedRun {
    pub people: i64,
    pub seed: i64,
    pub people_done: i64,
    pub done: bool,
    /// Goal batches written; `None` before goals were seeded at all.
    pub goal_chunks_done: Option<i64>,
    pub goal_today: Option<String>,
}

fn seed_rid() -> RecordId {
    RecordId::new("seed_run", "demo")
}

/// The seed bookkeeping record, if a seed ever started here.
pub async fn seed_run(db: &Db) -> Result<Option<SeedRun>, AppError> {
    let mut res = db
        .query("SELECT people, seed, people_done, done, goal_chunks_done, goal_today FROM ONLY $id")
        .bind(("id", seed_rid()))
        .await
        .map_err(db_err)?;
    res.take(0).map_err(db_err)
}

/// Starts a seed: the bookkeeping record and every org unit, atomically.
pub async fn start_seed(db: &Db, people: i64, seed: i64, units: Vec<UnitRow>) -> Result<(), AppError> {
    exec(
        db.query("BEGIN TRANSACTION")
            .query("CREATE $id SET people = $people, seed = $seed, people_done = 0, done = false")
            .query("INSERT INTO org_unit $units")
            .query("COMMIT TRANSACTION")
            .bind(("id", seed_rid()))
            .bind(("people", people))
            .bind(("seed", seed))
            .bind(("units", units)),
    )
    .await
}

/// Writes one batch of people with their edges and advances the progress mark.
pub async fn insert_batch(
    db: &Db,
    people: Vec<PersonRow>,
    edges: Vec<EdgeRow>,
    done_up_to: i64,
) -> Result<(), AppError> {
    exec(
        db.query("BEGIN TRANSACTION")
            .query("INSERT INTO person $people")
            .query("INSERT RELATION INTO reports_to $edges")
            .query("UPDATE $id SET people_done = $done")
            .query("COMMIT TRANSACTION")
            .bind(("people", people))
            .bind(("edges", edges))
            .bind(("id", seed_rid()))
            .bind(("done", done_up_to)),
    )
    .await
}

/// Marks the seed finished.
pub async fn finish_seed(db: &Db) -> Result<(), AppError> {
    exec(
        db.query("UPDATE $id SET done = true, finished_at = time::now()")
            .bind(("id", seed_rid())),
    )
    .await
}

/// A seeded goal, written whole (figures precomputed by the planner).
#[derive(Debug, Clone, SurrealValue)]
pub struct SeedGoalRow {
    pub id: RecordId,
    pub level: String,
    pub unit: RecordId,
    pub owner: RecordId,
    pub title: String,
    pub quarter: Option<String>,
    pub period_start: String,
    pub period_end: String,
    pub due: Option<String>,
    pub parent: Option<RecordId>,
    pub visibility: String,
    pub status: String,
    pub status_overridden: bool,
    pub own_progress: f64,
    pub progress: f64,
    pub child_count: i64,
    pub last_checkin: Option<String>,
    pub last_confidence: Option<i64>,
    pub hints: Vec<String>,
    pub review_outcome: Option<String>,
    pub review_reflection: Option<String>,
    pub reviewed_by: Option<RecordId>,
    pub created_by: RecordId,
}

/// Starts (or restarts) the goal phase, pinning the day the goals are planned for.
pub async fn start_goal_seed(db: &Db, today: &str) -> Result<(), AppError> {
    exec(
        db.query("UPDATE $id SET goal_today = $today, goal_chunks_done = 0")
            .bind(("id", seed_rid()))
            .bind(("today", today.to_owned())),
    )
    .await
}

/// Writes one batch of goals with their key results and check-ins, and advances the mark.
pub async fn insert_goal_chunk(
    db: &Db,
    goals: Vec<SeedGoalRow>,
    krs: Vec<crate::goals::repo::detail::KrRow>,
    checkins: Vec<crate::goals::repo::write::NewCheckIn>,
    chunks_done: i64,
) -> Result<(), AppError> {
    exec(
        db.query("BEGIN TRANSACTION")
            .query("INSERT INTO goal $goals")
            .query("INSERT INTO key_result $krs")
            .query("INSERT INTO checkin $checkins")
            .query("UPDATE $id SET goal_chunks_done = $done")
            .query("COMMIT TRANSACTION")
            .bind(("goals", goals))
            .bind(("krs", krs))
            .bind(("checkins", checkins))
            .bind(("id", seed_rid()))
            .bind(("done", chunks_done)),
    )
    .await
}
