//! 1:1s between a manager and a direct report (shared agenda, private
//! notes, action items) and coaching records. `service` holds who may do
//! what; `repo` the series, meetings, agendas, notes, actions and coaching.

// Browser and server: wire types, pure rules, server functions, views.
pub mod api;
pub mod model;
pub mod pages;

// Server only: use cases, access rules, SurrealQL.
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
