//! Reminders and escalation: a scheduled scan (one process at a time, by
//! a lease) finds work that is due or overdue and tells the person once per
//! occasion; past a threshold it tells their manager, then HR. A reminder
//! stops by itself when the work is done, because each scan starts from
//! what is still open. HR tunes every rule and threshold.

// Browser and server: the rules' settings, the pure rules, server functions, page.
pub mod api;
pub mod model;
pub mod pages;
pub mod rules;

// Server only.
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
