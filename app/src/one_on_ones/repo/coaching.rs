//! Coaching conversation records.

use crate::error::AppError;
use crate::one_on_ones::model::CoachingRecord;
use crate::one_on_ones::repo::person_ref;
use crate::server::db::Db;
use crate::server::repo::{db_err, exec_retrying, key_of};
use crate::shared::date::Day;
use surrealdb::types::{RecordId, SurrealValue};

#[derive(Debug, Clone, SurrealValue)]
pub struct NewCoaching {
    pub coach: RecordId,
    pub person: RecordId,
    pub topic: String,
    pub agreed: String,
    pub follow_up: Option<String>,
    pub happened_on: String,
}

pub async fn create(db: &Db, row: NewCoaching) -> Result<(), AppError> {
    exec_retrying(|| db.query("CREATE coaching CONTENT $row").bind(("row", row.clone()))).await
}

#[derive(Debug, Clone, SurrealValue)]
struct CoachingRow {
    id: RecordId,
    coach: RecordId,
    coach_name: String,
    person: RecordId,
    person_name: String,
    topic: String,
    agreed: String,
    follow_up: Option<String>,
    happened_on: String,
}

/// Records about a person, newest first.
pub async fn about(db: &Db, person: &RecordId, limit: u32) -> Result<Vec<CoachingRecord>, AppError> {
    let mut res = db
        .query(
            "SELECT id, coach, coach.name AS coach_name, person, person.name AS person_name, topic, agreed, follow_up,
                    happened_on FROM coaching WHERE person = $p ORDER BY happened_on DESC LIMIT $limit",
        )
        .bind(("p", person.clone()))
        .bind(("limit", i64::from(limit)))
        .await
        .map_err(db_err)?;
    let rows: Vec<CoachingRow> = res.take(0).map_err(db_err)?;
    let epoch = Day::parse("1970-01-01").expect("static");
    Ok(rows
        .into_iter()
        .map(|r| CoachingRecord {
            id: key_of(&r.id),
            coach: person_ref(&r.coach, &r.coach_name),
            person: person_ref(&r.person, &r.person_name),
            topic: r.topic,
            agreed: r.agreed,
            follow_up: r.follow_up.as_deref().and_then(Day::parse),
            happened_on: Day::parse(&r.happened_on).unwrap_or(epoch),
        })
        .collect())
}
