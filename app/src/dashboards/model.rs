//! The three dashboards as they travel to the browser.

use crate::goals::model::Status;
use crate::people::model::{OrgUnitRef, PersonSummary};
use crate::shared::date::Day;
use serde::{Deserialize, Serialize};

/// Feedback given and received over one week (its Monday).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeekFlow {
    pub week: Day,
    pub given: i64,
    pub received: i64,
}

/// One direct report's line on the manager dashboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportLine {
    pub person: PersonSummary,
    /// Current goals (abandoned ones aside).
    pub goals: u32,
    /// Mean progress of those goals, 0–1.
    pub progress: Option<f64>,
    /// The worst status among them.
    pub status: Option<Status>,
    pub days_since_checkin: Option<i32>,
    pub given_30: i64,
    pub received_30: i64,
    pub given_90: i64,
    pub received_90: i64,
    /// Days since the last 1:1 held or coaching conversation, within 90 days.
    pub days_since_talk: Option<i32>,
    pub open_actions: u32,
    pub overdue_actions: u32,
}

/// Someone who needs attention, and every reason why, most urgent first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttentionLine {
    pub person: PersonSummary,
    pub urgency: i32,
    pub reasons: Vec<String>,
}

/// How the team's current goals stand.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StatusMix {
    pub on_track: u32,
    pub at_risk: u32,
    pub off_track: u32,
    pub done: u32,
    /// Reports with no current goal.
    pub without_goal: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManagerDashboard {
    pub today: Day,
    pub reports: Vec<ReportLine>,
    pub attention: Vec<AttentionLine>,
    pub mix: StatusMix,
    /// The team's feedback, week by week, oldest first (12 weeks).
    pub flow: Vec<WeekFlow>,
    /// The perception gap sentence, when there is enough to say one.
    pub perception: Option<String>,
}

/// A quality audit of one manager's team (the manager and direct reports).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamAudit {
    pub manager: PersonSummary,
    /// People in the team, the manager included.
    pub size: u32,
    pub goals: i64,
    pub smart_share: Option<f64>,
    pub feedback: i64,
    pub mean_quality: Option<f64>,
    pub bare_share: Option<f64>,
    pub praise: i64,
    pub constructive: i64,
    pub checkins: i64,
    pub one_on_ones: i64,
    pub coaching: i64,
    /// The delay bucket (`stats::counters::DELAY_LABELS`) of the median write-up.
    pub median_delay: Option<usize>,
    /// "no goals", "no feedback", "no 1:1s"...
    pub gaps: Vec<String>,
}

/// A goal the SMART checker did not pass, with what it said.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VagueGoal {
    pub id: String,
    pub title: String,
    pub owner: String,
    pub hints: Vec<String>,
}

/// The skip-level audit of one manager's part of the organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditView {
    /// From the viewer down to the manager being looked at.
    pub trail: Vec<PersonSummary>,
    pub unit: Option<OrgUnitRef>,
    pub from: Day,
    pub to: Day,
    /// The manager's own team first, then each manager reporting to them.
    pub teams: Vec<TeamAudit>,
    /// Vague goals in the manager's own team (the drilled-into team).
    pub vague: Vec<VagueGoal>,
}

/// One week of adoption for an org unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdoptionWeek {
    pub week: Day,
    pub feedback: i64,
    pub checkins: i64,
    pub coaching: i64,
    pub one_on_ones: i64,
}

/// One org unit's adoption, quality and outcomes over the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitOutcomes {
    pub unit: OrgUnitRef,
    pub weeks: Vec<AdoptionWeek>,
    pub mean_quality: Option<f64>,
    pub bare_share: Option<f64>,
    pub smart_share: Option<f64>,
    /// Goals done among those not abandoned, for quarters ending in the period.
    pub achievement: Option<f64>,
    pub goals: i64,
    pub headcount: u32,
    pub voluntary_leavers: u32,
    /// Voluntary leavers whose last manager review scored 4 or more.
    pub top_performer_leavers: u32,
    pub promotions: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HrDashboard {
    pub unit: OrgUnitRef,
    /// The unit's parent, for going back up.
    pub parent: Option<OrgUnitRef>,
    pub from: Day,
    pub to: Day,
    /// The unit itself first, then each unit directly below it.
    pub units: Vec<UnitOutcomes>,
    /// The managers who sit in this unit itself (sub-units have their own).
    pub managers: Vec<ManagerTrend>,
    pub events: Vec<HrEventLine>,
}

/// One manager's team (the manager and their direct reports) over the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManagerTrend {
    pub manager: PersonSummary,
    pub weeks: Vec<AdoptionWeek>,
    pub mean_quality: Option<f64>,
    pub bare_share: Option<f64>,
}

/// The HR events recorded in the period, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HrEventLine {
    pub person: String,
    pub kind: HrEventKind,
    pub day: Day,
    pub reason: String,
    /// The score of the person's last manager review, if Tend holds one.
    pub last_review: Option<f64>,
}

impl HrEventLine {
    /// A top performer by their last review.
    pub fn top_performer(&self) -> bool {
        self.last_review
            .is_some_and(|s| s >= crate::reviews::import_check::TOP_PERFORMER)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum HrEventKind {
    LeftVoluntary,
    LeftInvoluntary,
    Promoted,
}

impl HrEventKind {
    pub fn as_str(self) -> &'static str {
        match self {
            HrEventKind::LeftVoluntary => "left_voluntary",
            HrEventKind::LeftInvoluntary => "left_involuntary",
            HrEventKind::Promoted => "promoted",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "left_voluntary" => Some(HrEventKind::LeftVoluntary),
            "left_involuntary" => Some(HrEventKind::LeftInvoluntary),
            "promoted" => Some(HrEventKind::Promoted),
            _ => None,
        }
    }

    /// Whether the person has left (either way): their access ends.
    pub fn is_leaver(self) -> bool {
        matches!(self, HrEventKind::LeftVoluntary | HrEventKind::LeftInvoluntary)
    }

    pub fn label(self) -> &'static str {
        match self {
            HrEventKind::LeftVoluntary => "Left (own choice)",
            HrEventKind::LeftInvoluntary => "Left (let go)",
            HrEventKind::Promoted => "Promoted",
        }
    }
}
