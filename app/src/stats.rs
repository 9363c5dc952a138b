//! The counters the database keeps for dashboards and bias: per person and
//! day, per group and week or quarter, and the bias evidence per day.
//! Events in the migrations update them with every write; `counters` is the
//! same arithmetic in Rust, which `rebuild` (`tend rebuild-stats`) uses to
//! recompute them from the source records; `repo` reads and replaces them.

// Browser and server: wire types, pure rules, server functions, views.
pub mod counters;

// Server only: use cases, access rules, SurrealQL.
#[cfg(feature = "ssr")]
pub mod rebuild;
#[cfg(feature = "ssr")]
pub mod repo;
