//! Review cycles: templates, phases, writing (self, manager, peer, upward),
//! peers, results with anonymity, progress, evidence, and import / export of
//! past cycles. Pure: `rules`, `phase`, `template_rules`, `evidence` (a
//! rating against its evidence), `results` (anonymous groups), `release` (when they are shown, frozen), `progress`
//! (tallies to rows) and `import_check` (CSV checks). Server: `service`
//! (start, write, submit), `peers_service`, `results_service`,
//! `progress_service`, `evidence_service`, `template_service`,
//! `import_service` and `repo`.

// Browser and server: wire types, pure rules, server functions, views.
pub mod api;
pub mod evidence;
pub mod import_check;
pub mod model;
pub mod pages;
pub mod phase;
pub mod progress;
pub mod release;
pub mod results;
pub mod rules;
pub mod template_rules;

// Server only: use cases, access rules, SurrealQL.
#[cfg(feature = "ssr")]
pub mod evidence_service;
#[cfg(feature = "ssr")]
pub mod import_service;
#[cfg(feature = "ssr")]
pub mod notices;
#[cfg(feature = "ssr")]
pub mod peers_service;
#[cfg(feature = "ssr")]
pub mod progress_service;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod results_service;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod template_service;
