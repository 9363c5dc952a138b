//! This feature's presentational pieces.

pub mod bits;
pub mod form;
pub mod kr_editor;
pub mod progress_chart;
pub mod tree_item;
