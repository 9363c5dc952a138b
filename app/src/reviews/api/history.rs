//! Review history server functions: HR imports past cycles from CSV. The
//! checks and the authorisation live in `reviews::import_service`.

use crate::error::AppError;
use crate::reviews::model::ImportSummary;
use leptos::prelude::*;

/// The most a pasted file may hold; larger files go through
/// `tend import-reviews` (the server's request limit is 2 MiB).
pub const MAX_PASTE: usize = 1_900_000;

/// HR imports historical review cycles from CSV text (`docs/import.md`).
#[server(prefix = "/api", endpoint = "import_reviews")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn import_reviews(csv: String) -> Result<ImportSummary, AppError> {
    let (state, user) = crate::server::request()?;
    crate::server::authz::ensure_hr(&user)?;
    if csv.trim().is_empty() {
        return Err(AppError::Invalid(
            "Paste the CSV, header line first (see the format below).".into(),
        ));
    }
    if csv.len() > MAX_PASTE {
        return Err(AppError::Invalid(
            "That file is too large to paste; run `tend import-reviews FILE` on the server instead.".into(),
        ));
    }
    crate::reviews::import_service::import_as(&state.db, &user, &csv, crate::shared::date::Day::today()).await
}
