//! Review cycle server functions: HR starts cycles and watches progress,
//! reviewers write, autosave and submit. Thin: the rules and authorisation
//! live in `ssr::review_service`.

use crate::error::AppError;
use crate::model::{CycleDraft, CycleProgress, ReviewDraft, ReviewForm, ReviewRef, ReviewTask};
use leptos::prelude::*;

/// HR starts a review cycle; returns its key.
#[server(prefix = "/api", endpoint = "start_cycle")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn start_cycle(draft: CycleDraft) -> Result<String, AppError> {
    let (state, user) = crate::ssr::request()?;
    let today = crate::domain::date::Day::today();
    crate::ssr::review_service::create_cycle(&state.db, &user, &draft, today).await
}

/// HR's cycles with how many reviews of each kind are in.
#[server(prefix = "/api", endpoint = "cycles_progress")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn cycles_progress() -> Result<Vec<CycleProgress>, AppError> {
    let (state, user) = crate::ssr::request()?;
    crate::ssr::review_service::progress(&state.db, &user).await
}

/// The reviews the signed-in person is to write.
#[server(prefix = "/api", endpoint = "my_reviews")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn my_reviews() -> Result<Vec<ReviewTask>, AppError> {
    let (state, user) = crate::ssr::request()?;
    crate::ssr::review_service::tasks(&state.db, &user).await
}

/// One of the signed-in person's reviews, with its template and draft.
#[server(prefix = "/api", endpoint = "open_review")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn open_review(review: ReviewRef) -> Result<ReviewForm, AppError> {
    let (state, user) = crate::ssr::request()?;
    crate::ssr::review_service::form(&state.db, &user, &review).await
}

/// Autosaves a draft of one of the signed-in person's reviews.
#[server(prefix = "/api", endpoint = "save_review")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn save_review(review: ReviewRef, draft: ReviewDraft) -> Result<(), AppError> {
    let (state, user) = crate::ssr::request()?;
    crate::ssr::review_service::save(&state.db, &user, &review, &draft).await
}

/// Submits and locks one of the signed-in person's reviews.
#[server(prefix = "/api", endpoint = "submit_review")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn submit_review(review: ReviewRef, draft: ReviewDraft) -> Result<(), AppError> {
    let (state, user) = crate::ssr::request()?;
    let today = crate::domain::date::Day::today();
    crate::ssr::review_service::submit(&state.db, &user, &review, &draft, today).await
}

/// HR reopens a submitted review, saying why.
#[server(prefix = "/api", endpoint = "reopen_review")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn reopen_review(review: ReviewRef, reviewer: String, reason: String) -> Result<(), AppError> {
    let (state, user) = crate::ssr::request()?;
    let reviewer = crate::model::PersonId::parse(&reviewer).ok_or(AppError::NotFound)?;
    crate::ssr::review_service::reopen(&state.db, &user, &review, &reviewer, &reason).await
}

/// HR gives one reviewer more time.
#[server(prefix = "/api", endpoint = "extend_review")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn extend_review(review: ReviewRef, reviewer: String, until: String) -> Result<(), AppError> {
    let (state, user) = crate::ssr::request()?;
    let reviewer = crate::model::PersonId::parse(&reviewer).ok_or(AppError::NotFound)?;
    let until = crate::domain::date::Day::parse(&until)
        .ok_or_else(|| AppError::Invalid("The new deadline is not a date; use YYYY-MM-DD.".into()))?;
    let today = crate::domain::date::Day::today();
    crate::ssr::review_service::extend(&state.db, &user, &review, &reviewer, until, today).await
}
