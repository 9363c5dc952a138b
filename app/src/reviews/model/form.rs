//! A review being written in Tend: the template it follows, the reviewer's
//! draft and what the form may do with it.

use super::ReviewKind;
use super::ReviewRef;
use crate::people::model::PersonSummary;
use crate::shared::date::Day;
use serde::{Deserialize, Serialize};

/// One competency as the reviewer sees it, with the behaviour that each
/// rating from 1 to 5 stands for at the ratee's level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompetencyView {
    pub key: String,
    pub name: String,
    pub anchors: Vec<String>,
}

/// The template version a cycle runs on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateView {
    pub name: String,
    pub version: u32,
    pub competencies: Vec<CompetencyView>,
    pub questions: Vec<String>,
    /// Whether the review ends with an overall rating.
    pub overall: bool,
    /// Whether the review has a goal-achievement section.
    pub goals: bool,
}

/// One competency's rating in a draft; a draft may leave it unrated.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingDraft {
    pub competency: String,
    pub rating: Option<u8>,
    pub comment: String,
}

/// What the reviewer has written so far.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewDraft {
    pub ratings: Vec<RatingDraft>,
    /// One answer per open question of the template, in its order.
    pub answers: Vec<String>,
    pub overall: Option<u8>,
    /// Ids of the evidence items the reviewer cites (see `ReviewEvidence`).
    #[serde(default)]
    pub cited: Vec<String>,
    /// How far the ratee achieved their goals (templates with that section).
    #[serde(default)]
    pub goal_rating: Option<u8>,
    #[serde(default)]
    pub goal_comment: String,
}

/// The review form as the reviewer opens it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewForm {
    pub review: ReviewRef,
    pub cycle_name: String,
    pub period_from: Day,
    pub period_to: Day,
    pub ratee: PersonSummary,
    pub template: TemplateView,
    pub draft: ReviewDraft,
    pub submitted: bool,
    /// The last day the review may be submitted (an extension included).
    pub due: Day,
    /// When the draft was last saved, as "YYYY-MM-DD HH:MM" UTC.
    pub saved_at: Option<String>,
    /// The reviewer's open request for more time, if any.
    pub request: Option<crate::reviews::model::progress::ExtensionRequest>,
}

/// A review the signed-in person is to write, for their list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewTask {
    pub review: ReviewRef,
    pub cycle_name: String,
    pub ratee: String,
    pub submitted: bool,
    pub due: Day,
    /// Whether the cycle has peer reviews (so peers are to be chosen).
    pub peers: bool,
}

/// What HR enters to start a cycle. An unticked box is simply absent from
/// the form, hence the defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CycleDraft {
    pub name: String,
    pub period_from: String,
    pub period_to: String,
    /// The org unit whose people (and the units below it) take part; empty
    /// means the whole organisation.
    pub unit: String,
    pub self_review: bool,
    pub manager_review: bool,
    /// Peers nominated by the ratee and approved by their manager.
    pub peer_review: bool,
    /// Each report reviews their manager.
    pub upward_review: bool,
    pub write_due: String,
    /// Fewest answers an anonymous group needs to be shown; empty means 3.
    pub anonymity: String,
    /// Who in the unit takes part: "" everyone, "managers" people who
    /// manage others, "contributors" people who do not.
    pub audience: String,
    /// A template version as "name|version"; empty means the newest
    /// Standard template.
    pub template: String,
    /// Last day of peer nomination; empty means the writing deadline.
    pub nominate_due: String,
    /// Last day of sharing, after which the cycle closes; empty: HR closes it.
    pub share_due: String,
    /// Whether results wait for a calibration HR ends.
    pub calibration: bool,
}

/// A cycle run in Tend with its progress, for HR.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CycleProgress {
    pub key: String,
    pub name: String,
    pub period_from: Day,
    pub period_to: Day,
    pub write_due: Day,
    pub template: String,
    /// (kind, submitted, expected).
    pub kinds: Vec<(ReviewKind, u32, u32)>,
    pub phase: crate::reviews::phase::Phase,
    /// The phase HR may move the cycle on to.
    pub next: Option<crate::reviews::phase::Phase>,
}

/// One competency's figure in the results: the self rating, the manager's,
/// and each shown anonymous group's mean.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompetencyResult {
    pub name: String,
    pub self_rating: Option<u8>,
    pub manager: Option<u8>,
    /// One mean per shown group, in the order of `ReviewResults::groups`.
    pub groups: Vec<Option<f64>>,
}

/// One group of anonymous answers (peers, reports, or both together).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupResult {
    pub label: String,
    /// Hidden groups say nothing, not even how many answered.
    pub shown: bool,
    pub responses: Option<u32>,
    /// Comments without names, sorted by their text.
    pub comments: Vec<String>,
}

/// A person's results for one cycle as they, their manager or HR may see
/// them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewResults {
    pub cycle_name: String,
    pub ratee: PersonSummary,
    pub manager_name: Option<String>,
    pub manager_comments: Vec<(String, String)>,
    pub manager_answers: Vec<(String, String)>,
    pub manager_overall: Option<u8>,
    pub self_overall: Option<u8>,
    /// Goal achievement (templates with that section), as the manager and
    /// the ratee rated it; the manager's comment is with `manager_comments`.
    pub manager_goals: Option<u8>,
    pub self_goals: Option<u8>,
    pub competencies: Vec<CompetencyResult>,
    pub groups: Vec<GroupResult>,
    /// Writing is still open for the ratee, so no anonymous answer is shown
    /// yet, whatever has come in (`reviews::release`).
    pub anonymous_waiting: bool,
    pub shared_on: Option<Day>,
    pub acknowledged_on: Option<Day>,
    pub response: String,
    /// Whether the viewer is the ratee's manager and may share them now.
    pub may_share: bool,
    /// For the manager: why the results cannot be shared yet (the phase).
    pub share_note: Option<String>,
    /// Whether the viewer is the ratee and may acknowledge them.
    pub may_acknowledge: bool,
}

/// A peer nomination as the ratee and their manager see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Nomination {
    pub peer: PersonSummary,
    pub approved: bool,
}
