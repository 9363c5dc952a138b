//! People: the home page, person pages, the team view and the HR directory.

#[cfg(all(feature = "ssr", test))]
mod tests;

use crate::error::AppError;
use crate::people::model::{Home, PersonProfile, PersonSummary, TeamGroup};
use leptos::prelude::*;

/// The signed-in person's own profile and the size of their organisation.
#[server(prefix = "/api", endpoint = "home")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn get_home() -> Result<Home, AppError> {
    let (state, user) = crate::server::request()?;
    crate::people::service::home(&state.db, &user).await
}

/// One person's page, within the viewer's reach.
#[server(prefix = "/api", endpoint = "person")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn get_person(id: String) -> Result<PersonProfile, AppError> {
    let (state, user) = crate::server::request()?;
    crate::people::service::person(&state.db, &user, id).await
}

/// The viewer's direct reports, and for each report who manages, their reports.
#[server(prefix = "/api", endpoint = "team")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn get_team() -> Result<Vec<TeamGroup>, AppError> {
    let (state, user) = crate::server::request()?;
    crate::people::service::team(&state.db, &user).await
}

/// HR directory: people whose name or email contains `query`.
#[server(prefix = "/api", endpoint = "search_people")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn search_people(query: String) -> Result<Vec<PersonSummary>, AppError> {
    let (state, user) = crate::server::request()?;
    crate::people::service::search(&state.db, &user, query).await
}
