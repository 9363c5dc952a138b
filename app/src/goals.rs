//! Cascading OKR / SMART goals. Pure: `rules` (what a goal must hold to be
//! saved), `smart` (the SMART checker's hints), `rollup` (progress from key
//! results and aligned goals), `status` (suggested status) and
//! `team_attention` (a manager's reports without goals or check-ins).
//! Server: `access` (who may see, edit and align), `service` (changes with
//! their audit events and roll-up; `service::reads` for lists and pages) and
//! `repo`.

// Browser and server: wire types, pure rules, server functions, views.
pub mod api;
pub mod components;
pub mod model;
pub mod pages;
pub mod rollup;
pub mod rules;
pub mod smart;
pub mod status;
pub mod team_attention;

// Server only: use cases, access rules, SurrealQL.
#[cfg(feature = "ssr")]
pub mod access;
#[cfg(feature = "ssr")]
pub mod notices;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
