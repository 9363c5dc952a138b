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
pub mod reviews;
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

/// Whether an error is a transaction that lost a write race with another
/// one (both bumped the same counter row): nothing of it was applied, so it
/// can be run again.
fn lost_race(e: &surrealdb::Error) -> bool {
    let text = e.to_string();
    text.contains("Transaction conflict") || text.contains("can be retried")
}

/// `exec` for writes that the counting events make contend on shared rows
/// (a unit's week): a transaction that lost the race is run again, after a
/// short random pause, up to eight times. `build` makes the query afresh for
/// each attempt; it must be one statement or one explicit transaction.
pub async fn exec_retrying<'a, F>(build: F) -> Result<(), AppError>
where
    F: Fn() -> surrealdb::method::Query<'a, surrealdb::engine::any::Any>,
{
    let mut pause_ms = 2u64;
    for attempt in 0..=8 {
        let error = match build().await {
            Ok(mut answer) => {
                let mut errors: Vec<(usize, surrealdb::Error)> = answer.take_errors().into_iter().collect();
                errors.sort_by_key(|(i, _)| *i);
                if errors.is_empty() {
                    return Ok(());
                }
                let race = errors.iter().any(|(_, e)| lost_race(e));
                let first = errors.into_iter().next().map(|(_, e)| e);
                match (race, first) {
                    (true, _) if attempt < 8 => None,
                    (_, Some(e)) => return Err(db_err(e)),
                    (_, None) => return Ok(()),
                }
            }
            Err(e) if attempt < 8 && lost_race(&e) => None,
            Err(e) => Some(e),
        };
        if let Some(e) = error {
            return Err(db_err(e));
        }
        tracing::debug!(attempt, "a write lost a race on a shared counter; running it again");
        let jitter = u64::from(getrandom::u32().unwrap_or(0)) % pause_ms;
        tokio::time::sleep(std::time::Duration::from_millis(pause_ms + jitter)).await;
        pause_ms = (pause_ms * 2).min(100);
    }
    Err(AppError::internal(
        "a write lost its race on a shared counter nine times",
    ))
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
