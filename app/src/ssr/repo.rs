//! Repositories: every SurrealQL statement Tend runs lives here, with its
//! parameters bound, never interpolated. Row types stay in this module.

pub mod coaching;
pub mod feedback;
pub mod feedback_asks;
pub mod feedback_stats;
pub mod goal_detail;
pub mod goal_rollup;
pub mod goal_write;
pub mod goals;
pub mod notes;
pub mod one_on_ones;
pub mod org;
pub mod org_chart;
pub mod people;
pub mod perception;
pub mod sessions;
pub mod stats;
#[cfg(test)]
mod tests;

use crate::error::AppError;
use surrealdb::types::{RecordId, RecordIdKey};

/// A `person` record id for a validated key.
pub fn person_rid(key: &crate::model::PersonId) -> RecordId {
    RecordId::new("person", key.as_str())
}

/// A `goal` record id for a validated key.
pub fn goal_rid(key: &crate::model::GoalId) -> RecordId {
    RecordId::new("goal", key.as_str())
}

/// The key part of a record id as text (`person:p42` -> `p42`).
pub fn key_of(id: &RecordId) -> String {
    match &id.key {
        RecordIdKey::String(s) => s.clone(),
        RecordIdKey::Number(n) => n.to_string(),
        other => format!("{other:?}"),
    }
}

/// Maps a database error to the opaque user-facing error, logging the detail.
pub fn db_err(e: surrealdb::Error) -> AppError {
    AppError::internal(e)
}

/// Runs a statement (or a transaction) whose result is not read, failing if
/// any statement in it failed.
pub async fn exec(query: surrealdb::method::Query<'_, surrealdb::engine::any::Any>) -> Result<(), AppError> {
    query.await.and_then(|r| r.check()).map_err(db_err)?;
    Ok(())
}

/// Runs a list query that binds `$p` (whose rows) and `$limit`.
pub async fn list_for<T: surrealdb::types::SurrealValue>(
    db: &crate::ssr::db::Db,
    sql: &'static str,
    p: &RecordId,
    limit: u32,
) -> Result<Vec<T>, AppError> {
    let mut res = db
        .query(sql)
        .bind(("p", p.clone()))
        .bind(("limit", i64::from(limit)))
        .await
        .map_err(db_err)?;
    res.take(0).map_err(db_err)
}
