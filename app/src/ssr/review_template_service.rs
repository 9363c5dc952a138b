//! The review template service feature.
