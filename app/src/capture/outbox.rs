//! The outbox state machine, shared by the browser (which runs it) and the
//! tests (which prove the sync protocol with it). Every captured item lives
//! here until the server confirms it; nothing in this module ever drops one.
//!
//! ```text
//!   edit ──► Local ──begin──► Syncing ──confirmed──► Synced
//!              ▲  ◄─transient / signed out─┘  └─refused──► Attention
//!              └──────────── edit ◄──────────────────────────┘
//! ```

use crate::capture::model::{CaptureItem, CapturePayload, CaptureReceipt};
use serde::{Deserialize, Serialize};

/// Where an item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Saved in this browser, waiting to be sent.
    Local,
    /// Being sent now.
    Syncing,
    /// The server confirmed it.
    Synced,
    /// The server refused it; the person must edit or discard it.
    Attention,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Local => "Saved on this device",
            Status::Syncing => "Syncing",
            Status::Synced => "Synced",
            Status::Attention => "Needs attention",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Local => "local",
            Status::Syncing => "syncing",
            Status::Synced => "synced",
            Status::Attention => "attention",
        }
    }
}

/// One item and its sync bookkeeping, as stored in the browser.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub item: CaptureItem,
    pub status: Status,
    /// Failed sends in a row, for the backoff.
    pub attempts: u32,
    /// Not sent again before this time (ms).
    pub next_try: i64,
    /// Why it needs attention, or why the last send failed.
    pub reason: Option<String>,
    /// The `edited_at` of the version in flight, to notice edits made meanwhile.
    pub sending: Option<i64>,
    pub synced_at: Option<i64>,
    pub link: Option<String>,
}

/// An outbox value that could no longer be read: shown to the person with
/// its raw text, never dropped without their say.
#[derive(Debug, Clone, PartialEq)]
pub struct Quarantined {
    pub key: String,
    pub raw: String,
}

/// What a send came back with, once the browser has read the response.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Confirmed(CaptureReceipt),
    /// The server read the item and said no (the reason is for the person).
    Refused(String),
    /// The session has ended: keep everything and wait for a sign-in.
    SignedOut,
    /// No answer, a 5xx, or an answer that made no sense: try again later.
    Transient(String),
}

/// Why an edit was not applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// Feedback and check-ins become records of their own once synced; they
    /// are changed there, not through the outbox.
    AlreadySent,
}

pub const OFFLINE: &str = "Couldn't reach Tend. It will try again on its own.";
pub const UNREADABLE: &str = "Tend's answer was unreadable. It will try again on its own.";
pub const SIGN_IN: &str = "Sign in again to sync. Your items are kept on this device.";

impl Entry {
    /// A newly captured item, not yet sent.
    pub fn new(item: CaptureItem) -> Self {
        Entry {
            item,
            status: Status::Local,
            attempts: 0,
            next_try: 0,
            reason: None,
            sending: None,
            synced_at: None,
            link: None,
        }
    }

    /// Replaces the content. The edit time never goes backwards, even if
    /// the clock does, so the server always sees it as the later version.
    pub fn edit(&mut self, payload: CapturePayload, happened_on: String, now: i64) -> Result<(), EditError> {
        if self.status == Status::Synced && !matches!(self.item.payload, CapturePayload::Note { .. }) {
            return Err(EditError::AlreadySent);
        }
        self.item.payload = payload;
        self.item.happened_on = happened_on;
        self.item.edited_at = now.max(self.item.edited_at + 1);
        match self.status {
            Status::Syncing => {} // settles to Local when the old version's answer arrives
            _ => {
                self.status = Status::Local;
                self.attempts = 0;
                self.next_try = 0;
                self.reason = None;
            }
        }
        Ok(())
    }

    /// Whether this entry may be sent at `now`.
    pub fn is_due(&self, now: i64) -> bool {
        self.status == Status::Local && self.next_try <= now
    }

    /// Marks the entry in flight and returns what to send.
    pub fn begin(&mut self, now: i64) -> Option<CaptureItem> {
        if !self.is_due(now) {
            return None;
        }
        self.status = Status::Syncing;
        self.sending = Some(self.item.edited_at);
        Some(self.item.clone())
    }

    /// Applies the answer to the send begun last. `jitter` is in [0, 1).
    pub fn settle(&mut self, outcome: Outcome, now: i64, jitter: f64) {
        if self.status != Status::Syncing {
            return;
        }
        let edited_meanwhile = self.sending != Some(self.item.edited_at);
        self.sending = None;
        match outcome {
            Outcome::Confirmed(r) if r.id == self.item.id && !edited_meanwhile => {
                self.status = Status::Synced;
                self.attempts = 0;
                self.reason = None;
                self.synced_at = Some(now);
                self.link = r.link;
            }
            // The confirmation was for an older version (or the wrong item): send again.
            Outcome::Confirmed(_) => self.retry_now(),
            // A newer version may be accepted; only the current one is judged.
            Outcome::Refused(_) if edited_meanwhile => self.retry_now(),
            Outcome::Refused(reason) => {
                self.status = Status::Attention;
                self.reason = Some(reason);
            }
            Outcome::SignedOut => {
                self.status = Status::Local;
                self.reason = Some(SIGN_IN.into());
            }
            Outcome::Transient(reason) => {
                self.status = Status::Local;
                self.attempts += 1;
                self.next_try = now + backoff_ms(self.attempts, jitter);
                self.reason = Some(reason);
            }
        }
    }

    /// After a reload or a crashed tab, nothing is in flight any more.
    pub fn recover(&mut self) {
        if self.status == Status::Syncing {
            self.status = Status::Local;
            self.sending = None;
        }
    }

    /// "Sync now" and the browser's `online` event skip the wait.
    pub fn wake(&mut self) {
        if self.status == Status::Local {
            self.next_try = 0;
        }
    }

    /// Only items not on their way may be thrown away, and only by the person.
    pub fn can_discard(&self) -> bool {
        matches!(self.status, Status::Local | Status::Attention | Status::Synced)
    }

    fn retry_now(&mut self) {
        self.status = Status::Local;
        self.next_try = 0;
    }
}

/// Exponential backoff with jitter: 1 s, 2 s, 4 s … capped at 30 s, each
/// scaled into [50%, 100%) so many browsers don't retry in step.
pub fn backoff_ms(attempts: u32, jitter: f64) -> i64 {
    let base = 1000i64 << attempts.clamp(1, 6).saturating_sub(1);
    let capped = base.min(30_000) as f64;
    (capped * (0.5 + 0.5 * jitter.clamp(0.0, 1.0))) as i64
}

/// The next entry to send: items go in the order they were created (UUIDv7
/// ids sort by time), so the first waiting item holds back the rest.
pub fn next_due(entries: &[Entry], now: i64) -> Option<usize> {
    let first = entries
        .iter()
        .enumerate()
        .filter(|(_, e)| matches!(e.status, Status::Local | Status::Syncing))
        .min_by(|a, b| a.1.item.id.cmp(&b.1.item.id))?;
    first.1.is_due(now).then_some(first.0)
}

/// The next entries to send together: the first due entry and those right
/// after it in creation order, up to `max` items and about `max_bytes` of
/// JSON (the server takes 64 KiB per request). Stops at anything not due, so
/// order is kept.
pub fn due_batch(entries: &[Entry], now: i64, max: usize, max_bytes: usize) -> Vec<usize> {
    let mut waiting: Vec<usize> = (0..entries.len())
        .filter(|&i| matches!(entries[i].status, Status::Local | Status::Syncing))
        .collect();
    waiting.sort_by(|&a, &b| entries[a].item.id.cmp(&entries[b].item.id));
    let mut bytes = 0;
    let mut out = Vec::new();
    for i in waiting {
        let size = serde_json::to_string(&entries[i].item)
            .map(|s| s.len())
            .unwrap_or(usize::MAX);
        if !entries[i].is_due(now) || out.len() == max || (!out.is_empty() && bytes + size > max_bytes) {
            break;
        }
        bytes += size;
        out.push(i);
    }
    out
}

/// Items not yet on the server.
pub fn pending(entries: &[Entry]) -> usize {
    entries
        .iter()
        .filter(|e| matches!(e.status, Status::Local | Status::Syncing))
        .count()
}

/// One item's answer within a batch, as the server sends it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ItemResult {
    Stored(CaptureReceipt),
    Refused(crate::AppError),
}

/// Reads the HTTP answer to a batch: one outcome per sent id, in order.
/// Anything but a well-formed answer naming every item is a failure for
/// all of them (they stay and are sent again).
pub fn classify_batch(status: Option<u16>, body: &str, sent: &[String]) -> Vec<Outcome> {
    let all = |o: Outcome| vec![o; sent.len()];
    match status {
        None => all(Outcome::Transient(OFFLINE.into())),
        Some(200) => match serde_json::from_str::<Vec<ItemResult>>(body) {
            Ok(rs) if rs.len() == sent.len() => rs
                .into_iter()
                .zip(sent)
                .map(|(r, id)| match r {
                    ItemResult::Stored(r) if &r.id == id => Outcome::Confirmed(r),
                    ItemResult::Stored(_) => Outcome::Transient(UNREADABLE.into()),
                    ItemResult::Refused(crate::AppError::Unauthorized) => Outcome::SignedOut,
                    ItemResult::Refused(crate::AppError::Internal | crate::AppError::Network) => {
                        Outcome::Transient(OFFLINE.into())
                    }
                    ItemResult::Refused(e) => Outcome::Refused(e.to_string()),
                })
                .collect(),
            _ => all(Outcome::Transient(UNREADABLE.into())),
        },
        Some(401) => all(Outcome::SignedOut),
        Some(_) => all(Outcome::Transient(OFFLINE.into())),
    }
}

#[cfg(test)]
mod sim_tests;
#[cfg(test)]
mod tests;
