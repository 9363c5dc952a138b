//! The review phase feature.
