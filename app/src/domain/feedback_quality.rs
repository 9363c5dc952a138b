//! The feedback quality feature.
