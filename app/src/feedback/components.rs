//! This feature's presentational pieces.

pub mod card;
pub mod form;
