//! One file per route of this feature.

pub mod capture;
