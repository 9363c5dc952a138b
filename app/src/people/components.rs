//! This feature's presentational pieces.

pub mod colleague_picker;
pub mod person_list;
pub mod role_badges;
