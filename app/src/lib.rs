//! Tend: the shared crate. Pages, components, wire types and server functions
//! live here; server-only code sits behind the `ssr` feature and the browser
//! entry point behind `hydrate`.

#![recursion_limit = "512"]

pub mod api;
pub mod app;
pub mod components;
pub mod domain;
pub mod error;
#[cfg(feature = "hydrate")]
pub mod live_client;
pub mod model;
#[cfg(feature = "hydrate")]
pub mod offline;
pub mod pages;
pub mod session;
#[cfg(feature = "ssr")]
pub mod ssr;

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
    domain::feedback_quality::score(model::FeedbackKind::Constructive, text, suggestion).score
}
