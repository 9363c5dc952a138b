//! Feedback figures counted in the database over the rows an index selects
//! (a person's received or given entries), never over the whole table.

use crate::error::AppError;
use crate::server::db::Db;
use crate::server::repo::db_err;
use crate::shared::date::Day;
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

/// What a giver's feedback since a day earned: how much, acknowledged, rated.
#[derive(Debug, Clone, Default, SurrealValue)]
pub struct GivenCounts {
    pub given: i64,
    pub acknowledged: i64,
    pub rated: i64,
    pub rating_sum: i64,
}

pub async fn given_counts(db: &Db, giver: &RecordId, since: Day) -> Result<GivenCounts, AppError> {
    let mut res = db
        .query(
            "SELECT count() AS given, count(acknowledged_at != NONE) AS acknowledged, count(rating != NONE) AS rated,
                    math::sum(rating ?? 0) AS rating_sum
             FROM feedback WHERE giver = $giver AND written_at >= <datetime>$since AND deleted_at = NONE GROUP ALL",
        )
        .bind(("giver", giver.clone()))
        .bind(("since", format!("{since}T00:00:00Z")))
        .await
        .map_err(db_err)?;
    let row: Option<GivenCounts> = res.take(0).map_err(db_err)?;
    Ok(row.unwrap_or_default())
}
