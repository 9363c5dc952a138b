//! Peer nomination: the ratee proposes, their manager approves.
//! Thin: the rules and authorisation live in the reviews services.

use crate::error::AppError;
use leptos::prelude::*;

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
