//! The counters the database keeps for dashboards and bias: per person and
//! day, per group and week or quarter, and the bias evidence per day.
//! Events in the migrations record what each write adds (`stat_delta`) and
//! `fold` adds that to the counters after commit; `counters` is the
//! same arithmetic in Rust, which `rebuild` (`tend rebuild-stats`) uses to
//! recompute them from the source records; `repo` reads and replaces them.

// Browser and server: wire types, pure rules, server functions, views.
pub mod counters;

// Server only: use cases, access rules, SurrealQL.
#[cfg(feature = "ssr")]
pub mod fold;
#[cfg(feature = "ssr")]
pub mod rebuild;
#[cfg(feature = "ssr")]
pub mod repo;
