//! Who is missing what: a cycle's overview for HR, one team's reviews, and HR's extend, decline and reopen.
//! Thin: the rules and authorisation live in the reviews services.

use crate::error::AppError;
use crate::reviews::model::ReviewRef;
use leptos::prelude::*;

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

/// HR declines a reviewer's request for more time.
#[server(prefix = "/api", endpoint = "decline_extension")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn decline_extension(review: ReviewRef, reviewer: String) -> Result<(), AppError> {
    let (state, user) = crate::server::request()?;
    let reviewer = crate::shared::ids::PersonId::parse(&reviewer).ok_or(AppError::NotFound)?;
    crate::reviews::progress_service::decline_extension(&state.db, &user, &review, &reviewer).await
}
