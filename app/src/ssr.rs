//! The ssr feature.

pub mod auth;
pub mod bias_service;
pub mod calibration_service;
pub mod dashboard_service;
pub mod goal_service;
pub mod repo;
pub mod review_evidence;
pub mod review_import;
pub mod review_progress;
pub mod review_results_service;
pub mod review_service;
pub mod review_template_service;
pub mod seed;
pub mod stats_rebuild;
