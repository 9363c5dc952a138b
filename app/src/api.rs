//! Server functions, one file per area. Each is thin: authenticate, authorise,
//! validate, call a repository, map the result.

pub mod auth;
pub mod people;
#[cfg(all(test, feature = "ssr"))]
mod tests;

pub use auth::{current_viewer, Login, Logout};
pub use people::{get_home, get_person, get_team, search_people, Home, TeamGroup};
