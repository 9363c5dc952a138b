//! The home page's own reads: goals waiting for a check-in and overdue
//! action items. Both go through the owner index.

use crate::error::AppError;
use crate::server::db::Db;
use crate::server::repo::db_err;
use surrealdb::types::{Datetime, RecordId, SurrealValue};

#[derive(Debug, Clone, SurrealValue)]
pub struct OpenGoal {
    pub id: RecordId,
    pub title: String,
    pub last_checkin: Option<String>,
    pub created_at: Datetime,
}

#[derive(Debug, Clone, SurrealValue)]
pub struct OpenAction {
    pub id: RecordId,
    pub text: String,
    pub due: String,
    pub series: RecordId,
}

/// A person's current open goals, and their action items overdue at `today`.
pub async fn mine(db: &Db, me: &RecordId, today: &str) -> Result<(Vec<OpenGoal>, Vec<OpenAction>), AppError> {
    let mut res = db
        .query(
            "SELECT id, title, last_checkin, created_at FROM goal
                WHERE owner = $me AND period_start <= $today AND period_end >= $today
                AND status NOT IN ['done', 'abandoned'];
             SELECT id, text, due, series FROM action_item WHERE owner = $me AND done = false AND due < $today
                ORDER BY due LIMIT 20;",
        )
        .bind(("me", me.clone()))
        .bind(("today", today.to_owned()))
        .await
        .map_err(db_err)?;
    Ok((res.take(0).map_err(db_err)?, res.take(1).map_err(db_err)?))
}
