//! One file per route of this feature.

pub mod audit;
pub mod org;
pub mod team;
