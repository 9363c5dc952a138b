//! The evidence beside a review: what the ratee did over the whole period,
//! limited to what the reviewer may see anyway.

use crate::goals::model::Status;
use crate::shared::date::Day;
use serde::{Deserialize, Serialize};

/// Where an item of evidence comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EvidenceKind {
    CheckIn,
    Feedback,
    Coaching,
}

impl EvidenceKind {
    pub fn label(self) -> &'static str {
        match self {
            EvidenceKind::CheckIn => "Check-in",
            EvidenceKind::Feedback => "Feedback",
            EvidenceKind::Coaching => "Coaching",
        }
    }
}

/// Whether an item speaks for or against the ratee's performance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tone {
    Positive,
    Constructive,
    Neutral,
}

/// One dated item the reviewer may cite.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvidenceItem {
    /// Stable across loads, so a citation in the draft keeps pointing at it.
    pub id: String,
    pub kind: EvidenceKind,
    pub day: Day,
    pub title: String,
    pub detail: String,
    pub tone: Tone,
}

/// One of the ratee's goals in the period, as it stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoalEvidence {
    pub id: String,
    pub title: String,
    pub progress: f64,
    pub status: Status,
    pub period_end: Day,
    /// Check-ins made within the review period.
    pub checkins: u32,
}

/// Everything the evidence panel shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewEvidence {
    pub period_from: Day,
    pub period_to: Day,
    pub goals: Vec<GoalEvidence>,
    /// Oldest first.
    pub items: Vec<EvidenceItem>,
    /// What this reviewer cannot see, in words (e.g. private feedback).
    pub scope: String,
}
