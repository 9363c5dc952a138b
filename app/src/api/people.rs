//! People: the home page, person pages, the team view and the HR directory.

use crate::error::AppError;
use crate::model::{PersonProfile, PersonSummary};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the home page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Home {
    pub me: PersonProfile,
    /// Everyone below the viewer, at any depth; `None` for people without reports.
    pub org_size: Option<u32>,
}

/// A manager and their direct reports, for the team view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamGroup {
    pub manager: PersonSummary,
    pub members: Vec<PersonSummary>,
}

/// Longest directory search accepted.
pub const MAX_QUERY: usize = 100;
/// Most directory results returned.
pub const SEARCH_LIMIT: u32 = 50;

/// The signed-in person's own profile and the size of their organisation.
#[server(prefix = "/api", endpoint = "home")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn get_home() -> Result<Home, AppError> {
    use crate::ssr::{authz, repo::people};
    let state = crate::ssr::state()?;
    let user = crate::ssr::current_user()?;
    let mut me = people::profile(&state.db, &user.id, authz::may_see_demographics(&user))
        .await?
        .ok_or(AppError::NotFound)?;
    me.manager_reachable = authz::manager_reachable(&user, &user.id);
    let org_size = if me.role.manages() {
        Some(people::subtree_size(&state.db, &user.id).await?)
    } else {
        None
    };
    Ok(Home { me, org_size })
}

/// One person's page, within the viewer's reach.
#[server(prefix = "/api", endpoint = "person")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn get_person(id: String) -> Result<PersonProfile, AppError> {
    use crate::model::PersonId;
    use crate::ssr::{authz, repo::people};
    let state = crate::ssr::state()?;
    let user = crate::ssr::current_user()?;
    let id = PersonId::parse(&id).ok_or(AppError::NotFound)?;
    authz::ensure_can_reach(&state.db, &user, &id).await?;
    let mut profile = people::profile(&state.db, &id, authz::may_see_demographics(&user))
        .await?
        .ok_or(AppError::NotFound)?;
    profile.manager_reachable = authz::manager_reachable(&user, &id);
    Ok(profile)
}

/// The viewer's direct reports, and for each report who manages, their reports.
#[server(prefix = "/api", endpoint = "team")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn get_team() -> Result<Vec<TeamGroup>, AppError> {
    use crate::ssr::repo::people;
    let state = crate::ssr::state()?;
    let user = crate::ssr::current_user()?;
    let me = people::summary(&state.db, &user.id).await?.ok_or(AppError::NotFound)?;
    let directs = people::direct_reports(&state.db, &user.id).await?;
    let mut groups = Vec::new();
    for report in directs.iter().filter(|r| r.direct_reports > 0) {
        // Every id here came from the viewer's own subtree, so no further check is needed.
        let members = people::direct_reports(&state.db, &report.id).await?;
        groups.push(TeamGroup {
            manager: report.clone(),
            members,
        });
    }
    groups.insert(
        0,
        TeamGroup {
            manager: me,
            members: directs,
        },
    );
    Ok(groups)
}

/// HR directory: people whose name or email contains `query`.
#[server(prefix = "/api", endpoint = "search_people")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn search_people(query: String) -> Result<Vec<PersonSummary>, AppError> {
    use crate::ssr::{authz, repo::people};
    let state = crate::ssr::state()?;
    let user = crate::ssr::current_user()?;
    authz::ensure_hr(&user)?;
    let query = query.trim();
    if query.chars().count() < 2 {
        return Err(AppError::Invalid("Type at least 2 characters to search.".into()));
    }
    if query.chars().count() > MAX_QUERY {
        return Err(AppError::Invalid(format!(
            "Searches are limited to {MAX_QUERY} characters."
        )));
    }
    people::search(&state.db, query, SEARCH_LIMIT).await
}
