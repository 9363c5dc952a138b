//! Goals on the wire: ids, enums, the editable draft, and what the pages show.

mod views;
pub use views::{
    FormOptions, GoalList, GoalToEdit, MemberGoals, OwnerOption, ReviewBoard, ReviewGroup, ReviewItem, TeamGoalsView,
    TreeNode, TreeView,
};

use crate::people::model::OwnerRef;
use crate::shared::date::{Day, Quarter};
use crate::shared::ids::PersonId;
use serde::{Deserialize, Serialize};

/// The key of a `goal` record. Same shape rules as [`PersonId`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct GoalId(String);

impl GoalId {
    /// 1–64 ASCII letters, digits, `-` or `_`; anything else is not an id Tend issued.
    pub fn parse(raw: &str) -> Option<Self> {
        PersonId::parse(raw).map(|p| GoalId(p.as_str().to_owned()))
    }

    /// The key as text, for URLs and binding.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for GoalId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where a goal sits in the cascade, from the top.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Company,
    Department,
    Team,
    Person,
}

impl Level {
    pub const ALL: [Level; 4] = [Level::Company, Level::Department, Level::Team, Level::Person];

    /// The stored and URL form.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Company => "company",
            Level::Department => "department",
            Level::Team => "team",
            Level::Person => "person",
        }
    }

    pub fn parse(s: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.as_str() == s)
    }

    /// The org-unit kind a goal at this level belongs to, if it is a unit goal.
    pub fn unit_kind(self) -> Option<&'static str> {
        match self {
            Level::Company => Some("company"),
            Level::Department => Some("department"),
            Level::Team => Some("team"),
            Level::Person => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Level::Company => "Company",
            Level::Department => "Department",
            Level::Team => "Team",
            Level::Person => "Personal",
        }
    }
}

/// A goal's state. The first three are suggested from progress against time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    OnTrack,
    AtRisk,
    OffTrack,
    Done,
    Abandoned,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::OnTrack,
        Status::AtRisk,
        Status::OffTrack,
        Status::Done,
        Status::Abandoned,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::OnTrack => "on_track",
            Status::AtRisk => "at_risk",
            Status::OffTrack => "off_track",
            Status::Done => "done",
            Status::Abandoned => "abandoned",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|x| x.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::OnTrack => "On track",
            Status::AtRisk => "At risk",
            Status::OffTrack => "Off track",
            Status::Done => "Done",
            Status::Abandoned => "Abandoned",
        }
    }

    /// Done and abandoned goals take no more check-ins.
    pub fn is_closed(self) -> bool {
        matches!(self, Status::Done | Status::Abandoned)
    }
}

/// Who may see a personal goal. Company and unit goals are always visible to everyone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// Everyone in the organisation.
    Org,
    /// The owner, their managers up the chain, and HR.
    Chain,
}

impl Visibility {
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Org => "org",
            Visibility::Chain => "chain",
        }
    }

    pub fn parse(s: &str) -> Option<Visibility> {
        [Visibility::Org, Visibility::Chain]
            .into_iter()
            .find(|v| v.as_str() == s)
    }
}

/// A key result either moves a number or is a milestone that is done or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KrKind {
    Metric,
    Milestone,
}

impl KrKind {
    pub fn as_str(self) -> &'static str {
        match self {
            KrKind::Metric => "metric",
            KrKind::Milestone => "milestone",
        }
    }

    pub fn parse(s: &str) -> Option<KrKind> {
        [KrKind::Metric, KrKind::Milestone]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// A key result as typed in the goal form. Numbers stay text until validated,
/// so the form can say "not a number" at the field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KrDraft {
    /// Set when editing an existing key result.
    pub id: Option<String>,
    pub title: String,
    pub kind: KrKind,
    pub unit: String,
    pub baseline: String,
    pub target: String,
    pub weight: String,
}

/// The period a goal covers: a calendar quarter or custom dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Period {
    Quarter(Quarter),
    Custom { start: Day, end: Day },
}

impl Period {
    pub fn start(self) -> Day {
        match self {
            Period::Quarter(q) => q.start(),
            Period::Custom { start, .. } => start,
        }
    }

    pub fn end(self) -> Day {
        match self {
            Period::Quarter(q) => q.end(),
            Period::Custom { end, .. } => end,
        }
    }

    pub fn label(self) -> String {
        match self {
            Period::Quarter(q) => q.label(),
            Period::Custom { start, end } => format!("{start} – {end}"),
        }
    }
}

/// Everything the goal form sends, for create and edit alike.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoalDraft {
    pub level: Level,
    /// The owner: a person; for unit goals, the unit's head.
    pub owner: Option<PersonId>,
    pub title: String,
    pub description: String,
    pub period: Period,
    pub due: Option<Day>,
    pub parent: Option<GoalId>,
    /// How much this goal counts among its siblings when its parent rolls up.
    pub alignment_weight: String,
    pub visibility: Visibility,
    pub key_results: Vec<KrDraft>,
}

/// One line of a goal list or tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoalSummary {
    pub id: GoalId,
    pub title: String,
    pub level: Level,
    pub unit_name: String,
    pub owner: OwnerRef,
    pub status: Status,
    /// Rolled-up progress, 0.0–1.0.
    pub progress: f64,
    pub period: String,
    pub due: Option<Day>,
    /// Whether any goal aligns to this one (the tree offers to expand it).
    pub has_children: bool,
    pub visibility: Visibility,
    pub last_checkin: Option<Day>,
    /// The day the goal was created (UTC).
    pub created: Day,
}

/// A key result as shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyResult {
    pub id: String,
    pub title: String,
    pub kind: KrKind,
    pub unit: String,
    pub baseline: f64,
    pub target: f64,
    pub current: f64,
    pub done: bool,
    pub weight: f64,
    pub progress: f64,
}

/// One key result's change within a check-in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KrChange {
    pub title: String,
    pub from: f64,
    pub to: f64,
}

/// A kept check-in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckIn {
    pub at: String,
    pub day: Day,
    pub author: String,
    pub note: String,
    pub confidence: u8,
    pub changes: Vec<KrChange>,
    pub progress: f64,
    pub status: Status,
}

/// One audited change: who, when, and what from → to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoalEvent {
    pub at: String,
    pub actor: String,
    pub field: String,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// How a quarterly review decided a goal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ReviewDecision {
    /// Finish it with a final status (done or abandoned).
    Close { status: Status },
    /// Continue it next quarter as a new, linked goal.
    CarryOver,
    /// Keep it, with a new title and due date.
    Rescope { title: String, due: Day },
}

/// A past quarterly review of a goal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewRecord {
    pub outcome: String,
    pub reflection: String,
    pub by: String,
    pub at: String,
}

/// Everything the goal page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoalDetail {
    pub goal: GoalSummary,
    pub description: String,
    pub period_start: Day,
    pub period_end: Day,
    pub own_progress: f64,
    pub alignment_weight: f64,
    pub status_overridden: bool,
    pub suggested: Status,
    pub suggestion_reason: String,
    pub parent: Option<GoalSummary>,
    pub children: Vec<GoalSummary>,
    pub predecessor: Option<GoalSummary>,
    pub successor: Option<GoalSummary>,
    pub key_results: Vec<KeyResult>,
    pub checkins: Vec<CheckIn>,
    pub history: Vec<GoalEvent>,
    pub review: Option<ReviewRecord>,
    pub can_edit: bool,
    /// SMART hints as the server checked the saved goal.
    pub hints: Vec<String>,
}

/// A key result's new value in a check-in, as typed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KrUpdate {
    pub kr: String,
    /// The new current value (metrics); ignored for milestones.
    pub value: String,
    /// Whether the milestone is done; ignored for metrics.
    pub done: bool,
}

/// A check-in as the owner submits it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckInDraft {
    pub updates: Vec<KrUpdate>,
    pub note: String,
    pub confidence: u8,
    /// A status chosen by hand; `None` takes the suggestion.
    pub status: Option<Status>,
}
