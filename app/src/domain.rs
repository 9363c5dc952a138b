//! Pure logic shared by the browser and the server: dates, goal validation,
//! the SMART checker, progress roll-up and status suggestion.

pub mod attention;
pub mod date;
pub mod goal_rules;
pub mod quality;
pub mod rollup;
pub mod status;
