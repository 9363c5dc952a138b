//! Server-only code: state, database, schema, repositories, auth and seeding.
//! Nothing in here reaches the wasm build.

pub mod auth;
pub mod authz;
pub mod bias_service;
pub mod calibration_service;
pub mod capture_service;
pub mod dashboard_service;
pub mod db;
pub mod feedback_access;
pub mod feedback_service;
pub mod goal_access;
pub mod goal_service;
pub mod live;
pub mod one_on_one_service;
pub mod perception_service;
pub mod repo;
pub mod review_evidence;
pub mod review_import;
pub mod review_peers;
pub mod review_progress;
pub mod review_results_service;
pub mod review_service;
pub mod review_template_service;
pub mod schema;
pub mod seed;
pub mod state;
pub mod stats_rebuild;
#[cfg(test)]
pub mod testing;

use crate::error::AppError;
pub use auth::CurrentUser;
pub use state::AppState;

/// The application state, as provided by `leptos_routes_with_context`.
pub fn state() -> Result<AppState, AppError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| AppError::internal("AppState missing from context"))
}

/// The signed-in person for this request, resolved once by the auth gate
/// middleware and carried in the request's extensions.
pub fn current_user() -> Result<CurrentUser, AppError> {
    let parts = leptos::prelude::use_context::<http::request::Parts>().ok_or(AppError::Unauthorized)?;
    parts
        .extensions
        .get::<CurrentUser>()
        .cloned()
        .ok_or(AppError::Unauthorized)
}

/// The state and signed-in person together: the start of most server functions.
pub fn request() -> Result<(AppState, CurrentUser), AppError> {
    Ok((state()?, current_user()?))
}
