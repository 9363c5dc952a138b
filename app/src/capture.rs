//! Offline capture: a note, feedback or a check-in written right after the
//! moment, kept in the browser's outbox and synced exactly once. Pure:
//! `outbox` (the sync state machine), `rules` (checks on a captured item),
//! `note_merge` (which version of a note wins). `state` is the capture
//! page's shared view of the outbox; the browser storage is in
//! `crate::offline`. Server: `service` stores each item under its own key,
//! `repo` the notes and their versions.

// Browser and server: wire types, pure rules, server functions, views.
pub mod api;
pub mod components;
pub mod model;
pub mod note_merge;
pub mod outbox;
pub mod pages;
pub mod rules;
pub mod state;

// Server only: use cases, access rules, SurrealQL.
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
