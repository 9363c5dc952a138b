//! The dashboards feature.

pub mod api;
#[cfg(feature = "ssr")]
pub mod live;
#[cfg(feature = "hydrate")]
pub mod live_client;
pub mod model;
pub mod needs_attention;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
