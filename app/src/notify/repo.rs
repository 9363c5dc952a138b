//! Notifications in the database: writing them once per occasion, the
//! inbox, and the email side (what is due, and stamping a batch with the
//! email that carries it in the same transaction that queues that email).

use crate::email::message::Email;
use crate::error::AppError;
use crate::server::db::Db;
use crate::server::repo::{db_err, exec, exec_retrying, key_of, lost_race};
use surrealdb::types::{Array, Datetime, RecordId, SurrealValue, Value};

pub fn notification_rid(key: &str) -> RecordId {
    RecordId::new("notification", key)
}

/// The touch that tells a person's open pages their inbox changed.
fn inbox_touch(person: &RecordId) -> RecordId {
    RecordId::new(
        "touch",
        Array::from(vec![Value::RecordId(person.clone()), Value::String("inbox".into())]),
    )
}

/// A notification to write.
#[derive(Debug, Clone, SurrealValue)]
pub struct NewRow {
    pub id: RecordId,
    pub person: RecordId,
    pub kind: String,
    pub text: String,
    pub link: String,
    pub subject: String,
    pub mail: String,
    pub mail_due: Option<Datetime>,
}

#[derive(Debug, Clone, SurrealValue)]
struct Touch {
    id: RecordId,
    person: RecordId,
}

/// Writes notifications; an occasion already written is left as it was.
pub async fn insert(db: &Db, rows: Vec<NewRow>) -> Result<(), AppError> {
    if rows.is_empty() {
        return Ok(());
    }
    let mut people: Vec<RecordId> = rows.iter().map(|r| r.person.clone()).collect();
    people.sort_by_key(key_of);
    people.dedup();
    let touches: Vec<Touch> = people
        .iter()
        .map(|p| Touch {
            id: inbox_touch(p),
            person: p.clone(),
        })
        .collect();
    // Writers telling one person at once (check-ins on goals aligned to one
    // manager's) meet on that person's inbox touch; the loser runs again
    // (the insert ignores what is written already).
    exec_retrying(|| {
        db.query(
            "BEGIN TRANSACTION;
             INSERT IGNORE INTO notification $rows RETURN NONE;
             FOR $t IN $touches { UPSERT $t.id SET at = time::now(), person = $t.person, inbox = true RETURN NONE; };
             COMMIT TRANSACTION;",
        )
        .bind(("rows", rows.clone()))
        .bind(("touches", touches.clone()))
    })
    .await
}

pub fn pref_rid(person: &RecordId) -> RecordId {
    RecordId::new("notify_pref", key_of(person))
}

/// What the notifier needs to know about a recipient.
#[derive(Debug, Clone, SurrealValue)]
pub struct Person {
    pub id: RecordId,
    pub name: String,
    pub email: String,
    pub time_zone: Option<String>,
    pub left_on: Option<String>,
}

impl Person {
    /// Whether they have left by `today` ('YYYY-MM-DD'): nobody tells or mails a leaver.
    pub fn has_left(&self, today: &str) -> bool {
        self.left_on.as_deref().is_some_and(|d| d <= today)
    }
}

/// A person's saved choices.
#[derive(Debug, Clone, Default, SurrealValue)]
pub struct PrefRow {
    pub person: Option<RecordId>,
    pub kinds: Vec<KindPref>,
    pub quiet_from: Option<i64>,
    pub quiet_to: Option<i64>,
}

#[derive(Debug, Clone, SurrealValue)]
pub struct KindPref {
    pub kind: String,
    pub delivery: String,
}

/// People with their saved choices (a default row for those who saved none).
pub async fn people_with_prefs(db: &Db, people: &[RecordId]) -> Result<Vec<(Person, PrefRow)>, AppError> {
    let prefs: Vec<RecordId> = people.iter().map(pref_rid).collect();
    let mut res = db
        .query(
            "SELECT id, name, email, time_zone, left_on FROM $people;
             SELECT person, kinds, quiet_from, quiet_to FROM $prefs;",
        )
        .bind(("people", people.to_vec()))
        .bind(("prefs", prefs))
        .await
        .map_err(db_err)?;
    let found: Vec<Person> = res.take(0).map_err(db_err)?;
    let saved: Vec<PrefRow> = res.take(1).map_err(db_err)?;
    Ok(found
        .into_iter()
        .map(|p| {
            let pref = saved
                .iter()
                .find(|s| s.person.as_ref() == Some(&p.id))
                .cloned()
                .unwrap_or_default();
            (p, pref)
        })
        .collect())
}

/// Saves a person's choices, replacing what was there.
pub async fn save_prefs(
    db: &Db,
    person: &RecordId,
    kinds: Vec<KindPref>,
    quiet: Option<(u8, u8)>,
) -> Result<(), AppError> {
    exec(
        db.query(
            "UPSERT $id SET person = $person, kinds = $kinds, quiet_from = $from, quiet_to = $to,
                updated_at = time::now() RETURN NONE",
        )
        .bind(("id", pref_rid(person)))
        .bind(("person", person.clone()))
        .bind(("kinds", kinds))
        .bind(("from", quiet.map(|q| q.0 as i64)))
        .bind(("to", quiet.map(|q| q.1 as i64))),
    )
    .await
}

/// One inbox line as stored.
#[derive(Debug, Clone, SurrealValue)]
pub struct InboxRow {
    pub id: RecordId,
    pub kind: String,
    pub text: String,
    pub link: String,
    pub at: Datetime,
    pub read_at: Option<Datetime>,
}

/// A person's newest `limit` notifications and how many are unread.
pub async fn inbox(db: &Db, person: &RecordId, limit: usize) -> Result<(Vec<InboxRow>, u32), AppError> {
    let mut res = db
        .query(
            // No ORDER BY: with it the planner left the person index and
            // read the whole table (44 ms at 10,000 people); a person's own
            // 90 days are sorted here instead.
            "SELECT id, kind, text, link, at, read_at FROM notification WHERE person = $p;
             SELECT count() AS n FROM notification WHERE person = $p AND read_at = NONE GROUP ALL;",
        )
        .bind(("p", person.clone()))
        .await
        .map_err(db_err)?;
    let mut rows: Vec<InboxRow> = res.take(0).map_err(db_err)?;
    rows.sort_by_key(|r| std::cmp::Reverse(r.at));
    rows.truncate(limit);
    Ok((rows, count_of(&mut res, 1)?))
}

#[derive(SurrealValue)]
struct Count {
    n: i64,
}

fn count_of(res: &mut surrealdb::IndexedResults, i: usize) -> Result<u32, AppError> {
    let c: Option<Count> = res.take(i).map_err(db_err)?;
    Ok(c.map(|c| c.n.max(0) as u32).unwrap_or(0))
}

/// How many of a person's notifications are unread.
pub async fn unread(db: &Db, person: &RecordId) -> Result<u32, AppError> {
    let mut res = db
        .query("SELECT count() AS n FROM notification WHERE person = $p AND read_at = NONE GROUP ALL")
        .bind(("p", person.clone()))
        .await
        .map_err(db_err)?;
    count_of(&mut res, 0)
}

/// Marks one notification (or, with None, all) of `person` read. Only the
/// person's own rows match, whatever id is passed.
pub async fn mark_read(db: &Db, person: &RecordId, one: Option<RecordId>) -> Result<(), AppError> {
    let sql = match one {
        Some(_) => {
            "BEGIN TRANSACTION;
             UPDATE $id SET read_at = time::now() WHERE person = $p AND read_at = NONE RETURN NONE;
             UPSERT $touch SET at = time::now(), person = $p, inbox = true RETURN NONE;
             COMMIT TRANSACTION;"
        }
        None => {
            "BEGIN TRANSACTION;
             UPDATE notification SET read_at = time::now() WHERE person = $p AND read_at = NONE RETURN NONE;
             UPSERT $touch SET at = time::now(), person = $p, inbox = true RETURN NONE;
             COMMIT TRANSACTION;"
        }
    };
    // A notification arriving at the same moment touches the same row.
    exec_retrying(|| {
        db.query(sql)
            .bind(("id", one.clone()))
            .bind(("p", person.clone()))
            .bind(("touch", inbox_touch(person)))
    })
    .await
}

/// When each occasion of a person about `subject` was notified ("reminded on …").
pub async fn reminded(db: &Db, person: &RecordId, subjects: Vec<String>) -> Result<Vec<(String, Datetime)>, AppError> {
    #[derive(SurrealValue)]
    struct Row {
        subject: String,
        at: Datetime,
    }
    let mut res = db
        .query("SELECT subject, at FROM notification WHERE person = $p AND subject IN $s AND kind = 'reminder'")
        .bind(("p", person.clone()))
        .bind(("s", subjects))
        .await
        .map_err(db_err)?;
    let mut rows: Vec<Row> = res.take(0).map_err(db_err)?;
    // Newest first, sorted here (see `inbox`).
    rows.sort_by_key(|r| std::cmp::Reverse(r.at));
    Ok(rows.into_iter().map(|r| (r.subject, r.at)).collect())
}

/// Deletes notifications older than `days`; returns how many.
pub async fn purge(db: &Db, days: u64) -> Result<usize, AppError> {
    let mut res = db
        .query("DELETE notification WHERE at < time::now() - $age RETURN BEFORE")
        .bind(("age", surrealdb::types::Duration::from_secs(days * 86_400)))
        .await
        .map_err(db_err)?;
    let gone: Vec<surrealdb::types::Value> = res.take(0).map_err(db_err)?;
    Ok(gone.len())
}

/// People with an email due now (at most `limit`).
pub async fn people_due(db: &Db, limit: usize) -> Result<Vec<RecordId>, AppError> {
    let mut res = db
        .query("SELECT VALUE person FROM notification WHERE mail_due <= time::now() LIMIT $n")
        .bind(("n", limit as i64))
        .await
        .map_err(db_err)?;
    let mut people: Vec<RecordId> = res.take(0).map_err(db_err)?;
    people.sort_by_key(key_of);
    people.dedup();
    Ok(people)
}

/// A notification waiting for its email.
#[derive(Debug, Clone, SurrealValue)]
pub struct Pending {
    pub id: RecordId,
    pub kind: String,
    pub text: String,
    pub link: String,
    pub mail: String,
    pub mail_due: Datetime,
    pub at: Datetime,
}

/// A person's notifications still waiting for an email, oldest first.
pub async fn pending(db: &Db, person: &RecordId) -> Result<Vec<Pending>, AppError> {
    let mut res = db
        .query(
            "SELECT id, kind, text, link, mail, mail_due, at FROM notification
             WHERE person = $p AND mail_due != NONE ORDER BY at",
        )
        .bind(("p", person.clone()))
        .await
        .map_err(db_err)?;
    res.take(0).map_err(db_err)
}

/// Queues `email` and stamps `ids` as carried by it, in one transaction
/// that fails when any of them was already carried (another process got
/// there first). Returns whether this call queued it.
pub async fn queue_batch(
    db: &Db,
    ids: Vec<RecordId>,
    email: &Email,
    person: &RecordId,
    key: &str,
) -> Result<bool, AppError> {
    let res = db
        .query(
            "BEGIN TRANSACTION;
             LET $taken = (UPDATE $ids SET mail_due = NONE, mailed = $key WHERE mailed = NONE RETURN VALUE id);
             IF array::len($taken) != array::len($ids) { THROW 'already carried' };
             CREATE $email SET kind = $kind, person = $person, to = $to, to_name = $to_name, subject = $subject,
                text = $text, html = $html, status = 'queued' RETURN NONE;
             COMMIT TRANSACTION;",
        )
        .bind(("ids", ids))
        .bind(("key", key.to_owned()))
        .bind(("email", RecordId::new("email", key)))
        .bind(("kind", email.kind.to_owned()))
        .bind(("person", person.clone()))
        .bind(("to", email.to.clone()))
        .bind(("to_name", email.to_name.clone()))
        .bind(("subject", email.subject.clone()))
        .bind(("text", email.text.clone()))
        .bind(("html", email.html.clone()))
        .await;
    let mut res = match res {
        Ok(r) => r,
        Err(e) if lost_race(&e) => return Ok(false),
        Err(e) => return Err(db_err(e)),
    };
    let errors = res.take_errors();
    if errors.is_empty() {
        crate::email::repo::WAKE.notify_one();
        return Ok(true);
    }
    if errors
        .values()
        .any(|e| lost_race(e) || e.to_string().contains("already carried"))
    {
        return Ok(false);
    }
    let detail = errors.values().map(|e| e.to_string()).collect::<Vec<_>>().join("; ");
    Err(AppError::internal(detail))
}

/// Drops the pending email of notifications whose person has left (they
/// stay in the inbox HR may need, but nobody mails a leaver).
pub async fn drop_mail(db: &Db, ids: Vec<RecordId>) -> Result<(), AppError> {
    exec(
        db.query("UPDATE $ids SET mail_due = NONE RETURN NONE")
            .bind(("ids", ids)),
    )
    .await
}

/// Stops the email still waiting for a person's notifications of one kind.
pub async fn stop_mail(db: &Db, person: &RecordId, kind: &str) -> Result<(), AppError> {
    exec(
        db.query("UPDATE notification SET mail_due = NONE, mail = 'off' WHERE person = $p AND kind = $k AND mail_due != NONE RETURN NONE")
            .bind(("p", person.clone()))
            .bind(("k", kind.to_owned())),
    )
    .await
}
