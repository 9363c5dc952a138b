//! The email queue: enqueue, find what is due, claim one message under a
//! lease, and record how its attempt went. A claim is a conditional update
//! of one record, so two workers (in one process or several sharing a
//! SurrealDB server) never both hold a message: the loser's transaction
//! conflicts or finds it already taken. Marking a result names the attempt
//! it belongs to, so a worker whose lease ran out cannot overwrite the
//! attempt that took the message over.

use crate::email::message::Email;
use crate::email::rules::{AfterFailure, Status, LEASE_SECS};
use crate::error::AppError;
use crate::server::db::Db;
use crate::server::repo::{db_err, exec, key_of, lost_race, new_key, person_rid, short_time};
use crate::shared::ids::PersonId;
use surrealdb::types::{Datetime, Duration, RecordId, SurrealValue};

/// Tells the worker that something was queued, so it need not wait for its poll.
pub static WAKE: tokio::sync::Notify = tokio::sync::Notify::const_new();

fn email_rid(key: &str) -> RecordId {
    RecordId::new("email", key)
}

/// Queues a message; returns its key.
pub async fn enqueue(db: &Db, e: &Email, person: Option<&PersonId>) -> Result<String, AppError> {
    let key = new_key("m");
    exec(
        db.query(
            "CREATE $id SET kind = $kind, person = $person, to = $to, to_name = $to_name, subject = $subject,
                text = $text, html = $html, status = 'queued' RETURN NONE",
        )
        .bind(("id", email_rid(&key)))
        .bind(("kind", e.kind.to_owned()))
        .bind(("person", person.map(person_rid)))
        .bind(("to", e.to.clone()))
        .bind(("to_name", e.to_name.clone()))
        .bind(("subject", e.subject.clone()))
        .bind(("text", e.text.clone()))
        .bind(("html", e.html.clone())),
    )
    .await?;
    WAKE.notify_one();
    Ok(key)
}

/// Messages a worker may claim now: due ones first, then any whose
/// worker's lease ran out (it crashed mid-send).
pub async fn due(db: &Db, limit: usize) -> Result<Vec<String>, AppError> {
    let mut res = db
        .query(
            "SELECT VALUE id FROM email WHERE status = 'queued' AND next_at <= time::now() ORDER BY next_at LIMIT $n;
             SELECT VALUE id FROM email WHERE status = 'sending' AND lease_until < time::now() LIMIT $n;",
        )
        .bind(("n", limit as i64))
        .await
        .map_err(db_err)?;
    let mut ids: Vec<RecordId> = res.take(0).map_err(db_err)?;
    ids.extend(res.take::<Vec<RecordId>>(1).map_err(db_err)?);
    Ok(ids.iter().map(key_of).take(limit).collect())
}

/// A claimed message: what to send, and which attempt this is.
#[derive(Debug, Clone, SurrealValue)]
pub struct Claimed {
    pub id: RecordId,
    pub to: String,
    pub to_name: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub attempts: i64,
}

impl Claimed {
    pub fn key(&self) -> String {
        key_of(&self.id)
    }
}

/// Takes one message for sending, if it is still due and nobody holds it.
pub async fn claim(db: &Db, key: &str) -> Result<Option<Claimed>, AppError> {
    let res = db
        .query(
            "UPDATE $id SET status = 'sending', attempts += 1, lease_until = time::now() + $lease
             WHERE (status = 'queued' AND next_at <= time::now()) OR (status = 'sending' AND lease_until < time::now())
             RETURN id, to, to_name, subject, text, html, attempts",
        )
        .bind(("id", email_rid(key)))
        .bind(("lease", Duration::from_secs(LEASE_SECS)))
        .await;
    let mut res = match res.and_then(|r| r.check()) {
        Ok(r) => r,
        // Another worker's claim won the race: not ours.
        Err(e) if lost_race(&e) => return Ok(None),
        Err(e) => return Err(db_err(e)),
    };
    let rows: Vec<Claimed> = res.take(0).map_err(db_err)?;
    Ok(rows.into_iter().next())
}

/// Records that attempt `attempt` went out. The body is dropped unless
/// `keep_body` (the outbox folder, where HR reads it on the Emails page).
pub async fn sent(db: &Db, key: &str, attempt: i64, keep_body: bool) -> Result<(), AppError> {
    exec(
        db.query(
            "UPDATE $id SET status = 'sent', sent_at = time::now(), lease_until = NONE, last_error = NONE,
                text = IF $keep { text } ELSE { '' }, html = IF $keep { html } ELSE { '' }
             WHERE status = 'sending' AND attempts = $n RETURN NONE",
        )
        .bind(("id", email_rid(key)))
        .bind(("n", attempt))
        .bind(("keep", keep_body)),
    )
    .await
}

/// Records that attempt `attempt` failed, and what follows.
pub async fn failed(db: &Db, key: &str, attempt: i64, next: AfterFailure, error: &str) -> Result<(), AppError> {
    let (status, wait) = match next {
        AfterFailure::RetryIn(s) => (Status::Queued, s),
        AfterFailure::Failed => (Status::Failed, 0),
    };
    exec(
        db.query(
            "UPDATE $id SET status = $status, next_at = time::now() + $wait, lease_until = NONE, last_error = $error
             WHERE status = 'sending' AND attempts = $n RETURN NONE",
        )
        .bind(("id", email_rid(key)))
        .bind(("n", attempt))
        .bind(("status", status.as_str()))
        .bind(("wait", Duration::from_secs(wait)))
        .bind(("error", error.chars().take(300).collect::<String>())),
    )
    .await
}

/// One message as the Emails page lists it.
#[derive(Debug, Clone, SurrealValue)]
pub struct Row {
    pub id: RecordId,
    pub kind: String,
    pub to: String,
    pub subject: String,
    pub status: String,
    pub attempts: i64,
    pub queued_at: Datetime,
    pub sent_at: Option<Datetime>,
    pub last_error: Option<String>,
    pub text: String,
}

impl Row {
    pub fn queued(&self) -> String {
        short_time(&self.queued_at)
    }

    pub fn sent(&self) -> Option<String> {
        self.sent_at.as_ref().map(short_time)
    }
}

/// The newest `limit` messages, and how many there are in each status.
pub async fn recent(db: &Db, limit: usize) -> Result<(Vec<Row>, [u32; 4]), AppError> {
    let mut res = db
        .query(
            "SELECT id, kind, to, subject, status, attempts, queued_at, sent_at, last_error, text
                FROM email ORDER BY queued_at DESC LIMIT $n;
             SELECT status, count() AS n FROM email GROUP BY status;",
        )
        .bind(("n", limit as i64))
        .await
        .map_err(db_err)?;
    let rows: Vec<Row> = res.take(0).map_err(db_err)?;
    #[derive(SurrealValue)]
    struct Count {
        status: String,
        n: i64,
    }
    let mut counts = [0u32; 4];
    for c in res.take::<Vec<Count>>(1).map_err(db_err)? {
        let i = match Status::parse(&c.status) {
            Some(Status::Queued) => 0,
            Some(Status::Sending) => 1,
            Some(Status::Sent) => 2,
            Some(Status::Failed) => 3,
            None => continue,
        };
        counts[i] = c.n.max(0) as u32;
    }
    Ok((rows, counts))
}
