//! Feedback server functions: give, edit, delete, acknowledge, rate, read,
//! ask, and the perception check. Each authenticates, then calls the service.

use crate::error::AppError;
use crate::feedback::model::perception::CheckQuestions;
use crate::feedback::model::{
    AskDraft, DeletedFeedback, FeedbackDraft, FeedbackEntry, FeedbackStart, FeedbackView, MyFeedback, PraiseFeed,
    TeamFeedback,
};
use crate::people::model::PersonSummary;
use crate::shared::ids::PersonId;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Gives feedback; returns the new entry's id.
#[server(prefix = "/api", endpoint = "give_feedback", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn give_feedback(draft: FeedbackDraft) -> Result<String, AppError> {
    let (s, user) = crate::server::request()?;
    crate::feedback::service::give(&s.db, &user, draft, crate::shared::date::Day::today()).await
}

/// The feedback form's starting point.
#[server(prefix = "/api", endpoint = "new_feedback_context")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn new_feedback_context(
    to: Option<String>,
    ask: Option<String>,
    edit: Option<String>,
) -> Result<FeedbackStart, AppError> {
    let (s, user) = crate::server::request()?;
    crate::feedback::service::start(&s.db, &user, to, ask, edit).await
}

/// The recipient's goals this quarter that the viewer may see, as (id, title).
#[server(prefix = "/api", endpoint = "feedback_goal_options")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn feedback_goal_options(person: String) -> Result<Vec<(String, String)>, AppError> {
    let (s, user) = crate::server::request()?;
    let person = PersonId::parse(&person).ok_or(AppError::NotFound)?;
    crate::feedback::service::goal_options(&s.db, &user, &person, crate::shared::date::Day::today()).await
}

/// Edits your own feedback within 24 hours of writing it.
#[server(prefix = "/api", endpoint = "edit_feedback", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn edit_feedback(id: String, draft: FeedbackDraft) -> Result<(), AppError> {
    let (s, user) = crate::server::request()?;
    crate::feedback::service::edit(&s.db, &user, &id, draft, crate::shared::date::Day::today()).await
}

/// Deletes your own feedback (kept for HR's audit).
#[server(prefix = "/api", endpoint = "delete_feedback")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn delete_feedback(id: String, reason: String) -> Result<(), AppError> {
    let (s, user) = crate::server::request()?;
    crate::feedback::service::delete(&s.db, &user, &id, &reason).await
}

/// Acknowledges feedback you received; a second call changes nothing.
#[server(prefix = "/api", endpoint = "acknowledge_feedback")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn acknowledge_feedback(id: String) -> Result<(), AppError> {
    let (s, user) = crate::server::request()?;
    crate::feedback::service::acknowledge(&s.db, &user, &id).await
}

/// Rates how useful feedback you received was (1–5), with an optional why.
#[server(prefix = "/api", endpoint = "rate_feedback")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn rate_feedback(id: String, rating: u8, why: String) -> Result<(), AppError> {
    let (s, user) = crate::server::request()?;
    crate::feedback::service::rate(&s.db, &user, &id, rating, &why).await
}

/// One entry with corrections and edit history, if the viewer may read it.
#[server(prefix = "/api", endpoint = "get_feedback")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn get_feedback(id: String) -> Result<FeedbackView, AppError> {
    let (s, user) = crate::server::request()?;
    crate::feedback::service::view(&s.db, &user, &id).await
}

/// My feedback: received, given, and asks.
#[server(prefix = "/api", endpoint = "feedback_overview")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn feedback_overview() -> Result<MyFeedback, AppError> {
    let (s, user) = crate::server::request()?;
    crate::feedback::service::mine(&s.db, &user).await
}

/// Feedback a person received that the viewer may read.
#[server(prefix = "/api", endpoint = "feedback_about")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn feedback_about(person: String) -> Result<Vec<FeedbackEntry>, AppError> {
    let (s, user) = crate::server::request()?;
    let person = PersonId::parse(&person).ok_or(AppError::NotFound)?;
    crate::feedback::service::about(&s.db, &user, &person).await
}

/// Public praise for a team (the viewer's own by default).
#[server(prefix = "/api", endpoint = "team_praise")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn team_praise(unit: Option<String>) -> Result<PraiseFeed, AppError> {
    let (s, user) = crate::server::request()?;
    crate::feedback::service::feed(&s.db, &user, unit).await
}

/// Asks colleagues for feedback on a topic.
#[server(prefix = "/api", endpoint = "ask_feedback", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn ask_feedback(draft: AskDraft) -> Result<(), AppError> {
    let (s, user) = crate::server::request()?;
    crate::feedback::service::ask(&s.db, &user, draft).await
}

/// Colleagues by name, for choosing who to give feedback to or ask. Anyone
/// may give feedback to anyone, so names and titles are open to all.
#[server(prefix = "/api", endpoint = "find_colleagues")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn find_colleagues(q: String) -> Result<Vec<PersonSummary>, AppError> {
    let (s, user) = crate::server::request()?;
    crate::people::service::colleagues(&s.db, &user, &q).await
}

/// The manager's team feedback figures and perception gap.
#[server(prefix = "/api", endpoint = "team_feedback_figures")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn team_feedback_figures() -> Result<TeamFeedback, AppError> {
    let (s, user) = crate::server::request()?;
    crate::feedback::perception_service::team(&s.db, &user, crate::shared::date::Day::today()).await
}

/// HR's audit of deleted feedback.
#[server(prefix = "/api", endpoint = "feedback_deletions")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn feedback_deletions() -> Result<Vec<DeletedFeedback>, AppError> {
    let (s, user) = crate::server::request()?;
    crate::feedback::service::deletions(&s.db, &user).await
}

/// This fortnight's perception-check questions for the viewer.
#[server(prefix = "/api", endpoint = "perception_questions")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn perception_questions() -> Result<CheckQuestions, AppError> {
    let (s, user) = crate::server::request()?;
    crate::feedback::perception_service::questions(&s.db, &user, crate::shared::date::Day::today()).await
}

/// A manager's answers: which reports got specific feedback in the last two weeks.
#[server(prefix = "/api", endpoint = "claim_feedback", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn claim_feedback(answers: Vec<(PersonId, bool)>) -> Result<(), AppError> {
    let (s, user) = crate::server::request()?;
    crate::feedback::perception_service::claim(&s.db, &user, crate::shared::date::Day::today(), answers).await
}

/// A report's anonymous answer: did feedback help you improve in the last two weeks?
#[server(prefix = "/api", endpoint = "answer_perception")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn answer_perception(helped: bool) -> Result<(), AppError> {
    let (s, user) = crate::server::request()?;
    crate::feedback::perception_service::answer(&s.db, &user, crate::shared::date::Day::today(), helped).await
}

#[cfg(all(test, feature = "ssr"))]
mod privacy_tests;
#[cfg(all(test, feature = "ssr"))]
pub(crate) mod tests;
