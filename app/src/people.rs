//! People and the org chart: the home page, a person's page, the team view
//! and HR's directory. `repo` is the org chart every other feature reads
//! (who reports to whom, placements, org units and headcounts); `service`
//! cuts each read to the viewer's reach through `server::authz`.

// Browser and server: wire types, pure rules, server functions, views.
pub mod api;
pub mod components;
pub mod model;
pub mod pages;

// Server only: use cases, access rules, SurrealQL.
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
