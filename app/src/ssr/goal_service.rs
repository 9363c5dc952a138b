//! The goal service feature.
