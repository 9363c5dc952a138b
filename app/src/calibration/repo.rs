//! Calibration reads and writes: the cycle's manager reviews with the
//! calibrations beside them, and an adjustment that keeps its history.

use crate::error::AppError;
use crate::server::db::Db;
use crate::server::repo::{db_err, exec, key_of};
use std::collections::HashMap;
use surrealdb::types::{Array, RecordId, SurrealValue, Value};

pub struct Line {
    pub ratee: RecordId,
    pub ratee_name: String,
    pub ratee_email: String,
    pub manager: RecordId,
    pub manager_name: String,
    pub overall: Option<i64>,
    pub ratings: Vec<Option<i64>>,
    /// The ratee's unit and the units above it, nearest first.
    pub units: Vec<RecordId>,
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

#[derive(SurrealValue)]
struct Review {
    ratee: RecordId,
    manager: RecordId,
    overall: Option<i64>,
    ratings: Vec<Option<i64>>,
}

#[derive(SurrealValue)]
struct Who {
    id: RecordId,
    name: String,
    email: String,
    org_unit: RecordId,
}

#[derive(SurrealValue)]
struct Unit {
    id: RecordId,
    parent: Option<RecordId>,
}

/// The cycle's submitted manager reviews by ratee name, and its
/// calibrations. Names, emails and unit chains come from one read of the
/// person and unit tables joined here: looking them up on each of a whole
/// company's reviews took most of the view's time.
pub async fn lines(db: &Db, cycle: &RecordId) -> Result<(Vec<Line>, Vec<Calibrated>), AppError> {
    let mut res = db
        .query(
            "SELECT ratee, reviewer AS manager, overall, ratings.rating AS ratings
               FROM review WITH INDEX review_cycle_kind WHERE cycle = $c AND kind = 'manager' AND status = 'submitted';
             SELECT ratee, original, rating, potential, reason, by.name AS by,
                 time::format(at, '%Y-%m-%d %H:%M') AS at
               FROM calibration WHERE cycle = $c;
             SELECT id, name, email, org_unit FROM person;
             SELECT id, parent FROM org_unit;",
        )
        .bind(("c", cycle.clone()))
        .await
        .map_err(db_err)?;
    let reviews: Vec<Review> = res.take(0).map_err(db_err)?;
    let calibrated: Vec<Calibrated> = res.take(1).map_err(db_err)?;
    let people: Vec<Who> = res.take(2).map_err(db_err)?;
    let units: Vec<Unit> = res.take(3).map_err(db_err)?;
    let people: HashMap<String, Who> = people.into_iter().map(|p| (key_of(&p.id), p)).collect();
    let parents: HashMap<String, Option<RecordId>> = units.into_iter().map(|u| (key_of(&u.id), u.parent)).collect();
    let chain = |unit: &RecordId| {
        let mut chain = vec![unit.clone()];
        // Org units are at most a few deep; the bound also stops a cycle.
        while chain.len() < 8 {
            match parents.get(&key_of(chain.last().expect("never empty"))) {
                Some(Some(parent)) => chain.push(parent.clone()),
                _ => break,
            }
        }
        chain
    };
    let mut lines: Vec<Line> = reviews
        .into_iter()
        .map(|r| {
            let ratee = people.get(&key_of(&r.ratee));
            Line {
                ratee_name: ratee.map(|p| p.name.clone()).unwrap_or_default(),
                ratee_email: ratee.map(|p| p.email.clone()).unwrap_or_default(),
                manager_name: people
                    .get(&key_of(&r.manager))
                    .map(|p| p.name.clone())
                    .unwrap_or_default(),
                units: ratee.map(|p| chain(&p.org_unit)).unwrap_or_default(),
                ratee: r.ratee,
                manager: r.manager,
                overall: r.overall,
                ratings: r.ratings,
            }
        })
        .collect();
    lines.sort_by(|a, b| {
        a.ratee_name
            .cmp(&b.ratee_name)
            .then_with(|| key_of(&a.ratee).cmp(&key_of(&b.ratee)))
    });
    Ok((lines, calibrated))
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
