//! Pure logic shared by the browser and the server: dates, goal validation,
//! the SMART checker, progress roll-up, status suggestion, the feedback
//! scorer and the anonymity rules.

pub mod anonymity;
pub mod attention;
pub mod bias;
pub mod calibration;
pub mod capture_rules;
pub mod date;
pub mod feedback_quality;
pub mod feedback_rules;
pub mod goal_rules;
pub mod needs_attention;
pub mod note_merge;
pub mod outbox;
pub mod perception;
pub mod quality;
pub mod review_evidence;
pub mod review_import;
pub mod review_phase;
pub mod review_progress;
pub mod review_results;
pub mod review_rules;
pub mod review_template_rules;
pub mod rollup;
pub mod stats;
pub mod status;
pub mod url;
pub mod uuid7;
