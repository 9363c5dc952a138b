//! One file per route of this feature.

pub mod cycles;
pub mod evidence;
pub mod history;
pub mod list;
pub mod peers;
pub mod progress;
pub mod results;
pub mod templates;
pub mod write;
