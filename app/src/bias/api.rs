//! The bias flags of a review cycle, cut to what the viewer may see.

use crate::error::AppError;

use leptos::prelude::*;

/// The flags of one cycle: HR sees all, a skip-level leader their part of
/// the organisation, anyone else their own patterns as coaching.
#[server(prefix = "/api", endpoint = "bias_report")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn bias_report(cycle: String) -> Result<crate::bias::model::BiasReport, AppError> {
    let (state, user) = crate::server::request()?;
    crate::bias::service::report(&state.db, &user, &cycle).await
}

/// The detectors' thresholds and their defaults, for HR's tuning form.
#[server(prefix = "/api", endpoint = "bias_thresholds")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn bias_thresholds() -> Result<crate::bias::model::BiasThresholds, AppError> {
    let (state, user) = crate::server::request()?;
    crate::bias::service::tuning::current(&state.db, &user).await
}

/// HR sets every detector's minimum and significance level; each field is
/// checked against bounds that keep two ratings or a group under 5 from
/// ever being a flag.
#[server(prefix = "/api", endpoint = "tune_bias_thresholds")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn tune_bias_thresholds(input: crate::bias::analysis::tuning::ThresholdInput) -> Result<(), AppError> {
    let (state, user) = crate::server::request()?;
    crate::bias::service::tuning::tune(&state.db, &user, &input).await
}
