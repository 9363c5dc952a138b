//! CSV downloads: `GET /reviews/export.csv?cycle=NAME`, a cycle's self and
//! manager reviews, for HR; `GET /reviews/calibration.csv?cycle=KEY[&unit=KEY]`, its
//! original and calibrated ratings side by side, for calibrators;
//! `GET /people/export.csv[?demographics=true]`, everyone in the people
//! import's format, for HR.

use crate::middleware::error_response;
use app::error::AppError;
use app::server::state::AppState;
use app::server::CurrentUser;
use axum::extract::{Query, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Cycle {
    cycle: Option<String>,
    /// Calibration only: cut to one org unit.
    unit: Option<String>,
}

/// A file name made only of safe characters, for Content-Disposition.
fn file_name(prefix: &str, cycle: &str) -> String {
    let stem: String = cycle
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' })
        .take(60)
        .collect();
    format!("{prefix}-{stem}.csv")
}

pub async fn reviews(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Query(q): Query<Cycle>,
) -> Response {
    let Some(Extension(user)) = user else {
        return error_response(AppError::Unauthorized);
    };
    let cycle = q.cycle.unwrap_or_default();
    if cycle.trim().is_empty() || cycle.len() > 120 {
        return error_response(AppError::Invalid("Name the cycle to export.".into()));
    }
    match app::reviews::import_service::export_as(&state.db, &user, &cycle).await {
        Ok(csv) => download(csv, &file_name("tend-reviews", &cycle)),
        Err(e) => error_response(e),
    }
}

pub async fn calibration(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Query(q): Query<Cycle>,
) -> Response {
    let Some(Extension(user)) = user else {
        return error_response(AppError::Unauthorized);
    };
    let (cycle, unit) = (q.cycle.unwrap_or_default(), q.unit.unwrap_or_default());
    match app::calibration::service::export(&state.db, &user, &cycle, &unit).await {
        Ok((name, csv)) => download(csv, &file_name("tend-calibration", &name)),
        Err(e) => error_response(e),
    }
}

#[derive(Deserialize)]
pub struct PeopleExport {
    demographics: Option<bool>,
}

pub async fn people(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Query(q): Query<PeopleExport>,
) -> Response {
    let Some(Extension(user)) = user else {
        return error_response(AppError::Unauthorized);
    };
    if let Err(e) = app::server::authz::ensure_hr(&user) {
        return error_response(e);
    }
    match app::hr::import_service::export(&state.db, q.demographics.unwrap_or(false)).await {
        Ok(csv) => download(csv, "tend-people.csv"),
        Err(e) => error_response(e),
    }
}

fn download(csv: String, file: &str) -> Response {
    let mut res = csv.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{file}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_names_keep_only_safe_characters() {
        assert_eq!(
            super::file_name("tend-reviews", "2025 H2/\"x\""),
            "tend-reviews-2025_H2__x_.csv"
        );
    }
}
