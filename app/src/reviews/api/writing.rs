//! Reviewers open, autosave and submit a review, read its evidence, and ask for more time.
//! Thin: the rules and authorisation live in the reviews services.

use crate::error::AppError;
use crate::reviews::model::form::{ReviewDraft, ReviewForm, ReviewTask};
use crate::reviews::model::ReviewRef;
use leptos::prelude::*;

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

/// The evidence beside one of the signed-in person's reviews.
#[server(prefix = "/api", endpoint = "review_evidence")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn review_evidence(review: ReviewRef) -> Result<crate::reviews::model::evidence::ReviewEvidence, AppError> {
    let (state, user) = crate::server::request()?;
    crate::reviews::evidence_service::evidence(&state.db, &user, &review).await
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
