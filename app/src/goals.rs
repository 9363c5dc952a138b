//! The goals feature.

#[cfg(feature = "ssr")]
pub mod access;
pub mod api;
pub mod components;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod rollup;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
pub mod smart;
pub mod status;
pub mod team_attention;
