//! HR's one-at-a-time changes: a person's record, add or edit, a dated
//! manager change, and the org units.

use crate::error::AppError;
use crate::hr::model::{PersonForm, PersonRecord, UnitLine};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// A person as HR administers them, with their history.
#[server(prefix = "/api", endpoint = "admin_person")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn admin_person(id: String) -> Result<PersonRecord, AppError> {
    let (state, user) = crate::server::request()?;
    crate::hr::admin_service::person(&state.db, &user, &id).await
}

/// Adds a person (no id) or edits one; returns their id.
#[server(prefix = "/api", endpoint = "save_person", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn save_person(form: PersonForm) -> Result<String, AppError> {
    let (state, user) = crate::server::request()?;
    if form.invite && form.id.is_none() {
        state.passwords_allowed()?;
    }
    crate::hr::admin_service::save_and_invite(&state.db, &state.mail, &user, form, crate::shared::date::Day::today())
        .await
}

/// Moves a person to another manager from `effective` (YYYY-MM-DD; empty
/// for today).
#[server(prefix = "/api", endpoint = "change_manager")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn change_manager(person: String, manager: String, effective: String) -> Result<(), AppError> {
    use crate::shared::date::Day;
    let (state, user) = crate::server::request()?;
    crate::server::authz::ensure_hr(&user)?;
    let effective = match effective.trim() {
        "" => Day::today(),
        e => Day::parse(e).ok_or_else(|| AppError::field("effective", "Use a date such as 2026-03-01."))?,
    };
    crate::hr::admin_service::change_manager(&state.db, &user, &person, &manager, effective, Day::today()).await
}

/// Every org unit, parents first, with headcounts.
#[server(prefix = "/api", endpoint = "org_units")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn org_units() -> Result<Vec<UnitLine>, AppError> {
    let (state, user) = crate::server::request()?;
    crate::hr::admin_service::units(&state.db, &user).await
}

/// One change to the unit tree: `create` (under `unit`, named `name`),
/// `rename` (`unit` to `name`), `move` (`unit` under `target`) or `merge`
/// (`unit` into `target`).
#[server(prefix = "/api", endpoint = "change_unit")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn change_unit(action: String, unit: String, name: String, target: String) -> Result<(), AppError> {
    use crate::hr::admin_service as admin;
    let (state, user) = crate::server::request()?;
    let db = &state.db;
    match action.as_str() {
        "create" => admin::create_unit(db, &user, &unit, &name).await.map(|_| ()),
        "rename" => admin::rename_unit(db, &user, &unit, &name).await,
        "move" => admin::move_unit(db, &user, &unit, &target).await,
        "merge" => admin::merge_units(db, &user, &unit, &target).await,
        _ => Err(AppError::Invalid("Choose create, rename, move or merge.".into())),
    }
}
