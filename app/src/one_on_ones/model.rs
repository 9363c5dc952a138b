//! 1:1s and coaching records on the wire.

use crate::people::model::OwnerRef;
use crate::shared::date::Day;
use serde::{Deserialize, Serialize};

/// A 1:1 series in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OneOnOneSummary {
    pub id: String,
    pub manager: OwnerRef,
    pub report: OwnerRef,
    pub cadence_days: u32,
    pub next_on: Option<Day>,
}

/// The viewer's 1:1s, and direct reports they have none with yet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OneOnOneList {
    pub series: Vec<OneOnOneSummary>,
    pub can_start: Vec<OwnerRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgendaItem {
    pub id: String,
    pub text: String,
    pub added_by: String,
    pub done: bool,
    /// How many meetings it has moved forward unfinished.
    pub carried: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionItem {
    pub id: String,
    pub text: String,
    pub owner: OwnerRef,
    pub due: Day,
    pub done: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingView {
    pub id: String,
    pub day: Day,
    pub held: bool,
    pub agenda: Vec<AgendaItem>,
}

/// A coaching conversation's short record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoachingRecord {
    pub id: String,
    pub coach: OwnerRef,
    pub person: OwnerRef,
    pub topic: String,
    pub agreed: String,
    pub follow_up: Option<Day>,
    pub happened_on: Day,
}

/// A coaching record as the coach writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoachingDraft {
    pub person: String,
    pub topic: String,
    pub agreed: String,
    pub follow_up: String,
    pub happened_on: String,
}

/// The 1:1 page: the open meeting, the viewer's own private note for it,
/// action items, earlier meetings and coaching records between the two.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OneOnOneView {
    pub id: String,
    pub manager: OwnerRef,
    pub report: OwnerRef,
    pub cadence_days: u32,
    pub current: MeetingView,
    pub my_note: String,
    pub actions: Vec<ActionItem>,
    pub past: Vec<MeetingView>,
    pub coaching: Vec<CoachingRecord>,
    pub viewer_is_manager: bool,
}
