//! Repositories: every SurrealQL statement Tend runs lives here, with its
//! parameters bound, never interpolated. Row types stay in this module.

#[cfg(test)]
mod index_plans;
#[cfg(test)]
mod tests;

use crate::error::AppError;
use surrealdb::types::{RecordId, RecordIdKey};

/// A `person` record id for a validated key.
pub fn person_rid(key: &crate::shared::ids::PersonId) -> RecordId {
    RecordId::new("person", key.as_str())
}

/// A `goal` record id for a validated key.
pub fn goal_rid(key: &crate::goals::model::GoalId) -> RecordId {
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

/// A new random record key: `prefix` then 18 hex digits (72 random bits).
/// Every feature keys its records this way (goals `g`, key results `k`,
/// check-ins and cycles `c`, feedback `f`, 1:1s `o`).
pub fn new_key(prefix: &str) -> String {
    let mut bytes = [0u8; 9];
    getrandom::fill(&mut bytes).expect("the OS random source works");
    format!("{prefix}{}", hex::encode(bytes))
}

/// A stored time as the pages show it: "2026-11-27 14:05" in UTC.
pub fn short_time(at: &surrealdb::types::Datetime) -> String {
    let s = at.to_string();
    let s = s.trim_start_matches("d'").trim_end_matches('\'');
    s.get(..16).map(|t| t.replace('T', " ")).unwrap_or_else(|| s.to_owned())
}

/// Maps a database error to the opaque user-facing error, logging the detail.
pub fn db_err(e: surrealdb::Error) -> AppError {
    AppError::internal(e)
}

/// Runs a statement (or a transaction) whose result is not read, failing if
/// any statement in it failed.
pub async fn exec(query: surrealdb::method::Query<'_, surrealdb::engine::any::Any>) -> Result<(), AppError> {
    let mut res = query.await.map_err(db_err)?;
    let errors = res.take_errors();
    if errors.is_empty() {
        return Ok(());
    }
    // In a failed transaction every other statement reports only "not
    // executed due to a failed transaction"; log the one that failed.
    let mut errors: Vec<(usize, surrealdb::Error)> = errors.into_iter().collect();
    errors.sort_by_key(|(i, _)| *i);
    let cause = errors
        .iter()
        .find(|(_, e)| !e.to_string().contains("failed transaction"))
        .or(errors.first())
        .map(|(i, e)| format!("statement {i}: {e}"))
        .unwrap_or_default();
    Err(AppError::internal(cause))
}

/// Whether an error is a transaction that lost a write race with another
/// one (both bumped the same counter row): nothing of it was applied, so it
/// can be run again.
pub fn lost_race(e: &surrealdb::Error) -> bool {
    matches!(
        e.query_details(),
        Some(surrealdb::types::QueryError::TransactionConflict)
    ) || e.to_string().contains("Transaction conflict")
}

/// How often a write that keeps losing races is tried before giving up.
const ATTEMPTS: u32 = 16;

/// Wakes this process's counter folder (`stats::fold::run`) after a counted
/// write commits, so its figures reach the dashboards without waiting for the
/// folder's next poll. A wake with nobody waiting is kept for the next wait.
static FOLDER: tokio::sync::Notify = tokio::sync::Notify::const_new();

pub fn wake_folder() {
    FOLDER.notify_one();
}

/// Resolves at the next [`wake_folder`] (or at once if one is pending).
pub async fn folder_woken() {
    FOLDER.notified().await
}

/// `exec` for counted writes (those the counting events follow). They no
/// longer share a department's counter rows (migration 0032), but two writes
/// about one person can still meet on that person's rows (a goal rolled up,
/// a day's evidence): a transaction that lost the race is run again, after
/// a random pause that grows with each loss. Wakes the counter folder. `build` makes the query afresh
/// for each attempt; it must be one statement or one explicit transaction.
pub async fn exec_retrying<'a, F>(build: F) -> Result<(), AppError>
where
    F: Fn() -> surrealdb::method::Query<'a, surrealdb::engine::any::Any>,
{
    retrying(build).await.map(|_| ())
}

/// Like [`exec_retrying`], for a counted write whose answer is read: the
/// rows of statement `index` of the run that went through.
pub async fn query_retrying<'a, F, T>(build: F, index: usize) -> Result<Vec<T>, AppError>
where
    F: Fn() -> surrealdb::method::Query<'a, surrealdb::engine::any::Any>,
    T: surrealdb::types::SurrealValue,
{
    retrying(build).await?.take(index).map_err(db_err)
}

async fn retrying<'a, F>(build: F) -> Result<surrealdb::IndexedResults, AppError>
where
    F: Fn() -> surrealdb::method::Query<'a, surrealdb::engine::any::Any>,
{
    let mut ceiling_ms = 4u64;
    for attempt in 1..=ATTEMPTS {
        let mut errors: Vec<(usize, surrealdb::Error)> = Vec::new();
        match build().await {
            Ok(mut answer) => {
                errors.extend(answer.take_errors());
                if errors.is_empty() {
                    wake_folder();
                    return Ok(answer);
                }
            }
            Err(e) => errors.push((0, e)),
        }
        if !errors.iter().any(|(_, e)| lost_race(e)) {
            errors.sort_by_key(|(i, _)| *i);
            let (_, first) = errors.swap_remove(0);
            return Err(db_err(first));
        }
        tracing::debug!(attempt, "a write lost a race on a shared counter; running it again");
        // Full jitter: contenders spread out instead of colliding again.
        let pause = 1 + u64::from(getrandom::u32().unwrap_or(0)) % ceiling_ms;
        tokio::time::sleep(std::time::Duration::from_millis(pause)).await;
        ceiling_ms = (ceiling_ms * 2).min(200);
    }
    Err(AppError::internal(format!(
        "a write lost its race on a shared counter {ATTEMPTS} times"
    )))
}

/// Runs `sql`, which names `$key`, once for each key, in requests of up to
/// 200 statements, and returns every statement's rows in key order.
/// `extra` binds further string parameters. One statement per key, not
/// `$keys.map(|$k| (SELECT … WHERE field = $k))`: inside a closure
/// SurrealDB does not use the field's index and scans the whole table once
/// per key.
pub async fn for_each_key<T: surrealdb::types::SurrealValue>(
    db: &crate::server::db::Db,
    sql: &str,
    keys: &[RecordId],
    extra: &[(&str, String)],
) -> Result<Vec<T>, AppError> {
    let mut out = Vec::new();
    for chunk in keys.chunks(200) {
        let text: String = (0..chunk.len())
            .map(|i| format!("{};\n", sql.replace("$key", &format!("$key{i}"))))
            .collect();
        let mut q = db.query(text);
        for (name, value) in extra {
            q = q.bind((name.to_string(), value.clone()));
        }
        for (i, k) in chunk.iter().enumerate() {
            q = q.bind((format!("key{i}"), k.clone()));
        }
        let mut res = q.await.map_err(db_err)?;
        for i in 0..chunk.len() {
            out.extend(res.take::<Vec<T>>(i).map_err(db_err)?);
        }
    }
    Ok(out)
}

/// Runs a list query that binds `$p` (whose rows) and `$limit`.
pub async fn list_for<T: surrealdb::types::SurrealValue>(
    db: &crate::server::db::Db,
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
