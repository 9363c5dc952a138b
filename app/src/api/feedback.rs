//! The feedback feature.
