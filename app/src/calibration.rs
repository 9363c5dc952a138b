//! Calibration of a review cycle: each manager's distribution with its bias
//! flags, the 9-box grid and adjustments with a reason (`rules` for the grid
//! and the rating a review gives). HR calibrates everyone, a skip-level
//! leader the people below them; `service` decides who sees what.

// Browser and server: wire types, pure rules, server functions, views.
pub mod api;
pub mod model;
pub mod pages;
pub mod rules;

// Server only: use cases, access rules, SurrealQL.
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
