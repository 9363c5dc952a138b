//! The capture feature.

pub mod api;
pub mod components;
pub mod model;
pub mod note_merge;
pub mod outbox;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
pub mod state;
