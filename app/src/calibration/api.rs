//! Calibration of a review cycle, for HR and skip-level leaders.

use crate::error::AppError;
use leptos::prelude::*;

/// Manager ratings beside calibrated ones, distributions per manager, and
/// the bias flags the viewer may see; `unit` (empty: all) cuts it to the
/// people in one org unit and below.
#[server(prefix = "/api", endpoint = "calibration_view")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn calibration_view(
    cycle: String,
    unit: String,
) -> Result<crate::calibration::model::CalibrationView, AppError> {
    let (state, user) = crate::server::request()?;
    crate::calibration::service::view(&state.db, &user, &cycle, &unit).await
}

/// The cycles the viewer may calibrate, latest first, as (key, name);
/// empty for anyone who calibrates nobody.
#[server(prefix = "/api", endpoint = "calibration_cycles")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn calibration_cycles() -> Result<Vec<(String, String)>, AppError> {
    let (state, user) = crate::server::request()?;
    crate::calibration::service::cycles(&state.db, &user).await
}

/// Sets one person's calibrated rating (1–5) and potential (empty or 1–3);
/// the reason is required and kept with the original rating.
#[server(prefix = "/api", endpoint = "adjust_rating")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn adjust_rating(
    cycle: String,
    ratee: String,
    rating: String,
    potential: String,
    reason: String,
) -> Result<(), AppError> {
    let (state, user) = crate::server::request()?;
    crate::calibration::service::adjust(&state.db, &user, &cycle, &ratee, &rating, &potential, &reason).await
}
