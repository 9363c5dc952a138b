//! The capture page's shared state: the outbox as the page shows it, and the
//! form draft that autosaves. Plain signals and serde types, so the page
//! renders on the server too; the browser-only runtime fills them in.

use crate::capture::outbox::{Entry, Quarantined};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the page shows of the outbox.
#[derive(Clone, Copy)]
pub struct OutboxView {
    pub entries: RwSignal<Vec<Entry>>,
    pub quarantined: RwSignal<Vec<Quarantined>>,
    /// When the server last confirmed an item (ms).
    pub last_sync: RwSignal<Option<i64>>,
    /// Why capture is degraded (no storage, disk full).
    pub warning: RwSignal<Option<String>>,
    /// Whether the last attempt reached the server (or the browser says online).
    pub online: RwSignal<bool>,
    pub syncing: RwSignal<bool>,
    /// The outbox has been read from storage.
    pub ready: RwSignal<bool>,
    /// How long the last save took, input to durable (ms).
    pub last_save_ms: RwSignal<Option<f64>>,
}

impl OutboxView {
    pub fn new() -> Self {
        OutboxView {
            entries: RwSignal::new(Vec::new()),
            quarantined: RwSignal::new(Vec::new()),
            last_sync: RwSignal::new(None),
            warning: RwSignal::new(None),
            online: RwSignal::new(true),
            syncing: RwSignal::new(false),
            ready: RwSignal::new(false),
            last_save_ms: RwSignal::new(None),
        }
    }
}

impl Default for OutboxView {
    fn default() -> Self {
        Self::new()
    }
}

/// The capture form as typed so far, saved as the person types.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FormDraft {
    pub kind: String,
    pub person: String,
    pub kr: String,
    pub value: String,
    pub confidence: String,
    pub feedback_kind: String,
    pub visibility: String,
    pub text: String,
    pub happened_on: String,
    /// The id of the item being edited, if any.
    pub editing: Option<String>,
}
