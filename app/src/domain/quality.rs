//! The quality feature.
