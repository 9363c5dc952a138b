//! Private notes synced from the outbox, and their kept versions.

use crate::error::AppError;
use crate::server::db::Db;
use crate::server::repo::{db_err, exec};
use surrealdb::types::{RecordId, SurrealValue};

/// A note's content as stored (also the shape of an incoming version).
#[derive(Debug, Clone, PartialEq, SurrealValue)]
pub struct NoteRow {
    pub author: RecordId,
    pub about: RecordId,
    pub text: String,
    pub happened_on: String,
    pub client_id: String,
    pub created_at: i64,
    pub edited_at: i64,
}

/// A note with its subject's name, for the author's list.
#[derive(Debug, Clone, SurrealValue)]
pub struct NoteListRow {
    pub id: RecordId,
    pub about: RecordId,
    pub about_name: String,
    pub text: String,
    pub happened_on: String,
    pub client_id: String,
    pub created_at: i64,
    pub edited_at: i64,
    pub versions: Vec<VersionRow>,
}

#[derive(Debug, Clone, SurrealValue)]
pub struct VersionRow {
    pub text: String,
    pub edited_at: i64,
}

/// Someone a note or feedback may be about: their name and whether they left.
#[derive(Debug, Clone, SurrealValue)]
pub struct PersonState {
    pub name: String,
    pub left_on: Option<String>,
}

pub async fn person_state(db: &Db, person: &RecordId) -> Result<Option<PersonState>, AppError> {
    let mut res = db
        .query("SELECT name, left_on FROM ONLY $p")
        .bind(("p", person.clone()))
        .await
        .map_err(db_err)?;
    res.take(0).map_err(db_err)
}

pub async fn stored(db: &Db, id: &RecordId) -> Result<Option<NoteRow>, AppError> {
    let mut res = db
        .query("SELECT author, about, text, happened_on, client_id, created_at, edited_at FROM ONLY $id")
        .bind(("id", id.clone()))
        .await
        .map_err(db_err)?;
    res.take(0).map_err(db_err)
}

/// Creates the note; fails if the id is taken (a concurrent send won).
pub async fn create(db: &Db, id: &RecordId, row: NoteRow) -> Result<(), AppError> {
    exec(
        db.query("CREATE $id CONTENT $row")
            .bind(("id", id.clone()))
            .bind(("row", row)),
    )
    .await
}

/// Creates the note if its id is free: true if it did, false if a note with
/// this id is already stored (the usual case for a resend).
pub async fn try_create(db: &Db, id: &RecordId, row: NoteRow) -> Result<bool, AppError> {
    let res = db
        .query("CREATE $id CONTENT $row")
        .bind(("id", id.clone()))
        .bind(("row", row))
        .await
        .map_err(db_err)?;
    match res.check() {
        Ok(_) => Ok(true),
        Err(e) if e.to_string().contains("already exists") => Ok(false),
        Err(e) => Err(db_err(e)),
    }
}

/// Replaces the stored version with a later one, keeping the stored one as
/// history. Fails if the note changed since `old` was read.
pub async fn replace(db: &Db, id: &RecordId, old: &NoteRow, new: NoteRow) -> Result<(), AppError> {
    exec(
        db.query(
            "BEGIN TRANSACTION;
             IF (SELECT VALUE edited_at FROM ONLY $id) != $old.edited_at { THROW 'note moved on' };
             INSERT IGNORE INTO note_version { note: $id, text: $old.text, about: $old.about,
                 happened_on: $old.happened_on, edited_at: $old.edited_at };
             UPDATE $id MERGE { text: $new.text, about: $new.about, happened_on: $new.happened_on,
                 edited_at: $new.edited_at };
             COMMIT TRANSACTION;",
        )
        .bind(("id", id.clone()))
        .bind(("old", old.clone()))
        .bind(("new", new)),
    )
    .await
}

/// Keeps a version that lost to the stored one. Sending it again adds nothing.
pub async fn keep_version(db: &Db, id: &RecordId, v: NoteRow) -> Result<(), AppError> {
    exec(
        db.query(
            "INSERT IGNORE INTO note_version { note: $id, text: $v.text, about: $v.about,
                 happened_on: $v.happened_on, edited_at: $v.edited_at }",
        )
        .bind(("id", id.clone()))
        .bind(("v", v)),
    )
    .await
}

/// The author's notes, latest edit first, each with its earlier versions.
pub async fn mine(db: &Db, author: &RecordId, limit: u32) -> Result<Vec<NoteListRow>, AppError> {
    crate::server::repo::list_for(
        db,
        "SELECT id, about, about.name AS about_name, text, happened_on, client_id, created_at, edited_at,
                (SELECT text, edited_at FROM note_version WHERE note = $parent.id ORDER BY edited_at DESC) AS versions
         FROM note WHERE author = $p ORDER BY edited_at DESC LIMIT $limit",
        author,
        limit,
    )
    .await
}

/// A key result of one of `owner`'s goals still running on `today`.
#[derive(Debug, Clone, SurrealValue)]
pub struct OpenKrRow {
    pub id: RecordId,
    pub goal: RecordId,
    pub goal_title: String,
    pub title: String,
    pub unit: String,
    pub kind: String,
    pub current: f64,
    pub done: bool,
    pub position: i64,
}

/// The key results the capture page offers for offline check-ins.
pub async fn open_key_results(db: &Db, owner: &RecordId, today: &str) -> Result<Vec<OpenKrRow>, AppError> {
    let mut res = db
        .query(
            "SELECT id, goal, goal.title AS goal_title, title, unit, kind, current, done, position FROM key_result
             WHERE goal IN (SELECT VALUE id FROM goal WHERE owner = $p AND period_end >= $today
                            AND period_start <= $today AND review_outcome = NONE)
             ORDER BY goal_title, position LIMIT 100",
        )
        .bind(("p", owner.clone()))
        .bind(("today", today.to_owned()))
        .await
        .map_err(db_err)?;
    res.take(0).map_err(db_err)
}
