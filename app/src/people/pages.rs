//! One file per route of this feature.

pub mod directory;
pub mod home;
pub mod person;
pub mod team;
