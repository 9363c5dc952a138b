//! Wire types shared by browser and server: serde only, with pure validation
//! beside each type. Database row types live in `ssr::repo` instead.

pub mod auth;
pub mod bias;
pub mod calibration;
pub mod capture;
pub mod dashboard;
pub mod feedback;
pub mod goal;
pub mod ids;
pub mod one_on_one;
pub mod perception;
pub mod person;
pub mod review;
pub mod review_evidence;
pub mod review_form;
pub mod review_progress;
pub mod review_template;

pub use auth::{safe_next, Credentials};
pub use bias::{BiasFlag, BiasReport, BiasScope, BiasThresholds};
pub use calibration::{CalibrationRow, CalibrationView, ManagerDistribution};
pub use capture::{
    CaptureContext, CaptureItem, CaptureKr, CapturePayload, CapturePerson, CaptureReceipt, NoteVersion, NoteView,
};
pub use dashboard::{
    AdoptionWeek, AttentionLine, AuditView, HrDashboard, HrEventKind, HrEventLine, ManagerDashboard, ManagerTrend,
    ReportLine, StatusMix, TeamAudit, UnitOutcomes, VagueGoal, WeekFlow,
};
pub use feedback::{
    AskDraft, DeletedFeedback, FeedbackAsk, FeedbackDraft, FeedbackEntry, FeedbackKind, FeedbackStart, FeedbackView,
    FeedbackVisibility, MyFeedback, PastVersion, PraiseFeed, ReportFeedback, TeamFeedback, Usefulness,
};
pub use goal::{
    CheckIn, CheckInDraft, GoalDetail, GoalDraft, GoalEvent, GoalId, GoalSummary, KeyResult, KrChange, KrDraft, KrKind,
    KrUpdate, Level, OwnerRef, Period, ReviewDecision, ReviewRecord, Status, Visibility,
};
pub use ids::PersonId;
pub use one_on_one::{
    ActionItem, AgendaItem, CoachingDraft, CoachingRecord, MeetingView, OneOnOneList, OneOnOneSummary, OneOnOneView,
};
pub use perception::{CheckQuestions, GapRow, TeamGap};
pub use person::{Demographics, OrgUnitRef, PersonProfile, PersonSummary, Role, Viewer};
pub use review::{ImportSummary, ReviewKind};
pub use review_evidence::{EvidenceItem, EvidenceKind, GoalEvidence, ReviewEvidence, Tone};
pub use review_form::{
    CompetencyResult, CompetencyView, CycleDraft, CycleProgress, GroupResult, Nomination, RatingDraft, ReviewDraft,
    ReviewForm, ReviewRef, ReviewResults, ReviewTask, TemplateView,
};
pub use review_progress::{CycleOverview, ExtensionRequest, KindCount, ProgressRow, ReviewLine};
pub use review_template::{CompetencyDraft, TemplateDraft};
