//! Signing in and out. `model` checks the sign-in form, `api` holds the
//! login, logout and "who am I" server functions, `session` the browser's
//! view of who is signed in, `pages` the sign-in page. On the server,
//! `service` hashes passwords (Argon2id), issues and resolves session tokens,
//! sets the cookie and rate-limits failed sign-ins; `repo` stores sessions.
//! `links` (pure), `service::links` and `repo::links` are the single-use
//! invitation and reset links; their mail goes through `email`.

// Browser and server: wire types, pure rules, server functions, views.
pub mod api;
pub mod links;
pub mod model;
pub mod pages;
pub mod password_policy;
pub mod session;
pub mod sso;

// Server only: use cases, access rules, SurrealQL.
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
