//! Where a review cycle stands, for HR and for each manager: counts per org
//! unit and per manager, the reviews of one team, and reviewers' requests
//! for more time.

use super::ReviewKind;
use crate::people::model::OwnerRef;
use crate::reviews::model::ReviewRef;
use crate::shared::date::Day;
use serde::{Deserialize, Serialize};

/// Submitted and expected reviews of one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindCount {
    pub kind: ReviewKind,
    pub submitted: u32,
    pub expected: u32,
}

/// One org unit's or one manager's team's progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressRow {
    /// The unit's or manager's key.
    pub key: String,
    pub label: String,
    pub kinds: Vec<KindCount>,
}

impl ProgressRow {
    pub fn missing(&self) -> u32 {
        self.kinds.iter().map(|k| k.expected.saturating_sub(k.submitted)).sum()
    }
}

/// A reviewer's request for a later deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtensionRequest {
    pub until: Day,
    pub reason: String,
}

/// A reviewer's open request as HR sees it. For a peer or upward review
/// the writer is not named (`reviewer` is `None`): HR decides on the reason
/// and the dates, and answers by `handle`, a key that names nobody.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtensionAsk {
    pub handle: String,
    pub review: ReviewRef,
    pub reviewer: Option<OwnerRef>,
    pub ratee_name: String,
    pub due: Day,
    pub request: ExtensionRequest,
}

/// One named (self or manager) review in a team's list: who writes it
/// about whom, and where it stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewLine {
    pub review: ReviewRef,
    pub reviewer: OwnerRef,
    pub ratee_name: String,
    pub submitted_on: Option<Day>,
    pub due: Day,
    pub request: Option<ExtensionRequest>,
}

/// A ratee's peer or upward reviews, counted only: who has written one, and
/// when, is shown to nobody (issue 22).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnonymousTally {
    /// The review kind and ratee, to extend the missing ones together.
    pub review: ReviewRef,
    pub ratee_name: String,
    pub submitted: u32,
    pub expected: u32,
}

/// The reviews about one manager's reports: named lines for self and
/// manager reviews, counts for the anonymous kinds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamReviews {
    pub named: Vec<ReviewLine>,
    pub anonymous: Vec<AnonymousTally>,
}

/// A cycle's progress: its totals, by unit and by manager (the most
/// missing first, at most `reviews::progress::SHOWN` of each, those
/// whose name contains `find`), with open requests.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CycleOverview {
    pub key: String,
    pub name: String,
    pub write_due: Day,
    /// The name search as applied (trimmed); empty for all.
    pub find: String,
    pub totals: Vec<KindCount>,
    pub units: Vec<ProgressRow>,
    /// How many units matched, counted up to one more than are shown.
    pub units_matched: u32,
    pub managers: Vec<ProgressRow>,
    pub managers_matched: u32,
    pub requests: Vec<ExtensionAsk>,
}
