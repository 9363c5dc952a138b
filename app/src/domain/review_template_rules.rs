//! The review template rules feature.
