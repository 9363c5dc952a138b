//! One file per route of this feature.

pub mod forgot;
pub mod login;
pub mod password;
pub mod set_password;
