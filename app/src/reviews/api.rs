//! Review cycle server functions: HR starts cycles and watches progress,
//! reviewers write, autosave and submit. Thin: the rules and authorisation
//! live in `ssr::review_service`.

pub mod history;

use crate::error::AppError;
use crate::reviews::model::form::{CycleDraft, CycleProgress, ReviewDraft, ReviewForm, ReviewRef, ReviewTask};
use leptos::prelude::*;

/// HR starts a review cycle; returns its key.
#[server(prefix = "/api", endpoint = "start_cycle")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn start_cycle(draft: CycleDraft) -> Result<String, AppError> {
    let (state, user) = crate::server::request()?;
    let today = crate::shared::date::Day::today();
    crate::reviews::service::create_cycle(&state.db, &user, &draft, today).await
}

/// HR's cycles with how many reviews of each kind are in.
#[server(prefix = "/api", endpoint = "cycles_progress")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn cycles_progress() -> Result<Vec<CycleProgress>, AppError> {
    let (state, user) = crate::server::request()?;
    let today = crate::shared::date::Day::today();
    crate::reviews::service::progress(&state.db, &user, today).await
}

/// HR moves a cycle on to its next phase; returns the phase it is now in.
#[server(prefix = "/api", endpoint = "advance_cycle")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn advance_cycle(cycle: String) -> Result<crate::reviews::phase::Phase, AppError> {
    let (state, user) = crate::server::request()?;
    let today = crate::shared::date::Day::today();
    crate::reviews::service::advance(&state.db, &user, &cycle, today).await
}

/// The reviews the signed-in person is to write.
#[server(prefix = "/api", endpoint = "my_reviews")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn my_reviews() -> Result<Vec<ReviewTask>, AppError> {
    let (state, user) = crate::server::request()?;
    crate::reviews::service::tasks(&state.db, &user).await
}

/// One of the signed-in person's reviews, with its template and draft.
#[server(prefix = "/api", endpoint = "open_review")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn open_review(review: ReviewRef) -> Result<ReviewForm, AppError> {
    let (state, user) = crate::server::request()?;
    crate::reviews::service::form(&state.db, &user, &review).await
}

/// Autosaves a draft of one of the signed-in person's reviews.
#[server(prefix = "/api", endpoint = "save_review")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn save_review(review: ReviewRef, draft: ReviewDraft) -> Result<(), AppError> {
    let (state, user) = crate::server::request()?;
    crate::reviews::service::save(&state.db, &user, &review, &draft).await
}

/// Submits and locks one of the signed-in person's reviews.
#[server(prefix = "/api", endpoint = "submit_review")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn submit_review(review: ReviewRef, draft: ReviewDraft) -> Result<(), AppError> {
    let (state, user) = crate::server::request()?;
    let today = crate::shared::date::Day::today();
    crate::reviews::service::submit(&state.db, &user, &review, &draft, today).await
}

/// HR reopens a submitted review, saying why.
#[server(prefix = "/api", endpoint = "reopen_review")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn reopen_review(review: ReviewRef, reviewer: String, reason: String) -> Result<(), AppError> {
    let (state, user) = crate::server::request()?;
    let reviewer = crate::shared::ids::PersonId::parse(&reviewer).ok_or(AppError::NotFound)?;
    crate::reviews::service::reopen(&state.db, &user, &review, &reviewer, &reason).await
}

/// HR gives one reviewer more time.
#[server(prefix = "/api", endpoint = "extend_review")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn extend_review(review: ReviewRef, reviewer: String, until: String) -> Result<(), AppError> {
    let (state, user) = crate::server::request()?;
    let reviewer = crate::shared::ids::PersonId::parse(&reviewer).ok_or(AppError::NotFound)?;
    let until = crate::shared::date::Day::parse(&until)
        .ok_or_else(|| AppError::Invalid("The new deadline is not a date; use YYYY-MM-DD.".into()))?;
    let today = crate::shared::date::Day::today();
    crate::reviews::service::extend(&state.db, &user, &review, &reviewer, until, today).await
}

/// Peers nominated for `ratee`, for the ratee or their manager, and
/// whether the viewer is the ratee (who proposes) or the manager (who
/// approves).
#[server(prefix = "/api", endpoint = "peer_nominations")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn peer_nominations(
    cycle: String,
    ratee: String,
) -> Result<(bool, Vec<crate::reviews::model::form::Nomination>), AppError> {
    let (state, user) = crate::server::request()?;
    let ratee = crate::shared::ids::PersonId::parse(&ratee).ok_or(AppError::NotFound)?;
    let list = crate::reviews::peers_service::list(&state.db, &user, &cycle, &ratee).await?;
    Ok((user.id == ratee, list))
}

/// The signed-in person proposes their peer reviewers.
#[server(prefix = "/api", endpoint = "propose_peers")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn propose_peers(cycle: String, peers: Vec<String>) -> Result<(), AppError> {
    let (state, user) = crate::server::request()?;
    let today = crate::shared::date::Day::today();
    crate::reviews::peers_service::propose(&state.db, &user, &cycle, &peers, today).await
}

/// The ratee's manager approves the final list of peers.
#[server(prefix = "/api", endpoint = "approve_peers")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn approve_peers(cycle: String, ratee: String, peers: Vec<String>) -> Result<(), AppError> {
    let (state, user) = crate::server::request()?;
    let ratee = crate::shared::ids::PersonId::parse(&ratee).ok_or(AppError::NotFound)?;
    let today = crate::shared::date::Day::today();
    crate::reviews::peers_service::approve(&state.db, &user, &cycle, &ratee, &peers, today).await
}

/// A person's results in a cycle, for them (once shared) or their manager.
#[server(prefix = "/api", endpoint = "review_results")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn review_results(
    cycle: String,
    ratee: String,
) -> Result<crate::reviews::model::form::ReviewResults, AppError> {
    let (state, user) = crate::server::request()?;
    let ratee = crate::shared::ids::PersonId::parse(&ratee).ok_or(AppError::NotFound)?;
    crate::reviews::results_service::results(&state.db, &user, &cycle, &ratee).await
}

/// The manager shares a report's results with them.
#[server(prefix = "/api", endpoint = "share_results")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn share_results(cycle: String, ratee: String) -> Result<(), AppError> {
    let (state, user) = crate::server::request()?;
    let ratee = crate::shared::ids::PersonId::parse(&ratee).ok_or(AppError::NotFound)?;
    let today = crate::shared::date::Day::today();
    crate::reviews::results_service::share(&state.db, &user, &cycle, &ratee, today).await
}

/// The signed-in person acknowledges their shared results.
#[server(prefix = "/api", endpoint = "acknowledge_results")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn acknowledge_results(cycle: String, response: String) -> Result<(), AppError> {
    let (state, user) = crate::server::request()?;
    let today = crate::shared::date::Day::today();
    crate::reviews::results_service::acknowledge(&state.db, &user, &cycle, &response, today).await
}

/// The org units HR may start a cycle for, by name.
#[server(prefix = "/api", endpoint = "cycle_units")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn cycle_units() -> Result<Vec<crate::people::model::OrgUnitRef>, AppError> {
    let (state, user) = crate::server::request()?;
    crate::server::authz::ensure_hr(&user)?;
    crate::reviews::repo::cycles::units(&state.db).await
}

/// The evidence beside one of the signed-in person's reviews.
#[server(prefix = "/api", endpoint = "review_evidence")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn review_evidence(review: ReviewRef) -> Result<crate::reviews::model::evidence::ReviewEvidence, AppError> {
    let (state, user) = crate::server::request()?;
    crate::reviews::evidence_service::evidence(&state.db, &user, &review).await
}

/// HR's view of one cycle: progress by org unit and by manager (those whose
/// name contains `find`; missing or empty for all), and open extension requests.
#[server(prefix = "/api", endpoint = "cycle_overview")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn cycle_overview(
    cycle: String,
    find: Option<String>,
) -> Result<crate::reviews::model::progress::CycleOverview, AppError> {
    let (state, user) = crate::server::request()?;
    let find = find.unwrap_or_default();
    crate::reviews::progress_service::overview(&state.db, &user, &cycle, &find).await
}

/// The reviews about one manager's reports, for HR and the managers above.
#[server(prefix = "/api", endpoint = "team_reviews")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn team_reviews(
    cycle: String,
    manager: String,
) -> Result<Vec<crate::reviews::model::progress::ReviewLine>, AppError> {
    let (state, user) = crate::server::request()?;
    let manager = crate::shared::ids::PersonId::parse(&manager).ok_or(AppError::NotFound)?;
    crate::reviews::progress_service::team(&state.db, &user, &cycle, &manager).await
}

/// The signed-in reviewer asks HR for a later deadline.
#[server(prefix = "/api", endpoint = "request_extension")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn request_extension(review: ReviewRef, until: String, reason: String) -> Result<(), AppError> {
    let (state, user) = crate::server::request()?;
    let until = crate::shared::date::Day::parse(&until)
        .ok_or_else(|| AppError::Invalid("Choose the day you need, as YYYY-MM-DD.".into()))?;
    let today = crate::shared::date::Day::today();
    crate::reviews::progress_service::request_extension(&state.db, &user, &review, until, &reason, today).await
}

/// HR declines a reviewer's request for more time.
#[server(prefix = "/api", endpoint = "decline_extension")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn decline_extension(review: ReviewRef, reviewer: String) -> Result<(), AppError> {
    let (state, user) = crate::server::request()?;
    let reviewer = crate::shared::ids::PersonId::parse(&reviewer).ok_or(AppError::NotFound)?;
    crate::reviews::progress_service::decline_extension(&state.db, &user, &review, &reviewer).await
}

/// The template versions HR may start a cycle on, as ("name|version", label).
#[server(prefix = "/api", endpoint = "cycle_templates")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn cycle_templates() -> Result<Vec<(String, String)>, AppError> {
    let (state, user) = crate::server::request()?;
    crate::server::authz::ensure_hr(&user)?;
    crate::reviews::repo::templates::templates(&state.db).await
}

/// A template version as a draft for HR's editor ("name|version"; empty: the newest Standard).
#[server(prefix = "/api", endpoint = "template_draft")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn template_draft(template: String) -> Result<crate::reviews::model::template::TemplateDraft, AppError> {
    let (state, user) = crate::server::request()?;
    crate::reviews::template_service::draft(&state.db, &user, &template).await
}

/// HR saves a template as its next version; returns "name|version".
#[server(prefix = "/api", endpoint = "save_template", input = leptos::server_fn::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn save_template(draft: crate::reviews::model::template::TemplateDraft) -> Result<String, AppError> {
    let (state, user) = crate::server::request()?;
    crate::reviews::template_service::save(&state.db, &user, &draft).await
}
