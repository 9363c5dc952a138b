//! The "today" home page: one list of what needs the signed-in person now,
//! each item linking to where it is done, for every role; for managers,
//! their team's needs-attention items too. Items disappear when done, and
//! the page refreshes live. It reads other features through their services.

// Browser and server: wire types, pure ordering, server function, page.
pub mod api;
pub mod model;
pub mod pages;
pub mod rules;

// Server only.
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
