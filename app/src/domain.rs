//! The domain feature.

pub mod bias;
pub mod feedback_quality;
pub mod goal_rules;
pub mod outbox;
pub mod quality;
pub mod review_evidence;
pub mod review_import;
pub mod review_phase;
pub mod review_results;
pub mod review_rules;
pub mod review_template_rules;
pub mod stats;
