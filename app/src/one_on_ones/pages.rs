//! One file per route of this feature.

pub mod list;
pub mod meeting;
