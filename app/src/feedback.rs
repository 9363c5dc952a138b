//! Continuous feedback, asks and the perception gap. Pure: `rules` (what
//! makes feedback savable), `quality` (the feedback quality scorer) and
//! `perception` (claimed vs received vs perceived). Server: `access`
//! (exactly the entry's visibility), `service` (give, edit, correct,
//! delete, acknowledge, rate, read), `perception_service` and `repo`.

// Browser and server: wire types, pure rules, server functions, views.
pub mod api;
pub mod components;
pub mod model;
pub mod pages;
pub mod perception;
pub mod quality;
pub mod rules;

// Server only: use cases, access rules, SurrealQL.
#[cfg(feature = "ssr")]
pub mod access;
#[cfg(feature = "ssr")]
pub mod perception_service;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
