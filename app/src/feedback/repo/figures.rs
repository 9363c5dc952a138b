//! Feedback figures counted in the database over the rows an index selects
//! (a person's received or given entries), never over the whole table.

use crate::error::AppError;
use crate::server::db::Db;
use crate::server::repo::db_err;
use crate::shared::date::{Day, Quarter};
use surrealdb::types::{Datetime, RecordId, SurrealValue};

/// One report's received feedback, counted in the database over the last
/// 90 days (the index narrows the rows first; nothing scans the table).
#[derive(Debug, Clone, SurrealValue)]
pub struct ReceivedCounts {
    pub recipient: RecordId,
    pub received_90: i64,
    pub received_30: i64,
    pub from_me_90: i64,
    pub from_me_30: i64,
    pub acknowledged: i64,
    pub last: Option<Datetime>,
}

/// Counts for each of `people` who received anything since `since90`.
pub async fn received_counts(
    db: &Db,
    people: &[RecordId],
    me: &RecordId,
    since90: Day,
    since30: Day,
) -> Result<Vec<ReceivedCounts>, AppError> {
    let mut res = db
        .query(
            "SELECT recipient, count() AS received_90, count(written_at >= <datetime>$d30) AS received_30,
                    count(giver = $me) AS from_me_90, count(giver = $me AND written_at >= <datetime>$d30) AS from_me_30,
                    count(acknowledged_at != NONE) AS acknowledged, time::max(written_at) AS last
             FROM feedback WHERE recipient IN $people AND written_at >= <datetime>$d90 AND deleted_at = NONE
             GROUP BY recipient",
        )
        .bind(("people", people.to_vec()))
        .bind(("me", me.clone()))
        .bind(("d90", format!("{since90}T00:00:00Z")))
        .bind(("d30", format!("{since30}T00:00:00Z")))
        .await
        .map_err(db_err)?;
    res.take(0).map_err(db_err)
}

/// What a giver's feedback since a day earned: how much, and acknowledged.
#[derive(Debug, Clone, Default, SurrealValue)]
pub struct GivenCounts {
    pub given: i64,
    pub acknowledged: i64,
}

pub async fn given_counts(db: &Db, giver: &RecordId, since: Day) -> Result<GivenCounts, AppError> {
    let mut res = db
        .query(
            "SELECT count() AS given, count(acknowledged_at != NONE) AS acknowledged
             FROM feedback WHERE giver = $giver AND written_at >= <datetime>$since AND deleted_at = NONE GROUP ALL",
        )
        .bind(("giver", giver.clone()))
        .bind(("since", format!("{since}T00:00:00Z")))
        .await
        .map_err(db_err)?;
    let row: Option<GivenCounts> = res.take(0).map_err(db_err)?;
    Ok(row.unwrap_or_default())
}

/// The usefulness ratings a giver's feedback received in one quarter.
#[derive(Debug, Clone, Copy, Default, PartialEq, SurrealValue)]
pub struct Usefulness {
    pub rated: i64,
    pub rating_sum: i64,
}

/// The ratings made during `quarter`, which must have ended, deleted
/// entries included. The first read keeps the answer in `usefulness_period`
/// and every later read returns that: a rating changed, or an entry deleted,
/// after the figure was first shown does not move it (0025).
pub async fn usefulness(db: &Db, giver: &RecordId, quarter: Quarter) -> Result<Usefulness, AppError> {
    let id = crate::stats::repo::counter_id("usefulness_period", giver.clone(), quarter.to_string());
    let mut res = db
        .query("SELECT rated, rating_sum FROM ONLY $id")
        .bind(("id", id.clone()))
        .await
        .map_err(db_err)?;
    if let Some(kept) = res.take::<Option<Usefulness>>(0).map_err(db_err)? {
        return Ok(kept);
    }
    // The giver index narrows to this person's entries rated in the quarter.
    let mut res = db
        .query(
            "LET $now = (SELECT count() AS rated, math::sum(rating) AS rating_sum FROM feedback
                 WHERE giver = $giver AND rated_at >= <datetime>$from AND rated_at < <datetime>$to AND rating != NONE
                 GROUP ALL)[0] ?? { rated: 0, rating_sum: 0 };
             INSERT IGNORE INTO usefulness_period { id: $id, rated: $now.rated, rating_sum: $now.rating_sum } RETURN NONE;
             SELECT rated, rating_sum FROM ONLY $id;",
        )
        .bind(("id", id))
        .bind(("giver", giver.clone()))
        .bind(("from", format!("{}T00:00:00Z", quarter.start())))
        .bind(("to", format!("{}T00:00:00Z", quarter.end().plus_days(1))))
        .await
        .map_err(db_err)?;
    let row: Option<Usefulness> = res.take(2).map_err(db_err)?;
    Ok(row.unwrap_or_default())
}
