//! The reviews feature.

pub mod api;
pub mod evidence;
#[cfg(feature = "ssr")]
pub mod evidence_service;
pub mod import_check;
#[cfg(feature = "ssr")]
pub mod import_service;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod peers_service;
pub mod phase;
pub mod progress;
#[cfg(feature = "ssr")]
pub mod progress_service;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod results;
#[cfg(feature = "ssr")]
pub mod results_service;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
pub mod template_rules;
#[cfg(feature = "ssr")]
pub mod template_service;
