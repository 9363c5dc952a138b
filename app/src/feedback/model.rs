//! Feedback on the wire: what a giver writes, what a reader sees, and asks
//! for feedback. Visibility rules live in `feedback::access`.

pub mod perception;

use crate::people::model::OwnerRef;
use crate::shared::date::Day;
use crate::shared::ids::PersonId;
use serde::{Deserialize, Serialize};

/// What the feedback is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeedbackKind {
    Praise,
    Constructive,
    Coaching,
}

impl FeedbackKind {
    pub const ALL: [FeedbackKind; 3] = [FeedbackKind::Praise, FeedbackKind::Constructive, FeedbackKind::Coaching];

    pub fn as_str(self) -> &'static str {
        match self {
            FeedbackKind::Praise => "praise",
            FeedbackKind::Constructive => "constructive",
            FeedbackKind::Coaching => "coaching",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            FeedbackKind::Praise => "Praise",
            FeedbackKind::Constructive => "Constructive",
            FeedbackKind::Coaching => "Coaching",
        }
    }
}

/// Who may read a feedback entry besides its giver and recipient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeedbackVisibility {
    /// The giver and the recipient only.
    Private,
    /// Also everyone above the recipient in the reporting line.
    ManagerLine,
    /// Everyone: praise on the recipient's team feed.
    Public,
}

impl FeedbackVisibility {
    pub const ALL: [FeedbackVisibility; 3] = [
        FeedbackVisibility::Private,
        FeedbackVisibility::ManagerLine,
        FeedbackVisibility::Public,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FeedbackVisibility::Private => "private",
            FeedbackVisibility::ManagerLine => "manager_line",
            FeedbackVisibility::Public => "public",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            FeedbackVisibility::Private => "Private: only you and them",
            FeedbackVisibility::ManagerLine => "Shared with their manager line",
            FeedbackVisibility::Public => "Public praise on their team feed",
        }
    }
}

/// Feedback as the giver writes it: text as typed, checked by `feedback_rules`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedbackDraft {
    pub recipient: String,
    pub kind: FeedbackKind,
    pub visibility: FeedbackVisibility,
    pub situation: String,
    pub behaviour: String,
    pub impact: String,
    pub suggestion: String,
    /// Free text, for feedback not written as Situation–Behaviour–Impact.
    pub body: String,
    /// When the behaviour happened (`YYYY-MM-DD`).
    pub happened_on: String,
    pub goal: Option<String>,
    pub skill: String,
    /// The ask this answers, if any.
    pub ask: Option<String>,
    /// The entry this corrects, if any (after the 24-hour edit window).
    pub corrects: Option<String>,
}

impl FeedbackDraft {
    /// An empty draft to `recipient`, about something that happened on `day`.
    pub fn blank(recipient: &str, day: Day) -> Self {
        FeedbackDraft {
            recipient: recipient.into(),
            kind: FeedbackKind::Praise,
            visibility: FeedbackVisibility::Private,
            situation: String::new(),
            behaviour: String::new(),
            impact: String::new(),
            suggestion: String::new(),
            body: String::new(),
            happened_on: day.to_string(),
            goal: None,
            skill: String::new(),
            ask: None,
            corrects: None,
        }
    }

    /// The text the quality scorer reads, apart from the suggestion.
    pub fn main_text(&self) -> String {
        [&self.situation, &self.behaviour, &self.impact, &self.body]
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// The recipient's acknowledgement and usefulness rating. Only the recipient
/// ever sees the rating itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Usefulness {
    pub rating: u8,
    pub why: String,
}

/// One feedback entry, as the viewer may see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedbackEntry {
    pub id: String,
    pub giver: OwnerRef,
    pub recipient: OwnerRef,
    pub kind: FeedbackKind,
    pub visibility: FeedbackVisibility,
    pub situation: String,
    pub behaviour: String,
    pub impact: String,
    pub suggestion: String,
    pub body: String,
    pub happened_on: Day,
    pub written_on: Day,
    /// "27 Nov 14:05", UTC.
    pub written_at: String,
    pub goal: Option<(String, String)>,
    pub skill: String,
    pub quality: u8,
    pub acknowledged: bool,
    /// Set only when the viewer is the recipient.
    pub my_rating: Option<Usefulness>,
    pub corrects: Option<String>,
    pub edits: u32,
    /// The viewer wrote it and the 24-hour edit window is open.
    pub editable: bool,
}

impl FeedbackEntry {
    /// Days between the behaviour and its write-up: the documentation delay.
    pub fn delay_days(&self) -> i32 {
        self.happened_on.days_until(self.written_on).max(0)
    }
}

/// An ask for feedback waiting for (or answered by) one colleague.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedbackAsk {
    pub id: String,
    pub requester: OwnerRef,
    pub asked: OwnerRef,
    pub topic: String,
    pub asked_on: Day,
    pub answer: Option<String>,
}

/// An ask for feedback from several colleagues.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AskDraft {
    pub topic: String,
    pub colleagues: Vec<PersonId>,
}

/// My feedback page: received, given, and asks in both directions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyFeedback {
    pub received: Vec<FeedbackEntry>,
    pub given: Vec<FeedbackEntry>,
    /// Asks I sent, one line per colleague asked.
    pub asked_by_me: Vec<FeedbackAsk>,
    /// Asks waiting for my answer.
    pub asked_of_me: Vec<FeedbackAsk>,
}

/// A version an edit replaced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PastVersion {
    pub replaced_at: String,
    pub text: String,
}

/// One entry with its corrections and edit history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedbackView {
    pub entry: FeedbackEntry,
    pub corrections: Vec<FeedbackEntry>,
    pub versions: Vec<PastVersion>,
}

/// A team's public praise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PraiseFeed {
    pub unit: crate::people::model::OrgUnitRef,
    pub entries: Vec<FeedbackEntry>,
}

/// One report's feedback figures on the manager's team page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportFeedback {
    pub person: OwnerRef,
    pub received_30: u32,
    pub received_90: u32,
    pub from_me_30: u32,
    pub from_me_90: u32,
    pub last_received: Option<Day>,
    /// Nothing received in the last 30 days.
    pub needs_feedback: bool,
}

/// The manager's view of feedback in their team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamFeedback {
    pub reports: Vec<ReportFeedback>,
    /// Share of the manager's feedback (last 90 days) its recipients acknowledged.
    pub my_ack_rate: Option<f64>,
    /// The quarter the usefulness figure covers: the last one that ended.
    pub usefulness_quarter: crate::shared::date::Quarter,
    /// Mean usefulness of the ratings the manager's feedback received in
    /// that quarter, only over three or more; it never changes once shown.
    pub my_usefulness: Option<f64>,
    /// How many ratings that mean is over; nothing below three, so the
    /// arrival of each rating cannot be watched.
    pub my_ratings: Option<u32>,
    /// Share of all feedback the team received (90 days) that was acknowledged.
    pub team_ack_rate: Option<f64>,
    pub gap: crate::feedback::model::perception::TeamGap,
}

/// A soft-deleted entry in HR's audit. Private text stays withheld.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeletedFeedback {
    pub deleted_at: String,
    pub deleted_by: String,
    pub reason: String,
    pub giver: OwnerRef,
    pub recipient: OwnerRef,
    pub kind: FeedbackKind,
    pub visibility: FeedbackVisibility,
    pub written_at: String,
    /// `None` for private entries.
    pub text: Option<String>,
}

/// What the feedback form starts from: today's date (the server's), the
/// recipient if chosen, the ask being answered, or the entry being edited.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedbackStart {
    pub today: Day,
    pub recipient: Option<OwnerRef>,
    pub ask: Option<FeedbackAsk>,
    pub existing: Option<FeedbackEntry>,
}
