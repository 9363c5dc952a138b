//! What the inbox, the unread badge and the preferences page carry.

use serde::{Deserialize, Serialize};

/// What a notification is about. Each kind has its own email preference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Kind {
    FeedbackReceived,
    FeedbackAsk,
    AgendaItem,
    Mention,
    ReviewAssigned,
    ReviewShared,
    ReviewExtended,
    ReviewsSubmitted,
    GoalAligned,
    GoalCheckIn,
    Calibration,
    Reminder,
    Escalation,
}

impl Kind {
    /// Every kind, in the order the preferences page lists them.
    pub const ALL: [Kind; 13] = [
        Kind::FeedbackReceived,
        Kind::FeedbackAsk,
        Kind::AgendaItem,
        Kind::Mention,
        Kind::ReviewAssigned,
        Kind::ReviewShared,
        Kind::ReviewExtended,
        Kind::ReviewsSubmitted,
        Kind::GoalAligned,
        Kind::GoalCheckIn,
        Kind::Calibration,
        Kind::Reminder,
        Kind::Escalation,
    ];

    /// The code stored in the database and used in links.
    pub fn code(self) -> &'static str {
        match self {
            Kind::FeedbackReceived => "feedback_received",
            Kind::FeedbackAsk => "feedback_ask",
            Kind::AgendaItem => "agenda_item",
            Kind::Mention => "mention",
            Kind::ReviewAssigned => "review_assigned",
            Kind::ReviewShared => "review_shared",
            Kind::ReviewExtended => "review_extended",
            Kind::ReviewsSubmitted => "reviews_submitted",
            Kind::GoalAligned => "goal_aligned",
            Kind::GoalCheckIn => "goal_checkin",
            Kind::Calibration => "calibration",
            Kind::Reminder => "reminder",
            Kind::Escalation => "escalation",
        }
    }

    pub fn parse(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// How the preferences page names it.
    pub fn label(self) -> &'static str {
        match self {
            Kind::FeedbackReceived => "Feedback you receive",
            Kind::FeedbackAsk => "Someone asks you for feedback",
            Kind::AgendaItem => "1:1 agenda items added",
            Kind::Mention => "Mentions in a 1:1",
            Kind::ReviewAssigned => "Reviews assigned to you",
            Kind::ReviewShared => "Your review results are shared",
            Kind::ReviewExtended => "A review deadline is extended",
            Kind::ReviewsSubmitted => "Reviews about you submitted",
            Kind::GoalAligned => "A goal is aligned to yours",
            Kind::GoalCheckIn => "Check-ins on goals you follow",
            Kind::Calibration => "Calibration changes to your team",
            Kind::Reminder => "Reminders of things due",
            Kind::Escalation => "Overdue work in your team",
        }
    }

    /// The email default: things someone waits for go at once, the rest in
    /// the daily digest; the slow-moving count of reviews weekly.
    pub fn default_delivery(self) -> Delivery {
        match self {
            Kind::FeedbackReceived
            | Kind::FeedbackAsk
            | Kind::Mention
            | Kind::ReviewAssigned
            | Kind::ReviewShared
            | Kind::ReviewExtended
            | Kind::Reminder
            | Kind::Escalation => Delivery::Now,
            Kind::AgendaItem | Kind::GoalAligned | Kind::GoalCheckIn | Kind::Calibration => Delivery::Daily,
            Kind::ReviewsSubmitted => Delivery::Weekly,
        }
    }
}

/// When a kind is emailed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Delivery {
    /// Within a minute or two, several gathered into one message.
    Now,
    /// In one message each morning (08:00 in the person's time zone).
    Daily,
    /// In one message on Monday mornings.
    Weekly,
    /// Only in the inbox.
    Off,
}

impl Delivery {
    pub const ALL: [Delivery; 4] = [Delivery::Now, Delivery::Daily, Delivery::Weekly, Delivery::Off];

    pub fn code(self) -> &'static str {
        match self {
            Delivery::Now => "now",
            Delivery::Daily => "daily",
            Delivery::Weekly => "weekly",
            Delivery::Off => "off",
        }
    }

    pub fn parse(code: &str) -> Option<Delivery> {
        Delivery::ALL.into_iter().find(|d| d.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Delivery::Now => "Email at once",
            Delivery::Daily => "Daily digest",
            Delivery::Weekly => "Weekly digest",
            Delivery::Off => "Inbox only",
        }
    }
}

/// One line of the inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub id: String,
    pub kind: Kind,
    pub text: String,
    /// A path inside Tend.
    pub link: String,
    /// When it happened (UTC, to the minute).
    pub at: String,
    pub read: bool,
}

/// The inbox: newest first, and how many are unread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Inbox {
    pub notices: Vec<Notice>,
    pub unread: u32,
    /// True when older notices exist beyond those listed.
    pub more: bool,
}

/// A person's email choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prefs {
    /// Every kind with its delivery (defaults filled in).
    pub kinds: Vec<(Kind, Delivery)>,
    /// Quiet hours, local time: no email from `from`:00 until `to`:00.
    pub quiet: Option<(u8, u8)>,
    /// The time zone they are counted in ("UTC" when HR set none).
    pub time_zone: String,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            kinds: Kind::ALL.iter().map(|k| (*k, k.default_delivery())).collect(),
            quiet: None,
            time_zone: "UTC".into(),
        }
    }
}

impl Prefs {
    pub fn delivery(&self, kind: Kind) -> Delivery {
        self.kinds
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, d)| *d)
            .unwrap_or(kind.default_delivery())
    }
}

/// What the preferences form sends: each kind's code with a delivery code,
/// and quiet hours as two hours or empty strings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrefsDraft {
    pub kinds: Vec<(String, String)>,
    pub quiet_from: String,
    pub quiet_to: String,
}

/// What an unsubscribe link did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unsubscribed {
    /// The kind's label ("Feedback you receive").
    pub kind: String,
    /// Whether it is now stopped (false: the link was only checked).
    pub done: bool,
}
