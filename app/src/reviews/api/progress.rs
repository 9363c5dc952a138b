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

/// The reviews about one manager's reports, for HR and the managers above:
/// self and manager reviews by writer, peer and upward ones as counts.
#[server(prefix = "/api", endpoint = "team_reviews")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn team_reviews(
    cycle: String,
    manager: String,
) -> Result<crate::reviews::model::progress::TeamReviews, AppError> {
    let (state, user) = crate::server::request()?;
    let manager = crate::shared::ids::PersonId::parse(&manager).ok_or(AppError::NotFound)?;
    crate::reviews::progress_service::team(&state.db, &user, &cycle, &manager).await
}

/// HR reopens a submitted self or manager review, saying why.
#[server(prefix = "/api", endpoint = "reopen_review")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn reopen_review(review: ReviewRef, reviewer: String, reason: String) -> Result<(), AppError> {
    let (state, user) = crate::server::request()?;
    let reviewer = crate::shared::ids::PersonId::parse(&reviewer).ok_or(AppError::NotFound)?;
    crate::reviews::service::reopen(&state.db, &user, &review, &reviewer, &reason).await
}

/// HR gives the writer of one self or manager review more time.
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

/// HR extends every missing peer or upward review of one ratee together.
#[server(prefix = "/api", endpoint = "extend_missing")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn extend_missing(review: ReviewRef, until: String) -> Result<u32, AppError> {
    let (state, user) = crate::server::request()?;
    let until = crate::shared::date::Day::parse(&until)
        .ok_or_else(|| AppError::Invalid("The new deadline is not a date; use YYYY-MM-DD.".into()))?;
    let today = crate::shared::date::Day::today();
    crate::reviews::progress_service::extend_missing(&state.db, &user, &review, until, today).await
}

/// A request's handle: the random key `server::repo::new_key` made.
#[cfg(feature = "ssr")]
fn handle(h: &str) -> Result<&str, AppError> {
    let ok = !h.is_empty() && h.len() <= 40 && h.chars().all(|c| c.is_ascii_alphanumeric());
    ok.then_some(h).ok_or(AppError::NotFound)
}

/// HR grants a reviewer's request for more time, until the day asked for.
#[server(prefix = "/api", endpoint = "grant_extension")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn grant_extension(request: String) -> Result<(), AppError> {
    let (state, user) = crate::server::request()?;
    crate::reviews::progress_service::grant_request(&state.db, &user, handle(&request)?).await
}

/// HR declines a reviewer's request for more time.
#[server(prefix = "/api", endpoint = "decline_extension")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn decline_extension(request: String) -> Result<(), AppError> {
    let (state, user) = crate::server::request()?;
    crate::reviews::progress_service::decline_request(&state.db, &user, handle(&request)?).await
}
