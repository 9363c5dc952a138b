//! Asks for feedback: one row per colleague asked, answered by a feedback entry.

use crate::error::AppError;
use crate::feedback::model::FeedbackAsk;
use crate::people::model::OwnerRef;
use crate::server::db::Db;
use crate::server::repo::{db_err, exec, key_of, list_for, short_time};
use crate::shared::date::Day;
use crate::shared::ids::PersonId;
use surrealdb::types::{Datetime, RecordId, SurrealValue};

#[derive(Debug, Clone, SurrealValue)]
pub struct AskRow {
    pub id: RecordId,
    pub requester: RecordId,
    pub requester_name: String,
    pub asked: RecordId,
    pub asked_name: String,
    pub topic: String,
    pub created_at: Datetime,
    pub answer: Option<RecordId>,
}

macro_rules! ask_fields {
    () => {
        "id, requester, requester.name AS requester_name, asked, asked.name AS asked_name, topic, created_at, answer"
    };
}

impl AskRow {
    pub fn wire(self) -> FeedbackAsk {
        let person = |id: &RecordId, name: String| OwnerRef {
            id: PersonId::parse(&key_of(id)).unwrap_or_else(|| PersonId::parse("unknown").expect("static")),
            name,
        };
        FeedbackAsk {
            id: key_of(&self.id),
            requester: person(&self.requester, self.requester_name),
            asked: person(&self.asked, self.asked_name),
            topic: self.topic,
            asked_on: short_time(&self.created_at)
                .get(..10)
                .and_then(Day::parse)
                .unwrap_or_else(|| Day::parse("1970-01-01").expect("static")),
            answer: self.answer.as_ref().map(key_of),
        }
    }
}

#[derive(Debug, Clone, SurrealValue)]
struct NewAsk {
    id: RecordId,
    requester: RecordId,
    asked: RecordId,
    topic: String,
}

/// Asks each colleague, in one transaction; returns each colleague with their ask's key.
pub async fn create(
    db: &Db,
    requester: &RecordId,
    asked: &[RecordId],
    topic: &str,
) -> Result<Vec<(RecordId, String)>, AppError> {
    let rows: Vec<NewAsk> = asked
        .iter()
        .map(|a| NewAsk {
            id: RecordId::new("feedback_ask", crate::server::repo::new_key("a")),
            requester: requester.clone(),
            asked: a.clone(),
            topic: topic.to_owned(),
        })
        .collect();
    let keys = rows.iter().map(|r| (r.asked.clone(), key_of(&r.id))).collect();
    exec(
        db.query("INSERT INTO feedback_ask $rows RETURN NONE")
            .bind(("rows", rows)),
    )
    .await?;
    Ok(keys)
}

pub async fn get(db: &Db, id: &RecordId) -> Result<Option<AskRow>, AppError> {
    let sql = concat!("SELECT ", ask_fields!(), " FROM ONLY $id");
    let mut res = db.query(sql).bind(("id", id.clone())).await.map_err(db_err)?;
    res.take(0).map_err(db_err)
}

/// Asks someone sent, newest first.
pub async fn by_requester(db: &Db, person: &RecordId, limit: u32) -> Result<Vec<AskRow>, AppError> {
    let sql = concat!(
        "SELECT ",
        ask_fields!(),
        " FROM feedback_ask WHERE requester = $p ORDER BY created_at DESC LIMIT $limit"
    );
    list_for(db, sql, person, limit).await
}

/// Asks waiting for someone's answer, oldest first.
pub async fn open_for(db: &Db, person: &RecordId, limit: u32) -> Result<Vec<AskRow>, AppError> {
    let sql = concat!(
        "SELECT ",
        ask_fields!(),
        " FROM feedback_ask WHERE asked = $p AND answer = NONE ORDER BY created_at LIMIT $limit"
    );
    list_for(db, sql, person, limit).await
}
