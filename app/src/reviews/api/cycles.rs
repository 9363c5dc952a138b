//! HR starts a cycle, moves it on and sees every cycle's progress; the org units a cycle may cover.
//! Thin: the rules and authorisation live in the reviews services.

use crate::error::AppError;
use crate::reviews::model::form::{CycleDraft, CycleProgress};
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

/// The org units HR may start a cycle for, by name.
#[server(prefix = "/api", endpoint = "cycle_units")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn cycle_units() -> Result<Vec<crate::people::model::OrgUnitRef>, AppError> {
    let (state, user) = crate::server::request()?;
    crate::reviews::service::cycle_units(&state.db, &user).await
}

/// The names of the review cycles Tend holds, newest first, for HR.
#[server(prefix = "/api", endpoint = "review_cycles")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn review_cycles() -> Result<Vec<String>, AppError> {
    let (state, user) = crate::server::request()?;
    crate::reviews::service::cycle_names(&state.db, &user).await
}
