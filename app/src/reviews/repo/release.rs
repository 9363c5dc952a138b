//! The frozen release of one ratee's anonymous answers (`reviews::release`),
//! and what tells whether writing has closed for them.

use crate::error::AppError;
use crate::reviews::release::Frozen;
use crate::server::db::Db;
use crate::server::repo::{db_err, exec};
use crate::shared::date::Day;
use surrealdb::types::{Array, RecordId, SurrealValue, Value};

fn release_rid(cycle: &RecordId, ratee: &RecordId) -> RecordId {
    RecordId::new(
        "review_release",
        Array::from(vec![Value::RecordId(cycle.clone()), Value::RecordId(ratee.clone())]),
    )
}

pub(crate) const OPEN_DUES: &str = "SELECT VALUE due FROM review WITH INDEX review_ratee
     WHERE ratee = $r AND cycle = $c AND status = 'draft' AND kind INSIDE ['peer', 'upward']";

/// The deadlines of the ratee's unsubmitted peer and upward reviews.
pub async fn open_dues(db: &Db, cycle: &RecordId, ratee: &RecordId) -> Result<Vec<Day>, AppError> {
    let mut res = db
        .query(OPEN_DUES)
        .bind(("r", ratee.clone()))
        .bind(("c", cycle.clone()))
        .await
        .map_err(db_err)?;
    let dues: Vec<Option<String>> = res.take(0).map_err(db_err)?;
    Ok(dues.iter().flatten().filter_map(|d| Day::parse(d)).collect())
}

/// The stored release and its version (0: none yet).
pub async fn load(db: &Db, cycle: &RecordId, ratee: &RecordId) -> Result<(i64, Option<Frozen>), AppError> {
    #[derive(SurrealValue)]
    struct R {
        version: i64,
        frozen: String,
    }
    let mut res = db
        .query("SELECT version, frozen FROM ONLY $id")
        .bind(("id", release_rid(cycle, ratee)))
        .await
        .map_err(db_err)?;
    let row: Option<R> = res.take(0).map_err(db_err)?;
    match row {
        None => Ok((0, None)),
        Some(r) => {
            let frozen = serde_json::from_str(&r.frozen).map_err(AppError::internal)?;
            Ok((r.version, Some(frozen)))
        }
    }
}

/// Stores `frozen` as the next release if the stored one is still version
/// `expected`; otherwise leaves what another reader stored first.
pub async fn store(
    db: &Db,
    cycle: &RecordId,
    ratee: &RecordId,
    expected: i64,
    frozen: &Frozen,
) -> Result<(), AppError> {
    let text = serde_json::to_string(frozen).map_err(AppError::internal)?;
    exec(
        db.query(
            "BEGIN TRANSACTION;
             LET $now = (SELECT VALUE version FROM ONLY $id) ?? 0;
             IF $now = $v {
                 UPSERT $id SET cycle = $c, ratee = $r, frozen = $f, version = $v + 1, released_at = time::now() RETURN NONE;
             };
             COMMIT TRANSACTION;",
        )
        .bind(("id", release_rid(cycle, ratee)))
        .bind(("c", cycle.clone()))
        .bind(("r", ratee.clone()))
        .bind(("v", expected))
        .bind(("f", text)),
    )
    .await
}
