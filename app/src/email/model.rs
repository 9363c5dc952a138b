//! What the Emails page shows HR: the queue, newest first, and in outbox
//! mode (no SMTP configured) each message's text, so a trial can follow
//! its links.

use serde::{Deserialize, Serialize};

/// One queued, sent or failed message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailLine {
    pub id: String,
    pub kind: String,
    pub to: String,
    pub subject: String,
    /// "Waiting to send", "Sending", "Sent" or "Failed".
    pub status: String,
    pub attempts: u32,
    /// When it was queued (UTC, to the minute).
    pub queued: String,
    pub sent: Option<String>,
    /// The last failure, in words the mail server gave (never Tend's internals).
    pub error: Option<String>,
    /// The plain-text body: only for invitations in outbox mode (a reset
    /// link is for its owner alone; over SMTP a sent message keeps no link).
    pub text: Option<String>,
}

/// The Emails page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Outbox {
    /// Where mail goes: "SMTP server smtp.example.com" or "the outbox folder data/outbox".
    pub delivery: String,
    /// True when no SMTP server is configured (messages are only written to a folder).
    pub folder_only: bool,
    pub lines: Vec<EmailLine>,
    /// Counts by status: waiting, sending, sent, failed.
    pub counts: [u32; 4],
}
