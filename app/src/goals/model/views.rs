//! What the goal pages receive beyond a goal itself: the alignment tree,
//! lists, the team view, the form's options and the quarterly review board.

use super::GoalId;
use super::{GoalDraft, GoalSummary, Level, OwnerRef, ReviewRecord};
use crate::people::model::PersonSummary;
use crate::shared::date::{Day, Quarter};
use serde::{Deserialize, Serialize};

/// A tree root with its aligned goals already loaded (the first two levels).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TreeNode {
    pub goal: GoalSummary,
    pub children: Vec<GoalSummary>,
}

/// The alignment tree's first two levels for one quarter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TreeView {
    pub quarter: Quarter,
    pub quarters: Vec<Quarter>,
    pub roots: Vec<TreeNode>,
}

/// A person's goals for one quarter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoalList {
    pub quarter: Quarter,
    pub quarters: Vec<Quarter>,
    pub goals: Vec<GoalSummary>,
}

/// One report in "my team's goals".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberGoals {
    pub person: PersonSummary,
    pub goals: Vec<GoalSummary>,
    pub no_current: bool,
    pub stale: u32,
    pub last_checkin: Option<Day>,
}

/// A manager's direct reports and their current goals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamGoalsView {
    pub today: Day,
    pub stale_days: u32,
    pub members: Vec<MemberGoals>,
}

/// One "whose goal is this?" choice: a level and the person who would own it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OwnerOption {
    pub level: Level,
    pub owner: OwnerRef,
    pub label: String,
}

/// What the goal form may offer the signed-in person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormOptions {
    pub owners: Vec<OwnerOption>,
    pub quarters: Vec<Quarter>,
    pub current: Quarter,
    pub today: Day,
}

/// An existing goal, ready for the edit form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoalToEdit {
    pub id: GoalId,
    pub draft: GoalDraft,
    pub owner: OwnerOption,
}

/// One goal in the quarterly review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewItem {
    pub goal: GoalSummary,
    pub review: Option<ReviewRecord>,
    pub successor: Option<GoalSummary>,
}

/// One owner's goals ending in the quarter under review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewGroup {
    pub owner: OwnerRef,
    pub items: Vec<ReviewItem>,
}

/// The quarterly review: the viewer's goals, then each direct report's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewBoard {
    pub quarter: Quarter,
    pub quarters: Vec<Quarter>,
    pub groups: Vec<ReviewGroup>,
}
