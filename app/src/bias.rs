//! Bias analytics for a review cycle. `analysis` holds the detectors as pure
//! code (leniency and severity, central tendency, halo, recency, affinity,
//! group gaps), HR's tuning bounds, coaching wording and the synthetic
//! organisations that prove them (docs/bias.md). `service` loads a cycle
//! and cuts the flags to what the viewer may see; `repo` reads the cycle's
//! scores and the stored thresholds.

// Browser and server: wire types, pure rules, server functions, views.
pub mod analysis;
pub mod api;
pub mod model;
pub mod pages;

// Server only: use cases, access rules, SurrealQL.
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
