//! What the bias analysis reads for one cycle: its submitted reviews by
//! someone other than the ratee, the people in them with their unit and
//! demographic attributes, and the period's goals and feedback (the
//! evidence). Each read is one statement over the whole cycle, not one per
//! person.

use super::db_err;
use crate::domain::date::Day;
use crate::error::AppError;
use crate::ssr::db::Db;
use surrealdb::types::{RecordId, SurrealValue};

#[derive(Clone)]
pub struct CycleRef {
    pub id: RecordId,
    pub name: String,
    pub from: Day,
    pub to: Day,
}

#[derive(SurrealValue)]
struct CycleRow {
    id: RecordId,
    name: String,
    period_from: String,
    period_to: String,
}

fn cycle_ref(r: CycleRow) -> Result<CycleRef, AppError> {
    let day = |s: &str| Day::parse(s).ok_or_else(|| AppError::internal(format!("cycle period day {s:?}")));
    Ok(CycleRef {
        from: day(&r.period_from)?,
        to: day(&r.period_to)?,
        id: r.id,
        name: r.name,
    })
}

/// A cycle by id, if it exists.
pub async fn cycle(db: &Db, id: &RecordId) -> Result<Option<CycleRef>, AppError> {
    let mut res = db
        .query("SELECT id, name, period_from, period_to FROM ONLY $id")
        .bind(("id", id.clone()))
        .await
        .map_err(db_err)?;
    let row: Option<CycleRow> = res.take(0).map_err(db_err)?;
    row.map(cycle_ref).transpose()
}

/// Every cycle, the latest period first.
pub async fn cycles(db: &Db) -> Result<Vec<CycleRef>, AppError> {
    let mut res = db
        .query("SELECT id, name, period_from, period_to FROM review_cycle ORDER BY period_to DESC, name")
        .await
        .map_err(db_err)?;
    let rows: Vec<CycleRow> = res.take(0).map_err(db_err)?;
    rows.into_iter().map(cycle_ref).collect()
}

/// A cycle by its (unique) name, if it exists.
pub async fn cycle_named(db: &Db, name: &str) -> Result<Option<CycleRef>, AppError> {
    let mut res = db
        .query("SELECT id, name, period_from, period_to FROM review_cycle WHERE name = $name LIMIT 1")
        .bind(("name", name.to_owned()))
        .await
        .map_err(db_err)?;
    let rows: Vec<CycleRow> = res.take(0).map_err(db_err)?;
    rows.into_iter().next().map(cycle_ref).transpose()
}

/// A stored rating as 1–5, or `None` when it is missing or out of range.
pub fn rating(x: i64) -> Option<u8> {
    u8::try_from(x).ok().filter(|x| (1..=5).contains(x))
}

/// A review's competency ratings as stored, those given, in order.
pub fn competencies(raw: &[Option<i64>]) -> Vec<u8> {
    raw.iter().flatten().filter_map(|&r| rating(r)).collect()
}

#[derive(SurrealValue)]
pub struct RatingRow {
    pub ratee: RecordId,
    pub reviewer: RecordId,
    /// Competency ratings in the template's order.
    pub ratings: Vec<Option<i64>>,
    pub overall: Option<i64>,
}

/// The cycle's submitted reviews written about someone else.
pub async fn ratings(db: &Db, cycle: &RecordId) -> Result<Vec<RatingRow>, AppError> {
    let mut res = db
        .query(
            "SELECT ratee, reviewer, ratings.rating AS ratings, overall FROM review
               WHERE cycle = $c AND status = 'submitted' AND kind != 'self'",
        )
        .bind(("c", cycle.clone()))
        .await
        .map_err(db_err)?;
    res.take(0).map_err(db_err)
}

#[derive(SurrealValue)]
pub struct PersonRow {
    pub id: RecordId,
    pub name: String,
    pub unit_name: String,
    pub unit_kind: String,
    pub parent_name: Option<String>,
    pub gender: Option<String>,
    pub ethnicity: Option<String>,
    pub age_band: Option<String>,
    pub location: Option<String>,
}

/// The given people with their unit, its parent and their attributes.
pub async fn people(db: &Db, ids: Vec<RecordId>) -> Result<Vec<PersonRow>, AppError> {
    let mut res = db
        .query(
            "SELECT id, name, org_unit.name AS unit_name, org_unit.kind AS unit_kind,
                 org_unit.parent.name AS parent_name, gender, ethnicity, age_band, location
               FROM $ids",
        )
        .bind(("ids", ids))
        .await
        .map_err(db_err)?;
    res.take(0).map_err(db_err)
}

#[derive(SurrealValue)]
pub struct FeedbackRow {
    pub recipient: RecordId,
    pub kind: String,
    pub happened_on: String,
}

/// Praise and constructive feedback about days in the period (written on or
/// after its first day), for everyone.
pub async fn feedback(db: &Db, from: Day, to: Day) -> Result<Vec<FeedbackRow>, AppError> {
    let mut res = db
        .query(
            "SELECT recipient, kind, happened_on FROM feedback
               WHERE written_at >= <datetime>$since AND deleted_at = NONE AND kind != 'coaching'
                 AND happened_on >= $from AND happened_on <= $to",
        )
        .bind(("since", format!("{from}T00:00:00Z")))
        .bind(("from", from.to_string()))
        .bind(("to", to.to_string()))
        .await
        .map_err(db_err)?;
    res.take(0).map_err(db_err)
}

#[derive(SurrealValue)]
pub struct GoalRow {
    pub owner: RecordId,
    pub status: String,
    pub last_checkin: Option<String>,
}

/// Personal goals that overlap the period, abandoned ones left out.
pub async fn goals(db: &Db, from: Day, to: Day) -> Result<Vec<GoalRow>, AppError> {
    let mut res = db
        .query(
            "SELECT owner, status, last_checkin FROM goal
               WHERE level = 'person' AND period_end >= $from AND period_start <= $to AND status != 'abandoned'",
        )
        .bind(("from", from.to_string()))
        .bind(("to", to.to_string()))
        .await
        .map_err(db_err)?;
    res.take(0).map_err(db_err)
}
