//! One file per route of this feature.

pub mod audit;
pub mod entry;
pub mod feed;
pub mod new;
pub mod overview;
pub mod perception_check;
pub mod team;
