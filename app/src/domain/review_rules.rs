//! The review rules feature.
