//! Tend: the shared crate, one folder per feature. Each feature holds its wire
//! types, pure rules, server functions, pages and components; its service,
//! access rules and repository sit behind the `ssr` feature. What every
//! feature uses stays here at the root: `error`, `shared` (ids, dates, uuid7,
//! url), `ui` (generic components), `server` (state, database, schema, authz,
//! repository helpers, seeding, test helpers) and `offline` (the browser's
//! storage). See docs/architecture.md.

#![recursion_limit = "512"]

pub mod app;
pub mod error;
#[cfg(feature = "hydrate")]
pub mod offline;
#[cfg(feature = "ssr")]
pub mod server;
pub mod shared;
pub mod ui;

pub mod anonymity;
pub mod stats;

pub mod auth;
pub mod bias;
pub mod calibration;
pub mod capture;
pub mod dashboards;
pub mod email;
pub mod feedback;
pub mod goals;
pub mod hr;
pub mod notify;
pub mod one_on_ones;
pub mod people;
pub mod reminders;
pub mod reviews;
pub mod today;

pub use app::{shell, App};
pub use error::AppError;

/// Browser entry point: attaches the reactive system to the server-rendered HTML.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
}

/// The feedback scorer, exported so the browser benchmark can time it in
/// wasm exactly as the form runs it. Returns the score 0–100.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn score_feedback(text: &str, suggestion: &str) -> u8 {
    feedback::quality::score(feedback::model::FeedbackKind::Constructive, text, suggestion).score
}
