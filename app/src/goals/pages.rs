//! One file per route of this feature.

pub mod edit;
pub mod goal;
pub mod mine;
pub mod review;
pub mod team;
pub mod tree;
