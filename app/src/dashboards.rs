//! The three dashboards (a manager's team, the skip-level quality audit,
//! HR's organisation view) and the live updates behind them. `needs_attention`
//! is the pure "needs attention" rules. Server: `service` reads the counters
//! (`stats`), `repo` the few other reads (open actions, vague goals, HR
//! events), `live` pumps the change feed to `GET /api/live`;
//! `ui::live` is its browser end.

// Browser and server: wire types, pure rules, server functions, views.
pub mod api;
pub mod model;
pub mod needs_attention;
pub mod pages;

// Server only: use cases, access rules, SurrealQL.
#[cfg(feature = "ssr")]
pub mod live;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
