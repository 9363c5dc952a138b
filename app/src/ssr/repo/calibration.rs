//! Calibration reads and writes: the cycle's manager reviews with the
//! calibrations beside them, and an adjustment that keeps its history.

use super::{db_err, exec};
use crate::error::AppError;
use crate::ssr::db::Db;
use surrealdb::types::{Array, RecordId, SurrealValue, Value};

#[derive(SurrealValue)]
pub struct Line {
    pub ratee: RecordId,
    pub ratee_name: String,
    pub ratee_email: String,
    pub manager: RecordId,
    pub manager_name: String,
    pub overall: Option<i64>,
    pub ratings: Vec<Option<i64>>,
    /// The ratee's unit and the units above it, nearest first (org units
    /// are at most three deep).
    pub units: Vec<Option<RecordId>>,
}

#[derive(SurrealValue)]
pub struct Calibrated {
    pub ratee: RecordId,
    pub original: Option<i64>,
    pub rating: i64,
    pub potential: Option<i64>,
    pub reason: String,
    pub by: String,
    pub at: String,
}

/// The cycle's submitted manager reviews by ratee name, and its calibrations.
pub async fn lines(db: &Db, cycle: &RecordId) -> Result<(Vec<Line>, Vec<Calibrated>), AppError> {
    let mut res = db
        .query(
            "SELECT ratee, ratee.name AS ratee_name, ratee.email AS ratee_email, reviewer AS manager,
                 reviewer.name AS manager_name, overall, ratings.rating AS ratings,
                 [ratee.org_unit, ratee.org_unit.parent, ratee.org_unit.parent.parent,
                  ratee.org_unit.parent.parent.parent] AS units
               FROM review WHERE cycle = $c AND kind = 'manager' AND status = 'submitted'
               ORDER BY ratee_name;
             SELECT ratee, original, rating, potential, reason, by.name AS by,
                 time::format(at, '%Y-%m-%d %H:%M') AS at
               FROM calibration WHERE cycle = $c;",
        )
        .bind(("c", cycle.clone()))
        .await
        .map_err(db_err)?;
    Ok((res.take(0).map_err(db_err)?, res.take(1).map_err(db_err)?))
}

fn id(cycle: &RecordId, ratee: &RecordId) -> RecordId {
    RecordId::new(
        "calibration",
        Array::from(vec![Value::RecordId(cycle.clone()), Value::RecordId(ratee.clone())]),
    )
}

/// Whether `ratee` has a submitted manager review in the cycle, and its
/// rating as the review gives it.
pub async fn manager_review(
    db: &Db,
    cycle: &RecordId,
    ratee: &RecordId,
) -> Result<Option<(Option<i64>, Vec<Option<i64>>)>, AppError> {
    #[derive(SurrealValue)]
    struct R {
        overall: Option<i64>,
        ratings: Vec<Option<i64>>,
    }
    let mut res = db
        .query(
            "SELECT overall, ratings.rating AS ratings FROM review
               WHERE cycle = $c AND ratee = $r AND kind = 'manager' AND status = 'submitted' LIMIT 1",
        )
        .bind(("c", cycle.clone()))
        .bind(("r", ratee.clone()))
        .await
        .map_err(db_err)?;
    let rows: Vec<R> = res.take(0).map_err(db_err)?;
    Ok(rows.into_iter().next().map(|r| (r.overall, r.ratings)))
}

pub struct Adjust {
    pub original: Option<u8>,
    pub rating: u8,
    pub potential: Option<u8>,
    pub reason: String,
    pub by: RecordId,
}

/// Sets the calibrated rating; the original stays as first recorded and
/// every adjustment joins the history.
pub async fn adjust(db: &Db, cycle: &RecordId, ratee: &RecordId, a: Adjust) -> Result<(), AppError> {
    exec(
        db.query(
            "LET $now = time::now();
             UPSERT $id SET cycle = $c, ratee = $r, original = original ?? $original,
                 rating = $rating, potential = $potential, reason = $reason, by = $by, at = $now,
                 history += { rating: $rating, potential: $potential, reason: $reason, by: $by, at: $now };",
        )
        .bind(("id", id(cycle, ratee)))
        .bind(("c", cycle.clone()))
        .bind(("r", ratee.clone()))
        .bind(("original", a.original.map(i64::from)))
        .bind(("rating", i64::from(a.rating)))
        .bind(("potential", a.potential.map(i64::from)))
        .bind(("reason", a.reason))
        .bind(("by", a.by)),
    )
    .await
}
