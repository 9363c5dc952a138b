//! `evidence_day`: praise and constructive feedback per day it is about and
//! recipient (`0023_evidence_day.surql`). A database event keeps it current;
//! `tend rebuild-stats` rewrites it with the dashboard counters.

use crate::error::AppError;
use crate::server::db::Db;
use crate::server::repo::{db_err, exec, key_of};
use crate::shared::date::Day;
use crate::stats::counters::EvidenceCounts;
use std::collections::{BTreeMap, HashSet};
use surrealdb::types::{Array, RecordId, SurrealValue, Value};

/// One person's evidence about one day.
#[derive(Debug, Clone, SurrealValue)]
pub struct EvidenceDayRow {
    pub day: String,
    pub recipient: RecordId,
    pub praise: i64,
    pub constructive: i64,
}

/// The ids sort by day first, so `[from]..[day after to]` is exactly the
/// period: `[d]` sorts before every `[d, person]`.
pub(crate) const IN_PERIOD: &str =
    "SELECT record::id(id)[0] AS day, record::id(id)[1] AS recipient, praise, constructive
   FROM evidence_day:[$from]..[$after]";

/// Every person's evidence about days from `from` to `to`, both included:
/// one read in key order, never a scan.
pub async fn in_period(db: &Db, from: Day, to: Day) -> Result<Vec<EvidenceDayRow>, AppError> {
    let mut res = db
        .query(IN_PERIOD)
        .bind(("from", from.to_string()))
        .bind(("after", to.plus_days(1).to_string()))
        .await
        .map_err(db_err)?;
    res.take(0).map_err(db_err)
}

fn row_id(day: Day, recipient: &str) -> RecordId {
    RecordId::new(
        "evidence_day",
        Array::from(vec![
            Value::String(day.to_string()),
            Value::RecordId(RecordId::new("person", recipient)),
        ]),
    )
}

#[derive(Clone, SurrealValue)]
struct NewRow {
    id: RecordId,
    praise: i64,
    constructive: i64,
}

/// Rows written per statement, as the dashboard counters' rebuild does.
const BATCH: usize = 2_000;

/// Replaces every row with the recomputed ones (keyed by day and recipient
/// key). Stale rows are deleted by id and the rest overwritten in batches,
/// each its own transaction, so an interrupted rebuild can simply run again.
pub async fn replace_all(db: &Db, rebuilt: &BTreeMap<(Day, String), EvidenceCounts>) -> Result<usize, AppError> {
    let rows: Vec<NewRow> = rebuilt
        .iter()
        .map(|((day, who), c)| NewRow {
            id: row_id(*day, who),
            praise: c.praise,
            constructive: c.constructive,
        })
        .collect();
    let mut res = db.query("SELECT VALUE id FROM evidence_day").await.map_err(db_err)?;
    let stored: Vec<RecordId> = res.take(0).map_err(db_err)?;
    // Keyed by text: a `RecordId` is not a sound hash key.
    let keep: HashSet<String> = rows.iter().map(|r| key_of(&r.id)).collect();
    let stale: Vec<RecordId> = stored.into_iter().filter(|id| !keep.contains(&key_of(id))).collect();
    for batch in stale.chunks(BATCH) {
        exec(db.query("DELETE $stale").bind(("stale", batch.to_vec()))).await?;
    }
    for batch in rows.chunks(BATCH) {
        exec(
            db.query(
                "INSERT INTO evidence_day $rows ON DUPLICATE KEY UPDATE praise = $input.praise, \
                 constructive = $input.constructive RETURN NONE",
            )
            .bind(("rows", batch.to_vec())),
        )
        .await?;
    }
    Ok(rows.len())
}

#[cfg(test)]
mod tests;
