//! What the home page lists.

use serde::{Deserialize, Serialize};

/// What an item asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ItemKind {
    Review,
    ShareResults,
    FeedbackAsk,
    CheckIn,
    OneOnOne,
    Action,
    Perception,
    Calibration,
}

/// One thing that needs the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub kind: ItemKind,
    pub title: String,
    /// A second line: the agenda, the topic, how long it has been.
    pub detail: String,
    /// Where it is done (a path inside Tend).
    pub link: String,
    /// Due date ('YYYY-MM-DD'), when it has one.
    pub due: Option<String>,
    /// Overdue or due within a day.
    pub urgent: bool,
    /// What reminders say it is about ('goal:g4'), and when the last was sent.
    #[serde(skip)]
    pub subject: String,
    pub reminded: Option<String>,
}

/// One report who needs their manager's attention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamItem {
    pub person: String,
    pub name: String,
    pub reasons: Vec<String>,
}

/// The home page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Today {
    pub first_name: String,
    /// The person's own items, most pressing first.
    pub items: Vec<Item>,
    /// For managers: reports who need attention.
    pub team: Vec<TeamItem>,
    pub manages: bool,
    /// The person's profile page.
    pub profile: String,
}
