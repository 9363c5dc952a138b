//! Feedback entries: writing, editing within the window (keeping what was
//! replaced), acknowledging, rating, soft deleting, and the lists people read.
//! Lists go through the recipient, giver and feed indexes.

pub mod asks;
pub mod figures;
pub mod perception;

use crate::error::AppError;
use crate::feedback::model::{FeedbackEntry, FeedbackKind, FeedbackVisibility, Usefulness};
use crate::people::model::OwnerRef;
use crate::server::db::Db;
use crate::server::repo::{db_err, exec, exec_retrying, key_of, list_for, short_time};
use crate::shared::date::Day;
use crate::shared::ids::PersonId;
use surrealdb::types::{Datetime, RecordId, SurrealValue};

/// The hours an author may edit their feedback after writing it.
pub const EDIT_HOURS: i64 = 24;

/// A feedback row as read, with names joined in and whether the edit window is open.
#[derive(Debug, Clone, SurrealValue)]
pub struct FeedbackRow {
    pub id: RecordId,
    pub giver: RecordId,
    pub giver_name: String,
    pub recipient: RecordId,
    pub recipient_name: String,
    pub kind: String,
    pub visibility: String,
    pub situation: String,
    pub behaviour: String,
    pub impact: String,
    pub suggestion: String,
    pub body: String,
    pub happened_on: String,
    pub written_at: Datetime,
    pub goal: Option<RecordId>,
    pub goal_title: Option<String>,
    pub skill: String,
    pub quality: i64,
    pub corrects: Option<RecordId>,
    pub edits: i64,
    pub acknowledged_at: Option<Datetime>,
    pub rating: Option<i64>,
    pub rating_why: Option<String>,
    pub deleted: bool,
    pub in_window: bool,
}

macro_rules! feedback_fields {
    () => {
        "id, giver, giver.name AS giver_name, recipient, recipient.name AS recipient_name, kind, visibility,
         situation, behaviour, impact, suggestion, body, happened_on, written_at, goal, goal.title AS goal_title,
         skill, quality, corrects, edits, acknowledged_at, rating, rating_why, deleted_at != NONE AS deleted,
         written_at > time::now() - 24h AS in_window"
    };
}

impl FeedbackRow {
    pub fn kind(&self) -> FeedbackKind {
        FeedbackKind::parse(&self.kind).unwrap_or(FeedbackKind::Praise)
    }

    pub fn visibility(&self) -> FeedbackVisibility {
        FeedbackVisibility::parse(&self.visibility).unwrap_or(FeedbackVisibility::Private)
    }

    pub fn giver_id(&self) -> Option<PersonId> {
        PersonId::parse(&key_of(&self.giver))
    }

    pub fn recipient_id(&self) -> Option<PersonId> {
        PersonId::parse(&key_of(&self.recipient))
    }

    /// The entry as `viewer` sees it. Only the recipient sees the rating.
    pub fn entry(self, viewer: &PersonId) -> FeedbackEntry {
        let is_recipient = self.recipient_id().as_ref() == Some(viewer);
        let is_giver = self.giver_id().as_ref() == Some(viewer);
        let written = short_time(&self.written_at);
        let epoch = Day::parse("1970-01-01").expect("static");
        FeedbackEntry {
            id: key_of(&self.id),
            giver: owner(&self.giver, &self.giver_name),
            recipient: owner(&self.recipient, &self.recipient_name),
            kind: self.kind(),
            visibility: self.visibility(),
            happened_on: Day::parse(&self.happened_on).unwrap_or(epoch),
            written_on: written.get(..10).and_then(Day::parse).unwrap_or(epoch),
            written_at: written,
            goal: self
                .goal
                .as_ref()
                .zip(self.goal_title.clone())
                .map(|(g, t)| (key_of(g), t)),
            quality: self.quality.clamp(0, 100) as u8,
            acknowledged: self.acknowledged_at.is_some(),
            my_rating: match (is_recipient, self.rating) {
                (true, Some(r)) => Some(Usefulness {
                    rating: r.clamp(1, 5) as u8,
                    why: self.rating_why.clone().unwrap_or_default(),
                }),
                _ => None,
            },
            corrects: self.corrects.as_ref().map(key_of),
            edits: self.edits.max(0) as u32,
            editable: is_giver && self.in_window && !self.deleted,
            situation: self.situation,
            behaviour: self.behaviour,
            impact: self.impact,
            suggestion: self.suggestion,
            body: self.body,
            skill: self.skill,
        }
    }
}

fn owner(id: &RecordId, name: &str) -> OwnerRef {
    OwnerRef {
        id: PersonId::parse(&key_of(id)).unwrap_or_else(|| PersonId::parse("unknown").expect("static")),
        name: name.to_owned(),
    }
}

/// A new entry's stored fields.
#[derive(Debug, Clone, SurrealValue)]
pub struct NewFeedback {
    pub giver: RecordId,
    pub recipient: RecordId,
    pub recipient_unit: RecordId,
    pub kind: String,
    pub visibility: String,
    pub situation: String,
    pub behaviour: String,
    pub impact: String,
    pub suggestion: String,
    pub body: String,
    pub happened_on: String,
    pub goal: Option<RecordId>,
    pub skill: String,
    pub quality: i64,
    pub hints: Vec<String>,
    pub ask: Option<RecordId>,
    pub corrects: Option<RecordId>,
}

impl NewFeedback {
    /// A new entry from its text and who it is between.
    pub fn new(
        t: FeedbackText,
        giver: RecordId,
        recipient: RecordId,
        recipient_unit: RecordId,
        ask: Option<RecordId>,
        corrects: Option<RecordId>,
    ) -> Self {
        NewFeedback {
            giver,
            recipient,
            recipient_unit,
            kind: t.kind,
            visibility: t.visibility,
            situation: t.situation,
            behaviour: t.behaviour,
            impact: t.impact,
            suggestion: t.suggestion,
            body: t.body,
            happened_on: t.happened_on,
            goal: t.goal,
            skill: t.skill,
            quality: t.quality,
            hints: t.hints,
            ask,
            corrects,
        }
    }
}

/// The fields an edit may change.
#[derive(Debug, Clone, SurrealValue)]
pub struct FeedbackText {
    pub kind: String,
    pub visibility: String,
    pub situation: String,
    pub behaviour: String,
    pub impact: String,
    pub suggestion: String,
    pub body: String,
    pub happened_on: String,
    pub goal: Option<RecordId>,
    pub skill: String,
    pub quality: i64,
    pub hints: Vec<String>,
}

/// Writes an entry; an answer to an ask marks the ask answered in the same
/// transaction.
pub async fn create(db: &Db, id: &RecordId, row: NewFeedback) -> Result<(), AppError> {
    exec_retrying(|| {
        db.query(
            "BEGIN TRANSACTION;
             CREATE $id CONTENT $row;
             IF $row.ask != NONE { UPDATE $row.ask SET answer = $id };
             COMMIT TRANSACTION;",
        )
        .bind(("id", id.clone()))
        .bind(("row", row.clone()))
    })
    .await
}

/// Replaces the text, keeping the previous version, only while the window is open.
pub async fn edit(db: &Db, id: &RecordId, editor: &RecordId, text: FeedbackText) -> Result<bool, AppError> {
    let res = db
        .query(
            "BEGIN TRANSACTION;
             LET $old = (SELECT kind, visibility, situation, behaviour, impact, suggestion, body, happened_on, goal, skill
                         FROM ONLY $id WHERE deleted_at = NONE AND written_at > time::now() - 24h);
             IF $old = NONE { THROW 'edit window closed' };
             CREATE feedback_edit CONTENT { feedback: $id, editor: $editor, before: $old };
             UPDATE $id MERGE $text;
             UPDATE $id SET edits += 1;
             COMMIT TRANSACTION;",
        )
        .bind(("id", id.clone()))
        .bind(("editor", editor.clone()))
        .bind(("text", text))
        .await
        .map_err(db_err)?;
    match res.check() {
        Ok(_) => Ok(true),
        Err(e) if e.to_string().contains("edit window closed") => Ok(false),
        Err(e) => Err(db_err(e)),
    }
}

/// One entry, deleted or not.
pub async fn get(db: &Db, id: &RecordId) -> Result<Option<FeedbackRow>, AppError> {
    let sql = concat!("SELECT ", feedback_fields!(), " FROM ONLY $id");
    let mut res = db.query(sql).bind(("id", id.clone())).await.map_err(db_err)?;
    res.take(0).map_err(db_err)
}

/// Marks an entry acknowledged (once: a second call keeps the first time).
pub async fn acknowledge(db: &Db, id: &RecordId) -> Result<(), AppError> {
    exec(
        db.query("UPDATE $id SET acknowledged_at = acknowledged_at ?? time::now()")
            .bind(("id", id.clone())),
    )
    .await
}

/// Stores the recipient's usefulness rating (acknowledging too).
pub async fn rate(db: &Db, id: &RecordId, rating: u8, why: &str) -> Result<(), AppError> {
    exec(
        db.query(
            "UPDATE $id SET acknowledged_at = acknowledged_at ?? time::now(), rating = $rating, rating_why = $why,
                rated_at = time::now()",
        )
        .bind(("id", id.clone()))
        .bind(("rating", i64::from(rating)))
        .bind(("why", why.to_owned())),
    )
    .await
}

/// Soft-deletes an entry and records who did it, for HR's audit.
pub async fn soft_delete(db: &Db, id: &RecordId, by: &RecordId, reason: &str) -> Result<(), AppError> {
    exec(
        db.query(
            "BEGIN TRANSACTION;
             UPDATE $id SET deleted_at = time::now() WHERE deleted_at = NONE;
             CREATE feedback_deletion CONTENT { feedback: $id, deleted_by: $by, reason: $reason };
             COMMIT TRANSACTION;",
        )
        .bind(("id", id.clone()))
        .bind(("by", by.clone()))
        .bind(("reason", reason.to_owned())),
    )
    .await
}

// Newest first, not deleted, matching one indexed condition on `$p`.
macro_rules! newest_where {
    ($cond:literal) => {
        concat!(
            "SELECT ",
            feedback_fields!(),
            " FROM feedback WHERE ",
            $cond,
            " AND deleted_at = NONE ORDER BY written_at DESC LIMIT $limit"
        )
    };
}

/// Feedback a person received.
pub async fn received(db: &Db, person: &RecordId, limit: u32) -> Result<Vec<FeedbackRow>, AppError> {
    list_for(db, newest_where!("recipient = $p"), person, limit).await
}

/// Feedback a person gave.
pub async fn given(db: &Db, person: &RecordId, limit: u32) -> Result<Vec<FeedbackRow>, AppError> {
    list_for(db, newest_where!("giver = $p"), person, limit).await
}

/// Public praise for a team.
pub async fn feed(db: &Db, unit: &RecordId, limit: u32) -> Result<Vec<FeedbackRow>, AppError> {
    list_for(
        db,
        newest_where!("recipient_unit = $p AND visibility = 'public'"),
        unit,
        limit,
    )
    .await
}

/// Corrections written for an entry, oldest first.
pub async fn corrections(db: &Db, id: &RecordId) -> Result<Vec<FeedbackRow>, AppError> {
    let sql = concat!(
        "SELECT ",
        feedback_fields!(),
        " FROM feedback WHERE corrects = $p AND deleted_at = NONE ORDER BY written_at LIMIT $limit"
    );
    list_for(db, sql, id, 50).await
}

/// The text an edit replaced.
#[derive(Debug, Clone, SurrealValue)]
pub struct Before {
    pub kind: String,
    pub situation: String,
    pub behaviour: String,
    pub impact: String,
    pub suggestion: String,
    pub body: String,
    pub happened_on: String,
}

/// The previous versions of an entry, oldest first.
#[derive(Debug, Clone, SurrealValue)]
pub struct EditRow {
    pub edited_at: Datetime,
    pub before: Before,
}

pub async fn edits(db: &Db, id: &RecordId) -> Result<Vec<EditRow>, AppError> {
    let mut res = db
        .query("SELECT edited_at, before FROM feedback_edit WHERE feedback = $id ORDER BY edited_at")
        .bind(("id", id.clone()))
        .await
        .map_err(db_err)?;
    res.take(0).map_err(db_err)
}

/// A soft deletion, for HR's audit.
#[derive(Debug, Clone, SurrealValue)]
pub struct DeletionRow {
    pub deleted_at: Datetime,
    pub deleted_by_name: String,
    pub reason: String,
    pub entry: FeedbackRow,
}

pub async fn deletions(db: &Db, limit: u32) -> Result<Vec<DeletionRow>, AppError> {
    let sql = concat!(
        "SELECT deleted_at, deleted_by.name AS deleted_by_name, reason, (SELECT ",
        feedback_fields!(),
        " FROM ONLY $parent.feedback) AS entry FROM feedback_deletion ORDER BY deleted_at DESC LIMIT $limit"
    );
    let mut res = db.query(sql).bind(("limit", i64::from(limit))).await.map_err(db_err)?;
    res.take(0).map_err(db_err)
}
