//! The feedback feature.

#[cfg(feature = "ssr")]
pub mod access;
pub mod api;
pub mod components;
pub mod model;
pub mod pages;
pub mod perception;
#[cfg(feature = "ssr")]
pub mod perception_service;
pub mod quality;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
