//! The goal rules feature.
