//! Server-only code every feature uses: the application state, the database
//! connection and schema runner, `authz` (who may reach whom), the repository
//! helpers, the demo seeder and test helpers. Nothing in here reaches the wasm
//! build; features keep their own services and repositories.

pub mod authz;
pub mod csv;
pub mod db;
pub mod jobs;
pub mod repo;
pub mod schema;
pub mod security;
pub mod seed;
// Real test servers on Node.js: an SMTP server for the tests and `tend
// bench --only email`, an OpenID provider for the tests and `--only oidc`.
pub mod node_server;
pub mod oidc_provider;
pub mod smtp_sink;
pub mod state;
#[cfg(test)]
pub mod testing;

pub use crate::auth::service::CurrentUser;
use crate::error::AppError;
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
