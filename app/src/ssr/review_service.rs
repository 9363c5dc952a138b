//! The review service feature.
