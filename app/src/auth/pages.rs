//! One file per route of this feature.

pub mod login;
pub mod password;
