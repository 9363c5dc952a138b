//! 1:1 and coaching server functions.

use crate::error::AppError;
use crate::one_on_ones::model::{CoachingDraft, OneOnOneList, OneOnOneView};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[server(prefix = "/api", endpoint = "one_on_ones")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn one_on_ones() -> Result<OneOnOneList, AppError> {
    let (s, user) = crate::server::request()?;
    crate::one_on_ones::service::list(&s.db, &user).await
}

/// A manager starts recurring 1:1s with a direct report; returns the series id.
#[server(prefix = "/api", endpoint = "start_one_on_one")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn start_one_on_one(report: String, cadence: u32, first: String) -> Result<String, AppError> {
    let (s, user) = crate::server::request()?;
    crate::one_on_ones::service::start(
        &s.db,
        &user,
        &report,
        cadence,
        &first,
        crate::shared::date::Day::today(),
    )
    .await
}

#[server(prefix = "/api", endpoint = "one_on_one")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn one_on_one(id: String) -> Result<OneOnOneView, AppError> {
    let (s, user) = crate::server::request()?;
    crate::one_on_ones::service::view(&s.db, &user, &id).await
}

#[server(prefix = "/api", endpoint = "add_agenda_item")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn add_agenda_item(series: String, text: String) -> Result<(), AppError> {
    let (s, user) = crate::server::request()?;
    crate::one_on_ones::service::add_agenda_item(&s.db, &user, &series, &text).await
}

#[server(prefix = "/api", endpoint = "set_agenda_done")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn set_agenda_done(item: String, done: bool) -> Result<(), AppError> {
    let (s, user) = crate::server::request()?;
    crate::one_on_ones::service::set_agenda_done(&s.db, &user, &item, done).await
}

#[server(prefix = "/api", endpoint = "save_private_note")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn save_private_note(series: String, text: String) -> Result<(), AppError> {
    let (s, user) = crate::server::request()?;
    crate::one_on_ones::service::save_note(&s.db, &user, &series, &text).await
}

#[server(prefix = "/api", endpoint = "add_action_item")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn add_action_item(series: String, text: String, owner: String, due: String) -> Result<(), AppError> {
    let (s, user) = crate::server::request()?;
    crate::one_on_ones::service::add_action(
        &s.db,
        &user,
        &series,
        &text,
        &owner,
        &due,
        crate::shared::date::Day::today(),
    )
    .await
}

#[server(prefix = "/api", endpoint = "set_action_done")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn set_action_done(item: String, done: bool) -> Result<(), AppError> {
    let (s, user) = crate::server::request()?;
    crate::one_on_ones::service::set_action_done(&s.db, &user, &item, done).await
}

/// Marks the open meeting held; unfinished agenda items move to the next.
#[server(prefix = "/api", endpoint = "complete_meeting")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn complete_meeting(series: String) -> Result<(), AppError> {
    let (s, user) = crate::server::request()?;
    crate::one_on_ones::service::complete(&s.db, &user, &series, crate::shared::date::Day::today()).await
}

#[server(prefix = "/api", endpoint = "record_coaching", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn record_coaching(draft: CoachingDraft) -> Result<(), AppError> {
    let (s, user) = crate::server::request()?;
    crate::one_on_ones::service::record_coaching(&s.db, &user, draft, crate::shared::date::Day::today()).await
}

#[cfg(all(test, feature = "ssr"))]
mod tests;
