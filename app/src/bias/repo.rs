//! What the bias analysis reads for one cycle: its submitted reviews by
//! someone other than the ratee, the people in them with their unit and
//! demographic attributes, and the period's goals (with the feedback in
//! `evidence_days`, the evidence). Each read is one statement over the whole
//! cycle (reviews one per kind), not one per person, and ranges over ids or
//! an index.

pub mod thresholds;

use crate::error::AppError;
use crate::goals::rules::PERIOD_MAX_DAYS;
use crate::server::db::Db;
use crate::server::repo::{db_err, key_of};
use crate::shared::date::Day;
use std::collections::HashMap;
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

pub(crate) const RATED_IN: &str = "SELECT VALUE id FROM review WITH INDEX review_reviewer
     WHERE reviewer = $p AND cycle = $c AND status = 'submitted' AND kind != 'self' LIMIT 1";

/// Whether `person` submitted a review of someone else in the cycle: only
/// then has the analysis any pattern of theirs to show them.
pub async fn rated_in(db: &Db, cycle: &RecordId, person: &RecordId) -> Result<bool, AppError> {
    let mut res = db
        .query(RATED_IN)
        .bind(("p", person.clone()))
        .bind(("c", cycle.clone()))
        .await
        .map_err(db_err)?;
    let ids: Vec<RecordId> = res.take(0).map_err(db_err)?;
    Ok(!ids.is_empty())
}

/// `review_score` ids are [cycle, kind number, review] (0024): one kind of
/// a cycle is the id range from [cycle, n] to [cycle, n + 1].
pub(crate) const RATINGS: &str = "SELECT ratee, reviewer, ratings, overall FROM review_score:[$c, $kind]..[$c, $next]";

/// The cycle's submitted reviews written about someone else: one id range
/// read per kind (manager 1, peer 2, upward 3), side by side, none of them
/// touching the self reviews.
pub async fn ratings(db: &Db, cycle: &RecordId) -> Result<Vec<RatingRow>, AppError> {
    let of_kind = |kind: i64| async move {
        let mut res = db
            .query(RATINGS)
            .bind(("c", cycle.clone()))
            .bind(("kind", kind))
            .bind(("next", kind + 1))
            .await
            .map_err(db_err)?;
        res.take::<Vec<RatingRow>>(0).map_err(db_err)
    };
    let (mut manager, peer, upward) = futures::try_join!(of_kind(1), of_kind(2), of_kind(3))?;
    manager.extend(peer);
    manager.extend(upward);
    Ok(manager)
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

/// Everyone, with their unit, its parent and their attributes. Reading the
/// whole table is several times faster per person than fetching a cycle's
/// people by id (measured at 10,000 people: 0.5 s against 4.3 s in a debug
/// build), and it can run beside the cycle's reads. The units are read once
/// and joined here, not looked up for each person.
pub async fn people(db: &Db) -> Result<Vec<PersonRow>, AppError> {
    #[derive(SurrealValue)]
    struct Who {
        id: RecordId,
        name: String,
        org_unit: RecordId,
        gender: Option<String>,
        ethnicity: Option<String>,
        age_band: Option<String>,
        location: Option<String>,
    }
    #[derive(SurrealValue)]
    struct Unit {
        id: RecordId,
        name: String,
        kind: String,
        parent_name: Option<String>,
    }
    let mut res = db
        .query(
            "SELECT id, name, org_unit, gender, ethnicity, age_band, location FROM person;
             SELECT id, name, kind, parent.name AS parent_name FROM org_unit;",
        )
        .await
        .map_err(db_err)?;
    let who: Vec<Who> = res.take(0).map_err(db_err)?;
    let units: Vec<Unit> = res.take(1).map_err(db_err)?;
    let units: HashMap<String, Unit> = units.into_iter().map(|u| (key_of(&u.id), u)).collect();
    Ok(who
        .into_iter()
        .map(|p| {
            let unit = units.get(&key_of(&p.org_unit));
            PersonRow {
                id: p.id,
                name: p.name,
                unit_name: unit.map(|u| u.name.clone()).unwrap_or_default(),
                unit_kind: unit.map(|u| u.kind.clone()).unwrap_or_default(),
                parent_name: unit.and_then(|u| u.parent_name.clone()),
                gender: p.gender,
                ethnicity: p.ethnicity,
                age_band: p.age_band,
                location: p.location,
            }
        })
        .collect())
}

#[derive(SurrealValue)]
pub struct GoalRow {
    pub owner: RecordId,
    pub status: String,
    pub last_checkin: Option<String>,
}

/// `person_start` is a personal goal's `period_start` (0024): a closed range
/// over its single-field index is pushed into the scan whole.
pub(crate) const GOALS: &str = "SELECT owner, status, last_checkin FROM goal WITH INDEX goal_person_start
   WHERE person_start >= $earliest AND person_start <= $to AND period_end >= $from AND status != 'abandoned'";

/// Personal goals that overlap the period, abandoned ones left out. A goal
/// runs at most `PERIOD_MAX_DAYS`, so only goals starting that long before
/// the period need reading.
pub async fn goals(db: &Db, from: Day, to: Day) -> Result<Vec<GoalRow>, AppError> {
    let mut res = db
        .query(GOALS)
        .bind(("earliest", from.plus_days(-PERIOD_MAX_DAYS).to_string()))
        .bind(("from", from.to_string()))
        .bind(("to", to.to_string()))
        .await
        .map_err(db_err)?;
    res.take(0).map_err(db_err)
}
