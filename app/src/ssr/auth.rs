//! The auth feature.
