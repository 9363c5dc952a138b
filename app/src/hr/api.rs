//! HR administration's server functions: the people import, checked then
//! applied; `admin` holds the one-at-a-time changes.

pub mod admin;

use crate::error::AppError;
use crate::hr::model::{ImportOptions, ImportPreview};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Largest file the import page sends (about 60,000 people); the command
/// line takes up to `import_service::MAX_BYTES`.
pub const MAX_UPLOAD: usize = 8 * 1024 * 1024;

/// The server functions that carry a whole file, and so get a larger
/// request body than every other endpoint (`server::router`).
pub const UPLOAD_PATHS: [&str; 2] = ["/api/check_people_import", "/api/apply_people_import"];

#[cfg(feature = "ssr")]
fn validate(csv: &str) -> Result<(), AppError> {
    if csv.trim().is_empty() {
        return Err(AppError::Invalid(
            "Choose the people file (CSV), or paste it, header line first.".into(),
        ));
    }
    if csv.len() > MAX_UPLOAD {
        return Err(AppError::Invalid(format!(
            "The file is larger than {} MiB; run `tend import-people FILE` on the server instead. Nothing was imported.",
            MAX_UPLOAD / 1024 / 1024
        )));
    }
    Ok(())
}

/// What a people file would change, writing nothing (HR only).
#[server(prefix = "/api", endpoint = "check_people_import", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn check_people_import(csv: String, options: ImportOptions) -> Result<ImportPreview, AppError> {
    let (state, user) = crate::server::request()?;
    crate::server::authz::ensure_hr(&user)?;
    validate(&csv)?;
    let today = crate::shared::date::Day::today();
    Ok(crate::hr::import_service::check(&state.db, &csv, options, today)
        .await?
        .preview)
}

/// Applies a people file HR has checked: all of it or nothing, and only if
/// the organisation is as it was when `fingerprint` was read (HR only).
#[server(prefix = "/api", endpoint = "apply_people_import", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn apply_people_import(
    csv: String,
    options: ImportOptions,
    fingerprint: String,
) -> Result<ImportPreview, AppError> {
    let (state, user) = crate::server::request()?;
    crate::server::authz::ensure_hr(&user)?;
    validate(&csv)?;
    if options.invite {
        state.passwords_allowed()?;
    }
    let today = crate::shared::date::Day::today();
    let mail = Some(state.mail.as_ref());
    crate::hr::import_service::apply(
        &state.db,
        Some(&user.id),
        &csv,
        options,
        today,
        Some(&fingerprint),
        mail,
    )
    .await
}
