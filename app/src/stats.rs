//! The stats feature.

pub mod counters;
#[cfg(feature = "ssr")]
pub mod rebuild;
#[cfg(feature = "ssr")]
pub mod repo;
