//! The bias service feature.
