//! This feature's presentational pieces.

pub mod form;
pub mod outbox_list;
