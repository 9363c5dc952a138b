//! Offline capture: what the browser's outbox holds and sends, and what the
//! server answers. Items carry a client-made UUIDv7 so a retried send is
//! recognised and never stored twice.

use crate::feedback::model::{FeedbackKind, FeedbackVisibility};
use serde::{Deserialize, Serialize};

/// What was captured.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CapturePayload {
    /// A private note about a person, read only by its author.
    Note { about: String, text: String },
    /// Feedback written offline; sent as a feedback entry.
    Feedback {
        to: String,
        feedback_kind: FeedbackKind,
        visibility: FeedbackVisibility,
        text: String,
    },
    /// A new value for one key result of one of the author's goals.
    CheckIn {
        goal: String,
        kr: String,
        value: String,
        confidence: u8,
        note: String,
    },
}

impl CapturePayload {
    /// The words a person wrote, shown in lists.
    pub fn text(&self) -> &str {
        match self {
            CapturePayload::Note { text, .. } | CapturePayload::Feedback { text, .. } => text,
            CapturePayload::CheckIn { note, .. } => note,
        }
    }

    /// The person (or goal) the item is about, by id.
    pub fn subject(&self) -> &str {
        match self {
            CapturePayload::Note { about, .. } => about,
            CapturePayload::Feedback { to, .. } => to,
            CapturePayload::CheckIn { goal, .. } => goal,
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            CapturePayload::Note { .. } => "Note",
            CapturePayload::Feedback { .. } => "Feedback",
            CapturePayload::CheckIn { .. } => "Check-in",
        }
    }
}

/// One captured item, as the outbox stores and sends it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaptureItem {
    /// UUIDv7 made in the browser when the item was first saved.
    pub id: String,
    /// The person who captured it; the server refuses anyone else's.
    pub author: String,
    /// Milliseconds since 1970 (browser clock) when first saved.
    pub created_at: i64,
    /// Milliseconds since 1970 of the latest edit; the later edit wins.
    pub edited_at: i64,
    /// The day the thing happened (`YYYY-MM-DD`), which may be before `created_at`.
    pub happened_on: String,
    pub payload: CapturePayload,
}

/// The server's confirmation: what it now holds for this id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaptureReceipt {
    pub id: String,
    /// The `edited_at` of the version the server keeps (a later edit from
    /// another device may have won).
    pub edited_at: i64,
    /// Where the stored record can be seen, e.g. `/feedback/…`.
    pub link: Option<String>,
    /// Whether this send created the record (false: it was already there).
    pub created: bool,
}

/// A person the capture page offers, cached for offline use.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CapturePerson {
    pub id: String,
    pub name: String,
    pub relation: String,
}

/// A key result the author can check in offline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaptureKr {
    pub goal: String,
    pub goal_title: String,
    pub kr: String,
    pub title: String,
    pub unit: String,
    pub current: String,
}

/// Everything the capture page needs to work offline, loaded with the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaptureContext {
    pub author: String,
    pub author_name: String,
    pub people: Vec<CapturePerson>,
    pub key_results: Vec<CaptureKr>,
    pub today: String,
}

/// A synced note, listed for its author with its earlier versions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoteView {
    pub item: CaptureItem,
    pub about_name: String,
    pub versions: Vec<NoteVersion>,
}

/// An earlier (or losing) version of a note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoteVersion {
    pub text: String,
    pub edited_at: i64,
}
